/*
 * fuzz_common: what several fuzz targets share.
 *
 * fuzz_tmpfile: the readers under test take a path, not bytes, so each
 * input is written to a file first. The file lives in one directory per
 * process (under $TMPDIR, else /dev/shm, else /tmp), made on first use,
 * rewritten for every input and removed at exit, so parallel fuzzers and
 * the replay tests never share a file.
 */
#ifndef NEWSDESK_FUZZ_COMMON_H
#define NEWSDESK_FUZZ_COMMON_H

#include <stddef.h>

#include "newsdesk/base/diag.h"

/* Writes data to name inside the process's directory; returns the path
 * (static storage, valid until the next call). Aborts when it cannot, as
 * a fuzzer that silently tests nothing is worse than one that stops. */
const char *fuzz_tmpfile(const char *name, const unsigned char *data,
			 size_t size);

/* A copy of data that ends right before an unreadable page, so that a
 * read past the end faults at once even in code built without ASan (the
 * outside libraries: md4c, libxml2). Valid until the next call. */
const char *fuzz_guarded(const unsigned char *data, size_t size);

/* Aborts unless every message in d is safe to print, as diag.h promises
 * (readers quote raw input into their messages). */
void fuzz_check_diag(const struct nd_diag *d);

#endif
