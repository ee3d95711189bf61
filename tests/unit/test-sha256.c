/* SHA-256 against the examples of FIPS 180-2 (appendix B: one block, two blocks, a
 * million 'a'), the empty message, and every split of a message into two updates, so
 * that the buffering across calls and each padding case (55, 56, 63, 64 bytes) is
 * what one call gives. */
#include <config.h>
#include <stdlib.h>
#include <string.h>
#include <rota/sha256.h>
#include "tap.h"

static const char *
hex_of(const void *msg, size_t n)
{
	static char out[65];
	unsigned char d[32];
	rota_sha256 c;
	rota_sha256_init(&c);
	rota_sha256_update(&c, msg, n);
	rota_sha256_final(&c, d);
	rota_sha256_hex(d, 32, out);
	return out;
}

int
main(void)
{
	is_str(hex_of("abc", 3),
	       "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", "FIPS B.1 abc");
	const char *b2 = "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq";
	is_str(hex_of(b2, strlen(b2)),
	       "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1",
	       "FIPS B.2 two blocks");
	char *m = malloc(1000000);
	memset(m, 'a', 1000000);
	is_str(hex_of(m, 1000000),
	       "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0",
	       "FIPS B.3 a million a");
	/* The same million in uneven pieces. */
	rota_sha256 c;
	unsigned char d[32];
	char hx[65];
	rota_sha256_init(&c);
	for (size_t off = 0, k = 1; off < 1000000; off += k, k = k % 97 + 1)
		rota_sha256_update(&c, m + off, off + k > 1000000 ? 1000000 - off : k);
	rota_sha256_final(&c, d);
	rota_sha256_hex(d, 32, hx);
	is_str(hx, "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0",
	       "a million a in pieces of 1 to 97 bytes");
	free(m);
	is_str(hex_of("", 0), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
	       "the empty message");

	char msg[130];
	for (int i = 0; i < 130; i++)
		msg[i] = (char)('A' + i % 26);
	int lengths[] = { 55, 56, 63, 64, 65, 119, 120, 128 };
	for (size_t li = 0; li < sizeof lengths / sizeof *lengths; li++) {
		size_t n = (size_t)lengths[li];
		char one[65];
		strcpy(one, hex_of(msg, n));
		int same = 1;
		for (size_t cut = 0; cut <= n; cut++) {
			rota_sha256_init(&c);
			rota_sha256_update(&c, msg, cut);
			rota_sha256_update(&c, msg + cut, n - cut);
			rota_sha256_final(&c, d);
			rota_sha256_hex(d, 32, hx);
			same &= strcmp(hx, one) == 0;
		}
		ok(same, "%zu bytes: every split into two updates gives the one-call digest", n);
	}
	/* A known digest at a padding edge: 64 bytes of 'a' (two blocks of padding work). */
	char a64[64];
	memset(a64, 'a', sizeof a64);
	is_str(hex_of(a64, 64), "ffe054fe7ae0cb6dc65c3af9b61d5209f439851db43d0ba5997337df154668eb",
	       "64 a");
	unsigned char dd[32] = { 0x01, 0xab, 0xff };
	rota_sha256_hex(dd, 3, hx);
	is_str(hx, "01abff", "hex of a prefix");
	return tap_done();
}
