"""Ingest: a document (bytes, text, a path, a URL) parsed, split, stored, analysed and matched in one transaction."""
from __future__ import annotations

import logging
import os
import sqlite3
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from sqlite_utils import Database

from bot.ops.alerts import match_new_call
from bot.ops import analysis as analysis_ops
from bot.ops.analysis import analyze_and_store
from bot.ops.documents import is_url as _is_url, read_document
from storage import transcripts as store
from storage.db import write_transaction
from storage.transcripts import CallInfo
from summarizer.errors import InputError
from summarizer.model import Sentence, Transcript, sentences_of
from summarizer.parse import DEFAULT_MAX_BYTES, parse_bytes

log = logging.getLogger(__name__)
_SKIP_NAMES = (".DS_Store", "Thumbs.db")
# The files of a folder that are read: transcript formats, and formats refused with a reason (a .docx in the
# folder gets its 'not supported' line). Source code, configs, databases and names without an extension
# (Makefile, LICENSE) are passed over: `ingest .` in a project folder must not store them as calls.
_FOLDER_SUFFIXES = frozenset((".txt", ".text", ".md", ".markdown", ".html", ".htm", ".xhtml", ".xml", ".pdf", ".json",
                              ".vtt", ".srt", ".docx", ".doc", ".xlsx", ".xls", ".pptx", ".odt", ".rtf", ".epub",
                              ".zip", ".png", ".jpg", ".jpeg", ".gif"))


@dataclass
class IngestResult:
    """What happened to one document: added, a duplicate of a stored call, or a new version of one."""

    call_id: int
    status: str  # added | duplicate | version
    version: int
    call: CallInfo
    alerts: int = 0

    def to_json(self) -> dict:
        return {"call_id": self.call_id, "status": self.status, "version": self.version, "alerts": self.alerts,
                "call": self.call.to_json()}


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


def ingest_transcript(db: Database, tr: Transcript) -> IngestResult:
    """Split a parsed call into sentences, then store it (see `store_parsed`)."""
    return store_parsed(db, tr, sentences_of(tr))


def store_parsed(db: Database, tr: Transcript, sentences: list[Sentence]) -> IngestResult:
    """Store a parsed, split call in ONE transaction with its analysis and alert matching; a failure rolls all back.

    The same content again is a no-op reporting the stored call ("duplicate"); a different text for a stored
    company and period becomes its next version ("version")."""
    digest = store.content_hash(tr)
    existing = store.find_by_hash(db, digest)
    if existing:
        return IngestResult(existing.id, "duplicate", existing.version, existing)
    bundle = analysis_ops.analyze(tr, sentences)  # before the write lock: other writers wait only for the inserts
    try:
        with write_transaction(db):
            call = store.insert_call(db, tr, sentences, digest)
            analyze_and_store(db, call.id, tr, sentences, bundle=bundle)
            alerts = match_new_call(db, call.id, tr, sentences)
    except sqlite3.IntegrityError:  # another process stored the same content meanwhile
        existing = store.find_by_hash(db, digest)
        if existing is None:
            raise
        return IngestResult(existing.id, "duplicate", existing.version, existing)
    return IngestResult(call.id, "version" if call.version > 1 else "added", call.version, call, alerts or 0)


def ingest_bytes(db: Database, data: bytes, name: str, *, max_bytes: int = DEFAULT_MAX_BYTES,
                 source: str | None = None) -> IngestResult:
    """Parse a document of any supported format and store it. Raises InputError with a one-line reason."""
    tr = parse_bytes(data, name, max_bytes=max_bytes)
    tr.source = source or tr.source or name
    return ingest_transcript(db, tr)


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


def ingest_text(db: Database, text: str, name: str = "pasted text") -> IngestResult:
    """Store a transcript pasted as text."""
    return ingest_bytes(db, text.encode("utf-8"), name)


def ingest_url(db: Database, url: str, *, allow_private: bool = False, max_bytes: int = DEFAULT_MAX_BYTES) -> IngestResult:
    """Fetch a page (http/https, capped, public addresses only unless allowed) and store the call on it."""
    from bot.fetch import fetch_url

    data, name = fetch_url(url, max_bytes=max_bytes, allow_private=allow_private)
    return ingest_bytes(db, data, name, max_bytes=max_bytes, source=url)


def expand_paths(paths: Iterable[str]) -> Iterator[tuple[str, Path | None]]:
    """Each file named, or found (recursively, hidden files skipped, links not followed) in a folder; '-' is stdin."""
    for p in paths:
        if p == "-" or _is_url(p):
            yield p, None
            continue
        path = Path(p)
        if p.strip() and path.is_dir():  # Path('') is '.': an empty argument is refused, never the current folder
            found = False
            for root, dirs, files in os.walk(path, followlinks=False):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                for f in sorted(files):
                    if not f.startswith(".") and f not in _SKIP_NAMES and Path(f).suffix.lower() in _FOLDER_SUFFIXES:
                        found = True
                        yield str(Path(root) / f), Path(root) / f
            if not found:
                yield p, path
        else:
            yield p, path


def _parse_one(name: str, path: Path | None, max_bytes: int, allow_private: bool) -> tuple[Transcript, list[Sentence]]:
    """Read, parse and split one document (no database involved); InputError with a one-line reason."""
    if path is None and _is_url(name):
        from bot.fetch import fetch_url

        data, fname = fetch_url(name, max_bytes=max_bytes, allow_private=allow_private)
        tr = parse_bytes(data, fname, max_bytes=max_bytes)
        tr.source = name
    elif path is not None and path.is_dir() and name.strip():
        raise InputError(f"{name} has no files to read as transcripts (.txt, .md, .html, .pdf, .json): put "
                         f"transcripts in it, or name the files.")
    else:
        data = read_document(name, path, max_bytes)
        tr = parse_bytes(data, path.name if path else "stdin.txt", max_bytes=max_bytes)
        tr.source = str(path) if path else "stdin"
    return tr, sentences_of(tr)


def ingest_paths(db: Database | Callable[[], Database], paths: Iterable[str], *, max_bytes: int = DEFAULT_MAX_BYTES,
                 progress: Callable[[str], None] | None = None, allow_private: bool = False) -> IngestReport:
    """Ingest files, folders (recursively), http(s) URLs and '-' (stdin): the good ones are stored, each failure kept
    with its one-line reason. Each document is parsed before any write; each is its own transaction.

    `db` may be a function opening the database on first need, so a run where every document fails never
    touches the file. Errors opening the database propagate (they are not a document's fault)."""
    report = IngestReport()
    factory = db if callable(db) and not isinstance(db, Database) else None
    opened: Database | None = None if factory else db  # type: ignore[assignment]
    for name, path in expand_paths(paths):
        if progress:
            progress(name)
        try:
            tr, sentences = _parse_one(name, path, max_bytes, allow_private)
        except InputError as e:
            report.failures.append(IngestFailure(name, str(e)))
            continue
        except RecursionError:
            report.failures.append(IngestFailure(name, f"{name} is nested too deeply to read: send it as plain text."))
            continue
        except Exception as e:  # a parser bug must not lose the rest of the batch, nor show a traceback
            log.exception("parsing %s failed", name)
            report.failures.append(IngestFailure(
                name, f"{name} could not be read ({type(e).__name__}): try saving it as .txt, and please report the file."))
            continue
        if opened is None:
            opened = factory()  # type: ignore[misc]
        try:
            report.results.append((name, store_parsed(opened, tr, sentences)))
        except sqlite3.OperationalError as e:
            report.failures.append(IngestFailure(name, f"{name} was not stored: database error ({e}); nothing of it was kept, try again."))
        except Exception as e:  # a hook's bug: the transaction rolled back, the batch goes on
            log.exception("storing %s failed", name)
            report.failures.append(IngestFailure(
                name, f"{name} was not stored ({type(e).__name__} in analysis or matching); nothing of it was kept, please report it."))
    return report
