"""The samples stay apart: without a token, `run` keeps the bundled sample calls in a demo database of its own
(named in its first line), so the real database never holds them; `demo --reset` rebuilds it."""
from __future__ import annotations

import sqlite3
from pathlib import Path

from tests.test_bad_input import run_cli

CALL = Path(__file__).parent / "data" / "alerts" / "nwrb-q3-2025-call.txt"


def calls(path: Path) -> int:
    with sqlite3.connect(path) as c:
        return c.execute("select count(*) from transcripts").fetchone()[0]


def test_run_without_a_token_leaves_the_real_database_alone(tmp_path: Path) -> None:
    real = tmp_path / "earnings.db"
    assert run_cli("ingest", str(CALL), db=real).returncode == 0
    before = calls(real)
    r = run_cli("run", db=real, env={"TELEGRAM_BOT_TOKEN": ""}, stdin=b"/companies\n")
    first = r.stdout.decode().splitlines()[0]
    demo = tmp_path / "earnings-demo.db"
    assert r.returncode == 0 and f"demo database {demo}" in first
    assert calls(real) == before and calls(demo) == 7  # the samples are in the demo only
    assert "Halcyon" in r.stdout.decode()  # and the chat shows them


def test_demo_reset_rebuilds_the_demo_only(tmp_path: Path) -> None:
    real = tmp_path / "earnings.db"
    demo = tmp_path / "earnings-demo.db"
    run_cli("demo", "--reset", db=real)
    assert calls(demo) == 7 and not real.exists()  # no real database is created for the demo
    assert run_cli("ingest", str(CALL), db=demo).returncode == 0 and calls(demo) == 8
    r = run_cli("demo", "--reset", db=real)
    assert r.returncode == 0 and "7 sample calls" in r.stdout.decode() and calls(demo) == 7
