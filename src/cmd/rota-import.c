/* rota-import: ticket exports (CSV, gzip) into the rota database, idempotently. */
#include <config.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sqlite3.h>
#include <rota/rota.h>
#include "cmd.h"
#include <rota/config.h>
#include <rota/store.h>
#include <rota/import.h>

enum {
	OPT_MISSING = 0x100, OPT_RESOLVED, OPT_CLOSED, OPT_SKIP_BAD, OPT_REJECTS,
	OPT_BUSY, OPT_LIST, OPT_TICKET, OPT_FORMAT
};

struct strv {
	const char **v;
	size_t n;
};

struct args {
	struct cmd_cli cli;
	int layout;
	struct strv maps, attrs, missing, resolved, closed, files;
	const char *time_format;
	int skip_bad, dry_run;
	const char *rejects, *list, *ticket, *output;
	int format;
	int64_t busy_s;
	struct rota_strbuf options;   /* what the import was asked, for the imports table */
};

static void
strv_add(struct strv *s, const char *v)
{
	s->v = rota_xreallocarray(s->v, s->n + 1, sizeof *s->v);
	s->v[s->n++] = v;
}

/* "Resolved,Canceled": values are split at commas and may repeat. */
static void
strv_add_list(struct strv *s, char *list)
{
	for (char *save = NULL, *p = strtok_r(list, ",", &save); p; p = strtok_r(NULL, ",", &save))
		strv_add(s, p);
}

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
	{ NULL, 0, NULL, 0, "Looking at the database instead of importing:", 2 },
	{ "list", OPT_LIST, "WHAT", 0, "Print events, tickets, attrs or imports", 2 },
	{ "ticket", OPT_TICKET, "KEY", 0, "With --list: only this ticket", 2 },
	{ "format", OPT_FORMAT, "FMT", 0, "With --list: csv (default), json or text", 2 },
	{ "output", 'o', "FILE", 0, "With --list: write to FILE (atomically)", 2 },
	{ 0 }
};

static void
note_option(struct args *a, int key, const char *arg)
{
	const struct argp_option *o;
	for (o = options; o->name || o->key || o->doc; o++)
		if (o->key == key && o->name)
			break;
	if (!o->name)
		return;
	rota_strbuf_printf(&a->options, "%s--%s%s%s", a->options.len ? " " : "", o->name,
	                   arg ? "=" : "", arg ? arg : "");
}

static error_t
parse_opt(int key, char *arg, struct argp_state *state)
{
	struct args *a = state->input;
	rota_error err;

	switch (key) {
	case ARGP_KEY_INIT:
		state->child_inputs[0] = &a->cli;
		return 0;
	case 'l':
		if ((a->layout = rota_layout_parse(arg)) < 0)
			argp_error(state, "unknown layout '%s': expected events, snapshots or tickets",
			           arg);
		break;
	case 'm': strv_add(&a->maps, arg); break;
	case 'a': strv_add(&a->attrs, arg); break;
	case 't':
		if (rota_time_fmt_check(arg, &err) < 0)
			argp_error(state, "--time-format '%s': %s", arg, err.msg);
		a->time_format = arg;
		break;
	case OPT_MISSING: strv_add(&a->missing, arg); break;
	case OPT_RESOLVED: strv_add_list(&a->resolved, arg); break;
	case OPT_CLOSED: strv_add_list(&a->closed, arg); break;
	case OPT_SKIP_BAD: a->skip_bad = 1; break;
	case OPT_REJECTS: a->rejects = arg; a->skip_bad = 1; break;
	case 'n': a->dry_run = 1; break;
	case OPT_BUSY:
		if (rota_duration_parse(arg, &a->busy_s, &err) < 0)
			argp_error(state, "--busy-timeout '%s': %s", arg, err.msg);
		break;
	case OPT_LIST:
		if (strcmp(arg, "events") && strcmp(arg, "tickets") && strcmp(arg, "attrs") &&
		    strcmp(arg, "imports"))
			argp_error(state, "--list '%s': expected events, tickets, attrs or imports", arg);
		a->list = arg;
		break;
	case OPT_TICKET: a->ticket = arg; break;
	case OPT_FORMAT:
		if ((a->format = rota_format_parse(arg)) < 0)
			argp_error(state, "--format '%s': expected csv, json or text", arg);
		break;
	case 'o': a->output = arg; break;
	case ARGP_KEY_ARG: strv_add(&a->files, arg); return 0;
	case ARGP_KEY_END:
		if (a->list && a->files.n)
			argp_error(state, "--list reads the database: give no files with it");
		if (!a->list && (a->ticket || a->output || a->format != ROTA_FORMAT_CSV))
			argp_error(state, "--ticket, --format and --output go with --list");
		return 0;
	default:
		return ARGP_ERR_UNKNOWN;
	}
	note_option(a, key, arg);
	return 0;
}

/* ---- import ---- */

static void
build_map(struct args *a, rota_import_opts *o)
{
	for (size_t i = 0; i < a->maps.n; i++) {
		char *s = (char *)a->maps.v[i];
		char *eq = strchr(s, '=');
		if (eq == NULL)
			cmd_die(ROTA_EXIT_USAGE, "--map '%s': expected FIELD=COLUMN, e.g. "
			         "--map ticket=number", s);
		*eq = '\0';
		int f = rota_in_field_parse(s);
		if (f < 0)
			cmd_die(ROTA_EXIT_USAGE, "--map %s=%s: unknown field '%s': expected one of "
			         "ticket, time, event, status, team, priority, agent, queue, channel, "
			         "customer_tz, created, first_reply, resolved, closed", s, eq + 1, s);
		if (!rota_in_field_used(a->layout, f)) {
			rota_strbuf used = ROTA_STRBUF_INIT;
			for (int g = 0; g < ROTA_IN_NFIELDS; g++)
				if (rota_in_field_used(a->layout, g))
					rota_strbuf_printf(&used, "%s%s", used.len ? ", " : "",
					                   rota_in_field_name(g));
			cmd_die(ROTA_EXIT_USAGE, "--map %s=%s: the %s layout does not read '%s' "
			         "(it reads %s)", s, eq + 1, rota_layout_name(a->layout), s,
			         rota_strbuf_str(&used));
		}
		if (eq[1] == '\0' && rota_in_field_required(a->layout, f))
			cmd_die(ROTA_EXIT_USAGE, "--map %s=: the %s layout needs '%s' in every row: "
			         "name the column that holds it (--map %s=COLUMN)", s,
			         rota_layout_name(a->layout), s, s);
		o->map[f] = eq + 1;
	}
}

static rota_import_attr *
build_attrs(struct args *a)
{
	rota_import_attr *at = rota_xcalloc(a->attrs.n + 1, sizeof *at);
	for (size_t i = 0; i < a->attrs.n; i++) {
		char *s = (char *)a->attrs.v[i];
		char *eq = strchr(s, '=');
		at[i].name = s;
		at[i].column = s;
		if (eq) {
			*eq = '\0';
			at[i].column = eq + 1;
		}
		if (*at[i].name == '\0' || *at[i].column == '\0')
			cmd_die(ROTA_EXIT_USAGE, "--attr '%s%s%s': expected NAME or NAME=COLUMN", s,
			         eq ? "=" : "", eq ? eq + 1 : "");
	}
	return at;
}

static const rota_tz *
planning_tz(struct args *a)
{
	rota_error err;
	const char *name;
	rota_config *cfg = NULL;

	rota_error_clear(&err);
	if (a->cli.tz == NULL) {
		/* Only the zone is wanted, but a broken config is still an error: the user
		 * would otherwise import in the wrong zone without a word. */
		if ((cfg = cmd_config_load(&a->cli, &err)) == NULL)
			cmd_error_exit(&err);
	}
	name = cmd_tz(&a->cli, cfg ? cfg->tz : NULL);
	const rota_tz *tz = rota_tz_get(name, &err);
	rota_config_free(cfg);
	if (tz == NULL) {
		rota_error_prefix(&err, "--tz: ");
		cmd_error_exit(&err);
	}
	return tz;
}

static const char *
plural(long n, const char *one, const char *many)
{
	return n == 1 ? one : many;
}

static void
print_counts(const struct args *a, const rota_import_stats *st)
{
	if (a->cli.quiet)
		return;
	fprintf(stderr, "%s: %ld %s, %ld %s (%ld new), %ld %s added",
	        program_invocation_short_name, st->rows, plural(st->rows, "row", "rows"),
	        st->tickets, plural(st->tickets, "ticket", "tickets"), st->tickets_new,
	        st->events_added, plural(st->events_added, "event", "events"));
	/* Only when a newer export changed a ticket's history (a late snapshot). */
	if (st->events_removed)
		fprintf(stderr, ", %ld %s removed (no longer derived)", st->events_removed,
		        plural(st->events_removed, "event", "events"));
	fprintf(stderr, ", %ld rejected%s\n", st->rejected,
	        a->dry_run ? " (dry run: nothing written)" : "");
}

/* Everything that can be wrong with the command line is found before the database is
 * opened, so that a usage error never creates or touches it. */
static void
prepare(struct args *a, rota_import_opts *o)
{
	memset(o, 0, sizeof *o);
	o->layout = a->layout;
	build_map(a, o);
	o->attrs = build_attrs(a);
	o->nattrs = a->attrs.n;
	o->time_format = a->time_format;
	o->tz = planning_tz(a);
	rota_strbuf_printf(&a->options, "%s--tz=%s", a->options.len ? " " : "",
	                   rota_tz_name(o->tz));
	o->parse_flags = a->cli.lenient ? ROTA_PARSE_LENIENT : 0;
	if (!a->cli.quiet)
		o->progress = cmd_progress_cb;
	o->missing = a->missing.v;
	o->nmissing = a->missing.n;
	if (a->resolved.n) {
		o->resolved = a->resolved.v;
		o->nresolved = a->resolved.n;
	}
	if (a->closed.n) {
		o->closed = a->closed.v;
		o->nclosed = a->closed.n;
	}
	o->skip_bad = a->skip_bad;
	o->options_text = rota_strbuf_str(&a->options);
	if (a->files.n == 0)
		strv_add(&a->files, "-");
	/* A file that cannot be opened is reported before the database is even opened
	 * (it would be rolled back anyway); opening them all now (and again when read)
	 * keeps only one open at a time.  Only regular files: a FIFO or /dev/fd/N can be
	 * opened and read only once. */
	for (size_t i = 0; i < a->files.n; i++) {
		rota_error err;
		rota_csv *c;
		struct stat sb;
		if (strcmp(a->files.v[i], "-") == 0 ||
		    (stat(a->files.v[i], &sb) == 0 && !S_ISREG(sb.st_mode)))
			continue;
		if ((c = rota_csv_open(a->files.v[i], &err)) == NULL)
			cmd_error_exit(&err);
		rota_csv_close(c);
	}
}

static int
run_import(struct args *a, rota_import_opts *o, rota_store *s)
{
	rota_import_stats st;
	rota_error err;
	rota_out *rej = NULL;
	int row_error = 0;

	rota_error_clear(&err);
	memset(&st, 0, sizeof st);
	if (a->rejects) {
		if ((rej = rota_out_open(a->rejects, &err)) == NULL)
			goto fail;
		o->rejects = rota_out_file(rej);
	}
	cmd_progress_start();
	rota_import *im = rota_import_begin(s, o, &err);
	if (im == NULL)
		goto fail;
	for (size_t i = 0; i < a->files.n; i++) {
		rota_import_stats before, after;
		rota_import_counts(im, &before);
		if (rota_import_file(im, a->files.v[i], &err) < 0) {
			row_error = rota_import_row_error(im);
			rota_import_free(im);
			goto fail_tx;
		}
		rota_import_counts(im, &after);
		if (a->cli.verbose)
			fprintf(stderr, "%s: %s: %ld %s, %ld rejected\n", program_invocation_short_name,
			        strcmp(a->files.v[i], "-") ? a->files.v[i] : "<stdin>",
			        after.rows - before.rows,
			        plural(after.rows - before.rows, "row", "rows"),
			        after.rejected - before.rejected);
	}
	int rc = rota_import_finish(im, &st, &err);
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
	if (a->cli.verbose && a->layout == ROTA_LAYOUT_SNAPSHOTS)
		fprintf(stderr, "%s: %ld snapshot %s new\n", program_invocation_short_name,
		        st.snapshots_added, plural(st.snapshots_added, "row", "rows"));
	print_counts(a, &st);
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
		fprintf(stderr, "%s: nothing was imported%s\n", program_invocation_short_name,
		        row_error ? " (use --skip-bad to import the good rows and --rejects FILE "
		        "to keep the bad ones)" : "");
	return err.status ? err.status : ROTA_EXIT_RUNTIME;
}

/* ---- --list ---- */

struct lister {
	FILE *f;
	int format;
	const rota_tz *tz;
	int header_done;
	/* --format text: every cell is kept until the widths of the columns are known */
	char **cells;
	size_t ncells, ccells;
	int ncols;
};

static void
text_cell(struct lister *L, const char *value)
{
	if (L->ncells == L->ccells) {
		L->ccells = L->ccells ? L->ccells * 2 : 256;
		L->cells = rota_xreallocarray(L->cells, L->ccells, sizeof *L->cells);
	}
	/* A line break or tab inside a cell would break the alignment. */
	char *c = rota_xstrdup(value);
	for (char *p = c; *p; p++)
		if (*p == '\n' || *p == '\r' || *p == '\t')
			*p = ' ';
	L->cells[L->ncells++] = c;
}

/* Columns as wide as their widest cell, counted in characters (UTF-8). */
static size_t
text_width(const char *s)
{
	size_t w = 0;
	for (; *s; s++)
		w += ((unsigned char)*s & 0xC0) != 0x80;
	return w;
}

static void
text_flush(struct lister *L)
{
	size_t *w = rota_xcalloc((size_t)L->ncols + 1, sizeof *w);
	rota_strbuf line = ROTA_STRBUF_INIT;

	for (size_t i = 0; i < L->ncells; i++) {
		size_t c = i % (size_t)L->ncols, n = text_width(L->cells[i]);
		if (n > w[c])
			w[c] = n;
	}
	for (size_t i = 0; i < L->ncells; i++) {
		size_t c = i % (size_t)L->ncols;
		rota_strbuf_puts(&line, L->cells[i]);
		if (c + 1 < (size_t)L->ncols) {
			for (size_t k = text_width(L->cells[i]); k < w[c] + 2; k++)
				rota_strbuf_putc(&line, ' ');
		} else {
			/* Empty cells at the end leave no trailing blanks. */
			while (line.len && line.s[line.len - 1] == ' ')
				line.s[--line.len] = '\0';
			fprintf(L->f, "%s\n", rota_strbuf_str(&line));
			rota_strbuf_reset(&line);
		}
		free(L->cells[i]);
	}
	rota_strbuf_free(&line);
	free(w);
	free(L->cells);
}

static void
put_field(struct lister *L, int i, const char *name, const char *value)
{
	if (L->format == ROTA_FORMAT_JSON) {
		fputs(i ? "," : "{", L->f);
		rota_json_put_string(L->f, name);
		putc(':', L->f);
		rota_json_put_string(L->f, value);
	} else if (L->format == ROTA_FORMAT_TEXT) {
		text_cell(L, value);
	} else {
		if (i)
			putc(',', L->f);
		rota_csv_put(L->f, value);
	}
}

static void
end_record(struct lister *L)
{
	if (L->format != ROTA_FORMAT_TEXT)
		fputs(L->format == ROTA_FORMAT_JSON ? "}\n" : "\n", L->f);
}

static void
put_header(struct lister *L, const char *const *names, int n)
{
	if (L->format == ROTA_FORMAT_JSON || L->header_done)
		return;
	L->header_done = 1;
	L->ncols = n;
	for (int i = 0; i < n; i++) {
		if (L->format == ROTA_FORMAT_TEXT) {
			text_cell(L, names[i]);
			continue;
		}
		if (i)
			putc(',', L->f);
		fputs(names[i], L->f);
	}
	if (L->format == ROTA_FORMAT_CSV)
		putc('\n', L->f);
}

static const char *
fmt_time(struct lister *L, char *buf, sqlite3_int64 t, int null)
{
	if (null)
		return "";
	rota_time_format(buf, ROTA_TIME_BUFSZ, t, L->tz);
	return buf;
}

static int
list_event(const rota_event *ev, void *ctx)
{
	struct lister *L = ctx;
	char tb[ROTA_TIME_BUFSZ];
	int i = 0;

	put_field(L, i++, "ticket", ev->ticket);
	put_field(L, i++, "time", fmt_time(L, tb, ev->time, 0));
	put_field(L, i++, "event", rota_event_kind_name(ev->kind));
	for (int f = 0; f < ROTA_NFIELDS; f++)
		put_field(L, i++, rota_field_name(f), ev->v[f]);
	end_record(L);
	return 0;
}

static int
list_attr(const char *ticket, const char *name, const char *value, void *ctx)
{
	struct lister *L = ctx;
	put_field(L, 0, "ticket", ticket);
	put_field(L, 1, "name", name);
	put_field(L, 2, "value", value);
	end_record(L);
	return 0;
}

/* Rows of a query whose columns are all text except those named in `times`. */
static int
list_query(struct lister *L, rota_store *s, const char *sql, const char *ticket,
           const char *const *names, int n, unsigned times, rota_error *err)
{
	sqlite3_stmt *st = rota_store_stmt(s, sql, err);
	int rc;

	if (st == NULL)
		return -1;
	if (ticket)
		sqlite3_bind_text(st, 1, ticket, -1, SQLITE_TRANSIENT);
	put_header(L, names, n);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		for (int i = 0; i < n; i++) {
			char tb[ROTA_TIME_BUFSZ];
			const char *v = (const char *)sqlite3_column_text(st, i);
			if (times & (1u << i))
				v = fmt_time(L, tb, sqlite3_column_int64(st, i),
				             sqlite3_column_type(st, i) == SQLITE_NULL);
			put_field(L, i, names[i], v ? v : "");
		}
		end_record(L);
	}
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? 0 : rota_store_fail(s, err, "reading the database");
}

static int
run_list(struct args *a, rota_store *s)
{
	static const char *const ev_names[] = {
		"ticket", "time", "event", "status", "team", "priority", "agent", "queue",
		"channel", "customer_tz",
	};
	static const char *const tk_names[] = {
		"ticket", "created", "updated", "status", "team", "priority", "agent", "queue",
		"channel", "customer_tz",
	};
	static const char *const at_names[] = { "ticket", "name", "value" };
	static const char *const im_names[] = {
		"id", "started", "finished", "layout", "files", "rows", "rejected", "events_added",
		"events_removed", "options",
	};
	struct lister L = { NULL, a->format, planning_tz(a), 0, NULL, 0, 0, 0 };
	rota_error err;
	int rc;

	rota_error_clear(&err);
	rota_out *out = rota_out_open(a->output, &err);
	if (out == NULL)
		cmd_error_exit(&err);
	L.f = rota_out_file(out);
	if (strcmp(a->list, "events") == 0) {
		put_header(&L, ev_names, 10);
		rc = rota_store_each_event(s, a->ticket, ROTA_TIME_MAX, list_event, &L, &err);
	} else if (strcmp(a->list, "attrs") == 0) {
		put_header(&L, at_names, 3);
		rc = rota_store_each_attr(s, a->ticket, list_attr, &L, &err);
	} else if (strcmp(a->list, "tickets") == 0) {
		rc = list_query(&L, s, "SELECT key, created, updated, status, team, priority, agent,"
		                " queue, channel, customer_tz FROM tickets"
		                " WHERE ?1 IS NULL OR key = ?1 ORDER BY key",
		                a->ticket, tk_names, 10, 1u << 1 | 1u << 2, &err);
	} else {
		rc = list_query(&L, s, "SELECT id, started, finished, layout, files, rows, rejected,"
		                " events_added, events_removed, options FROM imports ORDER BY id",
		                NULL, im_names, 10, 1u << 1 | 1u << 2, &err);
	}
	if (L.format == ROTA_FORMAT_TEXT)
		text_flush(&L);
	if (rc < 0) {
		rota_out_abort(out);
		cmd_error_exit(&err);
	}
	if (rota_out_commit(out, &err) < 0)
		cmd_error_exit(&err);
	return ROTA_EXIT_OK;
}

int
main(int argc, char **argv)
{
	static const struct argp_child kids[] = { { &cmd_argp, 0, "Common options:", 3 },
	                                              { 0 } };
	static const struct argp argp = { options, parse_opt, "[FILE...]", doc, kids, NULL, NULL };
	struct args a;
	rota_error err;

	memset(&a, 0, sizeof a);
	static const struct cmd_flag flags[] = {
		{ "map", "--map" }, { "attr", "--attr" }, { "layout", "--layout" },
		{ "busy-timeout", "--busy-timeout" }, { NULL, NULL }
	};
	cmd_init(&a.cli, "rota-import");
	cmd_flags(flags);
	a.busy_s = 10;
	argp_parse(&argp, argc, argv, 0, NULL, &a);

	rota_error_clear(&err);
	rota_import_opts o;
	if (!a.list)
		prepare(&a, &o);
	int busy_ms = a.busy_s > 86400 ? 86400 * 1000 : (int)a.busy_s * 1000;
	rota_store *s = rota_store_open(a.cli.db, a.list ? 0 : ROTA_STORE_CREATE,
	                                busy_ms > 0 ? busy_ms : 1, &err);
	if (s == NULL)
		cmd_error_exit(&err);
	int rc = a.list ? run_list(&a, s) : run_import(&a, &o, s);
	if (!a.list)
		free((void *)o.attrs);
	rota_store_close(s);
	rota_strbuf_free(&a.options);
	free(a.maps.v);
	free(a.attrs.v);
	free(a.missing.v);
	free(a.resolved.v);
	free(a.closed.v);
	free(a.files.v);
	rota_tz_cache_free();
	return rc;
}
