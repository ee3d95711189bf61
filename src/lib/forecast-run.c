/* A grid's series through the models and back onto the planning grid: what a front end
 * does per series, kept here so that every front end (the command, a benchmark, a test)
 * does it the same way. */
#include <config.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <rota/rota.h>
#include <rota/forecast-series.h>
#include <rota/record.h>

int
rota_fc_grid_forecast(const rota_fc_grid *g, size_t i, const rota_fc_model *m,
                      const rota_fc_opts *o, double *bands, char model[48], rota_error *err)
{
	const rota_fc_grid_series *s = &g->v[i];
	rota_fc_opts oo = *o;
	rota_fc_result res;
	memset(&res, 0, sizeof res);
	oo.horizon = s->horizon;
	if (rota_forecast(&s->s, m, &oo, &res, err) < 0)
		return -1;
	double *src[5] = { res.mean, res.lo80, res.hi80, res.lo95, res.hi95 };
	memset(bands, 0, 5 * g->nplan * sizeof *bands);
	for (int b = 0; b < 5; b++)
		rota_fc_grid_place(g, i, src[b], s->s.n, s->horizon, g->start, g->nplan,
		                   bands + (size_t)b * g->nplan);
	snprintf(model, 48, "%s", res.model);
	rota_fc_result_free(&res);
	return 0;
}

int
rota_fc_grid_backtest(const rota_fc_grid *g, size_t i, const rota_fc_model *m,
                      const rota_fc_opts *o, int weeks, rota_fc_score *out, rota_error *err)
{
	rota_fc_opts oo = *o;
	oo.horizon = g->v[i].horizon;
	return rota_fc_backtest(&g->v[i].s, m, &oo, weeks, out, err);
}

void
rota_fc_panel_make(const rota_fc_grid *g, size_t i, const double *bands, rota_fc_panel *p)
{
	const rota_fc_grid_series *s = &g->v[i];
	size_t L = g->nplan, week = (size_t)(7 * 86400 / g->slot);
	size_t nh = (size_t)((g->start - g->first) / g->slot);
	nh = nh < week ? nh : week;
	double *d = rota_xcalloc(5 * L + nh + 1, sizeof *d);
	memcpy(d, bands, 5 * L * sizeof *d);
	/* A day more of local slots than shown, as the customer zone may be a day off. */
	size_t back = nh + (size_t)s->s.slots_per_day, from = s->s.n > back ? s->s.n - back : 0;
	rota_fc_grid_place(g, i, s->s.values + from, from, s->s.n - from,
	                   g->start - (rota_time)nh * g->slot, nh, d + 5 * L);
	*p = (rota_fc_panel){ rota_fc_series_label(s), d + 5 * L, nh, d, d + L, d + 2 * L,
	                      d + 3 * L, d + 4 * L, L };
}

void
rota_fc_panel_free(rota_fc_panel *p)
{
	free((char *)p->title);
	free((double *)p->mean);
	memset(p, 0, sizeof *p);
}

static const rota_column FC_COLS[] = {
	{ "interval_start", ROTA_COL_STRING }, { "queue", ROTA_COL_STRING },
	{ "channel", ROTA_COL_STRING }, { "customer_tz", ROTA_COL_STRING },
	{ "forecast", ROTA_COL_NUMBER }, { "lo80", ROTA_COL_NUMBER }, { "hi80", ROTA_COL_NUMBER },
	{ "lo95", ROTA_COL_NUMBER }, { "hi95", ROTA_COL_NUMBER }, { "model", ROTA_COL_STRING }
};
static const rota_column BT_COLS[] = {
	{ "queue", ROTA_COL_STRING }, { "channel", ROTA_COL_STRING },
	{ "customer_tz", ROTA_COL_STRING }, { "model", ROTA_COL_STRING },
	{ "origins", ROTA_COL_NUMBER }, { "mase", ROTA_COL_NUMBER }, { "wape", ROTA_COL_NUMBER },
	{ "bias", ROTA_COL_NUMBER }, { "cover80", ROTA_COL_NUMBER }, { "cover95", ROTA_COL_NUMBER }
};

const rota_column *
rota_fc_columns(int backtest, size_t *n)
{
	*n = 10;
	return backtest ? BT_COLS : FC_COLS;
}

static void
series_cells(rota_record *w, const rota_fc_grid_series *s)
{
	rota_record_str(w, s->queue);
	rota_record_str(w, s->channel);
	rota_record_str(w, s->customer_tz);
}

void
rota_fc_put_forecast(rota_record *w, const rota_fc_grid *g, size_t i, const double *bands,
                     const char *model)
{
	size_t L = g->nplan;
	for (size_t j = 0; j < L; j++) {
		rota_record_time(w, g->start + (rota_time)j * g->slot, g->tz);
		series_cells(w, &g->v[i]);
		for (int b = 0; b < 5; b++)
			rota_record_real(w, bands[(size_t)b * L + j], 3);
		rota_record_str(w, model);
		rota_record_end(w);
	}
}

void
rota_fc_put_score(rota_record *w, const rota_fc_grid *g, size_t i, const rota_fc_score *sc)
{
	series_cells(w, &g->v[i]);
	rota_record_str(w, sc->model);
	rota_record_int(w, (int64_t)sc->origins);
	double v[5] = { sc->mase, sc->wape, sc->bias, sc->cover80, sc->cover95 };
	for (int c = 0; c < 5; c++)
		rota_record_fixed(w, v[c], 3);
	rota_record_end(w);
}
