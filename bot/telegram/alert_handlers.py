"""Telegram commands for alerts, digests, settings and sources: thin wrappers over bot.ops.alerts / bot.sources.

`register(application)` adds the handlers (B's application builder calls it); `COMMANDS` feeds /help and the
command menu. Remove buttons carry `al|rm|<subscription id>` (a few bytes; checked against the pressing chat)."""
from __future__ import annotations

from telegram import Update
from telegram.ext import Application, CallbackQueryHandler, CommandHandler, ContextTypes, MessageHandler, filters

from bot.formatting import esc
from bot.ops import alerts as ops
from bot.telegram.access import ADMIN_ONLY, is_admin, may_change_group
from bot.telegram.commands import Command
from bot.telegram.handlers import db_of, one_line_errors
from bot.telegram.replies import edit_view, reply, thread_of
from bot.telegram.views import View
from storage import alerts as chats
from storage.alerts import Chat, Subscription
from summarizer.errors import InputError

MAX_ARGS_CHARS = 1000
TRACK_USAGE = ('Usage: /track &lt;words or "a phrase"&gt; [for TICKER,...] — AND, OR, NOT and parentheses work; '
               'synonyms count ("capex" finds "capital expenditures"), =word or ="a phrase" for the words only; '
               'e.g. /track "supply chain" AND (tariff OR duty) for NWRB')


def _args(context: ContextTypes.DEFAULT_TYPE, update: Update) -> str:
    """The raw text after the command (quotes and spacing kept), not PTB's split args."""
    msg = update.effective_message
    text = (msg.text or "") if msg else ""
    rest = text.split(None, 1)[1] if len(text.split(None, 1)) > 1 else ""
    if len(rest) > MAX_ARGS_CHARS:
        # no number here: the command's own limit is smaller (a /track query: 200) and says itself
        command = text.split(None, 1)[0].split("@")[0]
        raise InputError(f"That is {len(rest):,} characters long, far more than {command} takes: see /help.")
    return rest.strip()


def _sub_line(s: Subscription) -> str:
    if s.kind == "follow":
        return f"#{s.id} follow <b>{esc(s.query)}</b>" + (" <i>(guidance moves only)</i>" if s.alert_on == "guidance" else "")
    scope = f" <i>for {esc(', '.join(s.ticker_list))}</i>" if s.tickers else ""
    return f"#{s.id} <code>{esc(s.query)}</code>{scope}"


def tracked_view(db, chat_id: int) -> tuple[str, list[list[tuple[str, str]]]]:  # type: ignore[no-untyped-def]
    """The chat's subscriptions with one remove button each."""
    subs = ops.tracked(db, chat_id)
    if not subs:
        return ("You track nothing yet. " + TRACK_USAGE + "\nOr follow a company: /follow NWRB"), []
    lines = [f"<b>Your alerts</b> ({len(subs)} of {ops.max_subscriptions()}):"] + [_sub_line(s) for s in subs]
    buttons = [[(f"✖ #{s.id} {s.query[:24]}", f"al|rm|{s.id}")] for s in subs[:50]]
    return "\n".join(lines), buttons


def settings_text(chat: Chat, n_subs: int) -> str:
    if chat.digest == "off":
        digest = "off"
    elif chat.digest == "daily":
        digest = f"daily at {chat.digest_time}"
    else:
        digest = f"weekly on {ops.DAYS[chat.digest_day].title()} at {chat.digest_time}"
    if chat.digest != "off" and chat.digest_thread_id is not None:
        digest += ", in the forum topic it was set up in"
    quiet = f"{chat.quiet_start}–{chat.quiet_end}" if chat.quiet_start else "off"
    muted = f"until {chat.muted_until[:16].replace('T', ' ')} UTC" if chat.muted_until and \
        chat.muted_until > chats.iso(chats.utcnow()) else "no"
    return "\n".join([
        "<b>Settings</b>",
        f"Timezone: {esc(chat.timezone)}",
        f"Digest: {digest}",
        f"Summary length: {chat.summary_length} sentences (/summary and digests)",
        f"Quiet hours: {quiet}",
        f"Muted: {muted}",
        f"Alerts: {n_subs} of {ops.max_subscriptions()} subscriptions",
        "Change with /settings timezone Europe/Berlin · time 08:30 · length 5 · quiet 22:00-07:00 (or off)",
    ])


def _reschedule(context: ContextTypes.DEFAULT_TYPE, chat: Chat) -> None:
    if context.job_queue is not None:
        from bot.jobs import schedule_digest

        schedule_digest(context.job_queue, chat)


@one_line_errors
async def track(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    if not await may_change_group(update, context):
        return
    text = _args(context, update)
    if not text:
        await reply(update, context, TRACK_USAGE)
        return
    chat = update.effective_chat
    chats.ensure_chat(db_of(context), chat.id, type=chat.type, title=chat.title)
    query, tickers = ops.split_for(text)
    sub = ops.track(db_of(context), chat.id, query, tickers, thread_id=thread_of(update))
    scope = f" in calls of {esc(', '.join(sub.ticker_list))}" if sub.tickers else ""
    where = " in this topic" if sub.thread_id is not None else ""
    also = ops.expansion_note(sub.query)
    also = f'\n{esc(also)} (="…" for the words only).' if also else ""
    await reply(update, context, f"🔔 Tracking <code>{esc(sub.query)}</code>{scope} (#{sub.id}). "
                f"You get one message{where} per new call that mentions it. /tracked lists your alerts.{also}")


@one_line_errors
async def untrack(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    if not await may_change_group(update, context):
        return
    text = _args(context, update)
    if not text:
        body, buttons = tracked_view(db_of(context), update.effective_chat.id)
        await reply(update, context, "Which one? /untrack &lt;number&gt; (or all), or press a button.\n" + body,
                    buttons)
        return
    gone = ops.untrack(db_of(context), update.effective_chat.id, text)
    await reply(update, context, "Removed: " + ", ".join(f"#{s.id} {esc(s.query)}" for s in gone))


@one_line_errors
async def tracked_cmd(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    body, buttons = tracked_view(db_of(context), update.effective_chat.id)
    await reply(update, context, body, buttons)


@one_line_errors
async def follow(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    if not await may_change_group(update, context):
        return
    text = _args(context, update)
    if not text:
        await reply(update, context, "Usage: /follow &lt;company or ticker&gt; [guidance], e.g. /follow NWRB "
                    "(or /follow NWRB guidance: only calls that move its guidance)")
        return
    from bot.ops.calls import find_company

    db = db_of(context)
    name, alert_on = ops.split_follow_option(text)
    sub = ops.follow(db, update.effective_chat.id, name, thread_id=thread_of(update), alert_on=alert_on)
    where = " in this topic" if sub.thread_id is not None else ""
    unknown = "" if find_company(db, name).key else (
        " No call of it is stored yet: check the spelling with /companies, or wait for its first call.")
    what = "a new call of it that raises, lowers, narrows, widens, starts or drops guidance alerts" if alert_on \
        else "every new call of it alerts"
    await reply(update, context, f"👀 Following <b>{esc(sub.query)}</b> (#{sub.id}): {what} you{where}, the move "
                f"first.{unknown}")


@one_line_errors
async def unfollow(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    if not await may_change_group(update, context):
        return
    text = _args(context, update)
    if not text:
        await reply(update, context, "Usage: /unfollow &lt;company or ticker&gt;")
        return
    gone = ops.unfollow(db_of(context), update.effective_chat.id, text)
    await reply(update, context, "No longer following " + ", ".join(f"<b>{esc(s.query)}</b>" for s in gone) + ".")


@one_line_errors
async def mute(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    if not await may_change_group(update, context):
        return
    text = _args(context, update)
    if not text:
        await reply(update, context, "Usage: /mute &lt;duration&gt; (30m, 2h, 1d, 1w) or /mute off")
        return
    until = ops.mute(db_of(context), update.effective_chat.id, text)
    if until is None:
        await reply(update, context, "🔔 Alerts are on again.")
    else:
        await reply(update, context, f"🔕 Alerts muted until {until.strftime('%Y-%m-%d %H:%M')} UTC. Calls stored "
                    "meanwhile are not alerted (your digest still lists them). /mute off ends it.")


@one_line_errors
async def digest(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    if not await may_change_group(update, context):
        return
    text = _args(context, update)
    if not text:
        await reply(update, context, "Usage: /digest daily|weekly [day] [HH:MM] [timezone] | off, "
                    "e.g. /digest daily 08:00 Europe/Berlin")
        return
    before = ops.settings(db_of(context), update.effective_chat.id).timezone
    chat = ops.set_digest(db_of(context), update.effective_chat.id, text, thread_id=thread_of(update))
    _reschedule(context, chat)
    if chat.digest == "off":
        await reply(update, context, "Digest off.")
        return
    when = f"every day at {chat.digest_time}" if chat.digest == "daily" else \
        f"every {ops.DAYS[chat.digest_day].title()} at {chat.digest_time}"
    where = " in this topic" if chat.digest_thread_id is not None else ""
    moved = (f"\nThis chat's timezone is now {esc(chat.timezone)} (it was {esc(before)}): quiet hours and every "
             f"time you set are read in it. /settings timezone changes it back.") if chat.timezone != before else ""
    await reply(update, context, f"🗓 Digest {when} ({esc(chat.timezone)}){where}.{moved}")


@one_line_errors
async def settings(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    db, chat_id = db_of(context), update.effective_chat.id
    text = _args(context, update)
    if text:
        if not await may_change_group(update, context):
            return
        name, _, value = text.partition(" ")
        chat = ops.set_setting(db, chat_id, name, value)
        if chat.digest != "off":
            _reschedule(context, chat)
    else:
        chat = ops.settings(db, chat_id)
    await reply(update, context, settings_text(chat, len(ops.tracked(db, chat_id))))


@one_line_errors
async def sources_cmd(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    from bot import sources

    if not is_admin(update, context):
        await reply(update, context, ADMIN_ONLY)
        return
    text = _args(context, update)
    action, _, rest = text.partition(" ")
    db = db_of(context)
    if action == "add":
        src, new = sources.add_source(db, rest)
        from bot.jobs import polling_note

        await reply(update, context, f"{'Added' if new else 'Already there'}: #{src.id} {src.kind} "
                    f"<code>{esc(src.location)}</code>. {polling_note(context.job_queue, src.kind)}")
    elif action in ("remove", "rm", "delete"):
        src = sources.remove_source(db, rest)
        await reply(update, context, f"Removed #{src.id} {src.kind} <code>{esc(src.location)}</code>.")
    elif action in ("list", ""):
        items = sources.list_sources(db)
        if not items:
            await reply(update, context, "No sources. /sources add rss &lt;url&gt; | page &lt;url&gt; | inbox &lt;folder&gt;")
            return
        lines = ["<b>Sources</b>"]
        for s in items:
            state = f"⚠ {s.failures} failure(s): {esc(s.last_error or '')[:120]}" if s.failures else \
                (f"ok {s.last_ok_at[:16].replace('T', ' ')}" if s.last_ok_at else "not polled yet")
            lines.append(f"#{s.id} {s.kind} <code>{esc(s.location)}</code> — {state}")
        await reply(update, context, "\n".join(lines))
    else:
        await reply(update, context, "Usage: /sources add rss|page &lt;url&gt; | add inbox &lt;folder&gt; | list | "
                    "remove &lt;number&gt;")


async def on_remove_button(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """A remove button of /tracked: removes the subscription (of this chat only) and redraws the list."""
    q = update.callback_query
    parts = (q.data or "").split("|")
    if len(parts) != 3 or not parts[2].isdecimal() or update.effective_chat is None:
        await q.answer("This button has expired: send /tracked again.")
        return
    if not await may_change_group(update, context):
        return
    db, chat_id = db_of(context), update.effective_chat.id
    try:
        gone = ops.untrack(db, chat_id, parts[2])
    except InputError:  # pressed twice (or on an old list): one quiet answer, the list stays as it is
        await q.answer("Already removed.")
        return
    await q.answer(f"Removed #{gone[0].id}")
    body, buttons = tracked_view(db, chat_id)
    if q.message is not None and hasattr(q.message, "edit_text"):
        await edit_view(update, context, View(body, buttons))


async def reactivate(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Any message from a chat marked inactive (it had blocked the bot) makes it active again."""
    chat = update.effective_chat
    if chat is None or update.effective_message is None:
        return
    db = db_of(context)
    row = db.execute("SELECT active FROM chats WHERE id = ?", [chat.id]).fetchone()
    if row is not None and not row[0]:
        chats.set_active(db, chat.id, True)
        from bot.jobs import schedule_digest

        c = chats.get_chat(db, chat.id)
        if context.job_queue is not None and c is not None:
            schedule_digest(context.job_queue, c)


async def on_migrated(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Telegram's service message when a group becomes a supergroup: the chat's settings, subscriptions, own
    topics and queued messages move to the new id (the outbox does the same if it meets the move first)."""
    msg = update.effective_message
    if msg is None:
        return
    if msg.migrate_to_chat_id:
        old, new = msg.chat_id, msg.migrate_to_chat_id
    elif msg.migrate_from_chat_id:
        old, new = msg.migrate_from_chat_id, msg.chat_id
    else:
        return
    db = db_of(context)
    chats.migrate_chat(db, old, new)
    if context.job_queue is not None:
        from bot.jobs import move_digest_job

        move_digest_job(context.job_queue, db, old, new)


COMMANDS: list[Command] = [
    Command("track", "<query> [for TICKER,...]", "Alert me when a new call mentions this (AND/OR/NOT, \"phrases\"); synonyms count, "
            "=word or =\"a phrase\" for the words only", track),
    Command("untrack", "<number|query|all>", "Stop an alert", untrack),
    Command("tracked", "", "My alerts, with remove buttons", tracked_cmd),
    Command("follow", "<company> [guidance]", "Alert me on every new call of a company (guidance: only guidance moves)",
            follow),
    Command("unfollow", "<company>", "Stop following a company", unfollow),
    Command("mute", "<30m|2h|1d|off>", "Silence alerts for a while", mute),
    Command("digest", "daily|weekly [HH:MM] [timezone] | off", "A scheduled digest of new calls", digest),
    Command("settings", "[timezone|time|length|quiet <value>]", "Timezone, digest time, summary length, quiet hours", settings),
    Command("sources", "add|list|remove …", "Inbox folder, feeds and pages to watch (admins)", sources_cmd, admin=True),
]


def register(application: Application) -> None:
    """Add the alert commands, the remove buttons and the re-activation of chats that write again."""
    for c in COMMANDS:
        application.add_handler(CommandHandler(c.name, c.callback))
    application.add_handler(CallbackQueryHandler(on_remove_button, pattern=r"^al\|rm\|"))
    application.add_handler(MessageHandler(filters.StatusUpdate.MIGRATE, on_migrated))
    application.add_handler(MessageHandler(filters.ALL, reactivate), group=1)
