#include "newsdesk/base/alloc.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#ifdef NEWSDESK_ALLOC_SEAM
#include <stdatomic.h>

/* Debug builds only, for the torture test (tests/cli/torture.sh), as
 * curl's torture tests do: NEWSDESK_FAIL_ALLOC=N makes the Nth
 * allocation fail, to prove that every command then ends with its one
 * clear message and never a crash. Threads count through one atomic. */
static atomic_long allocs;
static long fail_at = -2; /* -2: not read yet, -1: off */

static int seam_fails(void)
{
	const char *v;

	if (fail_at == -2) {
		v = getenv("NEWSDESK_FAIL_ALLOC");
		fail_at = v != NULL ? strtol(v, NULL, 10) : -1;
	}
	return fail_at > 0 && atomic_fetch_add(&allocs, 1) + 1 == fail_at;
}
#else
static int seam_fails(void)
{
	return 0;
}
#endif

static nd_oom_handler oom_handler;
static void (*oom_cleanup)(void);

void nd_alloc_set_oom_handler(nd_oom_handler h)
{
	oom_handler = h;
}

void nd_alloc_set_cleanup(void (*cleanup)(void))
{
	oom_cleanup = cleanup;
}

void nd_alloc_fail(size_t bytes)
{
	void (*cleanup)(void) = oom_cleanup;

	/* Once: a cleanup that itself runs out must not loop. */
	oom_cleanup = NULL;
	if (cleanup != NULL)
		cleanup();
	if (oom_handler != NULL)
		oom_handler(bytes);
	/* A handler that returns has broken its contract: there is no
	 * memory to carry on with. */
	abort();
}

void *nd_xmalloc(size_t n)
{
	/* malloc(0) may return NULL: ask for one byte so NULL means one
	 * thing only. */
	void *p = seam_fails() ? NULL : malloc(n != 0 ? n : 1);

	if (p == NULL)
		nd_alloc_fail(n);
	return p;
}

void *nd_xcalloc(size_t count, size_t size)
{
	void *p;

	if (count == 0 || size == 0)
		count = size = 1;
	p = seam_fails() ? NULL : calloc(count, size);
	if (p == NULL)
		nd_alloc_fail(size > SIZE_MAX / count ? SIZE_MAX
						      : count * size);
	return p;
}

void *nd_xrealloc(void *p, size_t n)
{
	void *np = seam_fails() ? NULL : realloc(p, n != 0 ? n : 1);

	if (np == NULL)
		nd_alloc_fail(n);
	return np;
}

char *nd_xmemdup(const void *p, size_t n)
{
	char *d;

	if (n == SIZE_MAX)
		nd_alloc_fail(n);
	d = nd_xmalloc(n + 1);
	if (n != 0)
		memcpy(d, p, n);
	d[n] = '\0';
	return d;
}

char *nd_xstrdup(const char *s)
{
	return nd_xmemdup(s, strlen(s));
}

void nd_grow(void *arr, size_t *cap, size_t need, size_t elsize)
{
	void **p = arr;
	size_t ncap = *cap ? *cap : 8;

	if (need <= *cap)
		return;
	while (ncap < need) {
		if (ncap > SIZE_MAX / 2)
			nd_alloc_fail(SIZE_MAX);
		ncap *= 2;
	}
	if (ncap > SIZE_MAX / elsize)
		nd_alloc_fail(SIZE_MAX);
	*p = nd_xrealloc(*p, ncap * elsize);
	*cap = ncap;
}
