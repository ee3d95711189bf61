/* rota-sla: the SLA and OLA clocks of every ticket (check) and compliance over a period
 * (report), from the store through the clock engine (rota/sla.h). */
#include <config.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <rota/rota.h>
#include "cmd.h"
#include <rota/config.h>
#include <rota/calendar.h>
#include <rota/sla.h>
#include <rota/store.h>

static const char doc[] =
	"SLA and OLA clocks of every ticket in the database.\v"
	"rota-sla check writes one row per ticket and metric (its latest cycle):\n"
	"  ticket,kind,policy,metric,team,state,start,due,stop,elapsed,target,remaining,"
	"percent,cycle,warn\n"
	"as of --at (default: now); only events at or before it count, so a past moment is "
	"replayed exactly.  rota-sla report counts the cycles that start in [--from, --to) by "
	"--by (policy, metric, priority, team, month): met, breached, open, compliance, the "
	"median and p90 of the elapsed business time, and the log's own made_sla rate for the "
	"same tickets when they carry that attribute.  Policies come from the sla: and ola: "
	"sections of the config; rota-sla(1) and rota.yaml(5) say how clocks run.\n\n"
	"Example: rota-sla check --open-only --due-within 1h --fail-on-breach\n\n"
	"Exit status: 0 on success; 1 when --fail-on-breach is given and a row is breached; "
	"2 on bad usage or bad input; 3 on I/O or database failures.";

enum { OPT_AT = 0x7301, OPT_OPEN, OPT_FAIL, OPT_WITHIN, OPT_FROM, OPT_TO, OPT_BY, OPT_MADE,
       OPT_THREADS };

static const struct argp_option options[] = {
	{ "at", OPT_AT, "TIME", 0, "Evaluate as of TIME (default: now)", 1 },
	{ NULL, 0, NULL, 0, "check:", 1 },
	{ "open-only", OPT_OPEN, NULL, 0, "Only tickets open at --at (fast, from an index)", 1 },
	{ "fail-on-breach", OPT_FAIL, NULL, 0, "Exit 1 when any row is breached", 1 },
	{ "due-within", OPT_WITHIN, "DUR", 0,
	  "Only running and paused rows due within DUR of --at, soonest first", 1 },
	{ "threads", OPT_THREADS, "N", 0,
	  "Evaluate in N threads (default: one per processor, at most 8; one with --open-only)", 1 },
	{ NULL, 0, NULL, 0, "report:", 2 },
	{ "from", OPT_FROM, "TIME", 0, "Cycles that start at or after TIME (default: all)", 2 },
	{ "to", OPT_TO, "TIME", 0, "... and before TIME (default: --at)", 2 },
	{ "by", OPT_BY, "LIST", 0, "Group by policy, metric, priority, team, month (commas)", 2 },
	{ "made-sla", OPT_MADE, "ATTR", 0, "The attribute with the log's own verdict (made_sla)", 2 },
	{ 0 }
};

struct opts {
	struct cmd_cli cli;
	struct cmd_output out;
	int report, open_only, fail, within_given, threads;
	int64_t within;
	const char *at, *from, *to, *made_sla;
	int by[ROTA_SLA_NBY];
	size_t nby;
};

static error_t
parse_opt(int key, char *arg, struct argp_state *state)
{
	struct opts *o = state->input;
	switch (key) {
	case ARGP_KEY_INIT:
		state->child_inputs[0] = &o->cli;
		state->child_inputs[1] = &o->out;
		break;
	case OPT_AT: o->at = arg; break;
	case OPT_OPEN: o->open_only = 1; break;
	case OPT_FAIL: o->fail = 1; break;
	case OPT_WITHIN:
		o->within = cmd_duration_arg(state, "--due-within", arg, 1);
		o->within_given = 1;
		break;
	case OPT_THREADS: {
		char *end;
		long n = strtol(arg, &end, 10);
		if (end == arg || *end || n < 1 || n > 64)
			argp_error(state, "--threads: '%s' is not a count of threads from 1 to 64", arg);
		o->threads = (int)n;
		break;
	}
	case OPT_FROM: o->from = arg; break;
	case OPT_TO: o->to = arg; break;
	case OPT_MADE: o->made_sla = arg; break;
	case OPT_BY:
		for (char *p = strtok(arg, ","); p; p = strtok(NULL, ",")) {
			int b = rota_sla_by_parse(p);
			if (b < 0)
				argp_error(state, "--by: unknown dimension '%s': expected policy, metric, "
				           "priority, team or month", p);
			if (o->nby < ROTA_SLA_NBY)
				o->by[o->nby++] = b;
		}
		break;
	case ARGP_KEY_ARG:
		if (state->arg_num > 0)
			argp_error(state, "too many arguments: expected check or report");
		if (strcmp(arg, "report") == 0)
			o->report = 1;
		else if (strcmp(arg, "check") != 0)
			argp_error(state, "unknown command '%s': expected check or report", arg);
		break;
	case ARGP_KEY_NO_ARGS:
		argp_error(state, "expected a command: check or report");
		break;
	case ARGP_KEY_END:
		if (o->report && (o->open_only || o->fail || o->within_given || o->threads))
			argp_error(state, "--open-only, --fail-on-breach, --due-within and --threads go "
			           "with check, not report");
		if (!o->report && (o->from || o->to || o->nby || o->made_sla))
			argp_error(state, "--from, --to, --by and --made-sla go with report, not check");
		break;
	default:
		return ARGP_ERR_UNKNOWN;
	}
	return 0;
}

/* ---- check ---- */

static const rota_column CHECK[] = {
	{ "ticket", ROTA_COL_STRING }, { "kind", ROTA_COL_STRING }, { "policy", ROTA_COL_STRING },
	{ "metric", ROTA_COL_STRING }, { "team", ROTA_COL_STRING }, { "state", ROTA_COL_STRING },
	{ "start", ROTA_COL_STRING }, { "due", ROTA_COL_STRING }, { "stop", ROTA_COL_STRING },
	{ "elapsed", ROTA_COL_NUMBER }, { "target", ROTA_COL_NUMBER },
	{ "remaining", ROTA_COL_NUMBER }, { "percent", ROTA_COL_NUMBER },
	{ "cycle", ROTA_COL_NUMBER }, { "warn", ROTA_COL_STRING }
};

struct check {
	rota_record *w;
	const rota_tz *tz;
	rota_time until;
	long breached;
	rota_sla_rowbuf *due;    /* --due-within: rows kept to be sorted */
};

static void
time_cell(rota_record *w, rota_time t, const rota_tz *tz)
{
	if (t == ROTA_SLA_NO_TIME)
		rota_record_null(w);
	else
		rota_record_time(w, t, tz);
}

static void
put_row(struct check *c, const rota_sla_row *r)
{
	rota_record *w = c->w;
	rota_record_str(w, r->ticket);
	rota_record_str(w, r->kind == ROTA_POLICY_OLA ? "ola" : "sla");
	rota_record_str(w, r->policy->name);
	rota_record_str(w, r->metric->name);
	rota_record_str(w, r->team);
	rota_record_str(w, rota_sla_state_name(r->state));
	time_cell(w, r->start, c->tz);
	time_cell(w, r->due, c->tz);
	time_cell(w, r->stop, c->tz);
	rota_record_int(w, r->elapsed);
	rota_record_int(w, r->target);
	rota_record_int(w, r->remaining);
	rota_record_real(w, r->percent, 1);
	rota_record_int(w, r->cycle);
	char lev[32];
	if (r->warn_level > 0)
		snprintf(lev, sizeof lev, "%g%%", 100 * r->warn[r->warn_level - 1]);
	rota_record_str(w, r->warn_level > 0 ? lev : NULL);
	rota_record_end(w);
}

static int
on_row(const rota_sla_row *r, void *arg)
{
	struct check *c = arg;
	c->breached += r->state == ROTA_SLA_BREACHED;
	if (c->due == NULL)
		put_row(c, r);
	else if ((r->state == ROTA_SLA_RUNNING || r->state == ROTA_SLA_PAUSED) &&
	         r->due != ROTA_SLA_NO_TIME && r->due <= c->until)
		rota_sla_rowbuf_add(c->due, r);
	return 0;
}

static int
check(struct opts *o, rota_store *s, rota_sla_engine *e, const rota_tz *tz, rota_time at,
      rota_error *err)
{
	struct check c = { .tz = tz, .until = at + o->within,
	                   .due = o->within_given ? rota_sla_rowbuf_new() : NULL };
	if ((c.w = cmd_output_open(&o->out, CHECK, sizeof CHECK / sizeof *CHECK, err)) == NULL)
		return -1;
	int rc = rota_sla_run_threads(s, e, at, o->open_only ? ROTA_SLA_RUN_OPEN : 0, o->threads,
	                              on_row, &c, err);
	size_t n = 0;
	const rota_sla_row *rows = c.due ? rota_sla_rowbuf_by_due(c.due, &n) : NULL;
	for (size_t i = 0; rc == 0 && i < n; i++)
		put_row(&c, &rows[i]);
	rota_sla_rowbuf_free(c.due);
	if (rc != 0) {
		rota_record_free(c.w);
		return -1;
	}
	if (cmd_output_commit(&o->out, c.w, err) < 0)
		return -1;
	return o->fail && c.breached ? ROTA_EXIT_FOUND : ROTA_EXIT_OK;
}

/* ---- report ---- */

static int
report(struct opts *o, rota_store *s, rota_sla_engine *e, const rota_tz *tz, rota_time at,
       rota_error *err)
{
	rota_time from = o->from ? cmd_time_arg("--from", o->from, tz, &o->cli) : ROTA_TIME_MIN;
	rota_time to = o->to ? cmd_time_arg("--to", o->to, tz, &o->cli) : at + 1;
	rota_column cols[ROTA_SLA_NBY + 10];
	size_t n = 0;
	cols[n++] = (rota_column){ "kind", ROTA_COL_STRING };
	for (size_t i = 0; i < o->nby; i++)
		cols[n++] = (rota_column){ rota_sla_by_name(o->by[i]), ROTA_COL_STRING };
	static const char *const nums[] = { "met", "breached", "open", "compliance",
	                                    "median_elapsed", "p90_elapsed", "made_sla_rows",
	                                    "made_sla_rate" };
	for (size_t i = 0; i < sizeof nums / sizeof *nums; i++)
		cols[n++] = (rota_column){ nums[i], ROTA_COL_NUMBER };
	rota_sla_report *r = rota_sla_report_new(o->by, o->nby, from, to, tz,
	                                         o->made_sla ? o->made_sla : "made_sla");
	rota_history_filter f = { .key = NULL, .at = at, .flags = 0 };
	rota_record *w = NULL;
	if (rota_sla_run_tickets(s, e, &f, rota_sla_report_add, r, err) != 0 ||
	    (w = cmd_output_open(&o->out, cols, n, err)) == NULL) {
		rota_sla_report_free(r);
		return -1;
	}
	size_t ng;
	const rota_sla_group *g = rota_sla_report_groups(r, &ng);
	for (size_t i = 0; i < ng; i++, g++) {
		rota_record_str(w, g->kind == ROTA_POLICY_OLA ? "ola" : "sla");
		for (size_t k = 0; k < o->nby; k++)
			rota_record_str(w, g->key[o->by[k]]);
		rota_record_int(w, g->met);
		rota_record_int(w, g->breached);
		rota_record_int(w, g->open);
		rota_record_fixed(w, g->compliance, 1);
		rota_record_real(w, g->median < 0 ? NAN : (double)g->median, 0);
		rota_record_real(w, g->p90 < 0 ? NAN : (double)g->p90, 0);
		rota_record_int(w, g->made_sla_known);
		rota_record_fixed(w, g->made_sla_known ? 100.0 * (double)g->made_sla_true /
		                  (double)g->made_sla_known : NAN, 1);
		rota_record_end(w);
	}
	rota_sla_report_free(r);
	return cmd_output_commit(&o->out, w, err) < 0 ? -1 : ROTA_EXIT_OK;
}

int
main(int argc, char **argv)
{
	static struct argp_child kids[] = {
		{ &cmd_argp, 0, "Common options:", 4 }, { &cmd_output_argp, 0, NULL, 3 }, { 0 }
	};
	static struct argp argp = { options, parse_opt, "check|report", doc, kids, NULL, NULL };
	struct opts o = { .out = { .format = ROTA_FORMAT_CSV } };
	rota_error err;

	cmd_init(&o.cli, "rota-sla");
	argp_parse(&argp, argc, argv, 0, NULL, &o);
	rota_error_clear(&err);

	const rota_tz *tz;
	rota_config *cfg = cmd_config_and_tz(&o.cli, &tz);
	rota_time at = o.at ? cmd_time_arg("--at", o.at, tz, &o.cli) : (rota_time)time(NULL);
	if (cfg->nsla + cfg->nola == 0 && !o.cli.quiet)
		cmd_warn("%s defines no sla: or ola: policies: no clocks", cfg->path ? cfg->path : "rota.yaml");
	rota_calendars *cs = rota_calendars_new(cfg->calendars, cfg->ncalendars, cfg->path ? cfg->path : "rota.yaml");
	rota_sla_options eo = { .flags = ROTA_SLA_NO_WARN_AT | (o.report ? 0 : ROTA_SLA_LAST_CYCLE) };
	rota_sla_engine *e = rota_sla_engine_config(cfg, cs, &eo, &err);
	rota_store *s = e ? rota_store_open(o.cli.db, ROTA_STORE_READONLY, 0, &err) : NULL;
	int rc = -1;
	if (s)
		rc = o.report ? report(&o, s, e, tz, at, &err) : check(&o, s, e, tz, at, &err);
	rota_store_close(s);
	rota_sla_engine_free(e);
	rota_calendars_free(cs);
	rota_config_free(cfg);
	rota_tz_cache_free();
	if (rc < 0)
		cmd_error_exit(&err);
	return rc;
}
