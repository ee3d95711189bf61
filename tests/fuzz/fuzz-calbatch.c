/* Fuzz target: rota-cal --batch, the whole command, on any bytes as standard input.
 * Its line reader, word splitter and fast time parser live in the command, not the
 * library, so the command itself is compiled in here with its main renamed. */
#include <config.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int rota_cal_main(int argc, char **argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define main rota_cal_main
#include "../../src/cmd/rota-cal.c"
#undef main

/* Calendars that reach every path: a plain UTC week, split days with holidays and an
 * override in a DST zone, a 30-minute DST zone, and one that is never open. */
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

static void
setup(void)
{
	strcpy(config_path, "/tmp/rota-fuzz-cal-XXXXXX");
	int fd = mkstemp(config_path);
	if (fd < 0 || write(fd, config_text, sizeof config_text - 1) < 0)
		abort();
	close(fd);
	strcpy(input_path, "/tmp/rota-fuzz-in-XXXXXX");
	if ((fd = mkstemp(input_path)) < 0)
		abort();
	close(fd);
}

static void
cleanup(void)
{
	unlink(config_path);
	unlink(input_path);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (config_path[0] == '\0') {
		setup();
		atexit(cleanup);
	}
	int fd = open(input_path, O_WRONLY | O_TRUNC);
	if (fd < 0 || (size && write(fd, data, size) != (ssize_t)size))
		abort();
	close(fd);

	int in = open(input_path, O_RDONLY), devnull = open("/dev/null", O_WRONLY);
	int saved_in = dup(STDIN_FILENO), saved_out = dup(STDOUT_FILENO);
	fflush(stdout);
	dup2(in, STDIN_FILENO);
	dup2(devnull, STDOUT_FILENO);
	char a0[] = "rota-cal", a1[] = "--batch", a2[] = "--keep-going", a3[] = "-c";
	char *argv[] = { a0, a1, a2, a3, config_path, NULL };
	rota_cal_main(5, argv);
	fflush(stdout);
	dup2(saved_in, STDIN_FILENO);
	dup2(saved_out, STDOUT_FILENO);
	close(saved_in);
	close(saved_out);
	close(in);
	close(devnull);
	return 0;
}
