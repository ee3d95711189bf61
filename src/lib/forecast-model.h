/* Private to the forecasting library: what a model module sees and provides.
 *
 * A model works on an fc_data: the history up to an origin (n slots), with per-slot
 * "usable" marks (open, observed, not a holiday) and "closed" marks.  It has two steps:
 * fit estimates its parameters (Holt-Winters' smoothing constants, auto's choice) from
 * a history, and point forecasts from a history with given parameters.  The split lets
 * the interval calibration and auto's selection replay a model at earlier origins
 * without refitting it each time: a fit is the expensive part (an optimisation), a
 * point forecast is one pass over the data. */
#ifndef ROTA_FORECAST_MODEL_H
#define ROTA_FORECAST_MODEL_H

#include <stddef.h>
#include <rota/forecast.h>

typedef struct fc_data {
	const double *y;            /* history values; only usable ones are read */
	const unsigned char *use;   /* 1: open, observed, not a holiday */
	const unsigned char *closed; /* 1: structural zero */
	size_t n;                   /* slots of history (the origin) */
	int spd;                    /* slots a day */
	size_t week;                /* slots a week, 7 * spd */
	int wd0;                    /* weekday (0 = Monday) of slot 0 */
} fc_data;

struct rota_fc_model {
	const char *name;
	const char *summary;
	int min_weeks;              /* whole weeks of history the model needs */
	/* Estimate parameters from d (NULL when the model has none); the result is passed
	 * to point and then to free_params (or free() when that is NULL). */
	void *(*fit)(const fc_data *d, const rota_fc_opts *o);
	void (*free_params)(void *params);
	/* Parameters for a shorter history (an earlier origin), starting from params;
	 * NULL: params serve as they are. */
	void *(*refit)(const fc_data *d, const void *params, const rota_fc_opts *o);
	/* Whole weeks of history the fitted model needs (NULL: min_weeks). */
	int (*needs)(const void *params);
	/* Forecast h slots after d->n.  Values may be negative or non-zero in closed
	 * slots: the caller zeroes closed slots and reconciles daily totals.  For auto,
	 * name (48 bytes) receives what was chosen; others leave it alone. */
	void (*point)(const fc_data *d, const void *params, const rota_fc_opts *o, size_t h,
	              double *mean, char *name);
};

extern const rota_fc_model fc_model_snaive, fc_model_avg, fc_model_hw, fc_model_mstl,
	fc_model_auto;

/* Shared by the modules (forecast.c). */
void *fc_fit(const rota_fc_model *m, const fc_data *d, const rota_fc_opts *o);
void fc_free(const rota_fc_model *m, void *params);
/* d cut at an earlier origin n (<= d->n). */
fc_data fc_cut(const fc_data *d, size_t n);
/* The most recent usable value at slot t's weekly position before d->n, looking back
 * whole weeks from t; *found 0 when there is none. */
double fc_last_same_slot(const fc_data *d, size_t t, int *found);
/* The k-th smallest of v[0..n) (n > 0), v reordered (quickselect). */
double fc_select(double *v, size_t n, size_t k);

/* Nelder-Mead minimisation of f over dim <= 8 unconstrained variables, from x (updated
 * to the best point), with initial step `step`, at most max_eval evaluations. */
double fc_nelder_mead(double (*f)(const double *x, void *ctx), void *ctx, double *x, int dim,
                      double step, int max_eval, double tol);

#endif
