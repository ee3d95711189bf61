/* Values written the same way in rota.yaml and on the command line, so that `sl: 80/0s`
 * in a file and `--sl 80/0s` mean the same: one parser each, and formatters whose output
 * the parsers read back to the same value. */
#ifndef ROTA_VALUE_H
#define ROTA_VALUE_H

#include <stddef.h>
#include <stdint.h>
#include <rota/error.h>

/* A share as a fraction or a percentage: "0.85", "85%" -> 0.85 (range not checked).
 * No blanks, hex, inf or nan; -1 on bad text. */
int rota_parse_share(const char *s, double *out);

/* A service level PERCENT/DURATION: "80/20s", "80%/20s", "87.5/1m" -> *share = 0.80,
 * *secs = 20.  The percentage must be above 0 and at most 100 (whether 100% can be met
 * is the model's question), the threshold a duration (0 allowed).  -1 and err (col =
 * 1-based column in s, no file) on bad text. */
int rota_parse_service_level(const char *s, double *share, int64_t *secs, rota_error *err);

/* A share as a percentage, "85%", "12.5%", in the fewest digits that rota_parse_share
 * reads back to the same double (so 0.9999999999 is not shown as 100%).  -0 prints as
 * 0%.  Returns strlen (buf of 32 bytes or more). */
size_t rota_share_format(char *buf, size_t n, double share);

#endif
