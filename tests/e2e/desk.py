#!/usr/bin/env python3
"""End-to-end tests of the interactive desk.

Each test starts the real newsdesk inside a private tmux server
(tmux -L <socket> -f /dev/null), types with send-keys and reads the screen
with capture-pane, polling for the expected text instead of sleeping fixed
times. The user's config never leaks in: HOME and XDG_* point at a
temporary directory.

usage: desk.py NEWSDESK SOURCE_DIR [TEST...]
"""
import os
import shutil
import subprocess
import sys
import tempfile
import time
import traceback

BIN = os.path.abspath(sys.argv[1])
SRC = os.path.abspath(sys.argv[2])
ONLY = sys.argv[3:]
SOCKET = "nd-e2e-%d" % os.getpid()
TIMEOUT = 8.0


class Fail(Exception):
    pass


def tmux(*args, check=True):
    r = subprocess.run(["tmux", "-L", SOCKET, "-f", "/dev/null"] + list(args),
                       capture_output=True, text=True)
    if check and r.returncode != 0:
        raise Fail("tmux %s: %s" % (" ".join(args), r.stderr.strip()))
    return r.stdout


class Desk:
    """One newsdesk in one tmux session."""

    def __init__(self, home, args, cols=80, rows=24, env=None, name="t"):
        self.name = name
        self.home = home
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

    def keys(self, *keys):
        for k in keys:
            tmux("send-keys", "-t", self.name, k)

    def type(self, text):
        tmux("send-keys", "-t", self.name, "-l", text)

    def wait(self, text, timeout=TIMEOUT, gone=False):
        end = time.time() + timeout
        while True:
            s = self.screen()
            if (text in s) != gone:
                return s
            if time.time() > end:
                raise Fail("%s %r on screen:\n%s" % (
                    "still" if gone else "no", text, s))
            time.sleep(0.05)

    def resize(self, cols, rows):
        tmux("resize-window", "-t", self.name, "-x", str(cols), "-y", str(rows))

    def quit(self):
        self.keys("q")
        return self.wait("EXIT=")

    def close(self):
        tmux("kill-session", "-t", self.name, check=False)


def shquote(s):
    return "'" + s.replace("'", "'\\''") + "'"


def list_rows(screen):
    """The list's article rows: mark, published mark, date."""
    import re
    return [l for l in screen.splitlines() if re.match(r"^.[ N] (\d{4}-|- )", l)]


def git(cwd, *args):
    return subprocess.run(["git"] + list(args), cwd=cwd, capture_output=True,
                          text=True).stdout


def line_with(screen, text):
    for line in screen.splitlines():
        if text in line:
            return line
    raise Fail("no line with %r:\n%s" % (text, screen))


# ---------------------------------------------------------------- tests

def test_open_and_quit(t):
    d = t.desk([t.samples])
    s = d.wait("45/45 shown")
    assert "33 unpublished" in s, s
    assert "Articles  45" in s, s
    assert "Detail" in s and "Related" in s, s
    assert "? help" in s, s
    s = d.quit()
    assert "EXIT=0" in s, s


def test_navigate(t):
    d = t.desk([t.samples])
    d.wait("Regulators publish draft rules")
    d.keys("j")
    d.wait("A quiet debut novel about a lighthouse keeper\n")
    d.keys("G")  # the oldest article is last
    d.wait("Ancient DNA rewrites the story of early farmers\n")
    d.keys("g")
    d.wait("Provider   Nature (nature.com)")
    d.keys("Down", "Down", "Up")
    d.wait("Provider   TechSpot (techspot.com)")
    d.keys("PageDown")
    s = d.wait("Provider   TechSpot", gone=True)
    d.keys("Home")
    d.wait("Provider   Nature (nature.com)")


def test_search(t):
    d = t.desk([t.samples])
    d.wait("45/45 shown")
    d.keys("/")
    d.wait("Search:")
    d.type("festival")
    # moves as you type, before Enter
    d.wait("Le festival d'Avignon dévoile une programmation très européenne\n")
    d.keys("Enter")
    d.wait("? help")
    d.keys("n")
    d.wait("search wrapped")
    d.keys("/")
    d.type("nosuchwordanywhere")
    d.keys("Enter")
    d.wait("not found: nosuchwordanywhere")


def test_search_cancel_restores(t):
    d = t.desk([t.samples])
    d.wait("Provider   Nature (nature.com)")
    d.keys("/")
    d.type("festival")
    d.wait("Le festival d'Avignon")
    d.keys("Escape")
    d.wait("Provider   Nature (nature.com)")


def test_limit(t):
    d = t.desk([t.samples])
    d.wait("45/45 shown")
    d.keys("l")
    d.type("published:yes")
    d.keys("Enter")
    s = d.wait("12/45 shown")
    assert "limit: published:yes" in s, s
    assert "12 articles match" in s, s
    # a bad query: a clear error, the list unchanged
    d.keys("l", "C-u")
    d.type("topic:AI OR (")
    d.keys("Enter")
    s = d.wait("bad limit at column 14")
    assert "12/45 shown" in s, s
    # empty clears
    d.keys("l", "C-u", "Enter")
    d.wait("45/45 shown")


def test_sort(t):
    d = t.desk([t.samples])
    d.wait("sort: date desc")
    d.keys("s")
    d.wait("Sort by:")
    d.keys("t")
    s = d.wait("sort: title asc")
    # the selection stays on the same article
    assert "Regulators publish draft rules for high-risk AI systems\n" in s, s
    d.keys("g")
    s = d.wait("A quiet debut novel about a lighthouse keeper\n")
    rows = list_rows(s)
    assert "A quiet debut novel" in rows[0], s
    d.keys("S")
    d.wait("sort: title desc")
    d.keys("s", "Q")  # capital: reversed natural order (worst first)
    s = d.wait("sort: quality asc")


def test_related_jump_and_back(t):
    d = t.desk([t.samples])
    d.wait("Regulators publish draft rules")
    d.keys("Tab", "Tab")
    s = d.wait("\u2192 Ars Technica")
    d.keys("Enter")
    s = d.wait("jumped to the related article")
    assert "Open-weight language models close the gap with commercial rivals\n" in s, s
    d.keys("BSpace")
    d.wait("Provider   Nature (nature.com)")


def test_related_not_in_directory(t):
    d = t.desk([t.samples])
    d.wait("Regulators publish draft rules")
    d.keys("Tab", "Tab", "G", "Enter")
    s = d.wait("Related item")
    assert "Background: AI explained" in s, s
    assert "not in this directory" in s, s
    d.keys("h")
    d.wait("Provider   Nature (nature.com)")


def test_help(t):
    d = t.desk([t.samples])
    d.wait("45/45 shown")
    d.keys("?")
    s = d.wait("Help  (q, Esc or ? closes)")
    assert "[search]" in s and "[limit]" in s, s
    assert "j, Down" in s, s
    d.keys("q")
    s = d.wait("45/45 shown")
    assert "EXIT=" not in s, s


def test_resize(t):
    d = t.desk([t.samples])
    d.wait("45/45 shown")
    d.resize(40, 12)
    s = d.wait("Articles  45")
    assert all(len(l) <= 40 for l in s.splitlines()), s
    d.resize(200, 50)
    s = d.wait("Related  3")
    assert "\u2502" in s, s  # side by side
    d.resize(20, 5)
    d.wait("too small")
    d.resize(1, 1)
    time.sleep(0.3)
    d.resize(80, 24)
    d.wait("45/45 shown")
    d.keys("j")
    d.wait("A quiet debut novel")


def test_layout_and_zoom(t):
    d = t.desk([t.samples], cols=130, rows=30)
    s = d.wait("Related  3")
    assert "\u2502" in line_with(s, "Articles  45"), s
    d.keys("L")
    d.wait("layout: side by side")
    d.keys("L")
    s = d.wait("layout: stacked")
    assert "\u2502" not in line_with(s, "Articles  45"), s
    d.keys("Tab", "z")
    s = d.wait("Detail", gone=False)
    assert "Articles  45" not in s, s
    d.keys("z")
    d.wait("Articles  45")


def test_hostile_title(t):
    d = t.desk([t.tui], cols=120, rows=30)
    s = d.wait("Evil")
    assert "^[]52;c;SGVsbG8=^G" in s, s
    assert "<U+202E>gnp.exe" in s, s
    assert "<U+009B>2J" in s, s
    assert "Bad^[[7mCorp" in s, s
    # the rest of the screen is intact
    assert "2/2 shown" in s, s
    assert "A calm neighbour" in s, s
    assert "? help" in s, s


def test_raw_bytes(t):
    raw = os.path.join(t.home, "raw.bin")
    d = t.desk([t.tui], cols=120, rows=30)
    tmux("pipe-pane", "-o", "-t", d.name, "cat >> %s" % shquote(raw))
    d.keys("C-l")
    d.wait("Evil")
    d.keys("j", "k", "Tab", "Tab")
    d.wait("Related  0")
    d.quit()
    tmux("pipe-pane", "-t", d.name)
    data = open(raw, "rb").read()
    assert len(data) > 500, len(data)
    for bad in (b"\x1b]52;", b"\x1b[31;5;7m", b"\xc2\x9b", b"\xe2\x80\xae",
                b"\x1b[7mCorp", b"\x1b[H home"):
        if bad in data:
            raise Fail("content bytes %r reached the terminal" % bad)
    assert b"^[]52;c;" in data, data[:200]


def test_vt100(t):
    d = t.desk([t.samples], env={"TERM": "vt100"})
    s = d.wait("45/45 shown")
    d.keys("j")
    d.wait("A quiet debut novel")
    assert "EXIT=0" in d.quit()


def test_lang_c(t):
    d = t.desk([t.samples], env={"LANG": "C", "LC_ALL": "C"})
    d.wait("45/45 shown")
    d.keys("/")
    d.type("Avignon")
    d.keys("Enter")
    s = d.wait("Le festival d'Avignon d?voile")
    assert "\u2192" not in s and "\u2502" not in s, s
    assert "EXIT=0" in d.quit()


def test_unknown_term(t):
    d = t.desk([t.samples], env={"TERM": "no-such-terminal-xyz"})
    s = d.wait("EXIT=1")
    assert "cannot use terminal type 'no-such-terminal-xyz'" in s, s


def sgr_codes(screen):
    """Every SGR parameter list in a capture-pane -e dump."""
    import re
    return re.findall(r"\x1b\[([0-9;]*)m", screen)


def test_colors(t):
    d = t.desk([t.samples])
    d.wait("45/45 shown")
    s = tmux("capture-pane", "-p", "-e", "-t", d.name)
    codes = ";".join(sgr_codes(s)).split(";")
    # the dark theme: header black on cyan, unpublished titles yellow
    assert "46" in codes and "30" in codes, repr(s[:300])
    assert "33" in codes, repr(s[:300])
    d.close()
    d = t.desk([t.samples], env={"TERM": "xterm"}, name="eight")
    d.wait("45/45 shown")
    s = tmux("capture-pane", "-p", "-e", "-t", d.name)
    assert "46" in ";".join(sgr_codes(s)).split(";"), repr(s[:300])


def test_no_color(t):
    d = t.desk([t.samples], env={"NO_COLOR": "1"})
    d.wait("45/45 shown")
    s = tmux("capture-pane", "-p", "-e", "-t", d.name)
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
    s = d.wait("config:")
    assert "config.yaml:6:1: warning: unknown setting 'bogus'" in s, s
    assert "sort: title asc" in s, s
    d.keys("J")
    d.wait("Provider   Reuters (reuters.com)")
    d.keys("x")
    d.wait("EXIT=0")


def test_no_config_and_broken_theme(t):
    cfgdir = os.path.join(t.home, "config", "newsdesk")
    os.makedirs(cfgdir)
    with open(os.path.join(cfgdir, "config.yaml"), "w") as f:
        f.write("sort: title\n")
    broken = os.path.join(t.home, "broken.yaml")
    with open(broken, "w") as f:
        f.write("name: broken\nroles:\n  header: {fg: cyan\n")
    d = t.desk(["--no-config", "--theme", broken, t.samples])
    s = d.wait("theme:")
    assert "broken.yaml:4:1:" in s, s
    assert "sort: date desc" in s, s
    d.keys("j")
    d.wait("A quiet debut novel")


def test_themes_load(t):
    for name in ("light", "high-contrast", "mono", "dark"):
        d = t.desk(["--theme", name, t.samples], name="th" + name.replace("-", ""))
        s = d.wait("45/45 shown")
        assert "theme:" not in s, s
        d.close()


def test_reload_keeps_selection(t):
    d = t.desk([t.samples])
    d.wait("45/45 shown")
    d.keys("j")
    d.wait("A quiet debut novel about a lighthouse keeper\n")
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
    d.keys("r")
    s = d.wait("reloaded: 46 articles")
    assert "A quiet debut novel, revised\n" in s, s
    assert "46/46 shown" in s, s


def test_detail_scroll(t):
    d = t.desk([t.samples], cols=80, rows=24)
    d.wait("45/45 shown")
    d.keys("Tab")
    s = d.wait("Detail  1-")
    d.keys("C-d")
    s = d.wait("Detail  1-", gone=True)
    d.keys("g")
    d.wait("Detail  1-")


def test_log_file(t):
    log = os.path.join(t.home, "desk.log")
    d = t.desk(["--log", log, t.samples])
    d.wait("45/45 shown")
    d.keys("j", "q")
    d.wait("EXIT=0")
    text = open(log).read()
    assert "loaded 45 articles" in text, text
    assert "-> down" in text and "-> quit" in text, text


def test_not_a_terminal_prints_list(t):
    r = subprocess.run([BIN, t.samples], capture_output=True, text=True,
                       env={"HOME": t.home, "LANG": "C.UTF-8"})
    assert r.returncode == 0, r.stderr
    assert r.stdout.startswith("  DATE       QUAL HEAT PROVIDER"), r.stdout[:200]


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
    d.wait("45/45 shown")
    d.keys("i")
    d.wait("Triage:")
    d.keys("Enter")  # the default query: published:no
    d.wait("TRIAGE 0 done / 33 left")
    d.keys("p", "p", "P", "+", "j", "d")
    s = d.wait("TRIAGE 4 done / 29 left")
    assert "32/44 shown" in s, s  # the rejected one left the list
    d.wait("reject: 1 changed")
    # the files say exactly what was decided, nothing else
    diff = git(t.samples, "diff", "--numstat")
    changed = [l.split("\t") for l in diff.strip().splitlines()]
    assert len(changed) == 4, diff  # 2 published, 1 quality, 1 rejected
    ones = [c for c in changed if c[:2] == ["1", "1"]]
    gone = [c for c in changed if c[0] == "0" and int(c[1]) > 30]
    assert len(ones) == 3 and len(gone) == 1, diff  # one line each, one moved
    status = git(t.samples, "status", "--porcelain")
    assert "?? .rejected/" in status, status
    d.keys("u")  # the reject comes back
    d.wait("undid 1 change")
    assert ".rejected" not in git(t.samples, "status", "--porcelain")
    d.keys("i")
    s = d.wait("triage done: 4 decided")
    d.quit()
    # undo survives a restart
    d2 = t.desk([t.samples], name="again")
    d2.wait("45/45 shown")
    d2.keys("u")
    d2.wait("undid 1 change")
    d2.keys("u", "u", "u")
    d2.wait("nothing to undo")
    assert git(t.samples, "diff", "--stat") == "", git(t.samples, "diff")


def test_tags_bulk_and_undo(t):
    d = t.desk([t.samples], cols=120, rows=30)
    d.wait("45/45 shown")
    d.keys("t", "t", "t")
    s = d.wait("3 tagged")
    assert len([r for r in list_rows(s) if r.startswith("*")]) == 3, s
    d.keys("\\;")
    d.wait("next decision applies to 3 tagged")
    d.keys("p")
    d.wait("publish: change 3 files? (y/n)")
    d.keys("y")
    s = d.wait("publish: 3 changed")
    assert "30 unpublished" in s, s
    d.keys("T")
    d.type("provider:reuters.com")
    d.keys("Enter")
    d.wait("3 more tagged, 6 in all")
    d.keys("\\;", "a")
    d.wait("Add topic:")
    d.type("Weekly Pick")
    d.keys("Enter")
    d.wait("add topic 'Weekly Pick': change 6 files? (y/n)")
    d.keys("n")
    d.wait("6 tagged", gone=False)
    d.keys("u")
    s = d.wait("undid 3 changes")
    assert "33 unpublished" in s, s
    d.keys("C-r")
    d.wait("redid 3 changes")
    d.keys("T", "Enter")
    d.wait("all tags cleared")


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
    assert "published: false -> true" in r.stdout, r.stdout
    r = subprocess.run([BIN, "log"], capture_output=True, text=True,
                       env={"HOME": t.home, "XDG_STATE_HOME": t.home + "/state"})
    assert "topic+=CLI" in r.stdout, r.stdout
    d = t.desk([t.samples])
    d.wait("45/45 shown")
    d.keys("u")  # the desk undoes what the shell did, in this directory
    d.wait("undid 2 changes")


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


def test_reader(t):
    d = t.desk([news(t)], cols=100, rows=30)
    d.wait("3/3 shown")
    d.keys("o")
    s = d.wait("Lunar lander survives its first night & wakes up")
    assert "[1] " + server() + "/pages/links.html" in s, s
    assert "Day \u2502 Event" in s, s
    d.keys("f")
    d.wait("Follow link number:")
    d.type("1")
    d.keys("Enter")
    d.wait("Mission timeline")
    d.keys("h")
    d.wait("Lunar lander survives its first night & wakes up")
    d.keys("v")
    d.wait("<!DOCTYPE html>")
    d.keys("v", "/")
    d.type("Wake-up")
    d.keys("Enter")
    d.keys("q")
    d.wait("3/3 shown")


def test_fetch_keeps_desk_alive_and_cancels(t):
    d = t.desk([news(t)], cols=100, rows=30)
    d.wait("3/3 shown")
    d.keys("Tab", "Tab", "o")
    d.wait("fetching " + server() + "/slow")
    d.keys("Tab")  # keys still work while it runs
    d.wait("fetching " + server() + "/slow")
    d.keys("Escape")
    d.wait("cancelled")
    time.sleep(0.5)
    d.keys("k")
    s = d.wait("3/3 shown")
    assert "Lunar lander survives" not in s, s


def test_fetch_error_leaves_desk(t):
    d = t.desk([news(t)], cols=100, rows=30)
    d.wait("3/3 shown")
    d.keys("j", "o")
    s = d.wait("HTTP 404 not found")
    assert "Broken link" in s and "3/3 shown" in s, s
    d.keys("c")
    d.wait("links: " + server() + "/404: HTTP 404 not found")


def test_offline_from_cache(t):
    n = news(t)
    d = t.desk([n], cols=100, rows=30)
    d.wait("3/3 shown")
    d.keys("o")
    d.wait("Lunar lander survives its first night & wakes up")
    d.keys("q")
    d.wait("3/3 shown")
    d.quit()
    d2 = t.desk(["--offline", n], cols=100, rows=30, name="off")
    d2.wait("3/3 shown")
    d2.keys("o")
    d2.wait("Lunar lander survives its first night & wakes up")
    d2.keys("q", "j", "o")
    d2.wait("not in the cache (offline)")


def test_hostile_page_raw_bytes(t):
    raw = os.path.join(t.home, "page.bin")
    d = t.desk([news(t)], cols=100, rows=30)
    d.wait("3/3 shown")
    tmux("pipe-pane", "-o", "-t", d.name, "cat >> %s" % shquote(raw))
    d.keys("G", "o")
    s = d.wait("<U+202E>gnp.exe")
    assert "<U+202E>gnp.exe" in s and "<U+009B>2J" in s, s
    d.keys("q")
    d.wait("3/3 shown")
    tmux("pipe-pane", "-t", d.name)
    data = open(raw, "rb").read()
    for bad in (b"\x1b]52;c;SGVsbG8", b"\x1b[31mRED", b"\xc2\x9b",
                b"\xe2\x80\xae"):
        assert bad not in data, bad


def test_copy_and_browser(t):
    raw = os.path.join(t.home, "copy.bin")
    got = os.path.join(t.home, "browser-args")
    opener = os.path.join(t.home, "fake-browser")
    with open(opener, "w") as f:
        # Written whole, then renamed: the test waits for the file to exist
        # and must never read it half written (it did: "[--new-tab]\n"
        # without the URL line, when the test read between the two echoes).
        f.write("#!/bin/sh\nfor a in \"$@\"; do echo \"[$a]\"; done > %s.tmp\n"
                "mv %s.tmp %s\n" % (shquote(got), shquote(got), shquote(got)))
    os.chmod(opener, 0o755)
    n = news(t)
    d = t.desk([n], cols=100, rows=30, env={"BROWSER": opener + " --new-tab"})
    d.wait("3/3 shown")
    tmux("pipe-pane", "-o", "-t", d.name, "cat >> %s" % shquote(raw))
    d.keys("y")
    d.wait("copied the URL to the clipboard")
    d.keys("O")
    d.wait("opened in the browser")
    # The browser runs detached, and pipe-pane's cat writes the raw bytes
    # on its own time: poll both files for what they must come to hold.
    url = server() + "/pages/article.html"
    import base64
    osc52 = b"\x1b]52;c;" + base64.b64encode(url.encode()) + b"\x07"
    end = time.time() + TIMEOUT
    while not (os.path.exists(got) and osc52 in open(raw, "rb").read()):
        if time.time() > end:
            raise Fail("no browser arguments or no OSC 52 in the raw bytes")
        time.sleep(0.05)
    assert open(got).read() == "[--new-tab]\n[%s]\n" % url, open(got).read()
    tmux("pipe-pane", "-t", d.name)
    d.close()
    d2 = t.desk([n], cols=100, rows=30, name="nob", env={"BROWSER": "", "DISPLAY": ""})
    d2.wait("3/3 shown")
    d2.keys("O")
    d2.wait("no browser here (over SSH?)")


def test_terminal_browser(t):
    fake = os.path.join(t.home, "bin", "w3m")
    os.makedirs(os.path.dirname(fake))
    with open(fake, "w") as f:
        f.write("#!/bin/sh\nclear\necho \"TERMINAL BROWSER [$1]\"\nread x\n")
    os.chmod(fake, 0o755)
    d = t.desk([news(t)], cols=100, rows=30, env={"BROWSER": fake})
    d.wait("3/3 shown")
    d.keys("O")
    d.wait("TERMINAL BROWSER [%s/pages/article.html]" % server())
    d.keys("Enter")
    s = d.wait("back from the browser")
    assert "3/3 shown" in s, s


def test_osc8_hyperlinks(t):
    cfgdir = os.path.join(t.home, "config", "newsdesk")
    os.makedirs(cfgdir)
    with open(os.path.join(cfgdir, "config.yaml"), "w") as f:
        f.write("hyperlinks: true\n")
    raw = os.path.join(t.home, "osc8.bin")
    d = t.desk([news(t)], cols=100, rows=40)
    d.wait("3/3 shown")
    tmux("pipe-pane", "-o", "-t", d.name, "cat >> %s" % shquote(raw))
    d.keys("o")
    d.wait("[2] https://example.org/other")
    d.keys("j")
    time.sleep(0.3)
    tmux("pipe-pane", "-t", d.name)
    data = open(raw, "rb").read()
    assert b"\x1b]8;;https://example.org/other\x1b\\[2] https://example.org/other" \
        b"\x1b]8;;\x1b\\" in data, data[-400:]


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
        # Each test runs once: a retry would hide the very races these
        # tests exist to catch.
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
