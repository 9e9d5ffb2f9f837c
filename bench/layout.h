/* The bench's layout half: documents of n and 2n spans laid out in one
 * run, so a layout that is not linear in its input shows as a ratio. */
#ifndef NEWSDESK_BENCH_LAYOUT_H
#define NEWSDESK_BENCH_LAYOUT_H

#include <stddef.h>

/* Times each kind of document (Markdown emphasis, a direct doc, HTML
 * inline elements, HTML links) at n and 2n spans and prints both CPU
 * times and their ratio unless quiet. Returns -1 if a layout came out empty or
 * the doubled document did not give about twice the lines. */
int nd_bench_layout(size_t n, int quiet);
/* Seconds on the monotonic clock, for every timing the bench takes. */
double nd_bench_now(void);

#endif
