#!/bin/sh
# The whole test suite, as CI runs it: a -Werror build and an ASan+UBSan
# build, each running every ctest test (unit, golden, hostile input,
# layering, fuzz regressions, end-to-end in tmux, crash and race), the
# .deb built, installed, run and removed (scripts/deb.sh), then a
# short fuzz of every libFuzzer target (scripts/fuzz.sh, FUZZ_SECONDS
# each; 0 skips it) and the static analysis (scripts/analyse.sh).
# Usage: scripts/test.sh [BUILD_ROOT]
set -eu
src=$(cd "$(dirname "$0")/.." && pwd)
out=${1:-$src/build-test}
jobs=$(nproc 2>/dev/null || echo 2)
# scripts/deps.sh installs sshd and mandoc: here their absence is a
# failure, not a skip.
export NEWSDESK_REQUIRE_SSH=1
export NEWSDESK_REQUIRE_MANDOC=1

echo "== release build (-Werror) =="
cmake -S "$src" -B "$out/release" -DCMAKE_BUILD_TYPE=RelWithDebInfo \
	-DNEWSDESK_WERROR=ON >/dev/null
cmake --build "$out/release" -j "$jobs"
ctest --test-dir "$out/release" --output-on-failure -j "$jobs"

echo "== sanitizer build (ASan+UBSan) =="
cmake -S "$src" -B "$out/asan" -DCMAKE_BUILD_TYPE=Debug \
	-DNEWSDESK_WERROR=ON -DNEWSDESK_SANITIZE=ON >/dev/null
cmake --build "$out/asan" -j "$jobs"
ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 \
UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
	ctest --test-dir "$out/asan" --output-on-failure -j "$jobs"

echo "== debian package (cpack, apt-get install, run, remove) =="
sh "$src/scripts/deb.sh" "$out/deb"

if [ "${FUZZ_SECONDS:-20}" != 0 ]; then
	echo "== fuzz smoke (libFuzzer, ${FUZZ_SECONDS:-20}s per target) =="
	FUZZ_BUILD="$out/fuzz" sh "$src/scripts/fuzz.sh"
fi

echo "== static analysis (cppcheck, clang-tidy, gcc -fanalyzer) =="
sh "$src/scripts/analyse.sh" "$out/analyse"
