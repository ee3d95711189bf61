/* A strict reader of the Shift Scheduling Benchmark format, and the rota.yaml it becomes
 * (see nrp.h).  Lines are read in place, fields split at commas with their columns kept,
 * so that every complaint points at the byte where the input stopped making sense. */
#include <config.h>
#include <errno.h>
#include <stdarg.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <rota/rota.h>
#include <rota/strbuf.h>
#include <rota/time.h>
#include "nrp.h"

/* ---------------------------------------------------------------- names to indexes */

/* Open addressing over an array of names owned elsewhere: the ids of shifts or staff,
 * and the contracts' rule strings.  Grows at half full, so a probe stays short. */
typedef struct idmap {
	int *slot;        /* index + 1; 0: empty */
	size_t cap;
} idmap;

/* The index of name s[0..n) among names, or -1. */
static int
idmap_find(const idmap *m, char *const *names, const char *s, size_t n)
{
	if (m->cap == 0)
		return -1;
	for (size_t i = rota_hash(s, n) & (m->cap - 1);; i = (i + 1) & (m->cap - 1)) {
		int k = m->slot[i] - 1;
		if (k < 0)
			return -1;
		if (strncmp(names[k], s, n) == 0 && names[k][n] == '\0')
			return k;
	}
}

/* Adds names[k], which has count - 1 names before it and is not in the map. */
static void
idmap_add(idmap *m, char *const *names, int k, size_t count)
{
	if (2 * count > m->cap) {
		idmap g = { NULL, m->cap ? 2 * m->cap : 64 };
		while (2 * count > g.cap)
			g.cap *= 2;
		g.slot = rota_xcalloc(g.cap, sizeof *g.slot);
		for (size_t i = 0; i < m->cap; i++)
			if (m->slot[i]) {
				const char *s = names[m->slot[i] - 1];
				size_t j = rota_hash(s, strlen(s)) & (g.cap - 1);
				while (g.slot[j])
					j = (j + 1) & (g.cap - 1);
				g.slot[j] = m->slot[i];
			}
		free(m->slot);
		*m = g;
	}
	size_t j = rota_hash(names[k], strlen(names[k])) & (m->cap - 1);
	while (m->slot[j])
		j = (j + 1) & (m->cap - 1);
	m->slot[j] = k + 1;
}

/* ---------------------------------------------------------------- the reader */

enum section { S_NONE, S_HORIZON, S_SHIFTS, S_STAFF, S_DAYS_OFF, S_ON, S_OFF, S_COVER, S_N };
static const char *const SECTION[S_N] = {
	NULL, "SECTION_HORIZON", "SECTION_SHIFTS", "SECTION_STAFF", "SECTION_DAYS_OFF",
	"SECTION_SHIFT_ON_REQUESTS", "SECTION_SHIFT_OFF_REQUESTS", "SECTION_COVER",
};

enum { MAX_FIELDS = NRP_MAX_DAYS + 1 };   /* a days-off line: the id and every day */

typedef struct field {
	const char *s;
	size_t n;
	long col;         /* 1-based, in the line as read */
} field;

typedef struct reader {
	const char *file;
	long line;
	rota_error *err;
	nrp_instance *inst;
	enum section sec;
	int seen[S_N];            /* data lines read in each section, +1 once it began */
	idmap shifts, staff;
	char **staff_id;          /* the staff's ids (not owned), for the map */
	/* cannot-follow lists name shifts that may come later in the section: kept as read
	 * and resolved when the section ends */
	field *cf;
	long *cf_line;
	size_t cap_shifts, cap_staff, cap_ids, cap_on, cap_off, cap_cover;
	field f[MAX_FIELDS];
	size_t nf;
} reader;

/* Up to 40 bytes of s for a message, anything not printable ASCII as '?'. */
static const char *
shown(const field *f, char *buf)
{
	size_t n = f->n < 40 ? f->n : 40, i;
	for (i = 0; i < n; i++)
		buf[i] = f->s[i] >= 0x20 && f->s[i] < 0x7f ? f->s[i] : '?';
	strcpy(buf + i, f->n > n ? "..." : "");
	return buf;
}

static int
bad(reader *r, long col, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

static int
bad(reader *r, long col, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	rota_error_vset(r->err, ROTA_EXIT_USAGE, r->file, r->line, col, fmt, ap);
	va_end(ap);
	return -1;
}

static int
is_blank(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\v' || c == '\f';
}

/* A whole number lo..hi, digits only. */
static int
number(reader *r, const field *f, const char *what, long lo, long hi, long *out)
{
	char b[48];
	long v = 0;
	if (f->n == 0)
		return bad(r, f->col, "%s: expected a whole number, found nothing", what);
	for (size_t i = 0; i < f->n; i++) {
		if (f->s[i] < '0' || f->s[i] > '9')
			return bad(r, f->col + (long)i, "%s: expected a whole number (digits only), "
			           "found '%s'", what, shown(f, b));
		if (v > NRP_MAX_VALUE)
			break;
		v = v * 10 + (f->s[i] - '0');
	}
	if (v < lo || v > hi)
		return bad(r, f->col, "%s %s is out of range: expected %ld to %ld", what,
		           shown(f, b), lo, hi);
	*out = v;
	return 0;
}

static int
id_ok(reader *r, const field *f, const char *what)
{
	char b[48];
	if (f->n == 0)
		return bad(r, f->col, "%s: expected an id, found nothing", what);
	if (f->n > NRP_MAX_ID)
		return bad(r, f->col, "%s '%s' is longer than %d bytes", what, shown(f, b), NRP_MAX_ID);
	for (size_t i = 0; i < f->n; i++) {
		char c = f->s[i];
		if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
		      c == '_' || c == '-' || c == '.'))
			return bad(r, f->col + (long)i, "%s '%s': expected letters, digits, '_', '-' "
			           "or '.'", what, shown(f, b));
	}
	return 0;
}

/* An id that a section before defined: its index. */
static int
known(reader *r, const field *f, const char *what, const idmap *m, char *const *names,
      enum section sec, int *out)
{
	char b[48];
	if (id_ok(r, f, what) < 0)
		return -1;
	if ((*out = idmap_find(m, names, f->s, f->n)) < 0)
		return bad(r, f->col, "unknown %s '%s': not in %s", what, shown(f, b), SECTION[sec]);
	return 0;
}

static int
shift_of(reader *r, const field *f, int *out)
{
	return known(r, f, "shift", &r->shifts, r->inst->shift, S_SHIFTS, out);
}

static int
staff_of(reader *r, const field *f, int *out)
{
	return known(r, f, "staff", &r->staff, r->staff_id, S_STAFF, out);
}

static int
day_of(reader *r, const field *f, int *out)
{
	long d;
	if (number(r, f, "day", 0, r->inst->days - 1, &d) < 0)
		return -1;
	*out = (int)d;
	return 0;
}

static int
nfields(reader *r, size_t lo, size_t hi, const char *shape)
{
	if (r->nf >= lo && r->nf <= hi)
		return 0;
	long col = r->nf > hi ? r->f[hi].col - 1 : r->f[r->nf - 1].col + (long)r->f[r->nf - 1].n;
	return bad(r, col, "%s: expected %s, found %zu field%s", SECTION[r->sec], shape, r->nf,
	           r->nf == 1 ? "" : "s");
}

static void *
grow(void *p, size_t *cap, size_t need, size_t size)
{
	if (need <= *cap)
		return p;
	*cap = *cap ? 2 * *cap : 16;
	if (*cap < need)
		*cap = need;
	return rota_xreallocarray(p, *cap, size);
}

static int
shift_line(reader *r)
{
	nrp_instance *in = r->inst;
	char b[48];
	long len;
	if (nfields(r, 2, 3, "2 or 3 fields (id, minutes, shifts that cannot follow it)") < 0 ||
	    id_ok(r, &r->f[0], "shift") < 0)
		return -1;
	if (idmap_find(&r->shifts, in->shift, r->f[0].s, r->f[0].n) >= 0)
		return bad(r, r->f[0].col, "shift '%s' is defined twice", shown(&r->f[0], b));
	if (in->nshifts == NRP_MAX_SHIFTS)
		return bad(r, r->f[0].col, "more than %d shift types", NRP_MAX_SHIFTS);
	if (number(r, &r->f[1], "shift length in minutes", 1, 1440, &len) < 0)
		return -1;
	size_t k = (size_t)in->nshifts;
	if (k == r->cap_shifts) {   /* four arrays of one length */
		r->cap_shifts = k ? 2 * k : 16;
		in->shift = rota_xreallocarray(in->shift, r->cap_shifts, sizeof *in->shift);
		in->length = rota_xreallocarray(in->length, r->cap_shifts, sizeof *in->length);
		r->cf = rota_xreallocarray(r->cf, r->cap_shifts, sizeof *r->cf);
		r->cf_line = rota_xreallocarray(r->cf_line, r->cap_shifts, sizeof *r->cf_line);
	}
	in->shift[k] = rota_xstrndup(r->f[0].s, r->f[0].n);
	in->length[k] = len;
	r->cf[k] = r->nf > 2 ? r->f[2] : (field){ "", 0, 0 };
	r->cf_line[k] = r->line;
	in->nshifts++;
	idmap_add(&r->shifts, in->shift, (int)k, k + 1);
	return 0;
}

/* The end of SECTION_SHIFTS: every cannot-follow name is a shift of it. */
static int
shifts_done(reader *r)
{
	nrp_instance *in = r->inst;
	size_t n = (size_t)in->nshifts;
	in->cannot_follow = rota_xcalloc(n ? n * n : 1, 1);
	long line = r->line;
	for (size_t a = 0; a < n; a++) {
		const field *f = &r->cf[a];
		for (size_t i = 0; i <= f->n;) {
			size_t j = i;
			while (j < f->n && f->s[j] != '|')
				j++;
			field g = { f->s + i, j - i, f->col + (long)i };
			while (g.n && is_blank(g.s[0]))
				g.s++, g.n--, g.col++;
			while (g.n && is_blank(g.s[g.n - 1]))
				g.n--;
			if (g.n) {   /* empty pieces are nothing, as in "D,480," */
				int b;
				r->line = r->cf_line[a];
				if (shift_of(r, &g, &b) < 0)
					return -1;
				in->cannot_follow[a * n + (size_t)b] = 1;
			}
			i = j + 1;
		}
	}
	r->line = line;
	free(r->cf);
	free(r->cf_line);
	r->cf = NULL;
	r->cf_line = NULL;
	return 0;
}

static int
staff_line(reader *r)
{
	nrp_instance *in = r->inst;
	char b[48];
	if (nfields(r, 8, 8, "8 fields (id, max shifts, max minutes, min minutes, max "
	            "consecutive shifts, min consecutive shifts, min consecutive days off, max "
	            "weekends)") < 0)
		return -1;
	if (id_ok(r, &r->f[0], "staff") < 0)
		return -1;
	if (idmap_find(&r->staff, r->staff_id, r->f[0].s, r->f[0].n) >= 0)
		return bad(r, r->f[0].col, "staff '%s' is defined twice", shown(&r->f[0], b));
	if (in->nstaff == NRP_MAX_STAFF)
		return bad(r, r->f[0].col, "more than %d staff", NRP_MAX_STAFF);
	nrp_staff s = { 0 };
	long *v[6] = { &s.max_min, &s.min_min, &s.max_cons, &s.min_cons, &s.min_off, &s.max_we };
	static const char *const what[6] = {
		"max total minutes", "min total minutes", "max consecutive shifts",
		"min consecutive shifts", "min consecutive days off", "max weekends",
	};
	for (int i = 0; i < 6; i++)
		if (number(r, &r->f[2 + i], what[i], 0, NRP_MAX_VALUE, v[i]) < 0)
			return -1;
	s.max_shifts = rota_xmalloc((size_t)in->nshifts * sizeof *s.max_shifts);
	for (int t = 0; t < in->nshifts; t++)
		s.max_shifts[t] = -1;
	const field *f = &r->f[1];
	for (size_t i = 0; i <= f->n;) {
		size_t j = i, eq = 0;
		while (j < f->n && f->s[j] != '|') {
			if (f->s[j] == '=' && !eq)
				eq = j + 1;
			j++;
		}
		if (j > i) {
			int t;
			long m;
			field key = { f->s + i, (eq ? eq - 1 : j) - i, f->col + (long)i };
			field val = { f->s + eq, eq ? j - eq : 0, f->col + (long)eq };
			if (!eq) {
				free(s.max_shifts);
				return bad(r, key.col + (long)key.n, "max shifts: expected SHIFT=COUNT, "
				           "found '%s'", shown(&key, b));
			}
			if (shift_of(r, &key, &t) < 0 ||
			    number(r, &val, "max shifts", 0, NRP_MAX_VALUE, &m) < 0) {
				free(s.max_shifts);
				return -1;
			}
			if (s.max_shifts[t] >= 0) {
				free(s.max_shifts);
				return bad(r, key.col, "max shifts: shift '%s' given twice", shown(&key, b));
			}
			s.max_shifts[t] = m;
		}
		i = j + 1;
	}
	s.id = rota_xstrndup(r->f[0].s, r->f[0].n);
	s.day_off = rota_xcalloc((size_t)in->days, 1);
	in->staff = grow(in->staff, &r->cap_staff, (size_t)in->nstaff + 1, sizeof *in->staff);
	in->staff[in->nstaff] = s;
	in->nstaff++;
	r->staff_id = grow(r->staff_id, &r->cap_ids, (size_t)in->nstaff, sizeof *r->staff_id);
	r->staff_id[in->nstaff - 1] = s.id;
	idmap_add(&r->staff, r->staff_id, in->nstaff - 1, (size_t)in->nstaff);
	return 0;
}

static int
days_off_line(reader *r)
{
	int k, d;
	if (staff_of(r, &r->f[0], &k) < 0)
		return -1;
	for (size_t i = 1; i < r->nf; i++) {
		if (r->f[i].n == 0)
			continue;   /* "A,0," */
		if (day_of(r, &r->f[i], &d) < 0)
			return -1;
		r->inst->staff[k].day_off[d] = 1;
	}
	return 0;
}

static int
request_line(reader *r, nrp_request **v, size_t *n, size_t *cap)
{
	nrp_request q;
	if (nfields(r, 4, 4, "4 fields (staff, day, shift, weight)") < 0 ||
	    staff_of(r, &r->f[0], &q.staff) < 0 || day_of(r, &r->f[1], &q.day) < 0 ||
	    shift_of(r, &r->f[2], &q.shift) < 0 ||
	    number(r, &r->f[3], "weight", 0, NRP_MAX_VALUE, &q.weight) < 0)
		return -1;
	*v = grow(*v, cap, *n + 1, sizeof **v);
	(*v)[(*n)++] = q;
	return 0;
}

static int
cover_line(reader *r)
{
	nrp_cover c;
	nrp_instance *in = r->inst;
	if (nfields(r, 5, 5, "5 fields (day, shift, requirement, weight under, weight over)") < 0 ||
	    day_of(r, &r->f[0], &c.day) < 0 || shift_of(r, &r->f[1], &c.shift) < 0 ||
	    number(r, &r->f[2], "requirement", 0, NRP_MAX_VALUE, &c.need) < 0 ||
	    number(r, &r->f[3], "weight under", 0, NRP_MAX_VALUE, &c.under) < 0 ||
	    number(r, &r->f[4], "weight over", 0, NRP_MAX_VALUE, &c.over) < 0)
		return -1;
	in->cover = grow(in->cover, &r->cap_cover, in->ncover + 1, sizeof *in->cover);
	in->cover[in->ncover++] = c;
	return 0;
}

/* The section before the one starting (or the end of the file) ends: what it must hold. */
static int
section_end(reader *r, long col)
{
	if (r->sec == S_HORIZON && r->seen[S_HORIZON] < 2)
		return bad(r, col, "SECTION_HORIZON ends without the number of days");
	if (r->sec == S_SHIFTS) {
		if (r->seen[S_SHIFTS] < 2)
			return bad(r, col, "SECTION_SHIFTS ends without a shift");
		return shifts_done(r);
	}
	if (r->sec == S_STAFF && r->seen[S_STAFF] < 2)
		return bad(r, col, "SECTION_STAFF ends without staff");
	return 0;
}

static int
section_start(reader *r, const char *s, size_t n, long col)
{
	enum section sec;
	for (sec = S_HORIZON; sec < S_N; sec++)
		if (strlen(SECTION[sec]) == n && memcmp(SECTION[sec], s, n) == 0)
			break;
	if (sec == S_N) {
		field f = { s, n, col };
		char b[48];
		return bad(r, col, "unknown section '%s'", shown(&f, b));
	}
	if (r->seen[sec])
		return bad(r, col, "%s a second time", SECTION[sec]);
	if (section_end(r, col) < 0)
		return -1;
	/* what a section refers to comes before it */
	enum section need = sec == S_SHIFTS ? S_HORIZON : sec == S_STAFF ? S_SHIFTS
	                  : sec > S_STAFF ? S_STAFF : S_NONE;
	if (need != S_NONE && !r->seen[need])
		return bad(r, col, "%s before %s: it must come first", SECTION[sec], SECTION[need]);
	r->sec = sec;
	r->seen[sec] = 1;
	return 0;
}

static int
data_line(reader *r, const char *s, size_t n, long col)
{
	r->nf = 0;
	for (size_t i = 0; i <= n;) {
		size_t j = i;
		while (j < n && s[j] != ',')
			j++;
		if (r->nf == MAX_FIELDS)
			return bad(r, col + (long)i, "more than %d fields", MAX_FIELDS);
		field *f = &r->f[r->nf++];
		*f = (field){ s + i, j - i, col + (long)i };
		while (f->n && is_blank(f->s[0]))
			f->s++, f->n--, f->col++;
		while (f->n && is_blank(f->s[f->n - 1]))
			f->n--;
		i = j + 1;
	}
	nrp_instance *in = r->inst;
	long days;
	switch (r->sec) {
	case S_HORIZON:
		if (r->seen[S_HORIZON] > 1)
			return bad(r, col, "SECTION_HORIZON: one number of days only");
		if (nfields(r, 1, 1, "1 field (the number of days)") < 0 ||
		    number(r, &r->f[0], "horizon", 1, NRP_MAX_DAYS, &days) < 0)
			return -1;
		in->days = (int)days;
		break;
	case S_SHIFTS: if (shift_line(r) < 0) return -1; break;
	case S_STAFF: if (staff_line(r) < 0) return -1; break;
	case S_DAYS_OFF: if (days_off_line(r) < 0) return -1; break;
	case S_ON: if (request_line(r, &in->on, &in->non, &r->cap_on) < 0) return -1; break;
	case S_OFF: if (request_line(r, &in->off, &in->noff, &r->cap_off) < 0) return -1; break;
	case S_COVER: if (cover_line(r) < 0) return -1; break;
	default:
		return bad(r, col, "data before the first SECTION_ line");
	}
	r->seen[r->sec]++;
	return 0;
}

static char *
name_of(const char *file)
{
	const char *base = strrchr(file, '/');
	base = base ? base + 1 : file;
	const char *dot = strrchr(base, '.');
	char *name = rota_xstrndup(base, dot ? (size_t)(dot - base) : strlen(base));
	for (char *p = name; *p; p++)   /* it goes into a YAML comment line */
		if ((unsigned char)*p < 0x20 || *p == 0x7f)
			*p = '?';
	return name;
}

nrp_instance *
nrp_parse(const char *data, size_t len, const char *file, rota_error *err)
{
	reader *r = rota_xcalloc(1, sizeof *r);
	nrp_instance *in = rota_xcalloc(1, sizeof *in);
	r->file = file;
	r->err = err;
	r->inst = in;
	in->name = name_of(file);
	int rc = 0;
	if (len > NRP_MAX_FILE) {
		rota_error_set(err, ROTA_EXIT_USAGE, file, 0, 0, "longer than %zu bytes",
		               NRP_MAX_FILE);
		rc = -1;
	}
	for (size_t pos = 0; rc == 0 && pos < len;) {
		const char *s = data + pos;
		const char *nl = memchr(s, '\n', len - pos);
		size_t n = nl ? (size_t)(nl - s) : len - pos;
		pos += n + 1;
		r->line++;
		if (n > NRP_MAX_LINE) {
			rc = bad(r, (long)NRP_MAX_LINE + 1, "line longer than %zu bytes", NRP_MAX_LINE);
			break;
		}
		const char *nul = memchr(s, '\0', n);
		if (nul) {
			rc = bad(r, (long)(nul - s) + 1, "a NUL byte");
			break;
		}
		long col = 1;
		while (n && is_blank(s[0]))
			s++, n--, col++;
		while (n && is_blank(s[n - 1]))
			n--;
		if (n == 0 || s[0] == '#')
			continue;
		if (n >= 8 && memcmp(s, "SECTION_", 8) == 0)
			rc = section_start(r, s, n, col);
		else
			rc = data_line(r, s, n, col);
	}
	if (rc == 0) {
		r->line++;   /* the end: where what is missing would have been */
		if (section_end(r, 0) < 0) {
			rc = -1;
		} else {
			for (enum section sec = S_HORIZON; sec <= S_STAFF; sec++)
				if (!r->seen[sec]) {
					rc = bad(r, 0, "no %s: the file ends before it (cut short?)",
					         SECTION[sec]);
					break;
				}
		}
	}
	free(r->cf);
	free(r->cf_line);
	free(r->shifts.slot);
	free(r->staff.slot);
	free(r->staff_id);
	free(r);
	if (rc < 0) {
		nrp_free(in);
		return NULL;
	}
	return in;
}

nrp_instance *
nrp_read(const char *path, rota_error *err)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		rota_error_set(err, rota_error_open_status(errno), path, 0, 0, "cannot open: %s",
		               strerror(errno));
		return NULL;
	}
	/* One byte past the limit is read, so that nrp_parse says the file is too long. */
	rota_strbuf buf = ROTA_STRBUF_INIT;
	int rd = rota_strbuf_read_fd(&buf, fd, NRP_MAX_FILE);
	int e = errno;
	close(fd);
	if (rd < 0) {
		rota_error_set(err, rota_error_open_status(e), path, 0, 0, "cannot read: %s",
		               strerror(e));
		rota_strbuf_free(&buf);
		return NULL;
	}
	nrp_instance *in = nrp_parse(rota_strbuf_str(&buf), buf.len, path, err);
	rota_strbuf_free(&buf);
	return in;
}

void
nrp_free(nrp_instance *in)
{
	if (in == NULL)
		return;
	for (int t = 0; t < in->nshifts; t++)
		free(in->shift[t]);
	for (int k = 0; k < in->nstaff; k++) {
		free(in->staff[k].id);
		free(in->staff[k].max_shifts);
		free(in->staff[k].day_off);
	}
	free(in->name);
	free(in->shift);
	free(in->length);
	free(in->cannot_follow);
	free(in->staff);
	free(in->on);
	free(in->off);
	free(in->cover);
	free(in);
}

/* ---------------------------------------------------------------- the rota.yaml */

long
nrp_shift_start(const nrp_instance *in, int t)
{
	long room = 1440 - in->length[t];
	return in->nshifts > 1 ? room * t / (in->nshifts - 1) / 30 * 30 : 0;
}

/* A staff line's rules as a contract, the key that staff with equal rules share. */
static void
rules_of(rota_strbuf *b, const nrp_instance *in, const nrp_staff *s)
{
	rota_strbuf_reset(b);
	rota_strbuf_printf(b, "{ minutes: { horizon: \"%ld-%ld\" }, max_consecutive_days: %ld",
	                   s->min_min, s->max_min, s->max_cons);
	if (s->min_cons > 1)
		rota_strbuf_printf(b, ", min_consecutive_days: %ld", s->min_cons);
	if (s->min_off > 1)
		rota_strbuf_printf(b, ", min_consecutive_days_off: %ld", s->min_off);
	rota_strbuf_printf(b, ", max_weekends: %ld", s->max_we);
	/* a limit of the horizon or more is no limit */
	int any = 0;
	for (int t = 0; t < in->nshifts; t++)
		if (s->max_shifts[t] >= 0 && s->max_shifts[t] < in->days)
			rota_strbuf_printf(b, "%s%s: %ld", any++ ? ", " : ", max_shifts: { ",
			                   in->shift[t], s->max_shifts[t]);
	if (any)
		rota_strbuf_puts(b, " }");
	rota_strbuf_puts(b, " }");
}

/* Requests (on or off) grouped by staff, each group in file order: at[k]..at[k+1]. */
static size_t *
by_staff(const nrp_instance *in, const nrp_request *q, size_t n, size_t **order)
{
	size_t *at = rota_xcalloc((size_t)in->nstaff + 1, sizeof *at);
	*order = rota_xmalloc((n ? n : 1) * sizeof **order);
	for (size_t i = 0; i < n; i++)
		at[q[i].staff + 1]++;
	for (int k = 0; k < in->nstaff; k++)
		at[k + 1] += at[k];
	size_t *fill = rota_xmalloc(((size_t)in->nstaff + 1) * sizeof *fill);
	memcpy(fill, at, ((size_t)in->nstaff + 1) * sizeof *fill);
	for (size_t i = 0; i < n; i++)
		(*order)[fill[q[i].staff]++] = i;
	free(fill);
	return at;
}

static const char *
date(char *b, int64_t start, int day)
{
	rota_date_format(b, 16, start + day);
	return b;
}

int
nrp_write_rota(FILE *f, const nrp_instance *in, int64_t start, rota_error *err)
{
	char d[16];
	fprintf(f, "# %s of the Shift Scheduling Benchmark, converted by bench/nrp2rota.\n"
	        "# rota-roster's objective for this file is the benchmark's objective.\n"
	        "tz: UTC\nroster:\n  start: %s\n  days: %d\n  shifts:\n", in->name,
	        date(d, start, 0), in->days);
	size_t n = (size_t)in->nshifts;
	for (size_t t = 0; t < n; t++) {
		long st = nrp_shift_start(in, (int)t);
		fprintf(f, "    - { id: %s, start: \"%02ld:%02ld\", length: %ldm", in->shift[t],
		        st / 60, st % 60, in->length[t]);
		int any = 0;
		for (size_t u = 0; u < n; u++)
			if (in->cannot_follow[t * n + u])
				fprintf(f, "%s%s", any++ ? ", " : ", cannot_follow: [ ", in->shift[u]);
		fputs(any ? " ] }\n" : " }\n", f);
	}
	/* contracts: one for each distinct set of rules, named in order of first use */
	char **rules = rota_xcalloc((size_t)in->nstaff + 1, sizeof *rules);
	int *contract = rota_xcalloc((size_t)in->nstaff + 1, sizeof *contract);
	int ncontracts = 0;
	idmap m = { NULL, 0 };
	rota_strbuf b = ROTA_STRBUF_INIT;
	fputs("  contracts:\n", f);
	for (int k = 0; k < in->nstaff; k++) {
		rules_of(&b, in, &in->staff[k]);
		int c = idmap_find(&m, rules, b.s, b.len);
		if (c < 0) {
			c = ncontracts++;
			rules[c] = rota_xstrdup(b.s);
			idmap_add(&m, rules, c, (size_t)ncontracts);
			fprintf(f, "    c%d: %s\n", c + 1, rules[c]);
		}
		contract[k] = c;
	}
	size_t *on_order, *off_order;
	size_t *on_at = by_staff(in, in->on, in->non, &on_order);
	size_t *off_at = by_staff(in, in->off, in->noff, &off_order);
	fputs("  agents:\n", f);
	for (int k = 0; k < in->nstaff; k++) {
		const nrp_staff *s = &in->staff[k];
		fprintf(f, "    - id: %s\n      contract: c%d\n", s->id, contract[k] + 1);
		int any = 0;
		for (int day = 0; day < in->days; day++)
			if (s->day_off[day])
				fprintf(f, "%s%s", any++ ? ", " : "      days_off: [ ", date(d, start, day));
		if (any)
			fputs(" ]\n", f);
		for (int which = 0; which < 2; which++) {
			const nrp_request *q = which ? in->off : in->on;
			const size_t *at = which ? off_at : on_at, *order = which ? off_order : on_order;
			if (at[k] == at[k + 1])
				continue;
			fprintf(f, "      %s:\n", which ? "avoid" : "prefer");
			for (size_t i = at[k]; i < at[k + 1]; i++) {
				const nrp_request *r = &q[order[i]];
				fprintf(f, "        - { date: %s, shift: %s, weight: %ld }\n",
				        date(d, start, r->day), in->shift[r->shift], r->weight);
			}
		}
	}
	fputs("  cover:\n", f);
	for (size_t i = 0; i < in->ncover; i++) {
		const nrp_cover *c = &in->cover[i];
		fprintf(f, "    - { date: %s, shift: %s, need: %ld, under: %ld, over: %ld }\n",
		        date(d, start, c->day), in->shift[c->shift], c->need, c->under, c->over);
	}
	fputs("  weights: { under: 100, over: 1, preference: 1, cost: 0, fairness: 0 }\n", f);
	for (int c = 0; c < ncontracts; c++)
		free(rules[c]);
	free(rules);
	free(contract);
	free(m.slot);
	rota_strbuf_free(&b);
	free(on_at);
	free(on_order);
	free(off_at);
	free(off_order);
	if (fflush(f) != 0 || ferror(f))
		return rota_error_set(err, ROTA_EXIT_RUNTIME, NULL, 0, 0, "write error: %s",
		                      strerror(errno));
	return 0;
}
