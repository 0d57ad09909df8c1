"""Reported figures against the previous quarter and the year-ago period, where those calls are stored: the
results worth it (model.RESULTS: headline results, margins, cash, capital, operating KPIs, growth rates).

Only figures of the same measure are set side by side (`model.figure_key`); each value is as its call said it,
and the direction (up, down, flat) is read from the two amounts: no new number is made."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from summarizer.compare.model import (RESULTS, CallFacts, FigureKey, best_by_key, bounds, cite, in_family, metric_name,
                                      plausible, said, same)
from summarizer.compare.periods import Period

MAX_FIGURES = 12


@dataclass
class Earlier:
    """The same measure in an earlier period: its value as said, where, and which way it went since."""

    period: str
    value: str
    direction: str  # "up" | "down" | "flat": this period's amount against that one
    sources: list[dict[str, Any]]

    def to_json(self) -> dict[str, Any]:
        return {"period": self.period, "value": self.value, "direction": self.direction, "sources": self.sources}


@dataclass
class FigureChange:
    """One reported figure of this call beside its previous quarter and its year-ago period."""

    metric: str
    metric_key: str
    scope: str | None
    period: str
    value: str
    sources: list[dict[str, Any]]
    previous_quarter: Earlier | None = None
    year_ago: Earlier | None = None

    def to_json(self) -> dict[str, Any]:
        return {"metric": self.metric, "metric_key": self.metric_key, "scope": self.scope, "period": self.period,
                "value": self.value, "previous_quarter": self.previous_quarter.to_json() if self.previous_quarter else None,
                "year_ago": self.year_ago.to_json() if self.year_ago else None, "sources": self.sources}


def _direction(now: float, then: float) -> str:
    return "flat" if same(now, then) else "up" if now > then else "down"


def _reported_index(calls: list[CallFacts]) -> dict[FigureKey, tuple[CallFacts, dict]]:
    """Each measure's reported figure across calls; the call that reports on that very period wins (its own
    figure is the first statement of it), else the latest call that mentions it."""
    idx: dict[FigureKey, tuple[CallFacts, dict]] = {}
    for call in calls:
        own = call.period
        for key, f in best_by_key(call.figures, "reported").items():
            prev = idx.get(key)
            if prev is None or (own is not None and own.end == key[2].end) or prev[0].period is None or \
                    prev[0].period.end != key[2].end:
                idx[key] = (call, f)
    return idx


def reported_changes(now: CallFacts, earlier: list[CallFacts]) -> list[FigureChange]:
    """This call's results for its own period (the quarter, and the year in a fourth-quarter call) against the
    previous quarter and the year-ago period, best-ranked figures first."""
    here = now.period
    if here is None:
        return []
    idx = _reported_index(earlier)
    out: list[FigureChange] = []
    for key, f in best_by_key(now.figures, "reported").items():
        mk, scope, period, unit = key
        if period.end != here.end or not in_family(mk, RESULTS) or (mk.endswith("_growth") and unit != "%"):
            continue  # a change said as an amount ("improved by $60 million") is no level to set beside another
        fc = FigureChange(metric_name(f), mk, f.get("scope"), period.label, said(f) or "", [cite(now, f)])
        for attr, other in (("previous_quarter", period.previous_quarter()), ("year_ago", period.shifted(-1))):
            hit = idx.get((mk, scope, other, unit)) if isinstance(other, Period) else None
            if hit is not None and plausible(bounds(hit[1]), bounds(f)):
                call, g = hit
                setattr(fc, attr, Earlier(other.label, said(g) or "", _direction(bounds(f)[0], bounds(g)[0]),
                                          [cite(call, g)]))
        if fc.previous_quarter or fc.year_ago:
            out.append(fc)
    return out[:MAX_FIGURES]
