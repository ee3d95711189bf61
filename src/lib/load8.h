/* Private to the library: eight bytes at once, for the hot readers (time-fast.c,
 * calendar-registry.c). */
#ifndef ROTA_LOAD8_H
#define ROTA_LOAD8_H

#include <stdint.h>
#include <string.h>

/* Eight bytes from p, the first in the lowest byte whatever the machine's order. */
static inline uint64_t
load8(const char *p)
{
	uint64_t x;
	memcpy(&x, p, 8);
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
	x = __builtin_bswap64(x);
#endif
	return x;
}

#endif
