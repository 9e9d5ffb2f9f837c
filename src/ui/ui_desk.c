/*
 * The desk's set-up and the helpers every mode shares: messages, the
 * debug log, the parsed article that follows the selection, the layout
 * of the panes, watched fds. Nothing here reads keys or draws.
 */
#include "ui.h"

#include "newsdesk/base/alloc.h"
#include "newsdesk/base/sanitize.h"
#include "newsdesk/base/xdg.h"
#include "newsdesk/model/loader.h"
#include "newsdesk/write/journal.h"

#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#ifndef NEWSDESK_THEME_DIR
#define NEWSDESK_THEME_DIR "/usr/local/share/newsdesk/themes"
#endif

void ui_message(struct ui *u, int error, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(u->st.message, sizeof(u->st.message), fmt, ap);
	va_end(ap);
	u->st.message_error = error;
	ui_log(u, "message: %s", u->st.message);
}

void ui_log(struct ui *u, const char *fmt, ...)
{
	struct nd_buf raw = ND_BUF_INIT, safe = ND_BUF_INIT;
	va_list ap;

	if (u->log == NULL)
		return;
	va_start(ap, fmt);
	nd_buf_vaddf(&raw, fmt, ap);
	va_end(ap);
	nd_sanitize(&safe, raw.data, raw.len, ND_SAN_LINE);
	fprintf(u->log, "%ld %s\n", (long)time(NULL), safe.data);
	fflush(u->log);
	nd_buf_release(&raw);
	nd_buf_release(&safe);
}

void ui_watch_fd(struct ui *u, int fd,
		 void (*cb)(struct ui *u, int fd, void *ctx), void *ctx)
{
	nd_grow(&u->watches, &u->watches_cap, u->nwatches + 1,
		sizeof(*u->watches));
	u->watches[u->nwatches].fd = fd;
	u->watches[u->nwatches].cb = cb;
	u->watches[u->nwatches++].ctx = ctx;
}

void ui_unwatch_fd(struct ui *u, int fd)
{
	size_t i;

	for (i = 0; i < u->nwatches; i++) {
		if (u->watches[i].fd != fd)
			continue;
		memmove(&u->watches[i], &u->watches[i + 1],
			(u->nwatches - i - 1) * sizeof(*u->watches));
		u->nwatches--;
		return;
	}
}

/* The selection moved: parse the article it now points at. */
void ui_select_changed(struct ui *u)
{
	long id = nd_view_selected(&u->st.view);
	struct nd_diag d;

	if (id == u->art_id && u->art != NULL)
		return;
	nd_article_free(u->art);
	u->art = NULL;
	u->art_id = id;
	u->doc_valid = 0;
	u->detail.top = 0;
	u->related.cursor = u->related.top = 0;
	u->showing_related = -1;
	if (id < 0)
		return;
	nd_diag_init(&d);
	if (nd_article_load(nd_index_get(u->st.idx, (size_t)id)->path,
			    &u->art, &d) != 0)
		ui_message(u, 1, "%s", d.count ? d.items[0].message
					       : "cannot read the article");
	nd_diag_release(&d);
}

int ui_list_height(const struct ui *u)
{
	int h = u->panes[PANE_LIST].h - 1;

	return h > 0 ? h : 0;
}

static void place(struct ui *u, enum ui_pane p, int y, int x, int h, int w)
{
	u->panes[p].y = y;
	u->panes[p].x = x;
	u->panes[p].h = h;
	u->panes[p].w = w;
	u->pane_visible[p] = h > 0 && w > 0;
}

/* Columns of a list row besides the title (mark, date, quality, heat,
 * provider): what the title must leave before a preview goes beside. */
#define LIST_FIXED_COLS 39

/* The article: its text full width, its related items below. */
static void layout_article(struct ui *u, int h, int w)
{
	size_t n = u->art != NULL ? u->art->nrelated : 0;
	int rh = n ? (int)n + 1 : 0;

	if (rh > h / 3)
		rh = h / 3;
	if (rh < 2)
		rh = 0;
	place(u, PANE_DETAIL, 1, 0, h - rh, w);
	place(u, PANE_RELATED, 1 + h - rh, 0, rh, w);
	if (!u->pane_visible[u->focus] || u->focus == PANE_LIST)
		u->focus = PANE_DETAIL;
}

/* The index: the list, with a preview beside it only when the titles
 * keep a comfortable width (auto), or as the layout asks. */
static void layout_index(struct ui *u, int h, int w)
{
	int pw = w * 35 / 100 > UI_PREVIEW_MIN ? w * 35 / 100 : UI_PREVIEW_MIN;
	enum nd_layout l = u->layout;

	u->focus = PANE_LIST;
	if (l == ND_LAYOUT_AUTO)
		l = w - pw - 1 >= LIST_FIXED_COLS + UI_TITLE_COMFORT
			    ? ND_LAYOUT_WIDE : ND_LAYOUT_COUNT;
	if (u->no_preview)
		l = ND_LAYOUT_COUNT;
	if (l == ND_LAYOUT_WIDE) {
		if (w - pw - 1 < w / 2)
			pw = w / 2;
		place(u, PANE_LIST, 1, 0, h, w - pw - 1);
		place(u, PANE_DETAIL, 1, w - pw, h, pw);
	} else if (l == ND_LAYOUT_TALL) {
		place(u, PANE_LIST, 1, 0, h / 2, w);
		place(u, PANE_DETAIL, 1 + h / 2, 0, h - h / 2, w);
	} else {
		place(u, PANE_LIST, 1, 0, h, w);
	}
}

void ui_layout(struct ui *u)
{
	term_size(&u->rows, &u->cols);
	memset(u->pane_visible, 0, sizeof(u->pane_visible));
	if (u->cols < UI_MIN_COLS || u->rows < UI_MIN_ROWS)
		return;
	if (u->st.level == ND_LEVEL_ARTICLE)
		layout_article(u, u->rows - 2, u->cols);
	else
		layout_index(u, u->rows - 2, u->cols);
}

/* A theme name is looked up in the user's theme folder, then in ours;
 * anything with a '/' is a path. */
static char *theme_path(const char *name)
{
	struct nd_buf b = ND_BUF_INIT;
	char *user;

	if (strchr(name, '/') != NULL)
		return nd_xdg_expand_home(name);
	nd_buf_addf(&b, "themes/%s.yaml", name);
	user = nd_xdg_path(ND_XDG_CONFIG, b.data);
	if (user != NULL && access(user, R_OK) == 0) {
		nd_buf_release(&b);
		return user;
	}
	free(user);
	nd_buf_reset(&b);
	nd_buf_addf(&b, "%s/%s.yaml", NEWSDESK_THEME_DIR, name);
#ifdef NEWSDESK_SOURCE_THEME_DIR
	/* Not installed: run from the source tree. */
	if (access(b.data, R_OK) != 0) {
		nd_buf_reset(&b);
		nd_buf_addf(&b, "%s/%s.yaml", NEWSDESK_SOURCE_THEME_DIR, name);
	}
#endif
	return nd_buf_detach(&b, NULL);
}

static void first_problem(struct ui *u, const struct nd_diag *d,
			  const char *what)
{
	char *line;

	if (d->count == 0)
		return;
	line = nd_diag_format(&d->items[0]);
	ui_message(u, 1, "%s: %s%s", what, line ? line : "",
		   d->count > 1 ? " (and more)" : "");
	free(line);
}

/* 0, or -1 with the message set (the theme then is the built-in one,
 * or what loaded of the file). */
int ui_theme_load(struct ui *u, const char *name)
{
	struct nd_diag d;
	char *path;
	int rc = 0;

	nd_theme_default(&u->theme);
	if (name == NULL || strcmp(name, "dark") == 0)
		return 0; /* built in, the same as themes/dark.yaml */
	path = theme_path(name);
	nd_diag_init(&d);
	if (path == NULL || nd_theme_load(path, &u->theme, &d) != 0 ||
	    d.count != 0) {
		first_problem(u, &d, "theme");
		rc = -1;
	}
	nd_diag_release(&d);
	free(path);
	return rc;
}

static int setup_config(struct ui *u)
{
	struct nd_diag d;
	char *path;

	if (nd_config_init(&u->cfg) != 0)
		return -1;
	if (u->opt.no_config)
		return 0;
	path = u->opt.config ? nd_xstrdup(u->opt.config) : nd_config_default_path();
	if (path == NULL)
		return 0;
	nd_diag_init(&d);
	nd_config_load(&u->cfg, path, u->opt.config == NULL, &d);
	first_problem(u, &d, "config");
	nd_diag_release(&d);
	free(path);
	return 0;
}

static void setup_view(struct ui *u)
{
	struct nd_view *v = &u->st.view;
	struct nd_err err;

	v->sort = u->cfg.sort;
	v->desc = nd_sort_natural_desc(u->cfg.sort) ^ u->cfg.reverse;
	if (u->cfg.limit != NULL &&
	    nd_desk_set_limit(&u->st, u->cfg.limit, &err) != 0)
		ui_message(u, 1, "config limit: column %u: %s", err.col,
			   err.message);
	nd_view_rebuild(v, u->st.idx, -1);
}

static int load(struct ui *u)
{
	struct nd_index *idx;
	struct nd_diag d;
	struct nd_load_stats st;
	char *line, keep[sizeof(u->st.message)];

	nd_diag_init(&d);
	if (nd_loader_load(u->dir, &u->load_opts, &idx, &d, &st) != 0) {
		line = d.count ? nd_diag_format(&d.items[0]) : NULL;
		fprintf(stderr, "newsdesk: %s\n", line ? line : "cannot load");
		free(line);
		nd_diag_release(&d);
		return -1;
	}
	/* The config's complaint, if any, outlives the new state. */
	memcpy(keep, u->st.message, sizeof(keep));
	nd_desk_state_init(&u->st, idx);
	memcpy(u->st.message, keep, sizeof(keep));
	u->st.message_error = keep[0] != '\0';
	ui_log(u, "loaded %zu articles from %zu files, %zu problems",
	       st.loaded, st.files, d.count);
	if (d.count != 0 && keep[0] == '\0')
		ui_message(u, 1, "%zu files could not be loaded or have "
			   "problems: run 'newsdesk check'", st.failed +
			   st.skipped ? st.failed + st.skipped : d.count);
	nd_diag_release(&d);
	return 0;
}

static void history_load(struct ui *u)
{
	struct nd_err err;

	nd_history_init(&u->history);
	u->history_path = nd_xdg_path(ND_XDG_STATE, "history");
	if (u->history_path != NULL &&
	    nd_history_load(&u->history, u->history_path, &err) != 0)
		ui_message(u, 1, "%s", err.message);
}

/* Everything before the terminal: config, directory, index, theme. */
int ui_setup(struct ui *u, const struct nd_desk_options *opt)
{
	memset(u, 0, sizeof(*u));
	u->opt = *opt;
	u->art_id = -2;
	u->showing_related = -1;
	u->journal = nd_journal_default_path();
	u->offline = opt->offline;
	u->check_id = -1;
	u->detail.list = u->help.list = 0;
	u->related.list = 1;
	/* Close-on-exec ("e"): a browser the desk starts must not inherit
	 * the log (nor keep it open after the desk quits). */
	if (opt->log_path != NULL &&
	    (u->log = fopen(opt->log_path, "ae")) == NULL)
		fprintf(stderr, "newsdesk: cannot open log '%s'\n",
			opt->log_path);
	if (setup_config(u) != 0)
		return -1;
	u->load_opts.follow_links = u->cfg.follow_links;
	u->layout = opt->layout >= 0 ? (enum nd_layout)opt->layout
				     : u->cfg.layout;
	u->dir_shown = nd_xdg_expand_home(opt->dir ? opt->dir
				      : u->cfg.dir ? u->cfg.dir : ".");
	u->dir = u->dir_shown ? realpath(u->dir_shown, NULL) : NULL;
	if (u->dir == NULL) {
		fprintf(stderr, "newsdesk: %s: cannot open: %s\n",
			u->dir_shown ? u->dir_shown : "", strerror(errno));
		return -1;
	}
	if (load(u) != 0)
		return -1;
	ui_theme_load(u, u->opt.theme ? u->opt.theme : u->cfg.theme);
	setup_view(u);
	history_load(u);
	return 0;
}

void ui_cleanup(struct ui *u)
{
	nd_query_free(u->search);
	free(u->search_text);
	free(u->find_text);
	nd_doc_release(&u->doc);
	nd_article_free(u->art);
	if (u->st.idx != NULL)
		nd_desk_state_release(&u->st);
	ui_reader_release(u);
	ui_layout_job_release(u);
	ui_prompt_release(u);
	nd_history_release(&u->history);
	free(u->history_path);
	nd_config_release(&u->cfg);
	ui_triage_release(u);
	free(u->watches);
	free(u->dir);
	free(u->dir_shown);
	if (u->log != NULL)
		fclose(u->log);
}
