"""Command handlers: parse arguments, call one operation (through a view), reply. Thin on purpose."""
from __future__ import annotations

import hashlib
import logging
from collections.abc import Awaitable, Callable
from functools import partial, wraps

from telegram import Update
from telegram.ext import ContextTypes

from bot import limits, offload
from bot.formatting import clip, esc
from bot.lru import LRU
from bot.ops import calls as calls_ops
from bot.telegram import views
from bot.telegram.access import may_change_group
from bot.telegram.args import MAX_ARG, split_ref
from bot.telegram.replies import reply, reply_view
from summarizer.errors import InputError

log = logging.getLogger(__name__)
Handler = Callable[[Update, ContextTypes.DEFAULT_TYPE], Awaitable[None]]


def db_of(context: ContextTypes.DEFAULT_TYPE):
    return context.bot_data["db"]


def config_of(context: ContextTypes.DEFAULT_TYPE):
    return context.bot_data["config"]


async def in_thread(context: ContextTypes.DEFAULT_TYPE, fn: Callable, *args):  # type: ignore[no-untyped-def]
    """`fn(db, *args)` off the event loop, on a connection of the thread's own, within EARNINGS_BOT_HANDLER_SECONDS
    (queries past it are interrupted; the reply is one line saying so): no chat waits for another's reply."""
    return await offload.run_db(config_of(context).db_path, fn, *args, timeout=limits.handler_seconds())


def one_line_errors(fn: Handler) -> Handler:
    """An InputError from an operation becomes its one-line message as the reply."""
    @wraps(fn)
    async def wrapper(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        try:
            await fn(update, context)
        except InputError as e:
            await reply(update, context, esc(str(e)))
    return wrapper


def _usage(name: str) -> str:
    from bot.telegram.commands import usage

    return usage(name)


async def start(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    from bot.telegram.commands import help_text

    await reply(update, context, "<b>Earnings-call bot</b>: summaries, key figures, Q&amp;A and topics of "
                "earnings calls, searchable.\n\n" + help_text(config_of(context).is_admin(_uid(update))))


async def help_cmd(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    from bot.telegram.commands import help_text

    await reply(update, context, help_text(config_of(context).is_admin(_uid(update))))


def _uid(update: Update) -> int | None:
    return update.effective_user.id if update.effective_user else None


def _latest(db, company: str | None) -> views.View:  # type: ignore[no-untyped-def]
    try:
        return views.latest_view(db, company)
    except calls_ops.NotFound:
        offer = _offer_companies(db, company, "sum") if company else None
        if offer is None:
            raise
        return offer


@one_line_errors
async def latest(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    company = " ".join(context.args or []).strip() or None
    if company and len(company) > MAX_ARG:
        raise InputError("That company name is too long.")
    await reply_view(update, context, await in_thread(context, _latest, company))


def _offer_companies(db, ref: str, view: str) -> views.View | None:  # type: ignore[no-untyped-def]
    """When `ref` could name several companies, a view with one button each; else None."""
    if ref.isdecimal():
        return None
    m = calls_ops.find_company(db, ref)
    if not m.ambiguous:
        return None
    return views.ambiguous_view(db, ref, m.ambiguous, view)


def _call(db, view: str, ref: str, quarter: str | None, n: int | None) -> views.View:  # type: ignore[no-untyped-def]
    """One call's view (the call named by ref and quarter), or the companies `ref` could mean."""
    try:
        call = calls_ops.resolve_call(db, ref, quarter)
    except calls_ops.NotFound:
        offer = _offer_companies(db, ref, view)
        if offer is None:
            raise
        return offer
    if view == "sum":
        return views.summary_view(db, call.id, n)
    return views.VIEWS[view](db, call.id, 0)


def _call_view(view: str) -> Handler:
    """/summary, /figures, /qa, /topics: '<company|ticker|id> [quarter]' (+ '[n]' for /summary)."""
    @one_line_errors
    async def handler(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        name = {"sum": "summary", "fig": "figures", "qa": "qa", "top": "topics"}[view]
        if not context.args:
            await reply(update, context, _usage(name))
            return
        ref, quarter, n = split_ref(context.args, allow_n=view == "sum", command=name)
        if not ref:
            await reply(update, context, _usage(name))
            return
        if view == "sum" and n is None:
            n = _summary_length(db_of(context), update)
        await reply_view(update, context, await in_thread(context, _call, view, ref, quarter, n))
    return handler


def _summary_length(db, update: Update) -> int | None:  # type: ignore[no-untyped-def]
    """The chat's `/settings length` (None for the default 5: the summary stored at ingest)."""
    from storage.alerts import get_chat

    chat = get_chat(db, update.effective_chat.id) if update.effective_chat else None
    return chat.summary_length if chat is not None and chat.summary_length != 5 else None


summary = _call_view("sum")
figures = _call_view("fig")
qa = _call_view("qa")
topics = _call_view("top")


def _topic(db, chat_id: int, args: list[str], words: list[str]) -> views.View:  # type: ignore[no-untyped-def]
    from bot.telegram import my_topics

    if not args:
        return views.topics_keyboard(db, chat_id)
    if args[0].lower() in my_topics.SUBCOMMANDS:  # the chat's own topics: add, remove, mine
        return my_topics.run(db, chat_id, args[0].lower(), words[2] if len(words) > 2 else "")
    text = " ".join(args)
    if len(text) > MAX_ARG:
        raise InputError("That is too long: /topic <topic> [company] [quarter].")
    name, company, quarter = read_topic_args(db, args, views._analysis("list_topics")(db, chat_id))
    call_ids = None
    if quarter:
        q, y = calls_ops.parse_period(quarter)
        pool = calls_ops.latest_calls(db, company or None, limit=500)
        call_ids = [c.id for c in pool if (q is None or c.fiscal_quarter == q) and (y is None or c.fiscal_year == y)]
        if not call_ids:
            raise InputError(f"No calls stored for {quarter}: see /companies.")
    return views.topic_digest_view(db, name, company=company or None, call_ids=call_ids, chat_id=chat_id)


def read_topic_args(db, args: list[str], known: list[str]) -> tuple[str, str, str | None]:  # type: ignore[no-untyped-def]
    """'/topic <topic or phrase> [company] [quarter]' -> (topic, company, quarter). A known topic's name is taken
    first ('inventory NWRB Q3 2025'); any other words are a phrase to look for, and only words at the end that
    name a stored company (or a quarter) are taken as the scope: '/topic gross margin' searches the phrase."""
    names = {t.lower(): t for t in known}
    for cut in range(len(args), 0, -1):  # the longest leading words that name a topic
        if " ".join(args[:cut]).lower() in names:
            name, rest = names[" ".join(args[:cut]).lower()], args[cut:]
            company, quarter, _ = split_ref(rest, allow_n=False, command="topic") if rest else ("", None, None)
            return name, company, quarter
    for cut in range(1, len(args)):  # the shortest tail that is a company and/or a quarter
        company, quarter, _ = split_ref(args[cut:], allow_n=False, command="topic")
        found = calls_ops.find_company(db, company, fuzzy=False) if company else None
        if (found is not None and (found.key or found.ambiguous)) or (quarter and not company):
            return " ".join(args[:cut]), company, quarter
    return " ".join(args), "", None


@one_line_errors
async def topic(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    from bot.telegram import my_topics

    args = context.args or []
    if args and args[0].lower() in ("add", "remove") and not await may_change_group(update, context):
        return
    words = (update.effective_message.text or "").split(None, 2)
    await reply_view(update, context, await in_thread(context, _topic, update.effective_chat.id, args, words))


def search_data(context: ContextTypes.DEFAULT_TYPE, query: str) -> Callable[[int], str]:
    """Callback data for a search page: the query inline when it fits 64 bytes, else a short key kept in memory
    (the QUERY_CACHE most recently used; an older key's button says it has expired)."""
    def data(page: int) -> str:
        inline = f"v1|srch|{page}|{query}"
        if len(inline.encode()) <= 64:
            return inline
        key = hashlib.sha1(query.encode()).hexdigest()[:10]
        query_cache(context)[key] = query
        return f"v1|srchk|{page}|{key}"
    return data


def query_cache(context: ContextTypes.DEFAULT_TYPE) -> LRU:
    """Long search queries by the key their buttons carry, least recently used dropped past QUERY_CACHE."""
    cache = context.bot_data.get("queries")
    if not isinstance(cache, LRU):
        cache = context.bot_data["queries"] = LRU(limits.QUERY_CACHE)
    return cache


@one_line_errors
async def search(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    query = " ".join(context.args or []).strip()
    if not query:
        await reply(update, context, _usage("search"))
        return
    if len(query) > MAX_ARG:
        raise InputError(f"That search is too long: use a few words (under {MAX_ARG} characters).")
    view = partial(views.search_view, data_for_page=search_data(context, query))
    await reply_view(update, context, await in_thread(context, view, query, 0))


@one_line_errors
async def companies(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    await reply_view(update, context, await in_thread(context, views.companies_view))


async def unknown_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """An unknown /command in a private chat (or addressed to this bot in a group): a pointer to /help."""
    msg = update.effective_message
    if msg is None or not msg.text:
        return
    word = msg.text.split()[0]
    cmd, _, target = word.partition("@")
    chat = update.effective_chat
    if chat and chat.type != "private" and target.lower() != (context.bot.username or "").lower():
        return  # a group command for someone else: stay quiet
    await reply(update, context, f"I don't know {esc(clip(cmd, 40))}. Send /help for the commands.")


async def private_text(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Plain text in a private chat that is not a command or link: a pointer to /search and /help."""
    await reply(update, context, "Send a command: /latest, /summary NWRB, /search guidance … (/help lists them all).")
