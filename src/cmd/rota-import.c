/* rota-import: ticket exports (CSV, gzip) into the rota database, idempotently; --list
 * reads it back through the store's walks and the record writer. */
#include <config.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <rota/rota.h>
#include "cmd.h"
#include <rota/store.h>
#include <rota/import.h>

enum { OPT_MISSING = 0x100, OPT_RESOLVED, OPT_CLOSED, OPT_SKIP_BAD, OPT_REJECTS, OPT_BUSY };

struct args {
	struct cmd_cli cli;
	int layout;
	struct cmd_strv maps, attrs, missing, resolved, closed, files;
	const char *time_format;
	int skip_bad, dry_run;
	const char *rejects;
	struct cmd_list list;         /* --list and its options */
	int64_t busy_s;
	struct rota_strbuf options;   /* what the import was asked, for the imports log */
};

static const char doc[] =
	"Load ticket exports into the rota database (-d, default ./rota.db).\v"
	"Layouts:\n"
	"  events     one event a row: ticket,time,event[,status,team,...]\n"
	"  snapshots  one row per ticket update with the ticket's whole state\n"
	"             (ServiceNow audit exports); events are derived by\n"
	"             comparing consecutive rows of each ticket\n"
	"  tickets    one row per ticket: ticket,created[,first_reply,resolved,...]\n"
	"Fields: ticket time event status team priority agent queue channel\n"
	"customer_tz created first_reply resolved closed.  Each is read from the\n"
	"column of its name unless --map names another.  Importing the same data\n"
	"again adds nothing; a newer, overlapping export adds only what is new.\n"
	"All files of one run are one transaction.\n"
	"\n"
	"Examples:\n"
	"  rota-import events.csv\n"
	"  rota-import --layout tickets --tz Europe/Berlin tickets.csv.gz\n"
	"  rota-import --skip-bad --rejects bad.csv export.csv\n"
	"  rota-import --list events --ticket INC0000045\n"
	"  examples/import-servicenow.sh incident_event_log.csv.gz\n"
	"      (the ServiceNow audit log; the command is in rota-import(1))\n"
	"\n"
	"Exit status:\n"
	"  0  imported (rows left out by --skip-bad are counted, not fatal)\n"
	"  2  bad usage or a bad row (file:line:column named; nothing written)\n"
	"  3  I/O error, or the database locked past --busy-timeout";

static const struct argp_option options[] = {
	{ NULL, 0, NULL, 0, "Import:", 1 },
	{ "layout", 'l', "LAYOUT", 0, "events (default), snapshots or tickets", 1 },
	{ "map", 'm', "FIELD=COLUMN", 0,
	  "Read FIELD from COLUMN (repeatable); FIELD= reads it from nowhere", 1 },
	{ "attr", 'a', "NAME[=COLUMN]", 0,
	  "Keep COLUMN (default: NAME) as ticket attribute NAME for policies (repeatable)", 1 },
	{ "time-format", 't', "FMT", 0,
	  "Times look like FMT (%d/%m/%Y %H:%M ...) instead of ISO 8601", 1 },
	{ "missing", OPT_MISSING, "STR", 0,
	  "STR means no value (repeatable; the empty string always does)", 1 },
	{ "resolved-status", OPT_RESOLVED, "LIST", 0,
	  "Statuses that mean resolved (comma-separated; default: Resolved)", 1 },
	{ "closed-status", OPT_CLOSED, "LIST", 0,
	  "Statuses that mean closed (comma-separated; default: Closed)", 1 },
	{ "skip-bad", OPT_SKIP_BAD, NULL, 0,
	  "Reject bad rows and import the rest, instead of importing nothing", 1 },
	{ "rejects", OPT_REJECTS, "FILE", 0,
	  "Write rejected rows, with the reason, to FILE as CSV (implies --skip-bad)", 1 },
	{ "dry-run", 'n', NULL, 0, "Check and count everything, then write nothing", 1 },
	{ "busy-timeout", OPT_BUSY, "DUR", 0,
	  "Wait up to DUR for another writer to finish (default 10s)", 1 },
	{ 0 }
};

static error_t
parse_opt(int key, char *arg, struct argp_state *state)
{
	struct args *a = state->input;
	rota_error err;

	switch (key) {
	case ARGP_KEY_INIT:
		state->child_inputs[0] = &a->list;
		state->child_inputs[1] = &a->cli;
		return 0;
	case 'l':
		if ((a->layout = rota_layout_parse(arg)) < 0)
			argp_error(state, "unknown layout '%s': expected events, snapshots or tickets",
			           arg);
		break;
	case 'm': cmd_strv_add(&a->maps, arg); break;
	case 'a': cmd_strv_add(&a->attrs, arg); break;
	case 't':
		if (rota_time_fmt_check(arg, &err) < 0)
			argp_error(state, "--time-format '%s': %s", arg, err.msg);
		a->time_format = arg;
		break;
	case OPT_MISSING: cmd_strv_add(&a->missing, arg); break;
	case OPT_RESOLVED: cmd_strv_add_list(&a->resolved, arg); break;
	case OPT_CLOSED: cmd_strv_add_list(&a->closed, arg); break;
	case OPT_SKIP_BAD: a->skip_bad = 1; break;
	case OPT_REJECTS: a->rejects = arg; a->skip_bad = 1; break;
	case 'n': a->dry_run = 1; break;
	case OPT_BUSY: a->busy_s = cmd_duration_arg(state, "--busy-timeout", arg, 1); break;
	case ARGP_KEY_ARG: cmd_strv_add(&a->files, arg); return 0;
	case ARGP_KEY_END:
		if (a->list.what && a->files.n)
			argp_error(state, "--list reads the database: give no files with it");
		if (!a->list.what && (a->list.ticket || a->list.output ||
		                      a->list.format != ROTA_FORMAT_CSV))
			argp_error(state, "--ticket, --format and --output go with --list");
		return 0;
	default:
		return ARGP_ERR_UNKNOWN;
	}
	cmd_option_note(options, key, arg, &a->options);
	return 0;
}

/* ---- import ---- */

static void
build_map(struct args *a, rota_import_opts *o, rota_import_attr *at)
{
	rota_error err;
	for (size_t i = 0; i < a->maps.n; i++) {
		char *spec = (char *)a->maps.v[i], *eq = strchr(spec, '=');
		if (eq == NULL)
			cmd_die(ROTA_EXIT_USAGE, "--map '%s': expected FIELD=COLUMN, e.g. "
			        "--map ticket=number", spec);
		*eq = '\0';
		if (rota_import_map_set(o, spec, eq + 1, &err) < 0)
			cmd_die(ROTA_EXIT_USAGE, "--map %s=%s: %s", spec, eq + 1, err.msg);
	}
	for (size_t i = 0; i < a->attrs.n; i++) {
		char *spec = (char *)a->attrs.v[i], *copy = rota_xstrdup(spec);
		if (rota_import_attr_parse(spec, &at[i], &err) < 0)
			cmd_die(ROTA_EXIT_USAGE, "--attr '%s': %s", copy, err.msg);
		free(copy);
	}
}

/* Everything that can be wrong with the command line is found before the database is
 * opened, so that a usage error never creates or touches it. */
static void
prepare(struct args *a, rota_import_opts *o, struct cmd_problems *shown)
{
	memset(o, 0, sizeof *o);
	o->layout = a->layout;
	o->attrs = rota_xcalloc(a->attrs.n + 1, sizeof *o->attrs);
	o->nattrs = a->attrs.n;
	build_map(a, o, (rota_import_attr *)o->attrs);
	o->time_format = a->time_format;
	o->tz = cmd_planning_tz(&a->cli);
	if (a->cli.lenient)
		rota_strbuf_printf(&a->options, "%s--lenient", a->options.len ? " " : "");
	rota_strbuf_printf(&a->options, "%s--tz=%s", a->options.len ? " " : "",
	                   rota_tz_name(o->tz));
	o->parse_flags = a->cli.lenient ? ROTA_PARSE_LENIENT : 0;
	if (!a->cli.quiet)
		o->progress = cmd_progress_cb;
	o->missing = a->missing.v;
	o->nmissing = a->missing.n;
	o->resolved = a->resolved.n ? a->resolved.v : NULL;   /* NULL: the default */
	o->nresolved = a->resolved.n;
	o->closed = a->closed.n ? a->closed.v : NULL;
	o->nclosed = a->closed.n;
	o->skip_bad = a->skip_bad;
	/* Without --rejects the reasons would be lost: the first few are shown. */
	if (a->skip_bad && !a->rejects && !a->cli.quiet) {
		shown->what = "row rejected: ";
		o->on_reject = cmd_problem;
		o->reject_ctx = shown;
	}
	o->options_text = rota_strbuf_str(&a->options);
	if (a->files.n == 0)
		cmd_strv_add(&a->files, "-");
	cmd_inputs_check(&a->files);
}

static int
read_files(struct args *a, rota_import *im, rota_error *err)
{
	for (size_t i = 0; i < a->files.n; i++) {
		rota_import_stats b, e;
		rota_import_counts(im, &b);
		if (rota_import_file(im, a->files.v[i], err) < 0)
			return -1;
		rota_import_counts(im, &e);
		if (a->cli.verbose)
			cmd_warn("%s: %ld %s, %ld rejected", strcmp(a->files.v[i], "-") ? a->files.v[i]
			         : "<stdin>", e.rows - b.rows, e.rows - b.rows == 1 ? "row" : "rows",
			         e.rejected - b.rejected);
	}
	return 0;
}

static int
run_import(struct args *a, rota_import_opts *o, rota_store *s, struct cmd_problems *shown)
{
	rota_import_stats st;
	rota_error err;
	rota_out *rej = NULL;
	int row_error = 0, rc;

	rota_error_clear(&err);
	if (a->rejects) {
		if ((rej = rota_out_open(a->rejects, &err)) == NULL)
			goto fail;
		o->rejects = rota_out_file(rej);
	}
	cmd_progress_start();
	rota_import *im = rota_import_begin(s, o, &err);
	if (im == NULL)
		goto fail;
	rc = read_files(a, im, &err);
	row_error = rota_import_row_error(im);
	if (rc == 0)
		rc = rota_import_finish(im, &st, &err);
	rota_import_free(im);
	if (rc < 0)
		goto fail_tx;
	/* A dry run, like a failed import, leaves a database that did not exist uncreated:
	 * rota_store_close removes the unpublished file. */
	if (a->dry_run)
		rota_store_rollback(s);
	else if (rota_store_commit(s, &err) < 0 || rota_store_publish(s, &err) < 0)
		goto fail;
	if (rej && rota_out_commit(rej, &err) < 0) {
		rej = NULL;
		goto fail;
	}
	cmd_problems_done(shown, " rejected rows (keep them all with --rejects FILE)");
	if (a->cli.verbose && a->layout == ROTA_LAYOUT_SNAPSHOTS)
		cmd_warn("%ld snapshot %s new", st.snapshots_added,
		         st.snapshots_added == 1 ? "row" : "rows");
	if (!a->cli.quiet) {
		rota_strbuf b = ROTA_STRBUF_INIT;
		rota_import_stats_text(&st, &b);
		cmd_warn("%s%s", rota_strbuf_str(&b), a->dry_run ? " (dry run: nothing written)" : "");
		rota_strbuf_free(&b);
	}
	return ROTA_EXIT_OK;
fail_tx:
	cmd_progress_done();
	rota_store_rollback(s);
fail:
	rota_out_abort(rej);
	cmd_error_print(&err);
	/* Only a bad data row (not the header, not the CSV syntax, not a file) can be
	 * skipped. */
	if (err.status == ROTA_EXIT_USAGE && !a->cli.quiet)
		cmd_warn("nothing was imported%s", row_error ? " (use --skip-bad to import the good "
		         "rows and --rejects FILE to keep the bad ones)" : "");
	return err.status ? err.status : ROTA_EXIT_RUNTIME;
}

int
main(int argc, char **argv)
{
	static const struct argp_child kids[] = {
		{ &cmd_list_argp, 0, "Looking at the database instead of importing:", 2 },
		{ &cmd_argp, 0, "Common options:", 3 }, { 0 }
	};
	static const struct argp argp = { options, parse_opt, "[FILE...]", doc, kids, NULL, NULL };
	struct args a = { .busy_s = 10 };
	struct cmd_problems shown = { NULL, 0, 0 };
	rota_import_opts o;
	rota_error err;

	static const struct cmd_flag flags[] = {
		{ "map", "--map" }, { "attr", "--attr" }, { "layout", "--layout" },
		{ "busy-timeout", "--busy-timeout" }, { NULL, NULL }
	};
	cmd_init(&a.cli, "rota-import");
	cmd_flags(flags);
	argp_parse(&argp, argc, argv, 0, NULL, &a);

	if (!a.list.what)
		prepare(&a, &o, &shown);
	int busy_ms = a.busy_s > 86400 ? 86400 * 1000 : (int)a.busy_s * 1000;
	rota_store *s = rota_store_open(a.cli.db, a.list.what ? ROTA_STORE_READONLY
	                                : ROTA_STORE_CREATE, busy_ms > 0 ? busy_ms : 1, &err);
	if (s == NULL)
		cmd_error_exit(&err);
	int rc = a.list.what ? cmd_list_run(&a.list, s, &a.cli) : run_import(&a, &o, s, &shown);
	free(a.list.what ? NULL : (void *)o.attrs);
	rota_store_close(s);
	rota_strbuf_free(&a.options);
	struct cmd_strv *v[] = { &a.maps, &a.attrs, &a.missing, &a.resolved, &a.closed, &a.files };
	for (size_t i = 0; i < sizeof v / sizeof v[0]; i++)
		cmd_strv_free(v[i]);
	rota_tz_cache_free();
	return rc;
}
