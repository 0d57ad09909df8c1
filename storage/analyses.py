"""SQL for stored analyses (table `analyses`, m002) and per-chat user topics (table `user_topics`, m004)."""
from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Any

from sqlite_utils import Database


@dataclass
class StoredAnalysis:
    """One stored result: what kind, by which method and version, and its JSON data."""

    transcript_id: int
    kind: str
    method: str
    version: str
    data: Any
    created_at: str | None


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def save(db: Database, transcript_id: int, kind: str, method: str, version: str, data: Any) -> None:
    """Store (or replace) one kind of result for a call."""
    db.execute(
        "insert or replace into analyses (transcript_id, kind, method, version, data, created_at) values (?,?,?,?,?,?)",
        [transcript_id, kind, method, version, json.dumps(data, ensure_ascii=False), _now()])


def replace_all_json(db: Database, transcript_id: int, rows: list[tuple[str, str, str, str]]) -> None:
    """Drop every stored result of a call and store `rows` (kind, method, version, data as JSON text: encoded
    where it was computed, e.g. an ingest worker process) in one statement."""
    now = _now()
    delete_for(db, transcript_id)
    db.conn.executemany(
        "insert into analyses (transcript_id, kind, method, version, data, created_at) values (?,?,?,?,?,?)",
        [(transcript_id, kind, method, version, data, now) for kind, method, version, data in rows])


def load(db: Database, transcript_id: int, kind: str, method: str | None = None) -> StoredAnalysis | None:
    """The stored result of `kind` for a call (of `method` when given), or None."""
    sql = "select transcript_id, kind, method, version, data, created_at from analyses where transcript_id = ? and kind = ?"
    args: list[Any] = [transcript_id, kind]
    if method is not None:
        sql += " and method = ?"
        args.append(method)
    row = db.execute(sql + " order by created_at desc limit 1", args).fetchone()
    if row is None:
        return None
    return StoredAnalysis(row[0], row[1], row[2], row[3], json.loads(row[4]), row[5])


def delete_for(db: Database, transcript_id: int) -> None:
    """Drop every stored result of a call (before storing a fresh bundle)."""
    db.execute("delete from analyses where transcript_id = ?", [transcript_id])


def stale_calls(db: Database, version: str, kinds: tuple[str, ...]) -> list[int]:
    """Ids of stored calls missing any of `kinds` at `version` (never analysed, or by another version)."""
    marks = ",".join("?" * len(kinds))
    rows = db.execute(
        f"select t.id from transcripts t where (select count(distinct a.kind) from analyses a where a.transcript_id = t.id "
        f"and a.version = ? and a.kind in ({marks})) < ? order by t.id", [version, *kinds, len(kinds)]).fetchall()
    return [r[0] for r in rows]


def save_user_topic(db: Database, chat_id: int, key: str, name: str, phrases: list[str]) -> None:
    """Store (or replace) a chat's own topic."""
    db.execute("insert or replace into user_topics (chat_id, key, name, phrases, created_at) values (?,?,?,?,?)",
               [chat_id, key, name, json.dumps(phrases, ensure_ascii=False), _now()])


def delete_user_topic(db: Database, chat_id: int, key: str) -> bool:
    """Remove a chat's topic; True when there was one."""
    return db.execute("delete from user_topics where chat_id = ? and key = ?", [chat_id, key]).rowcount > 0


def user_topics(db: Database, chat_id: int | None) -> list[tuple[str, str, list[str]]]:
    """A chat's own topics as (key, name, phrases), oldest first; none for chat None."""
    if chat_id is None:
        return []
    rows = db.execute("select key, name, phrases from user_topics where chat_id = ? order by created_at, key",
                      [chat_id]).fetchall()
    return [(k, n, json.loads(p)) for k, n, p in rows]
