"""Numbered schema migrations, applied in order by `storage.db.open_db`.

Add a new `mNNN_*` function at the end; never edit one that has shipped.
"""
from __future__ import annotations

from sqlite_utils import Database
from sqlite_utils.migrations import Migrations

migrations = Migrations("earnings_bot")


@migrations()
def m001_transcripts(db: Database) -> None:
    """Calls, their speaker turns, their sentences, and a full-text index over sentences."""
    db["transcripts"].create(
        {
            "id": int,
            "title": str,
            "company": str,
            "company_key": str,  # normalised company name, for lookups and versioning
            "ticker": str,
            "fiscal_quarter": int,
            "fiscal_year": int,
            "call_date": str,
            "source": str,
            "preamble": str,  # article text before the transcript (news intros), not a turn
            "content_hash": str,
            "version": int,  # 1 for the first text of a company+period, 2 for the next, ...
            "supersedes": int,  # id of the previous version, or null
            "n_turns": int,
            "n_words": int,
            "ingested_at": str,
        },
        pk="id",
        not_null={"content_hash", "version", "ingested_at"},
        defaults={"version": 1},
    )
    db["transcripts"].create_index(["content_hash"], unique=True)
    db["transcripts"].create_index(["company_key", "fiscal_year", "fiscal_quarter"])
    db["transcripts"].create_index(["ticker"])
    db["turns"].create(
        {
            "id": int,
            "transcript_id": int,
            "idx": int,
            "speaker": str,
            "role": str,
            "title": str,
            "firm": str,
            "section": str,
            "text": str,
        },
        pk="id",
        foreign_keys=[("transcript_id", "transcripts", "id")],
        not_null={"transcript_id", "idx"},
    )
    db["turns"].create_index(["transcript_id", "idx"], unique=True)
    db["sentences"].create(
        {"id": int, "transcript_id": int, "turn_idx": int, "position": int, "text": str},
        pk="id",
        foreign_keys=[("transcript_id", "transcripts", "id")],
        not_null={"transcript_id", "turn_idx", "position", "text"},
    )
    db["sentences"].create_index(["transcript_id", "position"], unique=True)
    db.execute(
        "CREATE VIRTUAL TABLE sentences_fts USING fts5("
        "text, content='sentences', content_rowid='id', tokenize='porter unicode61')"
    )


@migrations()
def m002_analyses(db: Database) -> None:
    """Results computed at ingest (summary, figures, topics, qa), keyed by the method and version that made them."""
    db["analyses"].create(
        {
            "transcript_id": int,
            "kind": str,
            "method": str,
            "version": str,
            "data": str,  # JSON
            "created_at": str,
        },
        pk=("transcript_id", "kind", "method"),
        foreign_keys=[("transcript_id", "transcripts", "id")],
        not_null={"version", "data"},
    )
