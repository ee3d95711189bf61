/* Fuzz target: the roster readers (a roster to check, a previous roster, a need) and
 * what runs on what they read -- the history at the boundary, the checker, the coverage
 * writer's arithmetic and the SVG chart -- must never crash, overread, leak or hang on
 * any bytes.  The model is fixed: two agents in two zones, a day and a night shift with
 * a break, and a three-day horizon after the history's days. */
#include <config.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <rota/rota.h>
#include <rota/config.h>
#include <rota/roster.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char yaml[] =
	"tz: Europe/Berlin\n"
	"roster:\n  interval: 1h\n  shifts:\n"
	"    - { id: D, start: \"08:00-10:00/1h\", length: 8h,"
	" breaks: [ { length: 30m, within: \"3h-5h\" } ] }\n"
	"    - { id: N, start: \"22:00\", length: 8h, cannot_follow: [ D ] }\n"
	"  agents:\n"
	"    - { id: ann, rules: { min_rest: 11h, max_consecutive_days: 2,"
	" min_consecutive_days: 2, min_consecutive_days_off: 2, max_weekends: 0 } }\n"
	"    - { id: yuki, tz: Asia/Sakhalin }\n";

static void
use(const rota_roster_model *m, const rota_roster_asg *a, size_t n)
{
	rota_roster_report r;
	if (rota_roster_check(m, a, n, &r) != r.n || !(r.obj.total >= 0) || isnan(r.obj.total))
		abort();
	rota_roster_report_free(&r);
	char *svg = rota_roster_svg(m, a, n);
	if (strncmp(svg, "<?xml", 5) != 0)
		abort();
	free(svg);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	rota_error err;
	rota_config *cfg = rota_config_load_mem(yaml, sizeof yaml - 1, "fuzz.yaml", &err);
	if (cfg == NULL)
		abort();
	const rota_tz *tz = rota_tz_get("Europe/Berlin", &err);
	int64_t start = rota_days_from_civil(2026, 10, 25);   /* Berlin's 25-hour day */
	rota_roster_needs need = { 0 };
	rota_csv *c = rota_csv_open_mem((const char *)data, size, "fuzz.csv");
	if (rota_roster_need_read(c, tz, ROTA_PARSE_LENIENT, &need, &err) < 0)
		memset(&need, 0, sizeof need);
	rota_csv_close(c);
	rota_roster_model m;
	if (rota_roster_model_build(cfg, tz, start, 3, &need, &m, &err) == 0) {
		rota_roster_asg *a;
		size_t n;
		c = rota_csv_open_mem((const char *)data, size, "fuzz.csv");
		if (rota_roster_history_read(c, &m, &a, &n, &err) == 0) {
			for (size_t i = 0; i < n; i++)
				if (a[i].day >= start)
					abort();   /* the reader lets none inside the horizon through */
			rota_roster_history(&m, a, n);
			free(a);
		}
		rota_csv_close(c);
		c = rota_csv_open_mem((const char *)data, size, "fuzz.csv");
		if (rota_roster_read(c, &m, &a, &n, &err) == 0) {
			use(&m, a, n);
			free(a);
		}
		rota_csv_close(c);
		rota_roster_model_free(&m);
	}
	rota_roster_needs_free(&need);
	rota_config_free(cfg);
	return 0;
}
