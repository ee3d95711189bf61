/* iCalendar holidays: which dates do a file's events cover?
 *
 * libical parses the text and iterates RRULEs; everything else (which instances exist,
 * what dates they cover in which zone) is done here, so that the rules are ours and
 * testable: DTSTART, RRULE, RDATE (date, date-time, period), EXDATE, RECURRENCE-ID
 * overrides and cancellations, STATUS:CANCELLED.  All checking happens at load time so
 * that expansion cannot fail later.  libical does not say on which line a problem is, so
 * a small scan of the raw text records where every VEVENT property sits. */
#include <config.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>
#include <libical/ical.h>
#include <rota/rota.h>
#include <rota/ical.h>

#define DAY 86400
/* A COUNT rule is iterated from DTSTART (libical cannot enter it later), so its size
 * bounds the work of every expansion. */
#define MAX_COUNT 100000
/* A holiday calendar of a century of dates is well under 1 MiB. */
#define MAX_FILE_BYTES (16 << 20)

/* ---- where things are in the raw text ---- */

struct pline { char name[24]; long line, col; const char *val; size_t vlen; };
struct evpos { long begin; struct pline *p; size_t n, cap; };

struct scan {
	struct evpos *ev;
	size_t nev, cap;
};

/* Split the text into logical lines (unfolding continuation lines) and record, for every
 * VEVENT that sits directly in a VCALENDAR, its BEGIN line and its properties.  The
 * nesting of BEGIN and END is checked here, with the line to blame, before libical sees
 * the text: libical would print its complaints about them on stderr and carry on. */
static int
scan_text(const char *s, size_t len, struct scan *sc, const char *name, rota_error *err)
{
	struct { char name[32]; long line; } stack[16];
	int depth = 0;
	long line = 1;
	size_t i = 0;
	struct evpos *cur = NULL;

	while (i < len) {
		size_t b = i;
		long at = line;
		while (i < len && s[i] != '\n')
			i++;
		size_t e = i;
		if (e > b && s[e - 1] == '\r')
			e--;
		if (i < len)
			i++;
		line++;
		if (e == b || s[b] == ' ' || s[b] == '\t')
			continue;   /* blank or a continuation: belongs to the property above */
		size_t n = 0;
		while (b + n < e && s[b + n] != ':' && s[b + n] != ';')
			n++;
		if (n == 0)
			return rota_error_set(err, ROTA_EXIT_USAGE, name, at, 1, "a line without a "
			                      "property name: expected NAME:VALUE, e.g. SUMMARY:Christmas");
		/* The value starts after the first ':' outside a quoted parameter value. */
		const char *val = s + e;
		for (size_t j = b, q = 0; j < e; j++) {
			if (s[j] == '"')
				q ^= 1;
			else if (s[j] == ':' && !q) {
				val = s + j + 1;
				break;
			}
		}
		size_t vlen = (size_t)(s + e - val);
		int vcol = (int)(val - (s + b)) + 1;
		if (n == 5 && strncasecmp(s + b, "BEGIN", 5) == 0) {
			if (depth == 16)
				return rota_error_set(err, ROTA_EXIT_USAGE, name, at, 1, "components "
				                      "nested more than 16 deep: is an END missing?");
			snprintf(stack[depth].name, sizeof stack[depth].name, "%.*s",
			         (int)(vlen < 31 ? vlen : 31), val);
			stack[depth++].line = at;
			cur = NULL;
			if (depth == 2 && strcasecmp(stack[0].name, "VCALENDAR") == 0 &&
			    strcasecmp(stack[1].name, "VEVENT") == 0) {
				if (sc->nev == sc->cap) {
					sc->cap = sc->cap ? 2 * sc->cap : 16;
					sc->ev = rota_xreallocarray(sc->ev, sc->cap, sizeof *sc->ev);
				}
				cur = &sc->ev[sc->nev++];
				memset(cur, 0, sizeof *cur);
				cur->begin = at;
			}
			continue;
		}
		if (n == 3 && strncasecmp(s + b, "END", 3) == 0) {
			char what[32];
			snprintf(what, sizeof what, "%.*s", (int)(vlen < 31 ? vlen : 31), val);
			if (depth == 0)
				return rota_error_set(err, ROTA_EXIT_USAGE, name, at, vcol, "END:%s "
				                      "without a BEGIN:%s before it", what, what);
			if (strcasecmp(what, stack[depth - 1].name) != 0)
				return rota_error_set(err, ROTA_EXIT_USAGE, name, at, vcol, "END:%s, "
				                      "but BEGIN:%s of line %ld is still open: expected "
				                      "END:%s first", what, stack[depth - 1].name,
				                      stack[depth - 1].line, stack[depth - 1].name);
			depth--;
			cur = NULL;
			/* Back in the VEVENT after a nested VALARM: later properties are its own. */
			if (depth == 2 && sc->nev && strcasecmp(stack[0].name, "VCALENDAR") == 0 &&
			    strcasecmp(stack[1].name, "VEVENT") == 0)
				cur = &sc->ev[sc->nev - 1];
			continue;
		}
		if (cur == NULL || depth != 2)
			continue;
		/* libical splits "RDATE:a,b" into one property a value: so do we. */
		int multi = (n == 5 && strncasecmp(s + b, "RDATE", 5) == 0) ||
		            (n == 6 && strncasecmp(s + b, "EXDATE", 6) == 0);
		const char *v = val, *end = s + e;
		do {
			const char *comma = multi ? memchr(v, ',', (size_t)(end - v)) : NULL;
			const char *vend = comma ? comma : end;
			if (cur->n == cur->cap) {
				cur->cap = cur->cap ? 2 * cur->cap : 16;
				cur->p = rota_xreallocarray(cur->p, cur->cap, sizeof *cur->p);
			}
			struct pline *p = &cur->p[cur->n++];
			snprintf(p->name, sizeof p->name, "%.*s", (int)(n < 23 ? n : 23), s + b);
			p->line = at;
			p->col = (long)(v - (s + b)) + 1;
			p->val = v;
			p->vlen = (size_t)(vend - v);
			v = comma ? comma + 1 : NULL;
		} while (v);
	}
	if (depth > 0)
		return rota_error_set(err, ROTA_EXIT_USAGE, name, stack[depth - 1].line, 1,
		                      "BEGIN:%s is never closed: expected END:%s",
		                      stack[depth - 1].name, stack[depth - 1].name);
	return 0;
}

static void
scan_free(struct scan *sc)
{
	for (size_t i = 0; i < sc->nev; i++)
		free(sc->ev[i].p);
	free(sc->ev);
}

/* ---- the model ---- */

enum zkind { Z_FLOAT, Z_UTC, Z_IANA, Z_VTZ };
struct zref { enum zkind kind; const rota_tz *tz; icaltimezone *vtz; };

/* A length: whole days counted on the wall clock (iCalendar's nominal days) plus
 * exact seconds. */
struct span { int64_t days, secs; };

struct when { struct icaltimetype t; struct zref z; };          /* a start as written */
struct rdate { struct when w; int has_len; struct span len; };
struct match { int is_date; int64_t day; rota_time at; };        /* EXDATE, RECURRENCE-ID */

struct event {
	const char *summary;
	const char *uid;
	int all_day;
	struct when start;
	struct span len;             /* all-day: days only */
	struct icalrecurrencetype *rules;
	size_t nrules;
	struct rdate *rdates;
	size_t nrdates;
	struct match *ex;            /* EXDATEs and instances overridden elsewhere */
	size_t nex;
	int is_override;             /* has RECURRENCE-ID: a single instance */
	struct match rid;
};

struct rota_ical {
	icalcomponent *root;
	struct event *ev;
	size_t nev;
	char *name;
};

static int64_t
days_of(struct icaltimetype t)
{
	return rota_days_from_civil(t.year, t.month, t.day);
}

static int
valid_time(struct icaltimetype t)
{
	if (t.year < 1 || t.year > 9999 || t.month < 1 || t.month > 12 || t.day < 1 ||
	    t.day > rota_days_in_month(t.year, t.month))
		return 0;
	if (t.is_date)
		return 1;
	return t.hour >= 0 && t.hour < 24 && t.minute >= 0 && t.minute < 60 &&
	       t.second >= 0 && t.second < 61;
}

/* The instant a start as written stands for; floating times are wall clock in tz. */
static rota_time
to_instant(const struct when *w, const rota_tz *tz)
{
	struct icaltimetype t = w->t;
	rota_civil c = { t.year, t.month, t.day, t.is_date ? 0 : t.hour, t.is_date ? 0 : t.minute,
	                 t.is_date ? 0 : (t.second > 59 ? 59 : t.second) };
	rota_time out = 0, later;

	switch (w->z.kind) {
	case Z_UTC:
		return rota_days_from_civil(c.year, c.mon, c.day) * DAY + c.hour * 3600 +
		       c.min * 60 + c.sec;
	case Z_VTZ:
		t.zone = NULL;
		t.is_date = 0;
		return (rota_time)icaltime_as_timet_with_zone(t, w->z.vtz);
	case Z_IANA:
		tz = w->z.tz;
		break;
	case Z_FLOAT:
		break;
	}
	/* A gap moves forward and a fold takes the first instant, as everywhere in rota. */
	rota_tz_from_local(tz ? tz : rota_tz_utc(), &c, &out, &later);
	return out;
}

/* Wall-clock days added in the start's own zone, then exact seconds. */
static rota_time
end_instant(const struct when *w, struct span len, const rota_tz *tz)
{
	if (len.days == 0)
		return to_instant(w, tz) + len.secs;
	struct when e = *w;
	int y, m, d;
	rota_civil_from_days(days_of(w->t) + len.days, &y, &m, &d);
	e.t.year = y;
	e.t.month = m;
	e.t.day = d;
	return to_instant(&e, tz) + len.secs;
}

/* ---- loading ---- */

struct loader {
	rota_ical *ic;
	struct scan sc;
	const char *name;
	icalcomponent *cal;        /* the VCALENDAR of the event being read */
	size_t evidx;              /* index among scanned VEVENTs */
	rota_error *err;
};

static const struct pline *
find_prop(const struct loader *L, const char *name, size_t k)
{
	if (L->evidx >= L->sc.nev)
		return NULL;
	const struct evpos *e = &L->sc.ev[L->evidx];
	for (size_t i = 0; i < e->n; i++)
		if (strcasecmp(e->p[i].name, name) == 0 && k-- == 0)
			return &e->p[i];
	return NULL;
}

static int
fail(struct loader *L, const char *prop, size_t k, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

/* An error about the k-th `prop` of the current event (prop NULL: the event itself). */
static int
fail(struct loader *L, const char *prop, size_t k, const char *fmt, ...)
{
	const struct pline *p = prop ? find_prop(L, prop, k) : NULL;
	long line = p ? p->line : (L->evidx < L->sc.nev ? L->sc.ev[L->evidx].begin : 0);
	long col = p ? p->col : 0;
	va_list ap;
	va_start(ap, fmt);
	rota_error_vset(L->err, ROTA_EXIT_USAGE, L->name, line, col, fmt, ap);
	va_end(ap);
	return -1;
}

/* Resolve a TZID: an IANA name is read with the system's zone data (exact for every
 * year; libical stops expanding VTIMEZONE rules after 2037), anything else through the
 * file's VTIMEZONE.  Some producers prefix IANA names with a path
 * ("/freeassociation.sourceforge.net/Europe/Berlin"): its tails are tried too. */
static int
resolve_tzid(struct loader *L, const char *tzid, struct zref *z)
{
	rota_error scratch;
	for (const char *s = tzid; s; s = strchr(s, '/')) {
		if (*s == '/')
			s++;
		if (*s && (z->tz = rota_tz_get(s, &scratch)) != NULL) {
			z->kind = Z_IANA;
			return 0;
		}
	}
	if (L->cal && (z->vtz = icalcomponent_get_timezone(L->cal, tzid)) != NULL) {
		z->kind = Z_VTZ;
		return 0;
	}
	return -1;
}

/* Read a DATE or DATE-TIME value of property p (the k-th of its name) with its zone. */
static int
read_when(struct loader *L, icalproperty *p, struct icaltimetype t, size_t k, struct when *w)
{
	const char *pname = icalproperty_get_property_name(p);

	memset(w, 0, sizeof *w);
	w->t = t;
	if (icaltime_is_null_time(t) || !valid_time(t))
		return fail(L, pname, k, "%s is not a valid date or date-time: expected "
		            "YYYYMMDD or YYYYMMDDTHHMMSS[Z], e.g. 20261224 or 20261224T130000Z",
		            pname);
	if (t.is_date) {
		w->z.kind = Z_FLOAT;
		return 0;
	}
	if (icaltime_is_utc(t)) {
		w->z.kind = Z_UTC;
		return 0;
	}
	icalparameter *tp = icalproperty_get_first_parameter(p, ICAL_TZID_PARAMETER);
	const char *tzid = tp ? icalparameter_get_tzid(tp) : NULL;
	if (tzid == NULL) {
		w->z.kind = Z_FLOAT;
		return 0;
	}
	if (resolve_tzid(L, tzid, &w->z) < 0)
		return fail(L, pname, k, "%s has TZID '%s', which is neither an IANA zone name "
		            "nor defined by a VTIMEZONE in this file: add the VTIMEZONE or use "
		            "a name such as Europe/Berlin", pname, tzid);
	w->t.zone = NULL;
	return 0;
}

static struct span
span_of(struct icaldurationtype d)
{
	struct span s = { (int64_t)d.weeks * 7 + d.days,
	                  (int64_t)d.hours * 3600 + (int64_t)d.minutes * 60 + d.seconds };
	return s;
}

static int
read_match(struct loader *L, icalproperty *p, struct icaltimetype t, size_t k,
           struct match *m)
{
	struct when w;
	if (read_when(L, p, t, k, &w) < 0)
		return -1;
	m->is_date = t.is_date;
	m->day = days_of(t);
	/* Compared with instances computed in the same way, whatever zone is used later. */
	m->at = w.z.kind == Z_FLOAT ? m->day * DAY + (t.is_date ? 0 :
	        t.hour * 3600 + t.minute * 60 + t.second) : to_instant(&w, NULL);
	if (w.z.kind == Z_FLOAT)
		m->is_date |= 2;   /* floating: compare wall clock, not instants */
	return 0;
}

static int
read_length(struct loader *L, icalcomponent *c, struct event *ev)
{
	icalproperty *pe = icalcomponent_get_first_property(c, ICAL_DTEND_PROPERTY);
	icalproperty *pd = icalcomponent_get_first_property(c, ICAL_DURATION_PROPERTY);

	memset(&ev->len, 0, sizeof ev->len);
	if (pe && pd)
		return fail(L, "DURATION", 0, "an event has both DTEND and DURATION: keep one");
	if (pe) {
		struct when e;
		if (read_when(L, pe, icalproperty_get_dtend(pe), 0, &e) < 0)
			return -1;
		if (e.t.is_date != ev->all_day)
			return fail(L, "DTEND", 0, "DTEND must be a %s like DTSTART",
			            ev->all_day ? "DATE" : "DATE-TIME");
		if (ev->all_day) {
			ev->len.days = days_of(e.t) - days_of(ev->start.t);
		} else {
			/* The length is exact; a zone change between start and end is honoured. */
			/* Floating times are read as UTC here: their difference is the wall
			 * clock's, as it should be. */
			ev->len.secs = to_instant(&e, NULL) - to_instant(&ev->start, NULL);
		}
	} else if (pd) {
		struct icaldurationtype d = icalproperty_get_duration(pd);
		if (d.is_neg)
			return fail(L, "DURATION", 0, "DURATION is negative: an event cannot end "
			            "before it starts");
		ev->len = span_of(d);
		if (ev->all_day) {
			ev->len.days += (ev->len.secs + DAY - 1) / DAY;
			ev->len.secs = 0;
		}
	} else if (ev->all_day) {
		ev->len.days = 1;
	}
	if (ev->all_day && ev->len.days < 1)
		ev->len.days = 1;   /* DTEND == DTSTART: many producers mean one day */
	if (!ev->all_day && ev->len.days == 0 && ev->len.secs < 0)
		return fail(L, "DTEND", 0, "DTEND is before DTSTART");
	return 0;
}

static int
read_rules(struct loader *L, icalcomponent *c, struct event *ev)
{
	size_t k = 0;
	for (icalproperty *p = icalcomponent_get_first_property(c, ICAL_RRULE_PROPERTY); p;
	     p = icalcomponent_get_next_property(c, ICAL_RRULE_PROPERTY), k++) {
		struct icalrecurrencetype r = icalproperty_get_rrule(p);
		if (r.freq == ICAL_NO_RECURRENCE)
			return fail(L, "RRULE", k, "RRULE has no valid FREQ: expected e.g. "
			            "FREQ=YEARLY;BYMONTH=12;BYMONTHDAY=25");
		/* Holidays are dates.  Rules that repeat within a day would cost an iteration
		 * per occurrence (up to one a second) to say nothing more. */
		if (r.freq == ICAL_SECONDLY_RECURRENCE || r.freq == ICAL_MINUTELY_RECURRENCE ||
		    r.freq == ICAL_HOURLY_RECURRENCE)
			return fail(L, "RRULE", k, "RRULE FREQ=%s repeats within a day: a holiday "
			            "file lists dates, so use FREQ=DAILY or coarser",
			            icalrecur_freq_to_string(r.freq));
		if (r.by_hour[1] != ICAL_RECURRENCE_ARRAY_MAX ||
		    r.by_minute[1] != ICAL_RECURRENCE_ARRAY_MAX ||
		    r.by_second[1] != ICAL_RECURRENCE_ARRAY_MAX)
			return fail(L, "RRULE", k, "RRULE has several BYHOUR, BYMINUTE or BYSECOND "
			            "values: a holiday file lists dates, one occurrence a day is enough");
		if (r.count > MAX_COUNT)
			return fail(L, "RRULE", k, "RRULE COUNT=%d is more than %d occurrences: "
			            "leave COUNT out for a rule without end", r.count, MAX_COUNT);
		icalrecur_iterator *it = icalrecur_iterator_new(r, ev->start.t);
		if (it == NULL)
			return fail(L, "RRULE", k, "libical cannot expand this RRULE (a rule that "
			            "never matches, such as BYMONTH=2;BYMONTHDAY=30?)");
		icalrecur_iterator_free(it);
		ev->rules = rota_xreallocarray(ev->rules, ev->nrules + 1, sizeof *ev->rules);
		ev->rules[ev->nrules++] = r;
	}
	return 0;
}

static int
read_rdates(struct loader *L, icalcomponent *c, struct event *ev)
{
	size_t k = 0;
	for (icalproperty *p = icalcomponent_get_first_property(c, ICAL_RDATE_PROPERTY); p;
	     p = icalcomponent_get_next_property(c, ICAL_RDATE_PROPERTY), k++) {
		struct icaldatetimeperiodtype v = icalproperty_get_rdate(p);
		struct rdate rd = { 0 };
		int period = icaltime_is_null_time(v.time) && !icaltime_is_null_time(v.period.start);
		if (read_when(L, p, period ? v.period.start : v.time, k, &rd.w) < 0)
			return -1;
		if (rd.w.t.is_date != ev->all_day)
			return fail(L, "RDATE", k, "RDATE must be a %s like DTSTART",
			            ev->all_day ? "DATE" : "DATE-TIME");
		if (period) {
			rd.has_len = 1;
			if (!icaltime_is_null_time(v.period.end)) {
				struct when e;
				if (read_when(L, p, v.period.end, k, &e) < 0)
					return -1;
				rd.len.secs = to_instant(&e, NULL) - to_instant(&rd.w, NULL);
				if (rd.len.secs < 0)
					return fail(L, "RDATE", k, "RDATE period ends before it starts");
			} else {
				rd.len = span_of(v.period.duration);
			}
		}
		ev->rdates = rota_xreallocarray(ev->rdates, ev->nrdates + 1, sizeof *ev->rdates);
		ev->rdates[ev->nrdates++] = rd;
	}
	return 0;
}

static int
read_exdates(struct loader *L, icalcomponent *c, struct event *ev)
{
	size_t k = 0;
	for (icalproperty *p = icalcomponent_get_first_property(c, ICAL_EXDATE_PROPERTY); p;
	     p = icalcomponent_get_next_property(c, ICAL_EXDATE_PROPERTY), k++) {
		struct match m;
		if (read_match(L, p, icalproperty_get_exdate(p), k, &m) < 0)
			return -1;
		ev->ex = rota_xreallocarray(ev->ex, ev->nex + 1, sizeof *ev->ex);
		ev->ex[ev->nex++] = m;
	}
	return 0;
}

/* Properties whose value we use: a value libical could not read is an error there;
 * problems elsewhere (an unknown property name) cannot change a date and are ignored. */
static const char *const used[] = {
	"DTSTART", "DTEND", "DURATION", "RRULE", "RDATE", "EXDATE", "RECURRENCE-ID",
	"STATUS", "UID", NULL
};

static int
check_parse_errors(struct loader *L, icalcomponent *c)
{
	for (icalproperty *p = icalcomponent_get_first_property(c, ICAL_XLICERROR_PROPERTY); p;
	     p = icalcomponent_get_next_property(c, ICAL_XLICERROR_PROPERTY)) {
		const char *msg = icalproperty_get_xlicerror(p);
		if (msg == NULL)
			continue;
		for (int i = 0; used[i]; i++) {
			char pat[40];
			snprintf(pat, sizeof pat, " %s property", used[i]);
			if (strstr(msg, pat) == NULL)
				continue;
			/* Find the line whose value libical quotes after "property: ". */
			const char *v = strstr(msg, "property: ");
			size_t k = 0;
			if (v) {
				v += 10;
				const struct pline *pl;
				for (size_t j = 0; (pl = find_prop(L, used[i], j)) != NULL; j++)
					if (pl->vlen == strlen(v) && memcmp(pl->val, v, pl->vlen) == 0) {
						k = j;
						break;
					}
			}
			return fail(L, used[i], k, "%s cannot be read (libical: %s)", used[i], msg);
		}
	}
	return 0;
}

static int
read_event(struct loader *L, icalcomponent *c, struct event *ev)
{
	memset(ev, 0, sizeof ev[0]);
	if (check_parse_errors(L, c) < 0)
		return -1;
	ev->summary = icalcomponent_get_summary(c);
	if (ev->summary == NULL)
		ev->summary = "";
	ev->uid = icalcomponent_get_uid(c);
	icalproperty *ps = icalcomponent_get_first_property(c, ICAL_DTSTART_PROPERTY);
	if (ps == NULL)
		return fail(L, NULL, 0, "VEVENT '%s' has no DTSTART: a holiday needs a date, "
		            "e.g. DTSTART;VALUE=DATE:20261224", ev->summary);
	if (read_when(L, ps, icalproperty_get_dtstart(ps), 0, &ev->start) < 0)
		return -1;
	ev->all_day = ev->start.t.is_date;
	if (read_length(L, c, ev) < 0 || read_rules(L, c, ev) < 0 ||
	    read_rdates(L, c, ev) < 0 || read_exdates(L, c, ev) < 0)
		return -1;
	icalproperty *pr = icalcomponent_get_first_property(c, ICAL_RECURRENCEID_PROPERTY);
	if (pr) {
		ev->is_override = 1;
		if (read_match(L, pr, icalproperty_get_recurrenceid(pr), 0, &ev->rid) < 0)
			return -1;
	}
	return 0;
}

static void
event_free(struct event *ev)
{
	free(ev->rules);
	free(ev->rdates);
	free(ev->ex);
}

static int
cancelled(icalcomponent *c)
{
	icalproperty *p = icalcomponent_get_first_property(c, ICAL_STATUS_PROPERTY);
	return p && icalproperty_get_status(p) == ICAL_STATUS_CANCELLED;
}

/* A RECURRENCE-ID event replaces one instance of the event with the same UID: that
 * instance is excluded from the master (the override, unless cancelled, is an event
 * of its own). */
static void
link_overrides(rota_ical *ic, struct event *all, const int *dead, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		if (!all[i].is_override || all[i].uid == NULL)
			continue;
		for (size_t j = 0; j < n; j++) {
			struct event *m = &all[j];
			if (m->is_override || m->uid == NULL || strcmp(m->uid, all[i].uid) != 0)
				continue;
			m->ex = rota_xreallocarray(m->ex, m->nex + 1, sizeof *m->ex);
			m->ex[m->nex++] = all[i].rid;
		}
	}
	size_t k = 0;
	for (size_t i = 0; i < n; i++) {
		if (dead[i]) {
			event_free(&all[i]);
			continue;
		}
		/* An override is one instance at its own DTSTART: drop rules it may carry. */
		if (all[i].is_override) {
			all[i].nrules = 0;
			all[i].nrdates = 0;
		}
		all[k++] = all[i];
	}
	ic->ev = all;
	ic->nev = k;
}

static int
load_calendar(struct loader *L, icalcomponent *cal, struct event **all, int **dead, size_t *n)
{
	L->cal = cal;
	for (icalcomponent *c = icalcomponent_get_first_component(cal, ICAL_VEVENT_COMPONENT); c;
	     c = icalcomponent_get_next_component(cal, ICAL_VEVENT_COMPONENT), L->evidx++) {
		*all = rota_xreallocarray(*all, *n + 1, sizeof **all);
		*dead = rota_xreallocarray(*dead, *n + 1, sizeof **dead);
		if (read_event(L, c, &(*all)[*n]) < 0) {
			event_free(&(*all)[*n]);
			return -1;
		}
		(*dead)[*n] = cancelled(c);
		(*n)++;
	}
	return 0;
}

rota_ical *
rota_ical_parse(const char *data, size_t len, const char *name, rota_error *err)
{
	struct loader L = { 0 };
	char *text = rota_xmalloc(len + 1);
	memcpy(text, data, len);
	text[len] = '\0';
	len = strlen(text);   /* libical reads up to a NUL; so must the scan */

	icalerror_set_errors_are_fatal(0);
	L.ic = rota_xcalloc(1, sizeof *L.ic);
	L.ic->name = rota_xstrdup(name);
	L.name = L.ic->name;
	L.err = err;
	if (scan_text(text, len, &L.sc, L.name, err) < 0) {
		free(text);
		scan_free(&L.sc);
		rota_ical_free(L.ic);
		return NULL;
	}
	/* text lives on until the events are read: the scan points into it. */
	icalcomponent *root = icalparser_parse_string(text);
	L.ic->root = root;
	icalcomponent_kind k = root ? icalcomponent_isa(root) : ICAL_NO_COMPONENT;
	struct event *all = NULL;
	int *dead = NULL;
	size_t n = 0;
	int rc = 0;
	if (k == ICAL_VCALENDAR_COMPONENT) {
		rc = load_calendar(&L, root, &all, &dead, &n);
	} else if (k == ICAL_XROOT_COMPONENT) {
		for (icalcomponent *c = icalcomponent_get_first_component(root, ICAL_VCALENDAR_COMPONENT);
		     c && rc == 0; c = icalcomponent_get_next_component(root, ICAL_VCALENDAR_COMPONENT))
			rc = load_calendar(&L, c, &all, &dead, &n);
	} else {
		rc = rota_error_set(err, ROTA_EXIT_USAGE, name, 1, 1, "not an iCalendar file: "
		                    "expected BEGIN:VCALENDAR ... END:VCALENDAR (RFC 5545)");
	}
	scan_free(&L.sc);
	free(text);
	if (rc < 0) {
		for (size_t i = 0; i < n; i++)
			event_free(&all[i]);
		free(all);
		free(dead);
		rota_ical_free(L.ic);
		return NULL;
	}
	link_overrides(L.ic, all, dead, n);
	free(dead);
	return L.ic;
}

rota_ical *
rota_ical_load(const char *path, rota_error *err)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		rota_error_set(err, errno == ENOENT ? ROTA_EXIT_USAGE : ROTA_EXIT_RUNTIME, path, 0, 0,
		               "cannot open holiday file: %s", strerror(errno));
		return NULL;
	}
	rota_strbuf buf = ROTA_STRBUF_INIT;
	int rd = rota_strbuf_read_fd(&buf, fd, MAX_FILE_BYTES);
	if (rd < 0)
		rota_error_set(err, rota_error_open_status(errno), path, 0, 0, "cannot read: %s",
		               strerror(errno));
	else if (rd > 0)
		rota_error_set(err, ROTA_EXIT_USAGE, path, 0, 0, "larger than %d MiB: is it a "
		               "holiday calendar?", MAX_FILE_BYTES >> 20);
	close(fd);
	rota_ical *ic = rd == 0 ? rota_ical_parse(rota_strbuf_str(&buf), buf.len, path, err) : NULL;
	rota_strbuf_free(&buf);
	return ic;
}

void
rota_ical_free(rota_ical *ic)
{
	if (ic == NULL)
		return;
	for (size_t i = 0; i < ic->nev; i++)
		event_free(&ic->ev[i]);
	free(ic->ev);
	if (ic->root)
		icalcomponent_free(ic->root);
	free(ic->name);
	free(ic);
}

size_t rota_ical_nevents(const rota_ical *ic) { return ic->nev; }

int64_t
rota_ical_horizon(const rota_ical *ic)
{
	for (size_t i = 0; i < ic->nev; i++)
		for (size_t k = 0; k < ic->ev[i].nrules; k++)
			if (ic->ev[i].rules[k].count == 0 && icaltime_is_null_time(ic->ev[i].rules[k].until))
				return rota_days_from_civil(ROTA_ICAL_LAST_YEAR, 12, 31);
	return INT64_MAX;
}

void
rota_ical_cleanup(void)
{
	icaltimezone_free_builtin_timezones();
	icalmemory_free_ring();
}

/* ---- expansion ---- */

struct inst { struct when w; struct span len; };

struct expander {
	const struct event *ev;
	const rota_tz *tz;
	int64_t from, to;          /* requested dates */
	int64_t lo, hi;            /* starts (as written) worth generating */
	struct inst *v;
	size_t n, cap;
};

static void
push(struct expander *x, const struct when *w, struct span len)
{
	int64_t d = days_of(w->t);
	if (d < x->lo || d > x->hi)
		return;
	if (x->n == x->cap) {
		x->cap = x->cap ? 2 * x->cap : 16;
		x->v = rota_xreallocarray(x->v, x->cap, sizeof *x->v);
	}
	x->v[x->n].w = *w;
	x->v[x->n].len = len;
	x->n++;
}

/* libical iterates a daily rule at a few microseconds a step, so a rule that started
 * long ago is entered near the window when that cannot change the result: without
 * COUNT, which counts from DTSTART (libical keeps an INTERVAL's phase itself). */
static void
expand_rule(struct expander *x, struct icalrecurrencetype r)
{
	const struct event *ev = x->ev;
	icalrecur_iterator *it = icalrecur_iterator_new(r, ev->start.t);
	if (it == NULL)
		return;
	if (r.count == 0 && x->lo - days_of(ev->start.t) > 400) {
		struct icaltimetype s = ev->start.t;
		int y, m, d;
		rota_civil_from_days(x->lo, &y, &m, &d);
		s.year = y;
		s.month = m;
		s.day = d;
		icalrecur_iterator_set_start(it, s);
	}
	struct icaltimetype t;
	int64_t prev = INT64_MIN;
	while (!icaltime_is_null_time(t = icalrecur_iterator_next(it))) {
		int64_t dn = days_of(t);
		if (dn > x->hi || dn < prev)
			break;     /* past the window, or libical went backwards: stop either way */
		prev = dn;
		struct when w = ev->start;
		w.t.year = t.year; w.t.month = t.month; w.t.day = t.day;
		w.t.hour = t.hour; w.t.minute = t.minute; w.t.second = t.second;
		push(x, &w, ev->len);
	}
	icalrecur_iterator_free(it);
}

static rota_time
inst_start(const struct expander *x, const struct inst *in)
{
	if (in->w.t.is_date)
		return days_of(in->w.t) * DAY;
	return to_instant(&in->w, x->tz);
}

static int
excluded(const struct expander *x, const struct inst *in)
{
	const struct icaltimetype t = in->w.t;
	int64_t day = days_of(t);
	int64_t wall = day * DAY + (t.is_date ? 0 : t.hour * 3600 + t.minute * 60 + t.second);
	for (size_t i = 0; i < x->ev->nex; i++) {
		const struct match *m = &x->ev->ex[i];
		if (t.is_date || (m->is_date & 1)) {
			if (m->day == day)
				return 1;
		} else if (m->is_date & 2 || in->w.z.kind == Z_FLOAT) {
			if (m->at == wall)
				return 1;
		} else if (m->at == to_instant(&in->w, NULL)) {
			return 1;
		}
	}
	return 0;
}

static int
cmp_inst_start(const void *a, const void *b, void *arg)
{
	const struct expander *x = arg;
	rota_time p = inst_start(x, a), q = inst_start(x, b);
	return p < q ? -1 : p > q;
}

/* Dates one instance covers, in tz for timed events. */
static void
covered(const struct expander *x, const struct inst *in, int64_t *d0, int64_t *d1)
{
	if (in->w.t.is_date) {
		*d0 = days_of(in->w.t);
		*d1 = *d0 + (in->len.days > 0 ? in->len.days : 1) - 1;
		return;
	}
	const rota_tz *tz = x->tz ? x->tz : rota_tz_utc();
	rota_time s = to_instant(&in->w, x->tz);
	rota_time e = end_instant(&in->w, in->len, x->tz);
	*d0 = rota_tz_day_of(tz, s);
	*d1 = e > s ? rota_tz_day_of(tz, e - 1) : *d0;
}

static long
expand_event(struct expander *x, rota_ical_date_cb cb, void *arg)
{
	const struct event *ev = x->ev;
	/* Starts from this far before the window may still reach into it. */
	int64_t reach = ev->len.days + ev->len.secs / DAY + 2;
	for (size_t i = 0; i < ev->nrdates; i++)
		if (ev->rdates[i].has_len)
			reach = reach > ev->rdates[i].len.days + ev->rdates[i].len.secs / DAY + 2 ?
			        reach : ev->rdates[i].len.days + ev->rdates[i].len.secs / DAY + 2;
	x->lo = x->from - reach;
	x->hi = x->to + 2;
	x->n = 0;
	push(x, &ev->start, ev->len);
	for (size_t i = 0; i < ev->nrules; i++)
		expand_rule(x, ev->rules[i]);
	for (size_t i = 0; i < ev->nrdates; i++)
		push(x, &ev->rdates[i].w, ev->rdates[i].has_len ? ev->rdates[i].len : ev->len);
	if (x->n > 1)
		qsort_r(x->v, x->n, sizeof *x->v, cmp_inst_start, x);

	long calls = 0;
	int64_t last = INT64_MIN;     /* dates already given for this event */
	for (size_t i = 0; i < x->n; i++) {
		if (i > 0 && inst_start(x, &x->v[i]) == inst_start(x, &x->v[i - 1]) &&
		    x->v[i].len.days == x->v[i - 1].len.days && x->v[i].len.secs == x->v[i - 1].len.secs)
			continue;   /* DTSTART is usually also the rule's first instance */
		if (excluded(x, &x->v[i]))
			continue;
		int64_t d0, d1;
		covered(x, &x->v[i], &d0, &d1);
		if (d0 < x->from)
			d0 = x->from;
		if (d1 > x->to)
			d1 = x->to;
		if (d0 <= last)
			d0 = last + 1;
		for (int64_t d = d0; d <= d1; d++) {
			calls++;
			if (cb(d, ev->summary, arg))
				return -1;
		}
		if (d1 > last)
			last = d1;
	}
	return calls;
}

long
rota_ical_expand(const rota_ical *ic, int64_t from, int64_t to, const rota_tz *tz,
                 rota_ical_date_cb cb, void *arg)
{
	struct expander x = { .tz = tz, .from = from, .to = to };
	long calls = 0;

	if (from > to)
		return 0;
	for (size_t i = 0; i < ic->nev; i++) {
		x.ev = &ic->ev[i];
		long r = expand_event(&x, cb, arg);
		if (r < 0) {
			calls = -1;
			break;
		}
		calls += r;
	}
	free(x.v);
	return calls;
}

struct collect { rota_ical_date *v; size_t n, cap; size_t seq; size_t *order; };

static int
collect_cb(int64_t day, const char *summary, void *arg)
{
	struct collect *c = arg;
	if (c->n == c->cap) {
		c->cap = c->cap ? 2 * c->cap : 64;
		c->v = rota_xreallocarray(c->v, c->cap, sizeof *c->v);
		c->order = rota_xreallocarray(c->order, c->cap, sizeof *c->order);
	}
	c->v[c->n].day = day;
	c->v[c->n].summary = summary;
	c->order[c->n] = c->n;
	c->n++;
	return 0;
}

static int
cmp_date(const void *a, const void *b, void *arg)
{
	const struct collect *c = arg;
	size_t i = *(const size_t *)a, j = *(const size_t *)b;
	if (c->v[i].day != c->v[j].day)
		return c->v[i].day < c->v[j].day ? -1 : 1;
	return i < j ? -1 : i > j;   /* file order decides whose name a date keeps */
}

void
rota_ical_dates(const rota_ical *ic, int64_t from, int64_t to, const rota_tz *tz,
                rota_ical_date **out, size_t *n)
{
	struct collect c = { 0 };
	rota_ical_expand(ic, from, to, tz, collect_cb, &c);
	if (c.n > 1)
		qsort_r(c.order, c.n, sizeof *c.order, cmp_date, &c);
	rota_ical_date *v = c.n ? rota_xmalloc(c.n * sizeof *v) : NULL;
	size_t k = 0;
	for (size_t i = 0; i < c.n; i++) {
		const rota_ical_date *d = &c.v[c.order[i]];
		if (k == 0 || v[k - 1].day != d->day)
			v[k++] = *d;
	}
	free(c.v);
	free(c.order);
	*out = v;
	*n = k;
}
