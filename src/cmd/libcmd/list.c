/* What the store holds, as records: the events, tickets, attributes and imports log
 * that rota-import --list prints, for any command that shows the database. */
#include <config.h>
#include <string.h>
#include <rota/output.h>
#include <rota/store.h>
#include "../cmd.h"

struct lister {
	rota_record *r;
	const rota_tz *tz;
};

static void
put_time(struct lister *L, rota_time t)
{
	if (t == ROTA_TIME_NONE)
		rota_record_null(L->r);
	else
		rota_record_time(L->r, t, L->tz);
}

static int
list_event(const rota_event *ev, void *ctx)
{
	struct lister *L = ctx;
	rota_record_str(L->r, ev->ticket);
	put_time(L, ev->time);
	rota_record_str(L->r, rota_event_kind_name(ev->kind));
	for (int f = 0; f < ROTA_NFIELDS; f++)
		rota_record_str(L->r, ev->v[f]);
	rota_record_end(L->r);
	return 0;
}

static int
list_ticket(const rota_ticket *t, void *ctx)
{
	struct lister *L = ctx;
	rota_record_str(L->r, t->key);
	put_time(L, t->created);
	put_time(L, t->updated);
	for (int f = 0; f < ROTA_NFIELDS; f++)
		rota_record_str(L->r, t->v[f]);
	rota_record_end(L->r);
	return 0;
}

static int
list_attr(const char *ticket, const char *name, const char *value, void *ctx)
{
	struct lister *L = ctx;
	rota_record_str(L->r, ticket);
	rota_record_str(L->r, name);
	rota_record_str(L->r, value);
	rota_record_end(L->r);
	return 0;
}

static int
list_import(const rota_import_log *l, void *ctx)
{
	struct lister *L = ctx;
	const int64_t n[] = { l->rows, l->rejected, l->events_added, l->events_removed };
	rota_record_int(L->r, l->id);
	put_time(L, l->started);
	put_time(L, l->finished);
	rota_record_str(L->r, l->layout);
	rota_record_str(L->r, l->files);
	for (size_t i = 0; i < sizeof n / sizeof n[0]; i++)
		rota_record_int(L->r, n[i]);
	rota_record_str(L->r, l->options);
	rota_record_end(L->r);
	return 0;
}

#define S ROTA_COL_STRING
#define N ROTA_COL_NUMBER
static const rota_column ev_cols[] = {
	{ "ticket", S }, { "time", S }, { "event", S }, { "status", S }, { "team", S },
	{ "priority", S }, { "agent", S }, { "queue", S }, { "channel", S }, { "customer_tz", S },
};
static const rota_column tk_cols[] = {
	{ "ticket", S }, { "created", S }, { "updated", S }, { "status", S }, { "team", S },
	{ "priority", S }, { "agent", S }, { "queue", S }, { "channel", S }, { "customer_tz", S },
};
static const rota_column at_cols[] = { { "ticket", S }, { "name", S }, { "value", S } };
static const rota_column im_cols[] = {
	{ "id", N }, { "started", S }, { "finished", S }, { "layout", S }, { "files", S },
	{ "rows", N }, { "rejected", N }, { "events_added", N }, { "events_removed", N },
	{ "options", S },
};
#undef S
#undef N
#define LIST(cols) (cols), sizeof (cols) / sizeof (cols)[0]

int
cmd_store_list(rota_store *s, const char *what, const char *ticket, int format,
               unsigned flags, FILE *f, const rota_tz *tz, rota_error *err)
{
	struct lister L = { NULL, tz };
	int rc;

	if (strcmp(what, "events") == 0) {
		L.r = rota_record_new(f, format, LIST(ev_cols), flags);
		rc = rota_store_each_event(s, ticket, ROTA_TIME_MAX, list_event, &L, err);
	} else if (strcmp(what, "tickets") == 0) {
		L.r = rota_record_new(f, format, LIST(tk_cols), flags);
		rc = rota_store_each_ticket(s, ticket, list_ticket, &L, err);
	} else if (strcmp(what, "attrs") == 0) {
		L.r = rota_record_new(f, format, LIST(at_cols), flags);
		rc = rota_store_each_attr(s, ticket, list_attr, &L, err);
	} else {
		L.r = rota_record_new(f, format, LIST(im_cols), flags);
		rc = rota_store_each_import_log(s, list_import, &L, err);
	}
	if (rc < 0) {
		rota_record_free(L.r);
		return -1;
	}
	return rota_record_finish(L.r, err);
}

static const struct argp_option list_options[] = {
	{ "list", 0x7101, "WHAT", 0, "Print events, tickets, attrs or imports", 0 },
	{ "ticket", 0x7102, "KEY", 0, "With --list: only this ticket", 0 },
	{ "format", 0x7103, "FMT", 0, "With --list: csv (default), json or text", 0 },
	{ "output", 'o', "FILE", 0, "With --list: write to FILE (atomically)", 0 },
	{ 0 }
};

static error_t
list_parse(int key, char *arg, struct argp_state *state)
{
	struct cmd_list *l = state->input;
	switch (key) {
	case ARGP_KEY_INIT: state->child_inputs[0] = &l->csv_safe; break;
	case 0x7101:
		if (strcmp(arg, "events") && strcmp(arg, "tickets") && strcmp(arg, "attrs") &&
		    strcmp(arg, "imports"))
			argp_error(state, "--list '%s': expected events, tickets, attrs or imports", arg);
		l->what = arg;
		break;
	case 0x7102: l->ticket = arg; break;
	case 0x7103:
		if ((l->format = rota_format_parse(arg)) < 0)
			argp_error(state, "--format '%s': expected csv, json or text", arg);
		break;
	case 'o': l->output = arg; break;
	default: return ARGP_ERR_UNKNOWN;
	}
	return 0;
}

static const struct argp_child list_children[] = { { &cmd_csv_safe_argp, 0, NULL, 0 }, { 0 } };
const struct argp cmd_list_argp = { list_options, list_parse, NULL, NULL, list_children, NULL,
                                    NULL };

int
cmd_list_run(const struct cmd_list *l, rota_store *s, const struct cmd_cli *cli)
{
	rota_error err;
	rota_error_clear(&err);
	rota_out *out = rota_out_open(l->output, &err);
	if (out == NULL)
		cmd_error_exit(&err);
	if (cmd_store_list(s, l->what, l->ticket, l->format,
	                   l->csv_safe ? ROTA_RECORD_CSV_SAFE : 0, rota_out_file(out),
	                   cmd_planning_tz(cli), &err) < 0) {
		rota_out_abort(out);
		cmd_error_exit(&err);
	}
	if (rota_out_commit(out, &err) < 0)
		cmd_error_exit(&err);
	return ROTA_EXIT_OK;
}
