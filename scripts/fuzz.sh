#!/bin/sh
# Builds the libFuzzer targets with clang (ASan+UBSan) and runs each for a
# fixed time; fails when any finds a crash, a leak, a timeout or an OOM.
#
# Usage: scripts/fuzz.sh [TARGET...]   (default: every one listed in
#                                      tests/fuzz/targets.cmake)
#   FUZZ_SECONDS=20    time per target (CI's smoke); 600 for a long run
#   FUZZ_BUILD=DIR     build directory (default: build-fuzz in the source)
#   FUZZ_CC=clang-14   the compiler (default: clang)
#
# Writes only under FUZZ_BUILD: the build, DIR/corpus/TARGET (a working
# copy of tests/fuzz/seeds, tests/fuzz/regress and the samples, kept and
# grown from run to run), DIR/crashes/TARGET/ (what libFuzzer finds) and
# DIR/logs/TARGET.log. A crashing input, once minimised, belongs in
# tests/fuzz/regress/TARGET/ (see tests/fuzz/README.md).
set -eu
src=$(cd "$(dirname "$0")/.." && pwd)
out=${FUZZ_BUILD:-$src/build-fuzz}
seconds=${FUZZ_SECONDS:-20}
jobs=$(nproc 2>/dev/null || echo 2)

# Longest input per target: room for a real file of its kind, small
# enough that the fuzzer spends its time on structure, not bulk.
max_len() {
	case $1 in
	query) echo 512 ;;
	html) echo 16384 ;;
	config | theme) echo 4096 ;;
	*) echo 8192 ;;
	esac
}

# The samples are articles: as they are for the front-matter parser,
# behind an edit-choosing byte for the edit target (0-15, in turn), and
# as Markdown for the renderer.
add_samples() { # add_samples TARGET DIR
	i=0
	case $1 in
	frontmatter | html)
		cp "$src"/samples/*/*.md "$2"/
		[ "$1" = html ] && cp "$src"/tests/fetch/pages/*.html "$2"/
		;;
	edit)
		for f in "$src"/samples/*/*.md; do
			# shellcheck disable=SC2059 # the byte as \ooo
			{ printf "\\$(printf %03o $((i % 16)))"; cat "$f"; } \
				>"$2/sample-$i"
			i=$((i + 1))
		done
		;;
	esac
	return 0
}

count() { find "$1" -type f | wc -l; }

all=$(sed -n 's/^ *\([a-z]*\):nd_[a-z]*)\{0,1\}$/\1/p' \
	"$src/tests/fuzz/targets.cmake" | tr '\n' ' ')
all=${all% }
targets=${*:-$all}
for t in $targets; do
	case " $all " in
	*" $t "*) ;;
	*) echo "unknown fuzz target '$t' (known: $all)" >&2; exit 2 ;;
	esac
done
echo "== fuzz build (clang, libFuzzer, ASan+UBSan) =="
CC=${FUZZ_CC:-clang} cmake -S "$src" -B "$out" \
	-DCMAKE_BUILD_TYPE=RelWithDebInfo -DNEWSDESK_FUZZ=ON \
	-DNEWSDESK_SANITIZE=ON -DNEWSDESK_TESTS=OFF -DNEWSDESK_WERROR=ON \
	>/dev/null
# shellcheck disable=SC2046 # one --target per word
cmake --build "$out" -j "$jobs" \
	$(for t in $targets; do echo --target "fuzz_$t"; done)

echo "== fuzzing, ${seconds}s per target =="
failed=""
for t in $targets; do
	corpus=$out/corpus/$t crashes=$out/crashes/$t log=$out/logs/$t.log
	mkdir -p "$corpus" "$crashes" "$out/logs"
	cp "$src/tests/fuzz/seeds/$t"/* "$corpus"/
	for f in "$src/tests/fuzz/regress/$t"/*; do
		[ -f "$f" ] && cp "$f" "$corpus"/
	done
	add_samples "$t" "$corpus"
	before=$(count "$crashes")
	# -timeout: one input taking 10 s is a hang; -rss_limit_mb: a
	# blow-up is a failure, not a stuck CI; the outer timeout is a
	# last resort should libFuzzer itself get stuck. It runs in the
	# crash directory, as some artifacts ignore -artifact_prefix.
	rc=0 start=$(date +%s)
	(cd "$crashes" && ASAN_OPTIONS=detect_leaks=1 \
		UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
		timeout $((seconds + 300)) "$out/tests/fuzz/fuzz_$t" "$corpus" \
		-max_total_time="$seconds" -max_len="$(max_len "$t")" \
		-timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
		-artifact_prefix="$crashes/" >"$log" 2>&1) || rc=$?
	runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log")
	echo "$t: ${runs:-?} runs in $(($(date +%s) - start))s," \
		"corpus $(count "$corpus") files, exit $rc"
	if [ "$rc" != 0 ] || [ "$(count "$crashes")" != "$before" ]; then
		failed="$failed $t"
		grep -E '^(==[0-9]+==|SUMMARY|fuzz_[a-z]+:|.*runtime error)' \
			"$log" | head -5
		sed -n "s|.*Test unit written to ||p" "$log" |
			while read -r f; do echo "  input: $f"; done
		echo "  log: $log"
	fi
done
if [ -n "$failed" ]; then
	echo "FUZZ FAILED:$failed (inputs above; replay one with" \
		"$out/tests/fuzz/fuzz_TARGET FILE)"
	exit 1
fi
echo "fuzz: no crash, leak, timeout or OOM in: $targets"
