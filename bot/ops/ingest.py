"""Ingest one document (bytes, text, a URL): parsed, split and analysed, then stored and matched in one transaction.

Many documents at once (files, folders, `-j` worker processes, batched writes): `bot.ops.batch_ingest`."""
from __future__ import annotations

import logging
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from sqlite_utils import Database

from bot.metrics import record_ingest
from bot.ops.alerts import match_new_call
from bot.ops.analysis import AnalysisRows, analysis_rows, store_analyses
from bot.ops.corrections import Changes
from storage import transcripts as store
from storage.db import write_transaction
from storage.transcripts import CallInfo
from summarizer.errors import InputError
from summarizer.model import Sentence, Transcript, sentences_of
from summarizer.parse import DEFAULT_MAX_BYTES, parse_bytes

log = logging.getLogger(__name__)


@dataclass
class IngestResult:
    """What happened to one document: added, a duplicate of a stored call, or a new version of one. A duplicate
    may have `filled` what the stored call lacked (its quarter, ticker, date...), or `note` where they differ."""

    call_id: int
    status: str  # added | duplicate | version
    version: int
    call: CallInfo
    alerts: int = 0
    filled: str | None = None  # 'quarter Q4 2021, ticker ACME': set on the stored call from this copy
    note: str | None = None  # where this copy disagrees with the stored call, and how to fix it
    differs: list[str] = field(default_factory=list)  # 'its quarter Q4 2021 differs from this copy's Q3 2025'

    def to_json(self) -> dict:
        return {"call_id": self.call_id, "status": self.status, "version": self.version, "alerts": self.alerts,
                "call": self.call.to_json(), "filled": self.filled, "note": self.note,
                "differs": self.differs}


@dataclass
class IngestFailure:
    """A document that could not be ingested, and why (one line)."""

    name: str
    reason: str


@dataclass
class IngestReport:
    """The outcome of ingesting many documents."""

    results: list[tuple[str, IngestResult]] = field(default_factory=list)
    failures: list[IngestFailure] = field(default_factory=list)

    def count(self, status: str) -> int:
        return sum(r.status == status for _, r in self.results)

    @property
    def summary(self) -> str:
        added, versions = self.count("added"), self.count("version")
        dup, failed = self.count("duplicate"), len(self.failures)
        new = f"{added + versions} added" + (f" ({versions} new version{'s' * (versions != 1)})" if versions else "")
        return f"{new}, {dup} duplicate{'s' * (dup != 1)}, {failed} failed"


@dataclass
class Prepared:
    """A parsed, split and analysed document, ready for the writer: everything but the database work."""

    name: str
    transcript: Transcript
    sentences: list[Sentence]
    digest: str
    analyses: AnalysisRows | None  # None: not computed, the content looked stored already (the writer decides)


def prepare(name: str, tr: Transcript, sentences: list[Sentence], *,
            stored: Callable[[str], bool] | None = None) -> Prepared:
    """Hash and analyse a parsed call (CPU only; no writes): what bulk ingest's worker processes do. `stored(digest)`
    says whether that content is in the database already, so a re-run does not analyse what it will not store."""
    digest = store.content_hash(tr)
    skip = stored is not None and stored(digest)
    return Prepared(name, tr, sentences, digest, None if skip else analysis_rows(tr, sentences))


def ingest_transcript(db: Database, tr: Transcript) -> IngestResult:
    """Split a parsed call into sentences, then store it (see `store_parsed`)."""
    return store_parsed(db, tr, sentences_of(tr))


def _known_call(db: Database, existing: CallInfo, tr: Transcript, overrides: Changes | None) -> IngestResult:
    """The same call again: the metadata a user gave (`overrides`) re-points the stored call; metadata the stored
    call lacks is filled from this copy; where they disagree, the result says so and how to fix it."""
    from bot.ops.corrections import better_metadata

    record_ingest("duplicate")
    fill, clash = better_metadata(existing, tr)
    ch = overrides if overrides else fill
    if ch:
        with write_transaction(db):
            existing = store.update_call_meta(db, existing.id, **ch.values)
    note = None
    if clash and not overrides:
        note = "; ".join(clash) + f": if this copy is right, `earnings-bot edit {existing.id} --quarter ... --company ...`"
    return IngestResult(existing.id, "duplicate", existing.version, existing, filled=ch.describe() if ch else None,
                        note=note, differs=list(clash) if not overrides else [])


def store_parsed(db: Database, tr: Transcript, sentences: list[Sentence], *,
                 overrides: Changes | None = None) -> IngestResult:
    """Analyse a parsed, split call, then store it in ONE transaction with its analyses and alert matching (see
    `store_prepared`). The same content again reports the stored call, analysed for nothing, filling in what it
    lacked (or, with `overrides`, re-pointing it)."""
    if overrides:
        overrides.apply(tr)
    existing = store.find_by_hash(db, store.content_hash(tr))
    if existing:
        return _known_call(db, existing, tr, overrides)
    return store_prepared(db, prepare(tr.source or "", tr, sentences))


def store_prepared(db: Database, p: Prepared, *, overrides: Changes | None = None, index: bool = True) -> IngestResult:
    """Store a prepared call with its analyses and alert matching in ONE transaction (a savepoint inside a batch's
    transaction); a failure rolls all of it back. The same content again reports the stored call ("duplicate"),
    filling in what it lacked; a different text for a stored company and period becomes its next version
    ("version"). `overrides`: the metadata the user gave, set whatever the document says. `index=False`: the
    full-text rows are left to the caller (`storage.transcripts.index_calls`, in the same transaction)."""
    if overrides:
        overrides.apply(p.transcript)
    known = store.find_by_hash(db, p.digest)
    if known:
        return _known_call(db, known, p.transcript, overrides)
    try:
        with write_transaction(db):
            existing = store.find_by_hash(db, p.digest)
            if existing:
                record_ingest("duplicate")
                return IngestResult(existing.id, "duplicate", existing.version, existing)
            call = store.insert_call(db, p.transcript, p.sentences, p.digest, index=index)
            store_analyses(db, call.id, p.analyses if p.analyses is not None else analysis_rows(p.transcript, p.sentences))
            alerts = match_new_call(db, call.id, p.transcript, p.sentences)
    except sqlite3.IntegrityError:  # another process stored the same content meanwhile
        existing = store.find_by_hash(db, p.digest)
        if existing is None:
            raise
        record_ingest("duplicate")
        return IngestResult(existing.id, "duplicate", existing.version, existing)
    status = "version" if call.version > 1 else "added"
    record_ingest(status)
    return IngestResult(call.id, status, call.version, call, alerts or 0)


def ingest_bytes(db: Database, data: bytes, name: str, *, max_bytes: int = DEFAULT_MAX_BYTES,
                 source: str | None = None, overrides: Changes | None = None) -> IngestResult:
    """Parse a document of any supported format and store it. Raises InputError with a one-line reason."""
    try:
        tr = parse_bytes(data, name, max_bytes=max_bytes)
    except InputError:
        record_ingest("failed")
        raise
    tr.source = source or tr.source or name
    return store_parsed(db, tr, sentences_of(tr), overrides=overrides)


def ingest_text(db: Database, text: str, name: str = "pasted text") -> IngestResult:
    """Store a transcript pasted as text."""
    return ingest_bytes(db, text.encode("utf-8"), name)


def ingest_url(db: Database, url: str, *, allow_private: bool = False, max_bytes: int = DEFAULT_MAX_BYTES) -> IngestResult:
    """Fetch a page (http/https, capped, public addresses only unless allowed) and store the call on it."""
    from bot.fetch import fetch_url

    data, name = fetch_url(url, max_bytes=max_bytes, allow_private=allow_private)
    return ingest_bytes(db, data, name, max_bytes=max_bytes, source=url)


def ingest_bytes_at(db_path: str | Path, data: bytes, name: str, max_bytes: int = DEFAULT_MAX_BYTES,
                    source: str | None = None) -> IngestResult:
    """`ingest_bytes` on its own connection to the file at `db_path`: the job a worker process runs
    (bot.worker), so a document that never finishes parsing is killed, not waited for."""
    from storage.db import open_db

    db = open_db(db_path)
    try:
        return ingest_bytes(db, data, name, max_bytes=max_bytes, source=source)
    finally:
        db.close()


def ingest_url_at(db_path: str | Path, url: str, max_bytes: int = DEFAULT_MAX_BYTES,
                  allow_private: bool = False) -> IngestResult:
    """`ingest_url` on its own connection (a worker process's job, like `ingest_bytes_at`)."""
    from storage.db import open_db

    db = open_db(db_path)
    try:
        return ingest_url(db, url, allow_private=allow_private, max_bytes=max_bytes)
    finally:
        db.close()


def ingest_isolated(job: Callable[..., IngestResult], *args: object, timeout: float | None = None,
                    what: str = "The document") -> IngestResult:
    """`job(*args)` (`ingest_bytes_at` or `ingest_url_at`) in a worker process killed at its limit (bot.worker),
    its outcome counted here: the child's own metrics end with it."""
    from bot import worker

    try:
        result = worker.run(job, *args, timeout=timeout, what=what)
    except InputError:
        record_ingest("failed")
        raise
    record_ingest(result.status)
    return result
