/* The SLA and OLA clock engine: one ticket's events and the policies in, clock rows out.
 * Pure: no SQL, no output formatting; errors as values.  rota-sla, rota-alert and
 * rota-ical deadlines share it: build an engine once from the policies and a calendar
 * lookup, then evaluate ticket after ticket.
 *
 * ---- What a clock is ----
 *
 * Policy.  The ticket's state as of `at` (the fields of its last event at or before `at`:
 * status, team, priority, agent, queue, channel, customer_tz) and its attributes choose
 * the policy: the first sla: policy whose match holds.  A field wins over an attribute
 * of the same name; an empty value is no value (it matches nothing).  The chosen
 * policy's targets and calendar apply to the whole history: after a priority change the
 * new target is measured against all the business time already elapsed, and time spent
 * paused stays paused (nothing is lost, nothing is reset).
 *
 * Clock events.  Each event raises the clock event of its kind (created, reply, note,
 * resolved, closed, reopened, message; status, assign and priority events raise none of
 * their own) plus, from the change of team it carries: for sla clocks, `assigned` when
 * the ticket gets a team it did not have and `unassigned` when it is left without one;
 * for an ola clock of team T, `assigned` when the ticket comes to T and `unassigned`
 * when it leaves T.  The status after an event holds until the next event.
 *
 * A cycle, per metric.  At each event, in this order:
 *   1. reopen: when no cycle is open and the last one ended with the ticket (it was
 *      stopped by `resolved`, `closed` or a stop_status), a `reopened` event or the status
 *      leaving the stop statuses reopens it: on_reopen resume continues that cycle from
 *      its elapsed time (its stop no longer counts: one cycle, not two); restart starts a
 *      new cycle from zero at the reopen.  A cycle that ended otherwise (a first
 *      response stopped by a reply) is not revived by a reopen.  Skipped for a metric
 *      whose start event is `reopened` itself.
 *   2. stop: an open cycle stops on one of the metric's stop events or when the status
 *      becomes a stop_status (for ola with stints each, also when the ticket leaves the
 *      team).  It is met when elapsed <= target at its stop, breached otherwise.
 *   3. start: when no cycle is open, the metric's start event starts a new one.  So a
 *      customer message starts a next_response cycle only while none is open (messages
 *      during an open cycle do not), and an event that both stops and starts a metric
 *      (a periodic update: start reply, stop reply) ends one cycle and begins the next.
 *   No cycle starts or reopens while the status is a stop_status (it would stop at once).
 * An open cycle runs while the status is not a pause_status (and, for ola, while the
 * ticket is with the team), and counts only the calendar's open time (NULL calendar:
 * around the clock).
 *
 * OLA.  Each team the ticket was with (at or before `at`) gets its own clocks, under the
 * first ola: policy whose match holds with `team` set to that team (the other fields and
 * attributes as of `at`).  Stints: with ROTA_SLA_STINTS_EACH (the default) leaving the
 * team stops the open cycle, so that with the default start (assigned) every stint is a
 * cycle of its own; with ROTA_SLA_STINTS_SUM leaving the team only pauses the cycle,
 * `unassigned` is no stop, and the next stint goes on from the time already elapsed.
 * An ola policy's `stints: each|sum` (rota_policy.stints) wins over this option.
 *
 * Only events at or before `at` count, so replaying a past moment is exact.  A metric
 * that has no cycle by `at` (next_response without a customer message) gives no row.
 *
 * ---- A row (one per cycle) ----
 *   elapsed    business seconds the cycle ran, up to its stop or `at`;
 *   remaining  target - elapsed (negative once breached); percent = 100 * elapsed/target;
 *   state      met / breached for a stopped cycle; for an open one breached when elapsed
 *              > target, else paused when a pause_status holds (ola: or the ticket is
 *              away from the team), else running.  Closed calendar hours (nights,
 *              holidays) do not make a cycle paused: its clock is on, the calendar just
 *              counts nothing;
 *   due        the earliest instant at which elapsed reaches target: when that happened
 *              already, that instant (a breached cycle's due is in the past); otherwise
 *              the instant it is reached if the clock runs on from `at` (a paused cycle:
 *              as if it resumed at `at`; a stopped one: the due it had when it stopped, as
 *              if it had run on from its stop).  ROTA_SLA_NO_TIME when the calendar never
 *              opens enough;
 *   warn_at    the same for each warn level (a fraction w of target is reached when
 *              elapsed >= ceil(w * target)); warn_level = how many levels were reached.
 * A target met exactly at the due instant is met: elapsed == target is not breached.
 *
 * ---- Cost ----
 * The engine keeps its working memory between tickets; calendar calls happen only when a
 * clock's running state changes (and one add per future instant on a row).  An engine
 * and its calendars belong to one thread: give each thread its own. */
#ifndef ROTA_SLA_H
#define ROTA_SLA_H

#include <stddef.h>
#include <stdint.h>
#include <rota/calendar.h>
#include <rota/config.h>
#include <rota/error.h>
#include <rota/store.h>
#include <rota/time.h>

#define ROTA_SLA_NO_TIME INT64_MIN      /* no stop yet, or a due that never comes */

enum rota_sla_state {
	ROTA_SLA_RUNNING = 0, ROTA_SLA_PAUSED, ROTA_SLA_MET, ROTA_SLA_BREACHED
};
const char *rota_sla_state_name(int state);     /* "running", ...; "?" out of range */

enum rota_sla_stints {
	ROTA_SLA_STINTS_EACH = 0,   /* every stint with a team is a cycle of its own */
	ROTA_SLA_STINTS_SUM         /* the team's stints add up to one clock */
};

enum {
	ROTA_SLA_LAST_CYCLE = 1 << 0,   /* only each metric's latest cycle (rota-sla check) */
	ROTA_SLA_NO_WARN_AT = 1 << 1,   /* skip warn instants not reached yet (saves adds) */
	ROTA_SLA_NO_OLA = 1 << 2,       /* sla rows only */
	ROTA_SLA_NO_SLA = 1 << 3        /* ola rows only */
};

typedef struct rota_sla_options {
	int stints;                 /* enum rota_sla_stints */
	unsigned flags;
} rota_sla_options;

/* Finds a calendar by the name a policy gives; NULL when there is none (an error when
 * the engine is built).  The engine calls it only from rota_sla_engine_new. */
typedef rota_calendar *(*rota_sla_calendar_fn)(void *ctx, const char *name);

typedef rota_attr rota_sla_attr;           /* { name, value } (store.h) */

typedef struct rota_sla_row {
	const char *ticket;
	int kind;                       /* enum rota_policy_kind */
	const rota_policy *policy;
	const rota_metric_def *metric;
	const char *team;               /* ola: the clock's team; sla: the team as of `at` */
	int cycle;                      /* 1, 2, ... within the metric (and team) */
	int last;                       /* 1 on the metric's latest cycle */
	int state;                      /* enum rota_sla_state */
	rota_time start;
	rota_time stop;                 /* ROTA_SLA_NO_TIME while open */
	rota_time due;
	int64_t elapsed, target, remaining;
	double percent;
	int warn_level;                 /* warn levels reached, 0 .. nwarn */
	const double *warn;             /* the metric's levels (fractions), ascending */
	const rota_time *warn_at;       /* when each is or was reached (see above) */
	size_t nwarn;
} rota_sla_row;

typedef struct rota_sla_engine rota_sla_engine;

/* Policies as the config gives them (cfg->sla, cfg->nsla, cfg->ola, cfg->nola); they and
 * the calendars must outlive the engine.  opt may be NULL (defaults).  NULL with err
 * (status 2, naming the policy's file:line:col) when a calendar is not found. */
rota_sla_engine *rota_sla_engine_new(const rota_policy *sla, size_t nsla,
                                     const rota_policy *ola, size_t nola,
                                     rota_sla_calendar_fn calendar, void *calctx,
                                     const rota_sla_options *opt, rota_error *err);
void rota_sla_engine_free(rota_sla_engine *e);

typedef int (*rota_sla_row_cb)(const rota_sla_row *row, void *ctx);

/* Evaluate one ticket as of `at`: ev[0..nev) are its events in time order (ties in the
 * order they happened), attrs its attributes as of `at`.  Rows go to cb (if not NULL)
 * in order: sla metrics in policy order, then ola per team (first seen first) and
 * metric, cycles in order.  A non-zero return of cb stops and is returned.  -1 with err
 * (status 2) when the events are out of time order.  Rows, and the strings they point
 * to in ev, stay valid until the next evaluation (rota_sla_rows gives them again). */
int rota_sla_evaluate(rota_sla_engine *e, const rota_event *ev, size_t nev,
                      const rota_sla_attr *attrs, size_t nattrs, rota_time at,
                      rota_sla_row_cb cb, void *ctx, rota_error *err);
const rota_sla_row *rota_sla_rows(const rota_sla_engine *e, size_t *nrows);

/* ---- The driver (rota-sla, rota-alert, rota-ical deadlines) ----
 * Streams the store's ticket histories as of `at` (rota_store_each_history: key order,
 * one ticket in memory at a time) through the engine.  Pure library code over typed
 * store calls.  A non-zero return of a callback stops the run and is returned; -1 with
 * err on a failure of the store or the engine. */
enum {
	ROTA_SLA_RUN_OPEN = 1 << 0      /* only tickets open at `at` (ROTA_HISTORY_OPEN) */
};

/* Row by row, in the engine's order within a ticket, tickets in key order. */
int rota_sla_run(rota_store *store, rota_sla_engine *e, rota_time at, unsigned flags,
                 rota_sla_row_cb cb, void *ctx, rota_error *err);

/* The same in `threads` worker threads (a parallel run): each reads its share of the
 * tickets (key ranges, or lists of open tickets) through its own read-only connection
 * (rota_store_reader) with its own engine and calendars, built from the config e was
 * built from; cb runs in the calling thread with the rows in the order of rota_sla_run,
 * byte for byte.  Memory is bounded by the shares in flight, not by the tickets.
 * threads <= 0: one per online processor, at most 8, but one for ROTA_SLA_RUN_OPEN
 * (its key lookups cost more than the threads win).  Runs as rota_sla_run in the
 * calling thread when threads is 1, when e is not from
 * rota_sla_engine_config, or when the store has no file to share (a memory database).
 * Each connection reads in transactions of its own: an import that commits during the
 * run may be seen by the later shares only (each ticket is always read whole). */
int rota_sla_run_threads(rota_store *store, rota_sla_engine *e, rota_time at, unsigned flags,
                         int threads, rota_sla_row_cb cb, void *ctx, rota_error *err);

/* Ticket by ticket, for consumers that need the ticket as well as its rows (its
 * priority as of `at`, an attribute): f->at is the moment; rows are valid during the
 * call.  Tickets without rows are passed too (nrows 0). */
typedef int (*rota_sla_ticket_cb)(const rota_history *h, const rota_sla_row *rows,
                                  size_t nrows, void *ctx);
int rota_sla_run_tickets(rota_store *store, rota_sla_engine *e, const rota_history_filter *f,
                         rota_sla_ticket_cb cb, void *ctx, rota_error *err);

/* Rows kept beyond their ticket (copied with their strings; warn_at is dropped), for
 * consumers that reorder them: rota-sla check --due-within, soonest first. */
typedef struct rota_sla_rowbuf rota_sla_rowbuf;
rota_sla_rowbuf *rota_sla_rowbuf_new(void);
void rota_sla_rowbuf_add(rota_sla_rowbuf *b, const rota_sla_row *row);
/* The rows by due (ROTA_SLA_NO_TIME last), ties in the order they were added. */
const rota_sla_row *rota_sla_rowbuf_by_due(rota_sla_rowbuf *b, size_t *nrows);
void rota_sla_rowbuf_free(rota_sla_rowbuf *b);

/* An engine over cfg's policies with calendars from cs (rota_calendars_get by name);
 * both must outlive it.  NULL with err (status 2) as rota_sla_engine_new. */
rota_sla_engine *rota_sla_engine_config(const rota_config *cfg, rota_calendars *cs,
                                        const rota_sla_options *opt, rota_error *err);

/* ---- Compliance reports (rota-sla report) ----
 * Cycles that start in [from, to) are counted in groups by the chosen dimensions (and
 * always by kind): met, breached (stopped breached, or open past its target), open
 * (running or paused within target); compliance = met / (met + breached); median and
 * p90 of the elapsed business time of the met and breached cycles (nearest rank).  When
 * made_sla names an attribute, the rows of tickets that carry it are counted as well,
 * and those whose value is true (true, yes, 1, t, y; any case): the log's own figure. */
enum rota_sla_by {
	ROTA_SLA_BY_POLICY = 0, ROTA_SLA_BY_METRIC, ROTA_SLA_BY_PRIORITY, ROTA_SLA_BY_TEAM,
	ROTA_SLA_BY_MONTH, ROTA_SLA_NBY
};
const char *rota_sla_by_name(int by);           /* "policy", ...; NULL out of range */
int rota_sla_by_parse(const char *s);           /* -1 when unknown */

typedef struct rota_sla_group {
	int kind;                       /* enum rota_policy_kind */
	const char *key[ROTA_SLA_NBY];  /* the value of each dimension grouped by, else NULL;
	                                 * month: "2016-03" in the report's zone */
	int64_t met, breached, open;
	double compliance;              /* percent; NaN when nothing stopped */
	int64_t median, p90;            /* business seconds; -1 when nothing stopped */
	int64_t made_sla_known, made_sla_true;
} rota_sla_group;

typedef struct rota_sla_report rota_sla_report;
/* by[0..nby): the dimensions, in the order the groups are sorted by. */
rota_sla_report *rota_sla_report_new(const int *by, size_t nby, rota_time from, rota_time to,
                                     const rota_tz *tz, const char *made_sla);
/* A rota_sla_ticket_cb (ctx: the report): priority is the ticket's as of `at`. */
int rota_sla_report_add(const rota_history *h, const rota_sla_row *rows, size_t nrows,
                        void *report);
/* The groups, sorted by kind and then by the dimensions' values. */
const rota_sla_group *rota_sla_report_groups(rota_sla_report *r, size_t *ngroups);
void rota_sla_report_free(rota_sla_report *r);

/* The ticket's field (enum rota_field) as of its last event in h; "" when unset. */
const char *rota_history_field(const rota_history *h, int field);
/* The attribute's value in h, NULL when the ticket has none. */
const char *rota_history_attr(const rota_history *h, const char *name);

#endif
