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
	OPT_QUANTILE, OPT_FORMAT
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
	{ "format", OPT_FORMAT, "FMT", 0, "csv (default), json (JSON Lines) or text", 2 },
	{ "output", 'o', "FILE", 0, "Write to FILE (atomically) instead of standard output", 2 },
	{ 0 }
};

struct opts {
	struct cmd_cli cli;
	rota_staff_opts s;
	int64_t interval;
	double volume;
	int oneshot;
	const char *queue, *quantile, *output, *file;
	int format;
};

static int64_t
duration_arg(struct argp_state *state, const char *opt, const char *arg, int zero_ok)
{
	int64_t v;
	rota_error e = { 0 };
	/* The parser's message says what was wrong where (a fraction, a month, a unit). */
	if (rota_duration_parse(arg, &v, &e) < 0)
		argp_error(state, "%s: %s", opt, e.msg);
	if (!zero_ok && v == 0)
		argp_error(state, "%s: bad duration '%s': expected a duration above 0 such as 90s, "
		           "3m or 1h30m", opt, arg);
	return v;
}

static void
sl_arg(struct argp_state *state, const char *arg, rota_staff_opts *s)
{
	rota_error e = { 0 };
	if (rota_parse_service_level(arg, &s->sl, &s->sl_time, &e) < 0)
		argp_error(state, "--sl: %s", e.msg);
}

static void
ratio_arg(struct argp_state *state, const char *opt, const char *arg, double lo, int lo_open,
          double hi, int hi_open, double *out)
{
	double v;
	if (rota_parse_share(arg, &v) < 0 || v < lo || (lo_open && v == lo) || v > hi ||
	    (hi_open && v == hi))
		argp_error(state, "%s: bad value '%s': expected a share R with %g %s R %s %g, as a "
		           "fraction (0.3) or a percentage (30%%)", opt, arg, lo, lo_open ? "<" : "<=",
		           hi_open ? "<" : "<=", hi);
	*out = v;
}

static error_t
parse_opt(int key, char *arg, struct argp_state *state)
{
	struct opts *o = state->input;
	rota_staff_opts *s = &o->s;

	switch (key) {
	case ARGP_KEY_INIT:
		state->child_inputs[0] = &o->cli;
		break;
	case OPT_AHT: s->aht = duration_arg(state, "--aht", arg, 0); break;
	case OPT_SL: sl_arg(state, arg, s); break;
	case OPT_ASA: s->asa = duration_arg(state, "--asa", arg, 0); break;
	case OPT_OCC: ratio_arg(state, "--max-occupancy", arg, 0, 1, 1, 0, &s->max_occupancy); break;
	case OPT_SHRINK: ratio_arg(state, "--shrinkage", arg, 0, 0, 1, 1, &s->shrinkage); break;
	case OPT_ABANDON: ratio_arg(state, "--max-abandon", arg, 0, 1, 1, 1, &s->max_abandon); break;
	case OPT_PATIENCE: s->patience = duration_arg(state, "--patience", arg, 0); break;
	case OPT_WITHIN: s->respond_within = duration_arg(state, "--respond-within", arg, 0); break;
	case OPT_INTERVAL: o->interval = duration_arg(state, "--interval", arg, 0); break;
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
	case OPT_FORMAT:
		if ((o->format = rota_format_parse(arg)) < 0)
			argp_error(state, "--format: expected csv, json or text, found '%s'", arg);
		break;
	case 'o': o->output = arg; break;
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

static const char *const COLUMNS[] = {
	"interval_start", "queue", "volume", "aht", "agents", "service_level", "asa",
	"occupancy", "abandon_rate", "required"
};
enum { NCOL = 10 };

/* A number with up to `dec` decimals and no trailing zeros (100, 12.5). */
static void
num_trim(char *b, size_t n, double v, int dec)
{
	snprintf(b, n, "%.*f", dec, v);
	if (strchr(b, '.')) {
		char *e = b + strlen(b) - 1;
		while (*e == '0')
			*e-- = '\0';
		if (*e == '.')
			*e = '\0';
	}
	if (strcmp(b, "-0") == 0)
		strcpy(b, "0");
}

static void
num_fixed(char *b, size_t n, double v, int dec)
{
	if (!isfinite(v))
		b[0] = '\0';
	else
		snprintf(b, n, "%.*f", dec, v);
}

/* The ten cells of a row as text; the time is empty in one-shot mode. */
static void
cells(const rota_staff_row *r, const rota_tz *tz, double aht, int oneshot, char c[NCOL][64])
{
	if (oneshot)
		c[0][0] = '\0';
	else
		rota_time_format(c[0], 64, r->start, tz);
	snprintf(c[1], 64, "%s", "");
	num_trim(c[2], 64, r->volume, 6);
	num_trim(c[3], 64, aht, 3);
	snprintf(c[4], 64, "%ld", r->agents);
	num_fixed(c[5], 64, r->service_level, 4);
	num_fixed(c[6], 64, r->asa, 1);
	num_fixed(c[7], 64, r->occupancy, 4);
	num_fixed(c[8], 64, r->abandon, 4);
	snprintf(c[9], 64, "%ld", r->required);
}

static void
put_csv(FILE *f, const rota_staff_input *in, const double *aht, const rota_tz *tz, int oneshot)
{
	for (int k = 0; k < NCOL; k++)
		fprintf(f, "%s%s", k ? "," : "", COLUMNS[k]);
	fputc('\n', f);
	for (size_t i = 0; i < in->nrows; i++) {
		char c[NCOL][64];
		const rota_staff_row *r = &in->rows[i];
		cells(r, tz, aht[r->queue], oneshot, c);
		fputs(c[0], f);
		fputc(',', f);
		rota_csv_put(f, in->queues[r->queue]);
		for (int k = 2; k < NCOL; k++)
			fprintf(f, ",%s", c[k]);
		fputc('\n', f);
	}
}

static void
put_json(FILE *f, const rota_staff_input *in, const double *aht, const rota_tz *tz, int oneshot)
{
	for (size_t i = 0; i < in->nrows; i++) {
		char c[NCOL][64];
		const rota_staff_row *r = &in->rows[i];
		cells(r, tz, aht[r->queue], oneshot, c);
		fputs("{\"interval_start\":", f);
		if (oneshot)
			fputs("null", f);
		else
			rota_json_put_string(f, c[0]);
		fputs(",\"queue\":", f);
		rota_json_put_string(f, in->queues[r->queue]);
		for (int k = 2; k < NCOL; k++)
			fprintf(f, ",\"%s\":%s", COLUMNS[k], c[k][0] ? c[k] : "null");
		fputs("}\n", f);
	}
}

static void
put_text(FILE *f, const rota_staff_input *in, const double *aht, const rota_tz *tz, int oneshot)
{
	size_t w[NCOL];
	char (*all)[NCOL][64] = rota_xcalloc(in->nrows ? in->nrows : 1, sizeof *all);
	for (int k = 0; k < NCOL; k++)
		w[k] = strlen(COLUMNS[k]);
	for (size_t i = 0; i < in->nrows; i++) {
		const rota_staff_row *r = &in->rows[i];
		cells(r, tz, aht[r->queue], oneshot, all[i]);
		snprintf(all[i][1], 64, "%s", in->queues[r->queue]);
		for (int k = 0; k < NCOL; k++)
			if (strlen(all[i][k]) > w[k])
				w[k] = strlen(all[i][k]);
	}
	/* Names left-aligned, numbers right-aligned, as people read tables. */
	for (int k = 0; k < NCOL; k++)
		fprintf(f, "%s%*s", k ? "  " : "", k < 2 ? -(int)w[k] : (int)w[k], COLUMNS[k]);
	fputc('\n', f);
	for (size_t i = 0; i < in->nrows; i++) {
		for (int k = 0; k < NCOL; k++)
			fprintf(f, "%s%*s", k ? "  " : "", k < 2 ? -(int)w[k] : (int)w[k], all[i][k]);
		fputc('\n', f);
	}
	free(all);
}

/* ---- input ---- */

/* --queue NAME in file mode: keep that queue's rows only. */
static void
keep_queue(rota_staff_input *in, const char *name)
{
	size_t qi = in->nqueues, o = 0;
	for (size_t k = 0; k < in->nqueues; k++)
		if (strcmp(in->queues[k], name) == 0)
			qi = k;
	for (size_t i = 0; i < in->nrows; i++)
		if (in->rows[i].queue == qi) {
			in->rows[o] = in->rows[i];
			in->rows[o++].queue = 0;
		}
	in->nrows = o;
	if (qi < in->nqueues) {
		char *keep = in->queues[qi];
		long l = in->queue_line[qi], c = in->queue_col[qi];
		for (size_t k = 0; k < in->nqueues; k++)
			if (k != qi)
				free(in->queues[k]);
		in->queues[0] = keep;
		in->queue_line[0] = l;
		in->queue_col[0] = c;
		in->nqueues = 1;
	} else {
		for (size_t k = 0; k < in->nqueues; k++)
			free(in->queues[k]);
		in->nqueues = 0;
	}
}

static void
oneshot_input(rota_staff_input *in, const struct opts *o)
{
	memset(in, 0, sizeof *in);
	in->queues = rota_xcalloc(1, sizeof *in->queues);
	in->queue_line = rota_xcalloc(1, sizeof(long));
	in->queue_col = rota_xcalloc(1, sizeof(long));
	in->queues[0] = rota_xstrdup(o->queue ? o->queue : "");
	in->nqueues = 1;
	in->rows = rota_xcalloc(1, sizeof *in->rows);
	in->rows[0].volume = o->volume;
	in->nrows = 1;
}

/* The handling time each queue ended up with, for the aht column. */
static double *
queue_aht(const rota_staff_input *in, const rota_config *cfg, const rota_staff_opts *s)
{
	double *aht = rota_xcalloc(in->nqueues ? in->nqueues : 1, sizeof *aht);
	for (size_t k = 0; k < in->nqueues; k++) {
		const rota_queue_def *d = in->queues[k][0] ? rota_config_queue(cfg, in->queues[k]) : NULL;
		aht[k] = (double)(s->aht > 0 ? s->aht : d ? d->aht : 0);
	}
	return aht;
}

static void
report(const rota_staff_input *in, const struct opts *o)
{
	for (size_t k = 0; k < in->nqueues; k++) {
		long peak = 0, heads = 0;
		size_t n = 0;
		double vol = 0, backlog = 0;
		for (size_t i = 0; i < in->nrows; i++) {
			const rota_staff_row *r = &in->rows[i];
			if (r->queue != k)
				continue;
			n++;
			vol += r->volume;
			if (r->agents > peak)
				peak = r->agents;
			if (r->required > heads)
				heads = r->required;
			backlog = r->backlog;
		}
		cmd_warn("queue '%s': %zu intervals, %g contacts (column %s), peak %ld agents "
		          "(%ld required), backlog at the end %.1f", in->queues[k], n, vol,
		          o->oneshot ? "--volume" : in->volume_column, peak, heads, backlog);
	}
}

int
main(int argc, char **argv)
{
	/* The shared options last, under their own header, as in every rota command. */
	static struct argp_child kids[] = { { &cmd_argp, 0, "Common options:", 3 }, { 0 } };
	static struct argp argp = { options, parse_opt, args_doc, doc, kids, NULL, NULL };
	struct opts o = { .format = ROTA_FORMAT_CSV };
	rota_error err;
	rota_staff_input in;

	cmd_init(&o.cli, "rota-staff");
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
		oneshot_input(&in, &o);
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
			keep_queue(&in, o.queue);
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
	rota_out *out = rota_out_open(o.output, &err);
	if (out == NULL)
		goto fail_in;
	double *aht = queue_aht(&in, cfg, &o.s);
	FILE *f = rota_out_file(out);
	if (o.format == ROTA_FORMAT_JSON)
		put_json(f, &in, aht, tz, o.oneshot);
	else if (o.format == ROTA_FORMAT_TEXT)
		put_text(f, &in, aht, tz, o.oneshot);
	else
		put_csv(f, &in, aht, tz, o.oneshot);
	free(aht);
	if (o.cli.verbose)
		report(&in, &o);
	rota_staff_input_free(&in);
	rota_config_free(cfg);
	rota_tz_cache_free();
	if (rota_out_commit(out, &err) < 0)
		cmd_error_exit(&err);
	return ROTA_EXIT_OK;

fail_in:
	rota_staff_input_free(&in);
fail_cfg:
	rota_config_free(cfg);
	rota_tz_cache_free();
	cmd_error_exit(&err);
}
