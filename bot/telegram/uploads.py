"""Documents and links sent to the bot: checked (who, type, size), ingested, answered with the call's summary."""
from __future__ import annotations

import logging
import re
from functools import partial

from telegram import MessageEntity, Update
from telegram.constants import ChatAction
from telegram.ext import ContextTypes

from bot import offload
from bot.formatting import clip, esc
from bot.ops.documents import TRANSCRIPT_SUFFIXES
from bot.ops.ingest import ingest_bytes_at, ingest_isolated, ingest_url_at
from bot.telegram import views
from bot.telegram.handlers import config_of, in_thread
from bot.telegram.replies import reply, reply_view
from summarizer.errors import InputError, TooLarge
from summarizer.parse.decode import human_size

log = logging.getLogger(__name__)
EXTENSIONS = TRANSCRIPT_SUFFIXES
NOT_ALLOWED = "Only admins can add transcripts here (ask the bot's owner to add your id to ADMIN_IDS)."


async def _in_worker(fn, *args, what: str):  # type: ignore[no-untyped-def]
    """A document job in a worker process (killed at EARNINGS_BOT_PARSE_SECONDS), waited for off the event loop."""
    return await offload.run(partial(ingest_isolated, fn, *args, what=what), pool="documents")


async def _answer_result(update: Update, context: ContextTypes.DEFAULT_TYPE, result) -> None:
    note = {"added": "Added", "duplicate": "Already stored", "version": f"Stored as version {result.version} of"}
    more = f" Set {esc(result.filled)} on it from this copy." if getattr(result, "filled", None) else ""
    if getattr(result, "differs", None):
        differs = "; ".join(result.differs)
        more += (f"\n{esc(differs[:1].upper() + differs[1:])}: if this copy is right, an admin can send "
                 f"/fix {result.call_id} quarter=… company=… ticker=… date=…")
    await reply(update, context, f"{note.get(result.status, 'Stored')}: {esc(result.call.label)} (#{result.call_id}).{more}")
    await reply_view(update, context, await in_thread(context, views.summary_view, result.call_id))


async def on_document(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """A transcript file: admins only unless OPEN_UPLOADS; size checked before downloading."""
    msg = update.effective_message
    if msg is None or msg.document is None:
        return
    config = config_of(context)
    chat = update.effective_chat
    if chat is not None and chat.type != "private" and not _for_this_bot(msg, context.bot.username):
        return  # a file shared in a group, not sent to the bot: stay quiet
    if not config.may_upload(update.effective_user.id if update.effective_user else None):
        if chat is not None and chat.type == "private":
            await reply(update, context, esc(NOT_ALLOWED))
        return
    doc = msg.document
    name = doc.file_name or "document"
    if not name.lower().endswith(EXTENSIONS):
        await reply(update, context, f"I can't read {esc(clip(name, 60))}: send a .txt, .md, .html, .pdf or .json transcript "
                    "(or .vtt/.srt captions).")
        return
    if doc.file_size and doc.file_size > config.max_bytes:
        await reply(update, context, f"{esc(clip(name, 60))} is {human_size(doc.file_size)}, over the "
                    f"{human_size(config.max_bytes)} limit: send a smaller file.")
        return
    await context.bot.send_chat_action(chat.id, ChatAction.TYPING,
                                       message_thread_id=msg.message_thread_id if msg.is_topic_message else None)
    try:
        file = await doc.get_file()
        data = bytes(await file.download_as_bytearray())
        if len(data) > config.max_bytes:  # Telegram's file_size can be missing or wrong
            raise TooLarge(f"{clip(name, 60)} is {human_size(len(data))}, over the {human_size(config.max_bytes)} "
                           f"limit: send a smaller file.")
        result = await _in_worker(ingest_bytes_at, str(config.db_path), data, name, config.max_bytes,
                                  what=clip(name, 60))
    except InputError as e:
        await reply(update, context, f"Could not add {esc(clip(name, 60))}: {esc(str(e))}")
        return
    await _answer_result(update, context, result)


def _for_this_bot(msg, username: str | None) -> bool:
    """A group message is for the bot when its caption mentions @botname or it replies to the bot."""
    mention = f"@{username}".lower() if username else None
    if mention and mention in (msg.caption or "").lower():
        return True
    replied = msg.reply_to_message
    return bool(replied and replied.from_user and replied.from_user.username
                and username and replied.from_user.username.lower() == username.lower())


_URL = re.compile(r"https?://\S+", re.I)


async def on_link(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """A message with a link (private chats): the page fetched and ingested, admins only unless OPEN_UPLOADS."""
    msg = update.effective_message
    if msg is None or not msg.text:
        return
    config = config_of(context)
    urls = [u for u in msg.parse_entities([MessageEntity.URL]).values()]
    urls += [e.url for e in msg.entities if e.type == MessageEntity.TEXT_LINK and e.url]
    urls = urls or _URL.findall(msg.text)
    if not urls:
        return
    if not config.may_upload(update.effective_user.id if update.effective_user else None):
        await reply(update, context, esc(NOT_ALLOWED))
        return
    url = urls[0]
    if not url.lower().startswith(("http://", "https://")):
        url = "https://" + url
    await context.bot.send_chat_action(msg.chat_id, ChatAction.TYPING)
    try:
        result = await _in_worker(ingest_url_at, str(config.db_path), url, config.max_bytes,
                                  config.allow_private_urls, what="That page")
    except InputError as e:
        await reply(update, context, f"Could not add that page: {esc(str(e))}")
        return
    await _answer_result(update, context, result)
