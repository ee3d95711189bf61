/* iCalendar text out: content lines, TEXT escaping, folding, VTIMEZONEs from zone data.
 *
 * Written by hand rather than through libical's serializer so that the bytes are ours
 * to keep stable (a re-export of an unchanged roster must be byte-identical) and so
 * that a value can never end its line: libical leaves a lone CR in a TEXT value as it
 * is.  libical reads everything back in the tests. */
#include <config.h>
#include <stdio.h>
#include <string.h>
#include <rota/rota.h>
#include <rota/ical.h>

#define FOLD 75

void
rota_ical_text(rota_strbuf *b, const char *s)
{
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;
		switch (c) {
		case '\\': rota_strbuf_add(b, "\\\\", 2); break;
		case ';': rota_strbuf_add(b, "\\;", 2); break;
		case ',': rota_strbuf_add(b, "\\,", 2); break;
		case '\r':   /* CR, CRLF and LF are one line break */
			if (s[1] == '\n')
				s++;
			rota_strbuf_add(b, "\\n", 2);
			break;
		case '\n': rota_strbuf_add(b, "\\n", 2); break;
		default:
			rota_strbuf_putc(b, c < 0x20 && c != '\t' ? ' ' : c == 0x7f ? ' ' : (char)c);
		}
	}
}

/* A break goes before a UTF-8 lead byte (or an ASCII one), never before a continuation
 * byte: lines hold at most 75 octets, the first, and 74 after the leading space.  Nor
 * next to a blank: some readers (libical) trim the blanks at the end of a physical line
 * or the start of a continuation, which would lose a space of the value. */
static int blank(char c) { return c == ' ' || c == '\t'; }
static int cont(char c) { return ((unsigned char)c & 0xC0) == 0x80; }

void
rota_ical_fold(rota_strbuf *b, const char *line, size_t n)
{
	size_t i = 0, room = FOLD;
	while (n - i > room) {
		size_t cut = i + room;
		while (cut > i && (cont(line[cut]) || blank(line[cut]) || blank(line[cut - 1])))
			cut--;
		if (cut == i)   /* blanks all along: a character boundary will do */
			for (cut = i + room; cut > i && cont(line[cut]); cut--)
				;
		if (cut == i)
			cut = i + room;   /* not UTF-8 (never from us): cut anyway */
		rota_strbuf_add(b, line + i, cut - i);
		rota_strbuf_add(b, "\r\n ", 3);
		i = cut;
		room = FOLD - 1;
	}
	rota_strbuf_add(b, line + i, n - i);
	rota_strbuf_add(b, "\r\n", 2);
}

/* The line is built in a scratch buffer and then folded into b. */
static rota_strbuf scratch_for(void) { rota_strbuf s = ROTA_STRBUF_INIT; return s; }

void
rota_ical_line(rota_strbuf *b, const char *head, const char *value)
{
	size_t h = strlen(head), v = strlen(value);
	if (h + 1 + v <= FOLD) {
		rota_strbuf_add(b, head, h);
		rota_strbuf_putc(b, ':');
		rota_strbuf_add(b, value, v);
		rota_strbuf_add(b, "\r\n", 2);
		return;
	}
	rota_strbuf t = scratch_for();
	rota_strbuf_add(&t, head, h);
	rota_strbuf_putc(&t, ':');
	rota_strbuf_add(&t, value, v);
	rota_ical_fold(b, t.s, t.len);
	rota_strbuf_free(&t);
}

void
rota_ical_line_text(rota_strbuf *b, const char *head, const char *text)
{
	rota_strbuf t = scratch_for();
	rota_strbuf_puts(&t, head);
	rota_strbuf_putc(&t, ':');
	rota_ical_text(&t, text);
	rota_ical_fold(b, t.s, t.len);
	rota_strbuf_free(&t);
}

void
rota_ical_time(char *buf, size_t n, rota_time t, const rota_tz *tz)
{
	rota_civil c;
	rota_tz_to_local(tz ? tz : rota_tz_utc(), t, &c, NULL);
	snprintf(buf, n, "%04d%02d%02dT%02d%02d%02d%s", c.year, c.mon, c.day, c.hour, c.min,
	         c.sec, tz ? "" : "Z");
}

static void
offset_text(char *buf, size_t n, int32_t off)
{
	char sign = off < 0 ? '-' : '+';
	int32_t a = off < 0 ? -off : off;
	if (a % 60)
		snprintf(buf, n, "%c%02d%02d%02d", sign, a / 3600, a / 60 % 60, a % 60);
	else
		snprintf(buf, n, "%c%02d%02d", sign, a / 3600, a / 60 % 60);
}

/* One observance that starts at instant at (its DTSTART is the wall clock the old
 * offset showed then, as RFC 5545 3.6.5 has it). */
static void
observance(rota_strbuf *b, const rota_tz *tz, rota_time at, int32_t from, int first)
{
	int32_t to = rota_tz_offset(tz, at);
	int dst = rota_tz_is_dst(tz, at);
	const char *kind = dst ? "DAYLIGHT" : "STANDARD";
	char buf[40];
	rota_ical_line(b, "BEGIN", kind);
	if (first) {
		rota_ical_line(b, "DTSTART", "19700101T000000");
	} else {
		rota_civil c;
		rota_tz_to_local(rota_tz_utc(), at + from, &c, NULL);
		snprintf(buf, sizeof buf, "%04d%02d%02dT%02d%02d%02d", c.year, c.mon, c.day,
		         c.hour, c.min, c.sec);
		rota_ical_line(b, "DTSTART", buf);
	}
	offset_text(buf, sizeof buf, from);
	rota_ical_line(b, "TZOFFSETFROM", buf);
	offset_text(buf, sizeof buf, to);
	rota_ical_line(b, "TZOFFSETTO", buf);
	const char *abbr = rota_tz_abbr(tz, at);
	if (abbr && *abbr)
		rota_ical_line_text(b, "TZNAME", abbr);
	rota_ical_line(b, "END", kind);
}

void
rota_ical_vtimezone(rota_strbuf *b, const rota_tz *tz, rota_time from, rota_time to)
{
	rota_ical_line(b, "BEGIN", "VTIMEZONE");
	rota_ical_line(b, "TZID", rota_tz_name(tz));
	/* The observance in force at from began at the last change before it; a zone that
	 * has not changed for a year or more gets one observance from 1970 on. */
	rota_time t = from - 400 * 86400LL, last = ROTA_TIME_NONE;
	for (rota_time c; (c = rota_tz_next_change(tz, t)) <= from; t = c)
		last = c;
	if (last == ROTA_TIME_NONE)
		observance(b, tz, from, rota_tz_offset(tz, from), 1);
	else
		observance(b, tz, last, rota_tz_offset(tz, last - 1), 0);
	for (rota_time c = rota_tz_next_change(tz, from); c <= to;
	     c = rota_tz_next_change(tz, c))
		observance(b, tz, c, rota_tz_offset(tz, c - 1), 0);
	rota_ical_line(b, "END", "VTIMEZONE");
}

void
rota_ical_begin(rota_strbuf *b, const char *calname)
{
	rota_ical_line(b, "BEGIN", "VCALENDAR");
	rota_ical_line(b, "VERSION", "2.0");
	rota_ical_line(b, "PRODID", "-//rota//rota-ical " PACKAGE_VERSION "//EN");
	rota_ical_line(b, "CALSCALE", "GREGORIAN");
	rota_ical_line(b, "METHOD", "PUBLISH");
	rota_ical_line_text(b, "X-WR-CALNAME", calname);
}

void rota_ical_end(rota_strbuf *b) { rota_ical_line(b, "END", "VCALENDAR"); }

uint64_t
rota_ical_hash(uint64_t h, const void *data, size_t n)
{
	const unsigned char *p = data;
	if (h == 0)
		h = 0xcbf29ce484222325ULL;
	for (size_t i = 0; i < n; i++) {
		h ^= p[i];
		h *= 0x100000001b3ULL;
	}
	return h;
}

char *
rota_ical_file_name(const char *agent, rota_error *err)
{
	static const char hex[] = "0123456789ABCDEF";
	size_t n = strlen(agent);
	if (n == 0) {
		rota_error_set(err, ROTA_EXIT_USAGE, NULL, 0, 0, "an empty agent id cannot name "
		               "a calendar file: give every agent an id");
		return NULL;
	}
	rota_strbuf b = ROTA_STRBUF_INIT;
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)agent[i];
		if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
		    c == '_' || c == '-' || (c == '.' && i > 0))
			rota_strbuf_putc(&b, (char)c);
		else {
			char e[3] = { '%', hex[c >> 4], hex[c & 15] };
			rota_strbuf_add(&b, e, 3);
		}
	}
	rota_strbuf_puts(&b, ".ics");
	if (b.len > 255) {
		size_t len = b.len;
		rota_strbuf_free(&b);
		rota_error_set(err, ROTA_EXIT_USAGE, NULL, 0, 0, "agent id '%.40s...' is too long "
		               "for a file name (%zu bytes once escaped, 255 at most): use a "
		               "shorter id", agent, len);
		return NULL;
	}
	return rota_strbuf_detach(&b);
}
