/* The proleptic Gregorian calendar without zones: day numbers <-> dates.  Its own file so
 * that time.c (text) and tzfile.c (zones) both build on it and not on each other. */
#include <config.h>
#include <rota/rota.h>
#include "civil.h"

/* Days stay within about +-1.9 billion years, so that years fit an int. */
#define DAYS_LIMIT ((int64_t)700000000000LL)

int
rota_is_leap(int year)
{
	return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
}

int
rota_days_in_month(int year, int mon)
{
	static const unsigned char dim[12] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	if (mon < 1 || mon > 12)
		return 0;
	return dim[mon - 1] + (mon == 2 && rota_is_leap(year));
}

/* Howard Hinnant's days_from_civil; a month outside 1-12 carries into the year and the
 * day is simply added, so out-of-range fields normalise the way mktime does. */
int64_t
rota_days_from_civil(int year, int mon, int day)
{
	int64_t m0 = (int64_t)mon - 1;
	int64_t y = (int64_t)year + (m0 >= 0 ? m0 / 12 : -((11 - m0) / 12));
	int64_t m = m0 - (y - year) * 12 + 1;
	y -= m <= 2;
	int64_t era = (y >= 0 ? y : y - 399) / 400;
	int64_t yoe = y - era * 400;
	int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5;
	int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468 + (int64_t)day - 1;
}

void
rota_civil_from_days(int64_t z, int *year, int *mon, int *day)
{
	if (z < -DAYS_LIMIT)
		z = -DAYS_LIMIT;
	if (z > DAYS_LIMIT)
		z = DAYS_LIMIT;
	z += 719468;
	int64_t era = (z >= 0 ? z : z - 146096) / 146097;
	int64_t doe = z - era * 146097;
	int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	int64_t y = yoe + era * 400;
	int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	int64_t mp = (5 * doy + 2) / 153;
	*day = (int)(doy - (153 * mp + 2) / 5 + 1);
	*mon = (int)(mp < 10 ? mp + 3 : mp - 9);
	*year = (int)(y + (*mon <= 2));
}

int
rota_weekday(int64_t days)
{
	/* 1970-01-01 was a Thursday (3 with Monday = 0) */
	int64_t r = (days % 7 + 7 + 3) % 7;
	return (int)r;
}
