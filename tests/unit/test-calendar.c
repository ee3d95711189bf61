/* Business calendars and .ics holidays: the famous cases, DST in odd zones, holidays,
 * overrides, errors with their positions. */
#include <config.h>
#include <stdlib.h>
#include <string.h>
#include <rota/rota.h>
#include <rota/calendar.h>
#include <rota/ical.h>
#include "tap.h"

/* ---- building definitions by hand ---- */

static void
set_ranges(rota_day_hours *h, const char *spec)
{
	h->n = 0;
	free(h->r);
	h->r = NULL;
	if (spec == NULL || *spec == '\0')
		return;
	char *copy = strdup(spec), *save = NULL;
	for (char *p = strtok_r(copy, ",", &save); p; p = strtok_r(NULL, ",", &save)) {
		char *dash = strchr(p, '-');
		*dash = '\0';
		rota_error e;
		h->r = realloc(h->r, (h->n + 1) * sizeof *h->r);
		if (rota_clock_parse(p, &h->r[h->n].start, &e) < 0 ||
		    rota_clock_parse(dash + 1, &h->r[h->n].end, &e) < 0)
			abort();
		h->n++;
	}
	free(copy);
}

/* days: 7 characters, '1' where spec applies (Monday first). */
static void
week(rota_calendar_def *d, const char *days, const char *spec)
{
	for (int i = 0; i < 7; i++)
		if (days[i] == '1')
			set_ranges(&d->week[i], spec);
}

static rota_calendar_def *
def_new(const char *tz)
{
	rota_calendar_def *d = calloc(1, sizeof *d);
	d->name = strdup("test");
	d->tz = strdup(tz);
	d->file = strdup("rota.yaml");
	d->line = 3;
	d->col = 3;
	return d;
}

static int64_t
day(const char *s)
{
	int64_t d;
	rota_error e;
	if (rota_date_parse(s, &d, &e) < 0)
		abort();
	return d;
}

static void
holiday(rota_calendar_def *d, const char *date, const char *name)
{
	d->holidays = realloc(d->holidays, (d->nholidays + 1) * sizeof *d->holidays);
	d->holidays[d->nholidays].day = day(date);
	d->holidays[d->nholidays].name = name ? strdup(name) : NULL;
	d->nholidays++;
}

static void
override(rota_calendar_def *d, const char *date, const char *spec)
{
	d->overrides = realloc(d->overrides, (d->noverrides + 1) * sizeof *d->overrides);
	memset(&d->overrides[d->noverrides], 0, sizeof *d->overrides);
	d->overrides[d->noverrides].day = day(date);
	set_ranges(&d->overrides[d->noverrides].hours, spec);
	d->noverrides++;
}

static void
ics(rota_calendar_def *d, const char *file)
{
	const char *src = getenv("ROTA_SRCDIR");
	char path[4096];
	snprintf(path, sizeof path, "%s/tests/data/cal/%s", src ? src : ".", file);
	d->holiday_files = realloc(d->holiday_files, (d->nholiday_files + 1) * sizeof(char *));
	d->holiday_files[d->nholiday_files++] = strdup(path);
}

static void
def_free(rota_calendar_def *d)
{
	for (int i = 0; i < 7; i++)
		free(d->week[i].r);
	for (size_t i = 0; i < d->noverrides; i++)
		free(d->overrides[i].hours.r);
	for (size_t i = 0; i < d->nholidays; i++)
		free(d->holidays[i].name);
	for (size_t i = 0; i < d->nholiday_files; i++)
		free(d->holiday_files[i]);
	free(d->overrides);
	free(d->holidays);
	free(d->holiday_files);
	free(d->name);
	free(d->tz);
	free(d->file);
	free(d);
}

static rota_calendar *
cal_new(rota_calendar_def *d)
{
	rota_error e = { 0 };
	rota_calendar *c = rota_calendar_new(d, &e);
	if (c == NULL)
		fprintf(stderr, "# calendar_new: %s:%ld:%ld: %s\n", e.file, e.line, e.col, e.msg);
	def_free(d);
	return c;
}

/* ---- checking ---- */

static rota_time
T(const char *s)
{
	rota_time t;
	rota_error e;
	if (rota_time_parse(s, NULL, 0, &t, &e) < 0) {
		fprintf(stderr, "bad time in test: %s: %s\n", s, e.msg);
		abort();
	}
	return t;
}

static const char *
fmt(rota_calendar *c, rota_time t)
{
	static char buf[4][ROTA_TIME_BUFSZ];
	static int k;
	k = (k + 1) % 4;
	rota_time_format(buf[k], sizeof buf[k], t, rota_calendar_tz(c));
	return buf[k];
}

static void
check_add(rota_calendar *c, const char *from, int64_t secs, const char *want, const char *what)
{
	rota_time u = 0;
	rota_error e = { 0 };
	int rc = rota_calendar_add(c, T(from), secs, &u, &e);
	ok(rc == 0, "%s: add succeeds (%s)", what, e.msg);
	is_str(fmt(c, u), want, what);
	/* add and between agree: exactly secs have passed at the answer. */
	is_int(rota_calendar_between(c, T(from), u), secs, "between(from, add(from, d)) == d");
}

static void
famous(void)
{
	/* Friday 17:00 + 1h on Mon-Fri 09-17 is Monday 10:00 (and DST changed meanwhile). */
	rota_calendar_def *d = def_new("Europe/Berlin");
	week(d, "1111100", "09:00-17:00");
	rota_calendar *office = cal_new(d);
	check_add(office, "2026-03-27T17:00:00+01:00", 3600, "2026-03-30T10:00:00+02:00",
	          "Friday 17:00 + 1h");
	check_add(office, "2026-03-27T16:00:00+01:00", 3600, "2026-03-27T17:00:00+01:00",
	          "met exactly at closing is due at closing");
	check_add(office, "2026-03-28T12:00:00+01:00", 0, "2026-03-28T12:00:00+01:00",
	          "adding 0 when closed gives the time itself");
	check_add(office, "2026-03-27T12:00:00+01:00", 5 * 8 * 3600, "2026-04-03T12:00:00+02:00",
	          "a business week");
	is_int(rota_calendar_between(office, T("2026-03-27T17:00:00+01:00"),
	                             T("2026-03-30T09:00:00+02:00")), 0, "weekend is closed");
	is_int(rota_calendar_between(office, T("2026-03-30T10:00:00+02:00"),
	                             T("2026-03-27T17:00:00+01:00")), -3600,
	       "between backwards is negative");
	rota_calendar_free(office);

	/* A 4 h target started Saturday 22:00 on a 24/7 calendar is due 03:00+02:00. */
	d = def_new("Europe/Berlin");
	week(d, "1111111", "00:00-24:00");
	rota_calendar *always = cal_new(d);
	check_add(always, "2026-03-28T22:00:00+01:00", 4 * 3600, "2026-03-29T03:00:00+02:00",
	          "4h across spring-forward");
	check_add(always, "2026-10-24T22:00:00+02:00", 4 * 3600, "2026-10-25T02:00:00+02:00",
	          "4h to the first 02:00 of a fall-back night");
	check_add(always, "2026-10-24T22:00:00+02:00", 5 * 3600, "2026-10-25T02:00:00+01:00",
	          "5h to the second 02:00");
	is_int(rota_calendar_between(always, T("2026-03-29T00:00:00+01:00"),
	                             T("2026-03-30T00:00:00+02:00")), 23 * 3600, "23-hour day");
	is_int(rota_calendar_between(always, T("2026-10-25T00:00:00+02:00"),
	                             T("2026-10-26T00:00:00+01:00")), 25 * 3600, "25-hour day");
	is_int(rota_calendar_between(always, T("2026-01-01T00:00:00Z"), T("2027-01-01T00:00:00Z")),
	       365 * 86400, "a year of real seconds");
	rota_calendar_free(always);

	/* A holiday on the next Monday moves it to Tuesday. */
	d = def_new("Europe/Berlin");
	week(d, "1111100", "09:00-17:00");
	holiday(d, "2026-03-30", "Brückentag");
	rota_calendar *hol = cal_new(d);
	check_add(hol, "2026-03-27T17:00:00+01:00", 3600, "2026-03-31T10:00:00+02:00",
	          "holiday Monday moves it to Tuesday");
	rota_calendar_day info;
	rota_calendar_day_info(hol, day("2026-03-30"), &info);
	is_str(info.holiday, "Brückentag", "holiday name");
	is_int(info.open, 0, "holiday closed");
	rota_calendar_free(hol);
}

static void
wall_clock_ranges(void)
{
	/* 00:00-03:00 is 2 real hours on a spring-forward night and 4 on a fall-back one. */
	rota_calendar_def *d = def_new("Europe/Berlin");
	week(d, "1111111", "00:00-03:00");
	rota_calendar *c = cal_new(d);
	rota_calendar_day info;
	rota_calendar_day_info(c, day("2026-03-29"), &info);
	is_int(info.open, 2 * 3600, "00:00-03:00 on spring-forward night");
	rota_calendar_day_info(c, day("2026-10-25"), &info);
	is_int(info.open, 4 * 3600, "00:00-03:00 on fall-back night");
	rota_calendar_day_info(c, day("2026-10-26"), &info);
	is_int(info.open, 3 * 3600, "00:00-03:00 on an ordinary night");
	is_int(rota_calendar_between(c, T("2026-10-25T00:00:00+02:00"),
	                             T("2026-10-25T12:00:00+01:00")), 4 * 3600,
	       "between counts the repeated hour twice");
	check_add(c, "2026-10-25T00:00:00+02:00", 3 * 3600, "2026-10-25T02:00:00+01:00",
	          "the third hour is the repeated 02:00");
	check_add(c, "2026-03-29T00:00:00+01:00", 2 * 3600 + 1, "2026-03-30T00:00:01+02:00",
	          "two hours then the next night");
	rota_calendar_free(c);

	/* Ranges that touch across a fold still make one open stretch. */
	d = def_new("Europe/Berlin");
	week(d, "1111111", "01:00-02:30,02:30-04:00");
	c = cal_new(d);
	rota_calendar_day_info(c, day("2026-10-25"), &info);
	is_int(info.open, 4 * 3600, "split range across the fold");
	is_int(rota_calendar_next_close(c, T("2026-10-25T01:00:00+02:00")),
	       T("2026-10-25T04:00:00+01:00"), "touching ranges are one stretch");
	rota_calendar_free(c);
}

struct zcase { const char *tz, *date; int64_t open; const char *why; };

static void
odd_zones(void)
{
	static const struct zcase cases[] = {
		{ "America/Sao_Paulo", "2018-11-04", 23 * 3600, "midnight gap: the date starts at 01:00" },
		{ "America/Sao_Paulo", "2019-02-16", 25 * 3600, "23:00-24:00 happens twice" },
		{ "America/Sao_Paulo", "2019-11-03", 24 * 3600, "no DST after 2019" },
		{ "Australia/Lord_Howe", "2026-04-05", 24 * 3600 + 1800, "30-minute fall-back" },
		{ "Australia/Lord_Howe", "2026-10-04", 24 * 3600 - 1800, "30-minute spring-forward" },
		{ "Pacific/Chatham", "2026-09-27", 23 * 3600, "Chatham spring-forward at 02:45" },
		{ "Pacific/Chatham", "2026-04-05", 25 * 3600, "Chatham fall-back at 03:45" },
		{ "America/St_Johns", "2026-03-08", 23 * 3600, "St Johns -03:30" },
		{ "Asia/Kolkata", "2026-03-29", 24 * 3600, "no DST" },
		{ "Europe/Moscow", "2011-03-27", 23 * 3600, "Moscow's last spring-forward" },
		{ "Europe/Moscow", "2014-10-26", 25 * 3600, "Moscow back to +03 in 2014" },
		{ "Asia/Sakhalin", "2016-03-27", 23 * 3600, "Sakhalin +10 to +11 in 2016" },
	};
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		rota_calendar_def *d = def_new(cases[i].tz);
		week(d, "1111111", "00:00-24:00");
		rota_calendar *c = cal_new(d);
		rota_calendar_day info;
		rota_calendar_day_info(c, day(cases[i].date), &info);
		is_int(info.open, cases[i].open, cases[i].why);
		/* between over the date's own midnights agrees where the date is contiguous */
		rota_time a = rota_tz_day_start(rota_calendar_tz(c), day(cases[i].date));
		rota_time b = rota_tz_day_start(rota_calendar_tz(c), day(cases[i].date) + 1);
		is_int(rota_calendar_between(c, a, b), b - a, "24/7: between midnights is real time");
		rota_calendar_free(c);
	}

	/* Chatham's change at 02:45 standard time cuts a 02:00-04:00 range to 1 h. */
	rota_calendar_def *d = def_new("Pacific/Chatham");
	week(d, "1111111", "02:00-04:00");
	rota_calendar *c = cal_new(d);
	rota_calendar_day info;
	rota_calendar_day_info(c, day("2026-09-27"), &info);
	is_int(info.open, 3600, "Chatham 02:00-04:00 on spring-forward");
	rota_time u;
	rota_error e;
	rota_calendar_next_open(c, T("2026-09-27T02:30:00+12:45"), &u, &e);
	is_str(fmt(c, u), "2026-09-27T02:30:00+12:45", "open at 02:30 before the change");
	rota_calendar_add(c, T("2026-09-27T02:00:00+12:45"), 2700, &u, &e);
	is_str(fmt(c, u), "2026-09-27T03:45:00+13:45", "45 minutes reach the change");
	rota_calendar_add(c, T("2026-09-27T02:00:00+12:45"), 2701, &u, &e);
	is_str(fmt(c, u), "2026-09-27T03:45:01+13:45", "and go on after it");
	rota_calendar_free(c);
}

static void
holidays_and_overrides(void)
{
	rota_calendar_def *d = def_new("Europe/Berlin");
	week(d, "1111100", "08:00-12:00,13:00-18:00");
	week(d, "0000010", "10:00-14:00");
	ics(d, "de.ics");
	override(d, "2026-12-24", "09:00-12:00");
	override(d, "2026-12-26", "10:00-12:00");    /* a Saturday that is also a holiday */
	override(d, "2026-12-31", "");               /* closed */
	holiday(d, "2026-12-28", NULL);
	rota_calendar *c = cal_new(d);
	ok(c != NULL, "calendar with an .ics file loads");
	rota_calendar_day info;
	rota_calendar_day_info(c, day("2026-12-24"), &info);
	is_int(info.open, 3 * 3600, "Dec 24 short day");
	ok(info.overridden == 1, "Dec 24 overridden");
	ok(info.holiday == NULL, "Dec 24 is no holiday");
	rota_calendar_day_info(c, day("2026-12-25"), &info);
	is_int(info.open, 0, "Christmas closed");
	is_str(info.holiday, "Weihnachten", "Christmas from the .ics RRULE");
	rota_calendar_day_info(c, day("2026-12-26"), &info);
	is_int(info.open, 2 * 3600, "an override wins over an .ics holiday");
	is_str(info.holiday, "Weihnachten", "and the holiday keeps its name");
	rota_calendar_day_info(c, day("2026-12-28"), &info);
	is_str(info.holiday, "", "unnamed holiday");
	is_int(info.open, 0, "unnamed holiday closed");
	rota_calendar_day_info(c, day("2026-12-29"), &info);
	is_int(info.open, 9 * 3600, "split day");
	ok(info.holiday == NULL && !info.overridden, "ordinary Tuesday");
	rota_calendar_day_info(c, day("2026-12-31"), &info);
	is_int(info.open, 0, "closed by an empty override");
	rota_calendar_day_info(c, day("2027-01-01"), &info);
	is_str(info.holiday, "Neujahr", "New Year 2027");
	rota_calendar_day_info(c, day("2027-03-29"), &info);
	is_str(info.holiday, "Ostermontag", "RDATE in its own property");
	rota_calendar_day_info(c, day("2028-04-14"), &info);
	is_str(info.holiday, "Karfreitag", "second value of a multi-valued RDATE");
	rota_calendar_day_info(c, day("2075-10-03"), &info);
	is_str(info.holiday, "Tag der Deutschen Einheit", "holidays far ahead expand on demand");
	rota_calendar_day_info(c, day("1995-10-03"), &info);
	is_str(info.holiday, "Tag der Deutschen Einheit", "and far back");
	rota_calendar_day_info(c, day("1989-10-03"), &info);
	ok(info.holiday == NULL, "nothing before DTSTART");
	/* Dec 23 (Wed) 17:00 + 5h: 1h Wed, 3h Dec 24, closed 25, 2h Sat 26 override -> 11:00... */
	check_add(c, "2026-12-23T17:00:00+01:00", 5 * 3600, "2026-12-26T11:00:00+01:00",
	          "across a short day, a holiday and an overridden Saturday");
	check_add(c, "2026-12-26T12:00:00+01:00", 1, "2026-12-29T08:00:01+01:00",
	          "over Sunday and an unnamed holiday");
	check_add(c, "2026-12-30T17:59:00+01:00", 120, "2027-01-02T10:01:00+01:00",
	          "over a closed override and New Year to a Saturday");
	rota_calendar_free(c);

	/* Past 2582 libical expands no RRULE: answers there are refused, not guessed. */
	d = def_new("Europe/Berlin");
	week(d, "1111111", "00:00-24:00");
	ics(d, "de.ics");
	c = cal_new(d);
	is_int(rota_calendar_horizon(c), T("2583-01-01T00:00:00+01:00"), "horizon: end of 2582");
	rota_time u;
	rota_error e = { 0 };
	ok(rota_calendar_add(c, T("2582-12-31T23:00:00+01:00"), 3600, &u, &e) == 0 &&
	   u == rota_calendar_horizon(c), "due exactly at the horizon is fine");
	ok(rota_calendar_add(c, T("2582-12-31T23:00:00+01:00"), 3601, &u, &e) < 0,
	   "one second later is refused");
	ok(strstr(e.msg, "the answer lies after 2582-12-31, the last date to which libical "
	          "expands the recurring holidays of ") != NULL, "horizon message: %s", e.msg);
	ok(rota_calendar_next_open(c, T("2583-01-01T00:00:00+01:00"), &u, &e) < 0,
	   "next_open at the horizon is refused");
	rota_calendar_free(c);
	d = def_new("UTC");
	week(d, "1111111", "00:00-24:00");
	c = cal_new(d);
	is_int(rota_calendar_horizon(c), ROTA_TIME_LAST + 1, "no horizon without .ics rules");
	rota_calendar_free(c);
}

static int
collect_iv(rota_time s, rota_time e, void *arg)
{
	rota_time *v = arg;
	size_t n = (size_t)v[0];
	if (n < 16) {
		v[1 + 2 * n] = s;
		v[2 + 2 * n] = e;
	}
	v[0]++;
	return 0;
}

static int
stop_at_first(rota_time s, rota_time e, void *arg)
{
	(void)s;
	(void)e;
	(*(int *)arg)++;
	return 7;
}

static void
intervals_and_next(void)
{
	rota_calendar_def *d = def_new("UTC");
	week(d, "1111111", "00:00-24:00");
	holiday(d, "2026-01-10", "closed");
	rota_calendar *c = cal_new(d);
	rota_time v[40] = { 0 };
	/* 64-day blocks start at multiples of 5529600 s; this span crosses the block edge
	 * of 2026-01-27. */
	rota_calendar_intervals(c, T("2026-01-01T12:00:00Z"), T("2026-03-01T00:00:00Z"), collect_iv, v);
	is_int(v[0], 2, "two open stretches around the holiday, merged over midnights and blocks");
	is_int(v[1], T("2026-01-01T12:00:00Z"), "first starts at from");
	is_int(v[2], T("2026-01-10T00:00:00Z"), "and ends at the holiday");
	is_int(v[3], T("2026-01-11T00:00:00Z"), "second starts after it");
	is_int(v[4], T("2026-03-01T00:00:00Z"), "and ends at to");
	int calls = 0;
	is_int(rota_calendar_intervals(c, T("2026-01-01T00:00:00Z"), T("2026-03-01T00:00:00Z"),
	                               stop_at_first, &calls), 7, "callback's value is returned");
	is_int(calls, 1, "and stops the iteration");
	is_int(rota_calendar_next_close(c, T("2026-01-02T00:00:00Z")), T("2026-01-10T00:00:00Z"),
	       "next close");
	is_int(rota_calendar_next_close(c, T("2026-01-10T05:00:00Z")), T("2026-01-10T05:00:00Z"),
	       "next close when closed is now");
	ok(rota_calendar_is_open(c, T("2026-01-09T23:59:59Z")), "open the second before");
	ok(!rota_calendar_is_open(c, T("2026-01-10T00:00:00Z")), "closed at the holiday");
	rota_time u;
	rota_error e;
	ok(rota_calendar_next_open(c, T("2026-01-10T05:00:00Z"), &u, &e) == 0 &&
	   u == T("2026-01-11T00:00:00Z"), "next open after a holiday");
	ok(rota_calendar_next_open(c, T("2026-01-09T05:00:00Z"), &u, &e) == 0 &&
	   u == T("2026-01-09T05:00:00Z"), "next open when open is now");
	rota_calendar_free(c);

	/* Long spans: additivity over centuries, through evicted blocks. */
	d = def_new("America/New_York");
	week(d, "1111100", "09:00-17:00");
	c = cal_new(d);
	rota_time a = T("1900-01-01T00:00:00Z"), m = T("2100-06-15T12:34:56Z"),
	          b = T("2300-01-01T00:00:00Z");
	int64_t ab = rota_calendar_between(c, a, b);
	is_int(ab, rota_calendar_between(c, a, m) + rota_calendar_between(c, m, b),
	       "between is additive over 400 years");
	rota_time back;
	ok(rota_calendar_add(c, a, ab, &back, &e) == 0, "add 400 years of business time");
	is_int(back, T("2299-12-29T22:00:00Z"), "ends at the last closing before 2300");
	/* 400 Gregorian years hold exactly 20871 weeks: 104355 weekdays of 8 h. */
	is_int(rota_calendar_between(c, T("2000-01-01T00:00:00Z"), T("2400-01-01T00:00:00Z")),
	       20871LL * 5 * 8 * 3600, "400 years of weekdays");
	rota_calendar_free(c);
}

static void
never_open(void)
{
	rota_calendar_def *d = def_new("UTC");
	rota_calendar *c = cal_new(d);
	rota_time u;
	rota_error e = { 0 };
	ok(rota_calendar_add(c, T("2026-01-01T00:00:00Z"), 60, &u, &e) < 0, "never open: add fails");
	is_str(e.msg, "calendar 'test' is never open: it has no hours on any day or date",
	       "never open message");
	ok(rota_calendar_next_open(c, T("2026-01-01T00:00:00Z"), &u, &e) < 0, "next_open fails");
	is_int(rota_calendar_between(c, T("2026-01-01T00:00:00Z"), T("2027-01-01T00:00:00Z")), 0,
	       "between is 0");
	ok(rota_calendar_add(c, T("2026-01-01T00:00:00Z"), 0, &u, &e) == 0, "adding 0 still works");
	rota_calendar_free(c);

	/* Open only on one date long ago: add runs out of time and says so. */
	d = def_new("UTC");
	override(d, "2020-01-01", "09:00-10:00");
	c = cal_new(d);
	ok(rota_calendar_add(c, T("2019-12-31T00:00:00Z"), 3600, &u, &e) == 0 &&
	   u == T("2020-01-01T10:00:00Z"), "the one open hour");
	ok(rota_calendar_add(c, T("2019-12-31T00:00:00Z"), 3601, &u, &e) < 0, "one second more fails");
	is_str(e.msg, "calendar 'test' has not enough open time before the year 10000",
	       "not enough open time");
	is_int(rota_calendar_next_close(c, T("9999-12-31T23:59:59Z")), ROTA_TIME_MAX,
	       "closed at the end of time: next close is now");
	rota_calendar_free(c);

	d = def_new("UTC");
	week(d, "1111111", "00:00-24:00");
	c = cal_new(d);
	is_int(rota_calendar_next_close(c, T("2026-01-01T00:00:00Z")), ROTA_TIME_LAST + 1,
	       "24/7 never closes");
	/* The range is every instant whose local form can lie in 0001-9999 (rota(7)). */
	ok(rota_calendar_add(c, ROTA_TIME_LAST - 3600, 3601, &u, &e) < 0,
	   "cannot go past the last instant written in 9999");
	ok(rota_calendar_add(c, ROTA_TIME_LAST - 3600, 3600, &u, &e) == 0 &&
	   u == ROTA_TIME_LAST, "the last second is fine");
	ok(rota_calendar_add(c, T("9999-12-31T23:00:00Z"), 3600, &u, &e) == 0 &&
	   u == ROTA_TIME_MAX + 1, "10000-01-01T00:00:00Z is 9999-12-31T23:00:00-01:00");
	is_int(rota_calendar_between(c, T("0001-01-01T00:00:00+14:00"), T("0001-01-01T01:00:00Z")),
	       54000, "between from the first day at +14:00");
	is_int(rota_calendar_between(c, T("9999-12-31T00:00:00Z"), T("9999-12-31T23:59:59-12:00")),
	       129599, "between to the last day at -12:00");
	is_int(rota_calendar_between(c, ROTA_TIME_FIRST - 86400, ROTA_TIME_LAST + 86400),
	       ROTA_TIME_LAST + 1 - ROTA_TIME_FIRST, "the whole range, clamped");
	rota_calendar_free(c);
}

static void
expect_def_error(rota_calendar_def *d, const char *msg, const char *what)
{
	rota_error e = { 0 };
	rota_calendar *c = rota_calendar_new(d, &e);
	ok(c == NULL, "%s: rejected", what);
	is_str(e.msg, msg, what);
	is_str(e.file, "rota.yaml", "error names the file");
	is_int(e.line, 3, "error line");
	is_int(e.col, 3, "error column");
	rota_calendar_free(c);
	def_free(d);
}

static void
definition_errors(void)
{
	rota_calendar_def *d = def_new("Europe/Berlin");
	week(d, "1000000", "17:00-09:00");
	expect_def_error(d, "calendar 'test': hours on Monday: range 17:00-09:00 is empty or "
	                 "outside 00:00-24:00; write START-END with START before END", "reversed range");
	d = def_new("Europe/Berlin");
	week(d, "0010000", "08:00-12:00,11:00-13:00");
	expect_def_error(d, "calendar 'test': hours on Wednesday: range 11:00-13:00 overlaps or "
	                 "precedes the one before it; list ranges in order without overlaps",
	                 "overlapping ranges");
	d = def_new("Europe/Berlin");
	override(d, "2026-12-24", "09:00-12:00");
	override(d, "2026-12-24", "10:00-12:00");
	expect_def_error(d, "calendar 'test': two overrides for 2026-12-24: keep one",
	                 "duplicate override");
	d = def_new("Mars/Olympus_Mons");
	rota_error e = { 0 };
	ok(rota_calendar_new(d, &e) == NULL, "unknown zone rejected");
	ok(strncmp(e.msg, "calendar 'test': ", 17) == 0 && strstr(e.msg, "Mars/Olympus_Mons"),
	   "unknown zone message names the calendar and zone: %s", e.msg);
	is_int(e.line, 3, "unknown zone: line of the calendar");
	def_free(d);
	d = def_new("UTC");
	ics(d, "no-such.ics");
	rota_calendar *c = rota_calendar_new(d, &e);
	ok(c == NULL && e.status == 2, "missing holiday file rejected");
	ok(strstr(e.file, "no-such.ics") && strstr(e.msg, "cannot open holiday file"),
	   "missing holiday file named: %s: %s", e.file, e.msg);
	def_free(d);
}

/* ---- .ics expansion ---- */

struct got { char s[2048]; size_t n; };

static int
got_cb(int64_t d, const char *summary, void *arg)
{
	struct got *g = arg;
	char date[16];
	rota_date_format(date, sizeof date, d);
	g->n += (size_t)snprintf(g->s + g->n, sizeof g->s - g->n, "%s%s %s", g->n ? "; " : "",
	                         date, summary);
	return 0;
}

static const char *
expand(rota_ical *ic, const char *from, const char *to, const char *tz)
{
	static struct got g;
	rota_error e;
	g.n = 0;
	g.s[0] = '\0';
	rota_ical_date *v;
	size_t n;
	rota_ical_dates(ic, day(from), day(to), tz ? rota_tz_get(tz, &e) : NULL, &v, &n);
	for (size_t i = 0; i < n; i++)
		got_cb(v[i].day, v[i].summary, &g);
	free(v);
	return g.s;
}

static rota_ical *
load(const char *file)
{
	const char *src = getenv("ROTA_SRCDIR");
	char path[4096];
	rota_error e = { 0 };
	snprintf(path, sizeof path, "%s/tests/data/cal/%s", src ? src : ".", file);
	rota_ical *ic = rota_ical_load(path, &e);
	if (ic == NULL)
		fprintf(stderr, "# %s:%ld:%ld: %s\n", e.file, e.line, e.col, e.msg);
	return ic;
}

static void
ics_expansion(void)
{
	rota_ical *us = load("us.ics");
	ok(us != NULL, "us.ics loads");
	is_int(rota_ical_nevents(us), 7, "cancelled events dropped, the moved instance kept");
	is_str(expand(us, "2026-01-01", "2026-02-28", "America/New_York"),
	       "2026-01-05 Inventory; 2026-01-19 Martin Luther King Jr. Day",
	       "COUNT, EXDATE and a cancelled RECURRENCE-ID; BYDAY=3MO");
	is_str(expand(us, "2026-05-01", "2026-07-31", NULL),
	       "2026-05-25 Memorial Day; 2026-07-03 Independence Day",
	       "BYDAY=-1MO; EXDATE then RDATE moves a date");
	is_str(expand(us, "2027-07-01", "2027-07-31", NULL), "2027-07-04 Independence Day",
	       "the EXDATE is for one year only");
	is_str(expand(us, "2026-11-01", "2026-11-30", NULL),
	       "2026-11-26 Thanksgiving; 2026-11-27 Thanksgiving", "DURATION:P2D covers two dates");
	is_str(expand(us, "2027-11-01", "2027-11-30", NULL), "2027-11-26 Thanksgiving (moved)",
	       "RECURRENCE-ID replaces an instance");
	is_str(expand(us, "2026-11-27", "2026-11-27", NULL), "2026-11-27 Thanksgiving",
	       "an instance that started before the range still covers it");
	is_str(expand(us, "2026-12-18", "2026-12-19", "America/New_York"),
	       "2026-12-18 Office party (New York)", "timed event in its own zone: one date");
	is_str(expand(us, "2026-12-18", "2026-12-19", "Europe/Berlin"),
	       "2026-12-18 Office party (New York); 2026-12-19 Office party (New York)",
	       "timed event seen from Berlin runs past midnight");
	is_str(expand(us, "2026-09-01", "2026-09-01", NULL), "", "STATUS:CANCELLED is no holiday");
	is_str(expand(us, "2590-01-01", "2590-12-31", NULL), "",
	       "libical stops RRULEs after 2582 (documented)");
	rota_ical_free(us);

	rota_ical *z = load("zones.ics");
	ok(z != NULL, "zones.ics loads");
	is_str(expand(z, "2026-03-01", "2026-03-31", NULL),
	       "2026-03-09 Late event; 2026-03-10 Late event; 2026-03-20 UTC evening; "
	       "2026-03-21 UTC evening", "VTIMEZONE +09:00 and Z, seen in UTC");
	is_str(expand(z, "2026-03-01", "2026-03-31", "Asia/Tokyo"),
	       "2026-03-10 Late event; 2026-03-11 Late event; 2026-03-21 UTC evening",
	       "the same seen in Tokyo");
	is_str(expand(z, "2026-03-20", "2026-03-21", "America/New_York"), "2026-03-20 UTC evening",
	       "UTC evening seen in New York");
	is_str(expand(z, "2026-04-01", "2026-04-02", "Asia/Kolkata"),
	       "2026-04-01 Floating; 2026-04-02 Floating", "floating time is wall clock anywhere");
	is_str(expand(z, "2026-04-14", "2026-04-15", NULL), "2026-04-14 Prefixed TZID",
	       "a path-prefixed IANA TZID");
	is_str(expand(z, "2026-04-14", "2026-04-15", "Europe/Berlin"), "2026-04-15 Prefixed TZID",
	       "the same in Berlin");
	rota_ical_free(z);
}

/* libical is entered near the window for long-running rules; the result must be what
 * a full iteration from DTSTART gives. */
static void
ics_far_window(void)
{
	static const char *const rules[] = {
		"FREQ=DAILY", "FREQ=WEEKLY;BYDAY=MO,FR", "FREQ=MONTHLY;BYDAY=-1FR",
		"FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=29", "FREQ=YEARLY;BYWEEKNO=20;BYDAY=WE",
		"FREQ=WEEKLY;INTERVAL=3", "FREQ=MONTHLY;BYMONTHDAY=31", "FREQ=DAILY;INTERVAL=5",
		"FREQ=DAILY;INTERVAL=7;BYMONTH=3,9", "FREQ=WEEKLY;INTERVAL=2;BYDAY=TU,SU;WKST=SU",
		"FREQ=MONTHLY;INTERVAL=5;BYDAY=2TU", "FREQ=MONTHLY;INTERVAL=7;BYMONTHDAY=-1",
		"FREQ=YEARLY;INTERVAL=3;BYMONTH=6;BYDAY=-1SU", "FREQ=YEARLY;INTERVAL=4",
		"FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1", "FREQ=YEARLY;BYYEARDAY=100,-1",
	};
	for (size_t i = 0; i < sizeof rules / sizeof *rules; i++) {
		char text[512];
		int n = snprintf(text, sizeof text, "BEGIN:VCALENDAR\nBEGIN:VEVENT\nSUMMARY:x\n"
		                 "DTSTART;VALUE=DATE:20000103\nRRULE:%s\nEND:VEVENT\nEND:VCALENDAR\n",
		                 rules[i]);
		rota_error e = { 0 };
		rota_ical *ic = rota_ical_parse(text, (size_t)n, "mem.ics", &e);
		ok(ic != NULL, "%s loads (%s)", rules[i], e.msg);
		if (!ic)
			continue;
		rota_ical_date *all, *win;
		size_t nall, nwin;
		rota_ical_dates(ic, day("2000-01-01"), day("2033-12-31"), NULL, &all, &nall);
		rota_ical_dates(ic, day("2030-01-01"), day("2033-12-31"), NULL, &win, &nwin);
		size_t k = 0;
		while (k < nall && all[k].day < day("2030-01-01"))
			k++;
		int same = nall - k == nwin;
		for (size_t j = 0; same && j < nwin; j++)
			same = all[k + j].day == win[j].day;
		ok(same && nwin > 0, "%s: window 2030-2033 matches a full expansion (%zu dates)",
		   rules[i], nwin);
		free(all);
		free(win);
		rota_ical_free(ic);
	}
}

struct ics_err { const char *text; long line, col; const char *msg; };

static void
ics_errors(void)
{
	static const struct ics_err cases[] = {
		{ "hello\n", 1, 1, "not an iCalendar file: expected BEGIN:VCALENDAR ... END:VCALENDAR (RFC 5545)" },
		{ "BEGIN:VCALENDAR\nEND:VEVENT\n", 2, 5, "END:VEVENT, but BEGIN:VCALENDAR of line 1 "
		  "is still open: expected END:VCALENDAR first" },
		{ "BEGIN:VCALENDAR\nEND:VCALENDAR\nEND:VCALENDAR\n", 3, 5,
		  "END:VCALENDAR without a BEGIN:VCALENDAR before it" },
		{ "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nDTSTART:20260101\r\nEND:VEVENT\r\n", 1, 1,
		  "BEGIN:VCALENDAR is never closed: expected END:VCALENDAR" },
		{ "BEGIN:VCALENDAR\nBEGIN:VEVENT\n:20260101\nEND:VEVENT\nEND:VCALENDAR\n", 3, 1,
		  "a line without a property name: expected NAME:VALUE, e.g. SUMMARY:Christmas" },
		{ "BEGIN:VCALENDAR\nBEGIN:VEVENT\nSUMMARY:x\nEND:VEVENT\nEND:VCALENDAR\n", 2, 0,
		  "VEVENT 'x' has no DTSTART: a holiday needs a date, e.g. DTSTART;VALUE=DATE:20261224" },
		{ "BEGIN:VCALENDAR\nBEGIN:VEVENT\nSUMMARY:x\nDTSTART:garbage\nEND:VEVENT\nEND:VCALENDAR\n",
		  4, 9, "DTSTART cannot be read (libical: Can't parse as DATE-TIME value in DTSTART "
		  "property. Removing entire property: garbage)" },
		{ "BEGIN:VCALENDAR\nBEGIN:VEVENT\nDTSTART;VALUE=DATE:20261301\nEND:VEVENT\nEND:VCALENDAR\n",
		  3, 20, "DTSTART is not a valid date or date-time: expected YYYYMMDD or "
		  "YYYYMMDDTHHMMSS[Z], e.g. 20261224 or 20261224T130000Z" },
		{ "BEGIN:VCALENDAR\nBEGIN:VEVENT\nDTSTART;TZID=Nowhere:20261224T100000\nEND:VEVENT\nEND:VCALENDAR\n",
		  3, 22, "DTSTART has TZID 'Nowhere', which is neither an IANA zone name nor defined "
		  "by a VTIMEZONE in this file: add the VTIMEZONE or use a name such as Europe/Berlin" },
		{ "BEGIN:VCALENDAR\nBEGIN:VEVENT\nDTSTART;VALUE=DATE:20261224\nRRULE:FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30\nEND:VEVENT\nEND:VCALENDAR\n",
		  4, 7, "libical cannot expand this RRULE (a rule that never matches, such as "
		  "BYMONTH=2;BYMONTHDAY=30?)" },
		{ "BEGIN:VCALENDAR\nBEGIN:VEVENT\nDTSTART;VALUE=DATE:20261224\nRRULE:FREQ=SOMETIMES\nEND:VEVENT\nEND:VCALENDAR\n",
		  4, 7, "RRULE cannot be read (libical: Can't parse as RECUR value in RRULE property. "
		  "Removing entire property: FREQ=SOMETIMES)" },
		{ "BEGIN:VCALENDAR\nBEGIN:VEVENT\nDTSTART:20261224T000000Z\nRRULE:FREQ=HOURLY\nEND:VEVENT\nEND:VCALENDAR\n",
		  4, 7, "RRULE FREQ=HOURLY repeats within a day: a holiday file lists dates, so use "
		  "FREQ=DAILY or coarser" },
		{ "BEGIN:VCALENDAR\nBEGIN:VEVENT\nDTSTART:20261224T000000Z\nRRULE:FREQ=DAILY;BYHOUR=1,2\nEND:VEVENT\nEND:VCALENDAR\n",
		  4, 7, "RRULE has several BYHOUR, BYMINUTE or BYSECOND values: a holiday file lists "
		  "dates, one occurrence a day is enough" },
		{ "BEGIN:VCALENDAR\nBEGIN:VEVENT\nDTSTART;VALUE=DATE:20261224\nRRULE:FREQ=DAILY;COUNT=100001\nEND:VEVENT\nEND:VCALENDAR\n",
		  4, 7, "RRULE COUNT=100001 is more than 100000 occurrences: leave COUNT out for a rule "
		  "without end" },
		{ "BEGIN:VCALENDAR\nBEGIN:VEVENT\nDTSTART;VALUE=DATE:20261224\nDTEND:20261225T000000Z\nEND:VEVENT\nEND:VCALENDAR\n",
		  4, 7, "DTEND must be a DATE like DTSTART" },
		{ "BEGIN:VCALENDAR\nBEGIN:VEVENT\nDTSTART:20261224T100000Z\nDTEND:20261224T090000Z\nEND:VEVENT\nEND:VCALENDAR\n",
		  4, 7, "DTEND is before DTSTART" },
		{ "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nDTSTART;VALUE=DATE:20261224\r\nEXDATE;VALUE=DATE:20261225\r\nEXDATE;VALUE=DATE:20261299\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n",
		  5, 19, "EXDATE is not a valid date or date-time: expected YYYYMMDD or "
		  "YYYYMMDDTHHMMSS[Z], e.g. 20261224 or 20261224T130000Z" },
		{ "BEGIN:VCALENDAR\nBEGIN:VEVENT\nDTSTART;VALUE=DATE:20261224\nEND:VEVENT\n"
		  "BEGIN:VEVENT\nDESCRIPTION:a long\n  folded line\nBEGIN:VALARM\nTRIGGER:-PT1H\nEND:VALARM\n"
		  "DTSTART:20261224T100000Z\nDURATION:-PT1H\nEND:VEVENT\nEND:VCALENDAR\n",
		  12, 10, "DURATION is negative: an event cannot end before it starts" },
	};
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		rota_error e = { 0 };
		rota_ical *ic = rota_ical_parse(cases[i].text, strlen(cases[i].text), "h.ics", &e);
		ok(ic == NULL, "ics error %zu rejected", i);
		rota_ical_free(ic);
		is_str(e.msg, cases[i].msg, "ics error message");
		is_str(e.file, "h.ics", "ics error file");
		is_int(e.line, cases[i].line, cases[i].msg);
		is_int(e.col, cases[i].col, cases[i].msg);
		is_int(e.status, 2, "ics error status");
	}
	/* Unknown properties cannot change a date: they are no error. */
	const char *ok_text = "BEGIN:VCALENDAR\nBEGIN:VEVENT\nFOO;X=1:bar\nDTSTART;VALUE=DATE:20261224\n"
	                      "END:VEVENT\nEND:VCALENDAR\nBEGIN:VCALENDAR\nBEGIN:VEVENT\n"
	                      "DTSTART;VALUE=DATE:20261231\nEND:VEVENT\nEND:VCALENDAR\n";
	rota_error e = { 0 };
	rota_ical *ic = rota_ical_parse(ok_text, strlen(ok_text), "ok.ics", &e);
	ok(ic != NULL, "unknown property ignored (%s)", e.msg);
	if (ic) {
		is_str(expand(ic, "2026-12-01", "2026-12-31", NULL), "2026-12-24 ; 2026-12-31 ",
		       "two VCALENDARs in one file");
		rota_ical_free(ic);
	}
}

/* ---- many ranges a day ----
 *
 * between() adds up the few intervals that may hold an instant without searching them
 * when no day of a block has more than three, and searches them otherwise.  Both ways
 * against a direct sum, for 0 to 7 ranges a day in a zone without DST (UTC, and
 * Asia/Kolkata's +05:30, so that ranges cross UTC midnight), ranges apart or from 00:00
 * to 24:00 (open across midnight), at random instants and at the edges that matter: the
 * ends of ranges and of the 64-day blocks. */

static uint64_t many_rng = 0x9e3779b97f4a7c15ULL;

static uint64_t
many_rnd(void)
{
	many_rng ^= many_rng << 13;
	many_rng ^= many_rng >> 7;
	many_rng ^= many_rng << 17;
	return many_rng;
}

/* Range i of k: apart (odd seconds, so that nothing falls on a round number by
 * chance), or, with whole, the day cut in k with the first at 00:00 and the last to
 * 24:00. */
static rota_hours_range
many_range(int i, int k, int whole)
{
	if (whole)
		return (rota_hours_range){ i * 86400 / k, (i + 1) * 86400 / k - (i < k - 1) * 601 };
	int start = i * 2 * 3600 + 5 * 3600 + 17 * i;
	return (rota_hours_range){ start, start + 3600 + 300 * i + 1 };
}

/* Open seconds in [t1, t2) (t1 <= t2) of k ranges every day at a fixed offset. */
static int64_t
many_ref(int k, int whole, int32_t off, rota_time t1, rota_time t2)
{
	int64_t sum = 0;
	for (int64_t d = (t1 + off) / 86400 - 1; d <= (t2 + off) / 86400 + 1; d++)
		for (int i = 0; i < k; i++) {
			rota_hours_range r = many_range(i, k, whole);
			rota_time s = d * 86400 + r.start - off, e = d * 86400 + r.end - off;
			s = s < t1 ? t1 : s;
			e = e > t2 ? t2 : e;
			sum += e > s ? e - s : 0;
		}
	return sum;
}

/* An instant in 2020-2029: random, or an edge (a range's end, a block's) give or take
 * a second. */
static rota_time
many_instant(int k, int whole, int32_t off)
{
	rota_time lo = T("2020-01-01T00:00:00Z"), t;
	switch (many_rnd() % 3) {
	case 0:
		return lo + (rota_time)(many_rnd() % (10 * 365 * 86400ULL));
	case 1: {
		if (k == 0)
			return lo;
		rota_hours_range r = many_range((int)(many_rnd() % (uint64_t)k), k, whole);
		t = (lo / 86400 + (rota_time)(many_rnd() % 3650)) * 86400 - off;
		t += many_rnd() % 2 ? r.start : r.end;
		break;
	}
	default:
		t = (lo / (64 * 86400) + 1 + (rota_time)(many_rnd() % 57)) * 64 * 86400;
	}
	return t + (rota_time)(many_rnd() % 3) - 1;
}

/* k ranges every day in tz (a fixed offset off): between() against many_ref. */
static void
many_case(const char *tz, int32_t off, int k, int whole)
{
	rota_calendar_def *d = def_new(tz);
	for (int wd = 0; wd < 7; wd++) {
		d->week[wd].n = (size_t)k;
		d->week[wd].r = k ? calloc((size_t)k, sizeof *d->week[wd].r) : NULL;
		for (int i = 0; i < k; i++)
			d->week[wd].r[i] = many_range(i, k, whole);
	}
	rota_calendar *c = cal_new(d);
	int bad = 0, bad_add = 0;
	for (int n = 0; n < 3000; n++) {
		rota_time t1 = many_instant(k, whole, off);
		/* spans within a day, a block or several */
		rota_time t2 = n % 3 == 0 ? many_instant(k, whole, off) :
		               t1 + (rota_time)(many_rnd() % (n % 3 == 1 ? 86400 : 200 * 86400));
		int64_t want = t1 <= t2 ? many_ref(k, whole, off, t1, t2) :
		               -many_ref(k, whole, off, t2, t1);
		int64_t got = rota_calendar_between(c, t1, t2);
		if (got != want && bad++ == 0)
			fprintf(stderr, "# %s, %d ranges%s: between(%lld, %lld) = %lld, want %lld\n",
			        tz, k, whole ? " to 24:00" : "", (long long)t1, (long long)t2,
			        (long long)got, (long long)want);
		/* add finds where that much open time has passed: never after t2 */
		rota_time u;
		rota_error e;
		if (want > 0 && (rota_calendar_add(c, t1, want, &u, &e) < 0 || u > t2 ||
		                 rota_calendar_between(c, t1, u) != want))
			bad_add++;
	}
	char what[96];
	snprintf(what, sizeof what, "%s, %d ranges a day%s: between() against a direct sum", tz,
	         k, whole ? " to 24:00" : "");
	is_int(bad, 0, what);
	snprintf(what, sizeof what, "%s, %d ranges a day%s: add() ends where between() says", tz,
	         k, whole ? " to 24:00" : "");
	is_int(bad_add, 0, what);
	rota_calendar_free(c);
}

static void
many_ranges(void)
{
	for (int whole = 0; whole <= 1; whole++)
		for (int k = whole; k <= 7; k++) {
			many_case("UTC", 0, k, whole);
			many_case("Asia/Kolkata", 19800, k, whole);
		}
}

int
main(void)
{
	famous();
	wall_clock_ranges();
	odd_zones();
	holidays_and_overrides();
	intervals_and_next();
	never_open();
	definition_errors();
	ics_expansion();
	ics_far_window();
	ics_errors();
	many_ranges();
	rota_tz_cache_free();
	rota_ical_cleanup();
	return tap_done();
}
