/* The bench's corpus: N deterministic seed-shaped article files. */
#ifndef NEWSDESK_BENCH_GEN_H
#define NEWSDESK_BENCH_GEN_H

#include <stddef.h>

/* Writes count articles below dir (1,000 per sub-directory). The same
 * count always gives the same bytes. Returns 0 or -1. */
int nd_bench_generate(const char *dir, size_t count);
/* Removes what nd_bench_generate wrote, and dir itself. */
int nd_bench_remove(const char *dir);

#endif
