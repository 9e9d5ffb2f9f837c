/*
 * xdg: where newsdesk keeps its files, after the XDG Base Directory spec.
 *
 * The one place that reads XDG_CONFIG_HOME, XDG_CACHE_HOME, XDG_STATE_HOME,
 * XDG_DATA_HOME and HOME. A variable that is unset, empty or relative is
 * ignored (the spec says so), and the default below HOME is used:
 * ~/.config, ~/.cache, ~/.local/state, ~/.local/share. Paths are
 * "<base>/newsdesk/<name>" and malloc'd; NULL when neither the variable
 * nor HOME is usable. Nothing is created here.
 */
#ifndef NEWSDESK_BASE_XDG_H
#define NEWSDESK_BASE_XDG_H

enum nd_xdg_kind { ND_XDG_CONFIG, ND_XDG_CACHE, ND_XDG_STATE, ND_XDG_DATA };

/* "<base>/newsdesk/<name>"; name may be "" for the folder itself. */
char *nd_xdg_path(enum nd_xdg_kind kind, const char *name);
/* "~/x" -> "$HOME/x" (and "~" alone); anything else copied as it is. */
char *nd_xdg_expand_home(const char *path);

#endif
