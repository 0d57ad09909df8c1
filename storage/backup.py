"""Consistent copies of the database file, and checking a copy before it is restored.

Copies use SQLite's online backup API in one step: a snapshot of one read transaction, consistent while other
processes (the running bot) keep writing, since WAL readers and writers do not block each other. A copy is
made standalone (journal_mode DELETE, no -wal beside it) and integrity-checked before it is moved into place.
Restoring copies back through the same API into the live file, so a connection another process holds sees
either the old database or the restored one, never a mix."""
from __future__ import annotations

import os
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from storage.migrations import migrations

SQLITE_MAGIC = b"SQLite format 3\x00"


class BadBackup(Exception):
    """A file that must not be restored; str() is one line saying why."""


@dataclass
class CopyInfo:
    """What a database file holds: calls, size, the last migration applied."""

    path: Path
    calls: int
    bytes: int
    schema: str | None  # the newest migration applied, e.g. 'm040_health_checks'


def known_migrations() -> list[str]:
    """The names of the migrations this version of earnings-bot has, in order."""
    return [m.name for m in migrations._migrations]


def _connect(path: Path, *, read_only: bool) -> sqlite3.Connection:
    """A connection of its own (30 s for another writer's lock); `read_only` refuses writes (query_only), yet may
    open a WAL database whose -shm it has to create."""
    conn = sqlite3.connect(path, timeout=30.0, isolation_level=None)
    if read_only:
        conn.execute("PRAGMA query_only = 1")
    return conn


def _applied(conn: sqlite3.Connection) -> list[str]:
    try:
        return [r[0] for r in conn.execute("SELECT name FROM _sqlite_migrations WHERE migration_set = ? ORDER BY rowid",
                                           [migrations.name])]
    except sqlite3.OperationalError:
        return []


def describe(path: Path, conn: sqlite3.Connection) -> CopyInfo:
    applied = _applied(conn)
    try:
        calls = conn.execute("SELECT count(*) FROM transcripts").fetchone()[0]
    except sqlite3.OperationalError:
        calls = 0
    return CopyInfo(path, calls, path.stat().st_size, applied[-1] if applied else None)


def copy_database(source: Path, target: Path) -> CopyInfo:
    """Write a consistent, integrity-checked, standalone copy of `source` to `target` (replaced only when the copy
    is good: it is written beside it first). Raises sqlite3.Error on failure, leaving `target` as it was."""
    tmp = target.with_name(f".{target.name}.partial-{os.getpid()}")
    try:
        src = _connect(source, read_only=True)
        try:
            dst = sqlite3.connect(tmp, isolation_level=None)
            try:
                src.backup(dst)  # one step: one snapshot
                dst.execute("PRAGMA journal_mode = DELETE")
                problem = integrity_problem(dst)
                if problem:
                    raise sqlite3.DatabaseError(f"the copy fails its integrity check ({problem})")
                info = describe(tmp, dst)
            finally:
                dst.close()
        finally:
            src.close()
        os.replace(tmp, target)
    finally:
        tmp.unlink(missing_ok=True)
    info.path, info.bytes = target, target.stat().st_size
    return info


def integrity_problem(conn: sqlite3.Connection) -> str | None:
    """None when PRAGMA integrity_check says ok, else its first finding."""
    rows = [r[0] for r in conn.execute("PRAGMA integrity_check(5)")]
    if rows == ["ok"]:
        return None
    found = [ln.strip() for r in rows for ln in r.splitlines() if ln.strip() and not ln.startswith("***")]
    return "; ".join(found)[:200]


def check_backup(path: Path) -> CopyInfo:
    """Everything that must hold before `path` may replace the database: it is a readable SQLite file that passes
    its integrity check, it is an earnings-bot database, and no migration in it is newer than this version knows.
    Raises BadBackup with one line otherwise."""
    shown = str(path)
    if not path.is_file():
        raise BadBackup(f"{shown} does not exist (or is not a file): name a backup made by `earnings-bot backup`.")
    with path.open("rb") as f:
        if f.read(16) != SQLITE_MAGIC:
            raise BadBackup(f"{shown} is not an SQLite database: name a backup made by `earnings-bot backup`.")
    try:
        conn = _connect(path, read_only=True)
        try:
            problem = integrity_problem(conn)
            if problem:
                raise BadBackup(f"{shown} is damaged (integrity check: {problem}): nothing was restored; use an "
                                f"older backup.")
            applied = _applied(conn)
            has_calls = conn.execute("SELECT 1 FROM sqlite_master WHERE name = 'transcripts'").fetchone()
            if not applied or not has_calls:
                raise BadBackup(f"{shown} is an SQLite file but not an earnings-bot database: nothing was restored.")
            newer = [m for m in applied if m not in set(known_migrations())]
            if newer:
                raise BadBackup(f"{shown} was made by a newer earnings-bot (schema {newer[-1]}): upgrade earnings-bot, "
                                f"then restore it; nothing was restored.")
            return describe(path, conn)
        finally:
            conn.close()
    except sqlite3.DatabaseError as e:
        raise BadBackup(f"{shown} cannot be read as a database ({e}): nothing was restored.") from None


def restore_into(backup: Path, target: Path) -> None:
    """Copy a checked backup over the live database at `target`, through SQLite (see the module docstring)."""
    target.parent.mkdir(parents=True, exist_ok=True)
    src = _connect(backup, read_only=True)
    try:
        dst = sqlite3.connect(target, timeout=30.0, isolation_level=None)
        try:
            src.backup(dst)
            dst.execute("PRAGMA journal_mode = WAL")
        finally:
            dst.close()
    finally:
        src.close()
