/* The store's alert state: one row per delivery (store.h, alert_state).  What to send
 * is decided by the alert planner (alert.h); this only keeps what was sent. */
#include <config.h>
#include <rota/rota.h>
#include "store-int.h"

static const char sql_put[] =
	"INSERT OR REPLACE INTO alert_state (ticket, kind, policy, metric, team, cycle, level,"
	" route, sink, first_at, last_at, count, escalated_at, cleared_at)"
	" VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)";
static const char sql_all[] =
	"SELECT ticket, kind, policy, metric, team, cycle, level, route, sink, first_at, last_at,"
	" count, escalated_at, cleared_at FROM alert_state";
static const char sql_open[] =
	"SELECT ticket, kind, policy, metric, team, cycle, level, route, sink, first_at, last_at,"
	" count, escalated_at, cleared_at FROM alert_state WHERE cleared_at IS NULL";
/* A ticket's rows go together, once all of them are cleared and the last was cleared
 * before the limit: its clocks have all stopped (closed, or nothing left to run). */
static const char sql_prune[] =
	"DELETE FROM alert_state WHERE ticket IN (SELECT ticket FROM alert_state GROUP BY ticket"
	" HAVING count(cleared_at) = count(*) AND max(cleared_at) < ?1)";

int
rota_store_alert_put(rota_store *s, const rota_alert_rec *r, rota_error *err)
{
	sqlite3_stmt *st = store_stmt(s, sql_put, err);
	if (st == NULL)
		return -1;
	const char *t[] = { r->ticket, r->kind, r->policy, r->metric, r->team };
	for (int i = 0; i < 5; i++)
		sqlite3_bind_text(st, i + 1, t[i] ? t[i] : "", -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 6, r->cycle);
	sqlite3_bind_text(st, 7, r->level ? r->level : "", -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 8, r->route ? r->route : "", -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 9, r->sink ? r->sink : "", -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 10, r->first_at);
	sqlite3_bind_int64(st, 11, r->last_at);
	sqlite3_bind_int64(st, 12, r->count);
	store_bind_time(st, 13, r->escalated_at);
	store_bind_time(st, 14, r->cleared_at);
	return store_step_done(s, st, "recording an alert", err) < 0 ? -1 : 0;
}

int
rota_store_each_alert(rota_store *s, int open_only,
                      int (*cb)(const rota_alert_rec *r, void *ctx), void *ctx,
                      rota_error *err)
{
	if (s->empty)
		return 0;
	sqlite3_stmt *st = store_stmt(s, open_only ? sql_open : sql_all, err);
	if (st == NULL)
		return -1;
	int rc, r = 0;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		rota_alert_rec a = {
			.ticket = store_text(st, 0), .kind = store_text(st, 1),
			.policy = store_text(st, 2), .metric = store_text(st, 3),
			.team = store_text(st, 4), .cycle = sqlite3_column_int64(st, 5),
			.level = store_text(st, 6), .route = store_text(st, 7),
			.sink = store_text(st, 8), .first_at = sqlite3_column_int64(st, 9),
			.last_at = sqlite3_column_int64(st, 10), .count = sqlite3_column_int64(st, 11),
			.escalated_at = store_time(st, 12), .cleared_at = store_time(st, 13),
		};
		if ((r = cb(&a, ctx)) != 0)
			break;
	}
	if (r == 0 && rc != SQLITE_DONE)
		r = store_fail(s, err, "reading the alert state");
	sqlite3_reset(st);
	return r;
}

int64_t
rota_store_alert_prune(rota_store *s, rota_time before, rota_error *err)
{
	if (s->empty)
		return 0;
	sqlite3_stmt *st = store_stmt(s, sql_prune, err);
	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, before);
	if (store_step_done(s, st, "pruning the alert state", err) < 0)
		return -1;
	return sqlite3_changes(s->db);
}

static const char sql_run_add[] =
	"INSERT INTO alert_runs (at, finished, sent, failed) VALUES (?1, ?2, ?3, ?4)";
static const char sql_run_trim[] =
	"DELETE FROM alert_runs WHERE id <= (SELECT max(id) FROM alert_runs) - 100";
static const char sql_covered[] = "SELECT max(at) FROM alert_runs WHERE failed = 0";

int
rota_store_alert_run_add(rota_store *s, rota_time at, rota_time finished, int64_t sent,
                         int64_t failed, rota_error *err)
{
	sqlite3_stmt *st = store_stmt(s, sql_run_add, err);
	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, at);
	sqlite3_bind_int64(st, 2, finished);
	sqlite3_bind_int64(st, 3, sent);
	sqlite3_bind_int64(st, 4, failed);
	if (store_step_done(s, st, "recording an alert run", err) < 0)
		return -1;
	if ((st = store_stmt(s, sql_run_trim, err)) == NULL)
		return -1;
	return store_step_done(s, st, "trimming the alert runs", err) < 0 ? -1 : 0;
}

int
rota_store_alert_covered(rota_store *s, rota_time *at, rota_error *err)
{
	*at = ROTA_TIME_NONE;
	if (s->empty)
		return 0;
	sqlite3_stmt *st = store_stmt(s, sql_covered, err);
	if (st == NULL)
		return -1;
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		*at = store_time(st, 0);
	sqlite3_reset(st);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? 0 : store_fail(s, err, "reading the alert runs");
}
