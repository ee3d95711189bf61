#include <config.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
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
