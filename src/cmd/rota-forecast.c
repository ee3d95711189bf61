/* rota-forecast: arrivals in (the store's tickets or a CSV), volume per interval and
 * series out, with prediction intervals; or a rolling-origin backtest of the models. */
#include <config.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <rota/rota.h>
#include "cmd.h"
#include <rota/config.h>
#include <rota/calendar.h>
#include <rota/forecast.h>
#include <rota/forecast-series.h>
#include <rota/store.h>

static const char doc[] =
	"Forecast request volume per interval, split by queue, channel and customer time zone."
	"\vArrivals come from the database (tickets' created times) or --input FILE: a CSV of "
	"arrivals (a time column: time, created, timestamp) or of counts (interval_start,count),"
	" with optional queue, channel and customer_tz columns.  Writes\n"
	"  interval_start,queue,channel,customer_tz,forecast,lo80,hi80,lo95,hi95,model\n"
	"on the planning zone's grid (series columns empty when not split), which rota-staff "
	"reads as it is.  Each customer zone's series is modelled in its own local time and then "
	"placed on the planning grid, so a DST change moves its daily peak as it really moves.  "
	"--backtest WEEKS writes instead, per series and model, MASE, WAPE, bias and the "
	"coverage of the 80% and 95% intervals over WEEKS weekly origins.\n\n"
	"Examples:\n"
	"  rota-forecast --by queue --horizon 7d | rota-staff > need.csv\n"
	"  rota-forecast --input calls.csv --naive --tz America/New_York --backtest 4\n\n"
	"Exit status: 0 on success; 2 on bad usage or bad input (the message names "
	"file:line:column and what was expected), also when no series has history enough; 3 on "
	"I/O or database failures.";

enum {
	OPT_INPUT = 0x7401, OPT_BY, OPT_INTERVAL, OPT_HORIZON, OPT_START, OPT_MODEL, OPT_LIST,
	OPT_HOLIDAYS, OPT_LIKE, OPT_HOURS, OPT_QHOURS, OPT_BACKTEST, OPT_SVG, OPT_PANELS,
	OPT_NAIVE, OPT_AVGW
};

static const struct argp_option options[] = {
	{ NULL, 0, NULL, 0, "Input, series and model:", 1 },
	{ "input", OPT_INPUT, "FILE", 0, "Arrivals or counts from FILE (- for stdin), not the db", 1 },
	{ "naive", OPT_NAIVE, NULL, 0, "Read the input's times as wall clock in --tz, "
	  "dropping any Z or offset they carry", 1 },
	{ "by", OPT_BY, "LIST", 0, "Split into series by queue, channel, customer_tz (commas)", 1 },
	{ "interval", OPT_INTERVAL, "DUR", 0, "Slot length: 1h (default), 30m or 15m", 1 },
	{ "horizon", OPT_HORIZON, "DUR", 0, "How far to forecast (default 14d)", 1 },
	{ "start", OPT_START, "TIME", 0, "First forecast instant (default: end of history)", 1 },
	{ "model", OPT_MODEL, "NAME", 0, "The model (default auto); with --backtest a comma "
	  "list (default: all)", 1 },
	{ "list", OPT_LIST, NULL, 0, "List the models and exit", 1 },
	{ NULL, 0, NULL, 0, "Opening hours and holidays (calendars of the config):", 2 },
	{ "hours", OPT_HOURS, "CALENDAR", 0, "Opening hours: slots it is closed are structural "
	  "zeros", 2 },
	{ "queue-hours", OPT_QHOURS, NULL, 0, "Each queue's calendar: from rota.yaml as its "
	  "opening hours (with --by queue)", 2 },
	{ "holidays", OPT_HOLIDAYS, "CALENDAR", 0, "Holidays of CALENDAR: left out of fitting, "
	  "forecast as --holiday-like says", 2 },
	{ "holiday-like", OPT_LIKE, "DAY", 0, "A holiday is forecast like this weekday (mon .. "
	  "sun; default sun) or closed", 2 },
	{ "avg-weeks", OPT_AVGW, "N", 0, "Weeks the avg model averages (default 4)", 2 },
	{ NULL, 0, NULL, 0, "Evaluation and chart:", 3 },
	{ "backtest", OPT_BACKTEST, "WEEKS", 0, "Evaluate the models over the last WEEKS weeks", 3 },
	{ "svg", OPT_SVG, "FILE", 0, "Also draw history, forecast and bands as SVG (atomically)", 3 },
	{ "svg-panels", OPT_PANELS, "N", 0, "Series drawn at most (default 8)", 3 },
	{ 0 }
};

struct opts {
	struct cmd_cli cli;
	struct cmd_output out;
	const char *input, *start, *hours, *holidays, *svg;
	struct cmd_strv models;
	char *model_list;
	int naive, list, queue_hours, backtest, panels;
	unsigned by;
	int64_t interval, horizon;
	rota_fc_opts fc;
};

static long
number_arg(struct argp_state *state, const char *opt, const char *arg, long lo, long hi)
{
	char *end;
	long v = strtol(arg, &end, 10);
	if (end == arg || *end || v < lo || v > hi)
		argp_error(state, "%s: bad value '%s': expected a whole number from %ld to %ld",
		           opt, arg, lo, hi);
	return v;
}

static error_t
parse_opt(int key, char *arg, struct argp_state *state)
{
	struct opts *o = state->input;
	rota_error err;
	static const char *const days[] = { "mon", "tue", "wed", "thu", "fri", "sat", "sun" };
	switch (key) {
	case ARGP_KEY_INIT:
		state->child_inputs[0] = &o->cli;
		state->child_inputs[1] = &o->out;
		break;
	case OPT_INPUT: o->input = arg; break;
	case OPT_NAIVE: o->naive = 1; break;
	case OPT_BY:
		if (rota_fc_by_parse(arg, &o->by, &err) < 0)
			argp_error(state, "--by: %s", err.msg);
		break;
	case OPT_INTERVAL:
		o->interval = cmd_duration_arg(state, "--interval", arg, 0);
		if (o->interval != 3600 && o->interval != 1800 && o->interval != 900)
			argp_error(state, "--interval: '%s': expected 1h, 30m or 15m", arg);
		break;
	case OPT_HORIZON: o->horizon = cmd_duration_arg(state, "--horizon", arg, 0); break;
	case OPT_START: o->start = arg; break;
	case OPT_MODEL:
		o->model_list = arg;
		cmd_strv_add_list(&o->models, arg);
		for (size_t i = 0; i < o->models.n; i++)
			if (rota_fc_model_find(o->models.v[i]) == NULL)
				argp_error(state, "--model: unknown model '%s' (rota-forecast --list "
				           "lists them)", o->models.v[i]);
		break;
	case OPT_LIST: o->list = 1; break;
	case OPT_HOURS: o->hours = arg; break;
	case OPT_QHOURS: o->queue_hours = 1; break;
	case OPT_HOLIDAYS: o->holidays = arg; break;
	case OPT_LIKE:
		o->fc.holiday_like = -2;
		for (int d = 0; d < 7; d++)
			if (strncmp(arg, days[d], 3) == 0)
				o->fc.holiday_like = d;
		if (strcmp(arg, "closed") == 0)
			o->fc.holiday_like = -1;
		if (o->fc.holiday_like == -2)
			argp_error(state, "--holiday-like: '%s': expected a weekday (mon .. sun) or "
			           "closed", arg);
		break;
	case OPT_AVGW: o->fc.avg_weeks = (int)number_arg(state, "--avg-weeks", arg, 1, 52); break;
	case OPT_BACKTEST: o->backtest = (int)number_arg(state, "--backtest", arg, 1, 520); break;
	case OPT_SVG: o->svg = arg; break;
	case OPT_PANELS: o->panels = (int)number_arg(state, "--svg-panels", arg, 1, 100); break;
	case ARGP_KEY_ARG: argp_error(state, "unexpected argument '%s'", arg); break;
	case ARGP_KEY_END:
		if (o->hours && o->queue_hours)
			argp_error(state, "--hours and --queue-hours both say where opening hours "
			           "come from: give one");
		if (!o->backtest && o->models.n > 1)
			argp_error(state, "--model: one model to forecast with (a list goes with "
			           "--backtest)");
		break;
	default:
		return ARGP_ERR_UNKNOWN;
	}
	return 0;
}

/* --help ends with the model table, as --list prints it. */
static char *
help_filter(int key, const char *text, void *input)
{
	(void)input;
	if (key != ARGP_KEY_HELP_POST_DOC || text == NULL)
		return (char *)text;
	rota_strbuf b = ROTA_STRBUF_INIT;
	rota_strbuf_puts(&b, "Models (--model):\n");
	for (const rota_fc_model *const *m = rota_fc_models(); *m; m++)
		rota_strbuf_printf(&b, "  %-8s %s\n", rota_fc_model_name(*m), rota_fc_model_summary(*m));
	rota_strbuf_printf(&b, "\n%s", text);
	return rota_strbuf_detach(&b);
}

struct run {
	struct opts *o;
	rota_config *cfg;
	rota_calendars *cals;
	rota_fc_grid g;
	const rota_tz *tz;
};

static rota_calendar *
calendar(struct run *r, const char *name, rota_error *err)
{
	if (r->cfg->path == NULL)
		return rota_error_set(err, ROTA_EXIT_USAGE, NULL, 0, 0, "unknown calendar '%s': "
		                      "there is no configuration (%s does not exist); name one with "
		                      "-c FILE or ROTA_CONFIG", name, r->o->cli.config), NULL;
	if (r->cals == NULL)
		r->cals = rota_calendars_new(r->cfg->calendars, r->cfg->ncalendars, r->cfg->path);
	return rota_calendars_get(r->cals, name, strlen(name), err);
}

static rota_calendar *
queue_hours(void *ctx, const char *queue, rota_error *err)
{
	struct run *r = ctx;
	const rota_queue_def *q = rota_config_queue(r->cfg, queue);
	return q && q->calendar ? calendar(r, q->calendar, err) : NULL;
}

static const rota_column FC_COLS[] = {
	{ "interval_start", ROTA_COL_STRING }, { "queue", ROTA_COL_STRING },
	{ "channel", ROTA_COL_STRING }, { "customer_tz", ROTA_COL_STRING },
	{ "forecast", ROTA_COL_NUMBER }, { "lo80", ROTA_COL_NUMBER }, { "hi80", ROTA_COL_NUMBER },
	{ "lo95", ROTA_COL_NUMBER }, { "hi95", ROTA_COL_NUMBER }, { "model", ROTA_COL_STRING }
};
static const rota_column BT_COLS[] = {
	{ "queue", ROTA_COL_STRING }, { "channel", ROTA_COL_STRING },
	{ "customer_tz", ROTA_COL_STRING }, { "model", ROTA_COL_STRING },
	{ "origins", ROTA_COL_NUMBER }, { "mase", ROTA_COL_NUMBER }, { "wape", ROTA_COL_NUMBER },
	{ "bias", ROTA_COL_NUMBER }, { "cover80", ROTA_COL_NUMBER }, { "cover95", ROTA_COL_NUMBER }
};

static void
series_cells(rota_record *w, const rota_fc_grid_series *s)
{
	rota_record_str(w, s->queue);
	rota_record_str(w, s->channel);
	rota_record_str(w, s->customer_tz);
}

static int
skip(const rota_fc_grid_series *s, const rota_error *e)
{
	char *l = rota_fc_series_label(s), msg[1024];
	cmd_warn("%s: left out: %s", l, cmd_error_text(e, msg, sizeof msg));
	free(l);
	return 0;
}

static int
backtest(struct run *r, rota_record *w)
{
	const rota_fc_model *const *all = rota_fc_models();
	size_t rows = 0;
	for (size_t i = 0; i < r->g.n; i++)
		for (size_t k = 0; r->o->models.n ? k < r->o->models.n : all[k] != NULL; k++) {
			const rota_fc_model *m = r->o->models.n ? rota_fc_model_find(r->o->models.v[k])
			                                        : all[k];
			rota_fc_score sc;
			rota_error e;
			r->o->fc.horizon = r->g.v[i].horizon;
			if (rota_fc_backtest(&r->g.v[i].s, m, &r->o->fc, r->o->backtest, &sc, &e) < 0) {
				skip(&r->g.v[i], &e);
				continue;
			}
			series_cells(w, &r->g.v[i]);
			rota_record_str(w, sc.model);
			rota_record_int(w, (int64_t)sc.origins);
			rota_record_fixed(w, sc.mase, 3);
			rota_record_fixed(w, sc.wape, 3);
			rota_record_fixed(w, sc.bias, 3);
			rota_record_fixed(w, sc.cover80, 3);
			rota_record_fixed(w, sc.cover95, 3);
			rota_record_end(w);
			rows++;
		}
	return rows > 0;
}

/* The forecast on the planning grid: bands[0] the mean, then lo80, hi80, lo95, hi95. */
static int
forecast(struct run *r, size_t i, const rota_fc_model *m, double *bands, char *model)
{
	rota_fc_result res = { 0 };
	rota_error e;
	const rota_fc_grid_series *s = &r->g.v[i];
	r->o->fc.horizon = s->horizon;
	if (rota_forecast(&s->s, m, &r->o->fc, &res, &e) < 0)
		return skip(s, &e);
	double *src[5] = { res.mean, res.lo80, res.hi80, res.lo95, res.hi95 };
	memset(bands, 0, 5 * r->g.nplan * sizeof *bands);
	for (int b = 0; b < 5; b++)
		rota_fc_grid_place(&r->g, i, src[b], s->s.n, s->horizon, r->g.start, r->g.nplan,
		                   bands + (size_t)b * r->g.nplan);
	snprintf(model, 48, "%s", res.model);
	rota_fc_result_free(&res);
	return 1;
}

static int
write_svg(struct run *r, rota_fc_panel *p, size_t np, size_t left, rota_error *err)
{
	rota_fc_chart c = { r->tz, r->g.start, r->g.slot, r->o->model_list, p, np, left };
	char *text = rota_fc_svg(&c);
	rota_out *out = rota_out_open(r->o->svg, err);
	if (out)
		fputs(text, rota_out_file(out));
	free(text);
	return out ? rota_out_commit(out, err) : -1;
}

static int
forecasts(struct run *r, rota_record *w, rota_error *err)
{
	const rota_fc_model *m = r->o->models.n ? rota_fc_model_find(r->o->models.v[0])
	                       : rota_fc_model_find("auto");
	m = m ? m : rota_fc_models()[0];
	size_t np = r->o->panels ? (size_t)r->o->panels : 8, drawn = 0, done = 0, L = r->g.nplan;
	size_t nh = (size_t)((r->g.start - r->g.first) / r->g.slot), week = 7 * 86400 / r->g.slot;
	nh = nh < week ? nh : week;
	rota_fc_panel *p = rota_xcalloc(np, sizeof *p);
	double *bands = rota_xmalloc(5 * L * sizeof *bands);
	char model[48];
	for (size_t i = 0; i < r->g.n; i++) {
		if (!forecast(r, i, m, bands, model))
			continue;
		for (size_t j = 0; j < L; j++) {
			rota_record_time(w, r->g.start + (rota_time)j * r->g.slot, r->tz);
			series_cells(w, &r->g.v[i]);
			for (int b = 0; b < 5; b++)
				rota_record_real(w, bands[(size_t)b * L + j], 3);
			rota_record_str(w, model);
			rota_record_end(w);
		}
		done++;
		if (!r->o->svg || drawn++ >= np)
			continue;
		const rota_fc_grid_series *s = &r->g.v[i];
		rota_fc_panel *q = &p[drawn - 1];
		double *d = rota_xcalloc(5 * L + nh, sizeof *d);
		memcpy(d, bands, 5 * L * sizeof *d);
		size_t back = nh + (size_t)s->s.slots_per_day, from = s->s.n > back ? s->s.n - back : 0;
		rota_fc_grid_place(&r->g, i, s->s.values + from, from, s->s.n - from,
		                   r->g.start - (rota_time)nh * r->g.slot, nh, d + 5 * L);
		*q = (rota_fc_panel){ rota_fc_series_label(s), d + 5 * L, nh, d, d + L, d + 2 * L,
		                      d + 3 * L, d + 4 * L, L };
	}
	int rc = r->o->svg ? write_svg(r, p, drawn < np ? drawn : np, drawn > np ? drawn - np : 0,
	                               err) : 0;
	for (size_t k = 0; k < np; k++) {
		free((char *)p[k].title);
		free((double *)p[k].mean);
	}
	free(p);
	free(bands);
	if (rc == 0 && done == 0)
		rc = rota_error_set(err, ROTA_EXIT_USAGE, NULL, 0, 0, "no series could be forecast");
	return rc;
}

static int
read_counts(struct run *r, rota_fc_counts *c, rota_error *err)
{
	if (r->o->input) {
		rota_csv *csv = rota_csv_open(r->o->input, err);
		if (csv == NULL)
			return -1;
		unsigned fl = (r->o->cli.lenient ? ROTA_PARSE_LENIENT : 0) |
		              (r->o->naive ? ROTA_FC_READ_NAIVE : 0);
		int rc = rota_fc_read_csv(csv, r->tz, fl, c, err);
		rota_csv_close(csv);
		return rc;
	}
	rota_store *s = rota_store_open(r->o->cli.db, ROTA_STORE_READONLY, 0, err);
	if (s == NULL)
		return -1;
	int rc = rota_fc_read_store(s, r->o->by, c, err);
	rota_store_close(s);
	return rc;
}

int
main(int argc, char **argv)
{
	static struct argp_child kids[] = {
		{ &cmd_argp, 0, "Common options:", 5 }, { &cmd_output_argp, 0, NULL, 4 }, { 0 }
	};
	static struct argp argp = { options, parse_opt, NULL, doc, kids, help_filter, NULL };
	static const struct cmd_flag flags[] = {
		{ "interval", "--interval" }, { "start", "--start" }, { "horizon", "--horizon" },
		{ "model", "--model" }, { "avg_weeks", "--avg-weeks" }, { NULL, NULL }
	};
	struct opts o = { .out = { .format = ROTA_FORMAT_CSV } };
	struct run r = { &o, NULL, NULL, { 0 }, NULL };
	rota_error err;
	rota_fc_counts c;
	rota_fc_grid_opts go;

	cmd_init(&o.cli, "rota-forecast");
	cmd_flags(flags);
	rota_fc_opts_init(&o.fc);
	argp_parse(&argp, argc, argv, 0, NULL, &o);
	if (o.list) {
		for (const rota_fc_model *const *m = rota_fc_models(); *m; m++)
			printf("%-8s %s\n", rota_fc_model_name(*m), rota_fc_model_summary(*m));
		return ROTA_EXIT_OK;
	}
	rota_error_clear(&err);
	cmd_progress_start();
	if ((r.cfg = cmd_config_load(&o.cli, &err)) == NULL)
		cmd_error_exit(&err);
	rota_fc_counts_init(&c);
	rota_fc_grid_opts_init(&go);
	if ((r.tz = rota_tz_get(cmd_tz(&o.cli, r.cfg->tz), &err)) == NULL ||
	    read_counts(&r, &c, &err) < 0)
		goto fail;
	go.tz = r.tz;
	go.by = o.by;
	go.slot = o.interval ? o.interval : 3600;
	go.horizon = o.horizon ? o.horizon : 14 * 86400;
	if (o.start)
		go.start = cmd_time_arg("--start", o.start, r.tz, &o.cli);
	if ((o.hours && (go.hours = calendar(&r, o.hours, &err)) == NULL) ||
	    (o.holidays && (go.holidays = calendar(&r, o.holidays, &err)) == NULL))
		goto fail;
	go.queue_hours = o.queue_hours ? queue_hours : NULL;
	go.ctx = &r;
	if (rota_fc_grid_build(&c, &go, &r.g, &err) < 0)
		goto fail;
	for (size_t i = 0; i < r.g.n && !o.cli.quiet; i++)
		if (r.g.v[i].closed > 0) {
			char *l = rota_fc_series_label(&r.g.v[i]);
			cmd_warn("%s: %g arrivals fell in closed hours (not forecast)", l,
			         r.g.v[i].closed);
			free(l);
		}
	if (!o.cli.quiet)
		o.fc.progress = cmd_progress_cb;
	rota_record *w = cmd_output_open(&o.out, o.backtest ? BT_COLS : FC_COLS, 10, &err);
	if (w == NULL)
		goto fail;
	int rc = o.backtest ? (backtest(&r, w) ? 0 : rota_error_set(&err, ROTA_EXIT_USAGE, NULL,
	                       0, 0, "no series has history enough for a backtest"))
	                    : forecasts(&r, w, &err);
	cmd_progress_done();
	if (rc < 0) {
		rota_record_free(w);
		rota_out_abort(o.out.out);
		goto fail;
	}
	if (cmd_output_commit(&o.out, w, &err) < 0)
		goto fail;
	rota_fc_grid_free(&r.g);
	rota_fc_counts_free(&c);
	rota_calendars_free(r.cals);
	rota_config_free(r.cfg);
	cmd_strv_free(&o.models);
	rota_tz_cache_free();
	return ROTA_EXIT_OK;
fail:
	rota_fc_grid_free(&r.g);
	rota_fc_counts_free(&c);
	rota_calendars_free(r.cals);
	rota_config_free(r.cfg);
	cmd_error_exit(&err);
}
