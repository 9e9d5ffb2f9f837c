/* Shared by the unit tests: cmocka plus a few helpers. */
#ifndef NEWSDESK_TEST_H
#define NEWSDESK_TEST_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define ARRAY_LEN(a) (sizeof(a) / sizeof((a)[0]))

/* A malloc'd copy of a string literal, as the parsers take ownership. */
static inline char *test_dup(const char *s, size_t *len)
{
	size_t n = strlen(s);
	char *p = malloc(n + 1);

	memcpy(p, s, n + 1);
	if (len != NULL)
		*len = n;
	return p;
}

#endif
