/* Unit tests of include/rota/time.h: civil days, zones (gaps, folds, odd offsets, footer
 * rules, slim and v1 files), ISO 8601 and strptime-like parsing with every documented
 * error and its column, formatting, durations.  Expected instants were computed
 * independently (Python's zoneinfo). */
#include <config.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <rota/rota.h>
#include "tap.h"

static const rota_tz *
zone(const char *name)
{
	rota_error e;
	const rota_tz *tz = rota_tz_get(name, &e);
	if (tz == NULL) {
		ok(0, "zone %s: %s", name, e.msg);
		exit(1);
	}
	return tz;
}

static rota_time
at(const char *iso)
{
	rota_error e;
	rota_time t = 0;
	if (rota_time_parse(iso, NULL, 0, &t, &e) != 0)
		ok(0, "parse %s: %s", iso, e.msg);
	return t;
}

static const char *
fmt(rota_time t, const rota_tz *tz)
{
	static char buf[4][ROTA_TIME_BUFSZ];
	static int i;
	i = (i + 1) % 4;
	rota_time_format(buf[i], sizeof buf[i], t, tz);
	return buf[i];
}

static rota_civil
civ(int y, int mo, int d, int h, int mi, int s)
{
	rota_civil c = { y, mo, d, h, mi, s };
	return c;
}

static void
test_civil(void)
{
	is_int(rota_days_from_civil(1970, 1, 1), 0, "epoch day");
	is_int(rota_days_from_civil(1969, 12, 31), -1, "day before the epoch");
	is_int(rota_days_from_civil(2000, 3, 1), 11017, "2000-03-01");
	is_int(rota_days_from_civil(2016, 2, 29), 16860, "2016-02-29");
	is_int(rota_days_from_civil(1900, 3, 1), -25508, "1900-03-01 (1900 not leap)");
	is_int(rota_days_from_civil(2100, 3, 1), 47541, "2100-03-01 (2100 not leap)");
	is_int(rota_days_from_civil(1, 1, 1), -719162, "0001-01-01");
	is_int(rota_days_from_civil(9999, 12, 31), 2932896, "9999-12-31");
	is_int(rota_days_from_civil(2026, 13, 1), rota_days_from_civil(2027, 1, 1), "month 13 carries");
	is_int(rota_days_from_civil(2026, 0, 1), rota_days_from_civil(2025, 12, 1), "month 0 borrows");
	is_int(rota_days_from_civil(2026, 3, 0), rota_days_from_civil(2026, 2, 28), "day 0");
	is_int(rota_days_from_civil(2026, -11, 1), rota_days_from_civil(2025, 1, 1), "month -11");

	int y, m, d, bad = 0;
	int64_t prev = rota_days_from_civil(1599, 12, 31);
	for (int64_t n = prev + 1; n < rota_days_from_civil(2401, 1, 1); n++) {
		rota_civil_from_days(n, &y, &m, &d);
		if (rota_days_from_civil(y, m, d) != n || d < 1 || d > rota_days_in_month(y, m))
			bad++;
	}
	is_int(bad, 0, "civil <-> days round trip for every day 1600-2400");
	rota_civil_from_days(16860, &y, &m, &d);
	ok(y == 2016 && m == 2 && d == 29, "16860 is 2016-02-29 (%d-%d-%d)", y, m, d);
	rota_civil_from_days(-719162, &y, &m, &d);
	ok(y == 1 && m == 1 && d == 1, "0001-01-01 back");
	rota_civil_from_days(INT64_MIN, &y, &m, &d);
	ok(y < -1000000000, "INT64_MIN days clamps instead of overflowing (%d)", y);

	is_int(rota_is_leap(2000), 1, "2000 leap");
	is_int(rota_is_leap(1900), 0, "1900 not leap");
	is_int(rota_is_leap(2100), 0, "2100 not leap");
	is_int(rota_is_leap(2016), 1, "2016 leap");
	is_int(rota_is_leap(2026), 0, "2026 not leap");
	is_int(rota_days_in_month(2016, 2), 29, "Feb 2016");
	is_int(rota_days_in_month(2100, 2), 28, "Feb 2100");
	is_int(rota_days_in_month(2000, 2), 29, "Feb 2000");
	is_int(rota_days_in_month(2026, 4), 30, "Apr");
	is_int(rota_days_in_month(2026, 12), 31, "Dec");
	is_int(rota_days_in_month(2026, 13), 0, "month 13 has no days");

	is_int(rota_weekday(0), 3, "1970-01-01 Thursday");
	is_int(rota_weekday(-1), 2, "1969-12-31 Wednesday");
	is_int(rota_weekday(20541), 6, "2026-03-29 Sunday");
	is_int(rota_weekday(16860), 0, "2016-02-29 Monday");
	is_int(rota_weekday(-719162), 0, "0001-01-01 Monday");
	is_int(rota_weekday(2932896), 4, "9999-12-31 Friday");
}

static void
test_zone_lookup(void)
{
	rota_error e;
	const rota_tz *a = zone("Europe/Berlin");
	ok(rota_tz_get("Europe/Berlin", &e) == a, "zones are cached: same pointer");
	is_str(rota_tz_name(a), "Europe/Berlin", "name");
	ok(rota_tz_get("UTC", &e) == rota_tz_utc(), "UTC is the built-in zone");
	is_str(rota_tz_name(rota_tz_utc()), "UTC", "UTC name");
	is_int(rota_tz_offset(rota_tz_utc(), 1774746000), 0, "UTC offset");
	is_str(rota_tz_abbr(rota_tz_utc(), 0), "UTC", "UTC abbreviation");

	static const char *const bad[] = {
		"Mars/Olympus", "../../etc/passwd", "Europe", "zone1970.tab", "", "/etc/localtime",
		"Europe//Berlin", "Europe/Berlin/", "europe/berlin", ".hidden", "Europe/./Berlin",
	};
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
		char want[300];
		memset(&e, 0, sizeof e);
		ok(rota_tz_get(bad[i], &e) == NULL, "'%s' is not a zone", bad[i]);
		is_int(e.status, 2, "unknown zone: status 2");
		snprintf(want, sizeof want,
		         "unknown time zone '%s': expected an IANA name such as Europe/Berlin", bad[i]);
		is_str(e.msg, want, "unknown zone message");
	}
	ok(rota_tz_get(NULL, &e) == NULL && e.status == 2, "NULL name");
}

static void
test_berlin(void)
{
	const rota_tz *tz = zone("Europe/Berlin");
	rota_time t, later;
	rota_civil c;
	int32_t off;

	/* spring forward 2026-03-29 01:00Z: 02:00 CET -> 03:00 CEST; a 23-hour day */
	is_int(rota_tz_offset(tz, 1774746000 - 1), 3600, "CET before the change");
	is_int(rota_tz_offset(tz, 1774746000), 7200, "CEST at the change");
	is_str(rota_tz_abbr(tz, 1774746000 - 1), "CET", "abbr CET");
	is_str(rota_tz_abbr(tz, 1774746000), "CEST", "abbr CEST");
	is_int(rota_tz_is_dst(tz, 1774746000 - 1), 0, "CET not DST");
	is_int(rota_tz_is_dst(tz, 1774746000), 1, "CEST DST");
	is_int(rota_tz_next_change(tz, 1774746000 - 86400), 1774746000, "next change");
	is_int(rota_tz_next_change(tz, 1774746000), at("2026-10-25T01:00:00Z"), "next change after");
	int64_t d = rota_days_from_civil(2026, 3, 29);
	is_int(rota_tz_day_start(tz, d), 1774738800, "2026-03-29 starts 23:00Z");
	is_int(rota_tz_day_start(tz, d + 1) - rota_tz_day_start(tz, d), 23 * 3600, "23-hour day");
	d = rota_days_from_civil(2026, 10, 25);
	is_int(rota_tz_day_start(tz, d + 1) - rota_tz_day_start(tz, d), 25 * 3600, "25-hour day");
	is_int(rota_tz_day_of(tz, 1774738800 - 1), rota_days_from_civil(2026, 3, 28), "last second of 03-28");
	is_int(rota_tz_day_of(tz, 1774738800), rota_days_from_civil(2026, 3, 29), "first of 03-29");

	c = civ(2026, 3, 29, 2, 30, 0);
	is_int(rota_tz_from_local(tz, &c, &t, &later), ROTA_LOCAL_GAP, "02:30 is in the gap");
	is_str(fmt(t, tz), "2026-03-29T03:30:00+02:00", "gap: read with the offset before");
	is_int(rota_tz_from_local_earliest(tz, &c), 1774746000, "gap: earliest is the jump");
	c = civ(2026, 3, 29, 2, 0, 0);
	is_int(rota_tz_from_local(tz, &c, &t, NULL), ROTA_LOCAL_GAP, "02:00 is in the gap");
	c = civ(2026, 3, 29, 1, 59, 59);
	is_int(rota_tz_from_local(tz, &c, &t, NULL), ROTA_LOCAL_OK, "01:59:59 exists");
	is_int(t, 1774746000 - 1, "01:59:59 is the second before the change");
	c = civ(2026, 3, 29, 3, 0, 0);
	is_int(rota_tz_from_local(tz, &c, &t, NULL), ROTA_LOCAL_OK, "03:00 exists");
	is_int(t, 1774746000, "03:00 is the change");

	c = civ(2026, 10, 25, 2, 30, 0);
	is_int(rota_tz_from_local(tz, &c, &t, &later), ROTA_LOCAL_FOLD, "02:30 is in the fold");
	is_str(fmt(t, tz), "2026-10-25T02:30:00+02:00", "fold: first is CEST");
	is_str(fmt(later, tz), "2026-10-25T02:30:00+01:00", "fold: later is CET");
	is_int(later - t, 3600, "fold instants an hour apart");
	c = civ(2026, 10, 25, 3, 0, 0);
	is_int(rota_tz_from_local(tz, &c, &t, &later), ROTA_LOCAL_OK, "03:00 after the fold");
	is_int(later, t, "OK: later equals out");

	c = civ(2026, 3, 28, 24, 0, 0);
	is_int(rota_tz_from_local(tz, &c, &t, NULL), ROTA_LOCAL_OK, "24:00 allowed");
	is_int(t, 1774738800, "24:00 is the next midnight");

	rota_tz_to_local(tz, 1774767600, &c, &off);
	ok(c.year == 2026 && c.mon == 3 && c.day == 29 && c.hour == 9 && c.min == 0 && c.sec == 0
	   && off == 7200, "to_local 09:00+02:00");
	/* local mean time before 1893 */
	is_str(fmt(at("1890-01-01T00:00:00Z"), tz), "1890-01-01T00:53:28+00:53:28", "LMT offset");
	/* after 2037 the footer rules: 2300-03-25 is the last Sunday of March */
	is_int(rota_tz_offset(tz, at("2300-03-25T00:59:59Z")), 3600, "2300 before change");
	is_int(rota_tz_offset(tz, at("2300-03-25T01:00:00Z")), 7200, "2300 change");
	is_int(rota_tz_offset(tz, at("9999-07-01T00:00:00Z")), 7200, "9999 summer");
}

static void
test_world(void)
{
	rota_time t, later;
	rota_civil c;
	const rota_tz *ny = zone("America/New_York");

	c = civ(2026, 3, 8, 2, 30, 0);
	is_int(rota_tz_from_local(ny, &c, &t, NULL), ROTA_LOCAL_GAP, "New York gap");
	is_int(rota_tz_from_local_earliest(ny, &c), 1772953200, "New York jump 07:00Z");
	c = civ(2026, 11, 1, 1, 30, 0);
	is_int(rota_tz_from_local(ny, &c, &t, &later), ROTA_LOCAL_FOLD, "New York fold");
	is_int(t, 1793511000, "New York fold first (EDT)");
	is_int(later, 1793511000 + 3600, "New York fold later (EST)");
	is_str(fmt(t, ny), "2026-11-01T01:30:00-04:00", "EDT format");
	is_str(fmt(later, ny), "2026-11-01T01:30:00-05:00", "EST format");

	/* Lord Howe: +10:30, DST +11:00; half-hour gap and fold */
	const rota_tz *lh = zone("Australia/Lord_Howe");
	c = civ(2026, 4, 5, 1, 45, 0);
	is_int(rota_tz_from_local(lh, &c, &t, &later), ROTA_LOCAL_FOLD, "Lord Howe fold");
	is_int(t, 1775313900, "Lord Howe fold first");
	is_int(later - t, 1800, "Lord Howe fold is 30 minutes");
	c = civ(2026, 10, 4, 2, 15, 0);
	is_int(rota_tz_from_local(lh, &c, &t, NULL), ROTA_LOCAL_GAP, "Lord Howe gap");
	is_int(t, 1791042300, "Lord Howe gap: 02:15 +10:30");
	is_int(rota_tz_from_local_earliest(lh, &c), 1791041400, "Lord Howe jump at 02:00");
	int64_t d = rota_days_from_civil(2026, 10, 4);
	is_int(rota_tz_day_start(lh, d + 1) - rota_tz_day_start(lh, d), 84600, "23.5-hour day");
	d = rota_days_from_civil(2026, 4, 5);
	is_int(rota_tz_day_start(lh, d + 1) - rota_tz_day_start(lh, d), 88200, "24.5-hour day");
	is_str(fmt(at("2026-01-15T00:00:00Z"), lh), "2026-01-15T11:00:00+11:00", "Lord Howe summer");
	is_str(fmt(at("2026-06-15T00:00:00Z"), lh), "2026-06-15T10:30:00+10:30", "Lord Howe winter");

	/* same instant, different local dates */
	const rota_tz *sak = zone("Asia/Sakhalin"), *msk = zone("Europe/Moscow");
	t = 1781532000;              /* 2026-06-15T14:00Z */
	is_str(fmt(t, sak), "2026-06-16T01:00:00+11:00", "Sakhalin");
	is_str(fmt(t, msk), "2026-06-15T17:00:00+03:00", "Moscow");
	is_int(rota_tz_day_of(sak, t) - rota_tz_day_of(msk, t), 1, "Sakhalin a date ahead");
	is_str(rota_tz_abbr(sak, t), "+11", "numeric abbreviation");
	is_str(rota_tz_abbr(msk, t), "MSK", "MSK");

	/* Sao Paulo: DST began at midnight until 2018, abolished 2019 */
	const rota_tz *sp = zone("America/Sao_Paulo");
	d = rota_days_from_civil(2018, 11, 4);
	is_int(rota_tz_day_start(sp, d), 1541300400, "midnight in the gap: day starts 01:00");
	is_str(fmt(rota_tz_day_start(sp, d), sp), "2018-11-04T01:00:00-02:00", "first instant");
	is_int(rota_tz_day_start(sp, d + 1) - rota_tz_day_start(sp, d), 23 * 3600, "23 hours");
	c = civ(2018, 11, 4, 0, 30, 0);
	is_int(rota_tz_from_local(sp, &c, &t, NULL), ROTA_LOCAL_GAP, "00:30 in the gap");
	c = civ(2018, 2, 17, 23, 30, 0);
	is_int(rota_tz_from_local(sp, &c, &t, &later), ROTA_LOCAL_FOLD, "23:30 fold");
	is_int(t, 1518917400, "fold first");
	c = civ(2019, 11, 3, 0, 30, 0);
	is_int(rota_tz_from_local(sp, &c, &t, NULL), ROTA_LOCAL_OK, "2019: no more DST");
	is_str(fmt(t, sp), "2019-11-03T00:30:00-03:00", "2019 offset");
	is_int(rota_tz_next_change(sp, at("2020-01-01T00:00:00Z")), INT64_MAX, "no change after 2019");

	const rota_tz *ch = zone("Pacific/Chatham");
	is_str(fmt(at("2026-06-15T00:00:00Z"), ch), "2026-06-15T12:45:00+12:45", "Chatham standard");
	is_str(fmt(at("2026-01-15T00:00:00Z"), ch), "2026-01-15T13:45:00+13:45", "Chatham DST");
	is_int(rota_tz_offset(ch, at("2026-01-15T00:00:00Z")), 49500, "Chatham +13:45");
	const rota_tz *ko = zone("Asia/Kolkata");
	is_str(fmt(at("2026-06-15T00:00:00Z"), ko), "2026-06-15T05:30:00+05:30", "Kolkata");
	is_str(rota_tz_abbr(ko, 0), "IST", "IST");
	const rota_tz *sj = zone("America/St_Johns");
	is_str(fmt(at("2026-01-15T12:00:00Z"), sj), "2026-01-15T08:30:00-03:30", "St Johns NST");
	is_str(fmt(at("2026-07-15T12:00:00Z"), sj), "2026-07-15T09:30:00-02:30", "St Johns NDT");

	/* Beirut: DST starts at midnight */
	const rota_tz *be = zone("Asia/Beirut");
	d = rota_days_from_civil(2026, 3, 29);
	is_int(rota_tz_day_start(be, d), 1774735200, "Beirut 2026-03-29 starts 22:00Z");
	is_str(fmt(rota_tz_day_start(be, d), be), "2026-03-29T01:00:00+03:00", "at 01:00 EEST");

	/* Apia skipped 2011-12-30 entirely */
	const rota_tz *ap = zone("Pacific/Apia");
	d = rota_days_from_civil(2011, 12, 30);
	is_int(rota_tz_day_start(ap, d), at("2011-12-30T10:00:00Z"), "Apia: lost day starts at jump");
	is_int(rota_tz_day_start(ap, d + 1), rota_tz_day_start(ap, d), "Apia: lost day is empty");
	c = civ(2011, 12, 30, 12, 0, 0);
	is_int(rota_tz_from_local(ap, &c, &t, NULL), ROTA_LOCAL_GAP, "Apia: noon of the lost day");
}

/* ---- TZif bytes built in the test ---- */

static size_t
put32(unsigned char *p, uint32_t v)
{
	p[0] = (unsigned char)(v >> 24);
	p[1] = (unsigned char)(v >> 16);
	p[2] = (unsigned char)(v >> 8);
	p[3] = (unsigned char)v;
	return 4;
}

/* A v2 file with one type (off, abbr "ZZZ") and no transitions, and the footer. */
static size_t
tzif_with_footer(unsigned char *b, int32_t off, const char *footer)
{
	size_t o = 0;
	for (int v = 0; v < 2; v++) {
		memcpy(b + o, "TZif2", 5);
		memset(b + o + 5, 0, 15);
		o += 20;
		uint32_t counts[6] = { 0, 0, 0, 0, 1, 4 };
		for (int i = 0; i < 6; i++)
			o += put32(b + o, counts[i]);
		o += put32(b + o, (uint32_t)off);
		b[o++] = 0;
		b[o++] = 0;
		memcpy(b + o, "ZZZ", 4);
		o += 4;
	}
	o += (size_t)sprintf((char *)b + o, "\n%s\n", footer);
	return o;
}

static rota_tz *
load_footer(int32_t off, const char *footer)
{
	unsigned char b[512];
	rota_error e;
	size_t n = tzif_with_footer(b, off, footer);
	rota_tz *tz = rota_tz_load(b, n, footer, &e);
	ok(tz != NULL, "footer '%s' loads: %s", footer, tz ? "" : e.msg);
	return tz;
}

static void
test_footers(void)
{
	rota_tz *tz;
	rota_error e;
	int32_t off;
	int dst;

	tz = load_footer(39600, "<+11>-11");
	is_int(rota_tz_offset(tz, at("2026-06-15T00:00:00Z")), 39600, "<+11>-11");
	is_str(rota_tz_abbr(tz, at("2300-06-15T00:00:00Z")), "+11", "abbr from the footer");
	is_int(rota_tz_next_change(tz, 0), INT64_MAX, "fixed zone never changes");
	rota_tz_free(tz);

	/* year-round DST (v3): always EDT */
	tz = load_footer(-18000, "EST5EDT,0/0,J365/25");
	is_int(rota_tz_offset(tz, at("2026-01-01T12:00:00Z")), -14400, "year-round DST, Jan");
	is_int(rota_tz_offset(tz, at("2026-12-31T23:30:00Z")), -14400, "year-round DST, New Year");
	is_int(rota_tz_is_dst(tz, at("2026-07-01T12:00:00Z")), 1, "year-round DST flag");
	rota_tz_free(tz);

	/* negative rule times (America/Nuuk): DST from last Sunday of March -1:00 local,
	 * i.e. Saturday 23:00 -02 = Sunday 01:00Z */
	tz = load_footer(-7200, "<-02>2<-01>,M3.5.0/-1,M10.5.0/0");
	is_int(rota_tz_offset(tz, at("2026-03-29T00:59:59Z")), -7200, "Nuuk before");
	is_int(rota_tz_offset(tz, at("2026-03-29T01:00:00Z")), -3600, "Nuuk after");
	is_int(rota_tz_offset(tz, at("2026-10-25T00:59:59Z")), -3600, "Nuuk end before");
	is_int(rota_tz_offset(tz, at("2026-10-25T01:00:00Z")), -7200, "Nuuk end after");
	rota_tz_free(tz);

	/* 26:00 (Asia/Jerusalem): Friday before the last Sunday of March, 02:00 */
	tz = load_footer(7200, "IST-2IDT,M3.4.4/26,M10.5.0");
	is_int(rota_tz_offset(tz, at("2026-03-27T00:00:00+02:00") - 1 + 7200), 7200,
	       "Jerusalem 01:59:59 Friday");
	is_int(rota_tz_offset(tz, at("2026-03-27T02:00:00+02:00")), 10800, "Jerusalem 02:00 Friday");
	is_int(rota_tz_offset(tz, at("2026-10-25T01:59:59+03:00")), 10800, "Jerusalem end before");
	is_int(rota_tz_offset(tz, at("2026-10-25T02:00:00+03:00")), 7200, "Jerusalem end after");
	rota_tz_free(tz);

	/* Jn never counts Feb 29; n does */
	tz = load_footer(-10800, "AAA3BBB,J60/2,300/2");
	is_int(rota_tz_offset(tz, at("2028-03-01T04:59:59Z")), -10800, "J60 in a leap year: Mar 1");
	is_int(rota_tz_offset(tz, at("2028-03-01T05:00:00Z")), -7200, "J60 fires Mar 1 02:00");
	/* day 300 (0-based) of 2028 is Oct 27 */
	is_int(rota_tz_offset(tz, at("2028-10-27T03:59:59Z")), -7200, "n=300 before");
	is_int(rota_tz_offset(tz, at("2028-10-27T04:00:00Z")), -10800, "n=300 after");
	is_int(rota_tz_footer_offset(tz, at("2028-06-01T00:00:00Z"), &off, &dst), 0, "footer query");
	ok(off == -7200 && dst == 1, "footer offset -7200 DST");
	rota_tz_free(tz);

	/* no rule given: the US rule */
	tz = load_footer(-18000, "EST5EDT");
	is_int(rota_tz_offset(tz, at("2026-03-08T06:59:59Z")), -18000, "default rule before");
	is_int(rota_tz_offset(tz, at("2026-03-08T07:00:00Z")), -14400, "default rule: 2nd Sunday");
	is_int(rota_tz_offset(tz, at("2026-11-01T06:00:00Z")), -18000, "default rule: 1st Sunday Nov");
	rota_tz_free(tz);

	static const char *const broken[] = {
		"EST", "EST5EDT,M13.1.0,M11.1.0", "<EST5", "EST5EDT,M3.2.0", "EST5EDT,J0,J365",
		"EST5EDT,M3.6.0,M11.1.0", "EST5EDT,M3.2.7,M11.1.0", "EST5EDT,M3.2.0/168,M11.1.0",
		"EST99", "EST5EDT,M3.2.0,M11.1.0x", "E5",
	};
	for (size_t i = 0; i < sizeof broken / sizeof *broken; i++) {
		unsigned char b[512];
		size_t n = tzif_with_footer(b, 0, broken[i]);
		ok(rota_tz_load(b, n, "x", &e) == NULL, "footer '%s' rejected", broken[i]);
		ok(strstr(e.msg, "not a valid TZif file: bad TZ string footer") != NULL,
		   "message: %s", e.msg);
	}
	ok(rota_tz_load("TZif", 4, "short", &e) == NULL, "4 bytes rejected");
	is_str(e.msg, "time zone 'short' is not a valid TZif file: file too short for a TZif header",
	       "short message");
	ok(rota_tz_load("XXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX", 50, "m", &e) == NULL
	   && strstr(e.msg, "no TZif magic"), "no magic");
}

static unsigned char *
slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	if (f == NULL)
		return NULL;
	unsigned char *b = malloc(1 << 16);
	*len = fread(b, 1, 1 << 16, f);
	fclose(f);
	return b;
}

static const char *
srcdir(void)
{
	const char *s = getenv("ROTA_SRCDIR");
	return s ? s : ".";
}

/* Slim files (zic -b slim) hold transitions only until the current rules start: all
 * later instants come from the footer, which must agree with the fat system file. */
static void
test_slim(void)
{
	static const char *const names[] = {
		"Europe/Berlin", "America/New_York", "Australia/Lord_Howe", "Pacific/Chatham",
		"America/Sao_Paulo", "Asia/Kolkata", "Asia/Jerusalem", "America/Santiago",
	};
	uint64_t r = 88172645463325252ULL;
	for (size_t i = 0; i < sizeof names / sizeof *names; i++) {
		char path[4096], base[64];
		size_t len;
		rota_error e;
		snprintf(base, sizeof base, "%s", names[i]);
		*strchr(base, '/') = '_';
		snprintf(path, sizeof path, "%s/tests/fuzz/corpus/time/tzif-slim-%s", srcdir(), base);
		unsigned char *b = slurp(path, &len);
		ok(b != NULL, "read %s", path);
		if (b == NULL)
			continue;
		rota_tz *slim = rota_tz_load(b, len, names[i], &e);
		free(b);
		ok(slim != NULL, "slim %s loads: %s", names[i], slim ? "" : e.msg);
		if (slim == NULL)
			continue;
		const rota_tz *fat = zone(names[i]);
		long bad = 0;
		rota_time lo = at("1900-01-01T00:00:00Z"), hi = at("2500-01-01T00:00:00Z");
		for (int k = 0; k < 20000; k++) {
			r ^= r << 13, r ^= r >> 7, r ^= r << 17;
			rota_time t = lo + (rota_time)(r % (uint64_t)(hi - lo));
			bad += rota_tz_offset(slim, t) != rota_tz_offset(fat, t)
			       || strcmp(rota_tz_abbr(slim, t), rota_tz_abbr(fat, t)) != 0;
		}
		for (rota_time t = rota_tz_next_change(fat, at("1970-01-01T00:00:00Z"));
		     t < at("2037-12-31T00:00:00Z"); t = rota_tz_next_change(fat, t))
			bad += rota_tz_offset(slim, t) != rota_tz_offset(fat, t)
			       || rota_tz_offset(slim, t - 1) != rota_tz_offset(fat, t - 1)
			       || rota_tz_next_change(slim, t - 1) != t;
		is_int(bad, 0, names[i]);
		rota_tz_free(slim);
	}
	/* a version 1 file: only the 32-bit data, no footer */
	char path[4096];
	size_t len;
	rota_error e;
	snprintf(path, sizeof path, "%s/tests/fuzz/corpus/time/tzif-fat-Europe_Berlin", srcdir());
	unsigned char *b = slurp(path, &len);
	ok(b != NULL, "read fat Berlin");
	if (b) {
		b[4] = 0;
		rota_tz *v1 = rota_tz_load(b, len, "v1", &e);
		ok(v1 != NULL, "v1 loads");
		if (v1) {
			is_int(rota_tz_offset(v1, 1774746000), 7200, "v1: 2026 CEST from 32-bit data");
			is_int(rota_tz_footer_offset(v1, 0, NULL, NULL), -1, "v1: no footer");
			rota_tz_free(v1);
		}
		b[4] = '2';
		ok(rota_tz_load(b, len / 2, "half", &e) == NULL, "truncated file rejected");
		ok(strstr(e.msg, "truncated") != NULL, "says truncated: %s", e.msg);
		free(b);
	}
	/* TZDIR is honoured */
	char dir[4096];
	snprintf(dir, sizeof dir, "%s/tests/fuzz/corpus/time", srcdir());
	setenv("TZDIR", dir, 1);
	const rota_tz *viadir = rota_tz_get("tzif-slim-Asia_Kolkata", &e);
	ok(viadir != NULL, "zone found through TZDIR: %s", viadir ? "" : e.msg);
	if (viadir)
		is_int(rota_tz_offset(viadir, 0), 19800, "Kolkata through TZDIR");
	ok(rota_tz_get("Europe/Berlin", &e) != NULL, "cached zones stay when TZDIR changes");
	unsetenv("TZDIR");
}

/* ---- text ---- */

/* parse expecting failure: status 2, column, and the message */
static void
bad_time(const char *s, unsigned flags, long col, const char *msg)
{
	rota_error e;
	rota_time t;
	memset(&e, 0, sizeof e);
	int r = rota_time_parse(s, zone("Europe/Berlin"), flags, &t, &e);
	ok(r == -1, "'%s' rejected", s);
	is_int(e.status, 2, s);
	is_int(e.col, col, s);
	is_str(e.msg, msg, s);
}

static void
test_time_parse(void)
{
	const rota_tz *ber = zone("Europe/Berlin");
	rota_error e;
	rota_time t;
	static const struct { const char *s; rota_time t; } good[] = {
		{ "2026-03-29T09:00:00+02:00", 1774767600 },
		{ "2026-03-29T07:00:00Z", 1774767600 },
		{ "2026-03-29t07:00:00z", 1774767600 },
		{ "2026-03-29T07:00Z", 1774767600 },
		{ "2026-03-29T09:00+02", 1774767600 },
		{ "2026-03-29T09:00:00+0200", 1774767600 },
		{ "2026-03-29T03:00:00-04:00", 1774767600 },
		{ "2026-03-29T09:00:00.999+02:00", 1774767600 },
		{ "2026-03-29T09:00:00,5+02:00", 1774767600 },
		{ "2026-03-29 09:00:00 +0200", 1774767600 },
		{ "2026-03-29 09:00", 1774767600 },         /* naive, in Berlin */
		{ "  2026-03-29 09:00:00  ", 1774767600 },
		{ "2026-03-28T24:00:00+01:00", 1774738800 },
		{ "2026-03-29T09:00:00-00:00", 1774774800 },
		{ "2026-10-25 02:30", 1792888200 },          /* fold: first occurrence */
		{ "2016-02-29T00:16:00Z", 1456704960 },
		{ "2000-02-29T00:00:00Z", 951782400 },
		{ "1890-01-01T00:53:28+00:53:28", -2524521600 },
		{ "0001-01-01T00:00:00Z", ROTA_TIME_MIN },
		{ "9999-12-31T23:59:59Z", ROTA_TIME_MAX },
	};
	for (size_t i = 0; i < sizeof good / sizeof *good; i++) {
		t = 0;
		ok(rota_time_parse(good[i].s, ber, 0, &t, &e) == 0, "parse '%s'", good[i].s);
		is_int(t, good[i].t, good[i].s);
	}
	ok(rota_time_parse("2026-03-29 07:00", NULL, 0, &t, &e) == 0 && t == 1774767600,
	   "naive with no zone is UTC");
	ok(rota_time_parse("2026-03-29", ber, ROTA_PARSE_DATE_OK, &t, &e) == 0 && t == 1774738800,
	   "a bare date is its local midnight");
	ok(rota_time_parse("2018-11-04", zone("America/Sao_Paulo"), ROTA_PARSE_DATE_OK, &t, &e) == 0
	   && t == 1541300400, "a bare date whose midnight is in a gap: first instant");
	ok(rota_time_parse("2026-03-29 02:30", ber, ROTA_PARSE_LENIENT, &t, &e) == 0,
	   "lenient gap");
	is_str(fmt(t, ber), "2026-03-29T03:30:00+02:00", "lenient gap moves forward");

	/* the gap error */
	bad_time("2026-03-29 02:30", 0, 1, "2026-03-29 02:30 does not exist in Europe/Berlin "
	         "(clocks go forward at 02:00); give an offset or use 'lenient'");
	bad_time("  2026-03-29T02:59:59", 0, 3, "2026-03-29 02:59:59 does not exist in "
	         "Europe/Berlin (clocks go forward at 02:00); give an offset or use 'lenient'");
	memset(&e, 0, sizeof e);
	ok(rota_time_parse("2011-12-30 12:00", zone("Pacific/Apia"), 0, &t, &e) == -1, "Apia gap");
	is_str(e.msg, "2011-12-30 12:00 does not exist in Pacific/Apia (clocks go forward at "
	       "00:00); give an offset or use 'lenient'", "Apia message");
	ok(rota_time_parse("2026-10-04 02:10", zone("Australia/Lord_Howe"), 0, &t, &e) == -1,
	   "Lord Howe gap");
	is_str(e.msg, "2026-10-04 02:10 does not exist in Australia/Lord_Howe (clocks go forward "
	       "at 02:00); give an offset or use 'lenient'", "Lord Howe message");

	/* syntax and range errors, each with its column */
	const char *H = "; write a time such as 2026-03-29T09:00:00+02:00";
	char m[512];
#define BAD(s, col, what, found) do { snprintf(m, sizeof m, "invalid time '%s': expected %s at " \
	"column %d, found %s%s", s, what, col, found, H); bad_time(s, 0, col, m); } while (0)
	BAD("", 1, "a 4-digit year", "the end");
	BAD("26-03-29T09:00Z", 3, "a 4-digit year", "'-'");
	BAD("20260-03-29", 5, "'-' after the year", "'0'");
	BAD("2026-3-29T09:00Z", 7, "a 2-digit month (01-12)", "'-'");
	BAD("2026/03/29T09:00Z", 5, "'-' after the year", "'/'");
	BAD("2026-03-2", 10, "a 2-digit day (01-31)", "the end");
	BAD("2026-03-29", 11, "'T' and a time of day after the date", "the end");
	BAD("2026-03-29X09:00", 11, "'T' or a space between the date and the time", "'X'");
	BAD("2026-03-29T9:00Z", 13, "a 2-digit hour (00-23)", "':'");
	BAD("2026-03-29T09.00Z", 14, "':' after the hour", "'.'");
	BAD("2026-03-29T09:0Z", 16, "2-digit minutes (00-59)", "'Z'");
	BAD("2026-03-29T09:00:0Z", 19, "2-digit seconds (00-59)", "'Z'");
	BAD("2026-03-29T09:00:00.Z", 21, "the digits of a fraction of a second", "'Z'");
	BAD("2026-03-29T09:00:00+2", 22, "a 2-digit offset hour, as in +02:00", "the end");
	BAD("2026-03-29T09:00:00+02:0", 25, "2-digit offset minutes, as in +02:00", "the end");
	BAD("2026-03-29T09:00:00 junk", 21, "seconds, an offset such as +02:00 or Z, or the end "
	    "of the time", "'j'");
	BAD("2026-03-29T09:00:00Zx", 21, "the end of the time", "'x'");
	bad_time("2026-03-29T09:00:00\x01", 0, 20, "invalid time '2026-03-29T09:00:00?': expected "
	         "seconds, an offset such as +02:00 or Z, or the end of the time at column 20, "
	         "found byte 0x01; write a time such as 2026-03-29T09:00:00+02:00");
	BAD("1234567890123456789012345678901234567890", 5, "'-' after the year", "'5'");
#define RANGE(s, col, what) do { snprintf(m, sizeof m, "invalid time '%s': %s", s, what); \
	bad_time(s, 0, col, m); } while (0)
	RANGE("0000-01-01T00:00Z", 1, "year 0000 is out of range (0001-9999)");
	RANGE("2026-13-01T00:00Z", 6, "month 13 is out of range (01-12)");
	RANGE("2026-00-01T00:00Z", 6, "month 00 is out of range (01-12)");
	RANGE("2026-02-30T09:00Z", 9, "day 30 is out of range for February 2026 (01-28)");
	RANGE("2100-02-29T09:00Z", 9, "day 29 is out of range for February 2100 (01-28)");
	RANGE("2026-04-31T09:00Z", 9, "day 31 is out of range for April 2026 (01-30)");
	RANGE("2026-04-00T09:00Z", 9, "day 00 is out of range for April 2026 (01-30)");
	RANGE("2026-03-29T25:00Z", 12, "hour 25 is out of range (00-23, or 24:00 for the end of a day)");
	RANGE("2026-03-29T09:60Z", 15, "minute 60 is out of range (00-59)");
	RANGE("2026-03-29T09:00:60Z", 18, "second 60 is out of range (00-59; leap seconds are not "
	      "counted)");
	RANGE("2026-03-29T24:30Z", 12, "hour 24 is only allowed as 24:00:00, the midnight that "
	      "ends the day");
	RANGE("2026-03-29T24:00:00.5Z", 12, "hour 24 is only allowed as 24:00:00, the midnight "
	      "that ends the day");
	RANGE("2026-03-29T09:00:00+24:00", 21, "offset +24:00 is out of range (-23:59 to +23:59)");
	RANGE("2026-03-29T09:00:00+02:60", 21, "offset +02:60 is out of range (-23:59 to +23:59)");
	bad_time(NULL, 0, 1, "invalid time '': expected a 4-digit year at column 1, found the end; "
	         "write a time such as 2026-03-29T09:00:00+02:00");
}

static void
test_time_format(void)
{
	char b[ROTA_TIME_BUFSZ];
	const rota_tz *ber = zone("Europe/Berlin");

	is_int(rota_time_format(b, sizeof b, 1774767600, ber), 25, "length");
	is_str(b, "2026-03-29T09:00:00+02:00", "Berlin");
	rota_time_format(b, sizeof b, 1774767600, NULL);
	is_str(b, "2026-03-29T07:00:00+00:00", "NULL zone is UTC with +00:00");
	is_int(rota_time_format_utc(b, sizeof b, 1774767600), 20, "zulu length");
	is_str(b, "2026-03-29T07:00:00Z", "zulu");
	rota_time_format(b, sizeof b, -1, NULL);
	is_str(b, "1969-12-31T23:59:59+00:00", "before the epoch");
	rota_time_format(b, sizeof b, ROTA_TIME_MIN, NULL);
	is_str(b, "0001-01-01T00:00:00+00:00", "first instant");
	rota_time_format(b, sizeof b, ROTA_TIME_MAX, NULL);
	is_str(b, "9999-12-31T23:59:59+00:00", "last instant");
	is_int(rota_time_format(b, 5, 1774767600, ber), 4, "truncated returns what fits");
	is_str(b, "2026", "truncated text");
	is_int(rota_time_format(b, 0, 1774767600, ber), 0, "n = 0");
	rota_time_format(b, sizeof b, INT64_MAX, ber);
	ok(b[0] == '+', "far future does not overflow: %s", b);

	is_int(rota_date_format(b, sizeof b, 16860), 10, "date length");
	is_str(b, "2016-02-29", "date");
	rota_date_format(b, sizeof b, -719162);
	is_str(b, "0001-01-01", "date 1");
}

static void
test_fmt(void)
{
	const rota_tz *ber = zone("Europe/Berlin");
	rota_error e;
	rota_time t;
	static const struct { const char *s, *f; rota_time t; } good[] = {
		{ "29/2/2016 01:16", "%d/%m/%Y %H:%M", 1456704960 },
		{ "29/02/2016 1:16", "%d/%m/%Y %H:%M", 1456704960 },
		{ "2/29/16 1:16 AM", "%m/%d/%y %I:%M %p", 1456704960 },
		{ "Mar 5 16 3:04 PM +0100", "%b %d %y %I:%M %p %z", 1457186640 },
		{ "march 5 2016 15:04:00 z", "%B %d %Y %T %z", 1457190240 },
		{ "2026-03-29T09:00:00", "%FT%T", 1774767600 },
		{ "12:00 AM 2026-03-29", "%I:%M %p %F", 1774738800 },
		{ "12:30 PM 2026-03-29", "%I:%M %p %F", 1774780200 },
		{ "2026-03-29 50% 09:00", "%Y-%m-%d 50%% %H:%M", 1774767600 },
		{ "2026-03-29     09:00", "%Y-%m-%d %H:%M", 1774767600 },
		{ "2026-03-2909:00", "%Y-%m-%d %H:%M", 1774767600 },
		{ "69-01-01", "%y-%m-%d", -31539600 },
		{ "68-01-01", "%y-%m-%d", 3092598000 },
		{ "29.2.2016", "%d.%m.%Y", 1456700400 },
	};
	for (size_t i = 0; i < sizeof good / sizeof *good; i++) {
		t = 0;
		ok(rota_time_parse_fmt(good[i].s, good[i].f, ber, 0, &t, &e) == 0, "'%s' as '%s': %s",
		   good[i].s, good[i].f, e.msg);
		is_int(t, good[i].t, good[i].s);
	}
	memset(&e, 0, sizeof e);
	ok(rota_time_parse_fmt("29/3/2026 02:30", "%d/%m/%Y %H:%M", ber, 0, &t, &e) == -1, "fmt gap");
	is_str(e.msg, "2026-03-29 02:30 does not exist in Europe/Berlin (clocks go forward at "
	       "02:00); give an offset or use 'lenient'", "fmt gap message");
	ok(rota_time_parse_fmt("29/3/2026 02:30", "%d/%m/%Y %H:%M", ber, ROTA_PARSE_LENIENT, &t,
	                       &e) == 0 && t == 1774747800, "fmt lenient gap");

	static const struct { const char *s, *f; long col; const char *msg; } bad[] = {
		{ "29-2-2016 01:16", "%d/%m/%Y %H:%M", 3, "invalid time '29-2-2016 01:16': expected "
		  "'/' at column 3, found '-'; the time format is '%d/%m/%Y %H:%M'" },
		{ "30/2/2016 01:16", "%d/%m/%Y %H:%M", 1, "invalid time '30/2/2016 01:16': day 30 is "
		  "out of range for February 2016 (01-29)" },
		{ "29/2/2016 01:16 x", "%d/%m/%Y %H:%M", 17, "invalid time '29/2/2016 01:16 x': "
		  "expected the end of the time at column 17, found 'x'; the time format is "
		  "'%d/%m/%Y %H:%M'" },
		{ "29/2/16 01:16", "%d/%m/%Y %H:%M", 8, "invalid time '29/2/16 01:16': expected a "
		  "4-digit year at column 8, found a space; the time format is '%d/%m/%Y %H:%M'" },
		{ "29/2/2016 13:16 PM", "%d/%m/%Y %I:%M %p", 11, "invalid time '29/2/2016 13:16 PM': "
		  "hour 13 is out of range for a 12-hour clock (1-12)" },
		{ "29/2/2016 1:16 XM", "%d/%m/%Y %I:%M %p", 16, "invalid time '29/2/2016 1:16 XM': "
		  "expected AM or PM at column 16, found 'X'; the time format is '%d/%m/%Y %I:%M %p'" },
		{ "Foo 5 2016", "%b %d %Y", 1, "invalid time 'Foo 5 2016': expected a month name such "
		  "as Mar or March at column 1, found 'F'; the time format is '%b %d %Y'" },
		{ "29/2/2016 01:60", "%d/%m/%Y %H:%M", 14, "invalid time '29/2/2016 01:60': minute 60 "
		  "is out of range (00-59)" },
	};
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
		memset(&e, 0, sizeof e);
		ok(rota_time_parse_fmt(bad[i].s, bad[i].f, ber, 0, &t, &e) == -1, "'%s' rejected",
		   bad[i].s);
		is_int(e.col, bad[i].col, bad[i].s);
		is_str(e.msg, bad[i].msg, bad[i].s);
	}

	static const struct { const char *f; long col; const char *msg; } badf[] = {
		{ "%d/%m/%Q", 7, "time format '%d/%m/%Q' has an unknown conversion '%Q' at column 7; "
		  "use %Y %y %m %b %d %H %I %M %S %p %z %T %F or %%" },
		{ "%d/%m", 0, "time format '%d/%m' has no year: add %Y or %y" },
		{ "%Y %d", 0, "time format '%Y %d' has no month: add %m or %b" },
		{ "%Y-%m", 0, "time format '%Y-%m' has no day: add %d" },
		{ "%Y %Y-%m-%d", 4, "time format '%Y %Y-%m-%d' gives the year twice (again at "
		  "column 4)" },
		{ "%F %H:%M %T", 10, "time format '%F %H:%M %T' gives the hour twice (again at "
		  "column 10)" },
		{ "%Y-%m-%d %I:%M", 0, "time format '%Y-%m-%d %I:%M' uses %I (12-hour clock) without "
		  "%p (AM/PM): add %p, or use %H for a 24-hour clock" },
		{ "%Y-%m-%d %H %p", 0, "time format '%Y-%m-%d %H %p' uses %p (AM/PM) without %I: use "
		  "%I for the hour of a 12-hour clock" },
		{ "%Y-%m-%d %", 10, "time format '%Y-%m-%d %' ends in a lone '%' at column 10; write "
		  "%% for a percent sign" },
	};
	for (size_t i = 0; i < sizeof badf / sizeof *badf; i++) {
		memset(&e, 0, sizeof e);
		ok(rota_time_fmt_check(badf[i].f, &e) == -1, "format '%s' rejected", badf[i].f);
		is_int(e.col, badf[i].col, badf[i].f);
		is_str(e.msg, badf[i].msg, badf[i].f);
		ok(rota_time_parse_fmt("2026-03-29", badf[i].f, ber, 0, &t, &e) == -1,
		   "parse_fmt checks the format too");
	}
	ok(rota_time_fmt_check("%d/%m/%Y %H:%M", &e) == 0, "good format passes");
}

static void
test_date_clock(void)
{
	rota_error e;
	int64_t d;
	int s;

	ok(rota_date_parse("2026-12-24", &d, &e) == 0 && d == 20811, "date");
	ok(rota_date_parse("2016-02-29", &d, &e) == 0 && d == 16860, "leap date");
	ok(rota_date_parse(" 2026-12-24 ", &d, &e) == 0 && d == 20811, "blanks around a date");
	static const struct { const char *s; long col; const char *msg; } bad[] = {
		{ "2026-12-32", 9, "invalid date '2026-12-32': day 32 is out of range for December "
		  "2026 (01-31)" },
		{ "1900-02-29", 9, "invalid date '1900-02-29': day 29 is out of range for February "
		  "1900 (01-28)" },
		{ "2026-12-24x", 11, "invalid date '2026-12-24x': expected the end of the date at "
		  "column 11, found 'x'; write a date such as 2026-12-24" },
		{ "24.12.2026", 3, "invalid date '24.12.2026': expected a 4-digit year at column 3, "
		  "found '.'; write a date such as 2026-12-24" },
		{ "2026-12-24T00:00", 11, "invalid date '2026-12-24T00:00': expected the end of the "
		  "date at column 11, found 'T'; write a date such as 2026-12-24" },
	};
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
		memset(&e, 0, sizeof e);
		ok(rota_date_parse(bad[i].s, &d, &e) == -1 && e.status == 2, "'%s' rejected", bad[i].s);
		is_int(e.col, bad[i].col, bad[i].s);
		is_str(e.msg, bad[i].msg, bad[i].s);
	}

	static const struct { const char *s; int secs; } clk[] = {
		{ "08:00", 28800 }, { "8:30", 30600 }, { "24:00", 86400 }, { "08:00:30", 28830 },
		{ "00:00", 0 }, { "23:59:59", 86399 }, { "24:00:00", 86400 },
	};
	for (size_t i = 0; i < sizeof clk / sizeof *clk; i++) {
		s = -1;
		ok(rota_clock_parse(clk[i].s, &s, &e) == 0, "clock '%s'", clk[i].s);
		is_int(s, clk[i].secs, clk[i].s);
		/* formatting gives the canonical text, which parses back to the same seconds */
		char cb[ROTA_CLOCK_BUFSZ];
		int back = -1;
		rota_clock_format(cb, sizeof cb, clk[i].secs);
		ok(rota_clock_parse(cb, &back, &e) == 0 && back == clk[i].secs, "'%s' round trip", cb);
	}
	char cb[ROTA_CLOCK_BUFSZ];
	is_int(rota_clock_format(cb, sizeof cb, 30600), 5, "clock format length");
	is_str(cb, "08:30", "clock format whole minutes");
	rota_clock_format(cb, sizeof cb, 28830);
	is_str(cb, "08:00:30", "clock format with seconds");
	rota_clock_format(cb, sizeof cb, 86400);
	is_str(cb, "24:00", "clock format end of day");
	static const struct { const char *s; long col; const char *msg; } badc[] = {
		{ "24:01", 1, "invalid time of day '24:01': hour 24 is only allowed as 24:00:00, the "
		  "midnight that ends the day" },
		{ "25:00", 1, "invalid time of day '25:00': hour 25 is out of range (00-23, or 24:00 "
		  "for the end of a day)" },
		{ "8:60", 3, "invalid time of day '8:60': minute 60 is out of range (00-59)" },
		{ "8", 2, "invalid time of day '8': expected ':' after the hour at column 2, found the "
		  "end; write a time of day such as 08:00 or 17:30" },
		{ "8:5", 4, "invalid time of day '8:5': expected 2-digit minutes (00-59) at column 4, "
		  "found the end; write a time of day such as 08:00 or 17:30" },
		{ "8am", 2, "invalid time of day '8am': expected ':' after the hour at column 2, found "
		  "'a'; write a time of day such as 08:00 or 17:30" },
		{ "08:00-17:00", 6, "invalid time of day '08:00-17:00': expected the end of the time "
		  "of day at column 6, found '-'; write a time of day such as 08:00 or 17:30" },
	};
	for (size_t i = 0; i < sizeof badc / sizeof *badc; i++) {
		memset(&e, 0, sizeof e);
		ok(rota_clock_parse(badc[i].s, &s, &e) == -1 && e.status == 2, "'%s' rejected",
		   badc[i].s);
		is_int(e.col, badc[i].col, badc[i].s);
		is_str(e.msg, badc[i].msg, badc[i].s);
	}
}

static void
test_durations(void)
{
	rota_error e;
	int64_t d;
	char b[64];
	static const struct { const char *s; int64_t secs; } good[] = {
		{ "90s", 90 }, { "30m", 1800 }, { "4h", 14400 }, { "2d", 172800 }, { "1h30m", 5400 },
		{ "1d2h3m4s", 93784 }, { "90", 90 }, { "0", 0 }, { "0s", 0 }, { "1w", 604800 },
		{ " 4h ", 14400 }, { "PT4H", 14400 }, { "P1DT2H", 93600 }, { "P1DT2H30M", 95400 },
		{ "PT90S", 90 }, { "P2W", 1209600 }, { "P1D", 86400 }, { "pt30m", 1800 },
		{ "9223372036854775807", INT64_MAX }, { "9223372036854775807s", INT64_MAX },
		{ "106751991167300d", 106751991167300LL * 86400 },
	};
	for (size_t i = 0; i < sizeof good / sizeof *good; i++) {
		d = -1;
		ok(rota_duration_parse(good[i].s, &d, &e) == 0, "duration '%s': %s", good[i].s, e.msg);
		is_int(d, good[i].secs, good[i].s);
	}
	const char *H = "; write a duration such as 90s, 30m, 4h, 1h30m, 2d or PT4H";
	char m[512];
	static const struct { const char *s; long col; const char *what, *found; } bad[] = {
		{ "", 1, "a duration", "the end" },
		{ "5x", 2, "a unit w, d, h, m or s", "'x'" },
		{ "4H", 2, "a unit w, d, h, m or s (lowercase)", "'H'" },
		{ "30m1h", 5, "the units in the order w, d, h, m, s, each once", "'h'" },
		{ "1h1h", 4, "the units in the order w, d, h, m, s, each once", "'h'" },
		{ "1h 30m", 3, "a number", "a space" },
		{ "h", 1, "a number", "'h'" },
		{ "P", 2, "a number and a unit after 'P', as in PT4H or P1D", "the end" },
		{ "PT", 3, "a number and a unit H, M or S after 'T'", "the end" },
		{ "PT4", 4, "a unit H, M or S", "the end" },
		{ "PT4D", 4, "a unit H, M or S", "'D'" },
		{ "P4H", 3, "a unit W or D, or 'T'", "'H'" },
		{ "PT1M2H", 6, "the units in the order W, D, then T and H, M, S, each once", "'H'" },
		{ "PT4H x", 6, "the end of the duration", "'x'" },
	};
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
		memset(&e, 0, sizeof e);
		snprintf(m, sizeof m, "invalid duration '%s': expected %s at column %ld, found %s%s",
		         bad[i].s, bad[i].what, bad[i].col, bad[i].found, H);
		ok(rota_duration_parse(bad[i].s, &d, &e) == -1 && e.status == 2, "'%s' rejected",
		   bad[i].s);
		is_int(e.col, bad[i].col, bad[i].s);
		is_str(e.msg, m, bad[i].s);
	}
	static const struct { const char *s; long col; const char *msg; } range[] = {
		{ "-5m", 1, "negative durations are not allowed" },
		{ "P1M", 3, "years and months (column 3) are not fixed lengths of time; give days, "
		  "e.g. P30D" },
		{ "P1Y", 3, "years and months (column 3) are not fixed lengths of time; give days, "
		  "e.g. P30D" },
		{ "PT0.5H", 4, "fractions are not supported (column 4); use a smaller unit, e.g. 90m "
		  "instead of 1.5h" },
		{ "1.5h", 2, "fractions are not supported (column 2); use a smaller unit, e.g. 90m "
		  "instead of 1.5h" },
		{ "1234567890123456789012345678901234567890", 1, "the number at column 1 is too "
		  "large" },
		{ "9223372036854775807m", 1, "the duration is too large" },
		{ "1s106751991167301d", 18, "the units in the order w, d, h, m, s, each once" },
		{ "106751991167300d86400s", 17, "the duration is too large" },
	};
	for (size_t i = 0; i < sizeof range / sizeof *range; i++) {
		memset(&e, 0, sizeof e);
		ok(rota_duration_parse(range[i].s, &d, &e) == -1 && e.status == 2, "'%s' rejected",
		   range[i].s);
		is_int(e.col, range[i].col, range[i].s);
		ok(strstr(e.msg, range[i].msg) != NULL, "'%s': %s", range[i].s, e.msg);
	}

	static const struct { int64_t secs; const char *s; } out[] = {
		{ 0, "0s" }, { 5400, "1h30m" }, { 93784, "1d2h3m4s" }, { 86400, "1d" }, { 59, "59s" },
		{ 3600, "1h" }, { -90, "-1m30s" }, { 1209600, "14d" },
	};
	for (size_t i = 0; i < sizeof out / sizeof *out; i++) {
		is_int(rota_duration_format(b, sizeof b, out[i].secs), strlen(out[i].s), out[i].s);
		is_str(b, out[i].s, "duration format");
	}
	rota_duration_format(b, sizeof b, INT64_MIN);
	is_str(b, "-106751991167300d15h30m8s", "INT64_MIN formats");
	rota_duration_format(b, sizeof b, INT64_MAX);
	ok(rota_duration_parse(b, &d, &e) == 0 && d == INT64_MAX, "INT64_MAX round trip");
}


static void
diag_trip(const char *zone, rota_time t, const char *text, rota_time back)
{
	fprintf(stderr, "# %s: %lld -> '%s' -> %lld\n", zone, (long long)t, text, (long long)back);
}

/* ISSUE8 #5, rota(7): what rota writes reads back.  For random instants over the whole
 * range rota takes (ROTA_TIME_FIRST..ROTA_TIME_LAST) in every zone the tests use: when
 * rota_time_check allows t in a zone, rota_time_format's text parses back to t, with the
 * general reader and the fast one alike; when it refuses, the local year really lies
 * outside 0001-9999.  Then random texts in the usual shapes: the fast reader gives
 * rota_time_parse's instant whenever it reads one. */
static uint64_t rt_rng = 0x2545F4914F6CDD1DULL;
static uint64_t
rt_next(void)
{
	rt_rng ^= rt_rng << 13;
	rt_rng ^= rt_rng >> 7;
	rt_rng ^= rt_rng << 17;
	return rt_rng;
}

static void
test_round_trip(void)
{
	static const char *const zones[] = {
		"UTC", "Africa/Casablanca", "America/New_York", "America/Nuuk", "America/Santiago",
		"America/Sao_Paulo", "America/St_Johns", "Asia/Beirut", "Asia/Jerusalem",
		"Asia/Kolkata", "Asia/Sakhalin", "Asia/Tehran", "Asia/Tokyo", "Australia/Lord_Howe",
		"Europe/Berlin", "Europe/Dublin", "Europe/Moscow", "Pacific/Apia", "Pacific/Chatham",
	};
	/* text read in place by the fast reader needs ROTA_TIME_SLACK bytes after it */
	char buf[ROTA_TIME_BUFSZ + ROTA_TIME_SLACK];
	rota_time_cache tc;
	rota_error e;
	long bad_trip = 0, bad_fast = 0, bad_check = 0, refused = 0, n = 0;
	memset(&tc, 0, sizeof tc);
	for (size_t z = 0; z < sizeof zones / sizeof *zones; z++) {
		const rota_tz *tz = rota_tz_get(zones[z], &e);
		ok(tz != NULL, "zone %s", zones[z]);
		if (tz == NULL)
			continue;
		for (int i = 0; i < 20000; i++, n++) {
			uint64_t span = (uint64_t)(ROTA_TIME_LAST - ROTA_TIME_FIRST) + 1;
			rota_time t = ROTA_TIME_FIRST + (rota_time)(rt_next() % span), u = 0, v = 0;
			if (i < 8)   /* the very ends */
				t = i < 4 ? ROTA_TIME_FIRST + i * 43200 : ROTA_TIME_LAST - (i - 4) * 43200;
			rota_civil c;
			rota_tz_to_local(tz, t, &c, NULL);
			if (rota_time_check(t, tz, &e) < 0) {
				refused++;
				bad_check += c.year >= 1 && c.year <= 9999;
				continue;
			}
			bad_check += c.year < 1 || c.year > 9999;
			memset(buf, 0, sizeof buf);
			rota_time_format(buf, ROTA_TIME_BUFSZ, t, tz);
			if (rota_time_parse(buf, NULL, 0, &u, &e) < 0 || u != t) {
				if (bad_trip++ < 3)
					diag_trip(zones[z], t, buf, u);
			}
			if (rota_time_parse_fast(&tc, buf, NULL, 0, &v, &e) < 0 || v != t)
				bad_fast++;
		}
	}
	is_int(bad_trip, 0, "format then parse gives the instant back");
	is_int(bad_fast, 0, "format then the fast parse gives the instant back");
	is_int(bad_check, 0, "rota_time_check refuses exactly the local years outside 0001-9999");
	ok(refused > 0 && refused < n / 100, "a few instants at the ends are refused (%ld of %ld)",
	   refused, n);

	/* texts in the usual shapes, some out of range: the two readers agree */
	static const char *const offs[] = { "Z", "z", "+01:00", "-03:30", "+0545", "+14", "-23:59",
	                                    "", "+24:00", "+01:60", "+01:" };
	const rota_tz *berlin = rota_tz_get("Europe/Berlin", &e);
	long disagree = 0, fast_read = 0;
	for (int i = 0; i < 100000; i++) {
		memset(buf, 0, sizeof buf);
		snprintf(buf, ROTA_TIME_BUFSZ, "%04d-%02d-%02d%c%02d:%02d%s%s",
		         (int)(rt_next() % 10000), (int)(rt_next() % 14), (int)(rt_next() % 33),
		         "TtT "[rt_next() % 4], (int)(rt_next() % 25), (int)(rt_next() % 61),
		         rt_next() % 2 ? ":59" : "", offs[rt_next() % (sizeof offs / sizeof *offs)]);
		rota_time a = 0, b = 0;
		int ra = rota_time_parse(buf, berlin, 0, &a, &e);
		int rb = rota_time_parse_fast(&tc, buf, berlin, 0, &b, &e);
		const char *end = rota_time_scan(&tc, buf, berlin, 0, &b);
		fast_read += end != NULL;
		if (ra != rb || (ra == 0 && a != b) || (end && *end == '\0' && (ra != 0 || a != b)))
			disagree++;
	}
	is_int(disagree, 0, "rota_time_scan and rota_time_parse_fast agree with rota_time_parse");
	ok(fast_read > 10000, "the fast reader reads the usual shapes (%ld)", fast_read);
}

int
main(void)
{
	test_civil();
	test_zone_lookup();
	test_berlin();
	test_world();
	test_footers();
	test_slim();
	test_time_parse();
	test_time_format();
	test_fmt();
	test_date_clock();
	test_durations();
	test_round_trip();
	rota_tz_cache_free();
	return tap_done();
}
