"""What was issued is not guidance given; an outlook moved "by 1 point and EPS by $0.33" moved EPS by $0.33; a
headwind "of 10 basis points to margins and $0.04 per share" is a headwind on EPS too.

Fictional sentences written for these tests, for what reading the figures of real calls found:
- "we issued $700 million of senior notes ... and repurchased ..." read "we issued" as guidance the company had given,
  so the notes showed as a change "vs guidance" (or as guided expenses);
- "lowered our outlook for organic growth by 1 point and EPS by $0.33" listed an EPS of $0.33;
- "raising our operating margin outlook by 50 basis points" listed an operating margin growth outlook;
- "a headwind of 10 basis points to margins and $0.04 per share" listed a GAAP EPS of $0.04.
"""
from __future__ import annotations

import pytest

from summarizer.figures import CallContext, Figure, figures_in_sentence
from summarizer.figures.periods import CallPeriod
from summarizer.model import Sentence


def figs(text: str, quarter: int = 4, year: int = 2025) -> list[Figure]:
    return figures_in_sentence(Sentence(0, 0, text), "CFO", context=CallContext(call=CallPeriod(quarter, year)))


def one(text: str, value: str) -> Figure:
    found = [f for f in figs(text) if f.value == value]
    assert len(found) == 1, [(f.metric_key, f.value) for f in figs(text)]
    return found[0]


# --- issued is not "the guidance we issued" ---------------------------------------------------------------------

@pytest.mark.parametrize("text,value,key", [
    ("We issued $300 million of senior notes and repurchased $50 million of stock.", "$300 million", "debt_issued"),
    ("We issued $300 million of senior notes and repurchased $50 million of stock.", "$50 million", "buyback"),
    ("In the quarter, we issued $450 million of first mortgage bonds at a coupon of 3.1%.", "$450 million", "debt_issued"),
])
def test_an_amount_issued_is_no_comparison_with_guidance(text, value, key) -> None:
    f = one(text, value)
    assert (f.metric_key, f.kind, f.change_basis, f.change) == (key, "reported", None, None)


@pytest.mark.parametrize("text,value", [
    ("Revenue of $50 million was above the guidance we provided.", "$50 million"),
    ("EPS of $1.10 was better than the range we provided last quarter.", "$1.10"),
])
def test_the_guidance_we_provided_is_still_past_guidance(text, value) -> None:
    f = one(text, value)
    assert f.kind == "reported" and f.metric_key in ("revenue", "eps_gaap")


def test_the_guidance_we_issued_still_marks_a_beat() -> None:
    f = one("Adjusted EPS of $0.92 came in $0.04 above the guidance we issued in July.", "$0.92")
    assert f.metric_key == "eps_adjusted" and f.kind == "reported"


# --- an outlook moved by an amount, after a first move ----------------------------------------------------------

def test_eps_moved_after_a_first_move_by_points_is_the_outlook_change() -> None:
    f = one("As a result, we lowered our outlook for organic growth by 1 point and EPS by $0.33.", "$0.33")
    assert (f.metric_key, f.kind, f.direction, f.amount, f.change) == \
        ("eps_gaap_guidance_change", "guidance", "lowered", -0.33, "$0.33")


def test_raised_after_a_first_move_is_positive_and_keeps_the_accounting() -> None:
    text = "We raised our guidance for revenue growth by 2 percentage points and adjusted EPS by $0.10."
    eps = one(text, "$0.10")
    assert (eps.metric_key, eps.amount, eps.direction) == ("eps_adjusted_guidance_change", 0.10, "raised")
    growth = one(text, "2 percentage points")
    assert growth.metric_key == "revenue_growth_guidance_change" and growth.direction == "raised"


def test_a_results_move_after_a_first_move_is_signed_by_its_verb() -> None:
    f = one("These impacts lowered operating margins by 2.4 percentage points and earnings per share by $0.33 year "
            "on year.", "$0.33")
    assert f.metric_key == "eps_gaap_growth" and f.amount == -0.33 and f.kind == "reported"


def test_the_metric_word_growth_does_not_sign_a_move_past_a_first_move() -> None:
    # "growth" stands between the verb and the amount: the verb, not the metric, says which way
    f = one("We reduced our outlook for sales growth by 2% and EPS by $0.15.", "$0.15")
    assert f.amount == -0.15 and f.direction == "lowered"


@pytest.mark.parametrize("text,value,key", [
    ("We are raising our operating margin outlook by 50 basis points.", "50 basis points",
     "operating_margin_guidance_change"),
    ("We raised our full-year guidance for organic growth by 1 point.", "1 point",
     "organic_revenue_growth_guidance_change"),
])
def test_a_rate_outlook_moved_by_points_is_a_change_of_that_outlook(text, value, key) -> None:
    f = one(text, value)
    assert (f.metric_key, f.kind, f.direction) == (key, "guidance", "raised")


def test_a_plain_outlook_move_by_an_amount_is_unchanged() -> None:
    f = one("We lowered our EPS outlook by $0.10.", "$0.10")
    assert (f.metric_key, f.amount, f.direction) == ("eps_gaap_guidance_change", -0.10, "lowered")


# --- one impact, two measures -----------------------------------------------------------------------------------

@pytest.mark.parametrize("text,value,amount", [
    ("Foreign currency was a headwind of 10 basis points to margins and $0.04 per share year on year.", "$0.04", -0.04),
    ("Pricing was a benefit of 30 basis points to gross margin and $0.05 per share.", "$0.05", 0.05),
    ("The storm had an impact of $12 million on revenue and $0.03 per share.", "$0.03", 0.03),
])
def test_a_second_measure_of_an_impact_is_an_impact(text, value, amount) -> None:
    f = one(text, value)
    assert f.metric_key == "eps_gaap_impact" and f.amount == amount


def test_the_anticipated_tailwind_in_operating_income_is_no_operating_income_outlook() -> None:
    f = one("The tailwind from currency translation is now roughly 3.5 points to sales growth and $35 million in "
            "operating income for the year.", "$35 million")
    assert f.metric_key == "operating_income_impact"


@pytest.mark.parametrize("text,value,key", [
    ("The hurricane impacted revenue by $5 million and EPS was $1.10.", "$1.10", "eps_gaap"),
    ("Revenue was $1.2 billion, up 5% on the prior year, and adjusted EPS was $0.88.", "$0.88", "eps_adjusted"),
])
def test_a_result_after_an_impact_is_still_the_result(text, value, key) -> None:
    assert one(text, value).metric_key == key
