/*
 * utf8: decoding, display width and case folding of UTF-8 text.
 *
 * Decoding is strict (no overlong forms, surrogates or values past
 * U+10FFFF). Widths come from the C library's tables under a private
 * C.UTF-8 locale, so they do not depend on the user's LANG; code points it
 * does not know count as one column. Functions take (pointer, length)
 * because parsed values may hold NUL bytes.
 */
#ifndef NEWSDESK_UTF8_H
#define NEWSDESK_UTF8_H

#include <stddef.h>
#include <stdint.h>

#include "newsdesk/base/buf.h"

#define ND_UTF8_INVALID 0xFFFFFFFFu

/* Decodes one code point; returns the bytes used (>= 1 when len > 0).
 * An invalid sequence yields ND_UTF8_INVALID and consumes one byte. */
size_t nd_utf8_decode(const char *s, size_t len, uint32_t *cp);
/* Writes cp as UTF-8 into out; returns the byte count (1..4). */
size_t nd_utf8_encode(uint32_t cp, char out[4]);
/* 1 when s[0..len) is entirely valid UTF-8. */
int nd_utf8_valid(const char *s, size_t len, size_t *bad_offset);

/* Columns taken by one code point: 0 for combining, 2 for wide. */
int nd_cp_width(uint32_t cp);
/* Columns taken by sanitised text (no control characters expected). */
size_t nd_text_width(const char *s, size_t len);
/* Bytes of s that fit in cols columns without cutting a character;
 * *used receives the columns they take. */
size_t nd_text_fit(const char *s, size_t len, size_t cols, size_t *used);

/* Simple lower-case folding for matching: ASCII, Latin-1, Latin
 * Extended-A, Greek and Cyrillic. Invalid bytes are copied unchanged. */
int nd_casefold(struct nd_buf *out, const char *s, size_t len);
/* Case-insensitive search of needle (already folded) in hay. */
int nd_fold_contains(const char *hay, size_t hlen, const char *needle,
		     size_t nlen);
/* Case-insensitive equality. */
int nd_fold_equal(const char *a, size_t alen, const char *b, size_t blen);
/* Case-insensitive ordering (for sorting by title or provider). */
int nd_fold_compare(const char *a, size_t alen, const char *b, size_t blen);

#endif
