/* The need of a roster: interval_start,queue,required rows, as rota-staff writes them. */
#include <config.h>
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <rota/rota.h>
#include <rota/roster.h>
#include <rota/config.h>
#include <rota/erlang.h>

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
	     cr = rota_csv_find(c, "required"), cv = rota_csv_find(c, "volume"),
	     ca = rota_csv_find(c, "aht");
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
		row.volume = row.aht = NAN;
		if (cv >= 0 && ca >= 0) {
			char *e1, *e2;
			const char *vs = rota_csv_field(c, (size_t)cv), *as = rota_csv_field(c, (size_t)ca);
			double v = strtod(vs, &e1), h = strtod(as, &e2);
			/* Volume and handling time are for the service-level estimate only: a row
			 * without them still says what is required. */
			if (*vs && !*e1 && *as && !*e2 && v >= 0 && h > 0) {
				row.volume = v;
				row.aht = h;
			}
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

void
rota_roster_service_level(const rota_roster_model *m, const rota_roster_needs *need,
                          const double *scheduled, double *sl)
{
	double *met = rota_xcalloc(m->nqueues + 1, sizeof *met), *vol = rota_xcalloc(m->nqueues + 1,
	                                                                             sizeof *vol);
	const rota_queue_def **qd = rota_xcalloc(m->nqueues + 1, sizeof *qd);
	for (size_t q = 0; q < m->nqueues; q++)
		qd[q] = rota_config_queue(m->cfg, m->queues[q]);
	rota_time t0 = m->cell_start[0], t1 = m->cell_start[m->ncells];
	for (size_t i = 0; need && i < need->n; i++) {
		const rota_roster_need *r = &need->rows[i];
		if (isnan(r->volume) || r->start < t0 || r->start >= t1)
			continue;
		size_t q = 0;
		while (q < m->nqueues && strcmp(m->queues[q], r->queue) != 0)
			q++;
		if (q == m->nqueues || qd[q] == NULL || qd[q]->sl_time < 0)
			continue;
		size_t c = (size_t)((r->start - t0) / m->interval);
		double len = (double)(m->cell_start[c + 1] - m->cell_start[c]);
		double shrink = qd[q]->shrinkage > 0 ? qd[q]->shrinkage : 0;
		long n = (long)floor(scheduled[q * m->ncells + c] * (1 - shrink) + 1e-9);
		rota_erlang_perf pf;
		rota_erlang_c_perf(r->volume * r->aht / len, n, r->aht, (double)qd[q]->sl_time, &pf);
		met[q] += r->volume * pf.service_level;
		vol[q] += r->volume;
	}
	for (size_t q = 0; q < m->nqueues; q++)
		sl[q] = vol[q] > 0 ? met[q] / vol[q] : NAN;
	free(met);
	free(vol);
	free(qd);
}
