/* The store's stream of ticket histories for the SLA/OLA clocks: one ticket at a time,
 * in key order, its events and attributes as of a moment.
 *
 * A walk over every ticket (or a range of keys: a thread's share) merges two cursors
 * that are both in key order (events, and attributes), so that a million tickets cost
 * two scans and no query per ticket; a walk over few tickets (one key, open tickets
 * only, a list of keys) reads the tickets first and then each one's events and
 * attributes by its id.  Strings are copied once per ticket into one buffer (a field equal
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

/* The whole walk, or the keys in [?2, ?3) (a thread's share), in one scan. */
#define FROM_KEY " AND t.key >= ?2"
#define TO_KEY " AND t.key < ?3"
#define EV_ALL "SELECT " EV_COLS EV_FROM " WHERE e.time <= ?1"
static const char sql_ev_all[] = EV_ALL EV_ORDER;
static const char sql_ev_from[] = EV_ALL FROM_KEY EV_ORDER;
static const char sql_ev_to[] = EV_ALL TO_KEY EV_ORDER;
static const char sql_ev_range[] = EV_ALL FROM_KEY TO_KEY EV_ORDER;
static const char sql_ev_key[] =
	"SELECT " EV_COLS EV_FROM " WHERE t.key = ?2 AND e.time <= ?1" EV_ORDER;
static const char sql_ev_key_open[] =
	"SELECT " EV_COLS EV_FROM " WHERE t.key = ?2 AND (t.closed_at IS NULL OR"
	" t.closed_at > ?1) AND e.time <= ?1" EV_ORDER;
/* Few tickets (open ones, a list of keys): first the tickets, then each one's events
 * from the covering index, so that no other ticket's events are touched and nothing is
 * sorted but the open tickets' keys.  The open ones come from the closed_at index:
 * `+key` keeps the planner from walking every ticket in key order to spare that sort
 * (a million table lookups for 50,000 open tickets). */
static const char sql_open[] =
	"SELECT id, key FROM tickets WHERE closed_at IS NULL OR closed_at > ?1 ORDER BY +key";
/* The same with the tickets whose last closing is after ?2 (ROTA_HISTORY_SINCE). */
static const char sql_open_since[] =
	"SELECT id, key FROM tickets WHERE closed_at IS NULL OR closed_at > min(?1, ?2)"
	" ORDER BY +key";
static const char sql_by_key[] =
	"SELECT id, key FROM tickets WHERE key = ?1";
/* One ticket's events, in the columns of EV_COLS from e.time on. */
static const char sql_ev_one[] =
	"SELECT e.time, e.kind, e.status, e.team, e.priority, e.agent, e.queue,"
	" e.channel, e.customer_tz, e.ord, e.id FROM events e"
	" WHERE e.ticket_id = ?1 AND e.time <= ?2 ORDER BY e.time";
/* Every n-th key: OFFSET skips rows inside SQLite, without producing them. */
static const char sql_key_first[] =
	"SELECT key, id FROM tickets ORDER BY key LIMIT 1";
static const char sql_key_from[] =
	"SELECT key, id FROM tickets WHERE key >= ?1 ORDER BY key LIMIT 1";
static const char sql_key_next[] =
	"SELECT key, id FROM tickets WHERE key > ?1 ORDER BY key LIMIT 1 OFFSET ?2";
#define ATTR_ALL "SELECT t.key, a.name, a.value FROM tickets t" \
	" JOIN ticket_attrs a ON a.ticket_id = t.id WHERE a.time <= ?1"
#define ATTR_ORDER " ORDER BY t.key, a.name"
static const char sql_attr_all[] = ATTR_ALL ATTR_ORDER;
static const char sql_attr_from[] = ATTR_ALL FROM_KEY ATTR_ORDER;
static const char sql_attr_to[] = ATTR_ALL TO_KEY ATTR_ORDER;
static const char sql_attr_range[] = ATTR_ALL FROM_KEY TO_KEY ATTR_ORDER;
/* Most stores have no attributes: then no walk looks for them, per ticket or merged. */
static const char sql_data_version[] = "PRAGMA data_version";
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

/* The event in st's columns from c on: time, kind, the fields, ord and id. */
static void
add_event(struct walk *w, sqlite3_stmt *st, int c)
{
	w->ev = reserve(w->ev, &w->capev, w->nev + 1, sizeof w->ev[0]);
	w->evoff = reserve(w->evoff, &w->capevoff, w->nev + 1, sizeof w->evoff[0]);
	w->evid = reserve(w->evid, &w->capevid, w->nev + 1, sizeof w->evid[0]);
	rota_event *ev = &w->ev[w->nev];
	ev->time = sqlite3_column_int64(st, c);
	ev->kind = rota_event_kind_parse(store_text(st, c + 1));
	ev->ord = sqlite3_column_int(st, c + 9);
	/* strlen rather than sqlite3_column_bytes: the fields are C strings to every reader
	 * anyway, and it spares an API call per column of 3 million rows. */
	for (int f = 0; f < ROTA_NFIELDS; f++) {
		const char *s = (const char *)sqlite3_column_text(st, c + 2 + f);
		size_t len = s ? strlen(s) : 0;
		size_t prev = w->nev ? w->evoff[w->nev - 1][f] : 0;
		if (w->nev && strncmp(w->text + prev, s ? s : "", len) == 0 &&
		    w->text[prev + len] == '\0')
			w->evoff[w->nev][f] = prev;
		else
			w->evoff[w->nev][f] = put_text(w, s ? s : "", len);
	}
	w->evid[w->nev] = sqlite3_column_int64(st, c + 10);
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

/* Step st (rows in the columns of EV_COLS, by ticket) to its end, a ticket at a time. */
static int
walk_rows(struct walk *w, sqlite3_stmt *st, int (*cb)(const rota_history *h, void *ctx),
          void *ctx, rota_error *err)
{
	int rc, r = 0;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		int64_t id = sqlite3_column_int64(st, 0);
		if (w->nev && id != w->id && (r = flush(w, cb, ctx, err)) != 0)
			break;
		if (w->nev == 0) {
			w->id = id;
			put_col(w, st, 1);
		}
		add_event(w, st, 2);
	}
	if (r == 0 && rc == SQLITE_DONE)
		r = flush(w, cb, ctx, err);
	else if (r == 0)
		r = store_fail(w->s, err, "reading ticket histories");
	sqlite3_reset(st);
	return r;
}

/* One ticket's history by its id. */
static int
walk_one(struct walk *w, int64_t id, const char *key,
         int (*cb)(const rota_history *h, void *ctx), void *ctx, rota_error *err)
{
	sqlite3_stmt *st = store_stmt(w->s, sql_ev_one, err);
	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_int64(st, 2, w->at);
	w->id = id;
	put_text(w, key, strlen(key));
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		add_event(w, st, 0);
	sqlite3_reset(st);
	if (rc != SQLITE_DONE) {
		w->nev = w->nattrs = w->ntext = 0;
		return store_fail(w->s, err, "reading ticket histories");
	}
	if (w->nev == 0) {
		w->ntext = 0;
		return 0;
	}
	return flush(w, cb, ctx, err);
}

/* Keys compare as SQLite's BINARY collation does (bytes, then length), as strcmp does. */
static int
in_range(const rota_history_filter *f, const char *key)
{
	return (f->from_key == NULL || strcmp(key, f->from_key) >= 0) &&
	       (f->to_key == NULL || strcmp(key, f->to_key) < 0);
}

static void
bind_range(sqlite3_stmt *st, const rota_history_filter *f)
{
	if (f->from_key)
		sqlite3_bind_text(st, 2, f->from_key, -1, SQLITE_STATIC);
	if (f->to_key)
		sqlite3_bind_text(st, 3, f->to_key, -1, SQLITE_STATIC);
}

/* The open tickets (sql_open, or sql_open_since with since), the given keys, or NULL:
 * every ticket in one scan. */
static const char *
ticket_sql(const rota_history_filter *f)
{
	if (!(f->flags & ROTA_HISTORY_OPEN))
		return NULL;
	return f->flags & ROTA_HISTORY_SINCE ? sql_open_since : sql_open;
}

static sqlite3_stmt *
tickets_stmt(rota_store *s, const char *sql, const rota_history_filter *f, rota_error *err)
{
	sqlite3_stmt *st = store_stmt(s, sql, err);
	if (st) {
		sqlite3_bind_int64(st, 1, f->at);
		if (sql == sql_open_since)
			sqlite3_bind_int64(st, 2, f->since);
	}
	return st;
}

/* Ticket by ticket: the keys listed, or the open tickets. */
static int
walk_tickets(struct walk *w, const rota_history_filter *f,
             int (*cb)(const rota_history *h, void *ctx), void *ctx, rota_error *err)
{
	if (f->keys) {
		for (size_t i = 0; i < f->nkeys; i++) {
			if (!in_range(f, f->keys[i]))
				continue;
			int r;
			if (f->ids) {
				if ((r = walk_one(w, f->ids[i], f->keys[i], cb, ctx, err)) != 0)
					return r;
				continue;
			}
			sqlite3_stmt *st = store_stmt(w->s, sql_by_key, err);
			if (st == NULL)
				return -1;
			sqlite3_bind_text(st, 1, f->keys[i], -1, SQLITE_STATIC);
			int rc = sqlite3_step(st);
			r = 0;
			if (rc == SQLITE_ROW)
				r = walk_one(w, sqlite3_column_int64(st, 0), f->keys[i], cb, ctx, err);
			else if (rc != SQLITE_DONE)
				r = store_fail(w->s, err, "reading ticket histories");
			sqlite3_reset(st);
			if (r != 0)
				return r;
		}
		return 0;
	}
	sqlite3_stmt *t = tickets_stmt(w->s, ticket_sql(f), f, err);
	if (t == NULL)
		return -1;
	int rc, r = 0;
	while ((rc = sqlite3_step(t)) == SQLITE_ROW) {
		const char *key = store_text(t, 1);
		if (in_range(f, key) &&
		    (r = walk_one(w, sqlite3_column_int64(t, 0), key, cb, ctx, err)) != 0)
			break;
	}
	if (r == 0 && rc != SQLITE_DONE)
		r = store_fail(w->s, err, "reading ticket histories");
	sqlite3_reset(t);
	return r;
}

int
rota_store_each_ticket_key(rota_store *s, const rota_history_filter *f, size_t every,
                           int (*cb)(const char *key, int64_t id, void *ctx), void *ctx,
                           rota_error *err)
{
	if (s->empty)
		return 0;
	if (every < 1)
		every = 1;
	const char *sql = ticket_sql(f);
	int rc, r = 0;
	if (sql) {
		sqlite3_stmt *st = tickets_stmt(s, sql, f, err);
		if (st == NULL)
			return -1;
		for (size_t i = 0; r == 0 && (rc = sqlite3_step(st)) == SQLITE_ROW;) {
			const char *key = store_text(st, 1);
			if (in_range(f, key) && i++ % every == 0)
				r = cb(key, sqlite3_column_int64(st, 0), ctx);
		}
		if (r == 0 && rc != SQLITE_DONE)
			r = store_fail(s, err, "reading ticket keys");
		sqlite3_reset(st);
		return r;
	}
	/* Each key found is the bound of the next query: copied, since the step after it
	 * frees its text. */
	char *prev = NULL;
	sqlite3_stmt *st = store_stmt(s, f->from_key ? sql_key_from : sql_key_first, err);
	if (st && f->from_key)
		sqlite3_bind_text(st, 1, f->from_key, -1, SQLITE_STATIC);
	while (st && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *key = store_text(st, 0);
		if (f->to_key && strcmp(key, f->to_key) >= 0)
			break;
		char *k = rota_xstrdup(key);
		int64_t id = sqlite3_column_int64(st, 1);
		sqlite3_reset(st);
		free(prev);
		prev = k;
		if ((r = cb(k, id, ctx)) != 0)
			break;
		if ((st = store_stmt(s, sql_key_next, err)) == NULL)
			break;
		sqlite3_bind_text(st, 1, prev, -1, SQLITE_STATIC);
		sqlite3_bind_int64(st, 2, (sqlite3_int64)(every - 1));
	}
	if (st == NULL)
		r = -1;
	else if (r == 0 && rc != SQLITE_DONE && rc != SQLITE_ROW)
		r = store_fail(s, err, "reading ticket keys");
	if (st)
		sqlite3_reset(st);
	free(prev);
	return r;
}

rota_store *
rota_store_reader(rota_store *s, rota_error *err)
{
	/* A memory database or one being built is this connection's alone, and an open
	 * transaction holds what no other connection would see. */
	if (s->empty || s->tmp || s->in_tx || strcmp(s->path, ":memory:") == 0 ||
	    strncmp(s->path, "file:", 5) == 0) {
		rota_error_set(err, ROTA_EXIT_RUNTIME, s->path, 0, 0,
		               "the database cannot be read through a second connection");
		return NULL;
	}
	return rota_store_open(s->path, ROTA_STORE_READONLY, s->busy_ms, err);
}

/* Whether the store has no attributes as of at.  A run in threads asks once per share:
 * the answer is kept while nothing changed (data_version counts the commits of other
 * connections, total_changes this one's), since without an index on time the question
 * may scan the whole table. */
static int
attrs_none(rota_store *s, rota_time at, int *none, rota_error *err)
{
	sqlite3_stmt *dv = store_stmt(s, sql_data_version, err);
	if (dv == NULL)
		return -1;
	int64_t v = sqlite3_step(dv) == SQLITE_ROW ? sqlite3_column_int64(dv, 0) : -1;
	sqlite3_reset(dv);
	int64_t changes = sqlite3_total_changes(s->db);
	if (v >= 0 && s->attrs_known && s->attrs_at == at && s->attrs_dv == v &&
	    s->attrs_changes == changes) {
		*none = s->attrs_none;
		return 0;
	}
	sqlite3_stmt *any = store_stmt(s, sql_attr_any, err);
	if (any == NULL)
		return -1;
	sqlite3_bind_int64(any, 1, at);
	if (sqlite3_step(any) != SQLITE_ROW) {
		sqlite3_reset(any);
		return store_fail(s, err, "reading ticket attributes");
	}
	*none = sqlite3_column_int(any, 0) == 0;
	sqlite3_reset(any);
	s->attrs_known = v >= 0;
	s->attrs_at = at;
	s->attrs_dv = v;
	s->attrs_changes = changes;
	s->attrs_none = *none;
	return 0;
}

int
rota_store_each_history(rota_store *s, const rota_history_filter *f,
                        int (*cb)(const rota_history *h, void *ctx), void *ctx,
                        rota_error *err)
{
	if (s->empty)
		return 0;
	if (f->key && !in_range(f, f->key))
		return 0;
	/* Open only: tickets.closed_at (store.h) leaves out what was closed at `at` and
	 * still is; a ticket closed later may have been closed at `at` as well, which the
	 * events up to `at` tell (is_open).  Exact for any `at`; fastest for now.  A list
	 * of keys is judged by is_open alone. */
	int open = (f->flags & ROTA_HISTORY_OPEN) != 0;
	int since = open && (f->flags & ROTA_HISTORY_SINCE) != 0;
	int per_ticket = f->key == NULL && (f->keys || open);
	const char *sql = f->key ? (open && !since ? sql_ev_key_open : sql_ev_key)
	                : f->from_key ? (f->to_key ? sql_ev_range : sql_ev_from)
	                : f->to_key ? sql_ev_to : sql_ev_all;
	struct walk w = { .s = s, .at = f->at, .since = f->since, .flags = f->flags };
	/* A walk reads the index pages in key order, not file order: mapped, they cost no
	 * read call each.  Advisory: SQLite may keep its own size. */
	sqlite3_exec(s->db, "PRAGMA mmap_size = 4294967296", NULL, NULL, NULL);
	if (attrs_none(s, f->at, &w.no_attrs, err) < 0)
		return -1;
	int r;
	if (per_ticket) {
		r = walk_tickets(&w, f, cb, ctx, err);
		goto done;
	}
	/* The attribute cursor takes its own statement: the event cursor stays open. */
	if (f->key == NULL && !w.no_attrs) {
		const char *asql = f->from_key ? (f->to_key ? sql_attr_range : sql_attr_from)
		                 : f->to_key ? sql_attr_to : sql_attr_all;
		if ((w.attr_all = store_stmt(s, asql, err)) == NULL)
			return -1;
		sqlite3_bind_int64(w.attr_all, 1, f->at);
		bind_range(w.attr_all, f);
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
	else
		bind_range(st, f);
	r = walk_rows(&w, st, cb, ctx, err);
	if (w.attr_all)
		sqlite3_reset(w.attr_all);
done:
	free(w.text);
	free(w.ev);
	free(w.evoff);
	free(w.evid);
	free(w.attrs);
	free(w.aoff);
	return r;
}
