/* The roster engine: the model's instants across DST and zones, break placements, the
 * checker's rules and edges, and a property test: on small random instances the solver's
 * roster always passes the checker with the objective it claims, and on tiny ones that
 * objective is the optimum a brute-force enumeration finds (and infeasibility agrees). */
#include <config.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <rota/rota.h>
#include <rota/config.h>
#include <rota/roster.h>
#include "tap.h"

static rota_config *
load(const char *yaml)
{
	rota_error e;
	rota_config *c = rota_config_load_mem(yaml, strlen(yaml), "t.yaml", &e);
	if (c == NULL)
		fprintf(stderr, "# %s:%ld:%ld: %s\n", e.file, e.line, e.col, e.msg);
	return c;
}

static void
test_model_dst(void)
{
	rota_config *c = load("tz: Europe/Berlin\nroster:\n  interval: 1h\n  shifts:\n"
	                      "    - { id: N, start: \"22:00\", length: 8h }\n"
	                      "  agents:\n    - { id: a }\n    - { id: s, tz: Asia/Sakhalin }\n");
	ok(c != NULL, "config loads");
	if (!c)
		return;
	rota_error e;
	const rota_tz *tz = rota_tz_get("Europe/Berlin", &e);
	rota_roster_model m;
	int64_t start = rota_days_from_civil(2026, 10, 24);
	ok(rota_roster_model_build(c, tz, start, 2, NULL, &m, &e) == 0, "model builds");
	is_int(m.ncells, 49, "cells of a 24 h and a 25 h day");
	is_int(m.ncands, 4, "one candidate per agent and day");
	const rota_roster_cand *n = &m.cands[m.slot[0]];
	is_int(n->a.end - n->a.start, 8 * 3600, "a night shift lasts 8 real hours across the change");
	char b[ROTA_TIME_BUFSZ];
	rota_time_format(b, sizeof b, n->a.end, tz);
	is_str(b, "2026-10-25T05:00:00+01:00", "and ends at 05:00 CET");
	const rota_roster_cand *s = &m.cands[m.slot[2]];
	rota_time_format(b, sizeof b, s->a.start, m.agent_tz[1]);
	is_str(b, "2026-10-24T22:00:00+11:00", "Sakhalin's 22:00 is its own");
	is_int(n->a.start - s->a.start, 9 * 3600, "nine hours apart");
	rota_roster_model_free(&m);
	rota_config_free(c);
}

static void
test_breaks(void)
{
	rota_config *c = load("tz: UTC\nroster:\n  interval: 30m\n  shifts:\n"
	                      "    - { id: E, start: \"07:00\", length: 8h30m,"
	                      " breaks: [ { length: 30m, within: \"3h-5h\" } ] }\n"
	                      "  agents:\n    - { id: a }\n");
	if (!ok(c != NULL, "config with breaks loads"))
		return;
	rota_roster_need rows[] = { { 0, "q", 1, NAN, NAN } };
	rows[0].start = rota_tz_day_start(rota_tz_utc(), rota_days_from_civil(2026, 12, 7)) + 9 * 3600;
	rota_roster_needs need = { rows, 1 };
	rota_roster_model m;
	rota_error e;
	ok(rota_roster_model_build(c, rota_tz_utc(), rota_days_from_civil(2026, 12, 7), 1, &need, &m,
	                           &e) == 0, "model builds");
	is_int(m.ncands, 5, "five break placements on the 30 min grid");
	double worked = 0;
	for (size_t i = 0; i < m.cands[0].ncells; i++)
		worked += m.cells[m.cands[0].cell_first + i].frac;
	ok(fabs(worked - 16) < 1e-9, "a candidate covers 16 half hours (8 h worked)");
	is_int(m.cands[0].worked, 8 * 3600, "worked time excludes the break");
	ok(!isnan(m.required[18]) && isnan(m.required[17]), "the need lands on its interval");
	rota_roster_model_free(&m);
	rota_config_free(c);
}

/* rota-staff's worked example: 100 calls in 30 minutes of 180 s; 14 agents answer 88.8%
 * within 20 s, 13 only 79.6%. */
static void
test_service_level(void)
{
	rota_config *c = load("tz: UTC\nqueues:\n  q: { aht: 180s, sl: 80/20s }\nroster:\n"
	                      "  interval: 30m\n  shifts:\n    - { id: D, start: \"08:00\", length: 8h }\n"
	                      "  agents:\n    - { id: a }\n");
	if (!ok(c != NULL, "config with a queue loads"))
		return;
	int64_t day = rota_days_from_civil(2026, 12, 7);
	rota_roster_need rows[] = { { rota_tz_day_start(rota_tz_utc(), day) + 9 * 3600, "q", 14, 100,
	                              180 } };
	rota_roster_needs need = { rows, 1 };
	rota_roster_model m;
	rota_error e;
	rota_roster_model_build(c, rota_tz_utc(), day, 1, &need, &m, &e);
	double *sch = calloc(m.ncells, sizeof *sch), sl;
	sch[18] = 14;
	rota_roster_service_level(&m, &need, sch, &sl);
	ok(fabs(sl - 0.8884) < 1e-4, "14 agents: service level %.4f", sl);
	sch[18] = 13.5;
	rota_roster_service_level(&m, &need, sch, &sl);
	ok(fabs(sl - 0.7962) < 1e-3, "13.5 agents count as 13: %.4f", sl);
	free(sch);
	rota_roster_model_free(&m);
	rota_config_free(c);
}

/* A history night shift that runs into the first morning covers it, in the solver as in
 * the checker: nobody else is sent for those hours, and the rule it sets (min rest)
 * keeps its agent off the first morning. */
static void
test_history_cover(void)
{
	rota_config *c = load("tz: UTC\nroster:\n  interval: 1h\n  shifts:\n"
	                      "    - { id: N, start: \"22:00\", length: 6h }\n"
	                      "    - { id: M, start: \"00:00\", length: 4h }\n"
	                      "  agents:\n    - { id: a, rules: { min_rest: 8h } }\n    - { id: b }\n"
	                      "  weights: { fairness: 0 }\n");
	if (!ok(c != NULL, "config for the history's cover loads"))
		return;
	int64_t day = rota_days_from_civil(2026, 12, 7);
	rota_time t0 = rota_tz_day_start(rota_tz_utc(), day);
	rota_roster_need rows[4];
	for (int i = 0; i < 4; i++)
		rows[i] = (rota_roster_need){ t0 + i * 3600, "q", 1, NAN, NAN };
	rota_roster_needs need = { rows, 4 };
	rota_roster_model m;
	rota_error e;
	rota_roster_model_build(c, rota_tz_utc(), day, 1, &need, &m, &e);
	size_t before = rota_roster_ncand(&m, 0, 0);
	rota_roster_asg h = { .agent = 0, .day = day - 1, .shift = 0, .queue = 0,
	                      .start = t0 - 2 * 3600, .end = t0 + 4 * 3600 };
	rota_roster_history(&m, &h, 1);
	is_int(rota_roster_ncand(&m, 0, 0), before - 1, "a's 00:00 shift is gone (4 h after N)");
	is_int(rota_roster_ncand(&m, 1, 0), 2, "b keeps both");
	rota_roster_opts o;
	rota_roster_opts_init(&o);
	o.time_limit = 5;
	rota_roster_result r;
	if (ok(rota_roster_solve(&m, &o, &r, &e) == 0, "solves")) {
		is_int(r.n, 0, "nobody is sent: the history's night covers 00:00-04:00");
		ok(fabs(r.objective) < 1e-9, "objective 0 (%g)", r.objective);
		rota_roster_asg extra = m.cands[m.slot[1]].a;
		for (size_t k = m.slot[1]; k < m.slot[2]; k++)
			if (m.cands[k].a.shift == 1)
				extra = m.cands[k].a;   /* b on M at midnight */
		rota_roster_report rep;
		rota_roster_check(&m, &extra, 1, &rep);
		ok(rep.n == 0 && rep.obj.over > 0 && rep.obj.under == 0,
		   "b there too is over-coverage (%g), no shortfall", rep.obj.over);
		rota_roster_report_free(&rep);
		rota_roster_result_free(&r);
	}
	rota_roster_model_free(&m);
	rota_config_free(c);
}

/* The runs rules' relaxation is their convex hull: one agent, a week, one shift needed
 * every day.  Work blocks of 3-4 days and 2 days off allow at most 5 days (WWWWOOW), so
 * the optimum is 2 days short, 20; rows that bound each window and each short block
 * alone (the formulation before the flow) let the relaxation reach 10. */
static void
test_runs_relaxation(void)
{
	rota_config *c = load("tz: UTC\nroster:\n  start: 2026-12-07\n  days: 7\n  shifts:\n"
	                      "    - { id: D, start: \"08:00\", length: 8h }\n  agents:\n"
	                      "    - { id: a, rules: { max_consecutive_days: 4, min_consecutive_days: 3,"
	                      " min_consecutive_days_off: 2 } }\n  cover:\n"
	                      "    - { date: 2026-12-07, shift: D, need: 1, under: 10 }\n"
	                      "    - { date: 2026-12-08, shift: D, need: 1, under: 10 }\n"
	                      "    - { date: 2026-12-09, shift: D, need: 1, under: 10 }\n"
	                      "    - { date: 2026-12-10, shift: D, need: 1, under: 10 }\n"
	                      "    - { date: 2026-12-11, shift: D, need: 1, under: 10 }\n"
	                      "    - { date: 2026-12-12, shift: D, need: 1, under: 10 }\n"
	                      "    - { date: 2026-12-13, shift: D, need: 1, under: 10 }\n"
	                      "  weights: { fairness: 0 }\n");
	if (!ok(c != NULL, "runs config loads"))
		return;
	rota_error e;
	rota_roster_model m;
	ok(rota_roster_model_build(c, rota_tz_utc(), c->roster->start, 7, NULL, &m, &e) == 0,
	   "runs model builds");
	double lp = -1;
	ok(rota_roster_relaxation(&m, &lp, &e) == 0, "the relaxation solves");
	ok(fabs(lp - 20) < 1e-6, "the relaxation's bound is the optimum, 20: %g", lp);
	rota_roster_opts o;
	rota_roster_opts_init(&o);
	o.time_limit = 5;
	rota_roster_result r;
	if (ok(rota_roster_solve(&m, &o, &r, &e) == 0, "the runs instance solves")) {
		ok(fabs(r.objective - 20) < 1e-6 && r.optimal, "optimal at 20: %g", r.objective);
		rota_roster_result_free(&r);
	}
	rota_roster_model_free(&m);
	rota_config_free(c);
}

/* ---- random instances ---- */

static unsigned rng = 12345;
static int
rnd(int n)
{
	rng = rng * 1103515245u + 12345u;
	return (int)((rng >> 16) % (unsigned)n);
}

/* first: the day of December 2026 the horizon starts on (10: a Thursday). */
static char *
random_config(int agents, int days, int tiny, int first)
{
	static char buf[8192];
	int o = snprintf(buf, sizeof buf, "tz: Europe/Berlin\nroster:\n  start: 2026-12-%02d\n"
	                 "  days: %d\n  interval: 1h\n  shifts:\n"
	                 "    - { id: E, start: \"06:00\", length: 8h }\n"
	                 "    - { id: L, start: \"%s\", length: %s%s }\n  agents:\n", first, days,
	                 rnd(2) ? "14:00" : "13:00", rnd(2) ? "8h" : "10h",
	                 rnd(2) ? ", cannot_follow: [ E ]" : "");
	for (int a = 0; a < agents; a++) {
		o += snprintf(buf + o, sizeof buf - (size_t)o, "    - { id: a%d, rules: {", a);
		const char *sep = " ";
		int K = rnd(2) ? 2 + rnd(3) : 0;   /* the config refuses a minimum above it */
		if (K) { o += snprintf(buf + o, sizeof buf - (size_t)o, "%smax_consecutive_days: %d", sep, K); sep = ", "; }
		if (rnd(2)) { o += snprintf(buf + o, sizeof buf - (size_t)o, "%smin_consecutive_days: %d", sep, 1 + rnd(K && K < 3 ? K : 3)); sep = ", "; }
		if (rnd(2)) { o += snprintf(buf + o, sizeof buf - (size_t)o, "%smin_consecutive_days_off: %d", sep, 1 + rnd(3)); sep = ", "; }
		if (rnd(2)) { o += snprintf(buf + o, sizeof buf - (size_t)o, "%smin_rest: %dh", sep, 10 + rnd(8)); sep = ", "; }
		if (rnd(3) == 0) { o += snprintf(buf + o, sizeof buf - (size_t)o, "%smax_weekends: %d", sep, rnd(2)); sep = ", "; }
		if (rnd(3) == 0) { o += snprintf(buf + o, sizeof buf - (size_t)o, "%smax_shifts: { L: %d }", sep, rnd(3)); sep = ", "; }
		if (rnd(3) == 0) { o += snprintf(buf + o, sizeof buf - (size_t)o, "%sminutes: { horizon: \"%d-%d\" }", sep, 480 * rnd(days), 480 * days); sep = ", "; }
		o += snprintf(buf + o, sizeof buf - (size_t)o, " }");
		if (rnd(3) == 0)
			o += snprintf(buf + o, sizeof buf - (size_t)o, ", days_off: [ 2026-12-%02d ]", first + rnd(days));
		if (rnd(3) == 0)
			o += snprintf(buf + o, sizeof buf - (size_t)o, ", prefer: [ { date: 2026-12-%02d, shift: L, weight: %d } ]", first + rnd(days), 1 + rnd(5));
		if (rnd(3) == 0)
			o += snprintf(buf + o, sizeof buf - (size_t)o, ", avoid: [ { date: 2026-12-%02d, weight: %d } ]", first + rnd(days), 1 + rnd(5));
		o += snprintf(buf + o, sizeof buf - (size_t)o, " }\n");
	}
	o += snprintf(buf + o, sizeof buf - (size_t)o, "  cover:\n");
	for (int d = 0; d < days; d++)
		for (int s = 0; s < 2; s++)
			if (rnd(3))
				o += snprintf(buf + o, sizeof buf - (size_t)o,
				              "    - { date: 2026-12-%02d, shift: %s, need: %d, under: %d, over: %d }\n",
				              first + d, s ? "L" : "E", rnd(agents + 1), 1 + rnd(20), rnd(3));
	snprintf(buf + o, sizeof buf - (size_t)o, "  weights: { fairness: %d, cost: %d }\n",
	         tiny ? rnd(3) : rnd(2) * 5, rnd(2));
	return buf;
}

/* The best feasible objective over every choice (off or a candidate) per agent-day. */
static double
brute_force(const rota_roster_model *m)
{
	size_t ns = m->nagents * (size_t)m->days;
	int *pick = calloc(ns, sizeof *pick);
	rota_roster_asg *a = malloc((ns + 1) * sizeof *a);
	double best = HUGE_VAL;
	for (size_t i = 0; i < ns; i++)
		pick[i] = -1;
	for (;;) {
		size_t n = 0;
		for (size_t s = 0; s < ns; s++)
			if (pick[s] >= 0)
				a[n++] = m->cands[m->slot[s] + (size_t)pick[s]].a;
		rota_roster_report r;
		if (rota_roster_check(m, a, n, &r) == 0 && r.obj.total < best)
			best = r.obj.total;
		rota_roster_report_free(&r);
		size_t s = 0;
		for (; s < ns; s++) {
			if (++pick[s] < (int)(m->slot[s + 1] - m->slot[s]))
				break;
			pick[s] = -1;
		}
		if (s == ns)
			break;
	}
	free(pick);
	free(a);
	return best;
}

/* A previous roster of 1-3 days before the horizon: each agent off, on E or on L each
 * day (the model's own shifts, in the agent's zone). */
static size_t
random_history(const rota_roster_model *m, rota_roster_asg *h)
{
	int hdays = 1 + rnd(3);
	size_t n = 0;
	for (size_t a = 0; a < m->nagents; a++)
		for (int d = -hdays; d < 0; d++) {
			int pick = rnd(3);
			if (pick == 0)
				continue;
			const rota_shift_def *s = &m->def->shifts[pick - 1];
			int y, mo, dd;
			rota_civil_from_days(m->start + d, &y, &mo, &dd);
			rota_civil lt = { y, mo, dd, s->starts[0] / 3600, s->starts[0] / 60 % 60, 0 };
			rota_roster_asg x = { .agent = a, .day = m->start + d, .shift = (size_t)pick - 1,
			                      .queue = -1 };
			x.start = rota_tz_from_local_earliest(m->agent_tz[a], &lt);
			x.end = x.start + s->length;
			h[n++] = x;
		}
	return n;
}

/* history: each instance gets a random previous roster, and starts on a Thursday or a
 * Sunday (so that a weekend spans the boundary). */
static void
property(int rounds, int tiny, int history)
{
	int passed = 0, agreed = 0, infeasible = 0, below = 0;
	for (int k = 0; k < rounds; k++) {
		/* One agent over up to 6 days gives the runs rules room; two over 3 the rules
		 * between agents (cover, fairness). */
		int agents = tiny ? 1 + rnd(2) : 2 + rnd(3), days = tiny ? 2 + rnd(5) : 4 + rnd(5);
		if (tiny && agents == 2 && days > 3)
			days = 3;
		int first = history && rnd(2) ? 13 : 10;
		const char *yaml = random_config(agents, days, tiny, first);
		if (getenv("ROSTER_DUMP") && atoi(getenv("ROSTER_DUMP")) == k && !tiny)
			fputs(yaml, stderr);
		rota_config *c = load(yaml);
		if (!c) {
			ok(0, "random config %d loads", k);
			continue;
		}
		rota_error e;
		rota_roster_model m;
		rota_roster_model_build(c, rota_tz_get("Europe/Berlin", &e), c->roster->start, days,
		                        NULL, &m, &e);
		if (history) {
			rota_roster_asg h[64];
			rota_roster_history(&m, h, random_history(&m, h));
		}
		rota_roster_opts o;
		rota_roster_opts_init(&o);
		o.time_limit = 5;
		o.seed = (unsigned)k + 1;
		rota_roster_result res;
		int rc = rota_roster_solve(&m, &o, &res, &e);
		double bf = tiny ? brute_force(&m) : 0, lp;
		/* The relaxation bounds every roster: a formulation that cut off a roster the
		 * rules allow would show here as a bound above the brute-force optimum. */
		int lrc = rota_roster_relaxation(&m, &lp, &e);
		if (tiny && isfinite(bf)) {
			if (lrc == 0 && lp <= bf + 1e-6)
				below++;
			else
				ok(0, "instance %d: relaxation %d, bound %g above the optimum %g", k, lrc, lp, bf);
		}
		if (rc == 1) {
			infeasible++;
			if (tiny && !ok(!isfinite(bf), "instance %d: infeasible as brute force says (%g)",
			                k, bf))
				fprintf(stderr, "%s\n", e.msg);
			ok(strstr(e.msg, "cannot all hold") != NULL, "instance %d: the message names the "
			   "rules: %s", k, e.msg);
		} else if (rc == 0) {
			rota_roster_report r;
			size_t nv = rota_roster_check(&m, res.a, res.n, &r);
			if (nv == 0 && fabs(r.obj.total - res.objective) < 1e-6)
				passed++;
			else
				ok(0, "instance %d: %zu rules broken (first %s: %s), objective %g vs %g", k, nv,
				   nv ? r.v[0].rule : "-", nv ? r.v[0].what : "-", r.obj.total, res.objective);
			if (tiny) {
				if (fabs(bf - res.objective) < 1e-6)
					agreed++;
				else
					ok(0, "instance %d: solver %g, brute force %g", k, res.objective, bf);
			}
			rota_roster_report_free(&r);
			rota_roster_result_free(&res);
		} else
			ok(0, "instance %d: solver failed: %s", k, e.msg);
		rota_roster_model_free(&m);
		rota_config_free(c);
	}
	const char *what = history ? (tiny ? "tiny with history" : "small with history")
	                           : tiny ? "tiny" : "small";
	ok(passed + infeasible == rounds, "%s: %d rosters pass the checker, %d infeasible, of %d",
	   what, passed, infeasible, rounds);
	if (tiny) {
		ok(agreed == passed, "%s: the solver's objective is the brute-force optimum in %d of %d",
		   what, agreed, passed);
		ok(below == passed, "%s: the relaxation's bound is at most the optimum in %d of %d",
		   what, below, passed);
	}
}

int
main(void)
{
	test_model_dst();
	test_breaks();
	test_service_level();
	test_history_cover();
	test_runs_relaxation();
	property(40, 1, 0);
	property(25, 0, 0);
	property(40, 1, 1);
	property(25, 0, 1);
	rota_tz_cache_free();
	return tap_done();
}
