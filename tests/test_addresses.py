"""Addresses (issue 14, rows 10 and 15): an IPv4 address carried inside an IPv6 one is checked as that IPv4
address (NAT64, 6to4, Teredo, IPv4-compatible, IPv4-mapped and -translated), and a URL or redirect that is no
URL (backslashes, control characters) is the usual one line, never a raw httpx.InvalidURL."""
from __future__ import annotations

import ipaddress

import pytest

from bot.fetch import embedded_ipv4, fetch_url, is_public
from summarizer.errors import FetchError

PRIVATE_INSIDE = ["[::127.0.0.1]", "[::ffff:0:127.0.0.1]", "[64:ff9b::127.0.0.1]", "[2002:7f00:1::]",
                  "[64:ff9b::10.0.0.1]", "[64:ff9b::169.254.169.254]", "[2002:c0a8:101::1]", "[::ffff:0:10.1.2.3]",
                  "[2001:0:4136:e378:8000:63bf:80ff:fffe]", "[64:ff9b:1::8.8.8.8]", "[::10.0.0.1]"]


@pytest.mark.parametrize("host", PRIVATE_INSIDE)
def test_ipv4_embedded_in_ipv6_is_checked_as_that_ipv4_address(host: str) -> None:
    with pytest.raises(FetchError, match="private or local address"):
        fetch_url(f"http://{host}/call.txt", max_bytes=1000, timeout=2)


@pytest.mark.parametrize("address, inner, public", [
    ("::127.0.0.1", "127.0.0.1", False), ("::ffff:0:127.0.0.1", "127.0.0.1", False),
    ("64:ff9b::127.0.0.1", "127.0.0.1", False), ("2002:7f00:1::", "127.0.0.1", False),
    ("64:ff9b::8.8.8.8", "8.8.8.8", True), ("2002:808:808::", "8.8.8.8", True),
    ("2606:4700::1111", None, True), ("::1", None, False), ("8.8.8.8", None, True),
])
def test_embedded_addresses_are_read_and_judged(address: str, inner: str | None, public: bool) -> None:
    ip = ipaddress.ip_address(address)
    assert str(embedded_ipv4(ip)) == str(inner) if inner else embedded_ipv4(ip) is None
    assert is_public(ip) is public


@pytest.mark.parametrize("url", ["http://example.com/a\x00b", "http://example.com/\x1b[31m", "http://exa mple.com/",
                                 "http:\\\\127.0.0.1\\x", "http://[::1/x", "http://example.com:99999/"])
def test_bad_urls_are_one_line(url: str) -> None:
    with pytest.raises(FetchError) as e:
        fetch_url(url, max_bytes=1000, timeout=2)
    assert "\n" not in str(e.value) and "\x00" not in str(e.value) and "\x1b" not in str(e.value)


@pytest.mark.parametrize("location", ["http:\\\\127.0.0.1\\x", "http://example.com/\x7f", "//[::1"])
def test_a_redirect_to_no_url_is_one_line(site, location: str) -> None:
    site.routes["/moved"] = (302, {"Location": location}, b"")
    with pytest.raises(FetchError) as e:
        fetch_url(site.url("/moved"), max_bytes=1000, timeout=5, allow_private=True)
    assert "\n" not in str(e.value) and "not valid" in str(e.value).replace("not a valid", "not valid")
