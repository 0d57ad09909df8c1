"""Guidance direction, fifth round: rules read off ECTSum train misses, each tested on fictional passages written for
these tests (no sentence comes from the dataset), with guards for what each rule must not do.

- ", slightly higher than our April outlook" after a guided value is that value raised against the guidance before
  it (lowered for "lower", "less", "below"), and only that value: not another number said before it in the sentence,
  and no announcement lent to figures said elsewhere.
- "raising the midpoint of our ... growth" moves the guided range; "9% at the midpoint of our guidance" does not.
- The noun of a metric's change is no guidance change: "to increase in the range of 8% to 10%", "increases in deferred
  revenue continue to support our expectation", "a 12% increase year-over-year"; "a $20 million increase in our
  2025 free cash flow guidance" still is one.
"""
from __future__ import annotations

from tests.test_figures_headings import by, figures_of  # a fictional CFO's call, one turn; a figure by its value


# --- ", slightly higher than our April outlook"

def test_a_clause_setting_the_value_against_the_earlier_outlook_gives_its_direction() -> None:
    figs = figures_of(
        "For the full year, Fastener segment operating margin is anticipated to be 15% to 16%, slightly higher than our "
        "April outlook. "
        "Full-year capital spending is now forecast at approximately $62 million, a bit lower than our prior view. "
        "We expect corporate costs of about $48 million, $4 million or $0.05 per share higher than our prior guidance.")
    assert by(figs, "15% to 16%").direction == "raised"
    assert by(figs, "$62 million").direction == "lowered"
    assert by(figs, "$48 million").direction == "raised"


def test_the_clause_is_of_the_value_just_before_it_only() -> None:
    figs = figures_of(
        "For 2025, our interest expense forecast remains about $21 million, while other expense is now forecast at "
        "$7.5 million, slightly less than our July outlook.")
    assert by(figs, "$7.5 million").direction == "lowered"
    assert by(figs, "$21 million").direction != "lowered"


def test_the_clause_is_not_an_announcement_for_figures_said_elsewhere() -> None:
    figs = figures_of(
        "Fastener segment operating margin for the full year is anticipated to be 15% to 16%, slightly higher than our "
        "April outlook. "
        "We had a solid quarter in our distribution channel. "
        "We expect full-year 2025 operating margin for the company of 12% to 13%.")
    assert by(figs, "12% to 13%").direction is None


def test_a_result_against_an_earlier_expectation_is_no_raise() -> None:
    figs = figures_of(
        "That said, warranty expense year-to-date is running higher than our initial expectations, and we now assume "
        "warranty expense of $2.4 million a quarter for the rest of the year.")
    assert all(f.direction != "raised" for f in figs), [(f.value, f.direction) for f in figs]


# --- the midpoint moved

def test_raising_the_midpoint_of_a_guided_range_is_a_raise() -> None:
    figs = figures_of(
        "Given stronger renewals, we have increased the midpoint of our full year same-store revenue growth from 1.8% "
        "to 3.4%. "
        "And with lower utility costs, we decreased the midpoint of our full year same-store expense growth from 4.1% "
        "to 3.6%.")
    assert by(figs, "3.4%").direction == "raised"
    assert by(figs, "3.6%").direction == "lowered"


def test_a_value_at_the_midpoint_of_the_guidance_is_no_raise() -> None:
    figs = figures_of("For 2025, we expect adjusted EBITDA to increase 8% to 10%, or 9% at the midpoint of our guidance.")
    assert all(f.direction is None for f in figs), [(f.value, f.direction) for f in figs]


# --- the noun of a metric's change

def test_growth_within_a_range_is_no_raise() -> None:
    figs = figures_of(
        "We are projecting total revenue growth in 2025 within a range of 4% to 7%. "
        "For the full year, we expect adjusted operating margin to increase to within a range of 11.5% and 12% compared "
        "to 11.1% in 2024. "
        "In the Filtration segment, full year sales are projected to increase between 6% and 9%.")
    for value in ("4% to 7%", "11.5%", "6% and 9%"):  # ("11.5%" alone, or the range "11.5% and 12%")
        f = next((f for f in figs if f.value.startswith(value)), None) or by(figs, value)
        assert f.kind == "guidance" and f.direction is None, (value, f.direction)


def test_a_change_of_a_result_said_beside_the_guidance_is_no_statement() -> None:
    figs = figures_of(
        "Second quarter adjusted earnings per share of $0.84 were a 12% increase year-over-year and well above the "
        "midpoint of our guidance. "
        "Growing subscriptions and increases in deferred revenue continue to support our expectation for the year. "
        "For the full year, we expect adjusted earnings per share of $3.30 to $3.40 and revenue of $1.9 billion to "
        "$2.0 billion.")
    assert by(figs, "$3.30 to $3.40").direction is None
    assert by(figs, "$1.9 billion to $2.0 billion").direction is None


def test_an_increase_in_the_guidance_itself_is_a_raise() -> None:
    figs = figures_of(
        "Our confidence in the second half supports a $20 million increase in our 2025 free cash flow guidance, to "
        "$340 million.")
    assert any(f.direction == "raised" for f in figs), [(f.value, f.metric_key, f.direction) for f in figs]


# --- statements said of the call's guidance, and where they reach

def test_a_revision_of_a_metric_no_figure_is_keyed_to_is_not_all_the_guidance() -> None:
    figs = figures_of(
        "We now expect full year 2025 orders to increase high-single digits versus our prior outlook of mid-single "
        "digits. "
        "We had record attendance at our customer conference this quarter. "
        "We also plan capital expenditures in the $45 million to $55 million range for the year.")
    assert by(figs, "$45 million to $55 million").direction is None


def test_a_revision_of_a_named_metric_still_reaches_its_figures() -> None:
    figs = figures_of(
        "We now expect full year 2025 revenue to increase versus our prior outlook. "
        "We expect revenue of $1.42 billion to $1.46 billion for the year.")
    assert by(figs, "$1.42 billion to $1.46 billion").direction == "raised"


def test_our_guidance_affirmed_without_a_we_is_the_companys_statement_for_the_year_not_the_next_quarter() -> None:
    figs = figures_of(
        "Our full-year 2025 guidance is to deliver adjusted EBITDA of $31 million to $34 million. "
        "Our subscription renewals remain strong. "
        "So affirming our annual guidance, and we feel good about it. "
        "For the third quarter of 2025, we expect adjusted EBITDA of $7 million to $8 million.")
    assert by(figs, "$31 million to $34 million").direction == "reaffirmed"
    third = by(figs, "$7 million to $8 million")
    assert (third.fiscal_period, third.direction) == ("Q3 2025", None)


def test_a_heading_naming_no_period_does_not_reaffirm_a_quarters_outlook() -> None:
    figs = figures_of(
        "So that is our overall guidance, and we are affirming that guidance. "
        "For the third quarter of 2025, we expect adjusted EBITDA of between $6 million and $6.5 million. "
        "And for the full year we expect adjusted EBITDA of about $30 million.")
    third = by(figs, "$6 million and $6.5 million")
    assert (third.fiscal_period, third.direction) == ("Q3 2025", None)


def test_a_heading_naming_its_quarter_still_governs_that_quarter() -> None:
    figs = figures_of(
        "We are reaffirming our third quarter 2025 guidance. "
        "For the third quarter, we expect adjusted EBITDA of between $6 million and $6.5 million.")
    third = by(figs, "$6 million and $6.5 million")
    assert (third.fiscal_period, third.direction) == ("Q3 2025", "reaffirmed")


# --- the previous guidance said in a sentence of its own

def test_the_previous_range_said_the_sentence_before_gives_the_direction_the_numbers_moved() -> None:
    figs = figures_of(
        "For the full year 2025, we are updating and narrowing our range. "
        "Our previous guidance was for sales in the range of $610 million to $640 million and adjusted earnings per share "
        "in the range of $2.10 to $2.30. "
        "We are now updating our guidance for sales to be in the range of $630 million to $645 million, and adjusted "
        "earnings per share are expected to be in the range of $2.15 to $2.25.")
    assert by(figs, "$630 million to $645 million").direction == "raised"  # both ends up: raised, and narrower
    assert by(figs, "$2.15 to $2.25").direction == "narrowed"  # inside the old range: the midpoint held


def test_a_previous_range_of_another_metric_or_said_further_back_moves_nothing() -> None:
    figs = figures_of(
        "Our previous guidance was for sales in the range of $610 million to $640 million. "
        "We expect adjusted EBITDA in the range of $88 million to $92 million for 2025. "
        "We expect sales in the range of $630 million to $645 million for 2025.")
    assert by(figs, "$88 million to $92 million").direction is None
    assert by(figs, "$630 million to $645 million").direction is None


# --- what a statement about the year's guidance does not reach

def test_a_raise_of_the_years_outlook_does_not_reach_long_term_targets_or_analysts_estimates() -> None:
    figs = figures_of(
        "Given our strong first half, we are raising our full-year 2025 outlook. "
        "Longer term, we remain committed to our targets of $3 billion in sales and 18% adjusted EBITDA margins. "
        "Current analyst estimates for full year adjusted earnings per share range from $2.80 to $2.95. "
        "We expect cumulative three-year free cash flow to exceed $700 million. "
        "We now expect full-year 2025 revenue of $2.35 billion to $2.40 billion.")
    for value in ("$3 billion", "18%", "$2.80 to $2.95", "$700 million"):
        assert [f.direction for f in figs if f.value == value] in ([], [None]), value
    assert by(figs, "$2.35 billion to $2.40 billion").direction == "raised"


def test_a_long_term_figure_keeps_the_direction_its_own_sentence_says() -> None:
    figs = figures_of(
        "We're affirming today our 2025 earnings guidance range of $3.10 to $3.20 per share. "
        "We're also affirming our long-term earnings per share compound annual growth rate range of 6% to 8%.")
    assert by(figs, "$3.10 to $3.20").direction == "reaffirmed"
    assert by(figs, "6% to 8%").direction == "reaffirmed"


def test_a_trailing_clause_about_a_multi_year_rate_leaves_the_years_figure_alone() -> None:
    figs = figures_of(
        "We are raising our 2025 outlook. "
        "For 2025, we now expect earnings per share in the range of $4.40 to $4.70, which reflects a compound annual "
        "growth rate of 12% to 15% over 2023.")
    assert by(figs, "$4.40 to $4.70").direction == "raised"


def test_a_sentence_saying_only_what_happened_takes_no_statement() -> None:
    figs = figures_of(
        "We are reaffirming our fiscal 2025 guidance. "
        "We had a good quarter. "
        "Fiscal 2025 operating cash flow increased from $95 million in the prior year to $131 million, mostly on working "
        "capital. "
        "For the full year, we expect free cash flow of $300 million to $320 million.")
    assert [f.direction for f in figs if f.value == "$131 million"] in ([], [None])
    assert by(figs, "$300 million to $320 million").direction == "reaffirmed"
