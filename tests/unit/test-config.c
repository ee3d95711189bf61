/* rota.yaml loader: every section into the right struct values, and every class of
 * error with its exact line, column and message. */
#include <config.h>
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <syslog.h>
#include <unistd.h>
#include <rota/rota.h>
#include <rota/record.h>
#include <rota/config.h>
#include "tap.h"

static char srcdir_name[4096];   /* a config name inside examples/, for .ics paths */

static rota_config *
load(const char *yaml, rota_error *err)
{
	rota_error_clear(err);
	return rota_config_load_mem(yaml, strlen(yaml), srcdir_name, err);
}

static rota_config *
load_ok(const char *yaml, const char *what)
{
	rota_error err;
	rota_config *cfg = load(yaml, &err);
	ok(cfg != NULL, "%s loads: %s:%ld:%ld: %s", what, err.file, err.line, err.col, err.msg);
	return cfg;
}

static int64_t
day(int y, int m, int d)
{
	return rota_days_from_civil(y, m, d);
}

static void
test_empty(void)
{
	rota_config *cfg = load_ok("", "empty file");
	if (cfg) {
		ok(cfg->tz == NULL && cfg->ncalendars == 0 && cfg->roster == NULL, "empty config");
		rota_config_free(cfg);
	}
	cfg = load_ok("# only a comment\n", "comment only");
	rota_config_free(cfg);
	cfg = load_ok("tz: America/New_York\nsla: \n", "a null section is absent");
	if (cfg) {
		is_str(cfg->tz, "America/New_York", "tz");
		is_int(cfg->nsla, 0, "null sla");
		rota_config_free(cfg);
	}
}

static void
test_calendars(void)
{
	rota_config *cfg = load_ok(
		"tz: Europe/Berlin\n"
		"calendars:\n"
		"  office:\n"
		"    hours: { mon-fri: \"08:00-12:00, 13:00-17:00\", sat: [\"12:00-14:00\", \"10:00-12:00\"],\n"
		"             sun: closed }\n"
		"    overrides: { 2026-12-31: closed, 2026-12-24: \"08:00-12:00\" }\n"
		"    holidays: [ holidays/de.ics, 2026-12-28, { date: 2026-12-27, name: Extra },\n"
		"                2026-12-28 ]\n"
		"  weekend: { tz: UTC, hours: { fri-mon: \"00:00-24:00\" } }\n"
		"  plain: { holidays: [ 2026-01-01 ] }\n", "calendars");
	if (!cfg)
		return;
	is_int(cfg->ncalendars, 3, "three calendars");
	const rota_calendar_def *c = rota_config_calendar(cfg, "office");
	ok(c != NULL, "office found");
	is_str(c->tz, "Europe/Berlin", "tz defaults to the planning zone");
	is_int(c->week[0].n, 2, "monday has two ranges");
	is_int(c->week[0].r[0].start, 8 * 3600, "mon first start");
	is_int(c->week[0].r[1].end, 17 * 3600, "mon second end");
	is_int(c->week[4].n, 2, "friday too");
	is_int(c->week[5].n, 1, "saturday's touching ranges are joined");
	is_int(c->week[5].r[0].start, 10 * 3600, "sat start");
	is_int(c->week[5].r[0].end, 14 * 3600, "sat end");
	is_int(c->week[6].n, 0, "sunday closed");
	is_int(c->noverrides, 2, "two overrides");
	is_int(c->overrides[0].day, day(2026, 12, 24), "overrides sorted by date");
	is_int(c->overrides[0].hours.n, 1, "dec 24 open");
	is_int(c->overrides[1].hours.n, 0, "dec 31 closed");
	is_int(c->nholidays, 2, "duplicate holiday date kept once");
	is_int(c->holidays[0].day, day(2026, 12, 27), "holidays sorted");
	is_str(c->holidays[0].name, "Extra", "holiday name");
	ok(c->holidays[1].name == NULL, "unnamed holiday");
	is_int(c->nholiday_files, 1, "one .ics");
	ok(strstr(c->holiday_files[0], "/examples/holidays/de.ics") != NULL &&
	   access(c->holiday_files[0], R_OK) == 0, "ics path resolved from the config's directory: %s",
	   c->holiday_files[0]);
	is_int(c->line, 3, "calendar line");
	is_int(c->col, 3, "calendar col");

	c = rota_config_calendar(cfg, "weekend");
	is_str(c->tz, "UTC", "explicit tz");
	is_int(c->week[4].n + c->week[5].n + c->week[6].n + c->week[0].n, 4, "fri-mon wraps");
	is_int(c->week[1].n + c->week[2].n + c->week[3].n, 0, "tue-thu closed");
	is_int(c->week[0].r[0].end, 86400, "24:00 is the end of the day");

	c = rota_config_calendar(cfg, "plain");
	for (int d = 0; d < 7; d++)
		ok(c->week[d].n == 1 && c->week[d].r[0].start == 0 && c->week[d].r[0].end == 86400,
		   "no hours: open around the clock (day %d)", d);
	ok(rota_config_calendar(cfg, "nope") == NULL, "unknown calendar lookup");
	rota_config_free(cfg);
}

static void
test_queues(void)
{
	rota_config *cfg = load_ok(
		"calendars: { office: {} }\n"
		"queues:\n"
		"  support: { channel: voice, aht: 300s, sl: 80/20s, calendar: office, shrinkage: 0.30,\n"
		"             asa: PT30S, max_occupancy: 85%, patience: 2m }\n"
		"  chat: { channel: chat, aht: 7m, sl: 87.5%/1m, concurrency: 2, shrinkage: 25% }\n"
		"  email: { channel: email, aht: 600, respond_within: 4h }\n", "queues");
	if (!cfg)
		return;
	const rota_queue_def *q = rota_config_queue(cfg, "support");
	is_int(q->aht, 300, "aht");
	ok(q->sl_target == 0.80, "sl target 0.80: %g", q->sl_target);
	is_int(q->sl_time, 20, "sl time");
	is_int(q->asa, 30, "asa in ISO 8601");
	ok(q->max_occupancy == 0.85, "max occupancy from percent");
	ok(q->shrinkage == 0.30, "shrinkage");
	is_int(q->patience, 120, "patience");
	is_str(q->calendar, "office", "calendar");
	is_int(q->respond_within, -1, "absent: -1");
	is_int(q->concurrency, 0, "absent concurrency: 0");
	q = rota_config_queue(cfg, "chat");
	ok(q->sl_target == 0.875, "decimal percent sl: %g", q->sl_target);
	is_int(q->sl_time, 60, "sl time 1m");
	is_int(q->concurrency, 2, "concurrency");
	ok(q->shrinkage == 0.25, "shrinkage percent");
	q = rota_config_queue(cfg, "email");
	is_int(q->aht, 600, "bare number is seconds");
	is_int(q->respond_within, 4 * 3600, "respond within");
	ok(q->sl_target == -1 && q->max_occupancy == -1 && q->calendar == NULL, "absent values");
	rota_config_free(cfg);
}

static const char *
ticket_attr(void *ctx, const char *attr)
{
	const char *const *kv = ctx;
	for (size_t i = 0; kv[i]; i += 2)
		if (strcmp(kv[i], attr) == 0)
			return kv[i + 1];
	return NULL;
}

static void
test_policies(void)
{
	rota_config *cfg = load_ok(
		"calendars: { always: { tz: UTC } }\n"
		"sla:\n"
		"  - name: p1\n"
		"    match: { priority: [\"1 - Critical\", \"2 - High\"], tier: gold }\n"
		"    calendar: always\n"
		"    metrics:\n"
		"      first_response: &fr { target: 30m, stop: [reply, resolved], warn: [75%, 50%] }\n"
		"      resolution: { target: 4h, pause_status: [Awaiting User Info],\n"
		"                    stop_status: [Resolved, Closed], on_reopen: restart }\n"
		"      again: { <<: *fr, target: 1h }\n"
		"  - name: rest\n"
		"    metrics: { resolution: { target: 2d } }\n"
		"ola:\n"
		"  - name: desk\n"
		"    match: { team: Group 70 }\n"
		"    metrics: { handling: { target: 2h, warn: 75% } }\n", "policies");
	if (!cfg)
		return;
	is_int(cfg->nsla, 2, "two sla policies");
	const rota_policy *p = &cfg->sla[0];
	is_str(p->name, "p1", "name");
	is_int(p->kind, ROTA_POLICY_SLA, "kind");
	is_int(p->nmatch, 2, "two match entries");
	is_str(p->match[0].attr, "priority", "match attr");
	is_int(p->match[0].nvalues, 2, "two values");
	is_str(p->match[0].values[1], "2 - High", "second value");
	is_str(p->match[1].values[0], "gold", "a scalar is a one-value list");
	is_str(p->calendar, "always", "calendar");
	is_int(p->nmetrics, 3, "three metrics");
	const rota_metric_def *m = &p->metrics[0];
	is_str(m->name, "first_response", "metric name");
	is_int(m->target, 1800, "target");
	is_int(m->start, ROTA_EVENT_CREATED, "sla start defaults to created");
	is_int(m->stop, (1u << ROTA_EVENT_REPLY) | (1u << ROTA_EVENT_RESOLVED), "stop events");
	is_int(m->nwarn, 2, "two warn levels");
	ok(m->warn[0] == 0.50 && m->warn[1] == 0.75, "warn sorted ascending");
	m = &p->metrics[1];
	is_int(m->stop, 0, "stop_status alone: no default stop events");
	is_int(m->nstop_status, 2, "stop statuses");
	is_str(m->pause_status[0], "Awaiting User Info", "pause status");
	is_int(m->on_reopen, ROTA_REOPEN_RESTART, "on_reopen");
	m = &p->metrics[2];
	is_int(m->target, 3600, "merge key: own target wins");
	is_int(m->nwarn, 2, "merge key: warn comes from the anchor");
	is_int(m->stop, (1u << ROTA_EVENT_REPLY) | (1u << ROTA_EVENT_RESOLVED), "merge key: stop");
	m = &cfg->sla[1].metrics[0];
	is_int(m->target, 2 * 86400, "2d");
	is_int(m->stop, (1u << ROTA_EVENT_RESOLVED) | (1u << ROTA_EVENT_CLOSED), "sla default stop");
	is_int(m->on_reopen, ROTA_REOPEN_RESUME, "on_reopen defaults to resume");
	ok(cfg->sla[1].calendar == NULL && cfg->sla[1].nmatch == 0, "no calendar, matches all");
	m = &cfg->ola[0].metrics[0];
	is_int(cfg->ola[0].kind, ROTA_POLICY_OLA, "ola kind");
	is_int(m->start, ROTA_EVENT_ASSIGN, "ola start defaults to assigned");
	is_int(m->stop, (1u << ROTA_EVENT_UNASSIGN) | (1u << ROTA_EVENT_RESOLVED) | (1u << ROTA_EVENT_CLOSED),
	       "ola default stop");
	ok(rota_config_policy(cfg, ROTA_POLICY_OLA, "desk") == &cfg->ola[0], "policy lookup");
	ok(rota_config_policy(cfg, ROTA_POLICY_SLA, "desk") == NULL, "lookup is per kind");

	const char *t1[] = { "priority", "2 - High", "tier", "gold", NULL };
	const char *t2[] = { "priority", "2 - High", "tier", "silver", NULL };
	const char *t3[] = { "priority", "2 - High", NULL };
	ok(rota_match_test(p->match, p->nmatch, ticket_attr, t1) == 1, "match holds");
	ok(rota_match_test(p->match, p->nmatch, ticket_attr, t2) == 0, "one entry fails");
	ok(rota_match_test(p->match, p->nmatch, ticket_attr, t3) == 0, "missing attribute fails");
	ok(rota_match_test(NULL, 0, ticket_attr, t3) == 1, "no entries match everything");
	is_str(rota_clock_event_name(ROTA_EVENT_UNASSIGN), "unassigned", "event name");
	is_int(rota_clock_event_parse("reopened"), ROTA_EVENT_REOPENED, "event parse");
	is_int(rota_clock_event_parse("bogus"), -1, "bad event");
	ok(rota_clock_event_name(ROTA_EVENT_NKINDS) == NULL, "event out of range");
	rota_config_free(cfg);
}

static void
test_roster(void)
{
	rota_config *cfg = load_ok(
		"tz: Europe/Berlin\n"
		"queues: { support: {}, chat: { channel: chat } }\n"
		"roster:\n"
		"  start: 2026-12-07\n"
		"  days: 14\n"
		"  interval: 30m\n"
		"  weights: { under: 50, fairness: 2 }\n"
		"  shifts:\n"
		"    - { id: E, start: \"07:00-08:00/30m\", length: 8h30m, cannot_follow: [ L ],\n"
		"        breaks: [ { length: 30m, within: \"3h-5h\" }, { length: 15m } ] }\n"
		"    - { id: L, start: [ \"14:00\", \"13:00\", \"14:00\" ], length: 8h, queues: [ chat ] }\n"
		"  contracts:\n"
		"    full-time:\n"
		"      min_rest: 11h\n"
		"      max_consecutive_days: 5\n"
		"      min_consecutive_days: 2\n"
		"      minutes: { week: \"2160-2400\", horizon: \"-4800\" }\n"
		"      max_shifts: { L: 4 }\n"
		"    loose:\n"
		"  agents:\n"
		"    - id: alice\n"
		"      skills: [ support, chat ]\n"
		"      contract: full-time\n"
		"      rules: { max_weekends: 1, max_shifts: { E: 3 } }\n"
		"      cost: 1.5\n"
		"      days_off: [ 2026-12-24, 2026-12-08, 2026-12-24 ]\n"
		"      unavailable: [ \"2026-12-10T12:00/2026-12-10T18:00\", \"2026-12-09T10:00Z/2h\" ]\n"
		"      prefer: [ { date: 2026-12-09, shift: E, weight: 3 } ]\n"
		"      avoid:  [ { date: 2026-12-11 } ]\n"
		"    - { id: bob, tz: America/New_York, unavailable: [ \"2026-12-10T12:00/2026-12-10T18:00\" ] }\n"
		"  cover:\n"
		"    - { date: 2026-12-07, shift: E, need: 3, over: 2 }\n", "roster");
	if (!cfg)
		return;
	const rota_roster_def *r = cfg->roster;
	ok(r->has_start && r->start == day(2026, 12, 7), "start");
	is_int(r->days, 14, "days");
	is_int(r->interval, 1800, "interval");
	ok(r->weights.under == 50 && r->weights.over == 1 && r->weights.preference == 1 &&
	   r->weights.cost == 0 && r->weights.fairness == 2, "weights with defaults");
	is_int(r->nshifts, 2, "shifts");
	const rota_shift_def *e = &r->shifts[0];
	is_int(e->nstarts, 3, "a range with a step gives three starts");
	ok(e->starts[0] == 7 * 3600 && e->starts[1] == 7 * 3600 + 1800 && e->starts[2] == 8 * 3600,
	   "starts 07:00 07:30 08:00");
	is_int(e->length, 8 * 3600 + 1800, "length");
	is_int(e->nbreaks, 2, "breaks");
	ok(e->breaks[0].length == 1800 && e->breaks[0].earliest == 3 * 3600 &&
	   e->breaks[0].latest == 5 * 3600, "break window");
	ok(e->breaks[1].earliest == 0 && e->breaks[1].latest == e->length - 900,
	   "break without a window: anywhere in the shift");
	is_int(e->ncannot_follow, 1, "cannot_follow");
	is_int(e->cannot_follow[0], 1, "cannot_follow names a later shift by index");
	const rota_shift_def *l = &r->shifts[1];
	ok(l->nstarts == 2 && l->starts[0] == 13 * 3600, "start list sorted and deduplicated");
	ok(l->nqueues == 1 && strcmp(l->queues[0], "chat") == 0, "shift queues");
	is_int(rota_roster_shift_index(r, "L"), 1, "shift index");
	is_int(rota_roster_shift_index(r, "X"), -1, "no such shift");

	is_int(r->ncontracts, 2, "contracts");
	const rota_rules *u = &r->contracts[0].rules;
	ok(u->min_rest == 11 * 3600 && u->max_consecutive_days == 5 && u->min_consecutive_days == 2,
	   "contract rules");
	ok(u->week_min == 2160 && u->week_max == 2400, "week minutes");
	ok(u->horizon_min == -1 && u->horizon_max == 4800, "open-ended horizon minutes");
	ok(u->max_shifts && u->max_shifts[0] == -1 && u->max_shifts[1] == 4, "max_shifts per shift");
	ok(u->max_weekends == -1 && u->min_consecutive_days_off == -1, "absent rules are -1");
	ok(r->contracts[1].rules.min_rest == -1 && r->contracts[1].rules.max_shifts == NULL,
	   "a contract with no rules");

	is_int(r->nagents, 2, "agents");
	const rota_agent_def *a = rota_roster_agent(r, "alice");
	is_str(a->tz, "Europe/Berlin", "agent tz defaults to the planning zone");
	is_int(a->contract, 0, "contract index");
	ok(a->rules.max_weekends == 1 && a->rules.min_rest == 11 * 3600, "contract rules + overrides");
	ok(a->rules.max_shifts && a->rules.max_shifts[0] == 3 && a->rules.max_shifts[1] == 4,
	   "max_shifts merged");
	ok(r->contracts[0].rules.max_shifts[0] == -1, "the contract itself is unchanged");
	ok(a->cost == 1.5, "cost");
	ok(a->ndays_off == 2 && a->days_off[0] == day(2026, 12, 8), "days off sorted, deduplicated");
	is_int(a->nunavailable, 2, "spans");
	/* sorted: the 2h span on Dec 9 first; then 12:00 Berlin (CET, +01:00) = 11:00Z */
	is_int(a->unavailable[0].start, day(2026, 12, 9) * 86400 + 10 * 3600, "offset time");
	is_int(a->unavailable[0].end, day(2026, 12, 9) * 86400 + 12 * 3600, "start + duration");
	is_int(a->unavailable[1].start, day(2026, 12, 10) * 86400 + 11 * 3600,
	       "naive time read in the agent's zone");
	is_int(a->unavailable[1].end, day(2026, 12, 10) * 86400 + 17 * 3600, "span end");
	ok(a->nprefer == 1 && a->prefer[0].shift == 0 && a->prefer[0].weight == 3 &&
	   a->prefer[0].day == day(2026, 12, 9), "prefer");
	ok(a->navoid == 1 && a->avoid[0].shift == -1 && a->avoid[0].weight == 1, "avoid any shift");
	const rota_agent_def *b = rota_roster_agent(r, "bob");
	is_str(b->tz, "America/New_York", "agent tz");
	is_int(b->unavailable[0].start, day(2026, 12, 10) * 86400 + 17 * 3600,
	       "New York 12:00 is 17:00Z");
	ok(b->contract == -1 && b->rules.min_rest == -1 && b->cost == 1, "agent defaults");
	ok(rota_roster_agent(r, "carol") == NULL, "no such agent");

	is_int(r->ncover, 1, "cover");
	ok(r->cover[0].shift == 0 && r->cover[0].need == 3 && r->cover[0].under == 50 &&
	   r->cover[0].over == 2, "cover with the weights' default for under");
	rota_config_free(cfg);
}

static void
test_alerts(void)
{
	rota_config *cfg = load_ok(
		"calendars: { office: {} }\n"
		"alerts:\n"
		"  routes:\n"
		"    - name: crit\n"
		"      levels: [ breached, \"75%\", 50% ]\n"
		"      match: { priority: [\"1 - Critical\"] }\n"
		"      sinks: [ { exec: [ /bin/page, --team, ops ] }, { mail: [a@example.com, b@example.com] },\n"
		"               { syslog: local0 }, { stdout: json }, { prometheus: /tmp/rota.prom } ]\n"
		"      repeat: 4h\n"
		"      escalate: { after: 1h, sinks: [ { exec: /bin/true } ] }\n"
		"      hours: office\n"
		"    - { name: all, sinks: [ { stdout: text } ] }\n", "alerts");
	if (!cfg)
		return;
	is_int(cfg->nroutes, 2, "routes");
	const rota_alert_route *r = &cfg->routes[0];
	is_int(r->nlevels, 3, "levels");
	ok(r->levels[0] == 0.5 && r->levels[1] == 0.75 && r->levels[2] == ROTA_LEVEL_BREACHED,
	   "levels sorted, breached last");
	is_int(r->nsinks, 5, "sinks");
	is_int(r->sinks[0].kind, ROTA_SINK_EXEC, "exec");
	ok(r->sinks[0].argc == 3 && strcmp(r->sinks[0].argv[2], "ops") == 0 &&
	   r->sinks[0].argv[3] == NULL, "argv NULL-terminated");
	ok(r->sinks[1].kind == ROTA_SINK_MAIL && r->sinks[1].naddrs == 2, "mail list");
	ok(r->sinks[2].kind == ROTA_SINK_SYSLOG && r->sinks[2].facility == LOG_LOCAL0, "syslog");
	ok(r->sinks[3].kind == ROTA_SINK_STDOUT && r->sinks[3].format == ROTA_FORMAT_JSON, "stdout");
	ok(r->sinks[4].kind == ROTA_SINK_PROMETHEUS && strcmp(r->sinks[4].path, "/tmp/rota.prom") == 0,
	   "prometheus");
	is_int(r->repeat, 4 * 3600, "repeat");
	is_int(r->escalate_after, 3600, "escalate after");
	ok(r->nescalate == 1 && r->escalate[0].argc == 1, "escalation sink, scalar exec");
	is_str(r->hours, "office", "hours calendar");
	r = &cfg->routes[1];
	ok(r->nlevels == 0 && r->repeat == -1 && r->escalate_after == -1 && r->hours == NULL,
	   "route defaults");
	ok(r->sinks[0].format == ROTA_FORMAT_TEXT, "stdout text");
	char buf[32];
	rota_level_format(buf, sizeof buf, 0.75);
	is_str(buf, "75%", "level format");
	rota_level_format(buf, sizeof buf, 0.125);
	is_str(buf, "12.5%", "fractional level");
	rota_level_format(buf, sizeof buf, ROTA_LEVEL_BREACHED);
	is_str(buf, "breached", "breached");
	rota_config_free(cfg);
}

/* Each error class: the exact position and message. */
static const struct {
	const char *yaml;
	long line, col;
	const char *msg;
} bad[] = {
	{ "calendars:\n  office:\n    tz: Europe/Berlin\n    hourz: {}\n", 4, 5,
	  "unknown key 'hourz' in calendar 'office': expected one of tz, hours, overrides, holidays "
	  "(did you mean 'hours'?)" },
	{ "calendars:\n  office: { hours: [ \"08:00-18:00\" ] }\n", 2, 20,
	  "wrong type for 'hours' in calendar 'office': expected a mapping of days to hours, such as "
	  "{ mon-fri: \"08:00-18:00\", sat: \"10:00-14:00\" }, found a list" },
	{ "queues:\n  support: { aht: abc }\n", 2, 19,
	  "bad duration 'abc' for 'aht' in queue 'support': expected a duration such as 90s, 30m, "
	  "4h, 1h30m or PT4H" },
	{ "calendars: { office: {} }\nqueues:\n  support: { calendar: ofice }\n", 3, 24,
	  "unknown calendar 'ofice' for 'calendar' in queue 'support': expected one of office "
	  "(did you mean 'office'?)" },
	{ "tz: Europe/Berln\n", 1, 5,
	  "unknown time zone 'Europe/Berln' for 'tz' at the top level: expected an IANA name such "
	  "as Europe/Berlin, America/New_York or UTC (see /usr/share/zoneinfo)" },
	{ "calendars:\n  c: { hours: { mon: \"08:00-25:00\" } }\n", 2, 22,
	  "bad hours '08:00-25:00' for 'mon' in 'hours' in calendar 'c': expected ranges "
	  "HH:MM-HH:MM between 00:00 and 24:00, several separated by commas, such as "
	  "\"08:00-18:00\" or \"08:00-12:00,13:00-17:00\", or closed" },
	{ "calendars:\n  c: { hours: { mon: \"22:00-06:00\" } }\n", 2, 22,
	  "hours '22:00-06:00' for 'mon' in 'hours' in calendar 'c' end before they start: a range "
	  "cannot cross midnight; write \"22:00-24:00\" for this day and \"00:00-06:00\" for the next" },
	{ "calendars:\n  c: { hours: { mon: \"08:00-12:00,11:00-13:00\" } }\n", 2, 22,
	  "hours for 'mon' in 'hours' in calendar 'c' overlap: 08:00-12:00 and 11:00-13:00; give "
	  "each time once" },
	{ "calendars:\n  c: { hours: { mon-fri: \"08:00-12:00\", fri: closed } }\n", 2, 41,
	  "fri is given twice in 'hours' in calendar 'c' (also by 'mon-fri' on line 2): give each "
	  "day once" },
	{ "calendars:\n  c: { hours: { mon-frx: closed } }\n", 2, 17,
	  "bad days 'mon-frx' in 'hours' in calendar 'c': expected day names mon, tue, wed, thu, "
	  "fri, sat, sun, ranges such as mon-fri, or lists such as sat,sun" },
	{ "calendars:\n  c: { hours: { sun: closed } }\n", 2, 15,
	  "calendar 'c' is never open: give open hours for at least one day, or leave 'hours' out "
	  "for a calendar open around the clock" },
	{ "calendars:\n  c: { overrides: { 2026-02-30: closed } }\n", 2, 21,
	  "bad date '2026-02-30' for 'overrides' in calendar 'c': expected a date YYYY-MM-DD such "
	  "as 2026-12-24" },
	{ "calendars:\n  c: { overrides: { 2026-12-24: closed }, holidays: [ 2026-12-24 ] }\n", 2, 55,
	  "2026-12-24 is both a holiday and an override in calendar 'c': remove it from one of them" },
	{ "calendars:\n  c:\n    holidays: [ holidays/nope.ics ]\n", 3, 17, NULL },
	{ "queues:\n  s: { sl: 80/20sx }\n", 2, 12,
	  "bad service level '80/20sx' for 'sl' in queue 's': expected a service level "
	  "PERCENT/DURATION such as 80/20s (80% answered within 20 seconds)" },
	{ "queues:\n  s: { shrinkage: -0.1 }\n", 2, 19,
	  "value -0.1 for 'shrinkage' in queue 's' is out of range: expected a fraction from 0 to "
	  "below 1, such as 0.30 or 30%" },
	{ "queues:\n  s: { concurrency: 2 }\n", 2, 21,
	  "'concurrency' in queue 's' applies to chat: add 'channel: chat' to the queue, or remove "
	  "'concurrency'" },
	{ "queues:\n  s: { channel: phone }\n", 2, 17,
	  "unknown channel 'phone' for 'channel' in queue 's': expected one of voice, chat, email" },
	{ "queues: [ a ]\n", 1, 9,
	  "wrong type for 'queues' at the top level: expected a mapping of queue names to queues, "
	  "such as { support: { channel: voice, aht: 300s } }, found a list" },
	{ "sla:\n  - match: {}\n", 2, 5,
	  "missing key 'name' in sla policy #1: expected a name for the policy, such as p1" },
	{ "sla:\n  - name: p1\n    metrics: { r: { target: 4h, warn: [50, 75%] } }\n", 3, 40,
	  "bad level '50' for 'warn' in metric 'r' of sla policy 'p1': expected percentages of the "
	  "target such as [50%, 75%], each above 0% and below 100%" },
	{ "sla:\n  - name: p1\n    metrics: { r: { target: 4h, stop: [replied] } }\n", 3, 40,
	  "unknown event 'replied' for 'stop' in metric 'r' of sla policy 'p1': expected an event: "
	  "created, reply, message, note, assigned, unassigned, resolved, closed or reopened" },
	{ "sla:\n  - name: p1\n    metrics: { r: { warn: [50%] } }\n", 3, 19,
	  "missing key 'target' in metric 'r' of sla policy 'p1': expected a duration of business "
	  "time such as 4h" },
	{ "sla:\n  - { name: p1, metrics: { r: { target: 1h } } }\n  - { name: p1, metrics: {} }\n",
	  3, 13, "sla policy 'p1' is defined twice (first on line 2): give each policy its own name" },
	{ "ola:\n  - { name: o, calendar: nope, metrics: { h: { target: 1h } } }\n", 2, 26,
	  "unknown calendar 'nope' for 'calendar' in ola policy 'o': no calendars are defined; "
	  "define it under 'calendars:'" },
	{ "roster:\n  shifts:\n    - { id: E, start: \"07:00\", length: 8h, cannot_follow: [ X ] }\n",
	  3, 61, "unknown shift 'X' for 'cannot_follow' in shift 'E': expected one of E" },
	{ "roster:\n  shifts: [ { id: E, start: \"07:00\", length: 8h } ]\n"
	  "  cover: [ { date: 2026-12-07, shift: D, need: 1 } ]\n", 3, 39,
	  "unknown shift 'D' for 'shift' in cover line #1: expected one of E" },
	{ "roster:\n  agents:\n    - { id: a, contract: ft }\n", 3, 26,
	  "unknown contract 'ft' for 'contract' in agent 'a': no contracts are defined; define it "
	  "under 'roster: contracts:'" },
	{ "roster:\n  agents:\n    - { id: a, tz: Mars/Olympus }\n", 3, 20,
	  "unknown time zone 'Mars/Olympus' for 'tz' in agent 'a': expected an IANA name such as "
	  "Europe/Berlin, America/New_York or UTC (see /usr/share/zoneinfo)" },
	{ "roster:\n  agents:\n    - { id: a, tz: Europe/Berlin, unavailable: [ \"2026-03-29T02:30/2026-03-29T05:00\" ] }\n",
	  3, 50, "time '2026-03-29T02:30' for 'unavailable' in agent 'a' does not exist in "
	  "Europe/Berlin (the clocks go forward over it): give a time outside the gap, or an offset "
	  "such as +01:00" },
	{ "roster:\n  agents:\n    - { id: a, unavailable: [ \"2026-12-10T18:00/2026-12-10T12:00\" ] }\n",
	  3, 31, "span '2026-12-10T18:00/2026-12-10T12:00' for 'unavailable' in agent 'a' ends before "
	  "it starts" },
	{ "roster:\n  interval: 7m\n", 2, 13,
	  "interval '7m' in 'roster' does not divide a day into whole intervals: expected a duration "
	  "such as 15m, 30m or 1h" },
	{ "roster:\n  shifts: [ { id: E, start: \"07:00\", length: 8h,\n"
	  "              breaks: [ { length: 30m, within: \"7h-8h\" } ] } ]\n", 3, 48,
	  "window '7h-8h' for 'within' in break #1 in shift 'E' lets the break end after the shift: "
	  "the break starts within the window, so the window must end by the shift's length minus "
	  "the break's" },
	{ "roster:\n  contracts: { c: { minutes: { week: \"2400-2160\" } } }\n", 2, 38,
	  "minutes '2400-2160' for 'week' in 'minutes' in contract 'c': the minimum is above the "
	  "maximum" },
	{ "roster:\n  contracts: { c: { max_consecutive_days: 2, min_consecutive_days: 3 } }\n", 2, 19,
	  "min_consecutive_days (3) is above max_consecutive_days (2) in contract 'c'" },
	{ "alerts:\n  routes:\n    - { name: r, sinks: [ { mail: \"a@b.c\\nBcc: x@y.z\" } ] }\n", 3, 35,
	  "bad e-mail address 'a@b.c?Bcc: x@y.z' for 'mail' in sink #1 of 'sinks' in alert route "
	  "'r': expected a plain address such as ops@example.com" },
	{ "alerts:\n  routes:\n    - { name: r, sinks: [ { mail: a@b.c, syslog: local0 } ] }\n", 3, 42,
	  "a sink in sink #1 of 'sinks' in alert route 'r' has 2 kinds ('mail' and 'syslog'): write "
	  "each as its own list item" },
	{ "alerts:\n  routes:\n    - { name: r, sinks: [ { syslog: local9 } ] }\n", 3, 37,
	  "unknown syslog facility 'local9' in sink #1 of 'sinks' in alert route 'r': expected user, "
	  "daemon, local0 ... local7, or another name from syslog(3)" },
	{ "alerts:\n  routes:\n    - { name: r, hours: nope, sinks: [ { stdout: text } ] }\n", 3, 25,
	  "unknown calendar 'nope' for 'hours' in alert route 'r': no calendars are defined; define "
	  "it under 'calendars:'" },
	{ "alerts:\n  routes:\n    - { name: r }\n", 3, 7,
	  "missing key 'sinks' in alert route 'r': expected a list of sinks such as "
	  "[ { mail: ops@example.com } ]" },
	{ "a: b: c\n", 1, 5,
	  "YAML syntax error: mapping values are not allowed in this context: check the "
	  "indentation, and quote values that contain ': ', '#', '[', '{', or start with '*', "
	  "'&', '!', '%', '@' or '`'" },
	{ "queues:\n  s: {aht: 1\n", 3, 1,
	  "YAML syntax error: did not find expected ',' or '}' (while parsing a flow mapping that "
	  "starts on line 2, column 6): check the indentation, and quote values that contain "
	  "': ', '#', '[', '{', or start with '*', '&', '!', '%', '@' or '`'" },
	{ "tz: *nowhere\n", 1, 5, NULL },
	{ "x: &a [ *a ]\n", 1, 4,
	  "an alias refers to a node that contains it: aliases must not form a cycle" },
	{ "tz: UTC\n---\ntz: UTC\n", 2, 1,
	  "a second YAML document ('---'): rota.yaml holds one document; remove the '---' line or "
	  "merge the documents" },
	{ "queues:\n  s: {}\n  s: {}\n", 3, 3,
	  "duplicate key 's' (first given on line 2): each key may appear once in a mapping" },
	{ "- a\n", 1, 1,
	  "wrong type for the whole file: expected a mapping of sections (tz, calendars, queues, "
	  "sla, ola, roster, alerts), found a list" },
	{ "tz: UTC\ncalendar: {}\n", 2, 1,
	  "unknown key 'calendar' at the top level: expected one of tz, calendars, queues, sla, "
	  "ola, roster, alerts (did you mean 'calendars'?)" },
	{ "tz: \"\\xff\"\n", 0, 0, NULL },
	{ "tz: UTC\n\xff\n", 2, 1, NULL },
};

static void
test_errors(void)
{
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
		rota_error err;
		rota_config *cfg = load(bad[i].yaml, &err);
		ok(cfg == NULL, "bad #%zu is rejected", i);
		rota_config_free(cfg);
		is_int(err.status, ROTA_EXIT_USAGE, "bad input: status 2");
		if (bad[i].line == 0) {
			ok(err.msg[0] != '\0', "bad #%zu has a message: %s", i, err.msg);
			continue;
		}
		ok(err.line == bad[i].line && err.col == bad[i].col,
		   "bad #%zu at %ld:%ld, expected %ld:%ld (%s)", i, err.line, err.col, bad[i].line,
		   bad[i].col, err.msg);
		ok(strcmp(err.file, srcdir_name) == 0, "bad #%zu names the file", i);
		if (bad[i].msg)
			is_str(err.msg, bad[i].msg, "message");
	}
}

/* Hostile nesting is refused at the 65th level, before libyaml's scanner (quadratic in
 * the depth) has read the rest: 200,000 '[' would otherwise take many minutes and then
 * report a syntax error at the end. */
static void
test_deep(void)
{
	size_t n = 200000;
	char *yaml = rota_xmalloc(n + 8);
	memcpy(yaml, "tz: ", 4);
	memset(yaml + 4, '[', n);
	yaml[n + 4] = '\0';
	rota_error err;
	rota_config *cfg = load(yaml, &err);
	ok(cfg == NULL, "200,000 nested lists are refused");
	is_int(err.col, 4 + 65, "at the 65th level");
	is_str(err.msg, "nesting deeper than 64 levels: a config never needs that many",
	       "deep: message");
	rota_config_free(cfg);
	free(yaml);
}

static void
test_files(void)
{
	rota_error err;
	char dir[] = "/tmp/rota-test-config.XXXXXX";
	char path[512];

	ok(mkdtemp(dir) != NULL, "temp dir");
	snprintf(path, sizeof path, "%s/none.yaml", dir);
	rota_error_clear(&err);
	ok(rota_config_load(path, &err) == NULL, "missing file");
	is_int(err.status, ROTA_EXIT_USAGE, "missing file: status 2");
	is_str(err.msg, "cannot read the configuration: No such file or directory; name the file "
	       "with 'config'", "message: the library names the setting");
	is_str(err.hint, "config", "and hints at it, for the command to phrase");

	FILE *f = fopen(path, "w");
	fputs("tz: Asia/Tokyo\n", f);
	fclose(f);
	rota_config *cfg = rota_config_load(path, &err);
	ok(cfg && strcmp(cfg->tz, "Asia/Tokyo") == 0 && strcmp(cfg->path, path) == 0,
	   "loads a file");
	rota_config_free(cfg);
	rota_error_clear(&err);
	ok(rota_config_load(dir, &err) == NULL && err.status == ROTA_EXIT_USAGE, "a directory");
	unlink(path);
	rmdir(dir);

	/* The shipped example loads and uses every section. */
	const char *src = getenv("ROTA_SRCDIR");
	snprintf(path, sizeof path, "%s/examples/rota.yaml", src ? src : ".");
	rota_error_clear(&err);
	cfg = rota_config_load(path, &err);
	ok(cfg != NULL, "examples/rota.yaml loads: %s:%ld:%ld: %s", err.file, err.line, err.col,
	   err.msg);
	if (cfg) {
		ok(cfg->tz && cfg->ncalendars >= 2 && cfg->nqueues >= 3 && cfg->nsla >= 4 &&
		   cfg->nola >= 1 && cfg->roster && cfg->roster->nagents >= 8 && cfg->nroutes >= 2,
		   "the example uses every section");
		rota_config_free(cfg);
	}
}

/* The deep check: every calendar built (its .ics files parsed by the calendar engine),
 * and the queue targets rota-staff refuses refused here too. */
static void
test_check(void)
{
	rota_error err;
	rota_config *cfg = load_ok("queues:\n  a: { aht: 3m, sl: 80/0s }\n"
	                           "  b: { channel: email, respond_within: 4h }\n", "sl 80/0s");
	if (cfg) {
		const rota_queue_def *q = rota_config_queue(cfg, "a");
		ok(q->sl_target == 0.8 && q->sl_time == 0, "80/0s: 80%% within 0 s, as for --sl");
		rota_error_clear(&err);
		is_int(rota_config_check(cfg, &err), 0, "80/0s passes the check");
		rota_config_free(cfg);
	}
	cfg = load_ok("queues:\n  p: { aht: 3m, sl: 100/20s }\n", "sl 100/20s loads");
	if (cfg) {
		rota_error_clear(&err);
		ok(rota_config_check(cfg, &err) < 0 && err.status == ROTA_EXIT_USAGE &&
		   err.line == 2 && err.col == 3, "100/20s fails the check at the queue: %ld:%ld",
		   err.line, err.col);
		is_str(err.msg, "queue 'p': a service level of 100% is never reached: with random "
		       "arrivals some callers always wait; use a target below 100%", "100%: message");
		rota_config_free(cfg);
	}
	cfg = load_ok("calendars:\n  c: { holidays: [ holidays/de.ics ] }\n", "an .ics that parses");
	if (cfg) {
		rota_error_clear(&err);
		ok(rota_config_check(cfg, &err) == 0, "a good .ics passes: %s", err.msg);
		rota_config_free(cfg);
	}
	cfg = load_ok("queues:\n  q: { shrinkage: -0, max_occupancy: 99.99999999% }\n", "-0");
	if (cfg) {
		char buf[32];
		const rota_queue_def *q = rota_config_queue(cfg, "q");
		rota_level_format(buf, sizeof buf, q->shrinkage);
		is_str(buf, "0%", "shrinkage -0 prints as 0%");
		rota_level_format(buf, sizeof buf, q->max_occupancy);
		is_str(buf, "99.99999999%", "a share just below 1 is not printed as 100%");
		rota_config_free(cfg);
	}
}

/* rota.yaml(5) cannot drift from the key tables: every key of a table is documented (as
 * ".It Ic key" or "Ic key" in an item list) in the subsection the table names, and every
 * key documented in a subsection is in one of the tables that name it. */
#define DOC_MAX 400
struct doc_key { char sec[64]; char key[64]; };

static size_t
doc_keys(const char *path, struct doc_key *out)
{
	FILE *f = fopen(path, "r");
	char line[1024], sec[64] = "";
	size_t n = 0;
	if (f == NULL)
		return 0;
	while (fgets(line, sizeof line, f)) {
		line[strcspn(line, "\n")] = '\0';
		if (strncmp(line, ".Ss ", 4) == 0) {
			snprintf(sec, sizeof sec, "%.63s", line + 4);
			continue;
		}
		if (strncmp(line, ".It ", 4) != 0)
			continue;
		/* "Ic a , b : Ar x ... Ic c": every word after Ic, and after a ',' that follows one */
		char *save, *tok;
		int in_ic = 0, after_comma = 0;
		for (tok = strtok_r(line + 4, " ", &save); tok; tok = strtok_r(NULL, " ", &save)) {
			if (strcmp(tok, "Ic") == 0) {
				in_ic = 1, after_comma = 1;
				continue;
			}
			if (in_ic && strcmp(tok, ",") == 0) {
				after_comma = 1;
				continue;
			}
			if (in_ic && after_comma && n < DOC_MAX && (islower((unsigned char)tok[0]))) {
				snprintf(out[n].sec, sizeof out[n].sec, "%.63s", sec);
				snprintf(out[n].key, sizeof out[n].key, "%.63s", tok);
				n++;
				after_comma = 0;
				continue;
			}
			in_ic = 0, after_comma = 0;
		}
	}
	fclose(f);
	return n;
}

static void
test_doc_keys(void)
{
	static struct doc_key doc[DOC_MAX];
	char path[4096];
	const char *src = getenv("ROTA_SRCDIR");
	snprintf(path, sizeof path, "%s/man/rota.yaml.5", src ? src : ".");
	size_t n = doc_keys(path, doc);
	ok(n > 50, "rota.yaml(5) documents keys: %zu found in %s", n, path);
	const rota_config_table *const *t = rota_config_tables();
	size_t tables = 0, missing_doc = 0, missing_table = 0;
	for (; *t; t++, tables++)
		for (size_t i = 0; i < (*t)->nkeys; i++) {
			size_t j;
			for (j = 0; j < n; j++)
				if (strcmp(doc[j].sec, (*t)->man) == 0 &&
				    strcmp(doc[j].key, (*t)->keys[i].name) == 0)
					break;
			if (j == n) {
				missing_doc++;
				printf("# key '%s' of %s is not documented under %s in rota.yaml(5)\n",
				     (*t)->keys[i].name, (*t)->name, (*t)->man);
			}
			ok((*t)->keys[i].help && (*t)->keys[i].help[0], "%s.%s has help", (*t)->name,
			   (*t)->keys[i].name);
		}
	for (size_t j = 0; j < n; j++) {
		int found = 0;
		for (t = rota_config_tables(); *t && !found; t++)
			found = strcmp((*t)->man, doc[j].sec) == 0 &&
			        rota_config_table_key(*t, doc[j].key) != NULL;
		if (!found) {
			missing_table++;
			printf("# rota.yaml(5) documents '%s' under %s, but no table has it\n", doc[j].key,
			     doc[j].sec);
		}
	}
	ok(tables >= 19, "%zu key tables", tables);
	is_int(missing_doc, 0, "every key in the tables is in rota.yaml(5)");
	is_int(missing_table, 0, "every key in rota.yaml(5) is in a table");
}

int
main(void)
{
	const char *src = getenv("ROTA_SRCDIR");
	snprintf(srcdir_name, sizeof srcdir_name, "%s/examples/test.yaml", src ? src : ".");
	test_empty();
	test_calendars();
	test_queues();
	test_policies();
	test_roster();
	test_alerts();
	test_errors();
	test_deep();
	test_files();
	test_check();
	test_doc_keys();
	rota_tz_cache_free();
	return tap_done();
}
