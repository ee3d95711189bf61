/* The SLA/OLA clock engine (include/rota/sla.h says what a clock is).
 *
 * One pass over a ticket's events per clock.  Business time is added up per running
 * stretch, not per event: between(a, b) + between(b, c) == between(a, c), so a clock
 * asks its calendar only when it stops running; the instant a level is reached is found
 * by one add from the start of the stretch that crossed it. */
#include <config.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <rota/rota.h>
#include <rota/sla.h>
#include "sla-int.h"

struct metric {
	const rota_metric_def *def;
	int64_t *thr;            /* nwarn warn thresholds, then the target */
	size_t nlev;             /* nwarn + 1 */
	unsigned start;          /* 1u << start event */
	uint64_t pause, stop;    /* the pause and stop statuses, bits of e->status */
};

struct pol {
	const rota_policy *p;
	rota_calendar *cal;      /* NULL: around the clock */
	struct metric *m;
};

struct cyc {
	rota_time start, stop;   /* stop ROTA_SLA_NO_TIME while open */
	int64_t elapsed;
	int ended;               /* stopped with the ticket (resolved, closed, stop_status) */
	size_t reach;            /* offset of nlev instants in e->reach (NO_TIME: not yet) */
};

struct rota_sla_engine {
	struct pol *pol[2];      /* by enum rota_policy_kind */
	size_t npol[2];
	rota_sla_options opt;
	const rota_config *cfg;  /* what it was built from, if from a config */

	struct cyc *cyc;
	size_t ncyc, capcyc;
	rota_time *reach;
	size_t nreach, capreach;
	rota_sla_row *rows;
	size_t *woff;            /* rows[i].warn_at is warnat + woff[i] once all are made */
	size_t nrows, caprows, capwoff;
	rota_time *warnat;
	size_t nwarnat, capwarnat;
	const char **teams;
	size_t capteams;
	/* Every status that some metric names, so that an event's status is looked up once
	 * per ticket rather than once per metric; more than 64 (never seen) fall back to
	 * comparing names in every clock. */
	const char *status[64];
	int nstatus;             /* -1: too many */
	int *sid;                /* per event: index in status, -1: none of them */
	size_t capsid;
};

/* The stored kinds that are clock events as they stand.  Not assign: "assigned" and
 * "unassigned" are derived from the team before and after, since an agent change within
 * the team reaches no team. */
static const unsigned kind_ev[ROTA_EVENT_NKINDS] = {
	[ROTA_EVENT_CREATED] = 1u << ROTA_EVENT_CREATED,
	[ROTA_EVENT_REPLY] = 1u << ROTA_EVENT_REPLY,
	[ROTA_EVENT_NOTE] = 1u << ROTA_EVENT_NOTE,
	[ROTA_EVENT_RESOLVED] = 1u << ROTA_EVENT_RESOLVED,
	[ROTA_EVENT_CLOSED] = 1u << ROTA_EVENT_CLOSED,
	[ROTA_EVENT_REOPENED] = 1u << ROTA_EVENT_REOPENED,
	[ROTA_EVENT_MESSAGE] = 1u << ROTA_EVENT_MESSAGE,
};

#define ENDS (1u << ROTA_EVENT_RESOLVED | 1u << ROTA_EVENT_CLOSED)

const char *
rota_sla_state_name(int state)
{
	static const char *const names[] = { "running", "paused", "met", "breached" };
	return state >= 0 && state <= ROTA_SLA_BREACHED ? names[state] : "?";
}

/* Reached when elapsed >= w * target; the epsilon keeps 10% of 3600 s at 360 s although
 * 0.1 is not exact in binary. */
static int64_t
level_threshold(double w, int64_t target)
{
	int64_t t = (int64_t)ceil(w * (double)target - 1e-6);
	if (t < 1)
		t = 1;
	return t > target ? target : t;
}

void
sla_grow(void **p, size_t *cap, size_t need, size_t size)
{
	if (need <= *cap)
		return;
	size_t n = *cap ? *cap : 16;
	while (n < need)
		n *= 2;
	*p = rota_xreallocarray(*p, n, size);
	*cap = n;
}

static uint64_t
status_bits(rota_sla_engine *e, char *const *list, size_t n)
{
	uint64_t bits = 0;
	for (size_t i = 0; i < n && e->nstatus >= 0; i++) {
		int k;
		for (k = 0; k < e->nstatus && strcmp(e->status[k], list[i]) != 0; k++)
			;
		if (k == 64) {
			e->nstatus = -1;
			break;
		}
		if (k == e->nstatus)
			e->status[e->nstatus++] = list[i];
		bits |= (uint64_t)1 << k;
	}
	return bits;
}

rota_sla_engine *
rota_sla_engine_new(const rota_policy *sla, size_t nsla, const rota_policy *ola, size_t nola,
                    rota_sla_calendar_fn calendar, void *calctx, const rota_sla_options *opt,
                    rota_error *err)
{
	rota_sla_engine *e = rota_xcalloc(1, sizeof *e);
	const rota_policy *src[2] = { sla, ola };
	size_t nsrc[2] = { nsla, nola };
	if (opt)
		e->opt = *opt;
	for (int k = 0; k < 2; k++) {
		e->pol[k] = rota_xcalloc(nsrc[k] ? nsrc[k] : 1, sizeof *e->pol[k]);
		for (size_t i = 0; i < nsrc[k]; i++) {
			const rota_policy *p = &src[k][i];
			struct pol *q = &e->pol[k][e->npol[k]++];
			q->p = p;
			q->m = rota_xcalloc(p->nmetrics ? p->nmetrics : 1, sizeof *q->m);
			for (size_t j = 0; j < p->nmetrics; j++) {
				const rota_metric_def *d = &p->metrics[j];
				struct metric *m = &q->m[j];
				m->def = d;
				m->nlev = d->nwarn + 1;
				m->thr = rota_xcalloc(m->nlev, sizeof *m->thr);
				for (size_t w = 0; w < d->nwarn; w++)
					m->thr[w] = level_threshold(d->warn[w], d->target);
				m->thr[d->nwarn] = d->target;
				m->start = 1u << d->start;
				m->pause = status_bits(e, d->pause_status, d->npause_status);
				m->stop = status_bits(e, d->stop_status, d->nstop_status);
			}
			if (p->calendar && (q->cal = calendar ? calendar(calctx, p->calendar) : NULL)
			    == NULL) {
				rota_error_set(err, ROTA_EXIT_USAGE, p->file, p->line, p->col,
				               "%s policy '%s' uses calendar '%s', which is not defined",
				               k == ROTA_POLICY_SLA ? "sla" : "ola", p->name, p->calendar);
				rota_sla_engine_free(e);
				return NULL;
			}
		}
	}
	return e;
}

void
rota_sla_engine_free(rota_sla_engine *e)
{
	if (e == NULL)
		return;
	for (int k = 0; k < 2; k++) {
		for (size_t i = 0; i < e->npol[k]; i++) {
			for (size_t j = 0; j < e->pol[k][i].p->nmetrics; j++)
				free(e->pol[k][i].m[j].thr);
			free(e->pol[k][i].m);
		}
		free(e->pol[k]);
	}
	free(e->cyc);
	free(e->reach);
	free(e->rows);
	free(e->woff);
	free(e->warnat);
	free(e->teams);
	free(e->sid);
	free(e);
}

void
sla_engine_set_config(rota_sla_engine *e, const rota_config *cfg)
{
	e->cfg = cfg;
}

const rota_config *
sla_engine_config(const rota_sla_engine *e)
{
	return e->cfg;
}

const rota_sla_options *
sla_engine_options(const rota_sla_engine *e)
{
	return &e->opt;
}

const rota_sla_row *
rota_sla_rows(const rota_sla_engine *e, size_t *nrows)
{
	*nrows = e->nrows;
	return e->rows;
}

/* ---- policy choice ---- */

struct getter {
	const rota_event *last;
	const rota_sla_attr *attrs;
	size_t nattrs;
	const char *team;        /* ola: the team being matched instead of the last one */
};

static const char *
get_attr(void *ctx, const char *name)
{
	const struct getter *g = ctx;
	const char *v = NULL;
	int f;
	for (f = 0; f < ROTA_NFIELDS; f++)
		if (strcmp(name, rota_field_name(f)) == 0)
			break;
	if (f < ROTA_NFIELDS)
		v = f == ROTA_F_TEAM && g->team ? g->team : g->last->v[f];
	else
		for (size_t i = 0; i < g->nattrs; i++)
			if (strcmp(name, g->attrs[i].name) == 0) {
				v = g->attrs[i].value;
				break;
			}
	return v && *v ? v : NULL;
}

static const struct pol *
choose(const rota_sla_engine *e, int kind, struct getter *g)
{
	for (size_t i = 0; i < e->npol[kind]; i++) {
		const rota_policy *p = e->pol[kind][i].p;
		if (rota_match_test(p->match, p->nmatch, get_attr, g))
			return &e->pol[kind][i];
	}
	return NULL;
}

/* ---- one clock ---- */

static int
in_list(const char *s, char *const *list, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(s, list[i]) == 0)
			return 1;
	return 0;
}

static rota_time
add_time(rota_calendar *cal, rota_time t, int64_t secs)
{
	rota_time out;
	if (cal == NULL)
		return t + secs;
	/* A calendar that never opens enough is an answer (no due), not an error. */
	return rota_calendar_add(cal, t, secs, &out, NULL) < 0 ? ROTA_SLA_NO_TIME : out;
}

/* Add the business time of [a, b) to cycle c, noting the levels it reaches. */
static void
run(rota_sla_engine *e, const struct metric *m, rota_calendar *cal, struct cyc *c,
    rota_time a, rota_time b)
{
	if (b <= a)
		return;
	int64_t e0 = c->elapsed;
	int64_t gain = cal ? rota_calendar_between(cal, a, b) : b - a;
	if (gain <= 0)
		return;
	rota_time *r = e->reach + c->reach;
	for (size_t j = 0; j < m->nlev; j++)
		if (r[j] == ROTA_SLA_NO_TIME && m->thr[j] <= e0 + gain)
			r[j] = add_time(cal, a, m->thr[j] - e0);
	c->elapsed = e0 + gain;
}

static struct cyc *
new_cycle(rota_sla_engine *e, const struct metric *m, rota_time t)
{
	sla_grow((void **)&e->cyc, &e->capcyc, e->ncyc + 1, sizeof *e->cyc);
	sla_grow((void **)&e->reach, &e->capreach, e->nreach + m->nlev, sizeof *e->reach);
	struct cyc *c = &e->cyc[e->ncyc++];
	c->start = t;
	c->stop = ROTA_SLA_NO_TIME;
	c->elapsed = 0;
	c->ended = 0;
	c->reach = e->nreach;
	for (size_t j = 0; j < m->nlev; j++)
		e->reach[e->nreach++] = ROTA_SLA_NO_TIME;
	return c;
}

static void
emit(rota_sla_engine *e, const struct pol *p, const struct metric *m, const char *ticket,
     const char *team, rota_time at, int paused_at)
{
	size_t from = e->opt.flags & ROTA_SLA_LAST_CYCLE && e->ncyc ? e->ncyc - 1 : 0;
	const rota_metric_def *d = m->def;
	for (size_t i = from; i < e->ncyc; i++) {
		const struct cyc *c = &e->cyc[i];
		sla_grow((void **)&e->rows, &e->caprows, e->nrows + 1, sizeof *e->rows);
		sla_grow((void **)&e->woff, &e->capwoff, e->nrows + 1, sizeof *e->woff);
		sla_grow((void **)&e->warnat, &e->capwarnat, e->nwarnat + d->nwarn, sizeof *e->warnat);
		rota_sla_row *r = &e->rows[e->nrows];
		e->woff[e->nrows++] = e->nwarnat;
		int open = c->stop == ROTA_SLA_NO_TIME;
		rota_time ref = open ? at : c->stop;
		const rota_time *reach = e->reach + c->reach;

		r->ticket = ticket;
		r->kind = p->p->kind;
		r->policy = p->p;
		r->metric = d;
		r->team = team;
		r->cycle = (int)i + 1;
		r->last = i + 1 == e->ncyc;
		r->start = c->start;
		r->stop = c->stop;
		r->elapsed = c->elapsed;
		r->target = d->target;
		r->remaining = d->target - c->elapsed;
		r->percent = 100.0 * (double)c->elapsed / (double)d->target;
		if (c->elapsed > d->target)
			r->state = ROTA_SLA_BREACHED;
		else if (!open)
			r->state = ROTA_SLA_MET;
		else
			r->state = paused_at ? ROTA_SLA_PAUSED : ROTA_SLA_RUNNING;
		r->due = reach[d->nwarn] != ROTA_SLA_NO_TIME ? reach[d->nwarn] :
			add_time(p->cal, ref, d->target - c->elapsed);
		r->warn_level = 0;
		for (size_t j = 0; j < d->nwarn; j++) {
			rota_time w = reach[j];
			if (w != ROTA_SLA_NO_TIME)
				r->warn_level++;
			else if (!(e->opt.flags & ROTA_SLA_NO_WARN_AT))
				w = add_time(p->cal, ref, m->thr[j] - c->elapsed);
			e->warnat[e->nwarnat++] = w;
		}
		r->warn = d->warn;
		r->nwarn = d->nwarn;
		r->warn_at = NULL;
	}
}

/* Replay ev[0..n) for metric m of policy p: an sla clock when team is NULL, else the ola
 * clock of that team.  Leaves the cycles in e->cyc and emits their rows. */
static void
clock(rota_sla_engine *e, const struct pol *p, const struct metric *m, const rota_event *ev,
      size_t n, rota_time at, const char *team)
{
	const rota_metric_def *d = m->def;
	/* The policy's own stints: key wins over the engine's option. */
	int stints = p->p->stints == ROTA_STINTS_SUM ? ROTA_SLA_STINTS_SUM
	           : p->p->stints == ROTA_STINTS_EACH ? ROTA_SLA_STINTS_EACH : e->opt.stints;
	int sum = team && stints == ROTA_SLA_STINTS_SUM;
	unsigned stopm = d->stop;
	if (sum)
		stopm &= ~(1u << ROTA_EVENT_UNASSIGN);
	int reopens = d->start != ROTA_EVENT_REOPENED;
	const char *pst = "", *pteam = "";
	int paused = 0, stopst = 0, with = team == NULL, running = 0;
	struct cyc *open = NULL;
	rota_time since = 0;

	e->ncyc = 0;
	e->nreach = 0;
	for (size_t i = 0; i < n; i++) {
		const rota_event *x = &ev[i];
		const char *st = x->v[ROTA_F_STATUS], *tm = x->v[ROTA_F_TEAM];
		rota_time t = x->time;
		int npaused = paused, nstopst = stopst, nwith = with;
		unsigned evs = x->kind >= 0 && x->kind < ROTA_EVENT_NKINDS ? kind_ev[x->kind] : 0;

		if (e->nstatus >= 0) {
			int k = e->sid[i];
			npaused = k >= 0 && (m->pause >> k & 1);
			nstopst = k >= 0 && (m->stop >> k & 1);
		} else if (st != pst && strcmp(st, pst) != 0) {
			npaused = in_list(st, d->pause_status, d->npause_status);
			nstopst = in_list(st, d->stop_status, d->nstop_status);
		}
		pst = st;
		if (team) {
			nwith = tm == team || strcmp(tm, team) == 0;
			if (nwith && !with)
				evs |= 1u << ROTA_EVENT_ASSIGN;
			if (with && !nwith)
				evs |= 1u << ROTA_EVENT_UNASSIGN;
		} else if (tm != pteam && strcmp(tm, pteam) != 0) {
			if (*tm)
				evs |= 1u << ROTA_EVENT_ASSIGN;
			else
				evs |= 1u << ROTA_EVENT_UNASSIGN;
		}
		pteam = tm;

		int stop_now = open && ((evs & stopm) || nstopst || (team && !sum && with && !nwith));
		if (running && (stop_now || npaused || !nwith)) {
			run(e, m, p->cal, open, since, t);
			running = 0;
		}
		/* 1. reopen */
		if (!open && reopens && e->ncyc && e->cyc[e->ncyc - 1].ended && !nstopst &&
		    ((evs & 1u << ROTA_EVENT_REOPENED) || stopst)) {
			if (d->on_reopen == ROTA_REOPEN_RESTART) {
				open = new_cycle(e, m, t);
			} else {
				open = &e->cyc[e->ncyc - 1];
				open->stop = ROTA_SLA_NO_TIME;
			}
		}
		/* 2. stop */
		if (open && ((evs & stopm) || nstopst || (team && !sum && with && !nwith))) {
			open->stop = t;
			open->ended = (evs & stopm & ENDS) || nstopst;
			open = NULL;
		}
		/* 3. start */
		if (!open && (evs & m->start) && !nstopst)
			open = new_cycle(e, m, t);

		paused = npaused;
		stopst = nstopst;
		with = nwith;
		if (open && !running && !paused && with) {
			running = 1;
			since = t;
		}
	}
	if (running)
		run(e, m, p->cal, open, since, at);
	emit(e, p, m, ev[0].ticket, team ? team : ev[n - 1].v[ROTA_F_TEAM], at,
	     paused || !with);
}

int
rota_sla_evaluate(rota_sla_engine *e, const rota_event *ev, size_t nev,
                  const rota_sla_attr *attrs, size_t nattrs, rota_time at,
                  rota_sla_row_cb cb, void *ctx, rota_error *err)
{
	size_t n = 0;
	e->nrows = 0;
	e->nwarnat = 0;
	for (; n < nev && ev[n].time <= at; n++)
		if (n > 0 && ev[n].time < ev[n - 1].time)
			return rota_error_set(err, ROTA_EXIT_USAGE, NULL, 0, 0,
			                      "the events of ticket '%s' are not in time order",
			                      ev[0].ticket ? ev[0].ticket : "");
	for (size_t i = n; i + 1 < nev; i++)
		if (ev[i + 1].time < ev[i].time)
			return rota_error_set(err, ROTA_EXIT_USAGE, NULL, 0, 0,
			                      "the events of ticket '%s' are not in time order",
			                      ev[0].ticket ? ev[0].ticket : "");
	if (n == 0)
		return 0;
	if (e->nstatus >= 0) {
		sla_grow((void **)&e->sid, &e->capsid, n, sizeof *e->sid);
		for (size_t i = 0; i < n; i++) {
			const char *st = ev[i].v[ROTA_F_STATUS];
			int k = -1;
			if (i > 0 && (st == ev[i - 1].v[ROTA_F_STATUS] ||
			              strcmp(st, ev[i - 1].v[ROTA_F_STATUS]) == 0))
				k = e->sid[i - 1];
			else
				for (int j = 0; j < e->nstatus; j++)
					if (strcmp(st, e->status[j]) == 0) {
						k = j;
						break;
					}
			e->sid[i] = k;
		}
	}

	struct getter g = { &ev[n - 1], attrs, nattrs, NULL };
	const struct pol *p;
	if (!(e->opt.flags & ROTA_SLA_NO_SLA) && (p = choose(e, ROTA_POLICY_SLA, &g)) != NULL)
		for (size_t j = 0; j < p->p->nmetrics; j++)
			clock(e, p, &p->m[j], ev, n, at, NULL);

	if (!(e->opt.flags & ROTA_SLA_NO_OLA) && e->npol[ROTA_POLICY_OLA]) {
		size_t nteams = 0;
		for (size_t i = 0; i < n; i++) {
			const char *tm = ev[i].v[ROTA_F_TEAM];
			size_t k;
			if (*tm == '\0')
				continue;
			for (k = 0; k < nteams; k++)
				if (strcmp(e->teams[k], tm) == 0)
					break;
			if (k == nteams) {
				sla_grow((void **)&e->teams, &e->capteams, nteams + 1, sizeof *e->teams);
				e->teams[nteams++] = tm;
			}
		}
		for (size_t k = 0; k < nteams; k++) {
			g.team = e->teams[k];
			if ((p = choose(e, ROTA_POLICY_OLA, &g)) != NULL)
				for (size_t j = 0; j < p->p->nmetrics; j++)
					clock(e, p, &p->m[j], ev, n, at, e->teams[k]);
		}
	}

	for (size_t i = 0; i < e->nrows; i++)
		e->rows[i].warn_at = e->warnat + e->woff[i];
	if (cb)
		for (size_t i = 0; i < e->nrows; i++) {
			int rc = cb(&e->rows[i], ctx);
			if (rc)
				return rc;
		}
	return 0;
}
