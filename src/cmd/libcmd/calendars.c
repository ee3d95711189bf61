/* The calendars of the configuration by name, for commands whose queries name them:
 * the configuration is read only when a query first names a calendar, so that a query
 * that fails on its own words does not need one. */
#include <config.h>
#include <string.h>
#include <rota/config.h>
#include <rota/calendar.h>
#include "../cmd.h"

rota_calendar *
cmd_calendar(cmd_calendars *c, const cmd_words *q, int i, rota_error *err)
{
	const char *name = q->w[i];
	if (c->cfg == NULL) {
		if ((c->cfg = cmd_config_load(c->cli, err)) == NULL)
			return NULL;
		c->cals = rota_calendars_new(c->cfg->calendars, c->cfg->ncalendars, c->cfg->path);
	}
	if (c->cfg->path == NULL)
		return cmd_word_error(q, err, i, 0, "unknown calendar '%s': there is no "
		                      "configuration (%s does not exist); name one with -c FILE "
		                      "or ROTA_CONFIG", name, c->cli->config), NULL;
	rota_error e = { 0 };
	rota_calendar *cal = rota_calendars_get(c->cals, name, strlen(name), &e);
	if (cal == NULL)   /* an unknown name, or a definition that failed (its file) */
		return cmd_word_fail(q, err, i, &e), NULL;
	if (cal != c->last)
		cmd_same_set(&c->same, rota_calendar_name(c->last = cal));
	return cal;
}

rota_calendar *
cmd_calendar_find(cmd_calendars *c, const char *p, const char **end)
{
	const char *e = cmd_word_end(p);
	rota_calendar *cal;
	if (c->cals == NULL || *e != ' ' || e == p || *p == '"' || *p == '\'' ||
	    (cal = rota_calendars_find_built(c->cals, p, (size_t)(e - p))) == NULL)
		return NULL;
	if (cal != c->last)
		cmd_same_set(&c->same, rota_calendar_name(c->last = cal));
	*end = e;
	return cal;
}

void
cmd_calendars_free(cmd_calendars *c)
{
	rota_calendars_free(c->cals);
	rota_config_free(c->cfg);
	c->cals = NULL;
	c->cfg = NULL;
}
