/* Files a run creates and must not leave behind: temporary outputs, a database being
 * built.  The library registers them here while they exist; when the process is
 * interrupted the command layer's signal handler calls rota_cleanup_run, which only
 * unlinks (async-signal-safe), so that a Ctrl-C leaves nothing of the run. */
#ifndef ROTA_CLEANUP_H
#define ROTA_CLEANUP_H

/* Remember path (copied) until rota_cleanup_forget; returns a handle >= 0, or -1 when
 * the table is full (then the file is simply not cleaned on a signal). */
int rota_cleanup_add(const char *path);
/* The file was renamed into place or removed: no longer ours to clean. */
void rota_cleanup_forget(int handle);
/* Unlink every remembered path.  Async-signal-safe: call it from a signal handler. */
void rota_cleanup_run(void);

#endif
