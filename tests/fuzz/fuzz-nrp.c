/* Fuzz target: the Shift Scheduling Benchmark reader (bench/nrp.c, what bench/nrp2rota
 * runs) must never crash, overread, leak or hang; it accepts an instance or refuses it
 * with a line and column, and what it accepts holds together (every index in range, the
 * lengths a shift can have) and converts into a rota.yaml that rota's config loader reads
 * without a crash (and refuses, if at all, at a line). */
#include <config.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <rota/rota.h>
#include <rota/config.h>
#include "../../bench/nrp.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void
check(const nrp_instance *in)
{
	if (in->days < 1 || in->days > NRP_MAX_DAYS || in->nshifts < 1 ||
	    in->nshifts > NRP_MAX_SHIFTS || in->nstaff < 1 || in->nstaff > NRP_MAX_STAFF)
		abort();
	for (int t = 0; t < in->nshifts; t++) {
		long st = nrp_shift_start(in, t);
		if (in->length[t] < 1 || in->length[t] > 1440 || st < 0 || st % 30 ||
		    st + in->length[t] > 1440 || strlen(in->shift[t]) < 1 ||
		    strlen(in->shift[t]) > NRP_MAX_ID)
			abort();
	}
	const nrp_request *q[2] = { in->on, in->off };
	size_t nq[2] = { in->non, in->noff };
	for (int w = 0; w < 2; w++)
		for (size_t i = 0; i < nq[w]; i++)
			if (q[w][i].staff < 0 || q[w][i].staff >= in->nstaff || q[w][i].day < 0 ||
			    q[w][i].day >= in->days || q[w][i].shift < 0 || q[w][i].shift >= in->nshifts)
				abort();
	for (size_t i = 0; i < in->ncover; i++)
		if (in->cover[i].day < 0 || in->cover[i].day >= in->days || in->cover[i].shift < 0 ||
		    in->cover[i].shift >= in->nshifts)
			abort();
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	rota_error err;
	rota_error_clear(&err);
	nrp_instance *in = nrp_parse((const char *)data, size, "fuzz.txt", &err);
	if (in == NULL) {
		if (err.status != 2 || strcmp(err.file, "fuzz.txt") != 0 || err.msg[0] == '\0' ||
		    (err.line < 1 && size <= NRP_MAX_FILE))
			abort();
		return 0;
	}
	check(in);
	char *yaml = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&yaml, &len);
	if (nrp_write_rota(f, in, 20458 /* 2026-01-05 */, &err) < 0)
		abort();
	fclose(f);
	if (len == 0 || yaml[len - 1] != '\n' || strlen(yaml) != len)
		abort();
	rota_error_clear(&err);
	rota_config *cfg = rota_config_load_mem(yaml, len, "fuzz.yaml", &err);
	if (cfg == NULL && (err.status != 2 || err.line < 1))
		abort();
	rota_config_free(cfg);
	free(yaml);
	nrp_free(in);
	rota_tz_cache_free();
	return 0;
}
