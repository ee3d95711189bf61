/* TEMPORARY (branch arch-libcmd): rota_format_parse until the library's record writer
 * (include/rota/record.h) lands; drop this file at merge. */
#include <config.h>
#include <string.h>
#include <rota/record.h>

int
rota_format_parse(const char *s)
{
	if (strcmp(s, "csv") == 0) return ROTA_FORMAT_CSV;
	if (strcmp(s, "json") == 0) return ROTA_FORMAT_JSON;
	if (strcmp(s, "text") == 0) return ROTA_FORMAT_TEXT;
	return -1;
}
