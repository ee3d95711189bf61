/* Business calendars: exact business-time arithmetic in real time zones.
 *
 * The open set of a calendar is cut into blocks of 64 days of UTC time.  A block is
 * built by finding the zone's offset changes inside it (walking them one by one with
 * rota_tz_next_change, however close together they are), then mapping every local date's
 * wall-clock ranges through each constant-offset segment: a range [A, B) of local time
 * is open on the instants t of a segment with offset o where A <= t + o < B.  That is
 * the definition of "open" itself, so skipped hours vanish, repeated hours count twice
 * and a zone that jumps at midnight needs no special case.  The block keeps its sorted
 * open intervals with running sums and an index by day, and the calendar keeps every
 * block's total, so that between() is two lookups of a few steps plus one addition per
 * block spanned, and add() walks block totals before it searches inside the last block.
 * Built blocks are cached (the last 1024 used, by block number), block totals for good. */
#include <config.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <rota/rota.h>
#include "civil.h"
#include <rota/calendar.h>
#include <rota/ical.h>

#define DAY 86400
#define PAGE_DAYS 64
#define PAGE_SECS ((int64_t)PAGE_DAYS * DAY)
#define NSLOTS 1024            /* blocks kept built: 1024 * 64 days, about 180 years */
#define HOLIDAY_CHUNK 4096     /* days of .ics holidays expanded at a time (11 years) */
/* Every instant whose local form can lie in 0001-9999, whatever its offset: a time
 * written 0001-01-01T00:00:00+14:00 is as much rota's as one written in UTC. */
#define T_FIRST ROTA_TIME_FIRST
#define T_LAST ROTA_TIME_LAST
#define T_END (T_LAST + 1)
/* Instants are counted from BIAS seconds before the epoch, a block's start before
 * T_FIRST, so that the day and block of an instant in range come from one
 * unsigned division instead of floored signed ones. */
#define BIAS_PAGES ((-T_FIRST + PAGE_SECS - 1) / PAGE_SECS)
#define BIAS (BIAS_PAGES * PAGE_SECS)
#define NEAR 4                 /* intervals within() adds up without a search */
/* Entries past the last interval of a block, empty and after every instant, so that
 * within() may look at up to NEAR intervals from any index up to n. */
#define SENTINELS NEAR

typedef struct iv { rota_time s, e; } iv;

struct page {
	int64_t idx;          /* block number; INT64_MIN while the slot is empty */
	iv *iv;               /* sorted, disjoint, touching ones merged; SENTINELS after */
	int64_t *cum;         /* cum[i]: open seconds of iv[0 .. i) */
	size_t n, cap;
	size_t near;          /* most intervals a lookup must look at: see within() */
	/* day[k]: the first interval that ends after the block's k-th UTC day begins, so
	 * that a lookup scans the few intervals of one day instead of bisecting the block
	 * (the bisection's mispredicted branches were most of a between()). */
	uint32_t day[PAGE_DAYS + 1];
};

struct hol { int64_t day; const char *name; size_t seq; };
struct seg { rota_time s, e; int32_t off; };

struct rota_calendar {
	char *name;
	const rota_tz *tz;
	rota_day_hours week[7];
	rota_date_hours *ovr;         /* sorted by day */
	size_t novr;
	struct hol *hol;              /* sorted by day, unique */
	size_t nhol;
	char **names;                 /* copies of the definition's holiday names */
	size_t nnames;
	rota_ical **ics;
	size_t nics;
	int64_t cov_lo, cov_hi;       /* dates whose .ics holidays are in hol[] */
	int has_hours;                /* some weekday or override has hours */
	rota_time horizon;            /* answers after it would miss .ics holidays */
	char *horizon_file;
	struct page *slots;
	int64_t *tot;                 /* per block: open seconds + 1; 0 = not yet known */
	int64_t pmin, pmax;
	struct seg *seg;              /* scratch for building blocks */
	size_t nseg, segcap;
};

static rota_time
clamp(rota_time t)
{
	return t < T_FIRST ? T_FIRST : t > T_END ? T_END : t;
}

/* ---- holidays and overrides ---- */

/* Both tables are sorted by a leading int64_t day: one search serves them. */
static const void *
find_day(const void *base, size_t n, size_t size, int64_t day)
{
	size_t lo = 0, hi = n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int64_t d;
		memcpy(&d, (const char *)base + mid * size, sizeof d);
		if (d < day)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo == n)
		return NULL;
	const void *hit = (const char *)base + lo * size;
	int64_t d;
	memcpy(&d, hit, sizeof d);
	return d == day ? hit : NULL;
}

static const struct hol *
find_hol(const rota_calendar *cal, int64_t day)
{
	return find_day(cal->hol, cal->nhol, sizeof *cal->hol, day);
}

static const rota_date_hours *
find_ovr(const rota_calendar *cal, int64_t day)
{
	return find_day(cal->ovr, cal->novr, sizeof *cal->ovr, day);
}

static int
cmp_hol(const void *a, const void *b)
{
	const struct hol *x = a, *y = b;
	if (x->day != y->day)
		return x->day < y->day ? -1 : 1;
	return x->seq < y->seq ? -1 : x->seq > y->seq;
}

/* Sort by date and keep one entry a date: the first given (definition dates before
 * holiday files, files in order). */
static void
hol_normalize(rota_calendar *cal)
{
	if (cal->nhol > 1)
		qsort(cal->hol, cal->nhol, sizeof *cal->hol, cmp_hol);
	size_t k = 0;
	for (size_t i = 0; i < cal->nhol; i++)
		if (k == 0 || cal->hol[k - 1].day != cal->hol[i].day)
			cal->hol[k++] = cal->hol[i];
	cal->nhol = k;
}

static void
expand_ics(rota_calendar *cal, int64_t from, int64_t to)
{
	for (size_t f = 0; f < cal->nics; f++) {
		rota_ical_date *v;
		size_t n;
		rota_ical_dates(cal->ics[f], from, to, cal->tz, &v, &n);
		if (n) {
			cal->hol = rota_xreallocarray(cal->hol, cal->nhol + n, sizeof *cal->hol);
			for (size_t i = 0; i < n; i++) {
				cal->hol[cal->nhol].day = v[i].day;
				cal->hol[cal->nhol].name = v[i].summary;
				cal->hol[cal->nhol].seq = cal->nnames + f;
				cal->nhol++;
			}
		}
		free(v);
	}
}

/* Make sure the .ics holidays of dates [lo, hi] are known, a chunk at a time. */
static void
need_holidays(rota_calendar *cal, int64_t lo, int64_t hi)
{
	if (cal->nics == 0 || (lo >= cal->cov_lo && hi <= cal->cov_hi))
		return;
	lo = civil_floor_div(lo, HOLIDAY_CHUNK) * HOLIDAY_CHUNK;
	hi = civil_floor_div(hi, HOLIDAY_CHUNK) * HOLIDAY_CHUNK + HOLIDAY_CHUNK - 1;
	if (cal->cov_lo > cal->cov_hi) {
		expand_ics(cal, lo, hi);
		cal->cov_lo = lo;
		cal->cov_hi = hi;
	} else {
		if (lo < cal->cov_lo) {
			expand_ics(cal, lo, cal->cov_lo - 1);
			cal->cov_lo = lo;
		}
		if (hi > cal->cov_hi) {
			expand_ics(cal, cal->cov_hi + 1, hi);
			cal->cov_hi = hi;
		}
	}
	hol_normalize(cal);
}

/* The wall-clock ranges of a date: its override, else none on a holiday, else the
 * weekday's. */
static const rota_day_hours *
hours_of(const rota_calendar *cal, int64_t day, const struct hol **h, int *overridden)
{
	static const rota_day_hours closed = { NULL, 0 };
	const rota_date_hours *o = cal->novr ? find_ovr(cal, day) : NULL;
	const struct hol *hh = cal->nhol ? find_hol(cal, day) : NULL;
	if (h)
		*h = hh;
	if (overridden)
		*overridden = o != NULL;
	if (o)
		return &o->hours;
	if (hh)
		return &closed;
	return &cal->week[rota_weekday(day)];
}

/* ---- constant-offset segments ---- */

static void
seg_push(rota_calendar *cal, rota_time s, rota_time e, int32_t off)
{
	if (cal->nseg == cal->segcap) {
		cal->segcap = cal->segcap ? 2 * cal->segcap : 16;
		cal->seg = rota_xreallocarray(cal->seg, cal->segcap, sizeof *cal->seg);
	}
	cal->seg[cal->nseg++] = (struct seg){ s, e, off };
}

/* Cut [w0, w1) where the zone's offset changes.  The zone's own list of changes, not a
 * search between samples: two changes may be minutes apart.  A change of only the
 * abbreviation or the DST flag does not cut. */
static void
segments(rota_calendar *cal, rota_time w0, rota_time w1)
{
	rota_time begin = w0;
	int32_t off = rota_tz_offset(cal->tz, w0);

	cal->nseg = 0;
	for (rota_time c = rota_tz_next_change(cal->tz, w0); c < w1;
	     c = rota_tz_next_change(cal->tz, c)) {
		int32_t o = rota_tz_offset(cal->tz, c);
		if (o == off)
			continue;
		seg_push(cal, begin, c, off);
		begin = c;
		off = o;
	}
	seg_push(cal, begin, w1, off);
}

/* ---- blocks ---- */

static void
page_push(struct page *P, rota_time s, rota_time e)
{
	if (P->n + SENTINELS >= P->cap) {
		P->cap = P->cap ? 2 * P->cap : 64;
		P->iv = rota_xreallocarray(P->iv, P->cap, sizeof *P->iv);
		P->cum = rota_xreallocarray(P->cum, P->cap + 1, sizeof *P->cum);
	}
	P->iv[P->n++] = (iv){ s, e };
}

static int
cmp_iv(const void *a, const void *b)
{
	const iv *x = a, *y = b;
	return x->s < y->s ? -1 : x->s > y->s;
}

/* Open instants of one date's ranges inside the current segments. */
static void
map_day(rota_calendar *cal, struct page *P, int64_t day)
{
	const rota_day_hours *h = hours_of(cal, day, NULL, NULL);
	for (size_t r = 0; r < h->n; r++) {
		rota_time A = day * DAY + h->r[r].start, B = day * DAY + h->r[r].end;
		for (size_t k = 0; k < cal->nseg; k++) {
			const struct seg *g = &cal->seg[k];
			rota_time lo = A - g->off > g->s ? A - g->off : g->s;
			rota_time hi = B - g->off < g->e ? B - g->off : g->e;
			if (lo < hi)
				page_push(P, lo, hi);
		}
	}
}

static void
build_page(rota_calendar *cal, struct page *P, int64_t p)
{
	rota_time w0 = p * PAGE_SECS, w1 = w0 + PAGE_SECS;
	if (w0 < T_FIRST)
		w0 = T_FIRST;
	if (w1 > T_END)
		w1 = T_END;
	P->idx = p;
	P->n = 0;
	segments(cal, w0, w1);
	int32_t omin = INT32_MAX, omax = INT32_MIN;
	for (size_t k = 0; k < cal->nseg; k++) {
		omin = cal->seg[k].off < omin ? cal->seg[k].off : omin;
		omax = cal->seg[k].off > omax ? cal->seg[k].off : omax;
	}
	/* Only dates whose wall clock occurs inside the block can have instants in it. */
	int64_t dlo = civil_floor_div(w0 + omin, DAY), dhi = civil_floor_div(w1 - 1 + omax, DAY);
	need_holidays(cal, dlo, dhi);
	for (int64_t d = dlo; d <= dhi; d++)
		map_day(cal, P, d);
	/* Out of order only around a fold (a repeated hour comes after later wall times). */
	for (size_t i = 1; i < P->n; i++)
		if (P->iv[i].s < P->iv[i - 1].s) {
			qsort(P->iv, P->n, sizeof *P->iv, cmp_iv);
			break;
		}
	size_t k = 0;
	for (size_t i = 0; i < P->n; i++) {
		if (k > 0 && P->iv[i].s <= P->iv[k - 1].e) {
			if (P->iv[i].e > P->iv[k - 1].e)
				P->iv[k - 1].e = P->iv[i].e;
		} else {
			P->iv[k++] = P->iv[i];
		}
	}
	P->n = k;
	if (P->cap < k + SENTINELS) {   /* a block without intervals has no array yet */
		P->cap = k + SENTINELS;
		P->iv = rota_xreallocarray(P->iv, P->cap, sizeof *P->iv);
		P->cum = rota_xreallocarray(P->cum, P->cap + 1, sizeof *P->cum);
	}
	for (size_t i = k; i < k + SENTINELS; i++)
		P->iv[i] = (iv){ T_END + 1, T_END + 1 };
	P->cum[0] = 0;
	for (size_t i = 0; i < k; i++)
		P->cum[i + 1] = P->cum[i] + (P->iv[i].e - P->iv[i].s);
	size_t i = 0;
	for (int d = 0; d <= PAGE_DAYS; d++) {
		rota_time at = p * PAGE_SECS + (int64_t)d * DAY;
		while (i < k && P->iv[i].e <= at)
			i++;
		P->day[d] = (uint32_t)i;
	}
	P->near = 1;
	for (int d = 0; d < PAGE_DAYS; d++)
		if (P->day[d + 1] - P->day[d] + 1 > P->near)
			P->near = P->day[d + 1] - P->day[d] + 1;
	cal->tot[p - cal->pmin] = P->cum[k] + 1;
}

/* The day of an instant in [T_FIRST, T_END], counted from BIAS. */
static uint64_t
day_of(rota_time t)
{
	return (uint64_t)(t + BIAS) / DAY;
}

static int64_t
page_of(rota_time t)
{
	return (int64_t)(day_of(t) / PAGE_DAYS) - BIAS_PAGES;
}

/* The day of block P that t lies in, 0 .. PAGE_DAYS (its end). */
static size_t
day_in(const struct page *P, uint64_t day)
{
	int64_t d = (int64_t)day - (P->idx + BIAS_PAGES) * PAGE_DAYS;
	return d < 0 ? 0 : d > PAGE_DAYS ? PAGE_DAYS : (size_t)d;
}

static struct page *
get_page(rota_calendar *cal, int64_t p)
{
	struct page *P = &cal->slots[(uint64_t)(p - cal->pmin) % NSLOTS];
	if (P->idx != p)
		build_page(cal, P, p);
	return P;
}

static int64_t
page_total(rota_calendar *cal, int64_t p)
{
	int64_t t = cal->tot[p - cal->pmin];
	if (t == 0) {
		get_page(cal, p);
		t = cal->tot[p - cal->pmin];
	}
	return t - 1;
}

/* Index of the first interval that ends after t (n when none); t lies in the block or
 * at its end. */
static size_t
first_after(const struct page *P, rota_time t)
{
	size_t d = day_in(P, day_of(t));
	/* The answer lies in [day[d], day[d + 1]]: a scan for the usual few intervals a
	 * day, a bisection for calendars cut into many short ranges. */
	size_t lo = P->day[d], hi = d < PAGE_DAYS ? P->day[d + 1] : P->n;
	if (hi - lo > 8) {
		while (lo < hi) {
			size_t mid = lo + (hi - lo) / 2;
			if (P->iv[mid].e <= t)
				lo = mid + 1;
			else
				hi = mid;
		}
		return lo;
	}
	while (lo < P->n && P->iv[lo].e <= t)
		lo++;
	return lo;
}

/* Open seconds of the block before t, whose day (day_of) is day.  The intervals from
 * day[d] to day[d + 1] may hold t; those before end before the day begins, those after
 * begin after t (they begin after interval day[d + 1] ends, which is after the next day
 * begins).  So when they are few, the open time before t of the block's most such
 * intervals a day (near) from day[d] on (sentinels past the end) is added up without a
 * test: a scan or a bisection mispredicts its exit at every call, a loop the same
 * length for every day of the block does not. */
static inline __attribute__((always_inline)) int64_t
within(const struct page *P, rota_time t, uint64_t day)
{
	if (P->near > NEAR) {
		size_t i = first_after(P, t);
		if (i == P->n)
			return P->cum[i];
		return P->cum[i] + (t > P->iv[i].s ? t - P->iv[i].s : 0);
	}
	size_t lo = P->day[day_in(P, day)];
	int64_t sum = P->cum[lo];
	for (const iv *v = P->iv + lo; v < P->iv + lo + P->near; v++) {
		rota_time c = t < v->s ? v->s : t;
		sum += (c > v->e ? v->e : c) - v->s;
	}
	return sum;
}

/* The instant at which the block's running sum reaches c (0 < c <= total). */
static rota_time
locate(const struct page *P, int64_t c)
{
	size_t lo = 0, hi = P->n - 1;   /* first i with cum[i + 1] >= c */
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (P->cum[mid + 1] >= c)
			hi = mid;
		else
			lo = mid + 1;
	}
	return P->iv[lo].s + (c - P->cum[lo]);
}

/* ---- the operations ---- */

int64_t
rota_calendar_between(rota_calendar *cal, rota_time t1, rota_time t2)
{
	t1 = clamp(t1);
	t2 = clamp(t2);
	if (t2 < t1)
		return -rota_calendar_between(cal, t2, t1);
	uint64_t d1 = day_of(t1), d2 = day_of(t2);
	int64_t p1 = page_of(t1), p2 = page_of(t2);
	if (p2 > cal->pmax)
		p2 = cal->pmax, t2 = T_END, d2 = day_of(T_END);
	if (p1 > cal->pmax)
		return 0;
	if (p1 == p2) {
		const struct page *P = get_page(cal, p1);
		return within(P, t2, d2) - within(P, t1, d1);
	}
	int64_t sum = page_total(cal, p1) - within(get_page(cal, p1), t1, d1);
	for (int64_t q = p1 + 1; q < p2; q++)
		sum += page_total(cal, q);
	return sum + within(get_page(cal, p2), t2, d2);
}

static int
never(rota_calendar *cal, rota_error *err)
{
	if (!cal->has_hours)
		return rota_error_set(err, ROTA_EXIT_USAGE, NULL, 0, 0, "calendar '%s' is never "
		                      "open: it has no hours on any day or date", cal->name);
	return rota_error_set(err, ROTA_EXIT_USAGE, NULL, 0, 0, "calendar '%s' has not enough "
	                      "open time before the year 10000", cal->name);
}

/* An answer past the horizon could have been a holiday that libical did not expand. */
static int
past_horizon(rota_calendar *cal, rota_error *err)
{
	char last[16];
	rota_date_format(last, sizeof last, rota_tz_day_of(cal->tz, cal->horizon - 1));
	return rota_error_set(err, ROTA_EXIT_USAGE, NULL, 0, 0, "calendar '%s': the answer "
	                      "lies after %s, the last date to which libical expands the "
	                      "recurring holidays of %s", cal->name, last, cal->horizon_file);
}

rota_time rota_calendar_horizon(const rota_calendar *cal) { return cal->horizon; }

int
rota_calendar_add(rota_calendar *cal, rota_time t, int64_t secs, rota_time *out,
                  rota_error *err)
{
	t = clamp(t);
	if (secs < 0)
		return rota_error_set(err, ROTA_EXIT_USAGE, NULL, 0, 0,
		                      "cannot add a negative duration (%lld s)", (long long)secs);
	if (secs == 0) {
		*out = t;
		return 0;
	}
	if (!cal->has_hours || secs > T_END - T_FIRST)
		return never(cal, err);
	int64_t p = page_of(t);
	if (p > cal->pmax)
		return never(cal, err);
	const struct page *P = get_page(cal, p);
	int64_t need = within(P, t, day_of(t)) + secs;
	for (;;) {
		int64_t tot = page_total(cal, p);
		if (need <= tot) {
			rota_time u = locate(get_page(cal, p), need);
			if (u > T_LAST)
				return never(cal, err);
			/* Due exactly at the horizon: all of it was counted before. */
			if (u > cal->horizon)
				return past_horizon(cal, err);
			*out = u;
			return 0;
		}
		need -= tot;
		if (++p > cal->pmax)
			return never(cal, err);
	}
}

int
rota_calendar_next_open(rota_calendar *cal, rota_time t, rota_time *out, rota_error *err)
{
	t = clamp(t);
	if (!cal->has_hours)
		return never(cal, err);
	for (int64_t p = page_of(t); p <= cal->pmax; p++) {
		if (page_total(cal, p) == 0)
			continue;
		const struct page *P = get_page(cal, p);
		size_t i = first_after(P, t);
		if (i < P->n) {
			rota_time u = P->iv[i].s > t ? P->iv[i].s : t;
			if (u > T_LAST)
				break;
			if (u >= cal->horizon)
				return past_horizon(cal, err);
			*out = u;
			return 0;
		}
	}
	return never(cal, err);
}

rota_time
rota_calendar_next_close(rota_calendar *cal, rota_time t)
{
	t = clamp(t);
	for (int64_t p = page_of(t); p <= cal->pmax; p++) {
		const struct page *P = get_page(cal, p);
		size_t i = first_after(P, t);
		if (i == P->n || P->iv[i].s > t)
			return t;
		t = P->iv[i].e;
		/* Open up to the block's end: go on if the next block opens right there. */
		if (t != (p + 1) * PAGE_SECS)
			return t;
	}
	return T_END;
}

int
rota_calendar_is_open(rota_calendar *cal, rota_time t)
{
	t = clamp(t);
	if (t > T_LAST)
		return 0;
	const struct page *P = get_page(cal, page_of(t));
	size_t i = first_after(P, t);
	return i < P->n && P->iv[i].s <= t;
}

int
rota_calendar_intervals(rota_calendar *cal, rota_time from, rota_time to,
                        rota_calendar_interval_cb cb, void *arg)
{
	from = clamp(from);
	to = clamp(to);
	if (from >= to)
		return 0;
	rota_time ps = 0, pe = 0;     /* pending interval, reported once it cannot grow */
	int pending = 0, rc;
	int64_t plast = page_of(to - 1);
	for (int64_t p = page_of(from); p <= plast && p <= cal->pmax; p++) {
		if (page_total(cal, p) == 0)
			continue;
		/* The callback may use the calendar: take the block afresh every time. */
		for (size_t i = first_after(get_page(cal, p), from);; i++) {
			const struct page *P = get_page(cal, p);
			if (i >= P->n || P->iv[i].s >= to)
				break;
			rota_time s = P->iv[i].s < from ? from : P->iv[i].s;
			rota_time e = P->iv[i].e > to ? to : P->iv[i].e;
			if (pending && pe == s) {
				pe = e;
				continue;
			}
			if (pending && (rc = cb(ps, pe, arg)) != 0)
				return rc;
			ps = s, pe = e, pending = 1;
		}
	}
	return pending ? cb(ps, pe, arg) : 0;
}

void
rota_calendar_day_info(rota_calendar *cal, int64_t day, rota_calendar_day *out)
{
	const struct hol *h;
	need_holidays(cal, day, day);
	memset(out, 0, sizeof *out);
	out->day = day;
	out->weekday = rota_weekday(day);
	out->hours = hours_of(cal, day, &h, &out->overridden);
	out->holiday = h ? h->name : NULL;
	/* The date's wall clock lies within two days of its UTC namesake in every zone. */
	rota_time w0 = clamp((day - 2) * DAY), w1 = clamp((day + 3) * DAY);
	segments(cal, w0, w1);
	for (size_t r = 0; r < out->hours->n; r++) {
		rota_time A = day * DAY + out->hours->r[r].start, B = day * DAY + out->hours->r[r].end;
		for (size_t k = 0; k < cal->nseg; k++) {
			const struct seg *g = &cal->seg[k];
			rota_time lo = A - g->off > g->s ? A - g->off : g->s;
			rota_time hi = B - g->off < g->e ? B - g->off : g->e;
			if (lo < hi)
				out->open += hi - lo;
		}
	}
}

/* ---- construction ---- */

static const char *const wdname[7] = {
	"Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"
};

static int
bad(const rota_calendar_def *def, rota_error *err, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static int
bad(const rota_calendar_def *def, rota_error *err, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	rota_error_vset(err, ROTA_EXIT_USAGE, def->file, def->line, def->col, fmt, ap);
	va_end(ap);
	rota_error_prefix(err, "calendar '%s': ", def->name ? def->name : "");
	return -1;
}

static int
copy_hours(const rota_calendar_def *def, const rota_day_hours *in, rota_day_hours *out,
           const char *what, rota_error *err)
{
	out->n = in->n;
	out->r = in->n ? rota_xmalloc(in->n * sizeof *out->r) : NULL;
	for (size_t i = 0; i < in->n; i++) {
		rota_hours_range r = in->r[i];
		char a[16], b[16];
		rota_clock_format(a, sizeof a, r.start >= 0 && r.start <= DAY ? r.start : 0);
		rota_clock_format(b, sizeof b, r.end >= 0 && r.end <= DAY ? r.end : 0);
		if (r.start < 0 || r.end > DAY || r.start >= r.end)
			return bad(def, err, "hours on %s: range %s-%s is empty or outside "
			           "00:00-24:00; write START-END with START before END", what, a, b);
		if (i > 0 && r.start < in->r[i - 1].end)
			return bad(def, err, "hours on %s: range %s-%s overlaps or precedes the one "
			           "before it; list ranges in order without overlaps", what, a, b);
		out->r[i] = r;
	}
	return 0;
}

static int
cmp_ovr(const void *a, const void *b)
{
	const rota_date_hours *x = a, *y = b;
	return x->day < y->day ? -1 : x->day > y->day;
}

static int
copy_def(rota_calendar *cal, const rota_calendar_def *def, rota_error *err)
{
	for (int d = 0; d < 7; d++) {
		if (copy_hours(def, &def->week[d], &cal->week[d], wdname[d], err) < 0)
			return -1;
		cal->has_hours |= cal->week[d].n > 0;
	}
	cal->ovr = def->noverrides ? rota_xcalloc(def->noverrides, sizeof *cal->ovr) : NULL;
	for (size_t i = 0; i < def->noverrides; i++) {
		char what[32];
		rota_date_format(what, sizeof what, def->overrides[i].day);
		cal->ovr[i].day = def->overrides[i].day;
		cal->novr = i + 1;
		if (copy_hours(def, &def->overrides[i].hours, &cal->ovr[i].hours, what, err) < 0)
			return -1;
		cal->has_hours |= cal->ovr[i].hours.n > 0;
	}
	if (cal->novr > 1)
		qsort(cal->ovr, cal->novr, sizeof *cal->ovr, cmp_ovr);
	for (size_t i = 1; i < cal->novr; i++)
		if (cal->ovr[i].day == cal->ovr[i - 1].day) {
			char what[32];
			rota_date_format(what, sizeof what, cal->ovr[i].day);
			return bad(def, err, "two overrides for %s: keep one", what);
		}
	cal->names = def->nholidays ? rota_xcalloc(def->nholidays, sizeof *cal->names) : NULL;
	cal->hol = def->nholidays ? rota_xcalloc(def->nholidays, sizeof *cal->hol) : NULL;
	for (size_t i = 0; i < def->nholidays; i++) {
		cal->names[i] = rota_xstrdup(def->holidays[i].name ? def->holidays[i].name : "");
		cal->hol[i] = (struct hol){ def->holidays[i].day, cal->names[i], i };
	}
	cal->nnames = cal->nhol = def->nholidays;
	hol_normalize(cal);
	return 0;
}

rota_calendar *
rota_calendar_new(const rota_calendar_def *def, rota_error *err)
{
	rota_calendar *cal = rota_xcalloc(1, sizeof *cal);
	cal->name = rota_xstrdup(def->name ? def->name : "");
	cal->cov_lo = 1;
	cal->cov_hi = 0;
	cal->horizon = T_END;
	cal->tz = rota_tz_get(def->tz ? def->tz : "UTC", err);
	if (cal->tz == NULL) {
		snprintf(err->file, sizeof err->file, "%s", def->file ? def->file : "");
		err->line = def->line;
		err->col = def->col;
		rota_error_prefix(err, "calendar '%s': ", cal->name);
		rota_calendar_free(cal);
		return NULL;
	}
	if (copy_def(cal, def, err) < 0) {
		rota_calendar_free(cal);
		return NULL;
	}
	cal->ics = def->nholiday_files ? rota_xcalloc(def->nholiday_files, sizeof *cal->ics) : NULL;
	for (size_t i = 0; i < def->nholiday_files; i++) {
		cal->ics[i] = rota_ical_load(def->holiday_files[i], err);
		if (cal->ics[i] == NULL) {
			rota_error_prefix(err, "holidays of calendar '%s': ", cal->name);
			rota_calendar_free(cal);
			return NULL;
		}
		cal->nics = i + 1;
		int64_t h = rota_ical_horizon(cal->ics[i]);
		if (h != INT64_MAX && cal->horizon_file == NULL) {
			cal->horizon = rota_tz_day_start(cal->tz, h + 1);
			cal->horizon_file = rota_xstrdup(def->holiday_files[i]);
		}
	}
	cal->pmin = page_of(T_FIRST);
	cal->pmax = page_of(T_LAST);
	/* One word per block of the whole time range (about 450 kB), zero until known. */
	cal->tot = rota_xcalloc((size_t)(cal->pmax - cal->pmin + 1), sizeof *cal->tot);
	cal->slots = rota_xcalloc(NSLOTS, sizeof *cal->slots);
	for (size_t i = 0; i < NSLOTS; i++)
		cal->slots[i].idx = INT64_MIN;
	return cal;
}

void
rota_calendar_free(rota_calendar *cal)
{
	if (cal == NULL)
		return;
	for (int d = 0; d < 7; d++)
		free(cal->week[d].r);
	for (size_t i = 0; i < cal->novr; i++)
		free(cal->ovr[i].hours.r);
	free(cal->ovr);
	for (size_t i = 0; i < cal->nnames; i++)
		free(cal->names[i]);
	free(cal->names);
	free(cal->hol);
	for (size_t i = 0; i < cal->nics; i++)
		rota_ical_free(cal->ics[i]);
	free(cal->ics);
	if (cal->slots)
		for (size_t i = 0; i < NSLOTS; i++) {
			free(cal->slots[i].iv);
			free(cal->slots[i].cum);
		}
	free(cal->slots);
	free(cal->tot);
	free(cal->seg);
	free(cal->horizon_file);
	free(cal->name);
	free(cal);
}

const char *rota_calendar_name(const rota_calendar *cal) { return cal->name; }
const rota_tz *rota_calendar_tz(const rota_calendar *cal) { return cal->tz; }
