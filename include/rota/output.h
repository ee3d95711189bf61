/* Output files that appear whole or not at all: write to a temporary file in the same
 * directory, fsync, rename over the target.  "-" or NULL is stdout (written directly),
 * and so is a target that exists and is neither a regular file nor a directory (a
 * device such as /dev/null, a FIFO): there is no file there to replace. */
#ifndef ROTA_OUTPUT_H
#define ROTA_OUTPUT_H

#include <stdio.h>
#include <rota/error.h>
#include <rota/record.h>

typedef struct rota_out rota_out;

rota_out *rota_out_open(const char *path, rota_error *err);
FILE *rota_out_file(rota_out *o);
/* Flush, fsync, rename.  On failure the target is untouched and err says why (status 3). */
int rota_out_commit(rota_out *o, rota_error *err);
/* Throw the temporary file away (after an error); the target is untouched. */
void rota_out_abort(rota_out *o);

#endif
