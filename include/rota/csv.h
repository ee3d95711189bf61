/* RFC 4180 reader: quoted fields, doubled quotes, embedded newlines, CRLF or LF, a UTF-8
 * BOM, and gzip input (detected by its magic bytes, not the name).
 *
 * What it hands out is always valid UTF-8 without NUL: a field holding a NUL byte or
 * bytes that are not UTF-8 (a Latin-1 byte, an overlong form, a surrogate, a code point
 * past U+10FFFF) is an error at its file:line:column, unless the reader was told the
 * input is Latin-1, which it then converts.  A record (one row, quoted line breaks
 * included) longer than the reader's limit is an error before more of it is held, so
 * that memory stays bounded whatever the input. */
#ifndef ROTA_CSV_H
#define ROTA_CSV_H

#include <stddef.h>
#include <rota/error.h>

typedef struct rota_csv rota_csv;

/* path "-" or NULL reads stdin.  Returns NULL and sets err: status 2 with the reason
 * when the file is missing, unreadable or a directory, 3 when memory runs out. */
rota_csv *rota_csv_open(const char *path, rota_error *err);
/* Read from memory (tests, fuzzing).  name is used in messages. */
rota_csv *rota_csv_open_mem(const char *data, size_t len, const char *name);
void rota_csv_close(rota_csv *c);

/* The longest record a reader holds, in input bytes: 16 MiB unless raised.  A record
 * also may not have more than max(limit / 32, 4096) fields, which bounds the reader's
 * memory to about twice the limit. */
#define ROTA_CSV_LIMIT_DEFAULT ((size_t)16 << 20)
void rota_csv_set_limit(rota_csv *c, size_t max);
size_t rota_csv_limit(const rota_csv *c);

enum rota_csv_encoding {
	ROTA_CSV_UTF8 = 0,     /* the input must be UTF-8 (the default) */
	ROTA_CSV_LATIN1        /* ISO-8859-1: every byte is a code point, converted to UTF-8 */
};
void rota_csv_set_encoding(rota_csv *c, enum rota_csv_encoding enc);
/* "utf-8"/"utf8" or "latin1"/"latin-1"/"iso-8859-1" (any case); -1 for anything else. */
int rota_csv_encoding_parse(const char *name);

/* The offset of the first byte of s[0..n) that is a NUL or not well-formed UTF-8 (a
 * stray byte, an overlong form, a surrogate, past U+10FFFF, cut short), or n when the
 * text is clean; *why then says what the byte is ("is not UTF-8").  What every reader
 * of text (CSV, batch lines) refuses. */
size_t rota_text_invalid(const char *s, size_t n, const char **why);

/* Process-wide defaults for readers opened afterwards (the library's own readers, such
 * as rota_import_file, included): a command sets them once from its options.  0 as the
 * limit restores ROTA_CSV_LIMIT_DEFAULT. */
void rota_csv_default_limit(size_t max);
void rota_csv_default_encoding(enum rota_csv_encoding enc);

/* Next record: 1 = got one, 0 = end of input, -1 = error (err has file:line:col). */
int rota_csv_next(rota_csv *c, rota_error *err);
size_t rota_csv_nfields(const rota_csv *c);
/* Field i of the current record (NUL-terminated; "" past the end).  Valid until the
 * next call to rota_csv_next. */
const char *rota_csv_field(const rota_csv *c, size_t i);
size_t rota_csv_field_len(const rota_csv *c, size_t i);
/* Physical line where the current record starts (1-based) and where field i starts. */
long rota_csv_line(const rota_csv *c);
long rota_csv_field_line(const rota_csv *c, size_t i);
long rota_csv_field_col(const rota_csv *c, size_t i);
/* 1 when field i was quoted: its text then starts one column after rota_csv_field_col. */
int rota_csv_field_quoted(const rota_csv *c, size_t i);
const char *rota_csv_name(const rota_csv *c);     /* file name for messages ("<stdin>") */
/* Index of the header column named `name` in the current record, or -1. */
long rota_csv_find(const rota_csv *c, const char *name);

#endif
