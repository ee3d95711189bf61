/* The roster as an integer program for GLPK: x[agent, day, candidate] binary, coverage
 * shortfall and surplus, every hard rule a linear constraint.  Agent-days not set free
 * keep the current plan's choice: their terms become constants, so one builder serves
 * the whole model, the construction's one-agent problems and the search's
 * neighbourhoods. */
#include <config.h>
#include <glpk.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <rota/rota.h>
#include <rota/roster.h>
#include "roster-int.h"

double
rota_roster_now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

struct lin {
	int *ind;
	double *val;
	int n, cap;
	double cst;
};

/* An arc of an agent's runs flow: it covers days [lo, hi), worked or off. */
struct arc {
	int from, to, lo, hi, work, col;
};

struct mip {
	const rota_roster_model *m;
	const unsigned char *free;
	const rota_roster_plan *cur;
	unsigned families;
	glp_prob *P;
	int *col;              /* [slot]: first column of the slot's candidates, 0 when fixed */
	size_t ncandcols;      /* how many candidates are free */
	struct lin l;
	/* For the incumbent offered to GLPK: which column is what. */
	int *cov_row, *cov_u;  /* coverage rows and their shortfall columns (surplus = u + 1) */
	int ncov, covcap;
	int *wk_col;           /* weekend columns: agent, first day index, 2 days */
	int (*wk)[3];
	int nwk, wkcap;
	int wmax, wmin;
	/* The runs flows (runs_flow): every agent's arcs, sorted by tail within the agent. */
	struct arc *arcs;
	int narcs, arccap;
	struct flow { size_t agent; int first, n; } *flows;
	int nflows, flowcap;
	const rota_roster_opts *o;
	double t0, last_report, bound, best;
	double deadline;       /* rota_roster_now() past which GLPK is stopped */
	int injected;
	int infeasible;
};

static void
lin_add(struct lin *l, int col, double v)
{
	if (l->n + 2 > l->cap) {
		l->cap = l->cap ? 2 * l->cap : 256;
		l->ind = rota_xreallocarray(l->ind, (size_t)l->cap + 1, sizeof *l->ind);
		l->val = rota_xreallocarray(l->val, (size_t)l->cap + 1, sizeof *l->val);
	}
	l->n++;
	l->ind[l->n] = col;
	l->val[l->n] = v;
}

static size_t
slotno(const struct mip *p, size_t a, int d)
{
	return a * (size_t)p->m->days + (size_t)d;
}

/* Candidate k (local to the slot) of agent a on day d, times v. */
static void
term(struct mip *p, size_t a, int d, size_t k, double v)
{
	size_t s = slotno(p, a, d);
	if (p->col[s])
		lin_add(&p->l, p->col[s] + (int)k, v);
	else if (p->cur && p->cur->pick[s] == (int)k)
		p->l.cst += v;
}

/* "Works that day", times v; a day before the horizon is the history's constant. */
static void
work_term(struct mip *p, size_t a, int d, double v)
{
	if (d < 0) {
		p->l.cst += v * rota_roster_worked_before(p->m, a, d);
		return;
	}
	size_t n = rota_roster_ncand(p->m, a, d);
	for (size_t k = 0; k < n; k++)
		term(p, a, d, k, v);
}

/* The row sum(l) in [lo, hi] (NAN: unbounded); dropped when nothing in it is free. */
static int
row(struct mip *p, double lo, double hi)
{
	struct lin *l = &p->l;
	if (l->n == 0) {
		/* Nothing free: what is fixed either keeps the row or makes the problem
		 * infeasible (a minimum that no shift left can reach). */
		if ((!isnan(lo) && l->cst < lo - 1e-9) || (!isnan(hi) && l->cst > hi + 1e-9))
			p->infeasible = 1;
		l->cst = 0;
		return 0;
	}
	int r = glp_add_rows(p->P, 1);
	lo -= l->cst;
	hi -= l->cst;
	if (isnan(lo) && isnan(hi))
		glp_set_row_bnds(p->P, r, GLP_FR, 0, 0);
	else if (isnan(lo))
		glp_set_row_bnds(p->P, r, GLP_UP, 0, hi);
	else if (isnan(hi))
		glp_set_row_bnds(p->P, r, GLP_LO, lo, 0);
	else if (lo == hi)
		glp_set_row_bnds(p->P, r, GLP_FX, lo, lo);
	else
		glp_set_row_bnds(p->P, r, GLP_DB, lo, hi);
	glp_set_mat_row(p->P, r, l->n, l->ind, l->val);
	l->n = 0;
	l->cst = 0;
	return r;
}

static int
add_col(struct mip *p, int kind, double lo, double hi, double obj)
{
	int c = glp_add_cols(p->P, 1);
	glp_set_col_kind(p->P, c, kind);
	if (kind == GLP_BV)
		glp_set_col_bnds(p->P, c, GLP_DB, 0, 1);
	else if (isnan(hi))
		glp_set_col_bnds(p->P, c, GLP_LO, lo, 0);
	else
		glp_set_col_bnds(p->P, c, GLP_DB, lo, hi);
	glp_set_obj_coef(p->P, c, obj);
	return c;
}

static int
conflict(const rota_roster_model *m, const rota_roster_cand *c, const rota_roster_cand *n,
         int next_day, int64_t rest)
{
	if (n->a.start < c->a.end + (rest > 0 ? rest : 0))
		return 1;
	if (next_day) {
		const rota_shift_def *s = &m->def->shifts[c->a.shift];
		for (size_t k = 0; k < s->ncannot_follow; k++)
			if (s->cannot_follow[k] == n->a.shift)
				return 1;
	}
	return 0;
}

static int
agent_has_free(const struct mip *p, size_t a)
{
	for (int d = 0; d < p->m->days; d++)
		if (p->free[slotno(p, a, d)])
			return 1;
	return 0;
}

/* ---- the runs rules as a flow ----
 * An agent's days are a path through a graph of day boundaries: an arc is a whole block
 * of work or of days off (or, past a minimum, one more day of a long block), so the
 * minimum and maximum in a row hold by which arcs exist, and a path is exactly a
 * sequence of work and rest that keeps them.  The flow polytope is integral: the
 * relaxation of these three rules is their convex hull, where rows of the form
 * w[d] - w[d-1] <= w[d+i] leave fractional patterns far below it (Instance4's root bound
 * rose from 1275 to 1488).  Nodes by day d, in an order every arc climbs:
 * 4d + FL_C (in a long off block), FL_D (in a long work block), FL_A (work starts on
 * d), FL_B (rest starts on d); 4 * days is the end, and the source comes before all. */
enum { FL_C, FL_D, FL_A, FL_B };

static int
fl_node(int days, int type, int d)
{
	return d >= days ? 4 * days : 4 * d + type;
}

/* 1 worked, 0 off, 2 free to choose: what the plan fixes on agent a's day d. */
static int
day_state(const struct mip *p, size_t a, int d)
{
	size_t s = slotno(p, a, d);
	if (rota_roster_ncand(p->m, a, d) == 0)
		return 0;
	if (p->col[s])
		return 2;
	return p->cur && p->cur->pick[s] >= 0;
}

static void
fl_arc(struct mip *p, size_t a, int from, int to, int lo, int hi, int work)
{
	for (int d = lo; d < hi; d++) {
		int st = day_state(p, a, d);
		if (st != 2 && st != work)
			return;   /* against what the plan keeps fixed */
	}
	if (p->narcs == p->arccap) {
		p->arccap = p->arccap ? 2 * p->arccap : 256;
		p->arcs = rota_xreallocarray(p->arcs, (size_t)p->arccap, sizeof *p->arcs);
	}
	p->arcs[p->narcs++] = (struct arc){ from, to, lo, hi, work, 0 };
}

static int
arc_cmp(const void *x, const void *y)
{
	const struct arc *a = x, *b = y;
	return (a->from > b->from) - (a->from < b->from);
}

/* Blocks of kind work (node type first) from each day: lengths below the minimum m only
 * where they touch an edge, then either every length up to max (explicit arcs) or the
 * minimum and a chain of single days (through node type chain, -1: none) when there is
 * no useful maximum. */
static void
fl_blocks(struct mip *p, size_t a, int work, int m, int max, int chain)
{
	int days = p->m->days;
	int first = work ? FL_A : FL_B, next = work ? FL_B : FL_A;
	for (int d = 0; d < days; d++) {
		int top = chain >= 0 ? m - 1 : max;
		for (int l = 1; l <= top && d + l <= days; l++)
			if (l >= m || d == 0 || d + l == days)
				fl_arc(p, a, fl_node(days, first, d), fl_node(days, next, d + l), d, d + l, work);
		if (chain >= 0 && d + m <= days)
			fl_arc(p, a, fl_node(days, first, d), fl_node(days, chain, d + m), d, d + m, work);
		if (chain >= 0) {
			fl_arc(p, a, fl_node(days, chain, d), fl_node(days, chain, d + 1), d, d + 1, work);
			fl_arc(p, a, fl_node(days, chain, d), fl_node(days, next, d), d, d, work);
		}
	}
}

static void
runs_flow(struct mip *p, size_t a, int K, int k1, int k2)
{
	const rota_roster_model *m = p->m;
	int days = m->days, first = p->narcs, S = 4 * days + 1, T = 4 * days;
	int m1 = k1 > 1 ? k1 : 1, m2 = k2 > 1 ? k2 : 1;
	/* Explicit work blocks cost days * (K - k1) arcs: past a spread of 20 the chain and
	 * window rows for the maximum are smaller. */
	int explicit_work = K > 0 && K - m1 <= 20;
	fl_arc(p, a, S, fl_node(days, FL_A, 0), 0, 0, 1);
	fl_arc(p, a, S, fl_node(days, FL_B, 0), 0, 0, 0);
	fl_blocks(p, a, 1, m1, K, explicit_work ? -1 : FL_D);
	fl_blocks(p, a, 0, m2, 0, FL_C);
	int n = p->narcs - first;
	struct arc *arc = p->arcs + first;
	/* Arcs off every path from the source to the end (most, where the plan fixes
	 * days) are dropped: the source first, then tails in climbing order. */
	for (int i = 0; i < n; i++)
		if (arc[i].from == S)
			arc[i].from = -1;
	qsort(arc, (size_t)n, sizeof *arc, arc_cmp);
	unsigned char *reach = rota_xcalloc((size_t)S + 2, 1), *alive = rota_xcalloc((size_t)S + 2, 1);
	for (int i = 0; i < n; i++)
		if (arc[i].from < 0 || reach[arc[i].from])
			reach[arc[i].to] = 1;
	alive[T] = 1;
	for (int i = n - 1; i >= 0; i--)
		if (alive[arc[i].to] && arc[i].from >= 0)
			alive[arc[i].from] = 1;
	int k = 0;
	for (int i = 0; i < n; i++)
		if ((arc[i].from < 0 || reach[arc[i].from]) && alive[arc[i].to])
			arc[k++] = arc[i];
	p->narcs = first + k;
	n = k;
	/* Conservation at every node, one unit out of the source; the worked days of the
	 * path are the agent's. */
	struct lin *at = rota_xcalloc((size_t)S + 2, sizeof *at);   /* [node + 1] */
	struct lin *on = rota_xcalloc((size_t)days + 1, sizeof *on);
	for (int i = 0; i < n; i++) {
		arc[i].col = add_col(p, GLP_CV, 0, 1, 0);
		lin_add(&at[arc[i].from + 1], arc[i].col, -1);
		lin_add(&at[arc[i].to + 1], arc[i].col, 1);
		if (arc[i].work)
			for (int d = arc[i].lo; d < arc[i].hi; d++)
				lin_add(&on[d], arc[i].col, 1);
	}
	struct lin keep = p->l;
	for (int v = 0; v <= S; v++) {
		if (v == T)
			continue;
		p->l = at[v == S ? 0 : v + 1];
		row(p, v == S ? -1 : 0, v == S ? -1 : 0);
	}
	for (int d = 0; d < days; d++) {
		p->l = on[d];
		if (day_state(p, a, d) == 2) {
			work_term(p, a, d, -1);
			row(p, 0, 0);
		}
		on[d] = p->l;
	}
	p->l = keep;
	for (int v = 0; v <= S + 1; v++) {
		free(at[v].ind);
		free(at[v].val);
	}
	for (int d = 0; d < days; d++) {
		free(on[d].ind);
		free(on[d].val);
	}
	free(at);
	free(on);
	free(reach);
	free(alive);
	if (!explicit_work && K > 0)
		for (int d = 0; d + K < days; d++) {
			for (int i = d; i <= d + K; i++)
				work_term(p, a, i, 1);
			row(p, NAN, K);
		}
	if (p->nflows == p->flowcap) {
		p->flowcap = p->flowcap ? 2 * p->flowcap : 64;
		p->flows = rota_xreallocarray(p->flows, (size_t)p->flowcap, sizeof *p->flows);
	}
	p->flows[p->nflows++] = (struct flow){ a, first, n };
}

/* The path of the plan's pattern through agent a's arcs (those from tail v onwards,
 * sorted by tail), marked in x; dead: tails known to lead nowhere.  1 when found. */
static int
fl_path(const struct mip *p, const struct flow *f, int v, const unsigned char *work,
        unsigned char *dead, double *x)
{
	if (v == 4 * p->m->days)
		return 1;
	const struct arc *arc = p->arcs + f->first;
	int key = v == 4 * p->m->days + 1 ? -1 : v;
	int lo = 0, hi = f->n;
	while (lo < hi) {
		int mid = (lo + hi) / 2;
		if (arc[mid].from < key)
			lo = mid + 1;
		else
			hi = mid;
	}
	for (int i = lo; i < f->n && arc[i].from == key; i++) {
		int fits = !dead[arc[i].to];
		for (int d = arc[i].lo; d < arc[i].hi && fits; d++)
			fits = work[d] == arc[i].work;
		if (fits && fl_path(p, f, arc[i].to, work, dead, x)) {
			x[arc[i].col] = 1;
			return 1;
		}
	}
	if (key >= 0)
		dead[v] = 1;
	return 0;
}

static void
agent_rules(struct mip *p, size_t a)
{
	const rota_roster_model *m = p->m;
	const rota_rules *ru = &m->def->agents[a].rules;
	int days = m->days;
	unsigned f = p->families;

	for (int d = 0; d < days; d++)
		if (p->free[slotno(p, a, d)] && rota_roster_ncand(m, a, d) > 1) {
			work_term(p, a, d, 1);
			row(p, NAN, 1);
		}
	/* Rest and cannot-follow: a shift excludes the next days' shifts that start too soon
	 * after it.  Candidates that differ only in queue or breaks share one row. */
	if (f & ROSTER_F_REST)
		for (int d = 0; d < days; d++) {
			size_t s0 = m->slot[slotno(p, a, d)], n0 = rota_roster_ncand(m, a, d);
			for (size_t k = 0, e; k < n0; k = e) {
				const rota_roster_cand *c = &m->cands[s0 + k];
				for (e = k + 1; e < n0 && m->cands[s0 + e].a.start == c->a.start &&
				     m->cands[s0 + e].a.shift == c->a.shift; e++)
					;
				for (size_t j = k; j < e; j++)
					term(p, a, d, j, 1);
				int any = 0;
				for (int dd = d + 1; dd <= d + 2 && dd < days; dd++) {
					size_t s1 = m->slot[slotno(p, a, dd)], n1 = rota_roster_ncand(m, a, dd);
					for (size_t j = 0; j < n1; j++)
						if (conflict(m, c, &m->cands[s1 + j], dd == d + 1, ru->min_rest)) {
							term(p, a, dd, j, 1);
							any = 1;
						}
				}
				if (any)
					row(p, NAN, 1);
				else
					p->l.n = 0, p->l.cst = 0;
			}
		}
	if ((f & ROSTER_F_MAX_SHIFTS) && ru->max_shifts)
		for (size_t s = 0; s < m->nshifts; s++) {
			if (ru->max_shifts[s] < 0)
				continue;
			for (int d = 0; d < days; d++) {
				size_t s0 = m->slot[slotno(p, a, d)], n0 = rota_roster_ncand(m, a, d);
				for (size_t k = 0; k < n0; k++)
					if (m->cands[s0 + k].a.shift == s)
						term(p, a, d, k, 1);
			}
			row(p, NAN, ru->max_shifts[s]);
		}
	if ((f & ROSTER_F_HORIZON_MINUTES) && (ru->horizon_min >= 0 || ru->horizon_max >= 0)) {
		for (int d = 0; d < days; d++) {
			size_t s0 = m->slot[slotno(p, a, d)], n0 = rota_roster_ncand(m, a, d);
			for (size_t k = 0; k < n0; k++)
				term(p, a, d, k, (double)m->cands[s0 + k].worked / 60);
		}
		row(p, ru->horizon_min >= 0 ? (double)ru->horizon_min : NAN,
		    ru->horizon_max >= 0 ? (double)ru->horizon_max : NAN);
	}
	if ((f & ROSTER_F_WEEK_MINUTES) && (ru->week_min >= 0 || ru->week_max >= 0))
		for (int d = 0, e; d < days; d = e) {
			int64_t mon = m->start + d - rota_weekday(m->start + d);
			for (e = d; e < days && m->start + e < mon + 7; e++) {
				size_t s0 = m->slot[slotno(p, a, e)], n0 = rota_roster_ncand(m, a, e);
				for (size_t k = 0; k < n0; k++)
					term(p, a, e, k, (double)m->cands[s0 + k].worked / 60);
			}
			int whole = mon >= m->start && mon + 7 <= m->start + days;
			double lo = whole && ru->week_min >= 0 ? (double)ru->week_min : NAN;
			double hi = ru->week_max >= 0 ? (double)ru->week_max : NAN;
			if (isnan(lo) && isnan(hi))
				p->l.n = 0, p->l.cst = 0;
			else
				row(p, lo, hi);
		}
	int K = (f & ROSTER_F_MAX_CONSECUTIVE) ? ru->max_consecutive_days : 0;
	int k1 = (f & ROSTER_F_MIN_CONSECUTIVE) ? ru->min_consecutive_days : 0;
	int k2 = (f & ROSTER_F_MIN_DAYS_OFF) ? ru->min_consecutive_days_off : 0;
	/* The flow starts from a horizon with nothing before it; with a previous roster the
	 * runs reach back across the boundary, so the rows below (weaker in the relaxation,
	 * as strong on integers) carry them. */
	if (m->hdays == 0 && (k1 > 1 || k2 > 1)) {
		runs_flow(p, a, K, k1, k2);
		return;
	}
	/* A maximum: windows of K + 1 days form an interval matrix, as tight as the flow and
	 * smaller.  Windows reaching back into the history start as far as its last run. */
	int back = 0;
	while (back < K && rota_roster_worked_before(m, a, -back - 1))
		back++;
	if (K > 0)
		for (int d = -back; d + K < days; d++) {
			for (int i = d; i <= d + K; i++)
				work_term(p, a, i, 1);
			row(p, NAN, K);
		}
	/* A block that starts on day d (worked, the day before not) goes on for the
	 * minimum, or up to the horizon's end: w[d] - w[d-1] <= w[d+i].  Days off the same
	 * way with work and rest swapped. */
	if (k1 > 1)
		for (int d = 1 - (m->hdays < k1 ? m->hdays : k1); d < days; d++)
			for (int i = d < 0 ? -d : 1; i < k1 && d + i < days; i++) {
				work_term(p, a, d, 1);
				work_term(p, a, d - 1, -1);
				work_term(p, a, d + i, -1);
				row(p, NAN, 0);
			}
	if (k2 > 1)
		for (int d = 1 - (m->hdays < k2 ? m->hdays : k2); d < days; d++)
			for (int i = d < 0 ? -d : 1; i < k2 && d + i < days; i++) {
				work_term(p, a, d - 1, 1);
				work_term(p, a, d, -1);
				work_term(p, a, d + i, 1);
				row(p, NAN, 1);
			}
}

/* Weekend columns v >= each weekend day's work, v <= their sum; the count is limited by
 * max_weekends and feeds the fairness term.  Returns how many were added to l as the
 * agent's weekend count (in p->l, with the constant of fixed weekends). */
static void
weekends(struct mip *p, size_t a, int limit, struct lin *count)
{
	const rota_roster_model *m = p->m;
	for (int d = 0; d < m->days; d++) {
		int wd = rota_weekday(m->start + d);
		if (wd < 5 || (d > 0 && wd == 6))
			continue;
		if (d == 0 && wd == 6 && rota_roster_worked_before(m, a, -1)) {
			count->cst += 1;   /* the weekend began on the history's Saturday */
			continue;
		}
		int n = wd == 5 && d + 1 < m->days ? 2 : 1, free = 0;
		for (int i = d; i < d + n; i++)
			free |= p->free[slotno(p, a, i)];
		if (!free) {
			int w = 0;
			for (int i = d; i < d + n; i++)
				w |= p->cur && p->cur->pick[slotno(p, a, i)] >= 0;
			count->cst += w;
			continue;
		}
		int v = add_col(p, GLP_BV, 0, 1, 0);
		if (p->nwk == p->wkcap) {
			p->wkcap = p->wkcap ? 2 * p->wkcap : 64;
			p->wk = rota_xreallocarray(p->wk, (size_t)p->wkcap, sizeof *p->wk);
		}
		p->wk[p->nwk][0] = v;
		p->wk[p->nwk][1] = (int)a;
		p->wk[p->nwk++][2] = d * 4 + n;
		for (int i = d; i < d + n; i++) {
			work_term(p, a, i, 1);
			lin_add(&p->l, v, -1);
			row(p, NAN, 0);
		}
		for (int i = d; i < d + n; i++)
			work_term(p, a, i, -1);
		lin_add(&p->l, v, 1);
		row(p, NAN, 0);
		lin_add(count, v, 1);
	}
	(void)limit;
}

/* A coverage row and its shortfall column (the surplus is the next one). */
static void
note_cov(struct mip *p, int r, int u)
{
	if (p->ncov == p->covcap) {
		p->covcap = p->covcap ? 2 * p->covcap : 256;
		p->cov_row = rota_xreallocarray(p->cov_row, (size_t)p->covcap, sizeof *p->cov_row);
		p->cov_u = rota_xreallocarray(p->cov_u, (size_t)p->covcap, sizeof *p->cov_u);
	}
	p->cov_row[p->ncov] = r;
	p->cov_u[p->ncov++] = u;
}

static void
objective(struct mip *p)
{
	const rota_roster_model *m = p->m;
	const rota_weights *w = &m->def->weights;
	double cst = 0;
	size_t days = (size_t)m->days;

	/* Cost and preferences on the candidates. */
	for (size_t a = 0; a < m->nagents; a++) {
		const rota_agent_def *ag = &m->def->agents[a];
		for (size_t d = 0; d < days; d++) {
			size_t s = a * days + d, s0 = m->slot[s], n = m->slot[s + 1] - s0;
			for (size_t k = 0; k < n; k++) {
				const rota_roster_cand *c = &m->cands[s0 + k];
				double v = w->cost * ag->cost * (double)c->worked / 3600;
				for (size_t i = 0; i < ag->nprefer; i++)
					if (ag->prefer[i].day == c->a.day &&
					    (ag->prefer[i].shift < 0 || (size_t)ag->prefer[i].shift == c->a.shift))
						v -= w->preference * ag->prefer[i].weight;
				for (size_t i = 0; i < ag->navoid; i++)
					if (ag->avoid[i].day == c->a.day &&
					    (ag->avoid[i].shift < 0 || (size_t)ag->avoid[i].shift == c->a.shift))
						v += w->preference * ag->avoid[i].weight;
				if (p->col[s])
					glp_set_obj_coef(p->P, p->col[s] + (int)k, glp_get_obj_coef(p->P, p->col[s] + (int)k) + v);
				else if (p->cur && p->cur->pick[s] == (int)k)
					cst += v;
			}
		}
		for (size_t i = 0; i < ag->nprefer; i++)
			if (ag->prefer[i].day >= m->start && ag->prefer[i].day < m->start + m->days)
				cst += w->preference * ag->prefer[i].weight;
	}
	/* Interval coverage: sum(frac x) + u - o = required. */
	if (m->nqueues) {
		size_t nrows = m->nqueues * m->ncells;
		struct lin *rows = rota_xcalloc(nrows + 1, sizeof *rows);
		for (size_t s = 0; s < m->nagents * days; s++) {
			size_t s0 = m->slot[s], n = m->slot[s + 1] - s0;
			for (size_t k = 0; k < n; k++) {
				const rota_roster_cand *c = &m->cands[s0 + k];
				int take = p->col[s] != 0, fixed = !take && p->cur && p->cur->pick[s] == (int)k;
				if (!take && !fixed)
					continue;
				for (size_t i = 0; i < c->ncells; i++) {
					const rota_roster_cell *cl = &m->cells[c->cell_first + i];
					struct lin *l = &rows[(size_t)c->a.queue * m->ncells + cl->cell];
					if (take)
						lin_add(l, p->col[s] + (int)k, cl->frac);
					else
						l->cst += cl->frac;
				}
			}
		}
		for (size_t i = 0; i < nrows; i++) {
			double req = m->required[i];
			if (isnan(req)) {
				free(rows[i].ind);
				free(rows[i].val);
				continue;
			}
			struct lin *l = &rows[i];
			if (m->hcover)
				l->cst += m->hcover[i];
			if (l->n == 0) {
				cst += l->cst < req ? w->under * (req - l->cst) : w->over * (l->cst - req);
			} else {
				int u = add_col(p, GLP_CV, 0, NAN, w->under);
				add_col(p, GLP_CV, 0, NAN, w->over);
				lin_add(l, u, 1);
				lin_add(l, u + 1, -1);
				struct lin keep = p->l;
				p->l = *l;
				int r = row(p, req, req);
				*l = p->l;
				p->l = keep;
				note_cov(p, r, u);
			}
			free(l->ind);
			free(l->val);
		}
		free(rows);
	}
	/* Cover lines: agents on a shift on a day. */
	for (size_t i = 0; i < m->def->ncover; i++) {
		const rota_cover_def *cv = &m->def->cover[i];
		if (cv->day < m->start || cv->day >= m->start + m->days)
			continue;
		int d = (int)(cv->day - m->start);
		for (size_t a = 0; a < m->nagents; a++) {
			size_t s0 = m->slot[slotno(p, a, d)], n = rota_roster_ncand(m, a, d);
			for (size_t k = 0; k < n; k++)
				if (m->cands[s0 + k].a.shift == cv->shift)
					term(p, a, d, k, 1);
		}
		if (p->l.n == 0) {
			cst += p->l.cst < cv->need ? cv->under * (cv->need - p->l.cst)
			                           : cv->over * (p->l.cst - cv->need);
			p->l.cst = 0;
			continue;
		}
		/* Whole agents short or over: integer columns let GLPK's cuts (MIR, Gomory)
		 * round the shortfall up where the relaxation covers a need fractionally. */
		int u = add_col(p, GLP_IV, 0, NAN, cv->under);
		add_col(p, GLP_IV, 0, NAN, cv->over);
		lin_add(&p->l, u, 1);
		lin_add(&p->l, u + 1, -1);
		int r = row(p, cv->need, cv->need);
		note_cov(p, r, u);
	}
	glp_set_obj_coef(p->P, 0, cst);
}

static void
build(struct mip *p)
{
	const rota_roster_model *m = p->m;
	size_t days = (size_t)m->days;
	int fair = (p->families & ROSTER_F_OBJECTIVE) && m->def->weights.fairness > 0 && m->nagents > 1;

	p->P = glp_create_prob();
	glp_set_obj_dir(p->P, GLP_MIN);
	p->col = rota_xcalloc(m->nagents * days + 1, sizeof *p->col);
	for (size_t s = 0; s < m->nagents * days; s++) {
		size_t n = m->slot[s + 1] - m->slot[s];
		if (!p->free[s] || n == 0)
			continue;
		p->col[s] = glp_add_cols(p->P, (int)n);
		p->ncandcols += n;
		for (size_t k = 0; k < n; k++) {
			glp_set_col_kind(p->P, p->col[s] + (int)k, GLP_BV);
			glp_set_col_bnds(p->P, p->col[s] + (int)k, GLP_DB, 0, 1);
		}
	}
	if (fair) {
		p->wmax = add_col(p, GLP_CV, 0, NAN, m->def->weights.fairness);
		p->wmin = add_col(p, GLP_CV, 0, NAN, -m->def->weights.fairness);
	}
	for (size_t a = 0; a < m->nagents; a++) {
		const rota_rules *ru = &m->def->agents[a].rules;
		int has = agent_has_free(p, a);
		if (has)
			agent_rules(p, a);
		int limit = (p->families & ROSTER_F_MAX_WEEKENDS) ? ru->max_weekends : -1;
		if (!fair && (limit < 0 || !has))
			continue;
		struct lin count = { 0 };
		weekends(p, a, limit, &count);
		struct lin keep = p->l;
		/* The weekend count, once against max_weekends and once each against the
		 * fairness bounds: count's terms copied into a row of their own. */
		for (int use = 0; use < 3; use++) {
			if (use == 0 ? !(limit >= 0 && has) : !fair)
				continue;
			p->l = (struct lin){ .cst = count.cst };
			for (int i = 1; i <= count.n; i++)
				lin_add(&p->l, count.ind[i], count.val[i]);
			if (use == 0)
				row(p, NAN, limit);
			else {
				lin_add(&p->l, use == 2 ? p->wmin : p->wmax, -1);
				row(p, use == 2 ? 0 : NAN, use == 2 ? NAN : 0);
			}
			free(p->l.ind);
			free(p->l.val);
		}
		p->l = keep;
		free(count.ind);
		free(count.val);
	}
	if (p->families & ROSTER_F_OBJECTIVE)
		objective(p);
}

/* The current plan in the columns' terms, for glp_ios_heur_sol. */
static double *
incumbent(struct mip *p)
{
	const rota_roster_model *m = p->m;
	int n = glp_get_num_cols(p->P);
	double *x = rota_xcalloc((size_t)n + 1, sizeof *x);
	for (size_t s = 0; s < m->nagents * (size_t)m->days; s++)
		if (p->col[s] && p->cur->pick[s] >= 0)
			x[p->col[s] + p->cur->pick[s]] = 1;
	if (p->nflows) {
		int days = m->days;
		unsigned char *work = rota_xmalloc((size_t)days + 1);
		unsigned char *dead = rota_xmalloc(4 * (size_t)days + 2);
		for (int i = 0; i < p->nflows; i++) {
			for (int d = 0; d < days; d++)
				work[d] = p->cur->pick[slotno(p, p->flows[i].agent, d)] >= 0;
			memset(dead, 0, 4 * (size_t)days + 2);
			fl_path(p, &p->flows[i], 4 * days + 1, work, dead, x);
		}
		free(work);
		free(dead);
	}
	int wmax = 0, wmin = INT32_MAX;
	for (int i = 0; i < p->nwk; i++) {
		int a = p->wk[i][1], d = p->wk[i][2] / 4, k = p->wk[i][2] % 4, w = 0;
		for (int j = d; j < d + k; j++)
			w |= p->cur->pick[slotno(p, (size_t)a, j)] >= 0;
		x[p->wk[i][0]] = w;
	}
	if (p->wmax) {
		/* The fairness rows say what the bounds must be: read them back. */
		int nr = glp_get_num_rows(p->P);
		int *ind = rota_xmalloc(((size_t)n + 1) * sizeof *ind);
		double *val = rota_xmalloc(((size_t)n + 1) * sizeof *val);
		for (int r = 1; r <= nr; r++) {
			int len = glp_get_mat_row(p->P, r, ind, val), which = 0;
			double act = 0;
			for (int i = 1; i <= len; i++)
				if (ind[i] == p->wmax || ind[i] == p->wmin)
					which = ind[i];
				else
					act += val[i] * x[ind[i]];
			if (!which)
				continue;
			int type = glp_get_row_type(p->P, r);
			act -= type == GLP_UP ? glp_get_row_ub(p->P, r) : glp_get_row_lb(p->P, r);
			int v = (int)lround(act);
			if (which == p->wmax && v > wmax)
				wmax = v;
			if (which == p->wmin && v < wmin)
				wmin = v;
		}
		x[p->wmax] = wmax;
		x[p->wmin] = wmin == INT32_MAX ? 0 : wmin;
		free(ind);
		free(val);
	}
	int *ind = rota_xmalloc(((size_t)n + 1) * sizeof *ind);
	double *val = rota_xmalloc(((size_t)n + 1) * sizeof *val);
	for (int i = 0; i < p->ncov; i++) {
		int r = p->cov_row[i], u = p->cov_u[i], len = glp_get_mat_row(p->P, r, ind, val);
		double act = 0;
		for (int j = 1; j <= len; j++)
			if (ind[j] != u && ind[j] != u + 1)
				act += val[j] * x[ind[j]];
		double req = glp_get_row_lb(p->P, r);
		x[u] = act < req ? req - act : 0;
		x[u + 1] = act > req ? act - req : 0;
	}
	free(ind);
	free(val);
	return x;
}

static int
keeps_rows(glp_prob *P, const double *x)
{
	int n = glp_get_num_cols(P), nr = glp_get_num_rows(P), good = 1;
	int *ind = rota_xmalloc(((size_t)n + 1) * sizeof *ind);
	double *val = rota_xmalloc(((size_t)n + 1) * sizeof *val);
	for (int r = 1; r <= nr && good; r++) {
		int len = glp_get_mat_row(P, r, ind, val), type = glp_get_row_type(P, r);
		double act = 0;
		for (int i = 1; i <= len; i++)
			act += val[i] * x[ind[i]];
		if ((type == GLP_LO || type == GLP_DB || type == GLP_FX) && act < glp_get_row_lb(P, r) - 1e-6)
			good = 0;
		if ((type == GLP_UP || type == GLP_DB || type == GLP_FX) && act > glp_get_row_ub(P, r) + 1e-6)
			good = 0;
	}
	free(ind);
	free(val);
	return good;
}

/* Whether every roster's objective is a whole number: integer columns alone carry
 * whole coefficients (the benchmark's weights, cover lines without interval needs). */
static int
integral_objective(glp_prob *P)
{
	double c = glp_get_obj_coef(P, 0);
	if (c != floor(c))
		return 0;
	for (int j = glp_get_num_cols(P); j >= 1; j--) {
		c = glp_get_obj_coef(P, j);
		if (c != 0 && (glp_get_col_kind(P, j) == GLP_CV || c != floor(c)))
			return 0;
	}
	return 1;
}

static void
callback(glp_tree *T, void *info)
{
	struct mip *p = info;
	/* GLPK looks at tm_lim between nodes only: a round of cuts or its feasibility pump
	 * can run on for seconds past it (27.6 s of a 20 s limit was seen). */
	if (rota_roster_now() > p->deadline) {
		glp_ios_terminate(T);
		return;
	}
	switch (glp_ios_reason(T)) {
	case GLP_IHEUR:
		if (!p->injected && p->cur && isfinite(p->cur->objective)) {
			double *x = incumbent(p);
			/* GLPK takes an offered solution on trust (it checks integrality, not the
			 * rows): offer only one that keeps every row. */
			if (keeps_rows(p->P, x) && glp_ios_heur_sol(T, x) == 0 && p->cur->objective < p->best)
				p->best = p->cur->objective;
			free(x);
			p->injected = 1;
		}
		break;
	case GLP_ISELECT:
	case GLP_IBINGO: {
		int b = glp_ios_best_node(T);
		/* A node whose relaxation is not solved yet has no bound (-DBL_MAX). */
		if (b && glp_ios_node_bound(T, b) > -1e300)
			p->bound = glp_ios_node_bound(T, b);
		if (glp_ios_reason(T) == GLP_IBINGO)
			p->best = glp_mip_obj_val(glp_ios_get_prob(T));
		double now = rota_roster_now();
		if (p->o && p->o->progress && (now - p->last_report >= 1 || glp_ios_reason(T) == GLP_IBINGO)) {
			rota_roster_progress pr = { now - p->t0, p->best, p->bound, glp_ios_mip_gap(T), "mip" };
			if (!isfinite(p->best))
				pr.gap = HUGE_VAL;
			p->o->progress(p->o->ctx, &pr);
			p->last_report = now;
		}
		break;
	}
	default:
		break;
	}
}

static void
mip_free(struct mip *p)
{
	if (p->P)
		glp_delete_prob(p->P);
	free(p->col);
	free(p->l.ind);
	free(p->l.val);
	free(p->cov_row);
	free(p->cov_u);
	free(p->wk);
	free(p->arcs);
	free(p->flows);
}

static void
keep_plan(const rota_roster_model *m, const rota_roster_plan *cur, rota_roster_plan *out)
{
	if (out && cur && out != cur)
		memcpy(out->pick, cur->pick, m->nagents * (size_t)m->days * sizeof *out->pick);
}

int
roster_mip_run(const rota_roster_model *m, const unsigned char *free_, const rota_roster_plan *cur,
               unsigned families, double time_limit, double gap, const rota_roster_opts *o,
               double t0, rota_roster_plan *out, double *bound, int *optimal, rota_error *err)
{
	struct mip p = { .m = m, .free = free_, .cur = cur, .families = families, .o = o, .t0 = t0,
	                 .bound = -HUGE_VAL, .best = HUGE_VAL };
	double started = rota_roster_now();
	glp_term_out(GLP_OFF);
	build(&p);
	if (optimal)
		*optimal = 0;
	if (p.infeasible) {
		mip_free(&p);
		return 1;
	}
	if (glp_get_num_cols(p.P) == 0) {
		/* Nothing free: the plan stands as it is. */
		keep_plan(m, cur, out);
		mip_free(&p);
		return 0;
	}
	glp_smcp sp;
	glp_init_smcp(&sp);
	sp.msg_lev = GLP_MSG_OFF;
	sp.presolve = GLP_ON;
	double left = time_limit * 1000;
	sp.tm_lim = left > 1 ? (int)(left < 2e9 ? left : 2e9) : 1;
	int rc = glp_simplex(p.P, &sp);
	if (rc == GLP_ENOPFS || (rc == 0 && glp_get_status(p.P) == GLP_NOFEAS)) {
		mip_free(&p);
		return 1;
	}
	if (rc != 0 && rc != GLP_ETMLIM) {
		mip_free(&p);
		return rota_error_set(err, ROTA_EXIT_RUNTIME, NULL, 0, 0,
		                      "the solver failed on the linear relaxation (GLPK code %d)", rc);
	}
	if (rc == GLP_ETMLIM || glp_get_status(p.P) != GLP_OPT) {
		/* Out of time before the relaxation was solved: the current plan stands. */
		keep_plan(m, cur, out);
		if (out)
			out->objective = cur ? cur->objective : HUGE_VAL;
		mip_free(&p);
		return cur && isfinite(cur->objective) ? 0 : 2;
	}
	/* The relaxation's optimum bounds the integer one, before any node is solved. */
	p.bound = glp_get_obj_val(p.P);
	glp_iocp ip;
	glp_init_iocp(&ip);
	ip.msg_lev = GLP_MSG_OFF;
	/* The incumbent offered by the callback is in the original columns: GLPK's MIP
	 * presolver would renumber them, so the LP presolver above does that work. */
	ip.presolve = GLP_OFF;
	ip.mip_gap = gap;
	/* With an integral objective a roster within 1 of the bound is optimal: GLPK stops
	 * on a relative gap, which below 1 / objective says just that. */
	int whole_obj = integral_objective(p.P);
	if (whole_obj && cur && isfinite(cur->objective) && cur->objective > 1 &&
	    ip.mip_gap < 0.999 / cur->objective)
		ip.mip_gap = 0.999 / cur->objective;
	ip.fp_heur = GLP_ON;
	ip.ps_heur = GLP_OFF;   /* it overruns the time limit and found nothing better here */
	/* Cut rounds pay off on neighbourhoods too (measured on the benchmark instances:
	 * without them the search stalls higher). */
	int cuts = GLP_ON;
	ip.mir_cuts = cuts;
	ip.clq_cuts = cuts;
	ip.gmi_cuts = cuts;
	ip.cov_cuts = cuts;
	/* The hybrid pseudocost rule proves small models fastest (Instance1 and 2 optimal
	 * in 20 s, Driebeck-Tomlin not Instance1), but its start-up solves LPs per
	 * fractional column with no callback in between: 5.7 s on Instance3 (840
	 * candidates), past any deadline, and worse rosters on Instance3 and 4. */
	ip.br_tech = p.ncandcols <= 400 ? GLP_BR_PCH : GLP_BR_DTH;
	ip.bt_tech = GLP_BT_BLB;
	ip.cb_func = callback;
	ip.cb_info = &p;
	left = (time_limit - (rota_roster_now() - started)) * 1000;
	ip.tm_lim = left > 1 ? (int)(left < 2e9 ? left : 2e9) : 1;
	p.deadline = started + time_limit;
	rc = glp_intopt(p.P, &ip);
	int st = glp_mip_status(p.P);
	if (rc != 0 && rc != GLP_ETMLIM && rc != GLP_ESTOP && rc != GLP_EMIPGAP && rc != GLP_ENOPFS &&
	    rc != GLP_ENODFS) {
		mip_free(&p);
		return rota_error_set(err, ROTA_EXIT_RUNTIME, NULL, 0, 0,
		                      "the integer solver failed (GLPK code %d)", rc);
	}
	if (st == GLP_NOFEAS) {
		mip_free(&p);
		return 1;
	}
	if (st != GLP_OPT && st != GLP_FEAS) {
		/* No roster found in the time; the relaxation's bound still holds. */
		if (bound)
			*bound = p.bound;
		mip_free(&p);
		return 2;
	}
	double obj = glp_mip_obj_val(p.P);
	double b = p.bound;
	if (whole_obj && isfinite(b))
		b = ceil(b - 1e-6);
	int proven = (st == GLP_OPT && rc == 0) || (whole_obj && b >= obj - 1e-6);
	if (bound)
		*bound = proven ? obj : b;
	if (optimal)
		*optimal = proven;
	if (out) {
		keep_plan(m, cur, out);
		for (size_t s = 0; s < m->nagents * (size_t)m->days; s++) {
			if (!p.col[s])
				continue;
			size_t n = m->slot[s + 1] - m->slot[s];
			out->pick[s] = -1;
			for (size_t k = 0; k < n; k++)
				if (glp_mip_col_val(p.P, p.col[s] + (int)k) > 0.5)
					out->pick[s] = (int)k;
		}
		out->objective = obj;
	}
	mip_free(&p);
	return 0;
}

int
rota_roster_relaxation(const rota_roster_model *m, double *bound, rota_error *err)
{
	size_t ns = m->nagents * (size_t)m->days;
	unsigned char *fr = rota_xmalloc(ns + 1);
	memset(fr, 1, ns);
	struct mip p = { .m = m, .free = fr, .families = ROSTER_F_RULES | ROSTER_F_OBJECTIVE };
	glp_term_out(GLP_OFF);
	build(&p);
	free(fr);
	int rc = 0;
	if (glp_get_num_cols(p.P) == 0) {
		*bound = glp_get_obj_coef(p.P, 0);
	} else {
		glp_smcp sp;
		glp_init_smcp(&sp);
		sp.msg_lev = GLP_MSG_OFF;
		sp.presolve = GLP_ON;
		int st = glp_simplex(p.P, &sp);
		if (st == GLP_ENOPFS || (st == 0 && glp_get_status(p.P) == GLP_NOFEAS))
			rc = 1;
		else if (st != 0 || glp_get_status(p.P) != GLP_OPT)
			rc = rota_error_set(err, ROTA_EXIT_RUNTIME, NULL, 0, 0,
			                    "the solver failed on the linear relaxation (GLPK code %d)", st);
		else
			*bound = glp_get_obj_val(p.P);
	}
	if (p.infeasible)
		rc = 1;
	mip_free(&p);
	return rc;
}

int
rota_roster_mip(const rota_roster_model *m, const unsigned char *free_, const rota_roster_plan *cur,
                double time_limit, double gap, const rota_roster_opts *o, double t0,
                rota_roster_plan *out, double *bound, int *optimal, rota_error *err)
{
	return roster_mip_run(m, free_, cur, ROSTER_F_RULES | ROSTER_F_OBJECTIVE, time_limit, gap, o,
	                      t0, out, bound, optimal, err);
}
