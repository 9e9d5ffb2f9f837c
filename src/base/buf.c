#include "newsdesk/base/buf.h"

#include "newsdesk/base/alloc.h"

#include <assert.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

char nd_buf_empty[1];

void nd_buf_init(struct nd_buf *b, size_t limit)
{
	b->data = nd_buf_empty;
	b->len = 0;
	b->cap = 0;
	b->limit = limit;
	b->full = 0;
}

void nd_buf_release(struct nd_buf *b)
{
	if (b->cap != 0)
		free(b->data);
	nd_buf_init(b, b->limit);
}

void nd_buf_reset(struct nd_buf *b)
{
	assert(b->data != NULL);
	b->len = 0;
	b->full = 0;
	if (b->cap != 0)
		b->data[0] = '\0';
}

char *nd_buf_detach(struct nd_buf *b, size_t *len)
{
	char *p = b->cap != 0 ? b->data : nd_xmemdup("", 0);

	if (len != NULL)
		*len = b->len;
	nd_buf_init(b, b->limit);
	return p;
}

int nd_buf_grow(struct nd_buf *b, size_t extra)
{
	size_t need, ncap;

	/* A zeroed struct is not a buffer: nd_buf_init() or ND_BUF_INIT.
	 * Debug builds (the sanitizer run) catch a caller that forgot. */
	assert(b->data != NULL);
	if (b->full)
		return -1;
	if (b->limit != 0 && (extra > b->limit || b->len > b->limit - extra)) {
		b->full = 1;
		return -1;
	}
	if (extra > SIZE_MAX - b->len - 1)
		nd_alloc_fail(SIZE_MAX);
	need = b->len + extra + 1;
	/* The shared empty string already holds the one NUL of "". */
	if (need <= b->cap || need == 1)
		return 0;
	ncap = b->cap != 0 ? b->cap : 64;
	while (ncap < need)
		ncap = ncap > SIZE_MAX / 2 ? need : ncap * 2;
	if (b->cap == 0) {
		b->data = nd_xmalloc(ncap);
		b->data[0] = '\0';
	} else {
		b->data = nd_xrealloc(b->data, ncap);
	}
	b->cap = ncap;
	return 0;
}

int nd_buf_add(struct nd_buf *b, const void *p, size_t n)
{
	if (nd_buf_grow(b, n) != 0)
		return -1;
	if (n != 0) {
		memcpy(b->data + b->len, p, n);
		b->len += n;
		b->data[b->len] = '\0';
	}
	return 0;
}

int nd_buf_addc(struct nd_buf *b, char c)
{
	return nd_buf_add(b, &c, 1);
}

int nd_buf_adds(struct nd_buf *b, const char *s)
{
	return nd_buf_add(b, s, strlen(s));
}

int nd_buf_pad(struct nd_buf *b, char c, size_t n)
{
	if (nd_buf_grow(b, n) != 0)
		return -1;
	if (n != 0) {
		memset(b->data + b->len, c, n);
		b->len += n;
		b->data[b->len] = '\0';
	}
	return 0;
}

int nd_buf_vaddf(struct nd_buf *b, const char *fmt, va_list ap)
{
	va_list cp;
	int n;

	va_copy(cp, ap);
	n = vsnprintf(NULL, 0, fmt, cp);
	va_end(cp);
	/* Only an invalid format fails here; the formats are ours. */
	if (n < 0 || nd_buf_grow(b, (size_t)n) != 0)
		return -1;
	if (n == 0)
		return 0;
	vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
	b->len += (size_t)n;
	return 0;
}

int nd_buf_addf(struct nd_buf *b, const char *fmt, ...)
{
	va_list ap;
	int r;

	va_start(ap, fmt);
	r = nd_buf_vaddf(b, fmt, ap);
	va_end(ap);
	return r;
}
