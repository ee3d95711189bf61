#include <config.h>
#include <stdio.h>
#include <string.h>
#include <stdlib.h>
#include <unistd.h>
#include <zlib.h>
#include <rota/rota.h>
#include "tap.h"

static int
read_all(const char *in, size_t len, char *out, size_t outsz, rota_error *err)
{
	rota_csv *c = rota_csv_open_mem(in, len, "t.csv");
	size_t o = 0;
	int r;
	out[0] = '\0';
	while ((r = rota_csv_next(c, err)) == 1) {
		for (size_t i = 0; i < rota_csv_nfields(c); i++)
			o += (size_t)snprintf(out + o, outsz - o, "%s[%s]", i ? "," : "",
			                      rota_csv_field(c, i));
		o += (size_t)snprintf(out + o, outsz - o, "@%ld;", rota_csv_line(c));
	}
	rota_csv_close(c);
	return r;
}

/* in (len bytes, limit 0 = default) fails at line:col with a message holding what */
static void
expect_err(const char *in, size_t len, size_t limit, long line, long col, const char *what)
{
	rota_csv *c = rota_csv_open_mem(in, len, "h.csv");
	rota_error e = { 0 };
	int r;
	if (limit)
		rota_csv_set_limit(c, limit);
	while ((r = rota_csv_next(c, &e)) == 1)
		;
	ok(r == -1 && e.status == 2 && e.line == line && e.col == col &&
	   strstr(e.msg, what) != NULL, "error %ld:%ld '%s': got %d %ld:%ld %s", line, col, what,
	   r, e.line, e.col, e.msg);
	rota_csv_close(c);
}

static void
expect_ok(const char *in, size_t len, size_t limit)
{
	rota_csv *c = rota_csv_open_mem(in, len, "h.csv");
	rota_error e = { 0 };
	int r;
	rota_csv_set_limit(c, limit);
	while ((r = rota_csv_next(c, &e)) == 1)
		;
	ok(r == 0, "read within the limit of %zu: %s", limit, e.msg);
	rota_csv_close(c);
}

/* literals: their length is their size, NULs inside included */
#define EXPECT_ERR(in, ...) expect_err(in, sizeof(in) - 1, __VA_ARGS__)
#define EXPECT_OK(in, limit) expect_ok(in, sizeof(in) - 1, limit)

#define CASE(in, exp) do { char b_[1024]; rota_error ce_ = {0}; \
	int r_ = read_all(in, sizeof(in) - 1, b_, sizeof b_, &ce_); \
	ok(r_ == 0, "read %s: %s", #in, ce_.msg); is_str(b_, exp, #in); } while (0)

int
main(void)
{
	CASE("a,b\n1,2\n", "[a],[b]@1;[1],[2]@2;");
	CASE("a,b\r\n1,2\r\n", "[a],[b]@1;[1],[2]@2;");
	CASE("a,b\n1,2", "[a],[b]@1;[1],[2]@2;");
	CASE("\xEF\xBB\xBFx,y\n", "[x],[y]@1;");
	CASE("\"q,1\",\"he said \"\"hi\"\"\"\n", "[q,1],[he said \"hi\"]@1;");
	CASE("\"multi\nline\",z\nnext,1\n", "[multi\nline],[z]@1;[next],[1]@3;");
	CASE(",,\n", "[],[],[]@1;");
	CASE("", "");
	CASE("a\r\rb\n", "[a]@1;[]@2;[b]@3;");

	rota_error e = {0};
	char b[256];
	ok(read_all("a,\"b\n", 5, b, sizeof b, &e) == -1, "unterminated quote fails");
	is_int(e.line, 1, "unterminated: line");
	is_int(e.col, 3, "unterminated: column");
	ok(strstr(e.msg, "closing") != NULL, "message says what is expected: %s", e.msg);
	ok(read_all("x\n\"a\"b,c\n", 9, b, sizeof b, &e) == -1, "text after quote fails");
	is_int(e.line, 2, "text after quote: line");
	is_int(e.col, 4, "text after quote: column");

	/* header lookup and field positions */
	rota_csv *c = rota_csv_open_mem("id,when\n7,\"x\ny\",z\n", 19, "m.csv");
	ok(rota_csv_next(c, &e) == 1, "header");
	is_int(rota_csv_find(c, "when"), 1, "find when");
	is_int(rota_csv_find(c, "nope"), -1, "find missing");
	ok(rota_csv_next(c, &e) == 1, "row");
	is_int(rota_csv_field_col(c, 2), 4, "col of field after embedded newline");
	is_int(rota_csv_field_line(c, 2), 3, "line of field after embedded newline");
	ok(rota_csv_field_quoted(c, 1) && !rota_csv_field_quoted(c, 2), "quoted flags");
	is_str(rota_csv_field(c, 9), "", "field past the end is empty");
	rota_csv_close(c);

	/* gzip input is detected by content, not by the name */
	char path[] = "/tmp/rota-test-csv-XXXXXX";
	int fd = mkstemp(path);
	gzFile gz = gzdopen(fd, "wb");
	gzputs(gz, "h,v\n1,\"a\"\n");
	gzclose(gz);
	c = rota_csv_open(path, &e);
	ok(c != NULL, "open gzip");
	ok(rota_csv_next(c, &e) == 1 && rota_csv_next(c, &e) == 1, "two gzip records");
	is_str(rota_csv_field(c, 1), "a", "gzip field");
	ok(rota_csv_next(c, &e) == 0, "gzip end");
	rota_csv_close(c);
	unlink(path);

	/* ---- hostile input (issue 8) ---- */

	/* the record limit counts input bytes, quotes and separators included */
	EXPECT_ERR("abcdefghijk\n", 10, 1, 0, "record longer than 10 bytes");
	EXPECT_OK("abcdefghij\n", 10);
	EXPECT_OK("abcd,fghij\r\nab\n", 10);
	EXPECT_ERR("ab\n\"\"\"\"\"\"\"\"\"\"\"\"\n", 10, 2, 0, "record longer than 10 bytes");
	EXPECT_ERR("\"abc\ndefghijkl\"\n", 10, 1, 0, "record longer than 10 bytes");
	/* an endless unquoted line stops at the limit, not at the end of memory */
	{
		size_t n = 1 << 20;
		char *big = malloc(n);
		memset(big, 'x', n);
		expect_err(big, n, 4096, 1, 0, "record longer than 4096 bytes");
		memset(big, ',', n);
		expect_err(big, n, 65536, 1, 0, "record has more than 4096 fields");
		free(big);
	}
	/* the process-wide default: unset, set, and 0 to restore it */
	static const size_t set[] = { 1, 77, 0 }, want[] = { 16 << 20, 77, 16 << 20 };
	for (int i = 0; i < 3; i++) {
		if (set[i] != 1)
			rota_csv_default_limit(set[i]);
		c = rota_csv_open_mem("a", 1, "d.csv");
		ok(rota_csv_limit(c) == want[i], "default limit, case %d", i);
		rota_csv_close(c);
	}

	/* NUL and bytes that are not UTF-8: an error at the byte's line and column */
	EXPECT_ERR("a,b\0c\n", 0, 1, 4, "NUL byte");
	EXPECT_ERR("h\n\"x\"\"\0\"\n", 0, 2, 5, "NUL byte");
	EXPECT_ERR("id,q\n1,caf\xe9\n", 0, 2, 6, "byte 0xE9 is not UTF-8");
	EXPECT_ERR("\"ab\ncd\xe9\"\n", 0, 2, 3, "byte 0xE9 is not UTF-8");
	EXPECT_ERR("x\xed\xa0\x80\n", 0, 1, 2, "surrogate");
	EXPECT_ERR("x\xc0\xaf\n", 0, 1, 2, "overlong");
	EXPECT_ERR("x\xe0\x80\xaf\n", 0, 1, 2, "overlong");
	EXPECT_ERR("x\xf0\x80\x80\xaf\n", 0, 1, 2, "overlong");
	EXPECT_ERR("x\xf4\x90\x80\x80\n", 0, 1, 2, "past U+10FFFF");
	EXPECT_ERR("x\xe2\x82\n", 0, 1, 2, "is not UTF-8");
	EXPECT_ERR("x\x80\n", 0, 1, 2, "is not UTF-8");
	EXPECT_ERR("x\xf8\x88\x80\x80\x80\n", 0, 1, 2, "is not UTF-8");
	CASE("\xe2\x82\xac,\xf0\x9f\x98\x80,\xed\x9f\xbf,\xf4\x8f\xbf\xbf\n",
	     "[\xe2\x82\xac],[\xf0\x9f\x98\x80],[\xed\x9f\xbf],[\xf4\x8f\xbf\xbf]@1;");

	/* Latin-1, when named, is converted; NUL is still no text */
	ok(rota_csv_encoding_parse("Latin-1") == ROTA_CSV_LATIN1 &&
	   rota_csv_encoding_parse("ISO-8859-1") == ROTA_CSV_LATIN1 &&
	   rota_csv_encoding_parse("UTF-8") == ROTA_CSV_UTF8 &&
	   rota_csv_encoding_parse("cp1252") == -1, "encoding names");
	c = rota_csv_open_mem("caf\xe9,\xff\n", 7, "l.csv");
	rota_csv_set_encoding(c, ROTA_CSV_LATIN1);
	ok(rota_csv_next(c, &e) == 1, "latin1 record");
	is_str(rota_csv_field(c, 0), "caf\xc3\xa9", "latin1 e-acute converted");
	is_str(rota_csv_field(c, 1), "\xc3\xbf", "latin1 y-diaeresis converted");
	rota_csv_close(c);
	c = rota_csv_open_mem("\xe9\xe9\0\n", 4, "l.csv");
	rota_csv_set_encoding(c, ROTA_CSV_LATIN1);
	ok(rota_csv_next(c, &e) == -1 && e.line == 1 && e.col == 3, "latin1 NUL at 1:3 (%ld:%ld)",
	   e.line, e.col);
	rota_csv_close(c);

	/* a directory or a missing file: status 2 with the reason */
	rota_error_clear(&e);
	ok(rota_csv_open("/", &e) == NULL && e.status == 2 && strstr(e.msg, "Is a directory"),
	   "a directory is bad input: %s", e.msg);
	rota_error_clear(&e);
	ok(rota_csv_open("/nonexistent/x.csv", &e) == NULL && e.status == 2 &&
	   strstr(e.msg, "No such file"), "a missing file is bad input: %s", e.msg);

	/* a damaged gzip file is named by its path, not by zlib's <fd:N> */
	strcpy(path, "/tmp/rota-test-csv-XXXXXX");
	fd = mkstemp(path);
	gz = gzdopen(fd, "wb");
	gzputs(gz, "h,v\n1,2\n");
	gzclose(gz);
	FILE *f = fopen(path, "r+b");
	fseek(f, -8, SEEK_END);    /* the trailer's CRC-32 */
	int b0 = fgetc(f);
	fseek(f, -8, SEEK_END);
	fputc(b0 ^ 0xFF, f);
	fclose(f);
	rota_error_clear(&e);
	c = rota_csv_open(path, &e);
	int r;
	while ((r = rota_csv_next(c, &e)) == 1)
		;
	ok(r == -1 && e.status == 2 && strstr(e.msg, "<fd:") == NULL &&
	   strcmp(e.file, path) == 0 && strstr(e.msg, "damaged"), "gzip CRC error: %s: %s",
	   e.file, e.msg);
	rota_csv_close(c);
	unlink(path);

	return tap_done();
}
