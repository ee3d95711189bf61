#include <config.h>
#include <errno.h>
#include <unistd.h>
#include <rota/config.h>
#include "../cmd.h"

rota_config *
cmd_config_load(const struct cmd_cli *cli, rota_error *err)
{
	/* Running without any configuration is fine until a command needs a setting; only a
	 * file the user named must exist. */
	if (!cli->config_given && access(cli->config, F_OK) != 0 && errno == ENOENT)
		return rota_config_empty();
	return rota_config_load(cli->config, err);
}

rota_config *
cmd_config_and_tz(const struct cmd_cli *cli, const rota_tz **tz)
{
	rota_error err;
	rota_error_clear(&err);
	rota_config *cfg = cmd_config_load(cli, &err);
	if (cfg == NULL || (*tz = rota_tz_get(cmd_tz(cli, cfg->tz), &err)) == NULL)
		cmd_error_exit(&err);
	return cfg;
}
