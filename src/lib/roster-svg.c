/* The roster as a picture: per queue, the agents required and scheduled in each
 * interval (a step line over a step area, so that a shortfall shows as line above
 * area), and the roster as a Gantt chart, one row per agent across the horizon's days,
 * each shift a bar with its breaks cut out in a lighter shade.  Everything is drawn on
 * the planning zone's clock, so that agents in other zones line up with the need they
 * cover. */
#include <config.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <rota/rota.h>
#include <rota/roster.h>
#include <rota/svg.h>

#define WIDTH 960
#define LEFT 120     /* room for agent ids */
#define RIGHT 24
#define TOP 56
#define PANEL_H 200
#define GAP 40       /* above each panel: its title */
#define PLOT_H (PANEL_H - GAP - 28)
#define ROW_H 18
#define BAR_H 12

static void
clock_of(rota_strbuf *b, rota_time t, const rota_tz *tz)
{
	rota_civil c;
	rota_tz_to_local(tz, t, &c, NULL);
	rota_strbuf_printf(b, "%02d:%02d", c.hour, c.min);
}

static void
queue_panel(rota_strbuf *b, const rota_roster_model *m, size_t q, const double *sch, double top)
{
	const double *req = m->required + q * m->ncells, *s = sch + q * m->ncells;
	rota_svg_axes a = { LEFT, top + GAP, WIDTH - LEFT - RIGHT, PLOT_H, m->cell_start[0],
	                    m->cell_start[m->ncells], 1 };
	double hi = 0;
	for (size_t i = 0; i < m->ncells; i++)
		hi = fmax(hi, fmax(isnan(req[i]) ? 0 : req[i], s[i]));
	double step = rota_svg_nice_step(hi > 0 ? hi : 1, 4);
	a.ymax = ceil((hi > 0 ? hi : 1) / step) * step;
	rota_strbuf_printf(b, "<g>\n<text class=\"title\" x=\"%d\" y=\"%.1f\">Queue ", LEFT, top + 24);
	rota_svg_text(b, m->queues[q]);
	rota_strbuf_puts(b, ": agents required and scheduled</text>\n");
	rota_svg_value_axis(b, &a);
	rota_svg_time_axis(b, &a, m->tz);
	double base = rota_svg_y(&a, 0);
	rota_strbuf_printf(b, "<path class=\"sch\" d=\"M%.1f,%.1f", a.x0, base);
	for (size_t i = 0; i < m->ncells; i++)
		rota_strbuf_printf(b, " V%.1f H%.1f", rota_svg_y(&a, s[i]),
		                   rota_svg_x(&a, m->cell_start[i + 1]));
	rota_strbuf_printf(b, " V%.1f Z\"/>\n", base);
	/* The need as a step line, broken where it says nothing. */
	rota_strbuf_puts(b, "<path class=\"req\" d=\"");
	int drawing = 0, any = 0;
	for (size_t i = 0; i < m->ncells; i++) {
		if (isnan(req[i])) {
			drawing = 0;
			continue;
		}
		double y = rota_svg_y(&a, req[i]);
		if (drawing)
			rota_strbuf_printf(b, " V%.1f", y);
		else
			rota_strbuf_printf(b, "%sM%.1f,%.1f", any ? " " : "", rota_svg_x(&a, m->cell_start[i]), y);
		rota_strbuf_printf(b, " H%.1f", rota_svg_x(&a, m->cell_start[i + 1]));
		drawing = any = 1;
	}
	if (!any)
		rota_strbuf_printf(b, "M%.1f,%.1f", a.x0, base);
	rota_strbuf_printf(b, "\"/>\n<rect class=\"frame\" x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" "
	                   "height=\"%.1f\"/>\n</g>\n", a.x0, a.y0, a.w, a.h);
}

/* An open <rect> of [s, e) clipped to the plot: the caller closes it.  0 when nothing
 * of it is inside (then nothing is written). */
static int
bar(rota_strbuf *b, const rota_svg_axes *a, rota_time s, rota_time e, double y, const char *cls)
{
	if (s < a->t0)
		s = a->t0;
	if (e > a->t1)
		e = a->t1;
	if (e <= s)
		return 0;
	double x0 = rota_svg_x(a, s), x1 = rota_svg_x(a, e);
	rota_strbuf_printf(b, "<rect class=\"%s\" x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%d\"",
	                   cls, x0, y, x1 - x0, BAR_H);
	return 1;
}

static void
gantt(rota_strbuf *b, const rota_roster_model *m, const rota_roster_asg *asg, size_t n,
      double top)
{
	rota_svg_axes a = { LEFT, top + GAP, WIDTH - LEFT - RIGHT, (double)(m->nagents * ROW_H),
	                    m->cell_start[0], m->cell_start[m->ncells], 1 };
	rota_strbuf_printf(b, "<g>\n<text class=\"title\" x=\"%d\" y=\"%.1f\">Shifts and breaks, "
	                   "%zu agent%s</text>\n", LEFT, top + 24, m->nagents, m->nagents == 1 ? "" : "s");
	rota_svg_time_axis(b, &a, m->tz);
	for (size_t ag = 0; ag < m->nagents; ag++) {
		double y = a.y0 + (double)(ag * ROW_H);
		rota_strbuf_printf(b, "<text class=\"agent\" x=\"%.1f\" y=\"%.1f\">", a.x0 - 6,
		                   y + ROW_H - 5);
		rota_svg_text(b, m->def->agents[ag].id);
		rota_strbuf_puts(b, "</text>\n");
	}
	for (size_t i = 0; i < n; i++) {
		const rota_roster_asg *x = &asg[i];
		const rota_tz *tz = m->agent_tz[x->agent];
		const char *sid = m->def->shifts[x->shift].id;
		double y = a.y0 + (double)(x->agent * ROW_H) + (ROW_H - BAR_H) / 2.0;
		if (!bar(b, &a, x->start, x->end, y, "shift"))
			continue;
		rota_strbuf_puts(b, "><title>");
		rota_svg_text(b, m->def->agents[x->agent].id);
		rota_strbuf_puts(b, " ");
		rota_svg_text(b, sid);
		rota_strbuf_puts(b, " ");
		clock_of(b, x->start, tz);
		rota_strbuf_puts(b, "-");
		clock_of(b, x->end, tz);
		if (x->queue >= 0) {
			rota_strbuf_puts(b, " ");
			rota_svg_text(b, m->queues[x->queue]);
		}
		rota_strbuf_puts(b, "</title></rect>\n");
		for (int k = 0; k < x->nbreaks; k++)
			if (bar(b, &a, x->breaks[k].start, x->breaks[k].end, y, "brk"))
				rota_strbuf_puts(b, "/>\n");
		double w = rota_svg_x(&a, x->end < a.t1 ? x->end : a.t1) -
		           rota_svg_x(&a, x->start > a.t0 ? x->start : a.t0);
		/* The shift's id where it fits (about 6 units a character). */
		if (w >= 6.0 * (double)strlen(sid) + 4) {
			rota_strbuf_printf(b, "<text class=\"sid\" x=\"%.1f\" y=\"%.1f\">",
			                   rota_svg_x(&a, x->start > a.t0 ? x->start : a.t0) + 2, y + BAR_H - 2);
			rota_svg_text(b, sid);
			rota_strbuf_puts(b, "</text>\n");
		}
	}
	rota_strbuf_printf(b, "<rect class=\"frame\" x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" "
	                   "height=\"%.1f\"/>\n</g>\n", a.x0, a.y0, a.w, a.h);
}

char *
rota_roster_svg(const rota_roster_model *m, const rota_roster_asg *a, size_t n)
{
	rota_strbuf b = ROTA_STRBUF_INIT;
	double gantt_h = GAP + (double)(m->nagents * ROW_H) + 28;
	double height = TOP + (double)m->nqueues * PANEL_H + gantt_h + 16;
	rota_svg_begin(&b, WIDTH, height,
		".sch { fill: #1f5fbf; fill-opacity: 0.35; stroke: none; }\n"
		".req { fill: none; stroke: #222; stroke-width: 1.4; }\n"
		".agent { text-anchor: end; }\n"
		".shift { fill: #1f5fbf; fill-opacity: 0.8; }\n"
		".brk { fill: #fff; fill-opacity: 0.7; }\n"
		".sid { font-size: 9px; fill: #fff; }\n");
	char first[16], last[16];
	rota_date_format(first, sizeof first, m->start);
	rota_date_format(last, sizeof last, m->start + m->days - 1);
	rota_strbuf_printf(&b, "<text class=\"head\" x=\"%d\" y=\"24\">Roster %s to %s</text>\n",
	                   LEFT, first, last);
	rota_strbuf_printf(&b, "<text x=\"%d\" y=\"42\">Agents per %lld minutes; times in ", LEFT,
	                   (long long)(m->interval / 60));
	rota_svg_text(&b, rota_tz_name(m->tz));
	rota_strbuf_puts(&b, "; blue area: scheduled, black line: required; bars: shifts, "
	                 "light: breaks</text>\n");
	double *sch = rota_xmalloc((m->nqueues * m->ncells + 1) * sizeof *sch);
	rota_roster_coverage(m, a, n, sch);
	for (size_t q = 0; q < m->nqueues; q++)
		queue_panel(&b, m, q, sch, TOP + (double)q * PANEL_H);
	free(sch);
	gantt(&b, m, a, n, TOP + (double)m->nqueues * PANEL_H);
	rota_svg_end(&b);
	return rota_strbuf_detach(&b);
}
