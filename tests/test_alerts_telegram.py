"""Alert commands through the real Application and the fake Bot API: replies, buttons, inbox -> alert once."""
from __future__ import annotations

from pathlib import Path

import pytest

from tests.fakebotapi.harness import BotHarness, buttons
from tests.fakebotapi.server import FakeBotAPI

CALL = (Path(__file__).parent / "data" / "alerts" / "nwrb-q3-2025-call.txt").read_bytes()
ADMIN = 5


@pytest.fixture
def bot(fake_bot_api: FakeBotAPI, tmp_path: Path):
    h = BotHarness(fake_bot_api, tmp_path / "bot.db", admin_ids=frozenset({ADMIN}), allow_private_urls=True)
    yield h
    h.close()


def drain(bot: BotHarness) -> None:
    """Run the outbox job's callback once, as the JobQueue would."""
    from types import SimpleNamespace

    from bot.jobs import outbox_callback

    ctx = SimpleNamespace(bot_data=bot.app.bot_data, bot=bot.app.bot)
    bot.loop.run_until_complete(outbox_callback(ctx))


def one(msgs: list[dict]) -> str:
    assert len(msgs) == 1, msgs
    return msgs[0]["text"]


@pytest.mark.parametrize("args,needle", [
    ("", "Usage: /track"), ("AND AND", "needs a word"), ("the and of", "very common"),
    ("(" * 500 + "x" + ")" * 500, "characters long"), ('"supply chain" for $$$', "not a ticker"),
])
def test_bad_track_arguments_get_one_clear_line(bot: BotHarness, args: str, needle: str) -> None:
    text = one(bot.command("track", args))
    assert needle in text and "Traceback" not in text
    assert "You track nothing" in one(bot.command("tracked"))


def test_a_very_long_track_never_names_a_limit_it_does_not_keep(bot: BotHarness) -> None:
    huge = one(bot.command("track", "margin " * 600))
    assert "far more than /track takes" in huge and "1000" not in huge
    long = one(bot.command("track", "margin " * 100))  # under the generic cap: the query's own limit speaks
    assert "the limit is 200" in long


def test_track_list_and_remove_with_a_button(bot: BotHarness, fake_bot_api: FakeBotAPI) -> None:
    assert "Tracking" in one(bot.command("track", '"supply chain" for NWRB'))
    bot.command("follow", "Northwind Robotics")
    [msg] = bot.command("tracked")
    assert '"supply chain"' in msg["text"] and "for NWRB" in msg["text"] and "follow" in msg["text"]
    data = list(buttons(msg).values())
    assert len(data) == 2 and all(len(d.encode()) < 64 for d in data)
    bot.press(msg, data[0])
    edited = fake_bot_api.find_message(5, msg["message_id"])
    assert '"supply chain"' not in edited["text"] and "Northwind" in edited["text"]
    other = one(bot.command("tracked", chat_id=6))  # another chat never sees these
    assert "nothing" in other
    assert fake_bot_api.violations == []


@pytest.mark.parametrize("args,needle", [
    ("daily 25:99", "not a time of day"), ("daily 08:00 Mars/Olympus", "Unknown timezone"),
    ("hourly", "Say when"), ("", "Usage: /digest"),
])
def test_bad_digest_arguments(bot: BotHarness, args: str, needle: str) -> None:
    assert needle in one(bot.command("digest", args))
    assert not bot.app.job_queue.get_jobs_by_name("digest:5")


def test_digest_and_settings_schedule_one_job(bot: BotHarness) -> None:
    assert "every day at 08:30 (Europe/Berlin)" in one(bot.command("digest", "daily 8:30 europe/berlin"))
    bot.command("settings", "time 09:15")
    live = [j for j in bot.app.job_queue.get_jobs_by_name("digest:5") if not j.removed]
    assert len(live) == 1
    text = one(bot.command("settings", "quiet 22:00-07:00"))
    assert "Quiet hours: 22:00–07:00" in text and "daily at 09:15" in text
    assert "not a time" in one(bot.command("settings", "quiet 25:99-07:00"))
    assert "muted until" in one(bot.command("mute", "2h")).lower()
    assert "duration" in one(bot.command("mute", "forever"))


def test_sources_are_admin_only(bot: BotHarness, tmp_path: Path) -> None:
    assert "only the bot's admins" in one(bot.command("sources", "list", chat_id=6, user_id=6))
    (tmp_path / "inbox").mkdir()
    assert "Added" in one(bot.command("sources", f"add inbox {tmp_path / 'inbox'}"))
    assert "inbox" in one(bot.command("sources", "list"))


def test_inbox_call_alerts_once_with_the_right_sentence(bot: BotHarness, fake_bot_api: FakeBotAPI, tmp_path: Path,
                                                         settled) -> None:
    from bot.sources import poll_due

    bot.command("track", '"supply chain"')
    bot.command("track", "robotaxi", chat_id=6)
    (tmp_path / "inbox").mkdir()
    bot.command("sources", f"add inbox {tmp_path / 'inbox'}")
    (tmp_path / "inbox" / "nwrb.txt").write_bytes(CALL)
    settled(tmp_path / "inbox" / "nwrb.txt")
    db = bot.app.bot_data["db"]
    poll_due(db)
    before5, before6 = len(fake_bot_api.messages(5)), len(fake_bot_api.messages(6))
    drain(bot)
    drain(bot)
    alerts = fake_bot_api.messages(5)[before5:]
    assert len(alerts) == 1 and len(fake_bot_api.messages(6)) == before6
    alert = alerts[0]
    assert "Our supply chains recovered this quarter and inventories fell by 12%." in alert["text"]
    assert "<b>supply chains</b>" in alert["html"] and "Jane Roe" in alert["text"]
    assert set(buttons(alert)) == {"Summary", "Topics", "Changes"}
    _, shown = bot.press(alert, buttons(alert)["Summary"])  # B's button answers about this call
    assert fake_bot_api.violations == []


def test_blocked_user_stops_receiving_others_continue_and_writing_reactivates(
        bot: BotHarness, fake_bot_api: FakeBotAPI) -> None:
    from bot.ops.ingest import ingest_bytes
    from storage import alerts as chats

    for chat in (5, 6, 7):
        bot.command("track", "tariff", chat_id=chat, user_id=chat)
    fake_bot_api.block(6)
    db = bot.app.bot_data["db"]
    ingest_bytes(db, CALL, "call.txt")
    drain(bot)
    assert chats.get_chat(db, 6).active == 0
    got = {c: [m for m in fake_bot_api.messages(c) if "Tariffs" in m["text"]] for c in (5, 6, 7)}
    assert len(got[5]) == 1 and len(got[7]) == 1 and got[6] == []
    fake_bot_api.unblock(6)
    bot.text("hello again", chat_id=6, user_id=6)
    assert chats.get_chat(db, 6).active == 1
