/* exec: the route's program once per notification, without a shell; the alert in
 * ROTA_* variables (ROTA_TICKET, ROTA_LEVEL, ..., ROTA_ALERT_ID). */
#include <config.h>
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include "sink.h"

struct ex {
	const rota_sink_def *def;
	const struct alert_env *env;
};

static void *
ex_open(const rota_sink_def *def, const struct alert_env *env, rota_error *err)
{
	struct ex *x = malloc(sizeof *x);
	if (x) {
		x->def = def;
		x->env = env;
	}
	return x;
}

static int
ex_send(void *st, const rota_alert_note *n, rota_error *err)
{
	struct ex *x = st;
	char v[ALERT_NFIELDS][ALERT_FIELD_MAX];
	char envs[ALERT_NFIELDS][ALERT_FIELD_MAX + 32];
	char *envp[ALERT_NFIELDS + 1];
	alert_fields(n, x->env->tz, v);
	for (int i = 0; i < ALERT_NFIELDS; i++) {
		char name[32];
		size_t k = 0;
		for (const char *p = alert_field_names[i]; *p && k < sizeof name - 1; p++)
			name[k++] = (char)toupper((unsigned char)*p);
		name[k] = '\0';
		snprintf(envs[i], sizeof envs[i], "ROTA_%s=%s", name, v[i]);
		envp[i] = envs[i];
	}
	envp[ALERT_NFIELDS] = NULL;
	if (alert_run(x->def->argv, envp, NULL, x->env->timeout, err) < 0) {
		rota_error_prefix(err, "exec for %s %s %s: ", n->ticket, n->metric, n->level);
		return -1;
	}
	return 0;
}

static int
ex_close(void *st, rota_error *err)
{
	free(st);
	return 0;
}

const struct alert_sink alert_sink_exec = {
	"exec", ROTA_SINK_EXEC, 1, ex_open, ex_send, ex_close
};
