#include <config.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <rota/rota.h>

int
rota_error_vset(rota_error *e, int status, const char *file, long line, long col,
                const char *fmt, va_list ap)
{
	if (e == NULL)
		return -1;
	e->status = status ? status : ROTA_EXIT_USAGE;
	snprintf(e->file, sizeof e->file, "%s", file ? file : "");
	e->line = line;
	e->col = col;
	vsnprintf(e->msg, sizeof e->msg, fmt, ap);
	return -1;
}

int
rota_error_set(rota_error *e, int status, const char *file, long line, long col,
               const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	rota_error_vset(e, status, file, line, col, fmt, ap);
	va_end(ap);
	return -1;
}

void
rota_error_prefix(rota_error *e, const char *fmt, ...)
{
	char pre[512], old[sizeof e->msg];
	va_list ap;

	if (e == NULL)
		return;
	va_start(ap, fmt);
	vsnprintf(pre, sizeof pre, fmt, ap);
	va_end(ap);
	memcpy(old, e->msg, sizeof old);
	/* Truncation is fine here: a long message loses its tail, not its head. */
	size_t n = strlen(pre);
	if (n >= sizeof e->msg)
		n = sizeof e->msg - 1;
	memcpy(e->msg, pre, n);
	size_t m = strnlen(old, sizeof old);
	if (m > sizeof e->msg - 1 - n)
		m = sizeof e->msg - 1 - n;
	memcpy(e->msg + n, old, m);
	e->msg[n + m] = '\0';
}

void
rota_error_clear(rota_error *e)
{
	memset(e, 0, sizeof *e);
}

static void (*oom_handler)(void);

void
rota_set_oom_handler(void (*handler)(void))
{
	oom_handler = handler;
}

static void
out_of_memory(void)
{
	if (oom_handler)
		oom_handler();
	abort();
}

static void *
oom(void *p)
{
	if (p == NULL)
		out_of_memory();
	return p;
}

void *rota_xmalloc(size_t n) { return oom(malloc(n ? n : 1)); }
void *rota_xcalloc(size_t n, size_t size) { return oom(calloc(n ? n : 1, size ? size : 1)); }
void *rota_xrealloc(void *p, size_t n) { return oom(realloc(p, n ? n : 1)); }
char *rota_xstrdup(const char *s) { return oom(strdup(s)); }
char *rota_xstrndup(const char *s, size_t n) { return oom(strndup(s, n)); }

void *
rota_xreallocarray(void *p, size_t n, size_t size)
{
	if (size && n > SIZE_MAX / size)
		out_of_memory();
	return rota_xrealloc(p, n * size);
}
