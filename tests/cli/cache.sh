#!/bin/sh
# The persistent index from the command line: warm output equals cold
# output, --no-cache writes nothing, a damaged cache is rebuilt, and the
# progress line shows on a terminal only.
# usage: cache.sh NEWSDESK SOURCE_DIR
set -u
bin=$1
src=$(cd "$2" && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export XDG_CACHE_HOME="$tmp/cache" LC_ALL=C.UTF-8
unset COLUMNS
fail=0
bad() { echo "FAIL: $*"; fail=1; }
cd "$src" || exit 1

cp -R samples "$tmp/news"
cp tests/fixtures/hostile/*.md "$tmp/news/"
sleep 0.2 # files younger than 100 ms are not cached

"$bin" --no-cache list "$tmp/news" >"$tmp/cold.out" 2>"$tmp/cold.err"
[ -e "$tmp/cache" ] && bad "--no-cache wrote $(ls -R "$tmp/cache")"
for cmd in "list" "stats" "list -s title --format json"; do
	"$bin" --no-cache $cmd "$tmp/news" >"$tmp/c.out" 2>"$tmp/c.err"
	"$bin" $cmd "$tmp/news" >"$tmp/w1.out" 2>"$tmp/w1.err" # writes
	"$bin" $cmd "$tmp/news" >"$tmp/w2.out" 2>"$tmp/w2.err" # reads
	for k in out err; do
		cmp -s "$tmp/c.$k" "$tmp/w1.$k" || bad "$cmd: first run's $k"
		cmp -s "$tmp/c.$k" "$tmp/w2.$k" || bad "$cmd: warm $k differs"
	done
done
n=$(ls "$tmp/cache/newsdesk" | wc -l)
[ "$n" = 1 ] || bad "want one cache file, found $n"

# A damaged cache: the same output, and a good cache again after.
for f in "$tmp"/cache/newsdesk/*; do printf 'garbage' | dd of="$f" bs=1 \
	seek=100 conv=notrunc 2>/dev/null; done
"$bin" list "$tmp/news" >"$tmp/d.out" 2>"$tmp/d.err"
cmp -s "$tmp/cold.out" "$tmp/d.out" || bad "damaged cache changed the list"
cmp -s "$tmp/cold.err" "$tmp/d.err" || bad "damaged cache changed stderr"

# Progress: never in a pipe; on a terminal, always cleared.
grep -q loading "$tmp/cold.err" && bad "progress written to a pipe"
if command -v script >/dev/null 2>&1; then
	i=0
	mkdir "$tmp/many"
	while [ $i -lt 3000 ]; do
		printf -- '---\ntitle: t%s\n---\n' $i >"$tmp/many/$i.md"
		i=$((i + 1))
	done
	script -qc "'$bin' --no-cache list '$tmp/many' >/dev/null" /dev/null \
		>"$tmp/tty" 2>&1
	if grep -q loading "$tmp/tty"; then
		grep -q 'loading [0-9,]* / 3,000' "$tmp/tty" ||
			bad "progress text: $(od -c "$tmp/tty" | head -3)"
		tail -c 4 "$tmp/tty" | od -c | grep -q '033   \[   K' ||
			bad "progress line not cleared"
	fi
fi

[ $fail = 0 ] && echo "cli cache: all passed"
exit $fail
