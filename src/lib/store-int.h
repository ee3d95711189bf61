/* Inside the store: what src/lib/store*.c share and nothing else may see. */
#ifndef ROTA_STORE_INT_H
#define ROTA_STORE_INT_H

#include <sys/types.h>
#include <sqlite3.h>
#include <rota/store.h>

#define STMT_CACHE 48

struct rota_store {
	sqlite3 *db;
	char *path;
	/* A database this open creates is built in `tmp` beside `path` and only moved into
	 * place by rota_store_publish: a failed first import leaves no file behind. */
	char *tmp;
	int tmp_fd;           /* holds a lock on tmp, so that no other run takes it as stale */
	int tmp_clean[4];     /* rota_cleanup handles of tmp and its side files */
	char *target;         /* path with symbolic links followed */
	int replace;          /* path is an empty file (touch, mktemp) to be replaced */
	dev_t dev;            /* ... that file, so that a changed one is not replaced */
	ino_t ino;
	int version_found;
	int empty;            /* read-only open of a new, empty file: every walk is empty */
	int in_tx;
	int busy_ms;
	int scratch;          /* the import's scratch table exists (rota_store_scratch_*) */
	struct { const char *sql; sqlite3_stmt *st; } cache[STMT_CACHE];
	int ncache;
	/* store-sla.c: whether ticket_attrs had rows as of attrs_at, at data_version
	 * attrs_dv and total_changes attrs_changes */
	int attrs_known, attrs_none;
	rota_time attrs_at;
	int64_t attrs_dv, attrs_changes;
};

/* A prepared statement, cached for the life of the store (callers pass string
 * constants), reset and with its bindings cleared. */
sqlite3_stmt *store_stmt(rota_store *s, const char *sql, rota_error *err);
/* Fill err from the connection's last error (busy and I/O: status 3); returns -1. */
int store_fail(rota_store *s, rota_error *err, const char *what);
/* Step a statement that returns no rows (or one that is not wanted). */
int store_step_done(rota_store *s, sqlite3_stmt *st, const char *what, rota_error *err);
/* A column's text, "" for NULL. */
const char *store_text(sqlite3_stmt *st, int i);
/* A column's time, ROTA_TIME_NONE for NULL. */
rota_time store_time(sqlite3_stmt *st, int i);
void store_bind_time(sqlite3_stmt *st, int i, rota_time t);

#endif
