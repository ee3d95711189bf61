/* Fuzz target: what rota-cal --batch runs on its input, from the library and the command
 * layer -- the batch reader (with a small line limit, so that the too-long path is hit),
 * the word splitter, the calendar registry and the fast time reader -- on any bytes.
 * Beyond not crashing, the fast readers must agree with rota_time_parse and
 * rota_duration_parse on every word they read (same instant, same seconds), as
 * rota-cal's answers rest on that. */
#include <config.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <rota/rota.h>
#include <rota/calendar.h>
#include <rota/config.h>
#include "../../src/cmd/cmd.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Calendars that reach every path: a plain UTC week, split days with holidays and an
 * override in a DST zone, a 30-minute DST zone, and one that is always open. */
static const char config_text[] =
	"calendars:\n"
	"  utc: { tz: UTC, hours: { mon-fri: \"09:00-18:00\" } }\n"
	"  berlin:\n"
	"    tz: Europe/Berlin\n"
	"    hours: { mon-fri: \"08:00-12:00,13:00-18:00\", sat: \"10:00-14:00\" }\n"
	"    overrides: { 2026-12-24: \"09:00-12:00\" }\n"
	"    holidays: [ 2026-12-25, 2026-12-26, 2027-01-01 ]\n"
	"  lhi: { tz: Australia/Lord_Howe, hours: { mon-sun: \"01:00-03:00,22:00-24:00\" } }\n"
	"  always: { tz: UTC, hours: { mon-sun: \"00:00-24:00\" } }\n";

static char config_path[64], input_path[64];
static rota_config *cfg;
static rota_calendars *cals;

static void
cleanup(void)
{
	rota_calendars_free(cals);
	rota_config_free(cfg);
	unlink(config_path);
	unlink(input_path);
}

static void
setup(void)
{
	rota_error err;
	strcpy(config_path, "/tmp/rota-fuzz-cal-XXXXXX");
	int fd = mkstemp(config_path);
	if (fd < 0 || write(fd, config_text, sizeof config_text - 1) < 0)
		abort();
	close(fd);
	strcpy(input_path, "/tmp/rota-fuzz-in-XXXXXX");
	if ((fd = mkstemp(input_path)) < 0)
		abort();
	close(fd);
	if ((cfg = rota_config_load(config_path, &err)) == NULL)
		abort();
	cals = rota_calendars_new(cfg->calendars, cfg->ncalendars, config_path);
	atexit(cleanup);
}

/* One time word: the fast reader, whole-word and as a prefix, against the general one. */
static void
check_time(rota_time_cache *tc, const char *w, const rota_tz *tz)
{
	rota_time fast, slow, pre;
	rota_error e1, e2;
	int rf = rota_time_parse_fast(tc, w, tz, ROTA_PARSE_DATE_OK, &fast, &e1);
	int rs = rota_time_parse(w, tz, ROTA_PARSE_DATE_OK, &slow, &e2);
	if (rf != rs || (rf == 0 && fast != slow))
		abort();
	const char *end = rota_time_scan(tc, w, tz, 0, &pre);
	if (end != NULL && *end == '\0' && (rs != 0 || pre != slow))
		abort();
}

/* One word as a duration: what the fast reader reads, rota_duration_parse reads alike. */
static void
check_duration(const char *w)
{
	int64_t fast, slow;
	rota_error e;
	char word[64];
	const char *end = rota_duration_scan(w, &fast);
	if (end == NULL)
		return;
	if ((size_t)(end - w) >= sizeof word)   /* five units of nine digits at most */
		abort();
	memcpy(word, w, (size_t)(end - w));
	word[end - w] = '\0';
	if (rota_duration_parse(word, &slow, &e) != 0 || fast != slow)
		abort();
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (cfg == NULL)
		setup();
	int fd = open(input_path, O_WRONLY | O_TRUNC);
	if (fd < 0 || (size && write(fd, data, size) != (ssize_t)size))
		abort();
	close(fd);

	cmd_batch b;
	rota_time_cache tc;
	char *line, *w[CMD_BATCH_MAX_WORDS];
	long cols[CMD_BATCH_MAX_WORDS], bad;
	rota_error err;
	int in = open(input_path, O_RDONLY), got;
	memset(&tc, 0, sizeof tc);
	cmd_batch_open(&b, in, "<fuzz>", 256);
	while ((got = cmd_batch_next(&b, &line, &err)) > 0) {
		int n = cmd_batch_split(line, w, cols, CMD_BATCH_MAX_WORDS, &bad);
		if (n < 2 || n > CMD_BATCH_MAX_WORDS)
			continue;
		rota_calendar *cal = rota_calendars_get(cals, w[1], strlen(w[1]), &err);
		if (cal != NULL && rota_calendars_find_built(cals, w[1], strlen(w[1])) != cal)
			abort();
		const rota_tz *tz = cal ? rota_calendar_tz(cal) : rota_tz_utc();
		for (int i = 2; i < n; i++) {
			rota_time t, u;
			check_time(&tc, w[i], tz);
			check_duration(w[i]);
			if (cal && rota_time_parse(w[i], tz, ROTA_PARSE_DATE_OK, &t, &err) == 0) {
				(void)rota_calendar_between(cal, t, t + 86400);
				if (rota_calendar_add(cal, t, 3600, &u, &err) == 0)
					(void)rota_time_check(u, tz, &err);
			}
		}
	}
	if (got < 0 && err.status != ROTA_EXIT_USAGE)
		abort();   /* a file read fails only as too long */
	cmd_batch_close(&b);
	close(in);
	return 0;
}
