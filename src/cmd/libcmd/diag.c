/* Diagnostics on stderr, in the "prog: file:line:col: message" form of every command. */
#include <config.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "../cmd.h"

static const struct cmd_flag common_flags[] = {
	{ "lenient", "--lenient" },
	{ "tz", "--tz ZONE" },
	{ "config", "-c FILE or $ROTA_CONFIG" },
	{ NULL, NULL }
};
static const struct cmd_flag *command_flags;

void
cmd_flags(const struct cmd_flag *table)
{
	command_flags = table;
}

static const char *
flag_for(const char *name, size_t len)
{
	const struct cmd_flag *tables[] = { command_flags, common_flags };
	for (size_t t = 0; t < 2; t++)
		for (const struct cmd_flag *f = tables[t]; f && f->setting; f++)
			if (strlen(f->setting) == len && memcmp(f->setting, name, len) == 0)
				return f->flag;
	return NULL;
}

/* The fix template with every {name} as this command's flag; -1 when one is unknown. */
static int
phrase_fix(const char *fix, char *out, size_t n)
{
	size_t k = 0;
	for (const char *p = fix; *p; p++) {
		const char *end = *p == '{' ? strchr(p, '}') : NULL, *flag = NULL;
		if (end && (flag = flag_for(p + 1, (size_t)(end - p - 1))) == NULL)
			return -1;
		int w = end ? snprintf(out + k, n - k, "%s", flag) : snprintf(out + k, n - k, "%c", *p);
		if (w < 0 || (size_t)w >= n - k)
			return -1;
		k += (size_t)w;
		if (end)
			p = end;
	}
	return 0;
}

const char *
cmd_error_text(const rota_error *e, char *buf, size_t n)
{
	char fix[sizeof e->fix * 2];
	size_t len = strnlen(e->msg, sizeof e->msg);
	if (e->fix[0] == '\0' || e->fix_at + e->fix_len > len ||
	    phrase_fix(e->fix, fix, sizeof fix) < 0) {
		snprintf(buf, n, "%.*s", (int)len, e->msg);
		return buf;
	}
	snprintf(buf, n, "%.*s%s%s", (int)e->fix_at, e->msg, fix, e->msg + e->fix_at + e->fix_len);
	return buf;
}

void
cmd_error_print(const rota_error *e)
{
	char text[sizeof e->msg + sizeof e->fix * 2];

	fprintf(stderr, "%s: ", program_invocation_short_name);
	/* Messages quote input (a name from an export): its control bytes must not reach
	 * the terminal as they are. */
	if (e->file[0]) {
		rota_text_put_message(stderr, e->file);
		if (e->line > 0) {
			fprintf(stderr, ":%ld", e->line);
			if (e->col > 0)
				fprintf(stderr, ":%ld", e->col);
		}
		fputs(": ", stderr);
	}
	rota_text_put_message(stderr, e->msg[0] ? cmd_error_text(e, text, sizeof text)
	                                         : "unknown error");
	fputc('\n', stderr);
}

static void (*fatal_hook)(int *status, const char *msg);

void
cmd_on_fatal(void (*hook)(int *status, const char *msg))
{
	fatal_hook = hook;
}

void
cmd_error_exit(const rota_error *e)
{
	int status = e->status ? e->status : ROTA_EXIT_USAGE;
	cmd_error_print(e);
	if (fatal_hook) {
		char text[sizeof e->msg + sizeof e->fix * 2];
		fatal_hook(&status, e->msg[0] ? cmd_error_text(e, text, sizeof text) : "unknown error");
	}
	exit(status);
}

static void
vwarn(const char *fmt, va_list ap)
{
	char *text = NULL;
	fprintf(stderr, "%s: ", program_invocation_short_name);
	if (vasprintf(&text, fmt, ap) < 0)
		text = NULL;
	rota_text_put_message(stderr, text ? text : fmt);
	free(text);
	fputc('\n', stderr);
}

void
cmd_die(int status, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	if (fatal_hook) {
		char msg[1024];
		va_list aq;
		va_copy(aq, ap);
		vsnprintf(msg, sizeof msg, fmt, aq);
		va_end(aq);
		vwarn(fmt, ap);
		va_end(ap);
		fatal_hook(&status, msg);
		exit(status);
	}
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
