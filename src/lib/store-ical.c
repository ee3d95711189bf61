/* The store's calendar export state (store.h, ical_state): what rota-ical export last
 * wrote of each shift.  What to write is decided in ical-export.c; this only keeps it. */
#include <config.h>
#include <rota/rota.h>
#include "store-int.h"

static const char sql_put[] =
	"INSERT OR REPLACE INTO ical_state (plan, agent, day, n, hash, seq, stamp, start, end,"
	" tz, summary, cancelled) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)";
static const char sql_each[] =
	"SELECT plan, agent, day, n, hash, seq, stamp, start, end, tz, summary, cancelled"
	" FROM ical_state WHERE plan = ?1 AND day BETWEEN ?2 AND ?3 ORDER BY agent, day, n";

int
rota_store_ical_put(rota_store *s, const rota_ical_rec *r, rota_error *err)
{
	sqlite3_stmt *st = store_stmt(s, sql_put, err);
	if (st == NULL)
		return -1;
	sqlite3_bind_text(st, 1, r->plan, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, r->agent, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 3, r->day);
	sqlite3_bind_int64(st, 4, r->n);
	sqlite3_bind_int64(st, 5, (int64_t)r->hash);
	sqlite3_bind_int64(st, 6, r->seq);
	sqlite3_bind_int64(st, 7, r->stamp);
	sqlite3_bind_int64(st, 8, r->start);
	sqlite3_bind_int64(st, 9, r->end);
	sqlite3_bind_text(st, 10, r->tz ? r->tz : "", -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 11, r->summary ? r->summary : "", -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 12, r->cancelled != 0);
	return store_step_done(s, st, "recording the calendar export state", err) < 0 ? -1 : 0;
}

int
rota_store_each_ical(rota_store *s, const char *plan, int64_t from, int64_t to,
                     int (*cb)(const rota_ical_rec *r, void *ctx), void *ctx,
                     rota_error *err)
{
	if (s->empty)
		return 0;
	sqlite3_stmt *st = store_stmt(s, sql_each, err);
	if (st == NULL)
		return -1;
	sqlite3_bind_text(st, 1, plan, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 2, from);
	sqlite3_bind_int64(st, 3, to);
	int rc, r = 0;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		rota_ical_rec x = {
			.plan = store_text(st, 0), .agent = store_text(st, 1),
			.day = sqlite3_column_int64(st, 2), .n = sqlite3_column_int64(st, 3),
			.hash = (uint64_t)sqlite3_column_int64(st, 4),
			.seq = sqlite3_column_int64(st, 5), .stamp = sqlite3_column_int64(st, 6),
			.start = sqlite3_column_int64(st, 7), .end = sqlite3_column_int64(st, 8),
			.tz = store_text(st, 9), .summary = store_text(st, 10),
			.cancelled = sqlite3_column_int(st, 11),
		};
		if ((r = cb(&x, ctx)) != 0)
			break;
	}
	if (r == 0 && rc != SQLITE_DONE)
		r = store_fail(s, err, "reading the calendar export state");
	sqlite3_reset(st);
	return r;
}
