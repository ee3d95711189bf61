/* Fuzz target: the forecast reader and every staffing model must never crash, overread,
 * leak or hang on any bytes.  Each input that parses is staffed as voice (Erlang C),
 * chat, Erlang A and e-mail with backlog. */
#include <config.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <rota/rota.h>
#include <rota/staff.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void
run(const rota_staff_input *src, const rota_staff_opts *o, int64_t interval)
{
	rota_staff_input in = *src;
	rota_error err;
	/* rota_staff_run may reallocate the rows: give it its own copy. */
	in.rows = malloc((src->nrows ? src->nrows : 1) * sizeof *in.rows);
	memcpy(in.rows, src->rows, src->nrows * sizeof *in.rows);
	rota_config *cfg = rota_config_empty();
	if (rota_staff_run(&in, cfg, o, interval, "fuzz.csv", &err) == 0)
		for (size_t i = 0; i < in.nrows; i++)
			if (in.rows[i].agents < 0 || in.rows[i].required < in.rows[i].agents)
				abort();
	rota_config_free(cfg);
	free(in.rows);
}

/* The option-value parsers, on each line of the input. */
static void
parse_lines(const uint8_t *data, size_t size)
{
	char *buf = malloc(size + 1);
	memcpy(buf, data, size);
	buf[size] = '\0';
	for (char *line = buf, *next; line; line = next) {
		next = strchr(line, '\n');
		if (next)
			*next++ = '\0';
		double v;
		int64_t t;
		rota_error err;
		if (rota_parse_service_level(line, &v, &t, &err) == 0 && !(v > 0 && v <= 1 && t >= 0))
			abort();
		rota_parse_share(line, &v);
	}
	free(buf);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	parse_lines(data, size);
	rota_csv *c = rota_csv_open_mem((const char *)data, size, "fuzz.csv");
	rota_staff_input in;
	rota_error err;
	if (rota_staff_read(c, NULL, rota_tz_utc(), 0, &in, &err) == 0 && in.nrows > 0) {
		rota_staff_opts o;
		rota_staff_opts_init(&o);
		o.aht = 180;
		o.sl = 0.8;
		o.sl_time = 20;
		o.shrinkage = 0.3;
		run(&in, &o, 0);
		run(&in, &o, 1800);
		o.concurrency = 3;
		run(&in, &o, 1800);
		/* Erlang A and e-mail cost more per interval: keep them to inputs a test can
		 * afford (the mathematics has its own tests). */
		double maxvol = 0;
		rota_time lo = in.rows[0].start, hi = lo;
		for (size_t i = 0; i < in.nrows; i++) {
			if (in.rows[i].volume > maxvol)
				maxvol = in.rows[i].volume;
			if (in.rows[i].start > hi)
				hi = in.rows[i].start;
		}
		o.concurrency = 0;
		if (maxvol < 1e5 && in.nrows < 200) {
			o.patience = 60;
			run(&in, &o, 1800);
			o.patience = -1;
		}
		if ((hi - lo) / 1800 < 5000) {
			o.channel = "email";
			o.respond_within = 7200;
			run(&in, &o, 1800);
			run(&in, &o, 0);
		}
	}
	rota_staff_input_free(&in);
	rota_csv_close(c);
	rota_tz_cache_free();
	return 0;
}
