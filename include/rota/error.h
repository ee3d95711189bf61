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
	/* How to fix it, for a front end to say in its own terms (a command names its flags):
	 * fix is a template in which {name} stands for the setting called name (in
	 * rota.yaml or on a command line), hint the first such name ("" when none).  msg holds
	 * the fix in the library's words, {name} as 'name', at [fix_at, fix_at + fix_len). */
	char hint[32];
	char fix[256];
	size_t fix_at, fix_len;
} rota_error;

/* Record an error.  file may be NULL; line/col 0 mean unknown. Returns -1 so that
 * callers can write `return rota_error_set(...)`.  Nothing of what e held is read: e may
 * be a never-initialised variable. */
int rota_error_set(rota_error *e, int status, const char *file, long line, long col,
                   const char *fmt, ...) __attribute__((format(printf, 6, 7)));
int rota_error_vset(rota_error *e, int status, const char *file, long line, long col,
                    const char *fmt, va_list ap);
/* rota_error_set for a message built around e's own ("queue 'x': %s" with a copy of
 * e->msg): e must hold an error set before, whose fix moves into the new message. */
int rota_error_rewrap(rota_error *e, int status, const char *file, long line, long col,
                      const char *fmt, ...) __attribute__((format(printf, 6, 7)));
/* Add how to fix it to the message just set: fmt is printf-style and names settings as
 * {name}.  rota_error_fix appends it, rota_error_fix_lead puts it in front.  Return -1. */
int rota_error_fix(rota_error *e, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
int rota_error_fix_lead(rota_error *e, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* Append plain text to the message (its fix stays where it is).  Returns -1. */
int rota_error_append(rota_error *e, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* After dst's message was set to end with src's ("column 'time': %s"), take src's fix
 * over.  rota_error_rewrap does this when the message ends with e's own old one. */
void rota_error_keep_fix(rota_error *dst, const rota_error *src);
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

/* The exit status for a named input that cannot be opened: 2 (bad input: missing, not
 * allowed, a directory) unless the system itself failed (I/O, no descriptors): 3. */
int rota_error_open_status(int errnum);

#endif
