/* The forecast as a picture: one panel per series with the tail of its history, the
 * forecast, and its 80% and 95% prediction bands, on a time axis labelled in the
 * planning zone's local time.  A standalone SVG 1.1 document with no scripts, fonts or
 * external references, so that any viewer (a browser, rsvg-convert, an e-mail client)
 * shows it the same way. */
#include <config.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <rota/rota.h>
#include <rota/forecast-series.h>
#include <rota/svg.h>

#define WIDTH 960
#define PANEL_H 240
#define LEFT 64
#define RIGHT 24
#define TOP 56
#define GAP 44       /* above each panel: its title */
#define PLOT_H (PANEL_H - GAP - 28)

/* A line through the centres of the slots from t (n values). */
static void
polyline(rota_strbuf *b, const rota_svg_axes *a, rota_time t, int64_t slot, const double *v,
         size_t n, const char *style)
{
	if (n == 0)
		return;
	rota_strbuf_printf(b, "<polyline %s points=\"", style);
	for (size_t i = 0; i < n; i++)
		rota_strbuf_printf(b, "%s%.1f,%.1f", i ? " " : "",
		                   rota_svg_x(a, t + (rota_time)i * slot + slot / 2), rota_svg_y(a, v[i]));
	rota_strbuf_puts(b, "\"/>\n");
}

/* The band between lo and hi: along hi, back along lo. */
static void
band(rota_strbuf *b, const rota_svg_axes *a, rota_time t, int64_t slot, const double *lo,
     const double *hi, size_t n, const char *style)
{
	if (n == 0 || lo == NULL || hi == NULL)
		return;
	rota_strbuf_printf(b, "<polygon %s points=\"", style);
	for (size_t i = 0; i < n; i++)
		rota_strbuf_printf(b, "%s%.1f,%.1f", i ? " " : "",
		                   rota_svg_x(a, t + (rota_time)i * slot + slot / 2), rota_svg_y(a, hi[i]));
	for (size_t i = n; i-- > 0;)
		rota_strbuf_printf(b, " %.1f,%.1f", rota_svg_x(a, t + (rota_time)i * slot + slot / 2),
		                   rota_svg_y(a, lo[i]));
	rota_strbuf_puts(b, "\"/>\n");
}

static double
panel_max(const rota_fc_panel *p)
{
	double m = 0;
	for (size_t i = 0; i < p->nhist; i++)
		m = fmax(m, p->hist[i]);
	for (size_t i = 0; i < p->n; i++)
		m = fmax(m, fmax(p->mean[i], p->hi95 ? p->hi95[i] : 0));
	return m > 0 ? m : 1;
}

static void
panel(rota_strbuf *b, const rota_fc_chart *c, const rota_fc_panel *p, double top)
{
	rota_svg_axes a;
	a.x0 = LEFT;
	a.w = WIDTH - LEFT - RIGHT;
	a.y0 = top + GAP;
	a.h = PLOT_H;
	a.t0 = c->start - (rota_time)p->nhist * c->slot;
	a.t1 = c->start + (rota_time)(p->n ? p->n : 1) * c->slot;
	double m = panel_max(p), step = rota_svg_nice_step(m, 4);
	a.ymax = ceil(m / step) * step;
	rota_strbuf_printf(b, "<g>\n<text class=\"title\" x=\"%d\" y=\"%.1f\">", LEFT, top + 24);
	rota_svg_text(b, p->title);
	rota_strbuf_puts(b, "</text>\n");
	rota_svg_value_axis(b, &a);
	rota_svg_time_axis(b, &a, c->tz);
	band(b, &a, c->start, c->slot, p->lo95, p->hi95, p->n, "class=\"b95\"");
	band(b, &a, c->start, c->slot, p->lo80, p->hi80, p->n, "class=\"b80\"");
	polyline(b, &a, a.t0, c->slot, p->hist, p->nhist, "class=\"hist\"");
	polyline(b, &a, c->start, c->slot, p->mean, p->n, "class=\"fc\"");
	double xs = rota_svg_x(&a, c->start);
	rota_strbuf_printf(b, "<line class=\"now\" x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\"/>\n"
	                   "<rect class=\"frame\" x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" "
	                   "height=\"%.1f\"/>\n</g>\n", xs, a.y0, xs, a.y0 + a.h, a.x0, a.y0, a.w, a.h);
}

char *
rota_fc_svg(const rota_fc_chart *c)
{
	rota_strbuf b = ROTA_STRBUF_INIT;
	size_t np = c->npanels;
	double height = TOP + (double)np * PANEL_H + (c->left_out ? 24 : 0) + 16;
	char start[ROTA_TIME_BUFSZ];
	rota_time_format(start, sizeof start, c->start, c->tz);
	rota_svg_begin(&b, WIDTH, height,
		".now { stroke: #c33; stroke-width: 1; stroke-dasharray: 4,3; }\n"
		".hist { fill: none; stroke: #555; stroke-width: 1.2; }\n"
		".fc { fill: none; stroke: #1f5fbf; stroke-width: 1.6; }\n"
		".b95 { fill: #1f5fbf; fill-opacity: 0.12; stroke: none; }\n"
		".b80 { fill: #1f5fbf; fill-opacity: 0.25; stroke: none; }\n");
	rota_strbuf_printf(&b, "<text class=\"head\" x=\"%d\" y=\"24\">Forecast from %s",
	                   LEFT, start);
	if (c->model) {
		rota_strbuf_puts(&b, " (");
		rota_svg_text(&b, c->model);
		rota_strbuf_puts(&b, ")");
	}
	rota_strbuf_puts(&b, "</text>\n");
	rota_strbuf_printf(&b, "<text x=\"%d\" y=\"42\">Arrivals per %lld minutes; times in ",
	                   LEFT, (long long)(c->slot / 60));
	rota_svg_text(&b, rota_tz_name(c->tz));
	rota_strbuf_puts(&b, "; gray: history, blue: forecast with 80% and 95% prediction "
	                 "intervals</text>\n");
	for (size_t i = 0; i < np; i++)
		panel(&b, c, &c->panels[i], TOP + (double)i * PANEL_H);
	if (c->left_out)
		rota_strbuf_printf(&b, "<text x=\"%d\" y=\"%.0f\">... and %zu more series, not "
		                   "drawn</text>\n", LEFT, TOP + (double)np * PANEL_H + 16, c->left_out);
	rota_svg_end(&b);
	return rota_strbuf_detach(&b);
}
