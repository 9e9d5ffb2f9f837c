/*
 * The desk's one event loop. It waits with poll() on the terminal, the
 * fetch job's fd and the fds registered with ui_watch_fd(); it is the only
 * place that reads keys. A key becomes a named action through the key
 * table and goes to the active mode (ui_dispatch); the reactions the
 * mode returns are OR-ed and acted on once, then the screen is drawn
 * (curses sends only what changed). A bulk decision runs here in slices
 * between two polls, so keys (Esc) still come through.
 */
#include "ui.h"

#include "newsdesk/net/job.h"

#include <errno.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* While a page downloads, the status line shows its progress this often
 * (the job's fd wakes us when it ends). */
#define PROGRESS_MS 250

static void draw_too_small(struct ui *u)
{
	char msg[96];
	int len;

	term_erase();
	/* Short enough for a phone-sized window; cut below that. */
	len = snprintf(msg, sizeof(msg), "too small: %dx%d, need %dx%d",
		       u->cols, u->rows, UI_MIN_COLS, UI_MIN_ROWS);
	term_role(ND_ROLE_STATUS_ERROR);
	term_text(u->rows / 2, 0, u->cols, msg, (size_t)len, 0);
}

static void draw_separator(struct ui *u)
{
	const struct rect *r = &u->panes[PANE_LIST];
	int i;

	if (!u->pane_visible[PANE_DETAIL] || !u->pane_visible[PANE_LIST] ||
	    u->panes[PANE_DETAIL].y != r->y)
		return;
	/* A box-drawing character, not ACS: the alternate character set
	 * is the part of terminfo that goes wrong most often over SSH and
	 * in multiplexers. */
	term_role(ND_ROLE_BORDER);
	for (i = 0; i < r->h; i++)
		term_text(r->y + i, r->x + r->w, 1,
			  u->ascii ? "|" : "\xE2\x94\x82", u->ascii ? 1 : 3, 0);
}

static const char *hint(const struct ui *u)
{
	if (u->help_on)
		return "q, Esc or ? closes the help";
	if (ui_reader_open(u))
		return "f follow link  / search  h back  v source  "
		       "O browser  y copy  q close";
	if (u->st.level == ND_LEVEL_ARTICLE)
		return "q back  / search  Tab related  o read  O browser  "
		       "? help";
	return "? help  Enter read  / search  l limit  s sort  o original  "
	       ": command  q quit";
}

static void draw(struct ui *u)
{
	ui_layout(u);
	if (u->cols < UI_MIN_COLS || u->rows < UI_MIN_ROWS) {
		draw_too_small(u);
		return;
	}
	if (u->help_on) {
		ui_help_draw(u);
	} else if (ui_reader_open(u)) {
		ui_reader_draw(u);
	} else {
		ui_header_draw(u);
		ui_list_draw(u);
		draw_separator(u);
		ui_detail_draw(u);
		ui_related_draw(u);
	}
	/* a message while a prompt is up (Tab's choices) shows above it */
	if (u->prompt.active && u->st.message[0]) {
		term_fill(u->rows - 2, 0, u->cols, u->st.message_error
			  ? ND_ROLE_STATUS_ERROR : ND_ROLE_STATUS);
		ui_content(u, u->rows - 2, 0, u->cols, u->st.message,
			   strlen(u->st.message), 0);
	}
	if (u->prompt.active)
		ui_prompt_draw(u);
	else if (u->menu.active)
		ui_menu_draw(u);
	else
		ui_status_line(u, hint(u));
	if (!u->prompt.active)
		term_cursor(0, 0, 0);
}

static int in_rect(const struct rect *r, int y, int x)
{
	return y >= r->y && y < r->y + r->h && x >= r->x && x < r->x + r->w;
}

/* Optional (config 'mouse: true'): the wheel scrolls, a click on a list
 * row selects it. */
static int mouse(struct ui *u)
{
	int y, x, wheel, click, p;

	if (term_mouse(&y, &x, &wheel, &click) != 0 || u->prompt.active ||
	    u->menu.active)
		return RE_NONE;
	for (p = 0; p < PANE_COUNT; p++) {
		if (!u->pane_visible[p] || !in_rect(&u->panes[p], y, x))
			continue;
		if (wheel)
			return ui_dispatch(u, wheel < 0 ? ND_ACT_UP
						       : ND_ACT_DOWN, NULL);
		if (click && p == PANE_LIST && y > u->panes[p].y) {
			nd_view_goto(&u->st.view, u->st.view.top +
				     (size_t)(y - u->panes[p].y - 1),
				     (size_t)ui_list_height(u));
			return RE_RESELECT;
		}
		return RE_NONE;
	}
	return RE_NONE;
}

/* Esc stops what runs before it means anything to a mode. */
static int stop_work(struct ui *u)
{
	if (ui_bulk_running(u)) {
		ui_bulk_stop(u);
		return 1;
	}
	if (ui_layout_job_running(u) && !u->doc_valid) {
		/* a doc left invalid would be laid out again at once: leave
		 * the pane that wants it */
		ui_layout_job_cancel(u);
		if (u->st.level == ND_LEVEL_ARTICLE) {
			u->st.level = ND_LEVEL_INDEX;
			ui_message(u, 0, "layout cancelled: back to the index");
		} else {
			u->no_preview = 1;
			ui_message(u, 0, "layout cancelled: the preview is "
				   "hidden (z shows it)");
		}
		return 1;
	}
	if (u->job != NULL && !u->job_cancelled) {
		nd_job_cancel(u->job);
		u->job_cancelled = 1;
		ui_message(u, 0, "cancelled");
		return 1;
	}
	return 0;
}

static int handle_key(struct ui *u, int key)
{
	enum nd_action a;
	char name[16];

	if (key == ND_KEY_RESIZE) {
		u->doc_valid = 0;
		ui_layout(u);
		ui_log(u, "resize %dx%d", u->cols, u->rows);
		return RE_RELAYOUT;
	}
	if (key == ND_KEY_MOUSE)
		return mouse(u);
	if (u->prompt.active)
		return ui_prompt_key(u, key);
	if (u->menu.active)
		return ui_menu_key(u, key);
	u->st.message[0] = '\0';
	if (key == ND_KEY_ESC && stop_work(u))
		return RE_NONE;
	a = nd_keymap_lookup(&u->cfg.keys, key);
	ui_log(u, "key %d -> %s", key, nd_action_info(a)->name);
	if (a == ND_ACT_NONE) {
		ui_message(u, 1, "key '%s' is not bound (? for help)",
			   nd_key_name(key, name, sizeof(name)));
		return RE_NONE;
	}
	return ui_dispatch(u, a, NULL);
}

static void react(struct ui *u, int re)
{
	if (re & RE_DOC)
		u->doc_valid = 0;
	if (re & (RE_RELAYOUT | RE_RESELECT))
		ui_layout(u);
	if (re & RE_RESELECT)
		ui_select_changed(u);
	if (re & RE_REPAINT)
		term_repaint();
}

/* Waits for the terminal, the job or a watched fd; runs what is ready
 * besides the terminal. -1 when the wait failed for good. */
static int wait_input(struct ui *u)
{
	struct pollfd fds[2 + 16];
	size_t n = 0, i, first_watch;
	int timeout = -1;

	fds[n].fd = STDIN_FILENO;
	fds[n++].events = POLLIN;
	if (u->job != NULL) {
		fds[n].fd = nd_job_fd(u->job);
		fds[n++].events = POLLIN;
		timeout = PROGRESS_MS;
	}
	first_watch = n;
	for (i = 0; i < u->nwatches && n < sizeof(fds) / sizeof(fds[0]); i++) {
		fds[n].fd = u->watches[i].fd;
		fds[n++].events = POLLIN;
	}
	if (ui_bulk_running(u))
		timeout = 0; /* only look for keys between two slices */
	if (poll(fds, (nfds_t)n, timeout) < 0 && errno != EINTR)
		return -1;
	/* The terminal is gone (the SSH link dropped): a hang-up, whose
	 * signal may still be on its way; never a quit with 0, nor a
	 * loop polling a dead descriptor. */
	if (fds[0].revents & (POLLHUP | POLLERR | POLLNVAL)) {
		term_hangup();
		return -1;
	}
	if (u->job != NULL)
		ui_job_tick(u);
	for (i = first_watch; i < n; i++) {
		if (fds[i].revents & (POLLIN | POLLHUP))
			u->watches[i - first_watch].cb(
				u, fds[i].fd, u->watches[i - first_watch].ctx);
	}
	return 0;
}

static void loop(struct ui *u)
{
	int key, re;

	for (;;) {
		if (ui_bulk_running(u))
			react(u, ui_bulk_step(u));
		draw(u);
		term_refresh();
		if (u->cfg.hyperlinks && ui_reader_open(u) && !u->help_on)
			ui_reader_hyperlinks(u);
		if (wait_input(u) != 0 || term_caught_signal())
			return;
		while ((key = term_read_key()) != ND_KEY_TIMEOUT) {
			if (key == ND_KEY_EOF)
				return;
			re = handle_key(u, key);
			if (re & RE_QUIT)
				return;
			react(u, re);
		}
	}
}

int nd_desk_run(const struct nd_desk_options *opt)
{
	struct ui u;
	int r, sig;

	r = ui_setup(&u, opt);
	if (r == 0)
		r = term_start(&u);
	if (r == 0) {
		ui_layout(&u);
		ui_select_changed(&u);
		loop(&u);
		ui_bulk_stop(&u);
		term_stop();
		sig = term_caught_signal();
		if (sig)
			ui_log(&u, "signal %d: the terminal is restored", sig);
	}
	ui_cleanup(&u);
	sig = term_caught_signal();
	if (sig)
		return 128 + sig;
	return r == 0 ? 0 : 1;
}
