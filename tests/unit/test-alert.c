/* The alert planner (rota/alert.h) run by run against a state kept here the way the
 * command keeps it (a note's rec stored once its sink took it, updates always): levels,
 * routes by level and match, repeat, escalation, quiet hours held until open, exactly
 * once against the stored state, a failing sink retried, resolved notices. */
#include <config.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <rota/rota.h>
#include <rota/alert.h>
#include <rota/calendar.h>
#include <rota/config.h>
#include <rota/jsonl.h>
#include <rota/sha256.h>
#include <rota/sla.h>
#include <rota/strbuf.h>
#include "tap.h"

static const char CONFIG[] =
	"calendars:\n"
	"  office: { tz: UTC, hours: { mon-fri: \"09:00-17:00\" } }\n"
	"sla:\n"
	"  - name: std\n"
	"    metrics:\n"
	"      first_response: { target: 1h, start: created, stop: [reply, resolved],\n"
	"                        warn: [50%, 75%] }\n"
	"alerts:\n"
	"  routes:\n"
	"    - name: all\n"
	"      sinks: [ { exec: [ /bin/page ] } ]\n"
	"    - name: crit\n"
	"      levels: [ breached ]\n"
	"      match: { priority: [P1] }\n"
	"      sinks: [ { mail: ops@example.com } ]\n"
	"      repeat: 30m\n"
	"      escalate: { after: 1h, sinks: [ { mail: boss@example.com } ] }\n"
	"    - name: quiet\n"
	"      levels: [ \"75%\" ]\n"
	"      hours: office\n"
	"      sinks: [ { syslog: local0 } ]\n";

static rota_config *cfg;
static rota_calendars *cals;
static rota_sla_engine *engine;
static const rota_tz *utc;

static rota_time
T(const char *s)
{
	rota_time t;
	rota_error e = { 0 };
	if (rota_time_parse(s, utc, 0, &t, &e) < 0) {
		fprintf(stderr, "bad time %s: %s\n", s, e.msg);
		abort();
	}
	return t;
}

static rota_calendar *
calendar(void *ctx, const char *name)
{
	return rota_calendars_get(ctx, name, strlen(name), NULL);
}

/* ---- tickets: a few events each ---- */

struct ticket {
	const char *key, *priority;
	rota_event ev[8];
	size_t nev;
};

static void
tk_event(struct ticket *t, const char *at, int kind, const char *status)
{
	rota_event *e = &t->ev[t->nev++];
	memset(e, 0, sizeof *e);
	e->time = T(at);
	e->kind = kind;
	for (int f = 0; f < ROTA_NFIELDS; f++)
		e->v[f] = "";
	e->v[ROTA_F_STATUS] = status;
	e->v[ROTA_F_PRIORITY] = t->priority;
}

/* ---- the stored state, as the command keeps it ---- */

struct state {
	rota_alert_rec *r;
	size_t n;
};

static char *
dup(const char *s)
{
	return rota_xstrdup(s ? s : "");
}

static int
same_key(const rota_alert_rec *a, const rota_alert_rec *b)
{
	return strcmp(a->ticket, b->ticket) == 0 && strcmp(a->kind, b->kind) == 0 &&
	       strcmp(a->metric, b->metric) == 0 && strcmp(a->team, b->team) == 0 &&
	       a->cycle == b->cycle && strcmp(a->level, b->level) == 0 &&
	       strcmp(a->route, b->route) == 0 && strcmp(a->sink, b->sink) == 0;
}

static void
rec_free(rota_alert_rec *r)
{
	free((char *)r->ticket); free((char *)r->kind); free((char *)r->policy);
	free((char *)r->metric); free((char *)r->team); free((char *)r->level);
	free((char *)r->route); free((char *)r->sink);
}

/* INSERT OR REPLACE. */
static void
put(struct state *st, const rota_alert_rec *r)
{
	rota_alert_rec c = *r;
	c.ticket = dup(r->ticket); c.kind = dup(r->kind); c.policy = dup(r->policy);
	c.metric = dup(r->metric); c.team = dup(r->team); c.level = dup(r->level);
	c.route = dup(r->route); c.sink = dup(r->sink);
	for (size_t i = 0; i < st->n; i++)
		if (same_key(&st->r[i], r)) {
			rec_free(&st->r[i]);
			st->r[i] = c;
			return;
		}
	st->r = rota_xreallocarray(st->r, st->n + 1, sizeof *st->r);
	st->r[st->n++] = c;
}

static void
state_free(struct state *st)
{
	for (size_t i = 0; i < st->n; i++)
		rec_free(&st->r[i]);
	free(st->r);
	st->r = NULL;
	st->n = 0;
}

static const rota_alert_rec *
stored(const struct state *st, const char *ticket, const char *level, const char *route)
{
	for (size_t i = 0; i < st->n; i++)
		if (strcmp(st->r[i].ticket, ticket) == 0 && strcmp(st->r[i].level, level) == 0 &&
		    strcmp(st->r[i].route, route) == 0)
			return &st->r[i];
	return NULL;
}

/* One run at `at` over tickets[0..n): the notes as "what:ticket:level:route:sink;" (in
 * the planner's order).  A note whose sink id is `failing` is not stored (its sink
 * failed); everything else is. */
static char out[4096];
/* The ids of the last run's notes, in the same order. */
static char ids[64][ROTA_ALERT_ID_LEN + 1];
static size_t nids;

/* A plan over the first nroutes routes as of `at`, the stored state and tickets[0..n)
 * fed in, finished. */
static rota_alert_plan *
plan(const struct state *st, const char *at, struct ticket *tk, size_t n, size_t nroutes,
     int64_t repeat, unsigned flags)
{
	rota_alert_options o = { .now = T(at), .repeat = repeat, .flags = flags,
	                         .calendar = calendar, .calctx = cals };
	rota_alert_plan *p = rota_alert_plan_new(cfg->routes, nroutes, &o);
	for (size_t i = 0; i < st->n; i++)
		rota_alert_plan_state(&st->r[i], p);
	for (size_t i = 0; i < n; i++) {
		size_t nev = 0;
		while (nev < tk[i].nev && tk[i].ev[nev].time <= o.now)
			nev++;
		if (nev == 0)
			continue;
		for (size_t k = 0; k < tk[i].nev; k++)
			tk[i].ev[k].ticket = tk[i].key;
		rota_error err = { 0 };
		if (rota_sla_evaluate(engine, tk[i].ev, nev, NULL, 0, o.now, NULL, NULL, &err) != 0) {
			ok(0, "evaluate %s: %s", tk[i].key, err.msg);
			continue;
		}
		size_t nrows;
		const rota_sla_row *rows = rota_sla_rows(engine, &nrows);
		rota_history h = { tk[i].key, tk[i].ev, nev, NULL, 0 };
		rota_alert_plan_ticket(&h, rows, nrows, p);
	}
	rota_alert_plan_finish(p);
	return p;
}

static const char *
run(struct state *st, const char *at, struct ticket *tk, size_t n, unsigned flags,
    const char *failing)
{
	rota_alert_plan *p = plan(st, at, tk, n, cfg->nroutes, 0, flags);
	size_t nn, nu;
	const rota_alert_note *notes = rota_alert_plan_notes(p, &nn);
	const rota_alert_rec *ups = rota_alert_plan_updates(p, &nu);
	size_t len = 0;
	out[0] = '\0';
	nids = 0;
	for (size_t i = 0; i < nn; i++) {
		const rota_alert_note *x = &notes[i];
		if (nids < sizeof ids / sizeof *ids)
			memcpy(ids[nids++], x->id, sizeof x->id);
		len += (size_t)snprintf(out + len, sizeof out - len, "%s:%s:%s:%s:%s;",
		                        rota_alert_what_name(x->what), x->ticket, x->level,
		                        x->route->name, x->sink_id);
		if (len >= sizeof out)
			len = sizeof out - 1;
	}
	/* The state may point into the plan: copy what is stored before the plan goes. */
	struct state add = { 0 };
	for (size_t i = 0; i < nn; i++)
		if (failing == NULL || strcmp(notes[i].sink_id, failing) != 0)
			put(&add, &notes[i].rec);
	for (size_t i = 0; i < nu; i++)
		put(&add, &ups[i]);
	rota_alert_plan_free(p);
	for (size_t i = 0; i < add.n; i++)
		put(st, &add.r[i]);
	state_free(&add);
	return out;
}

static void
test_levels_and_once(void)
{
	struct state st = { 0 };
	struct ticket t[2] = { { .key = "A", .priority = "P2" }, { .key = "B", .priority = "P2" } };
	tk_event(&t[0], "2026-01-05T10:00:00Z", ROTA_EVENT_CREATED, "New");
	tk_event(&t[1], "2026-01-05T10:00:00Z", ROTA_EVENT_CREATED, "New");
	tk_event(&t[1], "2026-01-05T10:20:00Z", ROTA_EVENT_REPLY, "Open");
	is_str(run(&st, "2026-01-05T10:10:00Z", t, 2, 0, NULL), "", "below every level: nothing");
	is_str(run(&st, "2026-01-05T10:30:00Z", t, 2, 0, NULL), "new:A:50%:all:exec:/bin/page;",
	       "50% reached: the route without levels sends it; B was answered in time");
	is_str(run(&st, "2026-01-05T10:31:00Z", t, 2, 0, NULL), "", "a level goes out once");
	is_str(run(&st, "2026-01-05T10:45:00Z", t, 2, 0, NULL),
	       "new:A:75%:all:exec:/bin/page;new:A:75%:quiet:syslog:local0;",
	       "75%: every route that takes it, while the office is open");
	is_str(run(&st, "2026-01-05T11:01:00Z", t, 2, 0, NULL), "new:A:breached:all:exec:/bin/page;",
	       "breached: crit does not match a P2 ticket, quiet does not take breached");
	is_str(run(&st, "2026-01-05T12:00:00Z", t, 2, 0, NULL), "",
	       "no default repeat: a breach is not sent again");
	const rota_alert_rec *r = stored(&st, "A", "breached", "all");
	ok(r && r->count == 1 && r->first_at == T("2026-01-05T11:01:00Z") &&
	   r->cleared_at == ROTA_TIME_NONE && strcmp(r->policy, "std") == 0 &&
	   strcmp(r->metric, "first_response") == 0 && r->cycle == 1, "the state row of the breach");
	state_free(&st);

	/* A level passed over between two runs is not sent late. */
	struct ticket c = { .key = "C", .priority = "P2" };
	tk_event(&c, "2026-01-05T10:00:00Z", ROTA_EVENT_CREATED, "New");
	is_str(run(&st, "2026-01-05T10:50:00Z", &c, 1, 0, NULL),
	       "new:C:75%:all:exec:/bin/page;new:C:75%:quiet:syslog:local0;",
	       "first seen at 83%: 75% only, 50% is not sent late");
	state_free(&st);

	/* A breach reached after the clock stopped is still sent (once). */
	struct ticket d = { .key = "D", .priority = "P2" };
	tk_event(&d, "2026-01-05T10:00:00Z", ROTA_EVENT_CREATED, "New");
	tk_event(&d, "2026-01-05T11:30:00Z", ROTA_EVENT_REPLY, "Open");
	is_str(run(&st, "2026-01-05T12:00:00Z", &d, 1, 0, NULL), "new:D:breached:all:exec:/bin/page;",
	       "a cycle that stopped breached: breached, no warn levels");
	is_str(run(&st, "2026-01-05T12:05:00Z", &d, 1, 0, NULL), "",
	       "and not again against the stored (cleared) state");
	r = stored(&st, "D", "breached", "all");
	ok(r && r->cleared_at == T("2026-01-05T12:05:00Z"),
	   "its row is cleared by the run after: the cycle ended");
	state_free(&st);
}

static void
test_repeat_escalate(void)
{
	struct state st = { 0 };
	struct ticket a = { .key = "P", .priority = "P1" };
	tk_event(&a, "2026-01-05T10:00:00Z", ROTA_EVENT_CREATED, "New");
	run(&st, "2026-01-05T10:45:00Z", &a, 1, 0, NULL);
	is_str(run(&st, "2026-01-05T11:00:00Z", &a, 1, 0, NULL), "",
	       "elapsed == target is met, not breached");
	is_str(run(&st, "2026-01-05T11:01:00Z", &a, 1, 0, NULL),
	       "new:P:breached:all:exec:/bin/page;new:P:breached:crit:mail:ops@example.com;",
	       "a P1 breach: crit matches by priority");
	is_str(run(&st, "2026-01-05T11:30:00Z", &a, 1, 0, NULL), "", "repeat: not before 30m");
	is_str(run(&st, "2026-01-05T11:31:00Z", &a, 1, 0, NULL),
	       "repeat:P:breached:crit:mail:ops@example.com;", "the route's repeat: 30m");
	const rota_alert_rec *r = stored(&st, "P", "breached", "crit");
	ok(r && r->count == 2 && r->last_at == T("2026-01-05T11:31:00Z") &&
	   r->first_at == T("2026-01-05T11:01:00Z"), "a repeat counts and keeps first_at");
	is_str(run(&st, "2026-01-05T11:45:00Z", &a, 1, 0, NULL), "",
	       "escalation: not before 1h after the route first sent");
	is_str(run(&st, "2026-01-05T12:01:00Z", &a, 1, 0, NULL),
	       "repeat:P:breached:crit:mail:ops@example.com;"
	       "escalate:P:breached:crit:mail:boss@example.com;",
	       "escalated 1h after the first sending, with the current level");
	ok(stored(&st, "P", "escalated", "crit") != NULL, "stored under 'escalated'");
	is_str(run(&st, "2026-01-05T13:10:00Z", &a, 1, 0, NULL),
	       "repeat:P:breached:crit:mail:ops@example.com;", "escalated once per cycle");

	/* The planner's default repeat (--repeat) for routes without one. */
	rota_alert_plan *p = plan(&st, "2026-01-05T16:00:00Z", &a, 1, 1, 3600, 0);
	size_t nn;
	const rota_alert_note *n = rota_alert_plan_notes(p, &nn);
	ok(nn == 1 && n[0].what == ROTA_ALERT_REPEAT && strcmp(n[0].level, "breached") == 0 &&
	   n[0].state == ROTA_SLA_BREACHED && n[0].at == T("2026-01-05T16:00:00Z") && n[0].cycle == 1,
	   "the default repeat applies to a route without its own");
	size_t nt;
	const rota_alert_tally *t = rota_alert_plan_tallies(p, &nt);
	ok(nt == 1 && strcmp(t[0].kind, "sla") == 0 && t[0].breached == 1 && t[0].running == 0 &&
	   t[0].warning == 0, "the tally: one open breached clock");
	rota_alert_plan_free(p);
	state_free(&st);
}

static void
test_quiet_hours(void)
{
	struct state st = { 0 };
	struct ticket b = { .key = "Q", .priority = "P2" };
	/* Monday 17:00: the office has just closed. */
	tk_event(&b, "2026-01-05T17:00:00Z", ROTA_EVENT_CREATED, "New");
	is_str(run(&st, "2026-01-05T17:45:00Z", &b, 1, 0, NULL), "new:Q:75%:all:exec:/bin/page;",
	       "75% after hours: the quiet route holds it");
	ok(stored(&st, "Q", "75%", "quiet") == NULL, "a held note writes no state");
	rota_alert_plan *p = plan(&st, "2026-01-05T17:50:00Z", &b, 1, cfg->nroutes, 0, 0);
	size_t nn;
	rota_alert_plan_notes(p, &nn);
	is_int(nn, 0, "still closed: nothing sent");
	is_int(rota_alert_plan_held(p), 1, "one held");
	rota_alert_plan_free(p);
	is_str(run(&st, "2026-01-05T18:01:00Z", &b, 1, 0, NULL), "new:Q:breached:all:exec:/bin/page;",
	       "the breach goes to the route without hours");
	is_str(run(&st, "2026-01-06T08:59:00Z", &b, 1, 0, NULL), "", "held through the night");
	is_str(run(&st, "2026-01-06T09:00:00Z", &b, 1, 0, NULL), "new:Q:75%:quiet:syslog:local0;",
	       "sent on the first run while the office is open: its level still holds");
	is_str(run(&st, "2026-01-06T09:05:00Z", &b, 1, 0, NULL), "", "once");
	state_free(&st);
}

static void
test_failing_sink(void)
{
	struct state st = { 0 };
	struct ticket a = { .key = "F", .priority = "P1" };
	tk_event(&a, "2026-01-05T10:00:00Z", ROTA_EVENT_CREATED, "New");
	is_str(run(&st, "2026-01-05T11:01:00Z", &a, 1, 0, "exec:/bin/page"),
	       "new:F:breached:all:exec:/bin/page;new:F:breached:crit:mail:ops@example.com;"
	       "new:F:75%:quiet:syslog:local0;",
	       "every route's highest level it takes; exec fails");
	is_str(run(&st, "2026-01-05T11:02:00Z", &a, 1, 0, NULL), "new:F:breached:all:exec:/bin/page;",
	       "the failed sink is tried again, the others are not sent twice");
	is_str(run(&st, "2026-01-05T11:03:00Z", &a, 1, 0, NULL), "", "then nothing");
	state_free(&st);
}

/* A P1 ticket created at 10:00 and answered at `reply`. */
static struct ticket
answered_p1(const char *key, const char *reply)
{
	struct ticket a = { .key = key, .priority = "P1" };
	tk_event(&a, "2026-01-05T10:00:00Z", ROTA_EVENT_CREATED, "New");
	tk_event(&a, reply, ROTA_EVENT_REPLY, "Open");
	return a;
}

static void
test_resolved(void)
{
	struct state st = { 0 };
	struct ticket a = answered_p1("R", "2026-01-05T12:20:00Z");
	unsigned fl = ROTA_ALERT_RESOLVED_NOTICES;
	run(&st, "2026-01-05T10:30:00Z", &a, 1, fl, NULL);
	run(&st, "2026-01-05T11:01:00Z", &a, 1, fl, NULL);
	is_str(run(&st, "2026-01-05T12:01:00Z", &a, 1, fl, NULL),
	       "repeat:R:breached:crit:mail:ops@example.com;"
	       "escalate:R:breached:crit:mail:boss@example.com;", "breached, repeated, escalated");
	is_str(run(&st, "2026-01-05T12:30:00Z", &a, 1, fl, NULL),
	       "resolved:R:resolved:all:exec:/bin/page;"
	       "resolved:R:resolved:crit:mail:ops@example.com;"
	       "resolved:R:resolved:quiet:syslog:local0;"
	       "resolved:R:resolved:crit:mail:boss@example.com;",
	       "answered: one resolved notice per route and sink that had a level");
	is_str(run(&st, "2026-01-05T12:35:00Z", &a, 1, fl, NULL), "", "once");
	int cleared = 1;
	for (size_t i = 0; i < st.n; i++)
		cleared &= st.r[i].cleared_at != ROTA_TIME_NONE;
	ok(cleared && st.n > 0, "every row of the cycle is cleared");
	state_free(&st);

	/* Without the flag: cleared, no notice. */
	run(&st, "2026-01-05T11:01:00Z", &a, 1, 0, NULL);
	is_str(run(&st, "2026-01-05T12:30:00Z", &a, 1, 0, NULL), "", "no notices unless asked");
	cleared = 1;
	for (size_t i = 0; i < st.n; i++)
		cleared &= st.r[i].cleared_at == T("2026-01-05T12:30:00Z");
	ok(cleared && st.n == 3, "cleared all the same");
	state_free(&st);
}

static void
test_names(void)
{
	char buf[64];
	rota_sink_def s = { .kind = ROTA_SINK_SYSLOG };
	rota_alert_sink_id(&s, buf, sizeof buf);
	is_str(buf, "syslog:user", "a syslog sink without a facility");
	char *addrs[] = { "a@example.com", "b@example.com" };
	s = (rota_sink_def){ .kind = ROTA_SINK_MAIL, .addrs = addrs, .naddrs = 2 };
	rota_alert_sink_id(&s, buf, sizeof buf);
	is_str(buf, "mail:a@example.com,b@example.com", "a mail sink to two addresses");
	is_int(rota_alert_sink_id(&s, buf, 8), 7, "truncated to the buffer");
	is_str(rota_alert_what_name(ROTA_ALERT_ESCALATE), "escalate", "what names");
	is_str(rota_alert_what_name(9), "?", "out of range");
}


/* Rows read from JSON Lines: the same notes as rows from the engine; warn counted from
 * elapsed and target when not said; a ticket whose rows all stopped only when one
 * stopped after `since`; attributes from the row's other keys, else from the caller. */
static const char *
attr_p1(void *ctx, const char *ticket, const char *name)
{
	(void)ctx;
	return strcmp(ticket, "Q") == 0 && strcmp(name, "priority") == 0 ? "P1" : NULL;
}

static const char *
read_rows(const char *text, const char *since, rota_error *err)
{
	rota_alert_options o = { .now = T("2026-01-05T12:00:00Z") };
	rota_alert_plan *p = rota_alert_plan_new(cfg->routes, 2, &o);
	rota_jsonl *j = rota_jsonl_open_mem(text, strlen(text), "rows.jsonl");
	int rc = rota_alert_read_rows(p, j, cfg, utc, since ? T(since) : ROTA_TIME_NONE, attr_p1,
	                              NULL, err);
	rota_alert_plan_finish(p);
	size_t nn, len = 0;
	const rota_alert_note *notes = rota_alert_plan_notes(p, &nn);
	snprintf(out, sizeof out, "%s", rc < 0 ? "error" : "");
	for (size_t i = 0; rc == 0 && i < nn; i++)
		len += (size_t)snprintf(out + len, sizeof out - len, "%s:%s:%s:%lld;",
		                        notes[i].ticket, notes[i].level, notes[i].route->name,
		                        (long long)notes[i].cycle);
	rota_jsonl_close(j);
	rota_alert_plan_free(p);
	return out;
}

#define ROW(tk, state, stop, extra) "{\"ticket\":\"" tk "\",\"kind\":\"sla\",\"policy\":\"std\"," \
	"\"metric\":\"first_response\",\"team\":null,\"state\":\"" state "\",\"due\":" \
	"\"2026-01-05T10:00:00Z\",\"stop\":" stop ",\"percent\":90" extra "}\n"

static void
test_read_rows(void)
{
	rota_error err = { 0 };
	/* Elapsed 2700 of 3600 is 75% exactly (the engine's ceil rule); 2699 is 50% only. */
	is_str(read_rows(ROW("A", "running", "null", ",\"elapsed\":2700,\"target\":3600")
	                 ROW("B", "running", "null", ",\"elapsed\":2699,\"target\":3600,\"cycle\":2"),
	                 NULL, &err),
	       "A:75%:all:1;B:50%:all:2;", "warn levels counted from elapsed and target");
	/* C stopped (breached) at 11:00: news after a run at 10:30, history after 11:30. */
	const char *c = ROW("C", "breached", "\"2026-01-05T11:00:00Z\"", ",\"warn\":\"75%\"");
	is_str(read_rows(c, "2026-01-05T10:30:00Z", &err), "C:breached:all:1;",
	       "a closed ticket stopped since the last run");
	is_str(read_rows(c, "2026-01-05T11:30:00Z", &err), "", "... not one stopped before it");
	is_str(read_rows(c, NULL, &err), "", "... nor on a first run");
	/* A closed clock beside an open one: the ticket is open, all its rows count. */
	is_str(read_rows(ROW("D", "breached", "\"2026-01-05T09:00:00Z\"", ",\"warn\":\"75%\"")
	                 ROW("D", "running", "null", ",\"warn\":null"), NULL, &err),
	       "D:breached:all:1;", "an open ticket's stopped breach");
	/* The crit route matches priority P1: from the row's own key, else from attr. */
	is_str(read_rows(ROW("P", "breached", "null", ",\"warn\":\"75%\",\"priority\":\"P1\"")
	                 ROW("Q", "breached", "null", ",\"warn\":\"75%\"")
	                 ROW("R", "breached", "null", ",\"warn\":\"75%\""), NULL, &err),
	       "P:breached:all:1;P:breached:crit:1;Q:breached:all:1;Q:breached:crit:1;"
	       "R:breached:all:1;", "a route's match from the row's keys and from attr");
	/* Errors name the line and the column of the value. */
	is_str(read_rows(ROW("A", "running", "null", ",\"warn\":\"60%\""), NULL, &err), "error",
	       "a warn level the metric does not have");
	ok(err.line == 1 && err.col == 160 && strstr(err.msg, "one of the warn levels"),
	   "... at its column: %ld:%ld %s", err.line, err.col, err.msg);
	is_str(read_rows(ROW("A", "running", "null", ",\"warn\":null")
	                 "{\"ticket\":\"B\",\"kind\":\"ola\",\"policy\":\"std\"}\n", NULL, &err),
	       "error", "an sla policy given as ola");
	ok(err.line == 2 && err.col == 37 && strstr(err.msg, "ola: section"), "... %ld:%ld %s",
	   err.line, err.col, err.msg);
	is_str(read_rows(ROW("A", "running", "null", ""), NULL, &err), "error",
	       "neither warn nor elapsed");
	is_str(read_rows(ROW("A", "running", "null", ",\"elapsed\":1e114,\"target\":3600"), NULL,
	                 &err), "error", "elapsed beyond any clock (fuzz-jsonl found it)");
	ok(strstr(err.msg, "\"elapsed\": expected whole seconds") != NULL, "... %s", err.msg);
	is_str(read_rows(ROW("A", "running", "null", ",\"elapsed\":10,\"target\":-5"), NULL,
	                 &err), "error", "a negative target");
	is_str(read_rows(ROW("A", "running", "null", ",\"elapsed\":2.5,\"target\":3600"), NULL,
	                 &err), "error", "elapsed not whole");
	is_str(read_rows(ROW("A", "running", "\"2026-02-30T00:00:00Z\"", ",\"warn\":null"), NULL,
	                 &err), "error", "a bad stop time");
	ok(err.line == 1 && err.col > 130 && err.col < 160, "... within it: %ld %s", err.col,
	   err.msg);
}

/* The rows a prune would find: cleared longer than the retention ago, none otherwise. */
static void
test_stale(void)
{
	rota_alert_options o = { .now = T("2026-02-10T00:00:00Z"), .retention = 30 * 86400 };
	rota_alert_plan *p = rota_alert_plan_new(cfg->routes, 1, &o);
	rota_alert_rec r = { .ticket = "K", .kind = "sla", .policy = "std",
	                     .metric = "first_response", .team = "", .cycle = 1, .level = "75%",
	                     .route = "all", .sink = "exec:/bin/page", .count = 1,
	                     .escalated_at = ROTA_TIME_NONE };
	r.cleared_at = T("2026-01-11T00:00:00Z");     /* exactly 30 days: kept */
	rota_alert_plan_state(&r, p);
	r.ticket = "L";
	r.cleared_at = ROTA_TIME_NONE;                 /* open: kept */
	rota_alert_plan_state(&r, p);
	is_int(rota_alert_plan_stale(p), 0, "nothing older than the retention");
	r.ticket = "M";
	r.cleared_at = T("2026-01-10T23:59:59Z");
	rota_alert_plan_state(&r, p);
	is_int(rota_alert_plan_stale(p), 1, "one row cleared before it");
	rota_alert_plan_free(p);
	o.retention = 0;
	p = rota_alert_plan_new(cfg->routes, 1, &o);
	rota_alert_plan_state(&r, p);
	is_int(rota_alert_plan_stale(p), 0, "no retention: nothing is stale");
	rota_alert_plan_free(p);
}

/* What the id is made of, hashed here on its own (alert.h, Ids). */
static const char *
id_of(const char *ticket, const char *level, const char *what, int count)
{
	static char hex[ROTA_ALERT_ID_LEN + 1];
	char buf[256];
	int n = snprintf(buf, sizeof buf, "rota-alert-id/1%c%s%csla%cstd%cfirst_response%c%c1%c"
	                 "%s%c%s%c%d%c", 0, ticket, 0, 0, 0, 0, 0, 0, level, 0, what, 0, count, 0);
	unsigned char d[32];
	rota_sha256 c;
	rota_sha256_init(&c);
	rota_sha256_update(&c, buf, (size_t)n);
	rota_sha256_final(&c, d);
	rota_sha256_hex(d, ROTA_ALERT_ID_LEN / 2, hex);
	return hex;
}

/* Ids: the same alert has the same id in every run that sends it (a sink that failed,
 * or a run killed before it stored the state, sends it again under that id); another
 * sending (a repeat, an escalation, a resolved notice) has another. */
static void
test_ids(void)
{
	struct state st = { 0 };
	struct ticket a = answered_p1("I", "2026-01-05T13:20:00Z");
	unsigned fl = ROTA_ALERT_RESOLVED_NOTICES;
	run(&st, "2026-01-05T10:50:00Z", &a, 1, fl, NULL);
	is_str(run(&st, "2026-01-05T11:01:00Z", &a, 1, fl, "mail:ops@example.com"),
	       "new:I:breached:all:exec:/bin/page;new:I:breached:crit:mail:ops@example.com;",
	       "a breach to two routes, the mail sink failing");
	is_str(ids[0], id_of("I", "breached", "new", 1), "the id is the documented hash");
	is_int(strlen(ids[0]), ROTA_ALERT_ID_LEN, "32 hex digits");
	is_str(ids[1], ids[0], "one alert, one id, whichever route and sink");
	char first[ROTA_ALERT_ID_LEN + 1];
	memcpy(first, ids[0], sizeof first);
	is_str(run(&st, "2026-01-05T11:20:00Z", &a, 1, fl, NULL),
	       "new:I:breached:crit:mail:ops@example.com;", "the failed mail, again later");
	is_str(ids[0], first, "... with the id it had (percent and time have moved on)");
	is_str(run(&st, "2026-01-05T11:51:00Z", &a, 1, fl, "mail:ops@example.com"),
	       "repeat:I:breached:crit:mail:ops@example.com;", "the first repeat, failing");
	ok(strcmp(ids[0], first) != 0, "a repeat is another alert: another id");
	is_str(ids[0], id_of("I", "breached", "repeat", 2), "... the second sending's");
	memcpy(first, ids[0], sizeof first);
	is_str(run(&st, "2026-01-05T11:55:00Z", &a, 1, fl, NULL),
	       "repeat:I:breached:crit:mail:ops@example.com;", "the same repeat, sent again");
	is_str(ids[0], first, "... under the same id");
	is_str(run(&st, "2026-01-05T12:30:00Z", &a, 1, fl, NULL),
	       "repeat:I:breached:crit:mail:ops@example.com;"
	       "escalate:I:breached:crit:mail:boss@example.com;", "the next repeat, and escalation");
	is_str(ids[0], id_of("I", "breached", "repeat", 3), "the third sending");
	is_str(ids[1], id_of("I", "escalated", "escalate", 1), "escalation: one id a cycle");
	is_str(run(&st, "2026-01-05T13:30:00Z", &a, 1, fl, NULL),
	       "resolved:I:resolved:all:exec:/bin/page;"
	       "resolved:I:resolved:quiet:syslog:local0;"
	       "resolved:I:resolved:crit:mail:ops@example.com;"
	       "resolved:I:resolved:crit:mail:boss@example.com;", "resolved notices");
	int same = nids == 4;
	for (size_t i = 0; i < nids; i++)
		same &= strcmp(ids[i], id_of("I", "resolved", "resolved", 1)) == 0;
	ok(same, "one resolved id for every sink");
	state_free(&st);

	/* Another ticket, another cycle: another id. */
	struct ticket b = { .key = "J", .priority = "P2" };
	tk_event(&b, "2026-01-05T10:00:00Z", ROTA_EVENT_CREATED, "New");
	is_str(run(&st, "2026-01-05T11:01:00Z", &b, 1, 0, NULL),
	       "new:J:breached:all:exec:/bin/page;new:J:75%:quiet:syslog:local0;", "J's breach");
	ok(strcmp(ids[0], id_of("J", "breached", "new", 1)) == 0 &&
	   strcmp(ids[0], id_of("I", "breached", "new", 1)) != 0, "the ticket is part of it");
	is_str(ids[1], id_of("J", "75%", "new", 1), "and the level");
	state_free(&st);
}

int
main(void)
{
	rota_error err = { 0 };
	utc = rota_tz_get("UTC", &err);
	cfg = rota_config_load_mem(CONFIG, sizeof CONFIG - 1, "test.yaml", &err);
	if (!ok(cfg != NULL, "config: %s", err.msg))
		return tap_done();
	cals = rota_calendars_new(cfg->calendars, cfg->ncalendars, "test.yaml");
	engine = rota_sla_engine_config(cfg, cals, NULL, &err);
	if (!ok(engine != NULL, "engine: %s", err.msg))
		return tap_done();
	test_levels_and_once();
	test_repeat_escalate();
	test_quiet_hours();
	test_failing_sink();
	test_resolved();
	test_names();
	test_read_rows();
	test_stale();
	test_ids();
	rota_sla_engine_free(engine);
	rota_calendars_free(cals);
	rota_config_free(cfg);
	rota_tz_cache_free();
	return tap_done();
}
