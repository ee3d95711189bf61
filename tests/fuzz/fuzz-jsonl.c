/* Fuzz target: the JSON Lines reader must never crash, overread, leak or hang on any
 * bytes, and what it hands out is always NUL-free UTF-8 of the length it says, within
 * the bounds of its line limit (read again with a small limit).  The same bytes as
 * clock rows for the alert planner (rota-alert --input): taken or refused with a
 * line, never a crash. */
#include <config.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <rota/rota.h>
#include <rota/alert.h>
#include <rota/config.h>
#include <rota/jsonl.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void
check_text(const char *s, size_t len)
{
	const char *why;
	if (strlen(s) != len || rota_text_invalid(s, len, &why) != len)
		abort();
}

static void
read_all(const uint8_t *data, size_t size, size_t limit)
{
	rota_jsonl *j = rota_jsonl_open_mem((const char *)data, size, "fuzz.jsonl");
	rota_error err;
	rota_error_clear(&err);
	if (limit)
		rota_jsonl_set_limit(j, limit);
	int r;
	long line = 0;
	while ((r = rota_jsonl_next(j, &err)) == 1) {
		if (rota_jsonl_line(j) <= line)
			abort();
		line = rota_jsonl_line(j);
		for (size_t i = 0; i < rota_jsonl_nmembers(j); i++) {
			const rota_json_member *m = rota_jsonl_member(j, i);
			check_text(m->key, strlen(m->key));
			check_text(m->text, m->len);
			if (m->type < ROTA_JSON_NULL || m->type > ROTA_JSON_STRING || m->col < 2 ||
			    rota_jsonl_get(j, m->key) != m)
				abort();
		}
	}
	if (r < 0 && (err.status != 2 || err.line < 1))
		abort();
	rota_jsonl_close(j);
}

static const char CONFIG[] =
	"sla:\n"
	"  - name: std\n"
	"    metrics:\n"
	"      first_response: { target: 1h, warn: [50%, 75%] }\n"
	"ola:\n"
	"  - name: desk\n"
	"    metrics:\n"
	"      handling: { target: 30m, warn: [50%] }\n"
	"alerts:\n"
	"  routes:\n"
	"    - { name: p1, levels: [ breached ], match: { priority: [P1] }, sinks: [ { stdout: text } ] }\n"
	"    - { name: all, repeat: 1m, sinks: [ { stdout: text } ] }\n";

static void
plan_rows(const uint8_t *data, size_t size)
{
	rota_error err;
	rota_error_clear(&err);
	rota_config *cfg = rota_config_load_mem(CONFIG, sizeof CONFIG - 1, "fuzz.yaml", &err);
	if (cfg == NULL)
		abort();
	rota_alert_options o = { .now = 1767607200, .retention = 86400 };
	rota_alert_plan *p = rota_alert_plan_new(cfg->routes, cfg->nroutes, &o);
	rota_jsonl *j = rota_jsonl_open_mem((const char *)data, size, "fuzz.jsonl");
	if (rota_alert_read_rows(p, j, cfg, rota_tz_utc(), 1767600000, NULL, NULL, &err) < 0 &&
	    (err.status != 2 || err.line < 1))
		abort();
	rota_alert_plan_finish(p);
	size_t n, nt;
	const rota_alert_note *notes = rota_alert_plan_notes(p, &n);
	for (size_t i = 0; i < n; i++)
		if (notes[i].ticket[0] == '\0' || notes[i].cycle < 1)
			abort();
	rota_alert_plan_tallies(p, &nt);
	rota_jsonl_close(j);
	rota_alert_plan_free(p);
	rota_config_free(cfg);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	read_all(data, size, 0);
	read_all(data, size, 64);
	plan_rows(data, size);
	rota_tz_cache_free();
	return 0;
}
