/*
 * fetch: getting a page over HTTP(S), hardened (the only module that
 * knows libcurl).
 *
 * http and https only, for the request and every redirect; at most 10
 * redirects; connect and total timeouts; a cap on the bytes received,
 * counted after decoding (so a gzip bomb stops at the cap); TLS
 * verification on; proxies from the environment; compressed responses
 * accepted; no signals (safe in a thread); a clear User-Agent. A body that
 * is not text (by Content-Type, or by NUL bytes when there is none) is
 * refused early. Errors are sorted into kinds a person can act on, with a
 * lower-case message. nd_fetch() blocks; run it in a thread and set
 * *cancel to stop it (checked several times a second).
 */
#ifndef NEWSDESK_FETCH_H
#define NEWSDESK_FETCH_H

#include <stdatomic.h>
#include <stddef.h>

#include "newsdesk/base/buf.h"
#include "newsdesk/base/err.h"

#define ND_FETCH_DEFAULT_MAX (8u * 1024 * 1024)
#define ND_FETCH_URL_MAX 8192 /* bytes: a longer URL is refused */

enum nd_fetch_error {
	ND_FETCH_OK,
	ND_FETCH_BAD_URL,
	ND_FETCH_DNS,
	ND_FETCH_REFUSED,
	ND_FETCH_TLS,
	ND_FETCH_TIMEOUT,
	ND_FETCH_HTTP,	   /* status >= 400 */
	ND_FETCH_TOO_LARGE,
	ND_FETCH_NOT_TEXT,
	ND_FETCH_PROTOCOL, /* a redirect to something other than http(s) */
	ND_FETCH_REDIRECTS,
	ND_FETCH_PRIVATE,  /* a redirect to loopback or a private network */
	ND_FETCH_CANCELLED,
	ND_FETCH_OTHER,
};

struct nd_fetch_opts {
	long connect_timeout_ms; /* 0: 10 s */
	long timeout_ms;	 /* 0: 30 s */
	size_t max_bytes;	 /* 0: ND_FETCH_DEFAULT_MAX */
	int head;		 /* HEAD request (link checks) */
	int any_type;		 /* accept bodies that are not text */
	/* Redirects may lead to loopback, private and link-local addresses
	 * only where the original URL already was (same address and port),
	 * so an article cannot make us probe internal services; 1 lifts
	 * that (config: private-redirects: true). */
	int private_redirects;
	const char *etag, *last_modified; /* revalidate a cached copy */
	atomic_int *cancel; /* set from another thread */
	/* progress: bytes received so far (called from the fetching thread) */
	void (*progress)(void *ctx, size_t bytes);
	void *ctx;
};

struct nd_fetch_result {
	struct nd_err err; /* err.code: an enum nd_fetch_error */
	long status;
	int not_modified; /* 304: the cached copy is current */
	struct nd_buf body;
	char *content_type, *charset, *effective_url, *etag, *last_modified;
};

/* 0: url is http(s), at most ND_FETCH_URL_MAX bytes and safe to hand to
 * a browser; else -1 and why (err->code ND_FETCH_BAD_URL). */
int nd_fetch_url_check(const char *url, struct nd_err *err);
/* Returns 0 when the page came (or is not modified), else -1 with
 * r->err set (its code says the class of failure). The result is
 * always released by the caller with nd_fetch_result_release(). */
int nd_fetch(const char *url, const struct nd_fetch_opts *o,
	     struct nd_fetch_result *r);
void nd_fetch_result_release(struct nd_fetch_result *r);
/* Checks a link: HEAD, then GET when the server refuses HEAD or fails it.
 * Returns 0 when the page answers 2xx/3xx; summary says what happened. */
int nd_fetch_link_check(const char *url, const struct nd_fetch_opts *o,
		  long *status, char *summary, size_t cap);
/* Once per process, before any thread fetches. */
int nd_fetch_global_init(void);

/* "libcurl 7.88.1 (OpenSSL/3.0.15)": the library in use, for --version. */
const char *nd_fetch_library_version(void);

#endif
