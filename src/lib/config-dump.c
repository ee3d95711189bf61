/* rota-config's dumps of a loaded config (rota-config(1)): text that a person can hold
 * against the file, and one JSON object for scripts.  Both come from one walk over the
 * key tables: a field's value is written by its type's formatter, under its name (JSON)
 * or its table's phrase (text), so that a key added to a table appears in both dumps.
 * The keys a section reads with its own code (ROTA_KEY_OWN) have a writer here. */
#include <config.h>
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <rota/rota.h>
#include <rota/record.h>
#include <rota/config.h>
#include "config-internal.h"

static const char *const DAYS[7] = { "mon", "tue", "wed", "thu", "fri", "sat", "sun" };

/* Names print bare when that cannot mislead, else as a JSON string. */
static void
put_word(FILE *f, const char *s)
{
	int bare = *s != '\0';
	for (const char *p = s; *p && bare; p++)
		bare = isalnum((unsigned char)*p) || strchr("_-./@:+%", *p) || (unsigned char)*p >= 0x80;
	if (bare)
		fputs(s, f);
	else
		rota_json_put_string(f, s);
}

static void
put_words(FILE *f, char *const *v, size_t n, const char *sep)
{
	for (size_t i = 0; i < n; i++) {
		if (i)
			fputs(sep, f);
		put_word(f, v[i]);
	}
}

/* A buffer for one formatted value; four rotate, so that up to four may appear in one
 * printf. */
#define SLOT 48
static char *
slot(void)
{
	static _Thread_local char buf[4][SLOT];
	static _Thread_local unsigned next;
	return buf[next++ & 3];
}

/* Hours, minutes, seconds, never days: a target of "1d" of business time would read
 * as a calendar day, when it is 24 open hours. */
static const char *
dur(int64_t secs)
{
	char *b = slot();
	int64_t h = secs / 3600, m = secs / 60 % 60, s = secs % 60;
	int o = 0;
	if (h)
		o += snprintf(b + o, SLOT - (size_t)o, "%lldh", (long long)h);
	if (m)
		o += snprintf(b + o, SLOT - (size_t)o, "%lldm", (long long)m);
	if (s || secs == 0)
		snprintf(b + o, SLOT - (size_t)o, "%llds", (long long)s);
	return b;
}

static const char *
date(int64_t day)
{
	char *b = slot();
	rota_date_format(b, SLOT, day);
	return b;
}

static const char *
clock_str(int secs)
{
	char *b = slot();
	rota_clock_format(b, SLOT, secs);
	return b;
}

static const char *
pct(double r)
{
	char *b = slot();
	rota_level_format(b, SLOT, r);
	return b;
}

static void
put_hours(FILE *f, const rota_day_hours *h)
{
	if (h->n == 0)
		fputs("closed", f);
	for (size_t i = 0; i < h->n; i++)
		fprintf(f, "%s%s-%s", i ? ", " : "", clock_str(h->r[i].start), clock_str(h->r[i].end));
}

/* Holiday files print as written in the file (relative to its directory), so that the
 * output does not depend on where the config was named from. */
static const char *
rel_path(const rota_config *cfg, const char *p)
{
	const char *slash = cfg->path ? strrchr(cfg->path, '/') : NULL;
	size_t n = slash ? (size_t)(slash - cfg->path) : 0;
	if (slash && strncmp(p, cfg->path, n) == 0 && p[n] == '/')
		return p + n + 1;
	return p;
}

/* ---------------------------------------------------------------- the walker */

struct out {
	FILE *f;                  /* text */
	rota_json *j;             /* or json */
	const rota_config *cfg;
	const rota_roster_def *r;
	const char *lead;         /* text: before the first phrase of a line */
	int n;                    /* text: phrases on the line so far */
};

/* A writer for a key whose value has a structure of its own (or that the text dump
 * writes with another key); block: the text goes on lines after the item's line. */
typedef void own_fn(struct out *o, const void *base, const rota_config_key *k);
struct own {
	const rota_config_table *t;
	const char *key;
	own_fn *text, *json;
	int block;
};
static const struct own *own_of(const rota_config_table *t, const char *key);


/* A field the file did not set: negative, or below the key's least value (a count of 0
 * for "not given"), an empty list.  text: 1 for the text dump, which shows a choice's
 * default but leaves out a count's. */
static int
field_absent(const rota_config_key *k, const void *at, int text)
{
	switch (k->type) {
	case ROTA_KEY_DURATION: return *(const int64_t *)at < 0;
	case ROTA_KEY_SHARE:
	case ROTA_KEY_NUMBER: return *(const double *)at < 0;
	case ROTA_KEY_SERVICE_LEVEL: return *(const int64_t *)((const char *)at + 8) < 0;
	case ROTA_KEY_INTEGER:
		return *(const int *)at < 0 || *(const int *)at < k->lo ||
		       (text && *(const int *)at == 0 && k->def);
	case ROTA_KEY_DATE: case ROTA_KEY_EVENT: case ROTA_KEY_EVENTS: return 0;
	case ROTA_KEY_NAMES: case ROTA_KEY_QUEUES: case ROTA_KEY_LEVELS:
		return *(const size_t *)((const char *)at + sizeof(void *)) == 0;
	case ROTA_KEY_CHOICE:
		if (k->flags & ROTA_KEY_INDEX)
			return 0;
		return *(char *const *)at == NULL && (text ? k->def == NULL : 1);
	default: return *(char *const *)at == NULL;
	}
}

/* Start a phrase: the separator ("; " when the phrase starts with one), then the
 * phrase up to its %s.  Returns what follows the value. */
static const char *
phrase(struct out *o, const char *text)
{
	int semi = text[0] == ';';
	if (semi)
		text += 2;
	fputs(o->n++ ? (semi ? "; " : ", ") : o->lead, o->f);
	const char *at = strstr(text, "%s");
	if (at) {
		fwrite(text, 1, (size_t)(at - text), o->f);
		return at + 2;
	}
	fprintf(o->f, "%s ", text);
	return "";
}

static void
text_events(FILE *f, unsigned mask, const char **sep)
{
	for (int k = 0, e; (e = rota_clock_event_at((unsigned)k)) >= 0; k++)
		if (mask & (1u << e)) {
			fprintf(f, "%s%s", *sep, rota_clock_event_name(e));
			*sep = ", ";
		}
}

static void
text_value(struct out *o, const rota_config_key *k, const void *at)
{
	FILE *f = o->f;
	const char *sep = "";
	switch (k->type) {
	case ROTA_KEY_DURATION: fputs(dur(*(const int64_t *)at), f); break;
	case ROTA_KEY_SHARE: fputs(pct(*(const double *)at), f); break;
	case ROTA_KEY_NUMBER: fprintf(f, "%g", *(const double *)at); break;
	case ROTA_KEY_INTEGER: fprintf(f, "%d", *(const int *)at); break;
	case ROTA_KEY_DATE: fputs(date(*(const int64_t *)at), f); break;
	case ROTA_KEY_EVENT: fputs(rota_clock_event_name(*(const int *)at), f); break;
	case ROTA_KEY_EVENTS: text_events(f, *(const unsigned *)at, &sep); break;
	case ROTA_KEY_SERVICE_LEVEL:
		fprintf(f, "%s in %s", pct(*(const double *)at),
		        dur(*(const int64_t *)((const char *)at + 8)));
		break;
	case ROTA_KEY_NAMES: case ROTA_KEY_QUEUES:
		put_words(f, *(char **const *)at, *(const size_t *)((const char *)at + sizeof(void *)), ", ");
		break;
	case ROTA_KEY_LEVELS: {
		const double *v = *(double *const *)at;
		for (size_t i = 0, n = *(const size_t *)((const char *)at + sizeof(void *)); i < n; i++)
			fprintf(f, "%s%s", i ? ", " : "", pct(v[i]));
		break;
	}
	case ROTA_KEY_CHOICE:
		if (k->flags & ROTA_KEY_INDEX) {
			fputs(k->choices[*(const int *)at], f);
			break;
		}
		/* fall through */
	default: {
		const char *str = *(char *const *)at;
		put_word(f, str ? str : k->def);
	}
	}
}

/* The item's line: its keys in table order, "aht 4m, sl 90% in 30s; ...".  Returns the
 * number of phrases written. */
static int
text_line(struct out *o, const rota_config_table *t, const void *base, const char *lead)
{
	o->lead = lead;
	o->n = 0;
	for (size_t i = 0; i < t->nkeys; i++) {
		const rota_config_key *k = &t->keys[i];
		const struct own *w = own_of(t, k->name);
		if (w && (w->block || w->text)) {
			if (!w->block)
				w->text(o, base, k);
			continue;
		}
		const void *at = (const char *)base + k->offset;
		if (k->offset == ROTA_KEY_OWN || (k->text && !*k->text) || field_absent(k, at, 1))
			continue;
		char label[64];
		if (k->text == NULL) {
			snprintf(label, sizeof label, "%s", k->name);
			for (char *p = label; *p; p++)
				if (*p == '_')
					*p = ' ';
		}
		const char *after = phrase(o, k->text ? k->text : label);
		text_value(o, k, at);
		fputs(after, o->f);
	}
	return o->n;
}

/* What goes on the lines after an item's own. */
static void
text_blocks(struct out *o, const rota_config_table *t, const void *base)
{
	for (size_t i = 0; i < t->nkeys; i++) {
		const struct own *w = own_of(t, t->keys[i].name);
		if (w && w->block && w->text)
			w->text(o, base, &t->keys[i]);
	}
}

static void
jnum(rota_json *j, double v)
{
	char b[64];
	snprintf(b, sizeof b, "%.10g", v);
	rota_json_raw(j, b);
}

static void
jkstr(rota_json *j, const char *k, const char *v)
{
	rota_json_key(j, k);
	rota_json_string(j, v);
}

static void
jkint(rota_json *j, const char *k, int64_t v)
{
	rota_json_key(j, k);
	if (v < 0)
		rota_json_null(j);
	else
		rota_json_int(j, v);
}

static void
jknum(rota_json *j, const char *k, double v)
{
	rota_json_key(j, k);
	if (v < 0)
		rota_json_null(j);
	else
		jnum(j, v);
}

static void
jstrv(rota_json *j, const char *k, char *const *v, size_t n)
{
	rota_json_key(j, k);
	rota_json_begin_array(j);
	for (size_t i = 0; i < n; i++)
		rota_json_string(j, v[i]);
	rota_json_end(j);
}

/* Absent numbers are null; a choice or a count shows its default (a queue without
 * channel is voice). */
static void
json_value(rota_json *j, const rota_config_key *k, const void *at)
{
	if (field_absent(k, at, 0) && (k->def == NULL || (k->type != ROTA_KEY_CHOICE &&
	                                                  k->type != ROTA_KEY_INTEGER)) &&
	    k->type != ROTA_KEY_NAMES && k->type != ROTA_KEY_QUEUES && k->type != ROTA_KEY_LEVELS) {
		rota_json_null(j);
		return;
	}
	switch (k->type) {
	case ROTA_KEY_DURATION: rota_json_int(j, *(const int64_t *)at); break;
	case ROTA_KEY_SHARE:
	case ROTA_KEY_NUMBER: jnum(j, *(const double *)at); break;
	case ROTA_KEY_INTEGER:
		if (field_absent(k, at, 0))
			rota_json_raw(j, k->def);
		else
			rota_json_int(j, *(const int *)at);
		break;
	case ROTA_KEY_DATE: rota_json_string(j, date(*(const int64_t *)at)); break;
	case ROTA_KEY_EVENT: rota_json_string(j, rota_clock_event_name(*(const int *)at)); break;
	case ROTA_KEY_EVENTS:
		rota_json_begin_array(j);
		for (int i = 0, e; (e = rota_clock_event_at((unsigned)i)) >= 0; i++)
			if (*(const unsigned *)at & (1u << e))
				rota_json_string(j, rota_clock_event_name(e));
		rota_json_end(j);
		break;
	case ROTA_KEY_NAMES: case ROTA_KEY_QUEUES: case ROTA_KEY_LEVELS: {
		size_t n = *(const size_t *)((const char *)at + sizeof(void *));
		rota_json_begin_array(j);
		for (size_t i = 0; i < n; i++)
			if (k->type == ROTA_KEY_LEVELS)
				rota_json_string(j, pct((*(double *const *)at)[i]));
			else
				rota_json_string(j, (*(char **const *)at)[i]);
		rota_json_end(j);
		break;
	}
	case ROTA_KEY_CHOICE:
		if (k->flags & ROTA_KEY_INDEX) {
			rota_json_string(j, k->choices[*(const int *)at]);
			break;
		}
		/* fall through */
	default: {
		const char *s = *(char *const *)at;
		rota_json_string(j, s ? s : k->def);
	}
	}
}

/* The item's keys in table order, into the open object. */
static void
json_keys(struct out *o, const rota_config_table *t, const void *base)
{
	for (size_t i = 0; i < t->nkeys; i++) {
		const rota_config_key *k = &t->keys[i];
		const struct own *w = own_of(t, k->name);
		const void *at = (const char *)base + k->offset;
		if (w && w->json) {
			w->json(o, base, k);
			continue;
		}
		if (k->offset == ROTA_KEY_OWN)
			continue;
		if (k->type == ROTA_KEY_SERVICE_LEVEL) {
			char key[64];
			snprintf(key, sizeof key, "%s_target", k->name);
			jknum(o->j, key, *(const double *)at);
			snprintf(key, sizeof key, "%s_time", k->name);
			jkint(o->j, key, *(const int64_t *)((const char *)at + 8));
			continue;
		}
		rota_json_key(o->j, k->name);
		json_value(o->j, k, at);
	}
}

/* An object: its name first when the file gives it as a mapping key. */
static void
json_item(struct out *o, const char *name, const rota_config_table *t, const void *base)
{
	rota_json_begin_object(o->j);
	if (name)
		jkstr(o->j, "name", name);
	json_keys(o, t, base);
	rota_json_end(o->j);
}

/* ---------------------------------------------------------------- the own keys */

#define OWN_FN(name) static void name(struct out *o, const void *base, const rota_config_key *k)
#define UNUSED_KEY (void)k

/* A policy's, route's, shift's or agent's name: each struct's first member. */
OWN_FN(j_name)
{
	jkstr(o->j, k->name, *(char *const *)base);
}

static void
text_match(FILE *f, const rota_match *m, size_t n)
{
	if (n == 0) {
		fputs("every ticket", f);
		return;
	}
	for (size_t i = 0; i < n; i++) {
		fputs(i ? " and " : "when ", f);
		put_word(f, m[i].attr);
		fputs(m[i].nvalues > 1 ? " is one of " : " is ", f);
		put_words(f, m[i].values, m[i].nvalues, ", ");
	}
}

static void
json_match(rota_json *j, const rota_match *m, size_t n)
{
	rota_json_key(j, "match");
	rota_json_begin_object(j);
	for (size_t i = 0; i < n; i++)
		jstrv(j, m[i].attr, m[i].values, m[i].nvalues);
	rota_json_end(j);
}

/* calendars */

OWN_FN(t_week)
{
	const rota_calendar_def *c = base;
	int64_t week = 0;
	UNUSED_KEY;
	for (int d = 0; d < 7; d++) {
		fprintf(o->f, "    %s ", DAYS[d]);
		put_hours(o->f, &c->week[d]);
		fputc('\n', o->f);
		for (size_t i = 0; i < c->week[d].n; i++)
			week += c->week[d].r[i].end - c->week[d].r[i].start;
	}
	fprintf(o->f, "    open %s a week\n", dur(week));
}

static void
jhours(rota_json *j, const rota_day_hours *h)
{
	rota_json_begin_array(j);
	for (size_t i = 0; i < h->n; i++) {
		rota_json_begin_array(j);
		rota_json_string(j, clock_str(h->r[i].start));
		rota_json_string(j, clock_str(h->r[i].end));
		rota_json_end(j);
	}
	rota_json_end(j);
}

OWN_FN(j_week)
{
	const rota_calendar_def *c = base;
	UNUSED_KEY;
	rota_json_key(o->j, "week");
	rota_json_begin_object(o->j);
	for (int d = 0; d < 7; d++) {
		rota_json_key(o->j, DAYS[d]);
		jhours(o->j, &c->week[d]);
	}
	rota_json_end(o->j);
}

OWN_FN(t_overrides)
{
	const rota_calendar_def *c = base;
	UNUSED_KEY;
	for (size_t i = 0; i < c->noverrides; i++) {
		fprintf(o->f, "    override %s ", date(c->overrides[i].day));
		put_hours(o->f, &c->overrides[i].hours);
		fputc('\n', o->f);
	}
}

OWN_FN(j_overrides)
{
	const rota_calendar_def *c = base;
	rota_json_key(o->j, k->name);
	rota_json_begin_array(o->j);
	for (size_t i = 0; i < c->noverrides; i++) {
		rota_json_begin_object(o->j);
		jkstr(o->j, "date", date(c->overrides[i].day));
		rota_json_key(o->j, "hours");
		jhours(o->j, &c->overrides[i].hours);
		rota_json_end(o->j);
	}
	rota_json_end(o->j);
}

OWN_FN(t_holidays)
{
	const rota_calendar_def *c = base;
	UNUSED_KEY;
	for (size_t i = 0; i < c->nholidays; i++) {
		fprintf(o->f, "    holiday %s", date(c->holidays[i].day));
		if (c->holidays[i].name) {
			fputc(' ', o->f);
			put_word(o->f, c->holidays[i].name);
		}
		fputc('\n', o->f);
	}
	for (size_t i = 0; i < c->nholiday_files; i++) {
		fputs("    holidays from ", o->f);
		put_word(o->f, rel_path(o->cfg, c->holiday_files[i]));
		fputc('\n', o->f);
	}
}

OWN_FN(j_holidays)
{
	const rota_calendar_def *c = base;
	rota_json_key(o->j, k->name);
	rota_json_begin_array(o->j);
	for (size_t i = 0; i < c->nholidays; i++)
		json_item(o, NULL, &cfg_holiday_table, &c->holidays[i]);
	rota_json_end(o->j);
	jstrv(o->j, "holiday_files", c->holiday_files, c->nholiday_files);
}

/* sla and ola */

OWN_FN(t_pmatch)
{
	const rota_policy *p = base;
	UNUSED_KEY;
	phrase(o, "%s");
	text_match(o->f, p->match, p->nmatch);
}

OWN_FN(j_pmatch)
{
	const rota_policy *p = base;
	UNUSED_KEY;
	json_match(o->j, p->match, p->nmatch);
}

OWN_FN(t_pcalendar)
{
	const rota_policy *p = base;
	UNUSED_KEY;
	phrase(o, "; calendar");
	if (p->calendar)
		put_word(o->f, p->calendar);
	else
		fputs("none (around the clock)", o->f);
}

OWN_FN(j_pcalendar)
{
	jkstr(o->j, k->name, ((const rota_policy *)base)->calendar);
}

OWN_FN(t_metrics)
{
	const rota_policy *p = base;
	UNUSED_KEY;
	for (size_t i = 0; i < p->nmetrics; i++) {
		fputs("    ", o->f);
		put_word(o->f, p->metrics[i].name);
		text_line(o, &cfg_metric_table, &p->metrics[i], ": ");
		fputc('\n', o->f);
	}
}

OWN_FN(j_metrics)
{
	const rota_policy *p = base;
	rota_json_key(o->j, k->name);
	rota_json_begin_array(o->j);
	for (size_t i = 0; i < p->nmetrics; i++)
		json_item(o, p->metrics[i].name, &cfg_metric_table, &p->metrics[i]);
	rota_json_end(o->j);
}

/* Events and statuses read as one list: "stops at resolved, status Closed". */
OWN_FN(t_stop)
{
	const rota_metric_def *m = base;
	const char *sep = "";
	UNUSED_KEY;
	phrase(o, "stops at");
	text_events(o->f, m->stop, &sep);
	for (size_t i = 0; i < m->nstop_status; i++) {
		fprintf(o->f, "%sstatus ", sep);
		put_word(o->f, m->stop_status[i]);
		sep = ", ";
	}
}

/* roster */

OWN_FN(t_starts)
{
	const rota_shift_def *s = base;
	UNUSED_KEY;
	phrase(o, "starts");
	for (size_t i = 0; i < s->nstarts; i++)
		fprintf(o->f, "%s%s", i ? ", " : "", clock_str(s->starts[i]));
}

OWN_FN(j_starts)
{
	const rota_shift_def *s = base;
	UNUSED_KEY;
	rota_json_key(o->j, "starts");
	rota_json_begin_array(o->j);
	for (size_t i = 0; i < s->nstarts; i++)
		rota_json_string(o->j, clock_str(s->starts[i]));
	rota_json_end(o->j);
}

OWN_FN(t_breaks)
{
	const rota_shift_def *s = base;
	UNUSED_KEY;
	for (size_t i = 0; i < s->nbreaks; i++) {
		phrase(o, "; break");
		fprintf(o->f, "%s starting %s-%s in", dur(s->breaks[i].length),
		        dur(s->breaks[i].earliest), dur(s->breaks[i].latest));
	}
}

OWN_FN(j_breaks)
{
	const rota_shift_def *s = base;
	rota_json_key(o->j, k->name);
	rota_json_begin_array(o->j);
	for (size_t i = 0; i < s->nbreaks; i++)
		json_item(o, NULL, &cfg_break_table, &s->breaks[i]);
	rota_json_end(o->j);
}

OWN_FN(j_within)
{
	const rota_break_def *b = base;
	UNUSED_KEY;
	jkint(o->j, "earliest", b->earliest);
	jkint(o->j, "latest", b->latest);
}

OWN_FN(t_cannot_follow)
{
	const rota_shift_def *s = base;
	UNUSED_KEY;
	if (s->ncannot_follow == 0)
		return;
	phrase(o, "; not followed the next day by");
	for (size_t i = 0; i < s->ncannot_follow; i++) {
		if (i)
			fputs(" or ", o->f);
		put_word(o->f, o->r->shifts[s->cannot_follow[i]].id);
	}
}

OWN_FN(j_cannot_follow)
{
	const rota_shift_def *s = base;
	rota_json_key(o->j, k->name);
	rota_json_begin_array(o->j);
	for (size_t i = 0; i < s->ncannot_follow; i++)
		rota_json_string(o->j, o->r->shifts[s->cannot_follow[i]].id);
	rota_json_end(o->j);
}

static void
text_range(struct out *o, const char *what, int64_t lo, int64_t hi)
{
	if (lo < 0 && hi < 0)
		return;
	phrase(o, what);
	if (lo >= 0 && hi >= 0)
		fprintf(o->f, "%lld-%lld", (long long)lo, (long long)hi);
	else if (lo >= 0)
		fprintf(o->f, ">= %lld", (long long)lo);
	else
		fprintf(o->f, "<= %lld", (long long)hi);
}

OWN_FN(t_days_in_a_row)
{
	const rota_rules *u = base;
	UNUSED_KEY;
	text_range(o, "; days in a row", u->min_consecutive_days, u->max_consecutive_days);
}

OWN_FN(t_minutes)
{
	const rota_rules *u = base;
	UNUSED_KEY;
	text_range(o, "; minutes a week", u->week_min, u->week_max);
	text_range(o, "; minutes in the horizon", u->horizon_min, u->horizon_max);
}

OWN_FN(j_minutes)
{
	const rota_rules *u = base;
	UNUSED_KEY;
	jkint(o->j, "week_min", u->week_min);
	jkint(o->j, "week_max", u->week_max);
	jkint(o->j, "horizon_min", u->horizon_min);
	jkint(o->j, "horizon_max", u->horizon_max);
}

OWN_FN(t_max_shifts)
{
	const rota_rules *u = base;
	UNUSED_KEY;
	for (size_t i = 0; u->max_shifts && i < o->r->nshifts; i++)
		if (u->max_shifts[i] >= 0) {
			phrase(o, "; shifts");
			put_word(o->f, o->r->shifts[i].id);
			fprintf(o->f, " <= %d", u->max_shifts[i]);
		}
}

OWN_FN(j_max_shifts)
{
	const rota_rules *u = base;
	rota_json_key(o->j, k->name);
	rota_json_begin_object(o->j);
	for (size_t i = 0; u->max_shifts && i < o->r->nshifts; i++)
		if (u->max_shifts[i] >= 0)
			jkint(o->j, o->r->shifts[i].id, u->max_shifts[i]);
	rota_json_end(o->j);
}

static void
text_rules(struct out *o, const rota_rules *u)
{
	struct out line = *o;
	if (text_line(&line, &cfg_rules_table, u, "") == 0)
		fputs("none", o->f);
}

static void
json_rules(struct out *o, const rota_rules *u)
{
	rota_json_key(o->j, "rules");
	json_item(o, NULL, &cfg_rules_table, u);
}

/* "contract full; skills a, b": the contract first, as people name them. */
OWN_FN(t_skills)
{
	const rota_agent_def *a = base;
	UNUSED_KEY;
	phrase(o, "; contract");
	if (a->contract >= 0)
		put_word(o->f, o->r->contracts[a->contract].id);
	else
		fputs("none", o->f);
	phrase(o, "; skills");
	if (a->nskills)
		put_words(o->f, a->skills, a->nskills, ", ");
	else
		fputs("any", o->f);
}

OWN_FN(j_contract)
{
	const rota_agent_def *a = base;
	jkstr(o->j, k->name, a->contract >= 0 ? o->r->contracts[a->contract].id : NULL);
}

OWN_FN(t_agent_rules)
{
	UNUSED_KEY;
	fputs("      rules: ", o->f);
	text_rules(o, &((const rota_agent_def *)base)->rules);
	fputc('\n', o->f);
}

OWN_FN(j_agent_rules)
{
	UNUSED_KEY;
	json_rules(o, &((const rota_agent_def *)base)->rules);
}

OWN_FN(t_days_off)
{
	const rota_agent_def *a = base;
	UNUSED_KEY;
	if (a->ndays_off == 0)
		return;
	fputs("      days off", o->f);
	for (size_t i = 0; i < a->ndays_off; i++)
		fprintf(o->f, "%s%s", i ? ", " : " ", date(a->days_off[i]));
	fputc('\n', o->f);
}

OWN_FN(j_days_off)
{
	const rota_agent_def *a = base;
	rota_json_key(o->j, k->name);
	rota_json_begin_array(o->j);
	for (size_t i = 0; i < a->ndays_off; i++)
		rota_json_string(o->j, date(a->days_off[i]));
	rota_json_end(o->j);
}

/* Spans in the agent's zone, as they were written. */
static void
span_ends(const rota_agent_def *a, size_t i, char *t1, char *t2)
{
	rota_error e;
	const rota_tz *tz = rota_tz_get(a->tz, &e);
	rota_time_format(t1, ROTA_TIME_BUFSZ, a->unavailable[i].start, tz);
	rota_time_format(t2, ROTA_TIME_BUFSZ, a->unavailable[i].end, tz);
}

OWN_FN(t_unavailable)
{
	const rota_agent_def *a = base;
	char t1[ROTA_TIME_BUFSZ], t2[ROTA_TIME_BUFSZ];
	UNUSED_KEY;
	for (size_t i = 0; i < a->nunavailable; i++) {
		span_ends(a, i, t1, t2);
		fprintf(o->f, "      unavailable %s to %s\n", t1, t2);
	}
}

OWN_FN(j_unavailable)
{
	const rota_agent_def *a = base;
	char t1[ROTA_TIME_BUFSZ], t2[ROTA_TIME_BUFSZ];
	rota_json_key(o->j, k->name);
	rota_json_begin_array(o->j);
	for (size_t i = 0; i < a->nunavailable; i++) {
		span_ends(a, i, t1, t2);
		rota_json_begin_array(o->j);
		rota_json_string(o->j, t1);
		rota_json_string(o->j, t2);
		rota_json_end(o->j);
	}
	rota_json_end(o->j);
}

static void
text_prefs(struct out *o, const char *verb, const rota_pref_def *p, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		fprintf(o->f, "      %s ", verb);
		if (p[i].shift >= 0)
			put_word(o->f, o->r->shifts[p[i].shift].id);
		else
			fputs("working", o->f);
		fprintf(o->f, " on %s (weight %g)\n", date(p[i].day), p[i].weight);
	}
}

OWN_FN(t_prefer)
{
	const rota_agent_def *a = base;
	if (k->name[0] == 'p')
		text_prefs(o, "prefers", a->prefer, a->nprefer);
	else
		text_prefs(o, "avoids", a->avoid, a->navoid);
}

OWN_FN(j_prefer)
{
	const rota_agent_def *a = base;
	const rota_pref_def *p = k->name[0] == 'p' ? a->prefer : a->avoid;
	size_t n = k->name[0] == 'p' ? a->nprefer : a->navoid;
	rota_json_key(o->j, k->name);
	rota_json_begin_array(o->j);
	for (size_t i = 0; i < n; i++)
		json_item(o, NULL, &cfg_pref_table, &p[i]);
	rota_json_end(o->j);
}

OWN_FN(j_pref_shift)
{
	const rota_pref_def *p = base;
	jkstr(o->j, k->name, p->shift >= 0 ? o->r->shifts[p->shift].id : NULL);
}

OWN_FN(j_cover_shift)
{
	jkstr(o->j, k->name, o->r->shifts[((const rota_cover_def *)base)->shift].id);
}

OWN_FN(j_rstart)
{
	const rota_roster_def *r = base;
	jkstr(o->j, k->name, r->has_start ? date(r->start) : NULL);
}

OWN_FN(j_shifts)
{
	const rota_roster_def *r = base;
	rota_json_key(o->j, k->name);
	rota_json_begin_array(o->j);
	for (size_t i = 0; i < r->nshifts; i++)
		json_item(o, NULL, &cfg_shift_table, &r->shifts[i]);
	rota_json_end(o->j);
}

OWN_FN(j_contracts)
{
	const rota_roster_def *r = base;
	rota_json_key(o->j, k->name);
	rota_json_begin_array(o->j);
	for (size_t i = 0; i < r->ncontracts; i++) {
		rota_json_begin_object(o->j);
		jkstr(o->j, "id", r->contracts[i].id);
		json_rules(o, &r->contracts[i].rules);
		rota_json_end(o->j);
	}
	rota_json_end(o->j);
}

OWN_FN(j_agents)
{
	const rota_roster_def *r = base;
	rota_json_key(o->j, k->name);
	rota_json_begin_array(o->j);
	for (size_t i = 0; i < r->nagents; i++)
		json_item(o, NULL, &cfg_agent_table, &r->agents[i]);
	rota_json_end(o->j);
}

OWN_FN(j_cover)
{
	const rota_roster_def *r = base;
	rota_json_key(o->j, k->name);
	rota_json_begin_array(o->j);
	for (size_t i = 0; i < r->ncover; i++)
		json_item(o, NULL, &cfg_cover_table, &r->cover[i]);
	rota_json_end(o->j);
}

OWN_FN(j_weights)
{
	rota_json_key(o->j, k->name);
	json_item(o, NULL, &cfg_weights_table, &((const rota_roster_def *)base)->weights);
}

/* alerts */

OWN_FN(t_levels)
{
	const rota_alert_route *r = base;
	UNUSED_KEY;
	phrase(o, "levels");
	if (r->nlevels == 0)
		fputs("all", o->f);
	for (size_t i = 0; i < r->nlevels; i++)
		fprintf(o->f, "%s%s", i ? ", " : "", pct(r->levels[i]));
}

OWN_FN(t_rmatch)
{
	const rota_alert_route *r = base;
	UNUSED_KEY;
	phrase(o, "; %s");
	text_match(o->f, r->match, r->nmatch);
}

OWN_FN(j_rmatch)
{
	const rota_alert_route *r = base;
	UNUSED_KEY;
	json_match(o->j, r->match, r->nmatch);
}

static void
text_sinks(FILE *f, const char *indent, const rota_sink_def *s, size_t n)
{
	for (size_t i = 0; i < n; i++, s++) {
		fputs(indent, f);
		switch (s->kind) {
		case ROTA_SINK_EXEC:
			fputs("exec ", f);
			put_words(f, s->argv, s->argc, " ");
			break;
		case ROTA_SINK_MAIL:
			fputs("mail ", f);
			put_words(f, s->addrs, s->naddrs, ", ");
			break;
		case ROTA_SINK_SYSLOG:
			fprintf(f, "syslog facility %s", s->facility_name);
			break;
		case ROTA_SINK_STDOUT:
			fprintf(f, "stdout as %s", s->format == ROTA_FORMAT_JSON ? "json" : "text");
			break;
		default:
			fputs("prometheus textfile ", f);
			put_word(f, s->path);
		}
		fputc('\n', f);
	}
}

static void
json_sinks(rota_json *j, const char *k, const rota_sink_def *s, size_t n)
{
	rota_json_key(j, k);
	rota_json_begin_array(j);
	for (size_t i = 0; i < n; i++) {
		const char *kind = cfg_sink_table.keys[s[i].kind].name;   /* in enum order */
		rota_json_begin_object(j);
		switch (s[i].kind) {
		case ROTA_SINK_EXEC: jstrv(j, kind, s[i].argv, s[i].argc); break;
		case ROTA_SINK_MAIL: jstrv(j, kind, s[i].addrs, s[i].naddrs); break;
		case ROTA_SINK_SYSLOG: jkstr(j, kind, s[i].facility_name); break;
		case ROTA_SINK_STDOUT:
			jkstr(j, kind, s[i].format == ROTA_FORMAT_JSON ? "json" : "text");
			break;
		default: jkstr(j, kind, s[i].path);
		}
		rota_json_end(j);
	}
	rota_json_end(j);
}

OWN_FN(t_sinks)
{
	const rota_alert_route *r = base;
	UNUSED_KEY;
	text_sinks(o->f, "    sink ", r->sinks, r->nsinks);
}

OWN_FN(j_sinks)
{
	const rota_alert_route *r = base;
	json_sinks(o->j, k->name, r->sinks, r->nsinks);
}

OWN_FN(t_escalate)
{
	const rota_alert_route *r = base;
	UNUSED_KEY;
	if (r->escalate_after < 0)
		return;
	fprintf(o->f, "    after %s unresolved, escalate to:\n", dur(r->escalate_after));
	text_sinks(o->f, "      sink ", r->escalate, r->nescalate);
}

OWN_FN(j_escalate)
{
	const rota_alert_route *r = base;
	jkint(o->j, "escalate_after", r->escalate_after);
	json_sinks(o->j, k->name, r->escalate, r->nescalate);
}

/* the file */

OWN_FN(j_calendars)
{
	rota_json_key(o->j, k->name);
	rota_json_begin_array(o->j);
	for (size_t i = 0; i < o->cfg->ncalendars; i++)
		json_item(o, o->cfg->calendars[i].name, &cfg_calendar_table, &o->cfg->calendars[i]);
	rota_json_end(o->j);
	(void)base;
}

OWN_FN(j_queues)
{
	rota_json_key(o->j, k->name);
	rota_json_begin_array(o->j);
	for (size_t i = 0; i < o->cfg->nqueues; i++)
		json_item(o, o->cfg->queues[i].name, &cfg_queue_table, &o->cfg->queues[i]);
	rota_json_end(o->j);
	(void)base;
}

OWN_FN(j_policies)
{
	int ola = k->name[0] == 'o';
	const rota_policy *p = ola ? o->cfg->ola : o->cfg->sla;
	size_t n = ola ? o->cfg->nola : o->cfg->nsla;
	rota_json_key(o->j, k->name);
	rota_json_begin_array(o->j);
	for (size_t i = 0; i < n; i++)
		json_item(o, NULL, &cfg_policy_table, &p[i]);
	rota_json_end(o->j);
	(void)base;
}

OWN_FN(j_roster)
{
	rota_json_key(o->j, k->name);
	if (o->cfg->roster)
		json_item(o, NULL, &cfg_roster_table, o->cfg->roster);
	else
		rota_json_null(o->j);
	(void)base;
}

OWN_FN(j_routes)
{
	UNUSED_KEY;
	rota_json_key(o->j, "routes");
	rota_json_begin_array(o->j);
	for (size_t i = 0; i < o->cfg->nroutes; i++)
		json_item(o, NULL, &cfg_route_table, &o->cfg->routes[i]);
	rota_json_end(o->j);
	(void)base;
}

_Static_assert(offsetof(rota_policy, name) == 0 && offsetof(rota_alert_route, name) == 0 &&
               offsetof(rota_shift_def, id) == 0 && offsetof(rota_agent_def, id) == 0,
               "j_name reads the first member");

static const struct own OWN[] = {
	{ &cfg_top_table, "calendars", NULL, j_calendars, 0 },
	{ &cfg_top_table, "queues", NULL, j_queues, 0 },
	{ &cfg_top_table, "sla", NULL, j_policies, 0 },
	{ &cfg_top_table, "ola", NULL, j_policies, 0 },
	{ &cfg_top_table, "roster", NULL, j_roster, 0 },
	{ &cfg_top_table, "alerts", NULL, j_routes, 0 },
	{ &cfg_calendar_table, "hours", t_week, j_week, 1 },
	{ &cfg_calendar_table, "overrides", t_overrides, j_overrides, 1 },
	{ &cfg_calendar_table, "holidays", t_holidays, j_holidays, 1 },
	{ &cfg_policy_table, "name", NULL, j_name, 0 },
	{ &cfg_policy_table, "match", t_pmatch, j_pmatch, 0 },
	{ &cfg_policy_table, "calendar", t_pcalendar, j_pcalendar, 0 },
	{ &cfg_policy_table, "metrics", t_metrics, j_metrics, 1 },
	{ &cfg_metric_table, "stop", t_stop, NULL, 0 },
	{ &cfg_roster_table, "start", NULL, j_rstart, 0 },
	{ &cfg_roster_table, "shifts", NULL, j_shifts, 0 },
	{ &cfg_roster_table, "contracts", NULL, j_contracts, 0 },
	{ &cfg_roster_table, "agents", NULL, j_agents, 0 },
	{ &cfg_roster_table, "cover", NULL, j_cover, 0 },
	{ &cfg_roster_table, "weights", NULL, j_weights, 0 },
	{ &cfg_shift_table, "id", NULL, j_name, 0 },
	{ &cfg_shift_table, "start", t_starts, j_starts, 0 },
	{ &cfg_shift_table, "breaks", t_breaks, j_breaks, 0 },
	{ &cfg_shift_table, "cannot_follow", t_cannot_follow, j_cannot_follow, 0 },
	{ &cfg_break_table, "within", NULL, j_within, 0 },
	{ &cfg_rules_table, "max_consecutive_days", t_days_in_a_row, NULL, 0 },
	{ &cfg_rules_table, "minutes", t_minutes, j_minutes, 0 },
	{ &cfg_rules_table, "max_shifts", t_max_shifts, j_max_shifts, 0 },
	{ &cfg_agent_table, "id", NULL, j_name, 0 },
	{ &cfg_agent_table, "skills", t_skills, NULL, 0 },
	{ &cfg_agent_table, "contract", NULL, j_contract, 0 },
	{ &cfg_agent_table, "rules", t_agent_rules, j_agent_rules, 1 },
	{ &cfg_agent_table, "days_off", t_days_off, j_days_off, 1 },
	{ &cfg_agent_table, "unavailable", t_unavailable, j_unavailable, 1 },
	{ &cfg_agent_table, "prefer", t_prefer, j_prefer, 1 },
	{ &cfg_agent_table, "avoid", t_prefer, j_prefer, 1 },
	{ &cfg_pref_table, "shift", NULL, j_pref_shift, 0 },
	{ &cfg_cover_table, "shift", NULL, j_cover_shift, 0 },
	{ &cfg_route_table, "name", NULL, j_name, 0 },
	{ &cfg_route_table, "levels", t_levels, NULL, 0 },
	{ &cfg_route_table, "match", t_rmatch, j_rmatch, 0 },
	{ &cfg_route_table, "sinks", t_sinks, j_sinks, 1 },
	{ &cfg_route_table, "escalate", t_escalate, j_escalate, 1 },
};

static const struct own *
own_of(const rota_config_table *t, const char *key)
{
	for (size_t i = 0; i < sizeof OWN / sizeof *OWN; i++)
		if (OWN[i].t == t && strcmp(OWN[i].key, key) == 0)
			return &OWN[i];
	return NULL;
}

/* ---------------------------------------------------------------- the dumps */

static void
text_roster(struct out *o, const rota_roster_def *r)
{
	FILE *f = o->f;
	fputs("roster:", f);
	if (r->has_start)
		fprintf(f, " starts %s", date(r->start));
	if (r->days > 0)
		fprintf(f, "%s %d days", r->has_start ? "," : "", r->days);
	if (r->has_start && r->days > 0)
		fprintf(f, " (to %s)", date(r->start + r->days - 1));
	if (r->interval > 0)
		fprintf(f, "%s grid %s", r->has_start || r->days > 0 ? "," : "", dur(r->interval));
	fprintf(f, "\n  shifts: %zu\n", r->nshifts);
	for (size_t i = 0; i < r->nshifts; i++) {
		fputs("    ", f);
		put_word(f, r->shifts[i].id);
		text_line(o, &cfg_shift_table, &r->shifts[i], ": ");
		fputc('\n', f);
	}
	fprintf(f, "  contracts: %zu\n", r->ncontracts);
	for (size_t i = 0; i < r->ncontracts; i++) {
		fputs("    ", f);
		put_word(f, r->contracts[i].id);
		fputs(": ", f);
		text_rules(o, &r->contracts[i].rules);
		fputc('\n', f);
	}
	fprintf(f, "  agents: %zu\n", r->nagents);
	for (size_t i = 0; i < r->nagents; i++) {
		fputs("    ", f);
		put_word(f, r->agents[i].id);
		text_line(o, &cfg_agent_table, &r->agents[i], ": ");
		fputc('\n', f);
		text_blocks(o, &cfg_agent_table, &r->agents[i]);
	}
	fprintf(f, "  cover lines: %zu\n", r->ncover);
	for (size_t i = 0; i < r->ncover; i++) {
		const rota_cover_def *c = &r->cover[i];
		fprintf(f, "    %s ", date(c->day));
		put_word(f, r->shifts[c->shift].id);
		fprintf(f, ": need %d (under %g, over %g)\n", c->need, c->under, c->over);
	}
	text_line(o, &cfg_weights_table, &r->weights, "  weights: ");
	fputc('\n', f);
}

/* The items of a list, each on a line of its own (after its name, the first member of
 * every item's struct) and the lines its blocks add. */
_Static_assert(offsetof(rota_calendar_def, name) == 0 && offsetof(rota_queue_def, name) == 0,
               "text_items reads the name first");

static void
text_items(struct out *o, const rota_config_table *t, const void *arr, size_t n, size_t size)
{
	for (size_t i = 0; i < n; i++) {
		const void *base = (const char *)arr + i * size;
		fputs("  ", o->f);
		put_word(o->f, *(char *const *)base);
		text_line(o, t, base, ": ");
		fputc('\n', o->f);
		text_blocks(o, t, base);
	}
}

void
rota_config_write_text(FILE *f, const rota_config *cfg)
{
	struct out o = { .f = f, .cfg = cfg, .r = cfg->roster };
	fprintf(f, "tz: %s\n", cfg->tz ? cfg->tz : "UTC (not set)");
	if (cfg->ncalendars)
		fprintf(f, "calendars: %zu\n", cfg->ncalendars);
	text_items(&o, &cfg_calendar_table, cfg->calendars, cfg->ncalendars, sizeof *cfg->calendars);
	if (cfg->nqueues)
		fprintf(f, "queues: %zu\n", cfg->nqueues);
	text_items(&o, &cfg_queue_table, cfg->queues, cfg->nqueues, sizeof *cfg->queues);
	if (cfg->nsla)
		fprintf(f, "sla policies: %zu (the first that matches applies)\n", cfg->nsla);
	text_items(&o, &cfg_policy_table, cfg->sla, cfg->nsla, sizeof *cfg->sla);
	if (cfg->nola)
		fprintf(f, "ola policies: %zu (the first that matches applies)\n", cfg->nola);
	text_items(&o, &cfg_policy_table, cfg->ola, cfg->nola, sizeof *cfg->ola);
	if (cfg->roster)
		text_roster(&o, cfg->roster);
	if (cfg->nroutes)
		fprintf(f, "alert routes: %zu (every route that matches fires)\n", cfg->nroutes);
	text_items(&o, &cfg_route_table, cfg->routes, cfg->nroutes, sizeof *cfg->routes);
}

void
rota_config_write_json(rota_json *j, const rota_config *cfg)
{
	struct out o = { .j = j, .cfg = cfg, .r = cfg->roster };
	json_item(&o, NULL, &cfg_top_table, cfg);
}
