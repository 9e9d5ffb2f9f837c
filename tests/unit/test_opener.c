/* The opener against small scripts in a temporary directory: each script
 * writes its arguments, one "[arg]" a line, where the test reads them. */
#include "test.h"

#include "newsdesk/base/fileio.h"
#include "newsdesk/net/fetch.h"
#include "newsdesk/net/opener.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#define URL "https://a.example/p"
/* Quotes, a semicolon, substitutions, globs, placeholders and spaces that
 * are not ASCII: a shell would make several words and commands of it. */
#define HOSTILE                                                               \
	"https://a.example/x?q='a\"b';rm${IFS}-rf$(id)`id`&c=*|d%s%%"      \
	"\xc2\xa0\xe3\x80\x80#f"

static char dir[64];

static char *in_dir(const char *name)
{
	static char path[4][256];
	static int next;
	char *p = path[next++ % 4];

	snprintf(p, sizeof(path[0]), "%s/%s", dir, name);
	return p;
}

static void put(const char *name, const char *first, const char *body)
{
	FILE *f = fopen(in_dir(name), "w");

	assert_non_null(f);
	fprintf(f, "%s\n%s\n", first, body);
	fclose(f);
	assert_int_equal(chmod(in_dir(name), 0755), 0);
}

static void script(const char *name, const char *body)
{
	put(name, "#!/bin/sh", body);
}

static char *slurp(const char *path)
{
	struct nd_err why;
	char *data;
	size_t len;

	if (nd_read_file(path, 1 << 20, &data, &len, &why) != 0)
		return NULL;
	return data;
}

/* What the script "args" was given; NULL when it never ran. */
static char *args_seen(void)
{
	char *s = slurp(in_dir("out"));

	unlink(in_dir("out"));
	return s;
}

static int setup(void **state)
{
	char body[512];

	(void)state;
	snprintf(dir, sizeof(dir), "/tmp/nd-opener-XXXXXX");
	assert_non_null(mkdtemp(dir));
	snprintf(body, sizeof(body),
		 "for a in \"$@\"; do printf '[%%s]\\n' \"$a\"; done > '%s'",
		 in_dir("out"));
	script("args", body);
	script("w3m", "exit 0");
	script("fails", "exit 3");
	/* Executable, but execve() fails: only the child can tell. */
	put("badinterp", "#!/nonexistent/interpreter", "");
	script("noexec", "exit 0");
	assert_int_equal(chmod(in_dir("noexec"), 0644), 0);
	snprintf(body, sizeof(body),
		 "for a in \"$@\"; do printf '[%%s]\\n' \"$a\"; done > '%s'",
		 in_dir("fifo"));
	script("tofifo", body);
	assert_int_equal(mkfifo(in_dir("fifo"), 0600), 0);
	unsetenv("BROWSER");
	return 0;
}

static int teardown(void **state)
{
	static const char *const files[] = { "args",   "w3m",	 "fails",
					     "badinterp", "noexec", "tofifo",
					     "fifo",	  "out",    "mark" };
	size_t i;

	(void)state;
	for (i = 0; i < ARRAY_LEN(files); i++)
		unlink(in_dir(files[i]));
	return rmdir(dir);
}

static void test_shell_refused(void **state)
{
	static const char *const openers[] = {
		"sh -c", "/bin/sh -c", "bash -c", "dash -ec", "/usr/bin/zsh -c",
		"ksh -c", "fish -c", "fish --command", "env sh -c",
		"env -u X bash -xc", "busybox sh -c", "/bin/busybox ash -c",
		"sh -o errexit -c",
	};
	char url[256];
	struct nd_err why;
	size_t i;

	(void)state;
	/* As code, this URL would leave a mark in the directory. */
	snprintf(url, sizeof(url), "https://a.example/;touch${IFS}%s",
		 in_dir("mark"));
	for (i = 0; i < ARRAY_LEN(openers); i++) {
		why.message[0] = '\0';
		assert_int_equal(nd_opener_open_wait(url, openers[i], &why),
				 -1);
		assert_non_null(strstr(why.message, "shell"));
		assert_int_equal(access(in_dir("mark"), F_OK), -1);
		assert_int_equal(nd_opener_open(url, openers[i], &why), -1);
	}
}

/* Runs pre + the "args" script + post in the foreground with url; checks
 * the arguments the script was given. */
static void runs_with(const char *pre, const char *post, const char *url,
		      const char *seen_expected)
{
	char opener[256];
	struct nd_err why;
	char *seen;

	snprintf(opener, sizeof(opener), "%s%s%s", pre, in_dir("args"), post);
	assert_int_equal(nd_opener_open_wait(url, opener, &why), 0);
	seen = args_seen();
	assert_non_null(seen);
	assert_string_equal(seen, seen_expected);
	free(seen);
}

/* A shell that runs a script with the URL as its argument is no risk. */
static void test_shell_without_c_runs(void **state)
{
	(void)state;
	runs_with("sh ", " --x", URL, "[--x]\n[" URL "]\n");
}

static void test_url_is_one_argument(void **state)
{
	(void)state;
	runs_with("", " --new-tab", HOSTILE, "[--new-tab]\n[" HOSTILE "]\n");
}

static void test_placeholder(void **state)
{
	static const struct {
		const char *words, *seen;
	} cases[] = {
		{ "", "[" URL "]\n" },
		{ " %s --after", "[" URL "]\n[--after]\n" },
		{ " --url=%s --x", "[--url=" URL "]\n[--x]\n" },
		{ " 100%% %s", "[100%]\n[" URL "]\n" },
		{ " 50%%s", "[50%s]\n[" URL "]\n" },
		{ " %d %s", "[%d]\n[" URL "]\n" },
	};
	char opener[256];
	struct nd_err why;
	size_t i;

	(void)state;
	for (i = 0; i < ARRAY_LEN(cases); i++)
		runs_with("", cases[i].words, URL, cases[i].seen);
	snprintf(opener, sizeof(opener), "%s %%s %%s", in_dir("args"));
	assert_int_equal(nd_opener_open_wait(URL, opener, &why), -1);
	assert_non_null(strstr(why.message, "twice"));
	assert_null(args_seen());
}

static void test_browser_list(void **state)
{
	char list[512];
	struct nd_err why;
	char *seen;

	(void)state;
	snprintf(list, sizeof(list), "%s::nd-no-such-browser:%s --second",
		 in_dir("missing"), in_dir("args"));
	setenv("BROWSER", list, 1);
	assert_int_equal(nd_opener_open_wait(URL, NULL, &why), 0);
	seen = args_seen();
	assert_non_null(seen);
	assert_string_equal(seen, "[--second]\n[" URL "]\n");
	free(seen);
	/* Terminal or not: the one that runs decides. */
	snprintf(list, sizeof(list), "%s:%s", in_dir("w3m"), in_dir("args"));
	setenv("BROWSER", list, 1);
	assert_int_equal(nd_opener_is_terminal(NULL), 1);
	snprintf(list, sizeof(list), "%s:%s", in_dir("missing/w3m"),
		 in_dir("args"));
	setenv("BROWSER", list, 1);
	assert_int_equal(nd_opener_is_terminal(NULL), 0);
	snprintf(list, sizeof(list), "%s:nd-no-such-browser",
		 in_dir("missing"));
	setenv("BROWSER", list, 1);
	assert_int_equal(nd_opener_open(URL, NULL, &why), -1);
	assert_non_null(strstr(why.message, "$BROWSER"));
	unsetenv("BROWSER");
}

static void test_missing_program(void **state)
{
	const struct {
		const char *opener, *why;
	} cases[] = {
		{ in_dir("missing"), "command not found" },
		{ "nd-no-such-browser --x",
		  "cannot run 'nd-no-such-browser': command not found" },
		{ in_dir("noexec"), "not an executable file" },
		/* found and runnable, but exec fails: the child tells */
		{ in_dir("badinterp"),
		  "not found (or its interpreter is not)" },
	};
	struct nd_err why;
	size_t i;

	(void)state;
	for (i = 0; i < ARRAY_LEN(cases); i++) {
		why.message[0] = '\0';
		assert_int_equal(nd_opener_open(URL, cases[i].opener, &why),
				 -1);
		assert_non_null(strstr(why.message, "cannot run"));
		assert_non_null(strstr(why.message, cases[i].why));
		why.message[0] = '\0';
		assert_int_equal(
			nd_opener_open_wait(URL, cases[i].opener, &why), -1);
		assert_non_null(strstr(why.message, cases[i].why));
	}
}

static void test_exit_status(void **state)
{
	struct nd_err why;

	(void)state;
	assert_int_equal(nd_opener_open_wait(URL, in_dir("fails"), &why), -1);
	assert_non_null(strstr(why.message, "fails' exited with status 3"));
	assert_int_equal(nd_opener_open_wait(URL, in_dir("w3m"), &why), 0);
}

/* The detached browser outlives the call: its arguments come through a
 * FIFO, whose open waits for the writer. */
static void test_detached(void **state)
{
	char opener[256], got[256];
	struct nd_err why;
	ssize_t n;
	size_t len = 0;
	int fd;

	(void)state;
	snprintf(opener, sizeof(opener), "%s --new-window %%s",
		 in_dir("tofifo"));
	assert_int_equal(nd_opener_open(URL, opener, &why), 0);
	fd = open(in_dir("fifo"), O_RDONLY);
	assert_true(fd >= 0);
	while ((n = read(fd, got + len, sizeof(got) - 1 - len)) > 0)
		len += (size_t)n;
	close(fd);
	got[len] = '\0';
	assert_string_equal(got, "[--new-window]\n[" URL "]\n");
}

static void test_long_url(void **state)
{
	struct nd_err why;
	char *url = malloc(8194);

	(void)state;
	memset(url, 'a', 8193);
	memcpy(url, ND_LIT("https://a.example/"));
	url[8192] = '\0';
	assert_int_equal(nd_fetch_url_check(url, &why), 0);
	url[8192] = 'a';
	url[8193] = '\0';
	assert_int_equal(nd_fetch_url_check(url, &why), -1);
	assert_non_null(strstr(why.message, "8 KiB"));
	assert_int_equal(nd_opener_open_wait(url, in_dir("args"), &why), -1);
	assert_null(args_seen());
	free(url);
}

static void test_display(void **state)
{
	static const struct {
		const char *url, *shown;
	} cases[] = {
		{ "https://a.example/p", "https://a.example/p" },
		{ "https://user:pass@host/p?q", "https://***@host/p?q" },
		{ "HTTP://token@host", "HTTP://***@host" },
		{ "https://u:p@w@host:8080/", "https://***@host:8080/" },
		{ "https://host/p@x", "https://host/p@x" },
		{ "https://host?a@b", "https://host?a@b" },
		{ "https://host#a@b", "https://host#a@b" },
		/* A browser ends the host at '\': the user sees evil.example */
		{ "https://evil.example\\@good.example/",
		  "https://evil.example\\@good.example/" },
		{ "https://exa\xe2\x80\x8bmple.com/",
		  "https://exa<U+200B>mple.com/" },
		{ "https://a.example/\xe2\x80\xaegpj.exe",
		  "https://a.example/<U+202E>gpj.exe" },
		{ "https://a\xe2\x80\x8c\xe2\x80\x8d\xe2\x80\x8e\xe2\x80\x8f/",
		  "https://a<U+200C><U+200D><U+200E><U+200F>/" },
		{ "https://a\xe2\x81\xa0\xe2\x81\xa4\xef\xbb\xbf/",
		  "https://a<U+2060><U+2064><U+FEFF>/" },
		{ "https://a\xe2\x81\xa6\xe2\x81\xa9\xc2\xad\xc2\xa0/",
		  "https://a<U+2066><U+2069><U+00AD><U+00A0>/" },
		{ "https://k\xc3\xb6ln.example/",
		  "https://k\xc3\xb6ln.example/" },
		{ "https://a.example/\xff\x1b", "https://a.example/%FF%1B" },
		{ "https://u:p@exa\xe2\x80\x8bmple.com/",
		  "https://***@exa<U+200B>mple.com/" },
	};
	struct nd_buf b = ND_BUF_INIT;
	size_t i;

	(void)state;
	for (i = 0; i < ARRAY_LEN(cases); i++) {
		nd_buf_reset(&b);
		nd_opener_display(&b, cases[i].url);
		assert_string_equal(b.data, cases[i].shown);
	}
	nd_buf_release(&b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_shell_refused),
		cmocka_unit_test(test_shell_without_c_runs),
		cmocka_unit_test(test_url_is_one_argument),
		cmocka_unit_test(test_placeholder),
		cmocka_unit_test(test_browser_list),
		cmocka_unit_test(test_missing_program),
		cmocka_unit_test(test_exit_status),
		cmocka_unit_test(test_detached),
		cmocka_unit_test(test_long_url),
		cmocka_unit_test(test_display),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
