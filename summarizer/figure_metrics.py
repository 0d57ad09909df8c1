"""The metrics a key figure can name (revenue, EPS, margins, guidance...): their patterns, headline weights and
keyword gates, and the search for the nearest metric mention around a number. Data and lookup only; the figure
extraction that uses them is `summarizer.figures`."""
from __future__ import annotations

import re

import ahocorasick


# Metric phrases, most specific first; matched case-insensitively on word boundaries, plural s optional.
_METRICS: tuple[tuple[str, str, int], ...] = (
    # (pattern, canonical key, headline weight)
    (r"adjusted (?:net )?(?:profit|income|earnings)", "adjusted net income", 9),
    (r"net (?:profit|income|earnings)|net loss|bottom line|profit attributable\w*", "net income", 9),
    (r"net interest income|net interest margin|nii|nim", "net interest income", 8),
    (r"(?:adjusted |diluted |non-gaap |gaap |core |operating )*(?:eps|(?:earnings|income|loss|ffo|affo) per (?:diluted |basic )?(?:share|unit)|(?:ffo|affo) per (?:diluted )?share)", "EPS", 10),
    # a REIT's funds from operations: "FFO of $0.44 per share and net income of $0.08" is two figures, not net income twice
    (r"(?:core |normalized |adjusted |nareit )*a?ffo|funds from operations", "FFO", 9),
    (r"gross (?:profit )?(?:margin|rate)", "gross margin", 8),
    (r"(?:adjusted |non-gaap )?operating (?:profit |income )?(?:margin|rate)|ebitda margin|ebit margin|net margin|(?:profit )?margin", "margin", 8),
    (r"gross profit", "gross profit", 7),
    (r"(?:adjusted )?(?:ebitda|ebit)|operating (?:profit|income|loss)", "operating income", 8),
    (r"free cash flow|operating cash flow|cash flow from operations|cash from operations|cash flow", "cash flow", 7),
    (r"(?:total |net |group |annual |quarterly |consolidated )*(?:revenue|revenues|sales|turnover|top line)", "revenue", 10),
    (r"annual recurring revenue|arr", "ARR", 7),
    (r"raw materials? inventor(?:y|ies)|raw materials?", "raw material inventory", 6),
    (r"inventor(?:y|ies)", "inventory", 6),
    (r"dividends?", "dividend", 7),
    (r"(?:share )?(?:buybacks?|repurchas\w*)|(?:repurchase |buyback )?authorization", "buyback", 7),
    (r"capital expenditures?|capex", "capex", 6),
    (r"cash(?: and (?:cash )?equivalents)?(?: and investments)?|liquidity|net cash", "cash", 6),
    (r"debt|borrowings", "debt", 5),
    (r"backlog|bookings|order intake|orders|book-to-bill(?: ratio)?", "orders", 6),
    (r"(?:monthly|daily) active users|maus?|daus?|active users|subscribers|users|customers", "users", 6),
    (r"headcount|employees|team|workforce|staff", "headcount", 5),
    (r"(?:operating |r&d |sg&a |selling |administrative )?(?:expenses|expenditure|costs?|opex|spending)", "expenses", 5),
    (r"(?:average selling price|asp)s?", "ASP", 5),
    (r"market share|share of (?:the )?market", "market share", 5),
    (r"shipments?|units? shipped|volumes?", "shipments", 5),
    (r"gmv|gross merchandise value", "GMV", 5),
    (r"(?:effective )?tax rate", "tax rate", 4),
    (r"stores?|outlets?", "stores", 4),
    (r"proportion|share of revenue|accounted for", "share", 3),
    (r"growth", "growth", 3),
    (r"(?:adjusted |reported |gaap |non-gaap )?(?:earnings|profits?|losse?s?)(?! (?:per|call|release|conference|report|season|date))", "net income", 8),
)
_METRIC_KEYWORDS: dict[str, tuple[str, ...]] = {'adjusted net income': ('adjusted',),
    'net income': ('net ', 'bottom line', 'profit attributable', 'earnings', 'profit', 'loss'),
    'net interest income': ('net interest', 'nii', 'nim'),
    'EPS': ('eps', 'per share', 'per diluted', 'per basic', 'per unit'),
    'FFO': ('ffo', 'funds from operations'),
    'gross margin': ('gross',),
    'margin': ('margin',),
    'gross profit': ('gross profit',),
    'operating income': ('ebit', 'operating'),
    'cash flow': ('cash',),
    'revenue': ('revenue', 'sales', 'turnover', 'top line'),
    'ARR': ('recurring', 'arr'),
    'raw material inventory': ('raw material',),
    'inventory': ('inventor',),
    'dividend': ('dividend',),
    'buyback': ('buyback', 'repurchas', 'authorization'),
    'capex': ('capital exp', 'capex'),
    'cash': ('cash', 'liquidity'),
    'debt': ('debt', 'borrowing'),
    'orders': ('backlog', 'booking', 'order', 'book-to-bill'),
    'users': ('user', 'mau', 'dau', 'subscriber', 'customer'),
    'headcount': ('headcount', 'employee', 'team', 'workforce', 'staff'),
    'expenses': ('expens', 'expenditure', 'cost', 'opex', 'spending'),
    'ASP': ('average selling', 'asp'),
    'market share': ('share',),
    'shipments': ('shipment', 'shipped', 'volume'),
    'GMV': ('gmv', 'gross merchandise'),
    'tax rate': ('tax rate',),
    'stores': ('store', 'outlet'),
    'share': ('proportion', 'share of revenue', 'accounted for'),
    'growth': ('growth',)}
# each metric's regex, tried only when one of its keywords is in the lower-cased sentence (one big
# alternation costs ~0.3 ms a sentence; the gate makes it ~10 us)
_METRIC_RES = [(re.compile(rf"(?<![\w-])(?:{p})(?![\w-])", re.I), key, w, _METRIC_KEYWORDS[key]) for p, key, w in _METRICS]


class MetricMatch:
    """The nearest metric mention found by `find_metric`."""

    def __init__(self, m: re.Match, key: str, w: int) -> None:
        self.m, self.key, self.w = m, key, w


def _keyword_automaton() -> ahocorasick.Automaton:
    """keyword -> the indices of the metrics it gates, as one Aho-Corasick automaton (one scan a sentence)."""
    by_kw: dict[str, list[int]] = {}
    for i, (_, key, _) in enumerate(_METRICS):
        for k in _METRIC_KEYWORDS[key]:
            by_kw.setdefault(k, []).append(i)
    a = ahocorasick.Automaton()
    for k, idx in by_kw.items():
        a.add_word(k, tuple(idx))
    a.make_automaton()
    return a


_KEYWORDS = _keyword_automaton()


def active_metrics(text: str) -> list[int]:
    """Indices of the metrics whose keywords occur in `text` (a cheap gate before their regexes)."""
    return sorted({i for _, idx in _KEYWORDS.iter(text.lower()) for i in idx})


def find_metric(text: str, lo: int, hi: int, *, last: bool, active: list[int] | None = None) -> MetricMatch | None:
    """The first (or last) metric mention within text[lo:hi]."""
    best: MetricMatch | None = None
    for i in (active if active is not None else active_metrics(text[lo:hi])):
        rx, key, w, _ = _METRIC_RES[i]
        for m in rx.finditer(text, lo, hi):
            if best is None:
                best = MetricMatch(m, key, w)
            elif last and (m.end() > best.m.end() or (m.end() == best.m.end() and m.start() < best.m.start())):
                best = MetricMatch(m, key, w)
            elif not last and m.start() < best.m.start():
                best = MetricMatch(m, key, w)
            if not last:
                break
    return best
