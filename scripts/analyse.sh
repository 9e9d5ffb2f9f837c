#!/bin/sh
# Static analysis of src/, as CI runs it; exits non-zero on any finding.
#   cppcheck   warnings, portability and performance
#   clang-tidy the curated list in .clang-tidy (bugprone, clang-analyzer,
#              cert), every finding an error
#   gcc        -fanalyzer, every finding an error
# Usage: scripts/analyse.sh [BUILD_ROOT]   (default build-analyse/)
# A finding that is wrong is silenced where it occurs, with the reason
# beside it (NOLINTNEXTLINE(check) or a restructured line), never here.
set -eu
src=$(cd "$(dirname "$0")/.." && pwd)
out=${1:-$src/build-analyse}
jobs=$(nproc 2>/dev/null || echo 2)
files=$(cd "$src" && git ls-files 'src/*.c' 2>/dev/null || find src -name '*.c')
fail=0

echo "== compile commands =="
cmake -S "$src" -B "$out/db" -DCMAKE_EXPORT_COMPILE_COMMANDS=ON \
	-DNEWSDESK_TESTS=OFF >/dev/null

echo "== cppcheck =="
cppcheck --project="$out/db/compile_commands.json" --quiet \
	--enable=warning,portability,performance --inline-suppr \
	--suppress=missingIncludeSystem --error-exitcode=1 \
	-i "$src/bench" || fail=1

echo "== clang-tidy =="
tidy=$(command -v run-clang-tidy || command -v run-clang-tidy-14 || true)
if [ -z "$tidy" ]; then
	echo "run-clang-tidy is missing (scripts/deps.sh installs clang-tidy)"
	fail=1
else
	(cd "$src" && "$tidy" -p "$out/db" -j "$jobs" -quiet \
		$(for f in $files; do echo "$src/$f"; done)) \
		>"$out/clang-tidy.log" 2>&1 || true
	# run-clang-tidy's exit status is unreliable across versions: the
	# log is the judge.
	if grep -E '(warning|error):' "$out/clang-tidy.log"; then
		fail=1
	fi
fi

echo "== gcc -fanalyzer =="
cmake -S "$src" -B "$out/fanalyzer" -DCMAKE_C_COMPILER=gcc \
	-DCMAKE_C_FLAGS=-fanalyzer -DNEWSDESK_WERROR=ON \
	-DNEWSDESK_TESTS=OFF >/dev/null
cmake --build "$out/fanalyzer" -j "$jobs" >"$out/fanalyzer.log" 2>&1 || {
	grep -E 'warning:|error:' "$out/fanalyzer.log"
	fail=1
}

[ $fail = 0 ] && echo "analyse: clean"
exit $fail
