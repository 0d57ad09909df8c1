"""Full-text search over stored sentences: user text made safe for FTS5, bm25 ranking, marked snippets.

Each word or "quoted phrase" a user types also finds the other forms of its concept in the finance thesaurus
(`summarizer.thesaurus`): `capex` searches `("capex" OR "capital expenditures" OR ...)`, an ambiguous form such
as `GM` only beside its context words; `=word`, `="a phrase"` or `exact=True` search the words as typed, and an
excluded word (`-china`, `NOT china`) is never expanded, so the thesaurus never finds fewer sentences. Each hit
says which form matched (`SearchHit.matched`).

Speed: FTS5 has no top-k pruning, so ranking every match of a very common word ("revenue" is in ~3% of
sentences) costs ~2 µs per match. Search therefore ranks by bm25 within a window: the WINDOW most recently
stored matching sentences (every match when there are fewer, which is the case for most queries). With a
company (or calls) filter the window is those calls, each searched by its sentence-id range.

Bounds: a prefix term needs MIN_PREFIX_CHARS letters before its * and a search takes at most MAX_PREFIX_TERMS
of them (FTS5 expands a prefix into every indexed word it starts: `a* OR b* OR ... 9*` over 1,400 calls took
10 s), at most MAX_TERMS terms, and `search(timeout=...)` interrupts SQLite past its time limit.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from sqlite_utils import Database

from storage.db import time_limit
from storage.transcripts import _CALL_COLS, SearchHit, _call
from summarizer.errors import InputError
from summarizer.stemming import WORD, stem
from summarizer.thesaurus import Form, Thesaurus, default_thesaurus, plain_form, said_otherwise, stems_of

WINDOW = 2000  # matching sentences ranked per query (most recently stored first); see the module docstring
MAX_TERMS = 32
MAX_JOINED = 6  # the longest run of words side by side tried as one thesaurus form ("gross margin" unquoted)
_TOKEN = re.compile(r'(=?-?|-=)"([^"]*)"|(=?-?\w[\w\'’.&/+-]*\*?)')
MIN_PREFIX_CHARS = 3  # manufact* yes, m* no
MAX_PREFIX_TERMS = 4


class SearchTooBroad(InputError):
    """A search FTS5 would have to expand into too much: a short prefix, too many prefixes."""


@dataclass
class QueryTerm:
    """One word or phrase of a search as typed, and the forms it is searched by (its own words first).
    `joined`: words typed side by side that together are a thesaurus form, found as the words anywhere in the
    sentence or as any form of the concept."""

    typed: str
    parts: list[str]
    forms: tuple[Form, ...]
    neg: bool = False
    prefix: bool = False
    joined: bool = False
    op: str | None = None  # "OR" typed before it
    exact: bool = True  # searched as typed only (=exact, excluded, a prefix, or no thesaurus)
    single: bool = False  # typed as a bare word (not a "quoted phrase")

    def fts(self) -> str:
        """The term as FTS5 syntax: every part quoted; several forms as one parenthesised OR. A form that holds a
        shorter one ('free cash flow generation', 'free cash flow') is left to it: it finds the same sentences,
        and bm25 would otherwise rank a sentence higher for every overlapping form it contains."""
        own = " ".join(f'"{w}"' for w in self.parts) if self.joined else \
            '"' + " ".join(self.parts) + '"' + ("*" if self.prefix else "")
        forms = _shortest(self)
        found_anyway = {_words(f.text) for f in forms if not (f.context or f.pct)}  # a context word that is one
        if not (self.joined or self.prefix):  # of these finds the sentence by itself: no need to AND it
            found_anyway.add(tuple(p.lower() for p in self.parts))
        alts = [f"({own})" if self.joined else own] + [a for a in (_fts_form(f, found_anyway) for f in forms) if a]
        return alts[0] if len(alts) == 1 else "(" + " OR ".join(alts) + ")"

    def searched(self) -> list[Form]:
        """The thesaurus forms the index is asked for. One that differs from a word only by its capitals ("US"
        beside "us") is left out: the index keeps no case, so it would match every "us"."""
        return [f for f in self.forms[1:] if not (f.exact and not f.context and not f.pct)]


def _words(text: str) -> tuple[str, ...]:
    return tuple(w.lower() for w in re.findall(r"\w+", text))


def _inside(small: tuple[str, ...], big: tuple[str, ...]) -> bool:
    n = len(small)
    return 0 < n < len(big) and any(big[i:i + n] == small for i in range(len(big) - n + 1))


def _shortest(t: QueryTerm) -> list[Form]:
    """The searched forms less those that hold the words of a shorter form found anywhere (or of the term's own
    phrase): a sentence with the longer form has the shorter one too."""
    forms = t.searched()
    plain = [_words(f.text) for f in forms if not (f.context or f.pct)]
    if not (t.joined or t.prefix):
        plain.append(tuple(p.lower() for p in t.parts))
    every = {p.lower() for p in t.parts} if t.joined else None  # words side by side: found anywhere in a sentence
    return [f for f in forms if not any(_inside(p, _words(f.text)) for p in plain)
            and not (every and every <= set(_words(f.text)))]


def _phrase(text: str) -> str:
    return '"' + " ".join(re.findall(r"\w+", text)) + '"'


# Words in nearly every sentence: FTS5 reads the whole posting list of each word of a phrase, so a rare phrase
# such as "second half of the year" costs ~10 ms on 5,000 calls. A form is looked for by its other words, NEAR
# each other across as many words as it has of these, and the sentences found are then checked for the form.
_EVERYWHERE = frozenset("a an the of to and in for on our we with at by from is was that this it as be are".split())


def _loose(text: str) -> list[list[str]] | None:
    """A form's runs of other words, when looking for them NEAR each other is cheaper than the phrase: two runs at
    least, or one of two words or more; None otherwise (the phrase itself is looked for)."""
    words = re.findall(r"\w+", text)
    runs: list[list[str]] = [[]]
    for w in words:
        if w.lower() in _EVERYWHERE:
            if runs[-1]:
                runs.append([])
        else:
            runs[-1].append(w)
    runs = [r for r in runs if r]
    if not runs or sum(len(r) for r in runs) == len(words):
        return None
    if len(runs) == 1 and len(runs[0]) < 2:
        return None
    return runs


def _fts_text(text: str) -> str:
    runs = _loose(text)
    if runs is None:
        return _phrase(text)
    if len(runs) == 1:
        return '"' + " ".join(runs[0]) + '"'
    words = re.findall(r"\w+", text)
    between = len(words) - sum(len(r) for r in runs)
    return "NEAR(" + " ".join('"' + " ".join(r) + '"' for r in runs) + f", {between})"


def _fts_form(f: Form, found_anyway: set[tuple[str, ...]] = frozenset()) -> str | None:  # type: ignore[assignment]
    """A thesaurus form as FTS5: its words as a phrase (or NEAR, see `_loose`), AND one of its context words when
    it has some (the context test proper, capitals, exclusions and the exact phrase are checked on the hits). A
    context word in `found_anyway` (the term's other alternatives) is left out; None when that leaves none."""
    if not (f.context or f.pct):
        return _fts_text(f.text)
    ctx = [_phrase(c) for c in f.context_text if _words(c) not in found_anyway] + (['"percent"'] if f.pct else [])
    if not ctx:
        return None
    return f"({_fts_text(f.text)} AND ({' OR '.join(dict.fromkeys(ctx))}))"


def plan(text: str, thesaurus: Thesaurus | None = None) -> list[QueryTerm]:
    """The terms of a search text, in order, each with the forms it is searched by (`thesaurus` None: as typed).
    A prefix shorter than MIN_PREFIX_CHARS, or more than MAX_PREFIX_TERMS of them, is `SearchTooBroad` (one
    line saying what to do)."""
    out: list[QueryTerm] = []
    prefixes = 0
    pending: str | None = None
    for eq, phrase, word in _TOKEN.findall(text[:2000]):
        if word in ("AND", "&&"):
            continue
        if word in ("OR", "NOT", "||"):
            pending = "OR" if word == "||" else word
            continue
        exact = "=" in eq or word.startswith("=")
        word = word.lstrip("=")
        neg = word.startswith("-") or "-" in eq or pending == "NOT"
        raw = phrase if phrase else word.lstrip("-")
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
        typed = " ".join(WORD.findall(raw)) or " ".join(parts)
        expand = thesaurus is not None and not (exact or neg or prefix)
        forms = thesaurus.expand(stems_of(typed), typed) if expand else (plain_form(typed, stems_of(typed)),)
        out.append(QueryTerm(typed, parts, forms, neg, prefix, op="OR" if pending == "OR" else None,
                             exact=not expand, single=not phrase))
        pending = None
    return _join_words(out, thesaurus) if thesaurus is not None else out


def _join_words(terms: list[QueryTerm], thesaurus: Thesaurus) -> list[QueryTerm]:
    """Runs of plain words ANDed side by side that together are a thesaurus form become one joined term."""
    out: list[QueryTerm] = []
    i = 0
    while i < len(terms):
        for k in range(min(MAX_JOINED, len(terms) - i), 1, -1):
            run = terms[i:i + k]
            if all(t.single and not t.exact and (t.op is None or j == 0) for j, t in enumerate(run)):
                typed = " ".join(t.typed for t in run)
                if thesaurus.group_of(stems_of(typed), typed) is not None:
                    out.append(QueryTerm(typed, [p for t in run for p in t.parts], thesaurus.expand(stems_of(typed), typed),
                                         joined=True, op=run[0].op, exact=False))
                    i += k
                    break
        else:
            out.append(terms[i])
            i += 1
    return out


def fts_query(text: str, thesaurus: Thesaurus | None = None) -> str | None:
    """User text to a safe FTS5 query: every word and "quoted phrase" is quoted, so FTS syntax never leaks.

    Words are ANDed; OR and NOT (or a leading -) work between terms; a trailing * is a prefix search
    (manufact*); U.S., 1.5, e-commerce become phrases of their parts, as the index tokenizes them. With a
    `thesaurus`, each term is an OR of its forms (see the module docstring).
    A query cannot start with NOT, so leading exclusions (-china margin, NOT china margin) follow the first word
    looked for; exclusions alone look for nothing (None), never for the excluded word."""
    return _render(plan(text, thesaurus))


def _render(terms: list[QueryTerm]) -> str | None:
    out: list[str] = []
    held: list[str] = []  # exclusions met before any word to look for
    for t in terms:
        term = t.fts()
        if not out:
            if t.neg:
                held += [term][:MAX_TERMS - len(held)]
            else:
                out.append(term)
                for h in held:
                    out += ["NOT", h]
        else:
            if t.op or t.neg:
                out.append("NOT" if t.neg else t.op)  # type: ignore[arg-type]
            elif term.startswith("(") or out[-1].endswith(")"):
                out.append("AND")  # FTS5 reads side-by-side phrases as AND, but not a phrase beside a group
            out.append(term)
        if len(out) >= MAX_TERMS * 2:
            break
    return " ".join(out) or None


def _mark_query(terms: list[QueryTerm], found: list[Form] | None = None) -> str | None:
    """The forms to mark in a snippet, ORed (never a context word, never an excluded one): each term's own words
    and the thesaurus forms `found` in that sentence (None: every form looked for). Marking only what is there
    keeps FTS5 from reading the postings of every other form ("expectations for the year") once per hit."""
    alts: list[str] = []
    for t in terms:
        if t.neg:
            continue
        alts += [f'"{w}"' for w in t.parts] if t.joined else ['"' + " ".join(t.parts) + '"' + ("*" if t.prefix else "")]
        alts += [_phrase(f.text) for f in (t.searched() if found is None else ())]
    alts += [_phrase(f.text) for f in found or ()]
    return " OR ".join(dict.fromkeys(alts)) or None


@dataclass
class _Verdict:
    ok: bool  # False: the sentence has the term only by a conditional form that does not hold here (FTS5 was loose)
    found: list[Form]  # the thesaurus forms that hold in it
    other: list[Form]  # those that say it another way (for 'matched ... for ...')
    own: bool  # whether it has the term's own words


def _verdict(t: QueryTerm, words: list[str], stems: list[str], text: str) -> _Verdict:
    """How one expanded term stands in one sentence."""
    own = t.forms[0]
    present = set(stems)
    has_own = all(s in present for s in own.stems) if t.joined else bool(own.occurrences(stems))
    syn = [f for f in t.forms[1:] if f.found_in(words, stems, text)]
    if has_own or syn or t.prefix:
        return _Verdict(True, syn, said_otherwise(syn, own.stems, words, stems, text), has_own)
    # None holds: FTS5 matched by a form's words where the form does not hold (a conditional form out of its
    # context, or a form looked for NEAR that is not there as a phrase), or by its own stemming of the words typed.
    loose = any(f.conditional and f.occurrences(stems) for f in t.forms[1:]) or \
        any(_loose(f.text) and all(stem(w) in present for w in WORD.findall(f.text) if w.lower() not in _EVERYWHERE)
            for f in t.forms[1:])
    return _Verdict(not loose, [], [], False)


def _checked(hits: list[SearchHit], terms: list[QueryTerm], own: dict[int, int] | None = None,
             found: dict[int, list[Form]] | None = None) -> list[SearchHit]:
    """The hits whose sentence really holds the search (an ambiguous form in capitals and beside its context,
    outside its exclusions), each with the thesaurus forms that matched it (`SearchHit.matched`). Per sentence id,
    `own` gets how many of the expanded terms it has in their own words, `found` the thesaurus forms in it."""
    wanted = [t for t in terms if not t.neg and len(t.forms) > 1]
    if not wanted:
        return hits
    any_or = any(t.op == "OR" for t in terms)
    out = []
    for h in hits:
        words = WORD.findall(h.text)
        stems = [stem(w) for w in words]
        verdicts = [(_verdict(t, words, stems, h.text), t) for t in wanted]
        oks = [v.ok for v, _ in verdicts]
        if not (any(oks) if any_or else all(oks)):
            continue
        h.matched = [(f.text, t.typed) for v, t in verdicts for f in v.other]
        if own is not None:
            own[h.sentence_id] = sum(v.own for v, _ in verdicts)
        if found is not None:
            found[h.sentence_id] = [f for v, _ in verdicts for f in v.found]
        out.append(h)
    return out


def _superseded(db: Database) -> set[int]:
    return {r[0] for r in db.execute("select supersedes from transcripts where supersedes is not null")}


def search(db: Database, query: str, *, company_keys: list[str] | None = None, call_ids: list[int] | None = None,
           speaker: str | None = None, section: str | None = None, limit: int = 10, offset: int = 0,
           all_versions: bool = False, exact: bool = False, timeout: float | None = None) -> list[SearchHit]:
    """Sentences matching `query`, best first (bm25; sentences under 6 words after longer ones), snippets marked \\x02...\\x03.

    Within `company_keys` and/or `call_ids` when given. Each term also finds its thesaurus forms unless `exact`.
    Only the latest version of each call is searched unless `all_versions` (or its id is in `call_ids`). Past
    `timeout` seconds SQLite is interrupted and `TimeLimitExceeded` says so in one line."""
    terms = plan(query, None if exact else default_thesaurus())
    if timeout is None:
        return _search(db, terms, company_keys, call_ids, speaker, section, limit, offset, all_versions)
    with time_limit(db, timeout, f"That search took too long (over {timeout:g} s): use fewer or rarer words, "
                                 f"or longer prefixes."):
        return _search(db, terms, company_keys, call_ids, speaker, section, limit, offset, all_versions)


def _search(db: Database, terms: list[QueryTerm], company_keys: list[str] | None, call_ids: list[int] | None,
            speaker: str | None, section: str | None, limit: int, offset: int, all_versions: bool) -> list[SearchHit]:
    q = _render(terms)
    if not q:
        return []
    hidden = set() if all_versions else _superseded(db) - set(call_ids or ())
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
    if company_keys is not None or call_ids is not None:
        ranges = _id_ranges(db, company_keys, call_ids, hidden)
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
    if filters and company_keys is None and call_ids is None:  # cheap first: filter the unfiltered window in Python
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
    own: dict[int, int] = {}
    found: dict[int, list[Form]] = {}
    kept = _checked(kept, terms, own, found)
    # Best match first: a sentence with the words as typed before one found only by another wording, and a
    # sentence under six words after longer ones; bm25 order within each (the sort is stable).
    kept.sort(key=lambda h: (len(h.text.split()) < 6, -own.get(h.sentence_id, 0)))
    final = kept[offset:want]
    for h in final:
        _mark(db, (_mark_query(terms, found[h.sentence_id]) if h.sentence_id in found else _mark_query(terms)) or q, [h])
    return final


def _id_ranges(db: Database, company_keys: list[str] | None, call_ids: list[int] | None,
               hidden: set[int]) -> list[tuple[int, int]]:
    """The sentence-id ranges of these companies' calls (and/or these calls): a call's sentences are stored
    contiguously, and calls with consecutive ids (stored one after the other) share one range, so fewer FTS
    queries run."""
    conds, args = [], []
    if company_keys is not None:
        conds.append(f"t.company_key in ({','.join('?' * len(company_keys))})")
        args += company_keys
    if call_ids is not None:
        conds.append(f"t.id in ({','.join('?' * len(call_ids))})")
        args += call_ids
    out: list[list[int]] = []
    prev = None
    for tid, lo, hi in db.execute(
            f"select s.transcript_id, min(s.id), max(s.id) from sentences s join transcripts t on t.id = s.transcript_id "
            f"where {' and '.join(conds)} group by s.transcript_id order by s.transcript_id desc", args):
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
