#include <config.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <rota/rota.h>

static void
grow(rota_strbuf *b, size_t more)
{
	size_t need = b->len + more + 1;
	if (need <= b->cap)
		return;
	size_t cap = b->cap ? b->cap : 64;
	while (cap < need)
		cap *= 2;
	b->s = rota_xrealloc(b->s, cap);
	b->cap = cap;
}

void
rota_strbuf_add(rota_strbuf *b, const char *s, size_t n)
{
	grow(b, n);
	memcpy(b->s + b->len, s, n);
	b->len += n;
	b->s[b->len] = '\0';
}

void rota_strbuf_puts(rota_strbuf *b, const char *s) { rota_strbuf_add(b, s, strlen(s)); }
void rota_strbuf_putc(rota_strbuf *b, char c) { rota_strbuf_add(b, &c, 1); }

void
rota_strbuf_printf(rota_strbuf *b, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0)
		return;
	grow(b, (size_t)n);
	va_start(ap, fmt);
	vsnprintf(b->s + b->len, (size_t)n + 1, fmt, ap);
	va_end(ap);
	b->len += (size_t)n;
}

void
rota_strbuf_reset(rota_strbuf *b)
{
	b->len = 0;
	if (b->s)
		b->s[0] = '\0';
}

const char *rota_strbuf_str(rota_strbuf *b) { return b->s ? b->s : ""; }

char *
rota_strbuf_detach(rota_strbuf *b)
{
	char *s = b->s ? b->s : rota_xstrdup("");
	b->s = NULL;
	b->len = b->cap = 0;
	return s;
}

void
rota_strbuf_free(rota_strbuf *b)
{
	free(b->s);
	b->s = NULL;
	b->len = b->cap = 0;
}

int
rota_strbuf_read_fd(rota_strbuf *b, int fd, size_t max)
{
	size_t start = b->len;
	for (;;) {
		size_t got = b->len - start;
		if (got > max)
			return 1;
		/* Doubling, but never past one byte beyond the bound. */
		size_t room = b->cap > b->len + 1 ? b->cap - b->len - 1 : 0;
		if (room == 0) {
			size_t want = b->len > 65536 ? b->len : 65536;
			if (want > max + 1 - got)
				want = max + 1 - got;
			grow(b, want);
			b->s[b->len] = '\0';
			room = b->cap - b->len - 1;
		}
		if (room > max + 1 - got)
			room = max + 1 - got;
		ssize_t n = read(fd, b->s + b->len, room);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return -1;
		if (n == 0)
			return 0;
		b->len += (size_t)n;
		b->s[b->len] = '\0';
	}
}
