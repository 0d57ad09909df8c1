"""Summary lines stay true when cut: a cut keeps the period, scope and value that make its number true, never ends on
a word that needs more, never opens mid-sentence, never repeats a figure; the quarter's revenue and EPS are in."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from summarizer.headlines import figures_of, scoped_by_context, states_quarter_eps, states_quarter_revenue
from summarizer.model import sentences_of
from summarizer.parse import parse_bytes
from summarizer.summarize import summarize
from summarizer.trimming import DANGLING, balanced, dangles, spans, stands_alone, trim_to_figures

CALL = Path(__file__).parent / "data" / "summary" / "crvf-q4-2025-call.txt"
SAMPLES = Path(__file__).resolve().parents[1] / "bot" / "samples"


@pytest.fixture(scope="module")
def corvane():
    tr = parse_bytes(CALL.read_bytes(), CALL.name)
    return tr, sentences_of(tr)


def _lines(tr, ss, n: int) -> list[str]:
    return [s.text for s in summarize(tr, ss, n_sentences=n).sentences]


@pytest.mark.parametrize("n", [3, 5, 8, 12, 20])
def test_every_line_keeps_what_makes_its_number_true(corvane, n: int) -> None:
    tr, ss = corvane
    lines = _lines(tr, ss, n)
    assert lines
    for line in lines:
        if "$2.41" in line:  # the full-year GAAP EPS, in a Q4 call
            assert line.startswith("For the year,"), line
        if "$1.28 billion" in line:  # guidance for the first quarter, not the year
            assert "first quarter of 2026" in line, line
        if "$412 million" in line:
            assert "Frozen segment" in line, line
        if "$0.08" in line:
            assert "to $0.55" in line, line  # the change keeps the level it reached
        if "$40 million" in line:
            assert "stock compensation" in line, line
        assert "$1.9 billion" not in line and "10%" not in line  # the snacks business's sales, said just before
        assert not dangles(line) and balanced(line) and line[0].isupper() and line.endswith((".", "?")), line


@pytest.mark.parametrize("n", [2, 3, 5, 8, 12])
def test_no_figure_twice_and_the_quarters_revenue_and_eps_are_in(corvane, n: int) -> None:
    tr, ss = corvane
    lines = _lines(tr, ss, n)
    seen: set[str] = set()
    for line in lines:
        figs = figures_of(line)
        assert not figs & seen, (line, lines)
        seen |= figs
    assert any("$1.32 billion" in ln for ln in lines), lines  # fourth-quarter net sales
    assert any("$0.55" in ln for ln in lines), lines  # the quarter's adjusted EPS (said twice in the call)
    assert sum("$0.55" in ln for ln in lines) == 1


def test_no_line_ends_on_a_word_that_needs_more(corvane) -> None:
    tr, ss = corvane
    for line in _lines(tr, ss, 30):
        last = re.findall(r"[A-Za-z]+|\d[\d.,]*", line)[-1].lower()
        assert last not in DANGLING, line
    assert "Comparable sales were up 6.1%." in _lines(tr, ss, 30)  # not "... up 6.1% from."


@pytest.mark.parametrize("sentence, keep", [
    ("For the year, GAAP EPS was $1.29 and adjusted EPS was $1.61, up 38% from $1.17 in 2024.", "For the year,"),
    ("For the first quarter of 2026, we expect revenue of $214 million to $222 million.", "For the first quarter of 2026,"),
    ("On a GAAP basis, our income from continuing operations was $74.6 million or $1.10 per diluted share.", "GAAP basis"),
    ("In our BSG segment, same-store sales declines of 4.6% primarily reflect capacity limits.", "BSG segment"),
    ("Total revenue, excluding fuel, was $96 million, up 5%.", "excluding fuel"),
    ("Turning to Aflac Japan, sales decreased 32% in the quarter.", "Aflac Japan"),
])
def test_no_cut_drops_the_period_basis_or_scope(sentence: str, keep: str) -> None:
    for kind, line in spans(sentence):
        assert keep in line, (kind, line)


@pytest.mark.parametrize("sentence, line", [
    ("Turning to slide 17; adjusted earnings per share was up 24% to $0.31, primarily reflecting our growth plan.",
     "Adjusted earnings per share was up 24% to $0.31."),
    ("As Scott mentioned, our guidance for adjusted EPS is a range of $3.30 to $3.55.",
     "Our guidance for adjusted EPS is a range of $3.30 to $3.55."),
    ("Adjusted EPS decreased $0.08, or 13%, to $0.55, as we lapped a tax benefit.", "Adjusted EPS decreased $0.08, or 13%, to $0.55."),
    ("Cash from operations, excluding working capital, was $1.5 billion, which is $1 billion more than last quarter.",
     "Cash from operations, excluding working capital, was $1.5 billion."),
])
def test_a_cut_drops_only_what_steers_the_listener(sentence: str, line: str) -> None:
    assert trim_to_figures(sentence) == line


@pytest.mark.parametrize("line", [
    "Comp sales were up 6.1% from.", "Organic sales growth of 8.5% was.", "Revenue was $5 million (up 5%.",
    "This segment recorded revenue of $528.7 million.", "Which is around $40 million a year.",
    "These sales are now expected to contribute $140 million.",
])
def test_lines_that_would_mislead_do_not_stand_alone(line: str) -> None:
    assert not stands_alone(line)


def test_a_relative_clause_is_never_cut_loose() -> None:
    text = ("We expect to be in the market steadily, buying at least enough to offset dilution from stock compensation, "
            "which is around $40 million a year, and more when the price is attractive.")
    for kind, line in spans(text):
        assert not line.lower().startswith(("which", "is around")), (kind, line)
        if "$40 million" in line:
            assert "stock compensation" in line


@pytest.mark.parametrize("line, revenue, eps", [
    ("Fourth-quarter revenue was $228.9 million.", True, False),
    ("Net sales were $1.46 billion.", True, False),
    ("Hardware revenue was $169.1 million, up 17%.", False, False),
    ("Northwind Orchestrate revenue was $59.8 million in the fourth quarter.", False, False),
    ("Full-year revenue was $819.3 million.", False, False),
    ("For 2026, we expect revenue of $940 million to $970 million.", False, False),
    ("Adjusted EPS was $0.47.", False, True),
    ("Fourth-quarter GAAP net income was $21.0 million, or $0.39 per diluted share.", False, True),
    ("For the year, GAAP EPS was $1.29.", False, False),
    ("We expect adjusted EPS of $0.40 to $0.44.", False, False),
    ("Revenue grew 5% in the quarter.", False, False),
    # a part named before the revenue word, by a lead-in or a transition
    ("At Harbor Systems, sales of $158 million were flat with the prior year.", False, False),
    ("For the Fleet Services Group revenues were $315 million.", False, False),
    ("Moving to Frozen Foods, total sales were $244 million.", False, False),
    ("In Europe, revenue was $40 million.", False, False),
    ("In Q4, revenue was $52.1 million.", True, False),
    # the level, however the change before it is said; a change alone states none
    ("Revenues for the quarter are $1.525 billion.", True, False),
    ("Our fourth-quarter revenues decreased 1% as reported or 3% in constant currency to $682 million.", True, False),
    ("Our total revenue increased approximately $6.5 million over Q3.", False, False),
    ("Fourth-quarter net sales were $1.32 billion, up 4% from a year ago.", True, False),
    ("Sales for the fourth quarter were up 5% from $417 million to $438 million.", True, False),
    ("Corvane's fourth quarter 2025 sales were $1.24 billion.", True, False),
    ("2024 sales were $4.9 billion.", False, False),
    # volume, targets and revenue as a modifier are no revenue stated
    ("We shipped record sales of 80 million gallons in the quarter.", False, False),
    ("We are moving toward our longer-term objectives of $4.5 billion of revenue.", False, False),
    ("That includes $35 million of revenue maintaining capex.", False, False),
    # EPS: a change up to its level is the level; a year's own figure is not the quarter's
    ("First quarter net earnings increased 89% to $98 million or $0.60 per share.", False, True),
    ("Adjusted diluted earnings per share increased by 49% to $0.52.", False, True),
    ("We reported operating income of $93.8 million or $0.98 per diluted common share.", False, True),
    ("On an adjusted basis, 2025 net income per share was $1.64.", False, False),
])
def test_which_lines_state_the_quarters_revenue_and_eps(line: str, revenue: bool, eps: bool) -> None:
    assert states_quarter_revenue(line) is revenue
    assert states_quarter_eps(line) is eps


def test_a_bare_metric_after_a_named_business_is_that_business_s() -> None:
    assert scoped_by_context("The smart home business had a very good year.", "Revenue reached 19.5 billion yuan, up 24%.")
    assert not scoped_by_context("We had a very good year.", "Revenue reached 19.5 billion yuan, up 24%.")
    assert not scoped_by_context("The smart home business had a very good year.", "Total revenue was 64.2 billion yuan.")


def test_figures_are_compared_as_written() -> None:
    assert figures_of("Revenue of $1,200 million, up 13 %.") == figures_of("We had $1200 million and 13% growth.")
    assert figures_of("In 2025 we opened 14 stores.") == set()


def test_northwind_q4_summary_keeps_periods_and_the_quarters_revenue() -> None:
    p = SAMPLES / "nwrb-q4-2025-page.html"
    tr = parse_bytes(p.read_bytes(), p.name)
    lines = _lines(tr, sentences_of(tr), 5)
    assert "Fourth-quarter revenue was $228.9 million." in lines
    assert not any(ln.startswith("GAAP EPS was $1.29") for ln in lines)  # was shown without "For the year"
    for ln in lines:
        if "$1.29" in ln:
            assert ln.startswith("For the year,")
        if "we expect revenue" in ln.lower():
            assert ln.startswith("For the")
