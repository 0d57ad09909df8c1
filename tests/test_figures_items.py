"""Key figures: an item in the earnings is not the earnings, and a per-share price or plan variance is no figure.

Written for this project (fictional sentences); guards the label class of issue 9 where a per-share amount that
measures a gain, charge or benefit was shown as the quarter's EPS.
"""
from __future__ import annotations

import pytest

from summarizer.figures import Figure, figures_in_sentence
from summarizer.model import Sentence


def figs(text: str) -> list[Figure]:
    return figures_in_sentence(Sentence(0, 0, text), "CFO")


def by_value(text: str, value: str) -> Figure:
    found = [f for f in figs(text) if f.value == value]
    assert found, (value, [(f.value, f.metric_key) for f in figs(text)])
    return found[0]


@pytest.mark.parametrize("text,value", [
    ("GAAP EPS of $0.61 included a loss on extinguishment of debt of $0.08 per share.", "$0.08"),
    ("The higher tax rate negatively impacted us by $0.04 per share this quarter.", "$0.04"),
    ("Adjusted EPS was $1.12, including a $0.05 per share benefit from the lower tax rate.", "$0.05"),
    ("Results include a noncash after-tax gain of $0.30 per share on the sale of our Tilden stake.", "$0.30"),
])
def test_an_item_in_the_earnings_is_an_impact_not_the_eps(text: str, value: str) -> None:
    f = by_value(text, value)
    assert f.metric_key.startswith("eps") and f.metric_key.endswith("_impact"), f.metric_key


def test_the_eps_beside_an_item_stays_the_eps() -> None:
    text = "Adjusted EPS was $1.12, including a $0.05 per share benefit from the lower tax rate."
    assert by_value(text, "$1.12").metric_key == "eps_adjusted"


@pytest.mark.parametrize("text", [
    "We bought back shares at an average repurchase price of $46.19 per share.",
    "The quarter came in below our internal budget by roughly $0.03 per share.",
])
def test_a_share_price_or_a_variance_against_plan_is_no_eps(text: str) -> None:
    assert not [f for f in figs(text) if f.metric_key.startswith("eps")]


def test_a_dividend_named_after_the_amount() -> None:
    f = by_value("The board declared a $0.358 per share dividend payable in May.", "$0.358")
    assert f.metric_key == "dividend_per_share"


def test_old_range_said_with_when_it_was_given() -> None:
    f = by_value("We are raising our FFO guidance from $10.70 to $10.80 last quarter to $11.55 to $11.65 per share.",
                 "$11.55 to $11.65")
    assert (f.kind, f.direction, f.previous) == ("guidance", "raised", "$10.70 to $10.80")
    assert f.metric_key.startswith("ffo")


def test_an_amount_a_revenue_was_moved_by_is_an_impact() -> None:
    f = by_value("Exchange rates positively impacted our international royalty revenues by $4 million.", "$4 million")
    assert f.metric_key == "revenue_impact"


@pytest.mark.parametrize("text,value,said", [
    ("Interest expense was $18 million, down from $21 million a year ago.", "$18 million", "Interest expense"),
    ("Freight expense rose 4% to $7.2 million.", "$7.2 million", "freight expense"),
])
def test_an_expense_named_in_the_singular_is_a_figure(text: str, value: str, said: str) -> None:
    f = by_value(text, value)
    assert (f.metric_key, f.metric) == ("expenses", said)


def test_gross_margin_in_dollars_is_gross_profit_and_its_share_of_sales_the_margin() -> None:
    text = "In the Pump Systems segment, we expect gross margins to range between $65 million to $75 million."
    f = by_value(text, "$65 million to $75 million")
    assert (f.metric_key, f.scope, f.kind) == ("gross_profit", "Pump Systems", "guidance")
    text = "Gross margin was $412 million, or 38.2% of sales."
    assert by_value(text, "$412 million").metric_key == "gross_profit"
    assert by_value(text, "38.2%").metric_key == "gross_margin"
    assert by_value("Operating income was $96 million, or 12.1% of net sales.", "12.1%").metric_key == "operating_margin"


def test_and_a_joins_no_range_and_a_percent_of_another_thing_is_not_the_metric() -> None:
    out = figs("The rate filing seeks a return on equity of 10.25% and a 52.5% equity ratio.")
    assert [(f.value, f.metric_key) for f in out] == [("10.25%", "roe")]


@pytest.mark.parametrize("text,value,compared", [
    ("Net loss was $10.6 million or $0.27 per share versus net income of $2.2 million or $0.06 per diluted share.",
     "$0.27", "$0.06"),
    ("Net loss was $10.6 million or $0.27 per share versus net income of $2.2 million or $0.06 per diluted share.",
     "$10.6 million", "$2.2 million"),
    ("Net income was $40 million, or $1.10 per share, compared with $35 million, or $0.95 per share, a year ago.",
     "$1.10", "$0.95"),
])
def test_a_comparison_restated_per_share_goes_to_the_per_share_figure(text: str, value: str, compared: str) -> None:
    f = by_value(text, value)
    assert f.compared_to == compared
    assert not [g for g in figs(text) if g.value in ("$0.06", "$0.95")]  # last year's EPS is no figure of its own


@pytest.mark.parametrize("text,value,scope", [
    ("Our contract drilling segment, which includes the Gulf rigs, recorded net income of $32.9 million.",
     "$32.9 million", "contract drilling"),
    ("Varrow's specialty coatings segment posted revenue of $210 million, up 8%.", "$210 million", "specialty coatings"),
    ("We continue to expect full year revenues between $8.7 billion and $8.8 billion for our legacy grid segment.",
     "$8.7 billion and $8.8 billion", "legacy grid"),
])
def test_a_segment_named_as_subject_or_after_for_is_the_scope(text: str, value: str, scope: str) -> None:
    assert by_value(text, value).scope == scope


def test_the_period_before_a_change_said_twice_is_the_figures() -> None:
    f = by_value("As shown, revenue for FY '25 grew 13% or $25.7 million to $224.2 million.", "$224.2 million")
    assert f.period == "FY '25" and f.change_pct == 13.0


def test_a_per_share_restatement_of_an_unnamed_amount_is_no_eps() -> None:
    text = "We estimate that approximately $3 million or $0.06 per share is expected to reverse in the fourth quarter."
    assert not [f for f in figs(text) if f.metric_key.startswith("eps")]
    assert by_value("We earned $27.6 million, or $0.53 per share.", "$0.53").metric_key == "eps_gaap"


def test_a_per_share_restatement_of_equity_or_of_a_charge() -> None:
    f = by_value("At quarter-end, shareholders' equity was $9.1 billion or $38.20 per share.", "$38.20")
    assert (f.metric_key, f.metric) == ("book_value_per_share", "shareholders' equity per share")
    f = by_value("We recorded an after-tax special item charge of $119 million or $0.36 per share.", "$0.36")
    assert f.metric_key == "eps_gaap_impact"


def test_a_comparison_restated_as_a_share_of_sales_goes_to_the_margin() -> None:
    text = ("Gross profit was $20.6 million or 20% of net sales compared with $34.4 million or 27% of net sales "
            "for the prior year period.")
    assert by_value(text, "$20.6 million").compared_to == "$34.4 million"
    f = by_value(text, "20%")
    assert (f.metric_key, f.compared_to) == ("gross_margin", "27%")


@pytest.mark.parametrize("text,key", [("R&D expense was $25 million.", "rnd"), ("SG&A expense was $61 million.", "sga"),
                                      ("G&A costs were $14 million.", "general_admin")])
def test_an_abbreviated_expense_keeps_its_key(text: str, key: str) -> None:
    assert [f.metric_key for f in figs(text)] == [key]


def test_revising_from_a_range_of_is_the_previous_guidance() -> None:
    f = by_value("We are revising our organic revenue growth projection from a range of 5% to 7% to a range of 4% to 7%.",
                 "4% to 7%")
    assert (f.kind, f.previous, f.direction) == ("guidance", "5% to 7%", "lowered")


def test_net_income_attributable_to_common_stock_ends_before_the_verb() -> None:
    f = by_value("Net income attributable to common stock was $174 million or $1.21 per diluted share.", "$1.21")
    assert (f.metric_key, f.metric) == ("eps_gaap", "net income attributable to common stock per diluted share")


@pytest.mark.parametrize("text,value", [
    ("To sum up the quarter, Tavor incurred a loss of $1.13 per diluted share versus a loss of $0.66 last quarter.",
     "$1.13"),
    ("However, GAAP earnings per share was a loss of $0.42 due to the accounting for the licence deal.", "$0.42"),
    ("For the second quarter, we reported a comprehensive loss of $0.98 per common share.", "$0.98"),
])
def test_a_loss_per_share_said_as_the_result_is_the_eps_and_negative(text: str, value: str) -> None:
    f = by_value(text, value)
    assert f.metric_key == "eps_gaap" and f.amount is not None and f.amount < 0


def test_an_exclusion_after_the_range_is_no_item() -> None:
    f = by_value("Diluted EPS is expected to range between $7.43 and $7.58 before restructuring and other charges.",
                 "$7.43 and $7.58")
    assert (f.metric_key, f.kind) == ("eps_gaap", "guidance")


def test_items_inside_an_exclusion_are_not_what_the_eps_measures() -> None:
    text = ("Non-GAAP adjusted net income for the third quarter, excluding the plant outage expenses, idle line expenses "
            "and other nonrecurring income was $0.97 per diluted share.")
    assert by_value(text, "$0.97").metric_key == "eps_adjusted"


@pytest.mark.parametrize("text,value,key", [
    ("Our revenue per diems were up 20% compared to 2019.", "20%", "revenue_per_unit_growth"),
    ("Sales per square foot rose 4.7% to $612.", "$612", "revenue_per_unit"),
])
def test_revenue_per_unit_is_not_the_revenue(text: str, value: str, key: str) -> None:
    assert by_value(text, value).metric_key == key


def test_a_cash_burn_rate_is_not_the_cash_balance() -> None:
    f = by_value("For the third quarter, our cash burn rate was $510 million per month, better than guided.",
                 "$510 million")
    assert (f.metric_key, f.metric) == ("cash_burn", "cash burn rate")


@pytest.mark.parametrize("text,value,key", [
    ("On a non-GAAP basis, net income was $74.8 million or $0.71 per diluted share.", "$0.71", "eps_adjusted"),
    ("So our net income on a non-GAAP basis in the quarter was $74.8 million or $0.71 per diluted share.", "$74.8 million",
     "net_income_adjusted"),
    ("Net income on a GAAP basis in the quarter was $54.6 million or $0.52 per diluted share.", "$0.52", "eps_gaap"),
])
def test_on_a_non_gaap_basis_is_adjusted_not_gaap(text: str, value: str, key: str) -> None:
    assert by_value(text, value).metric_key == key
