"""Guidance direction, sixth round: rules read off ECTSum train misses, each tested on fictional passages written for
these tests (no sentence comes from the dataset), with guards for what each rule must not do.

- A cue names a figure's metric only when no amount of its own stands between them: in "we are narrowing guidance for
  2025 revenue growth ... to 12% to 14% and we still expect a 2% benefit to revenue", the reaffirmation is of the 2%.
- "at the high end of our previously provided range" says the guidance moved within the one before it: no
  reaffirmation ("at the high end of our guidance range" still is one).
- "assuming no change in tax rates" is an assumption, not guidance left unchanged.
- "we remain within our earnings per share guidance range of ..." reaffirms it.
- ", up from the previous range of ...", ", down $5 million from our prior outlook", ", an increase of 20% from what we
  anticipated in March", ", up from the range of ... provided last quarter" set the value just said against the
  guidance before it: raised (lowered), over what its numbers alone would say ('at least $610 million' against '$580
  million to $610 million' is no narrowing); not "up from $42 million last year".
- "we have increased our expected adjusted EPS for the full year to ..." raises what the company expects.
- A statement naming a metric that no guided figure's statement base stands for ("we remain on track to deliver our
  cumulative savings target", "we continue to expect our full year tax rate") is of that metric, not of all the
  guidance: it lends no direction to sales or EPS said elsewhere.
- "We feel confident about the outlook for the full year" reaffirms it, as "we remain confident in our outlook" does.
- A statement's period is the one it names for its outlook ("reiterating our guidance for the full fiscal year 2025"),
  before a period said earlier in the sentence ("With the completion of the first quarter, ..."); and a value said of
  the year before ("on top of 19% growth in the year ago period") or of what happened ("$95 million marked a record")
  takes no direction from a statement said elsewhere.
- A figure whose sentence says it "has been updated to" a range takes no reaffirmation said elsewhere; "maintain our
  target to pay down $100 million of debt" is a goal of its own, no statement about the guidance; and in "reducing
  our emissions in line with our targets" the targets only measure the change, no guidance is lowered.
"""
from __future__ import annotations

from summarizer.figures import Figure
from tests.figures_support import by, one_turn_figures


def figures_of(text: str, quarter: int = 2, year: int = 2025) -> list[Figure]:
    return one_turn_figures(text, "Tallowmere Instruments", quarter, year)


def _directions(figs: list[Figure]) -> list[tuple[str, str | None]]:
    return [(f.value, f.direction) for f in figs]


# --- a cue names the metric only with no amount of its own between

def test_a_reaffirmation_of_another_amount_does_not_name_the_figures_metric() -> None:
    figs = figures_of(
        "For the company, we are now narrowing guidance for 2025 revenue growth from 11% to 15% to a new range of 12% "
        "to 14% and we still expect a 2% benefit to revenue from pricing.")
    assert by(figs, "12% to 14%").direction == "narrowed"


def test_a_cue_naming_the_metric_still_governs_it() -> None:
    figs = figures_of(
        "We delivered adjusted EPS of $1.10 this quarter, and we are raising our 2025 revenue outlook to $2.4 billion "
        "to $2.5 billion.")
    assert by(figs, "$2.4 billion to $2.5 billion").direction == "raised"


# --- the high end of the previous range

def test_the_high_end_of_the_previous_range_is_no_reaffirmation() -> None:
    figs = figures_of(
        "We now expect to deliver organic revenue growth of 9% to 10%, which is at the high end of our previously "
        "provided range. "
        "And we now anticipate roughly 6% organic volume growth for the full year, at the high end of our prior range.")
    assert by(figs, "9% to 10%").direction != "reaffirmed"
    assert by(figs, "6%").direction != "reaffirmed"


def test_the_high_end_of_the_guidance_range_is_still_a_reaffirmation() -> None:
    figs = figures_of(
        "We anticipate that full-year adjusted earnings per share will be at the higher end of our guidance range of "
        "$3.30 to $3.50.")
    assert by(figs, "$3.30 to $3.50").direction == "reaffirmed"


# --- an assumption of no change

def test_assuming_no_change_in_tax_rates_is_no_reaffirmation() -> None:
    figs = figures_of(
        "We expect interest expense to be between $20 million and $23 million, and the effective tax rate, assuming no "
        "change in federal tax rates, to be between 24% and 25%.")
    assert len(figs) == 2 and all(f.direction is None for f in figs), _directions(figs)


def test_no_change_to_the_outlook_is_still_a_reaffirmation() -> None:
    figs = figures_of("There is no change to our full-year capital expenditure outlook of $140 million.")
    assert by(figs, "$140 million").direction == "reaffirmed"


# --- remaining within the guidance range

def test_remaining_within_the_guidance_range_reaffirms_it() -> None:
    figs = figures_of(
        "Based on our progress to date, we remain within our earnings per share guidance range of $2.10 to $2.20 per "
        "share for full year 2025.")
    assert by(figs, "$2.10 to $2.20").direction == "reaffirmed"


def test_a_result_within_a_range_is_not_what_remaining_within_the_guidance_reads() -> None:
    figs = figures_of("Operating costs for the quarter came in at $41 million, within our guidance of $40 million to "
                      "$44 million.")
    assert all(f.direction != "reaffirmed" for f in figs), _directions(figs)


# --- the value just said set against the guidance before it

def test_up_from_the_previous_range_is_a_raise_even_where_the_numbers_look_narrowed() -> None:
    figs = figures_of(
        "For the full year, the company now expects net sales of at least $610 million, up from the previous range of "
        "$580 million to $610 million.")
    assert by(figs, "$610 million").direction == "raised"


def test_up_from_the_range_provided_last_quarter_is_a_raise() -> None:
    figs = figures_of(
        "We expect adjusted diluted EPS to be in the range of $3.74 to $4.08, up from the range of $3.32 to $3.66 "
        "provided last quarter.")
    assert by(figs, "$3.74 to $4.08").direction == "raised"


def test_an_increase_from_what_was_anticipated_is_a_raise_and_down_from_the_prior_outlook_a_cut() -> None:
    figs = figures_of(
        "We now believe core earnings will be in the neighborhood of $3 a share, an increase of 20% from what we "
        "anticipated back in March. "
        "We now estimate that net savings from the program will be $30 million to $35 million, down somewhat from our "
        "April estimate.")
    assert by(figs, "$3").direction == "raised"
    assert by(figs, "$30 million to $35 million").direction == "lowered"


def test_up_from_last_year_is_no_raise_of_guidance() -> None:
    figs = figures_of("For 2025, we expect adjusted EBITDA of $50 million, up from $42 million last year.")
    assert all(f.direction is None for f in figs), _directions(figs)


def test_the_clause_is_not_lent_to_other_figures() -> None:
    figs = figures_of(
        "We now expect capital spending of about $80 million, up $5 million from our prior outlook. "
        "We had a good quarter in our service business. "
        "For 2025, we expect interest expense of about $12 million.")
    assert by(figs, "$80 million").direction == "raised"
    assert by(figs, "$12 million").direction is None


# --- "our expected ..."

def test_increasing_our_expected_eps_is_a_raise() -> None:
    figs = figures_of(
        "Putting it all together, we now have increased our expected adjusted earnings per share for the full year to "
        "a range of $4.10 to $4.30.")
    assert by(figs, "$4.10 to $4.30").direction == "raised"


def test_improving_expected_returns_is_no_raise_of_guidance() -> None:
    figs = figures_of("Higher volumes in 2025 should improve our expected returns on the new $200 million plant.")
    assert all(f.direction is None for f in figs), _directions(figs)


# --- a statement of a metric no base stands for

def test_a_savings_target_on_track_reaffirms_no_sales_or_eps_guidance() -> None:
    figs = figures_of(
        "We remain on track to deliver our cumulative savings target of $600 million. "
        "As a result, we expect adjusted earnings per share of $2.03 to $2.11 per share. "
        "For the full year, we expect organic net sales to be minus 1% to plus 1%.")
    assert by(figs, "$2.03 to $2.11").direction is None
    assert all(f.direction is None for f in figs if f.value.endswith("1%")), _directions(figs)


def test_a_tax_rate_reaffirmation_reaffirms_no_eps_guidance() -> None:
    figs = figures_of(
        "We continue to expect our full year tax rate will be in the low-20% range on a non-GAAP basis. "
        "Our expectation for non-GAAP earnings per share is a growth rate of more than 40% year-over-year.")
    assert by(figs, "40%").direction is None


def test_a_statement_of_the_eps_outlook_still_governs_eps() -> None:
    figs = figures_of(
        "We remain on track to deliver our earnings per share outlook for fiscal 2025. "
        "As a result, we expect adjusted earnings per share of $2.03 to $2.11 per share.")
    assert by(figs, "$2.03 to $2.11").direction == "reaffirmed"


def test_feeling_confident_about_the_outlook_reaffirms_it() -> None:
    figs = figures_of(
        "We feel confident about the outlook for the full fiscal year. "
        "For the full year, we expect organic net sales to grow 2% to 4%.")
    assert by(figs, "2% to 4%").direction == "reaffirmed"


def test_feeling_confident_about_a_business_is_no_reaffirmation() -> None:
    figs = figures_of(
        "We feel confident about the momentum of our retail business. "
        "For the full year, we expect organic net sales to grow 2% to 4%.")
    assert by(figs, "2% to 4%").direction is None


# --- the statement's period

def test_the_period_after_the_outlook_noun_is_the_statements() -> None:
    figs = figures_of(
        "With the completion of the first quarter, we are reiterating our guidance for the full fiscal year 2025. "
        "We expect this execution will allow us to achieve an adjusted EBITDA margin range of 5.5% to 7.5%.", quarter=1)
    assert by(figs, "5.5% to 7.5%").direction == "reaffirmed"


def test_a_full_year_raise_said_beside_the_next_quarter_is_not_the_quarters() -> None:
    figs = figures_of(
        "Given our results in the third quarter and outlook for the fourth quarter, we are again increasing our sales "
        "and earnings guidance for the full year. "
        "Fourth-quarter earnings per diluted share are expected to be between $1.28 and $1.30.", quarter=3)
    assert by(figs, "$1.28 and $1.30").direction is None


def test_a_value_of_the_year_before_or_of_a_result_takes_no_direction_from_elsewhere() -> None:
    figs = figures_of(
        "We are raising our outlook for the second half of fiscal 2025. "
        "We now expect back half sales to be about flat, on top of 19% growth in the year ago period. "
        "Our second half free cash flow of $95 million marked a record, putting us on track to our full year guidance.")
    assert all(f.direction is None for f in figs if f.value in ("19%", "$95 million")), _directions(figs)


# --- an update, a goal of its own, a measure of the change

def test_a_figure_updated_to_a_range_takes_no_reaffirmation_said_elsewhere() -> None:
    figs = figures_of(
        "We are reiterating our fiscal year 2025 guidance. "
        "Our fiscal year 2025 capex guidance has been updated to a range of $45 million to $55 million.")
    assert by(figs, "$45 million to $55 million").direction is None


def test_a_figure_said_beside_a_reaffirmation_still_takes_it() -> None:
    figs = figures_of(
        "We are reiterating our fiscal year 2025 guidance. "
        "Our fiscal year 2025 capex guidance is a range of $45 million to $55 million.")
    assert by(figs, "$45 million to $55 million").direction == "reaffirmed"


def test_a_target_to_pay_down_debt_reaffirms_no_other_guidance() -> None:
    figs = figures_of(
        "We expect cash flow to be strong for the rest of the year, allowing us to maintain our target to pay down "
        "approximately $100 million of debt during 2025. "
        "For 2025, we anticipate adjusted EBITDA between $255 million and $275 million.")
    assert by(figs, "$255 million and $275 million").direction is None
    assert by(figs, "$100 million").direction == "reaffirmed"


def test_reducing_emissions_in_line_with_targets_lowers_no_guidance() -> None:
    figs = figures_of(
        "We are focused on continued progress toward reducing our emissions in line with our targets. "
        "We expect capital spending of $80 million for 2025.")
    assert by(figs, "$80 million").direction is None
