/*
 * triage: decisions on article files, made safely and written down.
 *
 * One decision (publish, unpublish, set or change quality, add or remove
 * a topic, reject) is applied to one or more files as one group: each
 * file is locked and read again (safewrite), the change is spliced in
 * (edit), journalled and fsynced (journal) before the file is replaced;
 * when the journal cannot be written the file is not touched ("cannot
 * write the journal '...': ...; file not changed").
 * If the caller says what it saw (an expectation), a file whose field no
 * longer holds that value is a conflict: reported, not written. A file
 * already in the wanted state is "nothing to do". Reject moves the file to
 * ROOT/.rejected/ under the same relative path.
 *
 * The CLI (set, triage, undo, redo) and the desk use this same code.
 */
#ifndef NEWSDESK_TRIAGE_H
#define NEWSDESK_TRIAGE_H

#include <stddef.h>

#include "newsdesk/write/journal.h"

enum nd_dkind {
	ND_SET_PUBLISHED,
	ND_SET_QUALITY,
	ND_ADD_QUALITY,
	ND_ADD_TOPIC,
	ND_REMOVE_TOPIC,
	ND_REJECT,
};

/* The largest quality a decision writes (the files may hold more). */
#define ND_QUALITY_MAX 1000000

struct nd_decision {
	enum nd_dkind kind;
	long long num; /* published 0/1, quality, or the quality step */
	const char *topic;
};

/* What the caller saw; a field that changed since is a conflict. */
struct nd_expect {
	int check_published, published; /* -1 missing, 0, 1 */
	int check_quality;
	long long quality; /* ND_UNKNOWN when missing */
};

enum nd_status { ND_DONE, ND_NOTHING, ND_CONFLICT, ND_FAILED };

struct nd_result {
	enum nd_status status;
	char message[300];
	char *new_path; /* where a rejected file went (malloc'd) */
};

struct nd_triage {
	char *root;	   /* absolute; scopes undo and holds .rejected */
	char *journal;	   /* NULL: no journal (and no undo) */
	int dry_run;
	char *group;	   /* the group being made */
	size_t done;	   /* files changed in it */
};

/* root: the directory the files belong to (made absolute here). */
int nd_triage_init(struct nd_triage *t, const char *root,
		   const char *journal);
void nd_triage_release(struct nd_triage *t);
void nd_triage_begin(struct nd_triage *t);
int nd_triage_apply(struct nd_triage *t, const char *path,
		    const struct nd_decision *d, const struct nd_expect *e,
		    struct nd_result *r);
void nd_triage_result_release(struct nd_result *r);
/* Parses "published=true", "quality=40", "quality+=5", "topic+=AI",
 * "topic-=AI"; -1 with a message otherwise. */
int nd_triage_parse(const char *s, struct nd_decision *d, struct nd_err *err);
/* "publish", "quality 40", "add topic AI"... for messages. */
void nd_triage_describe(const struct nd_decision *d, char *out,
			  size_t cap);

/* Undoes (or redoes) a journal group: each change is reversed only if
 * the file still holds what the change wrote. Results go to the callback
 * per file. The undo is journalled first: when the journal cannot be
 * written, no file is touched, the callback hears why (under the
 * journal's path) and it returns -1. Else the number of files changed. */
typedef void (*nd_report_fn)(void *ctx, const char *path,
			     const struct nd_result *r);
long nd_triage_undo(struct nd_triage *t, const struct nd_group *g, int redo,
		    nd_report_fn report, void *ctx);

#endif
