/* The store's readers: walks over tickets, events, snapshots, attributes and the imports
 * log, each ordered so that its output is the same on every run. */
#include <config.h>
#include <string.h>
#include <sqlite3.h>
#include <rota/rota.h>
#include <rota/store.h>
#include "store-int.h"

static void
bind_key(sqlite3_stmt *st, int i, const char *key)
{
	if (key)
		sqlite3_bind_text(st, i, key, -1, SQLITE_TRANSIENT);
}

/* The statement of a walk, reset; NULL with *r 0 for an empty new database (nothing to
 * walk), -1 on failure. */
static sqlite3_stmt *
walk_begin(rota_store *s, const char *sql, int *r, rota_error *err)
{
	*r = 0;
	if (s->empty)
		return NULL;
	sqlite3_stmt *st = store_stmt(s, sql, err);
	if (st == NULL)
		*r = -1;
	return st;
}

/* The end of a walk: the callback's stop value, or the store's failure. */
static int
walk_end(rota_store *s, sqlite3_stmt *st, int rc, int r, const char *what, rota_error *err)
{
	if (r == 0 && rc != SQLITE_DONE && rc != SQLITE_ROW)
		r = store_fail(s, err, what);
	sqlite3_reset(st);
	return r;
}

static void
read_state(sqlite3_stmt *st, int first, const char *v[ROTA_NFIELDS])
{
	for (int f = 0; f < ROTA_NFIELDS; f++)
		v[f] = store_text(st, first + f);
}

int
rota_store_each_event(rota_store *s, const char *ticket, rota_time until,
                      int (*cb)(const rota_event *ev, void *ctx), void *ctx, rota_error *err)
{
	static const char sql[] =
		"SELECT t.key, e.time, e.kind, e.status, e.team, e.priority, e.agent, e.queue,"
		"       e.channel, e.customer_tz, e.ord"
		"  FROM events e JOIN tickets t ON t.id = e.ticket_id"
		" WHERE (?1 IS NULL OR t.key = ?1) AND e.time <= ?2"
		" ORDER BY t.key, e.time, e.id";
	int rc, r;
	sqlite3_stmt *st = walk_begin(s, sql, &r, err);
	if (st == NULL)
		return r;
	bind_key(st, 1, ticket);
	sqlite3_bind_int64(st, 2, until);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		rota_event ev;
		ev.ticket = store_text(st, 0);
		ev.time = sqlite3_column_int64(st, 1);
		ev.kind = rota_event_kind_parse(store_text(st, 2));
		read_state(st, 3, ev.v);
		ev.ord = sqlite3_column_int(st, 10);
		if ((r = cb(&ev, ctx)) != 0)
			break;
	}
	return walk_end(s, st, rc, r, "reading events", err);
}

int
rota_store_each_ticket_event(rota_store *s, int64_t ticket, int source,
                             int (*cb)(int64_t event_id, const rota_event *ev, void *ctx),
                             void *ctx, rota_error *err)
{
	static const char sql[] =
		"SELECT id, time, kind, status, team, priority, agent, queue, channel, customer_tz,"
		" ord FROM events WHERE ticket_id = ?1 AND (?2 < 0 OR source = ?2)"
		" ORDER BY time, id";
	int rc, r;
	sqlite3_stmt *st = walk_begin(s, sql, &r, err);
	if (st == NULL)
		return r;
	sqlite3_bind_int64(st, 1, ticket);
	sqlite3_bind_int(st, 2, source);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		rota_event ev;
		ev.ticket = NULL;
		ev.time = sqlite3_column_int64(st, 1);
		ev.kind = rota_event_kind_parse(store_text(st, 2));
		read_state(st, 3, ev.v);
		ev.ord = sqlite3_column_int(st, 10);
		if ((r = cb(sqlite3_column_int64(st, 0), &ev, ctx)) != 0)
			break;
	}
	return walk_end(s, st, rc, r, "reading a ticket's events", err);
}

int
rota_store_each_snapshot(rota_store *s, int64_t ticket,
                         int (*cb)(const rota_snapshot *sn, void *ctx), void *ctx,
                         rota_error *err)
{
	static const char sql[] =
		"SELECT time, status, team, priority, agent, queue, channel, customer_tz"
		" FROM snapshots WHERE ticket_id = ?1 ORDER BY time, id";
	int rc, r;
	sqlite3_stmt *st = walk_begin(s, sql, &r, err);
	if (st == NULL)
		return r;
	sqlite3_bind_int64(st, 1, ticket);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		rota_snapshot sn;
		sn.time = sqlite3_column_int64(st, 0);
		read_state(st, 1, sn.v);
		if ((r = cb(&sn, ctx)) != 0)
			break;
	}
	return walk_end(s, st, rc, r, "reading a ticket's snapshots", err);
}

int
rota_store_each_ticket(rota_store *s, const char *key,
                       int (*cb)(const rota_ticket *t, void *ctx), void *ctx, rota_error *err)
{
	static const char sql[] =
		"SELECT key, created, updated, status, team, priority, agent, queue, channel,"
		" customer_tz FROM tickets WHERE ?1 IS NULL OR key = ?1 ORDER BY key";
	int rc, r;
	sqlite3_stmt *st = walk_begin(s, sql, &r, err);
	if (st == NULL)
		return r;
	bind_key(st, 1, key);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		rota_ticket t;
		t.key = store_text(st, 0);
		t.created = store_time(st, 1);
		t.updated = store_time(st, 2);
		read_state(st, 3, t.v);
		if ((r = cb(&t, ctx)) != 0)
			break;
	}
	return walk_end(s, st, rc, r, "reading tickets", err);
}

int
rota_store_ticket_export(rota_store *s, int64_t id, rota_time t[ROTA_NXT], rota_error *err)
{
	sqlite3_stmt *st = store_stmt(s, "SELECT export_created, export_resolved, export_closed"
	                                 " FROM tickets WHERE id = ?1", err);
	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, id);
	int rc = store_step_done(s, st, "reading a ticket", err);
	if (rc < 0)
		return -1;
	if (rc != SQLITE_ROW)
		return rota_error_set(err, ROTA_EXIT_RUNTIME, s->path, 0, 0,
		                      "ticket %lld vanished during the import", (long long)id);
	for (int i = 0; i < ROTA_NXT; i++)
		t[i] = store_time(st, i);
	sqlite3_reset(st);
	return 0;
}

static int64_t
count(rota_store *s, const char *sql, rota_error *err)
{
	if (s->empty)
		return 0;
	sqlite3_stmt *st = store_stmt(s, sql, err);
	if (st == NULL)
		return -1;
	if (sqlite3_step(st) != SQLITE_ROW)
		return store_fail(s, err, "counting");
	int64_t n = sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	return n;
}

int64_t
rota_store_ticket_last_id(rota_store *s, rota_error *err)
{
	return count(s, "SELECT coalesce(max(id), 0) FROM tickets", err);
}

int64_t
rota_store_count_events(rota_store *s, rota_error *err)
{
	return count(s, "SELECT count(*) FROM events", err);
}

int
rota_store_count(rota_store *s, rota_store_counts *c, rota_error *err)
{
	if ((c->tickets = count(s, "SELECT count(*) FROM tickets", err)) < 0 ||
	    (c->events = count(s, "SELECT count(*) FROM events", err)) < 0 ||
	    (c->snapshots = count(s, "SELECT count(*) FROM snapshots", err)) < 0 ||
	    (c->attrs = count(s, "SELECT count(*) FROM ticket_attrs", err)) < 0 ||
	    (c->imports = count(s, "SELECT count(*) FROM imports", err)) < 0)
		return -1;
	return 0;
}

int
rota_store_each_attr(rota_store *s, const char *ticket,
                     int (*cb)(const char *ticket, const char *name, const char *value,
                               void *ctx),
                     void *ctx, rota_error *err)
{
	static const char sql[] =
		"SELECT t.key, a.name, a.value FROM ticket_attrs a JOIN tickets t ON t.id = a.ticket_id"
		" WHERE (?1 IS NULL OR t.key = ?1) ORDER BY t.key, a.name";
	int rc, r;
	sqlite3_stmt *st = walk_begin(s, sql, &r, err);
	if (st == NULL)
		return r;
	bind_key(st, 1, ticket);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		if ((r = cb(store_text(st, 0), store_text(st, 1), store_text(st, 2), ctx)) != 0)
			break;
	return walk_end(s, st, rc, r, "reading ticket attributes", err);
}

int
rota_store_each_import_log(rota_store *s, int (*cb)(const rota_import_log *log, void *ctx),
                           void *ctx, rota_error *err)
{
	static const char sql[] =
		"SELECT id, started, finished, layout, files, rows, rejected, events_added,"
		" events_removed, options FROM imports ORDER BY id";
	int rc, r;
	sqlite3_stmt *st = walk_begin(s, sql, &r, err);
	if (st == NULL)
		return r;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		rota_import_log l;
		l.id = sqlite3_column_int64(st, 0);
		l.started = store_time(st, 1);
		l.finished = store_time(st, 2);
		l.layout = store_text(st, 3);
		l.files = store_text(st, 4);
		l.rows = sqlite3_column_int64(st, 5);
		l.rejected = sqlite3_column_int64(st, 6);
		l.events_added = sqlite3_column_int64(st, 7);
		l.events_removed = sqlite3_column_int64(st, 8);
		l.options = store_text(st, 9);
		if ((r = cb(&l, ctx)) != 0)
			break;
	}
	return walk_end(s, st, rc, r, "reading the imports log", err);
}
