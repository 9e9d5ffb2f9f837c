#include "newsdesk/net/fetch.h"

#include "newsdesk/base/alloc.h"
#include "newsdesk/base/str.h"

#include <arpa/inet.h>
#include <curl/curl.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <stdarg.h>
#include <string.h>
#include <strings.h>

#ifndef NEWSDESK_VERSION
#define NEWSDESK_VERSION "0.1.0"
#endif

static pthread_once_t once = PTHREAD_ONCE_INIT;
static int init_failed;

static void init_once(void)
{
	init_failed = curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK;
}

int nd_fetch_global_init(void)
{
	pthread_once(&once, init_once);
	return init_failed ? -1 : 0;
}

static int bad_url(struct nd_err *err, const char *why)
{
	nd_err_set(err, "%s", why);
	if (err != NULL)
		err->code = ND_FETCH_BAD_URL;
	return -1;
}

int nd_fetch_url_check(const char *url, struct nd_err *err)
{
	size_t i;

	if (url == NULL || url[0] == '\0')
		return bad_url(err, "no URL");
	/* Common servers refuse a longer request line and no one reads
	 * it: past this a URL is more likely a payload than a page. */
	if (strnlen(url, ND_FETCH_URL_MAX + 1) > ND_FETCH_URL_MAX)
		return bad_url(err, "the URL is longer than 8 KiB");
	if (url[0] == '-')
		return bad_url(err, "a URL starting with '-' is refused");
	if (nd_skip_prefix_ci(url, "http://") == NULL &&
	    nd_skip_prefix_ci(url, "https://") == NULL)
		return bad_url(err, "only http and https URLs are opened");
	for (i = 0; url[i]; i++) {
		if ((unsigned char)url[i] <= 0x20 || url[i] == 0x7f)
			return bad_url(err, "the URL holds a space or a "
				       "control character");
	}
	return 0;
}

/* Sets r->err: the class in .code, the message; returns -1. */
static int fail(struct nd_fetch_result *r, enum nd_fetch_error e,
		const char *fmt, ...) __attribute__((format(printf, 3, 4)));

static int fail(struct nd_fetch_result *r, enum nd_fetch_error e,
		const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	nd_err_vat(&r->err, 0, 0, fmt, ap);
	va_end(ap);
	r->err.code = (int)e;
	return -1;
}

struct state {
	CURL *c;
	const struct nd_fetch_opts *o;
	struct nd_fetch_result *r;
	int too_large, not_text, checked_type, blocked;
	/* where the original request connected (before any redirect) */
	struct place {
		unsigned char addr[16];
		int family, port;
	} origin[4];
	unsigned norigin;
};

static int texty(const char *ct)
{
	return strncasecmp(ct, ND_LIT("text/")) == 0 || strstr(ct, "html") ||
	       strstr(ct, "xml") || strstr(ct, "json");
}

/* Decides on text-ness as soon as the headers are in. */
static int check_type(struct state *s, CURL *c)
{
	char *ct = NULL;
	long status = 0;

	s->checked_type = 1;
	curl_easy_getinfo(c, CURLINFO_CONTENT_TYPE, &ct);
	curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &status);
	if (ct != NULL && status < 300 && !s->o->any_type && !texty(ct)) {
		s->not_text = 1;
		return fail(s->r, ND_FETCH_NOT_TEXT,
			    "not text: the page is '%.100s'", ct);
	}
	return 0;
}

static size_t on_data(char *p, size_t size, size_t n, void *arg)
{
	struct state *s = arg;
	size_t len = size * n;

	/* The headers are in by the first byte: refuse binaries early. */
	if (!s->checked_type && check_type(s, s->c) != 0)
		return 0;
	/* The body's limit counts decoded bytes: a gzip bomb stops here. */
	if (nd_buf_add(&s->r->body, p, len) != 0) {
		s->too_large = 1;
		return 0;
	}
	return len;
}

static size_t on_header(char *p, size_t size, size_t n, void *arg)
{
	struct state *s = arg;
	size_t len = size * n;
	char **slot = NULL;
	size_t skip = 0;

	if (len > sizeof("etag:") - 1 && strncasecmp(p, ND_LIT("etag:")) == 0)
		slot = &s->r->etag, skip = 5;
	else if (len > sizeof("last-modified:") - 1 &&
		 strncasecmp(p, ND_LIT("last-modified:")) == 0)
		slot = &s->r->last_modified, skip = 14;
	if (slot != NULL) {
		const char *v = p + skip, *end = p + len;

		while (v < end && (*v == ' ' || *v == '\t'))
			v++;
		while (end > v && (end[-1] == '\r' || end[-1] == '\n' ||
				   end[-1] == ' '))
			end--;
		free(*slot);
		*slot = nd_xmemdup(v, (size_t)(end - v));
	}
	return len;
}

static int on_progress(void *arg, curl_off_t dltotal, curl_off_t dlnow,
		       curl_off_t ultotal, curl_off_t ulnow)
{
	struct state *s = arg;

	(void)dltotal;
	(void)ultotal;
	(void)ulnow;
	if (s->o->cancel != NULL && atomic_load(s->o->cancel))
		return 1;
	if (s->o->progress != NULL)
		s->o->progress(s->o->ctx, (size_t)dlnow);
	return 0;
}

/* Loopback, private (RFC 1918, ULA), link-local or unspecified. */
static int is_private(const struct place *p)
{
	const unsigned char *a = p->addr;
	static const unsigned char v4mapped[12] = { 0, 0, 0, 0, 0, 0,
						    0, 0, 0, 0, 0xff, 0xff };

	if (p->family == AF_INET6 && memcmp(a, v4mapped, 12) == 0)
		a += 12; /* ::ffff:10.0.0.1 is 10.0.0.1 */
	else if (p->family == AF_INET6) {
		static const unsigned char zero[15];

		return memcmp(a, zero, 15) == 0 || /* :: and ::1 */
		       (a[0] & 0xfe) == 0xfc ||	   /* fc00::/7 */
		       (a[0] == 0xfe && (a[1] & 0xc0) == 0x80); /* fe80::/10 */
	}
	return a[0] == 127 || a[0] == 10 || a[0] == 0 ||
	       (a[0] == 172 && (a[1] & 0xf0) == 16) ||
	       (a[0] == 192 && a[1] == 168) || (a[0] == 169 && a[1] == 254);
}

static int place_of(const struct curl_sockaddr *sa, struct place *p)
{
	memset(p, 0, sizeof(*p));
	p->family = sa->family;
	if (sa->family == AF_INET) {
		const struct sockaddr_in *in = (const void *)&sa->addr;

		memcpy(p->addr, &in->sin_addr, 4);
		p->port = ntohs(in->sin_port);
		return 0;
	}
	if (sa->family == AF_INET6) {
		const struct sockaddr_in6 *in6 = (const void *)&sa->addr;

		memcpy(p->addr, &in6->sin6_addr, 16);
		p->port = ntohs(in6->sin6_port);
		return 0;
	}
	return -1;
}

static int same_place(const struct place *a, const struct place *b)
{
	return a->family == b->family && a->port == b->port &&
	       memcmp(a->addr, b->addr, sizeof(a->addr)) == 0;
}

/* Every connection passes here, the original request's (which may go
 * anywhere: the user asked for it) and each redirect's (which may reach
 * a private address only where the original already was). Checking the
 * address connected to, not the URL's host, also defeats DNS tricks. */
static curl_socket_t on_open_socket(void *arg, curlsocktype purpose,
				    struct curl_sockaddr *sa)
{
	struct state *s = arg;
	struct place p;
	long redirects = 0;
	unsigned i;

	(void)purpose;
	curl_easy_getinfo(s->c, CURLINFO_REDIRECT_COUNT, &redirects);
	if (place_of(sa, &p) == 0 && redirects == 0) {
		if (s->norigin < sizeof(s->origin) / sizeof(s->origin[0]))
			s->origin[s->norigin++] = p;
	} else if (place_of(sa, &p) == 0 && is_private(&p) &&
		   !s->o->private_redirects) {
		for (i = 0; i < s->norigin && !same_place(&p, &s->origin[i]);
		     i++)
			;
		if (i == s->norigin) {
			s->blocked = 1;
			return CURL_SOCKET_BAD;
		}
	}
	return socket(sa->family, sa->socktype, sa->protocol);
}

static void set_options(CURL *c, const struct nd_fetch_opts *o,
			struct state *s, struct curl_slist **hdrs)
{
	char line[512];

	curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "http,https");
	curl_easy_setopt(c, CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
	curl_easy_setopt(c, CURLOPT_FOLLOWLOCATION, 1L);
	curl_easy_setopt(c, CURLOPT_MAXREDIRS, 10L);
	curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT_MS,
			 o->connect_timeout_ms ? o->connect_timeout_ms : 10000L);
	curl_easy_setopt(c, CURLOPT_TIMEOUT_MS,
			 o->timeout_ms ? o->timeout_ms : 30000L);
	curl_easy_setopt(c, CURLOPT_MAXFILESIZE_LARGE, (curl_off_t)s->r->body.limit);
	curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(c, CURLOPT_ACCEPT_ENCODING, "");
	curl_easy_setopt(c, CURLOPT_SSL_VERIFYPEER, 1L);
	curl_easy_setopt(c, CURLOPT_SSL_VERIFYHOST, 2L);
	curl_easy_setopt(c, CURLOPT_USERAGENT,
			 "newsdesk/" NEWSDESK_VERSION " (terminal news reader)");
	curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, on_data);
	curl_easy_setopt(c, CURLOPT_WRITEDATA, s);
	curl_easy_setopt(c, CURLOPT_HEADERFUNCTION, on_header);
	curl_easy_setopt(c, CURLOPT_HEADERDATA, s);
	curl_easy_setopt(c, CURLOPT_XFERINFOFUNCTION, on_progress);
	curl_easy_setopt(c, CURLOPT_XFERINFODATA, s);
	curl_easy_setopt(c, CURLOPT_NOPROGRESS, 0L);
	curl_easy_setopt(c, CURLOPT_OPENSOCKETFUNCTION, on_open_socket);
	curl_easy_setopt(c, CURLOPT_OPENSOCKETDATA, s);
	if (o->head)
		curl_easy_setopt(c, CURLOPT_NOBODY, 1L);
	if (o->etag != NULL) {
		snprintf(line, sizeof(line), "If-None-Match: %s", o->etag);
		*hdrs = curl_slist_append(*hdrs, line);
	}
	if (o->last_modified != NULL) {
		snprintf(line, sizeof(line), "If-Modified-Since: %s",
			 o->last_modified);
		*hdrs = curl_slist_append(*hdrs, line);
	}
	if (*hdrs != NULL)
		curl_easy_setopt(c, CURLOPT_HTTPHEADER, *hdrs);
}

static enum nd_fetch_error classify(CURLcode rc, const struct state *s)
{
	switch (rc) {
	case CURLE_COULDNT_RESOLVE_HOST:
	case CURLE_COULDNT_RESOLVE_PROXY:
		return ND_FETCH_DNS;
	case CURLE_COULDNT_CONNECT:
		return s->blocked ? ND_FETCH_PRIVATE : ND_FETCH_REFUSED;
	case CURLE_OPERATION_TIMEDOUT:
		return ND_FETCH_TIMEOUT;
	case CURLE_SSL_CONNECT_ERROR:
	case CURLE_PEER_FAILED_VERIFICATION:
	case CURLE_SSL_CERTPROBLEM:
	case CURLE_SSL_CACERT_BADFILE:
		return ND_FETCH_TLS;
	case CURLE_UNSUPPORTED_PROTOCOL:
		return ND_FETCH_PROTOCOL;
	case CURLE_TOO_MANY_REDIRECTS:
		return ND_FETCH_REDIRECTS;
	case CURLE_FILESIZE_EXCEEDED:
		return ND_FETCH_TOO_LARGE;
	case CURLE_ABORTED_BY_CALLBACK:
		return ND_FETCH_CANCELLED;
	case CURLE_WRITE_ERROR:
		return s->too_large ? ND_FETCH_TOO_LARGE
		       : s->not_text ? ND_FETCH_NOT_TEXT : ND_FETCH_OTHER;
	case CURLE_URL_MALFORMAT:
		return ND_FETCH_BAD_URL;
	default:
		return ND_FETCH_OTHER;
	}
}

static const char *what(enum nd_fetch_error e)
{
	switch (e) {
	case ND_FETCH_DNS:
		return "cannot find the host (DNS)";
	case ND_FETCH_REFUSED:
		return "the connection was refused";
	case ND_FETCH_TIMEOUT:
		return "timed out";
	case ND_FETCH_TLS:
		return "TLS failed (certificate or handshake)";
	case ND_FETCH_PROTOCOL:
		return "refused a redirect to a URL that is not http(s)";
	case ND_FETCH_REDIRECTS:
		return "too many redirects (more than 10)";
	case ND_FETCH_PRIVATE:
		return "refused a redirect to a private or loopback address "
		       "(private-redirects: true allows it)";
	case ND_FETCH_TOO_LARGE:
		return "the page is too large";
	case ND_FETCH_CANCELLED:
		return "cancelled";
	default:
		return "failed";
	}
}

static char *find_nocase(char *hay, const char *needle)
{
	size_t n = strlen(needle);

	for (; *hay; hay++) {
		if (strncasecmp(hay, needle, n) == 0)
			return hay;
	}
	return NULL;
}

static void fill_info(CURL *c, struct nd_fetch_result *r)
{
	char *ct = NULL, *eff = NULL, *semi;

	curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &r->status);
	curl_easy_getinfo(c, CURLINFO_CONTENT_TYPE, &ct);
	curl_easy_getinfo(c, CURLINFO_EFFECTIVE_URL, &eff);
	if (ct != NULL) {
		r->content_type = nd_xstrdup(ct);
		semi = find_nocase(ct, "charset=");
		if (semi != NULL) {
			semi += 8;
			if (*semi == '"')
				semi++;
			r->charset = nd_xmemdup(semi, strcspn(semi, "\"; "));
		}
	}
	if (eff != NULL)
		r->effective_url = nd_xstrdup(eff);
}

/* Without a Content-Type, NUL bytes early on mean a binary body. */
static int looks_binary(const struct nd_buf *b)
{
	size_t n = b->len < 4096 ? b->len : 4096;

	return n > 0 && memchr(b->data, '\0', n) != NULL;
}

static int finish(struct nd_fetch_result *r, const struct nd_fetch_opts *o)
{
	if (r->status == 304) {
		r->not_modified = 1;
		return 0;
	}
	if (r->status >= 400)
		return fail(r, ND_FETCH_HTTP, "HTTP %ld%s", r->status,
			    r->status == 404   ? " not found"
			    : r->status >= 500 ? " server error"
					       : "");
	if (!o->any_type && !o->head && r->content_type == NULL &&
	    looks_binary(&r->body))
		return fail(r, ND_FETCH_NOT_TEXT, "not text: the page has no "
			    "type and holds binary data");
	return 0;
}

int nd_fetch(const char *url, const struct nd_fetch_opts *o,
	     struct nd_fetch_result *r)
{
	struct curl_slist *hdrs = NULL;
	struct state s;
	CURLcode rc;
	CURL *c;

	memset(r, 0, sizeof(*r));
	nd_buf_init(&r->body, 0);
	if (nd_fetch_url_check(url, &r->err) != 0)
		return -1;
	if (nd_fetch_global_init() != 0 || (c = curl_easy_init()) == NULL)
		return fail(r, ND_FETCH_OTHER, "cannot start libcurl");
	memset(&s, 0, sizeof(s));
	s.c = c;
	s.o = o;
	s.r = r;
	nd_buf_init(&r->body, o->max_bytes ? o->max_bytes
					    : ND_FETCH_DEFAULT_MAX);
	set_options(c, o, &s, &hdrs);
	curl_easy_setopt(c, CURLOPT_URL, url);
	rc = curl_easy_perform(c);
	fill_info(c, r);
	if (rc != CURLE_OK && !s.not_text) {
		enum nd_fetch_error e = classify(rc, &s);

		fail(r, e, "%s (%s)", what(e), curl_easy_strerror(rc));
	}
	curl_slist_free_all(hdrs);
	curl_easy_cleanup(c);
	if (rc != CURLE_OK)
		return -1;
	return finish(r, o);
}

void nd_fetch_result_release(struct nd_fetch_result *r)
{
	nd_buf_release(&r->body);
	free(r->content_type);
	free(r->charset);
	free(r->effective_url);
	free(r->etag);
	free(r->last_modified);
	memset(r, 0, sizeof(*r));
	nd_buf_init(&r->body, 0);
}

int nd_fetch_link_check(const char *url, const struct nd_fetch_opts *o,
		  long *status, char *summary, size_t cap)
{
	struct nd_fetch_opts head = *o, get = *o;
	struct nd_fetch_result r;
	int rc;

	head.head = 1;
	head.any_type = 1;
	rc = nd_fetch(url, &head, &r);
	if (rc != 0 && r.err.code != ND_FETCH_CANCELLED &&
	    r.err.code != ND_FETCH_BAD_URL && r.err.code != ND_FETCH_DNS &&
	    r.err.code != ND_FETCH_REFUSED) {
		/* Some servers refuse or botch HEAD: ask with GET. */
		nd_fetch_result_release(&r);
		get.any_type = 1;
		get.max_bytes = 64 * 1024;
		rc = nd_fetch(url, &get, &r);
		if (rc != 0 && r.err.code == ND_FETCH_TOO_LARGE)
			rc = 0; /* it answered */
	}
	*status = r.status;
	if (rc == 0)
		snprintf(summary, cap, "%ld OK", r.status);
	else
		snprintf(summary, cap, "%s", r.err.message);
	nd_fetch_result_release(&r);
	return rc;
}

const char *nd_fetch_library_version(void)
{
	static char v[96];
	const curl_version_info_data *d = curl_version_info(CURLVERSION_NOW);

	snprintf(v, sizeof(v), "libcurl %s%s%s%s", d->version,
		 d->ssl_version ? " (" : "",
		 d->ssl_version ? d->ssl_version : "",
		 d->ssl_version ? ")" : "");
	return v;
}
