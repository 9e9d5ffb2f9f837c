/*
 * alloc: the one out-of-memory policy, decided here.
 *
 * Every allocation newsdesk makes goes through these functions, and none
 * of them returns NULL: when memory runs out (or a size overflows) they
 * first run the cleanup hook (the desk sets one that restores the
 * terminal), then the fatal handler the program installed, which must not
 * return: main.c installs one that prints "newsdesk: out of memory" and
 * exits 1. Without a handler, abort(). So no caller checks for NULL, and
 * no path half-handles running out.
 *
 * Inputs from outside are bounded by their own caps (nd_buf limits, file
 * size limits), not by running out of memory.
 */
#ifndef NEWSDESK_BASE_ALLOC_H
#define NEWSDESK_BASE_ALLOC_H

#include <stddef.h>

void *nd_xmalloc(size_t n);
void *nd_xcalloc(size_t count, size_t size);
void *nd_xrealloc(void *p, size_t n);
char *nd_xstrdup(const char *s);
/* n bytes of p and a NUL after them (p may hold NULs). */
char *nd_xmemdup(const void *p, size_t n);

/* Grows the array *(T **)arr of *cap elements of size elsize so that it
 * holds at least need (doubling, overflow-checked). The one growth
 * policy for every array in newsdesk. */
void nd_grow(void *arr, size_t *cap, size_t need, size_t elsize);

/* Called with the size that could not be allocated; must not return. */
typedef void (*nd_oom_handler)(size_t bytes);
void nd_alloc_set_oom_handler(nd_oom_handler h);
/* Runs before the handler, once (NULL: none). */
void nd_alloc_set_cleanup(void (*cleanup)(void));
/* Runs the handler (or aborts): for sizes that overflow. */
void nd_alloc_fail(size_t bytes) __attribute__((noreturn));

#endif
