/* The SQLite store every command shares: one file (rota.db) in WAL mode with a busy
 * timeout, a schema versioned by PRAGMA user_version and migrated forward on open,
 * writes inside transactions, SQL only through prepared statements.
 *
 * Schema (version 1), for readers that query it directly:
 *   tickets(id, key UNIQUE, created, updated, status, team, priority, agent, queue,
 *           channel, customer_tz, export_created, export_resolved, export_closed)
 *       current state; times are POSIX seconds (NULL: unknown); texts '' when unset.
 *   events(id, ticket_id, time, kind, status, team, priority, agent, queue, channel,
 *          customer_tz, ord, source, import_id)
 *       kind is one of rota_event_kind_name(); ord numbers identical events of a ticket at
 *       the same instant (0, 1, ...) so that real repeats survive de-duplication.
 *       UNIQUE(ticket_id, time, kind, status, team, priority, agent, queue, channel,
 *              customer_tz, ord): what makes imports idempotent.
 *   snapshots(id, ticket_id, time, status, team, ... customer_tz, ord, import_id)
 *       the rows of snapshot exports, kept so that a later, overlapping export is merged
 *       with them and the ticket's events derived again from its whole history; ord
 *       numbers identical rows of a ticket at one instant (A, B, A in one minute).
 *   ticket_attrs(ticket_id, name, value, time)   --attr values, latest by time wins.
 *   imports(id, started, finished, layout, files, rows, rejected, events_added,
 *           events_removed, options)
 *   alert_state(ticket, kind, policy, metric, cycle, level, first_at, last_at, count,
 *               escalated_at, cleared_at)   one row per alerted (ticket, metric, level).
 */
#ifndef ROTA_STORE_H
#define ROTA_STORE_H

#include <stdint.h>
#include <rota/error.h>
#include <rota/time.h>

struct sqlite3;
struct sqlite3_stmt;

/* The schema version this build writes; a database newer than this is refused. */
#define ROTA_STORE_SCHEMA_VERSION 1
/* PRAGMA application_id of a rota database ("ROTA"), to refuse other SQLite files. */
#define ROTA_STORE_APP_ID 0x524F5441

typedef struct rota_store rota_store;

enum {
	/* Create the database when there is none (or the file is empty).  A new database
	 * is built in a temporary file beside the path and appears at the path only with
	 * rota_store_publish: a failed or dry run leaves no database behind. */
	ROTA_STORE_CREATE = 1 << 0,
	ROTA_STORE_READONLY = 1 << 1  /* never write (no migration either; must be current) */
};

/* Open (and with ROTA_STORE_CREATE create) the database, switch it to WAL, set the busy
 * timeout (milliseconds; <= 0: 10000) and migrate its schema forward.  On failure returns
 * NULL with err set: status 2 for a file that is not a rota database or is newer than
 * this build, 3 for I/O and locking. */
rota_store *rota_store_open(const char *path, unsigned flags, int busy_ms, rota_error *err);
/* Rolls back an open transaction; a new database that was not published is removed. */
void rota_store_close(rota_store *s);
/* After the last commit: put a database that this open created at its path (closing
 * the connection; only rota_store_close may follow).  Does nothing for a database that
 * already existed.  Status 3 when another process created the path meanwhile (nothing
 * is written then) or on I/O errors. */
int rota_store_publish(rota_store *s, rota_error *err);

struct sqlite3 *rota_store_db(rota_store *s);
const char *rota_store_path(const rota_store *s);
/* user_version as found when the store was opened (0 for a new file). */
int rota_store_version_found(const rota_store *s);

/* BEGIN IMMEDIATE: takes the write lock now, waiting up to the busy timeout, so that a
 * transaction never fails half-way for want of it.  Locked past the timeout: status 3. */
int rota_store_begin(rota_store *s, rota_error *err);
int rota_store_commit(rota_store *s, rota_error *err);
/* Safe to call when no transaction is open. */
void rota_store_rollback(rota_store *s);

/* A prepared statement, cached for the life of the store (do not finalize it).  The
 * statement is reset and its bindings cleared before it is returned. */
struct sqlite3_stmt *rota_store_stmt(rota_store *s, const char *sql, rota_error *err);
/* Fill err from the connection's last error: "database is locked" (busy) and I/O errors
 * are status 3; `what` says what was being done ("inserting an event"). Returns -1. */
int rota_store_fail(rota_store *s, rota_error *err, const char *what);

/* ---- events ---- */
enum rota_event_kind {
	ROTA_EVENT_CREATED = 0, ROTA_EVENT_REPLY, ROTA_EVENT_NOTE, ROTA_EVENT_STATUS,
	ROTA_EVENT_ASSIGN, ROTA_EVENT_PRIORITY, ROTA_EVENT_RESOLVED, ROTA_EVENT_CLOSED,
	ROTA_EVENT_REOPENED,
	ROTA_EVENT_MESSAGE,   /* from the customer (next-response cycles start here) */
	ROTA_EVENT_NKINDS
};
const char *rota_event_kind_name(int kind);
/* -1 when s is not an event kind. */
int rota_event_kind_parse(const char *s);

/* The ticket state every event carries (canonical field order of SPEC.md). */
enum rota_field {
	ROTA_F_STATUS = 0, ROTA_F_TEAM, ROTA_F_PRIORITY, ROTA_F_AGENT, ROTA_F_QUEUE,
	ROTA_F_CHANNEL, ROTA_F_CUSTOMER_TZ, ROTA_NFIELDS
};
const char *rota_field_name(int field);   /* "status", "team", ... */

/* Where an event came from: an events-layout row, or derived from snapshots or from a
 * tickets-layout row.  Derived events are re-derived (added and removed) when the
 * ticket is imported again; events-layout rows are only ever added. */
enum rota_event_source { ROTA_SRC_EVENTS = 0, ROTA_SRC_SNAPSHOTS = 1, ROTA_SRC_TICKETS = 2 };

typedef struct rota_event {
	const char *ticket;            /* ticket key */
	rota_time time;
	int kind;                      /* enum rota_event_kind */
	const char *v[ROTA_NFIELDS];   /* never NULL; "" when not set */
	int ord;
} rota_event;

/* Every event, ordered by ticket key, time and insertion; only those of `ticket` when
 * not NULL, only those at or before `until` (ROTA_TIME_MAX: all).  The callback's event
 * is valid during the call; a non-zero return stops the walk and is returned. */
int rota_store_each_event(rota_store *s, const char *ticket, rota_time until,
                          int (*cb)(const rota_event *ev, void *ctx), void *ctx,
                          rota_error *err);

/* Every ticket attribute (from --attr): ticket key, name, value; ordered by key, name. */
int rota_store_each_attr(rota_store *s, const char *ticket,
                         int (*cb)(const char *ticket, const char *name, const char *value,
                                   void *ctx),
                         void *ctx, rota_error *err);

/* Number of rows in events (for tests and counts). */
int64_t rota_store_count_events(rota_store *s, rota_error *err);

#endif
