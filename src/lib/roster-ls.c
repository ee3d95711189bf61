/* Local search between the sub-MIPs: simulated annealing over single agent-days, trades
 * of days between two agents or within one, a few days of one agent drawn afresh, and
 * moves of a run's ends.  A GLPK sub-problem costs a model build
 * and a branch-and-bound; a move here costs a few cells, a few counters and the rules
 * around the days it touches, so on the large instances it tries a million rosters while
 * GLPK solves one neighbourhood.  Every roster it keeps holds every hard rule: a move
 * that breaks one is undone at once (penalty mode, letting rules break at a price, was
 * measured no better in an earlier attempt). */
#include <config.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <rota/rota.h>
#include <rota/roster.h>
#include "roster-int.h"

struct ls_pref {
	long shift;               /* -1: any shift */
	double w;                 /* already times weights.preference */
	int avoid;
};

struct ls_chg {
	size_t slot;
	int from, to;
};

#define LS_MAXCHG 64

struct roster_ls {
	const rota_roster_model *m;
	size_t na, days, nweeks, nsh;
	int *pick;                /* [a * days + d] */
	int *wk;                  /* [d]: index of the Monday-Sunday week */
	unsigned char *whole;     /* [w]: the week lies wholly inside the horizon */
	unsigned char *wkend;     /* [d]: a Saturday or Sunday */
	int64_t *total;           /* [a]: worked seconds */
	int64_t *wsum;            /* [a * nweeks + w] */
	unsigned char *wend;      /* [a * nweeks + w]: weekend days worked */
	int *nwe;                 /* [a]: weekends worked */
	int *hist;                /* [n]: agents working n weekends (fairness) */
	int *scnt;                /* [a * nsh + s] */
	double *sch;              /* [q * ncells + c] */
	int *ccnt;                /* per cover line */
	size_t *cfirst, *clist;   /* cover lines of (d, s): clist[cfirst[i] .. cfirst[i + 1]) */
	size_t *pfirst;           /* preferences of slot s: prefs[pfirst[s] .. pfirst[s + 1]) */
	struct ls_pref *prefs;
	double obj;
	unsigned rng;
	struct ls_chg chg[LS_MAXCHG];
	size_t nchg;
};

static unsigned
ls_rand(roster_ls *s)
{
	s->rng ^= s->rng << 13;
	s->rng ^= s->rng >> 17;
	s->rng ^= s->rng << 5;
	return s->rng;
}

static size_t
ls_below(roster_ls *s, size_t n)
{
	return n ? (size_t)(ls_rand(s) % (unsigned)n) : 0;
}

static const rota_roster_cand *
cand(const roster_ls *s, size_t slot, int pick)
{
	return &s->m->cands[s->m->slot[slot] + (size_t)pick];
}

static int
ncand(const roster_ls *s, size_t slot)
{
	return (int)(s->m->slot[slot + 1] - s->m->slot[slot]);
}

static double
cell_pen(const rota_weights *w, double req, double sch)
{
	return sch < req ? w->under * (req - sch) : w->over * (sch - req);
}

static double
cover_pen(const rota_cover_def *c, int cnt)
{
	return cnt < c->need ? c->under * (c->need - cnt) : c->over * (cnt - c->need);
}

static double
pref_cost(const roster_ls *s, size_t slot, int pick)
{
	long sh = pick >= 0 ? (long)cand(s, slot, pick)->a.shift : -2;
	double c = 0;
	for (size_t i = s->pfirst[slot]; i < s->pfirst[slot + 1]; i++) {
		const struct ls_pref *p = &s->prefs[i];
		int hit = pick >= 0 && (p->shift < 0 || p->shift == sh);
		if (hit == p->avoid)
			c += p->w;
	}
	return c;
}

static double
fairness(const roster_ls *s)
{
	if (s->na < 2 || s->m->def->weights.fairness == 0)
		return 0;
	int lo = 0, hi = (int)s->nweeks;
	while (s->hist[lo] == 0)
		lo++;
	while (s->hist[hi] == 0)
		hi--;
	return s->m->def->weights.fairness * (hi - lo);
}

/* Adds (sign 1) or removes (-1) candidate c of agent a on day d; the objective's change. */
static double
apply(roster_ls *s, size_t a, size_t d, const rota_roster_cand *c, int sign)
{
	const rota_roster_model *m = s->m;
	const rota_weights *w = &m->def->weights;
	double delta = 0;
	for (size_t i = 0; i < c->ncells; i++) {
		const rota_roster_cell *r = &m->cells[c->cell_first + i];
		size_t k = (size_t)c->a.queue * m->ncells + r->cell;
		double req = m->required[k], old = s->sch[k];
		s->sch[k] += sign * r->frac;
		if (!isnan(req))
			delta += cell_pen(w, req, s->sch[k]) - cell_pen(w, req, old);
	}
	size_t key = d * s->nsh + c->a.shift;
	for (size_t i = s->cfirst[key]; i < s->cfirst[key + 1]; i++) {
		const rota_cover_def *cv = &m->def->cover[s->clist[i]];
		int *n = &s->ccnt[s->clist[i]];
		double old = cover_pen(cv, *n);
		*n += sign;
		delta += cover_pen(cv, *n) - old;
	}
	s->scnt[a * s->nsh + c->a.shift] += sign;
	s->total[a] += sign * c->worked;
	s->wsum[a * s->nweeks + (size_t)s->wk[d]] += sign * c->worked;
	delta += sign * w->cost * m->def->agents[a].cost * (double)c->worked / 3600;
	return delta;
}

static double
set_slot(roster_ls *s, size_t slot, int to)
{
	size_t a = slot / s->days, d = slot % s->days;
	int from = s->pick[slot];
	if (from == to)
		return 0;
	double delta = pref_cost(s, slot, to) - pref_cost(s, slot, from);
	if (from >= 0)
		delta += apply(s, a, d, cand(s, slot, from), -1);
	s->pick[slot] = to;
	if (to >= 0)
		delta += apply(s, a, d, cand(s, slot, to), 1);
	if (s->wkend[d] && (from >= 0) != (to >= 0)) {
		unsigned char *we = &s->wend[a * s->nweeks + (size_t)s->wk[d]];
		int before = *we > 0;
		*we = (unsigned char)(*we + (to >= 0 ? 1 : -1));
		if ((*we > 0) != before) {
			double f = fairness(s);
			s->hist[s->nwe[a]]--;
			s->nwe[a] += *we > 0 ? 1 : -1;
			s->hist[s->nwe[a]]++;
			delta += fairness(s) - f;
		}
	}
	return delta;
}

/* Do agent a's rules hold, given that only days lo..hi changed since they last held? */
static int
agent_ok(const roster_ls *s, size_t a, int lo, int hi)
{
	const rota_roster_model *m = s->m;
	const rota_rules *ru = &m->def->agents[a].rules;
	const int *pk = s->pick + a * s->days;
	int days = (int)s->days;
	if (ru->horizon_max >= 0 && s->total[a] > ru->horizon_max * 60)
		return 0;
	if (ru->horizon_min >= 0 && s->total[a] < ru->horizon_min * 60)
		return 0;
	if (ru->max_weekends >= 0 && s->nwe[a] > ru->max_weekends)
		return 0;
	if (ru->max_shifts)
		for (size_t k = 0; k < s->nsh; k++)
			if (ru->max_shifts[k] >= 0 && s->scnt[a * s->nsh + k] > ru->max_shifts[k])
				return 0;
	if (ru->week_min >= 0 || ru->week_max >= 0)
		for (int w = s->wk[lo]; w <= s->wk[hi]; w++) {
			int64_t sum = s->wsum[a * s->nweeks + (size_t)w];
			if (ru->week_max >= 0 && sum > ru->week_max * 60)
				return 0;
			if (s->whole[w] && ru->week_min >= 0 && sum < ru->week_min * 60)
				return 0;
		}
	/* Runs of equal days around the change, each taken whole. */
	if (ru->max_consecutive_days > 0 || ru->min_consecutive_days > 0 ||
	    ru->min_consecutive_days_off > 0) {
		int b = lo > 0 ? lo - 1 : 0, e = hi + 1 < days ? hi + 1 : days - 1;
		while (b > 0 && (pk[b - 1] >= 0) == (pk[b] >= 0))
			b--;
		while (e + 1 < days && (pk[e + 1] >= 0) == (pk[e] >= 0))
			e++;
		for (int d = b, f; d <= e; d = f) {
			int wd = pk[d] >= 0;
			for (f = d + 1; f < days && (pk[f] >= 0) == wd; f++)
				;
			int len = f - d, edge = d == 0 || f == days;
			if (wd && ru->max_consecutive_days > 0 && len > ru->max_consecutive_days)
				return 0;
			if (wd && !edge && ru->min_consecutive_days > 0 && len < ru->min_consecutive_days)
				return 0;
			if (!wd && !edge && ru->min_consecutive_days_off > 0 &&
			    len < ru->min_consecutive_days_off)
				return 0;
		}
	}
	/* Rest, overlap and cannot-follow between each worked day and the next. */
	int b = lo - 1, e = hi + 1, prev = -1;
	while (b >= 0 && pk[b] < 0)
		b--;
	while (e < days && pk[e] < 0)
		e++;
	if (e >= days)
		e = days - 1;
	for (int d = b >= 0 ? b : lo; d <= e; d++) {
		if (pk[d] < 0)
			continue;
		if (prev >= 0) {
			const rota_roster_asg *x = &cand(s, a * s->days + (size_t)prev, pk[prev])->a;
			const rota_roster_asg *y = &cand(s, a * s->days + (size_t)d, pk[d])->a;
			if (y->start < x->end || (ru->min_rest > 0 && y->start - x->end < ru->min_rest))
				return 0;
			if (d == prev + 1) {
				const rota_shift_def *sd = &m->def->shifts[x->shift];
				for (size_t k = 0; k < sd->ncannot_follow; k++)
					if (sd->cannot_follow[k] == y->shift)
						return 0;
			}
		}
		prev = d;
	}
	return 1;
}

roster_ls *
roster_ls_new(const rota_roster_model *m, const int *pick, unsigned seed)
{
	roster_ls *s = rota_xcalloc(1, sizeof *s);
	size_t days = (size_t)m->days, na = m->nagents, ns = na * days, nsh = m->nshifts;
	s->m = m;
	s->na = na;
	s->days = days;
	s->nsh = nsh;
	s->rng = seed * 2654435761u + 0x9e3779b9u;
	if (s->rng == 0)
		s->rng = 1;
	int64_t mon0 = m->start - rota_weekday(m->start);
	s->wk = rota_xcalloc(days + 1, sizeof *s->wk);
	s->wkend = rota_xcalloc(days + 1, 1);
	for (size_t d = 0; d < days; d++) {
		int64_t day = m->start + (int64_t)d;
		s->wk[d] = (int)((day - mon0) / 7);
		s->wkend[d] = rota_weekday(day) >= 5;
	}
	s->nweeks = days ? (size_t)s->wk[days - 1] + 1 : 1;
	s->whole = rota_xcalloc(s->nweeks + 1, 1);
	for (size_t w = 0; w < s->nweeks; w++) {
		int64_t mon = mon0 + 7 * (int64_t)w;
		s->whole[w] = mon >= m->start && mon + 7 <= m->start + m->days;
	}
	s->pick = rota_xmalloc((ns + 1) * sizeof *s->pick);
	s->total = rota_xcalloc(na + 1, sizeof *s->total);
	s->wsum = rota_xcalloc(na * s->nweeks + 1, sizeof *s->wsum);
	s->wend = rota_xcalloc(na * s->nweeks + 1, 1);
	s->nwe = rota_xcalloc(na + 1, sizeof *s->nwe);
	s->hist = rota_xcalloc(s->nweeks + 2, sizeof *s->hist);
	s->hist[0] = (int)na;
	s->scnt = rota_xcalloc(na * nsh + 1, sizeof *s->scnt);
	s->sch = rota_xcalloc(m->nqueues * m->ncells + 1, sizeof *s->sch);
	s->ccnt = rota_xcalloc(m->def->ncover + 1, sizeof *s->ccnt);
	/* Cover lines by day and shift, counted then placed. */
	s->cfirst = rota_xcalloc(days * nsh + 2, sizeof *s->cfirst);
	s->clist = rota_xcalloc(m->def->ncover + 1, sizeof *s->clist);
	for (size_t k = 0; k < m->def->ncover; k++) {
		const rota_cover_def *c = &m->def->cover[k];
		if (c->day >= m->start && c->day < m->start + m->days)
			s->cfirst[(size_t)(c->day - m->start) * nsh + c->shift + 1]++;
	}
	for (size_t i = 0; i < days * nsh; i++)
		s->cfirst[i + 1] += s->cfirst[i];
	size_t *fill = rota_xcalloc(days * nsh + 1, sizeof *fill);
	for (size_t k = 0; k < m->def->ncover; k++) {
		const rota_cover_def *c = &m->def->cover[k];
		if (c->day >= m->start && c->day < m->start + m->days) {
			size_t key = (size_t)(c->day - m->start) * nsh + c->shift;
			s->clist[s->cfirst[key] + fill[key]++] = k;
		}
	}
	free(fill);
	/* Preferences by slot; a wish for a day outside the horizon costs nothing here (an
	 * avoided one cannot be worked, a preferred one is not counted by the checker). */
	s->pfirst = rota_xcalloc(ns + 2, sizeof *s->pfirst);
	size_t np = 0;
	for (size_t a = 0; a < na; a++) {
		const rota_agent_def *ag = &m->def->agents[a];
		for (size_t k = 0; k < ag->nprefer + ag->navoid; k++) {
			const rota_pref_def *p = k < ag->nprefer ? &ag->prefer[k] : &ag->avoid[k - ag->nprefer];
			if (p->day >= m->start && p->day < m->start + m->days) {
				s->pfirst[a * days + (size_t)(p->day - m->start) + 1]++;
				np++;
			}
		}
	}
	for (size_t i = 0; i < ns; i++)
		s->pfirst[i + 1] += s->pfirst[i];
	s->prefs = rota_xcalloc(np + 1, sizeof *s->prefs);
	fill = rota_xcalloc(ns + 1, sizeof *fill);
	for (size_t a = 0; a < na; a++) {
		const rota_agent_def *ag = &m->def->agents[a];
		for (size_t k = 0; k < ag->nprefer + ag->navoid; k++) {
			int avoid = k >= ag->nprefer;
			const rota_pref_def *p = avoid ? &ag->avoid[k - ag->nprefer] : &ag->prefer[k];
			if (p->day < m->start || p->day >= m->start + m->days)
				continue;
			size_t sl = a * days + (size_t)(p->day - m->start);
			s->prefs[s->pfirst[sl] + fill[sl]++] =
				(struct ls_pref){ p->shift, p->weight * m->def->weights.preference, avoid };
		}
	}
	free(fill);
	/* The objective of the empty roster, then every pick added to it: the same code
	 * that prices a move prices the start. */
	double obj = 0;
	for (size_t i = 0; i < m->nqueues * m->ncells; i++)
		if (!isnan(m->required[i]))
			obj += cell_pen(&m->def->weights, m->required[i], 0);
	for (size_t k = 0; k < m->def->ncover; k++)
		if (m->def->cover[k].day >= m->start && m->def->cover[k].day < m->start + m->days)
			obj += cover_pen(&m->def->cover[k], 0);
	for (size_t i = 0; i < ns; i++) {
		s->pick[i] = -1;
		obj += pref_cost(s, i, -1);
	}
	for (size_t i = 0; i < ns; i++)
		obj += set_slot(s, i, pick[i]);
	s->obj = obj;
	return s;
}

void
roster_ls_free(roster_ls *s)
{
	if (!s)
		return;
	free(s->pick);
	free(s->wk);
	free(s->whole);
	free(s->wkend);
	free(s->total);
	free(s->wsum);
	free(s->wend);
	free(s->nwe);
	free(s->hist);
	free(s->scnt);
	free(s->sch);
	free(s->ccnt);
	free(s->cfirst);
	free(s->clist);
	free(s->pfirst);
	free(s->prefs);
	free(s);
}

int
roster_ls_feasible(const roster_ls *s)
{
	for (size_t a = 0; a < s->na; a++)
		if (s->days && !agent_ok(s, a, 0, (int)s->days - 1))
			return 0;
	return 1;
}

double
roster_ls_objective(const roster_ls *s)
{
	return s->obj;
}

const int *
roster_ls_pick(const roster_ls *s)
{
	return s->pick;
}

size_t
roster_ls_last(const roster_ls *s, size_t *slots, int *picks, size_t cap)
{
	for (size_t i = 0; i < s->nchg && i < cap; i++) {
		slots[i] = s->chg[i].slot;
		picks[i] = s->chg[i].to;
	}
	return s->nchg;
}

static void
want(roster_ls *s, size_t slot, int to)
{
	if (to == -2 || s->nchg == LS_MAXCHG || s->pick[slot] == to)
		return;
	s->chg[s->nchg++] = (struct ls_chg){ slot, s->pick[slot], to };
}

/* The candidate of slot dst most like candidate pick of slot src: the same shift, the
 * same place among that shift's starts and break placements when the queue agrees, else
 * the same shift on the same queue, else the same shift.  -1 for off, -2 for none. */
static int
like(const roster_ls *s, size_t src, int pick, size_t dst)
{
	if (pick < 0)
		return -1;
	const rota_roster_model *m = s->m;
	const rota_roster_cand *c = cand(s, src, pick);
	size_t sb = m->slot[src], f = sb + (size_t)pick;
	while (f > sb && m->cands[f - 1].a.shift == c->a.shift)
		f--;
	size_t rank = sb + (size_t)pick - f, db = m->slot[dst], de = m->slot[dst + 1], first = de;
	for (size_t i = db; i < de; i++)
		if (m->cands[i].a.shift == c->a.shift) {
			first = i;
			break;
		}
	if (first == de)
		return -2;
	if (first + rank < de && m->cands[first + rank].a.shift == c->a.shift &&
	    m->cands[first + rank].a.queue == c->a.queue)
		return (int)(first + rank - db);
	for (size_t i = first; i < de && m->cands[i].a.shift == c->a.shift; i++)
		if (m->cands[i].a.queue == c->a.queue)
			return (int)(i - db);
	return (int)(first - db);
}

/* A working choice for slot: mostly one like the neighbour's, else any candidate. */
static int
working(roster_ls *s, size_t slot, size_t near)
{
	int n = ncand(s, slot);
	if (n == 0)
		return -2;
	if (s->pick[near] >= 0 && ls_rand(s) % 2) {
		int l = like(s, near, s->pick[near], slot);
		if (l >= 0)
			return l;
	}
	return (int)ls_below(s, (size_t)n);
}

/* Draws a move into s->chg; 0 when the draw came to nothing. */
static int
draw(roster_ls *s)
{
	size_t days = s->days, na = s->na;
	s->nchg = 0;
	if (na == 0 || days == 0)
		return 0;
	unsigned kind = ls_rand(s) % 100;
	size_t a = ls_below(s, na), d = ls_below(s, days), sa = a * days + d;
	/* A second day near the first, for the moves that keep an agent's totals. */
	size_t d2 = (d + 1 + ls_below(s, days < 14 ? days : 14)) % days;
	if (kind < 25) {               /* one agent-day: another shift, or off */
		int n = ncand(s, sa);
		want(s, sa, (int)ls_below(s, (size_t)n + 1) - 1);
	} else if (kind < 35) {        /* one agent's days (one or a block) trade places */
		size_t len = kind < 30 ? 1 : 2 + ls_below(s, 3);
		if (d2 < d) {
			size_t t = d;
			d = d2;
			d2 = t;
		}
		if (d + len > d2 || d2 + len > days)
			return 0;
		for (size_t k = 0; k < len; k++) {
			size_t x = a * days + d + k, y = a * days + d2 + k;
			int tx = like(s, y, s->pick[y], x), ty = like(s, x, s->pick[x], y);
			if (tx == -2 || ty == -2)
				return s->nchg = 0;
			want(s, x, tx);
			want(s, y, ty);
		}
	} else if (kind < 80 && na > 1) { /* two agents trade days: one, a block, or two apart */
		size_t b = ls_below(s, na - 1);
		b += b >= a;
		size_t len = kind < 55 ? 1 : 2 + ls_below(s, 6), step = 1;
		if (kind >= 70) {
			len = 2;
			if (d2 == d)
				return 0;
			if (d2 < d) {
				size_t t = d;
				d = d2;
				d2 = t;
			}
			step = d2 - d;
		}
		if (len > days)
			len = days;
		if (step == 1 && d + len > days)
			d = days - len;
		for (size_t i = 0, k = d; i < len && k < days; i++, k += step) {
			size_t x = a * days + k, y = b * days + k;
			int tx = like(s, y, s->pick[y], x), ty = like(s, x, s->pick[x], y);
			if (tx == -2 || ty == -2)
				return s->nchg = 0;
			want(s, x, tx);
			want(s, y, ty);
		}
	} else if (kind >= 90) {       /* a few days of one agent drawn afresh */
		size_t len = 2 + ls_below(s, 3);
		if (len > days)
			len = days;
		if (d + len > days)
			d = days - len;
		for (size_t k = d; k < d + len; k++) {
			size_t x = a * days + k;
			want(s, x, ls_rand(s) % 3 ? working(s, x, k > d ? x - 1 : x) : -1);
		}
	} else {                       /* a run of equal days grows, or moves by a day */
		const int *pk = s->pick + a * days;
		int w = pk[d] >= 0;
		size_t b = d, e = d + 1;
		while (b > 0 && (pk[b - 1] >= 0) == w)
			b--;
		while (e < days && (pk[e] >= 0) == w)
			e++;
		int left = ls_rand(s) % 2, slide = ls_rand(s) % 2;
		size_t grow, shrink;
		if (left) {
			if (b == 0)
				return 0;
			grow = b - 1;
			shrink = e - 1;
		} else {
			if (e == days)
				return 0;
			grow = e;
			shrink = b;
		}
		size_t base = a * days;
		want(s, base + grow, w ? working(s, base + grow, base + (left ? b : e - 1)) : -1);
		if (slide && shrink != grow)
			want(s, base + shrink,
			     w ? -1 : working(s, base + shrink, base + (left ? (e < days ? e : shrink)
			                                                         : (b > 0 ? b - 1 : shrink))));
	}
	return s->nchg > 0;
}

static void
undo(roster_ls *s)
{
	for (size_t i = s->nchg; i-- > 0;)
		set_slot(s, s->chg[i].slot, s->chg[i].from);
}

int
roster_ls_step(roster_ls *s, double temp, double *delta)
{
	if (!draw(s))
		return -1;
	double dl = 0;
	for (size_t i = 0; i < s->nchg; i++)
		dl += set_slot(s, s->chg[i].slot, s->chg[i].to);
	/* At most two agents move; each is checked over the days it changed. */
	for (size_t i = 0; i < s->nchg; i++) {
		size_t a = s->chg[i].slot / s->days;
		int lo = (int)(s->chg[i].slot % s->days), hi = lo, seen = 0;
		for (size_t j = 0; j < s->nchg; j++) {
			if (s->chg[j].slot / s->days != a)
				continue;
			if (j < i) {
				seen = 1;
				break;
			}
			int d = (int)(s->chg[j].slot % s->days);
			lo = d < lo ? d : lo;
			hi = d > hi ? d : hi;
		}
		if (!seen && !agent_ok(s, a, lo, hi)) {
			undo(s);
			return 2;
		}
	}
	*delta = dl;
	if (dl <= 1e-9 || (temp > 0 && (double)(ls_rand(s) >> 8) / 16777216.0 < exp(-dl / temp))) {
		s->obj += dl;
		return 1;
	}
	undo(s);
	return 0;
}

int
roster_ls_run(const rota_roster_model *m, unsigned seed, unsigned long moves, double heat,
              double t0, double deadline, double target, rota_roster_plan *p)
{
	size_t ns = m->nagents * (size_t)m->days;
	roster_ls *s = roster_ls_new(m, p->pick, seed);
	if (!roster_ls_feasible(s)) {
		roster_ls_free(s);
		return -1;
	}
	int *best = rota_xmalloc((ns + 1) * sizeof *best);
	memcpy(best, s->pick, ns * sizeof *best);
	double best_obj = s->obj, delta;
	/* The starting temperature: heat times the mean worsening among moves that keep
	 * the rules, so that it follows the weights' scale; it falls a thousandfold over the
	 * round. */
	double sum = 0;
	unsigned long nsum = 0;
	for (int i = 0; i < 2000; i++) {
		int rc = roster_ls_step(s, 0, &delta);
		if (rc == 0) {
			sum += delta;
			nsum++;
		}
	}
	double temp0 = nsum ? heat * sum / (double)nsum : 1, temp1 = temp0 / 1000;
	int at_best = s->obj <= best_obj + 1e-9;
	if (at_best) {
		memcpy(best, s->pick, ns * sizeof *best);
		best_obj = s->obj;
	}
	double ratio = log(temp1 / temp0);
	for (unsigned long i = 0; i < moves; i++) {
		if ((i & 1023) == 0) {
			if (rota_roster_now() - t0 > deadline || best_obj <= target + 1e-9)
				break;
		}
		double temp = temp0 * exp(ratio * (double)i / (double)moves);
		int rc = roster_ls_step(s, temp, &delta);
		if (rc != 1)
			continue;
		if (s->obj < best_obj - 1e-9) {
			best_obj = s->obj;
			at_best = 1;
		} else if (at_best && delta > 1e-9) {
			/* Leaving the best roster: keep it (the move's own changes reversed). */
			memcpy(best, s->pick, ns * sizeof *best);
			for (size_t k = 0; k < s->nchg; k++)
				best[s->chg[k].slot] = s->chg[k].from;
			at_best = 0;
		}
	}
	if (at_best)
		memcpy(best, s->pick, ns * sizeof *best);
	roster_ls_free(s);
	int improved = 0;
	if (best_obj < p->objective - 1e-7) {
		/* The running sum drifts by rounding: the roster's own objective decides. */
		rota_roster_plan trial = { best, HUGE_VAL };
		rota_roster_asg *a;
		size_t n = rota_roster_plan_asg(m, &trial, &a);
		rota_roster_objective ob;
		rota_roster_objective_of(m, a, n, &ob);
		free(a);
		if (ob.total < p->objective - 1e-7) {
			memcpy(p->pick, best, ns * sizeof *best);
			p->objective = ob.total;
			improved = 1;
		}
	}
	free(best);
	return improved;
}
