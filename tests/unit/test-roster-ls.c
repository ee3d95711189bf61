/* The roster local search (src/lib/roster-ls.c): on random instances every move's
 * objective difference equals what the checker computes for the roster after it, a move
 * undone as breaking a hard rule does break one by the checker, a move made keeps every
 * rule, and a whole round leaves a roster the checker passes, no worse than its start
 * and the same for the same seed.  The instances mix cover lines with interval needs on
 * two queues, breaks, two zones, week and horizon minutes and every run rule, so that
 * each term of the difference is exercised. */
#include <config.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <rota/rota.h>
#include <rota/config.h>
#include <rota/roster.h>
#include "roster-int.h"
#include <stdarg.h>
#include "tap.h"

static void diag(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static void
diag(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	fputs("# ", stdout);
	vprintf(fmt, ap);
	putchar('\n');
	va_end(ap);
}

static unsigned state = 2026;
static int
pick_int(int n)
{
	state = state * 1664525u + 1013904223u;
	return (int)((state >> 12) % (unsigned)n);
}

#define PUT(...) (o += snprintf(buf + o, sizeof buf - (size_t)o, __VA_ARGS__))

static const char *
instance(int agents, int days)
{
	static char buf[16384];
	int o = 0;
	PUT("tz: Europe/Berlin\nqueues: { q1: {}, q2: {} }\nroster:\n  start: 2026-12-%02d\n"
	    "  days: %d\n  interval: 1h\n", 3 + pick_int(5), days);
	PUT("  weights: { under: %d, over: %d, preference: %d, cost: %d, fairness: %d }\n",
	    50 + pick_int(100), pick_int(3), 1 + pick_int(2), pick_int(2), pick_int(4));
	PUT("  shifts:\n"
	    "    - { id: E, start: \"06:00-08:00/1h\", length: 8h,"
	    " breaks: [ { length: 1h, within: \"3h-5h\" } ] }\n"
	    "    - { id: L, start: \"%s\", length: %s, queues: [ q2 ]%s }\n"
	    "    - { id: N, start: \"22:00\", length: 8h, cannot_follow: [ E%s ] }\n",
	    pick_int(2) ? "14:00" : "13:00", pick_int(2) ? "8h" : "10h",
	    pick_int(2) ? ", cannot_follow: [ E ]" : "", pick_int(2) ? ", L" : "");
	PUT("  agents:\n");
	for (int a = 0; a < agents; a++) {
		PUT("    - { id: a%d%s%s, cost: %d, rules: {", a,
		    pick_int(3) == 0 ? ", tz: Europe/London" : "",
		    pick_int(2) ? ", skills: [ q1 ]" : "", 1 + pick_int(3));
		const char *sep = " ";
#define RULE(...) (PUT("%s", sep), PUT(__VA_ARGS__), sep = ", ")
		if (pick_int(2))
			RULE("max_consecutive_days: %d", 3 + pick_int(2));
		if (pick_int(3) == 0)
			RULE("min_consecutive_days: %d", 2 + pick_int(2));
		if (pick_int(3) == 0)
			RULE("min_consecutive_days_off: %d", 2 + pick_int(2));
		if (pick_int(2))
			RULE("min_rest: %dh", 8 + pick_int(8));
		if (pick_int(3) == 0)
			RULE("max_weekends: %d", pick_int(2));
		if (pick_int(3) == 0)
			RULE("max_shifts: { N: %d }", pick_int(3));
		if (pick_int(2))
			RULE("minutes: { horizon: \"%d-%d\", week: \"%d-%d\" }", 420 * pick_int(3),
			     480 * (2 + pick_int(days)), 420 * pick_int(2), 420 * (1 + pick_int(5)));
		PUT(" }");
		if (pick_int(3) == 0)
			PUT(", days_off: [ 2026-12-%02d ]", 8 + pick_int(days));
		if (pick_int(2))
			PUT(", prefer: [ { date: 2026-12-%02d, shift: %s, weight: %d } ]", 8 + pick_int(days),
			    pick_int(2) ? "L" : "E", 1 + pick_int(5));
		if (pick_int(2))
			PUT(", avoid: [ { date: 2026-12-%02d, weight: %d } ]", 8 + pick_int(days),
			    1 + pick_int(5));
		PUT(" }\n");
	}
	PUT("  cover:\n");
	for (int d = 0; d < days; d++)
		PUT("    - { date: 2026-12-%02d, shift: %s, need: %d, under: %d, over: %d }\n", 8 + d,
		    pick_int(2) ? "N" : "L", pick_int(agents + 1), 1 + pick_int(20), pick_int(3));
	return buf;
}

/* Interval needs on both queues, at random hours of the horizon. */
static rota_roster_needs
needs(const rota_config *c, int days)
{
	static rota_roster_need rows[400];
	static char *queues[] = { "q1", "q2" };
	size_t n = 0;
	rota_time t0 = rota_tz_day_start(rota_tz_get("Europe/Berlin", &(rota_error){ 0 }),
	                                 c->roster->start);
	for (int h = 0; h < 24 * days && n < 400; h++)
		if (pick_int(3) == 0)
			rows[n++] = (rota_roster_need){ t0 + (rota_time)h * 3600, queues[pick_int(2)],
			                                 pick_int(7) * 0.5, NAN, NAN };
	return (rota_roster_needs){ rows, n };
}

static size_t
check(const rota_roster_model *m, const int *pick, rota_roster_report *r)
{
	rota_roster_plan p = { (int *)pick, 0 };
	rota_roster_asg *a;
	size_t n = rota_roster_plan_asg(m, &p, &a);
	size_t nv = rota_roster_check(m, a, n, r);
	free(a);
	return nv;
}

struct audit {
	int made, undone, broke, none, bad_delta, bad_made, bad_broke;
};

/* Steps at a temperature; each outcome judged by the checker on the roster it leaves or
 * would have left. */
static void
steps(const rota_roster_model *m, roster_ls *s, int n, double temp, struct audit *au)
{
	size_t ns = m->nagents * (size_t)m->days;
	int *trial = malloc((ns + 1) * sizeof *trial);
	size_t slots[64];
	int picks[64];
	for (int i = 0; i < n; i++) {
		double before = roster_ls_objective(s), delta = NAN;
		memcpy(trial, roster_ls_pick(s), ns * sizeof *trial);
		int rc = roster_ls_step(s, temp, &delta);
		if (rc < 0) {
			au->none++;
			continue;
		}
		size_t nc = roster_ls_last(s, slots, picks, 64);
		for (size_t k = 0; k < nc && k < 64; k++)
			trial[slots[k]] = picks[k];
		if (rc == 1 && memcmp(trial, roster_ls_pick(s), ns * sizeof *trial) != 0)
			au->bad_made++;
		rota_roster_report r;
		size_t nv = check(m, trial, &r);
		if (rc == 2) {
			au->broke++;
			if (nv == 0) {
				if (au->bad_broke++ == 0)
					diag("a move undone as breaking a rule keeps every rule");
			}
		} else {
			rc == 1 ? au->made++ : au->undone++;
			if (nv > 0 && au->bad_made++ == 0)
				diag("a move kept by the rules breaks %s: %s", r.v[0].rule, r.v[0].what);
			if (fabs(before + delta - r.obj.total) > 1e-6 && au->bad_delta++ == 0)
				diag("delta %.9g from %.9g, the checker says %.9g", delta, before, r.obj.total);
			if (rc == 1 && fabs(roster_ls_objective(s) - r.obj.total) > 1e-6 && au->bad_delta++ == 0)
				diag("running objective %.9g, the checker says %.9g", roster_ls_objective(s),
				     r.obj.total);
		}
		rota_roster_report_free(&r);
	}
	free(trial);
}

static void
property(int rounds)
{
	struct audit au = { 0 };
	int started = 0, start_ok = 0, runs_ok = 0, same = 0, infeasible = 0;
	for (int k = 0; k < rounds; k++) {
		int agents = 2 + pick_int(4), days = 5 + pick_int(10);
		const char *yaml = instance(agents, days);
		if (getenv("ROSTER_LS_DUMP") && atoi(getenv("ROSTER_LS_DUMP")) == k)
			fputs(yaml, stderr);
		rota_error e;
		rota_config *c = rota_config_load_mem(yaml, strlen(yaml), "t.yaml", &e);
		if (!ok(c != NULL, "instance %d loads", k)) {
			diag("%s:%ld:%ld: %s", e.file, e.line, e.col, e.msg);
			continue;
		}
		rota_roster_needs nd = needs(c, days);
		rota_roster_model m;
		if (!ok(rota_roster_model_build(c, rota_tz_get("Europe/Berlin", &e), c->roster->start,
		                                days, &nd, &m, &e) == 0, "instance %d: model", k)) {
			rota_config_free(c);
			continue;
		}
		size_t ns = m.nagents * (size_t)m.days;
		rota_roster_opts o;
		rota_roster_opts_init(&o);
		o.time_limit = 5;
		o.seed = (unsigned)k + 1;
		rota_roster_plan p = { malloc((ns + 1) * sizeof *p.pick), HUGE_VAL };
		int rc = rota_roster_construct(&m, &o, rota_roster_now(), &p, &e);
		if (rc == 1)
			infeasible++;
		if (rc == 0) {
			started++;
			roster_ls *s = roster_ls_new(&m, p.pick, (unsigned)k);
			rota_roster_report r;
			check(&m, p.pick, &r);
			if (roster_ls_feasible(s) && fabs(roster_ls_objective(s) - r.obj.total) < 1e-6)
				start_ok++;
			else
				diag("instance %d: start objective %.9g, the checker says %.9g", k,
				     roster_ls_objective(s), r.obj.total);
			rota_roster_report_free(&r);
			/* Hot (every move that keeps the rules is made), warm, and greedy. */
			steps(&m, s, 400, INFINITY, &au);
			steps(&m, s, 400, 5, &au);
			steps(&m, s, 400, 0, &au);
			roster_ls_free(s);

			rota_roster_plan q = { malloc((ns + 1) * sizeof *q.pick), p.objective };
			memcpy(q.pick, p.pick, ns * sizeof *q.pick);
			int r1 = roster_ls_run(&m, 7, 20000, 0.1, rota_roster_now(), 1e9, -HUGE_VAL, &q);
			size_t nv = check(&m, q.pick, &r);
			if (r1 >= 0 && nv == 0 && fabs(r.obj.total - q.objective) < 1e-6 &&
			    q.objective <= p.objective + 1e-9)
				runs_ok++;
			else
				diag("instance %d: run %d, %zu rules broken, objective %.9g (checker %.9g, "
				     "start %.9g)", k, r1, nv, q.objective, r.obj.total, p.objective);
			rota_roster_report_free(&r);
			rota_roster_plan q2 = { malloc((ns + 1) * sizeof *q2.pick), p.objective };
			memcpy(q2.pick, p.pick, ns * sizeof *q2.pick);
			roster_ls_run(&m, 7, 20000, 0.1, rota_roster_now(), 1e9, -HUGE_VAL, &q2);
			same += memcmp(q.pick, q2.pick, ns * sizeof *q.pick) == 0 &&
			        q.objective == q2.objective;
			free(q.pick);
			free(q2.pick);
		} else if (rc != 1)
			ok(0, "instance %d: construction failed: %s", k, e.msg);
		free(p.pick);
		rota_roster_model_free(&m);
		rota_config_free(c);
	}
	diag("%d instances with a roster (%d infeasible): %d moves made, %d undone by "
	     "acceptance, %d undone by a rule, %d not drawn", started, infeasible, au.made,
	     au.undone, au.broke, au.none);
	ok(started >= rounds / 2, "most instances have a roster to start from (%d of %d)", started,
	   rounds);
	ok(start_ok == started, "the start's objective is the checker's (%d of %d)", start_ok,
	   started);
	ok(au.bad_delta == 0, "every move's difference is the checker's (%d wrong)", au.bad_delta);
	ok(au.bad_made == 0 && au.made > 1000, "%d moves made, none breaking a rule (%d did)",
	   au.made, au.bad_made);
	ok(au.bad_broke == 0 && au.broke > 1000, "%d moves undone for a rule, each breaking one by "
	   "the checker (%d did not)", au.broke, au.bad_broke);
	ok(au.undone > 100, "moves undone by the acceptance rule are audited too (%d)", au.undone);
	ok(runs_ok == started, "a round leaves a roster that passes, no worse (%d of %d)", runs_ok,
	   started);
	ok(same == started, "the same seed gives the same roster (%d of %d)", same, started);
}

/* A roster that breaks a rule is no start: the round refuses it and leaves it alone. */
static void
test_refuses_broken(void)
{
	const char *yaml = "tz: UTC\nroster:\n  start: 2026-12-07\n  days: 4\n  shifts:\n"
	                   "    - { id: E, start: \"07:00\", length: 8h }\n"
	                   "  agents:\n    - { id: a, rules: { max_consecutive_days: 2 } }\n"
	                   "  cover:\n    - { date: 2026-12-08, shift: E, need: 1 }\n";
	rota_error e;
	rota_config *c = rota_config_load_mem(yaml, strlen(yaml), "t.yaml", &e);
	rota_roster_model m;
	if (!ok(c && rota_roster_model_build(c, rota_tz_utc(), c->roster->start, 4, NULL, &m, &e) == 0,
	        "a four-day model"))
		return;
	int pick[4] = { 0, 0, 0, 0 };
	rota_roster_plan p = { pick, 123 };
	is_int(roster_ls_run(&m, 1, 1000, 0.1, rota_roster_now(), 1e9, -HUGE_VAL, &p), -1,
	       "four days in a row under a maximum of two: refused");
	ok(p.objective == 123 && pick[0] == 0 && pick[3] == 0, "and left as it was");
	rota_roster_model_free(&m);
	rota_config_free(c);
}

int
main(void)
{
	test_refuses_broken();
	property(30);
	rota_tz_cache_free();
	return tap_done();
}
