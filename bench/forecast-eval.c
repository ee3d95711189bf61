/* The models' figures on the prepared series of bench/forecast-prep.py, without R:
 *   forecast-eval WORK WEEKS [MODEL...]
 * For each series of WORK/series.txt and each origin of WORK/NAME.origins, every model
 * gets the WEEKS weeks before the origin and forecasts 7 days; printed per series and
 * model: MASE (scaled by the seasonal naive MAE in the window), WAPE, bias, 80/95%
 * coverage and milliseconds per forecast.  Scored slots are those NAME.r.csv marks.
 * The bank series is open weekdays 07-21; its closed hours are passed as closed.
 * AVG_WEEKS in the environment sets avg's weeks.  Not built by make; from a build dir:
 *   python3 ../../bench/forecast-prep.py $ROTA_DATA /tmp/fc 8 4
 *   cc -O2 -I../../include ../../bench/forecast-eval.c src/lib/.libs/librota.so \
 *      -Wl,-rpath,$PWD/src/lib/.libs -lm -o forecast-eval && ./forecast-eval /tmp/fc 8 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <rota/rota.h>
#include <rota/forecast.h>
#include <rota/time.h>

static long
stamp_min(const char *s)
{
	int y, mo, d, h, mi;
	if (sscanf(s, "%d-%d-%dT%d:%d", &y, &mo, &d, &h, &mi) != 5)
		return -1;
	return (long)rota_days_from_civil(y, mo, d) * 1440 + h * 60 + mi;
}

static double
now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + ts.tv_nsec * 1e-9;
}

int
main(int argc, char **argv)
{
	if (argc < 3) {
		fprintf(stderr, "usage: forecast-eval WORK WEEKS [MODEL...]\n");
		return 2;
	}
	const char *work = argv[1];
	int weeks = atoi(argv[2]);
	const char *defmodels[] = {"snaive", "avg", "hw", "mstl", "auto"};
	const char **mnames = argc > 3 ? (const char **)argv + 3 : defmodels;
	int nm = argc > 3 ? argc - 3 : 5;
	char path[4096], line[512];
	snprintf(path, sizeof path, "%s/series.txt", work);
	FILE *sf = fopen(path, "r");
	if (!sf)
		return perror(path), 1;
	char name[64], ival[16];
	int spd, dp, wp;
	printf("%-10s %-14s %7s %7s %7s %7s %7s %8s\n", "series", "model", "MASE", "WAPE", "bias",
	       "cov80", "cov95", "ms/fc");
	while (fscanf(sf, "%63s %15s %d %d %d", name, ival, &spd, &dp, &wp) == 5) {
		snprintf(path, sizeof path, "%s/%s.grid.csv", work, name);
		FILE *g = fopen(path, "r");
		if (!g)
			return perror(path), 1;
		size_t n = 0, cap = 0;
		double *v = NULL;
		long t0 = -1;
		int slot = 1440 / spd;
		fgets(line, sizeof line, g);
		while (fgets(line, sizeof line, g)) {
			char *c = strchr(line, ',');
			if (!c)
				continue;
			if (t0 < 0)
				t0 = stamp_min(line);
			if (n == cap)
				v = realloc(v, (cap = cap ? 2 * cap : 4096) * sizeof *v);
			v[n++] = atof(c + 1);
		}
		fclose(g);
		unsigned char *fl = calloc(n, 1), *scored = calloc(n, 1);
		int bank = strcmp(name, "bank") == 0;
		for (size_t i = 0; i < n; i++) {
			int hour = (int)(i % (size_t)spd) * slot / 60;
			int wd = rota_weekday(t0 / 1440 + (long)(i / (size_t)spd));
			if (bank && (hour < 7 || hour > 20 || wd >= 5))
				fl[i] = ROTA_FC_CLOSED;
		}
		snprintf(path, sizeof path, "%s/%s.r.csv", work, name);
		FILE *r = fopen(path, "r");
		fgets(line, sizeof line, r);
		while (fgets(line, sizeof line, r)) {
			long t = stamp_min(line);
			char *c = strrchr(line, ',');
			size_t i = (size_t)((t - t0) / slot);
			if (i < n && c && atoi(c + 1))
				scored[i] = 1;
		}
		fclose(r);
		size_t org[64];
		int no = 0;
		snprintf(path, sizeof path, "%s/%s.origins", work, name);
		FILE *of = fopen(path, "r");
		long ri, gi;
		char ts[64];
		while (no < 64 && fscanf(of, "%ld %ld %63s", &ri, &gi, ts) == 3)
			org[no++] = (size_t)gi;
		fclose(of);
		size_t week = 7 * (size_t)spd;
		for (int mi = 0; mi < nm; mi++) {
			const rota_fc_model *m = rota_fc_model_find(mnames[mi]);
			if (!m) {
				fprintf(stderr, "no model %s\n", mnames[mi]);
				return 2;
			}
			double smase = 0, sae = 0, sact = 0, sdiff = 0, secs = 0;
			size_t cnt = 0, in80 = 0, in95 = 0;
			char chosen[256] = "";
			for (int k = 0; k < no; k++) {
				size_t g0 = org[k], w0 = g0 - (size_t)weeks * week;
				rota_fc_series s = {t0 / 1440 + (long)(w0 / (size_t)spd), spd,
				                    g0 - w0, v + w0, fl + w0, fl + g0};
				rota_fc_opts o;
				rota_fc_opts_init(&o);
				o.horizon = week;
				if (getenv("AVG_WEEKS"))
					o.avg_weeks = atoi(getenv("AVG_WEEKS"));
				rota_fc_result res;
				rota_error err;
				double a = now();
				if (rota_forecast(&s, m, &o, &res, &err) < 0) {
					fprintf(stderr, "%s %s: %s\n", name, m ? mnames[mi] : "?", err.msg);
					break;
				}
				secs += now() - a;
				double sc = 0;
				size_t sn = 0;
				for (size_t t = w0 + week; t < g0; t++)
					if (scored[t] && scored[t - week]) {
						sc += fabs(v[t] - v[t - week]);
						sn++;
					}
				sc /= (double)sn;
				double oae = 0;
				size_t on = 0;
				for (size_t j = 0; j < week && g0 + j < n; j++) {
					size_t t = g0 + j;
					if (!scored[t])
						continue;
					double e = res.mean[j] - v[t];
					oae += fabs(e);
					on++;
					sae += fabs(e);
					sdiff += e;
					sact += v[t];
					cnt++;
					in80 += v[t] >= res.lo80[j] && v[t] <= res.hi80[j];
					in95 += v[t] >= res.lo95[j] && v[t] <= res.hi95[j];
				}
				smase += oae / (double)on / sc;
				if (strlen(chosen) + strlen(res.model) + 2 < sizeof chosen) {
					strcat(chosen, " ");
					strcat(chosen, res.model);
				}
				rota_fc_result_free(&res);
			}
			printf("%-10s %-14s %7.3f %7.3f %7.3f %7.3f %7.3f %8.1f %s\n", name, mnames[mi],
			       smase / no, sae / sact, sdiff / sact, (double)in80 / (double)cnt,
			       (double)in95 / (double)cnt, secs * 1000 / no,
			       strncmp(mnames[mi], "auto", 4) == 0 ? chosen : "");
		}
		free(v);
		free(fl);
		free(scored);
	}
	fclose(sf);
	return 0;
}
