"""Scheduled work on PTB's JobQueue: the outbox sender, source polling, and one digest job per chat.

`schedule_all(application)` runs from the bot's `post_init`: jobs are not persisted by PTB, so every digest
schedule is re-created from SQLite at each start (a restart loses none). Digest jobs are named
`digest:<chat_id>` and removed before they are replaced. Callbacks take an injectable `now` so tests drive
them with a controlled clock instead of sleeping."""
from __future__ import annotations

import asyncio
import logging
from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from sqlite_utils import Database
from telegram.ext import Application, ContextTypes, JobQueue

from bot.formatting import call_header, esc, excerpt, split_message
from storage import alerts as chats
from storage import outbox
from storage.alerts import Chat, utcnow
from storage.transcripts import CallInfo, get_call_info
from summarizer.errors import InputError

log = logging.getLogger(__name__)
OUTBOX_INTERVAL_S = 1.0
POLL_INTERVAL_S = 60.0
MAX_DIGEST_CALLS = 10
MAX_DIGEST_CHARS = 5 * 3900  # about five messages; the calls past it are listed by name (docs/limits.md)


def digest_job_name(chat_id: int) -> str:
    return f"digest:{chat_id}"


def schedule_digest(job_queue: JobQueue, chat: Chat) -> None:
    """(Re)schedule one chat's digest job from its settings; 'off' only removes it."""
    for job in job_queue.get_jobs_by_name(digest_job_name(chat.id)):
        job.schedule_removal()
    if chat.digest == "off" or not chat.active:
        return
    tz = ZoneInfo(chat.timezone or "UTC")
    at = time.fromisoformat(chat.digest_time).replace(tzinfo=tz)
    days = tuple(range(7)) if chat.digest == "daily" else ((chat.digest_day + 1) % 7,)  # PTB: 0 = Sunday
    job_queue.run_daily(digest_callback, at, days=days, name=digest_job_name(chat.id), chat_id=chat.id)


def move_digest_job(job_queue: JobQueue, db: Database, old_id: int, new_id: int) -> None:
    """A group became a supergroup (its rows already moved): its digest job now runs under the new id."""
    for job in job_queue.get_jobs_by_name(digest_job_name(old_id)):
        job.schedule_removal()
    chat = chats.get_chat(db, new_id)
    if chat is not None:
        schedule_digest(job_queue, chat)


def _new_sender(db: Database, bot, job_queue: JobQueue | None, db_path=None):  # type: ignore[no-untyped-def]
    from bot.outbox import Sender

    sender = Sender(db, bot, db_path=str(db_path) if db_path else None)  # its queries off the event loop
    if job_queue is not None:
        sender.on_migrate = lambda old, new: move_digest_job(job_queue, db, old, new)
    return sender


def _calls_since(db: Database, since: datetime, until: datetime) -> list[CallInfo]:
    """Calls stored in (since, until], newest versions only, oldest first."""
    a, b = since.isoformat(timespec="seconds"), until.isoformat(timespec="seconds")
    ids = [r[0] for r in db.execute(
        "SELECT id FROM transcripts WHERE ingested_at > ? AND ingested_at <= ? "
        "AND id NOT IN (SELECT supersedes FROM transcripts WHERE supersedes IS NOT NULL) ORDER BY id", [a, b])]
    return [c for c in (get_call_info(db, i) for i in ids) if c is not None]


def _call_section(db: Database, chat: Chat, call: CallInfo) -> str:
    from bot.ops import analysis
    from bot.ops.alerts import hits_for_call
    from bot.ops.calls import load_transcript
    from summarizer.thesaurus import matched_note

    lines = [call_header(call)]
    try:
        flash = analysis.flash(db, call.id, limit=4)  # the headline flash first, then the summary
        lines += [f"📰 {esc(ln.text)}" for ln in flash]
        summ = analysis.summary(db, call.id, n_sentences=chat.summary_length)
        lines += [f"• {esc(excerpt(s.text))}" for s in summ.sentences]
    except Exception:  # noqa: BLE001 - one call's analysis problem must not lose the digest
        log.exception("digest: analysis of call %s failed", call.id)
    lines += _changes_lines(db, call.id)
    try:
        tr, sentences = load_transcript(db, call.id)
        hits = hits_for_call(db, sentences, ticker=call.ticker, company=call.company, chat_id=chat.id).get(chat.id)
        if hits and hits.subs:
            queries = sorted({s.query for s in hits.subs})
            note = matched_note(hits.matched_pairs())
            lines.append(f"Your alerts: {esc(', '.join(queries))} ({len(hits.sentences)} sentences"
                         + (f"; {esc(note)}" if note else "") + ")")
    except Exception:  # noqa: BLE001
        log.exception("digest: matching call %s failed", call.id)
    return "\n".join(lines)


def _changes_lines(db: Database, call_id: int) -> list[str]:
    """What changed since the company's previous call: its guidance moves and results against guidance."""
    from bot.changes_format import changes_brief
    from bot.ops.changes import changes_for_call

    try:
        ch = changes_for_call(db, call_id)
    except Exception:  # noqa: BLE001 - one call's comparison problem must not lose the digest
        log.exception("digest: changes of call %s failed", call_id)
        return []
    return ["What changed:"] + (changes_brief(ch) or [esc(ch.headline())])


def build_digest(db: Database, chat: Chat, now: datetime) -> str:
    """The digest text (HTML): the calls stored since the chat's last digest, or a brief 'no new calls'."""
    period = timedelta(days=1 if chat.digest == "daily" else 7)
    since = chats.parse_iso(chat.last_digest_at) if chat.last_digest_at else now - period
    calls = _calls_since(db, since, now)
    title = f"🗓 <b>Your {'daily' if chat.digest != 'weekly' else 'weekly'} earnings digest</b>"
    if not calls:
        return f"{title}\nNo new calls since the last digest."
    parts = [f"{title}\n{len(calls)} new call{'s' * (len(calls) != 1)}:"]
    size, shown = len(parts[0]), 0
    for c in calls[:MAX_DIGEST_CALLS]:  # whole calls, until the digest would pass MAX_DIGEST_CHARS
        section = _call_section(db, chat, c)
        if shown and size + len(section) > MAX_DIGEST_CHARS:
            break
        parts.append(section)
        size += len(section) + 2
        shown += 1
    if len(calls) > shown:
        rest = ", ".join(esc(c.label) for c in calls[shown:shown + 30])
        more = len(calls) - shown - 30
        parts.append(f"Also new: {rest}" + (f" and {more} more (see /latest)" if more > 0 else ""))
    return "\n\n".join(parts)


def queue_digest(db: Database, chat_id: int, now: datetime | None = None) -> int:
    """Build the chat's digest and queue it (once per chat per local day); returns the parts queued."""
    now = now or utcnow()
    chat = chats.get_chat(db, chat_id)
    if chat is None or chat.digest == "off" or not chat.active:
        return 0
    local_day = now.astimezone(ZoneInfo(chat.timezone or "UTC")).date().isoformat()
    text = build_digest(db, chat, now)
    n = 0
    with db.atomic():
        for i, part in enumerate(split_message(text)):
            if outbox.enqueue(db, chat_id, "digest", part, f"digest:{chat_id}:{local_day}:{i}", now=now,
                              thread_id=chat.digest_thread_id):
                n += 1
        chats.update_chat(db, chat_id, last_digest_at=chats.iso(now))
    return n


async def digest_callback(context: ContextTypes.DEFAULT_TYPE) -> None:
    """Job callback: queue this chat's digest (the sender job delivers it), built off the event loop: many chats'
    digests fall due at the same minute, and each summarises several calls."""
    from bot import offload

    now = context.bot_data.get("clock", utcnow)()
    config = context.bot_data.get("config")
    db_path = getattr(config, "db_path", None)
    if db_path is None:
        queue_digest(context.bot_data["db"], context.job.chat_id, now)
        return
    from bot import limits

    try:
        await offload.run_db(db_path, queue_digest, context.job.chat_id, now, pool="digests",
                             timeout=3 * limits.handler_seconds())
    except InputError:  # its time limit: queries interrupted, nothing queued
        log.warning("the digest of chat %s took too long to build; it is left out this time", context.job.chat_id)


async def outbox_callback(context: ContextTypes.DEFAULT_TYPE) -> None:
    """Job callback: send what is due in the outbox."""
    sender = context.bot_data.get("outbox_sender")
    if sender is None:
        sender = context.bot_data["outbox_sender"] = _new_sender(
            context.bot_data["db"], context.bot, getattr(context, "job_queue", None),
            getattr(context.bot_data.get("config"), "db_path", None))
    lock = context.bot_data.setdefault("outbox_lock", asyncio.Lock())
    if lock.locked():  # the previous tick is still sending: let it go on
        return
    async with lock:
        await sender.drain(max_seconds=30.0)


async def sources_callback(context: ContextTypes.DEFAULT_TYPE) -> None:
    """Job callback: start polling the sources that are due (inbox folders, feeds, pages), each in a thread of its
    own with its own time budget, and return at once: a slow source delays neither the others nor the bot."""
    from bot import limits
    from storage import sources as source_store

    config = context.bot_data.get("config")
    db_path = getattr(config, "db_path", None)
    if db_path is None or context.bot_data.get("stopping"):
        return
    in_flight: set[int] = context.bot_data.setdefault("sources_in_flight", set())
    tasks: set[asyncio.Task] = context.bot_data.setdefault("source_tasks", set())
    try:
        due = [s for s in source_store.due_sources(context.bot_data["db"], utcnow()) if s.id not in in_flight]
    except Exception:  # noqa: BLE001 - a locked or broken database must not stop the job
        log.exception("listing the sources that are due failed")
        return
    for source in due[:max(0, limits.MAX_SOURCES_AT_ONCE - len(in_flight))]:
        in_flight.add(source.id)
        task = asyncio.get_running_loop().create_task(
            _poll_one(db_path, source.id, bool(getattr(config, "allow_private_urls", False)), in_flight))
        tasks.add(task)
        task.add_done_callback(tasks.discard)


async def _poll_one(db_path, source_id: int, allow_private: bool, in_flight: set[int]) -> None:  # type: ignore[no-untyped-def]
    from functools import partial

    from bot import offload
    from bot.sources import poll_source_at

    try:
        await offload.run(partial(poll_source_at, db_path, source_id, allow_private=allow_private), pool="sources")
    except asyncio.CancelledError:
        raise
    except Exception:  # noqa: BLE001 - a source bug must not stop the job
        log.exception("polling source #%s failed", source_id)
    finally:
        in_flight.discard(source_id)


def schedule_all(application: Application) -> None:
    """Start the outbox sender and source polling, and re-create every chat's digest job from SQLite."""
    jq = application.job_queue
    if jq is None:
        log.warning("no JobQueue (install python-telegram-bot[job-queue]): alerts and digests will not be sent")
        return
    db = application.bot_data["db"]
    sender = _new_sender(db, application.bot, jq, getattr(application.bot_data.get("config"), "db_path", None))
    sender.recover()
    application.bot_data["outbox_sender"] = sender
    for name in ("outbox", "sources"):
        for job in jq.get_jobs_by_name(name):
            job.schedule_removal()
    jq.run_repeating(outbox_callback, OUTBOX_INTERVAL_S, first=0.5, name="outbox",
                     job_kwargs={"max_instances": 3, "coalesce": True})  # overlapping ticks return at once
    jq.run_repeating(sources_callback, POLL_INTERVAL_S, first=2.0, name="sources",
                     job_kwargs={"max_instances": 1, "coalesce": True})
    n = 0
    for chat in chats.chats_with_digest(db):
        schedule_digest(jq, chat)
        n += 1
    log.info("scheduled the outbox sender, source polling and %d digest job(s)", n)


def polling_note(job_queue: JobQueue | None, kind: str) -> str:
    """What a new source's confirmation may truthfully say about when it is read: the schedule when this process
    polls sources (the bot, the terminal chat), else that nothing here does."""
    if job_queue is None or not job_queue.get_jobs_by_name("sources"):
        return "Nothing polls sources in this process: run the bot (earnings-bot run), or earnings-bot poll."
    if kind == "inbox":
        return "New files in it are ingested within a minute."
    from bot.sources import poll_interval

    minutes = int(poll_interval().total_seconds() // 60)
    return f"It is fetched every {minutes} minute{'s' * (minutes != 1)} (EARNINGS_BOT_POLL_MINUTES)."


def schedule_terminal(application: Application, deliver, chat_id: int) -> None:  # type: ignore[no-untyped-def]
    """The terminal chat's jobs, the bot's own but for one chat: sources polled on their schedule, the chat's
    digest at its time, and `deliver()` printing its due alerts and digests every second. (The bot's sender is
    not started: the database may be a running bot's, whose other chats' messages are not the terminal's.)"""
    jq = application.job_queue
    if jq is None:
        return

    async def print_due(context: ContextTypes.DEFAULT_TYPE) -> None:
        await deliver()

    jq.run_repeating(print_due, OUTBOX_INTERVAL_S, first=OUTBOX_INTERVAL_S, name="outbox",
                     job_kwargs={"max_instances": 1, "coalesce": True})
    jq.run_repeating(sources_callback, POLL_INTERVAL_S, first=min(2.0, POLL_INTERVAL_S), name="sources",
                     job_kwargs={"max_instances": 1, "coalesce": True})
    chat = chats.get_chat(application.bot_data["db"], chat_id)
    if chat is not None:
        schedule_digest(jq, chat)
