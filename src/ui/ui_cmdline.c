/* The ':' command line: any named action with its arguments
 * (":limit topic:AI", ":sort quality", ":theme light", ":set quality 80"),
 * and Tab completion for every prompt: action names here, query fields,
 * topics and providers in queries. */
#include "ui.h"

#include "newsdesk/base/alloc.h"

#include <stdlib.h>
#include <string.h>

static const char *const fields[] = {
	"published:", "topic:", "provider:", "category:", "type:",
	"quality>=", "heat>=", "date>=", "after:", "before:", "OR", "NOT",
};

/* ":set quality 80" and ":set published yes" as the decisions they are. */
static int set_field(struct ui *u, const char *arg)
{
	const char *v = arg ? strchr(arg, ' ') : NULL;

	if (v == NULL) {
		ui_message(u, 1, "usage: :set quality N | :set published "
			   "yes|no");
		return RE_NONE;
	}
	while (*v == ' ')
		v++;
	if (strncmp(arg, "quality ", 8) == 0)
		return ui_dispatch(u, ND_ACT_QUALITY_SET, v);
	if (strncmp(arg, "published ", 10) == 0 &&
	    (strcmp(v, "yes") == 0 || strcmp(v, "true") == 0))
		return ui_dispatch(u, ND_ACT_PUBLISH, NULL);
	if (strncmp(arg, "published ", 10) == 0 &&
	    (strcmp(v, "no") == 0 || strcmp(v, "false") == 0))
		return ui_dispatch(u, ND_ACT_UNPUBLISH, NULL);
	ui_message(u, 1, "cannot set '%s': quality N or published yes|no",
		   arg);
	return RE_NONE;
}

static void run(struct ui *u, const char *line)
{
	char *copy, *name, *arg;
	enum nd_action a;

	if (line == NULL || line[0] == '\0')
		return;
	copy = nd_xstrdup(line);
	for (name = copy; *name == ' '; name++)
		;
	arg = strchr(name, ' ');
	if (arg != NULL) {
		*arg++ = '\0';
		while (*arg == ' ')
			arg++;
		if (*arg == '\0')
			arg = NULL;
	}
	a = nd_action_by_name(name);
	if (a == ND_ACT_NONE)
		ui_message(u, 1, "no action '%s' (Tab lists them, ? shows the "
			   "keys)", name);
	else if (a == ND_ACT_SET)
		set_field(u, arg);
	else if (arg != NULL && nd_action_info(a)->args == NULL)
		ui_message(u, 1, "'%s' takes no argument", name);
	else
		ui_dispatch(u, a, arg);
	free(copy);
}

void ui_cmdline_start(struct ui *u)
{
	ui_prompt_start(u, "command", ":", NULL, COMPLETE_ACTION, NULL, run);
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Every distinct topic or provider of the index, sorted (strings owned
 * by the index). */
static const char **values(const struct ui *u, int topics, size_t *n)
{
	const struct nd_index *idx = u->st.idx;
	const char **out = NULL;
	size_t cap = 0, i, k, len;

	*n = 0;
	for (i = 0; i < idx->count; i++) {
		const struct nd_summary *s = &idx->items[i];
		size_t m = topics ? s->ntopics : 1;

		for (k = 0; k < m; k++) {
			uint32_t id = topics ? idx->topics[s->topics_at + k]
					     : s->provider;

			if (id == 0)
				continue;
			nd_grow(&out, &cap, *n + 1, sizeof(*out));
			out[(*n)++] = nd_index_str(idx, id, &len);
		}
	}
	if (*n)
		qsort(out, *n, sizeof(*out), cmp_str);
	for (i = k = 0; i < *n; i++) {
		if (k == 0 || strcmp(out[k - 1], out[i]) != 0)
			out[k++] = out[i];
	}
	*n = k;
	return out;
}

static const char *const sort_keys[] = {
	"date", "quality", "heat", "provider", "title", "path",
};
static const char *const themes[] = {
	"dark", "light", "high-contrast", "mono",
};
static const char *const set_fields[] = { "quality", "published" };

static const char **copy_words(const char *const *from, size_t count,
			       size_t *n)
{
	const char **w = nd_xcalloc(count, sizeof(*w));

	memcpy(w, from, count * sizeof(*w));
	*n = count;
	return w;
}

#define WORDS(a, n) copy_words(a, sizeof(a) / sizeof((a)[0]), n)

static const char **query_words(struct ui *u, size_t *n);

/* After ":name ": what the action takes. */
static const char **argument_words(struct ui *u, size_t *n)
{
	const char *line = u->prompt.ed.text.data, *sp = strchr(line, ' ');
	char name[32];
	enum nd_action a;

	snprintf(name, sizeof(name), "%.*s", (int)(sp - line), line);
	a = nd_action_by_name(name);
	if (a == ND_ACT_SORT)
		return WORDS(sort_keys, n);
	if (a == ND_ACT_THEME)
		return WORDS(themes, n);
	if (a == ND_ACT_SET)
		return WORDS(set_fields, n);
	if (a == ND_ACT_TOPIC_ADD || a == ND_ACT_TOPIC_REMOVE)
		return values(u, 1, n);
	if (nd_action_info(a)->args != NULL)
		return query_words(u, n);
	return NULL;
}

static const char **action_words(struct ui *u, size_t *n)
{
	const char **w;
	size_t i;

	if (strchr(u->prompt.ed.text.data, ' ') != NULL &&
	    (size_t)(strchr(u->prompt.ed.text.data, ' ') -
		     u->prompt.ed.text.data) < u->prompt.ed.cursor)
		return argument_words(u, n);
	w = nd_xcalloc(ND_ACT_COUNT, sizeof(*w));
	for (i = 1; i < ND_ACT_COUNT; i++)
		w[(*n)++] = nd_action_info((enum nd_action)i)->name;
	return w;
}

/* Field names, or the values of the field before the ':'. */
static const char **query_words(struct ui *u, size_t *n)
{
	const struct nd_lineedit *e = &u->prompt.ed;
	size_t start = nd_lineedit_word_start(e);

	if (start >= 6 && strncmp(e->text.data + start - 6, "topic:", 6) == 0)
		return values(u, 1, n);
	if (start >= 9 && strncmp(e->text.data + start - 9, "provider:", 9) == 0)
		return values(u, 0, n);
	return WORDS(fields, n);
}

/* What the word before the cursor can become, for this prompt. */
static const char **words_for(struct ui *u, size_t *n)
{
	*n = 0;
	switch (u->prompt.complete) {
	case COMPLETE_ACTION:
		return action_words(u, n);
	case COMPLETE_TOPIC:
		return values(u, 1, n);
	case COMPLETE_QUERY:
		return query_words(u, n);
	default:
		return NULL;
	}
}

/* Lists the candidates when Tab cannot choose (the first few). */
static void say_choices(struct ui *u, const char *const *w, size_t n)
{
	const struct nd_lineedit *e = &u->prompt.ed;
	size_t start = nd_lineedit_word_start(e), len = e->cursor - start, i;
	char line[200] = "";
	size_t used = 0;

	for (i = 0; i < n && used + 2 < sizeof(line); i++) {
		if (strncmp(w[i], e->text.data + start, len) != 0)
			continue;
		used += (size_t)snprintf(line + used, sizeof(line) - used,
					 "%s ", w[i]);
	}
	ui_message(u, 0, "%s", line);
}

size_t ui_complete(struct ui *u)
{
	size_t n, matched;
	const char **w = words_for(u, &n);

	if (w == NULL)
		return 0;
	matched = nd_lineedit_complete(&u->prompt.ed, w, n);
	if (matched > 1)
		say_choices(u, w, n);
	else if (matched == 0)
		ui_message(u, 1, "nothing to complete");
	free(w);
	return matched;
}
