"""Forum topics: an alert or digest set up inside a topic (message_thread_id) is delivered to that topic."""
from __future__ import annotations

from datetime import datetime, timezone
from pathlib import Path

import pytest

from tests.fakebotapi.harness import BotHarness
from tests.fakebotapi.server import FakeBotAPI
from tests.test_alerts_telegram import CALL, drain

GROUP = -1001


@pytest.fixture
def bot(fake_bot_api: FakeBotAPI, tmp_path: Path):
    h = BotHarness(fake_bot_api, tmp_path / "bot.db", admin_ids=frozenset({5}))
    yield h
    h.close()


def in_topic(bot: BotHarness, command: str, args: str, thread: int | None) -> list[dict]:
    return bot.command(command, args, chat_id=GROUP, user_id=5, mention=True, thread_id=thread, **(
        {} if thread is not None else {"is_forum": True}))


def test_alerts_go_to_the_topic_each_subscription_was_made_in(bot: BotHarness, fake_bot_api: FakeBotAPI) -> None:
    from bot.ops.ingest import ingest_bytes

    assert "in this topic" in in_topic(bot, "track", '"supply chain"', 42)[0]["text"]
    assert "in this topic" in in_topic(bot, "follow", "NWRB", 77)[0]["text"]
    reply = in_topic(bot, "track", "tariff", None)[0]  # the forum's General topic: no thread
    assert "in this topic" not in reply["text"] and "message_thread_id" not in reply
    before = len(fake_bot_api.messages(GROUP))
    ingest_bytes(bot.app.bot_data["db"], CALL, "nwrb.txt")
    drain(bot)
    alerts = {m.get("message_thread_id"): m["text"] for m in fake_bot_api.messages(GROUP)[before:]}
    assert set(alerts) == {42, 77, None}
    assert "supply chain" in alerts[42] and "Tariffs" not in alerts[42]
    assert "A new call of a company you follow" in alerts[77] and "supply chain" not in alerts[77]
    assert "Tariffs remain a headwind" in alerts[None] and "supply chain" not in alerts[None]
    assert fake_bot_api.violations == []


def test_tracking_again_in_another_topic_moves_the_alert_there(bot: BotHarness, fake_bot_api: FakeBotAPI) -> None:
    from bot.ops.ingest import ingest_bytes
    from storage import alerts as chats

    db = bot.app.bot_data["db"]
    first = in_topic(bot, "track", "tariff", 42)[0]["text"]
    in_topic(bot, "track", "robotaxi", 42)  # fills the matcher's cache before the move
    from bot.ops.alerts import matcher_for

    matcher_for(db)
    again = in_topic(bot, "track", "tariff", 9)[0]["text"]
    assert first.split("(#")[1][:2] == again.split("(#")[1][:2]  # the same subscription, not a second one
    assert [s.thread_id for s in chats.subscriptions(db, GROUP) if s.query == "tariff"] == [9]
    before = len(fake_bot_api.messages(GROUP))
    ingest_bytes(db, CALL, "nwrb.txt")
    drain(bot)
    [alert] = fake_bot_api.messages(GROUP)[before:]
    assert alert["message_thread_id"] == 9 and "Tariffs" in alert["text"]


def test_digest_set_up_in_a_topic_is_delivered_there(bot: BotHarness, fake_bot_api: FakeBotAPI) -> None:
    from bot.jobs import queue_digest
    from bot.ops.ingest import ingest_bytes
    from storage import alerts as chats

    db = bot.app.bot_data["db"]
    assert "in this topic" in in_topic(bot, "digest", "daily 08:00", 42)[0]["text"]
    assert chats.get_chat(db, GROUP).digest_thread_id == 42
    assert "Digest: daily at 08:00, in the forum topic it was set up in" in in_topic(bot, "settings", "", 42)[0]["text"]
    ingest_bytes(db, CALL, "nwrb.txt")
    before = len(fake_bot_api.messages(GROUP))
    assert queue_digest(db, GROUP, datetime.now(timezone.utc)) == 1
    drain(bot)
    [digest] = fake_bot_api.messages(GROUP)[before:]
    assert digest["message_thread_id"] == 42 and "earnings digest" in digest["text"]
    bullets = [x[2:] for x in digest["text"].splitlines() if x.startswith("• ")]
    assert bullets and not [b for b in bullets if b[:1].islower()]  # trimmed sentences shown as "…excerpts"
    in_topic(bot, "digest", "weekly friday 17:00", None)  # set again outside topics: back to the chat itself
    assert chats.get_chat(db, GROUP).digest_thread_id is None
    assert fake_bot_api.violations == []
