#!/bin/sh
# Allocation-failure torture (as curl's): in a debug build,
# NEWSDESK_FAIL_ALLOC=N makes the Nth allocation fail. For every N up to
# what a command allocates, the command must end with exit 1 and
# "newsdesk: out of memory", or succeed when N is past its last
# allocation; never a signal, a sanitizer report or a changed file.
# Usage: torture.sh NEWSDESK SOURCE_DIR
set -u
bin=$1
src=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export HOME="$tmp" XDG_STATE_HOME="$tmp/state" XDG_CACHE_HOME="$tmp/cache"
export XDG_CONFIG_HOME="$tmp/config"
cp -r "$src/samples" "$tmp/samples"
one=$(ls "$tmp"/samples/*/*.md | head -n 1)
fail=0

# Every N from 1 to 60, then every 211th (13th for set) up to the
# command's count: the first allocations are where set-up paths differ.
run() { # run NAME ARGS...
	name=$1
	shift
	n=1
	while :; do
		NEWSDESK_FAIL_ALLOC=$n "$bin" "$@" >"$tmp/out" 2>"$tmp/err"
		rc=$?
		if grep -q 'Sanitizer\|runtime error' "$tmp/err"; then
			echo "FAIL: $name, allocation $n: sanitizer report"
			head -n 20 "$tmp/err"
			fail=1
			return
		fi
		if [ $rc -eq 0 ]; then
			break # past the command's last allocation
		fi
		if [ $rc -ne 1 ] || ! grep -q '^newsdesk: out of memory$' "$tmp/err"; then
			echo "FAIL: $name, allocation $n: exit $rc"
			head -n 5 "$tmp/err"
			fail=1
			return
		fi
		if [ $n -lt 60 ]; then n=$((n + 1)); else n=$((n + 211)); fi
	done
	echo "ok: $name ($n allocations tried past the end)"
}

before=$(cat "$tmp"/samples/*/*.md | cksum)
run list list "$tmp/samples"
run list-json list "$tmp/samples" --format json
run check check "$tmp/samples"
run stats stats "$tmp/samples"
run show show "$one"
run set-dry-run set "$one" published=true quality+=5 --dry-run
after=$(cat "$tmp"/samples/*/*.md | cksum)

# A real write: after every failure the file is the old one or the new
# one, and the journal still reads (log and undo work).
cp "$one" "$tmp/orig.md"
"$bin" set "$one" quality=61 >/dev/null 2>&1
cp "$one" "$tmp/new.md"
cp "$tmp/orig.md" "$one"
rm -rf "$tmp/state"
n=1
while :; do
	NEWSDESK_FAIL_ALLOC=$n "$bin" set "$one" quality=61 >/dev/null 2>"$tmp/err"
	rc=$?
	if grep -q 'Sanitizer\|runtime error' "$tmp/err" ||
	   { [ $rc -ne 0 ] && ! grep -q '^newsdesk: out of memory$' "$tmp/err"; }; then
		echo "FAIL: set, allocation $n: exit $rc"
		head -n 20 "$tmp/err"
		fail=1
		break
	fi
	if ! cmp -s "$one" "$tmp/orig.md" && ! cmp -s "$one" "$tmp/new.md"; then
		echo "FAIL: set, allocation $n: the file is neither old nor new"
		fail=1
		break
	fi
	if ! "$bin" log "$tmp/samples" >/dev/null 2>"$tmp/err"; then
		echo "FAIL: set, allocation $n: the journal no longer reads"
		head -n 5 "$tmp/err"
		fail=1
		break
	fi
	[ $rc -eq 0 ] && break
	cp "$tmp/orig.md" "$one"
	if [ $n -lt 60 ]; then n=$((n + 1)); else n=$((n + 13)); fi
done
[ $fail = 0 ] && echo "ok: set ($n allocations)"
cp "$tmp/orig.md" "$one"
[ "$before" = "$after" ] || { echo "FAIL: a sample changed"; fail=1; }
[ $fail = 0 ] && echo "torture: all passed"
exit $fail
