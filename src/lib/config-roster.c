/* rota.yaml, roster: shifts, contracts and their rules, agents, cover lines, weights. */
#include <config.h>
#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <rota/rota.h>
#include <rota/config.h>
#include "config-internal.h"

static const rota_config_key ROSTER_KEYS[] = {
	FIELD("start", ROTA_KEY_DATE, 0, 0, 0, NULL, "the first day of the horizon",
	      rota_roster_def, start),
	FIELD("days", ROTA_KEY_INTEGER, 0, 1, 3660, NULL, "the horizon in days", rota_roster_def, days),
	FIELD("interval", ROTA_KEY_DURATION, 0, 60, 86400, NULL,
	      "the coverage grid, dividing a day into whole intervals", rota_roster_def, interval),
	KEY("shifts", ROTA_KEY_LIST, 0, 0, 0, NULL, "the shifts that can be worked"),
	KEY("contracts", ROTA_KEY_MAP, 0, 0, 0, NULL, "named sets of rules"),
	KEY("agents", ROTA_KEY_LIST, 0, 0, 0, NULL, "who can be rostered"),
	KEY("cover", ROTA_KEY_LIST, 0, 0, 0, NULL, "agents needed per date and shift"),
	KEY("weights", ROTA_KEY_MAP, 0, 0, 0, NULL, "what each kind of penalty costs"),
};
TABLE(cfg_roster_table, "roster", "roster", ROSTER_KEYS);

COUNT_FOLLOWS(rota_shift_def, queues, nqueues);
COUNT_FOLLOWS(rota_agent_def, skills, nskills);

static const rota_config_key SHIFT_KEYS[] = {
	KEYX("id", ROTA_KEY_NAME, ROTA_KEY_REQUIRED, NULL, "a short name such as E", NULL, ""),
	KEYX("start", ROTA_KEY_TIME, ROTA_KEY_REQUIRED, NULL,
	     "start times: \"07:00\", a list, or \"07:00-10:00/30m\"",
	     "a start time such as \"07:00\"", "starts"),
	FIELDX("length", ROTA_KEY_DURATION, ROTA_KEY_REQUIRED, 1, 86400, NULL,
	       "from start to end, breaks included", rota_shift_def, length,
	       "a duration such as 8h30m", "; %s long"),
	KEY("breaks", ROTA_KEY_LIST, 0, 0, 0, NULL, "unpaid breaks and when they may start"),
	KEY("cannot_follow", ROTA_KEY_LIST, 0, 0, 0, NULL,
	    "shifts this one may not follow the next day"),
	FIELDX("queues", ROTA_KEY_QUEUES, 0, 0, 0, "any", "the queues the shift may serve",
	       rota_shift_def, queues, NULL, "; queues"),
};
TABLE(cfg_shift_table, "shift", "roster", SHIFT_KEYS);

static const rota_config_key BREAK_KEYS[] = {
	FIELDX("length", ROTA_KEY_DURATION, ROTA_KEY_REQUIRED, 1, 0, NULL, "how long the break is",
	       rota_break_def, length, CFG_DUR_EXPECT, NULL),
	KEY("within", ROTA_KEY_STRING, 0, 0, 0, "anywhere in the shift",
	    "when it may start after the shift's start: \"3h-5h\""),
};
TABLE(cfg_break_table, "break", "roster", BREAK_KEYS);

static const rota_config_key RULES_KEYS[] = {
	FIELDX("min_rest", ROTA_KEY_DURATION, 0, 0, 0, NULL,
	       "rest between the end of a shift and the next", rota_rules, min_rest, NULL,
	       "; min rest"),
	/* The text dump writes the two as one range, "days in a row 2-5". */
	FIELD("max_consecutive_days", ROTA_KEY_INTEGER, 0, 1, 10000, NULL,
	      "days worked in a row at most", rota_rules, max_consecutive_days),
	FIELDX("min_consecutive_days", ROTA_KEY_INTEGER, 0, 1, 10000, NULL,
	       "days worked in a row at least", rota_rules, min_consecutive_days, NULL, ""),
	FIELDX("min_consecutive_days_off", ROTA_KEY_INTEGER, 0, 1, 10000, NULL,
	       "days off in a row at least", rota_rules, min_consecutive_days_off, NULL,
	       "; days off in a row >= %s"),
	FIELDX("max_weekends", ROTA_KEY_INTEGER, 0, 0, 10000, NULL,
	       "weekends with any shift in the horizon at most", rota_rules, max_weekends, NULL,
	       "; weekends <= %s"),
	KEY("minutes", ROTA_KEY_MAP, 0, 0, 0, NULL, "worked minutes a week and in the horizon"),
	KEY("max_shifts", ROTA_KEY_MAP, 0, 0, 0, NULL, "shifts of each kind in the horizon at most"),
};
TABLE(cfg_rules_table, "rules", "roster", RULES_KEYS);

static const rota_config_key MINUTES_KEYS[] = {
	KEY("week", ROTA_KEY_STRING, 0, 0, 0, NULL, "MIN-MAX worked minutes per Monday-Sunday week"),
	KEY("horizon", ROTA_KEY_STRING, 0, 0, 0, NULL, "MIN-MAX worked minutes in the horizon"),
};
TABLE(cfg_minutes_table, "minutes", "roster", MINUTES_KEYS);

static const rota_config_key AGENT_KEYS[] = {
	KEYX("id", ROTA_KEY_NAME, ROTA_KEY_REQUIRED, NULL, "the agent's name", NULL, ""),
	FIELDX("tz", ROTA_KEY_ZONE, 0, 0, 0, "the planning zone", "the agent's zone", rota_agent_def,
	       tz, NULL, "tz"),
	FIELD("skills", ROTA_KEY_QUEUES, 0, 0, 0, "any", "queues the agent can serve", rota_agent_def,
	      skills),
	/* The text dump writes it before the skills. */
	KEYX("contract", ROTA_KEY_REF, 0, NULL, "the contract whose rules apply", NULL, ""),
	KEY("rules", ROTA_KEY_MAP, 0, 0, 0, NULL, "rules that override the contract's"),
	FIELDX("cost", ROTA_KEY_NUMBER, 0, 0, 1e9, "1", "relative cost per worked hour",
	       rota_agent_def, cost, NULL, "; cost"),
	KEY("days_off", ROTA_KEY_LIST, 0, 0, 0, NULL, "dates not worked"),
	KEY("unavailable", ROTA_KEY_LIST, 0, 0, 0, NULL, "spans START/END or START/DURATION"),
	KEY("prefer", ROTA_KEY_LIST, 0, 0, 0, NULL, "shifts the agent would like to work"),
	KEY("avoid", ROTA_KEY_LIST, 0, 0, 0, NULL, "shifts the agent would rather not work"),
};
TABLE(cfg_agent_table, "agent", "roster", AGENT_KEYS);

static const rota_config_key PREF_KEYS[] = {
	FIELDX("date", ROTA_KEY_DATE, ROTA_KEY_REQUIRED, 0, 0, NULL, "the date", rota_pref_def, day,
	       "a date such as 2026-12-09", NULL),
	KEY("shift", ROTA_KEY_REF, 0, 0, 0, "any shift", "the shift"),
	FIELD("weight", ROTA_KEY_NUMBER, 0, 0, 1e9, "1", "how much it matters", rota_pref_def, weight),
};
TABLE(cfg_pref_table, "preference", "roster", PREF_KEYS);

static const rota_config_key COVER_KEYS[] = {
	FIELDX("date", ROTA_KEY_DATE, ROTA_KEY_REQUIRED, 0, 0, NULL, "the date", rota_cover_def, day,
	       "a date such as 2026-12-07", NULL),
	KEYX("shift", ROTA_KEY_REF, ROTA_KEY_REQUIRED, NULL, "the shift", "a shift id", NULL),
	FIELDX("need", ROTA_KEY_INTEGER, ROTA_KEY_REQUIRED, 0, 100000, NULL, "agents wanted",
	       rota_cover_def, need, "a number of agents", NULL),
	FIELD("under", ROTA_KEY_NUMBER, 0, 0, 1e9, "weights: under", "penalty per missing agent",
	      rota_cover_def, under),
	FIELD("over", ROTA_KEY_NUMBER, 0, 0, 1e9, "weights: over", "penalty per surplus agent",
	      rota_cover_def, over),
};
TABLE(cfg_cover_table, "cover line", "roster", COVER_KEYS);

static const rota_config_key WEIGHTS_KEYS[] = {
	FIELD("under", ROTA_KEY_NUMBER, 0, 0, 1e9, "100",
	      "per uncovered agent-interval or missing cover agent", rota_weights, under),
	FIELD("over", ROTA_KEY_NUMBER, 0, 0, 1e9, "1", "per surplus one", rota_weights, over),
	FIELD("preference", ROTA_KEY_NUMBER, 0, 0, 1e9, "1", "multiplies prefer and avoid weights",
	      rota_weights, preference),
	FIELD("cost", ROTA_KEY_NUMBER, 0, 0, 1e9, "0", "multiplies agent cost per hour",
	      rota_weights, cost),
	FIELD("fairness", ROTA_KEY_NUMBER, 0, 0, 1e9, "5", "spread of worked minutes between agents",
	      rota_weights, fairness),
};
TABLE(cfg_weights_table, "weights", "roster", WEIGHTS_KEYS);

static void
rules_init(rota_rules *r)
{
	memset(r, 0, sizeof *r);
	r->min_rest = -1;
	r->max_consecutive_days = r->min_consecutive_days = -1;
	r->min_consecutive_days_off = r->max_weekends = -1;
	r->week_min = r->week_max = r->horizon_min = r->horizon_max = -1;
}

/* "2160-2400", "2160-" (at least), "-2400" (at most). */
static int
get_minutes_range(struct ld *L, ynode *v, const char *key, const char *ctx, int64_t *lo,
                  int64_t *hi)
{
	static const char expect[] = "MIN-MAX worked minutes such as \"2160-2400\" "
		"(or \"2160-\", \"-2400\")";
	if (cfg_want_scalar(L, v, key, ctx, expect) < 0)
		return -1;
	const char *s = v->str, *dash = strchr(s, '-');
	if (dash == NULL || strchr(dash + 1, '-') || (dash == s && dash[1] == '\0'))
		return cfg_bad(L, v, "bad minutes '%s' for '%s' %s: expected %s", cfg_show(v), key, ctx, expect);
	int64_t a = -1, b = -1;
	for (int side = 0; side < 2; side++) {
		const char *p = side ? dash + 1 : s, *e = side ? s + strlen(s) : dash;
		while (p < e && *p == ' ')
			p++;
		while (e > p && e[-1] == ' ')
			e--;
		if (p == e)
			continue;
		int64_t x = 0;
		for (const char *q = p; q < e; q++) {
			if (!isdigit((unsigned char)*q) || x > 100000000)
				return cfg_bad(L, v, "bad minutes '%s' for '%s' %s: expected %s", cfg_show(v), key,
				           ctx, expect);
			x = x * 10 + (*q - '0');
		}
		*(side ? &b : &a) = x;
	}
	if (a >= 0 && b >= 0 && a > b)
		return cfg_bad(L, v, "minutes '%s' for '%s' %s: the minimum is above the maximum", cfg_show(v),
		           key, ctx);
	*lo = a;
	*hi = b;
	return 0;
}

static int
load_rules(struct ld *L, ynode *v, const char *ctx, int overrides, rota_rules *r)
{
	rota_roster_def *ro = L->cfg->roster;
	ynode *x;

	if (cfg_load_fields(L, v, ctx, &cfg_rules_table, r) < 0)
		return -1;
	if ((x = cfg_get(v, "minutes")) != NULL) {
		char mctx[400];
		snprintf(mctx, sizeof mctx, "in 'minutes' %s", ctx);
		if (cfg_want_map(L, x, "minutes", ctx, "a mapping such as { week: \"2160-2400\", "
		             "horizon: \"4320-4800\" }") < 0 || cfg_check_keys(L, x, mctx, &cfg_minutes_table) < 0)
			return -1;
		ynode *w = cfg_get(x, "week"), *h = cfg_get(x, "horizon");
		if (w && get_minutes_range(L, w, "week", mctx, &r->week_min, &r->week_max) < 0)
			return -1;
		if (h && get_minutes_range(L, h, "horizon", mctx, &r->horizon_min, &r->horizon_max) < 0)
			return -1;
	}
	if ((x = cfg_get(v, "max_shifts")) != NULL) {
		char mctx[400];
		snprintf(mctx, sizeof mctx, "in 'max_shifts' %s", ctx);
		if (cfg_want_map(L, x, "max_shifts", ctx, "a mapping of shift ids to counts, such as "
		             "{ N: 4 }") < 0)
			return -1;
		if (r->max_shifts == NULL && x->n) {
			r->max_shifts = cfg_alloc(L, ro->nshifts, sizeof *r->max_shifts);
			for (size_t i = 0; i < ro->nshifts; i++)
				r->max_shifts[i] = -1;
		}
		for (size_t i = 0; i < x->n; i++) {
			ynode *k = x->items[2 * i];
			long s = rota_roster_shift_index(ro, k->str);
			if (s < 0) {
				const char **names;
				NAMES_OF(ro->shifts, ro->nshifts, id, names);
				cfg_unknown_name(L, k, "shift", "roster: shifts", "max_shifts", ctx, names,
				             ro->nshifts);
				free(names);
				return -1;
			}
			if (cfg_get_int(L, x->items[2 * i + 1], cfg_show(k), mctx, 0, 100000,
			            &r->max_shifts[s]) < 0)
				return -1;
		}
	}
	if (r->min_consecutive_days > 0 && r->max_consecutive_days > 0 &&
	    r->min_consecutive_days > r->max_consecutive_days)
		return cfg_bad(L, v, "min_consecutive_days (%d) is above max_consecutive_days (%d) %s%s",
		           r->min_consecutive_days, r->max_consecutive_days, ctx,
		           overrides ? " after the agent's overrides" : "");
	return 0;
}

static void
rules_copy(struct ld *L, rota_rules *dst, const rota_rules *src, size_t nshifts)
{
	*dst = *src;
	if (src->max_shifts) {
		dst->max_shifts = cfg_realloc(L, NULL, nshifts, sizeof *dst->max_shifts);
		memcpy(dst->max_shifts, src->max_shifts, nshifts * sizeof *dst->max_shifts);
	}
}

#define MAX_STARTS 1440

/* "07:00", or "07:00-10:00/30m": every 30 minutes from 07:00 to 10:00 inclusive. */
static int
shift_starts(struct ld *L, ynode *v, const char *ctx, rota_shift_def *s)
{
	static const char expect[] = "a start time such as \"07:00\", a list of them, or a range "
		"with a step such as \"07:00-10:00/30m\"";
	size_t n;
	ynode_t *const *it = cfg_items_of(&v, &n);
	rota_error e;
	if (v->kind == Y_MAP || n == 0)
		return cfg_wrong_type(L, v, "start", ctx, expect);
	for (size_t i = 0; i < n; i++) {
		if (cfg_want_scalar(L, it[i], "start", ctx, expect) < 0)
			return -1;
		const char *str = it[i]->str, *dash = strchr(str, '-'), *slash = strchr(str, '/');
		char a[32], b[32];
		int from, to;
		int64_t step = 1;
		if ((dash == NULL) != (slash == NULL) || (dash && slash < dash) ||
		    strlen(str) >= sizeof a)
			return cfg_bad(L, it[i], "bad start '%s' %s: expected %s", cfg_show(it[i]), ctx, expect);
		if (dash) {
			snprintf(a, sizeof a, "%.*s", (int)(dash - str), str);
			snprintf(b, sizeof b, "%.*s", (int)(slash - dash - 1), dash + 1);
		} else {
			snprintf(a, sizeof a, "%s", str);
			snprintf(b, sizeof b, "%s", str);
		}
		if (rota_clock_parse(a, &from, &e) < 0 || rota_clock_parse(b, &to, &e) < 0 ||
		    from >= 86400 || to >= 86400 || (slash && cfg_parse_dur(slash + 1, &step) < 0))
			return cfg_bad(L, it[i], "bad start '%s' %s: expected %s (times before 24:00)",
			           cfg_show(it[i]), ctx, expect);
		if (to < from || step <= 0)
			return cfg_bad(L, it[i], "bad start range '%s' %s: the range must run forward and "
			           "the step be longer than zero", cfg_show(it[i]), ctx);
		for (int64_t t = from; t <= to; t += step) {
			/* More starts than minutes in a day is a typo in the step, and would blow
			 * up the roster's integer program. */
			if (s->nstarts == MAX_STARTS)
				return cfg_bad(L, it[i], "too many start times %s (more than %d): use a "
				           "longer step", ctx, MAX_STARTS);
			if ((s->nstarts & (s->nstarts - 1)) == 0)
				s->starts = cfg_realloc(L, s->starts, s->nstarts ? 2 * s->nstarts : 1,
				                               sizeof *s->starts);
			s->starts[s->nstarts++] = (int)t;
		}
	}
	qsort(s->starts, s->nstarts, sizeof *s->starts, cfg_cmp_int);
	size_t o = 0;
	for (size_t i = 0; i < s->nstarts; i++)
		if (o == 0 || s->starts[i] != s->starts[o - 1])
			s->starts[o++] = s->starts[i];
	s->nstarts = o;
	return 0;
}

static int
shift_breaks(struct ld *L, ynode *v, const char *ctx, rota_shift_def *s)
{
	static const char wexpect[] = "a window after the shift's start such as \"3h-5h\"";
	if (cfg_want_seq(L, v, "breaks", ctx, "a list of breaks such as [ { length: 30m, within: "
	             "\"3h-5h\" } ]") < 0)
		return -1;
	s->breaks = cfg_alloc(L, v->n, sizeof *s->breaks);
	for (size_t i = 0; i < v->n; i++) {
		ynode *b = v->items[i], *x;
		rota_break_def *d = &s->breaks[s->nbreaks++];
		char bctx[400];
		snprintf(bctx, sizeof bctx, "in break #%zu %s", i + 1, ctx);
		if (cfg_want_map(L, b, "breaks", ctx, "a break such as { length: 30m, within: \"3h-5h\" }") < 0 ||
		    cfg_load_fields(L, b, bctx, &cfg_break_table, d) < 0)
			return -1;
		x = cfg_get(b, "length");
		if (d->length >= s->length)
			return cfg_bad(L, x, "break of %s %s is not shorter than the shift", cfg_show(x), ctx);
		d->earliest = 0;
		d->latest = s->length - d->length;
		if ((x = cfg_get(b, "within")) != NULL) {
			if (cfg_want_scalar(L, x, "within", bctx, wexpect) < 0)
				return -1;
			const char *dash = strchr(x->str, '-');
			char a[32];
			if (dash == NULL || (size_t)(dash - x->str) >= sizeof a)
				return cfg_bad(L, x, "bad window '%s' for 'within' %s: expected %s", cfg_show(x),
				           bctx, wexpect);
			snprintf(a, sizeof a, "%.*s", (int)(dash - x->str), x->str);
			if (cfg_parse_dur(a, &d->earliest) < 0 || cfg_parse_dur(dash + 1, &d->latest) < 0)
				return cfg_bad(L, x, "bad window '%s' for 'within' %s: expected %s", cfg_show(x),
				           bctx, wexpect);
			if (d->latest < d->earliest)
				return cfg_bad(L, x, "window '%s' for 'within' %s ends before it starts", cfg_show(x),
				           bctx);
			if (d->latest + d->length > s->length)
				return cfg_bad(L, x, "window '%s' for 'within' %s lets the break end after the "
				           "shift: the break starts within the window, so the window must "
				           "end by the shift's length minus the break's", cfg_show(x), bctx);
		}
	}
	return 0;
}

static int
shift_ref(struct ld *L, ynode *v, const char *key, const char *ctx, size_t *out)
{
	rota_roster_def *r = L->cfg->roster;
	if (cfg_want_scalar(L, v, key, ctx, "a shift id") < 0)
		return -1;
	long i = rota_roster_shift_index(r, v->str);
	if (i < 0) {
		const char **names;
		NAMES_OF(r->shifts, r->nshifts, id, names);
		cfg_unknown_name(L, v, "shift", "roster: shifts", key, ctx, names, r->nshifts);
		free(names);
		return -1;
	}
	*out = (size_t)i;
	return 0;
}

static int
load_shift(struct ld *L, ynode *v, rota_shift_def *s)
{
	char ctx[300];
	ynode *x;

	snprintf(ctx, sizeof ctx, "in shift '%s'", s->id);
	if (cfg_load_fields(L, v, ctx, &cfg_shift_table, s) < 0 ||
	    shift_starts(L, cfg_get(v, "start"), ctx, s) < 0)
		return -1;
	x = cfg_get(v, "length");
	if (s->length > 86400)
		return cfg_bad(L, x, "length '%s' %s is longer than a day: a shift lasts at most 24h",
		           cfg_show(x), ctx);
	if ((x = cfg_get(v, "breaks")) != NULL && shift_breaks(L, x, ctx, s) < 0)
		return -1;
	if ((x = cfg_get(v, "cannot_follow")) != NULL) {
		size_t n;
		ynode_t *const *it = cfg_items_of(&x, &n);
		if (x->kind == Y_MAP)
			return cfg_wrong_type(L, x, "cannot_follow", ctx, "a list of shift ids");
		s->cannot_follow = cfg_alloc(L, n, sizeof *s->cannot_follow);
		for (size_t i = 0; i < n; i++)
			if (shift_ref(L, it[i], "cannot_follow", ctx, &s->cannot_follow[s->ncannot_follow++]) < 0)
				return -1;
	}
	return 0;
}

/* Ids first, so that cannot_follow may name a shift defined further down. */
static int
load_shifts(struct ld *L, ynode *v)
{
	rota_roster_def *r = L->cfg->roster;
	if (cfg_want_seq(L, v, "shifts", "in 'roster'", "a list of shifts, each with id, start, "
	             "length") < 0)
		return -1;
	r->shifts = cfg_alloc(L, v->n, sizeof *r->shifts);
	for (size_t i = 0; i < v->n; i++) {
		ynode *s = v->items[i], *id;
		char ctx[64];
		snprintf(ctx, sizeof ctx, "in shift #%zu", i + 1);
		if (cfg_want_map(L, s, "shifts", "in 'roster'", "a shift such as { id: E, start: "
		             "\"07:00\", length: 8h }") < 0)
			return -1;
		if ((id = cfg_get(s, "id")) == NULL)
			return cfg_missing(L, s, "id", ctx, "a short name for the shift, such as E");
		r->nshifts++;
		cfg_set_pos(L, s, &r->shifts[i].file, &r->shifts[i].line, &r->shifts[i].col);
		if (cfg_get_name(L, id, "id", ctx, &r->shifts[i].id) < 0)
			return -1;
		for (size_t j = 0; j < i; j++)
			if (strcmp(r->shifts[j].id, r->shifts[i].id) == 0)
				return cfg_bad(L, id, "shift '%s' is defined twice (first on line %ld): give "
				           "each shift its own id", r->shifts[i].id, r->shifts[j].line);
	}
	for (size_t i = 0; i < v->n; i++)
		if (load_shift(L, v->items[i], &r->shifts[i]) < 0)
			return -1;
	return 0;
}

static int
load_contracts(struct ld *L, ynode *v)
{
	rota_roster_def *r = L->cfg->roster;
	if (cfg_want_map(L, v, "contracts", "in 'roster'", "a mapping of contract names to rules, "
	             "such as { full-time: { max_consecutive_days: 5 } }") < 0)
		return -1;
	r->contracts = cfg_alloc(L, v->n, sizeof *r->contracts);
	for (size_t i = 0; i < v->n; i++) {
		ynode *k = v->items[2 * i], *val = v->items[2 * i + 1];
		rota_contract_def *c = &r->contracts[r->ncontracts++];
		char ctx[300];
		rules_init(&c->rules);
		if (cfg_get_name(L, k, "contracts", "in 'roster'", &c->id) < 0)
			return -1;
		cfg_set_pos(L, k, &c->file, &c->line, &c->col);
		snprintf(ctx, sizeof ctx, "in contract '%s'", c->id);
		if (ynode_is_null(val))
			continue;     /* a contract with no rules of its own */
		if (cfg_want_map(L, val, c->id, "in 'contracts'", "a mapping of rules such as "
		             "{ min_rest: 11h, max_consecutive_days: 5 }") < 0 ||
		    load_rules(L, val, ctx, 0, &c->rules) < 0)
			return -1;
	}
	return 0;
}

static int
cmp_span(const void *a, const void *b)
{
	const rota_span *x = a, *y = b;
	return (x->start > y->start) - (x->start < y->start);
}

/* One end of a span.  A naive time in a DST gap is refused (there is no --lenient in a
 * file); the check with the lenient flag tells a gap from a typo. */
static int
span_time(struct ld *L, ynode *v, const char *s, const rota_tz *tz, const char *ctx,
          const char *expect, rota_time *out)
{
	rota_error e;
	if (rota_time_parse(s, tz, ROTA_PARSE_DATE_OK, out, &e) == 0)
		return 0;
	if (rota_time_parse(s, tz, ROTA_PARSE_DATE_OK | ROTA_PARSE_LENIENT, out, &e) == 0)
		return cfg_bad(L, v, "time '%s' for 'unavailable' %s does not exist in %s (the clocks go "
		           "forward over it): give a time outside the gap, or an offset such as "
		           "+01:00", s, ctx, rota_tz_name(tz));
	return 1;
}

/* "2026-12-10T12:00/2026-12-10T18:00" or "2026-12-10T12:00/6h"; naive times in tz. */
static int
get_span(struct ld *L, ynode *v, const char *ctx, const rota_tz *tz, rota_span *sp)
{
	static const char expect[] = "a span START/END such as \"2026-12-10T12:00/2026-12-10T18:00\" "
		"or START/DURATION such as \"2026-12-10T12:00/6h\", in the agent's time zone";
	int64_t d;
	int r;
	if (cfg_want_scalar(L, v, "unavailable", ctx, expect) < 0)
		return -1;
	const char *slash = strchr(v->str, '/');
	char a[64];
	if (slash == NULL || (size_t)(slash - v->str) >= sizeof a)
		return cfg_bad(L, v, "bad span '%s' for 'unavailable' %s: expected %s", cfg_show(v), ctx, expect);
	snprintf(a, sizeof a, "%.*s", (int)(slash - v->str), v->str);
	if ((r = span_time(L, v, a, tz, ctx, expect, &sp->start)) != 0)
		return r < 0 ? -1 : cfg_bad(L, v, "bad span '%s' for 'unavailable' %s: expected %s",
		                        cfg_show(v), ctx, expect);
	if (cfg_parse_dur(slash + 1, &d) == 0 && strchr(slash + 1, '-') == NULL) {
		sp->end = sp->start + d;
	} else if ((r = span_time(L, v, slash + 1, tz, ctx, expect, &sp->end)) != 0) {
		return r < 0 ? -1 : cfg_bad(L, v, "bad span '%s' for 'unavailable' %s: expected %s",
		                        cfg_show(v), ctx, expect);
	}
	if (sp->end <= sp->start)
		return cfg_bad(L, v, "span '%s' for 'unavailable' %s ends before it starts", cfg_show(v), ctx);
	return 0;
}

static int
get_prefs(struct ld *L, ynode *v, const char *key, const char *ctx, rota_pref_def **out,
          size_t *nout)
{
	if (cfg_want_seq(L, v, key, ctx, "a list such as [ { date: 2026-12-09, shift: E, weight: 3 } ]") < 0)
		return -1;
	*out = cfg_alloc(L, v->n, sizeof **out);
	for (size_t i = 0; i < v->n; i++) {
		ynode *p = v->items[i], *x;
		rota_pref_def *d = &(*out)[(*nout)++];
		char pctx[400];
		snprintf(pctx, sizeof pctx, "in '%s' #%zu %s", key, i + 1, ctx);
		d->shift = -1;
		d->weight = 1;
		if (cfg_want_map(L, p, key, ctx, "{ date: 2026-12-09, shift: E, weight: 3 }") < 0 ||
		    cfg_load_fields(L, p, pctx, &cfg_pref_table, d) < 0)
			return -1;
		size_t si;
		if ((x = cfg_get(p, "shift")) != NULL) {
			if (shift_ref(L, x, "shift", pctx, &si) < 0)
				return -1;
			d->shift = (long)si;
		}
	}
	return 0;
}

static int
get_days_off(struct ld *L, ynode *v, const char *ctx, rota_agent_def *a)
{
	size_t n;
	ynode_t *const *it = cfg_items_of(&v, &n);
	if (v->kind == Y_MAP)
		return cfg_wrong_type(L, v, "days_off", ctx, "a list of dates");
	a->days_off = cfg_alloc(L, n, sizeof *a->days_off);
	for (size_t i = 0; i < n; i++)
		if (cfg_get_date(L, it[i], "days_off", ctx, &a->days_off[a->ndays_off++]) < 0)
			return -1;
	qsort(a->days_off, a->ndays_off, sizeof *a->days_off, cfg_cmp_i64);
	size_t o = 0;
	for (size_t i = 0; i < a->ndays_off; i++)
		if (o == 0 || a->days_off[i] != a->days_off[o - 1])
			a->days_off[o++] = a->days_off[i];
	a->ndays_off = o;
	return 0;
}

static int
agent_contract(struct ld *L, ynode *x, const char *ctx, rota_agent_def *a)
{
	rota_roster_def *r = L->cfg->roster;
	if (cfg_want_scalar(L, x, "contract", ctx, "the name of a contract") < 0)
		return -1;
	for (size_t i = 0; i < r->ncontracts; i++)
		if (strcmp(r->contracts[i].id, x->str) == 0) {
			a->contract = (long)i;
			rules_copy(L, &a->rules, &r->contracts[i].rules, r->nshifts);
			return 0;
		}
	const char **names;
	NAMES_OF(r->contracts, r->ncontracts, id, names);
	cfg_unknown_name(L, x, "contract", "roster: contracts", "contract", ctx, names, r->ncontracts);
	free(names);
	return -1;
}

static int
load_agent(struct ld *L, ynode *v, size_t idx, rota_agent_def *a)
{
	rota_roster_def *r = L->cfg->roster;
	char ctx[300];
	ynode *x;
	rota_error e;

	rules_init(&a->rules);
	a->contract = -1;
	a->cost = 1;
	snprintf(ctx, sizeof ctx, "in agent #%zu", idx + 1);
	if (cfg_want_map(L, v, "agents", "in 'roster'", "an agent such as { id: alice, tz: "
	             "Europe/Berlin, contract: full-time }") < 0)
		return -1;
	cfg_set_pos(L, v, &a->file, &a->line, &a->col);
	if ((x = cfg_get(v, "id")) == NULL)
		return cfg_missing(L, v, "id", ctx, "a name for the agent, such as alice");
	if (cfg_get_name(L, x, "id", ctx, &a->id) < 0)
		return -1;
	for (size_t j = 0; j < idx; j++)
		if (strcmp(r->agents[j].id, a->id) == 0)
			return cfg_bad(L, x, "agent '%s' is defined twice (first on line %ld): give each agent "
			           "its own id", a->id, r->agents[j].line);
	snprintf(ctx, sizeof ctx, "in agent '%s'", a->id);
	if (cfg_load_fields(L, v, ctx, &cfg_agent_table, a) < 0)
		return -1;
	if (a->tz == NULL)
		a->tz = L->cfg->tz ? L->cfg->tz : cfg_strndup(L, "UTC", 3);
	if ((x = cfg_get(v, "contract")) != NULL && agent_contract(L, x, ctx, a) < 0)
		return -1;
	if ((x = cfg_get(v, "rules")) != NULL) {
		if (cfg_want_map(L, x, "rules", ctx, "a mapping of rules that override the contract's, "
		             "such as { max_weekends: 1 }") < 0 || load_rules(L, x, ctx, 1, &a->rules) < 0)
			return -1;
	}
	if ((x = cfg_get(v, "days_off")) != NULL && get_days_off(L, x, ctx, a) < 0)
		return -1;
	if ((x = cfg_get(v, "unavailable")) != NULL) {
		const rota_tz *tz = rota_tz_get(a->tz, &e);
		size_t n;
		ynode_t *const *it = cfg_items_of(&x, &n);
		if (x->kind == Y_MAP)
			return cfg_wrong_type(L, x, "unavailable", ctx, "a list of spans such as "
			                  "[ \"2026-12-10T12:00/2026-12-10T18:00\" ]");
		a->unavailable = cfg_alloc(L, n, sizeof *a->unavailable);
		for (size_t i = 0; i < n; i++)
			if (get_span(L, it[i], ctx, tz, &a->unavailable[a->nunavailable++]) < 0)
				return -1;
		qsort(a->unavailable, a->nunavailable, sizeof *a->unavailable, cmp_span);
	}
	if ((x = cfg_get(v, "prefer")) != NULL && get_prefs(L, x, "prefer", ctx, &a->prefer, &a->nprefer) < 0)
		return -1;
	if ((x = cfg_get(v, "avoid")) != NULL && get_prefs(L, x, "avoid", ctx, &a->avoid, &a->navoid) < 0)
		return -1;
	return 0;
}

static int
load_agents(struct ld *L, ynode *v)
{
	rota_roster_def *r = L->cfg->roster;
	if (cfg_want_seq(L, v, "agents", "in 'roster'", "a list of agents, each with id, tz, "
	             "skills, contract, ...") < 0)
		return -1;
	r->agents = cfg_alloc(L, v->n, sizeof *r->agents);
	for (size_t i = 0; i < v->n; i++) {
		r->nagents++;
		if (load_agent(L, v->items[i], i, &r->agents[i]) < 0)
			return -1;
	}
	return 0;
}

static int
load_cover(struct ld *L, ynode *v)
{
	rota_roster_def *r = L->cfg->roster;
	if (cfg_want_seq(L, v, "cover", "in 'roster'", "a list of cover lines such as "
	             "[ { date: 2026-12-07, shift: E, need: 3 } ]") < 0)
		return -1;
	r->cover = cfg_alloc(L, v->n, sizeof *r->cover);
	for (size_t i = 0; i < v->n; i++) {
		ynode *c = v->items[i];
		rota_cover_def *d = &r->cover[r->ncover++];
		char ctx[100];
		snprintf(ctx, sizeof ctx, "in cover line #%zu", i + 1);
		if (cfg_want_map(L, c, "cover", "in 'roster'", "a cover line such as { date: 2026-12-07, "
		             "shift: E, need: 3 }") < 0)
			return -1;
		cfg_set_pos(L, c, &d->file, &d->line, &d->col);
		d->under = r->weights.under;
		d->over = r->weights.over;
		if (cfg_load_fields(L, c, ctx, &cfg_cover_table, d) < 0 ||
		    shift_ref(L, cfg_get(c, "shift"), "shift", ctx, &d->shift) < 0)
			return -1;
		for (size_t j = 0; j < i; j++)
			if (r->cover[j].day == d->day && r->cover[j].shift == d->shift)
				return cfg_bad(L, c, "a second cover line for %s and shift '%s' %s (the first is "
				           "on line %ld): give one need per date and shift", cfg_show(cfg_get(c, "date")),
				           r->shifts[d->shift].id, ctx, r->cover[j].line);
	}
	return 0;
}

static int
load_weights(struct ld *L, ynode *v, rota_weights *w)
{
	if (cfg_want_map(L, v, "weights", "in 'roster'", "a mapping such as { under: 100, over: 1 }") < 0)
		return -1;
	return cfg_load_fields(L, v, "in 'weights' of the roster", &cfg_weights_table, w);
}

int
cfg_load_roster(struct ld *L, ynode *v)
{
	static const char ctx[] = "in 'roster'";
	rota_roster_def *r = cfg_alloc(L, 1, sizeof *r);
	ynode *x;

	L->cfg->roster = r;
	r->days = -1;
	r->interval = -1;
	r->weights = (rota_weights){ .under = 100, .over = 1, .preference = 1, .cost = 0,
	                             .fairness = 5 };
	if (cfg_want_map(L, v, "roster", "at the top level", "a mapping with start, days, interval, "
	             "shifts, contracts, agents, cover, weights") < 0)
		return -1;
	cfg_set_pos(L, v, &r->file, &r->line, &r->col);
	if (cfg_load_fields(L, v, ctx, &cfg_roster_table, r) < 0)
		return -1;
	r->has_start = cfg_get(v, "start") != NULL;
	if ((x = cfg_get(v, "interval")) != NULL) {
		if (r->interval < 60 || 86400 % r->interval != 0)
			return cfg_bad(L, x, "interval '%s' %s does not divide a day into whole intervals: "
			           "expected a duration such as 15m, 30m or 1h", cfg_show(x), ctx);
	}
	if ((x = cfg_get(v, "weights")) != NULL && load_weights(L, x, &r->weights) < 0)
		return -1;
	if ((x = cfg_get(v, "shifts")) != NULL && load_shifts(L, x) < 0)
		return -1;
	if ((x = cfg_get(v, "contracts")) != NULL && load_contracts(L, x) < 0)
		return -1;
	if ((x = cfg_get(v, "agents")) != NULL && load_agents(L, x) < 0)
		return -1;
	if ((x = cfg_get(v, "cover")) != NULL && load_cover(L, x) < 0)
		return -1;
	return 0;
}
