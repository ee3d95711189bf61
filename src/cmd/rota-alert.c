/* rota-alert: alerts on SLA/OLA risk, for cron, Nagios and Prometheus.  The planner
 * (rota/alert.h) decides; this opens the store, takes the lock, runs the sinks
 * (src/cmd/alert/) and stores what they took, each external delivery as it completes. */
#include <config.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <rota/rota.h>
#include "cmd.h"
#include <rota/alert.h>
#include <rota/calendar.h>
#include <rota/config.h>
#include <rota/sla.h>
#include <rota/store.h>
#include "alert/parts.h"
#include "alert/status.h"

static const char doc[] =
	"Alerts on SLA and OLA risk: once per ticket, metric, cycle and level.\v"
	"Evaluates the clocks of the open tickets (and of those closed since the previous "
	"run) as rota-sla check does and sends each warn "
	"level a cycle reaches, and its breach, to the sinks of the matching routes of the "
	"config's alerts: section, and to the sinks named here (--format on stdout, --exec, "
	"--mail, --syslog).  What was sent is kept in the database, so that a level goes to a "
	"sink once; a sink that fails is tried again on the next run.  Each --exec, mail and "
	"syslog delivery is recorded as it completes: a run killed mid-way sends again at "
	"most the one in flight, under the same alert id (ROTA_ALERT_ID, the Message-ID, "
	"alert_id=, the alert_id field).  --nagios and "
	"--prometheus report the state of the open clocks instead (they send nothing by "
	"themselves).  --input - reads rota-sla check --format json rows on stdin instead of "
	"evaluating the clocks.\n\n"
	"Overlapping runs: a run takes a lock beside the database (DB.alert-lock); a run that "
	"finds it taken skips (exit 0) unless --wait DUR, which waits that long (then exit 3).\n\n"
	"Example (crontab): */5 * * * * rota-alert -q -d /var/lib/rota/rota.db\n\n"
	"Exit status: 0 on success (also a skipped run); 2 on bad usage or bad input; 3 when a "
	"sink failed (its alerts are sent on the next run) or on I/O and database failures.  "
	"With --nagios: 0 OK, 1 WARNING, 2 CRITICAL, 3 UNKNOWN, as Nagios reads them.";

enum { OPT_AT = 0x6101, OPT_DRY, OPT_REPEAT, OPT_WAIT, OPT_EXEC, OPT_MAIL, OPT_SYSLOG,
       OPT_NAGIOS, OPT_PROM, OPT_RESOLVED, OPT_TIMEOUT, OPT_INPUT, OPT_RETENTION };

static const struct argp_option options[] = {
	{ "at", OPT_AT, "TIME", 0, "Evaluate as of TIME (default: now)", 1 },
	{ "dry-run", 'n', NULL, 0, "Show what would be sent; send and record nothing", 1 },
	{ "repeat", OPT_REPEAT, "DUR", 0, "Send again while unresolved, every DUR (routes "
	  "without their own repeat)", 1 },
	{ "resolved", OPT_RESOLVED, NULL, 0, "Also send a notice when an alerted cycle ends", 1 },
	{ "wait", OPT_WAIT, "DUR", 0, "Wait up to DUR for a running rota-alert (default: skip)", 1 },
	{ "retention", OPT_RETENTION, "DUR", 0, "Forget the alerts of tickets whose clocks "
	  "all stopped longer than DUR ago; older stops alert no more (default: 30d)", 1 },
	{ "input", OPT_INPUT, "FILE", 0, "Read the clock rows (rota-sla check --format json) "
	  "from FILE, - for stdin, instead of evaluating them", 1 },
	{ NULL, 0, NULL, 0, "Sinks (besides the config's routes):", 2 },
	{ "exec", OPT_EXEC, "PROGRAM", 0, "Run PROGRAM once per alert, without a shell, the "
	  "alert in ROTA_* variables (words split at blanks)", 2 },
	{ "mail", OPT_MAIL, "ADDR", 0, "Mail each alert to ADDR through sendmail -t", 2 },
	{ "syslog", OPT_SYSLOG, "FACILITY", OPTION_ARG_OPTIONAL, "Log each alert (default "
	  "facility: user)", 2 },
	{ "timeout", OPT_TIMEOUT, "DUR", 0, "How long an --exec or mail program may take "
	  "(default: 30s)", 2 },
	{ "nagios", OPT_NAGIOS, NULL, 0, "A Nagios plugin's status line and exit status", 2 },
	{ "prometheus", OPT_PROM, "FILE", 0, "Write the open clocks to FILE (node_exporter "
	  "textfile format, atomically)", 2 },
	{ 0 }
};

struct opts {
	struct cmd_cli cli;
	struct cmd_output out;
	const char *at, *input;
	int dry, nagios, resolved;
	int64_t repeat, wait, timeout;    /* wait < 0: skip a running run */
	int64_t retention;
	struct cmd_strv execs, mails, syslogs, proms;
	char *exec_words;
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
	case OPT_INPUT: o->input = arg; break;
	case 'n': o->dry = 1; break;
	case OPT_REPEAT: o->repeat = cmd_duration_arg(state, "--repeat", arg, 0); break;
	case OPT_WAIT: o->wait = cmd_duration_arg(state, "--wait", arg, 1); break;
	case OPT_RETENTION: o->retention = cmd_duration_arg(state, "--retention", arg, 0); break;
	case OPT_TIMEOUT: o->timeout = cmd_duration_arg(state, "--timeout", arg, 0); break;
	case OPT_RESOLVED: o->resolved = 1; break;
	case OPT_EXEC:
		if (strspn(arg, " \t") == strlen(arg))
			argp_error(state, "--exec: expected a program");
		cmd_strv_add(&o->execs, arg);
		break;
	case OPT_MAIL:
		if (strchr(arg, '@') == NULL || strpbrk(arg, " \t\r\n,;<>()\"\\") || arg[0] == '-')
			argp_error(state, "--mail: bad address '%s': expected a plain address such as "
			           "ops@example.com", arg);
		cmd_strv_add(&o->mails, arg);
		break;
	case OPT_SYSLOG: cmd_strv_add(&o->syslogs, arg ? arg : "user"); break;
	case OPT_NAGIOS: o->nagios = 1; break;
	case OPT_PROM: cmd_strv_add(&o->proms, arg); break;
	case ARGP_KEY_ARG:
		argp_error(state, "unexpected argument '%s'", arg);
		break;
	case ARGP_KEY_END:
		if (o->nagios && o->out.path == NULL && o->out.format_given)
			argp_error(state, "--nagios writes its status line on stdout: --format needs -o");
		break;
	default:
		return ARGP_ERR_UNKNOWN;
	}
	return 0;
}

static rota_calendar *
route_calendar(void *ctx, const char *name)
{
	return rota_calendars_get(ctx, name, strlen(name), NULL);
}

int
main(int argc, char **argv)
{
	static struct argp_child kids[] = {
		{ &cmd_argp, 0, "Common options:", 4 }, { &cmd_output_argp, 0, NULL, 3 }, { 0 }
	};
	static struct argp argp = { options, parse_opt, NULL, doc, kids, NULL, NULL };
	struct opts o = { .out = { .format = ROTA_FORMAT_TEXT }, .timeout = 30, .wait = -1,
	                  .retention = 30 * 86400 };
	rota_error err;

	cmd_init(&o.cli, "rota-alert");
	argp_parse(&argp, argc, argv, 0, NULL, &o);
	rota_error_clear(&err);
	if (o.nagios)
		alert_nagios_arm();

	const rota_tz *tz;
	rota_config *cfg = cmd_config_and_tz(&o.cli, &tz);
	rota_time at = (rota_time)time(NULL);
	if (o.at)
		at = cmd_time_arg("--at", o.at, tz, &o.cli);
	/* Stdout carries the notifications unless it carries a status line. */
	int status_only = (o.nagios || o.proms.n) && !o.out.format_given && o.out.path == NULL;
	int want_stdout = !o.nagios && (o.out.format_given || o.out.path ||
	                  (cfg->nroutes == 0 && o.execs.n + o.mails.n + o.syslogs.n == 0 &&
	                   !status_only));
	rota_alert_route *cl = alert_cmdline_route(&o.execs, &o.mails, &o.syslogs,
	                                           want_stdout || o.dry);
	size_t nroutes;
	rota_alert_route *routes = alert_routes(cfg, cl, &nroutes);

	rota_calendars *cs = rota_calendars_new(cfg->calendars, cfg->ncalendars,
	                                        cfg->path ? cfg->path : "rota.yaml");
	rota_sla_options eo = { .flags = ROTA_SLA_NO_WARN_AT };
	rota_sla_engine *e = rota_sla_engine_config(cfg, cs, &eo, &err);
	/* Rows from elsewhere need no tickets here, only the alert state: a new database
	 * keeps it. */
	rota_store *s = e ? rota_store_open(o.cli.db, o.input ? ROTA_STORE_CREATE : 0, 0, &err)
	                  : NULL;
	if (s == NULL)
		cmd_error_exit(&err);
	int lockfd = -1;
	rota_alert_plan *p = NULL;
	char *ok = NULL;
	int rc = ROTA_EXIT_OK;
	if (!o.dry && !alert_lock(o.cli.db, o.wait, o.cli.verbose, &lockfd)) {
		rc = o.nagios ? alert_nagios_skipped() : ROTA_EXIT_OK;
		goto done;
	}

	rota_alert_options ao = { .now = at, .repeat = o.repeat, .retention = o.retention,
	                          .calendar = route_calendar,
	                          .calctx = cs,
	                          .flags = o.resolved ? ROTA_ALERT_RESOLVED_NOTICES : 0 };
	p = rota_alert_plan_new(routes, nroutes, &ao);
	/* The tickets open at `at`, and those closed since the last run that sent all it
	 * had: a breach first seen after its ticket closed between two runs still goes out. */
	rota_history_filter f = { .key = NULL, .at = at, .flags = ROTA_HISTORY_OPEN };
	if (rota_store_alert_covered(s, &f.since, &err) < 0)
		cmd_error_exit(&err);
	if (f.since != ROTA_TIME_NONE)
		f.flags |= ROTA_HISTORY_SINCE;
	if (rota_store_each_alert(s, 0, rota_alert_plan_state, p, &err) != 0 ||
	    (o.input ? alert_input_read(o.input, o.cli.max_record, p, cfg, tz, f.since, s, at, &err)
	             : rota_sla_run_tickets(s, e, &f, rota_alert_plan_ticket, p, &err)) != 0)
		cmd_error_exit(&err);
	rota_alert_plan_finish(p);

	size_t nn;
	const rota_alert_note *notes = rota_alert_plan_notes(p, &nn);
	if (!o.dry && rota_store_version_found(s) == 0) {
		/* A new database (--input, first run) goes in place before the first delivery:
		 * each delivery is stored as it completes, and a kill must not take those
		 * records away with a file never published. */
		if (rota_store_publish(s, &err) < 0)
			cmd_error_exit(&err);
		rota_store_close(s);
		if ((s = rota_store_open(o.cli.db, 0, 0, &err)) == NULL)
			cmd_error_exit(&err);
	}
	if (!o.dry)
		alert_record_updates(s, p);
	ok = rota_xcalloc(nn + 1, 1);
	struct alert_send send = {
		.out = &o.out, .want_stdout = want_stdout, .dry = o.dry, .nagios = o.nagios,
		.env = { .tz = tz, .timeout = o.timeout, .verbose = o.cli.verbose,
		         .sendmail = alert_sendmail_program() },
		.s = o.dry ? NULL : s,
	};
	long failed = alert_send(&send, notes, nn, ok);
	if (!o.dry)
		alert_record(s, p, ok, failed, at, at - o.retention);
	if (failed) {
		cmd_warn("%ld alert%s not sent (tried again on the next run)", failed,
		         failed == 1 ? "" : "s");
		rc = ROTA_EXIT_RUNTIME;
	}
	if (o.cli.verbose)
		cmd_warn("%zu notification%s, %lld held by route hours", nn, nn == 1 ? "" : "s",
		         (long long)rota_alert_plan_held(p));
	if (alert_status_files(&o.proms, cfg, o.dry, p, at, (long)(nn - (size_t)failed)) < 0)
		rc = ROTA_EXIT_RUNTIME;
	if (o.nagios) {
		size_t nt;
		const rota_alert_tally *t = rota_alert_plan_tallies(p, &nt);
		rc = alert_nagios_report(t, nt, rc);
	}
done:
	free(ok);
	rota_alert_plan_free(p);
	rota_store_close(s);
	if (lockfd >= 0)
		close(lockfd);
	rota_sla_engine_free(e);
	rota_calendars_free(cs);
	alert_cmdline_route_free(cl);
	free(routes);
	rota_config_free(cfg);
	rota_tz_cache_free();
	cmd_strv_free(&o.execs);
	cmd_strv_free(&o.mails);
	cmd_strv_free(&o.syslogs);
	cmd_strv_free(&o.proms);
	return rc;
}
