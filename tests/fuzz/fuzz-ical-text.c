/* Fuzz target: rota-ical's writer.  Any bytes as a SUMMARY (an agent id, a shift id, a
 * queue name) must come back from libical as one property with the same text (line
 * breaks as LF, other control bytes as spaces), no physical line may exceed 75 octets,
 * and nothing may become a property of its own.  expand is fuzzed by fuzz-ics.c (it is
 * the holiday reader). */
#include <config.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <libical/ical.h>
#include <rota/rota.h>
#include <rota/ical.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* What the summary must read as: up to the first NUL (a C string ends there), CR, CRLF
 * and LF one LF, other control bytes a space. */
static char *
expected(const uint8_t *data, size_t size)
{
	char *s = rota_xmalloc(size + 1), *o = s;
	for (size_t i = 0; i < size; i++) {
		unsigned char c = data[i];
		if (c == 0)
			break;
		if (c == '\r') {
			if (i + 1 < size && data[i + 1] == '\n')
				i++;
			*o++ = '\n';
		} else
			*o++ = (char)((c < 0x20 && c != '\t' && c != '\n') || c == 0x7f ? ' ' : c);
	}
	/* libical trims blanks at both ends of a value (not ours to keep). */
	while (o > s && (o[-1] == ' ' || o[-1] == '\t'))
		o--;
	*o = '\0';
	size_t lead = strspn(s, " \t");
	memmove(s, s + lead, strlen(s + lead) + 1);
	return s;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *in = rota_xmalloc(size + 1);
	memcpy(in, data, size);
	in[size] = '\0';
	char *want = expected(data, size);
	rota_strbuf b = ROTA_STRBUF_INIT;
	rota_ical_begin(&b, in);
	rota_ical_line(&b, "BEGIN", "VEVENT");
	rota_ical_line(&b, "UID", "u@fuzz");
	rota_ical_line(&b, "DTSTAMP", "20260101T000000Z");
	rota_ical_line(&b, "DTSTART", "20260101T000000Z");
	rota_ical_line_text(&b, "SUMMARY", in);
	rota_ical_line_text(&b, "DESCRIPTION", in);
	rota_ical_line(&b, "END", "VEVENT");
	rota_ical_end(&b);
	for (const char *p = b.s, *e; (e = strstr(p, "\r\n")) != NULL; p = e + 2)
		if (e - p > 75 || memchr(p, '\n', (size_t)(e - p)) || memchr(p, '\r', (size_t)(e - p)))
			abort();   /* an overlong line, or a bare line break inside one */
	icalcomponent *c = icalparser_parse_string(b.s);
	icalcomponent *ev = c ? icalcomponent_get_first_component(c, ICAL_VEVENT_COMPONENT) : NULL;
	if (ev == NULL || icalcomponent_count_properties(ev, ICAL_ANY_PROPERTY) != 5 ||
	    icalcomponent_count_components(ev, ICAL_ANY_COMPONENT) != 0)
		abort();   /* a value became a property or a component of its own */
	const char *got = icalcomponent_get_summary(ev);
	/* libical drops what it cannot store (an empty value): only a non-empty one is
	 * compared. */
	if (*want && (got == NULL || strcmp(got, want) != 0))
		abort();
	icalcomponent_free(c);
	rota_strbuf_free(&b);
	free(want);
	free(in);
	return 0;
}
