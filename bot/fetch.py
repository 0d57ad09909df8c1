"""Safe http(s) fetching of transcripts: a size cap, a timeout, and no private or loopback addresses.

The host is resolved first and every address checked; the connection then goes to the checked address
(Host header and TLS SNI keep the name), so a second DNS answer cannot point it elsewhere. Redirects
are followed by hand, each hop checked the same way.
"""
from __future__ import annotations

import ipaddress
import socket
import time
from dataclasses import dataclass
from pathlib import PurePosixPath
from urllib.parse import unquote, urljoin, urlsplit

import httpx

from summarizer.errors import FetchError, TooLarge

MAX_REDIRECTS = 5
_EXT_BY_TYPE = {
    "text/html": ".html", "application/xhtml+xml": ".html", "application/pdf": ".pdf",
    "application/json": ".json", "text/json": ".json", "text/plain": ".txt", "text/markdown": ".md",
    "text/x-markdown": ".md",
}
_KNOWN_EXT = (".html", ".htm", ".pdf", ".json", ".txt", ".md", ".markdown", ".xhtml")
_USER_AGENT = "earnings-bot/0.1 (+transcript fetcher)"


@dataclass
class Fetched:
    """A fetched document; `data` is None when the server answered 304 Not Modified."""

    data: bytes | None
    name: str
    etag: str | None = None
    last_modified: str | None = None


def fetch_url(url: str, *, max_bytes: int, timeout: float = 15.0,
              allow_private: bool = False) -> tuple[bytes, str]:
    """Download `url` (http/https only) within `max_bytes` and `timeout`; returns (content, a file-like name)."""
    got = fetch_conditional(url, max_bytes=max_bytes, timeout=timeout, allow_private=allow_private)
    return got.data or b"", got.name


def fetch_conditional(url: str, *, max_bytes: int, etag: str | None = None, last_modified: str | None = None,
                      timeout: float = 15.0, allow_private: bool = False) -> Fetched:
    """Download `url` like `fetch_url`, sending If-None-Match / If-Modified-Since when given: a 304 answer is
    `Fetched(data=None)` keeping the validators sent; otherwise the content with the server's new validators."""
    deadline = time.monotonic() + timeout
    current = url.strip()
    with httpx.Client(timeout=httpx.Timeout(timeout), follow_redirects=False, trust_env=False,
                      headers={"User-Agent": _USER_AGENT}) as client:
        for _hop in range(MAX_REDIRECTS + 1):
            host, port, scheme = check_url(current)
            address = _resolve(host, port, allow_private)
            request = _pinned_request(client, current, host, address, scheme)
            if etag:
                request.headers["If-None-Match"] = etag
            if last_modified:
                request.headers["If-Modified-Since"] = last_modified
            try:
                response = client.send(request, stream=True)
            except httpx.TimeoutException:
                raise FetchError(f"{url}: the server did not answer within {timeout:g} s: try again later, "
                                 f"or save the page and send the file.") from None
            except httpx.HTTPError as e:
                raise FetchError(f"{url}: could not connect ({_reason(e)}): check the address, "
                                 f"or save the page and send the file.") from None
            try:
                if response.status_code in (301, 302, 303, 307, 308) and response.headers.get("location"):
                    current = urljoin(current, response.headers["location"])
                    continue
                if response.status_code == 304 and (etag or last_modified):
                    return Fetched(None, "", etag, last_modified)
                if response.status_code >= 400:
                    raise FetchError(f"{url}: the server answered {response.status_code} "
                                     f"{response.reason_phrase or ''}".rstrip()
                                     + ": check the address, or save the page and send the file.")
                data = _read_capped(response, url, max_bytes, deadline, timeout)
                return Fetched(data, _name_for(current, response.headers.get("content-type", "")),
                               response.headers.get("etag"), response.headers.get("last-modified"))
            finally:
                response.close()
    raise FetchError(f"{url}: more than {MAX_REDIRECTS} redirects: send the final address of the page.")


def check_url(url: str) -> tuple[str, int, str]:
    """(host, port, scheme) of an http(s) URL; FetchError with one line when it cannot be fetched."""
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError:
        raise FetchError(f"{url!r} is not a valid URL: send an http:// or https:// address.") from None
    scheme = parts.scheme.lower()
    if scheme not in ("http", "https"):
        raise FetchError(f"{url!r}: only http:// and https:// addresses can be fetched: "
                         f"send a web address, or upload the file itself.")
    if not parts.hostname:
        raise FetchError(f"{url!r} has no host name: send a full address like https://example.com/call.html.")
    if parts.username or parts.password:
        raise FetchError(f"{url!r} carries a user name or password: send an address without credentials.")
    return parts.hostname, port or (443 if scheme == "https" else 80), scheme


def _resolve(host: str, port: int, allow_private: bool) -> str:
    """The first address of `host`, after checking that none of its addresses is private (unless allowed)."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError, OSError):
        raise FetchError(f"{host}: host not found: check the address.") from None
    addresses = [info[4][0] for info in infos]
    if not addresses:
        raise FetchError(f"{host}: host not found: check the address.")
    if not allow_private:
        for a in addresses:
            ip = ipaddress.ip_address(a.split("%", 1)[0])
            if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped:
                ip = ip.ipv4_mapped
            if not ip.is_global or ip.is_multicast:
                raise FetchError(f"{host} resolves to a private or local address ({ip}), which is not fetched: "
                                 f"send a public web address, or save the page and send the file.")
    return addresses[0]


def _pinned_request(client: httpx.Client, url: str, host: str, address: str, scheme: str) -> httpx.Request:
    """A request to the checked address; the Host header and TLS SNI carry the real name."""
    target = httpx.URL(url)
    pinned = target.copy_with(host=address)
    headers = {"Host": target.netloc.decode("ascii")}
    extensions = {"sni_hostname": host} if scheme == "https" else {}
    return client.build_request("GET", pinned, headers=headers, extensions=extensions)


def _read_capped(response: httpx.Response, url: str, max_bytes: int, deadline: float, timeout: float) -> bytes:
    declared = response.headers.get("content-length")
    if declared and declared.isdigit() and int(declared) > max_bytes:
        raise TooLarge(f"{url} is {_size(int(declared))}, over the {_size(max_bytes)} limit: "
                       f"send a smaller document, or raise the cap with --max-bytes.")
    chunks: list[bytes] = []
    total = 0
    try:
        for chunk in response.iter_bytes(65536):
            total += len(chunk)
            if total > max_bytes:
                raise TooLarge(f"{url} is over the {_size(max_bytes)} limit: send a smaller document, "
                               f"or raise the cap with --max-bytes.")
            if time.monotonic() > deadline:
                raise FetchError(f"{url}: the download took longer than {timeout:g} s: try again later, "
                                 f"or save the page and send the file.")
            chunks.append(chunk)
    except httpx.TimeoutException:
        raise FetchError(f"{url}: the server stopped answering (timeout {timeout:g} s): try again later.") from None
    except httpx.HTTPError as e:
        raise FetchError(f"{url}: the download failed ({_reason(e)}): try again, or save the page and send the file.") from None
    return b"".join(chunks)


def _name_for(url: str, content_type: str) -> str:
    """The URL's last path segment, with an extension that matches the content type."""
    path = PurePosixPath(unquote(urlsplit(url).path))
    stem = path.name or urlsplit(url).hostname or "download"
    ctype = content_type.split(";", 1)[0].strip().lower()
    ext = _EXT_BY_TYPE.get(ctype)
    if ext is None:
        return stem if stem.lower().endswith(_KNOWN_EXT) else stem + ".txt" if ctype.startswith("text/") else stem
    if stem.lower().endswith(_KNOWN_EXT):
        base = stem.rsplit(".", 1)[0]
        current = "." + stem.rsplit(".", 1)[1].lower()
        same = {".htm": ".html", ".xhtml": ".html", ".markdown": ".md"}.get(current, current)
        return stem if same == ext else base + ext
    return stem + ext


def _size(n: int) -> str:
    return f"{n / 1024 / 1024:.1f} MB" if n >= 1024 * 1024 else f"{n / 1024:.0f} KB"


def _reason(e: Exception) -> str:
    text = str(e).strip().splitlines()[0] if str(e).strip() else type(e).__name__
    return text[:120]
