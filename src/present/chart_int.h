/* Private to chart.c and chart_time.c: building one line of a chart. */
#ifndef NEWSDESK_CHART_INT_H
#define NEWSDESK_CHART_INT_H

#include "newsdesk/base/buf.h"
#include "newsdesk/present/chart.h"

struct chart_line {
	struct nd_buf b;
	struct nd_chart_span spans[ND_CHART_SPANS];
	size_t nspans;
};

void cl_init(struct chart_line *l);
/* Appends bytes as a span of role (the spans past ND_CHART_SPANS are
 * merged into the last). */
void cl_add(struct chart_line *l, enum nd_chart_role role, const char *s,
	    size_t len);
/* Ends the line (trailing blanks cut) into c; returns its number. */
size_t chart_push(struct nd_chart *c, struct chart_line *l, long target);
/* Adds a target; returns its number. query and label are copied. */
long chart_target(struct nd_chart *c, const char *query, const char *label,
		  size_t count);
/* The characters of a bar of units eighths along (horizontal) or one
 * cell of level eighths (vertical, 0..8). */
void chart_hbar(struct nd_buf *out, size_t units, int ascii);
void chart_vcell(struct nd_buf *out, size_t level, int ascii);
/* count of max in eighths of cells; above zero shows at least a little. */
size_t chart_units(size_t count, size_t max, size_t cells, int ascii);
size_t chart_digits(size_t n);

#endif
