"""Guidance direction read as a call says it, and never lent to a figure it is not about.

A fictional call written for these tests (tests/data/figures/ormsby-q3-2025-call.txt). Guards what hand checks of
real calls found: a statement about one range ("the revision to the range downward") or one segment ("reducing our
expectations for the Coatings segment") given to every guided figure near it; "at the higher end of its guidance
range" read as a raise; "still expected", "have not changed" not read as reaffirmed; "..., down from X to Y" on a
line of a guidance list not read as the previous guidance.
"""
from __future__ import annotations

from pathlib import Path

import pytest

from summarizer.figures import Figure, extract_figures, figures_in_sentence
from summarizer.model import Sentence, sentences_of
from summarizer.parse import parse_bytes

CALL = Path(__file__).parent / "data" / "figures" / "ormsby-q3-2025-call.txt"


@pytest.fixture(scope="module")
def figs() -> list[Figure]:
    tr = parse_bytes(CALL.read_bytes(), CALL.name)
    return extract_figures(tr, sentences_of(tr))


def by(figs: list[Figure], value: str) -> Figure:
    found = [f for f in figs if f.value == value]
    assert found, (value, [f.value for f in figs])
    return found[0]


@pytest.mark.parametrize("value,previous", [
    ("$2.30 billion to $2.38 billion", "$2.35 billion to $2.45 billion"),
    ("$310 million to $330 million", "$340 million to $360 million"),  # a list line with no verb of its own
    ("$205 million to $210 million", "$212 million to $218 million"),
])
def test_down_from_a_range_is_the_previous_guidance_and_a_cut(figs, value, previous) -> None:
    f = by(figs, value)
    assert (f.kind, f.direction, f.previous) == ("guidance", "lowered", previous)


@pytest.mark.parametrize("value", ["$5.10 to $5.30", "$60 million and $70 million", "$280 million to $300 million"])
def test_a_statement_about_another_range_or_a_segment_is_not_lent(figs, value) -> None:
    f = by(figs, value)
    assert f.kind == "guidance" and f.direction is None, (f.direction, f.sentence)


@pytest.mark.parametrize("value", ["$18 million to $20 million", "$95 million"])
def test_still_expected_and_not_changed_reaffirm(figs, value) -> None:
    f = by(figs, value)
    assert (f.kind, f.direction) == ("guidance", "reaffirmed")


def test_the_higher_end_of_a_range_is_no_raise(figs) -> None:
    f = by(figs, "$410 million to $430 million")
    assert f.kind == "guidance" and f.direction == "reaffirmed"


def test_a_segment_cut_stays_with_the_segment(figs) -> None:
    f = by(figs, "$150 million and $160 million")
    assert f.direction == "lowered"


def test_a_raise_that_ends_at_the_high_end_is_a_raise() -> None:
    text = "For fiscal 2026, we are raising again our revenue guide to $8.3 billion, which is now at the high end of our range."
    out = figures_in_sentence(Sentence(0, 0, text), "CFO")
    assert [(f.value, f.direction) for f in out] == [("$8.3 billion", "raised")]


def test_an_expectation_for_the_calls_own_quarter_is_a_result() -> None:
    from summarizer.model import Transcript, Turn
    tr = Transcript(title="Quillon Labs Q4 2025 earnings call", fiscal_quarter=4, fiscal_year=2025,
                    turns=[Turn(speaker="CFO", text=(
        "We expect a GAAP loss of $0.16 per share in the fourth quarter of 2025. "
        "We expect revenue of $210 million to $220 million in the first quarter of 2026."))])
    got = {f.value: (f.kind, f.fiscal_period) for f in extract_figures(tr, sentences_of(tr))}
    assert got["$0.16"] == ("reported", "Q4 2025")  # the quarter is over: a preliminary result, not an outlook
    assert got["$210 million to $220 million"] == ("guidance", "Q1 2026")


def test_a_raise_said_with_all_segments_is_the_companys() -> None:
    from summarizer.model import Transcript, Turn
    tr = Transcript(title="Quillon Labs Q3 2025 earnings call", fiscal_quarter=3, fiscal_year=2025,
                    turns=[Turn(speaker="CFO", text=(
                        "We are raising our full-year revenue outlook today, driven by strong demand and better pricing "
                        "across all of our segments and regions. "
                        "We now expect revenue of $2.10 billion to $2.14 billion for the full year."))])
    got = {f.value: f.direction for f in extract_figures(tr, sentences_of(tr))}
    assert got["$2.10 billion to $2.14 billion"] == "raised"
