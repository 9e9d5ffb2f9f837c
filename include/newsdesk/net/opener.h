/*
 * opener: handing a URL to a browser, and to the clipboard, safely.
 *
 * nd_opener_open() runs the opener (the config's, else $BROWSER) with the URL
 * as one argument — fork and execvp, never a shell; the opener may hold
 * arguments separated by spaces. Only http(s) URLs go, never one starting
 * with '-'. With no opener and no display ($DISPLAY, $WAYLAND_DISPLAY), as
 * over SSH, it says so instead of guessing. A graphical browser runs
 * detached; a terminal one in the foreground (see below).
 * nd_opener_osc52() builds the escape sequence that puts text on the local
 * clipboard through the terminal (works over SSH, and in tmux with
 * set-clipboard on); the text is base64-encoded, so nothing in it can
 * reach the terminal as a control sequence.
 */
#ifndef NEWSDESK_OPENER_H
#define NEWSDESK_OPENER_H

#include <stddef.h>

#include "newsdesk/base/err.h"

#include "newsdesk/base/buf.h"

int nd_opener_open(const char *url, const char *opener, struct nd_err *err);
/* Terminal browsers (w3m, lynx, links, elinks, browsh) need the terminal:
 * the caller gives it up, and nd_opener_open_wait() runs them in the
 * foreground and waits. 1 when opener (or $BROWSER) is one of them. */
int nd_opener_is_terminal(const char *opener);
int nd_opener_open_wait(const char *url, const char *opener, struct nd_err *err);
void nd_opener_osc52(struct nd_buf *out, const char *text, size_t len);

#endif
