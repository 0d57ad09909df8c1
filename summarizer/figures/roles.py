"""What each number of a sentence is: a figure ('value'), its change ('up 17%'), the value it is compared with
('compared with $0.27') or the previous guidance ('from $3.45 to $3.55'), and which figure each of those belongs to."""
from __future__ import annotations

import re
from collections.abc import Callable

from summarizer.figures.classify import basis_of, clause_of, clauses, DIR_AFTER_PER_SHARE, direction_sign, DOWN, UP
from summarizer.figures.lowtext import LowerPattern
from summarizer.figures.numbers import Hit
from summarizer.gates import any_of_ignorecase, search_if

_GROWTH_OF = re.compile(r"\b(?:growth|increase|decline|decrease|drop|improvement|expansion|contraction|reduction|"
                        r"gain|rise|change)\s+(?:of|by|was|were|is|at|in|to)\s+(?:about\s+|approximately\s+|roughly\s+|nearly\s+|"
                        r"around\s+|over\s+|more than\s+|almost\s+)?$", re.I)
_COMPARATOR = re.compile(
    r"\b(?:compared (?:with|to)|as compared (?:with|to)|compares? (?:with|to)|versus|vs\.?|against|relative to|up from|down from|"
    r"from(?:\s+(?:up|down|growth of|a decline of|an increase of|a decrease of|a range of|the range of|a level of))?|"
    r"improving from|improved from|increasing from|decreasing from|rising from|falling from|declining from|"
    r"(?:a|the) (?:prior[- ]year|year[- ]ago|year earlier|last year's)(?: level| figure| quarter| period)? of)"
    r"\s*(?:the\s+|a\s+|an\s+|our\s+)?(?:(?:prior[- ]year|year[- ]ago|last year's|last quarter's|previous|prior)\s+"
    r"(?:level|figure|quarter|period|rate)?\s*(?:of\s+)?)?(?:(?:net\s+)?(?:loss|gain|profit|income|earnings)\s+of\s+)?"
    r"(?:about|around|approximately|roughly|nearly|almost|just)?\s*$"
    r"|\b(?:higher|lower|better|worse|up|down|above|below)\s+than\s+(?:the\s+|our\s+|a\s+)?$"
    # "up $0.01 from the preceding second quarter $0.70 per share and up $0.09 from the prior year's $0.62"
    r"|\b(?:from|versus|vs\.?|compared (?:to|with)|over)\s+(?:the\s+)?(?:(?:prior|previous|preceding|last|same|year[- ]ago)"
    r"[- ](?:year|quarter|period)(?:'s|’s)?(?:\s+(?:first|second|third|fourth)[- ]quarter(?:'s|’s)?)?|(?:prior|previous|"
    r"preceding)\s+(?:first|second|third|fourth)[- ]quarter(?:'s|’s)?|(?:first|second|third|fourth)[- ]quarter(?:'s|’s))"
    r"\s*$"  # (and "an increase of 50% over the fourth quarter's $200 million")
    # the street's number a result is set against ('beating the consensus estimate of $0.23'): never a figure
    r"|\bconsensus(?:\s+(?:estimates?|expectations?|forecasts?|view|number))?\s+(?:of|at|was|for)\s*(?:about\s+)?$"
    r"|\b(?:street|analysts?'?|analyst)\s+(?:estimates?|expectations?)\s+(?:of|at|was)\s*$"
    r"|\b(?:more|less|greater)\s+than\s+(?:the|our|a)\s+$"  # "greater than $4.75" is a floor, not a comparison
    # (a period said before the metric is not one of its words: "compared to our first quarter 2020 earnings per share
    # of $1.77"; "and", "with" or a verb's "to" start another clause: "compared with 2020 to incur a loss of")
    r"|\b(?:(?:as )?compared (?:to|with)|compares? (?:to|with)|versus|vs\.?)\s+(?:(?:our|the|its)\s+)?(?:(?:first|second|third|fourth)\s+quarter\s+"
    r"(?:of\s+)?|q[1-4]\s+)?(?:(?:fiscal\s+)?(?:19|20)\d\d\s+)?(?:(?!(?:and|but|or|with|to)\s)[\w'’-]+\s+|(?<=attributable\s)to\s+)"
    r"{0,6}?(?:of|at)\s*(?:about\s+|approximately\s+)?$"
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
_MAY_COMPARATOR = any_of_ignorecase(("compar", "versus", "vs", "against", "relative", "from", "than", "prior", "year",
                                     "quarter", "consensus", "estimate"))
_MAY_FROM = any_of_ignorecase(("from",))
_MAY_GROWTH_OF = any_of_ignorecase(("growth", "increase", "decline", "decrease", "drop", "improvement", "expansion",
                                    "contraction", "reduction", "gain", "rise", "change"))
_PREVIOUSLY_AFTER = re.compile(r"^\s*(?:previously|before|prior)\b", re.I)
_TO_NEXT = re.compile(
    r"^(?:\s+per (?:diluted )?(?:common )?share)?(?:\s+(?:in|for)\s+[^,;$%]{0,20}?|\s+(?:last|prior|previous) (?:quarter|call|time)"
    r"|\s+previously)?\s*,?\s*(?:(?:year[- ](?:over|on)[- ]year|yoy|y/y|sequentially|quarter[- ](?:over|on)[- ]quarter|q/q|qoq|organically|in constant currency|"
    r"on a (?:reported|constant[- ]currency|organic) basis)\s*,?\s*)?(?:(?:up|down)\s+)?(?:to|at|reaching|to a record|"
    r"to an all-time high of)\s*(?:a\s+(?:new\s+)?range\s+(?:of|from)\s+|the\s+range\s+(?:of|from)\s+|range\s+of\s+|a\s+record\s+|about\s+|"
    r"approximately\s+|roughly\s+|nearly\s+|between\s+|an?\s+|(?:just\s+|well\s+)?over\s+|more than\s+|almost\s+|"
    r"(?:just\s+)?under\s+)?$", re.I)
# "... 7% and the brand gained 0.6 points": a new subject between a figure and a change
_NEW_SUBJECT = re.compile(r"\b(?:and|but|while|(?<!compared )(?<!consistent )with|whereas)\s+(?:the|our|its|their|this|"
                          r"that|each|every|we|it|they)\b", re.I)  # not "compared with our previous range"
_REVISION_FROM = re.compile(r"\b(?:rais\w*|lower\w*|increas\w*|reduc\w*|narrow\w*|revis\w*|updat\w*|tighten\w*|cut\w*|"
                            r"mov\w*|chang\w*|up(?:ped|s)?)\b[^.;]{0,60}\b(?:guidance|outlook|range|forecast|expectations?|"
                            r"view|target\w*)\b[^.;]{0,30}\bfrom\b(?:\s+(?:a|the|our)\s+(?:range|level)\s+of)?\s*$", re.I)
# "EPS was updated to a range from $3.46 to $3.54": the range it moved to, not the one it left
_NEW_RANGE_FROM = re.compile(r"\bto\s+(?:a|the|an?\s+updated|a\s+new|our\s+new)\s+(?:new\s+)?range\s+(?:of\s+)?from\s*$", re.I)
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
                         rf"(?:(?P<up>{UP}|above)|(?P<down>{DOWN}|below))\b", re.I)
_OR_RESTATED = re.compile(r"\s*,?\s*or\s+(?:about\s+|approximately\s+|roughly\s+|nearly\s+|almost\s+|over\s+|more than\s+)?"
                          r"(?:an?\s+)?", re.I)
# "Margins declined to 4.5% from the prior year's 9.1%": the level a rate moved to, not the move (of an amount,
# "EBITDA increased to 20%" is a slip for the move)
_MOVED_TO_LEVEL = re.compile(r"\b(?:rose|fell|declined|increased|decreased|improved|grew|dropped|expanded|contracted|"
                             r"climbed|slipped|moved|came down|went up|went down)\s+to\s+(?:about\s+|approximately\s+|"
                             r"roughly\s+|nearly\s+|a record\s+)?$", re.I)
_RATE_WORD = re.compile(r"\b(?:margins?|rates?|ratios?|yields?|percentage|share|occupancy|utilization)\b", re.I)
_PER_SHARE_NEXT = re.compile(r"\s*(?:per|a)\s+(?:diluted\s+|basic\s+)?(?:common\s+)?share\b", re.I)
_AND_RESTATED = re.compile(r"\s*,?\s*and\s+", re.I)
_TO_AFTER = re.compile(r"(?:\s+per (?:diluted )?share)?\s*,?\s*(?:to|at)\b", re.I)
_OF_NEXT = re.compile(r"\s+(?:of|in|on)\s+(?:our\s+|the\s+|its\s+|total\s+)?", re.I)
_OWN_METRIC = re.compile(r"\s+(?:of|in|on|is|was|are|were|represents?|being)\s+(?:our\s+|the\s+|its\s+|total\s+)?",
                         re.I)  # "17.1 billion is raw material inventory, which has dropped ...": its own metric
_DIR_ONLY = re.compile(rf"^\s*(?:and\s+)?(?:{UP}|{DOWN})(?:\s+(?:by|of))?\s*$", re.I)


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
        if prev is not None and prev.role == "change" and prev.pair is None and \
                (_OR_RESTATED.fullmatch(gap_prev or "") or _PER_SHARE_OR.fullmatch(gap_prev or "") and h.pct) \
                and (bool(h.pct) != bool(prev.pct) or  # "down about $4.4 million or $0.29 per share": per share too
                     prev.money and prev.scale and h.money and not h.scale and _PER_SHARE_NEXT.match(text, h.end)) \
                and h.pct_kind() in ("", "%") and (h.pct or h.amountish or h.money):
            h.role, h.pair, prev.pair = "change", prev, h  # "increased $242 million or 24%", "down 8%, or $12 million"
            h.dir_sign = h.dir_sign or prev.dir_sign
        elif prev is not None and prev.role == "comparator" and (h.money or h.pct) and _family(h) != _family(prev) and \
                (_OR_RESTATED.fullmatch(gap_prev or "") or _family(prev) == "amount" and _family(h) == "per_share" and
                 _AND_RESTATED.fullmatch(gap_prev or "")):  # "compared with earnings of $117.2 million and $1.82 a share"
            h.role, h.pair = "comparator", prev  # "versus net income of $2.2 million or $0.06 per diluted share"
        elif (previous_before(text, h.start) and not actual_after) or \
                (prev is not None and (prev.role == "value" or prev.role == "change" and prev.owner is None) and
                 guided(prev.start) and not actual_after and _FROM_AFTER_VALUE.match(gap_prev or "")) \
                or (guided(h.start) and not _NEW_RANGE_FROM.search(text, max(0, h.start - 40), h.start) and
                    (search_if(_REVISION_FROM, _MAY_FROM, text, max(0, h.start - 90), h.start) or
                                         search_if(_REVISED_FROM, _MAY_FROM, text, max(0, h.start - 60), h.start) or
                                         search_if(_REVISING_OUR_FROM, _MAY_FROM, text, max(0, h.start - 70), h.start))) \
                or (prev is not None and _PREVIOUSLY_AFTER.match(text[h.stop:h.stop + 12])
                    and comparator_before(text, h.start, 70)):
            h.role = "previous"
        elif _comparator_lead(text, h, prev) and not _range_from(text, h):
            h.role = "comparator"
            if guided(h.start) and search_if(_REVISION_FROM, _MAY_FROM, text, max(0, h.start - 90), h.start):
                h.role = "previous"  # "raising our EPS guidance from a range of $8.90 to $9.10, up to $9.15 to $9.30"
        elif h.pct and not (h.pct_kind() == "%" and _MOVED_TO_LEVEL.search(text, max(0, h.start - 40), h.start) and
                            _RATE_WORD.search(text, max(0, h.start - 70), h.start)) and \
                (sign or search_if(_GROWTH_OF, _MAY_GROWTH_OF, text, max(0, h.start - 40), h.start) or
                        _basis_after_pct(text, h) or _by_to_next(text, h, hits) or h.pct_kind() in ("bps", "pp")):
            h.role = "change"  # basis points and points measure a change, never a level
        elif (h.money or h.scale) and sign and (dstart is not None or _THAN_AFTER.match(text, h.stop) or
                                               DIR_AFTER_PER_SHARE.match(text, h.stop)) and \
                prev is not None and prev.role == "value" and gap_prev is not None and len(gap_prev) < 40 and \
                ";" not in gap_prev and not negative_restated:
            h.role = "change"  # "$300 million, an increase of $12 million", "..., which is $13.5 million higher than"
        elif (h.money or h.scale) and sign and dstart is not None and _next_is_to_value(text, h, hits):
            h.role = "change"  # "increased $12 million to $300 million"
        elif h.amountish and sign and dstart is not None and _OR_PCT.match(text, h.stop):
            h.role = "change"  # "net revenue increased $242 million or 24%"
        elif h.amountish and sign and dstart is not None and dstart <= h.start and \
                not _TO_AFTER.match(text, h.stop) and not negative_restated:  # (at h.start: "reducing net debt by")
            h.role = "change"  # "our largest segment increased $0.27 per share", "revenue grew $12 million"
        elif h.amountish and _OR_PCT_DIR.match(text, h.stop) and prev is not None and prev.role == "value":
            h.role = "change"  # "$152.5 million, a $3.8 million or 2.6% increase over ..."
            m = _OR_PCT_DIR.match(text, h.stop)
            h.dir_sign = 1 if m and m["up"] else -1
        elif (h.money or h.scale) and not h.pct and prev is None and \
                (m := tail_match(_MOVE_IN_OF, _MOVE_IN_OF_START, text, max(0, h.start - 70), h.start)) is not None:
            h.role = "change"  # "a growth in net income of $5.5 million or approximately 19%": the move of the metric
            h.dir_sign = h.dir_sign or (-1 if m["down"] else 1)  # named between
        elif h.money and (m := _OR_PCT_BEYOND.match(text, h.stop)) is not None and \
                not _OF_BEFORE.search(text, max(0, h.start - 24), h.start):  # ("net sales of $288.6 million or 3.8%
            # lower than the prior year quarter": the level)
            h.role = "change"  # "GAAP earnings were $0.22 per share or 33.3% higher than the second quarter of 2020":
            h.dir_sign = h.dir_sign or (1 if m["up"] else -1)  # the amount and the percent of one move
        elif (h.money or h.scale) and (m := BEYOND_AFTER.match(text, h.stop)) is not None and \
                not _OF_BEFORE.search(text, max(0, h.start - 24), h.start):  # (but "revenue of $4.2 billion above
            # the high end of our guidance" is the level)
            h.role = "change"  # "adjusted EPS was $0.35 above our Q1 2020 results", "$0.12 higher than last year":
            h.dir_sign = h.dir_sign or (1 if m["up"] else -1)  # how far it moved, not its level
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


_COMPARATOR_START = LowerPattern(r"\b(?:compared|compares?|as|versus|vs|against|relative|up|down|from|improv\w*|increas\w*|decreas\w*|"
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
_MOVED_BEFORE = re.compile(rf"(?:{UP}|{DOWN}|recovered|changed|moved|went|compared)\s*(?:\w+\s+){{0,5}}$", re.I)
_CAUSE_BEFORE = re.compile(r"\b(?:mainly|primarily|largely|partly|mostly|driven|came|comes|coming|"
                           r"resulting|result|benefit\w*|impact\w*)\s+$", re.I)
_BY_BEFORE = re.compile(r"\bby\s*(?:about\s+|approximately\s+|roughly\s+|nearly\s+)?$", re.I)
_RANGE_FROM_BEFORE = re.compile(r"\b(?:range[sd]?|ranging|between|vary|varies)\b[^.;]{0,16}\bfrom\s*$", re.I)
_COMMA_GAP = re.compile(r"^\s*,\s*(?:or\s+)?(?:an?\s+)?(?:\w+\s+)?$")
_WHICH_LEAD = re.compile(r"(?:which|that|representing|reflecting)\b")


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


# "$0.35 above our Q1 2020 results", "$2 billion lower than the prior year": how far a number is from another
BEYOND_AFTER = re.compile(r"(?:\s+per (?:diluted )?share)?\s+(?:(?P<up>(?:higher|more|better)\s+than|above|ahead of)|"
                           r"(?:lower|less|worse)\s+than|below|short of)\s+(?:the\s+|our\s+|its\s+|a\s+|last\b|prior\b|"
                           r"previous\b|year[- ]ago\b|same\b|q[1-4]\b|(?:19|20)\d\d\b|what\b|consensus\b|expectations\b)", re.I)
# what a change is set against, to the end of its phrase: "above [our minimum balance], excluding ..."
_BEYOND_OBJECT = re.compile(r"[^,;()]{0,70}?(?=\s*(?:[,;()]|\.(?:\s|$)|$)|\s+(?:and|but|while|which|as|due|driven|primarily|"
                           r"mainly|largely|despite|because|reflecting|inclusive|excluding|including|on|in the quarter)\b)")
_MOVE_IN_OF = re.compile(r"(?:growth|increase|rise|gain|improvement|(?P<down>decrease|decline|reduction|drop))\s+in\s+"
                         r"(?:our\s+|the\s+|its\s+|total\s+)?(?:[\w-]+\s+){1,4}?(?:of|by)\s+(?:about\s+|approximately\s+|"
                         r"roughly\s+|nearly\s+|some\s+)?$", re.I)
_MOVE_IN_OF_START = LowerPattern(r"\b(?:growth|increase|rise|gain|improvement|decrease|decline|reduction|drop)\b")
_PER_SHARE_OR = re.compile(r"\s+per (?:diluted )?(?:common )?share\s*,?\s*or\s+(?:about\s+|approximately\s+|roughly\s+)?",
                           re.I)  # "$0.22 per share or 33.3% higher": one move said twice
# (only comparatives: after a level, "$125.2 million or 19.9% decrease" and "$2.75 and $2.85 or 30% growth" restate its
# move, which `_OR_PCT_DIR` reads beside a value)
_OR_PCT_BEYOND = re.compile(r"(?:\s+per (?:diluted )?(?:common )?share)?\s*,?\s*or\s+(?:about\s+|approximately\s+|roughly\s+)?"
                            r"\d[\d.,]*\s?(?:%|percent)\s+(?:(?P<up>higher|better|above|ahead|more)|lower|worse|below|less)\b",
                            re.I)
def beyond_end(text: str, pos: int) -> int | None:
    """Where "above our minimum balance", "higher than the second quarter of 2020" said right after `pos` ends: what
    a change is set against, to the end of its phrase; None when nothing is."""
    beyond = BEYOND_AFTER.match(text, pos)
    if beyond is None:
        return None
    obj = _BEYOND_OBJECT.match(text, beyond.end())
    return obj.end() if obj else beyond.end()


_OF_BEFORE = re.compile(r"\bof\s+(?:about\s+|approximately\s+|roughly\s+|nearly\s+|over\s+|almost\s+)?$", re.I)
_THAN_AFTER = re.compile(r"\s+(?:higher|lower|more|less|above|below|better|worse)\s+than\b", re.I)
