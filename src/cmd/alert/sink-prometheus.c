/* --prometheus FILE: the open clocks in node_exporter's textfile format (HELP and TYPE
 * before each family, no timestamps: the collector stamps the scrape), through
 * rota_out, so that node_exporter never reads a half-written file. */
#include <config.h>
#include <stdio.h>
#include <rota/rota.h>
#include <rota/output.h>
#include "status.h"

/* A label value: backslash, double quote and line feed escaped (exposition format). */
static void
label(FILE *f, const char *name, const char *v, int last)
{
	fprintf(f, "%s=\"", name);
	for (; *v; v++) {
		if (*v == '\\' || *v == '"')
			fprintf(f, "\\%c", *v);
		else if (*v == '\n')
			fputs("\\n", f);
		else
			fputc(*v, f);
	}
	fputs(last ? "\"" : "\",", f);
}

static void
series(FILE *f, const char *metric, const rota_alert_tally *t, const char *state, int64_t v)
{
	fprintf(f, "%s{", metric);
	label(f, "kind", t->kind, 0);
	label(f, "policy", t->policy, 0);
	label(f, "metric", t->metric, state == NULL);
	if (state)
		label(f, "state", state, 1);
	fprintf(f, "} %lld\n", (long long)v);
}

int
alert_prometheus_write(const char *path, const rota_alert_tally *t, size_t n, rota_time at,
                       long sent, rota_error *err)
{
	rota_out *o = rota_out_open(path, err);
	if (o == NULL)
		return -1;
	FILE *f = rota_out_file(o);
	fputs("# HELP rota_sla_open_clocks Open SLA/OLA clock cycles by state.\n"
	      "# TYPE rota_sla_open_clocks gauge\n", f);
	for (size_t i = 0; i < n; i++) {
		series(f, "rota_sla_open_clocks", &t[i], "running", t[i].running);
		series(f, "rota_sla_open_clocks", &t[i], "paused", t[i].paused);
		series(f, "rota_sla_open_clocks", &t[i], "breached", t[i].breached);
	}
	fputs("# HELP rota_sla_warning_clocks Open clock cycles past a warn level, not breached.\n"
	      "# TYPE rota_sla_warning_clocks gauge\n", f);
	for (size_t i = 0; i < n; i++)
		series(f, "rota_sla_warning_clocks", &t[i], NULL, t[i].warning);
	fprintf(f, "# HELP rota_alert_last_run_timestamp_seconds When rota-alert last evaluated.\n"
	        "# TYPE rota_alert_last_run_timestamp_seconds gauge\n"
	        "rota_alert_last_run_timestamp_seconds %lld\n"
	        "# HELP rota_alert_sent_last_run Notifications sent by the last run.\n"
	        "# TYPE rota_alert_sent_last_run gauge\n"
	        "rota_alert_sent_last_run %ld\n", (long long)at, sent);
	return rota_out_commit(o, err);
}
