/* The store's writes: what rota-import puts in (tickets, events, snapshots, attributes,
 * the imports log).  Each is one cached statement, so that an import of 100,000 rows
 * prepares nothing twice. */
#include <config.h>
#include <string.h>
#include <time.h>
#include <sqlite3.h>
#include <rota/rota.h>
#include <rota/store.h>
#include "store-int.h"

static void
bind_text(sqlite3_stmt *st, int i, const char *s)
{
	sqlite3_bind_text(st, i, s ? s : "", -1, SQLITE_STATIC);
}

int64_t
rota_store_ticket_id(rota_store *s, const char *key, int create, rota_error *err)
{
	sqlite3_stmt *st = store_stmt(s, "SELECT id FROM tickets WHERE key = ?1", err);
	if (st == NULL)
		return -1;
	bind_text(st, 1, key);
	int rc = store_step_done(s, st, "looking a ticket up", err);
	if (rc < 0)
		return -1;
	if (rc == SQLITE_ROW) {
		int64_t id = sqlite3_column_int64(st, 0);
		sqlite3_reset(st);
		return id;
	}
	if (!create)
		return 0;
	if ((st = store_stmt(s, "INSERT INTO tickets(key) VALUES (?1)", err)) == NULL)
		return -1;
	bind_text(st, 1, key);
	if (store_step_done(s, st, "adding a ticket", err) < 0)
		return -1;
	return sqlite3_last_insert_rowid(s->db);
}

int
rota_store_ticket_set_state(rota_store *s, int64_t id, rota_time created, rota_time updated,
                            const char *const v[ROTA_NFIELDS], rota_error *err)
{
	static const char sql[] =
		"UPDATE tickets SET created = ?2, updated = ?3, status = ?4, team = ?5,"
		" priority = ?6, agent = ?7, queue = ?8, channel = ?9, customer_tz = ?10"
		" WHERE id = ?1";
	sqlite3_stmt *st = store_stmt(s, sql, err);
	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, id);
	store_bind_time(st, 2, created);
	store_bind_time(st, 3, updated);
	for (int f = 0; f < ROTA_NFIELDS; f++)
		bind_text(st, 4 + f, v[f]);
	return store_step_done(s, st, "updating a ticket", err) < 0 ? -1 : 0;
}

int
rota_store_ticket_set_export(rota_store *s, int64_t id, const rota_time t[ROTA_NXT], int keep,
                             rota_error *err)
{
	static const char sql_keep[] =
		"UPDATE tickets SET export_created = coalesce(?2, export_created),"
		" export_resolved = coalesce(?3, export_resolved),"
		" export_closed = coalesce(?4, export_closed) WHERE id = ?1";
	static const char sql_set[] =
		"UPDATE tickets SET export_created = ?2, export_resolved = ?3, export_closed = ?4"
		" WHERE id = ?1";
	sqlite3_stmt *st = store_stmt(s, keep ? sql_keep : sql_set, err);
	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, id);
	for (int i = 0; i < ROTA_NXT; i++)
		store_bind_time(st, 2 + i, t[i]);
	return store_step_done(s, st, "storing a ticket's times", err) < 0 ? -1 : 0;
}

int
rota_store_event_add(rota_store *s, int64_t ticket, const rota_event *ev, int source,
                     int64_t import_id, rota_error *err)
{
	static const char sql[] =
		"INSERT OR IGNORE INTO events(ticket_id, time, kind, status, team, priority, agent,"
		"  queue, channel, customer_tz, ord, source, import_id)"
		" VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)";
	if (ev->kind < 0 || ev->kind >= ROTA_EVENT_STORED)
		return rota_error_set(err, ROTA_EXIT_USAGE, s->path, 0, 0,
		                      "adding an event: %d is not an event kind", ev->kind);
	sqlite3_stmt *st = store_stmt(s, sql, err);
	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, ticket);
	sqlite3_bind_int64(st, 2, ev->time);
	bind_text(st, 3, rota_event_kind_name(ev->kind));
	for (int f = 0; f < ROTA_NFIELDS; f++)
		bind_text(st, 4 + f, ev->v[f]);
	sqlite3_bind_int(st, 11, ev->ord);
	sqlite3_bind_int(st, 12, source);
	if (import_id > 0)
		sqlite3_bind_int64(st, 13, import_id);
	if (store_step_done(s, st, "adding an event", err) < 0)
		return -1;
	return sqlite3_changes(s->db) > 0;
}

int
rota_store_event_remove(rota_store *s, int64_t event_id, rota_error *err)
{
	sqlite3_stmt *st = store_stmt(s, "DELETE FROM events WHERE id = ?1", err);
	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, event_id);
	return store_step_done(s, st, "removing an event", err) < 0 ? -1 : 0;
}

int
rota_store_snapshot_add(rota_store *s, int64_t ticket, const rota_snapshot *sn, int ord,
                        int64_t import_id, rota_error *err)
{
	static const char sql[] =
		"INSERT OR IGNORE INTO snapshots(ticket_id, time, status, team, priority, agent,"
		"  queue, channel, customer_tz, ord, import_id)"
		" VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)";
	sqlite3_stmt *st = store_stmt(s, sql, err);
	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, ticket);
	sqlite3_bind_int64(st, 2, sn->time);
	for (int f = 0; f < ROTA_NFIELDS; f++)
		bind_text(st, 3 + f, sn->v[f]);
	sqlite3_bind_int(st, 10, ord);
	if (import_id > 0)
		sqlite3_bind_int64(st, 11, import_id);
	if (store_step_done(s, st, "storing a snapshot", err) < 0)
		return -1;
	return sqlite3_changes(s->db) > 0;
}

int
rota_store_attr_put(rota_store *s, int64_t ticket, const char *name, const char *value,
                    rota_time time, rota_error *err)
{
	static const char sql[] =
		"INSERT INTO ticket_attrs(ticket_id, name, value, time) VALUES (?1, ?2, ?3, ?4)"
		" ON CONFLICT(ticket_id, name) DO UPDATE SET value = excluded.value,"
		" time = excluded.time WHERE excluded.time >= ticket_attrs.time";
	sqlite3_stmt *st = store_stmt(s, sql, err);
	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, ticket);
	bind_text(st, 2, name);
	bind_text(st, 3, value);
	sqlite3_bind_int64(st, 4, time);
	return store_step_done(s, st, "storing a ticket attribute", err) < 0 ? -1 : 0;
}

int
rota_store_import_log_start(rota_store *s, const char *layout, const char *options,
                            int64_t *id, rota_error *err)
{
	sqlite3_stmt *st = store_stmt(s, "INSERT INTO imports(started, layout, options)"
	                                 " VALUES (?1, ?2, ?3)", err);
	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, (sqlite3_int64)time(NULL));
	bind_text(st, 2, layout);
	bind_text(st, 3, options);
	if (store_step_done(s, st, "recording the import", err) < 0)
		return -1;
	*id = sqlite3_last_insert_rowid(s->db);
	return 0;
}

int
rota_store_import_log_finish(rota_store *s, const rota_import_log *log, rota_error *err)
{
	static const char sql[] =
		"UPDATE imports SET finished = ?2, files = ?3, rows = ?4, rejected = ?5,"
		" events_added = ?6, events_removed = ?7 WHERE id = ?1";
	sqlite3_stmt *st = store_stmt(s, sql, err);
	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, log->id);
	sqlite3_bind_int64(st, 2, (sqlite3_int64)time(NULL));
	bind_text(st, 3, log->files);
	sqlite3_bind_int64(st, 4, log->rows);
	sqlite3_bind_int64(st, 5, log->rejected);
	sqlite3_bind_int64(st, 6, log->events_added);
	sqlite3_bind_int64(st, 7, log->events_removed);
	return store_step_done(s, st, "recording the import", err) < 0 ? -1 : 0;
}

/* ---- scratch counters ---- */

static int
scratch_table(rota_store *s, rota_error *err)
{
	if (s->scratch)
		return 0;
	/* TEMP: never in the database file, never in its journal; on disk past SQLite's
	 * cache (temp_store stays FILE), so its size does not count against memory. */
	if (sqlite3_exec(s->db, "CREATE TEMP TABLE IF NOT EXISTS import_scratch ("
	                 " s INTEGER NOT NULL, k INTEGER NOT NULL, v INTEGER NOT NULL,"
	                 " PRIMARY KEY (s, k)) WITHOUT ROWID", NULL, NULL, NULL) != SQLITE_OK)
		return store_fail(s, err, "making the import's scratch table");
	s->scratch = 1;
	return 0;
}

int
rota_store_scratch_put(rota_store *s, int set, const uint64_t *keys, const uint64_t *values,
                       size_t n, rota_error *err)
{
	if (scratch_table(s, err) < 0)
		return -1;
	sqlite3_stmt *st = store_stmt(s, "INSERT OR REPLACE INTO temp.import_scratch(s, k, v)"
	                                 " VALUES (?1, ?2, ?3)", err);
	if (st == NULL)
		return -1;
	for (size_t i = 0; i < n; i++) {
		sqlite3_bind_int(st, 1, set);
		sqlite3_bind_int64(st, 2, (sqlite3_int64)keys[i]);
		sqlite3_bind_int64(st, 3, (sqlite3_int64)values[i]);
		if (store_step_done(s, st, "keeping the import's counts", err) < 0)
			return -1;
		sqlite3_reset(st);
	}
	return 0;
}

int
rota_store_scratch_get(rota_store *s, int set, uint64_t key, uint64_t *value, rota_error *err)
{
	if (!s->scratch)
		return 0;
	sqlite3_stmt *st = store_stmt(s, "SELECT v FROM temp.import_scratch WHERE s = ?1 AND k = ?2",
	                              err);
	if (st == NULL)
		return -1;
	sqlite3_bind_int(st, 1, set);
	sqlite3_bind_int64(st, 2, (sqlite3_int64)key);
	int rc = store_step_done(s, st, "reading the import's counts", err);
	if (rc < 0)
		return -1;
	if (rc != SQLITE_ROW)
		return 0;
	*value = (uint64_t)sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	return 1;
}

int
rota_store_scratch_clear(rota_store *s, int set, rota_error *err)
{
	if (!s->scratch)
		return 0;
	sqlite3_stmt *st = store_stmt(s, "DELETE FROM temp.import_scratch WHERE s = ?1", err);
	if (st == NULL)
		return -1;
	sqlite3_bind_int(st, 1, set);
	return store_step_done(s, st, "clearing the import's counts", err) < 0 ? -1 : 0;
}
