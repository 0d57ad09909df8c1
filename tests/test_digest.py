"""Digests: one named job per chat from SQLite, contents since the last digest, driven by a controlled clock."""
from __future__ import annotations

import asyncio
from datetime import datetime, timedelta, timezone
from pathlib import Path
from types import SimpleNamespace

import pytest
from telegram.ext import Application

from bot import jobs
from bot.ops import alerts as ops
from bot.ops.ingest import ingest_bytes
from storage import alerts as chats
from storage import outbox

CALL = (Path(__file__).parent / "data" / "alerts" / "nwrb-q3-2025-call.txt").read_bytes()


@pytest.fixture
def app(db):
    application = Application.builder().token("123:TEST").build()
    application.bot_data["db"] = db
    return application


def digest_jobs(app):
    return [j for j in app.job_queue.jobs() if j.name.startswith("digest:")]


def test_one_named_job_per_chat_replaced_not_added(db, app) -> None:
    ops.set_digest(db, 1, "daily 08:30 Europe/Berlin")
    jobs.schedule_digest(app.job_queue, chats.get_chat(db, 1))
    jobs.schedule_digest(app.job_queue, chats.get_chat(db, 1))
    ops.set_digest(db, 2, "weekly monday 07:00")
    jobs.schedule_digest(app.job_queue, chats.get_chat(db, 2))
    live = [j for j in digest_jobs(app) if not j.removed]
    assert sorted(j.name for j in live) == ["digest:1", "digest:2"]
    weekly = next(j for j in live if j.name == "digest:2")
    assert "mon" in str(weekly.trigger)  # PTB numbers days from Sunday; Monday must stay Monday
    ops.set_digest(db, 1, "off")
    jobs.schedule_digest(app.job_queue, chats.get_chat(db, 1))
    assert [j.name for j in digest_jobs(app) if not j.removed] == ["digest:2"]


def test_schedule_all_recreates_digest_jobs_from_sqlite(db, app) -> None:
    ops.set_digest(db, 1, "daily 08:00")
    ops.set_digest(db, 2, "weekly fri 18:00 America/New_York")
    ops.set_digest(db, 3, "off")
    jobs.schedule_all(app)
    names = sorted(j.name for j in app.job_queue.jobs())
    assert names == ["digest:1", "digest:2", "outbox", "sources"]


def test_digest_lists_new_calls_then_says_none(db) -> None:
    ops.track(db, 1, "tariff")
    ops.set_digest(db, 1, "daily 08:00")
    start = datetime.now(timezone.utc) - timedelta(minutes=1)
    chats.update_chat(db, 1, last_digest_at=chats.iso(start))
    ingest_bytes(db, CALL, "call.txt")
    now = start + timedelta(minutes=5)
    assert jobs.queue_digest(db, 1, now) == 1
    (d,) = [i for i in outbox.items(db, chat_id=1) if i.kind == "digest"]
    assert "Northwind" in d.text and "Your alerts: tariff" in d.text and "1 new call" in d.text
    assert jobs.queue_digest(db, 1, now + timedelta(minutes=1)) == 0  # once per local day
    assert jobs.queue_digest(db, 1, now + timedelta(days=1)) == 1
    latest = [i for i in outbox.items(db, chat_id=1) if i.kind == "digest"][0]
    assert "No new calls" in latest.text


def test_digest_callback_uses_the_injected_clock(db) -> None:
    ops.set_digest(db, 7, "daily 08:00")
    t = datetime(2026, 5, 4, 6, 0, tzinfo=timezone.utc)
    ctx = SimpleNamespace(bot_data={"db": db, "clock": lambda: t}, job=SimpleNamespace(chat_id=7))
    asyncio.run(jobs.digest_callback(ctx))
    (d,) = outbox.items(db, chat_id=7)
    assert d.dedupe_key == "digest:7:2026-05-04:0" and chats.get_chat(db, 7).last_digest_at == chats.iso(t)


def test_inactive_or_off_chats_get_no_digest(db) -> None:
    ops.set_digest(db, 1, "daily 08:00")
    chats.set_active(db, 1, False)
    assert jobs.queue_digest(db, 1) == 0 and jobs.queue_digest(db, 2) == 0
