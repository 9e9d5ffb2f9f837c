/* Private to the loader: a summary from the event stream (summary.c). */
#ifndef NEWSDESK_SUMMARY_H
#define NEWSDESK_SUMMARY_H

#include <stddef.h>

#include "newsdesk/model/index.h"

/* Fills *out (an owned copy: nd_index_entry_release) and returns 0 when
 * the file at path, data[0..size), is clean; non-zero when the full
 * reader must judge it (it has problems, or is near a limit). */
int nd_summary_fast(const char *path, const char *data, size_t size,
		    struct nd_entry *out);

#endif
