/* rota.yaml, calendars: weekly hours, overrides and holidays (rota_calendar_def, the
 * calendar engine's own type in <rota/calendar.h>). */
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

static const rota_config_key CALENDAR_KEYS[] = {
	FIELDX("tz", ROTA_KEY_ZONE, 0, 0, 0, "the planning zone", "the zone the hours are in",
	       rota_calendar_def, tz, NULL, "tz"),
	KEY("hours", ROTA_KEY_MAP, 0, 0, 0, "00:00-24:00 every day",
	    "open hours by day: mon-fri: \"08:00-18:00\""),
	KEY("overrides", ROTA_KEY_MAP, 0, 0, 0, NULL, "other hours for single dates"),
	KEY("holidays", ROTA_KEY_LIST, 0, 0, 0, NULL, "dates and .ics files closed all day"),
};
TABLE(cfg_calendar_table, "calendar", "calendars", CALENDAR_KEYS);

static const rota_config_key HOLIDAY_KEYS[] = {
	FIELDX("date", ROTA_KEY_DATE, ROTA_KEY_REQUIRED, 0, 0, NULL, "the date closed", rota_holiday,
	       day, "a date such as 2026-12-24", NULL),
	FIELD("name", ROTA_KEY_NAME, 0, 0, 0, NULL, "what the day is called", rota_holiday, name),
};
TABLE(cfg_holiday_table, "holiday", "calendars", HOLIDAY_KEYS);
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

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
		return cfg_bad(L, v, "bad hours '%.*s' for '%s' %s: expected %s", (int)n, s, key, ctx,
		           HOURS_EXPECT);
	size_t na = (size_t)(dash - s), nb = n - na - 1;
	const char *pa = s, *pb = dash + 1;
	trim(&pa, &na);
	trim(&pb, &nb);
	memcpy(a, pa, na), a[na] = '\0';
	memcpy(b, pb, nb), b[nb] = '\0';
	if (rota_clock_parse(a, &start, &e) < 0 || rota_clock_parse(b, &end, &e) < 0 ||
	    start < 0 || end > 86400)
		return cfg_bad(L, v, "bad hours '%.*s' for '%s' %s: expected %s", (int)n, s, key, ctx,
		           HOURS_EXPECT);
	/* The advice to split at midnight only helps a range that does cross it. */
	if (start == 86400)
		return cfg_bad(L, v, "hours '%.*s' for '%s' %s start at 24:00, the end of the day: a "
		           "range starts before 24:00; for hours from midnight on, write "
		           "\"00:00-%s\" for the next day", (int)n, s, key, ctx,
		           end == 86400 ? "24:00" : b);
	if (end == start)
		return cfg_bad(L, v, "hours '%.*s' for '%s' %s are empty (they end when they start): "
		           "give a range such as \"%s-24:00\", or closed", (int)n, s, key, ctx, a);
	if (end < start)
		return cfg_bad(L, v, "hours '%.*s' for '%s' %s end before they start: a range cannot "
		           "cross midnight; write \"%s-24:00\" for this day and \"00:00-%s\" for the "
		           "next", (int)n, s, key, ctx, a, b);
	h->r = cfg_realloc(L, h->r, h->n + 1, sizeof *h->r);
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
			return cfg_bad(L, v, "hours for '%s' %s overlap: %s-%s and %s-%s; give each time once",
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
	ynode_t *const *it = cfg_items_of(&v, &n);
	if (v->kind == Y_MAP || ynode_is_null(v))
		return cfg_wrong_type(L, v, key, ctx, HOURS_EXPECT);
	if (v->kind == Y_SCALAR && strcasecmp(v->str, "closed") == 0)
		return 0;
	if (n == 0)
		return cfg_bad(L, v, "empty list for '%s' %s: expected %s", key, ctx, HOURS_EXPECT);
	for (size_t i = 0; i < n; i++) {
		if (cfg_want_scalar(L, it[i], key, ctx, HOURS_EXPECT) < 0)
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
	if (cfg_want_map(L, v, "hours", ctx, "a mapping of days to hours, such as "
	             "{ mon-fri: \"08:00-18:00\", sat: \"10:00-14:00\" }") < 0)
		return -1;
	for (size_t i = 0; i < v->n; i++) {
		ynode *k = v->items[2 * i], *val = v->items[2 * i + 1];
		unsigned mask;
		if (parse_days(k->str, &mask) < 0)
			return cfg_bad(L, k, "bad days '%s' in 'hours' %s: expected day names mon, tue, wed, "
			           "thu, fri, sat, sun, ranges such as mon-fri, or lists such as sat,sun",
			           cfg_show(k), ctx);
		for (int d = 0; d < 7; d++) {
			if (!(mask & (1u << d)))
				continue;
			if (by[d])
				return cfg_bad(L, k, "%s is given twice in 'hours' %s (also by '%s' on line %ld): "
				           "give each day once", DAY_NAMES[d], ctx, cfg_show(by[d]), by[d]->line);
			by[d] = k;
		}
		char kctx[400];
		snprintf(kctx, sizeof kctx, "in 'hours' %s", ctx);
		rota_day_hours h = { 0 };
		if (get_hours(L, val, cfg_show(k), kctx, &h) < 0)
			return -1;
		for (int d = 0; d < 7; d++)     /* the days of "mon-fri" share their ranges */
			if (mask & (1u << d))
				c->week[d] = h;
	}
	for (int d = 0; d < 7; d++)
		if (c->week[d].n)
			return 0;
	return cfg_bad(L, v, "calendar '%s' is never open: give open hours for at least one day, or "
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
	if (cfg_want_map(L, v, "overrides", ctx, "a mapping of dates to hours, such as "
	             "{ 2026-12-24: \"08:00-12:00\", 2026-12-31: closed }") < 0)
		return -1;
	c->overrides = cfg_alloc(L, v->n, sizeof *c->overrides);
	char kctx[400];
	snprintf(kctx, sizeof kctx, "in 'overrides' %s", ctx);
	for (size_t i = 0; i < v->n; i++) {
		ynode *k = v->items[2 * i];
		rota_date_hours *o = &c->overrides[c->noverrides++];
		if (cfg_get_date(L, k, "overrides", ctx, &o->day) < 0)
			return -1;
		if (get_hours(L, v->items[2 * i + 1], cfg_show(k), kctx, &o->hours) < 0)
			return -1;
	}
	qsort(c->overrides, c->noverrides, sizeof *c->overrides, cmp_override);
	for (size_t i = 1; i < c->noverrides; i++)
		if (c->overrides[i].day == c->overrides[i - 1].day)
			return cfg_bad(L, v, "a date is given twice in 'overrides' %s", ctx);
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
		return cfg_strndup(L, p, strlen(p));
	size_t n = strlen(L->dir) + strlen(p) + 2;
	char *r = cfg_alloc(L, n, 1);
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
			cfg_bad(L, v, "cannot read holiday file '%s' %s: %s; expected an .ics file or a "
			    "date YYYY-MM-DD", cfg_show(v), ctx, why) :
			cfg_bad(L, v, "cannot read holiday file '%s' %s (looked for %s): %s; relative paths "
			    "start at the directory of the config file", cfg_show(v), ctx, path, why);
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
	size_t n;
	ynode_t *const *it = cfg_items_of(&v, &n);
	if (v->kind == Y_MAP)
		return cfg_wrong_type(L, v, "holidays", ctx, "a list of dates and .ics files, such as "
		                  "[ holidays/de.ics, 2026-12-24 ]");
	c->holidays = cfg_alloc(L, n, sizeof *c->holidays);
	c->holiday_files = cfg_alloc(L, n, sizeof *c->holiday_files);
	for (size_t i = 0; i < n; i++) {
		ynode *e = it[i];
		if (e->kind == Y_MAP) {
			char hctx[400];
			snprintf(hctx, sizeof hctx, "in a holiday %s", ctx);
			rota_holiday *h = &c->holidays[c->nholidays++];
			ynode *d = cfg_get(e, "date");
			if (cfg_load_fields(L, e, hctx, &cfg_holiday_table, h) < 0)
				return -1;
			for (size_t j = 0; j < c->noverrides; j++)
				if (c->overrides[j].day == h->day)
					return cfg_bad(L, d, "%s is both a holiday and an override %s: remove it "
					           "from one of them", cfg_show(d), ctx);
			continue;
		}
		if (cfg_want_scalar(L, e, "holidays", ctx, "a date YYYY-MM-DD or the path of an .ics file") < 0)
			return -1;
		if (looks_like_date(e->str) || (e->plain && isdigit((unsigned char)e->str[0]) &&
		                                 strchr(e->str, '-') && !strchr(e->str, '.'))) {
			int64_t d;
			if (cfg_get_date(L, e, "holidays", ctx, &d) < 0)
				return -1;
			for (size_t j = 0; j < c->noverrides; j++)
				if (c->overrides[j].day == d)
					return cfg_bad(L, e, "%s is both a holiday and an override %s: remove it "
					           "from one of them", cfg_show(e), ctx);
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
			}
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
	char ctx[300];
	ynode *x;

	if (cfg_get_name(L, k, "calendars", "at the top level", &c->name) < 0)
		return -1;
	cfg_set_pos(L, k, &c->file, &c->line, &c->col);
	snprintf(ctx, sizeof ctx, "in calendar '%s'", c->name);
	if (cfg_want_map(L, v, c->name, "in 'calendars'", "a mapping with tz, hours, overrides, "
	             "holidays") < 0 || cfg_load_fields(L, v, ctx, &cfg_calendar_table, c) < 0)
		return -1;
	if (c->tz == NULL)
		c->tz = L->cfg->tz ? L->cfg->tz : cfg_strndup(L, "UTC", 3);
	if ((x = cfg_get(v, "hours")) != NULL) {
		if (calendar_hours(L, x, ctx, c) < 0)
			return -1;
	} else {
		for (int d = 0; d < 7; d++) {
			c->week[d].r = cfg_alloc(L, 1, sizeof *c->week[d].r);
			c->week[d].r[0].start = 0;
			c->week[d].r[0].end = 86400;
			c->week[d].n = 1;
		}
	}
	if ((x = cfg_get(v, "overrides")) != NULL && calendar_overrides(L, x, ctx, c) < 0)
		return -1;
	if ((x = cfg_get(v, "holidays")) != NULL && calendar_holidays(L, x, ctx, c) < 0)
		return -1;
	return 0;
}

int
cfg_load_calendars(struct ld *L, ynode *v)
{
	rota_config *cfg = L->cfg;
	if (cfg_want_map(L, v, "calendars", "at the top level", "a mapping of calendar names to "
	             "calendars, such as { office: { tz: Europe/Berlin, hours: ... } }") < 0)
		return -1;
	cfg->calendars = cfg_alloc(L, v->n, sizeof *cfg->calendars);
	for (size_t i = 0; i < v->n; i++) {
		cfg->ncalendars++;
		if (load_calendar(L, v->items[2 * i], v->items[2 * i + 1], &cfg->calendars[i]) < 0)
			return -1;
	}
	return 0;
}

int
cfg_check_calendars(const rota_config *cfg, rota_error *err)
{
	for (size_t i = 0; i < cfg->ncalendars; i++) {
		/* The engine parses the .ics files; an error names the file and its line. */
		rota_calendar *cal = rota_calendar_new(&cfg->calendars[i], err);
		if (cal == NULL)
			return -1;
		rota_calendar_free(cal);
	}
	return 0;
}
