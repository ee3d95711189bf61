/* From arrivals to forecast series and back (rota/forecast.h models one series):
 *   - the arrival counts a forecast starts from, read from a CSV file or the store;
 *   - the grid: counts split into series (by queue, channel, customer time zone), each on
 *     its own grid of LOCAL slots with flags for closed hours, holidays and DST gaps;
 *   - placing a series' local slots back onto the planning zone's grid of instants;
 *   - the SVG chart of history, forecast and prediction bands.
 * Pure library code: files and the store are read through their own readers. */
#ifndef ROTA_FORECAST_SERIES_H
#define ROTA_FORECAST_SERIES_H

#include <stddef.h>
#include <stdint.h>
#include <rota/error.h>
#include <rota/time.h>
#include <rota/csv.h>
#include <rota/calendar.h>
#include <rota/forecast.h>

/* The series columns, as a mask ("queue,channel" -> QUEUE | CHANNEL). */
enum {
	ROTA_FC_BY_QUEUE = 1 << 0,
	ROTA_FC_BY_CHANNEL = 1 << 1,
	ROTA_FC_BY_CUSTOMER_TZ = 1 << 2
};
/* A comma list of queue, channel, customer_tz; an unknown name is an error whose col is
 * its 1-based position in the list. */
int rota_fc_by_parse(const char *list, unsigned *by, rota_error *err);

/* ---- arrival counts ---- */

typedef struct rota_fc_count {
	rota_time t;           /* the arrival, or the start of a pre-aggregated interval */
	double count;          /* 1 for an arrival */
	uint32_t key[3];       /* queue, channel, customer_tz as name ids (0: "") */
} rota_fc_count;

typedef struct rota_fc_counts {
	rota_fc_count *v;
	size_t n, cap;
	/* Pre-aggregated input: the step every interval start lies on (the gcd of their
	 * distances; 0 with a single instant); arrivals: 0. */
	int64_t step;
	int aggregated;
	char **names;          /* names[0] is "" */
	size_t nnames, capnames;
	uint32_t *hash;        /* private: name ids by hash, 0 empty */
	size_t hcap;
} rota_fc_counts;

void rota_fc_counts_init(rota_fc_counts *c);
void rota_fc_counts_free(rota_fc_counts *c);
/* The id of a name (a new one is added); "" is 0. */
uint32_t rota_fc_counts_name(rota_fc_counts *c, const char *s, size_t len);
void rota_fc_counts_add(rota_fc_counts *c, rota_time t, double count, uint32_t queue,
                        uint32_t channel, uint32_t customer_tz);

enum {
	/* Timestamps are wall-clock times in the zone given, whatever offset or Z they
	 * carry (exports that stamp local times with a Z). */
	ROTA_FC_READ_NAIVE = 1 << 8
};

/* A CSV of arrivals or of counts, by its header:
 *   - a time column (interval_start, time, created, timestamp, arrival or datetime, in
 *     any case) and a count column (count, calls, volume or arrivals): counts per
 *     interval, one row an interval;
 *   - a time column alone: arrivals, one row each;
 *   - optional series columns queue, channel, customer_tz (an IANA zone or empty);
 *   other columns are ignored.  Naive times are read in tz, those in a DST gap are an
 *   error unless flags has ROTA_PARSE_LENIENT.  Errors (status 2) name file:line:col. */
int rota_fc_read_csv(rota_csv *csv, const rota_tz *tz, unsigned flags, rota_fc_counts *out,
                     rota_error *err);

/* Tickets' created times from the store, counted per quarter hour (UTC buckets, which
 * every zone's local slots are made of) and per series columns in by. */
struct rota_store;
int rota_fc_read_store(struct rota_store *s, unsigned by, rota_fc_counts *out,
                       rota_error *err);

/* The same from a file ("-" or NULL: standard input), and from the database at path
 * (opened read-only). */
int rota_fc_read_file(const char *path, const rota_tz *tz, unsigned flags,
                      rota_fc_counts *out, rota_error *err);
int rota_fc_read_db(const char *path, unsigned by, rota_fc_counts *out, rota_error *err);

/* A day a holiday is forecast like: "mon" .. "sun" (or longer: "sunday") 0 .. 6,
 * "closed" -1; anything else -2. */
int rota_fc_weekday_parse(const char *s);

/* ---- the grid ---- */

typedef struct rota_fc_grid_opts {
	int64_t slot;          /* seconds: 3600, 1800 or 900 */
	unsigned by;           /* ROTA_FC_BY_* */
	const rota_tz *tz;     /* the planning zone */
	rota_time start;       /* first instant forecast; ROTA_TIME_NONE: end of history */
	int64_t horizon;       /* seconds forecast, > 0 */
	/* Opening hours: one calendar for every series, or else per queue (queue_hours may
	 * return NULL: always open; or NULL with err set: the run fails).  Neither: open. */
	rota_calendar *hours;
	rota_calendar *(*queue_hours)(void *ctx, const char *queue, rota_error *err);
	void *ctx;
	rota_calendar *holidays;   /* its holiday dates flag days ROTA_FC_HOLIDAY; or NULL */
	int max_days;          /* longest history kept, in days (0: 3700, ten years) */
} rota_fc_grid_opts;

void rota_fc_grid_opts_init(rota_fc_grid_opts *o);

typedef struct rota_fc_grid_series {
	const char *queue, *channel, *customer_tz;   /* "" when not split by it */
	const rota_tz *tz;     /* the zone of its local slots */
	rota_fc_series s;      /* history, flags and future flags */
	size_t horizon;        /* local slots to forecast (s.future_flags has as many) */
	double closed;         /* arrivals counted in slots its hours call closed */
	double *values;        /* private: s's arrays */
	unsigned char *flags, *future;
} rota_fc_grid_series;

typedef struct rota_fc_grid {
	rota_fc_grid_series *v;
	size_t n;
	int64_t slot;
	const rota_tz *tz;     /* planning zone */
	rota_time first;       /* start of the planning slot of the first count */
	rota_time end;         /* end of the planning slot of the last count */
	rota_time start;       /* first forecast instant, on the planning grid */
	size_t nplan;          /* planning slots forecast */
} rota_fc_grid;

/* Split c into series and lay each on its grid.  Errors (status 2): no counts, a
 * customer_tz that is not a zone, counts coarser than the slot, a start before the
 * history or a history longer than max_days. */
int rota_fc_grid_build(const rota_fc_counts *c, const rota_fc_grid_opts *o, rota_fc_grid *g,
                       rota_error *err);
void rota_fc_grid_free(rota_fc_grid *g);

/* Add the values of series i's local slots [from, from + n) (its index: history 0 ..
 * s.n - 1, then the forecast) to out[0 .. nout), planning slots from `at` on.  Each local
 * slot's value is spread over the real time its wall-clock span covers: the two
 * occurrences of a fold hour take half each, a gap slot covers none, and a slot that
 * straddles two planning slots (a zone offset of half an hour) is shared by overlap. */
void rota_fc_grid_place(const rota_fc_grid *g, size_t i, const double *v, size_t from,
                        size_t n, rota_time at, size_t nout, double *out);

/* "queue=phone-de channel=voice customer_tz=Asia/Tokyo", "all arrivals" when not split:
 * for messages and titles; free it. */
char *rota_fc_series_label(const rota_fc_grid_series *s);

/* ---- series through the models ---- */

/* Forecast series i with m (o->horizon is the series' own) and place it on the planning
 * grid: bands gets 5 * g->nplan values, the mean, lo80, hi80, lo95 and hi95 in turn;
 * model (48 bytes) what produced it. */
int rota_fc_grid_forecast(const rota_fc_grid *g, size_t i, const rota_fc_model *m,
                          const rota_fc_opts *o, double *bands, char model[48],
                          rota_error *err);
/* rota_fc_backtest of series i over its own horizon. */
int rota_fc_grid_backtest(const rota_fc_grid *g, size_t i, const rota_fc_model *m,
                          const rota_fc_opts *o, int weeks, rota_fc_score *out,
                          rota_error *err);

/* The output's columns (rota-forecast(1)): the forecast's ten, or with backtest set
 * the backtest's (queue, channel, customer_tz, model, origins, mase, wape, bias,
 * cover80, cover95); and one series' rows of each, times in the planning zone. */
struct rota_column;
struct rota_record;
const struct rota_column *rota_fc_columns(int backtest, size_t *n);
void rota_fc_put_forecast(struct rota_record *w, const rota_fc_grid *g, size_t i,
                          const double *bands, const char *model);
void rota_fc_put_score(struct rota_record *w, const rota_fc_grid *g, size_t i,
                       const rota_fc_score *sc);

/* ---- the chart ---- */

typedef struct rota_fc_panel {
	const char *title;
	const double *hist;    /* nhist planning slots of history, ending at the start */
	size_t nhist;
	const double *mean, *lo80, *hi80, *lo95, *hi95;   /* n planning slots from the start */
	size_t n;
} rota_fc_panel;

typedef struct rota_fc_chart {
	const rota_tz *tz;     /* axis labels in this zone */
	rota_time start;       /* the first forecast slot */
	int64_t slot;
	const char *model;     /* for the subtitle; may be NULL */
	const rota_fc_panel *panels;
	size_t npanels;
	size_t left_out;       /* series not drawn (over the limit), said in a note */
} rota_fc_chart;

/* A panel of series i: its label, up to a week of its history and a copy of bands (as
 * rota_fc_grid_forecast fills them); free it with rota_fc_panel_free. */
void rota_fc_panel_make(const rota_fc_grid *g, size_t i, const double *bands,
                        rota_fc_panel *p);
void rota_fc_panel_free(rota_fc_panel *p);

/* A standalone SVG 1.1 document, one panel per series; free it. */
char *rota_fc_svg(const rota_fc_chart *c);

#endif
