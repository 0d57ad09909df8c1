"""Every command given a file that is not a database (or cannot be one) says so in one line, exit 1; the
alert, source and chat commands used to print sqlite3's traceback."""
from __future__ import annotations

from pathlib import Path

import pytest

from tests.test_bad_input import run_cli

COMMANDS = [("list",), ("search", "x"), ("summary", "1"), ("digest", "ai"), ("track", "x", "--chat", "1"),
            ("untrack", "all", "--chat", "1"), ("subscriptions",), ("outbox",), ("poll",), ("sources", "list"),
            ("sources", "add", "rss", "https://example.com/feed"), ("chat",), ("run",)]


@pytest.mark.parametrize("args", COMMANDS, ids=" ".join)
def test_not_a_database_is_one_line(tmp_path: Path, args: tuple[str, ...]) -> None:
    notdb = tmp_path / "notes.txt"
    notdb.write_text("hello, not sqlite " * 100)
    r = run_cli(*args, db=notdb, env={"TELEGRAM_BOT_TOKEN": ""})
    err = r.stderr.decode()
    assert r.returncode == 1 and "Traceback" not in err, err
    assert err.strip().splitlines() == [f"Error: cannot open the database {notdb} (file is not a database): point "
                                        f"--db or EARNINGS_BOT_DB at a writable SQLite file (a new path is created)."]
    assert notdb.read_text() == "hello, not sqlite " * 100
