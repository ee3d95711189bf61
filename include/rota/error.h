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

/* Allocation that cannot fail: on out-of-memory they call the handler the application
 * installed (a command prints and exits 3), by default abort().  The handler must not
 * return; if it does, abort() follows. */
void rota_set_oom_handler(void (*handler)(void));
void *rota_xmalloc(size_t n);
void *rota_xcalloc(size_t n, size_t size);
void *rota_xrealloc(void *p, size_t n);
void *rota_xreallocarray(void *p, size_t n, size_t size);
char *rota_xstrdup(const char *s);
char *rota_xstrndup(const char *s, size_t n);

#endif
