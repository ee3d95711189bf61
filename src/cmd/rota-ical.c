/* rota-ical: rosters and deadlines as iCalendar for calendar apps (export, deadlines),
 * and the dates of an .ics file's events as holiday calendars read them (expand). */
#include <config.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <rota/rota.h>
#include "cmd.h"
#include <rota/calendar.h>
#include <rota/config.h>
#include <rota/ical.h>
#include <rota/output.h>
#include <rota/sla.h>
#include <rota/store.h>

static const char doc[] =
	"iCalendar (RFC 5545) out and in.\v"
	"rota-ical export reads a roster (what rota-roster writes: agent,date,shift,start,end,"
	"breaks) and writes one VEVENT per shift in the agent's zone, with a VTIMEZONE per "
	"zone; UIDs are stable and SEQUENCE grows when a shift changes (state in the "
	"database), so calendar apps update events in place.  rota-ical deadlines writes the "
	"open tickets' SLA/OLA due times as VTODOs with an alarm at the first warn level.  "
	"rota-ical expand prints the dates that FILE.ics's events cover in [--from, --to], as "
	"the calendars of rota.yaml read holiday files.\n\n"
	"Example: rota-roster -o roster.csv && rota-ical export --roster roster.csv --split cal/\n\n"
	"Exit status: 0 on success; 2 on bad usage or bad input; 3 on I/O or database failures.";

enum { OPT_ROSTER = 0x6901, OPT_AGENT, OPT_SPLIT, OPT_PLAN, OPT_AT, OPT_FROM, OPT_TO };

static const struct argp_option options[] = {
	{ "at", OPT_AT, "TIME", 0, "deadlines: evaluate as of TIME; export: the moment "
	  "recorded for changed shifts (default: now)", 1 },
	{ NULL, 0, NULL, 0, "export:", 1 },
	{ "roster", OPT_ROSTER, "FILE", 0, "The roster CSV (default: standard input)", 1 },
	{ "agent", OPT_AGENT, "ID", 0, "Only this agent's shifts", 1 },
	{ "split", OPT_SPLIT, "DIR", 0, "One file per agent in DIR (AGENT.ics, odd bytes "
	  "escaped as %XX)", 1 },
	{ "plan", OPT_PLAN, "NAME", 0, "The roster's name in UIDs and the calendar name "
	  "(default: roster)", 1 },
	{ NULL, 0, NULL, 0, "expand:", 2 },
	{ "from", OPT_FROM, "DATE", 0, "First date", 2 },
	{ "to", OPT_TO, "DATE", 0, "Last date (inclusive)", 2 },
	{ 0 }
};

enum { EXPORT, DEADLINES, EXPAND };

struct opts {
	struct cmd_cli cli;
	struct cmd_output out;
	int cmd;
	const char *roster, *agent, *split, *plan, *at, *file;
	int64_t from, to;
	int has_from, has_to;
};

static void
date_arg(struct argp_state *state, const char *opt, const char *arg, int64_t *day, int *has)
{
	rota_error e;
	if (rota_date_parse(arg, day, &e) < 0)
		argp_error(state, "%s: %s", opt, e.msg);
	*has = 1;
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
	case OPT_ROSTER: o->roster = arg; break;
	case OPT_AGENT: o->agent = arg; break;
	case OPT_SPLIT: o->split = arg; break;
	case OPT_PLAN: o->plan = arg; break;
	case OPT_AT: o->at = arg; break;
	case OPT_FROM: date_arg(state, "--from", arg, &o->from, &o->has_from); break;
	case OPT_TO: date_arg(state, "--to", arg, &o->to, &o->has_to); break;
	case ARGP_KEY_ARG:
		if (state->arg_num == 0) {
			static const char *const names[] = { "export", "deadlines", "expand" };
			o->cmd = -1;
			for (int i = 0; i < 3; i++)
				if (strcmp(arg, names[i]) == 0)
					o->cmd = i;
			if (o->cmd < 0)
				argp_error(state, "unknown command '%s': expected export, deadlines or "
				           "expand", arg);
		} else if (state->arg_num == 1 && o->cmd == EXPAND)
			o->file = arg;
		else
			argp_error(state, "too many arguments");
		break;
	case ARGP_KEY_NO_ARGS:
		argp_error(state, "expected a command: export, deadlines or expand");
		break;
	case ARGP_KEY_END:
		if (o->cmd != EXPORT && (o->roster || o->agent || o->split || o->plan))
			argp_error(state, "--roster, --agent, --split and --plan go with export");
		if (o->cmd != EXPAND && (o->has_from || o->has_to))
			argp_error(state, "--from and --to go with expand");
		if (o->agent && o->split)
			argp_error(state, "--agent and --split exclude each other");
		if (o->split && o->out.path)
			argp_error(state, "--split writes files of its own: no -o with it");
		if (o->cmd == EXPAND && (!o->file || !o->has_from || !o->has_to))
			argp_error(state, "expand needs FILE.ics, --from DATE and --to DATE");
		if (o->cmd == EXPAND && o->from > o->to)
			argp_error(state, "--from is after --to");
		break;
	default:
		return ARGP_ERR_UNKNOWN;
	}
	return 0;
}

static int
put_text(const char *path, const char *text, size_t len, rota_error *err)
{
	rota_out *f = rota_out_open(path, err);
	if (f == NULL)
		return -1;
	if (fwrite(text, 1, len, rota_out_file(f)) != len) {
		rota_error_set(err, ROTA_EXIT_RUNTIME, path, 0, 0, "write failed: %s", strerror(errno));
		rota_out_abort(f);
		return -1;
	}
	return rota_out_commit(f, err);
}

static int
write_split(const char *dir, const rota_ical_calendar *c, size_t n, rota_error *err)
{
	for (size_t i = 0; i < n; i++) {   /* every name first: no half-written directory */
		char *name = rota_ical_file_name(c[i].agent, err);
		if (name == NULL)
			return -1;
		free(name);
	}
	if (mkdir(dir, 0777) < 0 && errno != EEXIST)
		return rota_error_set(err, ROTA_EXIT_RUNTIME, dir, 0, 0, "cannot make the "
		                      "directory: %s", strerror(errno));
	for (size_t i = 0; i < n; i++) {
		char *name = rota_ical_file_name(c[i].agent, err);
		char *path = rota_xmalloc(strlen(dir) + strlen(name) + 2);
		sprintf(path, "%s/%s", dir, name);
		int rc = put_text(path, c[i].text, c[i].len, err);
		free(path);
		free(name);
		if (rc < 0)
			return -1;
	}
	return 0;
}

static int
export(struct opts *o, const rota_config *cfg, const rota_tz *tz, rota_time at,
       rota_error *err)
{
	rota_ical_roster *r = rota_ical_roster_read(o->roster, cfg->roster, tz,
	                                            o->cli.lenient ? ROTA_PARSE_LENIENT : 0, err);
	if (r == NULL)
		return -1;
	rota_store *s = rota_store_open(o->cli.db, ROTA_STORE_CREATE, 0, err);
	rota_ical_calendar *cal = NULL;
	size_t n = 0;
	rota_ical_export_stats st;
	rota_ical_export_opts eo = { .plan = o->plan, .now = at, .agent = o->agent,
	                             .split = o->split != NULL };
	int rc = s ? rota_ical_export(s, r, &eo, &cal, &n, &st, err) : -1;
	if (rc == 0)
		rc = o->split ? write_split(o->split, cal, n, err)
		              : put_text(o->out.path, cal[0].text, cal[0].len, err);
	/* The state follows the files: a SEQUENCE is raised only once it was written. */
	if (rc == 0)
		rc = rota_store_commit(s, err) < 0 || rota_store_publish(s, err) < 0 ? -1 : 0;
	else if (s)
		rota_store_rollback(s);
	if (rc == 0 && !o->cli.quiet)
		fprintf(stderr, "rota-ical: %zu events (%zu new, %zu changed, %zu cancelled, %zu "
		        "unchanged)%s%zu calendar%s\n", st.events, st.added, st.changed,
		        st.cancelled, st.unchanged, o->split ? " in " : ", ", n, n == 1 ? "" : "s");
	rota_ical_calendars_free(cal, n);
	rota_store_close(s);
	rota_ical_roster_free(r);
	return rc < 0 ? -1 : ROTA_EXIT_OK;
}

struct todos { rota_strbuf b; rota_time at; };

static int
on_ticket(const rota_history *h, const rota_sla_row *rows, size_t nrows, void *ctx)
{
	struct todos *t = ctx;
	for (size_t i = 0; i < nrows; i++) {
		const rota_sla_row *r = &rows[i];
		if (r->stop != ROTA_SLA_NO_TIME || r->due == ROTA_SLA_NO_TIME)
			continue;
		char lev[32] = "";
		rota_ical_todo td = {
			.ticket = r->ticket, .kind = r->kind == ROTA_POLICY_OLA ? "ola" : "sla",
			.policy = r->policy->name, .metric = r->metric->name, .team = r->team,
			.priority = h->ev[h->nev - 1].v[ROTA_F_PRIORITY],
			.state = rota_sla_state_name(r->state), .cycle = r->cycle, .due = r->due,
			.alarm = ROTA_TIME_NONE, .alarm_level = lev,
		};
		if (r->nwarn > 0 && r->warn_at && r->warn_at[0] != ROTA_SLA_NO_TIME) {
			td.alarm = r->warn_at[0];
			snprintf(lev, sizeof lev, "%g%%", 100 * r->warn[0]);
		}
		rota_ical_todo_write(&t->b, &td, t->at);
	}
	return 0;
}

static int
deadlines(struct opts *o, const rota_config *cfg, rota_time at, rota_error *err)
{
	rota_calendars *cs = rota_calendars_new(cfg->calendars, cfg->ncalendars,
	                                        cfg->path ? cfg->path : "rota.yaml");
	rota_sla_options eo = { .flags = ROTA_SLA_LAST_CYCLE };
	rota_sla_engine *e = rota_sla_engine_config(cfg, cs, &eo, err);
	rota_store *s = e ? rota_store_open(o->cli.db, ROTA_STORE_READONLY, 0, err) : NULL;
	struct todos t = { ROTA_STRBUF_INIT, at };
	rota_history_filter f = { .at = at, .flags = ROTA_HISTORY_OPEN };
	rota_ical_begin(&t.b, "rota deadlines");
	int rc = s ? rota_sla_run_tickets(s, e, &f, on_ticket, &t, err) : -1;
	rota_ical_end(&t.b);
	if (rc == 0)
		rc = put_text(o->out.path, t.b.s, t.b.len, err);
	rota_strbuf_free(&t.b);
	rota_store_close(s);
	rota_sla_engine_free(e);
	rota_calendars_free(cs);
	return rc < 0 ? -1 : ROTA_EXIT_OK;
}

static const rota_column EXPANDED[] = { { "date", ROTA_COL_STRING }, { "summary", ROTA_COL_STRING } };

static int
expand(struct opts *o, const rota_tz *tz, rota_error *err)
{
	rota_ical *ic = rota_ical_load(o->file, err);
	if (ic == NULL)
		return -1;
	rota_ical_date *v;
	size_t n;
	rota_ical_dates(ic, o->from, o->to, tz, &v, &n);
	rota_record *w = cmd_output_open(&o->out, EXPANDED, 2, err);
	for (size_t i = 0; w && i < n; i++) {
		char d[16];
		rota_date_format(d, sizeof d, v[i].day);
		rota_record_str(w, d);
		rota_record_str(w, v[i].summary);
		rota_record_end(w);
	}
	free(v);
	rota_ical_free(ic);
	return w == NULL || cmd_output_commit(&o->out, w, err) < 0 ? -1 : ROTA_EXIT_OK;
}

int
main(int argc, char **argv)
{
	static struct argp_child kids[] = {
		{ &cmd_argp, 0, "Common options:", 4 }, { &cmd_output_argp, 0, NULL, 3 }, { 0 }
	};
	static struct argp argp = { options, parse_opt, "export|deadlines\nexpand FILE.ics",
	                            doc, kids, NULL, NULL };
	struct opts o = { .out = { .format = ROTA_FORMAT_CSV } };
	rota_error err;

	cmd_init(&o.cli, "rota-ical");
	argp_parse(&argp, argc, argv, 0, NULL, &o);
	rota_error_clear(&err);

	const rota_tz *tz;
	rota_config *cfg = cmd_config_and_tz(&o.cli, &tz);
	rota_time at = o.at ? cmd_time_arg("--at", o.at, tz, &o.cli) : (rota_time)time(NULL);
	int rc = o.cmd == EXPORT ? export(&o, cfg, tz, at, &err)
	       : o.cmd == DEADLINES ? deadlines(&o, cfg, at, &err) : expand(&o, tz, &err);
	rota_config_free(cfg);
	rota_ical_cleanup();
	rota_tz_cache_free();
	if (rc < 0)
		cmd_error_exit(&err);
	return rc;
}
