/*
 * buf: a growable byte buffer with a hard size limit.
 *
 * The buffer owns its bytes; nd_buf_release() frees them, nd_buf_detach()
 * hands them to the caller. The content is always NUL-terminated so it can
 * be printed, but it may hold NUL bytes itself: use .len, never strlen().
 * Every append fails (returns -1, buffer unchanged) once .limit would be
 * passed or memory runs out; a limit of 0 means "no limit".
 */
#ifndef NEWSDESK_BUF_H
#define NEWSDESK_BUF_H

#include <stdarg.h>
#include <stddef.h>

struct nd_buf {
	char *data;
	size_t len;
	size_t cap;
	size_t limit;
};

#define ND_BUF_INIT { NULL, 0, 0, 0 }

void nd_buf_init(struct nd_buf *b, size_t limit);
void nd_buf_release(struct nd_buf *b);
void nd_buf_reset(struct nd_buf *b);
char *nd_buf_detach(struct nd_buf *b, size_t *len);
int nd_buf_grow(struct nd_buf *b, size_t extra);
int nd_buf_add(struct nd_buf *b, const void *p, size_t n);
int nd_buf_addc(struct nd_buf *b, char c);
int nd_buf_adds(struct nd_buf *b, const char *s);
int nd_buf_addf(struct nd_buf *b, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
int nd_buf_vaddf(struct nd_buf *b, const char *fmt, va_list ap)
	__attribute__((format(printf, 2, 0)));
/* Grows the array *(T **)arr of *cap elements of size elsize so that it
 * holds at least need (doubling, overflow-checked). 0, or -1 with the
 * array unchanged. The one growth policy for every array in newsdesk. */
int nd_grow(void *arr, size_t *cap, size_t need, size_t elsize);
/* Appends n copies of c. */
int nd_buf_pad(struct nd_buf *b, char c, size_t n);

#endif
