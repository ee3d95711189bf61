/* rota-roster: shifts, agents and rules from the config, interval needs from rota-staff,
 * a roster out that keeps every hard rule (GLPK); `check` judges a roster edited by hand. */
#include <config.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <rota/rota.h>
#include "cmd.h"
#include <rota/config.h>
#include <rota/roster.h>

static const char doc[] =
	"Shift rosters by integer programming.\v"
	"Reads shift types, agents, contracts and cover lines from the roster: section of the "
	"config and interval needs from --need (interval_start,queue,required: what rota-staff "
	"writes), and writes the roster that keeps every hard rule at the least penalty:\n"
	"  agent,date,shift,start,end,breaks,queue\n"
	"start and end in the agent's zone with offset, breaks as local times.  A summary goes "
	"to stderr: objective, best bound, gap, uncovered agent-hours.\n\n"
	"rota-roster check ROSTER.csv lists the hard rules a roster (edited by hand) breaks, "
	"one row per rule, agent and dates, and says its objective.\n\n"
	"--history FILE gives the previous roster: runs of days, rest and cannot-follow then "
	"count across the first day, in the roster made and in check.\n\n"
	"Examples:\n"
	"  rota-forecast --by queue | rota-staff > need.csv\n"
	"  rota-roster --need need.csv --time-limit 30s -o roster.csv\n"
	"  rota-roster check roster.csv\n"
	"  rota-roster --start 2026-12-14 --history roster.csv -o next.csv\n\n"
	"Exit status: 0 on success; 1 when the hard rules cannot all hold (the message names "
	"the rules and the agent) or check finds a rule broken; 2 on bad usage or bad input; 3 "
	"on I/O or solver failure.";

static const char args_doc[] = "\ncheck ROSTER.csv";

enum { OPT_NEED = 0x7301, OPT_START, OPT_DAYS, OPT_LIMIT, OPT_GAP, OPT_SEED, OPT_COVERAGE,
       OPT_DIRECT, OPT_HISTORY, OPT_SVG };

static const struct argp_option options[] = {
	{ NULL, 0, NULL, 0, "The problem:", 1 },
	{ "need", OPT_NEED, "FILE", 0, "Interval needs: interval_start,queue,required (rota-staff)", 1 },
	{ "start", OPT_START, "DATE", 0, "First day of the horizon (default: roster: start)", 1 },
	{ "days", OPT_DAYS, "N", 0, "Days in the horizon (default: roster: days, else 7)", 1 },
	{ "history", OPT_HISTORY, "FILE", 0,
	  "The previous roster (as written here), so that rules on runs of days, rest and "
	  "cannot-follow carry across the first day", 1 },
	{ NULL, 0, NULL, 0, "The solver:", 2 },
	{ "time-limit", OPT_LIMIT, "DUR", 0, "Stop searching after DUR (default 60s)", 2 },
	{ "gap", OPT_GAP, "R", 0, "Stop when within R of the best bound (0.01 or 1%; default 0)", 2 },
	{ "seed", OPT_SEED, "N", 0, "Seed of the search's choices (default 1)", 2 },
	{ "direct-limit", OPT_DIRECT, "N", 0,
	  "Candidate shifts above which the model is solved by search only (default 2500)", 2 },
	{ NULL, 0, NULL, 0, "Output:", 3 },
	{ "coverage", OPT_COVERAGE, "FILE", 0,
	  "Also write interval,queue,required,scheduled,gap per interval and queue", 3 },
	{ "svg", OPT_SVG, "FILE", 0,
	  "Also draw required vs scheduled per queue and the roster as a Gantt chart (SVG)", 3 },
	{ 0 }
};

struct opts {
	struct cmd_cli cli;
	struct cmd_output out;
	rota_roster_opts r;
	const char *need, *start, *coverage, *check, *history, *svg;
	int days, check_mode;
};

static long
number_arg(struct argp_state *state, const char *opt, const char *arg, long lo, long hi)
{
	char *end;
	long v = strtol(arg, &end, 10);
	if (end == arg || *end || v < lo || v > hi)
		argp_error(state, "%s: bad value '%s': expected a whole number from %ld to %ld", opt, arg,
		           lo, hi);
	return v;
}

static error_t
parse_opt(int key, char *arg, struct argp_state *state)
{
	struct opts *o = state->input;
	switch (key) {
	case ARGP_KEY_INIT:
		state->child_inputs[0] = &o->cli;
		state->child_inputs[1] = &o->out;
		break;
	case OPT_NEED: o->need = arg; break;
	case OPT_START: o->start = arg; break;
	case OPT_DAYS: o->days = (int)number_arg(state, "--days", arg, 1, 3660); break;
	case OPT_LIMIT: o->r.time_limit = (double)cmd_duration_arg(state, "--time-limit", arg, 0); break;
	case OPT_GAP: cmd_share_arg(state, "--gap", arg, 0, 0, 1, 1, &o->r.gap); break;
	case OPT_SEED: o->r.seed = (unsigned)number_arg(state, "--seed", arg, 0, 2147483647); break;
	case OPT_DIRECT: o->r.direct_limit = (size_t)number_arg(state, "--direct-limit", arg, 1,
	                                                         2147483647); break;
	case OPT_COVERAGE: o->coverage = arg; break;
	case OPT_HISTORY: o->history = arg; break;
	case OPT_SVG: o->svg = arg; break;
	case ARGP_KEY_ARG:
		if (state->arg_num == 0 && strcmp(arg, "check") == 0)
			o->check_mode = 1;
		else if (state->arg_num == 1 && o->check_mode)
			o->check = arg;
		else
			argp_error(state, "unexpected argument '%s': expected none, or check ROSTER.csv", arg);
		break;
	case ARGP_KEY_END:
		if (o->check_mode && !o->check)
			argp_error(state, "check needs the roster to check: check ROSTER.csv");
		break;
	default:
		return ARGP_ERR_UNKNOWN;
	}
	return 0;
}

static void
progress(void *ctx, const rota_roster_progress *p)
{
	const struct opts *o = ctx;
	if (o->cli.quiet || (!o->cli.verbose && !isatty(2)))
		return;
	if (isfinite(p->bound) && isfinite(p->objective))
		cmd_warn("%s %.1fs: objective %.2f, bound %.2f, gap %.2f%%", p->phase, p->seconds,
		         p->objective, p->bound, 100 * p->gap);
	else
		cmd_warn("%s %.1fs: objective %.2f", p->phase, p->seconds, p->objective);
}

static int
put_coverage(const struct opts *o, const rota_roster_model *m, const rota_roster_result *r,
             rota_error *err)
{
	struct cmd_output c = { .format = o->out.format, .csv_safe = o->out.csv_safe,
	                        .path = o->coverage };
	rota_record *w = cmd_output_open(&c, rota_roster_coverage_columns, ROTA_ROSTER_COVERAGE_NCOLS,
	                                 err);
	if (w == NULL)
		return -1;
	rota_roster_coverage_write(w, m, r->a, r->n);
	return cmd_output_commit(&c, w, err);
}

static int
put_svg(const struct opts *o, const rota_roster_model *m, const rota_roster_result *r,
        rota_error *err)
{
	char *text = rota_roster_svg(m, r->a, r->n);
	int rc = cmd_write_text(o->svg, text, err);
	free(text);
	return rc;
}

static void
summary(const struct opts *o, const rota_roster_model *m, const rota_roster_needs *need,
        const rota_roster_result *r)
{
	rota_roster_objective ob;
	rota_roster_objective_of(m, r->a, r->n, &ob);
	if (o->cli.quiet)
		return;
	if (isfinite(r->bound))
		cmd_warn("objective %.2f, best bound %.2f, gap %.2f%%%s; %zu shifts, %.1f uncovered "
		         "agent-hours; %.1fs (first roster after %.1fs)", r->objective, r->bound,
		         100 * r->gap, r->optimal ? " (optimal)" : "", r->n, ob.uncovered_hours,
		         r->seconds, r->first_feasible);
	else
		cmd_warn("objective %.2f, no bound; %zu shifts, %.1f uncovered agent-hours; %.1fs",
		         r->objective, r->n, ob.uncovered_hours, r->seconds);
	cmd_warn("objective parts: under %.2f, over %.2f, preference %.2f, cost %.2f, fairness %.2f",
	         ob.under, ob.over, ob.preference, ob.cost, ob.fairness);
	double *sch = rota_xmalloc((m->nqueues * m->ncells + 1) * sizeof *sch);
	double *sl = rota_xmalloc((m->nqueues + 1) * sizeof *sl);
	rota_roster_coverage(m, r->a, r->n, sch);
	rota_roster_service_level(m, need, sch, sl);
	for (size_t q = 0; q < m->nqueues; q++)
		if (!isnan(sl[q]))
			cmd_warn("queue %s: predicted service level %.1f%%", m->queues[q], 100 * sl[q]);
	free(sch);
	free(sl);
}

/* A roster file: the one to check, or (history) the previous one. */
static int
read_roster(const char *path, const rota_roster_model *m, int history, rota_roster_asg **a,
            size_t *n, rota_error *err)
{
	rota_csv *c = rota_csv_open(path, err);
	if (c == NULL)
		return -1;
	int rc = history ? rota_roster_history_read(c, m, a, n, err) : rota_roster_read(c, m, a, n, err);
	rota_csv_close(c);
	return rc;
}

static int
load_history(const struct opts *o, rota_roster_model *m, rota_error *err)
{
	rota_roster_asg *h;
	size_t n;
	if (read_roster(o->history, m, 1, &h, &n, err) < 0)
		return -1;
	rota_roster_history(m, h, n);
	free(h);
	return 0;
}

static int
run_check(struct opts *o, const rota_roster_model *m, rota_error *err)
{
	rota_roster_asg *a;
	size_t n;
	if (read_roster(o->check, m, 0, &a, &n, err) < 0)
		return -1;
	rota_roster_report rep;
	rota_roster_check(m, a, n, &rep);
	free(a);
	rota_record *w = cmd_output_open(&o->out, rota_roster_report_columns,
	                                 ROTA_ROSTER_REPORT_NCOLS, err);
	if (w == NULL) {
		rota_roster_report_free(&rep);
		return -1;
	}
	rota_roster_report_write(w, m, &rep);
	size_t broken = rep.n;
	rota_roster_objective ob = rep.obj;
	rota_roster_report_free(&rep);
	if (cmd_output_commit(&o->out, w, err) < 0)
		return -1;
	if (!o->cli.quiet)
		cmd_warn("%zu hard rule%s broken; objective %.2f (under %.2f, over %.2f, preference "
		         "%.2f, cost %.2f, fairness %.2f)", broken, broken == 1 ? "" : "s", ob.total,
		         ob.under, ob.over, ob.preference, ob.cost, ob.fairness);
	return broken ? ROTA_EXIT_FOUND : ROTA_EXIT_OK;
}

int
main(int argc, char **argv)
{
	static struct argp_child kids[] = {
		{ &cmd_argp, 0, "Common options:", 4 }, { &cmd_output_argp, 0, NULL, 3 }, { 0 }
	};
	static struct argp argp = { options, parse_opt, args_doc, doc, kids, NULL, NULL };
	static const struct cmd_flag flags[] = { { "rules", "rules:" }, { NULL, NULL } };
	struct opts o = { .out = { .format = ROTA_FORMAT_CSV } };
	rota_error err;
	rota_roster_needs need = { 0 };
	rota_roster_model m = { 0 };
	int status = ROTA_EXIT_OK;

	cmd_init(&o.cli, "rota-roster");
	cmd_flags(flags);
	rota_roster_opts_init(&o.r);
	argp_parse(&argp, argc, argv, 0, NULL, &o);
	rota_error_clear(&err);
	rota_config *cfg = cmd_config_load(&o.cli, &err);
	if (cfg == NULL)
		cmd_error_exit(&err);
	const rota_tz *tz = rota_tz_get(cmd_tz(&o.cli, cfg->tz), &err);
	const rota_roster_def *def = cfg->roster;
	int64_t start = def ? def->start : 0;
	if (tz == NULL)
		goto fail;
	if (def == NULL || def->nshifts == 0) {
		rota_error_set(&err, ROTA_EXIT_USAGE, o.cli.config, 0, 0, "the config has no roster: "
		               "section with shifts and agents (rota.yaml(5) describes it)");
		goto fail;
	}
	if (o.start && rota_date_parse(o.start, &start, &err) < 0) {
		rota_error_set(&err, ROTA_EXIT_USAGE, NULL, 0, 0, "--start: bad date '%s': expected "
		               "a date such as 2026-12-07", o.start);
		goto fail;
	}
	if (!o.start && !def->has_start) {
		rota_error_set(&err, ROTA_EXIT_USAGE, NULL, 0, 0, "no first day: give --start DATE or "
		               "roster: start in the config");
		goto fail;
	}
	int days = o.days ? o.days : def->days > 0 ? def->days : 7;
	if (o.need) {
		rota_csv *c = rota_csv_open(o.need, &err);
		if (c == NULL)
			goto fail;
		int rc = rota_roster_need_read(c, tz, o.cli.lenient ? ROTA_PARSE_LENIENT : 0, &need, &err);
		rota_csv_close(c);
		if (rc < 0)
			goto fail;
	}
	if (rota_roster_model_build(cfg, tz, start, days, &need, &m, &err) < 0)
		goto fail;
	if (o.history && load_history(&o, &m, &err) < 0)
		goto fail;
	if (m.ignored_need && !o.cli.quiet)
		cmd_warn("%zu need rows lie outside the horizon and were left out", m.ignored_need);
	if (o.check_mode) {
		status = run_check(&o, &m, &err);
		if (status < 0)
			goto fail;
	} else {
		rota_roster_result r;
		o.r.progress = progress;
		o.r.ctx = &o;
		int rc = rota_roster_solve(&m, &o.r, &r, &err);
		if (rc != 0)
			goto fail;
		summary(&o, &m, &need, &r);
		rota_record *w = cmd_output_open(&o.out, rota_roster_columns, ROTA_ROSTER_NCOLS, &err);
		if (w == NULL) {
			rota_roster_result_free(&r);
			goto fail;
		}
		rota_roster_write(w, &m, r.a, r.n);
		if (cmd_output_commit(&o.out, w, &err) < 0 ||
		    (o.coverage && put_coverage(&o, &m, &r, &err) < 0) ||
		    (o.svg && put_svg(&o, &m, &r, &err) < 0)) {
			rota_roster_result_free(&r);
			goto fail;
		}
		rota_roster_result_free(&r);
	}
	rota_roster_model_free(&m);
	rota_roster_needs_free(&need);
	rota_config_free(cfg);
	rota_tz_cache_free();
	return status;
fail:
	rota_roster_model_free(&m);
	rota_roster_needs_free(&need);
	rota_config_free(cfg);
	rota_tz_cache_free();
	cmd_error_exit(&err);
}
