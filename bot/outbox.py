"""The outbox sender: claims due rows, sends them through the PTB Bot (so via `base_url`), records the outcome.

State machine (storage/outbox.py): pending -> sending -> sent | pending (retry) | failed. A row is marked
`sending` and committed BEFORE its HTTP call (one row at a time, as its send starts: at most `concurrency`
rows are `sending` at any instant), and marked `sent` (with Telegram's message_id) right after.
At start, rows still `sending` were in flight when the process died: they are sent again (at-least-once for
the in-flight message, so nothing queued is ever lost; see docs/alerts.md). Everything else is exactly once:
a sent row is never claimed again and the unique dedupe key stops the same alert being queued twice.

Limits: a global pace (default 30 messages/s), at most 20 messages a minute per group (a row over it goes back
to pending until the minute frees, without counting an attempt), `RetryAfter` pauses all sending for its time,
5xx and time-outs retry with exponential backoff, HTML Telegram refuses is resent as plain text once, and a
chat that blocked the bot (403) is marked inactive with its queued messages failed. A group Telegram says was
migrated to a supergroup (`ChatMigrated`) has its settings, subscriptions and queue moved to the new id, and
the message is sent there (once).
"""
from __future__ import annotations

import asyncio
import logging
import random
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from sqlite_utils import Database
from telegram import Bot, InlineKeyboardMarkup
from telegram.constants import ParseMode
from telegram.error import BadRequest, ChatMigrated, Forbidden, NetworkError, RetryAfter, TelegramError

from bot.formatting import html_to_terminal
from bot.metrics import record_send
from storage import alerts as chats
from storage import outbox as store
from storage.alerts import utcnow
from storage.outbox import OutboxItem

log = logging.getLogger(__name__)


@dataclass
class SendPolicy:
    """Delivery limits; the defaults follow Telegram's published bot limits."""

    rate_per_s: float = 30.0
    group_per_min: int = 20
    batch: int = 30
    concurrency: int = 4
    max_attempts: int = 8
    backoff_s: float = 2.0
    max_backoff_s: float = 900.0


@dataclass
class DrainStats:
    """What one drain pass did."""

    claimed: int = 0
    sent: int = 0
    retried: int = 0
    deferred: int = 0
    failed: int = 0
    errors: list[str] = field(default_factory=list)


def _seconds(value: object) -> float:
    return value.total_seconds() if isinstance(value, timedelta) else float(value)  # type: ignore[arg-type]


def _is_group(chat_id: int) -> bool:
    return chat_id < 0


class Sender:
    """Sends outbox rows with one Bot; one instance per process (it holds the pace and per-group windows)."""

    def __init__(self, db: Database, bot: Bot, policy: SendPolicy | None = None, *,
                 clock: Callable[[], datetime] = utcnow, only_chat: int | None = None,
                 db_path: str | None = None) -> None:
        """`only_chat`: claim and recover that chat's rows only (the terminal chat's sender, which may share
        its database with a running bot). `db_path`: run every query in a thread on a connection of its own (the
        bot process: a write waiting for another process's long transaction must not stop the event loop)."""
        self.db, self.bot, self.policy, self.clock = db, bot, policy or SendPolicy(), clock
        self.db_path = db_path
        self.only_chat = only_chat
        self._next_slot = 0.0  # monotonic time of the next allowed send
        self._paused_until = 0.0
        self._group_sends: dict[int, deque[float]] = {}
        self._recovered = False
        self._blocked: set[int] = set()
        self._moved: dict[int, int] = {}  # group id -> the supergroup it became
        self.on_migrate: Callable[[int, int], None] | None = None  # e.g. re-schedule the chat's digest job
        self._stop = False

    async def _sql(self, fn: Callable, *args: object, **kw: object) -> object:
        """`fn(db, *args, **kw)`: here, or in the outbox's own thread when the sender has a `db_path`."""
        if self.db_path is None:
            return fn(self.db, *args, **kw)
        from functools import partial

        from bot import offload

        return await offload.run_db(self.db_path, partial(fn, **kw) if kw else fn, *args, pool="outbox")

    def recover(self) -> int:
        """Rows left `sending` by a dead process go back to pending (once, before the first drain)."""
        self._recovered = True
        n = store.recover_in_flight(self.db, self.clock(), chat_id=self.only_chat)
        if n:
            log.warning("%d message(s) were in flight when the bot stopped; sending them again", n)
        return n

    async def _pace(self) -> None:
        now = time.monotonic()
        slot = max(now, self._next_slot, self._paused_until)
        self._next_slot = slot + 1.0 / self.policy.rate_per_s
        if slot > now:
            await asyncio.sleep(slot - now)

    def _group_wait(self, chat_id: int) -> float:
        """Seconds until this group may get another message (0: now), recording the send when 0."""
        if not _is_group(chat_id):
            return 0.0
        q = self._group_sends.setdefault(chat_id, deque())
        now = time.monotonic()
        while q and now - q[0] >= 60.0:
            q.popleft()
        if len(q) >= self.policy.group_per_min:
            return 60.0 - (now - q[0]) + 0.01
        q.append(now)
        return 0.0

    def _backoff(self, attempts: int) -> timedelta:
        base = min(self.policy.max_backoff_s, self.policy.backoff_s * 2 ** max(0, attempts - 1))
        return timedelta(seconds=base * random.uniform(0.8, 1.2))

    async def drain_once(self) -> DrainStats:
        """Send the due rows (up to a batch), each claimed just before its send; returns counts."""
        if not self._recovered:
            self.recover()
        stats = DrainStats()
        self._blocked.clear()
        if self._stop:
            return stats
        items = await self._sql(store.due, self.clock(), self.policy.batch, chat_id=self.only_chat)
        sem = asyncio.Semaphore(self.policy.concurrency)
        by_chat: dict[int, list[OutboxItem]] = {}
        for item in items:
            by_chat.setdefault(item.chat_id, []).append(item)

        async def chat_in_order(chat_items: list[OutboxItem]) -> None:
            for item in chat_items:  # one chat's messages in queue order (digest parts, alerts)
                async with sem:
                    if self._stop or not await self._sql(store.claim_one, item, self.clock()):
                        continue  # stopping, or another sender took it
                    stats.claimed += 1
                    await self._send(item, stats)

        await asyncio.gather(*(chat_in_order(v) for v in by_chat.values()))
        return stats

    def stop(self) -> None:
        """Finish the sends in flight and start no other (shutdown); the rest stays pending for the next start."""
        self._stop = True

    async def drain(self, *, max_passes: int = 1_000_000, max_seconds: float | None = None) -> DrainStats:
        """Drain until nothing is due now (or the time budget is spent: a repeating job then resumes)."""
        total = DrainStats()
        stop_at = time.monotonic() + max_seconds if max_seconds else None
        for _ in range(max_passes):
            if self._stop or stop_at is not None and time.monotonic() >= stop_at:
                break
            s = await self.drain_once()
            for k in ("claimed", "sent", "retried", "deferred", "failed"):
                setattr(total, k, getattr(total, k) + getattr(s, k))
            total.errors += s.errors
            if not s.claimed:
                break
        return total

    async def _migrate(self, old_id: int, new_id: int) -> None:
        self._moved[old_id] = new_id
        await self._sql(chats.migrate_chat, old_id, new_id)
        log.info("group %s became supergroup %s: its settings, subscriptions and queue moved", old_id, new_id)
        if self.on_migrate is not None:
            try:
                self.on_migrate(old_id, new_id)
            except Exception:  # noqa: BLE001 - re-scheduling must not lose the message
                log.exception("after moving chat %s to %s", old_id, new_id)

    async def _send(self, item: OutboxItem, stats: DrainStats, *, plain: bool = False) -> None:
        item.chat_id = self._moved.get(item.chat_id, item.chat_id)  # claimed before its group moved
        if item.chat_id in self._blocked:
            await self._sql(store.mark_failed, item.id, "chat unreachable: the bot was blocked")
            stats.failed += 1
            record_send("failed", "Forbidden")
            return
        wait = self._group_wait(item.chat_id)
        if wait:
            await self._sql(store.release, item.id, self.clock() + timedelta(seconds=wait), None,
                            count_attempt=False)
            stats.deferred += 1
            record_send("deferred", "group_limit")
            return
        await self._pace()
        markup = InlineKeyboardMarkup.de_json(item.markup, self.bot) if item.markup else None
        try:
            msg = await self.bot.send_message(
                chat_id=item.chat_id, text=html_to_terminal(item.text) if plain else item.text,
                parse_mode=None if plain else ParseMode.HTML, reply_markup=markup,
                message_thread_id=item.thread_id)
        except RetryAfter as e:
            secs = _seconds(e.retry_after)
            self._paused_until = max(self._paused_until, time.monotonic() + secs)
            await self._sql(store.release, item.id, self.clock() + timedelta(seconds=secs),
                            f"rate limited ({secs:g} s)", count_attempt=False)
            stats.deferred += 1
            record_send("deferred", e)
            return
        except Forbidden as e:
            self._blocked.add(item.chat_id)
            await self._sql(chats.set_active, item.chat_id, False, self.clock())
            await self._sql(store.mark_failed, item.id, f"chat unreachable: {e.message}")
            n = await self._sql(store.hold_chat, item.chat_id, f"chat unreachable: {e.message}")
            log.info("chat %s blocked the bot or is gone; marked inactive (%d queued message(s) dropped)",
                     item.chat_id, n)
            stats.failed += 1 + n
            record_send("failed", e)
            return
        except ChatMigrated as e:
            new_id = int(e.new_chat_id)
            if new_id == item.chat_id or new_id in self._moved:  # a loop Telegram should never answer
                await self._sql(store.mark_failed, item.id, f"group moved to {new_id}, which moved again")
                stats.failed += 1
                record_send("failed", e)
                return
            record_send("migrated", e)
            await self._migrate(item.chat_id, new_id)
            item.chat_id = new_id
            await self._send(item, stats, plain=plain)
            return
        except BadRequest as e:
            if not plain and "parse entities" in e.message.lower():
                log.warning("Telegram refused the HTML of outbox #%d; sending it as plain text", item.id)
                record_send("plain_fallback", e)
                await self._send(item, stats, plain=True)
                return
            await self._sql(store.mark_failed, item.id, f"refused: {e.message}")
            stats.failed += 1
            stats.errors.append(e.message)
            record_send("failed", e)
            return
        except (NetworkError, TelegramError, OSError) as e:  # 5xx, time-outs, connection errors
            await self._retry(item, f"{type(e).__name__}: {e}", stats)
            record_send("failed" if item.attempts >= self.policy.max_attempts else "retried", e)
            return
        await self._sql(store.mark_sent, item.id, msg.message_id, self.clock(), plain=plain)
        stats.sent += 1
        record_send("sent")

    async def _retry(self, item: OutboxItem, error: str, stats: DrainStats) -> None:
        if item.attempts >= self.policy.max_attempts:
            await self._sql(store.mark_failed, item.id, f"gave up after {item.attempts} attempts: {error}")
            stats.failed += 1
        else:
            await self._sql(store.release, item.id, self.clock() + self._backoff(item.attempts), error)
            stats.retried += 1
        stats.errors.append(error)

    async def run(self, stop: asyncio.Event, *, idle_s: float = 1.0) -> None:
        """Send forever (until `stop`): drain what is due, then wait a little."""
        while not stop.is_set():
            try:
                stats = await self.drain_once()
            except Exception:  # noqa: BLE001 - the worker must survive a bad row or a locked database
                log.exception("outbox pass failed")
                stats = DrainStats()
            if not stats.claimed:
                try:
                    await asyncio.wait_for(stop.wait(), idle_s)
                except asyncio.TimeoutError:
                    pass
