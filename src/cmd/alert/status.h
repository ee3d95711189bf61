/* rota-alert's status sinks: the state of the open clocks, not notifications. */
#ifndef ROTA_ALERT_STATUS_H
#define ROTA_ALERT_STATUS_H

#include <rota/alert.h>

/* Nagios (Monitoring Plugins guidelines): after arm, a fatal error prints
 * "ROTA-ALERT UNKNOWN - message" on stdout and exits 3.  report prints the status
 * line with perfdata and returns the plugin's exit status (3 when rc says a run
 * failed). */
void alert_nagios_arm(void);
int alert_nagios_skipped(void);
int alert_nagios_report(const rota_alert_tally *t, size_t n, int rc);

/* node_exporter textfile format, written atomically; sent: notifications this run. */
int alert_prometheus_write(const char *path, const rota_alert_tally *t, size_t n,
                           rota_time at, long sent, rota_error *err);

#endif
