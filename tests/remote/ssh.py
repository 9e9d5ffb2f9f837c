#!/usr/bin/env python3
"""newsdesk on the far side of a real SSH session.

Starts a throwaway sshd on 127.0.0.1 (a free high port, host and user keys
made in a temporary directory, key authentication only), then drives
`ssh -tt` inside a private tmux server: a shell on the far side starts the
desk, which is used as an editor would (a search, decisions, a page read
from a loopback HTTP server, a resize that must reach the desk through
SSH, C-z and fg, q). The hang-up case kills the ssh client mid-session:
the desk must end on SIGHUP with status 129, leave no temporary file, and
its journal must hold every decision made before the drop.

Decisions are checked on disk, not on the screen, so the test does not
depend on the desk's layout.

usage: ssh.py NEWSDESK SOURCE_DIR
Exits 77 (skipped) when sshd or ssh is missing, unless
NEWSDESK_REQUIRE_SSH=1 (CI sets it: there, a missing sshd is a failure).
"""
import getpass
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import traceback

BIN = os.path.abspath(sys.argv[1])
SRC = os.path.abspath(sys.argv[2])
SOCKET = "nd-ssh-%d" % os.getpid()
SSHD = shutil.which("sshd") or "/usr/sbin/sshd"
SSH = shutil.which("ssh")
# Only a hang guard: every wait ends as soon as its state is there.
TIMEOUT = 30.0
PAGE_TITLE = "Lunar lander survives its first night & wakes up"
# Cut at 80 columns, whole at 120: the resize must reach the desk.
LONG_TAIL = "wakes up after two weeks"


class Fail(Exception):
    pass


def poll(what, probe, timeout=TIMEOUT):
    end = time.monotonic() + timeout
    while True:
        ok, value = probe()
        if ok:
            return value
        if time.monotonic() > end:
            raise Fail("timed out waiting for %s; last seen:\n%s" % (what, value))
        time.sleep(0.05)


def tmux(*args):
    r = subprocess.run(["tmux", "-L", SOCKET, "-f", "/dev/null"] + list(args),
                       capture_output=True, text=True)
    if r.returncode != 0:
        raise Fail("tmux %s: %s" % (" ".join(args), r.stderr.strip()))
    return r.stdout


def screen():
    return tmux("capture-pane", "-p", "-t", "ssh")


def wait_screen(*texts, gone=()):
    def probe():
        s = screen()
        return all(t in s for t in texts) and not any(g in s for g in gone), s
    return poll("%r on screen%s" % (texts, " without %r" % (gone,) if gone else ""),
                probe)


def keys(*k):
    tmux("send-keys", "-t", "ssh", *k)


def typed(text):
    tmux("send-keys", "-t", "ssh", "-l", text)


def wait_file(path, text):
    def probe():
        try:
            with open(path) as f:
                s = f.read()
        except OSError as e:
            return False, str(e)
        return text in s, s
    return poll("%r in %s" % (text, path), probe)


class Sshd:
    """A throwaway sshd on 127.0.0.1, its keys in a temporary directory."""

    def __init__(self, tmp):
        self.tmp = tmp
        self.user = getpass.getuser()
        for name in ("host", "user"):
            subprocess.run(["ssh-keygen", "-q", "-t", "ed25519", "-N", "",
                            "-f", os.path.join(tmp, name)], check=True)
        shutil.copy(os.path.join(tmp, "user.pub"), os.path.join(tmp, "authorized_keys"))
        if os.geteuid() == 0:
            # sshd's privilege separation needs it; the only change
            # outside the temporary directory.
            os.makedirs("/run/sshd", mode=0o755, exist_ok=True)
        self.proc = None
        for _ in range(5):  # another process may take the port first
            self.port = free_port()
            if self.start():
                return
        raise Fail("sshd did not start")

    def start(self):
        cfg = os.path.join(self.tmp, "sshd_config")
        with open(cfg, "w") as f:
            f.write("\n".join([
                "Port %d" % self.port, "ListenAddress 127.0.0.1",
                "HostKey " + os.path.join(self.tmp, "host"),
                "PidFile " + os.path.join(self.tmp, "sshd.pid"),
                "AuthorizedKeysFile " + os.path.join(self.tmp, "authorized_keys"),
                "PubkeyAuthentication yes", "PasswordAuthentication no",
                "KbdInteractiveAuthentication no", "UsePAM no",
                "StrictModes no", "PermitRootLogin prohibit-password",
                "PrintMotd no", "PrintLastLog no", "LogLevel ERROR", ""]))
        self.log = open(os.path.join(self.tmp, "sshd.log"), "w")
        self.proc = subprocess.Popen([SSHD, "-D", "-e", "-f", cfg],
                                     stdout=self.log, stderr=self.log)
        end = time.monotonic() + TIMEOUT
        while time.monotonic() < end:
            if self.proc.poll() is not None:
                return False
            try:
                socket.create_connection(("127.0.0.1", self.port), 1).close()
                return True
            except OSError:
                time.sleep(0.05)
        return False

    def command(self, remote):
        with open(os.path.join(self.tmp, "host.pub")) as f:
            hostkey = f.read().split()
        known = os.path.join(self.tmp, "known_hosts")
        with open(known, "w") as f:
            f.write("[127.0.0.1]:%d %s %s\n" % (self.port, hostkey[0], hostkey[1]))
        return ["ssh", "-tt", "-F", "/dev/null", "-p", str(self.port),
                "-i", os.path.join(self.tmp, "user"), "-o", "IdentitiesOnly=yes",
                "-o", "BatchMode=yes", "-o", "StrictHostKeyChecking=yes",
                "-o", "UserKnownHostsFile=" + known, "-o", "LogLevel=ERROR",
                "%s@127.0.0.1" % self.user, remote]

    def stop(self):
        if self.proc and self.proc.poll() is None:
            self.proc.terminate()
            self.proc.wait(10)


def free_port():
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


def corpus(tmp, base):
    d = os.path.join(tmp, "news")
    os.makedirs(d)
    arts = {
        "a.md": 'title: "Lunar lander survives its first night and %s"\n'
                'originalUrl: "%s/pages/article.html"\n'
                'publishedDateTime: 2023-01-03\npublished: false\n' % (LONG_TAIL, base),
        "b.md": 'title: Broken link\noriginalUrl: "%s/404"\n'
                'publishedDateTime: 2023-01-02\npublished: false\n' % base,
        "c.md": 'title: Hostile page\noriginalUrl: "%s/pages/hostile.html"\n'
                'publishedDateTime: 2023-01-01\npublished: false\n' % base,
    }
    for name, text in arts.items():
        with open(os.path.join(d, name), "w") as f:
            f.write("---\n" + text + "---\n")
    return d


def remote_shell(tmp):
    """A clean interactive shell on the far side: no rc files, the test's
    XDG directories, a prompt the test can wait for. TERM is the one ssh
    passed from tmux, expanded on the far side."""
    env = ["HOME=" + tmp, "PATH=/usr/bin:/bin", "LANG=C.UTF-8", 'TERM="$TERM"',
           "XDG_CONFIG_HOME=%s/config" % tmp, "XDG_STATE_HOME=%s/state" % tmp,
           "XDG_CACHE_HOME=%s/cache" % tmp, "no_proxy=127.0.0.1",
           "NO_PROXY=127.0.0.1", "PS1='rsh$ '"]
    return "exec env -i %s bash --norc --noprofile -i" % " ".join(env)


def session(sshd, tmp, cols=80, rows=24):
    cmd = " ".join("'%s'" % a.replace("'", "'\\''") for a in sshd.command(remote_shell(tmp)))
    tmux("new-session", "-d", "-s", "ssh", "-x", str(cols), "-y", str(rows), cmd)
    tmux("set-option", "-t", "ssh", "remain-on-exit", "on")
    wait_screen("rsh$")


def desk_pids(news):
    r = subprocess.run(["pgrep", "-f", "%s %s" % (BIN, news)], capture_output=True, text=True)
    return [int(p) for p in r.stdout.split()]


def test_session(sshd, tmp, base):
    news = corpus(tmp, base)
    log = os.path.join(tmp, "desk.log")
    session(sshd, tmp)
    typed("%s --log %s %s" % (BIN, log, news))
    keys("Enter")
    wait_screen("Broken link", "Hostile page", "? help")
    # a search, then a decision on what it found
    keys("/")
    typed("Hostile")
    keys("Enter")
    keys("p")
    wait_file(os.path.join(news, "c.md"), "published: true")
    # the first article: read its page from the loopback server
    keys("g")
    keys("o")
    wait_screen(PAGE_TITLE)
    keys("q")
    wait_screen("Broken link", gone=(PAGE_TITLE,))
    # the new size must reach the desk through SSH
    assert LONG_TAIL not in screen(), "the title is whole before the resize"
    tmux("resize-window", "-t", "ssh", "-x", "120", "-y", "35")
    wait_file(log, "resize 120x35")
    wait_screen(LONG_TAIL)
    # suspended and resumed by the far side's shell
    keys("C-z")
    wait_screen("Stopped", "rsh$", gone=("? help",))
    typed("fg")
    keys("Enter")
    wait_screen("Broken link", "? help", gone=("Stopped",))
    keys("p")  # the desk still decides after fg: the first article
    wait_file(os.path.join(news, "a.md"), "published: true")
    keys("q")
    wait_screen("rsh$", gone=("? help",))
    typed("echo rc=$?")
    keys("Enter")
    wait_screen("rc=0")
    with open(os.path.join(news, "b.md")) as f:
        assert "published: false" in f.read(), "b.md changed"
    tmux("kill-session", "-t", "ssh")


def test_hangup(sshd, tmp, base):
    news = corpus(tmp, base)
    rc = os.path.join(tmp, "rc")
    session(sshd, tmp)
    # The shell between ignores the hang-up so that it lives to write the
    # desk's exit status; the desk installs its own handler.
    typed("sh -c 'trap \"\" HUP; %s %s; echo $? > %s'" % (BIN, news, rc))
    keys("Enter")
    wait_screen("Broken link", "? help")
    keys("p")
    wait_file(os.path.join(news, "a.md"), "published: true")
    keys("j", "p")
    wait_file(os.path.join(news, "b.md"), "published: true")
    assert desk_pids(news), "no desk running"
    client = int(tmux("display-message", "-p", "-t", "ssh", "#{pane_pid}"))
    os.kill(client, 9)
    poll("the desk to end after the hang-up",
         lambda: (not desk_pids(news), desk_pids(news)))
    status = wait_file(rc, "\n").strip()
    assert status == "129", "exit status %s, not 129 (128 + SIGHUP)" % status
    left = [n for n in os.listdir(news) if n.startswith(".")]
    assert not left, "left behind: %r" % left
    env = dict(os.environ, HOME=tmp, XDG_STATE_HOME=tmp + "/state",
               XDG_CONFIG_HOME=tmp + "/config", XDG_CACHE_HOME=tmp + "/cache")
    out = subprocess.run([BIN, "log"], capture_output=True, text=True, env=env).stdout
    for name in ("a.md", "b.md"):
        assert name in out and "published" in out, "journal lacks %s:\n%s" % (name, out)
    tmux("kill-session", "-t", "ssh")


def main():
    if not SSH or not os.path.exists(SSHD) or not shutil.which("ssh-keygen"):
        print("ssh: sshd, ssh or ssh-keygen missing")
        sys.exit(1 if os.environ.get("NEWSDESK_REQUIRE_SSH") == "1" else 77)
    failed = 0
    server = subprocess.Popen([sys.executable, os.path.join(SRC, "tests", "fetch", "server.py")],
                              stdin=subprocess.PIPE, stdout=subprocess.PIPE)
    base = "http://127.0.0.1:%s" % server.stdout.readline().decode().strip()
    top = tempfile.mkdtemp(prefix="nd-ssh-")
    sshd = None
    try:
        sshd = Sshd(top)
        for test in (test_session, test_hangup):
            tmp = tempfile.mkdtemp(dir=top)
            try:
                test(sshd, tmp, base)
                print("ok   %s" % test.__name__)
            except Exception:
                failed += 1
                print("FAIL %s" % test.__name__)
                traceback.print_exc()
                try:
                    print(screen())
                except Fail:
                    pass
                subprocess.run(["tmux", "-L", SOCKET, "kill-server"], capture_output=True)
    finally:
        subprocess.run(["tmux", "-L", SOCKET, "kill-server"], capture_output=True)
        if sshd:
            sshd.stop()
        server.stdin.close()
        server.wait(10)
        shutil.rmtree(top, ignore_errors=True)
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
