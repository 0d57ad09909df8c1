"""What the comparison reads about a call (plain figure, topic and tone dicts) and how it cites a sentence.

Figures are read through the figure-model fields only (`metric_key`, `scope`, `fiscal_period`, `kind`,
`amount`, `amount_high`, `unit`, `direction`, `previous`, ...), any optional one possibly None."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from summarizer.compare.periods import Period, call_period, parse_period

EPS = 1e-9
FigureKey = tuple[str, str, Period, str]


@dataclass
class CallFacts:
    """One stored call as the comparison sees it: its metadata and its stored figures, topics and tone."""

    id: int
    company: str | None
    ticker: str | None
    fiscal_quarter: int | None
    fiscal_year: int | None
    call_date: str | None = None
    figures: list[dict[str, Any]] = field(default_factory=list)
    topics: list[dict[str, Any]] = field(default_factory=list)
    tone: dict[str, Any] | None = None

    @property
    def quarter(self) -> str | None:
        """'Q3 2025' (or '2025' for a call that names only its year)."""
        if self.fiscal_quarter and self.fiscal_year:
            return f"Q{self.fiscal_quarter} {self.fiscal_year}"
        return str(self.fiscal_year) if self.fiscal_year else None

    @property
    def period(self) -> Period | None:
        return call_period(self.fiscal_quarter, self.fiscal_year)

    @property
    def name(self) -> str:
        """How replies name the company: its ticker, else its name."""
        return self.ticker or self.company or f"call {self.id}"

    def meta(self) -> dict[str, Any]:
        """The `call` / `previous` object of the JSON output."""
        return {"id": self.id, "company": self.company, "ticker": self.ticker, "quarter": self.quarter,
                "fiscal_quarter": self.fiscal_quarter, "fiscal_year": self.fiscal_year, "call_date": self.call_date}


def cite(call: CallFacts, f: dict[str, Any]) -> dict[str, Any]:
    """A source: the sentence verbatim with company, quarter, speaker and position in its call."""
    return {"call_id": call.id, "company": call.company or call.ticker, "quarter": call.quarter,
            "speaker": f.get("speaker"), "sentence": f.get("sentence") or f.get("text"),
            "position": f.get("sentence_position", f.get("position"))}


def norm_scope(scope: str | None) -> str:
    """A scope compared case- and space-insensitively ('' for the whole company)."""
    return " ".join((scope or "").lower().split())


# Metrics companies guide (a guide of anything else that is not repeated is more likely a misread number than
# guidance the company stopped giving), and the results worth setting beside earlier quarters. Prefixes of the
# figure model's metric keys (docs/analysis.md).
GUIDED = ("revenue", "organic_revenue", "comparable_sales", "eps_", "gross_margin", "operating_margin",
          "operating_income", "ebitda", "ebit", "free_cash_flow", "operating_cash_flow", "capex", "tax_rate", "opex",
          "sga", "rnd", "ffo", "affo", "net_interest_income", "net_interest_margin", "dividend", "buyback")
RESULTS = GUIDED + ("net_income", "gross_profit", "pretax_income", "net_margin", "bookings", "backlog",
                    "book_to_bill", "arr", "rpo", "net_revenue_retention", "gmv", "users", "subscribers", "customers",
                    "inventory", "cash", "net_debt", "debt", "leverage", "roic", "roe", "combined_ratio", "noi",
                    "same_store", "occupancy", "aum", "deposits", "loans", "premiums", "shipments")


def in_family(metric_key: str, family: tuple[str, ...]) -> bool:
    """Whether a metric key is one of a family's (by prefix)."""
    return metric_key.startswith(family)


def compared_unit(metric_key: str, unit: str | None) -> str:
    """A figure's unit as compared: an EPS or per-share metric said in plain currency is per share."""
    u = (unit or "").strip()
    if u and "/" not in u and u.isupper() and (metric_key.startswith("eps") or metric_key.endswith("per_share")):
        return f"{u}/share"
    return u


def figure_key(f: dict[str, Any], *, need_amount: bool = True) -> FigureKey | None:
    """(metric_key, scope, period, unit): what must be equal for two figures to be the same measure; None
    when the metric or the period is not known (then the figure is never compared)."""
    mk = f.get("metric_key")
    period = parse_period(f.get("fiscal_period"))
    if not mk or period is None or (need_amount and f.get("amount") is None):
        return None
    return mk, norm_scope(f.get("scope")), period, compared_unit(mk, f.get("unit"))


def said(f: dict[str, Any] | None) -> str | None:
    """A figure's value as the call said it: its `approx` word ("about", "over") before the verbatim value when
    the value does not already hold it."""
    if f is None:
        return None
    value = f.get("value") or ""
    approx = (f.get("approx") or "").strip()
    if approx and not value.lower().startswith(approx.lower()):
        return f"{approx} {value}".strip()
    return value or None


def bounds(f: dict[str, Any]) -> tuple[float, float]:
    """(low, high) of a figure's value; a single value is both."""
    lo = float(f["amount"])
    hi = f.get("amount_high")
    return lo, float(hi) if hi is not None else lo


def same(a: float, b: float) -> bool:
    return abs(a - b) <= EPS * max(1.0, abs(a), abs(b))


MAX_RATIO = 4.0  # two values of one measure this far apart are two measures read as one (a segment, a scale)


def plausible(a: tuple[float, float], b: tuple[float, float]) -> bool:
    """Whether two values can be the same measure at two times: same sign and midpoints within MAX_RATIO of
    each other. A company does not guide revenue at $200 million and report $7.9 million; an extractor that
    took a segment's figure for the company's does."""
    ma, mb = (a[0] + a[1]) / 2, (b[0] + b[1]) / 2
    if ma == 0 or mb == 0:
        return ma == mb or abs(ma - mb) < 1e-12 or (ma >= 0) == (mb >= 0)
    if (ma > 0) != (mb > 0):
        return False
    return max(abs(ma), abs(mb)) / min(abs(ma), abs(mb)) <= MAX_RATIO


def best_by_key(figs: list[dict[str, Any]], kind: str, *, need_amount: bool = True) -> dict[FigureKey, dict[str, Any]]:
    """One figure per measure of `kind`: one the call says a direction of first, then the best-ranked, then the
    first said."""
    out: dict[FigureKey, tuple[tuple, dict[str, Any]]] = {}
    for i, f in enumerate(figs):
        if f.get("kind") != kind:
            continue
        k = figure_key(f, need_amount=need_amount)
        if k is None:
            continue
        rank = (0 if f.get("direction") else 1, -(f.get("score") or 0.0), i)
        if k not in out or rank < out[k][0]:
            out[k] = (rank, f)
    return {k: v[1] for k, v in out.items()}


def metric_name(f: dict[str, Any]) -> str:
    """The metric as the call said it, with its scope when the name does not already carry it."""
    name = (f.get("metric") or f.get("metric_key") or "figure").strip()
    scope = (f.get("scope") or "").strip()
    if scope and scope.lower() not in name.lower():
        name = f"{scope} {name}"
    return name


def compact(value: str | None) -> str:
    """'$940 million to $970 million' -> '$940–970 million' when both ends share currency and scale (the
    numbers themselves untouched); anything else as said."""
    import re

    if not value:
        return value or ""
    m = re.fullmatch(r"\s*(?:between\s+)?(?P<pre>[^\d\s]*)(?P<a>[\d.,]+)(?P<suf>\s?[A-Za-z%]*)\s*(?:to|and|-|–)\s*"
                     r"(?P<pre2>[^\d\s]*)(?P<b>[\d.,]+)(?P<suf2>\s?[A-Za-z%]*)\s*", value)
    if not m or m["pre"] != m["pre2"] or (m["suf"].strip() and m["suf"].strip() != m["suf2"].strip()):
        return value
    return f"{m['pre']}{m['a']}–{m['b']}{m['suf2']}"
