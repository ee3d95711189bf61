/* rota: run `rota CMD ARGS` as `rota-CMD ARGS`, like git does. */
#include <config.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <rota/rota.h>
#include "cmd.h"

static const struct { const char *name, *what; } commands[] = {
	{ "import",   "load ticket exports (CSV, gzip; events, snapshots, tickets) into SQLite" },
	{ "config",   "check rota.yaml and print what it understood" },
	{ "cal",      "business-time arithmetic on calendars (add, between, next-open, days)" },
	{ "forecast", "forecast request volume per interval, queue, channel and customer zone" },
	{ "staff",    "agents required per interval (Erlang C / Erlang A, chat, e-mail)" },
	{ "roster",   "solve shift rosters as an integer program (GLPK)" },
	{ "sla",      "SLA and OLA clocks and compliance reports" },
	{ "alert",    "alerts on SLA/OLA risk for cron, Nagios, Prometheus, syslog, mail" },
	{ "ical",     "publish rosters and deadlines as iCalendar; expand holiday calendars" },
};

/* The rota-NAME beside this rota, so that a build tree runs its own commands and not an
 * installed copy; else on PATH.  path receives it; 0 when there is none. */
static int
find(const char *name, char *path, size_t size)
{
	ssize_t n = readlink("/proc/self/exe", path, size - 1);
	if (n > 0) {
		path[n] = '\0';
		char *slash = strrchr(path, '/');
		if (slash && (size_t)(slash - path) + strlen(name) + 2 < size) {
			strcpy(slash + 1, name);
			if (access(path, X_OK) == 0)
				return 1;
			/* A libtool build runs us from .libs/; the wrapper sits one level up. */
			*slash = '\0';
			char *up = strrchr(path, '/');
			if (up && strcmp(up, "/.libs") == 0) {
				strcpy(up + 1, name);
				if (access(path, X_OK) == 0)
					return 1;
			}
		}
	}
	const char *dirs = getenv("PATH");
	for (const char *d = dirs; d && *d;) {
		size_t len = strcspn(d, ":");
		if (snprintf(path, size, "%.*s/%s", (int)len, len ? d : ".", name) < (int)size &&
		    access(path, X_OK) == 0)
			return 1;
		d += len + (d[len] == ':');
	}
	return 0;
}

/* Only the commands that are there: the list names more than one build may have. */
static void
usage(FILE *f)
{
	char name[64], path[PATH_MAX];
	fprintf(f, "Usage: rota COMMAND [ARGS...]\n"
	           "       rota help [COMMAND]\n"
	           "       rota --version\n\n"
	           "Runs rota-COMMAND with ARGS.  Commands:\n");
	for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++) {
		snprintf(name, sizeof name, "rota-%s", commands[i].name);
		if (find(name, path, sizeof path))
			fprintf(f, "  %-9s %s\n", commands[i].name, commands[i].what);
	}
	fprintf(f, "\n'rota help COMMAND' shows a command's options; 'man rota' gives the overview.\n");
}

static void
run(const char *cmd, char **argv)
{
	char name[256], path[PATH_MAX];

	if (strchr(cmd, '/') || snprintf(name, sizeof name, "rota-%s", cmd) >= (int)sizeof name)
		cmd_die(ROTA_EXIT_USAGE, "'%s' is not a rota command; see 'rota help'", cmd);
	argv[0] = name;
	if (find(name, path, sizeof path))
		execv(path, argv);
	else
		errno = ENOENT;
	if (errno == ENOENT)
		cmd_die(ROTA_EXIT_USAGE, "'%s' is not a rota command (no %s found); see 'rota help'",
		         cmd, name);
	cmd_die(ROTA_EXIT_RUNTIME, "cannot run %s: %s", name, strerror(errno));
}

int
main(int argc, char **argv)
{
	if (argc < 2) {
		usage(stderr);
		return ROTA_EXIT_USAGE;
	}
	const char *a = argv[1];
	if (strcmp(a, "--version") == 0 || strcmp(a, "-V") == 0) {
		printf("rota (rota) %s\n", ROTA_VERSION);
		return 0;
	}
	if (strcmp(a, "help") == 0 || strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0 ||
	    strcmp(a, "-?") == 0) {
		if (argc > 2 && strcmp(a, "help") == 0) {
			char *hargv[] = { NULL, "--help", NULL };
			run(argv[2], hargv);
		}
		usage(stdout);
		return 0;
	}
	if (strcmp(a, "--usage") == 0) {
		printf("Usage: rota [--help] [--version] COMMAND [ARGS...]\n");
		return 0;
	}
	if (a[0] == '-')
		cmd_die(ROTA_EXIT_USAGE, "unknown option '%s'; see 'rota --help'", a);
	run(a, argv + 1);
	return ROTA_EXIT_RUNTIME;
}
