"""What each number of a sentence is and how it is said: its clause, its role (a figure, its change, the value it
is compared with, the previous guidance), whether it is reported or guided, and for guidance its direction.

Everything is read from the shape of the sentence: clauses split where a new subject and verb begin, the
verb or outlook word that governs each clause, "up 17% from $0.80", "raising ... to X from Y".
"""
from __future__ import annotations

import re
from bisect import bisect_left
from functools import lru_cache
from collections.abc import Callable

from summarizer.figures.lowtext import LowerPattern, lowered
from summarizer.figures.numbers import Hit, parse_num
from summarizer.gates import any_of_ignorecase, search_if

# ---- clauses --------------------------------------------------------------------------------------------------

_CLAUSE_SPLIT = LowerPattern(
    r";\s*|\s+[-–—]{1,2}\s+|:\s+(?=[A-Za-z])|\.\.\.\s*"
    r"|,\s+(?=(?:and|but|while|whereas|which|where|although|though|as well as|plus|including|excluding|driven|"
    r"reflecting|due to|as(?!\s+(?:\w+\s+){0,2}(?:had\s+|has\s+|have\s+)?(?:noted|mentioned|said|discussed|indicated|"
    r"highlighted|described|stated|pointed out|shown)\b)|partially|partly|primarily|mainly|largely|offset|helped|"
    r"thanks to|with|bringing|giving|resulting|representing|leading|when|so|because|since|whereby|after|before)\b)"
    r"|\s+(?=(?:and|but|while|whereas)\s+(?:we|i|our|the company|they|it|management|this|that)\b)"
    r"|\s+(?=(?:while|whereas|although|though|because|since)\b)")


def clauses(text: str) -> list[tuple[int, int]]:
    """The sentence cut into clauses, as (start, end) spans covering it in order."""
    out: list[tuple[int, int]] = []
    last = 0
    for m in _CLAUSE_SPLIT.finditer(text):
        if m.start() > last:
            out.append((last, m.start()))
            last = m.end()
    out.append((last, len(text)))
    return out


def clause_of(spans: list[tuple[int, int]], pos: int) -> int:
    """The index of the clause holding character `pos`."""
    n = len(spans)
    for k in range(n - 1):  # the first clause ending after pos (bisect_right over the ends), the last one at most
        if pos < spans[k][1]:
            return k
    return n - 1


# ---- direction words (up / down) ------------------------------------------------------------------------------

_UP = (r"(?:up|increase[sd]?|increasing|grew|grow(?:s|ing|th)?|rose|rise[sn]?|rising|gain(?:ed|s)?|improve[ds]?|"
       r"improvement|expand(?:ed|s|ing)?|expansion|higher|jump(?:ed|s)?|climb(?:ed|s)?|surge[sd]?|soar(?:ed|s)?|"
       r"accelerat\w*|plus|advance[sd]?|ahead|better|boost(?:ed|s)?|lift(?:s|ed|ing)?|add(?:s|ed|ing)?|tailwind|"
       r"raise[sd]?|raising|upped|ups)")
_DOWN = (r"(?:down|decrease[sd]?|decreasing|decline[sd]?|declining|fell|fall(?:en|s|ing)?|drop(?:ped|s)?|"
         r"lower(?:s|ed|ing)?|"
         r"contract(?:ed|ion|s)?|shrank|shrink\w*|reduc\w*|minus|negative|slid|slip(?:ped)?|dip(?:ped)?|off|"
         r"compress(?:ed|ion)?|deteriorat\w*|worse|erode[ds]?|erosion|headwind|drag|dilution|pressure)")
_DIR_BEFORE = re.compile(
    rf"\b(?:(?P<up>{_UP})|(?P<down>{_DOWN}))(?:\s+(?:by|of|between|in the range of|in a range of|at a rate of)?\s*(?:an?\s+)?(?:about|around|approximately|roughly|nearly|"
    r"almost|over|more than|less than|some|just over|just under|close to|a further|another|an additional|a solid|a strong|"
    r"a healthy|a robust|a record|a very strong|a modest|a slight)?)?\s*(?:an?\s+)?$", re.I)
_DIR_AFTER = re.compile(  # used with match(text, pos) and on slices
    rf"\s*(?:(?P<up>{_UP}|above)|(?P<down>{_DOWN}|below|behind))\b(?!\s+(?:to\b|end|of the))", re.I)
_DIR_AFTER_PER_SHARE = re.compile(rf"\s+per (?:diluted )?share\s+(?:(?P<up>increase|improvement|raise)|(?P<down>decrease|"
                                  rf"decline|reduction))\b", re.I)  # "a $0.02 per share increase at the midpoint"
_GROWTH_OF = re.compile(r"\b(?:growth|increase|decline|decrease|drop|improvement|expansion|contraction|reduction|"
                        r"gain|rise|change)\s+(?:of|by|was|were|is|at|in|to)\s+(?:about\s+|approximately\s+|roughly\s+|nearly\s+|"
                        r"around\s+|over\s+|more than\s+|almost\s+)?$", re.I)
_BASIS = re.compile(  # used with match(text, pos): no "^"
    r"\s*,?\s*(?:(?P<yoy>year[- ](?:over|on)[- ]year|yoy|y/y|from (?:a|the prior|the previous|last|a year) year(?: ago)?|"
    r"from a year (?:ago|earlier)|a year (?:ago|earlier)|over the prior year|(?:versus|vs\.?|compared (?:to|with)|from|over) "
    r"(?:last|the prior|the previous|a|the) year(?:'s)?(?: (?:period|quarter|level))?|(?:from|compared with|compared to|over|versus|vs\.?) "
    r"the (?:same|comparable|corresponding|prior[- ]year) (?:period|quarter)(?: (?:of|in|a|last) (?:the previous year|last year|the prior year|year|\d{4}))?(?: ago)?)"
    r"|(?P<qoq>quarter[- ](?:over|on)[- ]quarter|q/q|qoq)"
    r"|(?P<seq>sequential(?:ly)?|from (?:the|last) (?:previous |prior |preceding )?quarter|over the (?:previous|prior|last) quarter)"
    r"|(?P<vsg>(?:above|ahead of|below|versus|vs\.?|compared (?:to|with)) (?:the |our )?(?:top of (?:the |our )?)?(?:prior |previous )?(?:guidance|outlook)))",
    re.I)


_UP_WORD = re.compile(rf"(?:{_UP})", re.I)
_DOWN_WORD = re.compile(rf"(?:{_DOWN})", re.I)
_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*")
# words that may stand between an up/down word and its number: "up by about", "grew in the range of", "a solid"
_FILLER = frozenset("""by of between about around approximately roughly nearly almost over more less than some just under
close a an further another additional solid strong healthy robust record very modest slight in the range rate""".split())


_LOW_WORD = re.compile(r"[a-z][a-z'’-]*")


@lru_cache(maxsize=32)
def tokens(text: str) -> list[tuple[int, int, str]]:
    """The words of a sentence as (start, end, lower-cased word), computed once per sentence."""
    low = text.lower()
    if len(low) != len(text) or not text.isascii():
        return [(m.start(), m.end(), m.group(0).lower()) for m in _WORD.finditer(text)]
    # each word found again from where the last one ended: only characters that start no word stand between them,
    # so the first occurrence is the word itself (faster than a match object per word)
    out: list[tuple[int, int, str]] = []
    pos, find = 0, low.find
    for w in _LOW_WORD.findall(low):
        p = find(w, pos)
        pos = p + len(w)
        out.append((p, pos, w))
    return out


@lru_cache(maxsize=4096)
def _sign_of(word: str) -> int:
    if _UP_WORD.fullmatch(word):
        return 1
    if _DOWN_WORD.fullmatch(word):
        return -1
    return 0


def direction_sign(text: str, h: Hit) -> tuple[int, int | None]:
    """+1 / -1 when an up or down word governs the number (just before it, or right after it), with where it starts.

    Before it: the up/down word and at most a few filler words ("up by about", "a solid"), or "<up/down word> ...
    by" ("lifts our gross margin by roughly 20 basis points"); after it: "17% higher", "a 67.3% decrease"."""
    toks = tokens(text)
    k = bisect_left(toks, (h.start,))
    # the words of toks[k - 18:k] that end by the number and start at most 100 characters before it: starts and ends
    # both ascend, so they are one slice of it
    a, b, lo = max(0, k - 18), k, h.start - 100
    while b > a and toks[b - 1][1] > h.start:
        b -= 1
    while a < b and toks[a][0] < lo:
        a += 1
    words = toks[a:b]
    pos, i, fillers, by = h.start, len(words) - 1, 0, False
    while i >= 0:
        ws, we, w = words[i]
        if text[we:pos].strip():
            break  # punctuation or a number between: no longer the same phrase
        sign = _sign_of(w)
        if sign:
            return sign, ws
        if w not in _FILLER or fillers >= 6:
            break
        by = by or w == "by"
        fillers, pos, i = fillers + 1, ws, i - 1
    if by:
        for j in range(i, max(-1, i - 14), -1):  # "<up/down word> ... by": a dozen plain words back
            ws, we, w = words[j]
            if _NOT_PLAIN.search(text, we, pos):
                break
            sign = _sign_of(w)
            if sign:
                return sign, h.start
            pos = ws
    m = _DIR_AFTER.match(text, h.stop, h.stop + 30) or _DIR_AFTER_PER_SHARE.match(text, h.stop, h.stop + 50)
    if m:
        return (1 if m["up"] else -1), None
    return 0, None


_NOT_PLAIN = re.compile(r"[.;,$%\d]")


def basis_of(text: str, pos: int) -> tuple[str | None, int]:
    """The comparison basis said right after `pos` ('y/y', 'q/q', 'sequential', 'vs guidance'), and where it ends."""
    m = _BASIS.match(text, pos)
    if not m:
        return None, pos
    kind = "y/y" if m["yoy"] else "q/q" if m["qoq"] else "sequential" if m["seq"] else "vs guidance"
    return kind, m.end()


# ---- roles ----------------------------------------------------------------------------------------------------

_COMPARATOR = re.compile(
    r"\b(?:compared (?:with|to)|as compared (?:with|to)|versus|vs\.?|against|relative to|up from|down from|"
    r"from(?:\s+(?:up|down|growth of|a decline of|an increase of|a decrease of|a range of|the range of|a level of))?|"
    r"improving from|improved from|increasing from|decreasing from|rising from|falling from|declining from|"
    r"(?:a|the) (?:prior[- ]year|year[- ]ago|year earlier|last year's)(?: level| figure| quarter| period)? of)"
    r"\s*(?:the\s+|a\s+|an\s+|our\s+)?(?:(?:prior[- ]year|year[- ]ago|last year's|last quarter's|previous|prior)\s+"
    r"(?:level|figure|quarter|period|rate)?\s*(?:of\s+)?)?(?:(?:net\s+)?(?:loss|gain|profit|income|earnings)\s+of\s+)?"
    r"(?:about|around|approximately|roughly|nearly|almost|just)?\s*$"
    r"|\b(?:higher|lower|better|worse|up|down|above|below)\s+than\s+(?:the\s+|our\s+|a\s+)?$"
    r"|\b(?:more|less|greater)\s+than\s+(?:the|our|a)\s+$"  # "greater than $4.75" is a floor, not a comparison
    r"|\b(?:(?:as )?compared (?:to|with)|versus|vs\.?)\s+(?:[\w'’-]+\s+){0,6}?(?:of|at)\s*(?:about\s+|approximately\s+)?$"
    r"|\b(?:over|versus|vs\.?|compared (?:to|with)|from|against|than|above|below)\s+(?:the\s+|a\s+)?(?:prior|previous|last|same|year[- ]ago)"
    r"[- ]?(?:year|quarter|period)?(?:'s|’s)?(?:\s+[\w-]+){0,4}?\s+(?:of|at|was|were)\s*(?:about\s+|approximately\s+)?$",
    re.I)
_PREVIOUS = re.compile(
    r"\b(?:previous(?:ly)?|prior|earlier|original(?:ly)?|initial(?:ly)?|last|former|old)\s+(?:full[- ]year\s+|fiscal\s+\S+\s+|annual\s+)?"
    r"(?:guidance|outlook|range|forecast|expectations?|view|target|guide|estimate|expectation range)"
    r"(?:\s+range)?(?:\s+(?:of|at|was|for|range of|called for|had been|which was))?\s*(?:between\s+|from\s+)?"
    r"(?:about\s+|approximately\s+|roughly\s+|around\s+)?$"
    r"|\bpreviously\s+(?:expected|guided|forecast|anticipated|projected|provided)?\s*(?:at\s+|of\s+)?$"
    r"|(?<=\b(?:our|the|its)\s)(?:previous|prior|earlier|original|initial)\s+$", re.I)  # "our original 7% to 9% outlook"
_FROM_AFTER_VALUE = re.compile(r"^(?:\s+per (?:diluted )?share)?(?:\s+(?:for|in)\s+(?:the\s+)?(?:full\s+|fiscal\s+)?(?:year|"
                               r"quarter|(?:19|20)\d\d))?\s*,?\s*(?:(?:up|down|raised|lowered|increased|reduced|narrowed|widened|revised|changed|"
                               r"moved|updated)\s+)?from\s*(?:the\s+)?(?:prior\s+|previous\s+)?$", re.I)
# a comparison with a past result, not with earlier guidance: "up from $280 million in 2025", "from $1.5 billion last year"
_PAST_ACTUAL = re.compile(r"(?:\s+per (?:diluted )?share)?\s+(?:in\s+(?:fiscal\s+)?(?:19|20)\d\d|last year|a year (?:ago|earlier)|in the "
                          r"(?:prior|previous) year|in the (?:same|year-ago) (?:quarter|period)|in q[1-4]\b)", re.I)
_MAY_PREVIOUS = any_of_ignorecase(("previous", "prior", "earlier", "original", "initial", "last", "former", "old"))
_MAY_COMPARATOR = any_of_ignorecase(("compar", "versus", "vs", "against", "relative", "from", "than", "prior", "year"))
_MAY_FROM = any_of_ignorecase(("from",))
_MAY_GROWTH_OF = any_of_ignorecase(("growth", "increase", "decline", "decrease", "drop", "improvement", "expansion",
                                    "contraction", "reduction", "gain", "rise", "change"))
_PREVIOUSLY_AFTER = re.compile(r"^\s*(?:previously|before|prior)\b", re.I)
_TO_NEXT = re.compile(
    r"^(?:\s+per (?:diluted )?(?:common )?share)?(?:\s+(?:in|for)\s+[^,;$%]{0,20}?|\s+(?:last|prior|previous) (?:quarter|call|time)"
    r"|\s+previously)?\s*,?\s*(?:(?:year[- ](?:over|on)[- ]year|sequentially|quarter[- ]over[- ]quarter|organically|in constant currency|"
    r"on a (?:reported|constant[- ]currency|organic) basis)\s*,?\s*)?(?:(?:up|down)\s+)?(?:to|at|reaching|to a record|"
    r"to an all-time high of)\s*(?:a\s+(?:new\s+)?range\s+of\s+|the\s+range\s+of\s+|a\s+record\s+|about\s+|"
    r"approximately\s+|roughly\s+|nearly\s+|between\s+|an?\s+)?$", re.I)
# "... 7% and the brand gained 0.6 points": a new subject between a figure and a change
_NEW_SUBJECT = re.compile(r"\b(?:and|but|while|(?<!compared )(?<!consistent )with|whereas)\s+(?:the|our|its|their|this|"
                          r"that|each|every|we|it|they)\b", re.I)  # not "compared with our previous range"
_REVISION_FROM = re.compile(r"\b(?:rais\w*|lower\w*|increas\w*|reduc\w*|narrow\w*|revis\w*|updat\w*|tighten\w*|cut\w*|"
                            r"mov\w*|chang\w*|up(?:ped|s)?)\b[^.;]{0,60}\b(?:guidance|outlook|range|forecast|expectations?|"
                            r"view|target\w*)\b[^.;]{0,30}\bfrom\b(?:\s+(?:a|the|our)\s+(?:range|level)\s+of)?\s*$", re.I)
# "our full year capex plan has gone from $80 million to $100 million": the guidance named before the move
_REVISING_OUR_FROM = re.compile(r"\b(?:raising|increasing|lowering|reducing|narrowing|tightening|updating|revising)\s+our\s+"
                                r"(?:[\w-]+\s+){0,6}?from(?:\s+(?:a|the|our)\s+(?:range|level)\s+of)?\s*$", re.I)
# "increasing our full-year organic growth from 9%", "revising our growth projection from a range of 5% to 7%"
_REVISED_FROM = re.compile(r"\b(?:guidance|outlook|range|forecast|plan|target|targets|view|expectations?)\b[^.;]{0,30}?\b"
                           r"(?:has|have|was|were|is|are)?\s*(?:been\s+)?(?:gone|moved|changed|increased|decreased|risen|"
                           r"fallen|raised|lowered|reduced|revised|updated|lifted|cut|narrowed)\s+from(?:\s+(?:a|the|our)\s+(?:range|level)\s+of)?\s*$",
                           re.I)
_OR_PCT = re.compile(r"\s*,?\s*or\s+(?:about\s+|approximately\s+|roughly\s+|nearly\s+)?\d[\d.,]*\s?(?:%|percent)", re.I)
_OR_PCT_DIR = re.compile(rf"\s*,?\s*or\s+(?:about\s+|approximately\s+)?\d[\d.,]*\s?(?:%|percent)\s+"
                         rf"(?:(?P<up>{_UP}|above)|(?P<down>{_DOWN}|below))\b", re.I)
_OR_RESTATED = re.compile(r"\s*,?\s*or\s+(?:about\s+|approximately\s+|roughly\s+|nearly\s+|almost\s+|over\s+|more than\s+)?"
                          r"(?:an?\s+)?", re.I)
_TO_AFTER = re.compile(r"(?:\s+per (?:diluted )?share)?\s*,?\s*(?:to|at)\b", re.I)
_OF_NEXT = re.compile(r"\s+(?:of|in|on)\s+(?:our\s+|the\s+|its\s+|total\s+)?", re.I)
_OWN_METRIC = re.compile(r"\s+(?:of|in|on|is|was|are|were|represents?|being)\s+(?:our\s+|the\s+|its\s+|total\s+)?",
                         re.I)  # "17.1 billion is raw material inventory, which has dropped ...": its own metric
_DIR_ONLY = re.compile(rf"^\s*(?:and\s+)?(?:{_UP}|{_DOWN})(?:\s+(?:by|of))?\s*$", re.I)
_CHANGE_WORDS = re.compile(r"\b(?:growth|increase|decline|decrease|improvement|expansion|contraction|reduction|"
                           r"change|drop|gain|rise|headwind|tailwind|impact|benefit)\b", re.I)


def classify_roles(text: str, hits: list[Hit], guided: Callable[[int], bool], mention_starts: list[int],
                   spans: list[tuple[int, int]] | None = None) -> None:
    """Set each hit's role: 'value', 'change' (its up/down or growth), 'comparator' or 'previous' (guidance), and owner.

    `guided(pos)`: whether the clause at `pos` is guidance ("to $3.60 to $3.70 from $3.45 to $3.55" there gives the
    previous guidance, elsewhere "from" gives what a result is compared with)."""
    prev: Hit | None = None
    for h in hits:
        gap_prev = text[prev.stop:h.start] if prev is not None else None
        sign, dstart = direction_sign(text, h)
        h.dir_sign, h.dir_start = sign, dstart
        actual_after = _PAST_ACTUAL.match(text, h.stop) is not None
        negative_restated = prev is not None and prev.role == "value" and gap_prev is not None and \
            _NEGATIVE_RESTATED.search(gap_prev) is not None and _family(h) != _family(prev)
        if prev is not None and prev.role == "change" and prev.pair is None and _OR_RESTATED.fullmatch(gap_prev or "") \
                and bool(h.pct) != bool(prev.pct) and h.pct_kind() in ("", "%") and (h.pct or h.amountish):
            h.role, h.pair, prev.pair = "change", prev, h  # "increased $242 million or 24%", "down 8%, or $12 million"
            h.dir_sign = h.dir_sign or prev.dir_sign
        elif prev is not None and prev.role == "comparator" and (h.money or h.pct) and \
                _OR_RESTATED.fullmatch(gap_prev or "") and _family(h) != _family(prev):
            h.role, h.pair = "comparator", prev  # "versus net income of $2.2 million or $0.06 per diluted share"
        elif (previous_before(text, h.start) and not actual_after) or \
                (prev is not None and (prev.role == "value" or prev.role == "change" and prev.owner is None) and
                 guided(prev.start) and not actual_after and _FROM_AFTER_VALUE.match(gap_prev or "")) \
                or (guided(h.start) and (search_if(_REVISION_FROM, _MAY_FROM, text, max(0, h.start - 90), h.start) or
                                         search_if(_REVISED_FROM, _MAY_FROM, text, max(0, h.start - 60), h.start) or
                                         search_if(_REVISING_OUR_FROM, _MAY_FROM, text, max(0, h.start - 70), h.start))) \
                or (prev is not None and _PREVIOUSLY_AFTER.match(text[h.stop:h.stop + 12])
                    and comparator_before(text, h.start, 70)):
            h.role = "previous"
        elif _comparator_lead(text, h, prev) and not _range_from(text, h):
            h.role = "comparator"
            if guided(h.start) and search_if(_REVISION_FROM, _MAY_FROM, text, max(0, h.start - 90), h.start):
                h.role = "previous"  # "raising our EPS guidance from a range of $8.90 to $9.10, up to $9.15 to $9.30"
        elif h.pct and (sign or search_if(_GROWTH_OF, _MAY_GROWTH_OF, text, max(0, h.start - 40), h.start) or
                        _basis_after_pct(text, h) or _by_to_next(text, h, hits) or h.pct_kind() in ("bps", "pp")):
            h.role = "change"  # basis points and points measure a change, never a level
        elif (h.money or h.scale) and sign and (dstart is not None or _THAN_AFTER.match(text, h.stop) or
                                               _DIR_AFTER_PER_SHARE.match(text, h.stop)) and \
                prev is not None and prev.role == "value" and gap_prev is not None and len(gap_prev) < 40 and \
                ";" not in gap_prev and not negative_restated:
            h.role = "change"  # "$300 million, an increase of $12 million", "..., which is $13.5 million higher than"
        elif (h.money or h.scale) and sign and dstart is not None and _next_is_to_value(text, h, hits):
            h.role = "change"  # "increased $12 million to $300 million"
        elif h.amountish and sign and dstart is not None and _OR_PCT.match(text, h.stop):
            h.role = "change"  # "net revenue increased $242 million or 24%"
        elif h.amountish and sign and dstart is not None and dstart < h.start and \
                not _TO_AFTER.match(text, h.stop) and not negative_restated:
            h.role = "change"  # "our largest segment increased $0.27 per share", "revenue grew $12 million"
        elif h.amountish and _OR_PCT_DIR.match(text, h.stop) and prev is not None and prev.role == "value":
            h.role = "change"  # "$152.5 million, a $3.8 million or 2.6% increase over ..."
            m = _OR_PCT_DIR.match(text, h.stop)
            h.dir_sign = 1 if m and m["up"] else -1
        else:
            h.role = "value"
        prev = h
    _attach(text, hits, mention_starts, spans if spans is not None else clauses(text))
    _parallel_comparisons(text, hits)


# "a net loss of $72 million for the fourth quarter or a negative $0.46 per share": the loss per share, not a change
_NEGATIVE_RESTATED = re.compile(r"\bor\s+(?:an?\s+)?(?:negative|minus)\s*$", re.I)
_ACCOUNTING_AFTER = re.compile(r"\s*(?:per (?:diluted )?share\s+)?(?:on an? )?(?:adjusted|non-gaap|core|underlying|"
                               r"operating)\b", re.I)


def _parallel_comparisons(text: str, hits: list[Hit]) -> None:
    """'$1.31 or $1.35 on an adjusted basis ... from $0.96 or $1.08 adjusted': two figures compared with two values
    in the same order, the first with the first and the adjusted with the adjusted (the second is no figure)."""
    for i in range(len(hits) - 3):
        a, b, c, d = hits[i:i + 4]
        if a.role == b.role == d.role == "value" and c.role == "comparator" and c.owner is b and \
                _OR_RESTATED.fullmatch(text[a.stop:b.start]) and _OR_RESTATED.fullmatch(text[c.stop:d.start]) and \
                _family(a) == _family(b) == _family(c) == _family(d) and \
                bool(_ACCOUNTING_AFTER.match(text, b.stop)) == bool(_ACCOUNTING_AFTER.match(text, d.stop)):
            c.owner, d.role, d.owner = a, "comparator", b


_COMPARATOR_START = LowerPattern(r"\b(?:compared|as|versus|vs|against|relative|up|down|from|improv\w*|increas\w*|decreas\w*|"
                                 r"ris\w*|fall\w*|declin\w*|an?|the|higher|lower|better|worse|more|less|greater|above|"
                                 r"below|over|than)\b")
_PREVIOUS_START = LowerPattern(r"\b(?:previous(?:ly)?|prior|earlier|original(?:ly)?|initial(?:ly)?|last|former|old)\b")


def tail_match(rx: re.Pattern, starts: re.Pattern | LowerPattern, text: str, lo: int, hi: int) -> re.Match | None:
    """`rx.search(text, lo, hi)` for a pattern that ends at `hi` and starts where `starts` matches: tried only at
    those word starts, not at every character of the window (the leftmost match, as `search` gives)."""
    for s in starts.finditer(text, lo, hi):
        m = rx.match(text, s.start(), hi)
        if m:
            return m
    return None


def comparator_before(text: str, pos: int, width: int = 60) -> re.Match | None:
    """The comparison words that end right before `pos` ('compared with', 'up from', 'versus the prior year of')."""
    lo = max(0, pos - width)
    return tail_match(_COMPARATOR, _COMPARATOR_START, text, lo, pos) if _MAY_COMPARATOR(text[lo:pos]) else None


def previous_before(text: str, pos: int, width: int = 70) -> re.Match | None:
    """The previous-guidance words that end right before `pos` ('our previous range of', 'prior guidance of')."""
    lo = max(0, pos - width)
    return tail_match(_PREVIOUS, _PREVIOUS_START, text, lo, pos) if _MAY_PREVIOUS(text[lo:pos]) else None


_FROM_WORD = re.compile(r"from\b", re.I)
_MOVED_BEFORE = re.compile(rf"(?:{_UP}|{_DOWN}|recovered|changed|moved|went|compared)\s*(?:\w+\s+){{0,5}}$", re.I)
_CAUSE_BEFORE = re.compile(r"\b(?:mainly|primarily|largely|partly|mostly|driven|came|comes|coming|"
                           r"resulting|result|benefit\w*|impact\w*)\s+$", re.I)
_BY_BEFORE = re.compile(r"\bby\s*(?:about\s+|approximately\s+|roughly\s+|nearly\s+)?$", re.I)
_RANGE_FROM_BEFORE = re.compile(r"\b(?:range[sd]?|ranging|between|vary|varies)\b[^.;]{0,16}\bfrom\s*$", re.I)
_COMMA_GAP = re.compile(r"^\s*,\s*(?:or\s+)?(?:an?\s+)?(?:\w+\s+)?$")
_WHICH_LEAD = re.compile(r"(?:which|that|representing|reflecting)\b")
_TO_PUNCT = re.compile(r"[^,;.]*")
_WHICH_AFTER = re.compile(r"\s*,?\s*(?:which|that)\b[^;]*")


def _comparator_lead(text: str, h: Hit, prev: Hit | None) -> bool:
    """'compared with $0.27', 'up from 11%', '$0.88, up 10% from $0.80': what a figure is set against. A bare 'from'
    counts only right after a number or an up/down word ('mainly from a 19% increase' is a cause)."""
    m = comparator_before(text, h.start)
    if not m:
        return False
    if not _FROM_WORD.match(m.group(0)):
        return True
    before = text[max(0, m.start() - 40):m.start()]
    if prev is not None and prev.stop >= m.start() - 3:
        return True
    return _MOVED_BEFORE.search(before) is not None and not _CAUSE_BEFORE.search(before)


def _by_to_next(text: str, h: Hit, hits: list[Hit]) -> bool:
    """'increased our quarterly dividend by 5% to $0.42 per share': a change by X% to the next value."""
    return _BY_BEFORE.search(text[max(0, h.start - 20):h.start]) is not None and _next_is_to_value(text, h, hits)


def _range_from(text: str, h: Hit) -> bool:
    """'range from X to Y', 'ranging from': the 'from' opens a range, not a comparison."""
    return h.end2 is not None and _RANGE_FROM_BEFORE.search(text[max(0, h.start - 40):h.start]) is not None


def _basis_after_pct(text: str, h: Hit) -> bool:
    kind, _ = basis_of(text, h.stop)
    return kind in ("y/y", "q/q", "sequential")


def _next_is_to_value(text: str, h: Hit, hits: list[Hit]) -> bool:
    i = hits.index(h)
    return i + 1 < len(hits) and _TO_NEXT.match(text[h.stop:hits[i + 1].start]) is not None


def _attach(text: str, hits: list[Hit], mention_starts: list[int], spans: list[tuple[int, int]]) -> None:
    """Give each change, comparator and previous value its owner: the figure it describes, in the same clause.

    A change with another metric named between it and the figure before it is a figure of its own
    ("net sales were $1.42 billion, with organic sales up 3.9%")."""
    _attach_pass(text, hits, mention_starts, spans)
    for i, h in enumerate(hits):  # "decreased 26% from $542 million to $401 million": the change is the last one's
        if h.role == "change" and h.owner is None and i + 2 < len(hits) and hits[i + 1].role == "comparator" and \
                hits[i + 1].owner is hits[i + 2] and text[h.stop:hits[i + 1].start].strip(" ,").lower() in ("from", "up from",
                                                                                                         "down from"):
            h.owner = hits[i + 2]


def _family(h: Hit) -> str:
    """What kind of number a hit is, for pairing a comparison with its figure: a percent, an amount, a per-share amount."""
    return "pct" if h.pct else "amount" if h.money and h.scale else "per_share" if h.money else "other"


def _attach_pass(text: str, hits: list[Hit], mention_starts: list[int], spans: list[tuple[int, int]]) -> None:
    for i, h in enumerate(hits):
        if h.role == "value":
            continue
        restated = h.role == "comparator" and h.pair is not None and h.pair.role == "comparator"
        if h.pair is not None and i > 0 and h.pair is hits[i - 1] and not restated:
            h.owner = h.pair.owner if h.pair.owner is not None else h.pair  # the second half of "$242 million or 24%"
            continue
        of = _OF_NEXT.match(text, h.stop)
        if of and not restated and any(of.end() <= s <= of.end() + 2 for s in mention_starts):
            continue  # "or roughly 70 basis points of gross margin": a change of the metric named after it
        k = i + 2 if h.pair is not None and i + 1 < len(hits) and hits[i + 1] is h.pair else i + 1
        nxt = hits[k] if k < len(hits) else None
        if h.role in ("change", "comparator", "previous") and nxt is not None and nxt.role == "value" and \
                _TO_NEXT.match(text[hits[k - 1].stop:nxt.start]):
            h.owner = nxt  # "grew 31% to $48.9 million", "from $5 million to $7 million", "rose $2 million or 4% to ..."
            continue
        cm = comparator_before(text, (h.pair if restated else h).start) if h.role == "comparator" else None
        phrase_lo = cm.start() if cm is not None else h.start  # "compared to net sales of $113 million": its own words
        passed = (0, 0)  # the phrase of a restated figure passed over: its metric words do not end the search
        for j in range(i - 1, -1, -1):
            p = hits[j]
            target = p if p.role == "value" else p.owner
            if target is None:
                if p.role == "change":
                    target = p  # "grew 3.9%, up from 2.7%": the standalone change is the figure
                else:
                    continue
            gap = text[p.stop:h.start]
            if len(gap) > 110 or ";" in gap and not _DIR_ONLY.match(gap.rsplit(";", 1)[1]):
                break
            if h.role == "comparator" and _family(h) != _family(target) and \
                    (restated or _OR_RESTATED.fullmatch(text[hits[j - 1].stop:p.start] if j > 0 else "") is not None):
                own = _OWN_METRIC.match(text, p.stop)  # "$20.6 million or 20% of net sales compared with $34.4 million"
                passed = (p.stop, own.end() + 12 if own else p.stop)
                continue  # "$10.6 million or $0.27 per share versus $2.2 million": the amount, not the per-share one
            of_p = _OWN_METRIC.match(text, p.stop)  # "30.2% of revenue, compared with 31.8%": p's own phrase
            skip_to = of_p.end() + 2 if of_p else p.stop
            if any(p.stop <= s < phrase_lo and s > skip_to and not passed[0] <= s < passed[1] for s in mention_starts) \
                    or _NEW_SUBJECT.search(gap):
                break
            cp, ch = clause_of(spans, p.start), clause_of(spans, h.start)
            if cp != ch and h.role in ("change", "comparator") and \
                    not _COMMA_GAP.match(gap) and \
                    not (ch == cp + 1 and _WHICH_LEAD.match(text[spans[ch][0]:spans[ch][0] + 14])):
                break  # a change in the next clause is another figure's, unless "..., which has dropped from 20 billion"
            h.owner = target
            break


# ---- kind: reported or guidance -------------------------------------------------------------------------------

_PAST_GUIDE = LowerPattern(
    r"\b(?:(?:than|as)[\s-]+(?:we\s+|previously\s+|originally\s+|initially\s+)?(?:had\s+)?(?:expected|anticipated|guided|"
    r"planned|forecast(?:ed)?|projected|targeted|indicated|communicated|outlined)"
    r"|(?:in line with|consistent with|ahead of|above|below|within|exceed\w*|beat(?:ing)?|surpass\w*|at|short of|better "
    r"than|higher than|lower than|versus|vs\.?|compared (?:to|with)|relative to|against|toward|towards|met|meeting|"
    r"top of|end of|high end of|low end of)\s+(?:the\s+|our\s+|its\s+)?(?:(?:top|upper|high|low|lower|bottom|midpoint)"
    r"(?:\s+end)?\s+of\s+(?:the\s+|our\s+)?)?(?:prior\s+|previous\s+|original\s+|initial\s+|earlier\s+|recent\s+|"
    r"raised\s+|updated\s+|own\s+|internal\s+|full[- ]year\s+|fiscal\s+\S+\s+|quarterly\s+|\d{4}\s+|q[1-4]\s+)*"
    r"(?:guidance|outlook|expectations?|forecasts?|targets?|plan|range|guided range|guide)\b"
    r"|\b(?:we|i)\s+(?:had\s+)?(?:guided|expected|anticipated|forecast(?:ed)?|projected|targeted|planned|set)\b"
    r"|\b(?:we|i)\s+(?:gave|provided|issued|shared)\b)")
_MAY_PAST_GUIDE = any_of_ignorecase(("guid", "outlook", "expect", "forecast", "target", "plan", "range", "anticipat",
                                     "project", "indicat", "communicat", "outlin", "gave", "provided", "issued", "shared",
                                     " set"))
_GUIDE = re.compile(
    r"\b(?:guid(?:e|es|ing|ance)|outlook|expect(?:s|ing|ed|ation|ations)?|anticipat(?:e|es|ing|ed)|forecast(?:s|ing|ed)?|"
    r"project(?:ed|ing|ion|ions)|we project|(?:we|i) see|sees|seeing|target(?:s|ing|ed)?|aim(?:s|ing)? (?:for|to)|"
    r"plan(?:s|ning|ned)? (?:to|for)|intend(?:s)?|should|will|'ll|going to|on track (?:to|for)|look(?:s|ing)? for|"
    r"assum(?:e|es|ing|ption|ptions)|next (?:quarter|year|fiscal)|coming (?:quarter|year)|"
    r"would (?:expect|anticipate|see|be|land|come|imply|put|mean|represent|result|reflect|bring|take|give|include)|"
    r"we'd (?:expect|anticipate|see|be)|"
    r"(?:looking|going) (?:ahead|forward)|for the (?:balance|remainder|rest) of the year|implies|implied|"
    r"achievable|attainable|path to|long[- ]term|over time|over the next|in the coming|by (?:the end of )?(?:fiscal )?20\d\d)\b",
    re.I)
# A revision of a range or of an outlook named just after ("raising our ... to", "updated to a range"): a guidance
# cue the plain word list cannot give, read only where such a verb stands.
_REVISE = LowerPattern(r"\b(?:rais|lower|narrow|tighten|updat|revis|reaffirm|reiterat|increas|reduc)\w*\b")
_MAY_REVISE = any_of_ignorecase(("rais", "lower", "narrow", "tighten", "updat", "revis", "reaffirm", "reiterat", "increas",
                                 "reduc"))
# the guidance a revision verb governs: within a few words, years allowed ('raising our fiscal 2021 EPS range')
_REVISE_OBJECT = re.compile(r"(?:[^.;,$%\d]|(?<!\d)(?:19|20)\d\d(?!\d)){0,60}?\b(?:range|view|guidance|outlook|expectations?|"
                            r"forecast)\b", re.I)
_REVISE_TO = re.compile(r"(?:raising|lowering|narrowing|tightening|reducing|increasing|updating|revising)\s+"
                        r"(?:our\s+|the\s+|its\s+)?(?!(?:[\w-]+\s+){0,3}?(?:dividends?|distributions?|authorization|buybacks?|"
                        r"repurchases?)\b)"  # raising the dividend is a decision, not an outlook
                        r"(?:[\w-]+\s+){0,7}?(?:(?:to|at)\s+(?:a\s+range\b|the\s+range\b|"
                        r"between\b|\$|€|£|¥|\d)|from\s+(?:our\s+|the\s+)?(?:previous\s+|prior\s+)?(?:range\s+of\s+)?(?:\$|\d))", re.I)
_MAY_GUIDE = any_of_ignorecase(("guid", "outlook", "expect", "anticipat", "forecast", "project", "see", "target", "aim",
                                "plan", "intend", "should", "will", "'ll", "going to", "on track", "look", "assum",
                                "estimate", "next", "coming", "would", "we'd", "ahead", "forward", "remainder",
                                "balance of", "rest of", "impl", "achievable", "attainable", "path to", "long",
                                "over time", "by ", "rais", "lower", "narrow", "tighten", "updat", "revis", "reaffirm",
                                "reiterat", "increas", "reduc"))
_REPORTED = re.compile(
    r"\b(?:was|were|came in|totaled|totalled|reached|grew|rose|increased|decreased|declined|fell|dropped|ended|"
    r"improved|expanded|contracted|generated|delivered|(?<=we )reported|(?<=we've )reported|(?<=and )reported|posted|"
    r"recorded|recording|announced|achieved|had|saw|produced|returned|"
    r"repurchased|bought back|paid|contributed|accounted for|represented|stood at|finished|closed|amounted to|"
    r"came to|exceeded|hit|climbed|jumped|surged|soared|slipped|dipped|gained|added|is|are|has been|have been|"
    r"did|made|earned|spent|invested|shipped|sold|opened|collected|raised|lowered|reduced|cut)\b",
    re.I)


def past_guide_spans(text: str) -> list[tuple[int, int]]:
    """Spans that speak of guidance already met or beaten ('above the top of our guidance range of ...')."""
    if not _MAY_PAST_GUIDE(text):
        return []
    out = []
    for m in _PAST_GUIDE.finditer(text):
        end = m.end()
        tail = _TO_PUNCT.match(text[end:end + 60])  # "... range of $222 million to $230 million"
        out.append((m.start(), end + (tail.end() if tail else 0)))
    return out


def _masked(text: str, lo: int, hi: int, spans: list[tuple[int, int]]) -> str:
    piece = text[lo:hi]
    for a, b in spans:
        if b <= lo or a >= hi:
            continue
        a2, b2 = max(a, lo) - lo, min(b, hi) - lo
        piece = piece[:a2] + " " * (b2 - a2) + piece[b2:]
    return piece


_GUIDE_NOUN_END = re.compile(r"\b(?:guidance|outlook|range|forecast|targets?|expectations?|view)\s*[,;]?\s*$", re.I)
_META = LowerPattern(r"\b(?:i|we)(?:'ll|’ll| will| would like to| want to| wanted to)\s+(?:now\s+|also\s+|then\s+|briefly\s+|just\s+)?"
                   r"(?:note|mention|discuss|talk|cover|review|walk|start|begin|turn|hand|provide|give|focus|highlight|"
                   r"touch|remind|point|add|say|share|go|take|comment|update|close|finish|conclude|summarize|reiterate)\b")


_GUIDE_WORDS = frozenset("""guide guides guiding guidance outlook expect expects expecting expected expectation expectations
anticipate anticipates anticipating anticipated forecast forecasts forecasting forecasted projected projecting projection
projections sees seeing target targets targeting targeted intend intends should will we'll we’ll i'll i’ll they'll
it'll assume assumes assuming assumption assumptions implies implied achievable attainable""".split())
_GUIDE_PAIRS = {"we": {"project", "see"}, "i": {"see"}, "aim": {"for", "to"}, "aims": {"for", "to"}, "aiming": {"for", "to"},
                "plan": {"to", "for", "on", "is", "of", "has"}, "plans": {"to", "for", "on", "are", "of", "have"}, "planning": {"to", "for", "on"}, "planned": {"to", "for"},
                "potential": {"to"}, "pace": {"to", "for"}, "estimated": {"to", "at"}, "estimate": {"of", "is"},
                "going": {"to", "ahead", "forward"}, "track": {"to", "for"}, "look": {"for"}, "looks": {"for"},
                "looking": {"for", "ahead", "forward"}, "next": {"quarter", "year", "fiscal"},
                "coming": {"quarter", "year"}, "path": {"to"}, "long": {"term"}, "long-term": None, "over": {"time", "the"},
                "would": {"expect", "anticipate", "see", "be", "land", "come", "imply", "put", "mean", "represent",
                          "result", "reflect", "bring", "take", "give", "include"},
                "we'd": {"expect", "anticipate", "see", "be"}, "we’d": {"expect", "anticipate", "see", "be"}}
_REPORTED_WORDS = frozenset("""was were totaled totalled reached grew rose increased decreased declined fell dropped ended
improved expanded contracted generated delivered posted recorded recording announced achieved had saw produced returned
repurchased paid contributed represented finished closed exceeded hit climbed jumped surged soared slipped dipped gained
added is are did made earned spent invested shipped sold opened collected raised lowered reduced cut advanced authorized
approved declared completed launched repaid retired redeemed issued returned""".split())
_REPORTED_PAIRS = {"came": {"in", "to"}, "bought": {"back"}, "accounted": {"for"}, "stood": {"at"}, "amounted": {"to"},
                   "has": {"been"}, "have": {"been"}}
_REPORTED_AFTER = {"reported": {"we", "we've", "we’ve", "and"}}
_REPORTED_AFTER_DID = frozenset({"post", "deliver", "generate", "achieve", "report", "see", "hit"})  # "we did post"
_NOT_DONE_BEFORE = frozenset({"to", "will", "would", "should", "could", "may", "might", "be", "have", "not"})
# verbs that do not outweigh an outlook word said before them: a state ('is'), or what is done to guidance too
# ('our guidance has been raised to $5.00')
_WEAK_REPORTED = frozenset({"is", "are", "had", "did", "made", "has", "have", "raised", "lowered", "reduced", "cut",
                            "increased", "decreased", "improved", "reached", "hit", "ended", "closed", "represented",
                            "issued"})
# every word that can start a cue: the loop below looks only at these
_CUE_WORDS = _GUIDE_WORDS | _GUIDE_PAIRS.keys() | _REPORTED_WORDS | _REPORTED_PAIRS.keys() | _REPORTED_AFTER.keys() | \
    _REPORTED_AFTER_DID | {"for", "in"}


def _cue_positions(full: str, text: str, hidden: list[tuple[int, int]]) -> tuple[list[int], list[int], list[int]]:
    """Where the outlook words and the reported verbs of a sentence start, read word by word (faster than one
    alternation of every phrase); words inside `hidden` spans (as blanked in `full`) do not count."""
    toks = [t for t in tokens(text) if not any(a <= t[0] < b for a, b in hidden)] if hidden else tokens(text)
    g: list[int] = []
    r: list[int] = []
    strong: list[int] = []
    for i in [i for i, t in enumerate(toks) if t[2] in _CUE_WORDS]:
        pos, _, w = toks[i]
        nxt = toks[i + 1][2] if i + 1 < len(toks) else ""
        if w in _GUIDE_WORDS:
            g.append(pos)
        elif w in _GUIDE_PAIRS and (_GUIDE_PAIRS[w] is None or nxt in _GUIDE_PAIRS[w]):
            if w == "over" and nxt == "the" and (toks[i + 2][2] if i + 2 < len(toks) else "") != "next":
                pass
            elif w == "track" and not (i and toks[i - 1][2] == "on"):
                pass
            else:
                g.append(pos)
        elif w == "for" and nxt == "the" and (toks[i + 2][2] if i + 2 < len(toks) else "") in ("balance", "remainder", "rest"):
            g.append(pos)
        elif w == "in" and nxt == "the" and (toks[i + 2][2] if i + 2 < len(toks) else "") == "coming":
            g.append(pos)
        if w in _REPORTED_WORDS or (w in _REPORTED_PAIRS and nxt in _REPORTED_PAIRS[w]) or \
                (w in _REPORTED_AFTER and i and toks[i - 1][2] in _REPORTED_AFTER[w]) or \
                (w in _REPORTED_AFTER_DID and i and toks[i - 1][2] == "did"):
            r.append(pos)
            if w not in _WEAK_REPORTED and not (i and toks[i - 1][2] in _NOT_DONE_BEFORE):
                strong.append(pos)  # not "we expect sales to declined 3.5%", "revenue would have grown"
    if "by" in full:  # "by 2025", "by the end of fiscal 2026"
        g += [m.start() for m in _BY_YEAR.finditer(full)]
    return g, r, strong


_BY_YEAR = LowerPattern(r"\bby (?:the end of )?(?:fiscal )?20\d\d\b")


ClauseCues = tuple  # (first guidance word, first reported verb, every guidance word, every strong reported verb)


def clause_kinds(text: str, spans: list[tuple[int, int]], past: list[tuple[int, int]]) -> list[ClauseCues]:
    """For each clause: where its first guidance word and its first reported verb stand (None when absent), and
    where all its guidance words and its reported verbs of action ('grew', 'authorized'; not 'is') stand; words
    inside past-guidance phrases and speech about the call itself ('I will note') do not count."""
    meta = [(m.start(), m.end()) for m in _META.finditer(text)] if "ll" in text or "will" in text or "like" in text \
        or "want" in text else []
    hidden = past + meta
    full = _masked(text, 0, len(text), hidden) if hidden else text
    g_pos, r_pos, strong = _cue_positions(full, text, hidden)
    if _MAY_REVISE(full):
        for m in _REVISE.finditer(full):
            if _REVISE_OBJECT.match(full, m.end()) or _REVISE_TO.match(full, m.start()):
                g_pos.append(m.start())
    g_pos.sort()
    out: list[tuple[int | None, int | None]] = []
    prev_hi = 0
    for lo, hi in spans:
        i, j = bisect_left(g_pos, lo), bisect_left(r_pos, lo)
        gs = g_pos[i] if i < len(g_pos) and g_pos[i] < hi else None
        rs = r_pos[j] if j < len(r_pos) and r_pos[j] < hi else None
        gl = [p for p in g_pos[i:] if p < hi]
        if text.startswith(("which", "that"), lo) and _GUIDE_NOUN_END.search(text, 0, prev_hi):
            gs = lo  # "... our EPS guidance range, which has been raised to $2.63 to $2.65"
            gl = [lo] + gl
        out.append((gs, rs, gl, [p for p in strong if lo <= p < hi]))
        prev_hi = hi
    return out


_MODAL = re.compile(r"\b(?:will|'ll|would|should|going to)\b", re.I)
_STRONG = re.compile(r"\b(?:guid\w*|outlook|expect\w*|anticipat\w*|forecast\w*|project\w*|target\w*|sees?)\b", re.I)


def only_modal(text: str, clause: tuple[int, int]) -> bool:
    """Whether the clause's only outlook word is a modal ('will be', 'should be'), as a translated report says
    'revenue will be 280 billion yuan' of a year already over; 'we expect' is never that."""
    piece = text[clause[0]:clause[1]]
    return _MODAL.search(piece) is not None and _STRONG.search(piece) is None


def kind_is_said(kinds: list[ClauseCues], ci: int) -> bool:
    """Whether the clause (or one before it in the sentence) has an outlook word or a reported verb at all."""
    return any(k[0] is not None or k[1] is not None for k in kinds[:ci + 1])


def strong_reported_said(kinds: list[ClauseCues], ci: int) -> bool:
    """Whether a reported verb of action ('grew', 'generated'; not 'is') stands in the clause."""
    return bool(kinds[ci][3])


def kind_at(kinds: list[ClauseCues], ci: int, pos: int) -> str:
    """'guidance' or 'reported' for a number at `pos` in clause `ci`: its clause's own words (the later of an outlook
    word and a reported verb of action before the number: 'given our outlook, the board has authorized $200 million';
    an outlook word after it with no reported verb before it), else the nearest clause before that has any."""
    g, r, gl, strong = kinds[ci]
    g_last = max((p for p in gl if p < pos), default=None)
    r_last = max((p for p in strong if p < pos), default=None)
    if g_last is not None and r_last is not None and r_last > g_last:
        return "reported"
    if g is not None and g < pos:
        return "guidance"
    if g is not None and (r is None or r > pos):
        return "guidance"
    if r is not None:
        return "reported"
    for i in range(ci - 1, -1, -1):
        g, r = kinds[i][0], kinds[i][1]
        if g is None and r is None:
            continue
        return "guidance" if g is not None else "reported"  # "we are providing 2021 guidance as follows: revenue of ..."
    return "reported"


# ---- guidance direction ---------------------------------------------------------------------------------------

_GUIDE_NOUN = r"(?:guidance|outlook|forecast|range|expectations?|view|target|targets|guide|estimates?|projections?)"
_VS_EARLIER = (r"(?:previous|prior|original|earlier|initial|last|february|may|august|november|april|july|october|january)"
               r"\s+(?:full[- ]year\s+)?(?:guidance|outlook|range|forecast|midpoint|expectations?|view|guide|call|update)")
# revisions said against the earlier guidance, tried only when an earlier guidance or the midpoint is named
_END_OF_RANGE = re.compile(r"\b(?:at|toward|towards|near|in|to) the (?:high|higher|upper|top|low|lower|bottom) (?:end|half) "
                           r"of (?:our|the|its) (?:[\w-]+ ){0,4}?(?:guidance|outlook|range|forecast)\b", re.I)
_VS_DIRECTIONS = (
    # "an increase of around $10 million versus our last call", "which is a $0.02 per share increase at the midpoint"
    ("raised", LowerPattern(r"\b(?:an?\s+)?(?:increase|raise)\s+of\s+(?:about\s+|around\s+|approximately\s+|roughly\s+)?"
                            r"\$?\d[\d.,]*(?:\s*(?:million|billion|cents?|%|percent))?(?:\s+per\s+share)?\s+(?:from|over|versus|"
                            rf"vs\.?|compared (?:to|with))\s+(?:our|the)\s+{_VS_EARLIER}\b"
                            r"|\b(?:which|this|that|it)\s+(?:is|represents)\s+an?\s+\$?\d[\d.,]*(?:\s*(?:million|billion|cents?))?"
                            r"(?:\s+per\s+share)?\s+(?:increase|raise|improvement)\s+(?:at|in)\s+the\s+midpoint"), False),
    ("lowered", LowerPattern(r"\b(?:an?\s+)?(?:decrease|reduction|cut)\s+of\s+(?:about\s+|around\s+|approximately\s+|roughly\s+)?"
                             r"\$?\d[\d.,]*(?:\s*(?:million|billion|cents?|%|percent))?(?:\s+per\s+share)?\s+(?:from|over|versus|"
                             rf"vs\.?|compared (?:to|with))\s+(?:our|the)\s+{_VS_EARLIER}\b"
                             r"|\b(?:which|this|that|it)\s+(?:is|represents)\s+an?\s+\$?\d[\d.,]*(?:\s*(?:million|billion|cents?))?"
                             r"(?:\s+per\s+share)?\s+(?:decrease|reduction)\s+(?:at|in)\s+the\s+midpoint"), False),
    # "This is up $0.01 at the midpoint from our previous guidance": the guidance against the one before it
    ("raised", LowerPattern(r"\b(?:this|that|which|it|the midpoint)\s+(?:is|represents|reflects|would be)\s+(?:an?\s+)?"
                            r"(?:increase|raise|up|higher|improvement)\b(?:[^.;]|\.\d){0,50}?\b(?:from|over|versus|vs\.?|than|"
                            rf"compared (?:to|with)|relative to)\s+(?:our|the)\s+{_VS_EARLIER}\b"), False),
    ("lowered", LowerPattern(r"\b(?:this|that|which|it|the midpoint)\s+(?:is|represents|reflects|would be)\s+(?:an?\s+)?"
                             r"(?:decrease|reduction|cut|down|lower)\b(?:[^.;]|\.\d){0,50}?\b(?:from|over|versus|vs\.?|than|"
                             rf"compared (?:to|with)|relative to)\s+(?:our|the)\s+{_VS_EARLIER}\b"), False),
)
_MAY_VS_EARLIER = any_of_ignorecase(("previous", "prior", "original", "earlier", "initial", "last", "midpoint", "february",
                                     "may ", "august", "november", "april", "july", "october", "january"))
_DIRECTIONS = (
    ("withdrawn", LowerPattern(r"\b(?:withdr(?:aw|aws|ew|awn|awing)|suspend(?:s|ed|ing)?|rescind\w*|pull(?:s|ed|ing)?|"
                             r"no longer (?:provid|giv|expect)\w*|not (?:provid|giv)\w* (?:guidance|an outlook))\b"), True),
    ("narrowed", LowerPattern(r"\b(?:narrow(?:s|ed|ing)?|tighten(?:s|ed|ing)?)\b"), True),
    # "we anticipate ... will be at the higher end of our guidance range of $2.30 to $2.50": the range stands
    ("reaffirmed", LowerPattern(_END_OF_RANGE.pattern), False),
    ("raised", LowerPattern(r"\b(?:rais(?:e|es|ed|ing)|increas(?:e|es|ed|ing)|lift(?:s|ed|ing)?|boost(?:s|ed|ing)?|upped|"
                          r"upgrad(?:e|es|ed|ing)|improv(?:e|es|ed|ing)|higher(?! (?:end|half))|upward(?:ly)?|revis(?:e|es|ed|ing)\s+"
                          r"(?:\w+\s+){0,3}(?:up|upward|higher))\b"), True),
    ("lowered", LowerPattern(r"\b(?:lower(?:s|ed|ing)?(?! (?:end|half|part|portion|bound))|reduc(?:e|es|ed|ing)|cut(?:s|ting)?|"
                           r"trim(?:s|med|ming)?|"
                           r"decreas(?:e|es|ed|ing)|downgrad\w*|downward(?:ly)?|revis(?:e|es|ed|ing)\s+(?:\w+\s+){0,3}"
                           r"(?:down|downward|lower))\b"), True),
    ("reaffirmed", LowerPattern(r"\b(?:reaffirm(?:s|ed|ing)?|re-affirm\w*|reiterat(?:e|es|ed|ing)|continu(?:e|es|ed|ing) to "
                              r"(?:expect|anticipate|see|target|forecast|project|guide)|still (?:expect|anticipate|see)|"
                              r"(?:is|are) still (?:expected|anticipated|projected|forecast|targeted)|(?:has|have) not changed|"
                              r"(?:remain|remains|remained|is|are|stays?) (?:unchanged|intact)|unchanged|no change (?:to|in)|"
                              r"(?:remain|remains|stay|stays) (?:in|within) (?:the|our) (?:[\w-]+ )?range|"
                              r"(?:remain|remains|are|we're|still)\s+(?:very\s+)?confident (?:in|of|about) (?:our|the|its)\s+"
                              r"(?:[\w-]+\s+){0,5}?(?:guidance|outlook|targets?|forecast|range)|"
                              r"reconfirm\w*|(?:remain|remains|are|is|stay|stays|we're|still)\s+on track|on track to "
                              r"(?:deliver|achieve|meet|hit|reach))\b"), False),
    ("reaffirmed", LowerPattern(r"\b(?:affirm(?:s|ed|ing)?|maintain(?:s|ed|ing)?|confirm(?:s|ed|ing)?|keep(?:s|ing)?|kept|"
                              r"hold(?:s|ing)?|held|reiterat\w*)\b"), True),
    ("initiated", LowerPattern(r"\b(?:initiat(?:e|es|ed|ing)|introduc(?:e|es|ed|ing)|establish(?:es|ed|ing)?|"
                             r"(?:provid|issu|giv|shar)(?:e|es|ed|ing) (?:our |the |its )?(?:initial|first|preliminary)|"
                             r"initial (?:guidance|outlook))\b"), False),
)
_MAY_DIRECTION = any_of_ignorecase(("upped", "up ", "not changed", " end of ", " half of ", "down ", "confident", "remain", "withdr", "suspend", "rescind", "pull", "no longer", "not provid", "not giv", "narrow",
                                    "tighten", "rais", "increas", "lift", "boost", "upgrad", "improv", "higher", "upward",
                                    "revis", "lower", "reduc", "cut", "trim", "decreas", "downgrad", "downward", "affirm",
                                    "reiterat", "continu", "still", "unchanged", "intact", "no change", "reconfirm",
                                    "maintain", "confirm", "keep", "kept", "hold", "held", "initiat", "introduc",
                                    "establish", "initial", "first", "preliminary", "on track"))
# For each pattern above, in order: words every match has in the lower-cased sentence (a pattern none of them is in
# cannot match, and is not run)
_VS_KEYS = (("increase", "raise", "improvement"), ("decrease", "reduction", "cut"),
            ("increase", "raise", "up", "higher", "improvement"), ("decrease", "reduction", "cut", "down", "lower"))
_DIRECTION_KEYS = (
    ("withdr", "suspend", "rescind", "pull", "no longer", "not provid", "not giv"), ("narrow", "tighten"),
    (" end of ", " half of "),
    ("rais", "increas", "lift", "boost", "upped", "upgrad", "improv", "higher", "upward", "revis"),
    ("lower", "reduc", "cut", "trim", "decreas", "downgrad", "downward", "revis"),
    ("reaffirm", "re-affirm", "reiterat", "continu", "still", "not changed", "unchanged", "intact", "no change", "range",
     "confident", "reconfirm", "on track"),
    ("affirm", "maintain", "confirm", "keep", "kept", "hold", "held", "reiterat"),
    ("initiat", "introduc", "establish", "initial", "first", "preliminary"),
)
assert len(_VS_KEYS) == len(_VS_DIRECTIONS) and len(_DIRECTION_KEYS) == len(_DIRECTIONS)
_THAN = re.compile(r"\s+than\b", re.I)
_THAN_AFTER = re.compile(r"\s+(?:higher|lower|more|less|above|below|better|worse)\s+than\b", re.I)
_NOUN_NEAR = re.compile(rf"^[^.;]{{0,60}}?\b{_GUIDE_NOUN}\b", re.I)
_NOUN_BEFORE = re.compile(rf"\b{_GUIDE_NOUN}\b(?:\s+(?:range|is|was|has been|have been|are|were|being|now|also))*\s*$", re.I)
_TO_VALUE = re.compile(r"^[^.;]{0,50}?\bto\s*(?:a range of\s+|the range of\s+|a\s+|between\s+|about\s+|approximately\s+)?$", re.I)


@lru_cache(maxsize=32)
def direction_cues(text: str) -> tuple[tuple[int, int, str], ...]:
    """Every guidance-direction word of a sentence that governs guidance: (start, end, direction), read once."""
    if not _MAY_DIRECTION(text):
        return ()
    out: list[tuple[int, int, str]] = []
    low = lowered(text)
    vs = _MAY_VS_EARLIER(text)
    for (name, rx, needs_noun), keys in zip((_VS_DIRECTIONS + _DIRECTIONS) if vs else _DIRECTIONS,
                                            (_VS_KEYS + _DIRECTION_KEYS) if vs else _DIRECTION_KEYS):
        if low is not None and not any(k in low for k in keys):
            continue  # none of the words its matches need
        for m in rx.finditer(text):
            if any(a <= m.start() < b for a, b, _ in out):
                continue
            if needs_noun and text[m.start():m.end()].lower() in ("higher", "lower") and _THAN.match(text, m.end()):
                continue  # "sales are lower than the previous quarter": a comparison, not a guidance change
            if needs_noun and not (_NOUN_NEAR.match(text[m.end():]) or _NOUN_BEFORE.search(text[max(0, m.start() - 40):m.start()])
                                   or _TO_VALUE.match(text[m.end():m.end() + 60])):
                continue
            out.append((m.start(), m.end(), name))
    out.sort()
    if any(c[2] in ("raised", "lowered") for c in out):  # "raising our guide to $26.3 billion, now at the high end of
        out = [c for c in out if not _END_OF_RANGE.match(text, c[0])]  # our range": the raise is the news
    # "raised and narrowed its guidance": the raise is the news; narrowing is said with it
    return tuple(c for c in out if not (c[2] == "narrowed" and any(o[2] in ("raised", "lowered") and abs(o[0] - c[0]) < 20
                                                                   for o in out)))


def direction_for(cues: list[tuple[int, int, str]], value_start: int, metric_start: int | None,
                  clause: tuple[int, int], metric_words: tuple[str, ...], text: str) -> str | None:
    """The direction that governs one guided figure: the cue naming its metric, else the nearest in its clause
    or just before it, else a cue of the whole sentence that names no other metric."""
    if not cues:
        return None
    low = text.lower()
    for a, b, name in cues:  # "raising our gross margin expectation": the cue names this metric
        after = low[b:b + 50]
        if metric_words and any(w in after.split(" outlook")[0].split(" guidance")[0] for w in metric_words):
            return name
    lo, hi = clause
    before = [c for c in cues if lo <= c[0] < value_start]
    if before:
        return before[-1][2]
    inside = [c for c in cues if lo <= c[0] < hi]
    if inside:
        return inside[0][2]
    rel = _WHICH_AFTER.match(text[hi:])
    if rel:
        follow = [c for c in cues if hi <= c[0] < hi + rel.end()]
        if follow:
            return follow[0][2]
    earlier = [c for c in cues if c[0] < lo]
    if earlier:
        return earlier[-1][2]
    return cues[0][2] if len(cues) == 1 else None


def direction_from_numbers(low: float | None, high: float | None, plow: float | None, phigh: float | None) -> str | None:
    """raised / lowered / narrowed / reaffirmed read from the new and previous numbers, None when they cannot tell."""
    if low is None or plow is None:
        return None
    high = high if high is not None else low
    phigh = phigh if phigh is not None else plow
    if low == plow and high == phigh:
        return "reaffirmed"
    if low >= plow and high <= phigh:
        return "narrowed"
    if low >= plow and high >= phigh:
        return "raised"
    if low <= plow and high <= phigh:
        return "lowered"
    return None


def num_value(h: Hit) -> tuple[float, float | None]:
    """A hit's plain number(s), unscaled ('$3.60 to $3.70' -> 3.6, 3.7)."""
    return parse_num(h.num), (parse_num(h.num2) if h.num2 else None)
