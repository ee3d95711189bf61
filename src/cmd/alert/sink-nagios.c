/* --nagios: one status line, "ROTA-ALERT STATE - text | perfdata", and the exit status
 * of the Monitoring Plugins guidelines (0 OK, 1 WARNING, 2 CRITICAL, 3 UNKNOWN).
 * Perfdata: 'label'=value[UOM];[warn];[crit];[min];[max], space separated.  The
 * thresholds are ranges in the guidelines' syntax: "0" alerts on anything above 0. */
#include <config.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <rota/rota.h>
#include "cmd.h"
#include "status.h"

static void
unknown(int *status, const char *msg)
{
	/* One line: the status line must not be broken by a message's own newlines. */
	printf("ROTA-ALERT UNKNOWN - ");
	for (const char *p = msg; *p; p++)
		putchar(*p == '\n' || *p == '|' ? ' ' : *p);
	putchar('\n');
	fflush(stdout);
	*status = 3;
}

void
alert_nagios_arm(void)
{
	cmd_on_fatal(unknown);
}

int
alert_nagios_skipped(void)
{
	printf("ROTA-ALERT UNKNOWN - another rota-alert run holds the lock\n");
	return 3;
}

int
alert_nagios_report(const rota_alert_tally *t, size_t n, int rc)
{
	int64_t open = 0, warn = 0, crit = 0, paused = 0;
	for (size_t i = 0; i < n; i++) {
		open += t[i].running + t[i].paused + t[i].breached;
		warn += t[i].warning;
		crit += t[i].breached;
		paused += t[i].paused;
	}
	int st = rc ? 3 : crit ? 2 : warn ? 1 : 0;
	static const char *const names[] = { "OK", "WARNING", "CRITICAL", "UNKNOWN" };
	printf("ROTA-ALERT %s - %lld breached, %lld at a warn level, %lld open clocks%s", names[st],
	       (long long)crit, (long long)warn, (long long)open,
	       rc ? " (a sink failed)" : "");
	printf(" | 'breached'=%lld;;0;0; 'warning'=%lld;0;;0; 'open'=%lld;;;0; 'paused'=%lld;;;0;\n",
	       (long long)crit, (long long)warn, (long long)open, (long long)paused);
	fflush(stdout);
	return st;
}
