/*
 * history: what was typed at each kind of prompt, kept across restarts.
 *
 * One file (the desk uses $XDG_STATE_HOME/newsdesk/history) holds every
 * kind, one entry a line: "kind<TAB>text". Entries are single lines of
 * printable text (a tab, line break or control character is dropped on
 * the way in); each kind keeps its last ND_HISTORY_MAX entries, oldest
 * first, with no entry twice in a row. Loading a missing file gives an
 * empty history; a line of an unknown kind is kept as it is, so an older
 * desk does not lose a newer one's entries. Saving writes a temporary
 * file in the same folder and renames it over the old one, so a crash
 * leaves the old file or the new one. The history owns its strings;
 * nd_history_release() frees.
 */
#ifndef NEWSDESK_HISTORY_H
#define NEWSDESK_HISTORY_H

#include <stddef.h>

#include "newsdesk/base/err.h"

#define ND_HISTORY_MAX 100
/* A history file bigger than this is not ours: it is not read. */
#define ND_HISTORY_FILE_MAX (1u << 20)

struct nd_history_entry {
	char *kind;
	char *text;
};

struct nd_history {
	struct nd_history_entry *items; /* oldest first, all kinds */
	size_t count, cap;
};

void nd_history_init(struct nd_history *h);
void nd_history_release(struct nd_history *h);
/* Adds text under kind (an empty text is not kept). */
void nd_history_add(struct nd_history *h, const char *kind, const char *text);
/* The texts of one kind, oldest first, in a malloc'd array of pointers
 * into h with room for one more (free the array only); *n receives the
 * count. */
const char **nd_history_of(const struct nd_history *h, const char *kind,
		     size_t *n);
/* 0, or -1 with err (a missing file is not an error). */
int nd_history_load(struct nd_history *h, const char *path,
		    struct nd_err *err);
/* Creates the folder if needed; 0, or -1 with err. */
int nd_history_save(const struct nd_history *h, const char *path,
		    struct nd_err *err);

#endif
