/* The snapshot differ on hand-made ticket histories, and imports into an in-memory store:
 * idempotence, overlapping exports, rejected rows and rollback. */
#include <config.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <rota/rota.h>
#include <rota/store.h>
#include <rota/import.h>
#include "tap.h"

/* ---- the differ ---- */

static void
show_event(const rota_event *ev, void *ctx)
{
	rota_strbuf *b = ctx;
	rota_strbuf_printf(b, "%s@%lld", rota_event_kind_name(ev->kind), (long long)ev->time);
	rota_strbuf_printf(b, "[%s|%s|%s|%s]", ev->v[ROTA_F_STATUS], ev->v[ROTA_F_TEAM],
	                   ev->v[ROTA_F_AGENT], ev->v[ROTA_F_PRIORITY]);
	rota_strbuf_putc(b, ' ');
}

static const char *const resolved[] = { "Resolved" };
static const char *const closed[] = { "Closed", "Cancelled" };
static const rota_status_sets sets = { resolved, 1, closed, 2 };

/* Rows as "time status team agent priority". */
static rota_snapshot
S(rota_time t, const char *status, const char *team, const char *agent, const char *prio)
{
	rota_snapshot s = { t, { status, team, prio, agent, "", "", "" } };
	return s;
}

static char *
diff(const rota_snapshot *rows, size_t n, rota_time created, rota_time res, rota_time clo,
     size_t *count)
{
	rota_strbuf b = ROTA_STRBUF_INIT;
	*count = rota_snapshot_diff(rows, n, created, res, clo, &sets, show_event, &b, NULL);
	return rota_strbuf_detach(&b);
}

#define DIFF(rows, created, res, clo, exp) do { size_t n_; \
	char *got_ = diff(rows, sizeof rows / sizeof rows[0], created, res, clo, &n_); \
	is_str(got_, exp, #rows); free(got_); } while (0)

static void
test_differ(void)
{
	const rota_time N = ROTA_TIME_NONE;

	/* A plain life: new, assigned, worked, resolved, closed. */
	rota_snapshot life[] = {
		S(100, "New", "SD", "", "3"),
		S(200, "New", "Net", "", "3"),
		S(300, "Active", "Net", "bob", "3"),
		S(400, "Resolved", "Net", "bob", "3"),
		S(500, "Closed", "Net", "bob", "3"),
	};
	DIFF(life, 50, N, N,
	     "created@50[New|SD||3] assign@200[New|Net||3] status@300[Active|Net|bob|3] "
	     "assign@300[Active|Net|bob|3] status@400[Resolved|Net|bob|3] "
	     "resolved@400[Resolved|Net|bob|3] status@500[Closed|Net|bob|3] "
	     "closed@500[Closed|Net|bob|3] ");
	/* Without a creation time, the first snapshot is the creation. */
	DIFF(life, N, N, N,
	     "created@100[New|SD||3] assign@200[New|Net||3] status@300[Active|Net|bob|3] "
	     "assign@300[Active|Net|bob|3] status@400[Resolved|Net|bob|3] "
	     "resolved@400[Resolved|Net|bob|3] status@500[Closed|Net|bob|3] "
	     "closed@500[Closed|Net|bob|3] ");

	/* Reopened after resolution; a lost status (-100 read as missing) keeps the old one;
	 * a priority change; an unassignment. */
	rota_snapshot reopen[] = {
		S(100, "Active", "Net", "bob", "3"),
		S(150, "", "Net", "bob", "3"),
		S(200, "Resolved", "Net", "bob", "3"),
		S(300, "Active", "Net", "bob", "2"),
		S(300, "Resolved", "", "", ""),
	};
	DIFF(reopen, N, N, N,
	     "created@100[Active|Net|bob|3] status@200[Resolved|Net|bob|3] "
	     "resolved@200[Resolved|Net|bob|3] status@300[Active|Net|bob|2] "
	     "reopened@300[Active|Net|bob|2] priority@300[Active|Net|bob|2] "
	     "status@300[Resolved|||2] assign@300[Resolved|||2] resolved@300[Resolved|||2] ");

	/* Closed straight from active, another closed status counts as closed too; a closed
	 * ticket going back to New is reopened. */
	rota_snapshot skip[] = {
		S(100, "New", "SD", "", "3"),
		S(200, "Cancelled", "SD", "", "3"),
		S(250, "Closed", "SD", "", "3"),
		S(300, "New", "SD", "", "3"),
	};
	DIFF(skip, N, N, N,
	     "created@100[New|SD||3] status@200[Cancelled|SD||3] closed@200[Cancelled|SD||3] "
	     "status@250[Closed|SD||3] status@300[New|SD||3] reopened@300[New|SD||3] ");

	/* A snapshot stamped before the creation counts at the creation; a first snapshot
	 * that is already resolved resolves at its time. */
	rota_snapshot early[] = {
		S(40, "Resolved", "SD", "", "3"),
		S(90, "Closed", "SD", "", "3"),
	};
	DIFF(early, 60, N, N,
	     "created@60[Resolved|SD||3] resolved@60[Resolved|SD||3] status@90[Closed|SD||3] "
	     "closed@90[Closed|SD||3] ");

	/* The export's resolved/closed times are used only when no snapshot shows them. */
	rota_snapshot open[] = { S(100, "Active", "SD", "", "3") };
	DIFF(open, N, 500, 900,
	     "created@100[Active|SD||3] resolved@500[Active|SD||3] closed@900[Active|SD||3] ");
	DIFF(life, N, 999, 999,
	     "created@100[New|SD||3] assign@200[New|Net||3] status@300[Active|Net|bob|3] "
	     "assign@300[Active|Net|bob|3] status@400[Resolved|Net|bob|3] "
	     "resolved@400[Resolved|Net|bob|3] status@500[Closed|Net|bob|3] "
	     "closed@500[Closed|Net|bob|3] ");

	/* The final state carries lost values forward. */
	const char *fin[ROTA_NFIELDS];
	rota_strbuf b = ROTA_STRBUF_INIT;
	rota_snapshot lost[] = { S(1, "Active", "A", "x", "2"), S(2, "", "B", "", "") };
	is_int(rota_snapshot_diff(lost, 2, N, N, N, &sets, show_event, &b, fin), 2, "lost: 2 events");
	is_str(fin[ROTA_F_STATUS], "Active", "final status carried");
	is_str(fin[ROTA_F_PRIORITY], "2", "final priority carried");
	is_str(fin[ROTA_F_TEAM], "B", "final team");
	is_str(fin[ROTA_F_AGENT], "", "final agent cleared");
	rota_strbuf_free(&b);
	is_int(rota_snapshot_diff(lost, 0, N, N, N, &sets, show_event, &b, NULL), 0, "no rows");
}

/* ---- imports into an in-memory store ---- */

static rota_store *store;

static int
run(int layout, const char *csv, rota_import_opts *o, rota_import_stats *st, rota_error *err)
{
	rota_import_opts def;
	if (o == NULL) {
		memset(&def, 0, sizeof def);
		o = &def;
	}
	o->layout = layout;
	memset(st, 0, sizeof *st);
	rota_error_clear(err);
	rota_import *im = rota_import_begin(store, o, err);
	if (im == NULL)
		return -1;
	rota_csv *c = rota_csv_open_mem(csv, strlen(csv), "t.csv");
	int rc = rota_import_csv(im, c, err);
	rota_csv_close(c);
	if (rc >= 0)
		rc = rota_import_finish(im, st, err);
	rota_import_free(im);
	if (rc < 0)
		rota_store_rollback(store);
	else
		rc = rota_store_commit(store, err);
	return rc;
}

/* What the tests look at, through the store's own readers. */
struct look {
	const char *kind;        /* events: only this kind (NULL: all) */
	rota_time time;          /* ... at this time (ROTA_TIME_NONE: any) */
	int n;
	rota_time min;
	rota_strbuf b;
	rota_ticket t;
	char v[ROTA_NFIELDS][64];
};

static int
look_event(const rota_event *ev, void *ctx)
{
	struct look *L = ctx;
	if ((L->kind && strcmp(rota_event_kind_name(ev->kind), L->kind) != 0) ||
	    (L->time != ROTA_TIME_NONE && ev->time != L->time))
		return 0;
	if (L->n++ == 0 || ev->time < L->min)
		L->min = ev->time;
	rota_strbuf_printf(&L->b, "%s%s@%lld", L->b.len ? " " : "", rota_event_kind_name(ev->kind),
	                   (long long)ev->time);
	return 0;
}

/* Events of ticket (NULL: all) of kind at time: their number, and "kind@time ..." */
static int
events(const char *ticket, const char *kind, rota_time time, struct look *L)
{
	rota_error err;
	rota_strbuf_free(&L->b);
	memset(L, 0, sizeof *L);
	L->kind = kind;
	L->time = time;
	rota_store_each_event(store, ticket, ROTA_TIME_MAX, look_event, L, &err);
	return L->n;
}

static int
look_ticket(const rota_ticket *t, void *ctx)
{
	struct look *L = ctx;
	L->n++;
	L->t = *t;
	for (int f = 0; f < ROTA_NFIELDS; f++)
		snprintf(L->v[f], sizeof L->v[f], "%s", t->v[f]);
	return 0;
}

static const struct look *
ticket(const char *key)
{
	static struct look L;
	rota_error err;
	memset(&L, 0, sizeof L);
	L.t.created = ROTA_TIME_NONE;
	rota_store_each_ticket(store, key, look_ticket, &L, &err);
	return &L;
}

static int
look_attr(const char *t, const char *name, const char *value, void *ctx)
{
	struct look *L = ctx;
	(void)t;
	if (strcmp(name, L->kind) == 0 && L->n++ == 0)
		snprintf(L->v[0], sizeof L->v[0], "%s", value);
	return 0;
}

static const char *
attr_value(const char *name)
{
	static struct look L;
	rota_error err;
	memset(&L, 0, sizeof L);
	L.kind = name;
	rota_store_each_attr(store, NULL, look_attr, &L, &err);
	return L.v[0];
}

static int64_t
nevents(void)
{
	rota_error err;
	return rota_store_count_events(store, &err);
}

static const char events_csv[] =
	"ticket,time,event,team\n"
	"E1,2026-03-02T08:00:00Z,created,SD\n"
	"E1,2026-03-02T08:10:00Z,note,\n"
	"E1,2026-03-02T08:10:00Z,note,\n"
	"E1,2026-03-02T09:00:00Z,assign,Net\n"
	"E2,2026-03-02T10:00:00Z,created,SD\n";

static void
test_events(void)
{
	rota_import_stats st;
	rota_error err;

	ok(run(ROTA_LAYOUT_EVENTS, events_csv, NULL, &st, &err) == 0, "events: %s", err.msg);
	is_int(st.rows, 5, "events: rows");
	is_int(st.tickets, 2, "events: tickets");
	is_int(st.tickets_new, 2, "events: new tickets");
	is_int(st.events_added, 5, "events: an identical repeat is kept");
	is_str(ticket("E1")->v[ROTA_F_TEAM], "Net", "events: current team");
	is_int(ticket("E1")->t.created, 1772438400, "events: created");

	ok(run(ROTA_LAYOUT_EVENTS, events_csv, NULL, &st, &err) == 0, "events again");
	is_int(st.events_added, 0, "events again: nothing added");
	is_int(st.tickets_new, 0, "events again: no new ticket");
	is_int(nevents(), 5, "events again: still 5");

	/* A bad row rolls the whole import back and names where it is. */
	const char *bad = "ticket,time,event\nE3,2026-03-02T11:00:00Z,created\n"
	                  "E3,2026-03-02T12:00:00Z,opened\n";
	ok(run(ROTA_LAYOUT_EVENTS, bad, NULL, &st, &err) < 0, "bad event fails");
	is_int(err.status, ROTA_EXIT_USAGE, "bad event: status 2");
	is_int(err.line, 3, "bad event: line");
	is_int(err.col, 25, "bad event: column");
	ok(strstr(err.msg, "unknown event 'opened'") != NULL, "bad event: %s", err.msg);
	is_int(ticket("E3")->n, 0, "bad event: no ticket left");
	is_int(nevents(), 5, "bad event: no event left");

	/* With skip_bad the good rows go in and the bad one is written to the rejects. */
	char *rej = NULL;
	size_t rejlen = 0;
	rota_import_opts o;
	memset(&o, 0, sizeof o);
	o.skip_bad = 1;
	o.rejects = open_memstream(&rej, &rejlen);
	ok(run(ROTA_LAYOUT_EVENTS, bad, &o, &st, &err) == 0, "skip bad");
	fclose(o.rejects);
	is_int(st.rejected, 1, "skip bad: rejected");
	is_int(st.events_added, 1, "skip bad: good row added");
	is_str(rej, "reject_file,reject_line,reject_column,reject_reason,ticket,time,event\n"
	       "t.csv,3,25,\"unknown event 'opened' in column 'event': expected one of created, "
	       "message, reply, note, status, assign, priority, resolved, closed, reopened\",E3,"
	       "2026-03-02T12:00:00Z,opened\n", "rejects file");
	free(rej);

	/* A missing required column is an error before any row. */
	ok(run(ROTA_LAYOUT_EVENTS, "ticket,when\nE9,x\n", NULL, &st, &err) < 0, "no time column");
	ok(strcmp(err.hint, "map") == 0 && strcmp(err.fix, "with {map} time=COLUMN") == 0,
	   "no time column: %s", err.msg);
	is_int(err.line, 1, "no time column: line");

	/* A field that the layout needs cannot be read from nowhere (--map FIELD=): rows
	 * would get no ticket, or events a made-up time or kind. */
	static const int needed[] = { ROTA_IN_TICKET, ROTA_IN_TIME, ROTA_IN_EVENT };
	for (size_t i = 0; i < sizeof needed / sizeof needed[0]; i++) {
		memset(&o, 0, sizeof o);
		o.map[needed[i]] = "";
		ok(run(ROTA_LAYOUT_EVENTS, events_csv, &o, &st, &err) < 0, "--map %s= fails",
		   rota_in_field_name(needed[i]));
		ok(err.status == ROTA_EXIT_USAGE && err.line == 1 && strstr(err.msg, "needs"),
		   "--map %s=: %s", rota_in_field_name(needed[i]), err.msg);
	}
	is_int(nevents(), 6, "--map FIELD=: nothing added");
	ok(rota_in_field_required(ROTA_LAYOUT_SNAPSHOTS, ROTA_IN_TIME) &&
	   !rota_in_field_required(ROTA_LAYOUT_SNAPSHOTS, ROTA_IN_EVENT) &&
	   rota_in_field_required(ROTA_LAYOUT_TICKETS, ROTA_IN_CREATED) &&
	   !rota_in_field_required(ROTA_LAYOUT_TICKETS, ROTA_IN_TIME) &&
	   !rota_in_field_required(ROTA_LAYOUT_EVENTS, ROTA_IN_TEAM), "required fields per layout");
}

static const char snap_old[] =
	"id,state,group,updated,opened\n"
	"S1,New,SD,2026-03-02 08:00,2026-03-02 07:55\n"
	"S1,Active,Net,2026-03-02 09:00,2026-03-02 07:55\n";

/* A newer export starting in the middle of S1's history, with a late row at 08:30. */
static const char snap_new[] =
	"id,state,group,updated,opened\n"
	"S1,Active,Net,2026-03-02 09:00,2026-03-02 07:55\n"
	"S1,Active,Net,2026-03-02 08:30,2026-03-02 07:55\n"
	"S1,Resolved,Net,2026-03-02 10:00,2026-03-02 07:55\n";

static void
test_snapshots(void)
{
	struct look L;
	memset(&L, 0, sizeof L);
	rota_import_stats st;
	rota_error err;
	rota_import_opts o;

	memset(&o, 0, sizeof o);
	o.map[ROTA_IN_TICKET] = "id";
	o.map[ROTA_IN_STATUS] = "state";
	o.map[ROTA_IN_TEAM] = "group";
	o.map[ROTA_IN_TIME] = "updated";
	o.map[ROTA_IN_CREATED] = "opened";
	ok(run(ROTA_LAYOUT_SNAPSHOTS, snap_old, &o, &st, &err) == 0, "snapshots: %s", err.msg);
	is_int(st.events_added, 3, "snapshots: created, status, assign");
	is_int(events(NULL, "status", 1772442000, &L), 1,
	       "snapshots: status at 09:00");
	ok(run(ROTA_LAYOUT_SNAPSHOTS, snap_old, &o, &st, &err) == 0, "snapshots again");
	is_int(st.events_added + st.events_removed + st.snapshots_added, 0, "again: no change");

	/* The late 08:30 row moves the status and assign events from 09:00 to 08:30: the
	 * ticket's events are derived again from all its snapshots. */
	ok(run(ROTA_LAYOUT_SNAPSHOTS, snap_new, &o, &st, &err) == 0, "newer export");
	is_int(st.snapshots_added, 2, "newer: two new snapshots");
	is_int(st.events_added, 4, "newer: status+assign at 08:30, status+resolved at 10:00");
	is_int(st.events_removed, 2, "newer: the 09:00 status and assign are gone");
	is_str((events("S1", NULL, ROTA_TIME_NONE, &L), rota_strbuf_str(&L.b)),
	       "created@1772438100 status@1772440200 assign@1772440200 status@1772445600 "
	       "resolved@1772445600", "newer: the merged history");
	is_str(ticket("S1")->v[ROTA_F_STATUS], "Resolved", "newer: status");
	ok(run(ROTA_LAYOUT_SNAPSHOTS, snap_new, &o, &st, &err) == 0, "newer again");
	is_int(st.events_added + st.events_removed, 0, "newer again: no change");
	ok(run(ROTA_LAYOUT_SNAPSHOTS, snap_old, &o, &st, &err) == 0, "older again");
	is_int(st.events_added + st.events_removed, 0, "the older export adds nothing now");

	/* There and back again within one minute: the ticket ends where the last row says,
	 * and a repeated import keeps every row once. */
	const char *back = "id,state,group,updated\n"
	                   "S9,New,A,2026-03-02 08:00\nS9,New,B,2026-03-02 08:00\n"
	                   "S9,New,A,2026-03-02 08:00\nS9,New,A,2026-03-02 08:00\n";
	o.map[ROTA_IN_CREATED] = "";
	ok(run(ROTA_LAYOUT_SNAPSHOTS, back, &o, &st, &err) == 0, "A B A: %s", err.msg);
	is_int(st.snapshots_added, 4, "A B A A: four rows");
	is_int(st.events_added, 3, "A B A: created, assign B, assign A");
	is_str(ticket("S9")->v[ROTA_F_TEAM], "A", "A B A ends at A");
	ok(run(ROTA_LAYOUT_SNAPSHOTS, back, &o, &st, &err) == 0, "A B A again");
	is_int(st.snapshots_added + st.events_added + st.events_removed, 0, "A B A again: nothing");
	rota_strbuf_free(&L.b);
}

static void
test_tickets(void)
{
	struct look L;
	memset(&L, 0, sizeof L);
	rota_import_stats st;
	rota_error err;
	rota_import_attr attr = { "tier", "tier" };
	rota_import_opts o;

	memset(&o, 0, sizeof o);
	o.attrs = &attr;
	o.nattrs = 1;
	const char *v1 = "ticket,created,first_reply,resolved,tier\n"
	                 "K1,2026-03-02T08:00:00Z,,,gold\n";
	const char *v2 = "ticket,created,first_reply,resolved,tier\n"
	                 "K1,2026-03-02T08:00:00Z,2026-03-02T08:30:00Z,2026-03-02T09:00:00Z,silver\n";
	ok(run(ROTA_LAYOUT_TICKETS, v1, &o, &st, &err) == 0, "tickets: %s", err.msg);
	is_int(st.events_added, 1, "tickets: created");
	ok(run(ROTA_LAYOUT_TICKETS, v2, &o, &st, &err) == 0, "tickets newer");
	is_int(st.events_added, 2, "tickets newer: reply and resolved");
	is_int(st.events_removed, 0, "tickets newer: nothing removed");
	is_str(attr_value("tier"), "silver", "attr updated");
	ok(run(ROTA_LAYOUT_TICKETS, v2, &o, &st, &err) == 0, "tickets newer again");
	is_int(st.events_added + st.events_removed, 0, "tickets again: no change");

	/* A reply stamped before the creation counts at the creation. */
	const char *early = "ticket,created,first_reply\nK4,2026-03-02T08:00:00Z,2026-03-02T07:00:00Z\n";
	ok(run(ROTA_LAYOUT_TICKETS, early, NULL, &st, &err) == 0, "early reply");
	is_int((events("K4", "reply", ROTA_TIME_NONE, &L), L.min), 1772438400, "early reply clamped");

	memset(&o, 0, sizeof o);
	o.map[ROTA_IN_CREATED] = "";
	ok(run(ROTA_LAYOUT_TICKETS, v2, &o, &st, &err) < 0 && strcmp(err.fix, "{map} created=") == 0,
	   "tickets: --map created= fails: %s", err.msg);

	const char *dup = "ticket,created\nK5,2026-03-02T08:00:00Z\nK5,2026-03-02T08:00:00Z\n";
	ok(run(ROTA_LAYOUT_TICKETS, dup, NULL, &st, &err) < 0, "a ticket twice fails");
	ok(strstr(err.msg, "line 2") != NULL, "twice: names the first line: %s", err.msg);
	is_int(err.line, 3, "twice: line");
	rota_strbuf_free(&L.b);
}

/* With room for two counters in memory, the rest go to the store's scratch table: the
 * same answers as with all in memory (repeats kept, a second import adds nothing, a
 * ticket twice names its first line). */
static void
test_spill(void)
{
	rota_import_stats st;
	rota_error err;
	rota_import_opts o;
	static const char csv[] =
		"ticket,time,event,team\n"
		"S1,2026-03-02T08:00:00Z,note,\n"
		"S2,2026-03-02T08:00:00Z,note,\n"
		"S3,2026-03-02T08:00:00Z,note,\n"
		"S1,2026-03-02T08:00:00Z,note,\n"
		"S4,2026-03-02T08:00:00Z,note,\n"
		"S5,2026-03-02T08:00:00Z,note,\n"
		"S1,2026-03-02T08:00:00Z,note,\n"
		"S2,2026-03-02T08:00:00Z,note,\n";
	int before = nevents();

	memset(&o, 0, sizeof o);
	o.memory_keys = 2;
	ok(run(ROTA_LAYOUT_EVENTS, csv, &o, &st, &err) == 0, "spill: %s", err.msg);
	is_int(st.events_added, 8, "spill: every repeat kept");
	is_int(st.tickets, 5, "spill: tickets");
	ok(run(ROTA_LAYOUT_EVENTS, csv, &o, &st, &err) == 0, "spill again: %s", err.msg);
	is_int(st.events_added, 0, "spill again: nothing added");
	memset(&o, 0, sizeof o);
	ok(run(ROTA_LAYOUT_EVENTS, csv, &o, &st, &err) == 0, "in memory: %s", err.msg);
	is_int(st.events_added, 0, "in memory after spill: the same identities");
	is_int(nevents(), before + 8, "spill: 8 events");

	static const char dup[] = "ticket,created\nT1,2026-03-02T08:00:00Z\nT2,2026-03-02T08:00:00Z\n"
		"T3,2026-03-02T08:00:00Z\nT4,2026-03-02T08:00:00Z\nT1,2026-03-02T09:00:00Z\n";
	memset(&o, 0, sizeof o);
	o.memory_keys = 2;
	ok(run(ROTA_LAYOUT_TICKETS, dup, &o, &st, &err) < 0, "spill: a ticket twice fails");
	ok(strstr(err.msg, "line 2") != NULL, "spill: names the first line: %s", err.msg);
	is_int(err.line, 6, "spill: line");
}

int
main(void)
{
	rota_error err;
	test_differ();
	store = rota_store_open(":memory:", ROTA_STORE_CREATE, 0, &err);
	if (!ok(store != NULL, "memory store"))
		return tap_done();
	test_events();
	test_snapshots();
	test_tickets();
	test_spill();
	rota_store_close(store);
	rota_tz_cache_free();
	return tap_done();
}
