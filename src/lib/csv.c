#include <config.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <zlib.h>
#include <rota/rota.h>

/* zlib's gzread passes plain files through unchanged, so one code path reads both
 * compressed and plain input, from a file or a pipe. */
struct rota_csv {
	gzFile gz;
	const char *mem;           /* in-memory input instead of gz */
	size_t memlen, mempos;
	char *name;
	unsigned char buf[1 << 16];
	size_t pos, len;
	int eof, started;
	long line;                 /* current physical line (1-based) */
	long rec_line;
	char *data;                /* the record's fields, each NUL-terminated */
	size_t dlen, dcap;
	size_t *off, *flen;        /* per field: offset into data, length */
	long *fline, *fcol;
	unsigned char *fquoted;    /* per field: 1 when it was written in quotes */
	size_t nf, fcap;
};

static rota_csv *
csv_new(const char *name)
{
	rota_csv *c = rota_xcalloc(1, sizeof *c);
	c->name = rota_xstrdup(name);
	c->line = 1;
	return c;
}

rota_csv *
rota_csv_open(const char *path, rota_error *err)
{
	int fd;
	int is_stdin = path == NULL || strcmp(path, "-") == 0;

	if (is_stdin)
		fd = dup(STDIN_FILENO);
	else
		fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		rota_error_set(err, ROTA_EXIT_USAGE, is_stdin ? "<stdin>" : path, 0, 0,
		               "cannot open: %s", strerror(errno));
		return NULL;
	}
	gzFile gz = gzdopen(fd, "rb");
	if (gz == NULL) {
		close(fd);
		rota_error_set(err, ROTA_EXIT_RUNTIME, path, 0, 0, "cannot read: out of memory");
		return NULL;
	}
	gzbuffer(gz, 1 << 17);
	rota_csv *c = csv_new(is_stdin ? "<stdin>" : path);
	c->gz = gz;
	return c;
}

rota_csv *
rota_csv_open_mem(const char *data, size_t len, const char *name)
{
	rota_csv *c = csv_new(name ? name : "<memory>");
	c->mem = data;
	c->memlen = len;
	return c;
}

void
rota_csv_close(rota_csv *c)
{
	if (c == NULL)
		return;
	if (c->gz)
		gzclose(c->gz);
	free(c->name);
	free(c->data);
	free(c->off);
	free(c->flen);
	free(c->fline);
	free(c->fcol);
	free(c->fquoted);
	free(c);
}

static int
fill(rota_csv *c, rota_error *err)
{
	if (c->eof)
		return 0;
	if (c->mem) {
		size_t n = c->memlen - c->mempos;
		if (n > sizeof c->buf)
			n = sizeof c->buf;
		memcpy(c->buf, c->mem + c->mempos, n);
		c->mempos += n;
		c->pos = 0;
		c->len = n;
		if (n == 0)
			c->eof = 1;
		return n > 0;
	}
	int n = gzread(c->gz, c->buf, sizeof c->buf);
	if (n < 0) {
		int zerr;
		const char *m = gzerror(c->gz, &zerr);
		return rota_error_set(err, zerr == Z_ERRNO ? ROTA_EXIT_RUNTIME : ROTA_EXIT_USAGE,
		                      c->name, c->line, 0, "read failed: %s",
		                      zerr == Z_ERRNO ? strerror(errno) : m);
	}
	if (n == 0) {
		/* A truncated gzip stream reads as a short file; say so instead. */
		int zerr;
		gzerror(c->gz, &zerr);
		if (zerr == Z_BUF_ERROR)
			return rota_error_set(err, ROTA_EXIT_USAGE, c->name, c->line, 0,
			                      "unexpected end of compressed data: the gzip file is truncated");
		c->eof = 1;
	}
	c->pos = 0;
	c->len = (size_t)n;
	return n > 0;
}

/* -1 error, -2 end of input, else the byte. */
static inline int
getch(rota_csv *c, rota_error *err)
{
	if (c->pos >= c->len) {
		int r = fill(c, err);
		if (r < 0)
			return -1;
		if (r == 0)
			return -2;
	}
	return c->buf[c->pos++];
}

static inline int
peekch(rota_csv *c, rota_error *err)
{
	int ch = getch(c, err);
	if (ch >= 0)
		c->pos--;
	return ch;
}

static inline void
put(rota_csv *c, int ch)
{
	if (c->dlen + 1 >= c->dcap) {
		c->dcap = c->dcap ? c->dcap * 2 : 256;
		c->data = rota_xrealloc(c->data, c->dcap);
	}
	c->data[c->dlen++] = (char)ch;
}

static void
field_begin(rota_csv *c, long col)
{
	if (c->nf == c->fcap) {
		c->fcap = c->fcap ? c->fcap * 2 : 16;
		c->off = rota_xreallocarray(c->off, c->fcap, sizeof *c->off);
		c->flen = rota_xreallocarray(c->flen, c->fcap, sizeof *c->flen);
		c->fline = rota_xreallocarray(c->fline, c->fcap, sizeof *c->fline);
		c->fcol = rota_xreallocarray(c->fcol, c->fcap, sizeof *c->fcol);
		c->fquoted = rota_xreallocarray(c->fquoted, c->fcap, sizeof *c->fquoted);
	}
	c->off[c->nf] = c->dlen;
	c->fline[c->nf] = c->line;
	c->fcol[c->nf] = col;
	c->fquoted[c->nf] = 0;
}

static void
field_end(rota_csv *c)
{
	c->flen[c->nf] = c->dlen - c->off[c->nf];
	put(c, '\0');
	c->nf++;
}

int
rota_csv_next(rota_csv *c, rota_error *err)
{
	int ch;
	long col = 1;

	c->nf = 0;
	c->dlen = 0;
	if (!c->started) {
		c->started = 1;
		/* A UTF-8 byte-order mark, as spreadsheet exports write it, is not data. */
		if ((ch = peekch(c, err)) == -1)
			return -1;
		if (ch == 0xEF) {
			c->pos++;
			int b1 = getch(c, err), b2 = b1 >= 0 ? getch(c, err) : b1;
			if (b1 != 0xBB || b2 != 0xBF)
				return rota_error_set(err, ROTA_EXIT_USAGE, c->name, 1, 1,
				                      "expected UTF-8 text, found a broken byte-order mark");
		}
	}
	if ((ch = peekch(c, err)) == -1)
		return -1;
	if (ch == -2)
		return 0;
	c->rec_line = c->line;
	for (;;) {
		field_begin(c, col);
		ch = getch(c, err);
		if (ch == -1)
			return -1;
		if (ch == '"') {
			long qline = c->line, qcol = col;
			c->fquoted[c->nf] = 1;
			col++;
			for (;;) {
				ch = getch(c, err);
				if (ch == -1)
					return -1;
				if (ch == -2)
					return rota_error_set(err, ROTA_EXIT_USAGE, c->name, qline, qcol,
					                      "unterminated quoted field: expected a closing '\"' "
					                      "before the end of input");
				col++;
				if (ch == '"') {
					int nx = peekch(c, err);
					if (nx == -1)
						return -1;
					if (nx == '"') {
						c->pos++;
						col++;
						put(c, '"');
						continue;
					}
					break;
				}
				if (ch == '\n') {
					c->line++;
					col = 1;
				}
				put(c, ch);
			}
			ch = getch(c, err);
			if (ch == -1)
				return -1;
			if (ch != ',' && ch != '\n' && ch != '\r' && ch != -2)
				return rota_error_set(err, ROTA_EXIT_USAGE, c->name, c->line, col,
				                      "expected ',' or end of line after a quoted field, "
				                      "found '%c' (double a quote inside quotes: \"\")", ch);
		} else {
			while (ch != ',' && ch != '\n' && ch != '\r' && ch != -2) {
				if (ch == -1)
					return -1;
				put(c, ch);
				col++;
				ch = getch(c, err);
			}
			if (ch == -1)
				return -1;
		}
		field_end(c);
		if (ch == ',') {
			col++;
			continue;
		}
		if (ch == '\r') {
			int nx = peekch(c, err);
			if (nx == -1)
				return -1;
			if (nx == '\n')
				c->pos++;
		}
		if (ch != -2)
			c->line++;
		return 1;
	}
}

size_t rota_csv_nfields(const rota_csv *c) { return c->nf; }

const char *
rota_csv_field(const rota_csv *c, size_t i)
{
	return i < c->nf ? c->data + c->off[i] : "";
}

size_t rota_csv_field_len(const rota_csv *c, size_t i) { return i < c->nf ? c->flen[i] : 0; }
long rota_csv_line(const rota_csv *c) { return c->rec_line; }
long rota_csv_field_line(const rota_csv *c, size_t i) { return i < c->nf ? c->fline[i] : c->rec_line; }
long rota_csv_field_col(const rota_csv *c, size_t i) { return i < c->nf ? c->fcol[i] : 0; }
int rota_csv_field_quoted(const rota_csv *c, size_t i) { return i < c->nf && c->fquoted[i]; }
const char *rota_csv_name(const rota_csv *c) { return c->name; }

long
rota_csv_find(const rota_csv *c, const char *name)
{
	for (size_t i = 0; i < c->nf; i++)
		if (strcmp(c->data + c->off[i], name) == 0)
			return (long)i;
	return -1;
}
