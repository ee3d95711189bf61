/* Forecasting (rota/forecast.h): the model table, the steps every model shares (closed
 * slots, holidays, daily totals, prediction intervals) and the rolling-origin backtest.
 * The models themselves live in forecast-<name>.c and only produce point forecasts. */
#include <config.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <rota/rota.h>
#include <rota/forecast.h>
#include <rota/time.h>
#include "forecast-model.h"

/* Weekly origins the intervals are calibrated on: more give steadier quantiles, each
 * costs one point forecast. */
#define CAL_WEEKS 8
/* Below this many errors in a lead-time band, the band borrows the pooled quantiles. */
#define BAND_MIN 40

static const rota_fc_model *const models[] = {
	&fc_model_auto, &fc_model_snaive, &fc_model_avg, &fc_model_hw, &fc_model_mstl, NULL
};

const rota_fc_model *const *
rota_fc_models(void)
{
	return models;
}

const rota_fc_model *
rota_fc_model_find(const char *name)
{
	for (size_t i = 0; models[i]; i++)
		if (strcmp(models[i]->name, name) == 0)
			return models[i];
	return NULL;
}

const char *
rota_fc_model_name(const rota_fc_model *m)
{
	return m->name;
}

const char *
rota_fc_model_summary(const rota_fc_model *m)
{
	return m->summary;
}

size_t
rota_fc_model_min_history(const rota_fc_model *m, int slots_per_day)
{
	return (size_t)m->min_weeks * 7 * (size_t)slots_per_day;
}

void
rota_fc_opts_init(rota_fc_opts *o)
{
	memset(o, 0, sizeof *o);
	o->avg_weeks = 4;
	o->holiday_like = 6;
}

void
rota_fc_result_free(rota_fc_result *r)
{
	if (!r)
		return;
	free(r->mean);
	r->mean = r->lo80 = r->hi80 = r->lo95 = r->hi95 = NULL;
	r->horizon = 0;
}

void *
fc_fit(const rota_fc_model *m, const fc_data *d, const rota_fc_opts *o)
{
	return m->fit ? m->fit(d, o) : NULL;
}

void
fc_free(const rota_fc_model *m, void *params)
{
	if (m->free_params)
		m->free_params(params);
	else
		free(params);
}

fc_data
fc_cut(const fc_data *d, size_t n)
{
	fc_data c = *d;
	c.n = n < d->n ? n : d->n;
	return c;
}

double
fc_last_same_slot(const fc_data *d, size_t t, int *found)
{
	size_t k = t >= d->n ? (t - d->n) / d->week + 1 : 1;
	for (; k * d->week <= t; k++) {
		size_t i = t - k * d->week;
		if (d->use[i]) {
			*found = 1;
			return d->y[i];
		}
	}
	*found = 0;
	return 0;
}

/* ---- the steps after a model's point forecast ---- */

/* What the horizon's slots are: flags of slot j after the origin, for j < h from the
 * caller; beyond (holidays borrow from up to six days later) the same slot's flags a
 * week earlier in the history. */
typedef struct fc_future {
	const unsigned char *flags;   /* h of them, NULL: all open */
	size_t h;
	const unsigned char *hist;    /* the history's flags (NULL: all open) */
} fc_future;

static unsigned
future_flags(const fc_data *d, const fc_future *f, size_t j)
{
	if (j < f->h)
		return f->flags ? f->flags[j] : 0;
	size_t t = d->n + j;
	for (size_t k = (j / d->week) + 1; k * d->week <= t; k++)
		if (t - k * d->week < d->n)
			return d->closed[t - k * d->week] ? ROTA_FC_CLOSED : 0;
	return 0;
}

/* Daily totals kept, negatives clipped: over the slots of one civil day that fall in v;
 * NaN marks a closed slot (set to 0, not counted). */
static void
reconcile(double *v, size_t n, size_t slot0, size_t spd)
{
	for (size_t j0 = 0; j0 < n;) {
		size_t j1 = j0 + (spd - (slot0 + j0) % spd);
		if (j1 > n)
			j1 = n;
		double total = 0, pos = 0;
		for (size_t j = j0; j < j1; j++)
			if (!isnan(v[j])) {
				total += v[j];
				pos += v[j] > 0 ? v[j] : 0;
			}
		double scale = total > 0 && pos > 0 ? total / pos : 0;
		for (size_t j = j0; j < j1; j++)
			v[j] = isnan(v[j]) || v[j] <= 0 ? 0 : v[j] * scale;
		j0 = j1;
	}
}

void
rota_fc_reconcile(double *v, size_t n, const unsigned char *closed, size_t slot0,
                  int slots_per_day)
{
	if (slots_per_day < 1)
		return;
	for (size_t j = 0; j < n; j++)
		if ((closed && closed[j]) || isnan(v[j]))
			v[j] = NAN;
	reconcile(v, n, slot0 % (size_t)slots_per_day, (size_t)slots_per_day);
}

/* raw: the model's forecast of h + 6 days.  out (h): closed slots 0, holidays like the
 * nearest day of weekday o->holiday_like (or closed), no negatives, and each day's slots
 * summing to the day total the model implied (negatives clipped, the rest scaled). */
static void
post_process(const fc_data *d, const fc_future *f, const rota_fc_opts *o, const double *raw,
             size_t h, double *out)
{
	size_t spd = (size_t)d->spd;
	for (size_t j = 0; j < h; j++) {
		unsigned fl = future_flags(d, f, j);
		if (fl & ROTA_FC_CLOSED) {
			out[j] = NAN;
			continue;
		}
		if (!(fl & ROTA_FC_HOLIDAY)) {
			out[j] = raw[j];
			continue;
		}
		if (o->holiday_like < 0 || o->holiday_like > 6) {
			out[j] = NAN;
			continue;
		}
		size_t t = d->n + j, day = t / spd, p = t % spd;
		int wd = (d->wd0 + (int)(day % 7)) % 7;
		size_t ahead = (size_t)((o->holiday_like - wd + 7) % 7);
		size_t like = day + ahead;
		/* The same weekday a week earlier is nearer, if it is still in the future. */
		if (ahead > 3 && (like - 7) * spd + p >= d->n)
			like -= 7;
		size_t jl = like * spd + p - d->n;
		out[j] = (future_flags(d, f, jl) & ROTA_FC_CLOSED) ? NAN : raw[jl];
	}
	reconcile(out, h, d->n % spd, spd);
}

/* One model forecast from d: params fitted elsewhere, h slots post-processed. */
static void
point_post(const rota_fc_model *m, const void *params, const fc_data *d, const fc_future *f,
           const rota_fc_opts *o, size_t h, double *out, double *raw, char *name)
{
	m->point(d, params, o, h + 6 * (size_t)d->spd, raw, name);
	post_process(d, f, o, raw, h, out);
}

/* ---- prediction intervals ---- */

/* A forecast error at one lead time, with the forecast it belongs to. */
typedef struct fc_err {
	size_t lead;
	int origin;
	double f, e;
} fc_err;

static int
cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return (x > y) - (x < y);
}

double
fc_select(double *v, size_t n, size_t k)
{
	size_t lo = 0, hi = n - 1;
	while (lo < hi) {
		/* Hoare partition round the median of three. */
		size_t mid = lo + (hi - lo) / 2;
		double a = v[lo], b = v[mid], c = v[hi];
		double piv = a < b ? (b < c ? b : (a < c ? c : a)) : (a < c ? a : (b < c ? c : b));
		size_t i = lo, j = hi;
		while (i <= j) {
			while (v[i] < piv)
				i++;
			while (v[j] > piv)
				j--;
			if (i <= j) {
				double t = v[i];
				v[i] = v[j];
				v[j] = t;
				i++;
				if (j == 0)
					break;
				j--;
			}
		}
		if (k <= j)
			hi = j;
		else if (k >= i)
			lo = i;
		else
			break;
	}
	return v[k];
}

/* Quantile p of sorted v[0..n) by linear interpolation. */
static double
quantile(const double *v, size_t n, double p)
{
	double r = p * (double)(n - 1);
	size_t i = (size_t)r;
	if (i + 1 >= n)
		return v[n - 1];
	return v[i] + (r - (double)i) * (v[i + 1] - v[i]);
}

/* The error variance as a function of the forecast, c0 + c1 f + c2 f^2 with c >= 0
 * (Poisson-like noise grows with f, level errors with f^2), fitted to squared errors by
 * least squares over every subset of the three terms, the best feasible one kept. */
static void
fit_variance(const fc_err *e, size_t n, double c[3])
{
	double best = INFINITY;
	c[0] = 1, c[1] = c[2] = 0;
	/* Squared errors capped at 50 times their median: one wild slot (an unflagged
	 * outage, a holiday unlike its profile) must not set the spread of every other. */
	double *sq = rota_xmalloc((n ? n : 1) * sizeof *sq), cap = INFINITY;
	for (size_t i = 0; i < n; i++)
		sq[i] = e[i].e * e[i].e;
	if (n)
		cap = 50 * fc_select(sq, n, n / 2);
	if (!(cap > 0))
		cap = INFINITY;
	for (int mask = 1; mask < 8; mask++) {
		int idx[3], k = 0;
		for (int b = 0; b < 3; b++)
			if (mask & (1 << b))
				idx[k++] = b;
		double a[3][4] = {{0}};
		for (size_t i = 0; i < n; i++) {
			double x[3] = {1, e[i].f, e[i].f * e[i].f}, y = e[i].e * e[i].e;
			y = y < cap ? y : cap;
			for (int r = 0; r < k; r++) {
				for (int s = 0; s < k; s++)
					a[r][s] += x[idx[r]] * x[idx[s]];
				a[r][3] += x[idx[r]] * y;
			}
		}
		/* Gaussian elimination with partial pivoting on the k x k normal equations. */
		int bad = 0;
		for (int col = 0; col < k && !bad; col++) {
			int piv = col;
			for (int r = col + 1; r < k; r++)
				if (fabs(a[r][col]) > fabs(a[piv][col]))
					piv = r;
			if (!(fabs(a[piv][col]) > 1e-300)) {
				bad = 1;
				break;
			}
			for (int s = 0; s < 4; s++) {
				double t = a[col][s];
				a[col][s] = a[piv][s];
				a[piv][s] = t;
			}
			for (int r = 0; r < k; r++)
				if (r != col) {
					double q = a[r][col] / a[col][col];
					for (int s = col; s < 4; s++)
						a[r][s] -= q * a[col][s];
				}
		}
		if (bad)
			continue;
		double coef[3] = {0, 0, 0};
		for (int r = 0; r < k; r++) {
			coef[idx[r]] = a[r][3] / a[r][r];
			if (!(coef[idx[r]] > 0))
				bad = 1;
		}
		if (bad)
			continue;
		double sse = 0;
		for (size_t i = 0; i < n; i++) {
			double v = coef[0] + coef[1] * e[i].f + coef[2] * e[i].f * e[i].f;
			double y = e[i].e * e[i].e, r = (y < cap ? y : cap) - v;
			sse += r * r;
		}
		if (sse < best) {
			best = sse;
			memcpy(c, coef, sizeof coef);
		}
	}
	free(sq);
}

/* Interval quantiles of standardised errors per lead-time band (one band a day of
 * lead): z = e / sd(f), q[band][0..3] at 2.5, 10, 90 and 97.5%. */
typedef struct fc_calib {
	double c[3];
	size_t bands, band_slots;
	double (*q)[4];
	double widen;         /* small-sample allowance, applied to every quantile */
	double shared;        /* share of error variance common to an origin's slots */
} fc_calib;

static double
calib_sd(const fc_calib *cb, double f)
{
	double v = cb->c[0] + cb->c[1] * f + cb->c[2] * f * f;
	return v > 0 ? sqrt(v) : 0;
}

static void
calib_build(fc_calib *cb, fc_err *e, size_t n, size_t band_slots, size_t bands)
{
	static const double p[4] = {0.025, 0.10, 0.90, 0.975};
	fit_variance(e, n, cb->c);
	if (!(calib_sd(cb, 0) > 0)) {
		/* A floor for slots forecast near zero: a tenth of the typical variance. */
		double mv = 0;
		for (size_t i = 0; i < n; i++)
			mv += e[i].e * e[i].e;
		cb->c[0] = n ? 0.1 * mv / (double)n : 0;
		if (!(cb->c[0] > 0))
			cb->c[0] = 1e-9;
	}
	cb->bands = bands;
	cb->band_slots = band_slots;
	cb->q = rota_xcalloc(bands + 1, sizeof *cb->q);
	double *z = rota_xmalloc((n ? n : 1) * sizeof *z);
	for (size_t b = 0; b <= bands; b++) {
		size_t k = 0;
		for (size_t i = 0; i < n; i++)
			if (b == bands || e[i].lead / band_slots == b)
				z[k++] = e[i].e / calib_sd(cb, e[i].f);
		if (b < bands && k < BAND_MIN)
			continue;   /* filled from the pooled row below */
		qsort(z, k, sizeof *z, cmp_double);
		for (int i = 0; i < 4; i++)
			cb->q[b][i] = k ? quantile(z, k, p[i]) : 0;
	}
	for (size_t b = 0; b < bands; b++)
		if (cb->q[b][0] == 0 && cb->q[b][3] == 0)
			memcpy(cb->q[b], cb->q[bands], sizeof cb->q[b]);
	/* How much of the error is shared by the slots of one origin (a level missed for a
	 * whole week) rather than slot by slot noise: the share of the standardised errors'
	 * variance that lies between the origins' means. */
	double zs[CAL_WEEKS + 8] = {0}, zn[CAL_WEEKS + 8] = {0}, tot = 0, tot2 = 0;
	int no = 0;
	for (size_t i = 0; i < n; i++) {
		double v = e[i].e / calib_sd(cb, e[i].f);
		int k = e[i].origin < CAL_WEEKS + 8 ? e[i].origin : CAL_WEEKS + 7;
		zs[k] += v;
		zn[k]++;
		tot += v;
		tot2 += v * v;
		if (k + 1 > no)
			no = k + 1;
	}
	double mean = n ? tot / (double)n : 0, var = n ? tot2 / (double)n - mean * mean : 0;
	double vb = 0, wsum = 0;
	for (int k = 0; k < no; k++)
		if (zn[k] > 0) {
			double dm = zs[k] / zn[k] - mean;
			vb += zn[k] * dm * dm;
			wsum += zn[k];
		}
	cb->shared = var > 0 && wsum > 0 ? vb / wsum / var : 0;
	free(z);
}

/* Without errors to learn from: Poisson-like spread, normal quantiles. */
static void
calib_poisson(fc_calib *cb)
{
	cb->c[0] = 0.25, cb->c[1] = 1, cb->c[2] = 0;
	cb->bands = 1;
	cb->band_slots = SIZE_MAX;
	cb->q = rota_xcalloc(2, sizeof *cb->q);
	double z[4] = {-1.959964, -1.281552, 1.281552, 1.959964};
	memcpy(cb->q[0], z, sizeof z);
	memcpy(cb->q[1], z, sizeof z);
}

/* History the fitted model needs at an earlier origin (auto: what its choice needs). */
static size_t
needed_weeks(const rota_fc_model *m, const void *params)
{
	return (size_t)(m->needs ? m->needs(params) : m->min_weeks);
}

/* Errors of m (params fixed) at `origins` origins `step` slots apart before d->n, each
 * forecasting h slots, over slots that are neither closed nor missing. */
static size_t
collect_errors(const rota_fc_model *m, const void *params, const fc_data *d,
               const unsigned char *hflags, const rota_fc_opts *o, size_t step, int origins,
               size_t h, fc_err **out, int *used)
{
	*used = 0;
	size_t min = needed_weeks(m, params) * d->week, n = 0, cap = 0;
	fc_err *e = NULL;
	double *raw = rota_xmalloc((h + 6 * (size_t)d->spd) * sizeof *raw);
	double *fc = rota_xmalloc(h * sizeof *fc);
	for (int k = 1; k <= origins; k++) {
		if ((size_t)k * step > d->n || d->n - (size_t)k * step < min || d->n - (size_t)k * step == 0)
			break;
		size_t t0 = d->n - (size_t)k * step;
		fc_data c = fc_cut(d, t0);
		size_t hk = h < d->n - t0 ? h : d->n - t0;
		fc_future fu = {hflags ? hflags + t0 : NULL, hk, hflags};
		char name[48];
		(*used)++;
		void *pk = m->refit ? m->refit(&c, params, o) : NULL;
		point_post(m, pk ? pk : params, &c, &fu, o, hk, fc, raw, name);
		if (pk)
			fc_free(m, pk);
		for (size_t j = 0; j < hk; j++) {
			size_t t = t0 + j;
			if (d->closed[t] || (hflags && (hflags[t] & ROTA_FC_MISSING)) ||
			    !(d->y[t] >= 0 && d->y[t] < INFINITY))
				continue;
			if (n == cap) {
				cap = cap ? 2 * cap : 1024;
				e = rota_xreallocarray(e, cap, sizeof *e);
			}
			e[n].lead = j;
			e[n].origin = k;
			e[n].f = fc[j];
			e[n].e = d->y[t] - fc[j];
			n++;
		}
	}
	free(raw);
	free(fc);
	*out = e;
	return n;
}

static int
origins_possible(const rota_fc_model *m, const void *params, const fc_data *d, size_t step)
{
	size_t min = needed_weeks(m, params) * d->week;
	if (min == 0)
		min = 1;
	return d->n >= min + step ? (int)((d->n - min) / step) : 0;
}

/* The errors of K origins sample the part of the error an origin's slots share (a
 * level missed for a whole week) only K times, and the quantiles of so few understate
 * its spread: widen by 1 + 2 shared / K, a t-like allowance that leaves the intervals of
 * slot-by-slot noise (Poisson arrivals, shared near 0) alone.  The factor 2 was set on
 * the real series of bench/forecast-eval.c (bank calls, electricity demand, incident
 * arrivals), whose 80% coverage it brings from 0.75-0.83 to 0.79-0.84. */
static double
widen(const fc_calib *cb, int origins)
{
	return origins > 0 ? 1 + 2 * cb->shared / origins : 1;
}

/* Intervals from the series' own errors: weekly origins when the history allows two,
 * else daily origins (errors of the model on the last days, one lead band), else none. */
static void
calibrate(const rota_fc_model *m, const void *params, const fc_data *d,
          const unsigned char *hflags, const rota_fc_opts *o, fc_calib *cb)
{
	size_t spd = (size_t)d->spd;
	fc_err *e = NULL;
	size_t n = 0;
	int used = 0;
	if (origins_possible(m, params, d, d->week) >= 2) {
		n = collect_errors(m, params, d, hflags, o, d->week, CAL_WEEKS, d->week, &e, &used);
		if (n >= BAND_MIN) {
			calib_build(cb, e, n, spd, 7);
			cb->widen = widen(cb, used);
			free(e);
			return;
		}
		free(e);
		e = NULL;
	}
	if (origins_possible(m, params, d, spd) >= 2) {
		n = collect_errors(m, params, d, hflags, o, spd, 7, spd, &e, &used);
		if (n >= BAND_MIN / 2) {
			calib_build(cb, e, n, spd, 1);
			cb->widen = widen(cb, used);
			free(e);
			return;
		}
	}
	free(e);
	calib_poisson(cb);
	cb->widen = 1;
}

static void
apply_intervals(const fc_calib *cb, const double *mean, size_t h, const fc_data *d,
                const fc_future *f, rota_fc_result *r)
{
	for (size_t j = 0; j < h; j++) {
		double m = mean[j];
		if (future_flags(d, f, j) & ROTA_FC_CLOSED) {
			r->lo80[j] = r->hi80[j] = r->lo95[j] = r->hi95[j] = 0;
			continue;
		}
		size_t b = cb->band_slots == SIZE_MAX ? 0 : j / cb->band_slots;
		double g = 1;
		if (b >= cb->bands) {
			g = sqrt((double)(b + 1) / (double)cb->bands);
			b = cb->bands - 1;
		}
		double sd = calib_sd(cb, m) * g * cb->widen;
		double q[4];
		for (int i = 0; i < 4; i++)
			q[i] = m + cb->q[b][i] * sd;
		/* Quantiles are monotone in p; keep the intervals nested round the forecast. */
		if (q[1] > m)
			q[1] = m;
		if (q[0] > q[1])
			q[0] = q[1];
		if (q[2] < m)
			q[2] = m;
		if (q[3] < q[2])
			q[3] = q[2];
		r->lo95[j] = q[0] > 0 ? q[0] : 0;
		r->lo80[j] = q[1] > 0 ? q[1] : 0;
		r->hi80[j] = q[2];
		r->hi95[j] = q[3];
	}
}

/* ---- the public calls ---- */

typedef struct fc_work {
	fc_data d;
	unsigned char *use, *closed;
} fc_work;

static int
prepare(const rota_fc_series *s, const rota_fc_model *m, fc_work *w, rota_error *err)
{
	if (!s || !m)
		return rota_error_set(err, ROTA_EXIT_USAGE, NULL, 0, 0, "no series or no model");
	if (s->slots_per_day < 1 || s->slots_per_day > 1440)
		return rota_error_set(err, ROTA_EXIT_USAGE, NULL, 0, 0,
		                      "%d slots a day: expected 24, 48 or 96 (1h, 30m or 15m)",
		                      s->slots_per_day);
	size_t week = 7 * (size_t)s->slots_per_day, need = (size_t)m->min_weeks * week;
	if (need == 0)
		need = 1;
	if (s->n < need || !s->values) {
		rota_error_set(err, ROTA_EXIT_USAGE, NULL, 0, 0,
		               "model '%s' needs at least %d week%s of history (%zu slots at %d a "
		               "day), the series has %zu slots: ",
		               m->name, m->min_weeks ? m->min_weeks : 1,
		               m->min_weeks > 1 ? "s" : "", need, s->slots_per_day, s->n);
		return rota_error_fix(err, "give a longer history or a model needing less, "
		                      "such as {model} snaive");
	}
	w->use = rota_xmalloc(s->n);
	w->closed = rota_xmalloc(s->n);
	size_t used = 0;
	for (size_t i = 0; i < s->n; i++) {
		unsigned f = s->flags ? s->flags[i] : 0;
		double v = s->values[i];
		w->closed[i] = (f & ROTA_FC_CLOSED) != 0;
		w->use[i] = !(f & (ROTA_FC_CLOSED | ROTA_FC_MISSING | ROTA_FC_HOLIDAY));
		if (w->use[i] && !(v >= 0 && v < INFINITY)) {
			free(w->use);
			free(w->closed);
			return rota_error_set(err, ROTA_EXIT_USAGE, NULL, 0, 0,
			                      "slot %zu of the series has the count %g: expected a "
			                      "finite count >= 0 (or the slot flagged missing)", i, v);
		}
		used += w->use[i];
	}
	if (used == 0) {
		free(w->use);
		free(w->closed);
		return rota_error_set(err, ROTA_EXIT_USAGE, NULL, 0, 0,
		                      "the series has no open, observed slot to fit on: expected "
		                      "some history outside closed hours, holidays and gaps");
	}
	w->d.y = s->values;
	w->d.use = w->use;
	w->d.closed = w->closed;
	w->d.n = s->n;
	w->d.spd = s->slots_per_day;
	w->d.week = week;
	w->d.wd0 = rota_weekday(s->start_day);
	return 0;
}

static void
result_alloc(rota_fc_result *r, size_t h)
{
	memset(r, 0, sizeof *r);
	r->horizon = h;
	double *b = rota_xcalloc(5 * (h ? h : 1), sizeof *b);
	r->mean = b;
	r->lo80 = b + h;
	r->hi80 = b + 2 * h;
	r->lo95 = b + 3 * h;
	r->hi95 = b + 4 * h;
}

/* Fit, forecast, calibrate: the whole of rota_forecast on prepared data. */
static void
run(const rota_fc_model *m, const fc_data *d, const unsigned char *hflags,
    const unsigned char *fflags, const rota_fc_opts *o, size_t h, rota_fc_result *r)
{
	result_alloc(r, h);
	snprintf(r->model, sizeof r->model, "%s", m->name);
	void *params = fc_fit(m, d, o);
	double *raw = rota_xmalloc((h + 6 * (size_t)d->spd) * sizeof *raw);
	fc_future fu = {fflags, h, hflags};
	point_post(m, params, d, &fu, o, h, r->mean, raw, r->model);
	free(raw);
	fc_calib cb;
	memset(&cb, 0, sizeof cb);
	calibrate(m, params, d, hflags, o, &cb);
	apply_intervals(&cb, r->mean, h, d, &fu, r);
	free(cb.q);
	fc_free(m, params);
}

static size_t
horizon_of(const rota_fc_opts *o, const fc_data *d)
{
	return o->horizon ? o->horizon : d->week;
}

int
rota_forecast(const rota_fc_series *s, const rota_fc_model *m, const rota_fc_opts *o,
              rota_fc_result *out, rota_error *err)
{
	rota_fc_opts def;
	if (!o) {
		rota_fc_opts_init(&def);
		o = &def;
	}
	memset(out, 0, sizeof *out);
	fc_work w;
	if (prepare(s, m, &w, err) < 0)
		return -1;
	run(m, &w.d, s->flags, s->future_flags, o, horizon_of(o, &w.d), out);
	free(w.use);
	free(w.closed);
	return 0;
}

/* The in-sample weekly seasonal naive MAE of the first n slots (MASE's scale). */
static double
snaive_scale(const fc_data *d, size_t n)
{
	double sum = 0;
	size_t k = 0;
	for (size_t t = d->week; t < n; t++)
		if (d->use[t] && d->use[t - d->week]) {
			sum += fabs(d->y[t] - d->y[t - d->week]);
			k++;
		}
	return k ? sum / (double)k : NAN;
}

int
rota_fc_backtest(const rota_fc_series *s, const rota_fc_model *m, const rota_fc_opts *o,
                 int weeks, rota_fc_score *out, rota_error *err)
{
	rota_fc_opts def;
	if (!o) {
		rota_fc_opts_init(&def);
		o = &def;
	}
	memset(out, 0, sizeof *out);
	snprintf(out->model, sizeof out->model, "%s", m ? m->name : "");
	if (weeks < 1)
		return rota_error_set(err, ROTA_EXIT_USAGE, NULL, 0, 0,
		                      "a backtest over %d weeks: expected 1 or more", weeks);
	fc_work w;
	if (prepare(s, m, &w, err) < 0)
		return -1;
	const fc_data *d = &w.d;
	size_t h = horizon_of(o, d);
	if (h > d->week)
		h = d->week;
	size_t need = (size_t)(m->min_weeks ? m->min_weeks : 1) * d->week;
	double sae = 0, sscaled = 0, sact = 0, sdiff = 0;
	size_t cnt = 0, nscaled = 0, in80 = 0, in95 = 0;
	for (int wk = weeks; wk >= 1; wk--) {
		if ((size_t)wk * d->week > d->n || d->n - (size_t)wk * d->week < need)
			continue;
		size_t t0 = d->n - (size_t)wk * d->week;
		fc_data c = fc_cut(d, t0);
		size_t hk = h < d->n - t0 ? h : d->n - t0;
		if (o->progress)
			o->progress(o->progress_ctx, m->name, out->origins, (size_t)weeks);
		rota_fc_result r;
		run(m, &c, s->flags, s->flags ? s->flags + t0 : NULL, o, hk, &r);
		double scale = snaive_scale(d, t0);
		for (size_t j = 0; j < hk; j++) {
			size_t t = t0 + j;
			unsigned f = s->flags ? s->flags[t] : 0;
			if ((f & (ROTA_FC_CLOSED | ROTA_FC_MISSING)) || !(d->y[t] >= 0 && d->y[t] < INFINITY))
				continue;
			double a = d->y[t], e = r.mean[j] - a;
			sae += fabs(e);
			sdiff += e;
			sact += a;
			cnt++;
			if (scale > 0) {
				sscaled += fabs(e) / scale;
				nscaled++;
			}
			in80 += a >= r.lo80[j] && a <= r.hi80[j];
			in95 += a >= r.lo95[j] && a <= r.hi95[j];
		}
		snprintf(out->model, sizeof out->model, "%s", r.model);
		rota_fc_result_free(&r);
		out->origins++;
	}
	free(w.use);
	free(w.closed);
	if (out->origins == 0) {
		rota_error_set(err, ROTA_EXIT_USAGE, NULL, 0, 0,
		               "a backtest of model '%s' needs at least %zu weeks of history "
		               "(%d for the model and one to forecast), the series has %zu slots "
		               "(%.1f weeks): ", m->name, need / d->week + 1, m->min_weeks, s->n,
		               (double)s->n / (double)d->week);
		return rota_error_fix(err, "give a longer history");
	}
	out->mase = nscaled ? sscaled / (double)nscaled : NAN;
	out->wape = sact > 0 ? sae / sact : NAN;
	out->bias = sact > 0 ? sdiff / sact : NAN;
	out->cover80 = cnt ? (double)in80 / (double)cnt : NAN;
	out->cover95 = cnt ? (double)in95 / (double)cnt : NAN;
	return 0;
}
