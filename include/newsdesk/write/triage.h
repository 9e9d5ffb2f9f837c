/*
 * triage: decisions on article files, made safely and written down.
 *
 * One decision (publish, unpublish, set or change quality, add or remove
 * a topic, reject) is applied to one or more files as one group: each
 * file is locked and read again (safewrite), the change is spliced in
 * (edit), journalled and fsynced (journal) before the file is replaced;
 * when the journal cannot be written the file is not touched ("cannot
 * write the journal '...': ...; file not changed").
 * If the caller says what it saw (an expectation), the file is read again
 * and only the field the decision changes is compared: published for a
 * publish or unpublish, quality for a quality decision, heat for heat. A
 * field that no longer holds what the caller saw is a conflict: reported
 * with its value now, not written. Other fields changed on disk are no
 * conflict (they are kept, as every byte not decided is). A file already
 * in the wanted state is "nothing to do".
 *
 * Numbers: quality and heat are whole numbers from ND_SCORE_MIN to
 * ND_SCORE_MAX (article.h; heat -1 is "unknown"); a decision outside
 * that range is refused naming it, and a step (quality+=N) on a file
 * whose value is not such a number is refused too (set it first), the
 * file untouched. A step down stops at 0.
 *
 * Rejected files: reject moves the file to ROOT/.rejected/ under its path
 * relative to ROOT, and unreject moves it back. ROOT is the directory the
 * desk or the command was opened on; nd_triage_find_root() finds the same
 * one for a lone file.
 *
 * The CLI (set, unreject, triage, undo, redo, stories --resolve) and the
 * desk use this same code.
 */
#ifndef NEWSDESK_TRIAGE_H
#define NEWSDESK_TRIAGE_H

#include <stddef.h>

#include "newsdesk/model/article.h"
#include "newsdesk/write/journal.h"

enum nd_dkind {
	ND_SET_PUBLISHED,
	ND_SET_QUALITY,
	ND_ADD_QUALITY,
	ND_ADD_TOPIC,
	ND_REMOVE_TOPIC,
	ND_REJECT,
	ND_SET_HEAT,
	ND_UNREJECT, /* the file is ROOT/.rejected/REL; back to ROOT/REL */
};

/* The largest quality a decision writes. */
#define ND_QUALITY_MAX ND_SCORE_MAX

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
	int check_heat;
	long long heat; /* ND_UNKNOWN when missing or -1 */
};

enum nd_status { ND_DONE, ND_NOTHING, ND_CONFLICT, ND_FAILED };

struct nd_result {
	enum nd_status status;
	char message[300];
	char *new_path; /* where a moved file went (malloc'd), else NULL */
	/* The file on disk differs from what the caller showed (a change
	 * made, a conflict, an undo): read it again (at new_path when set)
	 * and show it as it now is. */
	int reread;
};

struct nd_triage {
	char *root;	   /* absolute; scopes undo and holds .rejected */
	char *journal;	   /* NULL: no journal (and no undo) */
	int dry_run;
	char *group;	   /* the group being made */
	size_t done;	   /* files changed in it */
};

/* Hears the result of each file of a group (undo, redo, resolve). */
typedef void (*nd_report_fn)(void *ctx, const char *path,
			     const struct nd_result *r);

/* root: the directory the files belong to (made absolute here); the
 * desk's and triage's directory. */
int nd_triage_init(struct nd_triage *t, const char *root,
		   const char *journal);
void nd_triage_release(struct nd_triage *t);
void nd_triage_begin(struct nd_triage *t);
int nd_triage_apply(struct nd_triage *t, const char *path,
		    const struct nd_decision *d, const struct nd_expect *e,
		    struct nd_result *r);
void nd_triage_result_release(struct nd_result *r);
/* The root for a lone file (set FILE): the nearest directory up from
 * the file that holds a .rejected/ folder; else the deepest root of the
 * journal (may be NULL) that holds the file; else the file's directory.
 * A file inside ROOT/.rejected/ gets ROOT. malloc'd, absolute; NULL when
 * the file cannot be found. */
char *nd_triage_find_root(const char *path, const char *journal);
/* Parses "published=true" (true/True/TRUE/yes, false/False/FALSE/no),
 * "quality=40", "quality+=5", "quality-=5", "heat=7", "topic+=AI",
 * "topic-=AI"; -1 with a message naming the range otherwise. */
int nd_triage_parse(const char *s, struct nd_decision *d, struct nd_err *err);
/* Resolves a story (model/story.h): publishes keep and rejects the
 * others, all in one new group, so one undo takes it all back. Each
 * file's result goes to report (may be NULL) as nd_triage_apply gives
 * it. Returns the number of files changed. */
long nd_triage_resolve(struct nd_triage *t, const char *keep,
		       char *const *others, size_t n, nd_report_fn report,
		       void *ctx);
/* "publish", "quality 40", "add topic AI"... for messages. */
void nd_triage_describe(const struct nd_decision *d, char *out,
			  size_t cap);

/* One change in words, the same for a decision, its undo and the log:
 * "published no -> yes", "quality 27 -> 32", "topic AI added",
 * "rejected", "unrejected". reverse: as its undo would make it. */
void nd_change_describe(const struct nd_change *c, int reverse, char *out,
			size_t cap);

/* Undoes (or redoes) a journal group: each change is reversed only if
 * the file still holds what the change wrote. Results go to the callback
 * per file, path where the file is now, the message the change in words
 * and the article's title ('published yes -> no, "Regulators..."'). The
 * undo is journalled first: when the journal cannot be written, no file
 * is touched, the callback hears why (under the journal's path) and it
 * returns -1. Else the number of changes made. */
long nd_triage_undo(struct nd_triage *t, const struct nd_group *g, int redo,
		    nd_report_fn report, void *ctx);

/* What an undo or redo did, for the caller's one-line message and its
 * selection. Owned by the caller; nd_undo_outcome_release() frees. */
struct nd_undo_outcome {
	long done;	   /* changes made; -1: the journal refused, none */
	size_t left;	   /* changes left alone (changed since, failed) */
	/* "undid: published yes -> no, \"Regulators...\"", "redid 12
	 * changes: rejected, ...", "nothing undone: ..." */
	char message[400];
	char **paths;	   /* where each file touched now is, in order */
	size_t npaths;
};

/* nd_triage_undo(), and o filled: the message the CLI and the desk show
 * and the files (re-read them; move the selection to paths[0]). */
long nd_triage_revert(struct nd_triage *t, const struct nd_group *g, int redo,
		      nd_report_fn report, void *ctx,
		      struct nd_undo_outcome *o);
void nd_undo_outcome_release(struct nd_undo_outcome *o);

#endif
