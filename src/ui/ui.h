/*
 * Private to the ncurses front end (ui_*.c): the desk's state and the
 * drawing helpers the panes share. Only these files include curses; the
 * model they show (index, view, doc, theme, keys) knows nothing of it.
 * Panes keep article ids and rows, never pointers into the index.
 */
#ifndef NEWSDESK_UI_H
#define NEWSDESK_UI_H

#include <stddef.h>
#include <stdio.h>

#include "newsdesk/model/article.h"
#include "newsdesk/present/config.h"
#include "newsdesk/present/doc.h"
#include "newsdesk/model/index.h"
#include "newsdesk/model/loader.h"
#include "newsdesk/present/keys.h"
#include "newsdesk/model/query.h"
#include "newsdesk/present/theme.h"
#include "newsdesk/present/view.h"
#include "newsdesk/ui/desk.h"

/* Below this the desk shows a notice instead of panes. */
#define UI_MIN_COLS 40
#define UI_MIN_ROWS 10
/* auto layout puts panes side by side from this width on */
#define UI_WIDE_COLS 110

enum ui_pane { PANE_LIST, PANE_DETAIL, PANE_RELATED, PANE_COUNT };

/* What needs drawing again after an action (htop's reaction flags). */
enum {
	REDRAW_LIST = 1 << 0,
	REDRAW_DETAIL = 1 << 1,
	REDRAW_RELATED = 1 << 2,
	REDRAW_STATUS = 1 << 3,
	REDRAW_ALL = 0xff,
	RELOAD_ARTICLE = 1 << 8, /* the selection changed: parse it */
};

struct rect {
	int y, x, h, w;
};

struct back_entry {
	char *path; /* survives a reload, unlike an id */
	enum ui_pane focus;
};

struct ui {
	struct nd_desk_options opt;
	struct nd_config cfg;
	struct nd_theme theme;
	char *dir;	    /* absolute: the journal records real paths */
	char *dir_shown;    /* as the user gave it, for the header */
	struct nd_index *idx;
	struct nd_load_opts load_opts; /* from the config, for each load */
	size_t load_problems;
	struct nd_view view;

	/* the selected article, parsed in full */
	long art_id;
	struct nd_article *art;
	/* detail pane: doc laid out for doc_width, scrolled by detail_top */
	struct nd_doc doc;
	int doc_width, doc_valid;
	size_t detail_top;
	long showing_related; /* related item shown in detail, or -1 */
	/* related pane */
	size_t rel_cursor, rel_top;

	enum ui_pane focus;
	enum nd_layout layout;
	int zoom;
	struct rect panes[PANE_COUNT];
	int pane_visible[PANE_COUNT];

	/* search */
	struct nd_query *search;
	char *search_text;

	struct back_entry *back;
	size_t nback, back_cap;

	/* triage: decisions written back through the triage module */
	char *journal;
	unsigned char *tagged;	/* per article id */
	unsigned char *decided; /* per article id, in triage mode */
	size_t ntagged, marks_cap;
	int tag_prefix;		/* ';' was pressed: next decision on tags */
	int triage;		/* triage mode is on */
	size_t triage_done, triage_left;
	struct nd_query *saved_limit; /* the limit before triage mode */
	char *saved_limit_text;

	char message[256];
	int message_error;
	int ncolors;
	int ascii; /* the terminal is not UTF-8 */
	int help;  /* the help screen is up */
	size_t help_top;
	int quit;
	FILE *log;

	/* fetching and reading pages */
	int offline;
	struct nd_job *job;
	int job_check;	       /* the job is a link check */
	int job_cancelled;
	long check_id;	       /* article the last link check was for */
	char *check_next;      /* the article's other URL, checked next */
	char check_result[300];
	struct ui_reader *reader;
};

/* ui_main.c */
void ui_message(struct ui *u, int error, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
void ui_log(struct ui *u, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* Waits for a key; wait_ms < 0 waits for ever, else ND_KEY_TIMEOUT. */
int ui_read_key(void);
int ui_list_height(const struct ui *u);
void ui_select_changed(struct ui *u);
void ui_layout(struct ui *u);

/* ui_draw.c: roles to curses attributes, and clipped text */
void ui_theme_apply(struct ui *u);
void ui_role(const struct ui *u, enum nd_role r);
/* Draws sanitised text at (y, x), at most w columns; returns columns
 * used. Pads with spaces to w when pad is set. */
int ui_text(int y, int x, int w, const char *s, size_t len, int pad);
/* Sanitises raw content, then draws it like ui_text. */
int ui_content(const struct ui *u, int y, int x, int w, const char *s,
	       size_t len, int pad);
void ui_fill(int y, int x, int w, enum nd_role r, const struct ui *u);
void ui_pane_title(const struct ui *u, enum ui_pane p, const char *title);
void ui_doc_lines(const struct ui *u, const struct nd_doc *doc, size_t top,
		  struct rect r);

/* the panes: draw and keys */
void ui_list_draw(struct ui *u);
int ui_list_key(struct ui *u, enum nd_action a);
void ui_detail_draw(struct ui *u);
int ui_detail_key(struct ui *u, enum nd_action a);
void ui_related_draw(struct ui *u);
int ui_related_key(struct ui *u, enum nd_action a);
void ui_header_draw(struct ui *u);
void ui_status_draw(struct ui *u);
void ui_help_draw(struct ui *u);
int ui_help_key(struct ui *u, enum nd_action a);

/* ui_prompt.c: the line editor on the status line */
typedef void (*ui_prompt_fn)(struct ui *u, const char *text, void *ctx);
/* Returns a malloc'd line, or NULL when cancelled with Esc. on_change,
 * when given, runs after every edit (incremental search). */
char *ui_prompt(struct ui *u, const char *label, const char *initial,
		ui_prompt_fn on_change, void *ctx);
/* One key for a menu on the status line; -1 when cancelled. */
int ui_choose(struct ui *u, const char *label);

/* ui_triage.c: decisions, tags, undo and triage mode */
int ui_triage_action(struct ui *u, enum nd_action a);
void ui_triage_release(struct ui *u);
/* Index and view sizes changed (reload): the per-article marks follow. */
void ui_marks_reset(struct ui *u);

/* ui_reader.c: fetching, the reader view, the browser and the clipboard */
int ui_fetch_action(struct ui *u, enum nd_action a);
void ui_job_tick(struct ui *u);
int ui_reader_open(const struct ui *u);
void ui_reader_draw(struct ui *u);
int ui_reader_key(struct ui *u, enum nd_action a);
void ui_reader_release(struct ui *u);
void ui_job_status(struct ui *u);
/* After curses has drawn: OSC 8 over the reader's visible link list. */
void ui_reader_hyperlinks(struct ui *u);

/* ui_actions.c: the actions that are not about one pane */
void ui_search(struct ui *u);
void ui_search_again(struct ui *u, int dir);
void ui_limit(struct ui *u);
void ui_sort(struct ui *u);
void ui_reverse(struct ui *u);
void ui_reload(struct ui *u);
void ui_jump(struct ui *u, long id);
void ui_back(struct ui *u);

#endif
