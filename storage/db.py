"""Opening the database: WAL, foreign keys, migrations applied."""
from __future__ import annotations

from pathlib import Path

from sqlite_utils import Database

from storage.migrations import migrations


def open_db(path: str | Path, *, read_only_ok: bool = False) -> Database:
    """Open (creating if needed) the SQLite file at `path` with every migration applied."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    db = Database(path)
    db.execute("PRAGMA busy_timeout = 5000")
    db.enable_wal()
    db.execute("PRAGMA foreign_keys = ON")
    db.execute("PRAGMA synchronous = NORMAL")
    migrations.apply(db)
    return db
