/* Instants, civil dates, IANA zones, ISO 8601 text and durations.
 *
 * An instant is a count of SI-less POSIX seconds since 1970-01-01T00:00:00Z (rota_time).
 * A day number is days since 1970-01-01 (proleptic Gregorian), so day arithmetic never
 * goes through a time zone.  Zones are read from the system's TZif files (TZDIR, else
 * /usr/share/zoneinfo), including the POSIX-TZ footer that rules times after the last
 * listed transition; no call ever touches the process's TZ variable. */
#ifndef ROTA_TIME_H
#define ROTA_TIME_H

#include <stddef.h>
#include <stdint.h>
#include <rota/error.h>

typedef int64_t rota_time;

#define ROTA_TIME_MIN ((rota_time)-62135596800LL)  /* 0001-01-01T00:00:00Z */
#define ROTA_TIME_MAX ((rota_time)253402300799LL)  /* 9999-12-31T23:59:59Z */
/* The instants rota reads and writes are those whose local form, in the zone or offset
 * they are written with, lies in the years 0001-9999: a little wider than the UTC
 * range above, by the largest offset a zone may have (26 h, RFC 8536).  Calendars work
 * on all of them; rota_time_check says whether one can be written in a given zone. */
#define ROTA_OFFSET_LIMIT 93600
#define ROTA_TIME_FIRST (ROTA_TIME_MIN - ROTA_OFFSET_LIMIT)
#define ROTA_TIME_LAST (ROTA_TIME_MAX + ROTA_OFFSET_LIMIT)
/* "No such time", for optional instants (a ticket not yet resolved). */
#define ROTA_TIME_NONE INT64_MIN

/* ---- civil calendar (no zone) ---- */
typedef struct rota_civil {
	int year, mon, day;      /* mon 1-12, day 1-31 */
	int hour, min, sec;      /* 0-23 (24:00 only where documented), 0-59, 0-59 */
} rota_civil;

int64_t rota_days_from_civil(int year, int mon, int day);
void rota_civil_from_days(int64_t days, int *year, int *mon, int *day);
int rota_weekday(int64_t days);             /* 0 = Monday ... 6 = Sunday (ISO) */
int rota_days_in_month(int year, int mon);
int rota_is_leap(int year);

/* ---- zones ---- */
typedef struct rota_tz rota_tz;

/* Look a zone up by IANA name ("UTC", "Europe/Berlin").  Zones are loaded once and
 * cached for the life of the process: the pointer stays valid, never free it.
 * Returns NULL and sets err (status 2, "unknown time zone 'X': expected an IANA name
 * such as Europe/Berlin") when the name is not a zone. */
const rota_tz *rota_tz_get(const char *name, rota_error *err);
const rota_tz *rota_tz_utc(void);
const char *rota_tz_name(const rota_tz *tz);
/* Release the cache (for leak checkers at exit). */
void rota_tz_cache_free(void);

/* Offset from UTC in seconds (east positive) in force at instant t. */
int32_t rota_tz_offset(const rota_tz *tz, rota_time t);
/* Zone abbreviation in force at t ("CEST"); static storage owned by the zone. */
const char *rota_tz_abbr(const rota_tz *tz, rota_time t);
int rota_tz_is_dst(const rota_tz *tz, rota_time t);

/* UTC -> local wall clock; *offset (may be NULL) receives the offset used. */
void rota_tz_to_local(const rota_tz *tz, rota_time t, rota_civil *out, int32_t *offset);

/* Local wall clock -> UTC.  How a wall time maps:
 *   ROTA_LOCAL_OK    exactly one instant;
 *   ROTA_LOCAL_FOLD  two instants (clocks went back); *out is the first (earlier) one,
 *                    as rota(7) says, and *later (if not NULL) the second;
 *   ROTA_LOCAL_GAP   no instant (clocks went forward); *out is the instant the wall
 *                    time would have named with the offset before the gap (so 02:30 on
 *                    a spring-forward night becomes 03:30 after the change) — callers
 *                    report an error unless the user asked to be lenient.
 * hour may be 24 with min = sec = 0, meaning the midnight that ends that day. */
enum { ROTA_LOCAL_OK = 0, ROTA_LOCAL_FOLD = 1, ROTA_LOCAL_GAP = 2 };
int rota_tz_from_local(const rota_tz *tz, const rota_civil *lt, rota_time *out, rota_time *later);
/* (Other fields outside their ranges carry over as mktime's do: month 13 is January of
 * the next year, day 0 the last day of the month before.) */

/* Start of local day `days` (midnight, or the first instant of that date if midnight
 * falls in a gap), as an instant. */
rota_time rota_tz_day_start(const rota_tz *tz, int64_t days);
/* Local date (day number) of instant t. */
int64_t rota_tz_day_of(const rota_tz *tz, rota_time t);

/* The earliest instant whose wall clock reads lt or later: the instant itself when lt
 * exists (the first one in a fold), else the instant the clocks jumped over it (so 02:30
 * on a spring-forward night gives the moment of the 02:00 -> 03:00 jump).  This is when
 * a wall-clock opening time "02:30" really begins that night. */
rota_time rota_tz_from_local_earliest(const rota_tz *tz, const rota_civil *lt);
/* The first instant after t at which the offset, abbreviation or DST flag changes;
 * INT64_MAX when nothing changes any more.  Lets callers walk a span one constant-offset
 * stretch at a time. */
rota_time rota_tz_next_change(const rota_tz *tz, rota_time t);
/* A zone from TZif bytes, outside the cache (tests, fuzzing, zones shipped with data):
 * free it with rota_tz_free.  NULL and err (status 2) when the bytes are not valid TZif. */
rota_tz *rota_tz_load(const void *data, size_t len, const char *name, rota_error *err);
void rota_tz_free(rota_tz *tz);
/* The offset and DST flag that the zone's POSIX-TZ footer alone gives at t, ignoring the
 * transition table (tests compare the two).  Returns -1 when the file has no footer. */
int rota_tz_footer_offset(const rota_tz *tz, rota_time t, int32_t *offset, int *isdst);

/* ---- text ---- */
/* Flags for parsing. */
enum {
	ROTA_PARSE_LENIENT = 1 << 0,  /* a naive time in a DST gap is moved forward, not rejected */
	ROTA_PARSE_DATE_OK = 1 << 1,  /* a bare date (2026-03-29) means its local midnight */
	ROTA_SCAN_SPACE = 1 << 2      /* rota_time_scan: a space may stand for the T (the text
	                               * is a word of its own, not followed by more words) */
};

/* ISO 8601 instant: "2026-03-29T09:00:00+02:00", "...Z", "2026-03-29 09:00", seconds
 * and fractional seconds optional (fractions are truncated), offsets "+02", "+0200",
 * "+02:00".  A naive time is read in tz (UTC when tz is NULL).  On error sets err with
 * col = 1-based column of the first bad character in s (the caller fills file and
 * line, which it knows) and returns -1. */
int rota_time_parse(const char *s, const rota_tz *tz, unsigned flags, rota_time *out,
                    rota_error *err);

/* ---- the fast path, for hot loops (batch queries, the clock engines) ----
 *
 * rota_time_scan reads the shapes machine-written instants almost always have,
 * YYYY-MM-DDTHH:MM[:SS] then Z, +HH:MM, +HHMM, +HH or nothing (a naive time, read in
 * tz, UTC when NULL; t and z as T and Z), several times faster than rota_time_parse.
 * It returns where the time ends (the caller decides whether what follows may follow
 * it), or NULL when it declines: another shape (a bare date, a space before the offset,
 * fractions of a second, an offset with seconds, 24:00), a value out of range, a naive
 * time in a DST gap.  Then rota_time_parse reads the text or says what is wrong with it;
 * for every text that rota_time_scan reads, rota_time_parse gives the same instant.
 *
 * The text must be followed by ROTA_TIME_SLACK readable bytes (a buffer with that many
 * zero bytes after its data): it is read eight bytes at a time.  cache holds the month
 * tables of the last years read; zero it before the first call, and give each thread
 * its own. */
#define ROTA_TIME_SLACK 32
typedef struct rota_time_cache {
	struct rota_time_year {      /* private */
		unsigned year;            /* 0: empty */
		int32_t first[13];        /* day number of the first of each month */
		unsigned char mlen[100];  /* length of each month; 0 for 00 and 13-99 */
	} y[4];                      /* by year % 4: a span across New Year needs two */
} rota_time_cache;
const char *rota_time_scan(rota_time_cache *cache, const char *s, const rota_tz *tz,
                           unsigned flags, rota_time *out);
/* rota_time_parse for a text with ROTA_TIME_SLACK bytes after it: rota_time_scan first
 * (a space allowed for the T), rota_time_parse when it declines or the text goes on. */
int rota_time_parse_fast(rota_time_cache *cache, const char *s, const rota_tz *tz,
                         unsigned flags, rota_time *out, rota_error *err);

/* Durations the same way: the shapes batches write (36027s, 1h30m; nine digits at most
 * a unit), read up to the first byte <= ' ' (a blank, a newline, the NUL), which it
 * returns; NULL when it declines (ISO 8601, a sign, fractions, a bad unit or order):
 * then rota_duration_parse reads the word, and agrees with every word this reads.
 * Any text in a string or buffer will do: it reads no byte after the end. */
const char *rota_duration_scan(const char *s, int64_t *secs);

/* Naive time in a strptime-like format, read in tz: %Y %m %d %H %M %S (%-less text must
 * match), %y (2-digit year, 69-99 -> 19xx), %b (Jan..Dec), %p (AM/PM with %I), %%.
 * Numbers accept 1 or 2 digits where the field allows ("29/2/2016 01:16" with
 * "%d/%m/%Y %H:%M").  Same error and gap/fold rules as rota_time_parse. */
int rota_time_parse_fmt(const char *s, const char *fmt, const rota_tz *tz, unsigned flags,
                        rota_time *out, rota_error *err);

/* "2026-03-29T09:00:00+02:00" (UTC prints "+00:00"; see rota_time_format_utc for "Z").  buf needs 26
 * bytes (ROTA_TIME_BUFSZ).  Returns strlen. */
#define ROTA_TIME_BUFSZ 32
size_t rota_time_format(char *buf, size_t n, rota_time t, const rota_tz *tz);

/* 0 when t's local form in tz (UTC when NULL) lies in the years 0001-9999, so that
 * what rota_time_format prints reads back; else -1 and err (status 2): "the answer
 * 10000-01-01T00:00:00+01:00 lies after 9999-12-31 in Europe/Berlin: ...".  Quick for
 * every instant more than a day away from the ends. */
int rota_time_check(rota_time t, const rota_tz *tz, rota_error *err);
/* True when t is written in 0001-9999 in every zone: a hot loop's test before the call. */
#define ROTA_TIME_SAFE(t) \
	((t) >= ROTA_TIME_MIN + ROTA_OFFSET_LIMIT && (t) <= ROTA_TIME_MAX - ROTA_OFFSET_LIMIT)

/* "2026-03-29T07:00:00Z": the instant in UTC with Z.  Same buffer rules. */
size_t rota_time_format_utc(char *buf, size_t n, rota_time t);

/* Checks a rota_time_parse_fmt format once, up front (for --time-format): every
 * conversion known, none twice, a year, month and day present, %I only with %p.
 * rota_time_parse_fmt also accepts %z (an offset: Z, +02, +0200, +02:00; the time is
 * then not read in tz), %T (%H:%M:%S) and %F (%Y-%m-%d); a space matches any run of
 * blanks, or none.  On error col is the 1-based column in fmt (0 when a conversion is
 * missing rather than wrong). */
int rota_time_fmt_check(const char *fmt, rota_error *err);

/* Dates: "2026-12-24" <-> day number.  Returns -1 and sets err (col) on bad input. */
int rota_date_parse(const char *s, int64_t *days, rota_error *err);
size_t rota_date_format(char *buf, size_t n, int64_t days);   /* needs 11 bytes */

/* Wall-clock time of day "08:00", "8:30", "24:00", "08:00:30" -> seconds 0..86400. */
int rota_clock_parse(const char *s, int *secs, rota_error *err);
/* The inverse: "08:00", "24:00", or "08:00:30" when seconds are not whole minutes.
 * buf needs 9 bytes (ROTA_CLOCK_BUFSZ).  Returns strlen. */
#define ROTA_CLOCK_BUFSZ 16
size_t rota_clock_format(char *buf, size_t n, int secs);

/* Durations: "90s", "30m", "4h", "2d", "1h30m", "1d2h3m4s", ISO 8601 "PT4H", "P1DT2H",
 * a bare integer means seconds.  Negative durations are rejected. */
int rota_duration_parse(const char *s, int64_t *secs, rota_error *err);
/* Compact form ("1h30m", "0s"). */
size_t rota_duration_format(char *buf, size_t n, int64_t secs);

#endif
