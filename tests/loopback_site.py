"""A web server on loopback for tests that fetch: path -> (status, headers, body), every request recorded.

An ETag route answers a matching If-None-Match with 304; the body b"HUGE" streams ~64 MB with no
Content-Length (for size caps). Use the `site` fixture (conftest), or `Site()` and `close()`."""
from __future__ import annotations

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


class Site:
    """A loopback web server: path -> (status, headers, body); records requests and their headers."""

    def __init__(self) -> None:
        self.routes: dict[str, tuple[int, dict, bytes]] = {}
        self.hits: list[tuple[str, dict]] = []
        site = self

        class H(BaseHTTPRequestHandler):
            def log_message(self, *a):  # quiet
                pass

            def do_GET(self):  # noqa: N802
                site.hits.append((self.path, dict(self.headers)))
                status, headers, body = site.routes.get(self.path, (404, {}, b"not found"))
                if status == 200 and headers.get("ETag") and self.headers.get("If-None-Match") == headers["ETag"]:
                    self.send_response(304)
                    self.end_headers()
                    return
                if body == b"HUGE":
                    self.send_response(200)
                    self.send_header("Content-Type", "application/rss+xml")
                    self.end_headers()
                    try:
                        for _ in range(1000):  # ~64 MB, no Content-Length: the cap must stop it
                            self.wfile.write(b"<item>" + b"x" * 65530)
                    except OSError:
                        pass
                    return
                self.send_response(status)
                for k, v in headers.items():
                    self.send_header(k, v)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), H)
        self.server.daemon_threads = True
        threading.Thread(target=self.server.serve_forever, args=(0.05,), daemon=True).start()

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}{path}"

    def count(self, path: str) -> int:
        return sum(p == path for p, _ in self.hits)

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()

