/* The alert planner: what rota-alert sends.  Pure: SLA clock rows (sla.h), the alert
 * state that the store keeps (store.h, rota_alert_rec) and the routes (config.h) in;
 * notifications and state updates out.  Sinks (the I/O) belong to the command.
 *
 * Levels.  A clock cycle reaches each of its metric's warn levels ("50%", "75%") as
 * its elapsed time passes them, and "breached" when it runs past its target.  A route
 * takes the levels it lists (none listed: all).  For each route that matches and each
 * of its sinks, the highest level the cycle has reached that the route takes is sent
 * once: exactly once per (ticket, kind, metric, team, cycle, level, route, sink).  A
 * level passed over between two runs (50% while 75% is already reached) is not sent
 * late: what is reached now is what people need to hear.  Warn levels are sent only
 * while the cycle is open; "breached" also for a cycle that stopped breached.
 *
 * Match.  A route's match: entries are tested against the ticket's fields and
 * attributes as of the evaluation, and the clock's own kind, policy, metric and team.
 *
 * Repeat.  While a cycle is open, a level already sent is sent again once `repeat`
 * (the route's, else the planner's default; <= 0: never) has passed since it was last
 * sent.
 *
 * Escalation.  While a cycle is open, once `escalate.after` has passed since the
 * route first sent any level of it, the escalation sinks get the current level, once
 * per cycle (level "escalated" in the state).
 *
 * Quiet hours.  A route with `hours: CAL` sends nothing while CAL is closed: what it
 * would send is held (no state is written), and goes out on the first run while CAL is
 * open, if it still holds then.
 *
 * Resolution.  State rows of cycles that are no longer open (stopped, or the ticket
 * is not among those evaluated: closed) are cleared (cleared_at); with
 * ROTA_ALERT_RESOLVED each sink that was sent a level of the cycle is sent one
 * "resolved" notice (level "resolved").
 *
 * Retention.  With `retention` > 0, a cycle that stopped more than `retention` before
 * the evaluation is history: it raises nothing (not even a breach never sent), so that
 * the store may forget the state of tickets whose cycles all stopped that long ago
 * (rota_store_alert_prune) without their levels going out again.  A cycle seen open
 * again (a reopened ticket whose clock resumes) has its cleared state rows marked
 * uncleared (updates), so that its ticket is not forgotten while it is open.
 *
 * Ids.  Every notification has an id (`id`, ROTA_ALERT_ID_LEN hex digits): the start of
 * the SHA-256 of what makes it the same alert -- ticket, kind, policy, metric, team,
 * cycle, the level it is stored under ("escalated" for an escalation, whatever the level
 * then), what it is (new, repeat, escalate, resolved) and which sending of the level it
 * is (the state's count: 1, then 2 for the first repeat, ...).  A notification sent
 * again because its state was not stored (a failing sink, a run killed before it
 * recorded it) has the id it had; route and sink are not part of it, so the same alert
 * through several sinks carries one id.  A receiver that drops an id it has seen sees
 * each alert once.
 *
 * Nothing here marks a notification as sent: the caller stores a note's `rec` once the
 * sink took it, so that a failing sink is tried again on the next run and nothing is
 * lost.  State updates (clearing) can be stored unconditionally. */
#ifndef ROTA_ALERT_H
#define ROTA_ALERT_H

#include <stddef.h>
#include <stdint.h>
#include <rota/calendar.h>
#include <rota/config.h>
#include <rota/error.h>
#include <rota/jsonl.h>
#include <rota/sla.h>
#include <rota/store.h>

enum rota_alert_what {
	ROTA_ALERT_NEW = 0,       /* a level reached for the first time (for this sink) */
	ROTA_ALERT_REPEAT,        /* --repeat / repeat: still unresolved */
	ROTA_ALERT_ESCALATE,      /* to an escalation sink */
	ROTA_ALERT_RESOLVED       /* the cycle is no longer open */
};
const char *rota_alert_what_name(int what);   /* "new", "repeat", "escalate", "resolved" */

enum {
	ROTA_ALERT_RESOLVED_NOTICES = 1 << 0   /* send "resolved" notices */
};

typedef struct rota_alert_options {
	rota_time now;            /* the evaluation instant (--at) */
	int64_t repeat;           /* default for routes without repeat; <= 0: never */
	int64_t retention;        /* cycles stopped longer ago are history; <= 0: none */
	unsigned flags;
	/* The calendar of a route's hours:, by name (NULL: treated as always open). */
	rota_calendar *(*calendar)(void *ctx, const char *name);
	void *calctx;
} rota_alert_options;

/* Hex digits of an alert id (128 bits of the SHA-256). */
#define ROTA_ALERT_ID_LEN 32

/* One notification for one sink.  Strings are owned by the planner. */
typedef struct rota_alert_note {
	int what;                         /* enum rota_alert_what */
	const rota_alert_route *route;
	const rota_sink_def *sink;
	const char *sink_id;              /* rota_alert_sink_id */
	const char *ticket, *kind, *policy, *metric, *team;
	int64_t cycle;
	const char *level;                /* "75%", "breached", "resolved" */
	int state;                        /* enum rota_sla_state; -1 for resolved notices */
	rota_time due;                    /* ROTA_SLA_NO_TIME: none */
	double percent;                   /* NaN for resolved notices */
	rota_time at;                     /* options.now */
	rota_alert_rec rec;               /* store this once the sink took the note */
	char id[ROTA_ALERT_ID_LEN + 1];   /* the alert's stable id (Ids, above) */
} rota_alert_note;

/* The open clocks, for status sinks (Nagios, Prometheus): per kind, policy and metric,
 * the open cycles by state, and those at a warn level (not breached). */
typedef struct rota_alert_tally {
	const char *kind, *policy, *metric;
	int64_t running, paused, breached, warning;
} rota_alert_tally;

typedef struct rota_alert_plan rota_alert_plan;

/* routes[0..n) and the options (copied) must outlive the plan. */
rota_alert_plan *rota_alert_plan_new(const rota_alert_route *routes, size_t nroutes,
                                     const rota_alert_options *opt);
void rota_alert_plan_free(rota_alert_plan *p);

/* The stored state, before the first ticket: each row of rota_store_each_alert
 * (a rota_store_each_alert callback; ctx: the plan). */
int rota_alert_plan_state(const rota_alert_rec *r, void *plan);
/* One ticket's rows as of options.now (a rota_sla_ticket_cb; ctx: the plan). */
int rota_alert_plan_ticket(const rota_history *h, const rota_sla_row *rows, size_t nrows,
                           void *plan);
/* Rows that come without a history (rota_alert_read_rows): a route's match asks attr
 * for the names that are not the clock's own (kind, policy, metric, team); attr NULL or
 * returning NULL: the ticket has no such value. */
typedef const char *(*rota_alert_attr_fn)(void *ctx, const char *ticket, const char *name);
void rota_alert_plan_rows(rota_alert_plan *p, const rota_sla_row *rows, size_t nrows,
                          rota_alert_attr_fn attr, void *ctx);
/* Clock rows read from JSON Lines instead of evaluated (rota-alert --input): one object a
 * line with the keys rota-sla check writes; ticket, kind, policy, metric, state, due,
 * stop and percent required, team, start, cycle (default 1) and warn (the highest
 * level reached; without it, counted from elapsed and target as the engine does)
 * optional, remaining ignored.  The policy and metric must be cfg's (warn levels come
 * from there).  Any other string member is an attribute of the ticket for the routes'
 * match (the ticket's first row wins); names the rows do not give go to attr.
 * Consecutive lines with the same ticket are its rows: a ticket with a row still open
 * (stop null) is planned; one whose rows all stopped only when the latest stop is after
 * `since` (the last complete run; ROTA_TIME_NONE: never), as the direct run takes the
 * tickets closed since then and not older history.  0, or -1 with err (status 2 and
 * file:line:column for bad input, the reader's status for I/O). */
int rota_alert_read_rows(rota_alert_plan *p, rota_jsonl *j, const rota_config *cfg,
                         const rota_tz *tz, rota_time since, rota_alert_attr_fn attr,
                         void *ctx, rota_error *err);
/* After the last ticket: clears the state of cycles not seen open. */
void rota_alert_plan_finish(rota_alert_plan *p);

/* The notifications, in ticket order, routes in order, sinks in order. */
const rota_alert_note *rota_alert_plan_notes(const rota_alert_plan *p, size_t *n);
/* State rows to store whatever the sinks do (cleared cycles). */
const rota_alert_rec *rota_alert_plan_updates(const rota_alert_plan *p, size_t *n);
/* Routes held by their hours: (how many notifications were held). */
int64_t rota_alert_plan_held(const rota_alert_plan *p);
/* State rows given to rota_alert_plan_state that were cleared more than `retention`
 * before now: 0 means a prune of the store (rota_store_alert_prune) has nothing to do. */
int64_t rota_alert_plan_stale(const rota_alert_plan *p);
/* The tallies, sorted by kind, policy, metric. */
const rota_alert_tally *rota_alert_plan_tallies(rota_alert_plan *p, size_t *n);

/* A sink's name in the state: "exec:/usr/local/bin/page", "mail:ops@example.com",
 * "syslog:local0", "stdout", "prometheus:PATH".  Returns strlen (truncated to n-1). */
size_t rota_alert_sink_id(const rota_sink_def *s, char *buf, size_t n);

#endif
