/*
 * opener: handing a URL to a browser, and to the clipboard, safely.
 *
 * nd_opener_open() runs the opener (the config's, else $BROWSER) with the
 * URL as one argument — fork and exec, never a shell. The opener is a
 * program and its arguments, separated by spaces (16 at most); "%s" in it
 * marks where the URL goes (once, inside one argument; "%%" is a '%'),
 * else the URL is the last argument. $BROWSER is a list separated by ':';
 * the first entry whose program is found on $PATH runs. An opener that
 * names a shell (sh, bash, dash, zsh, ksh, fish, ..., also through env or
 * busybox) followed by -c is refused: the shell would run the URL as code.
 * Only http(s) URLs go (nd_fetch_url_check: never one starting with '-',
 * none over 8 KiB). With no opener and no display ($DISPLAY,
 * $WAYLAND_DISPLAY), as over SSH, it says so instead of guessing.
 *
 * A graphical browser runs detached (the call returns once it started); a
 * terminal one in the foreground (nd_opener_open_wait), and the call
 * returns when it quits. Either way a program that cannot be executed is
 * an error (the child reports exec's errno through a close-on-exec pipe),
 * and so is a foreground browser's non-zero exit.
 *
 * nd_opener_display() makes the form of a URL to show a person: the user
 * and password of "https://user:pass@host/" become "***", and characters
 * that show as nothing (zero-width, format, bidirectional controls,
 * spaces other than ' ') or that are no text at all show as "<U+200B>" or
 * "%FF", so what is shown is what is opened.
 *
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
 * foreground and waits. 1 when the opener that would run (for $BROWSER,
 * the first entry found) is one of them. */
int nd_opener_is_terminal(const char *opener);
int nd_opener_open_wait(const char *url, const char *opener, struct nd_err *err);
/* Appends the form of url to show (never the credentials in it). */
void nd_opener_display(struct nd_buf *out, const char *url);
void nd_opener_osc52(struct nd_buf *out, const char *text, size_t len);

#endif
