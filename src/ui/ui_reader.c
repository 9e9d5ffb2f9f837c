/* Fetching pages in the background, the reader view (a pager over the
 * page's text with numbered links, search, history and the raw source),
 * opening in a browser and copying to the clipboard. */
#include "ui.h"

#include "newsdesk/base/alloc.h"
#include "newsdesk/base/sanitize.h"
#include "newsdesk/base/utf8.h"
#include "newsdesk/net/cache.h"
#include "newsdesk/net/job.h"
#include "newsdesk/net/opener.h"

#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

struct ui_reader {
	struct nd_page *pages; /* history: the last one is shown */
	char **titles;
	size_t depth, cap, titles_cap;
	struct nd_doc doc;
	int width, valid, raw;
	size_t top;
	char *search;
};

int ui_reader_open(const struct ui *u)
{
	return u->reader != NULL && u->reader->depth > 0;
}

static struct nd_page *current(const struct ui *u)
{
	return &u->reader->pages[u->reader->depth - 1];
}

static void pop(struct ui *u)
{
	struct ui_reader *r = u->reader;

	r->depth--;
	nd_page_release(&r->pages[r->depth]);
	free(r->titles[r->depth]);
	r->valid = 0;
	r->top = 0;
	r->raw = 0;
}

void ui_reader_release(struct ui *u)
{
	struct nd_page p;

	free(u->check_next);
	u->check_next = NULL;
	if (u->job != NULL) {
		nd_job_cancel(u->job);
		nd_job_finish(u->job, &p);
		nd_page_release(&p);
		u->job = NULL;
	}
	if (u->reader == NULL)
		return;
	while (u->reader->depth > 0)
		pop(u);
	nd_doc_release(&u->reader->doc);
	free(u->reader->pages);
	free(u->reader->titles);
	free(u->reader->search);
	free(u->reader);
	u->reader = NULL;
}

static void push(struct ui *u, struct nd_page *p)
{
	struct ui_reader *r = u->reader;

	if (r == NULL)
		r = u->reader = nd_xcalloc(1, sizeof(*r));
	nd_grow(&r->pages, &r->cap, r->depth + 1, sizeof(*r->pages));
	nd_grow(&r->titles, &r->titles_cap, r->depth + 1, sizeof(*r->titles));
	r->pages[r->depth] = *p;
	r->titles[r->depth] = NULL;
	r->depth++;
	r->valid = 0;
	r->top = 0;
	r->raw = 0;
}

/* The URL as shown and logged: no password, nothing invisible (the
 * caller frees it). */
static char *shown(const char *url)
{
	struct nd_buf b = ND_BUF_INIT;

	nd_opener_display(&b, url);
	return nd_buf_detach(&b, NULL);
}

static void page_options(const struct ui *u, struct nd_page_opts *o,
			 char **cache)
{
	memset(o, 0, sizeof(*o));
	o->offline = u->offline;
	o->cache_dir = *cache = nd_cache_dir();
	o->fetch.timeout_ms = u->cfg.fetch_timeout_ms;
	o->fetch.connect_timeout_ms = u->cfg.connect_timeout_ms;
	o->fetch.private_redirects = u->cfg.private_redirects;
}

static void start(struct ui *u, const char *url, int check)
{
	struct nd_page_opts o;
	char *cache, *show;

	if (u->job != NULL) {
		ui_message(u, 1, "a fetch is already running (Esc cancels)");
		return;
	}
	page_options(u, &o, &cache);
	u->job = nd_job_start(url, &o, check);
	free(cache);
	u->job_check = check;
	u->job_cancelled = 0;
	if (u->job == NULL) {
		ui_message(u, 1, "cannot start a fetch");
		return;
	}
	show = shown(url);
	ui_log(u, "%s %s", check ? "check" : "fetch", show);
	free(show);
}

/* The URL the desk points at: the related item's, or the article's
 * originalUrl (else webUrl); in the reader, the page's. */
static char *target_url(const struct ui *u)
{
	const struct nd_related *r;
	struct nd_text t;

	if (ui_reader_open(u))
		return nd_xstrdup(current(u)->url ? current(u)->url : "");
	if (u->art == NULL)
		return NULL;
	if ((u->focus == PANE_RELATED || u->showing_related >= 0) &&
	    u->art->nrelated > 0) {
		r = &u->art->related[u->showing_related >= 0
					     ? (size_t)u->showing_related
					     : u->rel_cursor];
		t = r->web_url;
	} else {
		t = u->art->original_url.s ? u->art->original_url
					   : u->art->web_url;
	}
	return t.s != NULL ? nd_xmemdup(t.s, t.len) : NULL;
}

void ui_job_status(struct ui *u)
{
	char line[400], *show = shown(nd_job_url(u->job));
	size_t bytes;
	double secs;

	nd_job_progress(u->job, &bytes, &secs);
	snprintf(line, sizeof(line), "%s %s  %zu KB  %.1f s  (Esc cancels)",
		 u->job_check ? "checking" : "fetching", show, bytes / 1024,
		 secs);
	free(show);
	ui_fill(LINES - 1, 0, COLS, ND_ROLE_STATUS, u);
	ui_content(u, LINES - 1, 0, COLS, line, strlen(line), 0);
}

/* Results of both URLs of an article pile up in one line. */
static void check_done(struct ui *u)
{
	size_t n = u->check_id == u->art_id && u->check_next == NULL
			   ? strlen(u->check_result) : 0;
	char *show = shown(nd_job_url(u->job));

	if (u->check_id != u->art_id)
		u->check_result[0] = '\0', n = 0;
	snprintf(u->check_result + n, sizeof(u->check_result) - n, "%s%s: %s",
		 n ? "; " : "", show, nd_job_summary(u->job));
	free(show);
	u->check_id = u->art_id;
	u->doc_valid = 0;
}

void ui_job_tick(struct ui *u)
{
	struct nd_page p;
	int rc, check = u->job_check;

	if (!nd_job_done(u->job))
		return;
	if (check)
		check_done(u);
	rc = nd_job_finish(u->job, &p);
	u->job = NULL;
	if (u->job_cancelled) {
		nd_page_release(&p);
		return;
	}
	if (check && u->check_next != NULL) {
		char *next = u->check_next;

		u->check_next = NULL;
		start(u, next, 1);
		free(next);
		return;
	}
	if (check) {
		ui_message(u, strstr(u->check_result, " OK") == NULL ||
				      rc != 0, "links: %s", u->check_result);
		return;
	}
	if (rc != 0) {
		ui_message(u, 1, "%s", p.err.message);
		nd_page_release(&p);
		return;
	}
	if (p.note[0])
		ui_message(u, 0, "%s", p.note);
	else
		u->message[0] = '\0';
	push(u, &p);
}

/* The message names the URL that went: what the browser shows may
 * differ, and the user should see which page the desk opened. */
static void open_in_browser(struct ui *u)
{
	struct nd_err err;
	char *url = target_url(u), *show;

	if (url == NULL) {
		ui_message(u, 1, "no URL here");
		return;
	}
	show = shown(url);
	ui_log(u, "browser %s", show);
	if (nd_opener_is_terminal(u->cfg.opener)) {
		/* w3m and friends take the terminal until they quit. */
		def_prog_mode();
		endwin();
		if (nd_opener_open_wait(url, u->cfg.opener, &err))
			ui_message(u, 1, "%s", err.message);
		else
			ui_message(u, 0, "back from the browser: %s", show);
		reset_prog_mode();
		clearok(curscr, TRUE);
		refresh();
	} else if (nd_opener_open(url, u->cfg.opener, &err) != 0) {
		ui_message(u, 1, "%s", err.message);
	} else {
		ui_message(u, 0, "opened in the browser: %s", show);
	}
	free(show);
	free(url);
}

/* OSC 52 goes straight to the terminal, after curses has drawn. */
static void copy(struct ui *u)
{
	struct nd_buf b = ND_BUF_INIT;
	struct nd_err why;
	char *url = target_url(u);

	if (url == NULL || nd_fetch_url_check(url, &why) != 0) {
		ui_message(u, 1, "nothing to copy%s%s", url ? ": " : "",
			   url ? why.message : "");
		free(url);
		return;
	}
	nd_opener_osc52(&b, url, strlen(url));
	refresh();
	(void)!write(STDOUT_FILENO, b.data, b.len);
	ui_message(u, 0, "copied the URL to the clipboard (OSC 52)");
	nd_buf_release(&b);
	free(url);
}

int ui_fetch_action(struct ui *u, enum nd_action a)
{
	char *url;

	switch (a) {
	case ND_ACT_CHECK_LINKS:
		url = target_url(u);
		free(u->check_next);
		u->check_next = NULL;
		/* An article has two URLs; check both when they differ. */
		if (url != NULL && u->focus != PANE_RELATED && u->art &&
		    u->showing_related < 0 && u->art->web_url.s != NULL &&
		    (u->art->web_url.len != strlen(url) ||
		     memcmp(u->art->web_url.s, url, u->art->web_url.len) != 0))
			u->check_next = nd_xmemdup(u->art->web_url.s,
						u->art->web_url.len);
		u->check_result[0] = '\0';
		u->check_id = -1;
		if (url == NULL)
			ui_message(u, 1, "this article has no URL");
		else
			start(u, url, 1);
		free(url);
		return 1;
	case ND_ACT_READ:
		url = target_url(u);
		if (url == NULL)
			ui_message(u, 1, "this article has no URL");
		else
			start(u, url, a == ND_ACT_CHECK_LINKS);
		free(url);
		return 1;
	case ND_ACT_BROWSER:
		open_in_browser(u);
		return 1;
	case ND_ACT_COPY:
		copy(u);
		return 1;
	default:
		return 0;
	}
}

static void build(struct ui *u, int width)
{
	struct ui_reader *r = u->reader;
	struct nd_page *p = current(u);
	char *title = NULL;
	const char *s, *nl;
	size_t len;

	nd_doc_release(&r->doc);
	nd_doc_init(&r->doc, (size_t)(width > 2 ? width - 1 : 1),
		    u->ascii ? ND_SAN_ASCII : 0);
	if (r->raw) {
		s = p->raw.data;
		for (len = p->raw.len; len > 0;) {
			nl = memchr(s, '\n', len);
			nd_doc_line(&r->doc, 0, ND_ROLE_MD_CODE, s,
				    nl ? (size_t)(nl - s) : len);
			if (nl == NULL)
				break;
			len -= (size_t)(nl - s) + 1;
			s = nl + 1;
		}
	} else {
		nd_page_render(p, &r->doc, &title);
		free(r->titles[r->depth - 1]);
		r->titles[r->depth - 1] = title;
	}
	r->width = width;
	r->valid = 1;
}

static size_t height(void)
{
	return LINES > 2 ? (size_t)LINES - 2 : 0;
}

void ui_reader_draw(struct ui *u)
{
	struct ui_reader *r = u->reader;
	struct rect body = { 1, 0, LINES - 2, COLS };
	const char *title;
	char head[512], *show = shown(current(u)->url ? current(u)->url : "");

	if (!r->valid || r->width != COLS)
		build(u, COLS);
	if (r->top + height() > r->doc.count)
		r->top = r->doc.count > height() ? r->doc.count - height() : 0;
	title = r->titles[r->depth - 1];
	snprintf(head, sizeof(head), " %s%s  %zu-%zu/%zu  %zu links%s",
		 r->raw ? "[source] " : "", title && title[0] ? title
		 : show, r->doc.count ? r->top + 1 : 0,
		 r->top + height() < r->doc.count ? r->top + height()
		 : r->doc.count, r->doc.count, r->doc.nlinks,
		 r->depth > 1 ? "  h back" : "");
	free(show);
	ui_fill(0, 0, COLS, ND_ROLE_HEADER, u);
	ui_content(u, 0, 0, COLS, head, strlen(head), 0);
	if (body.h > 0)
		ui_doc_lines(u, &r->doc, r->top, body);
}

static void search(struct ui *u, int again, int dir)
{
	struct ui_reader *r = u->reader;
	struct nd_buf fold = ND_BUF_INIT;
	size_t i, n = r->doc.count;
	char *text;

	if (!again) {
		text = ui_prompt(u, "Search page: ", r->search, NULL, NULL);
		if (text == NULL)
			return;
		free(r->search);
		r->search = text;
	}
	if (r->search == NULL || r->search[0] == '\0' || n == 0)
		return;
	nd_casefold(&fold, r->search, strlen(r->search));
	for (i = 1; i <= n; i++) {
		size_t line = (r->top + (dir > 0 ? i : n - i)) % n;

		if (nd_fold_contains(r->doc.lines[line].text,
				     r->doc.lines[line].len, fold.data,
				     fold.len)) {
			r->top = line;
			nd_buf_release(&fold);
			return;
		}
	}
	ui_message(u, 1, "not found: %s", r->search);
	nd_buf_release(&fold);
}

static void follow(struct ui *u)
{
	struct ui_reader *r = u->reader;
	char *text = ui_prompt(u, "Follow link number: ", "", NULL, NULL);
	long n;

	if (text == NULL)
		return;
	n = strtol(text, NULL, 10);
	free(text);
	if (n < 1 || (size_t)n > r->doc.nlinks) {
		ui_message(u, 1, "no link [%ld] on this page", n);
		return;
	}
	start(u, r->doc.links[n - 1], 0);
}

int ui_reader_key(struct ui *u, enum nd_action a)
{
	struct ui_reader *r = u->reader;
	size_t h = height(), page = h > 1 ? h - 1 : 1;

	switch (a) {
	case ND_ACT_QUIT:
		while (r->depth > 0)
			pop(u);
		break;
	case ND_ACT_BACK:
		if (r->depth > 1)
			pop(u);
		else
			ui_message(u, 0, "the first page: q closes");
		break;
	case ND_ACT_DOWN:
		r->top++;
		break;
	case ND_ACT_UP:
		r->top = r->top ? r->top - 1 : 0;
		break;
	case ND_ACT_PAGE_DOWN:
	case ND_ACT_HALF_DOWN:
		r->top += a == ND_ACT_PAGE_DOWN ? page : page / 2 + 1;
		break;
	case ND_ACT_PAGE_UP:
	case ND_ACT_HALF_UP:
		r->top = r->top > page ? r->top - page : 0;
		break;
	case ND_ACT_TOP:
		r->top = 0;
		break;
	case ND_ACT_BOTTOM:
		r->top = r->doc.count;
		break;
	case ND_ACT_SEARCH:
	case ND_ACT_SEARCH_NEXT:
	case ND_ACT_SEARCH_PREV:
		search(u, a != ND_ACT_SEARCH, a == ND_ACT_SEARCH_PREV ? -1 : 1);
		break;
	case ND_ACT_FOLLOW:
	case ND_ACT_OPEN:
		follow(u);
		break;
	case ND_ACT_SOURCE:
		r->raw = !r->raw;
		r->valid = 0;
		r->top = 0;
		break;
	case ND_ACT_BROWSER:
	case ND_ACT_COPY:
		ui_fetch_action(u, a);
		break;
	default:
		return 0;
	}
	return 1;
}

/* Terminals that know OSC 8 make "[n] URL" lines clickable. curses cannot
 * hold such sequences in its cells, so the same text is written again,
 * wrapped in OSC 8, at the same place; the URL has passed nd_fetch_url_check
 * (no control character can close the sequence early). */
void ui_reader_hyperlinks(struct ui *u)
{
	struct ui_reader *r = u->reader;
	struct nd_buf b = ND_BUF_INIT;
	struct nd_err why;
	char num[24];
	size_t i, k, h = height();

	for (i = 0; i < h && r->top + i < r->doc.count; i++) {
		const struct nd_line *l = &r->doc.lines[r->top + i];

		for (k = 0; k < r->doc.nlinks; k++) {
			size_t nl = (size_t)snprintf(num, sizeof(num), "[%zu] ",
						     k + 1);
			const char *url = r->doc.links[k];

			if (l->len != nl + strlen(url) ||
			    memcmp(l->text, num, nl) != 0 ||
			    memcmp(l->text + nl, url, strlen(url)) != 0 ||
			    nd_fetch_url_check(url, &why) != 0)
				continue;
			nd_buf_addf(&b, "\x1b" "7\x1b[%zu;1H\x1b]8;;%s\x1b\\%s"
				    "\x1b]8;;\x1b\\\x1b" "8", i + 2, url, l->text);
		}
	}
	if (b.len)
		(void)!write(STDOUT_FILENO, b.data, b.len);
	nd_buf_release(&b);
}
