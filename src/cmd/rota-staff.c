/* rota-staff: forecast volume in, agents required per interval out (Erlang C, Erlang A,
 * chat with concurrency, e-mail with backlog). */
#include <config.h>
#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <rota/rota.h>
#include "cmd.h"
#include <rota/config.h>
#include <rota/staff.h>

static const char doc[] =
	"Turn forecast volume into the agents each interval needs.\v"
	"Reads a forecast CSV (FILE, or standard input) with the columns interval_start, "
	"queue and forecast, as rota-forecast writes them (a minimal interval_start,queue,volume "
	"file works too), and writes one row per interval and queue:\n"
	"  interval_start,queue,volume,aht,agents,service_level,asa,occupancy,abandon_rate,"
	"required\n"
	"'agents' is the number answering contacts; 'required' is agents / (1 - shrinkage) "
	"rounded up, the heads to schedule, which rota-roster --need reads directly.  Rows of "
	"the same interval and queue (customer time zones, channels) are added up first.\n\n"
	"Each queue's settings come from the queues: section of the config; the options "
	"above override them for every queue.  Voice queues use Erlang C, or Erlang A when a "
	"patience is set; chat queues staff N slots per agent (--concurrency); e-mail queues "
	"(channel email, or --respond-within) get the fewest agents who answer every item "
	"within the window, carrying backlog from interval to interval.  rota-staff(1) gives "
	"the models and their reasons.\n\n"
	"One-shot: --volume N computes a single interval from the options alone.\n\n"
	"Examples:\n"
	"  rota-staff --volume 100 --interval 30m --aht 180s --sl 80/20s\n"
	"  rota-forecast --by queue | rota-staff > need.csv\n"
	"  rota-staff --quantile hi80 --shrinkage 30% forecast.csv\n"
	"  rota-staff --model erlang-a --patience 2m --max-abandon 5% < forecast.csv\n\n"
	"Exit status: 0 on success; 2 on bad usage or bad input (the message names "
	"file:line:column, what was wrong and what was expected), including a queue without "
	"settings and targets that can never be met (100% service level, ASA 0); 3 on I/O "
	"failure.";

static const char args_doc[] = "[FILE]";

enum {
	OPT_AHT = 0x7201, OPT_SL, OPT_ASA, OPT_OCC, OPT_SHRINK, OPT_MODEL, OPT_PATIENCE,
	OPT_ABANDON, OPT_CONC, OPT_WITHIN, OPT_CHANNEL, OPT_INTERVAL, OPT_VOLUME, OPT_QUEUE,
	OPT_QUANTILE
};

static const struct argp_option options[] = {
	{ NULL, 0, NULL, 0, "Targets and queue settings (override the config):", 1 },
	{ "aht", OPT_AHT, "DUR", 0, "Average handling time per contact (180s, 4m30s)", 1 },
	{ "sl", OPT_SL, "PCT/DUR", 0,
	  "Service-level target: PCT% answered within DUR (80/20s; 80/0s = answered at once)", 1 },
	{ "asa", OPT_ASA, "DUR", 0, "Average speed of answer target", 1 },
	{ "max-occupancy", OPT_OCC, "R", 0, "Highest share of agents' time busy (0.85 or 85%)", 1 },
	{ "shrinkage", OPT_SHRINK, "R", 0,
	  "Share of paid time not answering (breaks, training): required = agents/(1-R)", 1 },
	{ "model", OPT_MODEL, "MODEL", 0,
	  "erlang-c (callers wait) or erlang-a (callers abandon; needs --patience)", 1 },
	{ "patience", OPT_PATIENCE, "DUR", 0, "Mean time callers wait before abandoning (Erlang A)", 1 },
	{ "max-abandon", OPT_ABANDON, "R", 0, "Erlang A: highest share of callers abandoning", 1 },
	{ "concurrency", OPT_CONC, "N", 0, "Chats an agent handles at once (chat queues)", 1 },
	{ "respond-within", OPT_WITHIN, "DUR", 0,
	  "Deferred work (e-mail): answer every item within DUR of arrival", 1 },
	{ "channel", OPT_CHANNEL, "CH", 0, "voice, chat or email: which model a queue uses", 1 },
	{ NULL, 0, NULL, 0, "Input and output:", 2 },
	{ "interval", OPT_INTERVAL, "DUR", 0,
	  "Interval length (default: the smallest step between a queue's intervals)", 2 },
	{ "volume", OPT_VOLUME, "N", 0, "One-shot: contacts in one interval (needs --interval)", 2 },
	{ "queue", OPT_QUEUE, "NAME", 0,
	  "Only this queue; in one-shot mode, take its settings from the config", 2 },
	{ "quantile", OPT_QUANTILE, "COLUMN", 0,
	  "Staff to this column instead of 'forecast', such as hi80 (the upper 80% bound)", 2 },
	{ 0 }
};

struct opts {
	struct cmd_cli cli;
	rota_staff_opts s;
	int64_t interval;
	double volume;
	int oneshot;
	const char *queue, *quantile, *file;
	struct cmd_output out;
};

static error_t
parse_opt(int key, char *arg, struct argp_state *state)
{
	struct opts *o = state->input;
	rota_staff_opts *s = &o->s;
	rota_error err = { 0 };

	switch (key) {
	case ARGP_KEY_INIT:
		state->child_inputs[0] = &o->cli;
		state->child_inputs[1] = &o->out;
		break;
	case OPT_AHT: s->aht = cmd_duration_arg(state, "--aht", arg, 0); break;
	case OPT_SL:
		if (rota_parse_service_level(arg, &s->sl, &s->sl_time, &err) < 0)
			argp_error(state, "--sl: %s", err.msg);
		break;
	case OPT_ASA: s->asa = cmd_duration_arg(state, "--asa", arg, 0); break;
	case OPT_OCC: cmd_share_arg(state, "--max-occupancy", arg, 0, 1, 1, 0, &s->max_occupancy); break;
	case OPT_SHRINK: cmd_share_arg(state, "--shrinkage", arg, 0, 0, 1, 1, &s->shrinkage); break;
	case OPT_ABANDON: cmd_share_arg(state, "--max-abandon", arg, 0, 1, 1, 1, &s->max_abandon); break;
	case OPT_PATIENCE: s->patience = cmd_duration_arg(state, "--patience", arg, 0); break;
	case OPT_WITHIN: s->respond_within = cmd_duration_arg(state, "--respond-within", arg, 0); break;
	case OPT_INTERVAL: o->interval = cmd_duration_arg(state, "--interval", arg, 0); break;
	case OPT_MODEL:
		if (strcmp(arg, "erlang-c") == 0)
			s->model = ROTA_STAFF_ERLANG_C;
		else if (strcmp(arg, "erlang-a") == 0)
			s->model = ROTA_STAFF_ERLANG_A;
		else
			argp_error(state, "--model: unknown model '%s': expected erlang-c or erlang-a", arg);
		break;
	case OPT_CHANNEL:
		if (strcmp(arg, "voice") && strcmp(arg, "chat") && strcmp(arg, "email"))
			argp_error(state, "--channel: unknown channel '%s': expected voice, chat or email",
			           arg);
		s->channel = arg;
		break;
	case OPT_CONC: {
		char *end;
		long v = strtol(arg, &end, 10);
		if (end == arg || *end || v < 1 || v > 100)
			argp_error(state, "--concurrency: bad value '%s': expected a whole number of "
			           "chats from 1 to 100", arg);
		s->concurrency = (int)v;
		break;
	}
	case OPT_VOLUME:
		if (rota_parse_share(arg, &o->volume) < 0 || strchr(arg, '%') || o->volume < 0)
			argp_error(state, "--volume: bad value '%s': expected a number of contacts, 0 or "
			           "more", arg);
		o->oneshot = 1;
		break;
	case OPT_QUEUE: o->queue = arg; break;
	case OPT_QUANTILE: o->quantile = arg; break;
	case ARGP_KEY_ARG:
		if (state->arg_num > 0)
			argp_error(state, "too many arguments: expected at most one FILE");
		o->file = arg;
		break;
	case ARGP_KEY_END:
		if (o->oneshot && o->file)
			argp_error(state, "--volume computes one interval from the options; it reads no "
			           "FILE (drop one or the other)");
		if (o->oneshot && o->interval <= 0)
			argp_error(state, "--volume needs --interval: the length of the interval the "
			           "volume arrives in (such as --interval 30m)");
		if (o->quantile && o->oneshot)
			argp_error(state, "--quantile chooses a column of the input; it does not go with "
			           "--volume");
		break;
	default:
		return ARGP_ERR_UNKNOWN;
	}
	return 0;
}

/* ---- output ---- */

static const rota_column COLUMNS[] = {
	{ "interval_start", ROTA_COL_STRING }, { "queue", ROTA_COL_STRING },
	{ "volume", ROTA_COL_NUMBER }, { "aht", ROTA_COL_NUMBER }, { "agents", ROTA_COL_NUMBER },
	{ "service_level", ROTA_COL_NUMBER }, { "asa", ROTA_COL_NUMBER },
	{ "occupancy", ROTA_COL_NUMBER }, { "abandon_rate", ROTA_COL_NUMBER },
	{ "required", ROTA_COL_NUMBER }
};

/* One-shot rows have no interval and no queue unless --queue named one: both null. */
static void
put_rows(rota_record *w, const rota_staff_input *in, const double *aht, const rota_tz *tz,
         int oneshot)
{
	for (size_t i = 0; i < in->nrows; i++) {
		const rota_staff_row *r = &in->rows[i];
		const char *q = in->queues[r->queue];
		if (oneshot)
			rota_record_null(w);
		else
			rota_record_time(w, r->start, tz);
		rota_record_str(w, oneshot && !*q ? NULL : q);
		rota_record_real(w, r->volume, 6);
		rota_record_real(w, aht[r->queue], 3);
		rota_record_int(w, r->agents);
		rota_record_fixed(w, r->service_level, 4);
		rota_record_fixed(w, r->asa, 1);
		rota_record_fixed(w, r->occupancy, 4);
		rota_record_fixed(w, r->abandon, 4);
		rota_record_int(w, r->required);
		rota_record_end(w);
	}
}

static void
report(const rota_staff_input *in, const struct opts *o)
{
	for (size_t k = 0; k < in->nqueues; k++) {
		rota_staff_summary m;
		rota_staff_summarize(in, k, &m);
		cmd_warn("queue '%s': %zu intervals, %g contacts (column %s), peak %ld agents "
		         "(%ld required), backlog at the end %.1f", in->queues[k], m.intervals,
		         m.volume, o->oneshot ? "--volume" : in->volume_column, m.peak_agents,
		         m.peak_required, m.backlog);
	}
}

int
main(int argc, char **argv)
{
	/* The shared options last, under their own header, as in every rota command. */
	static struct argp_child kids[] = {
		{ &cmd_argp, 0, "Common options:", 3 }, { &cmd_output_argp, 0, NULL, 2 }, { 0 }
	};
	static struct argp argp = { options, parse_opt, args_doc, doc, kids, NULL, NULL };
	struct opts o = { .out = { .format = ROTA_FORMAT_CSV } };
	rota_error err;
	rota_staff_input in;

	static const struct cmd_flag flags[] = {
		{ "aht", "--aht" }, { "sl", "--sl" }, { "asa", "--asa" }, { "patience", "--patience" },
		{ "respond_within", "--respond-within" }, { "queue", "--queue NAME" },
		{ "interval", "--interval" }, { "quantile", "--quantile" }, { NULL, NULL }
	};
	cmd_init(&o.cli, "rota-staff");
	cmd_flags(flags);
	rota_staff_opts_init(&o.s);
	argp_parse(&argp, argc, argv, 0, NULL, &o);
	rota_error_clear(&err);
	cmd_progress_start();

	rota_config *cfg = cmd_config_load(&o.cli, &err);
	if (cfg == NULL)
		cmd_error_exit(&err);
	const rota_tz *tz = rota_tz_get(cmd_tz(&o.cli, cfg->tz), &err);
	if (tz == NULL)
		goto fail_cfg;
	const char *name = "<stdin>";
	if (o.oneshot) {
		rota_staff_input_single(&in, o.queue, o.volume);
		name = NULL;
	} else {
		rota_csv *c = rota_csv_open(o.file, &err);
		if (c == NULL)
			goto fail_cfg;
		int rc = rota_staff_read(c, o.quantile, tz, o.cli.lenient ? ROTA_PARSE_LENIENT : 0,
		                         &in, &err);
		name = o.file && strcmp(o.file, "-") ? o.file : "<stdin>";
		rota_csv_close(c);
		if (rc < 0) {
			rota_staff_input_free(&in);
			goto fail_cfg;
		}
		if (o.queue) {
			rota_staff_input_keep(&in, o.queue);
			if (in.nrows == 0 && !o.cli.quiet)
				cmd_warn("%s has no rows of queue '%s'", name, o.queue);
		}
	}
	if (!o.cli.quiet)
		o.s.progress = cmd_progress_cb;
	int rc = rota_staff_run(&in, cfg, &o.s, o.interval, name, &err);
	cmd_progress_done();
	if (rc < 0)
		goto fail_in;
	rota_record *w = cmd_output_open(&o.out, COLUMNS, sizeof COLUMNS / sizeof *COLUMNS, &err);
	if (w == NULL)
		goto fail_in;
	double *aht = rota_staff_input_aht(&in, cfg, &o.s);
	put_rows(w, &in, aht, tz, o.oneshot);
	free(aht);
	if (o.cli.verbose)
		report(&in, &o);
	rota_staff_input_free(&in);
	rota_config_free(cfg);
	rota_tz_cache_free();
	if (cmd_output_commit(&o.out, w, &err) < 0)
		cmd_error_exit(&err);
	return ROTA_EXIT_OK;

fail_in:
	rota_staff_input_free(&in);
fail_cfg:
	rota_config_free(cfg);
	rota_tz_cache_free();
	cmd_error_exit(&err);
}
