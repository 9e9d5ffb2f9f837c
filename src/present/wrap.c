#include "newsdesk/present/wrap.h"

#include "newsdesk/base/utf8.h"

#include <string.h>

/* Emits one paragraph (no "\n" inside). */
static long wrap_para(const char *s, size_t len, size_t width, nd_wrap_fn fn,
		      void *ctx)
{
	size_t start = 0, i, cols, last_space, fit, used, n;
	long lines = 0;
	uint32_t cp;

	if (len == 0)
		return fn(ctx, s, 0) ? -1 : 1;
	while (start < len) {
		cols = 0;
		last_space = 0;
		i = start;
		while (i < len) {
			n = nd_utf8_decode(s + i, len - i, &cp);
			cols += (size_t)(cp == ND_UTF8_INVALID ? 1
							       : nd_cp_width(cp));
			if (cols > width)
				break;
			if (s[i] == ' ')
				last_space = i;
			i += n;
		}
		if (i >= len) {
			fit = len - start;
		} else if (last_space > start) {
			fit = last_space - start;
		} else {
			fit = nd_text_fit(s + start, len - start, width, &used);
			if (fit == 0) /* a character wider than the line */
				fit = nd_utf8_decode(s + start, len - start,
						     &cp);
		}
		n = fit;
		while (n > 0 && s[start + n - 1] == ' ')
			n--;
		if (fn(ctx, s + start, n) != 0)
			return -1;
		lines++;
		start += fit;
		while (start < len && s[start] == ' ')
			start++;
	}
	return lines;
}

long nd_wrap(const char *s, size_t len, size_t width, nd_wrap_fn fn,
	     void *ctx)
{
	const char *nl;
	size_t start = 0, plen;
	long lines = 0, r;

	if (width == 0)
		width = 1;
	do {
		nl = memchr(s + start, '\n', len - start);
		plen = nl != NULL ? (size_t)(nl - (s + start)) : len - start;
		r = wrap_para(s + start, plen, width, fn, ctx);
		if (r < 0)
			return -1;
		lines += r;
		start += plen + 1;
	} while (nl != NULL && start < len);
	return lines;
}
