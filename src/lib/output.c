#include <config.h>
#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <rota/rota.h>

struct rota_out {
	FILE *f;
	char *path;   /* target; NULL for stdout */
	char *tmp;
};

rota_out *
rota_out_open(const char *path, rota_error *err)
{
	rota_out *o = rota_xcalloc(1, sizeof *o);

	if (path == NULL || strcmp(path, "-") == 0) {
		o->f = stdout;
		return o;
	}
	o->path = rota_xstrdup(path);
	size_t n = strlen(path) + 16;
	o->tmp = rota_xmalloc(n);
	/* Same directory as the target, so that rename(2) is atomic. */
	snprintf(o->tmp, n, "%s.XXXXXX", path);
	int fd = mkstemp(o->tmp);
	if (fd < 0) {
		rota_error_set(err, ROTA_EXIT_RUNTIME, path, 0, 0,
		               "cannot create a temporary file beside it: %s", strerror(errno));
		free(o->tmp);
		free(o->path);
		free(o);
		return NULL;
	}
	/* mkstemp makes 0600; output files are ordinary files. */
	mode_t um = umask(0);
	umask(um);
	fchmod(fd, 0666 & ~um);
	o->f = fdopen(fd, "w");
	if (o->f == NULL) {
		close(fd);
		unlink(o->tmp);
		rota_error_set(err, ROTA_EXIT_RUNTIME, path, 0, 0, "%s", strerror(errno));
		free(o->tmp);
		free(o->path);
		free(o);
		return NULL;
	}
	return o;
}

FILE *rota_out_file(rota_out *o) { return o->f; }

static void
out_free(rota_out *o)
{
	free(o->tmp);
	free(o->path);
	free(o);
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
	if (fflush(o->f) != 0 || ferror(o->f) || fsync(fileno(o->f)) != 0) {
		rc = rota_error_set(err, ROTA_EXIT_RUNTIME, o->path, 0, 0, "write failed: %s",
		                    strerror(errno));
		fclose(o->f);
		unlink(o->tmp);
	} else if (fclose(o->f) != 0) {
		rc = rota_error_set(err, ROTA_EXIT_RUNTIME, o->path, 0, 0, "write failed: %s",
		                    strerror(errno));
		unlink(o->tmp);
	} else if (rename(o->tmp, o->path) != 0) {
		rc = rota_error_set(err, ROTA_EXIT_RUNTIME, o->path, 0, 0, "cannot rename %s: %s",
		                    o->tmp, strerror(errno));
		unlink(o->tmp);
	}
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
		unlink(o->tmp);
	}
	out_free(o);
}
