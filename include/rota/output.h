/* Output files that appear whole or not at all: write to a temporary file in the same
 * directory, fsync, rename over the target.  "-" or NULL is stdout (written directly). */
#ifndef ROTA_OUTPUT_H
#define ROTA_OUTPUT_H

#include <stdio.h>
#include <rota/error.h>

typedef struct rota_out rota_out;

rota_out *rota_out_open(const char *path, rota_error *err);
FILE *rota_out_file(rota_out *o);
/* Flush, fsync, rename.  On failure the target is untouched and err says why (status 3). */
int rota_out_commit(rota_out *o, rota_error *err);
/* Throw the temporary file away (after an error); the target is untouched. */
void rota_out_abort(rota_out *o);

/* Text escaping for the formats rota writes. */
void rota_csv_put(FILE *f, const char *s);          /* one RFC 4180 field, quoted when needed */
void rota_json_put_string(FILE *f, const char *s);  /* a JSON string with quotes */

#endif
