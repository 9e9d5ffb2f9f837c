#!/bin/sh
# Builds the .deb with CPack, installs it with apt-get as a user would,
# runs the installed newsdesk on the samples, then removes it again.
# Usage: scripts/deb.sh [BUILD_DIR]   (needs root or sudo for apt-get)
set -eu
src=$(cd "$(dirname "$0")/.." && pwd)
out=${1:-$src/build-deb}
run() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

cmake -S "$src" -B "$out" -DCMAKE_BUILD_TYPE=Release \
	-DCMAKE_INSTALL_PREFIX=/usr -DNEWSDESK_TESTS=OFF -DNEWSDESK_WERROR=ON >/dev/null
cmake --build "$out" -j "$(nproc 2>/dev/null || echo 2)" --target newsdesk
(cd "$out" && rm -f newsdesk_*.deb && cpack -G DEB >/dev/null)
deb=$(ls "$out"/newsdesk_*.deb)
echo "built $deb"
dpkg-deb --info "$deb" | sed -n 's/^ *\(Depends\|Version\|Architecture\):/  &/p'
dpkg-deb --contents "$deb" | awk '{print "  " $6}'
if dpkg -s newsdesk >/dev/null 2>&1; then
	echo "deb: newsdesk is already installed here; not touching it" >&2
	exit 1
fi
DEBIAN_FRONTEND=noninteractive run apt-get install -y -q "$deb" >/dev/null
status=0
# Outside the source tree, so nothing can come from it.
cd /
/usr/bin/newsdesk --version || status=1
/usr/bin/newsdesk check "$src/samples" >/dev/null || status=1
/usr/bin/newsdesk list "$src/samples" -n 1 >/dev/null || status=1
[ -f /usr/share/newsdesk/themes/light.yaml ] || { echo "deb: themes missing"; status=1; }
man -w newsdesk >/dev/null 2>&1 || [ -f /usr/share/man/man1/newsdesk.1.gz ] ||
	[ -f /usr/share/man/man1/newsdesk.1 ] || { echo "deb: man page missing"; status=1; }
DEBIAN_FRONTEND=noninteractive run apt-get remove -y -q newsdesk >/dev/null
[ ! -e /usr/bin/newsdesk ] || { echo "deb: /usr/bin/newsdesk left after removal"; status=1; }
[ $status = 0 ] && echo "deb: built, installed, ran, removed"
exit $status
