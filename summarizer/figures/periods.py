"""Periods of a figure: found as said ("fourth quarter", "full year 2026", "next quarter") and normalised against
the call's own fiscal quarter and year into `Q4 2025`, `FY 2026`, `H1 2026`, `9M 2025`.

Relative periods depend on whether the figure is reported or guided: in a Q4 2025 call, "the full year" of a
reported figure is FY 2025 and of a guided one FY 2026 (a fourth-quarter call guides the year ahead); "this
quarter" of a guided figure is the quarter the call is held in, the next one.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

import ahocorasick

from summarizer.figures.lowtext import lowered

_ORD = {"first": 1, "1st": 1, "one": 1, "second": 2, "2nd": 2, "two": 2, "third": 3, "3rd": 3, "three": 3,
        "fourth": 4, "4th": 4, "four": 4}
_MONTH_NAMES = (r"(?-i:January|February|March|April|May|June|July|August|September|October|November|December|"
                r"Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)\.?")
# a year: four digits, or two after an apostrophe or "fiscal"/"FY" ("fiscal '26", "FY26"); never "15%" or "2,000"
_YR = r"(?P<{}>(?:fiscal\s+(?:year\s+)?|fy\s?|calendar\s+(?:year\s+)?|')(?:19|20)?\d\d|(?:19|20)\d\d)(?![\d%]|[.,]\d)"
_Q_ORD = r"(?P<qo>first|second|third|fourth|1st|2nd|3rd|4th)"
# The alternatives of a period mention, each with the characters it can start with (lower-cased). The engine tries
# every alternative at every word start it is asked about, which is slow; a word start is tried only against the
# alternatives that can start with its first character (`_BY_FIRST`), in the same order, so the same one wins.
_ALTERNATIVES = (
    ("fst1234", rf"(?:fiscal\s+)?{_Q_ORD}[\s-]+(?:fiscal\s+)?quarter(?:\s+(?:of\s+)?(?:the\s+)?(?:fiscal\s+)?(?:year\s+)?"
                rf"{_YR.format('y1')}\b"
                r"|\s+(?:of|in)\s+(?P<qrel>last|the\s+prior|the\s+previous|this|the\s+current|next)\s+(?:fiscal\s+)?year\b)?"),
    ("fq", rf"(?:fiscal\s+)?q(?P<qn>[1-4])(?:\s*(?:of\s+)?{_YR.format('y2')}|(?P<y2b>\d\d)\b)?"),
    ("1234", r"(?P<qn2>[1-4])q\s?'?(?P<y3>(?:19|20)\d\d|\d\d)?\b"),
    ("q", r"quarter\s+(?P<qw>one|two|three|four)\b"),
    ("tcnlpsur", r"(?P<rq>this|current|next|last|prior|previous|same|the|coming|upcoming|recent|latest|past|sequential)"
                 r"\s+quarter\b"),
    ("q", r"(?P<qtd>quarter[- ]to[- ]date)"),
    ("fsb12", rf"(?P<ho>first|second|back|1st|2nd)[\s-]+half(?:\s+of\s+(?:the\s+)?(?:(?P<hrel>this|next|last|the)\s+year|"
              rf"{_YR.format('y4')}))?"),
    ("h12", rf"(?P<hn>h[12]|[12]h)(?:\s*{_YR.format('y5')}|(?P<y5b>\d\d)\b)?"),
    ("fc12", r"(?:fiscal\s+|calendar\s+)?'?(?P<yty>(?:19|20)\d\d)[\s-]+(?P<ytd2>year[- ]to[- ]date|ytd)\b"),  # "fiscal 2022 year-to-date"
    ("yfns96", r"(?P<ytd>year[- ]to[- ]date|ytd|(?:first\s+)?nine\s+months|first\s+three\s+quarters|(?:first\s+)?six\s+months|9m|6m)"
               r"(?:\s+(?:of\s+)?'?(?P<y6>(?:19|20)\d\d)\b)?"
               r"(?:\s+(?:through|thru)\s+(?:the\s+)?(?:q(?P<ytq>[1-4])|(?P<ytqo>first|second|third|fourth)\s+quarter)\b)?"),  # "year-to-date through Q2"
    ("fwec", r"(?:(?P<full>full|whole|entire)[\s-]+)?(?P<fisc>fiscal|calendar)(?:[\s-]+year)?\s*'?(?P<y7>(?:19|20)?\d\d)"
             r"(?![\d%]|[.,]\d)"),
    ("f", r"fy\s?'?(?P<y8>(?:19|20)?\d\d)(?![\d%]|[.,]\d)"),
    ("tfwe", r"(?P<fy>(?:the\s+)?(?:full|whole|entire)[\s-]+(?:fiscal[\s-]+)?year|(?:the\s+)?fiscal[\s-]+year|full-year)"
             r"(?:\s+(?:of\s+)?'?(?P<y9>(?:19|20)\d\d)\b)?"),
    ("tnlpcu", r"(?P<ry>this|next|last|prior|previous|the|current|coming|upcoming|past)\s+(?:fiscal\s+)?year\b"
               r"(?!\s*(?:ago|over|on|earlier|before|-))"),
    ("ey", r"(?P<ye>(?:end\s+of\s+(?:the\s+)?(?:fiscal\s+)?year|year[- ]end))"),
    ("ea", rf"(?P<me>(?:end\s+of|as\s+of)\s+(?:the\s+)?(?:{_MONTH_NAMES}|quarter))"),
    ("12", r"(?P<yg>(?:19|20)\d\d)(?=\s+(?:full[- ]year\s+|annual\s+|financial\s+|earnings\s+|capital\s+)?(?:guidance|"
           r"outlook|forecast|expectations?|targets?|plan|budget|results)\b)"),
    ("ifdobtec", r"(?P<yin>(?:in|for|during|of|by|throughout|through|ended|ending|exited|exiting|closed|entering)\s+"
                 r"(?:the\s+year\s+)?(?:fiscal\s+)?(?P<y10>(?:19|20)\d\d))\b(?![-–]\d|[.,]\d)"),
)
_FIRST = "abcdefhijlmnopqrstwy1-49'"  # what a mention may start with (the engine's old first-character filter)
PERIOD = re.compile(rf"(?=[{_FIRST}])\b(?:" + "|".join(src for _, src in _ALTERNATIVES) + ")", re.IGNORECASE)
_BY_FIRST = {c: re.compile(r"\b(?:" + "|".join(src for first, src in _ALTERNATIVES if c in first) + ")", re.IGNORECASE)
             for c in sorted({c for first, _ in _ALTERNATIVES for c in first})}
_GROUPS = tuple(PERIOD.groupindex)
_WORD_START = re.compile(rf"\b(?=[{_FIRST}])", re.IGNORECASE)


@dataclass(frozen=True)
class CallPeriod:
    """The call's own fiscal quarter and year (either may be unknown)."""

    quarter: int | None
    year: int | None


@dataclass(frozen=True)
class PeriodMention:
    """A period as said in a sentence and its parts: kind 'Q' / 'H' / 'FY' / 'YTD' / 'rel-q' / 'rel-y' ..."""

    start: int
    end: int
    text: str
    kind: str  # Q | H | FY | 9M | YTD | MONTH_END
    number: int | None = None  # the quarter or half
    year: int | None = None
    rel: str | None = None  # this | next | last | same | None


_TRAILING_DIGITS = re.compile(r"\d+$")
_YEAR_LEAD = re.compile(r"(?:in|for|during|of|by|throughout|through)\s+(?:the\s+year\s+)?", re.I)
_MAY_UNNORMALISED = re.compile(r"(?-i:[JFMASOND][a-z]{2})|year|term", re.IGNORECASE)


def _year(*parts: str | None) -> int | None:
    """The year a token names ("fiscal '26" -> 2026, "2025" -> 2025), from the first part given."""
    s = next((x for x in parts if x), None)
    if not s:
        return None
    digits = _TRAILING_DIGITS.search(s)
    if not digits:
        return None
    y = int(digits.group(0))
    return 2000 + y if y < 100 else y


# Every period mention holds one of these words (or a year): the big pattern is tried only around them.
_PERIOD_WORD = re.compile(r"quarter|year|half|fiscal|months|ytd|\b(?:fy|q[1-4]|[1-4]q|h[12]|[12]h|9m|6m)|(?:19|20)\d\d|"
                          r"\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\b", re.I)
# The same words for one C scan of the lower-cased sentence; the word-start and digit conditions are checked after.
_WORD_KEYS = ("quarter", "year", "half", "fiscal", "months", "ytd")
_START_KEYS = ("fy", "q1", "q2", "q3", "q4", "1q", "2q", "3q", "4q", "h1", "h2", "1h", "2h", "9m", "6m",
               "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")


def _word_automaton() -> ahocorasick.Automaton:
    a = ahocorasick.Automaton()
    for k in _WORD_KEYS:
        a.add_word(k, (len(k), False))
    for k in _START_KEYS:
        a.add_word(k, (len(k), True))
    for k in ("19", "20"):
        a.add_word(k, (2, None))
    a.make_automaton()
    return a


_WORDS = _word_automaton()


def _keyword_spans(text: str) -> list[tuple[int, int]]:
    """Where `_PERIOD_WORD` would start a match, as (start, end) of the word, in order."""
    low = text.lower()
    if len(low) != len(text):
        return [(k.start(), k.end()) for k in _PERIOD_WORD.finditer(text)]
    out: list[tuple[int, int]] = []
    n = len(low)
    for end, (size, at_start) in _WORDS.iter(low):
        start = end - size + 1
        if at_start is None:  # a year: two more digits
            if not low[end + 1:end + 3].isdigit() or len(low[end + 1:end + 3]) < 2:
                continue
            out.append((start, end + 3))
            continue
        if at_start:
            if start > 0 and (low[start - 1].isalnum() or low[start - 1] == "_"):
                continue
            if size == 3:  # a month name runs to the word's end
                stop = end + 1
                while stop < n and "a" <= low[stop] <= "z":
                    stop += 1
                if stop < n and (low[stop].isalnum() or low[stop] == "_"):
                    continue
                out.append((start, stop))
                continue
        out.append((start, end + 1))
    out.sort()
    return out


def _match_at(text: str, p: int) -> re.Match | None:
    """`PERIOD.match(text, p)`, trying only the alternatives that can start with the character at `p`."""
    rx = _BY_FIRST.get(text[p].lower())
    if rx is None:
        return PERIOD.match(text, p) if not text[p].isascii() else None
    return rx.match(text, p)


def _period_matches(text: str):
    """`PERIOD.finditer(text)`, tried only at the word starts just before and inside each word a period needs (the
    same matches, without the engine trying every alternative at every word of the sentence)."""
    last = 0
    for ks, ke in _keyword_spans(text):
        if ke <= last:
            continue
        lo = max(last, ks - 40)
        found = None
        for w in _WORD_START.finditer(text, lo, ke + 1):
            p = w.start()
            if p > ke:
                break
            if p < lo:
                continue
            m = _match_at(text, p)
            if m is None:
                continue
            if m.end() <= ks:  # a mention wholly before this word: look on after it
                lo = m.end()
                continue
            found = m
            break
        if found is not None:
            last = found.end()
            yield found


def find_periods(text: str) -> list[PeriodMention]:
    """Every period mention of a sentence, as said (a new list each time; the reading itself is cached)."""
    return list(_find_periods(text))


@lru_cache(maxsize=64)
def _find_periods(text: str) -> tuple[PeriodMention, ...]:
    out: list[PeriodMention] = []
    for m in _period_matches(text):
        g = dict.fromkeys(_GROUPS)
        g.update(m.groupdict())
        s = m.group(0)
        if g["qo"]:
            rel = (g["qrel"] or "").lower()
            rel = "last" if rel.endswith(("last", "prior", "previous")) else "next" if rel == "next" else \
                "this" if rel else None
            p = PeriodMention(m.start(), m.end(), s, "Q", _ORD[g["qo"].lower()], _year(g["y1"]), rel)
        elif g["qn"]:
            p = PeriodMention(m.start(), m.end(), s, "Q", int(g["qn"]), _year(g["y2"], g["y2b"]))
        elif g["qn2"]:
            p = PeriodMention(m.start(), m.end(), s, "Q", int(g["qn2"]), _year(g["y3"]))
        elif g["qw"]:
            p = PeriodMention(m.start(), m.end(), s, "Q", _ORD[g["qw"].lower()])
        elif g["rq"]:
            rel = g["rq"].lower()
            rel = {"current": "this", "the": "this", "prior": "last", "previous": "last", "coming": "next",
                   "upcoming": "next", "recent": "this", "latest": "this", "past": "this",
                   "sequential": "last"}.get(rel, rel)
            p = PeriodMention(m.start(), m.end(), s, "Q", rel=rel)
        elif g["qtd"]:
            p = PeriodMention(m.start(), m.end(), s, "Q", rel="this")
        elif g["ho"]:
            half = 1 if g["ho"].lower() in ("first", "1st") else 2
            rel = (g["hrel"] or "").lower() or None
            p = PeriodMention(m.start(), m.end(), s, "H", half, _year(g["y4"]),
                              rel={"the": "this"}.get(rel or "", rel))
        elif g["hn"]:
            half = 1 if "1" in g["hn"] else 2
            p = PeriodMention(m.start(), m.end(), s, "H", half, _year(g["y5"], g["y5b"]))
        elif g["ytd2"]:
            p = PeriodMention(m.start(), m.end(), s, "YTD", None, _year(g["yty"]))
        elif g["ytd"]:
            w = g["ytd"].lower()
            kind = "9M" if "nine" in w or "three" in w or w == "9m" else "H" if "six" in w or w == "6m" else "YTD"
            through = int(g["ytq"]) if g["ytq"] else _ORD[g["ytqo"].lower()] if g["ytqo"] else None
            p = PeriodMention(m.start(), m.end(), s, kind, 1 if kind == "H" else through, _year(g["y6"]))
        elif g["fisc"]:
            p = PeriodMention(m.start(), m.end(), s, "FY", year=_year(g["y7"]))
        elif g["y8"]:
            p = PeriodMention(m.start(), m.end(), s, "FY", year=_year(g["y8"]))
        elif g["fy"]:
            p = PeriodMention(m.start(), m.end(), s, "FY", year=_year(g["y9"]), rel=None if g["y9"] else "the")
        elif g["ry"]:
            rel = g["ry"].lower()
            rel = {"current": "this", "prior": "last", "previous": "last", "coming": "next", "upcoming": "next",
                   "past": "last"}.get(rel, rel)
            p = PeriodMention(m.start(), m.end(), s, "FY", rel=rel)
        elif g["ye"]:
            p = PeriodMention(m.start(), m.end(), s, "FY", rel="the")
        elif g["me"]:
            p = PeriodMention(m.start(), m.end(), s, "MONTH_END", rel="this")
        elif g["yg"]:
            p = PeriodMention(m.start(), m.end(), s, "FY", year=_year(g["yg"]))
        elif g["y10"]:
            lead = _YEAR_LEAD.match(s)
            st = m.start() + (lead.end() if lead else 0)
            p = PeriodMention(st, m.end(), text[st:m.end()], "FY", year=_year(g["y10"]))
        else:  # pragma: no cover - every alternative is named
            continue
        if p.text.endswith(".") and (p.end == len(text) or text[p.end:p.end + 1].isspace()) and \
                not _ABBREV_END.search(p.text):
            p = PeriodMention(p.start, p.end - 1, p.text[:-1], p.kind, p.number, p.year, p.rel)  # "June." ends the sentence
        out.append(p)
    return tuple(out)


def resolve(p: PeriodMention, call: CallPeriod, guidance: bool) -> str | None:
    """The period normalised against the call's fiscal period ('Q4 2025', 'FY 2026'), None when it cannot be told."""
    q, y = call.quarter, call.year
    if p.kind == "Q":
        if p.number is not None:
            if p.year:
                return f"Q{p.number} {p.year}"
            if y is None:
                return None
            if p.rel in ("last", "this", "next"):  # "the fourth quarter of last year"
                base = y + 1 if guidance and q == 4 and p.rel == "this" else y
                return f"Q{p.number} {base + {'last': -1, 'this': 0, 'next': 1}[p.rel]}"
            if q is None:
                return f"Q{p.number} {y}"
            if guidance:
                return f"Q{p.number} {y if p.number > q else y + 1}"
            return f"Q{p.number} {y if p.number <= q else y - 1}"
        if q is None or y is None:
            return None
        rel = p.rel
        if rel == "this" and guidance:
            rel = "next"  # "this quarter" in an outlook is the quarter the call is held in
        if rel == "same":
            return f"Q{q} {y - 1}"
        shift = {"this": 0, "next": 1, "last": -1}.get(rel or "this", 0)
        n = q - 1 + shift
        return f"Q{n % 4 + 1} {y + n // 4}"
    if p.kind in ("FY", "H", "9M", "YTD"):
        year = p.year
        if year is None:
            if y is None:
                return None
            rel = p.rel
            if rel in ("the", "this", None):
                year = y + 1 if guidance and q == 4 else y
            elif rel == "next":
                year = y + 1
            elif rel == "last":
                year = y - 1
            else:
                year = y
            if p.kind == "H" and p.number and q is not None and p.rel is None:
                # "the second half" in a Q2 call's outlook is this year's; in a Q4 call's, next year's
                done = (p.number == 1 and q >= 2) or (p.number == 2 and q >= 4)
                year = y + 1 if guidance and done else y if not guidance and done else (y if guidance else y - 1)
        if p.kind == "FY":
            return f"FY {year}"
        if p.kind == "H":
            return f"H{p.number or 1} {year}"
        if p.kind == "9M":
            return f"9M {year}"
        q = p.number or q  # "year-to-date through Q2" ends with that quarter
        if q is None:
            return None
        return {1: f"Q1 {year}", 2: f"H1 {year}", 3: f"9M {year}", 4: f"FY {year}"}[q]
    if p.kind == "MONTH_END":
        if guidance or q is None or y is None:
            return None
        return f"Q{q} {y}"
    return None


def call_label(call: CallPeriod) -> str | None:
    """The call's own quarter as a fiscal period ('Q4 2025'), None when unknown."""
    if call.quarter and call.year:
        return f"Q{call.quarter} {call.year}"
    return None


def next_quarter_label(call: CallPeriod) -> str | None:
    """The quarter after the call's own ('Q1 2026' after a Q4 2025 call), None when unknown."""
    if call.quarter and call.year:
        return f"Q{call.quarter % 4 + 1} {call.year + (call.quarter == 4)}"
    return None


def later(a: str | None, b: str | None) -> bool:
    """Whether fiscal period `a` ends after period `b` ('Q1 2026' after 'Q4 2025'; 'FY 2026' after 'Q4 2025')."""
    ea, eb = _end(a), _end(b)
    return ea is not None and eb is not None and ea > eb


def starts_after(a: str | None, b: str | None) -> bool:
    """Whether fiscal period `a` begins after period `b` ends ('FY 2027' after 'Q3 2026'; not 'FY 2026')."""
    sa, eb = _start(a), _end(b)
    return sa is not None and eb is not None and sa > eb


@lru_cache(maxsize=256)
def _start(p: str | None) -> tuple[int, int] | None:
    """(year, quarter) in which a fiscal period begins."""
    end = _end(p)
    if end is None:
        return None
    kind = (p or "").partition(" ")[0]
    return (end[0], end[1] if kind.startswith("Q") else 3 if kind == "H2" else 1)


@lru_cache(maxsize=256)
def _end(p: str | None) -> tuple[int, int] | None:
    """(year, quarter) in which a fiscal period ends."""
    if not p:
        return None
    kind, _, year = p.partition(" ")
    if not year.isdecimal():
        return None
    y = int(year)
    if kind.startswith("Q") and kind[1:].isdecimal():
        return (y, int(kind[1:]))
    return {"FY": (y, 4), "H1": (y, 2), "H2": (y, 4), "9M": (y, 3)}.get(kind)


_NUM_WORD = r"(?:two|three|four|five|six|seven|eight|nine|ten|\d{1,2})"
# Periods a figure can have that no fiscal quarter or year names: months ("in January and February", "in May"), a
# horizon of years ("over the next five years", "a long-term five-year objective"). Said, they are the figure's period
# as said; the call's own quarter or year must not be put in their place.
_UNNORMALISED = re.compile(
    rf"\b(?:in|for|during|through|over|of)\s+(?:the\s+months?\s+of\s+)?{_MONTH_NAMES}"
    rf"(?:(?:\s*,\s*|\s*,?\s+(?:and|through|to)\s+|\s*[-–]\s*){_MONTH_NAMES})*(?:\s*,?\s*(?:19|20)\d\d)?(?![\w-])"
    rf"|\b(?:over|in|during|within|for)\s+the\s+(?:next|coming|following)\s+(?:{_NUM_WORD}\s+|few\s+|several\s+)?years\b"
    rf"|\b(?:long[- ]term|multi[- ]year|{_NUM_WORD}[- ]year)\b(?=(?:\s+[\w-]+){{0,3}}?\s+(?:objectives?|targets?|goals?|"
    rf"aspirations?|framework|algorithm|plan|CAGR|horizon)\b)", re.IGNORECASE)


# where a match of `_UNNORMALISED` can start (its first words), in the lower-cased sentence
_UNNORMALISED_START = re.compile(r"\b(?=in|for|during|through|over|of|within|long|multi|two|three|four|five|six|seven|"
                                 r"eight|nine|ten|\d)")
_MONTH_START = re.compile(r"Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec")


def _unnormalised_at(text: str, low: str):
    """`_UNNORMALISED.finditer(text)` for an ASCII sentence, tried only where a match can start."""
    last = 0
    for c in _UNNORMALISED_START.finditer(low):
        p = c.start()
        if p < last:
            continue
        m = _UNNORMALISED.match(text, p)
        if m is not None:
            last = m.end()
            yield m


def unnormalised_periods(text: str) -> list[tuple[int, int]]:
    """Spans of the periods said that no fiscal period names ('in January and February', 'over the next five
    years', 'long-term ... objective'): a figure under one has that period as said, not the call's quarter."""
    low = lowered(text)
    if low is None:
        if not _MAY_UNNORMALISED.search(text):
            return []
        found = _UNNORMALISED.finditer(text)
    elif "year" in low or "term" in low or _MONTH_START.search(text):  # what each alternative needs
        found = _unnormalised_at(text, low)
    else:
        return []
    out: list[tuple[int, int]] = []
    for m in found:
        a, b = m.start(), m.end()
        if text[b - 1] == "." and not _ABBREV_END.search(text, 0, b):
            b -= 1  # "in July." ends the sentence
        if out and not text[out[-1][1]:a].strip():
            a = out.pop()[0]  # "long-term five-year objective": one period
        out.append((a, b))
    return out


_ABBREV_END = re.compile(r"\b(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)\.$")
