"""Secrets and failures said plainly (issue 14, rows 11, 12, 15): errors redacted before they are stored, config
errors never echo more than a few characters, a read-only database is one line naming the file (run and
track), and another application's SQLite file is refused before anything in it changes."""
from __future__ import annotations

import asyncio
import hashlib
import os
import sqlite3
import subprocess
from pathlib import Path

import pytest

from bot.config import ConfigError, load_config
from storage import outbox
from storage.db import DatabaseRefused, open_db
from tests.test_bad_input import run_cli

SECRET = "AAbbCCddEEffGGhhIIjjKKllMMnnOOppQQr"  # made up, split so no scan takes it for a leak
TOKEN = "123456789:" + SECRET


def test_a_bot_api_error_carrying_the_token_is_stored_redacted(bot_api_spec, tmp_path: Path) -> None:
    from telegram import Bot
    from telegram.request import HTTPXRequest

    from bot.outbox import Sender
    from tests.fakebotapi.server import FakeBotAPI

    db_path = tmp_path / "e.db"
    db = open_db(db_path)
    db.execute("INSERT INTO chats (id, created_at) VALUES (7, '2026-01-01')")
    db.conn.commit()
    outbox.enqueue(db, 7, "alert", "hello", "k1")
    with FakeBotAPI(bot_api_spec, token=TOKEN) as api:
        api.fail_next(400, method="sendMessage", description=f"Bad Request: bot{TOKEN} can't send to this chat")

        async def send() -> None:
            bot = Bot(TOKEN, base_url=api.base_url, request=HTTPXRequest())
            async with bot:
                await Sender(db, bot).drain()

        asyncio.run(send())
    (failed,) = outbox.items(db, status="failed")
    assert SECRET.lower() not in (failed.last_error or "").lower() and "<token>" in failed.last_error
    db.close()
    r = run_cli("outbox", "--failed", db=db_path)
    out = (r.stdout + r.stderr).decode()
    assert r.returncode == 0 and SECRET[:10].lower() not in out.lower() and "<token>" in out


@pytest.mark.parametrize("name", ["ADMIN_IDS", "ALLOWED_CHAT_IDS", "OPEN_UPLOADS", "LOG_LEVEL", "TELEGRAM_BASE_URL",
                                  "EARNINGS_BOT_MAX_BYTES", "EARNINGS_BOT_PARSE_SECONDS"])
def test_a_config_error_never_echoes_more_than_a_few_characters(name: str) -> None:
    with pytest.raises(ConfigError) as e:
        load_config({name: "x" + TOKEN.replace(":", "")}, dotenv=Path("/nonexistent"))
    said = str(e.value)
    assert name in said and not any(SECRET[i:i + 5] in said for i in range(len(SECRET) - 4))


def _read_only(path: Path) -> bool:
    """Make the file and its folder read-only for this user (root ignores modes: the immutable flag then)."""
    if os.geteuid() != 0:
        path.chmod(0o444)
        path.parent.chmod(0o555)
        return True
    for p in (path, path.parent):
        if subprocess.run(["chattr", "+i", str(p)], capture_output=True).returncode != 0:
            return False
    return True


def _writable(path: Path) -> None:
    if os.geteuid() == 0:
        for p in (path.parent, path):
            subprocess.run(["chattr", "-i", str(p)], capture_output=True)
    else:
        path.parent.chmod(0o755)
        path.chmod(0o644)


def test_a_read_only_database_is_one_line_naming_the_file(tmp_path: Path) -> None:
    folder = tmp_path / "ro"
    folder.mkdir()
    db_path = folder / "e.db"
    open_db(db_path).close()
    if not _read_only(db_path):
        pytest.skip("cannot make a file read-only for root here (no chattr)")
    try:
        for args, env in ((("track", "--chat", "1", "revenue"), {}),
                          (("run",), {"TELEGRAM_BOT_TOKEN": TOKEN, "TELEGRAM_BASE_URL": "http://127.0.0.1:9/bot"})):
            r = run_cli(*args, db=db_path, env=env)
            err = r.stderr.decode().strip()
            assert r.returncode == 1 and len(err.splitlines()) == 1, err
            assert f"the database {db_path} is read-only" in err and "bug" not in err and SECRET not in err
    finally:
        _writable(db_path)


def test_another_applications_sqlite_file_is_refused_untouched(tmp_path: Path) -> None:
    other = tmp_path / "app.db"
    conn = sqlite3.connect(other)
    conn.execute("CREATE TABLE users (id INTEGER PRIMARY KEY, email TEXT)")
    conn.execute("INSERT INTO users (email) VALUES ('a@example.com')")
    conn.commit()
    conn.close()
    before = hashlib.sha256(other.read_bytes()).hexdigest()
    with pytest.raises(DatabaseRefused, match="another application's SQLite database"):
        open_db(other)
    for args in (("list",), ("ingest", "-")):
        r = run_cli(*args, db=other, stdin=b"Operator: hello")
        err = r.stderr.decode().strip()
        assert r.returncode == 1 and "another application's SQLite database (tables users)" in err, err
    assert hashlib.sha256(other.read_bytes()).hexdigest() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["app.db"]  # no -wal or -shm beside it
    open_db(tmp_path / "empty.db").close()  # an empty or new file is ours to set up
    assert open_db(tmp_path / "empty.db").execute("select count(*) from transcripts").fetchone() == (0,)
