/* iCalendar (RFC 5545) through libical: the dates that a calendar's events cover, as
 * holiday calendars are used.  Export comes later and will live here too. */
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

#endif
