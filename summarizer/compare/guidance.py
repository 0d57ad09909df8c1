"""Guidance moves metric by metric and period by period, and results against the company's own guidance.

A move is stated only between two figures of the same measure (metric, scope, fiscal period and unit, see
`model.figure_key`): from the two calls' figures when the earlier call is stored, else from what the call
itself says ("raising ... from ..."). `before` and `now` are the values as the calls said them."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from summarizer.compare.model import (GUIDED, CallFacts, FigureKey, best_by_key, bounds, cite, compact, compared_unit,
                                      figure_key, in_family, metric_name, norm_scope, plausible, said, same)

MOVES = ("raised", "lowered", "narrowed", "widened", "reaffirmed", "initiated", "dropped")
VERDICTS = ("above", "within", "below")
# What the figure model's `direction` (the call's own words) means as a move.
STATED = {"raised": "raised", "lowered": "lowered", "narrowed": "narrowed", "widened": "widened",
          "reaffirmed": "reaffirmed", "initiated": "initiated", "withdrawn": "dropped"}
_VERB = {"raised": "raises", "lowered": "lowers", "narrowed": "narrows", "widened": "widens",
         "reaffirmed": "reaffirms", "initiated": "initiates", "dropped": "drops"}
# Which moves matter most when one line has to say what changed (an alert's first line).
_WEIGHT = {"lowered": 7, "raised": 6, "dropped": 5, "widened": 4, "narrowed": 3, "initiated": 2, "reaffirmed": 1}
_HEADLINE_METRICS = ("revenue", "eps_adjusted", "eps_gaap", "net_income_adjusted", "net_income_gaap",
                     "operating_margin_adjusted", "operating_margin", "gross_margin", "ebitda_adjusted", "free_cash_flow")


def classify(before: tuple[float, float], now: tuple[float, float]) -> str:
    """The move from one guided range to another: the same -> reaffirmed; inside the old one -> narrowed;
    around it -> widened; otherwise raised or lowered by where its midpoint went."""
    (b_lo, b_hi), (n_lo, n_hi) = before, now
    if same(b_lo, n_lo) and same(b_hi, n_hi):
        return "reaffirmed"
    lo_in = n_lo > b_lo or same(n_lo, b_lo)
    hi_in = n_hi < b_hi or same(n_hi, b_hi)
    lo_out = n_lo < b_lo or same(n_lo, b_lo)
    hi_out = n_hi > b_hi or same(n_hi, b_hi)
    if lo_in and hi_in:
        return "narrowed"
    if lo_out and hi_out:
        return "widened"
    return "raised" if (n_lo + n_hi) > (b_lo + b_hi) else "lowered"


@dataclass
class GuidanceMove:
    """One metric's guidance for one period: before, now, the move, and the sentences that say so."""

    metric: str
    metric_key: str
    scope: str | None
    period: str
    before: str | None
    now: str | None
    move: str
    basis: str  # "calls": the two calls' figures; "stated": the call's own words ("raising ... from ...")
    sources: list[dict[str, Any]] = field(default_factory=list)
    stated: str | None = None  # the move the call itself names, when it names one
    before_call: str | None = None  # the quarter of the call `before` comes from
    stated_before: str | None = None  # the earlier guidance as this call says it was ("from $590 million ...")

    def to_json(self) -> dict[str, Any]:
        return {"metric": self.metric, "metric_key": self.metric_key, "scope": self.scope, "period": self.period,
                "before": self.before, "now": self.now, "move": self.move, "basis": self.basis,
                "stated": self.stated, "stated_before": self.stated_before, "before_call": self.before_call,
                "sources": self.sources}

    def headline(self, who: str) -> str:
        """'NWRB raises FY 2026 revenue guidance to $940–970 million from $900–940 million'."""
        what = f"{self.period} {self.metric} guidance"
        verb = _VERB[self.move]
        if self.move in ("raised", "lowered", "narrowed", "widened"):
            tail = f" to {compact(self.now)}" + (f" from {compact(self.before)}" if self.before else "")
        elif self.move in ("reaffirmed", "initiated"):
            tail = f" of {compact(self.now)}" if self.now else ""
        else:
            tail = f" (was {compact(self.before)}" + (f" in {self.before_call})" if self.before_call else ")") \
                if self.before else ""
        return f"{who} {verb} {what}{tail}"

    @property
    def weight(self) -> tuple:
        """Sort key, most newsworthy first: the kind of move, then headline metrics, then full-year periods."""
        m = self.metric_key
        return (-_WEIGHT.get(self.move, 0),
                _HEADLINE_METRICS.index(m) if m in _HEADLINE_METRICS else len(_HEADLINE_METRICS),
                0 if self.scope is None else 1, 0 if self.period.startswith("FY") else 1, self.period)


def _move_entry(f: dict[str, Any], move: str, basis: str, before: str | None, now: str | None,
                sources: list[dict[str, Any]], before_call: str | None = None) -> GuidanceMove:
    k = figure_key(f, need_amount=False)
    return GuidanceMove(metric_name(f), f.get("metric_key") or "", f.get("scope"), k[2].label if k else "",
                        before, now, move, basis, sources, STATED.get(f.get("direction") or ""), before_call,
                        f.get("previous") or None)


def _conflicted(call: CallFacts, f: dict[str, Any]) -> bool:
    """Another guide of the same metric, scope and period (or an unresolved period) in this call that cannot be
    the same measure as `f` (a '$0.55 increase' read beside the '$7.30' EPS guide): no move is stated from `f`."""
    if f.get("amount") is None:
        return False
    mk, scope, unit = f.get("metric_key"), norm_scope(f.get("scope")), compared_unit(f.get("metric_key") or "", f.get("unit"))
    period = f.get("fiscal_period")
    return any(g is not f and g.get("kind") == "guidance" and g.get("metric_key") == mk and g.get("amount") is not None
               and g.get("fiscal_period") in (period, None) and norm_scope(g.get("scope")) == scope
               and compared_unit(mk or "", g.get("unit")) == unit and not plausible(bounds(g), bounds(f))
               for g in call.figures)


def _stated_move(call: CallFacts, f: dict[str, Any]) -> GuidanceMove | None:
    """A move the call itself states ('we are raising ... from ...'), when it names one and no other guide of
    the metric in the call contradicts the figure."""
    move = STATED.get(f.get("direction") or "")
    if move is None or _conflicted(call, f):
        return None
    if f.get("previous_amount") is not None and not plausible(
            (f["previous_amount"], f.get("previous_amount_high") or f["previous_amount"]), bounds(f)):
        return None
    before = f.get("previous") or None
    now = None if move == "dropped" else said(f)
    return _move_entry(f, move, "stated", before, now, [cite(call, f)])


def guides(call: CallFacts) -> dict[FigureKey, dict[str, Any]]:
    """The call's guidance, one figure per measure, for periods still ahead of the call (a 'guide' for a quarter
    or year the call reports on, or one already over, is a misread result), none that another guide of the call
    contradicts (`_conflicted`)."""
    here = call.period
    return {k: f for k, f in best_by_key(call.figures, "guidance").items()
            if (here is None or k[2].end > here.end) and not _conflicted(call, f)}


def guidance_moves(now: CallFacts, before: CallFacts | None) -> list[GuidanceMove]:
    """Every guidance move of `now`, against `before` (the company's previous stored call) when there is one,
    else as the call states them; most newsworthy first.

    Between two calls' figures any metric may move; a guide new this call is 'initiated' only for a metric
    companies guide (model.GUIDED) and when the call names no other move; a move the call itself names is kept
    unless another guide of the metric in the call contradicts the figure."""
    now_g = guides(now)
    out: list[GuidanceMove] = []
    if before is None:
        out = [m for f in now_g.values() if (m := _stated_move(now, f)) is not None]
        out += [m for f in _withdrawn(now) if (m := _stated_move(now, f)) is not None]
        return sorted(out, key=lambda m: m.weight)
    before_g = guides(before)
    for key, f in now_g.items():
        b = before_g.get(key)
        if b is not None and not plausible(bounds(b), bounds(f)):
            continue  # not one measure, whatever the labels say: no move is stated
        if b is not None:
            move = classify(bounds(b), bounds(f))
            out.append(_move_entry(f, move, "calls", said(b), said(f),
                                   [cite(now, f), cite(before, b)], before.quarter))
            continue
        stated = STATED.get(f.get("direction") or "")
        if stated not in (None, "initiated"):
            if (m := _stated_move(now, f)) is not None:
                out.append(m)  # the stored call's figure was not read, and the call says what it did
        elif in_family(key[0], GUIDED):
            out.append(_move_entry(f, "initiated", "calls", None, said(f), [cite(now, f)], before.quarter))
    out += _dropped(now, before, now_g, before_g)
    return sorted(out, key=lambda m: m.weight)


def _withdrawn(call: CallFacts) -> list[dict[str, Any]]:
    """Guidance the call says it withdraws (such a figure may carry no amount)."""
    return [f for f in call.figures if f.get("kind") == "guidance" and f.get("direction") == "withdrawn"
            and f.get("amount") is None and figure_key(f, need_amount=False) is not None]


def _dropped(now: CallFacts, before: CallFacts, now_g: dict[FigureKey, dict], before_g: dict[FigureKey, dict]
             ) -> list[GuidanceMove]:
    """Guidance the earlier call gave for a period still ahead that this call says it withdraws, or whose metric
    this call does not mention at all (a metric companies guide, model.GUIDED): a metric the call still talks
    about may be guided in a sentence the figures missed, so absence alone is no drop then."""
    here = now.period
    if here is None:
        return []
    withdrawn = {figure_key(f, need_amount=False)[:3]: f for f in _withdrawn(now)}  # type: ignore[index]
    mentioned = {(f.get("metric_key"), norm_scope(f.get("scope"))) for f in now.figures if f.get("metric_key")}
    guided_now = {k[:3] for k in now_g}
    out = []
    for key, b in before_g.items():
        mk, scope, period, _u = key
        if period.end <= here.end or key[:3] in guided_now:
            continue
        w = withdrawn.get(key[:3])
        if w is None and ((mk, scope) in mentioned or not in_family(mk, GUIDED)):
            continue
        sources = ([cite(now, w)] if w is not None else []) + [cite(before, b)]
        m = _move_entry(b, "dropped", "stated" if w is not None else "calls", said(b), None, sources, before.quarter)
        m.stated, m.stated_before = ("dropped" if w is not None else None), None  # not the earlier call's own words
        out.append(m)
    return out


@dataclass
class VsGuidance:
    """A reported result for a period an earlier call guided, and where it landed against that guidance."""

    metric: str
    metric_key: str
    scope: str | None
    period: str
    guided: str
    reported: str
    verdict: str
    guided_in: str | None
    sources: list[dict[str, Any]] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return {"metric": self.metric, "metric_key": self.metric_key, "scope": self.scope, "period": self.period,
                "guided": self.guided, "reported": self.reported, "verdict": self.verdict,
                "guided_in": self.guided_in, "sources": self.sources}

    def headline(self) -> str:
        """'Q3 2025 revenue $211.3 million: above the top of the $205–213 million guided in Q2 2025'."""
        where = {"above": "above the top of", "below": "below the bottom of", "within": "within"}[self.verdict]
        if self.verdict != "within" and "–" not in compact(self.guided):
            where = self.verdict  # a single guided value has no top or bottom
        return (f"{self.period} {self.metric} {self.reported}: {where} the {compact(self.guided)} guided"
                + (f" in {self.guided_in}" if self.guided_in else ""))


def verdict(guided: tuple[float, float], reported: float) -> str:
    """above, within or below the guided range (its ends count as within)."""
    lo, hi = guided
    if reported > hi and not same(reported, hi):
        return "above"
    if reported < lo and not same(reported, lo):
        return "below"
    return "within"


def results_vs_guidance(now: CallFacts, earlier: list[CallFacts]) -> list[VsGuidance]:
    """Each result `now` reports for a period that ends with this call's (the quarter, the year to date, the
    year) that an earlier call guided, against the latest such guidance."""
    here = now.period
    if here is None:
        return []
    latest: dict[FigureKey, tuple[CallFacts, dict]] = {}
    for call in earlier:  # oldest first: a later guide replaces an earlier one
        for key, g in guides(call).items():
            latest[key] = (call, g)
    out = []
    for key, f in best_by_key(now.figures, "reported").items():
        if key[2].end != here.end or key not in latest or not in_family(key[0], GUIDED):
            continue
        call, g = latest[key]
        if not plausible(bounds(g), bounds(f)):
            continue
        out.append(VsGuidance(metric_name(f), f.get("metric_key") or "", f.get("scope"), key[2].label,
                              said(g) or "", said(f) or "", verdict(bounds(g), bounds(f)[0]),
                              call.quarter, [cite(now, f), cite(call, g)]))
    return out
