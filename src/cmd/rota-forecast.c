/* rota-forecast: arrivals in (the store's tickets or a CSV), volume per interval and
 * series out, with prediction intervals; or a rolling-origin backtest of the models. */
#include <config.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <rota/rota.h>
#include "cmd.h"
#include <rota/config.h>
#include <rota/forecast-series.h>

static const char doc[] =
	"Forecast request volume per interval, split by queue, channel and customer time zone."
	"\vArrivals: the database's tickets (created times) or --input FILE, a CSV of arrivals "
	"(a time column) or counts (interval_start,count), with optional queue, channel and "
	"customer_tz columns.  Writes, on the planning zone's grid, as rota-staff reads it:\n"
	"  interval_start,queue,channel,customer_tz,forecast,lo80,hi80,lo95,hi95,model\n"
	"Each customer zone's series is modelled in its own local time.  --backtest writes per "
	"series and model MASE, WAPE, bias and interval coverage instead (rota-forecast(1)).\n\n"
	"Example: rota-forecast --by queue --horizon 7d | rota-staff > need.csv\n\n"
	"Exit status: 0 on success; 2 on bad usage or bad input (file:line:column and what "
	"was expected), also when no series has history enough; 3 on I/O or database "
	"failures.";

enum {
	OPT_INPUT = 0x7401, OPT_BY, OPT_INTERVAL, OPT_HORIZON, OPT_START, OPT_MODEL, OPT_LIST,
	OPT_HOLIDAYS, OPT_LIKE, OPT_HOURS, OPT_QHOURS, OPT_BACKTEST, OPT_SVG, OPT_PANELS,
	OPT_NAIVE, OPT_AVGW
};

static const struct argp_option options[] = {
	{ NULL, 0, NULL, 0, "Input, series and model:", 1 },
	{ "input", OPT_INPUT, "FILE", 0, "Arrivals or counts from FILE (- for stdin), not the db", 1 },
	{ "naive", OPT_NAIVE, NULL, 0, "The input's times are wall clock in --tz (any Z dropped)", 1 },
	{ "by", OPT_BY, "LIST", 0, "Split into series by queue, channel, customer_tz (commas)", 1 },
	{ "interval", OPT_INTERVAL, "DUR", 0, "Slot length: 1h (default), 30m or 15m", 1 },
	{ "horizon", OPT_HORIZON, "DUR", 0, "How far to forecast (default 14d)", 1 },
	{ "start", OPT_START, "TIME", 0, "First forecast instant (default: end of history)", 1 },
	{ "model", OPT_MODEL, "NAME", 0, "The model (default auto; --list names them); a list "
	  "with --backtest", 1 },
	{ "list", OPT_LIST, NULL, 0, "List the models and exit", 1 },
	{ "avg-weeks", OPT_AVGW, "N", 0, "Weeks the avg model averages (default 4)", 1 },
	{ NULL, 0, NULL, 0, "Opening hours and holidays (calendars of the config):", 2 },
	{ "hours", OPT_HOURS, "CALENDAR", 0, "Slots CALENDAR is closed are structural zeros", 2 },
	{ "queue-hours", OPT_QHOURS, NULL, 0, "Each queue's calendar: are its hours (--by queue)", 2 },
	{ "holidays", OPT_HOLIDAYS, "CALENDAR", 0, "Its holidays are not fitted, and forecast "
	  "like --holiday-like", 2 },
	{ "holiday-like", OPT_LIKE, "DAY", 0, "A weekday (mon .. sun; default sun) or closed", 2 },
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
	rota_fc_grid_opts go;
	rota_fc_opts fc;
	rota_config *cfg;
	rota_calendars *cals;
	rota_fc_grid g;
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
	switch (key) {
	case ARGP_KEY_INIT:
		state->child_inputs[0] = &o->cli;
		state->child_inputs[1] = &o->out;
		break;
	case OPT_INPUT: o->input = arg; break;
	case OPT_NAIVE: o->naive = 1; break;
	case OPT_BY:
		if (rota_fc_by_parse(arg, &o->go.by, &err) < 0)
			argp_error(state, "--by: %s", err.msg);
		break;
	case OPT_INTERVAL:
		o->go.slot = cmd_duration_arg(state, "--interval", arg, 0);
		if (o->go.slot != 3600 && o->go.slot != 1800 && o->go.slot != 900)
			argp_error(state, "--interval: '%s': expected 1h, 30m or 15m", arg);
		break;
	case OPT_HORIZON: o->go.horizon = cmd_duration_arg(state, "--horizon", arg, 0); break;
	case OPT_START: o->start = arg; break;
	case OPT_MODEL:
		cmd_strv_add_list(&o->models, o->model_list = arg);
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
		if ((o->fc.holiday_like = rota_fc_weekday_parse(arg)) == -2)
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
		if (o->backtest && o->svg)
			argp_error(state, "--svg draws a forecast: it does not go with --backtest");
		break;
	default:
		return ARGP_ERR_UNKNOWN;
	}
	return 0;
}

static rota_calendar *
calendar(struct opts *o, const char *name, rota_error *err)
{
	if (o->cfg->path == NULL)
		return rota_error_set(err, ROTA_EXIT_USAGE, NULL, 0, 0, "unknown calendar '%s': "
		                      "there is no configuration (%s does not exist); name one with "
		                      "-c FILE or ROTA_CONFIG", name, o->cli.config), NULL;
	if (o->cals == NULL)
		o->cals = rota_calendars_new(o->cfg->calendars, o->cfg->ncalendars, o->cfg->path);
	return rota_calendars_get(o->cals, name, strlen(name), err);
}

static rota_calendar *
queue_hours(void *ctx, const char *queue, rota_error *err)
{
	const rota_queue_def *q = rota_config_queue(((struct opts *)ctx)->cfg, queue);
	return q && q->calendar ? calendar(ctx, q->calendar, err) : NULL;
}

static void
note(const rota_fc_grid_series *s, const char *what, const char *msg)
{
	char *l = rota_fc_series_label(s);
	cmd_warn("%s: %s%s", l, what, msg);
	free(l);
}

/* Every series, with each model asked (backtest) or the one (forecast): rows out, a
 * series the model cannot take left out with a message.  How many were done. */
static size_t
run(struct opts *o, rota_record *w, rota_fc_panel *p, size_t np, size_t *drawn)
{
	const rota_fc_model *const *all = rota_fc_models(), *one = rota_fc_model_find("auto");
	size_t done = 0, L = o->g.nplan, nm = o->models.n ? o->models.n : o->backtest ? 99 : 1;
	double *bands = rota_xmalloc(5 * L * sizeof *bands);
	char model[48], msg[1024];
	for (size_t i = 0; i < o->g.n; i++) {
		if (!o->cli.quiet)
			cmd_progress_cb(NULL, "series", i, o->g.n);
		for (size_t k = 0; k < nm && (o->models.n || !o->backtest || all[k]); k++) {
			const rota_fc_model *m = o->models.n ? rota_fc_model_find(o->models.v[k])
			                       : o->backtest ? all[k] : one ? one : all[0];
			rota_fc_score sc;
			rota_error e;
			int rc = o->backtest
			         ? rota_fc_grid_backtest(&o->g, i, m, &o->fc, o->backtest, &sc, &e)
			         : rota_fc_grid_forecast(&o->g, i, m, &o->fc, bands, model, &e);
			if (rc < 0) {
				note(&o->g.v[i], "left out: ", cmd_error_text(&e, msg, sizeof msg));
				continue;
			}
			done++;
			if (o->backtest)
				rota_fc_put_score(w, &o->g, i, &sc);
			else
				rota_fc_put_forecast(w, &o->g, i, bands, model);
			if (o->svg && (*drawn)++ < np)
				rota_fc_panel_make(&o->g, i, bands, &p[*drawn - 1]);
		}
	}
	free(bands);
	return done;
}

static int
write_all(struct opts *o, rota_error *err)
{
	size_t ncols, np = o->panels ? (size_t)o->panels : 8, drawn = 0;
	const rota_column *cols = rota_fc_columns(o->backtest, &ncols);
	rota_record *w = cmd_output_open(&o->out, cols, ncols, err);
	if (w == NULL)
		return -1;
	rota_fc_panel *p = rota_xcalloc(np, sizeof *p);
	int rc = run(o, w, p, np, &drawn) ? 0 : rota_error_set(err, ROTA_EXIT_USAGE, NULL, 0, 0,
	                                                         "no series had history enough");
	if (rc == 0 && o->svg) {
		rota_fc_chart c = { o->go.tz, o->g.start, o->g.slot, o->model_list, p,
		                    drawn < np ? drawn : np, drawn > np ? drawn - np : 0 };
		char *text = rota_fc_svg(&c);
		rc = cmd_write_text(o->svg, text, err);
		free(text);
	}
	for (size_t k = 0; k < np; k++)
		rota_fc_panel_free(&p[k]);
	free(p);
	if (rc < 0) {
		rota_record_free(w);
		rota_out_abort(o->out.out);
		return -1;
	}
	return cmd_output_commit(&o->out, w, err);
}

int
main(int argc, char **argv)
{
	static struct argp_child kids[] = {
		{ &cmd_argp, 0, "Common options:", 5 }, { &cmd_output_argp, 0, NULL, 4 }, { 0 }
	};
	static struct argp argp = { options, parse_opt, NULL, doc, kids, NULL, NULL };
	static const struct cmd_flag flags[] = {
		{ "interval", "--interval" }, { "start", "--start" }, { "horizon", "--horizon" },
		{ "model", "--model" }, { "avg_weeks", "--avg-weeks" }, { NULL, NULL }
	};
	static struct opts o = { .out = { .format = ROTA_FORMAT_CSV } };
	rota_error err;
	rota_fc_counts c;

	cmd_init(&o.cli, "rota-forecast");
	cmd_flags(flags);
	rota_fc_opts_init(&o.fc);
	rota_fc_grid_opts_init(&o.go);
	argp_parse(&argp, argc, argv, 0, NULL, &o);
	if (o.list) {
		for (const rota_fc_model *const *m = rota_fc_models(); *m; m++)
			printf("%-8s %s\n", rota_fc_model_name(*m), rota_fc_model_summary(*m));
		return ROTA_EXIT_OK;
	}
	cmd_progress_start();
	if ((o.cfg = cmd_config_load(&o.cli, &err)) == NULL)
		cmd_error_exit(&err);
	rota_fc_counts_init(&c);
	unsigned fl = (o.cli.lenient ? ROTA_PARSE_LENIENT : 0) | (o.naive ? ROTA_FC_READ_NAIVE : 0);
	int rc = -1;
	if ((o.go.tz = rota_tz_get(cmd_tz(&o.cli, o.cfg->tz), &err)) == NULL ||
	    (o.input ? rota_fc_read_file(o.input, o.go.tz, fl, &c, &err)
	             : rota_fc_read_db(o.cli.db, o.go.by, &c, &err)) < 0 ||
	    (o.hours && (o.go.hours = calendar(&o, o.hours, &err)) == NULL) ||
	    (o.holidays && (o.go.holidays = calendar(&o, o.holidays, &err)) == NULL))
		goto done;
	if (o.start)
		o.go.start = cmd_time_arg("--start", o.start, o.go.tz, &o.cli);
	o.go.queue_hours = o.queue_hours ? queue_hours : NULL;
	o.go.ctx = &o;
	if (rota_fc_grid_build(&c, &o.go, &o.g, &err) < 0)
		goto done;
	for (size_t i = 0; i < o.g.n && !o.cli.quiet; i++) {
		char n[64];
		if (o.g.v[i].closed > 0 && snprintf(n, sizeof n, "%g", o.g.v[i].closed) > 0)
			note(&o.g.v[i], n, " arrivals fell in closed hours (not forecast)");
	}
	if (!o.cli.quiet)
		o.fc.progress = cmd_progress_cb;
	rc = write_all(&o, &err);
	cmd_progress_done();
done:
	rota_fc_grid_free(&o.g);
	rota_fc_counts_free(&c);
	rota_calendars_free(o.cals);
	rota_config_free(o.cfg);
	cmd_strv_free(&o.models);
	rota_tz_cache_free();
	if (rc < 0)
		cmd_error_exit(&err);
	return ROTA_EXIT_OK;
}
