"""The outbox sender against the fake Bot API on loopback: limits, retries, fallbacks, blocked chats, exactly once."""
from __future__ import annotations

import asyncio
from datetime import datetime, timedelta, timezone

import pytest
from telegram import Bot

from bot.outbox import SendPolicy, Sender
from storage import alerts as chats
from storage import outbox


class Clock:
    """A controlled clock: tests move it instead of sleeping."""

    def __init__(self) -> None:
        self.now = datetime(2026, 3, 2, 9, 0, tzinfo=timezone.utc)

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **kw: float) -> None:
        self.now += timedelta(**kw)


@pytest.fixture
def clock() -> Clock:
    return Clock()


def run(coro):
    return asyncio.run(coro)


async def _drain(db, api, clock, policy=None, passes: int = 1):
    bot = Bot(api.token, base_url=api.base_url)
    async with bot:
        sender = Sender(db, bot, policy or SendPolicy(rate_per_s=1000), clock=clock)
        total = []
        for _ in range(passes):
            total.append(await sender.drain())
        return total[-1], sender


def queue(db, clock, chat_id: int, n: int = 1, text: str = "<b>Hello</b> &amp; welcome", prefix: str = "t"):
    for i in range(n):
        chats.ensure_chat(db, chat_id)
        with db.atomic():
            outbox.enqueue(db, chat_id, "alert", f"{text} {i}", f"{prefix}:{chat_id}:{i}", now=clock())


def texts(api, chat_id: int) -> list[str]:
    return [m["text"] for m in api.messages(chat_id)]


def test_each_message_is_sent_once_and_recorded(db, fake_bot_api, clock) -> None:
    queue(db, clock, 5, 3)
    stats, _ = run(_drain(db, fake_bot_api, clock))
    assert stats.sent == 3
    run(_drain(db, fake_bot_api, clock))  # a second pass finds nothing to send
    assert texts(fake_bot_api, 5) == ["Hello & welcome 0", "Hello & welcome 1", "Hello & welcome 2"]
    rows = outbox.items(db, chat_id=5)
    assert all(r.status == "sent" and r.message_id and r.sent_at for r in rows)
    assert outbox.counts(db)["sent"] == 3 and not fake_bot_api.violations


def test_dedupe_key_queues_a_message_once(db, clock) -> None:
    chats.ensure_chat(db, 5)
    assert outbox.enqueue(db, 5, "alert", "x", "alert:5:1", now=clock()) is not None
    assert outbox.enqueue(db, 5, "alert", "y", "alert:5:1", now=clock()) is None
    assert outbox.counts(db)["pending"] == 1


def test_429_then_200_pauses_and_delivers(db, fake_bot_api, clock) -> None:
    queue(db, clock, 5, 2)
    fake_bot_api.fail_next(429, method="sendMessage", retry_after=1)

    async def go():
        bot = Bot(fake_bot_api.token, base_url=fake_bot_api.base_url)
        async with bot:
            s = Sender(db, bot, SendPolicy(rate_per_s=1000, concurrency=1), clock=clock)
            first = await s.drain_once()
            assert first.deferred >= 1 and outbox.counts(db)["pending"] >= 1
            clock.advance(seconds=1)
            return await s.drain()
    run(go())
    assert sorted(texts(fake_bot_api, 5)) == ["Hello & welcome 0", "Hello & welcome 1"]
    assert outbox.counts(db) == {"pending": 0, "sending": 0, "sent": 2, "failed": 0}
    assert all(r.attempts == 1 for r in outbox.items(db))  # a rate-limit wait is not a failed attempt


def test_5xx_retries_with_backoff_then_sends(db, fake_bot_api, clock) -> None:
    queue(db, clock, 5, 1)
    fake_bot_api.fail_next(502, method="sendMessage", times=2)
    stats, _ = run(_drain(db, fake_bot_api, clock))
    assert stats.retried == 1 and texts(fake_bot_api, 5) == []
    (row,) = outbox.items(db)
    assert row.status == "pending" and row.next_attempt_at > chats.iso(clock()) and "Bad Gateway" in row.last_error
    clock.advance(seconds=3)
    run(_drain(db, fake_bot_api, clock))  # second failure: backoff doubles
    (row2,) = outbox.items(db)
    assert row2.attempts == 2 and row2.next_attempt_at > chats.iso(clock() + timedelta(seconds=2.5))
    clock.advance(minutes=1)
    run(_drain(db, fake_bot_api, clock))
    assert texts(fake_bot_api, 5) == ["Hello & welcome 0"]


def test_gives_up_after_max_attempts(db, fake_bot_api, clock) -> None:
    queue(db, clock, 5, 1)
    fake_bot_api.fail_next(500, method="sendMessage", times=10)
    for _ in range(3):
        run(_drain(db, fake_bot_api, clock, SendPolicy(rate_per_s=1000, max_attempts=3)))
        clock.advance(hours=1)
    (row,) = outbox.items(db)
    assert row.status == "failed" and "gave up after 3" in row.last_error


def test_html_refused_falls_back_to_plain_text(db, fake_bot_api, clock) -> None:
    queue(db, clock, 5, 1)
    fake_bot_api.reject_html(1, method="sendMessage")
    run(_drain(db, fake_bot_api, clock))
    assert texts(fake_bot_api, 5) == ["Hello & welcome 0"]
    (row,) = outbox.items(db)
    assert row.status == "sent" and row.plain == 1
    last = fake_bot_api.requests("sendMessage", ok=True)[-1]
    assert "parse_mode" not in last.params and last.params["text"] == "Hello & welcome 0"


def test_blocked_chat_is_marked_inactive_and_others_continue(db, fake_bot_api, clock) -> None:
    queue(db, clock, 5, 2)
    queue(db, clock, 6, 2)
    fake_bot_api.block(6)
    run(_drain(db, fake_bot_api, clock, SendPolicy(rate_per_s=1000, concurrency=1)))
    assert len(texts(fake_bot_api, 5)) == 2 and texts(fake_bot_api, 6) == []
    assert chats.get_chat(db, 6).active == 0 and chats.get_chat(db, 5).active == 1
    assert {r.status for r in outbox.items(db, chat_id=6)} == {"failed"}
    assert len(fake_bot_api.requests("sendMessage", ok=False)) == 1  # the second message was not even tried
    assert chats.set_active(db, 6, True) and chats.get_chat(db, 6).active == 1


def test_group_gets_at_most_20_a_minute(db, fake_bot_api, clock) -> None:
    fake_bot_api.chat(-100, chat_type="group", title="Desk")
    queue(db, clock, -100, 23)
    queue(db, clock, 7, 3)
    stats, sender = run(_drain(db, fake_bot_api, clock, SendPolicy(rate_per_s=1000, batch=50)))
    assert len(texts(fake_bot_api, -100)) == 20 and len(texts(fake_bot_api, 7)) == 3
    assert outbox.counts(db)["pending"] == 3
    later = min(r.next_attempt_at for r in outbox.items(db, status="pending"))
    assert later > chats.iso(clock() + timedelta(seconds=55))


def test_rows_in_flight_at_a_crash_are_sent_again_at_start(db, fake_bot_api, clock) -> None:
    queue(db, clock, 5, 3)
    claimed = outbox.claim(db, clock(), 1)  # a process claimed one, then died before sending
    assert [r.status for r in claimed] == ["sending"]
    stats, _ = run(_drain(db, fake_bot_api, clock))
    assert stats.sent == 3 and len(texts(fake_bot_api, 5)) == 3
