/* The command line's sinks (--exec, --mail, --syslog, stdout) as one more route after
 * the config's: every level of every ticket. */
#include <config.h>
#include <stdlib.h>
#include <string.h>
#include <rota/rota.h>
#include "cmd.h"
#include "parts.h"

rota_alert_route *
alert_cmdline_route(const struct cmd_strv *execs, const struct cmd_strv *mails,
                    const struct cmd_strv *syslogs, int want_stdout)
{
	size_t n = execs->n + mails->n + syslogs->n + (want_stdout ? 1 : 0);
	if (n == 0)
		return NULL;
	rota_alert_route *r = rota_xcalloc(1, sizeof *r);
	r->name = (char *)"command-line";
	r->repeat = -1;
	r->escalate_after = -1;
	r->sinks = rota_xcalloc(n, sizeof *r->sinks);
	for (size_t i = 0; i < execs->n; i++) {
		rota_sink_def *s = &r->sinks[r->nsinks++];
		s->kind = ROTA_SINK_EXEC;
		char *w = rota_xstrdup(execs->v[i] + strspn(execs->v[i], " \t"));
		for (char *t = strtok(w, " \t"); t; t = strtok(NULL, " \t")) {
			s->argv = rota_xreallocarray(s->argv, s->argc + 2, sizeof *s->argv);
			s->argv[s->argc++] = t;
			s->argv[s->argc] = NULL;
		}
	}
	for (size_t i = 0; i < mails->n; i++) {
		rota_sink_def *s = &r->sinks[r->nsinks++];
		s->kind = ROTA_SINK_MAIL;
		s->addrs = (char **)&mails->v[i];
		s->naddrs = 1;
	}
	for (size_t i = 0; i < syslogs->n; i++) {
		rota_sink_def *s = &r->sinks[r->nsinks++];
		s->kind = ROTA_SINK_SYSLOG;
		s->facility_name = (char *)syslogs->v[i];
		s->facility = rota_syslog_facility(syslogs->v[i]);
		if (s->facility < 0)
			cmd_die(2, "--syslog: unknown facility '%s': expected user, daemon, local0 ... "
			        "local7, or another name from syslog(3)", syslogs->v[i]);
	}
	if (want_stdout)
		r->sinks[r->nsinks++].kind = ROTA_SINK_STDOUT;
	return r;
}

void
alert_cmdline_route_free(rota_alert_route *r)
{
	if (r == NULL)
		return;
	for (size_t i = 0; i < r->nsinks; i++)
		if (r->sinks[i].kind == ROTA_SINK_EXEC) {
			free(r->sinks[i].argv[0]);
			free(r->sinks[i].argv);
		}
	free(r->sinks);
	free(r);
}

rota_alert_route *
alert_routes(const rota_config *cfg, const rota_alert_route *cl, size_t *n)
{
	*n = cfg->nroutes + (cl ? 1 : 0);
	rota_alert_route *routes = rota_xcalloc(*n + 1, sizeof *routes);
	if (cfg->nroutes)
		memcpy(routes, cfg->routes, cfg->nroutes * sizeof *routes);
	if (cl)
		routes[cfg->nroutes] = *cl;
	return routes;
}
