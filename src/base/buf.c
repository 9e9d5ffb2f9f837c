#include "newsdesk/base/buf.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void nd_buf_init(struct nd_buf *b, size_t limit)
{
	b->data = NULL;
	b->len = 0;
	b->cap = 0;
	b->limit = limit;
}

void nd_buf_release(struct nd_buf *b)
{
	free(b->data);
	b->data = NULL;
	b->len = 0;
	b->cap = 0;
}

void nd_buf_reset(struct nd_buf *b)
{
	b->len = 0;
	if (b->data != NULL)
		b->data[0] = '\0';
}

char *nd_buf_detach(struct nd_buf *b, size_t *len)
{
	char *p = b->data;

	if (p == NULL) {
		p = calloc(1, 1);
		if (p == NULL)
			return NULL;
	}
	if (len != NULL)
		*len = b->len;
	b->data = NULL;
	b->len = 0;
	b->cap = 0;
	return p;
}

int nd_buf_grow(struct nd_buf *b, size_t extra)
{
	size_t need, ncap;
	char *p;

	if (extra > SIZE_MAX - b->len - 1)
		return -1;
	need = b->len + extra + 1;
	if (b->limit != 0 && b->len + extra > b->limit)
		return -1;
	if (need <= b->cap)
		return 0;
	ncap = b->cap != 0 ? b->cap : 64;
	while (ncap < need)
		ncap = ncap > SIZE_MAX / 2 ? need : ncap * 2;
	p = realloc(b->data, ncap);
	if (p == NULL)
		return -1;
	b->data = p;
	b->cap = ncap;
	/* The contract is "always NUL-terminated", even before a byte is
	 * added to a fresh buffer. */
	b->data[b->len] = '\0';
	return 0;
}

int nd_buf_add(struct nd_buf *b, const void *p, size_t n)
{
	if (nd_buf_grow(b, n) != 0)
		return -1;
	if (n != 0)
		memcpy(b->data + b->len, p, n);
	b->len += n;
	b->data[b->len] = '\0';
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
	memset(b->data + b->len, c, n);
	b->len += n;
	b->data[b->len] = '\0';
	return 0;
}

int nd_buf_vaddf(struct nd_buf *b, const char *fmt, va_list ap)
{
	va_list cp;
	int n;

	va_copy(cp, ap);
	n = vsnprintf(NULL, 0, fmt, cp);
	va_end(cp);
	if (n < 0 || nd_buf_grow(b, (size_t)n) != 0)
		return -1;
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

int nd_grow(void *arr, size_t *cap, size_t need, size_t elsize)
{
	void **p = arr;
	size_t ncap = *cap ? *cap : 8;
	void *np;

	if (need <= *cap)
		return 0;
	while (ncap < need) {
		if (ncap > SIZE_MAX / 2)
			return -1;
		ncap *= 2;
	}
	if (ncap > SIZE_MAX / elsize)
		return -1;
	np = realloc(*p, ncap * elsize);
	if (np == NULL)
		return -1;
	*p = np;
	*cap = ncap;
	return 0;
}
