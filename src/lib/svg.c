/* The parts of an SVG chart that rota-forecast's and rota-roster's pictures share. */
#include <config.h>
#include <math.h>
#include <rota/rota.h>
#include <rota/svg.h>

void
rota_svg_begin(rota_strbuf *b, int width, double height, const char *style)
{
	rota_strbuf_printf(b,
		"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
		"<svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.1\" width=\"%d\" "
		"height=\"%.0f\" viewBox=\"0 0 %d %.0f\">\n"
		"<style>\n"
		"text { font-family: sans-serif; font-size: 11px; fill: #333; }\n"
		".title { font-size: 14px; font-weight: bold; }\n"
		".head { font-size: 16px; font-weight: bold; }\n"
		".val { text-anchor: end; }\n"
		".grid { stroke: #ddd; stroke-width: 1; }\n"
		".frame { fill: none; stroke: #888; stroke-width: 1; }\n",
		width, height, width, height);
	rota_strbuf_puts(b, style);
	rota_strbuf_puts(b, "</style>\n<rect width=\"100%\" height=\"100%\" fill=\"#fff\"/>\n");
}

void
rota_svg_end(rota_strbuf *b)
{
	rota_strbuf_puts(b, "</svg>\n");
}

void
rota_svg_text(rota_strbuf *b, const char *s)
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

double
rota_svg_nice_step(double top, int want)
{
	double raw = top / want, p = pow(10, floor(log10(raw))), m = raw / p;
	return (m <= 1 ? 1 : m <= 2 ? 2 : m <= 5 ? 5 : 10) * p;
}

double
rota_svg_x(const rota_svg_axes *a, rota_time t)
{
	return a->x0 + a->w * (double)(t - a->t0) / (double)(a->t1 - a->t0);
}

double
rota_svg_y(const rota_svg_axes *a, double v)
{
	return a->y0 + a->h - a->h * (v < 0 ? 0 : v) / a->ymax;
}

void
rota_svg_time_axis(rota_strbuf *b, const rota_svg_axes *a, const rota_tz *tz)
{
	int64_t d0 = rota_tz_day_of(tz, a->t0), d1 = rota_tz_day_of(tz, a->t1);
	int64_t days = d1 - d0 + 1, every = days <= 16 ? 1 : days <= 35 ? 2 : days <= 70 ? 7 : 14;
	static const char *const wd[] = { "Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun" };
	for (int64_t d = d0; d <= d1; d++) {
		rota_time t = rota_tz_day_start(tz, d);
		if (t < a->t0 || t > a->t1)
			continue;
		double x = rota_svg_x(a, t);
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

void
rota_svg_value_axis(rota_strbuf *b, const rota_svg_axes *a)
{
	double step = rota_svg_nice_step(a->ymax, 4);
	for (double v = 0; v <= a->ymax + step * 1e-9; v += step) {
		double y = rota_svg_y(a, v);
		rota_strbuf_printf(b, "<line class=\"grid\" x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" "
		                   "y2=\"%.1f\"/>\n<text class=\"val\" x=\"%.1f\" y=\"%.1f\">%g</text>\n",
		                   a->x0, y, a->x0 + a->w, y, a->x0 - 6, y + 4, v);
	}
}
