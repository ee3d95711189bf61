/* stdout: one record a notification (--format text or json), through the command's one
 * writer, so that several routes' stdout sinks make one table. */
#include <config.h>
#include <stdlib.h>
#include "sink.h"

static void *
st_open(const rota_sink_def *def, const struct alert_env *env, rota_error *err)
{
	return (void *)env;
}

static int
st_send(void *st, const rota_alert_note *n, rota_error *err)
{
	const struct alert_env *env = st;
	char v[ALERT_NFIELDS][ALERT_FIELD_MAX];
	alert_fields(n, env->tz, v);
	for (int i = 0; i < ALERT_NFIELDS; i++) {
		if (v[i][0] == '\0')
			rota_record_null(env->stdout_rec);
		else if (i == 4 || i == 8)
			rota_record_real(env->stdout_rec, strtod(v[i], NULL), 1);
		else
			rota_record_str(env->stdout_rec, v[i]);
	}
	rota_record_end(env->stdout_rec);
	return 0;
}

static int
st_close(void *st, rota_error *err)
{
	return 0;      /* the command commits the writer before it stores the state */
}

const struct alert_sink alert_sink_stdout = {
	"stdout", ROTA_SINK_STDOUT, 0, st_open, st_send, st_close
};
