"""Button presses: `v1|<view>|<arg>|<page>` data decoded, the view re-rendered, the message edited in place."""
from __future__ import annotations

import logging

from telegram import Update
from telegram.ext import ContextTypes

from bot.telegram import views
from bot.telegram.handlers import in_thread, query_cache, search_data
from bot.telegram.replies import edit_view, reply
from summarizer.errors import InputError

log = logging.getLogger(__name__)
EXPIRED = "This button has expired: send the command again."


def decode(data: str | None) -> tuple[str, str, int, str] | None:
    """(view, arg, page, rest) from callback data, or None when it is not ours or malformed."""
    if not data or not data.startswith("v1|"):
        return None
    parts = data.split("|", 4)
    if len(parts) < 4:
        return None
    _, view, a, b = parts[:4]
    if not a.isascii():  # the number of every view; '²' is a digit to str.isdigit, not to int()
        return None
    rest = parts[4] if len(parts) > 4 else ""
    if view in views.VIEWS:
        if not a.isdigit() or not b.isascii() or not b.isdigit() or len(a) > 12 or len(b) > 4:
            return None
        return view, a, int(b), rest
    if view in ("srch", "srchk"):
        if not a.isdigit() or len(a) > 4:
            return None
        return view, b + ("|" + rest if rest else ""), int(a), ""
    if view in ("tpc", "tpco"):
        if not a.isdigit() or len(a) > 19:
            return None
        return view, b + ("|" + rest if rest else ""), int(a), ""
    return None


def _render(db, view: str, arg: str, page: int, data_for_page, chat_id: int | None):  # type: ignore[no-untyped-def]
    """The view a button asks for (runs in a thread: bot.offload)."""
    if view in views.VIEWS:
        call_id = int(arg)
        return views.summary_view(db, call_id, page or None) if view == "sum" else views.VIEWS[view](db, call_id, page)
    if view in ("srch", "srchk"):
        return views.search_view(db, arg, page, data_for_page=data_for_page)
    if view == "tpc" and page:  # a topic pressed on a call: that call only
        return views.topic_digest_view(db, arg, chat_id=chat_id, from_call=page)
    if view == "tpco":  # from there, every call of that call's company
        from bot.ops.calls import get_call

        return views.topic_digest_view(db, arg, company=get_call(db, page).call.company, chat_id=chat_id)
    return views.topic_digest_view(db, arg, chat_id=chat_id)  # tpc 0: a topic from the keyboard, every call


async def on_button(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Any inline button of ours; forged or stale data gets a short notice, never a crash."""
    q = update.callback_query
    if q is None:
        return
    decoded = decode(q.data)
    if decoded is None:
        await q.answer(EXPIRED)
        return
    view, arg, page, _ = decoded
    if view == "srchk":
        query = query_cache(context).get(arg)
        if query is None:
            await q.answer(EXPIRED)
            return
        arg = query
    data_for_page = search_data(context, arg) if view in ("srch", "srchk") else None
    chat_id = update.effective_chat.id if update.effective_chat else None
    try:
        v = await in_thread(context, _render, view, arg, page, data_for_page, chat_id)
    except InputError as e:
        await q.answer(str(e)[:200])
        return
    await q.answer()
    if view == "tpc" and not page:
        await reply(update, context, v.text)
        return
    await edit_view(update, context, v)
