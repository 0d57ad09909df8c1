"""`earnings-bot run` (Telegram, or the terminal chat on the bundled samples without a token) and `chat`."""
from __future__ import annotations

import logging
from dataclasses import replace

import click

from bot.cli import Ctx, cli
from bot.config import Config, ConfigError, load_config, setup_logging

CONNECT_HINT = ("No TELEGRAM_BOT_TOKEN set, so this is the terminal chat on the bundled samples, in their own demo database "
                "{demo} (your database stays as it was; `earnings-bot demo --reset` rebuilds the demo); to connect "
                "Telegram, put your @BotFather token in .env as TELEGRAM_BOT_TOKEN=... (see .env.example) and run again.")


class OneLineLog(logging.Formatter):
    """The terminal chat's log lines: one line each, an exception as its type and message, never a traceback
    (the chat already told the user 'something went wrong'; a stack is for `earnings-bot run` logs)."""

    def format(self, record: logging.LogRecord) -> str:
        text = f"{record.levelname.lower()}: {record.getMessage()}"
        err = record.exc_info[1] if record.exc_info else None
        return f"{text} ({type(err).__name__}: {err})" if err is not None else text


def _chat_logging(config: Config) -> None:
    logging.basicConfig(level=logging.WARNING)
    setup_logging(replace(config, log_level="WARNING"))
    for h in logging.getLogger().handlers:
        h.setFormatter(OneLineLog())


def _config(ctx: Ctx) -> Config:
    try:
        config = load_config()
    except ConfigError as e:
        raise click.ClickException(str(e)) from None
    return replace(config, db_path=ctx.db_path)


def ingest_samples(ctx: Ctx) -> int:
    """Store the bundled fictional sample calls when they are not stored yet; returns how many were added."""
    from bot.ops.ingest import ingest_bytes
    from bot.paths import samples_dir
    from summarizer.errors import InputError

    added = 0
    for path in sorted(samples_dir().iterdir()):
        if path.is_file() and not path.name.startswith("."):
            try:
                added += ingest_bytes(ctx.db, path.read_bytes(), path.name).status != "duplicate"
            except InputError as e:
                logging.getLogger(__name__).warning("sample %s not ingested: %s", path.name, e)
    return added


def demo_ctx(ctx: Ctx, *, reset: bool = False) -> Ctx:
    """The demo database beside the configured one, with the bundled samples in it (rebuilt with `reset`); the
    configured database is checked when it exists, and never written to."""
    from bot.paths import demo_db_path

    if ctx.db_path.exists():
        ctx.db  # noqa: B018 - a file that is not a database is one line, as for every command
    demo = Ctx(demo_db_path(ctx.db_path))
    if reset:
        for suffix in ("", "-wal", "-shm", "-journal"):
            demo.db_path.with_name(demo.db_path.name + suffix).unlink(missing_ok=True)
    ingest_samples(demo)
    return demo


def _chat_on_demo(ctx: Ctx, config: Config) -> None:
    _chat_logging(config)
    demo = demo_ctx(ctx)
    click.echo(CONNECT_HINT.format(demo=demo.db_path))
    from bot.chat import run_chat

    run_chat(replace(config, db_path=demo.db_path))


@cli.command()
@click.pass_obj
def run(ctx: Ctx) -> None:
    """Run the bot: on Telegram when TELEGRAM_BOT_TOKEN is set, else the terminal chat on the bundled samples (in
    a demo database of their own, beside yours)."""
    config = _config(ctx)
    if not config.token:
        _chat_on_demo(ctx, config)
        return
    setup_logging(config)
    from telegram import Update
    from telegram.error import InvalidToken, NetworkError

    from bot.telegram.app import build_application

    for h in logging.getLogger().handlers:
        h.addFilter(_drop_startup_failure)
    app = build_application(config, db=ctx.db, handle_signals=True)  # SIGINT/SIGTERM: bot/telegram/lifecycle.py
    from bot.health import attach_health

    attach_health(app, config)
    try:
        if config.webhook_url:
            from bot.webhook import run_webhook

            run_webhook(app, config)
        else:
            logging.getLogger("bot").info("earnings-bot polling Telegram (database %s)", config.db_path)
            app.run_polling(allowed_updates=Update.ALL_TYPES, stop_signals=None)
    except InvalidToken:
        raise click.ClickException(REJECTED_TOKEN) from None
    except NetworkError as e:  # at start only: once running, PTB retries on its own
        raise click.ClickException(f"cannot reach Telegram at {(config.base_url or 'its Bot API').split('/bot')[0]} ({e}): check the "
                                   f"internet connection (or TELEGRAM_BASE_URL, if set) and run again.") from None
    except OSError as e:  # the webhook server's port
        raise click.ClickException(f"cannot listen for the webhook on {config.webhook_listen}:{config.webhook_port} "
                                   f"({e.strerror or e}): set WEBHOOK_PORT to a free port (or WEBHOOK_LISTEN) and run "
                                   "again.") from None
    if app.bot_data.get("fatal"):  # the token was revoked while running: logged at ERROR, exit 1
        raise click.ClickException(REJECTED_TOKEN)


REJECTED_TOKEN = ("Telegram rejected TELEGRAM_BOT_TOKEN (revoked, or mistyped): copy the token again from @BotFather "
                  "into .env and run again.")


def _drop_startup_failure(record: logging.LogRecord) -> bool:
    """PTB logs a rejected token or an unreachable Telegram at start with two tracebacks before raising it;
    `run` says it in one line instead."""
    from telegram.error import InvalidToken

    if not record.exc_info:
        return True
    return not (isinstance(record.exc_info[1], InvalidToken)
                or record.getMessage().startswith("Network Retry Loop (Bootstrap"))


@cli.command()
@click.pass_obj
def chat(ctx: Ctx) -> None:
    """Talk to the bot's commands in the terminal: no Telegram account needed (buttons are numbered choices)."""
    config = _config(ctx)
    ctx.db  # noqa: B018 - an unusable database file is one line here, not a traceback from the chat
    _chat_logging(config)
    from bot.chat import run_chat

    run_chat(config)


@cli.command()
@click.option("--reset", is_flag=True, help="Delete the demo database and store the bundled samples afresh, then exit.")
@click.pass_obj
def demo(ctx: Ctx, reset: bool) -> None:
    """The terminal chat on the demo database: the bundled fictional sample calls, kept apart from your own calls
    (beside your database, e.g. earnings-demo.db). --reset rebuilds it."""
    config = _config(ctx)
    if reset:
        d = demo_ctx(ctx, reset=True)
        n = d.db.execute("select count(*) from transcripts").fetchone()[0]
        click.echo(f"Rebuilt the demo database {d.db_path}: {n} sample calls. Open it with `earnings-bot demo`.")
        return
    _chat_on_demo(ctx, config)
