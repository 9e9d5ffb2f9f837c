#!/bin/sh
# 'newsdesk list --format json' is valid JSON Lines with every field.
set -u
bin=$1
src=$(cd "$2" && pwd)
cd "$src" || exit 1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export XDG_CACHE_HOME="$tmp/cache" # the persistent index stays in here
fail=0

"$bin" list samples --format json >"$tmp/all.jsonl" || fail=1
python3 -m json.tool --json-lines "$tmp/all.jsonl" >/dev/null || {
	echo "FAIL: samples JSON does not parse"; fail=1; }
n=$(wc -l <"$tmp/all.jsonl")
files=$(find samples -type f ! -name '.*' | wc -l)
[ "$n" -eq "$files" ] || { echo "FAIL: $n JSON lines for $files files"; fail=1; }

# Hostile content (escapes, NUL, C1, bad UTF-8 in values) stays valid JSON
# and carries no raw control byte.
"$bin" list tests/fixtures/hostile --format json >"$tmp/hostile.jsonl" 2>/dev/null
python3 -m json.tool --json-lines "$tmp/hostile.jsonl" >/dev/null || {
	echo "FAIL: hostile JSON does not parse"; fail=1; }
if LC_ALL=C grep -q "$(printf '\033')" "$tmp/hostile.jsonl"; then
	echo "FAIL: raw ESC in JSON output"; fail=1
fi

# Every front-matter key of every sample is in its JSON object.
python3 - "$tmp/all.jsonl" <<'PY' || fail=1
import json, sys
bad = 0
for line in open(sys.argv[1], encoding="utf-8"):
    obj = json.loads(line)
    text = open(obj["path"], encoding="utf-8").read()
    fm = text.split("\n---\n", 1)[0].split("\n")[1:]
    keys = [l.split(":", 1)[0] for l in fm if l and not l.startswith((" ", "#"))]
    for k in keys:
        if k not in obj:
            print("FAIL: %s lacks %s" % (obj["path"], k)); bad = 1
    if not isinstance(obj.get("read"), bool):
        print("FAIL: %s: 'read' is not true or false" % obj["path"]); bad = 1
    if len(keys) < 5:
        print("FAIL: %s: could not read its keys" % obj["path"]); bad = 1
sys.exit(bad)
PY
[ $fail = 0 ] && echo "cli json: all passed"
exit $fail
