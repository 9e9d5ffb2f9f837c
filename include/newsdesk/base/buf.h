/*
 * buf: a growable byte buffer, the one buffer contract of newsdesk.
 *
 * - .data is never NULL: an empty buffer points at a shared empty string
 *   (as git's strbuf does), so .data can always be printed, compared and
 *   passed on, and .data[.len] is always '\0'. The content may hold NUL
 *   bytes itself: use .len, never strlen().
 * - Memory: growth goes through alloc.h, which never fails (running out
 *   of memory ends the program through its one handler). So an append to
 *   a buffer without a limit always succeeds and needs no check.
 * - Limits: a buffer that holds outside input (a fetched page, a prompt)
 *   is given a hard limit. An append that would pass it fails (-1), adds
 *   nothing, and sets .full, which stays set: the later appends fail too,
 *   so the owner checks .full once per output rather than every append.
 * - Ownership: the buffer owns its bytes; nd_buf_release() frees them and
 *   leaves an empty buffer, nd_buf_detach() hands them to the caller.
 */
#ifndef NEWSDESK_BASE_BUF_H
#define NEWSDESK_BASE_BUF_H

#include <stdarg.h>
#include <stddef.h>

#include "newsdesk/base/alloc.h"
#include "newsdesk/base/str.h" /* ND_LIT, for appends of literals */

/* Read-only in practice: nothing ever writes to it. */
extern char nd_buf_empty[1];

struct nd_buf {
	char *data;
	size_t len;
	size_t cap;   /* 0 while data is nd_buf_empty */
	size_t limit; /* 0: no limit */
	int full;     /* an append was refused by the limit */
};

#define ND_BUF_INIT { nd_buf_empty, 0, 0, 0, 0 }

void nd_buf_init(struct nd_buf *b, size_t limit);
/* Frees the bytes; the buffer is empty again (its limit kept). */
void nd_buf_release(struct nd_buf *b);
/* Empties the buffer but keeps its memory and limit (and clears .full). */
void nd_buf_reset(struct nd_buf *b);
/* Hands the bytes (malloc'd, NUL-terminated, never NULL) to the caller
 * and leaves the buffer empty. */
char *nd_buf_detach(struct nd_buf *b, size_t *len);
/* Makes room for extra more bytes: -1 (and .full) only past the limit. */
int nd_buf_grow(struct nd_buf *b, size_t extra);
int nd_buf_add(struct nd_buf *b, const void *p, size_t n);
int nd_buf_addc(struct nd_buf *b, char c);
int nd_buf_adds(struct nd_buf *b, const char *s);
/* Appends n copies of c. */
int nd_buf_pad(struct nd_buf *b, char c, size_t n);
int nd_buf_addf(struct nd_buf *b, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
int nd_buf_vaddf(struct nd_buf *b, const char *fmt, va_list ap)
	__attribute__((format(printf, 2, 0)));

#endif
