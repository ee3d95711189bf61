/* The SLA/OLA clock engine on the cases that SLA engines get wrong (issue 9): pending
 * time across weekends, DST days of 23 and 25 hours, waiting time kept on a priority
 * change, a reopened ticket (resume and restart), next-response cycles, periodic
 * updates, OLA stints between teams, a holiday, warn levels, replaying the past. */
#include <config.h>
#include <stdlib.h>
#include <string.h>
#include <rota/rota.h>
#include <rota/config.h>
#include <rota/calendar.h>
#include <rota/sla.h>
#include "tap.h"

static const char CONFIG[] =
	"calendars:\n"
	"  office:\n"
	"    tz: Europe/Berlin\n"
	"    hours: { mon-fri: \"08:00-18:00\" }\n"
	"    holidays: [ 2026-05-01 ]\n"
	"  berlin: { tz: Europe/Berlin, hours: { mon-sun: \"00:00-24:00\" } }\n"
	"  night: { tz: Europe/Berlin, hours: { mon-sun: \"00:00-03:00\" } }\n"
	"sla:\n"
	"  - name: p1\n"
	"    match: { priority: [\"1 - Critical\"] }\n"
	"    calendar: office\n"
	"    metrics:\n"
	"      resolution: { target: 4h, pause_status: [Awaiting User Info],\n"
	"                    stop_status: [Resolved, Closed] }\n"
	"  - name: p3\n"
	"    match: { priority: [\"3 - Moderate\"] }\n"
	"    calendar: office\n"
	"    metrics:\n"
	"      resolution: { target: 8h, pause_status: [Awaiting User Info],\n"
	"                    stop_status: [Resolved, Closed] }\n"
	"  - name: dst\n"
	"    match: { queue: [dst] }\n"
	"    calendar: berlin\n"
	"    metrics:\n"
	"      resolution: { target: 24h, stop_status: [Resolved] }\n"
	"  - name: night\n"
	"    match: { queue: [night] }\n"
	"    calendar: night\n"
	"    metrics:\n"
	"      resolution: { target: 10h, stop_status: [Resolved] }\n"
	"  - name: resume\n"
	"    match: { queue: [resume] }\n"
	"    metrics:\n"
	"      first_response: { target: 30m, start: created, stop: [reply, resolved],\n"
	"                        warn: [50%, 75%] }\n"
	"      resolution: { target: 4h, stop_status: [Resolved, Closed], on_reopen: resume }\n"
	"  - name: restart\n"
	"    match: { queue: [restart] }\n"
	"    metrics:\n"
	"      resolution: { target: 4h, stop_status: [Resolved, Closed], on_reopen: restart }\n"
	"  - name: chat\n"
	"    match: { queue: [chat] }\n"
	"    metrics:\n"
	"      next_response: { target: 2h, start: message, stop: [reply, resolved] }\n"
	"      update: { target: 1h, start: reply, stop: [resolved] }\n"
	"ola:\n"
	"  - name: desk\n"
	"    match: { team: [A, B] }\n"
	"    metrics:\n"
	"      handling: { target: 2h, start: assigned, stop: [unassigned, resolved] }\n"
	"  - name: network\n"
	"    match: { team: [N], tier: [gold] }\n"
	"    calendar: office\n"
	"    metrics:\n"
	"      handling: { target: 1h }\n";

static rota_config *cfg;
static rota_calendar *cals[8];

static rota_calendar *
lookup(void *ctx, const char *name)
{
	(void)ctx;
	for (size_t i = 0; i < cfg->ncalendars; i++)
		if (strcmp(cfg->calendars[i].name, name) == 0)
			return cals[i];
	return NULL;
}

static const rota_tz *berlin;

static rota_time
T(const char *s)
{
	rota_time t;
	rota_error e = { 0 };
	if (rota_time_parse(s, berlin, 0, &t, &e) < 0) {
		fprintf(stderr, "bad time %s: %s\n", s, e.msg);
		abort();
	}
	return t;
}

/* ---- a ticket's history, built event by event ---- */

struct hist {
	rota_event ev[64];
	size_t n;
	const char *st[ROTA_NFIELDS];   /* the state the next event carries */
};

static void
h_init(struct hist *h, const char *queue, const char *priority)
{
	memset(h, 0, sizeof *h);
	for (int f = 0; f < ROTA_NFIELDS; f++)
		h->st[f] = "";
	h->st[ROTA_F_QUEUE] = queue;
	h->st[ROTA_F_PRIORITY] = priority;
	h->st[ROTA_F_STATUS] = "New";
}

/* An event at time s of kind; status/team/priority change when not NULL. */
static void
ev(struct hist *h, const char *s, int kind, const char *status, const char *team,
   const char *priority)
{
	if (status)
		h->st[ROTA_F_STATUS] = status;
	if (team)
		h->st[ROTA_F_TEAM] = team;
	if (priority)
		h->st[ROTA_F_PRIORITY] = priority;
	rota_event *e = &h->ev[h->n++];
	e->ticket = "T1";
	e->time = T(s);
	e->kind = kind;
	memcpy(e->v, h->st, sizeof e->v);
}

static rota_sla_engine *engine;
static size_t nrows;
static const rota_sla_row *rows;

static void
eval_with(rota_sla_engine *en, const struct hist *h, const char *at,
          const rota_sla_attr *attrs, size_t nattrs)
{
	rota_error err = { 0 };
	int rc = rota_sla_evaluate(en, h->ev, h->n, attrs, nattrs, T(at), NULL, NULL, &err);
	ok(rc == 0, "evaluate at %s: %s", at, rc ? err.msg : "ok");
	rows = rota_sla_rows(en, &nrows);
}

static void
eval(const struct hist *h, const char *at)
{
	eval_with(engine, h, at, NULL, 0);
}

static const rota_sla_row *
row(const char *metric, const char *team, int cycle)
{
	for (size_t i = 0; i < nrows; i++)
		if (strcmp(rows[i].metric->name, metric) == 0 && rows[i].cycle == cycle &&
		    (team == NULL ? rows[i].kind == ROTA_POLICY_SLA :
		     rows[i].kind == ROTA_POLICY_OLA && strcmp(rows[i].team, team) == 0))
			return &rows[i];
	return NULL;
}

static size_t
ncycles(const char *metric, const char *team)
{
	size_t n = 0;
	while (row(metric, team, (int)n + 1))
		n++;
	return n;
}

static const char *
fmt(rota_time t)
{
	static char buf[4][ROTA_TIME_BUFSZ];
	static int k;
	k = (k + 1) % 4;
	if (t == ROTA_SLA_NO_TIME)
		return "none";
	rota_time_format(buf[k], sizeof buf[k], t, berlin);
	return buf[k];
}

/* The row of metric/team/cycle has this state, elapsed, due (and policy when given). */
static void
check(const char *what, const char *metric, const char *team, int cycle, const char *policy,
      int state, int64_t elapsed, const char *due)
{
	const rota_sla_row *r = row(metric, team, cycle);
	ok(r != NULL, "%s: a row for %s cycle %d", what, metric, cycle);
	if (r == NULL)
		return;
	if (policy)
		is_str(r->policy->name, policy, what);
	is_str(rota_sla_state_name(r->state), rota_sla_state_name(state), what);
	is_int(r->elapsed, elapsed, what);
	is_int(r->remaining, r->target - elapsed, what);
	is_str(fmt(r->due), fmt(T(due)), what);
}

/* ---- the cases ---- */

static void
test_pending_across_weekend(void)
{
	struct hist h;
	h_init(&h, "q", "3 - Moderate");
	ev(&h, "2026-01-16T16:00", ROTA_EVENT_CREATED, "Open", NULL, NULL);          /* Fri */
	ev(&h, "2026-01-16T17:00", ROTA_EVENT_STATUS, "Awaiting User Info", NULL, NULL);
	ev(&h, "2026-01-19T10:00", ROTA_EVENT_STATUS, "Open", NULL, NULL);           /* Mon */
	eval(&h, "2026-01-19T12:00");
	/* Fri 16-17 and Mon 10-12; Mon 08-10 was pending although the office was open. */
	check("pending across a weekend", "resolution", NULL, 1, "p3", ROTA_SLA_RUNNING, 3 * 3600,
	      "2026-01-19T17:00");
	eval(&h, "2026-01-17T12:00");
	check("pending on Saturday: paused, due as if resumed now", "resolution", NULL, 1, "p3",
	      ROTA_SLA_PAUSED, 3600, "2026-01-19T15:00");
	eval(&h, "2026-01-19T09:00");
	check("pending into Monday's open hours", "resolution", NULL, 1, "p3", ROTA_SLA_PAUSED,
	      3600, "2026-01-19T16:00");
}

/* More statuses than the engine's table holds: names are compared in every clock. */
static void
test_many_statuses(void)
{
	rota_policy pol = *rota_config_policy(cfg, ROTA_POLICY_SLA, "p3");
	rota_metric_def m = pol.metrics[0];
	char *names[70], buf[70][24];
	for (int i = 0; i < 69; i++) {
		snprintf(buf[i], sizeof buf[i], "Waiting %d", i);
		names[i] = buf[i];
	}
	names[69] = "Awaiting User Info";
	m.pause_status = names;
	m.npause_status = 70;
	pol.metrics = &m;
	pol.match = NULL;
	pol.nmatch = 0;
	rota_error err = { 0 };
	rota_sla_engine *en = rota_sla_engine_new(&pol, 1, NULL, 0, lookup, NULL, NULL, &err);
	struct hist h;
	h_init(&h, "q", "");
	ev(&h, "2026-01-16T16:00", ROTA_EVENT_CREATED, "Open", NULL, NULL);
	ev(&h, "2026-01-16T17:00", ROTA_EVENT_STATUS, "Awaiting User Info", NULL, NULL);
	ev(&h, "2026-01-19T10:00", ROTA_EVENT_STATUS, "Waiting 68", NULL, NULL);
	ev(&h, "2026-01-19T11:00", ROTA_EVENT_STATUS, "Open", NULL, NULL);
	eval_with(en, &h, "2026-01-19T12:00", NULL, 0);
	check("70 pause statuses", "resolution", NULL, 1, "p3", ROTA_SLA_RUNNING, 2 * 3600,
	      "2026-01-19T18:00");
	rota_sla_engine_free(en);
}

static void
test_dst(void)
{
	struct hist h;
	/* 2026-03-29 has 23 hours in Berlin: a day around the clock is 23 real hours. */
	h_init(&h, "dst", "");
	ev(&h, "2026-03-28T23:00+01:00", ROTA_EVENT_CREATED, "Open", NULL, NULL);
	eval(&h, "2026-03-29T23:00+02:00");
	check("23-hour day", "resolution", NULL, 1, "dst", ROTA_SLA_RUNNING, 23 * 3600,
	      "2026-03-30T00:00+02:00");
	/* 2026-10-25 has 25: the target is reached an hour earlier on the wall clock. */
	h_init(&h, "dst", "");
	ev(&h, "2026-10-24T12:00+02:00", ROTA_EVENT_CREATED, "Open", NULL, NULL);
	eval(&h, "2026-10-25T11:00+01:00");
	check("25-hour day", "resolution", NULL, 1, "dst", ROTA_SLA_RUNNING, 24 * 3600,
	      "2026-10-25T11:00+01:00");
	ev(&h, "2026-10-25T10:59+01:00", ROTA_EVENT_STATUS, "Resolved", NULL, NULL);
	eval(&h, "2026-10-26T00:00+01:00");
	check("25-hour day, met a minute early", "resolution", NULL, 1, "dst", ROTA_SLA_MET,
	      24 * 3600 - 60, "2026-10-25T11:00+01:00");

	/* A calendar open 00:00-03:00 wall clock: 2 real hours that spring night, 4 that
	 * autumn night, 3 on others. */
	h_init(&h, "night", "");
	ev(&h, "2026-03-28T12:00", ROTA_EVENT_CREATED, "Open", NULL, NULL);
	eval(&h, "2026-03-29T12:00");
	check("spring-forward night", "resolution", NULL, 1, "night", ROTA_SLA_RUNNING, 2 * 3600,
	      "2026-04-01T02:00");
	h_init(&h, "night", "");
	ev(&h, "2026-10-24T12:00", ROTA_EVENT_CREATED, "Open", NULL, NULL);
	eval(&h, "2026-10-25T12:00");
	check("fall-back night", "resolution", NULL, 1, "night", ROTA_SLA_RUNNING, 4 * 3600,
	      "2026-10-27T03:00");

	/* Office hours across the spring weekend: Friday's last hour and Monday's first
	 * three, however the offset changed in between. */
	h_init(&h, "q", "1 - Critical");
	ev(&h, "2026-03-27T17:00+01:00", ROTA_EVENT_CREATED, "Open", NULL, NULL);
	eval(&h, "2026-03-30T09:00+02:00");
	check("office hours over the DST weekend", "resolution", NULL, 1, "p1", ROTA_SLA_RUNNING,
	      2 * 3600, "2026-03-30T11:00+02:00");
	const rota_sla_row *r = row("resolution", NULL, 1);
	if (r) {
		char buf[ROTA_TIME_BUFSZ];
		rota_time_format(buf, sizeof buf, r->due, berlin);
		is_str(buf, "2026-03-30T11:00:00+02:00", "due carries the summer offset");
	}
}

static void
test_priority_change(void)
{
	struct hist h;
	h_init(&h, "q", "3 - Moderate");
	ev(&h, "2026-01-12T09:00", ROTA_EVENT_CREATED, "Open", NULL, NULL);         /* Mon */
	ev(&h, "2026-01-12T10:00", ROTA_EVENT_STATUS, "Awaiting User Info", NULL, NULL);
	ev(&h, "2026-01-12T13:00", ROTA_EVENT_STATUS, "Open", NULL, NULL);
	ev(&h, "2026-01-12T14:00", ROTA_EVENT_PRIORITY, NULL, NULL, "1 - Critical");
	eval(&h, "2026-01-12T15:00");
	/* p1's target over all the time elapsed (1h + 2h); the waiting time stays out. */
	check("priority raised: new target, waiting time kept", "resolution", NULL, 1, "p1",
	      ROTA_SLA_RUNNING, 3 * 3600, "2026-01-12T16:00");
	eval(&h, "2026-01-12T13:59");
	check("replayed before the change: the old policy", "resolution", NULL, 1, "p3",
	      ROTA_SLA_RUNNING, 3600 + 59 * 60, "2026-01-13T10:00");
	ev(&h, "2026-01-12T15:30", ROTA_EVENT_PRIORITY, NULL, NULL, "3 - Moderate");
	ev(&h, "2026-01-12T17:00", ROTA_EVENT_STATUS, "Resolved", NULL, NULL);
	eval(&h, "2026-01-13T12:00");
	check("lowered again and resolved: met under p3", "resolution", NULL, 1, "p3",
	      ROTA_SLA_MET, 5 * 3600, "2026-01-13T10:00");
	is_int(row("resolution", NULL, 1)->stop, T("2026-01-12T17:00"), "stop");
}

static void
test_reopen(void)
{
	struct hist h;
	h_init(&h, "resume", "");
	ev(&h, "2026-01-12T09:00", ROTA_EVENT_CREATED, "Open", NULL, NULL);
	ev(&h, "2026-01-12T09:20", ROTA_EVENT_REPLY, NULL, NULL, NULL);
	ev(&h, "2026-01-12T10:00", ROTA_EVENT_STATUS, "Resolved", NULL, NULL);
	ev(&h, "2026-01-12T10:00", ROTA_EVENT_RESOLVED, NULL, NULL, NULL);
	eval(&h, "2026-01-12T11:00");
	check("resolved", "resolution", NULL, 1, "resume", ROTA_SLA_MET, 3600,
	      "2026-01-12T13:00");
	ev(&h, "2026-01-12T12:00", ROTA_EVENT_STATUS, "Open", NULL, NULL);
	ev(&h, "2026-01-12T12:00", ROTA_EVENT_REOPENED, NULL, NULL, NULL);
	eval(&h, "2026-01-12T13:00");
	check("reopened, resume: the old cycle goes on, its due moves", "resolution", NULL, 1,
	      "resume", ROTA_SLA_RUNNING, 2 * 3600, "2026-01-12T15:00");
	is_int(ncycles("resolution", NULL), 1, "resume: one cycle");
	is_int(row("resolution", NULL, 1)->stop, ROTA_SLA_NO_TIME, "resume: its stop is gone");
	check("a first response stopped by a reply stays met", "first_response", NULL, 1, NULL,
	      ROTA_SLA_MET, 20 * 60, "2026-01-12T09:30");
	is_int(ncycles("first_response", NULL), 1, "first response: one cycle");

	struct hist g = h;
	for (size_t i = 0; i < g.n; i++)
		g.ev[i].v[ROTA_F_QUEUE] = "restart";
	eval(&g, "2026-01-12T13:00");
	is_int(ncycles("resolution", NULL), 2, "restart: two cycles");
	check("restart: the first cycle stays met", "resolution", NULL, 1, "restart",
	      ROTA_SLA_MET, 3600, "2026-01-12T13:00");
	check("restart: a new cycle from zero", "resolution", NULL, 2, "restart",
	      ROTA_SLA_RUNNING, 3600, "2026-01-12T16:00");
	is_int(row("resolution", NULL, 2)->start, T("2026-01-12T12:00"), "restart: its start");

	/* Reopened by a status change alone (no reopened event), as snapshots sometimes
	 * give it: the status leaves the stop statuses. */
	h_init(&h, "resume", "");
	ev(&h, "2026-01-12T09:00", ROTA_EVENT_CREATED, "Open", NULL, NULL);
	ev(&h, "2026-01-12T10:00", ROTA_EVENT_RESOLVED, "Resolved", NULL, NULL);
	ev(&h, "2026-01-12T11:00", ROTA_EVENT_STATUS, "Closed", NULL, NULL);
	ev(&h, "2026-01-12T12:00", ROTA_EVENT_STATUS, "Open", NULL, NULL);
	eval(&h, "2026-01-12T16:00");
	check("reopened by status: resumed and breached", "resolution", NULL, 1, "resume",
	      ROTA_SLA_BREACHED, 5 * 3600, "2026-01-12T15:00");
	/* A first response stopped by the resolution has no stop status to leave: only a
	 * reopened event brings it back, and then it goes on from where it stopped. */
	check("first response stopped by resolved, status reopen", "first_response", NULL, 1,
	      NULL, ROTA_SLA_BREACHED, 3600, "2026-01-12T09:30");
	ev(&h, "2026-01-12T13:00", ROTA_EVENT_REOPENED, NULL, NULL, NULL);
	eval(&h, "2026-01-12T16:00");
	check("first response stopped by resolved, reopened", "first_response", NULL, 1, NULL,
	      ROTA_SLA_BREACHED, 4 * 3600, "2026-01-12T09:30");
	is_int(row("first_response", NULL, 1)->stop, ROTA_SLA_NO_TIME, "open again");
}

static void
test_next_response(void)
{
	struct hist h;
	h_init(&h, "chat", "");
	ev(&h, "2026-01-12T09:00", ROTA_EVENT_CREATED, "Open", NULL, NULL);
	eval(&h, "2026-01-12T09:10");
	is_int(ncycles("next_response", NULL), 0, "no customer message yet: no cycle");
	ev(&h, "2026-01-12T09:30", ROTA_EVENT_MESSAGE, NULL, NULL, NULL);
	ev(&h, "2026-01-12T10:00", ROTA_EVENT_MESSAGE, NULL, NULL, NULL);   /* no new cycle */
	ev(&h, "2026-01-12T10:15", ROTA_EVENT_REPLY, NULL, NULL, NULL);
	ev(&h, "2026-01-12T11:00", ROTA_EVENT_MESSAGE, NULL, NULL, NULL);
	eval(&h, "2026-01-12T14:00");
	is_int(ncycles("next_response", NULL), 2, "a cycle per message after a reply");
	check("first wait", "next_response", NULL, 1, "chat", ROTA_SLA_MET, 45 * 60,
	      "2026-01-12T11:30");
	check("second wait, unanswered", "next_response", NULL, 2, "chat", ROTA_SLA_BREACHED,
	      3 * 3600, "2026-01-12T13:00");
	ev(&h, "2026-01-12T14:30", ROTA_EVENT_REPLY, NULL, NULL, NULL);
	eval(&h, "2026-01-12T15:00");
	check("answered late: breached", "next_response", NULL, 2, "chat", ROTA_SLA_BREACHED,
	      3 * 3600 + 1800, "2026-01-12T13:00");

	/* Only the latest cycle, as rota-sla check shows it. */
	rota_sla_options o = { 0, ROTA_SLA_LAST_CYCLE };
	rota_error err = { 0 };
	rota_sla_engine *last = rota_sla_engine_new(cfg->sla, cfg->nsla, cfg->ola, cfg->nola,
	                                            lookup, NULL, &o, &err);
	eval_with(last, &h, "2026-01-12T15:00", NULL, 0);
	is_int(ncycles("next_response", NULL), 0, "last cycle only: numbered as it is");
	ok(row("next_response", NULL, 2) && row("next_response", NULL, 2)->last,
	   "last cycle only: cycle 2");
	rota_sla_engine_free(last);
}

static void
test_periodic_update(void)
{
	/* start: reply, stop: reply (the loader refuses it for now; the engine has it). */
	rota_policy *p = (rota_policy *)rota_config_policy(cfg, ROTA_POLICY_SLA, "chat");
	p->metrics[1].stop |= 1u << ROTA_EVENT_REPLY;
	rota_error err = { 0 };
	rota_sla_engine *en = rota_sla_engine_new(cfg->sla, cfg->nsla, NULL, 0, lookup, NULL,
	                                          NULL, &err);
	struct hist h;
	h_init(&h, "chat", "");
	ev(&h, "2026-01-12T09:00", ROTA_EVENT_CREATED, "Open", NULL, NULL);
	ev(&h, "2026-01-12T10:00", ROTA_EVENT_REPLY, NULL, NULL, NULL);
	ev(&h, "2026-01-12T10:40", ROTA_EVENT_REPLY, NULL, NULL, NULL);
	ev(&h, "2026-01-12T12:00", ROTA_EVENT_REPLY, NULL, NULL, NULL);
	eval_with(en, &h, "2026-01-12T12:30", NULL, 0);
	is_int(ncycles("update", NULL), 3, "a cycle between replies");
	check("update 1", "update", NULL, 1, "chat", ROTA_SLA_MET, 40 * 60, "2026-01-12T11:00");
	check("update 2", "update", NULL, 2, "chat", ROTA_SLA_BREACHED, 80 * 60,
	      "2026-01-12T11:40");
	check("update 3", "update", NULL, 3, "chat", ROTA_SLA_RUNNING, 30 * 60,
	      "2026-01-12T13:00");
	p->metrics[1].stop &= ~(1u << ROTA_EVENT_REPLY);
	rota_sla_engine_free(en);
}

static void
test_ola_bouncing(void)
{
	struct hist h;
	h_init(&h, "q", "");
	ev(&h, "2026-01-12T09:00", ROTA_EVENT_CREATED, "Open", "A", NULL);
	ev(&h, "2026-01-12T10:00", ROTA_EVENT_ASSIGN, NULL, "B", NULL);
	ev(&h, "2026-01-12T11:00", ROTA_EVENT_ASSIGN, NULL, "A", NULL);
	ev(&h, "2026-01-12T11:30", ROTA_EVENT_RESOLVED, "Resolved", NULL, NULL);
	eval(&h, "2026-01-12T12:00");
	is_int(ncycles("handling", "A"), 2, "each stint: two cycles for A");
	is_int(ncycles("handling", "B"), 1, "each stint: one for B");
	check("A, first stint", "handling", "A", 1, "desk", ROTA_SLA_MET, 3600, "2026-01-12T11:00");
	check("B", "handling", "B", 1, "desk", ROTA_SLA_MET, 3600, "2026-01-12T12:00");
	check("A, second stint", "handling", "A", 2, "desk", ROTA_SLA_MET, 1800,
	      "2026-01-12T13:00");

	rota_sla_options o = { ROTA_SLA_STINTS_SUM, 0 };
	rota_error err = { 0 };
	rota_sla_engine *sum = rota_sla_engine_new(cfg->sla, cfg->nsla, cfg->ola, cfg->nola,
	                                           lookup, NULL, &o, &err);
	eval_with(sum, &h, "2026-01-12T12:00", NULL, 0);
	is_int(ncycles("handling", "A"), 1, "summed stints: one cycle for A");
	check("A, summed", "handling", "A", 1, "desk", ROTA_SLA_MET, 5400, "2026-01-12T12:00");
	check("B, summed, stopped by the resolution", "handling", "B", 1, "desk", ROTA_SLA_MET,
	      3600, "2026-01-12T12:30");
	eval_with(sum, &h, "2026-01-12T10:30", NULL, 0);
	check("A while with B: paused, due if back now", "handling", "A", 1, "desk",
	      ROTA_SLA_PAUSED, 3600, "2026-01-12T11:30");
	check("B running", "handling", "B", 1, "desk", ROTA_SLA_RUNNING, 1800, "2026-01-12T12:00");
	is_int(ncycles("handling", "N"), 0, "a team never had: no row");
	rota_sla_engine_free(sum);

	/* Policy by team, other attributes as of `at`: N's OLA needs a gold customer. */
	h_init(&h, "q", "");
	ev(&h, "2026-01-12T09:00", ROTA_EVENT_CREATED, "Open", "A", NULL);
	ev(&h, "2026-01-12T09:30", ROTA_EVENT_ASSIGN, NULL, "N", NULL);
	rota_sla_attr gold = { "tier", "gold" }, silver = { "tier", "silver" };
	eval_with(engine, &h, "2026-01-12T10:00", &gold, 1);
	check("gold: N's OLA on office hours", "handling", "N", 1, "network", ROTA_SLA_RUNNING,
	      1800, "2026-01-12T10:30");
	check("A's stint", "handling", "A", 1, "desk", ROTA_SLA_MET, 1800, "2026-01-12T11:00");
	eval_with(engine, &h, "2026-01-12T10:00", &silver, 1);
	is_int(ncycles("handling", "N"), 0, "silver: no OLA for N");
	rota_sla_attr team_attr[2] = { { "team", "N" }, { "tier", "gold" } };
	eval_with(engine, &h, "2026-01-12T09:15", team_attr, 2);
	is_int(ncycles("handling", "N"), 0, "the team field wins over an attribute 'team'");
}

static void
test_holiday(void)
{
	struct hist h;
	h_init(&h, "q", "1 - Critical");
	ev(&h, "2026-04-30T17:00", ROTA_EVENT_CREATED, "Open", NULL, NULL);          /* Thu */
	eval(&h, "2026-05-01T12:00");
	check("on the May 1 holiday", "resolution", NULL, 1, "p1", ROTA_SLA_RUNNING, 3600,
	      "2026-05-04T11:00");
	ev(&h, "2026-05-04T11:00", ROTA_EVENT_STATUS, "Resolved", NULL, NULL);
	eval(&h, "2026-05-05T00:00");
	check("resolved exactly at the due instant: met", "resolution", NULL, 1, "p1",
	      ROTA_SLA_MET, 4 * 3600, "2026-05-04T11:00");
	is_int(row("resolution", NULL, 1)->remaining, 0, "nothing remaining");
}

static void
test_warn(void)
{
	struct hist h;
	h_init(&h, "resume", "");
	ev(&h, "2026-01-12T09:00", ROTA_EVENT_CREATED, "Open", NULL, NULL);
	eval(&h, "2026-01-12T09:20");
	const rota_sla_row *r = row("first_response", NULL, 1);
	ok(r && r->nwarn == 2, "two warn levels");
	if (!r || r->nwarn != 2)
		return;
	is_int(r->warn_level, 1, "50% reached");
	is_str(fmt(r->warn_at[0]), fmt(T("2026-01-12T09:15")), "50% was reached at 09:15");
	is_str(fmt(r->warn_at[1]), fmt(T("2026-01-12T09:22:30")), "75% comes at 09:22:30");
	ok(r->percent > 66.66 && r->percent < 66.67, "percent %.4f", r->percent);
	eval(&h, "2026-01-12T09:45");
	r = row("first_response", NULL, 1);
	is_int(r->warn_level, 2, "both reached");
	is_str(rota_sla_state_name(r->state), "breached", "past the target");
	is_int(r->remaining, -15 * 60, "remaining goes negative");
	is_str(fmt(r->due), fmt(T("2026-01-12T09:30")), "due stays where it was reached");

	rota_sla_options o = { 0, ROTA_SLA_NO_WARN_AT | ROTA_SLA_NO_OLA };
	rota_error err = { 0 };
	rota_sla_engine *en = rota_sla_engine_new(cfg->sla, cfg->nsla, cfg->ola, cfg->nola, lookup,
	                                          NULL, &o, &err);
	eval_with(en, &h, "2026-01-12T09:20", NULL, 0);
	r = row("first_response", NULL, 1);
	ok(r && r->warn_at[0] == T("2026-01-12T09:15") && r->warn_at[1] == ROTA_SLA_NO_TIME,
	   "without warn instants to come: only the ones reached");
	rota_sla_engine_free(en);
}

static rota_calendar *closed_cal;

static rota_calendar *
lookup_closed(void *ctx, const char *name)
{
	(void)ctx;
	(void)name;
	return closed_cal;
}

/* A calendar that never opens: the clock counts nothing and no due comes. */
static void
test_never_open(void)
{
	rota_calendar_def def = { 0 };
	def.name = "closed";
	def.tz = "UTC";
	rota_error err = { 0 };
	closed_cal = rota_calendar_new(&def, &err);
	ok(closed_cal != NULL, "a calendar without hours: %s", closed_cal ? "ok" : err.msg);
	if (closed_cal == NULL)
		return;
	rota_sla_engine *en = rota_sla_engine_new(cfg->sla, 1, NULL, 0, lookup_closed, NULL, NULL,
	                                          &err);
	struct hist h;
	h_init(&h, "q", "1 - Critical");
	ev(&h, "2026-01-12T09:00", ROTA_EVENT_CREATED, "Open", NULL, NULL);
	eval_with(en, &h, "2026-01-12T12:00", NULL, 0);
	const rota_sla_row *r = row("resolution", NULL, 1);
	ok(r && r->elapsed == 0 && r->due == ROTA_SLA_NO_TIME && r->state == ROTA_SLA_RUNNING,
	   "never open: nothing elapsed, no due");
	rota_sla_engine_free(en);
	rota_calendar_free(closed_cal);
}

static int
stop_at_first(const rota_sla_row *r, void *ctx)
{
	(void)r;
	++*(int *)ctx;
	return 7;
}

static void
test_replay_and_errors(void)
{
	struct hist h;
	h_init(&h, "q", "1 - Critical");
	ev(&h, "2026-01-12T09:00", ROTA_EVENT_CREATED, "Open", NULL, NULL);
	ev(&h, "2026-01-12T10:00", ROTA_EVENT_STATUS, "Resolved", NULL, NULL);
	eval(&h, "2026-01-12T08:00");
	is_int(nrows, 0, "before the ticket existed: no rows");
	eval(&h, "2026-01-12T09:59:59");
	check("a second before the resolution", "resolution", NULL, 1, "p1", ROTA_SLA_RUNNING,
	      3599, "2026-01-12T13:00");
	eval(&h, "2026-01-12T10:00");
	check("at the resolution instant it counts", "resolution", NULL, 1, "p1", ROTA_SLA_MET,
	      3600, "2026-01-12T13:00");

	struct hist bad = h;
	bad.ev[1].time = T("2026-01-12T08:00");
	rota_error err = { 0 };
	int rc = rota_sla_evaluate(engine, bad.ev, bad.n, NULL, 0, T("2026-01-13T00:00"), NULL,
	                           NULL, &err);
	ok(rc == -1 && err.status == 2 && strstr(err.msg, "not in time order"),
	   "events out of order: %s", err.msg);

	/* A callback's non-zero return stops the walk. */
	struct hist c;
	h_init(&c, "resume", "");
	ev(&c, "2026-01-12T09:00", ROTA_EVENT_CREATED, "Open", NULL, NULL);
	int seen = 0;
	rc = rota_sla_evaluate(engine, c.ev, c.n, NULL, 0, T("2026-01-12T10:00"), stop_at_first,
	                       &seen, &err);
	ok(rc == 7 && seen == 1, "callback stops the walk (rc %d, seen %d)", rc, seen);

	rota_policy pol = cfg->sla[0];
	pol.calendar = "nowhere";
	rota_sla_engine *en = rota_sla_engine_new(&pol, 1, NULL, 0, lookup, NULL, NULL, &err);
	ok(en == NULL && err.status == 2 && strstr(err.msg, "'nowhere'"), "unknown calendar: %s",
	   err.msg);
}

int
main(void)
{
	rota_error err = { 0 };
	berlin = rota_tz_get("Europe/Berlin", &err);
	cfg = rota_config_load_mem(CONFIG, sizeof CONFIG - 1, "sla.yaml", &err);
	if (cfg == NULL) {
		fprintf(stderr, "%s:%ld:%ld: %s\n", err.file, err.line, err.col, err.msg);
		return 1;
	}
	for (size_t i = 0; i < cfg->ncalendars; i++)
		cals[i] = rota_calendar_new(&cfg->calendars[i], &err);
	engine = rota_sla_engine_new(cfg->sla, cfg->nsla, cfg->ola, cfg->nola, lookup, NULL, NULL,
	                             &err);
	ok(engine != NULL, "engine: %s", engine ? "ok" : err.msg);

	test_pending_across_weekend();
	test_many_statuses();
	test_dst();
	test_priority_change();
	test_reopen();
	test_next_response();
	test_periodic_update();
	test_ola_bouncing();
	test_holiday();
	test_warn();
	test_replay_and_errors();
	test_never_open();

	rota_sla_engine_free(engine);
	for (size_t i = 0; i < cfg->ncalendars; i++)
		rota_calendar_free(cals[i]);
	rota_config_free(cfg);
	rota_tz_cache_free();
	return tap_done();
}
