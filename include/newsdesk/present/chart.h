/*
 * chart: the stats charts laid out as lines of text, for the desk's stats
 * view and the command line's stats. No curses: the desk draws the lines
 * and colours their spans by role through the theme; the CLI prints them.
 *
 * A page (nd_chart_page) holds, in order: a summary line; articles per
 * day, week or month as vertical bars (the bucket is the finest whose
 * columns fit the width; when even months do not fit, the latest months
 * that do are shown and a note says so); then horizontal bars: published
 * vs unpublished, read vs unread, providers, topics, categories (most
 * first, ties by name), quality and heat in buckets of 20. A blank line
 * separates sections.
 *
 * Bars use Unicode block characters in eighths (horizontal ▏▎▍▌▋▊▉█,
 * vertical ▁▂▃▄▅▆▇█), or with .ascii '#' for a whole cell and '=' for at
 * least half of one. A count above zero always shows some bar. Lines are
 * at most .width columns (clamped to 20..400), never end in a blank, and
 * hold only sanitised text (labels come from article data). .height is the
 * screen's rows: the time chart gets height - 4 rows (3 to 16) and a bar
 * section at most height - 3 rows, the rest summed up in an "N more" line;
 * 0 means the command line's: 8 rows and every bar.
 *
 * Drilling down: every bar is a target, in reading order, naming the
 * lines and columns it covers, a label and a query for just its articles
 * (provider:"BBC News", topic:"AI", date>=2023-04-03 date<2023-04-10,
 * quality>=20 quality<40, read:no...), to be combined with the active
 * limit by the caller ("(LIMIT) (QUERY)"). Rows with no such query (no
 * provider, unknown quality) have no target. A line names the target of
 * its horizontal bar (.target), or -1.
 *
 * The chart owns its lines and targets; nd_chart_release() frees them.
 */
#ifndef NEWSDESK_CHART_H
#define NEWSDESK_CHART_H

#include <stddef.h>

#include "newsdesk/model/index.h"
#include "newsdesk/present/tally.h"

enum nd_chart_role {
	ND_CHART_TITLE, /* a section's heading, the summary line */
	ND_CHART_LABEL, /* what a horizontal bar counts */
	ND_CHART_VALUE, /* a count */
	ND_CHART_BAR,	/* bar cells */
	ND_CHART_AXIS,	/* scale, dates under the time chart, notes */
};

#define ND_CHART_SPANS 3

struct nd_chart_span {
	size_t start, len; /* bytes of .text */
	enum nd_chart_role role;
};

struct nd_chart_line {
	char *text; /* no newline */
	struct nd_chart_span spans[ND_CHART_SPANS];
	size_t nspans;
	long target; /* the horizontal bar on this line, or -1 */
};

struct nd_chart_target {
	char *query; /* the bar's own condition */
	char *label; /* sanitised: "BBC News", "week of 2023-04-03" */
	size_t count;
	size_t line, lines; /* first line and how many */
	size_t col, cols;   /* the columns the bar takes */
};

struct nd_chart {
	struct nd_chart_line *lines;
	size_t count, cap;
	struct nd_chart_target *targets;
	size_t ntargets, targets_cap;
};

struct nd_chart_opts {
	size_t width, height;
	int ascii;
};

void nd_chart_init(struct nd_chart *c);
void nd_chart_release(struct nd_chart *c);
/* Lays out the page of t (counted over idx) into c, after what c holds. */
void nd_chart_page(struct nd_chart *c, const struct nd_tally *t,
		   const struct nd_index *idx, const struct nd_chart_opts *o);
/* The time chart alone, rows high. */
void nd_chart_time(struct nd_chart *c, const struct nd_tally *t,
		   const struct nd_chart_opts *o, size_t rows);

#endif
