/* newsdesk show: one article, every field, as text or JSON. */
#include "cli.h"

#include "newsdesk/base/datetime.h"
#include "newsdesk/base/sanitize.h"
#include "newsdesk/model/article.h"
#include "newsdesk/model/json.h"
#include "newsdesk/present/wrap.h"

#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#define LABEL_WIDTH 12

static void label(struct nd_buf *b, const char *name)
{
	nd_buf_adds(b, name);
	nd_buf_pad(b, ' ', LABEL_WIDTH - strlen(name));
}

static void field(struct nd_buf *b, const char *name, struct nd_text t)
{
	if (t.s == NULL)
		return;
	label(b, name);
	cli_put(b, t.s, t.len);
	nd_buf_addc(b, '\n');
}

static void number(struct nd_buf *b, const char *name, long long v,
		   const char *unknown)
{
	label(b, name);
	if (v == ND_UNKNOWN)
		nd_buf_adds(b, unknown);
	else
		nd_buf_addf(b, "%lld", v);
	nd_buf_addc(b, '\n');
}

struct indent_ctx {
	struct nd_buf *b;
	size_t indent;
};

static int indented_line(void *ctx, const char *line, size_t len)
{
	struct indent_ctx *c = ctx;

	nd_buf_pad(c->b, ' ', c->indent);
	nd_buf_add(c->b, line, len);
	return nd_buf_addc(c->b, '\n');
}

static void wrapped(struct nd_buf *b, struct nd_text t, size_t indent)
{
	struct nd_buf safe = ND_BUF_INIT;
	struct indent_ctx c = { b, indent };
	size_t width = cli.columns ? cli.columns : 80;

	cli_put_multiline(&safe, t.s, t.len);
	nd_wrap(safe.data, safe.len, width > indent + 20 ? width - indent : 20,
		indented_line, &c);
	nd_buf_release(&safe);
}

static void provider(struct nd_buf *b, const struct nd_provider *p)
{
	if (p->name.s != NULL)
		cli_put(b, p->name.s, p->name.len);
	if (p->domain.s != NULL) {
		nd_buf_adds(b, p->name.s != NULL ? " (" : "(");
		cli_put(b, p->domain.s, p->domain.len);
		nd_buf_addc(b, ')');
	}
}

static void images(struct nd_buf *b, const struct nd_image *im, size_t n,
		   const char *name)
{
	size_t i;

	for (i = 0; i < n; i++) {
		label(b, i == 0 ? name : "");
		cli_put(b, im[i].url.s, im[i].url.len);
		if (im[i].width != ND_UNKNOWN && im[i].height != ND_UNKNOWN)
			nd_buf_addf(b, " (%lldx%lld", im[i].width,
				    im[i].height);
		else
			nd_buf_adds(b, " (size unknown");
		nd_buf_adds(b, im[i].cached == 1 ? ", cached)\n" : ")\n");
	}
}

static void date(struct nd_buf *b, const char *name, int64_t t)
{
	char tmp[24];

	if (t == ND_TIME_NONE)
		return;
	nd_time_format(t, tmp);
	label(b, name);
	nd_buf_adds(b, tmp);
	nd_buf_addc(b, '\n');
}

static void related(struct nd_buf *b, const struct nd_article *a)
{
	size_t i;
	char tmp[24];

	if (a->nrelated == 0)
		return;
	nd_buf_addf(b, "\nRelated (%zu):\n", a->nrelated);
	for (i = 0; i < a->nrelated; i++) {
		const struct nd_related *r = &a->related[i];

		nd_buf_addf(b, "%3zu. ", i + 1);
		cli_put(b, r->title.s, r->title.len);
		nd_buf_adds(b, "\n     ");
		provider(b, &r->provider);
		if (r->date != ND_TIME_NONE) {
			nd_date_format(r->date, tmp);
			nd_buf_addf(b, "  %s", tmp);
		}
		if (r->quality != ND_UNKNOWN)
			nd_buf_addf(b, "  quality %lld", r->quality);
		nd_buf_adds(b, "\n     ");
		cli_put(b, r->web_url.s, r->web_url.len);
		nd_buf_addc(b, '\n');
	}
}

static void unknown_fields(struct nd_buf *b, const struct nd_article *a)
{
	struct nd_buf v = ND_BUF_INIT;
	size_t i;

	if (a->nunknown == 0)
		return;
	nd_buf_adds(b, "\nOther fields:\n");
	for (i = 0; i < a->nunknown; i++) {
		const struct nd_node *k = nd_map_key(a->fm, a->unknown[i]);
		const struct nd_node *val = nd_map_value(a->fm, a->unknown[i]);

		nd_buf_adds(b, "  ");
		cli_put(b, k->str, k->len);
		nd_buf_adds(b, ": ");
		nd_buf_reset(&v);
		if (val->kind == ND_NODE_SCALAR)
			nd_buf_add(&v, val->str, val->len);
		else
			nd_json_node(&v, val);
		cli_put(b, v.data, v.len);
		nd_buf_addc(b, '\n');
	}
	nd_buf_release(&v);
}

static void topics(struct nd_buf *b, const struct nd_article *a)
{
	size_t i;

	if (a->ntopics == 0)
		return;
	label(b, "Topics:");
	for (i = 0; i < a->ntopics; i++) {
		if (i > 0)
			nd_buf_adds(b, ", ");
		cli_put(b, a->topics[i].s, a->topics[i].len);
	}
	nd_buf_addc(b, '\n');
}

static void show_text(struct nd_buf *b, const struct nd_article *a)
{
	field(b, "Title:", a->title);
	if (a->provider.name.s != NULL || a->provider.domain.s != NULL) {
		label(b, "Provider:");
		provider(b, &a->provider);
		nd_buf_addc(b, '\n');
	}
	label(b, "Published:");
	nd_buf_adds(b, a->published == 1   ? "yes\n"
		       : a->published == 0 ? "no\n"
					   : "no (field missing)\n");
	date(b, "Date:", a->date);
	field(b, "Category:", a->category);
	field(b, "Type:", a->type);
	number(b, "Quality:", a->quality, "unknown");
	number(b, "Heat:", a->heat, "unknown");
	topics(b, a);
	field(b, "Original:", a->original_url);
	field(b, "Web:", a->web_url);
	images(b, a->images, a->nimages, "Images:");
	images(b, a->provider.images, a->provider.nimages, "Logo:");
	if (a->secured.s != NULL)
		nd_buf_addf(b, "%-*s(%zu bytes, kept as is)\n", LABEL_WIDTH,
			    "Secured:", a->secured.len);
	if (a->excerpt.s != NULL) {
		nd_buf_adds(b, "\nExcerpt:\n");
		wrapped(b, a->excerpt, 2);
	}
	related(b, a);
	unknown_fields(b, a);
	if (a->body.len > 0 && strspn(a->body.s, " \t\r\n") < a->body.len) {
		nd_buf_adds(b, "\nBody:\n");
		wrapped(b, a->body, 0);
	}
}

int cmd_show(int argc, char **argv)
{
	static const struct option longs[] = {
		{ "format", required_argument, NULL, 'f' },
		{ NULL, 0, NULL, 0 },
	};
	struct nd_buf b = ND_BUF_INIT;
	struct nd_article *a;
	struct nd_diag d;
	int c, json = 0;

	while ((c = getopt_long(argc, argv, "f:", longs, NULL)) != -1) {
		if (c == 'f' && strcmp(optarg, "json") == 0)
			json = 1;
		else if (c == 'f' && strcmp(optarg, "text") == 0)
			json = 0;
		else if (c == 'f') {
			cli_error("unknown format '%s' (text, json)", optarg);
			return EXIT_USAGE;
		} else {
			return cli_bad_option(argv);
		}
	}
	if (optind + 1 != argc) {
		cli_error("usage: %s show FILE [--format text|json]", cli.prog);
		return EXIT_USAGE;
	}
	nd_diag_init(&d);
	if (nd_article_load(argv[optind], &a, &d) != 0) {
		cli_print_problems(&d, stderr);
		nd_diag_release(&d);
		return EXIT_PROBLEMS;
	}
	cli_print_problems(&d, stderr);
	if (json) {
		nd_json_article(&b, a);
		nd_buf_addc(&b, '\n');
	} else {
		show_text(&b, a);
	}
	cli_flush(&b);
	nd_buf_release(&b);
	nd_article_free(a);
	nd_diag_release(&d);
	return EXIT_OK;
}
