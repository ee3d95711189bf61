/* Fuzz target: the rota.yaml loader (libyaml, the node tree, every section's checks) must
 * never crash, overread or leak on any bytes, and must set a message whenever it fails. */
#include <config.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <rota/rota.h>
#include <rota/config.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static char name[4096];
	rota_error err;

	/* Named inside examples/ so that "holidays/de.ics" in an input resolves. */
	if (name[0] == '\0') {
		const char *src = getenv("ROTA_SRCDIR");
		snprintf(name, sizeof name, "%s/examples/fuzz.yaml", src ? src : ".");
	}
	rota_error_clear(&err);
	rota_config *cfg = rota_config_load_mem((const char *)data, size, name, &err);
	if (cfg == NULL && (err.msg[0] == '\0' || err.status != ROTA_EXIT_USAGE))
		abort();
	rota_config_free(cfg);
	return 0;
}
