/* --format and -o, shared: every command that writes a table takes them the same way and
 * writes through the library's record writer into an atomic output file. */
#include <config.h>
#include <string.h>
#include "../cmd.h"

enum { OPT_FORMAT = 0x7081, OPT_CSV_SAFE };

/* --csv-safe, a child of every option group that chooses a table's format (this one and
 * rota-import's --list), so that it is spelt and documented once.  Input: an int. */
static const struct argp_option safe_options[] = {
	{ "csv-safe", OPT_CSV_SAFE, NULL, 0,
	  "CSV for a spreadsheet: text beginning with = + - @ (a formula) gets a leading '", 0 },
	{ 0 }
};

static error_t
safe_parse(int key, char *arg, struct argp_state *state)
{
	(void)arg;
	if (key != OPT_CSV_SAFE)
		return ARGP_ERR_UNKNOWN;
	*(int *)state->input = 1;
	return 0;
}

const struct argp cmd_csv_safe_argp = { safe_options, safe_parse, NULL, NULL, NULL, NULL,
                                        NULL };

static const struct argp_child children[] = { { &cmd_csv_safe_argp, 0, NULL, 0 }, { 0 } };

static const struct argp_option options[] = {
	{ "format", OPT_FORMAT, "FMT", 0, "csv (default), json (JSON Lines) or text (aligned)", 0 },
	{ "output", 'o', "FILE", 0, "Write to FILE (atomically) instead of standard output", 0 },
	{ 0 }
};

static error_t
parse(int key, char *arg, struct argp_state *state)
{
	struct cmd_output *o = state->input;

	switch (key) {
	case ARGP_KEY_INIT: state->child_inputs[0] = &o->csv_safe; break;
	case OPT_FORMAT:
		if ((o->format = rota_format_parse(arg)) < 0)
			argp_error(state, "--format: expected csv, json or text, found '%s'", arg);
		o->format_given = 1;
		break;
	case 'o': o->path = arg; break;
	default: return ARGP_ERR_UNKNOWN;
	}
	return 0;
}

const struct argp cmd_output_argp = { options, parse, NULL, NULL, children, NULL, NULL };

rota_record *
cmd_output_open(struct cmd_output *o, const rota_column *cols, size_t ncols, rota_error *err)
{
	o->out = rota_out_open(o->path, err);
	if (o->out == NULL)
		return NULL;
	return rota_record_new(rota_out_file(o->out), o->format, cols, ncols,
	                       o->csv_safe ? ROTA_RECORD_CSV_SAFE : 0);
}

int
cmd_output_commit(struct cmd_output *o, rota_record *r, rota_error *err)
{
	if (rota_record_finish(r, err) < 0) {
		rota_out_abort(o->out);
		o->out = NULL;
		return -1;
	}
	int rc = rota_out_commit(o->out, err);
	o->out = NULL;
	return rc;
}

int
cmd_write_text(const char *path, const char *text, rota_error *err)
{
	rota_out *out = rota_out_open(path, err);
	if (out == NULL)
		return -1;
	fputs(text, rota_out_file(out));
	return rota_out_commit(out, err);
}
