/* The store: creation and migration, identity checks, reopening, transactions, locking,
 * the typed writers and readers, temporary files (permissions, signals, stale ones) and
 * read-only places.  Only the public API, except sqlraw.h (test-only) to look at the
 * file itself. */
#include <config.h>
#include <dirent.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>
#include <rota/rota.h>
#include <rota/cleanup.h>
#include <rota/store.h>
#include "sqlraw.h"
#include "tap.h"

static char dir[] = "/tmp/rota-test-store-XXXXXX";

static const char *
path(const char *name)
{
	static char buf[4][256];
	static int n;
	char *b = buf[n++ & 3];
	snprintf(b, sizeof buf[0], "%s/%s", dir, name);
	return b;
}

static int
add_ticket(rota_store *s, const char *key)
{
	rota_error err;
	return rota_store_ticket_id(s, key, 1, &err) > 0 ? 0 : -1;
}

static int64_t
ntickets(rota_store *s)
{
	rota_error err;
	rota_store_counts c;
	return rota_store_count(s, &c, &err) < 0 ? -1 : c.tickets;
}

static void
test_create_and_reopen(void)
{
	rota_error err;
	const char *db = path("new.db");

	rota_store *s = rota_store_open(db, ROTA_STORE_CREATE, 0, &err);
	ok(s != NULL, "create a new database: %s", s ? "" : err.msg);
	if (s == NULL)
		return;
	is_int(rota_store_version_found(s), 0, "a new file had no schema");
	ok(add_ticket(s, "A") == 0, "autocommit write");
	ok(rota_store_publish(s, &err) == 0, "publish the new database");
	rota_store_close(s);
	is_int(sqlraw_int(db, "PRAGMA user_version"), ROTA_STORE_SCHEMA_VERSION,
	       "migrated to current");
	is_int(sqlraw_int(db, "PRAGMA application_id"), ROTA_STORE_APP_ID, "marked as rota's");
	is_int(sqlraw_int(db, "SELECT count(*) FROM sqlite_master WHERE name IN ('tickets',"
	                  " 'events', 'snapshots', 'ticket_attrs', 'imports', 'alert_state')"), 6,
	       "all tables");
	is_str(sqlraw_str(db, "PRAGMA journal_mode"), "wal", "WAL mode");

	s = rota_store_open(db, 0, 0, &err);
	ok(s != NULL, "reopen without CREATE");
	if (s == NULL)
		return;
	is_int(rota_store_version_found(s), ROTA_STORE_SCHEMA_VERSION, "found current schema");
	is_int(ntickets(s), 1, "data survived");
	rota_store_close(s);

	s = rota_store_open(db, ROTA_STORE_READONLY, 0, &err);
	ok(s != NULL, "read-only open");
	if (s) {
		ok(add_ticket(s, "B") < 0, "read-only refuses writes");
		rota_store_close(s);
	}
}

static void
test_refusals(void)
{
	rota_error err;

	rota_error_clear(&err);
	ok(rota_store_open(path("missing.db"), 0, 0, &err) == NULL, "missing file without CREATE");
	is_int(err.status, ROTA_EXIT_USAGE, "missing file: status");
	ok(strstr(err.msg, "rota-import") != NULL, "missing file says what to do: %s", err.msg);

	const char *other = path("other.db");
	sqlraw_exec(other, "CREATE TABLE foo(x)");
	ok(rota_store_open(other, ROTA_STORE_CREATE, 0, &err) == NULL, "foreign database refused");
	ok(strstr(err.msg, "not a rota database") != NULL, "foreign: %s", err.msg);
	is_int(sqlraw_int(other, "SELECT count(*) FROM sqlite_master"), 1, "foreign file untouched");

	const char *text = path("text.db");
	FILE *f = fopen(text, "w");
	fputs("this is not a database, it is a text file long enough to look like a header\n", f);
	fclose(f);
	ok(rota_store_open(text, ROTA_STORE_CREATE, 0, &err) == NULL, "text file refused");
	is_int(err.status, ROTA_EXIT_USAGE, "text file: status");

	const char *newer = path("newer.db");
	rota_store *s = rota_store_open(newer, ROTA_STORE_CREATE, 0, &err);
	rota_store_publish(s, &err);
	rota_store_close(s);
	sqlraw_exec(newer, "PRAGMA user_version = 99");
	ok(rota_store_open(newer, 0, 0, &err) == NULL, "newer schema refused");
	ok(strstr(err.msg, "newer") != NULL && strstr(err.msg, "99") != NULL, "newer: %s", err.msg);
	is_int(sqlraw_int(newer, "PRAGMA user_version"), 99, "newer file untouched");
}

/* A database left at version 0 with rota's id (a crash between creation and migration)
 * and one at the current version that lost its id are both brought up to date. */
static void
test_migration_from_empty(void)
{
	rota_error err;
	const char *db = path("empty.db");
	sqlraw_exec(db, "PRAGMA user_version = 0");
	rota_store *s = rota_store_open(db, 0, 0, &err);
	ok(s != NULL, "an empty SQLite file is migrated");
	rota_store_close(s);
	is_int(sqlraw_int(db, "PRAGMA user_version"), ROTA_STORE_SCHEMA_VERSION, "empty: version");
}

static void
test_transactions(void)
{
	rota_error err;
	rota_store *s = rota_store_open(path("tx.db"), ROTA_STORE_CREATE, 0, &err);
	ok(s && rota_store_publish(s, &err) == 0, "create tx.db");
	rota_store_close(s);
	s = rota_store_open(path("tx.db"), 0, 0, &err);
	if (!ok(s != NULL, "open tx.db"))
		return;
	ok(rota_store_begin(s, &err) == 0, "begin");
	ok(add_ticket(s, "T1") == 0 && add_ticket(s, "T2") == 0, "two writes");
	is_int(ntickets(s), 2, "visible inside");
	rota_store_rollback(s);
	is_int(ntickets(s), 0, "rollback leaves nothing");
	rota_store_rollback(s);   /* harmless without a transaction */

	ok(rota_store_begin(s, &err) == 0, "begin again");
	ok(add_ticket(s, "T3") == 0, "write");
	ok(rota_store_commit(s, &err) == 0, "commit");
	is_int(ntickets(s), 1, "commit keeps");

	/* Another writer holds the lock: BEGIN IMMEDIATE waits the busy timeout, then
	 * fails with status 3 and a message that says what to do. */
	void *other = sqlraw_lock(path("tx.db"));
	ok(other != NULL, "other locks");
	rota_store *s2 = rota_store_open(path("tx.db"), 0, 50, &err);
	ok(s2 != NULL, "open while locked (reading is fine)");
	if (s2) {
		rota_error_clear(&err);
		ok(rota_store_begin(s2, &err) < 0, "begin while locked fails");
		is_int(err.status, ROTA_EXIT_RUNTIME, "locked: status 3");
		ok(strstr(err.msg, "locked") && strcmp(err.hint, "busy-timeout") == 0, "locked: %s",
		   err.msg);
		rota_store_close(s2);
	}
	sqlraw_unlock(other);
	rota_store_close(s);
}

static int
collect(const rota_event *ev, void *ctx)
{
	rota_strbuf *b = ctx;
	rota_strbuf_printf(b, "%s@%lld:%s:%s;", ev->ticket, (long long)ev->time,
	                   rota_event_kind_name(ev->kind), ev->v[ROTA_F_TEAM]);
	return 0;
}

static int
add_event(rota_store *s, int64_t t, rota_time time, int kind, const char *team)
{
	rota_error err;
	rota_event ev;
	memset(&ev, 0, sizeof ev);
	ev.time = time;
	ev.kind = kind;
	for (int f = 0; f < ROTA_NFIELDS; f++)
		ev.v[f] = f == ROTA_F_TEAM ? team : "";
	return rota_store_event_add(s, t, &ev, ROTA_SRC_EVENTS, 0, &err);
}

/* NAME.db in the test directory, made from tests/data/store/NAME.sql (what an older
 * schema version wrote); NULL when the fixture cannot be read. */
static const char *
fixture_db(const char *name)
{
	char sqlfile[4096], dbname[64];
	const char *src = getenv("ROTA_SRCDIR");
	snprintf(sqlfile, sizeof sqlfile, "%s/tests/data/store/%s.sql", src ? src : ".", name);
	FILE *f = fopen(sqlfile, "r");
	if (!ok(f != NULL, "read %s", sqlfile))
		return NULL;
	char *sql = rota_xmalloc(1 << 16);
	size_t len = fread(sql, 1, (1 << 16) - 1, f);
	sql[len] = '\0';
	fclose(f);
	snprintf(dbname, sizeof dbname, "%s.db", name);
	const char *db = path(dbname);
	sqlraw_exec(db, sql);
	free(sql);
	return db;
}

/* A database that schema version 1 wrote (no 'message' kind) is migrated on open with
 * its rows kept, and then takes customer messages. */
static void
test_migration_v1(void)
{
	rota_error err;
	const char *db = fixture_db("v1");
	if (db == NULL)
		return;
	is_int(sqlraw_int(db, "PRAGMA user_version"), 1, "the fixture is version 1");
	rota_store *s = rota_store_open(db, 0, 0, &err);
	if (!ok(s != NULL, "a version 1 database opens: %s", err.msg))
		return;
	is_int(rota_store_version_found(s), 1, "found version 1");
	rota_strbuf b = ROTA_STRBUF_INIT;
	ok(rota_store_each_event(s, NULL, ROTA_TIME_MAX, collect, &b, &err) == 0, "read events");
	is_str(rota_strbuf_str(&b), "V-1@1767225600:created:Desk;V-1@1767229200:reply:Desk;"
	       "V-1@1767232800:resolved:Desk;", "its events are kept");
	int64_t t = rota_store_ticket_id(s, "V-1", 0, &err);
	ok(rota_store_begin(s, &err) == 0 && add_event(s, t, 1767230000, ROTA_EVENT_MESSAGE,
	   "Desk") == 1 && rota_store_commit(s, &err) == 0, "a message event is stored");
	rota_strbuf_reset(&b);
	rota_store_each_event(s, NULL, ROTA_TIME_MAX, collect, &b, &err);
	ok(strstr(rota_strbuf_str(&b), "V-1@1767230000:message:Desk;") != NULL,
	   "and read back: %s", rota_strbuf_str(&b));
	rota_strbuf_free(&b);
	rota_store_close(s);
	is_int(sqlraw_int(db, "PRAGMA user_version"), ROTA_STORE_SCHEMA_VERSION, "v1: migrated");
	is_str(sqlraw_str(db, "PRAGMA integrity_check"), "ok", "v1: integrity");
}

static int
collect_alert(const rota_alert_rec *r, void *ctx)
{
	rota_strbuf_printf(ctx, "%s:%s:%s:%lld:%s:[%s/%s]:%lld:%lld:%lld;", r->ticket, r->kind,
	                   r->metric, (long long)r->cycle, r->level, r->route, r->sink,
	                   (long long)r->first_at, (long long)r->count,
	                   (long long)(r->cleared_at == ROTA_TIME_NONE ? -1 : r->cleared_at));
	return 0;
}

/* A database that schema version 3 wrote (alert_state without team, route and sink; no
 * alert_runs) is migrated on open: alert_state is rebuilt with its rows kept (no route,
 * no sink), the tickets and events are kept, and alert runs can be recorded. */
static void
test_migration_v3(void)
{
	rota_error err;
	const char *db = fixture_db("v3");
	if (db == NULL)
		return;
	is_int(sqlraw_int(db, "PRAGMA user_version"), 3, "the fixture is version 3");
	rota_store *s = rota_store_open(db, 0, 0, &err);
	if (!ok(s != NULL, "a version 3 database opens: %s", err.msg))
		return;
	is_int(rota_store_version_found(s), 3, "found version 3");
	rota_strbuf b = ROTA_STRBUF_INIT;
	ok(rota_store_each_alert(s, 0, collect_alert, &b, &err) == 0, "read the alert state");
	is_str(rota_strbuf_str(&b), "V-1:sla:first_response:1:breached:[/]:1767229300:2:1767232800;"
	       "V-2:sla:first_response:1:75%:[/]:1767229000:1:-1;", "its rows are kept");
	rota_strbuf_reset(&b);
	ok(rota_store_each_event(s, "V-1", ROTA_TIME_MAX, collect, &b, &err) == 0 &&
	   strcmp(rota_strbuf_str(&b), "V-1@1767225600:created:Desk;V-1@1767229200:reply:Desk;"
	          "V-1@1767232800:resolved:Desk;") == 0, "events kept: %s", rota_strbuf_str(&b));
	rota_strbuf_free(&b);
	rota_time at;
	ok(rota_store_alert_covered(s, &at, &err) == 0 && at == ROTA_TIME_NONE, "no run yet");
	rota_alert_rec r = { .ticket = "V-3", .kind = "ola", .policy = "p", .metric = "handling",
	                     .team = "Net", .cycle = 1, .level = "breached", .route = "r",
	                     .sink = "stdout", .first_at = 5, .last_at = 5, .count = 1,
	                     .escalated_at = ROTA_TIME_NONE, .cleared_at = ROTA_TIME_NONE };
	ok(rota_store_begin(s, &err) == 0 && rota_store_alert_put(s, &r, &err) == 0 &&
	   rota_store_alert_run_add(s, 100, 101, 1, 0, &err) == 0 &&
	   rota_store_alert_run_add(s, 200, 201, 1, 1, &err) == 0 &&
	   rota_store_commit(s, &err) == 0, "a delivery by team, route and sink, and two runs");
	ok(rota_store_alert_covered(s, &at, &err) == 0 && at == 100,
	   "covered up to the last run that sent everything");
	rota_store_close(s);
	is_int(sqlraw_int(db, "PRAGMA user_version"), ROTA_STORE_SCHEMA_VERSION, "v3: migrated");
	is_int(sqlraw_int(db, "SELECT count(*) FROM alert_state"), 3, "v3: three alert rows");
	is_int(sqlraw_int(db, "SELECT count(*) FROM tickets WHERE closed_at IS NULL"), 2,
	       "v3: closed_at kept");
	is_str(sqlraw_str(db, "PRAGMA integrity_check"), "ok", "v3: integrity");
}

static int
collect_ticket(const rota_ticket *t, void *ctx)
{
	rota_strbuf_printf(ctx, "%s:%lld:%s;", t->key, (long long)t->created, t->v[ROTA_F_TEAM]);
	return 0;
}

static int
collect_log(const rota_import_log *l, void *ctx)
{
	rota_strbuf_printf(ctx, "%lld:%s:%s:%lld:%lld:%s;", (long long)l->id, l->layout, l->files,
	                   (long long)l->rows, (long long)l->events_added, l->options);
	return 0;
}

static int
collect_snap(const rota_snapshot *sn, void *ctx)
{
	rota_strbuf_printf(ctx, "%lld:%s;", (long long)sn->time, sn->v[ROTA_F_STATUS]);
	return 0;
}

static int
collect_id(int64_t id, const rota_event *ev, void *ctx)
{
	int64_t *first = ctx;
	if (*first == 0)
		*first = id;
	(void)ev;
	return 0;
}

static void
test_readers(void)
{
	rota_error err;
	rota_store *s = rota_store_open(":memory:", ROTA_STORE_CREATE, 0, &err);
	if (!ok(s != NULL, "memory store"))
		return;
	int64_t b = rota_store_ticket_id(s, "B", 1, &err), a = rota_store_ticket_id(s, "A", 1, &err);
	ok(b == 1 && a == 2, "tickets get growing handles");
	is_int(rota_store_ticket_id(s, "B", 0, &err), b, "found again");
	is_int(rota_store_ticket_id(s, "C", 0, &err), 0, "an unknown ticket without create");
	is_int(rota_store_ticket_last_id(s, &err), 2, "last handle");
	ok(add_event(s, b, 20, ROTA_EVENT_ASSIGN, "x") == 1 &&
	   add_event(s, b, 10, ROTA_EVENT_CREATED, "") == 1 &&
	   add_event(s, a, 30, ROTA_EVENT_CREATED, "y") == 1 &&
	   add_event(s, a, 40, ROTA_EVENT_RESOLVED, "") == 1, "events added");
	ok(rota_store_attr_put(s, b, "tier", "gold", 0, &err) == 0 &&
	   rota_store_attr_put(s, a, "tier", "silver", 5, &err) == 0 &&
	   rota_store_attr_put(s, a, "tier", "bronze", 4, &err) == 0, "attributes");
	rota_strbuf sb = ROTA_STRBUF_INIT;
	ok(rota_store_each_event(s, NULL, ROTA_TIME_MAX, collect, &sb, &err) == 0, "each event");
	is_str(rota_strbuf_str(&sb), "A@30:created:y;A@40:resolved:;B@10:created:;B@20:assign:x;",
	       "ordered by ticket, time");
	rota_strbuf_reset(&sb);
	rota_store_each_event(s, "B", 15, collect, &sb, &err);
	is_str(rota_strbuf_str(&sb), "B@10:created:;", "one ticket, until a time");
	is_int(rota_store_count_events(s, &err), 4, "count");
	int64_t first = 0;
	ok(rota_store_each_ticket_event(s, b, -1, collect_id, &first, &err) == 0 && first > 0,
	   "a ticket's events with their handles");
	ok(rota_store_event_remove(s, first, &err) == 0, "remove one");
	is_int(rota_store_count_events(s, &err), 3, "one fewer");

	ok(add_event(s, b, 5, 99, "") < 0, "an unknown event kind is refused");
	is_int(add_event(s, a, 30, ROTA_EVENT_CREATED, "y"), 0, "the same event again adds nothing");

	const char *v[ROTA_NFIELDS] = { "New", "SD", "", "", "", "", "" };
	rota_time xt[ROTA_NXT] = { 7, ROTA_TIME_NONE, 9 }, got[ROTA_NXT];
	ok(rota_store_ticket_set_state(s, a, 30, 40, v, &err) == 0, "ticket state");
	ok(rota_store_ticket_set_export(s, a, xt, 0, &err) == 0, "export times");
	xt[0] = ROTA_TIME_NONE;
	xt[1] = 8;
	ok(rota_store_ticket_set_export(s, a, xt, 1, &err) == 0 &&
	   rota_store_ticket_export(s, a, got, &err) == 0 && got[0] == 7 && got[1] == 8 &&
	   got[2] == 9, "keep: unknown times stay as they were");
	rota_strbuf_reset(&sb);
	rota_store_each_ticket(s, NULL, collect_ticket, &sb, &err);
	is_str(rota_strbuf_str(&sb), "A:30:SD;B:-9223372036854775808:;", "tickets by key");

	rota_snapshot sn = { 50, { "Active", "", "", "", "", "", "" } };
	is_int(rota_store_snapshot_add(s, a, &sn, 0, 0, &err), 1, "a snapshot");
	is_int(rota_store_snapshot_add(s, a, &sn, 0, 0, &err), 0, "the same again adds nothing");
	rota_strbuf_reset(&sb);
	rota_store_each_snapshot(s, a, collect_snap, &sb, &err);
	is_str(rota_strbuf_str(&sb), "50:Active;", "snapshots of a ticket");

	int64_t id = 0;
	rota_import_log log = { 0 };
	ok(rota_store_import_log_start(s, "events", "--lenient", &id, &err) == 0 && id > 0,
	   "an import logged");
	log.id = id;
	log.files = "a.csv";
	log.rows = 3;
	log.events_added = 2;
	ok(rota_store_import_log_finish(s, &log, &err) == 0, "and finished");
	rota_strbuf_reset(&sb);
	rota_store_each_import_log(s, collect_log, &sb, &err);
	is_str(rota_strbuf_str(&sb), "1:events:a.csv:3:2:--lenient;", "the imports log");
	rota_store_counts c;
	ok(rota_store_count(s, &c, &err) == 0 && c.tickets == 2 && c.events == 3 &&
	   c.snapshots == 1 && c.attrs == 2 && c.imports == 1, "counts");
	rota_strbuf_free(&sb);
	rota_store_close(s);

	for (int k = 0; k < ROTA_EVENT_STORED; k++)
		is_int(rota_event_kind_parse(rota_event_kind_name(k)), k, rota_event_kind_name(k));
	is_int(rota_event_kind_parse("opened"), -1, "unknown kind");
	is_str(rota_field_name(ROTA_F_CUSTOMER_TZ), "customer_tz", "field name");
}

/* Files in the test directory whose names start with `prefix`. */
static int
files_like(const char *prefix)
{
	int n = 0;
	DIR *d = opendir(dir);
	for (struct dirent *de; d && (de = readdir(d)) != NULL;)
		n += strncmp(de->d_name, prefix, strlen(prefix)) == 0;
	if (d)
		closedir(d);
	return n;
}

static off_t
file_size(const char *file)
{
	struct stat sb;
	return stat(file, &sb) == 0 ? sb.st_size : -1;
}

/* A new database appears only when published: a failed or dry first import must not
 * leave an empty database (or a temporary file) behind. */
static void
test_new_database_publish(void)
{
	rota_error err;
	const char *db = path("fresh.db");

	rota_store *s = rota_store_open(db, ROTA_STORE_CREATE, 0, &err);
	if (!ok(s != NULL, "create fresh.db"))
		return;
	ok(add_ticket(s, "A") == 0, "write into the new database");
	is_int(files_like("fresh.db"), 3, "built beside it (temporary file, -wal, -shm)");
	ok(access(db, F_OK) != 0, "not at its path before it is published");
	rota_store_close(s);
	is_int(files_like("fresh.db"), 0, "closed unpublished: no database, no temporary files");

	s = rota_store_open(db, ROTA_STORE_CREATE, 0, &err);
	ok(s && add_ticket(s, "A") == 0, "create again");
	ok(s && rota_store_publish(s, &err) == 0, "publish");
	rota_store_close(s);
	is_int(files_like("fresh.db"), 1, "published: the database alone");
	is_int(sqlraw_int(db, "SELECT count(*) FROM tickets"), 1, "with its data");
	ok(sqlraw_int(db, "PRAGMA user_version") == ROTA_STORE_SCHEMA_VERSION, "and its schema");
	s = rota_store_open(db, ROTA_STORE_CREATE, 0, &err);
	ok(s && add_ticket(s, "B") == 0, "an existing database is written in place");
	is_int(files_like("fresh.db"), 3, "no temporary file for it (-wal and -shm only)");
	ok(s && rota_store_publish(s, &err) == 0 && add_ticket(s, "C") == 0,
	   "publish does nothing to an existing database");
	rota_store_close(s);
	is_int(sqlraw_int(db, "SELECT count(*) FROM tickets"), 3, "all its writes kept");
	is_str(sqlraw_str(db, "PRAGMA journal_mode"), "wal",
	       "published in WAL mode (opening it later does not rewrite its header)");

	/* Another process creates the database while this one is being built. */
	const char *race = path("race.db");
	s = rota_store_open(race, ROTA_STORE_CREATE, 0, &err);
	ok(s && add_ticket(s, "mine") == 0, "build race.db");
	sqlraw_exec(race, "CREATE TABLE theirs(x)");
	rota_error_clear(&err);
	ok(s && rota_store_publish(s, &err) < 0, "publish refuses to replace it");
	is_int(err.status, ROTA_EXIT_RUNTIME, "race: status 3");
	ok(strstr(err.msg, "another process") != NULL, "race: %s", err.msg);
	rota_store_close(s);
	is_int(sqlraw_int(race, "SELECT count(*) FROM sqlite_master WHERE name = 'theirs'"), 1,
	       "theirs is untouched");
	is_int(files_like("race.db"), 1, "no temporary file left");

	/* An empty file (touch, mktemp) counts as no database, and keeps its mode. */
	const char *empty = path("empty0.db");
	FILE *f = fopen(empty, "w");
	fclose(f);
	chmod(empty, 0640);
	s = rota_store_open(empty, ROTA_STORE_CREATE, 0, &err);
	ok(s && add_ticket(s, "A") == 0, "build into an empty file");
	rota_store_close(s);
	is_int((int)file_size(empty), 0, "unpublished: the empty file stays empty");
	is_int(files_like("empty0.db"), 1, "and alone");
	s = rota_store_open(empty, ROTA_STORE_CREATE, 0, &err);
	ok(s && add_ticket(s, "A") == 0 && rota_store_publish(s, &err) == 0, "publish over it");
	rota_store_close(s);
	is_int(sqlraw_int(empty, "SELECT count(*) FROM tickets"), 1, "it is the database now");
	struct stat sb;
	ok(stat(empty, &sb) == 0 && (sb.st_mode & 0777) == 0640, "with the file's mode");

	/* A symbolic link to where the database is to be: it appears there, the link stays. */
	const char *link = path("link.db");
	ok(symlink("linked.db", link) == 0, "a link to nothing yet");
	s = rota_store_open(link, ROTA_STORE_CREATE, 0, &err);
	ok(s && add_ticket(s, "A") == 0, "build through the link");
	rota_store_close(s);
	ok(lstat(link, &sb) == 0 && S_ISLNK(sb.st_mode) && access(path("linked.db"), F_OK) != 0,
	   "unpublished: the link alone");
	s = rota_store_open(link, ROTA_STORE_CREATE, 0, &err);
	ok(s && add_ticket(s, "A") == 0 && rota_store_publish(s, &err) == 0,
	   "publish through the link");
	rota_store_close(s);
	ok(lstat(link, &sb) == 0 && S_ISLNK(sb.st_mode), "the link is still a link");
	is_int(sqlraw_int(path("linked.db"), "SELECT count(*) FROM tickets"), 1,
	       "the database is where it leads");
}


static int
mode_of(const char *file)
{
	struct stat sb;
	return stat(file, &sb) == 0 ? (int)(sb.st_mode & 07777) : -1;
}

/* The name of the temporary database being built for `base` (NULL: none). */
static const char *
tmp_of(const char *base)
{
	static char found[256];
	char prefix[128];
	DIR *d = opendir(dir);
	snprintf(prefix, sizeof prefix, "%s.tmp-", base);
	found[0] = '\0';
	for (struct dirent *de; d && (de = readdir(d)) != NULL;)
		if (strncmp(de->d_name, prefix, strlen(prefix)) == 0 && strlen(de->d_name) ==
		    strlen(prefix) + 6)
			snprintf(found, sizeof found, "%s", path(de->d_name));
	if (d)
		closedir(d);
	return found[0] ? found : NULL;
}

/* Ticket data is for its owner: a new database and its -wal are 0600 whatever the umask. */
static void
test_permissions(void)
{
	rota_error err;
	char wal[300];
	mode_t old = umask(0);
	rota_store *s = rota_store_open(path("perm.db"), ROTA_STORE_CREATE, 0, &err);
	ok(s && add_ticket(s, "A") == 0, "build perm.db under umask 0");
	const char *tmp = tmp_of("perm.db");
	ok(tmp != NULL, "built in perm.db.tmp-XXXXXX");
	if (tmp) {
		is_int(mode_of(tmp), 0600, "the temporary database is 0600");
		snprintf(wal, sizeof wal, "%s-wal", tmp);
		is_int(mode_of(wal), 0600, "its -wal too");
	}
	ok(s && rota_store_publish(s, &err) == 0, "publish");
	rota_store_close(s);
	is_int(mode_of(path("perm.db")), 0600, "the database is 0600");
	s = rota_store_open(path("perm.db"), 0, 0, &err);
	ok(s && add_ticket(s, "B") == 0, "write to it again");
	snprintf(wal, sizeof wal, "%s-wal", path("perm.db"));
	is_int(mode_of(wal), 0600, "its -wal is 0600");
	rota_store_close(s);
	umask(old);
}

/* On SIGINT and the like the command layer calls rota_cleanup_run: the database being
 * built and its side files are registered there. */
static void
test_cleanup_on_signal(void)
{
	rota_error err;
	rota_store *s = rota_store_open(path("sig.db"), ROTA_STORE_CREATE, 0, &err);
	ok(s && add_ticket(s, "A") == 0, "build sig.db");
	is_int(files_like("sig.db"), 3, "temporary database, -wal, -shm");
	rota_cleanup_run();
	is_int(files_like("sig.db"), 0, "rota_cleanup_run removes them all");
	rota_store_close(s);
	s = rota_store_open(path("sig.db"), ROTA_STORE_CREATE, 0, &err);
	ok(s && add_ticket(s, "A") == 0 && rota_store_publish(s, &err) == 0, "build and publish");
	rota_store_close(s);
	rota_cleanup_run();
	is_int(files_like("sig.db"), 1, "a published database is no longer registered");
}

static void
touch(const char *file)
{
	FILE *f = fopen(file, "w");
	if (f) {
		fputs("x", f);
		fclose(f);
	}
}

/* After SIGKILL the next run removes the temporary databases of its own naming that no
 * live process holds, and nothing else. */
static void
test_stale(void)
{
	rota_error err;
	touch(path("st.db.tmp-AbC123"));
	touch(path("st.db.tmp-AbC123-wal"));
	touch(path("st.db.tmp-AbC123-shm"));
	touch(path("st.db.tmp-Zz9999-journal"));   /* a side file whose database is gone */
	touch(path("st.db.tmp-HeLd00"));
	touch(path("st.db.backup"));
	touch(path("st.db.tmp-short"));
	touch(path("st.db.tmp-AbC123.txt"));
	int held = open(path("st.db.tmp-HeLd00"), O_RDONLY);
	ok(held >= 0 && flock(held, LOCK_EX) == 0, "a live run holds st.db.tmp-HeLd00");
	is_int(files_like("st.db"), 8, "eight files");
	rota_store *s = rota_store_open(path("st.db"), ROTA_STORE_CREATE, 0, &err);
	ok(s != NULL, "open st.db for writing");
	rota_store_close(s);
	ok(access(path("st.db.tmp-AbC123"), F_OK) != 0 &&
	   access(path("st.db.tmp-AbC123-wal"), F_OK) != 0 &&
	   access(path("st.db.tmp-AbC123-shm"), F_OK) != 0, "the stale one is gone with its side files");
	ok(access(path("st.db.tmp-Zz9999-journal"), F_OK) != 0, "an orphan side file is gone");
	ok(access(path("st.db.tmp-HeLd00"), F_OK) == 0, "the held one stays");
	ok(access(path("st.db.backup"), F_OK) == 0 && access(path("st.db.tmp-short"), F_OK) == 0 &&
	   access(path("st.db.tmp-AbC123.txt"), F_OK) == 0, "other names are not touched");
	close(held);
	s = rota_store_open(path("st.db"), ROTA_STORE_CREATE, 0, &err);
	rota_store_close(s);
	ok(access(path("st.db.tmp-HeLd00"), F_OK) != 0, "once its holder is gone, it goes too");
}

/* Readers work on what they cannot write and leave no -wal or -shm behind. */
static void
test_readonly_places(void)
{
	rota_error err;
	const char *db = path("ro.db");
	rota_store *s = rota_store_open(db, ROTA_STORE_CREATE, 0, &err);
	ok(s && add_ticket(s, "A") == 0 && rota_store_publish(s, &err) == 0, "build ro.db");
	rota_store_close(s);
	chmod(db, 0444);
	s = rota_store_open(db, ROTA_STORE_READONLY, 0, &err);
	ok(s != NULL, "a 0444 database opens read-only: %s", s ? "" : err.msg);
	is_int(s ? ntickets(s) : -1, 1, "and reads");
	ok(s && add_ticket(s, "B") < 0, "but does not write");
	rota_store_close(s);
	is_int(files_like("ro.db"), 1, "no -wal or -shm left");
	chmod(db, 0644);

	const char *empty = path("ro-empty.db");
	touch(empty);
	truncate(empty, 0);
	s = rota_store_open(empty, ROTA_STORE_READONLY, 0, &err);
	ok(s != NULL, "an empty file opens read-only");
	is_int(s ? ntickets(s) : -1, 0, "as an empty database");
	rota_store_close(s);
	is_int(files_like("ro-empty.db"), 1, "and stays as it was");
}

int
main(void)
{
	if (mkdtemp(dir) == NULL)
		return 99;
	test_create_and_reopen();
	test_refusals();
	test_migration_from_empty();
	test_migration_v1();
	test_migration_v3();
	test_transactions();
	test_new_database_publish();
	test_readers();
	test_permissions();
	test_cleanup_on_signal();
	test_stale();
	test_readonly_places();
	DIR *d = opendir(dir);
	for (struct dirent *de; d && (de = readdir(d)) != NULL;)
		if (de->d_name[0] != '.')
			unlink(path(de->d_name));
	if (d)
		closedir(d);
	rmdir(dir);
	return tap_done();
}
