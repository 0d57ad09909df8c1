"""Subscriptions, chat settings and alert matching: operations over plain ids and strings (CLI, chat, Telegram).

Muted chats: alerts for calls stored while a chat is muted are DROPPED (a mute means silence; the next digest
still lists those hits). Quiet hours: alerts are queued with `next_attempt_at` at the end of the quiet hours,
so they wait and go out together."""
from __future__ import annotations

import logging
import os
import re
import sqlite3
from dataclasses import dataclass, field
from datetime import datetime, time, timedelta
from functools import lru_cache
from zoneinfo import ZoneInfo, available_timezones

from sqlite_utils import Database

from bot.formatting import esc
from storage import alerts as store
from storage import outbox
from storage.alerts import Chat, Subscription, utcnow
from storage.transcripts import company_key, get_call_info
from summarizer.errors import InputError, QueryError
from summarizer.matcher import Matcher, highlight_spans
from summarizer.model import Sentence, Transcript
from summarizer.query import Query, parse_query
from summarizer.thesaurus import Form, matched_note

log = logging.getLogger(__name__)

DEFAULT_MAX_SUBSCRIPTIONS = 50
DEFAULT_MAX_QUERY_CHARS = 200
MAX_ALERT_SENTENCES = 8
MAX_ALERT_CHARS = 3900  # under Telegram's 4,096 with room for the closing line
_TICKER = re.compile(r"^\$?[A-Za-z][A-Za-z0-9.\-]{0,9}$")
_FOR = re.compile(r"\s+for\s+([A-Za-z0-9.$\-]+(?:\s*,\s*[A-Za-z0-9.$\-]+)*)\s*$")
_DURATION = re.compile(r"^(\d{1,4})\s*(m|min|mins|minutes?|h|hours?|d|days?|w|weeks?)$", re.I)
_HHMM = re.compile(r"^(\d{1,2}):(\d{2})$")
DAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


def _env_int(name: str, default: int) -> int:
    raw = os.environ.get(name, "").strip()
    return min(int(raw), 2**31) if raw.isascii() and raw.isdecimal() and int(raw) > 0 else default


def max_subscriptions() -> int:
    """Subscriptions a chat may hold: EARNINGS_BOT_MAX_SUBSCRIPTIONS, default 50."""
    return _env_int("EARNINGS_BOT_MAX_SUBSCRIPTIONS", DEFAULT_MAX_SUBSCRIPTIONS)


def max_query_chars() -> int:
    """Longest query: EARNINGS_BOT_MAX_QUERY_CHARS, default 200."""
    return _env_int("EARNINGS_BOT_MAX_QUERY_CHARS", DEFAULT_MAX_QUERY_CHARS)


# ---------------------------------------------------------------- subscriptions

def split_for(text: str) -> tuple[str, list[str] | None]:
    """'"supply chain" for NWRB, HLCN' -> ('"supply chain"', ['NWRB', 'HLCN'])."""
    m = _FOR.search(text or "")
    if not m:
        return (text or "").strip(), None
    return text[:m.start()].strip(), [t.strip() for t in m.group(1).split(",") if t.strip()]


def _tickers(tickers: list[str] | None) -> list[str] | None:
    if not tickers:
        return None
    out = []
    for t in tickers:
        if not _TICKER.match(t):
            raise InputError(f"{t[:20]!r} is not a ticker: use letters like NWRB, e.g. /track tariff for NWRB,HLCN")
        out.append(t.lstrip("$").upper())
    if len(set(out)) > 20:  # never dropped without a word: the 21st ticker's calls would go unalerted
        raise InputError(f"That is {len(set(out))} tickers; an alert takes at most 20: split it into two /track.")
    return sorted(set(out))


def track(db: Database, chat_id: int, query: str, tickers: list[str] | None = None, *,
          thread_id: int | None = None) -> Subscription:
    """Add a query subscription (validated, within the chat's limits); the same query twice is kept once.

    `thread_id`: the forum topic it was asked in, where its alerts go (asking again elsewhere moves it)."""
    limit = max_query_chars()
    if len(query or "") > limit:
        raise QueryError(f"That query is {len(query):,} characters long; the limit is {limit}. Shorten it, "
                         f'e.g. /track "supply chain" OR tariff')
    parse_query(query, max_chars=limit)
    ticks = _tickers(tickers)
    existing = store.find_subscription(db, chat_id, "query", query.strip())
    if existing and existing.ticker_list == (ticks or []):
        return store.set_subscription_thread(db, existing, thread_id)
    if store.count_subscriptions(db, chat_id) >= max_subscriptions():
        raise InputError(f"This chat already has {max_subscriptions()} subscriptions, the limit: "
                         "remove some with /untrack first.")
    return store.add_subscription(db, chat_id, "query", query.strip(), ticks, thread_id=thread_id)


def expansion_note(query: str, limit: int = 6) -> str | None:
    """What the thesaurus adds to a query, for the reply to /track: 'capex also finds capital expenditures,
    capital spending, …' (None when nothing is added)."""
    q = _parsed(query)
    if q is None:
        return None
    m = Matcher()
    m.add(0, q)
    parts = []
    for t, text in q.labels:
        more = [f.text for f in m.forms_of(t) if f.group is not None]
        if more:
            shown = ", ".join(more[:limit]) + (f" and {len(more) - limit} more" if len(more) > limit else "")
            parts.append(f"{text} also finds {shown}")
    return "; ".join(parts) or None


def untrack(db: Database, chat_id: int, sub: int | str) -> list[Subscription]:
    """Remove a subscription by id, by its query text, or 'all'; returns what was removed."""
    subs = store.subscriptions(db, chat_id)
    key = str(sub).strip()
    if key.lower() == "all":
        gone = subs
    elif key.lstrip("#").isdecimal():
        gone = [s for s in subs if s.id == int(key.lstrip("#"))]
    else:
        gone = [s for s in subs if s.query.lower() == key.lower()]
    if not gone:
        raise InputError(f"No subscription {key[:60]!r} in this chat: /tracked lists them with their numbers.")
    for s in gone:
        store.remove_subscription(db, chat_id, s.id)
    return gone


def tracked(db: Database, chat_id: int) -> list[Subscription]:
    """A chat's subscriptions (queries and followed companies), oldest first."""
    return store.subscriptions(db, chat_id)


FOLLOW_OPTIONS = ("guidance",)


def split_follow_option(text: str) -> tuple[str, str | None]:
    """'NWRB guidance' -> ('NWRB', 'guidance'): a trailing 'guidance' follows guidance moves only."""
    words = (text or "").split()
    if len(words) > 1 and words[-1].lower() in FOLLOW_OPTIONS:
        return " ".join(words[:-1]), words[-1].lower()
    return (text or "").strip(), None


def follow(db: Database, chat_id: int, company: str, *, thread_id: int | None = None,
           alert_on: str | None = None) -> Subscription:
    """Follow a company: every new call of it alerts (`alert_on='guidance'`: only a call that moves its
    guidance). A company not stored yet is followed by name/ticker."""
    from bot.ops.calls import find_company

    name = (company or "").strip()
    if not name or len(name) > 100:
        raise InputError("Name a company or ticker to follow, e.g. /follow NWRB or /follow Northwind Robotics")
    found = find_company(db, name)
    if found.ambiguous:
        options = ", ".join(n for _, n in found.ambiguous[:5])
        raise InputError(f"{name!r} could be {options}: say which one.")
    label = found.name or name
    ticker = found.ticker or (name.lstrip("$").upper() if _TICKER.match(name) and name.upper() == name else None)
    existing = store.find_subscription(db, chat_id, "follow", label)
    if existing:
        return store.set_subscription_alert_on(db, store.set_subscription_thread(db, existing, thread_id), alert_on)
    if store.count_subscriptions(db, chat_id) >= max_subscriptions():
        raise InputError(f"This chat already has {max_subscriptions()} subscriptions, the limit: "
                         "remove some with /untrack first.")
    return store.add_subscription(db, chat_id, "follow", label, [ticker] if ticker else None, thread_id=thread_id,
                                  alert_on=alert_on)


def unfollow(db: Database, chat_id: int, company: str) -> list[Subscription]:
    """Stop following a company (by name, ticker or subscription number)."""
    key = (company or "").strip().lower().lstrip("$")
    subs = [s for s in store.subscriptions(db, chat_id) if s.kind == "follow"]
    gone = [s for s in subs if s.query.lower() == key or key in [t.lower() for t in s.ticker_list]
            or str(s.id) == key.lstrip("#") or company_key(s.query) == company_key(company)]
    if not gone:
        raise InputError(f"This chat does not follow {company[:60]!r}: /tracked lists what it follows.")
    for s in gone:
        store.remove_subscription(db, chat_id, s.id)
    return gone


# ---------------------------------------------------------------- settings

@lru_cache(maxsize=1)
def _zones() -> dict[str, str]:
    return {z.lower(): z for z in available_timezones()} | {"utc": "UTC"}


def parse_timezone(name: str) -> str:
    """An IANA timezone name, case-insensitive ('europe/berlin' -> 'Europe/Berlin'); InputError otherwise."""
    z = _zones().get((name or "").strip().lower())
    if not z:
        raise InputError(f"Unknown timezone {name[:40]!r}: use a name like Europe/Berlin, America/New_York or UTC.")
    return z


def parse_hhmm(text: str) -> str:
    """'8:05' -> '08:05' (full-width '０８:００' too, stored as ASCII); InputError for anything that is not a time of day."""
    m = _HHMM.match((text or "").strip())
    if not m or int(m.group(1)) > 23 or int(m.group(2)) > 59:
        raise InputError(f"{text[:20]!r} is not a time of day: use HH:MM between 00:00 and 23:59, e.g. 08:30.")
    return f"{int(m.group(1)):02d}:{int(m.group(2)):02d}"


def parse_duration(text: str) -> timedelta:
    """'30m', '2h', '1d', '1w' -> a timedelta (at most a year); InputError otherwise."""
    m = _DURATION.match((text or "").strip())
    if not m or int(m.group(1)) == 0:
        raise InputError(f"{text[:20]!r} is not a duration: use e.g. 30m, 2h, 1d or 1w (or 'off' to unmute).")
    n, unit = int(m.group(1)), m.group(2)[0].lower()
    delta = {"m": timedelta(minutes=n), "h": timedelta(hours=n), "d": timedelta(days=n), "w": timedelta(weeks=n)}[unit]
    if delta > timedelta(days=366):
        raise InputError("That is longer than a year: mute for at most 52w, or /untrack what you do not want.")
    return delta


def mute(db: Database, chat_id: int, duration: str, *, now: datetime | None = None) -> datetime | None:
    """Silence alerts for a while ('2h', '1d'...); 'off' unmutes. Returns the end of the mute (None: unmuted)."""
    if (duration or "").strip().lower() in ("off", "0", "no", "none", "unmute"):
        store.update_chat(db, chat_id, muted_until=None)
        return None
    until = (now or utcnow()) + parse_duration(duration)
    store.update_chat(db, chat_id, muted_until=store.iso(until))
    return until


def set_digest(db: Database, chat_id: int, spec: str, *, thread_id: int | None = None) -> Chat:
    """'daily [HH:MM] [timezone]', 'weekly [day] [HH:MM] [timezone]' or 'off'; `thread_id`: the forum topic
    it was asked in, where the digest goes."""
    parts = (spec or "").split()
    if not parts or parts[0].lower() not in ("daily", "weekly", "off"):
        raise InputError("Say when: /digest daily [HH:MM] [timezone], /digest weekly [monday] [HH:MM] [timezone] "
                         "or /digest off")
    freq, rest = parts[0].lower(), parts[1:]
    if freq == "off":
        if rest:
            raise InputError("/digest off takes nothing after it.")
        return store.update_chat(db, chat_id, digest="off")
    values: dict[str, object] = {"digest": freq, "digest_thread_id": thread_id}
    for p in rest:
        if p.lower() in DAYS or p.lower()[:3] in [d[:3] for d in DAYS]:
            if freq != "weekly":
                raise InputError("A day only goes with weekly digests, e.g. /digest weekly monday 08:00")
            values["digest_day"] = [d[:3] for d in DAYS].index(p.lower()[:3])
        elif ":" in p or p.isdecimal():
            values["digest_time"] = parse_hhmm(p if ":" in p else p + ":00")
        else:
            values["timezone"] = parse_timezone(p)
    return store.update_chat(db, chat_id, **values)


def settings(db: Database, chat_id: int) -> Chat:
    """The chat's settings (defaults for a chat never seen)."""
    return store.ensure_chat(db, chat_id)


def set_setting(db: Database, chat_id: int, name: str, value: str) -> Chat:
    """Change one setting: timezone, time (digest time), length (summary sentences, for /summary and digests),
    quiet (HH:MM-HH:MM | off)."""
    name = (name or "").strip().lower()
    value = (value or "").strip()
    if name in ("timezone", "tz"):
        return store.update_chat(db, chat_id, timezone=parse_timezone(value))
    if name in ("time", "digest_time"):
        return store.update_chat(db, chat_id, digest_time=parse_hhmm(value))
    if name in ("length", "summary_length"):
        if not value.isdecimal() or not 1 <= int(value) <= 20:
            raise InputError("Summary length is a number of sentences from 1 to 20, e.g. /settings length 5")
        return store.update_chat(db, chat_id, summary_length=int(value))
    if name in ("quiet", "quiet_hours"):
        if value.lower() in ("off", "none", ""):
            return store.update_chat(db, chat_id, quiet_start=None, quiet_end=None)
        a, sep, b = value.replace(" ", "").partition("-")
        if not sep:
            raise InputError("Quiet hours go from one time to another, e.g. /settings quiet 22:00-07:00 (or off)")
        start, end = parse_hhmm(a), parse_hhmm(b)
        if start == end:
            raise InputError("Quiet hours need different start and end times, e.g. 22:00-07:00")
        return store.update_chat(db, chat_id, quiet_start=start, quiet_end=end)
    raise InputError("Settings: timezone <Area/City>, time <HH:MM>, length <1-20>, quiet <HH:MM-HH:MM|off>; "
                     "e.g. /settings quiet 22:00-07:00")


def quiet_until(chat: Chat, now: datetime) -> datetime | None:
    """The end of the chat's quiet hours when `now` falls in them, else None."""
    if not chat.quiet_start or not chat.quiet_end:
        return None
    tz = ZoneInfo(chat.timezone or "UTC")
    local = now.astimezone(tz)
    start = time.fromisoformat(chat.quiet_start)
    end = time.fromisoformat(chat.quiet_end)
    t = local.time().replace(tzinfo=None)
    inside = (start <= t < end) if start < end else (t >= start or t < end)
    if not inside:
        return None
    end_dt = datetime.combine(local.date(), end, tzinfo=tz)
    if end_dt <= local:
        end_dt += timedelta(days=1)
    return end_dt.astimezone(now.tzinfo)


# ---------------------------------------------------------------- matching

_CACHE: dict[str, tuple[tuple[int, int], Matcher, dict[int, Subscription]]] = {}


def _db_key(db: Database) -> str:
    return str(db.execute("PRAGMA database_list").fetchone()[2]) or f"memory:{id(db)}"


def matcher_for(db: Database) -> tuple[Matcher, dict[int, Subscription]]:
    """The matcher over every query subscription, kept between calls and rebuilt when subscriptions change."""
    key, version = _db_key(db), store.subscriptions_version(db)
    hit = _CACHE.get(key)
    if hit and hit[0] == version:
        return hit[1], hit[2]
    m, subs = Matcher(), {}
    for s in store.subscriptions(db):
        if s.kind != "query":
            continue
        try:
            m.add(s.id, parse_query(s.query, max_chars=10_000))
        except QueryError:  # stored under an older grammar; skip rather than block every ingest
            continue
        subs[s.id] = s
    _CACHE[key] = (version, m, subs)
    return m, subs


@dataclass
class ChatHits:
    """What one chat gets for one call: the subscriptions that fired and sentence index -> terms found in it;
    `matched`: for the sentences an alert shows, the thesaurus forms found there instead of what was typed,
    as (form, the words typed) ("capital expenditures", "capex")."""

    chat_id: int
    subs: list[Subscription]
    sentences: dict[int, set[tuple[str, ...]]]
    followed: bool = False
    thread_id: int | None = None  # with `by_thread`: the forum topic these subscriptions were made in
    matched: dict[int, list[tuple[Form, str]]] = field(default_factory=dict)

    def matched_pairs(self) -> list[tuple[str, str]]:
        """Every (form, typed) pair of the sentences shown, once each, in sentence order."""
        return list(dict.fromkeys((f.text, typed) for i in sorted(self.matched) for f, typed in self.matched[i]))


def _ticker_ok(sub: Subscription, ticker: str | None, company: str | None) -> bool:
    if not sub.tickers:
        return True
    names = {(ticker or "").upper(), (company or "").upper()}
    return any(t in names for t in sub.ticker_list)


def _same_company(followed: str | None, called: str | None) -> bool:
    """A followed name matches a call's company when equal or its leading words ('northwind' for 'northwind
    robotics'): a company followed before any of its calls is stored is known only by what the user typed."""
    return bool(followed and called and (called == followed or called.startswith(followed + " ")))


def hits_for_call(db: Database, sentences: list[Sentence], *, ticker: str | None, company: str | None,
                  chat_id: int | None = None, by_thread: bool = False) -> dict:
    """Per chat (per (chat, forum topic) with `by_thread`), the subscriptions a call fires (queries via the
    matcher, followed companies by name/ticker)."""
    m, subs = matcher_for(db)
    out: dict = {}
    matched = m.match([s.text for s in sentences])
    threads = store.subscription_threads(db, {k for hit in matched for k in hit.keys}) if by_thread else {}

    def bucket(sub: Subscription) -> ChatHits:  # the matcher's cached subscriptions may predate a move of topic
        thread = threads.get(sub.id, sub.thread_id) if by_thread else None
        return out.setdefault((sub.chat_id, thread) if by_thread else sub.chat_id,
                              ChatHits(sub.chat_id, [], {}, thread_id=thread))

    for hit in matched:
        for sub_id in hit.keys:
            sub = subs[sub_id]
            if (chat_id is not None and sub.chat_id != chat_id) or not _ticker_ok(sub, ticker, company):
                continue
            ch = bucket(sub)
            ch.subs.append(sub)
            for term, idx in hit.terms.items():
                for i in idx:
                    ch.sentences.setdefault(i, set()).add(term)
    for ch in out.values():
        _note_synonyms(m, ch, sentences)
    ckey = company_key(company) if company else None
    for sub in store.subscriptions(db, chat_id):
        if sub.kind != "follow":
            continue
        if (ticker and ticker.upper() in sub.ticker_list) or _same_company(company_key(sub.query), ckey):
            ch = bucket(sub)
            ch.subs.append(sub)
            ch.followed = True
    return out


@lru_cache(maxsize=4096)
def _parsed(query: str) -> Query | None:
    try:
        return parse_query(query, max_chars=10_000)
    except QueryError:
        return None


def _note_synonyms(m: Matcher, ch: ChatHits, sentences: list[Sentence]) -> None:
    """Which thesaurus forms matched in the sentences an alert shows, with the words the chat typed."""
    labels: dict[tuple[str, ...], str] = {}
    for sub in ch.subs:
        q = _parsed(sub.query)
        if q is not None:
            for t, text in q.labels:
                labels.setdefault(t, text)
    for i in sorted(ch.sentences)[:MAX_ALERT_SENTENCES]:
        pairs = [(f, labels.get(t, " ".join(t))) for t in ch.sentences[i] for f in m.synonyms(t, sentences[i].text)]
        if pairs:
            ch.matched[i] = pairs


def alert_html(call_label: str, transcript: Transcript, sentences: list[Sentence], hits: ChatHits,
               changes: object | None = None, flash: list[str] | None = None) -> str:
    """The alert: company and quarter, the headline flash, what fired, each matched sentence with its terms in bold
    and its speaker. A followed company's alert opens with what moved (`changes`, a summarizer.compare.Changes) and
    lists the moves."""
    queries = [s.query for s in hits.subs if s.kind == "query"]
    lines = [f"🔔 <b>{esc(call_label)}</b>"]
    brief: list[str] = []
    if hits.followed and changes is not None:
        from bot.changes_format import changes_brief

        lines = [f"🔔 <b>{esc(changes.headline())}</b>", f"A new call of a company you follow: {esc(call_label)}."]  # type: ignore[attr-defined]
        brief = changes_brief(changes)  # type: ignore[arg-type]
    elif hits.followed:
        lines.append("A new call of a company you follow.")
    lines += [f"📰 {esc(x)}" for x in flash or []] + brief
    if queries:
        shown = ", ".join(esc(q) for q in queries[:5]) + (f" and {len(queries) - 5} more" if len(queries) > 5 else "")
        lines.append(f"Matches for: <i>{shown}</i>")
    note = matched_note(hits.matched_pairs())
    if note:
        lines.append(f"<i>{esc(note)}</i>")
    idx = sorted(hits.sentences)
    for i in idx[:MAX_ALERT_SENTENCES]:
        s = sentences[i]
        text = s.text if len(s.text) <= 400 else s.text[:400]
        marks = set(hits.sentences[i]) | {f.stems for f, _ in hits.matched.get(i, ())}
        spans = [(a, b) for a, b in highlight_spans(text, marks)]
        out, pos = [], 0
        for a, b in spans:
            out.append(esc(text[pos:a]) + "<b>" + esc(text[a:b]) + "</b>")
            pos = b
        out.append(esc(text[pos:]) + ("…" if len(s.text) > 400 else ""))
        turn = transcript.turns[s.turn] if 0 <= s.turn < len(transcript.turns) else None
        who = esc(turn.speaker) if turn and turn.speaker else "Article"
        lines.append(f"\n<b>{who}</b>: “{''.join(out)}”")
    shown = min(len(idx), MAX_ALERT_SENTENCES)
    while len("\n".join(lines)) > MAX_ALERT_CHARS and shown > 1:  # one message, whatever the escaping costs
        lines.pop()
        shown -= 1
    if len(idx) > shown:
        lines.append(f"\n…and {len(idx) - shown} more matching sentences.")
    return "\n".join(lines)


def _flash_texts(db: Database, call_id: int) -> list[str]:
    """The call's headline flash (from the figures stored just before), at most 4 lines; none if it fails."""
    from bot.ops.analysis import flash

    try:
        return [ln.text for ln in flash(db, call_id, limit=4)]
    except Exception:  # noqa: BLE001 - an alert without its flash beats no alert
        log.exception("alert: flash of call %s failed", call_id)
        return []


def alert_buttons(call_id: int) -> dict:
    """Summary and Topics buttons in the bot's callback format (`v1|<view>|<call>|<page>`)."""
    return {"inline_keyboard": [[{"text": "Summary", "callback_data": f"v1|sum|{call_id}|0"},
                                 {"text": "Topics", "callback_data": f"v1|top|{call_id}|0"},
                                 {"text": "Changes", "callback_data": f"v1|chg|{call_id}|0"}]]}


def alert_key(chat_id: int, call_id: int, thread_id: int | None = None) -> str:
    """The outbox dedupe key of a chat's alert on a call (one per forum topic the chat's subscriptions are in)."""
    return f"alert:{chat_id}:{call_id}" + (f":{thread_id}" if thread_id is not None else "")


def _already_alerted(db: Database, chat_id: int, call_id: int, thread_id: int | None = None) -> bool:
    """A newer version of a call this chat (forum topic) was alerted about is not alerted again."""
    row = db.execute("SELECT supersedes FROM transcripts WHERE id = ?", [call_id]).fetchone()
    prev = row[0] if row else None
    seen = 0
    while prev and seen < 20:
        if db.execute("SELECT 1 FROM outbox WHERE dedupe_key = ?", [alert_key(chat_id, prev, thread_id)]).fetchone():
            return True
        row = db.execute("SELECT supersedes FROM transcripts WHERE id = ?", [prev]).fetchone()
        prev, seen = (row[0] if row else None), seen + 1
    return False


def match_new_call(db: Database, call_id: int, transcript: Transcript, sentences: list[Sentence],
                   *, now: datetime | None = None) -> int:
    """Match every subscription against a newly stored call and queue alerts in the outbox.

    Runs inside the ingest transaction; returns the number of alerts queued."""
    now = now or utcnow()
    try:
        has_subs = db.execute("SELECT 1 FROM subscriptions LIMIT 1").fetchone()
    except sqlite3.OperationalError:
        return 0
    if not has_subs:
        return 0
    info = get_call_info(db, call_id)
    label = info.label if info else (transcript.title or transcript.company or f"call {call_id}")
    ticker = (info.ticker if info else None) or transcript.ticker
    company = (info.company if info else None) or transcript.company
    queued = 0
    found = hits_for_call(db, sentences, ticker=ticker, company=company, by_thread=True)
    flash = _flash_texts(db, call_id) if found else []
    changes = _changes_of(db, call_id) if any(h.followed for h in found.values()) else None
    for (chat_id, thread_id), hits in sorted(found.items(), key=lambda kv: (kv[0][0], kv[0][1] or 0)):
        if not _wanted(hits, changes):
            continue
        chat = store.get_chat(db, chat_id)
        if chat is None or not chat.active:
            continue
        if chat.muted_until and chat.muted_until > store.iso(now):
            continue  # muted: dropped (see module docstring)
        if _already_alerted(db, chat_id, call_id, thread_id):
            continue
        text = alert_html(label, transcript, sentences, hits, changes, flash)
        if outbox.enqueue(db, chat_id, "alert", text, alert_key(chat_id, call_id, thread_id), call_id=call_id,
                          thread_id=thread_id, reply_markup=alert_buttons(call_id), not_before=quiet_until(chat, now),
                          now=now):
            queued += 1
    return queued


def _changes_of(db: Database, call_id: int):  # -> summarizer.compare.Changes | None
    """What changed in a new call, for follow alerts; None when it cannot be told (the alert still goes out)."""
    from bot.ops.changes import changes_for_call

    try:
        return changes_for_call(db, call_id, recompute=False)
    except Exception:  # noqa: BLE001 - a comparison problem must never lose an alert or an ingest
        log.exception("changes of call %s for its follow alerts", call_id)
        return None


def _wanted(hits: ChatHits, changes) -> bool:  # type: ignore[no-untyped-def]
    """False when all that fired are guidance-only follows and the call moved no guidance."""
    if any(s.kind != "follow" or s.alert_on != "guidance" for s in hits.subs):
        return True
    return bool(changes is not None and changes.moves)
