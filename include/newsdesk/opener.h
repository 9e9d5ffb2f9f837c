/*
 * opener: handing a URL to a browser, and to the clipboard, safely.
 *
 * nd_open_url() runs the opener (the config's, else $BROWSER) with the URL
 * as one argument — fork and execvp, never a shell; the opener may hold
 * arguments separated by spaces. Only http(s) URLs go, never one starting
 * with '-'. With no opener and no display ($DISPLAY, $WAYLAND_DISPLAY), as
 * over SSH, it says so instead of guessing. The browser runs detached.
 * nd_osc52() builds the escape sequence that puts text on the local
 * clipboard through the terminal (works over SSH, and in tmux with
 * set-clipboard on); the text is base64-encoded, so nothing in it can
 * reach the terminal as a control sequence.
 */
#ifndef NEWSDESK_OPENER_H
#define NEWSDESK_OPENER_H

#include <stddef.h>

#include "newsdesk/buf.h"

int nd_open_url(const char *url, const char *opener, char *err,
		size_t errlen);
void nd_osc52(struct nd_buf *out, const char *text, size_t len);

#endif
