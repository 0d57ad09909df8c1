"""Reading the figures of a sentence and of a call: each number with its metric, scope, period, change, kind and,
for guidance, direction and previous guidance, tied to its sentence and speaker.

Nothing is invented: `value`, `period`, `change` and `previous` are verbatim slices of the sentence. A number no
metric is named for ("2.5 times", "about 40%") is not kept: a reader could not quote it.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

import ahocorasick

from summarizer.figures import classify as cl
from summarizer.figures.metrics import BASES, Mention, find_mentions, is_name, is_scope_word, metric_key, scope_case
from summarizer.figures.items import is_variance, item_mention
from summarizer.figures.lowtext import LowerPattern, lowered
from summarizer.figures.model import Figure
from summarizer.figures.numbers import Hit, amount_of, count_key, currency_of, parse_num, scan
from summarizer.figures.periods import (CallPeriod, PeriodMention, call_label, find_periods, later, resolve, starts_after,
                                       unnormalised_periods)
from summarizer.gates import any_of_ignorecase, may_fold, search_if
from summarizer.model import NO_SPEAKER, Sentence, Transcript

_DIGIT = re.compile(r"\d")
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
_APPROX = re.compile(
    r"\b(?P<a>about|around|almost|nearly|approximately|roughly|over|more than|less than|under|at least|close to|up to|"
    r"exceeded|exceeding|above|below|some|just over|just under|north of|approx\.|in excess of|a minimum of|minimum of|"
    r"as much as|upwards of|greater than|no less than|slightly above|slightly below|approaching|an estimated|estimated|"
    r"well over|well above|just above|just below|nearly|at most|a maximum of|surpassed|topped|crossed|passed|"
    r"exceeding|surpassing|past|beyond"
    r"|(?:low|mid|high|upper)(?:[\s-]+to[\s-]+(?:low|mid|high|upper))?(?=[\s-]*$))[\s-]*$", re.I)  # "mid to high 20%"
_ACC_CUES = (
    (LowerPattern(r"\b(?:on an? (?:adjusted|non-gaap|non gaap|core|underlying|comparable|operating|normali[sz]ed|pro forma|"
                r"like-for-like|recurring) basis|excluding (?:special |one-time |non-recurring |certain |these |those |the |all |"
                r"discrete |notable |unusual |significant )?(?:items|charges|gains)|excluding (?:the )?(?:impact|effect)s? of|"
                r"before (?:special|one-time|non-recurring) items|adjusted for|ex-items)\b"), "adjusted"),
    (LowerPattern(r"\bas adjusted\b"), "adjusted"),
    (LowerPattern(r"\b(?:on an? (?:gaap|reported|ifrs|u\.s\. gaap|statutory) basis|including (?:these|those|special|all|"
                r"the) items|(?<!non-)(?<!non )gaap basis)\b"), "gaap"),  # not the "gaap basis" inside "non-gaap basis"
)
_MAY_ACC = any_of_ignorecase(("basis", "excluding", "items", "adjusted", "including", "ex-items"))
_LEAD_SCOPE = re.compile(
    r"^(?:(?:and|so|now|also|next|finally|lastly|then|turning|moving|looking|switching|shifting)\s+(?:to\s+|at\s+|over to\s+|on to\s+)?)*"
    r"(?:in|at|for|within|across|from|turning to|moving to|looking at|regarding|as for|with respect to|on)\s+"
    r"(?:the\s+|our\s+|its\s+)?(?P<s>[^,;:\d]{2,50}?)(?P<suf>\s+(?:segment|segments|business|businesses|division|unit|"
    r"region|brand|portfolio|operations|group))?\s*[,:]", re.I)
_TOPIC = re.compile(r"^(?:(?:and|so|now|next|finally|turning to|moving to|looking at)\s+)?(?:the|our|its)\s+"
                    r"(?P<s>[\w&'’ .-]{2,40}?)\s+(?:segment|business|division|unit)\b", re.I)
# "Our regulated operations segment, which includes ..., recorded net income of": the segment is the subject
_SEGMENT_AS_SUBJECT = re.compile(
    r"^(?:(?:and|so|now|also|finally|meanwhile)\s+)?(?:our\s+|the\s+|its\s+|[A-Z][\w&.-]*(?:'s|’s)\s+)"
    r"(?P<s>(?:[\w&-]+\s+){0,3}?[\w&-]+)\s+(?:segment|division|business unit)\b", re.I)
# "... $8.7 billion and $8.8 billion for our legacy electric segment operations": the segment the figure is for
_FOR_SEGMENT = re.compile(r"\s*,?\s*(?:for|in|from)\s+(?:our|the|its)\s+(?P<s>(?:[\w&-]+\s+){0,3}?[\w&-]+)\s+"
                          r"(?:segment|division|business unit)\b", re.I)
_SUBJECT = re.compile(
    r"^(?:(?:and|so|now|also|finally|meanwhile)\s+)?(?P<s>[A-Z][\w&'’.-]*(?:\s+(?:and\s+)?[A-Z][\w&'’.-]*){0,3})"
    r"(?:\s*,[^,]{1,40},)?\s+(?:now\s+|also\s+|alone\s+|itself\s+)?(?:ended|had|generated|delivered|posted|reported|grew|"
    r"contributed|accounted|was|were|is|are|added|represented|made|saw|achieved|brought|closed|reached|rose|increased|"
    r"declined|fell|recorded|produced|finished|represents|accounts|makes|delivers|generates|posted)\b")
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
_BY_AMOUNT = re.compile(r"\s+(?:in\s+[^,;$%\d]{0,30}?\s+)?by\s+(?:about\s+|approximately\s+|roughly\s+|nearly\s+|"
                        r"another\s+|an additional\s+)?", re.I)
# "a $0.13 increase in our diluted EPS", "a $12 million reduction in our revenue": a change in the metric named after
_CHANGE_IN = re.compile(r"\s+(?:per (?:diluted )?share\s+)?(?:[\w-]+\s+)?(?:increase|decrease|decline|improvement|reduction|"
                        r"impact|benefit|headwind|tailwind|contribution|hit|drag|effect|step-up|swing|uplift)\s+(?:in|to|on|of|for)\s+"
                        r"(?:our\s+|the\s+|its\s+|total\s+)?(?:[\w-]+\s+)?$", re.I)
_IMPACT_ON = re.compile(r"\b(?:impact|effect|headwind|tailwind|benefit|drag|hit)\s+(?:of\s+[^,;]{0,60}?\s+)?(?:on|to)\s+"
                        r"(?:our\s+|the\s+|its\s+)?$", re.I)  # "the impact of the dollar on our gross profit rate"
_IMPACT_NOUN = re.compile(r"\b(?:impact|impacts|impacted|effect|headwind|tailwind|benefit|drag|hit|reduction|contribution)\b",
                          re.I)
_LOSS_OF = re.compile(r"\b(?:an?\s+)?(?:net\s+|operating\s+|pre-?tax\s+|adjusted\s+)?loss(?:es)?\s+(?:of|was|were)\s+"
                      r"(?:about\s+|approximately\s+|roughly\s+|nearly\s+|negative\s+)?$", re.I)
_MAY_RETURN = any_of_ignorecase(("return",))
_MAY_FOR = any_of_ignorecase(("for",))
_MAY_IMPACT = any_of_ignorecase(("mov", "shift", "pull", "push", "add", "contribut", "includ", "exclud", "lost", "los",
                                 "defer", "accelerat", "brought", "took", "take", "cost", "impact", "reduc", "lower",
                                 "hurt", "benefit", "boost", "worth", "represent", "driv", "generat", "additional",
                                 "incremental"))
_MAY_PRICE = any_of_ignorecase(("pric", "valu", "average", "cost basis", "strike", "tender"))
_MAY_LOSS = any_of_ignorecase(("loss",))
_MAY_APPROX = any_of_ignorecase(("about", "around", "almost", "nearly", "approx", "roughly", "over", "more", "less",
                                 "under", "least", "close", "up to", "exceed", "above", "below", "some", "just", "north",
                                 "excess", "minimum", "much", "upwards", "greater", "slightly", "estimated", "well",
                                 "most", "maximum", "surpass", "topped", "crossed", "passed", "past", "beyond", "mid",
                                 "high", "low", "upper"))
_GUIDED_AFTER = re.compile(r"\s+(?:that\s+)?(?:we|i)\s+(?:had\s+)?(?:guided|expected|forecast|projected|targeted|planned)\b|"
                           r"\s+(?:of\s+)?(?:our\s+|the\s+)?(?:prior\s+|previous\s+|original\s+)?(?:guidance|outlook)\b", re.I)
_YEAR_AGO = re.compile(r"\b(?:last|prior|previous)[- ]year(?:'s|’s)?\s+$|\byear[- ]ago\s+$", re.I)
_FOR_DEAL = re.compile(r"\bfor\s+(?:about\s+|approximately\s+|roughly\s+|a total of\s+|total consideration of\s+)?$", re.I)
# "for a 1% immediate increase in rates", "a 100 basis point rise in rates would add": what a move in rates would do
_RATE_MOVE = re.compile(r"\b(?:an?|each|every|per)\s+(?:\d+(?:\.\d+)?\s?(?:%|percent|basis[\s-]points?|bps?|bp)|"
                        r"(?:one|two|three)[\s-]+(?:percent|percentage[\s-]points?))[\s-]+(?:immediate\s+|parallel\s+|"
                        r"instantaneous\s+|gradual\s+)?(?:rise|increase|decline|decrease|drop|move|shock|change|cut|hike|"
                        r"shift)\s+in\s+(?:short-term\s+|long-term\s+)?(?:interest\s+)?rates\b", re.I)
_SENSITIVITY = re.compile(r"\s+sensitivity\b", re.I)
_PER_UNIT = re.compile(r"\s+(?P<u>per\s+(?!(?:diluted\s+|basic\s+|common\s+|fully\s+)?(?:share|unit\s+holder)\b)"
                       r"(?:boe|barrel|bbl|mcf|mcfe|ton|tonne|ounce|oz|gallon|pound|unit|vehicle|device|subscriber|"
                       r"user|customer|member|store|square\s+foot|employee|head|seat|room|mwh|kwh))\b", re.I)
_ISSUED = re.compile(r"\b(?:issuance of|issued|issuing|issue|priced|placed|offering of|raised)\s+(?:an?\s+|about\s+|"
                     r"approximately\s+|an aggregate of\s+)?$", re.I)
_OF_NOTES = re.compile(r"\s+(?:of|in)\s+(?:our\s+|the\s+|its\s+)?(?:[\d.]+%\s+)?(?P<n>(?:(?:senior|secured|unsecured|"
                       r"convertible|subordinated|outstanding|term)\s+){0,3}(?:notes|debentures|bonds|debt|term loans?))\b",
                       re.I)
# "senior notes due 2027", "maturing in 2022": when a debt falls due, not the period of a figure
_DUE_YEAR = re.compile(r"\b(?:due|maturing|matures|mature|maturity)\s+(?:in\s+)?(?:fiscal\s+)?(?:19|20)\d\d\b", re.I)
_FOR_SHARES = re.compile(r"\s*(?:(?:common\s+)?shares\s+)(?:of\s+(?:our\s+|its\s+)?(?:common\s+)?stock\s+)?,?\s*(?:for|at a (?:total )?"
                         r"(?:cost|price) of|totaling|totalling|worth)\s+(?:a total of\s+|about\s+|approximately\s+|"
                         r"roughly\s+|nearly\s+)?", re.I)
_DEAL_WORDS = re.compile(r"\b(?:acquisition|acquire[ds]?|acquiring|bought|buy|purchase[ds]?|purchasing|merger|divest\w*|"
                         r"sale of|sold)\b", re.I)
_COUNT_PREP = re.compile(r"\b(?:across|in|at|to|for|from|among|of|into|by)\s+(?:more than\s+|over\s+|about\s+|nearly\s+|"
                         r"approximately\s+|some\s+|almost\s+|roughly\s+)?$", re.I)
_HIRED = re.compile(r"\b(?:hired|hire|hiring|added|adding|recruited|onboarded)\s+(?:more than\s+|over\s+|about\s+|nearly\s+|"
                    r"approximately\s+|some\s+|another\s+)?$", re.I)
_COMPANY_WIDE = re.compile(r"\b(?:total|overall|consolidated|company|companywide|company-wide|group|combined)\b", re.I)
_COORD = re.compile(r"^(?:\s+per (?:diluted )?(?:common )?share)?(?:\s+on an? [\w-]+(?: [\w-]+)? basis)?"
                    r"(?:\s+(?:in|for|during|at)\s+[^,;$%]{0,32}?)?"
                    r"(?:\s+(?:a year (?:ago|earlier)|last year|in the prior year|previously))?\s*"
                    r"(?:,\s*(?:and\s+|or\s+)?|\s+(?:and|or|while|versus|vs\.?)\s+)(?:an?\s+|the\s+|from\s+)?(?:about\s+|approximately\s+|"
                    r"roughly\s+|nearly\s+)?$", re.I)

_FOR_TAIL = re.compile(r"\s+for\s+(?:the\s+)?([^,.;]{1,40})")
_YEARISH = re.compile(r"(?:fiscal\s+|fy\s?)?'?(?:19|20)?\d\d\b", re.I)
_BARE_YEAR = re.compile(r"(?<![\d$.,])((?:19|20)\d\d)(?![\d%])")
_ACC_PREFIX = re.compile(r"^(?:adjusted|non-gaap|gaap|reported|core)\s+", re.I)
_RANGE_WORDS = re.compile(r"\b(?:range|guidance|outlook|expect\w*|target\w*)\b", re.I)
_OF_GAP = re.compile(r"\s+(?:in|of|for)\s+(?:(?:our|the|its|their)\s+)?")
_FFO_WORD = re.compile(r"\ba?ffo\b", re.I)
_AFFO_WORD = re.compile(r"\baffo\b", re.I)
_NOT_SCOPE_LEAD = re.compile(r"\b(?:basis|quarter|year|addition|total|summary|terms|general|fact|short|"
                             r"particular|conclusion|aggregate|contrast|comparison|light|order|turn|line|"
                             r"meantime|regard|words|sum|closing|detail|view|respect|short)\b", re.I)
_PHRASE_YEAR = re.compile(r"(?:(?<![\d])(?:19|20)\d\d(?!\d)|(?:fy|')\s?(\d\d)(?!\d))", re.I)
_COMPARATOR_TAIL = re.compile(
    r"\s+(?:a year (?:ago|earlier)|last year|in the (?:prior|previous|same)[\w -]{0,30}?(?:period|quarter|year)|"
    r"in (?:q[1-4] |the (?:first|second|third|fourth) quarter of )?(?:19|20)\d\d|last quarter|"
    r"(?:at|in) (?:the end of )?(?:june|march|september|december)|previously)\b", re.I)
_YEAR_AGO_WORDS = re.compile(r"a year (?:ago|earlier)|last year|prior[- ]year|same (?:period|quarter)", re.I)
_OWN_NOUN_AFTER = re.compile(r"\s+(?:[a-z][\w-]*\s+){0,2}(?:ratio|yield|stake|ownership|interest)\b")
_MARGIN_OF = {"gross_profit": "gross_margin", "operating_income": "operating_margin", "net_income": "net_margin"}
RATE_BASES = frozenset({"gross_margin", "operating_margin", "ebitda_margin", "net_margin", "net_interest_margin",
                        "tax_rate", "roic", "roe", "roa", "market_share", "occupancy", "net_revenue_retention",
                        "cost_inflation", "organic_revenue", "combined_ratio", "margin", "payout_ratio", "cet1_ratio",
                        "load_factor", "medical_care_ratio", "efficiency_ratio", "rent_collection"})
COUNT_BASES = frozenset({"headcount", "users", "customers", "subscribers", "stores", "shipments", "units"})
# what a cost or saving is for ("Fresh Start savings", "restructuring costs from the Lakeview closure") is not a segment
NO_SCOPE_BASES = frozenset({"expenses", "cost_inflation", "cost_savings", "opex", "synergies", "marketing_expense",
                            "sga", "rnd", "capital_returned", "buyback", "buyback_authorization", "dividend"})
_MULTIPLE_BASES = frozenset({"leverage", "book_to_bill", "inventory_turns"})
_BARE_BASES = COUNT_BASES | {"book_to_bill", "inventory_turns", "leverage", "bookings", "backlog"}
_PER_SHARE_ONLY = frozenset({"eps", "book_value_per_share"})
_PER_SHARE_BASES = frozenset({"eps", "earnings", "net_income", "ffo", "ffo_adjusted", "affo", "dividend",
                              "book_value_per_share", "free_cash_flow", "operating_cash_flow", "cash_flow", "noi",
                              "pretax_income", "operating_income"})


@dataclass
class CallContext:
    """The call's own period and company, and what earlier sentences of the same turn set up: an outlook heading's
    period and direction, the full year the previous sentence guided, a business named as the topic."""

    call: CallPeriod = field(default_factory=lambda: CallPeriod(None, None))
    company_words: frozenset[str] = frozenset()
    turn: int | None = None
    outlook: tuple[str, str] | None = None  # (fiscal period, as said) of an outlook heading
    outlook_ttl: int = 0
    direction: str | None = None
    direction_ttl: int = 0
    fy_guidance: tuple[str, str] | None = None
    fy_ttl: int = 0
    topic_scope: str | None = None
    topic_ttl: int = 0
    results: str | None = None  # the fiscal period of a results heading ("Now for the full year 2021 results.")
    results_ttl: int = 0
    statements: list["DirectionStatement"] = field(default_factory=list)
    position: int = -1
    per_share: tuple[str, str] | None = None  # the per-share metric the call reports when it is FFO ("ffo", "FFO per share")

    def step(self, s: Sentence, numbers: bool = True) -> None:
        """A new sentence: forget what belonged to another turn, age what the last sentences set up (the full year
        an outlook sentence guided lasts over sentences with no numbers: "That assumes ...")."""
        if s.turn != self.turn:
            self.turn = s.turn
            self.outlook = self.direction = self.fy_guidance = self.topic_scope = self.results = None
            self.outlook_ttl = self.direction_ttl = self.fy_ttl = self.topic_ttl = self.results_ttl = 0
            return
        self.results_ttl -= 1
        if self.results_ttl < 0:
            self.results = None
        self.outlook_ttl -= 1
        self.direction_ttl -= 1
        self.fy_ttl -= 1 if numbers else 0
        self.topic_ttl -= 1
        if self.outlook_ttl < 0:
            self.outlook = None
        if self.direction_ttl < 0:
            self.direction = None
        if self.fy_ttl < 0:
            self.fy_guidance = None
        if self.topic_ttl < 0:
            self.topic_scope = None


@dataclass(frozen=True)
class DirectionStatement:
    """A sentence that says the company raised, lowered, narrowed, reaffirmed ... its guidance ('we have raised our
    sales and earnings forecast for 2021'), for the guided figures it names (None: all) and period (None: any)."""

    position: int
    direction: str
    bases: frozenset[str] | None
    fiscal_period: str | None
    segment: bool = False  # "we are reducing our full year expectations for the segment": not the company's


_FOR_NAME = re.compile(r"\bfor\s+(?:the\s+|our\s+)?(?-i:[A-Z][\w&'-]+)", re.I)
_TOP_AND_BOTTOM = re.compile(r"\btop[- ]and[- ]bottom[- ]lines?\b", re.I)
# one segment named ("for the segment", "our Coatings segment"), not "across all our segments"
_SEGMENT_WORD = re.compile(r"\b(?:the|this|that|our|its|for|[A-Z][\w&-]*)\s+(?:[\w&-]+\s+){0,2}?"
                           r"(?:segment|division|business unit)\b(?!s)", re.I)
_WE = re.compile(r"\b(?:we|we're|we’re|we've|we’ve|i|i'm)\b", re.I)
_STATEMENT_NOUN = LowerPattern(r"\b(?:guidance|outlook|forecast|expectations?|view|targets?|range|guide)\b")
_STATEMENT_BASES = {"revenue": "revenue", "organic_revenue": "revenue", "comparable_sales": "revenue", "eps": "eps",
                    "earnings": "eps", "net_income": "eps", "ffo": "ffo", "affo": "ffo", "free_cash_flow": "free_cash_flow",
                    "operating_cash_flow": "operating_cash_flow", "ebitda": "ebitda", "operating_income": "operating_income",
                    "operating_margin": "operating_margin", "gross_margin": "gross_margin", "capex": "capex"}


_TOPIC_WORDS = ("segment", "business", "division", "unit")
_STATE_WORDS = ("guidance", "outlook", "forecast", "expectation", "view", "target", "range", "guide")


def _observe_automaton() -> ahocorasick.Automaton:
    a = ahocorasick.Automaton()
    for k in _TOPIC_WORDS:
        a.add_word(k, "topic")
    for k in _STATE_WORDS:
        a.add_word(k, "state")
    a.make_automaton()
    return a


_OBSERVE_WORDS = _observe_automaton()


def _observed_words(text: str) -> frozenset[str] | set[str]:
    """Which of the word groups every sentence is checked for occur ('state': a guidance noun; 'topic': a business
    word), in one scan (as `summarizer.gates.any_of_ignorecase` would tell for each group)."""
    if may_fold(text):
        return frozenset(("topic", "state"))
    return {v for _, v in _OBSERVE_WORDS.iter(lowered(text) or text.lower())}


def _statements(ctx: CallContext, text: str, position: int) -> None:
    """Remember the guidance changes a sentence announces, for guided figures said elsewhere in the call."""
    for a, b, direction in cl.direction_cues(text):
        noun = _STATEMENT_NOUN.search(text, a, min(len(text), b + 70))  # "reaffirming our guidance", "this is up from
        # our previous guidance" (the noun inside the cue)
        before = None
        if noun is None:
            before = _STATEMENT_NOUN.search(text, max(0, a - 50), a)  # "guidance range raised to ..."
            if before is None:
                continue
            phrase_lo, phrase_hi = before.start(), b
        else:
            phrase_lo, phrase_hi = b, noun.end()
        if before is not None and _FOR_NAME.search(text, before.end(), a):
            continue  # "Our 2021 outlook for Aerospace is unchanged": a segment's outlook
        tail = _FOR_TAIL.match(text[phrase_hi:])
        if tail and not find_periods(tail.group(1)) and not find_mentions(tail.group(1)) and \
                not _YEARISH.match(tail.group(1)):
            continue  # "our forecast for second-half demand": not the company's financial guidance
        bases = {_STATEMENT_BASES[m.base] for m in find_mentions(text[phrase_lo:phrase_hi + (tail.end() if tail else 0)])
                 if m.base in _STATEMENT_BASES}
        if not bases:  # "Free cash flow is expected to be ..., lower versus our last guide": the subject's metric
            said = [m for m in find_mentions(text, ctx.company_words) if m.end <= a and m.base in _STATEMENT_BASES]
            subject = {_STATEMENT_BASES[m.base] for m in said}
            if len(subject) == 1 and not _WE.search(text, said[-1].end, a):  # not "..., and we are raising our outlook"
                bases = subject
        if _TOP_AND_BOTTOM.search(text, phrase_lo, phrase_hi + 20):
            bases |= {"revenue", "eps"}  # "raising our top and bottom line guidance": sales and earnings
        if not bases and not _WE.search(text, 0, a):
            continue  # "The revision to the range downward is due to ...": about a figure already said, not a list
        segment = _SEGMENT_WORD.search(text) is not None  # a segment's outlook said anywhere in the sentence
        ps = [p for p in find_periods(text) if p.start >= a - 40]
        fiscal = resolve(ps[0], ctx.call, True) if ps else None
        if fiscal is None:
            y = _BARE_YEAR.search(text[max(0, a - 20):phrase_hi])
            fiscal = f"FY {y.group(1)}" if y else None  # "narrowing our 2026 core FFO guidance"
        ctx.statements.append(DirectionStatement(position, direction, frozenset(bases) or None, fiscal, segment))


def call_directions(figs: list[Figure], statements: list[DirectionStatement]) -> None:
    """A guided figure whose sentence says no direction takes the one a statement of the call gives for its metric
    and period: the latest before it, else one in the next few sentences."""
    if not statements:
        return
    for f in figs:
        if f.kind != "guidance" or f.direction is not None:
            continue
        base = next((v for k, v in _STATEMENT_BASES.items() if f.metric_key.startswith(k)), None)

        def fits(s: DirectionStatement) -> bool:
            if s.bases is not None and base not in s.bases or s.segment and f.scope is None:
                return False
            if s.fiscal_period and f.fiscal_period and s.fiscal_period != f.fiscal_period and not f.period_inferred:
                return False
            if not s.fiscal_period and f.fiscal_period and not f.fiscal_period.startswith("FY"):
                return False  # "we are raising our guidance": the full-year guidance, not a quarter's first outlook
            return s.bases is not None or base is not None

        before = [s for s in statements if s.position <= f.sentence_position and fits(s) and
                  (s.bases is not None or s.fiscal_period is not None or f.sentence_position - s.position <= 8)]
        after = [s for s in statements if f.sentence_position < s.position <= f.sentence_position + 4 and fits(s)]
        got = before[-1] if before else (after[0] if after else None)
        if before and after and f.sentence_position - before[-1].position > 20:
            got = after[0]  # the statement of the figure's own paragraph, not one said long before
        if got is not None:
            f.direction = got.direction


def context_for(transcript: Transcript) -> CallContext:
    """The context a call's figures are read in: its fiscal period (from its title or text) and company name."""
    words = frozenset(w.lower() for w in re.findall(r"[A-Za-z][\w&'-]+", transcript.company or "")
                      if w.lower() not in ("inc", "corp", "corporation", "company", "co", "ltd", "plc", "group",
                                           "holdings", "the", "and", "limited", "technologies", "technology"))
    if transcript.ticker:
        words = words | {transcript.ticker.lower()}
    return CallContext(call=CallPeriod(transcript.fiscal_quarter, transcript.fiscal_year), company_words=words)


def figures_in_sentence(sentence: Sentence, speaker: str | None = None, *,
                        context: CallContext | None = None, has_digits: bool | None = None) -> list[Figure]:
    """Every figure one sentence states, with its change attached; comparators, years and names are not figures."""
    ctx = context or CallContext()
    text = sentence.text
    digits = bool(_DIGIT.search(text)) if has_digits is None else has_digits
    ctx.step(sentence, digits)
    ctx.position = sentence.position
    if len(text) > 5000:
        return []
    if not digits:
        _observe(ctx, text, [], None)
        return []
    hits = scan(text)
    if not hits:
        _observe(ctx, text, [], None)
        return []
    mentions = find_mentions(text, ctx.company_words)
    if not mentions and not any(h.noun or h.money or h.scale for h in hits):
        _observe(ctx, text, [], None)  # no metric named and no amount: nothing a reader could quote
        return []
    spans = cl.clauses(text)
    past = cl.past_guide_spans(text)
    kinds = cl.clause_kinds(text, spans, past)
    listed = ctx.outlook is not None or ctx.fy_guidance is not None  # a line of a guidance list said before

    def guided(pos: int) -> bool:  # "Adjusted EBITDA in the range of $22 million to $32 million, down from $40 ..."
        ci = cl.clause_of(spans, pos)
        return cl.kind_at(kinds, ci, pos) == "guidance" or (listed and not cl.kind_is_said(kinds, ci))
    cl.classify_roles(text, hits, guided, [m.start for m in mentions], spans)
    _mark_vs_guidance(hits, [(a, b) for a, b in past
                             if cl.kind_at(kinds, cl.clause_of(spans, a), a) == "reported"])
    periods = find_periods(text)
    blocked = _phrase_spans(text, hits, spans)
    if "due" in text or "matur" in text:
        blocked += [(d.start(), d.end()) for d in _DUE_YEAR.finditer(text)]
    free = [p for p in periods if not any(a <= p.start < b for a, b in blocked)]
    unnormalised = unnormalised_periods(text)
    lead = _lead_scope(text, ctx)
    subject = _subject_scope(text, mentions, ctx)
    resp = _respectively(text, hits, mentions) if "respectively" in text else {}
    cues: list[tuple[int, int, str]] | None = None
    out: list[Figure] = []
    last_fig: dict[int, tuple[Hit, Mention | None, str, str]] = {}  # clause -> the figure hit before
    said_before: dict[int, tuple[int, Figure] | None] = {}  # clause -> the figure before with a period said, its end
    for h in hits:
        standalone = h.role == "change" and h.owner is None
        if h.role != "value" and not standalone:
            continue
        ci = cl.clause_of(spans, h.start)
        lo, hi = spans[ci]
        prev = last_fig.get(ci)
        if prev is None and ci - 1 in last_fig and _COORD.match(text[last_fig[ci - 1][0].stop:h.start]):
            prev = last_fig[ci - 1]  # "range from $0.36 to $0.51 on a GAAP basis, and from $0.57 to $0.72 on a ..."
        bound = max(prev[0].stop, lo) if prev else lo
        forced = resp.get(id(h))
        chosen = forced[0] if forced else _choose_metric(text, h, mentions, lo, hi, bound, standalone, hits, prev, subject,
                                                         ctx.per_share)
        if chosen is None:
            continue
        m, base, said, scope, per_share = chosen
        last_fig[ci] = (h, m, base, said)
        if base in NO_SCOPE_BASES:
            scope = None
        nxt_hit = next((x for x in hits if x.start > h.stop and x.role == "value"), None)
        accounting = (forced[1] if forced and forced[1] else None) or (m.accounting if m is not None else None) or \
            _accounting_cue(text, h, nxt_hit.start if nxt_hit is not None else None)
        if base == "eps" and m is not None and m.base == "operating_income" and accounting is None:
            accounting = "adjusted"  # operating EPS is a non-GAAP measure
        if scope is None and m is not None and m.scope is None and not _COMPANY_WIDE.search(m.said) and \
                base not in NO_SCOPE_BASES and not per_share:
            scope = _outer_scope(h, m, lead, subject, ctx)
            seg = _FOR_SEGMENT.match(text, h.end2 or h.stop) if scope is None else None
            if seg is not None and not find_mentions(seg["s"]):
                scope = scope_case(seg["s"])
        elif scope is None and m is None and base in COUNT_BASES | {"units"}:
            scope = lead[0] if lead and lead[1] <= h.start else subject[0] if subject and subject[1] <= h.start \
                else ctx.topic_scope
        kind = cl.kind_at(kinds, ci, h.start)
        said_kind = cl.kind_is_said(kinds, ci)
        after_next = next((x.start for x in hits if x.start >= h.stop and x.role == "value"), None)
        pm = _period_for(text, h, m, free, spans, ci, bound, hits[0].start, after_next)
        fiscal, inferred = None, False
        own = call_label(ctx.call)
        if pm is not None:
            if not said_kind and later(resolve(pm, ctx.call, True), own) and \
                    (pm.kind == "Q" and pm.number is not None and ctx.call.quarter is not None and
                     pm.number > ctx.call.quarter or pm.year or pm.rel == "next"):
                kind = "guidance"  # "the fourth quarter revenue ranging from ..." in a Q3 call: no verb says it happened
            fiscal = resolve(pm, ctx.call, kind == "guidance")
            if kind == "reported" and starts_after(fiscal, own) and (pm.year or pm.rel == "next"):
                kind = "guidance"  # "revenue for the fourth quarter of 2026" in a Q3 2026 call ("in 2026" is under way)
            elif kind == "guidance" and own and fiscal and not later(fiscal, own) and _explicit_year(pm) and \
                    (pm.end <= h.start and cl.only_modal(text, spans[ci]) or pm.kind == "Q" and fiscal == own):
                kind = "reported"  # "throughout 2022, revenue will be ..." in a Q4 2022 call: that year is over; "we
                fiscal = resolve(pm, ctx.call, False)  # expect a loss of $0.16 in the fourth quarter of 2020" in its call
        if kind == "reported" and pm is not None and fiscal and later(fiscal, own) and pm.kind in ("FY", "H") and \
                (h.num2 is not None or _YEAR_WORDS.search(text, spans[ci][0], h.start)) and \
                not cl.strong_reported_said(kinds, ci):
            kind = "guidance"  # "The full year range of 2021 is $1.91 to $1.93" in a Q3 call: that year is not over
            # (and a range for it, "For 2021, we are focused on delivering $2.61 to $2.65 per share", is an outlook)
            fiscal = resolve(pm, ctx.call, True)
        if fiscal and pm is not None and not pm.year and m is not None and \
                _YEAR_AGO.search(text, max(0, min(m.start, pm.start) - 24), min(m.start, pm.start)):
            fiscal = _year_back(fiscal)  # "Last year's first-quarter adjusted EPS was $0.58"
        if not said_kind and kind == "reported" and (h.num2 is not None or ctx.outlook is not None and ctx.outlook_ttl >= 3):
            kind = "guidance"  # a range, or a list under an outlook heading, with no verb saying it happened
        period_text = pm.text if pm is not None else None
        own_span = _unnormalised_for(text, h, unnormalised, blocked, lo, hi, after_next) if pm is None else None
        restated = said_before.get(ci) if pm is None and own_span is None else None
        if restated is not None and restated[1].kind == kind and m is not None and m.start >= restated[0] and \
                _RESTATED.fullmatch(text, restated[0], m.start):
            period_text, fiscal = restated[1].period, restated[1].fiscal_period  # "2021 earnings of $3.23 per share
        elif own_span is not None:  # or net income of $169.2 million": the same year's net income
            period_text = own_span  # "the GMV in January and February increased by 30%": that period, as said
        elif pm is None and kind == "guidance":
            got = ctx.outlook or ctx.fy_guidance
            if got:
                fiscal, inferred = got[0], True
            elif ctx.call.year is not None:  # an outlook with no period said is the year's: the next one in a Q4 call
                fiscal, inferred = f"FY {ctx.call.year + 1 if ctx.call.quarter == 4 else ctx.call.year}", True
        elif pm is None and kind == "reported":
            fiscal, inferred = ctx.results or call_label(ctx.call), True
        growth = (standalone or (m is not None and m.growth and (h.pct_kind() != "" or h.role == "change"))) and \
            not (m is not None and m.impact)
        key = metric_key(base, accounting, growth=growth, per_share=per_share, pct=bool(h.pct))
        if m is not None and m.run_rate:
            key += "_run_rate"
        unit_of = _PER_UNIT.match(text, m.end) if m is not None and not per_share and not h.pct and \
            base != "revenue_per_unit" else None
        if unit_of is not None:  # "field level EBITDA per BOE of $31", "lease operating expense per BOE was $8.50"
            key, said = f"{key}_per_unit", f"{said} {unit_of['u']}"  # a unit's amount, never the total
        if growth and not said.lower().endswith("growth") and base not in ("comparable_sales", "organic_revenue"):
            said = f"{said} growth"
        rate_move = _RATE_MOVE.search(text, lo, hi) if "rate" in text else None
        if rate_move is not None and not rate_move.start() <= h.start < rate_move.end() or \
                m is not None and _SENSITIVITY.match(text, m.end):  # "NII sensitivity estimated at an increase of
            key, said = f"{key.removesuffix('_growth')}_sensitivity", said.removesuffix(" growth").removesuffix(
                " sensitivity") + " sensitivity"  # 6.5% for a 1% immediate increase in rates": no outlook of NII
        elif m is not None and m.impact:
            key = key.removesuffix("_growth") + "_impact"  # "a gain of $0.30 per share": an item in the EPS
        elif m is not None and m.increment and not m.run_rate:
            key = key.removesuffix("_growth") + "_impact"
            said = f"{m.increment} {said.removesuffix(' growth')}"  # "additional revenue"
        elif m is not None and not m.run_rate and (part := _included_part(text, h, m, lo, said)):
            key = key.removesuffix("_growth") + "_part"  # "It includes 1.2 billion yuan in innovative business
            said = part  # expenses": those expenses, a part of the total
        elif m is not None and not m.run_rate and (_is_impact(text, h, m, lo, standalone) or
                                                   _IMPACT_ON.search(text, lo, m.start) is not None):
            key = key.removesuffix("_growth") + "_impact"
            said = said.removesuffix(" growth") + " impact"
        fig = _figure(text, h, hits, sentence, speaker, said, key, accounting, scope, period_text, fiscal, inferred,
                      kind, standalone, per_share, m, spans[ci], ctx.call)
        if kind == "guidance":
            if cues is None:
                cues = cl.direction_cues(text)
            _guidance_fields(fig, text, h, hits, cues, m, spans[ci], ctx)
        out.append(fig)
        said_before[ci] = (h.stop, fig) if fig.period and not fig.period_inferred else None
        if ctx.per_share is None and key.startswith(("ffo_per_share", "affo_per_share")) and fig.kind == "reported":
            ctx.per_share = ("affo", "AFFO per share") if key.startswith("affo") else ("ffo", "FFO per share")
    _observe(ctx, text, out, lead)
    return out


# ---- the metric a number belongs to ---------------------------------------------------------------------------

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


_YEAR_WORDS = re.compile(r"\b(?:full|fiscal|whole|half)\b|\b(?:full|fiscal)[\s-]+year\b", re.I)
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


def _respectively(text: str, hits: list[Hit], mentions: list[Mention]) -> dict[int, tuple[tuple, str | None]]:
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


def _choose_metric(text: str, h: Hit, mentions: list[Mention], lo: int, hi: int, bound: int, standalone: bool,
                   hits: list[Hit], prev: tuple[Hit, Mention | None, str, str] | None,
                   subject: tuple[str, int] | None, per_share_default: tuple[str, str] | None = None
                   ) -> tuple[Mention | None, str, str, str | None, bool] | None:
    """(mention, base, metric as said, scope, per share) for a number, or None when no metric is named for it."""
    stop = h.stop
    if (h.money or h.scale) and any(m.base == "gross_margin" for m in mentions):
        # "we expect gross margins to range between $65 million to $75 million": gross margin in dollars is gross profit
        mentions = [replace(m, base="gross_profit") if m.base == "gross_margin" else m for m in mentions]
    before = [m for m in mentions if lo <= m.start and m.end <= h.start]
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
    if prev is not None and not standalone and last is not None and _COORD.match(text[last:h.start]) and \
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


def _year_back(fiscal: str) -> str:
    """'Q1 2026' -> 'Q1 2025'."""
    kind, _, year = fiscal.partition(" ")
    return f"{kind} {int(year) - 1}" if year.isdecimal() else fiscal


def _explicit_year(p: PeriodMention) -> bool:
    """A period said with its year ('2022', 'fiscal 2025', 'Q3 2025'), not relative ('next year')."""
    return p.year is not None


# "$3.23 per share or net income of $169.2 million", "$3.23 per share on net income of ...": the same result restated
_RESTATED = re.compile(r"\s*(?:per (?:diluted |basic )?(?:common )?share\s*)?,?\s*(?:or|on)\s+(?:an?\s+|the\s+)?", re.I)
_INCLUDES = re.compile(r"\b(?:includes|included|including|comprises|comprised|contains|contained)\s+"
                       r"(?:about\s+|approximately\s+|roughly\s+|nearly\s+|some\s+|over\s+)?$", re.I)
_KIND_OF = re.compile(r"\s+(?:in|of|for)\s+(?:(?:our|the|its|their)\s+)?(?P<q>[A-Za-z][\w-]*(?:\s+[A-Za-z][\w-]*){0,2})\s+$")


def _included_part(text: str, h: Hit, m: Mention, lo: int, said: str) -> str | None:
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


def _is_impact(text: str, h: Hit, m: Mention, lo: int, standalone: bool) -> bool:
    """A value said as an amount of the metric after it that moved, was added or lost ('moved about $3 million of
    revenue into the first quarter', '70 basis points of gross margin' with no up or down)."""
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
    if h.stop <= m.start and _CHANGE_IN.fullmatch(text, h.stop, m.start):
        return True
    return bool(search_if(_IMPACT_BEFORE, _MAY_IMPACT, text, max(lo, h.start - 60), h.start) or
                _IMPACT_AFTER.match(text, m.end))


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
_EARNINGS_WORD = re.compile(r"\b(?:earn\w*|income|profit\w*|loss\w*|eps|results?|reported|delivered|generated)\b", re.I)


def _per_share_metric(text: str, h: Hit, mentions: list[Mention], lo: int,
                      bound: int, default: tuple[str, str] | None = None
                      ) -> tuple[Mention | None, str, str, str | None, bool] | None:
    """'$0.39 per diluted share' after a net income, 'FFO of $0.44 per share', 'a dividend of $0.42 per share'; an
    item in the earnings ('a gain of $0.30 per share') is an impact on EPS; `default`: the per-share metric the call
    reports ('ffo' in a REIT's call) for an amount no metric is named for."""
    ps = _PER_SHARE.match(text, h.stop)
    per = ps.group(0).strip() if ps else ""
    if is_variance(text, h, lo):
        return None
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
        return None, "eps", f"earnings {per}".strip() if per else "EPS", None, True
    base = m.base
    if base in ("net_income", "earnings", "operating_income"):
        base = "eps"  # "operating income of $34 million or $0.45 per share": the operating EPS insurers report
    said = m.said if (m.per_share or not per) else f"{m.said} {per}"
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


def _outer_scope(h: Hit, m: Mention, lead: tuple[str, int] | None, subject: tuple[str, int] | None,
                 ctx: CallContext) -> str | None:
    """A scope the sentence sets around the metric: a lead-in ('In our foodservice segment, ...'), the subject
    ('Harbor ... ended the year with $31 million of revenue'), or the business the sentence before was about."""
    if lead and lead[1] <= m.start:
        return lead[0]
    if subject and subject[1] <= m.start:
        return subject[0]
    return ctx.topic_scope


def _lead_scope(text: str, ctx: CallContext) -> tuple[str, int] | None:
    """A business or region named before the sentence's first comma ('In our foodservice segment,', 'In China,')."""
    m = _LEAD_SCOPE.match(text)
    if not m:
        return None
    s = m["s"].strip()
    words = s.split()
    if not words or len(words) > 5 or any(w.lower() in ctx.company_words for w in words):
        return None
    named = any(is_name(w) for w in words) and sum(1 for w in words if not is_name(w) and not is_scope_word(w)) <= 1
    lexical = all(is_scope_word(w) or w.lower() == "and" for w in words)
    if (m["suf"] and (named or lexical or len(words) <= 3) and not find_periods(s)) or named or lexical:
        if find_periods(s) or _NOT_SCOPE_LEAD.search(s):
            return None
        return scope_case(s), m.end()
    return None


def _subject_scope(text: str, mentions: list[Mention], ctx: CallContext) -> tuple[str, int] | None:
    """A named business as the sentence's subject ('Harbor, our picking arm, ended ...', 'Europe was 18% of revenue',
    'Our regulated operations segment recorded ...')."""
    m = _SUBJECT.match(text)
    if not m:
        seg = _SEGMENT_AS_SUBJECT.match(text)
        if seg is None or find_mentions(seg["s"]) or find_periods(seg["s"]):
            return None
        return scope_case(seg["s"]), seg.end()
    s = m["s"]
    if any(mm.start < m.end("s") and mm.end > m.start("s") for mm in mentions):
        return None
    words = s.split()
    if not all(is_name(w) or w == "and" for w in words) or any(w.lower() in ctx.company_words for w in words):
        return None
    return scope_case(s), m.end()


def _accounting_cue(text: str, h: Hit, next_start: int | None = None) -> str | None:
    """'On a GAAP basis, EPS was ...', '... $1.21 on an adjusted basis', 'excluding special items': the cue right after
    the number (before the next one), else the nearest before it."""
    if not _MAY_ACC(text):
        return None
    after = text[h.stop:min(h.stop + 60, next_start if next_start is not None else len(text))]
    for rx, acc in _ACC_CUES:
        if rx.match(after.lstrip(" ,")) or rx.match(after.lstrip(" ,").removeprefix("per diluted share").lstrip(" ,")):
            return acc
    if not _MAY_ACC(text):
        return None
    best: tuple[int, str] | None = None
    for rx, acc in _ACC_CUES:
        for m in rx.finditer(text, 0, h.start):
            if best is None or m.start() > best[0]:
                best = (m.start(), acc)
    return best[1] if best else None


# ---- the period -----------------------------------------------------------------------------------------------

_VS_TAIL = re.compile(r"\s*,?\s*(?:compared (?:with|to)|versus|vs\.?|over|from|against|relative to)\b[^,;]{0,70}", re.I)


_MAY_VS = any_of_ignorecase(("compar", "versus", "vs", "relative", "against", "than", "from", "over"))
_VS_WORDS = LowerPattern(r"\b(?:(?:as )?compared (?:to|with)|versus|vs\.?|relative to|against|than)\b[^;]{0,80}"
                       r"|\b(?:from|over)\s+(?:the\s+)?(?:prior|previous|last|same|comparable|year[- ]ago|a year)\b[^,;]{0,40}")


def _phrase_spans(text: str, hits: list[Hit], spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Where changes, comparisons and previous guidance are said, with the period words that go with them
    ('compared with $0.27 in the second quarter of 2024', 'compared to the prior year's first quarter'): their
    periods are not the figure's."""
    out = [(m.start(), m.end()) for m in _VS_WORDS.finditer(text)] if _MAY_VS(text) else []
    for h in hits:
        if h.role == "change" and h.owner is None:
            _, bend = cl.basis_of(text, h.stop)
            tail = _VS_TAIL.match(text, bend)
            if tail:  # "increased by more than 30% compared with the GMV in the fourth quarter of last year"
                out.append((bend, tail.end()))
            continue
        if h.role == "value":
            continue
        start = h.dir_start if h.dir_start is not None else max(0, h.start - 30)
        if h.pair is not None and h.pair.stop <= h.start:  # "FY '21 grew 13% or $25.7 million": the change's own words
            start = max(start, h.pair.dir_start if h.pair.dir_start is not None else h.pair.start)
        if h.owner is not None and h.owner.stop <= h.start:
            start = max(start, h.owner.stop)
        if h.role in ("comparator", "previous"):  # from the comparison words: "for the year, up from 3% to 4%"
            cm = cl.comparator_before(text, h.start, 90) or cl.previous_before(text, h.start, 90)
            if cm is not None:
                start = max(cm.start(), h.owner.stop if h.owner is not None and h.owner.stop <= cm.start() else 0)
        _, bend = cl.basis_of(text, h.stop)
        end = min(spans[cl.clause_of(spans, h.start)][1], max(bend, h.stop) + 48)
        nxt = next((x for x in hits if x.start > h.stop and (x.role == "value" or x.owner is None)), None)
        if nxt is not None:
            end = min(end, nxt.start)
        out.append((start, end))
    return out


_LEAD_PERIOD = re.compile(r"^(?:(?:and|so|now|also|then)\s+)?(?:for|in|during|through|throughout|over|at|as of|by|"
                          r"looking at|turning to)\b[^,;]{0,50},", re.I)


def _phrase_period(word: str, start: int) -> PeriodMention | None:
    """The period said inside a metric phrase ('2022 full-year', 'fourth-quarter 2021', "FY'22"), its year kept."""
    y = _PHRASE_YEAR.search(word)
    year = None
    if y:
        year = int(y.group(1)) + 2000 if y.group(1) else int(y.group(0))
    found = find_periods(word)
    p0 = found[0] if found else None
    if p0 is not None and (p0.year or not year):
        return PeriodMention(start + p0.start, start + p0.end, p0.text, p0.kind, p0.number, p0.year, p0.rel) \
            if year is None or p0.year else None
    if year is None:
        return None
    if p0 is not None and p0.kind in ("Q", "H") and p0.number:
        return PeriodMention(start, start + len(word), word, p0.kind, p0.number, year)
    return PeriodMention(start, start + len(word), word, "FY", year=year)


def _period_for(text: str, h: Hit, m: Mention | None, free: list[PeriodMention], spans: list[tuple[int, int]],
                ci: int, bound: int, first_hit: int | None = None, next_hit: int | None = None) -> PeriodMention | None:
    """The period said for a figure: in its metric phrase ('Fourth-quarter revenue'), else the nearest in its
    clause, else the nearest in an earlier clause ('For the year, GAAP EPS was $1.29 and adjusted EPS was $1.61')."""
    lo0 = spans[ci][0]
    if m is not None and m.period_start is not None and not any(
            lo0 <= p.start < spans[ci][1] and m.end <= p.start and abs(p.start - h.stop) < 40 for p in free):
        inside = next((p for p in free if p.start <= m.period_start < p.end or m.period_start <= p.start < m.head_start),
                      None)
        if inside is not None:
            return inside
        word = text[m.period_start:m.period_end or m.period_start]
        got = _phrase_period(word, m.period_start)
        if got is not None:
            return got
    lo, hi = spans[ci]
    best, dist = None, 10 ** 9
    lead = _LEAD_PERIOD.match(text)
    anchor = m.start if m is not None and m.start < h.start else h.start
    for p in free:
        if not (lo <= p.start < hi):
            continue
        if p.end <= anchor - 40 and not (lead and p.end <= lead.end()):
            continue  # "Excluding the impact of the 53rd week in fiscal 2020, we expect ...": not this figure's period
        d = h.start - p.end if p.end <= h.start else p.start - h.stop
        if d < 0:
            continue
        if p.end <= bound and p.end <= h.start:
            d += 120  # before the figure ahead of this one: it is that one's
        elif next_hit is not None and p.start >= next_hit:
            continue  # "$6.05 is above ... $6.02 in 2019": after the next figure's number, it is that one's
        if d < dist:
            best, dist = p, d
    if best is not None:
        return best
    # an earlier clause's period counts when it leads the sentence ("For the year, GAAP EPS was $1.29 and adjusted EPS
    # was $1.61", "Full-year revenue was ..., and we generated $128 million"), not from the middle of another clause
    first = min(first_hit, m.start if m is not None else first_hit) if first_hit is not None else 0
    earlier = [p for p in free if p.end <= lo and p.start <= first]
    return earlier[-1] if earlier else None


def _unnormalised_for(text: str, h: Hit, found: list[tuple[int, int]], blocked: list[tuple[int, int]], lo: int,
                      hi: int, next_hit: int | None) -> str | None:
    """The period with no fiscal name said for a figure ('in May', 'over the next five years'): the nearest in its
    clause, never one inside a comparison ('compared with ... in January') nor one after the next figure's number."""
    best, dist = None, 10 ** 9
    for a, b in found:
        if not (lo <= a < hi) or any(x <= a < y for x, y in blocked) or next_hit is not None and a >= next_hit:
            continue
        d = h.start - b if b <= h.start else a - h.stop
        if d >= 0 and d < dist:
            best, dist = text[a:b], d
    return best


# ---- assembling the figure ------------------------------------------------------------------------------------

def _unit(h: Hit, per_share: bool) -> str | None:
    fam = h.pct_kind()
    if fam:
        return fam
    if h.mult:
        return "x"
    cur = currency_of(h)
    if cur:
        return f"{cur}/share" if per_share else cur
    if h.noun:
        return h.noun
    return None


def _figure(text: str, h: Hit, hits: list[Hit], sentence: Sentence, speaker: str | None, said: str, key: str,
            accounting: str | None, scope: str | None, period: str | None, fiscal: str | None, inferred: bool,
            kind: str, standalone: bool, per_share: bool, m: Mention | None, clause: tuple[int, int],
            call: CallPeriod | None = None) -> Figure:
    value = text[h.start:h.stop]
    amount = amount_of(h.num, h.scale, h.post)
    high = amount_of(h.num2, h.scale2 or h.scale, h.post) if h.num2 else None
    if standalone:
        sign = h.dir_sign or 1
        amount, high = sign * parse_num(h.num), (sign * parse_num(h.num2) if h.num2 else None)
    elif (m is not None and m.loss and not m.growth) or search_if(_LOSS_OF, _MAY_LOSS, text, max(0, h.start - 30), h.start):
        amount, high = -amount, (-high if high is not None else None)  # "a net loss of $31 million", "a loss of $0.33"
    am = search_if(_APPROX, _MAY_APPROX, text, max(0, h.start - 24), h.start)
    fig = Figure(metric=said, metric_key=key, value=value, unit=_unit(h, per_share), amount=amount, period=period,
                 change=None, change_pct=None, change_basis=None, kind=kind,
                 approx=am["a"].lower() if am else None, sentence_position=sentence.position, turn=sentence.turn,
                 speaker=speaker, sentence=text, text_span=text[clause[0]:clause[1]].strip(), accounting=accounting,
                 scope=scope, fiscal_period=fiscal, period_inferred=inferred, amount_high=high,
                 currency=currency_of(h))
    pieces = ([h] if standalone else []) + [c for c in hits if c.owner is h]
    texts: list[str] = []
    for c in pieces:
        _change_piece(fig, text, c, texts, standalone and c is h, call)
    fig.change = "; ".join(texts) or None
    return fig


def _basis_by_period(tail: str, call: CallPeriod, fiscal: str) -> str | None:
    """'compared with $0.27 in the second quarter of 2024' for a Q2 2025 figure: year over year."""
    ps = find_periods(tail)
    if not ps:
        return None
    other = resolve(ps[0], call, False)
    if not other or other == fiscal:
        return None
    kind, _, year = fiscal.partition(" ")
    okind, _, oyear = other.partition(" ")
    if not (year.isdecimal() and oyear.isdecimal()):
        return None
    if kind == okind and int(oyear) == int(year) - 1:
        return "y/y"
    if kind.startswith("Q") and okind.startswith("Q") and kind[1:].isdecimal() and okind[1:].isdecimal():
        a, b = int(year) * 4 + int(kind[1:]), int(oyear) * 4 + int(okind[1:])
        if a - b == 1:
            return "sequential"
    return None


def _change_piece(fig: Figure, text: str, c: Hit, texts: list[str], itself: bool,
                  call: CallPeriod | None = None) -> None:
    """Fold one change, comparison or previous-guidance number into the figure's change fields."""
    basis, bend = cl.basis_of(text, c.stop)
    if c.role == "previous":
        fig.previous = text[c.start:c.stop]
        fig.previous_amount = amount_of(c.num, c.scale, c.post)
        fig.previous_amount_high = amount_of(c.num2, c.scale2 or c.scale, c.post) if c.num2 else None
        return
    if c.role == "comparator":
        cm = cl.comparator_before(text, c.start)
        start = cm.start() if cm else c.start
        if c.vs_guidance:
            start = next((a for a, b in cl.past_guide_spans(text) if a <= c.start < b), start)
        lo = c.dir_start if c.dir_start is not None and cm is not None and c.dir_start > cm.start() else c.start
        fig.compared_to = fig.compared_to or text[lo:c.stop]  # "from down 2%": the comparison is "down 2%"
        end = max(bend, c.stop)
        tail = _COMPARATOR_TAIL.match(text[end:end + 50])
        if tail:
            end += tail.end()
        if c.vs_guidance or _GUIDED_AFTER.match(text, c.stop):
            basis = "vs guidance"  # "better than the $0.55 to $0.60 we guided to"
        elif basis is None and call is not None and fig.fiscal_period:
            basis = _basis_by_period(text[c.stop:end], call, fig.fiscal_period)
        texts.append(text[start:end].strip(" ,"))
        if basis and not fig.change_basis:
            fig.change_basis = basis
        elif not fig.change_basis and _YEAR_AGO_WORDS.search(text[start:end + 20]):
            fig.change_basis = "y/y"
        return
    if c.pair is not None and c.pair.stop <= c.start:  # "or 24%" of "increased $242 million or 24%": said with it
        _restated(fig, c, basis)
        return
    start = c.dir_start if c.dir_start is not None else c.start
    end = max(bend, c.stop)
    if c.pair is not None:  # the change reads on to its restatement, and to the basis said after that
        pb, pbend = cl.basis_of(text, c.pair.stop)
        end = max(end, c.pair.stop, pbend)
        basis = basis or pb
    da = cl._DIR_AFTER.match(text[c.stop:c.stop + 30])
    if da and not c.dir_start:
        end = max(end, c.stop + da.end())
        if basis is None:  # "a 67.3% decrease from the same period in 2021"
            basis, bend2 = cl.basis_of(text, c.stop + da.end())
            end = max(end, bend2)
    sign = c.dir_sign or (1 if itself else 0)
    fam = c.pct_kind()
    if fam == "%":
        fig.change_pct = fig.change_pct if fig.change_pct is not None else (sign or 1) * parse_num(c.num)
    elif fam in ("bps", "pp") and not itself and fig.change_amount is None:
        # "up 120 basis points" of a margin: +1.2, in the figure's own unit (percentage points)
        fig.change_amount = (sign or 1) * parse_num(c.num) / (100 if fam == "bps" else 1)
    elif c.amountish and not fam:
        fig.change_amount = fig.change_amount if fig.change_amount is not None else \
            (sign or 1) * amount_of(c.num, c.scale, c.post)
    if basis and not fig.change_basis:
        fig.change_basis = basis
    texts.append(text[start:end].strip(" ,"))


def _restated(fig: Figure, c: Hit, basis: str | None) -> None:
    """The second number of one change ('or 24%', 'or $12 million'): its percent or amount, signed as the first."""
    sign = c.dir_sign or 1
    if c.pct_kind() == "%":
        fig.change_pct = fig.change_pct if fig.change_pct is not None else sign * parse_num(c.num)
    elif c.amountish and fig.change_amount is None:
        fig.change_amount = sign * amount_of(c.num, c.scale, c.post)
    if basis and not fig.change_basis:
        fig.change_basis = basis


# ---- guidance -------------------------------------------------------------------------------------------------

def _guidance_fields(fig: Figure, text: str, h: Hit, hits: list[Hit], cues: list[tuple[int, int, str]],
                     m: Mention | None, clause: tuple[int, int], ctx: CallContext) -> None:
    """direction and previous of a guided figure: the outlook words that govern it, or its numbers against the
    previous guidance the sentence states."""
    words: tuple[str, ...] = ()
    if m is not None:
        head = text[m.head_start:m.head_end].lower()
        words = (head,) + (("eps", "earnings per share", "earnings") if m.base == "eps" else ())
    d = cl.direction_for(cues, h.start, m.start if m is not None else None, clause, words, text)
    if d is None and fig.previous_amount is not None:
        d = cl.direction_from_numbers(fig.amount, fig.amount_high, fig.previous_amount, fig.previous_amount_high)
    if d is None:
        d = ctx.direction
    if d in ("raised", "lowered") and fig.previous_amount is not None and fig.amount is not None:
        by_numbers = cl.direction_from_numbers(fig.amount, fig.amount_high, fig.previous_amount,
                                               fig.previous_amount_high)
        if by_numbers in ("raised", "lowered") and by_numbers != d:
            d = by_numbers  # "reduced the top end to ..." read against what was said
    fig.direction = d


def _mark_vs_guidance(hits: list[Hit], past: list[tuple[int, int]]) -> None:
    """A number inside 'above the top of our guidance range of $222 million to $230 million' is the guidance a
    result is set against, not a figure of its own."""
    if not past:
        return
    last_value: Hit | None = None
    for h in hits:
        if h.role == "value" and any(a <= h.start < b for a, b in past) and last_value is not None:
            h.role, h.owner, h.vs_guidance = "comparator", last_value, True
        elif h.role == "value":
            last_value = h


_RESULTS_HEADING = LowerPattern(r"\bresults\b|^\W*(?:(?:now|so|and|next|then),?\s+)?(?:for|turning to|moving to|looking at|"
                                r"on|over)\s+(?:the\s+)?(?:full|whole|fiscal|calendar)[\s-]+year\b")
_OUTLOOK_HEADING = LowerPattern(r"\b(?:outlook|guidance|guide|forecast)\b")


# its two alternatives apart, for a lower-cased ASCII sentence: 'results' anywhere, a full-year lead-in at the start
_RESULTS_WORD = re.compile(r"\bresults\b")
_FULL_YEAR_LEAD = re.compile(r"\W*(?:(?:now|so|and|next|then),?\s+)?(?:for|turning to|moving to|looking at|on|over)\s+"
                             r"(?:the\s+)?(?:full|whole|fiscal|calendar)[\s-]+year\b")


def _results_heading(text: str) -> bool:
    """`_RESULTS_HEADING.search(text)` as a truth value, the 'results' alternative tried only where the word stands."""
    low = lowered(text)
    if low is None:
        return _RESULTS_HEADING.search(text) is not None
    return ("results" in low and _RESULTS_WORD.search(low) is not None) or _FULL_YEAR_LEAD.match(low) is not None


def _short(text: str) -> bool:
    """At most 16 words (`len(text.split()) <= 16`, splitting no further than the 17th word)."""
    return len(text.split(None, 16)) <= 16


def _observe(ctx: CallContext, text: str, figs: list[Figure], lead: tuple[str, int] | None) -> None:
    """Remember what this sentence sets up for the next ones of the same turn, and the guidance changes it says."""
    seen = _observed_words(text)
    stated = "state" in seen
    if stated:
        _statements(ctx, text, ctx.position)
    if not figs and stated and _OUTLOOK_HEADING.search(text) and (_short(text) or text.rstrip().endswith(":")):
        ps = find_periods(text)  # a heading: "Now, our outlook for fiscal 2025." "Our 2022 guidance is as follows:"
        if ps:
            p = ps[0]
            fiscal = resolve(p, ctx.call, True)
            if fiscal:
                ctx.outlook, ctx.outlook_ttl = (fiscal, p.text), 5
        cues = cl.direction_cues(text)
        if cues:
            ctx.direction, ctx.direction_ttl = cues[0][2], 3
    if not figs and not stated and _results_heading(text) and _short(text):
        ps = find_periods(text)  # "Now for the full year 2021 results compared to 2020." "Turning to the full year:"
        fiscal = resolve(ps[0], ctx.call, False) if ps else None
        if fiscal and fiscal != call_label(ctx.call):
            ctx.results, ctx.results_ttl = fiscal, 4
    elif ctx.results and any(not f.period_inferred and f.kind == "reported" and f.fiscal_period != ctx.results
                             for f in figs):
        ctx.results, ctx.results_ttl = None, 0  # "This quarter, we acquired ...": the heading no longer holds
    if figs:  # (with no figures, none of this changes anything)
        fy = [f for f in figs if f.kind == "guidance" and f.fiscal_period and f.fiscal_period.startswith("FY")
              and not f.period_inferred]
        if fy:
            ctx.fy_guidance, ctx.fy_ttl = (fy[-1].fiscal_period or "", fy[-1].period or ""), 1
        elif any(f.kind == "guidance" and f.fiscal_period and not f.fiscal_period.startswith("FY") for f in figs):
            ctx.fy_guidance, ctx.fy_ttl = None, 0
        elif any(f.kind == "guidance" and f.period_inferred and f.fiscal_period for f in figs) and ctx.fy_guidance:
            ctx.fy_ttl = 1  # a run of sentences under one full-year outlook
    topic = _TOPIC.match(text) if not figs and "topic" in seen else None
    if lead and not figs:
        ctx.topic_scope, ctx.topic_ttl = lead[0], 1
    elif topic and not figs and topic["s"].strip().lower() not in ("total", "overall", "company"):
        ctx.topic_scope, ctx.topic_ttl = topic["s"].strip(), 1


# ---- a whole call ---------------------------------------------------------------------------------------------

def _speaker_of(transcript: Transcript, turn: int) -> tuple[str | None, str]:
    """Who said a turn: None before the first turn, and for a paste with no speaker markup (nobody is named)."""
    if 0 <= turn < len(transcript.turns):
        t = transcript.turns[turn]
        return (None if t.speaker == NO_SPEAKER and t.role == "other" else t.speaker), t.role
    return None, "other"


def call_figures(transcript: Transcript, sentences: list[Sentence]) -> list[Figure]:
    """Every figure the company states in a call, in call order (analysts' and the operator's numbers left out)."""
    from summarizer.topics import is_legal_cheap

    ctx = context_for(transcript)
    out: list[Figure] = []
    who: dict[int, tuple[str | None, str]] = {}  # turn -> (speaker, role)
    for s in sentences:
        got = who.get(s.turn)
        if got is None:
            got = who[s.turn] = _speaker_of(transcript, s.turn)
        speaker, role = got
        if role in ("operator", "analyst"):
            ctx.step(s)
            continue  # an analyst quoting or proposing a number is not the company reporting or guiding it
        if not _DIGIT.search(s.text):  # figures_in_sentence(s, speaker, context=ctx, has_digits=False), inlined
            ctx.step(s, False)
            ctx.position = s.position
            if len(s.text) <= 5000:
                _observe(ctx, s.text, [], None)
            continue
        if is_legal_cheap(s.text):
            ctx.step(s)
            continue
        out.extend(figures_in_sentence(s, speaker, context=ctx, has_digits=True))
    call_directions(out, ctx.statements)
    return out
