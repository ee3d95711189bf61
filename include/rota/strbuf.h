/* A growable string, for building messages, SQL-free output and escaped text. */
#ifndef ROTA_STRBUF_H
#define ROTA_STRBUF_H

#include <stddef.h>

typedef struct rota_strbuf {
	char *s;     /* always NUL-terminated once anything was added; may be NULL when empty */
	size_t len;
	size_t cap;
} rota_strbuf;

#define ROTA_STRBUF_INIT {NULL, 0, 0}

void rota_strbuf_add(rota_strbuf *b, const char *s, size_t n);
void rota_strbuf_puts(rota_strbuf *b, const char *s);
void rota_strbuf_putc(rota_strbuf *b, char c);
void rota_strbuf_printf(rota_strbuf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void rota_strbuf_reset(rota_strbuf *b);      /* len = 0, keeps memory */
const char *rota_strbuf_str(rota_strbuf *b); /* "" when empty */
char *rota_strbuf_detach(rota_strbuf *b);    /* caller frees; buffer is reset */
void rota_strbuf_free(rota_strbuf *b);

#endif
