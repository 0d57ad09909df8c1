"""Webhook mode: Telegram POSTs each update to WEBHOOK_URL instead of the bot long-polling for it.

python-telegram-bot's webhook server (`Application.run_webhook`, the `webhooks` extra: tornado) listens on
WEBHOOK_LISTEN:WEBHOOK_PORT at WEBHOOK_PATH (default: the path of WEBHOOK_URL), plain HTTP: TLS ends at the
reverse proxy in front of it, which forwards https://WEBHOOK_URL there. At start the webhook is registered with
Telegram (setWebhook) with a secret token, WEBHOOK_SECRET or a fresh random one each start; Telegram sends it
in the X-Telegram-Bot-Api-Secret-Token header and any request without it (or with another) is refused with 403
before it is read as an update. With WEBHOOK_DELETE_ON_STOP=true the webhook is deleted at shutdown (the next
start may then poll instead); otherwise Telegram keeps updates queued until the bot is back. Starting in polling
mode later removes a webhook left behind (python-telegram-bot deletes it before it polls)."""
from __future__ import annotations

import logging
import secrets
from urllib.parse import urlsplit

from telegram import Update
from telegram.ext import Application

from bot.config import Config, redact_also

log = logging.getLogger(__name__)


def listen_path(config: Config) -> str:
    """The path the webhook server answers on: WEBHOOK_PATH, else the path of WEBHOOK_URL (else /)."""
    return config.webhook_path or urlsplit(config.webhook_url or "").path or "/"


def secret_token(config: Config) -> str:
    """WEBHOOK_SECRET, or 43 random URL-safe characters (within Telegram's 1-256 of A-Z a-z 0-9 _ -)."""
    return config.webhook_secret or secrets.token_urlsafe(32)


def run_webhook(app: Application, config: Config) -> None:
    """Register the webhook and serve it until SIGINT/SIGTERM; then, when asked, delete it again."""
    from bot.telegram.app import add_lifecycle_hook

    secret = secret_token(config)
    redact_also(secret)  # python-telegram-bot logs setWebhook's parameters at DEBUG
    if config.webhook_delete_on_stop:
        async def delete(app_: Application) -> None:
            try:
                await app_.bot.delete_webhook()
                log.info("webhook deleted (WEBHOOK_DELETE_ON_STOP)")
            except Exception as e:  # noqa: BLE001 - shutting down: say it in one line and go on
                log.warning("could not delete the webhook at shutdown (%s): it stays registered", type(e).__name__)

        add_lifecycle_hook(app, "post_stop", delete)
    path = listen_path(config)
    host = f"[{config.webhook_listen}]" if ":" in config.webhook_listen else config.webhook_listen
    log.info("earnings-bot receiving Telegram updates at %s, served on http://%s:%d%s (database %s)",
             config.webhook_url, host, config.webhook_port, path, config.db_path)
    app.run_webhook(listen=config.webhook_listen, port=config.webhook_port, url_path=path,
                    webhook_url=config.webhook_url, secret_token=secret, allowed_updates=Update.ALL_TYPES)
