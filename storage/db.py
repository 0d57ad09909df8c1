"""Opening the database: WAL, foreign keys, migrations applied; a file we must not use refused before any change."""
from __future__ import annotations

import os
import sqlite3
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlite_utils import Database

from storage.migrations import migrations
from summarizer.errors import InputError


class DatabaseRefused(Exception):
    """A file `open_db` will not use (read-only, or another application's database); str() is one line."""


class TimeLimitExceeded(InputError):
    """A query ran past its time limit and was interrupted (see `time_limit`)."""


_ANOTHER_WRITER = ("locked", "already exists", "duplicate column", "UNIQUE constraint failed: _sqlite_migrations")


def open_db(path: str | Path, *, read_only_ok: bool = False) -> Database:
    """Open (creating if needed) the SQLite file at `path` with every migration applied.

    Refused with `DatabaseRefused`, before anything in the file changes: a file this user cannot write (or whose
    folder it cannot write: WAL keeps two files beside it), and a non-empty SQLite database of another
    application (switching it to WAL and adding our tables would change someone else's data)."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    if not read_only_ok:
        _check_writable(path)
    db = Database(path)
    db.execute("PRAGMA busy_timeout = 5000")
    _check_ours(db, path)
    for attempt in range(40):  # another process creating or migrating the same file: wait for it (~10 s)
        try:
            db.enable_wal()
            db.execute("PRAGMA foreign_keys = ON")
            db.execute("PRAGMA synchronous = NORMAL")
            migrations.apply(db)
            return db
        except (sqlite3.OperationalError, sqlite3.IntegrityError) as e:
            if "readonly" in str(e) or "read-only" in str(e):
                db.close()
                raise DatabaseRefused(_read_only(path)) from None
            # Two processes opening a new file read the same pending list: the second meets what the first applied
            # ("already exists", "duplicate column", or the UNIQUE record of the migration, which rolls the repeat
            # back whatever it did). Read the pending list again. (No flock here: closing any descriptor of the
            # file would drop SQLite's own POSIX locks in this process.)
            if not any(w in str(e) for w in _ANOTHER_WRITER) or attempt == 39:
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


def _read_only(path: Path) -> str:
    return (f"the database {path} is read-only (this user cannot write the file or its folder): make both writable, "
            f"or point --db / EARNINGS_BOT_DB at another file.")


def _check_writable(path: Path) -> None:
    if path.exists() and not os.access(path, os.W_OK) or not os.access(path.parent, os.W_OK | os.X_OK):
        raise DatabaseRefused(_read_only(path))


def _check_ours(db: Database, path: Path) -> None:
    """Refuse a non-empty SQLite file that holds no earnings-bot schema (checked by reading only)."""
    tables = {r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'").fetchall()}
    tables = {t for t in tables if not t.startswith("sqlite_")}
    if tables <= {"_sqlite_migrations"}:  # new, or another earnings-bot process is setting it up right now
        return
    if "_sqlite_migrations" in tables and db.execute(
            "SELECT 1 FROM _sqlite_migrations WHERE migration_set = ? LIMIT 1", [migrations.name]).fetchone():
        return
    db.close()
    shown = ", ".join(sorted(tables - {"_sqlite_migrations"})[:5])
    raise DatabaseRefused(f"{path} is another application's SQLite database (tables {shown}), not earnings-bot's: "
                          f"nothing in it was changed; point --db / EARNINGS_BOT_DB at a new file.")


@contextmanager
def time_limit(db: Database, seconds: float, message: str = "That took too long: try something narrower.") -> Iterator[None]:
    """Interrupt this connection's queries once `seconds` have passed (SQLite's progress handler, checked every
    thousand VM steps): the running one fails with `TimeLimitExceeded(message)`, and so does any started later
    inside the block. Nested limits: the earliest deadline wins. One thread per connection, as sqlite3 requires."""
    stack: list[float] = db.__dict__.setdefault("_time_limits", [])
    deadline = time.monotonic() + seconds
    stack.append(deadline)
    if len(stack) == 1:
        db.conn.set_progress_handler(lambda: time.monotonic() > min(stack), 1000)
    try:
        yield
    except sqlite3.OperationalError as e:
        if "interrupted" in str(e) and time.monotonic() > min(stack):
            raise TimeLimitExceeded(message) from None
        raise
    finally:
        stack.remove(deadline)
        if not stack:
            db.conn.set_progress_handler(None, 0)
