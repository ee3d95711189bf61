/* Fuzz target: the forecast's input reader, the grid of local slots and the placing of
 * local slots on the planning grid must never crash, overread, leak or hang on any bytes;
 * what is placed is never negative and never more than what was given, and the chart is
 * drawn for every grid that builds. */
#include <config.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <rota/rota.h>
#include <rota/forecast-series.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void
grid(const rota_fc_counts *c, unsigned by, int64_t slot)
{
	rota_fc_grid_opts o;
	rota_fc_grid g;
	rota_error err;
	rota_fc_grid_opts_init(&o);
	o.tz = rota_tz_get("Europe/Berlin", &err);
	o.by = by;
	o.slot = slot;
	o.horizon = 2 * 86400;
	o.max_days = 120;
	if (rota_fc_grid_build(c, &o, &g, &err) < 0)
		return;
	for (size_t i = 0; i < g.n; i++) {
		size_t h = g.v[i].horizon;
		double *one = malloc((h ? h : 1) * sizeof *one), *out = calloc(g.nplan, sizeof *out);
		for (size_t j = 0; j < h; j++)
			one[j] = 1;
		rota_fc_grid_place(&g, i, one, g.v[i].s.n, h, g.start, g.nplan, out);
		double sum = 0;
		for (size_t j = 0; j < g.nplan; j++) {
			if (!(out[j] >= 0) || !isfinite(out[j]))
				abort();
			sum += out[j];
		}
		if (sum > (double)h + 1e-6)
			abort();
		double *bands = calloc(5 * g.nplan, sizeof *bands);
		rota_fc_panel p;
		rota_fc_panel_make(&g, i, bands, &p);
		rota_fc_chart ch = { o.tz, g.start, g.slot, "fuzz", &p, 1, 0 };
		free(rota_fc_svg(&ch));
		rota_fc_panel_free(&p);
		free(bands);
		free(one);
		free(out);
	}
	rota_fc_grid_free(&g);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	for (unsigned naive = 0; naive < 2; naive++) {
		rota_csv *csv = rota_csv_open_mem((const char *)data, size, "fuzz.csv");
		rota_fc_counts c;
		rota_error err;
		rota_fc_counts_init(&c);
		if (rota_fc_read_csv(csv, rota_tz_get("America/New_York", &err),
		                     naive ? ROTA_FC_READ_NAIVE : ROTA_PARSE_LENIENT, &c, &err) == 0) {
			grid(&c, ROTA_FC_BY_QUEUE | ROTA_FC_BY_CUSTOMER_TZ, naive ? 900 : 3600);
		}
		rota_fc_counts_free(&c);
		rota_csv_close(csv);
	}
	return 0;
}
