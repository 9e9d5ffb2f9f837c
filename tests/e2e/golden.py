#!/usr/bin/env python3
"""Whole-screen golden tests of the desk (tmux's regress, vis's .keys/.ref).

Each tests/e2e/golden/NAME.keys is a key script; it runs at every size its
'sizes' line names, and every 'snap' appends the entire screen, text and
colours (capture-pane -p -e), to NAME.WxH.ref, which must match byte for
byte. Nothing is retried. After an intended change, regenerate and read
the diff before committing it:

    UPDATE_GOLDEN=1 python3 tests/e2e/golden.py build/newsdesk .

Script lines:
    sizes 80x24 120x35 40x12   the sizes to run at (the first line)
    dir samples|news|bulk      a fresh copy of samples/, the reader's pages
                               on the loopback server, or generated articles
    key K...                   tmux send-keys, one key each
    type TEXT                  typed literally
    resize WxH
    expect TEXT                wait until TEXT is on screen (it must not
                               have been before the last key)
    gone TEXT                  wait until TEXT has left the screen
    snap                       the whole screen into the reference
A reference holds the text with each style run opened by its whole style
("<bg=46,bold=1,fg=30>"), so the colours are compared, not the way tmux
happened to spell them. The screen is deterministic: TZ=UTC, fixed dates in the fixtures, the
temporary home and the server's port masked, no clock on screen.

usage: golden.py NEWSDESK SOURCE_DIR [NAME...]
"""
import difflib
import os
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import desk  # noqa: E402  (shares argv: NEWSDESK SOURCE_DIR)

HERE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "golden")
UPDATE = os.environ.get("UPDATE_GOLDEN") == "1"
ONLY = sys.argv[3:]


SGR = re.compile(r"\x1b\[([0-9;]*)m")
ATTRS = {"1": "bold", "2": "dim", "3": "italic", "4": "underline",
         "5": "blink", "7": "reverse"}


def sgr(state, params):
    """Applies one SGR parameter list to state (a dict)."""
    ps = (params or "0").split(";")
    i = 0
    while i < len(ps):
        p = ps[i]
        if p in ("", "0"):
            state.clear()
        elif p in ATTRS:
            state[ATTRS[p]] = "1"
        elif p in ("22", "23", "24", "25", "27"):
            for k in {"22": ("bold", "dim"), "23": ("italic",),
                      "24": ("underline",), "25": ("blink",),
                      "27": ("reverse",)}[p]:
                state.pop(k, None)
        elif p in ("38", "48"):
            n = 3 if ps[i + 1:i + 2] == ["5"] else 5
            state["fg" if p == "38" else "bg"] = ":".join(ps[i:i + n])
            i += n - 1
        elif p in ("39", "49"):
            state.pop("fg" if p == "39" else "bg", None)
        elif 30 <= int(p) <= 37 or 90 <= int(p) <= 97:
            state["fg"] = p
        elif 40 <= int(p) <= 47 or 100 <= int(p) <= 107:
            state["bg"] = p
        i += 1


def canonical(raw):
    """capture-pane -e output in one spelling: each run of a style opens
    with its whole style, trailing plain blanks dropped. tmux writes a
    sequence where attributes change, and where a line's end was cleared
    or written with blanks depends on the screen's history, not on what
    shows."""
    state, out = {}, []
    for line in raw.split("\n"):
        cells, pos = [], 0
        for m in SGR.finditer(line):
            cells += [(c, tuple(sorted(state.items())))
                      for c in line[pos:m.start()]]
            sgr(state, m.group(1))
            pos = m.end()
        cells += [(c, tuple(sorted(state.items()))) for c in line[pos:]]
        while cells and cells[-1] == (" ", ()):
            cells.pop()
        text, style = "", None
        for c, st in cells:
            if st != style:
                text += "<%s>" % ",".join("%s=%s" % kv for kv in st)
                style = st
            text += c
        out.append(text)
    return "\n".join(out)


def mask(t, screen):
    screen = screen.replace(t.home, "$HOME")
    return re.sub(r"127\.0\.0\.1:\d+", "127.0.0.1:PORT", screen)


def stable(d):
    """The screen once two captures 100 ms apart agree (curses may send a
    screen in more than one write)."""
    last = None

    def probe():
        nonlocal last
        s = d.styled()
        ok, last = s == last, s
        return ok, s
    return desk.poll(lambda: "a stable screen", probe)


def source_dir(t, kind):
    if kind == "samples":
        return t.samples
    if kind == "news":
        return desk.news(t)
    raise desk.Fail("no dir %r" % kind)


class Run:
    def __init__(self, t, d):
        self.t, self.d, self.before = t, d, d.screen()
        self.out = []

    def act(self, send):
        self.before = self.d.screen()
        send()

    def line(self, op, arg):
        d = self.d
        if op == "key":
            self.act(lambda: [desk.tmux("send-keys", "-t", d.name, k)
                              for k in arg.split()])
        elif op == "type":
            self.act(lambda: desk.tmux("send-keys", "-t", d.name, "-l", arg))
        elif op == "resize":
            w, h = arg.split("x")
            self.act(lambda: desk.tmux("resize-window", "-t", d.name,
                                       "-x", w, "-y", h))
        elif op == "expect":
            if arg in self.before:
                raise desk.Fail("expect %r: already on screen before the "
                                "key, so it proves nothing" % arg)
            d.wait(arg)
        elif op == "gone":
            d.wait(gone=[arg])
        elif op == "snap":
            self.out.append("--- snap %d\n%s" % (
                len(self.out) + 1, canonical(mask(self.t, stable(d)))))
        else:
            raise desk.Fail("unknown line %r" % op)


def parse(path):
    lines = []
    for raw in open(path, encoding="utf-8"):
        raw = raw.rstrip("\n")
        if not raw.strip() or raw.lstrip().startswith("#"):
            continue
        op, _, arg = raw.strip().partition(" ")
        lines.append((op, arg))
    return lines


def run_one(name, lines, size):
    t = desk.T(name)
    try:
        kind = dict(lines).get("dir", "samples")
        w, h = size.split("x")
        d = t.desk([source_dir(t, kind)], cols=int(w), rows=int(h),
                   env={"TZ": "UTC"})
        r = Run(t, d)
        d.wait("shown")
        for op, arg in lines:
            if op not in ("sizes", "dir"):
                r.line(op, arg)
        return "".join(r.out)
    finally:
        t.close()


def compare(ref, got):
    if UPDATE:
        with open(ref, "w", encoding="utf-8") as f:
            f.write(got)
        return None
    want = open(ref, encoding="utf-8").read() if os.path.exists(ref) else ""
    if want == got:
        return None
    return "".join(difflib.unified_diff(
        want.splitlines(True), got.splitlines(True), ref, "screen", n=1))


def main():
    names = sorted(f[:-5] for f in os.listdir(HERE) if f.endswith(".keys"))
    if ONLY:
        names = [n for n in names if n in ONLY]
    desk.tmux("new-session", "-d", "-s", "keeper", "tail",
              "--pid=%d" % os.getpid(), "-f", "/dev/null")
    failed = passed = 0
    for name in names:
        lines = parse(os.path.join(HERE, name + ".keys"))
        for size in dict(lines)["sizes"].split():
            label = "%s.%s" % (name, size)
            try:
                diff = compare(os.path.join(HERE, label + ".ref"),
                               run_one(label, lines, size))
            except desk.Fail as e:
                diff = str(e)
            if diff:
                failed += 1
                print("FAIL %s\n%s" % (label, diff))
            else:
                passed += 1
                print("ok   %s" % label)
    desk.tmux("kill-server", check=False)
    if desk._server:
        desk._server["proc"].stdin.close()
        desk._server["proc"].wait()
    print("%d passed, %d failed%s" % (passed, failed,
                                      " (references rewritten)" if UPDATE
                                      else ""))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
