/* auto: per series, the model (or the pair of models) with the lowest error over the
 * series' own last weeks.  Each candidate (snaive, avg, hw, mstl) is fitted once on the
 * whole history and then replayed from up to AUTO_ORIGINS weekly origins before its
 * end, forecasting the horizon (at most a week) from only the data before each origin.
 * The best single model competes with the combination of the best two weighted by
 * inverse mean absolute error (combinations of forecasts are seldom worse than their
 * parts and often better); the lower mean absolute error over those origins wins.
 * Its name tells which: "auto:hw+avg" (weights in that order) or "auto:avg". */
#include <config.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <rota/rota.h>
#include "forecast-model.h"

#define AUTO_ORIGINS 4
#define AUTO_NCAND 4

typedef struct auto_params {
	int k;                               /* models combined: 1 or 2 */
	const rota_fc_model *m[2];
	void *p[2];
	double w[2];
	char name[48];
} auto_params;

static const rota_fc_model *const candidates[AUTO_NCAND] = {
	&fc_model_snaive, &fc_model_avg, &fc_model_hw, &fc_model_mstl
};

static void
auto_free(void *vp)
{
	auto_params *a = vp;
	if (!a)
		return;
	for (int i = 0; i < a->k; i++)
		fc_free(a->m[i], a->p[i]);
	free(a);
}

static void
set_name(auto_params *a)
{
	if (a->k == 1)
		snprintf(a->name, sizeof a->name, "auto:%s", a->m[0]->name);
	else
		snprintf(a->name, sizeof a->name, "auto:%s+%s", a->m[0]->name, a->m[1]->name);
}

static void *
auto_fit(const fc_data *d, const rota_fc_opts *o)
{
	auto_params *a = rota_xcalloc(1, sizeof *a);
	size_t h = o->horizon && o->horizon < d->week ? o->horizon : d->week;
	/* Origins at which every candidate has the history it needs. */
	int need = 0, K = 0;
	for (int c = 0; c < AUTO_NCAND; c++)
		if (candidates[c]->min_weeks > need)
			need = candidates[c]->min_weeks;
	while (K < AUTO_ORIGINS && d->n >= ((size_t)K + 1 + (size_t)need) * d->week)
		K++;
	if (K == 0) {
		/* Too short to compare: the mean of the weeks there are. */
		a->k = 1;
		a->m[0] = &fc_model_avg;
		a->p[0] = fc_fit(&fc_model_avg, d, o);
		a->w[0] = 1;
		set_name(a);
		return a;
	}
	void *par[AUTO_NCAND];
	double *fc = rota_xmalloc((size_t)AUTO_NCAND * (size_t)K * h * sizeof *fc);
	double mae[AUTO_NCAND];
	size_t cnt = 0;
	for (int c = 0; c < AUTO_NCAND; c++) {
		par[c] = fc_fit(candidates[c], d, o);
		double sae = 0;
		cnt = 0;
		for (int k = 1; k <= K; k++) {
			size_t t0 = d->n - (size_t)k * d->week;
			fc_data cut = fc_cut(d, t0);
			double *f = fc + ((size_t)c * (size_t)K + (size_t)(k - 1)) * h;
			char nm[48];
			candidates[c]->point(&cut, par[c], o, h, f, nm);
			for (size_t j = 0; j < h; j++)
				if (d->use[t0 + j]) {
					double v = f[j] > 0 ? f[j] : 0;
					sae += fabs(v - d->y[t0 + j]);
					cnt++;
				}
		}
		mae[c] = cnt ? sae / (double)cnt : INFINITY;
	}
	int b1 = 0, b2 = -1;
	for (int c = 1; c < AUTO_NCAND; c++)
		if (mae[c] < mae[b1])
			b1 = c;
	for (int c = 0; c < AUTO_NCAND; c++)
		if (c != b1 && (b2 < 0 || mae[c] < mae[b2]))
			b2 = c;
	double w1 = 1, w2 = 0, pair = INFINITY;
	if (b2 >= 0 && mae[b1] > 0 && isfinite(mae[b2])) {
		w1 = (1 / mae[b1]) / (1 / mae[b1] + 1 / mae[b2]);
		w2 = 1 - w1;
		double sae = 0;
		for (int k = 1; k <= K; k++) {
			size_t t0 = d->n - (size_t)k * d->week;
			const double *f1 = fc + ((size_t)b1 * (size_t)K + (size_t)(k - 1)) * h;
			const double *f2 = fc + ((size_t)b2 * (size_t)K + (size_t)(k - 1)) * h;
			for (size_t j = 0; j < h; j++)
				if (d->use[t0 + j]) {
					double v = w1 * f1[j] + w2 * f2[j];
					sae += fabs((v > 0 ? v : 0) - d->y[t0 + j]);
				}
		}
		pair = cnt ? sae / (double)cnt : INFINITY;
	}
	a->m[0] = candidates[b1];
	a->p[0] = par[b1];
	par[b1] = NULL;
	if (pair < mae[b1]) {
		a->k = 2;
		a->m[1] = candidates[b2];
		a->p[1] = par[b2];
		par[b2] = NULL;
		a->w[0] = w1;
		a->w[1] = w2;
	} else {
		a->k = 1;
		a->w[0] = 1;
	}
	for (int c = 0; c < AUTO_NCAND; c++)
		if (par[c])
			fc_free(candidates[c], par[c]);
	set_name(a);
	free(fc);
	return a;
}

static void
auto_point(const fc_data *d, const void *params, const rota_fc_opts *o, size_t h,
           double *mean, char *name)
{
	const auto_params *a = params;
	char nm[48];
	a->m[0]->point(d, a->p[0], o, h, mean, nm);
	if (a->k == 2) {
		double *f = rota_xmalloc((h ? h : 1) * sizeof *f);
		a->m[1]->point(d, a->p[1], o, h, f, nm);
		for (size_t j = 0; j < h; j++)
			mean[j] = a->w[0] * mean[j] + a->w[1] * f[j];
		free(f);
	}
	if (name)
		snprintf(name, 48, "%s", a->name);
}

const rota_fc_model fc_model_auto = {
	.name = "auto",
	.summary = "per series, the best model or pair of models over its own last weeks",
	.min_weeks = 1,
	.fit = auto_fit,
	.free_params = auto_free,
	.point = auto_point,
};
