/* rota-alert's pieces besides the sinks (sink.h, status.h): where the rows come from,
 * the lock, the command line's route and the delivery of the planner's notes. */
#ifndef ROTA_ALERT_PARTS_H
#define ROTA_ALERT_PARTS_H

#include <rota/alert.h>
#include <rota/config.h>
#include <rota/store.h>

/* --input PATH ("-": stdin): plan the rows of rota-sla check --format json; fields and
 * attributes that the rows lack from s as of at.  0, or -1 with err. */
int alert_input_read(const char *path, rota_alert_plan *p, const rota_config *cfg,
                     const rota_tz *tz, rota_time since, rota_store *s, rota_time at,
                     rota_error *err);

#endif
