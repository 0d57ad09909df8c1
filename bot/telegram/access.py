"""Who may use the bot: ALLOWED_CHAT_IDS (one polite refusal per chat, then silence) and admin-only checks."""
from __future__ import annotations

import logging

from telegram import Update
from telegram.ext import ApplicationHandlerStop, ContextTypes

log = logging.getLogger(__name__)
REFUSAL = "Sorry, this is a private bot. Its owner can add this chat to ALLOWED_CHAT_IDS."
ADMIN_ONLY = "Sorry, only the bot's admins can do that."


async def gate(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Runs before every handler (group -1): stops updates from chats that are not allowed."""
    config = context.bot_data["config"]
    chat = update.effective_chat
    if config.chat_allowed(chat.id if chat else None):
        return
    refused: set[int] = context.bot_data.setdefault("refused_chats", set())
    if chat is not None and chat.id not in refused and update.effective_message is not None:
        refused.add(chat.id)
        log.info("refused chat %s (not in ALLOWED_CHAT_IDS)", chat.id)
        await context.bot.send_message(chat.id, REFUSAL)
    elif update.callback_query is not None:
        await update.callback_query.answer()
    raise ApplicationHandlerStop


def is_admin(update: Update, context: ContextTypes.DEFAULT_TYPE) -> bool:
    """Whether the update's sender is in ADMIN_IDS (for admin-only commands, e.g. /sources)."""
    user = update.effective_user
    return context.bot_data["config"].is_admin(user.id if user else None)
