/* The JSON Lines reader: every value kind, every escape, errors at line:column with what
 * was expected, and the line limit that bounds its memory. */
#include <config.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <rota/rota.h>
#include <rota/jsonl.h>
#include "tap.h"

/* The objects of in as "key=T:text;..." lines, T the type's first letter. */
static int
dump(const char *in, size_t len, char *out, size_t outsz, rota_error *err)
{
	rota_jsonl *j = rota_jsonl_open_mem(in, len, "t.jsonl");
	size_t o = 0;
	int r;
	out[0] = '\0';
	while ((r = rota_jsonl_next(j, err)) == 1) {
		for (size_t i = 0; i < rota_jsonl_nmembers(j); i++) {
			const rota_json_member *m = rota_jsonl_member(j, i);
			o += (size_t)snprintf(out + o, outsz - o, "%s=%c:%s;", m->key, "nftNS"[m->type],
			                      m->text);
		}
		o += (size_t)snprintf(out + o, outsz - o, "@%ld\n", rota_jsonl_line(j));
	}
	rota_jsonl_close(j);
	return r;
}

#define DUMP(in, out, err) dump(in, sizeof(in) - 1, out, sizeof out, err)

static void
expect_err(const char *in, size_t len, size_t limit, long line, long col, const char *what)
{
	rota_jsonl *j = rota_jsonl_open_mem(in, len, "h.jsonl");
	rota_error e = { 0 };
	int r;
	if (limit)
		rota_jsonl_set_limit(j, limit);
	while ((r = rota_jsonl_next(j, &e)) == 1)
		;
	ok(r == -1 && e.status == 2 && e.line == line && e.col == col &&
	   strcmp(e.file, "h.jsonl") == 0 && strstr(e.msg, what) != NULL,
	   "error %ld:%ld '%s': got %d %ld:%ld %s", line, col, what, r, e.line, e.col, e.msg);
	rota_jsonl_close(j);
}

#define EXPECT_ERR(in, ...) expect_err(in, sizeof(in) - 1, 0, __VA_ARGS__)

static void
values(void)
{
	char out[1024];
	rota_error e = { 0 };
	int r = DUMP("{\"a\":\"x\",\"n\":-1.5e3,\"t\":true,\"f\":false,\"z\":null}\n"
	             "{}\r\n{ \"b\" : 0 , \"c\":\"\" }", out, &e);
	is_int(r, 0, "three lines read");
	is_str(out, "a=S:x;n=N:-1.5e3;t=t:;f=f:;z=n:;@1\n@2\nb=N:0;c=S:;@3\n",
	       "strings, numbers, literals; CRLF; no newline at the end");

	rota_jsonl *j = rota_jsonl_open_mem("{\"ticket\":\"A\",\"percent\":66.7}", 29, "x");
	ok(rota_jsonl_next(j, &e) == 1, "one object");
	const rota_json_member *m = rota_jsonl_get(j, "percent");
	ok(m && m->type == ROTA_JSON_NUMBER && m->num == 66.7 && m->col == 25,
	   "a number's value and column");
	ok(rota_jsonl_get(j, "nope") == NULL, "a key not given");
	ok(rota_jsonl_next(j, &e) == 0, "then the end");
	rota_jsonl_close(j);

	/* Escapes: every simple one, \u in both cases, a surrogate pair (U+1F600), raw UTF-8. */
	r = DUMP("{\"s\":\"q\\\"b\\\\s\\/b\\bf\\fn\\nr\\rt\\t\"}\n"
	         "{\"u\":\"\\u00e9\\u00C9\\u20ac\\ud83d\\ude00\",\"raw\":\"\xc3\xa9\xe2\x82\xac\"}\n",
	         out, &e);
	is_int(r, 0, "escapes read");
	is_str(out, "s=S:q\"b\\s/b\bf\fn\nr\rt\t;@1\n"
	       "u=S:\xc3\xa9\xc3\x89\xe2\x82\xac\xf0\x9f\x98\x80;raw=S:\xc3\xa9\xe2\x82\xac;@2\n",
	       "escapes decoded to UTF-8");

	/* A BOM before the first line only. */
	r = DUMP("\xef\xbb\xbf{\"k\":1}\n", out, &e);
	ok(r == 0 && strcmp(out, "k=N:1;@1\n") == 0, "a BOM is skipped: %s", out);
	EXPECT_ERR("{}\n\xef\xbb\xbf{}\n", 2, 1, "expected '{'");
}

static void
errors(void)
{
	EXPECT_ERR("{\"a\":1}\n\n{}\n", 2, 1, "a blank line");
	EXPECT_ERR("[1]\n", 1, 1, "expected '{'");
	EXPECT_ERR("{\"a\":1} x\n", 1, 9, "text after the object");
	EXPECT_ERR("{\"a\":1}{}\n", 1, 8, "text after the object");
	EXPECT_ERR("{\"a\":{\"b\":1}}\n", 1, 6, "a nested object");
	EXPECT_ERR("{\"a\":[1]}\n", 1, 6, "a nested array");
	EXPECT_ERR("{a:1}\n", 1, 2, "expected a key in double quotes");
	EXPECT_ERR("{\"a\",1}\n", 1, 5, "expected ':'");
	EXPECT_ERR("{\"a\":1,}\n", 1, 8, "expected a key");
	EXPECT_ERR("{\"a\":1 \"b\":2}\n", 1, 8, "expected ',' or '}'");
	EXPECT_ERR("{\"a\":1\n", 1, 7, "expected ',' or '}'");
	EXPECT_ERR("{\"a\":tru}\n", 1, 6, "expected a value");
	EXPECT_ERR("{\"a\":}\n", 1, 6, "expected a value");
	EXPECT_ERR("{\"a\":\"x}\n", 1, 6, "unterminated string");
	EXPECT_ERR("{\"a\":\"x\ty\"}\n", 1, 8, "a control character");
	EXPECT_ERR("{\"a\":\"\\x\"}\n", 1, 7, "a bad escape");
	EXPECT_ERR("{\"a\":\"\\u12g4\"}\n", 1, 7, "a bad escape");
	EXPECT_ERR("{\"a\":\"\\ud83d\"}\n", 1, 7, "a lone high surrogate");
	EXPECT_ERR("{\"a\":\"\\ud83d\\u0041\"}\n", 1, 7, "a lone high surrogate");
	EXPECT_ERR("{\"a\":\"\\ude00\"}\n", 1, 7, "a low surrogate without");
	EXPECT_ERR("{\"a\":\"x\\u0000\"}\n", 1, 8, "\\u0000");
	EXPECT_ERR("{\"a\":\"\xe9t\xe9\"}\n", 1, 7, "expected UTF-8");
	EXPECT_ERR("{\"a\":\"\xed\xa0\x80\"}\n", 1, 7, "expected UTF-8");       /* a surrogate */
	EXPECT_ERR("{\"a\":\"\xc0\xaf\"}\n", 1, 7, "expected UTF-8");           /* overlong */
	EXPECT_ERR("{\"a\":\"\xe2\x82\"}\n", 1, 7, "expected UTF-8");           /* cut short */
	EXPECT_ERR("{\"a\":01}\n", 1, 6, "a leading zero");
	EXPECT_ERR("{\"a\":-}\n", 1, 6, "expected a digit");
	EXPECT_ERR("{\"a\":1.}\n", 1, 8, "digits after '.'");
	EXPECT_ERR("{\"a\":1e+}\n", 1, 9, "digits in the exponent");
	EXPECT_ERR("{\"a\":+1}\n", 1, 6, "expected a value");
	EXPECT_ERR("{\"a\":1e999}\n", 1, 6, "out of range");
	EXPECT_ERR("{\"a\":NaN}\n", 1, 6, "expected a value");
	EXPECT_ERR("{\"a\":1,\"b\":2,\"a\":3}\n", 1, 18, "key \"a\" given twice");
	/* Many keys: the sorted check finds the duplicate as well. */
	char many[4096];
	size_t n = (size_t)snprintf(many, sizeof many, "{");
	for (int i = 0; i < 40; i++)
		n += (size_t)snprintf(many + n, sizeof many - n, "\"k%d\":%d,", i, i);
	n += (size_t)snprintf(many + n, sizeof many - n, "\"k7\":0}\n");
	expect_err(many, n, 0, 1, (long)n - 2, "key \"k7\" given twice");
}

static void
limits(void)
{
	/* A line of exactly the limit is taken; one byte more is an error, before the rest
	 * of the line is held. */
	char line[300];
	memset(line, ' ', sizeof line);
	memcpy(line, "{\"a\":1}", 7);
	line[99] = '\n';
	rota_jsonl *j = rota_jsonl_open_mem(line, 100, "h.jsonl");
	rota_error e = { 0 };
	rota_jsonl_set_limit(j, 99);
	ok(rota_jsonl_next(j, &e) == 1, "a line at the limit: %s", e.msg);
	rota_jsonl_close(j);
	expect_err(line, 100, 98, 1, 0, "line longer than 98 bytes");
	/* A line with no end at all (a stream of blanks) stops at the limit too. */
	size_t big = (size_t)4 << 20;
	char *blanks = malloc(big);
	memset(blanks, ' ', big);
	blanks[0] = '{';
	expect_err(blanks, big, 0, 1, 0, "line longer than 1048576 bytes");
	free(blanks);
	/* Members are bounded by the limit as well: 256 at least. */
	char many[8192];
	size_t n = (size_t)snprintf(many, sizeof many, "{");
	for (int i = 0; i < 257; i++)
		n += (size_t)snprintf(many + n, sizeof many - n, "%s\"%d\":0", i ? "," : "", i);
	n += (size_t)snprintf(many + n, sizeof many - n, "}\n");
	j = rota_jsonl_open_mem(many, n, "h.jsonl");
	rota_jsonl_set_limit(j, 1024 * 8);
	ok(rota_jsonl_next(j, &e) == 1 && rota_jsonl_nmembers(j) == 257, "257 keys in 8 KiB");
	rota_jsonl_close(j);
	j = rota_jsonl_open_mem(many, n, "h.jsonl");
	rota_jsonl_set_limit(j, 4096);
	ok(rota_jsonl_next(j, &e) == -1 && strstr(e.msg, "more than 256 keys") && e.col > 1900,
	   "257 keys where the limit allows 256: %ld %s", e.col, e.msg);
	rota_jsonl_close(j);
}

static void
files(void)
{
	rota_error e = { 0 };
	ok(rota_jsonl_open("/nonexistent/x.jsonl", &e) == NULL && e.status == 2,
	   "a missing file: status 2");
	ok(rota_jsonl_open("/", &e) == NULL && e.status == 2 && strstr(e.msg, "JSON Lines"),
	   "a directory: status 2 (%s)", e.msg);
	char path[] = "/tmp/test-jsonl-XXXXXX";
	int fd = mkstemp(path);
	/* Longer than the reader's buffer: lines that straddle two reads. */
	FILE *f = fdopen(fd, "w");
	for (int i = 0; i < 5000; i++)
		fprintf(f, "{\"ticket\":\"T%05d\",\"pad\":\"%0*d\"}\n", i, 1 + i % 97, 0);
	fclose(f);
	rota_jsonl *j = rota_jsonl_open(path, &e);
	int r, n = 0, good = 1;
	char want[16];
	while ((r = rota_jsonl_next(j, &e)) == 1) {
		snprintf(want, sizeof want, "T%05d", n);
		const rota_json_member *m = rota_jsonl_get(j, "ticket");
		good &= m && strcmp(m->text, want) == 0 && rota_jsonl_line(j) == n + 1;
		n++;
	}
	ok(r == 0 && n == 5000 && good, "5000 lines from a file, in order (%d, %s)", n, e.msg);
	is_str(rota_jsonl_name(j), path, "the file's name");
	rota_jsonl_close(j);
	unlink(path);
}

int
main(void)
{
	values();
	errors();
	limits();
	files();
	return tap_done();
}
