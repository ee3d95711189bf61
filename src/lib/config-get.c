/* rota.yaml: the typed getters every section shares (durations, shares, service levels,
 * dates, zones, names, lists, references), each with its message in one place. */
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
#include <rota/value.h>

/* A scalar's text made safe and short for a message. */
const char *
cfg_show(ynode *n)
{
	static _Thread_local char bufs[4][100];
	static _Thread_local int next;
	char *b = bufs[next++ & 3];
	size_t o = 0;

	if (n == NULL || n->kind != Y_SCALAR)
		return "";
	for (size_t i = 0; i < n->len && o < sizeof bufs[0] - 4; i++) {
		unsigned char c = (unsigned char)n->str[i];
		b[o++] = (c < 0x20 || c == 0x7f) ? '?' : (char)c;
	}
	if (o < n->len && o >= sizeof bufs[0] - 4)
		memcpy(b + o, "...", 3), o += 3;
	b[o] = '\0';
	return b;
}

/* "a list", "a mapping", "nothing", or the scalar itself in quotes. */
const char *
cfg_found(ynode *n)
{
	static _Thread_local char buf[128];
	if (n->kind != Y_SCALAR || ynode_is_null(n))
		return ynode_what(n);
	snprintf(buf, sizeof buf, "'%s'", cfg_show(n));
	return buf;
}

ynode *
cfg_get(ynode *m, const char *key)
{
	ynode *v = ymap_get(m, key);
	return ynode_is_null(v) ? NULL : v;
}

int
cfg_wrong_type(struct ld *L, ynode *v, const char *key, const char *ctx, const char *expect)
{
	return cfg_bad(L, v, "wrong type for '%s' %s: expected %s, found %s", key, ctx, expect, cfg_found(v));
}

int
cfg_want_map(struct ld *L, ynode *v, const char *key, const char *ctx, const char *expect)
{
	return v->kind == Y_MAP ? 0 : cfg_wrong_type(L, v, key, ctx, expect);
}

int
cfg_want_seq(struct ld *L, ynode *v, const char *key, const char *ctx, const char *expect)
{
	return v->kind == Y_SEQ ? 0 : cfg_wrong_type(L, v, key, ctx, expect);
}

int
cfg_want_scalar(struct ld *L, ynode *v, const char *key, const char *ctx, const char *expect)
{
	if (v->kind != Y_SCALAR || ynode_is_null(v))
		return cfg_wrong_type(L, v, key, ctx, expect);
	if (strlen(v->str) != v->len)
		return cfg_bad(L, v, "bad value for '%s' %s: it contains a NUL character", key, ctx);
	return 0;
}

int
cfg_missing(struct ld *L, ynode *m, const char *key, const char *ctx, const char *expect)
{
	return cfg_bad(L, m, "missing key '%s' %s: expected %s", key, ctx, expect);
}

/* A scalar or a list of them, as one array. */
ynode_t *const *
cfg_items_of(ynode *const *v, size_t *n)
{
	if ((*v)->kind == Y_SEQ) {
		*n = (*v)->n;
		return (*v)->items;
	}
	*n = 1;
	return (ynode_t *const *)v;
}

char *
cfg_sdup(struct ld *L, ynode *v)
{
	return cfg_strndup(L, v->str, v->len);
}

void
cfg_set_pos(struct ld *L, ynode *at, char **file, long *line, long *col)
{
	*file = L->fname;
	*line = at->line;
	*col = at->col;
}

/* Names that appear in output and on command lines: no control characters, no padding. */
int
cfg_get_name(struct ld *L, ynode *v, const char *key, const char *ctx, char **out)
{
	if (cfg_want_scalar(L, v, key, ctx, "a name") < 0)
		return -1;
	for (size_t i = 0; i < v->len; i++)
		if ((unsigned char)v->str[i] < 0x20 || v->str[i] == 0x7f)
			return cfg_bad(L, v, "bad name '%s' for '%s' %s: names cannot hold control "
			           "characters", cfg_show(v), key, ctx);
	if (isspace((unsigned char)v->str[0]) || isspace((unsigned char)v->str[v->len - 1]))
		return cfg_bad(L, v, "bad name '%s' for '%s' %s: a name cannot start or end with a space",
		           cfg_show(v), key, ctx);
	*out = cfg_sdup(L, v);
	return 0;
}

int
cfg_get_str(struct ld *L, ynode *v, const char *key, const char *ctx, const char *expect, char **out)
{
	if (cfg_want_scalar(L, v, key, ctx, expect) < 0)
		return -1;
	*out = cfg_sdup(L, v);
	return 0;
}

/* A string or a list of strings (at least one). */
int
cfg_get_strlist(struct ld *L, ynode *v, const char *key, const char *ctx, const char *expect,
            char ***out, size_t *nout)
{
	size_t n;
	ynode_t *const *it = cfg_items_of(&v, &n);
	if (v->kind == Y_MAP)
		return cfg_wrong_type(L, v, key, ctx, expect);
	if (n == 0)
		return cfg_bad(L, v, "empty list for '%s' %s: expected %s; leave the key out instead",
		           key, ctx, expect);
	char **s = cfg_alloc(L, n, sizeof *s);
	*out = s;
	*nout = n;
	for (size_t i = 0; i < n; i++)
		if (cfg_get_name(L, it[i], key, ctx, &s[i]) < 0)
			return -1;
	return 0;
}

/* Strict decimal numbers: YAML's 0x, .inf and .nan are not amounts. */
int
cfg_parse_num(const char *s, double *out)
{
	char *end;
	if (*s == '\0' || isspace((unsigned char)*s) || strpbrk(s, "xXnN") != NULL)
		return -1;
	errno = 0;
	double v = strtod(s, &end);
	if (*end || errno == ERANGE || !isfinite(v))
		return -1;
	*out = v;
	return 0;
}

int
cfg_get_int(struct ld *L, ynode *v, const char *key, const char *ctx, long lo, long hi, int *out)
{
	char expect[120];
	snprintf(expect, sizeof expect, "a whole number from %ld to %ld", lo, hi);
	if (cfg_want_scalar(L, v, key, ctx, expect) < 0)
		return -1;
	char *end;
	errno = 0;
	long x = strtol(v->str, &end, 10);
	if (v->str[0] == '\0' || isspace((unsigned char)v->str[0]) || *end || errno)
		return cfg_bad(L, v, "bad number '%s' for '%s' %s: expected %s", cfg_show(v), key, ctx, expect);
	if (x < lo || x > hi)
		return cfg_bad(L, v, "number %ld for '%s' %s is out of range: expected %s", x, key, ctx,
		           expect);
	*out = (int)x;
	return 0;
}

int
cfg_get_num(struct ld *L, ynode *v, const char *key, const char *ctx, double lo, double hi,
        double *out)
{
	char expect[120];
	snprintf(expect, sizeof expect, "a number from %g to %g", lo, hi);
	if (cfg_want_scalar(L, v, key, ctx, expect) < 0)
		return -1;
	double x;
	if (cfg_parse_num(v->str, &x) < 0)
		return cfg_bad(L, v, "bad number '%s' for '%s' %s: expected %s", cfg_show(v), key, ctx, expect);
	if (x < lo || x > hi)
		return cfg_bad(L, v, "number %s for '%s' %s is out of range: expected %s", cfg_show(v), key,
		           ctx, expect);
	*out = x;
	return 0;
}

/* "0.30" or "30%".  hi_open: the upper bound itself is not allowed. */
int
cfg_get_ratio(struct ld *L, ynode *v, const char *key, const char *ctx, int lo_open, int hi_open,
          double *out)
{
	char expect[160];
	snprintf(expect, sizeof expect, "a fraction %s 0 to %s 1, such as 0.30 or 30%%",
	         lo_open ? "above" : "from", hi_open ? "below" : "at most");
	if (cfg_want_scalar(L, v, key, ctx, expect) < 0)
		return -1;
	double x;
	if (rota_parse_share(v->str, &x) < 0)
		return cfg_bad(L, v, "bad value '%s' for '%s' %s: expected %s", cfg_show(v), key, ctx, expect);
	x += 0.0;   /* -0 is 0 */
	if (x < 0 || (lo_open && x <= 0) || x > 1 || (hi_open && x >= 1))
		return cfg_bad(L, v, "value %s for '%s' %s is out of range: expected %s", cfg_show(v), key,
		           ctx, expect);
	*out = x;
	return 0;
}

/* "75%" as 0.75, strictly between 0% and 100%. */
int
cfg_parse_percent(const char *s, double *out)
{
	size_t n = strlen(s);
	char buf[32];
	if (n < 2 || n >= sizeof buf || s[n - 1] != '%')
		return -1;
	memcpy(buf, s, n - 1);
	buf[n - 1] = '\0';
	double x;
	if (cfg_parse_num(buf, &x) < 0 || x <= 0 || x >= 100)
		return -1;
	*out = x / 100;
	return 0;
}

const char CFG_DUR_EXPECT[] = "a duration such as 90s, 30m, 4h, 1h30m or PT4H";

int
cfg_parse_dur(const char *s, int64_t *out)
{
	rota_error e;
	return rota_duration_parse(s, out, &e);
}

int
cfg_get_dur(struct ld *L, ynode *v, const char *key, const char *ctx, int allow_zero, int64_t *out)
{
	if (cfg_want_scalar(L, v, key, ctx, CFG_DUR_EXPECT) < 0)
		return -1;
	if (cfg_parse_dur(v->str, out) < 0)
		return cfg_bad(L, v, "bad duration '%s' for '%s' %s: expected %s", cfg_show(v), key, ctx,
		           CFG_DUR_EXPECT);
	if (*out == 0 && !allow_zero)
		return cfg_bad(L, v, "duration '%s' for '%s' %s must be longer than zero", cfg_show(v), key, ctx);
	return 0;
}

int
cfg_get_date(struct ld *L, ynode *v, const char *key, const char *ctx, int64_t *out)
{
	rota_error e;
	if (cfg_want_scalar(L, v, key, ctx, "a date such as 2026-12-24") < 0)
		return -1;
	if (rota_date_parse(v->str, out, &e) < 0)
		return cfg_bad(L, v, "bad date '%s' for '%s' %s: expected a date YYYY-MM-DD such as "
		           "2026-12-24", cfg_show(v), key, ctx);
	return 0;
}

int
cfg_get_tz(struct ld *L, ynode *v, const char *key, const char *ctx, char **out)
{
	rota_error e;
	if (cfg_want_scalar(L, v, key, ctx, "an IANA time zone such as Europe/Berlin") < 0)
		return -1;
	if (rota_tz_get(v->str, &e) == NULL)
		return cfg_bad(L, v, "unknown time zone '%s' for '%s' %s: expected an IANA name such as "
		           "Europe/Berlin, America/New_York or UTC (see /usr/share/zoneinfo)",
		           cfg_show(v), key, ctx);
	*out = cfg_sdup(L, v);
	return 0;
}

/* "unknown calendar 'x' for 'calendar' in ...: expected one of a, b" */
int
cfg_unknown_name(struct ld *L, ynode *v, const char *what, const char *section, const char *key,
             const char *ctx, const char **names, size_t n)
{
	char list[400];
	if (n == 0)
		return cfg_bad(L, v, "unknown %s '%s' for '%s' %s: no %ss are defined; define it under "
		           "'%s:'", what, cfg_show(v), key, ctx, what, section);
	cfg_join(list, sizeof list, names, n);
	return cfg_bad(L, v, "unknown %s '%s' for '%s' %s: expected one of %s%s", what, cfg_show(v), key,
	           ctx, list, cfg_suggest(cfg_show(v), names, n));
}

int
cfg_ref_calendar(struct ld *L, ynode *v, const char *key, const char *ctx, char **out)
{
	if (cfg_want_scalar(L, v, key, ctx, "the name of a calendar") < 0)
		return -1;
	if (rota_config_calendar(L->cfg, v->str) == NULL) {
		const char **names;
		NAMES_OF(L->cfg->calendars, L->cfg->ncalendars, name, names);
		cfg_unknown_name(L, v, "calendar", "calendars", key, ctx, names, L->cfg->ncalendars);
		free(names);
		return -1;
	}
	*out = cfg_sdup(L, v);
	return 0;
}

int
cfg_ref_queues(struct ld *L, ynode *v, const char *key, const char *ctx, char ***out, size_t *nout)
{
	if (cfg_get_strlist(L, v, key, ctx, "a list of queue names", out, nout) < 0)
		return -1;
	size_t n;
	ynode_t *const *it = cfg_items_of(&v, &n);
	for (size_t i = 0; i < n; i++) {
		if (rota_config_queue(L->cfg, (*out)[i]) != NULL)
			continue;
		const char **names;
		NAMES_OF(L->cfg->queues, L->cfg->nqueues, name, names);
		cfg_unknown_name(L, it[i], "queue", "queues", key, ctx, names, L->cfg->nqueues);
		free(names);
		return -1;
	}
	return 0;
}

/* "match: { priority: [\"1 - Critical\"], team: Group 70 }" */
int
cfg_get_match(struct ld *L, ynode *v, const char *ctx, rota_match **out, size_t *nout)
{
	if (cfg_want_map(L, v, "match", ctx, "a mapping of ticket attributes to values, such as "
	             "{ priority: [\"1 - Critical\"] }") < 0)
		return -1;
	*out = cfg_alloc(L, v->n, sizeof **out);
	*nout = v->n;
	for (size_t i = 0; i < v->n; i++) {
		ynode *k = v->items[2 * i], *val = v->items[2 * i + 1];
		char kctx[400];
		if (cfg_get_name(L, k, "match", ctx, &(*out)[i].attr) < 0)
			return -1;
		snprintf(kctx, sizeof kctx, "in 'match' %s", ctx);
		if (ynode_is_null(val))
			return cfg_wrong_type(L, val, (*out)[i].attr, kctx, "a value or a list of values");
		if (cfg_get_strlist(L, val, (*out)[i].attr, kctx, "a value or a list of values",
		                &(*out)[i].values, &(*out)[i].nvalues) < 0)
			return -1;
	}
	return 0;
}

int
rota_match_test(const rota_match *m, size_t n, const char *(*getter)(void *ctx, const char *attr),
                void *ctx)
{
	for (size_t i = 0; i < n; i++) {
		const char *have = getter(ctx, m[i].attr);
		size_t j;
		if (have == NULL)
			return 0;
		for (j = 0; j < m[i].nvalues; j++)
			if (strcmp(have, m[i].values[j]) == 0)
				break;
		if (j == m[i].nvalues)
			return 0;
	}
	return 1;
}

size_t
rota_level_format(char *buf, size_t n, double level)
{
	if (level >= ROTA_LEVEL_BREACHED)
		return (size_t)snprintf(buf, n, "breached");
	return rota_share_format(buf, n, level);
}

int
cfg_cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return (x > y) - (x < y);
}

int
cfg_cmp_i64(const void *a, const void *b)
{
	int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
	return (x > y) - (x < y);
}

int
cfg_cmp_int(const void *a, const void *b)
{
	int x = *(const int *)a, y = *(const int *)b;
	return (x > y) - (x < y);
}

/* warn: [50%, 75%] and route levels: ["75%", breached].  Ascending, each once. */
int
cfg_get_levels(struct ld *L, ynode *v, const char *key, const char *ctx, int allow_breached,
           double **out, size_t *nout)
{
	const char *expect = allow_breached ?
		"levels such as [\"75%\", breached]: percentages of the target or breached" :
		"percentages of the target such as [50%, 75%]";
	size_t n;
	ynode_t *const *it = cfg_items_of(&v, &n);
	if (v->kind == Y_MAP)
		return cfg_wrong_type(L, v, key, ctx, expect);
	*out = cfg_alloc(L, n, sizeof **out);
	for (size_t i = 0; i < n; i++) {
		if (cfg_want_scalar(L, it[i], key, ctx, expect) < 0)
			return -1;
		double *x = &(*out)[(*nout)++];
		if (allow_breached && strcmp(it[i]->str, "breached") == 0)
			*x = ROTA_LEVEL_BREACHED;
		else if (cfg_parse_percent(it[i]->str, x) < 0)
			return cfg_bad(L, it[i], "bad level '%s' for '%s' %s: expected %s, each above 0%% "
			           "and below 100%%", cfg_show(it[i]), key, ctx, expect);
		for (size_t j = 0; j + 1 < *nout; j++)
			if ((*out)[j] == *x)
				return cfg_bad(L, it[i], "level '%s' is given twice for '%s' %s", cfg_show(it[i]),
				           key, ctx);
	}
	qsort(*out, *nout, sizeof **out, cfg_cmp_double);
	return 0;
}

/* "80/20s": the parser rota-staff's --sl uses, so that both read the same. */
int
cfg_get_sl(struct ld *L, ynode *v, const char *key, const char *ctx, double *share,
           int64_t *secs)
{
	static const char expect[] = "a service level PERCENT/DURATION such as 80/20s "
		"(80% answered within 20 seconds)";
	rota_error e = { 0 };
	if (cfg_want_scalar(L, v, key, ctx, expect) < 0)
		return -1;
	if (rota_parse_service_level(v->str, share, secs, &e) < 0)
		return cfg_bad(L, v, "bad service level '%s' for '%s' %s: expected %s", cfg_show(v),
		               key, ctx, expect);
	return 0;
}

/* The clock events in the order people think of them, for "did you mean". */
static const char *const EVENT_NAMES[] = {
	"created", "reply", "message", "note", "assigned", "unassigned", "resolved", "closed",
	"reopened"
};

int
cfg_get_event(struct ld *L, ynode *v, const char *key, const char *ctx, int *out)
{
	static const char expect[] = "an event: created, reply, message, note, assigned, "
		"unassigned, resolved, closed or reopened";
	if (cfg_want_scalar(L, v, key, ctx, expect) < 0)
		return -1;
	if ((*out = rota_clock_event_parse(v->str)) < 0)
		return cfg_bad(L, v, "unknown event '%s' for '%s' %s: expected %s%s", cfg_show(v), key, ctx,
		           expect, cfg_suggest(cfg_show(v), EVENT_NAMES, sizeof EVENT_NAMES / sizeof *EVENT_NAMES));
	return 0;
}

/* An event or a list of them, as a mask.  An event that both stops and starts a metric
 * makes it periodic: it ends a cycle and starts the next (an update due every N hours). */
int
cfg_get_events(struct ld *L, ynode *v, const char *key, const char *ctx, unsigned *out)
{
	size_t n;
	ynode_t *const *it = cfg_items_of(&v, &n);
	if (v->kind == Y_MAP || n == 0)
		return cfg_wrong_type(L, v, key, ctx, "an event or a list of events");
	for (size_t i = 0; i < n; i++) {
		int ev;
		if (cfg_get_event(L, it[i], key, ctx, &ev) < 0)
			return -1;
		*out |= 1u << ev;
	}
	return 0;
}
