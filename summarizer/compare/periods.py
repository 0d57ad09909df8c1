"""Fiscal periods as the figure model normalises them ("Q4 2025", "FY 2025", "H1 2026", "9M 2025"), in order.

A period is read only from that normalised form (`Figure.fiscal_period`); anything else is None, so two
figures are compared only when their periods are known to be the same."""
from __future__ import annotations

import re
from dataclasses import dataclass

_FORM = re.compile(r"^\s*(?:(?P<q>Q[1-4])|(?P<h>H[12])|(?P<m>[369]M)|(?P<fy>FY))\s+(?P<y>\d{4})\s*$", re.I)


@dataclass(frozen=True, order=True)
class Period:
    """A fiscal period: its year and its first and last month counted from the fiscal year's start (1-12)."""

    year: int
    first: int
    last: int

    @property
    def end(self) -> int:
        """Months since year 0 at the period's end: a later end is a later period."""
        return self.year * 12 + self.last

    @property
    def label(self) -> str:
        """The normalised form back: 'Q4 2025', 'FY 2025', 'H1 2026', '9M 2025'."""
        span = self.last - self.first + 1
        if span == 3:
            return f"Q{self.last // 3} {self.year}"
        if span == 12:
            return f"FY {self.year}"
        if span == 6 and self.first in (1, 7):
            return f"H{1 if self.first == 1 else 2} {self.year}"
        return f"{span}M {self.year}"

    @property
    def is_quarter(self) -> bool:
        return self.last - self.first == 2

    def shifted(self, years: int) -> "Period":
        """The same period `years` later (negative: earlier)."""
        return Period(self.year + years, self.first, self.last)

    def previous_quarter(self) -> "Period | None":
        """The quarter before a quarter (Q1's is the previous year's Q4); None for other periods."""
        if not self.is_quarter:
            return None
        if self.first == 1:
            return Period(self.year - 1, 10, 12)
        return Period(self.year, self.first - 3, self.last - 3)


def parse_period(text: str | None) -> Period | None:
    """'Q4 2025' -> Period(2025, 10, 12); 'FY 2025', 'H1 2026', '9M 2025'; None for anything else."""
    m = _FORM.match(text or "")
    if not m:
        return None
    y = int(m["y"])
    if m["q"]:
        q = int(m["q"][1])
        return Period(y, 3 * q - 2, 3 * q)
    if m["h"]:
        return Period(y, 1, 6) if m["h"][1] == "1" else Period(y, 7, 12)
    if m["m"]:
        return Period(y, 1, int(m["m"][0]))
    return Period(y, 1, 12)


def call_period(fiscal_quarter: int | None, fiscal_year: int | None) -> Period | None:
    """The period a call reports on: its quarter, or its fiscal year when the call names no quarter."""
    if not fiscal_year:
        return None
    if fiscal_quarter:
        return Period(fiscal_year, 3 * fiscal_quarter - 2, 3 * fiscal_quarter)
    return Period(fiscal_year, 1, 12)
