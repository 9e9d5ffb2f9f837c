/*
 * fileio: reading input files without surprises.
 *
 * nd_read_file() opens with O_NONBLOCK so a FIFO or device never blocks
 * us, refuses anything that is not a regular file, and refuses files
 * larger than max bytes (checked on the size and again while reading, as a
 * file may grow). The buffer it returns is malloc'd, owned by the caller
 * and NUL-terminated (one byte past *size). On failure it returns -1 and
 * says why in err, with the errno in err->code when there is one (ENOENT
 * tells a missing file from the other failures).
 */
#ifndef NEWSDESK_FILEIO_H
#define NEWSDESK_FILEIO_H

#include <stddef.h>

#include "newsdesk/base/err.h"

int nd_read_file(const char *path, size_t max, char **data, size_t *size,
		 struct nd_err *err);
/* Same, for an already open descriptor (not closed here). */
int nd_read_fd(int fd, size_t max, char **data, size_t *size,
	       struct nd_err *err);

#endif
