"""/changes, /chart and /export: thin handlers over bot.ops.changes, bot.ops.series and bot.ops.export.

/changes replies with text (the `v1|chg|<call>|0` view, also under every call's buttons); /chart sends a PNG
(sendPhoto, caption within 1,024 characters) with buttons for the other charts (`ch|<call>|<what>`); /export
sends a file (sendDocument). Everything that reads the database or draws runs off the event loop
(`handlers.in_thread`: a thread with its own connection, time-limited)."""
from __future__ import annotations

import logging
from typing import Any

from telegram import InputFile, Update
from telegram.ext import Application, CallbackQueryHandler, ContextTypes

from bot.formatting import clip, esc
from bot.ops import calls as calls_ops
from bot.telegram import views
from bot.telegram.args import MAX_ARG, split_ref
from bot.telegram.handlers import _offer_companies, in_thread, one_line_errors
from bot.telegram.replies import keyboard, reply, reply_view, thread_of
from summarizer.errors import InputError

log = logging.getLogger(__name__)
CHART_PREFIX = "ch|"
MAX_METRIC_BUTTONS = 3
OTHER_FORMATS = ("xlsx", "xls", "excel", "tsv", "txt", "pdf", "parquet")  # said as a format: told which ones work


def _usage(name: str) -> str:
    from bot.telegram.commands import usage

    return usage(name)


def _changes(db, ref: str, quarter: str | None) -> views.View:  # type: ignore[no-untyped-def]
    """The changes view of the call named, or the companies `ref` could mean."""
    try:
        call = calls_ops.resolve_call(db, ref, quarter)
    except calls_ops.NotFound:
        offer = _offer_companies(db, ref, "chg")
        if offer is None:
            raise
        return offer
    return views.changes_view(db, call.id)


@one_line_errors
async def changes(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/changes <company|ticker|id> [quarter]: the call beside the company's previous stored call."""
    if not context.args:
        await reply(update, context, _usage("changes"))
        return
    ref, quarter, _ = split_ref(context.args, allow_n=False)
    await reply_view(update, context, await in_thread(context, _changes, ref, quarter))


def split_chart_args(db, args: list[str]) -> tuple[calls_ops.CallInfo, str | None]:  # type: ignore[no-untyped-def]
    """The company and what to chart: 'Larkspur Analytics adjusted EPS' -> (its latest call, 'adjusted EPS').
    The trailing words are what to chart when they name tone, topics or a metric the company reports and the
    words before them name the company; else the longest leading words that name a company."""
    from bot.ops.changes import history
    from bot.ops.series import TONE_WORDS, TOPIC_WORDS, match_metric, reported_metrics

    words = [a for a in args if a]
    if sum(len(w) for w in words) > MAX_ARG:
        raise InputError(f"That is too long: /chart <company> [metric|tone|topics] (under {MAX_ARG} characters).")

    def resolve(n: int) -> calls_ops.CallInfo | None:
        try:
            return calls_ops.resolve_call(db, " ".join(words[:n]))
        except InputError:
            return None

    for cut in range(1, len(words)):
        call = resolve(cut)
        rest = " ".join(words[cut:])
        if call is not None and (rest.lower() in TONE_WORDS + TOPIC_WORDS or
                                 match_metric(rest, reported_metrics(history(db, call.id))) is not None):
            return call, rest
    for cut in range(len(words), 0, -1):
        call = resolve(cut)
        if call is not None:
            return call, " ".join(words[cut:]) or None
    return calls_ops.resolve_call(db, " ".join(words)), None  # raises the look-up's own message


def chart_buttons(db, call_id: int, kind: str, metric_key: str | None) -> list[list[tuple[str, str]]]:  # type: ignore[no-untyped-def]
    """The other charts of the company: a few reported metrics, tone and topics (callback data under 64 bytes)."""
    from bot.ops.changes import history
    from bot.ops.series import reported_metrics

    row = []
    for mk, (said, _unit) in list(reported_metrics(history(db, call_id)).items())[:MAX_METRIC_BUTTONS + 1]:
        if mk != metric_key and len(row) < MAX_METRIC_BUTTONS and len(f"{CHART_PREFIX}{call_id}|{mk}".encode()) <= 64:
            row.append((clip(said[:1].upper() + said[1:], 20), f"{CHART_PREFIX}{call_id}|{mk}"))
    extra = [(label, f"{CHART_PREFIX}{call_id}|{what}") for what, label in (("tone", "Tone"), ("topics", "Topics"))
             if what != kind]
    return [r for r in (row, extra + [("Changes", f"v1|chg|{call_id}|0")]) if r]


def _chart(db, call: calls_ops.CallInfo | None, args: list[str], what: str | None) -> dict[str, Any]:  # type: ignore[no-untyped-def]
    """Everything a chart message needs: the PNG, its file name, caption and buttons (in a worker thread)."""
    from bot import charts
    from bot.ops.series import chart_data

    if call is None:
        call, what = split_chart_args(db, args)
    kind, series, caption = chart_data(db, str(call.id), what)
    metric_key = getattr(series, "metric_key", None)
    return {"png": charts.render(kind, series), "caption": caption,
            "name": f"{(call.ticker or 'chart').lower()}-{metric_key or kind}-{call.id}.png",
            "buttons": chart_buttons(db, call.id, kind, metric_key)}


async def send_chart(update: Update, context: ContextTypes.DEFAULT_TYPE, chart: dict[str, Any]) -> None:
    """The chart as a photo in the update's chat and topic, its other charts as buttons."""
    await context.bot.send_photo(update.effective_chat.id, photo=InputFile(chart["png"], filename=chart["name"]),
                                 caption=esc(chart["caption"]), message_thread_id=thread_of(update),
                                 reply_markup=keyboard(chart["buttons"]))


@one_line_errors
async def chart(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/chart <company> [metric|tone|topics]: a PNG of the company's stored quarters."""
    if not context.args:
        await reply(update, context, _usage("chart"))
        return
    await send_chart(update, context, await in_thread(context, _chart, None, list(context.args), None))


def _chart_of_call(db, call_id: str, what: str | None) -> dict[str, Any]:  # type: ignore[no-untyped-def]
    return _chart(db, calls_ops.resolve_call(db, call_id), [], what)


async def on_chart_button(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """A Chart button (`ch|<call id>|<what>`): the chart as a new photo message."""
    q = update.callback_query
    parts = (q.data or "").split("|", 2)
    if len(parts) != 3 or not parts[1].isascii() or not parts[1].isdecimal() or len(parts[1]) > 12:
        await q.answer("This button has expired: send /chart again.")
        return
    await q.answer()
    try:
        await send_chart(update, context, await in_thread(context, _chart_of_call, parts[1], parts[2] or None))
    except InputError as e:
        await reply(update, context, esc(str(e)))


@one_line_errors
async def export(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/export <company|all> [csv|json]: figures, guidance history and Q&A digests as a file."""
    from bot.ops.export import FORMATS
    from bot.ops.export import export as make_export

    words = list(context.args or [])
    if not words:
        await reply(update, context, _usage("export"))
        return
    last = words[-1].lower()
    fmt = words.pop().lower() if last in FORMATS or (last in OTHER_FORMATS and len(words) > 1) else "csv"
    which = " ".join(words).strip() or "all"
    if len(which) > MAX_ARG:
        raise InputError("That is too long: /export <company|all> [csv|json].")
    data, name = await in_thread(context, make_export, which, fmt)
    await context.bot.send_document(update.effective_chat.id, document=InputFile(data, filename=name),
                                    caption=esc(f"{name}: figures, guidance history and Q&A digests "
                                                f"({len(data):,} bytes; columns in docs/changes.md)"),
                                    message_thread_id=thread_of(update))


def register(application: Application) -> None:
    """The Chart buttons' handler (the commands come from the one command table)."""
    application.add_handler(CallbackQueryHandler(on_chart_button, pattern=r"^ch\|"))
