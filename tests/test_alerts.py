"""Subscriptions, settings and alert matching at ingest: one grouped alert per chat per call, in the outbox."""
from __future__ import annotations

import json
from datetime import datetime, timezone
from pathlib import Path

import pytest

from bot.ops import alerts as ops
from bot.ops.ingest import ingest_bytes
from storage import alerts as chats
from storage import outbox
from summarizer.errors import InputError, QueryError

CALL = (Path(__file__).parent / "data" / "alerts" / "nwrb-q3-2025-call.txt").read_bytes()


def queued(db, chat_id=None):
    return [i for i in outbox.items(db, chat_id=chat_id, limit=1000)]


def test_one_alert_per_chat_groups_all_hits_with_bold_terms_speaker_and_buttons(db) -> None:
    ops.track(db, 1, '"supply chain"')
    ops.track(db, 1, "inventory")
    ops.track(db, 1, "robotaxi")
    ops.track(db, 2, "tariff AND margin")
    res = ingest_bytes(db, CALL, "call.txt")
    assert res.alerts == 2
    (a,) = queued(db, 1)
    assert a.kind == "alert" and a.call_id == res.call_id and a.status == "pending"
    assert a.dedupe_key == f"alert:1:{res.call_id}"
    assert "Northwind" in a.text and "Q3 2025" in a.text
    assert "<b>supply chains</b>" in a.text and "<b>inventories</b>" in a.text and "<b>Jane Roe</b>" in a.text
    assert a.text.count("“") == 1  # both terms are in the same sentence: shown once
    buttons = [b for row in a.markup["inline_keyboard"] for b in row]
    assert {b["text"] for b in buttons} == {"Summary", "Topics", "Changes"}
    assert all(len(b["callback_data"].encode()) < 64 for b in buttons)
    (b,) = queued(db, 2)
    assert "<b>Tariffs</b>" in b.text and "<b>margin</b>" in b.text


def test_ai_does_not_fire_on_said_and_nothing_is_queued_without_a_hit(db) -> None:
    ops.track(db, 1, "AI NOT warehouse")
    ops.track(db, 2, "said")
    ingest_bytes(db, CALL, "call.txt")
    assert queued(db, 1) == [] and len(queued(db, 2)) == 1


def test_same_call_again_queues_nothing_more(db) -> None:
    ops.track(db, 1, "tariff")
    ingest_bytes(db, CALL, "call.txt")
    again = ingest_bytes(db, CALL, "again.txt")
    assert again.status == "duplicate" and len(queued(db)) == 1


def test_ticker_restriction_and_follow(db) -> None:
    q, t = ops.split_for('"supply chain" for hlcn, $XYZ')
    assert q == '"supply chain"' and t == ["hlcn", "$XYZ"]
    ops.track(db, 1, q, t)
    ops.track(db, 2, "tariff", ["NWRB"])
    ops.follow(db, 3, "NWRB")
    ingest_bytes(db, CALL, "call.txt")
    assert {i.chat_id for i in queued(db)} == {2, 3}
    (f,) = queued(db, 3)
    assert "company you follow" in f.text


def test_following_a_name_before_its_first_call_fires_on_its_full_name_only(db) -> None:
    ops.follow(db, 4, "Northwind")  # nothing stored yet: followed by what the user typed
    ops.follow(db, 5, "North")  # a word prefix, not a name: must not fire
    ingest_bytes(db, CALL, "call.txt")
    assert {i.chat_id for i in queued(db)} == {4}


def test_muted_chat_gets_no_alert_and_blocked_chat_neither(db) -> None:
    for chat in (1, 2, 3):
        ops.track(db, chat, "tariff")
    ops.mute(db, 1, "2h")
    chats.set_active(db, 2, False)
    ingest_bytes(db, CALL, "call.txt")
    assert {i.chat_id for i in queued(db)} == {3}


def test_quiet_hours_delay_the_alert_to_their_end(db) -> None:
    ops.track(db, 1, "tariff")
    ops.set_setting(db, 1, "timezone", "europe/berlin")
    ops.set_setting(db, 1, "quiet", "22:00-07:00")
    from summarizer.model import sentences_of
    from summarizer.parse import parse_bytes

    tr = parse_bytes(CALL, "call.txt")
    now = datetime(2026, 1, 15, 23, 30, tzinfo=timezone.utc)  # 00:30 in Berlin
    with db.atomic():
        n = ops.match_new_call(db, 99, tr, sentences_of(tr), now=now)
    assert n == 1
    (a,) = queued(db, 1)
    assert a.next_attempt_at == "2026-01-16T06:00:00.000000Z"  # 07:00 Berlin
    assert ops.quiet_until(chats.get_chat(db, 1), datetime(2026, 1, 15, 12, 0, tzinfo=timezone.utc)) is None


def test_limits_are_configurable(db, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("EARNINGS_BOT_MAX_SUBSCRIPTIONS", "2")
    monkeypatch.setenv("EARNINGS_BOT_MAX_QUERY_CHARS", "20")
    ops.track(db, 1, "a1")
    ops.track(db, 1, "a1")  # the same query is kept once
    ops.track(db, 1, "b1")
    with pytest.raises(InputError, match="limit"):
        ops.track(db, 1, "c1")
    with pytest.raises(QueryError, match="20"):
        ops.track(db, 2, "x" * 21)
    assert [s.query for s in ops.tracked(db, 1)] == ["a1", "b1"]
    assert ops.tracked(db, 2) == []


def test_untrack_by_number_text_or_all(db) -> None:
    a = ops.track(db, 1, "tariff")
    ops.track(db, 1, "margin")
    ops.track(db, 1, "ai")
    assert [s.id for s in ops.untrack(db, 1, str(a.id))] == [a.id]
    assert [s.query for s in ops.untrack(db, 1, "MARGIN")] == ["margin"]
    with pytest.raises(InputError, match="/tracked"):
        ops.untrack(db, 2, "ai")  # another chat's subscription is not yours
    ops.untrack(db, 1, "all")
    assert ops.tracked(db, 1) == []


@pytest.mark.parametrize("spec,msg", [("hourly", "daily"), ("daily 25:99", "00:00 and 23:59"),
                                      ("daily 08:00 Mars/Olympus", "Unknown timezone"), ("off now", "nothing")])
def test_bad_digest_specs_get_one_line(db, spec: str, msg: str) -> None:
    with pytest.raises(InputError, match=msg):
        ops.set_digest(db, 1, spec)
    assert chats.get_chat(db, 1) is None or chats.get_chat(db, 1).digest == "off"


def test_digest_spec_and_settings(db) -> None:
    c = ops.set_digest(db, 1, "weekly fri 7:30 america/new_york")
    assert (c.digest, c.digest_day, c.digest_time, c.timezone) == ("weekly", 4, "07:30", "America/New_York")
    assert ops.set_digest(db, 1, "off").digest == "off"
    assert ops.set_setting(db, 1, "length", "3").summary_length == 3
    with pytest.raises(InputError):
        ops.set_setting(db, 1, "length", "300")
    with pytest.raises(InputError, match="duration"):
        ops.mute(db, 1, "forever")
    assert ops.mute(db, 1, "off") is None


def test_more_than_20_tickers_are_refused_not_cut(db) -> None:
    letters = [a + b for a in "ABC" for b in "XYZWVUT"][:21]
    with pytest.raises(InputError, match="21 tickers; an alert takes at most 20"):
        ops.track(db, 1, "margin", letters)
    assert ops.track(db, 1, "margin", letters[:20]).ticker_list == sorted(letters[:20])


def test_full_width_digits_are_stored_as_ascii_times(db) -> None:
    """'０８:００' (an East Asian keyboard) was stored as '08:００', which then broke every later command of the chat."""
    assert ops.set_setting(db, 1, "time", "０８:００").digest_time == "08:00"
    assert ops.set_digest(db, 1, "daily ７:３０ utc").digest_time == "07:30"
    quiet = ops.set_setting(db, 1, "quiet", "２２:００-０７:００")
    assert "２" not in repr(quiet) and "０" not in repr(quiet)
    assert ops.settings(db, 1).digest_time == "07:30"


def test_hostile_query_text_is_escaped_in_alerts(db) -> None:
    ops.track(db, 1, 'tariff OR "<b>x&y</b>"')
    ingest_bytes(db, CALL, "call.txt")
    (a,) = queued(db, 1)
    assert "&lt;b&gt;x&amp;y&lt;/b&gt;" in a.text
    json.dumps(a.markup)


def test_alert_stays_one_message_under_telegram_limit(db) -> None:
    from summarizer.model import Sentence, Transcript, Turn

    text = " ".join(["R&D <costs> & tariffs & margins & more & more & more & more & more & more & more."] * 4)
    tr = Transcript(company="Jadeport", turns=[Turn("Ann Li", text=text)])
    sentences = [Sentence(0, i, text) for i in range(30)]
    ops.track(db, 1, "tariff")
    with db.atomic():
        assert ops.match_new_call(db, 77, tr, sentences) == 1
    (a,) = queued(db, 1)
    assert len(a.text) <= 4096 and "more matching sentences" in a.text and "&lt;costs&gt;" in a.text
