"""Ingest many documents (files, folders, URLs, stdin): parsing and analysis in worker processes, one writer.

`ingest_paths(..., jobs=N)` reads, parses, splits, hashes and analyses each document in N worker processes
(`prepare_document`: no writes), while this process is the only writer: it stores the prepared calls in input
order, in batched transactions of the calls that are ready (the write lock is never held while waiting for a
worker), each call inside its own savepoint, so every call is still all-or-nothing (a failure in storing,
analysis or matching rolls back that call alone) and alerts are matched exactly once, by the writer. Results and
failures come back in input order whatever `jobs` is. `jobs=1` runs the same steps in this process."""
from __future__ import annotations

import logging
import multiprocessing
import os
import signal
import sqlite3
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from contextlib import ExitStack
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path

from sqlite_utils import Database

from bot.metrics import record_ingest
from bot.ops.documents import is_url, read_document
from bot.ops.corrections import Changes
from bot.ops.ingest import IngestFailure, IngestReport, IngestResult, Prepared, prepare, store_prepared
from storage.db import bulk_writes, database_file, write_transaction
from storage.transcripts import StoredCheck, index_calls
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
BATCH_MAX = 32  # calls per write transaction at most: one commit (and one full-text index segment) per batch
BATCH_MAX_S = 2.0  # and no call waits longer than this to be stored once it is ready
WINDOW_PER_JOB = 3  # documents in flight per worker: enough to keep each busy, few enough to bound memory


def default_jobs() -> int:
    """Worker processes by default: the cores this process may run on."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


def expand_paths(paths: Iterable[str]) -> Iterator[tuple[str, Path | None]]:
    """Each file named, or found (recursively, hidden files skipped, links not followed) in a folder; '-' is stdin."""
    for p in paths:
        if p == "-" or is_url(p):
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
    if path is None and is_url(name):
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


def prepare_document(name: str, path: Path | None, max_bytes: int, allow_private: bool,
                     stored: Callable[[str], bool] | None = None) -> Prepared | IngestFailure:
    """Everything before the write for one document: read, parse, split, hash and analyse (skipped when `stored`
    says the content is in the database already). Never raises for the document's fault: a failure comes back
    with its one line."""
    try:
        tr, sentences = _parse_one(name, path, max_bytes, allow_private)
        return prepare(name, tr, sentences, stored=stored)
    except InputError as e:
        return IngestFailure(name, str(e))
    except RecursionError:
        return IngestFailure(name, f"{name} is nested too deeply to read: send it as plain text.")
    except Exception as e:  # a parser or analysis bug must not lose the rest of the batch, nor show a traceback
        log.exception("reading %s failed", name)
        return IngestFailure(name, f"{name} could not be read ({type(e).__name__}): try saving it as .txt, and please "
                                   "report the file.")


_worker_check: StoredCheck | None = None  # a worker process's own read-only connection, for its whole life


def _worker_init(db_path: str | None) -> None:
    global _worker_check
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the writer's to handle: it stops the workers
    _worker_check = StoredCheck(db_path)


def _worker_prepare(name: str, path: Path | None, max_bytes: int, allow_private: bool) -> Prepared | IngestFailure:
    return prepare_document(name, path, max_bytes, allow_private, _worker_check)


class _Writer:
    """The one writer: stores prepared calls in batched transactions, a savepoint each; keeps the report in order."""

    def __init__(self, db: Database | Callable[[], Database], report: IngestReport, overrides: Changes | None = None) -> None:
        self.overrides = overrides
        self.factory = db if callable(db) and not isinstance(db, Database) else None
        self.db: Database | None = None if self.factory else db  # type: ignore[assignment]
        self.report = report
        self.pending: list[Prepared | IngestFailure] = []
        self.since = 0.0
        self.bulk = ExitStack()
        self.bulk_on = False

    def add(self, item: Prepared | IngestFailure) -> None:
        """Queue one outcome; the batch is written when full or when its first call has waited BATCH_MAX_S."""
        if not self.pending:
            self.since = time.monotonic()
        self.pending.append(item)
        if len(self.pending) >= BATCH_MAX or time.monotonic() - self.since >= BATCH_MAX_S:
            self.flush()

    def flush(self) -> None:
        """Store what is pending in one transaction (opening the database on the first good document)."""
        items, self.pending = self.pending, []
        if any(isinstance(i, Prepared) for i in items) and self.db is None:
            self.db = self.factory()  # type: ignore[misc]
        if self.db is not None and len(items) > 1 and not self.bulk_on:
            self.bulk.enter_context(bulk_writes(self.db))
            self.bulk_on = True
        stored: list[tuple[str, object]] = []
        try:
            if self.db is not None and any(isinstance(i, Prepared) for i in items):
                with write_transaction(self.db):
                    stored = [(i.name, self._store(i) if isinstance(i, Prepared) else i) for i in items]
                    index_calls(self.db, [o.call_id for _, o in stored if isinstance(o, IngestResult)
                                          and o.status != "duplicate"])
            else:
                stored = [(i.name, i) for i in items]
        except sqlite3.DatabaseError as e:  # the batch's transaction (or its indexing) failed: none of it was kept
            stored = [(i.name, i if isinstance(i, IngestFailure) else IngestFailure(
                i.name, f"{i.name} was not stored: database error ({e}); nothing of it was kept, try again."))
                for i in items]
        for name, outcome in stored:
            if isinstance(outcome, IngestFailure):
                record_ingest("failed")
                self.report.failures.append(outcome)
            else:
                self.report.results.append((name, outcome))  # type: ignore[arg-type]

    def close(self, *, flush: bool = True) -> None:
        """Write what is pending (unless the run failed), then end the bulk-writing mode."""
        try:
            if flush:
                self.flush()
        finally:
            self.bulk.close()

    def _store(self, p: Prepared) -> object:
        try:
            return store_prepared(self.db, p, overrides=self.overrides, index=False)  # type: ignore[arg-type]
        except sqlite3.OperationalError:
            raise  # the database, not this document: the whole batch is reported
        except Exception as e:  # a hook's bug: its savepoint rolled back, the batch goes on
            log.exception("storing %s failed", p.name)
            return IngestFailure(p.name, f"{p.name} was not stored ({type(e).__name__} in analysis or matching); "
                                         "nothing of it was kept, please report it.")


def _context() -> multiprocessing.context.BaseContext:
    """How workers start: fork when this process runs one thread (the CLI: instant, and the imports are shared),
    else forkserver (forking beside other threads can deadlock; the server imported the ingest code once), and
    spawn where neither exists."""
    methods = multiprocessing.get_all_start_methods()
    if "fork" in methods and threading.active_count() == 1:
        return multiprocessing.get_context("fork")
    if "forkserver" in methods:
        ctx = multiprocessing.get_context("forkserver")
        ctx.set_forkserver_preload(["bot.ops.batch_ingest", "summarizer.analysis"])
        return ctx
    return multiprocessing.get_context("spawn")


def _broken(name: str) -> IngestFailure:
    return IngestFailure(name, f"{name} was not stored: a worker process stopped (out of memory?); nothing of it "
                               "was kept, try again with -j 1.")


def _prepared_in_workers(docs: list[tuple[str, Path | None]], jobs: int, max_bytes: int, allow_private: bool,
                         check: StoredCheck) -> Iterator[Prepared | IngestFailure]:
    """Each document prepared, in input order, by `jobs` worker processes; at most
    WINDOW_PER_JOB documents per worker in flight. Standard input is read here (workers have none)."""
    window: deque[tuple[str, Future]] = deque()
    todo = iter(docs)
    pool = ProcessPoolExecutor(max_workers=jobs, mp_context=_context(), initializer=_worker_init,
                               initargs=(check.db_path,))

    def refill() -> None:
        while len(window) < jobs * WINDOW_PER_JOB and (nxt := next(todo, None)) is not None:
            name, path = nxt
            fut: Future = Future()
            if name == "-":
                fut.set_result(prepare_document(name, path, max_bytes, allow_private, check))
            else:
                try:
                    fut = pool.submit(_worker_prepare, name, path, max_bytes, allow_private)
                except (BrokenProcessPool, RuntimeError):  # the pool broke earlier
                    fut.set_result(_broken(name))
            window.append((name, fut))

    try:
        refill()
        while window:
            name, fut = window.popleft()
            try:
                item = fut.result()
            except BrokenProcessPool:
                item = _broken(name)
            refill()
            yield item
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def ingest_paths(db: Database | Callable[[], Database], paths: Iterable[str], *, max_bytes: int = DEFAULT_MAX_BYTES,
                 progress: Callable[[str], None] | None = None, allow_private: bool = False, jobs: int = 1,
                 db_path: str | Path | None = None, overrides: Changes | None = None) -> IngestReport:
    """Ingest files, folders (recursively), http(s) URLs and '-' (stdin): the good ones are stored, each failure kept
    with its one-line reason, both in input order. `jobs` worker processes prepare documents (1: this process).

    `db` may be a function opening the database on first need, so a run where every document fails never
    touches the file (`db_path` then names it, for the workers' read-only duplicate check). Errors opening the
    database propagate (they are not a document's fault). `overrides`: metadata the user gave (company, ticker,
    quarter, date), set on every document whatever it says."""
    report = IngestReport()
    writer = _Writer(db, report, overrides)
    docs = list(expand_paths(paths))
    named = str(db_path) if db_path is not None else database_file(db) if isinstance(db, Database) else None
    check = StoredCheck(named)
    try:
        if jobs > 1 and len(docs) > 1:
            items: Iterator[Prepared | IngestFailure] = _prepared_in_workers(
                docs, min(jobs, len(docs)), max_bytes, allow_private, check)
        else:
            items = (prepare_document(name, path, max_bytes, allow_private, check) for name, path in docs)
        for item in items:
            if progress:
                progress(item.name)
            writer.add(item)
        writer.close()
    except BaseException:
        writer.close(flush=False)
        raise
    finally:
        check.close()
    return report
