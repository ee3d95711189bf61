/* Fuzz target: the RFC 4180 reader must never crash, overread or leak on any bytes. */
#include <config.h>
#include <stdint.h>
#include <rota/rota.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	rota_error err;
	rota_csv *c = rota_csv_open_mem((const char *)data, size, "fuzz.csv");
	int r;
	size_t total = 0;
	while ((r = rota_csv_next(c, &err)) == 1)
		for (size_t i = 0; i < rota_csv_nfields(c); i++)
			total += rota_csv_field_len(c, i) + (size_t)rota_csv_field_col(c, i);
	rota_csv_close(c);
	return total == (size_t)-1;
}
