/* snaive: the seasonal naive forecast, each slot the same slot a week earlier (the most
 * recent week in which that slot was open, observed and not a holiday).  The benchmark
 * every other model is scaled by (MASE). */
#include <config.h>
#include <rota/rota.h>
#include "forecast-model.h"

static void
snaive_point(const fc_data *d, const void *params, const rota_fc_opts *o, size_t h,
             double *mean, char *name)
{
	(void)params, (void)o, (void)name;
	for (size_t j = 0; j < h; j++) {
		int found;
		mean[j] = fc_last_same_slot(d, d->n + j, &found);
	}
}

const rota_fc_model fc_model_snaive = {
	.name = "snaive",
	.summary = "seasonal naive: each slot as the same slot a week earlier",
	.min_weeks = 1,
	.point = snaive_point,
};
