/* rota-config: check rota.yaml and print what was understood, in a normalized form that
 * a person can hold against the file (text) or a script can read (json). */
#include <config.h>
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <rota/rota.h>
#include "cmd.h"
#include <rota/config.h>

static const char doc[] =
	"Check a rota.yaml configuration and print what was understood.\v"
	"COMMAND is 'check': load the file named by -c (default $ROTA_CONFIG, else ./rota.yaml; "
	"a FILE argument names it too; - is standard input), check every key, type, value and name, and print the "
	"result normalized: the planning zone, each calendar's hours for every weekday, its "
	"overrides and holidays, the queues with their numbers, the SLA and OLA policies with "
	"their targets as durations, the roster's shifts, contracts, agents (with the rules "
	"that apply to each after overrides) and cover lines, and the alert routes.  Nothing "
	"else is read or written; with -q nothing is printed and the exit status tells.\n\n"
	"Examples:\n"
	"  rota-config check                      check ./rota.yaml\n"
	"  rota config check -c /etc/rota.yaml    the same through the dispatcher\n"
	"  rota-config check --format json | jq '.calendars[].name'\n"
	"  rota-config check -q new.yaml && cp new.yaml rota.yaml\n\n"
	"Exit status: 0 when the file is valid, 2 when it is not (the message names "
	"file:line:column, what was wrong and what was expected) or on bad usage, 3 when the "
	"file cannot be read.  See rota.yaml(5) for every key.";

static const char args_doc[] = "check [FILE]";

enum { OPT_FORMAT = 0x7101 };

static const struct argp_option options[] = {
	{ "format", OPT_FORMAT, "FMT", 0, "text (default, for people) or json (one object)", 0 },
	{ "output", 'o', "FILE", 0, "Write to FILE (atomically) instead of standard output", 0 },
	{ 0 }
};

struct opts {
	struct cmd_cli cli;
	int format;
	const char *output;
	const char *file;
	int have_cmd;
};

static error_t
parse_opt(int key, char *arg, struct argp_state *state)
{
	struct opts *o = state->input;

	switch (key) {
	case ARGP_KEY_INIT:
		state->child_inputs[0] = &o->cli;
		break;
	case OPT_FORMAT:
		o->format = rota_format_parse(arg);
		if (o->format != ROTA_FORMAT_TEXT && o->format != ROTA_FORMAT_JSON)
			argp_error(state, "--format: expected text or json, found '%s'", arg);
		break;
	case 'o':
		o->output = arg;
		break;
	case ARGP_KEY_ARG:
		if (state->arg_num == 0) {
			if (strcmp(arg, "check") != 0)
				argp_error(state, "unknown command '%s': expected check", arg);
			o->have_cmd = 1;
		} else if (state->arg_num == 1) {
			o->file = arg;
		} else {
			argp_error(state, "too many arguments: expected check [FILE]");
		}
		break;
	case ARGP_KEY_END:
		if (!o->have_cmd)
			argp_error(state, "missing command: expected check");
		break;
	default:
		return ARGP_ERR_UNKNOWN;
	}
	return 0;
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
	static char buf[4][SLOT];
	static unsigned next;
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

static void
text_queue(FILE *f, const rota_queue_def *q)
{
	fputs("  ", f);
	put_word(f, q->name);
	fprintf(f, ": channel %s", q->channel ? q->channel : "voice");
	if (q->aht >= 0) fprintf(f, ", aht %s", dur(q->aht));
	if (q->sl_time >= 0) fprintf(f, ", sl %s in %s", pct(q->sl_target), dur(q->sl_time));
	if (q->asa >= 0) fprintf(f, ", asa %s", dur(q->asa));
	if (q->max_occupancy >= 0) fprintf(f, ", max occupancy %s", pct(q->max_occupancy));
	if (q->shrinkage >= 0) fprintf(f, ", shrinkage %s", pct(q->shrinkage));
	if (q->concurrency > 0) fprintf(f, ", concurrency %d", q->concurrency);
	if (q->respond_within >= 0) fprintf(f, ", respond within %s", dur(q->respond_within));
	if (q->patience >= 0) fprintf(f, ", patience %s", dur(q->patience));
	if (q->calendar) {
		fputs(", calendar ", f);
		put_word(f, q->calendar);
	}
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
	for (int e = 0; e < ROTA_EV_COUNT; e++)
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
	fprintf(f, "  weights: under %g, over %g, preference %g, cost %g, fairness %g\n",
	        r->weights.under, r->weights.over, r->weights.preference, r->weights.cost,
	        r->weights.fairness);
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

static void
print_text(FILE *f, const rota_config *cfg)
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
jkey(FILE *f, int *first, const char *k)
{
	if (!*first)
		fputc(',', f);
	*first = 0;
	rota_json_put_string(f, k);
	fputc(':', f);
}

static void
jstr(FILE *f, int *first, const char *k, const char *v)
{
	jkey(f, first, k);
	if (v)
		rota_json_put_string(f, v);
	else
		fputs("null", f);
}

static void
jint(FILE *f, int *first, const char *k, int64_t v)
{
	jkey(f, first, k);
	if (v < 0)
		fputs("null", f);
	else
		fprintf(f, "%lld", (long long)v);
}

static void
jnum(FILE *f, int *first, const char *k, double v)
{
	jkey(f, first, k);
	if (v < 0)
		fputs("null", f);
	else
		fprintf(f, "%.10g", v);
}

static void
jstrv(FILE *f, int *first, const char *k, char *const *v, size_t n)
{
	jkey(f, first, k);
	fputc('[', f);
	for (size_t i = 0; i < n; i++) {
		if (i)
			fputc(',', f);
		rota_json_put_string(f, v[i]);
	}
	fputc(']', f);
}

static void
jhours(FILE *f, const rota_day_hours *h)
{
	fputc('[', f);
	for (size_t i = 0; i < h->n; i++)
		fprintf(f, "%s[\"%s\",\"%s\"]", i ? "," : "", clock_str(h->r[i].start),
		        clock_str(h->r[i].end));
	fputc(']', f);
}

static void
json_calendar(FILE *f, const rota_calendar_def *c)
{
	int first = 1;
	fputc('{', f);
	jstr(f, &first, "name", c->name);
	jstr(f, &first, "tz", c->tz);
	jkey(f, &first, "week");
	fputc('{', f);
	for (int d = 0; d < 7; d++) {
		fprintf(f, "%s\"%s\":", d ? "," : "", DAYS[d]);
		jhours(f, &c->week[d]);
	}
	fputc('}', f);
	jkey(f, &first, "overrides");
	fputc('[', f);
	for (size_t i = 0; i < c->noverrides; i++) {
		fprintf(f, "%s{\"date\":\"%s\",\"hours\":", i ? "," : "", date(c->overrides[i].day));
		jhours(f, &c->overrides[i].hours);
		fputc('}', f);
	}
	fputc(']', f);
	jkey(f, &first, "holidays");
	fputc('[', f);
	for (size_t i = 0; i < c->nholidays; i++) {
		int hf = 1;
		fputs(i ? ",{" : "{", f);
		jstr(f, &hf, "date", date(c->holidays[i].day));
		jstr(f, &hf, "name", c->holidays[i].name);
		fputc('}', f);
	}
	fputc(']', f);
	jstrv(f, &first, "holiday_files", c->holiday_files, c->nholiday_files);
	fputc('}', f);
}

static void
json_queue(FILE *f, const rota_queue_def *q)
{
	int first = 1;
	fputc('{', f);
	jstr(f, &first, "name", q->name);
	jstr(f, &first, "channel", q->channel ? q->channel : "voice");
	jint(f, &first, "aht", q->aht);
	jnum(f, &first, "sl_target", q->sl_target);
	jint(f, &first, "sl_time", q->sl_time);
	jint(f, &first, "asa", q->asa);
	jnum(f, &first, "max_occupancy", q->max_occupancy);
	jnum(f, &first, "shrinkage", q->shrinkage);
	jint(f, &first, "concurrency", q->concurrency > 0 ? q->concurrency : 1);
	jint(f, &first, "respond_within", q->respond_within);
	jint(f, &first, "patience", q->patience);
	jstr(f, &first, "calendar", q->calendar);
	fputc('}', f);
}

static void
json_match(FILE *f, int *first, const rota_match *m, size_t n)
{
	jkey(f, first, "match");
	fputc('{', f);
	for (size_t i = 0; i < n; i++) {
		int mf = i == 0;
		jstrv(f, &mf, m[i].attr, m[i].values, m[i].nvalues);
	}
	fputc('}', f);
}

static void
json_levels(FILE *f, int *first, const char *k, const double *v, size_t n)
{
	jkey(f, first, k);
	fputc('[', f);
	for (size_t i = 0; i < n; i++)
		fprintf(f, "%s\"%s\"", i ? "," : "", pct(v[i]));
	fputc(']', f);
}

static void
json_policy(FILE *f, const rota_policy *p)
{
	int first = 1;
	fputc('{', f);
	jstr(f, &first, "name", p->name);
	json_match(f, &first, p->match, p->nmatch);
	jstr(f, &first, "calendar", p->calendar);
	jkey(f, &first, "metrics");
	fputc('[', f);
	for (size_t i = 0; i < p->nmetrics; i++) {
		const rota_metric_def *m = &p->metrics[i];
		int mf = 1, any = 0;
		fputs(i ? ",{" : "{", f);
		jstr(f, &mf, "name", m->name);
		jint(f, &mf, "target", m->target);
		jstr(f, &mf, "start", rota_clock_event_name(m->start));
		jkey(f, &mf, "stop");
		fputc('[', f);
		for (int e = 0; e < ROTA_EV_COUNT; e++)
			if (m->stop & (1u << e))
				fprintf(f, "%s\"%s\"", any++ ? "," : "", rota_clock_event_name(e));
		fputc(']', f);
		jstrv(f, &mf, "stop_status", m->stop_status, m->nstop_status);
		jstrv(f, &mf, "pause_status", m->pause_status, m->npause_status);
		json_levels(f, &mf, "warn", m->warn, m->nwarn);
		jstr(f, &mf, "on_reopen", m->on_reopen == ROTA_REOPEN_RESTART ? "restart" : "resume");
		fputc('}', f);
	}
	fputs("]}", f);
}

static void
json_policies(FILE *f, int *first, const char *k, const rota_policy *p, size_t n)
{
	jkey(f, first, k);
	fputc('[', f);
	for (size_t i = 0; i < n; i++) {
		if (i)
			fputc(',', f);
		json_policy(f, &p[i]);
	}
	fputc(']', f);
}

static void
json_rules(FILE *f, const rota_roster_def *r, const rota_rules *u)
{
	int first = 1;
	fputc('{', f);
	jint(f, &first, "min_rest", u->min_rest);
	jint(f, &first, "max_consecutive_days", u->max_consecutive_days);
	jint(f, &first, "min_consecutive_days", u->min_consecutive_days);
	jint(f, &first, "min_consecutive_days_off", u->min_consecutive_days_off);
	jint(f, &first, "max_weekends", u->max_weekends);
	jint(f, &first, "week_min", u->week_min);
	jint(f, &first, "week_max", u->week_max);
	jint(f, &first, "horizon_min", u->horizon_min);
	jint(f, &first, "horizon_max", u->horizon_max);
	jkey(f, &first, "max_shifts");
	fputc('{', f);
	int sf = 1;
	for (size_t i = 0; u->max_shifts && i < r->nshifts; i++)
		if (u->max_shifts[i] >= 0)
			jint(f, &sf, r->shifts[i].id, u->max_shifts[i]);
	fputs("}}", f);
}

static void
json_prefs(FILE *f, int *first, const char *k, const rota_roster_def *r, const rota_pref_def *p,
           size_t n)
{
	jkey(f, first, k);
	fputc('[', f);
	for (size_t i = 0; i < n; i++) {
		int pf = 1;
		fputs(i ? ",{" : "{", f);
		jstr(f, &pf, "date", date(p[i].day));
		jstr(f, &pf, "shift", p[i].shift >= 0 ? r->shifts[p[i].shift].id : NULL);
		jnum(f, &pf, "weight", p[i].weight);
		fputc('}', f);
	}
	fputc(']', f);
}

static void
json_agent(FILE *f, const rota_roster_def *r, const rota_agent_def *a)
{
	int first = 1;
	rota_error e;
	const rota_tz *tz = rota_tz_get(a->tz, &e);
	char t[ROTA_TIME_BUFSZ];

	fputc('{', f);
	jstr(f, &first, "id", a->id);
	jstr(f, &first, "tz", a->tz);
	jstrv(f, &first, "skills", a->skills, a->nskills);
	jstr(f, &first, "contract", a->contract >= 0 ? r->contracts[a->contract].id : NULL);
	jkey(f, &first, "rules");
	json_rules(f, r, &a->rules);
	jnum(f, &first, "cost", a->cost);
	jkey(f, &first, "days_off");
	fputc('[', f);
	for (size_t i = 0; i < a->ndays_off; i++)
		fprintf(f, "%s\"%s\"", i ? "," : "", date(a->days_off[i]));
	fputc(']', f);
	jkey(f, &first, "unavailable");
	fputc('[', f);
	for (size_t i = 0; i < a->nunavailable && tz; i++) {
		rota_time_format(t, sizeof t, a->unavailable[i].start, tz);
		fprintf(f, "%s[\"%s\",", i ? "," : "", t);
		rota_time_format(t, sizeof t, a->unavailable[i].end, tz);
		fprintf(f, "\"%s\"]", t);
	}
	fputc(']', f);
	json_prefs(f, &first, "prefer", r, a->prefer, a->nprefer);
	json_prefs(f, &first, "avoid", r, a->avoid, a->navoid);
	fputc('}', f);
}

static void
json_roster(FILE *f, const rota_roster_def *r)
{
	int first = 1;
	fputc('{', f);
	jstr(f, &first, "start", r->has_start ? date(r->start) : NULL);
	jint(f, &first, "days", r->days);
	jint(f, &first, "interval", r->interval);
	jkey(f, &first, "shifts");
	fputc('[', f);
	for (size_t i = 0; i < r->nshifts; i++) {
		const rota_shift_def *s = &r->shifts[i];
		int sf = 1;
		fputs(i ? ",{" : "{", f);
		jstr(f, &sf, "id", s->id);
		jkey(f, &sf, "starts");
		fputc('[', f);
		for (size_t j = 0; j < s->nstarts; j++)
			fprintf(f, "%s\"%s\"", j ? "," : "", clock_str(s->starts[j]));
		fputc(']', f);
		jint(f, &sf, "length", s->length);
		jkey(f, &sf, "breaks");
		fputc('[', f);
		for (size_t j = 0; j < s->nbreaks; j++)
			fprintf(f, "%s{\"length\":%lld,\"earliest\":%lld,\"latest\":%lld}", j ? "," : "",
			        (long long)s->breaks[j].length, (long long)s->breaks[j].earliest,
			        (long long)s->breaks[j].latest);
		fputc(']', f);
		jkey(f, &sf, "cannot_follow");
		fputc('[', f);
		for (size_t j = 0; j < s->ncannot_follow; j++) {
			if (j)
				fputc(',', f);
			rota_json_put_string(f, r->shifts[s->cannot_follow[j]].id);
		}
		fputc(']', f);
		jstrv(f, &sf, "queues", s->queues, s->nqueues);
		fputc('}', f);
	}
	fputc(']', f);
	jkey(f, &first, "contracts");
	fputc('[', f);
	for (size_t i = 0; i < r->ncontracts; i++) {
		int cf = 1;
		fputs(i ? ",{" : "{", f);
		jstr(f, &cf, "id", r->contracts[i].id);
		jkey(f, &cf, "rules");
		json_rules(f, r, &r->contracts[i].rules);
		fputc('}', f);
	}
	fputc(']', f);
	jkey(f, &first, "agents");
	fputc('[', f);
	for (size_t i = 0; i < r->nagents; i++) {
		if (i)
			fputc(',', f);
		json_agent(f, r, &r->agents[i]);
	}
	fputc(']', f);
	jkey(f, &first, "cover");
	fputc('[', f);
	for (size_t i = 0; i < r->ncover; i++) {
		const rota_cover_def *c = &r->cover[i];
		int cf = 1;
		fputs(i ? ",{" : "{", f);
		jstr(f, &cf, "date", date(c->day));
		jstr(f, &cf, "shift", r->shifts[c->shift].id);
		jint(f, &cf, "need", c->need);
		jnum(f, &cf, "under", c->under);
		jnum(f, &cf, "over", c->over);
		fputc('}', f);
	}
	fputc(']', f);
	fprintf(f, ",\"weights\":{\"under\":%.10g,\"over\":%.10g,\"preference\":%.10g,"
	        "\"cost\":%.10g,\"fairness\":%.10g}}", r->weights.under, r->weights.over,
	        r->weights.preference, r->weights.cost, r->weights.fairness);
}

static void
json_sinks(FILE *f, int *first, const char *k, const rota_sink_def *s, size_t n)
{
	static const char *const kinds[] = { "exec", "mail", "syslog", "stdout", "prometheus" };
	jkey(f, first, k);
	fputc('[', f);
	for (size_t i = 0; i < n; i++) {
		int sf = 1;
		fputs(i ? ",{" : "{", f);
		switch (s[i].kind) {
		case ROTA_SINK_EXEC: jstrv(f, &sf, kinds[0], s[i].argv, s[i].argc); break;
		case ROTA_SINK_MAIL: jstrv(f, &sf, kinds[1], s[i].addrs, s[i].naddrs); break;
		case ROTA_SINK_SYSLOG: jstr(f, &sf, kinds[2], s[i].facility_name); break;
		case ROTA_SINK_STDOUT:
			jstr(f, &sf, kinds[3], s[i].format == ROTA_FORMAT_JSON ? "json" : "text");
			break;
		default: jstr(f, &sf, kinds[4], s[i].path);
		}
		fputc('}', f);
	}
	fputc(']', f);
}

static void
json_route(FILE *f, const rota_alert_route *r)
{
	int first = 1;
	fputc('{', f);
	jstr(f, &first, "name", r->name);
	json_levels(f, &first, "levels", r->levels, r->nlevels);
	json_match(f, &first, r->match, r->nmatch);
	json_sinks(f, &first, "sinks", r->sinks, r->nsinks);
	jint(f, &first, "repeat", r->repeat);
	jint(f, &first, "escalate_after", r->escalate_after);
	json_sinks(f, &first, "escalate", r->escalate, r->nescalate);
	jstr(f, &first, "hours", r->hours);
	fputc('}', f);
}

static void
print_json(FILE *f, const rota_config *cfg)
{
	int first = 1;
	fputc('{', f);
	jstr(f, &first, "tz", cfg->tz);
	jkey(f, &first, "calendars");
	fputc('[', f);
	for (size_t i = 0; i < cfg->ncalendars; i++) {
		if (i)
			fputc(',', f);
		json_calendar(f, &cfg->calendars[i]);
	}
	fputc(']', f);
	jkey(f, &first, "queues");
	fputc('[', f);
	for (size_t i = 0; i < cfg->nqueues; i++) {
		if (i)
			fputc(',', f);
		json_queue(f, &cfg->queues[i]);
	}
	fputc(']', f);
	json_policies(f, &first, "sla", cfg->sla, cfg->nsla);
	json_policies(f, &first, "ola", cfg->ola, cfg->nola);
	jkey(f, &first, "roster");
	if (cfg->roster)
		json_roster(f, cfg->roster);
	else
		fputs("null", f);
	jkey(f, &first, "routes");
	fputc('[', f);
	for (size_t i = 0; i < cfg->nroutes; i++) {
		if (i)
			fputc(',', f);
		json_route(f, &cfg->routes[i]);
	}
	fputs("]}\n", f);
}

int
main(int argc, char **argv)
{
	static struct argp_child kids[] = { { &cmd_argp, 0, "Common options:", 0 },
	                                    { 0 } };
	static struct argp argp = { options, parse_opt, args_doc, doc, kids, NULL, NULL };
	struct opts o = { .format = ROTA_FORMAT_TEXT };
	rota_error err;

	cmd_init(&o.cli, "rota-config");
	argp_parse(&argp, argc, argv, 0, NULL, &o);
	const char *path = o.file ? o.file : o.cli.config;

	rota_error_clear(&err);
	rota_config *cfg = rota_config_load(path, &err);
	if (cfg == NULL || rota_config_check(cfg, &err) < 0) {
		rota_config_free(cfg);
		cmd_error_exit(&err);
	}
	/* -q: the exit status is the answer (for deploy scripts and pre-commit hooks). */
	if (o.cli.quiet) {
		rota_config_free(cfg);
		rota_tz_cache_free();
		return ROTA_EXIT_OK;
	}
	rota_out *out = rota_out_open(o.output, &err);
	if (out == NULL) {
		rota_config_free(cfg);
		cmd_error_exit(&err);
	}
	if (o.format == ROTA_FORMAT_JSON)
		print_json(rota_out_file(out), cfg);
	else
		print_text(rota_out_file(out), cfg);
	rota_config_free(cfg);
	if (rota_out_commit(out, &err) < 0)
		cmd_error_exit(&err);
	rota_tz_cache_free();
	return ROTA_EXIT_OK;
}
