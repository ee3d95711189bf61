/* The store every command shares: one file (rota.db).  Callers see tickets, events,
 * snapshots, attributes and the log of imports through typed functions and iteration
 * callbacks only; how they are kept (SQLite today: WAL mode, a busy timeout, a schema
 * versioned by PRAGMA user_version and migrated forward on open, cached prepared
 * statements) stays behind this header, so that another backend could take its place.
 *
 * Tickets have a handle (int64_t, > 0) that is valid for the life of the database;
 * tickets added later have larger handles.  Times are rota_time (POSIX seconds);
 * ROTA_TIME_NONE means unknown.  Texts are never NULL: "" when unset.
 *
 * Schema (version 4; 1 lacked the message kind, 2 closed_at, 3 the alert_state below), for
 * readers that query the
 * file with other tools:
 *   tickets(id, key UNIQUE, created, updated, status, team, priority, agent, queue,
 *           channel, customer_tz, export_created, export_resolved, export_closed,
 *           closed_at)   closed_at: when last resolved or closed, NULL while open
 *                        (kept by triggers on events; indexed)
 *   events(id, ticket_id, time, kind, status, ..., customer_tz, ord, source, import_id)
 *       UNIQUE(ticket_id, time, kind, status, ..., customer_tz, ord): what makes imports
 *       idempotent; ord numbers identical events of a ticket at one instant.
 *   snapshots(id, ticket_id, time, status, ..., customer_tz, ord, import_id)
 *   ticket_attrs(ticket_id, name, value, time)   latest by time wins.
 *   imports(id, started, finished, layout, files, rows, rejected, events_added,
 *           events_removed, options)
 *   alert_state(ticket, kind, policy, metric, team, cycle, level, route, sink, first_at,
 *               last_at, count, escalated_at, cleared_at)
 *       PRIMARY KEY(ticket, kind, metric, team, cycle, level, route, sink): one row per
 *       delivery of a level of a clock cycle to one sink of one route (rota-alert).
 *   alert_runs(id, at, finished, sent, failed)   one row per rota-alert run (the latest
 *       few): the moment it evaluated, when it finished, notifications sent and failed.
 */
#ifndef ROTA_STORE_H
#define ROTA_STORE_H

#include <stddef.h>
#include <stdint.h>
#include <rota/error.h>
#include <rota/time.h>
#include <rota/event.h>

/* The schema version this build writes; a database newer than this is refused. */
#define ROTA_STORE_SCHEMA_VERSION 4
/* The mark of a rota database ("ROTA"), to refuse other SQLite files. */
#define ROTA_STORE_APP_ID 0x524F5441

typedef struct rota_store rota_store;

enum {
	/* Create the database when there is none (or the file is empty).  A new database
	 * is built in a temporary file beside the path (PATH.tmp-XXXXXX, mode 0600, removed
	 * on a signal through rota_cleanup_run) and appears at the path only with
	 * rota_store_publish: a failed, dry or interrupted run leaves no database behind.
	 * Opening for writing also removes such temporary files that a killed run left,
	 * when no live process holds them. */
	ROTA_STORE_CREATE = 1 << 0,
	/* Never write (no migration either; the schema must be current, or the file a
	 * new empty one, which reads as empty).  Works where the caller can only read: a
	 * database in a read-only directory or a file it cannot write is read in place
	 * and leaves no -wal/-shm behind. */
	ROTA_STORE_READONLY = 1 << 1
};

/* Open (and with ROTA_STORE_CREATE create) the database and migrate its schema forward;
 * busy_ms: how long to wait for another writer (<= 0: 10000).  On failure returns NULL
 * with err set: status 2 for a file that is not a rota database or is newer than this
 * build, 3 for I/O and locking. */
rota_store *rota_store_open(const char *path, unsigned flags, int busy_ms, rota_error *err);
/* Rolls back an open transaction; a new database that was not published is removed. */
void rota_store_close(rota_store *s);
/* After the last commit: put a database that this open created at its path (closing
 * the connection; only rota_store_close may follow).  Does nothing for a database that
 * already existed.  Status 3 when another process created the path meanwhile (nothing
 * is written then) or on I/O errors. */
int rota_store_publish(rota_store *s, rota_error *err);

const char *rota_store_path(const rota_store *s);
/* The schema version as found when the store was opened (0 for a new file). */
int rota_store_version_found(const rota_store *s);

/* Takes the write lock now, waiting up to the busy timeout, so that a transaction
 * never fails half-way for want of it.  Locked past the timeout: status 3. */
int rota_store_begin(rota_store *s, rota_error *err);
int rota_store_commit(rota_store *s, rota_error *err);
/* Safe to call when no transaction is open. */
void rota_store_rollback(rota_store *s);

/* ---- names ---- */
/* Event kinds: include/rota/event.h. */

/* The ticket state every event carries (canonical field order of rota(7)). */
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
	const char *ticket;            /* ticket key (NULL in per-ticket walks) */
	rota_time time;
	int kind;                      /* enum rota_event_kind */
	const char *v[ROTA_NFIELDS];   /* never NULL; "" when not set */
	int ord;
} rota_event;

/* One row of a snapshot export: the ticket's whole state at a time. */
typedef struct rota_snapshot {
	rota_time time;
	const char *v[ROTA_NFIELDS];   /* "" = no value */
} rota_snapshot;

typedef struct rota_ticket {
	const char *key;
	rota_time created, updated;    /* ROTA_TIME_NONE: unknown */
	const char *v[ROTA_NFIELDS];
} rota_ticket;

/* What the export itself said of a ticket: created, resolved, closed. */
enum { ROTA_XT_CREATED = 0, ROTA_XT_RESOLVED, ROTA_XT_CLOSED, ROTA_NXT };

/* One entry of the imports log. */
typedef struct rota_import_log {
	int64_t id;
	rota_time started, finished;   /* finished ROTA_TIME_NONE: did not finish */
	const char *layout;
	const char *files;             /* one per line */
	int64_t rows, rejected, events_added, events_removed;
	const char *options;           /* what the import was asked */
} rota_import_log;

typedef struct rota_store_counts {
	int64_t tickets, events, snapshots, attrs, imports;
} rota_store_counts;

/* Iteration: the callback's record is valid during the call; a non-zero return stops
 * the walk and is returned.  A failure of the store returns -1 with err set. */

/* ---- tickets ---- */
/* The ticket's handle; a new ticket is added when create is set (else 0: none). */
int64_t rota_store_ticket_id(rota_store *s, const char *key, int create, rota_error *err);
/* The largest handle so far (0: no tickets): tickets added after have larger ones. */
int64_t rota_store_ticket_last_id(rota_store *s, rota_error *err);
int rota_store_ticket_set_state(rota_store *s, int64_t id, rota_time created,
                                rota_time updated, const char *const v[ROTA_NFIELDS],
                                rota_error *err);
/* The export's own times (enum ROTA_XT_*).  keep: a ROTA_TIME_NONE leaves the stored
 * time as it is; else it clears it. */
int rota_store_ticket_set_export(rota_store *s, int64_t id, const rota_time t[ROTA_NXT],
                                 int keep, rota_error *err);
int rota_store_ticket_export(rota_store *s, int64_t id, rota_time t[ROTA_NXT],
                             rota_error *err);
/* Every ticket ordered by key; only `key` when not NULL. */
int rota_store_each_ticket(rota_store *s, const char *key,
                           int (*cb)(const rota_ticket *t, void *ctx), void *ctx,
                           rota_error *err);

/* ---- events ---- */
/* 1 when added, 0 when the same event (ticket, time, kind, state, ord) was there. */
int rota_store_event_add(rota_store *s, int64_t ticket, const rota_event *ev, int source,
                         int64_t import_id, rota_error *err);
int rota_store_event_remove(rota_store *s, int64_t event_id, rota_error *err);
/* One ticket's events from `source` (-1: all), ordered by time and insertion, with
 * each event's handle for rota_store_event_remove. */
int rota_store_each_ticket_event(rota_store *s, int64_t ticket, int source,
                                 int (*cb)(int64_t event_id, const rota_event *ev, void *ctx),
                                 void *ctx, rota_error *err);
/* Every event, ordered by ticket key, time and insertion; only those of `ticket` when
 * not NULL, only those at or before `until` (ROTA_TIME_MAX: all). */
int rota_store_each_event(rota_store *s, const char *ticket, rota_time until,
                          int (*cb)(const rota_event *ev, void *ctx), void *ctx,
                          rota_error *err);

/* ---- ticket histories (what the SLA/OLA clocks read) ---- */
typedef struct rota_attr { const char *name, *value; } rota_attr;

/* One ticket as of a moment: its events in time order (ties in insertion order; each
 * ev[i].ticket is key) and its attributes in name order. */
typedef struct rota_history {
	const char *key;
	const rota_event *ev;
	size_t nev;              /* >= 1: tickets without events at or before `at` are skipped */
	const rota_attr *attrs;
	size_t nattrs;
} rota_history;

enum {
	/* Only tickets open at `at`: a ticket is closed from a resolved or closed event
	 * until a reopened one (its last event of these three kinds decides). */
	ROTA_HISTORY_OPEN = 1 << 0,
	/* With ROTA_HISTORY_OPEN: also the tickets closed at `at` that were open at some
	 * moment after `since` (their closing is later than since): what a periodic reader
	 * such as rota-alert has not seen open since its previous run. */
	ROTA_HISTORY_SINCE = 1 << 1
};

typedef struct rota_history_filter {
	const char *key;         /* NULL: every ticket */
	rota_time at;            /* events and attributes (by their time) at or before at */
	unsigned flags;          /* ROTA_HISTORY_* */
	rota_time since;         /* ROTA_HISTORY_SINCE */
} rota_history_filter;

/* Every ticket the filter passes, ordered by key, one at a time: the history and the
 * strings it points to are valid during the call only, and memory is bounded by one
 * ticket.  An attribute whose stored value is from after `at` is left out (the store
 * keeps only the latest value). */
int rota_store_each_history(rota_store *s, const rota_history_filter *f,
                            int (*cb)(const rota_history *h, void *ctx), void *ctx,
                            rota_error *err);

/* ---- snapshots ---- */
/* 1 when added, 0 when the same row (ticket, time, state, ord) was there. */
int rota_store_snapshot_add(rota_store *s, int64_t ticket, const rota_snapshot *sn, int ord,
                            int64_t import_id, rota_error *err);
/* One ticket's snapshots ordered by time and insertion. */
int rota_store_each_snapshot(rota_store *s, int64_t ticket,
                             int (*cb)(const rota_snapshot *sn, void *ctx), void *ctx,
                             rota_error *err);

/* ---- attributes (from --attr) ---- */
/* Set unless the stored value is from a later time. */
int rota_store_attr_put(rota_store *s, int64_t ticket, const char *name, const char *value,
                        rota_time time, rota_error *err);
/* Every ticket attribute: ticket key, name, value; ordered by key, name. */
int rota_store_each_attr(rota_store *s, const char *ticket,
                         int (*cb)(const char *ticket, const char *name, const char *value,
                                   void *ctx),
                         void *ctx, rota_error *err);

/* ---- the imports log ---- */
/* A new entry, started now; its id goes to *id. */
int rota_store_import_log_start(rota_store *s, const char *layout, const char *options,
                                int64_t *id, rota_error *err);
/* Finish entry log->id now with its files and counts. */
int rota_store_import_log_finish(rota_store *s, const rota_import_log *log, rota_error *err);
int rota_store_each_import_log(rota_store *s,
                               int (*cb)(const rota_import_log *log, void *ctx), void *ctx,
                               rota_error *err);

/* ---- alert state (rota-alert; include/rota/alert.h decides, this keeps) ---- */
/* One delivery: the clock (ticket, kind, metric, team, cycle), the level ("75%",
 * "breached", ...) and where it went (route and sink names).  Texts never NULL. */
typedef struct rota_alert_rec {
	const char *ticket, *kind, *policy, *metric, *team;
	int64_t cycle;
	const char *level, *route, *sink;
	rota_time first_at, last_at;   /* first and latest sending */
	int64_t count;                 /* times sent (repeats count) */
	rota_time escalated_at;        /* ROTA_TIME_NONE: not escalated */
	rota_time cleared_at;          /* the clock stopped or the ticket closed; NONE: open */
} rota_alert_rec;

/* Insert or replace the row with r's key. */
int rota_store_alert_put(rota_store *s, const rota_alert_rec *r, rota_error *err);
/* Every row, ordered by key; only those not cleared when open_only. */
int rota_store_each_alert(rota_store *s, int open_only,
                          int (*cb)(const rota_alert_rec *r, void *ctx), void *ctx,
                          rota_error *err);
/* Delete the rows cleared before `before` (a retention limit); their number, or -1. */
int64_t rota_store_alert_prune(rota_store *s, rota_time before, rota_error *err);
/* Record a run that evaluated as of `at` (older records beyond the latest 100 go). */
int rota_store_alert_run_add(rota_store *s, rota_time at, rota_time finished, int64_t sent,
                             int64_t failed, rota_error *err);
/* The latest `at` of a run that sent everything it had to (none failed) into *at;
 * ROTA_TIME_NONE when there is none.  0, or -1 with err. */
int rota_store_alert_covered(rota_store *s, rota_time *at, rota_error *err);

/* ---- counts ---- */
int rota_store_count(rota_store *s, rota_store_counts *c, rota_error *err);
/* Number of events (-1 on error). */
int64_t rota_store_count_events(rota_store *s, rota_error *err);

/* ---- arrivals (rota-forecast) ---- */
/* Tickets created, counted per `bucket` seconds (UTC: bucket-aligned instants since the
 * epoch) and per the columns in `by` (the others ""), in one query ordered by those
 * columns and the bucket.  Tickets without a created time are not counted. */
enum { ROTA_ARRIVALS_QUEUE = 1, ROTA_ARRIVALS_CHANNEL = 2, ROTA_ARRIVALS_CUSTOMER_TZ = 4 };
typedef struct rota_arrival_count {
	const char *queue, *channel, *customer_tz;   /* "" when not grouped by it */
	rota_time bucket;                            /* start of the bucket */
	int64_t count;
} rota_arrival_count;
int rota_store_each_arrival_count(rota_store *s, int64_t bucket, unsigned by,
                                  int (*cb)(const rota_arrival_count *a, void *ctx),
                                  void *ctx, rota_error *err);

#endif
