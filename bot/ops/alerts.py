"""Subscriptions and alert matching. STUB: filled in by the alerts work."""
from __future__ import annotations

from sqlite_utils import Database

from summarizer.model import Sentence, Transcript


def match_new_call(db: Database, call_id: int, transcript: Transcript, sentences: list[Sentence]) -> int:
    """Match every subscription against a newly stored call and queue alerts in the outbox.

    Runs inside the ingest transaction; returns the number of alerts queued."""
    return 0
