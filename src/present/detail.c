#include "newsdesk/present/detail.h"

#include "newsdesk/base/datetime.h"
#include "newsdesk/base/str.h"
#include "newsdesk/model/json.h"

#include <stdio.h>
#include <string.h>

static void labelled(struct nd_doc *doc, const char *label, enum nd_role role,
		     const char *s, size_t len)
{
	char prefix[ND_DETAIL_LABEL_WIDTH + 1];

	if (s == NULL)
		return;
	snprintf(prefix, sizeof(prefix), "%-*s", ND_DETAIL_LABEL_WIDTH, label);
	nd_doc_text(doc, role, s, len);
	nd_doc_end_para(doc, 0, prefix, ND_ROLE_DETAIL_LABEL);
}

static void text_field(struct nd_doc *doc, const char *label,
		       struct nd_text t, enum nd_role role)
{
	labelled(doc, label, role, t.s, t.len);
}

static void str_field(struct nd_doc *doc, const char *label, const char *s)
{
	labelled(doc, label, ND_ROLE_DETAIL_TEXT, s, strlen(s));
}

static void number_field(struct nd_doc *doc, const char *label, long long v)
{
	char tmp[32];

	if (v == ND_UNKNOWN)
		snprintf(tmp, sizeof(tmp), "unknown");
	else
		snprintf(tmp, sizeof(tmp), "%lld", v);
	str_field(doc, label, tmp);
}

static void date_field(struct nd_doc *doc, const char *label, int64_t t)
{
	char tmp[24];

	if (t == ND_TIME_NONE)
		return;
	nd_time_format(t, tmp);
	tmp[10] = ' ';
	memcpy(tmp + 16, " UTC", sizeof(" UTC")); /* "2023-05-11 20:53 UTC" */
	str_field(doc, label, tmp);
}

static void provider_field(struct nd_doc *doc, const struct nd_provider *p)
{
	char prefix[ND_DETAIL_LABEL_WIDTH + 1];

	if (p->name.s == NULL && p->domain.s == NULL)
		return;
	snprintf(prefix, sizeof(prefix), "%-*s", ND_DETAIL_LABEL_WIDTH,
		 "Provider");
	if (p->name.s != NULL)
		nd_doc_text(doc, ND_ROLE_DETAIL_TEXT, p->name.s, p->name.len);
	if (p->domain.s != NULL) {
		nd_doc_text(doc, ND_ROLE_DETAIL_TEXT, p->name.s ? " (" : "(",
			    p->name.s ? 2 : 1);
		nd_doc_text(doc, ND_ROLE_DETAIL_TEXT, p->domain.s,
			    p->domain.len);
		nd_doc_text(doc, ND_ROLE_DETAIL_TEXT, ND_LIT(")"));
	}
	nd_doc_end_para(doc, 0, prefix, ND_ROLE_DETAIL_LABEL);
}

static void images_field(struct nd_doc *doc, const char *label,
			 const struct nd_image *im, size_t n)
{
	char prefix[ND_DETAIL_LABEL_WIDTH + 1], size[64];
	size_t i;

	for (i = 0; i < n; i++) {
		snprintf(prefix, sizeof(prefix), "%-*s", ND_DETAIL_LABEL_WIDTH,
			 i == 0 ? label : "");
		if (im[i].url.s != NULL)
			nd_doc_text(doc, ND_ROLE_DETAIL_URL, im[i].url.s,
				    im[i].url.len);
		if (im[i].width != ND_UNKNOWN && im[i].height != ND_UNKNOWN)
			snprintf(size, sizeof(size), " (%lldx%lld%s)",
				 im[i].width, im[i].height,
				 im[i].cached == 1 ? ", cached" : "");
		else
			snprintf(size, sizeof(size), " (size unknown)");
		nd_doc_text(doc, ND_ROLE_DETAIL_TEXT, size, strlen(size));
		nd_doc_end_para(doc, 0, prefix, ND_ROLE_DETAIL_LABEL);
	}
}

static void topics_field(struct nd_doc *doc, const struct nd_article *a)
{
	char prefix[ND_DETAIL_LABEL_WIDTH + 1];
	size_t i;

	if (a->ntopics == 0)
		return;
	snprintf(prefix, sizeof(prefix), "%-*s", ND_DETAIL_LABEL_WIDTH,
		 "Topics");
	for (i = 0; i < a->ntopics; i++) {
		if (i > 0)
			nd_doc_text(doc, ND_ROLE_DETAIL_TEXT, ND_LIT(", "));
		nd_doc_text(doc, ND_ROLE_DETAIL_TEXT, a->topics[i].s,
			    a->topics[i].len);
	}
	nd_doc_end_para(doc, 0, prefix, ND_ROLE_DETAIL_LABEL);
}

/* Excerpts hold "\r\n" between paragraphs: keep them apart. */
static void paragraphs(struct nd_doc *doc, struct nd_text t)
{
	const char *p = t.s, *end = t.s + t.len, *nl;
	size_t n;

	while (p < end) {
		nl = memchr(p, '\n', (size_t)(end - p));
		n = nl ? (size_t)(nl - p) : (size_t)(end - p);
		if (n > 0 && p[n - 1] == '\r')
			n--;
		if (n > 0) {
			nd_doc_text(doc, ND_ROLE_DETAIL_TEXT, p, n);
			nd_doc_end_para(doc, 0, NULL, ND_ROLE_NORMAL);
		}
		p = nl ? nl + 1 : end;
	}
}

static void title(struct nd_doc *doc, struct nd_text t)
{
	if (t.s == NULL) {
		nd_doc_text(doc, ND_ROLE_DETAIL_TITLE, ND_LIT("(no title)"));
	} else {
		nd_doc_text(doc, ND_ROLE_DETAIL_TITLE, t.s, t.len);
	}
	nd_doc_end_para(doc, 0, NULL, ND_ROLE_NORMAL);
	nd_doc_blank(doc);
}

static void unknown_fields(struct nd_doc *doc, const struct nd_article *a)
{
	struct nd_buf v = ND_BUF_INIT;
	size_t i;

	for (i = 0; i < a->nunknown; i++) {
		const struct nd_node *k = nd_map_key(a->fm, a->unknown[i]);
		const struct nd_node *val = nd_map_value(a->fm, a->unknown[i]);
		char label[ND_DETAIL_LABEL_WIDTH + 1];

		snprintf(label, sizeof(label), "%.*s:", (int)(k->len < 9 ?
			 k->len : 9), k->str);
		nd_buf_reset(&v);
		if (val->kind == ND_NODE_SCALAR)
			nd_buf_add(&v, val->str, val->len);
		else
			nd_json_node(&v, val);
		labelled(doc, label, ND_ROLE_DETAIL_TEXT, v.data, v.len);
	}
	nd_buf_release(&v);
}

static int body_blank(struct nd_text b)
{
	size_t i;

	for (i = 0; i < b.len; i++) {
		if (!strchr(" \t\r\n", b.s[i]))
			return 0;
	}
	return 1;
}

void nd_detail_article(struct nd_doc *doc, const struct nd_article *a)
{
	title(doc, a->title);
	provider_field(doc, &a->provider);
	str_field(doc, "Published", a->published == 1 ? "yes"
				    : a->published == 0 ? "no"
							: "no (field missing)");
	date_field(doc, "Date", a->date);
	text_field(doc, "Category", a->category, ND_ROLE_DETAIL_TEXT);
	text_field(doc, "Type", a->type, ND_ROLE_DETAIL_TEXT);
	number_field(doc, "Quality", a->quality);
	number_field(doc, "Heat", a->heat);
	topics_field(doc, a);
	text_field(doc, "Original", a->original_url, ND_ROLE_DETAIL_URL);
	if (a->web_url.s != NULL && (a->original_url.s == NULL ||
	    a->web_url.len != a->original_url.len ||
	    memcmp(a->web_url.s, a->original_url.s, a->web_url.len) != 0))
		text_field(doc, "Web", a->web_url, ND_ROLE_DETAIL_URL);
	images_field(doc, "Images", a->images, a->nimages);
	images_field(doc, "Logo", a->provider.images, a->provider.nimages);
	unknown_fields(doc, a);
	if (a->excerpt.s != NULL) {
		nd_doc_blank(doc);
		paragraphs(doc, a->excerpt);
	}
	if (!body_blank(a->body)) {
		nd_doc_blank(doc);
		static const char rule[] = "\xE2\x94\x80\xE2\x94\x80 Body "
					   "\xE2\x94\x80\xE2\x94\x80";

		nd_doc_line(doc, 0, ND_ROLE_BORDER, rule, sizeof(rule) - 1);
		nd_doc_markdown(doc, a->body.s, a->body.len);
	}
}

void nd_detail_related(struct nd_doc *doc, const struct nd_related *r)
{
	title(doc, r->title);
	provider_field(doc, &r->provider);
	date_field(doc, "Date", r->date);
	text_field(doc, "Type", r->type, ND_ROLE_DETAIL_TEXT);
	number_field(doc, "Quality", r->quality);
	text_field(doc, "Web", r->web_url, ND_ROLE_DETAIL_URL);
	images_field(doc, "Images", r->images, r->nimages);
	str_field(doc, "Note", "not in this directory (a related item)");
	if (r->excerpt.s != NULL) {
		nd_doc_blank(doc);
		paragraphs(doc, r->excerpt);
	}
}
