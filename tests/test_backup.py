"""`earnings-bot backup` and `restore`: a consistent copy while the bot runs, and a restore that checks first."""
from __future__ import annotations

import hashlib
import os
import signal
import sqlite3
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

from storage import outbox
from storage.backup import check_backup
from storage.db import open_db
from tests.fakebotapi.harness import samples_db
from tests.fakebotapi.server import FakeBotAPI

EXE = Path(sys.executable).with_name("earnings-bot")
N = 80


def eb(*args: str, db: Path) -> subprocess.CompletedProcess:
    return subprocess.run([str(EXE), "--db", str(db), *args], capture_output=True, text=True, timeout=120,
                          stdin=subprocess.DEVNULL)


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def table_counts(path: Path) -> dict[str, int]:
    conn = sqlite3.connect(path)
    try:
        return {t: conn.execute(f"select count(*) from {t}").fetchone()[0]
                for t in ("transcripts", "sentences", "sentences_fts", "analyses", "outbox", "chats")}
    finally:
        conn.close()


def test_backup_during_a_running_broadcast_then_restore_loses_nothing(fake_bot_api: FakeBotAPI, tmp_path: Path) -> None:
    api = fake_bot_api
    live = samples_db(tmp_path / "live.db")
    db = open_db(live)
    with db.atomic():
        for i in range(N):
            db.execute("INSERT INTO chats (id, created_at) VALUES (?, '2026-01-01')", [2000 + i])
            outbox.enqueue(db, 2000 + i, "alert", f"Broadcast <b>{i}</b>", f"bcast:{i}")
    db.close()
    before = table_counts(live)
    api.set_delay(0.3, method="sendMessage")  # 4 sends in flight: ~13 a second, 6 s for the broadcast
    env = {**os.environ, "TELEGRAM_BOT_TOKEN": api.token, "TELEGRAM_BASE_URL": api.base_url,
           "TELEGRAM_BASE_FILE_URL": api.base_file_url, "EARNINGS_BOT_DB": str(live), "LOG_LEVEL": "WARNING"}
    sent = lambda: [r for r in api.requests("sendMessage", ok=True) if "Broadcast" in str(r.params.get("text"))]  # noqa: E731
    with open(tmp_path / "bot.log", "wb") as log:
        proc = subprocess.Popen([str(EXE), "run"], cwd=tmp_path, env=env, stdin=subprocess.DEVNULL,
                                stdout=subprocess.DEVNULL, stderr=log)
    backups = []
    try:
        api.wait_for(lambda: len(sent()) >= N // 5, timeout=60)
        for k in range(3):  # while the sender keeps marking rows sent
            target = tmp_path / f"mid-{k}.db"
            r = eb("backup", str(target), db=live)
            assert r.returncode == 0 and r.stdout.startswith("backed up 7 calls") and "integrity ok" in r.stdout, r.stderr
            backups.append(target)
        api.wait_for(lambda: len(sent()) >= N, timeout=120)
    finally:
        proc.send_signal(signal.SIGTERM)
        assert proc.wait(30) == 0
    delivered = Counter(str(r.params["text"]) for r in sent())
    assert len(delivered) == N and set(delivered.values()) == {1}  # the bot was not disturbed by the backups
    for k, b in enumerate(backups):
        info = check_backup(b)  # integrity ok, an earnings-bot schema
        assert info.calls == 7 and not Path(f"{b}-wal").exists()  # one standalone file
        copy = table_counts(b)
        assert copy == before  # every call, analysis, chat and queued message is in it
        conn = sqlite3.connect(b)
        states = dict(conn.execute("select status, count(*) from outbox group by status").fetchall())
        conn.close()
        assert sum(states.values()) == N and states.get("sent", 0) > 0
        if k == 0:
            assert states["sent"] < N, "the first backup must be taken mid-broadcast"  # a snapshot of that moment
    restored = tmp_path / "restored.db"
    r = eb("restore", str(backups[-1]), db=restored)
    assert r.returncode == 0 and r.stdout.startswith("restored 7 calls") and "integrity ok" in r.stdout, r.stderr
    assert table_counts(restored) == before
    r = eb("restore", str(backups[0]), db=live)  # over the live database: the one it replaces is kept
    assert r.returncode == 0 and "kept at" in r.stdout, r.stderr
    kept = Path(r.stdout.split("kept at ", 1)[1].split(". Restart")[0])
    assert check_backup(kept).calls == 7 and table_counts(kept)["outbox"] == N
    conn = sqlite3.connect(kept)
    assert conn.execute("select count(*) from outbox where status = 'sent'").fetchone()[0] == N
    conn.close()
    assert eb("list", db=live).stdout.count("\n") == 7
    assert api.violations == []


@pytest.fixture
def stocked(tmp_path: Path) -> Path:
    return samples_db(tmp_path / "earnings.db")


def test_backup_to_a_folder_gets_a_dated_name_and_an_existing_file_needs_force(stocked: Path, tmp_path: Path) -> None:
    (tmp_path / "nightly").mkdir()
    r = eb("backup", str(tmp_path / "nightly"), db=stocked)
    made = list((tmp_path / "nightly").iterdir())
    assert r.returncode == 0 and len(made) == 1 and made[0].name.startswith("earnings-") and made[0].suffix == ".db"
    r = eb("backup", str(made[0]), db=stocked)
    assert r.returncode == 1 and "exists already" in r.stderr and "--force" in r.stderr
    assert eb("backup", "--force", str(made[0]), db=stocked).returncode == 0
    r = eb("backup", str(tmp_path / "no" / "such" / "x.db"), db=stocked)
    assert r.returncode == 1 and "does not exist" in r.stderr
    r = eb("backup", str(tmp_path / "x.db"), db=tmp_path / "missing.db")
    assert r.returncode == 1 and "no database" in r.stderr and not (tmp_path / "missing.db").exists()


def _newer(src: Path, dst: Path) -> Path:
    dst.write_bytes(src.read_bytes())
    conn = sqlite3.connect(dst)
    conn.execute("insert into _sqlite_migrations (migration_set, name, applied_at) values "
                 "('earnings_bot', 'm999_from_the_future', '2030-01-01')")
    conn.commit()
    conn.close()
    return dst


def _damaged(src: Path, dst: Path) -> Path:
    data = bytearray(src.read_bytes())
    data[len(data) // 2: len(data) // 2 + 8192] = b"\xff" * 8192
    dst.write_bytes(bytes(data))
    return dst


def _other_sqlite(dst: Path) -> Path:
    conn = sqlite3.connect(dst)
    conn.execute("create table notes (x)")
    conn.commit()
    conn.close()
    return dst


@pytest.mark.parametrize("make, says", [
    (lambda s, t: t / "absent.db", "does not exist"),
    (lambda s, t: (t / "text.db").write_text("not a database") and t / "text.db", "is not an SQLite database"),
    (lambda s, t: _damaged(s, t / "damaged.db"), "damaged"),
    (lambda s, t: _other_sqlite(t / "other.db"), "not an earnings-bot database"),
    (lambda s, t: _newer(s, t / "newer.db"), "newer earnings-bot"),
])
def test_restore_refuses_a_bad_file_with_one_line_and_changes_nothing(stocked: Path, tmp_path: Path, make, says) -> None:
    backup_ok = tmp_path / "ok.db"
    assert eb("backup", str(backup_ok), db=stocked).returncode == 0
    bad = make(backup_ok, tmp_path)
    before = digest(stocked)
    r = eb("restore", str(bad), db=stocked)
    assert r.returncode == 1, r.stdout
    lines = r.stderr.strip().splitlines()
    assert len(lines) == 1 and says in lines[0] and "Traceback" not in r.stderr
    assert digest(stocked) == before and not list(tmp_path.glob("*before-restore*"))


def test_an_older_backup_is_migrated_when_restored(stocked: Path, tmp_path: Path) -> None:
    old = tmp_path / "old.db"
    assert eb("backup", str(old), db=stocked).returncode == 0
    conn = sqlite3.connect(old)
    conn.execute("drop table health_checks")
    conn.execute("delete from _sqlite_migrations where name = 'm040_health_checks'")
    conn.commit()
    conn.close()
    target = tmp_path / "new.db"
    r = eb("restore", str(old), db=target)
    assert r.returncode == 0, r.stderr
    conn = sqlite3.connect(target)
    assert conn.execute("select count(*) from _sqlite_migrations where name = 'm040_health_checks'").fetchone()[0] == 1
    conn.close()
