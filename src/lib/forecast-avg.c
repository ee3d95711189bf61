/* avg: each slot the mean of the same weekday-slot over the last N weeks (N =
 * avg_weeks), counting only weeks in which it was open, observed and not a holiday.
 * Simple and, for call volumes beyond two or three days ahead, hard to beat: it averages
 * the noise of single weeks away while following a level that drifts slowly. */
#include <config.h>
#include <rota/rota.h>
#include "forecast-model.h"

static void
avg_point(const fc_data *d, const void *params, const rota_fc_opts *o, size_t h,
          double *mean, char *name)
{
	(void)params, (void)name;
	int want = o->avg_weeks > 0 ? o->avg_weeks : 4;
	for (size_t j = 0; j < h; j++) {
		size_t t = d->n + j;
		double sum = 0;
		int k = 0;
		for (size_t w = j / d->week + 1; w * d->week <= t && k < want; w++) {
			size_t i = t - w * d->week;
			if (d->use[i]) {
				sum += d->y[i];
				k++;
			}
		}
		mean[j] = k ? sum / k : 0;
	}
}

const rota_fc_model fc_model_avg = {
	.name = "avg",
	.summary = "mean of the same weekday-slot over the last N weeks (avg_weeks)",
	.min_weeks = 1,
	.point = avg_point,
};
