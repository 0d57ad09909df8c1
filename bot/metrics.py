"""Prometheus metrics of the bot process (prometheus-client's default registry; served at /metrics, bot/health.py).

Counters and histograms are updated where things happen: `instrument(app)` wraps every update handler (count
and latency by command), the outbox sender records each send's outcome and error class, ingest each
document's outcome, source polling each poll's outcome. The outbox depth is read from SQLite at scrape time.
Labels are fixed vocabularies (command names, outcomes, exception class names): never a chat id, a text or a
token. Counters start at zero when the process starts, as Prometheus expects."""
from __future__ import annotations

import sqlite3
import time
from collections.abc import Awaitable, Callable, Iterator
from pathlib import Path
from typing import Any

from prometheus_client import REGISTRY, Counter, Gauge, Histogram
from prometheus_client.core import GaugeMetricFamily
from prometheus_client.registry import Collector

from storage.outbox import queue_stats

UPDATES = Counter("earnings_bot_updates", "Telegram updates handled, by handler (the command name for commands) "
                  "and outcome (ok, error)", ["command", "outcome"])
HANDLER_SECONDS = Histogram("earnings_bot_handler_seconds", "Time a handler took to answer an update, by handler",
                            ["command"], buckets=(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60))
LAST_UPDATE = Gauge("earnings_bot_last_update_timestamp_seconds",
                    "When the bot last heard from Telegram: a successful getUpdates (polling) or an update "
                    "received (webhook), as Unix time", ["via"])
SENDS = Counter("earnings_bot_outbox_sends", "Outbox send attempts by outcome (sent, retried, deferred, failed, "
                "plain_fallback, migrated) and error class (empty when sent)", ["outcome", "error"])
INGESTS = Counter("earnings_bot_ingests", "Documents ingested by this process, by outcome (added, version, "
                  "duplicate, failed)", ["outcome"])
POLLS = Counter("earnings_bot_source_polls", "Source polls by kind (inbox, rss, page) and outcome (ok, error)",
                ["kind", "outcome"])


def record_send(outcome: str, error: BaseException | str | None = None) -> None:
    """One outbox send's outcome; `error` an exception (its class name is the label) or a short class name."""
    name = type(error).__name__ if isinstance(error, BaseException) else (error or "")
    SENDS.labels(outcome, name).inc()


def record_ingest(outcome: str) -> None:
    """One document's ingest outcome: added, version, duplicate or failed."""
    INGESTS.labels(outcome).inc()


def record_poll(kind: str, ok: bool) -> None:
    POLLS.labels(kind, "ok" if ok else "error").inc()


_heard: dict[str, float] = {}  # via -> monotonic time, for the health check


def record_heard(via: str) -> None:
    """Telegram answered a poll ('poll') or delivered an update ('webhook') just now."""
    _heard[via] = time.monotonic()
    LAST_UPDATE.labels(via).set(time.time())


def heard_age(via: str) -> float | None:
    """Seconds since Telegram was last heard from that way, or None when never (in this process)."""
    at = _heard.get(via)
    return None if at is None else time.monotonic() - at


# ---------------------------------------------------------------- handlers

def handler_label(handler: Any) -> str:
    """The metric label of a PTB handler: its command for a CommandHandler, else its callback's name."""
    commands = getattr(handler, "commands", None)
    if commands:
        return sorted(commands)[0]
    return getattr(handler.callback, "__name__", type(handler).__name__).lstrip("_")


def _timed(label: str, callback: Callable[..., Awaitable[Any]]) -> Callable[..., Awaitable[Any]]:
    async def timed(update: Any, context: Any) -> Any:
        t0 = time.perf_counter()
        outcome = "error"
        try:
            result = await callback(update, context)
            outcome = "ok"
            return result
        except BaseException as e:  # PTB's ApplicationHandlerStop is control flow, not a failure
            if type(e).__name__ == "ApplicationHandlerStop":
                outcome = "ok"
            raise
        finally:
            UPDATES.labels(label, outcome).inc()
            HANDLER_SECONDS.labels(label).observe(time.perf_counter() - t0)

    timed.__name__ = getattr(callback, "__name__", label)
    timed.__wrapped__ = callback  # type: ignore[attr-defined]
    return timed


def instrument(app: Any, *, via: str | None = None) -> None:
    """Count and time every update handler of a built PTB Application (the access gate's group excepted); with
    `via` ('webhook'), also record each update's arrival as the last time Telegram was heard from. Once per app."""
    if app.bot_data.get("_instrumented"):
        return
    app.bot_data["_instrumented"] = True
    for group, handlers in app.handlers.items():
        if group < 0:
            continue
        for h in handlers:
            h.callback = _timed(handler_label(h), h.callback)
    if via:
        from telegram import Update
        from telegram.ext import TypeHandler

        async def heard(update: Any, context: Any) -> None:
            record_heard(via)

        app.add_handler(TypeHandler(Update, heard), group=-1000)


# ---------------------------------------------------------------- outbox depth, read at scrape time

class OutboxCollector(Collector):
    """Rows per outbox status and the age of the oldest pending message, from the database being watched."""

    def __init__(self) -> None:
        self.db_path: Path | None = None

    def collect(self) -> Iterator[GaugeMetricFamily]:
        if self.db_path is None:
            return
        depth = GaugeMetricFamily("earnings_bot_outbox_messages", "Outbox rows by status", labels=["status"])
        oldest = GaugeMetricFamily("earnings_bot_outbox_oldest_pending_seconds",
                                   "Age of the oldest pending outbox message (0 when none)")
        try:
            stats = queue_stats(self.db_path)
        except sqlite3.Error:
            return
        for status in ("pending", "sending", "sent", "failed"):
            depth.add_metric([status], stats["counts"].get(status, 0))
        oldest.add_metric([], stats["oldest_pending_s"] or 0.0)
        yield depth
        yield oldest


OUTBOX = OutboxCollector()
REGISTRY.register(OUTBOX)


def watch_outbox(db_path: Path) -> None:
    """Report this database's outbox in /metrics."""
    OUTBOX.db_path = Path(db_path)
