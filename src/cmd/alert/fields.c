/* The fields of an alert, as every sink spells them. */
#include <config.h>
#include <math.h>
#include <stdio.h>
#include <string.h>
#include "sink.h"

const char *const alert_field_names[ALERT_NFIELDS] = {
	"ticket", "kind", "policy", "metric", "cycle", "level", "state", "due", "percent", "at",
	"team", "route", "what", "alert_id"
};

static void
put_time(char *buf, rota_time t, const rota_tz *tz)
{
	if (t == ROTA_SLA_NO_TIME)
		buf[0] = '\0';
	else
		rota_time_format(buf, ALERT_FIELD_MAX, t, tz);
}

void
alert_fields(const rota_alert_note *n, const rota_tz *tz, char v[ALERT_NFIELDS][ALERT_FIELD_MAX])
{
	snprintf(v[0], ALERT_FIELD_MAX, "%s", n->ticket);
	snprintf(v[1], ALERT_FIELD_MAX, "%s", n->kind);
	snprintf(v[2], ALERT_FIELD_MAX, "%s", n->policy);
	snprintf(v[3], ALERT_FIELD_MAX, "%s", n->metric);
	snprintf(v[4], ALERT_FIELD_MAX, "%lld", (long long)n->cycle);
	snprintf(v[5], ALERT_FIELD_MAX, "%s", n->level);
	snprintf(v[6], ALERT_FIELD_MAX, "%s", n->state >= 0 ? rota_sla_state_name(n->state) : "");
	put_time(v[7], n->due, tz);
	if (isnan(n->percent))
		v[8][0] = '\0';
	else
		snprintf(v[8], ALERT_FIELD_MAX, "%.1f", n->percent);
	put_time(v[9], n->at, tz);
	snprintf(v[10], ALERT_FIELD_MAX, "%s", n->team);
	snprintf(v[11], ALERT_FIELD_MAX, "%s", n->route ? n->route->name : "");
	snprintf(v[12], ALERT_FIELD_MAX, "%s", rota_alert_what_name(n->what));
	snprintf(v[13], ALERT_FIELD_MAX, "%s", n->id);
}
