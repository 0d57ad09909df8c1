"""Ranges said as the new guidance, outlook lines with their verb left out, and the street's estimates.

Fictional sentences written for these tests, for what error analysis on ECTSum train found:
- "EPS was updated to a range from $3.46 to $3.54" gave no figure at all: the range was read as the previous one;
- "from $3.40 to $3.50 to a range of $3.46 to $3.54" gave $3.50 raised from $3.40;
- "in the range of $2.55 and $2.65" was two figures, each a bare number;
- "Adjusted EBITDA to be between ... and earnings per share to be $0.58" (an outlook list with its verb left out)
  and "are estimated in the $1.55 to $1.70 range" read as results;
- "beating the consensus estimate of $0.23 per share" made the quarter's EPS (and the street's number) guidance.
"""
from __future__ import annotations

import pytest

from summarizer.figures import CallContext, Figure, figures_in_sentence
from summarizer.figures.periods import CallPeriod
from summarizer.model import Sentence


def figs(text: str, quarter: int = 2) -> list[Figure]:
    return figures_in_sentence(Sentence(0, 0, text), "CFO", context=CallContext(call=CallPeriod(quarter, 2025)))


def one(text: str, value: str, quarter: int = 2) -> Figure:
    got = [f for f in figs(text, quarter) if f.value == value]
    assert len(got) == 1, [(f.metric_key, f.value) for f in figs(text, quarter)]
    return got[0]


def test_a_range_the_guidance_was_updated_to_is_the_guidance() -> None:
    text = ("Diluted EPS was updated to a range from $2.14 to $2.22 and core FFO per share was updated to a range from "
            "$4.61 to $4.69.")
    eps, ffo = one(text, "$2.14 to $2.22"), one(text, "$4.61 to $4.69")
    assert (eps.metric_key, eps.kind, eps.previous) == ("eps_gaap", "guidance", None)
    assert (ffo.metric_key, ffo.kind, ffo.previous) == ("ffo_per_share_adjusted", "guidance", None)


@pytest.mark.parametrize("middle", ["to a range of", "to a range from", "to a new range of"])
def test_an_old_range_then_a_named_new_range_are_previous_and_value(middle) -> None:
    f = one(f"We are raising our EPS guidance from $1.10 to $1.20 {middle} $1.25 to $1.32.", "$1.25 to $1.32")
    assert (f.kind, f.direction, f.previous) == ("guidance", "raised", "$1.10 to $1.20")
    assert (f.amount, f.amount_high) == (1.25, 1.32)
    assert not [g for g in figs(f"We are raising our EPS guidance from $1.10 to $1.20 {middle} $1.25 to $1.32.")
                if g.value in ("$1.20", "$1.10")]


def test_a_move_from_one_result_to_another_is_still_a_change() -> None:
    f = one("Quarterly revenue grew from $10 million to $12 million.", "$12 million")
    assert f.kind == "reported" and f.change == "from $10 million" and f.amount == 12e6


@pytest.mark.parametrize("text,value,low,high", [
    ("For the full year, we expect net sales to be in the range of $2.55 billion and $2.65 billion.",
     "$2.55 billion and $2.65 billion", 2.55e9, 2.65e9),
    ("Adjusted EBITDA margin should be in the range of 23% and 24%.", "23% and 24%", 23.0, 24.0),
])
def test_in_the_range_of_one_number_and_another_is_one_range(text, value, low, high) -> None:
    f = one(text, value)
    assert (f.kind, f.amount, f.amount_high) == ("guidance", low, high)


def test_range_of_and_outside_a_range_joins_nothing() -> None:
    got = {f.value for f in figs("Revenue was in the range of $5 million and gross margin was 20%.")}
    assert got == {"$5 million", "20%"}


@pytest.mark.parametrize("text,value,key", [
    ("Adjusted EBITDA to be between $41 million and $43 million, and earnings per share to be $0.37.", "$0.37",
     "eps_gaap"),
    ("Adjusted EBITDA to be between $41 million and $43 million, and earnings per share to be $0.37.",
     "$41 million and $43 million", "ebitda_adjusted"),
    ("Net sales to be up low single digits to the 2023 level of $1.4 billion.", "$1.4 billion", "revenue"),
    ("And the tax rate to be in the low 20s, around 22%.", "22%", "tax_rate"),
    ("Adjusted earnings per diluted share are estimated in the $1.05 to $1.15 range.", "$1.05 to $1.15", "eps_adjusted"),
])
def test_an_outlook_line_with_its_verb_left_out_is_guidance(text, value, key) -> None:
    f = one(text, value)
    assert (f.metric_key, f.kind) == (key, "guidance")


@pytest.mark.parametrize("text,value", [
    ("Gross margin turned out to be 41.2% in the quarter.", "41.2%"),
    ("The tax rate continues to be 21%.", "21%"),
    ("We reported net income of about $99 million, $98.8 million to be exact, or $1.06 per share.", "$1.06"),
    ("We have $9.8 million of deferred fees on these loans that remain to be recognized.", "$9.8 million"),
    ("And when adjusted for related offsets, we estimate the full year impact of the storm to be roughly $0.40 on "
     "adjusted EPS.", "$0.40"),
])
def test_to_be_after_a_verb_or_a_subject_is_no_outlook(text, value) -> None:
    assert one(text, value, quarter=4).kind == "reported"


@pytest.mark.parametrize("text,eps,street", [
    ("In the fourth quarter, net income of $25.7 million drove earnings per share of $0.27, beating the consensus "
     "estimate of $0.23 per share.", "$0.27", "$0.23"),
    ("Revenue of $5.1 billion topped the Street estimate of $4.9 billion.", "$5.1 billion", "$4.9 billion"),
    ("Adjusted EPS of $1.10 missed consensus of $1.20.", "$1.10", "$1.20"),
])
def test_a_result_against_the_streets_estimate_is_reported_and_the_estimate_no_figure(text, eps, street) -> None:
    got = figs(text, quarter=4)
    f = next(f for f in got if f.value == eps)
    assert f.kind == "reported"
    assert street not in {g.value for g in got}
    assert street in (f.change or "") + (f.compared_to or "")
