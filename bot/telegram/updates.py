"""How updates are processed: chats side by side, each chat's updates in the order they came, a per-chat rate limit.

python-telegram-bot handles one update at a time by default, so one slow reply froze every chat. This
processor (`Application.builder().concurrent_updates(ChatProcessor())`) runs different chats concurrently,
up to MAX_CONCURRENT_UPDATES at once; within a chat (a command, then the button pressed on its answer) the
order is kept. A chat waiting for its own turn holds no shared slot, so a chat that floods the bot queues
only behind itself, and past its burst (then its rate a minute) its updates are dropped with one polite line."""
from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Awaitable
from typing import Any

from telegram import Update
from telegram.ext import BaseUpdateProcessor

from bot import limits
from bot.lru import LRU

log = logging.getLogger(__name__)
FLOOD = ("You are sending messages faster than I can answer, so I skipped some. Wait a minute, then send the "
         "command again.")
_WARN_EVERY_S = 60.0


class _Bucket:
    """A token bucket: `burst` at once, refilled at `rate` a second; `warned` is when the chat was last told."""

    __slots__ = ("tokens", "at", "warned")

    def __init__(self, burst: float) -> None:
        self.tokens, self.at, self.warned = burst, time.monotonic(), 0.0


class ChatProcessor(BaseUpdateProcessor):
    """Concurrent across chats, ordered within a chat, rate-limited per chat; `stop()` at shutdown."""

    def __init__(self, max_concurrent: int = limits.MAX_CONCURRENT_UPDATES, *, burst: int | None = None,
                 per_minute: float | None = None) -> None:
        # PTB's own semaphore is taken before do_process_update, i.e. while a chat waits for its turn: make it
        # roomy, and bound the updates actually running with ours, taken once the chat's turn has come.
        super().__init__(max(10_000, max_concurrent))
        self._running_limit = max_concurrent
        self._slots: asyncio.Semaphore | None = None
        self.burst = burst or limits.chat_burst()
        self.rate = (per_minute or limits.chat_per_minute()) / 60.0
        self._buckets: LRU[Any, _Bucket] = LRU(100_000)
        self._turns: dict[Any, tuple[asyncio.Lock, int]] = {}
        self._tasks: set[asyncio.Task] = set()
        self.stopping = False
        self.dropped = 0

    async def initialize(self) -> None:
        """Nothing to set up."""

    async def shutdown(self) -> None:
        """Nothing to free (stop() already cancelled what was running)."""

    def _allow(self, key: Any) -> bool:
        b = self._buckets.get(key)
        if b is None:
            b = self._buckets[key] = _Bucket(self.burst)
        now = time.monotonic()
        b.tokens = min(self.burst, b.tokens + (now - b.at) * self.rate)
        b.at = now
        if b.tokens >= 1:
            b.tokens -= 1
            return True
        return False

    async def _tell_flood(self, update: object, key: Any) -> None:
        b = self._buckets.get(key)
        now = time.monotonic()
        if b is None or now - b.warned < _WARN_EVERY_S or not isinstance(update, Update):
            return
        b.warned = now
        chat = update.effective_chat
        log.info("chat %s is flooding the bot: updates dropped for a while", key)
        try:
            if update.callback_query is not None:
                await update.callback_query.answer(FLOOD[:200])
            elif chat is not None:
                msg = update.effective_message
                thread = msg.message_thread_id if msg is not None and msg.is_topic_message else None
                await update.get_bot().send_message(chat.id, FLOOD, message_thread_id=thread)
        except Exception:  # noqa: BLE001 - the polite line is best effort
            log.debug("could not tell chat %s it is flooding", key, exc_info=True)

    async def do_process_update(self, update: object, coroutine: Awaitable[Any]) -> None:
        """Wait for this chat's turn, then for a free slot, then run the update's handlers."""
        key = _key(update)
        if self.stopping:
            _close(coroutine)
            return
        if key is not None and not self._allow(key):
            self.dropped += 1
            _close(coroutine)
            await self._tell_flood(update, key)
            return
        if self._slots is None:
            self._slots = asyncio.Semaphore(self._running_limit)
        lock, waiting = self._turns.get(key, (None, 0))
        if lock is None:
            lock = asyncio.Lock()
        self._turns[key] = (lock, waiting + 1)
        try:
            async with lock, self._slots:
                if self.stopping:
                    _close(coroutine)
                    return
                task = asyncio.ensure_future(coroutine)
                self._tasks.add(task)
                try:
                    await task
                finally:
                    self._tasks.discard(task)
        finally:
            lock, waiting = self._turns[key]
            if waiting <= 1:
                del self._turns[key]
            else:
                self._turns[key] = (lock, waiting - 1)

    async def stop(self, grace: float = 1.0) -> None:
        """Shutdown: start nothing new, give what runs `grace` seconds, then cancel it."""
        self.stopping = True
        tasks = [t for t in self._tasks if not t.done()]
        if tasks:
            _, pending = await asyncio.wait(tasks, timeout=grace)
            for t in pending:
                t.cancel()
            if pending:
                log.info("shutdown: %d update(s) still being handled were abandoned", len(pending))
                await asyncio.wait(pending, timeout=1.0)


def _key(update: object) -> Any:
    """The chat an update belongs to (its user's id when it has no chat, e.g. an inline query); None: no order."""
    if not isinstance(update, Update):
        return None
    if update.effective_chat is not None:
        return update.effective_chat.id
    if update.effective_user is not None:
        return ("user", update.effective_user.id)
    return None


def _close(coroutine: Awaitable[Any]) -> None:
    close = getattr(coroutine, "close", None)
    if close is not None:
        close()
