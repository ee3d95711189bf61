/* A growable string, for building messages, SQL-free output and escaped text. */
#ifndef ROTA_STRBUF_H
#define ROTA_STRBUF_H

#include <stddef.h>
#include <stdint.h>

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
/* Appends what is left of descriptor fd, at most max bytes: 0 at its end, 1 when it holds
 * more than max (it stops at max + 1 bytes read: enough to say so), -1 when a read fails
 * (errno says why).  The descriptor stays open.  Every whole-file
 * reader goes through it, so that no input can take more memory than its bound. */
int rota_strbuf_read_fd(rota_strbuf *b, int fd, size_t max);

/* FNV-1a of p[0..n), for the library's hash tables: rota_hash_more continues h over more
 * bytes (a key of several parts), starting from ROTA_HASH_INIT.  Inline, as tables call it
 * once a row.  Its low bits depend weakly on early bytes: fold the high bits in where keys
 * share long tails. */
#define ROTA_HASH_INIT 0xcbf29ce484222325ULL
static inline uint64_t
rota_hash_more(uint64_t h, const void *p, size_t n)
{
	const unsigned char *s = p;
	for (size_t i = 0; i < n; i++)
		h = (h ^ s[i]) * 0x100000001b3ULL;
	return h;
}
static inline uint64_t
rota_hash(const void *p, size_t n)
{
	return rota_hash_more(ROTA_HASH_INIT, p, n);
}

#endif
