"""Safe http(s) fetching of transcripts: a size cap, one deadline, and no private or loopback addresses.

The host is resolved first and every address checked (an IPv4 address carried inside an IPv6 one, as NAT64,
6to4, Teredo, IPv4-compatible and IPv4-mapped/translated forms do, is checked as that IPv4 address); the
connection then goes to the checked address (Host header and TLS SNI keep the name), so a second DNS answer
cannot point it elsewhere. Redirects are followed by hand, each hop checked the same way.

Bounds: ONE deadline (EARNINGS_BOT_FETCH_SECONDS, 15 s) covers the whole request, DNS, every redirect, headers
and body, so a server trickling bytes cannot hold it longer; the size cap applies to the bytes on the wire
AND to their decoded size: we ask for `Accept-Encoding: identity`, read the raw stream, and decode a
Content-Encoding (at most MAX_ENCODING_LAYERS stacked) ourselves, stopping at the cap.
"""
from __future__ import annotations

import asyncio
import ipaddress
import socket
import threading
import zlib
from dataclasses import dataclass
from pathlib import PurePosixPath
from urllib.parse import unquote, urljoin, urlsplit

import httpx

from bot import limits
from summarizer.errors import FetchError, TooLarge

MAX_REDIRECTS = 5
_EXT_BY_TYPE = {
    "text/html": ".html", "application/xhtml+xml": ".html", "application/pdf": ".pdf",
    "application/json": ".json", "text/json": ".json", "text/plain": ".txt", "text/markdown": ".md",
    "text/x-markdown": ".md",
}
_KNOWN_EXT = (".html", ".htm", ".pdf", ".json", ".txt", ".md", ".markdown", ".xhtml")
_USER_AGENT = "earnings-bot/0.1 (+transcript fetcher)"
_NAT64 = ipaddress.ip_network("64:ff9b::/96")
_LOCAL_NAT64 = ipaddress.ip_network("64:ff9b:1::/48")  # RFC 8215 local-use translation: never public


@dataclass
class Fetched:
    """A fetched document; `data` is None when the server answered 304 Not Modified."""

    data: bytes | None
    name: str
    etag: str | None = None
    last_modified: str | None = None


def fetch_url(url: str, *, max_bytes: int, timeout: float | None = None,
              allow_private: bool = False) -> tuple[bytes, str]:
    """Download `url` (http/https only) within `max_bytes` and `timeout`; returns (content, a file-like name)."""
    got = fetch_conditional(url, max_bytes=max_bytes, timeout=timeout, allow_private=allow_private)
    return got.data or b"", got.name


def fetch_conditional(url: str, *, max_bytes: int, etag: str | None = None, last_modified: str | None = None,
                      timeout: float | None = None, allow_private: bool = False) -> Fetched:
    """Download `url` like `fetch_url`, sending If-None-Match / If-Modified-Since when given: a 304 answer is
    `Fetched(data=None)` keeping the validators sent; otherwise the content with the server's new validators.
    `timeout` (default EARNINGS_BOT_FETCH_SECONDS) is the deadline of the whole request."""
    timeout = limits.fetch_seconds() if timeout is None else timeout
    shown = _shown(url)

    async def bounded() -> Fetched:
        try:
            async with asyncio.timeout(timeout):
                return await _fetch(url, shown, max_bytes, etag, last_modified, timeout, allow_private)
        except TimeoutError:
            raise FetchError(f"{shown}: the server did not answer in full within {timeout:g} s: try again later, "
                             f"or save the page and send the file.") from None

    return _run(bounded())


def _run(coro):  # type: ignore[no-untyped-def]
    """Run a coroutine to the end from synchronous code (a thread of its own when this one runs an event loop)."""
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return asyncio.run(coro)
    box: dict = {}

    def target() -> None:
        try:
            box["value"] = asyncio.run(coro)
        except BaseException as e:  # noqa: BLE001 - re-raised in the caller's thread
            box["error"] = e

    t = threading.Thread(target=target, name="fetch", daemon=True)
    t.start()
    t.join()
    if "error" in box:
        raise box["error"]
    return box["value"]


async def _fetch(url: str, shown: str, max_bytes: int, etag: str | None, last_modified: str | None,
                 timeout: float, allow_private: bool) -> Fetched:
    current = url.strip()
    headers = {"User-Agent": _USER_AGENT, "Accept-Encoding": "identity"}
    async with httpx.AsyncClient(timeout=httpx.Timeout(timeout), follow_redirects=False, trust_env=False,
                                 headers=headers) as client:
        for _hop in range(MAX_REDIRECTS + 1):
            host, port, scheme = check_url(current)
            address = await _resolve(host, port, allow_private)
            try:
                request = _pinned_request(client, current, host, address, scheme)
            except (httpx.InvalidURL, ValueError, TypeError):
                raise FetchError(f"{_shown(current)} is not a valid address: send an http:// or https:// "
                                 f"address.") from None
            if etag:
                request.headers["If-None-Match"] = etag
            if last_modified:
                request.headers["If-Modified-Since"] = last_modified
            try:
                response = await client.send(request, stream=True)
            except httpx.TimeoutException:
                raise FetchError(f"{shown}: the server did not answer within {timeout:g} s: try again later, "
                                 f"or save the page and send the file.") from None
            except (httpx.InvalidURL, ValueError, httpx.RemoteProtocolError) as e:
                if isinstance(e, httpx.RemoteProtocolError) and "location" not in str(e).lower():
                    raise _cannot_connect(shown, e) from None
                # httpx reads a redirect's Location even when not following it
                raise FetchError(f"{shown}: the server's answer points to an address that is not valid "
                                 f"({_reason(e)}): send the final address of the page.") from None
            except httpx.HTTPError as e:
                raise _cannot_connect(shown, e) from None
            try:
                if response.status_code in (301, 302, 303, 307, 308) and response.headers.get("location"):
                    current = _redirect(current, response.headers["location"])
                    continue
                if response.status_code == 304 and (etag or last_modified):
                    return Fetched(None, "", etag, last_modified)
                if response.status_code >= 400:
                    raise FetchError(f"{shown}: the server answered {response.status_code} "
                                     f"{response.reason_phrase or ''}".rstrip()
                                     + ": check the address, or save the page and send the file.")
                data = await _read_capped(response, shown, max_bytes, timeout)
                return Fetched(data, _name_for(current, response.headers.get("content-type", "")),
                               response.headers.get("etag"), response.headers.get("last-modified"))
            finally:
                await response.aclose()
    raise FetchError(f"{shown}: more than {MAX_REDIRECTS} redirects: send the final address of the page.")


def _cannot_connect(shown: str, e: Exception) -> FetchError:
    return FetchError(f"{shown}: could not connect ({_reason(e)}): check the address, or save the page and send "
                      f"the file.")


def _shown(url: str) -> str:
    """A URL as quoted in a message: printable characters only, at most 200."""
    clean = "".join(c if c.isprintable() and not c.isspace() else "?" for c in str(url).strip())
    return clean if len(clean) <= 200 else clean[:199] + "…"


def _redirect(current: str, location: str) -> str:
    """The next hop's absolute URL; a Location that is no URL (backslashes, controls) is one clear line."""
    try:
        nxt = urljoin(current, location.strip())
    except ValueError:
        nxt = None
    if nxt is None or _bad_chars(nxt):
        raise FetchError(f"{_shown(current)} redirects to {_shown(location)!r}, which is not a valid address: send "
                         f"the final address of the page.")
    return nxt


def _bad_chars(url: str) -> bool:
    return any(not c.isprintable() or c.isspace() or c == "\\" for c in url)


def check_url(url: str) -> tuple[str, int, str]:
    """(host, port, scheme) of an http(s) URL; FetchError with one line when it cannot be fetched."""
    try:
        parts = urlsplit(url.strip())
        port = parts.port
        hostname = parts.hostname
    except ValueError:
        raise FetchError(f"{_shown(url)!r} is not a valid URL: send an http:// or https:// address.") from None
    scheme = parts.scheme.lower()
    if scheme not in ("http", "https"):
        raise FetchError(f"{_shown(url)!r}: only http:// and https:// addresses can be fetched: "
                         f"send a web address, or upload the file itself.")
    if not hostname:
        raise FetchError(f"{_shown(url)!r} has no host name: send a full address like https://example.com/call.html.")
    if parts.username or parts.password:
        raise FetchError(f"{_shown(url)!r} carries a user name or password: send an address without credentials.")
    if _bad_chars(url.strip()):
        raise FetchError(f"{_shown(url)!r} has a space, a backslash or a control character in it: send the address "
                         f"exactly as the browser shows it.")
    return hostname, port or (443 if scheme == "https" else 80), scheme


def embedded_ipv4(ip: ipaddress.IPv4Address | ipaddress.IPv6Address) -> ipaddress.IPv4Address | None:
    """The IPv4 address an IPv6 address carries: IPv4-mapped ::ffff:a.b.c.d, IPv4-translated ::ffff:0:a.b.c.d,
    IPv4-compatible ::a.b.c.d, NAT64 64:ff9b::/96 (and the local 64:ff9b:1::/48), 6to4 2002::/16, Teredo."""
    if not isinstance(ip, ipaddress.IPv6Address):
        return None
    if ip.ipv4_mapped:
        return ip.ipv4_mapped
    packed = ip.packed
    if packed[:8] == bytes(8) and packed[8:12] in (b"\xff\xff\x00\x00", bytes(4)) and packed[12:] not in (bytes(4), bytes(3) + b"\x01"):
        return ipaddress.IPv4Address(packed[12:])  # ::ffff:0:a.b.c.d, ::a.b.c.d (:: and ::1 are IPv6's own)
    if ip in _NAT64 or ip in _LOCAL_NAT64:
        return ipaddress.IPv4Address(packed[12:])
    if ip.sixtofour:
        return ip.sixtofour
    if ip.teredo:
        return ip.teredo[1]
    return None


def is_public(ip: ipaddress.IPv4Address | ipaddress.IPv6Address) -> bool:
    """Whether an address (and the IPv4 address it carries, if any) is a global unicast address."""
    inner = embedded_ipv4(ip)
    if isinstance(ip, ipaddress.IPv6Address) and ip in _LOCAL_NAT64:
        return False
    return ip.is_global and not ip.is_multicast and (inner is None or (inner.is_global and not inner.is_multicast))


async def _resolve(host: str, port: int, allow_private: bool) -> str:
    """The first address of `host`, after checking that none of its addresses is private (unless allowed)."""
    try:
        infos = await _getaddrinfo(host, port)
    except (socket.gaierror, UnicodeError, OSError, ValueError):
        raise FetchError(f"{_shown(host)}: host not found: check the address.") from None
    addresses = [info[4][0] for info in infos]
    if not addresses:
        raise FetchError(f"{_shown(host)}: host not found: check the address.")
    if not allow_private:
        for a in addresses:
            ip = ipaddress.ip_address(a.split("%", 1)[0])
            if not is_public(ip):
                shown = embedded_ipv4(ip) or ip
                raise FetchError(f"{_shown(host)} resolves to a private or local address ({shown}), which is not "
                                 f"fetched: send a public web address, or save the page and send the file.")
    return addresses[0]


async def _getaddrinfo(host: str, port: int) -> list:
    """socket.getaddrinfo in a daemon thread of its own: past the deadline the fetch ends at once, where the
    event loop's executor would keep `asyncio.run` waiting for a resolver that does not answer."""
    loop = asyncio.get_running_loop()
    fut: asyncio.Future = loop.create_future()

    def resolve() -> None:
        try:
            result = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
        except BaseException as e:  # noqa: BLE001 - handed to the awaiting coroutine
            loop.call_soon_threadsafe(lambda: fut.done() or fut.set_exception(e))
            return
        loop.call_soon_threadsafe(lambda: fut.done() or fut.set_result(result))

    threading.Thread(target=resolve, name="resolve", daemon=True).start()
    return await fut


def _pinned_request(client: httpx.AsyncClient, url: str, host: str, address: str, scheme: str) -> httpx.Request:
    """A request to the checked address; the Host header and TLS SNI carry the real name."""
    target = httpx.URL(url)
    pinned = target.copy_with(host=address)
    headers = {"Host": target.netloc.decode("ascii")}
    extensions = {"sni_hostname": host} if scheme == "https" else {}
    return client.build_request("GET", pinned, headers=headers, extensions=extensions)


def _too_large(url: str, max_bytes: int, what: str = "") -> TooLarge:
    return TooLarge(f"{url}{what} is over the {_size(max_bytes)} limit: send a smaller document, "
                    f"or raise the cap with --max-bytes.")


async def _read_capped(response: httpx.Response, url: str, max_bytes: int, timeout: float) -> bytes:
    """The body's raw bytes within the cap, then decoded (Content-Encoding) within the cap too."""
    declared = response.headers.get("content-length")
    if declared and declared.isdigit() and int(declared) > max_bytes:
        raise TooLarge(f"{url} is {_size(int(declared))}, over the {_size(max_bytes)} limit: "
                       f"send a smaller document, or raise the cap with --max-bytes.")
    encodings = [e.strip().lower() for e in response.headers.get("content-encoding", "").split(",") if e.strip()]
    encodings = [e for e in encodings if e != "identity"]
    if len(encodings) > limits.MAX_ENCODING_LAYERS:
        raise FetchError(f"{url}: the server sent the page compressed {len(encodings)} times over, which is refused: "
                         f"save the page and send the file.")
    for e in encodings:
        if e not in ("gzip", "x-gzip", "deflate"):
            raise FetchError(f"{url}: the server sent the page in an encoding this bot does not read ({e[:20]}): "
                             f"save the page and send the file.")
    chunks: list[bytes] = []
    total = 0
    try:
        async for chunk in response.aiter_raw(65536):
            total += len(chunk)
            if total > max_bytes:
                raise _too_large(url, max_bytes)
            chunks.append(chunk)
    except httpx.TimeoutException:
        raise FetchError(f"{url}: the server stopped answering (timeout {timeout:g} s): try again later.") from None
    except httpx.HTTPError as e:
        raise FetchError(f"{url}: the download failed ({_reason(e)}): try again, or save the page and send the file.") from None
    data = b"".join(chunks)
    for e in reversed(encodings):  # the last encoding applied is undone first
        data = _inflate(data, e, url, max_bytes)
    return data


def _inflate(data: bytes, encoding: str, url: str, max_bytes: int) -> bytes:
    """One Content-Encoding layer undone, never producing more than `max_bytes` (a gzip bomb stops at the cap)."""
    attempts = (31,) if encoding in ("gzip", "x-gzip") else (15, -15)  # deflate: zlib-wrapped, or raw
    for wbits in attempts:
        d = zlib.decompressobj(wbits)
        try:
            out = d.decompress(data, max_bytes + 1)
        except zlib.error:
            continue
        if len(out) > max_bytes or d.unconsumed_tail:
            raise _too_large(url, max_bytes, " (decompressed)")
        return out
    raise FetchError(f"{url}: the server's {encoding} data is damaged: try again, or save the page and send the file.")


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
