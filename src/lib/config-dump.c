/* rota-config's dumps of a loaded config (rota-config(1)): text that a person can hold
 * against the file, and one JSON object for scripts.  Flat sections (queues, weights,
 * the numeric rules) are written from their key tables, so that a key added to a table
 * appears in both dumps. */
#include <config.h>
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <rota/rota.h>
#include <rota/record.h>
#include <rota/config.h>
#include "config-internal.h"

/* A field the file did not set: negative, or below the key's least value (a count of 0
 * for "not given").  text: 1 for the text dump, which leaves out even the keys whose
 * JSON shows the default. */
static int
field_absent(const rota_config_key *k, const char *at, int text)
{
	switch (k->type) {
	case ROTA_KEY_DURATION: return *(const int64_t *)at < 0;
	case ROTA_KEY_SHARE:
	case ROTA_KEY_NUMBER: return *(const double *)at < 0;
	case ROTA_KEY_SERVICE_LEVEL: return *(const int64_t *)(at + 8) < 0;
	case ROTA_KEY_INTEGER:
		return *(const int *)at < 0 || *(const int *)at < k->lo ||
		       (text && *(const int *)at == 0 && k->def);
	default: return *(char *const *)at == NULL && (text ? k->def == NULL : 1);
	}
}

/* ---------------------------------------------------------------- text */

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

static void
text_calendar(FILE *f, const rota_config *cfg, const rota_calendar_def *c)
{
	int64_t week = 0;
	fputs("  ", f);
	put_word(f, c->name);
	fprintf(f, ": tz %s\n", c->tz);
	for (int d = 0; d < 7; d++) {
		fprintf(f, "    %s ", DAYS[d]);
		put_hours(f, &c->week[d]);
		fputc('\n', f);
		for (size_t i = 0; i < c->week[d].n; i++)
			week += c->week[d].r[i].end - c->week[d].r[i].start;
	}
	fprintf(f, "    open %s a week\n", dur(week));
	for (size_t i = 0; i < c->noverrides; i++) {
		fprintf(f, "    override %s ", date(c->overrides[i].day));
		put_hours(f, &c->overrides[i].hours);
		fputc('\n', f);
	}
	for (size_t i = 0; i < c->nholidays; i++) {
		fprintf(f, "    holiday %s", date(c->holidays[i].day));
		if (c->holidays[i].name) {
			fputc(' ', f);
			put_word(f, c->holidays[i].name);
		}
		fputc('\n', f);
	}
	for (size_t i = 0; i < c->nholiday_files; i++) {
		fputs("    holidays from ", f);
		put_word(f, rel_path(cfg, c->holiday_files[i]));
		fputc('\n', f);
	}
}

/* A flat section's keys from its table, "aht 4m, sl 90% in 30s", after what came before. */
static void
text_fields(FILE *f, const rota_config_table *t, const void *base, const char *sep)
{
	for (size_t i = 0; i < t->nkeys; i++) {
		const rota_config_key *k = &t->keys[i];
		const char *at = (const char *)base + k->offset;
		char label[64];
		if (k->offset == ROTA_KEY_OWN || field_absent(k, at, 1))
			continue;
		snprintf(label, sizeof label, "%s", k->name);
		for (char *p = label; *p; p++)
			if (*p == '_')
				*p = ' ';
		fprintf(f, "%s%s ", sep, label);
		sep = ", ";
		switch (k->type) {
		case ROTA_KEY_DURATION: fputs(dur(*(const int64_t *)at), f); break;
		case ROTA_KEY_SHARE: fputs(pct(*(const double *)at), f); break;
		case ROTA_KEY_NUMBER: fprintf(f, "%g", *(const double *)at); break;
		case ROTA_KEY_INTEGER: fprintf(f, "%d", *(const int *)at); break;
		case ROTA_KEY_SERVICE_LEVEL:
			fprintf(f, "%s in %s", pct(*(const double *)at), dur(*(const int64_t *)(at + 8)));
			break;
		default: {
			const char *str = *(char *const *)at;
			put_word(f, str ? str : k->def);
		}
		}
	}
}

static void
text_queue(FILE *f, const rota_queue_def *q)
{
	fputs("  ", f);
	put_word(f, q->name);
	text_fields(f, &cfg_queue_table, q, ": ");
	fputc('\n', f);
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
text_metric(FILE *f, const rota_metric_def *m)
{
	const char *sep = "";
	fputs("    ", f);
	put_word(f, m->name);
	fprintf(f, ": target %s, starts at %s, stops at ", dur(m->target),
	        rota_clock_event_name(m->start));
	for (int k = 0, e; (e = rota_clock_event_at((unsigned)k)) >= 0; k++)
		if (m->stop & (1u << e)) {
			fprintf(f, "%s%s", sep, rota_clock_event_name(e));
			sep = ", ";
		}
	for (size_t i = 0; i < m->nstop_status; i++) {
		fprintf(f, "%sstatus ", sep);
		put_word(f, m->stop_status[i]);
		sep = ", ";
	}
	if (m->npause_status) {
		fputs("; paused in status ", f);
		put_words(f, m->pause_status, m->npause_status, ", ");
	}
	if (m->nwarn) {
		fputs("; warn at ", f);
		for (size_t i = 0; i < m->nwarn; i++)
			fprintf(f, "%s%s", i ? ", " : "", pct(m->warn[i]));
	}
	fprintf(f, "; on reopen %s\n", m->on_reopen == ROTA_REOPEN_RESTART ? "restart" : "resume");
}

static void
text_policies(FILE *f, const char *title, const rota_policy *p, size_t n)
{
	if (n == 0)
		return;
	fprintf(f, "%s policies: %zu (the first that matches applies)\n", title, n);
	for (size_t i = 0; i < n; i++) {
		fputs("  ", f);
		put_word(f, p[i].name);
		fputs(": ", f);
		text_match(f, p[i].match, p[i].nmatch);
		fputs("; calendar ", f);
		if (p[i].calendar)
			put_word(f, p[i].calendar);
		else
			fputs("none (around the clock)", f);
		fputc('\n', f);
		for (size_t j = 0; j < p[i].nmetrics; j++)
			text_metric(f, &p[i].metrics[j]);
	}
}

static void
text_range(FILE *f, const char **sep, const char *what, int64_t lo, int64_t hi)
{
	if (lo < 0 && hi < 0)
		return;
	fprintf(f, "%s%s ", *sep, what);
	if (lo >= 0 && hi >= 0)
		fprintf(f, "%lld-%lld", (long long)lo, (long long)hi);
	else if (lo >= 0)
		fprintf(f, ">= %lld", (long long)lo);
	else
		fprintf(f, "<= %lld", (long long)hi);
	*sep = "; ";
}

static void
text_rules(FILE *f, const rota_roster_def *r, const rota_rules *u)
{
	const char *sep = "";
	if (u->min_rest >= 0) {
		fprintf(f, "min rest %s", dur(u->min_rest));
		sep = "; ";
	}
	text_range(f, &sep, "days in a row", u->min_consecutive_days, u->max_consecutive_days);
	if (u->min_consecutive_days_off >= 0) {
		fprintf(f, "%sdays off in a row >= %d", sep, u->min_consecutive_days_off);
		sep = "; ";
	}
	if (u->max_weekends >= 0) {
		fprintf(f, "%sweekends <= %d", sep, u->max_weekends);
		sep = "; ";
	}
	text_range(f, &sep, "minutes a week", u->week_min, u->week_max);
	text_range(f, &sep, "minutes in the horizon", u->horizon_min, u->horizon_max);
	for (size_t i = 0; u->max_shifts && i < r->nshifts; i++)
		if (u->max_shifts[i] >= 0) {
			fprintf(f, "%sshifts ", sep);
			put_word(f, r->shifts[i].id);
			fprintf(f, " <= %d", u->max_shifts[i]);
			sep = "; ";
		}
	if (*sep == '\0')
		fputs("none", f);
}

static void
text_shift(FILE *f, const rota_roster_def *r, const rota_shift_def *s)
{
	fputs("    ", f);
	put_word(f, s->id);
	fputs(": starts ", f);
	for (size_t i = 0; i < s->nstarts; i++)
		fprintf(f, "%s%s", i ? ", " : "", clock_str(s->starts[i]));
	fprintf(f, "; %s long", dur(s->length));
	for (size_t i = 0; i < s->nbreaks; i++)
		fprintf(f, "; break %s starting %s-%s in", dur(s->breaks[i].length),
		        dur(s->breaks[i].earliest), dur(s->breaks[i].latest));
	if (s->ncannot_follow) {
		fputs("; not followed the next day by ", f);
		for (size_t i = 0; i < s->ncannot_follow; i++) {
			if (i)
				fputs(" or ", f);
			put_word(f, r->shifts[s->cannot_follow[i]].id);
		}
	}
	if (s->nqueues) {
		fputs("; queues ", f);
		put_words(f, s->queues, s->nqueues, ", ");
	}
	fputc('\n', f);
}

static void
text_prefs(FILE *f, const rota_roster_def *r, const char *verb, const rota_pref_def *p, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		fprintf(f, "      %s ", verb);
		if (p[i].shift >= 0)
			put_word(f, r->shifts[p[i].shift].id);
		else
			fputs("working", f);
		fprintf(f, " on %s (weight %g)\n", date(p[i].day), p[i].weight);
	}
}

static void
text_agent(FILE *f, const rota_roster_def *r, const rota_agent_def *a)
{
	rota_error e;
	const rota_tz *tz = rota_tz_get(a->tz, &e);
	char t1[ROTA_TIME_BUFSZ], t2[ROTA_TIME_BUFSZ];

	fputs("    ", f);
	put_word(f, a->id);
	fprintf(f, ": tz %s; contract ", a->tz);
	if (a->contract >= 0)
		put_word(f, r->contracts[a->contract].id);
	else
		fputs("none", f);
	fputs("; skills ", f);
	if (a->nskills)
		put_words(f, a->skills, a->nskills, ", ");
	else
		fputs("any", f);
	fprintf(f, "; cost %g\n      rules: ", a->cost);
	text_rules(f, r, &a->rules);
	fputc('\n', f);
	if (a->ndays_off) {
		fputs("      days off", f);
		for (size_t i = 0; i < a->ndays_off; i++)
			fprintf(f, "%s%s", i ? ", " : " ", date(a->days_off[i]));
		fputc('\n', f);
	}
	for (size_t i = 0; i < a->nunavailable && tz; i++) {
		rota_time_format(t1, sizeof t1, a->unavailable[i].start, tz);
		rota_time_format(t2, sizeof t2, a->unavailable[i].end, tz);
		fprintf(f, "      unavailable %s to %s\n", t1, t2);
	}
	text_prefs(f, r, "prefers", a->prefer, a->nprefer);
	text_prefs(f, r, "avoids", a->avoid, a->navoid);
}

static void
text_roster(FILE *f, const rota_roster_def *r)
{
	fputs("roster:", f);
	if (r->has_start)
		fprintf(f, " starts %s", date(r->start));
	if (r->days > 0)
		fprintf(f, "%s %d days", r->has_start ? "," : "", r->days);
	if (r->has_start && r->days > 0)
		fprintf(f, " (to %s)", date(r->start + r->days - 1));
	if (r->interval > 0)
		fprintf(f, "%s grid %s", r->has_start || r->days > 0 ? "," : "", dur(r->interval));
	fputc('\n', f);
	fprintf(f, "  shifts: %zu\n", r->nshifts);
	for (size_t i = 0; i < r->nshifts; i++)
		text_shift(f, r, &r->shifts[i]);
	fprintf(f, "  contracts: %zu\n", r->ncontracts);
	for (size_t i = 0; i < r->ncontracts; i++) {
		fputs("    ", f);
		put_word(f, r->contracts[i].id);
		fputs(": ", f);
		text_rules(f, r, &r->contracts[i].rules);
		fputc('\n', f);
	}
	fprintf(f, "  agents: %zu\n", r->nagents);
	for (size_t i = 0; i < r->nagents; i++)
		text_agent(f, r, &r->agents[i]);
	fprintf(f, "  cover lines: %zu\n", r->ncover);
	for (size_t i = 0; i < r->ncover; i++) {
		const rota_cover_def *c = &r->cover[i];
		fprintf(f, "    %s ", date(c->day));
		put_word(f, r->shifts[c->shift].id);
		fprintf(f, ": need %d (under %g, over %g)\n", c->need, c->under, c->over);
	}
	text_fields(f, &cfg_weights_table, &r->weights, "  weights: ");
	fputc('\n', f);
}

static void
text_sink(FILE *f, const char *indent, const rota_sink_def *s)
{
	fprintf(f, "%s", indent);
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

static void
text_route(FILE *f, const rota_alert_route *r)
{
	fputs("  ", f);
	put_word(f, r->name);
	fputs(": levels ", f);
	if (r->nlevels == 0)
		fputs("all", f);
	for (size_t i = 0; i < r->nlevels; i++)
		fprintf(f, "%s%s", i ? ", " : "", pct(r->levels[i]));
	fputs("; ", f);
	text_match(f, r->match, r->nmatch);
	if (r->repeat >= 0)
		fprintf(f, "; repeat every %s", dur(r->repeat));
	if (r->hours) {
		fputs("; delivered while calendar ", f);
		put_word(f, r->hours);
		fputs(" is open", f);
	}
	fputc('\n', f);
	for (size_t i = 0; i < r->nsinks; i++)
		text_sink(f, "    sink ", &r->sinks[i]);
	if (r->escalate_after >= 0) {
		fprintf(f, "    after %s unresolved, escalate to:\n", dur(r->escalate_after));
		for (size_t i = 0; i < r->nescalate; i++)
			text_sink(f, "      sink ", &r->escalate[i]);
	}
}

void
rota_config_write_text(FILE *f, const rota_config *cfg)
{
	fprintf(f, "tz: %s\n", cfg->tz ? cfg->tz : "UTC (not set)");
	if (cfg->ncalendars)
		fprintf(f, "calendars: %zu\n", cfg->ncalendars);
	for (size_t i = 0; i < cfg->ncalendars; i++)
		text_calendar(f, cfg, &cfg->calendars[i]);
	if (cfg->nqueues)
		fprintf(f, "queues: %zu\n", cfg->nqueues);
	for (size_t i = 0; i < cfg->nqueues; i++)
		text_queue(f, &cfg->queues[i]);
	text_policies(f, "sla", cfg->sla, cfg->nsla);
	text_policies(f, "ola", cfg->ola, cfg->nola);
	if (cfg->roster)
		text_roster(f, cfg->roster);
	if (cfg->nroutes)
		fprintf(f, "alert routes: %zu (every route that matches fires)\n", cfg->nroutes);
	for (size_t i = 0; i < cfg->nroutes; i++)
		text_route(f, &cfg->routes[i]);
}

/* ---------------------------------------------------------------- json */

static void
jnum(rota_json *j, double v)
{
	char b[64];
	snprintf(b, sizeof b, "%.10g", v);
	rota_json_raw(j, b);
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

/* A flat section's FIELD keys from its table: absent numbers are null; a choice or a
 * count shows its default (a queue without channel is voice). */
static void
json_fields(rota_json *j, const rota_config_table *t, const void *base)
{
	for (size_t i = 0; i < t->nkeys; i++) {
		const rota_config_key *k = &t->keys[i];
		const char *at = (const char *)base + k->offset;
		if (k->offset == ROTA_KEY_OWN)
			continue;
		if (k->type == ROTA_KEY_SERVICE_LEVEL) {
			char key[64];
			snprintf(key, sizeof key, "%s_target", k->name);
			jknum(j, key, *(const double *)at);
			snprintf(key, sizeof key, "%s_time", k->name);
			jkint(j, key, *(const int64_t *)(at + 8));
			continue;
		}
		rota_json_key(j, k->name);
		if (field_absent(k, at, 0) && (k->def == NULL || (k->type != ROTA_KEY_CHOICE &&
		                                                  k->type != ROTA_KEY_INTEGER))) {
			rota_json_null(j);
			continue;
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
		default: {
			const char *s = *(char *const *)at;
			rota_json_string(j, s ? s : k->def);
		}
		}
	}
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

static void
json_calendar(rota_json *j, const rota_calendar_def *c)
{
	rota_json_begin_object(j);
	jkstr(j, "name", c->name);
	jkstr(j, "tz", c->tz);
	rota_json_key(j, "week");
	rota_json_begin_object(j);
	for (int d = 0; d < 7; d++) {
		rota_json_key(j, DAYS[d]);
		jhours(j, &c->week[d]);
	}
	rota_json_end(j);
	rota_json_key(j, "overrides");
	rota_json_begin_array(j);
	for (size_t i = 0; i < c->noverrides; i++) {
		rota_json_begin_object(j);
		jkstr(j, "date", date(c->overrides[i].day));
		rota_json_key(j, "hours");
		jhours(j, &c->overrides[i].hours);
		rota_json_end(j);
	}
	rota_json_end(j);
	rota_json_key(j, "holidays");
	rota_json_begin_array(j);
	for (size_t i = 0; i < c->nholidays; i++) {
		rota_json_begin_object(j);
		jkstr(j, "date", date(c->holidays[i].day));
		jkstr(j, "name", c->holidays[i].name);
		rota_json_end(j);
	}
	rota_json_end(j);
	rota_json_key(j, "holiday_files");
	rota_json_begin_array(j);
	for (size_t i = 0; i < c->nholiday_files; i++)
		rota_json_string(j, c->holiday_files[i]);
	rota_json_end(j);
	rota_json_end(j);
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

static void
json_levels(rota_json *j, const char *k, const double *v, size_t n)
{
	rota_json_key(j, k);
	rota_json_begin_array(j);
	for (size_t i = 0; i < n; i++)
		rota_json_string(j, pct(v[i]));
	rota_json_end(j);
}

static void
json_policy(rota_json *j, const rota_policy *p)
{
	rota_json_begin_object(j);
	jkstr(j, "name", p->name);
	json_match(j, p->match, p->nmatch);
	jkstr(j, "calendar", p->calendar);
	rota_json_key(j, "metrics");
	rota_json_begin_array(j);
	for (size_t i = 0; i < p->nmetrics; i++) {
		const rota_metric_def *m = &p->metrics[i];
		rota_json_begin_object(j);
		jkstr(j, "name", m->name);
		jkint(j, "target", m->target);
		jkstr(j, "start", rota_clock_event_name(m->start));
		rota_json_key(j, "stop");
		rota_json_begin_array(j);
		for (int k = 0, e; (e = rota_clock_event_at((unsigned)k)) >= 0; k++)
			if (m->stop & (1u << e))
				rota_json_string(j, rota_clock_event_name(e));
		rota_json_end(j);
		jstrv(j, "stop_status", m->stop_status, m->nstop_status);
		jstrv(j, "pause_status", m->pause_status, m->npause_status);
		json_levels(j, "warn", m->warn, m->nwarn);
		jkstr(j, "on_reopen", m->on_reopen == ROTA_REOPEN_RESTART ? "restart" : "resume");
		rota_json_end(j);
	}
	rota_json_end(j);
	rota_json_end(j);
}

static void
json_policies(rota_json *j, const char *k, const rota_policy *p, size_t n)
{
	rota_json_key(j, k);
	rota_json_begin_array(j);
	for (size_t i = 0; i < n; i++)
		json_policy(j, &p[i]);
	rota_json_end(j);
}

static void
json_rules(rota_json *j, const rota_roster_def *r, const rota_rules *u)
{
	rota_json_begin_object(j);
	json_fields(j, &cfg_rules_table, u);
	jkint(j, "week_min", u->week_min);
	jkint(j, "week_max", u->week_max);
	jkint(j, "horizon_min", u->horizon_min);
	jkint(j, "horizon_max", u->horizon_max);
	rota_json_key(j, "max_shifts");
	rota_json_begin_object(j);
	for (size_t i = 0; u->max_shifts && i < r->nshifts; i++)
		if (u->max_shifts[i] >= 0)
			jkint(j, r->shifts[i].id, u->max_shifts[i]);
	rota_json_end(j);
	rota_json_end(j);
}

static void
json_prefs(rota_json *j, const char *k, const rota_roster_def *r, const rota_pref_def *p,
           size_t n)
{
	rota_json_key(j, k);
	rota_json_begin_array(j);
	for (size_t i = 0; i < n; i++) {
		rota_json_begin_object(j);
		jkstr(j, "date", date(p[i].day));
		jkstr(j, "shift", p[i].shift >= 0 ? r->shifts[p[i].shift].id : NULL);
		jknum(j, "weight", p[i].weight);
		rota_json_end(j);
	}
	rota_json_end(j);
}

static void
json_agent(rota_json *j, const rota_roster_def *r, const rota_agent_def *a)
{
	rota_error e;
	const rota_tz *tz = rota_tz_get(a->tz, &e);
	char t[ROTA_TIME_BUFSZ];

	rota_json_begin_object(j);
	jkstr(j, "id", a->id);
	jkstr(j, "tz", a->tz);
	jstrv(j, "skills", a->skills, a->nskills);
	jkstr(j, "contract", a->contract >= 0 ? r->contracts[a->contract].id : NULL);
	rota_json_key(j, "rules");
	json_rules(j, r, &a->rules);
	jknum(j, "cost", a->cost);
	rota_json_key(j, "days_off");
	rota_json_begin_array(j);
	for (size_t i = 0; i < a->ndays_off; i++)
		rota_json_string(j, date(a->days_off[i]));
	rota_json_end(j);
	rota_json_key(j, "unavailable");
	rota_json_begin_array(j);
	for (size_t i = 0; i < a->nunavailable && tz; i++) {
		rota_json_begin_array(j);
		rota_time_format(t, sizeof t, a->unavailable[i].start, tz);
		rota_json_string(j, t);
		rota_time_format(t, sizeof t, a->unavailable[i].end, tz);
		rota_json_string(j, t);
		rota_json_end(j);
	}
	rota_json_end(j);
	json_prefs(j, "prefer", r, a->prefer, a->nprefer);
	json_prefs(j, "avoid", r, a->avoid, a->navoid);
	rota_json_end(j);
}

static void
json_shift(rota_json *j, const rota_roster_def *r, const rota_shift_def *s)
{
	rota_json_begin_object(j);
	jkstr(j, "id", s->id);
	rota_json_key(j, "starts");
	rota_json_begin_array(j);
	for (size_t i = 0; i < s->nstarts; i++)
		rota_json_string(j, clock_str(s->starts[i]));
	rota_json_end(j);
	jkint(j, "length", s->length);
	rota_json_key(j, "breaks");
	rota_json_begin_array(j);
	for (size_t i = 0; i < s->nbreaks; i++) {
		rota_json_begin_object(j);
		jkint(j, "length", s->breaks[i].length);
		jkint(j, "earliest", s->breaks[i].earliest);
		jkint(j, "latest", s->breaks[i].latest);
		rota_json_end(j);
	}
	rota_json_end(j);
	rota_json_key(j, "cannot_follow");
	rota_json_begin_array(j);
	for (size_t i = 0; i < s->ncannot_follow; i++)
		rota_json_string(j, r->shifts[s->cannot_follow[i]].id);
	rota_json_end(j);
	jstrv(j, "queues", s->queues, s->nqueues);
	rota_json_end(j);
}

static void
json_roster(rota_json *j, const rota_roster_def *r)
{
	rota_json_begin_object(j);
	jkstr(j, "start", r->has_start ? date(r->start) : NULL);
	jkint(j, "days", r->days);
	jkint(j, "interval", r->interval);
	rota_json_key(j, "shifts");
	rota_json_begin_array(j);
	for (size_t i = 0; i < r->nshifts; i++)
		json_shift(j, r, &r->shifts[i]);
	rota_json_end(j);
	rota_json_key(j, "contracts");
	rota_json_begin_array(j);
	for (size_t i = 0; i < r->ncontracts; i++) {
		rota_json_begin_object(j);
		jkstr(j, "id", r->contracts[i].id);
		rota_json_key(j, "rules");
		json_rules(j, r, &r->contracts[i].rules);
		rota_json_end(j);
	}
	rota_json_end(j);
	rota_json_key(j, "agents");
	rota_json_begin_array(j);
	for (size_t i = 0; i < r->nagents; i++)
		json_agent(j, r, &r->agents[i]);
	rota_json_end(j);
	rota_json_key(j, "cover");
	rota_json_begin_array(j);
	for (size_t i = 0; i < r->ncover; i++) {
		const rota_cover_def *c = &r->cover[i];
		rota_json_begin_object(j);
		jkstr(j, "date", date(c->day));
		jkstr(j, "shift", r->shifts[c->shift].id);
		jkint(j, "need", c->need);
		jknum(j, "under", c->under);
		jknum(j, "over", c->over);
		rota_json_end(j);
	}
	rota_json_end(j);
	rota_json_key(j, "weights");
	rota_json_begin_object(j);
	json_fields(j, &cfg_weights_table, &r->weights);
	rota_json_end(j);
	rota_json_end(j);
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

static void
json_route(rota_json *j, const rota_alert_route *r)
{
	rota_json_begin_object(j);
	jkstr(j, "name", r->name);
	json_levels(j, "levels", r->levels, r->nlevels);
	json_match(j, r->match, r->nmatch);
	json_sinks(j, "sinks", r->sinks, r->nsinks);
	jkint(j, "repeat", r->repeat);
	jkint(j, "escalate_after", r->escalate_after);
	json_sinks(j, "escalate", r->escalate, r->nescalate);
	jkstr(j, "hours", r->hours);
	rota_json_end(j);
}

void
rota_config_write_json(rota_json *j, const rota_config *cfg)
{
	rota_json_begin_object(j);
	jkstr(j, "tz", cfg->tz);
	rota_json_key(j, "calendars");
	rota_json_begin_array(j);
	for (size_t i = 0; i < cfg->ncalendars; i++)
		json_calendar(j, &cfg->calendars[i]);
	rota_json_end(j);
	rota_json_key(j, "queues");
	rota_json_begin_array(j);
	for (size_t i = 0; i < cfg->nqueues; i++) {
		rota_json_begin_object(j);
		jkstr(j, "name", cfg->queues[i].name);
		json_fields(j, &cfg_queue_table, &cfg->queues[i]);
		rota_json_end(j);
	}
	rota_json_end(j);
	json_policies(j, "sla", cfg->sla, cfg->nsla);
	json_policies(j, "ola", cfg->ola, cfg->nola);
	rota_json_key(j, "roster");
	if (cfg->roster)
		json_roster(j, cfg->roster);
	else
		rota_json_null(j);
	rota_json_key(j, "routes");
	rota_json_begin_array(j);
	for (size_t i = 0; i < cfg->nroutes; i++)
		json_route(j, &cfg->routes[i]);
	rota_json_end(j);
	rota_json_end(j);
}
