/* Deadlines out: an open SLA/OLA clock as a VTODO due when its target is reached, with
 * an alarm when its first warn level is. */
#include <config.h>
#include <stdio.h>
#include <string.h>
#include <rota/rota.h>
#include <rota/ical.h>

/* ServiceNow-style priorities ("1 - Critical" .. "5 - Planning", "P1") onto RFC 5545's
 * 1 (highest) .. 9 (lowest); anything else is 0, undefined. */
static int
priority_of(const char *p)
{
	while (p && *p == ' ')
		p++;
	if (p && (*p == 'P' || *p == 'p'))
		p++;
	if (p && *p >= '1' && *p <= '5' && (p[1] < '0' || p[1] > '9'))
		return 2 * (*p - '0') - 1;
	return 0;
}

void
rota_ical_todo_write(rota_strbuf *b, const rota_ical_todo *t, rota_time at)
{
	char buf[96];
	uint64_t h = 0;
	const char *key[] = { t->ticket, t->kind, t->metric, t->team ? t->team : "" };
	for (size_t i = 0; i < sizeof key / sizeof *key; i++)
		h = rota_ical_hash(h, key[i], strlen(key[i]) + 1);
	h = rota_ical_hash(h, &t->cycle, sizeof t->cycle);
	rota_ical_line(b, "BEGIN", "VTODO");
	snprintf(buf, sizeof buf, "deadline-%016llx@rota", (unsigned long long)h);
	rota_ical_line(b, "UID", buf);
	rota_ical_time(buf, sizeof buf, at, NULL);
	rota_ical_line(b, "DTSTAMP", buf);
	rota_ical_time(buf, sizeof buf, t->due, NULL);
	rota_ical_line(b, "DUE", buf);
	rota_strbuf s = ROTA_STRBUF_INIT;
	rota_strbuf_printf(&s, "%s %s %s", t->ticket, t->metric, strcmp(t->state, "breached") == 0 ?
	                   "breached" : "due");
	if (t->team && *t->team)
		rota_strbuf_printf(&s, " (%s)", t->team);
	rota_ical_line_text(b, "SUMMARY", rota_strbuf_str(&s));
	rota_strbuf_reset(&s);
	rota_strbuf_printf(&s, "Ticket: %s\nPolicy: %s (%s)\nMetric: %s, cycle %d\nState: %s",
	                   t->ticket, t->policy, t->kind, t->metric, t->cycle, t->state);
	if (t->priority && *t->priority)
		rota_strbuf_printf(&s, "\nPriority: %s", t->priority);
	if (t->team && *t->team)
		rota_strbuf_printf(&s, "\nTeam: %s", t->team);
	rota_ical_line_text(b, "DESCRIPTION", rota_strbuf_str(&s));
	snprintf(buf, sizeof buf, "%d", priority_of(t->priority));
	rota_ical_line(b, "PRIORITY", buf);
	rota_strbuf_reset(&s);
	rota_strbuf_puts(&s, "CATEGORIES:");
	rota_ical_text(&s, t->kind);
	rota_strbuf_putc(&s, ',');
	rota_ical_text(&s, t->policy);
	rota_ical_fold(b, s.s, s.len);
	rota_ical_line(b, "STATUS", "NEEDS-ACTION");
	if (t->alarm != ROTA_TIME_NONE) {
		rota_ical_line(b, "BEGIN", "VALARM");
		rota_ical_line(b, "ACTION", "DISPLAY");
		rota_ical_time(buf, sizeof buf, t->alarm, NULL);
		rota_ical_line(b, "TRIGGER;VALUE=DATE-TIME", buf);
		rota_strbuf_reset(&s);
		rota_strbuf_printf(&s, "%s %s: %s of the target", t->ticket, t->metric,
		                   t->alarm_level ? t->alarm_level : "warn level");
		rota_ical_line_text(b, "DESCRIPTION", rota_strbuf_str(&s));
		rota_ical_line(b, "END", "VALARM");
	}
	rota_strbuf_free(&s);
	rota_ical_line(b, "END", "VTODO");
}
