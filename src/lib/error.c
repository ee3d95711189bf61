#include <config.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <rota/rota.h>

/* Where src's fix would sit in a message of length dlen that ends with src's message,
 * or -1 when dst does not end that way. */
static long
fix_moved(const char *dmsg, const rota_error *src)
{
	/* src may be an error never cleared: read nothing past its buffers */
	if (src->fix[0] == '\0' || memchr(src->fix, '\0', sizeof src->fix) == NULL)
		return -1;
	size_t dlen = strlen(dmsg), slen = strnlen(src->msg, sizeof src->msg);
	/* An empty message holds no fix: a never-set error's stray bytes are not taken. */
	if (slen == 0 || slen == sizeof src->msg || slen > dlen || src->fix_at + src->fix_len > slen ||
	    memcmp(dmsg + dlen - slen, src->msg, slen) != 0)
		return -1;
	return (long)(dlen - slen + src->fix_at);
}

int
rota_error_vset(rota_error *e, int status, const char *file, long line, long col,
                const char *fmt, va_list ap)
{
	if (e == NULL)
		return -1;
	/* Read nothing of e: callers pass errors never initialised (valgrind holds us to it). */
	e->status = status ? status : ROTA_EXIT_USAGE;
	snprintf(e->file, sizeof e->file, "%s", file ? file : "");
	e->line = line;
	e->col = col;
	vsnprintf(e->msg, sizeof e->msg, fmt, ap);
	e->hint[0] = e->fix[0] = '\0';
	e->fix_at = e->fix_len = 0;
	return -1;
}

int
rota_error_rewrap(rota_error *e, int status, const char *file, long line, long col,
                  const char *fmt, ...)
{
	if (e == NULL)
		return -1;
	rota_error old;
	memcpy(&old, e, sizeof old);
	va_list ap;
	va_start(ap, fmt);
	rota_error_vset(e, status, file, line, col, fmt, ap);
	va_end(ap);
	rota_error_keep_fix(e, &old);
	return -1;
}

void
rota_error_keep_fix(rota_error *dst, const rota_error *src)
{
	long at = fix_moved(dst->msg, src);
	if (at < 0)
		return;
	memcpy(dst->hint, src->hint, sizeof dst->hint);
	memcpy(dst->fix, src->fix, sizeof dst->fix);
	dst->fix_at = (size_t)at;
	dst->fix_len = src->fix_len;
}

/* The fix in the library's words: {name} as 'name'. */
static size_t
render_fix(const char *fix, char *out, size_t n, char *hint, size_t hintsz)
{
	size_t k = 0;
	hint[0] = '\0';
	for (const char *p = fix; *p && k + 1 < n; p++) {
		const char *end = *p == '{' ? strchr(p, '}') : NULL;
		if (end == NULL) {
			out[k++] = *p;
			continue;
		}
		size_t len = (size_t)(end - p - 1);
		if (hint[0] == '\0' && len < hintsz) {
			memcpy(hint, p + 1, len);
			hint[len] = '\0';
		}
		k += (size_t)snprintf(out + k, n - k, "'%.*s'", (int)len, p + 1);
		if (k >= n)
			k = n - 1;
		p = end;
	}
	out[k] = '\0';
	return k;
}

static int
add_fix(rota_error *e, int lead, const char *fmt, va_list ap)
{
	char text[sizeof e->fix];
	if (e == NULL)
		return -1;
	vsnprintf(e->fix, sizeof e->fix, fmt, ap);
	size_t n = render_fix(e->fix, text, sizeof text, e->hint, sizeof e->hint);
	size_t m = strlen(e->msg);
	if (m + n >= sizeof e->msg) {        /* no room: the message stays as it was */
		e->hint[0] = e->fix[0] = '\0';
		return -1;
	}
	if (lead) {
		memmove(e->msg + n, e->msg, m + 1);
		memcpy(e->msg, text, n);
		e->fix_at = 0;
	} else {
		memcpy(e->msg + m, text, n + 1);
		e->fix_at = m;
	}
	e->fix_len = n;
	return -1;
}

int
rota_error_append(rota_error *e, const char *fmt, ...)
{
	va_list ap;
	size_t m = strlen(e->msg);
	va_start(ap, fmt);
	vsnprintf(e->msg + m, sizeof e->msg - m, fmt, ap);
	va_end(ap);
	return -1;
}

int
rota_error_fix(rota_error *e, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	add_fix(e, 0, fmt, ap);
	va_end(ap);
	return -1;
}

int
rota_error_fix_lead(rota_error *e, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	add_fix(e, 1, fmt, ap);
	va_end(ap);
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
	if (e->fix[0] && e->fix_at + e->fix_len <= m)
		e->fix_at += n;
	else
		e->hint[0] = e->fix[0] = '\0';
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

int
rota_error_open_status(int e)
{
	switch (e) {
	case ENOENT: case ENOTDIR: case EACCES: case EPERM: case ELOOP: case ENAMETOOLONG:
	case EISDIR: case ENXIO: case ENODEV:
		return ROTA_EXIT_USAGE;
	}
	return ROTA_EXIT_RUNTIME;
}
