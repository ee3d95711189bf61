/* The Shift Scheduling Benchmark format (Curtois and Qu; ../shared/data/README.md, roster/)
 * read strictly and within bounds, and its conversion to a rota.yaml whose roster: section
 * is the same problem (bench/nrp2rota).  The reader is fuzzed (tests/fuzz/fuzz-nrp.c): it
 * is a parser of files from outside, so every error names file:line:column and no input
 * costs more than a bounded multiple of its size.  bench/nrp-check.py keeps a reader of
 * its own on purpose: it is the independent check of rota's rosters. */
#ifndef ROTA_BENCH_NRP_H
#define ROTA_BENCH_NRP_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <rota/error.h>

/* Bounds well past the published instances (150 staff, 364 days, 32 shift types). */
#define NRP_MAX_FILE   ((size_t)64 << 20)  /* bytes of an instance file */
#define NRP_MAX_LINE   ((size_t)1 << 20)   /* bytes of one line */
#define NRP_MAX_DAYS   3660                /* ten years */
#define NRP_MAX_SHIFTS 256
#define NRP_MAX_STAFF  10000
#define NRP_MAX_ID     64                  /* bytes of a shift or staff id */
#define NRP_MAX_VALUE  1000000000L         /* any count, minutes or weight */

typedef struct nrp_staff {
	char *id;
	long *max_shifts;         /* per shift type, -1 where the line names none */
	long max_min, min_min, max_cons, min_cons, min_off, max_we;
	unsigned char *day_off;   /* per day, 1: a day off */
} nrp_staff;

typedef struct nrp_request {  /* a shift on or off request */
	int staff, day, shift;
	long weight;
} nrp_request;

typedef struct nrp_cover {
	int day, shift;
	long need, under, over;
} nrp_cover;

typedef struct nrp_instance {
	char *name;               /* the file's name without directory and extension */
	int days;
	int nshifts;
	char **shift;             /* ids, in file order */
	long *length;             /* minutes */
	unsigned char *cannot_follow;   /* [a * nshifts + b]: b may not come the day after a */
	int nstaff;
	nrp_staff *staff;
	size_t non, noff, ncover;
	nrp_request *on, *off;
	nrp_cover *cover;
} nrp_instance;

/* Read an instance from data[0..len) (no NUL needed), named file in messages.  NULL with
 * err (status 2, file:line:column) on anything the format does not allow: a number that
 * is not a plain decimal or is out of bounds, a line with too few or too many fields, an
 * id used twice or never defined, a day outside the horizon, a section missing, repeated
 * or out of order (HORIZON and SHIFTS before the sections that refer to them). */
nrp_instance *nrp_parse(const char *data, size_t len, const char *file, rota_error *err);
/* The same for a file ("-": standard input), at most NRP_MAX_FILE bytes. */
nrp_instance *nrp_read(const char *path, rota_error *err);
void nrp_free(nrp_instance *inst);

/* The start of shift type t in minutes after midnight: staggered through the day, each
 * ending by 24:00, so that shifts on consecutive days never overlap and only
 * cannot-follow limits what follows what. */
long nrp_shift_start(const nrp_instance *inst, int t);

/* inst as a rota.yaml with its horizon from start (days since 1970-01-01; the
 * benchmark's day 0 is a Monday): what bench/nrp2rota writes.  Returns 0, or -1 with err
 * (status 3) on a write error. */
int nrp_write_rota(FILE *f, const nrp_instance *inst, int64_t start, rota_error *err);

#endif
