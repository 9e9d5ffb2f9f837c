#!/usr/bin/env python3
"""Crash and concurrency tests of newsdesk's write-back.

crash: a writer ('newsdesk set ... published=X') is killed with SIGKILL at
a random moment, hundreds of times; after every kill each file must parse
and be byte for byte either the old or the new version.

race: several processes decide on the same directory at once (published,
quality, a topic); afterwards every file carries every decision.

inplace: another program rewrites files in place, without flock (open
'r+', truncate, write slowly in chunks with an occasional stall, as
`cat > file` or rsync --inplace do), while 'newsdesk set' decides on them.
The in-place writer's data must never be lost: after each of its rewrites
its inode must still be the file (not orphaned by a rename), the next time
it comes back the file must hold its content or that content with the
decision applied, and so at the end. (An open that begins in the
microseconds before a rename and returns after it is out of anyone's
reach without the writer's help: the writer checks after its open that it
holds the file at the path, before writing anything.)

usage: crash_and_race.py NEWSDESK SOURCE_DIR [--rounds N]
                         [--inplace-rounds N] [--only crash|race|inplace]
"""
import json
import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import time

BIN = os.path.abspath(sys.argv[1])
SRC = os.path.abspath(sys.argv[2])


def option(name, default):
    return sys.argv[sys.argv.index(name) + 1] if name in sys.argv else default


ROUNDS = int(option("--rounds", 300))
INPLACE_ROUNDS = int(option("--inplace-rounds", 25))
ONLY = option("--only", None)

failures = []


def env(home):
    return {"HOME": home, "XDG_STATE_HOME": os.path.join(home, "state"),
            "LANG": "C.UTF-8", "PATH": os.environ.get("PATH", "/usr/bin:/bin")}


def corpus(home, n):
    d = os.path.join(home, "news")
    os.makedirs(d)
    seed = open(os.path.join(SRC, "tests", "fixtures", "seed.md"), "rb").read()
    for i in range(n):
        text = seed.replace(b"title: \"Cryptominers", b"title: \"%d Cryptominers" % i)
        if i % 3 == 0:
            text = text.replace(b"\n", b"\r\n")
        with open(os.path.join(d, "a%02d.md" % i), "wb") as f:
            f.write(text)
    return d


def test_crash(home):
    d = corpus(home, 12)
    files = sorted(os.path.join(d, f) for f in os.listdir(d))
    versions = {}
    for f in files:
        old = open(f, "rb").read()
        nl = b"\r\n" if b"\r\n" in old else b"\n"
        versions[f] = {old, old.replace(b"published: false" + nl, b"published: true" + nl)}
    rng = random.Random(7)
    killed = 0
    for i in range(ROUNDS):
        value = "true" if i % 2 == 0 else "false"
        p = subprocess.Popen([BIN, "set"] + files + ["published=" + value],
                             stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                             env=env(home))
        time.sleep(rng.uniform(0, 0.012))
        if p.poll() is None:
            p.send_signal(signal.SIGKILL)
            killed += 1
        p.wait()
        for f in files:
            now = open(f, "rb").read()
            if now not in versions[f]:
                failures.append("crash round %d: %s is neither old nor new" % (i, f))
                return
    leftovers = [f for f in os.listdir(d) if f.startswith(".")]
    # check must find every article clean; the one thing it may say is
    # that a kill left a temporary file behind, naming each one.
    r = subprocess.run([BIN, "check", d], capture_output=True, text=True, env=env(home))
    problems = [l for l in r.stdout.splitlines() if l.strip()]
    temps = [l for l in problems if "a temporary file left by an interrupted write" in l]
    if (len(temps) != len(problems) or len(temps) != len(leftovers)
            or r.returncode != (1 if leftovers else 0)):
        failures.append("crash: check failed:\n" + r.stdout + r.stderr)
    if len(leftovers) > len(files):
        failures.append("crash: %d temporary files for %d articles" % (len(leftovers), len(files)))
    print("crash: %d rounds, %d killed mid-run, every file old or new; "
          "%d temporary files left by kills" % (ROUNDS, killed, len(leftovers)))


def test_race(home):
    d = corpus(home, 30)
    for rnd in range(3):
        jobs = [["--set", "published=true"], ["--set", "quality=77"],
                ["--set", "topic+=Race %d" % rnd], ["--set", "topic-=AI"]]
        procs = [subprocess.Popen([BIN, "triage", d] + j, stdout=subprocess.DEVNULL,
                                  stderr=subprocess.PIPE, env=env(home))
                 for j in jobs]
        for p in procs:
            _, err = p.communicate()
            if p.returncode != 0:
                failures.append("race: a writer failed: %s" % err.decode())
        for f in sorted(os.listdir(d)):
            text = open(os.path.join(d, f), encoding="utf-8").read()
            for want in ("published: true", "quality: 77", "Race %d" % rnd):
                if want not in text:
                    failures.append("race round %d: %s lost '%s'" % (rnd, f, want))
            if "  - AI\n" in text.replace("\r", "") and "  - AI Hardware" not in text:
                failures.append("race round %d: %s kept topic AI" % (rnd, f))
        # reset for the next round: everything unpublished again
        subprocess.run([BIN, "triage", d, "--set", "published=false"],
                       capture_output=True, env=env(home))
    r = subprocess.run([BIN, "check", d], capture_output=True, text=True, env=env(home))
    if r.returncode != 0:
        failures.append("race: check failed:\n" + r.stdout)
    print("race: 3 rounds of 4 concurrent writers on 30 files, no decision lost")


def inplace_text(seed, i, k):
    """The in-place writer's k-th version of file i (published: false)."""
    return (seed.replace(b"title: \"Cryptominers",
                         b"title: \"%d rev %d Cryptominers" % (i, k))
            + b"\nin-place revision %d of file %d\n" % (k, i))


def decided(text):
    """What 'set published=true' makes of the writer's text."""
    return text.replace(b"published: false\n", b"published: true\n")


late_opens = 0


def open_current(path):
    """Opens path for writing in place, and makes sure it got the file at
    the path: an open that began just before newsdesk's rename can return
    the replaced inode (it resolved the path before the rename, and the
    lease break made it wait until after). No check on newsdesk's side can
    see that one coming; the writer has written nothing yet and opens
    again. Everything it writes after this is checked."""
    global late_opens
    while True:
        fd = os.open(path, os.O_RDWR)
        if os.fstat(fd).st_ino == os.stat(path).st_ino:
            return fd
        os.close(fd)
        late_opens += 1


def inplace_writer(d, n, rounds):
    """Runs as its own process: rewrites each file in place, slowly, and
    reports (JSON on stdout) every write of its that did not survive."""
    seed = open(os.path.join(SRC, "tests", "fixtures", "seed.md"), "rb").read()
    rng = random.Random(11)
    last = {}
    lost = {}  # (file, revision): how it was lost
    for k in range(1, rounds + 1):
        for i in rng.sample(range(n), n):
            path = os.path.join(d, "a%02d.md" % i)
            with open(path, "rb") as f:
                now = f.read()
            if i in last and now not in (last[i], decided(last[i])):
                lost.setdefault((i, k - 1), "replaced by a copy not derived "
                                "from it")
            text = inplace_text(seed, i, k)
            fd = open_current(path)
            os.ftruncate(fd, 0)
            for at in range(0, len(text), 512):
                os.write(fd, text[at:at + 512])
                # mostly quick, sometimes a long stall (a slow disk or
                # network on the other side, a process descheduled)
                time.sleep(rng.uniform(0.02, 0.06) if rng.random() < 0.1
                           else rng.uniform(0, 0.002))
            if os.fstat(fd).st_nlink == 0:
                lost[(i, k)] = "renamed over while being written"
            os.close(fd)
            last[i] = text
    print(json.dumps({"lost": ["file %d rev %d: %s" % (i, k, why)
                               for (i, k), why in sorted(lost.items())],
                      "writes": rounds * n, "late_opens": late_opens}))


def test_inplace(home):
    n = 20
    d = corpus(home, n)
    seed = open(os.path.join(SRC, "tests", "fixtures", "seed.md"), "rb").read()
    files = [os.path.join(d, "a%02d.md" % i) for i in range(n)]
    writer = subprocess.Popen([sys.executable, os.path.abspath(__file__), BIN, SRC,
                               "--inplace-writer", d, str(n), str(INPLACE_ROUNDS)],
                              stdout=subprocess.PIPE)
    runs = changed = conflicts = 0
    while writer.poll() is None:
        value = "true" if runs % 2 == 0 else "false"
        r = subprocess.run([BIN, "set"] + files + ["published=" + value],
                           capture_output=True, text=True, env=env(home))
        runs += 1
        changed += r.stdout.count(": changed: ")
        conflicts += r.stderr.count(": conflict: ")
        if r.returncode < 0:
            failures.append("inplace: newsdesk died of signal %d" % -r.returncode)
    report = json.loads(writer.communicate()[0])
    lost = report["lost"]
    for i, f in enumerate(files):
        last = inplace_text(seed, i, INPLACE_ROUNDS)
        if open(f, "rb").read() not in (last, decided(last)) and not any(
                w.startswith("file %d rev %d:" % (i, INPLACE_ROUNDS)) for w in lost):
            lost.append("file %d rev %d: not in the file at the end"
                        % (i, INPLACE_ROUNDS))
    for what in lost:
        failures.append("inplace: lost the in-place writer's write: " + what)
    # An open that straddles a rename is a matter of microseconds (0 to 3
    # in 2000 writes here); many more mean newsdesk renamed while a
    # writer's open waited on its lease, i.e. the lease was not checked.
    if report["late_opens"] > report["writes"] // 100:
        failures.append("inplace: %d of %d opens got a file just replaced: "
                        "renames while a writer waited on the lease"
                        % (report["late_opens"], report["writes"]))
    leftovers = [f for f in os.listdir(d) if f.startswith(".")]
    if leftovers:
        failures.append("inplace: temporary files left: %s" % leftovers)
    print("inplace: %d rounds of in-place rewrites of %d files (%d writes); "
          "%d 'newsdesk set' runs: %d files changed, %d conflicts; %d writes "
          "lost; %d opens got a file just replaced"
          % (INPLACE_ROUNDS, n, report["writes"], runs, changed, conflicts,
             len(lost), report["late_opens"]))


def main():
    if "--inplace-writer" in sys.argv:
        at = sys.argv.index("--inplace-writer")
        inplace_writer(sys.argv[at + 1], int(sys.argv[at + 2]), int(sys.argv[at + 3]))
        return 0
    tests = (("crash", test_crash), ("race", test_race), ("inplace", test_inplace))
    for name, fn in tests:
        if ONLY is not None and name != ONLY:
            continue
        home = tempfile.mkdtemp(prefix="nd-stress-")
        try:
            fn(home)
        finally:
            shutil.rmtree(home, ignore_errors=True)
    for f in failures:
        print("FAIL " + f)
    ran = 1 if ONLY is not None else len(tests)
    print("%d passed, %d failed" % (ran - len(set(f.split(":")[0].split()[0] for f in failures)),
                                     len(set(f.split(":")[0].split()[0] for f in failures))))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
