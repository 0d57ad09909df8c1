"""bot.fetch against a real HTTP server on loopback: content, names, redirects, size cap, timeout, refusals."""
from __future__ import annotations

import http.server
import threading
import time
from collections.abc import Iterator

import pytest

from bot.fetch import fetch_conditional, fetch_url
from summarizer.errors import FetchError, InputError, TooLarge

PAGE = b"<html><body><p>Operator</p><p>Welcome.</p></body></html>"


class _Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def do_GET(self) -> None:  # noqa: N802 (http.server's name)
        try:
            self._route()
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client gave up first (size cap, timeout): that is the point of those tests

    def _route(self) -> None:
        routes = {
            "/call.html": (200, "text/html; charset=utf-8", PAGE),
            "/transcript": (200, "application/pdf", b"%PDF-1.4 tiny"),
            "/notes.txt": (200, "text/plain", b"Operator: hi"),
            "/data": (200, "application/json", b"{}"),
        }
        if self.path == "/moved":
            self._send(302, "text/plain", b"", extra={"Location": "/call.html"})
        elif self.path == "/loop":
            self._send(302, "text/plain", b"", extra={"Location": "/loop"})
        elif self.path == "/big":
            self._send(200, "text/plain", b"x" * 50_000)
        elif self.path == "/big-chunked":
            self.send_response(200)
            self.send_header("Content-Type", "text/plain")
            self.send_header("Transfer-Encoding", "chunked")
            self.end_headers()
            for _ in range(20):
                chunk = b"y" * 4096
                self.wfile.write(b"%x\r\n%s\r\n" % (len(chunk), chunk))
            self.wfile.write(b"0\r\n\r\n")
        elif self.path == "/versioned":
            if self.headers.get("If-None-Match") == '"v1"':
                self._send(304, "text/plain", b"")
            else:
                self._send(200, "text/plain", b"Operator: v1", extra={"ETag": '"v1"', "Last-Modified": "Mon, 01 Jan 2024 00:00:00 GMT"})
        elif self.path == "/slow":
            time.sleep(1.5)
            self._send(200, "text/plain", b"late")
        elif self.path in routes:
            self._send(*routes[self.path])
        else:
            self._send(404, "text/plain", b"nope")

    def _send(self, code: int, ctype: str, body: bytes, extra: dict[str, str] | None = None) -> None:
        self.send_response(code)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        for k, v in (extra or {}).items():
            self.send_header(k, v)
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


class _QuietServer(http.server.ThreadingHTTPServer):
    def handle_error(self, request: object, client_address: object) -> None:
        pass  # a client that hung up early (size cap, timeout) is expected here


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    srv = _QuietServer(("127.0.0.1", 0), _Handler)
    srv.daemon_threads = True
    thread = threading.Thread(target=srv.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{srv.server_address[1]}"
    srv.shutdown()
    srv.server_close()


@pytest.mark.parametrize("path, name", [
    ("/call.html", "call.html"), ("/transcript", "transcript.pdf"), ("/notes.txt", "notes.txt"), ("/data", "data.json"),
])
def test_fetch_returns_content_and_a_name_with_the_right_extension(server, path, name):
    data, got = fetch_url(server + path, max_bytes=100_000, allow_private=True)
    assert got == name and data


def test_redirects_are_followed(server):
    data, name = fetch_url(server + "/moved", max_bytes=100_000, allow_private=True)
    assert data == PAGE and name == "call.html"


def test_redirect_loops_stop(server):
    with pytest.raises(FetchError, match="redirects"):
        fetch_url(server + "/loop", max_bytes=100_000, allow_private=True)


def test_http_errors_are_one_line(server):
    with pytest.raises(FetchError, match="404") as e:
        fetch_url(server + "/missing", max_bytes=100_000, allow_private=True)
    assert "\n" not in str(e.value)


@pytest.mark.parametrize("path", ["/big", "/big-chunked"])
def test_size_cap_applies_with_and_without_content_length(server, path):
    with pytest.raises(TooLarge, match="limit"):
        fetch_url(server + path, max_bytes=10_000, allow_private=True)


def test_timeout(server):
    t0 = time.perf_counter()
    with pytest.raises(FetchError, match="did not answer|timeout|longer than"):
        fetch_url(server + "/slow", max_bytes=10_000, timeout=0.5, allow_private=True)
    assert time.perf_counter() - t0 < 1.4


def test_loopback_refused_unless_allowed(server):
    with pytest.raises(FetchError, match="private or local address"):
        fetch_url(server + "/call.html", max_bytes=100_000)


@pytest.mark.parametrize("url", [
    "http://localhost/x", "http://10.1.2.3/x", "http://192.168.0.1/", "http://172.16.5.4/", "http://169.254.169.254/latest",
    "http://[::1]/x", "http://0.0.0.0/", "http://[::ffff:127.0.0.1]/",
])
def test_private_and_link_local_addresses_refused_before_connecting(url):
    with pytest.raises(FetchError, match="private or local address"):
        fetch_url(url, max_bytes=1000, timeout=1)


@pytest.mark.parametrize("url, words", [
    ("ftp://example.com/call.txt", "only http"), ("file:///etc/passwd", "only http"), ("http:///nohost", "no host"),
    ("https://user:pw@example.com/", "password"), ("not a url", "only http"),
])
def test_bad_urls(url, words):
    with pytest.raises(InputError, match=words):
        fetch_url(url, max_bytes=1000, timeout=1)


def test_conditional_fetch_returns_validators_and_none_when_not_modified(server):
    first = fetch_conditional(server + "/versioned", max_bytes=1000, allow_private=True)
    assert (first.data, first.name, first.etag) == (b"Operator: v1", "versioned.txt", '"v1"')
    assert first.last_modified == "Mon, 01 Jan 2024 00:00:00 GMT"
    again = fetch_conditional(server + "/versioned", etag=first.etag, last_modified=first.last_modified,
                              max_bytes=1000, allow_private=True)
    assert again.data is None and (again.etag, again.last_modified) == (first.etag, first.last_modified)
    stale = fetch_conditional(server + "/versioned", etag='"v0"', max_bytes=1000, allow_private=True)
    assert stale.data == b"Operator: v1"


def test_conditional_fetch_keeps_the_cap_and_the_address_check(server):
    with pytest.raises(TooLarge):
        fetch_conditional(server + "/big", etag='"x"', max_bytes=10_000, allow_private=True)
    with pytest.raises(FetchError, match="private or local address"):
        fetch_conditional(server + "/versioned", etag='"v1"', max_bytes=1000)
