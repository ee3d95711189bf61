/* hw: Taylor's double-seasonal Holt-Winters (J. W. Taylor, "Short-term electricity
 * demand forecasting using double seasonal exponential smoothing", JORS 54, 2003): a
 * level, a daily cycle (one value per slot of the day) and a weekly cycle (one per slot
 * of the week), each corrected by the one-step error, plus Taylor's AR(1) adjustment of
 * that error, whose effect decays as phi^k over the lead time k.  No trend: a week ahead
 * an extrapolated slope costs more than it gains.
 *
 * Seasonality is multiplicative (the daily cycle scales with the level, as in Taylor's
 * paper) when every open slot of the week has a typical count of 5 or more, additive
 * otherwise: the multiplicative updates divide by the seasonal index, and quiet night
 * hours of 0 or 1 arrival would make them jump.
 *
 * Closed, missing and holiday slots leave the state alone (the AR error decays through
 * them).  The parameters (alpha, delta, omega, phi) minimise in-sample squared errors,
 * by Nelder-Mead on their logits, over at most the last HW_WEEKS weeks (enough for the
 * weekly cycle to settle, and a bound on the cost of a fit).  The errors are those one
 * step ahead (Taylor's criterion, which alone fits phi) and a week ahead, equally
 * weighted: fitted on one-step errors alone, hourly call volumes get a level that chases
 * the last hours (alpha near 0.2) and a week-ahead forecast worse than seasonal naive;
 * the week-ahead forecasts come from the same pass (a ring of the last week's). */
#include <config.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <rota/rota.h>
#include "forecast-model.h"

#define HW_WEEKS 8
#define HW_MULT_MIN 5.0
#define HW_EVALS 120
#define HW_REFIT_EVALS 30

typedef struct hw_params {
	double alpha, delta, omega, phi;
	int mult;
	double x[4];            /* the logits they came from, to start a refit */
} hw_params;

typedef struct hw_state {
	double level, err;      /* err: the last one-step error, decayed over unused slots */
	double *day, *week;     /* spd and 7 * spd seasonal indices */
} hw_state;

static size_t
window_start(const fc_data *d)
{
	size_t w = HW_WEEKS * d->week;
	return d->n > w ? d->n - w : 0;
}

/* The weekly cycle of the window against each week's own mean (so that a trend does
 * not leak into it), the mean of the weeks' means as the starting level (when the fit
 * finds the level steady, alpha near 0, the forecast is then the window's level, not
 * its first week's), and whether the cycle is strong enough everywhere for
 * multiplicative seasonality. */
static int
hw_init(const fc_data *d, size_t s0, hw_state *st, int mult)
{
	size_t W = d->week, nw = (d->n - s0) / W;
	double *sum = rota_xcalloc(W, sizeof *sum), *raw = rota_xcalloc(W, sizeof *raw);
	size_t *cnt = rota_xcalloc(W, sizeof *cnt);
	double lsum = 0;
	size_t lcnt = 0;
	for (size_t w = 0; w < nw; w++) {
		size_t b = d->n - (nw - w) * W;
		double m = 0;
		size_t k = 0;
		for (size_t i = 0; i < W; i++)
			if (d->use[b + i]) {
				m += d->y[b + i];
				k++;
			}
		if (!k)
			continue;
		m /= (double)k;
		lsum += m;
		lcnt++;
		for (size_t i = 0; i < W; i++)
			if (d->use[b + i]) {
				size_t q = (b + i) % W;
				sum[q] += mult ? (m > 0 ? d->y[b + i] / m : 1) : d->y[b + i] - m;
				raw[q] += d->y[b + i];
				cnt[q]++;
			}
	}
	int strong = 1, any = 0;
	for (size_t q = 0; q < W; q++) {
		if (cnt[q]) {
			any = 1;
			if (raw[q] / (double)cnt[q] < HW_MULT_MIN)
				strong = 0;
		}
		st->week[q] = cnt[q] ? sum[q] / (double)cnt[q] : (mult ? 1 : 0);
		if (mult && st->week[q] < 1e-3)
			st->week[q] = 1e-3;
	}
	for (int p = 0; p < d->spd; p++)
		st->day[p] = mult ? 1 : 0;
	st->level = lcnt ? lsum / (double)lcnt : 0;
	st->err = 0;
	free(sum);
	free(raw);
	free(cnt);
	return any && strong && st->level > 0;
}

/* Run the recursion from s0 to d->n.  With ring (a week of doubles), return the fitting
 * criterion: the mean of the sums of squared one-step errors and of squared week-ahead
 * errors, each after the first week (the burn-in of the cycles). */
static double
hw_run(const fc_data *d, size_t s0, const hw_params *pr, hw_state *st, double *ring)
{
	size_t H = ring ? d->week : 0;
	double sseH = 0;
	size_t W = d->week, spd = (size_t)d->spd;
	double a = pr->alpha, dl = pr->delta, om = pr->omega, phi = pr->phi;
	double l = st->level, e = st->err, sse = 0;
	double *D = st->day, *S = st->week;
	size_t p = s0 % spd, q = s0 % W;
	for (size_t t = s0; t < d->n; t++) {
		if (d->use[t]) {
			double y = d->y[t], f, eps;
			if (pr->mult) {
				double ds = D[p] * S[q];
				f = l * ds;
				eps = y - f;
				double lp = l + a * eps / ds;
				if (lp < 1e-6 * (l + 1e-9))
					lp = 1e-6 * (l + 1e-9);
				D[p] += dl * eps / (lp * S[q]);
				if (D[p] < 1e-3)
					D[p] = 1e-3;
				S[q] += om * eps / (lp * D[p]);
				if (S[q] < 1e-3)
					S[q] = 1e-3;
				l = lp;
			} else {
				f = l + D[p] + S[q];
				eps = y - f;
				l += a * eps;
				D[p] += dl * eps;
				S[q] += om * eps;
			}
			if (t >= s0 + W) {
				double r = eps - phi * e;
				sse += r * r;
			}
			if (H && t >= s0 + W + H) {
				double r = y - ring[t % H];
				sseH += r * r;
			}
			e = eps;
		} else {
			e *= phi;
		}
		if (H) {
			size_t t2 = t + H, p2 = t2 % spd, q2 = t2 % W;
			ring[t % H] = pr->mult ? l * D[p2] * S[q2] : l + D[p2] + S[q2];
		}
		if (++p == spd)
			p = 0;
		if (++q == W)
			q = 0;
	}
	sse = (sse + sseH) / 2;
	st->level = l;
	st->err = e;
	return sse;
}

typedef struct hw_fit_ctx {
	const fc_data *d;
	size_t s0;
	int mult;
	hw_state init, work;
	double *ring;
} hw_fit_ctx;

static double
logistic(double x)
{
	return 1 / (1 + exp(-x));
}

static void
hw_decode(const double *x, int mult, hw_params *p)
{
	p->alpha = logistic(x[0]);
	p->delta = logistic(x[1]);
	p->omega = logistic(x[2]);
	p->phi = 0.99 * logistic(x[3]);
	p->mult = mult;
}

static void
state_copy(hw_state *dst, const hw_state *src, const fc_data *d)
{
	dst->level = src->level;
	dst->err = src->err;
	memcpy(dst->day, src->day, (size_t)d->spd * sizeof *dst->day);
	memcpy(dst->week, src->week, d->week * sizeof *dst->week);
}

static double
hw_cost(const double *x, void *vctx)
{
	hw_fit_ctx *c = vctx;
	hw_params p;
	hw_decode(x, c->mult, &p);
	state_copy(&c->work, &c->init, c->d);
	double sse = hw_run(c->d, c->s0, &p, &c->work, c->ring);
	return isfinite(sse) ? sse : HUGE_VAL;
}

static void
state_alloc(hw_state *st, const fc_data *d)
{
	st->day = rota_xmalloc((size_t)d->spd * sizeof *st->day);
	st->week = rota_xmalloc(d->week * sizeof *st->week);
}

static void
state_free(hw_state *st)
{
	free(st->day);
	free(st->week);
}

static hw_params *
hw_fit_from(const fc_data *d, const double *start, double step, int evals)
{
	hw_fit_ctx c = {d, window_start(d), 0, {0, 0, NULL, NULL}, {0, 0, NULL, NULL}, NULL};
	c.ring = rota_xmalloc(d->week * sizeof *c.ring);
	state_alloc(&c.init, d);
	state_alloc(&c.work, d);
	c.mult = hw_init(d, c.s0, &c.init, 1);
	if (!c.mult)
		hw_init(d, c.s0, &c.init, 0);
	double x[4];
	memcpy(x, start, sizeof x);
	fc_nelder_mead(hw_cost, &c, x, 4, step, evals, 1e-7);
	hw_params *p = rota_xmalloc(sizeof *p);
	hw_decode(x, c.mult, p);
	memcpy(p->x, x, sizeof x);
	state_free(&c.init);
	state_free(&c.work);
	free(c.ring);
	return p;
}

static void *
hw_fit(const fc_data *d, const rota_fc_opts *o)
{
	(void)o;
	/* From small smoothing constants and a strong AR term: the fit Taylor reports for
	 * half-hourly demand, and a safe start for noisier counts. */
	static const double x[4] = {-2.944439, -2.197225, -2.197225, 0.405465};
	return hw_fit_from(d, x, 1.0, HW_EVALS);
}

/* At an earlier origin (the interval calibration's): the parameters refitted to the
 * shorter history from the full fit, a few steps, so that the errors it sees are out of
 * sample like those of the forecast itself. */
static void *
hw_refit(const fc_data *d, const void *params, const rota_fc_opts *o)
{
	(void)o;
	const hw_params *p = params;
	return hw_fit_from(d, p->x, 0.3, HW_REFIT_EVALS);
}

static void
hw_point(const fc_data *d, const void *params, const rota_fc_opts *o, size_t h,
         double *mean, char *name)
{
	(void)o, (void)name;
	const hw_params *p = params;
	hw_state st;
	state_alloc(&st, d);
	size_t s0 = window_start(d);
	hw_init(d, s0, &st, p->mult);
	hw_run(d, s0, p, &st, NULL);
	size_t spd = (size_t)d->spd, W = d->week;
	double ar = st.err;
	for (size_t j = 0; j < h; j++) {
		size_t t = d->n + j, pp = t % spd, q = t % W;
		ar *= p->phi;
		mean[j] = (p->mult ? st.level * st.day[pp] * st.week[q]
		                   : st.level + st.day[pp] + st.week[q]) + ar;
	}
	state_free(&st);
}

const rota_fc_model fc_model_hw = {
	.name = "hw",
	.summary = "Taylor's double-seasonal Holt-Winters (daily and weekly cycles, AR(1) errors)",
	.min_weeks = 2,
	.fit = hw_fit,
	.refit = hw_refit,
	.point = hw_point,
};
