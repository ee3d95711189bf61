/* The SQLite store: opening, schema migrations, transactions, cached statements, and
 * typed reads of events and attributes for the commands that follow rota-import. */
#include <config.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sqlite3.h>
#include <rota/rota.h>
#include <rota/store.h>

#define STMT_CACHE 48

struct rota_store {
	sqlite3 *db;
	char *path;
	int version_found;
	int in_tx;
	int busy_ms;
	struct { const char *sql; sqlite3_stmt *st; } cache[STMT_CACHE];
	int ncache;
};

/* Migration i takes a database from user_version i to i + 1.  Never edit a released
 * entry: add a new one, so that every existing database walks the same path. */
static const char *const migrations[] = {
	/* 0 -> 1: the first schema. */
	"CREATE TABLE imports ("
	"  id INTEGER PRIMARY KEY,"
	"  started INTEGER NOT NULL,"
	"  finished INTEGER,"
	"  layout TEXT NOT NULL,"
	"  files TEXT NOT NULL DEFAULT '',"
	"  rows INTEGER NOT NULL DEFAULT 0,"
	"  rejected INTEGER NOT NULL DEFAULT 0,"
	"  events_added INTEGER NOT NULL DEFAULT 0,"
	"  events_removed INTEGER NOT NULL DEFAULT 0,"
	"  options TEXT NOT NULL DEFAULT '');"
	"CREATE TABLE tickets ("
	"  id INTEGER PRIMARY KEY,"
	"  key TEXT NOT NULL UNIQUE,"
	"  created INTEGER,"
	"  updated INTEGER,"
	"  status TEXT NOT NULL DEFAULT '',"
	"  team TEXT NOT NULL DEFAULT '',"
	"  priority TEXT NOT NULL DEFAULT '',"
	"  agent TEXT NOT NULL DEFAULT '',"
	"  queue TEXT NOT NULL DEFAULT '',"
	"  channel TEXT NOT NULL DEFAULT '',"
	"  customer_tz TEXT NOT NULL DEFAULT '',"
	"  export_created INTEGER,"
	"  export_resolved INTEGER,"
	"  export_closed INTEGER);"
	"CREATE TABLE events ("
	"  id INTEGER PRIMARY KEY,"
	"  ticket_id INTEGER NOT NULL REFERENCES tickets(id),"
	"  time INTEGER NOT NULL,"
	"  kind TEXT NOT NULL CHECK (kind IN ('created','reply','note','status','assign',"
	"                                     'priority','resolved','closed','reopened')),"
	"  status TEXT NOT NULL DEFAULT '',"
	"  team TEXT NOT NULL DEFAULT '',"
	"  priority TEXT NOT NULL DEFAULT '',"
	"  agent TEXT NOT NULL DEFAULT '',"
	"  queue TEXT NOT NULL DEFAULT '',"
	"  channel TEXT NOT NULL DEFAULT '',"
	"  customer_tz TEXT NOT NULL DEFAULT '',"
	"  ord INTEGER NOT NULL DEFAULT 0,"
	"  source INTEGER NOT NULL DEFAULT 0,"
	"  import_id INTEGER REFERENCES imports(id));"
	"CREATE UNIQUE INDEX events_identity ON events(ticket_id, time, kind, status, team,"
	"  priority, agent, queue, channel, customer_tz, ord);"
	"CREATE INDEX events_time ON events(time);"
	"CREATE TABLE snapshots ("
	"  id INTEGER PRIMARY KEY,"
	"  ticket_id INTEGER NOT NULL REFERENCES tickets(id),"
	"  time INTEGER NOT NULL,"
	"  status TEXT NOT NULL DEFAULT '',"
	"  team TEXT NOT NULL DEFAULT '',"
	"  priority TEXT NOT NULL DEFAULT '',"
	"  agent TEXT NOT NULL DEFAULT '',"
	"  queue TEXT NOT NULL DEFAULT '',"
	"  channel TEXT NOT NULL DEFAULT '',"
	"  customer_tz TEXT NOT NULL DEFAULT '',"
	"  ord INTEGER NOT NULL DEFAULT 0,"
	"  import_id INTEGER REFERENCES imports(id));"
	"CREATE UNIQUE INDEX snapshots_identity ON snapshots(ticket_id, time, status, team,"
	"  priority, agent, queue, channel, customer_tz, ord);"
	"CREATE TABLE ticket_attrs ("
	"  ticket_id INTEGER NOT NULL REFERENCES tickets(id),"
	"  name TEXT NOT NULL,"
	"  value TEXT NOT NULL,"
	"  time INTEGER NOT NULL,"
	"  PRIMARY KEY (ticket_id, name)) WITHOUT ROWID;"
	"CREATE TABLE alert_state ("
	"  ticket TEXT NOT NULL,"
	"  kind TEXT NOT NULL,"
	"  policy TEXT NOT NULL,"
	"  metric TEXT NOT NULL,"
	"  cycle INTEGER NOT NULL DEFAULT 0,"
	"  level TEXT NOT NULL,"
	"  first_at INTEGER NOT NULL,"
	"  last_at INTEGER NOT NULL,"
	"  count INTEGER NOT NULL DEFAULT 1,"
	"  escalated_at INTEGER,"
	"  cleared_at INTEGER,"
	"  PRIMARY KEY (ticket, kind, metric, cycle, level));",
};

_Static_assert(sizeof migrations / sizeof migrations[0] == ROTA_STORE_SCHEMA_VERSION,
               "one migration per schema version");

static int
is_busy(int rc)
{
	rc &= 0xff;
	return rc == SQLITE_BUSY || rc == SQLITE_LOCKED;
}

int
rota_store_fail(rota_store *s, rota_error *err, const char *what)
{
	int rc = sqlite3_extended_errcode(s->db);
	if (is_busy(rc))
		return rota_error_set(err, ROTA_EXIT_RUNTIME, s->path, 0, 0,
		                      "database is locked by another process (waited %d ms) "
		                      "while %s: try again when it has finished, or wait longer "
		                      "with --busy-timeout", s->busy_ms, what);
	return rota_error_set(err, ROTA_EXIT_RUNTIME, s->path, 0, 0, "%s failed: %s", what,
	                      sqlite3_errmsg(s->db));
}

/* Run one pragma or DDL text with no parameters and no results wanted. */
static int
exec(rota_store *s, const char *sql, const char *what, rota_error *err)
{
	if (sqlite3_exec(s->db, sql, NULL, NULL, NULL) != SQLITE_OK)
		return rota_store_fail(s, err, what);
	return 0;
}

static int
pragma_int(rota_store *s, const char *sql, int *out, rota_error *err)
{
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(s->db, sql, -1, &st, NULL) != SQLITE_OK)
		return rota_store_fail(s, err, "reading the database header");
	int rc = sqlite3_step(st);
	*out = rc == SQLITE_ROW ? sqlite3_column_int(st, 0) : 0;
	sqlite3_finalize(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return rota_store_fail(s, err, "reading the database header");
	return 0;
}

/* A file that SQLite opens but that some other program made must not be written into. */
static int
check_identity(rota_store *s, int app_id, rota_error *err)
{
	int ntables = 0;
	if (app_id == ROTA_STORE_APP_ID)
		return 0;
	if (app_id == 0 && pragma_int(s, "SELECT count(*) FROM sqlite_master", &ntables, err) < 0)
		return -1;
	if (app_id == 0 && ntables == 0)
		return 0;
	return rota_error_set(err, ROTA_EXIT_USAGE, s->path, 0, 0,
	                      "not a rota database (it holds other tables): give a new or a "
	                      "rota database with -d FILE");
}

static int
newer_error(rota_store *s, int version, rota_error *err)
{
	return rota_error_set(err, ROTA_EXIT_USAGE, s->path, 0, 0,
	                      "database schema version %d is newer than this rota knows (%d): "
	                      "upgrade rota, or use a database written by this version",
	                      version, ROTA_STORE_SCHEMA_VERSION);
}

static int
migrate(rota_store *s, rota_error *err)
{
	int version, app_id;

	if (rota_store_begin(s, err) < 0)
		return -1;
	/* Read again under the write lock: another process may have migrated meanwhile. */
	if (pragma_int(s, "PRAGMA user_version", &version, err) < 0 ||
	    pragma_int(s, "PRAGMA application_id", &app_id, err) < 0 ||
	    check_identity(s, app_id, err) < 0)
		goto fail;
	if (version > ROTA_STORE_SCHEMA_VERSION) {
		newer_error(s, version, err);
		goto fail;
	}
	for (int v = version; v < ROTA_STORE_SCHEMA_VERSION; v++) {
		char what[64], pragma[64];
		snprintf(what, sizeof what, "migrating the schema to version %d", v + 1);
		if (exec(s, migrations[v], what, err) < 0)
			goto fail;
		snprintf(pragma, sizeof pragma, "PRAGMA user_version = %d", v + 1);
		if (exec(s, pragma, what, err) < 0)
			goto fail;
	}
	if (app_id != ROTA_STORE_APP_ID) {
		char pragma[64];
		snprintf(pragma, sizeof pragma, "PRAGMA application_id = %d", ROTA_STORE_APP_ID);
		if (exec(s, pragma, "marking the database as rota's", err) < 0)
			goto fail;
	}
	return rota_store_commit(s, err);
fail:
	rota_store_rollback(s);
	return -1;
}

static int
open_db(rota_store *s, unsigned flags, rota_error *err)
{
	int oflags = (flags & ROTA_STORE_READONLY) ? SQLITE_OPEN_READONLY
	             : SQLITE_OPEN_READWRITE | ((flags & ROTA_STORE_CREATE) ? SQLITE_OPEN_CREATE : 0);
	struct stat sb;

	/* SQLite's own message for a missing file ("unable to open database file") does not
	 * say what to do about it. */
	if (!(flags & ROTA_STORE_CREATE) && strcmp(s->path, ":memory:") != 0 &&
	    stat(s->path, &sb) != 0)
		return rota_error_set(err, ROTA_EXIT_USAGE, s->path, 0, 0,
		                      "cannot open the database: %s (import data first with "
		                      "rota-import, or name another with -d FILE)", strerror(errno));
	if (sqlite3_open_v2(s->path, &s->db, oflags | SQLITE_OPEN_NOMUTEX, NULL) != SQLITE_OK) {
		if (s->db == NULL)
			return rota_error_set(err, ROTA_EXIT_RUNTIME, s->path, 0, 0,
			                      "cannot open the database: out of memory");
		return rota_error_set(err, ROTA_EXIT_RUNTIME, s->path, 0, 0,
		                      "cannot open the database: %s", sqlite3_errmsg(s->db));
	}
	sqlite3_extended_result_codes(s->db, 1);
	sqlite3_busy_timeout(s->db, s->busy_ms);
	return 0;
}

static int
setup(rota_store *s, unsigned flags, rota_error *err)
{
	int app_id;

	if (pragma_int(s, "PRAGMA user_version", &s->version_found, err) < 0) {
		if ((sqlite3_extended_errcode(s->db) & 0xff) == SQLITE_NOTADB)
			return rota_error_set(err, ROTA_EXIT_USAGE, s->path, 0, 0,
			                      "not a rota database (not an SQLite file at all): give "
			                      "a new or a rota database with -d FILE");
		return -1;
	}
	if (pragma_int(s, "PRAGMA application_id", &app_id, err) < 0 ||
	    check_identity(s, app_id, err) < 0)
		return -1;
	if (s->version_found > ROTA_STORE_SCHEMA_VERSION)
		return newer_error(s, s->version_found, err);
	if (flags & ROTA_STORE_READONLY) {
		if (s->version_found < ROTA_STORE_SCHEMA_VERSION)
			return rota_error_set(err, ROTA_EXIT_USAGE, s->path, 0, 0,
			                      "database schema version %d is older than this rota's "
			                      "(%d): open it once for writing (any rota-import) to "
			                      "migrate it", s->version_found, ROTA_STORE_SCHEMA_VERSION);
		return exec(s, "PRAGMA query_only = 1", "opening the database", err);
	}
	/* WAL lets readers (rota-sla, rota-alert from cron) run while an import writes;
	 * NORMAL sync in WAL mode never corrupts, it may only lose the last commit on power
	 * loss.  A 32 MB page cache keeps the unique indexes of a large import in memory
	 * (SQLite's default 2 MB makes every insert a cache miss past a few 10,000 rows). */
	if (exec(s, "PRAGMA journal_mode = WAL", "switching the database to WAL mode", err) < 0 ||
	    exec(s, "PRAGMA synchronous = NORMAL", "opening the database", err) < 0 ||
	    exec(s, "PRAGMA foreign_keys = ON", "opening the database", err) < 0 ||
	    exec(s, "PRAGMA cache_size = -32768", "opening the database", err) < 0)
		return -1;
	if (s->version_found < ROTA_STORE_SCHEMA_VERSION || app_id != ROTA_STORE_APP_ID)
		return migrate(s, err);
	return 0;
}

rota_store *
rota_store_open(const char *path, unsigned flags, int busy_ms, rota_error *err)
{
	rota_store *s = rota_xcalloc(1, sizeof *s);
	s->path = rota_xstrdup(path);
	s->busy_ms = busy_ms > 0 ? busy_ms : 10000;
	if (open_db(s, flags, err) < 0 || setup(s, flags, err) < 0) {
		rota_store_close(s);
		return NULL;
	}
	return s;
}

void
rota_store_close(rota_store *s)
{
	if (s == NULL)
		return;
	if (s->db)
		rota_store_rollback(s);
	for (int i = 0; i < s->ncache; i++)
		sqlite3_finalize(s->cache[i].st);
	sqlite3_close(s->db);
	free(s->path);
	free(s);
}

struct sqlite3 *rota_store_db(rota_store *s) { return s->db; }
const char *rota_store_path(const rota_store *s) { return s->path; }
int rota_store_version_found(const rota_store *s) { return s->version_found; }

int
rota_store_begin(rota_store *s, rota_error *err)
{
	if (exec(s, "BEGIN IMMEDIATE", "starting a write transaction", err) < 0)
		return -1;
	s->in_tx = 1;
	return 0;
}

int
rota_store_commit(rota_store *s, rota_error *err)
{
	if (exec(s, "COMMIT", "committing", err) < 0) {
		rota_store_rollback(s);
		return -1;
	}
	s->in_tx = 0;
	return 0;
}

void
rota_store_rollback(rota_store *s)
{
	if (!sqlite3_get_autocommit(s->db))
		sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
	s->in_tx = 0;
}

sqlite3_stmt *
rota_store_stmt(rota_store *s, const char *sql, rota_error *err)
{
	int i;
	/* Callers pass string constants: the address finds them without comparing text. */
	for (i = 0; i < s->ncache; i++)
		if (s->cache[i].sql == sql)
			break;
	if (i == s->ncache)
		for (i = 0; i < s->ncache; i++)
			if (strcmp(s->cache[i].sql, sql) == 0)
				break;
	if (i < s->ncache) {
		sqlite3_reset(s->cache[i].st);
		sqlite3_clear_bindings(s->cache[i].st);
		return s->cache[i].st;
	}
	sqlite3_stmt *st;
	if (sqlite3_prepare_v3(s->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &st, NULL) != SQLITE_OK) {
		rota_store_fail(s, err, "preparing a query");
		return NULL;
	}
	if (s->ncache == STMT_CACHE) {
		/* A full cache means a caller builds SQL text at run time; keep working, but
		 * the oldest entry goes. */
		sqlite3_finalize(s->cache[0].st);
		memmove(s->cache, s->cache + 1, sizeof s->cache[0] * (STMT_CACHE - 1));
		s->ncache--;
	}
	s->cache[s->ncache].sql = sql;
	s->cache[s->ncache].st = st;
	s->ncache++;
	return st;
}

/* ---- names ---- */

static const char *const kind_names[ROTA_EVENT_NKINDS] = {
	"created", "reply", "note", "status", "assign", "priority", "resolved", "closed",
	"reopened",
};

static const char *const field_names[ROTA_NFIELDS] = {
	"status", "team", "priority", "agent", "queue", "channel", "customer_tz",
};

const char *
rota_event_kind_name(int kind)
{
	return kind >= 0 && kind < ROTA_EVENT_NKINDS ? kind_names[kind] : "?";
}

int
rota_event_kind_parse(const char *s)
{
	for (int k = 0; k < ROTA_EVENT_NKINDS; k++)
		if (strcmp(s, kind_names[k]) == 0)
			return k;
	return -1;
}

const char *
rota_field_name(int field)
{
	return field >= 0 && field < ROTA_NFIELDS ? field_names[field] : "?";
}

/* ---- typed reads ---- */

static const char *
col_text(sqlite3_stmt *st, int i)
{
	const unsigned char *t = sqlite3_column_text(st, i);
	return t ? (const char *)t : "";
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
	sqlite3_stmt *st = rota_store_stmt(s, sql, err);
	int rc, r = 0;

	if (st == NULL)
		return -1;
	if (ticket)
		sqlite3_bind_text(st, 1, ticket, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(st, 2, until);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		rota_event ev;
		ev.ticket = col_text(st, 0);
		ev.time = sqlite3_column_int64(st, 1);
		ev.kind = rota_event_kind_parse(col_text(st, 2));
		for (int f = 0; f < ROTA_NFIELDS; f++)
			ev.v[f] = col_text(st, 3 + f);
		ev.ord = sqlite3_column_int(st, 10);
		if ((r = cb(&ev, ctx)) != 0)
			break;
	}
	if (r == 0 && rc != SQLITE_DONE)
		r = rota_store_fail(s, err, "reading events");
	sqlite3_reset(st);
	return r;
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
	sqlite3_stmt *st = rota_store_stmt(s, sql, err);
	int rc, r = 0;

	if (st == NULL)
		return -1;
	if (ticket)
		sqlite3_bind_text(st, 1, ticket, -1, SQLITE_TRANSIENT);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		if ((r = cb(col_text(st, 0), col_text(st, 1), col_text(st, 2), ctx)) != 0)
			break;
	if (r == 0 && rc != SQLITE_DONE)
		r = rota_store_fail(s, err, "reading ticket attributes");
	sqlite3_reset(st);
	return r;
}

int64_t
rota_store_count_events(rota_store *s, rota_error *err)
{
	sqlite3_stmt *st = rota_store_stmt(s, "SELECT count(*) FROM events", err);
	if (st == NULL)
		return -1;
	if (sqlite3_step(st) != SQLITE_ROW)
		return rota_store_fail(s, err, "counting events");
	int64_t n = sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	return n;
}
