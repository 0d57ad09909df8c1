"""Who may use the bot: ALLOWED_CHAT_IDS (one polite refusal per chat, then silence), admin-only checks, and
group changes (alerts, topics, digest) by the group's own admins."""
from __future__ import annotations

import logging
import time

from telegram import Update
from telegram.error import TelegramError
from telegram.ext import ApplicationHandlerStop, ContextTypes

from bot import limits
from bot.lru import LRU
from bot.telegram.replies import reply

log = logging.getLogger(__name__)
REFUSAL = "Sorry, this is a private bot. Its owner can add this chat to ALLOWED_CHAT_IDS."
ADMIN_ONLY = "Sorry, only the bot's admins can do that."
GROUP_ADMINS_ONLY = ("Only this group's admins can change its alerts, topics and digest: ask one of them (the "
                     "bot's owner can let every member do it with EARNINGS_BOT_GROUP_ADMINS_ONLY=false).")
_ADMIN_STATUSES = ("creator", "administrator")


async def gate(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Runs before every handler (group -1): stops updates from chats that are not allowed."""
    config = context.bot_data["config"]
    chat = update.effective_chat
    if config.chat_allowed(chat.id if chat else None):
        return
    refused = context.bot_data.get("refused_chats")
    if not isinstance(refused, LRU):
        refused = context.bot_data["refused_chats"] = LRU(100_000)  # bounded, as every cache
    if chat is not None and chat.id not in refused and update.effective_message is not None:
        refused[chat.id] = True
        log.info("refused chat %s (not in ALLOWED_CHAT_IDS)", chat.id)
        await context.bot.send_message(chat.id, REFUSAL)
    elif update.callback_query is not None:
        await update.callback_query.answer()
    raise ApplicationHandlerStop


def is_admin(update: Update, context: ContextTypes.DEFAULT_TYPE) -> bool:
    """Whether the update's sender is in ADMIN_IDS (for admin-only commands, e.g. /sources)."""
    user = update.effective_user
    return context.bot_data["config"].is_admin(user.id if user else None)


async def is_group_admin(update: Update, context: ContextTypes.DEFAULT_TYPE) -> bool:
    """Whether the sender administers the group the update is in (Telegram's getChatMember, remembered for
    ADMIN_CACHE_SECONDS). A private chat's user always does; so does the group itself writing as an anonymous
    admin, and anyone in ADMIN_IDS. A failed check counts as no (said in the log)."""
    chat, user, msg = update.effective_chat, update.effective_user, update.effective_message
    if chat is None or chat.type == "private":
        return True
    if msg is not None and msg.sender_chat is not None and msg.sender_chat.id == chat.id:
        return True  # "Remain anonymous" admins write as the group itself
    if user is None:
        return False
    if context.bot_data["config"].is_admin(user.id):
        return True
    cache = context.bot_data.get("group_admins")
    if not isinstance(cache, LRU):
        cache = context.bot_data["group_admins"] = LRU(10_000)
    key = (chat.id, user.id)
    known = cache.get(key)
    if known is not None and time.monotonic() - known[1] < limits.ADMIN_CACHE_SECONDS:
        return known[0]
    try:
        member = await context.bot.get_chat_member(chat.id, user.id)
    except TelegramError as e:
        log.warning("could not check whether user %s administers chat %s: %s", user.id, chat.id, e)
        return False
    ok = member.status in _ADMIN_STATUSES
    cache[key] = (ok, time.monotonic())
    return ok


async def may_change_group(update: Update, context: ContextTypes.DEFAULT_TYPE) -> bool:
    """Changes to a chat's alerts, topics and digest: in a group, only its admins (unless
    EARNINGS_BOT_GROUP_ADMINS_ONLY=false). False after telling the sender why (a button press: its answer)."""
    if not context.bot_data["config"].group_admins_only or await is_group_admin(update, context):
        return True
    if update.callback_query is not None:
        await update.callback_query.answer(GROUP_ADMINS_ONLY[:200], show_alert=True)
    else:
        await reply(update, context, GROUP_ADMINS_ONLY)
    return False
