/*
 * wrap: breaks sanitised text into lines of at most width columns.
 *
 * Breaks at spaces where it can and inside a word only when the word alone
 * is wider than the line; never inside a character. "\n" in the text ends
 * a line (blank lines are kept). Each line is handed to the callback as a
 * (pointer, length) slice of the input, without the trailing spaces.
 */
#ifndef NEWSDESK_WRAP_H
#define NEWSDESK_WRAP_H

#include <stddef.h>

typedef int (*nd_wrap_fn)(void *ctx, const char *line, size_t len);

/* Returns the number of lines, or -1 if the callback returned non-zero. */
long nd_wrap(const char *s, size_t len, size_t width, nd_wrap_fn fn,
	     void *ctx);

#endif
