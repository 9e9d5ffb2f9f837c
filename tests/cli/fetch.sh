#!/bin/sh
# newsdesk fetch and check --links against the loopback test server.
set -u
bin=$1
src=$(cd "$2" && pwd)
tmp=$(mktemp -d)
fifo="$tmp/stdin"
mkfifo "$fifo"
python3 "$src/tests/fetch/server.py" --port-file "$tmp/port" <"$fifo" &
server=$!
exec 3>"$fifo" # closing fd 3 stops the server
trap 'exec 3>&-; rm -rf "$tmp"' EXIT
# The server renames its port file into place whole. Wait for it as long
# as the server lives: a loaded machine starts Python slowly, and the 2 s
# limit that was here would fail a run that is only slow. ctest's TIMEOUT
# stops a hang.
while [ ! -s "$tmp/port" ]; do
	kill -0 "$server" 2>/dev/null || { echo "FAIL: the test server died"; exit 1; }
	sleep 0.1
done
base="http://127.0.0.1:$(head -1 "$tmp/port")"
export HOME="$tmp" XDG_CACHE_HOME="$tmp/cache" LC_ALL=C.UTF-8
export no_proxy=127.0.0.1,localhost NO_PROXY=127.0.0.1,localhost
fail=0
bad() { echo "FAIL: $*"; fail=1; }

"$bin" fetch "$base/pages/article.html" --width 60 >"$tmp/out" || bad "fetch exit $?"
grep -q "^Lunar lander survives its first night & wakes up$" "$tmp/out" || bad "no title"
grep -q "^• Battery at 62.%$" "$tmp/out" || bad "no list item"
grep -q "^\[1\] $base/pages/links.html$" "$tmp/out" || bad "links not numbered"
grep -q "Advertisement\|Copyright footer\|alert" "$tmp/out" && bad "boilerplate kept"

"$bin" fetch "$base/pages/article.html" --format html >"$tmp/raw"
cmp -s "$tmp/raw" "$src/tests/fetch/pages/article.html" || bad "raw page differs"

"$bin" fetch "$base/404" >/dev/null 2>"$tmp/err"
[ $? = 1 ] || bad "404 should exit 1"
grep -q "HTTP 404 not found" "$tmp/err" || bad "no 404 message"
"$bin" fetch "$base/to-file" >/dev/null 2>"$tmp/err"
grep -q "not http(s)" "$tmp/err" || bad "file:// redirect not refused"

# offline: what was fetched before is there, nothing else
"$bin" fetch --offline "$base/pages/article.html" >/dev/null 2>&1 || bad "offline copy missing"
"$bin" fetch --offline "$base/pages/links.html" >/dev/null 2>"$tmp/err"
grep -q "not in the cache (offline)" "$tmp/err" || bad "offline miss not said"

# an article file: its originalUrl
mkdir -p "$tmp/news"
printf -- '---\ntitle: a\noriginalUrl: "%s/pages/links.html"\n---\n' "$base" >"$tmp/news/a.md"
printf -- '---\ntitle: b\noriginalUrl: "%s/404"\nwebUrl: "%s/chain/2"\n---\n' "$base" "$base" >"$tmp/news/b.md"
"$bin" fetch "$tmp/news/a.md" | grep -q "Mission timeline" || bad "fetch FILE"

"$bin" check --links "$tmp/news" >"$tmp/out" 2>"$tmp/err"
[ $? = 1 ] || bad "check --links should exit 1"
grep -q "b.md: dead link $base/404: HTTP 404 not found" "$tmp/out" || bad "dead link not listed"
grep -q "checked 3 links: 1 dead" "$tmp/err" || bad "link count: $(cat "$tmp/err")"

# hostile page: nothing from the page reaches the terminal raw
"$bin" fetch "$base/pages/hostile.html" >"$tmp/out"
if LC_ALL=C grep -q "$(printf '\033')" "$tmp/out"; then bad "ESC in output"; fi
grep -q "<U+202E>gnp.exe" "$tmp/out" || bad "RLO not shown"

[ $fail = 0 ] && echo "cli fetch: all passed"
exit $fail
