"""Helpers the figure tests share: a one-turn call of fictional text, and the figure holding a value."""
from __future__ import annotations

from summarizer.figures import Figure, extract_figures
from summarizer.model import Transcript, Turn, sentences_of


def one_turn_figures(text: str, company: str, quarter: int, year: int, speaker: str = "Maren Holt") -> list[Figure]:
    """The figures of a call whose only turn is the CFO's `text`, in the company's Qn YYYY call."""
    tr = Transcript(title=f"{company} Q{quarter} {year} Earnings Call", company=company,
                    fiscal_quarter=quarter, fiscal_year=year,
                    turns=[Turn(speaker=speaker, role="executive", title="Chief Financial Officer", text=text)])
    return extract_figures(tr, sentences_of(tr))


def by(figs: list[Figure], value: str) -> Figure:
    """The first figure whose value reads `value` (failing with the values found when none does)."""
    found = [f for f in figs if f.value == value]
    assert found, (value, [(f.value, f.metric_key) for f in figs])
    return found[0]
