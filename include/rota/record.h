/* The one record writer: every command's tabular output (CSV per RFC 4180, JSON Lines,
 * aligned text for people) goes through it, so that quoting, escaping, nulls and number
 * forms are decided once.  Also the one JSON printer, for nested documents.
 *
 * Text rules (rota(7), "Output"): CSV and JSON are always valid UTF-8 (a byte sequence that
 * is not UTF-8 is written as U+FFFD); JSON escapes control characters; text output shows
 * control characters and invalid bytes escaped (\t, \n, \xHH), so data cannot drive the
 * terminal.  Text columns align by characters, not bytes. */
#ifndef ROTA_RECORD_H
#define ROTA_RECORD_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <rota/error.h>
#include <rota/time.h>

enum rota_format { ROTA_FORMAT_CSV = 0, ROTA_FORMAT_JSON, ROTA_FORMAT_TEXT };
/* "csv", "json" or "text"; -1 for anything else. */
int rota_format_parse(const char *s);
const char *rota_format_name(int format);

/* A column's type says how a cell is written: strings are quoted in JSON and left-aligned
 * in text; numbers are bare in JSON and right-aligned in text. */
enum rota_col_type { ROTA_COL_STRING = 0, ROTA_COL_NUMBER };

typedef struct rota_column {
	const char *name;
	int type;                  /* enum rota_col_type */
} rota_column;

typedef struct rota_record rota_record;

enum {
	ROTA_RECORD_NO_HEADER = 1 << 0,  /* CSV and text: no header line */
	/* CSV: a string cell that begins with = + - @ TAB or CR is written with a ' in front,
	 * so that a spreadsheet opening the file shows it as text rather than running it as
	 * a formula (OWASP, "CSV Injection").  Number and time cells are never changed (-5
	 * stays -5).  Off by default: CSV for other programs stays exact. */
	ROTA_RECORD_CSV_SAFE = 1 << 1
};

/* A writer of rows with these columns onto f (the column array must outlive it).  Text
 * output is held until rota_record_finish, to align the columns; CSV and JSON stream. */
rota_record *rota_record_new(FILE *f, int format, const rota_column *cols, size_t ncols,
                             unsigned flags);

/* The next cell of the current row, left to right.  NULL or a missing cell is null: empty
 * in CSV and text, null in JSON. */
void rota_record_str(rota_record *r, const char *s);
void rota_record_strn(rota_record *r, const char *s, size_t n);
void rota_record_null(rota_record *r);
void rota_record_int(rota_record *r, int64_t v);
/* A number with exactly `decimals` decimals (0.8884); NaN and infinities are null. */
void rota_record_fixed(rota_record *r, double v, int decimals);
/* A number with at most `decimals` decimals and no trailing zeros (100, 12.5). */
void rota_record_real(rota_record *r, double v, int decimals);
/* An instant as ISO 8601 with the offset of tz ("2026-03-29T09:00:00+02:00"). */
void rota_record_time(rota_record *r, rota_time t, const struct rota_tz *tz);
/* Ends the row (cells not given are null). */
void rota_record_end(rota_record *r);

/* Writes what is held (text), checks the stream for write errors and frees the writer.
 * Status 3 on a write error. */
int rota_record_finish(rota_record *r, rota_error *err);
/* Frees without writing what is held (after an error elsewhere). */
void rota_record_free(rota_record *r);

/* ---- single values, for writers of their own formats ---- */

/* One RFC 4180 field, quoted when needed, exactly as it is (no formula guard). */
void rota_csv_put(FILE *f, const char *s);
/* A JSON string with its quotes. */
void rota_json_put_string(FILE *f, const char *s);
void rota_json_put_stringn(FILE *f, const char *s, size_t n);
/* s with control characters and invalid UTF-8 escaped, for text meant for a terminal. */
void rota_text_put(FILE *f, const char *s);
/* The same for a diagnostic, which quotes input as it is: backslashes stay single. */
void rota_text_put_message(FILE *f, const char *s);
/* Characters text output takes for s (escapes included). */
size_t rota_text_width(const char *s, size_t n);

/* ---- the JSON printer: nested documents with commas and indentation handled ----
 *   rota_json *j = rota_json_new(f, 2);
 *   rota_json_begin_object(j);
 *     rota_json_key(j, "name"); rota_json_string(j, "office");
 *     rota_json_key(j, "hours"); rota_json_begin_array(j); ... rota_json_end(j);
 *   rota_json_end(j);
 *   rota_json_finish(j, &err);
 * indent 0 prints one line (JSON Lines); > 0 pretty-prints with that many spaces. */
typedef struct rota_json rota_json;
rota_json *rota_json_new(FILE *f, int indent);
void rota_json_begin_object(rota_json *j);
void rota_json_begin_array(rota_json *j);
void rota_json_end(rota_json *j);
void rota_json_key(rota_json *j, const char *key);
void rota_json_string(rota_json *j, const char *s);   /* NULL: null */
void rota_json_int(rota_json *j, int64_t v);
void rota_json_real(rota_json *j, double v, int decimals);  /* trimmed; NaN: null */
void rota_json_bool(rota_json *j, int v);
void rota_json_null(rota_json *j);
/* A value already in JSON form (a number formatted by the caller). */
void rota_json_raw(rota_json *j, const char *text);
/* Ends the document with a newline; status 3 on a write error; frees j. */
int rota_json_finish(rota_json *j, rota_error *err);

#endif
