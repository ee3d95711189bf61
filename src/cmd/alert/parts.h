/* rota-alert's pieces besides the sinks (sink.h, status.h): where the rows come from,
 * the command line's route, the lock, the delivery of the planner's notes and what is
 * recorded of them. */
#ifndef ROTA_ALERT_PARTS_H
#define ROTA_ALERT_PARTS_H

#include <rota/alert.h>
#include <rota/config.h>
#include <rota/store.h>
#include "cmd.h"
#include "sink.h"

/* --input PATH ("-": stdin): plan the rows of rota-sla check --format json, lines of at
 * most limit bytes (0: the reader's default); fields and attributes that the rows lack
 * from s as of at.  0, or -1 with err. */
int alert_input_read(const char *path, size_t limit, rota_alert_plan *p,
                     const rota_config *cfg, const rota_tz *tz, rota_time since,
                     rota_store *s, rota_time at, rota_error *err);

/* The sinks named on the command line as one route, NULL when there are none (exits 2
 * on an unknown syslog facility); the config's routes followed by it, for the planner. */
rota_alert_route *alert_cmdline_route(const struct cmd_strv *execs,
                                      const struct cmd_strv *mails,
                                      const struct cmd_strv *syslogs, int want_stdout);
void alert_cmdline_route_free(rota_alert_route *r);
rota_alert_route *alert_routes(const rota_config *cfg, const rota_alert_route *cl, size_t *n);

/* The run's lock (DB.alert-lock): 1 held (*fd open), 0 taken by another run (skip);
 * with wait >= 0, waits that many seconds for it, then exits 3. */
int alert_lock(const char *db, int64_t wait, int verbose, int *fd);

/* The notes to their sinks; stdout's through one writer (out: --format and -o).  A dry
 * run writes the notes there and sends nothing.  ok[i] is set for each note its sink
 * took: ALERT_TAKEN, or ALERT_STORED when its state is already in s (a sink that
 * delivers each note as it goes: sink.h); returns how many failed.  Exits on a store
 * failure (the note just delivered is then sent again by the next run). */
enum { ALERT_TAKEN = 1, ALERT_STORED = 2 };
extern const rota_column alert_columns[ALERT_NFIELDS];
struct alert_send {
	struct cmd_output *out;
	int want_stdout, dry, nagios;
	struct alert_env env;
	rota_store *s;            /* where each delivery is stored */
};
long alert_send(const struct alert_send *a, const rota_alert_note *notes, size_t nn, char *ok);
/* Before the deliveries, in one transaction: the planner's updates (stored whatever the
 * sinks do), so that a note stored later is not overwritten by its row's older state. */
void alert_record_updates(rota_store *s, const rota_alert_plan *p);
/* After them, in one transaction: the notes taken and not yet stored, the run, and the
 * tickets forgotten (all clocks stopped, the last cleared before `forget`; looked for
 * only when the plan saw such a row); exits on a store failure. */
void alert_record(rota_store *s, const rota_alert_plan *p, const char *ok, long failed,
                  rota_time at, rota_time forget);
/* The status files of the open clocks: --prometheus FILEs and, unless dry, the routes'
 * prometheus: sinks.  -1 when one could not be written (said on stderr). */
int alert_status_files(const struct cmd_strv *proms, const rota_config *cfg, int dry,
                       rota_alert_plan *p, rota_time at, long sent);

#endif
