"""Summaries, key figures, Q&A digests and topics. STUB: filled in by the summarizer work."""
from __future__ import annotations

from sqlite_utils import Database

from summarizer.model import Sentence, Transcript


def analyze_and_store(db: Database, call_id: int, transcript: Transcript, sentences: list[Sentence]) -> None:
    """Compute and store every analysis of a newly stored call. Runs inside the ingest transaction."""
    return None
