"""Finding companies and calls, listing, showing and searching them."""
from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field

from sqlite_utils import Database

from storage import search as fts
from storage import transcripts as store
from storage.transcripts import CallDetail, CallInfo, CompanyInfo, SearchHit, company_key
from summarizer.errors import InputError
from summarizer.model import Sentence, Transcript


class NotFound(InputError):
    """No call or company matches what was asked for."""


@dataclass
class CompanyMatch:
    """The company a query names: `key` when it is clear, `ambiguous` candidates (key, name) otherwise."""

    query: str
    key: str | None = None
    name: str | None = None
    ticker: str | None = None
    ambiguous: list[tuple[str, str]] = field(default_factory=list)


def find_company(db: Database, query: str) -> CompanyMatch:
    """A company by ticker, name or a close spelling ('xiaomi', 'XIAOMI', 'Xiaomi Corp', 'Nortwind'); candidates when unclear.

    In order: exact ticker; exact normalised name (legal suffixes dropped); names starting with the query
    (at a word boundary, or anywhere for 4+ letters); names containing it as a word; close spellings
    (difflib, 0.85) of the whole name or its first word. Several hits at the first step that has any
    are returned as `ambiguous` candidates, never guessed between."""
    q = query.strip()
    if not q:
        return CompanyMatch(query)
    bare = q.lower().lstrip("$")
    tick = [c.row for c in store.companies_with_ticker(db, bare)] if bare else []
    if tick:
        return CompanyMatch(query, *max(tick, key=lambda r: r[1] is not None))
    qk = company_key(q) or bare
    exact = [c.row for c in store.companies_named(db, qk)] if qk else []
    if exact:  # the first step below, answered by the index
        return _one_or_candidates(query, exact)
    every = store.all_companies(db)
    names = {c.key: {c.key, c.name_key} for c in every}  # the key, and the stored name normalised
    rows = [c.row for c in every]
    steps = (
        lambda k: k.startswith(qk + " ") or (len(qk) >= 4 and k.startswith(qk)) or qk.startswith(k + " "),
        lambda k: len(qk) >= 3 and f" {qk} " in f" {k} ",
    )
    for test in steps:
        found = [r for r in rows if any(test(k) for k in names[r[0]])]
        if found:
            return _one_or_candidates(query, found)
    if len(qk) >= 4:
        by_name = {n: r for r in rows for n in names[r[0]]}
        close = difflib.get_close_matches(qk, list(by_name), n=5, cutoff=0.85)
        if len(qk.split()) == 1:
            firsts = {n.split()[0]: r for n, r in by_name.items()}
            close += [f for f in difflib.get_close_matches(qk, list(firsts), n=5, cutoff=0.85)]
            by_name.update(firsts)
        found = list({by_name[c][0]: by_name[c] for c in close}.values())
        if found:
            return _one_or_candidates(query, found)
    return CompanyMatch(query)


def _one_or_candidates(query: str, found: list[tuple]) -> CompanyMatch:
    if len(found) == 1:
        return CompanyMatch(query, *found[0])
    return CompanyMatch(query, ambiguous=sorted(((k, n or k) for k, n, _ in found), key=lambda x: x[1].lower())[:8])


def companies(db: Database) -> list[CompanyInfo]:
    """Every stored company with its calls, most recent first."""
    return store.list_companies(db)


def latest_calls(db: Database, company: str | None = None, limit: int = 10, *, all_versions: bool = False) -> list[CallInfo]:
    """Recent calls (latest version of each), of one company when given; NotFound with a hint when it is unknown or ambiguous."""
    keys = [_company_or_raise(db, company).key] if company else None
    return store.list_calls(db, company_keys=keys, limit=limit, all_versions=all_versions)  # type: ignore[arg-type]


def _company_or_raise(db: Database, company: str) -> CompanyMatch:
    m = find_company(db, company)
    if m.ambiguous:
        names = ", ".join(n for _, n in m.ambiguous)
        raise NotFound(f"'{company}' could mean {names}: be more specific.")
    if not m.key:
        raise NotFound(f"No company matching '{company}': see the list with /companies (or `earnings-bot list`).")
    return m


_PERIOD = re.compile(r"^(?:q(?P<q>[1-4])(?:\s*(?:fy)?\s*'?(?P<y>\d{4}|\d{2}))?|(?P<y2>\d{4})\s*q(?P<q2>[1-4])|(?P<y3>\d{4}))$", re.I)


def parse_period(text: str) -> tuple[int | None, int | None]:
    """'Q4 2022', 'q4', '2022Q4', '2022' -> (quarter, year); raises InputError when it is none of those."""
    m = _PERIOD.match(text.strip().replace("-", " "))
    if not m:
        raise InputError(f"'{text}' is not a quarter: write it like Q4 2022, Q4 or 2022.")
    q = m["q"] or m["q2"]
    y = m["y"] or m["y2"] or m["y3"]
    year = int(y) + 2000 if y and len(y) == 2 else int(y) if y else None
    return (int(q) if q else None), year


def resolve_call(db: Database, ref: str, quarter: str | None = None) -> CallInfo:
    """A call by id, ticker or company (latest, or the given quarter); NotFound says what to try."""
    ref = ref.strip()
    if ref.startswith("#") and ref[1:].isascii() and ref[1:].isdigit():  # '#7', as lists and replies show ids
        ref = ref[1:]
    if ref.isascii() and ref.isdigit():  # '²' and '١' are digits to str.isdigit, not ids
        info = store.get_call_info(db, int(ref))
        if info is not None:
            return info
        if not store.companies_with_ticker(db, ref):  # else a numeric ticker: HKEX 3391 (an id wins when both)
            raise NotFound(f"No call with id {ref}: see /latest (or `earnings-bot list`).")
    m = _company_or_raise(db, ref)
    calls = store.list_calls(db, company_keys=[m.key], limit=200)  # type: ignore[list-item]
    if quarter:
        q, y = parse_period(quarter)
        calls = [c for c in calls if (q is None or c.fiscal_quarter == q) and (y is None or c.fiscal_year == y)]
        if not calls:
            raise NotFound(f"No {m.name} call for {quarter}: see /companies for the stored quarters.")
    return calls[0]


def get_call(db: Database, call_id: int) -> CallDetail:
    """A call with its turns; NotFound when the id is unknown."""
    detail = store.get_call(db, call_id)
    if detail is None:
        raise NotFound(f"No call with id {call_id}: see /latest (or `earnings-bot list`).")
    return detail


def load_transcript(db: Database, call_id: int) -> tuple[Transcript, list[Sentence]]:
    """The stored call rebuilt as a Transcript, with its stored sentences (for analysis)."""
    d = get_call(db, call_id)
    c = d.call
    tr = Transcript(title=c.title, company=c.company, ticker=c.ticker, fiscal_quarter=c.fiscal_quarter,
                    fiscal_year=c.fiscal_year, call_date=c.call_date, source=c.source,
                    turns=[t.to_turn() for t in d.turns], preamble=d.preamble)
    return tr, store.get_sentences(db, call_id)


def search(db: Database, query: str, *, company: str | None = None, speaker: str | None = None,
           section: str | None = None, limit: int = 10, offset: int = 0, all_versions: bool = False,
           timeout: float | None = None) -> list[SearchHit]:
    """Sentences matching `query` (any text is safe), best first, optionally within a company, speaker or section;
    at most `timeout` seconds (default EARNINGS_BOT_SEARCH_SECONDS), then one line saying it took too long."""
    from bot import limits

    if section and section not in ("prepared", "qa"):
        raise InputError(f"section must be 'prepared' or 'qa', not '{section}'.")
    keys = [_company_or_raise(db, company).key] if company else None
    return fts.search(db, query, company_keys=keys, speaker=speaker, section=section,  # type: ignore[arg-type]
                      limit=max(1, min(limit, 100)), offset=max(0, offset), all_versions=all_versions,
                      timeout=limits.search_seconds() if timeout is None else timeout)
