#!/bin/sh
# Golden tests of the command line over samples/.
# usage: golden.sh NEWSDESK SOURCE_DIR    (UPDATE_GOLDEN=1 rewrites the files)
set -u
bin=$1
case $bin in /*) ;; */*) bin=$(pwd)/$bin ;; esac
src=$(cd "$2" && pwd)
golden="$src/tests/cli/golden"
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
export LC_ALL=C.UTF-8
unset COLUMNS
# The read state and the config (saved searches) come from fixtures, which
# list and stats only read: they must leave no file there (checked below).
export XDG_STATE_HOME="$src/tests/fixtures/reading/state"
export XDG_CONFIG_HOME="$src/tests/fixtures/reading/config"
# The persistent index: the first pass loads cold and writes it, the
# second (below) must print byte for byte the same from it.
cache=${GOLDEN_CACHE:-$out/cache}
export XDG_CACHE_HOME="$cache"
cd "$src" || exit 1
fail=0

# run NAME EXPECTED_EXIT ARGS...: stdout and stderr go to NAME.out / .err
run() {
	name=$1
	want=$2
	shift 2
	"$bin" "$@" >"$out/$name.out" 2>"$out/$name.err" </dev/null
	got=$?
	# Messages that name a fixture name it below the source tree.
	sed "s|$src/|SRC/|g" "$out/$name.err" >"$out/$name.tmp" &&
		mv "$out/$name.tmp" "$out/$name.err"
	if [ "$got" != "$want" ]; then
		echo "FAIL $name: exit $got, want $want"
		cat "$out/$name.err"
		fail=1
	fi
	for kind in out err; do
		if [ "${UPDATE_GOLDEN:-}" = 1 ]; then
			cp "$out/$name.$kind" "$golden/$name.$kind"
		elif ! diff -u "$golden/$name.$kind" "$out/$name.$kind"; then
			echo "FAIL $name: $kind differs from $golden/$name.$kind"
			fail=1
		fi
	done
}

mkdir -p "$golden"
one=samples/2023-04/003_79fed48c48eb33b3.md
run list 0 list samples
run list-query 0 list samples -q 'published:no (topic:AI OR topic:Security)' -s quality
run list-tsv 0 list samples --format tsv -s title -r
run list-limit 0 list samples -s heat -n 5
run list-provider 0 list samples -q 'provider:lemonde.fr OR provider:"NHK World"' -s provider
run list-nonascii 0 list samples -q 'зонд OR ελληνικά OR "日本"'
run show 0 show "$one"
run show-json 0 show "$one" --format json
run stats 0 stats samples
run stats-query 0 stats samples -q 'after:2023-04-01 before:2023-06-01 -topic:"Weekly Digest"'
# Some shells keep a function's prefix assignments: set and reset them.
export COLUMNS=40 LC_ALL=C
run stats-ascii-40 0 stats samples -q 'read:no published:no'
export LC_ALL=C.UTF-8
unset COLUMNS
run stats-bad-query 2 stats samples -q 'read:'
run check-samples 0 check samples
run check-hostile 1 check tests/fixtures/hostile
run desk 2 samples
run list-no-cache 0 --no-cache list samples
run bad-query 2 list samples -q 'topic:AI OR (quality>50'
run bad-field 2 list samples -q 'topc:AI'
run bad-sort 2 list samples -s size
run bad-sort-escape 2 list samples -s "$(printf 'x\033[2J')"
run bad-format 2 list samples --format xml
run missing-dir 1 list no/such/dir
run show-usage 2 show
run show-broken 1 show tests/fixtures/hostile/duplicate-key.md
run help 0 --help
run unknown-option 2 --frobnicate
run list-bad-option 2 list samples -x
run list-missing-value 2 list samples -q
run list-read 0 list samples -q 'read:yes' -s path
run list-unread 0 list samples -q 'read:no topic:AI' -s path
run list-read-json 0 list samples -q 'read:yes' -s path -n 2 --format json
run bad-read 2 list samples -q 'read:maybe'
run list-search 0 list samples --search 'unread AI'
run list-search-query 0 list samples --search 'to triage' -q 'provider:"BBC News" OR topic:Space' -s quality
run list-search-unknown 2 list samples --search nope

left=$(ls -A "$XDG_STATE_HOME/newsdesk")
if [ "$left" != read ]; then
	echo "FAIL: list or stats wrote to the state directory: $left"
	fail=1
fi

# --version names the libraries in use; their versions differ between
# machines, so the shape is checked, not the bytes.
v=$("$bin" --version)
lib='ncurses [0-9][^,]*, libyaml [0-9][^,]*, libcurl [0-9][^,]*, libxml2 [0-9]+\.[0-9]+\.[0-9]+, md4c [0-9.]+'
if ! printf '%s\n' "$v" | sed -n 2p | grep -Eqx "$lib" ||
	[ "$(printf '%s\n' "$v" | head -n 1)" != "newsdesk $(sed -n 's/^project(newsdesk VERSION \([^ ]*\).*/\1/p' CMakeLists.txt)" ]; then
	echo "FAIL version: $v"
	fail=1
fi

# Decisions, undo and the log, on a copy of two samples with a private
# journal; the copy's path and the log's times are replaced so the output
# is the same on every machine.
w=$out/w
mkdir -p "$w/2023-04" "$out/state"
cp samples/2023-04/000_b17eebfbd1440fc6.md samples/2023-04/003_79fed48c48eb33b3.md "$w/2023-04/"
a=2023-04/000_b17eebfbd1440fc6.md
b=2023-04/003_79fed48c48eb33b3.md
# run again, in the copy, with its path and times filtered (the first
# run's files are compared as they are).
run() {
	name=$1
	want=$2
	shift 2
	(cd "$w" && XDG_STATE_HOME=$out/state HOME=$out \
		"$bin" "$@" >"$out/$name.raw.out" 2>"$out/$name.raw.err" </dev/null)
	got=$?
	if [ "$got" != "$want" ]; then
		echo "FAIL $name: exit $got, want $want"
		cat "$out/$name.raw.err"
		fail=1
	fi
	for kind in out err; do
		sed -e "s|$w|W|g" -e 's|^[0-9T:-]*Z  |TIME  |' \
			"$out/$name.raw.$kind" >"$out/$name.$kind"
		if [ "${UPDATE_GOLDEN:-}" = 1 ]; then
			cp "$out/$name.$kind" "$golden/$name.$kind"
		elif ! diff -u "$golden/$name.$kind" "$out/$name.$kind"; then
			echo "FAIL $name: $kind differs from $golden/$name.$kind"
			fail=1
		fi
	done
}
run triage-quality 0 triage . -q Chipmakers --set quality=40
run set-publish 0 set "$a" published=TRUE quality=41
run set-dry 0 set --dry-run "$a" published=false
run set-range 2 set "$a" quality=2147483648
run set-step-range 1 set "$a" quality+=999999
run undo 0 undo
run redo 0 redo
run set-reject 0 set "$b" reject
run unreject 0 unreject ".rejected/$b"
run undo-unreject 0 undo .
run log 0 log -n 3
# Stories: a fixture of true and false pairs, grouped, queried, resolved
# and the resolution undone as one.
cp -r tests/fixtures/stories "$w/stories"
run stories 0 stories stories
run stories-query 0 stories stories -q provider:tidewire
run list-dups 0 list stories -q dups:yes -s path
run list-story 0 list stories -q 'story:676de105 -dups:no' -s path
run stories-resolve 0 stories stories --resolve 676de105
run stories-after 0 stories stories
run undo-resolve 0 undo stories


if [ -z "${GOLDEN_CACHE:-}" ] && [ "${UPDATE_GOLDEN:-}" != 1 ]; then
	# Files younger than 100 ms are not cached (racy timestamps).
	sleep 0.2
	[ -n "$(ls "$cache/newsdesk" 2>/dev/null)" ] ||
		{ echo "FAIL: no cache written in $cache"; fail=1; }
	GOLDEN_CACHE=$cache "$0" "$@" || { echo "FAIL: warm pass"; fail=1; }
fi
if [ $fail = 0 ]; then echo "cli golden: all passed${GOLDEN_CACHE:+ (warm)}"; fi
exit $fail
