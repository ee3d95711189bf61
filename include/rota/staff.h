/* From forecast volume to agents per interval: queue settings (config merged with command
 * line), the voice, chat and deferred-work (e-mail) models, the forecast CSV reader, and
 * the backlog that deferred work carries from one interval to the next.  The queueing
 * mathematics is in rota/erlang.h. */
#ifndef ROTA_STAFF_H
#define ROTA_STAFF_H

#include <stddef.h>
#include <stdint.h>
#include <rota/error.h>
#include <rota/time.h>
#include <rota/csv.h>
#include <rota/config.h>
#include <rota/erlang.h>
#include <rota/value.h>     /* the --sl and share parsers */

enum rota_staff_model {
	ROTA_STAFF_ERLANG_C = 0,  /* M/M/n: callers wait as long as it takes */
	ROTA_STAFF_ERLANG_A,      /* M/M/n+M: callers abandon after a mean patience */
	ROTA_STAFF_DEFERRED       /* work answered within a window (e-mail), with backlog */
};

/* Settings that override the config for every queue (the command line).  Absent numbers
 * are -1 (0 for concurrency), absent strings NULL. */
typedef struct rota_staff_opts {
	const char *channel;      /* voice, chat, email */
	int model;                /* enum rota_staff_model for erlang-c/-a; -1: by patience */
	int64_t aht, sl_time, asa, patience, respond_within;
	double sl, max_occupancy, shrinkage, max_abandon;
	int concurrency;
	/* Called now and then on long runs (NULL: never), for a command to show progress;
	 * total 0 when unknown.  The library itself draws nothing. */
	void (*progress)(void *ctx, const char *what, size_t done, size_t total);
	void *progress_ctx;
} rota_staff_opts;

void rota_staff_opts_init(rota_staff_opts *o);

/* A queue's settings, complete and checked. */
typedef struct rota_staff_queue {
	char *name;               /* "" for rows without a queue */
	int model;                /* enum rota_staff_model */
	int concurrency;          /* chats an agent handles at once (>= 1) */
	double aht;               /* seconds per contact (per chat, per e-mail) */
	rota_erlang_target target;
	double patience;          /* Erlang A: mean patience, seconds */
	double respond_within;    /* deferred: seconds from arrival to answer */
	double shrinkage;         /* 0 <= r < 1 */
} rota_staff_queue;

/* Merge the command line over the config entry (def may be NULL) into *q.  A setting the
 * model needs but nobody gave is an error naming the queue and the setting, reported at
 * file:line:col (where the queue was met in the input; file may be NULL); cfgpath names
 * the config in the advice (NULL: none was read). */
int rota_staff_queue_resolve(rota_staff_queue *q, const char *name, const rota_queue_def *def,
                             const rota_staff_opts *o, const char *cfgpath,
                             const char *file, long line, long col, rota_error *err);
void rota_staff_queue_free(rota_staff_queue *q);

/* One interval of one queue: the input volume, then what staffing it takes. */
typedef struct rota_staff_row {
	rota_time start;
	size_t queue;             /* index into rota_staff_input.queues */
	double volume;            /* contacts arriving in the interval */
	long line, col;           /* where the row was read (0 for gap intervals) */
	long agents;              /* productive agents needed */
	long required;            /* ceil(agents / (1 - shrinkage)): heads to schedule */
	double service_level, asa, occupancy, abandon;
	double backlog;           /* deferred: contacts still open at the interval's end */
} rota_staff_row;

/* Voice or chat: the fewest agents for one interval of `interval` seconds. */
int rota_staff_interval(const rota_staff_queue *q, double interval, rota_staff_row *row,
                        rota_error *err);

/* Deferred work: rows are the queue's consecutive intervals in time order (no gaps).
 * Each interval gets the fewest agents who, working at that level from then on, finish
 * all work known so far by its deadline; work left over is carried, oldest first. */
int rota_staff_deferred(const rota_staff_queue *q, double interval, rota_staff_row *rows,
                        size_t n, rota_error *err);

/* A forecast read from CSV, rows of the same (interval_start, queue) summed. */
typedef struct rota_staff_input {
	char **queues;            /* names in order of first appearance */
	size_t nqueues;
	long *queue_line, *queue_col;   /* where each queue first appeared */
	rota_staff_row *rows;     /* sorted by start, then queue order */
	size_t nrows;
	char volume_column[64];   /* the column that was read as the volume */
} rota_staff_input;

/* Columns by header name: interval_start, queue (optional) and the volume: `column` if
 * not NULL, else forecast, else volume.  Naive times are read in tz.  Returns 0, or -1
 * with err at file:line:column of the first bad field. */
int rota_staff_read(rota_csv *c, const char *column, const rota_tz *tz, unsigned flags,
                    rota_staff_input *in, rota_error *err);
void rota_staff_input_free(rota_staff_input *in);
/* Keep the rows of queue name only (none when it has none). */
void rota_staff_input_keep(rota_staff_input *in, const char *name);
/* One interval of volume contacts for queue (NULL: no queue), for one-shot use. */
void rota_staff_input_single(rota_staff_input *in, const char *queue, double volume);
/* The handling time each queue of in ends up with (o over the config), in seconds: an
 * array of in->nqueues to free. */
double *rota_staff_input_aht(const rota_staff_input *in, const rota_config *cfg,
                             const rota_staff_opts *o);

/* The interval length: the smallest gap between consecutive intervals of a queue;
 * 0 when no queue has two intervals. */
int64_t rota_staff_guess_interval(const rota_staff_input *in);

/* Staff every row: resolve each queue (config cfg, command line o), fill gaps in
 * deferred queues with empty intervals (they need agents to work the backlog) and
 * compute.  rows may be reallocated. */
int rota_staff_run(rota_staff_input *in, const rota_config *cfg, const rota_staff_opts *o,
                   int64_t interval, const char *input_name, rota_error *err);

/* One queue's totals over the run, for a summary line. */
typedef struct rota_staff_summary {
	size_t intervals;
	double volume;            /* contacts, all intervals */
	long peak_agents, peak_required;
	double backlog;           /* left at the end of the last interval */
} rota_staff_summary;
void rota_staff_summarize(const rota_staff_input *in, size_t queue, rota_staff_summary *out);

#endif
