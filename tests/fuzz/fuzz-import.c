/* Fuzz target: rota-import's readers (header mapping, row checks, time parsing, the
 * snapshot differ, reconciliation) must never crash, overread or leak, and a failed
 * import must leave the store as it was.  An input may start with a line
 * "#LAYOUT[ TIME-FORMAT]" to choose the layout (events by default). */
#include <config.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <rota/rota.h>
#include <rota/store.h>
#include <rota/import.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static rota_store *store;

static int64_t
events_now(void)
{
	rota_error err;
	return rota_store_count_events(store, &err);
}

static void
options(const char **data, size_t *size, rota_import_opts *o, char *fmt, size_t fmtsz)
{
	static const char *const missing[] = { "?", "-100" };
	static const rota_import_attr attrs[] = { { "tier", "tier" } };
	const char *nl;

	memset(o, 0, sizeof *o);
	o->missing = missing;
	o->nmissing = 2;
	o->skip_bad = (*size & 1) != 0;
	if (*size == 0 || **data != '#' || (nl = memchr(*data, '\n', *size)) == NULL)
		return;
	size_t n = (size_t)(nl - *data);
	char line[256];
	if (n >= sizeof line)
		n = sizeof line - 1;
	memcpy(line, *data, n);
	line[n] = '\0';
	char *sp = strchr(line, ' ');
	if (sp) {
		*sp = '\0';
		rota_error err;
		if (rota_time_fmt_check(sp + 1, &err) == 0) {
			snprintf(fmt, fmtsz, "%s", sp + 1);
			o->time_format = fmt;
		}
	}
	int l = rota_layout_parse(line + 1);
	o->layout = l < 0 ? ROTA_LAYOUT_EVENTS : l;
	if (o->layout == ROTA_LAYOUT_TICKETS) {
		o->attrs = attrs;
		o->nattrs = 1;
	}
	*size -= (size_t)(nl - *data) + 1;
	*data = nl + 1;
}

int
LLVMFuzzerTestOneInput(const uint8_t *bytes, size_t size)
{
	const char *data = (const char *)bytes;
	rota_import_opts o;
	rota_import_stats st;
	rota_error err;
	char fmt[256];

	if (store == NULL && (store = rota_store_open(":memory:", ROTA_STORE_CREATE, 0, &err)) == NULL)
		abort();
	options(&data, &size, &o, fmt, sizeof fmt);
	int64_t before = events_now();
	rota_import *im = rota_import_begin(store, &o, &err);
	if (im == NULL)
		abort();
	rota_csv *c = rota_csv_open_mem(data, size, "fuzz.csv");
	int rc = rota_import_csv(im, c, &err);
	rota_csv_close(c);
	if (rc >= 0)
		rc = rota_import_finish(im, &st, &err);
	rota_import_free(im);
	/* Roll back either way: the store stays small and every input starts the same. */
	rota_store_rollback(store);
	if (events_now() != before)
		abort();
	if (rc < 0 && (err.msg[0] == '\0' || err.status == 0))
		abort();
	return 0;
}
