"""The quarter's headline statements, read from a summary line: revenue and EPS as reported, the figures a line states,
and sentences whose metric belongs to a segment named just before them.

Light checks on the line itself (no figure extraction), so the default summary can keep the quarter's revenue and
EPS in, never state one figure twice, and never show "Revenue reached 19.5 billion yuan." that was one business's.
"""
from __future__ import annotations

import re

from summarizer.gates import any_of_ignorecase, has_digit

# An amount of money: a currency sign, or a scale word with no unit of its own after it ("80 million gallons" is volume).
_MONEY = (r"[$€£¥]\s?\d[\d,]*(?:\.\d+)?|\d[\d,]*(?:\.\d+)?\s?(?:million|billion|trillion|mn|bn)\b"
          r"(?!\s+(?!(?:in|of|for|and|or|up|down|from|at|during|compared|versus|vs|this|last|year|quarter|which|with|"
          r"yuan|rmb|renminbi|euros?|dollars?|yen|pounds?|won|rupees?|reais|pesos?|kronor|francs?)\b)[a-z])")
_APPROX = r"(?:a record\s+|approximately\s+|about\s+|roughly\s+|nearly\s+|almost\s+|over\s+|just over\s+|close to\s+)?"
# Revenue stated as its level, right after the revenue word ("Third-quarter revenue was $211.3 million", "net sales
# increased 15% to $243 million", "revenue of $196.7 million") or right before it ("$1.1 billion in revenue").
_REVENUE = re.compile(
    r"\b(?P<w>revenues?|net sales|sales|turnover)\b(?:\s+(?:for|in|during|of)\s+the\s+(?:(?:first|second|third|fourth)\s+)?(?:quarter|period|three months))?"
    r"(?:\s+(?:was|were|is|are|totaled|totalled|came in at|reached|amounted to|ended at|stood at|of)"
    # a change, then the level: "increased 5% to", "decreased 1% as reported or 3% in constant currency to"; a change
    # straight to an amount ("increased $6.5 million over Q2") states no level
    r"|\s+(?:(?:was|were)\s+up|(?:was|were)\s+down|grew|rose|increased|decreased|declined|fell|improved)"
    r"(?:\s+(?:by\s+)?" + _APPROX + r"[\d.,]+\s?%(?:[^.;$€£¥]{0,60}?(?=\s(?:to|at|from)\s))?)?"
    r"(?:,?\s+from\s+[$€£¥]?\s?\d[\d,]*(?:\.\d+)?(?:\s?(?:million|billion|mn|bn))?)?,?\s+(?:to|at))?"
    r"\s+" + _APPROX + r"(?:" + _MONEY + r")"
    r"|(?:" + _MONEY + r")\s+(?:in|of)\s+(?:total\s+|net\s+|consolidated\s+)?(?P<w2>revenues?|net sales|sales)\b"
    # "$35 million of revenue maintaining capex": revenue that qualifies another word is no revenue stated
    r"(?!\s+(?!(?:in|for|during|this|last|and|or|up|down|compared|versus|vs|from|which|with|was|were|is|on|at|of|a|an|"
    r"the|over|as|but|so|while|that|to|year|quarter)\b)[a-z])",
    re.IGNORECASE)
# EPS stated as a per-share amount: "adjusted EPS was $0.41", "earnings per diluted share of $1.10", "net income of
# $21.0 million, or $0.39 per diluted share", "we earned $0.10 per share"; a dividend or a one-off per share is not.
_EPS = re.compile(
    r"\b(?:eps|earnings per (?:diluted |basic |fully diluted )?(?:common )?share|(?:net )?(?:income|earnings|loss) per "
    r"(?:diluted |basic )?share|(?:ffo|affo|nfe)(?: per (?:diluted )?share)?)\b"
    r"(?:(?!offset|impact|benefit|charge|headwind|tailwind|increase(?!d\b[^.;$€£¥]{0,30}?\bto\b)|decrease(?!d\b[^.;$€£¥]{0,30}?\bto\b)|improvement|dividend|cost|expense|gain)"
    r"[^.;$€£¥]){0,40}?[$€£¥]\s?\d+\.\d{2}\b"
    r"|\b(?:earn(?:ed|ings?)|(?:net )?income|(?:net )?loss|eps|ffo|affo)\b(?:(?!dividend|benefit|charge|impact|headwind|tailwind|"
    r"improvement|increase(?!d\b[^.;$€£¥]{0,30}?\bto\b)|decrease(?!d\b[^.;$€£¥]{0,30}?\bto\b)|cost|expense|gain|\.\s)[^;]){0,60}?[$€£¥]\s?\d+\.\d{2}\s+(?:per|a|of)\s+(?:diluted\s+|basic\s+|"
    r"fully diluted\s+)?(?:common\s+)?share", re.IGNORECASE)
_MAY_BE_REVENUE = any_of_ignorecase(("revenue", "sales", "turnover"))
_MAY_BE_EPS = any_of_ignorecase(("eps", "per share", "per diluted share", "per common share", "per fully diluted", "per diluted common",
                                  "per basic", "ffo", "nfe"))
_AMOUNT = re.compile(_MONEY, re.IGNORECASE)
_PER_SHARE = re.compile(r"[$€£¥]\s?\d+\.\d{2}\b|\b\d+\.\d{2}\b|\b\d+ cents\b", re.IGNORECASE)
_GUIDANCE = re.compile(r"\b(?:expect\w*|guid\w*|outlook|forecast\w*|anticipat\w*|project(?:s|ed|ing|ion)\w*|target\w*|"
                       r"plan(?:s|ned)?|will|would|could|should be|believe|assum\w*|estimat\w*|continue to see|now see|"
                       r"we see|objectives?|goals?|aim(?:s|ing)?|ambitions?|aspirations?|milestones?|long(?:er)?[- ]term)\b", re.IGNORECASE)
_OTHER_PERIOD = re.compile(r"\b(?:full[- ]year|fiscal year|for the year|the full year|year[- ]to[- ]date|ytd|first half|"
                           r"second half|(?:nine|six|twelve|9|6|12)[- ]months?|trailing|annual(?:ly|ized)?|year[- ]end|"
                           r"per year|a year(?! ago)|per annum|run[- ]rate)\b"
                           r"|^\W*(?:for|in) (?:fiscal )?(?:year )?(?:19|20)\d{2}\b"
                           r"|^\W*(?:this|that|which|these)\s+compare"
                           # "On an adjusted basis, 2020 net income per share was $1.64.": a year's own figure
                           r"|^\W*(?:[\w,'-]+\s+){0,6}?(?<!quarter\s)(?<!q[1-4]\s)(?:fiscal\s+)?(?:19|20)\d{2}\s+(?:net|adjusted|gaap|non-gaap|diluted|reported|"
                           r"total|revenues?|sales|eps|earnings|income|results)\b", re.IGNORECASE)  # "This compared to $4.32 in 2019"
# Words that may stand before "revenue" in the company's own total ("Third-quarter net revenue"); any other word
# makes it one part's ("hardware revenue", "Orchestrate revenue").
_TOTAL_WORDS = frozenset("""total net consolidated group reported gaap quarterly our the company company's record overall
quarter quarter's first second third fourth q1 q2 q3 q4 first-quarter second-quarter third-quarter fourth-quarter its
their adjusted""".split())
_LAST_TOKEN = re.compile(r"[\w'’-]+$")
_QUARTER_YEAR = re.compile(r"\b(?:quarter|q[1-4])\s+(?:of\s+)?(?:fiscal\s+)?(?:19|20)\d{2}$", re.IGNORECASE)
_PART_AFTER = re.compile(r"\s+(?:at|in|from|for|of)\s+(?:our\s+|the\s+)?[A-Z]")
# A lead-in naming a part: "At Aerospace & Electronics, sales of", "For the Diagnostics Group revenues", "In our
# Frozen segment, sales"; a period is no part ("In Q3,", "For Fiscal 2021,", "In the third quarter,").
_PART_BEFORE = re.compile(
    r"(?:^|[,;:]\s*)\W*(?i:and\s+|so\s+|now\s+)?(?i:at|for|in|within|across|(?:moving|turning|switching|going)(?:\s+on)?\s+to|"
    r"now\s+to|looking\s+at)\s+(?i:the\s+|our\s+|its\s+)?"
    r"(?:(?!(?:Q[1-4]|Fiscal|FY|First|Second|Third|Fourth|Full|Quarter|Year|Total|January|February|March|April|May|June|"
    r"July|August|September|October|November|December)\b)[A-Z][\w&'.-]*|[\w&'.-]+\s+(?i:segments?|divisions?|business(?:es)?|"
    r"units?|groups?|regions?)\b)")
# "$4 million in revenue from early terminations", "Lanier Apparel generated $20 million in net sales": a part's
_SOURCE_AFTER = re.compile(r"\s+(?:from|related to|associated with|tied to|attributable to|at|in [A-Z]|for [A-Z])", re.IGNORECASE)
_NAMED_BEFORE = re.compile(r"(?<=\w)\s+(?!I\b|Q[1-4]\b)[A-Z][a-z]")
# The amount right after the revenue word is its level, not a change ("revenue was up 29% or $750 million").
_CHANGE_BEFORE = re.compile(r"\b(?:up|down|by|increase[ds]?|decrease[ds]?|grew|rose|fell|declined|gain(?:ed)?|or)\s+"
                            r"(?:about |approximately |almost |nearly |roughly )?$", re.IGNORECASE)
_BARE_METRIC_START = re.compile(
    r"^(?:so,?\s+|and\s+|now,?\s+)?(?:revenues?|sales|net sales|operating (?:income|profit|margin|loss)|gross (?:margin|profit)|"
    r"ebitda|adjusted ebitda|profits?|margins?|orders|bookings|shipments|volumes?|growth|earnings)\b", re.IGNORECASE)
_SEGMENT_CUE = re.compile(r"\b(?:segments?|divisions?|business(?:es)?|units?|brands?|regions?|subsidiar(?:y|ies)|franchise)\b"
                          r"|^(?:turning to|moving to|now to|now on|let's look at|looking at)\s+(?:our\s+|the\s+)?\w",
                          re.IGNORECASE)
_FIGURE = re.compile(r"[$€£¥]\s?\d[\d,]*(?:\.\d+)?(?:\s?(?:million|billion|thousand|trillion))?|\d[\d,]*\.\d+(?:\s?%)?"
                     r"|\d[\d,]*\s?(?:%|percent\b|basis points\b|bps\b)|\d[\d,]*\s(?:million|billion|thousand|trillion)\b",
                     re.IGNORECASE)


def _own_total(text: str, at: int, end: int) -> bool:
    """The revenue word at `at`..`end` is the company's total: only period or total words stand right before it
    ('Third-quarter net revenue', not 'Hardware revenue' or '2019 sales'), and no part follows it ('Revenues at
    Textron Aviation')."""
    if _PART_AFTER.match(text, end) or _PART_BEFORE.search(text, 0, at):
        return False
    before = text[max(0, at - 40):at].rstrip()
    if not before or before.endswith((",", ";", ":", ".")):
        return True
    last = _LAST_TOKEN.search(before)
    if last is not None and _QUARTER_YEAR.search(before):
        return True  # "fourth quarter 2021 sales", "Q4 2021 revenue": the quarter's, not a year's
    return last is not None and last.group(0).lower().replace("’", "'") in _TOTAL_WORDS


def _reported(text: str) -> bool:
    return _GUIDANCE.search(text) is None and _OTHER_PERIOD.search(text) is None


def may_state_revenue(text: str) -> bool:
    """A cheap test before `states_quarter_revenue` on a sentence's cuts: a revenue word and an amount."""
    return _MAY_BE_REVENUE(text) and _AMOUNT.search(text) is not None


def may_state_eps(text: str) -> bool:
    """A cheap test before `states_quarter_eps` on a sentence's cuts: a per-share word and a per-share amount."""
    return _MAY_BE_EPS(text) and _PER_SHARE.search(text) is not None


def _revenue_amount(text: str) -> bool:
    """The company's total revenue is stated as an amount, its level rather than a change ('revenue was up 29% or
    $750 million', 'revenue mix and $4.5 million' state none; 'hardware revenue' is a part)."""
    for m in _REVENUE.finditer(text):
        if m.group("w") and _own_total(text, m.start("w"), m.end("w")):
            return True
        if m.group("w2") and not _SOURCE_AFTER.match(text, m.end("w2")) and not _NAMED_BEFORE.search(
                text[max(0, text.rfind(",", 0, m.start()) + 1):m.start()]):  # "we generated $1.1 billion in revenue"
            return True
    return False


def _eps_amount(text: str) -> bool:
    """EPS is stated as a per-share amount."""
    return _EPS.search(text) is not None


def states_quarter_revenue(text: str) -> bool:
    """The line reports the quarter's revenue as an amount ('Third-quarter revenue was $211.3 million.'): not
    guidance, not the full year, not one segment's."""
    return _MAY_BE_REVENUE(text) and _revenue_amount(text) and _reported(text)


def states_quarter_eps(text: str) -> bool:
    """The line reports the quarter's EPS ('Adjusted EPS was $0.41.'): a per-share amount, not guidance, not the year."""
    return _MAY_BE_EPS(text) and _eps_amount(text) and _reported(text)


def figures_of(text: str) -> set[str]:
    """The figures a line states, written alike ('$1,200' and '$1200', '13 %' and '13%'): years and counts are not."""
    return {re.sub(r"[\s,]", "", m.group(0).lower()).replace("percent", "%") for m in _FIGURE.finditer(text)}


_LEVEL = re.compile(
    r"\b(?:revenues?|net sales|sales)\s+(?:for the (?:quarter|period)\s+|in the (?:quarter|period)\s+)?(?:was|were|totaled|totalled|"
    r"came in at|reached|amounted to|(?:increased|grew|rose|decreased|declined|fell)\s+(?:by\s+)?\S+\s+to)\s+"
    r"(?:a record\s+|approximately\s+|about\s+|roughly\s+|nearly\s+)?[$€£¥]?\s?(\d[\d,]*(?:\.\d+)?)\s*"
    r"(million|billion|thousand|trillion|mn|bn)?\b", re.IGNORECASE)
_SCALE = {"thousand": 1e3, "million": 1e6, "mn": 1e6, "billion": 1e9, "bn": 1e9, "trillion": 1e12}


def quarter_revenue_amount(text: str) -> float | None:
    """The amount a line gives as the quarter's revenue ('Third quarter revenue was $700.3 million' -> 700.3e6), else
    None. Several such lines in one call with different amounts are the company's and its segments'."""
    if not has_digit(text) or not _MAY_BE_REVENUE(text):
        return None
    m = _LEVEL.search(text)
    if m is None or not states_quarter_revenue(text):
        return None
    return float(m.group(1).replace(",", "")) * _SCALE.get((m.group(2) or "").lower(), 1.0)


def headline_flags(text: str, low: str, guiding: bool) -> tuple[float, float, float]:
    """(states the quarter's revenue, its EPS, revenue or EPS guidance) as 0/1 features; `low`: the text lower-cased,
    `guiding`: it holds a guidance word. Most sentences name neither revenue nor EPS: substring tests settle them."""
    if not has_digit(text):
        return 0.0, 0.0, 0.0  # no amount at all
    money = "$" in text or "€" in text or "£" in text or "¥" in text  # an EPS amount always has its sign
    rev = ("revenue" in low or "sales" in low or "turnover" in low) and (money or "illion" in low or "mn" in low or "bn" in low) \
        and _revenue_amount(text)
    eps = money and ("eps" in low or "share" in low) and _eps_amount(text)
    if not rev and not eps:
        return 0.0, 0.0, 0.0
    reported = _reported(text)
    return 1.0 if rev and reported else 0.0, 1.0 if eps and reported else 0.0, 1.0 if guiding else 0.0


def scoped_by_context(previous: str, text: str) -> bool:
    """A bare metric ('Revenue reached 19.5 billion yuan.') right after a sentence that names a segment or business
    ('The smart home business had a very good year.'): the figure is that part's, which the line alone would hide."""
    return _BARE_METRIC_START.match(text.lstrip("\"“'‘( ")) is not None and _SEGMENT_CUE.search(previous) is not None


# The quarter's headline results, each as (cheap test of a sentence, test of a line).
HEADLINES = ((may_state_revenue, states_quarter_revenue), (may_state_eps, states_quarter_eps))
