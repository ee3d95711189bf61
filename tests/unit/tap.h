/* A tiny TAP producer for the unit tests: one "ok N - what" or "not ok N - what" line a
 * check, the plan "1..N" at the end; automake's tap-driver.sh counts each check. */
#ifndef ROTA_TAP_H
#define ROTA_TAP_H
#include <stdio.h>

extern int tap_failed, tap_run;
int tap_ok(int cond, const char *file, int line, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));
int tap_done(void);   /* prints the plan and "# N passed, N failed"; returns exit status */

#define ok(cond, ...) tap_ok(!!(cond), __FILE__, __LINE__, __VA_ARGS__)
#define is_int(got, exp, what) do { long long g_ = (long long)(got), e_ = (long long)(exp); \
	tap_ok(g_ == e_, __FILE__, __LINE__, "%s: got %lld, expected %lld", what, g_, e_); } while (0)
#define is_str(got, exp, what) do { const char *g_ = (got), *x_ = (exp); \
	tap_ok(g_ && x_ && strcmp(g_, x_) == 0, __FILE__, __LINE__, "%s: got '%s', expected '%s'", \
	       what, g_ ? g_ : "(null)", x_ ? x_ : "(null)"); } while (0)
#endif
