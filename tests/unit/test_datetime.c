#include "test.h"

#include "newsdesk/base/datetime.h"

static void test_valid(void **state)
{
	static const struct {
		const char *in;
		int64_t want;
	} cases[] = {
		{ "1970-01-01", 0 },
		{ "1970-01-01T00:00:00Z", 0 },
		{ "2019-10-03T08:00:01Z", 1570089601 },
		{ "2023-05-11T20:53:00Z", 1683838380 },
		{ "2023-05-11T22:53:00+02:00", 1683838380 },
		{ "2023-05-11T15:53:00-0500", 1683838380 },
		{ "2023-05-11T21:53:00+01", 1683838380 },
		{ "2023-05-11T20:53:00.123456Z", 1683838380 },
		{ "2023-05-11 20:53:00Z", 1683838380 },
		{ "2023-05-11T20:53Z", 1683838380 },
		{ "2023-05-11T20:53:00", 1683838380 },
		{ "2024-02-29", 1709164800 },
		{ "1969-12-31T23:59:59Z", -1 },
	};
	size_t i;
	int64_t t;

	(void)state;
	for (i = 0; i < ARRAY_LEN(cases); i++) {
		assert_int_equal(nd_time_parse(cases[i].in, strlen(cases[i].in),
					       &t, NULL), 0);
		assert_int_equal(t, cases[i].want);
	}
}

static void test_invalid(void **state)
{
	static const struct {
		const char *in;
		size_t at;
	} cases[] = {
		{ "", 0 },
		{ "yesterday", 0 },
		{ "2023-13-01", 5 },
		{ "2023-02-29", 8 },
		{ "2023-05-11T25:00:00Z", 11 },
		{ "2023-05-11T20:53:00Q", 19 },
		{ "2023-05-11T20:53:00.Z", 11 },
		{ "2023-05-11T20:53:00Z trailing", 20 },
		{ "2023-5-11", 5 },
	};
	size_t i, at;
	int64_t t;

	(void)state;
	for (i = 0; i < ARRAY_LEN(cases); i++) {
		at = 999;
		assert_int_equal(nd_time_parse(cases[i].in, strlen(cases[i].in),
					       &t, &at), -1);
		assert_int_equal(at, cases[i].at);
	}
}

static void test_format(void **state)
{
	char full[21], day[11];

	(void)state;
	nd_time_format(1683838380, full);
	assert_string_equal(full, "2023-05-11T20:53:00Z");
	nd_date_format(1683838380, day);
	assert_string_equal(day, "2023-05-11");
	nd_time_format(-1, full);
	assert_string_equal(full, "1969-12-31T23:59:59Z");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_valid),
		cmocka_unit_test(test_invalid),
		cmocka_unit_test(test_format),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
