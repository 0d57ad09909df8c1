"""Key figures of a call: reported and guided numbers with metric, period and change, each tied to its sentence.

Nothing is invented: `Figure.value` (and `change`, `period`) are verbatim slices of the source sentence,
so a reader can always find them again. Numbers that are years, dates, quarter names or product names
("Mi 13", "Q4", "top-10") are not figures.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from summarizer.figure_metrics import active_metrics, find_metric
from summarizer.gates import any_of_ignorecase
from summarizer.model import Sentence, Transcript
from summarizer.topics import is_legal_cheap

FIGURES_VERSION = "4"  # 3: FFO is its own metric; 4: no analyst figures, "above the top of our guidance" is
# past, "Atlas 3" is a name

_DIGIT = re.compile(r"\d")
_NUM = r"(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?"
_CUR_PRE = r"(?:US\$|HK\$|C\$|A\$|S\$|NT\$|R\$|RMB\s?|CNY\s?|USD\s?|EUR\s?|GBP\s?|JPY\s?|HKD\s?|\$|€|£|¥|₹|₩)"
_SCALE = r"(?:trillion|billion|million|thousand|bn|mn|tn|b|m|k)"
_PCT = r"(?:%|\s?percent(?:age points?)?|\s?per\s?cent|\s?percentage points?|\s?basis points?|\s?bps|\s?pp)"
_CUR_POST = (r"(?:yuan|renminbi|RMB|CNY|dollars?|euros?|EUR|pounds?|yen|won|rupees?|cents?|USD|GBP|HKD|"
             r"Hong Kong dollars|US dollars)")
# The look-ahead (what a currency, a space or a digit can start with) lets the engine skip other characters.
_VALUE = re.compile(
    rf"(?=[\s\dUuHhCcAaSsNnRrEeGgJj$€£¥₹₩])(?<![\w.,$€£¥'’/])(?P<pre>{_CUR_PRE})?\s?(?P<num>{_NUM})(?:\s?(?P<scale>{_SCALE})(?![\w]))?"
    rf"(?P<pct>{_PCT}(?![\w]))?(?:\s(?P<post>{_CUR_POST})(?![\w]))?(?![\w])",
    re.IGNORECASE,
)
_CURRENCY = {"us$": "USD", "$": "USD", "usd": "USD", "dollar": "USD", "dollars": "USD", "us dollars": "USD",
             "hk$": "HKD", "hkd": "HKD", "hong kong dollars": "HKD", "c$": "CAD", "a$": "AUD", "s$": "SGD",
             "nt$": "TWD", "r$": "BRL", "€": "EUR", "eur": "EUR", "euro": "EUR", "euros": "EUR", "£": "GBP",
             "gbp": "GBP", "pound": "GBP", "pounds": "GBP", "¥": "JPY", "jpy": "JPY", "yen": "JPY", "rmb": "CNY",
             "cny": "CNY", "yuan": "CNY", "renminbi": "CNY", "₹": "INR", "rupee": "INR", "rupees": "INR",
             "₩": "KRW", "won": "KRW", "cent": "USD cents", "cents": "USD cents"}
_SCALES = {"trillion": 1e12, "tn": 1e12, "billion": 1e9, "bn": 1e9, "b": 1e9, "million": 1e6, "mn": 1e6, "m": 1e6,
           "thousand": 1e3, "k": 1e3}
_COUNT_NOUN = re.compile(
    r"^\s*(?:[A-Z][\w-]*\s+){0,2}(?P<noun>people|employees|staff|engineers|users|customers|clients|subscribers|"
    r"members|units|robots|devices|vehicles|cars|phones|smartphones|stores|shops|outlets|locations|branches|"
    r"restaurants|countries|markets|cities|shares|orders|deployments|sites|accounts|merchants|partners|"
    r"patents|products|models|households|homes|beds|rooms|titles|apps|downloads|visits|times|x)\b",
    re.IGNORECASE)
_MONTHS = r"(?-i:January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)\.?"
_DATE_BEFORE = re.compile(rf"(?:{_MONTHS}|\bQ[1-4]|\bFY|\bH[12]|\bfiscal|\bNo\.?|#|\bMi|\bversion|\bv|\bpage|\bitem|\bnote|\bslide)\s?$", re.I)
_DATE_AFTER = re.compile(rf"^\s?(?:{_MONTHS}\b|st\b|nd\b|rd\b|th\b|-year\b|-month\b|-day\b|-week\b|\s?(?:years?|months?|weeks?|days?|hours?|minutes?)\b)", re.I)

_UP = r"(?:up|increase[sd]?|increasing|grew|grow(?:s|ing|th)?|rose|rise[sn]?|rising|gain(?:ed|s)?|improve[ds]?|improvement|expand(?:ed|s)?|expansion|higher|jump(?:ed)?|climb(?:ed)?|surge[sd]?|accelerat\w*|plus)"
_DOWN = r"(?:down|decrease[sd]?|decreasing|decline[sd]?|declining|fell|fall(?:en|s|ing)?|drop(?:ped|s)?|lower|contract(?:ed|ion)?|shrank|shrink\w*|reduc\w*|minus|negative|slid|dip(?:ped)?)"
_DIR_BEFORE = re.compile(rf"\b(?:(?P<up>{_UP})|(?P<down>{_DOWN}))(?:\s+(?:by|of|of about|by about|about|around|approximately|roughly|nearly|almost|over|more than|some))?\s*(?:a|an)?\s*$", re.I)
_DIR_AFTER = re.compile(rf"^\s*(?:(?P<up>{_UP})|(?P<down>{_DOWN}))\b", re.I)
_BASIS = re.compile(
    r"\b(?P<yoy>year[- ](?:over|on)[- ]year|yoy|y/y|from (?:a|the prior|the previous|last) year(?: ago)?|a year ago|over the prior year|"
    r"versus (?:last|the prior|a) year|(?:from|compared with|compared to|over|versus) the same (?:period|quarter)(?: (?:of|in) (?:the previous year|last year|\d{4}))?)"
    r"|\b(?P<seq>sequential(?:ly)?|quarter[- ](?:over|on)[- ]quarter|q/q|qoq|from (?:the|last) (?:previous |prior )?quarter)", re.I)
_COMPARATOR = re.compile(r"\b(?:compared (?:with|to)|versus|vs\.?|from|against|up from|down from)\s*(?:the\s+|a\s+)?(?:about|around|approximately|almost)?\s*$", re.I)
_TO_NEXT = re.compile(r"^\s*,?\s*(?:(?:year[- ](?:over|on)[- ]year|sequentially|quarter[- ]over[- ]quarter|organically|in constant currency)\s*,?\s*)?(?:to|at|reaching)\s*$", re.I)
_RANGE_FROM = re.compile(r"\b(?:range[sd]?|ranging|guidance|outlook|expect\w*|between)\b[^.;]{0,12}\bfrom\s*$|(?<![\w,])(?:of|is|be|at)\s+from\s*$", re.I)
_RANGE_JOIN = re.compile(r"^\s*(?:to|-|–|—|and|through)\s*$", re.I)
_RANGE_LEAD = re.compile(r"(?:between|range of|ranging from|in the range of|range|from)\s*$", re.I)
_APPROX = re.compile(r"\b(?P<a>about|around|almost|nearly|approximately|roughly|over|more than|less than|under|at least|close to|up to|exceeded|exceeding|above|below|some|just over|just under|north of|approx\.)\s*$", re.I)

_GUIDE_STRONG = re.compile(
    r"\b(?:guid(?:e|es|ed|ing|ance)|outlook|expect(?:s|ed|ing)?|anticipat\w*|forecast\w*|project(?:s|ed|ing)?|"
    r"we see|sees|target(?:s|ing)?|aim(?:s|ing)? (?:for|to)|looking ahead|going forward|next (?:quarter|year)|"
    r"plan(?:s|ning)? to|estimate[sd]?|should (?:be|reach|come)|we(?:'ll| will) (?:deliver|reach|grow))\b", re.I)
_GUIDE_WEAK = re.compile(r"\b(?:will|would be|is going to|are going to)\b", re.I)
_PAST_GUIDE = re.compile(r"\b(?:above|below|within|exceed\w*|beat|ahead of|top end|high end|low end) (?:of )?(?:the |our )?"
                         r"(?:(?:top|upper|high|low|lower|bottom)(?: end)? of )?(?:our |the )?(?:prior |previous )?"
                         r"(?:guidance|outlook|expectations?|targets?|forecasts?)", re.I)
# Words each guidance regex needs somewhere in the sentence: most sentences skip the regex.
_MAY_PAST_GUIDE = any_of_ignorecase(("guidance", "outlook", "expectation", "target", "forecast"))
_MAY_GUIDE_STRONG = any_of_ignorecase(("guid", "outlook", "expect", "anticipat", "forecast", "project", "we see", "sees",
                                       "target", "aim", "looking ahead", "going forward", "next", "plan", "estimate",
                                       "should", "we'll", "we will"))
_MAY_GUIDE_WEAK = any_of_ignorecase(("will", "would be", "going to"))

_QUAL_AFTER = re.compile(r"^\s+(?:of|for|from|in)\s+(?:our\s+|the\s+|its\s+)?(?P<q>(?!(?:the|this|that|about|approximately|around|over|our|us|first|second|third|fourth|last|next|fiscal|full|fy|q\d|quarter|year|period|month|\d)\b)[A-Za-z][\w&-]*(?:\s+(?!(?:of|was|is|were|at|in|to|by|and|or|reached|came|grew|rose|fell|stood|hit|totaled|amounted|has|had|have|will|would)\b)[a-z][\w-]*(?<!ed))?)")
_QUAL_BEFORE = re.compile(r"(?:^|\s)(?P<q>[A-Z][\w&-]*|[A-Z]{2,}\w*)\s+$")
_NOT_QUAL = {"The", "Our", "This", "That", "We", "In", "Its", "And", "But", "So", "For", "Total", "Q1", "Q2", "Q3", "Q4"}

# The leading look-ahead (the first letters of every alternative) lets the engine skip to where one can start.
_PERIOD = re.compile(
    r"(?=[abcdefhijlmnopqstwy1-4])\b(?:(?:first|second|third|fourth|1st|2nd|3rd|4th|last|next|current|this|same|prior|previous|december|march|june|september)\s+quarter"
    r"(?:\s+(?:of\s+)?(?:fiscal\s+)?(?:year\s+)?'?\d{2,4})?|q[1-4](?:\s*(?:fy)?\s*'?\d{2,4})?|[12]q\s?'?\d{2,4}"
    r"|(?:full|fiscal|whole|entire|calendar)[\s-]year(?:\s+(?:of\s+)?'?\d{2,4})?|(?:fiscal|fy)\s?'?\d{2,4}"
    r"|(?:first|second|1st|2nd)\s+half(?:\s+of\s+(?:the\s+year|\d{4}))?|h[12]\s?'?\d{2,4}|(?:this|last|next|the)\s+year"
    r"|(?:year|quarter)[- ]to[- ]date|throughout\s+\d{4}|(?:in|for|during|of|by)\s+(?:the\s+year\s+)?(?:19|20)\d{2}"
    r"|(?:end of|as of)\s+(?:the\s+)?(?:year|quarter|" + _MONTHS + r")(?:\s+\d{4})?|" + _MONTHS + r"\s+(?:and\s+" + _MONTHS + r")?(?:\s+(?:19|20)\d{2})?)\b",
    re.I,
)
_MONEY_KEYS = {"revenue", "net income", "adjusted net income", "operating income", "gross profit", "cash flow", "ARR", "GMV"}
_FUTURE_PERIOD = re.compile(r"\b(?:next|coming|upcoming)\b", re.I)
_THIS_NEXT = re.compile(r"\b(?:this|next)\b", re.I)
_PERIOD_LEAD = re.compile(r"^(?:in|for|during|of|by)\s+", re.I)
_PER_SHARE = re.compile(r"\s*(?:per (?:diluted )?share|a share)", re.I)  # used with match(text, pos)
_SEMI_OR_DIGIT = re.compile(r"[;]|\d")
_YEAR = re.compile(r"(?:19|20)\d{2}")
_LETTER_BEFORE = re.compile(r"[A-Za-z]-?$")
_LETTER_AFTER = re.compile(r"-?[A-Za-z]")
# "Atlas 3 orders", "the Mi 13 series", "Phase 2": a small whole number right after a capitalised word inside a
# sentence is part of a name, not a count.
_NAME_BEFORE = re.compile(r"[^.!?:;\s]\s+[A-Z][A-Za-z]+\s$")


@dataclass
class Figure:
    """One reported or guided number; `value`, `change`, `period` and `text_span` are verbatim slices of `sentence`."""

    metric: str  # the metric as named in the call, e.g. "adjusted net profit", "" when unnamed
    metric_key: str  # canonical metric, e.g. "net income", "revenue", "" when unknown
    value: str  # verbatim, e.g. "$1.725 billion to $1.775 billion", "66 billion yuan", "9%"
    unit: str | None  # "USD", "CNY", "%", "bps", "people", ...; None when the call does not say
    amount: float | None  # the number (low end of a range) times its scale
    period: str | None  # verbatim, e.g. "fourth quarter", "2022", "full year"
    change: str | None  # verbatim, e.g. "a decrease of 22.8% from the same period in 2021"
    change_pct: float | None  # signed, e.g. -22.8
    change_basis: str | None  # "year over year" | "sequential" | None
    kind: str  # "reported" | "guidance"
    approx: str | None  # "about", "over", ... as said
    sentence_position: int
    turn: int
    speaker: str | None
    sentence: str
    text_span: str  # the clause the figure was read from (verbatim)
    score: float = 0.0

    def to_json(self) -> dict[str, Any]:
        return {k: getattr(self, k) for k in _FIGURE_FIELDS}  # flat fields: faster than asdict's deep copy

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> "Figure":
        return cls(**{k: data.get(k) for k in cls.__dataclass_fields__})  # type: ignore[arg-type]


_FIGURE_FIELDS = tuple(Figure.__dataclass_fields__)


_UNSEEN = object()


@dataclass
class _Hit:
    start: int
    end: int
    pre: str | None
    num: str
    scale: str | None
    pct: str | None
    post: str | None
    end2: int | None = None  # end of a range's high end
    role: str = "value"  # value | change | comparator | drop
    noun: str | None = None
    dir_before: Any = _UNSEEN  # `_dir_before`'s match, once searched


def _parse_num(s: str) -> float:
    return float(s.replace(",", ""))


def _hits(text: str) -> list[_Hit]:
    out: list[_Hit] = []
    for m in _VALUE.finditer(text):
        pre, num, scale, pct, post = m["pre"], m["num"], m["scale"], m["pct"], m["post"]
        start, end = m.start(), m.end()
        if pre:
            start = m.start("pre")
        else:
            start = m.start("num")
        scale_l = (scale or "").lower()
        if scale_l in ("b", "m", "k") and not pre and not post and not pct:
            # "5G", "3m" without money: too ambiguous
            if scale_l != "k" or not num[:1].isdecimal():
                continue
        h = _Hit(start, end, pre, num, scale, (pct or "").strip() or None, post)
        before, after = text[max(0, start - 30):start], text[end:end + 60]
        plain = not (pre or scale or pct or post)
        if plain:
            n = _parse_num(num)
            if _YEAR.fullmatch(num) or _DATE_BEFORE.search(before) or _DATE_AFTER.match(after):
                continue
            if _LETTER_BEFORE.search(before) or _LETTER_AFTER.match(after):
                continue
            if n < 100 and num.isdecimal() and _NAME_BEFORE.search(before):
                continue
            cm = _COUNT_NOUN.match(after)
            if cm:
                h.noun = cm["noun"].lower()
            elif "." in num or "," in num or n >= 10:
                h.noun = None  # maybe a ratio or count named by its metric; decided later
            else:
                continue
        out.append(h)
    return out


def _pct_family(p: str | None) -> str:
    p = (p or "").lower().strip()
    return "" if not p else "bps" if ("basis" in p or p == "bps") else "pp" if ("point" in p or p == "pp") else "%"


def _merge_ranges(text: str, hits: list[_Hit]) -> list[_Hit]:
    merged: list[_Hit] = []
    i = 0
    while i < len(hits):
        h = hits[i]
        if i + 1 < len(hits):
            nx = hits[i + 1]
            gap = text[h.end:nx.start]
            lead = text[max(0, h.start - 25):h.start]
            kinds_ok = _pct_family(h.pct) == _pct_family(nx.pct)
            if _RANGE_JOIN.match(gap) and kinds_ok and (gap.strip() != "and" or re.search(r"between\s*$", lead, re.I)):
                if _COMPARATOR.search(lead) and not re.search(r"(?:^|\W)from\s*$", lead, re.I) or \
                        re.search(r"\b(?:up|down|raised|lowered|narrowed|widened)\s+from\s*$", lead, re.I):
                    h.role = "comparator"  # "up from 11% to 11.5%": the old range as a whole
                elif re.search(r"\bfrom\s*$", lead, re.I) and not re.search(r"range", lead, re.I):
                    h.role = "comparator"  # "from 20 billion to 17.1 billion": the old level
                    merged.append(h)
                    i += 1
                    continue
                h.end2 = nx.end
                h.scale = h.scale or nx.scale
                h.pre = h.pre or nx.pre
                h.pct = h.pct or nx.pct
                h.post = h.post or nx.post
                h.noun = h.noun or nx.noun
                merged.append(h)
                i += 2
                continue
        merged.append(h)
        i += 1
    return merged


def _dir_before(text: str, h: _Hit) -> re.Match | None:
    """An up/down word just before the hit (in the 40 characters before it), searched once per hit."""
    if h.dir_before is _UNSEEN:
        h.dir_before = _DIR_BEFORE.search(text[max(0, h.start - 40):h.start])
    return h.dir_before  # type: ignore[return-value]


def _direction(text: str, h: _Hit) -> int:
    m = _dir_before(text, h)
    if m:
        return 1 if m["up"] else -1
    end = h.end2 or h.end
    m = _DIR_AFTER.match(text[end:end + 25])
    if m:
        return 1 if m["up"] else -1
    return 0


_METRIC_RIGHT_AFTER = re.compile(r"^\s+(?:of|in)\s+(?:our\s+)?$")


_OF_REVENUE = re.compile(r"^\s+of\s+(?:total\s+|net\s+)?(?:revenues?|sales)\b", re.I)


def _metric(text: str, start: int, end: int, lo: int, hi: int, pct: bool = False,
            active: list[int] | None = None) -> tuple[str, str, int]:
    """The metric named just after the value ("$31.2 million of free cash flow"), else nearest before it, else after."""
    if pct and _OF_REVENUE.match(text[end:]):  # "costs were 1.1% of revenue": a ratio of the metric before
        b = find_metric(text, lo, start, last=True, active=active)
        ofr = _OF_REVENUE.match(text[end:]).group(0).strip()  # type: ignore[union-attr]
        if b is not None and b.key not in _MONEY_KEYS:
            return f"{b.m.group(0).lower()} ({ofr})", b.key, b.w
        return ofr, "share", 3
    a = find_metric(text, end, min(hi, end + 30), last=False, active=active)
    if a and _METRIC_RIGHT_AFTER.match(text[end:a.m.start()]):
        name = a.m.group(0)
        return (name if any(c.isupper() for c in name[1:]) else name.lower()), a.key, a.w
    b = find_metric(text, lo, start, last=True, active=active)
    if b is None:
        aend = min(hi, end + 45)
        a = find_metric(text, end, aend, last=False, active=active)
        if a is None:
            return "", "", 0
        name = a.m.group(0)
        q = _QUAL_BEFORE.search(text[end:a.m.start()])
        if q and q["q"] not in _NOT_QUAL:
            name = f"{q['q']} {name}"
        return name.lower() if not name.isupper() else name, a.key, a.w
    m = b.m
    name = m.group(0)
    q = _QUAL_BEFORE.search(text[lo:m.start()])
    if q and q["q"] not in _NOT_QUAL and not q["q"].endswith(("’s", "'s")):
        name = f"{q['q']} {name}"
    qa = _QUAL_AFTER.match(text[m.end():start])
    if qa:
        name = f"{name} of {qa['q']}"
    return name if any(c.isupper() for c in name[1:]) else name.lower(), b.key, b.w


def _clause_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    lo = max(text.rfind(";", 0, start), text.rfind(". ", 0, start), text.rfind(": ", 0, start))
    lo = lo + 1 if lo >= 0 else 0
    cand = [i for i in (text.find(";", end), text.find(". ", end)) if i >= 0]
    hi = min(cand) if cand else len(text)
    return lo, hi


def _period(periods: list[re.Match], start: int, lo: int, hi: int) -> str | None:
    best, dist = None, 10**9
    for m in periods:
        d = start - m.end() if m.end() <= start else m.start() - start
        if not (lo <= m.start() <= hi or lo <= m.end() <= hi):
            d += 200  # outside the clause: only as a fallback
        if d < dist:
            best, dist = m.group(0), d
    if best:
        best = _PERIOD_LEAD.sub("", best)
    return best


def _unit(h: _Hit, metric_key: str, text: str) -> str | None:
    if h.pct:
        p = h.pct.lower().strip()
        if "basis" in p or p == "bps":
            return "bps"
        if "point" in p or p == "pp":
            return "pp"
        return "%"
    cur = None
    for c in (h.pre, h.post):
        if c:
            cur = _CURRENCY.get(c.strip().lower())
    if cur and _PER_SHARE.match(text, h.end2 or h.end):
        return f"{cur}/share"
    if cur and metric_key == "EPS":
        return f"{cur}/share"
    if cur:
        return cur
    if h.noun:
        return h.noun
    return None


_PAST, _STRONG, _WEAK, _NONE = range(4)


def _guidance_words(sentence: str) -> int:
    """What the sentence's wording says about guidance, whatever the period: past guidance (beat, within),
    strong words (expect, outlook), weak ones (will), or none. Once per sentence, not per figure."""
    if _MAY_PAST_GUIDE(sentence) and _PAST_GUIDE.search(sentence):
        return _PAST
    if _MAY_GUIDE_STRONG(sentence) and _GUIDE_STRONG.search(sentence):
        return _STRONG
    return _WEAK if _MAY_GUIDE_WEAK(sentence) and _GUIDE_WEAK.search(sentence) else _NONE


def _is_guidance(sentence: str, period: str | None, words: int | None = None) -> bool:
    w = _guidance_words(sentence) if words is None else words
    if w == _PAST:
        return False
    if w == _STRONG:
        return True
    if period and _FUTURE_PERIOD.search(period):
        return True
    if w == _WEAK and period and _THIS_NEXT.search(period):
        return True
    return False


def figures_in_sentence(sentence: Sentence, speaker: str | None = None) -> list[Figure]:
    """Every figure one sentence states, with its change attached; comparators and years are not figures."""
    text = sentence.text
    if not _DIGIT.search(text):
        return []
    hits = _merge_ranges(text, _hits(text))
    # classify: change percentages, comparators
    for h in hits:
        if h.role != "value":
            continue
        lead = text[max(0, h.start - 30):h.start]
        if _COMPARATOR.search(lead) and not (h.end2 and _RANGE_FROM.search(lead)):
            h.role = "comparator"
        elif h.pct and h.pct.lower().strip() not in ("pp",) and (_direction(text, h) or _BASIS.match(text[(h.end2 or h.end):(h.end2 or h.end) + 60].lstrip(" ,"))):
            h.role = "change"
    out: list[Figure] = []
    values = [h for h in hits if h.role == "value"]
    owner: dict[int, _Hit] = {}
    for idx, h in enumerate(hits):
        if h.role not in ("change", "comparator"):
            continue
        nxt = hits[idx + 1] if idx + 1 < len(hits) else None
        prv = hits[idx - 1] if idx > 0 else None
        end = h.end2 or h.end
        if nxt and nxt.role == "value" and _TO_NEXT.match(text[end:nxt.start]):
            owner[id(h)] = nxt
        elif prv is not None:
            target = prv if prv.role == "value" else owner.get(id(prv))
            gap = text[(prv.end2 or prv.end):h.start]
            if target is not None and len(gap) < 90 and ";" not in gap:
                owner[id(h)] = target
    changes: dict[int, list[_Hit]] = {}
    for h in hits:
        t = owner.get(id(h))
        if t is not None:
            changes.setdefault(id(t), []).append(h)
    standalone = [h for h in hits if h.role == "change" and id(h) not in owner]
    prev_end = 0
    guide: int | None = None
    periods: list[re.Match] | None = None
    free_periods: list[re.Match] | None = None
    active = active_metrics(text)
    for h in sorted(values + standalone, key=lambda x: x.start):
        end = h.end2 or h.end
        lo, hi = _clause_bounds(text, h.start, end)
        metric, key, weight = _metric(text, h.start, end, max(lo, prev_end), hi, bool(h.pct), active)
        prev_end = end
        if not key and h.pre and _PER_SHARE.match(text, end):
            metric, key, weight = "per share", "EPS", 9
        if not (h.pre or h.scale or h.pct or h.post or h.noun) and (
                not key or find_metric(text, max(lo, h.start - 30), h.start, last=True, active=active) is None):
            continue  # a bare number nobody named right before it ("book-to-bill ratio of 1.17" is kept)
        if h.pct and key in _MONEY_KEYS and h.role != "change" and not changes.get(id(h)):
            key, weight = "share", 3  # "overseas revenue was 49.2%": a share, not a level
        if h.noun and not key:
            metric, key, weight = h.noun, "count", 3
        value = text[h.start:end]
        chg_text, chg_pct, basis = None, None, None
        pieces = changes.get(id(h), [])
        if h.role == "change":
            pieces = [h]
        for c in pieces:
            cend = c.end2 or c.end
            dstart = c.start
            dm = _dir_before(text, c)
            if dm:
                dstart = max(0, c.start - 40) + dm.start()
            bm = _BASIS.search(text[cend:cend + 70])
            span_end = cend
            da = _DIR_AFTER.match(text[cend:cend + 25])
            if da:
                span_end = cend + da.end()
            if bm and not _SEMI_OR_DIGIT.search(text, cend, cend + bm.start()):
                span_end = cend + bm.end()
                basis = "sequential" if bm["seq"] else "year over year"
            if c.role == "comparator":
                cm = _COMPARATOR.search(text[max(0, c.start - 30):c.start])
                dstart = max(0, c.start - 30) + cm.start() if cm else c.start
                chg_text = (chg_text + "; " if chg_text else "") + text[dstart:span_end].strip(" ,")
                continue
            sign = _direction(text, c)
            if c.pct and "%" in c.pct or (c.pct and "per" in c.pct.lower()):
                chg_pct = sign * _parse_num(c.num) if sign else _parse_num(c.num)
            chg_text = (chg_text + "; " if chg_text else "") + text[dstart:span_end].strip(" ,")
        if h.role == "change" and key and key not in ("growth",) and not metric.endswith("growth"):
            metric = f"{metric} growth"
        if periods is None:
            periods = list(_PERIOD.finditer(text))
        if free_periods is None:  # periods inside a change or comparison clause belong to it, not to values
            spans = [(c.start - 40, (c.end2 or c.end) + 70) for c in hits if c.role in ("change", "comparator")]
            free_periods = [p for p in periods if not any(a <= p.start() < b for a, b in spans)]
        period = _period(free_periods, h.start, lo, hi)
        if guide is None:
            guide = _guidance_words(text)
        am = _APPROX.search(text[max(0, h.start - 20):h.start])
        amount = _parse_num(h.num) * _SCALES.get((h.scale or "").lower(), 1.0)
        fig = Figure(metric=metric, metric_key=key, value=value, unit=_unit(h, key, text), amount=amount,
                     period=period, change=chg_text, change_pct=chg_pct, change_basis=basis,
                     kind="guidance" if _is_guidance(text, period, guide) else "reported",
                     approx=am["a"].lower() if am else None, sentence_position=sentence.position,
                     turn=sentence.turn, speaker=speaker, sentence=text,
                     text_span=text[lo:hi].strip(), score=0.0)
        fig.score = weight + (3 if fig.kind == "guidance" and key else 0) + (1 if fig.change else 0) + (1 if fig.unit else 0)
        out.append(fig)
    return out


def _speaker_of(transcript: Transcript, turn: int) -> tuple[str | None, str]:
    if 0 <= turn < len(transcript.turns):
        t = transcript.turns[turn]
        return t.speaker, t.role
    return None, "other"


def _skip(text: str) -> bool:
    return is_legal_cheap(text)


def extract_figures(transcript: Transcript, sentences: list[Sentence], *, limit: int | None = None) -> list[Figure]:
    """The call's key figures, headline ones first (revenue, EPS, income, margins, guidance), deduplicated."""
    figs: list[Figure] = []
    for s in sentences:
        if len(s.text) > 5000 or not _DIGIT.search(s.text):
            continue
        speaker, role = _speaker_of(transcript, s.turn)
        if role in ("operator", "analyst") or _skip(s.text):
            continue  # an analyst quoting or proposing a number is not the company reporting or guiding it
        figs.extend(figures_in_sentence(s, speaker))
    seen_keys: dict[tuple[str, str], int] = {}
    for f in figs:  # call order: the first mention of a metric is usually the headline (total) number
        k = (f.metric_key, f.kind)
        nth = seen_keys.get(k, 0)
        seen_keys[k] = nth + 1
        if f.metric_key:
            f.score = round(f.score + (2.0 if nth == 0 else 1.0 if nth == 1 else 0.0), 3)
        if f.metric.endswith("growth") and f.change and f.value in f.change:
            f.score -= 1.5  # a bare growth rate says less than a level with its change
    figs.sort(key=lambda f: (-f.score, f.sentence_position))
    seen: set[tuple] = set()
    out: list[Figure] = []
    for f in figs:
        sig = (f.metric_key or f.metric, round(f.amount or 0, 6), f.unit)
        if sig in seen:
            continue
        seen.add(sig)
        out.append(f)
    return out[:limit] if limit else out
