"""A chat's own topics through /topic add|remove|mine, on Telegram (fake Bot API): private to the chat."""
from __future__ import annotations

from pathlib import Path

import pytest

from tests.fakebotapi.harness import BotHarness, buttons, copy_db, samples_db
from tests.fakebotapi.server import FakeBotAPI


@pytest.fixture(scope="module")
def samples_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return samples_db(tmp_path_factory.mktemp("topics") / "samples.db")


@pytest.fixture
def bot(fake_bot_api: FakeBotAPI, samples_template: Path, tmp_path: Path):
    h = BotHarness(fake_bot_api, copy_db(samples_template, tmp_path / "bot.db"), admin_ids=frozenset({5}))
    yield h
    h.close()


def one(msgs: list[dict]) -> dict:
    assert len(msgs) == 1, msgs
    return msgs[0]


def test_add_list_use_and_remove_a_topic(bot: BotHarness, fake_bot_api: FakeBotAPI) -> None:
    saved = one(bot.command("topic", "add robots: Atlas, Harbor arm, fleet"))
    assert "Topic robots saved with 3 phrases: Atlas, Harbor arm, fleet" in saved["text"]
    mine = one(bot.command("topic", "mine"))
    assert "Your topics (1 of 50)" in mine["text"] and "robots: Atlas, Harbor arm, fleet" in mine["text"]
    digest = one(bot.command("topic", "robots NWRB Q3 2025"))
    lines = [x for x in digest["text"].splitlines() if x.startswith("•")]
    assert digest["text"].startswith("robots · NWRB") and lines and all("Q3 2025" in x for x in lines)
    assert all("Atlas" in x or "fleet" in x or "Harbor arm" in x for x in lines)
    _, pressed = bot.press(mine, buttons(mine)["robots"])  # the button opens the same digest
    assert one(pressed)["text"].startswith("robots") and "Atlas" in pressed[0]["text"]
    keyboard = one(bot.command("topic"))
    assert "robots" in buttons(keyboard) and "Pricing" in buttons(keyboard)  # built-in ones and the chat's own
    assert "Topic robots removed" in one(bot.command("topic", "remove Robots"))["text"]
    assert "no topics of your own" in one(bot.command("topic", "mine"))["text"]
    assert "robots" not in buttons(one(bot.command("topic")))
    assert fake_bot_api.violations == []


def test_one_chats_topics_are_invisible_to_another(bot: BotHarness, fake_bot_api: FakeBotAPI) -> None:
    bot.command("topic", "add zeppelin: Atlas")
    assert "Atlas" in one(bot.command("topic", "zeppelin"))["text"]
    assert "no topics of your own" in one(bot.command("topic", "mine", chat_id=6))["text"]
    assert "zeppelin" not in buttons(one(bot.command("topic", chat_id=6)))
    other = one(bot.command("topic", "zeppelin", chat_id=6))["text"]
    assert "not a known topic" in other and "Atlas" not in other  # chat 6 searches the word, not chat 5's topic
    assert "no topic named" in one(bot.command("topic", "remove zeppelin", chat_id=6))["text"]
    assert "zeppelin: Atlas" in one(bot.command("topic", "mine"))["text"]  # still there for its owner
    group = one(bot.command("topic", "mine", chat_id=-1007, user_id=5, thread_id=3))
    assert "no topics of your own" in group["text"] and group["message_thread_id"] == 3
    assert fake_bot_api.violations == []


@pytest.mark.parametrize("args,needle", [
    ("add", "Usage: /topic add <name>: phrase"), ("add : Atlas", "Usage: /topic add"),
    ("add robots: , ,", "Usage: /topic add"), ("add robots: !!!", "at least one phrase with letters"),
    ("add " + "x" * 70 + ": Atlas", "name of 1-60 characters"), ("add many: " + ", ".join(f"p{i}" for i in range(31)), "at most 30"),
    ("add big: " + "y" * 1200, "keep a topic under 1000"),
    ("remove", "Usage: /topic remove <name>"), ("remove nothing-here", "no topic named nothing-here"),
    ("mine please", "Usage: /topic mine"),
])
def test_bad_topic_arguments_get_one_line_and_change_nothing(bot: BotHarness, fake_bot_api: FakeBotAPI,
                                                             args: str, needle: str) -> None:
    text = one(bot.command("topic", args))["text"]
    assert needle in text and "Traceback" not in text
    assert "no topics of your own" in one(bot.command("topic", "mine"))["text"]
    assert fake_bot_api.violations == []


def test_a_chat_keeps_at_most_50_topics(bot: BotHarness) -> None:
    from bot.ops.analysis import add_user_topic

    db = bot.app.bot_data["db"]
    for i in range(50):
        add_user_topic(db, 5, f"t{i}", [f"word{i}"])
    assert "remove one first" in one(bot.command("topic", "add one more: Atlas"))["text"]
    assert "Topic t3 saved" in one(bot.command("topic", "add t3: Harbor"))["text"]  # replacing one is fine
    assert "(50 of 50)" in one(bot.command("topic", "mine"))["text"]


def test_help_documents_the_topic_subcommands(bot: BotHarness) -> None:
    help_text = one(bot.command("help"))["text"]
    line = next(x for x in help_text.splitlines() if x.startswith("/topic "))
    assert "add <name>: phrase" in line and "remove <name>" in line and "mine" in line
    docs = (Path(__file__).resolve().parents[1] / "docs" / "bot.md").read_text()
    assert "/topic add <name>: phrase, phrase" in docs and "/topic remove <name>" in docs and "/topic mine" in docs
