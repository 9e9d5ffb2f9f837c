/*
 * The terminal: the only file of the desk that includes curses. It starts
 * and ends the screen, reads keys (decoding what a slow link split), maps
 * theme roles to attributes and draws clipped text. Everything above it
 * speaks rows, columns, roles and ND_KEY_* codes.
 */
#include "ui.h"

#include "newsdesk/base/alloc.h"
#include "newsdesk/base/utf8.h"

#include <curses.h>
#include <langinfo.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

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

int term_read_key(void)
{
	static int esc_pending;
	const int wait_ms = 0; /* the loop polls; here nothing blocks */
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
			return ND_KEY_TIMEOUT;
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


int term_caught_signal(void)
{
	return (int)caught;
}

void term_hangup(void)
{
	if (!caught)
		caught = SIGHUP;
}

const char *nd_desk_library_version(void)
{
	return curses_version();
}

/* A terminal without cursor addressing (TERM=dumb, a printing terminal)
 * would get a garbled stream of rows rather than a screen. */
static int can_draw(void)
{
	char *cup = tigetstr("cup");

	return cup != NULL && cup != (char *)-1 && !tigetflag("hc");
}

/* Out of memory with curses on the screen: give the terminal back
 * before the message is printed (alloc.h runs this first). */
static void restore_terminal(void)
{
	endwin();
}

static SCREEN *screen;

int term_start(struct ui *u)
{
	const char *term = getenv("TERM"), *cs, *nc = getenv("NO_COLOR");

	screen = newterm(NULL, stdout, stdin);
	if (screen == NULL) {
		fprintf(stderr, "newsdesk: cannot use terminal type '%s'; set "
			"TERM to one your system knows (such as xterm-256color)"
			" or use 'newsdesk list'\n", term ? term : "");
		return -1;
	}
	set_term(screen);
	if (!can_draw()) {
		endwin();
		delscreen(screen);
		screen = NULL;
		fprintf(stderr, "newsdesk: terminal type '%s' cannot move the "
			"cursor, so the desk cannot draw on it; set TERM to "
			"the terminal's type (such as xterm-256color) or use "
			"'newsdesk list'\n", term ? term : "");
		return -1;
	}
	nd_alloc_set_cleanup(restore_terminal);
	/* After ncurses's own: ours replace its handlers for these (its
	 * SIGTSTP handler stays: C-z leaves and restores the screen). */
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
	term_theme_apply(u);
	return 0;
}

void term_stop(void)
{
	if (screen == NULL)
		return;
	nd_alloc_set_cleanup(NULL);
	endwin();
	delscreen(screen);
	screen = NULL;
}

void term_size(int *rows, int *cols)
{
	*rows = LINES;
	*cols = COLS;
}

static attr_t role_attr[ND_ROLE_COUNT];

static attr_t attrs_of(unsigned a)
{
	attr_t r = A_NORMAL;

	if (a & ND_ATTR_BOLD)
		r |= A_BOLD;
	if (a & ND_ATTR_UNDERLINE)
		r |= A_UNDERLINE;
	if (a & ND_ATTR_REVERSE)
		r |= A_REVERSE;
	if (a & ND_ATTR_DIM)
		r |= A_DIM;
#ifdef A_ITALIC
	if (a & ND_ATTR_ITALIC)
		r |= A_ITALIC;
#endif
	return r;
}

void term_theme_apply(const struct ui *u)
{
	int r, default_ok = 0;

	if (u->ncolors >= 8)
		default_ok = use_default_colors() == OK;
	for (r = 0; r < ND_ROLE_COUNT; r++) {
		struct nd_style s = nd_theme_style(&u->theme, r, u->ncolors);

		role_attr[r] = attrs_of(s.attrs);
		if (u->ncolors < 8 || COLOR_PAIRS <= r + 1)
			continue;
		/* Without default colours, "default" is white on black. */
		if (!default_ok && s.fg < 0)
			s.fg = COLOR_WHITE;
		if (!default_ok && s.bg < 0)
			s.bg = COLOR_BLACK;
		init_pair((short)(r + 1), s.fg, s.bg);
		role_attr[r] |= COLOR_PAIR(r + 1);
	}
}

void term_role(enum nd_role r)
{
	attrset(role_attr[r < ND_ROLE_COUNT ? r : 0]);
}

/* A search match: the role in reverse video, as less shows it; no
 * theme role of its own, so every theme marks matches. */
void term_role_marked(enum nd_role r)
{
	attrset(role_attr[r < ND_ROLE_COUNT ? r : 0] ^ A_REVERSE);
}

int term_text(int y, int x, int w, const char *s, size_t len, int pad)
{
	size_t used = 0, fit;

	if (w <= 0)
		return 0;
	fit = nd_text_fit(s, len, (size_t)w, &used);
	if (fit > 0)
		mvaddnstr(y, x, s, (int)fit);
	else
		move(y, x);
	if (pad && (int)used < w)
		hline(' ', w - (int)used);
	return (int)used;
}

void term_fill(int y, int x, int w, enum nd_role r)
{
	if (w <= 0)
		return;
	term_role(r);
	mvhline(y, x, ' ', w);
}

void term_cursor(int y, int x, int visible)
{
	if (visible)
		move(y, x);
	curs_set(visible ? 1 : 0);
}

void term_erase(void)
{
	erase();
}

void term_refresh(void)
{
	refresh();
}

void term_repaint(void)
{
	clearok(curscr, TRUE);
}

void term_suspend(void)
{
	def_prog_mode();
	endwin();
}

void term_resume(void)
{
	reset_prog_mode();
	clearok(curscr, TRUE);
	refresh();
}

int term_mouse(int *y, int *x, int *wheel, int *click)
{
	MEVENT ev;

	if (getmouse(&ev) != OK)
		return -1;
	*y = ev.y;
	*x = ev.x;
	*wheel = ev.bstate & BUTTON4_PRESSED   ? -1
		 : ev.bstate & BUTTON5_PRESSED ? 1
					       : 0;
	*click = (ev.bstate & BUTTON1_CLICKED) != 0;
	return 0;
}
