/* The batch mode every command with one query a line shares (rota-cal --batch, and the
 * clock engines' commands to come): a reader of standard input in large blocks with a
 * bound on a line, the word splitter, the loop with its rules for blank and # lines and
 * --keep-going, and a buffer for the many short answers. */
#include <config.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "../cmd.h"

#define HOT __attribute__((hot))

/* Reads are at least this large: a read() a line would cost more than the query. */
#define READ_MIN 4096

void
cmd_batch_open(cmd_batch *b, int fd, const char *file, size_t limit)
{
	memset(b, 0, sizeof *b);
	b->fd = fd;
	b->file = file;
	b->limit = limit ? limit : CMD_BATCH_LIMIT;
	b->cap = 1 << 20;
	if (b->cap > b->limit + CMD_BATCH_SLACK + READ_MIN)
		b->cap = b->limit + CMD_BATCH_SLACK + READ_MIN;
	b->buf = rota_xmalloc(b->cap);
	memset(b->buf, 0, CMD_BATCH_SLACK);
}

void
cmd_batch_close(cmd_batch *b)
{
	free(b->buf);
	b->buf = NULL;
}

static int
too_long(cmd_batch *b, rota_error *err)
{
	return rota_error_set(err, ROTA_EXIT_USAGE, b->file, b->line + 1, 0,
	                      "line longer than %zu bytes", b->limit);
}

HOT int
cmd_batch_next(cmd_batch *b, char **line, rota_error *err)
{
	for (;;) {
		char *start = b->buf + b->pos;
		char *nl = memchr(start, '\n', b->len - b->pos);
		if (nl || (b->eof && b->pos < b->len)) {
			if (nl == NULL) {
				nl = b->buf + b->len;   /* a last line without its newline: */
				b->pos = b->len;        /* the NUL is the first slack byte */
			} else {
				b->pos = (size_t)(nl - b->buf) + 1;
			}
			if ((size_t)(nl - start) > b->limit)
				return too_long(b, err);
			*nl = '\0';
			b->end_of_line = nl;
			b->line++;
			*line = start;
			return 1;
		}
		if (b->eof)
			return 0;
		if (b->len - b->pos > b->limit)
			return too_long(b, err);
		memmove(b->buf, start, b->len - b->pos);
		b->len -= b->pos;
		b->pos = 0;
		/* Grow by doubling, but never much past what the longest line allowed needs. */
		if (b->cap - b->len < READ_MIN + CMD_BATCH_SLACK) {
			size_t cap = b->cap * 2, most = b->limit + CMD_BATCH_SLACK + READ_MIN + 1;
			b->buf = rota_xrealloc(b->buf, b->cap = cap < most ? cap : most);
		}
		/* CMD_BATCH_SLACK zero bytes stay after the data: a NUL for a last line without
		 * its newline, and room for the fast paths to read past a line's end (words and
		 * times eight bytes at a time).  A line not yet split off has no newline and no
		 * word in the slack. */
		ssize_t got = read(b->fd, b->buf + b->len, b->cap - b->len - CMD_BATCH_SLACK);
		if (got < 0 && errno == EINTR)
			continue;
		if (got < 0)
			return rota_error_set(err, ROTA_EXIT_RUNTIME, NULL, 0, 0, "cannot read %s: %s",
			                      b->file, strerror(errno));
		if (got == 0)
			b->eof = 1;
		b->len += (size_t)got * (got > 0);
		memset(b->buf + b->len, 0, CMD_BATCH_SLACK);
	}
}

/* Words are separated by spaces, tabs and any other control character. */
static int
blank(char c)
{
	return (unsigned char)c <= ' ' && c != '\0';
}

HOT const char *
cmd_word_end(const char *p)
{
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
	for (;; p += 8) {
		uint64_t x;
		memcpy(&x, p, 8);
		/* the lowest flagged byte is exactly the first byte < 0x21 */
		uint64_t hit = (x - 0x2121212121212121ULL) & ~x & 0x8080808080808080ULL;
		if (hit)
			return p + (__builtin_ctzll(hit) >> 3);
	}
#else
	while ((unsigned char)*p > ' ')
		p++;
	return p;
#endif
}

HOT int
cmd_batch_split(char *line, char **w, long *cols, int max, long *bad)
{
	int n = 0;
	char *p = line;
	for (;;) {
		while (blank(*p))
			p++;
		if (*p == '\0')
			return n;
		if (n == max)
			return n + 1;   /* too many: the caller says so */
		cols[n] = (long)(p - line) + 1;
		if (*p == '"' || *p == '\'') {
			char qc = *p++;
			char *end = strchr(p, qc);
			if (end == NULL) {
				*bad = cols[n];
				return -1;
			}
			*end = '\0';
			w[n++] = p;
			p = end + 1;
			continue;
		}
		w[n++] = p;
		p += cmd_word_end(p) - p;
		if (*p)
			*p++ = '\0';
	}
}

HOT int
cmd_batch_run(cmd_batch *b, cmd_answers *out, const struct cmd_batch_ops *ops, void *ctx,
              int keep_going)
{
	char *w[CMD_BATCH_MAX_WORDS], *line;
	long cols[CMD_BATCH_MAX_WORDS];
	int failed = 0;

	for (;;) {
		rota_error err;   /* not cleared: 1.5 kB a query shows; set by whatever fails */
		long bad = 0;
		err.fix[0] = '\0';   /* but no fix that a message would keep */
		/* The fast path answers runs of lines with a call, not a line. */
		if (ops->fast && b->pos < b->len && ops->fast(ctx, b) > 0)
			continue;
		int got = cmd_batch_next(b, &line, &err);
		if (got == 0)
			break;
		if (got < 0) {   /* no line to resume at: even --keep-going stops */
			cmd_error_print(&err);
			return err.status;
		}
		const char *why;
		/* A NUL or bad UTF-8 is that line's error: --keep-going goes on after it. */
		size_t len = (size_t)(b->end_of_line - line), at = rota_text_invalid(line, len, &why);
		int n = at < len ? -2 : cmd_batch_split(line, w, cols, CMD_BATCH_MAX_WORDS, &bad);
		if (n == 0 || (n > 0 && w[0][0] == '#')) {
			cmd_answers_put(out, "\n", 1);
			continue;
		}
		int rc;
		if (n == -2)
			rc = line[at] == '\0'
			     ? rota_error_set(&err, ROTA_EXIT_USAGE, NULL, 0, (long)at + 1, "%s", why)
			     : rota_error_set(&err, ROTA_EXIT_USAGE, NULL, 0, (long)at + 1,
			                      "byte 0x%02X %s: the input must be UTF-8",
			                      (unsigned char)line[at], why);
		else if (n < 0)
			rc = rota_error_set(&err, ROTA_EXIT_USAGE, NULL, 0, bad,
			                    "unterminated quote: close it with the same quote mark");
		else if (n > CMD_BATCH_MAX_WORDS)
			rc = rota_error_set(&err, ROTA_EXIT_USAGE, NULL, 0,
			                    cols[CMD_BATCH_MAX_WORDS - 1], "too many words: %s",
			                    ops->too_many);
		else
			rc = cmd_query_run(ops->queries, ctx, &(cmd_words){ n, w, cols }, &err);
		if (rc == 0)
			continue;
		if (err.file[0] == '\0') {   /* about the line, not a file the query read */
			snprintf(err.file, sizeof err.file, "%s", b->file);
			err.line = b->line;
		}
		cmd_error_print(&err);
		if (err.status != ROTA_EXIT_USAGE || !keep_going)
			return err.status ? err.status : ROTA_EXIT_USAGE;
		failed = 1;
		cmd_answers_put(out, "\n", 1);
	}
	return failed ? ROTA_EXIT_USAGE : 0;
}

int
cmd_batch_stdin(cmd_answers *out, const struct cmd_batch_ops *ops, void *ctx, int keep_going)
{
	cmd_batch b;
	cmd_batch_open(&b, STDIN_FILENO, "<stdin>", 0);
	int status = cmd_batch_run(&b, out, ops, ctx, keep_going);
	cmd_batch_close(&b);
	return status;
}

void
cmd_same_set(cmd_same *s, const char *word)
{
	size_t len = 0;
	unsigned char head[8] = { 0 }, mask[8] = { 0 };
	if (word && *word != '"' && *word != '\'')
		while ((unsigned char)word[len] > ' ')
			len++;
	if (len == 0 || word[len] != '\0') {
		/* it matches eight zero bytes that begin with a space: none */
		*s = (cmd_same){ NULL, 0, 0, UINT64_MAX };
		return;
	}
	memcpy(head, word, len < 8 ? len : 8);
	memset(mask, 0xff, len < 8 ? len : 8);
	s->word = word;
	s->len = len;
	memcpy(&s->head, head, 8);
	memcpy(&s->mask, mask, 8);
}

/* ---- answers ---- */

void
cmd_answers_init(cmd_answers *a, FILE *f)
{
	a->f = f;
	a->len = 0;
}

void
cmd_answers_flush(cmd_answers *a)
{
	fwrite(a->buf, 1, a->len, a->f);
	a->len = 0;
}

HOT void
cmd_answers_put(cmd_answers *a, const char *p, size_t n)
{
	if (a->len + n > sizeof a->buf)
		cmd_answers_flush(a);
	if (n > sizeof a->buf) {
		fwrite(p, 1, n, a->f);
		return;
	}
	memcpy(a->buf + a->len, p, n);
	a->len += n;
}

/* The decimal digits of u < 10^8 as eight digit values (leading zeros included), the
 * first in the lowest byte: after the split in two halves, each step divides all the
 * lanes of the word at once, by a multiplication and a shift. */
static uint64_t
eight_digits(uint64_t u)
{
	uint64_t x = u / 10000 | (u % 10000) << 32;                 /* two lanes < 10^4 */
	uint64_t h = (x * 10486) >> 20 & 0x0000007f0000007fULL;     /* lane / 100 */
	x = h | (x - h * 100) << 16;                                /* four lanes < 100 */
	h = (x * 103) >> 10 & 0x000f000f000f000fULL;                /* lane / 10 */
	return h | (x - h * 10) << 8;
}

/* printf was a fifth of the time of a --batch between; building the text byte by byte
 * and copying it out stalled on the copy.  Small numbers are made in a register and
 * stored at once. */
HOT void
cmd_answers_int(cmd_answers *a, int64_t v)
{
	if (sizeof a->buf - a->len < 32)
		cmd_answers_flush(a);
	char *o = a->buf + a->len;
	uint64_t u = v < 0 ? -(uint64_t)v : (uint64_t)v;
	*o = '-';
	o += v < 0;
	if (u < 100000000) {
		uint64_t d = eight_digits(u);
		int lead = d ? __builtin_ctzll(d) >> 3 : 7;   /* leading zeros, not the last */
		uint64_t text = (d + 0x3030303030303030ULL) >> 8 * lead;
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
		text = __builtin_bswap64(text);
#endif
		memcpy(o, &text, 8);
		o += 8 - lead;
	} else {
		char buf[24], *p = buf + sizeof buf;
		do
			*--p = (char)('0' + u % 10);
		while ((u /= 10) != 0);
		memcpy(o, p, (size_t)(buf + sizeof buf - p));
		o += buf + sizeof buf - p;
	}
	*o++ = '\n';
	a->len = (size_t)(o - a->buf);
}

HOT void
cmd_answers_time(cmd_answers *a, rota_time t, const rota_tz *tz)
{
	if (sizeof a->buf - a->len < ROTA_TIME_BUFSZ + 1)
		cmd_answers_flush(a);
	size_t n = rota_time_format(a->buf + a->len, ROTA_TIME_BUFSZ, t, tz);
	a->buf[a->len + n] = '\n';
	a->len += n + 1;
}
