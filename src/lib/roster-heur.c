/* The construction heuristic: agents one at a time, each taking (by a small integer
 * program over its own days) the shifts that best fill what the others left uncovered,
 * under its own hard rules.  As the hard rules bind each agent alone, an agent whose
 * problem has no solution is the conflict: rota_roster_diagnose then finds which of its
 * rule families cannot hold together. */
#include <config.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <rota/rota.h>
#include <rota/roster.h>
#include "roster-int.h"

static const struct { unsigned f; const char *name; } FAMILIES[] = {
	{ ROSTER_F_HORIZON_MINUTES, "minutes per horizon" },
	{ ROSTER_F_WEEK_MINUTES, "minutes per week" },
	{ ROSTER_F_MAX_SHIFTS, "max shifts per type" },
	{ ROSTER_F_MAX_CONSECUTIVE, "max consecutive days" },
	{ ROSTER_F_MIN_CONSECUTIVE, "min consecutive days" },
	{ ROSTER_F_MIN_DAYS_OFF, "min consecutive days off" },
	{ ROSTER_F_MAX_WEEKENDS, "max weekends" },
	{ ROSTER_F_REST, "min rest and cannot-follow" },
};
#define NFAMILIES (sizeof FAMILIES / sizeof *FAMILIES)

static int
agent_feasible(const rota_roster_model *m, size_t a, unsigned families)
{
	size_t days = (size_t)m->days;
	unsigned char *fr = rota_xcalloc(m->nagents * days + 1, 1);
	memset(fr + a * days, 1, days);
	rota_error e;
	int rc = roster_mip_run(m, fr, NULL, families, 10, 0, NULL, 0, NULL, NULL, NULL, &e);
	free(fr);
	return rc != 1;
}

int
rota_roster_diagnose(const rota_roster_model *m, size_t a, char *buf, size_t n)
{
	unsigned active = ROSTER_F_RULES;
	if (agent_feasible(m, a, active))
		return 0;
	/* A deletion filter: drop each family whose absence leaves the conflict standing;
	 * what remains is a smallest set of families that cannot hold together. */
	for (size_t i = 0; i < NFAMILIES; i++)
		if (!agent_feasible(m, a, active & ~FAMILIES[i].f))
			active &= ~FAMILIES[i].f;
	const rota_agent_def *ag = &m->def->agents[a];
	size_t o = 0;
	buf[0] = '\0';
	for (size_t i = 0; i < NFAMILIES && o < n; i++)
		if (active & FAMILIES[i].f)
			o += (size_t)snprintf(buf + o, n - o, "%s%s", o ? ", " : "", FAMILIES[i].name);
	if (o < n && (ag->ndays_off || ag->nunavailable))
		o += (size_t)snprintf(buf + o, n - o, "%s%s", o ? " with " : "",
		                      ag->ndays_off && ag->nunavailable ? "days off and unavailable spans"
		                      : ag->ndays_off ? "days off" : "unavailable spans");
	if (o == 0)
		snprintf(buf, n, "the shifts that fit its days");
	return 1;
}

static void
shuffle(size_t *v, size_t n, unsigned *seed)
{
	for (size_t i = n; i > 1; i--) {
		*seed = *seed * 1103515245u + 12345u;
		size_t j = (*seed >> 8) % i, t = v[i - 1];
		v[i - 1] = v[j];
		v[j] = t;
	}
}

int
rota_roster_construct(const rota_roster_model *m, const rota_roster_opts *o, double t0,
                      rota_roster_plan *p, rota_error *err)
{
	size_t days = (size_t)m->days, na = m->nagents;
	unsigned seed = o->seed;
	size_t *order = rota_xmalloc((na + 1) * sizeof *order);
	unsigned char *fr = rota_xcalloc(na * days + 1, 1);
	for (size_t i = 0; i < na * days; i++)
		p->pick[i] = -1;
	p->objective = HUGE_VAL;
	for (size_t i = 0; i < na; i++)
		order[i] = i;
	if (seed)
		shuffle(order, na, &seed);
	double budget = o->time_limit * 0.3 / (double)(na ? na : 1);
	if (budget < 0.5)
		budget = 0.5;
	int rc = 0;
	for (size_t i = 0; i < na && rc == 0; i++) {
		size_t a = order[i];
		memset(fr + a * days, 1, days);
		/* The plan so far is no roster yet (this agent's rules are not met): nothing
		 * to offer GLPK as an incumbent. */
		p->objective = HUGE_VAL;
		rc = roster_mip_run(m, fr, p, ROSTER_F_RULES | ROSTER_F_OBJECTIVE, budget, 0.02, NULL, t0,
		                    p, NULL, NULL, err);
		if (rc == 2)   /* no roster in time: any that keeps the rules will do */
			rc = roster_mip_run(m, fr, p, ROSTER_F_RULES, 4 * budget + 5, 0, NULL, t0, p, NULL,
			                    NULL, err);
		memset(fr + a * days, 0, days);
		if (rc == 1) {
			char why[600];
			rota_roster_diagnose(m, a, why, sizeof why);
			rota_error_set(err, ROTA_EXIT_FOUND, NULL, 0, 0,
			               "the hard rules of agent '%s' cannot all hold: %s; ",
			               m->def->agents[a].id, why);
			rota_error_fix(err, "relax one of these rules for the agent (its {rules} or its "
			               "contract)");
		} else if (rc == 2)
			rc = rota_error_set(err, ROTA_EXIT_RUNTIME, NULL, 0, 0,
			                    "no shifts for agent '%s' that keep its rules were found in the "
			                    "time allowed", m->def->agents[a].id);
	}
	free(order);
	free(fr);
	if (rc)
		return rc == 1 ? 1 : -1;
	rota_roster_asg *a;
	size_t n = rota_roster_plan_asg(m, p, &a);
	rota_roster_objective ob;
	rota_roster_objective_of(m, a, n, &ob);
	free(a);
	p->objective = ob.total;
	return 0;
}
