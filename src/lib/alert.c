/* The alert planner (alert.h): clock rows, stored state and routes in; notifications
 * and state updates out. */
#include <config.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <rota/rota.h>
#include <rota/alert.h>
#include <rota/sha256.h>

/* ---- strings that live as long as the plan: one arena, freed at once (a run over
 * 100,000 tickets copies a million of them) ---- */

struct arena {
	char **blocks;
	size_t nblocks;
	char *cur;
	size_t left;
};

static const char *
arena_dup(struct arena *a, const char *s)
{
	size_t n = strlen(s) + 1;
	if (n > a->left) {
		size_t size = n > 65536 ? n : 65536;
		a->blocks = rota_xreallocarray(a->blocks, a->nblocks + 1, sizeof *a->blocks);
		a->cur = a->blocks[a->nblocks++] = rota_xmalloc(size);
		a->left = size;
	}
	char *d = memcpy(a->cur, s, n);
	a->cur += n;
	a->left -= n;
	return d;
}

static void
arena_free(struct arena *a)
{
	for (size_t i = 0; i < a->nblocks; i++)
		free(a->blocks[i]);
	free(a->blocks);
}

/* ---- a string-keyed hash (open addressing), values are indexes; each slot keeps
 * its key's hash, so that a probe compares strings only on a likely match ---- */

struct hash {
	const char **keys;
	uint64_t *hv;
	size_t *vals;
	size_t cap, n;
	struct arena *arena;      /* where the keys are copied */
};

static uint64_t
fnv(const char *s)
{
	uint64_t h = rota_hash(s, strlen(s));
	/* FNV's low bits, which index the table, hardly depend on the bytes of keys that
	 * differ early and share a long tail (ticket keys): fold the high bits in. */
	h ^= h >> 33;
	h *= 0xff51afd7ed558ccdu;
	h ^= h >> 33;
	return h;
}

static size_t *
hash_slot(struct hash *h, const char *key, int add)
{
	if (add && 2 * (h->n + 1) > h->cap) {
		struct hash g = { .cap = h->cap ? 2 * h->cap : 256, .n = h->n, .arena = h->arena };
		g.keys = rota_xcalloc(g.cap, sizeof *g.keys);
		g.hv = rota_xcalloc(g.cap, sizeof *g.hv);
		g.vals = rota_xcalloc(g.cap, sizeof *g.vals);
		for (size_t i = 0; i < h->cap; i++)
			if (h->keys[i]) {
				size_t j = h->hv[i] & (g.cap - 1);
				while (g.keys[j])
					j = (j + 1) & (g.cap - 1);
				g.keys[j] = h->keys[i];
				g.hv[j] = h->hv[i];
				g.vals[j] = h->vals[i];
			}
		free(h->keys);
		free(h->hv);
		free(h->vals);
		*h = g;
	}
	if (h->cap == 0)
		return NULL;
	uint64_t hv = fnv(key);
	size_t j = hv & (h->cap - 1);
	while (h->keys[j]) {
		if (h->hv[j] == hv && strcmp(h->keys[j], key) == 0)
			return &h->vals[j];
		j = (j + 1) & (h->cap - 1);
	}
	if (!add)
		return NULL;
	h->keys[j] = arena_dup(h->arena, key);
	h->hv[j] = hv;
	h->n++;
	h->vals[j] = SIZE_MAX;
	return &h->vals[j];
}

static void
hash_free(struct hash *h)
{
	free(h->keys);
	free(h->hv);
	free(h->vals);
}

/* ---- the plan ---- */

/* The state by clock: one hash lookup per clock row finds its few deliveries. */
struct ent {
	rota_alert_rec rec;       /* strings in the plan's arena */
	size_t clock;             /* clocks[] */
	size_t next;              /* the clock's next delivery in ents[]; SIZE_MAX: none */
};

struct clock {
	size_t first;             /* its first delivery in ents[] */
	int open;                 /* its cycle was seen open in this run */
};

struct rota_alert_plan {
	const rota_alert_route *routes;
	size_t nroutes;
	rota_alert_options o;
	struct hash clockix;      /* clock key -> clocks[] */
	struct clock *clocks;
	size_t nclocks, capclocks;
	struct ent *ents;
	size_t nents, capents;
	rota_alert_note *notes;
	size_t nnotes, capnotes;
	rota_alert_rec *updates;
	size_t nupdates, capupdates;
	struct arena strs;        /* every string the plan keeps */
	rota_alert_tally *tallies;
	size_t ntallies, captallies;
	int64_t held;
	int64_t stale;            /* state rows cleared before now - retention */
	char *kbuf;
	size_t kcap;
	int *route_open;          /* per route: -1 unknown, 0 held, 1 open */
};

const char *
rota_alert_what_name(int what)
{
	static const char *const n[] = { "new", "repeat", "escalate", "resolved" };
	return what >= 0 && what < 4 ? n[what] : "?";
}

static const char *
keep(rota_alert_plan *p, const char *s)
{
	return arena_dup(&p->strs, s ? s : "");
}

/* The delivery key; with level/route/sink NULL, the clock key. */
static const char *
key_of(rota_alert_plan *p, const char *ticket, const char *kind, const char *metric,
       const char *team, int64_t cycle, const char *level, const char *route, const char *sink)
{
	size_t need = strlen(ticket) + strlen(kind) + strlen(metric) + strlen(team) + 32 +
	              (level ? strlen(level) + strlen(route) + strlen(sink) + 3 : 0);
	if (need > p->kcap) {
		p->kcap = 2 * need;
		p->kbuf = rota_xrealloc(p->kbuf, p->kcap);
	}
	if (level)
		snprintf(p->kbuf, p->kcap, "%s\x1f%s\x1f%s\x1f%s\x1f%lld\x1f%s\x1f%s\x1f%s", ticket,
		         kind, metric, team, (long long)cycle, level, route, sink);
	else
		snprintf(p->kbuf, p->kcap, "%s\x1f%s\x1f%s\x1f%s\x1f%lld", ticket, kind, metric, team,
		         (long long)cycle);
	return p->kbuf;
}

rota_alert_plan *
rota_alert_plan_new(const rota_alert_route *routes, size_t nroutes,
                    const rota_alert_options *opt)
{
	rota_alert_plan *p = rota_xcalloc(1, sizeof *p);
	p->routes = routes;
	p->nroutes = nroutes;
	p->o = *opt;
	p->clockix.arena = &p->strs;
	p->route_open = rota_xcalloc(nroutes + 1, sizeof *p->route_open);
	for (size_t i = 0; i < nroutes; i++)
		p->route_open[i] = -1;
	return p;
}

void
rota_alert_plan_free(rota_alert_plan *p)
{
	if (p == NULL)
		return;
	hash_free(&p->clockix);
	free(p->clocks);
	free(p->ents);
	arena_free(&p->strs);
	free(p->notes);
	free(p->updates);
	free(p->tallies);
	free(p->kbuf);
	free(p->route_open);
	free(p);
}

/* The clock's index, SIZE_MAX when it has no state. */
static size_t
clock_of(rota_alert_plan *p, const char *ticket, const char *kind, const char *metric,
         const char *team, int64_t cycle)
{
	if (p->nclocks == 0)
		return SIZE_MAX;
	size_t *v = hash_slot(&p->clockix, key_of(p, ticket, kind, metric, team, cycle, NULL,
	                                          NULL, NULL), 0);
	return v ? *v : SIZE_MAX;
}

/* The clock's delivery of level by route to sink, or NULL. */
static struct ent *
find(rota_alert_plan *p, size_t clock, const char *level, const char *route, const char *sink)
{
	if (clock == SIZE_MAX)
		return NULL;
	for (size_t i = p->clocks[clock].first; i != SIZE_MAX; i = p->ents[i].next) {
		const rota_alert_rec *r = &p->ents[i].rec;
		if (strcmp(r->level, level) == 0 && strcmp(r->route, route) == 0 &&
		    strcmp(r->sink, sink) == 0)
			return &p->ents[i];
	}
	return NULL;
}

int
rota_alert_plan_state(const rota_alert_rec *r, void *plan)
{
	rota_alert_plan *p = plan;
	if (r->cleared_at != ROTA_TIME_NONE && p->o.retention > 0 &&
	    r->cleared_at < p->o.now - p->o.retention)
		p->stale++;
	size_t *v = hash_slot(&p->clockix, key_of(p, r->ticket, r->kind, r->metric, r->team,
	                                          r->cycle, NULL, NULL, NULL), 1);
	if (*v == SIZE_MAX) {
		if (p->nclocks == p->capclocks) {
			p->capclocks = p->capclocks ? 2 * p->capclocks : 64;
			p->clocks = rota_xreallocarray(p->clocks, p->capclocks, sizeof *p->clocks);
		}
		p->clocks[p->nclocks] = (struct clock){ .first = SIZE_MAX };
		*v = p->nclocks++;
	}
	size_t c = *v;
	if (find(p, c, r->level, r->route, r->sink) != NULL)
		return 0;
	if (p->nents == p->capents) {
		p->capents = p->capents ? 2 * p->capents : 64;
		p->ents = rota_xreallocarray(p->ents, p->capents, sizeof *p->ents);
	}
	struct ent *e = &p->ents[p->nents];
	e->rec = *r;
	e->rec.ticket = keep(p, r->ticket);
	e->rec.kind = keep(p, r->kind);
	e->rec.policy = keep(p, r->policy);
	e->rec.metric = keep(p, r->metric);
	e->rec.team = keep(p, r->team);
	e->rec.level = keep(p, r->level);
	e->rec.route = keep(p, r->route);
	e->rec.sink = keep(p, r->sink);
	e->clock = c;
	e->next = p->clocks[c].first;
	p->clocks[c].first = p->nents++;
	return 0;
}

size_t
rota_alert_sink_id(const rota_sink_def *s, char *buf, size_t n)
{
	int k;
	switch (s->kind) {
	case ROTA_SINK_EXEC: k = snprintf(buf, n, "exec:%s", s->argv[0]); break;
	case ROTA_SINK_MAIL: {
		size_t len = (size_t)snprintf(buf, n, "mail:");
		for (size_t i = 0; i < s->naddrs && len < n; i++)
			len += (size_t)snprintf(buf + len, n - len, "%s%s", i ? "," : "", s->addrs[i]);
		return len < n ? len : n - 1;
	}
	case ROTA_SINK_SYSLOG:
		k = snprintf(buf, n, "syslog:%s", s->facility_name ? s->facility_name : "user");
		break;
	case ROTA_SINK_PROMETHEUS: k = snprintf(buf, n, "prometheus:%s", s->path); break;
	default: k = snprintf(buf, n, "stdout"); break;
	}
	return (size_t)k < n ? (size_t)k : n - 1;
}

static rota_alert_note *
add_note(rota_alert_plan *p)
{
	if (p->nnotes == p->capnotes) {
		p->capnotes = p->capnotes ? 2 * p->capnotes : 32;
		p->notes = rota_xreallocarray(p->notes, p->capnotes, sizeof *p->notes);
	}
	rota_alert_note *n = &p->notes[p->nnotes++];
	memset(n, 0, sizeof *n);
	return n;
}

static void
add_update(rota_alert_plan *p, const rota_alert_rec *r)
{
	if (p->nupdates == p->capupdates) {
		p->capupdates = p->capupdates ? 2 * p->capupdates : 32;
		p->updates = rota_xreallocarray(p->updates, p->capupdates, sizeof *p->updates);
	}
	p->updates[p->nupdates++] = *r;
}

/* ---- one ticket ---- */

struct getctx {
	const rota_history *h;    /* NULL: rows from elsewhere, attributes from attr */
	const rota_sla_row *r;
	const char *kind;
	rota_alert_attr_fn attr;
	void *actx;
};

static const char *
get_attr(void *ctx, const char *name)
{
	struct getctx *g = ctx;
	if (strcmp(name, "team") == 0)
		return g->r->team;
	if (strcmp(name, "policy") == 0)
		return g->r->policy->name;
	if (strcmp(name, "metric") == 0)
		return g->r->metric->name;
	if (strcmp(name, "kind") == 0)
		return g->kind;
	if (g->h == NULL)
		return g->attr ? g->attr(g->actx, g->r->ticket, name) : NULL;
	for (int f = 0; f < ROTA_NFIELDS; f++)
		if (strcmp(name, rota_field_name(f)) == 0) {
			const char *v = rota_history_field(g->h, f);
			return v && *v ? v : NULL;
		}
	return rota_history_attr(g->h, name);
}

static int
route_takes(const rota_alert_route *rt, double level)
{
	if (rt->nlevels == 0)
		return 1;
	for (size_t i = 0; i < rt->nlevels; i++)
		if (fabs(rt->levels[i] - level) < 1e-9)
			return 1;
	return 0;
}

static int
route_open(rota_alert_plan *p, size_t i)
{
	if (p->route_open[i] < 0) {
		rota_calendar *c = p->routes[i].hours && p->o.calendar
		                   ? p->o.calendar(p->o.calctx, p->routes[i].hours) : NULL;
		p->route_open[i] = c == NULL || rota_calendar_is_open(c, p->o.now);
	}
	return p->route_open[i];
}

static void
tally(rota_alert_plan *p, const char *kind, const rota_sla_row *r)
{
	rota_alert_tally *t = NULL;
	for (size_t i = p->ntallies; i-- > 0;)
		if (p->tallies[i].kind == kind && strcmp(p->tallies[i].policy, r->policy->name) == 0 &&
		    strcmp(p->tallies[i].metric, r->metric->name) == 0) {
			t = &p->tallies[i];
			break;
		}
	if (t == NULL) {
		if (p->ntallies == p->captallies) {
			p->captallies = p->captallies ? 2 * p->captallies : 16;
			p->tallies = rota_xreallocarray(p->tallies, p->captallies, sizeof *p->tallies);
		}
		t = &p->tallies[p->ntallies++];
		*t = (rota_alert_tally){ .kind = kind, .policy = keep(p, r->policy->name),
		                         .metric = keep(p, r->metric->name) };
	}
	if (r->state == ROTA_SLA_BREACHED)
		t->breached++;
	else if (r->state == ROTA_SLA_PAUSED)
		t->paused++;
	else
		t->running++;
	if (r->state != ROTA_SLA_BREACHED && r->warn_level > 0)
		t->warning++;
}

/* The note's id (alert.h, Ids): each part ends with a NUL, so that no two lists of
 * parts hash the same bytes; the version prefix lets a later scheme differ. */
static void
note_id(rota_alert_note *n)
{
	char num[64];
	const char *what = rota_alert_what_name(n->what);
	const char *part[] = { "rota-alert-id/1", n->ticket, n->kind, n->policy, n->metric,
	                       n->team, NULL, n->rec.level, what, NULL };
	rota_sha256 c;
	unsigned char d[32];
	rota_sha256_init(&c);
	for (size_t i = 0; i < sizeof part / sizeof *part; i++) {
		const char *s = part[i];
		if (s == NULL) {
			snprintf(num, sizeof num, "%lld", i == 6 ? (long long)n->cycle
			                                          : (long long)n->rec.count);
			s = num;
		}
		rota_sha256_update(&c, s, strlen(s) + 1);
	}
	rota_sha256_final(&c, d);
	rota_sha256_hex(d, ROTA_ALERT_ID_LEN / 2, n->id);
}

static void
note_for(rota_alert_plan *p, int what, const rota_alert_route *rt, const rota_sink_def *sk,
         const char *sink_id, const rota_sla_row *r, const char *kind, const char *level,
         const char *as, const struct ent *old)
{
	rota_alert_note *n = add_note(p);
	n->what = what;
	n->route = rt;
	n->sink = sk;
	n->sink_id = keep(p, sink_id);
	n->ticket = keep(p, r->ticket);
	n->kind = kind;
	n->policy = keep(p, r->policy->name);
	n->metric = keep(p, r->metric->name);
	n->team = keep(p, r->team);
	n->cycle = r->cycle;
	n->level = keep(p, level);
	n->state = r->state;
	n->due = r->due;
	n->percent = r->percent;
	n->at = p->o.now;
	n->rec = (rota_alert_rec){
		.ticket = n->ticket, .kind = kind, .policy = n->policy, .metric = n->metric,
		.team = n->team, .cycle = r->cycle, .level = n->level, .route = keep(p, rt->name),
		.sink = n->sink_id, .first_at = old ? old->rec.first_at : p->o.now,
		.last_at = p->o.now, .count = old ? old->rec.count + 1 : 1,
		.escalated_at = what == ROTA_ALERT_ESCALATE ? p->o.now : ROTA_TIME_NONE,
		.cleared_at = ROTA_TIME_NONE,
	};
	if (as)
		n->rec.level = keep(p, as);
	note_id(n);
}

/* An open cycle whose state was cleared (it stopped, then resumed on a reopen): its
 * rows become uncleared again. */
static void
reopened(rota_alert_plan *p, size_t clock)
{
	for (size_t i = p->clocks[clock].first; i != SIZE_MAX; i = p->ents[i].next) {
		rota_alert_rec *r = &p->ents[i].rec;
		if (r->cleared_at == ROTA_TIME_NONE || strcmp(r->level, "resolved") == 0)
			continue;
		r->cleared_at = ROTA_TIME_NONE;
		add_update(p, r);
	}
}

static void
row(rota_alert_plan *p, const rota_history *h, const rota_sla_row *r, rota_alert_attr_fn attr,
    void *actx)
{
	const char *kind = r->kind == ROTA_POLICY_OLA ? "ola" : "sla";
	int open = r->stop == ROTA_SLA_NO_TIME;
	if (open)
		tally(p, kind, r);
	size_t clock = clock_of(p, r->ticket, kind, r->metric->name, r->team, r->cycle);
	int has_state = clock != SIZE_MAX;
	if (open && has_state) {
		p->clocks[clock].open = 1;
		reopened(p, clock);
	}
	if (!open && p->o.retention > 0 && r->stop < p->o.now - p->o.retention)
		return;    /* history: its state may be gone, its levels must not go out again */
	/* The levels reached: warn levels while open, breached whenever. */
	int breached = r->state == ROTA_SLA_BREACHED;
	int nwarn = open ? r->warn_level : 0;
	if (nwarn == 0 && !breached)
		return;
	struct getctx g = { h, r, kind, attr, actx };
	for (size_t i = 0; i < p->nroutes; i++) {
		const rota_alert_route *rt = &p->routes[i];
		double lv = -1;
		if (breached && route_takes(rt, ROTA_LEVEL_BREACHED))
			lv = ROTA_LEVEL_BREACHED;
		for (int k = nwarn; lv < 0 && k-- > 0;)
			if (route_takes(rt, r->warn[k]))
				lv = r->warn[k];
		if (lv < 0 || !rota_match_test(rt->match, rt->nmatch, get_attr, &g))
			continue;
		if (!route_open(p, i)) {
			p->held++;
			continue;
		}
		char level[32], sid[512];
		rota_level_format(level, sizeof level, lv);
		int64_t repeat = rt->repeat > 0 ? rt->repeat : p->o.repeat;
		rota_time first = ROTA_TIME_NONE;
		for (size_t s = 0; s < rt->nsinks; s++) {
			const rota_sink_def *sk = &rt->sinks[s];
			if (sk->kind == ROTA_SINK_PROMETHEUS)
				continue;      /* a status sink: the command writes it */
			rota_alert_sink_id(sk, sid, sizeof sid);
			struct ent *e = find(p, clock, level, rt->name, sid);
			if (e == NULL)
				note_for(p, ROTA_ALERT_NEW, rt, sk, sid, r, kind, level, NULL, NULL);
			else if (open && repeat > 0 && p->o.now - e->rec.last_at >= repeat)
				note_for(p, ROTA_ALERT_REPEAT, rt, sk, sid, r, kind, level, NULL, e);
			if (e && (first == ROTA_TIME_NONE || e->rec.first_at < first))
				first = e->rec.first_at;
		}
		if (!open || rt->escalate_after < 0 || rt->nescalate == 0 || !has_state)
			continue;
		/* When the route first sent any level of this cycle. */
		char l2[32];
		for (int k = 0; k <= r->warn_level; k++) {
			double w = k < r->warn_level ? r->warn[k] : ROTA_LEVEL_BREACHED;
			if (k == r->warn_level && !breached)
				break;
			rota_level_format(l2, sizeof l2, w);
			for (size_t s = 0; s < rt->nsinks; s++) {
				rota_alert_sink_id(&rt->sinks[s], sid, sizeof sid);
				struct ent *e = find(p, clock, l2, rt->name, sid);
				if (e && (first == ROTA_TIME_NONE || e->rec.first_at < first))
					first = e->rec.first_at;
			}
		}
		if (first == ROTA_TIME_NONE || p->o.now - first < rt->escalate_after)
			continue;
		for (size_t s = 0; s < rt->nescalate; s++) {
			const rota_sink_def *sk = &rt->escalate[s];
			if (sk->kind == ROTA_SINK_PROMETHEUS)
				continue;
			rota_alert_sink_id(sk, sid, sizeof sid);
			/* Stored under "escalated": once per cycle, whatever the level. */
			if (find(p, clock, "escalated", rt->name, sid) == NULL)
				note_for(p, ROTA_ALERT_ESCALATE, rt, sk, sid, r, kind, level, "escalated",
				         NULL);
		}
	}
}

int
rota_alert_plan_ticket(const rota_history *h, const rota_sla_row *rows, size_t nrows,
                       void *plan)
{
	for (size_t i = 0; i < nrows; i++)
		row(plan, h, &rows[i], NULL, NULL);
	return 0;
}

void
rota_alert_plan_rows(rota_alert_plan *p, const rota_sla_row *rows, size_t nrows,
                     rota_alert_attr_fn attr, void *ctx)
{
	for (size_t i = 0; i < nrows; i++)
		row(p, NULL, &rows[i], attr, ctx);
}

static const rota_sink_def *
sink_by_id(const rota_alert_plan *p, const char *route, const char *sid, const rota_alert_route **rt)
{
	char buf[512];
	for (size_t i = 0; i < p->nroutes; i++) {
		if (strcmp(p->routes[i].name, route) != 0)
			continue;
		*rt = &p->routes[i];
		for (size_t s = 0; s < p->routes[i].nsinks + p->routes[i].nescalate; s++) {
			const rota_sink_def *sk = s < p->routes[i].nsinks ? &p->routes[i].sinks[s]
			                          : &p->routes[i].escalate[s - p->routes[i].nsinks];
			rota_alert_sink_id(sk, buf, sizeof buf);
			if (strcmp(buf, sid) == 0)
				return sk;
		}
	}
	return NULL;
}

void
rota_alert_plan_finish(rota_alert_plan *p)
{
	int notices = (p->o.flags & ROTA_ALERT_RESOLVED_NOTICES) != 0;
	size_t n0 = p->nents;
	for (size_t i = 0; i < n0; i++) {
		struct ent *e = &p->ents[i];
		rota_alert_rec *r = &e->rec;
		if (r->cleared_at != ROTA_TIME_NONE)
			continue;
		if (p->clocks[e->clock].open)
			continue;
		if (notices && strcmp(r->level, "resolved") != 0) {
			const rota_alert_route *rt = NULL;
			const rota_sink_def *sk = sink_by_id(p, r->route, r->sink, &rt);
			struct ent *done = find(p, e->clock, "resolved", r->route, r->sink);
			if (sk && done == NULL && sk->kind != ROTA_SINK_PROMETHEUS) {
				/* One notice per (cycle, route, sink): a placeholder state entry keeps
				 * the next rows of the same cycle from adding another. */
				rota_alert_rec ph = *r;
				ph.level = "resolved";
				ph.cleared_at = p->o.now;
				rota_alert_plan_state(&ph, p);
				rota_alert_note *n = add_note(p);
				e = &p->ents[i];
				r = &e->rec;
				n->what = ROTA_ALERT_RESOLVED;
				n->route = rt;
				n->sink = sk;
				n->sink_id = keep(p, r->sink);
				n->ticket = keep(p, r->ticket);
				n->kind = keep(p, r->kind);
				n->policy = keep(p, r->policy);
				n->metric = keep(p, r->metric);
				n->team = keep(p, r->team);
				n->cycle = r->cycle;
				n->level = keep(p, "resolved");
				n->state = -1;
				n->due = ROTA_SLA_NO_TIME;
				n->percent = NAN;
				n->at = p->o.now;
				n->rec = (rota_alert_rec){
					.ticket = n->ticket, .kind = n->kind, .policy = n->policy,
					.metric = n->metric, .team = n->team, .cycle = r->cycle,
					.level = n->level, .route = keep(p, r->route), .sink = n->sink_id,
					.first_at = p->o.now, .last_at = p->o.now, .count = 1,
					.escalated_at = ROTA_TIME_NONE, .cleared_at = p->o.now,
				};
				note_id(n);
				continue;     /* cleared once the notice is stored (next run) */
			}
			if (sk && done == NULL)
				continue;
		}
		rota_alert_rec u = *r;
		u.cleared_at = p->o.now;
		u.ticket = keep(p, r->ticket); u.kind = keep(p, r->kind);
		u.policy = keep(p, r->policy); u.metric = keep(p, r->metric);
		u.team = keep(p, r->team); u.level = keep(p, r->level);
		u.route = keep(p, r->route); u.sink = keep(p, r->sink);
		add_update(p, &u);
	}
}

const rota_alert_note *
rota_alert_plan_notes(const rota_alert_plan *p, size_t *n)
{
	*n = p->nnotes;
	return p->notes;
}

const rota_alert_rec *
rota_alert_plan_updates(const rota_alert_plan *p, size_t *n)
{
	*n = p->nupdates;
	return p->updates;
}

int64_t
rota_alert_plan_held(const rota_alert_plan *p)
{
	return p->held;
}

int64_t
rota_alert_plan_stale(const rota_alert_plan *p)
{
	return p->stale;
}

static int
tally_cmp(const void *a, const void *b)
{
	const rota_alert_tally *x = a, *y = b;
	int c = strcmp(x->kind, y->kind);
	if (c == 0)
		c = strcmp(x->policy, y->policy);
	return c ? c : strcmp(x->metric, y->metric);
}

const rota_alert_tally *
rota_alert_plan_tallies(rota_alert_plan *p, size_t *n)
{
	if (p->ntallies > 1)
		qsort(p->tallies, p->ntallies, sizeof *p->tallies, tally_cmp);
	*n = p->ntallies;
	return p->tallies;
}
