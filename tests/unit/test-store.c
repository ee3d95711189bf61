/* The store: creation and migration, identity checks, reopening, transactions, locking,
 * the statement cache and the typed readers. */
#include <config.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <sqlite3.h>
#include <rota/rota.h>
#include <rota/store.h>
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
raw_int(const char *file, const char *sql)
{
	sqlite3 *db;
	sqlite3_stmt *st;
	int v = -1;
	sqlite3_open(file, &db);
	if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) == SQLITE_OK && sqlite3_step(st) == SQLITE_ROW)
		v = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	sqlite3_close(db);
	return v;
}

static void
raw_exec(const char *file, const char *sql)
{
	sqlite3 *db;
	sqlite3_open(file, &db);
	sqlite3_exec(db, sql, NULL, NULL, NULL);
	sqlite3_close(db);
}

static int64_t
count(rota_store *s, const char *sql)
{
	rota_error err;
	sqlite3_stmt *st = rota_store_stmt(s, sql, &err);
	if (st == NULL || sqlite3_step(st) != SQLITE_ROW)
		return -1;
	int64_t n = sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	return n;
}

static int
add_ticket(rota_store *s, const char *key)
{
	rota_error err;
	sqlite3_stmt *st = rota_store_stmt(s, "INSERT INTO tickets(key) VALUES (?1)", &err);
	if (st == NULL)
		return -1;
	sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
	return sqlite3_step(st) == SQLITE_DONE ? 0 : -1;
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
	is_int(count(s, "PRAGMA user_version"), ROTA_STORE_SCHEMA_VERSION, "migrated to current");
	is_int(count(s, "PRAGMA application_id"), ROTA_STORE_APP_ID, "marked as rota's");
	is_int(count(s, "SELECT count(*) FROM sqlite_master WHERE name IN ('tickets', 'events',"
	             " 'snapshots', 'ticket_attrs', 'imports', 'alert_state')"), 6, "all tables");
	sqlite3_stmt *st = rota_store_stmt(s, "PRAGMA journal_mode", &err);
	ok(st && sqlite3_step(st) == SQLITE_ROW &&
	   strcmp((const char *)sqlite3_column_text(st, 0), "wal") == 0, "WAL mode");
	ok(rota_store_stmt(s, "SELECT 1", &err) == rota_store_stmt(s, "SELECT 1", &err),
	   "a statement is prepared once");
	ok(add_ticket(s, "A") == 0, "autocommit write");
	ok(rota_store_publish(s, &err) == 0, "publish the new database");
	rota_store_close(s);

	s = rota_store_open(db, 0, 0, &err);
	ok(s != NULL, "reopen without CREATE");
	if (s == NULL)
		return;
	is_int(rota_store_version_found(s), ROTA_STORE_SCHEMA_VERSION, "found current schema");
	is_int(count(s, "SELECT count(*) FROM tickets"), 1, "data survived");
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
	raw_exec(other, "CREATE TABLE foo(x)");
	ok(rota_store_open(other, ROTA_STORE_CREATE, 0, &err) == NULL, "foreign database refused");
	ok(strstr(err.msg, "not a rota database") != NULL, "foreign: %s", err.msg);
	is_int(raw_int(other, "SELECT count(*) FROM sqlite_master"), 1, "foreign file untouched");

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
	raw_exec(newer, "PRAGMA user_version = 99");
	ok(rota_store_open(newer, 0, 0, &err) == NULL, "newer schema refused");
	ok(strstr(err.msg, "newer") != NULL && strstr(err.msg, "99") != NULL, "newer: %s", err.msg);
	is_int(raw_int(newer, "PRAGMA user_version"), 99, "newer file untouched");
}

/* A database left at version 0 with rota's id (a crash between creation and migration)
 * and one at the current version that lost its id are both brought up to date. */
static void
test_migration_from_empty(void)
{
	rota_error err;
	const char *db = path("empty.db");
	raw_exec(db, "PRAGMA user_version = 0");
	rota_store *s = rota_store_open(db, 0, 0, &err);
	ok(s != NULL, "an empty SQLite file is migrated");
	if (s)
		is_int(count(s, "PRAGMA user_version"), ROTA_STORE_SCHEMA_VERSION, "empty: version");
	rota_store_close(s);
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
	is_int(count(s, "SELECT count(*) FROM tickets"), 2, "visible inside");
	rota_store_rollback(s);
	is_int(count(s, "SELECT count(*) FROM tickets"), 0, "rollback leaves nothing");
	rota_store_rollback(s);   /* harmless without a transaction */

	ok(rota_store_begin(s, &err) == 0, "begin again");
	ok(add_ticket(s, "T3") == 0, "write");
	ok(rota_store_commit(s, &err) == 0, "commit");
	is_int(count(s, "SELECT count(*) FROM tickets"), 1, "commit keeps");

	/* Another writer holds the lock: BEGIN IMMEDIATE waits the busy timeout, then
	 * fails with status 3 and a message that says what to do. */
	sqlite3 *other;
	sqlite3_open(path("tx.db"), &other);
	ok(sqlite3_exec(other, "BEGIN IMMEDIATE", NULL, NULL, NULL) == SQLITE_OK, "other locks");
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
	sqlite3_exec(other, "ROLLBACK", NULL, NULL, NULL);
	sqlite3_close(other);
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

static void
test_readers(void)
{
	rota_error err;
	rota_store *s = rota_store_open(":memory:", ROTA_STORE_CREATE, 0, &err);
	if (!ok(s != NULL, "memory store"))
		return;
	sqlite3_exec(rota_store_db(s),
	             "INSERT INTO tickets(id, key) VALUES (1, 'B'), (2, 'A');"
	             "INSERT INTO events(ticket_id, time, kind, team) VALUES"
	             " (1, 20, 'assign', 'x'), (1, 10, 'created', ''), (2, 30, 'created', 'y'),"
	             " (2, 40, 'resolved', '');"
	             "INSERT INTO ticket_attrs VALUES (1, 'tier', 'gold', 0), (2, 'tier', 'silver', 0);",
	             NULL, NULL, NULL);
	rota_strbuf b = ROTA_STRBUF_INIT;
	ok(rota_store_each_event(s, NULL, ROTA_TIME_MAX, collect, &b, &err) == 0, "each event");
	is_str(rota_strbuf_str(&b), "A@30:created:y;A@40:resolved:;B@10:created:;B@20:assign:x;",
	       "ordered by ticket, time");
	rota_strbuf_reset(&b);
	rota_store_each_event(s, "B", 15, collect, &b, &err);
	is_str(rota_strbuf_str(&b), "B@10:created:;", "one ticket, until a time");
	is_int(rota_store_count_events(s, &err), 4, "count");
	rota_strbuf_free(&b);

	ok(sqlite3_exec(rota_store_db(s), "INSERT INTO events(ticket_id, time, kind) VALUES"
	                " (1, 5, 'bogus')", NULL, NULL, NULL) != SQLITE_OK,
	   "the schema refuses unknown event kinds");
	ok(sqlite3_exec(rota_store_db(s), "INSERT INTO events(ticket_id, time, kind) VALUES"
	                " (1, 10, 'created')", NULL, NULL, NULL) != SQLITE_OK,
	   "the schema refuses a duplicate event");
	rota_store_close(s);

	for (int k = 0; k < ROTA_EVENT_NKINDS; k++)
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
	is_int(raw_int(db, "SELECT count(*) FROM tickets"), 1, "with its data");
	ok(raw_int(db, "PRAGMA user_version") == ROTA_STORE_SCHEMA_VERSION, "and its schema");
	s = rota_store_open(db, ROTA_STORE_CREATE, 0, &err);
	ok(s && add_ticket(s, "B") == 0, "an existing database is written in place");
	is_int(files_like("fresh.db"), 3, "no temporary file for it (-wal and -shm only)");
	ok(s && rota_store_publish(s, &err) == 0 && add_ticket(s, "C") == 0,
	   "publish does nothing to an existing database");
	rota_store_close(s);
	is_int(raw_int(db, "SELECT count(*) FROM tickets"), 3, "all its writes kept");
	sqlite3 *raw;
	sqlite3_open(db, &raw);
	sqlite3_stmt *st;
	sqlite3_prepare_v2(raw, "PRAGMA journal_mode", -1, &st, NULL);
	ok(sqlite3_step(st) == SQLITE_ROW &&
	   strcmp((const char *)sqlite3_column_text(st, 0), "wal") == 0,
	   "published in WAL mode (opening it later does not rewrite its header)");
	sqlite3_finalize(st);
	sqlite3_close(raw);

	/* Another process creates the database while this one is being built. */
	const char *race = path("race.db");
	s = rota_store_open(race, ROTA_STORE_CREATE, 0, &err);
	ok(s && add_ticket(s, "mine") == 0, "build race.db");
	raw_exec(race, "CREATE TABLE theirs(x)");
	rota_error_clear(&err);
	ok(s && rota_store_publish(s, &err) < 0, "publish refuses to replace it");
	is_int(err.status, ROTA_EXIT_RUNTIME, "race: status 3");
	ok(strstr(err.msg, "another process") != NULL, "race: %s", err.msg);
	rota_store_close(s);
	is_int(raw_int(race, "SELECT count(*) FROM sqlite_master WHERE name = 'theirs'"), 1,
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
	is_int(raw_int(empty, "SELECT count(*) FROM tickets"), 1, "it is the database now");
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
	is_int(raw_int(path("linked.db"), "SELECT count(*) FROM tickets"), 1,
	       "the database is where it leads");
}

int
main(void)
{
	if (mkdtemp(dir) == NULL)
		return 99;
	test_create_and_reopen();
	test_refusals();
	test_migration_from_empty();
	test_transactions();
	test_new_database_publish();
	test_readers();
	DIR *d = opendir(dir);
	for (struct dirent *de; d && (de = readdir(d)) != NULL;)
		if (de->d_name[0] != '.')
			unlink(path(de->d_name));
	if (d)
		closedir(d);
	rmdir(dir);
	return tap_done();
}
