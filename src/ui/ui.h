/*
 * Private to the desk (src/ui/). The shape, from the top:
 *
 *   ui_loop.c    the one event loop: polls the terminal, the fetch job and
 *                registered fds; reads keys (the only caller of
 *                term_read_key), routes key -> named action -> the active
 *                mode, ORs the reactions and acts on them once, draws.
 *   modes        prompt and menu (ui_prompt.c), help (ui_help.c), reader
 *                (ui_reader.c), article (ui_detail.c), list (ui_list.c),
 *                the desk-wide actions (ui_actions.c, ui_triage.c,
 *                ui_cmdline.c). Each takes an action and returns RE_* bits;
 *                none calls into the loop.
 *   ui_desk.c    set-up, layout, messages, the log, watched fds.
 *   ui_draw.c    drawing helpers over the terminal module.
 *   ui_term.c    the only file that includes curses.
 *
 * What the desk shows and remembers (index, view, tags, limit, triage,
 * back stack, message) is in present/desk_state.h, which has no curses.
 * Panes take their size from their rectangle, never from the terminal.
 */
#ifndef NEWSDESK_UI_H
#define NEWSDESK_UI_H

#include <stddef.h>
#include <stdio.h>

#include "newsdesk/model/article.h"
#include "newsdesk/model/index.h"
#include "newsdesk/model/loader.h"
#include "newsdesk/model/query.h"
#include "newsdesk/present/config.h"
#include "newsdesk/present/desk_state.h"
#include "newsdesk/present/doc.h"
#include "newsdesk/present/history.h"
#include "newsdesk/present/keys.h"
#include "newsdesk/present/lineedit.h"
#include "newsdesk/present/scroller.h"
#include "newsdesk/present/theme.h"
#include "newsdesk/present/view.h"
#include "newsdesk/ui/desk.h"

/* Below this the desk shows a notice instead of panes. */
#define UI_MIN_COLS 40
#define UI_MIN_ROWS 10
/* The list's title keeps at least this many columns before the preview
 * goes beside it (auto layout) or a column is dropped. */
#define UI_TITLE_COMFORT 50
#define UI_PREVIEW_MIN 50

enum ui_pane { PANE_LIST, PANE_DETAIL, PANE_RELATED, PANE_COUNT };

/* What an action asks of the loop (htop's reactions): OR-ed over one
 * turn and acted on once. */
enum {
	RE_NONE = 0,
	RE_UNBOUND = 1 << 0,  /* the mode does not take this action */
	RE_RESELECT = 1 << 1, /* the selection may have moved: parse it */
	RE_RELAYOUT = 1 << 2, /* panes change place or size */
	RE_REPAINT = 1 << 3,  /* clear and paint the whole screen */
	RE_QUIT = 1 << 4,
	RE_DOC = 1 << 5, /* the article's text must be laid out again */
};

struct rect {
	int y, x, h, w;
};

/* A prompt on the status line: a mode with its own state. done() gets
 * the text, or NULL when cancelled; change() runs after every edit. */
struct ui;
typedef void (*ui_text_fn)(struct ui *u, const char *text);
typedef void (*ui_key_fn)(struct ui *u, int key);

/* What Tab completes in a prompt. */
enum ui_complete { COMPLETE_NONE, COMPLETE_QUERY, COMPLETE_TOPIC,
		   COMPLETE_ACTION };

struct ui_prompt {
	int active;
	const char *kind; /* history kind: "search", "limit", ... */
	char label[64];
	char *hint; /* the current value, shown while the line is empty */
	enum ui_complete complete;
	struct nd_lineedit ed;
	ui_text_fn change, done;
};

struct ui_menu {
	int active;
	char label[200];
	ui_key_fn done; /* the key, or -1 when cancelled */
};

/* An fd the loop polls besides the terminal and the fetch job (a
 * directory watch): cb runs when it is readable. */
struct ui_watch {
	int fd;
	void (*cb)(struct ui *u, int fd, void *ctx);
	void *ctx;
};

/* A decision waiting for a prompt or a confirmation. */
struct ui_pending {
	int kind; /* enum nd_dkind */
	long long num;
	char *topic;
	int bulk;
};

/* A bulk decision running in slices between polls (Esc stops it). */
struct ui_bulk;
/* A long article laid out on a thread (ui_layout_job.c). */
struct ui_layout_job;
/* A body longer than this is laid out off the input path. */
#define LAYOUT_ASYNC_BYTES (256 * 1024)

struct ui {
	struct nd_desk_options opt;
	struct nd_config cfg;
	struct nd_theme theme;
	char *dir;	 /* absolute: the journal records real paths */
	char *dir_shown; /* as the user gave it, for the header */
	struct nd_load_opts load_opts;
	struct nd_desk_state st;

	/* the selected article, parsed in full */
	long art_id;
	struct nd_article *art;
	/* detail: doc laid out for doc_width, scrolled by detail */
	struct nd_doc doc;
	int doc_width, doc_valid;
	struct nd_scroller detail, related, help;
	long showing_related; /* related item shown in detail, or -1 */

	int rows, cols; /* the terminal's size */
	enum ui_pane focus;
	enum nd_layout layout;
	int no_preview; /* z: the index alone */
	struct rect panes[PANE_COUNT];
	int pane_visible[PANE_COUNT];

	struct nd_query *search;
	char *search_text;
	size_t search_origin; /* the row a search prompt started from */
	char *find_text;      /* the last search in an article or a page */
	size_t find_at;	      /* the line of its last match */

	struct ui_prompt prompt;
	struct ui_menu menu;
	struct nd_history history;
	char *history_path;

	char *journal;
	int tag_prefix; /* ';' was pressed: the next decision is on tags */
	struct ui_pending pending;
	struct ui_bulk *bulk;
	struct ui_layout_job *layout_job;

	int ncolors;
	int ascii; /* the terminal is not UTF-8 */
	int help_on;
	FILE *log;

	struct ui_watch *watches;
	size_t nwatches, watches_cap;

	/* fetching and reading pages */
	int offline;
	struct nd_job *job;
	int job_check; /* the job is a link check */
	int job_cancelled;
	long check_id;	  /* article the last link check was for */
	char *check_next; /* the article's other URL, checked next */
	char check_result[300];
	struct ui_reader *reader;
};

/* ui_desk.c: state helpers every mode uses */
void ui_message(struct ui *u, int error, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
void ui_log(struct ui *u, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
void ui_select_changed(struct ui *u);
void ui_layout(struct ui *u);
int ui_list_height(const struct ui *u);
/* Registers fd for the loop to poll; cb runs when it is readable. */
void ui_watch_fd(struct ui *u, int fd,
		 void (*cb)(struct ui *u, int fd, void *ctx), void *ctx);
void ui_unwatch_fd(struct ui *u, int fd);
int ui_setup(struct ui *u, const struct nd_desk_options *opt);
void ui_cleanup(struct ui *u);
int ui_theme_load(struct ui *u, const char *name);

/* ui_term.c: the terminal; the only file that includes curses */
int term_start(struct ui *u);
void term_stop(void);
void term_size(int *rows, int *cols);
/* The next key, ND_KEY_TIMEOUT when none is waiting, ND_KEY_EOF when the
 * terminal went away or a signal asks us to end. */
int term_read_key(void);
int term_caught_signal(void);
/* The terminal hung up: end as SIGHUP would (128 + 1), not as a quit. */
void term_hangup(void);
void term_theme_apply(const struct ui *u);
void term_role(enum nd_role r);
void term_role_marked(enum nd_role r);
/* Draws text (already sanitised) at (y, x), at most w columns; returns
 * columns used. Pads with spaces to w when pad is set. */
int term_text(int y, int x, int w, const char *s, size_t len, int pad);
void term_fill(int y, int x, int w, enum nd_role r);
void term_cursor(int y, int x, int visible);
void term_erase(void);
void term_refresh(void);
void term_repaint(void);
/* Leaves the screen to a program that takes the terminal, and back. */
void term_suspend(void);
void term_resume(void);
/* A mouse event: 0 and where, -1 when there is none. */
int term_mouse(int *y, int *x, int *wheel, int *click);

/* ui_draw.c */
int ui_content(const struct ui *u, int y, int x, int w, const char *s,
	       size_t len, int pad);
void ui_pane_title(const struct ui *u, enum ui_pane p, const char *title);
void ui_doc_lines(const struct ui *u, const struct nd_doc *doc, size_t top,
		  struct rect r, const char *mark);
void ui_status_line(struct ui *u, const char *hint);
/* Content (sanitised here) with the matches of mark in reverse. */
int ui_content_marked(const struct ui *u, int y, int x, int w,
		      const char *s, size_t len, enum nd_role role,
		      const char *mark);
/* Searches doc for needle from the window's top (again: from the line
 * after *found, the last match, in direction dir); moves the window to
 * the match, sets *found and says "3/17", or says it is not found and
 * leaves the window. */
void ui_doc_search(struct ui *u, const struct nd_doc *doc,
		   struct nd_scroller *s, const char *needle, int dir,
		   int again, size_t *found);

/* the modes: draw and take an action */
void ui_list_draw(struct ui *u);
int ui_list_key(struct ui *u, enum nd_action a);
void ui_header_draw(struct ui *u);
void ui_detail_draw(struct ui *u);
int ui_article_key(struct ui *u, enum nd_action a);
void ui_related_draw(struct ui *u);
void ui_help_draw(struct ui *u);
int ui_help_key(struct ui *u, enum nd_action a);
/* The mode whose keys the help shows. */
const char *ui_mode_name(const struct ui *u);
int ui_mode_takes(const struct ui *u, enum nd_action a);

/* ui_prompt.c: the prompt and the one-key menu */
void ui_prompt_start(struct ui *u, const char *kind, const char *label,
		     const char *hint, enum ui_complete complete,
		     ui_text_fn change, ui_text_fn done);
int ui_prompt_key(struct ui *u, int key);
void ui_prompt_draw(struct ui *u);
void ui_menu_start(struct ui *u, const char *label, ui_key_fn done);
int ui_menu_key(struct ui *u, int key);
void ui_menu_draw(struct ui *u);
void ui_prompt_release(struct ui *u);

/* ui_triage.c: decisions, tags, undo and triage mode */
int ui_triage_action(struct ui *u, enum nd_action a, const char *arg);
void ui_triage_release(struct ui *u);
/* ui_bulk.c: a bulk decision in slices */
int ui_bulk_running(const struct ui *u);
int ui_bulk_step(struct ui *u);
void ui_bulk_stop(struct ui *u);
void ui_bulk_status(struct ui *u, char *out, size_t cap);

/* ui_layout_job.c: a long article laid out on a thread */
int ui_layout_job_wanted(struct ui *u, int width);
int ui_layout_job_running(const struct ui *u);
void ui_layout_job_cancel(struct ui *u);
void ui_layout_job_release(struct ui *u);

/* ui_reader.c */
int ui_fetch_action(struct ui *u, enum nd_action a);
void ui_job_tick(struct ui *u);
int ui_reader_open(const struct ui *u);
void ui_reader_draw(struct ui *u);
int ui_reader_key(struct ui *u, enum nd_action a);
void ui_reader_release(struct ui *u);
void ui_job_status(struct ui *u, char *out, size_t cap);
void ui_reader_hyperlinks(struct ui *u);

/* ui_actions.c: actions on the whole desk; arg is a ':' argument or
 * NULL (then a prompt or a menu asks) */
int ui_desk_action(struct ui *u, enum nd_action a, const char *arg);
/* Routes an action to the active mode, then to the desk; the reactions. */
int ui_dispatch(struct ui *u, enum nd_action a, const char *arg);
void ui_jump(struct ui *u, long id);
int ui_back(struct ui *u);
void ui_reload(struct ui *u);

/* ui_cmdline.c: ':' runs a named action with arguments */
void ui_cmdline_start(struct ui *u);
/* Tab completion words for a prompt (query fields, topics, actions). */
size_t ui_complete(struct ui *u);

#endif
