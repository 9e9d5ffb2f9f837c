#include "newsdesk/base/datetime.h"

#include <stdio.h>
#include <string.h>

static int64_t days_from_civil(int64_t y, unsigned m, unsigned d)
{
	int64_t era, yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

static void civil_from_days(int64_t z, int64_t *y, unsigned *m, unsigned *d)
{
	int64_t era, doe, yoe, doy, mp;

	z += 719468;
	era = (z >= 0 ? z : z - 146096) / 146097;
	doe = z - era * 146097;
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	*d = (unsigned)(doy - (153 * mp + 2) / 5 + 1);
	*m = (unsigned)(mp < 10 ? mp + 3 : mp - 9);
	*y = yoe + era * 400 + (*m <= 2);
}

static int days_in_month(int64_t y, unsigned m)
{
	static const int days[] = { 31, 28, 31, 30, 31, 30,
				    31, 31, 30, 31, 30, 31 };
	int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;

	return m == 2 && leap ? 29 : days[m - 1];
}

/* Reads exactly n digits at *i. */
static int digits(const char *s, size_t len, size_t *i, int n, int *out)
{
	int v = 0;

	while (n-- > 0) {
		if (*i >= len || s[*i] < '0' || s[*i] > '9')
			return -1;
		v = v * 10 + (s[*i] - '0');
		(*i)++;
	}
	*out = v;
	return 0;
}

static int expect(const char *s, size_t len, size_t *i, char c)
{
	if (*i >= len || s[*i] != c)
		return -1;
	(*i)++;
	return 0;
}

static int parse_offset(const char *s, size_t len, size_t *i, int *secs)
{
	int sign, hh, mm = 0;

	if (*i < len && (s[*i] == 'Z' || s[*i] == 'z')) {
		(*i)++;
		*secs = 0;
		return 0;
	}
	if (*i >= len) {
		*secs = 0;
		return 0;
	}
	if (s[*i] != '+' && s[*i] != '-')
		return -1;
	sign = s[*i] == '-' ? -1 : 1;
	(*i)++;
	if (digits(s, len, i, 2, &hh) != 0 || hh > 23)
		return -1;
	if (*i < len && s[*i] == ':')
		(*i)++;
	if (*i < len && digits(s, len, i, 2, &mm) != 0)
		return -1;
	if (mm > 59)
		return -1;
	*secs = sign * (hh * 3600 + mm * 60);
	return 0;
}

static int parse_clock(const char *s, size_t len, size_t *i, int *secs)
{
	int hh, mm, ss = 0;

	if (digits(s, len, i, 2, &hh) != 0 || hh > 23 ||
	    expect(s, len, i, ':') != 0 || digits(s, len, i, 2, &mm) != 0 ||
	    mm > 59)
		return -1;
	if (*i < len && s[*i] == ':') {
		(*i)++;
		/* 60 allows a leap second; it rolls into the next minute. */
		if (digits(s, len, i, 2, &ss) != 0 || ss > 60)
			return -1;
		if (*i < len && (s[*i] == '.' || s[*i] == ',')) {
			(*i)++;
			if (*i >= len || s[*i] < '0' || s[*i] > '9')
				return -1;
			while (*i < len && s[*i] >= '0' && s[*i] <= '9')
				(*i)++;
		}
	}
	*secs = hh * 3600 + mm * 60 + ss;
	return 0;
}

/* Reads "-NN" (or the first "NNNN") at *i into *v within [lo, hi]; on
 * failure *at is where the bad part starts, which is what a user needs. */
static int field(const char *s, size_t len, size_t *i, int n, int lo, int hi,
		 int *v, size_t *at)
{
	*at = *i;
	if (n == 2 && expect(s, len, i, '-') != 0)
		return -1;
	*at = *i;
	if (digits(s, len, i, n, v) != 0 || *v < lo || *v > hi)
		return -1;
	return 0;
}

int nd_time_parse(const char *s, size_t len, int64_t *out, size_t *err_at)
{
	size_t i = 0, at = 0;
	int y, m, d, clock = 0, off = 0;

	if (field(s, len, &i, 4, 0, 9999, &y, &at) != 0 ||
	    field(s, len, &i, 2, 1, 12, &m, &at) != 0 ||
	    field(s, len, &i, 2, 1, days_in_month(y, (unsigned)m), &d, &at))
		goto bad;
	if (i < len && (s[i] == 'T' || s[i] == 't' || s[i] == ' ')) {
		i++;
		at = i;
		if (parse_clock(s, len, &i, &clock) != 0)
			goto bad;
		at = i;
		if (parse_offset(s, len, &i, &off) != 0)
			goto bad;
	}
	at = i;
	if (i != len)
		goto bad;
	*out = days_from_civil(y, (unsigned)m, (unsigned)d) * 86400 + clock -
	       off;
	return 0;
bad:
	if (err_at != NULL)
		*err_at = at < len ? at : len;
	return -1;
}

static void split(int64_t t, int64_t *days, int64_t *rem)
{
	*days = t / 86400;
	*rem = t % 86400;
	if (*rem < 0) {
		*rem += 86400;
		(*days)--;
	}
}

void nd_time_format(int64_t t, char out[21])
{
	int64_t days, rem, y;
	unsigned m, d;
	char tmp[64];

	split(t, &days, &rem);
	civil_from_days(days, &y, &m, &d);
	snprintf(tmp, sizeof(tmp), "%04d-%02u-%02uT%02d:%02d:%02dZ",
		 (int)(y % 10000), m, d, (int)(rem / 3600),
		 (int)(rem / 60 % 60), (int)(rem % 60));
	memcpy(out, tmp, 20);
	out[20] = '\0';
}

void nd_date_format(int64_t t, char out[11])
{
	char full[21];

	nd_time_format(t, full);
	memcpy(out, full, 10);
	out[10] = '\0';
}
