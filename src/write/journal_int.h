/* Private to journal.c, journal_read.c and journal_compact.c: the frame
 * around each record, and what the compaction shares with the reader. */
#ifndef NEWSDESK_JOURNAL_INT_H
#define NEWSDESK_JOURNAL_INT_H

#include <stddef.h>

#include "newsdesk/base/buf.h"
#include "newsdesk/write/journal.h"

/* One record as read: its body within the data, its line, and the group
 * it belongs to (an index into the journal's groups, -1 for none). */
struct jr_rec {
	size_t off, len;
	long line;
	long group;
};

struct jr_recs {
	struct jr_rec *items;
	size_t count, cap;
};

/* Appends the body as one framed line: "@LEN:HASH\tBODY\n". */
void jr_frame(struct nd_buf *out, const char *body, size_t len);
/* The body of a framed line whose length and hash check, else NULL. */
const char *jr_unframe(const char *line, size_t len, size_t *body_len);
/* The bytes jr_frame() writes for a body of len bytes. */
size_t jr_framed_size(size_t len);
/* Parses the journal's bytes (newlines become NULs) into j, which has its
 * path set; problems go to d, and each record to recs unless NULL. */
void jr_parse(struct nd_journal *j, char *data, size_t size,
	      struct nd_diag *d, struct jr_recs *recs);
/* Field k of a record's body, unescaped (malloc'd), or NULL. */
char *jr_field(const char *body, size_t len, size_t k);
/* Writes all n bytes and fsyncs, through the seam: 0 or an errno. */
int jr_write_all(int fd, const char *p, size_t n);
/* The size the last compaction left (its C record, first in the file),
 * or 0. */
size_t jr_compacted_size(int fd);
/* Rewrites the journal locked through fd keeping the newest groups and
 * always group (the one being written); see journal.h. The caller then
 * takes the lock again, on the new file. */
int jr_compact(const char *path, int fd, const char *group,
	       struct nd_err *err);

#endif
