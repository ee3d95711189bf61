/* Fuzz target: the JSON Lines reader must never crash, overread, leak or hang on any
 * bytes, and what it hands out is always NUL-free UTF-8 of the length it says, within
 * the bounds of its line limit (read again with a small limit). */
#include <config.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <rota/rota.h>
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

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	read_all(data, size, 0);
	read_all(data, size, 64);
	return 0;
}
