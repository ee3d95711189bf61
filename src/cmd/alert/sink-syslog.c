/* syslog: one message per notification at the route's facility; warning for warn
 * levels, crit for breaches, notice for resolved. */
#include <config.h>
#include <string.h>
#include <syslog.h>
#include "sink.h"

static void *
sl_open(const rota_sink_def *def, const struct alert_env *env, rota_error *err)
{
	openlog("rota-alert", LOG_PID, def->facility);
	return (void *)env;
}

static int
sl_send(void *st, const rota_alert_note *n, rota_error *err)
{
	const struct alert_env *env = st;
	char v[ALERT_NFIELDS][ALERT_FIELD_MAX];
	alert_fields(n, env->tz, v);
	int pri = n->what == ROTA_ALERT_RESOLVED ? LOG_NOTICE
	          : strcmp(n->level, "breached") == 0 ? LOG_CRIT : LOG_WARNING;
	/* syslog(3) escapes control characters itself (journald and rsyslog both). */
	syslog(pri, "%s %s %s/%s cycle %s: %s (%s%s%s%%, due %s)", v[12], v[0], v[1], v[3],
	       v[4], v[5], v[6], v[6][0] ? ", " : "", v[8], v[7]);
	return 0;
}

static int
sl_close(void *st, rota_error *err)
{
	closelog();
	return 0;
}

const struct alert_sink alert_sink_syslog = {
	"syslog", ROTA_SINK_SYSLOG, sl_open, sl_send, sl_close
};
