/* The command an opener makes (private to src/net/opener*.c): which
 * program runs, with which arguments, the URL placed among them. */
#ifndef NEWSDESK_OPENER_CMD_H
#define NEWSDESK_OPENER_CMD_H

#include <stddef.h>

#include "newsdesk/base/err.h"

#define ND_OPENER_MAX_WORDS 16

struct nd_opener_cmd {
	char *argv[ND_OPENER_MAX_WORDS + 2]; /* owned, NULL-terminated */
	size_t argc;
	char *path; /* argv[0] as found on $PATH: what exec runs */
};

/* The opener (else the first entry of $BROWSER whose program is found),
 * with url placed at "%s" or last; url NULL places nothing. 0, or -1 and
 * why (nothing to release then). */
int nd_opener_cmd_make(struct nd_opener_cmd *c, const char *opener,
		       const char *url, struct nd_err *err);
void nd_opener_cmd_release(struct nd_opener_cmd *c);

#endif
