/* The grid: arrival counts split into series, each laid on a grid of LOCAL slots in the
 * zone of the customers it counts, and a series' local slots placed back on the
 * planning zone's grid of instants.
 *
 * Why local slots: a customer calls at 09:00 of their own clock, summer or winter, so
 * daily and weekly cycles repeat exactly on the local grid, and a model needs no notion
 * of DST.  The price is paid here, at the edges: the wall-clock hour skipped in spring
 * (a gap) has no instants (no observation in history, nothing forecast), the hour
 * repeated in autumn (a fold) has two, whose arrivals are summed and whose forecast is
 * shared between them; and when the planning zone changes its clocks on another date
 * than the customers' zone, the customers' peak moves by an hour on the planning grid,
 * as it really does. */
#include <config.h>
#include <stdlib.h>
#include <string.h>
#include <rota/rota.h>
#include <rota/forecast-series.h>

void
rota_fc_grid_opts_init(rota_fc_grid_opts *o)
{
	memset(o, 0, sizeof *o);
	o->slot = 3600;
	o->tz = rota_tz_utc();
	o->start = ROTA_TIME_NONE;
	o->horizon = 14 * 86400;
}

static int64_t
floor_div(int64_t a, int64_t b)
{
	int64_t q = a / b;
	return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q;
}

/* The start of the slot of the planning grid that holds t: its wall clock floored. */
static rota_time
plan_floor(const rota_tz *tz, rota_time t, int64_t slot)
{
	int32_t off = rota_tz_offset(tz, t);
	int64_t local = t + off;
	return local - (local - floor_div(local, slot) * slot) - off;
}

/* Instant -> local slot index, with the offset of the last constant stretch kept, as
 * counts come mostly in time order. */
struct zone {
	const rota_tz *tz;
	rota_time lo, hi;      /* [lo, hi) has offset off */
	int32_t off;
	int64_t start_day;
	int64_t slot;
	int spd;
};

static void
zone_init(struct zone *z, const rota_tz *tz, int64_t slot)
{
	z->tz = tz;
	z->lo = 1;
	z->hi = 0;
	z->slot = slot;
	z->spd = (int)(86400 / slot);
}

static int64_t
zone_local(struct zone *z, rota_time t)
{
	if (t < z->lo || t >= z->hi) {
		z->off = rota_tz_offset(z->tz, t);
		z->lo = t;
		z->hi = rota_tz_next_change(z->tz, t);
	}
	return t + z->off;
}

static int64_t
zone_index(struct zone *z, rota_time t)
{
	int64_t local = zone_local(z, t);
	int64_t day = floor_div(local, 86400);
	return (day - z->start_day) * z->spd + (local - day * 86400) / z->slot;
}

/* The real instants whose wall clock lies in [wa, wb) (seconds of the local epoch):
 * one piece, none in a gap, two in a fold.  Walks the constant-offset stretches that
 * can reach the span (an offset is at most ROTA_OFFSET_LIMIT). */
struct piece { rota_time a, b; };

static int
wall_pieces(const rota_tz *tz, int64_t wa, int64_t wb, struct piece p[4])
{
	int n = 0;
	rota_time s = wa - ROTA_OFFSET_LIMIT - 1;
	while (s < wb + ROTA_OFFSET_LIMIT) {
		int32_t o = rota_tz_offset(tz, s);
		rota_time e = rota_tz_next_change(tz, s);
		rota_time a = wa - o > s ? wa - o : s;
		rota_time b = wb - o < e ? wb - o : e;
		if (a < b) {
			if (n > 0 && p[n - 1].b == a)
				p[n - 1].b = b;
			else if (n < 4)
				p[n++] = (struct piece){ a, b };
		}
		if (e == INT64_MAX || e <= s)
			break;
		s = e;
	}
	return n;
}

/* A local day: where it starts, and whether its slots are plain (one offset all day,
 * starting at midnight) so that slot k is [ds + k slot, ds + (k + 1) slot). */
struct day {
	int64_t day;
	rota_time ds;
	int plain;
};

static void
day_get(const rota_tz *tz, int64_t d, struct day *out)
{
	if (out->day == d && out->ds != ROTA_TIME_NONE)
		return;
	out->day = d;
	out->ds = rota_tz_day_start(tz, d);
	out->plain = out->ds + rota_tz_offset(tz, out->ds) == d * 86400 &&
	             rota_tz_next_change(tz, out->ds) >= out->ds + 86400;
}

static int
slot_pieces(const rota_tz *tz, struct day *dy, int64_t d, int k, int64_t slot,
            struct piece p[4])
{
	day_get(tz, d, dy);
	if (dy->plain) {
		p[0].a = dy->ds + k * slot;
		p[0].b = p[0].a + slot;
		return 1;
	}
	return wall_pieces(tz, d * 86400 + k * slot, d * 86400 + (k + 1) * slot, p);
}

/* ---- building ---- */

struct key { uint32_t k[3]; };

struct build {
	const rota_fc_counts *c;
	const rota_fc_grid_opts *o;
	rota_fc_grid *g;
	uint32_t *slot_of;     /* series id + 1 by hash of the key */
	struct key *keys;
	size_t hcap, nkeys, capkeys;
};

static struct key
project(const rota_fc_count *r, unsigned by)
{
	struct key k = { { by & ROTA_FC_BY_QUEUE ? r->key[0] : 0,
	                   by & ROTA_FC_BY_CHANNEL ? r->key[1] : 0,
	                   by & ROTA_FC_BY_CUSTOMER_TZ ? r->key[2] : 0 } };
	return k;
}

static size_t
key_hash(const struct key *k, size_t cap)
{
	uint64_t h = k->k[0] * 0x9E3779B97F4A7C15ULL;
	h = (h ^ k->k[1]) * 0xC2B2AE3D27D4EB4FULL;
	h = (h ^ k->k[2]) * 0x165667B19E3779F9ULL;
	return (size_t)(h >> 17) & (cap - 1);
}

static void
key_rehash(struct build *b)
{
	free(b->slot_of);
	b->hcap = b->hcap ? 2 * b->hcap : 64;
	b->slot_of = rota_xcalloc(b->hcap, sizeof *b->slot_of);
	for (size_t i = 0; i < b->nkeys; i++) {
		size_t h = key_hash(&b->keys[i], b->hcap);
		while (b->slot_of[h])
			h = (h + 1) & (b->hcap - 1);
		b->slot_of[h] = (uint32_t)i + 1;
	}
}

static uint32_t
key_id(struct build *b, const struct key *k)
{
	if (2 * (b->nkeys + 1) >= b->hcap)
		key_rehash(b);
	size_t h = key_hash(k, b->hcap);
	for (; b->slot_of[h]; h = (h + 1) & (b->hcap - 1))
		if (memcmp(&b->keys[b->slot_of[h] - 1], k, sizeof *k) == 0)
			return b->slot_of[h] - 1;
	if (b->nkeys == b->capkeys) {
		b->capkeys = b->capkeys ? 2 * b->capkeys : 16;
		b->keys = rota_xreallocarray(b->keys, b->capkeys, sizeof *b->keys);
	}
	b->keys[b->nkeys] = *k;
	b->slot_of[h] = (uint32_t)b->nkeys + 1;
	return (uint32_t)b->nkeys++;
}

static const char *const *sort_names;

static int
cmp_keys(const void *x, const void *y)
{
	const struct key *a = x, *b = y;
	for (int i = 0; i < 3; i++) {
		int c = strcmp(sort_names[a->k[i]], sort_names[b->k[i]]);
		if (c)
			return c;
	}
	return 0;
}

static const char *
dur_text(char *buf, size_t n, int64_t secs)
{
	rota_duration_format(buf, n, secs);
	return buf;
}

static int
check_opts(const rota_fc_counts *c, const rota_fc_grid_opts *o, rota_error *err)
{
	char a[32];
	if (o->slot != 3600 && o->slot != 1800 && o->slot != 900)
		return rota_error_set(err, ROTA_EXIT_USAGE, NULL, 0, 0, "an interval of %s: "
		                      "expected 1h, 30m or 15m", dur_text(a, sizeof a, o->slot));
	if (o->horizon <= 0 || o->horizon > 3700 * (int64_t)86400)
		return rota_error_set(err, ROTA_EXIT_USAGE, NULL, 0, 0, "a horizon of %s: expected "
		                      "a duration longer than 0 and at most ten years",
		                      dur_text(a, sizeof a, o->horizon));
	if (c->n == 0)
		return rota_error_set(err, ROTA_EXIT_USAGE, NULL, 0, 0, "no arrivals to forecast "
		                      "from: the input has no rows");
	return 0;
}

/* Pre-aggregated counts must fit the slots: an interval longer than a slot cannot be
 * split, and starts that do not divide a slot would fall across two. */
static int
check_step(const rota_fc_counts *c, int64_t slot, rota_error *err)
{
	char a[32], b[32];
	if (!c->aggregated || c->step <= 0)
		return 0;
	dur_text(a, sizeof a, c->step);
	dur_text(b, sizeof b, slot);
	if (c->step > slot) {
		rota_error_set(err, ROTA_EXIT_USAGE, NULL, 0, 0, "the input counts arrivals per "
		               "%s, more than an interval of %s can split", a, b);
		return c->step <= 3600 && 3600 % c->step == 0
		       ? rota_error_fix(err, ": choose an {interval} of %s or longer", a) : -1;
	}
	if (slot % c->step != 0)
		return rota_error_set(err, ROTA_EXIT_USAGE, NULL, 0, 0, "the input's interval "
		                      "starts lie %s apart, which does not divide an interval of %s: "
		                      "expected counts per 5m, 15m, 30m, 1h or another divisor of it",
		                      a, b);
	return 0;
}

/* Flags of one local slot: a holiday day, a gap (no instants: missing in history,
 * closed in the future), closed hours. */
static unsigned char
slot_flags(const rota_tz *tz, struct day *dy, int64_t d, int k, int64_t slot,
           rota_calendar *hours, int holiday, int future)
{
	struct piece p[4];
	int np = slot_pieces(tz, dy, d, k, slot, p);
	unsigned char f = holiday ? ROTA_FC_HOLIDAY : 0;
	if (np == 0)
		return f | (future ? ROTA_FC_CLOSED : ROTA_FC_MISSING);
	if (hours) {
		int64_t open = 0;
		for (int i = 0; i < np; i++)
			open += rota_calendar_between(hours, p[i].a, p[i].b);
		if (open == 0)
			f |= ROTA_FC_CLOSED;
	}
	return f;
}

static int
lay_series(struct build *b, rota_fc_grid_series *gs, rota_calendar *hours, rota_error *err)
{
	const rota_fc_grid_opts *o = b->o;
	rota_fc_grid *g = b->g;
	struct zone z;
	zone_init(&z, gs->tz, o->slot);
	z.start_day = floor_div(zone_local(&z, g->first), 86400);
	int64_t f = zone_index(&z, g->start);
	int64_t last = zone_index(&z, g->start + (rota_time)g->nplan * o->slot - 1);
	if (f <= 0 || last < f)
		return rota_error_set(err, ROTA_EXIT_USAGE, NULL, 0, 0, "no history before the "
		                      "forecast start");
	size_t n = (size_t)f, h = (size_t)(last - f + 1);
	gs->values = rota_xcalloc(n, sizeof *gs->values);
	gs->flags = rota_xcalloc(n, 1);
	gs->future = rota_xcalloc(h, 1);
	gs->horizon = h;
	gs->s.start_day = z.start_day;
	gs->s.slots_per_day = z.spd;
	gs->s.n = n;
	gs->s.values = gs->values;
	gs->s.flags = gs->flags;
	gs->s.future_flags = gs->future;
	/* Before the first count and after the last, nothing was observed. */
	int64_t i0 = zone_index(&z, g->first);
	int64_t i1 = g->end < g->start ? zone_index(&z, g->end - 1) + 1 : f;
	struct day dy = { 0, ROTA_TIME_NONE, 0 };
	int spd = z.spd;
	for (int64_t i = 0; i < f + (int64_t)h; i += spd) {
		int64_t d = z.start_day + i / spd;
		int hol = 0;
		if (o->holidays) {
			rota_calendar_day info;
			rota_calendar_day_info(o->holidays, d, &info);
			hol = info.holiday != NULL;
		}
		for (int k = 0; k < spd; k++) {
			int64_t j = i + k;
			int fut = j >= f;
			unsigned char fl = slot_flags(gs->tz, &dy, d, k, o->slot, hours, hol, fut);
			if (fut) {
				if (j - f < (int64_t)h)
					gs->future[j - f] = fl;
			} else {
				if (j < i0 || j >= i1)
					fl |= ROTA_FC_MISSING;
				gs->flags[j] = fl;
			}
		}
	}
	return 0;
}

static void
count_into(struct build *b, const uint32_t *sid)
{
	rota_fc_grid *g = b->g;
	struct zone *z = rota_xcalloc(g->n, sizeof *z);
	for (size_t s = 0; s < g->n; s++) {
		zone_init(&z[s], g->v[s].tz, g->slot);
		z[s].start_day = g->v[s].s.start_day;
	}
	for (size_t i = 0; i < b->c->n; i++) {
		if (sid[i] == UINT32_MAX)
			continue;
		rota_fc_grid_series *gs = &g->v[sid[i]];
		int64_t j = zone_index(&z[sid[i]], b->c->v[i].t);
		if (j < 0 || j >= (int64_t)gs->s.n)
			continue;   /* the part of a slot that straddles the forecast start */
		gs->values[j] += b->c->v[i].count;
	}
	for (size_t s = 0; s < g->n; s++) {
		rota_fc_grid_series *gs = &g->v[s];
		for (size_t j = 0; j < gs->s.n; j++)
			if (gs->flags[j] & ROTA_FC_CLOSED)
				gs->closed += gs->values[j];
	}
	free(z);
}

int
rota_fc_grid_build(const rota_fc_counts *c, const rota_fc_grid_opts *o, rota_fc_grid *g,
                   rota_error *err)
{
	memset(g, 0, sizeof *g);
	if (check_opts(c, o, err) < 0)
		return -1;
	rota_time lo = c->v[0].t, hi = c->v[0].t;
	for (size_t i = 1; i < c->n; i++) {
		if (c->v[i].t < lo)
			lo = c->v[i].t;
		if (c->v[i].t > hi)
			hi = c->v[i].t;
	}
	g->slot = o->slot;
	g->tz = o->tz;
	g->first = plan_floor(o->tz, lo, o->slot);
	g->end = plan_floor(o->tz, hi, o->slot) + o->slot;
	g->start = o->start == ROTA_TIME_NONE ? g->end : plan_floor(o->tz, o->start, o->slot);
	g->nplan = (size_t)((o->horizon + o->slot - 1) / o->slot);
	char a[ROTA_TIME_BUFSZ], bb[ROTA_TIME_BUFSZ];
	if (g->start <= g->first) {
		rota_time_format(a, sizeof a, g->start, o->tz);
		rota_time_format(bb, sizeof bb, g->first, o->tz);
		rota_error_set(err, ROTA_EXIT_USAGE, NULL, 0, 0, "the forecast would start at %s, "
		               "but the history starts at %s", a, bb);
		return rota_error_fix(err, ": give a {start} after the first arrival");
	}
	int max_days = o->max_days > 0 ? o->max_days : 3700;
	if ((g->start - g->first) / 86400 > max_days) {
		rota_time_format(a, sizeof a, g->first, o->tz);
		return rota_error_set(err, ROTA_EXIT_USAGE, NULL, 0, 0, "the history spans %lld "
		                      "days from %s, more than %d: expected at most ten years of "
		                      "arrivals (a time far in the past is likely a bad row)",
		                      (long long)((g->start - g->first) / 86400), a, max_days);
	}
	if (check_step(c, o->slot, err) < 0 || rota_time_check(g->first, o->tz, err) < 0 ||
	    rota_time_check(g->start + (rota_time)g->nplan * o->slot, o->tz, err) < 0)
		return -1;
	struct build b = { c, o, g, NULL, NULL, 0, 0, 0 };
	uint32_t *sid = rota_xmalloc((c->n ? c->n : 1) * sizeof *sid);
	for (size_t i = 0; i < c->n; i++) {
		if (c->v[i].t >= g->start) {
			sid[i] = UINT32_MAX;
			continue;
		}
		struct key k = project(&c->v[i], o->by);
		sid[i] = key_id(&b, &k);
	}
	/* Series in the order of their names, so that output is the same on every run. */
	struct key *sorted = rota_xmalloc((b.nkeys ? b.nkeys : 1) * sizeof *sorted);
	memcpy(sorted, b.keys, b.nkeys * sizeof *sorted);
	sort_names = (const char *const *)c->names;
	qsort(sorted, b.nkeys, sizeof *sorted, cmp_keys);
	uint32_t *rank = rota_xmalloc((b.nkeys ? b.nkeys : 1) * sizeof *rank);
	for (size_t r = 0; r < b.nkeys; r++)
		rank[key_id(&b, &sorted[r])] = (uint32_t)r;
	for (size_t i = 0; i < c->n; i++)
		if (sid[i] != UINT32_MAX)
			sid[i] = rank[sid[i]];
	g->n = b.nkeys;
	g->v = rota_xcalloc(g->n ? g->n : 1, sizeof *g->v);
	int rc = 0;
	for (size_t s = 0; s < g->n && rc == 0; s++) {
		rota_fc_grid_series *gs = &g->v[s];
		gs->queue = c->names[sorted[s].k[0]];
		gs->channel = c->names[sorted[s].k[1]];
		gs->customer_tz = c->names[sorted[s].k[2]];
		gs->tz = o->tz;
		if (*gs->customer_tz && (gs->tz = rota_tz_get(gs->customer_tz, err)) == NULL) {
			rc = -1;
			break;
		}
		rota_calendar *hours = o->hours;
		if (hours == NULL && o->queue_hours) {
			rota_error_clear(err);
			hours = o->queue_hours(o->ctx, gs->queue, err);
			if (hours == NULL && err->msg[0]) {
				rc = -1;
				break;
			}
		}
		rc = lay_series(&b, gs, hours, err);
	}
	if (rc == 0)
		count_into(&b, sid);
	free(rank);
	free(sorted);
	free(sid);
	free(b.keys);
	free(b.slot_of);
	if (rc < 0)
		rota_fc_grid_free(g);
	return rc;
}

void
rota_fc_grid_free(rota_fc_grid *g)
{
	for (size_t s = 0; s < g->n; s++) {
		free(g->v[s].values);
		free(g->v[s].flags);
		free(g->v[s].future);
	}
	free(g->v);
	memset(g, 0, sizeof *g);
}

void
rota_fc_grid_place(const rota_fc_grid *g, size_t i, const double *v, size_t from, size_t n,
                   rota_time at, size_t nout, double *out)
{
	const rota_fc_grid_series *gs = &g->v[i];
	int spd = gs->s.slots_per_day;
	int64_t L = g->slot;
	rota_time end = at + (rota_time)nout * L;
	struct day dy = { 0, ROTA_TIME_NONE, 0 };
	for (size_t x = 0; x < n; x++) {
		if (v[x] == 0)
			continue;
		size_t idx = from + x;
		int64_t d = gs->s.start_day + (int64_t)(idx / (size_t)spd);
		struct piece p[4];
		int np = slot_pieces(gs->tz, &dy, d, (int)(idx % (size_t)spd), L, p);
		int64_t total = 0;
		for (int q = 0; q < np; q++)
			total += p[q].b - p[q].a;
		for (int q = 0; q < np; q++) {
			rota_time a = p[q].a > at ? p[q].a : at, b = p[q].b < end ? p[q].b : end;
			while (a < b) {
				int64_t j = (a - at) / L;
				rota_time je = at + (j + 1) * L;
				rota_time e = je < b ? je : b;
				out[j] += v[x] * (double)(e - a) / (double)total;
				a = e;
			}
		}
	}
}

char *
rota_fc_series_label(const rota_fc_grid_series *s)
{
	rota_strbuf b = ROTA_STRBUF_INIT;
	const char *names[3] = { "queue", "channel", "customer_tz" };
	const char *vals[3] = { s->queue, s->channel, s->customer_tz };
	for (int k = 0; k < 3; k++)
		if (vals[k] && *vals[k])
			rota_strbuf_printf(&b, "%s%s=%s", b.len ? " " : "", names[k], vals[k]);
	if (b.len == 0)
		rota_strbuf_puts(&b, "all arrivals");
	return rota_strbuf_detach(&b);
}
