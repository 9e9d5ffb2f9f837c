/*
 * sanitize: the one gate between content and a terminal.
 *
 * Every string that comes from an article file, a fetched page or any other
 * outside source passes through nd_sanitize() before it is printed or drawn.
 * The output is valid UTF-8 that holds no C0 or C1 control, no ESC, no DEL,
 * no bidirectional override and no zero-width character, so no escape
 * sequence from content can reach the terminal:
 *   - C0 controls and DEL become caret notation (ESC -> "^[", DEL -> "^?");
 *   - C1 controls, bidi controls and line/paragraph separators in one-line
 *     text become a visible "<U+XXXX>";
 *   - zero-width characters and tag characters are dropped;
 *   - invalid UTF-8 becomes U+FFFD.
 * ND_SAN_LINE makes one line: CRLF, LF, U+2028/9 and TAB become one space.
 * ND_SAN_MULTILINE keeps line breaks as "\n" (CRLF folded), expands TAB to
 * the next multiple of eight columns; a lone CR still shows as "^M".
 * ND_SAN_ASCII also replaces every non-ASCII character with '?' (for
 * terminals whose locale is not UTF-8).
 */
#ifndef NEWSDESK_SANITIZE_H
#define NEWSDESK_SANITIZE_H

#include <stddef.h>
#include <stdint.h>

#include "newsdesk/base/buf.h"

enum {
	ND_SAN_LINE = 0,
	ND_SAN_MULTILINE = 1 << 0,
	ND_SAN_ASCII = 1 << 1,
};

/* Appends the safe form of s[0..len) to out; returns -1 if out is full. */
int nd_sanitize(struct nd_buf *out, const char *s, size_t len, int flags);
/* 1 when nd_sanitize would leave cp as it is. */
int nd_sanitize_cp_is_safe(uint32_t cp);

#endif
