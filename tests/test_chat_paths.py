"""Paths typed in the terminal chat: a file is added, a folder or a missing file gets one line saying so
(never 'I don't know /tmp/calls'), and a command with a slash in its text stays a command."""
from __future__ import annotations

import shutil
from pathlib import Path

from tests.test_bot_chat import chat


def test_typed_paths(tmp_path: Path, samples_dir: Path) -> None:
    calls = tmp_path / "calls"
    calls.mkdir()
    shutil.copy(samples_dir / "hlcn-q2-2025-call.txt", calls / "hlcn")  # no extension: still a typed file
    out = chat(tmp_path / "c.db", str(calls), str(calls / "missing.txt"), str(calls / "hlcn"), "/track a/b")
    assert f"{calls} is a folder" in out and f"earnings-bot ingest {calls}" in out
    assert f"There is no file {calls / 'missing.txt'}" in out
    assert "I don't know" not in out
    assert "I can't read hlcn" in out  # handed to the upload handler, which names the formats it reads
    assert "Tracking a/b" in out


def test_a_line_the_chat_cannot_read_never_ends_it(tmp_path: Path, monkeypatch) -> None:
    import bot.chat

    real = bot.chat._path_reply

    def boom(line: str):
        if line == "hello":
            raise RuntimeError("unreadable")
        return real(line)

    monkeypatch.setattr(bot.chat, "_path_reply", boom)
    out = chat(tmp_path / "c.db", "hello", "/help")
    assert "could not read that line (RuntimeError)" in out and "/latest" in out  # /help still answered
