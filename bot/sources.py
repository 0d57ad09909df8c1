"""Transcript sources polled by a repeating job: inbox folders, RSS/Atom feeds and web pages.

Inbox: each new file is ingested, then moved to `done/` or to `failed/` with `<name>.reason.txt` beside it.
Feeds: fetched with httpx (never by feedparser), conditional requests (ETag / Last-Modified), each entry
ingested once (its id, else link, remembered in `source_items`); an entry with a long body is ingested from
the body, otherwise the linked page is fetched. Pages: fetched conditionally, ingested when their content
changes. Every fetch is http(s) only, size-capped, timed out and refuses private addresses unless allowed.
A failing source is backed off exponentially (1 min doubling to 6 h); nothing else is affected."""
from __future__ import annotations

import hashlib
import logging
import os
import shutil
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path

from sqlite_utils import Database

from bot.fetch import check_url, fetch_conditional
from bot.metrics import record_poll
from bot.ops.documents import is_url, max_bytes_from_env, read_document
from storage import sources as store
from storage.alerts import utcnow
from storage.sources import Source
from summarizer.errors import FetchError, InputError

log = logging.getLogger(__name__)
KINDS = ("inbox", "rss", "page")
MAX_FEED_BYTES = 5 * 1024 * 1024
MIN_BODY_CHARS = 3000  # a feed entry body shorter than this is a teaser: fetch the linked page instead
MAX_ITEMS_PER_POLL = 20
BACKOFF_START_S, BACKOFF_MAX_S = 60.0, 6 * 3600.0


def poll_interval() -> timedelta:
    """How often a healthy feed or page is fetched: EARNINGS_BOT_POLL_MINUTES, default 15 (inboxes: every pass)."""
    raw = os.environ.get("EARNINGS_BOT_POLL_MINUTES", "").strip()
    return timedelta(minutes=min(int(raw), 525_600) if raw.isdecimal() and int(raw) > 0 else 15)  # at most a year


@dataclass
class PollResult:
    """One source's pass: calls added, items that failed, and the source's error if it failed as a whole."""

    source: Source
    added: int = 0
    failed: int = 0
    error: str | None = None
    notes: list[str] = field(default_factory=list)


# ---------------------------------------------------------------- admin operations

def add_source(db: Database, spec: str) -> tuple[Source, bool]:
    """'inbox /path', 'rss https://…', 'page https://…' (a bare URL is taken as a feed); returns (source, new)."""
    parts = (spec or "").strip().split(None, 1)
    if not parts:
        raise InputError("Say what to add: /sources add rss <url> | page <url> | inbox <folder>")
    if len(parts) == 1 and is_url(parts[0]):
        kind, location = "rss", parts[0]
    elif len(parts) == 2 and parts[0].lower() in KINDS:
        kind, location = parts[0].lower(), parts[1].strip()
    else:
        raise InputError("Say what to add: /sources add rss <url> | page <url> | inbox <folder>")
    if kind == "inbox":
        path = Path(location).expanduser()
        if path.exists() and not path.is_dir():
            raise InputError(f"{location} is a file, not a folder: name a folder for the inbox.")
        try:
            path.mkdir(parents=True, exist_ok=True)
        except OSError as e:
            raise InputError(f"{location}: cannot create the folder ({e.strerror}): check the path.") from None
        location = str(path.resolve())
    else:
        check_url(location)
    return store.add_source(db, kind, location)


def list_sources(db: Database) -> list[Source]:
    return store.list_sources(db)


def remove_source(db: Database, ref: str) -> Source:
    """Remove a source by its number or location."""
    ref = (ref or "").strip().lstrip("#")
    for s in store.list_sources(db):
        if str(s.id) == ref or s.location == ref:
            store.remove_source(db, s.id)
            return s
    raise InputError(f"No source {ref[:60]!r}: /sources list shows them with their numbers.")


# ---------------------------------------------------------------- polling

def _move(path: Path, folder: Path, reason: str | None = None) -> None:
    folder.mkdir(exist_ok=True)
    target = folder / path.name
    n = 1
    while target.exists():
        target = folder / f"{path.stem}.{n}{path.suffix}"
        n += 1
    shutil.move(str(path), target)
    if reason is not None:
        (folder / f"{target.name}.reason.txt").write_text(reason + "\n", encoding="utf-8")


def poll_inbox(db: Database, source: Source, result: PollResult) -> None:
    """Ingest every new file of the folder, then move it to done/ or failed/ (with the reason beside it)."""
    from bot.ops.ingest import ingest_bytes

    folder = Path(source.location)
    if not folder.is_dir():
        raise FetchError(f"inbox folder {folder} is missing")
    files = sorted(p for p in folder.iterdir() if p.is_file() and not p.name.startswith(".")
                   and not p.name.endswith((".part", ".tmp", ".crdownload")))
    for path in files[:MAX_ITEMS_PER_POLL * 5]:
        try:
            data = read_document(path.name, path, max_bytes_from_env())
            res = ingest_bytes(db, data, path.name, max_bytes=max_bytes_from_env(), source=str(path))
        except InputError as e:
            _move(path, folder / "failed", str(e))
            result.failed += 1
            continue
        except Exception as e:  # noqa: BLE001 - a parser or hook bug fails this file only
            log.exception("inbox file %s failed", path)
            _move(path, folder / "failed", f"{path.name} could not be ingested ({type(e).__name__}); please report it.")
            result.failed += 1
            continue
        _move(path, folder / "done")
        result.added += res.status != "duplicate"
        result.notes.append(f"{path.name}: {res.status} #{res.call_id}")


def _entry_key(entry) -> str | None:  # type: ignore[no-untyped-def]
    return entry.get("id") or entry.get("link") or entry.get("title")


def _entry_body(entry) -> str:  # type: ignore[no-untyped-def]
    for c in entry.get("content") or []:
        if c.get("value"):
            return c["value"]
    return entry.get("summary") or ""


def poll_feed(db: Database, source: Source, result: PollResult, *, allow_private: bool, now: datetime) -> None:
    """Fetch the feed conditionally and ingest each unseen entry once (body if long, else its page)."""
    import feedparser

    from bot.ops.ingest import ingest_bytes

    got = fetch_conditional(source.location, etag=source.etag, last_modified=source.last_modified,
                            max_bytes=MAX_FEED_BYTES, allow_private=allow_private)
    if got.data is None:
        result.notes.append("not modified")
        store.record_ok(db, source.id, now, now + poll_interval())
        return
    feed = feedparser.parse(got.data)  # bytes: feedparser never fetches anything itself
    if not feed.entries:
        kind = "an HTML page" if b"<html" in got.data[:2000].lower() else "no feed entries"
        raise FetchError(f"{source.location} is not an RSS/Atom feed ({kind}): add it as a page instead")
    for entry in feed.entries[:MAX_ITEMS_PER_POLL]:
        key = _entry_key(entry)
        if not key or store.seen(db, source.id, key[:500]):
            continue
        key = key[:500]
        try:
            body = _entry_body(entry)
            if len(body) >= MIN_BODY_CHARS:
                res = ingest_bytes(db, body.encode("utf-8"), "entry.html", max_bytes=max_bytes_from_env(), source=entry.get("link") or source.location)
            elif entry.get("link"):
                page = fetch_conditional(entry["link"], max_bytes=max_bytes_from_env(),
                                         allow_private=allow_private)
                res = ingest_bytes(db, page.data or b"", page.name, max_bytes=max_bytes_from_env(), source=entry["link"])
            else:
                raise InputError("the entry has neither a transcript body nor a link")
        except InputError as e:
            store.mark_seen(db, source.id, key, "failed")
            result.failed += 1
            log.info("feed %s: entry %s skipped: %s", source.location, key, e)
            continue
        except Exception:  # noqa: BLE001 - a malformed entry fails alone
            store.mark_seen(db, source.id, key, "failed")
            result.failed += 1
            log.exception("feed %s: entry %s failed", source.location, key)
            continue
        store.mark_seen(db, source.id, key, res.status, res.call_id)
        result.added += res.status != "duplicate"
    store.record_ok(db, source.id, now, now + poll_interval(), etag=got.etag, last_modified=got.last_modified)


def poll_page(db: Database, source: Source, result: PollResult, *, allow_private: bool, now: datetime) -> None:
    """Fetch the page conditionally; a changed content is ingested (once per distinct content)."""
    from bot.ops.ingest import ingest_bytes

    got = fetch_conditional(source.location, etag=source.etag, last_modified=source.last_modified,
                            max_bytes=max_bytes_from_env(), allow_private=allow_private)
    if got.data is not None:
        key = "sha256:" + hashlib.sha256(got.data).hexdigest()
        if not store.seen(db, source.id, key):
            try:
                res = ingest_bytes(db, got.data, got.name, max_bytes=max_bytes_from_env(), source=source.location)
            except InputError as e:
                store.mark_seen(db, source.id, key, "failed")
                raise FetchError(f"{source.location}: {e}") from None
            store.mark_seen(db, source.id, key, res.status, res.call_id)
            result.added += res.status != "duplicate"
    store.record_ok(db, source.id, now, now + poll_interval(), etag=got.etag, last_modified=got.last_modified)


def backoff(failures: int) -> timedelta:
    """Wait after the n-th consecutive failure: 1 min, 2, 4 … up to 6 h."""
    return timedelta(seconds=min(BACKOFF_MAX_S, BACKOFF_START_S * 2 ** max(0, failures - 1)))


def poll_source(db: Database, source: Source, *, allow_private: bool = False, now: datetime | None = None) -> PollResult:
    """One pass over one source; a failure is recorded on the source (backed off), never raised."""
    now = now or utcnow()
    result = PollResult(source)
    try:
        if source.kind == "inbox":
            poll_inbox(db, source, result)
            store.record_ok(db, source.id, now, now)
        elif source.kind == "rss":
            poll_feed(db, source, result, allow_private=allow_private, now=now)
        else:
            poll_page(db, source, result, allow_private=allow_private, now=now)
    except (InputError, OSError) as e:
        result.error = str(e) or type(e).__name__
    except Exception as e:  # noqa: BLE001 - a source bug must not stop the other sources
        log.exception("source %s failed", source.location)
        result.error = f"{type(e).__name__}: {e}"
    record_poll(source.kind, result.error is None)
    if result.error:
        nxt = now + backoff(source.failures + 1)
        store.record_error(db, source.id, result.error, nxt)
        log.warning("source #%d %s failed (%d in a row), next try %s: %s", source.id, source.location,
                    source.failures + 1, nxt.isoformat(timespec="seconds"), result.error)
    return result


def poll_due(db: Database, *, allow_private: bool = False, now: datetime | None = None,
             everything: bool = False) -> list[PollResult]:
    """Poll the sources that are due (or all of them)."""
    now = now or utcnow()
    todo = store.list_sources(db) if everything else store.due_sources(db, now)
    return [poll_source(db, s, allow_private=allow_private, now=now) for s in todo]
