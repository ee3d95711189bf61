#include <config.h>
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

	return tap_done();
}
