"""How far one number is from another is a change, not a level; debt paid off is not the debt; the call's own
materials are not its earnings; one statement is listed once.

Fictional sentences written for these tests, for what reading the figures of real calls found:
- "exceeding our dividend by $0.06 per share" listed a dividend of $0.06;
- "adjusted EPS was $0.35 above our Q1 2020 results" listed an adjusted EPS of $0.35;
- "repaying an additional $2.2 billion of debt" listed the company's debt as $2.2 billion;
- "slide 18 of our earnings presentation, ... an adjustment of $92 million" listed earnings of $92 million;
- "a loss of $1.24 in adjusted operating EPS" and "adjusted operating EPS was a loss of $1.24 per share" were listed
  as two figures;
- "$1.5 billion above our minimum balance" showed as a change of "$1.5 billion above", losing what it is above.
"""
from __future__ import annotations

import pytest

from summarizer.figures import CallContext, Figure, figures_in_sentence
from summarizer.figures.periods import CallPeriod
from summarizer.model import Sentence
from tests.figures_support import by, one_turn_figures


def figs(text: str, quarter: int = 2, year: int = 2026) -> list[Figure]:
    return figures_in_sentence(Sentence(0, 0, text), "CFO", context=CallContext(call=CallPeriod(quarter, year)))


def values(text: str) -> list[tuple[str, str]]:
    return [(f.metric_key, f.value) for f in figs(text)]


@pytest.mark.parametrize("text,gone", [
    ("We generated distributable earnings of $0.41 per share, exceeding our dividend by $0.06 per share.", "$0.06"),
    ("Funds from operations are expected to exceed capital expenditures by roughly $180 million.", "$180 million"),
    ("Adjusted EPS of $1.12 beat the consensus by $0.07.", "$0.07"),
    ("Net sales topped the high end of our outlook by $14 million.", "$14 million"),
])
def test_how_far_one_number_passed_another_is_no_figure(text, gone) -> None:
    assert all(f.value != gone for f in figs(text)), values(text)


def test_the_number_that_passed_stays_a_figure() -> None:
    f = by(figs("We generated distributable earnings of $0.41 per share, exceeding our dividend by $0.06 per share."),
           "$0.41")
    assert f.metric_key == "eps_adjusted" and f.amount == 0.41


@pytest.mark.parametrize("text,value,key,amount", [
    ("For comparative purposes, our second quarter adjusted earnings per share was $0.35 above our Q2 2025 results.",
     "$0.35", "eps_adjusted_growth", 0.35),
    ("Adjusted EPS was $0.12 lower than last year.", "$0.12", "eps_adjusted_growth", -0.12),
    ("The provision for credit losses was $40 million lower than the prior year, mainly due to a reserve release.",
     "$40 million", "credit_loss_provision_growth", -40e6),
])
def test_an_amount_above_or_below_another_period_is_a_move_not_a_level(text, value, key, amount) -> None:
    f = by(figs(text), value)
    assert f.metric_key == key
    assert f.amount == pytest.approx(amount)


def test_a_level_said_with_of_and_above_guidance_stays_the_level() -> None:
    f = by(figs("We generated revenue of $4.2 billion above the high end of our guidance."), "$4.2 billion")
    assert f.metric_key == "revenue" and f.amount == 4.2e9 and f.kind == "reported"


@pytest.mark.parametrize("text,value,change,basis", [
    ("Holding company liquidity stood at $2.9 billion, $1.1 billion above our minimum balance, excluding the bond.",
     "$2.9 billion", "$1.1 billion above our minimum balance", None),
    ("Core FFO per share of $1.64 was $0.05 per share ahead of the midpoint of our guidance.",
     "$1.64", "$0.05 per share ahead of the midpoint of our guidance", "vs guidance"),
    ("While net debt of $587 million was $43 million above Q2 2025 results, leverage stayed at 1.9 times.",
     "$587 million", "$43 million above Q2 2025 results", "y/y"),
    ("Store margin of 23.5% was 400 basis points higher than the 19.5% we reported last year.",
     "23.5%", "400 basis points higher than the 19.5% we reported last year", None),
])
def test_a_change_says_what_it_is_set_against(text, value, change, basis) -> None:
    f = by(figs(text), value)
    assert f.change == change  # once, the comparison inside it not repeated
    if basis is not None:
        assert f.change_basis == basis


@pytest.mark.parametrize("text,value", [
    ("We continued to apply free cash flow toward reducing debt, repaying an additional $2.2 billion of debt in the "
     "quarter.", "$2.2 billion"),
    ("This charge is mostly related to redeeming $650 million of senior notes.", "$650 million"),
    ("We then prioritized the retirement of an initial $5 billion of debt.", "$5 billion"),
])
def test_debt_paid_off_is_not_the_debt(text, value) -> None:
    f = by(figs(text), value)
    assert f.metric_key == "debt_repaid"


def test_the_debt_itself_is_still_debt() -> None:
    assert by(figs("Total debt was $3.5 billion at quarter end."), "$3.5 billion").metric_key == "debt"


@pytest.mark.parametrize("text", [
    "As shown on slide 18 of our earnings presentation, the quarter reflected a onetime adjustment of $92 million.",
    "Segment EBITDA, which is defined in our quarterly earnings supplement, was $186 million in the quarter.",
    "As noted in our earnings materials, we recorded $12 million of severance.",
])
def test_the_calls_own_materials_are_not_its_earnings(text) -> None:
    assert all(not f.metric_key.startswith(("net_income", "earnings", "eps")) for f in figs(text)), values(text)


def test_an_eps_said_with_and_without_per_share_is_listed_once() -> None:
    fs = one_turn_figures("Last night, we reported a loss of $1.24 in adjusted operating EPS. Adjusted operating EPS "
                          "was a loss of $1.24 per share, which includes storm impacts of $0.31 per share.",
                          "Corvel Re", 2, 2026)
    eps = [f for f in fs if f.metric_key == "eps_adjusted"]
    assert len(eps) == 1 and eps[0].amount == -1.24


# The same reading on a second round of real calls (fictional sentences again):
# - "GAAP earnings were $0.22 per share or 33.3% higher than the second quarter of 2025" listed an EPS of $0.22
#   (the move said twice, as an amount and a percent), and the next clause took its year from that comparison;
# - "H&P incurred a loss of $0.74 per diluted share" was labelled "earnings per diluted share";
# - "these select items constituted a loss of $0.44 per diluted share" listed a second EPS;
# - "The company reported total revenues" named the metric "company reported total revenues";
# - "Cash taxes during the quarter of $11.9 million" listed the company's cash;
# - "a $0.01 per quarter increase in our dividend" listed a dividend of $0.01;
# - "reducing net debt by nearly $3 billion" listed net debt of $3 billion;
# - "collected revenues in the fourth quarter and full fiscal year of $10 million and $34 million" listed the
#   company's year's revenues as $34 million in a call whose quarter's revenues were $344 million.

@pytest.mark.parametrize("text,value,key,amount", [
    ("The GAAP earnings results were $0.22 per share or 33.3% higher than the second quarter of 2025 GAAP earnings "
     "results.", "$0.22", "eps_gaap_growth", 0.22),
    ("Net income was $4.1 million or 12% lower than the prior year.", "$4.1 million", "net_income_gaap_growth", -4.1e6),
])
def test_an_amount_or_percent_higher_is_the_move(text, value, key, amount) -> None:
    f = by(figs(text), value)
    assert f.metric_key == key and f.amount == pytest.approx(amount)
    assert f.change_pct is not None and abs(f.change_pct) in (33.3, 12.0)


def test_a_level_of_an_amount_or_percent_lower_stays_the_level() -> None:
    f = by(figs("Fourth quarter net sales of $288.6 million or 3.8% lower than the prior year quarter."), "$288.6 million")
    assert f.metric_key == "revenue" and f.amount == 288.6e6 and f.change_pct == -3.8


def test_a_comparisons_year_is_not_the_next_clauses_period() -> None:
    fs = figs("The GAAP earnings results were $0.22 per share or 33.3% higher than the second quarter of 2025 GAAP "
              "earnings results, and $0.12 per share or 15.8% better on an operating basis.")
    assert by(fs, "$0.12").fiscal_period == "Q2 2026"


@pytest.mark.parametrize("text,value,said,amount", [
    ("To sum up the fourth quarter, Ridgeline incurred a loss of $0.74 per diluted share.", "$0.74",
     "loss per diluted share", -0.74),
    ("For the year as a whole, we incurred a loss of $3.04 per diluted share.", "$3.04", "loss per diluted share",
     -3.04),
])
def test_a_loss_per_share_is_called_a_loss(text, value, said, amount) -> None:
    f = by(figs(text), value)
    assert f.metric == said and f.metric_key == "eps_gaap" and f.amount == amount


def test_items_that_were_a_loss_are_an_item_in_the_eps() -> None:
    f = by(figs("Collectively, these select items constituted a loss of $0.44 per diluted share."), "$0.44")
    assert f.metric_key == "eps_gaap_impact" and f.amount == -0.44


def test_the_company_reported_is_a_verb_not_the_metric() -> None:
    f = by(figs("The company reported total revenues of $151.6 million in the second quarter of 2026."),
           "$151.6 million")
    assert f.metric == "total revenues" and f.metric_key == "revenue"


@pytest.mark.parametrize("text", [
    "Cash taxes during the quarter of $11.9 million were $4.4 million lower than last year.",
    "Cash interest paid in the quarter was $38 million.",
])
def test_cash_paid_for_something_is_not_the_cash_balance(text) -> None:
    assert all(f.metric_key != "cash" for f in figs(text)), values(text)


def test_the_cash_balance_is_still_cash() -> None:
    assert by(figs("We ended the quarter with cash and cash equivalents of $3.4 billion."), "$3.4 billion").metric_key \
        == "cash"


def test_a_per_quarter_increase_in_the_dividend_is_its_growth() -> None:
    f = by(figs("Our Board has approved a $0.01 per quarter increase in our dividend."), "$0.01")
    assert f.metric_key == "dividend_per_share_growth"


def test_reducing_a_balance_by_an_amount_is_its_move() -> None:
    f = by(figs("We improved our balance sheet, reducing net debt by nearly $3 billion."), "$3 billion")
    assert f.metric_key == "net_debt_growth" and f.amount == -3e9


def test_a_years_revenue_below_the_quarters_is_a_part() -> None:
    fs = one_turn_figures("Fourth quarter revenues were $344 million. These business lines were margin neutral, "
                          "having collected revenues in the fourth quarter and full fiscal year of $10 million and "
                          "$34 million, respectively.", "Ridgeline Drilling", 4, 2026)
    assert by(fs, "$344 million").metric_key == "revenue"
    assert by(fs, "$34 million").metric_key == "revenue_part"


# - "Assuming we repurchased $3 billion of shares ..., we still won't have distributed enough to reach a $4 per share
#   trigger" listed buybacks of $3 billion and a $4 dividend: arithmetic of what would happen, no result;
# - "an economic return of negative 2.4% however, we generated earnings available for distribution of $0.28" listed
#   the earnings' growth as -2.4%.

@pytest.mark.parametrize("text", [
    "Assuming we repurchased $2 billion of shares in a 12-month period and paid $0.48 of dividends, we still won't "
    "reach a $3 per share distribution trigger.",
    "It simply means, if we have exceeded $3 per share on a trailing basis, we would have to redeem a portion of the "
    "preferred.",
    "Let's say, assuming for illustration organic growth of 6%, the math would show another point of margin.",
])
def test_what_would_happen_if_is_no_result(text) -> None:
    assert [f for f in figs(text) if f.kind == "reported"] == [], values(text)


def test_an_assumption_is_not_the_guided_metric() -> None:
    fs = figs("Assuming oil at $60, we would expect EPS of $2.00.")
    assert [(f.value, f.kind) for f in fs] == [("$2.00", "guidance")]


@pytest.mark.parametrize("text,value", [
    ("If you exclude the accrued rent charge, our fourth quarter FFO would have been $1.59 per share.", "$1.59"),
    ("If you excluded the $12 million charge, adjusted EBITDA would have been $210 million.", "$210 million"),
])
def test_a_result_with_an_item_set_aside_stays_a_figure(text, value) -> None:
    assert by(figs(text), value).kind == "reported"


def test_a_rate_no_metric_names_lends_nothing_to_the_next_metric() -> None:
    fs = figs("We were not immune to the volatility, with an economic return of negative 2.4%, however, we generated "
              "distributable earnings of $0.28 per share.")
    assert all(f.value != "2.4%" for f in fs), [(f.metric_key, f.value) for f in fs]
    assert by(fs, "$0.28").metric_key == "eps_adjusted"


# - "a growth in net income of $5.5 million or approximately 19%" listed net income of $5.5 million;
# - "positively impacted net income for the quarter by $8.9 million" listed net income of $8.9 million;
# - "compared to our first quarter 2025 earnings per share of $1.77" listed the year-ago EPS as the quarter's;
# - "the absence of property sales ..., which represented $0.14 per share" listed an EPS of $0.14;
# - "our five-year earnings growth rate of 9.4%" was labelled "earnings growth".

@pytest.mark.parametrize("text,value,key,amount", [
    ("This represents a growth in net income of $5.5 million or approximately 19%.", "$5.5 million",
     "net_income_gaap_growth", 5.5e6),
    ("We anticipate a year-on-year reduction in sales of $50 million to $100 million.", "$50 million to $100 million",
     "revenue_growth", -50e6),
])
def test_a_move_in_a_metric_of_an_amount_is_its_growth(text, value, key, amount) -> None:
    f = by(figs(text), value)
    assert f.metric_key == key and f.amount == pytest.approx(amount)


def test_the_level_after_a_percent_move_stays_the_level() -> None:
    f = by(figs("Pricing led to the 85% year-over-year increase in second quarter diluted EPS of $5.25."), "$5.25")
    assert f.metric_key == "eps_gaap" and f.amount == 5.25


def test_an_impact_on_a_metric_for_the_quarter_is_an_impact() -> None:
    f = by(figs("Net reserve releases positively impacted net income for the quarter by $8.9 million."), "$8.9 million")
    assert f.metric_key == "net_income_gaap_impact"


@pytest.mark.parametrize("text,value,compared", [
    ("Earnings per share was $1.96, an increase of $0.19 or 10.7% compared to our first quarter 2025 earnings per "
     "share of $1.77.", "$1.96", "$1.77"),
    ("Net income attributable to Harlow Resorts was $274.6 million, compared to net income attributable to Harlow "
     "Resorts of $152.5 million in the prior year.", "$274.6 million", "$152.5 million"),
])
def test_a_year_ago_value_named_with_its_period_is_the_comparison(text, value, compared) -> None:
    fs = figs(text)
    assert by(fs, value).compared_to == compared
    assert all(f.value != compared for f in fs)


def test_a_clause_after_a_comparison_year_is_its_own() -> None:
    fs = figs("We project full year sales to increase over 20% compared with 2025 and to incur a small loss of $1 "
              "million to $2 million.")
    assert "loss" not in (by(fs, "20%").change or "")


def test_what_an_item_represented_per_share_is_an_item() -> None:
    f = by(figs("These increases were offset by the absence of property sales in the first quarter of last year, "
                "which represented $0.14 per share."), "$0.14")
    assert f.metric_key == "eps_gaap_impact"


def test_net_income_which_represented_per_share_is_the_eps() -> None:
    assert by(figs("Net income was $50 million, which represented $1.10 per share."), "$1.10").metric_key == "eps_gaap"


def test_a_multi_year_rate_says_so() -> None:
    f = by(figs("This aligns our five-year earnings growth rate of 9.4% with our dividend."), "9.4%")
    assert f.metric.startswith("five-year")


# - "financial results in Advice & Wealth Management were strong, with ... earnings up 30% to $389 million" and the
#   next line's "net revenues were up 16% to $1.9 billion" were listed as the company's (the flash led with them);
# - "Revenues are up 10% to over $3 billion" gave no revenue, and a bound like it made no smaller figure a part;
# - "We expect over $3 billion of free cash flow, assuming $80 WTI" listed free cash flow of $80;
# - "redeem the remaining $244 million of the 2025 bonds" listed free cash flow of $244 million.

def test_results_in_a_named_business_scope_that_sentence_and_the_next() -> None:
    fs = one_turn_figures("On page eight, financial results in Advice & Wealth Management were strong, with adjusted "
                          "operating earnings up 30% to $389 million. Adjusted operating net revenues were up 16% to "
                          "$1.9 billion, driven by client flows. Total company revenues were up 10% to $3.3 billion.",
                          "Ameripoint Financial", 1, 2026)
    assert by(fs, "$389 million").scope == "Advice & Wealth Management"
    assert by(fs, "$1.9 billion").scope == "Advice & Wealth Management"
    assert by(fs, "$3.3 billion").scope is None


def test_results_for_a_period_are_no_business() -> None:
    fs = one_turn_figures("Results for the Fourth Quarter were strong, with revenue of $3.3 billion.", "Ameripoint", 4,
                          2026)
    assert by(fs, "$3.3 billion").scope is None


def test_a_level_said_as_over_an_amount_is_the_level() -> None:
    f = by(figs("Revenues were up 10% to over $3 billion."), "$3 billion")
    assert f.metric_key == "revenue" and f.approx == "over" and f.change_pct == 10.0


def test_a_company_total_said_as_at_least_makes_a_far_smaller_figure_a_part() -> None:
    fs = one_turn_figures("Revenues in the first quarter of 2026 were up 10% to over $3 billion. Adjusted operating "
                          "revenues increased 21% to $828 million, reflecting inflows.", "Ameripoint", 1, 2026)
    assert by(fs, "$3 billion").metric_key == "revenue"
    assert by(fs, "$828 million").metric_key == "revenue_part"


@pytest.mark.parametrize("text,gone", [
    ("We expect to deliver over $3 billion of free cash flow, assuming $80 WTI and $4 Henry Hub prices.", "$80"),
    ("Even using a more conservative, say, $60 WTI price assumption, our cash flow yield is around 10%.", "$60"),
    ("As we look to fiscal 2027, assuming a $3.50 NYMEX natural gas price, we expect funds from operations of $400 "
     "million.", "$3.50"),
])
def test_a_benchmark_price_assumed_is_no_figure(text, gone) -> None:
    assert all(f.value != gone for f in figs(text)), values(text)


def test_the_outlook_beside_an_assumption_stays() -> None:
    f = by(figs("We expect to deliver over $3 billion of free cash flow, assuming $80 WTI and $4 Henry Hub prices."),
           "$3 billion")
    assert f.metric_key == "free_cash_flow" and f.kind == "guidance"


def test_redeeming_the_remaining_bonds_of_a_year_is_debt_repaid() -> None:
    f = by(figs("We'll use the free cash flow to redeem the remaining $244 million of the 2029 bonds."), "$244 million")
    assert f.metric_key == "debt_repaid"


# - "a 6.1% increase in net income and a 15.5% increase in EPS" listed 15.5% as net income growth;
# - "Our commercial business set a record this quarter with $1.2 billion in sales" was the company's sales (and led
#   the flash);
# - "We averaged $74 million in weekly sales" was the quarter's revenue;
# - "redeemed $75 million of floating rate junior subordinated debt" was the company's debt.

def test_each_percent_moves_the_metric_named_after_it() -> None:
    fs = figs("Strong comp sales drove a 6.1% increase in net income and a 15.5% increase in EPS.")
    assert by(fs, "6.1%").metric_key == "net_income_gaap_growth"
    assert by(fs, "15.5%").metric_key == "eps_gaap_growth"


@pytest.mark.parametrize("text,value,scope", [
    ("Our commercial business set a record this quarter with $1.2 billion in sales for the quarter.", "$1.2 billion",
     "commercial"),
    ("Our energy materials business is off to a strong start with forecasted revenue of about $80 million for the year.",
     "$80 million", "energy materials"),
])
def test_a_business_as_the_subject_scopes_its_figures(text, value, scope) -> None:
    assert by(figs(text), value).scope == scope


@pytest.mark.parametrize("text", ["Our overall business grew 5% to $2 billion in sales.",
                                  "Our business generated $2 billion in sales."])
def test_the_whole_business_is_the_company(text) -> None:
    assert by(figs(text), "$2 billion").scope is None


def test_sales_per_week_are_not_the_quarters() -> None:
    assert figs("We averaged $74 million in weekly sales during the holiday season.") == []
    f = by(figs("Revenue was $5 million for the quarter, or $50,000 per day."), "$5 million")
    assert f.metric_key == "revenue"


def test_redeemed_debt_with_its_kind_said_is_debt_repaid() -> None:
    f = by(figs("During the quarter, the Company redeemed $75 million of floating rate junior subordinated debt."),
           "$75 million")
    assert f.metric_key == "debt_repaid"


def test_cash_and_no_debt_is_cash() -> None:
    f = by(figs("We repurchased $15 million of stock in the quarter and ended June with $305 million of cash and no "
                "debt."), "$305 million")
    assert f.metric_key == "cash"


# - "This compares to a loss of $196 million or $26.59 per share in the second quarter" listed the earlier quarter's
#   EPS as a figure of the call; "which compares to $31 million" gave no comparison.

def test_this_compares_to_is_a_comparison() -> None:
    assert figs("This compares to a loss of $196 million or $26.59 per share in the first quarter.") == []
    f = by(figs("Liquidity was $49 million, which compares to $31 million at year end."), "$49 million")
    assert f.compared_to == "$31 million"


def test_a_daily_margin_is_no_quarters_gross_profit() -> None:
    assert figs("Activity improved, taking our drilling rig daily gross margin to $8,900.") == []


def test_a_loss_on_debt_extinguishment_is_no_debt() -> None:
    fs = figs("These redemptions resulted in a pre-tax loss on debt extinguishment of $175 million or $138 million "
              "after tax.")
    assert all(f.metric_key != "debt" for f in fs), [(f.metric_key, f.value) for f in fs]


@pytest.mark.parametrize("text,value,key", [
    ("Distributable earnings prior to realized loss on investments were $51 million.", "$51 million",
     "net_income_adjusted"),
    ("The net loss from continuing operations of $141 million in the first quarter was in line.", "$141 million",
     "net_income_gaap"),
])
def test_the_result_beside_a_loss_stays_the_result(text, value, key) -> None:
    assert by(figs(text), value).metric_key == key
