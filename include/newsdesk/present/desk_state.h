/*
 * desk_state: what the desk shows and remembers, with no curses in it —
 * the index, the view (rows, selection, sort, limit), tags, triage mode,
 * the back stack and the status message.
 *
 * The rules the desk keeps live here, so they can be tested without a
 * terminal: a reload keeps the selection, limit, sort and tags (by path,
 * as ids change) and drops tags of articles that left; back returns to
 * the article and the limit it came from; a rejected article leaves the
 * tags. The state owns its index, view, marks and back stack;
 * nd_desk_state_release() frees them all.
 */
#ifndef NEWSDESK_DESK_STATE_H
#define NEWSDESK_DESK_STATE_H

#include <stddef.h>

#include "newsdesk/model/index.h"
#include "newsdesk/model/query.h"
#include "newsdesk/present/view.h"

/* Levels of the desk, from home: what back returns to. */
enum nd_level { ND_LEVEL_INDEX, ND_LEVEL_ARTICLE };

struct nd_back {
	char *path;	  /* the article selected: survives a reload */
	char *limit_text; /* the view's limit then; NULL: none */
	enum nd_level level;
};

struct nd_desk_state {
	struct nd_index *idx;
	struct nd_view view;
	enum nd_level level;
	unsigned char *tagged;	/* per article id */
	unsigned char *decided; /* per article id, in triage mode */
	size_t ntagged, marks_cap;
	int triage;
	size_t triage_done, triage_left;
	struct nd_query *saved_limit; /* the limit before triage mode */
	char *saved_limit_text;
	struct nd_back *back;
	size_t nback, back_cap;
	char message[256];
	int message_error;
};

/* Takes idx. */
void nd_desk_state_init(struct nd_desk_state *st, struct nd_index *idx);
void nd_desk_state_release(struct nd_desk_state *st);
void nd_desk_message(struct nd_desk_state *st, int error, const char *fmt,
		     ...) __attribute__((format(printf, 3, 4)));

/* Takes idx, frees the old one: selection, tags and decided marks follow
 * their paths; the view is rebuilt with its limit and sort. Returns how
 * many tags were dropped (their articles are gone). */
size_t nd_desk_state_reload(struct nd_desk_state *st, struct nd_index *idx);

/* Toggles the tag of article id; returns the new state. */
int nd_desk_tag(struct nd_desk_state *st, size_t id);
void nd_desk_untag_all(struct nd_desk_state *st);
/* Drops tags of removed (rejected) articles; returns how many. */
size_t nd_desk_tags_prune(struct nd_desk_state *st);

/* Compiles text as the view's limit (NULL or "" clears it) and rebuilds,
 * keeping the selection. 0, or -1 with err and the view unchanged. */
int nd_desk_set_limit(struct nd_desk_state *st, const char *text,
		      struct nd_err *err);

/* Remembers where we are (selection, limit, level) before a jump. */
void nd_desk_push_back(struct nd_desk_state *st);
/* Returns to the last place pushed: its limit, its article, its level.
 * 0, or -1 when there is none (message set). */
int nd_desk_pop_back(struct nd_desk_state *st);

#endif
