"""A .env file in the working folder feeds every command (real environment variables win), read once at start."""
from __future__ import annotations

import sys
from pathlib import Path

import pytest

from bot.config import apply_dotenv


def _main(monkeypatch, *args: str) -> int:
    from bot.cli import main

    monkeypatch.setattr(sys, "argv", ["earnings-bot", *args])
    with pytest.raises(SystemExit) as exit_:
        main()
    return exit_.value.code


def test_database_named_in_dotenv_is_the_one_used(tmp_path: Path, monkeypatch, capsys) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("EARNINGS_BOT_ENV_FILE")  # the default: ./.env
    monkeypatch.setenv("EARNINGS_BOT_DB", "recorded, so the .env value is undone after the test")
    monkeypatch.delenv("EARNINGS_BOT_DB")
    (tmp_path / ".env").write_text(f"EARNINGS_BOT_DB={tmp_path / 'from-dotenv.db'}\nTELEGRAM_BOT_TOKEN=\n")
    assert _main(monkeypatch, "list") == 0
    assert (tmp_path / "from-dotenv.db").exists()


def test_real_environment_wins_and_empty_values_set_nothing() -> None:
    env = {"EARNINGS_BOT_DB": "/real.db"}
    path = Path(__file__).parent / "data" / "dotenv-sample"
    assert apply_dotenv(path, env) == ["EARNINGS_BOT_MAX_BYTES"]
    assert env == {"EARNINGS_BOT_DB": "/real.db", "EARNINGS_BOT_MAX_BYTES": "1000"}


def test_unreadable_dotenv_is_one_line(tmp_path: Path, monkeypatch, capsys) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("EARNINGS_BOT_ENV_FILE")
    (tmp_path / ".env").write_bytes(b"EARNINGS_BOT_DB=\xff\xfe\x00broken\n")
    assert _main(monkeypatch, "list") == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and ".env" in err[0] and "Traceback" not in err[0]


def test_env_file_setting_names_another_settings_file(tmp_path: Path, monkeypatch) -> None:
    named = tmp_path / "service.env"
    named.write_text("EARNINGS_BOT_MAX_QUERY_CHARS=77\n")
    monkeypatch.setenv("EARNINGS_BOT_ENV_FILE", str(named))
    env: dict = {}
    assert apply_dotenv(environ=env) == ["EARNINGS_BOT_MAX_QUERY_CHARS"] and env["EARNINGS_BOT_MAX_QUERY_CHARS"] == "77"
