/*
 * edit: changes one front-matter field by splicing bytes, nothing else.
 *
 * Every other byte of the file stays as it was: other fields, comments,
 * key order, quoting, line endings (a CRLF file gets CRLF lines), the
 * body, the secured value. A value is never re-emitted from its parsed
 * form (libyaml folds multi-line scalars); only the bytes of the changed
 * value are replaced, at byte offsets computed here from libyaml's marks
 * (which count characters, not bytes). A missing field is added as a new
 * line just before the closing '---'. The result is parsed again and
 * checked to hold the new value before it is handed back; on any doubt
 * the edit is refused and the input is left alone.
 *
 * All functions take the whole file and fill out (a new buffer) or return
 * -1 with the reason in err.
 */
#ifndef NEWSDESK_EDIT_H
#define NEWSDESK_EDIT_H

#include <stddef.h>

#include "newsdesk/base/buf.h"
#include "newsdesk/base/err.h"

/* err->code of a refused edit. */
enum { ND_EDIT_FAILED = 1, ND_EDIT_NOTHING_TO_DO };

/* Sets a top-level scalar field (published, quality...) to the YAML text
 * value (already valid YAML: "true", "42"). */
int nd_edit_set(const char *data, size_t len, const char *key,
		const char *value, struct nd_buf *out, struct nd_err *err);
/* Adds topic to (or removes it from) the topics list, keeping its style
 * (block or flow). Removing compares without case. Adding one already
 * there, or removing one that is not, is refused with err->code
 * ND_EDIT_NOTHING_TO_DO. */
int nd_edit_topic(const char *data, size_t len, const char *topic, int add,
		  struct nd_buf *out, struct nd_err *err);
/* Removes a top-level scalar field's line (undo of an added field). */
int nd_edit_remove(const char *data, size_t len, const char *key,
		   struct nd_buf *out, struct nd_err *err);
/* The current text of a top-level scalar field, as written (quotes and
 * all); NULL when missing. malloc'd. *is_null set for an empty value. */
char *nd_edit_get(const char *data, size_t len, const char *key);

#endif
