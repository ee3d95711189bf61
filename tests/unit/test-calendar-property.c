/* Property test: every calendar operation against a brute-force reference.
 *
 * The reference knows nothing of calendar.c.  It steps through time a minute at a time
 * in UTC and asks, for each minute, whether the calendar is open, by converting the
 * minute to wall-clock time with rota_tz_to_local (tested against glibc by the time
 * tests) and reading the definition's hours, overrides and holidays directly.  In these
 * zones from 2000 to 2035 every offset change falls on a whole minute, and the test's
 * ranges are whole quarter hours, so openness is constant within each minute and the
 * reference is exact to the second for instants that are not minute-aligned too (it
 * counts the part of a minute inside the span).  A second pass with ranges that start
 * and end on odd seconds steps second by second over short spans.
 *
 * Besides the real zones, a zone made here (close_zone) changes its offset in bursts of
 * two to five changes minutes to hours apart, between -11 h and +13 h, some changes only
 * of the abbreviation: business time must not rest on changes being far apart.
 *
 *   ROTA_PROPERTY_CASES   number of random cases (default 100000, spread over the zones)
 *   ROTA_PROPERTY_SEED    random seed (default fixed, so a failure can be replayed) */
#include <config.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <rota/rota.h>
#include <rota/calendar.h>
#include "tap.h"

static const char *const zones[] = {
	"Europe/Berlin", "America/New_York", "America/Sao_Paulo", "Asia/Sakhalin",
	"Europe/Moscow", "Australia/Lord_Howe", "America/St_Johns", "Asia/Kolkata",
	"Pacific/Chatham",
};
#define NREAL (sizeof zones / sizeof *zones)
#define NZONES (NREAL + 1)    /* and close_zone's */
#define NCALS 4

static uint64_t rng_state;

static uint64_t
rnd(void)
{
	uint64_t x = rng_state;
	x ^= x << 13;
	x ^= x >> 7;
	x ^= x << 17;
	return rng_state = x;
}

static int64_t
rnd_in(int64_t lo, int64_t hi)   /* inclusive */
{
	return lo + (int64_t)(rnd() % (uint64_t)(hi - lo + 1));
}

/* ---- a zone whose offset changes are hours apart ---- */

#define CLOSE_ZONE "Rota_Close_Changes"
#define MAXTR 8192

static const struct { int32_t off; int isdst; } close_types[] = {
	{ 0, 0 }, { 3600, 1 }, { 1800, 1 }, { -2700, 0 }, { 46800, 0 }, { -39600, 0 },
	{ 0, 1 },             /* the offset of type 0: only the abbreviation changes */
};
#define NCLOSE (sizeof close_types / sizeof *close_types)

static size_t
put_be(unsigned char *p, uint64_t v, int bytes)
{
	for (int i = 0; i < bytes; i++)
		p[i] = (unsigned char)(v >> (8 * (bytes - 1 - i)));
	return (size_t)bytes;
}

/* TZif version 2 bytes for transitions at[i] to type ty[i]: an empty version 1 block,
 * the 64-bit block, and a footer that stays on type 0 ("AAA0"). */
static unsigned char *
tzif_bytes(const int64_t *at, const unsigned char *ty, size_t n, size_t *len)
{
	unsigned char *b = malloc(200 + n * 9 + NCLOSE * 10), *p = b;
	for (int v = 1; v <= 2; v++) {
		size_t ntr = v == 1 ? 0 : n, ntypes = v == 1 ? 1 : NCLOSE;
		memcpy(p, "TZif2", 5);
		memset(p + 5, 0, 15);
		p += 20;
		uint32_t counts[6] = { 0, 0, 0, (uint32_t)ntr, (uint32_t)ntypes, (uint32_t)(4 * ntypes) };
		for (int i = 0; i < 6; i++)
			p += put_be(p, counts[i], 4);
		for (size_t i = 0; i < ntr; i++)
			p += put_be(p, (uint64_t)at[i], 8);
		for (size_t i = 0; i < ntr; i++)
			*p++ = ty[i];
		for (size_t i = 0; i < ntypes; i++) {
			p += put_be(p, (uint32_t)close_types[i].off, 4);
			*p++ = (unsigned char)close_types[i].isdst;
			*p++ = (unsigned char)(4 * i);
		}
		for (size_t i = 0; i < ntypes; i++, p += 4)
			memcpy(p, (char[]){ (char)('A' + i), (char)('A' + i), (char)('A' + i), 0 }, 4);
	}
	p += sprintf((char *)p, "\nAAA0\n");
	*len = (size_t)(p - b);
	return b;
}

/* 2026-06-01, a Monday, holds a fixed burst: +1 h from 08:00Z to 10:00Z. */
#define FIXED_DAY 20605

/* Bursts of 2-5 changes 1 minute to 11 h 59 minutes apart, every 8-12 days from 2000 to
 * 2035 (about 1,300 bursts; half end back on type 0), with their own random numbers so
 * that the zone is the same for every seed. */
static size_t
close_schedule(int64_t *at, unsigned char *ty)
{
	uint64_t x = 0x2026c105eULL;
#define NEXT() (x ^= x << 13, x ^= x >> 7, x ^= x << 17, x)
	size_t n = 0;
	unsigned cur = 0;
	int fixed = 0;
	for (int64_t d = rota_days_from_civil(2000, 1, 3); d < rota_days_from_civil(2036, 1, 1);
	     d += 8 + (int64_t)(NEXT() % 5)) {
		if (!fixed && d > FIXED_DAY - 4) {
			/* the burst before ended by FIXED_DAY - 1 (a burst lasts under 3 days) */
			if (cur != 0) {
				at[n] = (FIXED_DAY - 1) * 86400;
				ty[n++] = (unsigned char)(cur = 0);
			}
			at[n] = FIXED_DAY * 86400 + 8 * 3600;
			ty[n++] = 1;
			at[n] = FIXED_DAY * 86400 + 10 * 3600;
			ty[n++] = 0;
			fixed = 1;
		}
		if (d > FIXED_DAY - 4 && d < FIXED_DAY + 4)
			continue;
		int64_t t = d * 86400 + (int64_t)(NEXT() % 1440) * 60;
		int k = 2 + (int)(NEXT() % 4), home = NEXT() % 2;
		for (int i = 0; i < k && n < MAXTR - 3; i++) {
			unsigned to = (home && i == k - 1) ? 0 : (unsigned)(NEXT() % NCLOSE);
			if (to == cur)
				to = (to + 1) % NCLOSE;
			at[n] = t;
			ty[n++] = (unsigned char)(cur = to);
			t += 60 * (1 + (int64_t)(NEXT() % 719));
		}
	}
#undef NEXT
	return n;
}

/* Write the zone to a directory of its own and load it through TZDIR, once: the zone
 * cache keeps it by name afterwards.  Returns the zone, NULL on failure. */
static const rota_tz *
close_zone(void)
{
	static int64_t at[MAXTR];
	static unsigned char ty[MAXTR];
	size_t n = close_schedule(at, ty), len;
	unsigned char *b = tzif_bytes(at, ty, n, &len);
	const char *tmp = getenv("TMPDIR");
	char dir[4096], path[4096 + 32];
	const rota_tz *tz = NULL;
	rota_error e = { 0 };
	snprintf(dir, sizeof dir, "%s/rota-cal-tz.XXXXXX", tmp && *tmp ? tmp : "/tmp");
	if (mkdtemp(dir) != NULL) {
		snprintf(path, sizeof path, "%s/%s", dir, CLOSE_ZONE);
		FILE *f = fopen(path, "wb");
		if (f && fwrite(b, 1, len, f) == len && fclose(f) == 0) {
			const char *old = getenv("TZDIR");
			char *keep = old ? strdup(old) : NULL;
			setenv("TZDIR", dir, 1);
			tz = rota_tz_get(CLOSE_ZONE, &e);
			if (keep)
				setenv("TZDIR", keep, 1);
			else
				unsetenv("TZDIR");
			free(keep);
		} else if (f) {
			fclose(f);
		}
		unlink(path);
		rmdir(dir);
	}
	free(b);
	ok(tz != NULL, "zone %s with %zu changes loads: %s", CLOSE_ZONE, n, tz ? "" : e.msg);
	return tz;
}

/* ---- random definitions ---- */

static void
add_range(rota_day_hours *h, int s, int e)
{
	h->r = realloc(h->r, (h->n + 1) * sizeof *h->r);
	h->r[h->n].start = s;
	h->r[h->n].end = e;
	h->n++;
}

/* 0-3 disjoint ranges on a grid of `unit` seconds, some touching, some to 24:00; one
 * day in five is cut into up to 30 short ranges (the block index bisects those). */
static void
random_day(rota_day_hours *h, int unit)
{
	int many = rnd() % 5 == 0;
	int n = many ? (int)rnd_in(10, 30) : (int)rnd_in(0, 3), at = 0;
	int slots = 86400 / unit;
	for (int i = 0; i < n && at < slots; i++) {
		int s = (int)rnd_in(at, many ? (at + 3 < slots ? at + 3 : slots - 1)
		                        : (at + slots) / 2 < slots ? (at + slots) / 2 : slots - 1);
		int e = (int)rnd_in(s + 1, many ? (s + 3 < slots ? s + 3 : slots)
		                    : rnd() % 3 == 0 ? slots : (s + 1 + slots) / 2);
		add_range(h, s * unit, e * unit);
		at = e + (rnd() % 4 == 0 ? 0 : 1);    /* sometimes touching the next range */
	}
}

static int
cmp_ovr(const void *a, const void *b)
{
	const rota_date_hours *x = a, *y = b;
	return x->day < y->day ? -1 : x->day > y->day;
}

static int
cmp_hol(const void *a, const void *b)
{
	const rota_holiday *x = a, *y = b;
	return x->day < y->day ? -1 : x->day > y->day;
}

static void
add_holiday(rota_calendar_def *d, int64_t day)
{
	d->holidays = realloc(d->holidays, (d->nholidays + 1) * sizeof *d->holidays);
	d->holidays[d->nholidays].day = day;
	d->holidays[d->nholidays].name = NULL;
	d->nholidays++;
}

static rota_date_hours *
add_override(rota_calendar_def *d, int64_t day)
{
	for (size_t i = 0; i < d->noverrides; i++)
		if (d->overrides[i].day == day)
			return NULL;
	d->overrides = realloc(d->overrides, (d->noverrides + 1) * sizeof *d->overrides);
	rota_date_hours *o = &d->overrides[d->noverrides++];
	memset(o, 0, sizeof *o);
	o->day = day;
	return o;
}

/* kind 0: an office with split days, Saturday mornings, yearly and random holidays,
 *         Dec 24 short, Dec 31 closed, random overrides (some on holidays);
 * kind 1: 24/7 with holidays (every DST change shows in full);
 * kind 2: nights and early mornings where the changes happen, random overrides;
 * kind 3: random weekly hours; unit is the grid of range ends in seconds. */
static rota_calendar_def *
make_def(const char *tz, int kind, int unit)
{
	rota_calendar_def *d = calloc(1, sizeof *d);
	d->name = strdup("prop");
	d->tz = strdup(tz);
	int64_t first = rota_days_from_civil(1999, 12, 1), last = rota_days_from_civil(2036, 1, 31);
	for (int w = 0; w < 7; w++) {
		switch (kind) {
		case 0:
			if (w < 5) {
				add_range(&d->week[w], 9 * 3600, 12 * 3600);
				add_range(&d->week[w], 13 * 3600, 17 * 3600 + 1800);
			} else if (w == 5) {
				add_range(&d->week[w], 10 * 3600, 14 * 3600);
			}
			break;
		case 1:
			add_range(&d->week[w], 0, 86400);
			break;
		case 2:
			/* Range ends inside every fold and gap of these zones: 01:00-02:00
			 * (New York, St John's, Moscow 2014), 01:30-02:00 (Lord Howe),
			 * 02:00-03:00 (Berlin, Moscow, Sakhalin), 02:45-03:45 (Chatham),
			 * 23:00-24:00 (Sao Paulo); odd weekdays run them together. */
			if (w % 2) {
				add_range(&d->week[w], 0, 3 * 3600);
				add_range(&d->week[w], 3 * 3600, 4 * 3600);
				add_range(&d->week[w], 22 * 3600, 86400);
			} else {
				add_range(&d->week[w], 0, 4500);
				add_range(&d->week[w], 4500, 6300);
				add_range(&d->week[w], 8100, 9600);
				add_range(&d->week[w], 9600, 11100);
				add_range(&d->week[w], 12000, 13800);
				add_range(&d->week[w], 22 * 3600, 23 * 3600 + 1800);
				add_range(&d->week[w], 23 * 3600 + 1800, 86400);
			}
			break;
		default:
			random_day(&d->week[w], unit);
		}
	}
	if (kind == 0)
		for (int y = 1999; y <= 2036; y++) {
			add_holiday(d, rota_days_from_civil(y, 1, 1));
			add_holiday(d, rota_days_from_civil(y, 12, 25));
			add_holiday(d, rota_days_from_civil(y, 12, 26));
			rota_date_hours *o = add_override(d, rota_days_from_civil(y, 12, 24));
			add_range(&o->hours, 9 * 3600, 12 * 3600);
			add_override(d, rota_days_from_civil(y, 12, 31));   /* closed */
		}
	int nh = kind == 2 ? 20 : 300, no = kind == 1 ? 0 : 300;
	for (int i = 0; i < nh; i++)
		add_holiday(d, rnd_in(first, last));
	for (int i = 0; i < no; i++) {
		/* Some overrides fall on holidays: the override must win. */
		int64_t day = i % 10 == 0 && d->nholidays ? d->holidays[rnd() % d->nholidays].day
		                                          : rnd_in(first, last);
		rota_date_hours *o = add_override(d, day);
		if (o)
			random_day(&o->hours, unit);
	}
	if (d->noverrides > 1)
		qsort(d->overrides, d->noverrides, sizeof *d->overrides, cmp_ovr);
	if (d->nholidays > 1)
		qsort(d->holidays, d->nholidays, sizeof *d->holidays, cmp_hol);
	size_t k = 0;
	for (size_t i = 0; i < d->nholidays; i++)
		if (k == 0 || d->holidays[k - 1].day != d->holidays[i].day)
			d->holidays[k++] = d->holidays[i];
	d->nholidays = k;
	return d;
}

static void
free_def(rota_calendar_def *d)
{
	for (int i = 0; i < 7; i++)
		free(d->week[i].r);
	for (size_t i = 0; i < d->noverrides; i++)
		free(d->overrides[i].hours.r);
	free(d->overrides);
	free(d->holidays);
	free(d->name);
	free(d->tz);
	free(d);
}

/* ---- the reference ---- */

struct ref {
	const rota_calendar_def *def;
	const rota_tz *tz;
	int64_t day;                     /* the date last looked up, and its hours */
	const rota_day_hours *hours;
};

static const rota_day_hours *
ref_hours(const struct ref *r, int64_t day)
{
	static const rota_day_hours closed = { NULL, 0 };
	const rota_calendar_def *d = r->def;
	size_t lo = 0, hi = d->noverrides;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		if (d->overrides[mid].day < day) lo = mid + 1; else hi = mid;
	}
	if (lo < d->noverrides && d->overrides[lo].day == day)
		return &d->overrides[lo].hours;
	lo = 0, hi = d->nholidays;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		if (d->holidays[mid].day < day) lo = mid + 1; else hi = mid;
	}
	if (lo < d->nholidays && d->holidays[lo].day == day)
		return &closed;
	return &d->week[rota_weekday(day)];
}

/* Is the calendar open during the second t (and, with minute ranges, all its minute)? */
static int
ref_open(struct ref *r, rota_time t, int64_t *dayp)
{
	rota_civil c;
	rota_tz_to_local(r->tz, t, &c, NULL);
	int64_t day = rota_days_from_civil(c.year, c.mon, c.day);
	int tod = c.hour * 3600 + c.min * 60 + c.sec;
	if (dayp)
		*dayp = day;
	if (r->hours == NULL || r->day != day) {
		r->day = day;
		r->hours = ref_hours(r, day);
	}
	const rota_day_hours *h = r->hours;
	for (size_t i = 0; i < h->n; i++)
		if (h->r[i].start <= tod && tod < h->r[i].end)
			return 1;
	return 0;
}

struct answers {
	int64_t between;           /* open seconds in [t1, t2) */
	int64_t dur;               /* a duration to add ... */
	rota_time add;             /* ... and when it is reached (-1: not within [t1, t2)) */
	rota_time next_open, next_close;   /* -1 when not within [t1, t2) */
};

/* Open runs met while stepping, merged when they touch. */
struct runs { rota_time *s, *e; size_t n, cap; };

/* Step from t1 to t2 in steps of `step` seconds (60, or 1 for second ranges), asking
 * the definition about every step; the answers are read off the open runs found. */
static void
reference(struct ref *r, rota_time t1, rota_time t2, int step, struct runs *ru,
          struct answers *a)
{
	ru->n = 0;
	a->next_close = -1;
	for (rota_time m = t1 - (((t1 % step) + step) % step); m < t2; m += step) {
		rota_time lo = m > t1 ? m : t1, hi = m + step < t2 ? m + step : t2;
		if (!ref_open(r, m, NULL)) {
			if (a->next_close < 0)
				a->next_close = lo;
			continue;
		}
		if (ru->n && ru->e[ru->n - 1] == lo) {
			ru->e[ru->n - 1] = hi;
			continue;
		}
		if (ru->n == ru->cap) {
			ru->cap = ru->cap ? 2 * ru->cap : 64;
			ru->s = realloc(ru->s, ru->cap * sizeof *ru->s);
			ru->e = realloc(ru->e, ru->cap * sizeof *ru->e);
		}
		ru->s[ru->n] = lo;
		ru->e[ru->n++] = hi;
	}
	a->between = 0;
	for (size_t i = 0; i < ru->n; i++)
		a->between += ru->e[i] - ru->s[i];
	a->next_open = ru->n ? ru->s[0] : -1;
}

/* When the open runs hold dur seconds: the earliest instant that completes them. */
static rota_time
ref_add(const struct runs *ru, int64_t dur)
{
	for (size_t i = 0; i < ru->n; i++) {
		if (ru->e[i] - ru->s[i] >= dur)
			return ru->s[i] + dur;
		dur -= ru->e[i] - ru->s[i];
	}
	return -1;
}

/* ---- comparing ---- */

struct tally { long cases, ops, bad; };

static void
report(const char *zone, const char *op, const rota_calendar_def *d, rota_time t1, rota_time t2,
       long long got, long long want, struct tally *ty)
{
	ty->bad++;
	if (ty->bad > 10)
		return;
	char a[ROTA_TIME_BUFSZ], b[ROTA_TIME_BUFSZ];
	rota_error e;
	const rota_tz *tz = rota_tz_get(zone, &e);
	rota_time_format(a, sizeof a, t1, tz);
	rota_time_format(b, sizeof b, t2, tz);
	printf("# MISMATCH %s %s [%s, %s): got %lld, reference %lld (calendar %s, %zu overrides)\n",
	       zone, op, a, b, got, want, d->name, d->noverrides);
}

#define CHECK(op, got, want) do { ty->ops++; long long g_ = (got), w_ = (want); \
	if (g_ != w_) report(zone, op, def, t1, t2, g_, w_, ty); } while (0)

static void
one_case(const char *zone, const rota_calendar_def *def, rota_calendar *cal, struct ref *r,
         rota_time t1, rota_time t2, int step, struct runs *ru, struct tally *ty)
{
	struct answers a = { 0 };
	reference(r, t1, t2, step, ru, &a);
	ty->cases++;
	CHECK("between", rota_calendar_between(cal, t1, t2), a.between);
	CHECK("between reversed", rota_calendar_between(cal, t2, t1), -a.between);
	rota_time mid = rnd_in(t1, t2);
	CHECK("between split", rota_calendar_between(cal, t1, mid) +
	      rota_calendar_between(cal, mid, t2), a.between);
	rota_error e = { 0 };
	rota_time u = 0;
	if (a.between > 0) {
		/* Any duration the span holds; whole minutes half the time, the whole span
		 * sometimes (due exactly at a closing time). */
		int64_t dur = rnd() % 8 == 0 ? a.between : rnd_in(1, a.between);
		if (rnd() % 2 && step == 60 && (dur + 59) / 60 * 60 <= a.between)
			dur = (dur + 59) / 60 * 60;
		CHECK("add", rota_calendar_add(cal, t1, dur, &u, &e) == 0 ? u : -2, ref_add(ru, dur));
	}
	CHECK("add 0", rota_calendar_add(cal, t1, 0, &u, &e) == 0 ? u : -2, t1);
	if (a.next_open >= 0)
		CHECK("next_open", rota_calendar_next_open(cal, t1, &u, &e) == 0 ? u : -2, a.next_open);
	if (a.next_close >= 0)
		CHECK("next_close", rota_calendar_next_close(cal, t1), a.next_close);
	CHECK("is_open", rota_calendar_is_open(cal, t1), ref_open(r, t1, NULL));
}

/* Open seconds of the local date of t, by stepping over the days around it. */
static void
day_case(const char *zone, const rota_calendar_def *def, rota_calendar *cal,
         struct ref *r, rota_time t, struct tally *ty)
{
	int64_t day;
	ref_open(r, t, &day);
	int64_t want = 0;
	for (rota_time m = (day - 2) * 86400; m < (day + 3) * 86400; m += 60) {
		int64_t d;
		if (ref_open(r, m, &d) && d == day)
			want += 60;
	}
	rota_calendar_day info;
	rota_calendar_day_info(cal, day, &info);
	rota_time t1 = t, t2 = t;
	CHECK("day open seconds", info.open, want);
}

/* Spans of years: no stepping, but add and between must be each other's inverse. */
static void
long_case(const char *zone, const rota_calendar_def *def, rota_calendar *cal, rota_time t1,
          rota_time t2, struct tally *ty)
{
	int64_t b = rota_calendar_between(cal, t1, t2);
	rota_time mid = rnd_in(t1, t2), u;
	rota_error e;
	CHECK("long between split", rota_calendar_between(cal, t1, mid) +
	      rota_calendar_between(cal, mid, t2), b);
	if (b > 0) {
		int64_t d = rnd_in(1, b);
		if (rota_calendar_add(cal, t1, d, &u, &e) != 0)
			u = -2;
		CHECK("long add then between", rota_calendar_between(cal, t1, u), d);
		/* earliest: one second before, the duration has not yet passed */
		CHECK("long add is earliest", rota_calendar_between(cal, t1, u - 1) < d, 1);
	}
}

/* The zone's offset changes in [lo, hi), so that cases can be aimed at them. */
static size_t
transitions(const rota_tz *tz, rota_time lo, rota_time hi, rota_time *out, size_t max)
{
	size_t n = 0;
	int32_t off = rota_tz_offset(tz, lo);
	for (rota_time t = rota_tz_next_change(tz, lo); t < hi && n < max;
	     t = rota_tz_next_change(tz, t)) {
		if (rota_tz_offset(tz, t) != off)
			out[n++] = t;
		off = rota_tz_offset(tz, t);
	}
	return n;
}

/* The fixed burst of close_zone: 10:00-11:00 happens twice on 2026-06-01 (09:00Z-10:00Z
 * at +1 h, 10:00Z-11:00Z back at +0), with no sample of a 12-hour grid inside it. */
static void
close_fixed(void)
{
	rota_calendar_def *d = calloc(1, sizeof *d);
	d->name = strdup("close");
	d->tz = strdup(CLOSE_ZONE);
	for (int w = 0; w < 7; w++)
		add_range(&d->week[w], 10 * 3600, 11 * 3600);
	rota_error e = { 0 };
	rota_calendar *cal = rota_calendar_new(d, &e);
	ok(cal != NULL, "calendar in %s: %s", CLOSE_ZONE, cal ? "" : e.msg);
	if (cal == NULL) {
		free_def(d);
		return;
	}
	rota_time t0 = (rota_time)FIXED_DAY * 86400, u = 0;
	rota_calendar_day info;
	rota_calendar_day_info(cal, FIXED_DAY, &info);
	is_int(info.open, 7200, "close changes: 10:00-11:00 is open twice on the day");
	is_int(rota_calendar_between(cal, t0, t0 + 86400), 7200, "close changes: between");
	ok(rota_calendar_next_open(cal, t0, &u, &e) == 0, "close changes: next_open");
	is_int(u, t0 + 9 * 3600, "close changes: opens at 09:00Z (10:00 at +1 h)");
	ok(rota_calendar_add(cal, t0, 3601, &u, &e) == 0, "close changes: add");
	is_int(u, t0 + 10 * 3600 + 1, "close changes: 1 h 1 s is due at 10:00:01Z");
	ok(rota_calendar_add(cal, t0, 7200, &u, &e) == 0, "close changes: add 2 h");
	is_int(u, t0 + 11 * 3600, "close changes: 2 h are due at 11:00Z");
	is_int(rota_calendar_next_close(cal, t0 + 9 * 3600), t0 + 11 * 3600,
	       "close changes: the two openings touch");
	is_int(rota_calendar_is_open(cal, t0 + 8 * 3600 + 1800), 0, "close changes: 08:30Z closed");
	is_int(rota_calendar_is_open(cal, t0 + 9 * 3600 + 1800), 1, "close changes: 09:30Z open");
	rota_calendar_free(cal);
	free_def(d);
}

static uint64_t
env_u64(const char *name, uint64_t dflt)
{
	const char *s = getenv(name);
	return s && *s ? strtoull(s, NULL, 0) : dflt;
}

int
main(void)
{
	long total = (long)env_u64("ROTA_PROPERTY_CASES", 100000);
	uint64_t seed = env_u64("ROTA_PROPERTY_SEED", 0x5eed2026cafeULL);
	rng_state = seed ? seed : 1;
	printf("# seed %#llx, %ld cases\n", (unsigned long long)seed, total);

	rota_time lo = 946684800;          /* 2000-01-01 */
	rota_time hi = 2082758400;         /* 2036-01-01 */
	long all_cases = 0, all_ops = 0;
	struct runs ru = { 0 };
	for (size_t z = 0; z < NZONES; z++) {
		struct tally ty = { 0 };
		rota_error e = { 0 };
		const char *zone = z < NREAL ? zones[z] : CLOSE_ZONE;
		const rota_tz *tz = z < NREAL ? rota_tz_get(zone, &e) : close_zone();
		ok(tz != NULL, "zone %s", zone);
		if (tz == NULL)
			continue;
		if (z == NREAL)
			close_fixed();
		rota_calendar_def *defs[NCALS + 1];
		rota_calendar *cals[NCALS + 1];
		for (int k = 0; k <= NCALS; k++) {
			defs[k] = make_def(zone, k < NCALS ? k : 3, k < NCALS ? 900 : 1);
			cals[k] = rota_calendar_new(defs[k], &e);
			ok(cals[k] != NULL, "calendar %d in %s: %s", k, zone, e.msg);
		}
		long n = total / (long)NREAL;
		static rota_time trans[MAXTR];
		size_t ntr = transitions(tz, lo, hi, trans, MAXTR);
		for (long i = 0; i < n; i++) {
			int k = (int)(rnd() % NCALS);
			struct ref r = { defs[k], tz, 0, NULL };
			int64_t pick = (int64_t)(rnd() % 100), span;
			if (pick < 90)
				span = rnd_in(0, 86400);
			else if (pick < 99)
				span = rnd_in(86400, 7 * 86400);
			else
				span = rnd_in(7 * 86400, 70 * 86400);   /* across 64-day blocks */
			rota_time t1 = rnd_in(lo, hi - span);
			/* A quarter of the cases start within two days of an offset change. */
			if (ntr && rnd() % 4 == 0) {
				t1 = trans[rnd() % ntr] + rnd_in(-2 * 86400, 2 * 86400) - span / 2;
				span = span > 3 * 86400 ? 3 * 86400 : span;
			}
			if (rnd() % 2) {   /* half of them minute-aligned, like most real queries */
				t1 -= t1 % 60;
				span -= span % 60;
			}
			one_case(zone, defs[k], cals[k], &r, t1, t1 + span, 60, &ru, &ty);
			if (i % 25 == 0)
				day_case(zone, defs[k], cals[k], &r, t1, &ty);
		}
		/* Ranges on odd seconds, checked second by second over short spans. */
		struct ref r = { defs[NCALS], tz, 0, NULL };
		for (long i = 0; i < n / 100; i++) {
			rota_time span = rnd_in(0, 3 * 3600);
			rota_time t1 = rnd_in(lo, hi - span);
			one_case(zone, defs[NCALS], cals[NCALS], &r, t1, t1 + span, 1, &ru, &ty);
		}
		for (long i = 0; i < 50; i++) {
			int k = (int)(rnd() % NCALS);
			rota_time t1 = rnd_in(lo - 30LL * 365 * 86400, hi), t2 = rnd_in(t1, t1 + 60LL * 365 * 86400);
			long_case(zone, defs[k], cals[k], t1, t2, &ty);
		}
		printf("# %-20s %6ld cases, %7ld comparisons, %ld mismatches\n", zone,
		       ty.cases, ty.ops, ty.bad);
		ok(ty.bad == 0, "%s: %ld cases, %ld comparisons, %ld mismatches", zone,
		   ty.cases, ty.ops, ty.bad);
		all_cases += ty.cases;
		all_ops += ty.ops;
		for (int k = 0; k <= NCALS; k++) {
			rota_calendar_free(cals[k]);
			free_def(defs[k]);
		}
	}
	free(ru.s);
	free(ru.e);
	printf("# all zones: %ld cases, %ld comparisons\n", all_cases, all_ops);
	ok(all_cases >= total * 99 / 100, "%ld cases, %ld comparisons in all", all_cases, all_ops);
	rota_tz_cache_free();
	return tap_done();
}
