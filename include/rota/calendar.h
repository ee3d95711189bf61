/* Business calendars: weekly open hours in a zone, per-date overrides, holidays, and
 * exact business-time arithmetic on them. */
#ifndef ROTA_CALENDAR_H
#define ROTA_CALENDAR_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <rota/error.h>
#include <rota/time.h>

/* [start, end) in seconds after local midnight, wall clock; 0 <= start < end <= 86400.
 * A DST change inside a range makes it longer or shorter in real seconds (rota(7)). */
typedef struct rota_hours_range { int start, end; } rota_hours_range;
typedef struct rota_day_hours { rota_hours_range *r; size_t n; } rota_day_hours; /* sorted, disjoint */
typedef struct rota_date_hours { int64_t day; rota_day_hours hours; } rota_date_hours;
typedef struct rota_holiday { int64_t day; char *name; } rota_holiday;

/* A calendar as the configuration defines it (built by the config loader, or by hand). */
typedef struct rota_calendar_def {
	char *name;
	char *tz;                         /* IANA zone name */
	rota_day_hours week[7];           /* Monday .. Sunday; n == 0: closed all day */
	rota_date_hours *overrides;       /* hours for one date instead of the weekday's */
	size_t noverrides;
	rota_holiday *holidays;           /* dates closed all day (name may be NULL) */
	size_t nholidays;
	char **holiday_files;             /* .ics files, paths already resolved */
	size_t nholiday_files;
	char *file;                       /* where it was defined, for messages */
	long line, col;
} rota_calendar_def;

/* ---- business time on a calendar ----
 *
 * A calendar is open at an instant when the instant's wall-clock time in the calendar's
 * zone lies in one of the ranges of its local date: the date's override when it has one
 * (an override wins over a holiday, so that a short Dec 24 stays open even when a
 * holiday file lists the date), else closed on a holiday, else the weekday's hours.  A
 * range that spans a DST change is as long as the wall clock says: it loses the skipped
 * hour, and the repeated hour of a fall-back night is open twice.
 *
 * Open intervals are computed per block of 64 days and cached (with the open seconds of
 * every block), so that an operation looks among the few intervals of one day in one or
 * two blocks, plus one addition per block spanned (a block of 64 days is computed once
 * when first needed); .ics holidays are expanded on demand, eleven years at a time.
 * The caches make a calendar unsafe to share between threads without a lock.
 *
 * Instants are taken in [ROTA_TIME_FIRST, ROTA_TIME_LAST] (all those whose local form
 * can lie in the years 0001-9999); earlier or later ones are clamped to that range. */
typedef struct rota_calendar rota_calendar;

/* Check def (zone, ranges inside 00:00-24:00, sorted and disjoint, one override a date)
 * and load its holiday files.  Errors (status 2) name def->file:line:col, or the .ics
 * file and line.  def is copied: it may be freed afterwards.  A NULL tz means UTC; a
 * date listed twice as a holiday keeps its first name (dates before files, files in
 * order). */
rota_calendar *rota_calendar_new(const rota_calendar_def *def, rota_error *err);
void rota_calendar_free(rota_calendar *cal);
const char *rota_calendar_name(const rota_calendar *cal);
const rota_tz *rota_calendar_tz(const rota_calendar *cal);

/* Business seconds in [t1, t2); the negative of [t2, t1) when t2 < t1, so that
 * between(a, b) + between(b, c) == between(a, c) always. */
int64_t rota_calendar_between(rota_calendar *cal, rota_time t1, rota_time t2);

/* The earliest instant at which secs (>= 0) business seconds have passed since t: a
 * target met exactly at closing time is due at closing, and adding 0 gives t itself
 * even when closed.  Fails (status 2) when the calendar does not open enough before
 * ROTA_TIME_LAST (a calendar that is never open). */
int rota_calendar_add(rota_calendar *cal, rota_time t, int64_t secs, rota_time *out,
                      rota_error *err);

/* The first open instant at or after t (t itself when open at t).  Fails like _add. */
int rota_calendar_next_open(rota_calendar *cal, rota_time t, rota_time *out, rota_error *err);
/* The first closed instant at or after t (t itself when closed at t); ROTA_TIME_LAST + 1
 * when the calendar never closes again. */
rota_time rota_calendar_next_close(rota_calendar *cal, rota_time t);
int rota_calendar_is_open(rota_calendar *cal, rota_time t);

/* libical expands recurring holidays up to the end of 2582 (ROTA_ICAL_LAST_YEAR): for a
 * calendar with an .ics rule without end, the instant that year ends in its zone, else
 * ROTA_TIME_LAST + 1.  _add and _next_open fail (status 2) rather than answer after it;
 * _between and _day_info count later dates with the holidays known. */
rota_time rota_calendar_horizon(const rota_calendar *cal);

/* Maximal open intervals [start, end) that meet [from, to), clipped to it, in order;
 * intervals of consecutive days that touch are reported as one.  cb returns nonzero to
 * stop (that value is returned); 0 when all were reported.  cb may query the calendar. */
typedef int (*rota_calendar_interval_cb)(rota_time start, rota_time end, void *arg);
int rota_calendar_intervals(rota_calendar *cal, rota_time from, rota_time to,
                            rota_calendar_interval_cb cb, void *arg);

/* One local date of the calendar. */
typedef struct rota_calendar_day {
	int64_t day;            /* day number */
	int weekday;            /* 0 = Monday ... 6 = Sunday */
	int64_t open;           /* real seconds open on that date (DST changes counted) */
	const char *holiday;    /* name when the date is a holiday ("" when unnamed), else
	                         * NULL; owned by the calendar */
	int overridden;         /* 1 when an override set the date's hours */
	const rota_day_hours *hours;   /* the wall-clock ranges that apply (n == 0: closed),
	                                * owned by the calendar */
} rota_calendar_day;

void rota_calendar_day_info(rota_calendar *cal, int64_t day, rota_calendar_day *out);

/* ---- queries, as a front end asks them (rota-cal, the batch modes) ---- */
typedef enum rota_calendar_op {
	ROTA_CAL_ADD,          /* arg: the open seconds to add (>= 0); answer: an instant */
	ROTA_CAL_BETWEEN,      /* arg: the end instant; answer: open seconds */
	ROTA_CAL_NEXT_OPEN,    /* answer: an instant */
	ROTA_CAL_NEXT_CLOSE    /* answer: an instant */
} rota_calendar_op;
/* One query from t.  An instant is answered only when it is written in the years
 * 0001-9999 in tz (UTC when NULL), so that it reads back; else, and when the calendar
 * does not open (or close) again, -1 with err (status 2). */
int rota_calendar_query(rota_calendar *cal, rota_calendar_op op, rota_time t, int64_t arg,
                        const rota_tz *tz, int64_t *answer, rota_error *err);

/* The dates from..to (day numbers, inclusive) as records onto f in format (enum
 * rota_format): date, open_seconds, holiday ("" when none, "holiday" when unnamed); as
 * text, for people, date, day (Mon), open (24h30m) and holiday. */
int rota_calendar_write_days(rota_calendar *cal, int64_t from, int64_t to, int format,
                             FILE *f, rota_error *err);

/* ---- the calendars of a configuration, by name ----
 * Each is built (rota_calendar_new) when first asked for, as a run mostly asks a few of
 * many.  defs[0..n) is not copied: it must outlive the registry.  source names where
 * the definitions come from, for messages ("rota.yaml defines office, always"). */
typedef struct rota_calendars rota_calendars;
rota_calendars *rota_calendars_new(const rota_calendar_def *defs, size_t n,
                                   const char *source);
/* Frees the calendars built too. */
void rota_calendars_free(rota_calendars *cs);
size_t rota_calendars_count(const rota_calendars *cs);
const char *rota_calendars_name(const rota_calendars *cs, size_t i);   /* NULL past the end */
/* The calendar named by the len bytes at name (the first of that name), built on first
 * use.  NULL with err (status 2) when no calendar has that name, or as rota_calendar_new
 * fails. */
rota_calendar *rota_calendars_get(rota_calendars *cs, const char *name, size_t len,
                                  rota_error *err);
/* The same when it is already built, else NULL without building or an error: for a hot
 * path that leaves every other case to rota_calendars_get.  It reads eight bytes at a
 * time: name must be followed by 8 readable bytes (a buffer with ROTA_TIME_SLACK). */
rota_calendar *rota_calendars_find_built(rota_calendars *cs, const char *name, size_t len);

#endif
