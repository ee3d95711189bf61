/* Clock rows from JSON Lines (alert.h, rota_alert_read_rows): each line checked against
 * the config's policies, the rows of a ticket given to the planner together. */
#include <config.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <rota/rota.h>
#include <rota/alert.h>

/* The rows of one ticket (consecutive lines with its key), their strings copied. */
struct group {
	rota_sla_row *rows;
	size_t n, cap;
	char **strs;
	size_t nstrs, capstrs;
	rota_attr *attrs;          /* the rows' other string members: the ticket's attributes */
	size_t nattrs, capattrs;
	int open;                  /* a row has no stop */
	rota_time last_stop;
	rota_alert_attr_fn attr;   /* the caller's, asked for what the rows do not say */
	void *actx;
};

static const char *
keep(struct group *g, const char *s)
{
	if (g->nstrs == g->capstrs) {
		g->capstrs = g->capstrs ? 2 * g->capstrs : 32;
		g->strs = rota_xreallocarray(g->strs, g->capstrs, sizeof *g->strs);
	}
	return g->strs[g->nstrs++] = rota_xstrdup(s);
}

static void
group_clear(struct group *g)
{
	for (size_t i = 0; i < g->nstrs; i++)
		free(g->strs[i]);
	g->n = g->nstrs = g->nattrs = 0;
	g->open = 0;
	g->last_stop = ROTA_TIME_NONE;
}

static const char *
group_attr(void *ctx, const char *ticket, const char *name)
{
	struct group *g = ctx;
	for (size_t i = 0; i < g->nattrs; i++)
		if (strcmp(g->attrs[i].name, name) == 0)
			return g->attrs[i].value;
	return g->attr ? g->attr(g->actx, ticket, name) : NULL;
}

/* Hand the ticket's rows over: all of them while one is open; a ticket with none open
 * only when it stopped since the last complete run (the direct run's rule for closed
 * tickets: history is not news). */
static void
flush(rota_alert_plan *p, struct group *g, rota_time since)
{
	if (g->n && (g->open || (since != ROTA_TIME_NONE && g->last_stop > since)))
		rota_alert_plan_rows(p, g->rows, g->n, group_attr, g);
	group_clear(g);
}

struct line {
	rota_jsonl *j;
	const rota_tz *tz;
	rota_error *err;
};

static int __attribute__((format(printf, 3, 4)))
bad(struct line *l, long col, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	rota_error_vset(l->err, ROTA_EXIT_USAGE, rota_jsonl_name(l->j), rota_jsonl_line(l->j), col,
	                fmt, ap);
	va_end(ap);
	return -1;
}

/* The member key of the given type (ROTA_JSON_NULL also taken when nullable). */
static const rota_json_member *
want(struct line *l, const char *key, int type, int nullable, int required)
{
	const rota_json_member *m = rota_jsonl_get(l->j, key);
	if (m == NULL) {
		if (required)
			bad(l, 1, "key \"%s\" missing: expected a clock row's keys (ticket, kind, "
			    "policy, metric, team, state, due, stop, percent, cycle, warn; as the "
			    "SLA check writes them)", key);
		return NULL;
	}
	if (m->type == type || (nullable && m->type == ROTA_JSON_NULL))
		return m;
	bad(l, m->col, "\"%s\": expected %s", key, type == ROTA_JSON_STRING
	    ? (nullable ? "a string or null" : "a string") : nullable ? "a number or null" : "a number");
	return NULL;
}

/* A whole number of seconds, 0 to 10^15 (31 million years): what rota-sla writes.  Absent
 * or null leaves *v as it is. */
static int
secs_of(struct line *l, const char *key, int64_t *v)
{
	const rota_json_member *m = rota_jsonl_get(l->j, key);
	if (m == NULL || m->type == ROTA_JSON_NULL)
		return 0;
	if (m->type != ROTA_JSON_NUMBER || !(m->num >= 0 && m->num <= 1e15) || m->num != floor(m->num))
		return bad(l, m->col, "\"%s\": expected whole seconds from 0 to 10^15", key);
	*v = (int64_t)m->num;
	return 0;
}

static int
time_of(struct line *l, const char *key, rota_time *t, int required)
{
	*t = ROTA_SLA_NO_TIME;
	const rota_json_member *m = want(l, key, ROTA_JSON_STRING, 1, required);
	if (m == NULL)
		return required || rota_jsonl_get(l->j, key) ? -1 : 0;
	if (m->type == ROTA_JSON_NULL)
		return 0;
	rota_error e;
	rota_error_clear(&e);
	if (rota_time_parse(m->text, l->tz, 0, t, &e) < 0)
		return bad(l, m->col + (e.col > 0 ? e.col : 1), "\"%s\": %s", key, e.msg);
	return 0;
}

static const rota_policy *
policy_of(const rota_config *cfg, int kind, const char *name)
{
	const rota_policy *ps = kind == ROTA_POLICY_OLA ? cfg->ola : cfg->sla;
	size_t n = kind == ROTA_POLICY_OLA ? cfg->nola : cfg->nsla;
	for (size_t i = 0; i < n; i++)
		if (strcmp(ps[i].name, name) == 0)
			return &ps[i];
	return NULL;
}

/* One line into a row of g. */
static int
read_row(struct line *l, const rota_config *cfg, struct group *g, rota_sla_row *r)
{
	const rota_json_member *tk = want(l, "ticket", ROTA_JSON_STRING, 0, 1);
	if (tk == NULL)
		return -1;
	if (tk->len == 0)
		return bad(l, tk->col, "\"ticket\": expected a ticket key, not \"\"");
	const rota_json_member *m = want(l, "kind", ROTA_JSON_STRING, 0, 1);
	if (m == NULL)
		return -1;
	if (strcmp(m->text, "sla") != 0 && strcmp(m->text, "ola") != 0)
		return bad(l, m->col, "\"kind\": '%s': expected sla or ola", m->text);
	r->kind = strcmp(m->text, "ola") == 0 ? ROTA_POLICY_OLA : ROTA_POLICY_SLA;
	if ((m = want(l, "policy", ROTA_JSON_STRING, 0, 1)) == NULL)
		return -1;
	if ((r->policy = policy_of(cfg, r->kind, m->text)) == NULL)
		return bad(l, m->col, "\"policy\": '%s' is not a policy of the config's %s: section "
		           "(expected the config the rows were evaluated with)", m->text,
		           r->kind == ROTA_POLICY_OLA ? "ola" : "sla");
	if ((m = want(l, "metric", ROTA_JSON_STRING, 0, 1)) == NULL)
		return -1;
	r->metric = NULL;
	for (size_t i = 0; i < r->policy->nmetrics; i++)
		if (strcmp(r->policy->metrics[i].name, m->text) == 0)
			r->metric = &r->policy->metrics[i];
	if (r->metric == NULL)
		return bad(l, m->col, "\"metric\": '%s' is not a metric of policy '%s' in the config",
		           m->text, r->policy->name);
	const rota_json_member *team = want(l, "team", ROTA_JSON_STRING, 1, 0);
	if (team == NULL && rota_jsonl_get(l->j, "team"))
		return -1;
	if ((m = want(l, "state", ROTA_JSON_STRING, 0, 1)) == NULL)
		return -1;
	r->state = -1;
	for (int s = ROTA_SLA_RUNNING; s <= ROTA_SLA_BREACHED; s++)
		if (strcmp(m->text, rota_sla_state_name(s)) == 0)
			r->state = s;
	if (r->state < 0)
		return bad(l, m->col, "\"state\": '%s': expected running, paused, met or breached", m->text);
	if (time_of(l, "start", &r->start, 0) < 0 || time_of(l, "due", &r->due, 1) < 0 ||
	    time_of(l, "stop", &r->stop, 1) < 0)
		return -1;
	if ((m = want(l, "percent", ROTA_JSON_NUMBER, 1, 1)) == NULL)
		return -1;
	r->percent = m->type == ROTA_JSON_NULL ? NAN : m->num;
	r->cycle = 1;
	if ((m = rota_jsonl_get(l->j, "cycle")) != NULL) {
		if (m->type != ROTA_JSON_NUMBER || m->num < 1 || m->num > 1e9 ||
		    m->num != floor(m->num))
			return bad(l, m->col, "\"cycle\": expected a whole number 1, 2, ...");
		r->cycle = (int)m->num;
	}
	const rota_json_member *el = rota_jsonl_get(l->j, "elapsed");
	r->elapsed = 0;
	r->target = r->metric->target;
	if (secs_of(l, "elapsed", &r->elapsed) < 0 || secs_of(l, "target", &r->target) < 0)
		return -1;
	r->remaining = r->target - r->elapsed;
	r->warn = r->metric->warn;
	r->nwarn = r->metric->nwarn;
	r->warn_at = NULL;
	r->warn_level = 0;
	if ((m = rota_jsonl_get(l->j, "warn")) != NULL && m->type != ROTA_JSON_NULL) {
		/* The highest level the row says it reached: one of the metric's. */
		char lv[32];
		size_t k;
		for (k = 0; m->type == ROTA_JSON_STRING && k < r->nwarn; k++) {
			rota_level_format(lv, sizeof lv, r->warn[k]);
			if (strcmp(lv, m->text) == 0)
				break;
		}
		if (m->type != ROTA_JSON_STRING || k == r->nwarn)
			return bad(l, m->col, "\"warn\": expected null or one of the warn levels of "
			           "metric '%s' in the config", r->metric->name);
		r->warn_level = (int)k + 1;
	} else if (m == NULL) {
		/* Not said: as the engine counts (a level w is reached at ceil(w * target)). */
		if (el == NULL || el->type != ROTA_JSON_NUMBER)
			return bad(l, 1, "key \"warn\" missing and no \"elapsed\" to tell the warn "
			           "level reached: expected one of them");
		while ((size_t)r->warn_level < r->nwarn &&
		       r->elapsed >= (int64_t)ceil(r->warn[r->warn_level] * (double)r->target))
			r->warn_level++;
	}
	r->ticket = keep(g, tk->text);
	r->team = keep(g, team && team->type == ROTA_JSON_STRING ? team->text : "");
	r->last = 1;
	/* The other string members: the ticket's attributes for the routes' match. */
	static const char *const own[] = { "ticket", "kind", "policy", "metric", "team", "state",
	                                   "start", "due", "stop", "warn" };
	for (size_t i = 0; i < rota_jsonl_nmembers(l->j); i++) {
		const rota_json_member *a = rota_jsonl_member(l->j, i);
		size_t k;
		for (k = 0; k < sizeof own / sizeof *own && strcmp(own[k], a->key) != 0; k++)
			;
		if (k < sizeof own / sizeof *own || a->type != ROTA_JSON_STRING)
			continue;
		for (k = 0; k < g->nattrs && strcmp(g->attrs[k].name, a->key) != 0; k++)
			;
		if (k < g->nattrs)
			continue;      /* the ticket's first row said it */
		if (g->nattrs == g->capattrs) {
			g->capattrs = g->capattrs ? 2 * g->capattrs : 8;
			g->attrs = rota_xreallocarray(g->attrs, g->capattrs, sizeof *g->attrs);
		}
		g->attrs[g->nattrs].name = keep(g, a->key);
		g->attrs[g->nattrs++].value = keep(g, a->text);
	}
	return 0;
}

int
rota_alert_read_rows(rota_alert_plan *p, rota_jsonl *j, const rota_config *cfg,
                     const rota_tz *tz, rota_time since, rota_alert_attr_fn attr, void *ctx,
                     rota_error *err)
{
	struct group g = { .attr = attr, .actx = ctx, .last_stop = ROTA_TIME_NONE };
	struct line l = { j, tz, err };
	int r, rc = 0;
	while ((r = rota_jsonl_next(j, err)) == 1) {
		const rota_json_member *tk = rota_jsonl_get(j, "ticket");
		if (g.n && tk && tk->type == ROTA_JSON_STRING && strcmp(tk->text, g.rows[0].ticket) != 0)
			flush(p, &g, since);
		if (g.n == g.cap) {
			g.cap = g.cap ? 2 * g.cap : 16;
			g.rows = rota_xreallocarray(g.rows, g.cap, sizeof *g.rows);
		}
		rota_sla_row *row = &g.rows[g.n];
		memset(row, 0, sizeof *row);
		if (read_row(&l, cfg, &g, row) < 0) {
			rc = -1;
			break;
		}
		g.n++;
		if (row->stop == ROTA_SLA_NO_TIME)
			g.open = 1;
		else if (g.last_stop == ROTA_TIME_NONE || row->stop > g.last_stop)
			g.last_stop = row->stop;
	}
	if (r < 0)
		rc = -1;
	if (rc == 0)
		flush(p, &g, since);
	group_clear(&g);
	free(g.rows);
	free(g.strs);
	free(g.attrs);
	return rc;
}
