#include "newsdesk/present/keys.h"

#include "newsdesk/base/alloc.h"
#include "newsdesk/base/buf.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

static const struct nd_action_info actions[ND_ACT_COUNT] = {
	[ND_ACT_NONE] = { .name = "none", .help = "does nothing (unbinds a key)" },
	[ND_ACT_QUIT] = { .name = "quit", .help = "quit from the index; elsewhere back one "
				  "level" },
	[ND_ACT_DOWN] = { .name = "down", .help = "next line" },
	[ND_ACT_UP] = { .name = "up", .help = "previous line" },
	[ND_ACT_PAGE_DOWN] = { .name = "page-down", .help = "next page" },
	[ND_ACT_PAGE_UP] = { .name = "page-up", .help = "previous page" },
	[ND_ACT_HALF_DOWN] = { .name = "half-down", .help = "half a page down" },
	[ND_ACT_HALF_UP] = { .name = "half-up", .help = "half a page up" },
	[ND_ACT_TOP] = { .name = "top", .help = "first line" },
	[ND_ACT_BOTTOM] = { .name = "bottom", .help = "last line" },
	[ND_ACT_FOCUS_NEXT] = { .name = "focus-next", .help = "in the article: its text or its "
					      "related items" },
	[ND_ACT_FOCUS_PREV] = { .name = "focus-prev", .help = "the same, the other way" },
	[ND_ACT_OPEN] = { .name = "open", .help = "read the article; on a related item, "
				  "jump to it" },
	[ND_ACT_BACK] = { .name = "back", .help = "back one level (the article to the index, "
				  "a jump to where it started)" },
	[ND_ACT_SEARCH] = { .name = "search", .help = "search (moves as you type; a query in "
				      "the index, text elsewhere)", .args = "TEXT" },
	[ND_ACT_SEARCH_NEXT] = { .name = "search-next", .help = "next match" },
	[ND_ACT_SEARCH_PREV] = { .name = "search-prev", .help = "previous match" },
	[ND_ACT_LIMIT] = { .name = "limit", .help = "show only articles matching a query "
				    "(empty: all)", .args = "QUERY" },
	[ND_ACT_SORT] = { .name = "sort", .help = "choose the sort order", .args = "KEY" },
	[ND_ACT_REVERSE] = { .name = "reverse", .help = "reverse the sort order" },
	[ND_ACT_RELOAD] = { .name = "reload", .help = "reload the directory, keeping the "
				      "selection" },
	[ND_ACT_LAYOUT] = { .name = "layout", .help = "cycle the layout: auto, side by side, "
				      "stacked" },
	[ND_ACT_ZOOM] = { .name = "zoom", .help = "hide or show the preview beside the list" },
	[ND_ACT_HELP] = { .name = "help", .help = "this help" },
	[ND_ACT_REDRAW] = { .name = "redraw", .help = "redraw the screen" },
	[ND_ACT_PUBLISH] = { .name = "publish", .help = "publish (published: true)" },
	[ND_ACT_UNPUBLISH] = { .name = "unpublish", .help = "unpublish (published: false)" },
	[ND_ACT_QUALITY_UP] = { .name = "quality-up", .help = "quality + 5" },
	[ND_ACT_QUALITY_DOWN] = { .name = "quality-down", .help = "quality - 5" },
	[ND_ACT_QUALITY_SET] = { .name = "quality-set", .help = "set the quality to a number",
					.args = "N" },
	[ND_ACT_TOPIC_ADD] = { .name = "topic-add", .help = "add a topic", .args = "TOPIC" },
	[ND_ACT_TOPIC_REMOVE] = { .name = "topic-remove", .help = "remove a topic", .args = "TOPIC" },
	[ND_ACT_REJECT] = { .name = "reject", .help = "reject: move the file to .rejected/" },
	[ND_ACT_TAG] = { .name = "tag", .help = "tag or untag the article, then next" },
	[ND_ACT_TAG_QUERY] = { .name = "tag-query", .help = "tag the shown articles matching "
					    "a query (empty: untag all)", .args = "QUERY" },
	[ND_ACT_TAG_PREFIX] = { .name = "tag-prefix", .help = "apply the next decision to "
					      "every tagged article" },
	[ND_ACT_UNDO] = { .name = "undo", .help = "undo the last decision (a bulk one whole)" },
	[ND_ACT_REDO] = { .name = "redo", .help = "redo what was undone" },
	[ND_ACT_TRIAGE] = { .name = "triage", .help = "triage mode: decide and move on "
				      "(again to leave)", .args = "QUERY" },
	[ND_ACT_READ] = { .name = "read", .help = "fetch the original page and read it here "
				  "(Esc cancels)" },
	[ND_ACT_BROWSER] = { .name = "browser", .help = "open the URL in $BROWSER (or the "
					"config's opener)" },
	[ND_ACT_COPY] = { .name = "copy", .help = "copy the URL to the clipboard (OSC 52)" },
	[ND_ACT_FOLLOW] = { .name = "follow", .help = "in the reader: follow link [n]", .args = "N" },
	[ND_ACT_SOURCE] = { .name = "source", .help = "in the reader: the page's source or "
				      "its text" },
	[ND_ACT_CHECK_LINKS] = { .name = "check-links", .help = "check the article's URLs" },
	[ND_ACT_COMMAND] = { .name = "command", .help = "run an action by name: :limit "
					"topic:AI, :sort quality" },
	[ND_ACT_THEME] = { .name = "theme", .help = "switch the theme", .args = "NAME" },
	[ND_ACT_SET] = { .name = "set", .help = "set a field: quality N, published yes|no",
			  .args = "FIELD VALUE" },
};

static const struct nd_binding defaults[] = {
	{ 'q', ND_ACT_QUIT },
	{ 'j', ND_ACT_DOWN },
	{ ND_KEY_DOWN, ND_ACT_DOWN },
	{ 'k', ND_ACT_UP },
	{ ND_KEY_UP, ND_ACT_UP },
	{ ND_KEY_PGDN, ND_ACT_PAGE_DOWN },
	{ ' ', ND_ACT_PAGE_DOWN },
	{ ND_KEY_CTRL('f'), ND_ACT_PAGE_DOWN },
	{ ND_KEY_PGUP, ND_ACT_PAGE_UP },
	{ ND_KEY_CTRL('b'), ND_ACT_PAGE_UP },
	{ ND_KEY_CTRL('d'), ND_ACT_HALF_DOWN },
	{ ND_KEY_CTRL('u'), ND_ACT_HALF_UP },
	{ 'g', ND_ACT_TOP },
	{ ND_KEY_HOME, ND_ACT_TOP },
	{ 'G', ND_ACT_BOTTOM },
	{ ND_KEY_END, ND_ACT_BOTTOM },
	{ ND_KEY_TAB, ND_ACT_FOCUS_NEXT },
	{ ND_KEY_BTAB, ND_ACT_FOCUS_PREV },
	{ ND_KEY_ENTER, ND_ACT_OPEN },
	{ ND_KEY_RIGHT, ND_ACT_OPEN },
	{ ND_KEY_BACKSPACE, ND_ACT_BACK },
	{ ND_KEY_LEFT, ND_ACT_BACK },
	{ 'h', ND_ACT_BACK },
	{ '/', ND_ACT_SEARCH },
	{ 'n', ND_ACT_SEARCH_NEXT },
	{ 'N', ND_ACT_SEARCH_PREV },
	{ 'l', ND_ACT_LIMIT },
	{ 's', ND_ACT_SORT },
	{ 'S', ND_ACT_REVERSE },
	{ 'r', ND_ACT_RELOAD },
	{ 'L', ND_ACT_LAYOUT },
	{ 'z', ND_ACT_ZOOM },
	{ '?', ND_ACT_HELP },
	{ ND_KEY_F0 + 1, ND_ACT_HELP },
	{ ND_KEY_CTRL('l'), ND_ACT_REDRAW },
	{ 'p', ND_ACT_PUBLISH },
	{ 'P', ND_ACT_UNPUBLISH },
	{ '+', ND_ACT_QUALITY_UP },
	{ '-', ND_ACT_QUALITY_DOWN },
	{ '=', ND_ACT_QUALITY_SET },
	{ 'a', ND_ACT_TOPIC_ADD },
	{ 'A', ND_ACT_TOPIC_REMOVE },
	{ 'd', ND_ACT_REJECT },
	{ 't', ND_ACT_TAG },
	{ 'T', ND_ACT_TAG_QUERY },
	{ ';', ND_ACT_TAG_PREFIX },
	{ 'u', ND_ACT_UNDO },
	{ ND_KEY_CTRL('r'), ND_ACT_REDO },
	{ 'i', ND_ACT_TRIAGE },
	{ 'o', ND_ACT_READ },
	{ 'O', ND_ACT_BROWSER },
	{ 'y', ND_ACT_COPY },
	{ 'f', ND_ACT_FOLLOW },
	{ 'v', ND_ACT_SOURCE },
	{ 'c', ND_ACT_CHECK_LINKS },
	{ ':', ND_ACT_COMMAND },
	{ ND_KEY_ESC, ND_ACT_BACK },
};

static const struct {
	const char *name;
	int key;
} named[] = {
	{ "Up", ND_KEY_UP },	     { "Down", ND_KEY_DOWN },
	{ "Left", ND_KEY_LEFT },     { "Right", ND_KEY_RIGHT },
	{ "PgUp", ND_KEY_PGUP },     { "PgDn", ND_KEY_PGDN },
	{ "Home", ND_KEY_HOME },     { "End", ND_KEY_END },
	{ "Enter", ND_KEY_ENTER },   { "Tab", ND_KEY_TAB },
	{ "S-Tab", ND_KEY_BTAB },    { "Esc", ND_KEY_ESC },
	{ "Backspace", ND_KEY_BACKSPACE }, { "Delete", ND_KEY_DELETE },
	{ "Space", ' ' },
};

/* Flags by action; an action not named here has none. */
static const unsigned action_flags[ND_ACT_COUNT] = {
	[ND_ACT_PUBLISH] = ND_ACTF_DECISION,
	[ND_ACT_UNPUBLISH] = ND_ACTF_DECISION,
	[ND_ACT_QUALITY_UP] = ND_ACTF_DECISION,
	[ND_ACT_QUALITY_DOWN] = ND_ACTF_DECISION,
	[ND_ACT_QUALITY_SET] = ND_ACTF_DECISION,
	[ND_ACT_TOPIC_ADD] = ND_ACTF_DECISION,
	[ND_ACT_TOPIC_REMOVE] = ND_ACTF_DECISION,
	[ND_ACT_REJECT] = ND_ACTF_DECISION,
};

unsigned nd_action_flags(enum nd_action a)
{
	return a < ND_ACT_COUNT ? action_flags[a] : 0;
}

const struct nd_action_info *nd_action_info(enum nd_action a)
{
	return a < ND_ACT_COUNT ? &actions[a] : &actions[ND_ACT_NONE];
}

enum nd_action nd_action_by_name(const char *name)
{
	int i;

	for (i = 0; i < ND_ACT_COUNT; i++) {
		if (strcmp(actions[i].name, name) == 0)
			return (enum nd_action)i;
	}
	return ND_ACT_NONE;
}

static int one_char(const char *s, int *key)
{
	const unsigned char *u = (const unsigned char *)s;

	if (u[0] >= 0x21 && u[0] < 0x7F && u[1] == '\0') {
		*key = u[0];
		return 0;
	}
	return -1;
}

int nd_key_parse(const char *name, int *key)
{
	size_t i;
	int n;

	for (i = 0; i < sizeof(named) / sizeof(named[0]); i++) {
		if (strcasecmp(named[i].name, name) == 0) {
			*key = named[i].key;
			return 0;
		}
	}
	if ((name[0] == 'C' || name[0] == 'c') && name[1] == '-' &&
	    ((name[2] >= 'a' && name[2] <= 'z') ||
	     (name[2] >= 'A' && name[2] <= 'Z')) && name[3] == '\0') {
		*key = ND_KEY_CTRL(name[2]);
		return 0;
	}
	if ((name[0] == 'F' || name[0] == 'f') && name[1] >= '1' &&
	    name[1] <= '9') {
		n = (int)strtol(name + 1, NULL, 10);
		if (n >= 1 && n <= 12 && strlen(name) <= 3) {
			*key = ND_KEY_F0 + n;
			return 0;
		}
	}
	return one_char(name, key);
}

const char *nd_key_name(int key, char *out, size_t cap)
{
	size_t i;

	for (i = 0; i < sizeof(named) / sizeof(named[0]); i++) {
		if (named[i].key == key) {
			snprintf(out, cap, "%s", named[i].name);
			return out;
		}
	}
	if (key >= 1 && key <= 26)
		snprintf(out, cap, "C-%c", 'a' + key - 1);
	else if (key > ND_KEY_F0 && key <= ND_KEY_F0 + 12)
		snprintf(out, cap, "F%d", key - ND_KEY_F0);
	else if (key > 0x20 && key < 0x7F)
		snprintf(out, cap, "%c", key);
	else
		snprintf(out, cap, "<%d>", key);
	return out;
}

int nd_keymap_bind(struct nd_keymap *km, int key, enum nd_action action)
{
	size_t i;

	for (i = 0; i < km->count; i++) {
		if (km->items[i].key == key) {
			km->items[i].action = action;
			return 0;
		}
	}
	nd_grow(&km->items, &km->cap, km->count + 1, sizeof(*km->items));
	km->items[km->count].key = key;
	km->items[km->count++].action = action;
	return 0;
}

int nd_keymap_default(struct nd_keymap *km)
{
	size_t i;

	memset(km, 0, sizeof(*km));
	for (i = 0; i < sizeof(defaults) / sizeof(defaults[0]); i++) {
		if (nd_keymap_bind(km, defaults[i].key, defaults[i].action))
			return -1;
	}
	return 0;
}

void nd_keymap_release(struct nd_keymap *km)
{
	free(km->items);
	memset(km, 0, sizeof(*km));
}

enum nd_action nd_keymap_lookup(const struct nd_keymap *km, int key)
{
	size_t i;

	for (i = 0; i < km->count; i++) {
		if (km->items[i].key == key)
			return km->items[i].action;
	}
	return ND_ACT_NONE;
}

void nd_keymap_keys_for(const struct nd_keymap *km, enum nd_action action,
			char *out, size_t cap)
{
	char name[16];
	size_t i, used = 0;
	int n;

	if (cap == 0)
		return;
	out[0] = '\0';
	for (i = 0; i < km->count; i++) {
		if (km->items[i].action != action)
			continue;
		n = snprintf(out + used, cap - used, "%s%s", used ? ", " : "",
			     nd_key_name(km->items[i].key, name, sizeof(name)));
		if (n < 0 || (size_t)n >= cap - used)
			break;
		used += (size_t)n;
	}
}
