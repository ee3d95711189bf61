/* rota-alert's sinks: where a notification goes (the I/O the planner, rota/alert.h,
 * leaves out).  One file per sink, each defining one const table entry; deliver.c
 * lists them in `alert_sinks`.  A sink instance is opened once per run for each
 * distinct sink of the routes, takes its notes one by one and is closed.  A sink that
 * delivers each note as send returns (`each`: a program run, a mail handed to sendmail,
 * a syslog line) has the note's state stored right then, in a transaction of its own,
 * so that a run killed mid-way sends again at most the one note in flight; the others
 * (stdout, whose reader has the notes when the output is committed) count a note as
 * sent when send and close both succeeded, and it is stored with the run. */
#ifndef ROTA_ALERT_SINK_H
#define ROTA_ALERT_SINK_H

#include <stdint.h>
#include <stdio.h>
#include <rota/alert.h>
#include <rota/record.h>
#include <rota/time.h>

struct alert_env {
	const rota_tz *tz;        /* times on output */
	rota_record *stdout_rec;  /* the stdout sink's writer (the command owns it) */
	int64_t timeout;          /* exec and mail: seconds a program may take */
	const char *sendmail;     /* the sendmail program */
	int verbose;
};

struct alert_sink {
	const char *name;
	int kind;                 /* enum rota_sink_kind */
	int each;                 /* a note is delivered when send returns */
	void *(*open)(const rota_sink_def *def, const struct alert_env *env, rota_error *err);
	int (*send)(void *st, const rota_alert_note *n, rota_error *err);
	int (*close)(void *st, rota_error *err);
};

extern const struct alert_sink alert_sink_stdout, alert_sink_exec, alert_sink_mail,
	alert_sink_syslog;

/* The mail program: $ROTA_SENDMAIL, else sendmail on PATH, else /usr/sbin/sendmail. */
const char *alert_sendmail_program(void);

/* The alert's fields in order (SPEC: ticket, kind, policy, metric, cycle, level, state,
 * due, percent, at; then team, route, what, alert_id): names, and values as text (due
 * and at in env->tz; "" for none).  vals needs ALERT_NFIELDS entries of ALERT_FIELD_MAX
 * bytes. */
#define ALERT_NFIELDS 14
#define ALERT_FIELD_MAX 256
extern const char *const alert_field_names[ALERT_NFIELDS];
void alert_fields(const rota_alert_note *n, const rota_tz *tz,
                  char vals[ALERT_NFIELDS][ALERT_FIELD_MAX]);
/* Run argv (no shell) with extra environment entries, stdin from /dev/null, stdout to
 * stderr; feed `input` on its stdin instead when not NULL.  Waits at most timeout
 * seconds (then kills it).  0 when it exited 0; else -1 with err (status 3). */
int alert_run(char *const argv[], char *const extra_env[], const char *input,
              int64_t timeout, rota_error *err);

#endif
