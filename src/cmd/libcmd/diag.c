/* Diagnostics on stderr, in the "prog: file:line:col: message" form of every command. */
#include <config.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include "../cmd.h"

void
cmd_error_print(const rota_error *e)
{
	fprintf(stderr, "%s: ", program_invocation_short_name);
	if (e->file[0]) {
		fputs(e->file, stderr);
		if (e->line > 0) {
			fprintf(stderr, ":%ld", e->line);
			if (e->col > 0)
				fprintf(stderr, ":%ld", e->col);
		}
		fputs(": ", stderr);
	}
	fprintf(stderr, "%s\n", e->msg[0] ? e->msg : "unknown error");
}

void
cmd_error_exit(const rota_error *e)
{
	cmd_error_print(e);
	exit(e->status ? e->status : ROTA_EXIT_USAGE);
}

static void
vwarn(const char *fmt, va_list ap)
{
	fprintf(stderr, "%s: ", program_invocation_short_name);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
}

void
cmd_die(int status, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vwarn(fmt, ap);
	va_end(ap);
	exit(status);
}

void
cmd_warn(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vwarn(fmt, ap);
	va_end(ap);
}
