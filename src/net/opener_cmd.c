/* Making the command from an opener: the words, the shell refusal, the
 * URL's place, the program looked up on $PATH (in the parent, so the list
 * in $BROWSER falls through to the first browser this machine has, and
 * the caller knows which one runs before it runs). */
#include "opener_cmd.h"

#include "newsdesk/base/alloc.h"
#include "newsdesk/base/buf.h"
#include "newsdesk/base/str.h"

#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define BLANKS " \t"

void nd_opener_cmd_release(struct nd_opener_cmd *c)
{
	size_t i;

	for (i = 0; i < c->argc; i++)
		free(c->argv[i]);
	free(c->path);
	memset(c, 0, sizeof(*c));
}

static int split(struct nd_opener_cmd *c, const char *entry,
		 struct nd_err *err)
{
	const char *p = entry + strspn(entry, BLANKS);
	size_t n;

	memset(c, 0, sizeof(*c));
	for (; *p; p += n, p += strspn(p, BLANKS)) {
		n = strcspn(p, BLANKS);
		if (c->argc == ND_OPENER_MAX_WORDS) {
			nd_opener_cmd_release(c);
			return nd_err_set(err, "the opener '%s' has more "
					  "than %d words", entry,
					  ND_OPENER_MAX_WORDS);
		}
		c->argv[c->argc++] = nd_xmemdup(p, n);
	}
	return 0;
}

static int is_shell(const char *path)
{
	static const char *const shells[] = {
		"sh",	"bash", "dash",	 "zsh",	 "ksh", "fish", "ash",	"mksh",
		"pdksh", "oksh", "yash", "posh", "rbash", "csh", "tcsh",
	};
	const char *name = strrchr(path, '/');
	size_t i;

	name = name ? name + 1 : path;
	for (i = 0; i < sizeof(shells) / sizeof(shells[0]); i++) {
		if (strcmp(name, shells[i]) == 0)
			return 1;
	}
	return 0;
}

/* -c, also in a cluster (-ec, -xc), and fish's --command. */
static int runs_code(const char *w)
{
	if (nd_skip_prefix(w, "--command") != NULL)
		return 1;
	return w[0] == '-' && w[1] != '-' && strchr(w + 1, 'c') != NULL;
}

/* A shell with -c runs a string as code, and the URL would be in it or
 * after it. Wherever the shell sits: env sh -c, busybox sh -c, xterm -e
 * sh -c. */
static int shell_with_code(const struct nd_opener_cmd *c)
{
	size_t i, j;

	for (i = 0; i < c->argc; i++) {
		if (!is_shell(c->argv[i]))
			continue;
		for (j = i + 1; j < c->argc; j++) {
			if (runs_code(c->argv[j]))
				return 1;
		}
	}
	return 0;
}

static int runnable(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0 && S_ISREG(st.st_mode) &&
	       access(path, X_OK) == 0;
}

/* What execvp would run: name itself when it holds a '/', else the first
 * runnable file of that name in $PATH (an empty entry is "."). */
static char *find_program(const char *name)
{
	const char *dir = getenv("PATH"), *end;
	struct nd_buf b = ND_BUF_INIT;

	if (strchr(name, '/') != NULL)
		return runnable(name) ? nd_xstrdup(name) : NULL;
	for (dir = dir ? dir : "/bin:/usr/bin";; dir = end + 1) {
		end = dir + strcspn(dir, ":");
		nd_buf_reset(&b);
		if (end == dir)
			nd_buf_addc(&b, '.');
		nd_buf_add(&b, dir, (size_t)(end - dir));
		nd_buf_addc(&b, '/');
		nd_buf_adds(&b, name);
		if (runnable(b.data))
			return nd_buf_detach(&b, NULL);
		if (*end == '\0')
			break;
	}
	nd_buf_release(&b);
	return NULL;
}

/* Appends word with "%s" made url (when *placed is still 0) and "%%" a
 * '%'; -1 at a second "%s". */
static int expand(struct nd_buf *b, const char *w, const char *url,
		  int *placed)
{
	for (; *w; w++) {
		if (w[0] != '%' || (w[1] != 's' && w[1] != '%')) {
			nd_buf_addc(b, *w);
			continue;
		}
		if (*++w == '%') {
			nd_buf_addc(b, '%');
			continue;
		}
		if (*placed)
			return -1;
		nd_buf_adds(b, url);
		*placed = 1;
	}
	return 0;
}

/* The program (argv[0], already looked up) is taken as it is. */
static int place(struct nd_opener_cmd *c, const char *url, const char *entry,
		 struct nd_err *err)
{
	struct nd_buf b = ND_BUF_INIT;
	int placed = 0;
	size_t i;

	for (i = 1; i < c->argc; i++) {
		if (expand(&b, c->argv[i], url, &placed) != 0) {
			nd_buf_release(&b);
			return nd_err_set(err, "the opener '%s' has %%s twice: "
					  "the URL goes once", entry);
		}
		free(c->argv[i]);
		c->argv[i] = nd_buf_detach(&b, NULL);
	}
	if (!placed)
		c->argv[c->argc++] = nd_xstrdup(url);
	return 0;
}

struct search {
	const char *url;
	size_t tried;  /* entries whose program was looked for */
	char *missing; /* the last one not found */
	int is_file;   /* missing names a file that exists (not runnable) */
};

/* 1 when entry's program is found (c is made), 0 when it is not or the
 * entry is blank, -1 when it is refused. */
static int try_entry(struct nd_opener_cmd *c, const char *entry,
		     struct search *s, struct nd_err *err)
{
	if (split(c, entry, err) != 0)
		return -1;
	if (c->argc == 0)
		return 0;
	if (shell_with_code(c)) {
		nd_opener_cmd_release(c);
		return nd_err_set(err, "refusing the opener '%s': a shell "
				  "with -c would run the URL as code; name "
				  "the browser, %%s marks the URL", entry);
	}
	s->tried++;
	c->path = find_program(c->argv[0]);
	if (c->path == NULL) {
		free(s->missing);
		s->missing = nd_xstrdup(c->argv[0]);
		s->is_file = strchr(c->argv[0], '/') != NULL &&
			     access(c->argv[0], F_OK) == 0;
		nd_opener_cmd_release(c);
		return 0;
	}
	if (s->url != NULL && place(c, s->url, entry, err) != 0) {
		nd_opener_cmd_release(c);
		return -1;
	}
	return 1;
}

static int none(const char *list, const struct search *s,
		struct nd_err *err)
{
	const char *disp = getenv("DISPLAY"), *way = getenv("WAYLAND_DISPLAY");

	if (s->tried > 1)
		return nd_err_set(err, "cannot run any browser of $BROWSER "
				  "'%s': none was found", list);
	if (s->tried == 1)
		return nd_err_set(err, "cannot run '%s': %s", s->missing,
				  s->is_file ? "not an executable file"
					     : "command not found");
	return nd_err_set(err, "%s", (disp && disp[0]) || (way && way[0])
			  ? "no browser set: set $BROWSER or 'opener:' in "
			    "the config"
			  : "no browser here (over SSH?): o reads it here, y "
			    "copies the URL");
}

int nd_opener_cmd_make(struct nd_opener_cmd *c, const char *opener,
		       const char *url, struct nd_err *err)
{
	const char *all = opener && opener[0] ? opener : getenv("BROWSER"), *p;
	struct search s = { url, 0, NULL, 0 };
	int rc = 0;
	char *entry;
	size_t n;

	/* Only $BROWSER is a list: a config opener may hold a ':'. */
	for (p = all; p != NULL && *p != '\0' && rc == 0; p += n) {
		n = all != opener ? strcspn(p, ":") : strlen(p);
		entry = nd_xmemdup(p, n);
		rc = try_entry(c, entry, &s, err);
		free(entry);
		n += p[n] == ':';
	}
	if (rc == 0)
		none(all, &s, err);
	free(s.missing);
	return rc > 0 ? 0 : -1;
}
