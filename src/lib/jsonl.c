/* The JSON Lines reader (jsonl.h): a line at a time into a bounded buffer, then one
 * pass over it that decodes in place into a second buffer of at most twice its size. */
#include <config.h>
#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <rota/rota.h>
#include <rota/jsonl.h>

struct rota_jsonl {
	int fd;                    /* -1: reading mem */
	const char *mem;
	size_t memlen, mempos;
	char *name;
	char buf[1 << 16];
	size_t pos, len;
	int eof;
	size_t limit, maxmembers;
	long line;                 /* the current line (1-based) */
	char *lbuf;                /* the current line, its end stripped */
	size_t llen, lcap;
	char *data;                /* decoded keys and values, each NUL-terminated */
	size_t dlen, dcap;
	rota_json_member *m;
	size_t nm, mcap;
	size_t *order;             /* duplicate-key check */
};

static rota_jsonl *
jsonl_new(const char *name)
{
	rota_jsonl *j = rota_xcalloc(1, sizeof *j);
	j->name = rota_xstrdup(name);
	j->fd = -1;
	rota_jsonl_set_limit(j, ROTA_JSONL_LIMIT_DEFAULT);
	return j;
}

rota_jsonl *
rota_jsonl_open(const char *path, rota_error *err)
{
	int is_stdin = path == NULL || strcmp(path, "-") == 0;
	const char *name = is_stdin ? "<stdin>" : path;
	int fd = is_stdin ? dup(STDIN_FILENO) : open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		rota_error_set(err, rota_error_open_status(errno), name, 0, 0, "cannot open: %s",
		               strerror(errno));
		return NULL;
	}
	struct stat sb;
	if (fstat(fd, &sb) == 0 && S_ISDIR(sb.st_mode)) {
		close(fd);
		rota_error_set(err, ROTA_EXIT_USAGE, name, 0, 0,
		               "cannot read: %s (expected a JSON Lines file)", strerror(EISDIR));
		return NULL;
	}
	rota_jsonl *j = jsonl_new(name);
	j->fd = fd;
	return j;
}

rota_jsonl *
rota_jsonl_open_mem(const char *data, size_t len, const char *name)
{
	rota_jsonl *j = jsonl_new(name);
	j->mem = data;
	j->memlen = len;
	return j;
}

void
rota_jsonl_close(rota_jsonl *j)
{
	if (j == NULL)
		return;
	if (j->fd >= 0)
		close(j->fd);
	free(j->name);
	free(j->lbuf);
	free(j->data);
	free(j->m);
	free(j->order);
	free(j);
}

void
rota_jsonl_set_limit(rota_jsonl *j, size_t max)
{
	j->limit = max ? max : ROTA_JSONL_LIMIT_DEFAULT;
	j->maxmembers = j->limit / 16 > 256 ? j->limit / 16 : 256;
}

size_t rota_jsonl_nmembers(const rota_jsonl *j) { return j->nm; }
const rota_json_member *rota_jsonl_member(const rota_jsonl *j, size_t i)
{
	return i < j->nm ? &j->m[i] : NULL;
}
long rota_jsonl_line(const rota_jsonl *j) { return j->line; }
const char *rota_jsonl_name(const rota_jsonl *j) { return j->name; }

const rota_json_member *
rota_jsonl_get(const rota_jsonl *j, const char *key)
{
	for (size_t i = 0; i < j->nm; i++)
		if (strcmp(j->m[i].key, key) == 0)
			return &j->m[i];
	return NULL;
}

/* ---- lines ---- */

/* More input into buf: 1, 0 at the end, -1 on a read error. */
static int
fill(rota_jsonl *j, rota_error *err)
{
	j->pos = 0;
	if (j->fd < 0) {
		size_t n = j->memlen - j->mempos < sizeof j->buf ? j->memlen - j->mempos : sizeof j->buf;
		memcpy(j->buf, j->mem + j->mempos, n);
		j->mempos += n;
		j->len = n;
		return n > 0;
	}
	for (;;) {
		ssize_t n = read(j->fd, j->buf, sizeof j->buf);
		if (n >= 0) {
			j->len = (size_t)n;
			return n > 0;
		}
		if (errno != EINTR)
			return rota_error_set(err, rota_error_open_status(errno), j->name, j->line, 0,
			                      "cannot read: %s", strerror(errno));
	}
}

/* The next line into lbuf: 1, 0 at the end of input, -1 with err. */
static int
read_line(rota_jsonl *j, rota_error *err)
{
	j->llen = 0;
	int any = 0;
	for (;;) {
		if (j->pos == j->len) {
			int r = j->eof ? 0 : fill(j, err);
			if (r < 0)
				return -1;
			if (r == 0) {
				j->eof = 1;
				break;
			}
		}
		any = 1;
		char *nl = memchr(j->buf + j->pos, '\n', j->len - j->pos);
		size_t n = (nl ? (size_t)(nl - j->buf) : j->len) - j->pos;
		/* The limit is checked before the bytes are kept: memory stays bounded. */
		if (j->llen + n > j->limit + 1)
			return rota_error_set(err, ROTA_EXIT_USAGE, j->name, j->line, 0,
			                      "line longer than %zu bytes: expected one JSON object a line "
			                      "(is the input JSON Lines?)", j->limit);
		if (j->llen + n + 1 > j->lcap) {
			j->lcap = j->llen + n + 1 < 256 ? 256 : 2 * (j->llen + n + 1);
			if (j->lcap > j->limit + 2)
				j->lcap = j->limit + 2;
			j->lbuf = rota_xrealloc(j->lbuf, j->lcap);
		}
		memcpy(j->lbuf + j->llen, j->buf + j->pos, n);
		j->llen += n;
		j->pos += n;
		if (nl) {
			j->pos++;
			break;
		}
	}
	if (!any)
		return 0;
	if (j->llen && j->lbuf[j->llen - 1] == '\r')
		j->llen--;
	if (j->llen > j->limit)
		return rota_error_set(err, ROTA_EXIT_USAGE, j->name, j->line, 0,
		                      "line longer than %zu bytes: expected one JSON object a line "
		                      "(is the input JSON Lines?)", j->limit);
	j->lbuf[j->llen] = '\0';
	return 1;
}

/* ---- one object ---- */

struct cur {
	rota_jsonl *j;
	const char *s;             /* the line */
	size_t i, n;
	rota_error *err;
};

static int __attribute__((format(printf, 3, 4)))
fail(struct cur *c, size_t at, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	rota_error_vset(c->err, ROTA_EXIT_USAGE, c->j->name, c->j->line, (long)at + 1, fmt, ap);
	va_end(ap);
	return -1;
}

static void
skip_ws(struct cur *c)
{
	while (c->i < c->n && (c->s[c->i] == ' ' || c->s[c->i] == '\t' || c->s[c->i] == '\r'))
		c->i++;
}

static char *
put(rota_jsonl *j, const char *s, size_t n)
{
	char *d = j->data + j->dlen;
	memcpy(d, s, n);
	j->dlen += n;
	return d;
}

static int
hex4(const char *s, unsigned *v)
{
	*v = 0;
	for (int k = 0; k < 4; k++) {
		int ch = (unsigned char)s[k], d;
		if (ch >= '0' && ch <= '9')
			d = ch - '0';
		else if (ch >= 'a' && ch <= 'f')
			d = ch - 'a' + 10;
		else if (ch >= 'A' && ch <= 'F')
			d = ch - 'A' + 10;
		else
			return -1;
		*v = *v << 4 | (unsigned)d;
	}
	return 0;
}

static size_t
utf8_put(char *d, unsigned cp)
{
	if (cp < 0x80) {
		d[0] = (char)cp;
		return 1;
	}
	if (cp < 0x800) {
		d[0] = (char)(0xc0 | cp >> 6);
		d[1] = (char)(0x80 | (cp & 0x3f));
		return 2;
	}
	if (cp < 0x10000) {
		d[0] = (char)(0xe0 | cp >> 12);
		d[1] = (char)(0x80 | (cp >> 6 & 0x3f));
		d[2] = (char)(0x80 | (cp & 0x3f));
		return 3;
	}
	d[0] = (char)(0xf0 | cp >> 18);
	d[1] = (char)(0x80 | (cp >> 12 & 0x3f));
	d[2] = (char)(0x80 | (cp >> 6 & 0x3f));
	d[3] = (char)(0x80 | (cp & 0x3f));
	return 4;
}

/* A string at c->i (its opening quote), decoded into data; *len its length. */
static const char *
string(struct cur *c, size_t *len)
{
	rota_jsonl *j = c->j;
	size_t open = c->i++;
	char *d = j->data + j->dlen;
	size_t o = 0;
	for (;;) {
		if (c->i >= c->n) {
			fail(c, open, "unterminated string: expected '\"' before the end of the line");
			return NULL;
		}
		unsigned char ch = (unsigned char)c->s[c->i];
		if (ch == '"') {
			c->i++;
			break;
		}
		if (ch < 0x20) {
			fail(c, c->i, "a control character in a string: expected it escaped "
			     "(\\n, \\t, \\u00XX)");
			return NULL;
		}
		if (ch >= 0x80) {
			size_t k = ch >= 0xc2 && ch <= 0xdf ? 2 : ch >= 0xe0 && ch <= 0xef ? 3
			           : ch >= 0xf0 && ch <= 0xf4 ? 4 : 1;
			const char *why = "is not UTF-8";
			if (k == 1 || c->i + k > c->n || rota_text_invalid(c->s + c->i, k, &why) != k) {
				fail(c, c->i, "a byte that %s in a string: expected UTF-8 text", why);
				return NULL;
			}
			memcpy(d + o, c->s + c->i, k);
			o += k;
			c->i += k;
			continue;
		}
		if (ch != '\\') {
			d[o++] = (char)ch;
			c->i++;
			continue;
		}
		size_t esc = c->i;
		char e = c->i + 1 < c->n ? c->s[c->i + 1] : '\0';
		const char *simple = strchr("\"\\/bfnrt", e);
		if (e != '\0' && simple) {
			static const char to[] = "\"\\/\b\f\n\r\t";
			d[o++] = to[simple - "\"\\/bfnrt"];
			c->i += 2;
			continue;
		}
		unsigned cp, lo;
		if (e != 'u' || c->i + 6 > c->n || hex4(c->s + c->i + 2, &cp) < 0) {
			fail(c, esc, "a bad escape: expected \\\", \\\\, \\/, \\b, \\f, \\n, \\r, \\t "
			     "or \\u and four hex digits");
			return NULL;
		}
		c->i += 6;
		if (cp >= 0xdc00 && cp <= 0xdfff) {
			fail(c, esc, "a low surrogate without a high one before it: expected "
			     "\\uD800-\\uDBFF first");
			return NULL;
		}
		if (cp >= 0xd800 && cp <= 0xdbff) {
			if (c->i + 6 > c->n || c->s[c->i] != '\\' || c->s[c->i + 1] != 'u' ||
			    hex4(c->s + c->i + 2, &lo) < 0 || lo < 0xdc00 || lo > 0xdfff) {
				fail(c, esc, "a lone high surrogate: expected a low surrogate "
				     "\\uDC00-\\uDFFF after it");
				return NULL;
			}
			c->i += 6;
			cp = 0x10000 + ((cp - 0xd800) << 10) + (lo - 0xdc00);
		}
		if (cp == 0) {
			fail(c, esc, "\\u0000 in a string: expected text without NUL");
			return NULL;
		}
		o += utf8_put(d + o, cp);
	}
	d[o] = '\0';
	j->dlen += o + 1;
	*len = o;
	return d;
}

static int
digits(struct cur *c)
{
	size_t i0 = c->i;
	while (c->i < c->n && c->s[c->i] >= '0' && c->s[c->i] <= '9')
		c->i++;
	return c->i > i0;
}

/* A number at c->i, JSON's grammar: -?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)? */
static int
number(struct cur *c, rota_json_member *m)
{
	size_t at = c->i;
	if (c->s[c->i] == '-')
		c->i++;
	if (c->i < c->n && c->s[c->i] == '0') {
		c->i++;
		if (c->i < c->n && c->s[c->i] >= '0' && c->s[c->i] <= '9')
			return fail(c, at, "a number with a leading zero: expected 0 or a number "
			            "starting 1-9");
	} else if (!digits(c)) {
		return fail(c, at, "a bad number: expected a digit after '-'");
	}
	if (c->i < c->n && c->s[c->i] == '.') {
		c->i++;
		if (!digits(c))
			return fail(c, c->i, "a bad number: expected digits after '.'");
	}
	if (c->i < c->n && (c->s[c->i] == 'e' || c->s[c->i] == 'E')) {
		c->i++;
		if (c->i < c->n && (c->s[c->i] == '+' || c->s[c->i] == '-'))
			c->i++;
		if (!digits(c))
			return fail(c, c->i, "a bad number: expected digits in the exponent");
	}
	char *t = put(c->j, c->s + at, c->i - at);
	put(c->j, "", 1);
	m->type = ROTA_JSON_NUMBER;
	m->text = t;
	m->len = c->i - at;
	m->num = strtod(t, NULL);
	if (isinf(m->num))
		return fail(c, at, "a number out of range: expected one within +-1.8e308");
	return 0;
}

static int
value(struct cur *c, rota_json_member *m)
{
	static const struct { const char *word; int type; } lits[] = {
		{ "true", ROTA_JSON_TRUE }, { "false", ROTA_JSON_FALSE }, { "null", ROTA_JSON_NULL }
	};
	m->col = (long)c->i + 1;
	m->text = "";
	m->len = 0;
	m->num = 0;
	char ch = c->i < c->n ? c->s[c->i] : '\0';
	if (ch == '"') {
		m->type = ROTA_JSON_STRING;
		return (m->text = string(c, &m->len)) ? 0 : -1;
	}
	if (ch == '-' || (ch >= '0' && ch <= '9'))
		return number(c, m);
	for (size_t k = 0; k < sizeof lits / sizeof *lits; k++) {
		size_t n = strlen(lits[k].word);
		if (c->i + n <= c->n && memcmp(c->s + c->i, lits[k].word, n) == 0) {
			c->i += n;
			m->type = lits[k].type;
			return 0;
		}
	}
	if (ch == '{' || ch == '[')
		return fail(c, c->i, "a nested %s: expected a string, number, true, false or null "
		            "(rows are flat)", ch == '{' ? "object" : "array");
	return fail(c, c->i, "expected a value (a string, number, true, false or null)");
}

static int
keycmp(const void *a, const void *b, void *ctx)
{
	const rota_json_member *m = ctx;
	return strcmp(m[*(const size_t *)a].key, m[*(const size_t *)b].key);
}

static int
check_dups(struct cur *c)
{
	rota_jsonl *j = c->j;
	size_t dup = SIZE_MAX;
	if (j->nm <= 16) {
		for (size_t a = 1; a < j->nm && dup == SIZE_MAX; a++)
			for (size_t b = 0; b < a; b++)
				if (strcmp(j->m[a].key, j->m[b].key) == 0) {
					dup = a;
					break;
				}
	} else {
		j->order = rota_xreallocarray(j->order, j->nm, sizeof *j->order);
		for (size_t a = 0; a < j->nm; a++)
			j->order[a] = a;
		qsort_r(j->order, j->nm, sizeof *j->order, keycmp, j->m);
		for (size_t a = 1; a < j->nm; a++)
			if (strcmp(j->m[j->order[a]].key, j->m[j->order[a - 1]].key) == 0) {
				size_t later = j->order[a] > j->order[a - 1] ? j->order[a] : j->order[a - 1];
				if (later < dup)
					dup = later;
			}
	}
	if (dup == SIZE_MAX)
		return 0;
	/* The key's opening quote: its value's column less the key, quotes and colon are
	 * not known exactly after blanks, so the value's column is named. */
	return rota_error_set(c->err, ROTA_EXIT_USAGE, j->name, j->line, j->m[dup].col,
	                      "key \"%s\" given twice: expected each key once a line",
	                      j->m[dup].key);
}

static int
object(struct cur *c)
{
	rota_jsonl *j = c->j;
	skip_ws(c);
	if (c->i >= c->n)
		return fail(c, c->i, "a blank line: expected a JSON object (one a line)");
	if (c->s[c->i] != '{')
		return fail(c, c->i, "expected '{': one JSON object a line");
	c->i++;
	skip_ws(c);
	if (c->i < c->n && c->s[c->i] == '}') {
		c->i++;
	} else {
		for (;;) {
			skip_ws(c);
			if (c->i >= c->n || c->s[c->i] != '"')
				return fail(c, c->i, "expected a key in double quotes");
			if (j->nm == j->maxmembers)
				return rota_error_set(c->err, ROTA_EXIT_USAGE, j->name, j->line,
				                      (long)c->i + 1, "more than %zu keys on a line",
				                      j->maxmembers);
			if (j->nm == j->mcap) {
				j->mcap = j->mcap ? 2 * j->mcap : 32;
				j->m = rota_xreallocarray(j->m, j->mcap, sizeof *j->m);
			}
			rota_json_member *m = &j->m[j->nm];
			size_t klen;
			if ((m->key = string(c, &klen)) == NULL)
				return -1;
			skip_ws(c);
			if (c->i >= c->n || c->s[c->i] != ':')
				return fail(c, c->i, "expected ':' after the key");
			c->i++;
			skip_ws(c);
			if (value(c, m) < 0)
				return -1;
			j->nm++;
			skip_ws(c);
			if (c->i < c->n && c->s[c->i] == ',') {
				c->i++;
				continue;
			}
			if (c->i < c->n && c->s[c->i] == '}') {
				c->i++;
				break;
			}
			return fail(c, c->i, "expected ',' or '}' after a value");
		}
	}
	skip_ws(c);
	if (c->i < c->n)
		return fail(c, c->i, "text after the object: expected the end of the line "
		            "(one object a line)");
	return check_dups(c);
}

int
rota_jsonl_next(rota_jsonl *j, rota_error *err)
{
	j->nm = 0;
	j->dlen = 0;
	j->line++;
	int r = read_line(j, err);
	if (r <= 0)
		return r;
	/* Decoded text never outgrows its source, each key and value adds a NUL, and a
	 * number's NUL follows at least one digit: twice the line always holds it all. */
	if (2 * j->llen + 8 > j->dcap) {
		j->dcap = 2 * j->llen + 8;
		j->data = rota_xrealloc(j->data, j->dcap);
	}
	struct cur c = { j, j->lbuf, 0, j->llen, err };
	if (j->line == 1 && j->llen >= 3 && memcmp(j->lbuf, "\xef\xbb\xbf", 3) == 0)
		c.i = 3;
	return object(&c) < 0 ? -1 : 1;
}
