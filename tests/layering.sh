#!/bin/sh
# Keeps the architecture honest: which files may include what, and which
# may print or exit.
set -u
cd "$1/src" || exit 1
fail=0
bad() { echo "FAIL: $*"; fail=1; }

for f in *.c; do
	case $f in
	ui_*.c) ;;
	*) grep -q '#include <n\?curses' "$f" && bad "$f includes curses (only ui_*.c may)";;
	esac
	case $f in
	html.c) ;;
	*) grep -q '#include <libxml/' "$f" && bad "$f includes libxml2 (only html.c may)";;
	esac
	case $f in
	fetch*.c) ;;
	*) grep -q '#include <curl/' "$f" && bad "$f includes curl (only fetch*.c may)";;
	esac
	case $f in
	yamltree.c) ;;
	*) grep -q '#include <yaml.h>' "$f" && bad "$f includes yaml.h (only yamltree.c may)";;
	esac
	case $f in
	main.c|cli_*.c|cmd_*.c|ui_*.c) ;;
	*)
		grep -nE '\b(printf|puts|perror)\s*\(|fprintf\s*\(\s*std(out|err)' "$f" &&
			bad "$f prints (core modules return errors instead)"
		grep -nE '\bexit\s*\(' "$f" && bad "$f calls exit()"
		;;
	esac
	grep -nE '\b(sprintf|strcpy|strcat|strtok|gets|atoi|system|popen)\s*\(' "$f" &&
		bad "$f uses a banned function"
done
[ $fail = 0 ] && echo "layering: all passed"
exit $fail
