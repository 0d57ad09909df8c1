"""Blocking work off the event loop: SQLite queries, building a reply, waiting for a worker process, fetching.

Each pool is a few daemon threads (a thread still busy at shutdown never delays the exit; SQLite rolls back
what it had not committed). A thread keeps its own connection per database file, since an sqlite3
connection belongs to one thread. `run_db` runs `fn(db, *args)` with a time limit: past it the caller gets
`TooSlow` at once, and the thread's next SQL step is interrupted (storage.db.time_limit), so an abandoned job
frees its thread within moments instead of running on."""
from __future__ import annotations

import asyncio
import concurrent.futures
import logging
import queue
import threading
from collections import OrderedDict
from pathlib import Path
from typing import Any, Callable

from summarizer.errors import InputError

log = logging.getLogger(__name__)
POOL_SIZES = {"views": 8, "documents": 2, "sources": 4, "digests": 2, "outbox": 1}
_CONNECTIONS_PER_THREAD = 4


class TooSlow(InputError):
    """Building a reply took longer than its time limit."""


class _Pool:
    """Daemon threads taking (fn, args, future) from one queue."""

    def __init__(self, name: str, size: int) -> None:
        self.name, self.size = name, size
        self._queue: queue.SimpleQueue = queue.SimpleQueue()
        self._threads: list[threading.Thread] = []
        self._lock = threading.Lock()

    def submit(self, fn: Callable, *args: Any) -> concurrent.futures.Future:
        fut: concurrent.futures.Future = concurrent.futures.Future()
        with self._lock:
            if len(self._threads) < self.size:
                t = threading.Thread(target=self._work, name=f"{self.name}-{len(self._threads)}", daemon=True)
                self._threads.append(t)
                t.start()
        self._queue.put((fn, args, fut))
        return fut

    def _work(self) -> None:
        while True:
            fn, args, fut = self._queue.get()
            if not fut.set_running_or_notify_cancel():
                continue
            try:
                fut.set_result(fn(*args))
            except BaseException as e:  # noqa: BLE001 - handed to the awaiting coroutine
                fut.set_exception(e)


_pools: dict[str, _Pool] = {}
_pools_lock = threading.Lock()
_local = threading.local()


def _pool(name: str) -> _Pool:
    with _pools_lock:
        if name not in _pools:
            _pools[name] = _Pool(name, POOL_SIZES.get(name, 4))
        return _pools[name]


async def run(fn: Callable, *args: Any, pool: str = "views", timeout: float | None = None) -> Any:
    """`fn(*args)` in a thread of `pool`; past `timeout` seconds, TooSlow (the thread is left to finish)."""
    fut = asyncio.wrap_future(_pool(pool).submit(fn, *args))
    if timeout is None:
        return await fut
    try:
        return await asyncio.wait_for(fut, timeout)
    except asyncio.TimeoutError:
        raise TooSlow(f"That took too long (over {timeout:g} s): try something narrower, or again in a moment.") from None


def thread_db(path: str | Path):  # -> sqlite_utils.Database
    """This thread's own connection to the database file at `path` (opened on first use, a few kept)."""
    conns: OrderedDict = getattr(_local, "conns", None) or OrderedDict()
    _local.conns = conns
    key = str(path)
    db = conns.get(key)
    if db is None:
        from storage.db import open_db

        db = conns[key] = open_db(path)
        while len(conns) > _CONNECTIONS_PER_THREAD:
            _, old = conns.popitem(last=False)
            try:
                old.close()
            except Exception:  # noqa: BLE001 - closing a connection another file replaced
                pass
    conns.move_to_end(key)
    return db


def _with_db(path: str | Path, seconds: float | None, fn: Callable, args: tuple) -> Any:
    db = thread_db(path)
    if seconds is None:
        return fn(db, *args)
    from storage.db import time_limit

    with time_limit(db, seconds, f"That took too long (over {seconds:g} s): try something narrower."):
        return fn(db, *args)


async def run_db(path: str | Path, fn: Callable, *args: Any, pool: str = "views", timeout: float | None = None) -> Any:
    """`fn(db, *args)` in a thread with its own connection to `path`, within `timeout` seconds (SQL included)."""
    return await run(_with_db, path, timeout, fn, args, pool=pool, timeout=None if timeout is None else timeout + 0.5)
