"""A pasted call with no header and no speakers: titled from its company and period (or 'Untitled call'), never from
its first sentence, with all of its text kept; its summary names no 'Unknown' speaker, in the CLI or Telegram."""
from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from bot.cli import _register, cli
from summarizer.model import sentences_of
from summarizer.parse import parse_bytes
from summarizer.summarize import summarize
from tests.fakebotapi.harness import BotHarness
from tests.fakebotapi.server import FakeBotAPI

_register()
WELCOME = ("Good morning, and welcome to the Acme Widgets third quarter 2025 earnings call. Revenue was $52.1 million, "
           "up 8%. Adjusted EPS was $0.31.\n\nWe expect fourth quarter revenue of $54 million to $56 million.\n")
BARE = "Revenue was $52.1 million, up 8%. Adjusted EPS was $0.31.\n\nGross margin was 41.2%, up 90 basis points.\n"


def test_a_headerless_paste_is_titled_from_its_company_and_period_and_keeps_its_first_sentence() -> None:
    tr = parse_bytes(WELCOME.encode(), "paste.txt")
    assert tr.title == "Acme Widgets Q3 2025"
    assert "Revenue was $52.1 million" in tr.text and "Adjusted EPS was $0.31." in tr.text


def test_without_a_company_it_is_an_untitled_call() -> None:
    tr = parse_bytes(BARE.encode(), "paste.txt")
    assert tr.title == "Untitled call"
    assert tr.text.startswith("Revenue was $52.1 million")


def test_a_real_headline_is_still_the_title() -> None:
    text = "Acme Widgets (ACMW) Q3 2025 Earnings Call Transcript\n\nJane Roe -- CEO: Revenue was $52.1 million.\n"
    assert parse_bytes(text.encode(), "acme.txt").title == "Acme Widgets (ACMW) Q3 2025 Earnings Call Transcript"


def test_summary_lines_of_a_call_without_speakers_name_nobody() -> None:
    tr = parse_bytes(BARE.encode(), "paste.txt")
    lines = summarize(tr, sentences_of(tr)).sentences
    assert lines and all(s.speaker is None for s in lines)


def test_cli_summary_shows_no_unknown(tmp_path: Path) -> None:
    f = tmp_path / "paste.txt"
    f.write_text(BARE)
    res = CliRunner().invoke(cli, ["--db", str(tmp_path / "x.db"), "summary", str(f)], catch_exceptions=False)
    assert res.exit_code == 0, res.output
    assert res.output.splitlines()[0] == "Untitled call"
    assert "  - Revenue was $52.1 million." in res.output and "Unknown" not in res.output


def test_cli_figures_of_a_paste_name_nobody(tmp_path: Path) -> None:
    f = tmp_path / "paste.txt"
    f.write_text(BARE)
    db = str(tmp_path / "x.db")
    CliRunner().invoke(cli, ["--db", db, "ingest", str(f)], catch_exceptions=False)
    res = CliRunner().invoke(cli, ["--db", db, "figures", "1"], catch_exceptions=False)
    assert res.exit_code == 0 and "$52.1 million" in res.output and "Unknown" not in res.output, res.output
    as_json = CliRunner().invoke(cli, ["--db", db, "figures", "1", "--json"], catch_exceptions=False).output
    assert '"speaker": null' in as_json and "Unknown" not in as_json


@pytest.fixture
def pasted_db(tmp_path: Path) -> Path:
    from bot.ops.ingest import ingest_bytes
    from storage.db import open_db

    path = tmp_path / "paste.db"
    db = open_db(path)
    ingest_bytes(db, BARE.encode(), "paste.txt")
    db.close()
    return path


def test_telegram_summary_shows_no_unknown(fake_bot_api: FakeBotAPI, pasted_db: Path) -> None:
    bot = BotHarness(fake_bot_api, pasted_db)
    try:
        [msg] = bot.command("summary", "1")
    finally:
        bot.close()
    assert msg["text"].startswith("Untitled call")
    assert "• Revenue was $52.1 million." in msg["text"] and "Unknown" not in msg["text"]
    assert fake_bot_api.violations == []
