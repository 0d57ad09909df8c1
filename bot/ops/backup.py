"""Backing up and restoring the database file, for the CLI (`earnings-bot backup PATH`, `restore PATH`)."""
from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

from storage.backup import BadBackup, CopyInfo, check_backup, copy_database, integrity_problem, restore_into
from summarizer.errors import InputError


@dataclass
class Restored:
    """What a restore did: the backup's contents, and where the database it replaced was kept (if there was one)."""

    backup: CopyInfo
    kept: Path | None


def _stamp() -> str:
    return datetime.now(timezone.utc).strftime("%Y%m%d-%H%M%S")


def backup(db_path: Path, dest: Path, *, force: bool = False) -> CopyInfo:
    """A consistent copy of the database (safe while the bot runs) at `dest`, or in it with a dated name when it
    is a folder. Raises InputError with one line; nothing is written then."""
    if not db_path.is_file():
        raise InputError(f"There is no database at {db_path} to back up: check --db or EARNINGS_BOT_DB.")
    if dest.is_dir():
        dest = dest / f"earnings-{_stamp()}.db"
    elif dest.exists() and not force:
        raise InputError(f"{dest} exists already: choose another name, or add --force to replace it.")
    if not dest.parent.is_dir():
        raise InputError(f"The folder {dest.parent} does not exist: create it first, or choose another path.")
    if dest.resolve() == db_path.resolve():
        raise InputError(f"{dest} is the database itself: back it up to another path.")
    try:
        return copy_database(db_path, dest)
    except (sqlite3.Error, OSError) as e:
        raise InputError(f"The backup failed ({e}): {dest} was not written; check the path and free space.") from None


def restore(db_path: Path, source: Path) -> Restored:
    """Replace the database with a backup, after checking the backup (integrity, an earnings-bot schema this
    version knows). The database it replaces is first backed up beside it. Raises InputError with one line;
    nothing is changed then."""
    try:
        info = check_backup(source)
    except BadBackup as e:
        raise InputError(str(e)) from None
    if db_path.exists() and source.resolve() == db_path.resolve():
        raise InputError(f"{source} is the database itself: name a backup of it.")
    kept = None
    try:
        if db_path.is_file():
            kept = db_path.with_name(f"{db_path.stem}.before-restore-{_stamp()}{db_path.suffix or '.db'}")
            copy_database(db_path, kept)
        restore_into(source, db_path)
    except (sqlite3.Error, OSError) as e:
        where = f"; the database as it was is kept at {kept}" if kept and kept.exists() else ""
        raise InputError(f"The restore failed ({e}){where}.") from None
    from storage.db import open_db

    db = open_db(db_path)  # a backup from an older version gets the newer migrations now
    try:
        problem = integrity_problem(db.conn)
    finally:
        db.close()
    if problem:
        raise InputError(f"The restored database fails its integrity check ({problem}); the database as it was is "
                         f"kept at {kept}.")
    return Restored(info, kept)
