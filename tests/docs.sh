#!/bin/sh
# The docs name every key action and every theme role the code knows, so
# neither can drift from the other.
set -u
src=$(cd "$1" && pwd)
fail=0
actions=$(grep -oE '\[ND_ACT_[A-Z_]+\] = \{ .name = "[a-z-]+"' "$src/src/present/keys.c" |
	sed 's/.*"\(.*\)"/\1/' | grep -v '^none$')
[ -n "$actions" ] || { echo "FAIL: no actions found in keys.c"; exit 1; }
for a in $actions; do
	grep -q -- "$(echo "$a" | sed 's/-/\\\\-/g')" "$src/man/newsdesk.1" ||
		{ echo "FAIL: action '$a' is not in man/newsdesk.1"; fail=1; }
done
roles=$(sed -n '/role_names\[ND_ROLE_COUNT\] = {/,/};/p' "$src/src/present/theme.c" |
	grep -oE '"[a-z.]+"' | tr -d '"')
[ -n "$roles" ] || { echo "FAIL: no roles found in theme.c"; exit 1; }
for r in $roles; do
	grep -q "^\.B $r\$" "$src/man/newsdesk-theme.5" ||
		{ echo "FAIL: role '$r' is not in man/newsdesk-theme.5"; fail=1; }
	for t in "$src"/themes/*.yaml; do
		grep -q "^  $r:" "$t" ||
			{ echo "FAIL: role '$r' is not in $t"; fail=1; }
	done
done
# The man pages lint clean (mandoc -Tlint prints nothing), so every row
# renders as text. scripts/deps.sh installs mandoc; without it, say so.
if command -v mandoc >/dev/null 2>&1; then
	for m in "$src"/man/*.[0-9]; do
		out=$(mandoc -Tlint "$m" 2>&1)
		[ -z "$out" ] || { echo "FAIL: mandoc -Tlint $m:"; echo "$out"; fail=1; }
	done
elif [ "${NEWSDESK_REQUIRE_MANDOC:-0}" = 1 ]; then
	echo "FAIL: mandoc is not installed"; fail=1
else
	echo "docs: mandoc not installed, man pages not linted"
fi
[ $fail = 0 ] && echo "docs: all passed"
exit $fail
