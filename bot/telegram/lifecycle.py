"""Stopping the bot: on SIGINT/SIGTERM within SHUTDOWN_SECONDS whatever is running, and on a revoked token.

`begin_shutdown(app)` stops taking updates, kills the worker processes (a document being parsed is abandoned),
stops the outbox sender between two messages, gives the handlers that run a moment and cancels the rest,
then lets python-telegram-bot stop. A watchdog ends the process if that still takes too long.

A token Telegram stops accepting while the bot runs (revoked in @BotFather) used to leave it silent and up:
every Bot API answer passes through `WatchedRequest`, and the first 401 is logged at ERROR and stops the bot
with a non-zero exit (`earnings-bot run` reads `app.bot_data["fatal"]`), so a supervisor or a person sees it."""
from __future__ import annotations

import asyncio
import logging
import os
import signal
import threading
from typing import Any

from telegram.ext import Application
from telegram.request import HTTPXRequest

from bot import limits, worker

log = logging.getLogger(__name__)
REVOKED = ("Telegram rejected TELEGRAM_BOT_TOKEN while the bot was running (revoked in @BotFather, or replaced): "
           "put the current token from @BotFather in .env and start the bot again.")


class WatchedRequest(HTTPXRequest):
    """PTB's HTTP layer, calling `on_unauthorized()` when Telegram answers 401 (the token no longer works)."""

    on_unauthorized: Any = None

    async def do_request(self, *args: Any, **kwargs: Any) -> tuple[int, bytes]:
        code, payload = await super().do_request(*args, **kwargs)
        if code == 401 and self.on_unauthorized is not None:
            self.on_unauthorized()
        return code, payload


def watched_requests(app_ref: dict) -> tuple[WatchedRequest, WatchedRequest]:
    """The request objects for API calls and for getUpdates (PTB's default pool sizes), reporting a 401 to
    `token_rejected(app_ref["app"])` once the application runs."""
    def unauthorized() -> None:
        app = app_ref.get("app")
        if app is not None and app.bot_data.get("started"):
            token_rejected(app)

    from bot.health import PollRequest  # getUpdates' connection, noting each answer for /healthz

    class WatchedPoll(WatchedRequest, PollRequest):
        """PollRequest, watched for a 401 as well."""

    calls, updates = WatchedRequest(connection_pool_size=256), WatchedPoll()
    calls.on_unauthorized = updates.on_unauthorized = unauthorized
    return calls, updates


def token_rejected(app: Application) -> None:
    """The running bot's token was refused: ERROR once, then stop with a non-zero exit."""
    if app.bot_data.get("fatal"):
        return
    app.bot_data["fatal"] = REVOKED
    log.error(REVOKED)
    app.bot_data["fatal_task"] = asyncio.get_running_loop().create_task(_stop_after_rejection(app))


async def _stop_after_rejection(app: Application) -> None:
    """Stop polling first (its task may already have ended with InvalidToken, which PTB's own stop would re-raise
    and so skip stopping the application), then the rest as for a signal."""
    updater = app.updater
    if updater is not None and updater.running:
        try:
            await updater.stop()
        except Exception:  # noqa: BLE001 - the polling task's InvalidToken: already said at ERROR
            log.debug("polling ended with the rejected token", exc_info=True)
    begin_shutdown(app, reason="the token was rejected")


def install_signal_handlers(app: Application) -> None:
    """SIGINT/SIGTERM start `begin_shutdown` (instead of PTB's handler, which waits for every running update)."""
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        try:
            loop.add_signal_handler(sig, begin_shutdown, app, signal.Signals(sig).name)
        except (NotImplementedError, RuntimeError):  # not the main thread, or a loop without signal support
            return


def begin_shutdown(app: Application, reason: str = "asked to stop") -> None:
    """Stop within SHUTDOWN_SECONDS: no new updates, workers killed, sender stopped, running handlers cut short."""
    if app.bot_data.get("stopping"):
        return
    app.bot_data["stopping"] = True
    log.info("stopping (%s)", reason)
    _watchdog(limits.SHUTDOWN_SECONDS - 1.0)
    killed = worker.stop_all()
    if killed:
        log.info("shutdown: %d document(s) being read were abandoned", killed)
    sender = app.bot_data.get("outbox_sender")
    if sender is not None and hasattr(sender, "stop"):
        sender.stop()
    processor = app.update_processor
    loop = asyncio.get_running_loop()
    if hasattr(processor, "stop"):
        task = loop.create_task(processor.stop(grace=1.0))
        app.bot_data["stop_task"] = task  # referenced until done
    app.stop_running()


def _watchdog(seconds: float) -> None:
    """A daemon timer that ends the process if a clean stop takes longer than `seconds` (a C call that never
    returns, a server that never answers)."""
    def force() -> None:
        log.error("the bot did not stop within %.0f s; exiting anyway", seconds)
        logging.shutdown()
        os._exit(1)

    t = threading.Timer(seconds, force)
    t.daemon = True
    t.start()
