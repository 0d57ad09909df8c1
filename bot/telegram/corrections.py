"""Admins' corrections in Telegram: /delete ID (with a confirmation button) and /fix ID quarter=... company=...
Thin over bot.ops.corrections; buttons carry `v1|del|<id>|0` (delete) and `v1|keep|<id>|0` (cancel)."""
from __future__ import annotations

from telegram import Update
from telegram.ext import Application, CallbackQueryHandler, ContextTypes

from bot.formatting import esc
from bot.ops import corrections as ops
from bot.telegram.access import ADMIN_ONLY, is_admin
from bot.telegram.handlers import db_of, one_line_errors
from bot.telegram.replies import keyboard, reply
from summarizer.errors import InputError

DELETE_USAGE = "Usage: /delete &lt;call id&gt; (the #id in /latest or on any reply about the call), e.g. /delete 7"
FIX_USAGE = ("Usage: /fix &lt;call id&gt; quarter=Q4 2021 company=Name ticker=TICK date=2022-02-10 (any of them; "
             "none clears one), e.g. /fix 7 quarter=Q4 2021")
BUTTONS = r"^v1\|(del|keep)\|"


def _rest(update: Update) -> str:
    text = (update.effective_message.text or "") if update.effective_message else ""
    parts = text.split(None, 1)
    return parts[1].strip() if len(parts) > 1 else ""


@one_line_errors
async def delete(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/delete ID: what would go, and a button to confirm."""
    if not is_admin(update, context):
        await reply(update, context, ADMIN_ONLY)
        return
    text = _rest(update).lstrip("#")
    if not text.isascii() or not text.isdecimal() or len(text) > 12:
        await reply(update, context, DELETE_USAGE)
        return
    preview = ops.delete_preview(db_of(context), int(text))
    await reply(update, context, f"Delete {esc(ops.removal_line(preview))}? Nothing else changes.",
                [[(f"🗑 Delete #{preview.call.id}", f"v1|del|{preview.call.id}|0"), ("Cancel", f"v1|keep|{preview.call.id}|0")]])


async def on_button(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """The confirmation: only an admin's press deletes; the message then says what was removed."""
    q = update.callback_query
    parts = (q.data or "").split("|")
    if len(parts) != 4 or not parts[2].isascii() or not parts[2].isdecimal() or len(parts[2]) > 12:
        await q.answer("This button has expired: send /delete again.")
        return
    if not is_admin(update, context):
        await q.answer(ADMIN_ONLY)
        return
    call_id = int(parts[2])
    if parts[1] == "keep":
        text = f"Kept #{call_id}: nothing was deleted."
    else:
        try:
            gone = ops.delete_call(db_of(context), call_id)
        except InputError as e:
            await q.answer(str(e)[:200])
            return
        text = f"Deleted {esc(ops.removal_line(gone))}."
    await q.answer()
    if q.message is not None and hasattr(q.message, "edit_text"):
        await q.message.edit_text(text, reply_markup=keyboard([]))
    else:
        await reply(update, context, text)


@one_line_errors
async def fix(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/fix ID quarter=Q4 2021 company=...: re-point a call and its analyses."""
    if not is_admin(update, context):
        await reply(update, context, ADMIN_ONLY)
        return
    text = _rest(update)
    if not text:
        await reply(update, context, FIX_USAGE)
        return
    call_id, ch = ops.parse_fix(text)
    before, after = ops.edit_call(db_of(context), call_id, ch)
    await reply(update, context, f"#{call_id} {esc(before.label)} is now <b>{esc(after.label)}</b>"
                + (f" ({esc(after.call_date)})" if after.call_date else "") + f": set {esc(ch.describe())}.")


def register(application: Application) -> None:
    """The confirmation buttons (the commands are in the one command table)."""
    application.add_handler(CallbackQueryHandler(on_button, pattern=BUTTONS))
