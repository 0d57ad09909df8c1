"""SQL for the delivery outbox: queue, claim, and the outcome of each send.

States: pending -> sending (claimed, attempts+1, claimed_at) -> sent | pending (retry later) | failed.
A row is `sending` only while an HTTP call for it may be in flight."""
from __future__ import annotations

import json
import re
import sqlite3
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from sqlite_utils import Database

from storage.alerts import iso, parse_iso, utcnow
from storage.db import write_transaction


@dataclass
class OutboxItem:
    """One message to deliver."""

    id: int
    chat_id: int
    thread_id: int | None
    kind: str
    call_id: int | None
    text: str
    reply_markup: str | None
    dedupe_key: str
    status: str
    attempts: int
    next_attempt_at: str
    claimed_at: str | None
    last_error: str | None
    created_at: str
    sent_at: str | None
    message_id: int | None
    plain: int

    @property
    def markup(self) -> dict | None:
        return json.loads(self.reply_markup) if self.reply_markup else None


def enqueue(db: Database, chat_id: int, kind: str, text: str, dedupe_key: str, *, call_id: int | None = None,
            thread_id: int | None = None, reply_markup: dict | None = None, not_before: datetime | None = None,
            now: datetime | None = None) -> int | None:
    """Queue a message; None when one with the same dedupe key was queued before (never twice)."""
    now = now or utcnow()
    cur = db.execute(
        "INSERT OR IGNORE INTO outbox (chat_id, thread_id, kind, call_id, text, reply_markup, dedupe_key, status,"
        " attempts, next_attempt_at, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, 'pending', 0, ?, ?)",
        [chat_id, thread_id, kind, call_id, text, json.dumps(reply_markup) if reply_markup else None, dedupe_key,
         iso(max(not_before, now) if not_before else now), iso(now)])
    return cur.lastrowid if cur.rowcount else None


_TOKEN = re.compile(r"(?<!\d)\d{5,20}:[A-Za-z0-9_-]{10,}")  # a Bot API token: digits, a colon, its secret ("/bot1:")


def redact(text: str | None) -> str | None:
    """An error text safe to store and show: anything shaped like a bot token replaced (Bot API error texts and
    URLs in exceptions can carry it), and at most 500 characters."""
    return None if text is None else _TOKEN.sub("<token>", str(text))[:500]


def due(db: Database, now: datetime, limit: int, *, chat_id: int | None = None) -> list[OutboxItem]:
    """Up to `limit` pending rows due now (of one chat only, with `chat_id`), oldest first; nothing is marked:
    each is claimed with `claim_one` just before its send."""
    one_chat = "" if chat_id is None else " AND chat_id = ?"
    return [OutboxItem(**r) for r in db.query(
        "SELECT * FROM outbox WHERE status = 'pending' AND next_attempt_at <= ? AND chat_id NOT IN "
        f"(SELECT id FROM chats WHERE active = 0){one_chat} ORDER BY next_attempt_at, id LIMIT ?",
        [iso(now), *([] if chat_id is None else [chat_id]), limit])]


def claim_one(db: Database, item: OutboxItem, now: datetime) -> bool:
    """Mark one row `sending` (attempts + 1, claim time), committed BEFORE its HTTP call; False when another sender
    took it meanwhile. Rows are claimed one by one as they are sent, so a process killed mid-broadcast leaves only
    the sends that were in flight `sending` (at most the sender's concurrency), not a whole claimed batch."""
    stamp = iso(now)
    with write_transaction(db):
        n = db.execute("UPDATE outbox SET status = 'sending', claimed_at = ?, attempts = attempts + 1 "
                       "WHERE id = ? AND status = 'pending'", [stamp, item.id]).rowcount
    if n:
        item.status, item.claimed_at, item.attempts = "sending", stamp, item.attempts + 1
    return bool(n)


def claim(db: Database, now: datetime, limit: int, *, chat_id: int | None = None) -> list[OutboxItem]:
    """Take up to `limit` due pending rows (of one chat only, with `chat_id`): marked `sending` with the claim
    time, committed BEFORE any HTTP call."""
    stamp = iso(now)
    one_chat = "" if chat_id is None else " AND chat_id = ?"
    with write_transaction(db):
        rows = [dict(r) for r in db.query(
            "SELECT * FROM outbox WHERE status = 'pending' AND next_attempt_at <= ? AND chat_id NOT IN "
            f"(SELECT id FROM chats WHERE active = 0){one_chat} ORDER BY next_attempt_at, id LIMIT ?",
            [stamp, *([] if chat_id is None else [chat_id]), limit])]
        if rows:
            ids = [r["id"] for r in rows]
            db.execute(f"UPDATE outbox SET status = 'sending', claimed_at = ?, attempts = attempts + 1 "
                       f"WHERE id IN ({','.join('?' * len(ids))})", [stamp, *ids])
    for r in rows:
        r.update(status="sending", claimed_at=stamp, attempts=r["attempts"] + 1)
    return [OutboxItem(**r) for r in rows]


def mark_sent(db: Database, item_id: int, message_id: int | None, now: datetime, *, plain: bool = False) -> None:
    with write_transaction(db):
        db.execute("UPDATE outbox SET status = 'sent', sent_at = ?, message_id = ?, plain = ?, last_error = NULL "
                   "WHERE id = ?", [iso(now), message_id, int(plain), item_id])


def release(db: Database, item_id: int, next_at: datetime, error: str | None, *, count_attempt: bool = True) -> None:
    """Back to pending until `next_at` (a retry, or a rate-limit wait that does not count as an attempt)."""
    with write_transaction(db):
        db.execute("UPDATE outbox SET status = 'pending', next_attempt_at = ?, last_error = coalesce(?, last_error),"
                   " attempts = attempts - ? WHERE id = ?", [iso(next_at), redact(error), 0 if count_attempt else 1,
                                                             item_id])


def mark_failed(db: Database, item_id: int, error: str) -> None:
    with write_transaction(db):
        db.execute("UPDATE outbox SET status = 'failed', last_error = ? WHERE id = ?", [redact(error), item_id])


def hold_chat(db: Database, chat_id: int, error: str) -> int:
    """Fail every queued message of a chat that blocked the bot; returns how many."""
    with write_transaction(db):
        return db.execute("UPDATE outbox SET status = 'failed', last_error = ? WHERE chat_id = ? AND status = 'pending'",
                          [redact(error), chat_id]).rowcount


def recover_in_flight(db: Database, now: datetime | None = None, *, chat_id: int | None = None) -> int:
    """At start: rows left `sending` by a process that died are sent again (at-least-once; see docs/alerts.md).
    With `chat_id`, only that chat's rows (a sender for one chat must not touch another process's sends)."""
    one_chat = "" if chat_id is None else " AND chat_id = ?"
    with write_transaction(db):
        return db.execute("UPDATE outbox SET status = 'pending', next_attempt_at = ?, "
                          "last_error = 'resent after a restart (the process stopped mid-send)' "
                          f"WHERE status = 'sending'{one_chat}",
                          [iso(now or utcnow()), *([] if chat_id is None else [chat_id])]).rowcount


def counts(db: Database) -> dict[str, int]:
    """Rows per status (pending, sending, sent, failed), zeros included."""
    out = {s: 0 for s in ("pending", "sending", "sent", "failed")}
    for status, n in db.execute("SELECT status, count(*) FROM outbox GROUP BY status").fetchall():
        out[status] = n
    return out


def items(db: Database, *, status: str | None = None, chat_id: int | None = None, limit: int = 50) -> list[OutboxItem]:
    where, args = [], []
    if status:
        where.append("status = ?")
        args.append(status)
    if chat_id is not None:
        where.append("chat_id = ?")
        args.append(chat_id)
    sql = "SELECT * FROM outbox" + (" WHERE " + " AND ".join(where) if where else "") + " ORDER BY id DESC LIMIT ?"
    return [OutboxItem(**r) for r in db.query(sql, [*args, limit])]


def next_due(db: Database) -> str | None:
    row = db.execute("SELECT min(next_attempt_at) FROM outbox WHERE status = 'pending'").fetchone()
    return row[0] if row else None


def queue_stats(db_path: Path) -> dict:
    """Counts by status, the oldest pending row's age and how long the longest-due row has waited, in seconds
    (None when there is none); over a read-only connection of its own (for /metrics and /healthz)."""
    now = utcnow()
    conn = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True, timeout=2.0)
    try:
        counts = dict(conn.execute("SELECT status, count(*) FROM outbox GROUP BY status").fetchall())
        first, due = conn.execute(
            "SELECT min(created_at), min(CASE WHEN next_attempt_at <= ? THEN next_attempt_at END) FROM outbox "
            "WHERE status = 'pending'", [iso(now)]).fetchone()
    finally:
        conn.close()

    def age(stamp: str | None) -> float | None:
        return max(0.0, (now - parse_iso(stamp)).total_seconds()) if stamp else None

    return {"counts": counts, "oldest_pending_s": age(first), "longest_due_s": age(due)}
