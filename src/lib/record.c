#include <config.h>
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <rota/rota.h>
#include <rota/record.h>

int
rota_format_parse(const char *s)
{
	if (strcmp(s, "csv") == 0) return ROTA_FORMAT_CSV;
	if (strcmp(s, "json") == 0) return ROTA_FORMAT_JSON;
	if (strcmp(s, "text") == 0) return ROTA_FORMAT_TEXT;
	return -1;
}

const char *
rota_format_name(int format)
{
	switch (format) {
	case ROTA_FORMAT_CSV: return "csv";
	case ROTA_FORMAT_JSON: return "json";
	case ROTA_FORMAT_TEXT: return "text";
	}
	return NULL;
}

/* ---------------------------------------------------------------- sinks */

/* Bytes on their way to a stream: gathered in a buffer and written in one fwrite when
 * full or done, so that a row costs one locked stdio call rather than one per byte
 * run.  What reaches the stream, and in what order, is the same. */
typedef struct sink {
	FILE *f;
	size_t n, cap;
	char *p;
} sink;

static void
sink_flush(sink *k)
{
	if (k->n)
		fwrite(k->p, 1, k->n, k->f);
	k->n = 0;
}

static void
sink_put(sink *k, const void *s, size_t n)
{
	if (n > k->cap - k->n) {
		sink_flush(k);
		if (n > k->cap) {
			fwrite(s, 1, n, k->f);
			return;
		}
	}
	memcpy(k->p + k->n, s, n);
	k->n += n;
}

static inline void
sink_putc(sink *k, char c)
{
	if (k->n == k->cap)
		sink_flush(k);
	k->p[k->n++] = c;
}

/* A sink on the stack for the single-value writers below. */
#define STACK_SINK(k, file) char k##_b[512]; sink k = { (file), 0, sizeof k##_b, k##_b }

/* ---------------------------------------------------------------- UTF-8 */

/* Length of the well-formed UTF-8 sequence at p (1 to 4), or 0 when the bytes there are
 * not one (stray continuation, overlong form, surrogate, above U+10FFFF, cut short). */
static size_t
utf8_seq(const unsigned char *p, size_t n)
{
	unsigned c = p[0];
	if (c < 0x80)
		return 1;
	if (c < 0xc2 || c > 0xf4)
		return 0;
	size_t len = c < 0xe0 ? 2 : c < 0xf0 ? 3 : 4;
	if (n < len)
		return 0;
	for (size_t i = 1; i < len; i++)
		if ((p[i] & 0xc0) != 0x80)
			return 0;
	if (c == 0xe0 && p[1] < 0xa0) return 0;   /* overlong */
	if (c == 0xed && p[1] > 0x9f) return 0;   /* surrogate */
	if (c == 0xf0 && p[1] < 0x90) return 0;   /* overlong */
	if (c == 0xf4 && p[1] > 0x8f) return 0;   /* above U+10FFFF */
	return len;
}

static const char REPLACEMENT[] = "\xef\xbf\xbd";

/* s[0..n) with every ill-formed byte replaced by U+FFFD. */
static void
put_utf8(sink *k, const char *s, size_t n)
{
	const unsigned char *p = (const unsigned char *)s, *end = p + n;
	while (p < end) {
		const unsigned char *q = p;
		while (q < end && *q < 0x80)
			q++;
		if (q > p)
			sink_put(k, p, (size_t)(q - p));
		p = q;
		if (p == end)
			break;
		size_t len = utf8_seq(p, (size_t)(end - p));
		if (len) {
			sink_put(k, p, len);
			p += len;
		} else {
			sink_put(k, REPLACEMENT, 3);
			p++;
		}
	}
}

/* ---------------------------------------------------------------- single values */

/* A spreadsheet reads a cell that begins with one of these as a formula (OWASP, "CSV
 * Injection"); TAB and CR because some strip them before looking. */
static int
formula_lead(const char *s, size_t n)
{
	return n > 0 && (s[0] == '=' || s[0] == '+' || s[0] == '-' || s[0] == '@' ||
	                 s[0] == '\t' || s[0] == '\r');
}

/* s[0..n), up to a NUL in it, as one RFC 4180 field; with safe, a leading ' in front of
 * a formula lead (inside the quotes when quoted), which a spreadsheet shows as text. */
static void
csv_put(sink *k, const char *s, size_t n, int safe)
{
	const char *nul = memchr(s, '\0', n);
	if (nul)
		n = (size_t)(nul - s);
	int lead = safe && formula_lead(s, n);
	size_t i = 0;
	while (i < n && s[i] != ',' && s[i] != '"' && s[i] != '\r' && s[i] != '\n')
		i++;
	if (i == n) {
		if (lead)
			sink_putc(k, '\'');
		put_utf8(k, s, n);
		return;
	}
	sink_putc(k, '"');
	if (lead)
		sink_putc(k, '\'');
	for (const char *q; (q = memchr(s, '"', n)) != NULL; n -= (size_t)(q + 1 - s), s = q + 1) {
		put_utf8(k, s, (size_t)(q - s));
		sink_put(k, "\"\"", 2);
	}
	put_utf8(k, s, n);
	sink_putc(k, '"');
}

void
rota_csv_put(FILE *f, const char *s)
{
	STACK_SINK(k, f);
	csv_put(&k, s, strlen(s), 0);
	sink_flush(&k);
}

static void
json_put_stringn(sink *k, const char *s, size_t n)
{
	static const char hex[] = "0123456789abcdef";
	const unsigned char *p = (const unsigned char *)s, *end = p + n;
	sink_putc(k, '"');
	while (p < end) {
		const unsigned char *q = p;
		while (q < end && *q >= 0x20 && *q < 0x7f && *q != '"' && *q != '\\')
			q++;
		if (q > p)
			sink_put(k, p, (size_t)(q - p));
		p = q;
		if (p == end)
			break;
		switch (*p) {
		case '"': sink_put(k, "\\\"", 2); p++; continue;
		case '\\': sink_put(k, "\\\\", 2); p++; continue;
		case '\n': sink_put(k, "\\n", 2); p++; continue;
		case '\r': sink_put(k, "\\r", 2); p++; continue;
		case '\t': sink_put(k, "\\t", 2); p++; continue;
		}
		if (*p < 0x20 || *p == 0x7f) {
			char u[6] = { '\\', 'u', '0', '0', hex[*p >> 4], hex[*p & 15] };
			sink_put(k, u, 6);
			p++;
			continue;
		}
		size_t len = utf8_seq(p, (size_t)(end - p));
		if (len) {
			sink_put(k, p, len);
			p += len;
		} else {
			sink_put(k, REPLACEMENT, 3);
			p++;
		}
	}
	sink_putc(k, '"');
}

void
rota_json_put_stringn(FILE *f, const char *s, size_t n)
{
	STACK_SINK(k, f);
	json_put_stringn(&k, s, n);
	sink_flush(&k);
}

void rota_json_put_string(FILE *f, const char *s) { rota_json_put_stringn(f, s, strlen(s)); }

/* ---------------------------------------------------------------- numbers */

/* The decimal digits of v at b (no NUL); their count.  By hand: printf's machinery is
 * most of the cost of a large CSV. */
static size_t
put_u64(char *b, uint64_t v)
{
	char t[20];
	size_t n = 0;
	do {
		t[n++] = (char)('0' + v % 10);
		v /= 10;
	} while (v);
	for (size_t i = 0; i < n; i++)
		b[i] = t[n - 1 - i];
	return n;
}

static size_t
put_i64(char *b, int64_t v)
{
	if (v >= 0)
		return put_u64(b, (uint64_t)v);
	b[0] = '-';
	return 1 + put_u64(b + 1, (uint64_t)0 - (uint64_t)v);
}

/* "%.*f" of v into b (at least 400 bytes), NUL-terminated; its length.  Exact: v is
 * m * 2^e, and m * 10^dec / 2^-e is rounded as printf does (to nearest, ties to even,
 * on the exact binary value), in 64-bit integers while that fits (dec <= 3 and
 * |v| < 2^63 / 10^dec); printf itself otherwise. */
static size_t
format_fixed(char *b, double v, int dec)
{
	static const uint64_t pow10[] = { 1, 10, 100, 1000 };
	uint64_t bits;
	memcpy(&bits, &v, sizeof bits);
	int bexp = (int)(bits >> 52 & 0x7ff);
	uint64_t m = bits & ((UINT64_C(1) << 52) - 1);
	int e;
	if (bexp == 0) {
		e = -1074;
	} else {
		m |= UINT64_C(1) << 52;
		e = bexp - 1075;
	}
	if (dec < 0 || dec > 3 || bexp == 0x7ff || e > 0)
		return (size_t)snprintf(b, 400, "%.*f", dec, v);
	uint64_t p = pow10[dec], q;
	if (e == 0) {
		q = m * p;
	} else if (e <= -64) {
		q = 0;   /* below 2^53 * 10^3 / 2^64 < 0.5 */
	} else {
		unsigned k = (unsigned)-e;
		uint64_t num = m * p;   /* < 2^53 * 2^10 */
		q = num >> k;
		uint64_t r = num & ((UINT64_C(1) << k) - 1), half = UINT64_C(1) << (k - 1);
		if (r > half || (r == half && (q & 1)))
			q++;
	}
	size_t n = 0;
	if (bits >> 63)
		b[n++] = '-';
	n += put_u64(b + n, q / p);
	if (dec > 0) {
		b[n++] = '.';
		uint64_t f = q % p;
		for (int i = dec - 1; i >= 0; i--) {
			b[n + (size_t)i] = (char)('0' + f % 10);
			f /= 10;
		}
		n += (size_t)dec;
	}
	b[n] = '\0';
	return n;
}

/* v with at most dec decimals, trailing zeros dropped, never "-0". */
static int
format_real(char *b, size_t n, double v, int dec)
{
	if (!isfinite(v))
		return -1;
	(void)n;
	size_t len = format_fixed(b, v, dec);
	if (memchr(b, '.', len)) {
		char *e = b + len - 1;
		while (*e == '0')
			*e-- = '\0';
		if (*e == '.')
			*e = '\0';
	}
	if (strcmp(b, "-0") == 0)
		strcpy(b, "0");
	return 0;
}

/* Walks s as text output shows it: calls emit for each visible piece and returns the
 * number of characters shown.  Escapes: \t \n \r \\ and \xHH for other controls and for
 * bytes that are not UTF-8; C1 controls (U+0080..U+009F) as \u0085 and so on. */
static size_t
text_walk(FILE *f, const char *s, size_t n, int backslash)
{
	const unsigned char *p = (const unsigned char *)s, *end = p + n;
	size_t w = 0;
	char esc[8];
	while (p < end) {
		const char *out = NULL;
		size_t outn = 0, adv = 1;
		switch (*p) {
		case '\t': out = "\\t"; outn = 2; break;
		case '\n': out = "\\n"; outn = 2; break;
		case '\r': out = "\\r"; outn = 2; break;
		case '\\': if (backslash) { out = "\\\\"; outn = 2; break; }
			out = (const char *)p; outn = 1; break;
		default:
			if (*p < 0x20 || *p == 0x7f) {
				outn = (size_t)snprintf(esc, sizeof esc, "\\x%02x", *p);
				out = esc;
			} else if (*p < 0x80) {
				out = (const char *)p;
				outn = 1;
			} else if ((adv = utf8_seq(p, (size_t)(end - p))) == 0) {
				outn = (size_t)snprintf(esc, sizeof esc, "\\x%02x", *p);
				out = esc;
				adv = 1;
			} else if (p[0] == 0xc2 && p[1] < 0xa0) {
				outn = (size_t)snprintf(esc, sizeof esc, "\\u%04x", p[1]);
				out = esc;
			} else {
				out = (const char *)p;
				outn = adv;
				/* One character, whatever its bytes. */
				w += 1;
				if (f)
					fwrite(out, 1, outn, f);
				p += adv;
				continue;
			}
		}
		w += out == (const char *)p ? 1 : outn;
		if (f)
			fwrite(out, 1, outn, f);
		p += adv;
	}
	return w;
}

void rota_text_put(FILE *f, const char *s) { text_walk(f, s, strlen(s), 1); }
void rota_text_put_message(FILE *f, const char *s) { text_walk(f, s, strlen(s), 0); }
size_t rota_text_width(const char *s, size_t n) { return text_walk(NULL, s, n, 1); }

/* ---------------------------------------------------------------- records */

enum { ROW_BUF = 8192 };

struct rota_record {
	FILE *f;
	int format;
	const rota_column *cols;
	size_t ncols;
	unsigned flags;
	size_t col;          /* cells given in the current row */
	int header_done;
	/* text: every cell held until finish; NULL is a null cell */
	char **cells;
	size_t ncells, cap;
	/* csv and json: the row so far, written whole at its end */
	sink out;
	char **keys;         /* json: {"name": and ,"name": of each column */
	size_t *keylen;
	char buf[ROW_BUF];
};

rota_record *
rota_record_new(FILE *f, int format, const rota_column *cols, size_t ncols, unsigned flags)
{
	rota_record *r = rota_xcalloc(1, sizeof *r);
	r->f = f;
	r->format = format;
	r->cols = cols;
	r->ncols = ncols;
	r->flags = flags;
	r->out = (sink){ f, 0, sizeof r->buf, r->buf };
	if (format == ROTA_FORMAT_JSON && ncols) {
		r->keys = rota_xcalloc(ncols, sizeof *r->keys);
		r->keylen = rota_xcalloc(ncols, sizeof *r->keylen);
		for (size_t k = 0; k < ncols; k++) {
			/* Room for the worst case: every byte escaped as \u00XX; never flushed. */
			size_t len = strlen(cols[k].name), cap = 6 * len + 4;
			sink m = { NULL, 0, cap, rota_xmalloc(cap) };
			sink_putc(&m, k == 0 ? '{' : ',');
			json_put_stringn(&m, cols[k].name, len);
			sink_putc(&m, ':');
			r->keys[k] = m.p;
			r->keylen[k] = m.n;
		}
	}
	return r;
}

static void
csv_header(rota_record *r)
{
	if (r->header_done)
		return;
	r->header_done = 1;
	if (r->flags & ROTA_RECORD_NO_HEADER)
		return;
	for (size_t k = 0; k < r->ncols; k++) {
		if (k)
			sink_putc(&r->out, ',');
		csv_put(&r->out, r->cols[k].name, strlen(r->cols[k].name), 0);
	}
	sink_putc(&r->out, '\n');
}

static void
hold(rota_record *r, char *cell)
{
	if (r->ncells == r->cap) {
		r->cap = r->cap ? r->cap * 2 : 64;
		r->cells = rota_xreallocarray(r->cells, r->cap, sizeof *r->cells);
	}
	r->cells[r->ncells++] = cell;
}

/* Starts a cell: the separator or key that goes before it.  Returns 0 when the row has
 * all its columns already (the cell is dropped). */
static int
cell_begin(rota_record *r)
{
	if (r->col >= r->ncols)
		return 0;
	switch (r->format) {
	case ROTA_FORMAT_CSV:
		if (r->col == 0)
			csv_header(r);
		else
			sink_putc(&r->out, ',');
		break;
	case ROTA_FORMAT_JSON:
		sink_put(&r->out, r->keys[r->col], r->keylen[r->col]);
		break;
	}
	r->col++;
	return 1;
}

void
rota_record_strn(rota_record *r, const char *s, size_t n)
{
	if (s == NULL) {
		rota_record_null(r);
		return;
	}
	if (!cell_begin(r))
		return;
	switch (r->format) {
	case ROTA_FORMAT_CSV:
		csv_put(&r->out, s, n, (r->flags & ROTA_RECORD_CSV_SAFE) != 0);
		break;
	case ROTA_FORMAT_JSON:
		json_put_stringn(&r->out, s, n);
		break;
	default:
		hold(r, rota_xstrndup(s, n));
	}
}

void
rota_record_str(rota_record *r, const char *s)
{
	rota_record_strn(r, s, s ? strlen(s) : 0);
}

void
rota_record_null(rota_record *r)
{
	if (!cell_begin(r))
		return;
	if (r->format == ROTA_FORMAT_JSON)
		sink_put(&r->out, "null", 4);
	else if (r->format == ROTA_FORMAT_TEXT)
		hold(r, NULL);
}

/* A number already formatted: bare in every format. */
static void
put_number(rota_record *r, const char *text, size_t n)
{
	if (!cell_begin(r))
		return;
	if (r->format == ROTA_FORMAT_TEXT)
		hold(r, rota_xstrndup(text, n));
	else
		sink_put(&r->out, text, n);
}

void
rota_record_int(rota_record *r, int64_t v)
{
	char b[32];
	put_number(r, b, put_i64(b, v));
}

void
rota_record_fixed(rota_record *r, double v, int decimals)
{
	char b[400];
	if (!isfinite(v)) {
		rota_record_null(r);
		return;
	}
	put_number(r, b, format_fixed(b, v, decimals));
}

void
rota_record_real(rota_record *r, double v, int decimals)
{
	char b[400];
	if (format_real(b, sizeof b, v, decimals) < 0)
		rota_record_null(r);
	else
		put_number(r, b, strlen(b));
}

void
rota_record_time(rota_record *r, rota_time t, const rota_tz *tz)
{
	char b[64];
	size_t n = rota_time_format(b + 1, sizeof b - 2, t, tz);
	if (!cell_begin(r))
		return;
	if (r->format == ROTA_FORMAT_CSV) {
		sink_put(&r->out, b + 1, n);
	} else if (r->format == ROTA_FORMAT_JSON) {
		b[0] = '"';
		b[n + 1] = '"';
		sink_put(&r->out, b, n + 2);
	} else {
		hold(r, rota_xstrndup(b + 1, n));
	}
}

void
rota_record_end(rota_record *r)
{
	while (r->col < r->ncols)
		rota_record_null(r);
	if (r->format == ROTA_FORMAT_CSV)
		sink_putc(&r->out, '\n');
	else if (r->format == ROTA_FORMAT_JSON)
		sink_put(&r->out, "}\n", 2);
	sink_flush(&r->out);
	r->col = 0;
}

static void
text_cell(FILE *f, const char *s, size_t width, int right, int last)
{
	size_t w = s ? rota_text_width(s, strlen(s)) : 0;
	if (right)
		for (size_t i = w; i < width; i++)
			putc(' ', f);
	if (s)
		rota_text_put(f, s);
	if (!right && !last)
		for (size_t i = w; i < width; i++)
			putc(' ', f);
}

static void
text_flush(rota_record *r)
{
	size_t nc = r->ncols, nrows = nc ? r->ncells / nc : 0;
	size_t *w = rota_xcalloc(nc ? nc : 1, sizeof *w);
	int header = !(r->flags & ROTA_RECORD_NO_HEADER);
	for (size_t k = 0; k < nc; k++) {
		if (header)
			w[k] = rota_text_width(r->cols[k].name, strlen(r->cols[k].name));
		for (size_t i = 0; i < nrows; i++) {
			const char *s = r->cells[i * nc + k];
			size_t cw = s ? rota_text_width(s, strlen(s)) : 0;
			if (cw > w[k])
				w[k] = cw;
		}
	}
	/* Names left-aligned, numbers right-aligned, as people read tables. */
	for (size_t i = header ? 0 : 1; i <= nrows; i++) {
		/* Empty cells at the end of a row leave no trailing blanks. */
		size_t end = nc;
		while (i > 0 && end > 1 && (r->cells[(i - 1) * nc + end - 1] == NULL ||
		                            *r->cells[(i - 1) * nc + end - 1] == '\0'))
			end--;
		for (size_t k = 0; k < end; k++) {
			if (k)
				fputs("  ", r->f);
			text_cell(r->f, i == 0 ? r->cols[k].name : r->cells[(i - 1) * nc + k], w[k],
			          r->cols[k].type == ROTA_COL_NUMBER, k + 1 == end);
		}
		putc('\n', r->f);
	}
	free(w);
}

void
rota_record_free(rota_record *r)
{
	if (r == NULL)
		return;
	sink_flush(&r->out);   /* what streamed so far, as before rows were gathered */
	for (size_t i = 0; i < r->ncells; i++)
		free(r->cells[i]);
	free(r->cells);
	for (size_t k = 0; r->keys && k < r->ncols; k++)
		free(r->keys[k]);
	free(r->keys);
	free(r->keylen);
	free(r);
}

int
rota_record_finish(rota_record *r, rota_error *err)
{
	if (r->col)
		rota_record_end(r);
	if (r->format == ROTA_FORMAT_CSV)
		csv_header(r);   /* a table with no rows still says its columns */
	else if (r->format == ROTA_FORMAT_TEXT)
		text_flush(r);
	sink_flush(&r->out);
	int bad = ferror(r->f);
	rota_record_free(r);
	if (bad)
		return rota_error_set(err, ROTA_EXIT_RUNTIME, NULL, 0, 0, "write error: %s",
		                      strerror(errno));
	return 0;
}

/* ---------------------------------------------------------------- JSON printer */

enum { JSON_MAXDEPTH = 64 };

struct rota_json {
	FILE *f;
	int indent;
	int depth;
	int after_key;                  /* a key was written: the value follows on its line */
	int count[JSON_MAXDEPTH + 1];   /* values so far at each depth */
	char close[JSON_MAXDEPTH + 1];  /* '}' or ']' */
};

rota_json *
rota_json_new(FILE *f, int indent)
{
	rota_json *j = rota_xcalloc(1, sizeof *j);
	j->f = f;
	j->indent = indent;
	return j;
}

static void
newline(rota_json *j)
{
	if (j->indent <= 0)
		return;
	putc('\n', j->f);
	for (int i = 0; i < j->depth * j->indent; i++)
		putc(' ', j->f);
}

/* What goes before a value or a key: a comma after the previous one, a new line. */
static void
value_begin(rota_json *j)
{
	if (j->after_key) {
		j->after_key = 0;
		return;
	}
	if (j->depth > 0) {
		if (j->count[j->depth]++)
			putc(',', j->f);
		newline(j);
	}
}

void
rota_json_key(rota_json *j, const char *key)
{
	value_begin(j);
	rota_json_put_string(j->f, key);
	fputs(j->indent > 0 ? ": " : ":", j->f);
	j->after_key = 1;
}

static void
open_(rota_json *j, char open, char close)
{
	value_begin(j);
	putc(open, j->f);
	if (j->depth < JSON_MAXDEPTH)
		j->depth++;
	j->count[j->depth] = 0;
	j->close[j->depth] = close;
}

void rota_json_begin_object(rota_json *j) { open_(j, '{', '}'); }
void rota_json_begin_array(rota_json *j) { open_(j, '[', ']'); }

void
rota_json_end(rota_json *j)
{
	if (j->depth == 0)
		return;
	int had = j->count[j->depth];
	char c = j->close[j->depth];
	j->depth--;
	if (had)
		newline(j);
	putc(c, j->f);
}

void
rota_json_string(rota_json *j, const char *s)
{
	value_begin(j);
	if (s)
		rota_json_put_string(j->f, s);
	else
		fputs("null", j->f);
}

void
rota_json_raw(rota_json *j, const char *text)
{
	value_begin(j);
	fputs(text, j->f);
}

void
rota_json_int(rota_json *j, int64_t v)
{
	char b[32];
	b[put_i64(b, v)] = '\0';
	rota_json_raw(j, b);
}

void
rota_json_real(rota_json *j, double v, int decimals)
{
	char b[400];
	rota_json_raw(j, format_real(b, sizeof b, v, decimals) < 0 ? "null" : b);
}

void rota_json_bool(rota_json *j, int v) { rota_json_raw(j, v ? "true" : "false"); }
void rota_json_null(rota_json *j) { rota_json_raw(j, "null"); }

int
rota_json_finish(rota_json *j, rota_error *err)
{
	while (j->depth > 0)
		rota_json_end(j);
	putc('\n', j->f);
	int bad = ferror(j->f);
	free(j);
	if (bad)
		return rota_error_set(err, ROTA_EXIT_RUNTIME, NULL, 0, 0, "write error: %s",
		                      strerror(errno));
	return 0;
}
