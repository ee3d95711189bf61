/* Small pieces of option handling that more than one command needs: repeated and
 * comma-separated values, the record of what a run was asked, the planning zone, and
 * the check that every input can be opened before anything is written. */
#include <config.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <rota/config.h>
#include <rota/csv.h>
#include "../cmd.h"

void
cmd_strv_add(struct cmd_strv *s, const char *v)
{
	s->v = rota_xreallocarray(s->v, s->n + 1, sizeof *s->v);
	s->v[s->n++] = v;
}

void
cmd_strv_add_list(struct cmd_strv *s, char *list)
{
	for (char *save = NULL, *p = strtok_r(list, ",", &save); p; p = strtok_r(NULL, ",", &save))
		cmd_strv_add(s, p);
}

void
cmd_strv_free(struct cmd_strv *s)
{
	free(s->v);
	s->v = NULL;
	s->n = 0;
}

void
cmd_option_note(const struct argp_option *options, int key, const char *arg, rota_strbuf *out)
{
	const struct argp_option *o;
	for (o = options; o->name || o->key || o->doc; o++)
		if (o->key == key && o->name)
			break;
	if (!o->name)
		return;
	rota_strbuf_printf(out, "%s--%s%s%s", out->len ? " " : "", o->name, arg ? "=" : "",
	                   arg ? arg : "");
}

const rota_tz *
cmd_planning_tz(const struct cmd_cli *cli)
{
	rota_error err;
	rota_config *cfg = NULL;

	rota_error_clear(&err);
	/* Only the zone is wanted, but a broken config is still an error: the user would
	 * otherwise read or write times in the wrong zone without a word. */
	if (cli->tz == NULL && (cfg = cmd_config_load(cli, &err)) == NULL)
		cmd_error_exit(&err);
	const rota_tz *tz = rota_tz_get(cmd_tz(cli, cfg ? cfg->tz : NULL), &err);
	rota_config_free(cfg);
	if (tz == NULL) {
		rota_error_prefix(&err, "--tz: ");
		cmd_error_exit(&err);
	}
	return tz;
}

void
cmd_inputs_check(const struct cmd_strv *files)
{
	/* Opening each now (and again when read) keeps one open at a time.  Only regular
	 * files: a FIFO or /dev/fd/N can be opened and read only once. */
	for (size_t i = 0; i < files->n; i++) {
		rota_error err;
		rota_csv *c;
		struct stat sb;
		rota_error_clear(&err);
		if (strcmp(files->v[i], "-") == 0 ||
		    (stat(files->v[i], &sb) == 0 && !S_ISREG(sb.st_mode)))
			continue;
		if ((c = rota_csv_open(files->v[i], &err)) == NULL)
			cmd_error_exit(&err);
		rota_csv_close(c);
	}
}

void
cmd_problem(void *problems, const rota_error *e)
{
	struct cmd_problems *p = problems;
	if (p->shown >= CMD_PROBLEMS_SHOWN) {
		p->more++;
		return;
	}
	p->shown++;
	rota_error c = *e;
	rota_error_prefix(&c, "%s", p->what ? p->what : "");
	cmd_error_print(&c);
}

void
cmd_problems_done(struct cmd_problems *p, const char *hint)
{
	if (p->more)
		cmd_warn("... and %ld more%s", p->more, hint ? hint : "");
}
