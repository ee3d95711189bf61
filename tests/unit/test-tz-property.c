/* Property test of the zone code against glibc as the reference.
 *
 * Here, and only here, TZ/tzset/localtime_r/mktime are used: they are the independent
 * implementation that rota's own TZif reader must agree with to the second. */
#include <config.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <rota/rota.h>
#include "tap.h"

static const char *const zones[] = {
	"Europe/Berlin", "America/New_York", "Australia/Lord_Howe", "Asia/Sakhalin",
	"Europe/Moscow", "America/Sao_Paulo", "Pacific/Chatham", "Asia/Kolkata",
	"America/St_Johns",
	/* and some whose rules are odd: negative DST, 24:00 and 25:00 rule times,
	 * a skipped day, a two-hour DST */
	"Europe/Dublin", "Africa/Casablanca", "America/Santiago", "Asia/Jerusalem",
	"America/Nuuk", "Pacific/Apia", "Antarctica/Troll", "Asia/Beirut", "Asia/Tehran",
};

static uint64_t rng = 0x243F6A8885A308D3ULL;

static uint64_t
rnd(void)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return rng;
}

static void
use_glibc_zone(const char *name)
{
	char buf[300];
	snprintf(buf, sizeof buf, ":%s", name);
	setenv("TZ", buf, 1);
	tzset();
}

struct tally {
	long checks, bad;
	char first[512];
};

static void
fail(struct tally *ty, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void
fail(struct tally *ty, const char *fmt, ...)
{
	va_list ap;
	if (ty->bad++ == 0) {
		va_start(ap, fmt);
		vsnprintf(ty->first, sizeof ty->first, fmt, ap);
		va_end(ap);
	}
}

/* Instant t: rota's offset, fields, DST flag and abbreviation equal glibc's; the local
 * wall time maps back to t (as the first or the second instant of a fold). */
static void
check_instant(const rota_tz *tz, time_t t, struct tally *ty)
{
	struct tm tm;
	rota_civil c;
	int32_t off;
	rota_time back, later;

	ty->checks++;
	localtime_r(&t, &tm);
	rota_tz_to_local(tz, t, &c, &off);
	if (off != tm.tm_gmtoff || c.year != tm.tm_year + 1900 || c.mon != tm.tm_mon + 1
	    || c.day != tm.tm_mday || c.hour != tm.tm_hour || c.min != tm.tm_min
	    || c.sec != tm.tm_sec) {
		fail(ty, "%s at %lld: rota %04d-%02d-%02d %02d:%02d:%02d %+d, glibc %04d-%02d-%02d "
		     "%02d:%02d:%02d %+ld", rota_tz_name(tz), (long long)t, c.year, c.mon, c.day,
		     c.hour, c.min, c.sec, off, tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday,
		     tm.tm_hour, tm.tm_min, tm.tm_sec, tm.tm_gmtoff);
		return;
	}
	if (rota_tz_is_dst(tz, t) != (tm.tm_isdst > 0)
	    || strcmp(rota_tz_abbr(tz, t), tm.tm_zone) != 0) {
		fail(ty, "%s at %lld: rota dst %d %s, glibc dst %d %s", rota_tz_name(tz), (long long)t,
		     rota_tz_is_dst(tz, t), rota_tz_abbr(tz, t), tm.tm_isdst, tm.tm_zone);
		return;
	}
	if (rota_tz_day_of(tz, t) != rota_days_from_civil(c.year, c.mon, c.day)) {
		fail(ty, "%s at %lld: day_of disagrees with to_local", rota_tz_name(tz), (long long)t);
		return;
	}
	int r = rota_tz_from_local(tz, &c, &back, &later);
	if (!((r == ROTA_LOCAL_OK && back == t)
	      || (r == ROTA_LOCAL_FOLD && (back == t || later == t) && back < later)))
		fail(ty, "%s at %lld: from_local(to_local) gave %d, %lld / %lld", rota_tz_name(tz),
		     (long long)t, r, (long long)back, (long long)later);
}

/* A random wall time: when rota says it names exactly one instant, glibc's mktime must
 * find the same one; a gap or fold must show in glibc too. */
static void
check_wall(const rota_tz *tz, int64_t lsecs, struct tally *ty)
{
	rota_civil c;
	rota_time t, later;
	int64_t days = lsecs >= 0 ? lsecs / 86400 : -((-lsecs + 86399) / 86400);
	int64_t sod = lsecs - days * 86400;
	rota_civil_from_days(days, &c.year, &c.mon, &c.day);
	c.hour = (int)(sod / 3600);
	c.min = (int)(sod / 60 % 60);
	c.sec = (int)(sod % 60);
	int r = rota_tz_from_local(tz, &c, &t, &later);

	ty->checks++;
	struct tm tm = { .tm_year = c.year - 1900, .tm_mon = c.mon - 1, .tm_mday = c.day,
	                 .tm_hour = c.hour, .tm_min = c.min, .tm_sec = c.sec, .tm_isdst = -1 };
	time_t g = mktime(&tm);
	rota_civil chk;
	if (r == ROTA_LOCAL_OK) {
		if (g != t)
			fail(ty, "%s %04d-%02d-%02d %02d:%02d:%02d: rota %lld, mktime %lld",
			     rota_tz_name(tz), c.year, c.mon, c.day, c.hour, c.min, c.sec,
			     (long long)t, (long long)g);
		return;
	}
	if (r == ROTA_LOCAL_FOLD) {
		/* both instants really show this wall time, and they differ */
		rota_civil a, b;
		rota_tz_to_local(tz, t, &a, NULL);
		rota_tz_to_local(tz, later, &b, NULL);
		if (memcmp(&a, &c, sizeof c) || memcmp(&b, &c, sizeof c) || t >= later
		    || (g != t && g != later))
			fail(ty, "%s: bad fold at %04d-%02d-%02d %02d:%02d:%02d", rota_tz_name(tz),
			     c.year, c.mon, c.day, c.hour, c.min, c.sec);
		return;
	}
	/* a gap: no instant near t shows the wall time, and the clocks jumped at earliest */
	rota_time jump = rota_tz_from_local_earliest(tz, &c);
	rota_tz_to_local(tz, jump - 1, &chk, NULL);
	int64_t before = rota_days_from_civil(chk.year, chk.mon, chk.day) * 86400
	                 + chk.hour * 3600 + chk.min * 60 + chk.sec;
	rota_tz_to_local(tz, jump, &chk, NULL);
	int64_t after = rota_days_from_civil(chk.year, chk.mon, chk.day) * 86400
	                + chk.hour * 3600 + chk.min * 60 + chk.sec;
	int64_t want = days * 86400 + sod;
	if (!(before < want && want < after)
	    || t != jump + (want - before - 1)
	    || rota_tz_offset(tz, jump - 1) >= rota_tz_offset(tz, jump))
		fail(ty, "%s: bad gap at %04d-%02d-%02d %02d:%02d:%02d (jump %lld)", rota_tz_name(tz),
		     c.year, c.mon, c.day, c.hour, c.min, c.sec, (long long)jump);
}

static void
zone_property(const char *name, long samples, long walls)
{
	rota_error e;
	const rota_tz *tz = rota_tz_get(name, &e);
	struct tally ty = { 0, 0, "" };

	if (tz == NULL) {
		ok(0, "%s: %s", name, e.msg);
		return;
	}
	use_glibc_zone(name);
	for (long i = 0; i < samples; i++)
		check_instant(tz, (time_t)(rnd() % 0x80000000ULL), &ty);
	/* before 1970: local mean time, wartime rules */
	for (long i = 0; i < samples / 10; i++)
		check_instant(tz, (time_t)(-3786825600LL + (int64_t)(rnd() % 3786825600ULL)), &ty);
	/* after 2038 only the footer rules, up to the year 9999 */
	for (long i = 0; i < samples / 10; i++)
		check_instant(tz, (time_t)(0x80000000LL + (int64_t)(rnd() % 251000000000ULL)), &ty);
	/* every change 1850-2037 and the seconds either side of it, and wall times on
	 * both sides of it: before, inside and after each gap or fold */
	for (rota_time t = rota_tz_next_change(tz, -3786825600LL); t < 0x80000000LL;
	     t = rota_tz_next_change(tz, t)) {
		int32_t ob = rota_tz_offset(tz, t - 1), oa = rota_tz_offset(tz, t);
		for (int d = -1; d <= 1; d++)
			check_instant(tz, (time_t)(t + d), &ty);
		int32_t lo = ob < oa ? ob : oa, hi = ob < oa ? oa : ob;
		for (int64_t l = t + lo - 2; l <= t + hi + 1; l += (hi - lo + 3) / 7 + 1)
			check_wall(tz, l, &ty);
		check_wall(tz, t + lo - 1, &ty);
		check_wall(tz, t + lo, &ty);
		check_wall(tz, t + hi - 1, &ty);
		check_wall(tz, t + hi, &ty);
	}
	for (long i = 0; i < walls; i++)
		check_wall(tz, (int64_t)(rnd() % (uint64_t)(rota_days_from_civil(2037, 12, 1) * 86400)),
		           &ty);
	ok(ty.bad == 0, "%s agrees with glibc in %ld checks (%ld disagree)%s%s", name, ty.checks,
	   ty.bad, ty.bad ? ": " : "", ty.first);
}

/* The POSIX-TZ footer run alone, for years the transition table also covers, must give
 * what the table gives: this is what a slim TZif file (or any date after 2037) relies on. */
static void
footer_property(const char *name, int from_year)
{
	rota_error e;
	const rota_tz *tz = rota_tz_get(name, &e);
	struct tally ty = { 0, 0, "" };
	rota_time lo = rota_days_from_civil(from_year, 1, 1) * 86400;
	rota_time hi = rota_days_from_civil(2037, 12, 31) * 86400;
	int32_t off;
	int dst;

	if (tz == NULL || rota_tz_footer_offset(tz, 0, &off, &dst) != 0) {
		ok(0, "%s has a footer", name);
		return;
	}
	for (long i = 0; i < 20000; i++) {
		rota_time t = lo + (rota_time)(rnd() % (uint64_t)(hi - lo));
		ty.checks++;
		rota_tz_footer_offset(tz, t, &off, &dst);
		if (off != rota_tz_offset(tz, t) || dst != rota_tz_is_dst(tz, t))
			fail(&ty, "%s at %lld: footer %d/%d, table %d/%d", name, (long long)t, off, dst,
			     rota_tz_offset(tz, t), rota_tz_is_dst(tz, t));
	}
	for (rota_time t = rota_tz_next_change(tz, lo); t < hi; t = rota_tz_next_change(tz, t)) {
		for (int d = -1; d <= 0; d++) {
			ty.checks++;
			rota_tz_footer_offset(tz, t + d, &off, &dst);
			if (off != rota_tz_offset(tz, t + d))
				fail(&ty, "%s at change %lld%+d: footer %d, table %d", name, (long long)t,
				     d, off, rota_tz_offset(tz, t + d));
		}
	}
	ok(ty.bad == 0, "%s footer matches the table %d-2037 in %ld checks%s%s", name, from_year,
	   ty.checks, ty.bad ? ": " : "", ty.first);
}

/* Every zone in zone1970.tab, more lightly. */
static void
all_zones(void)
{
	FILE *f = fopen("/usr/share/zoneinfo/zone1970.tab", "r");
	char line[1024];
	long n = 0, nbad = 0;
	struct tally ty = { 0, 0, "" };

	if (f == NULL) {
		ok(0, "zone1970.tab readable");
		return;
	}
	while (fgets(line, sizeof line, f)) {
		if (line[0] == '#')
			continue;
		char *name = line, *tab;
		for (int i = 0; i < 2 && name; i++)
			name = strchr(name, '\t') ? strchr(name, '\t') + 1 : NULL;
		if (name == NULL)
			continue;
		if ((tab = strpbrk(name, "\t\n")) != NULL)
			*tab = '\0';
		rota_error e;
		const rota_tz *tz = rota_tz_get(name, &e);
		if (tz == NULL) {
			fail(&ty, "%s: %s", name, e.msg);
			continue;
		}
		long before = ty.bad;
		use_glibc_zone(name);
		for (int i = 0; i < 1500; i++)
			check_instant(tz, (time_t)(rnd() % 0x80000000ULL), &ty);
		for (rota_time t = rota_tz_next_change(tz, -3786825600LL); t < 0x80000000LL;
		     t = rota_tz_next_change(tz, t))
			for (int d = -1; d <= 0; d++)
				check_instant(tz, (time_t)(t + d), &ty);
		for (int i = 0; i < 300; i++)
			check_wall(tz, (int64_t)(rnd() % 2000000000ULL), &ty);
		n++;
		nbad += ty.bad != before;
	}
	fclose(f);
	ok(n > 250 && ty.bad == 0, "all %ld zones of zone1970.tab agree with glibc in %ld checks "
	   "(%ld zones disagree)%s%s", n, ty.checks, nbad, ty.bad ? ": " : "", ty.first);
}

int
main(void)
{
	for (size_t i = 0; i < sizeof zones / sizeof *zones; i++)
		zone_property(zones[i], 100000, 20000);
	footer_property("Europe/Berlin", 1996);
	footer_property("America/New_York", 2007);
	footer_property("Australia/Lord_Howe", 2008);
	footer_property("Pacific/Chatham", 2008);
	footer_property("America/St_Johns", 2012);
	footer_property("Asia/Kolkata", 1946);
	footer_property("Asia/Sakhalin", 2017);
	footer_property("Europe/Moscow", 2015);
	footer_property("America/Sao_Paulo", 2020);
	footer_property("Asia/Jerusalem", 2013);
	footer_property("America/Santiago", 2023);
	footer_property("Antarctica/Troll", 2006);
	footer_property("Asia/Beirut", 1999);
	all_zones();
	rota_tz_cache_free();
	return tap_done();
}
