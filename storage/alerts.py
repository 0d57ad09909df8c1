"""SQL for chats (with their settings) and subscriptions; plain dataclasses out."""
from __future__ import annotations

from dataclasses import dataclass, fields
from datetime import datetime, timezone

from sqlite_utils import Database

from storage.db import write_transaction

SETTING_COLUMNS = ("timezone", "digest", "digest_time", "digest_day", "summary_length", "quiet_start", "quiet_end",
                   "muted_until")


def iso(dt: datetime) -> str:
    """A UTC timestamp as sortable text (`2026-01-31T08:00:00.000000Z`): the one format every table stores."""
    return dt.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def parse_iso(text: str) -> datetime:
    """The datetime of a stored timestamp (aware, UTC)."""
    return datetime.strptime(text, "%Y-%m-%dT%H:%M:%S.%fZ").replace(tzinfo=timezone.utc)


def utcnow() -> datetime:
    return datetime.now(timezone.utc)


@dataclass
class Chat:
    """A chat the bot talks to, with its alert and digest settings."""

    id: int
    type: str | None = None
    title: str | None = None
    active: int = 1
    blocked_at: str | None = None
    timezone: str = "UTC"
    digest: str = "off"
    digest_time: str = "08:00"
    digest_day: int = 0
    summary_length: int = 5
    quiet_start: str | None = None
    quiet_end: str | None = None
    muted_until: str | None = None
    last_digest_at: str | None = None
    created_at: str | None = None
    digest_thread_id: int | None = None  # the forum topic the digest was set up in (None: the chat itself)


@dataclass
class Subscription:
    """A chat's tracked query (kind 'query') or followed company (kind 'follow', query = company name)."""

    id: int
    chat_id: int
    kind: str
    query: str
    tickers: str | None
    created_at: str
    thread_id: int | None = None  # the forum topic it was created in: its alerts go there
    alert_on: str | None = None  # a follow's filter: None = every new call, "guidance" = guidance moves only (m030)

    @property
    def ticker_list(self) -> list[str]:
        return [t for t in (self.tickers or "").split(",") if t]


def _chat(row: dict) -> Chat:
    names = {f.name for f in fields(Chat)}
    return Chat(**{k: v for k, v in row.items() if k in names})


def ensure_chat(db: Database, chat_id: int, *, type: str | None = None, title: str | None = None) -> Chat:
    """The chat's row, created with default settings on first sight."""
    rows = list(db.query("SELECT * FROM chats WHERE id = ?", [chat_id]))
    if rows:
        if (type and rows[0]["type"] != type) or (title and rows[0]["title"] != title):
            with write_transaction(db):
                db.execute("UPDATE chats SET type = coalesce(?, type), title = coalesce(?, title) WHERE id = ?",
                           [type, title, chat_id])
            return get_chat(db, chat_id)  # type: ignore[return-value]
        return _chat(rows[0])
    with write_transaction(db):
        db.execute("INSERT OR IGNORE INTO chats (id, type, title, created_at) VALUES (?, ?, ?, ?)",
                   [chat_id, type, title, iso(utcnow())])
    return get_chat(db, chat_id)  # type: ignore[return-value]


def get_chat(db: Database, chat_id: int) -> Chat | None:
    rows = list(db.query("SELECT * FROM chats WHERE id = ?", [chat_id]))
    return _chat(rows[0]) if rows else None


def update_chat(db: Database, chat_id: int, **values: object) -> Chat:
    """Change settings columns of a chat (created if new)."""
    ensure_chat(db, chat_id)
    bad = set(values) - set(SETTING_COLUMNS) - {"last_digest_at", "active", "blocked_at", "digest_thread_id"}
    if bad:
        raise ValueError(f"not a chat setting: {sorted(bad)}")
    if values:
        cols = ", ".join(f"{k} = ?" for k in values)
        with write_transaction(db):
            db.execute(f"UPDATE chats SET {cols} WHERE id = ?", [*values.values(), chat_id])
    return get_chat(db, chat_id)  # type: ignore[return-value]


def set_active(db: Database, chat_id: int, active: bool, now: datetime | None = None) -> bool:
    """Mark a chat active or blocked; returns whether anything changed."""
    with write_transaction(db):
        if active:
            cur = db.execute("UPDATE chats SET active = 1, blocked_at = NULL WHERE id = ? AND active = 0", [chat_id])
        else:
            cur = db.execute("UPDATE chats SET active = 0, blocked_at = ? WHERE id = ? AND active = 1",
                             [iso(now or utcnow()), chat_id])
    return cur.rowcount > 0


def migrate_chat(db: Database, old_id: int, new_id: int) -> Chat | None:
    """A group that became a supergroup: its settings, subscriptions, own topics and undelivered messages move
    to the new id (the new chat's own settings win when it has some already). Idempotent; None when neither
    id is known."""
    if old_id == new_id:
        return get_chat(db, new_id)
    cols = ", ".join(c for c in db["chats"].columns_dict if c != "id")
    with write_transaction(db):
        db.execute(f"INSERT OR IGNORE INTO chats (id, {cols}) SELECT ?, {cols} FROM chats WHERE id = ?",
                   [new_id, old_id])
        db.execute("UPDATE chats SET type = 'supergroup' WHERE id = ? AND type = 'group'", [new_id])
        db.execute("UPDATE subscriptions SET chat_id = ? WHERE chat_id = ?", [new_id, old_id])
        db.execute("UPDATE OR IGNORE user_topics SET chat_id = ? WHERE chat_id = ?", [new_id, old_id])
        db.execute("DELETE FROM user_topics WHERE chat_id = ?", [old_id])
        db.execute("UPDATE outbox SET chat_id = ? WHERE chat_id = ? AND status IN ('pending', 'sending')",
                   [new_id, old_id])
        db.execute("DELETE FROM chats WHERE id = ?", [old_id])
    return get_chat(db, new_id)


def chats_with_digest(db: Database) -> list[Chat]:
    return [_chat(r) for r in db.query("SELECT * FROM chats WHERE digest != 'off' AND active = 1 ORDER BY id")]


def add_subscription(db: Database, chat_id: int, kind: str, query: str, tickers: list[str] | None = None, *,
                     thread_id: int | None = None, alert_on: str | None = None) -> Subscription:
    ensure_chat(db, chat_id)
    now = iso(utcnow())
    ticks = ",".join(tickers) if tickers else None
    with write_transaction(db):
        cur = db.execute("INSERT INTO subscriptions (chat_id, kind, query, tickers, created_at, thread_id, alert_on) "
                         "VALUES (?, ?, ?, ?, ?, ?, ?)", [chat_id, kind, query, ticks, now, thread_id, alert_on])
    return Subscription(cur.lastrowid, chat_id, kind, query, ticks, now, thread_id, alert_on)


def _set_subscription(db: Database, sub: Subscription, column: str, value: object) -> Subscription:
    if getattr(sub, column) != value:
        with write_transaction(db):
            db.execute(f"UPDATE subscriptions SET {column} = ? WHERE id = ?", [value, sub.id])
        setattr(sub, column, value)
    return sub


def set_subscription_alert_on(db: Database, sub: Subscription, alert_on: str | None) -> Subscription:
    """Change what a follow alerts on (None: every new call; 'guidance': guidance moves only)."""
    return _set_subscription(db, sub, "alert_on", alert_on)


def set_subscription_thread(db: Database, sub: Subscription, thread_id: int | None) -> Subscription:
    """Move a subscription's alerts to another forum topic (None: the chat itself)."""
    return _set_subscription(db, sub, "thread_id", thread_id)


def find_subscription(db: Database, chat_id: int, kind: str, query: str) -> Subscription | None:
    rows = list(db.query("SELECT * FROM subscriptions WHERE chat_id = ? AND kind = ? AND lower(query) = lower(?)",
                         [chat_id, kind, query]))
    return Subscription(**rows[0]) if rows else None


def remove_subscription(db: Database, chat_id: int, sub_id: int) -> bool:
    with write_transaction(db):
        return db.execute("DELETE FROM subscriptions WHERE id = ? AND chat_id = ?", [sub_id, chat_id]).rowcount > 0


def subscriptions(db: Database, chat_id: int | None = None) -> list[Subscription]:
    """One chat's subscriptions (or everyone's), oldest first."""
    if chat_id is None:
        rows = db.query("SELECT * FROM subscriptions ORDER BY chat_id, id")
    else:
        rows = db.query("SELECT * FROM subscriptions WHERE chat_id = ? ORDER BY id", [chat_id])
    return [Subscription(**r) for r in rows]


def subscription_threads(db: Database, ids: set[int]) -> dict[int, int | None]:
    """The current forum topic of each of these subscriptions."""
    out: dict[int, int | None] = {}
    ids_list = sorted(ids)
    for i in range(0, len(ids_list), 500):
        chunk = ids_list[i:i + 500]
        out.update(db.execute(f"SELECT id, thread_id FROM subscriptions WHERE id IN ({','.join('?' * len(chunk))})",
                              chunk).fetchall())
    return out


def count_subscriptions(db: Database, chat_id: int) -> int:
    return db.execute("SELECT count(*) FROM subscriptions WHERE chat_id = ?", [chat_id]).fetchone()[0]


def subscriptions_version(db: Database) -> tuple[int, int]:
    """Changes whenever a subscription is added or removed (count, max id): the matcher cache key."""
    return tuple(db.execute("SELECT count(*), coalesce(max(id), 0) FROM subscriptions").fetchone())  # type: ignore[return-value]
