/* Fuzz target: the iCalendar holiday reader (libical plus our checks) and the expansion
 * of what it accepted must never crash, overread, leak or hang on any bytes. */
#include <config.h>
#include <stdint.h>
#include <stdlib.h>
#include <rota/rota.h>
#include <rota/ical.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int
count(int64_t day, const char *summary, void *arg)
{
	(void)summary;
	*(int64_t *)arg += day & 1;
	return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	rota_error err;
	rota_ical *ic = rota_ical_parse((const char *)data, size, "fuzz.ics", &err);
	int64_t sum = 0;
	if (ic) {
		static const rota_tz *berlin;
		if (berlin == NULL)
			berlin = rota_tz_get("Europe/Berlin", &err);
		/* 2025-01-01 .. 2027-12-31, in UTC and in a zone with DST */
		rota_ical_expand(ic, 20089, 21183, NULL, count, &sum);
		rota_ical_date *v;
		size_t n;
		rota_ical_dates(ic, 20089, 21183, berlin, &v, &n);
		free(v);
		rota_ical_free(ic);
	}
	return sum == -1;
}
