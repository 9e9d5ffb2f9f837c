/*
 * Private to the command-line front end: the subcommands and the helpers
 * they share for printing content safely. Every byte that comes from an
 * article goes out through cli_put() / cli_cell(), which sanitise.
 */
#ifndef NEWSDESK_CLI_H
#define NEWSDESK_CLI_H

#include <stddef.h>
#include <stdio.h>

#include "newsdesk/base/buf.h"
#include "newsdesk/base/diag.h"
#include "newsdesk/model/index.h"
#include "newsdesk/model/loader.h"
#include "newsdesk/model/query.h"

/* Exit codes shared by every subcommand. */
enum { EXIT_OK = 0, EXIT_PROBLEMS = 1, EXIT_USAGE = 2 };

struct cli {
	int san_flags;	/* ND_SAN_ASCII when the terminal is not UTF-8 */
	size_t columns; /* 0: do not truncate (output is not a terminal) */
	const char *prog;
};

extern struct cli cli;

void cli_init(const char *prog);
/* Appends sanitised one-line text. */
void cli_put(struct nd_buf *out, const char *s, size_t len);
void cli_put_multiline(struct nd_buf *out, const char *s, size_t len);
/* Appends s sanitised, cut or padded to exactly width columns ("…" marks a
 * cut); right-aligned when right is set. width 0: no limit, no padding. */
void cli_cell(struct nd_buf *out, const char *s, size_t len, size_t width,
	      int right);
/* Writes the buffer to stdout and empties it (output errors are fatal). */
void cli_flush(struct nd_buf *out);
void cli_print_problems(const struct nd_diag *d, FILE *to);
/* Loads dir into *idx with opts (may be NULL), printing problems to
 * stderr as warnings. Returns 0, or EXIT_PROBLEMS when dir cannot be
 * read at all. */
/* Compiles query (NULL: none; a bad one is reported, EXIT_USAGE), then
 * cli_load; on any failure *q is NULL and nothing is left to free. */
int cli_query_load(const char *dir, const struct nd_load_opts *opts,
		   const char *query, struct nd_query **q, struct nd_index **idx);
int cli_load(const char *dir, const struct nd_load_opts *opts,
	     struct nd_index **idx, int quiet);
/* Fills every summary's read flag from the read state store, read-only
 * (never created, locked or written); its warnings go to stderr. */
void cli_apply_read_state(struct nd_index *idx);
/* The list's two mark columns: 'N' unread, '-' unpublished. */
void cli_marks(struct nd_buf *b, const struct nd_summary *s);

/* Builds idx's stories with the config's thresholds and related-item
 * links, and attaches them to idx (for story: and dups:). The caller
 * frees them (nd_stories_free) before idx. */
struct nd_stories *cli_stories(struct nd_index *idx);

/* nd_loader_load on a thread, with a progress line on a terminal's
 * stderr after half a second (cli_progress.c). */
int cli_load_progress(const char *dir, const struct nd_load_opts *opts,
		      struct nd_index **idx, struct nd_diag *d,
		      struct nd_load_stats *st);
/* n with thousands separators: "12,345". */
void cli_thousands(char *out, size_t cap, size_t n);
/* Reports the option getopt stopped at; returns EXIT_USAGE. */
int cli_bad_option(char **argv);
void cli_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Says why and ends the program with EXIT_PROBLEMS (main.c: the one
 * place that exits early): output that cannot be written. */
void cli_fatal(const char *why) __attribute__((noreturn));

int cmd_list(int argc, char **argv);
int cmd_show(int argc, char **argv);
int cmd_check(int argc, char **argv);
int cmd_stats(int argc, char **argv);
int cmd_desk(int argc, char **argv);
int cmd_set(int argc, char **argv);
int cmd_unreject(int argc, char **argv);
int cmd_stories(int argc, char **argv);
int cmd_triage(int argc, char **argv);
int cmd_undo(int argc, char **argv);
int cmd_redo(int argc, char **argv);
int cmd_log(int argc, char **argv);
int cmd_fetch(int argc, char **argv);

#endif
