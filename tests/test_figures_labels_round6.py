"""A percent move said as a noun is the metric's growth; comparisons keep their own period and their per-share half.

Fictional sentences written for these tests, for what error analysis on ECTSum train found:
- "we announced a 9% increase in our quarterly dividend" read as a dividend *impact* (an item in the dividend);
- "$1.08, matching last year's fourth quarter results" put the quarter's EPS in the year before, and ranked it 15th;
- "compared with earnings of $117.2 million and $1.82 a share" made the year-ago $1.82 the quarter's EPS (ranked 1st);
- "the company earned $101.7 million" named its metric "company earned".
"""
from __future__ import annotations

import pytest

from summarizer.figures import CallContext, Figure, figures_in_sentence
from summarizer.figures.periods import CallPeriod
from summarizer.model import Sentence
from tests.figures_support import one_turn_figures


def figs(text: str) -> list[Figure]:
    return figures_in_sentence(Sentence(0, 0, text), "CFO", context=CallContext(call=CallPeriod(4, 2025)))


@pytest.mark.parametrize("text,key,amount", [
    ("Yesterday, we announced another 9% increase in our quarterly dividend, our 12th increase in a row.",
     "dividend_growth", 9.0),
    ("We delivered a 12% increase in adjusted EPS.", "eps_adjusted_growth", 12.0),
    ("This was partially offset by a 7% decline in new vehicle revenue.", "revenue_growth", -7.0),
    ("These drivers resulted in a 139 basis point increase in our adjusted gross margin.", "gross_margin_adjusted_growth",
     None),
])
def test_a_percent_increase_in_a_metric_is_its_growth(text, key, amount) -> None:
    f = figs(text)[0]
    assert f.metric_key == key
    if amount is not None:
        assert f.amount == amount


def test_an_amount_added_to_a_metric_is_still_an_item_in_it() -> None:
    f = figs("The lower tax rate drove a $0.05 increase in EPS.")[0]
    assert f.metric_key == "eps_gaap_impact"


def test_a_result_matching_last_years_is_this_periods() -> None:
    f = figs("This led to earnings per diluted share of $1.08, matching last year's fourth quarter results and "
             "comfortably ahead of our guidance for the quarter.")[0]
    assert (f.metric_key, f.kind, f.fiscal_period) == ("eps_gaap", "reported", "Q4 2025")


def test_the_per_share_half_of_a_year_ago_comparison_is_no_figure() -> None:
    got = figs("In the fourth quarter, the company earned $101.7 million or $1.60 per share, compared with earnings of "
               "$117.2 million and $1.82 a share reported in the same quarter a year ago.")
    assert [(f.metric_key, f.value, f.metric) for f in got] == [
        ("net_income_gaap", "$101.7 million", "earnings"), ("eps_gaap", "$1.60", "earnings per share")]
    assert "$1.82" in (got[1].change or "") + (got[1].compared_to or "")


def test_a_segment_that_earned_keeps_its_name() -> None:
    f = figs("On the segment profit line, our Brightwater segment earned $164 million in fiscal 2025.")[0]
    assert (f.scope, f.metric) == ("Brightwater", "earnings")


def test_an_insurers_core_income_is_its_adjusted_net_income_and_eps() -> None:
    got = figs("Core income for the quarter was a record $335 million, or $1.23 per share.")
    assert [(f.metric_key, f.value) for f in got] == [("net_income_adjusted", "$335 million"), ("eps_adjusted", "$1.23")]


def test_ffo_as_adjusted_for_special_items_is_adjusted_ffo_per_share() -> None:
    f = figs("Our FFO as adjusted for special items was $0.24 a share for the fourth quarter.")[0]
    assert (f.metric_key, f.kind) == ("ffo_per_share_adjusted", "reported")
    assert f.metric.endswith("per share")


def test_what_a_result_also_included_is_an_item_in_it() -> None:
    got = figs("Net income in 2025 also included reserves for interim rates of $8.3 million or $0.16 per share.")
    assert [f.metric_key for f in got] == ["net_income_gaap_impact", "eps_gaap_impact"]


@pytest.mark.parametrize("text,scope", [
    ("In the second quarter, Harrow Bancorp earned $3.5 billion or $7.62 per diluted common share.", None),
    ("Having earned $46 million in the first half of the year, we expect more.", None),
    ("Our taxable REIT subsidiaries earned $0.32 per share in the quarter.", "taxable REIT subsidiaries"),
    ("The business earned $2.7 billion in the quarter.", None),
])
def test_who_earned_is_the_company_unless_a_segment_word_says_otherwise(text, scope) -> None:
    assert {f.scope for f in figs(text)} == {scope}


@pytest.mark.parametrize("text,key,metric,accounting", [
    ("Today, Tellmark reported 2025 earnings of $3.35 per share.", "eps_gaap", "earnings per share", None),
    ("On a non-GAAP adjusted basis, excluding these items, we reported earnings per share of $0.98.", "eps_adjusted",
     "earnings per share", "adjusted"),
    ("GAAP reported EPS was $1.10.", "eps_gaap", "GAAP reported EPS", "gaap"),
])
def test_reported_after_its_subject_is_the_verb_not_gaaps_adjective(text, key, metric, accounting) -> None:
    f = figs(text)[0]
    assert (f.metric_key, f.metric, f.accounting, f.scope) == (key, metric, accounting, None)


def test_the_period_after_the_first_of_two_amounts_is_the_firsts() -> None:
    got = figs("Capital expenditures were $37 million in the fourth quarter and $74 million for the full year.")
    assert [(f.value, f.fiscal_period) for f in got] == [("$37 million", "Q4 2025"), ("$74 million", "FY 2025")]


def test_billings_are_their_own_metric_not_revenue() -> None:
    f = figs("Q2 billings of $213 million were up 13% year-over-year.")[0]
    assert (f.metric_key, f.value, f.change_pct) == ("billings", "$213 million", 13.0)


def test_a_change_said_quarter_on_quarter_then_the_level_it_came_to() -> None:
    f = figs("Net interest income for the fourth quarter increased by 2% quarter on quarter to $28 million.")[0]
    assert (f.metric_key, f.value, f.change_pct, f.change_basis) == ("net_interest_income", "$28 million", 2.0, "q/q")


@pytest.mark.parametrize("text,value", [
    ("Yesterday, the Board of Directors declared a first quarter 2026 dividend of $0.25 per share, payable on March "
     "17th.", "$0.25"),
    ("Today, we've announced the first quarter 2026 dividend of $0.20 per share payable on April 1.", "$0.20"),
])
def test_a_dividend_declared_now_for_a_later_quarter_is_a_decision_made(text, value) -> None:
    f = next(f for f in figs(text) if f.value == value)
    assert (f.kind, f.fiscal_period) == ("reported", "Q1 2026")


def test_an_outlook_for_a_later_quarter_stays_guidance() -> None:
    f = figs("We raised our first quarter 2026 revenue outlook to $5 million.")[0]
    assert (f.kind, f.fiscal_period) == ("guidance", "Q1 2026")


@pytest.mark.parametrize("text,value,key,accounting", [
    ("On a GAAP basis, we reported $0.56 for the fourth quarter of 2025 compared to a loss of $2.44 a year ago.",
     "$0.56", "eps_gaap", "gaap"),
    ("We earned $0.98 in the quarter, up from $0.80.", "$0.98", "eps_gaap", None),
    ("We had record quarterly earnings of $1.14.", "$1.14", "eps_gaap", None),
])
def test_dollars_and_cents_of_earnings_are_per_share(text, value, key, accounting) -> None:
    f = next(f for f in figs(text) if f.value == value)
    assert (f.metric_key, f.accounting, f.unit) == (key, accounting, "USD/share")


@pytest.mark.parametrize("text,value,key", [
    ("We reported $5.1 billion of revenue.", "$5.1 billion", "revenue"),
    ("Net income was $5.2 million.", "$5.2 million", "net_income_gaap"),
])
def test_amounts_with_a_scale_stay_what_they_name(text, value, key) -> None:
    assert next(f for f in figs(text) if f.value == value).metric_key == key


def test_a_segment_as_subject_after_a_time_lead_in_scopes_the_whole_list() -> None:
    got = figs("For the fourth quarter of 2025, the Fertilizer segment reported operating income of $46 million, net "
               "income of $35 million and EBITDA of $64 million.")
    assert [(f.metric_key, f.scope, f.metric) for f in got] == [
        ("operating_income", "Fertilizer", "operating income"), ("net_income_gaap", "Fertilizer", "net income"),
        ("ebitda", "Fertilizer", "EBITDA")]


def test_a_rate_that_moved_to_a_level_is_that_level() -> None:
    f = figs("Operating margins declined to 4.5% from the prior year's 9.1%.")[0]
    assert (f.metric_key, f.amount, f.change_pct) == ("operating_margin", 4.5, None)
    assert "9.1%" in (f.change or "") + (f.compared_to or "")


def test_an_amount_that_increased_to_a_percent_keeps_it_as_its_move() -> None:
    f = figs("Adjusted EBITDA of $204 million in Q4 increased to 20% compared to last year.")[0]
    assert (f.metric_key, f.value) == ("ebitda_adjusted", "$204 million")


def test_a_mortgage_reits_earnings_available_for_distribution_are_adjusted() -> None:
    f = figs("We generated earnings available for distribution per share of $0.28.")[0]
    assert (f.metric_key, f.accounting) == ("eps_adjusted", "adjusted")


def test_the_values_of_a_look_back_comparison_are_no_figures() -> None:
    got = figs("Core FFO was $0.71 per share, up $0.01 from the preceding third quarter $0.70 per share and up $0.09 "
               "from the prior year's $0.62 per share.")
    assert [(f.metric_key, f.value) for f in got] == [("ffo_per_share_adjusted", "$0.71")]


def test_a_per_share_increase_in_the_dividend_is_the_dividends_growth() -> None:
    f = figs("At its last meeting, the board approved an $0.08 per share increase in our common dividend.")[0]
    assert (f.metric_key, f.amount) == ("dividend_per_share_growth", 0.08)


@pytest.mark.parametrize("text,key", [
    ("EBITDA is expected to grow despite incremental inflation headwinds of $230 million to $250 million.",
     "ebitda_impact"),
    ("Our revenue grew 4% despite currency headwinds.", "revenue_growth"),
])
def test_headwinds_named_before_an_amount_make_it_an_item(text, key) -> None:
    assert figs(text)[0].metric_key == key


def test_a_metric_abbreviation_is_never_a_business() -> None:
    f = figs("For the first quarter of 2026, our estimated EPS-our adjusted EPS estimate is $0.78.")[0]
    assert (f.metric_key, f.scope) == ("eps_adjusted", None)


def test_the_per_share_half_of_a_change_is_the_change_not_an_eps() -> None:
    got = figs("Net earnings of $196.2 million or $3.57 per diluted share increased $16.5 million or $0.29 per share "
               "from last year.")
    assert [f.value for f in got] == ["$196.2 million", "$3.57"]
    assert "$0.29" in "".join(f.change or "" for f in got)


def test_a_period_an_assumption_names_is_not_the_outlooks() -> None:
    f = next(f for f in figs("We now expect a GAAP EPS range of $1.80 to $2.10 for the full year, and an adjusted EPS "
                             "range of $0.55 to $0.85, assuming no extraordinary weather events in the fourth quarter of "
                             "2025.") if f.value == "$0.55 to $0.85")
    assert f.fiscal_period != "Q4 2025"


def test_earnings_available_for_distribution_without_per_share_words_are_adjusted_eps() -> None:
    f = figs("We generated earnings available for distribution of $0.28, unchanged from the prior quarter.")[0]
    assert (f.metric_key, f.accounting) == ("eps_adjusted", "adjusted")


def test_a_bound_is_no_total_a_stated_figure_is_part_of() -> None:
    figs6 = one_turn_figures("We are one of only eight companies in our index with revenues approaching $14 billion. "
                             "On a consolidated basis, revenue increased 5% in the quarter to $3.2 billion.",
                             "Quarrystone Payments", 1, 2026)
    f = next(f for f in figs6 if f.value == "$3.2 billion")
    assert (f.metric_key, f.fiscal_period) == ("revenue", "Q1 2026")


def test_new_sales_are_bookings_and_a_comparison_with_an_earlier_quarter_is_no_figure() -> None:
    assert figs("New sales were up 39% over the fourth quarter of 2024.")[0].metric_key == "bookings_growth"
    got = figs("Run rate synergies grew 50% over the third quarter's $200 million.")
    assert "$200 million" not in {f.value for f in got}
