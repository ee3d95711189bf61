/* rota.yaml, sla: and ola: policies, their metrics and the clock events. */
#include <config.h>
#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <rota/rota.h>
#include <rota/config.h>
#include "config-internal.h"

static const rota_config_key POLICY_KEYS[] = {
	KEY("name", ROTA_KEY_NAME, ROTA_KEY_REQUIRED, 0, 0, NULL, "unique within sla or ola"),
	KEY("match", ROTA_KEY_MAP, 0, 0, 0, "every ticket", "ticket attributes and their values"),
	KEY("calendar", ROTA_KEY_CALENDAR, 0, 0, 0, "around the clock",
	    "the calendar the clocks run by"),
	KEY("metrics", ROTA_KEY_MAP, ROTA_KEY_REQUIRED, 0, 0, NULL, "the clocks by name"),
	KEY("stints", ROTA_KEY_CHOICE, 0, 0, 0, "each",
	    "ola: each (a cycle per stint with the team) or sum (the stints add up)"),
};
TABLE(cfg_policy_table, "policy", "sla and ola", POLICY_KEYS);

static const char *const REOPEN[] = { "resume", "restart", NULL };   /* enum rota_on_reopen */

COUNT_FOLLOWS(rota_metric_def, stop_status, nstop_status);
COUNT_FOLLOWS(rota_metric_def, pause_status, npause_status);
COUNT_FOLLOWS(rota_metric_def, warn, nwarn);

static const rota_config_key METRIC_KEYS[] = {
	FIELDX("target", ROTA_KEY_DURATION, ROTA_KEY_REQUIRED, 1, 0, NULL, "business time allowed",
	       rota_metric_def, target, "a duration of business time such as 4h", NULL),
	FIELDX("start", ROTA_KEY_EVENT, 0, 0, 0, "created (sla), assigned (ola)",
	       "the event that starts the clock", rota_metric_def, start, NULL, "starts at"),
	FIELDX("stop", ROTA_KEY_EVENTS, 0, 0, 0, "resolved, closed (ola: and unassigned)",
	       "events that stop it", rota_metric_def, stop, NULL, "stops at"),
	FIELDX("stop_status", ROTA_KEY_NAMES, 0, 0, 0, NULL, "statuses that stop it",
	       rota_metric_def, stop_status, "a list of statuses", ""),
	FIELDX("pause_status", ROTA_KEY_NAMES, 0, 0, 0, NULL, "statuses during which it pauses",
	       rota_metric_def, pause_status, "a list of statuses", "; paused in status"),
	FIELDX("warn", ROTA_KEY_LEVELS, 0, 0, 0, NULL, "warning levels, percentages of the target",
	       rota_metric_def, warn, NULL, "; warn at"),
	CHOICEX("on_reopen", ROTA_KEY_INDEX, "resume", "resume or restart", rota_metric_def,
	        on_reopen, REOPEN, "resume (go on from the time already elapsed) or restart "
	        "(start again from zero)", "; on reopen"),
};
TABLE(cfg_metric_table, "metric", "sla and ola", METRIC_KEYS);

static int
load_metric(struct ld *L, ynode *k, ynode *v, const char *pctx, int kind, rota_metric_def *m)
{
	char ctx[400];

	if (cfg_get_name(L, k, "metrics", pctx, &m->name) < 0)
		return -1;
	cfg_set_pos(L, k, &m->file, &m->line, &m->col);
	snprintf(ctx, sizeof ctx, "in metric '%s' of %s", m->name, pctx + 3);
	m->start = kind == ROTA_POLICY_OLA ? ROTA_EVENT_ASSIGN : ROTA_EVENT_CREATED;
	if (cfg_want_map(L, v, m->name, pctx, "a mapping with target, start, stop, ...") < 0 ||
	    cfg_load_fields(L, v, ctx, &cfg_metric_table, m) < 0)
		return -1;
	for (size_t i = 0; i < m->npause_status; i++)
		for (size_t j = 0; j < m->nstop_status; j++)
			if (strcmp(m->pause_status[i], m->stop_status[j]) == 0)
				return cfg_bad(L, cfg_get(v, "pause_status"), "status '%s' is in both 'pause_status' "
				           "and 'stop_status' %s: a status either pauses or stops the clock",
				           m->pause_status[i], ctx);
	/* Without any stop condition a clock would run forever. */
	if (cfg_get(v, "stop") == NULL && m->nstop_status == 0) {
		m->stop = 1u << ROTA_EVENT_RESOLVED | 1u << ROTA_EVENT_CLOSED;
		if (kind == ROTA_POLICY_OLA)
			m->stop |= 1u << ROTA_EVENT_UNASSIGN;
		m->stop &= ~(1u << m->start);
	}
	return 0;
}

static int
load_policy(struct ld *L, ynode *v, size_t idx, int kind, rota_policy *p)
{
	const char *sec = kind == ROTA_POLICY_SLA ? "sla" : "ola";
	char ctx[300];
	ynode *x;

	p->kind = kind;
	snprintf(ctx, sizeof ctx, "in %s policy #%zu", sec, idx + 1);
	if (cfg_want_map(L, v, sec, "at the top level", "a list of policies, each a mapping with "
	             "name, match, calendar, metrics") < 0)
		return -1;
	cfg_set_pos(L, v, &p->file, &p->line, &p->col);
	if ((x = cfg_get(v, "name")) == NULL)
		return cfg_missing(L, v, "name", ctx, "a name for the policy, such as p1");
	if (cfg_get_name(L, x, "name", ctx, &p->name) < 0)
		return -1;
	for (size_t i = 0; i < idx; i++) {
		rota_policy *o = kind == ROTA_POLICY_SLA ? &L->cfg->sla[i] : &L->cfg->ola[i];
		if (strcmp(o->name, p->name) == 0)
			return cfg_bad(L, x, "%s policy '%s' is defined twice (first on line %ld): give each "
			           "policy its own name", sec, p->name, o->line);
	}
	snprintf(ctx, sizeof ctx, "in %s policy '%s'", sec, p->name);
	if (cfg_check_keys(L, v, ctx, &cfg_policy_table) < 0)
		return -1;
	if ((x = cfg_get(v, "match")) != NULL && cfg_get_match(L, x, ctx, &p->match, &p->nmatch) < 0)
		return -1;
	if ((x = cfg_get(v, "calendar")) != NULL && cfg_ref_calendar(L, x, "calendar", ctx, &p->calendar) < 0)
		return -1;
	if ((x = cfg_get(v, "stints")) != NULL) {
		if (kind != ROTA_POLICY_OLA)
			return cfg_bad(L, x, "'stints' %s: only ola policies have stints (the time a "
			           "ticket spends with one team)", ctx);
		if (cfg_want_scalar(L, x, "stints", ctx, "each or sum") < 0)
			return -1;
		if (strcmp(x->str, "each") == 0)
			p->stints = ROTA_STINTS_EACH;
		else if (strcmp(x->str, "sum") == 0)
			p->stints = ROTA_STINTS_SUM;
		else
			return cfg_bad(L, x, "bad value '%s' for 'stints' %s: expected each (every stint "
			           "with the team is a cycle of its own) or sum (the stints add up to one "
			           "clock)", cfg_show(x), ctx);
	}
	if ((x = cfg_get(v, "metrics")) == NULL)
		return cfg_missing(L, v, "metrics", ctx, "a mapping of metric names to targets, such as "
		               "{ resolution: { target: 4h } }");
	if (cfg_want_map(L, x, "metrics", ctx, "a mapping of metric names to targets, such as "
	             "{ resolution: { target: 4h } }") < 0)
		return -1;
	if (x->n == 0)
		return cfg_bad(L, x, "no metrics %s: expected at least one, such as "
		           "{ resolution: { target: 4h } }", ctx);
	p->metrics = cfg_alloc(L, x->n, sizeof *p->metrics);
	for (size_t i = 0; i < x->n; i++) {
		p->nmetrics++;
		if (load_metric(L, x->items[2 * i], x->items[2 * i + 1], ctx, kind, &p->metrics[i]) < 0)
			return -1;
	}
	return 0;
}

int
cfg_load_policies(struct ld *L, ynode *v, int kind)
{
	const char *sec = kind == ROTA_POLICY_SLA ? "sla" : "ola";
	rota_policy **arr = kind == ROTA_POLICY_SLA ? &L->cfg->sla : &L->cfg->ola;
	size_t *n = kind == ROTA_POLICY_SLA ? &L->cfg->nsla : &L->cfg->nola;
	if (cfg_want_seq(L, v, sec, "at the top level", "a list of policies (first match wins), "
	             "each with name, match, calendar, metrics") < 0)
		return -1;
	*arr = cfg_alloc(L, v->n, sizeof **arr);
	for (size_t i = 0; i < v->n; i++) {
		++*n;
		if (load_policy(L, v->items[i], i, kind, &(*arr)[i]) < 0)
			return -1;
	}
	return 0;
}
