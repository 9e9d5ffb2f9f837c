#!/usr/bin/env python3
"""A small HTTP server for newsdesk's fetch tests, on 127.0.0.1 only.

Prints its port on the first line of stdout, then serves until stdin is
closed, a GET /shutdown, or 10 minutes pass. Every misbehaviour the tests
need is a path: redirects, loops, slow and endless bodies, a gzip bomb,
other charsets, binaries, hostile text, ETags.
"""
import gzip
import http.server
import os
import socketserver
import sys
import threading
import time

HERE = os.path.dirname(os.path.abspath(__file__))
PAGES = os.path.join(HERE, "pages")
START = time.time()
LIMIT = 600

_bomb = []


def bomb():
    """A gzip bomb: 64 MiB of spaces, about 64 KiB on the wire (made once)."""
    if not _bomb:
        _bomb.append(gzip.compress(b"<html><body><p>" + b" " * (64 << 20) +
                                   b"</p></body></html>", 6))
    return _bomb[0]


def page(name):
    with open(os.path.join(PAGES, name), "rb") as f:
        return f.read()


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def send(self, code, body, ctype="text/html; charset=utf-8", headers=()):
        self.send_response(code)
        if ctype is not None:
            self.send_header("Content-Type", ctype)
        for k, v in headers:
            self.send_header(k, v)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def redirect(self, where, code=302):
        self.send(code, b"", headers=[("Location", where)])

    def do_HEAD(self):
        self.do_GET()

    def do_GET(self):
        p = self.path.split("?")[0]
        if p == "/shutdown":
            self.send(200, b"bye")
            threading.Thread(target=self.server.shutdown).start()
        elif p.startswith("/pages/"):
            name = os.path.basename(p)
            if not os.path.exists(os.path.join(PAGES, name)):
                self.send(404, b"<h1>not here</h1>")
            elif name.endswith(".html"):
                self.send(200, page(name))
            else:
                self.send(200, page(name), "text/plain; charset=utf-8")
        elif p == "/404":
            self.send(404, b"<html><body>gone</body></html>")
        elif p == "/500":
            self.send(500, b"<html><body>oops</body></html>")
        elif p.startswith("/chain/"):
            n = int(p.rsplit("/", 1)[1])
            self.redirect("/chain/%d" % (n - 1) if n > 0 else "/pages/article.html")
        elif p == "/loop":
            self.redirect("/loop")
        elif p == "/to-file":
            self.redirect("file:///etc/passwd")
        elif p == "/to-ftp":
            self.redirect("ftp://127.0.0.1/x")
        elif p.startswith("/to-port/"):  # another service on loopback
            self.redirect("http://127.0.0.1:%s/x" % p.rsplit("/", 1)[1])
        elif p == "/to-other-loopback":  # same port, another address
            self.redirect("http://127.0.0.2:%d/pages/article.html"
                          % self.server.server_address[1])
        elif p == "/to-self":  # where the original already was
            self.redirect("http://127.0.0.1:%d/pages/article.html"
                          % self.server.server_address[1])
        elif p == "/slow":
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.send_header("Content-Length", "100")
            self.end_headers()
            for _ in range(100):  # 20 s at most, then give up
                time.sleep(0.2)
                try:
                    self.wfile.write(b" ")
                    self.wfile.flush()
                except OSError:
                    return
        elif p == "/endless":
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.end_headers()
            chunk = b"<p>" + b"x" * 65536 + b"</p>"
            for _ in range(4096):  # 256 MiB at most
                try:
                    self.wfile.write(chunk)
                except OSError:
                    return
        elif p == "/bomb":
            self.send(200, bomb(), headers=[("Content-Encoding", "gzip")])
        elif p == "/latin1":
            self.send(200, page("latin1.html"), "text/html; charset=ISO-8859-1")
        elif p == "/cp1252":
            self.send(200, page("cp1252.html"), "text/html; charset=windows-1252")
        elif p == "/invalid-utf8":
            self.send(200, b"<html><body><p>bad \xff\xfe bytes</p></body></html>")
        elif p == "/no-type":
            self.send(200, page("article.html"), None)
        elif p == "/binary":
            self.send(200, b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", None)
        elif p == "/image":
            self.send(200, b"\x89PNG\r\n\x1a\n", "image/png")
        elif p == "/etag":
            if self.headers.get("If-None-Match") == '"v1"':
                self.send(304, b"", headers=[("ETag", '"v1"')])
            else:
                self.send(200, page("article.html"), headers=[("ETag", '"v1"')])
        else:
            self.send(404, b"<h1>no such test page</h1>")


class Server(socketserver.ThreadingMixIn, http.server.HTTPServer):
    daemon_threads = True
    allow_reuse_address = True


def main():
    srv = Server(("127.0.0.1", 0), Handler)
    port = str(srv.server_address[1])
    if len(sys.argv) > 2 and sys.argv[1] == "--port-file":
        # Written whole, then renamed: a reader never sees half a number.
        with open(sys.argv[2] + ".tmp", "w") as f:
            f.write(port + "\n")
        os.rename(sys.argv[2] + ".tmp", sys.argv[2])
    else:
        print(port, flush=True)

    def watch_stdin():
        try:
            sys.stdin.read()
        finally:
            srv.shutdown()

    def watch_clock():
        while time.time() - START < LIMIT:
            time.sleep(1)
        srv.shutdown()

    threading.Thread(target=watch_stdin, daemon=True).start()
    threading.Thread(target=watch_clock, daemon=True).start()
    srv.serve_forever()


if __name__ == "__main__":
    main()
