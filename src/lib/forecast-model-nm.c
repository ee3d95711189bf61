/* Nelder-Mead minimisation for the models' parameter fits: few dimensions (Holt-Winters
 * has four), a cost that is one pass over the data, no derivatives to be had. */
#include <config.h>
#include <math.h>
#include <string.h>
#include <rota/rota.h>
#include "forecast-model.h"

#define NM_MAX_DIM 8

double
fc_nelder_mead(double (*f)(const double *x, void *ctx), void *ctx, double *x, int dim,
               double step, int max_eval, double tol)
{
	double p[NM_MAX_DIM + 1][NM_MAX_DIM], fv[NM_MAX_DIM + 1];
	double c[NM_MAX_DIM], xr[NM_MAX_DIM], xe[NM_MAX_DIM];
	int evals = 0;
	for (int i = 0; i <= dim; i++) {
		memcpy(p[i], x, (size_t)dim * sizeof *x);
		if (i > 0)
			p[i][i - 1] += step;
		fv[i] = f(p[i], ctx);
		evals++;
	}
	while (evals < max_eval) {
		/* Order: best first, worst last (insertion sort: dim is tiny). */
		for (int i = 1; i <= dim; i++)
			for (int j = i; j > 0 && fv[j] < fv[j - 1]; j--) {
				double t = fv[j];
				fv[j] = fv[j - 1];
				fv[j - 1] = t;
				double tp[NM_MAX_DIM];
				memcpy(tp, p[j], sizeof tp);
				memcpy(p[j], p[j - 1], sizeof tp);
				memcpy(p[j - 1], tp, sizeof tp);
			}
		if (fabs(fv[dim] - fv[0]) <= tol * (fabs(fv[0]) + 1e-300))
			break;
		for (int k = 0; k < dim; k++) {
			c[k] = 0;
			for (int i = 0; i < dim; i++)
				c[k] += p[i][k];
			c[k] /= dim;
		}
		for (int k = 0; k < dim; k++)
			xr[k] = c[k] + (c[k] - p[dim][k]);
		double fr = f(xr, ctx);
		evals++;
		if (fr < fv[0]) {
			for (int k = 0; k < dim; k++)
				xe[k] = c[k] + 2 * (c[k] - p[dim][k]);
			double fe = f(xe, ctx);
			evals++;
			if (fe < fr) {
				memcpy(p[dim], xe, (size_t)dim * sizeof *x);
				fv[dim] = fe;
			} else {
				memcpy(p[dim], xr, (size_t)dim * sizeof *x);
				fv[dim] = fr;
			}
			continue;
		}
		if (fr < fv[dim - 1]) {
			memcpy(p[dim], xr, (size_t)dim * sizeof *x);
			fv[dim] = fr;
			continue;
		}
		/* Contract towards the better of the worst and its reflection. */
		int outside = fr < fv[dim];
		for (int k = 0; k < dim; k++)
			xe[k] = outside ? c[k] + 0.5 * (xr[k] - c[k]) : c[k] + 0.5 * (p[dim][k] - c[k]);
		double fc = f(xe, ctx);
		evals++;
		if (fc < (outside ? fr : fv[dim])) {
			memcpy(p[dim], xe, (size_t)dim * sizeof *x);
			fv[dim] = fc;
			continue;
		}
		for (int i = 1; i <= dim; i++) {
			for (int k = 0; k < dim; k++)
				p[i][k] = p[0][k] + 0.5 * (p[i][k] - p[0][k]);
			fv[i] = f(p[i], ctx);
			evals++;
		}
	}
	int best = 0;
	for (int i = 1; i <= dim; i++)
		if (fv[i] < fv[best])
			best = i;
	memcpy(x, p[best], (size_t)dim * sizeof *x);
	return fv[best];
}
