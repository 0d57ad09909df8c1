"""An inbox file still being copied in (scp, a slow cp of a large PDF) is not read half-written: it is read only
once it has settled, unmodified for EARNINGS_BOT_INBOX_SETTLE_SECONDS and with the same size and mtime after the
read as before; until then it is left where it is (not moved, not failed, no message) for a later poll."""
from __future__ import annotations

import os
from pathlib import Path

import pytest

from bot import inbox, limits, sources
from bot.config import ConfigError, load_config

CALL = (Path(__file__).parent / "data" / "alerts" / "nwrb-q3-2025-call.txt").read_bytes()
TAIL = b"\nOperator: That concludes today's call. Thank you for joining.\n"


def _transcripts(db) -> int:  # type: ignore[no-untyped-def]
    return db.execute("SELECT count(*) FROM transcripts").fetchone()[0]


def _left_alone(r, box: Path, name: str = "call.txt") -> None:  # type: ignore[no-untyped-def]
    """Nothing read, nothing moved, nothing counted or said."""
    assert (r.added, r.failed, r.error, r.notes) == (0, 0, None, [])
    assert sorted(p.name for p in box.iterdir()) == [name]


@pytest.fixture
def box(db, tmp_path: Path) -> Path:
    folder = tmp_path / "inbox"
    folder.mkdir()
    sources.add_source(db, f"inbox {folder}")
    return folder


def test_a_file_modified_just_now_waits_for_a_later_poll(db, box: Path, settled) -> None:
    (box / "call.txt").write_bytes(CALL)  # as a copy still under way would look: modified this instant
    (r,) = sources.poll_due(db)
    _left_alone(r, box)
    assert _transcripts(db) == 0
    settled(box / "call.txt")  # the copy finished a while ago
    (r,) = sources.poll_due(db)
    assert (r.added, r.failed, r.error) == (1, 0, None) and _transcripts(db) == 1
    assert (box / "done" / "call.txt").read_bytes() == CALL and not (box / "call.txt").exists()


def test_the_settle_time_is_the_one_set_in_the_environment(db, box: Path, monkeypatch, settled) -> None:
    monkeypatch.setenv("EARNINGS_BOT_INBOX_SETTLE_SECONDS", "30")
    (box / "call.txt").write_bytes(CALL)
    settled(box / "call.txt", age=10)  # older than the default 2 s, younger than the 30 s set
    (r,) = sources.poll_due(db)
    _left_alone(r, box)
    settled(box / "call.txt", age=40)
    (r,) = sources.poll_due(db)
    assert (r.added, r.failed, r.error) == (1, 0, None) and (box / "done" / "call.txt").is_file()


@pytest.mark.parametrize("change", ["grows", "rewritten"])
def test_a_file_written_to_while_it_is_read_is_left_in_place(db, box: Path, monkeypatch, settled, change: str) -> None:
    """The writer adds to the file (only its size changes: its mtime is put back) or rewrites its start in place
    (same size, new mtime) between the poll's first read and the end of its reading."""
    path = box / "call.txt"
    path.write_bytes(CALL)
    settled(path)  # settled by its mtime: only the before/after comparison can notice the writer
    ino, real_read, armed = path.stat().st_ino, os.read, [True]

    def read_while_written(fd: int, n: int) -> bytes:
        chunk = real_read(fd, n)
        if armed[0] and os.fstat(fd).st_ino == ino:  # the inbox file's descriptor only, and once
            armed[0] = False
            before = path.stat()
            if change == "grows":
                with open(path, "ab") as w:
                    w.write(TAIL)
                os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
            else:
                with open(path, "r+b") as w:
                    w.write(CALL[:10].upper())
        return chunk

    monkeypatch.setattr(inbox.os, "read", read_while_written)
    (r,) = sources.poll_due(db)
    assert not armed[0], "the inbox file was never read"
    _left_alone(r, box)
    assert _transcripts(db) == 0
    monkeypatch.setattr(inbox.os, "read", real_read)
    settled(path)  # the writer is done: a later poll reads all of it
    (r,) = sources.poll_due(db)
    assert (r.added, r.failed, r.error) == (1, 0, None)
    assert (box / "done" / "call.txt").stat().st_size == len(CALL) + (len(TAIL) if change == "grows" else 0)


def test_the_setting_is_read_from_the_environment_and_a_bad_value_is_one_config_line(monkeypatch) -> None:
    monkeypatch.delenv("EARNINGS_BOT_INBOX_SETTLE_SECONDS", raising=False)
    assert limits.inbox_settle_seconds() == limits.INBOX_SETTLE_SECONDS == 2.0
    monkeypatch.setenv("EARNINGS_BOT_INBOX_SETTLE_SECONDS", "7.5")
    assert limits.inbox_settle_seconds() == 7.5
    load_config({"EARNINGS_BOT_INBOX_SETTLE_SECONDS": "7.5"})  # accepted at start
    for bad in ("soon", "-1", "0", "2s"):
        monkeypatch.setenv("EARNINGS_BOT_INBOX_SETTLE_SECONDS", bad)
        assert limits.inbox_settle_seconds() == 2.0  # where it is used: the default, as for every limit
        with pytest.raises(ConfigError) as e:  # `earnings-bot run` refuses it at start
            load_config({"EARNINGS_BOT_INBOX_SETTLE_SECONDS": bad})
        msg = str(e.value)
        assert msg == f"EARNINGS_BOT_INBOX_SETTLE_SECONDS is malformed: '{bad}' should be a positive number."
