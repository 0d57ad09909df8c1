"""A bug inside a command reaches the user as one line naming it, exit 1; EARNINGS_BOT_DEBUG=1 shows the traceback."""
from __future__ import annotations

import sys
from pathlib import Path

import pytest


def test_a_bug_is_one_line(tmp_path: Path, monkeypatch, capsys) -> None:
    import bot.ops.calls
    from bot.cli import main

    def boom(*a, **k):
        raise RuntimeError("internal state")

    monkeypatch.setattr(bot.ops.calls, "latest_calls", boom)
    monkeypatch.chdir(tmp_path)  # main() reads ./.env: never a developer's own
    monkeypatch.setattr(sys, "argv", ["earnings-bot", "--db", str(tmp_path / "e.db"), "list"])
    monkeypatch.delenv("EARNINGS_BOT_DEBUG", raising=False)
    with pytest.raises(SystemExit) as exit_:
        main()
    err = capsys.readouterr().err
    assert exit_.value.code == 1 and "Traceback" not in err
    assert err.strip().splitlines() == [
        "Error: unexpected RuntimeError: internal state (a bug: please report it with the command; "
        "EARNINGS_BOT_DEBUG=1 shows the traceback)."]
    monkeypatch.setenv("EARNINGS_BOT_DEBUG", "1")
    with pytest.raises(RuntimeError):
        main()
