"""A result said beside the guidance it beat is a result.

Fictional sentences written for these tests, for what hand checks of real calls found: a quarter's EPS "in excess of
our guidance" and a REIT's FFO "ahead of the top end of our third quarter guidance range" read as guidance (and the
quarter then put a year ahead); a company's name before 'reported' not read as its subject.
"""
from __future__ import annotations

import pytest

from summarizer.figures import CallContext, Figure, figures_in_sentence
from summarizer.figures.periods import CallPeriod
from summarizer.model import Sentence


def figs(text: str, quarter: int) -> list[Figure]:
    return figures_in_sentence(Sentence(0, 0, text), "CFO", context=CallContext(call=CallPeriod(quarter, 2025)))


@pytest.mark.parametrize("text,quarter,value,period", [
    ("Our quarterly earnings per diluted share of $4.12 were both another record and substantially in excess of our "
     "guidance as well as up 21.5% from our prior quarter.", 2, "$4.12", "Q2 2025"),
    ("For the third quarter, Larkmoor reported core FFO per share of $1.87, 12.4% above the prior year and $0.04 ahead "
     "of the top end of our third quarter guidance range.", 3, "$1.87", "Q3 2025"),
    ("In the quarter, Tessaly Foods reported net sales of $912 million, up 6% from last year.", 1, "$912 million",
     "Q1 2025"),
])
def test_a_result_said_against_its_guidance_or_after_the_companys_name_is_reported(text, quarter, value, period) -> None:
    f = next(f for f in figs(text, quarter) if f.value == value)
    assert (f.kind, f.fiscal_period) == ("reported", period)


@pytest.mark.parametrize("text", [
    "We expect GAAP reported revenue growth of 5% to 6% for the full year.",
    "For the full year, we expect reported net sales growth of 5% to 6%.",
])
def test_reported_as_an_accounting_word_in_an_outlook_stays_guidance(text) -> None:
    f = next(f for f in figs(text, 3) if f.value == "5% to 6%")
    assert f.kind == "guidance"


@pytest.mark.parametrize("text,value", [
    ("Accordingly, we are increasing our full year net earnings range to $75 million to $85 million on the back of the "
     "second quarter upside.", "$75 million to $85 million"),
    ("The effective tax rate was 23.9% in the second quarter and going forward, we expect the effective tax rate to be "
     "in the 24% to 26% range.", "24% to 26%"),
])
def test_the_calls_own_quarter_beside_an_outlook_is_not_its_period_a_year_on(text, value) -> None:
    f = next(f for f in figs(text, 2) if f.value == value)
    assert f.kind == "guidance" and f.fiscal_period != "Q2 2026"
    assert f.fiscal_period == "FY 2025" and f.period_inferred


def test_a_target_achieved_in_the_calls_own_quarter_is_that_quarters_result() -> None:
    text = ("We are pleased to report that at the end of the second quarter, we achieved our net leverage ratio target "
            "of 3.4 times, down from 4.1 times at the close of the acquisition.")
    f = next(f for f in figs(text, 2) if f.value == "3.4 times")
    assert (f.kind, f.fiscal_period) == ("reported", "Q2 2025")


def test_a_gaap_loss_with_its_per_share_amount_is_the_net_loss_and_the_loss_per_share() -> None:
    found = {f.value: f for f in figs("The company had a GAAP loss in the fourth quarter of $31.4 million or $1.62 per "
                                      "share.", 4)}
    assert (found["$31.4 million"].metric_key, found["$31.4 million"].amount) == ("net_income_gaap", -31_400_000.0)
    assert (found["$1.62"].metric_key, found["$1.62"].amount) == ("eps_gaap", -1.62)
    assert all(f.kind == "reported" and f.fiscal_period == "Q4 2025" for f in found.values())


@pytest.mark.parametrize("text,key", [
    ("Neither the restructuring charges nor the amortization were included in our adjusted fully diluted earnings "
     "per share for Q3 of $1.52.", "eps_adjusted"),
    ("GAAP fully diluted earnings per share was $1.52 in the quarter.", "eps_gaap"),
])
def test_fully_diluted_keeps_the_accounting_said_before_it(text, key) -> None:
    f = next(f for f in figs(text, 3) if f.value == "$1.52")
    assert f.metric_key == key


@pytest.mark.parametrize("text,key", [
    ("Adjusting for these special items, second-quarter earnings from ongoing operations were $0.21 per share.",
     "eps_adjusted"),
    ("Ongoing earnings were $0.21 per share in the quarter.", "eps_adjusted"),
    ("Today, we announced second-quarter reported earnings of $0.21 per share.", "eps_gaap"),
    ("These settlements reduced the annual revenue requirements we proposed by approximately $0.21 billion.",
     "revenue_requirement_growth"),  # reduced by: the requirement's move, not its level
])
def test_a_utilitys_ongoing_earnings_are_adjusted_and_its_revenue_requirement_is_not_revenue(text, key) -> None:
    f = next(f for f in figs(text, 2) if f.value.startswith("$0.21"))
    assert f.metric_key == key


def test_the_per_share_amount_of_an_item_the_loss_included_is_an_item_not_the_eps() -> None:
    found = {f.value: f for f in figs("The company had a GAAP loss in the fourth quarter of $31.4 million or $1.62 per "
                                      "share, that included a $47.0 million or $2.41 per share non-cash after tax charge, "
                                      "which resulted from terminating a pension plan.", 4)}
    assert found["$1.62"].metric_key == "eps_gaap"
    assert found["$2.41"].metric_key == "eps_gaap_impact"
