/*
 * The desk: terminal set-up, the main loop, layout and key dispatch.
 * Keys become named actions through the key table; an action goes to the
 * desk (search, limit, sort, ...) or to the focused pane. Every turn of
 * the loop draws the visible rows only and lets curses send the changes.
 */
#include "ui.h"

#include "newsdesk/base/alloc.h"
#include "newsdesk/base/sanitize.h"
#include "newsdesk/base/xdg.h"
#include "newsdesk/model/loader.h"
#include "newsdesk/write/journal.h"
#include "newsdesk/net/job.h"

#include <curses.h>
#include <errno.h>
#include <limits.h>
#include <langinfo.h>
#include <signal.h>
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
	vsnprintf(u->message, sizeof(u->message), fmt, ap);
	va_end(ap);
	u->message_error = error;
	ui_log(u, "message: %s", u->message);
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

static int map_function_key(wint_t k)
{
	static const struct {
		int curses, nd;
	} map[] = {
		{ KEY_UP, ND_KEY_UP },	       { KEY_DOWN, ND_KEY_DOWN },
		{ KEY_LEFT, ND_KEY_LEFT },     { KEY_RIGHT, ND_KEY_RIGHT },
		{ KEY_PPAGE, ND_KEY_PGUP },    { KEY_NPAGE, ND_KEY_PGDN },
		{ KEY_HOME, ND_KEY_HOME },     { KEY_END, ND_KEY_END },
		{ KEY_ENTER, ND_KEY_ENTER },   { KEY_BTAB, ND_KEY_BTAB },
		{ KEY_BACKSPACE, ND_KEY_BACKSPACE }, { KEY_DC, ND_KEY_DELETE },
		{ KEY_RESIZE, ND_KEY_RESIZE }, { KEY_MOUSE, ND_KEY_MOUSE },
	};
	size_t i;

	for (i = 0; i < sizeof(map) / sizeof(map[0]); i++) {
		if ((int)k == map[i].curses)
			return map[i].nd;
	}
	if ((int)k >= KEY_F(1) && (int)k <= KEY_F(12))
		return ND_KEY_F0 + (int)k - KEY_F(0);
	return -1;
}

/*
 * A function key whose bytes a slow link split: ncurses gives the ESC up
 * after ESCDELAY (25 ms, so a lone Esc stays snappy) and hands us the
 * rest as plain keys: "O" "P" for F1 would open the browser and then
 * unpublish. So an ESC is delivered at once, but a '[' or 'O' that comes
 * within SPLIT_MS after it starts the rest of a sequence: it is read to
 * its final byte and decoded when we know the key, dropped when we do
 * not, and never runs as commands. A person pressing Esc and then 'O'
 * within SPLIT_MS is far rarer than a link stalling for 60 ms.
 */
#define SPLIT_MS 400

static struct timespec esc_at; /* when the last lone ESC came */

/*
 * Signals that end the desk (a hang-up when the SSH link drops, kill,
 * C-c, C-\\, an alarm) only set this: the key read they interrupt returns,
 * the loop ends between two actions (so no decision is half made: each
 * one is journalled and written whole, or not begun), and the terminal
 * is restored on the way out. The exit status is 128 + the signal, as a
 * shell reports it. SIGPIPE is ignored: a write to a dead terminal fails
 * with EPIPE instead of killing us mid-write.
 */
static volatile sig_atomic_t caught;

static void on_signal(int sig)
{
	caught = sig;
}

static void catch_signals(void)
{
	static const int sigs[] = { SIGHUP, SIGTERM, SIGINT, SIGQUIT,
				    SIGALRM };
	struct sigaction sa;
	size_t i;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	sa.sa_flags = 0; /* no SA_RESTART: the blocked read must return */
	for (i = 0; i < sizeof(sigs) / sizeof(sigs[0]); i++)
		sigaction(sigs[i], &sa, NULL);
	signal(SIGPIPE, SIG_IGN);
}

static long ms_since(const struct timespec *t)
{
	struct timespec now;

	clock_gettime(CLOCK_MONOTONIC, &now);
	return (long)(now.tv_sec - t->tv_sec) * 1000 +
	       (now.tv_nsec - t->tv_nsec) / 1000000;
}

/* SS3 (ESC O x): arrows, Home, End, keypad Enter, F1-F4. */
static int ss3_key(wint_t c)
{
	static const char finals[] = "ABCDHFMPQRS";
	static const int keys[] = { ND_KEY_UP,	   ND_KEY_DOWN, ND_KEY_RIGHT,
				    ND_KEY_LEFT,   ND_KEY_HOME, ND_KEY_END,
				    ND_KEY_ENTER,  ND_KEY_F0 + 1,
				    ND_KEY_F0 + 2, ND_KEY_F0 + 3,
				    ND_KEY_F0 + 4 };
	const char *p = c < 128 && c != 0 ? strchr(finals, (int)c) : NULL;

	return p != NULL ? keys[p - finals] : -1;
}

/* CSI (ESC [ params final): the keys xterm, VT220 and the Linux console
 * send. */
static int csi_key(const char *params, wint_t c)
{
	static const struct {
		int n, key;
	} tilde[] = {
		{ 1, ND_KEY_HOME },	   { 7, ND_KEY_HOME },
		{ 4, ND_KEY_END },	   { 8, ND_KEY_END },
		{ 3, ND_KEY_DELETE },	   { 5, ND_KEY_PGUP },
		{ 6, ND_KEY_PGDN },	   { 11, ND_KEY_F0 + 1 },
		{ 12, ND_KEY_F0 + 2 },	   { 13, ND_KEY_F0 + 3 },
		{ 14, ND_KEY_F0 + 4 },	   { 15, ND_KEY_F0 + 5 },
		{ 17, ND_KEY_F0 + 6 },	   { 18, ND_KEY_F0 + 7 },
		{ 19, ND_KEY_F0 + 8 },	   { 20, ND_KEY_F0 + 9 },
		{ 21, ND_KEY_F0 + 10 },	   { 23, ND_KEY_F0 + 11 },
		{ 24, ND_KEY_F0 + 12 },
	};
	long n = strtol(params, NULL, 10);
	size_t i;

	if (c == 'Z')
		return ND_KEY_BTAB;
	if (c == '~') {
		for (i = 0; i < sizeof(tilde) / sizeof(tilde[0]); i++) {
			if (tilde[i].n == n)
				return tilde[i].key;
		}
		return -1;
	}
	return ss3_key(c); /* ESC [ A is an arrow too */
}

/* The rest of a sequence that began with ESC intro: the key, or -1 when
 * it is not one we know (or never finished): dropped either way. */
static int read_tail(wint_t intro)
{
	char params[16];
	size_t n = 0;
	wint_t c;
	int r;

	timeout(SPLIT_MS);
	for (;;) {
		r = get_wch(&c);
		if (r != OK)
			return r == KEY_CODE_YES ? map_function_key(c) : -1;
		if (intro == 'O')
			return ss3_key(c);
		if ((c >= '0' && c <= '9') || c == ';') {
			if (n < sizeof(params) - 1)
				params[n++] = (char)c;
			continue;
		}
		params[n] = '\0';
		/* Any other byte ends it: final bytes are 0x40-0x7E. */
		return c >= 0x40 && c <= 0x7e ? csi_key(params, c) : -1;
	}
}

static int read_key_wait(int wait_ms)
{
	static int esc_pending;
	wint_t ch;
	int r;

	timeout(wait_ms);
	for (;;) {
		r = get_wch(&ch);
		if (r == KEY_CODE_YES) {
			esc_pending = 0;
			r = map_function_key(ch);
			if (r >= 0)
				return r;
			continue;
		}
		if (caught)
			return ND_KEY_EOF;
		if (r == ERR)
			return wait_ms >= 0 ? ND_KEY_TIMEOUT : ND_KEY_EOF;
		if (esc_pending && (ch == '[' || ch == 'O') &&
		    ms_since(&esc_at) <= SPLIT_MS) {
			esc_pending = 0;
			r = read_tail(ch);
			timeout(wait_ms);
			if (r >= 0)
				return r;
			continue;
		}
		esc_pending = 0;
		switch (ch) {
		case 27:
			esc_pending = 1;
			clock_gettime(CLOCK_MONOTONIC, &esc_at);
			return ND_KEY_ESC;
		case '\r':
		case '\n':
			return ND_KEY_ENTER;
		case '\t':
			return ND_KEY_TAB;
		case 127:
		case 8:
			return ND_KEY_BACKSPACE;
		default:
			return (int)ch;
		}
	}
}

int ui_read_key(void)
{
	return read_key_wait(-1);
}

static enum nd_layout effective_layout(const struct ui *u)
{
	if (u->layout != ND_LAYOUT_AUTO)
		return u->layout;
	return COLS >= UI_WIDE_COLS ? ND_LAYOUT_WIDE : ND_LAYOUT_TALL;
}

static void place(struct ui *u, enum ui_pane p, int y, int x, int h, int w)
{
	u->panes[p].y = y;
	u->panes[p].x = x;
	u->panes[p].h = h;
	u->panes[p].w = w;
	u->pane_visible[p] = h > 0 && w > 0;
}

void ui_layout(struct ui *u)
{
	int h = LINES - 2, w = COLS, lw, dh, lh;

	memset(u->pane_visible, 0, sizeof(u->pane_visible));
	if (COLS < UI_MIN_COLS || LINES < UI_MIN_ROWS)
		return;
	if (u->zoom) {
		place(u, u->focus, 1, 0, h, w);
		return;
	}
	if (effective_layout(u) == ND_LAYOUT_WIDE) {
		lw = w * 45 / 100;
		dh = h * 65 / 100;
		place(u, PANE_LIST, 1, 0, h, lw);
		place(u, PANE_DETAIL, 1, lw + 1, dh, w - lw - 1);
		place(u, PANE_RELATED, 1 + dh, lw + 1, h - dh, w - lw - 1);
	} else {
		lh = h * 40 / 100;
		dh = h < 14 ? h - lh : h * 35 / 100;
		place(u, PANE_LIST, 1, 0, lh, w);
		place(u, PANE_DETAIL, 1 + lh, 0, dh, w);
		place(u, PANE_RELATED, 1 + lh + dh, 0, h - lh - dh, w);
	}
	if (!u->pane_visible[u->focus])
		u->focus = PANE_LIST;
}

/* The selection moved: parse the article it now points at. */
void ui_select_changed(struct ui *u)
{
	long id = nd_view_selected(&u->view);
	struct nd_diag d;

	if (id == u->art_id && u->art != NULL)
		return;
	nd_article_free(u->art);
	u->art = NULL;
	u->art_id = id;
	u->doc_valid = 0;
	u->detail_top = 0;
	u->rel_cursor = u->rel_top = 0;
	u->showing_related = -1;
	if (id < 0)
		return;
	nd_diag_init(&d);
	if (nd_article_load(nd_index_get(u->idx, (size_t)id)->path, &u->art,
			    &d) != 0)
		ui_message(u, 1, "%s", d.count ? d.items[0].message
					       : "cannot read the article");
	nd_diag_release(&d);
}

static void draw_separator(struct ui *u)
{
	const struct rect *r = &u->panes[PANE_LIST];
	int i;

	if (u->zoom || effective_layout(u) != ND_LAYOUT_WIDE ||
	    !u->pane_visible[PANE_LIST])
		return;
	/* A box-drawing character, not ACS: the alternate character set
	 * is the part of terminfo that goes wrong most often over SSH and
	 * in multiplexers. */
	ui_role(u, ND_ROLE_BORDER);
	for (i = 0; i < r->h; i++)
		ui_text(r->y + i, r->x + r->w, 1, u->ascii ? "|" : "\xE2\x94\x82",
			u->ascii ? 1 : 3, 0);
}

static void draw_too_small(struct ui *u)
{
	char msg[96];
	int len;

	erase();
	/* Short enough for a phone-sized window; cut below that. */
	len = snprintf(msg, sizeof(msg), "too small: %dx%d, need %dx%d",
		       COLS, LINES, UI_MIN_COLS, UI_MIN_ROWS);
	ui_role(u, ND_ROLE_STATUS_ERROR);
	ui_text(LINES / 2, 0, COLS, msg, (size_t)len, 0);
}

static void draw(struct ui *u)
{
	if (COLS < UI_MIN_COLS || LINES < UI_MIN_ROWS) {
		draw_too_small(u);
		return;
	}
	if (u->help) {
		ui_help_draw(u);
		ui_status_draw(u);
		return;
	}
	if (ui_reader_open(u)) {
		ui_reader_draw(u);
		ui_status_draw(u);
		return;
	}
	ui_header_draw(u);
	ui_list_draw(u);
	draw_separator(u);
	ui_detail_draw(u);
	ui_related_draw(u);
	ui_status_draw(u);
}

static void cycle_focus(struct ui *u, int dir)
{
	int i, p = u->focus;

	for (i = 0; i < PANE_COUNT; i++) {
		p = (p + dir + PANE_COUNT) % PANE_COUNT;
		if (u->pane_visible[p]) {
			u->focus = p;
			return;
		}
	}
}

static void cycle_layout(struct ui *u)
{
	u->layout = (u->layout + 1) % ND_LAYOUT_COUNT;
	u->zoom = 0;
	ui_layout(u);
	u->doc_valid = 0;
	ui_message(u, 0, "layout: %s", u->layout == ND_LAYOUT_AUTO
		   ? "auto" : u->layout == ND_LAYOUT_WIDE ? "side by side"
							  : "stacked");
}

static void pane_key(struct ui *u, enum nd_action a)
{
	if (u->focus == PANE_LIST)
		ui_list_key(u, a);
	else if (u->focus == PANE_DETAIL)
		ui_detail_key(u, a);
	else
		ui_related_key(u, a);
}

static void dispatch(struct ui *u, enum nd_action a)
{
	if (u->help) {
		ui_help_key(u, a);
		return;
	}
	if (ui_reader_open(u)) {
		if (a == ND_ACT_HELP)
			u->help = 1;
		else
			ui_reader_key(u, a);
		return;
	}
	switch (a) {
	case ND_ACT_QUIT:
		u->quit = 1;
		break;
	case ND_ACT_HELP:
		u->help = 1;
		u->help_top = 0;
		break;
	case ND_ACT_FOCUS_NEXT:
		cycle_focus(u, 1);
		break;
	case ND_ACT_FOCUS_PREV:
		cycle_focus(u, -1);
		break;
	case ND_ACT_LAYOUT:
		cycle_layout(u);
		break;
	case ND_ACT_ZOOM:
		u->zoom = !u->zoom;
		ui_layout(u);
		break;
	case ND_ACT_SEARCH:
		ui_search(u);
		break;
	case ND_ACT_SEARCH_NEXT:
		ui_search_again(u, 1);
		break;
	case ND_ACT_SEARCH_PREV:
		ui_search_again(u, -1);
		break;
	case ND_ACT_LIMIT:
		ui_limit(u);
		break;
	case ND_ACT_SORT:
		ui_sort(u);
		break;
	case ND_ACT_REVERSE:
		ui_reverse(u);
		break;
	case ND_ACT_RELOAD:
		ui_reload(u);
		break;
	case ND_ACT_BACK:
		ui_back(u);
		break;
	case ND_ACT_REDRAW:
		clearok(curscr, TRUE);
		break;
	default:
		if (!ui_triage_action(u, a) && !ui_fetch_action(u, a))
			pane_key(u, a);
	}
	/* ';' waits for a decision: every other action cancels it. */
	if (a != ND_ACT_TAG_PREFIX &&
	    !(nd_action_flags(a) & ND_ACTF_DECISION))
		u->tag_prefix = 0;
	ui_select_changed(u);
}

static int in_rect(const struct rect *r, int y, int x)
{
	return y >= r->y && y < r->y + r->h && x >= r->x && x < r->x + r->w;
}

/* Optional (config 'mouse: true'): click selects, the wheel scrolls. */
static void mouse(struct ui *u)
{
	MEVENT ev;
	int p, row;

	if (getmouse(&ev) != OK)
		return;
	for (p = 0; p < PANE_COUNT; p++) {
		if (!u->pane_visible[p] || !in_rect(&u->panes[p], ev.y, ev.x))
			continue;
		u->focus = p;
		if (ev.bstate & BUTTON4_PRESSED) {
			pane_key(u, ND_ACT_UP);
		} else if (ev.bstate & BUTTON5_PRESSED) {
			pane_key(u, ND_ACT_DOWN);
		} else if (ev.bstate & BUTTON1_CLICKED) {
			row = ev.y - u->panes[p].y - 1;
			if (row >= 0 && p == PANE_LIST)
				nd_view_goto(&u->view, u->view.top + (size_t)row,
					     (size_t)ui_list_height(u));
			else if (row >= 0 && p == PANE_RELATED)
				u->rel_cursor = u->rel_top + (size_t)row;
		}
		ui_select_changed(u);
		return;
	}
}

static void loop(struct ui *u)
{
	enum nd_action a;
	int key;

	while (!u->quit) {
		draw(u);
		refresh();
		if (u->cfg.hyperlinks && ui_reader_open(u) && !u->help)
			ui_reader_hyperlinks(u);
		/* While a page downloads, wake up to show progress. */
		key = read_key_wait(u->job != NULL ? 100 : -1);
		if (u->job != NULL)
			ui_job_tick(u);
		if (key == ND_KEY_TIMEOUT)
			continue;
		if (key == ND_KEY_EOF) {
			/* The terminal is gone (a read error or end of input
			 * is a hang-up whose signal may still be on its way):
			 * say so as SIGHUP would, not as a quit. */
			if (!caught)
				caught = SIGHUP;
			break;
		}
		if (key == ND_KEY_RESIZE) {
			ui_layout(u);
			u->doc_valid = 0;
			ui_log(u, "resize %dx%d", COLS, LINES);
			continue;
		}
		u->message[0] = '\0';
		if (key == ND_KEY_MOUSE) {
			mouse(u);
			continue;
		}
		a = nd_keymap_lookup(&u->cfg.keys, key);
		if (key == ND_KEY_ESC && u->job != NULL) {
			nd_job_cancel(u->job);
			u->job_cancelled = 1;
			ui_message(u, 0, "cancelled");
			continue;
		}
		if (a == ND_ACT_NONE && key == ND_KEY_ESC &&
		    (u->help || ui_reader_open(u)))
			a = ND_ACT_QUIT;
		ui_log(u, "key %d -> %s", key, nd_action_info(a)->name);
		dispatch(u, a);
	}
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

static void setup_theme(struct ui *u)
{
	const char *name = u->opt.theme ? u->opt.theme : u->cfg.theme;
	struct nd_diag d;
	char *path;

	nd_theme_default(&u->theme);
	if (name == NULL || strcmp(name, "dark") == 0)
		return; /* built in, the same as themes/dark.yaml */
	path = theme_path(name);
	nd_diag_init(&d);
	if (path == NULL || nd_theme_load(path, &u->theme, &d) != 0 ||
	    d.count != 0)
		first_problem(u, &d, "theme");
	nd_diag_release(&d);
	free(path);
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
	struct nd_err err;
	struct nd_query *q;

	nd_view_init(&u->view);
	u->view.sort = u->cfg.sort;
	u->view.desc = nd_sort_natural_desc(u->cfg.sort) ^ u->cfg.reverse;
	if (u->cfg.limit != NULL) {
		if (nd_query_compile(u->cfg.limit, &q, &err) == 0)
			nd_view_set_limit(&u->view, q, q ? nd_xstrdup(u->cfg.limit)
							 : NULL);
		else
			ui_message(u, 1, "config limit: column %u: %s",
				   err.col, err.message);
	}
	nd_view_rebuild(&u->view, u->idx, -1);
}

static int load(struct ui *u)
{
	struct nd_diag d;
	struct nd_load_stats st;
	char *line;

	nd_diag_init(&d);
	if (nd_loader_load(u->dir, &u->load_opts, &u->idx, &d, &st) != 0) {
		line = d.count ? nd_diag_format(&d.items[0]) : NULL;
		fprintf(stderr, "newsdesk: %s\n", line ? line : "cannot load");
		free(line);
		nd_diag_release(&d);
		return -1;
	}
	u->load_problems = d.count;
	ui_log(u, "loaded %zu articles from %zu files, %zu problems",
	       st.loaded, st.files, d.count);
	ui_marks_reset(u);
	if (d.count != 0 && u->message[0] == '\0')
		ui_message(u, 1, "%zu files could not be loaded or have "
			   "problems: run 'newsdesk check'", st.failed +
			   st.skipped ? st.failed + st.skipped : d.count);
	nd_diag_release(&d);
	return 0;
}

/* Out of memory with curses on the screen: give the terminal back
 * before the message is printed (alloc.h runs this first). */
static void restore_terminal(void)
{
	endwin();
}

/* A terminal without cursor addressing (TERM=dumb, a printing terminal)
 * would get a garbled stream of rows rather than a screen. */
static int can_draw(void)
{
	char *cup = tigetstr("cup");

	return cup != NULL && cup != (char *)-1 && !tigetflag("hc");
}

static int start_terminal(struct ui *u, SCREEN **scr)
{
	const char *term = getenv("TERM"), *cs, *nc = getenv("NO_COLOR");

	*scr = newterm(NULL, stdout, stdin);
	if (*scr == NULL) {
		fprintf(stderr, "newsdesk: cannot use terminal type '%s'; set "
			"TERM to one your system knows (such as xterm-256color)"
			" or use 'newsdesk list'\n", term ? term : "");
		return -1;
	}
	set_term(*scr);
	if (!can_draw()) {
		endwin();
		delscreen(*scr);
		fprintf(stderr, "newsdesk: terminal type '%s' cannot move the "
			"cursor, so the desk cannot draw on it; set TERM to "
			"the terminal's type (such as xterm-256color) or use "
			"'newsdesk list'\n", term ? term : "");
		return -1;
	}
	nd_alloc_set_cleanup(restore_terminal);
	/* After ncurses's own: ours replace its handlers for these. */
	catch_signals();
	cs = nl_langinfo(CODESET);
	u->ascii = cs == NULL || strcmp(cs, "UTF-8") != 0;
	/* COLORS means nothing until start_color() has run. */
	u->ncolors = 0;
	if (has_colors() && (nc == NULL || nc[0] == '\0') &&
	    start_color() == OK)
		u->ncolors = COLORS;
	set_escdelay(25);
	cbreak();
	noecho();
	nonl();
	keypad(stdscr, TRUE);
	curs_set(0);
	if (u->cfg.mouse)
		mousemask(BUTTON1_CLICKED | BUTTON4_PRESSED | BUTTON5_PRESSED,
			  NULL);
	ui_theme_apply(u);
	return 0;
}

static void cleanup(struct ui *u)
{
	size_t i;

	for (i = 0; i < u->nback; i++)
		free(u->back[i].path);
	free(u->back);
	nd_query_free(u->search);
	free(u->search_text);
	nd_doc_release(&u->doc);
	nd_article_free(u->art);
	nd_view_release(&u->view);
	nd_index_free(u->idx);
	ui_reader_release(u);
	nd_config_release(&u->cfg);
	ui_triage_release(u);
	free(u->dir);
	free(u->dir_shown);
	if (u->log != NULL)
		fclose(u->log);
}

int nd_desk_run(const struct nd_desk_options *opt)
{
	struct ui u;
	SCREEN *scr = NULL;
	int r = 0;

	memset(&u, 0, sizeof(u));
	u.opt = *opt;
	u.art_id = -2;
	u.showing_related = -1;
	u.journal = nd_journal_default_path();
	u.offline = opt->offline;
	u.check_id = -1;
	/* Close-on-exec ("e"): a browser the desk starts must not inherit
	 * the log (nor keep it open after the desk quits). */
	if (opt->log_path != NULL &&
	    (u.log = fopen(opt->log_path, "ae")) == NULL)
		fprintf(stderr, "newsdesk: cannot open log '%s'\n",
			opt->log_path);
	if (setup_config(&u) != 0)
		r = -1;
	u.load_opts.follow_links = u.cfg.follow_links;
	u.layout = opt->layout >= 0 ? (enum nd_layout)opt->layout
				    : u.cfg.layout;
	u.dir_shown = nd_xdg_expand_home(opt->dir ? opt->dir
				     : u.cfg.dir ? u.cfg.dir : ".");
	u.dir = u.dir_shown ? realpath(u.dir_shown, NULL) : NULL;
	if (r == 0 && u.dir == NULL) {
		fprintf(stderr, "newsdesk: %s: cannot open: %s\n",
			u.dir_shown ? u.dir_shown : "", strerror(errno));
		r = -1;
	}
	if (r == 0 && load(&u) != 0)
		r = -1;
	if (r == 0) {
		setup_theme(&u);
		setup_view(&u);
		r = start_terminal(&u, &scr);
	}
	if (r == 0) {
		ui_layout(&u);
		ui_select_changed(&u);
		loop(&u);
		nd_alloc_set_cleanup(NULL);
		endwin();
		delscreen(scr);
		if (caught)
			ui_log(&u, "signal %d: the terminal is restored",
			       (int)caught);
	}
	cleanup(&u);
	if (caught)
		return 128 + caught;
	return r == 0 ? 0 : 1;
}
