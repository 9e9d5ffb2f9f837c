/*
 * job: a page fetch in a background thread, so the desk never freezes.
 *
 * nd_job_start() fetches url (through the cache, see page.h) on its own
 * thread; the caller polls nd_job_done() (or waits on nd_job_fd(), which
 * becomes readable when the job ends), reads the progress with
 * nd_job_progress(), stops it with nd_job_cancel() (it ends within a
 * fraction of a second), and takes the result with nd_job_finish(),
 * which joins the thread and hands over the page. No curses here.
 */
#ifndef NEWSDESK_JOB_H
#define NEWSDESK_JOB_H

#include <stddef.h>

#include "newsdesk/net/page.h"

struct nd_job;

/* o is copied; o->fetch.cancel and progress are set by the job.
 * check: a link check (nd_fetch_link_check) instead of a page. */
struct nd_job *nd_job_start(const char *url, const struct nd_page_opts *o,
			    int check);
/* After a link check: the summary ("200 OK", "HTTP 404 not found"). */
const char *nd_job_summary(const struct nd_job *j);
int nd_job_done(struct nd_job *j);
int nd_job_fd(const struct nd_job *j);
void nd_job_progress(struct nd_job *j, size_t *bytes, double *seconds);
void nd_job_cancel(struct nd_job *j);
const char *nd_job_url(const struct nd_job *j);
/* Joins and frees the job; *p receives the page (release it), returns
 * what nd_page_get returned. */
int nd_job_finish(struct nd_job *j, struct nd_page *p);

#endif
