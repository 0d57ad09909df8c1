"""Numbers past SQLite's INTEGER (and odd digits like '²') as ids, chat ids, offsets and byte caps: a clear
line, never an OverflowError/MemoryError traceback, in the CLI and the terminal chat. '²' is a digit to
str.isdigit() but not to int(): every number typed is checked with isdecimal()."""
from __future__ import annotations

from pathlib import Path

import pytest

from tests.fakebotapi.harness import copy_db, samples_db
from tests.test_bad_input import run_cli
from tests.test_bot_chat import chat

BIG = "9" * 23  # > 2**63


@pytest.fixture(scope="module")
def big_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return samples_db(tmp_path_factory.mktemp("big") / "samples.db")


@pytest.mark.parametrize("args, code, words", [
    (("show", BIG), 2, "not in the range"),
    (("summary", BIG), 1, f"No call with id {BIG}"),
    (("figures", BIG), 1, f"No call with id {BIG}"),
    (("qa", BIG), 1, f"No call with id {BIG}"),
    (("topics", BIG), 1, f"No call with id {BIG}"),
    (("digest", "pricing", "--call", BIG), 2, "not in the range"),
    (("track", "margin", "--chat", BIG), 2, "not in the range"),
    (("untrack", "all", "--chat", BIG), 2, "not in the range"),
    (("subscriptions", "--chat", BIG), 2, "not in the range"),
    (("search", "revenue", "--offset", BIG), 0, "No sentence matches"),
])
def test_cli_numbers_too_large_for_sqlite(big_db: Path, tmp_path: Path, args: tuple, code: int, words: str) -> None:
    r = run_cli(*args, db=copy_db(big_db, tmp_path / "c.db"))
    out = (r.stdout + r.stderr).decode()
    assert r.returncode == code, out
    assert "Traceback" not in out and words in out


def test_a_huge_byte_cap_means_no_cap_not_a_memory_error(tmp_path: Path, samples_dir: Path) -> None:
    f = samples_dir / "nwrb-q2-2025-motley-fool.txt"
    r = run_cli("ingest", "--max-bytes", BIG, str(f), db=tmp_path / "c.db")
    assert r.returncode == 0 and b"1 added" in r.stdout, r.stderr
    r = run_cli("parse", "--max-bytes", BIG, "-", db=tmp_path / "c.db", stdin=f.read_bytes())
    assert r.returncode == 0 and b"Traceback" not in r.stderr, r.stderr
    r = run_cli("parse", str(f), db=tmp_path / "c.db", env={"EARNINGS_BOT_MAX_BYTES": BIG})
    assert r.returncode == 0 and b"Traceback" not in r.stderr, r.stderr
    r = run_cli("parse", "--max-bytes", "100", "-", db=tmp_path / "c.db", stdin=f.read_bytes())
    assert r.returncode == 1 and b"over the" in r.stderr  # the cap still holds


def test_chat_huge_id_and_unicode_digits(big_db: Path, tmp_path: Path) -> None:
    out = chat(copy_db(big_db, tmp_path / "c.db"), f"/summary {BIG}", "/summary ²")
    assert f"No call with id {BIG}" in out
    assert "No company matching '²'" in out
    assert "went wrong" not in out


def test_superscript_digits_in_every_numeric_argument(big_db: Path, tmp_path: Path) -> None:
    """Each of these was 'something went wrong'; a '²' pressed as a button number ended the terminal chat."""
    out = chat(copy_db(big_db, tmp_path / "c.db"), "/track margin", "/untrack ²", "/untrack #²",
               "/settings length ²", "/digest daily ²", "/summary NWRB ²", "/latest", "²", "/help")
    assert "went wrong" not in out and "Traceback" not in out
    assert "No subscription '²'" in out and "Summary length is a number" in out
    assert out.rstrip().endswith("to add a call.")  # the chat is still answering after '²'


def test_settings_from_the_environment_with_odd_numbers(monkeypatch) -> None:
    from bot.config import ConfigError, load_config
    from bot.sources import poll_interval

    with pytest.raises(ConfigError, match="EARNINGS_BOT_MAX_BYTES is malformed"):
        load_config({"EARNINGS_BOT_MAX_BYTES": "²"})
    monkeypatch.setenv("EARNINGS_BOT_POLL_MINUTES", "²")
    assert poll_interval().total_seconds() == 15 * 60
    monkeypatch.setenv("EARNINGS_BOT_POLL_MINUTES", BIG)
    assert poll_interval().days == 365
