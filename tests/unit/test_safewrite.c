#define _GNU_SOURCE /* F_SETLEASE */
#include "test.h"

#include <ctype.h>

#include "newsdesk/base/fileio.h"
#include "newsdesk/write/safewrite.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

static char dir[64];
static char file[128];

static void put(const char *path, const char *text, mode_t mode)
{
	FILE *f = fopen(path, "w");

	assert_non_null(f);
	fputs(text, f);
	fclose(f);
	chmod(path, mode);
}

static char *slurp(const char *path)
{
	struct nd_err cause;
	char *data;
	size_t len;

	if (nd_read_file(path, 1 << 20, &data, &len, &cause))
		return NULL;
	return data;
}

static int entries(void)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	int n = 0;

	while ((e = readdir(d)) != NULL)
		n += e->d_name[0] != '.' || strncmp(e->d_name, ".a.md", 5) == 0;
	closedir(d);
	return n;
}

static int setup(void **state)
{
	(void)state;
	snprintf(dir, sizeof(dir), "/tmp/nd-sw-XXXXXX");
	assert_non_null(mkdtemp(dir));
	snprintf(file, sizeof(file), "%s/a.md", dir);
	put(file, "old\n", 0640);
	nd_safewrite_io_reset();
	return 0;
}

static int teardown(void **state)
{
	char cmd[128];

	(void)state;
	nd_safewrite_io_reset();
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	return system(cmd);
}

static void test_replace_keeps_mode(void **state)
{
	struct nd_locked_file f;
	struct stat st;
	struct nd_err err;
	char *now;

	(void)state;
	assert_int_equal(nd_safewrite_open(file, &f, &err), 0);
	assert_string_equal(f.data, "old\n");
	assert_int_equal(nd_safewrite_replace(&f, "new\n", 4, &err), 0);
	nd_safewrite_close(&f);
	now = slurp(file);
	assert_string_equal(now, "new\n");
	free(now);
	stat(file, &st);
	assert_int_equal(st.st_mode & 07777, 0640);
	assert_int_equal(entries(), 1); /* no temporary file left */
}

static ssize_t short_then_full(int fd, const void *p, size_t n)
{
	static int calls;

	if (calls++ % 2 == 0)
		return write(fd, p, n > 2 ? 2 : n);
	errno = ENOSPC;
	return -1;
}

static int failing_fsync(int fd)
{
	(void)fd;
	errno = EIO;
	return -1;
}

static int failing_rename(const char *a, const char *b)
{
	(void)a;
	(void)b;
	errno = EXDEV;
	return -1;
}

static void check_fault(const char *needle)
{
	struct nd_locked_file f;
	struct nd_err err;
	char *now;

	assert_int_equal(nd_safewrite_open(file, &f, &err), 0);
	assert_int_equal(nd_safewrite_replace(&f, "new content\n", 12, &err), -1);
	nd_safewrite_close(&f);
	if (strstr(err.message, needle) == NULL)
		fail_msg("'%s' lacks '%s'", err.message, needle);
	assert_non_null(strstr(err.message, "unchanged"));
	now = slurp(file);
	assert_string_equal(now, "old\n");
	free(now);
	assert_int_equal(entries(), 1);
}

static void test_faults_leave_original(void **state)
{
	(void)state;
	nd_safewrite_io.write = short_then_full;
	check_fault("No space left on device");
	nd_safewrite_io_reset();
	nd_safewrite_io.fsync = failing_fsync;
	check_fault("Input/output error");
	nd_safewrite_io_reset();
	nd_safewrite_io.rename = failing_rename;
	check_fault("Invalid cross-device link");
	nd_safewrite_io_reset();
}

/* Another program rewrites the file in place, without flock: the same
 * inode, new bytes. */
static void rewrite_in_place(const char *text)
{
	int fd = open(file, O_WRONLY | O_TRUNC);

	assert_true(fd >= 0);
	assert_int_equal(write(fd, text, strlen(text)), (ssize_t)strlen(text));
	assert_int_equal(close(fd), 0);
}

static void check_left_alone(struct nd_locked_file *f, const char *want)
{
	struct nd_err err;
	struct stat st;
	char *now;

	assert_int_equal(nd_safewrite_replace(f, "new\n", 4, &err), -1);
	assert_int_equal(err.code, ND_SAFEWRITE_CHANGED);
	if (strstr(err.message, "'a.md' changed on disk") == NULL)
		fail_msg("message: %s", err.message);
	assert_int_equal(stat(file, &st), 0);
	assert_true(st.st_ino == f->st.st_ino); /* never renamed over */
	nd_safewrite_close(f);
	now = slurp(file);
	assert_string_equal(now, want); /* the other writer's bytes */
	free(now);
	assert_int_equal(entries(), 1);
}

/* As where leases are not to be had (another user's file, another
 * system): the checks before the rename alone. With a lease, our own
 * rewrite below would wait for the lease to be broken by the kernel. */
static int no_lease(int fd, int type)
{
	(void)fd;
	(void)type;
	errno = EACCES;
	return -1;
}

static void test_rewritten_in_place(void **state)
{
	struct nd_locked_file f;
	struct nd_err err;

	(void)state;
	nd_safewrite_io.setlease = no_lease;
	assert_int_equal(nd_safewrite_open(file, &f, &err), 0);
	rewrite_in_place("the other writer's bytes\n");
	check_left_alone(&f, "the other writer's bytes\n");
}

/* The same size, inode and timestamps (a write in the same clock tick,
 * as coarse timestamps allow): only the bytes tell. */
static void test_same_stat_other_bytes(void **state)
{
	struct nd_locked_file f;
	struct nd_err err;

	(void)state;
	nd_safewrite_io.setlease = no_lease;
	assert_int_equal(nd_safewrite_open(file, &f, &err), 0);
	rewrite_in_place("odd\n");
	assert_int_equal(fstat(f.fd, &f.st), 0); /* as if the tick had not moved */
	check_left_alone(&f, "odd\n");
}

static int leases_work(void)
{
	int fd = open(file, O_RDONLY), ok;

	assert_true(fd >= 0);
	ok = fcntl(fd, F_SETLEASE, F_RDLCK) == 0;
	close(fd);
	if (!ok)
		print_message("no leases here (%s): skipped\n", strerror(errno));
	return ok;
}

/* A writer that opened the file before us and is stalled in the middle
 * of its rewrite: nothing on disk tells, the lease does. */
static void test_open_for_writing_elsewhere(void **state)
{
	struct nd_locked_file f;
	struct nd_err err;
	int w;

	(void)state;
	if (!leases_work())
		skip();
	w = open(file, O_WRONLY);
	assert_true(w >= 0);
	assert_int_equal(nd_safewrite_open(file, &f, &err), -1);
	assert_int_equal(err.code, ND_SAFEWRITE_CHANGED);
	if (strstr(err.message, "'a.md' is being written") == NULL)
		fail_msg("message: %s", err.message);
	close(w);
}

/* A writer that opens the file after our read and would stall: its open
 * breaks the lease (and waits; O_NONBLOCK here says so instead). */
static void test_opened_for_writing_meanwhile(void **state)
{
	struct nd_locked_file f;
	struct nd_err err;
	char *now;
	int w;

	(void)state;
	if (!leases_work())
		skip();
	assert_int_equal(nd_safewrite_open(file, &f, &err), 0);
	assert_int_equal(open(file, O_WRONLY | O_NONBLOCK), -1);
	assert_int_equal(errno, EWOULDBLOCK);
	assert_int_equal(nd_safewrite_replace(&f, "new\n", 4, &err), -1);
	assert_int_equal(err.code, ND_SAFEWRITE_CHANGED);
	if (strstr(err.message, "'a.md' is being written") == NULL)
		fail_msg("message: %s", err.message);
	w = open(file, O_WRONLY | O_NONBLOCK); /* let in at once */
	assert_true(w >= 0);
	close(w);
	nd_safewrite_close(&f);
	now = slurp(file);
	assert_string_equal(now, "old\n");
	free(now);
	assert_int_equal(entries(), 1);
}

static void replace_ok(const char *path, const char *text)
{
	struct nd_locked_file f;
	struct nd_err err;

	assert_int_equal(nd_safewrite_open(path, &f, &err), 0);
	if (nd_safewrite_replace(&f, text, strlen(text), &err) != 0)
		fail_msg("replace: %s", err.message);
	nd_safewrite_close(&f);
}

static void assert_content(const char *path, const char *want)
{
	char *now = slurp(path);

	assert_non_null(now);
	assert_string_equal(now, want);
	free(now);
}

static char *in_dir(const char *name)
{
	static char p[4][192];
	static int k;

	k = (k + 1) % 4;
	snprintf(p[k], sizeof(p[k]), "%s/%s", dir, name);
	return p[k];
}

/* The names of the temporary files written, read back from the
 * descriptor (so this works whatever creates them). */
static char temp_names[4][80];
static int temp_count;

static ssize_t note_name(int fd, const void *p, size_t n)
{
	char link[64], target[256];
	ssize_t len;

	snprintf(link, sizeof(link), "/proc/self/fd/%d", fd);
	len = readlink(link, target, sizeof(target) - 1);
	if (len > 0 && temp_count < 4) {
		target[len] = '\0';
		snprintf(temp_names[temp_count++], sizeof(temp_names[0]), "%s",
			 strrchr(target, '/') + 1);
	}
	nd_safewrite_io.write = write;
	return write(fd, p, n);
}

static int is_temp_name(const char *name)
{
	size_t i;

	if (strncmp(name, ".a.md.", 6) != 0 || strlen(name) != 6 + 6 + 13 ||
	    strcmp(name + 12, ".newsdesk-tmp") != 0)
		return 0;
	for (i = 6; i < 12; i++) {
		if (!isalnum((unsigned char)name[i]))
			return 0;
	}
	return 1;
}

static void test_temp_name_is_random(void **state)
{
	int k;

	(void)state;
	temp_count = 0;
	for (k = 0; k < 2; k++) {
		nd_safewrite_io.write = note_name;
		replace_ok(file, k ? "two\n" : "one\n");
	}
	assert_int_equal(temp_count, 2);
	for (k = 0; k < 2; k++) {
		if (!is_temp_name(temp_names[k]))
			fail_msg("temporary file '%s'", temp_names[k]);
	}
	assert_string_not_equal(temp_names[0], temp_names[1]);
}

/* Another user got to the old fixed name first: a directory we cannot
 * remove, then a symbolic link to a file of theirs. */
static void test_planted_fixed_name(void **state)
{
	char fixed[192], victim[192];

	(void)state;
	snprintf(fixed, sizeof(fixed), "%s", in_dir(".a.md.newsdesk-tmp"));
	snprintf(victim, sizeof(victim), "%s", in_dir("victim"));
	put(victim, "theirs\n", 0644);
	assert_int_equal(mkdir(fixed, 0755), 0);
	put(in_dir(".a.md.newsdesk-tmp/x"), "x\n", 0644);
	replace_ok(file, "new\n");
	assert_content(file, "new\n");
	assert_int_equal(unlink(in_dir(".a.md.newsdesk-tmp/x")), 0);
	assert_int_equal(rmdir(fixed), 0);
	assert_int_equal(symlink(victim, fixed), 0);
	replace_ok(file, "newer\n");
	assert_content(file, "newer\n");
	assert_content(victim, "theirs\n");
}

/* Another user guessed the next name (here: was told it) and planted a
 * symbolic link there just before we create it. */
static char planted_at[192];

static int plant_then_open(const char *path, int flags, mode_t mode)
{
	if (planted_at[0] == '\0') {
		snprintf(planted_at, sizeof(planted_at), "%s", path);
		assert_int_equal(symlink(in_dir("victim"), path), 0);
	}
	return open(path, flags, mode);
}

static void test_planted_guessed_name(void **state)
{
	struct stat st;

	(void)state;
	put(in_dir("victim"), "theirs\n", 0644);
	planted_at[0] = '\0';
	nd_safewrite_io.open = plant_then_open;
	replace_ok(file, "new\n");
	assert_true(planted_at[0] != '\0');
	assert_content(file, "new\n");
	assert_content(in_dir("victim"), "theirs\n");
	assert_int_equal(lstat(planted_at, &st), 0); /* not ours: left */
	assert_true(S_ISLNK(st.st_mode));
}

/* A killed writer's temporary files go with the first write in their
 * directory: those of a.md (being written), of files gone or not being
 * written; not those of a file another newsdesk is writing (its lock is
 * held), nor anything not ours. */
static void test_stale_temp_cleared(void **state)
{
	static const char *const gone[] = {
		".a.md.Qx7Zp2.newsdesk-tmp", ".a.md.newsdesk-tmp",
		".c.md.Ab12Cd.newsdesk-tmp", ".d.md.Ab12Cd.newsdesk-tmp" };
	static const char *const kept[] = { ".b.md.Qx7Zp2.newsdesk-tmp",
					    ".a.md.Qx7Zp2.other", "a.md.tmp" };
	size_t i;
	int b;

	(void)state;
	put(in_dir("b.md"), "b\n", 0644);
	put(in_dir("d.md"), "d\n", 0644);
	b = open(in_dir("b.md"), O_RDONLY);
	assert_int_equal(flock(b, LOCK_EX), 0); /* b.md is being written */
	for (i = 0; i < ARRAY_LEN(gone); i++)
		put(in_dir(gone[i]), "half\n", 0600);
	for (i = 0; i < ARRAY_LEN(kept); i++)
		put(in_dir(kept[i]), "other\n", 0600);
	assert_int_equal(symlink("a.md", in_dir(".a.md.Zz9Zz9.newsdesk-tmp")),
			 0);
	replace_ok(file, "new\n");
	close(b);
	for (i = 0; i < ARRAY_LEN(gone); i++) {
		if (access(in_dir(gone[i]), F_OK) == 0)
			fail_msg("'%s' is still there", gone[i]);
	}
	for (i = 0; i < ARRAY_LEN(kept); i++)
		assert_int_equal(access(in_dir(kept[i]), F_OK), 0);
	assert_int_equal(faccessat(AT_FDCWD,
				   in_dir(".a.md.Zz9Zz9.newsdesk-tmp"), F_OK,
				   AT_SYMLINK_NOFOLLOW), 0);
}

/* The sweep reads the whole directory: once per process, not on every
 * write (one of 100,000 files in a directory). */
static void test_swept_once(void **state)
{
	char *stale = in_dir(".a.md.Qx7Zp2.newsdesk-tmp");

	(void)state;
	replace_ok(file, "one\n");
	put(stale, "half\n", 0600);
	replace_ok(file, "two\n");
	assert_int_equal(access(stale, F_OK), 0);
	nd_safewrite_io_reset(); /* as a new process */
	replace_ok(file, "three\n");
	assert_int_equal(access(stale, F_OK), -1);
}

static void test_modes_kept(void **state)
{
	static const mode_t modes[] = { 0600, 0664, 0751, 0604, 02750, 04755,
					01644 };
	struct stat st;
	size_t i;

	(void)state;
	for (i = 0; i < ARRAY_LEN(modes); i++) {
		assert_int_equal(chmod(file, modes[i]), 0);
		replace_ok(file, "new\n");
		assert_int_equal(stat(file, &st), 0);
		if ((st.st_mode & 07777) != modes[i])
			fail_msg("mode %04o became %04o", (unsigned)modes[i],
				 (unsigned)(st.st_mode & 07777));
	}
}

static int as_root(void)
{
	if (geteuid() == 0)
		return 1;
	print_message("not root: cannot hand files to other users; "
		      "skipped\n");
	return 0;
}

static void test_owner_and_group_kept(void **state)
{
	struct stat st;

	(void)state;
	if (!as_root())
		skip();
	assert_int_equal(chown(file, 12345, 23456), 0);
	assert_int_equal(chmod(file, 02770), 0);
	replace_ok(file, "new\n");
	assert_int_equal(stat(file, &st), 0);
	assert_int_equal(st.st_uid, 12345);
	assert_int_equal(st.st_gid, 23456);
	assert_int_equal(st.st_mode & 07777, 02770);
}

static int refuse_eperm(int fd, uid_t uid, gid_t gid)
{
	(void)fd;
	(void)uid;
	(void)gid;
	errno = EPERM;
	return -1;
}

/* Not root: may change the group (to one of its own), not the owner. */
static int refuse_owner(int fd, uid_t uid, gid_t gid)
{
	if (uid == (uid_t)-1)
		return fchown(fd, uid, gid);
	errno = EPERM;
	return -1;
}

static int refuse_mode(int fd, mode_t mode)
{
	(void)fd;
	(void)mode;
	errno = EPERM;
	return -1;
}

static void check_not_kept(const char *needle)
{
	struct nd_locked_file f;
	struct nd_err err;
	struct stat st;

	assert_int_equal(nd_safewrite_open(file, &f, &err), 0);
	assert_int_equal(nd_safewrite_replace(&f, "new\n", 4, &err), -1);
	nd_safewrite_close(&f);
	if (strstr(err.message, needle) == NULL ||
	    strstr(err.message, "Operation not permitted") == NULL)
		fail_msg("'%s' lacks '%s'", err.message, needle);
	assert_int_equal(err.code, EPERM);
	assert_content(file, "old\n");
	assert_int_equal(stat(file, &st), 0);
	assert_int_equal(st.st_uid, 12345);
	assert_int_equal(st.st_gid, 23456);
	assert_int_equal(entries(), 1);
}

static void test_owner_not_kept_is_refused(void **state)
{
	(void)state;
	if (!as_root())
		skip();
	assert_int_equal(chown(file, 12345, 23456), 0);
	nd_safewrite_io.fchown = refuse_eperm;
	check_not_kept("cannot keep the group of 'a.md' (gid 23456)");
	nd_safewrite_io.fchown = refuse_owner;
	check_not_kept("cannot keep the owner of 'a.md' (uid 12345)");
	nd_safewrite_io_reset();
	nd_safewrite_io.fchmod = refuse_mode;
	check_not_kept("cannot keep the mode of 'a.md' (0640)");
}

/* Runs a replace as another user (uid, in groups 2000 and 3000, primary
 * 2000) in a child process; its exit status: 0 written, 1 refused with a
 * message holding needle, 2 anything else. */
static int replace_as(const char *path, uid_t uid, const char *needle)
{
	static const gid_t groups[] = { 2000, 3000 };
	struct nd_locked_file f;
	struct nd_err err;
	pid_t pid = fork();
	int status;

	assert_true(pid >= 0);
	if (pid == 0) {
		if (setgroups(2, groups) != 0 || setgid(2000) != 0 ||
		    setuid(uid) != 0 || nd_safewrite_open(path, &f, &err) != 0)
			_exit(2);
		if (nd_safewrite_replace(&f, "theirs\n", 7, &err) == 0)
			_exit(0);
		_exit(strstr(err.message, needle) != NULL ? 1 : 2);
	}
	assert_int_equal(waitpid(pid, &status, 0), pid);
	assert_true(WIFEXITED(status));
	return WEXITSTATUS(status);
}

/* The reported case: a shared directory, setgid to group 2000, holds a
 * group-3000 file. Its owner, a member of both, keeps group 3000 (it
 * used to become 2000); another member is refused rather than take the
 * file over (it used to become theirs). */
static void test_setgid_shared_directory(void **state)
{
	char *shared = in_dir("shared"), *path = in_dir("shared/s.md");
	struct stat st;

	(void)state;
	if (!as_root())
		skip();
	assert_int_equal(chmod(dir, 0755), 0);
	assert_int_equal(mkdir(shared, 0775), 0);
	assert_int_equal(chown(shared, 0, 2000), 0);
	assert_int_equal(chmod(shared, 02775), 0);
	put(path, "old\n", 0664);
	assert_int_equal(chown(path, 12345, 3000), 0);
	assert_int_equal(chmod(path, 02775), 0); /* a write clears it */
	assert_int_equal(replace_as(path, 12345, ""), 0);
	assert_int_equal(stat(path, &st), 0);
	assert_int_equal(st.st_uid, 12345);
	assert_int_equal(st.st_gid, 3000);
	assert_int_equal(st.st_mode & 07777, 02775);
	assert_content(path, "theirs\n");
	put(path, "old\n", 0664);
	assert_int_equal(replace_as(path, 23456, "cannot keep the owner "
				    "of 's.md' (uid 12345)"), 1);
	assert_int_equal(stat(path, &st), 0);
	assert_int_equal(st.st_uid, 12345);
	assert_int_equal(st.st_gid, 3000);
	assert_content(path, "old\n");
}

static void test_policies(void **state)
{
	struct nd_locked_file f;
	struct nd_err err;
	char lnk[160], other[160], *now;
	struct stat st;

	(void)state;
	/* a symbolic link: the target changes, the link stays a link */
	snprintf(lnk, sizeof(lnk), "%s/link.md", dir);
	assert_int_equal(symlink("a.md", lnk), 0);
	assert_int_equal(nd_safewrite_open(lnk, &f, &err), 0);
	assert_int_equal(nd_safewrite_replace(&f, "via link\n", 9, &err), 0);
	nd_safewrite_close(&f);
	lstat(lnk, &st);
	assert_true(S_ISLNK(st.st_mode));
	now = slurp(file);
	assert_string_equal(now, "via link\n");
	free(now);
	unlink(lnk);
	/* hard links are refused */
	snprintf(other, sizeof(other), "%s/hard.md", dir);
	assert_int_equal(link(file, other), 0);
	assert_int_equal(nd_safewrite_open(file, &f, &err), -1);
	assert_non_null(strstr(err.message, "2 hard links"));
	unlink(other);
	/* read-only files are refused */
	chmod(file, 0444);
	assert_int_equal(nd_safewrite_open(file, &f, &err), -1);
	assert_non_null(strstr(err.message, "read-only"));
	chmod(file, 0644);
	/* a missing file */
	assert_int_equal(nd_safewrite_open("/nonexistent/x", &f, &err), -1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_replace_keeps_mode, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_faults_leave_original,
						setup, teardown),
		cmocka_unit_test_setup_teardown(test_policies, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_rewritten_in_place, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_same_stat_other_bytes,
						setup, teardown),
		cmocka_unit_test_setup_teardown(
			test_open_for_writing_elsewhere, setup, teardown),
		cmocka_unit_test_setup_teardown(
			test_opened_for_writing_meanwhile, setup, teardown),
		cmocka_unit_test_setup_teardown(test_temp_name_is_random, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_planted_fixed_name, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_planted_guessed_name,
						setup, teardown),
		cmocka_unit_test_setup_teardown(test_stale_temp_cleared, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_swept_once, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_modes_kept, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_owner_and_group_kept,
						setup, teardown),
		cmocka_unit_test_setup_teardown(test_owner_not_kept_is_refused,
						setup, teardown),
		cmocka_unit_test_setup_teardown(test_setgid_shared_directory,
						setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
