/* The calendars of a configuration by name, each built when first asked for: a run
 * (a batch of queries, an SLA clock over tickets) mostly asks a few of many, and
 * building one reads its .ics files. */
#include <config.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <rota/rota.h>
#include <rota/calendar.h>
#include "load8.h"

struct entry {
	const rota_calendar_def *def;
	rota_calendar *cal;        /* NULL until first asked for */
	size_t len;                /* strlen(def->name) */
	uint64_t head, mask;       /* its first eight bytes as load8 reads them, and which */
};

struct rota_calendars {
	struct entry *e;
	size_t n;
	struct entry *last;        /* the one asked last: a run mostly asks one */
	char *source;              /* for messages */
};

rota_calendars *
rota_calendars_new(const rota_calendar_def *defs, size_t n, const char *source)
{
	rota_calendars *cs = rota_xcalloc(1, sizeof *cs);
	cs->e = rota_xcalloc(n + 1, sizeof *cs->e);
	cs->n = n;
	for (size_t i = 0; i < n; i++) {
		cs->e[i].def = &defs[i];
		struct entry *e = &cs->e[i];
		e->len = strlen(defs[i].name);
		char head[8] = { 0 };
		memcpy(head, defs[i].name, e->len < 8 ? e->len : 8);
		e->head = load8(head);
		e->mask = e->len >= 8 ? UINT64_MAX : (1ULL << 8 * e->len) - 1;
	}
	cs->source = rota_xstrdup(source ? source : "the configuration");
	return cs;
}

void
rota_calendars_free(rota_calendars *cs)
{
	if (cs == NULL)
		return;
	for (size_t i = 0; i < cs->n; i++)
		rota_calendar_free(cs->e[i].cal);
	free(cs->e);
	free(cs->source);
	free(cs);
}

size_t
rota_calendars_count(const rota_calendars *cs)
{
	return cs->n;
}

const char *
rota_calendars_name(const rota_calendars *cs, size_t i)
{
	return i < cs->n ? cs->e[i].def->name : NULL;
}

/* A byte loop, not memcmp: names are short, and a call a query showed in a batch. */
static inline int
is(const struct entry *e, const char *name, size_t len)
{
	if (e->len != len)
		return 0;
	const char *a = e->def->name;
	for (size_t i = 0; i < len; i++)
		if (a[i] != name[i])
			return 0;
	return 1;
}

static inline __attribute__((always_inline)) struct entry *
lookup(rota_calendars *cs, const char *name, size_t len)
{
	if (cs->last && is(cs->last, name, len))
		return cs->last;
	for (size_t i = 0; i < cs->n; i++)
		if (is(&cs->e[i], name, len))
			return &cs->e[i];   /* the first of that name, as the config reads */
	return NULL;
}

/* Eight bytes at a time, as the lookup was a tenth of a batch query: name is followed
 * by readable bytes (the header says so). */
rota_calendar *
rota_calendars_find_built(rota_calendars *cs, const char *name, size_t len)
{
	uint64_t head = load8(name);
	struct entry *e = cs->last;
	if (e == NULL || e->len != len || (head & e->mask) != e->head ||
	    (len > 8 && memcmp(name + 8, e->def->name + 8, len - 8) != 0)) {
		if ((e = lookup(cs, name, len)) == NULL)
			return NULL;
	}
	if (e->cal == NULL)
		return NULL;
	cs->last = e;
	return e->cal;
}

rota_calendar *
rota_calendars_get(rota_calendars *cs, const char *name, size_t len, rota_error *err)
{
	struct entry *e = lookup(cs, name, len);
	if (e == NULL) {
		if (cs->n == 0)
			return rota_error_set(err, ROTA_EXIT_USAGE, NULL, 0, 0, "unknown calendar "
			                      "'%.*s': %s defines no calendars (see 'calendars:' in "
			                      "rota.yaml(5))", (int)len, name, cs->source), NULL;
		rota_strbuf names = ROTA_STRBUF_INIT;
		for (size_t i = 0; i < cs->n; i++)
			rota_strbuf_printf(&names, "%s%s", i ? ", " : "", cs->e[i].def->name);
		rota_error_set(err, ROTA_EXIT_USAGE, NULL, 0, 0, "unknown calendar '%.*s': %s "
		               "defines %s", (int)len, name, cs->source, rota_strbuf_str(&names));
		rota_strbuf_free(&names);
		return NULL;
	}
	if (e->cal == NULL && (e->cal = rota_calendar_new(e->def, err)) == NULL)
		return NULL;
	cs->last = e;
	return e->cal;
}
