/* The query language's lexer and recursive-descent parser. */
#include "newsdesk/model/query.h"

#include "newsdesk/base/alloc.h"
#include "newsdesk/base/buf.h"
#include "newsdesk/base/datetime.h"
#include "newsdesk/base/utf8.h"

#include "query_ast.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define MAX_NESTING 64

enum tok { T_END, T_LPAREN, T_RPAREN, T_AND, T_OR, T_NOT, T_TERM };

struct token {
	enum tok t;
	size_t pos, vpos;     /* byte offsets of the token and its value */
	char field[16];	      /* "" for plain text */
	struct nd_buf value;  /* unquoted */
	enum q_op op;
	int has_op;
};

struct parser {
	const char *s;
	size_t pos;
	struct token tok; /* the current (peeked) token */
	struct nd_err *err;
	int failed;
	unsigned depth;
};

static const char *const field_names[] = {
	"published", "topic", "provider", "category", "type",
	"quality", "heat", "date", "after", "before", "story", "dups", "read",
};

static size_t char_column(const char *s, size_t byte)
{
	size_t i, col = 1;

	for (i = 0; i < byte && s[i] != '\0'; i++) {
		if (((unsigned char)s[i] & 0xC0) != 0x80)
			col++;
	}
	return col;
}

static void fail(struct parser *p, size_t at, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static void fail(struct parser *p, size_t at, const char *fmt, ...)
{
	va_list ap;

	if (p->failed)
		return;
	p->failed = 1;
	va_start(ap, fmt);
	nd_err_vat(p->err, 0, (unsigned)char_column(p->s, at), fmt, ap);
	va_end(ap);
}

static int is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

static int ends_word(char c)
{
	return c == '\0' || is_space(c) || c == '(' || c == ')';
}

/* A "quoted" value; backslash escapes the next character. */
static void lex_quoted(struct parser *p, struct nd_buf *out)
{
	size_t start = p->pos++;

	while (p->s[p->pos] != '"') {
		if (p->s[p->pos] == '\0') {
			fail(p, start, "unterminated quote");
			return;
		}
		if (p->s[p->pos] == '\\' && p->s[p->pos + 1] != '\0')
			p->pos++;
		nd_buf_addc(out, p->s[p->pos++]);
	}
	p->pos++;
}

static void lex_bare(struct parser *p, struct nd_buf *out)
{
	while (!ends_word(p->s[p->pos]))
		nd_buf_addc(out, p->s[p->pos++]);
}

static void lex_value(struct parser *p, struct token *t)
{
	t->vpos = p->pos;
	if (p->s[p->pos] == '"')
		lex_quoted(p, &t->value);
	else
		lex_bare(p, &t->value);
}

static int lex_op(struct parser *p, enum q_op *op)
{
	const char *s = p->s + p->pos;

	if (s[0] == '>' && s[1] == '=')
		*op = OP_GE, p->pos += 2;
	else if (s[0] == '<' && s[1] == '=')
		*op = OP_LE, p->pos += 2;
	else if (s[0] == '!' && s[1] == '=')
		*op = OP_NE, p->pos += 2;
	else if (s[0] == '>')
		*op = OP_GT, p->pos++;
	else if (s[0] == '<')
		*op = OP_LT, p->pos++;
	else if (s[0] == '=')
		*op = OP_EQ, p->pos++;
	else
		return 0;
	return 1;
}

static int known_field(const char *name, size_t len)
{
	size_t i;

	for (i = 0; i < sizeof(field_names) / sizeof(field_names[0]); i++) {
		if (strlen(field_names[i]) == len &&
		    strncasecmp(field_names[i], name, len) == 0)
			return 1;
	}
	return 0;
}

/* name:value or name<op>value, when name is a field we know. */
static int lex_field(struct parser *p, struct token *t)
{
	size_t start = p->pos, n = 0, i;
	const char *s = p->s;

	while ((s[start + n] >= 'a' && s[start + n] <= 'z') ||
	       (s[start + n] >= 'A' && s[start + n] <= 'Z'))
		n++;
	if (n == 0 || n >= sizeof(t->field))
		return 0;
	if (s[start + n] != ':' && !strchr("<>=!", s[start + n]))
		return 0;
	if (!known_field(s + start, n)) {
		if (s[start + n] != ':' ||
		    strncmp(s + start + n, ND_LIT("://")) == 0)
			return 0; /* a URL or a plain word */
		fail(p, start, "unknown field '%.*s' (known: published, topic, "
		     "provider, category, type, quality, heat, date, after, "
		     "before, story, dups, read)", (int)n, s + start);
		return 1;
	}
	for (i = 0; i < n; i++)
		t->field[i] = (char)(s[start + i] | 0x20);
	t->field[n] = '\0';
	p->pos = start + n;
	if (s[p->pos] == ':')
		p->pos++;
	else
		t->has_op = lex_op(p, &t->op);
	lex_value(p, t);
	if (!p->failed && t->value.len == 0)
		fail(p, t->vpos, "missing value after '%s'", t->field);
	return 1;
}

static void next(struct parser *p)
{
	struct token *t = &p->tok;
	const char *s = p->s;

	nd_buf_reset(&t->value);
	t->field[0] = '\0';
	t->has_op = 0;
	while (is_space(s[p->pos]))
		p->pos++;
	t->pos = p->pos;
	if (s[p->pos] == '\0') {
		t->t = T_END;
	} else if (s[p->pos] == '(' || s[p->pos] == ')') {
		t->t = s[p->pos++] == '(' ? T_LPAREN : T_RPAREN;
	} else if (s[p->pos] == '-' && !ends_word(s[p->pos + 1])) {
		p->pos++;
		t->t = T_NOT;
	} else if (s[p->pos] == '"') {
		t->t = T_TERM;
		lex_value(p, t);
	} else {
		t->t = T_TERM;
		if (lex_field(p, t))
			return;
		lex_value(p, t);
		if (strcmp(t->value.data, "AND") == 0)
			t->t = T_AND;
		else if (strcmp(t->value.data, "OR") == 0)
			t->t = T_OR;
		else if (strcmp(t->value.data, "NOT") == 0)
			t->t = T_NOT;
	}
}

static struct nd_query *node(enum q_kind kind)
{
	struct nd_query *q = nd_xcalloc(1, sizeof(*q));

	q->kind = kind;
	return q;
}

static struct nd_query *join(enum q_kind kind, struct nd_query *l,
			     struct nd_query *r)
{
	struct nd_query *q;

	if (l == NULL || r == NULL) {
		nd_query_free(l);
		nd_query_free(r);
		return NULL;
	}
	q = node(kind);
	q->left = l;
	q->right = r;
	return q;
}

static struct nd_query *text_node(struct parser *p, enum q_kind kind)
{
	struct nd_query *q = node(kind);
	struct nd_buf f = ND_BUF_INIT;

	nd_casefold(&f, p->tok.value.data, p->tok.value.len);
	q->text = nd_buf_detach(&f, &q->len);
	return q;
}

static struct nd_query *published_node(struct parser *p)
{
	static const char *const yes[] = { "yes", "true", "y", "1" };
	static const char *const no[] = { "no", "false", "n", "0" };
	const char *v = p->tok.value.data;
	struct nd_query *q;
	size_t i;
	int val = 2;

	for (i = 0; i < 4; i++) {
		if (strcasecmp(v, yes[i]) == 0)
			val = 1;
		if (strcasecmp(v, no[i]) == 0)
			val = 0;
	}
	if (strcasecmp(v, "missing") == 0)
		val = -1;
	if (val == 2) {
		fail(p, p->tok.vpos, "published: expects yes, no or missing");
		return NULL;
	}
	q = node(Q_PUBLISHED);
	q->num = val;
	return q;
}

/* A yes/no value (read:, dups:): yes, true, y, 1 or no, false, n, 0;
 * -1 after reporting anything else. */
static int yes_no(struct parser *p, const char *field)
{
	static const char *const words[] = { "no", "yes", "false", "true",
					     "n", "y", "0", "1" };
	size_t i;

	for (i = 0; i < sizeof(words) / sizeof(words[0]); i++)
		if (strcasecmp(p->tok.value.data, words[i]) == 0)
			return (int)(i % 2);
	fail(p, p->tok.vpos, "%s: expects yes or no", field);
	return -1;
}

/* read:yes|no (the flag the read state store fills), dups:yes|no (in a
 * story with others or not). */
static struct nd_query *yes_no_node(struct parser *p, int kind,
				    const char *field)
{
	struct nd_query *q;
	int val = yes_no(p, field);

	if (val < 0)
		return NULL;
	q = node(kind);
	q->num = val;
	return q;
}

static struct nd_query *number_node(struct parser *p, enum q_kind kind)
{
	const char *v = p->tok.value.data;
	struct nd_query *q;
	char *end;
	long long n;

	n = strtoll(v, &end, 10);
	if (end == v || *end != '\0') {
		fail(p, p->tok.vpos, "%s: expects a whole number", p->tok.field);
		return NULL;
	}
	q = node(kind);
	q->num = n;
	q->op = p->tok.has_op ? p->tok.op : OP_EQ;
	return q;
}

static struct nd_query *date_cmp(enum q_op op, int64_t t)
{
	struct nd_query *q = node(Q_DATE);

	q->op = op;
	q->num = t;
	return q;
}

static struct nd_query *date_node(struct parser *p)
{
	const struct token *t = &p->tok;
	size_t at;
	int64_t when;

	if (nd_time_parse(t->value.data, t->value.len, &when, &at) != 0) {
		fail(p, t->vpos + at, "%s: expects a date like 2023-05-01",
		     t->field);
		return NULL;
	}
	if (strcmp(t->field, "after") == 0)
		return date_cmp(OP_GE, when);
	if (strcmp(t->field, "before") == 0)
		return date_cmp(OP_LT, when);
	if (t->has_op)
		return date_cmp(t->op, when);
	/* date:D is the whole day (or the instant, when a time is given). */
	if (t->value.len == 10)
		return join(Q_AND, date_cmp(OP_GE, when),
			    date_cmp(OP_LT, when + 86400));
	return date_cmp(OP_EQ, when);
}

static struct nd_query *term(struct parser *p)
{
	const char *f = p->tok.field;
	struct nd_query *q;

	if (p->tok.has_op && strcmp(f, "quality") != 0 &&
	    strcmp(f, "heat") != 0 && strcmp(f, "date") != 0) {
		fail(p, p->tok.pos, "'%s' cannot be compared; use %s:value", f,
		     f);
		return NULL;
	}
	if (f[0] == '\0')
		q = text_node(p, Q_TEXT);
	else if (strcmp(f, "published") == 0)
		q = published_node(p);
	else if (strcmp(f, "topic") == 0)
		q = text_node(p, Q_TOPIC);
	else if (strcmp(f, "provider") == 0)
		q = text_node(p, Q_PROVIDER);
	else if (strcmp(f, "category") == 0)
		q = text_node(p, Q_CATEGORY);
	else if (strcmp(f, "type") == 0)
		q = text_node(p, Q_TYPE);
	else if (strcmp(f, "quality") == 0)
		q = number_node(p, Q_QUALITY);
	else if (strcmp(f, "heat") == 0)
		q = number_node(p, Q_HEAT);
	else if (strcmp(f, "read") == 0)
		q = yes_no_node(p, Q_READ, "read");
	else if (strcmp(f, "story") == 0)
		q = text_node(p, Q_STORY);
	else if (strcmp(f, "dups") == 0)
		q = yes_no_node(p, Q_DUPS, "dups");
	else
		q = date_node(p);
	next(p);
	return q;
}

static struct nd_query *parse_or(struct parser *p);

static struct nd_query *primary(struct parser *p)
{
	struct nd_query *q;
	size_t open;

	switch (p->tok.t) {
	case T_TERM:
		return p->failed ? NULL : term(p);
	case T_LPAREN:
		open = p->tok.pos;
		if (++p->depth > MAX_NESTING) {
			fail(p, open, "parentheses nested too deep");
			return NULL;
		}
		next(p);
		q = parse_or(p);
		p->depth--;
		if (q != NULL && p->tok.t != T_RPAREN) {
			fail(p, p->tok.pos, "missing ')' for the '(' at column "
			     "%zu", char_column(p->s, open));
			nd_query_free(q);
			return NULL;
		}
		next(p);
		return q;
	case T_RPAREN:
		fail(p, p->tok.pos, "unexpected ')'");
		return NULL;
	case T_END:
		fail(p, p->tok.pos, "the query ends where a term was expected");
		return NULL;
	default:
		fail(p, p->tok.pos, "'%s' needs a term before it",
		     p->tok.t == T_OR ? "OR" : "AND");
		return NULL;
	}
}

static struct nd_query *unary(struct parser *p)
{
	struct nd_query *q, *inner;

	if (p->tok.t != T_NOT)
		return primary(p);
	if (++p->depth > MAX_NESTING) {
		fail(p, p->tok.pos, "too many NOTs in a row");
		return NULL;
	}
	next(p);
	inner = unary(p);
	p->depth--;
	if (inner == NULL)
		return NULL;
	q = node(Q_NOT);
	if (q == NULL) {
		nd_query_free(inner);
		return NULL;
	}
	q->left = inner;
	return q;
}

static struct nd_query *parse_and(struct parser *p)
{
	struct nd_query *l = unary(p);

	while (l != NULL && !p->failed) {
		if (p->tok.t == T_AND)
			next(p);
		else if (p->tok.t != T_TERM && p->tok.t != T_LPAREN &&
			 p->tok.t != T_NOT)
			break;
		l = join(Q_AND, l, unary(p));
	}
	return l;
}

static struct nd_query *parse_or(struct parser *p)
{
	struct nd_query *l = parse_and(p);

	while (l != NULL && !p->failed && p->tok.t == T_OR) {
		next(p);
		l = join(Q_OR, l, parse_and(p));
	}
	return l;
}

int nd_query_compile(const char *text, struct nd_query **out,
		     struct nd_err *err)
{
	struct parser p;
	struct nd_query *q;

	memset(&p, 0, sizeof(p));
	nd_buf_init(&p.tok.value, 0);
	memset(err, 0, sizeof(*err));
	p.s = text;
	p.err = err;
	*out = NULL;
	next(&p);
	if (p.tok.t == T_END && !p.failed) {
		nd_buf_release(&p.tok.value);
		return 0; /* the empty query matches everything */
	}
	q = parse_or(&p);
	if (q != NULL && !p.failed && p.tok.t != T_END)
		fail(&p, p.tok.pos, "unexpected ')'");
	nd_buf_release(&p.tok.value);
	if (p.failed || q == NULL) {
		nd_query_free(q);
		if (!p.failed)
			fail(&p, 0, "out of memory");
		return -1;
	}
	*out = q;
	return 0;
}

void nd_query_free(struct nd_query *q)
{
	if (q == NULL)
		return;
	nd_query_free(q->left);
	nd_query_free(q->right);
	free(q->text);
	free(q);
}
