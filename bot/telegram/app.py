"""The Telegram application: handlers from the command table, access gate, buttons, uploads, error handler.

Updates are processed concurrently across chats and in order within a chat (bot/telegram/updates.py); replies
are built off the event loop (bot.offload) and documents read in worker processes (bot.worker), so no chat
waits for another. Stopping and a revoked token: bot/telegram/lifecycle.py."""
from __future__ import annotations

import importlib
import inspect
import logging
import os

from telegram import BotCommand, LinkPreviewOptions, Update
from telegram.constants import ParseMode
from telegram.error import BadRequest, Forbidden, InvalidToken, NetworkError
from telegram.ext import (AIORateLimiter, Application, CallbackQueryHandler, CommandHandler, ContextTypes, Defaults,
                          MessageHandler, TypeHandler, filters)
from telegram.request import BaseRequest

from bot import worker
from bot.config import Config
from bot.telegram import access, callbacks, changes_handlers, commands, handlers, lifecycle, uploads
from bot.telegram.replies import MORE_PREFIX, on_more, thread_of
from bot.telegram.updates import ChatProcessor

log = logging.getLogger(__name__)
SORRY = "Sorry, something went wrong on my side. Please try again in a moment."
OUR_BUTTONS = r"^v1\|(sum|fig|qa|top|chg|srch|srchk|tpc|tpco)\|"


def _optional(module: str):
    try:
        return importlib.import_module(module)
    except ModuleNotFoundError as e:
        if e.name != module:
            raise
        return None


async def _maybe_await(value) -> None:
    if inspect.isawaitable(value):
        await value


async def post_init(app: Application) -> None:
    """Register the command menu with Telegram and re-create scheduled jobs from the database."""
    worker.resume()  # a previous application of this process may have stopped the workers
    if app.bot_data.get("handle_signals"):
        lifecycle.install_signal_handlers(app)
    app.bot_data["started"] = True
    await app.bot.set_my_commands([BotCommand(n, d) for n, d in commands.menu()])
    jobs = _optional("bot.jobs")
    if jobs is not None and hasattr(jobs, "schedule_all"):
        await _maybe_await(jobs.schedule_all(app))


async def post_shutdown(app: Application) -> None:
    """Abandon source polls still running (their threads end with the process) and close the database."""
    tasks = [t for t in app.bot_data.get("source_tasks", ()) if not t.done()]
    for t in tasks:
        t.cancel()
    if tasks:
        import asyncio

        await asyncio.wait(tasks, timeout=1.0)
    db = app.bot_data.get("db")
    if db is not None:
        db.close()


async def on_error(update: object, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Log the exception with its traceback; tell the user briefly, never the traceback."""
    if isinstance(context.error, Forbidden):  # the user blocked the bot or left: nobody to tell
        log.info("chat unreachable: %s", context.error)
        return
    if isinstance(context.error, NetworkError) and not isinstance(context.error, BadRequest):
        log.warning("Telegram unreachable while handling an update: %s", context.error)
        return
    if isinstance(context.error, BadRequest) and "not modified" in str(context.error).lower():
        log.debug("edit without a change (a button pressed twice): %s", context.error)
        return
    if isinstance(context.error, InvalidToken):
        return  # lifecycle.token_rejected has said it and is stopping the bot
    log.error("error while handling an update", exc_info=context.error)
    if isinstance(update, Update) and update.effective_chat is not None:
        thread = thread_of(update)
        try:
            if update.callback_query is not None:
                await update.callback_query.answer(SORRY)
            else:
                await context.bot.send_message(update.effective_chat.id, SORRY, message_thread_id=thread)
        except Exception:  # noqa: BLE001 - the error path must not raise
            log.warning("could not tell the user about the error", exc_info=True)


async def on_stale_button(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Buttons nobody handles (forged, or from an older version): a short notice."""
    if update.callback_query is not None:
        await update.callback_query.answer(callbacks.EXPIRED)


def register_handlers(app: Application) -> None:
    """Every handler, in order: access gate, commands (+ alert commands), buttons, uploads, links, fallbacks."""
    app.add_handler(TypeHandler(Update, access.gate), group=-1)
    for c in commands.COMMANDS:
        app.add_handler(CommandHandler(c.name, c.callback))
    alerts = _optional("bot.telegram.alert_handlers")
    if alerts is not None and hasattr(alerts, "register"):
        alerts.register(app)
    changes_handlers.register(app)
    from bot.telegram import corrections

    corrections.register(app)
    app.add_handler(CallbackQueryHandler(callbacks.on_button, pattern=OUR_BUTTONS))
    app.add_handler(CallbackQueryHandler(on_more, pattern="^" + MORE_PREFIX.replace("|", r"\|")))
    app.add_handler(MessageHandler(filters.Document.ALL, uploads.on_document))
    app.add_handler(MessageHandler(filters.ChatType.PRIVATE & filters.TEXT & ~filters.COMMAND
                                   & (filters.Entity("url") | filters.Entity("text_link")), uploads.on_link))
    app.add_handler(MessageHandler(filters.COMMAND, handlers.unknown_command))
    app.add_handler(MessageHandler(filters.ChatType.PRIVATE & filters.TEXT & ~filters.COMMAND, handlers.private_text))
    app.add_handler(CallbackQueryHandler(on_stale_button))
    app.add_error_handler(on_error)


def build_application(config: Config, *, request: BaseRequest | None = None, db=None,
                      rate_limiter: bool = True, handle_signals: bool = False) -> Application:
    """The bot, ready to `run_polling()`; `request` replaces the HTTP layer (the terminal chat), `db` the database.

    `rate_limiter=False` (benches) measures handling without Telegram's pacing; `handle_signals` (the real
    process) makes SIGINT/SIGTERM stop it within SHUTDOWN_SECONDS."""
    if not config.token:
        from bot.config import ConfigError

        raise ConfigError("TELEGRAM_BOT_TOKEN is missing: get one from @BotFather and put it in .env.")
    # PTB 22 warns on every RetryAfter unless opted in to timedelta durations (the coming default).
    os.environ.setdefault("PTB_TIMEDELTA", "1")
    builder = (Application.builder().token(config.token)
               .defaults(Defaults(parse_mode=ParseMode.HTML, link_preview_options=LinkPreviewOptions(is_disabled=True)))
               .concurrent_updates(ChatProcessor())
               .post_init(post_init).post_shutdown(post_shutdown))
    if config.base_url:  # a self-hosted Bot API server; else PTB's default, Telegram's own
        builder = builder.base_url(config.base_url)
    if config.base_file_url:
        builder = builder.base_file_url(config.base_file_url)
    app_ref: dict = {}
    if request is not None:
        builder = builder.request(request).get_updates_request(request)
    else:  # a 401 on either connection stops the bot (lifecycle); getUpdates' also notes each answer (/healthz)
        calls, updates = lifecycle.watched_requests(app_ref)
        builder = builder.request(calls).get_updates_request(updates)
        if rate_limiter:
            builder = builder.rate_limiter(AIORateLimiter(max_retries=3))
    app = builder.build()
    app_ref["app"] = app
    if db is None:
        from storage.db import open_db

        db = open_db(config.db_path)
    app.bot_data["config"] = config
    app.bot_data["db"] = db
    app.bot_data["handle_signals"] = handle_signals
    register_handlers(app)
    return app


def add_lifecycle_hook(app: Application, when: str, hook) -> None:  # type: ignore[no-untyped-def]
    """Run `await hook(app)` at `when` ('post_init', 'post_stop' or 'post_shutdown'), after the hook already set
    there: the webhook, health and metrics parts add theirs without replacing the bot's own."""
    previous = getattr(app, when)

    async def chained(app_: Application) -> None:
        if previous is not None:
            await previous(app_)
        await hook(app_)

    setattr(app, when, chained)
