/* The need of a roster: interval_start,queue,required rows, as rota-staff writes them. */
#include <config.h>
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <rota/rota.h>
#include <rota/roster.h>

static int
field_fail(rota_error *err, rota_csv *c, size_t i, const char *fmt, const char *what,
           const char *value)
{
	return rota_error_set(err, ROTA_EXIT_USAGE, rota_csv_name(c), rota_csv_field_line(c, i),
	                      rota_csv_field_col(c, i), fmt, what, value);
}

int
rota_roster_need_read(rota_csv *c, const rota_tz *tz, unsigned flags, rota_roster_needs *out,
                      rota_error *err)
{
	size_t cap = 0;
	int r;

	memset(out, 0, sizeof *out);
	if ((r = rota_csv_next(c, err)) <= 0) {
		if (r == 0)
			rota_error_set(err, ROTA_EXIT_USAGE, rota_csv_name(c), 1, 0,
			               "empty need file: expected a header interval_start,queue,required "
			               "(what rota-staff writes)");
		return -1;
	}
	long ci = rota_csv_find(c, "interval_start"), cq = rota_csv_find(c, "queue"),
	     cr = rota_csv_find(c, "required");
	if (ci < 0 || cr < 0)
		return rota_error_set(err, ROTA_EXIT_USAGE, rota_csv_name(c), rota_csv_line(c), 0,
		                      "the need file has no '%s' column: expected a header with "
		                      "interval_start, queue and required (what rota-staff writes)",
		                      ci < 0 ? "interval_start" : "required");
	size_t nheader = rota_csv_nfields(c);
	while ((r = rota_csv_next(c, err)) == 1) {
		size_t nf = rota_csv_nfields(c);
		if (nf == 1 && rota_csv_field_len(c, 0) == 0)
			continue;
		if (nf != nheader) {
			rota_roster_needs_free(out);
			return rota_error_set(err, ROTA_EXIT_USAGE, rota_csv_name(c), rota_csv_line(c), 0,
			                      "row has %zu fields but the header has %zu: a field with a "
			                      "comma must be quoted (\"...\")", nf, nheader);
		}
		rota_roster_need row = { 0 };
		rota_error te = { 0 };
		const char *ts = rota_csv_field(c, (size_t)ci);
		if (rota_time_parse(ts, tz, flags, &row.start, &te) < 0) {
			field_fail(err, c, (size_t)ci, "bad %s '%s': expected an ISO 8601 time such as "
			           "2026-12-07T08:00:00+01:00", "interval_start", ts);
			rota_roster_needs_free(out);
			return -1;
		}
		const char *rs = rota_csv_field(c, (size_t)cr);
		char *end;
		errno = 0;
		row.required = strtod(rs, &end);
		if (*rs == '\0' || *end || errno || !isfinite(row.required) || row.required < 0) {
			field_fail(err, c, (size_t)cr, "bad %s '%s': expected a number of agents, 0 or "
			           "more", "required", rs);
			rota_roster_needs_free(out);
			return -1;
		}
		row.queue = rota_xstrdup(cq >= 0 ? rota_csv_field(c, (size_t)cq) : "");
		if (out->n == cap) {
			cap = cap ? 2 * cap : 256;
			out->rows = rota_xreallocarray(out->rows, cap, sizeof *out->rows);
		}
		out->rows[out->n++] = row;
	}
	if (r < 0) {
		rota_roster_needs_free(out);
		return -1;
	}
	return 0;
}

void
rota_roster_needs_free(rota_roster_needs *n)
{
	for (size_t i = 0; i < n->n; i++)
		free(n->rows[i].queue);
	free(n->rows);
	memset(n, 0, sizeof *n);
}
