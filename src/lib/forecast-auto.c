/* auto: per series, the model or combination of models with the lowest error over the
 * series' own last weeks.  Each candidate (snaive, avg, hw, mstl) is fitted once on the
 * whole history and then replayed from up to AUTO_ORIGINS weekly origins before its
 * end, forecasting the horizon (at most a week) from only the data before each origin.
 * The best single model competes with the combinations of the best 2, 3 and 4 weighted
 * by inverse mean absolute error (combinations of forecasts are seldom worse than their
 * parts and often better); the lowest mean absolute error over those origins wins.
 * Its name tells which, best first: "auto:hw+avg" or "auto:avg". */
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
	int k;                               /* models combined: 1 to AUTO_NCAND */
	const rota_fc_model *m[AUTO_NCAND];
	void *p[AUTO_NCAND];
	double w[AUTO_NCAND];
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
	size_t at = (size_t)snprintf(a->name, sizeof a->name, "auto:%s", a->m[0]->name);
	for (int i = 1; i < a->k && at < sizeof a->name; i++)
		at += (size_t)snprintf(a->name + at, sizeof a->name - at, "+%s", a->m[i]->name);
}

/* Mean absolute error over the inner origins of the candidates combined with weights w
 * (AUTO_NCAND; zero for those left out). */
static double
combo_mae(const fc_data *d, const double *fc, int K, size_t h, const double *w)
{
	double sae = 0;
	size_t cnt = 0;
	for (int k = 1; k <= K; k++) {
		size_t t0 = d->n - (size_t)k * d->week;
		for (size_t j = 0; j < h; j++) {
			if (!d->use[t0 + j])
				continue;
			double v = 0;
			for (int c = 0; c < AUTO_NCAND; c++)
				if (w[c] > 0)
					v += w[c] * fc[((size_t)c * (size_t)K + (size_t)(k - 1)) * h + j];
			sae += fabs((v > 0 ? v : 0) - d->y[t0 + j]);
			cnt++;
		}
	}
	return cnt ? sae / (double)cnt : INFINITY;
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
	int order[AUTO_NCAND];
	for (int c = 0; c < AUTO_NCAND; c++) {
		par[c] = fc_fit(candidates[c], d, o);
		for (int k = 1; k <= K; k++) {
			fc_data cut = fc_cut(d, d->n - (size_t)k * d->week);
			char nm[48];
			candidates[c]->point(&cut, par[c], o, h,
			                     fc + ((size_t)c * (size_t)K + (size_t)(k - 1)) * h, nm);
		}
		double w[AUTO_NCAND] = {0};
		w[c] = 1;
		mae[c] = combo_mae(d, fc, K, h, w);
		/* Insertion into the ranking, best first. */
		int i = c;
		for (; i > 0 && mae[order[i - 1]] > mae[c]; i--)
			order[i] = order[i - 1];
		order[i] = c;
	}
	/* The best single model, then the best 2, 3, ... weighted by inverse error. */
	double best = mae[order[0]], bw[AUTO_NCAND] = {0};
	int bk = 1;
	bw[order[0]] = 1;
	for (int k = 2; k <= AUTO_NCAND && isfinite(mae[order[k - 1]]) && mae[order[0]] > 0; k++) {
		double w[AUTO_NCAND] = {0}, sum = 0;
		for (int i = 0; i < k; i++)
			sum += w[order[i]] = 1 / mae[order[i]];
		for (int i = 0; i < k; i++)
			w[order[i]] /= sum;
		double e = combo_mae(d, fc, K, h, w);
		if (e < best) {
			best = e;
			bk = k;
			memcpy(bw, w, sizeof w);
		}
	}
	a->k = bk;
	for (int i = 0; i < bk; i++) {
		a->m[i] = candidates[order[i]];
		a->p[i] = par[order[i]];
		a->w[i] = bw[order[i]];
		par[order[i]] = NULL;
	}
	for (int c = 0; c < AUTO_NCAND; c++)
		if (par[c])
			fc_free(candidates[c], par[c]);
	set_name(a);
	free(fc);
	return a;
}

/* The same choice and weights, each model's parameters refitted to d. */
static void *
auto_refit(const fc_data *d, const void *params, const rota_fc_opts *o)
{
	const auto_params *a = params;
	auto_params *r = rota_xmalloc(sizeof *r);
	*r = *a;
	for (int i = 0; i < a->k; i++)
		r->p[i] = a->m[i]->refit ? a->m[i]->refit(d, a->p[i], o) : NULL;
	return r;
}

static int
auto_needs(const void *params)
{
	const auto_params *a = params;
	int need = 1;
	for (int i = 0; i < a->k; i++)
		if (a->m[i]->min_weeks > need)
			need = a->m[i]->min_weeks;
	return need;
}

static void
auto_point(const fc_data *d, const void *params, const rota_fc_opts *o, size_t h,
           double *mean, char *name)
{
	const auto_params *a = params;
	char nm[48];
	a->m[0]->point(d, a->p[0], o, h, mean, nm);
	if (a->k > 1) {
		double *f = rota_xmalloc((h ? h : 1) * sizeof *f);
		for (size_t j = 0; j < h; j++)
			mean[j] *= a->w[0];
		for (int i = 1; i < a->k; i++) {
			a->m[i]->point(d, a->p[i], o, h, f, nm);
			for (size_t j = 0; j < h; j++)
				mean[j] += a->w[i] * f[j];
		}
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
	.refit = auto_refit,
	.needs = auto_needs,
	.point = auto_point,
};
