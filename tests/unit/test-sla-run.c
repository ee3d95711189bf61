/* The store's stream of ticket histories (key order, events and attributes as of a
 * moment, one ticket key, open tickets only) and the driver that feeds the clock engine
 * from it: its rows are those of evaluating each ticket by hand. */
#include <config.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <rota/rota.h>
#include <rota/config.h>
#include <rota/sla.h>
#include <rota/store.h>
#include "sqlraw.h"
#include "tap.h"

static const char CONFIG[] =
	"sla:\n"
	"  - name: std\n"
	"    metrics:\n"
	"      first_response: { target: 30m, start: created, stop: [reply, resolved] }\n"
	"      resolution: { target: 4h, pause_status: [Waiting], stop_status: [Resolved] }\n"
	"ola:\n"
	"  - name: teams\n"
	"    metrics:\n"
	"      handling: { target: 1h, start: assigned, stop: [unassigned, resolved] }\n";

static char dir[] = "/tmp/rota-test-sla-run-XXXXXX";

static void
bail(const char *what, const char *msg)
{
	printf("Bail out! %s: %s\n", what, msg);
	exit(1);
}
static rota_store *store;

static void
add(const char *key, rota_time t, int kind, const char *status, const char *team)
{
	rota_error err;
	int64_t id = rota_store_ticket_id(store, key, 1, &err);
	rota_event ev = { .time = t, .kind = kind };
	for (int f = 0; f < ROTA_NFIELDS; f++)
		ev.v[f] = "";
	ev.v[ROTA_F_STATUS] = status;
	ev.v[ROTA_F_TEAM] = team;
	ev.v[ROTA_F_PRIORITY] = "P3";
	if (id <= 0 || rota_store_event_add(store, id, &ev, ROTA_SRC_EVENTS, 0, &err) != 1)
		bail("adding an event", err.msg);
}

static void
attr(const char *key, const char *name, const char *value, rota_time t)
{
	rota_error err;
	int64_t id = rota_store_ticket_id(store, key, 1, &err);
	if (id <= 0 || rota_store_attr_put(store, id, name, value, t, &err) < 0)
		bail("adding an attribute", err.msg);
}

/* Histories as one line each: "KEY:kinds@times[attrs]" */
struct seen { char buf[1024]; size_t len; };

static int
show(const rota_history *h, void *arg)
{
	struct seen *s = arg;
	s->len += (size_t)snprintf(s->buf + s->len, sizeof s->buf - s->len, "%s%s:", s->len ? " " : "",
	                           h->key);
	for (size_t i = 0; i < h->nev; i++)
		s->len += (size_t)snprintf(s->buf + s->len, sizeof s->buf - s->len, "%s%s@%lld",
		                           i ? "," : "", rota_event_kind_name(h->ev[i].kind),
		                           (long long)h->ev[i].time);
	for (size_t i = 0; i < h->nattrs; i++)
		s->len += (size_t)snprintf(s->buf + s->len, sizeof s->buf - s->len, "[%s=%s]",
		                           h->attrs[i].name, h->attrs[i].value);
	if (strcmp(h->key, h->ev[0].ticket) != 0)
		s->len += (size_t)snprintf(s->buf + s->len, sizeof s->buf - s->len, "!ticket");
	return 0;
}

static const char *
walk(const char *key, rota_time at, unsigned flags)
{
	static struct seen s;
	static rota_error err;
	s.len = 0;
	s.buf[0] = '\0';
	rota_history_filter f = { .key = key, .at = at, .flags = flags };
	if (rota_store_each_history(store, &f, show, &s, &err) != 0)
		return err.msg;
	return s.buf;
}

static int
stop_at_b(const rota_history *h, void *arg)
{
	(void)arg;
	return strcmp(h->key, "B") == 0 ? 7 : 0;
}

static void
test_histories(void)
{
	/* Added out of key and time order: the walk puts them in order. */
	add("C", 300, ROTA_EVENT_CREATED, "New", "");
	add("A", 100, ROTA_EVENT_CREATED, "New", "T1");
	add("B", 200, ROTA_EVENT_CREATED, "New", "");
	add("A", 500, ROTA_EVENT_RESOLVED, "Resolved", "T1");
	add("A", 150, ROTA_EVENT_REPLY, "New", "T1");
	add("A", 150, ROTA_EVENT_NOTE, "New", "T1");        /* a tie: insertion order */
	add("B", 400, ROTA_EVENT_CLOSED, "Closed", "");
	add("B", 600, ROTA_EVENT_REOPENED, "Open", "");
	add("C", 700, ROTA_EVENT_RESOLVED, "Resolved", "");
	attr("A", "tier", "gold", 100);
	attr("A", "made_sla", "true", 500);
	attr("C", "tier", "silver", 100);
	rota_error err;
	int64_t d = rota_store_ticket_id(store, "D", 1, &err);   /* no events: never shown */
	ok(d > 0, "a ticket without events");
	attr("D", "tier", "gold", 0);

	is_str(walk(NULL, ROTA_TIME_MAX, 0),
	       "A:created@100,reply@150,note@150,resolved@500[made_sla=true][tier=gold] "
	       "B:created@200,closed@400,reopened@600 C:created@300,resolved@700[tier=silver]",
	       "every ticket in key order, events in time order, ties in insertion order");
	is_str(walk(NULL, 250, 0), "A:created@100,reply@150,note@150[tier=gold] B:created@200",
	       "as of 250: later events and attributes left out, C not there yet");
	is_str(walk("B", ROTA_TIME_MAX, 0), "B:created@200,closed@400,reopened@600", "one key");
	is_str(walk("A", 120, 0), "A:created@100[tier=gold]", "one key as of a moment");
	is_str(walk("Z", ROTA_TIME_MAX, 0), "", "an unknown key: nothing");
	is_str(walk(NULL, ROTA_TIME_MAX, ROTA_HISTORY_OPEN), "B:created@200,closed@400,reopened@600",
	       "open only, now: B was reopened");
	is_str(walk(NULL, 450, ROTA_HISTORY_OPEN), "A:created@100,reply@150,note@150[tier=gold] "
	       "C:created@300[tier=silver]", "open only as of 450 (replayed): A and C, not B");
	is_str(walk("A", 450, ROTA_HISTORY_OPEN), "A:created@100,reply@150,note@150[tier=gold]",
	       "open only and one key");
	rota_history_filter f = { .at = ROTA_TIME_MAX };
	is_int(rota_store_each_history(store, &f, stop_at_b, NULL, &err), 7,
	       "a callback's return stops the walk");
}

static const char *
walk_f(const rota_history_filter *f)
{
	static struct seen s;
	static rota_error err;
	s.len = 0;
	s.buf[0] = '\0';
	if (rota_store_each_history(store, f, show, &s, &err) != 0)
		return err.msg;
	return s.buf;
}

static int
key_list(const char *key, int64_t id, void *arg)
{
	struct seen *s = arg;
	rota_error err;
	if (id != rota_store_ticket_id(store, key, 0, &err))
		return -1;
	s->len += (size_t)snprintf(s->buf + s->len, sizeof s->buf - s->len, "%s%s", s->len ? " " : "",
	                           key);
	return 0;
}

static const char *
keys_f(const rota_history_filter *f, size_t every)
{
	static struct seen s;
	static rota_error err;
	s.len = 0;
	s.buf[0] = '\0';
	if (rota_store_each_ticket_key(store, f, every, key_list, &s, &err) != 0)
		return err.msg;
	return s.buf;
}

/* Shares of a walk: key ranges, lists of keys, and the keys that cut them. */
static void
test_shares(void)
{
	rota_time max = ROTA_TIME_MAX;
	is_str(walk_f(&(rota_history_filter){ .at = max, .from_key = "B" }),
	       "B:created@200,closed@400,reopened@600 C:created@300,resolved@700[tier=silver]",
	       "keys from B");
	is_str(walk_f(&(rota_history_filter){ .at = max, .to_key = "B" }),
	       "A:created@100,reply@150,note@150,resolved@500[made_sla=true][tier=gold]",
	       "keys before B, attributes merged within the range");
	is_str(walk_f(&(rota_history_filter){ .at = max, .from_key = "B", .to_key = "C" }),
	       "B:created@200,closed@400,reopened@600", "keys in [B, C)");
	is_str(walk_f(&(rota_history_filter){ .at = max, .from_key = "C", .to_key = "C" }), "",
	       "an empty range");
	is_str(walk_f(&(rota_history_filter){ .at = 450, .flags = ROTA_HISTORY_OPEN,
	                                       .from_key = "B" }),
	       "C:created@300[tier=silver]", "open only in a range");
	is_str(walk_f(&(rota_history_filter){ .key = "A", .at = max, .from_key = "B" }), "",
	       "one key outside the range");
	static const char *const list[] = { "A", "C", "D", "Z" };
	is_str(walk_f(&(rota_history_filter){ .at = max, .keys = list, .nkeys = 4 }),
	       "A:created@100,reply@150,note@150,resolved@500[made_sla=true][tier=gold] "
	       "C:created@300,resolved@700[tier=silver]",
	       "a list of keys: D has no events, Z no ticket");
	is_str(walk_f(&(rota_history_filter){ .at = 450, .flags = ROTA_HISTORY_OPEN,
	                                       .keys = list, .nkeys = 4 }),
	       "A:created@100,reply@150,note@150[tier=gold] C:created@300[tier=silver]",
	       "a list of keys, open only as of 450");
	is_str(walk_f(&(rota_history_filter){ .at = max, .flags = ROTA_HISTORY_OPEN,
	                                       .keys = list, .nkeys = 4 }), "",
	       "a list of keys, open only now: none of them");
	is_str(keys_f(&(rota_history_filter){ .at = max }, 1), "A B C D", "every key");
	is_str(keys_f(&(rota_history_filter){ .at = max }, 2), "A C", "every second key");
	is_str(keys_f(&(rota_history_filter){ .at = max }, 3), "A D", "every third key");
	is_str(keys_f(&(rota_history_filter){ .at = max }, 9), "A", "every ninth key");
	is_str(keys_f(&(rota_history_filter){ .at = max, .from_key = "B", .to_key = "D" }, 1),
	       "B C", "keys in [B, D)");
	is_str(keys_f(&(rota_history_filter){ .at = max, .from_key = "AA" }, 2), "B D",
	       "every second key from AA");
	is_str(keys_f(&(rota_history_filter){ .at = max, .flags = ROTA_HISTORY_OPEN }, 1), "B D",
	       "open keys by closed_at: B reopened, D without events");
	is_str(keys_f(&(rota_history_filter){ .at = 450, .flags = ROTA_HISTORY_OPEN }, 2), "A C",
	       "every second open key as of 450 by closed_at (A, B, C, D)");
}

/* ---- the driver ---- */

struct rows { char buf[2048]; size_t len; int tickets; };

static void
put_row(struct rows *r, const rota_sla_row *row)
{
	r->len += (size_t)snprintf(r->buf + r->len, sizeof r->buf - r->len,
	                           "%s/%s/%s/%d/%s/%lld;", row->ticket, row->metric->name,
	                           row->team, row->cycle, rota_sla_state_name(row->state),
	                           (long long)row->elapsed);
}

static int
on_row(const rota_sla_row *row, void *arg)
{
	put_row(arg, row);
	return 0;
}

static int
on_ticket(const rota_history *h, const rota_sla_row *rows, size_t n, void *arg)
{
	struct rows *r = arg;
	r->tickets++;
	is_str(rota_history_field(h, ROTA_F_PRIORITY), "P3", "a field as of the last event");
	if (strcmp(h->key, "A") == 0)
		is_str(rota_history_attr(h, "tier"), "gold", "an attribute");
	else
		ok(rota_history_attr(h, "made_sla") == NULL, "no such attribute");
	for (size_t i = 0; i < n; i++)
		put_row(r, &rows[i]);
	return 0;
}

static int
by_hand(const rota_history *h, void *arg)
{
	void **a = arg;
	rota_error err;
	return rota_sla_evaluate(a[0], h->ev, h->nev, h->attrs, h->nattrs, *(rota_time *)a[2],
	                         on_row, a[1], &err);
}

static void
test_run(void)
{
	rota_error err = { 0 };
	rota_config *cfg = rota_config_load_mem(CONFIG, sizeof CONFIG - 1, "run.yaml", &err);
	if (cfg == NULL)
		bail("config", err.msg);
	rota_sla_engine *e = rota_sla_engine_new(cfg->sla, cfg->nsla, cfg->ola, cfg->nola, NULL,
	                                         NULL, NULL, &err);
	if (e == NULL)
		bail("engine", err.msg);
	static const rota_time ats[] = { 120, 450, 650, ROTA_TIME_MAX - 1 };
	for (size_t i = 0; i < sizeof ats / sizeof ats[0]; i++) {
		for (int open = 0; open <= 1; open++) {
			struct rows got = { .len = 0 }, want = { .len = 0 };
			rota_time at = ats[i];
			int rc = rota_sla_run(store, e, at, open ? ROTA_SLA_RUN_OPEN : 0, on_row, &got,
			                      &err);
			ok(rc == 0, "run as of %lld%s: %s", (long long)at, open ? " (open)" : "",
			   rc ? err.msg : "ok");
			void *a[3] = { e, &want, &at };
			rota_history_filter f = { .at = at, .flags = open ? ROTA_HISTORY_OPEN : 0 };
			rota_store_each_history(store, &f, by_hand, a, &err);
			is_str(got.buf, want.buf, "the rows of evaluating each ticket by hand");
			ok(got.len > 0, "some rows: %s", got.buf);
		}
	}
	struct rows t = { .len = 0 };
	rota_history_filter f = { .at = ROTA_TIME_MAX - 1 };
	ok(rota_sla_run_tickets(store, e, &f, on_ticket, &t, &err) == 0, "ticket by ticket");
	is_int(t.tickets, 3, "one call per ticket with events");
	ok(strstr(t.buf, "A/first_response/T1/1/met/50;") != NULL, "A's first response: %s", t.buf);
	ok(strstr(t.buf, "A/handling/T1/1/met/400;") != NULL, "A's OLA with T1");
	rota_sla_engine_free(e);
	rota_config_free(cfg);
}

/* ---- threads ---- */

struct dump { char *buf; size_t len, cap; size_t rows, stop_at; };

static int
dump_row(const rota_sla_row *r, void *arg)
{
	struct dump *d = arg;
	char line[512];
	int n = snprintf(line, sizeof line, "%s/%s/%s/%s/%d/%d/%s/%lld/%lld/%lld/%lld/%d",
	                 r->ticket, r->kind == ROTA_POLICY_OLA ? "ola" : "sla", r->policy->name,
	                 r->metric->name, r->cycle, r->last, rota_sla_state_name(r->state),
	                 (long long)r->start, (long long)r->stop, (long long)r->due,
	                 (long long)r->elapsed, r->warn_level);
	for (size_t i = 0; i < r->nwarn; i++)
		n += snprintf(line + n, sizeof line - (size_t)n, "/%lld", (long long)r->warn_at[i]);
	n += snprintf(line + n, sizeof line - (size_t)n, "/%s\n", r->team);
	if (d->len + (size_t)n + 1 > d->cap) {
		d->cap = 2 * (d->len + (size_t)n + 1);
		d->buf = rota_xrealloc(d->buf, d->cap);
	}
	memcpy(d->buf + d->len, line, (size_t)n + 1);
	d->len += (size_t)n;
	return ++d->rows == d->stop_at ? 5 : 0;
}

static const char THREADS_CONFIG[] =
	"calendars:\n"
	"  office: { tz: Europe/Berlin, hours: { mon-fri: \"08:00-18:00\" } }\n"
	"sla:\n"
	"  - name: gold\n"
	"    match: { tier: [gold] }\n"
	"    calendar: office\n"
	"    metrics:\n"
	"      first_response: { target: 1h, start: created, stop: [reply], warn: [50%, 80%] }\n"
	"      resolution: { target: 8h, pause_status: [Waiting], stop_status: [Resolved] }\n"
	"  - name: std\n"
	"    metrics:\n"
	"      resolution: { target: 1d, pause_status: [Waiting], stop_status: [Resolved],\n"
	"                    warn: [75%] }\n"
	"ola:\n"
	"  - name: teams\n"
	"    calendar: office\n"
	"    metrics:\n"
	"      handling: { target: 2h, start: assigned, stop: [unassigned, resolved] }\n";

/* 2,600 tickets (three shares of keys, eleven lists of open ones), added out of key
 * order, some gold by attribute, some moved between teams, waiting or reopened. */
static void
fill_many(rota_store *s)
{
	rota_error err;
	rota_store *keep = store;
	store = s;
	if (rota_store_begin(s, &err) < 0)
		bail("begin", err.msg);
	for (int i = 0; i < 2600; i++) {
		char key[32], team[8];
		snprintf(key, sizeof key, "K-%05d", (i * 7907) % 2600);
		snprintf(team, sizeof team, "T%d", i % 7);
		rota_time t = 1772000000 + (rota_time)i * 977;
		add(key, t, ROTA_EVENT_CREATED, "New", i % 3 ? team : "");
		if (i % 2)
			add(key, t + 1800 + i % 5000, ROTA_EVENT_REPLY, "Open", team);
		if (i % 5 == 0) {
			add(key, t + 7200, ROTA_EVENT_STATUS, "Waiting", team);
			add(key, t + 9000 + i, ROTA_EVENT_ASSIGN, "Open", "T9");
		}
		if (i % 3 == 0)
			add(key, t + 40000 + 13 * i, ROTA_EVENT_RESOLVED, "Resolved", "T9");
		if (i % 9 == 0)
			add(key, t + 90000, ROTA_EVENT_REOPENED, "Open", "T9");
		if (i % 4 == 0)
			attr(key, "tier", "gold", t);
	}
	if (rota_store_commit(s, &err) < 0)
		bail("commit", err.msg);
	store = keep;
}

static void
test_threads(void)
{
	rota_error err = { 0 };
	char db[256];
	snprintf(db, sizeof db, "%s/many.db", dir);
	rota_store *s = rota_store_open(db, ROTA_STORE_CREATE, 0, &err);
	if (s == NULL)
		bail("open many", err.msg);
	ok(rota_store_reader(s, &err) == NULL, "no second connection to a database not yet "
	   "published: %s", err.msg);
	fill_many(s);
	if (rota_store_publish(s, &err) < 0)
		bail("publish", err.msg);
	rota_store_close(s);
	if ((s = rota_store_open(db, ROTA_STORE_READONLY, 0, &err)) == NULL)
		bail("reopen many", err.msg);
	rota_store *r = rota_store_reader(s, &err);
	ok(r != NULL, "a second connection to a file");
	rota_store_close(r);

	rota_config *cfg = rota_config_load_mem(THREADS_CONFIG, sizeof THREADS_CONFIG - 1,
	                                        "threads.yaml", &err);
	if (cfg == NULL)
		bail("config", err.msg);
	rota_calendars *cs = rota_calendars_new(cfg->calendars, cfg->ncalendars, cfg->path);
	static const unsigned eflags[] = { 0, ROTA_SLA_LAST_CYCLE | ROTA_SLA_NO_WARN_AT };
	static const rota_time ats[] = { 1772000000 + 1300 * 977, 1772000000 + 2700 * 977 };
	for (size_t k = 0; k < 2; k++) {
		rota_sla_options opt = { .flags = eflags[k] };
		rota_sla_engine *e = rota_sla_engine_config(cfg, cs, &opt, &err);
		if (e == NULL)
			bail("engine", err.msg);
		for (size_t i = 0; i < 2; i++)
			for (unsigned open = 0; open <= 1; open++) {
				struct dump one = { 0 }, two = { 0 }, three = { 0 };
				unsigned fl = open ? ROTA_SLA_RUN_OPEN : 0;
				int rc1 = rota_sla_run(s, e, ats[i], fl, dump_row, &one, &err);
				int rc2 = rota_sla_run_threads(s, e, ats[i], fl, 2, dump_row, &two, &err);
				int rc3 = rota_sla_run_threads(s, e, ats[i], fl, 3, dump_row, &three, &err);
				ok(rc1 == 0 && rc2 == 0 && rc3 == 0, "runs (flags %u, at %zu, open %u)",
				   eflags[k], i, open);
				ok(one.rows > (open ? 300u : 2600u), "rows: %zu", one.rows);
				ok(one.len == two.len && memcmp(one.buf, two.buf, one.len) == 0,
				   "2 threads: the rows of 1, in its order (%zu rows)", two.rows);
				ok(one.len == three.len && memcmp(one.buf, three.buf, one.len) == 0,
				   "3 threads: the rows of 1 (%zu rows)", three.rows);
				free(one.buf);
				free(two.buf);
				free(three.buf);
			}
		/* A callback's return stops every thread: the rows before it are those of one. */
		struct dump one = { .stop_at = 1500 }, two = { .stop_at = 1500 };
		is_int(rota_sla_run(s, e, ats[1], 0, dump_row, &one, &err), 5, "stop in 1 thread");
		is_int(rota_sla_run_threads(s, e, ats[1], 0, 2, dump_row, &two, &err), 5,
		       "stop in 2 threads");
		ok(one.len == two.len && memcmp(one.buf, two.buf, one.len) == 0,
		   "the same rows up to the stop (%zu, %zu)", one.rows, two.rows);
		free(one.buf);
		free(two.buf);
		rota_sla_engine_free(e);
	}
	/* Not from a config: no engine can be made per thread, so one thread runs it. */
	rota_sla_engine *e = rota_sla_engine_new(cfg->sla, cfg->nsla, cfg->ola, cfg->nola, NULL,
	                                         NULL, NULL, &err);
	if (e) {
		struct dump one = { 0 }, two = { 0 };
		rota_sla_run(s, e, ats[0], 0, dump_row, &one, &err);
		ok(rota_sla_run_threads(s, e, ats[0], 0, 2, dump_row, &two, &err) == 0 &&
		   one.len == two.len && memcmp(one.buf, two.buf, one.len) == 0,
		   "an engine not from a config runs in one thread");
		free(one.buf);
		free(two.buf);
		rota_sla_engine_free(e);
	}
	rota_calendars_free(cs);
	rota_config_free(cfg);
	rota_store_close(s);
	unlink(db);
}

/* Whether there are attributes is asked once and kept while nothing changes: a change
 * through this connection or another one is seen by the next walk. */
static void
test_attrs_kept(void)
{
	rota_error err = { 0 };
	char db[256];
	snprintf(db, sizeof db, "%s/kept.db", dir);
	rota_store *w = rota_store_open(db, ROTA_STORE_CREATE, 0, &err);
	if (w == NULL)
		bail("kept.db", err.msg);
	rota_store *keep = store;
	store = w;
	add("X", 100, ROTA_EVENT_CREATED, "New", "");
	is_str(walk(NULL, 200, 0), "X:created@100", "no attributes yet");
	attr("X", "tier", "gold", 150);
	is_str(walk(NULL, 200, 0), "X:created@100[tier=gold]", "one added by this connection");
	if (rota_store_publish(w, &err) < 0)
		bail("publish kept.db", err.msg);
	rota_store_close(w);
	if ((store = w = rota_store_open(db, 0, 0, &err)) == NULL)
		bail("reopen kept.db", err.msg);
	rota_store *r = rota_store_reader(w, &err);
	if (!ok(r != NULL, "a reader: %s", err.msg)) {
		store = keep;
		rota_store_close(w);
		return;
	}
	add("Y", 100, ROTA_EVENT_CREATED, "New", "");
	store = r;
	is_str(walk(NULL, 120, 0), "X:created@100 Y:created@100", "the reader: none as of 120");
	store = w;
	attr("Y", "tier", "silver", 110);
	store = r;
	is_str(walk(NULL, 120, 0), "X:created@100 Y:created@100[tier=silver]",
	       "the reader sees one the other connection added");
	store = keep;
	rota_store_close(r);
	rota_store_close(w);
	unlink(db);
}

static void
test_empty(void)
{
	rota_error err;
	rota_store *s = rota_store_open(":memory:", ROTA_STORE_CREATE, 0, &err);
	ok(s != NULL, "an empty database");
	if (s == NULL)
		return;
	rota_history_filter f = { .at = ROTA_TIME_MAX };
	is_int(rota_store_each_history(s, &f, stop_at_b, NULL, &err), 0, "nothing to walk");
	rota_store_close(s);
}

/* A database that schema version 2 wrote (no closed_at) is migrated on open: closed_at
 * is filled from its events, and the triggers keep it as events come and go. */
static void
test_migration_v2(void)
{
	rota_error err = { 0 };
	char file[4096], db[256];
	const char *src = getenv("ROTA_SRCDIR");
	snprintf(file, sizeof file, "%s/tests/data/store/v2.sql", src ? src : ".");
	FILE *f = fopen(file, "r");
	if (!ok(f != NULL, "read %s", file))
		return;
	char *sql = rota_xmalloc(1 << 16);
	size_t len = fread(sql, 1, (1 << 16) - 1, f);
	sql[len] = '\0';
	fclose(f);
	snprintf(db, sizeof db, "%s/v2.db", dir);
	sqlraw_exec(db, sql);
	free(sql);
	is_int(sqlraw_int(db, "PRAGMA user_version"), 2, "the fixture is version 2");
	rota_store *s = rota_store_open(db, 0, 0, &err);
	if (!ok(s != NULL, "a version 2 database opens: %s", err.msg))
		return;
	is_int(rota_store_version_found(s), 2, "found version 2");
	rota_store *keep = store;
	store = s;
	/* V-1 resolved, V-2 resolved then reopened, V-3 open. */
	is_str(walk(NULL, ROTA_TIME_MAX, ROTA_HISTORY_OPEN),
	       "V-2:created@1767227400,resolved@1767236400,reopened@1767240000[tier=P2] "
	       "V-3:created@1767243600,message@1767245400[tier=P3]", "open only after migrating");
	is_str(walk(NULL, 1767238000, ROTA_HISTORY_OPEN), "", "open only, replayed: none then");
	add("V-3", 1767250000, ROTA_EVENT_CLOSED, "Closed", "Net");
	is_str(walk(NULL, ROTA_TIME_MAX, ROTA_HISTORY_OPEN),
	       "V-2:created@1767227400,resolved@1767236400,reopened@1767240000[tier=P2]",
	       "a closed event closes V-3");
	rota_store_close(s);
	store = keep;
	is_int(sqlraw_int(db, "PRAGMA user_version"), ROTA_STORE_SCHEMA_VERSION, "v2: migrated");
	is_int(sqlraw_int(db, "SELECT count(*) FROM tickets WHERE closed_at IS NULL"), 1,
	       "v2: one ticket open");
	is_int(sqlraw_int(db, "SELECT closed_at FROM tickets WHERE key = 'V-1'"), 1767232800,
	       "v2: V-1 closed when resolved");
	sqlraw_exec(db, "DELETE FROM events WHERE kind = 'closed'");
	is_int(sqlraw_int(db, "SELECT count(*) FROM tickets WHERE closed_at IS NULL"), 2,
	       "removing the closed event opens V-3 again");
	is_str(sqlraw_str(db, "PRAGMA integrity_check"), "ok", "v2: integrity");
	unlink(db);
}

/* stints: sum on an ola policy in the config: a ticket that leaves the team and comes
 * back goes on with one clock; each (and not set) gives a cycle per stint. */
static void
test_stints_key(void)
{
	static const char cfgtext[] =
		"ola:\n"
		"  - { name: summed, match: { team: [A] }, stints: sum,\n"
		"      metrics: { handling: { target: 1h } } }\n"
		"  - { name: each, stints: each, metrics: { handling: { target: 1h } } }\n";
	rota_error err = { 0 };
	rota_config *cfg = rota_config_load_mem(cfgtext, sizeof cfgtext - 1, "stints.yaml", &err);
	if (!ok(cfg != NULL, "stints in the config: %s", err.msg))
		return;
	is_int(cfg->ola[0].stints, ROTA_STINTS_SUM, "stints: sum");
	is_int(cfg->ola[1].stints, ROTA_STINTS_EACH, "stints: each");
	rota_sla_engine *e = rota_sla_engine_config(cfg, NULL, NULL, &err);
	rota_event ev[4];
	static const char *const teams[] = { "A", "B", "A", "B" };
	for (int i = 0; i < 4; i++) {
		ev[i] = (rota_event){ .ticket = "S-1", .time = 600 * i,
		                      .kind = i ? ROTA_EVENT_ASSIGN : ROTA_EVENT_CREATED };
		for (int f = 0; f < ROTA_NFIELDS; f++)
			ev[i].v[f] = "";
		ev[i].v[ROTA_F_TEAM] = teams[i];
	}
	struct rows got = { .len = 0 };
	ok(rota_sla_evaluate(e, ev, 4, NULL, 0, 3000, on_row, &got, &err) == 0, "evaluate");
	is_str(got.buf, "S-1/handling/A/1/paused/1200;S-1/handling/B/1/met/600;"
	       "S-1/handling/B/2/running/1200;", "A summed over its stints, B a cycle each");
	rota_sla_engine_free(e);
	rota_config_free(cfg);
	static const char bad[] = "sla:\n  - { name: x, stints: sum, metrics: { r: { target: 1h } } }\n";
	cfg = rota_config_load_mem(bad, sizeof bad - 1, "bad.yaml", &err);
	ok(cfg == NULL && strstr(err.msg, "only ola policies") != NULL, "no stints on sla: %s",
	   err.msg);
}

int
main(void)
{
	if (mkdtemp(dir) == NULL)
		bail("mkdtemp", "");
	char db[256];
	snprintf(db, sizeof db, "%s/run.db", dir);
	rota_error err;
	if ((store = rota_store_open(db, ROTA_STORE_CREATE, 0, &err)) == NULL)
		bail("open", err.msg);
	test_histories();
	test_shares();
	test_run();
	test_threads();
	test_attrs_kept();
	test_empty();
	test_migration_v2();
	test_stints_key();
	rota_store_close(store);
	unlink(db);
	rmdir(dir);
	return tap_done();
}
