/*
 * keys: named actions, key names, and the table that binds one to the
 * other.
 *
 * Every key the desk reacts to goes through one table of named actions
 * (down, search, limit, ...) with a line of help text each; the help
 * screen is generated from it and the config file rebinds by name. Keys
 * are plain ints with no curses in them: a Unicode code point for a
 * printable key, 1..26 for Ctrl-A..Ctrl-Z, ND_KEY_* for the rest.
 * Names: "j", "G", "C-d", "Up", "Down", "Left", "Right", "PgUp", "PgDn",
 * "Home", "End", "Enter", "Tab", "S-Tab", "Esc", "Backspace", "Space",
 * "F1".."F12".
 */
#ifndef NEWSDESK_KEYS_H
#define NEWSDESK_KEYS_H

#include <stddef.h>

enum {
	ND_KEY_BASE = 0x110000,
	ND_KEY_UP,
	ND_KEY_DOWN,
	ND_KEY_LEFT,
	ND_KEY_RIGHT,
	ND_KEY_PGUP,
	ND_KEY_PGDN,
	ND_KEY_HOME,
	ND_KEY_END,
	ND_KEY_ENTER,
	ND_KEY_TAB,
	ND_KEY_BTAB,
	ND_KEY_ESC,
	ND_KEY_BACKSPACE,
	ND_KEY_DELETE,
	ND_KEY_RESIZE,
	ND_KEY_MOUSE,
	ND_KEY_TIMEOUT, /* no key within the wait (a fetch is running) */
	ND_KEY_EOF,	/* the terminal went away */
	ND_KEY_F0, /* F1 is ND_KEY_F0 + 1 */
	ND_KEY_LAST = ND_KEY_F0 + 13,
};

#define ND_KEY_CTRL(c) ((c) & 0x1f)

enum nd_action {
	ND_ACT_NONE,
	ND_ACT_QUIT,
	ND_ACT_DOWN,
	ND_ACT_UP,
	ND_ACT_PAGE_DOWN,
	ND_ACT_PAGE_UP,
	ND_ACT_HALF_DOWN,
	ND_ACT_HALF_UP,
	ND_ACT_TOP,
	ND_ACT_BOTTOM,
	ND_ACT_FOCUS_NEXT,
	ND_ACT_FOCUS_PREV,
	ND_ACT_OPEN,
	ND_ACT_BACK,
	ND_ACT_SEARCH,
	ND_ACT_SEARCH_NEXT,
	ND_ACT_SEARCH_PREV,
	ND_ACT_LIMIT,
	ND_ACT_SORT,
	ND_ACT_REVERSE,
	ND_ACT_RELOAD,
	ND_ACT_LAYOUT,
	ND_ACT_ZOOM,
	ND_ACT_HELP,
	ND_ACT_REDRAW,
	ND_ACT_PUBLISH,
	ND_ACT_UNPUBLISH,
	ND_ACT_QUALITY_UP,
	ND_ACT_QUALITY_DOWN,
	ND_ACT_QUALITY_SET,
	ND_ACT_TOPIC_ADD,
	ND_ACT_TOPIC_REMOVE,
	ND_ACT_REJECT,
	ND_ACT_TAG,
	ND_ACT_TAG_QUERY,
	ND_ACT_TAG_PREFIX,
	ND_ACT_UNDO,
	ND_ACT_REDO,
	ND_ACT_TRIAGE,
	ND_ACT_READ,
	ND_ACT_BROWSER,
	ND_ACT_COPY,
	ND_ACT_FOLLOW,
	ND_ACT_SOURCE,
	ND_ACT_CHECK_LINKS,
	ND_ACT_COMMAND,
	ND_ACT_THEME,
	ND_ACT_SET,
	ND_ACT_COUNT
};

/* Flags of an action, on the table rather than implied by enum order. */
enum {
	/* A decision written to the file: what ';' (apply to every
	 * tagged article) waits for. Any other action cancels a ';'. */
	ND_ACTF_DECISION = 1 << 0,
};

struct nd_action_info {
	const char *name; /* as written in the config file and after ':' */
	const char *help; /* one line for the help screen */
	const char *args; /* what it takes after ':' ("QUERY"), or NULL */
};

const struct nd_action_info *nd_action_info(enum nd_action a);
/* The action's ND_ACTF_* flags. */
unsigned nd_action_flags(enum nd_action a);
/* Action by config name, or ND_ACT_NONE. */
enum nd_action nd_action_by_name(const char *name);

/* 0 and *key, or -1 for a name we do not know. */
int nd_key_parse(const char *name, int *key);
/* Writes the key's name ("C-d", "PgDn", "j") into out. */
const char *nd_key_name(int key, char *out, size_t cap);

struct nd_binding {
	int key;
	enum nd_action action;
};

struct nd_keymap {
	struct nd_binding *items;
	size_t count, cap;
};

/* Fills km with the default bindings (vi keys and arrows). */
int nd_keymap_default(struct nd_keymap *km);
void nd_keymap_release(struct nd_keymap *km);
/* Binds key to action, replacing what the key did; ND_ACT_NONE unbinds. */
int nd_keymap_bind(struct nd_keymap *km, int key, enum nd_action action);
enum nd_action nd_keymap_lookup(const struct nd_keymap *km, int key);
/* "j, Down": the keys bound to action, for the help screen. */
void nd_keymap_keys_for(const struct nd_keymap *km, enum nd_action action,
			char *out, size_t cap);

#endif
