"""A group that became a supergroup: the outbox re-targets its messages and settings, each delivered once."""
from __future__ import annotations

import time
from datetime import datetime, timedelta, timezone
from pathlib import Path
from types import SimpleNamespace

import pytest

from bot.ops import alerts as ops
from bot.ops.analysis import add_user_topic
from storage import alerts as chats
from storage import outbox
from storage.analyses import user_topics
from tests.fakebotapi.harness import BotHarness
from tests.fakebotapi.server import FakeBotAPI
from tests.test_outbox import _drain, clock, queue, run, texts  # noqa: F401 - clock is a fixture

OLD, NEW = -200, -100200


def test_migrated_group_gets_its_queue_once_and_keeps_its_settings(db, fake_bot_api: FakeBotAPI, clock) -> None:
    fake_bot_api.migrate(OLD, NEW)
    chats.ensure_chat(db, OLD, type="group", title="Desk")
    ops.set_digest(db, OLD, "daily 07:30 Europe/Berlin")
    ops.track(db, OLD, "tariff")
    add_user_topic(db, OLD, "robots", ["Atlas"])
    queue(db, clock, OLD, 3)
    queue(db, clock, 5, 1)
    stats, _ = run(_drain(db, fake_bot_api, clock))
    assert stats.sent == 4 and stats.failed == 0
    assert texts(fake_bot_api, NEW) == ["Hello & welcome 0", "Hello & welcome 1", "Hello & welcome 2"]
    assert texts(fake_bot_api, OLD) == [] and len(texts(fake_bot_api, 5)) == 1
    refused = [r for r in fake_bot_api.requests("sendMessage", ok=False) if r.chat_id == OLD]
    assert len(refused) == 1  # the first one learns of the move; the rest go straight to the new id
    assert all(i.chat_id == NEW and i.status == "sent" for i in outbox.items(db, chat_id=NEW))
    assert outbox.items(db, chat_id=OLD) == []
    moved = chats.get_chat(db, NEW)
    assert chats.get_chat(db, OLD) is None
    assert (moved.type, moved.title, moved.digest, moved.digest_time, moved.timezone) == (
        "supergroup", "Desk", "daily", "07:30", "Europe/Berlin")
    assert [s.query for s in chats.subscriptions(db, NEW)] == ["tariff"] and chats.subscriptions(db, OLD) == []
    assert [n for _, n, _ in user_topics(db, NEW)] == ["robots"] and user_topics(db, OLD) == []
    stats, _ = run(_drain(db, fake_bot_api, clock))  # nothing left, nothing sent twice
    assert stats.claimed == 0 and len(texts(fake_bot_api, NEW)) == 3
    assert fake_bot_api.violations == []


def test_a_later_alert_goes_straight_to_the_supergroup(db, fake_bot_api: FakeBotAPI, clock) -> None:
    from bot.ops.ingest import ingest_bytes
    from tests.test_alerts_telegram import CALL

    fake_bot_api.migrate(OLD, NEW)
    ops.track(db, OLD, "tariff")
    queue(db, clock, OLD, 1)
    run(_drain(db, fake_bot_api, clock))
    failed_before = len(fake_bot_api.requests("sendMessage", ok=False))
    ingest_bytes(db, CALL, "nwrb.txt")
    clock.now = datetime.now(timezone.utc) + timedelta(minutes=1)  # the ingest queued the alert at real time
    run(_drain(db, fake_bot_api, clock))
    assert [t for t in texts(fake_bot_api, NEW) if "Tariffs" in t] != []
    assert len(fake_bot_api.requests("sendMessage", ok=False)) == failed_before


@pytest.fixture
def bot(fake_bot_api: FakeBotAPI, tmp_path: Path):
    h = BotHarness(fake_bot_api, tmp_path / "bot.db", admin_ids=frozenset({5}))
    yield h
    h.close()


def _live_digest_jobs(bot: BotHarness, chat_id: int) -> list:
    return [j for j in bot.app.job_queue.get_jobs_by_name(f"digest:{chat_id}") if not j.removed]


def test_bot_moves_the_digest_job_when_the_outbox_meets_the_migration(bot: BotHarness, fake_bot_api: FakeBotAPI) -> None:
    from bot.jobs import outbox_callback, queue_digest

    bot.command("digest", "daily 08:00", chat_id=OLD, user_id=5, chat_type="group", mention=True)
    assert _live_digest_jobs(bot, OLD)
    fake_bot_api.migrate(OLD, NEW)
    db = bot.app.bot_data["db"]
    assert queue_digest(db, OLD) == 1
    ctx = SimpleNamespace(bot_data=bot.app.bot_data, bot=bot.app.bot, job_queue=bot.app.job_queue)
    bot.loop.run_until_complete(outbox_callback(ctx))
    [digest] = fake_bot_api.messages(NEW)
    assert "earnings digest" in digest["text"]
    assert not _live_digest_jobs(bot, OLD) and len(_live_digest_jobs(bot, NEW)) == 1
    assert fake_bot_api.violations == []


def test_service_message_moves_the_chat_before_anything_is_sent(bot: BotHarness, fake_bot_api: FakeBotAPI) -> None:
    bot.command("track", "tariff", chat_id=OLD, user_id=5, chat_type="group", mention=True)
    bot.command("topic", "add robots: Atlas", chat_id=OLD, user_id=5, chat_type="group", mention=True)
    old_chat = fake_bot_api.chat(OLD)
    bot.feed(fake_bot_api.push_update({"message": {
        "message_id": 99, "date": int(time.time()), "chat": old_chat, "from": fake_bot_api.user(5),
        "migrate_to_chat_id": NEW}}))
    db = bot.app.bot_data["db"]
    assert [s.query for s in chats.subscriptions(db, NEW)] == ["tariff"] and chats.get_chat(db, OLD) is None
    [mine] = bot.command("topic", "mine", chat_id=NEW, user_id=5, mention=True)
    assert "robots: Atlas" in mine["text"]
    # the supergroup's own service message (migrate_from_chat_id) repeats the move: nothing changes
    bot.feed(fake_bot_api.push_update({"message": {
        "message_id": 1, "date": int(time.time()), "chat": fake_bot_api.chat(NEW), "from": fake_bot_api.user(5),
        "migrate_from_chat_id": OLD}}))
    assert len(chats.subscriptions(db, NEW)) == 1
    assert fake_bot_api.violations == []
