"""Summaries, key figures, Q&A digests and topics of stored calls, shared by the CLI, chat and Telegram.

Results are computed at ingest (`analysis_rows`, before the ingest transaction, which stores them) and stored with the
version that made them; a read finds a stale or missing bundle and recomputes it, and `reanalyze`
refreshes every call at once (`earnings-bot reanalyze`).
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import date
from typing import Any, Iterable

from sqlite_utils import Database

from storage import analyses as store
from storage.db import write_transaction
from summarizer.analysis import KINDS, analysis_version, analyze
from summarizer.errors import InputError
from summarizer.figures import Figure
from summarizer.model import Sentence, Transcript
from summarizer.qa import Exchange
from summarizer.stemming import STOP_WORDS
from summarizer.topics import (Topic, TopicDigest, TopicSentence, TopicTag, builtin_topics, merge_digest,
                               resolve_topic, topic_sentences, user_topic)

BUILTIN = "builtin"
MAX_DIGEST_CALLS = 200
MAX_USER_TOPICS = 50
MAX_PHRASES = 30


class BadTopic(InputError):
    """A user topic that cannot be stored (no name, no usable phrase, too many)."""


class BadDate(InputError):
    """A --since/--until value that is neither a date nor a quarter."""


AnalysisRows = list[tuple[str, str, str, str]]  # (kind, method, version, JSON text), ready to store


def analysis_rows(transcript: Transcript, sentences: list[Sentence]) -> AnalysisRows:
    """Every analysis of a call, computed and JSON-encoded: pure CPU work with no database, so bulk ingest runs it
    in worker processes and only the writing happens in the ingest transaction (`store_analyses`)."""
    bundle = analyze(transcript, sentences)
    version = bundle.pop("version")
    return [(kind, data.get("method", "default") if kind == "summary" and isinstance(data, dict) else BUILTIN, version,
             json.dumps(data, ensure_ascii=False)) for kind, data in bundle.items()]


def store_analyses(db: Database, call_id: int, rows: AnalysisRows) -> None:
    """Store a call's computed analyses (replacing any older ones). Runs inside the ingest transaction."""
    store.replace_all_json(db, call_id, rows)


def analyze_and_store(db: Database, call_id: int, transcript: Transcript, sentences: list[Sentence]) -> None:
    """Compute and store every analysis of a stored call (`reanalyze`); ingest computes first, then stores."""
    store_analyses(db, call_id, analysis_rows(transcript, sentences))


def _transcript(db: Database, call_id: int) -> tuple[Transcript, list[Sentence]]:
    from bot.ops.calls import load_transcript

    return load_transcript(db, call_id)


def reanalyze_call(db: Database, call_id: int) -> None:
    """Recompute and store one call's bundle (its stored text is read back)."""
    tr, sentences = _transcript(db, call_id)
    with write_transaction(db):
        analyze_and_store(db, call_id, tr, sentences)


def reanalyze(db: Database, *, force: bool = False, progress: Any = None) -> int:
    """Recompute every call whose stored analyses were made by another version (all calls with `force`); returns how many."""
    if force:
        ids = [r[0] for r in db.execute("select id from transcripts order by id").fetchall()]
    else:
        ids = store.stale_calls(db, analysis_version(), _kinds())
    for cid in ids:
        reanalyze_call(db, cid)
        if progress:
            progress(cid)
    return len(ids)


def _kinds() -> tuple[str, ...]:
    from summarizer.analysis import summary_method_version

    return KINDS if summary_method_version() else tuple(k for k in KINDS if k != "summary")


def _stored(db: Database, call_id: int, kind: str) -> Any:
    """The current stored data of `kind`, recomputed first when missing or made by another version."""
    row = store.load(db, call_id, kind)
    if row is None or row.version != analysis_version():
        reanalyze_call(db, call_id)
        row = store.load(db, call_id, kind)
    return row.data if row else None


def summary(db: Database, call_id: int, *, method: str | None = None, n_sentences: int | None = None,
            n_words: int | None = None, section: str | None = None):  # -> summarizer.summarize.Summary
    """A call's summary: the stored default one, or computed now for another method, length or section."""
    try:
        from summarizer.summarize import DEFAULT_SENTENCES, Summary, SummarySentence, summarize
    except ImportError:
        raise InputError("Summaries are not available in this build: try figures, qa or topics.") from None

    if (method in (None, "default")) and n_sentences in (None, DEFAULT_SENTENCES) and n_words is None and section is None:
        data = _stored(db, call_id, "summary")
        if data is not None:
            return Summary(data["method"], [SummarySentence(**s) for s in data["sentences"]])
    tr, sentences = _transcript(db, call_id)
    kw: dict[str, Any] = {"method": method or "default", "n_words": n_words, "section": section}
    if n_sentences is not None or n_words is None:
        kw["n_sentences"] = n_sentences if n_sentences is not None else 5
    else:
        kw["n_sentences"] = None
    return summarize(tr, sentences, **kw)


def figures(db: Database, call_id: int) -> list[Figure]:
    """A call's key figures, headline ones first."""
    return [Figure.from_json(d) for d in _stored(db, call_id, "figures") or []]


def flash(db: Database, call_id: int, limit: int | None = None) -> list:  # -> list[summarizer.flash.FlashLine]
    """A call's headline flash, written from its stored key figures (the quarter's results, then the outlook)."""
    from storage.transcripts import get_call_info
    from summarizer.figures.periods import CallPeriod
    from summarizer.flash import lines_from_figures

    info = get_call_info(db, call_id)
    period = CallPeriod(info.fiscal_quarter if info else None, info.fiscal_year if info else None)
    return lines_from_figures(figures(db, call_id), period, limit)


def tone(db: Database, call_id: int) -> dict[str, Any] | None:
    """A call's Loughran-McDonald tone (summarizer.tone.call_tone's data), as stored at ingest."""
    return _stored(db, call_id, "tone")


def qa_digest(db: Database, call_id: int) -> list[Exchange]:
    """A call's analyst exchanges, in call order."""
    return [Exchange.from_json(d) for d in _stored(db, call_id, "qa") or []]


def call_topics(db: Database, call_id: int) -> list[TopicTag]:
    """The built-in topics a call discusses, most discussed first."""
    return [TopicTag.from_json(d) for d in _stored(db, call_id, "topics") or []]


def _user_topic_objs(db: Database, chat_id: int | None) -> list[Topic]:
    return [Topic(k, n, tuple(p), source="user") for k, n, p in store.user_topics(db, chat_id)]


def list_topics(db: Database, chat_id: int | None = None) -> list[str]:
    """The names of the built-in topics, then the chat's own."""
    return [t.name for t in builtin_topics()] + [t.name for t in _user_topic_objs(db, chat_id)]


def add_user_topic(db: Database, chat_id: int, name: str, phrases: Iterable[str]) -> Topic:
    """Store a chat's own topic (phrases matched like the built-in ones); raises BadTopic with the fix."""
    name = (name or "").strip()
    if not re.search(r"\w", name) or len(name) > 60:
        raise BadTopic("Give the topic a name of 1-60 characters, then its phrases, e.g.: robots: Atlas, Harbor, fleet")
    ph = [p.strip() for p in phrases if p and p.strip()]
    if len(ph) > MAX_PHRASES or any(len(p) > 80 for p in ph):
        raise BadTopic(f"A topic takes at most {MAX_PHRASES} phrases of up to 80 characters each.")
    stop_only = [p for p in ph if (ws := re.findall(r"\w+", p)) and all(w.lower() in STOP_WORDS for w in ws)]
    if stop_only:  # "the", "and of" would match nearly every sentence of every call
        raise BadTopic(f"{stop_only[0][:40]!r} is only common words, which match every call: use distinctive phrases, "
                       "e.g.: robots: Atlas, Harbor")
    topic = user_topic(name, ph)
    if not topic.phrases or (ph and not any(re.search(r"\w", p) for p in ph)):
        raise BadTopic("The topic needs at least one phrase with letters or digits, e.g.: robots: Atlas, Harbor")
    existing = {k for k, _, _ in store.user_topics(db, chat_id)}
    if topic.key not in existing and len(existing) >= MAX_USER_TOPICS:
        raise BadTopic(f"A chat can keep {MAX_USER_TOPICS} topics: remove one first.")
    store.save_user_topic(db, chat_id, topic.key, topic.name, list(topic.phrases))
    return topic


def remove_user_topic(db: Database, chat_id: int, name: str) -> bool:
    """Forget a chat's own topic by name or key; True when it existed."""
    key = user_topic(name, [name]).key
    return store.delete_user_topic(db, chat_id, key)


def parse_date(text: str | None, *, end: bool = False) -> date | None:
    """'2023-03-25', '2023-03' or '2023' (the first or, with `end`, the last day); BadDate otherwise."""
    if text is None or not str(text).strip():
        return None
    t = str(text).strip()
    m = re.fullmatch(r"(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?", t)
    try:
        if not m:
            raise ValueError
        y, mo, d = int(m[1]), m[2], m[3]
        if d:
            return date(y, int(mo), int(d))
        if mo:
            mo_i = int(mo)
            if not end:
                return date(y, mo_i, 1)
            nxt = date(y + (mo_i == 12), mo_i % 12 + 1, 1)
            return date.fromordinal(nxt.toordinal() - 1)
        return date(y, 12, 31) if end else date(y, 1, 1)
    except ValueError:
        raise BadDate(f"'{t}' is not a date or a quarter: write it like 2023-03-25, 2023-03, 2023 or Q3 2023.") from None


@dataclass(frozen=True)
class Bound:
    """One end of a period: a day, and for a quarter or fiscal year also that period ((year, quarter), quarter 0
    for a whole year), compared with a call's own fiscal period when it has one."""

    day: date
    period: tuple[int, int] | None = None


_QUARTER = re.compile(r"^(?:q\d{1,2}(?:\s*(?:fy)?\s*'?\d{2,4})?|\d{4}\s*q\d{1,2}|fy\s*'?\d{2,4})$", re.I)


def parse_bound(text: str | None, *, end: bool = False) -> Bound | None:
    """'2023-03-25', '2023-03', '2023' (a date: the first or, with `end`, the last day) or a quarter 'Q3 2021',
    '2021Q3', 'FY2021' (its fiscal period, and its calendar days for calls without one); BadDate otherwise."""
    if text is None or not str(text).strip():
        return None
    t = str(text).strip()
    if _QUARTER.match(t.replace("-", " ")):
        from bot.ops.calls import parse_period

        fy = re.fullmatch(r"(?i)fy\s*'?(\d{2,4})", t)
        try:
            q, y = (None, int(fy[1]) + (2000 if len(fy[1]) == 2 else 0)) if fy else parse_period(t)
        except InputError as e:
            raise BadDate(str(e)) from None
        if y is None:
            raise BadDate(f"'{t}' needs a year: write it like Q3 2021.")
        month = (q or (4 if end else 1)) * 3 - (0 if end else 2)
        day = date(y, month, 1)
        if end:
            day = date.fromordinal(date(y + (month == 12), month % 12 + 1, 1).toordinal() - 1)
        return Bound(day, (y, q or (4 if end else 1)))
    return Bound(parse_date(t, end=end))  # type: ignore[arg-type]


def _within(c: Any, since: Bound | None, until: Bound | None) -> bool:
    """Whether a call falls between two bounds: by its fiscal period against a quarter, else by its day."""
    period = (c.fiscal_year, c.fiscal_quarter or 4) if c.fiscal_year else None
    for bound, after in ((since, True), (until, False)):
        if bound is None:
            continue
        if bound.period is not None and period is not None:
            if (period < bound.period) if after else (period > bound.period):
                return False
            continue
        d = _call_day(c)
        if d is None or ((d < bound.day) if after else (d > bound.day)):
            return False
    return True


def _call_day(c: Any) -> date | None:
    """When a call happened: its date, else the end of its fiscal quarter/year, else when it was stored."""
    for s in (c.call_date, None):
        if s:
            try:
                return date.fromisoformat(s[:10])
            except ValueError:
                pass
    if c.fiscal_year:
        q = c.fiscal_quarter or 4
        month = q * 3
        nxt = date(c.fiscal_year + (month == 12), month % 12 + 1, 1)
        return date.fromordinal(nxt.toordinal() - 1)
    try:
        return date.fromisoformat((c.ingested_at or "")[:10])
    except ValueError:
        return None


def _calls_for(db: Database, companies: list[str], since: Bound | None, until: Bound | None,
               call_ids: Iterable[int] | None) -> list[Any]:
    from bot.ops.calls import latest_calls
    from storage.transcripts import get_call_info

    if call_ids is not None:
        calls = [c for c in (get_call_info(db, int(i)) for i in call_ids) if c is not None]
    elif companies:
        found = {c.id: c for name in companies for c in latest_calls(db, name, limit=MAX_DIGEST_CALLS)}
        calls = sorted(found.values(), key=lambda c: -c.id)
    else:
        calls = latest_calls(db, None, limit=MAX_DIGEST_CALLS)
    return [c for c in calls if _within(c, since, until)]


def _cite(items: list[TopicSentence], call: Any) -> list[TopicSentence]:
    quarter = f"Q{call.fiscal_quarter} {call.fiscal_year}" if call.fiscal_quarter and call.fiscal_year else (
        str(call.fiscal_year) if call.fiscal_year else None)
    for s in items:
        s.call_id, s.company, s.quarter = call.id, call.company or call.ticker, quarter
    return items


def topic_digest(db: Database, topic: str, *, company: str | None = None, since: str | None = None,
                 until: str | None = None, call_ids: Iterable[int] | None = None, limit: int = 8,
                 chat_id: int | None = None, companies: Iterable[str] | None = None) -> TopicDigest:
    """One topic's most relevant sentences in one call or across calls (a company or a watchlist of them,
    a period, a list of calls), each cited; `chat_id` adds that chat's own topics."""
    t, note = resolve_topic(topic, _user_topic_objs(db, chat_id))
    if t is None:
        raise InputError(note or "Give a topic name.")
    d0, d1 = parse_bound(since), parse_bound(until, end=True)
    if d0 and d1 and d0.day > d1.day:
        raise BadDate(f"--since {since} is after --until {until}: swap them.")
    limit = max(1, min(int(limit), 50))
    names = [c for c in ([company] if company else []) + list(companies or []) if c and c.strip()]
    calls = _calls_for(db, names, d0, d1, call_ids)
    per_call: list[list[TopicSentence]] = []
    for c in calls:
        if t.source == "builtin":
            tags = [TopicTag.from_json(x) for x in _stored(db, c.id, "topics") or []]
            items = next((g.sentences for g in tags if g.key == t.key), [])
        else:
            tr, sentences = _transcript(db, c.id)
            items = topic_sentences(tr, sentences, [t])[t.key][: limit * 3]
        per_call.append(_cite(list(items), c))
    dg = merge_digest(t, per_call, len(calls), limit=limit)
    if not calls:
        dg.message = "No stored calls match" + (f" {', '.join(names)}" if names else "") + (
            " in that period" if (d0 or d1) else "") + ": see /companies (or `earnings-bot list`)."
    if note:
        dg.message = note if not dg.message else f"{note} {dg.message}"
    return dg


def to_json_list(items: Iterable[Any]) -> list[dict[str, Any]]:
    """The JSON form of figures, exchanges or topic tags."""
    return [i.to_json() for i in items]
