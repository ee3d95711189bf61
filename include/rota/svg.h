/* What rota's SVG charts share: the document's frame (a standalone SVG 1.1 with no
 * scripts, fonts or external references, so that any viewer shows it the same way),
 * text escaped for XML, and a plot area with a value axis and a time axis labelled by
 * local days. */
#ifndef ROTA_SVG_H
#define ROTA_SVG_H

#include <stdint.h>
#include <rota/strbuf.h>
#include <rota/time.h>

/* The XML declaration, the <svg> element, a style sheet (the shared rules for text,
 * .title, .head, .val, .grid and .frame, then style's own) and a white background. */
void rota_svg_begin(rota_strbuf *b, int width, double height, const char *style);
void rota_svg_end(rota_strbuf *b);

/* Text for an XML document: the five special characters as entities, and control
 * characters (which XML 1.0 cannot hold at all) as U+FFFD. */
void rota_svg_text(rota_strbuf *b, const char *s);

/* A step of 1, 2 or 5 times a power of ten giving about `want` ticks up to top. */
double rota_svg_nice_step(double top, int want);

typedef struct rota_svg_axes {
	double x0, y0, w, h;      /* the plot area, y0 its top */
	rota_time t0, t1;
	double ymax;
} rota_svg_axes;

double rota_svg_x(const rota_svg_axes *a, rota_time t);
double rota_svg_y(const rota_svg_axes *a, double v);
/* Day lines at local midnights, labelled "Mon 03-30"; every k-th label when days are
 * many, none that would run past the right edge. */
void rota_svg_time_axis(rota_strbuf *b, const rota_svg_axes *a, const rota_tz *tz);
/* Lines and labels at nice steps from 0 to ymax. */
void rota_svg_value_axis(rota_strbuf *b, const rota_svg_axes *a);

#endif
