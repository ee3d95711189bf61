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

#define WIDTH 960
#define PANEL_H 240
#define LEFT 64
#define RIGHT 24
#define TOP 56
#define GAP 44       /* above each panel: its title */
#define PLOT_H (PANEL_H - GAP - 28)

/* Text for an XML document: the five special characters as entities, and control
 * characters (which XML 1.0 cannot hold at all) as U+FFFD. */
static void
put_xml(rota_strbuf *b, const char *s)
{
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;
		switch (c) {
		case '&': rota_strbuf_puts(b, "&amp;"); break;
		case '<': rota_strbuf_puts(b, "&lt;"); break;
		case '>': rota_strbuf_puts(b, "&gt;"); break;
		case '"': rota_strbuf_puts(b, "&quot;"); break;
		case '\'': rota_strbuf_puts(b, "&apos;"); break;
		default:
			if (c < 0x20 || c == 0x7f)
				rota_strbuf_puts(b, "\xEF\xBF\xBD");
			else
				rota_strbuf_putc(b, (char)c);
		}
	}
}

/* A step of 1, 2 or 5 times a power of ten giving about `want` ticks up to top. */
static double
nice_step(double top, int want)
{
	double raw = top / want, p = pow(10, floor(log10(raw))), m = raw / p;
	return (m <= 1 ? 1 : m <= 2 ? 2 : m <= 5 ? 5 : 10) * p;
}

struct axes {
	double x0, y0, w, h;   /* the plot area, y0 its top */
	rota_time t0, t1;
	double ymax;
};

static double
xpos(const struct axes *a, rota_time t)
{
	return a->x0 + a->w * (double)(t - a->t0) / (double)(a->t1 - a->t0);
}

static double
ypos(const struct axes *a, double v)
{
	return a->y0 + a->h - a->h * (v < 0 ? 0 : v) / a->ymax;
}

/* A line through the centres of the slots from t (n values). */
static void
polyline(rota_strbuf *b, const struct axes *a, rota_time t, int64_t slot, const double *v,
         size_t n, const char *style)
{
	if (n == 0)
		return;
	rota_strbuf_printf(b, "<polyline %s points=\"", style);
	for (size_t i = 0; i < n; i++)
		rota_strbuf_printf(b, "%s%.1f,%.1f", i ? " " : "",
		                   xpos(a, t + (rota_time)i * slot + slot / 2), ypos(a, v[i]));
	rota_strbuf_puts(b, "\"/>\n");
}

/* The band between lo and hi: along hi, back along lo. */
static void
band(rota_strbuf *b, const struct axes *a, rota_time t, int64_t slot, const double *lo,
     const double *hi, size_t n, const char *style)
{
	if (n == 0 || lo == NULL || hi == NULL)
		return;
	rota_strbuf_printf(b, "<polygon %s points=\"", style);
	for (size_t i = 0; i < n; i++)
		rota_strbuf_printf(b, "%s%.1f,%.1f", i ? " " : "",
		                   xpos(a, t + (rota_time)i * slot + slot / 2), ypos(a, hi[i]));
	for (size_t i = n; i-- > 0;)
		rota_strbuf_printf(b, " %.1f,%.1f", xpos(a, t + (rota_time)i * slot + slot / 2),
		                   ypos(a, lo[i]));
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

/* Day ticks at local midnights, labelled "Mon 03-30"; every k-th when days are many. */
static void
time_axis(rota_strbuf *b, const struct axes *a, const rota_tz *tz)
{
	int64_t d0 = rota_tz_day_of(tz, a->t0), d1 = rota_tz_day_of(tz, a->t1);
	int64_t days = d1 - d0 + 1, every = days <= 16 ? 1 : days <= 35 ? 2 : days <= 70 ? 7 : 14;
	static const char *const wd[] = { "Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun" };
	for (int64_t d = d0; d <= d1; d++) {
		rota_time t = rota_tz_day_start(tz, d);
		if (t < a->t0 || t > a->t1)
			continue;
		double x = xpos(a, t);
		rota_strbuf_printf(b, "<line class=\"grid\" x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" "
		                   "y2=\"%.1f\"/>\n", x, a->y0, x, a->y0 + a->h);
		if ((d - d0) % every || x + 62 > a->x0 + a->w)
			continue;   /* a label that would run past the plot's right edge */
		int y, m, dd;
		rota_civil_from_days(d, &y, &m, &dd);
		rota_strbuf_printf(b, "<text class=\"tick\" x=\"%.1f\" y=\"%.1f\">%s %02d-%02d</text>\n",
		                   x + 2, a->y0 + a->h + 14, wd[rota_weekday(d)], m, dd);
	}
}

static void
value_axis(rota_strbuf *b, const struct axes *a)
{
	double step = nice_step(a->ymax, 4);
	for (double v = 0; v <= a->ymax + step * 1e-9; v += step) {
		double y = ypos(a, v);
		rota_strbuf_printf(b, "<line class=\"grid\" x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" "
		                   "y2=\"%.1f\"/>\n<text class=\"val\" x=\"%.1f\" y=\"%.1f\">%g</text>\n",
		                   a->x0, y, a->x0 + a->w, y, a->x0 - 6, y + 4, v);
	}
}

static void
panel(rota_strbuf *b, const rota_fc_chart *c, const rota_fc_panel *p, double top)
{
	struct axes a;
	a.x0 = LEFT;
	a.w = WIDTH - LEFT - RIGHT;
	a.y0 = top + GAP;
	a.h = PLOT_H;
	a.t0 = c->start - (rota_time)p->nhist * c->slot;
	a.t1 = c->start + (rota_time)(p->n ? p->n : 1) * c->slot;
	double m = panel_max(p), step = nice_step(m, 4);
	a.ymax = ceil(m / step) * step;
	rota_strbuf_printf(b, "<g>\n<text class=\"title\" x=\"%d\" y=\"%.1f\">", LEFT, top + 24);
	put_xml(b, p->title);
	rota_strbuf_puts(b, "</text>\n");
	value_axis(b, &a);
	time_axis(b, &a, c->tz);
	band(b, &a, c->start, c->slot, p->lo95, p->hi95, p->n, "class=\"b95\"");
	band(b, &a, c->start, c->slot, p->lo80, p->hi80, p->n, "class=\"b80\"");
	polyline(b, &a, a.t0, c->slot, p->hist, p->nhist, "class=\"hist\"");
	polyline(b, &a, c->start, c->slot, p->mean, p->n, "class=\"fc\"");
	double xs = xpos(&a, c->start);
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
	rota_strbuf_printf(&b,
		"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
		"<svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.1\" width=\"%d\" "
		"height=\"%.0f\" viewBox=\"0 0 %d %.0f\">\n"
		"<style>\n"
		"text { font-family: sans-serif; font-size: 11px; fill: #333; }\n"
		".title { font-size: 14px; font-weight: bold; }\n"
		".head { font-size: 16px; font-weight: bold; }\n"
		".val { text-anchor: end; }\n"
		".grid { stroke: #ddd; stroke-width: 1; }\n"
		".frame { fill: none; stroke: #888; stroke-width: 1; }\n"
		".now { stroke: #c33; stroke-width: 1; stroke-dasharray: 4,3; }\n"
		".hist { fill: none; stroke: #555; stroke-width: 1.2; }\n"
		".fc { fill: none; stroke: #1f5fbf; stroke-width: 1.6; }\n"
		".b95 { fill: #1f5fbf; fill-opacity: 0.12; stroke: none; }\n"
		".b80 { fill: #1f5fbf; fill-opacity: 0.25; stroke: none; }\n"
		"</style>\n"
		"<rect width=\"100%%\" height=\"100%%\" fill=\"#fff\"/>\n",
		WIDTH, height, WIDTH, height);
	rota_strbuf_printf(&b, "<text class=\"head\" x=\"%d\" y=\"24\">Forecast from %s",
	                   LEFT, start);
	if (c->model) {
		rota_strbuf_puts(&b, " (");
		put_xml(&b, c->model);
		rota_strbuf_puts(&b, ")");
	}
	rota_strbuf_puts(&b, "</text>\n");
	rota_strbuf_printf(&b, "<text x=\"%d\" y=\"42\">Arrivals per %lld minutes; times in ",
	                   LEFT, (long long)(c->slot / 60));
	put_xml(&b, rota_tz_name(c->tz));
	rota_strbuf_puts(&b, "; gray: history, blue: forecast with 80% and 95% prediction "
	                 "intervals</text>\n");
	for (size_t i = 0; i < np; i++)
		panel(&b, c, &c->panels[i], TOP + (double)i * PANEL_H);
	if (c->left_out)
		rota_strbuf_printf(&b, "<text x=\"%d\" y=\"%.0f\">... and %zu more series, not "
		                   "drawn</text>\n", LEFT, TOP + (double)np * PANEL_H + 16, c->left_out);
	rota_strbuf_puts(&b, "</svg>\n");
	return rota_strbuf_detach(&b);
}
