#!/bin/sh
# 'newsdesk check' over hostile input: every file reported, no crash, no
# hang. Speed is the bench's business (bench/bench.c), not this test's: a
# loaded machine makes a check slow, not wrong. The per-file timeout only
# stops a hang, so it is generous.
set -u
bin=$1
src=$(cd "$2" && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export XDG_CACHE_HOME="$tmp/cache" # the persistent index stays in here
fail=0
cp -R "$src/tests/fixtures/hostile" "$tmp/h"
cd "$tmp/h" || exit 1

# Inputs too big to keep in the repository, and ones git cannot hold.
python3 - <<'PY'
open("huge-scalar.md", "w").write('---\ntitle: "' + "A" * (2 * 1024 * 1024) + '"\n---\n')
with open("huge-file.md", "w") as f:
    f.write("---\ntitle: big\n---\n")
    f.write(("x" * 1023 + "\n") * (17 * 1024))
open("deep-map.md", "w").write("---\nx: " + "{a: " * 100000 + "1" + "}" * 100000 + "\n---\n")
open("many-keys.md", "w").write("---\n" + "".join("k%d: 1\n" % i for i in range(30000)) + "k5: 2\n---\n")
open("long-line.md", "w").write("---\ntitle: " + "word " * 200000 + "\n---\n")
PY
mkfifo fifo.md
ln -s . loop
ln -s missing.md dangling.md
mkdir sub && printf -- '---\ntitle: fine\n---\n' >sub/ok.md && ln -s .. sub/up
# Leftovers beside an article are not articles (empty: a read would be an
# error); our own temporary files are, besides, named as stale.
for b in 'ok.md~' '#ok.md#' 4913 ok.md.orig ok.md.rej ok.md.bak ok.md.tmp \
	ok.md.swp ok.md.swo; do
	: >"sub/$b"
done
: >sub/.ok.md.newsdesk-tmp
: >sub/.ok.md.x7Yz.newsdesk-tmp
# A link out of the tree, to a directory holding a broken article.
mkdir "$tmp/outside" && : >"$tmp/outside/empty-outside.md"
ln -s "$tmp/outside" out

for f in *.md; do
	[ -p "$f" ] && continue
	timeout 30 "$bin" check "$f" >"$tmp/out" 2>&1
	rc=$?
	if [ $rc -ge 124 ]; then
		echo "FAIL $f: exit $rc (crash or hang)"; cat "$tmp/out"; fail=1
	fi
done

timeout 120 "$bin" check . >"$tmp/all" 2>&1
rc=$?
[ $rc = 1 ] || { echo "FAIL: check . exit $rc, want 1"; fail=1; }
expect() {
	if ! grep -qF -- "$1" "$tmp/all"; then
		echo "FAIL: no line with '$1'"; fail=1
	fi
}
expect "./empty.md: empty file"
expect "./no-frontmatter.md:1:1: no front matter"
expect "./unterminated.md:1:1: unterminated front matter"
expect "./not-mapping.md:2:1: front matter must be a mapping"
expect "./invalid-utf8.md:2:13: invalid UTF-8"
expect "./tab-indent.md:3:1: tab character"
expect "./duplicate-key.md:4:1: duplicate key 'title' (first at line 2)"
expect "./alias-bomb.md:7:8: more than 100000 nodes"
expect "./alias-cycle.md:2:11: alias '*x' refers to a node that contains it"
expect "./deep-nesting.md:2:35: nesting deeper than 32 levels"
expect "./deep-map.md:2:"
expect "./many-keys.md:30002:1: duplicate key 'k5' (first at line 7)"
expect "./huge-scalar.md:2:8: value longer than"
expect "./huge-file.md: file too large"
expect "./wrong-types.md:3:10: warning: field 'quality' should be a number"
expect "./out-of-range.md:3:10: warning: field 'quality' should be a whole number from -1 to 1000000, found '5.5'"
expect "./out-of-range.md:4:7: warning: field 'heat' should be a whole number from -1 to 1000000, found '99999999999'"
expect "./fifo.md: warning: a FIFO, not a regular file; skipped"
expect "./loop: warning: directory already visited"
expect "./sub/up: warning: directory already visited"
expect "./dangling.md: warning: broken symbolic link; skipped"
expect "./out: warning: symbolic link to a directory outside '.'; skipped"
expect "./sub/.ok.md.newsdesk-tmp: warning: a temporary file left by an interrupted write"
expect "./sub/.ok.md.x7Yz.newsdesk-tmp: warning: a temporary file left by an interrupted write"
expect "checked "
# Files that are fine say nothing.
if grep -q "crlf.md\|bom.md\|dots-end.md\|sub/ok.md" "$tmp/all"; then
	echo "FAIL: a clean file was reported"; grep "crlf\|bom\|dots\|ok.md" "$tmp/all"; fail=1
fi
# Leftovers and what lies behind the link out say nothing.
if grep -E 'empty-outside|ok\.md(~|#|\.orig|\.rej|\.bak|\.tmp|\.swp|\.swo)|/4913' "$tmp/all"; then
	echo "FAIL: a leftover or a file outside the tree was checked"; fail=1
fi
# --follow-links goes out of the tree, and says nothing about the link.
timeout 120 "$bin" check --follow-links . >"$tmp/follow" 2>&1
if ! grep -qF "./out/empty-outside.md: empty file" "$tmp/follow" ||
	grep -q "outside '.'" "$tmp/follow"; then
	echo "FAIL: check --follow-links"; cat "$tmp/follow"; fail=1
fi
# list and stats stay in the tree too, unless told (--follow-links).
mkdir "$tmp/lt" "$tmp/lt-out"
printf -- '---\ntitle: near\n---\n' >"$tmp/lt/near.md"
printf -- '---\ntitle: far away\n---\n' >"$tmp/lt-out/far.md"
ln -s ../lt-out "$tmp/lt/far"
"$bin" list --format tsv "$tmp/lt" >"$tmp/l.out" 2>"$tmp/l.err"
if grep -q "far away" "$tmp/l.out" ||
	! grep -q "and 1 entries were skipped" "$tmp/l.err"; then
	echo "FAIL: list left the tree"; cat "$tmp/l.out" "$tmp/l.err"; fail=1
fi
"$bin" list --follow-links --format tsv "$tmp/lt" >"$tmp/l.out" 2>"$tmp/l.err"
if ! grep -q "far away" "$tmp/l.out" || [ -s "$tmp/l.err" ]; then
	echo "FAIL: list --follow-links"; cat "$tmp/l.out" "$tmp/l.err"; fail=1
fi
if ! "$bin" stats "$tmp/lt" 2>/dev/null | grep -q '^1 article,' ||
	! "$bin" stats --follow-links "$tmp/lt" | grep -q '^2 articles,'; then
	echo "FAIL: stats and --follow-links"; fail=1
fi
# No raw control character from content reaches the output.
if LC_ALL=C grep -q "$(printf '[\001-\010\016-\037]')" "$tmp/all"; then
	echo "FAIL: raw control byte in output"; fail=1
fi
[ $fail = 0 ] && echo "cli hostile: all passed"
exit $fail
