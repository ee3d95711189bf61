/* mstl: a multi-seasonal decomposition in the manner of MSTL (Bandara, Hyndman and
 * Bergmeir 2021): the series is trend + daily cycle + weekly cycle + remainder, found
 * by iterating
 *   trend   local linear (tricube) smoothing of the day means of the series less its
 *           cycles, over MSTL_TREND_DAYS days;
 *   daily   per slot of the day, a mean of series less trend over recent days,
 *           exponentially weighted (half-life MSTL_DAY_HALF days);
 *   weekly  per slot of the week, a mean of what the daily cycle leaves over the weeks,
 *           exponentially weighted (half-life MSTL_WEEK_HALF weeks);
 * with robustness weights (bisquare of the remainder, as STL's outer loop) so that an
 * unflagged holiday or an outage does not bend the cycles.  Only open, observed,
 * non-holiday slots take part: closed hours are structural zeros, not data.
 *
 * The forecast is the level at the end plus the last daily and weekly cycles; how the
 * level is measured (over the last 7, 14 or 28 days) and whether the local slope goes on
 * (damped by MSTL_DAMP a day) or not is chosen per series by its own last weeks: call
 * volumes whose weekly level only wobbles want a long flat level, electricity demand
 * following the weather a short one with its slope. */
#include <config.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <rota/rota.h>
#include "forecast-model.h"

#define MSTL_WEEKS 8
#define MSTL_TREND_DAYS 10.0
#define MSTL_DAY_HALF 7.0
#define MSTL_WEEK_HALF 3.0
#define MSTL_DAMP 0.8
#define MSTL_ITER 3

typedef struct mstl_fit {
	size_t s0, m, days;
	double *trend;     /* per day of the window */
	double *rw;        /* robustness weight per slot */
	double *day, *week;
	double *zd, *wd;   /* day means of the adjusted series and their weights */
} mstl_fit;

/* How the trend is continued: the level is a one-sided kernel mean over level_days,
 * the local slope is damped by damp a day (0: flat). */
typedef struct mstl_params {
	double level_days, damp;
} mstl_params;

static const mstl_params mstl_configs[] = {
	{7, 0}, {14, 0}, {28, 0}, {7, MSTL_DAMP}, {14, MSTL_DAMP}, {28, MSTL_DAMP}
};
#define MSTL_NCONF (sizeof mstl_configs / sizeof mstl_configs[0])
/* The default when the history is too short to choose: the middle way. */
#define MSTL_DEFAULT 4
#define MSTL_TUNE_ORIGINS 3

/* Local linear fit at day c of the day means z (weights w), tricube kernel of half
 * width bw days; *slope may be NULL. */
static double
local_linear(const double *z, const double *w, size_t days, double c, double bw, double *slope)
{
	double s0 = 0, s1 = 0, s2 = 0, t0 = 0, t1 = 0;
	long lo = (long)floor(c - bw), hi = (long)ceil(c + bw);
	if (lo < 0)
		lo = 0;
	if (hi > (long)days - 1)
		hi = (long)days - 1;
	for (long i = lo; i <= hi; i++) {
		double u = fabs((double)i - c) / bw;
		if (u >= 1 || w[i] <= 0)
			continue;
		double k = 1 - u * u * u;
		k = k * k * k * w[i];
		double x = (double)i - c;
		s0 += k;
		s1 += k * x;
		s2 += k * x * x;
		t0 += k * z[i];
		t1 += k * x * z[i];
	}
	double det = s0 * s2 - s1 * s1;
	if (s0 <= 0)
		return slope ? (*slope = 0, NAN) : NAN;
	if (!(det > 1e-9 * s0 * s0)) {
		if (slope)
			*slope = 0;
		return t0 / s0;
	}
	if (slope)
		*slope = (s0 * t1 - s1 * t0) / det;
	return (s2 * t0 - s1 * t1) / det;
}

static void
mstl_decompose(const fc_data *d, mstl_fit *f)
{
	size_t spd = (size_t)d->spd, W = d->week;
	size_t win = MSTL_WEEKS * W;
	/* Whole days: the window starts at a midnight. */
	f->s0 = d->n > win ? (d->n - win) / spd * spd : 0;
	f->m = d->n - f->s0;
	f->days = (f->m + spd - 1) / spd;
	f->trend = rota_xcalloc(f->days, sizeof *f->trend);
	f->rw = rota_xmalloc(f->m * sizeof *f->rw);
	f->day = rota_xcalloc(spd, sizeof *f->day);
	f->week = rota_xcalloc(W, sizeof *f->week);
	double *zd = rota_xmalloc(f->days * sizeof *zd), *wd = rota_xmalloc(f->days * sizeof *wd);
	double *seas = rota_xcalloc(f->m, sizeof *seas), *r = rota_xmalloc(f->m * sizeof *r);
	double *acc = rota_xmalloc(W * sizeof *acc), *wacc = rota_xmalloc(W * sizeof *wacc);
	for (size_t i = 0; i < f->m; i++)
		f->rw[i] = 1;
	/* Recency weights: by age in days for the daily cycle, in weeks for the weekly. */
	size_t nweeks = f->m / W + 2;
	double *dayw = rota_xmalloc(f->days * sizeof *dayw), *weekw = rota_xmalloc(nweeks * sizeof *weekw);
	for (size_t k = 0; k < f->days; k++)
		dayw[k] = exp(-log(2) / MSTL_DAY_HALF * (double)(f->days - 1 - k));
	for (size_t k = 0; k < nweeks; k++)
		weekw[k] = exp(-log(2) / MSTL_WEEK_HALF * (double)k);
	/* The first trend pass sees the weekly cycle in the day means; a week-wide
	 * smoother averages it out. */
	double bw = 3.5 + 0.5 * 7;
	for (int it = 0; it < MSTL_ITER; it++) {
		for (size_t k = 0; k < f->days; k++) {
			double s = 0, w = 0;
			for (size_t i = k * spd; i < (k + 1) * spd && i < f->m; i++)
				if (d->use[f->s0 + i]) {
					s += f->rw[i] * (d->y[f->s0 + i] - seas[i]);
					w += f->rw[i];
				}
			zd[k] = w > 0 ? s / w : 0;
			wd[k] = w;
		}
		for (size_t k = 0; k < f->days; k++) {
			double v = local_linear(zd, wd, f->days, (double)k, it ? MSTL_TREND_DAYS : bw, NULL);
			f->trend[k] = isnan(v) ? (k ? f->trend[k - 1] : 0) : v;
		}
		/* Daily cycle: recent days weigh more. */
		memset(acc, 0, spd * sizeof *acc);
		memset(wacc, 0, spd * sizeof *wacc);
		for (size_t i = 0; i < f->m; i++)
			if (d->use[f->s0 + i]) {
				size_t k = i / spd;
				double w = f->rw[i] * dayw[k];
				acc[i % spd] += w * (d->y[f->s0 + i] - f->trend[k]);
				wacc[i % spd] += w;
			}
		for (size_t p = 0; p < spd; p++)
			f->day[p] = wacc[p] > 0 ? acc[p] / wacc[p] : 0;
		/* Weekly cycle of what is left, by slot of the week, recent weeks weigh more. */
		memset(acc, 0, W * sizeof *acc);
		memset(wacc, 0, W * sizeof *wacc);
		for (size_t i = 0; i < f->m; i++)
			if (d->use[f->s0 + i]) {
				size_t t = f->s0 + i, age = (d->n - 1 - t) / W;
				double w = f->rw[i] * weekw[age];
				acc[t % W] += w * (d->y[t] - f->trend[i / spd] - f->day[t % spd]);
				wacc[t % W] += w;
			}
		for (size_t q = 0; q < W; q++)
			f->week[q] = wacc[q] > 0 ? acc[q] / wacc[q] : 0;
		for (size_t i = 0; i < f->m; i++) {
			size_t t = f->s0 + i;
			seas[i] = f->day[t % spd] + f->week[t % W];
		}
		/* Robustness weights from the remainder. */
		size_t nr = 0;
		for (size_t i = 0; i < f->m; i++)
			if (d->use[f->s0 + i])
				r[nr++] = fabs(d->y[f->s0 + i] - f->trend[i / spd] - seas[i]);
		double h = nr ? 6 * fc_select(r, nr, nr / 2) : 0;
		for (size_t i = 0; i < f->m; i++) {
			double u = h > 0 && d->use[f->s0 + i]
			           ? fabs(d->y[f->s0 + i] - f->trend[i / spd] - seas[i]) / h : 0;
			f->rw[i] = u < 1 ? (1 - u * u) * (1 - u * u) : 0;
		}
	}
	f->zd = zd;
	f->wd = wd;
	free(dayw);
	free(weekw);
	free(seas);
	free(r);
	free(acc);
	free(wacc);
}

static void
mstl_release(mstl_fit *f)
{
	free(f->trend);
	free(f->rw);
	free(f->day);
	free(f->week);
	free(f->zd);
	free(f->wd);
}

/* Forecast h slots from a decomposition: the level at the end (a one-sided kernel mean
 * of the adjusted day means, steadier than the local line's end point, which
 * extrapolates over the last days' noise) and the line's slope, damped. */
static void
mstl_forecast(const fc_data *d, const mstl_fit *f, const mstl_params *p, size_t h,
              double *mean)
{
	double slope, s = 0, sw = 0;
	local_linear(f->zd, f->wd, f->days, (double)(f->days - 1), MSTL_TREND_DAYS, &slope);
	for (size_t k = f->days; k-- > 0;) {
		double u = (double)(f->days - 1 - k) / p->level_days;
		if (u >= 1)
			break;
		double kk = 1 - u * u * u;
		kk = kk * kk * kk * f->wd[k];
		s += kk * f->zd[k];
		sw += kk;
	}
	double level = sw > 0 ? s / sw : f->trend[f->days - 1];
	size_t spd = (size_t)d->spd;
	for (size_t j = 0; j < h; j++) {
		size_t t = d->n + j;
		/* Days ahead of the window's last day, whose index is days - 1. */
		double ahead = (double)((t - f->s0) / spd) - (double)(f->days - 1);
		double damp = ahead > 0 && p->damp > 0
		              ? p->damp * (1 - pow(p->damp, ahead)) / (1 - p->damp) : 0;
		mean[j] = level + slope * damp + f->day[t % spd] + f->week[t % d->week];
	}
}

/* How to continue the trend is the series' own choice: each way is tried from up to
 * MSTL_TUNE_ORIGINS weekly origins before the end (one decomposition each, shared by
 * all the ways), the lowest mean absolute error kept. */
static void *
mstl_fit_params(const fc_data *d, const rota_fc_opts *o)
{
	size_t h = o->horizon && o->horizon < d->week ? o->horizon : d->week;
	double sae[MSTL_NCONF] = {0};
	double *fc = rota_xmalloc(h * sizeof *fc);
	int used = 0;
	for (int k = 1; k <= MSTL_TUNE_ORIGINS; k++) {
		if (d->n < ((size_t)k + 2) * d->week)
			break;
		size_t t0 = d->n - (size_t)k * d->week;
		fc_data c = fc_cut(d, t0);
		mstl_fit f;
		mstl_decompose(&c, &f);
		for (size_t i = 0; i < MSTL_NCONF; i++) {
			mstl_forecast(&c, &f, &mstl_configs[i], h, fc);
			for (size_t j = 0; j < h; j++)
				if (d->use[t0 + j])
					sae[i] += fabs((fc[j] > 0 ? fc[j] : 0) - d->y[t0 + j]);
		}
		mstl_release(&f);
		used++;
	}
	free(fc);
	size_t best = MSTL_DEFAULT;
	if (used)
		for (size_t i = 0; i < MSTL_NCONF; i++)
			if (sae[i] < sae[best])
				best = i;
	mstl_params *p = rota_xmalloc(sizeof *p);
	*p = mstl_configs[best];
	return p;
}

static void
mstl_point(const fc_data *d, const void *params, const rota_fc_opts *o, size_t h,
           double *mean, char *name)
{
	(void)o, (void)name;
	mstl_fit f;
	mstl_decompose(d, &f);
	mstl_forecast(d, &f, params ? params : &mstl_configs[MSTL_DEFAULT], h, mean);
	mstl_release(&f);
}

const rota_fc_model fc_model_mstl = {
	.name = "mstl",
	.summary = "multi-seasonal decomposition: damped local trend plus daily and weekly cycles",
	.min_weeks = 2,
	.fit = mstl_fit_params,
	.point = mstl_point,
};
