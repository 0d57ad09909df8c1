"""Sources on loopback: inbox folder, RSS with conditional requests, pages; failures backed off, nothing twice."""
from __future__ import annotations

from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from bot import sources
from bot.ops import alerts as ops
from storage import outbox
from storage import sources as store
from summarizer.errors import InputError
from tests.loopback_site import Site

CALL = (Path(__file__).parent / "data" / "alerts" / "nwrb-q3-2025-call.txt").read_bytes()
NOW = datetime(2026, 3, 2, 9, 0, tzinfo=timezone.utc)


def rss(site: Site, *links: str) -> bytes:
    items = "".join(f"<item><title>Call {i}</title><link>{site.url(l)}</link><guid>{l}</guid></item>"
                    for i, l in enumerate(links))
    return f'<?xml version="1.0"?><rss version="2.0"><channel><title>IR</title>{items}</channel></rss>'.encode()


def test_inbox_ingests_new_files_and_moves_them_with_reasons(db, tmp_path, settled) -> None:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    ops.track(db, 1, '"supply chain"')
    src, new = sources.add_source(db, f"inbox {inbox}")
    assert new and inbox.is_dir()
    (inbox / "nwrb.txt").write_bytes(CALL)
    (inbox / "empty.txt").write_bytes(b"")
    (inbox / "partial.part").write_bytes(b"still downloading")
    settled(inbox / "nwrb.txt", inbox / "empty.txt")
    (r,) = sources.poll_due(db, now=NOW)
    assert (r.added, r.failed, r.error) == (1, 1, None)
    assert (inbox / "done" / "nwrb.txt").is_file() and (inbox / "failed" / "empty.txt").is_file()
    assert "empty" in (inbox / "failed" / "empty.txt.reason.txt").read_text()
    assert (inbox / "partial.part").is_file()
    (alert,) = outbox.items(db, chat_id=1)
    assert "<b>supply chains</b>" in alert.text
    (inbox / "again.txt").write_bytes(CALL)  # the same call again: stored once, no second alert
    settled(inbox / "again.txt")
    (r2,) = sources.poll_due(db, now=NOW)
    assert r2.added == 0 and len(outbox.items(db, chat_id=1)) == 1


def test_feed_entries_ingested_once_with_conditional_requests(db, site) -> None:
    site.routes["/call.txt"] = (200, {"Content-Type": "text/plain"}, CALL)
    site.routes["/broken.txt"] = (404, {}, b"gone")
    site.routes["/feed"] = (200, {"Content-Type": "application/rss+xml", "ETag": '"v1"'},
                            rss(site, "/call.txt", "/broken.txt"))
    src, _ = sources.add_source(db, "rss " + site.url("/feed"))
    (r,) = sources.poll_due(db, allow_private=True, now=NOW)
    assert (r.added, r.failed, r.error) == (1, 1, None)
    (r2,) = sources.poll_due(db, allow_private=True, now=NOW + timedelta(hours=1))
    assert r2.added == 0 and "not modified" in r2.notes
    assert site.hits[-1][1].get("If-None-Match") == '"v1"'
    site.routes["/feed"] = (200, {"Content-Type": "application/rss+xml", "ETag": '"v2"'},
                            rss(site, "/call.txt", "/broken.txt"))
    sources.poll_due(db, allow_private=True, now=NOW + timedelta(hours=2))
    assert site.count("/call.txt") == 1 and site.count("/broken.txt") == 1  # seen items are not fetched again
    assert db.execute("SELECT count(*) FROM transcripts").fetchone()[0] == 1


@pytest.mark.parametrize("route,why", [
    ((200, {"Content-Type": "text/html"}, b"<html><body>Investor relations</body></html>"), "not an RSS"),
    ((200, {}, b"HUGE"), "limit"),
    ((500, {}, b"oops"), "500"),
])
def test_bad_feeds_are_backed_off_and_others_still_polled(db, site, tmp_path, settled, route, why) -> None:
    site.routes["/feed"] = route
    bad, _ = sources.add_source(db, "rss " + site.url("/feed"))
    (tmp_path / "in").mkdir()
    good, _ = sources.add_source(db, f"inbox {tmp_path / 'in'}")
    (tmp_path / "in" / "nwrb.txt").write_bytes(CALL)
    settled(tmp_path / "in" / "nwrb.txt")
    results = sources.poll_due(db, allow_private=True, now=NOW)
    assert why in results[0].error and results[1].added == 1
    s = store.get_source(db, bad.id)
    assert s.failures == 1 and s.next_poll_at > store.iso(NOW)
    assert [x.source.id for x in sources.poll_due(db, allow_private=True, now=NOW + timedelta(seconds=30))] == [good.id]
    sources.poll_due(db, allow_private=True, now=NOW + timedelta(minutes=2))
    s2 = store.get_source(db, bad.id)
    assert s2.failures == 2 and s2.next_poll_at >= store.iso(NOW + timedelta(minutes=4))


def test_unreachable_and_private_addresses(db, site) -> None:
    site.routes["/feed"] = (200, {}, rss(site, "/x"))
    sources.add_source(db, "rss http://127.0.0.1:9/feed")
    sources.add_source(db, "rss " + site.url("/feed"))
    r = sources.poll_due(db, allow_private=False, now=NOW)
    assert "private or local" in r[1].error and site.count("/feed") == 0
    assert r[0].error


def test_page_source_ingests_each_distinct_content_once(db, site) -> None:
    site.routes["/ir"] = (200, {"Content-Type": "text/plain"}, CALL)
    sources.add_source(db, "page " + site.url("/ir"))
    (r,) = sources.poll_due(db, allow_private=True, now=NOW)
    (r2,) = sources.poll_due(db, allow_private=True, now=NOW + timedelta(hours=1))
    assert (r.added, r2.added, r2.error) == (1, 0, None)


def test_admin_operations_validate(db, tmp_path) -> None:
    with pytest.raises(InputError, match="http"):
        sources.add_source(db, "rss ftp://example.com/feed")
    with pytest.raises(InputError, match="Say what"):
        sources.add_source(db, "mailbox x")
    f = tmp_path / "file"
    f.write_text("x")
    with pytest.raises(InputError, match="not a folder"):
        sources.add_source(db, f"inbox {f}")
    s, new = sources.add_source(db, "https://example.com/feed.xml")
    assert s.kind == "rss" and new and not sources.add_source(db, "rss https://example.com/feed.xml")[1]
    assert sources.remove_source(db, str(s.id)).id == s.id and sources.list_sources(db) == []
    with pytest.raises(InputError, match="/sources list"):
        sources.remove_source(db, "42")
