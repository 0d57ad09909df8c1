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


def squash(text: str | None) -> str:
    """A ticker or name with case, spaces and punctuation dropped: 'AT&T' and 'att', 'BRK.B' and 'brk-b' meet."""
    return re.sub(r"[^a-z0-9]+", "", (text or "").lower())


def find_company(db: Database, query: str, *, fuzzy: bool = True) -> CompanyMatch:
    """A company by ticker, name or a close spelling ('xiaomi', 'XIAOMI', 'Xiaomi Corp', 'Nortwind'); candidates when unclear.

    In order: exact ticker (any case); the ticker or name without punctuation ('att' for AT&T, 'brk.b' for
    BRK-B); exact normalised name (legal suffixes dropped); names starting with the query (at a word boundary,
    or anywhere for 4+ letters); names containing it as a word; close spellings (difflib, 0.85; not with
    `fuzzy=False`) of the whole name or its first word. Several hits at the first step that has any
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
    sq = squash(bare)
    if sq:
        same = [c.row for c in every if sq in (squash(c.ticker), squash(c.name_key))]
        if same:
            return _one_or_candidates(query, same)
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
    if len(qk) >= 4 and fuzzy:
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
        bad = re.search(r"(?i)\bq(\d+)\b|\b\d{4}\s*q(\d+)\b", text)
        if bad:
            n = bad.group(1) or bad.group(2)
            raise InputError(f"Q{n} is not a quarter: quarters are Q1 to Q4, e.g. Q3 2025.")
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


@dataclass
class SearchScope:
    """A search as a reader means it: the words to look for, and the company and quarter the text names
    ('NWRB capex', 'capex for Northwind', 'NWRB Q3 2025 pricing')."""

    query: str
    company: CompanyMatch | None = None
    quarter: str | None = None

    @property
    def label(self) -> str:
        """'Northwind Robotics Inc Q3 2025', or '' for every call."""
        who = (self.company.name or self.company.ticker or self.company.query) if self.company else ""
        return " ".join(x for x in (who, self.quarter or "") if x)


_QUARTERISH = re.compile(r"^(?:q\d{1,2}|\d{4}q\d{1,2}|fy\d{2,4}|\d{4})$", re.I)


def _trailing_period(words: list[str]) -> tuple[list[str], str | None]:
    """Words less a quarter at their end ('Northwind Q3 2025' -> ['Northwind'], 'Q3 2025')."""
    for take in (2, 1):
        if len(words) >= take:
            cand = " ".join(words[-take:])
            try:
                parse_period(cand)
            except InputError:
                continue
            return words[:-take], cand
    return words, None


def _leading_company(db: Database, words: list[str]) -> tuple[CompanyMatch | None, int]:
    """The company the first words name (and how many words), when more words follow: a ticker in any case or
    with punctuation ('att', 'AT&T', 'brk.b', '$NWRB'), or a stored name. A common word or a finance term
    ('revenue', 'margin') counts only as a ticker typed in capitals or with a '$'."""
    from summarizer.stemming import STOP_WORDS
    from summarizer.thesaurus import default_thesaurus, stems_of

    for k in range(min(4, len(words) - 1), 0, -1):
        head = " ".join(words[:k])
        if '"' in head or head.startswith(("-", "=")):
            continue
        typed_ticker = k == 1 and (head.startswith("$") or (head.isupper() and len(head) <= 8))
        plain = head.lower() in STOP_WORDS or default_thesaurus().group_of(stems_of(head), head) is not None
        if plain and not typed_ticker:
            continue
        m = find_company(db, head, fuzzy=False)
        hk = squash(company_key(head))
        if m.ambiguous or (m.key and hk and (squash(head) == squash(m.ticker) or
                                             any(squash(company_key(n)).startswith(hk) for n in (m.name, m.key)))):
            return m, k  # the words name the company, not the company's name and a search word after it
    return None, 0


def read_search(db: Database, text: str) -> SearchScope:
    """A search text read for its scope: 'NWRB capex', 'capex for Northwind', 'NWRB Q3 2025 pricing', 'capex for
    AT&T Q4'. NotFound when it names a company ambiguously or a quarter with no call; InputError when only a
    scope is left to look for."""
    text = (text or "").strip()
    scope = SearchScope(text)
    m = re.search(r"\s+for\s+([^\"()]+)$", text)
    if m:
        ref, quarter = _trailing_period(m.group(1).split())
        found = find_company(db, " ".join(ref)) if ref else None
        if found is not None and (found.key or found.ambiguous):
            scope = SearchScope(text[:m.start()].strip(), found, quarter)
        elif quarter and not ref:
            scope = SearchScope(text[:m.start()].strip(), None, quarter)
    if scope.company is None and scope.quarter is None:
        words = text.split()
        found, n = _leading_company(db, words)
        if found is not None:
            rest = words[n:]
            quarter = None
            for take in (2, 1):
                if len(rest) > take and all(_QUARTERISH.match(w) for w in rest[:take]):
                    quarter = " ".join(rest[:take])
                    rest = rest[take:]
                    break
            scope = SearchScope(" ".join(rest), found, quarter)
    if scope.company is not None and scope.company.ambiguous:
        names = ", ".join(n for _, n in scope.company.ambiguous)
        raise NotFound(f"'{scope.company.query}' could mean {names}: name one, e.g. /search {scope.company.ambiguous[0][1]} capex.")
    if scope.quarter:
        parse_period(scope.quarter)  # 'Q7 2025' says what is wrong
    if not scope.query.strip():
        raise InputError(f"Say what to look for in {scope.label or 'the calls'}, e.g. /search NWRB capex.")
    return scope


def _period_calls(db: Database, scope: SearchScope) -> list[int] | None:
    """The ids of the calls a scope's quarter names (within its company), or None when it names no quarter."""
    if not scope.quarter:
        return None
    q, y = parse_period(scope.quarter)
    keys = [scope.company.key] if scope.company and scope.company.key else None
    calls = [c for c in store.list_calls(db, company_keys=keys, limit=10_000)
             if (q is None or c.fiscal_quarter == q) and (y is None or c.fiscal_year == y)]
    if not calls:
        raise NotFound(f"No {scope.label} call is stored: see /companies for the stored quarters.")
    return [c.id for c in calls]


def search(db: Database, query: str, *, company: str | None = None, quarter: str | None = None,
           speaker: str | None = None, section: str | None = None, limit: int = 10, offset: int = 0,
           all_versions: bool = False, exact: bool = False, timeout: float | None = None) -> list[SearchHit]:
    """Sentences matching `query` (any text is safe), best first, optionally within a company, a quarter, a speaker
    or a section; each term also finds its thesaurus forms unless `exact`. At most `timeout` seconds (default
    EARNINGS_BOT_SEARCH_SECONDS), then one line saying it took too long."""
    if section and section not in ("prepared", "qa"):
        raise InputError(f"section must be 'prepared' or 'qa', not '{section}'.")
    found = _company_or_raise(db, company) if company else None
    return search_in(db, SearchScope(query, found, quarter), speaker=speaker, section=section, limit=limit,
                     offset=offset, all_versions=all_versions, exact=exact, timeout=timeout)


def search_in(db: Database, scope: SearchScope, *, speaker: str | None = None, section: str | None = None,
              limit: int = 10, offset: int = 0, all_versions: bool = False, exact: bool = False,
              timeout: float | None = None) -> list[SearchHit]:
    """`search` within a scope read by `read_search`."""
    from bot import limits

    keys = [scope.company.key] if scope.company and scope.company.key else None
    return fts.search(db, scope.query, company_keys=keys, call_ids=_period_calls(db, scope), speaker=speaker,  # type: ignore[arg-type]
                      section=section, limit=max(1, min(limit, 100)), offset=max(0, offset),
                      all_versions=all_versions, exact=exact,
                      timeout=limits.search_seconds() if timeout is None else timeout)
