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
                           r"of (?:our|the|its) (?!(?:previous|previously|prior|original|initial|earlier)\b)(?:[\w-]+ ){0,4}?"
                           r"(?:guidance|outlook|range|forecast)\b", re.I)
# (not "at the high end of our previously provided range": the guidance was moved within the one before it)
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
# ", slightly higher than our April outlook", ", $10 million higher than our prior guidance": the figure just said set
# against the guidance before it, in a clause of its own after it
_EARLIER_GUIDE = (r"(?:(?:our|the)\s+(?:previous|previously\s+(?:provided|given|issued)|prior|original|earlier|initial|last|"
                  r"january|february|march|april|may|june|july|august|september|october|november|december)\s+(?:[\w-]+\s+){0,3}?"
                  r"(?:guidance|outlook|forecast|range|view|guide|expectations?|estimates?)\b"
                  # "what we anticipated back in September", "the range of $3.32 to $3.66 provided last quarter"
                  r"|what\s+we\s+(?:had\s+)?(?:previously\s+|originally\s+|initially\s+)?(?:anticipated|expected|guided|"
                  r"forecast|projected)\b"
                  r"|(?:our|the)\s+(?:range|guidance|outlook)\s+of\s+[^,;]{1,40}?\s+(?:provided|given|issued)\s+"
                  r"(?:last|in|at|on|previously)\b)")
# (between the comma and the comparison only how much: "a bit", "a point", "$10 million or $0.13 per share")
_HOW_MUCH = (r"(?:(?:a|an|one|two|three|\$?\d[\d.,]*%?|bit|little|touch|point|points|slightly|somewhat|modestly|"
             r"significantly|well|much|million|billion|per|diluted|share|basis|or|percent|percentage|cents?)\s+){0,8}?")
_THAN_EARLIER = (
    ("raised", LowerPattern(rf",\s*(?:which\s+is\s+|that\s+is\s+)?{_HOW_MUCH}(?:higher|above|greater)\s+"
                            rf"(?:than|versus|vs\.?)\s+{_EARLIER_GUIDE}"), False),
    ("lowered", LowerPattern(rf",\s*(?:which\s+is\s+|that\s+is\s+)?{_HOW_MUCH}(?:lower|below|less)\s+"
                             rf"(?:than|versus|vs\.?)\s+{_EARLIER_GUIDE}"), False),    # ", up from the previous range of $810 million to $840 million", ", an increase of 25% from what we anticipated"
    ("raised", LowerPattern(rf",\s*(?:which\s+is\s+|that\s+is\s+)?(?:{_HOW_MUCH}up\s+{_HOW_MUCH}|an?\s+(?:increase|raise|"
                            rf"improvement)\s+of\s+{_HOW_MUCH})(?:from|over|versus|vs\.?)\s+{_EARLIER_GUIDE}"), False),
    ("lowered", LowerPattern(rf",\s*(?:which\s+is\s+|that\s+is\s+)?(?:{_HOW_MUCH}down\s+{_HOW_MUCH}|an?\s+(?:decrease|"
                             rf"reduction|cut)\s+of\s+{_HOW_MUCH})(?:from|over|versus|vs\.?)\s+{_EARLIER_GUIDE}"), False),
)
_THAN_EARLIER_AT = tuple(rx for _, rx, _ in _THAN_EARLIER)


def against_earlier(text: str, start: int) -> bool:
    """Whether the cue at `start` is a clause setting the figure just said against the guidance before it (', slightly
    higher than our April outlook'): the figure's own direction, no announcement for figures said elsewhere."""
    return text.startswith(",", start) and any(rx.match(text, start) for rx in _THAN_EARLIER_AT)


_VS_DIRECTIONS = _VS_DIRECTIONS + _THAN_EARLIER
_MAY_VS_EARLIER = any_of_ignorecase(("previous", "prior", "original", "earlier", "initial", "last", "midpoint", "what we",
                                     "february", "may ", "august", "november", "april", "july", "october", "january"))
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
                              r"(?:remain|remains|remained|is|are|stays?) (?:unchanged|intact)|unchanged|(?<!assuming )(?<!assume )(?<!assumes )no change (?:to|in)|"
                              r"(?:remain|remains|stay|stays) (?:in|within) (?:the|our) (?:[\w-]+ )?range|"
                              r"(?:remain|remains|stay|stays) (?:in|within) (?:our|the) (?:[\w-]+ ){0,4}?(?:guidance|outlook)|"
                              r"(?:remain|remains|are|we're|still|feel)\s+(?:very\s+)?confident (?:in|of|about) (?:our|the|its)\s+"
                              r"(?:[\w-]+\s+){0,5}?(?:guidance|outlook|targets?|forecast|range)|"
                              r"reconfirm\w*|(?:remain|remains|are|is|stay|stays|we're|still)\s+on track|on track to "
                              r"(?:deliver|achieve|meet|hit|reach))\b"), False),
    ("reaffirmed", LowerPattern(r"\b(?:affirm(?:s|ed|ing)?|maintain(?:s|ed|ing)?|confirm(?:s|ed|ing)?|keep(?:s|ing)?|kept|"
                              r"hold(?:s|ing)?|held|reiterat\w*)\b"), True),
    ("initiated", LowerPattern(r"\b(?:initiat(?:e|es|ed|ing)|introduc(?:e|es|ed|ing)|establish(?:es|ed|ing)?|"
                             r"(?:provid|issu|giv|shar)(?:e|es|ed|ing) (?:our |the |its )?(?:initial|first|preliminary)|"
                             r"initial (?:guidance|outlook))\b"), False),
)
_MAY_DIRECTION = any_of_ignorecase(("upped", "up ", "not changed", " end of ", " half of ", "down ", "confident", "remain", "stay", "withdr", "suspend", "rescind", "pull", "no longer", "not provid", "not giv", "narrow",
                                    "tighten", "rais", "increas", "lift", "boost", "upgrad", "improv", "higher", "upward",
                                    "revis", "lower", "reduc", "cut", "trim", "decreas", "downgrad", "downward", "affirm",
                                    "reiterat", "continu", "still", "unchanged", "intact", "no change", "reconfirm",
                                    "maintain", "confirm", "keep", "kept", "hold", "held", "initiat", "introduc",
                                    "establish", "initial", "first", "preliminary", "on track"))
# For each pattern above, in order: words every match has in the lower-cased sentence (a pattern none of them is in
# cannot match, and is not run)
_VS_KEYS = (("increase", "raise", "improvement"), ("decrease", "reduction", "cut"),
            ("increase", "raise", "up", "higher", "improvement"), ("decrease", "reduction", "cut", "down", "lower"),
            ("higher", "above", "greater"), ("lower", "below", "less"), ("up ", "increase", "raise", "improvement"),
            ("down ", "decrease", "reduction", "cut"))
_DIRECTION_KEYS = (
    ("withdr", "suspend", "rescind", "pull", "no longer", "not provid", "not giv"), ("narrow", "tighten"),
    (" end of ", " half of "),
    ("rais", "increas", "lift", "boost", "upped", "upgrad", "improv", "higher", "upward", "revis"),
    ("lower", "reduc", "cut", "trim", "decreas", "downgrad", "downward", "revis"),
    ("reaffirm", "re-affirm", "reiterat", "continu", "still", "not changed", "unchanged", "intact", "no change", "range",
     "remain", "stay", "confident", "reconfirm", "on track"),
    ("affirm", "maintain", "confirm", "keep", "kept", "hold", "held", "reiterat"),
    ("initiat", "introduc", "establish", "initial", "first", "preliminary"),
)
assert len(_VS_KEYS) == len(_VS_DIRECTIONS) and len(_DIRECTION_KEYS) == len(_DIRECTIONS)
_THAN = re.compile(r"\s+than\b", re.I)
_NOUN_WORD = re.compile(rf"\b{_GUIDE_NOUN}\b", re.I)
# "to increase in the range of 8% to 10%", "9% at the midpoint of our guidance": where the value lies, not what changed
_WHERE_VALUE_LIES = re.compile(r"(?:\b(?:in|within)\s+(?:the|a)\s+|\bat\s+the\s+mid[- ]?point\s+of\s+(?:our|the|its)\s+(?:[\w-]+\s+){0,3}?"
                               # "reducing our emissions in line with our targets": what the change is measured by
                               r"|\b(?:in line|consistent)\s+with\s+(?:our|the|its)\s+(?:[\w-]+\s+){0,3}?)$", re.I)


def _noun_near(text: str, end: int) -> bool:
    """Whether a guidance noun starts within 60 characters after a cue, before a '.' or ';' ('raising our full-year
    outlook'), and not one that only says where the value lies ('to increase in the range of 8% to 10%')."""
    window = text[end:end + 60 + 20]
    stop = min((i for i in (window.find("."), window.find(";")) if i >= 0), default=len(window))
    for m in _NOUN_WORD.finditer(window, 0, len(window)):
        if m.start() > min(60, stop):
            break
        if not _WHERE_VALUE_LIES.search(window, 0, m.start()):
            return True
    return False
_NOUN_BEFORE = re.compile(rf"\b{_GUIDE_NOUN}\b(?:\s+(?:range|is|was|has been|have been|are|were|being|now|also))*\s*$", re.I)
_TO_VALUE = re.compile(r"^[^.;]{0,50}?\bto\s*(?:a range of\s+|the range of\s+|a\s+|between\s+|about\s+|approximately\s+)?$", re.I)
# "raising the full year midpoint of our same-property revenue growth", "raising our midpoint by $0.09": the guided range's
# midpoint moved (not "9% at the midpoint" of a range)
_MIDPOINT_NEAR = re.compile(r"\s+(?:the|our|its)\s+(?:[\w-]+\s+){0,2}?mid[- ]?point\b", re.I)
# "we have increased our expected adjusted earnings per share for the full year to ...": what the company expects
# (said with a verb of moving it, not "improve our expected returns on the plant")
_EXPECTED_NEXT = re.compile(r"\s+(?:our|its)\s+(?:expected|anticipated|forecasted|projected|guided)\s", re.I)
_MOVES_EXPECTED = ("rais", "increas", "lower", "reduc", "cut")
# "increases in the balance of deferred revenue continue to drive our expectation", "a 15% increase year-over-year and
# 18% above the midpoint of our guidance": the noun of a metric's change, not a change of the guidance
_CHANGE_NOUN = frozenset(("increase", "increases", "decrease", "decreases", "improvement", "reduction", "cut", "cuts"))
_IN_GUIDANCE = re.compile(rf"\s+in\s+(?:(?:our|the|its)\s+)?(?:[\w-]+\s+){{0,5}}?{_GUIDE_NOUN}\b", re.I)
_YEAR_ON_YEAR = re.compile(r"\s+(?:of\s+(?:[^\s,;]+\s+){0,4}?)?(?:year[- ]over[- ]year|y/y|sequentially|(?:over|versus|vs\.?|from|"
                           r"compared (?:to|with))\s+(?:the\s+)?(?:prior|last|previous|same)[- ](?:year|period))\b", re.I)


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
            if needs_noun and text[m.start():m.end()].lower() in _CHANGE_NOUN and \
                    (text.startswith(" in ", m.end()) and not _IN_GUIDANCE.match(text, m.end()) or
                     _YEAR_ON_YEAR.match(text, m.end())):
                continue  # "increases in deferred revenue", "an increase of 15% year-over-year": a metric's change
            if needs_noun and not (_noun_near(text, m.end()) or _NOUN_BEFORE.search(text[max(0, m.start() - 40):m.start()])
                                   or _TO_VALUE.match(text[m.end():m.end() + 60])
                                   or name in ("raised", "lowered") and (_MIDPOINT_NEAR.match(text, m.end()) or
                                                                         _EXPECTED_NEXT.match(text, m.end()) and
                                                                         text[m.start():m.end()].lower().startswith(
                                                                             _MOVES_EXPECTED))):
                continue
            out.append((m.start(), m.end(), name))
    out.sort()
    if any(c[2] in ("raised", "lowered") for c in out):  # "raising our guide to $26.3 billion, now at the high end of
        out = [c for c in out if not _END_OF_RANGE.match(text, c[0])]  # our range": the raise is the news
    # "raised and narrowed its guidance": the raise is the news; narrowing is said with it
    return tuple(c for c in out if not (c[2] == "narrowed" and any(o[2] in ("raised", "lowered") and abs(o[0] - c[0]) < 20
                                                                   for o in out)))


_VALUE_RUN = re.compile(r"(?:[$€£¥]?\d[\d.,]*\s*(?:%|percent|basis points?|bps|million|billion|thousand|cents?|x|times)?\s*"
                        r"(?:per (?:diluted )?share\s*)?(?:to|and|-|–)?\s*)+", re.I)


def _just_after(text: str, value_start: int, cue_start: int) -> bool:
    """Whether a cue follows the value with no other number between ('our interest expense forecast remains $16 million,
    while other expense is forecast at $6 million, slightly less than our July outlook' is of the $6 million only)."""
    if cue_start < value_start:
        return False
    run = _VALUE_RUN.match(text, value_start)
    rest = text[run.end() if run else value_start:cue_start]
    return not any(ch.isdigit() for ch in rest)


# an amount between a cue and a metric word: "we still expect a 2% benefit to revenue" is of that amount, not revenue
_AMOUNT_BETWEEN = re.compile(r"[$€£¥%]|\d\s*(?:percent|million|billion|cents?|basis)\b")


def _names_metric(after: str, word: str) -> bool:
    """Whether the words after a cue name the metric `word` with no amount of their own before it ('raising our
    gross margin expectation', not 'still expect a 2% benefit to revenue')."""
    at = after.find(word)
    return at >= 0 and _AMOUNT_BETWEEN.search(after, 0, at) is None


def direction_for(cues: list[tuple[int, int, str]], value_start: int, metric_start: int | None,
                  clause: tuple[int, int], metric_words: tuple[str, ...], text: str) -> str | None:
    """The direction that governs one guided figure: the cue naming its metric, else the nearest in its clause
    or just before it, else a cue of the whole sentence that names no other metric."""
    if not cues:
        return None
    cues = [c for c in cues if not against_earlier(text, c[0]) or _just_after(text, value_start, c[0])]
    if not cues:
        return None
    low = text.lower()
    for a, b, name in cues:  # "raising our gross margin expectation": the cue names this metric
        after = low[b:b + 50].split(" outlook")[0].split(" guidance")[0]
        if metric_words and any(_names_metric(after, w) for w in metric_words):
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
    got = revision_and_previous_at(text)
    return got[0] if got is not None else None


def revision_and_previous_at(text: str) -> tuple[str, int | None] | None:
    """The direction `revision_of_previous` reads, and where the previous guidance's value starts when the
    sentence states it ('... from our previous guidance of $2.76 to $2.86 per share'), else None for it."""
    m = _OF_PREVIOUS.match(text) if _MAY_OF_PREVIOUS(text) else None
    if m is None:
        return None
    of = _STATED_AFTER.match(text, m.end())
    return ("raised" if m.group("d").lower() in _RAISED_WORDS else "lowered"), (of.end() if of else None)


_STATED_AFTER = re.compile(r"(?:\s+range)?\s+(?:of|was|at|for)\s+(?:about\s+|approximately\s+)?(?=[$€£¥\d])", re.I)
