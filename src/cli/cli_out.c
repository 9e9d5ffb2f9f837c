#include "cli.h"

#include "newsdesk/base/sanitize.h"
#include "newsdesk/base/utf8.h"
#include "newsdesk/model/loader.h"
#include "newsdesk/write/readstate.h"

#include <getopt.h>
#include <langinfo.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

struct cli cli;

static size_t terminal_columns(void)
{
	struct winsize ws;
	const char *env = getenv("COLUMNS");
	long n;

	if (!isatty(STDOUT_FILENO))
		return 0;
	if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0)
		return ws.ws_col;
	n = env != NULL ? strtol(env, NULL, 10) : 0;
	return n > 0 ? (size_t)n : 80;
}

void cli_init(const char *prog)
{
	const char *cs = nl_langinfo(CODESET);

	cli.prog = prog;
	cli.columns = terminal_columns();
	/* A non-UTF-8 terminal would show UTF-8 as garbage: use '?'. Files
	 * and pipes get UTF-8 whatever the locale. */
	cli.san_flags = 0;
	if (cli.columns != 0 && (cs == NULL || strcmp(cs, "UTF-8") != 0))
		cli.san_flags = ND_SAN_ASCII;
}

void cli_put(struct nd_buf *out, const char *s, size_t len)
{
	nd_sanitize(out, s, len, ND_SAN_LINE | cli.san_flags);
}

void cli_put_multiline(struct nd_buf *out, const char *s, size_t len)
{
	nd_sanitize(out, s, len, ND_SAN_MULTILINE | cli.san_flags);
}

void cli_cell(struct nd_buf *out, const char *s, size_t len, size_t width,
	      int right)
{
	struct nd_buf safe = ND_BUF_INIT;
	const char *ell = cli.san_flags & ND_SAN_ASCII ? "~" : "\xE2\x80\xA6";
	size_t w, used, fit;

	nd_sanitize(&safe, s, len, ND_SAN_LINE | cli.san_flags);
	if (width == 0) {
		nd_buf_add(out, safe.data, safe.len);
		nd_buf_release(&safe);
		return;
	}
	w = nd_text_width(safe.data, safe.len);
	if (w > width) {
		fit = nd_text_fit(safe.data, safe.len, width - 1, &used);
		nd_buf_add(out, safe.data, fit);
		nd_buf_adds(out, ell);
		nd_buf_pad(out, ' ', width - 1 - used);
	} else {
		if (right)
			nd_buf_pad(out, ' ', width - w);
		nd_buf_add(out, safe.data, safe.len);
		if (!right)
			nd_buf_pad(out, ' ', width - w);
	}
	nd_buf_release(&safe);
}

void cli_flush(struct nd_buf *out)
{
	if (out->len != 0 && fwrite(out->data, 1, out->len, stdout) != out->len)
		cli_fatal("cannot write output");
	nd_buf_reset(out);
}

/* Messages may quote arguments or file names: they are sanitised too. */
void cli_error(const char *fmt, ...)
{
	struct nd_buf raw = ND_BUF_INIT, safe = ND_BUF_INIT;
	va_list ap;

	va_start(ap, fmt);
	nd_buf_vaddf(&raw, fmt, ap);
	va_end(ap);
	nd_sanitize(&safe, raw.data, raw.len,
		    ND_SAN_LINE | cli.san_flags);
	fflush(stdout);
	fprintf(stderr, "%s: %s\n", cli.prog, safe.data);
	nd_buf_release(&raw);
	nd_buf_release(&safe);
}

void cli_print_problems(const struct nd_diag *d, FILE *to)
{
	size_t i;
	char *line;

	for (i = 0; i < d->count; i++) {
		line = nd_diag_format(&d->items[i]);
		if (line != NULL)
			fprintf(to, "%s\n", line);
		free(line);
	}
	if (d->dropped)
		fprintf(to, "... and %zu more problems\n", d->dropped);
}

int cli_query_load(const char *dir, const struct nd_load_opts *opts,
		   const char *query, struct nd_query **q, struct nd_index **idx)
{
	struct nd_err qe;
	int r;

	*q = NULL;
	if (query != NULL && nd_query_compile(query, q, &qe) != 0) {
		cli_error("bad query at column %u: %s", qe.col, qe.message);
		return EXIT_USAGE;
	}
	r = cli_load(dir, opts, idx, 0);
	if (r != 0) {
		nd_query_free(*q);
		*q = NULL;
	}
	return r;
}

int cli_load(const char *dir, const struct nd_load_opts *opts,
	     struct nd_index **idx, int quiet)
{
	struct nd_diag d;
	struct nd_load_stats st;
	int r;

	nd_diag_init(&d);
	r = cli_load_progress(dir, opts, idx, &d, &st);
	if (r != 0) {
		fflush(stdout);
		fprintf(stderr, "%s: ", cli.prog);
		cli_print_problems(&d, stderr);
		nd_diag_release(&d);
		return EXIT_PROBLEMS;
	}
	if (!quiet && (st.failed || st.skipped)) {
		cli_error("%zu of %zu files could not be loaded and %zu "
			  "entries were skipped; run '%s check %s' for details",
			  st.failed, st.files, st.skipped, cli.prog, dir);
	}
	nd_diag_release(&d);
	return 0;
}

void cli_apply_read_state(struct nd_index *idx)
{
	char *path = nd_readstate_default_path();
	struct nd_readstate *rs;
	struct nd_diag d;

	if (path == NULL)
		return; /* no HOME: nothing was ever read */
	rs = nd_readstate_new(path);
	nd_diag_init(&d);
	if (nd_readstate_load(rs, ND_READSTATE_READONLY, &d) == 0)
		nd_readstate_apply(rs, idx);
	fflush(stdout);
	cli_print_problems(&d, stderr);
	nd_diag_release(&d);
	nd_readstate_free(rs);
	free(path);
}

int cli_bad_option(char **argv)
{
	const char *arg = optind > 0 ? argv[optind - 1] : "?";

	if (optopt != 0 && arg[0] == '-' && arg[1] != '-')
		cli_error("unknown option or missing value: '-%c'", optopt);
	else
		cli_error("unknown option or missing value: '%s'", arg);
	fprintf(stderr, "run '%s --help' for usage\n", cli.prog);
	return EXIT_USAGE;
}

/* Two mark columns, apart from mutt's meanings where they would clash:
 * 'N' unread (mutt's new), '-' unpublished (once 'N', which mutt and
 * newsboat users read as new). */
void cli_marks(struct nd_buf *b, const struct nd_summary *s)
{
	nd_buf_addc(b, s->read ? ' ' : 'N');
	nd_buf_addc(b, s->published == 1 ? ' ' : '-');
}
