/* The bench's issue-10 run: cold, warm and one-changed starts against
 * the read and parse floors, with every target printed met or not. */
#ifndef NEWSDESK_BENCH_SCALE_H
#define NEWSDESK_BENCH_SCALE_H

#include <stddef.h>

/* Generates each size in turn (and 1,000,000 with million), measures
 * and prints; real_dir (may be NULL) is a real corpus, measured as is.
 * Returns 0, or 1 when a load lost articles or failed. */
int nd_bench_scale(const size_t *sizes, size_t nsizes, int million,
		   const char *real_dir);
int nd_bench_real(const char *dir);

#endif
