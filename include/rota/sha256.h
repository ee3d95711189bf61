/* SHA-256 (FIPS 180-4), for identifiers that must be the same on every run and every
 * machine (rota-alert's alert ids); not for secrets, so no constant-time care. */
#ifndef ROTA_SHA256_H
#define ROTA_SHA256_H

#include <stddef.h>
#include <stdint.h>

typedef struct rota_sha256 {
	uint32_t h[8];
	uint64_t len;              /* bytes hashed so far */
	unsigned char buf[64];
	size_t nbuf;
} rota_sha256;

void rota_sha256_init(rota_sha256 *c);
void rota_sha256_update(rota_sha256 *c, const void *data, size_t n);
/* The digest; c must be initialised again before it is reused. */
void rota_sha256_final(rota_sha256 *c, unsigned char digest[32]);
/* The first n bytes of a digest as 2n lower-case hex digits and a NUL (out: 2n + 1). */
void rota_sha256_hex(const unsigned char *digest, size_t n, char *out);

#endif
