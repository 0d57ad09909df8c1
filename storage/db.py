"""Opening the database: WAL, foreign keys, migrations applied."""
from __future__ import annotations

import sqlite3
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlite_utils import Database

from storage.migrations import migrations


def open_db(path: str | Path, *, read_only_ok: bool = False) -> Database:
    """Open (creating if needed) the SQLite file at `path` with every migration applied."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    db = Database(path)
    db.execute("PRAGMA busy_timeout = 5000")
    for attempt in range(40):  # another process creating or migrating the same file: wait for it (~10 s)
        try:
            db.enable_wal()
            db.execute("PRAGMA foreign_keys = ON")
            db.execute("PRAGMA synchronous = NORMAL")
            migrations.apply(db)
            return db
        except sqlite3.OperationalError as e:
            if "locked" not in str(e) or attempt == 39:
                raise
            if db.conn.in_transaction:
                db.conn.execute("ROLLBACK")
            time.sleep(0.25)
    return db


@contextmanager
def write_transaction(db: Database) -> Iterator[Database]:
    """A transaction that takes the write lock at its start (BEGIN IMMEDIATE), waiting up to busy_timeout for
    another process's writes. A plain BEGIN that reads first fails at once with 'database is locked' when
    another process writes meanwhile (two `ingest` runs on one file lost a call in six). Nested: a savepoint."""
    if db.conn.in_transaction:
        with db.atomic():
            yield db
        return
    db.conn.execute("BEGIN IMMEDIATE")
    try:
        yield db
    except BaseException:
        if db.conn.in_transaction:
            db.conn.execute("ROLLBACK")
        raise
    else:
        db.conn.execute("COMMIT")


def database_file(db: Database) -> str | None:
    """The file an open database lives in (None for an in-memory one)."""
    row = db.execute("PRAGMA database_list").fetchone()
    return row[2] if row and row[2] else None


BULK_AUTOCHECKPOINT_PAGES = 10_000  # ~40 MB of WAL between checkpoints instead of SQLite's 1,000 pages (~4 MB)


@contextmanager
def bulk_writes(db: Database) -> Iterator[Database]:
    """Many write transactions in a row (bulk ingest): this connection checkpoints the WAL ten times less often,
    so the writer stalls less on checkpoints' fsyncs (same durability: commits still reach the WAL), and
    checkpoints once at the end without waiting for readers. The connection's own setting is restored."""
    before = db.execute("PRAGMA wal_autocheckpoint").fetchone()[0]
    db.execute(f"PRAGMA wal_autocheckpoint = {BULK_AUTOCHECKPOINT_PAGES}")
    try:
        yield db
    finally:
        db.execute(f"PRAGMA wal_autocheckpoint = {int(before)}")
        if not db.conn.in_transaction:
            db.execute("PRAGMA wal_checkpoint(PASSIVE)")
