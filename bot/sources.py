"""Transcript sources polled by a repeating job: inbox folders, RSS/Atom feeds and web pages.

Inbox (bot/inbox.py): a folder inside INBOX_ROOT; each new transcript file is ingested once it has settled (not
modified for EARNINGS_BOT_INBOX_SETTLE_SECONDS, unchanged while read), then moved to `done/` or to `failed/` with
`<name>.reason.txt` beside it; links, devices and other files are never read or moved.
Feeds: fetched with httpx (never by feedparser), conditional requests (ETag / Last-Modified), DOCTYPE and
entity declarations removed before parsing (no entity expansion), each entry ingested once (its id, else
link, remembered in `source_items`); an entry with a long body is ingested from the body, otherwise the
linked page is fetched. Pages: fetched conditionally, ingested when their content changes. Every fetch is
http(s) only, size-capped, under one deadline, and refuses private addresses unless allowed.

Bounds: each document is read in a worker process killed at its time limit (bot.worker); each source has
its own time budget per pass (EARNINGS_BOT_SOURCE_SECONDS; what is left waits for the next pass), and
sources are polled side by side, so a slow one delays no other. A failing source is backed off
exponentially (1 min doubling to 6 h); nothing else is affected."""
from __future__ import annotations

import concurrent.futures
import hashlib
import logging
import os
import re
import time
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path

from sqlite_utils import Database

from bot import inbox, limits, worker
from bot.fetch import check_url, fetch_conditional
from bot.metrics import record_poll
from bot.ops.documents import is_url, max_bytes_from_env
from storage import sources as store
from storage.alerts import utcnow
from storage.db import database_file
from storage.sources import Source
from summarizer.errors import FetchError, InputError

log = logging.getLogger(__name__)
KINDS = ("inbox", "rss", "page")
MAX_FEED_BYTES = 5 * 1024 * 1024
MIN_BODY_CHARS = 3000  # a feed entry body shorter than this is a teaser: fetch the linked page instead
MAX_ITEMS_PER_POLL = 20
BACKOFF_START_S, BACKOFF_MAX_S = 60.0, 6 * 3600.0
CUT_SHORT_RETRY = timedelta(minutes=1)  # a pass stopped by its time budget goes on this soon


def poll_interval() -> timedelta:
    """How often a healthy feed or page is fetched: EARNINGS_BOT_POLL_MINUTES, default 15 (inboxes: every pass)."""
    raw = os.environ.get("EARNINGS_BOT_POLL_MINUTES", "").strip()
    return timedelta(minutes=min(int(raw), 525_600) if raw.isdecimal() and int(raw) > 0 else 15)  # at most a year


def _db_path(db: Database) -> Path | None:
    path = database_file(db)
    return Path(path) if path else None


class Budget:
    """One source's time for one pass."""

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self.end = time.monotonic() + seconds

    def left(self) -> float:
        return self.end - time.monotonic()

    def fetch_timeout(self) -> float:
        """A fetch's deadline: EARNINGS_BOT_FETCH_SECONDS, or what is left of the budget when that is less."""
        return min(limits.fetch_seconds(), max(1.0, self.left()))


@dataclass
class PollResult:
    """One source's pass: calls added, items that failed, and the source's error if it failed as a whole."""

    source: Source
    added: int = 0
    failed: int = 0
    error: str | None = None
    notes: list[str] = field(default_factory=list)
    cut_short: bool = False  # the time budget ran out: the rest waits for the next pass


# ---------------------------------------------------------------- admin operations

def add_source(db: Database, spec: str) -> tuple[Source, bool]:
    """'inbox <folder>', 'rss https://…', 'page https://…' (a bare URL is taken as a feed); returns (source, new).

    An inbox folder must already exist inside INBOX_ROOT (a relative name is taken inside it)."""
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
        location = str(inbox.confine(location, _db_path(db)))
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

def _ingest(db: Database, data: bytes, name: str, source: str, budget: Budget, result: PollResult):
    """Store one document: in a worker process killed at its limit (or the budget's end) when the database is a
    file, in this process otherwise. None when the budget or a shutdown, not the document, stopped it (it waits
    for the next pass)."""
    from bot.ops.ingest import ingest_bytes, ingest_bytes_at, ingest_isolated

    path = database_file(db)
    if path is None:
        return ingest_bytes(db, data, name, max_bytes=max_bytes_from_env(), source=source)
    limit = min(limits.parse_seconds(), budget.left())
    try:
        return ingest_isolated(ingest_bytes_at, str(path), data, name, max_bytes_from_env(), source, timeout=limit,
                               what=name)
    except worker.ShuttingDown:
        result.cut_short = True
        return None
    except worker.TooComplex:
        if limit < limits.parse_seconds():  # the pass's time ran out, not the document's
            result.cut_short = True
            return None
        raise


def poll_inbox(db: Database, source: Source, result: PollResult, budget: Budget | None = None) -> None:
    """Ingest every new transcript file of the folder, then move it to done/ or failed/ (with the reason beside it)."""
    budget = budget or Budget(limits.source_seconds())
    folder = Path(source.location)
    if inbox.confine(source.location, _db_path(db)) != folder:  # checked again: INBOX_ROOT or the folder may have changed
        raise inbox.NotInbox(f"inbox folder {folder} is now a link to another folder: remove this source "
                             f"(/sources remove {source.id}) and add the folder itself.")
    with inbox.Folder(folder) as f:
        names = f.candidates()
        if f.skipped:
            log.info("inbox %s: left alone (links, devices): %s", folder, ", ".join(f.skipped[:10]))
        for name in names[:MAX_ITEMS_PER_POLL * 5]:
            if budget.left() <= 1:
                result.cut_short = True
                break
            try:
                data = f.read(name, max_bytes_from_env(), limits.inbox_settle_seconds())
                if data is None:
                    continue  # still being written (a later pass reads it), or replaced by a link or device: left
                res = _ingest(db, data, name, str(folder / name), budget, result)
                if res is None:
                    break
            except InputError as e:
                f.move(name, "failed", str(e))
                result.failed += 1
                continue
            except Exception as e:  # noqa: BLE001 - a parser or hook bug fails this file only
                log.exception("inbox file %s failed", folder / name)
                f.move(name, "failed", f"{name} could not be ingested ({type(e).__name__}); please report it.")
                result.failed += 1
                continue
            f.move(name, "done")
            result.added += res.status != "duplicate"
            result.notes.append(f"{name}: {res.status} #{res.call_id}")


_DOCTYPE = re.compile(r"<!DOCTYPE\b(?:[^\[>]*\[.*?\]\s*>|[^>]*>)", re.I | re.S)
_DECLARATION = re.compile(r"<!(?:ENTITY|ELEMENT|ATTLIST|NOTATION)\b[^>]*>", re.I)
_XML_ENCODING = re.compile(r"^(\s*<\?xml[^>]*?)\s+encoding\s*=\s*[\"'][^\"']*[\"']", re.I)


def strip_declarations(data: bytes) -> bytes:
    """The feed without its DOCTYPE (internal subset included) and any entity, element or attribute declaration,
    as UTF-8: a parser then has no entity to expand ("billion laughs", external entities). UTF-16/32 feeds are
    decoded first, so no declaration hides in another encoding."""
    text = _decode_feed(data)
    for _ in range(3):  # a declaration cut in two by the first pass is caught by the next
        cleaned = _DECLARATION.sub("", _DOCTYPE.sub("", text))
        if cleaned == text:
            break
        text = cleaned
    text = _XML_ENCODING.sub(r"\1", text, count=1)  # it is UTF-8 now, whatever the declaration said
    return text.encode("utf-8")


def _decode_feed(data: bytes) -> str:
    for bom, codec in ((b"\xef\xbb\xbf", "utf-8-sig"), (b"\xff\xfe\x00\x00", "utf-32"), (b"\x00\x00\xfe\xff", "utf-32"),
                       (b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16")):
        if data.startswith(bom):
            return data.decode(codec, errors="replace")
    head = data[:4]
    if head in (b"<\x00?\x00", b"\x00<\x00?"):
        return data.decode("utf-16-le" if head[0] == 0x3C else "utf-16-be", errors="replace")
    m = re.match(rb"\s*<\?xml[^>]*encoding\s*=\s*[\"']([A-Za-z0-9._-]{1,40})[\"']", data)
    if m:
        try:
            return data.decode(m.group(1).decode("ascii"), errors="replace")
        except LookupError:
            pass
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def parse_feed(data: bytes) -> dict:
    """A feed's entries as plain dicts (key, link, body), its declarations removed first; runs in a worker
    process (bot.worker) so a parser that never finishes is killed."""
    import feedparser

    clean = strip_declarations(data)
    feed = feedparser.parse(clean)  # bytes: feedparser never fetches anything itself
    entries = []
    for e in feed.entries[:MAX_ITEMS_PER_POLL]:
        key = e.get("id") or e.get("link") or e.get("title")
        body = ""
        for c in e.get("content") or []:
            if c.get("value"):
                body = c["value"]
                break
        entries.append({"key": str(key)[:500] if key else None, "link": e.get("link"),
                        "body": body or e.get("summary") or ""})
    return {"entries": entries, "html": b"<html" in clean[:2000].lower()}


def poll_feed(db: Database, source: Source, result: PollResult, *, allow_private: bool, now: datetime,
              budget: Budget | None = None) -> None:
    """Fetch the feed conditionally and ingest each unseen entry once (body if long, else its page)."""
    budget = budget or Budget(limits.source_seconds())
    got = fetch_conditional(source.location, etag=source.etag, last_modified=source.last_modified,
                            max_bytes=MAX_FEED_BYTES, allow_private=allow_private,
                            timeout=budget.fetch_timeout())
    if got.data is None:
        result.notes.append("not modified")
        store.record_ok(db, source.id, now, now + poll_interval())
        return
    feed = worker.run(parse_feed, got.data, timeout=min(limits.parse_seconds(), max(1.0, budget.left())),
                      what=f"The feed {source.location}") if database_file(db) else parse_feed(got.data)
    if not feed["entries"]:
        kind = "an HTML page" if feed["html"] else "no feed entries"
        raise FetchError(f"{source.location} is not an RSS/Atom feed ({kind}): add it as a page instead")
    for entry in feed["entries"]:
        key = entry["key"]
        if not key or store.seen(db, source.id, key):
            continue
        if budget.left() <= 1:
            result.cut_short = True
            break
        try:
            body, link = entry["body"], entry["link"]
            if len(body) >= MIN_BODY_CHARS:
                res = _ingest(db, body.encode("utf-8"), "entry.html", link or source.location, budget, result)
            elif link:
                page = fetch_conditional(link, max_bytes=max_bytes_from_env(), allow_private=allow_private,
                                         timeout=budget.fetch_timeout())
                res = _ingest(db, page.data or b"", page.name, link, budget, result)
            else:
                raise InputError("the entry has neither a transcript body nor a link")
            if res is None:
                break
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
    if result.cut_short:  # keep the old validators: the next pass must see the entries not reached yet
        store.record_ok(db, source.id, now, now + CUT_SHORT_RETRY)
    else:
        store.record_ok(db, source.id, now, now + poll_interval(), etag=got.etag, last_modified=got.last_modified)


def poll_page(db: Database, source: Source, result: PollResult, *, allow_private: bool, now: datetime,
              budget: Budget | None = None) -> None:
    """Fetch the page conditionally; a changed content is ingested (once per distinct content)."""
    budget = budget or Budget(limits.source_seconds())
    got = fetch_conditional(source.location, etag=source.etag, last_modified=source.last_modified,
                            max_bytes=max_bytes_from_env(), allow_private=allow_private,
                            timeout=budget.fetch_timeout())
    if got.data is not None:
        key = "sha256:" + hashlib.sha256(got.data).hexdigest()
        if not store.seen(db, source.id, key):
            try:
                res = _ingest(db, got.data, got.name, source.location, budget, result)
            except InputError as e:
                store.mark_seen(db, source.id, key, "failed")
                raise FetchError(f"{source.location}: {e}") from None
            if res is None:
                store.record_ok(db, source.id, now, now + CUT_SHORT_RETRY)
                return
            store.mark_seen(db, source.id, key, res.status, res.call_id)
            result.added += res.status != "duplicate"
    store.record_ok(db, source.id, now, now + poll_interval(), etag=got.etag, last_modified=got.last_modified)


def backoff(failures: int) -> timedelta:
    """Wait after the n-th consecutive failure: 1 min, 2, 4 … up to 6 h."""
    return timedelta(seconds=min(BACKOFF_MAX_S, BACKOFF_START_S * 2 ** max(0, failures - 1)))


def poll_source(db: Database, source: Source, *, allow_private: bool = False, now: datetime | None = None) -> PollResult:
    """One pass over one source within its time budget; a failure is recorded on the source (backed off), never raised."""
    now = now or utcnow()
    result = PollResult(source)
    budget = Budget(limits.source_seconds())
    try:
        if source.kind == "inbox":
            poll_inbox(db, source, result, budget)
            store.record_ok(db, source.id, now, now)
        elif source.kind == "rss":
            poll_feed(db, source, result, allow_private=allow_private, now=now, budget=budget)
        else:
            poll_page(db, source, result, allow_private=allow_private, now=now, budget=budget)
    except worker.ShuttingDown:
        result.cut_short = True
    except (InputError, OSError) as e:
        result.error = str(e) or type(e).__name__
    except Exception as e:  # noqa: BLE001 - a source bug must not stop the other sources
        log.exception("source %s failed", source.location)
        result.error = f"{type(e).__name__}: {e}"
    if result.cut_short:
        result.notes.append(f"stopped after {budget.seconds:g} s: the rest waits for the next pass")
    record_poll(source.kind, result.error is None)
    if result.error:
        nxt = now + backoff(source.failures + 1)
        store.record_error(db, source.id, result.error, nxt)
        log.warning("source #%d %s failed (%d in a row), next try %s: %s", source.id, source.location,
                    source.failures + 1, nxt.isoformat(timespec="seconds"), result.error)
    return result


def poll_source_at(db_path: str | Path, source_id: int, *, allow_private: bool = False,
                   now: datetime | None = None) -> PollResult | None:
    """`poll_source` on a connection of its own to the file at `db_path` (None: the source is gone)."""
    from storage.db import open_db

    db = open_db(db_path)
    try:
        source = store.get_source(db, source_id)
        return None if source is None else poll_source(db, source, allow_private=allow_private, now=now)
    finally:
        db.close()


def poll_due(db: Database, *, allow_private: bool = False, now: datetime | None = None,
             everything: bool = False) -> list[PollResult]:
    """Poll the sources that are due (or all of them), several side by side, each within its own budget."""
    now = now or utcnow()
    todo = store.list_sources(db) if everything else store.due_sources(db, now)
    path = database_file(db)
    if path is None or len(todo) <= 1:
        return [poll_source(db, s, allow_private=allow_private, now=now) for s in todo]
    with concurrent.futures.ThreadPoolExecutor(limits.MAX_SOURCES_AT_ONCE, thread_name_prefix="poll") as ex:
        futures = [ex.submit(poll_source_at, path, s.id, allow_private=allow_private, now=now) for s in todo]
        results = [f.result() for f in futures]
    return [r for r in results if r is not None]
