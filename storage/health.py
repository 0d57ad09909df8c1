"""SQL for the health check: can the database take a write right now (m040's one-row table)?"""
from __future__ import annotations

import sqlite3
import time
from pathlib import Path

from storage.alerts import iso, utcnow


def write_probe(db_path: Path, *, timeout_s: float = 2.0) -> float:
    """Rewrite the health row in a transaction of its own connection; returns the milliseconds it took. Raises
    sqlite3.Error (locked past `timeout_s`, read-only file, disk full, not a database) when the write fails."""
    t0 = time.perf_counter()
    if not Path(db_path).is_file():
        raise sqlite3.OperationalError(f"{db_path} does not exist")
    conn = sqlite3.connect(str(db_path), timeout=timeout_s, isolation_level=None)
    try:
        conn.execute("BEGIN IMMEDIATE")
        conn.execute("INSERT OR REPLACE INTO health_checks (id, checked_at) VALUES (1, ?)", [iso(utcnow())])
        conn.execute("COMMIT")
    finally:
        conn.close()
    return (time.perf_counter() - t0) * 1000
