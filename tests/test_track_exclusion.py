"""`/track revenue -china` (issue 14, row 13): a leading minus excludes a word, as `/search` reads it, so a call
that mentions China does not alert; through the real ingest and outbox."""
from __future__ import annotations

from pathlib import Path

from bot.ops import alerts as ops
from bot.ops.ingest import ingest_bytes
from storage import outbox
from summarizer.query import parse_query

CALL = (Path(__file__).parent / "data" / "alerts" / "nwrb-q3-2025-call.txt").read_bytes()


def test_a_leading_minus_is_not() -> None:
    assert parse_query("revenue -china").describe() == parse_query("revenue NOT china").describe()
    assert parse_query('margin -"supply chain"').describe() == parse_query('margin NOT "supply chain"').describe()
    assert parse_query("margin -(china OR japan)").describe() == parse_query("margin NOT (china OR japan)").describe()
    assert parse_query("e-commerce").describe() == '"e commerc"'  # a hyphen inside a word is no exclusion


def test_an_excluded_word_stops_the_alert_as_in_search(db) -> None:
    ops.track(db, 1, "tariffs -pricing")  # the call says both: no alert
    ops.track(db, 2, "tariffs -china")  # it never says China: an alert
    ops.track(db, 3, "tariffs pricing")
    ingest_bytes(db, CALL, "call.txt")
    alerted = {i.chat_id for i in outbox.items(db, limit=100)}
    assert alerted == {2, 3}
