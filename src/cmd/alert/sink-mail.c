/* mail: one message per notification through `sendmail -t -i` (no shell).  Ticket text
 * reaches the headers only as the Subject, its control characters replaced (so that no
 * data can end the header and start one of its own: RFC 5322, a header line ends at
 * CRLF) and, when it is not plain ASCII, as RFC 2047 encoded words. */
#include <config.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <rota/rota.h>
#include "sink.h"

const char *
alert_sendmail_program(void)
{
	const char *env = getenv("ROTA_SENDMAIL");
	if (env && *env)
		return env;
	/* PATH first (a site's own wrapper, a test's stand-in), then where sendmail lives
	 * when cron's short PATH lacks /usr/sbin. */
	const char *path = getenv("PATH");
	for (const char *p = path ? path : ""; *p;) {
		size_t n = strcspn(p, ":");
		char buf[4096];
		if (n > 0 && n + 10 < sizeof buf) {
			snprintf(buf, sizeof buf, "%.*s/sendmail", (int)n, p);
			if (access(buf, X_OK) == 0)
				return "sendmail";
		}
		p += n + (p[n] == ':');
	}
	return access("/usr/sbin/sendmail", X_OK) == 0 || access("/usr/lib/sendmail", X_OK) != 0
	       ? "/usr/sbin/sendmail" : "/usr/lib/sendmail";
}

struct ml {
	const rota_sink_def *def;
	const struct alert_env *env;
};

static void *
ml_open(const rota_sink_def *def, const struct alert_env *env, rota_error *err)
{
	struct ml *m = rota_xmalloc(sizeof *m);
	m->def = def;
	m->env = env;
	return m;
}

/* Printable ASCII only: a header value cannot hold a line break or a raw 8-bit byte. */
static void
header_safe(rota_strbuf *b, const char *s)
{
	for (const unsigned char *p = (const unsigned char *)s; *p; p++)
		rota_strbuf_putc(b, *p >= 0x20 && *p < 0x7f ? (char)*p : '?');
}

static void
base64(rota_strbuf *b, const unsigned char *s, size_t n)
{
	static const char a[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
	for (size_t i = 0; i < n; i += 3) {
		unsigned v = (unsigned)s[i] << 16 | (i + 1 < n ? (unsigned)s[i + 1] << 8 : 0) |
		             (i + 2 < n ? s[i + 2] : 0);
		rota_strbuf_putc(b, a[v >> 18 & 63]);
		rota_strbuf_putc(b, a[v >> 12 & 63]);
		rota_strbuf_putc(b, i + 1 < n ? a[v >> 6 & 63] : '=');
		rota_strbuf_putc(b, i + 2 < n ? a[v & 63] : '=');
	}
}

/* A Subject of UTF-8 text (the alert's fields are valid UTF-8): control characters
 * become '?'; ASCII text is folded at blanks within 78 columns, text beyond ASCII goes
 * as RFC 2047 encoded words of 64 bytes at most (a first line of 73), one a folded line,
 * never splitting a character. */
static void
subject(rota_strbuf *b, const char *s)
{
	size_t n = strlen(s);
	unsigned char *t = (unsigned char *)rota_xstrdup(s);
	int ascii = 1;
	for (size_t i = 0; i < n; i++) {
		if (t[i] < 0x20 || t[i] == 0x7f)
			t[i] = '?';
		ascii &= t[i] < 0x80;
	}
	if (ascii) {
		/* Folded at blanks, so that lines stay within 78 columns ("Subject: " is 9). */
		size_t col = 9;
		for (char *w = (char *)t, *end; *w; w = end + (*end == ' ')) {
			end = w + strcspn(w, " ");
			size_t len = (size_t)(end - w);
			if (w != (char *)t && col + 1 + len > 78) {
				rota_strbuf_puts(b, "\n ");
				col = 1;
			} else if (w != (char *)t) {
				rota_strbuf_putc(b, ' ');
				col++;
			}
			rota_strbuf_add(b, w, len);
			col += len;
		}
	} else {
		for (size_t i = 0; i < n;) {
			size_t k = n - i < 39 ? n - i : 39;
			while (i + k < n && (t[i + k] & 0xc0) == 0x80)
				k--;
			rota_strbuf_puts(b, i ? "\n =?UTF-8?B?" : "=?UTF-8?B?");
			base64(b, t + i, k);
			rota_strbuf_puts(b, "?=");
			i += k;
		}
	}
	free(t);
}

/* The body may hold UTF-8 (8bit), but no bare CR and no NUL. */
static void
body_safe(rota_strbuf *b, const char *s)
{
	for (const char *p = s; *p; p++)
		rota_strbuf_putc(b, *p == '\r' || *p == '\n' ? ' ' : *p);
}

/* The Message-ID is the alert's id: a mail sent again (its run was killed before it
 * stored that it went) is the same message to the mail system and to readers that drop
 * duplicates. */
static void
from_and_id(rota_strbuf *b, const char *id)
{
	char host[256] = "localhost";
	if (gethostname(host, sizeof host - 1) < 0 || host[0] == '\0')
		snprintf(host, sizeof host, "localhost");
	host[sizeof host - 1] = '\0';
	const char *from = getenv("ROTA_MAIL_FROM");
	rota_strbuf_puts(b, "\nFrom: ");
	if (from && *from) {
		header_safe(b, from);
	} else {
		const struct passwd *pw = getpwuid(geteuid());
		rota_strbuf_puts(b, "rota-alert <");
		header_safe(b, pw && pw->pw_name[0] ? pw->pw_name : "rota-alert");
		rota_strbuf_putc(b, '@');
		header_safe(b, host);
		rota_strbuf_putc(b, '>');
	}
	rota_strbuf_printf(b, "\nMessage-ID: <rota-alert.%s@", id);
	header_safe(b, host);
	rota_strbuf_putc(b, '>');
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
	for (size_t i = 0; i < m->def->naddrs; i++) {
		rota_strbuf_puts(&b, i ? ", " : "");
		header_safe(&b, m->def->addrs[i]);
	}
	rota_strbuf_printf(&b, "\nSubject: ");
	char subj[ALERT_FIELD_MAX * 4];
	snprintf(subj, sizeof subj, "rota-alert: %.200s %s %s%s%s", n->ticket, n->metric,
	         n->level, n->what == ROTA_ALERT_NEW ? "" : " - ",
	         n->what == ROTA_ALERT_NEW ? "" : rota_alert_what_name(n->what));
	subject(&b, subj);
	from_and_id(&b, n->id);
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

const struct alert_sink alert_sink_mail = {
	"mail", ROTA_SINK_MAIL, 1, ml_open, ml_send, ml_close
};
