/* RFC 4180 reader: quoted fields, doubled quotes, embedded newlines, CRLF or LF, a UTF-8
 * BOM, and gzip input (detected by its magic bytes, not the name). */
#ifndef ROTA_CSV_H
#define ROTA_CSV_H

#include <stddef.h>
#include <rota/error.h>

typedef struct rota_csv rota_csv;

/* path "-" or NULL reads stdin.  Returns NULL and sets err (status 3 for I/O). */
rota_csv *rota_csv_open(const char *path, rota_error *err);
/* Read from memory (tests, fuzzing).  name is used in messages. */
rota_csv *rota_csv_open_mem(const char *data, size_t len, const char *name);
void rota_csv_close(rota_csv *c);

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
