/* Private to the library: what civil.c, time.c, tzfile.c and calendar.c share beyond
 * the public civil-date calls of <rota/time.h>. */
#ifndef ROTA_CIVIL_H
#define ROTA_CIVIL_H

#include <stdint.h>

/* a / b rounded towards minus infinity: the day of a negative instant is the one
 * before the epoch, not the epoch's. */
static inline int64_t
civil_floor_div(int64_t a, int64_t b)
{
	int64_t q = a / b;
	return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q;
}

#endif
