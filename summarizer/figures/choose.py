"""The metric a number belongs to: the mention it is said with (before it, after it, or of a list read
'respectively'), per-share amounts and what they measure, ratios to revenue, impacts and parts of a total, and
the numbers no metric is named for (left out)."""
from __future__ import annotations

import re
from dataclasses import replace

from summarizer.figures.items import is_variance, item_mention
from summarizer.figures.metrics import BASES, Mention, find_mentions, is_name, is_scope_word, scope_case
from summarizer.figures.numbers import Hit, count_key, parse_num
from summarizer.figures.periods import PeriodMention
from summarizer.gates import any_of_ignorecase, search_if

_PER_SHARE = re.compile(r"\s*(?:per (?:diluted |basic |fully diluted )?(?:common |ordinary |class a )?(?:ffo |affo )?(?:share|unit)|"
                        r"a (?:diluted )?share|/share)\b", re.I)
_OF_AFTER = re.compile(r"\s+(?:of|in|from)\s+(?:our\s+|the\s+|its\s+|total\s+|net\s+)*", re.I)
_OF_REVENUE = re.compile(r"\s+of\s+(?:our\s+|the\s+|its\s+|total\s+|net\s+|consolidated\s+|group\s+|company\s+)*"
                         r"(?:revenues?|sales|net sales|turnover)\b", re.I)
_CLAUSE_SUBJECT = re.compile(r"(?:^|[,;]\s+(?:and\s+|but\s+|while\s+)?)(?P<s>[A-Z][\w&'’.-]*(?:\s+[A-Z][\w&'’.-]*){0,2})\s+"
                             r"(?:was|were|is|are|represented|accounted for|made up)\s+(?:about\s+|approximately\s+|"
                             r"roughly\s+|nearly\s+|over\s+|more than\s+)?$")
_RATIO_JOIN = re.compile(r"\s*,?\s*(?:and\s+)?(?:now\s+)?(?:or|representing|represents?|accounts? for|accounting for|makes? up|"
                         r"making up|which is|which was|is|are|was|were|equal to|equivalent to|about|approximately|"
                         r"\s)*\s*", re.I)
_OF_SOMETHING = re.compile(r"\s+of\s+(?!(?:about|approximately|around)\b)[a-z]", re.I)
_OF_TOTAL = re.compile(r"\s+of\s+(?:the\s+|our\s+)?(?:total|overall|group)\b(?!\s+(?:revenue|sales))", re.I)
_AS_PCT_OF = re.compile(r"\b(?:as\s+a\s+)?(?:percent(?:age)?|%|share|ratio)\s+(?:of|to)\s+(?:total\s+|net\s+)?"
                        r"(?:revenues?|sales)\b", re.I)
_RETURNED = re.compile(r"\breturn(?:ed|ing)\s+(?:a total of\s+|approximately\s+|about\s+|nearly\s+|over\s+|more than\s+|"
                       r"roughly\s+|almost\s+)?$", re.I)
_TO_HOLDERS = re.compile(r"\s+(?:of capital\s+|in capital\s+)?to\s+(?:our\s+)?(?:shareholders|stockholders|shareowners|"
                         r"investors|owners)\b", re.I)
_MULT_EBITDA = re.compile(r"\s+(?:our\s+|trailing\s+|annualized\s+|ttm\s+|ltm\s+)*(?:adjusted\s+|pro forma\s+)?ebitda\b", re.I)
_LINE_SUBJECT = re.compile(r"^(?:(?:and|so|now|also)\s+)?(?:our|the|its)\s+(?P<s>[\w&'’ -]{2,30}?)\s+(?:business|segment|line|"
                           r"division|unit|franchise)\b", re.I)
_GROWTH_VERB = re.compile(r"\b(?:grew|rose|increased|declined|fell|decreased|was|were|reached|totaled|came in|ended|"
                          r"generated|delivered|brought in|posted)\b", re.I)
_SHIPPED = re.compile(r"\b(?:shipped|ship|shipping|delivered|deliver|delivering|sold|sell|selling|shipments of|"
                      r"deliveries of)\b", re.I)
# "moved about $3 million of revenue into the first quarter", "added $5 million of sales": an amount of the metric
# that moved, was added or lost, not its level
_IMPACT_BEFORE = re.compile(
    r"\b(?:moved|moves|moving|shifted|shifts|pulled|pushed|added|adds|adding|contributed|contributes|contributing|"
    r"included|includes|excluded|excludes|lost|loses|deferred|defers|accelerated|brought|took|takes|cost us|costs us|"
    r"impacted|reduced|lowered|hurt|benefited|boosted|worth|represents|representing|drove|driving|generate[sd]? an? "
    r"(?:additional|incremental)|an additional|an incremental|incremental|additional)\b[^.;$%\d]{0,25}$", re.I)
_IMPACT_AFTER = re.compile(r"\s+(?:moves|moved|shifts|shifted|slipped|slips|pulled|pushed|was pulled|was pushed|was deferred|"
                           r"came from|comes from|from (?:the|our) (?:acquisition|acquired)|impacts?|effects?|headwinds?|"
                           r"tailwinds?|benefits?|hit|drag|reduction|shortfall|opportunity|upside|downside|risk)\b", re.I)
_IMPACTED = re.compile(r"\b(?:impacted|affected|benefit(?:t)?ed|hurt|reduced|lowered|boosted|helped|lifted|dragged|"
                       r"weighed on|added to)\s+(?:our\s+|the\s+|its\s+|total\s+)?"
                       r"(?:[\w-]+\s+){0,2}$", re.I)
_LATER_BY = re.compile(r"(?:\s+(?:versus|vs\.?|compared (?:to|with)|over|from)\s+[^,;$%\d]{0,40}?)?\s+by\s+"
                       r"(?:about\s+|approximately\s+|roughly\s+|nearly\s+|another\s+)?", re.I)
_LIMITED = re.compile(r"\b(?:limit|limits|limited|limiting|constrain|constrains|constrained|dampen|dampens|dampened|"
                      r"hurt|hurts|weigh on|weighs on|weighed on)\s+(?:our\s+|the\s+|its\s+|total\s+)?(?:[\w-]+\s+){0,3}$",
                      re.I)
_BY_AMOUNT = re.compile(r"\s+(?:(?:in|for|during)\s+[^,;$%\d]{0,30}?\s+)?by\s+(?:about\s+|approximately\s+|roughly\s+|nearly\s+|"
                        r"another\s+|an additional\s+)?", re.I)
# "a $0.13 increase in our diluted EPS", "a $12 million reduction in our revenue": a change in the metric named after
_CHANGE_IN = re.compile(r"\s+(?:per (?:diluted )?share\s+)?(?:[\w-]+\s+)?(?P<noun>increase|decrease|decline|improvement|"
                        r"reduction|impact|benefit|headwind|tailwind|contribution|hit|drag|effect|step-up|swing|uplift)\s+"
                        r"(?P<prep>in|to|on|of|for)\s+(?:our\s+|the\s+|its\s+|total\s+)?(?:[\w-]+\s+)?$", re.I)
_PLAIN_MOVES = frozenset({"increase", "decrease", "decline", "improvement", "reduction", "step-up", "uplift"})
_IMPACT_NOUN = re.compile(r"\b(?:impact|impacts|impacted|effect|headwinds?|tailwinds?|benefit|drag|hit|reduction|contribution)\b",
                          re.I)
_MAY_RETURN = any_of_ignorecase(("return",))
_MAY_FOR = any_of_ignorecase(("for",))
_MAY_IMPACT = any_of_ignorecase(("mov", "shift", "pull", "push", "add", "contribut", "includ", "exclud", "lost", "los",
                                 "defer", "accelerat", "brought", "took", "take", "cost", "impact", "reduc", "lower",
                                 "hurt", "benefit", "boost", "worth", "represent", "driv", "generat", "additional",
                                 "incremental"))
_MAY_PRICE = any_of_ignorecase(("pric", "valu", "average", "cost basis", "strike", "tender"))
_FOR_DEAL = re.compile(r"\bfor\s+(?:about\s+|approximately\s+|roughly\s+|a total of\s+|total consideration of\s+)?$", re.I)
_ISSUED = re.compile(r"\b(?:issuance of|issued|issuing|issue|priced|placed|offering of|raised)\s+(?:an?\s+|about\s+|"
                     r"approximately\s+|an aggregate of\s+)?$", re.I)
# "repaying an additional $2.2 billion of debt", "the retirement of an initial $5 billion of debt": debt paid off
_REPAID = re.compile(r"\b(?:repa(?:y|id|ying|yment of)|retire(?:d|ment of)?|retiring|paid down|pay(?:ing)? down|paydown of|"
                     r"redeem(?:ed|ing)?|redemption of|extinguish(?:ed|ing|ment of)?|prepa(?:y|id|ying|yment of))\s+"
                     r"(?:(?:an?|the|another|an additional|additional|a further|further|initial|an initial|a total of|"
                     r"about|approximately|roughly|nearly|over|more than|almost|some|remaining|outstanding|entire|full)\s+)"
                     r"{0,3}$", re.I)
_ITEM_ON = re.compile(r"\b(?:loss(?:es)?|gains?|charges?|premiums?|penalt(?:y|ies))\s+(?:on|related to|associated with)\s+"
                      r"(?:the\s+|our\s+|its\s+)?(?:[\w-]+\s+){0,4}?(?:of|totaling|totalling)\s+(?:about\s+|"
                      r"approximately\s+|roughly\s+)?(?:[$€£]?[\d.,]+\s*(?:million|billion|thousand)?\s*,?\s*or\s+)?$", re.I)
_MAY_ITEM_ON = any_of_ignorecase(("loss", "gain", "charge", "premium", "penalt"))
_PER_WEEK = re.compile(r"\b(?:weekly|daily)\s+(?:gross\s+)?(?:sales|revenues?|margins?)\b|\b(?:per|a)\s+(?:week|day)\b", re.I)
_MAY_PER_WEEK = any_of_ignorecase(("weekly", "daily", " week", " day"))
_PCT_MOVE_IN = re.compile(r"\s+(?:[\w-]+\s+)?(?:increase|decrease|decline|improvement|reduction|growth|rise|drop|gain)\s+in\s+"
                          r"(?:our\s+|the\s+|its\s+|total\s+)?", re.I)
_BENCHMARK_AFTER = re.compile(r"\s+(?:a\s+barrel\s+|per\s+barrel\s+)?(?:WTI|Brent|Henry\s+Hub|NYMEX|LME|Dubai|WCS)\b", re.I)
_UNNAMED_OWNER = re.compile(r"\b(?:an?|the|our|its)\s+(?:[\w-]+\s+){0,2}?(?:returns?|yields?|spreads?)\s+(?:of|was|is|"
                            r"were|at)\s+(?:negative\s+|minus\s+|about\s+|approximately\s+|roughly\s+|nearly\s+)?$", re.I)
_MAY_REPAY = any_of_ignorecase(("repa", "retir", "paid down", "pay down", "paying down", "paydown", "redeem", "redemption",
                                "extinguish", "prepa"))
_OF_NOTES = re.compile(r"\s+(?:of|in)\s+(?:our\s+|the\s+|its\s+)?(?:[\d.]+%\s+)?(?:(?:19|20)\d\d\s+)?(?:(?!(?:and|or|no|with|but|plus|cash)\b)[a-z][\w-]*\s+){0,3}?"
                       r"(?P<n>(?:(?:senior|secured|unsecured|convertible|subordinated|outstanding|term)\s+){0,3}(?:notes|"
                       r"debentures|bonds|debt|term loans?))\b")  # (lower-case words only: "floating rate junior")
_FOR_SHARES = re.compile(r"\s*(?:(?:common\s+)?shares\s+)(?:of\s+(?:our\s+|its\s+)?(?:common\s+)?stock\s+)?,?\s*(?:for|at a (?:total )?"
                         r"(?:cost|price) of|totaling|totalling|worth)\s+(?:a total of\s+|about\s+|approximately\s+|"
                         r"roughly\s+|nearly\s+)?", re.I)
_DEAL_WORDS = re.compile(r"\b(?:acquisition|acquire[ds]?|acquiring|bought|buy|purchase[ds]?|purchasing|merger|divest\w*|"
                         r"sale of|sold)\b", re.I)
_COUNT_PREP = re.compile(r"\b(?:across|in|at|to|for|from|among|of|into|by)\s+(?:more than\s+|over\s+|about\s+|nearly\s+|"
                         r"approximately\s+|some\s+|almost\s+|roughly\s+)?$", re.I)
_HIRED = re.compile(r"\b(?:hired|hire|hiring|added|adding|recruited|onboarded)\s+(?:more than\s+|over\s+|about\s+|nearly\s+|"
                    r"approximately\s+|some\s+|another\s+)?$", re.I)
COORD = re.compile(r"^(?:\s+per (?:diluted )?(?:common )?share)?(?:\s+on an? [\w-]+(?: [\w-]+)? basis)?"
                    r"(?:\s+(?:in|for|during|at)\s+[^,;$%]{0,32}?)?"
                    r"(?:\s+(?:a year (?:ago|earlier)|last year|in the prior year|previously))?\s*"
                    r"(?:,\s*(?:and\s+|or\s+)?|\s+(?:and|or|while|versus|vs\.?)\s+)(?:an?\s+|the\s+|from\s+)?(?:about\s+|approximately\s+|"
                    r"roughly\s+|nearly\s+)?$", re.I)
_ACC_PREFIX = re.compile(r"^(?:adjusted|non-gaap|gaap|reported|core)\s+", re.I)
_RANGE_WORDS = re.compile(r"\b(?:range|guidance|outlook|expect\w*|target\w*)\b", re.I)
_OF_GAP = re.compile(r"\s+(?:in|of|for)\s+(?:(?:our|the|its|their)\s+)?")
_FFO_WORD = re.compile(r"\ba?ffo\b", re.I)
_AFFO_WORD = re.compile(r"\baffo\b", re.I)
_OWN_NOUN_AFTER = re.compile(r"\s+(?:[a-z][\w-]*\s+){0,2}(?:ratio|yield|stake|ownership|interest)\b")
_MARGIN_OF = {"gross_profit": "gross_margin", "operating_income": "operating_margin", "net_income": "net_margin"}
RATE_BASES = frozenset({"gross_margin", "operating_margin", "ebitda_margin", "net_margin", "net_interest_margin",
                        "tax_rate", "roic", "roe", "roa", "market_share", "occupancy", "net_revenue_retention",
                        "cost_inflation", "organic_revenue", "combined_ratio", "margin", "payout_ratio", "cet1_ratio",
                        "load_factor", "medical_care_ratio", "efficiency_ratio", "rent_collection"})
COUNT_BASES = frozenset({"headcount", "users", "customers", "subscribers", "stores", "shipments", "units"})
_MULTIPLE_BASES = frozenset({"leverage", "book_to_bill", "inventory_turns"})
_BARE_BASES = COUNT_BASES | {"book_to_bill", "inventory_turns", "leverage", "bookings", "backlog"}
_PER_SHARE_ONLY = frozenset({"eps", "book_value_per_share"})
_PER_SHARE_BASES = frozenset({"eps", "earnings", "net_income", "ffo", "ffo_adjusted", "affo", "dividend",
                              "book_value_per_share", "free_cash_flow", "operating_cash_flow", "cash_flow", "noi",
                              "pretax_income", "operating_income"})


def _compatible(base: str, h: Hit, standalone: bool, m: Mention | None = None) -> bool:
    """Whether a metric can have this kind of value (money is not a margin; a bare number is not revenue)."""
    if base not in BASES:
        return False
    if standalone or h.role == "change":
        return base not in ("eps",) or h.pct_kind() != ""
    if h.noun:
        if count_key(h.noun) == "volume":  # "customers of approximately 35 million tons": tons are no customers
            return base in ("volume", "shipments")
        return base in COUNT_BASES or base == "bookings"
    if h.mult:
        return base in _MULTIPLE_BASES or base in ("debt", "net_debt")
    if h.money:
        if base in _PER_SHARE_ONLY and (h.scale or h.scale2):
            return False  # "$130 million" is no EPS
        return base not in RATE_BASES and base not in COUNT_BASES and base not in _MULTIPLE_BASES
    if h.pct:
        return base in RATE_BASES or base in ("comparable_sales", "net_charge_offs", "capacity") or \
            (m is not None and m.growth)
    if h.scale:
        return base not in RATE_BASES and base not in _MULTIPLE_BASES
    return base in _BARE_BASES


_ACCOUNTING_WORD = re.compile(r"(?:adjusted|non-gaap|gaap|core|reported)\b", re.I)
_NEW_ITEM = re.compile(r"[,;]\s*(?:and\s+)?(?:an?|the|our|its)\s", re.I)
_GROW_BEFORE = re.compile(r"\b(?:grow|grows|growing|increase|increases|increasing|expand|expands|expanding|improve|"
                          r"improves|improving|lift|raise)\s+(?:our\s+|the\s+|its\s+|total\s+)?$", re.I)


def _growth_read(text: str, h: Hit, m: Mention) -> bool:
    """A percentage said right after an amount metric ('adjusted EBITDA 9% to 13%', 'grow sales 10% to 13%'): an
    EBITDA or a revenue is no percentage, so the number is its growth."""
    if h.pct_kind() != "%" or h.role != "value" or m.base in RATE_BASES or m.base in COUNT_BASES or \
            m.base in _MULTIPLE_BASES or m.base in ("comparable_sales", "organic_revenue", "market_share"):
        return False
    gap = text[m.end:h.start]
    return gap.strip(" +") == "" and (len(gap) <= 2 or _GROW_BEFORE.search(text, max(0, m.start - 30), m.start) is not None)


_LIST_GAP = re.compile(r"\s*(?:,\s*)?(?:and\s+)?", re.I)
_ACC_PAIR = re.compile(r"\b(gaap|reported|adjusted|non-gaap|core)\s+and\s+$", re.I)
_ACC_OF = {"gaap": "gaap", "reported": "gaap", "adjusted": "adjusted", "non-gaap": "adjusted", "core": "adjusted"}


def read_respectively(text: str, hits: list[Hit], mentions: list[Mention]) -> dict[int, tuple[tuple, str | None]]:
    """'net revenues, net income and EPS were $507.1 million, $56.4 million, and $1.35, respectively'; 'GAAP and
    adjusted diluted EPS of $0.59 and $0.61, respectively': the n-th number is the n-th metric (or accounting) named.
    Maps id(hit) -> ((mention, base, said, scope, per share), accounting or None)."""
    end = text.lower().find("respectively")
    values = [h for h in hits if h.role == "value" and h.stop <= end]
    run: list[Hit] = []
    for h in reversed(values):  # the list of numbers said right before 'respectively'
        gap = text[h.stop:(run[0].start if run else end)]
        if run and not _LIST_GAP.fullmatch(gap) or not run and len(gap.strip(" ,")) > 2:
            break
        run.insert(0, h)
    if len(run) < 2:
        return {}
    named = [m for m in mentions if m.end <= run[0].start]
    out: dict[int, tuple[tuple, str | None]] = {}
    lst = named[-len(run):]
    if len(lst) == len(run) and all(_LIST_GAP.fullmatch(text[a.end:b.start]) for a, b in zip(lst, lst[1:])) and \
            all(_compatible(m.base, h, False, m) or (m.base in ("eps", "earnings") or m.per_share) and h.money
                for m, h in zip(lst, run)):
        for m, h in zip(lst, run):
            ps = m.base == "eps" or m.per_share
            out[id(h)] = ((m, "eps" if m.base == "earnings" and ps else m.base, m.said, m.scope, ps), None)
        return out
    if len(run) == 2 and named:
        m = named[-1]
        pair = _ACC_PAIR.search(text, max(0, m.start - 30), m.start)
        if pair is not None and m.accounting is not None:
            first = _ACC_OF[pair.group(1).lower()]
            core = _ACC_PREFIX.sub("", m.said)
            ps = m.base == "eps" or m.per_share
            base = "eps" if m.base == "earnings" and ps else m.base
            out[id(run[0])] = ((m, base, f"{pair.group(1)} {core}", m.scope, ps), first)
            out[id(run[1])] = ((m, base, m.said, m.scope, ps), m.accounting)
    return out


def choose_metric(text: str, h: Hit, mentions: list[Mention], lo: int, hi: int, bound: int, standalone: bool,
                   hits: list[Hit], prev: tuple[Hit, Mention | None, str, str] | None,
                   subject: tuple[str, int] | None, per_share_default: tuple[str, str] | None = None
                   ) -> tuple[Mention | None, str, str, str | None, bool] | None:
    """(mention, base, metric as said, scope, per share) for a number, or None when no metric is named for it."""
    stop = h.stop
    if (h.money or h.scale) and _MAY_PER_WEEK(text) and search_if(_PER_WEEK, _MAY_PER_WEEK, text, max(lo, h.start - 30),
                                                                   min(hi, stop + 40, next((x.start for x in hits
                                                                                            if x.start >= stop), hi))):
        return None  # "We averaged $74 million in weekly sales": a rate per week or day, not the quarter's amount
    if h.money and not _PER_SHARE.match(text, stop) and search_if(_ITEM_ON, _MAY_ITEM_ON, text, max(lo, h.start - 80),
                                                                h.start):
        return None  # "a pre-tax loss on debt extinguishment of $175 million": the item's amount, not the debt
    if h.money and _BENCHMARK_AFTER.match(text, stop):
        return None  # "assuming $80 WTI and $4 Henry Hub prices": a benchmark price, no figure of the company's
    own = _UNNAMED_OWNER.search(text, max(lo, h.start - 50), h.start) if h.pct else None
    if own is not None and not any(own.start() <= m.start < h.start for m in mentions):
        return None  # "an economic return of negative 2.4% however, we generated earnings ...": a rate no metric of
        # ours names, not the earnings' growth
    if is_variance(text, h, lo):
        return None  # "exceeding our dividend by $0.06 per share": how far one number passed another, no figure
    if (h.money or h.scale) and any(m.base == "gross_margin" for m in mentions):
        # "we expect gross margins to range between $65 million to $75 million": gross margin in dollars is gross profit
        mentions = [replace(m, base="gross_profit") if m.base == "gross_margin" else m for m in mentions]
    before = [m for m in mentions if lo <= m.start and m.end <= h.start]
    if h.money and not (h.scale or h.scale2 or h.pct or h.post) and "." in h.num and parse_num(h.num) < 30 and \
            not any(lo <= m.start < hi for m in mentions) and _WE_REPORTED.search(text, max(lo, h.start - 24), h.start):
        return None, "eps", "EPS", None, True  # "On a GAAP basis, we reported $0.56 for the first quarter": a result
        # in dollars and cents with no metric named is the call's EPS
    if h.money and (_PER_SHARE.match(text, stop) or not (h.scale or h.scale2) and any(
            (m.base == "eps" or m.per_share) and m.end <= h.start and m.start >= bound for m in before)):
        # "$700 million" after an EPS is no EPS: an amount in millions is not per share
        return _per_share_metric(text, h, mentions, lo, bound, per_share_default)  # None for a share price
    if h.pct and not standalone and h.role == "value":
        own = _OWN_NOUN_AFTER.match(text, stop)
        if own is not None and not any(stop < m.start <= own.end() for m in mentions):
            return None  # "a return on equity of 10.25% and a 53.81% equity ratio": the number of another thing
        r = _OF_REVENUE.match(text, stop)
        if r:
            return _ratio_metric(text, h, before, bound, subject, r.group(0).strip(), prev)
        cand = [m for m in before if m.start >= bound]
        if _OF_TOTAL.match(text, stop):
            m = cand[-1] if cand else None
            if m is not None and m.base == "revenue":
                return m, "revenue_share", f"{m.said} (% of total)", m.scope or (subject[0] if subject else None), False
        if _OF_SOMETHING.match(text, stop):
            return None  # "about 40% of buyers", "60% of our ARR growth": a part of something, not a level
        for m in reversed(cand):
            if _AS_PCT_OF.search(text, m.end, h.start) and m.base not in RATE_BASES:
                return m, m.base + "_to_revenue", f"{m.said} (% of revenue)", m.scope, False
    if h.amountish and search_if(_RETURNED, _MAY_RETURN, text, max(0, h.start - 40), h.start) and \
            _TO_HOLDERS.match(text, stop):
        return None, "capital_returned", "returned to shareholders", None, False
    notes = _OF_NOTES.match(text, stop) if h.money else None
    if notes is not None and _ISSUED.search(text, max(lo, h.start - 40), h.start):
        return None, "debt_issued", f"{notes['n'].lower()} issued", None, False  # "the issuance of $550 million of
        # senior notes": new debt raised, not the company's debt
    if notes is not None and search_if(_REPAID, _MAY_REPAY, text, max(lo, h.start - 60), h.start):
        return None, "debt_repaid", f"{notes['n'].lower()} repaid", None, False  # "repaying an additional $2.2
        # billion of debt": debt paid off, not the debt the company has
    if notes is not None and any(m.base in ("buyback", "buyback_authorization") and lo <= m.start < h.start
                                 for m in mentions):  # "repurchase an aggregate of $521 million of senior notes"
        return None, "debt_repaid", f"{notes['n'].lower()} repurchased", None, False  # debt retired, no buyback
    if h.money and prev is not None and prev[2] == "buyback" and prev[0].stop <= h.start and \
            _FOR_SHARES.fullmatch(text, prev[0].stop, h.start):  # "repurchased 3.2 million shares of our common stock
        pm = prev[1]  # for $602 million": the amount of that buyback
        return pm, "buyback", pm.said if pm is not None else prev[3], pm.scope if pm is not None else None, False
    if h.amountish and search_if(_FOR_DEAL, _MAY_FOR, text, max(0, h.start - 40), h.start) and \
            _DEAL_WORDS.search(text, lo, h.start):
        return None, "acquisition_price", "acquisition price", None, False  # "closed the acquisition of X for $22 million"
    if h.mult and _MULT_EBITDA.match(text, stop):
        debt = next((m for m in reversed(before) if m.base in ("debt", "net_debt", "leverage")), None)
        said = f"{debt.said} to EBITDA" if debt is not None and debt.base != "leverage" else "leverage"
        return debt, "leverage", said, debt.scope if debt is not None else None, False
    if h.amountish and not standalone and h.role == "value":
        for m in mentions:  # "authorized a $200 million share repurchase program", "$5 billion revenue": said as one
            if stop < m.start <= stop + 1 and m.end <= hi and text[stop:m.start] == " " and \
                    _compatible(m.base, h, standalone, m) and not _ACCOUNTING_WORD.match(text, m.start):
                return m, m.base, m.said, m.scope, False
    after = _OF_AFTER.match(text, stop)
    if after and not (h.pct and h.role == "value" and not standalone):
        for m in mentions:
            if after.end() <= m.start <= after.end() + 2 and m.end <= hi and _compatible(m.base, h, standalone, m):
                return m, m.base, m.said, m.scope, False
    move_in = _PCT_MOVE_IN.match(text, stop) if h.pct else None
    if move_in is not None:  # "a 6.1% increase in net income and a 15.5% increase in EPS": the metric it moved
        for m in mentions:
            if move_in.end() <= m.start <= move_in.end() + 2 and m.end <= hi and _compatible(m.base, h, standalone, m):
                return m, m.base, m.said, m.scope, False
    for m in reversed(before):
        if m.start < bound:
            break
        ratio = _AS_PCT_OF.match(text, m.start) if m.base == "revenue" else None
        if ratio is not None or (m.base == "revenue" and _AS_PCT_OF.search(text, max(lo, m.start - 30), m.end)):
            owner = next((x for x in reversed(before) if x.end <= m.start and x.base != "revenue"), None)
            if owner is not None and (h.pct or standalone):
                return owner, owner.base + "_to_revenue", f"{owner.said} (% of revenue)", owner.scope, False
            continue
        if _compatible(m.base, h, standalone, m):
            return m, m.base, m.said, m.scope, False
        if _growth_read(text, h, m):
            g = replace(m, growth=True)  # "expect to grow sales 10% to 13%; adjusted EBITDA 9% to 13%"
            return g, g.base, g.said, g.scope, False
    last = max((x.stop for x in hits if x.stop <= h.start and (prev is None or x.start >= prev[0].start)), default=None)
    if prev is not None and not standalone and last is not None and COORD.match(text[last:h.start]) and \
            _same_kind(prev[0], h) and _compatible(prev[2] if prev[2] in BASES else (prev[1].base if prev[1] else ""),
                                                   h, standalone, prev[1]):
        pm = prev[1]
        return pm, prev[2], prev[3], pm.scope if pm is not None else None, False
    nxt = next((x for x in hits if x.start > stop), None)
    limit = min(hi, stop + 45, nxt.start if nxt is not None else hi)
    for m in mentions:
        if stop <= m.start < limit and _compatible(m.base, h, standalone, m) and \
                not _NEW_ITEM.search(text, stop, m.start):  # "growth of 6%, a segment margin of ...": the next item's
            return m, m.base, m.said, m.scope, False
    if not before and not standalone:
        earlier = [m for m in mentions if m.end <= lo and _compatible(m.base, h, standalone, m)
                   and not any(m.end <= x.start < lo for x in hits)]
        if earlier and _RANGE_WORDS.search(text[earlier[-1].end:h.start]):
            m = earlier[-1]  # "... our 2021 adjusted EPS guidance range, but we now expect ... the range of $1.50 to $1.58"
            return m, m.base, m.said, m.scope, m.base == "eps"
    if h.noun:
        if _COUNT_PREP.search(text, max(lo, h.start - 24), h.start):
            return None  # "across 46 stores", "sold to 23 customers": where, not how many the company has
        key = count_key(h.noun)
        if key == "units" and _SHIPPED.search(text, max(lo, h.start - 40), h.start):
            key = "shipments"
        if key == "headcount" and _HIRED.search(text, max(lo, h.start - 30), h.start):
            key = "hires"
        sold = next((m for m in reversed(before) if m.start >= bound and m.base == "revenue"), None)
        if key == "volume" and sold is not None:  # "industrial sales ... 6 million megawatt hours": sales volume
            return None, key, f"{sold.said} ({h.noun})", sold.scope, False
        return (None, key, h.noun, None, False) if key else None
    if subject and h.amountish and not standalone and subject[1] < h.start and \
            _GROWTH_VERB.search(text, subject[1], h.start) and not before:
        return None, "revenue", f"{subject[0]} revenue", subject[0], False  # "Foodservice grew 6.2% to $318 million"
    line = _LINE_SUBJECT.match(text)
    if line and h.amountish and not standalone and line.end() <= h.start and not before and \
            _GROWTH_VERB.search(text, line.end(), h.start):
        scope = scope_case(line["s"])
        return None, "revenue", f"{scope} revenue", scope, False  # "Our software line grew 31% to $48.9 million"
    return None


def year_back(fiscal: str) -> str:
    """'Q1 2026' -> 'Q1 2025'."""
    kind, _, year = fiscal.partition(" ")
    return f"{kind} {int(year) - 1}" if year.isdecimal() else fiscal


def explicit_year(p: PeriodMention) -> bool:
    """A period said with its year ('2022', 'fiscal 2025', 'Q3 2025'), not relative ('next year')."""
    return p.year is not None


_INCLUDES = re.compile(r"\b(?:includes|included|including|comprises|comprised|contains|contained)\s+"
                       r"(?:about\s+|approximately\s+|roughly\s+|nearly\s+|some\s+|over\s+)?$", re.I)
_KIND_OF = re.compile(r"\s+(?:in|of|for)\s+(?:(?:our|the|its|their)\s+)?(?P<q>[A-Za-z][\w-]*(?:\s+[A-Za-z][\w-]*){0,2})\s+$")


def included_part(text: str, h: Hit, m: Mention, lo: int, said: str) -> str | None:
    """The label of an included amount whose kind is said ('includes 1.2 billion yuan in innovative business
    expenses' -> 'innovative business expenses', 'included $5 million of restructuring costs'): those expenses, a
    part of a total; None when no kind is said ('includes $5 million of revenue': an amount of the metric)."""
    if not (h.stop <= m.start <= h.stop + 60) or not _INCLUDES.search(text, max(lo, h.start - 30), h.start):
        return None
    said = said.removesuffix(" growth")
    got = _KIND_OF.fullmatch(text, h.stop, m.start)
    if got is not None and not find_mentions(got["q"]) and not is_scope_word(got["q"].split()[0]):
        return f"{got['q']} {said}"
    if _OF_GAP.fullmatch(text[h.stop:m.start]) and " " in said and \
            said.lower().replace(" ", "_") != m.base:
        return said
    return None


# "... or $1.55 per share, that included a $43.9 million or $2.35 per share non-cash after tax charge": the per-share
# amount of an item the result included, whatever metric was named before it
_INCLUDED_ITEM_BEFORE = re.compile(r"\b(?:includ(?:es|ed|ing)|reflect(?:s|ed|ing))\s+(?:an?\s+)?(?:about\s+|approximately\s+)?"
                                   r"(?:[$€£]?\d[\d.,]*\s*(?:million|billion)?\s+or\s+)?$", re.I)
_ITEM_AFTER = re.compile(r"\s*(?:per (?:diluted |basic )?share\s+)?(?:(?:non-?cash|pre-?tax|after[- ]tax|one-?time|"
                         r"net|total|special|unusual|discrete|restructuring|impairment|pension|settlement|tax|"
                         r"legal|acquisition|integration|related)\s+){0,4}(?:charges?|gains?|benefits?|costs?|expenses?|"
                         r"impairments?|write-?downs?|write-?offs?)\b", re.I)


_WE_REPORTED = re.compile(r"\b(?:we|the company)\s+(?:reported|earned|delivered|posted)\s+(?:a\s+(?:record\s+)?)?[$]?$", re.I)
_A_SHARE = re.compile(r"^an?\s+(?=(?:diluted\s+|basic\s+|common\s+)?(?:share|unit))", re.I)
_INCLUDED_BETWEEN = re.compile(r"[^.;$%]{0,40}?\b(?:also\s+)?includ(?:ed|es)\s+(?!in\b)(?:[\w'’-]+\s+){1,7}?(?:of|totaling|totalling|"
                               r"amounting to)\s+(?:about\s+|approximately\s+|roughly\s+)?(?:[$€£]?\d[\d.,]*\s*(?:million|billion)?"
                               r"\s*,?\s+or\s+)?[$€£]?$", re.I)


def included_item(text: str, h: Hit) -> bool:
    """Whether a value is the amount of an item a result included ('that included a $43.9 million or $2.35 per share
    non-cash after tax charge')."""
    return _ITEM_AFTER.match(text, h.stop) is not None and \
        _INCLUDED_ITEM_BEFORE.search(text, max(0, h.start - 60), h.start) is not None


def is_impact(text: str, h: Hit, m: Mention, lo: int, standalone: bool) -> bool:
    """A value said as an amount of the metric after it that moved, was added or lost ('moved about $3 million of
    revenue into the first quarter', '70 basis points of gross margin' with no up or down)."""
    if m.end <= h.start and (included_item(text, h) or _INCLUDED_BETWEEN.fullmatch(text, m.end, h.start)):
        return True  # "Net income in 2020 also included reserves for interim rates of $8.3 million or $0.16 per share"
    if m.end <= h.start:  # "revenues ... reflect the impact of the disruptions of nearly $245 million"
        if h.amountish and _BY_AMOUNT.fullmatch(text, m.end, h.start) and \
                _IMPACTED.search(text, max(0, m.start - 40), m.start) is not None:
            return True  # "exchange rates positively impacted our international royalty revenues by $4 million"
        if h.pct and _LATER_BY.fullmatch(text, m.end, h.start) and _LIMITED.search(text, max(0, m.start - 40), m.start):
            return True  # "constraints will limit third quarter revenue growth versus the prior year quarter by 4 to
            # 6 percentage points": how much the growth loses, not the growth
        return _IMPACT_NOUN.search(text, m.end, h.start) is not None
    if standalone and not h.dir_sign:
        return True
    change_in = _CHANGE_IN.fullmatch(text, h.stop, m.start) if h.stop <= m.start else None
    if change_in is not None:
        # "a 9% increase in our quarterly dividend", "a 50 basis point improvement in gross margin": the metric's own
        # growth; "a $0.05 increase in EPS from the tax rate", "a 2% impact on revenue": an item in it
        return not (h.pct and change_in["noun"].lower() in _PLAIN_MOVES and change_in["prep"].lower() == "in")
    before = search_if(_IMPACT_BEFORE, _MAY_IMPACT, text, max(lo, h.start - 60), h.start)
    if before is not None and h.pct and before.group(0).lower().startswith("represent") and \
            m.base.endswith(("margin", "rate", "ratio")):
        before = None  # "representing a 30% adjusted EBITDA margin at the midpoint": the margin's level, no item in it
    return bool(before or _IMPACT_AFTER.match(text, m.end))


def _same_kind(a: Hit, b: Hit) -> bool:
    return a.pct_kind() == b.pct_kind() and a.money == b.money and bool(a.mult) == bool(b.mult) and \
        (a.noun is not None or not b.bare) or (a.noun is not None and b.bare)


_PRICE_IN_CLAUSE = re.compile(r"\b(?:(?:share|stock|average|repurchase|purchase|buyback|offering|exercise|strike|"
                              r"closing|offer|tender|conversion)\s+prices?|price per share|valuation)\b", re.I)
_SHARE_PRICE = re.compile(r"\b(?:price[sd]?|valued|valuation|at an average(?: cost)?|cost basis|strike|tender offer)\s+"
                          r"(?:of\s+|at\s+)?(?:about\s+|approximately\s+|roughly\s+|nearly\s+)?$", re.I)
_EQUITY_BEFORE = re.compile(r"\b(?P<e>(?:shareholders'|stockholders'|shareholders’|stockholders’|common|book)\s+(?:equity|value))\b"
                            r"[^,;$]{0,20}$", re.I)
_AMOUNT_OR = re.compile(r"[$€£¥]\s?[\d.,]+\s*(?:million|billion|thousand|[mb]n?)\b\s*,?\s*or\s+(?:about\s+|approximately\s+|"
                        r"roughly\s+|nearly\s+)?$", re.I)
_A_LOSS_OF = re.compile(r"\b(?:a|an|the|its|our)\s+(?:net\s+|gaap\s+|diluted\s+)?loss\s+of\s+(?:about\s+|approximately\s+)?$", re.I)
_EARNINGS_WORD = re.compile(r"\b(?:earn\w*|income|profit\w*|loss\w*|eps|results?|reported|delivered|generated)\b", re.I)


def _per_share_metric(text: str, h: Hit, mentions: list[Mention], lo: int,
                      bound: int, default: tuple[str, str] | None = None
                      ) -> tuple[Mention | None, str, str, str | None, bool] | None:
    """'$0.39 per diluted share' after a net income, 'FFO of $0.44 per share', 'a dividend of $0.42 per share'; an
    item in the earnings ('a gain of $0.30 per share') is an impact on EPS; `default`: the per-share metric the call
    reports ('ffo' in a REIT's call) for an amount no metric is named for."""
    ps = _PER_SHARE.match(text, h.stop)
    per = ps.group(0).strip() if ps else ""
    end_ps = ps.end() if ps else h.stop
    named_after = next((m for m in mentions if end_ps < m.start <= end_ps + 2 and m.base in ("dividend", "ffo", "affo")
                        and text[end_ps:m.start].strip() == ""), None)
    if named_after is not None:  # "a $0.358 per share dividend", "$0.44 per share FFO"
        return named_after, named_after.base, named_after.said, named_after.scope, True
    cand = [m for m in mentions if m.end <= h.start and m.start >= lo and m.base in _PER_SHARE_BASES]
    if not cand:
        cand = [m for m in mentions if m.end <= h.start and m.base in _PER_SHARE_BASES]
    m = cand[-1] if cand else None
    if _FFO_WORD.search(per):  # "$1.91 to $1.93 per FFO share"
        base = "affo" if _AFFO_WORD.search(per) else "ffo"
        return m, base, f"{base.upper()} per share", None, True
    if search_if(_SHARE_PRICE, _MAY_PRICE, text, max(lo, h.start - 40), h.start) or \
            _PRICE_IN_CLAUSE.search(text, max(lo, m.end if m is not None and m.end >= lo else lo), h.start):
        return None  # "at an average price of $346.19 per share": a share price, not earnings
    if m is None or m.base in ("eps", "earnings", "net_income", "operating_income", "ffo", "affo", "ffo_adjusted"):
        item = item_mention(text, h, lo, m.end if m is not None else lo, m)
        if item is not None:
            return item, "eps", item.said, None, True
    if m is None:
        amount_or = _AMOUNT_OR.search(text, max(lo, h.start - 40), h.start)
        if amount_or is not None:  # "$12.7 billion or $46.67 per share", "a charge of $119 million or $0.36 per share"
            eq = _EQUITY_BEFORE.search(text, max(lo, amount_or.start() - 40), amount_or.start())
            if eq is not None:  # shareholders' equity per share is the book value per share
                return None, "book_value_per_share", f"{eq['e'].lower()} per share", None, True
            item = item_mention(text, replace(h, start=amount_or.start()), lo, lo, None)
            if item is not None:
                return item, "eps", item.said, None, True
            if not _EARNINGS_WORD.search(text, lo, h.start):
                return None  # "approximately $3 million or $0.06 per share is expected to reverse": unnamed, per share
        if default is not None:  # a REIT's "we raised our guidance ... to $11.55 to $11.65 per share": its FFO
            return None, default[0], default[1], None, True
        if _A_LOSS_OF.search(text, max(lo, h.start - 30), h.start):  # "H&P incurred a loss of $0.74 per diluted
            return None, "eps", f"loss {per}".strip() if per else "loss per share", None, True  # share": its loss
        return None, "eps", f"earnings {per}".strip() if per else "EPS", None, True
    base = m.base
    if base in ("net_income", "earnings", "operating_income"):
        base = "eps"  # "operating income of $34 million or $0.45 per share": the operating EPS insurers report
    said = m.said if (m.per_share or not per) else f"{m.said} {_A_SHARE.sub('per ', per)}"  # "$0.24 a share"
    if base not in ("eps", "ffo", "ffo_adjusted", "affo", "dividend", "book_value_per_share"):
        return m, base + "_per_share", said, m.scope, True
    return m, base, said, m.scope, True


def _ratio_metric(text: str, h: Hit, before: list[Mention], bound: int, subject: tuple[str, int] | None,
                  of_rev: str, prev: tuple[Hit, Mention | None, str, str] | None
                  ) -> tuple[Mention | None, str, str, str | None, bool] | None:
    """'opex were 29.4% of revenue' -> opex_to_revenue; 'Europe was 18% of revenue' -> revenue_share (scope Europe);
    '$67.2 million, or 29.4% of revenue': the ratio of the figure just before."""
    cand = [m for m in before if m.start >= bound]
    m = cand[-1] if cand else None
    if m is None and prev is not None and prev[1] is not None and \
            _RATIO_JOIN.fullmatch(text[prev[0].stop:h.start]):
        m = prev[1]
    if m is not None and m.base in _MARGIN_OF:  # "gross margin was $412 million, or 38.2% of sales": the margin
        return m, _MARGIN_OF[m.base], m.said if "margin" in m.said.lower() else f"{m.said} (% of revenue)", m.scope, False
    if m is not None and m.base not in ("revenue",) and m.base not in RATE_BASES:
        return m, m.base + "_to_revenue", f"{m.said} (% of revenue)", m.scope, False
    scope = (m.scope if m is not None else None) or (subject[0] if subject and subject[1] <= h.start else None)
    if scope is None:
        cs = _CLAUSE_SUBJECT.search(text, max(0, h.start - 60), h.start)
        if cs and is_name(cs["s"].split()[0]):
            scope = scope_case(cs["s"])  # "..., and Europe was 27% of revenue"
    if scope is None and prev is not None and prev[1] is not None and prev[1].scope:
        scope = prev[1].scope  # "Digital sales grew 9% and now represent 22% of net sales"
    if scope is None:
        return None
    return m, "revenue_share", f"{scope} ({of_rev})", scope, False
