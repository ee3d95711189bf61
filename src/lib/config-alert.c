/* rota.yaml, alerts: routes, levels and sinks. */
#include <config.h>
#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <rota/rota.h>
#include <rota/config.h>
#include "config-internal.h"

static const rota_config_key ALERTS_KEYS[] = {
	KEY("routes", ROTA_KEY_LIST, 0, 0, 0, NULL, "every route that matches fires"),
};
TABLE(cfg_alerts_table, "alerts", "alerts", ALERTS_KEYS);

COUNT_FOLLOWS(rota_alert_route, levels, nlevels);

static const rota_config_key ROUTE_KEYS[] = {
	KEYX("name", ROTA_KEY_NAME, ROTA_KEY_REQUIRED, NULL, "unique among the routes", NULL, ""),
	FIELDX("levels", ROTA_KEY_LEVELS, 0, 0, 1, "all", "percentages of the target, or breached",
	       rota_alert_route, levels, NULL, "levels"),
	KEY("match", ROTA_KEY_MAP, 0, 0, 0, "every ticket", "ticket attributes and their values"),
	KEYX("sinks", ROTA_KEY_LIST, ROTA_KEY_REQUIRED, NULL, "where the alert goes",
	     "a list of sinks such as [ { mail: ops@example.com } ]", NULL),
	FIELDX("repeat", ROTA_KEY_DURATION, 0, 1, 0, "never", "re-notify while unresolved",
	       rota_alert_route, repeat, NULL, "; repeat every"),
	KEY("escalate", ROTA_KEY_MAP, 0, 0, 0, NULL, "other sinks after a while unresolved"),
	FIELDX("hours", ROTA_KEY_CALENDAR, 0, 0, 0, "always", "deliver only while it is open",
	       rota_alert_route, hours, NULL, "; delivered while calendar %s is open"),
};
TABLE(cfg_route_table, "alert route", "alerts", ROUTE_KEYS);

/* Read into the route: after is its escalate_after. */
static const rota_config_key ESCALATE_KEYS[] = {
	FIELDX("after", ROTA_KEY_DURATION, ROTA_KEY_REQUIRED, 1, 0, NULL, "how long unresolved",
	       rota_alert_route, escalate_after, CFG_DUR_EXPECT, NULL),
	KEYX("sinks", ROTA_KEY_LIST, ROTA_KEY_REQUIRED, NULL, "where the escalation goes",
	     "a list of sinks", NULL),
};
TABLE(cfg_escalate_table, "escalate", "alerts", ESCALATE_KEYS);

static const rota_config_key SINK_KEYS[] = {
	KEY("exec", ROTA_KEY_LIST, 0, 0, 0, NULL, "a program and its arguments, run without a shell"),
	KEY("mail", ROTA_KEY_LIST, 0, 0, 0, NULL, "addresses, through sendmail -t"),
	KEY("syslog", ROTA_KEY_CHOICE, 0, 0, 0, NULL, "a facility such as local0"),
	KEY("stdout", ROTA_KEY_CHOICE, 0, 0, 0, NULL, "text or json"),
	KEY("prometheus", ROTA_KEY_STRING, 0, 0, 0, NULL, "a node_exporter textfile"),
};
TABLE(cfg_sink_table, "sink", "alerts", SINK_KEYS);
#include <syslog.h>
#include <rota/record.h>

static const struct { const char *name; int value; } FACILITIES[] = {
	{ "auth", LOG_AUTH }, { "authpriv", LOG_AUTHPRIV }, { "cron", LOG_CRON },
	{ "daemon", LOG_DAEMON }, { "ftp", LOG_FTP }, { "lpr", LOG_LPR }, { "mail", LOG_MAIL },
	{ "news", LOG_NEWS }, { "syslog", LOG_SYSLOG }, { "user", LOG_USER }, { "uucp", LOG_UUCP },
	{ "local0", LOG_LOCAL0 }, { "local1", LOG_LOCAL1 }, { "local2", LOG_LOCAL2 },
	{ "local3", LOG_LOCAL3 }, { "local4", LOG_LOCAL4 }, { "local5", LOG_LOCAL5 },
	{ "local6", LOG_LOCAL6 }, { "local7", LOG_LOCAL7 },
};

int
rota_syslog_facility(const char *name)
{
	for (size_t i = 0; i < sizeof FACILITIES / sizeof *FACILITIES; i++)
		if (strcmp(FACILITIES[i].name, name) == 0)
			return FACILITIES[i].value;
	return -1;
}

/* The address goes into a mail header: anything that could start a new header line or
 * smuggle a second recipient is refused. */
static int
mail_ok(const char *s)
{
	const char *at = strchr(s, '@');
	if (at == NULL || at == s || at[1] == '\0' || strchr(at + 1, '@'))
		return 0;
	for (const unsigned char *p = (const unsigned char *)s; *p; p++)
		if (*p <= 0x20 || *p == 0x7f || strchr(",;<>()[]\\\"", *p))
			return 0;
	return s[0] != '-';
}

static int
load_sink(struct ld *L, ynode *v, const char *ctx, rota_sink_def *s)
{
	ynode *k, *x;

	if (cfg_want_map(L, v, "sinks", ctx, "a sink such as { mail: ops@example.com }, { exec: "
	             "[ /path/to/program, args ] } or { syslog: local0 }") < 0 ||
	    cfg_check_keys(L, v, ctx, &cfg_sink_table) < 0)
		return -1;
	cfg_set_pos(L, v, &s->file, &s->line, &s->col);
	if (v->n == 0)
		return cfg_bad(L, v, "an empty sink %s: expected one of exec, mail, syslog, stdout, "
		           "prometheus", ctx);
	if (v->n > 1)
		return cfg_bad(L, v->items[2], "a sink %s has %zu kinds ('%s' and '%s'): write each as its "
		           "own list item", ctx, v->n, cfg_show(v->items[0]), cfg_show(v->items[2]));
	k = v->items[0];
	x = v->items[1];
	if (strcmp(k->str, "exec") == 0) {
		s->kind = ROTA_SINK_EXEC;
		if (cfg_get_strlist(L, x, "exec", ctx, "a program and its arguments as a list, such as "
		                "[ /usr/local/bin/page, ops ] (no shell is used)",
		                &s->argv, &s->argc) < 0)
			return -1;
		s->argv = cfg_realloc(L, s->argv, s->argc + 1, sizeof *s->argv);
		s->argv[s->argc] = NULL;
	} else if (strcmp(k->str, "mail") == 0) {
		static const char expect[] = "an e-mail address or a list of them";
		size_t n;
		ynode_t *const *it = cfg_items_of(&x, &n);
		s->kind = ROTA_SINK_MAIL;
		if (x->kind == Y_MAP || n == 0)
			return cfg_wrong_type(L, x, "mail", ctx, expect);
		s->addrs = cfg_alloc(L, n, sizeof *s->addrs);
		for (size_t i = 0; i < n; i++) {
			if (cfg_want_scalar(L, it[i], "mail", ctx, expect) < 0)
				return -1;
			if (!mail_ok(it[i]->str))
				return cfg_bad(L, it[i], "bad e-mail address '%s' for 'mail' %s: expected a "
				           "plain address such as ops@example.com", cfg_show(it[i]), ctx);
			s->addrs[s->naddrs++] = cfg_sdup(L, it[i]);
		}
	} else if (strcmp(k->str, "syslog") == 0) {
		s->kind = ROTA_SINK_SYSLOG;
		if (cfg_want_scalar(L, x, "syslog", ctx, "a syslog facility such as local0 or daemon") < 0)
			return -1;
		size_t i, nf = sizeof FACILITIES / sizeof *FACILITIES;
		for (i = 0; i < nf; i++)
			if (strcmp(FACILITIES[i].name, x->str) == 0)
				break;
		if (i == nf)
			return cfg_bad(L, x, "unknown syslog facility '%s' %s: expected user, daemon, "
			           "local0 ... local7, or another name from syslog(3)", cfg_show(x), ctx);
		s->facility = FACILITIES[i].value;
		s->facility_name = cfg_sdup(L, x);
	} else if (strcmp(k->str, "stdout") == 0) {
		s->kind = ROTA_SINK_STDOUT;
		if (cfg_want_scalar(L, x, "stdout", ctx, "text or json") < 0)
			return -1;
		if (strcmp(x->str, "text") == 0)
			s->format = ROTA_FORMAT_TEXT;
		else if (strcmp(x->str, "json") == 0)
			s->format = ROTA_FORMAT_JSON;
		else
			return cfg_bad(L, x, "bad format '%s' for 'stdout' %s: expected text or json",
			           cfg_show(x), ctx);
	} else {
		s->kind = ROTA_SINK_PROMETHEUS;
		if (cfg_get_str(L, x, "prometheus", ctx, "the path of a node_exporter textfile, such as "
		            "/var/lib/node_exporter/rota.prom", &s->path) < 0)
			return -1;
	}
	return 0;
}

static int
load_sinks(struct ld *L, ynode *v, const char *key, const char *ctx, rota_sink_def **out,
           size_t *nout)
{
	if (cfg_want_seq(L, v, key, ctx, "a list of sinks such as [ { mail: ops@example.com } ]") < 0)
		return -1;
	if (v->n == 0)
		return cfg_bad(L, v, "no sinks for '%s' %s: expected at least one, such as "
		           "{ mail: ops@example.com }", key, ctx);
	*out = cfg_alloc(L, v->n, sizeof **out);
	for (size_t i = 0; i < v->n; i++) {
		char sctx[400];
		snprintf(sctx, sizeof sctx, "in sink #%zu of '%s' %s", i + 1, key, ctx);
		++*nout;
		if (load_sink(L, v->items[i], sctx, &(*out)[i]) < 0)
			return -1;
	}
	return 0;
}

static int
load_route(struct ld *L, ynode *v, size_t idx, rota_alert_route *r)
{
	char ctx[300], ectx[400];
	ynode *x;

	r->repeat = r->escalate_after = -1;
	snprintf(ctx, sizeof ctx, "in alert route #%zu", idx + 1);
	if (cfg_want_map(L, v, "routes", "in 'alerts'", "a route such as { name: pager, levels: "
	             "[breached], sinks: [ { mail: ops@example.com } ] }") < 0)
		return -1;
	cfg_set_pos(L, v, &r->file, &r->line, &r->col);
	if ((x = cfg_get(v, "name")) == NULL)
		return cfg_missing(L, v, "name", ctx, "a name for the route");
	if (cfg_get_name(L, x, "name", ctx, &r->name) < 0)
		return -1;
	for (size_t j = 0; j < idx; j++)
		if (strcmp(L->cfg->routes[j].name, r->name) == 0)
			return cfg_bad(L, x, "alert route '%s' is defined twice (first on line %ld): give each "
			           "route its own name", r->name, L->cfg->routes[j].line);
	snprintf(ctx, sizeof ctx, "in alert route '%s'", r->name);
	if (cfg_load_fields(L, v, ctx, &cfg_route_table, r) < 0)
		return -1;
	if ((x = cfg_get(v, "match")) != NULL && cfg_get_match(L, x, ctx, &r->match, &r->nmatch) < 0)
		return -1;
	if (load_sinks(L, cfg_get(v, "sinks"), "sinks", ctx, &r->sinks, &r->nsinks) < 0)
		return -1;
	if ((x = cfg_get(v, "escalate")) != NULL) {
		snprintf(ectx, sizeof ectx, "in 'escalate' %s", ctx);
		if (cfg_want_map(L, x, "escalate", ctx, "a mapping such as { after: 1h, sinks: "
		             "[ { mail: head@example.com } ] }") < 0 ||
		    cfg_load_fields(L, x, ectx, &cfg_escalate_table, r) < 0 ||
		    load_sinks(L, cfg_get(x, "sinks"), "sinks", ectx, &r->escalate, &r->nescalate) < 0)
			return -1;
	}
	return 0;
}

int
cfg_load_alerts(struct ld *L, ynode *v)
{
	ynode *x;
	if (cfg_want_map(L, v, "alerts", "at the top level", "a mapping with routes") < 0 ||
	    cfg_check_keys(L, v, "in 'alerts'", &cfg_alerts_table) < 0)
		return -1;
	if ((x = cfg_get(v, "routes")) == NULL)
		return 0;
	if (cfg_want_seq(L, x, "routes", "in 'alerts'", "a list of routes, each with name, levels, "
	             "match, sinks") < 0)
		return -1;
	L->cfg->routes = cfg_alloc(L, x->n, sizeof *L->cfg->routes);
	for (size_t i = 0; i < x->n; i++) {
		L->cfg->nroutes++;
		if (load_route(L, x->items[i], i, &L->cfg->routes[i]) < 0)
			return -1;
	}
	return 0;
}
