"""Ingest: a document (bytes, text, a path, a URL) parsed, split, stored, analysed and matched in one transaction."""
from __future__ import annotations

import logging
import os
import sys
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from sqlite_utils import Database

from bot.ops.alerts import match_new_call
from bot.ops.analysis import analyze_and_store
from storage import transcripts as store
from storage.transcripts import CallInfo
from summarizer.errors import InputError
from summarizer.model import Transcript, sentences_of
from summarizer.parse import DEFAULT_MAX_BYTES, check_size, parse_bytes

log = logging.getLogger(__name__)
_SKIP_NAMES = (".DS_Store", "Thumbs.db")


def max_bytes_from_env() -> int:
    """The document size cap: EARNINGS_BOT_MAX_BYTES, else 20 MB (Telegram's bot download limit)."""
    raw = os.environ.get("EARNINGS_BOT_MAX_BYTES", "").strip()
    return int(raw) if raw.isdigit() and int(raw) > 0 else DEFAULT_MAX_BYTES


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
    """Store a parsed call (or report the stored duplicate); analysis and alert matching share its transaction."""
    digest = store.content_hash(tr)
    existing = store.find_by_hash(db, digest)
    if existing:
        return IngestResult(existing.id, "duplicate", existing.version, existing)
    sentences = sentences_of(tr)
    with db.atomic():
        call = store.insert_call(db, tr, sentences, digest)
        analyze_and_store(db, call.id, tr, sentences)
        alerts = match_new_call(db, call.id, tr, sentences)
    return IngestResult(call.id, "version" if call.version > 1 else "added", call.version, call, alerts or 0)


def ingest_bytes(db: Database, data: bytes, name: str, *, max_bytes: int = DEFAULT_MAX_BYTES,
                 source: str | None = None) -> IngestResult:
    """Parse a document of any supported format and store it. Raises InputError with a one-line reason."""
    tr = parse_bytes(data, name, max_bytes=max_bytes)
    tr.source = source or tr.source or name
    return ingest_transcript(db, tr)


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
        if p == "-":
            yield "-", None
            continue
        path = Path(p)
        if path.is_dir():
            found = False
            for root, dirs, files in os.walk(path, followlinks=False):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                for f in sorted(files):
                    if not f.startswith(".") and f not in _SKIP_NAMES:
                        found = True
                        yield str(Path(root) / f), Path(root) / f
            if not found:
                yield p, path
        else:
            yield p, path


def read_document(name: str, path: Path | None, max_bytes: int) -> bytes:
    """The bytes of one document, refusing what is too large before reading it."""
    if path is None:
        data = sys.stdin.buffer.read(max_bytes + 1)
        check_size(len(data), "standard input", max_bytes)
        return data
    try:
        if path.is_dir():
            raise InputError(f"{name} is a folder with no files in it: put transcripts in it, or name the files.")
        if not path.exists():
            raise InputError(f"{name} does not exist: check the path.")
        check_size(path.stat().st_size, name, max_bytes)
        return path.read_bytes()
    except PermissionError:
        raise InputError(f"{name} cannot be read (permission denied): check its permissions.") from None
    except OSError as e:
        raise InputError(f"{name} cannot be read ({e.strerror or type(e).__name__}): check the path.") from None


def ingest_paths(db_factory: Callable[[], Database], paths: Iterable[str], *, max_bytes: int = DEFAULT_MAX_BYTES,
                 progress: Callable[[str], None] | None = None) -> IngestReport:
    """Ingest files, folders and stdin; the good ones are stored, each failure is kept with its reason.

    `db_factory` opens the database on first need, so a run where every document fails never touches it."""
    report = IngestReport()
    db: Database | None = None
    for name, path in expand_paths(paths):
        if progress:
            progress(name)
        try:
            data = read_document(name, path, max_bytes)
            tr = parse_bytes(data, path.name if path else "stdin.txt", max_bytes=max_bytes)
            tr.source = str(path) if path else "stdin"
            db = db or db_factory()
            report.results.append((name, ingest_transcript(db, tr)))
        except InputError as e:
            report.failures.append(IngestFailure(name, str(e)))
        except RecursionError:
            report.failures.append(IngestFailure(name, f"{name} is nested too deeply to read: send it as plain text."))
        except Exception as e:  # a bug must not lose the rest of the batch, nor show a traceback
            log.exception("ingest of %s failed", name)
            report.failures.append(IngestFailure(name, f"{name} could not be ingested ({type(e).__name__}): please report this file."))
    return report
