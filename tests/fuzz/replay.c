/* Runs a fuzz target without libFuzzer, so that `make check` (and its sanitizer build)
 * exercises every parser on its corpus and on deterministic mutations of it.
 *   fuzz-NAME [FILE...]   with no files: tests/fuzz/corpus/NAME/ under $ROTA_SRCDIR
 * With clang, the same fuzz-NAME.c links against -fsanitize=fuzzer instead (see README). */
#include <dirent.h>
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static uint64_t rng = 0x9E3779B97F4A7C15ULL;

static uint64_t
next(void)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return rng;
}

static const char *interesting[] = {
	",", "\"", "\n", "\r\n", ":", "-", "+", "T", "Z", "24:00", "99", "0", "-1",
	"\xEF\xBB\xBF", "  ", "\t", "{", "}", "[", "]", "#", "&a", "*a", "!!", "%", "/", "1e309",
};

static void
run_mutations(const uint8_t *seed, size_t n, int rounds)
{
	size_t cap = n + 64;
	uint8_t *buf = malloc(cap);
	for (int r = 0; r < rounds; r++) {
		size_t len = n;
		memcpy(buf, seed, n);
		int edits = 1 + (int)(next() % 4);
		for (int e = 0; e < edits; e++) {
			size_t at = len ? next() % len : 0;
			switch (next() % 4) {
			case 0: if (len) buf[at] = (uint8_t)next(); break;
			case 1: len = at; break;
			case 2: if (len) memmove(buf + at, buf + at + 1, len - at - 1), len--; break;
			default: {
				const char *s = interesting[next() % (sizeof interesting / sizeof *interesting)];
				size_t sl = strlen(s);
				if (len + sl > cap)
					break;
				memmove(buf + at + sl, buf + at, len - at);
				memcpy(buf + at, s, sl);
				len += sl;
			}
			}
		}
		/* Give the target its own allocation of exactly len bytes so ASan sees overreads. */
		uint8_t *exact = malloc(len ? len : 1);
		memcpy(exact, buf, len);
		LLVMFuzzerTestOneInput(exact, len);
		free(exact);
	}
	free(buf);
}

static int
run_file(const char *path, int rounds)
{
	FILE *f = fopen(path, "rb");
	if (!f) {
		fprintf(stderr, "%s: %s\n", path, strerror(errno));
		return -1;
	}
	uint8_t *data = NULL;
	size_t len = 0, cap = 0, got;
	uint8_t chunk[4096];
	while ((got = fread(chunk, 1, sizeof chunk, f)) > 0) {
		if (len + got > cap) {
			cap = (len + got) * 2;
			data = realloc(data, cap);
		}
		memcpy(data + len, chunk, got);
		len += got;
	}
	fclose(f);
	uint8_t *exact = malloc(len ? len : 1);
	if (len)
		memcpy(exact, data, len);
	LLVMFuzzerTestOneInput(exact, len);
	free(exact);
	run_mutations(data ? data : (const uint8_t *)"", len, rounds);
	free(data);
	return 0;
}

int
main(int argc, char **argv)
{
	const char *rounds_env = getenv("ROTA_FUZZ_ROUNDS");
	int rounds = rounds_env ? atoi(rounds_env) : 500;
	int files = 0;

	if (argc > 1) {
		for (int i = 1; i < argc; i++)
			if (run_file(argv[i], rounds) == 0)
				files++;
	} else {
		const char *name = strrchr(argv[0], '/');
		name = name ? name + 1 : argv[0];
		if (strncmp(name, "lt-", 3) == 0)
			name += 3;
		if (strncmp(name, "fuzz-", 5) == 0)
			name += 5;
		const char *src = getenv("ROTA_SRCDIR");
		char dir[4096];
		snprintf(dir, sizeof dir, "%s/tests/fuzz/corpus/%s", src ? src : ".", name);
		DIR *d = opendir(dir);
		if (!d) {
			fprintf(stderr, "%s: no corpus: %s\n", dir, strerror(errno));
			return 1;
		}
		for (struct dirent *de; (de = readdir(d)) != NULL;) {
			if (de->d_name[0] == '.')
				continue;
			char path[8192];
			snprintf(path, sizeof path, "%s/%s", dir, de->d_name);
			if (run_file(path, rounds) == 0)
				files++;
		}
		closedir(d);
	}
	/* TAP, as the unit tests: automake runs every extension-less test with tap-driver.sh. */
	printf("1..1\n%s 1 - %d corpus files, %d mutations each: no crash\n",
	       files > 0 ? "ok" : "not ok", files, rounds);
	return files > 0 ? 0 : 1;
}
