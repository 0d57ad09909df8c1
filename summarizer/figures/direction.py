"""The direction of guidance: the words that say it was raised, lowered, narrowed, reaffirmed, initiated or withdrawn,
which of them governs a guided figure, and the direction read from the new and the previous numbers."""
from __future__ import annotations

import re
from functools import lru_cache

from summarizer.figures.lowtext import LowerPattern, lowered
from summarizer.figures.numbers import Hit, parse_num
from summarizer.gates import any_of_ignorecase

_WHICH_AFTER = re.compile(r"\s*,?\s*(?:which|that)\b[^;]*")
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


# "This represents an increase from our previous guidance of $5.55 to $5.75.", "This is up $0.01 at the midpoint from
# our previous guidance.": a sentence that says how the figure just guided moved against the guidance before it
_OF_PREVIOUS = re.compile(
    r"\W*(?:(?:so|and|again),?\s+)?(?:this|that|it|which|the (?:new )?midpoint)\s+(?:is|represents|reflects|would be|"
    r"marks)\s+(?:an?\s+)?(?:(?:slight|slightly|modest|small|significant)\s+)?(?P<d>increase|raise|improvement|up|higher|"
    r"decrease|reduction|cut|down|lower)\b(?:[^.;]|\.\d){0,60}?\b(?:from|over|versus|vs\.?|than|compared (?:to|with)|"
    rf"relative to|to)\s+(?:our|the)\s+(?:previous|prior|original|earlier|initial|last)\s+(?:[\w-]+\s+){{0,3}}?"
    rf"{_GUIDE_NOUN}\b", re.I)  # (not "That is up 300 basis points from our prior year": a result, year on year)
_MAY_OF_PREVIOUS = any_of_ignorecase(("previous", "prior", "original", "earlier", "initial", "last"))
_RAISED_WORDS = frozenset(("increase", "raise", "improvement", "up", "higher"))


def revision_of_previous(text: str) -> str | None:
    """'raised' or 'lowered' when the sentence opens by saying how the figure just said moved against the guidance
    before it ('This is up from our previous guidance of ...'), else None."""
    m = _OF_PREVIOUS.match(text) if _MAY_OF_PREVIOUS(text) else None
    if m is None:
        return None
    return "raised" if m.group("d").lower() in _RAISED_WORDS else "lowered"
