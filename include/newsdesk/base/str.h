/*
 * str: string literals with their lengths counted by the compiler, and
 * prefix tests, so no call passes a hand-counted length (one such count
 * once cut the help screen's last line).
 *
 *	nd_buf_add(out, ND_LIT("\\n"));        adds 2 bytes
 *	if (ND_IS(key, len, "path")) ...       exactly these bytes
 *	if ((v = nd_skip_prefix(s, "quality=")) != NULL) ... v is the value
 *
 * ND_LIT, ND_IS and ND_IS_CI take a string literal only (the "" s ""
 * trick refuses anything else at compile time).
 */
#ifndef NEWSDESK_BASE_STR_H
#define NEWSDESK_BASE_STR_H

#include <stddef.h>
#include <string.h>
#include <strings.h>

#define ND_LIT(s) ("" s ""), (sizeof("" s "") - 1)
#define ND_IS(p, len, lit)                                                   \
	((len) == sizeof("" lit "") - 1 && memcmp((p), lit, (len)) == 0)
#define ND_IS_CI(p, len, lit)                                                \
	((len) == sizeof("" lit "") - 1 && strncasecmp((p), lit, (len)) == 0)

/* s after prefix when s starts with it, else NULL. */
const char *nd_skip_prefix(const char *s, const char *prefix);
/* The same, ignoring ASCII case. */
const char *nd_skip_prefix_ci(const char *s, const char *prefix);

#endif
