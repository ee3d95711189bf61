/* iCalendar (RFC 5545): the dates that a calendar's events cover (read through libical,
 * as holiday calendars and rota-ical expand use them), and calendars written for
 * calendar apps (rosters as VEVENTs, SLA/OLA deadlines as VTODOs). */
#ifndef ROTA_ICAL_H
#define ROTA_ICAL_H

#include <stddef.h>
#include <stdint.h>
#include <rota/error.h>
#include <rota/time.h>

typedef struct rota_ical rota_ical;

/* Read and check an .ics file.  Every VEVENT is checked when loading (DTSTART present
 * and valid, DTEND/DURATION, RRULE syntax, every TZID resolvable through a VTIMEZONE of
 * the file or as an IANA zone name), so that expansion later cannot fail: a holiday file
 * that is half understood would silently open the office on a holiday.  Errors carry
 * file:line:column of the offending property (status 2), or status 3 for I/O. */
rota_ical *rota_ical_load(const char *path, rota_error *err);
/* The same from memory; name is used in messages.  data need not be NUL-terminated. */
rota_ical *rota_ical_parse(const char *data, size_t len, const char *name, rota_error *err);
void rota_ical_free(rota_ical *ic);

/* Number of VEVENTs that can produce dates (cancelled ones and overridden instances not
 * counted). */
size_t rota_ical_nevents(const rota_ical *ic);

/* Called once for every date (day number) that an occurrence covers, clipped to the
 * requested range; summary is the event's SUMMARY ("" when it has none), owned by ic.
 * Return nonzero to stop the expansion. */
typedef int (*rota_ical_date_cb)(int64_t day, const char *summary, void *arg);

/* Expand every event over the dates [from, to] (inclusive day numbers): DTSTART itself,
 * RRULEs, RDATEs (dates, date-times and periods), minus EXDATEs and instances moved or
 * cancelled by a RECURRENCE-ID event.  An all-day event covers the dates from DTSTART up
 * to, not including, DTEND (one date without DTEND).  A timed event covers the dates in
 * tz (NULL: UTC) from its start up to, not including, its end instant (its start date
 * only when it has no length); floating times are wall-clock times in tz.
 * Dates come event by event, each event's in ascending order; a date may repeat when
 * events overlap.  Returns the number of callbacks made, or -1 when cb stopped it. */
long rota_ical_expand(const rota_ical *ic, int64_t from, int64_t to, const rota_tz *tz,
                      rota_ical_date_cb cb, void *arg);

/* One covered date and the summary of the first event (in file order) that covers it. */
typedef struct rota_ical_date { int64_t day; const char *summary; } rota_ical_date;

/* The covered dates of [from, to], sorted and unique, in a malloc'd array the caller
 * frees (*n may be 0, then *out is NULL).  Summaries are owned by ic. */
void rota_ical_dates(const rota_ical *ic, int64_t from, int64_t to, const rota_tz *tz,
                     rota_ical_date **out, size_t *n);

/* libical stops iterating recurrence rules after this year. */
#define ROTA_ICAL_LAST_YEAR 2582

/* The last date up to which the expansion is complete: the last day of
 * ROTA_ICAL_LAST_YEAR when some RRULE has neither COUNT nor UNTIL, else INT64_MAX. */
int64_t rota_ical_horizon(const rota_ical *ic);

/* Release libical's global caches (for leak checkers at exit). */
void rota_ical_cleanup(void);


/* ---- writing: content lines (RFC 5545 3.1, 3.3.11) ----
 * Output is CRLF-terminated content lines folded at 75 octets, never inside a UTF-8
 * sequence.  Text values are escaped (backslash, semicolon, comma, newline); a CR, a
 * CRLF or an LF all become one escaped newline and other control characters a space,
 * so that no value can end its line and start a property of its own. */
#include <rota/strbuf.h>

/* Append s escaped as a TEXT value. */
void rota_ical_text(rota_strbuf *b, const char *s);
/* Append line[0..n) (a whole content line without its CRLF) folded, with CRLF. */
void rota_ical_fold(rota_strbuf *b, const char *line, size_t n);
/* Append NAME:VALUE (head holds the name and any parameters, value is final). */
void rota_ical_line(rota_strbuf *b, const char *head, const char *value);
/* Append NAME:TEXT with text escaped. */
void rota_ical_line_text(rota_strbuf *b, const char *head, const char *text);
/* "20261207T070000" (local wall clock in tz) or with tz NULL "20261207T060000Z";
 * buf needs 17 bytes. */
void rota_ical_time(char *buf, size_t n, rota_time t, const rota_tz *tz);
/* A VTIMEZONE for tz (TZID its IANA name) that is exact for every instant of [from, to]:
 * the observance in force at from and one per change of offset, abbreviation or DST
 * flag up to to, from the zone data itself (no RRULE to be misread). */
void rota_ical_vtimezone(rota_strbuf *b, const rota_tz *tz, rota_time from, rota_time to);

/* ---- rosters (rota-roster's CSV: agent,date,shift,start,end,breaks) ---- */
struct rota_roster_def;

typedef struct rota_ical_span { rota_time start, end; } rota_ical_span;

typedef struct rota_ical_shift {
	char *agent;
	int64_t day;              /* the roster's date of the shift */
	int n;                    /* 0, 1, ...: the agent's shifts on that date, by start */
	char *shift;              /* shift id */
	char *queues;             /* the CSV's queue column (what rota-roster assigned), else
	                           * the shift's queues, else the agent's skills: "support,
	                           * chat" ("" when none) */
	rota_time start, end;
	rota_ical_span *breaks;
	size_t nbreaks;
	const rota_tz *tz;        /* the agent's zone */
	long line;                /* in the CSV */
} rota_ical_shift;

typedef struct rota_ical_roster {
	rota_ical_shift *v;
	size_t n;
	int64_t first_day, last_day;   /* dates the roster covers (0, -1 when empty) */
} rota_ical_roster;

/* Read a roster CSV (path "-" or NULL: stdin).  Columns by header name: agent, date,
 * shift, start, end (ISO 8601 with offset, or naive in the agent's zone), optional
 * breaks (blank-, comma- or semicolon-separated "HH:MM-HH:MM" wall-clock ranges in the
 * agent's zone within the shift, or START/END instants) and queue.  Agents' zones and
 * shifts' queues come from def (may be NULL); an agent not in def is in zone dflt.
 * Shifts are sorted by agent, date, start.  flags: ROTA_PARSE_LENIENT moves a naive time
 * in a DST gap forward (else it is an error).  NULL with err (file:line:col, status 2;
 * 3 for I/O). */
rota_ical_roster *rota_ical_roster_read(const char *path, const struct rota_roster_def *def,
                                        const rota_tz *dflt, unsigned flags, rota_error *err);
void rota_ical_roster_free(rota_ical_roster *r);

/* ---- export: roster + stored state -> calendars ----
 * Each shift has a stable UID from (plan, agent, date, n) and a SEQUENCE kept in the
 * store with a hash of what the event says: an unchanged shift keeps its SEQUENCE and
 * DTSTAMP (the moment its SEQUENCE last changed), so an unchanged roster exports byte
 * for byte the same; a changed one gets SEQUENCE + 1 and DTSTAMP = now.  A shift the
 * store knows from the roster's first date on (for the agents exported) that the roster
 * no longer has comes out as STATUS:CANCELLED (its SEQUENCE raised once).  Shifts before
 * the roster's first date are left alone and not written: the next period's roster does
 * not cancel the last one's. */
struct rota_store;

typedef struct rota_ical_export_opts {
	const char *plan;         /* names the roster in UIDs and X-WR-CALNAME ("roster") */
	rota_time now;            /* DTSTAMP of what changes in this export */
	const char *agent;        /* only this agent; NULL: all */
	int split;                /* one calendar per agent */
} rota_ical_export_opts;

typedef struct rota_ical_calendar {
	char *agent;              /* split: the agent; else NULL */
	char *text;
	size_t len;
} rota_ical_calendar;

typedef struct rota_ical_export_stats {
	size_t events, added, changed, cancelled, unchanged;
} rota_ical_export_stats;

/* Builds the calendars and writes the new state inside a store transaction that it
 * leaves open: the caller commits once the files are written (so a SEQUENCE is never
 * raised for a file nobody received), or rolls back.  -1 with err. */
int rota_ical_export(struct rota_store *s, const rota_ical_roster *r,
                     const rota_ical_export_opts *o, rota_ical_calendar **out, size_t *nout,
                     rota_ical_export_stats *stats, rota_error *err);
void rota_ical_calendars_free(rota_ical_calendar *c, size_t n);

/* A file name for an agent's calendar: bytes other than A-Z a-z 0-9 _ - and inner dots
 * become %XX, so "../x" is "%2E.%2Fx" and no id names a path outside the directory;
 * ".ics" is appended.  NULL (and err, status 2) when the id is empty or the name would
 * be longer than 255 bytes.  The caller frees it. */
char *rota_ical_file_name(const char *agent, rota_error *err);

/* A stable 64-bit hash (FNV-1a) of n bytes, chained from h (start with 0). */
uint64_t rota_ical_hash(uint64_t h, const void *data, size_t n);

/* ---- deadlines: open SLA/OLA clocks as VTODOs ---- */
typedef struct rota_ical_todo {
	const char *ticket, *kind, *policy, *metric, *team;   /* kind: "sla" or "ola" */
	const char *priority;     /* the ticket's priority ("1 - Critical"), may be "" */
	const char *state;        /* running, paused, breached */
	int cycle;
	rota_time due;
	rota_time alarm;          /* the first warn level's instant; ROTA_TIME_NONE: none */
	const char *alarm_level;  /* "50%" */
} rota_ical_todo;

/* Begin a VCALENDAR (VERSION, PRODID, CALSCALE, METHOD:PUBLISH, X-WR-CALNAME). */
void rota_ical_begin(rota_strbuf *b, const char *calname);
void rota_ical_end(rota_strbuf *b);
/* One VTODO: UID from ticket, kind, metric, team and cycle; DTSTAMP at; DUE in UTC;
 * PRIORITY from the ticket's priority's leading digit n, after an optional P (1-5 ->
 * 2n-1: 1 highest, 9 lowest; none: 0, undefined); a VALARM at the first warn level. */
void rota_ical_todo_write(rota_strbuf *b, const rota_ical_todo *t, rota_time at);

#endif
