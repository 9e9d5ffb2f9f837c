/* The one rule for where rejected files go, for a lone file: the same
 * root the desk or triage would have used. */
#include "newsdesk/write/triage.h"

#include "triage_int.h"

#include "newsdesk/base/alloc.h"
#include "newsdesk/base/diag.h"

#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static char *parent_of(const char *path)
{
	char *p = nd_xstrdup(path), *slash = strrchr(p, '/');

	if (slash == p)
		slash[1] = '\0';
	else if (slash != NULL)
		*slash = '\0';
	return p;
}

/* The nearest directory from dir upwards that holds .rejected/, or NULL. */
static char *nearest_rejected(const char *dir)
{
	char *d = nd_xstrdup(dir), *up;
	struct nd_buf probe = ND_BUF_INIT;
	struct stat st;

	for (;;) {
		nd_buf_reset(&probe);
		nd_buf_addf(&probe, "%s/.rejected", strcmp(d, "/") ? d : "");
		if (stat(probe.data, &st) == 0 && S_ISDIR(st.st_mode))
			break;
		if (strcmp(d, "/") == 0) {
			free(d);
			d = NULL;
			break;
		}
		up = parent_of(d);
		free(d);
		d = up;
	}
	nd_buf_release(&probe);
	return d;
}

static int holds(const char *root, const char *path)
{
	size_t n = strlen(root);

	return strncmp(root, path, n) == 0 &&
	       (path[n] == '/' || (n > 0 && root[n - 1] == '/'));
}

/* The deepest root the journal knows that holds path, or NULL. */
static char *journal_root(const char *journal, const char *path)
{
	struct nd_journal j;
	struct nd_diag d;
	const char *best = NULL;
	char *out = NULL;
	size_t i;

	if (journal == NULL)
		return NULL;
	nd_diag_init(&d);
	if (nd_journal_read(&j, journal, &d) == 0) {
		for (i = 0; i < j.count; i++) {
			const char *r = j.groups[i].root;

			if (holds(r, path) && tr_rejected_part(r) == NULL &&
			    (best == NULL || strlen(r) > strlen(best)))
				best = r;
		}
		if (best != NULL)
			out = nd_xstrdup(best);
		nd_journal_release(&j);
	}
	nd_diag_release(&d);
	return out;
}

char *nd_triage_find_root(const char *path, const char *journal)
{
	char *real = realpath(path, NULL), *dir, *root;
	const char *cut;

	if (real == NULL)
		return NULL;
	cut = tr_rejected_part(real);
	if (cut != NULL) {
		root = nd_xmalloc((size_t)(cut - real) + 1);
		memcpy(root, real, (size_t)(cut - real));
		root[cut - real] = '\0';
		free(real);
		return root;
	}
	dir = parent_of(real);
	root = nearest_rejected(dir);
	if (root == NULL)
		root = journal_root(journal, real);
	if (root == NULL)
		root = nd_xstrdup(dir);
	free(dir);
	free(real);
	return root;
}
