#!/usr/bin/env python3
"""Bytes on the wire: what newsdesk writes to the terminal per keypress.

Runs the program in a private tmux server with pipe-pane recording every
byte it writes to the pane, presses a key, waits until the output has
been quiet for a moment and counts the bytes. tmux does the terminal
emulation, so the characters of the new page are read back with
capture-pane. less (and neomutt, when installed) are measured the same
way next to it.

usage: wire.py NEWSDESK [--count N] [--sizes 80x24,200x50] [--check]
  --count N   articles generated with newsdesk-bench (default 10000)
  --check     exit 1 when a target is not met

Targets (issue: remote use): list j at 80x24 <= 200 B; PgDn <= 1.2x the
bytes of the characters on the new page; 0 B while idle; a burst of
queued keys repaints once (10 j in one write cost no more than 2 single
j's).
"""
import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time

SOCKET = "nd-wire-%d" % os.getpid()
QUIET = 0.4  # seconds without output that end a key's repaint


def tmux(*args):
    r = subprocess.run(["tmux", "-L", SOCKET, "-f", "/dev/null"] + list(args),
                       capture_output=True, text=True)
    if r.returncode != 0:
        raise RuntimeError("tmux %s: %s" % (" ".join(args), r.stderr.strip()))
    return r.stdout


class Pane:
    def __init__(self, cmd, cols, rows, tmp, env):
        self.rec = os.path.join(tmp, "rec-%d" % time.monotonic_ns())
        open(self.rec, "wb").close()
        envs = " ".join("%s=%s" % kv for kv in env.items())
        tmux("new-session", "-d", "-s", "w", "-x", str(cols), "-y", str(rows),
             "env %s %s" % (envs, cmd))
        tmux("pipe-pane", "-t", "w", "-o", "cat >> " + self.rec)
        self.settle(5.0)

    def size(self):
        return os.path.getsize(self.rec)

    def settle(self, first=QUIET):
        """Waits until nothing was written for QUIET seconds (at most 30 s)."""
        end = time.monotonic() + 30
        last, since = self.size(), time.monotonic()
        time.sleep(first if first > QUIET else 0)
        while time.monotonic() < end:
            time.sleep(0.05)
            n = self.size()
            if n != last:
                last, since = n, time.monotonic()
            elif time.monotonic() - since >= QUIET:
                return
        raise RuntimeError("the output never settled")

    def key(self, *keys):
        before = self.size()
        tmux("send-keys", "-t", "w", *keys)
        self.settle()
        return self.size() - before

    def idle(self, seconds):
        before = self.size()
        time.sleep(seconds)
        return self.size() - before

    def page_chars(self):
        text = tmux("capture-pane", "-p", "-t", "w")
        return sum(len(line.rstrip().encode()) for line in text.splitlines())

    def close(self):
        tmux("kill-session", "-t", "w")


def measure(name, cmd, cols, rows, tmp, env, down="j", page="PageDown"):
    p = Pane(cmd, cols, rows, tmp, env)
    try:
        j = [p.key(down) for _ in range(5)]
        burst = p.key(*([down] * 10))
        pg = p.key(page)
        chars = p.page_chars()
        idle = p.idle(3.0)
    finally:
        p.close()
    return {"name": name, "size": "%dx%d" % (cols, rows), "j": sum(j) / len(j),
            "burst": burst, "pgdn": pg, "chars": chars, "idle": idle}


def row(r):
    ratio = r["pgdn"] / r["chars"] if r["chars"] else 0
    print("| %-9s | %7s | %6.0f | %7d | %6d | %6d | %5.2fx | %4d |" % (
        r["name"], r["size"], r["j"], r["burst"], r["pgdn"], r["chars"], ratio, r["idle"]))
    return ratio


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("newsdesk")
    ap.add_argument("--count", type=int, default=10000)
    ap.add_argument("--sizes", default="80x24,200x50")
    ap.add_argument("--check", action="store_true")
    a = ap.parse_args()
    nd = os.path.abspath(a.newsdesk)
    bench = os.path.join(os.path.dirname(nd), "newsdesk-bench")
    tmp = tempfile.mkdtemp(prefix="nd-wire-")
    out = subprocess.run([bench, "--count", str(a.count), "--keep", "--spans", "0"],
                         check=True, capture_output=True, text=True).stdout
    kept = [l.split()[-1] for l in out.splitlines() if l.startswith("kept")]
    news = os.path.join(tmp, "news")
    shutil.move(kept[0], news)
    text = os.path.join(tmp, "list.txt")
    with open(text, "w") as f:
        subprocess.run([nd, "list", news], stdout=f, check=True,
                       env={"HOME": tmp, "LANG": "C.UTF-8", "PATH": "/usr/bin:/bin"})
    env = {"HOME": tmp, "XDG_CONFIG_HOME": tmp + "/c", "XDG_STATE_HOME": tmp + "/s",
           "XDG_CACHE_HOME": tmp + "/k", "LANG": "C.UTF-8", "TERM": "xterm-256color"}
    tmux("start-server", ";", "set", "-g", "exit-empty", "off")
    failed = []
    try:
        print("| program   |    size | j (B) | 10 j (B) | PgDn (B) | page chars | PgDn/chars | idle 3 s |")
        print("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
        for size in a.sizes.split(","):
            cols, rows = (int(x) for x in size.split("x"))
            r = measure("newsdesk", "%s %s" % (nd, news), cols, rows, tmp, env)
            ratio = row(r)
            if size == "80x24" and r["j"] > 200:
                failed.append("j at 80x24: %.0f B > 200" % r["j"])
            if ratio > 1.2:
                failed.append("PgDn at %s: %.2fx > 1.2x" % (size, ratio))
            if r["idle"]:
                failed.append("idle at %s: %d B" % (size, r["idle"]))
            if r["burst"] > 2 * r["j"]:
                failed.append("10 j at %s: %d B > 2 x %.0f" % (size, r["burst"], r["j"]))
            row(measure("less", "less -S %s" % text, cols, rows, tmp, env, page="Space"))
            if shutil.which("neomutt"):
                mbox = os.path.join(tmp, "mbox")
                if not os.path.exists(mbox):
                    make_mbox(mbox, a.count)
                row(measure("neomutt", "neomutt -n -R -F /dev/null -f %s" % mbox,
                            cols, rows, tmp, env))
    finally:
        subprocess.run(["tmux", "-L", SOCKET, "kill-server"], capture_output=True)
        shutil.rmtree(tmp, ignore_errors=True)
    for f in failed:
        print("target not met: " + f)
    if not failed:
        print("all targets met")
    sys.exit(1 if failed and a.check else 0)


def make_mbox(path, n):
    with open(path, "w") as f:
        for i in range(n):
            f.write("From a@b Mon Jan  1 00:00:00 2024\nFrom: a%d@example.org\n"
                    "Subject: Message number %d about something\n"
                    "Date: Mon, 1 Jan 2024 00:00:00 +0000\n\nBody %d\n\n" % (i, i, i))


if __name__ == "__main__":
    main()
