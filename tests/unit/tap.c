#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include "tap.h"

int tap_failed, tap_run;

/* A description is one line, and a '#' in it would start a TAP directive (SKIP, TODO). */
static void
put_description(const char *s)
{
	for (; *s; s++)
		putchar(*s == '\n' || *s == '\r' ? ' ' : *s == '#' ? '%' : *s);
}

int
tap_ok(int cond, const char *file, int line, const char *fmt, ...)
{
	char what[1024];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(what, sizeof what, fmt, ap);
	va_end(ap);
	tap_run++;
	if (!cond)
		tap_failed++;
	printf("%s %d - ", cond ? "ok" : "not ok", tap_run);
	if (!cond)
		printf("%s:%d: ", file, line);
	put_description(what);
	putchar('\n');
	/* Diagnostics printed by a test between checks stay in order with the checks. */
	fflush(stdout);
	return cond;
}

int
tap_done(void)
{
	printf("1..%d\n# %d checks: %d passed, %d failed\n", tap_run, tap_run, tap_run - tap_failed,
	       tap_failed);
	return tap_failed ? 1 : 0;
}
