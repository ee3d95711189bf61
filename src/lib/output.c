#include <config.h>
#include <signal.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>
#include <rota/rota.h>
#include <rota/cleanup.h>

struct rota_out {
	FILE *f;
	char *path;   /* target; NULL for stdout */
	char *tmp;    /* NULL when the target is written in place (a device or a pipe) */
	int cleanup;  /* rota_cleanup handle of tmp */
};

/* mkstemp's six letters */
static int
tmp_suffix(const char *s)
{
	size_t n = strlen(s);
	if (n != 6)
		return 0;
	for (size_t i = 0; i < n; i++)
		if (!((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= 'A' && s[i] <= 'Z') ||
		      (s[i] >= '0' && s[i] <= '9')))
			return 0;
	return 1;
}

/* A run killed by SIGKILL (or a crash) leaves its PATH.XXXXXX behind.  Each writer
 * holds an exclusive flock on its temporary file while it exists, so a file of our
 * naming that can be locked belongs to no live process: remove it.  Only regular files
 * of ours, and only the one the name still refers to. */
static void
remove_stale(const char *path)
{
	char *d = rota_xstrdup(path), *b = rota_xstrdup(path);
	const char *dir = dirname(d), *base = basename(b);
	size_t blen = strlen(base);
	DIR *dp = opendir(dir);

	if (dp != NULL) {
		int dfd = dirfd(dp);
		for (struct dirent *de; (de = readdir(dp)) != NULL;) {
			if (strncmp(de->d_name, base, blen) != 0 || de->d_name[blen] != '.' ||
			    !tmp_suffix(de->d_name + blen + 1))
				continue;
			int fd = openat(dfd, de->d_name, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
			if (fd < 0)
				continue;
			struct stat fs, ns;
			if (fstat(fd, &fs) == 0 && S_ISREG(fs.st_mode) && fs.st_uid == geteuid() &&
			    flock(fd, LOCK_EX | LOCK_NB) == 0 &&
			    fstatat(dfd, de->d_name, &ns, AT_SYMLINK_NOFOLLOW) == 0 &&
			    ns.st_dev == fs.st_dev && ns.st_ino == fs.st_ino)
				unlinkat(dfd, de->d_name, 0);
			close(fd);
		}
		closedir(dp);
	}
	free(d);
	free(b);
}

/* mkstemp, then the lock that tells remove_stale this file is alive.  A cleaner that
 * took the lock between the two has unlinked the new file: make another.  Signals wait
 * while the file is made and registered for removal, so that one arriving in between
 * cannot leave it behind. */
static int
make_tmp(char *tmp, size_t n, const char *path, int *cleanup)
{
	sigset_t all, old;
	sigfillset(&all);
	for (int tries = 0; tries < 100; tries++) {
		snprintf(tmp, n, "%s.XXXXXX", path);
		pthread_sigmask(SIG_BLOCK, &all, &old);
		int fd = mkostemp(tmp, O_CLOEXEC);
		*cleanup = fd < 0 ? -1 : rota_cleanup_add(tmp);
		pthread_sigmask(SIG_SETMASK, &old, NULL);
		if (fd < 0)
			return -1;
		struct stat sb;
		if (flock(fd, LOCK_EX) == 0 && fstat(fd, &sb) == 0 && sb.st_nlink > 0)
			return fd;
		rota_cleanup_forget(*cleanup);
		*cleanup = -1;
		close(fd);
	}
	errno = EEXIST;
	return -1;
}

static void
out_free(rota_out *o)
{
	free(o->tmp);
	free(o->path);
	free(o);
}

rota_out *
rota_out_open(const char *path, rota_error *err)
{
	rota_out *o = rota_xcalloc(1, sizeof *o);

	o->cleanup = -1;
	if (path == NULL || strcmp(path, "-") == 0) {
		o->f = stdout;
		return o;
	}
	o->path = rota_xstrdup(path);
	/* A device or a pipe (/dev/null, /dev/stdout, a FIFO) has no content to replace: a
	 * temporary file renamed over it would put a regular file where the device was
	 * (as root, /dev/null itself).  Such a target is opened and written in place. */
	struct stat sb;
	if (stat(path, &sb) == 0 && !S_ISREG(sb.st_mode) && !S_ISDIR(sb.st_mode)) {
		int dfd = open(path, O_WRONLY | O_NOCTTY | O_CLOEXEC);
		if (dfd < 0 || (o->f = fdopen(dfd, "w")) == NULL) {
			rota_error_set(err, rota_error_open_status(errno), path, 0, 0, "cannot open: %s",
			               strerror(errno));
			if (dfd >= 0)
				close(dfd);
			out_free(o);
			return NULL;
		}
		return o;
	}
	size_t n = strlen(path) + 16;
	o->tmp = rota_xmalloc(n);
	remove_stale(path);
	/* Same directory as the target, so that rename(2) is atomic. */
	int fd = make_tmp(o->tmp, n, path, &o->cleanup);
	if (fd < 0) {
		rota_error_set(err, ROTA_EXIT_RUNTIME, path, 0, 0,
		               "cannot create a temporary file beside it: %s", strerror(errno));
		free(o->tmp);
		free(o->path);
		free(o);
		return NULL;
	}
	/* mkstemp makes 0600.  Replacing a file keeps its mode (a private file stays
	 * private); a new output is an ordinary file. */
	if (stat(path, &sb) == 0 && S_ISREG(sb.st_mode))
		fchmod(fd, sb.st_mode & 07777);
	else {
		mode_t um = umask(0);
		umask(um);
		fchmod(fd, 0666 & ~um);
	}
	o->f = fdopen(fd, "w");
	if (o->f == NULL) {
		close(fd);
		unlink(o->tmp);
		rota_cleanup_forget(o->cleanup);
		rota_error_set(err, ROTA_EXIT_RUNTIME, path, 0, 0, "%s", strerror(errno));
		free(o->tmp);
		free(o->path);
		free(o);
		return NULL;
	}
	return o;
}

FILE *rota_out_file(rota_out *o) { return o->f; }

/* The temporary file is gone (renamed or removed) before it is forgotten, so that a
 * signal in between only unlinks a name that no longer exists. */
static void
drop_tmp(rota_out *o)
{
	unlink(o->tmp);
	rota_cleanup_forget(o->cleanup);
}

int
rota_out_commit(rota_out *o, rota_error *err)
{
	int rc = 0;

	if (o->path == NULL) {
		if (fflush(stdout) != 0 || ferror(stdout))
			rc = rota_error_set(err, ROTA_EXIT_RUNTIME, NULL, 0, 0,
			                    "write error on standard output: %s", strerror(errno));
		out_free(o);
		return rc;
	}
	if (o->tmp == NULL) {   /* written in place: nothing to sync or rename */
		if (fflush(o->f) != 0 || ferror(o->f))
			rc = rota_error_set(err, ROTA_EXIT_RUNTIME, o->path, 0, 0, "write failed: %s",
			                    strerror(errno));
		if (fclose(o->f) != 0 && rc == 0)
			rc = rota_error_set(err, ROTA_EXIT_RUNTIME, o->path, 0, 0, "write failed: %s",
			                    strerror(errno));
		out_free(o);
		return rc;
	}
	/* A second descriptor keeps the lock (it belongs to the open file, not to one
	 * descriptor) from fclose to rename: an unlocked temporary file is fair game for
	 * another run's remove_stale. */
	int lock = dup(fileno(o->f));
	if (fflush(o->f) != 0 || ferror(o->f) || fsync(fileno(o->f)) != 0) {
		rc = rota_error_set(err, ROTA_EXIT_RUNTIME, o->path, 0, 0, "write failed: %s",
		                    strerror(errno));
		fclose(o->f);
		drop_tmp(o);
	} else if (fclose(o->f) != 0) {
		rc = rota_error_set(err, ROTA_EXIT_RUNTIME, o->path, 0, 0, "write failed: %s",
		                    strerror(errno));
		drop_tmp(o);
	} else if (rename(o->tmp, o->path) != 0) {
		rc = rota_error_set(err, ROTA_EXIT_RUNTIME, o->path, 0, 0, "cannot rename %s: %s",
		                    o->tmp, strerror(errno));
		drop_tmp(o);
	} else
		rota_cleanup_forget(o->cleanup);
	if (lock >= 0)
		close(lock);
	out_free(o);
	return rc;
}

void
rota_out_abort(rota_out *o)
{
	if (o == NULL)
		return;
	if (o->path) {
		fclose(o->f);
		if (o->tmp)
			drop_tmp(o);
	}
	out_free(o);
}
