"""Finding the numbers of a sentence that can be figures: money, percentages, points, multiples and counts,
ranges joined into one value, and the numbers that are not figures (years, dates, times, phone and page
numbers, product names) left out. Positions index the sentence itself, so every value is a verbatim slice."""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

NUM = r"(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?|\.\d+"
_CUR_PRE = r"(?:US\$|HK\$|C\$|A\$|S\$|NT\$|R\$|RMB\s?|CNY\s?|USD\s?|EUR\s?|GBP\s?|JPY\s?|HKD\s?|INR\s?|Rs\.?\s?|\$|€|£|¥|₹|₩)"
_SCALE = r"(?:trillion|billion|million|thousand|bn|mn|mm|tn|b|m|k)"
_PCT = (r"(?:\s?%|[\s-]?percent(?:age points?)?|[\s-]?per\s?cent|\s?percentage points?|\s?basis points?|\s?bps|\s?bp|\s?pp"
        r"|\s?points?(?=\s+(?:of|in|on|to|from|higher|lower|better|worse|above|below|year|sequentially|versus|vs|compared|"
        r"improvement|increase|decrease|decline|expansion|contraction|headwind|tailwind|impact|benefit)\b|[,.;)]|\s*$))")
_CUR_POST = (r"(?:yuan|renminbi|RMB|CNY|dollars?|euros?|EUR|pounds?|yen|won|rupees?|cents?|USD|GBP|HKD|"
             r"Hong Kong dollars|US dollars|U\.S\. dollars)")
_MULT = r"(?:\s?x(?![\w])|\s?times(?![\w]))"
# The look-ahead (what a currency, a space or a digit can start with) lets the engine skip other characters.
VALUE = re.compile(
    rf"(?=[\s\d.UuHhCcAaSsNnRrEeGgJjIi$€£¥₹₩])(?<![\w.,$€£¥'’/:#])(?P<pre>{_CUR_PRE})?\s?(?P<num>{NUM})"
    rf"(?:\s?(?P<scale>{_SCALE})(?![\w]))?(?P<pct>{_PCT}(?![\w]))?(?P<mult>{_MULT})?"
    rf"(?:\s(?P<post>{_CUR_POST})(?![\w]))?(?![\w]|[:/]\d|,\d{{3}})",
    re.IGNORECASE,
)
CURRENCY = {"us$": "USD", "$": "USD", "usd": "USD", "dollar": "USD", "dollars": "USD", "us dollars": "USD",
            "u.s. dollars": "USD", "hk$": "HKD", "hkd": "HKD", "hong kong dollars": "HKD", "c$": "CAD", "a$": "AUD",
            "s$": "SGD", "nt$": "TWD", "r$": "BRL", "€": "EUR", "eur": "EUR", "euro": "EUR", "euros": "EUR",
            "£": "GBP", "gbp": "GBP", "pound": "GBP", "pounds": "GBP", "¥": "JPY", "jpy": "JPY", "yen": "JPY",
            "rmb": "CNY", "cny": "CNY", "yuan": "CNY", "renminbi": "CNY", "₹": "INR", "inr": "INR", "rs": "INR",
            "rs.": "INR", "rupee": "INR", "rupees": "INR", "₩": "KRW", "won": "KRW", "cent": "USD", "cents": "USD"}
SCALES = {"trillion": 1e12, "tn": 1e12, "billion": 1e9, "bn": 1e9, "b": 1e9, "million": 1e6, "mn": 1e6, "mm": 1e6,
          "m": 1e6, "thousand": 1e3, "k": 1e3}
# Counted nouns that make a bare number a metric ("1,200 people", "9,800 stores"); other counts ("14 countries",
# "3 questions", "640 sites") are not figures.
COUNT_NOUNS = {
    "people": "headcount", "employees": "headcount", "staff": "headcount", "engineers": "headcount",
    "associates": "headcount", "team members": "headcount", "users": "users", "customers": "customers",
    "clients": "customers", "subscribers": "subscribers", "members": "customers", "accounts": "customers",
    "merchants": "customers", "households": "customers", "stores": "stores", "shops": "stores",
    "outlets": "stores", "locations": "stores", "branches": "stores", "restaurants": "stores", "units": "units",
    "robots": "units", "devices": "units", "vehicles": "units", "cars": "units", "phones": "units",
    "smartphones": "units", "homes": "units", "deliveries": "shipments", "rigs": "units", "aircraft": "units",
    "ships": "units", "orders": "bookings",
    # physical volumes ("sales ... of 6 million to 6.5 million megawatt hours"): an amount of product, never revenue
    "megawatt hours": "volume", "megawatt-hours": "volume", "gigawatt hours": "volume", "gigawatt-hours": "volume",
    "tons": "volume", "tonnes": "volume", "metric tons": "volume", "barrels": "volume", "ounces": "volume",
    "gallons": "volume",
}
_COUNT_NOUN = re.compile(
    r"^\s+(?:(?:[A-Z][\w-]*|new|net|paying|active|monthly|daily|total|additional|more|full-time|company-operated|"
    r"franchised|retail|owned)\s+){0,2}"
    r"(?P<noun>" + "|".join(sorted(COUNT_NOUNS, key=len, reverse=True)) + r")\b")
_MONTHS = (r"(?-i:January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|"
           r"Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)\.?")
_NOT_BEFORE = re.compile(
    rf"(?:{_MONTHS}|\bQ[1-4]|\bFY|\bH[12]|\bfiscal|\bNo\.?|#|\bversion|\bv|\bpage|\bpages|\bitem|\bnote|\bslide|"
    r"\bslides|\bexhibit|\bchapter|\bsection|\bpart|\bphase|\bstep|\btier|\blevel|\bstage|\bround|\bclass|\bseries|"
    r"\bmodel|\bgen|\bgeneration|\bform|\brule|\btitle|\bline|\broute|\bextension|\bext\.?|\bS&P|\bRussell|\bFortune|"
    r"\bCOVID|\bnumber|\btop|\bpriority|\bday|\bweek|\bmonth|\byear)\s?-?$", re.I)
_NOT_AFTER = re.compile(
    rf"^(?:\s?{_MONTHS}\b|st\b|nd\b|rd\b|th\b|-(?:year|month|day|week|hour|minute|quarter|point|for|pack|inch|"
    r"foot|mile|plus)\b|\s?(?:years?|months?|weeks?|days?|hours?|minutes?|seconds?|quarters?|"
    r"a\.m\.|p\.m\.|am\b|pm\b|o'clock|miles?|km|kilometers?|feet|inches|acres|square feet|sq\.? ft|mw|gw|kw|mwh|"
    r"gwh|degrees?|people (?:joined|attended)|questions?|analysts?|calls?|slides?|pages?|countries|markets|cities|states|"
    r"sites|plants|facilities|factories|warehouses|offices|languages|segments|brands|categories|products|skus|patents|"
    r"acquisitions|deals|things|ways|reasons|priorities|pillars|drivers|of (?:the|our|us|them|those|these))\b)", re.I)
_LAST_WORD = re.compile(r"([A-Za-z&#.]+|#)\s?-?$")
_NOT_BEFORE_WORDS = frozenset("""q1 q2 q3 q4 fy h1 h2 fiscal no no. # version v page pages item note slide slides exhibit
chapter section part phase step tier level stage round class series model gen generation form rule title line route
extension ext ext. s&p russell fortune covid number top priority day week month year january february march april may
june july august september october november december jan feb mar apr jun jul aug sep sept oct nov dec jan. feb. mar.
apr. jun. jul. aug. sep. sept. oct. nov. dec.""".split())
_CAP_MONTHS = frozenset("""January February March April May June July August September October November December Jan Feb
Mar Apr Jun Jul Aug Sep Sept Oct Nov Dec""".split())


def _not_before(before: str) -> bool:
    """Whether the word just before a bare number makes it a date, period, page, rank or name ('March 25', 'Q4 2022',
    'slide 5', 'No. 1'); the same test as `_NOT_BEFORE`, read from the last word only."""
    if before.endswith("#"):
        return True
    m = _LAST_WORD.search(before, max(0, len(before) - 16))
    if not m:
        return False
    w = m.group(1)
    low = w.lower()
    if low.rstrip(".") in _CAP_MONTHS_LOW:  # month names count only capitalised ("May" is a month, "may" a verb)
        return w.rstrip(".") in _CAP_MONTHS
    return low in _NOT_BEFORE_WORDS or low.rstrip(".") in _NOT_BEFORE_WORDS


_CAP_MONTHS_LOW = frozenset(m.lower() for m in _CAP_MONTHS)
_PHONE = re.compile(r"(?:\+?\d{1,3}[-. ])?\(?\d{3}\)?[-. ]\d{3}[-. ]\d{4}\b|\b\d{1,2}:\d{2}\b|\b\d{1,2}/\d{1,2}(?:/\d{2,4})?\b")
_YEAR = re.compile(r"(?:19[5-9]\d|20\d\d|2100)")
_LETTER_BEFORE = re.compile(r"[A-Za-z]-?$")
_LETTER_AFTER = re.compile(r"-?[A-Za-z]")
# "Atlas 3 orders", "the Mi 13 series", "Phase 2": a small whole number right after a capitalised word inside a
# sentence is part of a name, not a count.
_NAME_BEFORE = re.compile(r"[^.!?:;\s]\s+[A-Z][A-Za-z]+\s$")
RANGE_JOIN = re.compile(r"^(?:\s+per (?:diluted )?(?:common )?share)?\s*(?:to|-|–|—|and|through)\s*(?:\+|up\s+|down\s+|a\s+)?$",
                        re.I)  # "+10% to +13%", "5% to up 7%", "$0.90 to a $1"
# "from X to Y" is a range only in a range or outlook ("range from", "guidance ... from"); else it is a change
_FROM = re.compile(r"\bfrom\s*(?:about\s+|approximately\s+)?$", re.I)
_RANGE_FROM = re.compile(r"\b(?:range[sd]?|ranging|between|vary|varies)\b[^.;]{0,16}\bfrom\s*$"
                         r"|(?<![\w,])(?:of|is|be|at|are)\s+from\s*$", re.I)
# "to $3.60 to $3.70 from $3.45 to $3.55", "11.5% to 12%, up from 11% to 11.5%": the range said against
_AFTER_VALUE_FROM = re.compile(r"(?:\s+per (?:diluted )?share)?(?:\s+(?:for|in)\s+(?:the\s+)?(?:full\s+|fiscal\s+)?(?:year|quarter|"
                               r"(?:19|20)\d\d))?\s*,?\s*(?:(?:up|down|raised|lowered|increased|reduced|narrowed|"
                               r"widened|revised|changed|moved|updated|compared)\s+)?from\s*(?:the\s+)?(?:prior\s+|previous\s+)?",
                               re.I)
# "could range from $0.36 to $0.51 on a GAAP basis, and from $0.57 to $0.72 on a non-GAAP basis": the second 'from'
# of a range said once
_RANGE_FROM_EARLIER = re.compile(r"\b(?:range[sd]?|ranging)\s+(?:from|between)\b[^;]*\b(?:and|or)\s+from\s*$", re.I)
# "declined 11% or $54.1 million to $439.5 million": the amount restates the change, "to" gives the value
_RESTATED_CHANGE = re.compile(r"(?:%|percent|points?|bps)\s*,?\s*or\s+(?:about\s+|approximately\s+|roughly\s+)?$", re.I)
_BY = re.compile(r"\bby\s*(?:about\s+|approximately\s+|roughly\s+|nearly\s+|another\s+|an additional\s+)?$", re.I)
_RANGE_OF = re.compile(r"\brange of\s*(?:about\s+|approximately\s+)?$", re.I)  # "in the range of $2.55 and $2.65"
_BETWEEN = re.compile(r"\bbetween\s*(?:about\s+|approximately\s+|roughly\s+)?$", re.I)


@dataclass
class Hit:
    """One number with its unit words: `start`..`end` is the value (`end2`: the end of a range's high end)."""

    start: int
    end: int
    pre: str | None
    num: str
    scale: str | None
    pct: str | None
    mult: bool
    post: str | None
    num2: str | None = None  # a range's high end
    scale2: str | None = None
    end2: int | None = None
    noun: str | None = None  # a counted noun after a bare number ("1,200 people")
    role: str = "value"  # value | change | comparator | previous
    owner: Any = None  # the value hit a change or comparator belongs to
    dir_sign: int = 0  # +1 / -1 when an up/down word governs it (set by the classifier)
    dir_start: int | None = None  # where that word starts
    vs_guidance: bool = False  # a comparator that is the guidance a result is set against
    pair: Any = None  # "increased $242 million or 24%": the amount and the percent of one change point at each other

    @property
    def stop(self) -> int:
        """The end of the whole value (a range's high end included)."""
        return self.end2 if self.end2 is not None else self.end

    @property
    def bare(self) -> bool:
        """No currency, scale, percent, multiple or counted noun: a plain number."""
        return not (self.pre or self.scale or self.pct or self.post or self.mult or self.noun)

    @property
    def money(self) -> bool:
        """A currency is said ('$', 'yuan', 'cents')."""
        return bool(self.pre or (self.post and self.post.lower() in CURRENCY))

    @property
    def amountish(self) -> bool:
        """Money, or a scaled number with no percent or count ('17.1 billion' of inventory)."""
        return self.money or bool(self.scale and not self.pct and not self.noun and not self.mult)

    def pct_kind(self) -> str:
        """'' (not a percentage), '%', 'bps' or 'pp'."""
        return pct_family(self.pct)


@lru_cache(maxsize=256)
def pct_family(p: str | None) -> str:
    """'' (no percent word), '%', 'bps' (basis points) or 'pp' (percentage points, points)."""
    p = (p or "").lower().strip()
    if not p:
        return ""
    if "basis" in p or p in ("bps", "bp"):
        return "bps"
    if "point" in p or p == "pp":
        return "pp"
    return "%"


def parse_num(s: str) -> float:
    """'1,234.5' -> 1234.5."""
    return float(s.replace(",", ""))


def amount_of(num: str, scale: str | None, post: str | None = None) -> float:
    """The number times its scale ("1.5", "billion" -> 1.5e9); cents are hundredths of the currency."""
    a = parse_num(num) * SCALES.get((scale or "").lower(), 1.0)
    if post and post.lower().startswith("cent"):
        a /= 100
    return a


_MAY_MASK = re.compile(r"\d(?:[:/]\d|\d\d\)?[-. ]\d{3}[-. ]\d{4})")  # a leading digit lets the engine skip ahead


def _masked(text: str) -> str:
    """The text with phone numbers, clock times and slash dates blanked (same length), so they give no numbers."""
    if not _MAY_MASK.search(text):
        return text
    return _PHONE.sub(lambda m: " " * len(m.group(0)), text)


_DIGITS = re.compile(r"\d+")


def _number_starts(text: str):
    """Where each number starts: a run of digits not glued to one before it by ',' or '.', or the '.' of '.5'
    (the starts `(?<![\\d,.])\\.?\\d` finds, from one scan for digit runs, which the engine does far faster)."""
    for d in _DIGITS.finditer(text):
        p = d.start()
        c = text[p - 1] if p else ""
        if c == ",":
            continue
        if c == ".":
            if p > 1 and (text[p - 2].isdecimal() or text[p - 2] in ",."):
                continue
            p -= 1
        yield p


def _values(text: str):
    """`VALUE.finditer(text)`, tried only just before each number (a currency is at most 5 characters long): the same
    matches, without the engine trying every position of the sentence."""
    last = 0
    for p in _number_starts(text):
        if p < last:
            continue
        m = VALUE.search(text, max(last, p - 6))
        while m is not None and m.end() <= p:  # a match wholly before this number: there is none for it
            m = VALUE.search(text, m.end())
        if m is None:
            return
        if m.start() > p + 1:
            continue
        last = m.end()
        yield m


def scan(text: str) -> list[Hit]:
    """Every number of the sentence with its unit words, ranges joined, non-figures (years, dates, names) left out."""
    raw: list[Hit] = []
    masked = _masked(text)
    for m in _values(masked):
        pre, num, scale, pct, post = m.group("pre", "num", "scale", "pct", "post")
        scale_l = (scale or "").lower()
        if scale_l in ("b", "m", "k", "mm") and not pre and not post and not pct:
            # "5G", "3m" without money: too ambiguous ("20k" stays a count)
            if scale_l != "k":
                scale = None
        start = m.start("pre") if pre else m.start("num")
        end = m.end()
        if scale is None and m["scale"]:
            end = m.end("num")
        h = Hit(start, end, pre.strip() if pre else None, num, scale, (pct or "").strip() or None,
                bool(m["mult"]), post)
        raw.append(h)
    hits = _join_ranges(text, raw)
    return [h for h in hits if _keep(text, h)]


def _join_ranges(text: str, hits: list[Hit]) -> list[Hit]:
    """'$1.725 billion to $1.775 billion', '42% and 43%' after 'between', '15-18%', '60 to 80 basis points': one value.

    The low end takes the unit words of the high end when it has none ('1.7 to 1.8 billion')."""
    out: list[Hit] = []
    i = 0
    while i < len(hits):
        h = hits[i]
        if i + 1 < len(hits) and RANGE_JOIN.match(text[h.end:hits[i + 1].start]):  # (no range without a joiner)
            nx = hits[i + 1]
            gap = text[h.end:nx.start]
            lead = text[max(0, h.start - 30):h.start]
            # "to $3.60 to $3.70 from $3.45 to $3.55": the range said against a value; after a change of another
            # unit ("up 5% from $417 million to $438 million") 'from' opens a move, not a range
            after_value = bool(out) and _AFTER_VALUE_FROM.fullmatch(text[out[-1].stop:h.start]) is not None and \
                (out[-1].num2 is not None or out[-1].pct_kind() == h.pct_kind())
            fam_ok = h.pct_kind() == nx.pct_kind() or (not h.pct and nx.pct) or (h.pct and not nx.pct and "-" in gap)
            # "by $25 million to $450 million" is a change and the value it comes to, and so is "improved by 5% to
            # 37%"; "grow by 5% to 7%" is a range (its ends close: the high end at most twice the low one plus 5)
            joiner = RANGE_JOIN.match(gap) if not _BY.search(lead) or nx.pct_kind() in ("bps", "pp") or (
                h.pct_kind() == nx.pct_kind() == "%" and parse_num(nx.num) <= 2 * parse_num(h.num) + 5) else None
            # ("by 4 to 6 percentage points": points measure a change, never the level it comes to)
            word = gap.strip().lower()
            if joiner and fam_ok and (h.money == nx.money or not h.pre or not nx.pre) and \
                    (word.split(" ")[0] != "and" or _BETWEEN.search(lead) or _RANGE_OF.search(lead)) and \
                    (not _FROM.search(lead) or after_value or _RANGE_FROM.search(text[max(0, h.start - 60):h.start])
                     or _four_to(text, hits, i) or _RANGE_FROM_EARLIER.search(text, 0, h.start)) and \
                    not _RESTATED_CHANGE.search(lead) and \
                    not (word == "to" and h.pct and nx.money) and _plausible_range(h, nx, lead):
                h.num2, h.scale2, h.end2 = nx.num, nx.scale or h.scale, nx.end
                if not h.scale and nx.scale:
                    h.scale = nx.scale  # "$5.15 to $5.25 billion", "1.7 to 1.8 billion": the low end is in billions too
                h.pre = h.pre or nx.pre
                h.pct = h.pct or nx.pct
                h.post = h.post or nx.post
                h.mult = h.mult or nx.mult
                out.append(h)
                i += 2
                continue
        out.append(h)
        i += 1
    return out


# "from $10.70 to $10.80 last quarter to $11.55 to $11.65": when the old range was given may stand between them
# (or a range named: "from $3.40 to $3.50 to a range of $3.46 to $3.54")
_FOUR_TO_MIDDLE = re.compile(r"(?:(?:last|prior|previous) (?:quarter|call|time)\s*,?\s*|previously\s*,?\s*)?(?:up |down )?to"
                             r"(?:\s+(?:a|the|our)\s+(?:new\s+|revised\s+|updated\s+|higher\s+|lower\s+)?range\s+(?:of|from))?")


def _four_to(text: str, hits: list[Hit], i: int) -> bool:
    """'from $3.45 to $3.55 to $3.60 to $3.70', 'from 9% to 10% up to 11% to 12%': four numbers joined by 'to' are two
    ranges, the old and the new."""
    if i + 3 >= len(hits):
        return False
    gaps = [text[hits[j].end:hits[j + 1].start].strip(" ,").lower() for j in range(i, i + 3)]
    return gaps[0] == "to" and _FOUR_TO_MIDDLE.fullmatch(gaps[1]) is not None and gaps[2] == "to" and \
        (i + 4 >= len(hits) or text[hits[i + 3].end:hits[i + 4].start].strip().lower() != "to")


_DOWN_BEFORE = re.compile(r"\b(?:declin\w*|down|decreas\w*|lower|negative|drop\w*|fall\w*|"
                          r"contract\w*|reduc\w*)\s*(?:of|by|between|in the range of)?\s*$", re.I)


_MOVE_BEFORE = re.compile(r"\b(?:up|down|increas\w*|decreas\w*|gr[eo]w\w*|rose|ris(?:e|es|ing)|fell|fall\w*|declin\w*|improv\w*|"
                          r"drop\w*|climb\w*|jump\w*|gain\w*|expand\w*|shr[iu]nk\w*)\s+(?:by\s+)?(?:about\s+|approximately\s+|"
                          r"roughly\s+|nearly\s+|almost\s+|over\s+|more than\s+)?[$€£¥]?\s*$", re.I)


def _plausible_range(lo: Hit, hi: Hit, lead: str = "") -> bool:
    """A range runs upward (downward after 'decline', 'down': 'decline 1.5% to 0.5%') and its ends are alike
    ('2020 to 2021' is two years)."""
    if _YEAR.fullmatch(lo.num) and _YEAR.fullmatch(hi.num) and not (lo.pre or lo.pct):
        return False
    a = amount_of(lo.num, lo.scale or hi.scale)
    b = amount_of(hi.num, hi.scale)
    if not lo.pct and a > 0 and b > 2 * a and _MOVE_BEFORE.search(lead):
        return False  # "net interest income decreased $13 million to $458 million": the move, then where it came to
    if lo.scale and hi.scale and lo.scale.lower() != hi.scale.lower():
        return a <= b
    return a <= b or (bool(lo.pct) and _DOWN_BEFORE.search(lead) is not None)


def _keep(text: str, h: Hit) -> bool:
    """Whether a number can be a figure: not a year, date, time, ordinal, duration, page or product number."""
    if h.pct or h.pre or h.post:
        return True
    before, after = text[max(0, h.start - 30):h.start], text[h.stop:h.stop + 60]
    if h.scale:
        cm = _COUNT_NOUN.match(after)  # "115 million users"
        if cm:
            h.noun = cm["noun"].lower()
        return True
    n = parse_num(h.num)
    if _YEAR.fullmatch(h.num) and h.num2 is None or _not_before(before) or _NOT_AFTER.match(after):
        return False
    if _LETTER_BEFORE.search(before) or _LETTER_AFTER.match(after):
        return False
    if h.mult:
        return True
    if n < 100 and h.num.isdecimal() and _NAME_BEFORE.search(before):
        return False
    cm = _COUNT_NOUN.match(after)
    if cm:
        h.noun = cm["noun"].lower()
        return True
    return "." in h.num or "," in h.num or n >= 10 or h.num2 is not None


def count_key(noun: str | None) -> str:
    """The metric key of a counted noun ('people' -> 'headcount'), '' for none."""
    return COUNT_NOUNS.get(noun or "", "")


def currency_of(h: Hit) -> str | None:
    """The ISO currency of a money value ('$' -> USD, 'yuan' -> CNY), None when it is not money."""
    for c in (h.pre, h.post):
        if c:
            cur = CURRENCY.get(c.strip().rstrip(".").lower()) or CURRENCY.get(c.strip().lower())
            if cur:
                return cur
    return None
