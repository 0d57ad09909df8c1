"""Messages that say what is wrong: a quarter that is not one, a word where a number goes, a number over the limit,
a topic without phrases, a digest that moved the chat's timezone, and a summary length that /summary obeys."""
from __future__ import annotations

from pathlib import Path

import pytest

from tests.fakebotapi.harness import BotHarness, copy_db, samples_db
from tests.fakebotapi.server import FakeBotAPI


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return samples_db(tmp_path_factory.mktemp("msgs") / "samples.db")


@pytest.fixture
def bot(fake_bot_api: FakeBotAPI, template: Path, tmp_path: Path):
    h = BotHarness(fake_bot_api, copy_db(template, tmp_path / "bot.db"))
    yield h
    h.close()


def said(bot: BotHarness, command: str, args: str) -> str:
    msgs = bot.command(command, args)
    assert len(msgs) == 1, msgs
    return msgs[0]["text"]


@pytest.mark.parametrize("command,args,needle", [
    ("figures", "NWRB Q7 2025", "Q7 is not a quarter: quarters are Q1 to Q4"),
    ("summary", "NWRB Q3 2025 abc", "'abc' is not a number of sentences: write /summary NWRB Q3 2025 3"),
    ("summary", "NWRB 50", "50 sentences is more than a summary holds: ask for at most 30"),
    ("summary", "NWRB 0", "Ask for 1 to 30 sentences"),
    ("qa", "NWRB Q3 2025 extra", "'extra' is not understood here: write /qa NWRB Q3 2025"),
    ("topic", "add bad", "Usage: /topic add <name>: phrase"),
    ("search", "NWRB Q9 2025 pricing", "Q9 is not a quarter"),
])
def test_wrong_arguments_say_what_is_wrong(bot: BotHarness, fake_bot_api: FakeBotAPI, command: str, args: str,
                                           needle: str) -> None:
    text = said(bot, command, args)
    assert needle in text and "No company matching" not in text
    assert fake_bot_api.violations == []


def test_a_digest_with_a_timezone_says_it_changed_the_chats_timezone(bot: BotHarness) -> None:
    text = said(bot, "digest", "weekly friday 17:30 America/New_York")
    assert "timezone is now America/New_York (it was UTC)" in text
    assert "timezone is now" not in said(bot, "digest", "daily 08:00 America/New_York")  # unchanged: nothing to say


def test_summary_length_setting_applies_to_summary(bot: BotHarness) -> None:
    assert "Summary length: 3 sentences (/summary and digests)" in said(bot, "settings", "length 3")
    bullets = [ln for ln in said(bot, "summary", "NWRB").splitlines() if ln.startswith("•")]
    assert len(bullets) == 3
    assert len([ln for ln in said(bot, "summary", "NWRB 4").splitlines() if ln.startswith("•")]) == 4
