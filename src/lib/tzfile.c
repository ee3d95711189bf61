/* IANA time zones read from TZif files (RFC 8536, versions 1-4) and their POSIX-TZ footer.
 *
 * A zone is one sorted table of transitions.  At load time the footer rule is unrolled
 * into that table out to TABLE_END_YEAR, so every query in the years that matter is one
 * binary search with no allocation; later instants evaluate the footer directly.  The
 * process's TZ variable, tzset() and localtime() are never touched: they are global
 * state that other code (and other threads) may rely on. */
#include <config.h>
#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <rota/rota.h>
#include "civil.h"

/* Instants are clamped to +-2^55 s (about a billion years) before any arithmetic, so
 * that years fit an int and t + offset can never overflow. */
#define T_CLAMP ((int64_t)1 << 55)
#define NO_END INT64_MAX
#define TABLE_END_YEAR 2200
/* RFC 8536: offsets SHOULD lie in [-89999, 93599]; anything else is a broken file. */
#define OFF_MIN (-89999)
#define OFF_MAX 93599
#define TZIF_MAX_BYTES (4 << 20)

struct ttype {
	int32_t off;
	int isdst;
	const char *abbr;
};

/* One POSIX-TZ date rule: "Jn" (1-365, Feb 29 never counted), "n" (0-365) or "Mm.w.d",
 * with the local time of day of the change (may be negative or past 24h, as in v3). */
struct rule {
	char kind;             /* 'J', 'N' or 'M' */
	int num, mon, week, wday;
	int32_t secs;
};

struct footer {
	int present;           /* a non-empty TZ string */
	int has_dst;           /* a rule that really changes the offset */
	int std_type, dst_type;
	struct rule start, end;
};

struct rota_tz {
	char *name;
	struct ttype *types;
	int ntypes;
	char *pool;            /* abbreviation strings of the file and the footer */
	int64_t *at;           /* transition instants, strictly ascending */
	int *ti;               /* type in force from at[i] */
	size_t n;
	int pre_type;          /* type before at[0] */
	int foot_before;       /* no transitions in the file: the footer rules all time */
	int64_t foot_from;     /* from this instant on, evaluate the footer directly */
	struct footer ft;
	int32_t minoff, maxoff;
	/* ix[b]: transitions at or before ix_base + b * 2^IX_SHIFT, so a lookup starts next
	 * to its answer instead of binary-searching the whole table */
	int64_t ix_base;
	uint32_t *ix, ix_n;
	struct rota_tz *next;  /* cache chain */
};

#define IX_SHIFT 21            /* 24 days: rarely more than one transition apart */

/* A stretch of time with one type: [start, end). */
struct seg {
	int64_t start, end;
	int type;
	ptrdiff_t idx;         /* table segment: index of at[] that starts it, -1 before at[0];
	                          -2 when computed from the footer */
};

static int64_t
clamp_t(int64_t t)
{
	return t < -T_CLAMP ? -T_CLAMP : t > T_CLAMP ? T_CLAMP : t;
}

static int
year_of(int64_t t)
{
	int y, m, d;
	rota_civil_from_days(civil_floor_div(clamp_t(t), 86400), &y, &m, &d);
	return y;
}

/* ---- footer rules ---- */

/* Day of the year (0-based) on which rule r fires in year y. */
static int64_t
rule_yday(const struct rule *r, int y)
{
	if (r->kind == 'J')
		return r->num - 1 + (rota_is_leap(y) && r->num >= 60);
	if (r->kind == 'N')
		return r->num;
	int64_t first = rota_days_from_civil(y, r->mon, 1);
	int wd1 = (rota_weekday(first) + 1) % 7;      /* POSIX counts 0 = Sunday */
	int dd = (r->wday - wd1 + 7) % 7 + (r->week - 1) * 7;
	int dim = rota_days_in_month(y, r->mon);
	while (dd >= dim)
		dd -= 7;
	return first - rota_days_from_civil(y, 1, 1) + dd;
}

struct fchange {
	int64_t at;
	int type;
	int seq;               /* generation order: breaks ties so that the later rule wins */
};

/* The footer's changes for years y0..y1 (at most 2 per year) in time order, with
 * simultaneous changes reduced to the last and changes to the same type dropped.
 * Returns how many; *before receives the type in force before the first one. */
static size_t
footer_changes(const struct footer *f, const struct ttype *types, int y0, int y1,
               struct fchange *c, int *before)
{
	size_t k = 0;
	for (int y = y0; y <= y1; y++) {
		int64_t ys = rota_days_from_civil(y, 1, 1) * 86400;
		c[k] = (struct fchange){ ys + rule_yday(&f->start, y) * 86400 + f->start.secs
		                         - types[f->std_type].off, f->dst_type, (int)k };
		k++;
		c[k] = (struct fchange){ ys + rule_yday(&f->end, y) * 86400 + f->end.secs
		                         - types[f->dst_type].off, f->std_type, (int)k };
		k++;
	}
	/* insertion sort: stable, and the input is nearly sorted */
	for (size_t i = 1; i < k; i++) {
		struct fchange x = c[i];
		size_t j = i;
		while (j > 0 && c[j - 1].at > x.at) {
			c[j] = c[j - 1];
			j--;
		}
		c[j] = x;
	}
	size_t m = 0;
	for (size_t i = 0; i < k; i++) {
		if (i + 1 < k && c[i + 1].at == c[i].at)
			continue;
		if (m > 0 && c[m - 1].type == c[i].type)
			continue;
		c[m++] = c[i];
	}
	if (m > 0)
		*before = c[0].type == f->dst_type ? f->std_type : f->dst_type;
	else
		*before = f->std_type;
	return m;
}

/* The footer's segment containing t, ignoring the table. */
static struct seg
footer_seg(const struct footer *f, const struct ttype *types, int64_t t)
{
	struct seg s = { INT64_MIN, NO_END, f->std_type, -2 };
	if (!f->has_dst)
		return s;
	/* Rule times reach at most 167 h past a date, so two years either side of t's
	 * year always hold the change before t and the change after it. */
	struct fchange c[10];
	int y = year_of(t), before;
	size_t m = footer_changes(f, types, y - 2, y + 2, c, &before);
	size_t k = 0;
	while (k < m && c[k].at <= t)
		k++;
	s.type = k ? c[k - 1].type : before;
	s.start = k ? c[k - 1].at : INT64_MIN;
	s.end = k < m ? c[k].at : NO_END;
	return s;
}

/* ---- segment lookup ---- */

static struct seg
table_seg(const rota_tz *tz, size_t k)
{
	/* k = number of transitions at or before the instant */
	struct seg s;
	s.idx = (ptrdiff_t)k - 1;
	s.start = k ? tz->at[k - 1] : INT64_MIN;
	s.type = k ? tz->ti[k - 1] : tz->pre_type;
	s.end = k < tz->n ? tz->at[k] : tz->foot_from;
	if (s.end > tz->foot_from)
		s.end = tz->foot_from;
	return s;
}

static size_t
upper_bound(const int64_t *a, size_t n, int64_t t)
{
	size_t lo = 0, hi = n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (a[mid] <= t)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/* How many transitions are at or before t. */
static size_t
count_le(const rota_tz *tz, int64_t t)
{
	uint64_t b = (uint64_t)(t - tz->ix_base) >> IX_SHIFT;
	if (t < tz->ix_base || b >= tz->ix_n)
		return upper_bound(tz->at, tz->n, t);
	size_t k = tz->ix[b];
	while (k < tz->n && tz->at[k] <= t)
		k++;
	return k;
}

static void
build_index(rota_tz *tz)
{
	if (tz->n == 0)
		return;
	/* 1900 to the end of the table (2200 at most): about 4,600 buckets */
	int64_t lo = rota_days_from_civil(1900, 1, 1) * 86400;
	int64_t hi = rota_days_from_civil(TABLE_END_YEAR + 1, 1, 1) * 86400;
	if (tz->at[tz->n - 1] < hi)
		hi = tz->at[tz->n - 1];
	if (hi <= lo)
		return;
	tz->ix_base = lo;
	tz->ix_n = (uint32_t)(((uint64_t)(hi - lo) >> IX_SHIFT) + 1);
	tz->ix = rota_xreallocarray(NULL, tz->ix_n, sizeof *tz->ix);
	size_t k = 0;
	for (uint32_t b = 0; b < tz->ix_n; b++) {
		int64_t start = lo + ((int64_t)b << IX_SHIFT);
		while (k < tz->n && tz->at[k] <= start)
			k++;
		tz->ix[b] = (uint32_t)k;
	}
}

static struct seg
seg_at(const rota_tz *tz, int64_t t)
{
	if (t >= tz->foot_from || (tz->foot_before && (tz->n == 0 || t < tz->at[0]))) {
		struct seg s = footer_seg(&tz->ft, tz->types, t);
		if (t >= tz->foot_from && s.start < tz->foot_from)
			s.start = tz->foot_from;
		if (tz->foot_before && tz->n > 0 && t < tz->at[0] && s.end > tz->at[0])
			s.end = tz->at[0];
		return s;
	}
	return table_seg(tz, count_le(tz, t));
}

static struct seg
seg_next(const rota_tz *tz, const struct seg *s)
{
	if (s->idx >= -1 && s->end < tz->foot_from && (size_t)(s->idx + 1) < tz->n
	    && !(tz->foot_before && s->idx == -1))
		return table_seg(tz, (size_t)(s->idx + 2));
	return seg_at(tz, s->end);
}

static int
type_at(const rota_tz *tz, rota_time t)
{
	t = clamp_t(t);
	if (t < tz->foot_from && !tz->foot_before) {
		size_t k = count_le(tz, t);
		return k ? tz->ti[k - 1] : tz->pre_type;
	}
	return seg_at(tz, t).type;
}

/* ---- public queries ---- */

int32_t
rota_tz_offset(const rota_tz *tz, rota_time t)
{
	return tz->types[type_at(tz, t)].off;
}

const char *
rota_tz_abbr(const rota_tz *tz, rota_time t)
{
	return tz->types[type_at(tz, t)].abbr;
}

int
rota_tz_is_dst(const rota_tz *tz, rota_time t)
{
	return tz->types[type_at(tz, t)].isdst;
}

const char *
rota_tz_name(const rota_tz *tz)
{
	return tz->name;
}

void
rota_tz_to_local(const rota_tz *tz, rota_time t, rota_civil *out, int32_t *offset)
{
	t = clamp_t(t);
	int32_t off = rota_tz_offset(tz, t);
	int64_t l = t + off;
	int64_t days = civil_floor_div(l, 86400);
	int64_t sod = l - days * 86400;
	rota_civil_from_days(days, &out->year, &out->mon, &out->day);
	out->hour = (int)(sod / 3600);
	out->min = (int)(sod / 60 % 60);
	out->sec = (int)(sod % 60);
	if (offset)
		*offset = off;
}

static int
same_type(const rota_tz *tz, int a, int b)
{
	const struct ttype *x = &tz->types[a], *y = &tz->types[b];
	return x->off == y->off && x->isdst == y->isdst && strcmp(x->abbr, y->abbr) == 0;
}

rota_time
rota_tz_next_change(const rota_tz *tz, rota_time t)
{
	struct seg s = seg_at(tz, clamp_t(t));
	int ty = s.type;
	/* Footer segments may end at a boundary where nothing changes (the footer is
	 * evaluated a few years at a time); hop over those, boundedly. */
	for (int hops = 0; hops < 64; hops++) {
		if (s.end == NO_END || s.end >= T_CLAMP)
			return INT64_MAX;
		struct seg nx = seg_next(tz, &s);
		if (!same_type(tz, nx.type, ty))
			return s.end;
		s = nx;
	}
	return INT64_MAX;
}

/* Solve t + offset(t) = l.  Returns the number of solutions (capped at 2) in first and
 * second; with none, *gap_before is l read with the offset before the gap and *gap_at
 * the instant the clocks jumped. */
static int
solve_local(const rota_tz *tz, int64_t l, int64_t *first, int64_t *second,
            int64_t *gap_before, int64_t *gap_at)
{
	int64_t lo = l - tz->maxoff, hi = l - tz->minoff;
	struct seg s = seg_at(tz, lo);
	int nsol = 0, gap = 0;

	for (;;) {
		int64_t cand = l - tz->types[s.type].off;
		if (cand >= s.start && cand < s.end) {
			if (nsol == 0)
				*first = cand;
			else if (nsol == 1)
				*second = cand;
			if (nsol < 2)
				nsol++;
		}
		if (s.end == NO_END || s.end > hi)
			break;
		struct seg nx = seg_next(tz, &s);
		if (!gap && cand >= s.end && l - tz->types[nx.type].off < nx.start) {
			gap = 1;
			*gap_before = cand;
			*gap_at = s.end;
		}
		s = nx;
	}
	if (nsol == 0 && !gap) {
		/* cannot happen for a consistent zone; answer something monotone */
		*gap_before = l - rota_tz_offset(tz, l);
		*gap_at = *gap_before;
	}
	return nsol;
}

/* Local seconds since the epoch of a civil time, kept inside the clamp. */
static int64_t
local_seconds(const rota_civil *lt)
{
	int64_t days = rota_days_from_civil(lt->year, lt->mon, lt->day);
	int64_t lim = T_CLAMP / 2 / 86400;
	if (days < -lim)
		days = -lim;
	if (days > lim)
		days = lim;
	return days * 86400 + (int64_t)lt->hour * 3600 + (int64_t)lt->min * 60 + lt->sec;
}

int
rota_tz_from_local(const rota_tz *tz, const rota_civil *lt, rota_time *out, rota_time *later)
{
	int64_t l = local_seconds(lt), first = 0, second = 0, gb = 0, ga = 0;
	int nsol = solve_local(tz, l, &first, &second, &gb, &ga);
	if (nsol == 0) {
		*out = gb;
		if (later)
			*later = gb;
		return ROTA_LOCAL_GAP;
	}
	*out = first;
	if (later)
		*later = nsol == 2 ? second : first;
	return nsol == 2 ? ROTA_LOCAL_FOLD : ROTA_LOCAL_OK;
}

rota_time
rota_tz_from_local_earliest(const rota_tz *tz, const rota_civil *lt)
{
	int64_t l = local_seconds(lt), first = 0, second = 0, gb = 0, ga = 0;
	if (solve_local(tz, l, &first, &second, &gb, &ga) != 0)
		return first;
	return ga;
}

rota_time
rota_tz_day_start(const rota_tz *tz, int64_t days)
{
	/* in a gap, the date begins when the clocks jump past midnight */
	rota_civil c = { 0, 0, 0, 0, 0, 0 };
	rota_civil_from_days(days, &c.year, &c.mon, &c.day);
	return rota_tz_from_local_earliest(tz, &c);
}

int64_t
rota_tz_day_of(const rota_tz *tz, rota_time t)
{
	t = clamp_t(t);
	return civil_floor_div(t + rota_tz_offset(tz, t), 86400);
}

int
rota_tz_footer_offset(const rota_tz *tz, rota_time t, int32_t *offset, int *isdst)
{
	if (!tz->ft.present)
		return -1;
	struct seg s = footer_seg(&tz->ft, tz->types, clamp_t(t));
	if (offset)
		*offset = tz->types[s.type].off;
	if (isdst)
		*isdst = tz->types[s.type].isdst;
	return 0;
}

/* ---- the footer string ---- */

static const char *
tz_name(const char *p, const char **name, size_t *len)
{
	const char *q = p;
	if (*p == '<') {
		for (q = ++p; isalnum((unsigned char)*q) || *q == '+' || *q == '-'; q++)
			;
		if (*q != '>' || q == p)
			return NULL;
		*name = p;
		*len = (size_t)(q - p);
		return q + 1;
	}
	while (isalpha((unsigned char)*q))
		q++;
	if (q - p < 3)
		return NULL;
	*name = p;
	*len = (size_t)(q - p);
	return q;
}

/* [+-]hh[:mm[:ss]], hours up to 167 (RFC 8536 v3 transition times). */
static const char *
tz_secs(const char *p, int32_t *out)
{
	int sign = 1, h = 0, m = 0, s = 0, nd = 0;
	if (*p == '+' || *p == '-')
		sign = *p++ == '-' ? -1 : 1;
	while (isdigit((unsigned char)*p) && nd < 3)
		h = h * 10 + (*p++ - '0'), nd++;
	if (nd == 0 || h > 167)
		return NULL;
	if (*p == ':') {
		p++;
		if (!isdigit((unsigned char)p[0]) || !isdigit((unsigned char)p[1]))
			return NULL;
		m = (p[0] - '0') * 10 + (p[1] - '0');
		p += 2;
		if (*p == ':') {
			p++;
			if (!isdigit((unsigned char)p[0]) || !isdigit((unsigned char)p[1]))
				return NULL;
			s = (p[0] - '0') * 10 + (p[1] - '0');
			p += 2;
		}
		if (m > 59 || s > 59)
			return NULL;
	}
	*out = sign * (h * 3600 + m * 60 + s);
	return p;
}

static const char *
tz_num(const char *p, int lo, int hi, int *out)
{
	int v = 0, nd = 0;
	while (isdigit((unsigned char)*p) && nd < 4)
		v = v * 10 + (*p++ - '0'), nd++;
	if (nd == 0 || v < lo || v > hi)
		return NULL;
	*out = v;
	return p;
}

static const char *
tz_rule(const char *p, struct rule *r)
{
	memset(r, 0, sizeof *r);
	r->secs = 7200;
	if (*p == 'J') {
		r->kind = 'J';
		p = tz_num(p + 1, 1, 365, &r->num);
	} else if (*p == 'M') {
		r->kind = 'M';
		if ((p = tz_num(p + 1, 1, 12, &r->mon)) == NULL || *p++ != '.')
			return NULL;
		if ((p = tz_num(p, 1, 5, &r->week)) == NULL || *p++ != '.')
			return NULL;
		p = tz_num(p, 0, 6, &r->wday);
	} else {
		r->kind = 'N';
		p = tz_num(p, 0, 365, &r->num);
	}
	if (p && *p == '/')
		p = tz_secs(p + 1, &r->secs);
	return p;
}

static int
add_type(rota_tz *tz, int32_t off, int isdst, const char *abbr)
{
	for (int i = 0; i < tz->ntypes; i++)
		if (tz->types[i].off == off && tz->types[i].isdst == isdst
		    && strcmp(tz->types[i].abbr, abbr) == 0)
			return i;
	tz->types[tz->ntypes] = (struct ttype){ off, isdst, abbr };
	return tz->ntypes++;
}

/* Parses the TZ string into tz->ft; names are copied to *poolp (room reserved by the
 * caller).  Returns 0, or -1 when the string is malformed. */
static int
parse_footer(rota_tz *tz, const char *s, char **poolp)
{
	const char *sn, *dn;
	size_t sl, dl;
	int32_t soff, doff;
	struct footer *f = &tz->ft;
	const char *p = s;

	memset(f, 0, sizeof *f);
	if (*p == '\0')
		return 0;
	if ((p = tz_name(p, &sn, &sl)) == NULL || (p = tz_secs(p, &soff)) == NULL)
		return -1;
	soff = -soff;                   /* POSIX counts west positive */
	char *sname = *poolp;
	memcpy(sname, sn, sl);
	sname[sl] = '\0';
	*poolp += sl + 1;
	if (soff < OFF_MIN || soff > OFF_MAX)
		return -1;
	f->present = 1;
	f->std_type = f->dst_type = add_type(tz, soff, 0, sname);
	if (*p == '\0')
		return 0;
	if ((p = tz_name(p, &dn, &dl)) == NULL)
		return -1;
	doff = soff + 3600;
	if (*p != ',' && *p != '\0') {
		if ((p = tz_secs(p, &doff)) == NULL)
			return -1;
		doff = -doff;
	}
	if (doff < OFF_MIN || doff > OFF_MAX)
		return -1;
	char *dname = *poolp;
	memcpy(dname, dn, dl);
	dname[dl] = '\0';
	*poolp += dl + 1;
	if (*p == ',') {
		if ((p = tz_rule(p + 1, &f->start)) == NULL || *p++ != ',')
			return -1;
		if ((p = tz_rule(p, &f->end)) == NULL)
			return -1;
	} else {
		/* POSIX leaves the default rule to the implementation; this is the US rule
		 * that glibc and tzcode use. */
		f->start = (struct rule){ 'M', 0, 3, 2, 0, 7200 };
		f->end = (struct rule){ 'M', 0, 11, 1, 0, 7200 };
	}
	if (*p != '\0')
		return -1;
	f->dst_type = add_type(tz, doff, 1, dname);
	f->has_dst = 1;
	/* A rule that keeps DST all year ("EST5EDT,0/0,J365/25") changes nothing. */
	struct fchange c[10];
	int before;
	size_t m = footer_changes(f, tz->types, 1999, 2003, c, &before);
	int64_t lo = rota_days_from_civil(2000, 1, 1) * 86400;
	int64_t hi = rota_days_from_civil(2002, 1, 1) * 86400;
	int changes = 0, in_force = before;
	for (size_t i = 0; i < m; i++) {
		changes += c[i].at >= lo && c[i].at < hi;
		if (c[i].at < lo)
			in_force = c[i].type;
	}
	if (changes == 0) {
		f->std_type = f->dst_type = in_force;
		f->has_dst = 0;
	}
	return 0;
}

/* ---- TZif bytes ---- */

struct rd {
	const unsigned char *p, *end;
};

static uint32_t
be32(const unsigned char *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

static int64_t
be64(const unsigned char *p)
{
	return (int64_t)((uint64_t)be32(p) << 32 | be32(p + 4));
}

struct hdr {
	char version;
	uint32_t isutcnt, isstdcnt, leapcnt, timecnt, typecnt, charcnt;
};

static const char *
read_header(struct rd *r, struct hdr *h)
{
	if (r->end - r->p < 44)
		return "file too short for a TZif header";
	if (memcmp(r->p, "TZif", 4) != 0)
		return "no TZif magic";
	h->version = (char)r->p[4];
	h->isutcnt = be32(r->p + 20);
	h->isstdcnt = be32(r->p + 24);
	h->leapcnt = be32(r->p + 28);
	h->timecnt = be32(r->p + 32);
	h->typecnt = be32(r->p + 36);
	h->charcnt = be32(r->p + 40);
	r->p += 44;
	if (h->typecnt == 0 || h->typecnt > 256 || h->charcnt > 65536 || h->timecnt > 1000000
	    || h->leapcnt > 100000)
		return "counts out of range";
	if ((h->isutcnt && h->isutcnt != h->typecnt) || (h->isstdcnt && h->isstdcnt != h->typecnt))
		return "indicator counts differ from the type count";
	return NULL;
}

static uint64_t
block_size(const struct hdr *h, int tsize)
{
	return (uint64_t)h->timecnt * (uint64_t)(tsize + 1) + (uint64_t)h->typecnt * 6
	       + h->charcnt + (uint64_t)h->leapcnt * (uint64_t)(tsize + 4)
	       + h->isstdcnt + h->isutcnt;
}

static void
tz_free(rota_tz *tz)
{
	if (tz == NULL)
		return;
	free(tz->name);
	free(tz->types);
	free(tz->pool);
	free(tz->at);
	free(tz->ti);
	free(tz->ix);
	free(tz);
}

/* Unrolls the footer rule into the table up to TABLE_END_YEAR. */
static void
extend_table(rota_tz *tz)
{
	int y0 = tz->n ? year_of(tz->at[tz->n - 1]) - 1 : 1900;
	if (y0 > TABLE_END_YEAR)
		y0 = TABLE_END_YEAR;
	size_t cap = tz->n + (size_t)(TABLE_END_YEAR - y0 + 1) * 2 + 2;
	struct fchange c[10];
	int before, cur;

	tz->at = rota_xreallocarray(tz->at, cap, sizeof *tz->at);
	tz->ti = rota_xreallocarray(tz->ti, cap, sizeof *tz->ti);
	int64_t last = tz->n ? tz->at[tz->n - 1] : INT64_MIN;
	cur = tz->n ? tz->ti[tz->n - 1] : -1;
	/* one year at a time, with the neighbours for order and ties */
	for (int y = y0; y <= TABLE_END_YEAR; y++) {
		size_t m = footer_changes(&tz->ft, tz->types, y - 1, y + 1, c, &before);
		int64_t ys = rota_days_from_civil(y, 1, 1) * 86400;
		int64_t ye = rota_days_from_civil(y + 1, 1, 1) * 86400;
		for (size_t i = 0; i < m; i++) {
			/* each change is taken in the year whose UTC span holds it */
			if (c[i].at < ys || c[i].at >= ye || c[i].at <= last)
				continue;
			if (cur >= 0 && same_type(tz, cur, c[i].type))
				continue;
			tz->at[tz->n] = c[i].at;
			tz->ti[tz->n] = c[i].type;
			tz->n++;
			last = c[i].at;
			cur = c[i].type;
		}
	}
}

/* The footer "\nTZ\n" at r into buf. */
static const char *
read_footer(struct rd *r, char *buf, size_t n)
{
	const unsigned char *nl;
	if (r->p >= r->end || *r->p != '\n')
		return "missing TZ string footer";
	r->p++;
	nl = memchr(r->p, '\n', (size_t)(r->end - r->p));
	if (nl == NULL || (size_t)(nl - r->p) >= n)
		return "bad TZ string footer";
	memcpy(buf, r->p, (size_t)(nl - r->p));
	buf[nl - r->p] = '\0';
	if (strlen(buf) != (size_t)(nl - r->p))
		return "NUL byte in TZ string footer";
	return NULL;
}

/* The file's local time types, identical ones merged (so that transitions that change
 * nothing disappear); map[] takes file indices to ours. */
static const char *
read_types(rota_tz *tz, const struct hdr *h, const unsigned char *tt, int *map)
{
	for (uint32_t i = 0; i < h->typecnt; i++) {
		const unsigned char *e = tt + i * 6;
		int32_t off = (int32_t)be32(e);
		if (off < OFF_MIN || off > OFF_MAX || e[4] > 1
		    || (h->charcnt ? e[5] >= h->charcnt : e[5] != 0))
			return "bad local time type";
		map[i] = add_type(tz, off, e[4], tz->pool + e[5]);
	}
	tz->pre_type = map[0];
	return NULL;
}

static const char *
read_transitions(rota_tz *tz, const struct hdr *h, int tsize, const unsigned char *times,
                 const int *map)
{
	const unsigned char *idx = times + (size_t)h->timecnt * tsize;
	int cur = tz->pre_type;
	int64_t prev = INT64_MIN;

	tz->at = rota_xreallocarray(NULL, h->timecnt + 1, sizeof *tz->at);
	tz->ti = rota_xreallocarray(NULL, h->timecnt + 1, sizeof *tz->ti);
	for (uint32_t i = 0; i < h->timecnt; i++) {
		int64_t t = tsize == 8 ? be64(times + i * 8) : (int32_t)be32(times + i * 4);
		if (idx[i] >= h->typecnt)
			return "bad type index";
		if (i > 0 && t <= prev)
			return "transitions out of order";
		prev = t;
		t = clamp_t(t);
		if (tz->n && tz->at[tz->n - 1] == t) {
			tz->ti[tz->n - 1] = cur = map[idx[i]];   /* clamped together: last wins */
			continue;
		}
		if (same_type(tz, cur, map[idx[i]]))
			continue;
		tz->at[tz->n] = t;
		tz->ti[tz->n] = cur = map[idx[i]];
		tz->n++;
	}
	return NULL;
}

/* The footer rule unrolled into the table, the lookup index, the offset bounds. */
static void
finish_zone(rota_tz *tz)
{
	tz->foot_from = NO_END;
	if (tz->ft.has_dst) {
		tz->foot_before = tz->n == 0;
		/* A table that ends before 1600 (only ever a broken file) is not worth
		 * unrolling: the footer answers directly, just more slowly. */
		if (tz->n == 0 || year_of(tz->at[tz->n - 1]) >= 1600)
			extend_table(tz);
		if (tz->n)
			tz->foot_from = tz->at[tz->n - 1];
	} else if (tz->ft.present && tz->n == 0) {
		tz->pre_type = tz->ft.std_type;
	}
	build_index(tz);
	tz->minoff = INT32_MAX;
	tz->maxoff = INT32_MIN;
	for (int i = 0; i < tz->ntypes; i++) {
		if (tz->types[i].off < tz->minoff)
			tz->minoff = tz->types[i].off;
		if (tz->types[i].off > tz->maxoff)
			tz->maxoff = tz->types[i].off;
	}
}

static rota_tz *
tz_parse(const unsigned char *data, size_t len, const char *name, const char **why)
{
	struct rd r = { data, data + len };
	struct hdr h;
	int tsize = 4, map[256];
	char fbuf[256] = "";

	if ((*why = read_header(&r, &h)) != NULL)
		return NULL;
	if (h.version >= '2') {
		/* skip the 32-bit data: the 64-bit block after it says everything */
		uint64_t skip = block_size(&h, 4);
		if (skip > (uint64_t)(r.end - r.p))
			return *why = "truncated version 1 data", NULL;
		r.p += skip;
		if ((*why = read_header(&r, &h)) != NULL)
			return NULL;
		tsize = 8;
	}
	if (block_size(&h, tsize) > (uint64_t)(r.end - r.p))
		return *why = "truncated data block", NULL;
	if (h.leapcnt)
		return *why = "leap-second ('right/') zone files are not supported", NULL;
	const unsigned char *times = r.p;
	const unsigned char *tt = times + (size_t)h.timecnt * (tsize + 1);
	const unsigned char *chars = tt + h.typecnt * 6;
	r.p = chars + h.charcnt + h.isstdcnt + h.isutcnt;
	if (tsize == 8 && (*why = read_footer(&r, fbuf, sizeof fbuf)) != NULL)
		return NULL;

	rota_tz *tz = rota_xcalloc(1, sizeof *tz);
	tz->name = rota_xstrdup(name);
	tz->types = rota_xcalloc(h.typecnt + 2, sizeof *tz->types);
	/* the file's abbreviations, then room for the footer's two names */
	tz->pool = rota_xmalloc(h.charcnt + 1 + strlen(fbuf) + 2);
	memcpy(tz->pool, chars, h.charcnt);
	tz->pool[h.charcnt] = '\0';
	char *fpool = tz->pool + h.charcnt + 1;
	if ((*why = read_types(tz, &h, tt, map)) != NULL
	    || (*why = read_transitions(tz, &h, tsize, times, map)) != NULL
	    || (parse_footer(tz, fbuf, &fpool) != 0 && (*why = "bad TZ string footer"))) {
		tz_free(tz);
		return NULL;
	}
	finish_zone(tz);
	return tz;
}

rota_tz *
rota_tz_load(const void *data, size_t len, const char *name, rota_error *err)
{
	const char *why = NULL;
	rota_tz *tz = tz_parse(data, len, name ? name : "", &why);
	if (tz == NULL)
		rota_error_set(err, ROTA_EXIT_USAGE, NULL, 0, 0,
		               "time zone '%s' is not a valid TZif file: %s", name ? name : "", why);
	return tz;
}

void
rota_tz_free(rota_tz *tz)
{
	tz_free(tz);
}

/* ---- the process-wide cache ---- */

static struct ttype utc_type = { 0, 0, "UTC" };
static rota_tz utc_zone = {
	.name = (char *)"UTC", .types = &utc_type, .ntypes = 1, .foot_from = NO_END,
};

const rota_tz *
rota_tz_utc(void)
{
	return &utc_zone;
}

#define CACHE_BUCKETS 256
static pthread_mutex_t cache_lock = PTHREAD_MUTEX_INITIALIZER;
static rota_tz *cache[CACHE_BUCKETS];

static unsigned
name_hash(const char *s)
{
	uint32_t h = 2166136261u;
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 16777619u;
	return h % CACHE_BUCKETS;
}

/* IANA names are path-like; anything that could escape TZDIR is refused outright. */
static int
valid_name(const char *s)
{
	size_t n = strlen(s);
	if (n == 0 || n > 255 || s[0] == '/' || s[n - 1] == '/')
		return 0;
	for (const char *p = s; *p; p++) {
		if (!isalnum((unsigned char)*p) && !strchr("/_+-.", *p))
			return 0;
		if (*p == '.' && (p == s || p[-1] == '/'))
			return 0;      /* "..", hidden files */
		if (*p == '/' && p[1] == '/')
			return 0;
	}
	return 1;
}

static int
read_file(const char *path, unsigned char **data, size_t *len)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	struct stat st;
	if (fd < 0)
		return -1;
	if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode) || st.st_size > TZIF_MAX_BYTES) {
		close(fd);
		errno = ENOENT;
		return -1;
	}
	size_t cap = (size_t)st.st_size + 1, n = 0;
	unsigned char *buf = rota_xmalloc(cap);
	for (;;) {
		ssize_t got = read(fd, buf + n, cap - n);
		if (got < 0 && errno == EINTR)
			continue;
		if (got < 0) {
			int e = errno;
			free(buf);
			close(fd);
			errno = e;
			return -1;
		}
		if (got == 0)
			break;
		n += (size_t)got;
		if (n == cap)
			break;     /* grew while we read: what we have is too much anyway */
	}
	close(fd);
	*data = buf;
	*len = n;
	return 0;
}

static rota_tz *
load_named(const char *name, rota_error *err)
{
	const char *dir = getenv("TZDIR");
	char path[4096];
	unsigned char *data;
	size_t len;

	if (dir == NULL || *dir == '\0')
		dir = "/usr/share/zoneinfo";
	if (!valid_name(name)
	    || (size_t)snprintf(path, sizeof path, "%s/%s", dir, name) >= sizeof path
	    || read_file(path, &data, &len) != 0
	    || ((len < 4 || memcmp(data, "TZif", 4) != 0) && (free(data), 1))) {
		/* missing, a directory, or a file such as zone.tab: not a zone name */
		rota_error_set(err, ROTA_EXIT_USAGE, NULL, 0, 0,
		               "unknown time zone '%s': expected an IANA name such as Europe/Berlin",
		               name);
		return NULL;
	}
	const char *why = NULL;
	rota_tz *tz = tz_parse(data, len, name, &why);
	free(data);
	if (tz == NULL)
		rota_error_set(err, ROTA_EXIT_RUNTIME, path, 0, 0,
		               "cannot read time zone '%s': %s; reinstall the tzdata package",
		               name, why);
	return tz;
}

const rota_tz *
rota_tz_get(const char *name, rota_error *err)
{
	if (name == NULL) {
		rota_error_set(err, ROTA_EXIT_USAGE, NULL, 0, 0,
		               "missing time zone: expected an IANA name such as Europe/Berlin");
		return NULL;
	}
	if (strcmp(name, "UTC") == 0)
		return &utc_zone;
	unsigned h = name_hash(name);
	pthread_mutex_lock(&cache_lock);
	rota_tz *tz;
	for (tz = cache[h]; tz; tz = tz->next)
		if (strcmp(tz->name, name) == 0)
			break;
	if (tz == NULL && (tz = load_named(name, err)) != NULL) {
		tz->next = cache[h];
		cache[h] = tz;
	}
	pthread_mutex_unlock(&cache_lock);
	return tz;
}

void
rota_tz_cache_free(void)
{
	pthread_mutex_lock(&cache_lock);
	for (size_t i = 0; i < CACHE_BUCKETS; i++) {
		while (cache[i]) {
			rota_tz *next = cache[i]->next;
			tz_free(cache[i]);
			cache[i] = next;
		}
	}
	pthread_mutex_unlock(&cache_lock);
}
