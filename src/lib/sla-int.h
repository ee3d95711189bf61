/* Inside the SLA engine: what sla.c tells the driver (sla-run.c) and nothing else sees. */
#ifndef ROTA_SLA_INT_H
#define ROTA_SLA_INT_H

#include <rota/sla.h>

/* The config an engine was built from (rota_sla_engine_config), so that the driver can
 * build one more per thread; NULL for rota_sla_engine_new's. */
void sla_engine_set_config(rota_sla_engine *e, const rota_config *cfg);
const rota_config *sla_engine_config(const rota_sla_engine *e);
const rota_sla_options *sla_engine_options(const rota_sla_engine *e);

/* *p with room for need elements of size, growing *cap by doubling. */
void sla_grow(void **p, size_t *cap, size_t need, size_t size);

#endif
