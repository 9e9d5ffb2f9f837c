/*
 * err: the one error carrier of the core.
 *
 * A function that can fail takes a struct nd_err * (may be NULL when the
 * caller does not want the reason), and on failure fills it through
 * nd_err_set()/nd_err_at(), which return -1 so a failure is one line:
 *
 *	if (fd < 0)
 *		return nd_err_set(err, "cannot open '%s': %s", path, why);
 *
 * The message follows the house style: lower case, no full stop, the
 * subject quoted. It is sanitised when set (raw input may be quoted in
 * it) and cut to fit, never in the middle of a UTF-8 character. line and
 * col are 1-based, 0 when unknown; code is a module's class of error
 * (errno, enum nd_fetch_error...) or 0. An nd_err owns no memory. Many
 * problems at once (a file's check) go to an nd_diag, which takes an
 * nd_err with nd_diag_add_err().
 */
#ifndef NEWSDESK_BASE_ERR_H
#define NEWSDESK_BASE_ERR_H

#include <stdarg.h>

#define ND_ERR_MAX 320

struct nd_err {
	unsigned line, col;
	int code;
	char message[ND_ERR_MAX];
};

/* Sets the message (line, col and code 0); returns -1. */
int nd_err_set(struct nd_err *e, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* The same with a place in the input. */
int nd_err_at(struct nd_err *e, unsigned line, unsigned col, const char *fmt,
	      ...) __attribute__((format(printf, 4, 5)));
/* For a module's own fail() helper that takes a format. */
int nd_err_vat(struct nd_err *e, unsigned line, unsigned col,
	       const char *fmt, va_list ap)
	__attribute__((format(printf, 4, 0)));

#endif
