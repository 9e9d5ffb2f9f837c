/*
 * icache: the persistent index, one file per article directory.
 *
 * A warm start reads the summaries of unchanged files from here instead of
 * parsing them. The file lives in $XDG_CACHE_HOME/newsdesk/, named after
 * the hash of the directory's real path (which it also holds, so a
 * collision is caught). It is a header and a stream of records sorted by
 * path below the root; each record is the file's identity (size, mtime
 * and ctime in ns, inode, device), its summary and the problems its load
 * reported, so a warm load reports exactly what a cold one does.
 *
 * Nothing in a cache file is trusted: a wrong magic, version, byte order,
 * root, length or checksum, or a record that does not parse, rejects the
 * whole file (the caller loads cold and writes a new one). A file is
 * written under a temporary name and renamed into place, so readers and
 * concurrent writers see an old file or a new one, never a mix.
 *
 * Not for the desk: the loader (nd_loader_load) uses it on its own.
 */
#ifndef NEWSDESK_ICACHE_H
#define NEWSDESK_ICACHE_H

#include <stddef.h>
#include <stdint.h>

#include "newsdesk/base/diag.h"
#include "newsdesk/base/err.h"
#include "newsdesk/model/index.h"

#define ND_ICACHE_VERSION 1u

/* A cache file read and validated; owns its bytes (mapped or read). */
struct nd_icache;

/* One record, decoded: every pointer points into the cache's bytes,
 * except entry.topics, which points into the caller's scratch array. */
struct nd_icache_rec {
	const char *rel;
	size_t rel_len;
	struct nd_file_key key;
	uint64_t size; /* bytes read, for the load's statistics */
	int ok;	       /* 0: the file failed to load (problems say why) */
	struct nd_entry entry;
	size_t nproblems;
	const unsigned char *problems; /* for nd_icache_rec_problems */
	size_t problems_len;
};

/* "<dir>/index-<hash of root_real>.bin" (malloc'd). */
char *nd_icache_file(const char *dir, const char *root_real);

/* Maps and validates file. -1 and the reason in err (err->code is
 * ENOENT when there is no file) when it is missing or not to be
 * trusted. The caller frees *out with nd_icache_free. */
int nd_icache_open(const char *file, const char *root_real,
		   struct nd_icache **out, struct nd_err *err);
/* The same over bytes in memory (not copied: they must outlive *out). */
int nd_icache_parse(const void *data, size_t len, const char *root_real,
		    struct nd_icache **out, struct nd_err *err);
void nd_icache_free(struct nd_icache *c);
/* Rewrites the checksum in the header of data[0..len) to match its
 * payload: for the fuzzer, to reach past the checksum. */
void nd_icache_seal(void *data, size_t len);

size_t nd_icache_count(const struct nd_icache *c);
/* Decodes record i (0 <= i < count, in path order). topics must hold
 * *ntopics_cap texts; it grows (nd_grow) when a record needs more. */
void nd_icache_get(const struct nd_icache *c, size_t i,
		   struct nd_icache_rec *rec, struct nd_text **topics,
		   size_t *ntopics_cap);
/* Only the path and the key of record i: all a warm start compares. */
void nd_icache_key(const struct nd_icache *c, size_t i, const char **rel,
		   size_t *rel_len, struct nd_file_key *key);
/* Appends the record's problems to diag, naming path. */
void nd_icache_rec_problems(const struct nd_icache_rec *rec,
			    const char *path, struct nd_diag *diag);
/* Tells the system the bytes before record i are done with (they are
 * dropped from memory; a 100k cache is as big as the index). */
void nd_icache_done_before(struct nd_icache *c, size_t i);

/* Writing: records must come in path order. The file appears (renamed
 * into place) only on a successful commit; every other way out leaves
 * nothing behind. */
struct nd_icache_writer;

int nd_icache_writer_open(const char *file, const char *root_real,
			  struct nd_icache_writer **out, struct nd_err *err);
/* Adds a record; problems are diag's items [first, diag->count). */
void nd_icache_writer_add(struct nd_icache_writer *w, const char *rel,
			  const struct nd_file_key *key, uint64_t size,
			  const struct nd_entry *entry,
			  const struct nd_diag *diag, size_t first);
/* Renames the file into place and frees w; -1 (nothing written). */
int nd_icache_writer_commit(struct nd_icache_writer *w, struct nd_err *err);
/* Removes the temporary file and frees w. */
void nd_icache_writer_abort(struct nd_icache_writer *w);

#endif
