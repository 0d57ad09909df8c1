"""The key-figure record: one number a call states, what it measures, for which period and scope, and where it came
from. `Figure.to_json()` is the contract of `figures --json` and of the stored `figures` analysis (docs/analysis.md)."""
from __future__ import annotations

from dataclasses import MISSING, dataclass
from typing import Any


@dataclass
class Figure:
    """One reported or guided number; `value`, `change`, `period`, `previous` and `text_span` are verbatim slices of
    `sentence`."""

    metric: str  # the metric as said, e.g. "adjusted diluted EPS", "Orchestrate revenue"
    metric_key: str  # canonical, e.g. "eps_adjusted", "revenue" (docs/analysis.md: the metric vocabulary)
    value: str  # verbatim, e.g. "$1.725 billion to $1.775 billion", "66 billion yuan", "9%"
    unit: str | None  # "USD", "CNY", "%", "bps", "pp", "x", "USD/share", "people", ...
    amount: float | None  # the number (low end of a range) times its scale; negative for a loss or a decline
    period: str | None  # verbatim, e.g. "fourth quarter", "full year 2026"
    change: str | None  # verbatim, e.g. "a decrease of 22.8% from the same period in 2021"
    change_pct: float | None  # signed, e.g. -22.8
    change_basis: str | None  # "y/y" | "q/q" | "sequential" | "vs guidance" | None
    kind: str  # "reported" | "guidance"
    approx: str | None  # "about", "over", ... as said
    sentence_position: int
    turn: int
    speaker: str | None
    sentence: str
    text_span: str  # the clause the figure was read from (verbatim)
    score: float = 0.0
    accounting: str | None = None  # "gaap" | "adjusted" | None (not said)
    scope: str | None = None  # None: the whole company; else the segment, region or business as named
    fiscal_period: str | None = None  # "Q4 2025", "FY 2026", "H1 2026", "9M 2025"
    period_inferred: bool = False  # fiscal_period from the call's own period or an outlook heading, not this sentence
    amount_high: float | None = None
    currency: str | None = None
    change_amount: float | None = None  # signed, in the value's unit
    compared_to: str | None = None  # verbatim comparison value, e.g. "$0.63"
    direction: str | None = None  # guidance: raised | lowered | narrowed | reaffirmed | initiated | withdrawn
    previous: str | None = None  # guidance: the previous guidance verbatim
    previous_amount: float | None = None
    previous_amount_high: float | None = None
    section: str | None = None  # "prepared" | "qa": the part of the call its sentence is in (None: not known)

    def to_json(self) -> dict[str, Any]:
        """Flat fields (faster than `asdict`'s deep copy): the `figures --json` contract."""
        return {k: getattr(self, k) for k in _FIGURE_FIELDS}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> "Figure":
        """A figure from its JSON form; fields an older version did not store take their defaults."""
        kw = {k: data[k] for k in _FIGURE_FIELDS if k in data}
        for k in _REQUIRED:
            kw.setdefault(k, None)
        return cls(**kw)  # type: ignore[arg-type]


_FIGURE_FIELDS = tuple(Figure.__dataclass_fields__)
_REQUIRED = tuple(k for k, f in Figure.__dataclass_fields__.items() if f.default is MISSING)
