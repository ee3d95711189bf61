#include <config.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <stdint.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>
#include <rota/rota.h>

static size_t default_limit = ROTA_CSV_LIMIT_DEFAULT;
static enum rota_csv_encoding default_enc = ROTA_CSV_UTF8;

/* zlib's gzread passes plain files through unchanged, so one code path reads both
 * compressed and plain input, from a file or a pipe. */
struct rota_csv {
	gzFile gz;
	const char *mem;           /* in-memory input instead of gz */
	size_t memlen, mempos;
	char *name;
	unsigned char buf[1 << 16];
	size_t pos, len;
	uint64_t base;             /* input bytes before buf[0] */
	uint64_t rec_start;        /* input offset where the current record starts */
	size_t limit, maxfields;
	int latin1;
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
	rota_csv_set_limit(c, default_limit);
	c->latin1 = default_enc == ROTA_CSV_LATIN1;
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
		rota_error_set(err, rota_error_open_status(errno), is_stdin ? "<stdin>" : path, 0, 0,
		               "cannot open: %s", strerror(errno));
		return NULL;
	}
	/* A directory opens; only its first read fails, and that would be an I/O error.
	 * It is a wrong argument, like a missing file. */
	struct stat sb;
	if (fstat(fd, &sb) == 0 && S_ISDIR(sb.st_mode)) {
		close(fd);
		rota_error_set(err, ROTA_EXIT_USAGE, is_stdin ? "<stdin>" : path, 0, 0,
		               "cannot read: %s (expected a CSV file)", strerror(EISDIR));
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
	c->base += c->len;
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
		int zerr, en = errno;
		const char *m = gzerror(c->gz, &zerr);
		if (zerr == Z_ERRNO)
			return rota_error_set(err, en == EISDIR ? ROTA_EXIT_USAGE : ROTA_EXIT_RUNTIME,
			                      c->name, c->line, 0, "read failed: %s", strerror(en));
		if (zerr == Z_MEM_ERROR)
			return rota_error_set(err, ROTA_EXIT_RUNTIME, c->name, c->line, 0,
			                      "read failed: out of memory");
		/* zlib names the file by the descriptor it was given ("<fd:6>: ..."); the
		 * message already starts with the real name. */
		if (strncmp(m, "<fd:", 4) == 0 && strstr(m, ": ") != NULL)
			m = strstr(m, ": ") + 2;
		return rota_error_set(err, ROTA_EXIT_USAGE, c->name, c->line, 0,
		                      "corrupt compressed data (%s): the gzip file is damaged", m);
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

/* Input bytes of the current record so far, the byte just read included. */
static inline uint64_t
rec_bytes(const rota_csv *c)
{
	return c->base + c->pos - c->rec_start;
}

static int
too_long(rota_csv *c, rota_error *err)
{
	return rota_error_set(err, ROTA_EXIT_USAGE, c->name, c->rec_line, 0,
	                      "record longer than %zu bytes", c->limit);
}

/* Memory grows only here and in field_begin, so that checking the limit here bounds
 * it: the data never needs more than the limit (twice it for Latin-1) and a little. */
static int
grow(rota_csv *c, rota_error *err)
{
	if (rec_bytes(c) > c->limit)
		return too_long(c, err);
	size_t cap = c->dcap ? c->dcap * 2 : 256;
	size_t most = c->limit * (c->latin1 ? 2 : 1) + 8;
	if (cap > most)
		cap = most;
	if (cap < c->dlen + 8)
		cap = c->dlen + 8;
	c->data = rota_xrealloc(c->data, cap);
	c->dcap = cap;
	return 0;
}

static inline int
put(rota_csv *c, int ch, rota_error *err)
{
	if (c->dlen + 2 >= c->dcap && grow(c, err) < 0)
		return -1;
	if (ch >= 0x80 && c->latin1) {
		c->data[c->dlen++] = (char)(0xC0 | ch >> 6);
		c->data[c->dlen++] = (char)(0x80 | (ch & 0x3F));
	} else
		c->data[c->dlen++] = (char)ch;
	return 0;
}

static int
field_begin(rota_csv *c, long col, rota_error *err)
{
	if (c->nf == c->fcap) {
		if (c->nf >= c->maxfields)
			return rota_error_set(err, ROTA_EXIT_USAGE, c->name, c->rec_line, 0,
			                      "record has more than %zu fields (the most a record of "
			                      "%zu bytes may have)", c->maxfields, c->limit);
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
	return 0;
}

/* Length of the UTF-8 character at s (n bytes left), or 0 with *why set. */
static size_t
utf8_char(const unsigned char *s, size_t n, const char **why)
{
	unsigned char b = s[0];
	size_t len;
	unsigned char lo = 0x80, hi = 0xBF;

	*why = "is not UTF-8";
	if (b < 0x80)
		return 1;
	if (b < 0xC2) {
		if (b >= 0xC0)
			*why = "starts an overlong UTF-8 form";
		return 0;
	}
	if (b < 0xE0)
		len = 2;
	else if (b < 0xF0) {
		len = 3;
		if (b == 0xE0)
			lo = 0xA0;
		if (b == 0xED)
			hi = 0x9F;
	} else if (b < 0xF5) {
		len = 4;
		if (b == 0xF0)
			lo = 0x90;
		if (b == 0xF4)
			hi = 0x8F;
	} else
		return 0;
	if (n < 2)
		return 0;
	if (s[1] < lo || s[1] > hi) {
		if (s[1] >= 0x80 && s[1] <= 0xBF)
			*why = b == 0xED ? "starts a UTF-16 surrogate, which is not a character" :
			       b == 0xF4 ? "starts a code point past U+10FFFF" :
			                   "starts an overlong UTF-8 form";
		return 0;
	}
	for (size_t i = 2; i < len; i++)
		if (i >= n || s[i] < 0x80 || s[i] > 0xBF)
			return 0;
	return len;
}

static const char NUL_WHY[] =
	"a NUL byte, which text does not hold (is the file UTF-16, or not text?)";

size_t
rota_text_invalid(const char *text, size_t n, const char **why)
{
	const unsigned char *s = (const unsigned char *)text;
	size_t i = 0;
	while (i < n) {
		if (s[i] >= 0x01 && s[i] < 0x80) {
			i++;
			continue;
		}
		if (s[i] == 0) {
			*why = NUL_WHY;
			return i;
		}
		size_t k = utf8_char(s + i, n - i, why);
		if (k == 0)
			return i;
		i += k;
	}
	return n;
}

/* The field's text is NUL-free UTF-8, or an error names the input column of the first
 * bad byte (walking back from the text to the input: a doubled quote took two columns,
 * a converted Latin-1 byte one). */
static int
field_check(rota_csv *c, rota_error *err)
{
	size_t n = c->dlen - c->off[c->nf], i = 0;
	const char *why = NULL;

	if (n == 0)   /* also before the first byte is stored: no pointer arithmetic on NULL */
		return 0;
	const unsigned char *s = (const unsigned char *)c->data + c->off[c->nf];

	if (c->latin1) {
		const unsigned char *z = memchr(s, 0, n);
		i = z ? (size_t)(z - s) : n;
		why = NUL_WHY;
	} else {
		i = rota_text_invalid((const char *)s, n, &why);
	}
	if (i >= n)
		return 0;
	long line = c->fline[c->nf], col = c->fcol[c->nf] + c->fquoted[c->nf];
	for (size_t j = 0; j < i; j++) {
		if (s[j] == '\n') {
			line++;
			col = 1;
		} else if (!(c->latin1 && s[j] >= 0x80 && s[j] < 0xC0))
			col += s[j] == '"' && c->fquoted[c->nf] ? 2 : 1;
	}
	if (s[i] == 0)
		return rota_error_set(err, ROTA_EXIT_USAGE, c->name, line, col, "%s", why);
	return rota_error_set(err, ROTA_EXIT_USAGE, c->name, line, col,
	                      "byte 0x%02X %s: the input must be UTF-8, or name its "
	                      "encoding (latin1) to have it converted", s[i], why);
}

static int
field_end(rota_csv *c, int ch, rota_error *err)
{
	if (rec_bytes(c) - (ch >= 0) > c->limit)
		return too_long(c, err);
	if (field_check(c, err) < 0)
		return -1;
	c->flen[c->nf] = c->dlen - c->off[c->nf];
	if (put(c, '\0', err) < 0)
		return -1;
	c->nf++;
	return 0;
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
		if (ch == 0xEF && !c->latin1) {
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
	c->rec_start = c->base + c->pos;
	for (;;) {
		if (field_begin(c, col, err) < 0)
			return -1;
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
						if (put(c, '"', err) < 0)
							return -1;
						continue;
					}
					break;
				}
				if (ch == '\n') {
					c->line++;
					col = 1;
				}
				if (put(c, ch, err) < 0)
					return -1;
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
				if (ch == -1 || put(c, ch, err) < 0)
					return -1;
				col++;
				ch = getch(c, err);
			}
			if (ch == -1)
				return -1;
		}
		if (field_end(c, ch, err) < 0)
			return -1;
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

void
rota_csv_set_limit(rota_csv *c, size_t max)
{
	if (max == 0)
		max = ROTA_CSV_LIMIT_DEFAULT;
	if (max > SIZE_MAX / 4)
		max = SIZE_MAX / 4;
	c->limit = max;
	c->maxfields = max / 32 > 4096 ? max / 32 : 4096;
}

size_t rota_csv_limit(const rota_csv *c) { return c->limit; }

void
rota_csv_set_encoding(rota_csv *c, enum rota_csv_encoding enc)
{
	c->latin1 = enc == ROTA_CSV_LATIN1;
}

int
rota_csv_encoding_parse(const char *name)
{
	static const char *const utf8[] = { "utf-8", "utf8" };
	static const char *const latin1[] = { "latin1", "latin-1", "iso-8859-1", "iso8859-1" };

	for (size_t i = 0; i < sizeof utf8 / sizeof *utf8; i++)
		if (strcasecmp(name, utf8[i]) == 0)
			return ROTA_CSV_UTF8;
	for (size_t i = 0; i < sizeof latin1 / sizeof *latin1; i++)
		if (strcasecmp(name, latin1[i]) == 0)
			return ROTA_CSV_LATIN1;
	return -1;
}

void
rota_csv_default_limit(size_t max)
{
	default_limit = max ? max : ROTA_CSV_LIMIT_DEFAULT;
}

void
rota_csv_default_encoding(enum rota_csv_encoding enc)
{
	default_enc = enc;
}

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
