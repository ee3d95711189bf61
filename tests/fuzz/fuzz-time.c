/* Fuzz target: every time parser, and the TZif reader, must never crash, overread, leak
 * or hang on any bytes; and whatever parses must survive a format/parse round trip.
 * Input: TZif bytes (starting "TZif"), or TEXT["\n"FORMAT]. */
#include <config.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <rota/rota.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void
fuzz_tzif(const uint8_t *data, size_t size)
{
	rota_error err;
	rota_tz *tz = rota_tz_load(data, size, "fuzz", &err);
	if (tz == NULL)
		return;
	static const rota_time probes[] = {
		INT64_MIN, -62135596800LL, -2208988800LL, 0, 1774746000LL, 2147483647LL,
		7258118400LL, 253402300799LL, INT64_MAX
	};
	for (size_t i = 0; i < sizeof probes / sizeof *probes; i++) {
		rota_civil c;
		rota_time t, later;
		int32_t off;
		rota_tz_to_local(tz, probes[i], &c, &off);
		(void)rota_tz_abbr(tz, probes[i]);
		(void)rota_tz_is_dst(tz, probes[i]);
		(void)rota_tz_next_change(tz, probes[i]);
		(void)rota_tz_footer_offset(tz, probes[i], &off, NULL);
		int r = rota_tz_from_local(tz, &c, &t, &later);
		/* a wall time just read off the zone exists, and no earlier instant shows it
		 * than the first one found */
		if (probes[i] > -((rota_time)1 << 50) && probes[i] < ((rota_time)1 << 50)
		    && (r == ROTA_LOCAL_GAP || t > probes[i]))
			abort();
		(void)rota_tz_day_start(tz, rota_tz_day_of(tz, probes[i]));
	}
	rota_tz_free(tz);
}

static void
fuzz_text(const char *s, const char *fmt, unsigned flags)
{
	rota_error err;
	const rota_tz *tz = rota_tz_get("Europe/Berlin", &err);
	rota_time t, t2;
	int64_t d, d2;
	int secs;
	char buf[ROTA_TIME_BUFSZ];

	if (rota_time_parse(s, tz, flags, &t, &err) == 0 && t > ROTA_TIME_MIN + 2 * 86400
	    && t < ROTA_TIME_MAX - 2 * 86400) {
		rota_time_format(buf, sizeof buf, t, tz);
		if (rota_time_parse(buf, tz, 0, &t2, &err) != 0 || t2 != t)
			abort();
		rota_time_format_utc(buf, sizeof buf, t);
		if (rota_time_parse(buf, NULL, 0, &t2, &err) != 0 || t2 != t)
			abort();
	}
	if (rota_date_parse(s, &d, &err) == 0) {
		rota_date_format(buf, sizeof buf, d);
		if (rota_date_parse(buf, &d2, &err) != 0 || d2 != d)
			abort();
	}
	if (rota_clock_parse(s, &secs, &err) == 0 && (secs < 0 || secs > 86400))
		abort();
	if (rota_duration_parse(s, &d, &err) == 0) {
		if (d < 0)
			abort();
		rota_duration_format(buf, sizeof buf, d);
		if (rota_duration_parse(buf, &d2, &err) != 0 || d2 != d)
			abort();
	}
	if (fmt) {
		(void)rota_time_fmt_check(fmt, &err);
		(void)rota_time_parse_fmt(s, fmt, tz, flags, &t, &err);
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size >= 4 && memcmp(data, "TZif", 4) == 0) {
		fuzz_tzif(data, size);
		return 0;
	}
	char *s = malloc(size + 1);
	memcpy(s, data, size);
	s[size] = '\0';
	char *nl = memchr(s, '\n', size);
	if (nl)
		*nl = '\0';
	fuzz_text(s, nl ? nl + 1 : NULL, size & 1 ? ROTA_PARSE_LENIENT : ROTA_PARSE_DATE_OK);
	free(s);
	return 0;
}
