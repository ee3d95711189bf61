/* rota.yaml: read a YAML tree (yaml.c), check every key, type, value and cross-reference
 * against the schema in rota.yaml(5), and build the typed structs of <rota/config.h>.
 *
 * Messages follow one pattern so that users learn it once:
 *   unknown key 'hourz' in calendar 'office': expected one of tz, hours, ...
 *   wrong type for 'hours' in calendar 'office': expected a mapping ..., found a list
 *   bad duration 'abc' for 'aht' in queue 'support': expected ...
 *   unknown calendar 'ofice' for 'calendar' in queue 'support': expected one of ...
 * and point at the offending node (the key for unknown keys, the value otherwise). */
#include <config.h>
#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <syslog.h>
#include <unistd.h>
#include <rota/rota.h>
#include <rota/record.h>
#include <rota/config.h>
#include "yaml-tree.h"

/* A config file is hand-written; anything this big is a mistake (or an attack). */
#define MAX_CONFIG_BYTES (16L << 20)

typedef const rota_ynode ynode;

struct ld {
	rota_config *cfg;
	const char *file;         /* for messages */
	char *dir;                /* the config's directory, for relative .ics paths */
	rota_error *err;
};

static int bad(struct ld *L, ynode *n, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

static int
bad(struct ld *L, ynode *n, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	rota_error_vset(L->err, ROTA_EXIT_USAGE, L->file, n ? n->line : 0, n ? n->col : 0, fmt, ap);
	va_end(ap);
	return -1;
}

/* ---------------------------------------------------------------- small helpers */

/* A scalar's text made safe and short for a message. */
static const char *
show(ynode *n)
{
	static _Thread_local char bufs[4][100];
	static _Thread_local int next;
	char *b = bufs[next++ & 3];
	size_t o = 0;

	if (n == NULL || n->kind != ROTA_Y_SCALAR)
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
static const char *
found(ynode *n)
{
	static _Thread_local char buf[128];
	if (n->kind != ROTA_Y_SCALAR || rota_ynode_is_null(n))
		return rota_ynode_what(n);
	snprintf(buf, sizeof buf, "'%s'", show(n));
	return buf;
}

static size_t
edit_distance(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b);
	if (la > 40 || lb > 40)
		return 99;
	size_t row[41];
	for (size_t j = 0; j <= lb; j++)
		row[j] = j;
	for (size_t i = 1; i <= la; i++) {
		size_t diag = row[0];
		row[0] = i;
		for (size_t j = 1; j <= lb; j++) {
			size_t up = row[j];
			size_t best = diag + (tolower((unsigned char)a[i - 1]) != tolower((unsigned char)b[j - 1]));
			if (up + 1 < best) best = up + 1;
			if (row[j - 1] + 1 < best) best = row[j - 1] + 1;
			row[j] = best;
			diag = up;
		}
	}
	return row[lb];
}

/* " (did you mean 'hours'?)" when one name is close, else "". */
static const char *
suggest(const char *s, const char *const *names, size_t n)
{
	static _Thread_local char buf[160];
	size_t best = 99, at = 0;
	for (size_t i = 0; i < n; i++) {
		size_t d = edit_distance(s, names[i]);
		if (d < best)
			best = d, at = i;
	}
	size_t len = strlen(s);
	if (n == 0 || best == 0 || best > 2 || best * 2 > len)
		return "";
	snprintf(buf, sizeof buf, " (did you mean '%s'?)", names[at]);
	return buf;
}

static void
join(char *buf, size_t size, const char *const *names, size_t n)
{
	size_t o = 0;
	buf[0] = '\0';
	for (size_t i = 0; i < n && o < size; i++)
		o += (size_t)snprintf(buf + o, size - o, "%s%s", i ? ", " : "", names[i]);
	if (o >= size && size > 4)
		memcpy(buf + size - 4, "...", 4);
}

static size_t
count_names(const char *const *names)
{
	size_t n = 0;
	while (names[n])
		n++;
	return n;
}

static int
check_keys(struct ld *L, ynode *m, const char *ctx, const char *const *keys)
{
	size_t nkeys = count_names(keys);
	for (size_t i = 0; i < m->n; i++) {
		ynode *k = m->items[2 * i];
		size_t j;
		for (j = 0; j < nkeys; j++)
			if (strlen(keys[j]) == k->len && memcmp(keys[j], k->str, k->len) == 0)
				break;
		if (j < nkeys)
			continue;
		char list[400];
		join(list, sizeof list, keys, nkeys);
		return bad(L, k, "unknown key '%s' %s: expected one of %s%s", show(k), ctx, list,
		           suggest(show(k), keys, nkeys));
	}
	return 0;
}

static ynode *
get(ynode *m, const char *key)
{
	ynode *v = rota_ymap_get(m, key);
	return rota_ynode_is_null(v) ? NULL : v;
}

static int
wrong_type(struct ld *L, ynode *v, const char *key, const char *ctx, const char *expect)
{
	return bad(L, v, "wrong type for '%s' %s: expected %s, found %s", key, ctx, expect, found(v));
}

static int
want_map(struct ld *L, ynode *v, const char *key, const char *ctx, const char *expect)
{
	return v->kind == ROTA_Y_MAP ? 0 : wrong_type(L, v, key, ctx, expect);
}

static int
want_seq(struct ld *L, ynode *v, const char *key, const char *ctx, const char *expect)
{
	return v->kind == ROTA_Y_SEQ ? 0 : wrong_type(L, v, key, ctx, expect);
}

static int
want_scalar(struct ld *L, ynode *v, const char *key, const char *ctx, const char *expect)
{
	if (v->kind != ROTA_Y_SCALAR || rota_ynode_is_null(v))
		return wrong_type(L, v, key, ctx, expect);
	if (strlen(v->str) != v->len)
		return bad(L, v, "bad value for '%s' %s: it contains a NUL character", key, ctx);
	return 0;
}

static int
missing(struct ld *L, ynode *m, const char *key, const char *ctx, const char *expect)
{
	return bad(L, m, "missing key '%s' %s: expected %s", key, ctx, expect);
}

/* A scalar or a list of them, as one array. */
static rota_ynode *const *
items_of(ynode *const *v, size_t *n)
{
	if ((*v)->kind == ROTA_Y_SEQ) {
		*n = (*v)->n;
		return (*v)->items;
	}
	*n = 1;
	return (rota_ynode *const *)v;
}

static char *
sdup(ynode *v)
{
	return rota_xstrndup(v->str, v->len);
}

static void
set_pos(struct ld *L, ynode *at, char **file, long *line, long *col)
{
	*file = rota_xstrdup(L->file);
	*line = at->line;
	*col = at->col;
}

/* Names that appear in output and on command lines: no control characters, no padding. */
static int
get_name(struct ld *L, ynode *v, const char *key, const char *ctx, char **out)
{
	if (want_scalar(L, v, key, ctx, "a name") < 0)
		return -1;
	for (size_t i = 0; i < v->len; i++)
		if ((unsigned char)v->str[i] < 0x20 || v->str[i] == 0x7f)
			return bad(L, v, "bad name '%s' for '%s' %s: names cannot hold control "
			           "characters", show(v), key, ctx);
	if (isspace((unsigned char)v->str[0]) || isspace((unsigned char)v->str[v->len - 1]))
		return bad(L, v, "bad name '%s' for '%s' %s: a name cannot start or end with a space",
		           show(v), key, ctx);
	*out = sdup(v);
	return 0;
}

static int
get_str(struct ld *L, ynode *v, const char *key, const char *ctx, const char *expect, char **out)
{
	if (want_scalar(L, v, key, ctx, expect) < 0)
		return -1;
	*out = sdup(v);
	return 0;
}

static void
free_strv(char **v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(v[i]);
	free(v);
}

/* A string or a list of strings (at least one). */
static int
get_strlist(struct ld *L, ynode *v, const char *key, const char *ctx, const char *expect,
            char ***out, size_t *nout)
{
	size_t n;
	rota_ynode *const *it = items_of(&v, &n);
	if (v->kind == ROTA_Y_MAP)
		return wrong_type(L, v, key, ctx, expect);
	if (n == 0)
		return bad(L, v, "empty list for '%s' %s: expected %s; leave the key out instead",
		           key, ctx, expect);
	char **s = rota_xcalloc(n, sizeof *s);
	*out = s;
	*nout = n;
	for (size_t i = 0; i < n; i++)
		if (get_name(L, it[i], key, ctx, &s[i]) < 0)
			return -1;
	return 0;
}

/* Strict decimal numbers: YAML's 0x, .inf and .nan are not amounts. */
static int
parse_num(const char *s, double *out)
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

static int
get_int(struct ld *L, ynode *v, const char *key, const char *ctx, long lo, long hi, int *out)
{
	char expect[120];
	snprintf(expect, sizeof expect, "a whole number from %ld to %ld", lo, hi);
	if (want_scalar(L, v, key, ctx, expect) < 0)
		return -1;
	char *end;
	errno = 0;
	long x = strtol(v->str, &end, 10);
	if (v->str[0] == '\0' || isspace((unsigned char)v->str[0]) || *end || errno)
		return bad(L, v, "bad number '%s' for '%s' %s: expected %s", show(v), key, ctx, expect);
	if (x < lo || x > hi)
		return bad(L, v, "number %ld for '%s' %s is out of range: expected %s", x, key, ctx,
		           expect);
	*out = (int)x;
	return 0;
}

static int
get_num(struct ld *L, ynode *v, const char *key, const char *ctx, double lo, double hi,
        double *out)
{
	char expect[120];
	snprintf(expect, sizeof expect, "a number from %g to %g", lo, hi);
	if (want_scalar(L, v, key, ctx, expect) < 0)
		return -1;
	double x;
	if (parse_num(v->str, &x) < 0)
		return bad(L, v, "bad number '%s' for '%s' %s: expected %s", show(v), key, ctx, expect);
	if (x < lo || x > hi)
		return bad(L, v, "number %s for '%s' %s is out of range: expected %s", show(v), key,
		           ctx, expect);
	*out = x;
	return 0;
}

/* "0.30" or "30%".  hi_open: the upper bound itself is not allowed. */
static int
get_ratio(struct ld *L, ynode *v, const char *key, const char *ctx, int lo_open, int hi_open,
          double *out)
{
	char expect[160];
	snprintf(expect, sizeof expect, "a fraction %s 0 to %s 1, such as 0.30 or 30%%",
	         lo_open ? "above" : "from", hi_open ? "below" : "at most");
	if (want_scalar(L, v, key, ctx, expect) < 0)
		return -1;
	char buf[64];
	double x, scale = 1;
	if (v->len >= sizeof buf)
		return bad(L, v, "bad value '%s' for '%s' %s: expected %s", show(v), key, ctx, expect);
	memcpy(buf, v->str, v->len + 1);
	if (v->len > 1 && buf[v->len - 1] == '%') {
		buf[v->len - 1] = '\0';
		scale = 100;
	}
	if (parse_num(buf, &x) < 0)
		return bad(L, v, "bad value '%s' for '%s' %s: expected %s", show(v), key, ctx, expect);
	x /= scale;
	if (x < 0 || (lo_open && x <= 0) || x > 1 || (hi_open && x >= 1))
		return bad(L, v, "value %s for '%s' %s is out of range: expected %s", show(v), key,
		           ctx, expect);
	*out = x;
	return 0;
}

/* "75%" as 0.75, strictly between 0% and 100%. */
static int
parse_percent(const char *s, double *out)
{
	size_t n = strlen(s);
	char buf[32];
	if (n < 2 || n >= sizeof buf || s[n - 1] != '%')
		return -1;
	memcpy(buf, s, n - 1);
	buf[n - 1] = '\0';
	double x;
	if (parse_num(buf, &x) < 0 || x <= 0 || x >= 100)
		return -1;
	*out = x / 100;
	return 0;
}

static const char DUR_EXPECT[] = "a duration such as 90s, 30m, 4h, 1h30m or PT4H";

static int
parse_dur(const char *s, int64_t *out)
{
	rota_error e;
	return rota_duration_parse(s, out, &e);
}

static int
get_dur(struct ld *L, ynode *v, const char *key, const char *ctx, int allow_zero, int64_t *out)
{
	if (want_scalar(L, v, key, ctx, DUR_EXPECT) < 0)
		return -1;
	if (parse_dur(v->str, out) < 0)
		return bad(L, v, "bad duration '%s' for '%s' %s: expected %s", show(v), key, ctx,
		           DUR_EXPECT);
	if (*out == 0 && !allow_zero)
		return bad(L, v, "duration '%s' for '%s' %s must be longer than zero", show(v), key, ctx);
	return 0;
}

static int
get_date(struct ld *L, ynode *v, const char *key, const char *ctx, int64_t *out)
{
	rota_error e;
	if (want_scalar(L, v, key, ctx, "a date such as 2026-12-24") < 0)
		return -1;
	if (rota_date_parse(v->str, out, &e) < 0)
		return bad(L, v, "bad date '%s' for '%s' %s: expected a date YYYY-MM-DD such as "
		           "2026-12-24", show(v), key, ctx);
	return 0;
}

static int
get_tz(struct ld *L, ynode *v, const char *key, const char *ctx, char **out)
{
	rota_error e;
	if (want_scalar(L, v, key, ctx, "an IANA time zone such as Europe/Berlin") < 0)
		return -1;
	if (rota_tz_get(v->str, &e) == NULL)
		return bad(L, v, "unknown time zone '%s' for '%s' %s: expected an IANA name such as "
		           "Europe/Berlin, America/New_York or UTC (see /usr/share/zoneinfo)",
		           show(v), key, ctx);
	*out = sdup(v);
	return 0;
}

/* "unknown calendar 'x' for 'calendar' in ...: expected one of a, b" */
static int
unknown_name(struct ld *L, ynode *v, const char *what, const char *section, const char *key,
             const char *ctx, const char **names, size_t n)
{
	char list[400];
	if (n == 0)
		return bad(L, v, "unknown %s '%s' for '%s' %s: no %ss are defined; define it under "
		           "'%s:'", what, show(v), key, ctx, what, section);
	join(list, sizeof list, names, n);
	return bad(L, v, "unknown %s '%s' for '%s' %s: expected one of %s%s", what, show(v), key,
	           ctx, list, suggest(show(v), names, n));
}

#define NAMES_OF(arr, cnt, field, out) do { \
	(out) = rota_xcalloc((cnt) + 1, sizeof *(out)); \
	for (size_t i_ = 0; i_ < (cnt); i_++) (out)[i_] = (arr)[i_].field; } while (0)

static int
ref_calendar(struct ld *L, ynode *v, const char *key, const char *ctx, char **out)
{
	if (want_scalar(L, v, key, ctx, "the name of a calendar") < 0)
		return -1;
	if (rota_config_calendar(L->cfg, v->str) == NULL) {
		const char **names;
		NAMES_OF(L->cfg->calendars, L->cfg->ncalendars, name, names);
		unknown_name(L, v, "calendar", "calendars", key, ctx, names, L->cfg->ncalendars);
		free(names);
		return -1;
	}
	*out = sdup(v);
	return 0;
}

static int
ref_queues(struct ld *L, ynode *v, const char *key, const char *ctx, char ***out, size_t *nout)
{
	if (get_strlist(L, v, key, ctx, "a list of queue names", out, nout) < 0)
		return -1;
	size_t n;
	rota_ynode *const *it = items_of(&v, &n);
	for (size_t i = 0; i < n; i++) {
		if (rota_config_queue(L->cfg, (*out)[i]) != NULL)
			continue;
		const char **names;
		NAMES_OF(L->cfg->queues, L->cfg->nqueues, name, names);
		unknown_name(L, it[i], "queue", "queues", key, ctx, names, L->cfg->nqueues);
		free(names);
		return -1;
	}
	return 0;
}

/* "match: { priority: [\"1 - Critical\"], team: Group 70 }" */
static int
get_match(struct ld *L, ynode *v, const char *ctx, rota_match **out, size_t *nout)
{
	if (want_map(L, v, "match", ctx, "a mapping of ticket attributes to values, such as "
	             "{ priority: [\"1 - Critical\"] }") < 0)
		return -1;
	*out = rota_xcalloc(v->n, sizeof **out);
	*nout = v->n;
	for (size_t i = 0; i < v->n; i++) {
		ynode *k = v->items[2 * i], *val = v->items[2 * i + 1];
		char kctx[400];
		if (get_name(L, k, "match", ctx, &(*out)[i].attr) < 0)
			return -1;
		snprintf(kctx, sizeof kctx, "in 'match' %s", ctx);
		if (rota_ynode_is_null(val))
			return wrong_type(L, val, (*out)[i].attr, kctx, "a value or a list of values");
		if (get_strlist(L, val, (*out)[i].attr, kctx, "a value or a list of values",
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
	return (size_t)snprintf(buf, n, "%.10g%%", round(level * 100 * 1e6) / 1e6);
}

static int
cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return (x > y) - (x < y);
}

static int
cmp_i64(const void *a, const void *b)
{
	int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
	return (x > y) - (x < y);
}

static int
cmp_int(const void *a, const void *b)
{
	int x = *(const int *)a, y = *(const int *)b;
	return (x > y) - (x < y);
}

/* ---------------------------------------------------------------- calendars */

static const char *const DAY_NAMES[7] = { "mon", "tue", "wed", "thu", "fri", "sat", "sun" };
static const char *const DAY_LONG[7] = {
	"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"
};

static int
day_index(const char *s, size_t n)
{
	for (int d = 0; d < 7; d++)
		if ((n == 3 && strncasecmp(s, DAY_NAMES[d], 3) == 0) ||
		    (n == strlen(DAY_LONG[d]) && strncasecmp(s, DAY_LONG[d], n) == 0))
			return d;
	return -1;
}

static void
trim(const char **s, size_t *n)
{
	while (*n && isspace((unsigned char)**s))
		++*s, --*n;
	while (*n && isspace((unsigned char)(*s)[*n - 1]))
		--*n;
}

/* "mon-fri", "sat", "sat,sun", "fri-mon" (wraps over the weekend) -> bit mask of days. */
static int
parse_days(const char *s, unsigned *mask)
{
	*mask = 0;
	for (;;) {
		const char *comma = strchr(s, ',');
		size_t n = comma ? (size_t)(comma - s) : strlen(s);
		const char *item = s;
		trim(&item, &n);
		const char *dash = memchr(item, '-', n);
		if (dash) {
			size_t n1 = (size_t)(dash - item), n2 = n - n1 - 1;
			const char *a = item, *b = dash + 1;
			trim(&a, &n1);
			trim(&b, &n2);
			int d1 = day_index(a, n1), d2 = day_index(b, n2);
			if (d1 < 0 || d2 < 0)
				return -1;
			for (int d = d1;; d = (d + 1) % 7) {
				*mask |= 1u << d;
				if (d == d2)
					break;
			}
		} else {
			int d = day_index(item, n);
			if (d < 0)
				return -1;
			*mask |= 1u << d;
		}
		if (!comma)
			return 0;
		s = comma + 1;
	}
}

static const char HOURS_EXPECT[] =
	"ranges HH:MM-HH:MM between 00:00 and 24:00, several separated by commas, such as "
	"\"08:00-18:00\" or \"08:00-12:00,13:00-17:00\", or closed";

static int
cmp_range(const void *a, const void *b)
{
	const rota_hours_range *x = a, *y = b;
	return (x->start > y->start) - (x->start < y->start);
}

static int
add_range(struct ld *L, ynode *v, const char *s, size_t n, const char *key, const char *ctx,
          rota_day_hours *h)
{
	char a[32], b[32];
	const char *dash;
	rota_error e;
	int start, end;

	trim(&s, &n);
	dash = memchr(s, '-', n);
	if (dash == NULL || (size_t)(dash - s) >= sizeof a || n - (size_t)(dash - s) - 1 >= sizeof b)
		return bad(L, v, "bad hours '%.*s' for '%s' %s: expected %s", (int)n, s, key, ctx,
		           HOURS_EXPECT);
	size_t na = (size_t)(dash - s), nb = n - na - 1;
	const char *pa = s, *pb = dash + 1;
	trim(&pa, &na);
	trim(&pb, &nb);
	memcpy(a, pa, na), a[na] = '\0';
	memcpy(b, pb, nb), b[nb] = '\0';
	if (rota_clock_parse(a, &start, &e) < 0 || rota_clock_parse(b, &end, &e) < 0 ||
	    start < 0 || end > 86400)
		return bad(L, v, "bad hours '%.*s' for '%s' %s: expected %s", (int)n, s, key, ctx,
		           HOURS_EXPECT);
	if (end <= start)
		return bad(L, v, "hours '%.*s' for '%s' %s end before they start: a range cannot "
		           "cross midnight; write \"%s-24:00\" for this day and \"00:00-%s\" for the "
		           "next", (int)n, s, key, ctx, a, b);
	h->r = rota_xreallocarray(h->r, h->n + 1, sizeof *h->r);
	h->r[h->n].start = start;
	h->r[h->n].end = end;
	h->n++;
	return 0;
}

/* Touching ranges join; overlapping ones are a mistake worth stopping for. */
static int
normalize_ranges(struct ld *L, ynode *v, const char *key, const char *ctx, rota_day_hours *h)
{
	size_t o = 0;
	qsort(h->r, h->n, sizeof *h->r, cmp_range);
	for (size_t i = 0; i < h->n; i++) {
		if (o > 0 && h->r[i].start < h->r[o - 1].end) {
			char a[16], b[16], c[16], d[16];
			rota_clock_format(a, sizeof a, h->r[o - 1].start);
			rota_clock_format(b, sizeof b, h->r[o - 1].end);
			rota_clock_format(c, sizeof c, h->r[i].start);
			rota_clock_format(d, sizeof d, h->r[i].end);
			return bad(L, v, "hours for '%s' %s overlap: %s-%s and %s-%s; give each time once",
			           key, ctx, a, b, c, d);
		}
		if (o > 0 && h->r[i].start == h->r[o - 1].end)
			h->r[o - 1].end = h->r[i].end;
		else
			h->r[o++] = h->r[i];
	}
	h->n = o;
	return 0;
}

/* "08:00-12:00,13:00-17:00", a list of such strings, or "closed". */
static int
get_hours(struct ld *L, ynode *v, const char *key, const char *ctx, rota_day_hours *h)
{
	size_t n;
	rota_ynode *const *it = items_of(&v, &n);
	if (v->kind == ROTA_Y_MAP || rota_ynode_is_null(v))
		return wrong_type(L, v, key, ctx, HOURS_EXPECT);
	if (v->kind == ROTA_Y_SCALAR && strcasecmp(v->str, "closed") == 0)
		return 0;
	if (n == 0)
		return bad(L, v, "empty list for '%s' %s: expected %s", key, ctx, HOURS_EXPECT);
	for (size_t i = 0; i < n; i++) {
		if (want_scalar(L, it[i], key, ctx, HOURS_EXPECT) < 0)
			return -1;
		const char *s = it[i]->str;
		for (;;) {
			const char *comma = strchr(s, ',');
			size_t len = comma ? (size_t)(comma - s) : strlen(s);
			if (add_range(L, it[i], s, len, key, ctx, h) < 0)
				return -1;
			if (!comma)
				break;
			s = comma + 1;
		}
	}
	return normalize_ranges(L, v, key, ctx, h);
}

static int
calendar_hours(struct ld *L, ynode *v, const char *ctx, rota_calendar_def *c)
{
	ynode *by[7] = { 0 };
	if (want_map(L, v, "hours", ctx, "a mapping of days to hours, such as "
	             "{ mon-fri: \"08:00-18:00\", sat: \"10:00-14:00\" }") < 0)
		return -1;
	for (size_t i = 0; i < v->n; i++) {
		ynode *k = v->items[2 * i], *val = v->items[2 * i + 1];
		unsigned mask;
		if (parse_days(k->str, &mask) < 0)
			return bad(L, k, "bad days '%s' in 'hours' %s: expected day names mon, tue, wed, "
			           "thu, fri, sat, sun, ranges such as mon-fri, or lists such as sat,sun",
			           show(k), ctx);
		for (int d = 0; d < 7; d++) {
			if (!(mask & (1u << d)))
				continue;
			if (by[d])
				return bad(L, k, "%s is given twice in 'hours' %s (also by '%s' on line %ld): "
				           "give each day once", DAY_NAMES[d], ctx, show(by[d]), by[d]->line);
			by[d] = k;
		}
		char kctx[400];
		snprintf(kctx, sizeof kctx, "in 'hours' %s", ctx);
		rota_day_hours h = { 0 };
		if (get_hours(L, val, show(k), kctx, &h) < 0) {
			free(h.r);
			return -1;
		}
		for (int d = 0; d < 7; d++) {
			if (!(mask & (1u << d)))
				continue;
			c->week[d].n = h.n;
			c->week[d].r = rota_xreallocarray(NULL, h.n, sizeof *h.r);
			if (h.n)
				memcpy(c->week[d].r, h.r, h.n * sizeof *h.r);
		}
		free(h.r);
	}
	for (int d = 0; d < 7; d++)
		if (c->week[d].n)
			return 0;
	return bad(L, v, "calendar '%s' is never open: give open hours for at least one day, or "
	           "leave 'hours' out for a calendar open around the clock", c->name);
}

static int
cmp_override(const void *a, const void *b)
{
	const rota_date_hours *x = a, *y = b;
	return (x->day > y->day) - (x->day < y->day);
}

static int
calendar_overrides(struct ld *L, ynode *v, const char *ctx, rota_calendar_def *c)
{
	if (want_map(L, v, "overrides", ctx, "a mapping of dates to hours, such as "
	             "{ 2026-12-24: \"08:00-12:00\", 2026-12-31: closed }") < 0)
		return -1;
	c->overrides = rota_xcalloc(v->n, sizeof *c->overrides);
	char kctx[400];
	snprintf(kctx, sizeof kctx, "in 'overrides' %s", ctx);
	for (size_t i = 0; i < v->n; i++) {
		ynode *k = v->items[2 * i];
		rota_date_hours *o = &c->overrides[c->noverrides++];
		if (get_date(L, k, "overrides", ctx, &o->day) < 0)
			return -1;
		if (get_hours(L, v->items[2 * i + 1], show(k), kctx, &o->hours) < 0)
			return -1;
	}
	qsort(c->overrides, c->noverrides, sizeof *c->overrides, cmp_override);
	for (size_t i = 1; i < c->noverrides; i++)
		if (c->overrides[i].day == c->overrides[i - 1].day)
			return bad(L, v, "a date is given twice in 'overrides' %s", ctx);
	return 0;
}

static int
looks_like_date(const char *s)
{
	for (int i = 0; i < 10; i++)
		if (i == 4 || i == 7 ? s[i] != '-' : !isdigit((unsigned char)s[i]))
			return 0;
	return s[10] == '\0';
}

static char *
resolve_path(struct ld *L, const char *p)
{
	if (p[0] == '/' || L->dir[0] == '\0')
		return rota_xstrdup(p);
	size_t n = strlen(L->dir) + strlen(p) + 2;
	char *r = rota_xmalloc(n);
	snprintf(r, n, "%s/%s", L->dir, p);
	return r;
}

/* The calendar engine expands .ics files; here we only make sure it will be able to. */
static int
holiday_file(struct ld *L, ynode *v, const char *ctx, rota_calendar_def *c)
{
	char *path = resolve_path(L, v->str);
	struct stat st;
	const char *why = NULL;
	/* stat first: opening a device node named by mistake can have side effects. */
	if (stat(path, &st) != 0) {
		why = strerror(errno);
	} else if (!S_ISREG(st.st_mode)) {
		why = S_ISDIR(st.st_mode) ? "it is a directory" : "it is not a regular file";
	} else {
		int fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK);
		if (fd < 0)
			why = strerror(errno);
		else
			close(fd);
	}
	if (why) {
		int r = strcmp(path, v->str) == 0 ?
			bad(L, v, "cannot read holiday file '%s' %s: %s; expected an .ics file or a "
			    "date YYYY-MM-DD", show(v), ctx, why) :
			bad(L, v, "cannot read holiday file '%s' %s (looked for %s): %s; relative paths "
			    "start at the directory of the config file", show(v), ctx, path, why);
		free(path);
		return r;
	}
	c->holiday_files[c->nholiday_files++] = path;
	return 0;
}

static int
cmp_holiday(const void *a, const void *b)
{
	const rota_holiday *x = a, *y = b;
	return (x->day > y->day) - (x->day < y->day);
}

static int
calendar_holidays(struct ld *L, ynode *v, const char *ctx, rota_calendar_def *c)
{
	static const char *const hkeys[] = { "date", "name", NULL };
	size_t n;
	rota_ynode *const *it = items_of(&v, &n);
	if (v->kind == ROTA_Y_MAP)
		return wrong_type(L, v, "holidays", ctx, "a list of dates and .ics files, such as "
		                  "[ holidays/de.ics, 2026-12-24 ]");
	c->holidays = rota_xcalloc(n, sizeof *c->holidays);
	c->holiday_files = rota_xcalloc(n, sizeof *c->holiday_files);
	for (size_t i = 0; i < n; i++) {
		ynode *e = it[i];
		if (e->kind == ROTA_Y_MAP) {
			char hctx[400];
			snprintf(hctx, sizeof hctx, "in a holiday %s", ctx);
			if (check_keys(L, e, hctx, hkeys) < 0)
				return -1;
			rota_holiday *h = &c->holidays[c->nholidays++];
			ynode *d = get(e, "date"), *nm = get(e, "name");
			if (d == NULL)
				return missing(L, e, "date", hctx, "a date such as 2026-12-24");
			if (get_date(L, d, "date", hctx, &h->day) < 0)
				return -1;
			for (size_t j = 0; j < c->noverrides; j++)
				if (c->overrides[j].day == h->day)
					return bad(L, d, "%s is both a holiday and an override %s: remove it "
					           "from one of them", show(d), ctx);
			if (nm && get_name(L, nm, "name", hctx, &h->name) < 0)
				return -1;
			continue;
		}
		if (want_scalar(L, e, "holidays", ctx, "a date YYYY-MM-DD or the path of an .ics file") < 0)
			return -1;
		if (looks_like_date(e->str) || (e->plain && isdigit((unsigned char)e->str[0]) &&
		                                 strchr(e->str, '-') && !strchr(e->str, '.'))) {
			int64_t d;
			if (get_date(L, e, "holidays", ctx, &d) < 0)
				return -1;
			for (size_t j = 0; j < c->noverrides; j++)
				if (c->overrides[j].day == d)
					return bad(L, e, "%s is both a holiday and an override %s: remove it "
					           "from one of them", show(e), ctx);
			c->holidays[c->nholidays++].day = d;
		} else if (holiday_file(L, e, ctx, c) < 0) {
			return -1;
		}
	}
	qsort(c->holidays, c->nholidays, sizeof *c->holidays, cmp_holiday);
	/* The same date twice (a copy and paste) is harmless: keep the first, and its name. */
	size_t o = 0;
	for (size_t i = 0; i < c->nholidays; i++) {
		if (o > 0 && c->holidays[i].day == c->holidays[o - 1].day) {
			if (c->holidays[o - 1].name == NULL) {
				c->holidays[o - 1].name = c->holidays[i].name;
				c->holidays[i].name = NULL;
			}
			free(c->holidays[i].name);
			continue;
		}
		c->holidays[o++] = c->holidays[i];
	}
	c->nholidays = o;
	return 0;
}

static int
load_calendar(struct ld *L, ynode *k, ynode *v, rota_calendar_def *c)
{
	static const char *const keys[] = { "tz", "hours", "overrides", "holidays", NULL };
	char ctx[300];
	ynode *x;

	if (get_name(L, k, "calendars", "at the top level", &c->name) < 0)
		return -1;
	set_pos(L, k, &c->file, &c->line, &c->col);
	snprintf(ctx, sizeof ctx, "in calendar '%s'", c->name);
	if (want_map(L, v, c->name, "in 'calendars'", "a mapping with tz, hours, overrides, "
	             "holidays") < 0 || check_keys(L, v, ctx, keys) < 0)
		return -1;
	if ((x = get(v, "tz")) != NULL) {
		if (get_tz(L, x, "tz", ctx, &c->tz) < 0)
			return -1;
	} else {
		c->tz = rota_xstrdup(L->cfg->tz ? L->cfg->tz : "UTC");
	}
	if ((x = get(v, "hours")) != NULL) {
		if (calendar_hours(L, x, ctx, c) < 0)
			return -1;
	} else {
		for (int d = 0; d < 7; d++) {
			c->week[d].r = rota_xmalloc(sizeof *c->week[d].r);
			c->week[d].r[0].start = 0;
			c->week[d].r[0].end = 86400;
			c->week[d].n = 1;
		}
	}
	if ((x = get(v, "overrides")) != NULL && calendar_overrides(L, x, ctx, c) < 0)
		return -1;
	if ((x = get(v, "holidays")) != NULL && calendar_holidays(L, x, ctx, c) < 0)
		return -1;
	return 0;
}

static int
load_calendars(struct ld *L, ynode *v)
{
	rota_config *cfg = L->cfg;
	if (want_map(L, v, "calendars", "at the top level", "a mapping of calendar names to "
	             "calendars, such as { office: { tz: Europe/Berlin, hours: ... } }") < 0)
		return -1;
	cfg->calendars = rota_xcalloc(v->n, sizeof *cfg->calendars);
	for (size_t i = 0; i < v->n; i++) {
		cfg->ncalendars++;
		if (load_calendar(L, v->items[2 * i], v->items[2 * i + 1], &cfg->calendars[i]) < 0)
			return -1;
	}
	return 0;
}

/* ---------------------------------------------------------------- queues */

static const char *const CHANNELS[] = { "voice", "chat", "email", NULL };

/* "80/20s": 80 % answered within 20 s.  "80%/20s" and "87.5/1m" too. */
static int
get_sl(struct ld *L, ynode *v, const char *ctx, rota_queue_def *q)
{
	static const char expect[] = "a service level PERCENT/DURATION such as 80/20s "
		"(80% answered within 20 seconds)";
	if (want_scalar(L, v, "sl", ctx, expect) < 0)
		return -1;
	const char *slash = strchr(v->str, '/');
	char pct[32];
	double p;
	size_t n = slash ? (size_t)(slash - v->str) : 0;
	if (slash == NULL || n == 0 || n >= sizeof pct - 1)
		return bad(L, v, "bad service level '%s' for 'sl' %s: expected %s", show(v), ctx, expect);
	memcpy(pct, v->str, n);
	pct[n] = '\0';
	if (pct[n - 1] == '%')
		pct[n - 1] = '\0';
	if (parse_num(pct, &p) < 0 || p <= 0 || p > 100 || parse_dur(slash + 1, &q->sl_time) < 0 ||
	    q->sl_time <= 0)
		return bad(L, v, "bad service level '%s' for 'sl' %s: expected %s", show(v), ctx, expect);
	q->sl_target = p / 100;
	return 0;
}

static int
load_queue(struct ld *L, ynode *k, ynode *v, rota_queue_def *q)
{
	static const char *const keys[] = {
		"channel", "aht", "sl", "asa", "max_occupancy", "shrinkage", "concurrency",
		"respond_within", "patience", "calendar", NULL
	};
	char ctx[300];
	ynode *x;

	q->aht = q->sl_time = q->asa = q->respond_within = q->patience = -1;
	q->sl_target = q->max_occupancy = q->shrinkage = -1;
	if (get_name(L, k, "queues", "at the top level", &q->name) < 0)
		return -1;
	set_pos(L, k, &q->file, &q->line, &q->col);
	snprintf(ctx, sizeof ctx, "in queue '%s'", q->name);
	if (want_map(L, v, q->name, "in 'queues'", "a mapping with channel, aht, sl, ...") < 0 ||
	    check_keys(L, v, ctx, keys) < 0)
		return -1;
	if ((x = get(v, "channel")) != NULL) {
		if (want_scalar(L, x, "channel", ctx, "voice, chat or email") < 0)
			return -1;
		size_t i;
		for (i = 0; CHANNELS[i]; i++)
			if (strcmp(x->str, CHANNELS[i]) == 0)
				break;
		if (CHANNELS[i] == NULL)
			return bad(L, x, "unknown channel '%s' for 'channel' %s: expected one of voice, "
			           "chat, email%s", show(x), ctx, suggest(show(x), CHANNELS, 3));
		q->channel = sdup(x);
	}
	if ((x = get(v, "aht")) != NULL && get_dur(L, x, "aht", ctx, 0, &q->aht) < 0)
		return -1;
	if ((x = get(v, "sl")) != NULL && get_sl(L, x, ctx, q) < 0)
		return -1;
	if ((x = get(v, "asa")) != NULL && get_dur(L, x, "asa", ctx, 0, &q->asa) < 0)
		return -1;
	if ((x = get(v, "max_occupancy")) != NULL &&
	    get_ratio(L, x, "max_occupancy", ctx, 1, 0, &q->max_occupancy) < 0)
		return -1;
	if ((x = get(v, "shrinkage")) != NULL &&
	    get_ratio(L, x, "shrinkage", ctx, 0, 1, &q->shrinkage) < 0)
		return -1;
	if ((x = get(v, "concurrency")) != NULL) {
		if (get_int(L, x, "concurrency", ctx, 1, 100, &q->concurrency) < 0)
			return -1;
		if (q->channel == NULL || strcmp(q->channel, "chat") != 0)
			return bad(L, x, "'concurrency' %s applies to chat: add 'channel: chat' to the "
			           "queue, or remove 'concurrency'", ctx);
	}
	if ((x = get(v, "respond_within")) != NULL &&
	    get_dur(L, x, "respond_within", ctx, 0, &q->respond_within) < 0)
		return -1;
	if ((x = get(v, "patience")) != NULL && get_dur(L, x, "patience", ctx, 0, &q->patience) < 0)
		return -1;
	if ((x = get(v, "calendar")) != NULL && ref_calendar(L, x, "calendar", ctx, &q->calendar) < 0)
		return -1;
	return 0;
}

static int
load_queues(struct ld *L, ynode *v)
{
	rota_config *cfg = L->cfg;
	if (want_map(L, v, "queues", "at the top level", "a mapping of queue names to queues, "
	             "such as { support: { channel: voice, aht: 300s } }") < 0)
		return -1;
	cfg->queues = rota_xcalloc(v->n, sizeof *cfg->queues);
	for (size_t i = 0; i < v->n; i++) {
		cfg->nqueues++;
		if (load_queue(L, v->items[2 * i], v->items[2 * i + 1], &cfg->queues[i]) < 0)
			return -1;
	}
	return 0;
}

/* ---------------------------------------------------------------- sla: and ola: */

static const char *const EVENT_NAMES[ROTA_EV_COUNT] = {
	"created", "reply", "note", "assigned", "unassigned", "resolved", "closed", "reopened",
	"message"
};

const char *
rota_clock_event_name(int ev)
{
	return ev >= 0 && ev < ROTA_EV_COUNT ? EVENT_NAMES[ev] : NULL;
}

int
rota_clock_event_parse(const char *s)
{
	for (int i = 0; i < ROTA_EV_COUNT; i++)
		if (strcmp(s, EVENT_NAMES[i]) == 0)
			return i;
	return -1;
}

static int
get_event(struct ld *L, ynode *v, const char *key, const char *ctx, int *out)
{
	static const char expect[] = "an event: created, reply, note, assigned, unassigned, "
		"resolved, closed or reopened";
	if (want_scalar(L, v, key, ctx, expect) < 0)
		return -1;
	if ((*out = rota_clock_event_parse(v->str)) < 0)
		return bad(L, v, "unknown event '%s' for '%s' %s: expected %s%s", show(v), key, ctx,
		           expect, suggest(show(v), EVENT_NAMES, ROTA_EV_COUNT));
	return 0;
}

/* warn: [50%, 75%] and route levels: ["75%", breached].  Ascending, each once. */
static int
get_levels(struct ld *L, ynode *v, const char *key, const char *ctx, int allow_breached,
           double **out, size_t *nout)
{
	const char *expect = allow_breached ?
		"levels such as [\"75%\", breached]: percentages of the target or breached" :
		"percentages of the target such as [50%, 75%]";
	size_t n;
	rota_ynode *const *it = items_of(&v, &n);
	if (v->kind == ROTA_Y_MAP)
		return wrong_type(L, v, key, ctx, expect);
	*out = rota_xcalloc(n, sizeof **out);
	for (size_t i = 0; i < n; i++) {
		if (want_scalar(L, it[i], key, ctx, expect) < 0)
			return -1;
		double *x = &(*out)[(*nout)++];
		if (allow_breached && strcmp(it[i]->str, "breached") == 0)
			*x = ROTA_LEVEL_BREACHED;
		else if (parse_percent(it[i]->str, x) < 0)
			return bad(L, it[i], "bad level '%s' for '%s' %s: expected %s, each above 0%% "
			           "and below 100%%", show(it[i]), key, ctx, expect);
		for (size_t j = 0; j + 1 < *nout; j++)
			if ((*out)[j] == *x)
				return bad(L, it[i], "level '%s' is given twice for '%s' %s", show(it[i]),
				           key, ctx);
	}
	qsort(*out, *nout, sizeof **out, cmp_double);
	return 0;
}

static int
load_metric(struct ld *L, ynode *k, ynode *v, const char *pctx, int kind, rota_metric_def *m)
{
	static const char *const keys[] = {
		"target", "start", "stop", "stop_status", "pause_status", "warn", "on_reopen", NULL
	};
	char ctx[400];
	ynode *x;

	if (get_name(L, k, "metrics", pctx, &m->name) < 0)
		return -1;
	set_pos(L, k, &m->file, &m->line, &m->col);
	snprintf(ctx, sizeof ctx, "in metric '%s' of %s", m->name, pctx + 3);
	if (want_map(L, v, m->name, pctx, "a mapping with target, start, stop, ...") < 0 ||
	    check_keys(L, v, ctx, keys) < 0)
		return -1;
	if ((x = get(v, "target")) == NULL)
		return missing(L, v, "target", ctx, "a duration of business time such as 4h");
	if (get_dur(L, x, "target", ctx, 0, &m->target) < 0)
		return -1;
	m->start = kind == ROTA_POLICY_OLA ? ROTA_EV_ASSIGNED : ROTA_EV_CREATED;
	if ((x = get(v, "start")) != NULL && get_event(L, x, "start", ctx, &m->start) < 0)
		return -1;
	if ((x = get(v, "stop")) != NULL) {
		size_t n;
		rota_ynode *const *it = items_of(&x, &n);
		if (x->kind == ROTA_Y_MAP || n == 0)
			return wrong_type(L, x, "stop", ctx, "an event or a list of events");
		for (size_t i = 0; i < n; i++) {
			int ev;
			if (get_event(L, it[i], "stop", ctx, &ev) < 0)
				return -1;
			if (ev == m->start)
				return bad(L, it[i], "event '%s' both starts and stops the clock %s: remove "
				           "it from 'stop'", EVENT_NAMES[ev], ctx);
			m->stop |= 1u << ev;
		}
	}
	if ((x = get(v, "stop_status")) != NULL &&
	    get_strlist(L, x, "stop_status", ctx, "a list of statuses", &m->stop_status,
	                &m->nstop_status) < 0)
		return -1;
	if ((x = get(v, "pause_status")) != NULL &&
	    get_strlist(L, x, "pause_status", ctx, "a list of statuses", &m->pause_status,
	                &m->npause_status) < 0)
		return -1;
	for (size_t i = 0; i < m->npause_status; i++)
		for (size_t j = 0; j < m->nstop_status; j++)
			if (strcmp(m->pause_status[i], m->stop_status[j]) == 0)
				return bad(L, get(v, "pause_status"), "status '%s' is in both 'pause_status' "
				           "and 'stop_status' %s: a status either pauses or stops the clock",
				           m->pause_status[i], ctx);
	/* Without any stop condition a clock would run forever. */
	if (get(v, "stop") == NULL && m->nstop_status == 0) {
		m->stop = 1u << ROTA_EV_RESOLVED | 1u << ROTA_EV_CLOSED;
		if (kind == ROTA_POLICY_OLA)
			m->stop |= 1u << ROTA_EV_UNASSIGNED;
		m->stop &= ~(1u << m->start);
	}
	if ((x = get(v, "warn")) != NULL &&
	    get_levels(L, x, "warn", ctx, 0, &m->warn, &m->nwarn) < 0)
		return -1;
	if ((x = get(v, "on_reopen")) != NULL) {
		if (want_scalar(L, x, "on_reopen", ctx, "resume or restart") < 0)
			return -1;
		if (strcmp(x->str, "resume") == 0)
			m->on_reopen = ROTA_REOPEN_RESUME;
		else if (strcmp(x->str, "restart") == 0)
			m->on_reopen = ROTA_REOPEN_RESTART;
		else
			return bad(L, x, "bad value '%s' for 'on_reopen' %s: expected resume (go on "
			           "from the time already elapsed) or restart (start again from zero)",
			           show(x), ctx);
	}
	return 0;
}

static int
load_policy(struct ld *L, ynode *v, size_t idx, int kind, rota_policy *p)
{
	static const char *const keys[] = { "name", "match", "calendar", "metrics", NULL };
	const char *sec = kind == ROTA_POLICY_SLA ? "sla" : "ola";
	char ctx[300];
	ynode *x;

	p->kind = kind;
	snprintf(ctx, sizeof ctx, "in %s policy #%zu", sec, idx + 1);
	if (want_map(L, v, sec, "at the top level", "a list of policies, each a mapping with "
	             "name, match, calendar, metrics") < 0)
		return -1;
	set_pos(L, v, &p->file, &p->line, &p->col);
	if ((x = get(v, "name")) == NULL)
		return missing(L, v, "name", ctx, "a name for the policy, such as p1");
	if (get_name(L, x, "name", ctx, &p->name) < 0)
		return -1;
	for (size_t i = 0; i < idx; i++) {
		rota_policy *o = kind == ROTA_POLICY_SLA ? &L->cfg->sla[i] : &L->cfg->ola[i];
		if (strcmp(o->name, p->name) == 0)
			return bad(L, x, "%s policy '%s' is defined twice (first on line %ld): give each "
			           "policy its own name", sec, p->name, o->line);
	}
	snprintf(ctx, sizeof ctx, "in %s policy '%s'", sec, p->name);
	if (check_keys(L, v, ctx, keys) < 0)
		return -1;
	if ((x = get(v, "match")) != NULL && get_match(L, x, ctx, &p->match, &p->nmatch) < 0)
		return -1;
	if ((x = get(v, "calendar")) != NULL && ref_calendar(L, x, "calendar", ctx, &p->calendar) < 0)
		return -1;
	if ((x = get(v, "metrics")) == NULL)
		return missing(L, v, "metrics", ctx, "a mapping of metric names to targets, such as "
		               "{ resolution: { target: 4h } }");
	if (want_map(L, x, "metrics", ctx, "a mapping of metric names to targets, such as "
	             "{ resolution: { target: 4h } }") < 0)
		return -1;
	if (x->n == 0)
		return bad(L, x, "no metrics %s: expected at least one, such as "
		           "{ resolution: { target: 4h } }", ctx);
	p->metrics = rota_xcalloc(x->n, sizeof *p->metrics);
	for (size_t i = 0; i < x->n; i++) {
		p->nmetrics++;
		if (load_metric(L, x->items[2 * i], x->items[2 * i + 1], ctx, kind, &p->metrics[i]) < 0)
			return -1;
	}
	return 0;
}

static int
load_policies(struct ld *L, ynode *v, int kind)
{
	const char *sec = kind == ROTA_POLICY_SLA ? "sla" : "ola";
	rota_policy **arr = kind == ROTA_POLICY_SLA ? &L->cfg->sla : &L->cfg->ola;
	size_t *n = kind == ROTA_POLICY_SLA ? &L->cfg->nsla : &L->cfg->nola;
	if (want_seq(L, v, sec, "at the top level", "a list of policies (first match wins), "
	             "each with name, match, calendar, metrics") < 0)
		return -1;
	*arr = rota_xcalloc(v->n, sizeof **arr);
	for (size_t i = 0; i < v->n; i++) {
		++*n;
		if (load_policy(L, v->items[i], i, kind, &(*arr)[i]) < 0)
			return -1;
	}
	return 0;
}

/* ---------------------------------------------------------------- roster: */

static const char *const RULE_KEYS[] = {
	"min_rest", "max_consecutive_days", "min_consecutive_days", "min_consecutive_days_off",
	"max_weekends", "minutes", "max_shifts", NULL
};

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
	if (want_scalar(L, v, key, ctx, expect) < 0)
		return -1;
	const char *s = v->str, *dash = strchr(s, '-');
	if (dash == NULL || strchr(dash + 1, '-') || (dash == s && dash[1] == '\0'))
		return bad(L, v, "bad minutes '%s' for '%s' %s: expected %s", show(v), key, ctx, expect);
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
				return bad(L, v, "bad minutes '%s' for '%s' %s: expected %s", show(v), key,
				           ctx, expect);
			x = x * 10 + (*q - '0');
		}
		*(side ? &b : &a) = x;
	}
	if (a >= 0 && b >= 0 && a > b)
		return bad(L, v, "minutes '%s' for '%s' %s: the minimum is above the maximum", show(v),
		           key, ctx);
	*lo = a;
	*hi = b;
	return 0;
}

static int
load_rules(struct ld *L, ynode *v, const char *ctx, int overrides, rota_rules *r)
{
	static const char *const mkeys[] = { "week", "horizon", NULL };
	rota_roster_def *ro = L->cfg->roster;
	ynode *x;

	if (check_keys(L, v, ctx, RULE_KEYS) < 0)
		return -1;
	if ((x = get(v, "min_rest")) != NULL && get_dur(L, x, "min_rest", ctx, 1, &r->min_rest) < 0)
		return -1;
	if ((x = get(v, "max_consecutive_days")) != NULL &&
	    get_int(L, x, "max_consecutive_days", ctx, 1, 10000, &r->max_consecutive_days) < 0)
		return -1;
	if ((x = get(v, "min_consecutive_days")) != NULL &&
	    get_int(L, x, "min_consecutive_days", ctx, 1, 10000, &r->min_consecutive_days) < 0)
		return -1;
	if ((x = get(v, "min_consecutive_days_off")) != NULL &&
	    get_int(L, x, "min_consecutive_days_off", ctx, 1, 10000, &r->min_consecutive_days_off) < 0)
		return -1;
	if ((x = get(v, "max_weekends")) != NULL &&
	    get_int(L, x, "max_weekends", ctx, 0, 10000, &r->max_weekends) < 0)
		return -1;
	if ((x = get(v, "minutes")) != NULL) {
		char mctx[400];
		snprintf(mctx, sizeof mctx, "in 'minutes' %s", ctx);
		if (want_map(L, x, "minutes", ctx, "a mapping such as { week: \"2160-2400\", "
		             "horizon: \"4320-4800\" }") < 0 || check_keys(L, x, mctx, mkeys) < 0)
			return -1;
		ynode *w = get(x, "week"), *h = get(x, "horizon");
		if (w && get_minutes_range(L, w, "week", mctx, &r->week_min, &r->week_max) < 0)
			return -1;
		if (h && get_minutes_range(L, h, "horizon", mctx, &r->horizon_min, &r->horizon_max) < 0)
			return -1;
	}
	if ((x = get(v, "max_shifts")) != NULL) {
		char mctx[400];
		snprintf(mctx, sizeof mctx, "in 'max_shifts' %s", ctx);
		if (want_map(L, x, "max_shifts", ctx, "a mapping of shift ids to counts, such as "
		             "{ N: 4 }") < 0)
			return -1;
		if (r->max_shifts == NULL && x->n) {
			r->max_shifts = rota_xcalloc(ro->nshifts, sizeof *r->max_shifts);
			for (size_t i = 0; i < ro->nshifts; i++)
				r->max_shifts[i] = -1;
		}
		for (size_t i = 0; i < x->n; i++) {
			ynode *k = x->items[2 * i];
			long s = rota_roster_shift_index(ro, k->str);
			if (s < 0) {
				const char **names;
				NAMES_OF(ro->shifts, ro->nshifts, id, names);
				unknown_name(L, k, "shift", "roster: shifts", "max_shifts", ctx, names,
				             ro->nshifts);
				free(names);
				return -1;
			}
			if (get_int(L, x->items[2 * i + 1], show(k), mctx, 0, 100000,
			            &r->max_shifts[s]) < 0)
				return -1;
		}
	}
	if (r->min_consecutive_days > 0 && r->max_consecutive_days > 0 &&
	    r->min_consecutive_days > r->max_consecutive_days)
		return bad(L, v, "min_consecutive_days (%d) is above max_consecutive_days (%d) %s%s",
		           r->min_consecutive_days, r->max_consecutive_days, ctx,
		           overrides ? " after the agent's overrides" : "");
	return 0;
}

static void
rules_copy(rota_rules *dst, const rota_rules *src, size_t nshifts)
{
	*dst = *src;
	if (src->max_shifts) {
		dst->max_shifts = rota_xreallocarray(NULL, nshifts, sizeof *dst->max_shifts);
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
	rota_ynode *const *it = items_of(&v, &n);
	rota_error e;
	if (v->kind == ROTA_Y_MAP || n == 0)
		return wrong_type(L, v, "start", ctx, expect);
	for (size_t i = 0; i < n; i++) {
		if (want_scalar(L, it[i], "start", ctx, expect) < 0)
			return -1;
		const char *str = it[i]->str, *dash = strchr(str, '-'), *slash = strchr(str, '/');
		char a[32], b[32];
		int from, to;
		int64_t step = 1;
		if ((dash == NULL) != (slash == NULL) || (dash && slash < dash) ||
		    strlen(str) >= sizeof a)
			return bad(L, it[i], "bad start '%s' %s: expected %s", show(it[i]), ctx, expect);
		if (dash) {
			snprintf(a, sizeof a, "%.*s", (int)(dash - str), str);
			snprintf(b, sizeof b, "%.*s", (int)(slash - dash - 1), dash + 1);
		} else {
			snprintf(a, sizeof a, "%s", str);
			snprintf(b, sizeof b, "%s", str);
		}
		if (rota_clock_parse(a, &from, &e) < 0 || rota_clock_parse(b, &to, &e) < 0 ||
		    from >= 86400 || to >= 86400 || (slash && parse_dur(slash + 1, &step) < 0))
			return bad(L, it[i], "bad start '%s' %s: expected %s (times before 24:00)",
			           show(it[i]), ctx, expect);
		if (to < from || step <= 0)
			return bad(L, it[i], "bad start range '%s' %s: the range must run forward and "
			           "the step be longer than zero", show(it[i]), ctx);
		for (int64_t t = from; t <= to; t += step) {
			/* More starts than minutes in a day is a typo in the step, and would blow
			 * up the roster's integer program. */
			if (s->nstarts == MAX_STARTS)
				return bad(L, it[i], "too many start times %s (more than %d): use a "
				           "longer step", ctx, MAX_STARTS);
			if ((s->nstarts & (s->nstarts - 1)) == 0)
				s->starts = rota_xreallocarray(s->starts, s->nstarts ? 2 * s->nstarts : 1,
				                               sizeof *s->starts);
			s->starts[s->nstarts++] = (int)t;
		}
	}
	qsort(s->starts, s->nstarts, sizeof *s->starts, cmp_int);
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
	static const char *const keys[] = { "length", "within", NULL };
	static const char wexpect[] = "a window after the shift's start such as \"3h-5h\"";
	if (want_seq(L, v, "breaks", ctx, "a list of breaks such as [ { length: 30m, within: "
	             "\"3h-5h\" } ]") < 0)
		return -1;
	s->breaks = rota_xcalloc(v->n, sizeof *s->breaks);
	for (size_t i = 0; i < v->n; i++) {
		ynode *b = v->items[i], *x;
		rota_break_def *d = &s->breaks[s->nbreaks++];
		char bctx[400];
		snprintf(bctx, sizeof bctx, "in break #%zu %s", i + 1, ctx);
		if (want_map(L, b, "breaks", ctx, "a break such as { length: 30m, within: \"3h-5h\" }") < 0 ||
		    check_keys(L, b, bctx, keys) < 0)
			return -1;
		if ((x = get(b, "length")) == NULL)
			return missing(L, b, "length", bctx, DUR_EXPECT);
		if (get_dur(L, x, "length", bctx, 0, &d->length) < 0)
			return -1;
		if (d->length >= s->length)
			return bad(L, x, "break of %s %s is not shorter than the shift", show(x), ctx);
		d->earliest = 0;
		d->latest = s->length - d->length;
		if ((x = get(b, "within")) != NULL) {
			if (want_scalar(L, x, "within", bctx, wexpect) < 0)
				return -1;
			const char *dash = strchr(x->str, '-');
			char a[32];
			if (dash == NULL || (size_t)(dash - x->str) >= sizeof a)
				return bad(L, x, "bad window '%s' for 'within' %s: expected %s", show(x),
				           bctx, wexpect);
			snprintf(a, sizeof a, "%.*s", (int)(dash - x->str), x->str);
			if (parse_dur(a, &d->earliest) < 0 || parse_dur(dash + 1, &d->latest) < 0)
				return bad(L, x, "bad window '%s' for 'within' %s: expected %s", show(x),
				           bctx, wexpect);
			if (d->latest < d->earliest)
				return bad(L, x, "window '%s' for 'within' %s ends before it starts", show(x),
				           bctx);
			if (d->latest + d->length > s->length)
				return bad(L, x, "window '%s' for 'within' %s lets the break end after the "
				           "shift: the break starts within the window, so the window must "
				           "end by the shift's length minus the break's", show(x), bctx);
		}
	}
	return 0;
}

static int
shift_ref(struct ld *L, ynode *v, const char *key, const char *ctx, size_t *out)
{
	rota_roster_def *r = L->cfg->roster;
	if (want_scalar(L, v, key, ctx, "a shift id") < 0)
		return -1;
	long i = rota_roster_shift_index(r, v->str);
	if (i < 0) {
		const char **names;
		NAMES_OF(r->shifts, r->nshifts, id, names);
		unknown_name(L, v, "shift", "roster: shifts", key, ctx, names, r->nshifts);
		free(names);
		return -1;
	}
	*out = (size_t)i;
	return 0;
}

static int
load_shift(struct ld *L, ynode *v, rota_shift_def *s)
{
	static const char *const keys[] = {
		"id", "start", "length", "breaks", "cannot_follow", "queues", NULL
	};
	char ctx[300];
	ynode *x;

	snprintf(ctx, sizeof ctx, "in shift '%s'", s->id);
	if (check_keys(L, v, ctx, keys) < 0)
		return -1;
	if ((x = get(v, "start")) == NULL)
		return missing(L, v, "start", ctx, "a start time such as \"07:00\"");
	if (shift_starts(L, x, ctx, s) < 0)
		return -1;
	if ((x = get(v, "length")) == NULL)
		return missing(L, v, "length", ctx, "a duration such as 8h30m");
	if (get_dur(L, x, "length", ctx, 0, &s->length) < 0)
		return -1;
	if (s->length > 86400)
		return bad(L, x, "length '%s' %s is longer than a day: a shift lasts at most 24h",
		           show(x), ctx);
	if ((x = get(v, "breaks")) != NULL && shift_breaks(L, x, ctx, s) < 0)
		return -1;
	if ((x = get(v, "cannot_follow")) != NULL) {
		size_t n;
		rota_ynode *const *it = items_of(&x, &n);
		if (x->kind == ROTA_Y_MAP)
			return wrong_type(L, x, "cannot_follow", ctx, "a list of shift ids");
		s->cannot_follow = rota_xcalloc(n, sizeof *s->cannot_follow);
		for (size_t i = 0; i < n; i++)
			if (shift_ref(L, it[i], "cannot_follow", ctx, &s->cannot_follow[s->ncannot_follow++]) < 0)
				return -1;
	}
	if ((x = get(v, "queues")) != NULL && ref_queues(L, x, "queues", ctx, &s->queues, &s->nqueues) < 0)
		return -1;
	return 0;
}

/* Ids first, so that cannot_follow may name a shift defined further down. */
static int
load_shifts(struct ld *L, ynode *v)
{
	rota_roster_def *r = L->cfg->roster;
	if (want_seq(L, v, "shifts", "in 'roster'", "a list of shifts, each with id, start, "
	             "length") < 0)
		return -1;
	r->shifts = rota_xcalloc(v->n, sizeof *r->shifts);
	for (size_t i = 0; i < v->n; i++) {
		ynode *s = v->items[i], *id;
		char ctx[64];
		snprintf(ctx, sizeof ctx, "in shift #%zu", i + 1);
		if (want_map(L, s, "shifts", "in 'roster'", "a shift such as { id: E, start: "
		             "\"07:00\", length: 8h }") < 0)
			return -1;
		if ((id = get(s, "id")) == NULL)
			return missing(L, s, "id", ctx, "a short name for the shift, such as E");
		r->nshifts++;
		set_pos(L, s, &r->shifts[i].file, &r->shifts[i].line, &r->shifts[i].col);
		if (get_name(L, id, "id", ctx, &r->shifts[i].id) < 0)
			return -1;
		for (size_t j = 0; j < i; j++)
			if (strcmp(r->shifts[j].id, r->shifts[i].id) == 0)
				return bad(L, id, "shift '%s' is defined twice (first on line %ld): give "
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
	if (want_map(L, v, "contracts", "in 'roster'", "a mapping of contract names to rules, "
	             "such as { full-time: { max_consecutive_days: 5 } }") < 0)
		return -1;
	r->contracts = rota_xcalloc(v->n, sizeof *r->contracts);
	for (size_t i = 0; i < v->n; i++) {
		ynode *k = v->items[2 * i], *val = v->items[2 * i + 1];
		rota_contract_def *c = &r->contracts[r->ncontracts++];
		char ctx[300];
		rules_init(&c->rules);
		if (get_name(L, k, "contracts", "in 'roster'", &c->id) < 0)
			return -1;
		set_pos(L, k, &c->file, &c->line, &c->col);
		snprintf(ctx, sizeof ctx, "in contract '%s'", c->id);
		if (rota_ynode_is_null(val))
			continue;     /* a contract with no rules of its own */
		if (want_map(L, val, c->id, "in 'contracts'", "a mapping of rules such as "
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
		return bad(L, v, "time '%s' for 'unavailable' %s does not exist in %s (the clocks go "
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
	if (want_scalar(L, v, "unavailable", ctx, expect) < 0)
		return -1;
	const char *slash = strchr(v->str, '/');
	char a[64];
	if (slash == NULL || (size_t)(slash - v->str) >= sizeof a)
		return bad(L, v, "bad span '%s' for 'unavailable' %s: expected %s", show(v), ctx, expect);
	snprintf(a, sizeof a, "%.*s", (int)(slash - v->str), v->str);
	if ((r = span_time(L, v, a, tz, ctx, expect, &sp->start)) != 0)
		return r < 0 ? -1 : bad(L, v, "bad span '%s' for 'unavailable' %s: expected %s",
		                        show(v), ctx, expect);
	if (parse_dur(slash + 1, &d) == 0 && strchr(slash + 1, '-') == NULL) {
		sp->end = sp->start + d;
	} else if ((r = span_time(L, v, slash + 1, tz, ctx, expect, &sp->end)) != 0) {
		return r < 0 ? -1 : bad(L, v, "bad span '%s' for 'unavailable' %s: expected %s",
		                        show(v), ctx, expect);
	}
	if (sp->end <= sp->start)
		return bad(L, v, "span '%s' for 'unavailable' %s ends before it starts", show(v), ctx);
	return 0;
}

static int
get_prefs(struct ld *L, ynode *v, const char *key, const char *ctx, rota_pref_def **out,
          size_t *nout)
{
	static const char *const keys[] = { "date", "shift", "weight", NULL };
	if (want_seq(L, v, key, ctx, "a list such as [ { date: 2026-12-09, shift: E, weight: 3 } ]") < 0)
		return -1;
	*out = rota_xcalloc(v->n, sizeof **out);
	for (size_t i = 0; i < v->n; i++) {
		ynode *p = v->items[i], *x;
		rota_pref_def *d = &(*out)[(*nout)++];
		char pctx[400];
		snprintf(pctx, sizeof pctx, "in '%s' #%zu %s", key, i + 1, ctx);
		if (want_map(L, p, key, ctx, "{ date: 2026-12-09, shift: E, weight: 3 }") < 0 ||
		    check_keys(L, p, pctx, keys) < 0)
			return -1;
		if ((x = get(p, "date")) == NULL)
			return missing(L, p, "date", pctx, "a date such as 2026-12-09");
		if (get_date(L, x, "date", pctx, &d->day) < 0)
			return -1;
		d->shift = -1;
		d->weight = 1;
		size_t si;
		if ((x = get(p, "shift")) != NULL) {
			if (shift_ref(L, x, "shift", pctx, &si) < 0)
				return -1;
			d->shift = (long)si;
		}
		if ((x = get(p, "weight")) != NULL && get_num(L, x, "weight", pctx, 0, 1e9, &d->weight) < 0)
			return -1;
	}
	return 0;
}

static int
get_days_off(struct ld *L, ynode *v, const char *ctx, rota_agent_def *a)
{
	size_t n;
	rota_ynode *const *it = items_of(&v, &n);
	if (v->kind == ROTA_Y_MAP)
		return wrong_type(L, v, "days_off", ctx, "a list of dates");
	a->days_off = rota_xcalloc(n, sizeof *a->days_off);
	for (size_t i = 0; i < n; i++)
		if (get_date(L, it[i], "days_off", ctx, &a->days_off[a->ndays_off++]) < 0)
			return -1;
	qsort(a->days_off, a->ndays_off, sizeof *a->days_off, cmp_i64);
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
	if (want_scalar(L, x, "contract", ctx, "the name of a contract") < 0)
		return -1;
	for (size_t i = 0; i < r->ncontracts; i++)
		if (strcmp(r->contracts[i].id, x->str) == 0) {
			a->contract = (long)i;
			rules_copy(&a->rules, &r->contracts[i].rules, r->nshifts);
			return 0;
		}
	const char **names;
	NAMES_OF(r->contracts, r->ncontracts, id, names);
	unknown_name(L, x, "contract", "roster: contracts", "contract", ctx, names, r->ncontracts);
	free(names);
	return -1;
}

static int
load_agent(struct ld *L, ynode *v, size_t idx, rota_agent_def *a)
{
	static const char *const keys[] = {
		"id", "tz", "skills", "contract", "rules", "cost", "days_off", "unavailable",
		"prefer", "avoid", NULL
	};
	rota_roster_def *r = L->cfg->roster;
	char ctx[300];
	ynode *x;
	rota_error e;

	rules_init(&a->rules);
	a->contract = -1;
	a->cost = 1;
	snprintf(ctx, sizeof ctx, "in agent #%zu", idx + 1);
	if (want_map(L, v, "agents", "in 'roster'", "an agent such as { id: alice, tz: "
	             "Europe/Berlin, contract: full-time }") < 0)
		return -1;
	set_pos(L, v, &a->file, &a->line, &a->col);
	if ((x = get(v, "id")) == NULL)
		return missing(L, v, "id", ctx, "a name for the agent, such as alice");
	if (get_name(L, x, "id", ctx, &a->id) < 0)
		return -1;
	for (size_t j = 0; j < idx; j++)
		if (strcmp(r->agents[j].id, a->id) == 0)
			return bad(L, x, "agent '%s' is defined twice (first on line %ld): give each agent "
			           "its own id", a->id, r->agents[j].line);
	snprintf(ctx, sizeof ctx, "in agent '%s'", a->id);
	if (check_keys(L, v, ctx, keys) < 0)
		return -1;
	if ((x = get(v, "tz")) != NULL) {
		if (get_tz(L, x, "tz", ctx, &a->tz) < 0)
			return -1;
	} else {
		a->tz = rota_xstrdup(L->cfg->tz ? L->cfg->tz : "UTC");
	}
	if ((x = get(v, "skills")) != NULL && ref_queues(L, x, "skills", ctx, &a->skills, &a->nskills) < 0)
		return -1;
	if ((x = get(v, "contract")) != NULL && agent_contract(L, x, ctx, a) < 0)
		return -1;
	if ((x = get(v, "rules")) != NULL) {
		if (want_map(L, x, "rules", ctx, "a mapping of rules that override the contract's, "
		             "such as { max_weekends: 1 }") < 0 || load_rules(L, x, ctx, 1, &a->rules) < 0)
			return -1;
	}
	if ((x = get(v, "cost")) != NULL && get_num(L, x, "cost", ctx, 0, 1e9, &a->cost) < 0)
		return -1;
	if ((x = get(v, "days_off")) != NULL && get_days_off(L, x, ctx, a) < 0)
		return -1;
	if ((x = get(v, "unavailable")) != NULL) {
		const rota_tz *tz = rota_tz_get(a->tz, &e);
		size_t n;
		rota_ynode *const *it = items_of(&x, &n);
		if (x->kind == ROTA_Y_MAP)
			return wrong_type(L, x, "unavailable", ctx, "a list of spans such as "
			                  "[ \"2026-12-10T12:00/2026-12-10T18:00\" ]");
		a->unavailable = rota_xcalloc(n, sizeof *a->unavailable);
		for (size_t i = 0; i < n; i++)
			if (get_span(L, it[i], ctx, tz, &a->unavailable[a->nunavailable++]) < 0)
				return -1;
		qsort(a->unavailable, a->nunavailable, sizeof *a->unavailable, cmp_span);
	}
	if ((x = get(v, "prefer")) != NULL && get_prefs(L, x, "prefer", ctx, &a->prefer, &a->nprefer) < 0)
		return -1;
	if ((x = get(v, "avoid")) != NULL && get_prefs(L, x, "avoid", ctx, &a->avoid, &a->navoid) < 0)
		return -1;
	return 0;
}

static int
load_agents(struct ld *L, ynode *v)
{
	rota_roster_def *r = L->cfg->roster;
	if (want_seq(L, v, "agents", "in 'roster'", "a list of agents, each with id, tz, "
	             "skills, contract, ...") < 0)
		return -1;
	r->agents = rota_xcalloc(v->n, sizeof *r->agents);
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
	static const char *const keys[] = { "date", "shift", "need", "under", "over", NULL };
	rota_roster_def *r = L->cfg->roster;
	if (want_seq(L, v, "cover", "in 'roster'", "a list of cover lines such as "
	             "[ { date: 2026-12-07, shift: E, need: 3 } ]") < 0)
		return -1;
	r->cover = rota_xcalloc(v->n, sizeof *r->cover);
	for (size_t i = 0; i < v->n; i++) {
		ynode *c = v->items[i], *x;
		rota_cover_def *d = &r->cover[r->ncover++];
		char ctx[100];
		snprintf(ctx, sizeof ctx, "in cover line #%zu", i + 1);
		if (want_map(L, c, "cover", "in 'roster'", "a cover line such as { date: 2026-12-07, "
		             "shift: E, need: 3 }") < 0 || check_keys(L, c, ctx, keys) < 0)
			return -1;
		set_pos(L, c, &d->file, &d->line, &d->col);
		d->under = r->weights.under;
		d->over = r->weights.over;
		if ((x = get(c, "date")) == NULL)
			return missing(L, c, "date", ctx, "a date such as 2026-12-07");
		if (get_date(L, x, "date", ctx, &d->day) < 0)
			return -1;
		if ((x = get(c, "shift")) == NULL)
			return missing(L, c, "shift", ctx, "a shift id");
		if (shift_ref(L, x, "shift", ctx, &d->shift) < 0)
			return -1;
		if ((x = get(c, "need")) == NULL)
			return missing(L, c, "need", ctx, "a number of agents");
		if (get_int(L, x, "need", ctx, 0, 100000, &d->need) < 0)
			return -1;
		if ((x = get(c, "under")) != NULL && get_num(L, x, "under", ctx, 0, 1e9, &d->under) < 0)
			return -1;
		if ((x = get(c, "over")) != NULL && get_num(L, x, "over", ctx, 0, 1e9, &d->over) < 0)
			return -1;
		for (size_t j = 0; j < i; j++)
			if (r->cover[j].day == d->day && r->cover[j].shift == d->shift)
				return bad(L, c, "a second cover line for %s and shift '%s' %s (the first is "
				           "on line %ld): give one need per date and shift", show(get(c, "date")),
				           r->shifts[d->shift].id, ctx, r->cover[j].line);
	}
	return 0;
}

static int
load_weights(struct ld *L, ynode *v, rota_weights *w)
{
	static const char *const keys[] = { "under", "over", "preference", "cost", "fairness", NULL };
	static const char ctx[] = "in 'weights' of the roster";
	ynode *x;
	if (want_map(L, v, "weights", "in 'roster'", "a mapping such as { under: 100, over: 1 }") < 0 ||
	    check_keys(L, v, ctx, keys) < 0)
		return -1;
	if ((x = get(v, "under")) != NULL && get_num(L, x, "under", ctx, 0, 1e9, &w->under) < 0)
		return -1;
	if ((x = get(v, "over")) != NULL && get_num(L, x, "over", ctx, 0, 1e9, &w->over) < 0)
		return -1;
	if ((x = get(v, "preference")) != NULL &&
	    get_num(L, x, "preference", ctx, 0, 1e9, &w->preference) < 0)
		return -1;
	if ((x = get(v, "cost")) != NULL && get_num(L, x, "cost", ctx, 0, 1e9, &w->cost) < 0)
		return -1;
	if ((x = get(v, "fairness")) != NULL && get_num(L, x, "fairness", ctx, 0, 1e9, &w->fairness) < 0)
		return -1;
	return 0;
}

static int
load_roster(struct ld *L, ynode *v)
{
	static const char *const keys[] = {
		"start", "days", "interval", "shifts", "contracts", "agents", "cover", "weights", NULL
	};
	static const char ctx[] = "in 'roster'";
	rota_roster_def *r = rota_xcalloc(1, sizeof *r);
	ynode *x;

	L->cfg->roster = r;
	r->days = -1;
	r->interval = -1;
	r->weights = (rota_weights){ .under = 100, .over = 1, .preference = 1, .cost = 0,
	                             .fairness = 5 };
	if (want_map(L, v, "roster", "at the top level", "a mapping with start, days, interval, "
	             "shifts, contracts, agents, cover, weights") < 0)
		return -1;
	set_pos(L, v, &r->file, &r->line, &r->col);
	if (check_keys(L, v, ctx, keys) < 0)
		return -1;
	if ((x = get(v, "start")) != NULL) {
		if (get_date(L, x, "start", ctx, &r->start) < 0)
			return -1;
		r->has_start = 1;
	}
	if ((x = get(v, "days")) != NULL && get_int(L, x, "days", ctx, 1, 3660, &r->days) < 0)
		return -1;
	if ((x = get(v, "interval")) != NULL) {
		if (get_dur(L, x, "interval", ctx, 0, &r->interval) < 0)
			return -1;
		if (r->interval < 60 || 86400 % r->interval != 0)
			return bad(L, x, "interval '%s' %s does not divide a day into whole intervals: "
			           "expected a duration such as 15m, 30m or 1h", show(x), ctx);
	}
	if ((x = get(v, "weights")) != NULL && load_weights(L, x, &r->weights) < 0)
		return -1;
	if ((x = get(v, "shifts")) != NULL && load_shifts(L, x) < 0)
		return -1;
	if ((x = get(v, "contracts")) != NULL && load_contracts(L, x) < 0)
		return -1;
	if ((x = get(v, "agents")) != NULL && load_agents(L, x) < 0)
		return -1;
	if ((x = get(v, "cover")) != NULL && load_cover(L, x) < 0)
		return -1;
	return 0;
}

/* ---------------------------------------------------------------- alerts: */

static const struct { const char *name; int value; } FACILITIES[] = {
	{ "auth", LOG_AUTH }, { "authpriv", LOG_AUTHPRIV }, { "cron", LOG_CRON },
	{ "daemon", LOG_DAEMON }, { "ftp", LOG_FTP }, { "lpr", LOG_LPR }, { "mail", LOG_MAIL },
	{ "news", LOG_NEWS }, { "syslog", LOG_SYSLOG }, { "user", LOG_USER }, { "uucp", LOG_UUCP },
	{ "local0", LOG_LOCAL0 }, { "local1", LOG_LOCAL1 }, { "local2", LOG_LOCAL2 },
	{ "local3", LOG_LOCAL3 }, { "local4", LOG_LOCAL4 }, { "local5", LOG_LOCAL5 },
	{ "local6", LOG_LOCAL6 }, { "local7", LOG_LOCAL7 },
};

/* The address goes into a mail header: anything that could start a new header line or
 * smuggle a second recipient is refused. */
static int
mail_ok(const char *s)
{
	const char *at = strchr(s, '@');
	if (at == NULL || at == s || at[1] == '\0' || strchr(at + 1, '@'))
		return 0;
	for (const unsigned char *p = (const unsigned char *)s; *p; p++)
		if (*p <= 0x20 || *p == 0x7f || strchr(",;<>()[]\\\"", *p))
			return 0;
	return s[0] != '-';
}

static int
load_sink(struct ld *L, ynode *v, const char *ctx, rota_sink_def *s)
{
	static const char *const kinds[] = { "exec", "mail", "syslog", "stdout", "prometheus", NULL };
	ynode *k, *x;

	if (want_map(L, v, "sinks", ctx, "a sink such as { mail: ops@example.com }, { exec: "
	             "[ /path/to/program, args ] } or { syslog: local0 }") < 0 ||
	    check_keys(L, v, ctx, kinds) < 0)
		return -1;
	set_pos(L, v, &s->file, &s->line, &s->col);
	if (v->n == 0)
		return bad(L, v, "an empty sink %s: expected one of exec, mail, syslog, stdout, "
		           "prometheus", ctx);
	if (v->n > 1)
		return bad(L, v->items[2], "a sink %s has %zu kinds ('%s' and '%s'): write each as its "
		           "own list item", ctx, v->n, show(v->items[0]), show(v->items[2]));
	k = v->items[0];
	x = v->items[1];
	if (strcmp(k->str, "exec") == 0) {
		s->kind = ROTA_SINK_EXEC;
		if (get_strlist(L, x, "exec", ctx, "a program and its arguments as a list, such as "
		                "[ /usr/local/bin/page, --team, ops ] (no shell is used)",
		                &s->argv, &s->argc) < 0)
			return -1;
		s->argv = rota_xreallocarray(s->argv, s->argc + 1, sizeof *s->argv);
		s->argv[s->argc] = NULL;
	} else if (strcmp(k->str, "mail") == 0) {
		static const char expect[] = "an e-mail address or a list of them";
		size_t n;
		rota_ynode *const *it = items_of(&x, &n);
		s->kind = ROTA_SINK_MAIL;
		if (x->kind == ROTA_Y_MAP || n == 0)
			return wrong_type(L, x, "mail", ctx, expect);
		s->addrs = rota_xcalloc(n, sizeof *s->addrs);
		for (size_t i = 0; i < n; i++) {
			if (want_scalar(L, it[i], "mail", ctx, expect) < 0)
				return -1;
			if (!mail_ok(it[i]->str))
				return bad(L, it[i], "bad e-mail address '%s' for 'mail' %s: expected a "
				           "plain address such as ops@example.com", show(it[i]), ctx);
			s->addrs[s->naddrs++] = sdup(it[i]);
		}
	} else if (strcmp(k->str, "syslog") == 0) {
		s->kind = ROTA_SINK_SYSLOG;
		if (want_scalar(L, x, "syslog", ctx, "a syslog facility such as local0 or daemon") < 0)
			return -1;
		size_t i, nf = sizeof FACILITIES / sizeof *FACILITIES;
		for (i = 0; i < nf; i++)
			if (strcmp(FACILITIES[i].name, x->str) == 0)
				break;
		if (i == nf)
			return bad(L, x, "unknown syslog facility '%s' %s: expected user, daemon, "
			           "local0 ... local7, or another name from syslog(3)", show(x), ctx);
		s->facility = FACILITIES[i].value;
		s->facility_name = sdup(x);
	} else if (strcmp(k->str, "stdout") == 0) {
		s->kind = ROTA_SINK_STDOUT;
		if (want_scalar(L, x, "stdout", ctx, "text or json") < 0)
			return -1;
		if (strcmp(x->str, "text") == 0)
			s->format = ROTA_FORMAT_TEXT;
		else if (strcmp(x->str, "json") == 0)
			s->format = ROTA_FORMAT_JSON;
		else
			return bad(L, x, "bad format '%s' for 'stdout' %s: expected text or json",
			           show(x), ctx);
	} else {
		s->kind = ROTA_SINK_PROMETHEUS;
		if (get_str(L, x, "prometheus", ctx, "the path of a node_exporter textfile, such as "
		            "/var/lib/node_exporter/rota.prom", &s->path) < 0)
			return -1;
	}
	return 0;
}

static int
load_sinks(struct ld *L, ynode *v, const char *key, const char *ctx, rota_sink_def **out,
           size_t *nout)
{
	if (want_seq(L, v, key, ctx, "a list of sinks such as [ { mail: ops@example.com } ]") < 0)
		return -1;
	if (v->n == 0)
		return bad(L, v, "no sinks for '%s' %s: expected at least one, such as "
		           "{ mail: ops@example.com }", key, ctx);
	*out = rota_xcalloc(v->n, sizeof **out);
	for (size_t i = 0; i < v->n; i++) {
		char sctx[400];
		snprintf(sctx, sizeof sctx, "in sink #%zu of '%s' %s", i + 1, key, ctx);
		++*nout;
		if (load_sink(L, v->items[i], sctx, &(*out)[i]) < 0)
			return -1;
	}
	return 0;
}

static int
load_route(struct ld *L, ynode *v, size_t idx, rota_alert_route *r)
{
	static const char *const keys[] = {
		"name", "levels", "match", "sinks", "repeat", "escalate", "hours", NULL
	};
	static const char *const ekeys[] = { "after", "sinks", NULL };
	char ctx[300], ectx[400];
	ynode *x;

	r->repeat = r->escalate_after = -1;
	snprintf(ctx, sizeof ctx, "in alert route #%zu", idx + 1);
	if (want_map(L, v, "routes", "in 'alerts'", "a route such as { name: pager, levels: "
	             "[breached], sinks: [ { mail: ops@example.com } ] }") < 0)
		return -1;
	set_pos(L, v, &r->file, &r->line, &r->col);
	if ((x = get(v, "name")) == NULL)
		return missing(L, v, "name", ctx, "a name for the route");
	if (get_name(L, x, "name", ctx, &r->name) < 0)
		return -1;
	for (size_t j = 0; j < idx; j++)
		if (strcmp(L->cfg->routes[j].name, r->name) == 0)
			return bad(L, x, "alert route '%s' is defined twice (first on line %ld): give each "
			           "route its own name", r->name, L->cfg->routes[j].line);
	snprintf(ctx, sizeof ctx, "in alert route '%s'", r->name);
	if (check_keys(L, v, ctx, keys) < 0)
		return -1;
	if ((x = get(v, "levels")) != NULL &&
	    get_levels(L, x, "levels", ctx, 1, &r->levels, &r->nlevels) < 0)
		return -1;
	if ((x = get(v, "match")) != NULL && get_match(L, x, ctx, &r->match, &r->nmatch) < 0)
		return -1;
	if ((x = get(v, "sinks")) == NULL)
		return missing(L, v, "sinks", ctx, "a list of sinks such as [ { mail: ops@example.com } ]");
	if (load_sinks(L, x, "sinks", ctx, &r->sinks, &r->nsinks) < 0)
		return -1;
	if ((x = get(v, "repeat")) != NULL && get_dur(L, x, "repeat", ctx, 0, &r->repeat) < 0)
		return -1;
	if ((x = get(v, "escalate")) != NULL) {
		ynode *y;
		snprintf(ectx, sizeof ectx, "in 'escalate' %s", ctx);
		if (want_map(L, x, "escalate", ctx, "a mapping such as { after: 1h, sinks: "
		             "[ { mail: head@example.com } ] }") < 0 || check_keys(L, x, ectx, ekeys) < 0)
			return -1;
		if ((y = get(x, "after")) == NULL)
			return missing(L, x, "after", ectx, DUR_EXPECT);
		if (get_dur(L, y, "after", ectx, 0, &r->escalate_after) < 0)
			return -1;
		if ((y = get(x, "sinks")) == NULL)
			return missing(L, x, "sinks", ectx, "a list of sinks");
		if (load_sinks(L, y, "sinks", ectx, &r->escalate, &r->nescalate) < 0)
			return -1;
	}
	if ((x = get(v, "hours")) != NULL && ref_calendar(L, x, "hours", ctx, &r->hours) < 0)
		return -1;
	return 0;
}

static int
load_alerts(struct ld *L, ynode *v)
{
	static const char *const keys[] = { "routes", NULL };
	ynode *x;
	if (want_map(L, v, "alerts", "at the top level", "a mapping with routes") < 0 ||
	    check_keys(L, v, "in 'alerts'", keys) < 0)
		return -1;
	if ((x = get(v, "routes")) == NULL)
		return 0;
	if (want_seq(L, x, "routes", "in 'alerts'", "a list of routes, each with name, levels, "
	             "match, sinks") < 0)
		return -1;
	L->cfg->routes = rota_xcalloc(x->n, sizeof *L->cfg->routes);
	for (size_t i = 0; i < x->n; i++) {
		L->cfg->nroutes++;
		if (load_route(L, x->items[i], i, &L->cfg->routes[i]) < 0)
			return -1;
	}
	return 0;
}

/* ---------------------------------------------------------------- the file */

static int
load_root(struct ld *L, ynode *root)
{
	static const char *const keys[] = {
		"tz", "calendars", "queues", "sla", "ola", "roster", "alerts", NULL
	};
	ynode *x;

	if (root == NULL || rota_ynode_is_null(root))
		return 0;
	if (root->kind != ROTA_Y_MAP)
		return bad(L, root, "wrong type for the whole file: expected a mapping of sections "
		           "(tz, calendars, queues, sla, ola, roster, alerts), found %s", found(root));
	if (check_keys(L, root, "at the top level", keys) < 0)
		return -1;
	/* References point backwards in this order: calendars before the things that use them. */
	if ((x = get(root, "tz")) != NULL && get_tz(L, x, "tz", "at the top level", &L->cfg->tz) < 0)
		return -1;
	if ((x = get(root, "calendars")) != NULL && load_calendars(L, x) < 0)
		return -1;
	if ((x = get(root, "queues")) != NULL && load_queues(L, x) < 0)
		return -1;
	if ((x = get(root, "sla")) != NULL && load_policies(L, x, ROTA_POLICY_SLA) < 0)
		return -1;
	if ((x = get(root, "ola")) != NULL && load_policies(L, x, ROTA_POLICY_OLA) < 0)
		return -1;
	if ((x = get(root, "roster")) != NULL && load_roster(L, x) < 0)
		return -1;
	if ((x = get(root, "alerts")) != NULL && load_alerts(L, x) < 0)
		return -1;
	return 0;
}

static char *
dir_of(const char *name)
{
	const char *slash = strrchr(name, '/');
	if (slash == NULL)
		return rota_xstrdup("");
	if (slash == name)
		return rota_xstrdup("/");
	return rota_xstrndup(name, (size_t)(slash - name));
}

rota_config *
rota_config_load_mem(const char *data, size_t len, const char *name, rota_error *err)
{
	struct ld L;
	if (name == NULL)
		name = "<memory>";
	rota_ydoc *doc = rota_ydoc_parse(data, len, name, err);
	if (doc == NULL)
		return NULL;
	L.cfg = rota_config_empty();
	L.cfg->path = rota_xstrdup(name);
	L.file = name;
	L.dir = dir_of(name);
	L.err = err;
	int rc = load_root(&L, rota_ydoc_root(doc));
	free(L.dir);
	rota_ydoc_free(doc);
	if (rc < 0) {
		rota_config_free(L.cfg);
		return NULL;
	}
	return L.cfg;
}

rota_config *
rota_config_load(const char *path, rota_error *err)
{
	int is_stdin = strcmp(path, "-") == 0;
	int fd = is_stdin ? dup(STDIN_FILENO) : open(path, O_RDONLY | O_CLOEXEC);
	struct stat st;
	if (is_stdin)
		path = "<stdin>";
	if (fd < 0) {
		int e = errno;
		rota_error_set(err, e == ENOENT || e == ENOTDIR ? ROTA_EXIT_USAGE : ROTA_EXIT_RUNTIME,
		               path, 0, 0, "cannot read the configuration: %s%s", strerror(e),
		               e == ENOENT ? "; name the file with -c FILE or $ROTA_CONFIG" : "");
		return NULL;
	}
	if (fstat(fd, &st) == 0 && S_ISDIR(st.st_mode)) {
		close(fd);
		rota_error_set(err, ROTA_EXIT_USAGE, path, 0, 0, "cannot read the configuration: it "
		               "is a directory; expected a rota.yaml file");
		return NULL;
	}
	char *data = NULL;
	size_t len = 0, cap = 0;
	int failed = 0;
	for (;;) {
		if (len == cap) {
			cap = cap ? cap * 2 : 8192;
			data = rota_xrealloc(data, cap);
		}
		ssize_t got = read(fd, data + len, cap - len);
		if (got < 0 && errno == EINTR)
			continue;
		if (got < 0) {
			failed = rota_error_set(err, ROTA_EXIT_RUNTIME, path, 0, 0, "cannot read the "
			                        "configuration: %s", strerror(errno));
			break;
		}
		if (got == 0)
			break;
		len += (size_t)got;
		if (len > MAX_CONFIG_BYTES) {
			failed = rota_error_set(err, ROTA_EXIT_USAGE, path, 0, 0, "the configuration is "
			                        "larger than %ld MiB: is it the right file?",
			                        MAX_CONFIG_BYTES >> 20);
			break;
		}
	}
	close(fd);
	rota_config *cfg = NULL;
	if (!failed)
		cfg = rota_config_load_mem(data, len, path, err);
	free(data);
	return cfg;
}

rota_config *
rota_config_empty(void)
{
	return rota_xcalloc(1, sizeof(rota_config));
}

/* ---------------------------------------------------------------- lookups */

const rota_calendar_def *
rota_config_calendar(const rota_config *cfg, const char *name)
{
	for (size_t i = 0; cfg && name && i < cfg->ncalendars; i++)
		if (cfg->calendars[i].name && strcmp(cfg->calendars[i].name, name) == 0)
			return &cfg->calendars[i];
	return NULL;
}

const rota_queue_def *
rota_config_queue(const rota_config *cfg, const char *name)
{
	for (size_t i = 0; cfg && name && i < cfg->nqueues; i++)
		if (cfg->queues[i].name && strcmp(cfg->queues[i].name, name) == 0)
			return &cfg->queues[i];
	return NULL;
}

const rota_policy *
rota_config_policy(const rota_config *cfg, int kind, const char *name)
{
	const rota_policy *p = kind == ROTA_POLICY_OLA ? cfg->ola : cfg->sla;
	size_t n = kind == ROTA_POLICY_OLA ? cfg->nola : cfg->nsla;
	for (size_t i = 0; name && i < n; i++)
		if (p[i].name && strcmp(p[i].name, name) == 0)
			return &p[i];
	return NULL;
}

long
rota_roster_shift_index(const rota_roster_def *r, const char *id)
{
	for (size_t i = 0; r && id && i < r->nshifts; i++)
		if (r->shifts[i].id && strcmp(r->shifts[i].id, id) == 0)
			return (long)i;
	return -1;
}

const rota_agent_def *
rota_roster_agent(const rota_roster_def *r, const char *id)
{
	for (size_t i = 0; r && id && i < r->nagents; i++)
		if (r->agents[i].id && strcmp(r->agents[i].id, id) == 0)
			return &r->agents[i];
	return NULL;
}

/* ---------------------------------------------------------------- freeing */

static void
free_calendar(rota_calendar_def *c)
{
	free(c->name);
	free(c->tz);
	for (int d = 0; d < 7; d++)
		free(c->week[d].r);
	for (size_t i = 0; i < c->noverrides; i++)
		free(c->overrides[i].hours.r);
	free(c->overrides);
	for (size_t i = 0; i < c->nholidays; i++)
		free(c->holidays[i].name);
	free(c->holidays);
	free_strv(c->holiday_files, c->nholiday_files);
	free(c->file);
}

static void
free_match(rota_match *m, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(m[i].attr);
		free_strv(m[i].values, m[i].nvalues);
	}
	free(m);
}

static void
free_policy(rota_policy *p)
{
	free(p->name);
	free_match(p->match, p->nmatch);
	free(p->calendar);
	for (size_t i = 0; i < p->nmetrics; i++) {
		rota_metric_def *m = &p->metrics[i];
		free(m->name);
		free_strv(m->stop_status, m->nstop_status);
		free_strv(m->pause_status, m->npause_status);
		free(m->warn);
		free(m->file);
	}
	free(p->metrics);
	free(p->file);
}

static void
free_roster(rota_roster_def *r)
{
	for (size_t i = 0; i < r->nshifts; i++) {
		rota_shift_def *s = &r->shifts[i];
		free(s->id);
		free(s->starts);
		free(s->breaks);
		free(s->cannot_follow);
		free_strv(s->queues, s->nqueues);
		free(s->file);
	}
	free(r->shifts);
	for (size_t i = 0; i < r->ncontracts; i++) {
		free(r->contracts[i].id);
		free(r->contracts[i].rules.max_shifts);
		free(r->contracts[i].file);
	}
	free(r->contracts);
	for (size_t i = 0; i < r->nagents; i++) {
		rota_agent_def *a = &r->agents[i];
		free(a->id);
		free(a->tz);
		free_strv(a->skills, a->nskills);
		free(a->rules.max_shifts);
		free(a->days_off);
		free(a->unavailable);
		free(a->prefer);
		free(a->avoid);
		free(a->file);
	}
	free(r->agents);
	for (size_t i = 0; i < r->ncover; i++)
		free(r->cover[i].file);
	free(r->cover);
	free(r->file);
	free(r);
}

static void
free_sinks(rota_sink_def *s, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		/* exec argv carries a NULL terminator beyond argc once complete. */
		free_strv(s[i].argv, s[i].argc);
		free_strv(s[i].addrs, s[i].naddrs);
		free(s[i].facility_name);
		free(s[i].path);
		free(s[i].file);
	}
	free(s);
}

void
rota_config_free(rota_config *cfg)
{
	if (cfg == NULL)
		return;
	free(cfg->path);
	free(cfg->tz);
	for (size_t i = 0; i < cfg->ncalendars; i++)
		free_calendar(&cfg->calendars[i]);
	free(cfg->calendars);
	for (size_t i = 0; i < cfg->nqueues; i++) {
		free(cfg->queues[i].name);
		free(cfg->queues[i].channel);
		free(cfg->queues[i].calendar);
		free(cfg->queues[i].file);
	}
	free(cfg->queues);
	for (size_t i = 0; i < cfg->nsla; i++)
		free_policy(&cfg->sla[i]);
	free(cfg->sla);
	for (size_t i = 0; i < cfg->nola; i++)
		free_policy(&cfg->ola[i]);
	free(cfg->ola);
	if (cfg->roster)
		free_roster(cfg->roster);
	for (size_t i = 0; i < cfg->nroutes; i++) {
		rota_alert_route *r = &cfg->routes[i];
		free(r->name);
		free(r->levels);
		free_match(r->match, r->nmatch);
		free_sinks(r->sinks, r->nsinks);
		free_sinks(r->escalate, r->nescalate);
		free(r->hours);
		free(r->file);
	}
	free(cfg->routes);
	free(cfg);
}
