/* The SQLite store: opening (read-only places included), schema migrations, building a
 * new database beside its path, transactions and the statement cache.  What import
 * writes is in store-import.c, the readers in store-list.c. */
#include <config.h>
#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <sys/file.h>
#include <dirent.h>
#include <sqlite3.h>
#include <rota/rota.h>
#include <rota/cleanup.h>
#include <rota/store.h>
#include "store-int.h"

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
	/* 1 -> 2: 'message' events (from the customer).  SQLite cannot change a CHECK, so
	 * the table is rebuilt; ids are kept. */
	"CREATE TABLE events_v2 ("
	"  id INTEGER PRIMARY KEY,"
	"  ticket_id INTEGER NOT NULL REFERENCES tickets(id),"
	"  time INTEGER NOT NULL,"
	"  kind TEXT NOT NULL CHECK (kind IN ('created','reply','note','status','assign',"
	"                                     'priority','resolved','closed','reopened',"
	"                                     'message')),"
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
	"INSERT INTO events_v2 SELECT id, ticket_id, time, kind, status, team, priority, agent,"
	"  queue, channel, customer_tz, ord, source, import_id FROM events;"
	"DROP TABLE events;"
	"ALTER TABLE events_v2 RENAME TO events;"
	"CREATE UNIQUE INDEX events_identity ON events(ticket_id, time, kind, status, team,"
	"  priority, agent, queue, channel, customer_tz, ord);"
	"CREATE INDEX events_time ON events(time);",
	/* 2 -> 3: what rota-sla --open-only reads.  tickets.closed_at: the time of the
	 * ticket's last resolved/closed/reopened event when that event is resolved or closed,
	 * NULL while open; kept by triggers, so every writer keeps it.  A ticket with
	 * closed_at <= T was closed at T (nothing after reopened it), which makes the index
	 * an exact first cut for any T. */
	"ALTER TABLE tickets ADD COLUMN closed_at INTEGER;"
	"UPDATE tickets SET closed_at = (SELECT CASE WHEN e.kind = 'reopened' THEN NULL"
	"  ELSE e.time END FROM events e WHERE e.ticket_id = tickets.id"
	"  AND e.kind IN ('resolved', 'closed', 'reopened') ORDER BY e.time DESC, e.id DESC"
	"  LIMIT 1);"
	"CREATE INDEX tickets_closed_at ON tickets(closed_at);"
	"CREATE TRIGGER events_closed_at_insert AFTER INSERT ON events"
	"  WHEN NEW.kind IN ('resolved', 'closed', 'reopened') BEGIN"
	"  UPDATE tickets SET closed_at = (SELECT CASE WHEN e.kind = 'reopened' THEN NULL"
	"    ELSE e.time END FROM events e WHERE e.ticket_id = NEW.ticket_id"
	"    AND e.kind IN ('resolved', 'closed', 'reopened') ORDER BY e.time DESC, e.id DESC"
	"    LIMIT 1) WHERE id = NEW.ticket_id; END;"
	"CREATE TRIGGER events_closed_at_delete AFTER DELETE ON events"
	"  WHEN OLD.kind IN ('resolved', 'closed', 'reopened') BEGIN"
	"  UPDATE tickets SET closed_at = (SELECT CASE WHEN e.kind = 'reopened' THEN NULL"
	"    ELSE e.time END FROM events e WHERE e.ticket_id = OLD.ticket_id"
	"    AND e.kind IN ('resolved', 'closed', 'reopened') ORDER BY e.time DESC, e.id DESC"
	"    LIMIT 1) WHERE id = OLD.ticket_id; END;",
	/* 3 -> 4: alert_state keyed by delivery.  OLA clocks are per team, and a
	 * notification counts as sent per route and sink (one sink failing must not mark
	 * the others, nor be lost itself).  Old rows are kept, with no route or sink: no
	 * route sends under that name, so they only end as cleared history.  alert_runs:
	 * when each rota-alert run evaluated, so that the next one also looks at tickets
	 * closed in between (a breach seen only after its ticket closed). */
	"ALTER TABLE alert_state RENAME TO alert_state_v3;"
	"CREATE TABLE alert_state ("
	"  ticket TEXT NOT NULL,"
	"  kind TEXT NOT NULL,"
	"  policy TEXT NOT NULL,"
	"  metric TEXT NOT NULL,"
	"  team TEXT NOT NULL DEFAULT '',"
	"  cycle INTEGER NOT NULL,"
	"  level TEXT NOT NULL,"
	"  route TEXT NOT NULL,"
	"  sink TEXT NOT NULL,"
	"  first_at INTEGER NOT NULL,"
	"  last_at INTEGER NOT NULL,"
	"  count INTEGER NOT NULL DEFAULT 1,"
	"  escalated_at INTEGER,"
	"  cleared_at INTEGER,"
	"  PRIMARY KEY (ticket, kind, metric, team, cycle, level, route, sink)) WITHOUT ROWID;"
	"INSERT INTO alert_state (ticket, kind, policy, metric, cycle, level, route, sink,"
	"  first_at, last_at, count, escalated_at, cleared_at)"
	"  SELECT ticket, kind, policy, metric, cycle, level, '', '', first_at, last_at, count,"
	"  escalated_at, cleared_at FROM alert_state_v3;"
	"DROP TABLE alert_state_v3;"
	"CREATE TABLE alert_runs ("
	"  id INTEGER PRIMARY KEY,"
	"  at INTEGER NOT NULL,"
	"  finished INTEGER NOT NULL,"
	"  sent INTEGER NOT NULL DEFAULT 0,"
	"  failed INTEGER NOT NULL DEFAULT 0);",
	/* 4 -> 5: what rota-ical export last wrote of each shift, so that a re-export keeps
	 * UIDs' SEQUENCE and DTSTAMP, raises them for a changed shift and cancels a removed
	 * one.  hash is the event's 64-bit hash as a signed integer. */
	"CREATE TABLE ical_state ("
	"  plan TEXT NOT NULL,"
	"  agent TEXT NOT NULL,"
	"  day INTEGER NOT NULL,"
	"  n INTEGER NOT NULL,"
	"  hash INTEGER NOT NULL,"
	"  seq INTEGER NOT NULL,"
	"  stamp INTEGER NOT NULL,"
	"  start INTEGER NOT NULL,"
	"  end INTEGER NOT NULL,"
	"  tz TEXT NOT NULL,"
	"  summary TEXT NOT NULL,"
	"  cancelled INTEGER NOT NULL DEFAULT 0,"
	"  PRIMARY KEY (plan, agent, day, n)) WITHOUT ROWID;",
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
store_fail(rota_store *s, rota_error *err, const char *what)
{
	int rc = sqlite3_extended_errcode(s->db);
	if (is_busy(rc)) {
		rota_error_set(err, ROTA_EXIT_RUNTIME, s->path, 0, 0,
		               "database is locked by another process (waited %d ms) while %s: try "
		               "again when it has finished, or ", s->busy_ms, what);
		return rota_error_fix(err, "wait longer with {busy-timeout}");
	}
	return rota_error_set(err, ROTA_EXIT_RUNTIME, s->path, 0, 0, "%s failed: %s", what,
	                      sqlite3_errmsg(s->db));
}

/* Run one pragma or DDL text with no parameters and no results wanted. */
static int
exec(rota_store *s, const char *sql, const char *what, rota_error *err)
{
	if (sqlite3_exec(s->db, sql, NULL, NULL, NULL) != SQLITE_OK)
		return store_fail(s, err, what);
	return 0;
}

static int
pragma_int(rota_store *s, const char *sql, int *out, rota_error *err)
{
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(s->db, sql, -1, &st, NULL) != SQLITE_OK)
		return store_fail(s, err, "reading the database header");
	int rc = sqlite3_step(st);
	*out = rc == SQLITE_ROW ? sqlite3_column_int(st, 0) : 0;
	sqlite3_finalize(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return store_fail(s, err, "reading the database header");
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

/* Where a symbolic link leads, even when nothing is there yet (rota.db -> /data/rota.db
 * before the first import): the new database must appear there, not replace the link. */
static char *
follow_links(const char *path)
{
	char *cur = rota_xstrdup(path);
	for (int hops = 0; hops < 16; hops++) {
		struct stat sb;
		char buf[4096];
		if (lstat(cur, &sb) != 0 || !S_ISLNK(sb.st_mode))
			return cur;
		ssize_t n = readlink(cur, buf, sizeof buf - 1);
		if (n < 0)
			return cur;
		buf[n] = '\0';
		rota_strbuf next = ROTA_STRBUF_INIT;
		if (buf[0] != '/' && strchr(cur, '/')) {
			char *copy = rota_xstrdup(cur);
			rota_strbuf_printf(&next, "%s/", dirname(copy));
			free(copy);
		}
		rota_strbuf_puts(&next, buf);
		free(cur);
		cur = rota_strbuf_detach(&next);
	}
	return cur;
}

/* Nothing at s->target yet, or an empty file: the database is new. */
static int
is_new_file(rota_store *s, int *replace)
{
	struct stat sb;
	*replace = 0;
	if (lstat(s->target, &sb) != 0)
		return errno == ENOENT;
	if (!S_ISREG(sb.st_mode) || sb.st_size != 0)
		return 0;
	*replace = 1;
	s->dev = sb.st_dev;
	s->ino = sb.st_ino;
	return 1;
}

static const char *const side_suffix[] = { "-wal", "-shm", "-journal" };
#define NSIDE (sizeof side_suffix / sizeof side_suffix[0])
#define TMP_MARK ".tmp-"

static char *
side_name(const char *base, size_t i)
{
	rota_strbuf b = ROTA_STRBUF_INIT;
	rota_strbuf_printf(&b, "%s%s", base, side_suffix[i]);
	return rota_strbuf_detach(&b);
}

/* NAME.tmp-XXXXXX exactly (mkstemp's six letters or digits), then optionally a side
 * suffix: the only names the stale cleaner ever touches.  Returns the length of the
 * temporary database's own name within `entry`, 0 when it is not one. */
static size_t
tmp_name_len(const char *entry, const char *base)
{
	size_t nb = strlen(base), nm = strlen(TMP_MARK);
	if (strncmp(entry, base, nb) != 0 || strncmp(entry + nb, TMP_MARK, nm) != 0)
		return 0;
	const char *x = entry + nb + nm;
	for (int i = 0; i < 6; i++)
		if (!((x[i] >= 'a' && x[i] <= 'z') || (x[i] >= 'A' && x[i] <= 'Z') ||
		      (x[i] >= '0' && x[i] <= '9')))
			return 0;
	if (x[6] == '\0')
		return nb + nm + 6;
	for (size_t i = 0; i < NSIDE; i++)
		if (strcmp(x + 6, side_suffix[i]) == 0)
			return nb + nm + 6;
	return 0;
}

/* Remove the temporary database `file` (and its side files) when no live process holds
 * it: its creator keeps an exclusive flock on it for as long as it runs, so a lock that
 * this process can take means the creator is gone (killed: SIGKILL, power loss). */
static void
remove_if_stale(const char *file)
{
	struct stat fsb, psb;
	int fd = open(file, O_RDONLY | O_NOFOLLOW | O_CLOEXEC | O_NONBLOCK);
	if (fd < 0)
		return;
	if (fstat(fd, &fsb) == 0 && S_ISREG(fsb.st_mode) && fsb.st_uid == geteuid() &&
	    flock(fd, LOCK_EX | LOCK_NB) == 0 && stat(file, &psb) == 0 &&
	    psb.st_dev == fsb.st_dev && psb.st_ino == fsb.st_ino) {
		for (size_t i = 0; i < NSIDE; i++) {
			char *side = side_name(file, i);
			unlink(side);
			free(side);
		}
		unlink(file);
	}
	close(fd);
}

static void
clean_stale(const char *target)
{
	char *d = rota_xstrdup(target), *b = rota_xstrdup(target);
	const char *dir = dirname(d), *base = basename(b);
	DIR *dp = opendir(dir);
	rota_strbuf f = ROTA_STRBUF_INIT;

	for (struct dirent *de; dp && (de = readdir(dp)) != NULL;) {
		size_t n = tmp_name_len(de->d_name, base);
		if (n == 0)
			continue;
		rota_strbuf_reset(&f);
		rota_strbuf_printf(&f, "%s/%.*s", dir, (int)n, de->d_name);
		struct stat sb;
		if (de->d_name[n] == '\0') {
			remove_if_stale(rota_strbuf_str(&f));
		} else if (lstat(rota_strbuf_str(&f), &sb) != 0 && errno == ENOENT) {
			/* A side file whose database is gone: a creator removes its side files
			 * before its database, so nobody uses this one. */
			rota_strbuf_reset(&f);
			rota_strbuf_printf(&f, "%s/%s", dir, de->d_name);
			if (lstat(rota_strbuf_str(&f), &sb) == 0 && S_ISREG(sb.st_mode) &&
			    sb.st_uid == geteuid())
				unlink(rota_strbuf_str(&f));
		}
	}
	if (dp)
		closedir(dp);
	rota_strbuf_free(&f);
	free(d);
	free(b);
}

/* The file that the new database is built in: same directory, so that publishing it is
 * a rename; mode 0600 whatever the umask (ticket data), or the empty file's mode that it
 * replaces.  SQLite gives its -wal and -shm the database file's mode. */
static int
make_tmp(rota_store *s, int replace, rota_error *err)
{
	size_t n = strlen(s->target) + 16;
	struct stat sb, fsb;
	int fd;

	s->tmp = rota_xmalloc(n);
	for (;;) {
		snprintf(s->tmp, n, "%s" TMP_MARK "XXXXXX", s->target);
		if ((fd = mkostemp(s->tmp, O_CLOEXEC)) < 0) {
			free(s->tmp);
			s->tmp = NULL;
			return rota_error_set(err, ROTA_EXIT_RUNTIME, s->path, 0, 0,
			                      "cannot create the database: %s", strerror(errno));
		}
		/* Another run's cleaner may have taken the file for stale between mkstemp and
		 * the lock: then it is gone, and a new one is made. */
		if (flock(fd, LOCK_EX) == 0 && fstat(fd, &fsb) == 0 && stat(s->tmp, &sb) == 0 &&
		    sb.st_dev == fsb.st_dev && sb.st_ino == fsb.st_ino)
			break;
		close(fd);
	}
	s->tmp_fd = fd;
	s->tmp_clean[0] = rota_cleanup_add(s->tmp);
	for (size_t i = 0; i < NSIDE; i++) {
		char *side = side_name(s->tmp, i);
		s->tmp_clean[1 + i] = rota_cleanup_add(side);
		free(side);
	}
	fchmod(fd, replace && stat(s->target, &sb) == 0 ? sb.st_mode & 07777 : 0600);
	s->replace = replace;
	return 0;
}

/* The temporary database's side files (SQLite's, named after it); with `with_db` the
 * temporary database itself too, which is then forgotten. */
static void
unlink_tmp_files(rota_store *s, int with_db)
{
	for (size_t i = 0; i < NSIDE; i++) {
		char *side = side_name(s->tmp, i);
		unlink(side);
		free(side);
		rota_cleanup_forget(s->tmp_clean[1 + i]);
		s->tmp_clean[1 + i] = -1;
	}
	if (with_db) {
		unlink(s->tmp);
		rota_cleanup_forget(s->tmp_clean[0]);
		s->tmp_clean[0] = -1;
		free(s->tmp);
		s->tmp = NULL;
		close(s->tmp_fd);
		s->tmp_fd = -1;
	}
}

static int
can_write_dir(const char *path)
{
	char *copy = rota_xstrdup(path);
	int ok = access(dirname(copy), W_OK | X_OK) == 0;
	free(copy);
	return ok;
}

/* "file:" URI of path with immutable=1: read without locks, -wal or -shm. */
static char *
immutable_uri(const char *path)
{
	rota_strbuf b = ROTA_STRBUF_INIT;
	rota_strbuf_puts(&b, path[0] == '/' ? "file://" : "file:");
	for (const unsigned char *p = (const unsigned char *)path; *p; p++)
		if (*p == '%' || *p == '?' || *p == '#' || *p <= ' ' || *p >= 0x7f)
			rota_strbuf_printf(&b, "%%%02X", *p);
		else
			rota_strbuf_putc(&b, (char)*p);
	rota_strbuf_puts(&b, "?immutable=1");
	return rota_strbuf_detach(&b);
}

/* A reader opens the database so that it leaves nothing behind: read-write (with
 * query_only) where it could write, as SQLite then removes its -wal and -shm on close;
 * where it cannot, read-only, and without any -wal there (nothing uncommitted to read)
 * as immutable, which needs no -shm either. */
static int
reader_flags(rota_store *s, char **uri)
{
	char *wal = side_name(s->path, 0);
	int have_wal = access(wal, F_OK) == 0;
	free(wal);
	*uri = NULL;
	if (access(s->path, W_OK) == 0 && can_write_dir(s->path))
		return SQLITE_OPEN_READWRITE;
	if (!have_wal)
		*uri = immutable_uri(s->path);
	return SQLITE_OPEN_READONLY | (*uri ? SQLITE_OPEN_URI : 0);
}

static int
open_db(rota_store *s, unsigned flags, rota_error *err)
{
	int oflags = SQLITE_OPEN_READWRITE, replace, rc;
	int memory = strcmp(s->path, ":memory:") == 0;
	char *uri = NULL;
	struct stat sb;

	/* SQLite's own message for a missing file ("unable to open database file") does not
	 * say what to do about it. */
	if (!(flags & ROTA_STORE_CREATE) && !memory && stat(s->path, &sb) != 0)
		return rota_error_set(err, ROTA_EXIT_USAGE, s->path, 0, 0,
		                      "cannot open the database: %s (import data first with "
		                      "rota-import, or name another with -d FILE)", strerror(errno));
	if (flags & ROTA_STORE_READONLY) {
		if (!memory)
			oflags = reader_flags(s, &uri);
	} else if (!memory) {
		s->target = follow_links(s->path);
		clean_stale(s->target);
		if ((flags & ROTA_STORE_CREATE) && is_new_file(s, &replace) &&
		    make_tmp(s, replace, err) < 0)
			return -1;
	}
	if (flags & ROTA_STORE_CREATE)
		oflags |= SQLITE_OPEN_CREATE;
	rc = sqlite3_open_v2(uri ? uri : s->tmp ? s->tmp : s->path, &s->db,
	                     oflags | SQLITE_OPEN_NOMUTEX, NULL);
	free(uri);
	if (rc != SQLITE_OK) {
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

/* A reader that SQLite could not serve for want of writing: say why and what to do. */
static int
reader_error(rota_store *s, rota_error *err)
{
	int rc = sqlite3_extended_errcode(s->db);
	if ((rc & 0xff) != SQLITE_READONLY && (rc & 0xff) != SQLITE_CANTOPEN)
		return -1;
	return rota_error_set(err, ROTA_EXIT_RUNTIME, s->path, 0, 0,
	                      "cannot read the database: a writer's log (%s-wal) is there and "
	                      "reading it needs write access to %s-shm or the directory; run as "
	                      "the database's owner, or read a copy (cp %s copy.db)",
	                      s->path, s->path, s->path);
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
		if (flags & ROTA_STORE_READONLY)
			reader_error(s, err);
		return -1;
	}
	if (pragma_int(s, "PRAGMA application_id", &app_id, err) < 0 ||
	    check_identity(s, app_id, err) < 0)
		return -1;
	if (s->version_found > ROTA_STORE_SCHEMA_VERSION)
		return newer_error(s, s->version_found, err);
	if (flags & ROTA_STORE_READONLY) {
		int ntables = 0;
		if (s->version_found < ROTA_STORE_SCHEMA_VERSION &&
		    pragma_int(s, "SELECT count(*) FROM sqlite_master", &ntables, err) < 0)
			return -1;
		if (s->version_found == 0 && ntables == 0)
			s->empty = 1;
		else if (s->version_found < ROTA_STORE_SCHEMA_VERSION)
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
	/* SQLite reads "" as a private temporary database: all work would be lost. */
	if (*path == '\0') {
		rota_error_set(err, ROTA_EXIT_USAGE, NULL, 0, 0,
		               "the database name is empty: name the file with -d FILE or $ROTA_DB");
		return NULL;
	}
	rota_store *s = rota_xcalloc(1, sizeof *s);
	s->path = rota_xstrdup(path);
	s->tmp_fd = -1;
	for (size_t i = 0; i < 1 + NSIDE; i++)
		s->tmp_clean[i] = -1;
	s->busy_ms = busy_ms > 0 ? busy_ms : 10000;
	if (open_db(s, flags, err) < 0 || setup(s, flags, err) < 0) {
		rota_store_close(s);
		return NULL;
	}
	return s;
}

/* A cached statement that was stepped but not reset holds a read transaction open. */
static void
drop_statements(rota_store *s)
{
	for (int i = 0; i < s->ncache; i++)
		sqlite3_finalize(s->cache[i].st);
	s->ncache = 0;
}

static void
close_db(rota_store *s)
{
	if (s->db)
		rota_store_rollback(s);
	drop_statements(s);
	sqlite3_close(s->db);
	s->db = NULL;
}

void
rota_store_close(rota_store *s)
{
	if (s == NULL)
		return;
	close_db(s);
	if (s->tmp)
		unlink_tmp_files(s, 1);
	free(s->target);
	free(s->path);
	free(s);
}

static int
sync_dir(const char *path)
{
	char *copy = rota_xstrdup(path);
	int fd = open(dirname(copy), O_RDONLY | O_DIRECTORY | O_CLOEXEC), rc = -1;
	free(copy);
	if (fd >= 0) {
		rc = fsync(fd);
		close(fd);
	}
	return rc;
}

/* Move the finished new database to its name, never over a database that another
 * process created meanwhile. */
static int
place_tmp(rota_store *s)
{
	struct stat sb;

	if (s->replace) {
		if (lstat(s->target, &sb) != 0 || sb.st_dev != s->dev || sb.st_ino != s->ino ||
		    sb.st_size != 0) {
			errno = EEXIST;
			return -1;
		}
		return rename(s->tmp, s->target);
	}
#ifdef RENAME_NOREPLACE
	if (renameat2(AT_FDCWD, s->tmp, AT_FDCWD, s->target, RENAME_NOREPLACE) == 0)
		return 0;
	if (errno != EINVAL && errno != ENOSYS && errno != ENOTSUP)
		return -1;
#endif
	/* A file system without renameat2: link(2) refuses an existing name too. */
	if (link(s->tmp, s->target) == 0) {
		unlink(s->tmp);
		return 0;
	}
	if (errno != EPERM && errno != ENOTSUP && errno != ENOSYS)
		return -1;
	/* Nor hard links (vfat): look, then rename; only the moment between can race. */
	if (lstat(s->target, &sb) == 0) {
		errno = EEXIST;
		return -1;
	}
	return rename(s->tmp, s->target);
}

int
rota_store_publish(rota_store *s, rota_error *err)
{
	int log = 0, done = 0;

	if (s->tmp == NULL)
		return 0;
	/* Everything into the main file and the WAL emptied: the WAL belongs to the
	 * temporary name and would not follow the rename. */
	rota_store_rollback(s);
	drop_statements(s);
	if (sqlite3_wal_checkpoint_v2(s->db, NULL, SQLITE_CHECKPOINT_TRUNCATE, &log, &done)
	    != SQLITE_OK || log != 0) {
		store_fail(s, err, "writing the new database");
		close_db(s);
		unlink_tmp_files(s, 1);
		return -1;
	}
	close_db(s);
	unlink_tmp_files(s, 0);
	if (fsync(s->tmp_fd) != 0) {
		rota_error_set(err, ROTA_EXIT_RUNTIME, s->path, 0, 0,
		               "writing the new database failed: %s", strerror(errno));
		unlink_tmp_files(s, 1);
		return -1;
	}
	if (place_tmp(s) != 0) {
		int e = errno;
		unlink_tmp_files(s, 1);
		if (e == EEXIST)
			return rota_error_set(err, ROTA_EXIT_RUNTIME, s->path, 0, 0,
			                      "another process created the database while this one "
			                      "was being built, so nothing was written: run the "
			                      "command again to add to it");
		return rota_error_set(err, ROTA_EXIT_RUNTIME, s->path, 0, 0,
		                      "cannot put the new database in place: %s", strerror(e));
	}
	rota_cleanup_forget(s->tmp_clean[0]);
	s->tmp_clean[0] = -1;
	free(s->tmp);
	s->tmp = NULL;
	close(s->tmp_fd);
	s->tmp_fd = -1;
	sync_dir(s->target);
	return 0;
}

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
	if (s->db && !sqlite3_get_autocommit(s->db))
		sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
	s->in_tx = 0;
	s->scratch = 0;   /* made in the transaction, perhaps: made again when needed */
}

sqlite3_stmt *
store_stmt(rota_store *s, const char *sql, rota_error *err)
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
		store_fail(s, err, "preparing a query");
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

static const char *const field_names[ROTA_NFIELDS] = {
	"status", "team", "priority", "agent", "queue", "channel", "customer_tz",
};


const char *
rota_field_name(int field)
{
	return field >= 0 && field < ROTA_NFIELDS ? field_names[field] : "?";
}


/* ---- helpers of store-import.c and store-list.c ---- */

int
store_step_done(rota_store *s, sqlite3_stmt *st, const char *what, rota_error *err)
{
	int rc = sqlite3_step(st);
	if (rc != SQLITE_DONE && rc != SQLITE_ROW)
		return store_fail(s, err, what);
	return rc;
}

const char *
store_text(sqlite3_stmt *st, int i)
{
	const unsigned char *t = sqlite3_column_text(st, i);
	return t ? (const char *)t : "";
}

rota_time
store_time(sqlite3_stmt *st, int i)
{
	return sqlite3_column_type(st, i) == SQLITE_NULL ? ROTA_TIME_NONE
	       : sqlite3_column_int64(st, i);
}

void
store_bind_time(sqlite3_stmt *st, int i, rota_time t)
{
	if (t == ROTA_TIME_NONE)
		sqlite3_bind_null(st, i);
	else
		sqlite3_bind_int64(st, i, t);
}
