/* Errors that name where the input went wrong: file:line:column and what was expected. */
#ifndef ROTA_ERROR_H
#define ROTA_ERROR_H

#include <stdarg.h>
#include <stddef.h>

typedef struct rota_error {
	int status;        /* enum rota_exit: 2 for bad input, 3 for runtime failures */
	char file[512];    /* empty when the error is not about a file */
	long line;         /* 1-based; 0 when unknown */
	long col;          /* 1-based column or field number; 0 when unknown */
	char msg[1024];    /* what was wrong, what was expected, and how to fix it */
} rota_error;

/* Record an error.  file may be NULL; line/col 0 mean unknown. Returns -1 so that
 * callers can write `return rota_error_set(...)`. */
int rota_error_set(rota_error *e, int status, const char *file, long line, long col,
                   const char *fmt, ...) __attribute__((format(printf, 6, 7)));
int rota_error_vset(rota_error *e, int status, const char *file, long line, long col,
                    const char *fmt, va_list ap);
/* Prefix more context to an existing message ("in calendar 'office': ..."). */
void rota_error_prefix(rota_error *e, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void rota_error_clear(rota_error *e);

/* "prog: file:line:col: msg" on stderr (the parts that are known). */
void rota_error_print(const rota_error *e);
/* Print and exit with e->status (2 when unset). */
void rota_error_exit(const rota_error *e) __attribute__((noreturn));

/* errx-style helpers for front ends: "prog: message" and exit(status). */
void rota_die(int status, const char *fmt, ...)
	__attribute__((format(printf, 2, 3), noreturn));
void rota_warn(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Allocation that cannot fail: exits with status 3 on out-of-memory. */
void *rota_xmalloc(size_t n);
void *rota_xcalloc(size_t n, size_t size);
void *rota_xrealloc(void *p, size_t n);
void *rota_xreallocarray(void *p, size_t n, size_t size);
char *rota_xstrdup(const char *s);
char *rota_xstrndup(const char *s, size_t n);

#endif
