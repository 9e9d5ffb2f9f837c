#!/usr/bin/env python3
"""The desk across a terminal matrix, in a private tmux server.

For every TERM (xterm-256color, screen-256color, tmux-256color, xterm,
vt100, linux), locale (C.UTF-8 and C) and size (40x12, 80x24, 200x50):
the desk starts, draws the list, moves, quits with status 0 and leaves
the shell's screen usable. Colours follow the terminal: 256-colour
sequences only where TERM has 256 colours, none at all on vt100 or with
NO_COLOR. TERM=dumb, an unknown TERM and no terminal at all give a clear
message and a non-zero status, never a drawing.

Checks look for article text, not for the desk's layout.

usage: terms.py NEWSDESK SOURCE_DIR
"""
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import traceback

BIN = os.path.abspath(sys.argv[1])
SRC = os.path.abspath(sys.argv[2])
SAMPLES = os.path.join(SRC, "samples")
SOCKET = "nd-terms-%d" % os.getpid()
TIMEOUT = 30.0  # only a hang guard
TERMS = {  # TERM: colours it has
    "xterm-256color": 256, "screen-256color": 256, "tmux-256color": 256,
    "xterm": 8, "linux": 8, "vt100": 0,
}
SIZES = [(40, 12), (80, 24), (200, 50)]
LANGS = ["C.UTF-8", "C"]
SGR = re.compile(r"\x1b\[([0-9;]*)m")
COLOUR_SGR = set(range(30, 38)) | set(range(40, 48)) | set(range(90, 108))


class Fail(Exception):
    pass


def tmux(*args):
    r = subprocess.run(["tmux", "-L", SOCKET, "-f", "/dev/null"] + list(args),
                       capture_output=True, text=True)
    if r.returncode != 0:
        raise Fail("tmux %s: %s" % (" ".join(args), r.stderr.strip()))
    return r.stdout


def wait(what, probe):
    end = time.monotonic() + TIMEOUT
    while True:
        ok, value = probe()
        if ok:
            return value
        if time.monotonic() > end:
            raise Fail("timed out waiting for %s; last seen:\n%s" % (what, value))
        time.sleep(0.05)


def capture(colours=False):
    return tmux("capture-pane", "-p", "-t", "m", *(["-e"] if colours else []))


def wait_text(text):
    return wait(repr(text), lambda: (text in capture(), capture()))


def run(home, term, lang, cols, rows, extra=""):
    """Starts the desk in a fresh tmux session; the shell line after it
    prints the exit status."""
    env = "env -i HOME=%s PATH=/usr/bin:/bin TERM=%s LANG=%s %s" % (home, term, lang, extra)
    tmux("new-session", "-d", "-s", "m", "-x", str(cols), "-y", str(rows),
         "%s %s --no-config %s; echo rc=$?; sleep 600" % (env, BIN, SAMPLES))


def colours_used(screen):
    """256 when an SGR 38;5 / 48;5 appears, 8 for 30-37 / 40-47 / 90-107,
    0 for none (39 and 49, the default colours, are not colours)."""
    seen = 0
    for params in SGR.findall(screen):
        p = params.split(";")
        if "5" in p and ("38" in p or "48" in p):
            return 256
        if any(x.isdigit() and int(x) in COLOUR_SGR for x in p):
            seen = 8
    return seen


def one(home, term, lang, cols, rows):
    run(home, term, lang, cols, rows)
    try:
        wait_text("Regulators")
        screen = capture(colours=True)
        got = colours_used(screen)
        want = TERMS[term]
        if got > want or (want and not got):
            raise Fail("%s: colours %d, expected %d" % (term, got, want))
        if "\x1b" in capture():
            raise Fail("an escape sequence reached the screen as text")
        tmux("send-keys", "-t", "m", "j")
        tmux("send-keys", "-t", "m", "q")
        wait_text("rc=0")
    finally:
        tmux("kill-session", "-t", "m")


def refused(home, term, message):
    run(home, term, "C.UTF-8", 80, 24)
    try:
        screen = wait("the refusal", lambda: ("rc=" in capture(), capture()))
        flat = screen.replace("\n", "")
        if message not in flat or "rc=0" in screen or "Regulators" in screen:
            raise Fail("TERM=%s: expected %r and a non-zero status:\n%s" % (term, message, screen))
    finally:
        tmux("kill-session", "-t", "m")


def no_colour(home):
    run(home, "xterm-256color", "C.UTF-8", 80, 24, extra="NO_COLOR=1")
    try:
        wait_text("Regulators")
        got = colours_used(capture(colours=True))
        if got:
            raise Fail("NO_COLOR: colours %d used" % got)
    finally:
        tmux("kill-session", "-t", "m")


def no_terminal():
    r = subprocess.run([BIN, SAMPLES], stdin=subprocess.DEVNULL,
                       capture_output=True, text=True, timeout=TIMEOUT)
    if r.returncode == 0 or r.stdout or "needs a terminal" not in r.stderr:
        raise Fail("no terminal: status %d, stdout %r, stderr %r" %
                   (r.returncode, r.stdout[:200], r.stderr))


def main():
    home = tempfile.mkdtemp(prefix="nd-terms-")
    cases = [("%s %s %dx%d" % (t, l, c, r), lambda t=t, l=l, c=c, r=r: one(home, t, l, c, r))
             for t in TERMS for l in LANGS for (c, r) in SIZES]
    cases += [("TERM=dumb", lambda: refused(home, "dumb", "cannot move the cursor")),
              ("TERM unknown", lambda: refused(home, "no-such-terminal",
                                               "cannot use terminal type 'no-such-terminal'")),
              ("NO_COLOR", lambda: no_colour(home)),
              ("no terminal", no_terminal)]
    failed = 0
    tmux("start-server", ";", "set", "-g", "exit-empty", "off")
    try:
        for name, case in cases:
            try:
                case()
                print("ok   %s" % name)
            except Exception:
                failed += 1
                print("FAIL %s" % name)
                traceback.print_exc()
    finally:
        subprocess.run(["tmux", "-L", SOCKET, "kill-server"], capture_output=True)
        shutil.rmtree(home, ignore_errors=True)
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
