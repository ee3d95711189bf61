/* rota-ical's library: TEXT escaping and folding, VTIMEZONEs from zone data read back by
 * libical, file names for agents, the export's SEQUENCE/DTSTAMP/cancel rules against a
 * real store, the schema 4 -> 5 migration, and deadlines as VTODOs. */
#include <config.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <libical/ical.h>
#include <rota/rota.h>
#include <rota/config.h>
#include <rota/ical.h>
#include <rota/store.h>
#include "tap.h"
#include "sqlraw.h"

static char dir[] = "/tmp/rota-test-ical-XXXXXX";

static const char *
path(const char *name)
{
	static char buf[8][256];
	static int k;
	k = (k + 1) % 8;
	snprintf(buf[k], sizeof buf[k], "%s/%s", dir, name);
	return buf[k];
}

static void
test_text(void)
{
	rota_strbuf b = ROTA_STRBUF_INIT;
	rota_ical_text(&b, "a,b;c\\d\ne\r\nf\rg\x01h\ti");
	is_str(rota_strbuf_str(&b), "a\\,b\\;c\\\\d\\ne\\nf\\ng h\ti", "TEXT escaping");
	rota_strbuf_free(&b);
}

/* Every physical line at most 75 octets, none starting inside a UTF-8 sequence, and
 * unfolding gives the line back. */
static void
test_fold(void)
{
	rota_strbuf line = ROTA_STRBUF_INIT, b = ROTA_STRBUF_INIT;
	rota_strbuf_puts(&line, "DESCRIPTION:");
	for (int i = 0; i < 60; i++)
		rota_strbuf_puts(&line, i % 3 ? "é" : "€x");
	rota_ical_fold(&b, line.s, line.len);
	int good = 1, lines = 0;
	rota_strbuf un = ROTA_STRBUF_INIT;
	for (const char *p = b.s; *p;) {
		const char *e = strstr(p, "\r\n");
		size_t n = (size_t)(e - p);
		good &= n <= 75;
		if (lines > 0) {
			good &= p[0] == ' ' && ((unsigned char)p[1] & 0xC0) != 0x80;
			rota_strbuf_add(&un, p + 1, n - 1);
		} else
			rota_strbuf_add(&un, p, n);
		lines++;
		p = e + 2;
	}
	ok(good && lines > 2, "folded at 75 octets on UTF-8 boundaries (%d lines)", lines);
	is_str(rota_strbuf_str(&un), line.s, "unfolds to the line");
	rota_strbuf_free(&line);
	rota_strbuf_free(&b);
	rota_strbuf_free(&un);
}

static icalcomponent *
parse(const char *text)
{
	icalcomponent *c = icalparser_parse_string(text);
	if (c == NULL)
		return NULL;
	int errors = icalcomponent_count_errors(c);
	if (errors) {
		ok(0, "libical reports %d errors in:\n%s", errors, text);
	}
	return c;
}

/* A value with CR/LF cannot start a property of its own. */
static void
test_injection(void)
{
	rota_strbuf b = ROTA_STRBUF_INIT;
	rota_ical_begin(&b, "x");
	rota_ical_line(&b, "BEGIN", "VEVENT");
	rota_ical_line(&b, "UID", "u@x");
	rota_ical_line(&b, "DTSTAMP", "20260101T000000Z");
	rota_ical_line(&b, "DTSTART", "20260101T000000Z");
	rota_ical_line_text(&b, "SUMMARY", "E\r\nATTENDEE:mailto:evil@example.com\rSTATUS:CANCELLED\nX");
	rota_ical_line(&b, "END", "VEVENT");
	rota_ical_end(&b);
	icalcomponent *c = parse(b.s);
	icalcomponent *ev = c ? icalcomponent_get_first_component(c, ICAL_VEVENT_COMPONENT) : NULL;
	ok(ev && icalcomponent_count_properties(ev, ICAL_ATTENDEE_PROPERTY) == 0 &&
	   icalcomponent_count_properties(ev, ICAL_STATUS_PROPERTY) == 0, "no injected property");
	is_str(ev ? icalcomponent_get_summary(ev) : NULL,
	       "E\nATTENDEE:mailto:evil@example.com\nSTATUS:CANCELLED\nX", "the summary as given");
	if (c)
		icalcomponent_free(c);
	rota_strbuf_free(&b);
}

/* The instant libical gives a wall time in a VTIMEZONE that we wrote. */
static rota_time
via_vtimezone(const char *zone, rota_time from, rota_time to, const char *wall)
{
	rota_error err;
	const rota_tz *tz = rota_tz_get(zone, &err);
	rota_strbuf b = ROTA_STRBUF_INIT;
	rota_ical_begin(&b, "tz");
	rota_ical_vtimezone(&b, tz, from, to);
	rota_ical_end(&b);
	icalcomponent *c = parse(b.s);
	icaltimezone *z = c ? icalcomponent_get_timezone(c, zone) : NULL;
	rota_time t = -1;
	if (z) {
		struct icaltimetype it = icaltime_from_string(wall);
		t = (rota_time)icaltime_as_timet_with_zone(it, z);
	}
	if (c)
		icalcomponent_free(c);
	rota_strbuf_free(&b);
	return t;
}

static rota_time
iso(const char *s)
{
	rota_time t;
	rota_error err;
	return rota_time_parse(s, NULL, 0, &t, &err) == 0 ? t : -1;
}

static void
test_vtimezone(void)
{
	rota_time a = iso("2026-03-01T00:00Z"), z = iso("2026-11-30T00:00Z");
	is_int(via_vtimezone("Europe/Berlin", a, z, "20260328T090000"), iso("2026-03-28T08:00Z"),
	       "Berlin before the spring change");
	is_int(via_vtimezone("Europe/Berlin", a, z, "20260329T090000"), iso("2026-03-29T07:00Z"),
	       "Berlin on the DST day");
	is_int(via_vtimezone("Europe/Berlin", a, z, "20261025T090000"), iso("2026-10-25T08:00Z"),
	       "Berlin on the autumn change day");
	is_int(via_vtimezone("America/New_York", a, z, "20260308T090000"), iso("2026-03-08T13:00Z"),
	       "New York on its DST day");
	is_int(via_vtimezone("Asia/Kolkata", a, z, "20260701T090000"), iso("2026-07-01T03:30Z"),
	       "Kolkata (no changes: one observance)");
	is_int(via_vtimezone("Australia/Lord_Howe", a, z, "20261010T090000"),
	       iso("2026-10-09T22:00Z"), "Lord Howe after its half-hour change");
}

static void
test_file_name(void)
{
	rota_error err;
	const char *in[] = { "alice", "../x", "/", ".hidden", "a b%", "j.doe" };
	const char *want[] = { "alice.ics", "%2E.%2Fx.ics", "%2F.ics", "%2Ehidden.ics",
	                       "a%20b%25.ics", "j.doe.ics" };
	for (size_t i = 0; i < sizeof in / sizeof *in; i++) {
		char *n = rota_ical_file_name(in[i], &err);
		is_str(n, want[i], in[i]);
		free(n);
	}
	ok(rota_ical_file_name("", &err) == NULL && err.status == ROTA_EXIT_USAGE, "empty refused");
	char longid[200];
	memset(longid, '/', sizeof longid - 1);
	longid[sizeof longid - 1] = '\0';
	ok(rota_ical_file_name(longid, &err) == NULL && strstr(err.msg, "too long"),
	   "too long refused: %s", err.msg);
}

static const char yaml[] =
	"tz: Europe/Berlin\n"
	"queues:\n"
	"  support: { channel: voice, aht: 300s, sl: 80/20s }\n"
	"  chat: { channel: chat, aht: 420s, sl: 80/60s }\n"
	"roster:\n"
	"  shifts:\n"
	"    - { id: E, start: \"07:00\", length: 8h30m, queues: [ support, chat ] }\n"
	"    - { id: L, start: \"13:00\", length: 8h30m }\n"
	"  agents:\n"
	"    - { id: alice, tz: Europe/Berlin, skills: [ support ] }\n"
	"    - { id: bob, tz: America/New_York, skills: [ chat ] }\n";

static void
write_file(const char *p, const char *text)
{
	FILE *f = fopen(p, "w");
	fputs(text, f);
	fclose(f);
}

static char *
export_once(rota_config *cfg, const char *csv, rota_time now, rota_ical_export_stats *st)
{
	rota_error err;
	write_file(path("roster.csv"), csv);
	rota_ical_roster *r = rota_ical_roster_read(path("roster.csv"), cfg->roster,
	                                            rota_tz_utc(), 0, &err);
	if (!ok(r != NULL, "roster read: %s", err.msg))
		return NULL;
	rota_store *s = rota_store_open(path("rota.db"), ROTA_STORE_CREATE, 0, &err);
	rota_ical_calendar *c = NULL;
	size_t n = 0;
	rota_ical_export_opts o = { .plan = "dec", .now = now };
	char *text = NULL;
	if (ok(s && rota_ical_export(s, r, &o, &c, &n, st, &err) == 0 && n == 1 &&
	       rota_store_commit(s, &err) == 0 && rota_store_publish(s, &err) == 0,
	       "export: %s", err.msg))
		text = rota_xstrdup(c[0].text);
	rota_ical_calendars_free(c, n);
	rota_store_close(s);
	rota_ical_roster_free(r);
	return text;
}

/* The VEVENT whose DTSTART line contains key, as text. */
static char *
event_of(const char *text, const char *key)
{
	for (const char *p = text; (p = strstr(p, "BEGIN:VEVENT")) != NULL; p++) {
		const char *e = strstr(p, "END:VEVENT");
		const char *k = strstr(p, key);
		if (k && k < e)
			return rota_xstrndup(p, (size_t)(e - p));
	}
	return rota_xstrdup("");
}

/* The text with the VEVENT containing key taken out. */
static char *
without(const char *text, const char *key)
{
	char *ev = event_of(text, key);
	const char *at = *ev ? strstr(text, ev) : NULL;
	rota_strbuf b = ROTA_STRBUF_INIT;
	if (at) {
		rota_strbuf_add(&b, text, (size_t)(at - text));
		rota_strbuf_puts(&b, at + strlen(ev));
	} else
		rota_strbuf_puts(&b, text);
	free(ev);
	return rota_strbuf_detach(&b);
}

static const char roster1[] =
	"agent,date,shift,start,end,breaks\n"
	"alice,2026-03-29,E,2026-03-29T07:00:00+02:00,2026-03-29T15:30:00+02:00,11:00-11:30\n"
	"alice,2026-03-30,L,2026-03-30T13:00:00+02:00,2026-03-30T21:30:00+02:00,17:00-17:30\n"
	"bob,2026-03-29,L,2026-03-29T13:00:00-04:00,2026-03-29T21:30:00-04:00,\n";
static const char roster2[] =   /* bob's shift is an hour later */
	"agent,date,shift,start,end,breaks\n"
	"alice,2026-03-29,E,2026-03-29T07:00:00+02:00,2026-03-29T15:30:00+02:00,11:00-11:30\n"
	"alice,2026-03-30,L,2026-03-30T13:00:00+02:00,2026-03-30T21:30:00+02:00,17:00-17:30\n"
	"bob,2026-03-29,L,2026-03-29T14:00:00-04:00,2026-03-29T22:30:00-04:00,\n";
static const char roster3[] =   /* alice's Monday is gone */
	"agent,date,shift,start,end,breaks\n"
	"alice,2026-03-29,E,2026-03-29T07:00:00+02:00,2026-03-29T15:30:00+02:00,11:00-11:30\n"
	"bob,2026-03-29,L,2026-03-29T14:00:00-04:00,2026-03-29T22:30:00-04:00,\n";

static void
test_export(void)
{
	rota_error err;
	rota_config *cfg = rota_config_load_mem(yaml, strlen(yaml), "rota.yaml", &err);
	if (!ok(cfg != NULL, "config: %s", err.msg))
		return;
	rota_ical_export_stats st;
	char *a = export_once(cfg, roster1, 1000, &st);
	if (a == NULL)
		return;
	is_int(st.added, 3, "first export: three new");
	char *b = export_once(cfg, roster1, 2000, &st);
	is_str(b, a, "an unchanged roster exports byte for byte the same");
	is_int(st.unchanged, 3, "second export: three unchanged");

	/* libical reads it, round trip included. */
	icalcomponent *c = parse(a);
	ok(c && icalcomponent_count_components(c, ICAL_VEVENT_COMPONENT) == 3 &&
	   icalcomponent_count_components(c, ICAL_VTIMEZONE_COMPONENT) == 2, "libical: 3 events, 2 zones");
	char *again = c ? icalcomponent_as_ical_string_r(c) : NULL;
	icalcomponent *c2 = again ? parse(again) : NULL;
	icalcomponent *e1 = c2 ? icalcomponent_get_first_component(c2, ICAL_VEVENT_COMPONENT) : NULL;
	icaltimezone *berlin = c2 ? icalcomponent_get_timezone(c2, "Europe/Berlin") : NULL;
	ok(e1 && berlin && icaltime_as_timet_with_zone(icalcomponent_get_dtstart(e1), berlin) ==
	   iso("2026-03-29T05:00Z"), "round trip: 07:00 Berlin on the DST day is 05:00Z");
	free(again);
	if (c)
		icalcomponent_free(c);
	if (c2)
		icalcomponent_free(c2);

	char *d = export_once(cfg, roster2, 3000, &st);
	is_int(st.changed, 1, "one shift changed");
	char *ev = event_of(d, "20260329T140000");
	ok(strstr(ev, "SEQUENCE:1\r\n") && strstr(ev, "DTSTAMP:19700101T005000Z\r\n"),
	   "its SEQUENCE grew and DTSTAMP is this export's:\n%s", ev);
	free(ev);
	char *ra = without(a, "20260329T130000"), *rd = without(d, "20260329T140000");
	is_str(rd, ra, "nothing else changed");
	free(ra);
	free(rd);

	char *f = export_once(cfg, roster3, 4000, &st);
	is_int(st.cancelled, 1, "one shift cancelled");
	ev = event_of(f, "20260330T130000");
	ok(strstr(ev, "STATUS:CANCELLED\r\n") && strstr(ev, "SEQUENCE:1\r\n"),
	   "the removed shift comes out cancelled:\n%s", ev);
	free(ev);
	char *g = export_once(cfg, roster3, 5000, &st);
	is_str(g, f, "a cancellation is stable too");
	free(a);
	free(b);
	free(d);
	free(f);
	free(g);
	rota_config_free(cfg);
}

static void
test_roster_errors(void)
{
	rota_error err;
	write_file(path("bad.csv"), "agent,date,shift,start,end,breaks\n"
	           "alice,2026-03-29,E,2026-03-29T07:00:00+02:00,2026-03-29T15:30:00+02:00,11:00-16:30\n");
	rota_ical_roster *r = rota_ical_roster_read(path("bad.csv"), NULL, rota_tz_utc(), 0, &err);
	ok(r == NULL && err.line == 2 && err.col == 72 && strstr(err.msg, "inside the shift"),
	   "a break outside its shift: %ld:%ld %s", err.line, err.col, err.msg);
	/* 02:30 does not exist in Berlin on 29 March: an error, unless lenient. */
	rota_config *cfg = rota_config_load_mem(yaml, strlen(yaml), "rota.yaml", &err);
	write_file(path("bad.csv"), "agent,date,shift,start,end\n"
	           "alice,2026-03-29,N,2026-03-29T02:30,2026-03-29T10:00\n");
	r = rota_ical_roster_read(path("bad.csv"), cfg->roster, rota_tz_utc(), 0, &err);
	ok(r == NULL && err.line == 2 && err.col == 20, "a naive start in a DST gap: %ld:%ld %s",
	   err.line, err.col, err.msg);
	r = rota_ical_roster_read(path("bad.csv"), cfg->roster, rota_tz_utc(), ROTA_PARSE_LENIENT, &err);
	ok(r && r->n == 1 && r->v[0].start == iso("2026-03-29T01:30Z"), "... moved forward when lenient");
	rota_ical_roster_free(r);
	rota_config_free(cfg);
	write_file(path("bad.csv"), "agent,date,shift,start\n");
	r = rota_ical_roster_read(path("bad.csv"), NULL, rota_tz_utc(), 0, &err);
	ok(r == NULL && strstr(err.msg, "'end'"), "a missing column: %s", err.msg);
}

static void
test_migration_v4(void)
{
	rota_error err;
	char sqlfile[4096];
	const char *src = getenv("ROTA_SRCDIR");
	snprintf(sqlfile, sizeof sqlfile, "%s/tests/data/store/v4.sql", src ? src : ".");
	FILE *fp = fopen(sqlfile, "r");
	if (!ok(fp != NULL, "read %s", sqlfile))
		return;
	char *sql = rota_xmalloc(1 << 16);
	size_t len = fread(sql, 1, (1 << 16) - 1, fp);
	sql[len] = '\0';
	fclose(fp);
	const char *db = path("v4.db");
	sqlraw_exec(db, sql);
	free(sql);
	is_int(sqlraw_int(db, "PRAGMA user_version"), 4, "the fixture is version 4");
	rota_store *s = rota_store_open(db, 0, 0, &err);
	if (!ok(s != NULL, "a version 4 database opens: %s", err.msg))
		return;
	is_int(rota_store_version_found(s), 4, "found version 4");
	rota_ical_rec r = { .plan = "p", .agent = "a", .day = 1, .n = 0, .hash = UINT64_MAX,
	                    .seq = 2, .stamp = 3, .start = 4, .end = 5, .tz = "UTC", .summary = "s" };
	ok(rota_store_begin(s, &err) == 0 && rota_store_ical_put(s, &r, &err) == 0 &&
	   rota_store_commit(s, &err) == 0, "export state recorded: %s", err.msg);
	rota_store_close(s);
	is_int(sqlraw_int(db, "PRAGMA user_version"), ROTA_STORE_SCHEMA_VERSION, "v4: migrated");
	is_int(sqlraw_int(db, "SELECT count(*) FROM alert_state"), 2, "v4: alert rows kept");
	is_int(sqlraw_int(db, "SELECT count(*) FROM alert_runs"), 1, "v4: alert runs kept");
	is_int(sqlraw_int(db, "SELECT hash FROM ical_state"), -1, "a 64-bit hash kept");
	is_str(sqlraw_str(db, "PRAGMA integrity_check"), "ok", "v4: integrity");
}

static void
test_todo(void)
{
	rota_strbuf b = ROTA_STRBUF_INIT;
	rota_ical_todo t = { .ticket = "INC1", .kind = "sla", .policy = "p1", .metric =
	                     "first_response", .team = "", .priority = "2 - High",
	                     .state = "running", .cycle = 1, .due = iso("2026-03-09T12:00Z"),
	                     .alarm = iso("2026-03-09T11:30Z"), .alarm_level = "50%" };
	rota_ical_begin(&b, "d");
	rota_ical_todo_write(&b, &t, iso("2026-03-09T11:00Z"));
	t.ticket = "INC2";
	t.priority = "";
	t.alarm = ROTA_TIME_NONE;
	rota_ical_todo_write(&b, &t, iso("2026-03-09T11:00Z"));
	rota_ical_end(&b);
	icalcomponent *c = parse(b.s);
	icalcomponent *td = c ? icalcomponent_get_first_component(c, ICAL_VTODO_COMPONENT) : NULL;
	ok(td && icalcomponent_get_due(td).hour == 12 &&
	   icalproperty_get_priority(icalcomponent_get_first_property(td, ICAL_PRIORITY_PROPERTY)) == 3 &&
	   icalcomponent_count_components(td, ICAL_VALARM_COMPONENT) == 1, "VTODO with DUE, "
	   "PRIORITY 3 for '2 - High' and a VALARM");
	td = c ? icalcomponent_get_next_component(c, ICAL_VTODO_COMPONENT) : NULL;
	ok(td && icalcomponent_count_components(td, ICAL_VALARM_COMPONENT) == 0 &&
	   icalproperty_get_priority(icalcomponent_get_first_property(td, ICAL_PRIORITY_PROPERTY)) == 0,
	   "no warn level: no alarm; no priority: 0");
	if (c)
		icalcomponent_free(c);
	rota_strbuf_free(&b);
}

/* The bounded whole-file read behind every loader (rota_strbuf_read_fd), and the holiday
 * file's bound through it: a file past it is refused, not read whole. */
static void
test_read_bound(void)
{
	FILE *f = fopen(path("hundred.txt"), "w");
	for (int i = 0; i < 100; i++)
		fputc('a' + i % 26, f);
	fclose(f);
	static const struct { size_t max; int rc; size_t len; } cases[] = {
		{ 100, 0, 100 }, { 1000, 0, 100 }, { 99, 1, 100 }, { 10, 1, 11 }, { 0, 1, 1 },
	};
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		int fd = open(path("hundred.txt"), O_RDONLY);
		rota_strbuf b = ROTA_STRBUF_INIT;
		rota_strbuf_add(&b, "x", 1);
		int rc = rota_strbuf_read_fd(&b, fd, cases[i].max);
		close(fd);
		char what[80];
		snprintf(what, sizeof what, "at most %zu of 100 bytes", cases[i].max);
		is_int(rc, cases[i].rc, what);
		is_int(b.len, cases[i].len + 1, "what was read is appended");
		ok(b.s[b.len] == '\0' && b.s[1] == 'a', "NUL-terminated after the bytes read");
		rota_strbuf_free(&b);
	}
	int fd = open(dir, O_RDONLY | O_DIRECTORY);
	rota_strbuf b = ROTA_STRBUF_INIT;
	is_int(rota_strbuf_read_fd(&b, fd, 10), -1, "a directory cannot be read");
	is_int(errno, EISDIR, "errno says why");
	close(fd);
	rota_strbuf_free(&b);

	f = fopen(path("big.ics"), "w");
	ok(f && ftruncate(fileno(f), (16 << 20) + 1) == 0, "a holiday file of 16 MiB and a byte");
	fclose(f);
	rota_error e = { 0 };
	ok(rota_ical_load(path("big.ics"), &e) == NULL && e.status == ROTA_EXIT_USAGE,
	   "is refused as bad input");
	ok(strstr(e.msg, "larger than 16 MiB") != NULL, "saying why: %s", e.msg);
	e = (rota_error){ 0 };
	ok(rota_ical_load(dir, &e) == NULL && e.status == ROTA_EXIT_USAGE,
	   "a directory is bad input too: %s", e.msg);
	unlink(path("hundred.txt"));
	unlink(path("big.ics"));
}

int
main(void)
{
	if (mkdtemp(dir) == NULL)
		return 99;
	test_text();
	test_fold();
	test_injection();
	test_vtimezone();
	test_file_name();
	test_export();
	test_roster_errors();
	test_migration_v4();
	test_todo();
	test_read_bound();
	const char *names[] = { "roster.csv", "bad.csv", "rota.db", "v4.db", "rota.db-wal",
	                        "rota.db-shm", "v4.db-wal", "v4.db-shm" };
	for (size_t i = 0; i < sizeof names / sizeof *names; i++)
		unlink(path(names[i]));
	rmdir(dir);
	rota_ical_cleanup();
	rota_tz_cache_free();
	return tap_done();
}
