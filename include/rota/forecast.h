/* Forecasting request volume: a series of counts per interval in, a forecast with
 * prediction intervals out.  Pure: no files, no database, no time zones.  A series lives
 * on a regular grid of LOCAL slots (slots_per_day slots each civil day, in the zone of the
 * customers it counts), so daily and weekly cycles stay aligned across DST; the command
 * maps local slots to instants and places them on the planning zone's grid.
 *
 * Models are entries of one table (one file each, src/lib/forecast-<name>.c), chosen by
 * name; "auto" chooses or combines per series by rolling-origin backtest. */
#ifndef ROTA_FORECAST_H
#define ROTA_FORECAST_H

#include <stddef.h>
#include <stdint.h>
#include <rota/error.h>

/* Slot flags (rota_fc_series.flags). */
enum {
	ROTA_FC_CLOSED = 1,    /* outside opening hours: a structural zero, not a missing value */
	ROTA_FC_MISSING = 2,   /* no observation (a DST gap slot, a hole in the export) */
	ROTA_FC_HOLIDAY = 4    /* the slot's day is a holiday: left out of fitting */
};

typedef struct rota_fc_series {
	int64_t start_day;     /* local civil day of values[0] (rota_days_from_civil) */
	int slots_per_day;     /* 24, 48 or 96 (1h, 30m, 15m) */
	size_t n;              /* slots of history; values[0] is slot 0 of start_day */
	const double *values;  /* counts, >= 0 */
	const unsigned char *flags; /* per slot, n of them; NULL: all open and observed */
	/* The future: flags for the horizon's slots (closed hours, holidays), NULL: all open. */
	const unsigned char *future_flags;
} rota_fc_series;

typedef struct rota_fc_opts {
	size_t horizon;        /* slots to forecast, starting right after the history; 0: a week */
	int avg_weeks;         /* avg: weeks averaged (default 4) */
	/* How a holiday is forecast: like weekday 0..6 (Monday..Sunday), or -1 for closed
	 * (zero).  Default 6: like a Sunday. */
	int holiday_like;
	/* Called now and then on long runs (NULL: never); the library draws nothing. */
	void (*progress)(void *ctx, const char *what, size_t done, size_t total);
	void *progress_ctx;
} rota_fc_opts;

void rota_fc_opts_init(rota_fc_opts *o);

typedef struct rota_fc_result {
	size_t horizon;
	double *mean, *lo80, *hi80, *lo95, *hi95;   /* horizon each; never negative */
	char model[48];        /* what produced it: "hw", or for auto e.g. "auto:hw+avg" */
} rota_fc_result;

void rota_fc_result_free(rota_fc_result *r);

typedef struct rota_fc_model rota_fc_model;

/* The model table, NULL-terminated, in the order --help lists them. */
const rota_fc_model *const *rota_fc_models(void);
const rota_fc_model *rota_fc_model_find(const char *name);
const char *rota_fc_model_name(const rota_fc_model *m);
const char *rota_fc_model_summary(const rota_fc_model *m);  /* one line for --help / --list */
/* History the model needs, in slots of a series with slots_per_day slots a day (whole
 * weeks); rota_fc_backtest needs a week more for its first origin. */
size_t rota_fc_model_min_history(const rota_fc_model *m, int slots_per_day);

/* Fit m to s and forecast o->horizon slots.  Intervals are calibrated on the series' own
 * rolling-origin errors per lead time; a series too short for that gets intervals from the
 * model's errors a day ahead on its last days (below), and one too short for the model at all is an error (status
 * 2, message says how much history the model needs).
 *
 * Every model's forecast then follows the same rules: slots closed in future_flags are 0
 * (intervals too); a slot whose day is a holiday is the forecast of the same slot on the
 * nearest day of weekday o->holiday_like (or 0 when that is -1, or when that slot is
 * closed); no value is negative, and each civil day's slots add up to the day total the
 * model implied (rota_fc_reconcile).  Closed, missing and holiday slots of the history
 * are never fitted, and are not scored by rota_fc_backtest (holidays are: their forecast
 * is one).
 *
 * The intervals: the model (its parameters refitted from its own fit, for hw) forecasts
 * from up to 8 weekly origins before the end, as it forecasts now; the errors, scaled by
 * a variance fitted as c0 + c1 f + c2 f^2 of the forecast f, give empirical 2.5, 10, 90
 * and 97.5% quantiles per day of lead time, widened by 1 + 2 r / K for K origins when a
 * share r of the error is common to an origin's slots (a level missed for a week, which
 * K origins sample only K times).  Too short for two weekly origins: daily origins; for
 * those: Poisson-like normal intervals. */
int rota_forecast(const rota_fc_series *s, const rota_fc_model *m, const rota_fc_opts *o,
                  rota_fc_result *out, rota_error *err);

/* What every model's forecast goes through, for a caller combining forecasts of its
 * own: the slots v[0..n) made non-negative while keeping each civil day's total.  The
 * slot of the day of v[0] is slot0; slots with closed[j] nonzero (closed may be NULL),
 * and NaNs, become 0 and do not count.  A day whose total is positive keeps it, its
 * negative slots 0 and its positive ones scaled down to make up for them; a day whose
 * total is not positive becomes all 0. */
void rota_fc_reconcile(double *v, size_t n, const unsigned char *closed, size_t slot0,
                       int slots_per_day);

/* Rolling-origin evaluation over the last `weeks` weeks of history: one origin a week,
 * each forecasting min(o->horizon, 7 days) from only the data before it. */
typedef struct rota_fc_score {
	char model[48];
	size_t origins;        /* forecast origins evaluated */
	double mase;           /* mean absolute error / in-sample weekly seasonal naive MAE */
	double wape;           /* sum |error| / sum actual */
	double bias;           /* sum (forecast - actual) / sum actual */
	double cover80, cover95;   /* share of actuals inside the intervals */
} rota_fc_score;

int rota_fc_backtest(const rota_fc_series *s, const rota_fc_model *m, const rota_fc_opts *o,
                     int weeks, rota_fc_score *out, rota_error *err);

#endif
