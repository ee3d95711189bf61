#include <config.h>
#include <string.h>
#include <rota/event.h>

static const char *const store_names[ROTA_EVENT_STORED] = {
	"created", "reply", "note", "status", "assign", "priority", "resolved", "closed",
	"reopened", "message",
};

/* Status and priority changes start or stop nothing by themselves: clocks watch the
 * status through pause and stop statuses. */
static const char *const clock_names[ROTA_EVENT_NKINDS] = {
	[ROTA_EVENT_CREATED] = "created", [ROTA_EVENT_REPLY] = "reply",
	[ROTA_EVENT_NOTE] = "note", [ROTA_EVENT_ASSIGN] = "assigned",
	[ROTA_EVENT_UNASSIGN] = "unassigned", [ROTA_EVENT_RESOLVED] = "resolved",
	[ROTA_EVENT_CLOSED] = "closed", [ROTA_EVENT_REOPENED] = "reopened",
	[ROTA_EVENT_MESSAGE] = "message",
};

const char *
rota_event_kind_name(int kind)
{
	return kind >= 0 && kind < ROTA_EVENT_STORED ? store_names[kind] : NULL;
}

int
rota_event_kind_parse(const char *s)
{
	for (int k = 0; k < ROTA_EVENT_STORED; k++)
		if (strcmp(s, store_names[k]) == 0)
			return k;
	return -1;
}

const char *
rota_clock_event_name(int kind)
{
	return kind >= 0 && kind < ROTA_EVENT_NKINDS ? clock_names[kind] : NULL;
}

int
rota_clock_event_parse(const char *s)
{
	for (int k = 0; k < ROTA_EVENT_NKINDS; k++)
		if (clock_names[k] && strcmp(s, clock_names[k]) == 0)
			return k;
	return -1;
}

int
rota_clock_event_at(unsigned i)
{
	static const int order[] = {
		ROTA_EVENT_CREATED, ROTA_EVENT_REPLY, ROTA_EVENT_MESSAGE, ROTA_EVENT_NOTE,
		ROTA_EVENT_ASSIGN, ROTA_EVENT_UNASSIGN, ROTA_EVENT_RESOLVED, ROTA_EVENT_CLOSED,
		ROTA_EVENT_REOPENED,
	};
	return i < sizeof order / sizeof *order ? order[i] : -1;
}
