"""SQL for transcript sources (inbox folders, feeds, pages) and the items already taken from them."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlite_utils import Database

from storage.alerts import iso, utcnow
from storage.db import write_transaction
from storage.outbox import redact


@dataclass
class Source:
    """A place new transcripts come from, with its polling state."""

    id: int
    kind: str
    location: str
    etag: str | None
    last_modified: str | None
    failures: int
    next_poll_at: str | None
    last_error: str | None
    last_ok_at: str | None
    created_at: str


def add_source(db: Database, kind: str, location: str) -> tuple[Source, bool]:
    """The source, and whether it is new (adding one twice keeps the first)."""
    with write_transaction(db):
        cur = db.execute("INSERT OR IGNORE INTO sources (kind, location, failures, created_at) VALUES (?, ?, 0, ?)",
                         [kind, location, iso(utcnow())])
    row = next(db.query("SELECT * FROM sources WHERE kind = ? AND location = ?", [kind, location]))
    return Source(**row), bool(cur.rowcount)


def list_sources(db: Database) -> list[Source]:
    return [Source(**r) for r in db.query("SELECT * FROM sources ORDER BY id")]


def get_source(db: Database, source_id: int) -> Source | None:
    rows = list(db.query("SELECT * FROM sources WHERE id = ?", [source_id]))
    return Source(**rows[0]) if rows else None


def remove_source(db: Database, source_id: int) -> bool:
    with write_transaction(db):
        db.execute("DELETE FROM source_items WHERE source_id = ?", [source_id])
        return db.execute("DELETE FROM sources WHERE id = ?", [source_id]).rowcount > 0


def due_sources(db: Database, now: datetime) -> list[Source]:
    return [Source(**r) for r in db.query(
        "SELECT * FROM sources WHERE next_poll_at IS NULL OR next_poll_at <= ? ORDER BY id", [iso(now)])]


def record_ok(db: Database, source_id: int, now: datetime, next_at: datetime, *, etag: str | None = None,
              last_modified: str | None = None) -> None:
    with write_transaction(db):
        db.execute("UPDATE sources SET failures = 0, last_error = NULL, last_ok_at = ?, next_poll_at = ?,"
                   " etag = coalesce(?, etag), last_modified = coalesce(?, last_modified) WHERE id = ?",
                   [iso(now), iso(next_at), etag, last_modified, source_id])


def record_error(db: Database, source_id: int, error: str, next_at: datetime) -> None:
    with write_transaction(db):
        db.execute("UPDATE sources SET failures = failures + 1, last_error = ?, next_poll_at = ? WHERE id = ?",
                   [redact(error), iso(next_at), source_id])


def seen(db: Database, source_id: int, item_key: str) -> bool:
    return db.execute("SELECT 1 FROM source_items WHERE source_id = ? AND item_key = ?",
                      [source_id, item_key]).fetchone() is not None


def mark_seen(db: Database, source_id: int, item_key: str, status: str, call_id: int | None = None) -> None:
    with write_transaction(db):
        db.execute("INSERT OR REPLACE INTO source_items (source_id, item_key, call_id, status, seen_at) "
                   "VALUES (?, ?, ?, ?, ?)", [source_id, item_key, call_id, status, iso(utcnow())])
