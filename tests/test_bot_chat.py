"""The terminal chat (bot/chat.py) driven in-process through a pipe-like stdin: what a newcomer sees."""
from __future__ import annotations

import asyncio
import io
from dataclasses import replace
from pathlib import Path

import pytest

from bot.config import Config
from bot.formatting import excerpt
from tests.fakebotapi.harness import copy_db, samples_db

ALERT_CALL = Path(__file__).parent / "data" / "alerts" / "nwrb-q3-2025-call.txt"


@pytest.fixture(scope="module")
def samples_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return samples_db(tmp_path_factory.mktemp("chat") / "samples.db")


def chat(db_path: Path, *lines: str) -> str:
    """Everything the terminal chat prints for these typed lines."""
    from bot.chat import TerminalChat

    out = io.StringIO()
    tc = TerminalChat(replace(Config(), db_path=db_path), out)
    asyncio.run(tc.run(io.StringIO("".join(line + "\n" for line in lines)), prompt=False))
    return out.getvalue()


def button_lines(out: str) -> list[str]:
    return [line for line in out.splitlines() if line.startswith("[")]


def test_latest_shows_one_short_button_a_line(samples_template: Path, tmp_path: Path) -> None:
    out = chat(copy_db(samples_template, tmp_path / "c.db"), "/latest")
    lines = button_lines(out)
    assert lines == ["[1] 📄 NWRB Q4 2025", "[2] 📄 NWRB Q3 2025", "[3] 📄 HLCN Q3 2025", "[4] 📄 NWRB Q2 2025",
                     "[5] 📄 HLCN Q2 2025"]


def test_pressing_a_button_shows_the_new_text_without_a_cryptic_marker(samples_template: Path, tmp_path: Path) -> None:
    out = chat(copy_db(samples_template, tmp_path / "c.db"), "/summary NWRB Q4 2025", "2")
    assert "(updated)" not in out
    after = out.split("[5] More sentences", 1)[1]
    assert "Reported" in after and "FY 2025 · revenue: $819.3 million" in after  # the Key figures view, as it is now
    assert "[1] Summary  [2] • Key figures  [3] Q&A  [4] Topics" in after  # a keyboard row per line


def test_trimmed_summary_sentences_are_marked_as_excerpts(samples_template: Path, tmp_path: Path) -> None:
    out = chat(copy_db(samples_template, tmp_path / "c.db"), "/summary NWRB Q4 2025 12", "/summary HLCN 12")
    bullets = [line.split(": ", 1)[1] for line in out.splitlines() if line.startswith("• ") and ": " in line]
    assert len(bullets) >= 12
    assert not [b for b in bullets if b[:1].islower()]  # a clause cut from its sentence never starts the line bare


@pytest.mark.parametrize("text,shown", [
    ("we expect revenue of $940 million.", "…we expect revenue of $940 million."),
    ("Revenue was up.", "Revenue was up."), ("eBay sales rose.", "eBay sales rose."),
    ("iPhone demand held.", "iPhone demand held."), ("12% growth.", "12% growth."), ("  and margins rose.", "…and margins rose."),
])
def test_excerpt_marks_only_lowercase_starts(text: str, shown: str) -> None:
    assert excerpt(text) == shown


def test_own_topics_in_the_terminal_chat(samples_template: Path, tmp_path: Path) -> None:
    db_path = copy_db(samples_template, tmp_path / "c.db")
    out = chat(db_path, "/topic add robots: Atlas, fleet", "/topic mine", "1", "/topic remove robots", "/topic mine")
    assert "Topic robots saved with 2 phrases: Atlas, fleet" in out
    assert "• robots: Atlas, fleet" in out
    assert "Dana Whitfield: We shipped 2,560 Atlas robots" in out  # button 1: the topic's digest
    assert "Topic robots removed." in out and "You have no topics of your own yet." in out


def test_a_call_added_in_the_terminal_alerts_the_terminal_and_no_one_else(tmp_path: Path) -> None:
    from bot.ops import alerts as ops
    from storage import outbox
    from storage.db import open_db

    db_path = tmp_path / "c.db"
    db = open_db(db_path)
    ops.track(db, 42, '"supply chain"')  # a Telegram chat sharing the database
    with db.atomic():
        outbox.enqueue(db, 42, "alert", "in flight elsewhere", "other:1")
    outbox.claim(db, outbox.utcnow(), 10)  # another bot process is sending it right now
    db.close()
    out = chat(db_path, '/track "supply chain"', str(ALERT_CALL), "1")
    assert out.count("🔔 Northwind Robotics Q3 2025") == 1 and "Matches for: \"supply chain\"" in out
    assert "Jane Roe: “Our supply chains recovered this quarter" in out
    alert = out.split("🔔 Northwind Robotics Q3 2025", 1)[1]
    assert "[1] Summary  [2] Topics" in alert and "• Summary" in alert  # its buttons work: 1 opens the summary
    db = open_db(db_path)
    try:
        theirs = {i.dedupe_key: i.status for i in outbox.items(db, chat_id=42)}
        assert theirs == {"other:1": "sending", "alert:42:1": "pending"}  # left to the bot that owns them
        assert [i.status for i in outbox.items(db, chat_id=1)] == ["sent"]
    finally:
        db.close()
    again = chat(db_path, "/tracked")
    assert "🔔 Northwind" not in again  # delivered once


def test_lines_that_only_look_like_paths_are_messages(samples_template: Path, tmp_path: Path) -> None:
    out = chat(copy_db(samples_template, tmp_path / "c.db"), "x" * 300 + ".txt", "/" + "y" * 300 + ".md",
               "nul\x00.txt", "/summary NWRB")
    assert "Send a command" in out and "I don't know /yyy" in out and "Northwind Robotics" in out
