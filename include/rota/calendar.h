/* Business calendars: weekly open hours in a zone, per-date overrides, holidays, and
 * exact business-time arithmetic on them. */
#ifndef ROTA_CALENDAR_H
#define ROTA_CALENDAR_H

#include <stddef.h>
#include <stdint.h>
#include <rota/error.h>
#include <rota/time.h>

/* [start, end) in seconds after local midnight, wall clock; 0 <= start < end <= 86400.
 * A DST change inside a range makes it longer or shorter in real seconds (SPEC.md). */
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

#endif
