"""Inbox folders publish only transcripts (issue 14, rows 4 and 5): a folder must exist inside INBOX_ROOT and be
no system folder; links, devices, files outside and other suffixes are never read and never moved; a non-admin
/search never sees a file that was not a transcript put in the inbox."""
from __future__ import annotations

import os
from pathlib import Path

import pytest

from bot import sources
from bot.inbox import NotInbox
from storage import sources as store

CALL = (Path(__file__).parent / "data" / "alerts" / "nwrb-q3-2025-call.txt").read_bytes()
KEY = b"-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQ secretkeymaterial\n"


def _transcripts(db) -> int:  # type: ignore[no-untyped-def]
    return db.execute("SELECT count(*) FROM transcripts").fetchone()[0]


def test_only_regular_transcript_files_are_read_and_only_they_are_moved(db, tmp_path: Path, settled) -> None:
    outside = tmp_path / "home"
    outside.mkdir()
    (outside / "id_ed25519").write_bytes(KEY)
    (outside / "notes.txt").write_bytes(KEY)
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    src, _ = sources.add_source(db, f"inbox {inbox}")
    (inbox / "key.txt").symlink_to(outside / "id_ed25519")  # the attack's link to a private key
    (inbox / "dir-link.txt").symlink_to(outside)
    os.link(outside / "notes.txt", inbox / "hardlinked.txt")  # a second name for a file from elsewhere
    os.mkfifo(inbox / "pipe.txt")  # reading it would block the poll for ever
    (inbox / "settings.ini").write_text("[db]\npassword = hunter2\n")  # the attack's config file
    (inbox / "Makefile").write_text("all:\n\techo hi\n")
    (inbox / "call.txt").write_bytes(CALL)
    settled(inbox / "call.txt", inbox / "hardlinked.txt")  # copied in a while ago, not still being written
    (r,) = sources.poll_due(db)
    assert (r.added, r.failed, r.error) == (1, 1, None)
    assert _transcripts(db) == 1
    assert not db.execute("SELECT 1 FROM sentences WHERE text LIKE '%secretkey%' OR text LIKE '%hunter2%'").fetchone()
    left = sorted(p.name for p in inbox.iterdir())
    assert left == ["Makefile", "dir-link.txt", "done", "failed", "key.txt", "pipe.txt", "settings.ini"]
    assert (inbox / "key.txt").is_symlink() and (inbox / "done" / "call.txt").is_file()
    assert "hard links" in (inbox / "failed" / "hardlinked.txt.reason.txt").read_text()
    assert (outside / "id_ed25519").read_bytes() == KEY and (outside / "notes.txt").read_bytes() == KEY


def test_system_missing_and_outside_folders_are_refused_with_the_reason(db, tmp_path: Path, monkeypatch) -> None:
    for folder, why in (("/proc", "system folder /proc"), ("/etc", "system folder /etc"), ("/", "system"),
                        (str(tmp_path / "nope"), "does not exist: create the folder first"),
                        (str(Path.home()), "outside INBOX_ROOT|system or home folder")):
        with pytest.raises(NotInbox, match=why):
            sources.add_source(db, f"inbox {folder}")
    (tmp_path / "hidden" / ".ssh").mkdir(parents=True)
    with pytest.raises(NotInbox, match="hidden folder"):
        sources.add_source(db, f"inbox {tmp_path / 'hidden' / '.ssh'}")
    root = tmp_path / "root"
    (root / "calls").mkdir(parents=True)
    (tmp_path / "elsewhere").mkdir()
    monkeypatch.setenv("INBOX_ROOT", str(root))
    with pytest.raises(NotInbox, match="outside INBOX_ROOT"):
        sources.add_source(db, f"inbox {tmp_path / 'elsewhere'}")
    (root / "escape").symlink_to(tmp_path / "elsewhere")  # a link inside the root to a folder outside it
    with pytest.raises(NotInbox, match="outside INBOX_ROOT"):
        sources.add_source(db, f"inbox {root / 'escape'}")
    src, new = sources.add_source(db, "inbox calls")  # relative names are inside INBOX_ROOT
    assert new and src.location == str((root / "calls").resolve())
    monkeypatch.setenv("INBOX_ROOT", "/")
    with pytest.raises(NotInbox, match="INBOX_ROOT / cannot hold inbox folders"):
        sources.add_source(db, "inbox /srv")
    assert [s.location for s in store.list_sources(db)] == [src.location]


def test_a_folder_swapped_for_a_link_after_it_was_added_is_not_followed(db, tmp_path: Path) -> None:
    inbox, elsewhere = tmp_path / "inbox", tmp_path / "elsewhere"
    inbox.mkdir()
    elsewhere.mkdir()
    (elsewhere / "call.txt").write_bytes(CALL)
    sources.add_source(db, f"inbox {inbox}")
    inbox.rmdir()
    inbox.symlink_to(elsewhere)
    (r,) = sources.poll_due(db)
    assert r.error and "is now a link to another folder" in r.error
    assert _transcripts(db) == 0 and (elsewhere / "call.txt").is_file()


def test_telegram_sources_add_inbox_refuses_proc_in_one_line(fake_bot_api, tmp_path: Path) -> None:
    from tests.fakebotapi.harness import BotHarness

    bot = BotHarness(fake_bot_api, tmp_path / "bot.db", admin_ids=frozenset({5}))
    try:
        (msg,) = bot.command("sources", "add inbox /proc")
        assert "cannot be an inbox" in msg["text"] and "\n" not in msg["text"]
        (msg,) = bot.command("sources", f"add inbox {tmp_path / 'missing'}")
        assert "does not exist" in msg["text"]
        (msg,) = bot.command("sources", "list")
        assert msg["text"].startswith("No sources")
        assert fake_bot_api.violations == []
    finally:
        bot.close()
