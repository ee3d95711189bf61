/* rota-config: check rota.yaml and print what was understood, in a normalized form that
 * a person can hold against the file (text) or a script can read (json). */
#include <config.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <rota/rota.h>
#include "cmd.h"
#include <rota/config.h>

static const char doc[] =
	"Check a rota.yaml configuration and print what was understood.\v"
	"COMMAND is 'check': load the file named by -c (default $ROTA_CONFIG, else ./rota.yaml; "
	"a FILE argument names it too; - is standard input), check every key, type, value and name, and print the "
	"result normalized: the planning zone, each calendar's hours for every weekday, its "
	"overrides and holidays, the queues with their numbers, the SLA and OLA policies with "
	"their targets as durations, the roster's shifts, contracts, agents (with the rules "
	"that apply to each after overrides) and cover lines, and the alert routes.  Nothing "
	"else is read or written; with -q nothing is printed and the exit status tells.\n\n"
	"Examples:\n"
	"  rota-config check                      check ./rota.yaml\n"
	"  rota config check -c /etc/rota.yaml    the same through the dispatcher\n"
	"  rota-config check --format json | jq '.calendars[].name'\n"
	"  rota-config check -q new.yaml && cp new.yaml rota.yaml\n\n"
	"Exit status: 0 when the file is valid, 2 when it is not (the message names "
	"file:line:column, what was wrong and what was expected) or on bad usage, 3 when the "
	"file cannot be read.  See rota.yaml(5) for every key.";

static const char args_doc[] = "check [FILE]";

enum { OPT_FORMAT = 0x7101 };

static const struct argp_option options[] = {
	{ "format", OPT_FORMAT, "FMT", 0, "text (default, for people) or json (one object)", 0 },
	{ "output", 'o', "FILE", 0, "Write to FILE (atomically) instead of standard output", 0 },
	{ 0 }
};

struct opts {
	struct cmd_cli cli;
	int format;
	const char *output;
	const char *file;
	int have_cmd;
};

static error_t
parse_opt(int key, char *arg, struct argp_state *state)
{
	struct opts *o = state->input;

	switch (key) {
	case ARGP_KEY_INIT:
		state->child_inputs[0] = &o->cli;
		break;
	case OPT_FORMAT:
		o->format = rota_format_parse(arg);
		if (o->format != ROTA_FORMAT_TEXT && o->format != ROTA_FORMAT_JSON)
			argp_error(state, "--format: expected text or json, found '%s'", arg);
		break;
	case 'o':
		o->output = arg;
		break;
	case ARGP_KEY_ARG:
		if (state->arg_num == 0) {
			if (strcmp(arg, "check") != 0)
				argp_error(state, "unknown command '%s': expected check", arg);
			o->have_cmd = 1;
		} else if (state->arg_num == 1) {
			o->file = arg;
		} else {
			argp_error(state, "too many arguments: expected check [FILE]");
		}
		break;
	case ARGP_KEY_END:
		if (!o->have_cmd)
			argp_error(state, "missing command: expected check");
		break;
	default:
		return ARGP_ERR_UNKNOWN;
	}
	return 0;
}

int
main(int argc, char **argv)
{
	static struct argp_child kids[] = { { &cmd_argp, 0, "Common options:", 0 },
	                                    { 0 } };
	static struct argp argp = { options, parse_opt, args_doc, doc, kids, NULL, NULL };
	struct opts o = { .format = ROTA_FORMAT_TEXT };
	rota_error err;

	cmd_init(&o.cli, "rota-config");
	argp_parse(&argp, argc, argv, 0, NULL, &o);
	const char *path = o.file ? o.file : o.cli.config;

	rota_error_clear(&err);
	rota_config *cfg = rota_config_load(path, &err);
	if (cfg == NULL || rota_config_check(cfg, &err) < 0) {
		rota_config_free(cfg);
		cmd_error_exit(&err);
	}
	/* -q: the exit status is the answer (for deploy scripts and pre-commit hooks). */
	if (o.cli.quiet) {
		rota_config_free(cfg);
		rota_tz_cache_free();
		return ROTA_EXIT_OK;
	}
	rota_out *out = rota_out_open(o.output, &err);
	if (out == NULL) {
		rota_config_free(cfg);
		cmd_error_exit(&err);
	}
	if (o.format == ROTA_FORMAT_JSON) {
		rota_json *j = rota_json_new(rota_out_file(out), 0);
		rota_config_write_json(j, cfg);
		if (rota_json_finish(j, &err) < 0) {
			rota_config_free(cfg);
			rota_out_abort(out);
			cmd_error_exit(&err);
		}
	} else {
		rota_config_write_text(rota_out_file(out), cfg);
	}
	rota_config_free(cfg);
	if (rota_out_commit(out, &err) < 0)
		cmd_error_exit(&err);
	rota_tz_cache_free();
	return ROTA_EXIT_OK;
}
