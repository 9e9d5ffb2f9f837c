/*
 * diag: a list of problems found while reading input.
 *
 * Core functions never print: they append problems here and the caller
 * decides how to show them. Each problem names the file (may be NULL when
 * the input has none), a 1-based line and column (0 when unknown), a
 * severity and a message in lower case without a full stop. Messages hold
 * raw input fragments only after nd_diag_add has sanitised them, so they
 * are safe to print. The list owns all its strings.
 */
#ifndef NEWSDESK_DIAG_H
#define NEWSDESK_DIAG_H

#include <stddef.h>

#include "newsdesk/base/err.h"

enum nd_severity { ND_WARNING, ND_ERROR };

struct nd_problem {
	char *path;
	unsigned line, col;
	enum nd_severity severity;
	char *message;
};

struct nd_diag {
	struct nd_problem *items;
	size_t count, cap;
	size_t errors;
	/* Stop storing after this many (the count still grows in .dropped). */
	size_t max;
	size_t dropped;
};

void nd_diag_init(struct nd_diag *d);
void nd_diag_release(struct nd_diag *d);
/* Formats and appends; the result is passed through the sanitiser. */
void nd_diag_add(struct nd_diag *d, enum nd_severity sev, const char *path,
		 unsigned line, unsigned col, const char *fmt, ...)
	__attribute__((format(printf, 6, 7)));
/* Appends an error carrier's message at its line and column. */
void nd_diag_add_err(struct nd_diag *d, enum nd_severity sev,
		     const char *path, const struct nd_err *e);
/* Moves every problem of src to the end of dst; src is left empty. */
void nd_diag_move(struct nd_diag *dst, struct nd_diag *src);
/* Orders the problems from index first on by line and column (stable). */
void nd_diag_sort_from(struct nd_diag *d, size_t first);
/* "path:line:col: message" (parts that are unknown are left out). */
char *nd_diag_format(const struct nd_problem *p);

#endif
