/* ISO 8601 and strptime-like text, durations.  The zone machinery lives in tzfile.c
 * (everything here goes through the public rota_tz_* calls), day numbers and dates in
 * civil.c.
 *
 * Every parser is strict and says where it stopped: a time that is silently misread
 * is worse than one that is refused, because rota's answers (SLA breaches, rosters)
 * would be wrong without anybody noticing. */
#include <config.h>
#include <ctype.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <rota/rota.h>
#include "civil.h"

/* ---- formatting ---- */

static const char *const month_names[12] = {
	"January", "February", "March", "April", "May", "June", "July", "August",
	"September", "October", "November", "December"
};

static size_t
put_date(char *buf, size_t n, int y, int m, int d)
{
	int r = y >= 0 && y <= 9999 ? snprintf(buf, n, "%04d-%02d-%02d", y, m, d)
	        : snprintf(buf, n, "%c%04lld-%02d-%02d", y < 0 ? '-' : '+',
	                   y < 0 ? -(long long)y : (long long)y, m, d);
	return r < 0 ? 0 : (size_t)r;
}

/* What snprintf(buf, n, ...) = r left in buf: its strlen. */
static size_t
written(size_t n, int r)
{
	if (n == 0 || r < 0)
		return 0;
	return (size_t)r < n ? (size_t)r : n - 1;
}

/* The two digits of v (0-99) from a table: a digit at a time was a division each. */
static char *
two(char *p, int v)
{
	static const char pairs[201] =
		"00010203040506070809101112131415161718192021222324252627282930313233343536373839"
		"40414243444546474849505152535455565758596061626364656667686970717273747576777879"
		"8081828384858687888990919293949596979899";
	memcpy(p, pairs + 2 * v, 2);
	return p + 2;
}

/* The usual instant (years 0000-9999, an offset of whole minutes) without snprintf:
 * its three calls were more than half the time of a rota-cal --batch add.  Returns
 * strlen; buf has room for ROTA_TIME_BUFSZ. */
static size_t
format_fast(char *buf, const rota_civil *c, int32_t off, int zulu)
{
	int a = off < 0 ? -off : off;
	char *p = two(two(buf, c->year / 100), c->year % 100);
	*p++ = '-';
	p = two(p, c->mon);
	*p++ = '-';
	p = two(p, c->day);
	*p++ = 'T';
	p = two(p, c->hour);
	*p++ = ':';
	p = two(p, c->min);
	*p++ = ':';
	p = two(p, c->sec);
	if (zulu) {
		*p++ = 'Z';
	} else {
		*p++ = off < 0 ? '-' : '+';
		p = two(p, a / 3600);
		*p++ = ':';
		p = two(p, a / 60 % 60);
	}
	*p = '\0';
	return (size_t)(p - buf);
}

static size_t
format_local(char *buf, size_t n, rota_time t, const rota_tz *tz, int zulu)
{
	rota_civil c;
	int32_t off;
	char date[32], offs[16];

	if (n == 0)
		return 0;
	rota_tz_to_local(tz, t, &c, &off);
	int abs_off = off < 0 ? -off : off;
	if (n >= ROTA_TIME_BUFSZ && c.year >= 0 && c.year <= 9999 && abs_off % 60 == 0 &&
	    abs_off < 100 * 3600)
		return format_fast(buf, &c, off, zulu);
	put_date(date, sizeof date, c.year, c.mon, c.day);
	if (zulu) {
		snprintf(offs, sizeof offs, "Z");
	} else {
		int a = off < 0 ? -off : off;
		/* local mean time offsets have seconds; print them rather than lie */
		if (a % 60)
			snprintf(offs, sizeof offs, "%c%02d:%02d:%02d", off < 0 ? '-' : '+',
			         a / 3600, a / 60 % 60, a % 60);
		else
			snprintf(offs, sizeof offs, "%c%02d:%02d", off < 0 ? '-' : '+', a / 3600, a / 60 % 60);
	}
	return written(n, snprintf(buf, n, "%sT%02d:%02d:%02d%s", date, c.hour, c.min, c.sec, offs));
}

size_t
rota_time_format(char *buf, size_t n, rota_time t, const rota_tz *tz)
{
	return format_local(buf, n, t, tz ? tz : rota_tz_utc(), 0);
}

int
rota_time_check(rota_time t, const rota_tz *tz, rota_error *err)
{
	if (ROTA_TIME_SAFE(t))
		return 0;
	rota_civil c;
	char text[ROTA_TIME_BUFSZ];
	if (tz == NULL)
		tz = rota_tz_utc();
	rota_tz_to_local(tz, t, &c, NULL);
	if (c.year >= 1 && c.year <= 9999)
		return 0;
	rota_time_format(text, sizeof text, t, tz);
	return rota_error_set(err, ROTA_EXIT_USAGE, NULL, 0, 0, "%s lies %s in %s: "
	                      "rota reads and writes the years 0001 to 9999 only", text,
	                      c.year < 1 ? "before 0001-01-01" : "after 9999-12-31",
	                      rota_tz_name(tz));
}

size_t
rota_time_format_utc(char *buf, size_t n, rota_time t)
{
	return format_local(buf, n, t, rota_tz_utc(), 1);
}

size_t
rota_date_format(char *buf, size_t n, int64_t days)
{
	int y, m, d;
	char tmp[32];
	if (n == 0)
		return 0;
	rota_civil_from_days(days, &y, &m, &d);
	put_date(tmp, sizeof tmp, y, m, d);
	return written(n, snprintf(buf, n, "%s", tmp));
}

size_t
rota_duration_format(char *buf, size_t n, int64_t secs)
{
	char tmp[64];
	size_t o = 0;
	uint64_t a = secs < 0 ? (uint64_t)0 - (uint64_t)secs : (uint64_t)secs;
	static const struct { char u; uint64_t s; } units[] = {
		{ 'd', 86400 }, { 'h', 3600 }, { 'm', 60 }, { 's', 1 }
	};

	if (n == 0)
		return 0;
	if (secs < 0)
		tmp[o++] = '-';
	for (size_t i = 0; i < 4; i++) {
		uint64_t q = a / units[i].s;
		a %= units[i].s;
		if (q)
			o += (size_t)snprintf(tmp + o, sizeof tmp - o, "%llu%c", (unsigned long long)q,
			                      units[i].u);
	}
	if (secs == 0)
		o += (size_t)snprintf(tmp + o, sizeof tmp - o, "0s");
	tmp[o] = '\0';
	return written(n, snprintf(buf, n, "%s", tmp));
}

/* ---- parsing ---- */

/* What is being parsed, for messages: "invalid time '...': ...; write a time such as ..." */
struct px {
	const char *s;         /* the whole input */
	const char *kind;      /* "time", "date", ... */
	const char *hint;      /* how to fix it */
	rota_error *err;
};

static void
quote(char *dst, size_t n, const char *s, size_t max)
{
	size_t o = 0, i;
	for (i = 0; s[i] && i < max && o + 5 < n; i++)
		dst[o++] = (unsigned char)s[i] < 0x20 || s[i] == 0x7f ? '?' : s[i];
	if (s[i] && o + 4 < n)
		o += (size_t)snprintf(dst + o, n - o, "...");
	dst[o] = '\0';
}

static void
describe(char *dst, size_t n, const char *p)
{
	unsigned char c = (unsigned char)*p;
	if (c == '\0')
		snprintf(dst, n, "the end");
	else if (c == ' ')
		snprintf(dst, n, "a space");
	else if (c == '\t')
		snprintf(dst, n, "a tab");
	else if (c < 0x20 || c >= 0x7f)
		snprintf(dst, n, "byte 0x%02X", c);
	else
		snprintf(dst, n, "'%c'", c);
}

static long
col_of(const struct px *x, const char *p)
{
	return (long)(p - x->s) + 1;
}

/* A syntax error at p: what was expected there, what was found, how to fix it. */
static int
bad(const struct px *x, const char *p, const char *expected)
{
	char q[80], f[32];
	quote(q, sizeof q, x->s, 64);
	describe(f, sizeof f, p);
	return rota_error_set(x->err, ROTA_EXIT_USAGE, NULL, 0, col_of(x, p),
	                      "invalid %s '%s': expected %s at column %ld, found %s; %s",
	                      x->kind, q, expected, col_of(x, p), f, x->hint);
}

/* A field that parsed but is out of range. */
static int __attribute__((format(printf, 3, 4)))
range(const struct px *x, const char *p, const char *fmt, ...)
{
	char q[80], what[256];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(what, sizeof what, fmt, ap);
	va_end(ap);
	quote(q, sizeof q, x->s, 64);
	return rota_error_set(x->err, ROTA_EXIT_USAGE, NULL, 0, col_of(x, p),
	                      "invalid %s '%s': %s", x->kind, q, what);
}

static const char *
skip_blanks(const char *p)
{
	while (*p == ' ' || *p == '\t')
		p++;
	return p;
}

/* min..max decimal digits at *pp (max <= 9, so no overflow).  Returns the count read,
 * or -1 with *pp at the first character that is not the expected digit. */
static int
digits(const char **pp, int min, int max, int *val)
{
	const char *p = *pp;
	int v = 0, nd = 0;
	while (nd < max && isdigit((unsigned char)*p))
		v = v * 10 + (*p++ - '0'), nd++;
	*pp = p;
	if (nd < min)
		return -1;
	*val = v;
	return nd;
}

/* A parsed wall time, each field with where it started (for range errors). */
struct fields {
	int year, mon, day, hour, min, sec;
	const char *pyear, *pmon, *pday, *phour, *pmin, *psec;
	int has_off;
	int32_t off;
	int hour12, pm;         /* %I with %p: pm = 0 or 1 */
};

static int
check_date(const struct px *x, const struct fields *f)
{
	if (f->year < 1)
		return range(x, f->pyear, "year %04d is out of range (0001-9999)", f->year);
	if (f->mon < 1 || f->mon > 12)
		return range(x, f->pmon, "month %02d is out of range (01-12)", f->mon);
	int dim = rota_days_in_month(f->year, f->mon);
	if (f->day < 1 || f->day > dim)
		return range(x, f->pday, "day %02d is out of range for %s %04d (01-%02d)", f->day,
		             month_names[f->mon - 1], f->year, dim);
	return 0;
}

static int
check_clock(const struct px *x, const struct fields *f, int frac_nonzero)
{
	if (f->hour12 && (f->hour < 1 || f->hour > 12))
		return range(x, f->phour, "hour %d is out of range for a 12-hour clock (1-12)", f->hour);
	if (f->hour > 24)
		return range(x, f->phour, "hour %02d is out of range (00-23, or 24:00 for the end of a day)",
		             f->hour);
	if (f->min > 59)
		return range(x, f->pmin, "minute %02d is out of range (00-59)", f->min);
	if (f->sec > 59)
		return range(x, f->psec, "second %02d is out of range (00-59; leap seconds are not "
		             "counted)", f->sec);
	if (f->hour == 24 && (f->min || f->sec || frac_nonzero))
		return range(x, f->phour, "hour 24 is only allowed as 24:00:00, the midnight that "
		             "ends the day");
	return 0;
}

/* Z, z, +hh, +hhmm, +hh:mm, +hh:mm:ss (or -). */
static int
parse_offset(const struct px *x, const char **pp, int32_t *off)
{
	const char *p = *pp, *ph;
	int sign, h, m = 0, s = 0;

	if (*p == 'Z' || *p == 'z') {
		*off = 0;
		*pp = p + 1;
		return 0;
	}
	if (*p != '+' && *p != '-')
		return bad(x, p, "an offset such as +02:00 or Z");
	sign = *p++ == '-' ? -1 : 1;
	ph = p;
	if (digits(&p, 2, 2, &h) < 0)
		return bad(x, p, "a 2-digit offset hour, as in +02:00");
	int colon = *p == ':';
	if (colon || isdigit((unsigned char)*p)) {
		p += colon;
		if (digits(&p, 2, 2, &m) < 0)
			return bad(x, p, "2-digit offset minutes, as in +02:00");
		if ((colon && *p == ':') || (!colon && isdigit((unsigned char)*p))) {
			p += colon;
			if (digits(&p, 2, 2, &s) < 0)
				return bad(x, p, "2-digit offset seconds");
		}
	}
	if (h > 23 || m > 59 || s > 59)
		return range(x, ph, "offset %c%02d:%02d is out of range (-23:59 to +23:59)",
		             sign < 0 ? '-' : '+', h, m);
	*off = sign * (h * 3600 + m * 60 + s);
	*pp = p;
	return 0;
}

static void
wall_text(char *buf, size_t n, const rota_civil *c, int with_date)
{
	char d[32] = "";
	if (with_date) {
		put_date(d, sizeof d - 1, c->year, c->mon, c->day);
		strcat(d, " ");
	}
	if (c->sec)
		snprintf(buf, n, "%s%02d:%02d:%02d", d, c->hour, c->min, c->sec);
	else
		snprintf(buf, n, "%s%02d:%02d", d, c->hour, c->min);
}

/* The wall time in f -> instant: by its offset, else read in tz with the gap rule. */
static int
resolve(const struct px *x, const struct fields *f, const rota_tz *tz, unsigned flags,
        rota_time *out)
{
	int64_t days = rota_days_from_civil(f->year, f->mon, f->day);
	int64_t l = days * 86400 + f->hour * 3600 + f->min * 60 + f->sec;
	if (f->has_off) {
		*out = l - f->off;
		return 0;
	}
	if (tz == NULL)
		tz = rota_tz_utc();
	rota_civil c = { f->year, f->mon, f->day, f->hour, f->min, f->sec };
	rota_time t;
	if (rota_tz_from_local(tz, &c, &t, NULL) == ROTA_LOCAL_GAP && !(flags & ROTA_PARSE_LENIENT)) {
		rota_time jump = rota_tz_from_local_earliest(tz, &c);
		rota_civil before;
		char when[48], at[48];
		/* the wall clock just before the jump, read with the old offset */
		int32_t off = rota_tz_offset(tz, jump - 1);
		int64_t lj = jump + off, dj = lj >= 0 ? lj / 86400 : -((-lj + 86399) / 86400);
		rota_civil_from_days(dj, &before.year, &before.mon, &before.day);
		int64_t sod = lj - dj * 86400;
		before.hour = (int)(sod / 3600);
		before.min = (int)(sod / 60 % 60);
		before.sec = (int)(sod % 60);
		wall_text(when, sizeof when, &c, 1);
		wall_text(at, sizeof at, &before,
		          before.year != c.year || before.mon != c.mon || before.day != c.day);
		rota_error_set(x->err, ROTA_EXIT_USAGE, NULL, 0, col_of(x, skip_blanks(x->s)),
		               "%s does not exist in %s (clocks go forward at %s); give an offset",
		               when, rota_tz_name(tz), at);
		return rota_error_fix(x->err, " or use {lenient}");
	}
	*out = t;
	return 0;
}

static const char time_hint[] = "write a time such as 2026-03-29T09:00:00+02:00";

int
rota_time_parse(const char *s, const rota_tz *tz, unsigned flags, rota_time *out,
                rota_error *err)
{
	struct px x = { s ? s : "", "time", time_hint, err };
	struct fields f;
	const char *p = skip_blanks(x.s);
	int frac_nonzero = 0;

	memset(&f, 0, sizeof f);
	f.pyear = p;
	if (digits(&p, 4, 4, &f.year) < 0)
		return bad(&x, p, "a 4-digit year");
	if (*p++ != '-')
		return bad(&x, p - 1, "'-' after the year");
	f.pmon = p;
	if (digits(&p, 2, 2, &f.mon) < 0)
		return bad(&x, p, "a 2-digit month (01-12)");
	if (*p++ != '-')
		return bad(&x, p - 1, "'-' after the month");
	f.pday = p;
	if (digits(&p, 2, 2, &f.day) < 0)
		return bad(&x, p, "a 2-digit day (01-31)");
	if (check_date(&x, &f) != 0)
		return -1;
	if (*skip_blanks(p) == '\0') {
		if (!(flags & ROTA_PARSE_DATE_OK))
			return bad(&x, p, "'T' and a time of day after the date");
		*out = rota_tz_day_start(tz ? tz : rota_tz_utc(),
		                         rota_days_from_civil(f.year, f.mon, f.day));
		return 0;
	}
	if (*p != 'T' && *p != 't' && *p != ' ')
		return bad(&x, p, "'T' or a space between the date and the time");
	p++;
	f.phour = p;
	if (digits(&p, 2, 2, &f.hour) < 0)
		return bad(&x, p, "a 2-digit hour (00-23)");
	if (*p++ != ':')
		return bad(&x, p - 1, "':' after the hour");
	f.pmin = p;
	if (digits(&p, 2, 2, &f.min) < 0)
		return bad(&x, p, "2-digit minutes (00-59)");
	f.psec = p;
	if (*p == ':') {
		p++;
		f.psec = p;
		if (digits(&p, 2, 2, &f.sec) < 0)
			return bad(&x, p, "2-digit seconds (00-59)");
		if (*p == '.' || *p == ',') {
			/* fractions are truncated: only whether they are zero matters (24:00) */
			if (!isdigit((unsigned char)*++p))
				return bad(&x, p, "the digits of a fraction of a second");
			for (; isdigit((unsigned char)*p); p++)
				frac_nonzero |= *p != '0';
		}
	}
	if (check_clock(&x, &f, frac_nonzero) != 0)
		return -1;
	if (*p == ' ' && (p[1] == '+' || p[1] == '-' || p[1] == 'Z' || p[1] == 'z'))
		p++;
	if (*p == 'Z' || *p == 'z' || *p == '+' || *p == '-') {
		if (parse_offset(&x, &p, &f.off) != 0)
			return -1;
		f.has_off = 1;
	}
	p = skip_blanks(p);
	if (*p != '\0')
		return bad(&x, p, f.has_off ? "the end of the time"
		           : "seconds, an offset such as +02:00 or Z, or the end of the time");
	return resolve(&x, &f, tz, flags, out);
}

int
rota_date_parse(const char *s, int64_t *days, rota_error *err)
{
	struct px x = { s ? s : "", "date", "write a date such as 2026-12-24", err };
	struct fields f;
	const char *p = skip_blanks(x.s);

	memset(&f, 0, sizeof f);
	f.pyear = p;
	if (digits(&p, 4, 4, &f.year) < 0)
		return bad(&x, p, "a 4-digit year");
	if (*p++ != '-')
		return bad(&x, p - 1, "'-' after the year");
	f.pmon = p;
	if (digits(&p, 2, 2, &f.mon) < 0)
		return bad(&x, p, "a 2-digit month (01-12)");
	if (*p++ != '-')
		return bad(&x, p - 1, "'-' after the month");
	f.pday = p;
	if (digits(&p, 2, 2, &f.day) < 0)
		return bad(&x, p, "a 2-digit day (01-31)");
	if (*skip_blanks(p) != '\0')
		return bad(&x, skip_blanks(p), "the end of the date");
	if (check_date(&x, &f) != 0)
		return -1;
	*days = rota_days_from_civil(f.year, f.mon, f.day);
	return 0;
}

size_t
rota_clock_format(char *buf, size_t n, int secs)
{
	int r;
	if (secs % 60)
		r = snprintf(buf, n, "%02d:%02d:%02d", secs / 3600, secs / 60 % 60, secs % 60);
	else
		r = snprintf(buf, n, "%02d:%02d", secs / 3600, secs / 60 % 60);
	return r < 0 ? 0 : (size_t)r;
}

int
rota_clock_parse(const char *s, int *secs, rota_error *err)
{
	struct px x = { s ? s : "", "time of day", "write a time of day such as 08:00 or 17:30", err };
	struct fields f;
	const char *p = skip_blanks(x.s);

	memset(&f, 0, sizeof f);
	f.phour = p;
	if (digits(&p, 1, 2, &f.hour) < 0)
		return bad(&x, p, "an hour (0-24)");
	if (*p++ != ':')
		return bad(&x, p - 1, "':' after the hour");
	f.pmin = p;
	if (digits(&p, 2, 2, &f.min) < 0)
		return bad(&x, p, "2-digit minutes (00-59)");
	f.psec = p;
	if (*p == ':') {
		f.psec = ++p;
		if (digits(&p, 2, 2, &f.sec) < 0)
			return bad(&x, p, "2-digit seconds (00-59)");
	}
	if (*skip_blanks(p) != '\0')
		return bad(&x, skip_blanks(p), "the end of the time of day");
	if (check_clock(&x, &f, 0) != 0)
		return -1;
	*secs = f.hour * 3600 + f.min * 60 + f.sec;
	return 0;
}

/* ---- durations ---- */

static const char dur_hint[] = "write a duration such as 90s, 30m, 4h, 1h30m, 2d or PT4H";

/* A decimal number into *v, overflow-checked. */
static int
dur_number(const struct px *x, const char **pp, int64_t *v)
{
	const char *p = *pp, *start = p;
	int64_t n = 0;
	if (!isdigit((unsigned char)*p))
		return bad(x, p, "a number");
	for (; isdigit((unsigned char)*p); p++) {
		int d = *p - '0';
		if (n > (INT64_MAX - d) / 10)
			return range(x, start, "the number at column %ld is too large", col_of(x, start));
		n = n * 10 + d;
	}
	if (*p == '.' || *p == ',')
		return range(x, p, "fractions are not supported (column %ld); use a smaller unit, "
		             "e.g. 90m instead of 1.5h", col_of(x, p));
	*pp = p;
	*v = n;
	return 0;
}

static int
dur_add(const struct px *x, const char *at, int64_t *total, int64_t n, int64_t unit)
{
	if (n > (INT64_MAX - *total) / unit)
		return range(x, at, "the duration is too large");
	*total += n * unit;
	return 0;
}

static int64_t
unit_secs(char u)
{
	switch (u) {
	case 'w': return 7 * 86400;
	case 'd': return 86400;
	case 'h': return 3600;
	case 'm': return 60;
	case 's': return 1;
	}
	return 0;
}

/* ISO 8601: P[nW][nD][T[nH][nM][nS]]; years and months have no fixed length. */
static int
dur_iso(const struct px *x, const char *p, int64_t *secs)
{
	static const char order[] = "WDHMS";
	int64_t total = 0;
	int last = -1, in_time = 0, any = 0;

	p++;                                   /* the P */
	for (;;) {
		if (*p == 'T' || *p == 't') {
			if (in_time)
				return bad(x, p, "a number and a unit H, M or S");
			in_time = 1;
			p++;
			if (!isdigit((unsigned char)*p))
				return bad(x, p, "a number and a unit H, M or S after 'T'");
			continue;
		}
		if (*p == '\0' || *p == ' ' || *p == '\t')
			break;
		const char *at = p;
		int64_t n;
		if (dur_number(x, &p, &n) != 0)
			return -1;
		char u = (char)toupper((unsigned char)*p);
		if (!in_time && (u == 'Y' || u == 'M'))
			return range(x, p, "years and months (column %ld) are not fixed lengths of time; "
			             "give days, e.g. P30D", col_of(x, p));
		const char *pos = u ? strchr(order, u) : NULL;
		int k = pos ? (int)(pos - order) : -1;
		if (k < 0 || (in_time ? k < 2 : k >= 2))
			return bad(x, p, in_time ? "a unit H, M or S" : "a unit W or D, or 'T'");
		if (k <= last)
			return bad(x, p, "the units in the order W, D, then T and H, M, S, each once");
		last = k;
		any = 1;
		if (dur_add(x, at, &total, n, unit_secs((char)tolower((unsigned char)u))) != 0)
			return -1;
		p++;
	}
	if (!any)
		return bad(x, p, "a number and a unit after 'P', as in PT4H or P1D");
	p = skip_blanks(p);
	if (*p != '\0')
		return bad(x, p, "the end of the duration");
	*secs = total;
	return 0;
}

int
rota_duration_parse(const char *s, int64_t *secs, rota_error *err)
{
	struct px x = { s ? s : "", "duration", dur_hint, err };
	static const char order[] = "wdhms";
	const char *p = skip_blanks(x.s);
	int64_t total = 0;
	int last = -1;

	if (*p == '-')
		return range(&x, p, "negative durations are not allowed");
	if (*p == 'P' || *p == 'p')
		return dur_iso(&x, p, secs);
	if (*p == '\0')
		return bad(&x, p, "a duration");
	for (;;) {
		const char *at = p;
		int64_t n;
		if (dur_number(&x, &p, &n) != 0)
			return -1;
		if (at == skip_blanks(x.s) && *skip_blanks(p) == '\0') {
			total = n;                     /* a bare number counts seconds */
			break;
		}
		const char *pos = *p ? strchr(order, *p) : NULL;
		if (pos == NULL)
			return bad(&x, p, isupper((unsigned char)*p)
			           ? "a unit w, d, h, m or s (lowercase)" : "a unit w, d, h, m or s");
		int k = (int)(pos - order);
		if (k <= last)
			return bad(&x, p, "the units in the order w, d, h, m, s, each once");
		last = k;
		if (dur_add(&x, at, &total, n, unit_secs(*p)) != 0)
			return -1;
		p++;
		if (*skip_blanks(p) == '\0')
			break;
	}
	*secs = total;
	return 0;
}

/* ---- strptime-like formats ---- */

enum { F_YEAR, F_MON, F_DAY, F_HOUR, F_MIN, F_SEC, F_AMPM, F_OFF, F_12, F_N };

/* Which fields a conversion sets (bit mask over F_*), 0 for unknown. */
static unsigned
conv_fields(char c)
{
	switch (c) {
	case 'Y': case 'y': return 1u << F_YEAR;
	case 'm': case 'b': case 'B': case 'h': return 1u << F_MON;
	case 'd': case 'e': return 1u << F_DAY;
	case 'H': return 1u << F_HOUR;
	case 'I': return 1u << F_HOUR | 1u << F_12;
	case 'M': return 1u << F_MIN;
	case 'S': return 1u << F_SEC;
	case 'p': return 1u << F_AMPM;
	case 'z': return 1u << F_OFF;
	case 'T': return 1u << F_HOUR | 1u << F_MIN | 1u << F_SEC;
	case 'F': return 1u << F_YEAR | 1u << F_MON | 1u << F_DAY;
	}
	return 0;
}

int
rota_time_fmt_check(const char *fmt, rota_error *err)
{
	static const char *const names[F_N] = {
		"year", "month", "day", "hour", "minutes", "seconds", "AM/PM", "offset", ""
	};
	unsigned seen = 0;
	const char *p;
	char q[80];

	if (fmt == NULL)
		fmt = "";
	quote(q, sizeof q, fmt, 64);
	if (strlen(fmt) > 200)
		return rota_error_set(err, ROTA_EXIT_USAGE, NULL, 0, 201,
		                      "time format '%s' is too long (200 characters at most)", q);
	for (p = fmt; *p; p++) {
		if (*p != '%')
			continue;
		long col = (long)(p - fmt) + 1;
		if (p[1] == '\0')
			return rota_error_set(err, ROTA_EXIT_USAGE, NULL, 0, col,
			                      "time format '%s' ends in a lone '%%' at column %ld; "
			                      "write %%%% for a percent sign", q, col);
		if (*++p == '%')
			continue;
		unsigned m = conv_fields(*p);
		if (m == 0)
			return rota_error_set(err, ROTA_EXIT_USAGE, NULL, 0, col,
			                      "time format '%s' has an unknown conversion '%%%c' at column "
			                      "%ld; use %%Y %%y %%m %%b %%d %%H %%I %%M %%S %%p %%z %%T "
			                      "%%F or %%%%", q, isprint((unsigned char)*p) ? *p : '?', col);
		if (seen & m & ~(1u << F_12))
			for (int i = 0; i < F_N; i++)
				if (seen & m & (1u << i))
					return rota_error_set(err, ROTA_EXIT_USAGE, NULL, 0, col,
					                      "time format '%s' gives the %s twice (again "
					                      "at column %ld)", q, names[i], col);
		seen |= m;
	}
	for (int i = F_YEAR; i <= F_DAY; i++)
		if (!(seen & (1u << i)))
			return rota_error_set(err, ROTA_EXIT_USAGE, NULL, 0, 0,
			                      "time format '%s' has no %s: add %s", q, names[i],
			                      i == F_YEAR ? "%Y or %y" : i == F_MON ? "%m or %b" : "%d");
	if ((seen & (1u << F_12)) && !(seen & (1u << F_AMPM)))
		return rota_error_set(err, ROTA_EXIT_USAGE, NULL, 0, 0,
		                      "time format '%s' uses %%I (12-hour clock) without %%p (AM/PM): "
		                      "add %%p, or use %%H for a 24-hour clock", q);
	if ((seen & (1u << F_AMPM)) && !(seen & (1u << F_12)))
		return rota_error_set(err, ROTA_EXIT_USAGE, NULL, 0, 0,
		                      "time format '%s' uses %%p (AM/PM) without %%I: use %%I for "
		                      "the hour of a 12-hour clock", q);
	return 0;
}

static int
match_month(const char **pp, int *mon)
{
	const char *p = *pp;
	for (int i = 0; i < 12; i++) {
		size_t full = strlen(month_names[i]);
		if (strncasecmp(p, month_names[i], full) == 0) {
			*pp = p + full;
			*mon = i + 1;
			return 0;
		}
	}
	for (int i = 0; i < 12; i++) {
		if (strncasecmp(p, month_names[i], 3) == 0) {
			*pp = p + 3;
			*mon = i + 1;
			return 0;
		}
	}
	return -1;
}

static int
conv(const struct px *x, char c, const char **pp, struct fields *f)
{
	const char *p = *pp;
	int v;

	switch (c) {
	case 'Y':
		f->pyear = p;
		if (digits(&p, 4, 4, &f->year) < 0)
			return bad(x, p, "a 4-digit year");
		break;
	case 'y':
		f->pyear = p;
		if (digits(&p, 2, 2, &v) < 0)
			return bad(x, p, "a 2-digit year");
		f->year = v < 69 ? 2000 + v : 1900 + v;
		break;
	case 'm':
		f->pmon = p;
		if (digits(&p, 1, 2, &f->mon) < 0)
			return bad(x, p, "a month (1-12)");
		break;
	case 'b': case 'B': case 'h':
		f->pmon = p;
		if (match_month(&p, &f->mon) != 0)
			return bad(x, p, "a month name such as Mar or March");
		break;
	case 'd': case 'e':
		f->pday = p;
		if (digits(&p, 1, 2, &f->day) < 0)
			return bad(x, p, "a day of the month (1-31)");
		break;
	case 'H': case 'I':
		f->phour = p;
		if (digits(&p, 1, 2, &f->hour) < 0)
			return bad(x, p, c == 'H' ? "an hour (0-23)" : "an hour (1-12)");
		f->hour12 = c == 'I';
		break;
	case 'M':
		f->pmin = p;
		if (digits(&p, 1, 2, &f->min) < 0)
			return bad(x, p, "minutes (0-59)");
		break;
	case 'S':
		f->psec = p;
		if (digits(&p, 1, 2, &f->sec) < 0)
			return bad(x, p, "seconds (0-59)");
		break;
	case 'p':
		if (strncasecmp(p, "AM", 2) == 0 || strncasecmp(p, "PM", 2) == 0) {
			f->pm = toupper((unsigned char)*p) == 'P';
			p += 2;
		} else {
			return bad(x, p, "AM or PM");
		}
		break;
	case 'z':
		if (parse_offset(x, &p, &f->off) != 0)
			return -1;
		f->has_off = 1;
		break;
	case 'T':
		if (conv(x, 'H', &p, f) || (*p++ != ':' && bad(x, p - 1, "':' after the hour"))
		    || conv(x, 'M', &p, f) || (*p++ != ':' && bad(x, p - 1, "':' after the minutes"))
		    || conv(x, 'S', &p, f))
			return -1;
		break;
	case 'F':
		if (conv(x, 'Y', &p, f) || (*p++ != '-' && bad(x, p - 1, "'-' after the year"))
		    || conv(x, 'm', &p, f) || (*p++ != '-' && bad(x, p - 1, "'-' after the month"))
		    || conv(x, 'd', &p, f))
			return -1;
		break;
	}
	*pp = p;
	return 0;
}

int
rota_time_parse_fmt(const char *s, const char *fmt, const rota_tz *tz, unsigned flags,
                    rota_time *out, rota_error *err)
{
	char hint[300], qf[80];
	struct px x = { s ? s : "", "time", hint, err };
	struct fields f;
	const char *p, *fp;

	if (rota_time_fmt_check(fmt, err) != 0)
		return -1;
	quote(qf, sizeof qf, fmt, 64);
	snprintf(hint, sizeof hint, "the time format is '%s'", qf);
	memset(&f, 0, sizeof f);
	f.day = 1;
	p = skip_blanks(x.s);
	f.pyear = f.pmon = f.pday = f.phour = f.pmin = f.psec = p;
	for (fp = fmt; *fp; fp++) {
		if (*fp == ' ' || *fp == '\t') {
			p = skip_blanks(p);
		} else if (*fp == '%' && fp[1] != '%') {
			if (conv(&x, *++fp, &p, &f) != 0)
				return -1;
		} else {
			if (*fp == '%')
				fp++;
			if (*p != *fp) {
				char want[16];
				describe(want, sizeof want, fp);
				return bad(&x, p, want);
			}
			p++;
		}
	}
	if (*skip_blanks(p) != '\0')
		return bad(&x, skip_blanks(p), "the end of the time");
	if (check_date(&x, &f) != 0 || check_clock(&x, &f, 0) != 0)
		return -1;
	if (f.hour12)
		f.hour = f.hour % 12 + (f.pm ? 12 : 0);
	return resolve(&x, &f, tz, flags, out);
}
