#include "newsdesk/base/err.h"

#include "newsdesk/base/buf.h"
#include "newsdesk/base/sanitize.h"
#include "newsdesk/base/utf8.h"

#include <stdarg.h>
#include <string.h>

/* Sanitised into e->message, cut at a character boundary. */
static void store(struct nd_err *e, const char *s, size_t len)
{
	struct nd_buf b = ND_BUF_INIT;
	size_t n;

	nd_sanitize(&b, s, len, ND_SAN_LINE);
	n = b.len < ND_ERR_MAX - 1 ? b.len : ND_ERR_MAX - 1;
	while (n > 0 && n < b.len && ((unsigned char)b.data[n] & 0xC0) == 0x80)
		n--;
	memcpy(e->message, b.data, n);
	e->message[n] = '\0';
	nd_buf_release(&b);
}

int nd_err_vat(struct nd_err *e, unsigned line, unsigned col,
	       const char *fmt, va_list ap)
{
	struct nd_buf b = ND_BUF_INIT;

	if (e == NULL)
		return -1;
	nd_buf_vaddf(&b, fmt, ap);
	e->line = line;
	e->col = col;
	e->code = 0;
	store(e, b.data, b.len);
	nd_buf_release(&b);
	return -1;
}

int nd_err_set(struct nd_err *e, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	nd_err_vat(e, 0, 0, fmt, ap);
	va_end(ap);
	return -1;
}

int nd_err_at(struct nd_err *e, unsigned line, unsigned col, const char *fmt,
	      ...)
{
	va_list ap;

	va_start(ap, fmt);
	nd_err_vat(e, line, col, fmt, ap);
	va_end(ap);
	return -1;
}
