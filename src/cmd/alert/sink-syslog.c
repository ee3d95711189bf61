/* syslog: one message per notification at the route's facility; warning for warn
 * levels, crit for breaches, notice for resolved; the alert's id last (alert_id=). */
#include <config.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <syslog.h>
#include <rota/rota.h>
#include "sink.h"

struct sl {
	const struct alert_env *env;
	int facility;
};

static void *
sl_open(const rota_sink_def *def, const struct alert_env *env, rota_error *err)
{
	struct sl *l = rota_xmalloc(sizeof *l);
	l->env = env;
	l->facility = def->facility;
	openlog("rota-alert", LOG_PID, def->facility);
	return l;
}

static int
sl_send(void *st, const rota_alert_note *n, rota_error *err)
{
	const struct sl *l = st;
	char v[ALERT_NFIELDS][ALERT_FIELD_MAX];
	alert_fields(n, l->env->tz, v);
	int pri = n->what == ROTA_ALERT_RESOLVED ? LOG_NOTICE
	          : strcmp(n->level, "breached") == 0 ? LOG_CRIT : LOG_WARNING;
	char msg[ALERT_NFIELDS * ALERT_FIELD_MAX], safe[sizeof msg];
	int k = snprintf(msg, sizeof msg, "%s %s %s/%s cycle %s: %s", v[12], v[0], v[1], v[3],
	                 v[4], v[5]);
	/* A resolved notice has no state, percent or due of its own. */
	if (n->what != ROTA_ALERT_RESOLVED && k > 0 && (size_t)k < sizeof msg)
		k += snprintf(msg + k, sizeof msg - (size_t)k, " (%s, %s%%, due %s)", v[6], v[8],
		              v[7][0] ? v[7] : "never");
	/* Last, as key=value: what a log pipeline drops repeats by. */
	if (k > 0 && (size_t)k < sizeof msg)
		snprintf(msg + k, sizeof msg - (size_t)k, " alert_id=%s", n->id);
	/* syslog(3) sends the bytes as they are, and not every receiver escapes them: a line
	 * break in a ticket key must not forge a log line of its own.  Control characters
	 * are written as rsyslog does on receipt, #012 for a line feed. */
	size_t o = 0;
	for (const unsigned char *p = (const unsigned char *)msg; *p && o + 5 < sizeof safe; p++)
		if (*p < 0x20 || *p == 0x7f)
			o += (size_t)snprintf(safe + o, sizeof safe - o, "#%03o", *p);
		else
			safe[o++] = (char)*p;
	safe[o] = '\0';
	/* The facility with each message: openlog's is the process's one, and another
	 * syslog sink of the run may have opened with its own since. */
	syslog(l->facility | pri, "%s", safe);
	return 0;
}

static int
sl_close(void *st, rota_error *err)
{
	closelog();
	free(st);
	return 0;
}

const struct alert_sink alert_sink_syslog = {
	"syslog", ROTA_SINK_SYSLOG, 1, sl_open, sl_send, sl_close
};
