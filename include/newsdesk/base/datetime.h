/*
 * datetime: ISO-8601 timestamps as seconds since the Unix epoch (UTC).
 *
 * Accepts a date "YYYY-MM-DD", optionally followed by 'T' (or 't' or one
 * space) and "HH:MM[:SS[.fraction]]", then "Z", "+HH:MM", "+HHMM", "+HH"
 * or nothing (taken as UTC). Fractions are parsed and dropped. Field ranges
 * are checked, including the day against the month (leap years too).
 * Locale and TZ play no part.
 */
#ifndef NEWSDESK_DATETIME_H
#define NEWSDESK_DATETIME_H

#include <stddef.h>
#include <stdint.h>

/* Marks "no date" in summaries and sorts. */
#define ND_TIME_NONE INT64_MIN

/* 0 on success; -1 with *err_at set to the offset of the first bad byte. */
int nd_time_parse(const char *s, size_t len, int64_t *out, size_t *err_at);
/* "YYYY-MM-DDTHH:MM:SSZ"; out must hold 21 bytes. */
void nd_time_format(int64_t t, char out[21]);
/* "YYYY-MM-DD"; out must hold 11 bytes. */
void nd_date_format(int64_t t, char out[11]);

#endif
