#include <config.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include "../cmd.h"

enum { OPT_TZ = 0x7001, OPT_LENIENT };

static const struct argp_option options[] = {
	{ "config", 'c', "FILE", 0,
	  "Configuration file (default: $ROTA_CONFIG, else ./rota.yaml)", 0 },
	{ "db", 'd', "FILE", 0, "SQLite database (default: $ROTA_DB, else ./rota.db)", 0 },
	{ "tz", OPT_TZ, "ZONE", 0,
	  "Planning time zone, an IANA name (default: the config's tz, else UTC)", 0 },
	{ "lenient", OPT_LENIENT, NULL, 0,
	  "Accept naive local times that fall in a DST gap (moved forward) instead of failing", 0 },
	{ "quiet", 'q', NULL, 0, "Print no counts or progress, only errors", 0 },
	{ "verbose", 'v', NULL, 0, "Say more about what is done (repeat for more)", 0 },
	{ 0 }
};

static error_t
parse(int key, char *arg, struct argp_state *state)
{
	struct cmd_cli *cli = state->input;

	switch (key) {
	case 'c': cli->config = arg; cli->config_given = 1; break;
	case 'd': cli->db = arg; break;
	case OPT_TZ: cli->tz = arg; break;
	case OPT_LENIENT: cli->lenient = 1; break;
	case 'q': cli->quiet = 1; cli->verbose = 0; break;
	case 'v': cli->verbose++; cli->quiet = 0; break;
	default: return ARGP_ERR_UNKNOWN;
	}
	return 0;
}

const struct argp cmd_argp = { options, parse, NULL, NULL, NULL, NULL, NULL };

static char version_buf[512];

static void
cmd_oom(void)
{
	cmd_die(ROTA_EXIT_RUNTIME, "out of memory");
}

void
cmd_init(struct cmd_cli *cli, const char *prog)
{
	const char *s;

	memset(cli, 0, sizeof *cli);
	cli->config = "rota.yaml";
	if ((s = getenv("ROTA_CONFIG")) != NULL && *s) {
		cli->config = s;
		cli->config_given = 1;
	}
	cli->db = "rota.db";
	if ((s = getenv("ROTA_DB")) != NULL && *s)
		cli->db = s;
	snprintf(version_buf, sizeof version_buf,
	         "%s (rota) %s\n"
	         "Copyright (C) 2026 the rota authors.\n"
	         "License GPLv3+: GNU GPL version 3 or later <https://gnu.org/licenses/gpl.html>.\n"
	         "This is free software: you are free to change and redistribute it.\n"
	         "There is NO WARRANTY, to the extent permitted by law.",
	         prog, ROTA_VERSION);
	argp_program_version = version_buf;
	argp_program_bug_address = PACKAGE_BUGREPORT;
	/* rota(7): bad usage exits 2, not argp's default 64. */
	argp_err_exit_status = ROTA_EXIT_USAGE;
	rota_set_oom_handler(cmd_oom);
	cmd_signals_init();
}

const char *
cmd_tz(const struct cmd_cli *cli, const char *config_tz)
{
	if (cli->tz && *cli->tz)
		return cli->tz;
	if (config_tz && *config_tz)
		return config_tz;
	return "UTC";
}

static struct timespec progress_t0;
static int progress_shown;

static double
since_start(void)
{
	struct timespec now;
	clock_gettime(CLOCK_MONOTONIC, &now);
	return (double)(now.tv_sec - progress_t0.tv_sec) +
	       (double)(now.tv_nsec - progress_t0.tv_nsec) / 1e9;
}

void
cmd_progress_start(void)
{
	clock_gettime(CLOCK_MONOTONIC, &progress_t0);
	progress_shown = 0;
}

void
cmd_progress(const char *fmt, ...)
{
	va_list ap;

	if (!isatty(STDERR_FILENO) || since_start() < 2.0)
		return;
	fprintf(stderr, "\r%s: ", program_invocation_short_name);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputs("\033[K", stderr);
	progress_shown = 1;
}

void
cmd_progress_cb(void *ctx, const char *what, size_t done, size_t total)
{
	(void)ctx;
	if (total)
		cmd_progress("%s: %zu of %zu", what, done, total);
	else
		cmd_progress("%s: %zu", what, done);
}

void
cmd_progress_done(void)
{
	if (progress_shown)
		fputs("\r\033[K", stderr);
	progress_shown = 0;
}
