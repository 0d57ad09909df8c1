"""Key figures, round 3 of issue 9: classes found by hand-checking real calls, written here as fictional sentences.

A period no fiscal quarter names (months, a horizon of years) is the figure's period as said, never the call's
quarter by inference; an included amount of a kind of a metric is that kind, a part; a buyback said as shares for an
amount keeps the amount; a restated result keeps the period said with the first; volumes are not revenue; a bank's
noninterest revenue is not its revenue.
"""
from __future__ import annotations

import pytest

from summarizer.figures import CallContext, Figure, figures_in_sentence
from summarizer.figures.periods import CallPeriod
from summarizer.model import Sentence
from summarizer.figures.render import metric_label


def figs(text: str, quarter: int = 4, year: int = 2025) -> list[Figure]:
    return figures_in_sentence(Sentence(0, 0, text), "CFO", context=CallContext(call=CallPeriod(quarter, year)))


def by_value(text: str, value: str, quarter: int = 4, year: int = 2025) -> Figure:
    found = [f for f in figs(text, quarter, year) if f.value == value]
    assert found, (value, [(f.value, f.metric_key) for f in figs(text, quarter, year)])
    return found[0]


@pytest.mark.parametrize("text,value,period", [
    ("Brindle's GMV in January and February increased by more than 30% compared with the GMV in the fourth quarter "
     "of last year.", "30%", "in January and February"),
    ("Comparable sales increased 6.5% in May, 4.9% in June and 3.2% in July.", "6.5%", "in May"),
    ("Comparable sales increased 6.5% in May, 4.9% in June and 3.2% in July.", "4.9%", "in June"),
    ("Comparable sales increased 6.5% in May, 4.9% in June and 3.2% in July.", "3.2%", "in July"),
    ("We plan capital investments of approximately $2.4 billion over the next five years.", "$2.4 billion",
     "over the next five years"),
    ("We remain committed to our long-term objective of annual EPS growth of 4% to 6%.", "4% to 6%", "long-term"),
])
def test_a_period_no_fiscal_quarter_names_is_kept_as_said_and_not_inferred(text: str, value: str, period: str) -> None:
    f = by_value(text, value)
    assert f.period == period
    assert f.fiscal_period is None and not f.period_inferred


def test_the_comparison_period_is_never_the_figures_and_a_plain_figure_still_gets_the_calls_quarter() -> None:
    f = by_value("Brindle's GMV in January and February increased by more than 30% compared with the GMV in the "
                 "fourth quarter of last year.", "30%")
    assert f.fiscal_period != "Q4 2024" and "fourth quarter" not in (f.period or "")
    g = by_value("Revenue was $412 million, up 8%.", "$412 million")
    assert g.fiscal_period == "Q4 2025" and g.period_inferred
    h = by_value("Long-term debt was $1.2 billion.", "$1.2 billion")  # a balance, not a horizon
    assert h.fiscal_period == "Q4 2025"


@pytest.mark.parametrize("text,value,label,key", [
    ("It includes 1.4 billion euros in emerging business expenses such as the electric ferry program.", "1.4 billion euros",
     "emerging business expenses", "expenses_part"),
    ("Operating expenses included $6 million of restructuring costs.", "$6 million", "restructuring costs",
     "expenses_part"),
])
def test_an_included_amount_of_a_named_kind_is_that_kind_and_a_part(text: str, value: str, label: str,
                                                                      key: str) -> None:
    f = by_value(text, value)
    assert f.metric == label and f.metric_key == key
    assert metric_label(f) == label  # said by the sentence: no "(a part the sentence does not name)" note


def test_an_included_amount_of_the_bare_metric_stays_an_impact() -> None:
    f = by_value("This outlook includes $5 million of revenue from the Tallis acquisition.", "$5 million")
    assert f.metric_key == "revenue_impact"


@pytest.mark.parametrize("text,value", [
    ("During the quarter, we repurchased 2.1 million shares of our common stock for $318 million and paid a "
     "quarterly dividend of $0.41 per share.", "$318 million"),
    ("We repurchased 1.1 million shares at a total cost of $45 million.", "$45 million"),
])
def test_shares_repurchased_for_an_amount_give_the_buyback_amount(text: str, value: str) -> None:
    assert by_value(text, value).metric_key == "buyback"


def test_the_dividend_after_a_buyback_keeps_its_own_per_share_amount() -> None:
    text = ("During the quarter, we repurchased 2.1 million shares of our common stock for $318 million and paid a "
            "quarterly dividend of $0.41 per share.")
    assert by_value(text, "$0.41").metric_key == "dividend_per_share"


@pytest.mark.parametrize("text", [
    "Today Corvane reported 2025 earnings of $2.84 per share or net income of $151.3 million.",
    "This morning we reported full year 2025 earnings of $2.84 per share on net income of $151.3 million.",
])
def test_a_restated_result_keeps_the_period_said_with_the_first(text: str) -> None:
    f = by_value(text, "$151.3 million")
    assert f.metric_key == "net_income_gaap"
    assert f.fiscal_period == "FY 2025" and not f.period_inferred


def test_a_result_after_or_with_its_own_period_keeps_it() -> None:
    f = by_value("Full year 2025 EPS was $2.84, or fourth quarter net income of $40 million.", "$40 million")
    assert f.fiscal_period == "Q4 2025"


def test_a_volume_in_physical_units_is_no_revenue_and_no_customer_count() -> None:
    text = ("Industrial sales are expected to range between 5 million to 5.5 million megawatt hours, which reflects "
            "production from our mining customers of approximately 31 million tons.")
    got = figs(text)
    f = next(f for f in got if f.value.startswith("5 million"))
    assert f.metric_key == "volume" and f.unit == "megawatt hours" and "sales" in f.metric
    assert all(f.metric_key not in ("revenue", "customers") for f in got), [(f.value, f.metric_key) for f in got]


@pytest.mark.parametrize("text,value,key", [
    ("Adjusted noninterest revenue of $96 million rose $3 million from the prior quarter.", "$96 million",
     "noninterest_income_adjusted"),
    ("Non-interest income was $74 million.", "$74 million", "noninterest_income"),
    ("Net interest income was $310 million and fee income $52 million.", "$310 million", "net_interest_income"),
    ("Net interest income was $310 million and fee income $52 million.", "$52 million", "noninterest_income"),
])
def test_a_banks_noninterest_revenue_is_not_its_revenue(text: str, value: str, key: str) -> None:
    assert by_value(text, value).metric_key == key


@pytest.mark.parametrize("text,quarter,period", [
    ("Year-to-date through Q2, we generated cash flow from operations totaling $1.4 billion.", 2, "H1 2025"),
    ("Year-to-date through the third quarter, revenue was $9.2 million.", 4, "9M 2025"),
    ("Year-to-date revenue was $9.2 million.", 3, "9M 2025"),
])
def test_year_to_date_through_a_quarter_ends_with_that_quarter(text: str, quarter: int, period: str) -> None:
    got = [f for f in figs(text, quarter) if f.value.startswith("$")]
    assert got and got[0].fiscal_period == period, [(f.value, f.fiscal_period) for f in got]


def test_two_figures_compared_with_two_values_pair_in_order() -> None:
    text = ("Diluted earnings per share were $2.12 or $2.20 on an adjusted basis and increased from $1.74 or $1.81 "
            "adjusted per share from the same period in 2024.")
    got = {f.value: f for f in figs(text)}
    assert got["$2.12"].metric_key == "eps_gaap" and got["$2.12"].compared_to == "$1.74"
    assert got["$2.20"].metric_key == "eps_adjusted" and got["$2.20"].compared_to == "$1.81"
    assert "$1.81" not in got and "$1.74" not in got  # last year's values are comparisons, not figures


def test_notes_repurchased_or_issued_are_no_buyback_and_their_due_year_no_period() -> None:
    text = ("During the quarter we issued $600 million of 6.25% senior notes due 2031, and used the proceeds to "
            "repurchase an aggregate of $480 million of senior notes due in 2026.")
    got = {f.value: f for f in figs(text)}
    assert got["$480 million"].metric_key == "debt_repaid" and got["$480 million"].kind == "reported"
    assert got["$480 million"].fiscal_period == "Q4 2025"  # the quarter: 2026 is when the notes fell due
    assert got["$600 million"].metric_key == "debt_issued"
    assert by_value("We repurchased $200 million of our shares in 2025.", "$200 million").metric_key == "buyback"


def test_a_range_of_points_after_by_is_one_range() -> None:
    f = by_value("We expect supply constraints to limit third quarter revenue growth by 3 to 5 percentage points.",
                 "3 to 5 percentage points", quarter=2)
    assert f.kind == "guidance" and f.fiscal_period == "Q3 2025"


def test_a_loss_restated_as_a_negative_per_share_amount_is_the_eps_not_a_change() -> None:
    got = {f.value: f for f in figs("We recorded a net loss of $41 million for the fourth quarter or a negative "
                                    "$0.27 per share.")}
    assert got["$41 million"].amount == -41_000_000 and got["$41 million"].change is None
    assert got["$0.27"].metric_key == "eps_gaap" and got["$0.27"].amount == -0.27


@pytest.mark.parametrize("text,value,key,label", [
    ("Our Gulf assets generated field level EBITDA per BOE of $27 in the quarter.", "$27", "ebitda_per_unit",
     "EBITDA per BOE"),
    ("Lease operating expense per BOE was $7.90.", "$7.90", "expenses_per_unit", "lease operating expense per BOE"),
])
def test_a_metric_per_physical_unit_is_no_total(text: str, value: str, key: str, label: str) -> None:
    f = by_value(text, value)
    assert (f.metric_key, f.metric) == (key, label)


@pytest.mark.parametrize("text,value,key", [
    ("Our NII sensitivity is estimated at an increase of 5.5% for a 1% immediate increase in rates.", "5.5%",
     "net_interest_income_sensitivity"),
    ("A 100 basis point rise in rates would add about $35 million to net interest income.", "$35 million",
     "net_interest_income_sensitivity"),
])
def test_what_a_move_in_rates_would_do_is_a_sensitivity_not_a_result_or_outlook(text: str, value: str,
                                                                                 key: str) -> None:
    f = by_value(text, value)
    assert f.metric_key == key and f.metric.endswith("sensitivity")


def test_a_result_beside_rates_that_rose_is_no_sensitivity() -> None:
    assert by_value("Net interest income rose 4% to $310 million as rates increased.", "$310 million").metric_key == \
        "net_interest_income"


def test_a_volume_said_in_money_stays_a_figure() -> None:
    f = by_value("Closed loan volume was $84 billion.", "$84 billion")  # volumes in tons take nothing from money
    assert f.metric_key == "volume" and f.currency == "USD"


def test_what_a_constraint_takes_off_growth_is_an_impact_not_the_growth() -> None:
    f = by_value("We expect supply constraints will limit third quarter revenue growth versus the prior year quarter "
                 "by 3 to 5 percentage points.", "3 to 5 percentage points", quarter=2)
    assert f.metric_key == "revenue_impact"
    g = by_value("Gross margin improved by 120 basis points.", "120 basis points")
    assert g.metric_key == "gross_margin_growth"


def test_mid_to_high_20_percent_is_approximate_and_stays_out_of_the_flash() -> None:
    from summarizer.flash import lines_from_figures
    f = by_value("Orders suggest third quarter revenue growth in the mid to high 20% range compared to the prior year "
                 "quarter.", "20%", quarter=2)
    assert f.approx == "mid to high"  # "20%" alone would understate "the mid to high 20s"
    assert not lines_from_figures([f], CallPeriod(2, 2025))
