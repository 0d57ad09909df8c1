"""Full-text search over stored sentences: user text made safe for FTS5, bm25 ranking, marked snippets.

Bounds: a prefix term needs MIN_PREFIX_CHARS letters before its * and a search takes at most MAX_PREFIX_TERMS
of them (FTS5 expands a prefix into every indexed word it starts: `a* OR b* OR ... 9*` over 1,400 calls took
10 s), at most MAX_TERMS terms, and `search(timeout=...)` interrupts SQLite past its time limit.

Speed: FTS5 has no top-k pruning, so ranking every match of a very common word ("revenue" is in ~3% of
sentences) costs ~2 µs per match. Search therefore ranks by bm25 within a window: the WINDOW most recently
stored matching sentences (every match when there are fewer, which is the case for most queries). With a
company filter the window is the company's own calls, each searched by its sentence-id range.
"""
from __future__ import annotations

import re

from sqlite_utils import Database

from storage.db import time_limit
from storage.transcripts import _CALL_COLS, SearchHit, _call
from summarizer.errors import InputError

WINDOW = 2000  # matching sentences ranked per query (most recently stored first); see the module docstring
MAX_TERMS = 32
MIN_PREFIX_CHARS = 3  # manufact* yes, m* no
MAX_PREFIX_TERMS = 4


class SearchTooBroad(InputError):
    """A search FTS5 would have to expand into too much: a short prefix, too many prefixes."""
_TOKEN = re.compile(r'"([^"]*)"|(-?\w[\w\'’.&/+-]*\*?)')


def fts_query(text: str) -> str | None:
    """User text to a safe FTS5 query: every word and "quoted phrase" is quoted, so FTS syntax never leaks.

    Words are ANDed; OR and NOT (or a leading -) work between terms; a trailing * is a prefix search
    (manufact*); U.S., 1.5, e-commerce become phrases of their parts, as the index tokenizes them.
    A query cannot start with NOT, so leading exclusions (-china margin, NOT china margin) follow the first word
    looked for; exclusions alone look for nothing (None), never for the excluded word. A prefix shorter than
    MIN_PREFIX_CHARS, or more than MAX_PREFIX_TERMS of them, is `SearchTooBroad` (one line saying what to do)."""
    out: list[str] = []
    held: list[str] = []  # exclusions met before any word to look for
    pending: str | None = None
    prefixes = 0
    for phrase, word in _TOKEN.findall(text[:2000]):
        if word in ("AND", "&&"):
            continue
        if word in ("OR", "NOT", "||"):
            pending = "OR" if word == "||" else word
            continue
        neg = word.startswith("-") or pending == "NOT"
        parts = re.findall(r"\w+", phrase if phrase else word)
        if not parts:
            continue
        prefix = word.endswith("*")
        if prefix:
            prefixes += 1
            if len(parts[-1]) < MIN_PREFIX_CHARS:
                raise SearchTooBroad(f"{word[:20]} is too short a prefix: give at least {MIN_PREFIX_CHARS} letters "
                                     f"before the * (e.g. manufact*).")
            if prefixes > MAX_PREFIX_TERMS:
                raise SearchTooBroad(f"That search has more than {MAX_PREFIX_TERMS} prefix terms (word*): use fewer, "
                                     f"or whole words.")
        term = '"' + " ".join(parts) + '"' + ("*" if prefix else "")
        if not out:
            if neg:
                held += [term][:MAX_TERMS - len(held)]
            else:
                out.append(term)
                for h in held:
                    out += ["NOT", h]
        else:
            if pending or neg:
                out.append("NOT" if neg else pending)  # type: ignore[arg-type]
            out.append(term)
        pending = None
        if len(out) >= MAX_TERMS * 2:
            break
    return " ".join(out) or None


def _superseded(db: Database) -> set[int]:
    return {r[0] for r in db.execute("select supersedes from transcripts where supersedes is not null")}


def search(db: Database, query: str, *, company_keys: list[str] | None = None, speaker: str | None = None,
           section: str | None = None, limit: int = 10, offset: int = 0, all_versions: bool = False,
           timeout: float | None = None) -> list[SearchHit]:
    """Sentences matching `query`, best first (bm25; sentences under 6 words after longer ones), snippets marked \\x02...\\x03.

    Only the latest version of each call is searched unless `all_versions`. Past `timeout` seconds SQLite is
    interrupted and `TimeLimitExceeded` says so in one line."""
    q = fts_query(query)
    if not q:
        return []
    if timeout is None:
        return _search(db, q, company_keys, speaker, section, limit, offset, all_versions)
    with time_limit(db, timeout, f"That search took too long (over {timeout:g} s): use fewer or rarer words, "
                                 f"or longer prefixes."):
        return _search(db, q, company_keys, speaker, section, limit, offset, all_versions)


def _search(db: Database, q: str, company_keys: list[str] | None, speaker: str | None, section: str | None,
            limit: int, offset: int, all_versions: bool) -> list[SearchHit]:
    hidden = set() if all_versions else _superseded(db)
    want = offset + limit
    pool = want * 4 + 20  # candidates ranked by bm25, re-ordered and filtered in Python
    filters, fargs = [], []
    if speaker:
        filters.append("u.speaker like ? escape '\\'")
        fargs.append("%" + re.sub(r"([%_\\])", r"\\\1", speaker.strip()) + "%")
    if section:
        filters.append("u.section = ?")
        fargs.append(section)
    join = ("join sentences s on s.id = sentences_fts.rowid "
            "left join turns u on u.transcript_id = s.transcript_id and u.idx = s.turn_idx") if filters else ""
    where = "".join(" and " + f for f in filters)
    if company_keys is not None:
        ranges = _id_ranges(db, company_keys, hidden)
        if not ranges:
            return []
        arms, args = [], []
        for lo, hi in ranges[:200]:
            arms.append(f"select sentences_fts.rowid as id, bm25(sentences_fts) as score from sentences_fts {join} "
                        f"where sentences_fts match ? and sentences_fts.rowid between ? and ?{where}")
            args += [q, lo, hi, *fargs]
        sql = " union all ".join(arms) + " order by score limit ?"
        args += [pool]
    else:
        sql = (f"select id, score from (select sentences_fts.rowid as id, bm25(sentences_fts) as score "
               f"from sentences_fts {join} where sentences_fts match ?{where} "
               f"order by sentences_fts.rowid desc limit ?) order by score limit ?")
        args = [q, *fargs, max(WINDOW, pool), pool]
    kept = None
    if filters and company_keys is None:  # cheap first: filter the best of the unfiltered window in Python
        cheap = max(200, want * 8)
        ids = [r[0] for r in db.execute(
            "select id from (select rowid as id, bm25(sentences_fts) as score from sentences_fts "
            "where sentences_fts match ? order by rowid desc limit ?) order by score limit ?", [q, WINDOW, cheap])]
        needle = (speaker or "").strip().lower()
        kept = [h for h in _hits(db, q, ids) if h.call.id not in hidden and (not section or h.section == section)
                and (not needle or needle in (h.speaker or "").lower())]
        if len(kept) < want and len(ids) == cheap:
            kept = None  # too few: ask SQLite to filter the whole window
    if kept is None:
        kept = [h for h in _hits(db, q, [r[0] for r in db.execute(sql, args)]) if h.call.id not in hidden]
    kept.sort(key=lambda h: len(h.text.split()) < 6)  # stable: bm25 order within each group
    final = kept[offset:want]
    _mark(db, q, final)
    return final


def _id_ranges(db: Database, company_keys: list[str], hidden: set[int]) -> list[tuple[int, int]]:
    """The sentence-id ranges of these companies' calls: a call's sentences are stored contiguously, and calls with
    consecutive ids (stored one after the other) share one range, so fewer FTS queries run."""
    marks = ",".join("?" * len(company_keys))
    out: list[list[int]] = []
    prev = None
    for tid, lo, hi in db.execute(
            f"select s.transcript_id, min(s.id), max(s.id) from sentences s join transcripts t on t.id = s.transcript_id "
            f"where t.company_key in ({marks}) group by s.transcript_id order by s.transcript_id desc", company_keys):
        if lo is None or tid in hidden:
            prev = None
            continue
        if prev is not None and tid == prev - 1:
            out[-1][0] = lo
        else:
            out.append([lo, hi])
        prev = tid
    return [(lo, hi) for lo, hi in out]


def _hits(db: Database, q: str, ids: list[int]) -> list[SearchHit]:
    """The hits for these sentence ids, in the given order, each with its call, speaker and marked snippet."""
    if not ids:
        return []
    cols = ", ".join("t." + c.strip() for c in _CALL_COLS.split(","))
    rows = db.execute(
        f"select s.id, {cols}, u.speaker, u.section, s.position, s.text "
        f"from sentences s join transcripts t on t.id = s.transcript_id "
        f"left join turns u on u.transcript_id = s.transcript_id and u.idx = s.turn_idx "
        f"where s.id in ({','.join('?' * len(ids))})", ids).fetchall()
    by_id = {r[0]: r[1:] for r in rows}
    n = len(_CALL_COLS.split(","))
    out = []
    for i in ids:
        r = by_id.get(i)
        if r is None:
            continue
        speaker, section, position, text = r[n:]
        out.append(SearchHit(_call(r[:n]), speaker, section, position, text, text, sentence_id=i))
    return out


def _mark(db: Database, q: str, hits: list[SearchHit]) -> None:
    """Fill each hit's snippet with the matched words marked \\x02...\\x03 (FTS5 snippet, so stemming-aware)."""
    for h in hits:
        row = db.execute("select snippet(sentences_fts, 0, char(2), char(3), '…', 40) from sentences_fts "
                         "where sentences_fts match ? and rowid = ?", [q, h.sentence_id]).fetchone()
        if row and row[0]:
            h.snippet = row[0]
