/* The planner's notes to their sinks, what the sinks took into the store (each
 * delivery as it completes, where the sink delivers as it goes: sink.h), and the status
 * files (--prometheus and the routes' prometheus: sinks). */
#include <config.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <rota/rota.h>
#include "cmd.h"
#include "parts.h"
#include "status.h"

static const struct alert_sink *const alert_sinks[] = {
	&alert_sink_exec, &alert_sink_mail, &alert_sink_syslog, &alert_sink_stdout,
};

static const struct alert_sink *
sink_impl(int kind)
{
	for (size_t i = 0; i < sizeof alert_sinks / sizeof *alert_sinks; i++)
		if (alert_sinks[i]->kind == kind)
			return alert_sinks[i];
	return NULL;
}

const rota_column alert_columns[ALERT_NFIELDS] = {
	{ "ticket", ROTA_COL_STRING }, { "kind", ROTA_COL_STRING }, { "policy", ROTA_COL_STRING },
	{ "metric", ROTA_COL_STRING }, { "cycle", ROTA_COL_NUMBER }, { "level", ROTA_COL_STRING },
	{ "state", ROTA_COL_STRING }, { "due", ROTA_COL_STRING }, { "percent", ROTA_COL_NUMBER },
	{ "at", ROTA_COL_STRING }, { "team", ROTA_COL_STRING }, { "route", ROTA_COL_STRING },
	{ "what", ROTA_COL_STRING }, { "alert_id", ROTA_COL_STRING },
};

struct inst {
	const char *id;
	const rota_sink_def *def;
	const struct alert_sink *impl;
	void *st;
	int failed;
};

/* One delivery's state in a transaction of its own, as soon as the sink took it. */
static void
store_one(rota_store *s, const rota_alert_note *n)
{
	rota_error err;
	rota_error_clear(&err);
	if (rota_store_begin(s, &err) < 0 || rota_store_alert_put(s, &n->rec, &err) < 0 ||
	    rota_store_commit(s, &err) < 0) {
		rota_error_prefix(&err, "%s %s %s went out but is not recorded (the next run sends "
		                  "it again): ", n->ticket, n->metric, n->level);
		cmd_error_exit(&err);
	}
}

/* Each distinct sink opened once, its notes sent in order, then closed: a note of a
 * sink that delivers as it goes counts (and is stored) when its send succeeded; any
 * other only when its send and its sink's close both succeeded. */
static void
deliver(rota_store *s, const rota_alert_note *notes, size_t nn, struct alert_env *env,
        char *ok, long *failed)
{
	struct inst *in = rota_xcalloc(nn + 1, sizeof *in);
	size_t ni = 0;
	for (size_t i = 0; i < nn; i++) {
		const rota_alert_note *n = &notes[i];
		size_t k;
		for (k = 0; k < ni; k++)
			if (strcmp(in[k].id, n->sink_id) == 0)
				break;
		rota_error err;
		rota_error_clear(&err);
		if (k == ni) {
			in[ni].id = n->sink_id;
			in[ni].def = n->sink;
			in[ni].impl = sink_impl(n->sink->kind);
			in[ni].st = in[ni].impl ? in[ni].impl->open(n->sink, env, &err) : NULL;
			if (in[ni].st == NULL) {
				in[ni].failed = 1;
				if (in[ni].impl == NULL)
					rota_error_set(&err, 3, NULL, 0, 0, "no sink for %s", n->sink_id);
				cmd_error_print(&err);
			}
			ni++;
		}
		if (in[k].failed) {
			(*failed)++;
			continue;
		}
		if (in[k].impl->send(in[k].st, n, &err) < 0) {
			cmd_error_print(&err);
			(*failed)++;
			continue;
		}
		ok[i] = ALERT_TAKEN;
		if (in[k].impl->each && s) {
			store_one(s, n);
			ok[i] = ALERT_STORED;
		}
	}
	for (size_t k = 0; k < ni; k++) {
		rota_error err;
		rota_error_clear(&err);
		if (!in[k].failed && in[k].impl->close(in[k].st, &err) < 0) {
			cmd_error_print(&err);
			for (size_t i = 0; i < nn; i++)
				if (ok[i] == ALERT_TAKEN && strcmp(notes[i].sink_id, in[k].id) == 0) {
					ok[i] = 0;
					(*failed)++;
				}
		}
	}
	free(in);
}

long
alert_send(const struct alert_send *a, const rota_alert_note *notes, size_t nn, char *ok)
{
	rota_error err;
	rota_error_clear(&err);
	long failed = 0;
	rota_record *w = NULL;
	/* An empty run prints nothing (cron mails any output), not even a header. */
	size_t nstdout = 0;
	for (size_t i = 0; i < nn; i++)
		nstdout += a->dry || notes[i].sink->kind == ROTA_SINK_STDOUT;
	/* --nagios owns stdout: a dry run's notes go to -o only. */
	if ((a->want_stdout || a->dry) && (nstdout || a->out->path) &&
	    !(a->nagios && a->out->path == NULL) &&
	    (w = cmd_output_open(a->out, alert_columns, ALERT_NFIELDS, &err)) == NULL)
		cmd_error_exit(&err);
	struct alert_env env = a->env;
	env.stdout_rec = w;
	if (a->dry) {
		for (size_t i = 0; w && i < nn; i++)
			alert_sink_stdout.send(&env, &notes[i], &err);
	} else {
		deliver(a->s, notes, nn, &env, ok, &failed);
	}
	if (w && cmd_output_commit(a->out, w, &err) < 0) {
		cmd_error_print(&err);
		/* The stdout notes did not reach their reader: not sent. */
		for (size_t i = 0; i < nn; i++)
			if (ok[i] && notes[i].sink->kind == ROTA_SINK_STDOUT) {
				ok[i] = 0;
				failed++;
			}
	}
	return failed;
}

void
alert_record_updates(rota_store *s, const rota_alert_plan *p)
{
	rota_error err;
	rota_error_clear(&err);
	size_t nu;
	const rota_alert_rec *ups = rota_alert_plan_updates(p, &nu);
	if (nu == 0)
		return;
	if (rota_store_begin(s, &err) < 0)
		cmd_error_exit(&err);
	for (size_t i = 0; i < nu; i++)
		if (rota_store_alert_put(s, &ups[i], &err) < 0)
			cmd_error_exit(&err);
	if (rota_store_commit(s, &err) < 0)
		cmd_error_exit(&err);
}

void
alert_record(rota_store *s, const rota_alert_plan *p, const char *ok, long failed,
             rota_time at, rota_time forget)
{
	rota_error err;
	rota_error_clear(&err);
	size_t nn;
	const rota_alert_note *notes = rota_alert_plan_notes(p, &nn);
	if (rota_store_begin(s, &err) < 0)
		cmd_error_exit(&err);
	for (size_t i = 0; i < nn; i++)
		if (ok[i] == ALERT_TAKEN && rota_store_alert_put(s, &notes[i].rec, &err) < 0)
			cmd_error_exit(&err);
	if (rota_store_alert_run_add(s, at, (rota_time)time(NULL), (int64_t)nn - failed, failed,
	                             &err) < 0 ||
	    (rota_alert_plan_stale(p) > 0 && rota_store_alert_prune(s, forget, &err) < 0))
		cmd_error_exit(&err);
	if (rota_store_commit(s, &err) < 0 || rota_store_publish(s, &err) < 0)
		cmd_error_exit(&err);
}

int
alert_status_files(const struct cmd_strv *proms, const rota_config *cfg, int dry,
                   rota_alert_plan *p, rota_time at, long sent)
{
	rota_error err;
	rota_error_clear(&err);
	int rc = 0;
	size_t nt;
	const rota_alert_tally *t = rota_alert_plan_tallies(p, &nt);
	for (size_t i = 0; i < proms->n; i++)
		if (alert_prometheus_write(proms->v[i], t, nt, at, sent, &err) < 0) {
			cmd_error_print(&err);
			rc = -1;
		}
	/* A dry run writes no configured sink; a --prometheus FILE it was given, it does. */
	for (size_t i = 0; !dry && i < cfg->nroutes; i++)
		for (size_t k = 0; k < cfg->routes[i].nsinks; k++)
			if (cfg->routes[i].sinks[k].kind == ROTA_SINK_PROMETHEUS &&
			    alert_prometheus_write(cfg->routes[i].sinks[k].path, t, nt, at, sent,
			                           &err) < 0) {
				cmd_error_print(&err);
				rc = -1;
			}
	return rc;
}
