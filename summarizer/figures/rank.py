"""Ranking a call's figures: headline results first (revenue, EPS GAAP and adjusted, FFO), then guidance for them,
then margins and profit, cash flow and capital returns, other metrics and segment lines; one statement once."""
from __future__ import annotations

from summarizer.figures.model import Figure
from summarizer.figures.periods import CallPeriod, call_label
from summarizer.figures.periods import later as later_than

# Headline weight of each metric key; keys not listed weigh 3.
_WEIGHT = {
    "revenue": 10.0, "eps_adjusted": 10.0, "eps_gaap": 9.6, "ffo_per_share": 10.0, "ffo_per_share_adjusted": 10.0,
    "affo_per_share": 9.4, "comparable_sales_growth": 8.4, "net_income_gaap": 5.6, "net_income_adjusted": 5.8,
    "organic_revenue_growth": 7.6, "revenue_growth": 6.4, "net_interest_income": 7.0, "noninterest_income": 5.4,
    "noninterest_income_adjusted": 5.4, "eps_adjusted_growth": 5.6,
    "eps_gaap_growth": 5.2, "gross_margin": 4.6, "gross_margin_adjusted": 4.8, "operating_margin": 4.6,
    "operating_margin_adjusted": 4.8, "ebitda_adjusted": 5.2, "ebitda": 5.0, "ebitda_margin": 4.6,
    "ebitda_margin_adjusted": 4.8, "operating_income": 4.6, "operating_income_adjusted": 4.8, "net_interest_margin": 6.4,
    "noi": 6.4, "net_margin": 5.4, "pretax_income": 5.2, "gross_profit": 4.4, "ebit": 5.6, "ebit_adjusted": 5.8,
    "free_cash_flow": 4.4, "free_cash_flow_adjusted": 4.4, "operating_cash_flow": 4.0, "capex": 4.4, "buyback": 3.6,
    "buyback_authorization": 6.0, "dividend_per_share": 5.0, "dividend": 4.4, "capital_returned": 3.6, "arr": 5.4,
    "bookings": 5.0, "billings": 5.0, "backlog": 5.0, "rpo": 5.0, "book_to_bill": 4.2, "gmv": 5.0, "subscribers": 5.0, "users": 4.6,
    "customers": 4.0, "net_revenue_retention": 4.4, "roic": 4.4, "roe": 4.6, "tax_rate": 3.6, "cash": 3.8, "debt": 3.4,
    "net_debt": 3.8, "leverage": 3.8, "inventory": 3.6, "gross_margin_growth": 4.8, "operating_margin_growth": 4.6,
    "margin": 3.6, "book_value_per_share": 4.6, "combined_ratio": 5.4, "premiums": 5.0, "aum": 5.0, "deposits": 4.6,
    "loans": 4.6, "occupancy": 4.6, "revenue_share": 2.6,
}
_HEADLINE = frozenset({"revenue", "eps_adjusted", "eps_gaap", "ffo_per_share", "ffo_per_share_adjusted",
                       "affo_per_share", "comparable_sales_growth", "organic_revenue_growth", "net_income_gaap",
                       "net_income_adjusted", "revenue_growth"})


# The lines of a financial outlook an analyst quotes beside revenue and EPS (a tax rate, interest, cash or debt
# outlook is a modelling input, not news)
_OUTLOOK_LINES = ("ebitda", "ebit", "operating_income", "operating_margin", "gross_margin", "gross_profit", "net_margin",
                  "free_cash_flow", "operating_cash_flow", "capex", "opex", "expenses", "sga", "general_admin", "net_interest_income",
                  "noninterest_income",
                  "net_interest_margin", "ffo", "affo", "comparable_sales", "organic_revenue", "arr", "bookings",
                  "backlog", "buyback", "dividend", "capital_returned", "cost_savings", "synergies", "combined_ratio",
                  "medical_care_ratio", "shipments", "units", "subscribers", "users", "gmv")


def _outlook_line(key: str) -> bool:
    return key.startswith(_OUTLOOK_LINES)


def weight(key: str) -> float:
    """The headline weight of a metric key (revenue and EPS 10; a ratio of revenue 2.6; unknown 3)."""
    if key in _WEIGHT:
        return _WEIGHT[key]
    if key.endswith("_to_revenue"):
        return 3.0
    if key.endswith("_growth"):
        return max(3.0, _WEIGHT.get(key[:-7], 3.0) - 1.6)
    return 3.0


def score(f: Figure, call: CallPeriod, nth: int) -> float:
    """How early a figure should be listed; `nth` counts earlier figures of the same metric, scope and kind."""
    s = weight(f.metric_key)
    if f.kind == "guidance":  # an outlook for revenue growth is nearly as much news as one for revenue
        base = f.metric_key.removesuffix("_growth")
        if base != f.metric_key and base in _HEADLINE:
            s = max(s, weight(base) - 0.6)
        # guidance is the news of a call: the outlook for EPS or revenue weighs as much as the quarter's result,
        # and the outlook for capex, margins or cash flow more than the quarter's margins or cash flow
        s += 0.6 if f.metric_key in _HEADLINE or base in _HEADLINE else 2.6 if _outlook_line(base) else 0.4
    if f.scope:
        s -= 4.4
    own = call_label(call)
    if f.kind == "reported" and own and f.fiscal_period:
        if f.fiscal_period == own:
            s += 0.6
        elif f.fiscal_period == f"FY {call.year}" and call.quarter == 4:
            s += 0.1
        elif later_than(own, f.fiscal_period):
            s -= 4.0  # a year-ago or last quarter's figure: what the result is compared with
        elif not f.fiscal_period.startswith("FY") or call.quarter != 4:
            s -= 2.0
    if f.change:
        s += 0.3
    if f.kind == "guidance" and f.direction:
        s += 0.2
    s += 0.6 if nth == 0 else 0.2 if nth == 1 else 0.0
    if f.approx and f.kind == "reported":
        s -= 1.0 if f.approx in ("surpassed", "topped", "crossed", "passed", "exceeded", "over", "more than") else 0.4
    return round(s, 3)


# Metrics whose parts add up to the whole: a company-wide figure much smaller than another of the same period is a
# part whose business the sentence did not name ("moved about $3 million of revenue into the first quarter").
_ADDITIVE = frozenset({"revenue", "gross_profit", "operating_income", "operating_income_adjusted", "ebitda",
                       "ebitda_adjusted", "net_income_gaap", "net_income_adjusted", "free_cash_flow",
                       "operating_cash_flow", "bookings", "backlog", "arr", "gmv", "eps_gaap", "eps_adjusted",
                       "ffo_per_share", "ffo_per_share_adjusted"})


_CLOSE = frozenset({"about", "approximately", "around", "roughly", "nearly", "almost", "close to"})
_AT_LEAST = frozenset({"over", "more than", "at least", "in excess of", "exceeding", "above", "north of", "just over",
                       "well over", "better than"})


def _parts_of_totals(figs: list[Figure]) -> set[int]:
    """ids of company-wide figures at most half of another figure of the same metric, period, kind and unit (one whose
    period was said, unless the smaller one's was not said either)."""
    best_said: dict[tuple, float] = {}
    best_any: dict[tuple, float] = {}
    pool = [f for f in figs if f.metric_key in _ADDITIVE and f.scope is None and f.amount is not None and f.amount > 0]
    for f in pool:
        if f.approx is not None and f.approx not in _CLOSE and (f.approx not in _AT_LEAST or f.period_inferred):
            continue  # "companies with revenues approaching $14 billion": a bound, no total a stated figure is part of
            # (but "Revenues were up 10% to over $3 billion in the quarter": the total is at least that)
        k = (f.metric_key, f.fiscal_period, f.kind, f.unit)
        best_any[k] = max(best_any.get(k, 0.0), f.amount or 0.0)
        if not f.period_inferred:
            best_said[k] = max(best_said.get(k, 0.0), f.amount or 0.0)
    out: set[int] = set()
    for f in pool:
        k = (f.metric_key, f.fiscal_period, f.kind, f.unit)
        if f.unit and f.unit.endswith("/share"):  # a bridge item ("$0.07 per share from weather") beside the EPS
            if (f.amount or 0.0) * 3 <= best_said.get(k, 0.0):
                out.add(id(f))
            continue
        a = (f.amount or 0.0) * 2
        if a <= best_said.get(k, 0.0) or (f.period_inferred and a <= best_any.get(k, 0.0)):
            out.add(id(f))
    return out | _years_below_a_quarter(pool)


# flows summed over a year: the company's year is never below one of its quarters
_FLOWS = frozenset({"revenue", "gross_profit", "bookings", "gmv"})


def _years_below_a_quarter(pool: list[Figure]) -> set[int]:
    """ids of company-wide full-year flows (revenue...) below a quarter's of the call (half of it when that quarter
    was not said but read from the call's period): "collected revenues in the fourth quarter and full fiscal year of
    $10 million and $34 million respectively" in a call whose quarter's revenues were $344 million is a part's."""
    said: dict[tuple, float] = {}
    inferred: dict[tuple, float] = {}
    for f in pool:
        if f.metric_key in _FLOWS and f.kind == "reported" and (f.fiscal_period or "").startswith("Q"):
            best = inferred if f.period_inferred else said
            k = (f.metric_key, f.unit)
            best[k] = max(best.get(k, 0.0), f.amount or 0.0)
    if not said and not inferred:
        return set()
    return {id(f) for f in pool if f.metric_key in _FLOWS and (f.fiscal_period or "").startswith("FY") and
            ((f.amount or 0.0) < said.get((f.metric_key, f.unit), 0.0) or
             (f.amount or 0.0) * 2 <= inferred.get((f.metric_key, f.unit), 0.0))}


def _echoes(figs: list[Figure]) -> set[int]:
    """ids of growth figures that repeat the change of a level figure ('Revenue grew 14%' after '$182.4 million, up 14%')."""
    said = {(f.metric_key, f.scope, f.fiscal_period, f.kind, f.change_pct) for f in figs if f.change_pct is not None}
    return {id(f) for f in figs if f.metric_key.endswith("_growth") and
            (f.metric_key[:-7], f.scope, f.fiscal_period, f.kind, f.amount) in said}


def rank(figs: list[Figure], call: CallPeriod, section_of: dict[int, str] | None = None) -> list[Figure]:
    """Score, order best first and drop repeats: the same metric, scope, period, kind and amount said twice; a part
    of a total shown as the company's; a growth rate already given with its figure."""
    parts = _parts_of_totals(figs)
    for f in figs:  # "$0.07 per share" of a bridge, "$245.5 million" of a segment the sentence did not name
        if id(f) in parts:
            f.metric_key += "_part"
            f.metric += " (part)"
    drop = _echoes(figs)
    figs = [f for f in figs if id(f) not in drop]
    seen_n: dict[tuple, int] = {}
    for f in figs:  # call order: the first mention of a metric is usually the headline (total) number
        k = (f.metric_key, f.scope, f.kind)
        nth = seen_n.get(k, 0)
        seen_n[k] = nth + 1
        f.score = score(f, call, nth)
        if section_of:
            f.section = section_of.get(f.turn)
        if f.section == "qa":
            f.score = round(f.score - 1.2, 3)
    figs = sorted(figs, key=lambda f: (-f.score, f.sentence_position))
    seen: dict[tuple, int] = {}
    uniq: list[Figure] = []
    for f in figs:
        # "a loss of $1.24 in adjusted operating EPS" and "EPS was a loss of $1.24 per share": one statement
        sig = (f.metric_key, f.scope, f.fiscal_period, f.kind, f.amount, f.amount_high, _per_share_as_said(f))
        if sig in seen:
            kept = uniq[seen[sig]]
            if f.change and not kept.change:  # "adjusted EPS was $1.61, up 38% from $1.17": the one that says more
                f.score = kept.score
                uniq[seen[sig]] = f
            continue
        seen[sig] = len(uniq)
        uniq.append(f)
    return _diverse(uniq)


def _per_share_as_said(f: Figure) -> str | None:
    """The figure's unit, per share when its metric is a per-share one whether or not the sentence said so."""
    unit = f.unit
    if unit and f.metric_key.startswith(("eps", "dividend_per_share")) and not unit.endswith("/share"):
        return unit + "/share"
    return unit


_REPEAT = 2.2  # what each earlier pick of the same metric and kind costs a figure's place


def _diverse(figs: list[Figure]) -> list[Figure]:
    """Best first, each further figure of a metric and kind already listed placed lower: the quarter's revenue, EPS
    and guidance before the fourth revenue line of a segment the call did not name."""
    picked: dict[tuple[str, str, str | None], int] = {}
    out: list[Figure] = []
    rest = list(figs)
    keys = [(f.metric_key, f.kind, f.fiscal_period) for f in rest]  # each figure's key and score, read once
    scores = [f.score for f in rest]
    while rest:
        best_i, best_v = 0, float("-inf")
        for i in range(min(40, len(rest))):  # sorted by score: a figure past the 40th can't win
            v = scores[i] - _REPEAT * picked.get(keys[i], 0)
            if v > best_v:
                best_i, best_v = i, v
        f = rest.pop(best_i)
        k = keys.pop(best_i)
        scores.pop(best_i)
        picked[k] = picked.get(k, 0) + 1
        out.append(f)
    return out
