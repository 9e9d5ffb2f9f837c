#!/bin/sh
# Keeps the architecture honest. Usage: layering.sh SOURCE_DIR [BUILD_DIR]
#  - which layer may include which headers (calls go downwards only);
#  - which single file may include each outside library;
#  - which layers may print or exit (none of the libraries below cli/ui);
#  - banned functions;
#  - with BUILD_DIR: the libraries' undefined symbols, so what the linker
#    sees agrees with the includes (the model and write-back know no curl,
#    libxml2, md4c or curses, even through a forward declaration).
set -u
build=${2:-}
case $build in "" | /*) ;; *) build=$(pwd)/$build ;; esac
cd "$1/src" || exit 1
fail=0
bad() { echo "FAIL: $*"; fail=1; }

# Layers each layer may include, below itself.
allowed() {
	case $1 in
	base) echo "base" ;;
	model) echo "base model" ;;
	write) echo "base model write" ;;
	present) echo "base model present" ;;
	net) echo "base model present net" ;;
	ui) echo "base model write present net ui" ;;
	cli) echo "base model write present net ui" ;;
	esac
}

for f in */*.c */*.h; do
	layer=${f%%/*}
	ok=$(allowed "$layer")
	for inc in $(sed -n 's|^#include "newsdesk/\([a-z]*\)/.*|\1|p' "$f"); do
		case " $ok " in
		*" $inc "*) ;;
		*) bad "$f ($layer) includes a $inc header" ;;
		esac
	done
	only() { # only FILE-PATTERN PATTERN WHAT
		case $f in
		$1) ;;
		*) grep -q "$2" "$f" && bad "$f includes $3 (only $1 may)" ;;
		esac
	}
	only 'ui/*' '#include <n\?curses' curses
	only net/html.c '#include <libxml/' libxml2
	only net/fetch.c '#include <curl/' curl
	only model/yamltree.c '#include <yaml.h>' libyaml
	only present/markdown.c '#include <md4c' md4c
	case $layer in
	cli | ui) ;;
	*)
		grep -nE '\b(printf|puts|perror)\s*\(|fprintf\s*\(\s*std(out|err)' "$f" &&
			bad "$f prints (libraries return errors instead)"
		grep -nE '\bexit\s*\(' "$f" && bad "$f calls exit()"
		;;
	esac
	case $f in
	cli/main.c) ;;
	*) grep -nE '(^|[^_])\bexit\s*\(' "$f" && bad "$f calls exit() (only main.c may)" ;;
	esac
	grep -nE '\b(sprintf|vsprintf|strcpy|strcat|strtok|gets|atoi|atol|system|popen)\s*\(' "$f" &&
		bad "$f uses a banned function"
done

# What each library may leave for the linker to find elsewhere.
forbid() { # forbid LIB REGEX WHAT
	archive="$build/libnd_$1.a"
	[ -f "$archive" ] || { bad "no $archive"; return; }
	syms=$(nm -u "$archive" | awk '{print $2}' | grep -E "$2" | sort -u | head -5)
	[ -z "$syms" ] || bad "libnd_$1 needs $3: $(echo $syms)"
}
if [ -n "$build" ]; then
	curses='^(initscr|newterm|endwin|wrefresh|refresh|getch|wgetch|mvwaddn?str|waddn?str|init_pair|start_color|keypad|nodelay|wmove|stdscr|COLS|LINES)$'
	net='^(curl_|xml|html[A-Z])'
	for lib in base model write present; do
		forbid $lib "$net" "curl or libxml2"
		forbid $lib "$curses" curses
	done
	for lib in base model write; do forbid $lib '^md_' md4c; done
	forbid base '^yaml_' libyaml
	forbid net "$curses" curses
	for lib in base model write present net; do
		forbid $lib '^(nd_desk_|ui_|cli_|cmd_)' "the desk or the command line"
	done
	forbid base '^nd_(yaml|node|article|index|query|loader|fm|edit|journal|triage|safe|doc|theme|config|keys?|view|fetch|cache|page|job|html)_' "a higher layer"
	forbid model '^nd_(edit|journal|triage|safe|doc|theme|config|view|fetch|cache|page|job|html)_' "a higher layer"
	forbid write '^nd_(doc|theme|config|view|fetch|cache|page|job|html)_' "present or net"
	forbid present '^nd_(edit|journal|triage|safe|fetch|cache|page|job|html)_' "write or net"
fi
[ $fail = 0 ] && echo "layering: all passed"
exit $fail
