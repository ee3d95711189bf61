#include <stdarg.h>
#include <stdio.h>
#include "tap.h"

int tap_failed, tap_run;

int
tap_ok(int cond, const char *file, int line, const char *fmt, ...)
{
	va_list ap;
	tap_run++;
	if (cond)
		return 1;
	tap_failed++;
	printf("not ok %d - %s:%d: ", tap_run, file, line);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	putchar('\n');
	return 0;
}

int
tap_done(void)
{
	printf("%d checks: %d passed, %d failed\n", tap_run, tap_run - tap_failed, tap_failed);
	return tap_failed ? 1 : 0;
}
