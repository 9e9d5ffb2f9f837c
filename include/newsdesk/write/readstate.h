/*
 * readstate: which articles have been read, kept outside the article files.
 *
 * The store lives in $XDG_STATE_HOME/newsdesk/read (else
 * ~/.local/state/newsdesk/read). An article is known by a stable identity,
 * so a moved or regenerated file keeps its state: its webUrl, else its
 * originalUrl, else its path below the root (nd_readstate_identity).
 * Articles that share a URL share their state.
 *
 * The file is text, one read article a line (unread ones are not stored):
 *
 *	newsdesk-read 1
 *	u<TAB>https://example.org/a        a URL identity
 *	p<TAB>2023-04/003.md               a path below the root
 *
 * Bytes below 0x20, DEL and '\' in an identity are written "\xHH". A file
 * that breaks this (a wrong header, an unknown line, a bad escape, a last
 * line without its newline) is corrupt: every bad line is reported with
 * the file and line, the good lines are still used, and a writable load
 * sets the file aside as "read.corrupt-TIME-PID" and writes the good lines
 * back, so nothing is dropped without a word.
 *
 * Writes (save, and the setting aside) hold an exclusive flock(2) on
 * "read.lock" next to the file, read the file again, apply only what this
 * process changed since its last load or save (so two desks never lose
 * each other's marks; the later of two opposite marks of one article
 * wins), write a temporary file in the same directory, fsync it, rename it
 * over the file and fsync the directory: readers, which take no lock, see
 * the old file or the new one. A read-only load never creates, locks or
 * writes anything. The article files are never touched.
 *
 * Lookups are one hash probe; 100,000 read articles load or save in about
 * a tenth of a second (test_readstate prints it). The store owns its
 * keys; nd_readstate_free().
 */
#ifndef NEWSDESK_READSTATE_H
#define NEWSDESK_READSTATE_H

#include <stddef.h>
#include <stdint.h>

#include "newsdesk/base/buf.h"
#include "newsdesk/base/diag.h"
#include "newsdesk/model/index.h"

/* Files larger than this are refused as corrupt (some 3 million URLs). */
#define ND_READSTATE_MAX (256u * 1024 * 1024)

enum { ND_READSTATE_READONLY = 0, ND_READSTATE_WRITABLE = 1 };

struct nd_readstate;

/* The default path (malloc'd), or NULL without HOME. */
char *nd_readstate_default_path(void);
/* An empty store for path (copied). */
struct nd_readstate *nd_readstate_new(const char *path);
void nd_readstate_free(struct nd_readstate *rs);
const char *nd_readstate_path(const struct nd_readstate *rs);
/* Reads the file (a missing one is empty) into the store, replacing what
 * it held. Corruption is a warning in d (see above); -1 with an error in
 * d only when the file cannot be read or, writable, set aside. */
int nd_readstate_load(struct nd_readstate *rs, int mode, struct nd_diag *d);
/* Writes this process's changes, merged into the file as it is now (see
 * above), and takes in the other writers' marks. 0 without changes. -1
 * with an error in d: the store keeps its changes for a later try. */
int nd_readstate_save(struct nd_readstate *rs, struct nd_diag *d);
/* Changes not yet saved. */
size_t nd_readstate_pending(const struct nd_readstate *rs);
/* Read identities held. */
size_t nd_readstate_count(const struct nd_readstate *rs);

/* Replaces out with the identity of s: "u\t" URL or "p\t" path below the
 * root (the form of a line, before escaping). */
void nd_readstate_identity(const struct nd_summary *s, struct nd_buf *out);
/* Fills every summary's .read from the store (after a load or reload). */
void nd_readstate_apply(const struct nd_readstate *rs, struct nd_index *idx);
int nd_readstate_is_read(const struct nd_readstate *rs,
			 const struct nd_index *idx, size_t id);
/* Marks article id read (1) or unread (0), in the store and in its
 * summary. 1 when that changed something, 0 when it already was. */
int nd_readstate_set(struct nd_readstate *rs, struct nd_index *idx, size_t id,
		     int read);
/* Marks many; *changed (malloc'd, the caller frees; NULL when none) gets
 * the ids whose state changed, so marking them !read undoes it. Returns
 * how many. */
size_t nd_readstate_mark(struct nd_readstate *rs, struct nd_index *idx,
			 const uint32_t *ids, size_t n, int read,
			 uint32_t **changed);

#endif
