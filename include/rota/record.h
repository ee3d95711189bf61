/* TEMPORARY stand-in (branch arch-libcmd) for the integrator's record writer header:
 * drop this file at merge in favour of the real include/rota/record.h. */
#ifndef ROTA_RECORD_H
#define ROTA_RECORD_H

enum rota_format { ROTA_FORMAT_CSV = 0, ROTA_FORMAT_JSON, ROTA_FORMAT_TEXT };
int rota_format_parse(const char *s);

#endif
