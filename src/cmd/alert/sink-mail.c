/* mail: one message per notification through `sendmail -t -i` (no shell).  Ticket text
 * reaches the headers only as the Subject, with every control character and every
 * byte outside printable ASCII replaced, so that no data can start a header of its own
 * (RFC 5322: a header line ends at CRLF). */
#include <config.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <rota/strbuf.h>
#include "sink.h"

struct ml {
	const rota_sink_def *def;
	const struct alert_env *env;
};

static void *
ml_open(const rota_sink_def *def, const struct alert_env *env, rota_error *err)
{
	struct ml *m = malloc(sizeof *m);
	if (m) {
		m->def = def;
		m->env = env;
	}
	return m;
}

/* Printable ASCII only: a header value cannot hold a line break or a raw 8-bit byte. */
static void
header_safe(rota_strbuf *b, const char *s)
{
	for (const unsigned char *p = (const unsigned char *)s; *p; p++)
		rota_strbuf_putc(b, *p >= 0x20 && *p < 0x7f ? (char)*p : '?');
}

/* The body may hold UTF-8 (8bit), but no bare CR and no NUL. */
static void
body_safe(rota_strbuf *b, const char *s)
{
	for (const char *p = s; *p; p++)
		rota_strbuf_putc(b, *p == '\r' || *p == '\n' ? ' ' : *p);
}

static int
ml_send(void *st, const rota_alert_note *n, rota_error *err)
{
	struct ml *m = st;
	char v[ALERT_NFIELDS][ALERT_FIELD_MAX], date[64];
	alert_fields(n, m->env->tz, v);
	time_t now = time(NULL);
	strftime(date, sizeof date, "%a, %d %b %Y %H:%M:%S +0000", gmtime(&now));
	rota_strbuf b = ROTA_STRBUF_INIT;
	rota_strbuf_printf(&b, "To: ");
	for (size_t i = 0; i < m->def->naddrs; i++)
		rota_strbuf_printf(&b, "%s%s", i ? ", " : "", m->def->addrs[i]);
	rota_strbuf_printf(&b, "\nSubject: ");
	char subj[ALERT_FIELD_MAX * 4];
	snprintf(subj, sizeof subj, "rota-alert: %s %s %s%s%s", n->ticket, n->metric, n->level,
	         n->what == ROTA_ALERT_NEW ? "" : " - ",
	         n->what == ROTA_ALERT_NEW ? "" : rota_alert_what_name(n->what));
	header_safe(&b, subj);
	rota_strbuf_printf(&b, "\nDate: %s\nAuto-Submitted: auto-generated\nMIME-Version: 1.0\n"
	                 "Content-Type: text/plain; charset=utf-8\n"
	                 "Content-Transfer-Encoding: 8bit\n\n", date);
	for (int i = 0; i < ALERT_NFIELDS; i++) {
		rota_strbuf_printf(&b, "%s: ", alert_field_names[i]);
		body_safe(&b, v[i]);
		rota_strbuf_putc(&b, '\n');
	}
	char *argv[] = { (char *)m->env->sendmail, (char *)"-t", (char *)"-i", NULL };
	int rc = alert_run(argv, NULL, rota_strbuf_str(&b), m->env->timeout, err);
	rota_strbuf_free(&b);
	if (rc < 0)
		rota_error_prefix(err, "mail for %s %s %s: ", n->ticket, n->metric, n->level);
	return rc;
}

static int
ml_close(void *st, rota_error *err)
{
	free(st);
	return 0;
}

const struct alert_sink alert_sink_mail = { "mail", ROTA_SINK_MAIL, ml_open, ml_send, ml_close };
