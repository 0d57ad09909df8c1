"""Where things live by default."""
from __future__ import annotations

import os
from pathlib import Path


def default_db_path() -> Path:
    """`$EARNINGS_BOT_DB`, else the user's data folder (`$XDG_DATA_HOME` or ~/.local/share)/earnings-bot/earnings.db."""
    env = os.environ.get("EARNINGS_BOT_DB")
    if env:
        return Path(env).expanduser()
    base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base) / "earnings-bot" / "earnings.db"


def samples_dir() -> Path:
    """The bundled sample transcripts of Northwind Robotics, a fictional company."""
    return Path(__file__).parent / "samples"


def inbox_root(db_path: Path | None = None) -> Path:
    """The folder every inbox folder must lie in: `$INBOX_ROOT`, else an `inbox` folder beside the database
    (`db_path`, or the default one): ~/.local/share/earnings-bot/inbox, /data/inbox in Docker."""
    env = os.environ.get("INBOX_ROOT", "").strip()
    if env:
        return Path(env).expanduser()
    return (db_path or default_db_path()).parent / "inbox"


def demo_db_path(db_path: Path) -> Path:
    """The demo database beside a database: the bundled samples live there, never in the real one
    ('earnings.db' -> 'earnings-demo.db')."""
    return db_path.with_name(f"{db_path.stem}-demo{db_path.suffix or '.db'}")
