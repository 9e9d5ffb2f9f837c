#!/usr/bin/env python3
"""End-to-end tests of the interactive desk.

Each test starts the real newsdesk inside a private tmux server
(tmux -L <socket> -f /dev/null), types with send-keys and reads the screen
with capture-pane, polling for the expected text instead of sleeping fixed
times. The user's config never leaks in: HOME and XDG_* point at a
temporary directory.

A check after a key must prove the key's effect: Desk.press() refuses to
wait for text that is already on screen before the key (such a wait passes
at once, even if the key was lost or is still being handled), and a state
is waited for whole (every text of it at once) rather than one text and
then assertions on a screen that may be half drawn. Each test runs once;
a failure is never retried.

usage: desk.py NEWSDESK SOURCE_DIR [TEST...]
"""
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import traceback

BIN = os.path.abspath(sys.argv[1])
SRC = os.path.abspath(sys.argv[2])
ONLY = sys.argv[3:]
SOCKET = "nd-e2e-%d" % os.getpid()
# Only a hang guard: every wait ends as soon as its state is on screen, so
# a loaded machine makes a test slower, never wrong.
TIMEOUT = 30.0
POLL = 0.05


class Fail(Exception):
    pass


def tmux(*args, check=True):
    r = subprocess.run(["tmux", "-L", SOCKET, "-f", "/dev/null"] + list(args),
                       capture_output=True, text=True)
    if check and r.returncode != 0:
        raise Fail("tmux %s: %s" % (" ".join(args), r.stderr.strip()))
    return r.stdout


def poll(what, probe, timeout=TIMEOUT):
    """Calls probe() until it returns (True, value); returns the value.
    On timeout, fails with what() and the last value."""
    end = time.monotonic() + timeout
    while True:
        ok, value = probe()
        if ok:
            return value
        if time.monotonic() > end:
            raise Fail("timed out waiting for %s; last seen:\n%s" % (what(), value))
        time.sleep(POLL)


class Desk:
    """One newsdesk in one tmux session.

    Every check after an action goes through press(), typed() or resize():
    they capture the screen before the action and refuse a check that the
    screen already passed (waiting for text that is already there proves
    nothing about the key), then wait until the check holds. wait() alone
    is for the first screen, before any key."""

    def __init__(self, home, args, cols=80, rows=24, env=None, name="t",
                 log=False):
        self.name = name
        self.home = home
        # The desk's debug log: the one witness for states the screen
        # cannot show (a size too small to draw anything in).
        self.log = os.path.join(home, name + ".log") if log else None
        if self.log:
            args = ["--log", self.log] + list(args)
        environ = {
            "HOME": home,
            "XDG_CONFIG_HOME": os.path.join(home, "config"),
            "XDG_STATE_HOME": os.path.join(home, "state"),
            "XDG_CACHE_HOME": os.path.join(home, "cache"),
            "LANG": "C.UTF-8",
            "LC_ALL": "C.UTF-8",
            "TERM": "tmux-256color",  # what tmux itself speaks
            "no_proxy": "127.0.0.1,localhost",
            "NO_PROXY": "127.0.0.1,localhost",
        }
        for k in ("ASAN_OPTIONS", "UBSAN_OPTIONS", "LSAN_OPTIONS"):
            if k in os.environ:
                environ[k] = os.environ[k]
        environ.update(env or {})
        exports = " ".join("%s=%s" % (k, shquote(v)) for k, v in environ.items())
        unset = "unset NO_COLOR COLUMNS LINES;"
        cmd = "%s env %s %s %s; echo EXIT=$?; sleep 600" % (
            unset, exports, shquote(BIN), " ".join(shquote(a) for a in args))
        tmux("new-session", "-d", "-s", name, "-x", str(cols), "-y", str(rows),
             "sh", "-c", cmd)

    def screen(self):
        return tmux("capture-pane", "-p", "-t", self.name)

    def styled(self):
        """The screen with its SGR sequences (capture-pane -e)."""
        return tmux("capture-pane", "-p", "-e", "-t", self.name)

    def focus(self):
        """The title of the focused pane. Focus shows only in colour: the
        focused pane's title has a background (pane.title.focus), the
        others none (pane.title), in the default theme."""
        for cells in styled_lines(self.styled()):
            text = "".join(c for c, _ in cells)
            # a title starts a pane: at the left edge or after the border
            for m in PANE_TITLE.finditer(text):
                if cells[m.start(2)][1] != "49":
                    return m.group(2)
        return None

    def _holds(self, s, texts, gone, until, focus):
        return (all(t in s for t in texts) and not any(g in s for g in gone)
                and (until is None or until(s))
                and (focus is None or self.focus() == focus))

    def wait(self, *texts, gone=(), until=None, focus=None, timeout=TIMEOUT):
        """Polls until every text is on screen, no gone text is, until(screen)
        holds and the focus is on the pane titled focus; returns the screen."""
        def probe():
            s = self.screen()
            return self._holds(s, texts, gone, until, focus), s

        def what():
            return "%s%s%s%s" % (
                "%r on screen" % (texts,) if texts else "",
                "; %r gone" % (gone,) if gone else "",
                "; %s" % until.__name__ if until else "",
                "; focus on %s (is %s)" % (focus, self.focus()) if focus else "")
        return poll(what, probe, timeout)

    def _act(self, send, label, texts=(), gone=(), until=None, focus=None,
             proof=None):
        if not (texts or gone or until or focus or proof):
            raise Fail("%s: nothing to wait for" % label)
        before = self.screen()
        weak = [t for t in texts if t in before]
        weak += ["%r already gone" % g for g in gone if g not in before]
        if until is not None and until(before):
            weak.append("%s already true" % until.__name__)
        if focus is not None and self.focus() == focus:
            weak.append("focus already on %s" % focus)
        if proof is not None and proof()[0]:
            weak.append("%s already true" % proof.__name__)
        if weak:
            raise Fail("%s: the check cannot prove the key's effect, %r held "
                       "before it:\n%s" % (label, weak, before))
        send()
        if proof is not None:
            poll(lambda: proof.__name__, proof)
        if texts or gone or until or focus:
            return self.wait(*texts, gone=gone, until=until, focus=focus)
        return self.screen()

    def press(self, *keys, expect=(), gone=(), until=None, focus=None,
              proof=None):
        """Sends keys, then waits for their effect: texts in expect appear,
        texts in gone go, until(screen) becomes true, the focus moves, and
        proof() (a witness off screen: the log, the raw bytes) holds."""
        def send():
            for k in keys:
                tmux("send-keys", "-t", self.name, k)
        return self._act(send, "keys %r" % (keys,), expect, gone, until,
                         focus, proof)

    def typed(self, text, expect=(), gone=(), until=None):
        """Types text literally, then waits for its effect like press()."""
        def send():
            tmux("send-keys", "-t", self.name, "-l", text)
        return self._act(send, "typing %r" % text, expect, gone, until)

    def resize(self, cols, rows, expect=(), gone=(), until=None, proof=None):
        def send():
            tmux("resize-window", "-t", self.name, "-x", str(cols), "-y", str(rows))
        return self._act(send, "resize %dx%d" % (cols, rows), expect, gone,
                         until, None, proof)

    def logged(self, text):
        """A proof for press(): the desk's --log has text (it flushes each
        line)."""
        return file_has(self.log, text.encode())

    def pipe(self, path):
        """From now on, every byte the desk writes is appended to path."""
        tmux("pipe-pane", "-o", "-t", self.name, "cat >> %s" % shquote(path))

    def unpipe(self):
        tmux("pipe-pane", "-t", self.name)

    def quit(self):
        return self.press("q", expect=["EXIT="])

    def close(self):
        tmux("kill-session", "-t", self.name, check=False)


def file_has(path, *wanted):
    """A probe for poll() and a proof for press(): path holds every wanted
    byte string."""
    def probe():
        data = open(path, "rb").read() if os.path.exists(path) else b""
        return all(w in data for w in wanted), data[-400:]
    probe.__name__ = "%r in %s" % (wanted, path)
    return probe


def wait_bytes(path, *wanted):
    """Polls a file that pipe-pane (or a child) writes until it holds every
    wanted byte string; returns its content. pipe-pane's cat writes on its
    own time, so the file can lag behind the screen."""
    probe = file_has(path, *wanted)
    poll(lambda: probe.__name__, probe)
    return open(path, "rb").read()


PANE_TITLE = re.compile(r"(^|\u2502) (Articles|Detail|Related)")
SGR = re.compile(r"\x1b\[([0-9;]*)m")


def styled_lines(raw):
    """capture-pane -e output as lines of (character, background) cells.
    tmux writes a sequence only where the attributes change, so the state
    carries from one line to the next."""
    bg = "49"
    out = []
    for line in raw.split("\n"):
        cells, pos = [], 0
        for m in SGR.finditer(line):
            cells += [(c, bg) for c in line[pos:m.start()]]
            pos = m.end()
            params = (m.group(1) or "0").split(";")
            i = 0
            while i < len(params):
                p = params[i]
                if p in ("", "0", "49"):
                    bg = "49"
                elif p in ("38", "48"):
                    skip = 2 if params[i + 1:i + 2] == ["5"] else 4
                    if p == "48":
                        bg = ";".join(params[i:i + 1 + skip])
                    i += skip
                elif 40 <= int(p) <= 47 or 100 <= int(p) <= 107:
                    bg = p
                i += 1
        cells += [(c, bg) for c in line[pos:]]
        out.append(cells)
    return out


def shquote(s):
    return "'" + s.replace("'", "'\\''") + "'"


def list_rows(screen):
    """The list's article rows: mark, published mark, date."""
    return [l for l in screen.splitlines() if re.match(r"^.[ N] (\d{4}-|- )", l)]


def status(screen):
    """The bottom line: messages and prompts."""
    return screen.rstrip("\n").split("\n")[-1] if screen.strip() else ""


def detail_title(screen):
    """The first line inside the detail pane: the article's title."""
    lines = screen.splitlines()
    for i, line in enumerate(lines[:-1]):
        if line.startswith((" Detail", " Related item")):
            return lines[i + 1]
    raise Fail("no detail pane:\n%s" % screen)


def git(cwd, *args):
    return subprocess.run(["git"] + list(args), cwd=cwd, capture_output=True,
                          text=True).stdout


def line_with(screen, text):
    for line in screen.splitlines():
        if text in line:
            return line
    raise Fail("no line with %r:\n%s" % (text, screen))


# ---------------------------------------------------------------- tests

QUIET = "A quiet debut novel about a lighthouse keeper\n"  # 2nd by date
NATURE = "Provider   Nature (nature.com)"  # the 1st article's detail


def test_open_and_quit(t):
    d = t.desk([t.samples])
    # one wait for the whole first screen: the status line is drawn last;
    # the index alone at 80 columns, with its row counter
    s = d.wait("45/45 shown", "33 unpublished", "Articles  1/45", "? help")
    assert "Detail" not in s, s
    s = d.quit()
    assert "EXIT=0" in s, s


def test_navigate(t):
    d = t.desk([t.samples])
    d.wait("Articles  1/45", "? help")
    d.press("j", expect=["Articles  2/45"])
    d.press("G", expect=["Articles  45/45"])
    d.press("g", expect=["Articles  1/45"])
    d.press("Down", "Down", "Up", expect=["Articles  2/45"])
    # a page is the list's height (21 rows) less one
    d.press("PageDown", expect=["Articles  22/45"])
    d.press("C-u", expect=["Articles  12/45"])
    d.press("Home", expect=["Articles  1/45"])
    # Enter reads the article full height; q, Esc, h, Left come back
    for back in ("q", "Escape", "h", "Left"):
        d.press("Enter", expect=[NATURE], gone=["Articles  1/45"])
        d.press(back, expect=["Articles  1/45"], gone=[NATURE])
    # q quits only from the index
    assert "EXIT=0" in d.quit()


def test_search(t):
    d = t.desk([t.samples])
    d.wait("45/45 shown", "? help")
    d.press("/", expect=["Search:"])
    # moves as you type, before Enter
    d.typed("festival", expect=["Le festival d'Avignon dévoile",
                                "Articles  30/45"])
    d.press("Enter", expect=["1/1: festival"])
    d.press("n", expect=["search wrapped"])
    d.press("/", expect=["Search: (Up: festival)"])
    d.typed("nosuchwordanywhere", expect=["Search: nosuchwordanywhere"])
    # a failed search returns to where it started
    s = d.press("Enter", expect=["not found: nosuchwordanywhere"])
    assert "Articles  30/45" in s, s
    # Up recalls the last search
    d.press("/", "Up", expect=["Search: festival"])
    d.press("Escape", expect=["search cancelled"])


def test_search_cancel_restores(t):
    d = t.desk([t.samples])
    d.wait("Articles  1/45", "? help")
    d.press("/", expect=["Search:"])
    d.typed("festival", expect=["Articles  30/45"])
    d.press("Escape", expect=["Articles  1/45", "search cancelled"])


def test_limit(t):
    d = t.desk([t.samples])
    d.wait("45/45 shown", "? help")
    d.press("l", expect=["Limit:"])
    d.typed("published:yes", expect=["Limit: published:yes"])
    d.press("Enter", expect=["12/45 shown", "limit: published:yes",
                             "12 articles match"])
    # the prompt starts empty, the current limit as a hint; typing
    # replaces it (no "published:yestopic:AI")
    d.press("l", expect=["Limit: (Up: published:yes)"])
    d.typed("topic:AI OR (", expect=["Limit: topic:AI OR ("])
    s = d.press("Enter", expect=["bad limit at column 14"])
    assert "12/45 shown" in s, s
    # Esc cancels and says so
    d.press("l", expect=["Limit: (Up: published:yes)"])
    s = d.press("Escape", expect=["limit cancelled: the list is unchanged"])
    assert "12/45 shown" in s, s
    # Up recalls the current value; C-a and typing edit it
    d.press("l", "Up", expect=["Limit: published:yes"])
    d.press("C-a", "N", "O", "T", "Space", expect=["Limit: NOT published:yes"])
    d.press("Enter", expect=["33/45 shown", "33 articles match"])
    # empty clears
    d.press("l", "Enter", expect=["45/45 shown", "limit cleared: 45"])


def test_prompt_history_survives_restart(t):
    d = t.desk([t.samples])
    d.wait("45/45 shown", "? help")
    d.press("l", expect=["Limit:"])
    d.typed("topic:AI", expect=["Limit: topic:AI"])
    d.press("Enter", expect=["3 articles match"])
    d.press("l", "Enter", expect=["limit cleared: 45"])
    d.quit()
    hist = open(os.path.join(t.home, "state", "newsdesk", "history")).read()
    assert "limit\ttopic:AI\n" in hist, hist
    d2 = t.desk([t.samples], name="again")
    d2.wait("45/45 shown", "? help")
    d2.press("l", "Up", expect=["Limit: topic:AI"])
    d2.press("Enter", expect=["3 articles match"])


def test_sort(t):
    d = t.desk([t.samples])
    d.wait("sort: date desc", "? help")
    d.press("s", expect=["Sort by:"])
    # the selection stays on the same article
    d.press("t", expect=["sort: title asc", "sorted by title, ascending",
                         "Articles  30/45"])
    s = d.press("g", expect=["Articles  1/45"])
    rows = list_rows(s)
    assert "A quiet debut novel" in rows[0], s

    # reversed, the selection stays: now the last row of the list
    def quiet_is_last(s):
        rows = list_rows(s)
        return bool(rows) and "A quiet debut novel" in rows[-1]
    d.press("S", "G", expect=["sort: title desc", "Articles  45/45"],
            until=quiet_is_last)
    d.press("s", "Q", expect=["sort: quality asc"])  # capital: reversed


def test_related_jump_and_back(t):
    d = t.desk([t.samples])
    d.wait("Regulators publish draft rules", "? help")
    d.press("Enter", "Tab", focus="Related")
    s = d.press("Enter", expect=["jumped to the related article"])
    assert detail_title(s) == "Open-weight language models close the gap with commercial rivals", s
    # back one level: the article the jump started from, then the index
    d.press("BSpace", expect=[NATURE])
    d.press("q", expect=["Articles  1/45"])


def test_jump_back_restores_limit(t):
    d = t.desk([t.samples], cols=120, rows=30)
    d.wait("45/45 shown", "? help")
    d.press("l", expect=["Limit:"])
    d.typed("provider:nature.com", expect=["Limit: provider:nature.com"])
    d.press("Enter", expect=["limit: provider:nature.com"])
    d.press("g", "Enter", "Tab", focus="Related")
    s = d.press("Enter", expect=["limit cleared to show the related article"],
                gone=["limit: provider:nature.com"])
    assert detail_title(s).startswith("Open-weight language models"), s
    s = d.press("q", expect=["limit: provider:nature.com", NATURE])
    d.press("q", expect=["Articles  1/"])


def test_related_not_in_directory(t):
    d = t.desk([t.samples])
    d.wait("Regulators publish draft rules", "? help")
    s = d.press("Enter", "Tab", "G", "Enter",
                expect=["Related item", "not in this directory"])
    assert detail_title(s) == "Background: AI explained", s
    d.press("h", expect=[NATURE], gone=["Related item"])


def test_help(t):
    d = t.desk([t.samples])
    d.wait("45/45 shown", "? help")
    d.press("?", expect=["Help: index", "[search]", "[limit]", "j, Down"])
    # q closes the help, not the desk
    s = d.press("q", expect=["45/45 shown"], gone=["Help: index"])
    assert "EXIT=" not in s, s
    # the help of the article lists the article's keys only
    d.press("Enter", expect=[NATURE])
    s = d.press("?", expect=["Help: article", "[focus-next]"])
    assert "[limit]" not in s, s
    d.press("Escape", expect=[NATURE], gone=["Help: article"])
    # an unbound key says so
    d.press("Z", expect=["key 'Z' is not bound (? for help)"])


def test_resize(t):
    d = t.desk([t.samples], log=True)
    d.wait("45/45 shown", "? help")
    # 40x12: the date column goes before the title is cut
    s = d.resize(40, 12, expect=["N Regulators publish draft rules for hi"])
    assert "2023-06-22" not in s, s
    s = d.resize(200, 50, expect=["Detail"])
    assert "\u2502" in line_with(s, "Articles  1/45"), s  # side by side
    d.resize(20, 5, expect=["too small: 20x5"])
    # 1x1 leaves nothing on screen to wait for; the log says it was seen
    d.resize(1, 1, proof=d.logged("resize 1x1"))
    d.resize(80, 24, expect=["45/45 shown", "? help"])
    d.press("j", expect=["Articles  2/45"])
    # a resize inside a prompt keeps the prompt and its text
    d.press("l", expect=["Limit:"])
    d.typed("topic:AI", expect=["Limit: topic:AI"])
    s = d.resize(60, 15, gone=["2023-06-22 TechSpot"])
    assert status(s).startswith("Limit: topic:AI"), s
    d.press("Enter", expect=["3/45 shown"])


def test_layout_and_zoom(t):
    d = t.desk([t.samples], cols=130, rows=30)
    # auto: at 130 columns the titles need the room, no preview
    s = d.wait("Articles  1/45", "? help")
    assert "Detail" not in s, s
    s = d.press("L", expect=["layout: side by side", "Detail"])
    assert "\u2502" in line_with(s, "Articles  1/45"), s
    s = d.press("L", expect=["layout: stacked"])
    assert "\u2502" not in line_with(s, "Articles  1/45"), s
    d.press("z", gone=["Detail"])
    d.press("z", expect=["Detail"])


def test_hostile_title(t):
    d = t.desk([t.tui], cols=120, rows=30)
    d.wait("Evil", "^[]52;c;SGVsbG8=^G", "<U+202E>gnp.exe", "<U+009B>2J",
           "Bad^[[7mCorp",
           # the rest of the screen is intact
           "2/2 shown", "A calm neighbour", "? help")


def test_raw_bytes(t):
    raw = os.path.join(t.home, "raw.bin")
    d = t.desk([t.tui], cols=120, rows=30)
    d.wait("Evil", "A calm neighbour", "? help")
    d.pipe(raw)
    # C-l repaints everything, so the pipe sees the hostile title's bytes
    d.press("C-l", proof=file_has(raw, b"^[]52;c;SGVsbG8=^G"))
    d.press("j", "Enter", expect=["Quality    10"])  # the calm one
    d.press("q", "k", "Enter", expect=["Quality    66"])  # the evil one
    d.press("q", expect=["A calm neighbour"])
    d.quit()
    # the shell's echo follows the desk's last byte through the pipe
    data = wait_bytes(raw, b"EXIT=")
    d.unpipe()
    assert len(data) > 500, len(data)
    for bad in (b"\x1b]52;", b"\x1b[31;5;7m", b"\xc2\x9b", b"\xe2\x80\xae",
                b"\x1b[7mCorp", b"\x1b[H home"):
        if bad in data:
            raise Fail("content bytes %r reached the terminal" % bad)


def test_vt100(t):
    d = t.desk([t.samples], env={"TERM": "vt100"})
    d.wait("45/45 shown", "? help")
    d.press("j", expect=["Articles  2/45"])
    assert "EXIT=0" in d.quit()


def test_lang_c(t):
    d = t.desk([t.samples], env={"LANG": "C", "LC_ALL": "C"})
    d.wait("45/45 shown", "? help")
    d.press("/", expect=["Search:"])
    d.typed("Avignon", expect=["Le festival d'Avignon d?voile"])
    s = d.press("Enter", expect=["1/1: Avignon"])
    assert "\u2192" not in s and "\u2502" not in s, s
    assert "EXIT=0" in d.quit()


def test_unknown_term(t):
    d = t.desk([t.samples], env={"TERM": "no-such-terminal-xyz"})
    s = d.wait("EXIT=1")
    assert "cannot use terminal type 'no-such-terminal-xyz'" in s, s


def sgr_codes(screen):
    """Every SGR parameter list in a capture-pane -e dump."""
    return re.findall(r"\x1b\[([0-9;]*)m", screen)


def test_colors(t):
    d = t.desk([t.samples])
    d.wait("45/45 shown", "? help")  # the status line: the screen is whole
    s = d.styled()
    codes = ";".join(sgr_codes(s)).split(";")
    # the dark theme: header black on cyan, unpublished titles yellow
    assert "46" in codes and "30" in codes, repr(s[:300])
    assert "33" in codes, repr(s[:300])
    d.close()
    d = t.desk([t.samples], env={"TERM": "xterm"}, name="eight")
    d.wait("45/45 shown", "? help")
    s = d.styled()
    assert "46" in ";".join(sgr_codes(s)).split(";"), repr(s[:300])


def test_no_color(t):
    d = t.desk([t.samples], env={"NO_COLOR": "1"})
    d.wait("45/45 shown", "? help")
    s = d.styled()
    # attributes only: reverse video for the selection, no colour codes
    assert "\x1b[7m" in s or "\x1b[1;7m" in s or ";7m" in s, repr(s[:300])
    for code in ("\x1b[3", "\x1b[4", ";3", ";4"):
        for digit in "01234567":
            assert code + digit + "m" not in s and code + digit + ";" not in s, repr(s[:400])


def test_config_and_rebind(t):
    cfgdir = os.path.join(t.home, "config", "newsdesk")
    os.makedirs(cfgdir)
    with open(os.path.join(cfgdir, "config.yaml"), "w") as f:
        f.write("sort: title\nlayout: tall\nkeys:\n  quit: x\n  down: J\n"
                "bogus: 1\n")
    d = t.desk([t.samples], cols=130)
    d.wait("config.yaml:6:1: warning: unknown setting 'bogus'",
           "sort: title asc")
    d.press("J", expect=["Provider   Reuters (reuters.com)"])
    d.press("x", expect=["EXIT=0"])


def test_follow_links_from_config(t):
    """A link out of the news directory is skipped (and said so) unless
    the config's follow-links is true; a reload keeps to the setting."""
    news, far = os.path.join(t.home, "news"), os.path.join(t.home, "far")
    os.makedirs(news)
    os.makedirs(far)
    with open(os.path.join(news, "near.md"), "w") as f:
        f.write("---\ntitle: Near at hand\n---\n")
    with open(os.path.join(far, "far.md"), "w") as f:
        f.write("---\ntitle: Far away\n---\n")
    os.symlink(far, os.path.join(news, "far"))
    d = t.desk([news], cols=130, name="stay")
    s = d.wait("1/1 shown", "could not be loaded or have problems")
    assert "Far away" not in s, s
    d.close()
    cfgdir = os.path.join(t.home, "config", "newsdesk")
    os.makedirs(cfgdir)
    with open(os.path.join(cfgdir, "config.yaml"), "w") as f:
        f.write("follow-links: true\n")
    d = t.desk([news], cols=130, name="follow")
    s = d.wait("2/2 shown", "Far away", "? help")
    d.press("r", expect=["reloaded: 2 articles"])


def test_no_config_and_broken_theme(t):
    cfgdir = os.path.join(t.home, "config", "newsdesk")
    os.makedirs(cfgdir)
    with open(os.path.join(cfgdir, "config.yaml"), "w") as f:
        f.write("sort: title\n")
    broken = os.path.join(t.home, "broken.yaml")
    with open(broken, "w") as f:
        f.write("name: broken\nroles:\n  header: {fg: cyan\n")
    d = t.desk(["--no-config", "--theme", broken, t.samples])
    d.wait("theme:", "broken.yaml:4:1:", "sort: date desc")
    d.press("j", expect=["Articles  2/45"])


def test_themes_load(t):
    for name in ("light", "high-contrast", "mono", "dark"):
        d = t.desk(["--theme", name, t.samples], name="th" + name.replace("-", ""))
        # the hint on the status line: no theme message took its place
        s = d.wait("45/45 shown", "? help")
        assert "theme:" not in s, s
        d.close()


def test_reload_keeps_selection(t):
    d = t.desk([t.samples])
    d.wait("45/45 shown", "? help")
    d.press("j", expect=["Articles  2/45"])
    path = None
    for root, _, files in os.walk(t.samples):
        for f in files:
            p = os.path.join(root, f)
            if "A quiet debut novel" in open(p, encoding="utf-8").read():
                path = p
    text = open(path, encoding="utf-8").read()
    open(path, "w", encoding="utf-8").write(
        text.replace("A quiet debut novel about a lighthouse keeper",
                     "A quiet debut novel, revised"))
    with open(os.path.join(t.samples, "new.md"), "w") as f:
        f.write("---\ntitle: Brand new\npublishedDateTime: 2020-01-01\n---\n")
    s = d.press("r", expect=["reloaded: 46 articles", "46/46 shown"])
    s = d.press("Enter", expect=["Detail"])
    assert detail_title(s) == "A quiet debut novel, revised", s


def test_detail_scroll(t):
    d = t.desk([t.samples], cols=80, rows=12)
    d.wait("Articles  1/45", "? help")
    d.press("Enter", expect=["Detail  1-"])

    def scrolled(s):
        return re.search(r" Detail  [2-9]\d*-", s) is not None
    d.press("C-d", until=scrolled, gone=["Detail  1-"])
    d.press("g", expect=["Detail  1-"])
    d.press("G", until=lambda s: re.search(r" Detail  \d+-(\d+)/\1", s)
            is not None)


def test_log_file(t):
    log = os.path.join(t.home, "desk.log")
    d = t.desk(["--log", log, t.samples])
    d.wait("45/45 shown", "? help")
    d.press("j", expect=["Articles  2/45"])
    d.press("q", expect=["EXIT=0"])
    text = open(log).read()
    assert "loaded 45 articles" in text, text
    assert "-> down" in text and "-> quit" in text, text


def test_not_a_terminal_refused(t):
    r = subprocess.run([BIN, t.samples], capture_output=True, text=True,
                       env={"HOME": t.home, "LANG": "C.UTF-8"})
    assert r.returncode == 2 and r.stdout == "", (r.returncode, r.stdout[:200])
    assert "the desk needs a terminal" in r.stderr, r.stderr


def test_unreadable_dir(t):
    d = t.desk([os.path.join(t.home, "missing")])
    s = d.wait("EXIT=1")
    assert "cannot open" in s, s


def test_triage_mode(t):
    git(t.samples, "init", "-q")
    git(t.samples, "add", "-A")
    git(t.samples, "-c", "user.email=t@t", "-c", "user.name=t", "commit",
        "-qm", "start")
    d = t.desk([t.samples], cols=120, rows=30)
    d.wait("45/45 shown", "? help")
    d.press("i", expect=["Triage:"])
    d.press("Enter", expect=["TRIAGE 0 done / 33 left"])  # default: published:no
    s = d.press("p", "p", "P", "+", "j", "d",
                expect=["TRIAGE 4 done / 29 left", "reject: 1 changed"])
    assert "32/44 shown" in s, s  # the rejected one left the list
    # the files say exactly what was decided, nothing else
    diff = git(t.samples, "diff", "--numstat")
    changed = [l.split("\t") for l in diff.strip().splitlines()]
    assert len(changed) == 4, diff  # 2 published, 1 quality, 1 rejected
    ones = [c for c in changed if c[:2] == ["1", "1"]]
    gone = [c for c in changed if c[0] == "0" and int(c[1]) > 30]
    assert len(ones) == 3 and len(gone) == 1, diff  # one line each, one moved
    status = git(t.samples, "status", "--porcelain")
    assert "?? .rejected/" in status, status
    d.press("u", expect=["undid 1 change"])  # the reject comes back
    assert ".rejected" not in git(t.samples, "status", "--porcelain")
    d.press("i", expect=["triage done: 4 decided"])
    d.quit()
    # undo survives a restart
    d2 = t.desk([t.samples], name="again")
    d2.wait("45/45 shown", "? help")
    d2.press("u", expect=["undid 1 change"])
    d2.press("u", "u", "u", expect=["nothing to undo"])
    assert git(t.samples, "diff", "--stat") == "", git(t.samples, "diff")


def test_tags_bulk_and_undo(t):
    d = t.desk([t.samples], cols=120, rows=30)
    d.wait("45/45 shown", "? help")

    def three_rows_tagged(s):
        return len([r for r in list_rows(s) if r.startswith("*")]) == 3
    d.press("t", "t", "t", expect=["3 tagged"], until=three_rows_tagged)
    d.press("\\;", expect=["next decision applies to 3 tagged"])
    d.press("p", expect=["publish: change 3 files? (y/n)"])
    d.press("y", expect=["publish: 3 changed", "30 unpublished"])
    d.press("T", expect=["Tag matching:"])
    d.typed("provider:reuters.com", expect=["Tag matching: provider:reuters.com"])
    d.press("Enter", expect=["3 more tagged, 6 in all"])
    d.press("\\;", expect=["next decision applies to 6 tagged"])
    d.press("a", expect=["Add topic:"])
    d.typed("Weekly Pick", expect=["Add topic: Weekly Pick"])
    d.press("Enter", expect=["add topic 'Weekly Pick': change 6 files? (y/n)"])
    # no: nothing written, the tags stay, the ';' prefix is spent
    d.press("n", expect=["nothing changed"])
    d.press("u", expect=["undid 3 changes", "33 unpublished"])
    d.press("C-r", expect=["redid 3 changes"])
    d.press("T", "Enter", expect=["all tags cleared"], gone=["6 tagged"])


def test_cli_set_and_log(t):
    f = None
    for root, _, files in os.walk(t.samples):
        for name in files:
            if name.startswith("003_"):
                f = os.path.join(root, name)
    r = subprocess.run([BIN, "set", f, "published=true", "topic+=CLI"],
                       capture_output=True, text=True,
                       env={"HOME": t.home, "XDG_STATE_HOME": t.home + "/state"})
    assert r.returncode == 0, r.stderr
    assert "published no -> yes" in r.stdout, r.stdout
    r = subprocess.run([BIN, "log"], capture_output=True, text=True,
                       env={"HOME": t.home, "XDG_STATE_HOME": t.home + "/state"})
    assert "topic CLI added" in r.stdout, r.stdout
    d = t.desk([t.samples])
    d.wait("45/45 shown", "? help")
    # the desk undoes what the shell did, in this directory
    d.press("u", expect=["undid 2 changes"])


# ---------------------------------------------------------------- fetching

_server = {}


def server():
    """The loopback test server, started once for all fetch tests."""
    if not _server:
        p = subprocess.Popen([sys.executable, os.path.join(SRC, "tests", "fetch", "server.py")],
                             stdin=subprocess.PIPE, stdout=subprocess.PIPE)
        _server["proc"] = p
        _server["base"] = "http://127.0.0.1:%s" % p.stdout.readline().decode().strip()
    return _server["base"]


def news(t):
    base = server()
    d = os.path.join(t.home, "news")
    os.makedirs(d)
    with open(os.path.join(d, "a.md"), "w") as f:
        f.write('---\ntitle: Lunar lander\noriginalUrl: "%s/pages/article.html"\n'
                'webUrl: "%s/chain/3"\npublishedDateTime: 2023-01-03\n'
                'related:\n  - title: Slow one\n    webUrl: "%s/slow"\n---\n'
                % (base, base, base))
    with open(os.path.join(d, "b.md"), "w") as f:
        f.write('---\ntitle: Broken link\noriginalUrl: "%s/404"\n'
                'publishedDateTime: 2023-01-02\n---\n' % base)
    with open(os.path.join(d, "c.md"), "w") as f:
        f.write('---\ntitle: Hostile page\noriginalUrl: "%s/pages/hostile.html"\n'
                'publishedDateTime: 2023-01-01\n---\n' % base)
    return d


PAGE_TITLE = "Lunar lander survives its first night & wakes up"


def test_reader(t):
    d = t.desk([news(t)], cols=100, rows=30)
    d.wait("3/3 shown", "? help")
    d.press("o", expect=[PAGE_TITLE, "[1] " + server() + "/pages/links.html",
                         "Day \u2502 Event"])
    d.press("f", expect=["Follow link number:"])
    d.typed("1", expect=["Follow link number: 1"])
    d.press("Enter", expect=["Mission timeline"])
    d.press("h", expect=[PAGE_TITLE])
    # the source is longer than the screen: a search has to scroll it
    d.press("v", expect=["[source]", "<!DOCTYPE html>"])
    d.press("/", expect=["Search page:"])
    d.typed("Wake-up", expect=["Search page: Wake-up"])
    d.press("Enter", expect=["<td>Wake-up</td>"], gone=["<!DOCTYPE html>"])
    d.press("v", expect=["Day \u2502 Event"], gone=["[source]"])
    d.press("q", expect=["3/3 shown"])


def test_fetch_keeps_desk_alive_and_cancels(t):
    d = t.desk([news(t)], cols=100, rows=30)
    d.wait("3/3 shown", "? help")
    d.press("Enter", "Tab", focus="Related")
    d.press("o", expect=["fetching " + server() + "/slow"])
    # keys still work while it runs: the focus moves on
    s = d.press("Tab", focus="Detail")
    assert "fetching " + server() + "/slow" in s, s
    d.press("Escape", expect=["cancelled"])
    # The status line shows the fetch for as long as the job exists; the
    # hint comes back only once the cancelled job has ended, without
    # opening the reader.
    s = d.press("k", expect=["q back"], gone=["cancelled"])
    assert "3/3 shown" in s and "fetching" not in s, s


def test_fetch_error_leaves_desk(t):
    d = t.desk([news(t)], cols=100, rows=30)
    d.wait("3/3 shown", "? help")
    s = d.press("j", "o", expect=["HTTP 404 not found"])
    assert "Broken link" in s and "3/3 shown" in s, s
    d.press("c", expect=["links: " + server() + "/404: HTTP 404 not found"])


def test_offline_from_cache(t):
    n = news(t)
    d = t.desk([n], cols=100, rows=30)
    d.wait("3/3 shown", "? help")
    d.press("o", expect=[PAGE_TITLE])
    d.press("q", expect=["3/3 shown"])
    d.quit()
    d2 = t.desk(["--offline", n], cols=100, rows=30, name="off")
    d2.wait("3/3 shown", "? help")
    d2.press("o", expect=[PAGE_TITLE])
    d2.press("q", expect=["3/3 shown"])
    d2.press("j", "o", expect=["not in the cache (offline)"])


def test_hostile_page_raw_bytes(t):
    raw = os.path.join(t.home, "page.bin")
    d = t.desk([news(t)], cols=100, rows=30)
    d.wait("3/3 shown", "? help")
    d.pipe(raw)
    d.press("G", "o", expect=["<U+202E>gnp.exe", "<U+009B>2J"])
    d.press("q", expect=["3/3 shown"])
    d.quit()
    # the shell's echo follows the desk's last byte through the pipe
    data = wait_bytes(raw, b"<U+202E>gnp.exe", b"EXIT=")
    d.unpipe()
    for bad in (b"\x1b]52;c;SGVsbG8", b"\x1b[31mRED", b"\xc2\x9b",
                b"\xe2\x80\xae"):
        assert bad not in data, bad


def test_copy_and_browser(t):
    raw = os.path.join(t.home, "copy.bin")
    got = os.path.join(t.home, "browser-args")
    fds = os.path.join(t.home, "browser-fds")
    opener = os.path.join(t.home, "fake-browser")
    with open(opener, "w") as f:
        # Written whole, then renamed: the test waits for the file to exist
        # and must never read it half written. The open files first: what
        # the browser inherited from the desk.
        f.write("#!/bin/sh\nfor f in /proc/$$/fd/*; do readlink \"$f\"; done > %s\n"
                "for a in \"$@\"; do echo \"[$a]\"; done > %s.tmp\n"
                "mv %s.tmp %s\n" % (shquote(fds), shquote(got), shquote(got),
                                     shquote(got)))
    os.chmod(opener, 0o755)
    n = news(t)
    d = t.desk([n], cols=100, rows=30, env={"BROWSER": opener + " --new-tab"},
               log=True)
    d.wait("3/3 shown", "? help")
    d.pipe(raw)
    d.press("y", expect=["copied the URL to the clipboard"])
    url = server() + "/pages/article.html"
    d.press("O", expect=["opened in the browser: " + url])
    # the browser runs detached: its file comes when it comes
    args = wait_bytes(got, b"]\n[")
    assert args == b"[--new-tab]\n[%s]\n" % url.encode(), args
    with open(fds, "rb") as f:
        inherited = f.read()
    assert d.log.encode() not in inherited, inherited
    import base64
    wait_bytes(raw, b"\x1b]52;c;" + base64.b64encode(url.encode()) + b"\x07")
    d.unpipe()
    d.close()
    d2 = t.desk([n], cols=100, rows=30, name="nob", env={"BROWSER": "", "DISPLAY": ""})
    d2.wait("3/3 shown", "? help")
    d2.press("O", expect=["no browser here (over SSH?)"])


def test_browser_missing(t):
    # $BROWSER names a program this machine does not have: the desk says
    # so instead of "opened".
    d = t.desk([news(t)], cols=100, rows=30,
               env={"BROWSER": "nd-no-such-browser --new-tab", "DISPLAY": ":0"})
    d.wait("3/3 shown", "? help")
    d.press("O", expect=["cannot run 'nd-no-such-browser': command not found"])


def test_browser_url_shown(t):
    # The URL opened is shown whole but for its password: a zero-width
    # character as <U+200B>, the user and password as ***, on the screen
    # and in the log; the browser gets it as it is.
    got = os.path.join(t.home, "browser-args")
    opener = os.path.join(t.home, "fake-browser")
    with open(opener, "w") as f:
        f.write("#!/bin/sh\nfor a in \"$@\"; do echo \"[$a]\"; done > %s.tmp\n"
                "mv %s.tmp %s\n" % (shquote(got), shquote(got), shquote(got)))
    os.chmod(opener, 0o755)
    rest = "@" + server().split("://", 1)[1] + "/pages/article.html#\u200bx"
    url = "http://user:s3cret" + rest
    news = os.path.join(t.home, "news")
    os.makedirs(news)
    with open(os.path.join(news, "a.md"), "w", encoding="utf-8") as f:
        f.write('---\ntitle: Lunar lander\noriginalUrl: "%s"\n'
                'publishedDateTime: 2023-01-03\n---\n' % url)
    d = t.desk([news], cols=120, rows=30, env={"BROWSER": opener}, log=True)
    d.wait("1/1 shown", "? help")
    shown = "http://***" + rest.replace("\u200b", "<U+200B>")
    d.press("O", expect=["opened in the browser: " + shown])
    args = wait_bytes(got, b"]\n")
    assert args == b"[%s]\n" % url.encode(), args
    d.press("o", expect=[PAGE_TITLE], proof=d.logged("fetch " + shown))
    with open(d.log, "rb") as f:
        log = f.read()
    assert b"s3cret" not in log and b"\xe2\x80\x8b" not in log, log


def test_terminal_browser(t):
    fake = os.path.join(t.home, "bin", "w3m")
    os.makedirs(os.path.dirname(fake))
    with open(fake, "w") as f:
        f.write("#!/bin/sh\nclear\necho \"TERMINAL BROWSER [$1]\"\nread x\n")
    os.chmod(fake, 0o755)
    d = t.desk([news(t)], cols=100, rows=30, env={"BROWSER": fake})
    d.wait("3/3 shown", "? help")
    d.press("O", expect=["TERMINAL BROWSER [%s/pages/article.html]" % server()],
            gone=["3/3 shown"])
    d.press("Enter", expect=["back from the browser", "3/3 shown"])


def test_split_function_key(t):
    """F1 split by a slow link (ESC, a 60 ms stall, then "OP") is F1, never
    O (browser) then P (unpublish, a write to the file)."""
    ran = os.path.join(t.home, "browser-ran")
    opener = os.path.join(t.home, "fake-browser")
    with open(opener, "w") as f:
        f.write("#!/bin/sh\ntouch %s\n" % shquote(ran))
    os.chmod(opener, 0o755)
    n = news(t)
    files = sorted(os.path.join(n, x) for x in os.listdir(n))
    before = [open(x).read() for x in files]
    d = t.desk([n], cols=100, rows=30, env={"BROWSER": opener}, log=True)
    d.wait("3/3 shown", "? help")

    def split_f1():
        tmux("send-keys", "-t", d.name, "Escape")
        time.sleep(0.06)  # the stall itself is what is tested
        tmux("send-keys", "-t", d.name, "-l", "OP")
    d._act(split_f1, "ESC, 60 ms, OP", ["this help"])
    # The keys ran in order: had O and P run, P's write would be done.
    assert [open(x).read() for x in files] == before, "a file changed"
    assert not os.path.exists(ran), "the browser ran"
    # A CSI sequence split the same way (ESC, then "[6~" = PgDn) too.
    d.press("q", gone=["this help"])

    def split_pgdn():
        tmux("send-keys", "-t", d.name, "Escape")
        time.sleep(0.06)
        tmux("send-keys", "-t", d.name, "-l", "[6~")
    d._act(split_pgdn, "ESC, 60 ms, [6~", proof=d.logged("-> page-down"))


def desk_pid(home):
    """The desk's pid: the newsdesk process whose HOME is this test's."""
    def probe():
        out = subprocess.run(["pgrep", "-f", "-x", ".*newsdesk.*"],
                             capture_output=True, text=True).stdout.split()
        for pid in out:
            try:
                with open("/proc/%s/environ" % pid, "rb") as f:
                    if ("HOME=%s\0" % home).encode() in f.read():
                        return True, int(pid)
            except OSError:
                pass
        return False, None
    return poll(lambda: "the desk's pid", probe)


def test_signals_restore_terminal(t):
    """A hang-up (the SSH link drops) or SIGTERM ends the desk between two
    actions with the terminal restored and 128 + the signal as status."""
    for sig, name in ((signal.SIGHUP, "hup"), (signal.SIGTERM, "term")):
        home = os.path.join(t.home, name)
        os.makedirs(home)
        d = Desk(home, [t.samples], name="sig-" + name, log=True)
        t.desks.append(d)
        d.wait("45/45 shown", "? help")
        pid = desk_pid(home)

        def send():
            os.kill(pid, sig)
        # The desk's alternate screen is gone: the shell's line is there.
        d._act(send, name, ["EXIT=%d" % (128 + sig)], gone=["? help"])
        poll(lambda: "the log", d.logged("signal %d: the terminal is "
                                         "restored" % sig))
        d.close()


def test_suspend_and_resume(t):
    """C-z leaves the screen to the shell (the job is stopped), fg brings
    the desk back whole and it takes keys again. Under an interactive
    shell: a stop sent to an orphaned process group is discarded, so the
    plain sh -c of Desk cannot show it."""
    environ = ("env -i PATH=%s HOME=%s XDG_STATE_HOME=%s/state "
               "XDG_CONFIG_HOME=%s/config LANG=C.UTF-8 TERM=tmux-256color "
               "PS1='SHELL$ ' ND=%s NEWS=%s") % (
                   shquote(os.environ.get("PATH", "/usr/bin:/bin")), t.home,
                   t.home, t.home, shquote(BIN), shquote(t.samples))
    tmux("new-session", "-d", "-s", "susp", "-x", "80", "-y", "24",
         "%s bash --norc --noprofile -i" % environ)
    d = Desk.__new__(Desk)
    d.name, d.home, d.log = "susp", t.home, None
    t.desks.append(d)
    d.wait("SHELL$")
    # Short, so that no path length can wrap the line being checked.
    d.typed('"$ND" "$NEWS"', expect=['SHELL$ "$ND" "$NEWS"'])
    d.press("Enter", expect=["45/45 shown", "? help"])
    pid = desk_pid(t.home)
    s = d.press("C-z", expect=["Stopped"], gone=["? help"])
    assert status_of(pid) == "T", status_of(pid)
    d.typed("fg", expect=["SHELL$ fg"])
    d.press("Enter", expect=["45/45 shown", "Articles  1/45", "? help"])
    d.press("j", expect=["Articles  2/45"])
    d.press("q", gone=["? help"])


def test_long_layout_keeps_keys(t):
    """A hostile body (a million *a* spans) is laid out off the input
    path: the desk says so, answers keys meanwhile, Esc cancels, and left
    alone it shows the article when done."""
    d0 = os.path.join(t.home, "huge")
    os.makedirs(d0)
    with open(os.path.join(d0, "huge.md"), "w") as f:
        f.write("---\ntitle: Huge\npublishedDateTime: 2023-01-01\n---\n")
        f.write("*a* " * 1000000 + "\n")
    with open(os.path.join(d0, "small.md"), "w") as f:
        f.write("---\ntitle: Small\npublishedDateTime: 2023-01-02\n---\nhi\n")
    d = t.desk([d0])
    d.wait("2/2 shown", "? help")
    d.press("j", "Enter", expect=["laying out a long article (Esc cancels)"])
    d.press("Escape", expect=["layout cancelled: back to the index"])
    d.press("k", expect=["Articles  1/2"])
    d.press("j", "Enter", expect=["laying out a long article"])
    d.wait("laid out:", "Detail  1-")
    d.press("q", expect=["Articles  2/2"])
    assert "EXIT=0" in d.quit()


def status_of(pid):
    with open("/proc/%d/stat" % pid) as f:
        return f.read().rsplit(")", 1)[1].split()[0]


def test_bulk_stops_and_undoes_as_one(t):
    """A bulk decision runs in slices with its progress on the status
    line; Esc stops it, what was done stays done, and one u undoes exactly
    that."""
    bulk = os.path.join(t.home, "bulk")
    os.makedirs(bulk)
    n = 3000
    for i in range(n):
        with open(os.path.join(bulk, "a%05d.md" % i), "w") as f:
            f.write("---\ntitle: Generated %d\npublished: false\n"
                    "publishedDateTime: 2023-01-01\n---\n" % i)
    d = t.desk([bulk], cols=100, rows=30)
    d.wait("3000/3000 shown", "? help")
    d.press("T", expect=["Tag matching:"])
    d.typed("published:no", expect=["Tag matching: published:no"])
    d.press("Enter", expect=["3000 more tagged"])
    d.press("\\;", expect=["next decision applies to 3000 tagged"])
    d.press("p", expect=["publish: change 3000 files? (y/n)"])
    d.press("y", until=lambda s: re.search(r"publish: [1-9][\d,]* / 3,000", s))
    s = d.press("Escape", expect=["publish: stopped after"])
    m = re.search(r"stopped after (\d+) of 3000, (\d+) changed", s)
    assert m and 0 < int(m.group(2)) < n, s
    done = int(m.group(2))
    published = sum("published: true" in open(os.path.join(bulk, f)).read()
                    for f in os.listdir(bulk))
    assert published == done, (published, done)
    d.press("u", expect=["undid %d changes" % done])
    published = sum("published: true" in open(os.path.join(bulk, f)).read()
                    for f in os.listdir(bulk))
    assert published == 0, published


def test_osc8_hyperlinks(t):
    cfgdir = os.path.join(t.home, "config", "newsdesk")
    os.makedirs(cfgdir)
    with open(os.path.join(cfgdir, "config.yaml"), "w") as f:
        f.write("hyperlinks: true\n")
    raw = os.path.join(t.home, "osc8.bin")
    d = t.desk([news(t)], cols=100, rows=40)
    d.wait("3/3 shown", "? help")
    d.pipe(raw)
    d.press("o", expect=["[2] https://example.org/other"])
    # written right after curses draws the page
    wait_bytes(raw, b"\x1b]8;;https://example.org/other\x1b\\[2] https://example.org/other"
               b"\x1b]8;;\x1b\\")
    d.unpipe()


# ---------------------------------------------------------------- runner

class T:
    def __init__(self, name):
        self.name = name
        self.home = tempfile.mkdtemp(prefix="nd-e2e-")
        self.samples = os.path.join(self.home, "samples")
        shutil.copytree(os.path.join(SRC, "samples"), self.samples)
        self.tui = os.path.join(SRC, "tests", "fixtures", "tui")
        self.desks = []

    def desk(self, args, **kw):
        kw.setdefault("name", "d%d" % len(self.desks))
        d = Desk(self.home, args, **kw)
        self.desks.append(d)
        return d

    def close(self):
        for d in self.desks:
            d.close()
        shutil.rmtree(self.home, ignore_errors=True)


def main():
    tests = [(n, f) for n, f in sorted(globals().items())
             if n.startswith("test_") and callable(f)]
    if ONLY:
        tests = [(n, f) for n, f in tests if any(o in n for o in ONLY)]
    # tmux exits when its last session ends, and a new-session sent while
    # it is exiting fails with "server exited unexpectedly" (seen when a
    # test closes its only desk and starts another, and between tests).
    # A session that lives as long as this runner keeps the server up;
    # tail --pid ends it should the runner be killed.
    tmux("new-session", "-d", "-s", "keeper", "tail", "--pid=%d" % os.getpid(),
         "-f", "/dev/null")
    passed = failed = 0
    for name, fn in tests:
        # Each test runs once: running a failed one again would hide the
        # very races these tests exist to catch.
        t = T(name)
        start = time.time()
        try:
            fn(t)
            passed += 1
            print("ok   %s (%.1fs)" % (name, time.time() - start))
        except Exception as e:  # noqa: BLE001 - report every failure
            failed += 1
            print("FAIL %s: %s" % (name, e))
            if not isinstance(e, Fail):
                traceback.print_exc()
        finally:
            t.close()
    tmux("kill-server", check=False)
    if _server:
        _server["proc"].stdin.close()
        _server["proc"].wait()
    print("%d passed, %d failed" % (passed, failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
