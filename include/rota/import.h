/* Ticket exports into the store: the three layouts of rota-import(1) (events, snapshots,
 * tickets), column mapping, time parsing, the snapshot differ, and idempotent writes.
 *
 * One import is one transaction: rota_import_begin starts it, rota_import_file /
 * rota_import_csv read files into it, rota_import_finish derives events and updates the
 * tickets, and the caller commits (or rolls back: a dry run, or an error). */
#ifndef ROTA_IMPORT_H
#define ROTA_IMPORT_H

#include <stddef.h>
#include <stdio.h>
#include <rota/csv.h>
#include <rota/error.h>
#include <rota/store.h>
#include <rota/strbuf.h>
#include <rota/time.h>

enum rota_layout { ROTA_LAYOUT_EVENTS = 0, ROTA_LAYOUT_SNAPSHOTS, ROTA_LAYOUT_TICKETS };
const char *rota_layout_name(int layout);
int rota_layout_parse(const char *s);             /* -1 when not a layout */

/* The input fields --map can name: the ticket state fields of enum rota_field first (so
 * that ROTA_IN_STATUS + f is state field f), then the rest. */
enum rota_in_field {
	ROTA_IN_STATUS = 0, ROTA_IN_TEAM, ROTA_IN_PRIORITY, ROTA_IN_AGENT, ROTA_IN_QUEUE,
	ROTA_IN_CHANNEL, ROTA_IN_CUSTOMER_TZ,
	ROTA_IN_TICKET, ROTA_IN_TIME, ROTA_IN_EVENT, ROTA_IN_CREATED, ROTA_IN_FIRST_REPLY,
	ROTA_IN_RESOLVED, ROTA_IN_CLOSED, ROTA_IN_NFIELDS
};
const char *rota_in_field_name(int f);
int rota_in_field_parse(const char *s);           /* -1 when unknown */
/* 1 when the layout reads field f, 0 when --map FIELD makes no sense for it. */
int rota_in_field_used(int layout, int f);
/* 1 when every row of the layout needs field f (ticket; time and event; created). */
int rota_in_field_required(int layout, int f);

typedef struct rota_import_attr {
	const char *name;     /* attribute name for policies' match: */
	const char *column;   /* CSV column */
} rota_import_attr;

typedef struct rota_import_opts {
	int layout;
	/* Column per field: NULL = the column named like the field, if the file has one;
	 * "" = not read at all. */
	const char *map[ROTA_IN_NFIELDS];
	const rota_import_attr *attrs;
	size_t nattrs;
	const char *time_format;          /* NULL: ISO 8601 (rota_time_parse) */
	const rota_tz *tz;                /* naive times are read here; NULL: UTC */
	unsigned parse_flags;             /* ROTA_PARSE_LENIENT */
	const char *const *missing;       /* values meaning "no value" besides "" */
	size_t nmissing;
	const char *const *resolved;      /* statuses that mean resolved (NULL: "Resolved") */
	size_t nresolved;
	const char *const *closed;        /* statuses that mean closed (NULL: "Closed") */
	size_t nclosed;
	int skip_bad;                     /* reject bad rows instead of failing */
	FILE *rejects;                    /* rejected rows go here as CSV when not NULL */
	/* Called with each rejected row's reason (NULL: never), e.g. for a command to show
	 * the first few when they are not written anywhere. */
	void (*on_reject)(void *ctx, const rota_error *reason);
	void *reject_ctx;
	const char *options_text;         /* recorded in imports.options */
	/* Counters (identical rows, rows per ticket) kept in memory before the rest move to
	 * the store, which bounds memory on any input; 0: a million. */
	size_t memory_keys;
	/* Called now and then on long runs (NULL: never), for a command to show progress;
	 * total 0 when unknown.  The library itself draws nothing. */
	void (*progress)(void *ctx, const char *what, size_t done, size_t total);
	void *progress_ctx;
} rota_import_opts;

/* Read field (by name) from column for the layout in o->layout ("" = from nowhere);
 * status 2 for an unknown field, one the layout does not read, or a needed one read
 * from nowhere.  column must outlive o. */
int rota_import_map_set(rota_import_opts *o, const char *field, const char *column,
                        rota_error *err);
/* "NAME" or "NAME=COLUMN" into a (spec is split in place). */
int rota_import_attr_parse(char *spec, rota_import_attr *a, rota_error *err);

typedef struct rota_import_stats {
	long rows;              /* data rows read (header and blank lines not counted) */
	long rejected;
	long tickets;           /* distinct tickets in the input */
	long tickets_new;       /* ... that the database did not know */
	long events_added;
	long events_removed;    /* derived events no longer derived (a ticket's history grew) */
	long snapshots_added;
} rota_import_stats;

/* "8 rows, 2 tickets (2 new), 8 events added[, N events removed (...)], 0 rejected" */
void rota_import_stats_text(const rota_import_stats *st, rota_strbuf *out);

typedef struct rota_import rota_import;

/* Starts the transaction (BEGIN IMMEDIATE) and records the import. */
rota_import *rota_import_begin(rota_store *s, const rota_import_opts *o, rota_error *err);
/* path "-" or NULL: stdin. */
int rota_import_file(rota_import *im, const char *path, rota_error *err);
int rota_import_csv(rota_import *im, rota_csv *c, rota_error *err);
/* The counts so far (rows and rejected grow file by file; the rest is final only after
 * rota_import_finish). */
void rota_import_counts(const rota_import *im, rota_import_stats *st);
/* 1 when the import failed on a bad row that skip_bad would have left out (not on the
 * header, the CSV syntax or I/O): what a front end can suggest --skip-bad for. */
int rota_import_row_error(const rota_import *im);
/* Derive events, update tickets and the import record; the transaction stays open. */
int rota_import_finish(rota_import *im, rota_import_stats *st, rota_error *err);
/* Frees; does not end the transaction (rota_store_commit or rota_store_rollback). */
void rota_import_free(rota_import *im);

/* ---- the snapshot differ ---- */
/* rota_snapshot (one row: a time and the state) is in store.h. */
typedef struct rota_status_sets {
	const char *const *resolved;
	size_t nresolved;
	const char *const *closed;
	size_t nclosed;
} rota_status_sets;

/* Derive one ticket's events from its snapshots, which the caller sorted by time (ties in
 * the order the export wrote them).  created: the ticket's creation instant, or
 * ROTA_TIME_NONE for the first snapshot's time; resolved/closed: instants the export
 * states (or ROTA_TIME_NONE), used only when no snapshot shows such a status.
 * Rules (rota-import(1) documents them):
 *   - `created` at the creation instant, carrying the first snapshot's state;
 *   - no event is earlier than creation: an earlier snapshot counts at creation;
 *   - an empty status or priority keeps the previous one (the export lost it);
 *   - status changed: `status`, and `reopened` when a resolved or closed ticket gets a
 *     status that is neither;
 *   - team or agent changed: `assign` (empty team and agent: unassigned);
 *   - priority changed: `priority`;
 *   - the status became resolved (closed) and was not: `resolved` (`closed`); a first
 *     snapshot that is resolved or closed says so at its time.
 * Events of one snapshot come in that order.  Every event carries the ticket's whole
 * state after the change.  The events are in time order except the resolved/closed
 * fall-backs, which come last.  Returns the number of events emitted; final_state gets
 * the state after the last snapshot (pointers into rows). */
size_t rota_snapshot_diff(const rota_snapshot *rows, size_t n, rota_time created,
                          rota_time resolved, rota_time closed, const rota_status_sets *sets,
                          void (*emit)(const rota_event *ev, void *ctx), void *ctx,
                          const char **final_state);

#endif
