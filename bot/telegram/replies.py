"""Sending replies: split into parts, same chat and forum topic, buttons on the last part; plain-text fallback.

A reply longer than MAX_REPLY_PARTS messages sends that many, then a "More" button that sends the next ones
(kept in memory for the MORE_CACHE most recent replies; at most MAX_KEPT_PARTS parts of one reply are kept)."""
from __future__ import annotations

import logging
import secrets

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Message, Update
from telegram.error import BadRequest
from telegram.ext import ContextTypes

from bot import limits
from bot.formatting import html_to_terminal, split_message
from bot.lru import LRU
from bot.telegram.views import View

log = logging.getLogger(__name__)
MORE_PREFIX = "v1|more|"
MAX_KEPT_PARTS = 10 * limits.MAX_REPLY_PARTS
CUT = "(The rest is left out: ask for less, e.g. one company or quarter.)"


def keyboard(buttons: list[list[tuple[str, str]]]) -> InlineKeyboardMarkup | None:
    """Rows of (label, callback_data) as an inline keyboard (None when empty)."""
    rows = [[InlineKeyboardButton(label, callback_data=data) for label, data in row] for row in buttons if row]
    return InlineKeyboardMarkup(rows) if rows else None


def thread_of(update: Update) -> int | None:
    """The forum topic (message_thread_id) the update's message is in, or None outside forum topics."""
    msg = update.effective_message
    return msg.message_thread_id if msg is not None and msg.is_topic_message else None


def _more_cache(context: ContextTypes.DEFAULT_TYPE) -> LRU:
    cache = context.bot_data.get("more_parts")
    if not isinstance(cache, LRU):
        cache = context.bot_data["more_parts"] = LRU(limits.MORE_CACHE)
    return cache


async def reply(update: Update, context: ContextTypes.DEFAULT_TYPE, text: str,
                buttons: list[list[tuple[str, str]]] | None = None) -> Message | None:
    """Answer the update's message in its chat and topic; long text in numbered parts, buttons on the last,
    at most MAX_REPLY_PARTS of them before a "More" button."""
    parts = split_message(text)
    if len(parts) > MAX_KEPT_PARTS:
        parts = parts[:MAX_KEPT_PARTS - 1] + [CUT]
    return await _send_parts(update, context, parts, buttons)


async def _send_parts(update: Update, context: ContextTypes.DEFAULT_TYPE, parts: list[str],
                      buttons: list[list[tuple[str, str]]] | None) -> Message | None:
    chat = update.effective_chat
    if chat is None:
        return None
    thread = thread_of(update)
    now, rest = parts[:limits.MAX_REPLY_PARTS], parts[limits.MAX_REPLY_PARTS:]
    last_buttons = buttons
    if rest:
        key = secrets.token_hex(5)
        _more_cache(context)[key] = (rest, buttons)
        last_buttons = [[(f"More ({len(rest)} more part{'s' * (len(rest) != 1)})", MORE_PREFIX + key)]]
    sent = None
    for i, part in enumerate(now):
        markup = keyboard(last_buttons or []) if i == len(now) - 1 else None
        try:
            sent = await context.bot.send_message(chat.id, part, message_thread_id=thread, reply_markup=markup)
        except BadRequest as e:
            if "parse entities" not in str(e).lower():
                raise
            log.warning("HTML refused (%s); sending plain text", e)
            sent = await context.bot.send_message(chat.id, html_to_terminal(part), message_thread_id=thread,
                                                  reply_markup=markup, parse_mode=None)
    return sent


async def on_more(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """The "More" button of a long reply: its next parts (once; a second press or an old button: expired)."""
    q = update.callback_query
    if q is None:
        return
    key = (q.data or "")[len(MORE_PREFIX):]
    kept = _more_cache(context).pop(key, None)
    if kept is None:
        await q.answer("This button has expired: send the command again.")
        return
    await q.answer()
    rest, buttons = kept
    await _send_parts(update, context, rest, buttons)


async def reply_view(update: Update, context: ContextTypes.DEFAULT_TYPE, view: View) -> Message | None:
    return await reply(update, context, view.text, view.buttons)


async def edit_view(update: Update, context: ContextTypes.DEFAULT_TYPE, view: View) -> None:
    """Replace a button's message in place with `view` (a new message when it is too long to edit)."""
    q = update.callback_query
    parts = split_message(view.text)
    if len(parts) > 1 or q is None or q.message is None or not hasattr(q.message, "edit_text"):
        await reply(update, context, view.text, view.buttons)
        return
    try:
        await q.message.edit_text(parts[0], reply_markup=keyboard(view.buttons))
    except BadRequest as e:
        if "not modified" in str(e).lower():
            return
        if "parse entities" in str(e).lower():
            await q.message.edit_text(html_to_terminal(parts[0]), reply_markup=keyboard(view.buttons), parse_mode=None)
            return
        if "message to edit not found" in str(e).lower() or "can't be edited" in str(e).lower():
            await reply(update, context, view.text, view.buttons)
            return
        raise
