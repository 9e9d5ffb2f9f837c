/* Private to triage.c, triage_undo.c and triage_root.c: the helpers a
 * decision and its undo share. */
#ifndef NEWSDESK_TRIAGE_INT_H
#define NEWSDESK_TRIAGE_INT_H

#include "newsdesk/base/buf.h"
#include "newsdesk/base/err.h"
#include "newsdesk/write/safewrite.h"
#include "newsdesk/write/triage.h"

/* Fills r (status, message); DONE and CONFLICT set r->reread, as the file
 * is not what the caller showed. -1 for ND_FAILED, else 0. */
int tr_result(struct nd_result *r, enum nd_status s, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* A file that changed on disk under us is a conflict (the other write
 * wins and is kept), any other refusal a failure. */
int tr_refused(struct nd_result *r, const struct nd_err *err);
/* A field's value as the journal writes it: "=text" or "!" (missing). */
void tr_value_of(const struct nd_locked_file *f, const char *field,
		 struct nd_buf *out);
/* Moves src to dst (never over an existing file), syncing both dirs. */
int tr_move(const char *src, const char *dst, struct nd_result *r);
/* Where "/.rejected/" starts in path (the last one), or NULL. */
const char *tr_rejected_part(const char *path);

#endif
