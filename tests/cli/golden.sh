#!/bin/sh
# Golden tests of the command line over samples/.
# usage: golden.sh NEWSDESK SOURCE_DIR    (UPDATE_GOLDEN=1 rewrites the files)
set -u
bin=$1
src=$(cd "$2" && pwd)
golden="$src/tests/cli/golden"
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
export LC_ALL=C.UTF-8
unset COLUMNS
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
run check-samples 0 check samples
run check-hostile 1 check tests/fixtures/hostile
run desk 0 samples
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

run list-no-cache 0 --no-cache list samples

if [ -z "${GOLDEN_CACHE:-}" ] && [ "${UPDATE_GOLDEN:-}" != 1 ]; then
	# Files younger than 100 ms are not cached (racy timestamps).
	sleep 0.2
	[ -n "$(ls "$cache/newsdesk" 2>/dev/null)" ] ||
		{ echo "FAIL: no cache written in $cache"; fail=1; }
	GOLDEN_CACHE=$cache "$0" "$@" || { echo "FAIL: warm pass"; fail=1; }
fi
if [ $fail = 0 ]; then echo "cli golden: all passed${GOLDEN_CACHE:+ (warm)}"; fi
exit $fail
