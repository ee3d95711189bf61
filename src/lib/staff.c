/* Forecast volume to agents: queue settings, the chat and deferred-work models, the
 * forecast reader and the backlog carried between intervals (rota/staff.h). */
#include <config.h>
#include <ctype.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <rota/rota.h>
#include <rota/staff.h>

/* Rounding a computed head count up must not turn 14 / (1 - 0.3) = 20.000000000000004
 * into 21: values within this relative slack of an integer count as that integer. */
#define COUNT_SLACK 1e-9

/* A deferred queue's gap between two rows is filled with empty intervals (the backlog is
 * worked in them); a gap longer than this is a mistake in the input, not a plan. */
#define ROTA_STAFF_MAX_GAP 100000

static long
ceil_count(double x)
{
	if (!(x > 0))
		return 0;
	/* Capped at 1e-6 so that it never reaches a whole unit: a relative slack alone
	 * would round 1e9 agents down to 999,999,999 heads. */
	double slack = COUNT_SLACK * (x > 1 ? x : 1);
	return (long)ceil(x - (slack < 1e-6 ? slack : 1e-6));
}

/* Heads to schedule, agents / (1 - shrinkage).  A shrinkage just below 1 multiplies
 * without bound; past 1e15 (exact in a double, far inside a long) it is a mistake. */
#define ROTA_STAFF_MAX_HEADS 1e15

static int
heads(const rota_staff_queue *q, long agents, long *out, rota_error *err)
{
	double h = (double)agents / (1 - q->shrinkage);
	if (!(h <= ROTA_STAFF_MAX_HEADS))
		return rota_error_set(err, ROTA_EXIT_USAGE, NULL, 0, 0,
		                      "%ld agents at a shrinkage of %.17g would need %.3g heads: "
		                      "expected a shrinkage that leaves time to answer, such as 0.3",
		                      agents, q->shrinkage, h);
	*out = ceil_count(h);
	return 0;
}

void
rota_staff_opts_init(rota_staff_opts *o)
{
	memset(o, 0, sizeof *o);
	o->model = -1;
	o->aht = o->sl_time = o->asa = o->patience = o->respond_within = -1;
	o->sl = o->max_occupancy = o->shrinkage = o->max_abandon = -1;
}

/* ---- queue settings ---- */

/* Where a queue's settings are being resolved, for messages. */
struct where {
	const char *name;           /* "" for rows without a queue */
	const rota_queue_def *d;    /* its config entry, or NULL */
	const char *cfgpath;        /* the config read, or NULL */
	const char *file;           /* the input (NULL in one-shot mode) */
	long line, col;             /* where the queue first appears in it */
};

static int
missing(rota_error *err, const struct where *w, const char *key, const char *what,
        const char *opt)
{
	/* opt names the settings as {name}, for rota_error_fix */
	if (w->name[0] == '\0' && w->file == NULL) {
		rota_error_set(err, ROTA_EXIT_USAGE, NULL, 0, 0, "no %s (%s): ", key, what);
		return rota_error_fix(err, "give %s, or {queue} to use the settings of a queue in "
		                      "the config", opt);
	}
	if (w->name[0] == '\0')
		rota_error_set(err, ROTA_EXIT_USAGE, w->file, w->line, w->col,
		               "rows without a queue have no %s (%s): queue settings come from the "
		               "config only by queue name, so ", key, what);
	else if (w->d == NULL)
		rota_error_set(err, ROTA_EXIT_USAGE, w->file, w->line, w->col,
		               "queue '%s' has no %s (%s): it is not defined under 'queues:' in %s; "
		               "define it there or ", w->name, key, what,
		               w->cfgpath ? w->cfgpath : "the config (none was read)");
	else
		rota_error_set(err, ROTA_EXIT_USAGE, w->file, w->line, w->col,
		               "queue '%s' has no %s (%s): set '%s' for it in %s (line %ld) or ",
		               w->name, key, what, key,
		               w->d->file ? w->d->file : w->cfgpath ? w->cfgpath : "rota.yaml",
		               w->d->line);
	return rota_error_fix(err, "give %s", opt);
}

/* Settings shared by all models; the command line wins over the config. */
static void
merge(const rota_queue_def *d, const rota_staff_opts *o, rota_staff_opts *m)
{
	*m = *o;
	if (d == NULL)
		return;
	if (m->channel == NULL)
		m->channel = d->channel;
	if (m->aht < 0)
		m->aht = d->aht;
	if (m->sl < 0 && d->sl_target >= 0) {
		m->sl = d->sl_target;
		m->sl_time = d->sl_time;
	}
	if (m->asa < 0)
		m->asa = d->asa;
	if (m->patience < 0)
		m->patience = d->patience;
	if (m->respond_within < 0)
		m->respond_within = d->respond_within;
	if (m->max_occupancy < 0)
		m->max_occupancy = d->max_occupancy;
	if (m->shrinkage < 0)
		m->shrinkage = d->shrinkage;
	if (m->concurrency <= 0)
		m->concurrency = d->concurrency;
}

/* The targets are checked once, here, where the message can name the queue; it points at
 * the config entry when every target came from there. */
static int
check_targets(const rota_staff_queue *q, const rota_staff_opts *o, const struct where *w,
              rota_error *err)
{
	rota_erlang_perf p;
	int rc = q->model == ROTA_STAFF_ERLANG_A ?
	         rota_erlang_a_staff(0, q->aht, q->patience, &q->target, &p, err) :
	         rota_erlang_c_staff(0, q->aht, &q->target, &p, err);
	if (rc == 0)
		return 0;
	char msg[sizeof err->msg];
	snprintf(msg, sizeof msg, "%s", err->msg);
	if (w->d && o->sl < 0 && o->asa < 0 && o->max_occupancy < 0 && o->max_abandon < 0 &&
	    o->patience < 0 && o->model < 0)
		return rota_error_rewrap(err, ROTA_EXIT_USAGE, w->d->file, w->d->line, w->d->col,
		                      "queue '%s': %s", w->name, msg);
	if (w->name[0] == '\0')
		return rota_error_rewrap(err, ROTA_EXIT_USAGE, w->file, w->line, w->col, "%s", msg);
	return rota_error_rewrap(err, ROTA_EXIT_USAGE, w->file, w->line, w->col, "queue '%s': %s",
	                      w->name, msg);
}

/* Voice and chat: Erlang C or A, and the targets. */
static int
resolve_queueing(rota_staff_queue *q, const rota_staff_opts *m, const rota_staff_opts *o,
                 const struct where *w, rota_error *err)
{
	q->model = m->model >= 0 ? m->model : m->patience >= 0 ? ROTA_STAFF_ERLANG_A :
	           ROTA_STAFF_ERLANG_C;
	if (q->model == ROTA_STAFF_ERLANG_A) {
		if (m->patience <= 0)
			return missing(err, w, "patience",
			               "mean time callers wait before they hang up, for Erlang A",
			               "{patience}");
		q->patience = (double)m->patience;
	}
	if (m->sl < 0 && m->asa < 0 && m->max_abandon < 0)
		return missing(err, w, "sl", "a service-level target such as 80/20s, or an 'asa' "
		               "target", "{sl} or {asa}");
	if (m->sl >= 0) {
		q->target.sl = m->sl;
		q->target.sl_time = (double)m->sl_time;
	}
	if (m->asa >= 0)
		q->target.asa = (double)m->asa;
	if (m->max_occupancy >= 0)
		q->target.max_occupancy = m->max_occupancy;
	if (m->max_abandon >= 0)
		q->target.max_abandon = m->max_abandon;
	return check_targets(q, o, w, err);
}

int
rota_staff_queue_resolve(rota_staff_queue *q, const char *name, const rota_queue_def *d,
                         const rota_staff_opts *o, const char *cfgpath, const char *file,
                         long line, long col, rota_error *err)
{
	struct where w = { name, d, cfgpath, file, line, col };
	rota_staff_opts m;
	merge(d, o, &m);
	memset(q, 0, sizeof *q);
	q->name = rota_xstrdup(name);
	q->concurrency = m.concurrency > 0 ? m.concurrency : 1;
	q->shrinkage = m.shrinkage >= 0 ? m.shrinkage : 0;
	q->target = (rota_erlang_target)ROTA_ERLANG_TARGET_NONE;

	/* Without a channel: a response window and no queueing target mean deferred work. */
	const char *ch = m.channel;
	if (ch == NULL)
		ch = m.respond_within >= 0 && m.sl < 0 && m.asa < 0 ? "email" :
		     q->concurrency > 1 ? "chat" : "voice";
	if (m.aht <= 0)
		return missing(err, &w, "aht", "average handling time", "{aht}");
	q->aht = (double)m.aht;
	if (!(q->shrinkage < 1))
		return rota_error_set(err, ROTA_EXIT_USAGE, file, line, col,
		                      "queue '%s': shrinkage %g leaves nobody to answer: expected a "
		                      "share R with 0 <= R < 1", name, q->shrinkage);
	if (strcmp(ch, "email") != 0)
		return resolve_queueing(q, &m, o, &w, err);
	q->model = ROTA_STAFF_DEFERRED;
	q->concurrency = 1;
	if (m.respond_within <= 0)
		return missing(err, &w, "respond_within",
		               "the time within which e-mail must be answered", "{respond_within}");
	q->respond_within = (double)m.respond_within;
	return 0;
}

void
rota_staff_queue_free(rota_staff_queue *q)
{
	free(q->name);
	q->name = NULL;
}

/* ---- voice and chat ---- */

/* Chat: an agent who handles N chats at once is N servers ("slots"); a chat holds one
 * slot for its whole handling time `aht`, and the next chat in line takes the first
 * free slot of any agent.  That is M/M/(N m) exactly, so staff slots with Erlang C or A
 * and round up to whole agents; the figures printed are for the slots those agents
 * bring. */
int
rota_staff_interval(const rota_staff_queue *q, double interval, rota_staff_row *row,
                    rota_error *err)
{
	double a = row->volume * q->aht / interval;
	rota_erlang_perf p;
	int rc = q->model == ROTA_STAFF_ERLANG_A ?
	         rota_erlang_a_staff(a, q->aht, q->patience, &q->target, &p, err) :
	         rota_erlang_c_staff(a, q->aht, &q->target, &p, err);
	if (rc < 0)
		return -1;
	long agents = p.agents, n = q->concurrency;
	if (n > 1) {
		agents = (p.agents + n - 1) / n;
		double t = q->target.sl > 0 ? q->target.sl_time : 0;
		if (agents * n != p.agents) {
			if (q->model == ROTA_STAFF_ERLANG_A)
				rota_erlang_a_perf(a, agents * n, q->aht, q->patience, t, &p);
			else
				rota_erlang_c_perf(a, agents * n, q->aht, t, &p);
		}
	}
	if (heads(q, agents, &row->required, err) < 0)
		return -1;
	row->agents = agents;
	row->service_level = p.service_level;
	row->asa = p.asa;
	row->occupancy = p.occupancy;
	row->abandon = p.abandon;
	row->backlog = 0;
	return 0;
}

/* ---- deferred work ----
 * Work that arrives in an interval is taken to arrive at its start and to be due
 * respond_within later.  Each interval gets the fewest whole agents m with
 *     m >= (work due by d, not yet done) / (d - now)   for every known deadline d,
 * i.e. the lowest steady level that finishes everything known on time; agents then work
 * the backlog oldest first.  New work always has a later deadline than old work, so a
 * level that suffices now still suffices when later intervals add to it. */
struct bucket {
	double due;     /* deadline, seconds from the first interval */
	double left;    /* agent-seconds of work not done yet */
	double total;
	double resp;    /* sum over work done of (completion - arrival), agent-seconds * s */
	double late;    /* work finished after the deadline */
	size_t row;
	double arrive;
};

static void
bucket_done(const struct bucket *b, rota_staff_row *rows)
{
	rota_staff_row *r = &rows[b->row];
	r->asa = b->resp / b->total;
	r->service_level = 1 - b->late / b->total;
	if (r->service_level < 0)
		r->service_level = 0;
}

/* Work m agents through the queue for `len` seconds from `now`.  Returns agent-seconds
 * used; finished buckets are recorded and dropped from the front. */
static double
work_queue(struct bucket *q, size_t *head, size_t tail, long m, double now, double len,
           rota_staff_row *rows)
{
	double cap = (double)m * len, used = 0;
	while (*head < tail && used < cap) {
		struct bucket *b = &q[*head];
		double take = b->left < cap - used ? b->left : cap - used;
		double t0 = now + used / (double)m, t1 = now + (used + take) / (double)m;
		b->resp += take * ((t0 + t1) / 2 - b->arrive);
		if (t1 > b->due && t1 > t0)
			b->late += take * (t1 - (t0 > b->due ? t0 : b->due)) / (t1 - t0);
		b->left -= take;
		used += take;
		/* What rounding leaves over (the head count is rounded with a relative slack)
		 * is not work. */
		if (b->left <= b->total * 1e-9) {
			bucket_done(b, rows);
			(*head)++;
		}
	}
	return used;
}

/* "queue 'NAME': " for messages, or nothing for rows without a queue. */
static const char *
queue_prefix(char *buf, size_t n, const char *name)
{
	snprintf(buf, n, name[0] ? "queue '%s': " : "%s", name);
	return buf;
}

int
rota_staff_deferred(const rota_staff_queue *q, double interval, rota_staff_row *rows,
                    size_t n, rota_error *err)
{
	char pre[300];
	struct bucket *bq = rota_xcalloc(n, sizeof *bq);
	size_t head = 0, tail = 0;
	long m = 0;
	double now = 0;

	for (size_t i = 0; i < n; i++) {
		rota_staff_row *r = &rows[i];
		now = (double)(r->start - rows[0].start);
		r->service_level = 1;
		r->asa = 0;
		r->abandon = 0;
		if (r->volume > 0)
			bq[tail++] = (struct bucket){ now + q->respond_within, r->volume * q->aht,
			                              r->volume * q->aht, 0, 0, i, now };
		double rate = 0, cum = 0;
		for (size_t k = head; k < tail; k++) {
			cum += bq[k].left;
			double span = bq[k].due - now;
			if (span > 0 && cum / span > rate)
				rate = cum / span;
			else if (span <= 0 && cum / interval > rate)
				rate = cum / interval;  /* overdue (cannot happen beyond rounding) */
		}
		if (!(rate <= 1e12)) {
			free(bq);
			return rota_error_set(err, ROTA_EXIT_USAGE, NULL, r->line, r->col,
			                      "%sanswering this work within %g s would take %g agents: "
			                      "check the volume, aht and respond_within",
			                      queue_prefix(pre, sizeof pre, q->name), q->respond_within,
			                      rate);
		}
		m = ceil_count(rate);
		double used = m > 0 ? work_queue(bq, &head, tail, m, now, interval, rows) : 0;
		if (heads(q, m, &r->required, err) < 0) {
			char msg[sizeof err->msg];
			snprintf(msg, sizeof msg, "%s", err->msg);
			free(bq);
			return rota_error_rewrap(err, ROTA_EXIT_USAGE, NULL, r->line, r->col, "%s%s",
			                      queue_prefix(pre, sizeof pre, q->name), msg);
		}
		r->agents = m;
		r->occupancy = m > 0 ? used / ((double)m * interval) : 0;
		double left = 0;
		for (size_t k = head; k < tail; k++)
			left += bq[k].left;
		r->backlog = left / q->aht;
	}
	/* Past the last interval the last level goes on (it was chosen to finish everything
	 * known in time), so the last intervals' answer times are complete too. */
	if (head < tail && m > 0) {
		double left = 0;
		for (size_t k = head; k < tail; k++)
			left += bq[k].left;
		work_queue(bq, &head, tail, m, now + interval, left / (double)m * (1 + 1e-12), rows);
	}
	for (; head < tail; head++)
		bucket_done(&bq[head], rows);
	free(bq);
	return 0;
}

/* ---- reading the forecast ---- */

static int
field_error(rota_error *err, rota_csv *c, size_t i, long col_off, const char *fmt, ...)
	__attribute__((format(printf, 5, 6)));

static int
field_error(rota_error *err, rota_csv *c, size_t i, long col_off, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	rota_error_vset(err, ROTA_EXIT_USAGE, rota_csv_name(c), rota_csv_field_line(c, i),
	                rota_csv_field_col(c, i) + col_off, fmt, ap);
	va_end(ap);
	return -1;
}

/* A plain decimal number: digits, one point, an exponent; no hex, inf, nan or blanks. */
static int
parse_volume(const char *s, double *out)
{
	const char *p = s;
	if (*p == '+' || *p == '-')
		p++;
	if (!isdigit((unsigned char)*p) && !(*p == '.' && isdigit((unsigned char)p[1])))
		return -1;
	for (const char *x = p; *x; x++)
		if (!isdigit((unsigned char)*x) && *x != '.' && *x != 'e' && *x != 'E' && *x != '+' &&
		    *x != '-')
			return -1;
	char *end;
	/* Only overflow is an error: an underflow (1e-320) is a tiny volume, read as such. */
	double v = strtod(s, &end);
	if (*end != '\0' || !isfinite(v))
		return -1;
	*out = v;
	return 0;
}

static size_t
queue_index(rota_staff_input *in, const char *name, long line, long col, size_t *cache)
{
	if (*cache < in->nqueues && strcmp(in->queues[*cache], name) == 0)
		return *cache;
	for (size_t i = 0; i < in->nqueues; i++)
		if (strcmp(in->queues[i], name) == 0)
			return *cache = i;
	in->queues = rota_xreallocarray(in->queues, in->nqueues + 1, sizeof *in->queues);
	in->queue_line = rota_xreallocarray(in->queue_line, in->nqueues + 1, sizeof(long));
	in->queue_col = rota_xreallocarray(in->queue_col, in->nqueues + 1, sizeof(long));
	in->queues[in->nqueues] = rota_xstrdup(name);
	in->queue_line[in->nqueues] = line;
	in->queue_col[in->nqueues] = col;
	return *cache = in->nqueues++;
}

static int
cmp_row(const void *x, const void *y)
{
	const rota_staff_row *a = x, *b = y;
	if (a->start != b->start)
		return a->start < b->start ? -1 : 1;
	if (a->queue != b->queue)
		return a->queue < b->queue ? -1 : 1;
	/* Keep input order among equals, so that the first row's position is kept. */
	return (a->line > b->line) - (a->line < b->line);
}

/* Rows of the same interval and queue (customer time zones, channels) add up. */
static void
merge_rows(rota_staff_input *in)
{
	if (in->nrows == 0)
		return;
	qsort(in->rows, in->nrows, sizeof *in->rows, cmp_row);
	size_t o = 0;
	for (size_t i = 1; i < in->nrows; i++) {
		if (in->rows[i].start == in->rows[o].start && in->rows[i].queue == in->rows[o].queue)
			in->rows[o].volume += in->rows[i].volume;
		else
			in->rows[++o] = in->rows[i];
	}
	in->nrows = o + 1;
}

static int
read_header(rota_csv *c, const char *column, rota_staff_input *in, long *ci, long *cq,
            long *cv, rota_error *err)
{
	int r = rota_csv_next(c, err);
	if (r < 0)
		return -1;
	if (r == 0)
		return rota_error_set(err, ROTA_EXIT_USAGE, rota_csv_name(c), 1, 0,
		                      "empty input: expected a forecast CSV whose header names "
		                      "interval_start, queue and forecast (as rota-forecast writes)");
	*ci = rota_csv_find(c, "interval_start");
	*cq = rota_csv_find(c, "queue");
	if (*ci < 0)
		return rota_error_set(err, ROTA_EXIT_USAGE, rota_csv_name(c), rota_csv_line(c), 0,
		                      "no 'interval_start' column in the header: expected a forecast "
		                      "CSV with interval_start, queue and forecast (or volume)");
	const char *name = column;
	if (name == NULL)
		name = rota_csv_find(c, "forecast") >= 0 ? "forecast" : "volume";
	*cv = rota_csv_find(c, name);
	if (*cv < 0 && column) {
		rota_error_set(err, ROTA_EXIT_USAGE, rota_csv_name(c), rota_csv_line(c), 0,
		               "no column '%s' in the header: ", column);
		return rota_error_fix(err, "{quantile} names the column to staff to, such as hi80");
	}
	if (*cv < 0) {
		rota_error_set(err, ROTA_EXIT_USAGE, rota_csv_name(c), rota_csv_line(c), 0,
		               "no 'forecast' or 'volume' column in the header: expected the "
		               "contacts per interval in one of them ");
		return rota_error_fix(err, "(or name the column with {quantile})");
	}
	snprintf(in->volume_column, sizeof in->volume_column, "%s", name);
	return 0;
}

int
rota_staff_read(rota_csv *c, const char *column, const rota_tz *tz, unsigned flags,
                rota_staff_input *in, rota_error *err)
{
	long ci = -1, cq = -1, cv = -1;
	size_t cap = 0, cache = 0;

	memset(in, 0, sizeof *in);
	if (read_header(c, column, in, &ci, &cq, &cv, err) < 0)
		return -1;
	size_t need = (size_t)(ci > cv ? ci : cv) + 1;
	if (cq >= 0 && (size_t)cq + 1 > need)
		need = (size_t)cq + 1;
	size_t nheader = rota_csv_nfields(c);
	int r;
	while ((r = rota_csv_next(c, err)) == 1) {
		size_t nf = rota_csv_nfields(c);
		if (nf == 1 && rota_csv_field_len(c, 0) == 0)
			continue;   /* a blank line */
		if (nf < need)
			return rota_error_set(err, ROTA_EXIT_USAGE, rota_csv_name(c), rota_csv_line(c), 0,
			                      "row has %zu fields but the header needs %zu: each row "
			                      "must have interval_start, queue and %s", nf, need,
			                      in->volume_column);
		/* More fields than the header, like fewer, is a row that went wrong (an
		 * unquoted comma), not extra data to ignore. */
		if (nf != nheader)
			return rota_error_set(err, ROTA_EXIT_USAGE, rota_csv_name(c), rota_csv_line(c), 0,
			                      "row has %zu fields but the header has %zu: a field with "
			                      "a comma or a line break must be quoted (\"...\")", nf,
			                      nheader);
		rota_staff_row row = { 0 };
		rota_error te = { 0 };
		const char *ts = rota_csv_field(c, (size_t)ci);
		if (rota_time_parse(ts, tz, flags, &row.start, &te) < 0) {
			field_error(err, c, (size_t)ci, te.col > 0 ? te.col - 1 : 0,
			            "bad interval_start '%s': %s", ts, te.msg);
			rota_error_keep_fix(err, &te);
			return -1;
		}
		const char *vs = rota_csv_field(c, (size_t)cv);
		if (parse_volume(vs, &row.volume) < 0 || row.volume < 0)
			return field_error(err, c, (size_t)cv, 0,
			                   "bad %s '%s': expected a number of contacts, 0 or more "
			                   "(such as 12 or 12.5)", in->volume_column, vs);
		row.line = rota_csv_field_line(c, (size_t)cv);
		row.col = rota_csv_field_col(c, (size_t)cv);
		const char *qn = cq >= 0 ? rota_csv_field(c, (size_t)cq) : "";
		size_t fq = cq >= 0 ? (size_t)cq : (size_t)ci;
		row.queue = queue_index(in, qn, rota_csv_field_line(c, fq), rota_csv_field_col(c, fq),
		                        &cache);
		if (in->nrows == cap) {
			cap = cap ? cap * 2 : 256;
			in->rows = rota_xreallocarray(in->rows, cap, sizeof *in->rows);
		}
		in->rows[in->nrows++] = row;
	}
	if (r < 0)
		return -1;
	merge_rows(in);
	return 0;
}

void
rota_staff_input_free(rota_staff_input *in)
{
	for (size_t i = 0; i < in->nqueues; i++)
		free(in->queues[i]);
	free(in->queues);
	free(in->queue_line);
	free(in->queue_col);
	free(in->rows);
	memset(in, 0, sizeof *in);
}

int64_t
rota_staff_guess_interval(const rota_staff_input *in)
{
	rota_time *last = rota_xcalloc(in->nqueues ? in->nqueues : 1, sizeof *last);
	char *seen = rota_xcalloc(in->nqueues ? in->nqueues : 1, 1);
	int64_t best = 0;
	for (size_t i = 0; i < in->nrows; i++) {
		const rota_staff_row *r = &in->rows[i];
		if (seen[r->queue]) {
			int64_t d = r->start - last[r->queue];
			if (d > 0 && (best == 0 || d < best))
				best = d;
		}
		seen[r->queue] = 1;
		last[r->queue] = r->start;
	}
	free(last);
	free(seen);
	return best;
}

/* ---- the whole run ---- */

static int
row_error(rota_error *err, const char *file, const rota_staff_row *r, const char *qname)
{
	char when[ROTA_TIME_BUFSZ];
	rota_time_format_utc(when, sizeof when, r->start);
	char msg[sizeof err->msg];
	snprintf(msg, sizeof msg, "%s", err->msg);
	int st = err->status ? err->status : ROTA_EXIT_USAGE;
	if (file == NULL)   /* one-shot: there is no row to point at */
		return rota_error_rewrap(err, st, NULL, 0, 0, "%s", msg);
	if (qname[0] == '\0')
		return rota_error_rewrap(err, st, file, r->line, r->col, "interval %s: %s", when, msg);
	return rota_error_rewrap(err, st, file, r->line, r->col, "queue '%s', interval %s: %s", qname,
	                      when, msg);
}

/* One deferred queue: its rows with the gaps filled, staffed in time order. */
static int
run_deferred(rota_staff_input *in, size_t qi, const rota_staff_queue *q, int64_t interval,
             const char *file, rota_staff_row **extra, size_t *nextra, size_t *capextra,
             rota_error *err)
{
	size_t n = 0, cap = 0;
	rota_staff_row *rows = NULL;
	rota_staff_row *prev = NULL;
	for (size_t i = 0; i < in->nrows; i++) {
		rota_staff_row *r = &in->rows[i];
		if (r->queue != qi)
			continue;
		if (prev && (r->start - prev->start) % interval != 0) {
			char d[64];
			rota_duration_format(d, sizeof d, interval);
			free(rows);
			rota_error_set(err, ROTA_EXIT_USAGE, file, r->line, r->col,
			               "queue '%s': this interval does not start a whole number of %s "
			               "intervals after the previous one: deferred work is carried on a "
			               "regular grid ", q->name, d);
			return rota_error_fix(err, "(check {interval})");
		}
		if (prev && (r->start - prev->start) / interval > ROTA_STAFF_MAX_GAP) {
			char d[64];
			rota_duration_format(d, sizeof d, interval);
			free(rows);
			rota_error_set(err, ROTA_EXIT_USAGE, file, r->line, r->col,
			               "queue '%s': %lld intervals of %s since the previous row would be "
			               "filled in (more than %d): deferred work needs every interval; ",
			               q->name, (long long)((r->start - prev->start) / interval), d,
			               ROTA_STAFF_MAX_GAP);
			return rota_error_fix(err, "check the times and {interval}");
		}
		for (rota_time t = prev ? prev->start + interval : r->start; t <= r->start;
		     t += interval) {
			if (n == cap) {
				cap = cap ? cap * 2 : 64;
				rows = rota_xreallocarray(rows, cap, sizeof *rows);
			}
			rows[n] = t == r->start ? *r : (rota_staff_row){ .start = t, .queue = qi };
			n++;
		}
		prev = r;
	}
	if (rota_staff_deferred(q, (double)interval, rows, n, err) < 0) {
		for (size_t k = 0; k < n; k++)
			if (rows[k].line == err->line && rows[k].line) {
				err->col = rows[k].col;
				break;
			}
		snprintf(err->file, sizeof err->file, "%s", file ? file : "");
		free(rows);
		return -1;
	}
	/* Copy the results back to the input rows, and gap rows to the extras. */
	size_t k = 0;
	for (size_t i = 0; i < in->nrows && k < n; i++) {
		if (in->rows[i].queue != qi)
			continue;
		while (k < n && rows[k].start < in->rows[i].start) {
			if (*nextra == *capextra) {
				*capextra = *capextra ? *capextra * 2 : 64;
				*extra = rota_xreallocarray(*extra, *capextra, sizeof **extra);
			}
			(*extra)[(*nextra)++] = rows[k++];
		}
		in->rows[i] = rows[k++];
	}
	free(rows);
	return 0;
}

/* Two rows of a queue closer together than the interval overlap: each row's volume would
 * be spread over more time than it arrived in (a 30-minute forecast staffed with
 * --interval 1h needs half the agents it should), silently.  Daily and longer intervals
 * may be up to 2 hours short, as local days are around a DST change. */
static int
check_spacing(const rota_staff_input *in, int64_t interval, const char *file, rota_error *err)
{
	int64_t slack = interval >= 86400 ? 7200 : 0;
	rota_time *last = rota_xcalloc(in->nqueues, sizeof *last);
	char *seen = rota_xcalloc(in->nqueues, 1);
	int rc = 0;
	for (size_t i = 0; i < in->nrows && rc == 0; i++) {
		const rota_staff_row *r = &in->rows[i];
		if (seen[r->queue] && r->start - last[r->queue] < interval - slack) {
			char d[64], iv[64];
			rota_duration_format(d, sizeof d, r->start - last[r->queue]);
			rota_duration_format(iv, sizeof iv, interval);
			rota_error_set(err, ROTA_EXIT_USAGE, NULL, 0, 0,
			               "starts %s after the queue's previous interval, inside it: the "
			               "interval length is %s; ", d, iv);
			rota_error_fix(err, "give the rows' own spacing with {interval} %s, or leave "
			               "{interval} out", d);
			rc = row_error(err, file, r, in->queues[r->queue]);
		}
		seen[r->queue] = 1;
		last[r->queue] = r->start;
	}
	free(last);
	free(seen);
	return rc;
}

/* Every row's offered load is checked before any work, so a typo in one row of a long
 * forecast fails at once. */
static int
check_loads(const rota_staff_input *in, const rota_staff_queue *qs, int64_t interval,
            const char *file, rota_error *err)
{
	for (size_t i = 0; i < in->nrows; i++) {
		const rota_staff_row *r = &in->rows[i];
		double a = r->volume * qs[r->queue].aht / (double)interval;
		if (!(a <= ROTA_ERLANG_MAX_LOAD)) {
			rota_error_set(err, ROTA_EXIT_USAGE, NULL, 0, 0, "offered load of %g Erlangs "
			               "(volume x aht / interval) is more than rota-staff handles (%g): ",
			               a, ROTA_ERLANG_MAX_LOAD);
			rota_error_fix(err, "check the volume column and {interval}");
			return row_error(err, file, r, in->queues[r->queue]);
		}
	}
	return 0;
}

static int
staff_queueing(rota_staff_input *in, const rota_staff_queue *qs, const rota_staff_opts *o,
               int64_t interval, const char *file, rota_error *err)
{
	for (size_t i = 0; i < in->nrows; i++) {
		rota_staff_row *r = &in->rows[i];
		if ((i & 4095) == 4095 && o->progress)
			o->progress(o->progress_ctx, "intervals", i, in->nrows);
		if (qs[r->queue].model != ROTA_STAFF_DEFERRED &&
		    rota_staff_interval(&qs[r->queue], (double)interval, r, err) < 0)
			return row_error(err, file, r, in->queues[r->queue]);
	}
	return 0;
}

/* The deferred queues, whose filled-in gap rows join the input's rows. */
static int
staff_deferred(rota_staff_input *in, const rota_staff_queue *qs, int64_t interval,
               const char *file, rota_error *err)
{
	rota_staff_row *extra = NULL;
	size_t nextra = 0, capextra = 0;
	for (size_t k = 0; k < in->nqueues; k++)
		if (qs[k].model == ROTA_STAFF_DEFERRED &&
		    run_deferred(in, k, &qs[k], interval, file, &extra, &nextra, &capextra, err) < 0) {
			free(extra);
			return -1;
		}
	if (nextra) {
		in->rows = rota_xreallocarray(in->rows, in->nrows + nextra, sizeof *in->rows);
		memcpy(in->rows + in->nrows, extra, nextra * sizeof *extra);
		in->nrows += nextra;
		qsort(in->rows, in->nrows, sizeof *in->rows, cmp_row);
	}
	free(extra);
	return 0;
}

int
rota_staff_run(rota_staff_input *in, const rota_config *cfg, const rota_staff_opts *o,
               int64_t interval, const char *file, rota_error *err)
{
	if (in->nrows == 0)
		return 0;
	rota_staff_queue *qs = rota_xcalloc(in->nqueues, sizeof *qs);
	int rc = 0;
	size_t nq;
	/* Queue settings first: a queue without them is the likeliest mistake. */
	for (nq = 0; rc == 0 && nq < in->nqueues; nq++) {
		const char *name = in->queues[nq];
		rc = rota_staff_queue_resolve(&qs[nq], name, name[0] ? rota_config_queue(cfg, name) : NULL,
		                              o, cfg ? cfg->path : NULL, file, in->queue_line[nq],
		                              in->queue_col[nq], err);
	}
	if (rc == 0 && interval <= 0 && (interval = rota_staff_guess_interval(in)) <= 0) {
		rota_error_set(err, ROTA_EXIT_USAGE, file, in->rows[0].line, 0,
		               "cannot tell the interval length: no queue has two intervals; ");
		rc = rota_error_fix(err, "give it with {interval} (such as {interval} 30m)");
	}
	if (rc == 0)
		rc = check_spacing(in, interval, file, err);
	if (rc == 0)
		rc = check_loads(in, qs, interval, file, err);
	if (rc == 0)
		rc = staff_queueing(in, qs, o, interval, file, err);
	if (rc == 0)
		rc = staff_deferred(in, qs, interval, file, err);
	for (size_t k = 0; k < nq; k++)
		rota_staff_queue_free(&qs[k]);
	free(qs);
	return rc;
}

/* ---- input for the command ---- */

void
rota_staff_input_keep(rota_staff_input *in, const char *name)
{
	size_t qi = in->nqueues, o = 0;
	for (size_t k = 0; k < in->nqueues; k++)
		if (strcmp(in->queues[k], name) == 0)
			qi = k;
	for (size_t i = 0; i < in->nrows; i++)
		if (in->rows[i].queue == qi) {
			in->rows[o] = in->rows[i];
			in->rows[o++].queue = 0;
		}
	in->nrows = o;
	if (qi < in->nqueues) {
		char *keep = in->queues[qi];
		long l = in->queue_line[qi], c = in->queue_col[qi];
		for (size_t k = 0; k < in->nqueues; k++)
			if (k != qi)
				free(in->queues[k]);
		in->queues[0] = keep;
		in->queue_line[0] = l;
		in->queue_col[0] = c;
		in->nqueues = 1;
	} else {
		for (size_t k = 0; k < in->nqueues; k++)
			free(in->queues[k]);
		in->nqueues = 0;
	}
}

void
rota_staff_input_single(rota_staff_input *in, const char *queue, double volume)
{
	memset(in, 0, sizeof *in);
	in->queues = rota_xcalloc(1, sizeof *in->queues);
	in->queue_line = rota_xcalloc(1, sizeof(long));
	in->queue_col = rota_xcalloc(1, sizeof(long));
	in->queues[0] = rota_xstrdup(queue ? queue : "");
	in->nqueues = 1;
	in->rows = rota_xcalloc(1, sizeof *in->rows);
	in->rows[0].volume = volume;
	in->nrows = 1;
}

double *
rota_staff_input_aht(const rota_staff_input *in, const rota_config *cfg, const rota_staff_opts *s)
{
	double *aht = rota_xcalloc(in->nqueues ? in->nqueues : 1, sizeof *aht);
	for (size_t k = 0; k < in->nqueues; k++) {
		const rota_queue_def *d = in->queues[k][0] ? rota_config_queue(cfg, in->queues[k]) : NULL;
		aht[k] = (double)(s->aht > 0 ? s->aht : d ? d->aht : 0);
	}
	return aht;
}

void
rota_staff_summarize(const rota_staff_input *in, size_t queue, rota_staff_summary *m)
{
	memset(m, 0, sizeof *m);
	for (size_t i = 0; i < in->nrows; i++) {
		const rota_staff_row *r = &in->rows[i];
		if (r->queue != queue)
			continue;
		m->intervals++;
		m->volume += r->volume;
		if (r->agents > m->peak_agents)
			m->peak_agents = r->agents;
		if (r->required > m->peak_required)
			m->peak_required = r->required;
		m->backlog = r->backlog;
	}
}
