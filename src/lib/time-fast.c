/* The fast front of ISO 8601 reading: the shapes machine-written instants almost always
 * have, read branch-free for hot loops (rota-cal --batch, the clock engines), with
 * rota_time_parse behind it for everything else.  There is one reader of times: this
 * file only ever answers when rota_time_parse would give the same instant, and declines
 * (NULL) otherwise, so that rota_time_parse's answer and messages stay the only ones.
 * (The fast writer is the front of rota_time_format, in time.c.) */
#include <config.h>
#include <string.h>
#include <rota/rota.h>
#include "load8.h"

/* GCC compiles code it thinks cold for size (divisions by constants as idiv): this is
 * the opposite. */
#define HOT __attribute__((hot))

static void
year_fill(rota_time_cache *c, unsigned year)
{
	struct rota_time_year *Y = &c->y[year % 4];
	Y->year = year;
	for (int m = 1; m <= 12; m++) {
		Y->first[m] = (int32_t)rota_days_from_civil((int)year, m, 1);
		Y->mlen[m] = (unsigned char)rota_days_in_month((int)year, m);
	}
}

/* The eight characters of a C string literal as load8 reads them. */
#define LE8(s) ((uint64_t)(unsigned char)(s)[0] | (uint64_t)(unsigned char)(s)[1] << 8 | \
	(uint64_t)(unsigned char)(s)[2] << 16 | (uint64_t)(unsigned char)(s)[3] << 24 | \
	(uint64_t)(unsigned char)(s)[4] << 32 | (uint64_t)(unsigned char)(s)[5] << 40 | \
	(uint64_t)(unsigned char)(s)[6] << 48 | (uint64_t)(unsigned char)(s)[7] << 56)

#define ONES 0x0101010101010101ULL

/* 0xff under the characters of a LE8 template that are not '0'. */
#define FIXED1(s, i) ((uint64_t)((s)[i] != '0') * 0xffULL << 8 * (i))
#define FIXED8(s) (FIXED1(s, 0) | FIXED1(s, 1) | FIXED1(s, 2) | FIXED1(s, 3) | \
	FIXED1(s, 4) | FIXED1(s, 5) | FIXED1(s, 6) | FIXED1(s, 7))

/* x against a template of eight characters, '0' standing for any digit (the shape's
 * other characters, here '-', 'T' and ':', must be there exactly).  Returns x with each
 * digit's value in its byte and the fixed characters zeroed, or UINT64_MAX when x does
 * not fit; branch-free, as one mispredicted test a character was most of a time's cost. */
#define DIGITS8(x, s) digits8((x), LE8(s), FIXED8(s))
static uint64_t
digits8(uint64_t x, uint64_t tmpl, uint64_t fixed)
{
	uint64_t v = x ^ tmpl;   /* a digit is its value, a matching fixed character 0 */
	uint64_t bad = (v & 0xf0 * ONES) | ((v + 6 * ONES) & 0xf0 * ONES) | (v & fixed);
	return bad ? UINT64_MAX : v;
}

static unsigned
digit(char c)
{
	return (unsigned)(unsigned char)c - '0';   /* > 9 when c is not a digit */
}

/* A naive time (no offset) in tz, unless it falls in a gap. */
static __attribute__((noinline)) const char *
scan_naive(const char *p, const rota_tz *tz, unsigned year, unsigned mon, unsigned day,
           unsigned hms, rota_time *out)
{
	rota_civil c = { (int)year, (int)mon, (int)day, (int)(hms / 3600), (int)(hms / 60 % 60),
	                 (int)(hms % 60) };
	return rota_tz_from_local(tz ? tz : rota_tz_utc(), &c, out, NULL) != ROTA_LOCAL_GAP
	       ? p : NULL;
}

static const char *scan_new_year(rota_time_cache *c, const char *s, const rota_tz *tz,
                                 unsigned flags, unsigned year, rota_time *out);
static const char *scan_odd(rota_time_cache *c, const char *s, const rota_tz *tz,
                            unsigned flags, rota_time *out);

/* The first 16 bytes are read at once, and 32 for a t or a space (hence
 * ROTA_TIME_SLACK); after the first 16, a byte is read only when the ones before it
 * matched. */
HOT const char *
rota_time_scan(rota_time_cache *c, const char *s, const rota_tz *tz, unsigned flags,
               rota_time *out)
{
	uint64_t a = DIGITS8(load8(s), "0000-00-"), b = DIGITS8(load8(s + 8), "00T00:00");
	if ((a == UINT64_MAX) | (b == UINT64_MAX))
		return scan_odd(c, s, tz, flags, out);
	/* Byte k becomes 10 * digit k + digit k + 1: each two-digit field in one byte. */
	a = a * 10 + (a >> 8);
	b = b * 10 + (b >> 8);
	unsigned year = (unsigned)(a & 0xff) * 100 + (unsigned)(a >> 16 & 0xff),
	         mon = (unsigned)(a >> 40 & 0xff), day = (unsigned)(b & 0xff),
	         hour = (unsigned)(b >> 24 & 0xff), min = (unsigned)(b >> 48 & 0xff), sec = 0;
	struct rota_time_year *Y = &c->y[year % 4];
	if (year != Y->year)   /* a tail call, so that this path calls nothing */
		return scan_new_year(c, s, tz, flags, year, out);
	/* day 1 .. the month's length (0 for a month out of 1-12), hour 0-23, minute 0-59 */
	if ((day - 1 >= Y->mlen[mon]) | (hour > 23) | (min > 59))
		return NULL;
	const char *p = s + 16;
	if (*p == ':') {
		unsigned s1 = digit(p[1]), s2 = digit(p[2]);
		if (s1 > 5 || s2 > 9)
			return NULL;
		sec = s1 * 10 + s2;
		p += 3;
	}
	unsigned hms = hour * 3600 + min * 60 + sec;
	int64_t local = (int64_t)(Y->first[mon] + (int32_t)day - 1) * 86400 + hms;
	if (*p == 'Z' || *p == 'z') {
		*out = local;
		return p + 1;
	}
	if (*p == '+' || *p == '-') {
		/* +HH, then :MM or MM; a colon or digit that begins no minutes is an error,
		 * and seconds after the minutes are left to rota_time_parse (not a blank). */
		unsigned h1 = digit(p[1]), h2, m1 = 0, m2 = 0;
		if (h1 > 2 || (h2 = digit(p[2])) > 9)
			return NULL;
		const char *q = p + 3;
		if (*q == ':' || digit(*q) <= 9) {
			q += *q == ':';
			if ((m1 = digit(q[0])) > 5 || (m2 = digit(q[1])) > 9)
				return NULL;
			q += 2;
		}
		unsigned oh = h1 * 10 + h2;
		if (oh > 23)
			return NULL;
		int32_t off = (int32_t)(oh * 3600 + (m1 * 10 + m2) * 60);
		*out = local - (*p == '-' ? -off : off);
		return q;
	}
	return scan_naive(p, tz, year, mon, day, hms, out);
}

/* A t or a space instead of the T: read a copy with a T. */
static __attribute__((noinline)) const char *
scan_odd(rota_time_cache *c, const char *s, const rota_tz *tz, unsigned flags,
         rota_time *out)
{
	char copy[ROTA_TIME_SLACK];   /* more than rota_time_scan reads */
	if (s[10] != 't' && !((flags & ROTA_SCAN_SPACE) && s[10] == ' '))
		return NULL;
	memcpy(copy, s, sizeof copy);
	copy[10] = 'T';
	const char *end = rota_time_scan(c, copy, tz, flags & ~(unsigned)ROTA_SCAN_SPACE, out);
	return end ? s + (end - copy) : NULL;
}

/* A year not in the cache: fill it in, and read again.  Year 0000 is no year of
 * rota's: rota_time_parse says so. */
static __attribute__((noinline)) const char *
scan_new_year(rota_time_cache *c, const char *s, const rota_tz *tz, unsigned flags,
              unsigned year, rota_time *out)
{
	if (year == 0)
		return NULL;
	year_fill(c, year);
	return rota_time_scan(c, s, tz, flags, out);
}

HOT int
rota_time_parse_fast(rota_time_cache *c, const char *s, const rota_tz *tz, unsigned flags,
                     rota_time *out, rota_error *err)
{
	const char *end = rota_time_scan(c, s, tz, flags | ROTA_SCAN_SPACE, out);
	if (end != NULL && *end == '\0')
		return 0;
	return rota_time_parse(s, tz, flags & ~(unsigned)ROTA_SCAN_SPACE, out, err);
}

/* Durations as batches write them, 36027s or 1h30m: at most nine digits a unit (so that
 * no sum overflows), units in the order w, d, h, m, s, each once; anything else is
 * declined, to rota_duration_parse. */
HOT const char *
rota_duration_scan(const char *s, int64_t *secs)
{
	const char *p = s;
	int64_t total = 0, unit;
	int last = -1, k;
	for (;;) {
		const char *start = p;
		int64_t n = 0;
		while (digit(*p) <= 9 && p - start < 10)
			n = n * 10 + digit(*p++);
		if (p == start || p - start > 9)
			return NULL;
		if ((unsigned char)*p <= ' ') {   /* a bare number counts seconds: alone only */
			if (last >= 0)
				return NULL;
			*secs = n;
			return p;
		}
		switch (*p) {
		case 'w': k = 0, unit = 7 * 86400; break;
		case 'd': k = 1, unit = 86400; break;
		case 'h': k = 2, unit = 3600; break;
		case 'm': k = 3, unit = 60; break;
		case 's': k = 4, unit = 1; break;
		default: return NULL;
		}
		if (k <= last)
			return NULL;
		last = k;
		total += n * unit;
		if ((unsigned char)*++p <= ' ') {
			*secs = total;
			return p;
		}
	}
}
