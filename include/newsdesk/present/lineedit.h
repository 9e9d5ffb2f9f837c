/*
 * lineedit: the desk's one-line editor (readline keys), with no curses.
 *
 * Keys: printable text inserts; Left/C-b, Right/C-f, Home/C-a, End/C-e
 * move; Backspace/C-h and Delete/C-d delete a character; C-w deletes the
 * word before the cursor, C-u everything before it, C-k everything after
 * it; Up/C-p and Down/C-n walk the recall list (oldest first: the
 * prompt's history, then the current value); Tab completes the word
 * before the cursor from a word list; Enter accepts; Esc and C-g cancel.
 * The cursor is a byte offset on a character boundary. The editor owns
 * its text and its copy of the recall list; nd_lineedit_release() frees.
 */
#ifndef NEWSDESK_LINEEDIT_H
#define NEWSDESK_LINEEDIT_H

#include <stddef.h>

#include "newsdesk/base/buf.h"

/* Longest line a prompt accepts. */
#define ND_LINEEDIT_MAX 4096

enum nd_edit_result {
	ND_EDIT_IGNORED,  /* not an editing key */
	ND_EDIT_MOVED,	  /* the cursor moved, the text is the same */
	ND_EDIT_CHANGED,  /* the text changed */
	ND_EDIT_ACCEPT,	  /* Enter */
	ND_EDIT_CANCEL,	  /* Esc, C-g */
	ND_EDIT_COMPLETE, /* Tab: the caller completes (nd_lineedit_complete) */
};

struct nd_lineedit {
	struct nd_buf text;
	size_t cursor;
	char **recall; /* oldest first */
	size_t nrecall;
	size_t recall_at; /* nrecall: the line being typed */
	char *typed;	  /* the line being typed, while recalling */
};

void nd_lineedit_init(struct nd_lineedit *e);
void nd_lineedit_release(struct nd_lineedit *e);
/* Replaces the text; the cursor goes to the end. */
void nd_lineedit_set(struct nd_lineedit *e, const char *s);
/* Copies the recall list (entries, oldest first). */
void nd_lineedit_set_recall(struct nd_lineedit *e, const char *const *items,
			    size_t n);
/* Keys as in keys.h: code points, ND_KEY_CTRL(c), ND_KEY_*. */
enum nd_edit_result nd_lineedit_key(struct nd_lineedit *e, int key);
/* Completes the word before the cursor from words (a word ends at a
 * space, '(' or, for values, the ':' after a field name: the caller
 * passes words that fit what comes before). Returns how many words
 * matched; with one the word is completed whole, with several as far as
 * they agree. */
size_t nd_lineedit_complete(struct nd_lineedit *e, const char *const *words,
			    size_t n);
/* Byte offset where the word before the cursor starts. */
size_t nd_lineedit_word_start(const struct nd_lineedit *e);

#endif
