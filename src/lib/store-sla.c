/* The store's stream of ticket histories for the SLA/OLA clocks: one ticket at a time,
 * in key order, its events and attributes as of a moment.
 *
 * A walk over every ticket merges two cursors that are both in key order (events, and
 * attributes), so that a million tickets cost two scans and no query per ticket; a walk
 * over few tickets (one key, open tickets only) looks each ticket's attributes up by
 * its handle instead.  Strings are copied once per ticket into one buffer (a field equal
 * to the one of the event before is not copied again) and the pointers are set when the
 * ticket is complete, since the buffer may move while it grows. */
#include <config.h>
#include <stdlib.h>
#include <string.h>
#include <sqlite3.h>
#include <rota/rota.h>
#include <rota/store.h>
#include "store-int.h"

/* The unique index events(ticket_id, time, kind, status, ..., ord) holds every column
 * read here (and the rowid), so a walk never visits the table itself; it orders a
 * ticket's events by time, and ties (by kind, ...) are put back in insertion order by
 * add_event. */
#define EV_COLS "t.id, t.key, e.time, e.kind, e.status, e.team, e.priority, e.agent," \
	" e.queue, e.channel, e.customer_tz, e.ord, e.id"
#define EV_FROM " FROM tickets t JOIN events e ON e.ticket_id = t.id"
#define EV_ORDER " ORDER BY t.key, e.time"

static const char sql_ev_all[] =
	"SELECT " EV_COLS EV_FROM " WHERE e.time <= ?1" EV_ORDER;
static const char sql_ev_key[] =
	"SELECT " EV_COLS EV_FROM " WHERE t.key = ?2 AND e.time <= ?1" EV_ORDER;
/* Materialized, so that the few open tickets come from the closed_at index (and are
 * sorted) rather than the planner walking every ticket in key order to spare a sort. */
static const char sql_ev_open[] =
	"WITH o(id, key) AS MATERIALIZED (SELECT id, key FROM tickets"
	"  WHERE closed_at IS NULL OR closed_at > ?1)"
	" SELECT " EV_COLS " FROM o t JOIN events e ON e.ticket_id = t.id"
	" WHERE e.time <= ?1" EV_ORDER;
/* The same with the tickets whose last closing is after ?2 (ROTA_HISTORY_SINCE). */
static const char sql_ev_open_since[] =
	"WITH o(id, key) AS MATERIALIZED (SELECT id, key FROM tickets"
	"  WHERE closed_at IS NULL OR closed_at > min(?1, ?2))"
	" SELECT " EV_COLS " FROM o t JOIN events e ON e.ticket_id = t.id"
	" WHERE e.time <= ?1" EV_ORDER;
static const char sql_ev_key_open[] =
	"SELECT " EV_COLS EV_FROM " WHERE t.key = ?2 AND (t.closed_at IS NULL OR"
	" t.closed_at > ?1) AND e.time <= ?1" EV_ORDER;
static const char sql_attr_all[] =
	"SELECT t.key, a.name, a.value FROM tickets t JOIN ticket_attrs a ON a.ticket_id = t.id"
	" WHERE a.time <= ?1 ORDER BY t.key, a.name";
/* Most stores have no attributes: then no walk looks for them, per ticket or merged. */
static const char sql_attr_any[] =
	"SELECT EXISTS (SELECT 1 FROM ticket_attrs WHERE time <= ?1)";
static const char sql_attr_one[] =
	"SELECT name, value FROM ticket_attrs WHERE ticket_id = ?1 AND time <= ?2 ORDER BY name";

struct walk {
	rota_store *s;
	rota_time at, since;
	unsigned flags;
	int no_attrs;            /* the store has none as of `at` */
	sqlite3_stmt *attr_all;  /* merge cursor, or NULL: look attributes up per ticket */
	int attr_rc;             /* its last step */
	char *text;
	size_t ntext, captext;
	rota_event *ev;
	int64_t *evid;
	size_t (*evoff)[ROTA_NFIELDS];
	size_t nev, capev, capevid, capevoff;
	rota_attr *attrs;
	size_t (*aoff)[2];
	size_t nattrs, capattrs, capaoff;
	int64_t id;
};

/* p with room for need elements; twice as much, so that growing is amortized. */
static void *
reserve(void *p, size_t *cap, size_t need, size_t size)
{
	if (need > *cap) {
		*cap = need < 16 ? 16 : 2 * need;
		p = rota_xreallocarray(p, *cap, size);
	}
	return p;
}

static size_t
put_text(struct walk *w, const char *s, size_t len)
{
	w->text = reserve(w->text, &w->captext, w->ntext + len + 1, 1);
	size_t off = w->ntext;
	memcpy(w->text + off, s, len);
	w->text[off + len] = '\0';
	w->ntext += len + 1;
	return off;
}

static size_t
put_col(struct walk *w, sqlite3_stmt *st, int i)
{
	const char *s = (const char *)sqlite3_column_text(st, i);
	return put_text(w, s ? s : "", s ? (size_t)sqlite3_column_bytes(st, i) : 0);
}

static void
add_attr(struct walk *w, sqlite3_stmt *st, int first)
{
	w->aoff = reserve(w->aoff, &w->capaoff, w->nattrs + 1, sizeof w->aoff[0]);
	w->aoff[w->nattrs][0] = put_col(w, st, first);
	w->aoff[w->nattrs][1] = put_col(w, st, first + 1);
	w->nattrs++;
}

static int
gather_attrs(struct walk *w, rota_error *err)
{
	if (w->no_attrs)
		return 0;
	if (w->attr_all) {
		int c = -1;
		/* Attributes of tickets without events at or before `at` are passed over.  The
		 * key is at offset 0 of the text, which moves as attributes are added. */
		while (w->attr_rc == SQLITE_ROW &&
		       (c = strcmp(store_text(w->attr_all, 0), w->text)) <= 0) {
			if (c == 0)
				add_attr(w, w->attr_all, 1);
			w->attr_rc = sqlite3_step(w->attr_all);
		}
		if (w->attr_rc != SQLITE_ROW && w->attr_rc != SQLITE_DONE)
			return store_fail(w->s, err, "reading ticket attributes");
		return 0;
	}
	sqlite3_stmt *st = store_stmt(w->s, sql_attr_one, err);
	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, w->id);
	sqlite3_bind_int64(st, 2, w->at);
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		add_attr(w, st, 0);
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? 0 : store_fail(w->s, err, "reading ticket attributes");
}

/* Closed from a resolved or closed event until a reopened one; with since, also a
 * ticket whose closing came after since (it was open in between). */
static int
is_open(const rota_event *ev, size_t nev, int with_since, rota_time since)
{
	for (size_t i = nev; i-- > 0;) {
		int k = ev[i].kind;
		if (k == ROTA_EVENT_RESOLVED || k == ROTA_EVENT_CLOSED) {
			if (!with_since)
				return 0;
			/* It closed at the first closing event after the last reopening. */
			rota_time closed = ev[i].time;
			for (size_t j = i; j-- > 0 && ev[j].kind != ROTA_EVENT_REOPENED;)
				if (ev[j].kind == ROTA_EVENT_RESOLVED || ev[j].kind == ROTA_EVENT_CLOSED)
					closed = ev[j].time;
			return closed > since;
		}
		if (k == ROTA_EVENT_REOPENED)
			return 1;
	}
	return 1;
}

static int
flush(struct walk *w, int (*cb)(const rota_history *h, void *ctx), void *ctx,
      rota_error *err)
{
	if (w->nev == 0)
		return 0;
	if (gather_attrs(w, err) < 0)
		return -1;
	for (size_t i = 0; i < w->nev; i++) {
		w->ev[i].ticket = w->text;
		for (int f = 0; f < ROTA_NFIELDS; f++)
			w->ev[i].v[f] = w->text + w->evoff[i][f];
	}
	w->attrs = reserve(w->attrs, &w->capattrs, w->nattrs, sizeof w->attrs[0]);
	for (size_t i = 0; i < w->nattrs; i++) {
		w->attrs[i].name = w->text + w->aoff[i][0];
		w->attrs[i].value = w->text + w->aoff[i][1];
	}
	int r = 0;
	if (!(w->flags & ROTA_HISTORY_OPEN) ||
	    is_open(w->ev, w->nev, (w->flags & ROTA_HISTORY_SINCE) != 0, w->since)) {
		rota_history h = { w->text, w->ev, w->nev, w->attrs, w->nattrs };
		r = cb(&h, ctx);
	}
	w->nev = w->nattrs = w->ntext = 0;
	return r;
}

static void
add_event(struct walk *w, sqlite3_stmt *st)
{
	w->ev = reserve(w->ev, &w->capev, w->nev + 1, sizeof w->ev[0]);
	w->evoff = reserve(w->evoff, &w->capevoff, w->nev + 1, sizeof w->evoff[0]);
	w->evid = reserve(w->evid, &w->capevid, w->nev + 1, sizeof w->evid[0]);
	rota_event *ev = &w->ev[w->nev];
	ev->time = sqlite3_column_int64(st, 2);
	ev->kind = rota_event_kind_parse(store_text(st, 3));
	ev->ord = sqlite3_column_int(st, 11);
	for (int f = 0; f < ROTA_NFIELDS; f++) {
		const char *s = (const char *)sqlite3_column_text(st, 4 + f);
		size_t len = s ? (size_t)sqlite3_column_bytes(st, 4 + f) : 0;
		size_t prev = w->nev ? w->evoff[w->nev - 1][f] : 0;
		if (w->nev && strlen(w->text + prev) == len && memcmp(w->text + prev, s, len) == 0)
			w->evoff[w->nev][f] = prev;
		else
			w->evoff[w->nev][f] = put_text(w, s ? s : "", len);
	}
	w->evid[w->nev] = sqlite3_column_int64(st, 12);
	/* Events at one instant come by kind and state: back into insertion order. */
	for (size_t i = w->nev; i > 0 && w->ev[i - 1].time == w->ev[i].time &&
	     w->evid[i - 1] > w->evid[i]; i--) {
		rota_event te = w->ev[i];
		w->ev[i] = w->ev[i - 1];
		w->ev[i - 1] = te;
		int64_t ti = w->evid[i];
		w->evid[i] = w->evid[i - 1];
		w->evid[i - 1] = ti;
		size_t to[ROTA_NFIELDS];
		memcpy(to, w->evoff[i], sizeof to);
		memcpy(w->evoff[i], w->evoff[i - 1], sizeof to);
		memcpy(w->evoff[i - 1], to, sizeof to);
	}
	w->nev++;
}

int
rota_store_each_history(rota_store *s, const rota_history_filter *f,
                        int (*cb)(const rota_history *h, void *ctx), void *ctx,
                        rota_error *err)
{
	if (s->empty)
		return 0;
	/* Open only: tickets.closed_at (store.h) leaves out what was closed at `at` and
	 * still is; a ticket closed later may have been closed at `at` as well, which the
	 * events up to `at` tell (is_open).  Exact for any `at`; fastest for now. */
	int open = (f->flags & ROTA_HISTORY_OPEN) != 0;
	int since = open && (f->flags & ROTA_HISTORY_SINCE) != 0;
	const char *sql = f->key ? (open && !since ? sql_ev_key_open : sql_ev_key)
	                         : (since ? sql_ev_open_since : open ? sql_ev_open : sql_ev_all);
	struct walk w = { .s = s, .at = f->at, .since = f->since, .flags = f->flags };
	/* A walk reads the index pages in key order, not file order: mapped, they cost no
	 * read call each.  Advisory: SQLite may keep its own size. */
	sqlite3_exec(s->db, "PRAGMA mmap_size = 4294967296", NULL, NULL, NULL);
	sqlite3_stmt *any = store_stmt(s, sql_attr_any, err);
	if (any == NULL)
		return -1;
	sqlite3_bind_int64(any, 1, f->at);
	if (sqlite3_step(any) != SQLITE_ROW) {
		sqlite3_reset(any);
		return store_fail(s, err, "reading ticket attributes");
	}
	w.no_attrs = sqlite3_column_int(any, 0) == 0;
	sqlite3_reset(any);
	/* The attribute cursor takes its own statement: the event cursor stays open. */
	if (f->key == NULL && !open && !w.no_attrs) {
		if ((w.attr_all = store_stmt(s, sql_attr_all, err)) == NULL)
			return -1;
		sqlite3_bind_int64(w.attr_all, 1, f->at);
		w.attr_rc = sqlite3_step(w.attr_all);
	}
	sqlite3_stmt *st = store_stmt(s, sql, err);
	if (st == NULL) {
		if (w.attr_all)
			sqlite3_reset(w.attr_all);
		return -1;
	}
	sqlite3_bind_int64(st, 1, f->at);
	if (f->key)
		sqlite3_bind_text(st, 2, f->key, -1, SQLITE_TRANSIENT);
	else if (since)
		sqlite3_bind_int64(st, 2, f->since);
	int rc, r = 0;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		int64_t id = sqlite3_column_int64(st, 0);
		if (w.nev && id != w.id && (r = flush(&w, cb, ctx, err)) != 0)
			break;
		if (w.nev == 0) {
			w.id = id;
			put_col(&w, st, 1);
		}
		add_event(&w, st);
	}
	if (r == 0 && rc == SQLITE_DONE)
		r = flush(&w, cb, ctx, err);
	else if (r == 0)
		r = store_fail(s, err, "reading ticket histories");
	sqlite3_reset(st);
	if (w.attr_all)
		sqlite3_reset(w.attr_all);
	free(w.text);
	free(w.ev);
	free(w.evoff);
	free(w.evid);
	free(w.attrs);
	free(w.aoff);
	return r;
}
