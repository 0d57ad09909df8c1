"""Groups (issue 14, rows 14 and 15): a group's alerts, topics and digest are changed by its admins only
(Telegram's getChatMember, answered by the fake Bot API per api.json), configurable; a button pressed twice is
answered once, quietly, with no traceback."""
from __future__ import annotations

import logging
from pathlib import Path

import pytest

from bot.ops import alerts as ops
from tests.fakebotapi.harness import BotHarness, buttons
from tests.fakebotapi.server import FakeBotAPI

GROUP, MEMBER, ADMIN = -100500, 77, 78


@pytest.fixture
def bot(fake_bot_api: FakeBotAPI, tmp_path: Path):
    fake_bot_api.set_member(GROUP, ADMIN, "administrator")
    h = BotHarness(fake_bot_api, tmp_path / "bot.db")
    yield h
    h.close()


def _say(bot: BotHarness, user: int, command: str, args: str = "") -> str:
    return "\n".join(m["text"] for m in bot.command(command, args, chat_id=GROUP, user_id=user, mention=True))


def test_only_a_group_admin_changes_its_alerts_topics_and_digest(bot: BotHarness, fake_bot_api: FakeBotAPI) -> None:
    assert "Tracking" in _say(bot, ADMIN, "track", "tariff")
    db = bot.app.bot_data["db"]
    for command, args in (("untrack", "all"), ("track", "china"), ("follow", "NWRB"), ("unfollow", "NWRB"),
                          ("mute", "2h"), ("digest", "daily 08:00"), ("settings", "length 3"),
                          ("topic", "add robots: Atlas, Harbor"), ("topic", "remove robots")):
        said = _say(bot, MEMBER, command, args)
        assert "Only this group's admins" in said, (command, said)
    assert [s.query for s in ops.tracked(db, GROUP)] == ["tariff"]  # the attack's /untrack all by a member: refused
    assert ops.settings(db, GROUP).summary_length != 3 and ops.settings(db, GROUP).digest == "off"
    assert "Your alerts" in _say(bot, MEMBER, "tracked") and "Settings" in _say(bot, MEMBER, "settings")  # reads are open
    assert "Topic" in _say(bot, ADMIN, "topic", "add robots: Atlas, Harbor")
    assert "Removed" in _say(bot, ADMIN, "untrack", "all") and ops.tracked(db, GROUP) == []
    asked = [r for r in fake_bot_api.requests("getChatMember") if int(r.params["chat_id"]) == GROUP]
    assert {int(r.params["user_id"]) for r in asked} == {MEMBER, ADMIN}
    assert len(asked) <= 3  # remembered for a minute, not asked at every command
    assert fake_bot_api.violations == []


def test_a_members_remove_button_is_refused_and_the_owner_setting_opens_it(fake_bot_api: FakeBotAPI, tmp_path: Path) -> None:
    fake_bot_api.set_member(GROUP, ADMIN, "creator")
    bot = BotHarness(fake_bot_api, tmp_path / "bot.db")
    try:
        _say(bot, ADMIN, "track", "tariff")
        (listing,) = bot.command("tracked", chat_id=GROUP, user_id=ADMIN, mention=True)
        (remove,) = [d for label, d in buttons(listing).items() if label.startswith("✖")]
        qid, _ = bot.press(listing, remove, user_id=MEMBER)
        assert "Only this group's admins" in fake_bot_api.callback_answers[qid]["text"]
        assert len(ops.tracked(bot.app.bot_data["db"], GROUP)) == 1
    finally:
        bot.close()
    open_bot = BotHarness(fake_bot_api, tmp_path / "bot.db", group_admins_only=False)
    try:
        assert "Removed" in _say(open_bot, MEMBER, "untrack", "all")
    finally:
        open_bot.close()
    assert fake_bot_api.violations == []


def test_a_remove_button_pressed_twice_answers_once_quietly(fake_bot_api: FakeBotAPI, tmp_path: Path, caplog) -> None:
    bot = BotHarness(fake_bot_api, tmp_path / "bot.db")
    try:
        bot.command("track", "tariff", chat_id=5)
        (listing,) = bot.command("tracked", chat_id=5)
        (remove,) = [d for label, d in buttons(listing).items() if label.startswith("✖")]
        with caplog.at_level(logging.WARNING):
            first, _ = bot.press(listing, remove)
            second, again = bot.press(listing, remove)  # the same message, the same button, again
        assert fake_bot_api.callback_answers[first]["text"].startswith("Removed")
        assert fake_bot_api.callback_answers[second]["text"] == "Already removed." and again == []
        assert len(fake_bot_api.requests("answerCallbackQuery")) == 2  # one answer per press, no second one
        assert not [r for r in caplog.records if r.levelno >= logging.WARNING]  # no "not modified" traceback
        assert fake_bot_api.violations == []
    finally:
        bot.close()
