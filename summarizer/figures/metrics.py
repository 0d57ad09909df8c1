"""The metric vocabulary of key figures: the phrases a call names a metric by, read into a canonical key, the
accounting basis (GAAP or adjusted), the scope (a segment, region or product line) and any period word in the
phrase ("fourth-quarter adjusted EPS", "Orchestrate revenue", "software and services gross margin").

`find_mentions(sentence)` returns every metric mention of a sentence; `metric_key(...)` makes the key. The
vocabulary itself is documented in docs/analysis.md ("The metric vocabulary").
"""
from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass
from functools import lru_cache

import ahocorasick

from summarizer.figures.lowtext import LowerPattern, lowered

# (pattern, base, keywords that must occur for the pattern to be tried). Plural forms are in the patterns.
# words after "net income attributable to" that end the metric ("... to common stock was $174 million")
_NOT_NAME = r"(?:was|were|is|are|of|for|in|totaled|came|increased|decreased|rose|fell|grew|and|or|the)\b"
_HEADS: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    (r"(?:net )?(?:operating )?(?:earnings|income|profit|loss|losses)(?: from continuing operations| available for "
     r"distribution)?(?: attributable to "
     r"(?:common )?(?:shareholders|stockholders))? per (?:diluted |basic |fully diluted |weighted average )?"
     r"(?:common |ordinary |class a )?(?:share|unit)|(?:diluted |basic )?eps|e\.p\.s\.?", "eps", ("per ", "eps", "e.p.s")),
    (r"(?:nareit )?(?:funds from operations?|ffo)(?:,? as (?:adjusted|modified)(?: for (?:special|certain|one-time|"
     r"non-?recurring|unusual) items)?)?(?: per (?:diluted )?(?:share|unit))?", "ffo",
     ("ffo", "funds from")),
    (r"ffom|ffo-m|ffo modified|modified ffo|core ffo", "ffo_adjusted", ("ffom", "ffo-m", "ffo modified", "modified ffo", "core ffo")),
    (r"(?:adjusted funds from operations?|affo)(?: per (?:diluted )?(?:share|unit))?", "affo", ("affo", "adjusted funds")),
    (r"net (?:income|profit|earnings|loss)(?:es)?(?: from continuing operations)?(?: attributable to (?:common )?"
     rf"(?:shareholders|stockholders|stock|(?:the )?company|(?!{_NOT_NAME})[A-Z][\w]*(?: (?!{_NOT_NAME})[A-Z][\w]*)?))?"
     r"|(?:income|earnings) from continuing "
     r"operations|bottom line|profit attributable to (?:shareholders|owners|equity holders|the company)|attributable "
     r"(?:net )?(?:income|profit)|profit for the (?:period|year|quarter)"
     r"|(?<=gaap )loss(?!es| ratio)"  # "a GAAP loss in the fourth quarter of $28.8 million or $1.55"
     r"|core (?:net )?income", "net_income",  # an insurer's "core income": its non-GAAP net income
     ("net ", "continuing", "bottom line", "attributable", "profit for", "gaap loss", "core income", "core net")),
    (r"(?:pre-?tax|pre tax) (?:income|profit|earnings|loss)|(?:income|earnings|profit) before (?:income )?taxes|"
     r"profit before tax", "pretax_income", ("pretax", "pre-tax", "pre tax", "before tax", "before income tax", "profit before tax")),
    (r"gross (?:profit )?margins?|gross (?:margin|profit) rate", "gross_margin", ("gross",)),
    (r"gross profit", "gross_profit", ("gross",)),
    (r"(?:operating|ebit|segment(?: operating)?) (?:profit |income )?margins?", "operating_margin", ("margin",)),
    (r"ebitdar? margins?", "ebitda_margin", ("ebitda",)),
    (r"net (?:profit )?margins?|profit margins?", "net_margin", ("margin",)),
    (r"net interest margin|nim", "net_interest_margin", ("interest margin", "nim")),
    (r"net interest income|nii", "net_interest_income", ("interest income", "nii")),
    # a bank's other line ("adjusted noninterest revenue", "non-interest income", "fee income"): not its revenue
    (r"non-?interest (?:income|revenues?)|fee income", "noninterest_income",
     ("noninterest", "non-interest", "fee income")),
    (r"(?:same[- ]store |same[- ]property |same[- ]center |cash )?(?:net operating income|noi)", "noi",
     ("net operating income", "noi")),
    (r"ebitdar?", "ebitda", ("ebitda",)),
    (r"ebit", "ebit", ("ebit",)),
    (r"operating (?:income|profit|earnings|loss)(?:es)?|income from operations|(?:segment|divisional) "
     r"(?:operating )?(?:profit|income|earnings)", "operating_income", ("operating", "segment", "divisional")),
    (r"free cash flows?|fcf", "free_cash_flow", ("free cash", "fcf")),
    (r"operating cash flows?|cash flows? from operations|cash flows? from operating activities|cash (?:generated |provided )?"
     r"(?:from|by) operat(?:ions|ing activities)|cash from operations", "operating_cash_flow", ("cash",)),
    (r"capital expenditures?|capex|cap ex|capital spending|capital investments?|capital (?:budget|program|plan)", "capex",
     ("capital exp", "capex", "cap ex", "capital spending", "capital invest", "capital budget", "capital program",
      "capital plan")),
    (r"(?:share |stock )?(?:repurchase|buyback) (?:authorization|program|plan)|(?:repurchase )?authorization", "buyback_authorization",
     ("authorization", "repurchase program", "repurchase plan", "buyback program", "buyback plan")),
    (r"(?:share |stock )?(?:buybacks?|repurchases?)|bought back|buy back|repurchased|repurchasing", "buyback",
     ("buyback", "repurchas", "bought back", "buy back")),
    (r"(?:quarterly |annual |cash |special |common )?dividends?(?: per (?:common )?share)?", "dividend", ("dividend",)),
    (r"return on (?:average )?invested capital|roic", "roic", ("invested capital", "roic")),
    (r"return on (?:average )?(?:tangible )?(?:common )?(?:shareholders' |stockholders' )?equity|rotce|roe", "roe",
     ("equity", "roe", "rotce")),
    (r"return on (?:average )?assets|roa", "roa", ("return on", "roa")),
    (r"(?:tangible )?book value(?: per (?:diluted )?(?:common )?share)?", "book_value_per_share", ("book value",)),
    (r"annual(?:ized)? recurring revenues?|arr", "arr", ("recurring", "arr")),
    (r"remaining performance obligations?|rpo", "rpo", ("performance obligation", "rpo")),
    (r"deferred revenues?", "deferred_revenue", ("deferred",)),
    (r"net (?:revenue|dollar|expansion) retention(?: rate)?|net retention(?: rate)?|ndr|nrr", "net_revenue_retention",
     ("retention", "ndr", "nrr")),
    (r"(?:same[- ]store|comparable[- ]store|comp(?:arable)?[- ]store|same[- ]restaurant|same[- ]center|like[- ]for[- ]like|"
     r"comparable|comp)(?: net)?(?: restaurant| store| branch| shop)? (?:sales|revenues?|store sales)(?: growth)?|comps|"
     r"comparable sales", "comparable_sales",
     ("same-", "same ", "comparable", "comp-", "comp ", "comps", "like-for-like", "like for like")),
    (r"organic (?:constant[- ]currency )?(?:net )?(?:revenues?|sales|nsr|net service revenues?)(?: growth)?|organic growth",
     "organic_revenue", ("organic",)),
    # "revenue per diem", "sales per square foot", "revenue per available room": a unit's revenue, not the revenue
    (r"(?:net )?(?:revenues?|sales) per (?!(?:diluted |basic |common |fully )?share\b)(?:available |occupied )?"
     r"(?:square (?:foot|feet|meter)|[a-z][\w-]*)", "revenue_per_unit", ("revenue per", "revenues per", "sales per")),
    # a utility's "revenue requirement": what a rate case allows it to collect, not revenue it earned
    (r"(?:annual )?revenue requirements?", "revenue_requirement", ("requirement",)),
    (r"(?:net )?(?:revenues?|sales|turnover)|top[- ]line|net service revenues?|nsr", "revenue",
     ("revenue", "sales", "turnover", "top line", "top-line", "nsr")),
    (r"bookings|order intake|new orders|orders|new sales", "bookings", ("booking", "order", "new sales")),
    (r"billings", "billings", ("billings",)),  # a software company's invoiced amount: neither revenue nor bookings
    (r"backlog|order book", "backlog", ("backlog", "order book")),
    (r"book[- ]to[- ]bill(?: ratio)?", "book_to_bill", ("book-to-bill", "book to bill")),
    (r"gross merchandise (?:value|volume)|gmv", "gmv", ("gross merchandise", "gmv")),
    (r"earned", "earnings", ("earned",)),
    (r"(?:monthly|daily|weekly) active (?:users|customers|accounts)|maus?|daus?|active users|users", "users",
     ("user", "mau", "dau")),
    (r"(?:paid |paying )?(?:subscribers|subscriptions|memberships)", "subscribers", ("subscri", "membership")),
    (r"(?:active |paying |new )?(?:customers|clients)", "customers", ("customer", "client")),
    (r"headcount|employees|workforce|team members|teams?", "headcount", ("headcount", "employee", "workforce", "team")),
    (r"store count|number of stores", "stores", ("store count", "number of stores")),
    (r"shipments|units shipped|unit shipments|deliveries|unit volumes?", "shipments", ("shipment", "shipped", "deliveries", "unit volume")),
    (r"average selling prices?|asps?", "asp", ("average selling", "asp")),
    (r"market share|share of (?:the )?market|(?<=\bof )share(?! of)", "market_share", ("market share", "share of", "of share")),
    (r"(?:effective )?(?:income )?tax rate", "tax_rate", ("tax rate",)),
    (r"inventory turns?|inventory turnover(?: days)?", "inventory_turns", ("inventory turn",)),
    (r"(?:raw materials? )?inventor(?:y|ies)", "inventory", ("inventor",)),
    (r"(?:net )?leverage(?: ratio)?|(?:net )?debt[- ]to[- ](?:adjusted )?ebitda(?: ratio)?", "leverage", ("leverage", "debt-to", "debt to")),
    (r"net debt", "net_debt", ("net debt",)),
    (r"(?:total |long-term |gross )?debt|borrowings", "debt", ("debt", "borrowing")),
    (r"cash flows?", "cash_flow", ("cash flow",)),
    (r"cash(?:,)?(?: cash equivalents| and (?:cash )?equivalents)?(?: and (?:short-term |marketable )?(?:investments|securities))?"
     r"(?! (?:taxes|tax|interest|payments?|costs?|compensation|charges?|expenses?|outlays?|contributions?|restructuring|"
     r"severance|dividends?|distributions?|consideration|portion|component|settlements?|proceeds|received|paid|used|"
     r"spend|spending|returns?|basis|earnings|gross margin|margin|yield|rent|sales|collections?|conversion|burn|flows?))"
     r"|cash (?:position|balance|on hand|resources)|net cash", "cash", ("cash",)),
    (r"(?:monthly |average |monthly average )?cash burn(?: rate)?", "cash_burn", ("cash burn",)),  # a rate, not a balance
    (r"liquidity", "liquidity", ("liquidity",)),
    (r"(?:total )?operating (?:expenses|costs)|opex", "opex", ("operating expense", "operating cost", "opex")),
    (r"sg&a(?: expenses?| costs?)?|selling,? general,? and administrative(?: expenses?)?", "sga", ("sg&a", "selling")),
    (r"g&a(?: expenses?| costs?)?|general (?:and|&) administrative(?: expenses?| costs?)?", "general_admin", ("g&a", "general and admin",
                                                                                    "general & admin")),
    (r"r&d(?: expenses?| spending| costs?)?|research and development(?: expenses?| spending| investments?)?", "rnd", ("r&d", "research")),
    (r"(?:marketing|advertising)(?: and (?:marketing|advertising|promotion))? (?:expenses?|spending|spend|costs?|investments?)",
     "marketing_expense", ("marketing", "advertising")),
    (r"(?:cost )?savings", "cost_savings", ("saving",)),
    (r"synergies", "synergies", ("synerg",)),
    (r"cost inflation|inflation", "cost_inflation", ("inflation",)),
    (r"expenses?|expenditures?|costs?|spending", "expenses", ("expens", "expenditure", "cost", "spending")),
    (r"purchase price|(?:total )?consideration|transaction value|deal value|enterprise value", "acquisition_price",
     ("purchase price", "consideration", "transaction value", "deal value", "enterprise value")),
    (r"occupancy(?: rate)?", "occupancy", ("occupancy",)),
    (r"assets under (?:management|administration)(?: and (?:administration|advisement))?|aum|aua", "aum",
     ("assets under", "aum", "aua")),
    (r"(?:total |average )?deposits", "deposits", ("deposit",)),
    (r"(?:total |average )?loans(?: and leases)?|loan balances", "loans", ("loan",)),
    (r"(?:net |gross )?(?:written |earned )?premiums(?: written| earned)?", "premiums", ("premium",)),
    (r"payout ratio", "payout_ratio", ("payout",)),
    (r"(?:net )?(?:inflows|outflows|flows)", "net_flows", ("flows",)),
    (r"(?:common equity )?tier 1(?: common)?(?: capital)? ratio|cet1(?: capital)?(?: ratio)?", "cet1_ratio", ("tier 1", "cet1")),
    (r"(?:available seat miles|asms?|capacity)", "capacity", ("seat mile", "asm", "capacity")),
    (r"(?:cost per available seat mile|casm(?:-ex)?)", "casm", ("casm", "cost per available")),  # an airline's: not "unit cost"
    (r"(?:(?:total |passenger )?revenue per available seat mile|t?rasm|prasm|unit revenues?)", "rasm",
     ("rasm", "revenue per available", "unit revenue")),
    (r"load factor", "load_factor", ("load factor",)),
    (r"revenue per available room|revpar", "revpar", ("revpar", "per available room")),
    (r"medical (?:care |loss |benefit )?ratio|mlr|benefit ratio", "medical_care_ratio", ("medical", "mlr", "benefit ratio")),
    (r"efficiency ratio", "efficiency_ratio", ("efficiency ratio",)),
    (r"(?:net )?charge-?offs?(?: ratio| rate)?", "net_charge_offs", ("charge",)),
    (r"provision for (?:credit |loan )?losses|(?:credit |loan )?loss provisions?", "credit_loss_provision", ("provision",)),
    (r"volumes?", "volume", ("volume",)),
    (r"(?:average )?(?:sales|revenues?) per (?:store|square foot|location|restaurant|unit|door)|average unit volumes?|auvs?",
     "sales_per_store", ("per store", "per square", "per location", "per restaurant", "per unit", "per door", "unit volume", "auv")),
    (r"(?:annualized |annual )?run[- ]rate", "run_rate", ("run rate", "run-rate")),
    (r"(?:rent|rents|rental) collections?|(?:collected|collection of) (?:rents?|rent)", "rent_collection", ("collection", "collected rent")),
    (r"combined ratio", "combined_ratio", ("combined ratio",)),
    (r"margins?", "margin", ("margin",)),
    (r"(?:distributable )?(?:earnings|profits?)(?: available for distribution)?(?! (?:per|calls?|releases?|conference|reports?|season|dates?|"
     r"growth algorithm|power|ratio|sharing|pool|presentations?|materials|slides?|decks?|supplements?|supplemental|"
     r"webcasts?|transcripts?|announcements?|scripts?))",
     "earnings", ("earning", "profit")),
)
_HEAD_RES = [(LowerPattern(rf"(?<![\w&-])(?:{p})(?![\w&-])"), base, kws) for p, base, kws in _HEADS]
BASES = frozenset(b for _, b, _ in _HEADS)

# Keys with an adjusted variant named `<key>_adjusted` (EPS and net income always say which: `_gaap` / `_adjusted`).
_ADJUSTABLE = frozenset({"gross_margin", "operating_income", "operating_margin", "ebitda", "ebitda_margin", "ebit",
                         "pretax_income", "free_cash_flow", "revenue", "gross_profit", "net_margin", "opex", "sga",
                         "tax_rate", "roic", "roe", "noi", "affo", "noninterest_income"})

_ACCOUNTING = {"adjusted": "adjusted", "non-gaap": "adjusted", "nongaap": "adjusted", "non gaap": "adjusted",
               "core": "adjusted", "underlying": "adjusted", "normalized": "adjusted", "normalised": "adjusted",
               "pro-forma": "adjusted", "proforma": "adjusted", "recurring": "adjusted", "gaap": "gaap",
               "reported": "gaap", "ifrs": "gaap", "statutory": "gaap", "u.s. gaap": "gaap"}
# Words that qualify only an EPS or a net income as adjusted ("operating EPS" is non-GAAP; "operating income" is a
# metric of its own).
_ACCOUNTING_EPS = {"operating": "adjusted", "comparable": "adjusted", "cash": "adjusted", "economic": "adjusted",
                   "pro forma": "adjusted", "ongoing": "adjusted"}
_MULTI_YEAR = re.compile(r"^(?:two|three|four|five|six|seven|eight|nine|ten|\d{1,2})-year$|^multi-?year$")
_PERIOD_WORD = re.compile(
    r"^(?:(?:first|second|third|fourth|1st|2nd|3rd|4th)-?quarter|q[1-4]|[1-4]q|full-?year|fiscal(?:-year)?|quarterly|qtrly|annual|"
    r"year-to-date|ytd|(?:first|second|back)-half|h[12]|fy\d{0,4}|'?\d{2}|(?:19|20)\d\d|nine-month|six-month|"
    r"twelve-month|trailing-twelve-month|ttm|ltm|(?:19|20)\d\d-|year-end|period)$", re.I)
_NEUTRAL = frozenset("""total net diluted basic consolidated overall group company companywide company-wide combined aggregate
fully per-share constant-currency constant currency fx-neutral organic reported-basis""".split())
_ADJECTIVES = frozenset("""record strong solid robust healthy higher lower better best impressive improved increased reduced
slight modest nice great good excellent very all-time double-digit single-digit high-single-digit low-single-digit
mid-single-digit year-over-year sequential incremental additional further estimated expected projected targeted implied
current prior previous last this same full average approximately about new underlying-basis strongest highest lowest
largest biggest total-company significant meaningful tremendous outstanding exceptional terrific phenomenal healthy
disappointing weak weaker stronger softer resilient steady stable flat positive negative its""".split())
# Lower-case words that name a business line, channel or region ("hardware revenue", "overseas revenue").
_SCOPE_WORDS = frozenset("""hardware software services service product products subscription subscriptions cloud retail
wholesale foodservice international domestic overseas license licensing licenses maintenance support consulting
advertising ad ads marketplace platform transaction transactional payments payment commercial residential consumer
enterprise industrial automotive aerospace defense healthcare medical energy gaming mobile smartphone smartphones phone
phones internet data center datacenter e-commerce ecommerce online digital in-store store direct franchise franchised
company-operated systemwide system-wide legacy hosting storage networking security semiconductor memory iot ev battery
wireless wireline broadband video voice fixed print publishing beverage beverages food snacks frozen bakery pharma
pharmaceutical devices device diagnostics instruments equipment parts aftermarket oem branded private-label specialty
generics segment segments business division unit north south east west european asian american latin chinese japanese
indian african canadian mexican brazilian german french british home smart appliance appliances iot lifestyle
professional managed freight trucking rail logistics brokerage intermodal contract leasing rental rentals lease
residential multifamily office industrial hotel hospitality lodging gaming casino insurance life annuity annuities
property casualty reinsurance banking lending mortgage card cards wealth asset management advisory trading
investment fee fees seed crop animal chemicals materials metals mining steel aluminum copper gold oil gas upstream
downstream midstream refining renewables solar wind utility regulated unregulated water electric natural
distribution manufacturing construction infrastructure government federal education apparel footwear accessories
beauty jewelry furniture grocery pharmacy fuel merchandise tobacco cannabis vehicle vehicles truck trucks aircraft
engine engines components component systems solutions imaging surgical dental vision orthopedic cardiovascular
oncology vaccines animal-health connectivity satellite fiber cable content streaming licensing-and""".split())
_COST_BASES = frozenset({"expenses", "cost_inflation", "cost_savings", "opex", "synergies", "marketing_expense"})
_COST_TYPES = frozenset("""input freight labor labour wage wages commodity commodities fuel packaging logistics
transportation tariff tariffs restructuring integration interest depreciation amortization stock-based compensation
severance impairment legal litigation warranty energy material materials raw ingredient operating one-time
non-recurring pre-opening startup start-up product""".split())
_SEGMENT_SUFFIX = re.compile(r"\s+(?:segment|segments|business|businesses|division|unit|region|brand|portfolio|operations)$",
                             re.I)
_STOP_CAPS = frozenset("""The Our This That These Those We I It Its Their Total And But So Now Also Finally Again First Second
Third Fourth Fifth Lastly Next Then Meanwhile Similarly Additionally Importantly Moreover Further Furthermore However
Overall Consequently Therefore Thus While Whereas As Both Each Every All Other Another Some Most Many Much More Less
Only Just Even Still Yet Already Here There Today Currently Recently In For On At By With To From Of Turning Looking
Moving Including Excluding Despite Within Across Through During After Before Since Until Over Under Net Gross
Adjusted Reported Record Full Fiscal Quarterly Annual Q1 Q2 Q3 Q4 FY GAAP Non-GAAP Year Quarter Company Group Consolidated
January February March April May June July August September October November December If When Where Why How What
Which Who Let Yes No Well Okay OK Thanks Thank Good Great Strong Higher Lower Sales Revenue Revenues Operating Organic
Comparable Free Cash Capital Core Underlying Diluted Basic Cost Costs Gross EBITDA EPS Inventory Dividend Share
Shareholders Please Sure Right Look See Given Based Like Not Nor Or Yeah Hi Hello Just""".split())
_STOP = frozenset("""the a an our its their his her my your this that these those of for in on at by with to from was were is are
be been being and or we i you they it as which while where when than versus vs vs. into per over under up down about
approximately around roughly nearly almost also both each all any some more less most has have had will would could
should may might can do does did not no so but if then there here what who whose how why""".split())
_WORD_RUN = re.compile(r"[\w&.'’-]+")


@lru_cache(maxsize=32)
def _runs(text: str) -> tuple[list[int], list[int]]:
    """The word runs of a sentence as (starts, ends), once per sentence."""
    starts, ends = [], []
    for m in _WORD_RUN.finditer(text):
        starts.append(m.start())
        ends.append(m.end())
    return starts, ends


class _Back:
    """The word that ends right before `pos` (spaces between allowed): `_word_back(text, lo, pos)`, read from
    the sentence's word runs instead of scanning the window."""

    __slots__ = ("word", "wstart", "spaced")

    def __init__(self, word: str, wstart: int, spaced: bool) -> None:
        self.word, self.wstart, self.spaced = word, wstart, spaced

    def group(self, i: int) -> str:
        return self.word if i == 1 else (" " if self.spaced else "")

    def start(self, i: int = 0) -> int:
        return self.wstart


def _word_back(text: str, lo: int, pos: int) -> _Back | None:
    j = pos
    while j > lo and text[j - 1].isspace():
        j -= 1
    if j <= lo:
        return None
    starts, ends = _runs(text)
    k = bisect_left(ends, j)
    if k >= len(ends) or ends[k] != j:
        return None  # punctuation just before
    s = max(starts[k], lo)
    return _Back(text[s:j], s, j < pos)
_AFTER_SCOPE = re.compile(  # used with match(text, pos): no "^"
    r"(?:\s+growth)?\s+(?:in|from|at|of|for|across|within|generated by)\s+(?:the\s+|our\s+|its\s+)?"
    r"(?P<s>(?:[A-Z][\w&.'’-]*)(?:\s+(?:and\s+|&\s+)?[A-Z][\w&.'’-]*){0,3}|(?:[a-z][\w-]*)(?:\s+(?:and\s+)?[a-z][\w-]*){0,2})"
    r"(?P<suf>\s+(?:segment|segments|business|businesses|division|unit|region|portfolio|operations))?(?![\w&-])")
_GROWTH_AFTER = re.compile(r"\s+growth\b", re.I)


@dataclass
class Mention:
    """One metric mention: the phrase (modifiers included) at `start`..`end`, its head at `head_start`."""

    start: int
    end: int
    head_start: int
    head_end: int
    base: str  # the canonical metric before accounting ("eps", "net_income", "revenue", ...)
    said: str  # the metric as said, period words and adjectives left out
    accounting: str | None = None
    scope: str | None = None
    period_start: int | None = None  # a period word inside the phrase ("Fourth-quarter revenue")
    period_end: int | None = None
    loss: bool = False
    growth: bool = False  # "revenue growth", "sales growth"
    per_share: bool = False
    run_rate: bool = False  # "annualized sales", "run-rate revenue"
    increment: str | None = None  # "additional", "incremental": "$570 million in additional revenue" is an amount added
    impact: bool = False  # an item in the metric ("a gain of $0.30 per share"): its figure is an impact on it


def _gate() -> ahocorasick.Automaton:
    by_kw: dict[str, list[int]] = {}
    for i, (_, _, kws) in enumerate(_HEADS):
        for k in kws:
            by_kw.setdefault(k, []).append(i)
    a = ahocorasick.Automaton()
    for k, idx in by_kw.items():
        a.add_word(k, tuple(idx))
    a.make_automaton()
    return a


_GATE = _gate()


def find_mentions(text: str, company_words: frozenset[str] = frozenset()) -> list[Mention]:
    """Every metric mention of a sentence, longest phrase first where two overlap, in sentence order (read once per
    sentence: the mentions are shared, not to be changed)."""
    return list(_find_mentions(text, company_words))


@lru_cache(maxsize=32)
def _find_mentions(text: str, company_words: frozenset[str]) -> tuple[Mention, ...]:
    active = sorted({i for _, idx in _GATE.iter(lowered(text) or text.lower()) for i in idx})
    found: list[tuple[int, int, int, str]] = []
    for i in active:
        rx, base, _ = _HEAD_RES[i]
        for m in rx.finditer(text):
            found.append((m.start(), m.end(), i, base))
    found.sort(key=lambda t: (-(t[1] - t[0]), t[2], t[0]))
    taken: list[tuple[int, int, str]] = []
    for s, e, _, base in found:
        if any(s < te and ts < e for ts, te, _ in taken):
            continue
        taken.append((s, e, base))
    taken.sort()
    return tuple(_mention(text, s, e, base, company_words) for s, e, base in taken)


_PER_SHARE_WORDS = re.compile(r"\bper (?:\w+ ){0,3}?(?:share|unit)\b")
_LOSS_WORD = re.compile(r"\bloss")
_SAID_WORD = re.compile(r"[\w&.'’/-]+")
_METRIC_ABBREVIATION = re.compile(r"(?:EPS|EBITDAR?|EBIT|FFO|AFFO|GAAP|NOI|FCF|ROE|ROIC|ARR)(?![a-z])", re.I)
# a subject before 'reported': a name, a pronoun or a business ("ALLETE reported", "we reported", "the segment reported")
_SUBJECT_WORDS = frozenset("""we i they it company group bank firm segment segments business businesses division divisions
unit units subsidiary subsidiaries""".split())
_SEGMENT_WORD = re.compile(r"\b(?:segments?|business(?:es)?|divisions?|subsidiar(?:y|ies)|units?|operations)\b", re.I)


def _mention(text: str, s: int, e: int, base: str, company_words: frozenset[str]) -> Mention:
    head = text[s:e]
    low = head.lower()
    m = Mention(start=s, end=e, head_start=s, head_end=e, base=base, said=head)
    if base in ("eps", "earnings", "net_income", "operating_income", "pretax_income") and _LOSS_WORD.search(low):
        m.loss = True
    if base == "eps" or _PER_SHARE_WORDS.search(low):  # "sales per store" is no per-share metric
        m.per_share = True
    if base == "earnings" and m.per_share:
        m.base = "eps"
    g = _GROWTH_AFTER.match(text, e) if base not in ("comparable_sales", "organic_revenue") else None
    if g:
        m.growth, m.end = True, e + g.end() - 0
        m.end = e + len(g.group(0))
        m.said = text[s:m.end]
    elif base in ("comparable_sales", "organic_revenue") or low.endswith(" growth"):
        m.growth = True
    for word, acc in (("adjusted", "adjusted"), ("non-gaap", "adjusted"), ("core", "adjusted"), ("nareit", None)):
        if low.startswith(word):
            m.accounting = acc or m.accounting
    if base == "ffo" and (" as adjusted" in low or " as modified" in low) or "available for distribution" in low or \
            low.startswith("distributable"):
        m.accounting = "adjusted"  # "FFO as adjusted for special items", a mortgage REIT's "earnings available for
        # distribution" (EAD) or "distributable earnings", its non-GAAP earnings
    _modifiers(text, m, company_words)
    if base == "buyback" and m.said.lower() in ("repurchased", "repurchasing", "bought back", "buy back", "repurchases"):
        m.said = "share repurchases"  # "we repurchased $22 million": the metric, not the verb
    if low == "earned":  # "Capital One earned $3.5 billion", "we earned $1.60 per share": the verb's subject is who
        m.said = "earnings"  # earned it, not the metric's words; the company, unless a segment word says otherwise
        subject = " ".join(w for w in text[m.start:s].split() if w.lower() not in ("our", "the", "its"))
        if _SEGMENT_WORD.search(subject) and _SEGMENT_WORD.sub("", subject).strip():
            m.scope = m.scope or scope_case(subject)  # "Our taxable REIT subsidiaries earned $0.32" (not "The business")
        else:
            m.scope = None
    after = _AFTER_SCOPE.match(text, m.end)
    if after and m.scope is None and base not in ("market_share",) and base not in _COST_BASES:
        sc = after["s"]
        words = sc.split()
        if sc[:1].islower():  # "the gross margin of internet services was": the longest run of business words
            while words and not all(w in _SCOPE_WORDS or w == "and" for w in words):
                words.pop()
            while words and words[-1] == "and":
                words.pop()
            sc = " ".join(words)
        if words and ((sc[:1].isupper() and words[0] not in _STOP_CAPS and not _PERIOD_WORD.match(words[0])) or
                      sc[:1].islower()):
            if not any(w.lower() in company_words for w in words) or after["suf"]:
                m.scope = scope_case(sc.strip())
    return m


def is_name(word: str) -> bool:
    """A capitalised word that can name a segment, region or brand ('Orchestrate', 'U.S.', 'AI'), not a sentence word."""
    return word[:1].isupper() and word not in _STOP_CAPS and word.lower() not in _STOP and not _PERIOD_WORD.match(word) \
        and not _METRIC_ABBREVIATION.match(word)  # "our estimated EPS-our adjusted EPS estimate": no business "EPS-our"


def scope_case(scope: str) -> str:
    """A scope as named, lower-cased when it is made of common words only ('Hardware' at a sentence start is the
    'hardware' of the next sentence); names keep their capitals ('Orchestrate', 'Aflac Japan')."""
    words = scope.split()
    if all(w.lower() in _SCOPE_WORDS or w.lower() in ("and", "&") for w in words):
        return scope.lower()
    return scope


_VERBISH = re.compile(r"(?:ed|ing|ly)$|^(?:is|are|was|were|be|grew|rose|fell|saw|had|has|have|did|does|do|made|"
                      r"got|gave|hit|set|put|drove|will|would|can|could|should|may|might|must|shall)$", re.I)
_DETERMINERS = frozenset("the our its their this these those".split())


_NOT_SCOPE_NOUNS = frozenset("""quarter quarters year years month months week weeks period periods half time day today
results result basis total growth level levels rate rates number numbers figure figures line lines amount run""".split())


def _bounded_noun(text: str, lo: int, wstart: int, word: str, depth: int = 0) -> bool:
    """A lower-case word before a metric that opens the sentence or follows a determiner ('Air conditioner shipments',
    'our installed base revenue'): a product or business, when it does not read as a verb."""
    if depth > 3 or not word.isalpha() or _VERBISH.search(word) or word.lower() in _STOP or \
            word.lower() in _NOT_SCOPE_NOUNS:
        return False
    if not text[:wstart].strip():
        return True
    pw = _word_back(text, lo, wstart)
    if pw is None or not pw.group(2):
        return False
    w = pw.group(1)
    if w.lower() in _DETERMINERS:  # "This includes earnings per share": after "this", a word in -s is a verb
        return not (w.lower() in ("this", "that") and word.endswith("s") and not word.endswith("ss"))
    return (w[:1].isupper() and is_name(w) or w.isalpha()) and _bounded_noun(text, lo, pw.start(1), w, depth + 1)


def is_scope_word(word: str) -> bool:
    """A lower-case word that names a business line, channel or region ('hardware', 'overseas', 'foodservice')."""
    return word.lower() in _SCOPE_WORDS


def _reported_is_a_verb(text: str, lo: int, wstart: int) -> bool:
    """Whether 'reported' at `wstart` has a subject before it ('ALLETE reported', 'we reported'), not an accounting
    word or a period ('GAAP reported EPS', 'Q4 reported revenue')."""
    pw = _word_back(text, lo, wstart)
    if not pw or not pw.group(2):
        return False
    word = pw.group(1)
    low = word.lower()
    if low in _NEUTRAL and low in _SUBJECT_WORDS:  # "the company reported": a subject after a determiner, not the
        det = _word_back(text, lo, pw.start(1))  # adjective of "total company reported revenue"
        return det is not None and bool(det.group(2)) and det.group(1).lower() in ("the", "our", "this")
    return (low in _SUBJECT_WORDS or word[:1].isupper()) and not low.endswith(("'s", "’s")) and \
        low not in _ACCOUNTING and not _PERIOD_WORD.match(low) and low not in _NEUTRAL  # ("Manufacturing's reported")


def _modifiers(text: str, m: Mention, company_words: frozenset[str]) -> None:
    """Read the words just before the head: accounting, period, neutral words and scope; stop at anything else."""
    pos = m.head_start
    scope_words: list[str] = []
    said_start = m.head_start
    lo = max(0, m.head_start - 90)
    cost = m.base in _COST_BASES
    for _ in range(6):
        w = _word_back(text, lo, pos)
        if not w or not w.group(2):
            break  # punctuation, or a word glued to the next one
        word, wstart = w.group(1), w.start(1)
        low = word.lower().strip(".")
        if word.endswith(("'s", "’s")):
            name = word[:-2]
            if is_name(name) and name.lower() not in company_words:
                names = [name]
                while True:  # "Aflac Japan's"
                    pw = _word_back(text, lo, wstart)
                    if not pw or not pw.group(2) or not is_name(pw.group(1)):
                        break
                    names.insert(0, pw.group(1))
                    wstart = pw.start(1)
                scope_words[:0] = names
                said_start = wstart
            break
        if low == "reported" and _reported_is_a_verb(text, lo, wstart):
            break  # "Today, ALLETE reported 2020 earnings of $3.35 per share": the verb, not GAAP's adjective
        if low in _ACCOUNTING or (low in _ACCOUNTING_EPS and m.base in ("eps", "earnings", "net_income", "ffo")):
            acc = _ACCOUNTING.get(low) or _ACCOUNTING_EPS.get(low)
            if acc == "adjusted" or m.accounting is None:
                m.accounting = acc
            said_start = wstart
        elif _PERIOD_WORD.match(low):
            m.period_start = wstart
            m.period_end = m.period_end or (wstart + len(word))
        elif low in _NEUTRAL or (cost and low in _COST_TYPES):
            said_start = wstart
        elif _MULTI_YEAR.match(low):
            said_start = wstart  # "our five-year earnings growth rate of 9.4%": not the year's, and says so
        elif low in ("annualized", "annualised", "run-rate", "run rate", "exit"):
            m.run_rate = True
            said_start = wstart
        elif low in _ADJECTIVES:
            if low in ("additional", "incremental"):
                m.increment = low
        elif low in ("and", "&"):
            pw = _word_back(text, lo, wstart)
            if scope_words and pw and pw.group(2) and (pw.group(1).lower() in _SCOPE_WORDS or is_name(pw.group(1))):
                scope_words.insert(0, word)
            else:
                break
        elif low in _SCOPE_WORDS or is_name(word) or _bounded_noun(text, lo, wstart, word):
            if low in company_words:
                said_start = wstart
                break
            if cost:
                said_start = wstart  # "Fresh Start savings", "tariff costs": what the cost is, not a segment
            else:
                scope_words.insert(0, word)
                said_start = wstart
        else:
            break
        pos = wstart
    while scope_words and scope_words[0].lower() in ("and", "&"):
        scope_words.pop(0)
    if scope_words:
        sc = _SEGMENT_SUFFIX.sub("", " ".join(scope_words)).strip()
        if sc and sc.lower() not in ("segment", "segments", "business", "division"):
            m.scope = scope_case(sc)
    m.start = min(said_start, m.period_start if m.period_start is not None else said_start)
    m.said = _said(text, said_start, m)


def _said(text: str, said_start: int, m: Mention) -> str:
    """The metric as said: the phrase from its first kept modifier to its end, without period words or adjectives."""
    words = []
    for w in _SAID_WORD.finditer(text[said_start:m.end]):
        low = w.group(0).lower()
        if said_start + w.start() < m.head_start and (_PERIOD_WORD.match(low) or low in _ADJECTIVES):
            continue  # a modifier; the head's own words ("annual recurring revenue") stay
        words.append(w.group(0))
    said = " ".join(words)
    first = words[0] if words else ""
    if first and not first.isupper() and (said_start >= m.head_start or not is_name(first) or first.lower() in _SCOPE_WORDS):
        said = said[:1].lower() + said[1:]  # "Net sales" at a sentence start is "net sales"; "Orchestrate" stays
    return said


def metric_key(base: str, accounting: str | None, *, growth: bool = False, per_share: bool = False,
               pct: bool = False) -> str:
    """The canonical key of a metric mention: `eps_adjusted`, `operating_margin_adjusted`, `revenue_growth`, ..."""
    if base == "earnings":
        base = "eps" if per_share else "net_income"
    if base in ("ffo", "ffo_adjusted"):
        key = "ffo_per_share" if per_share else "ffo"
        key += "_adjusted" if (accounting == "adjusted" or base == "ffo_adjusted") and per_share else ""
    elif base == "affo":
        key = "affo_per_share" if per_share else "affo"
    elif base in ("eps", "net_income"):
        key = f"{base}_{'adjusted' if accounting == 'adjusted' else 'gaap'}"
    elif base == "dividend" and per_share:
        key = "dividend_per_share"
    elif base == "comparable_sales":
        return "comparable_sales_growth" if pct or growth else "comparable_sales"
    elif base == "organic_revenue":
        return "organic_revenue_growth"
    elif base in _ADJUSTABLE and accounting == "adjusted":
        key = f"{base}_adjusted"
    else:
        key = base
    return f"{key}_growth" if growth else key
