#!/usr/bin/env python3
"""Crash and concurrency tests of newsdesk's write-back.

crash: a writer ('newsdesk set ... published=X') is killed with SIGKILL at
a random moment, hundreds of times; after every kill each file must parse
and be byte for byte either the old or the new version.

race: several processes decide on the same directory at once (published,
quality, a topic); afterwards every file carries every decision.

usage: crash_and_race.py NEWSDESK SOURCE_DIR [--rounds N]
"""
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
ROUNDS = int(sys.argv[sys.argv.index("--rounds") + 1]) if "--rounds" in sys.argv else 300

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


def main():
    for name, fn in (("crash", test_crash), ("race", test_race)):
        home = tempfile.mkdtemp(prefix="nd-stress-")
        try:
            fn(home)
        finally:
            shutil.rmtree(home, ignore_errors=True)
    for f in failures:
        print("FAIL " + f)
    print("%d passed, %d failed" % (2 - len(set(f.split(":")[0].split()[0] for f in failures)),
                                     len(set(f.split(":")[0].split()[0] for f in failures))))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
