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
	struct nd_scroller scroll;
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
	r->scroll.top = 0;
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
	r->scroll.top = 0;
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
					     : u->related.cursor];
		t = r->web_url;
	} else {
		t = u->art->original_url.s ? u->art->original_url
					   : u->art->web_url;
	}
	return t.s != NULL ? nd_xmemdup(t.s, t.len) : NULL;
}

void ui_job_status(struct ui *u, char *line, size_t cap)
{
	char *show = shown(nd_job_url(u->job));
	size_t bytes;
	double secs;

	nd_job_progress(u->job, &bytes, &secs);
	snprintf(line, cap, "%s %s  %zu KB  %.1f s  (Esc cancels)",
		 u->job_check ? "checking" : "fetching", show, bytes / 1024,
		 secs);
	free(show);
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
		u->st.message[0] = '\0';
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
		term_suspend();
		if (nd_opener_open_wait(url, u->cfg.opener, &err))
			ui_message(u, 1, "%s", err.message);
		else
			ui_message(u, 0, "back from the browser: %s", show);
		term_resume();
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
	term_refresh();
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

static void sync_scroll(struct ui *u)
{
	struct nd_scroller *s = &u->reader->scroll;

	s->list = 0;
	s->count = u->reader->doc.count;
	s->height = u->rows > 2 ? (size_t)u->rows - 2 : 0;
	nd_scroller_clamp(s);
}

void ui_reader_draw(struct ui *u)
{
	struct ui_reader *r = u->reader;
	struct rect body = { 1, 0, u->rows - 2, u->cols };
	const struct nd_scroller *s = &r->scroll;
	const char *title;
	char head[512], *show = shown(current(u)->url ? current(u)->url : "");
	size_t last;

	if (!r->valid || r->width != u->cols)
		build(u, u->cols);
	sync_scroll(u);
	last = s->top + s->height;
	title = r->titles[r->depth - 1];
	snprintf(head, sizeof(head), " %s%s  %zu-%zu/%zu  %zu links%s",
		 r->raw ? "[source] " : "", title && title[0] ? title : show,
		 r->doc.count ? s->top + 1 : 0,
		 last < r->doc.count ? last : r->doc.count, r->doc.count,
		 r->doc.nlinks, r->depth > 1 ? "  h back" : "");
	free(show);
	term_fill(0, 0, u->cols, ND_ROLE_HEADER);
	ui_content(u, 0, 0, u->cols, head, strlen(head), 0);
	if (body.h > 0)
		ui_doc_lines(u, &r->doc, s->top, body, u->find_text);
}

static void search_done(struct ui *u, const char *text)
{
	if (text == NULL || text[0] == '\0')
		return;
	free(u->find_text);
	u->find_text = nd_xstrdup(text);
	sync_scroll(u);
	ui_doc_search(u, &u->reader->doc, &u->reader->scroll, text, 1, 0, &u->find_at);
}

static void search(struct ui *u, enum nd_action a)
{
	if (a == ND_ACT_SEARCH) {
		ui_prompt_start(u, "find", "Search page: ", u->find_text,
				COMPLETE_NONE, NULL, search_done);
		return;
	}
	if (u->find_text == NULL) {
		ui_message(u, 1, "no search yet: press / to search");
		return;
	}
	sync_scroll(u);
	ui_doc_search(u, &u->reader->doc, &u->reader->scroll, u->find_text,
		      a == ND_ACT_SEARCH_PREV ? -1 : 1, 1, &u->find_at);
}

static void follow_done(struct ui *u, const char *text)
{
	struct ui_reader *r = u->reader;
	char *end;
	long n;

	if (text == NULL || text[0] == '\0' || !ui_reader_open(u))
		return;
	n = strtol(text, &end, 10);
	if (*end != '\0' || n < 1 || (size_t)n > r->doc.nlinks) {
		ui_message(u, 1, "no link [%s] on this page (1 to %zu)", text,
			   r->doc.nlinks);
		return;
	}
	start(u, r->doc.links[n - 1], 0);
}

static int close_reader(struct ui *u)
{
	while (u->reader->depth > 0)
		pop(u);
	return RE_RELAYOUT | RE_RESELECT;
}

int ui_reader_key(struct ui *u, enum nd_action a)
{
	struct ui_reader *r = u->reader;

	sync_scroll(u);
	if (nd_scroller_act(&r->scroll, a) >= 0)
		return RE_NONE;
	switch (a) {
	case ND_ACT_QUIT:
		return close_reader(u);
	case ND_ACT_BACK:
		if (r->depth > 1)
			pop(u);
		else
			return close_reader(u);
		return RE_NONE;
	case ND_ACT_SEARCH:
	case ND_ACT_SEARCH_NEXT:
	case ND_ACT_SEARCH_PREV:
		search(u, a);
		return RE_NONE;
	case ND_ACT_FOLLOW:
	case ND_ACT_OPEN:
		ui_prompt_start(u, "follow", "Follow link number: ", NULL,
				COMPLETE_NONE, NULL, follow_done);
		return RE_NONE;
	case ND_ACT_SOURCE:
		r->raw = !r->raw;
		r->valid = 0;
		r->scroll.top = 0;
		return RE_NONE;
	case ND_ACT_BROWSER:
	case ND_ACT_COPY:
		ui_fetch_action(u, a);
		return RE_NONE;
	default:
		return RE_UNBOUND;
	}
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
	size_t i, k, h = r->scroll.height, top = r->scroll.top;

	for (i = 0; i < h && top + i < r->doc.count; i++) {
		const struct nd_line *l = &r->doc.lines[top + i];

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
