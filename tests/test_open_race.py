"""Processes opening one new database file at the same moment (two cron jobs, a bot and a person): each gets the
database with every migration applied once; none fails because another applied a migration first."""
from __future__ import annotations

import multiprocessing as mp
from pathlib import Path


def _open(path: str, go, out) -> None:
    from storage.db import open_db

    go.wait()
    try:
        db = open_db(path)
        out.put(sorted(m.name for m in __import__("storage.migrations", fromlist=["x"]).migrations.applied(db)))
        db.close()
    except Exception as e:  # noqa: BLE001 - the test reports what failed
        out.put(f"{type(e).__name__}: {e}")


def test_eight_processes_opening_one_new_file_all_get_it_migrated(tmp_path: Path) -> None:
    ctx = mp.get_context("spawn")  # fresh interpreters, as separate commands are
    for round_ in range(3):
        path = str(tmp_path / f"new{round_}.db")
        go, out = ctx.Event(), ctx.Queue()
        procs = [ctx.Process(target=_open, args=(path, go, out)) for _ in range(8)]
        for p in procs:
            p.start()
        go.set()
        got = [out.get(timeout=120) for _ in procs]
        for p in procs:
            p.join(30)
        assert all(isinstance(g, list) for g in got), got
        assert len({tuple(g) for g in got}) == 1 and len(got[0]) == len(set(got[0]))
