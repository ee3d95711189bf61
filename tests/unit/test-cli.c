#include <config.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <rota/rota.h>
#include <rota/config.h>
#include "../../src/cmd/cmd.h"
#include "tap.h"

static char *
slurp(const char *path)
{
	FILE *f = fopen(path, "r");
	if (!f)
		return NULL;
	static char buf[4096];
	size_t n = fread(buf, 1, sizeof buf - 1, f);
	buf[n] = '\0';
	fclose(f);
	return buf;
}

int
main(void)
{
	rota_error e = {0};
	char dir[] = "/tmp/rota-test-out-XXXXXX";
	ok(mkdtemp(dir) != NULL, "mkdtemp");
	char path[256];
	snprintf(path, sizeof path, "%s/out.csv", dir);

	/* a committed output appears whole */
	rota_out *o = rota_out_open(path, &e);
	ok(o != NULL, "open output");
	fputs("a,b\n", rota_out_file(o));
	ok(access(path, F_OK) != 0, "target does not exist before commit");
	ok(rota_out_commit(o, &e) == 0, "commit");
	is_str(slurp(path), "a,b\n", "committed content");

	/* an aborted one leaves the old file as it was and no temporary behind */
	o = rota_out_open(path, &e);
	fputs("half", rota_out_file(o));
	rota_out_abort(o);
	is_str(slurp(path), "a,b\n", "abort keeps the old file");
	DIR *d = opendir(dir);
	int entries = 0;
	for (struct dirent *de; (de = readdir(d)) != NULL;)
		entries += de->d_name[0] != '.';
	closedir(d);
	is_int(entries, 1, "no temporary file left");
	unlink(path);
	rmdir(dir);

	ok(rota_out_open("/nonexistent-dir/x.csv", &e) == NULL, "unwritable dir fails");
	is_int(e.status, ROTA_EXIT_RUNTIME, "unwritable dir: status 3");

	/* formats */
	is_int(rota_format_parse("json"), ROTA_FORMAT_JSON, "json");
	is_int(rota_format_parse("xml"), -1, "xml rejected");

	/* planning zone precedence */
	struct cmd_cli cli;
	unsetenv("ROTA_CONFIG");
	setenv("ROTA_DB", "/tmp/x.db", 1);
	cmd_init(&cli, "test");
	is_str(cli.db, "/tmp/x.db", "ROTA_DB default");
	is_str(cli.config, "rota.yaml", "config default");
	ok(!cli.config_given, "config not given");
	is_str(cmd_tz(&cli, NULL), "UTC", "tz default");
	is_str(cmd_tz(&cli, "Europe/Berlin"), "Europe/Berlin", "tz from config");
	cli.tz = "Asia/Sakhalin";
	is_str(cmd_tz(&cli, "Europe/Berlin"), "Asia/Sakhalin", "--tz wins");

	/* the config: a missing default is an empty one, a missing named one an error */
	char cdir[] = "/tmp/rota-test-cmd-XXXXXX";
	char cpath[512];
	ok(mkdtemp(cdir) != NULL, "mkdtemp config dir");
	snprintf(cpath, sizeof cpath, "%s/none.yaml", cdir);
	cli.config = cpath;
	cli.config_given = 0;
	rota_config *cfg = cmd_config_load(&cli, &e);
	ok(cfg != NULL && cfg->path == NULL && cfg->ncalendars == 0,
	   "a missing default config is an empty one");
	rota_config_free(cfg);
	cli.config_given = 1;
	rota_error_clear(&e);
	ok(cmd_config_load(&cli, &e) == NULL && e.status == ROTA_EXIT_USAGE,
	   "a missing named config is an error");
	FILE *cf = fopen(cpath, "w");
	fputs("tz: Asia/Tokyo\n", cf);
	fclose(cf);
	cfg = cmd_config_load(&cli, &e);
	ok(cfg && strcmp(cfg->tz, "Asia/Tokyo") == 0 && strcmp(cfg->path, cpath) == 0,
	   "loads a named file");
	rota_config_free(cfg);
	unlink(cpath);
	rmdir(cdir);

	/* escaping */
	char *buf = NULL;
	size_t len = 0;
	FILE *m = open_memstream(&buf, &len);
	rota_csv_put(m, "plain");
	fputc('|', m);
	rota_csv_put(m, "a,\"b\"\nc");
	fputc('|', m);
	rota_json_put_string(m, "q\"\\\n\x01");
	fclose(m);
	is_str(buf, "plain|\"a,\"\"b\"\"\nc\"|\"q\\\"\\\\\\n\\u0001\"", "escaping");
	free(buf);

	rota_error_set(&e, 0, "f.csv", 3, 7, "bad %s", "thing");
	is_int(e.status, ROTA_EXIT_USAGE, "default status is 2");
	rota_error_prefix(&e, "in '%s': ", "x");
	is_str(e.msg, "in 'x': bad thing", "prefix");

	/* a fix in the library's words, and in a command's flags */
	char text[2048];
	static const struct cmd_flag flags[] = { { "aht", "--aht" }, { NULL, NULL } };
	rota_error_set(&e, 0, NULL, 0, 0, "no aht: ");
	rota_error_fix(&e, "give {aht} or %s", "{lenient}");
	is_str(e.msg, "no aht: give 'aht' or 'lenient'", "fix: library words");
	is_str(e.hint, "aht", "fix: hint");
	is_str(cmd_error_text(&e, text, sizeof text), "no aht: give 'aht' or 'lenient'",
	       "fix: an unknown setting keeps the library's words");
	cmd_flags(flags);
	is_str(cmd_error_text(&e, text, sizeof text), "no aht: give --aht or --lenient",
	       "fix: the command's flags");
	rota_error_prefix(&e, "queue 'q': ");
	rota_error_append(&e, ".");
	is_str(cmd_error_text(&e, text, sizeof text), "queue 'q': no aht: give --aht or --lenient.",
	       "fix: moves with a prefix");
	char old[sizeof e.msg];
	snprintf(old, sizeof old, "%s", e.msg);
	rota_error_rewrap(&e, 0, "f.csv", 2, 0, "interval 3: %s", old);
	is_str(cmd_error_text(&e, text, sizeof text),
	       "interval 3: queue 'q': no aht: give --aht or --lenient.", "fix: kept by a rewrap");
	rota_error plain = e;
	rota_error_set(&plain, 0, "f.csv", 2, 0, "interval 3: %s", old);
	ok(plain.fix[0] == '\0' && plain.hint[0] == '\0',
	   "fix: rota_error_set keeps none (it reads nothing of the error it overwrites)");
	{
		/* An error full of stray bytes, as an uninitialised variable may be. */
		rota_error junk;
		memset(&junk, 'x', sizeof junk);
		rota_error_set(&junk, 0, NULL, 0, 0, "%s", "fresh");
		is_str(junk.msg, "fresh", "set over stray bytes: the message");
		ok(junk.fix[0] == '\0' && junk.hint[0] == '\0' && junk.fix_at == 0 && junk.fix_len == 0,
		   "set over stray bytes: no fix taken from them");
		is_str(cmd_error_text(&junk, text, sizeof text), "fresh", "set over stray bytes: text");
	}
	rota_error e2 = { 0 };
	rota_error_set(&e2, 0, NULL, 0, 0, "column 'x': %s", e.msg);
	rota_error_keep_fix(&e2, &e);
	is_str(cmd_error_text(&e2, text, sizeof text),
	       "column 'x': interval 3: queue 'q': no aht: give --aht or --lenient.",
	       "fix: taken over from another error");
	rota_error_set(&e, 0, NULL, 0, 0, "%s", "something else");
	ok(e.hint[0] == '\0' && e.fix[0] == '\0', "fix: a new message drops it");
	rota_error_set(&e, 0, NULL, 0, 0, " reads nothing");
	rota_error_fix_lead(&e, "{aht} %s=", "x");
	is_str(cmd_error_text(&e, text, sizeof text), "--aht x= reads nothing", "fix: in front");
	return tap_done();
}
