"""Periods as said, normalised against the call's own fiscal period: relative words resolve differently for results
and for guidance ("the full year" of a Q4 call's outlook is next year), and the parser's period is what they use."""
from __future__ import annotations

import pytest

from summarizer.figures import figures_in_sentence
from summarizer.figures.extract import CallContext
from summarizer.figures.periods import CallPeriod, find_periods, later, resolve
from summarizer.model import Sentence
from summarizer.parse import parse_text


@pytest.mark.parametrize("said,q,y,guidance,want", [
    ("fourth quarter", 4, 2025, False, "Q4 2025"),
    ("fourth quarter", 1, 2026, False, "Q4 2025"),  # a Q1 call speaks of last year's Q4
    ("first quarter", 4, 2025, True, "Q1 2026"),  # a Q4 call guides next year's Q1
    ("third quarter of 2021", 1, 2025, False, "Q3 2021"),
    ("Q1 FY22", 4, 2021, True, "Q1 2022"),
    ("4Q21", 1, 2022, False, "Q4 2021"),
    ("this quarter", 2, 2025, False, "Q2 2025"),
    ("this quarter", 2, 2025, True, "Q3 2025"),  # an outlook "this quarter" is the quarter the call is held in
    ("next quarter", 4, 2025, True, "Q1 2026"),
    ("last quarter", 1, 2025, False, "Q4 2024"),
    ("the full year", 3, 2025, True, "FY 2025"),
    ("the full year", 4, 2025, True, "FY 2026"),
    ("the full year", 4, 2025, False, "FY 2025"),
    ("this year", 4, 2025, True, "FY 2026"),
    ("next year", 2, 2025, True, "FY 2026"),
    ("fiscal 2026", 1, 2025, True, "FY 2026"),
    ("FY26", 1, 2025, True, "FY 2026"),
    ("first half of 2026", 4, 2025, True, "H1 2026"),
    ("second half", 2, 2025, True, "H2 2025"),
    ("second half", 4, 2025, True, "H2 2026"),
    ("year-to-date", 3, 2025, False, "9M 2025"),
    ("first nine months", 3, 2025, False, "9M 2025"),
    ("fourth quarter of last year", 1, 2026, False, "Q4 2025"),
])
def test_resolve(said: str, q: int, y: int, guidance: bool, want: str) -> None:
    (p,) = find_periods(said)
    assert p.text == said and resolve(p, CallPeriod(q, y), guidance) == want


def test_unknown_call_period_gives_none_for_relative_words() -> None:
    (p,) = find_periods("next quarter")
    assert resolve(p, CallPeriod(None, None), True) is None
    (p,) = find_periods("fiscal 2026")
    assert resolve(p, CallPeriod(None, None), True) == "FY 2026"


@pytest.mark.parametrize("text", ["15% growth in the third quarter 15 stores", "up 2,000 units", "Q4 15%"])
def test_numbers_are_not_years(text: str) -> None:
    assert all(p.year is None for p in find_periods(text))


def test_later() -> None:
    assert later("Q1 2026", "Q4 2025") and later("FY 2026", "Q4 2025") and not later("FY 2025", "Q4 2025")
    assert not later(None, "Q4 2025") and later("H2 2025", "Q3 2025")


def _fig(text: str, q: int, y: int, value: str):
    out = figures_in_sentence(Sentence(0, 0, text), context=CallContext(call=CallPeriod(q, y)))
    return next(f for f in out if f.value == value)


def test_a_reported_figure_with_no_period_words_takes_the_calls_quarter_marked_inferred() -> None:
    f = _fig("Adjusted EPS was $0.47.", 4, 2025, "$0.47")
    assert (f.fiscal_period, f.period, f.period_inferred) == ("Q4 2025", None, True)
    g = _fig("Fourth-quarter adjusted EPS was $0.47.", 4, 2025, "$0.47")
    assert (g.fiscal_period, g.period, g.period_inferred) == ("Q4 2025", "Fourth-quarter", False)


def test_a_full_year_figure_in_a_q4_call_is_not_the_quarters() -> None:
    f = _fig("For the year, GAAP EPS was $1.29 and adjusted EPS was $1.61, up 38% from $1.17 in 2024.", 4, 2025,
             "$1.61")
    assert f.fiscal_period == "FY 2025" and f.kind == "reported" and f.compared_to == "$1.17"


def test_a_comparisons_period_is_not_the_figures() -> None:
    f = _fig("Adjusted EPS was $0.36, compared with $0.27 in the second quarter of 2024.", 2, 2025, "$0.36")
    assert f.fiscal_period == "Q2 2025" and f.change_basis == "y/y"
    g = _fig("Revenue was $475 million, down 7% compared to the prior year's first quarter.", 1, 2021,
             "$475 million")
    assert g.fiscal_period == "Q1 2021"


def test_an_outlook_heading_gives_the_period_of_the_sentences_under_it() -> None:
    from summarizer.figures import extract_figures

    tr = parse_text("Dana Lee: Now, our outlook for fiscal 2025. We continue to expect adjusted EPS of $3.40 to "
                    "$3.50.\n", source="x.txt")
    tr.fiscal_quarter, tr.fiscal_year = 2, 2025
    from summarizer.model import sentences_of

    (f,) = [x for x in extract_figures(tr, sentences_of(tr)) if x.value == "$3.40 to $3.50"]
    assert (f.kind, f.fiscal_period, f.period_inferred, f.direction) == ("guidance", "FY 2025", True, "reaffirmed")


def test_the_parsers_period_from_a_title_resolves_relative_words() -> None:
    from summarizer.figures import extract_figures
    from summarizer.model import sentences_of

    tr = parse_text("Acme Corp (ACME) Q3 2025 Earnings Call Transcript\n\nJo Park: Revenue was $5.0 million this "
                    "quarter. Next quarter we expect revenue of $5.2 million to $5.4 million. For the full year, we "
                    "expect revenue of $21 million.\n", source="acme.txt")
    assert (tr.fiscal_quarter, tr.fiscal_year) == (3, 2025)
    got = {f.value: (f.kind, f.fiscal_period) for f in extract_figures(tr, sentences_of(tr))}
    assert got["$5.0 million"] == ("reported", "Q3 2025")
    assert got["$5.2 million to $5.4 million"] == ("guidance", "Q4 2025")
    assert got["$21 million"] == ("guidance", "FY 2025")
