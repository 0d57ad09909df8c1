"""Guidance direction and period carried from an outlook heading only to the figures it is about.

Fictional passages written for these tests. Guards what hand checks of real calls found: a short sentence raising one
metric's guidance ("We're increasing our organic net sales guidance.") lending "raised" to the EPS outlook the call
had just reaffirmed; the full year's "unchanged" carried into a quarter's guidance under its own heading. The other
three hold what that fix must keep (each broke while it was being built, on real calls): a heading naming the
quarter's results and the year's outlook gives the outlook the year; the "first half" of a reason ("Given our
performance in the first half, ...") is not the period of a full-year raise; "For the year, we are reaffirming the
guidance we provided during the first-quarter call" is the year's.
"""
from __future__ import annotations

from summarizer.figures import Figure
from tests.figures_support import by, one_turn_figures


def figures_of(text: str, quarter: int = 2, year: int = 2025) -> list[Figure]:
    return one_turn_figures(text, "Quillfeather Foods", quarter, year)


def test_a_heading_that_raises_sales_guidance_does_not_raise_the_eps_outlook_reaffirmed_before_it() -> None:
    figs = figures_of(
        "For the year, we're once again reaffirming our adjusted earnings per share outlook. "
        "We're increasing our organic net sales guidance on stronger demand. "
        "Taken together, we continue to believe that pricing and cost savings will enable us to deliver adjusted "
        "diluted earnings per share of about $3.15.")
    eps = by(figs, "$3.15")
    assert (eps.kind, eps.metric_key, eps.direction) == ("guidance", "eps_adjusted", "reaffirmed")


def test_a_raise_heading_naming_no_metric_still_governs_the_list_after_it() -> None:
    figs = figures_of(
        "Given our performance in the first half, we are increasing our full fiscal year outlook to the following. "
        "Net sales growth of 5% to 7%, adjusted earnings per share in a new range of $2.40 to $2.55 and adjusted "
        "EBITDA in a new range of $410 million to $425 million.")
    for value in ("5% to 7%", "$2.40 to $2.55", "$410 million to $425 million"):
        f = by(figs, value)
        assert (f.kind, f.direction, f.fiscal_period) == ("guidance", "raised", "FY 2025"), (value, f)


def test_the_full_years_unchanged_guidance_does_not_carry_into_the_quarters_own_heading() -> None:
    figs = figures_of(
        "The remaining components of our full-year 2025 guidance remain unchanged. "
        "And lastly for Q3, our guidance is as follows. "
        "We expect revenue of $612 million to $628 million and adjusted earnings per share of $0.71 to $0.75.")
    for value in ("$612 million to $628 million", "$0.71 to $0.75"):
        f = by(figs, value)
        assert (f.kind, f.fiscal_period, f.direction) == ("guidance", "Q3 2025", None), (value, f)


def test_a_reaffirmation_for_the_year_governs_the_year_not_the_quarter_it_was_first_given_in() -> None:
    figs = figures_of(
        "For the year, we are reaffirming the guidance that we provided during the first-quarter earnings call. "
        "Organic revenue growth is expected to be in the range of 2% to 4%, with adjusted earnings per share of "
        "$2.10 to $2.30.")
    for value in ("2% to 4%", "$2.10 to $2.30"):
        f = by(figs, value)
        assert (f.kind, f.fiscal_period, f.direction) == ("guidance", "FY 2025", "reaffirmed"), (value, f)


def test_a_heading_naming_the_quarters_results_and_the_years_outlook_gives_the_outlook_the_year() -> None:
    figs = figures_of(
        "Now let's move to our first quarter results and our 2025 outlook. "
        "Net sales grew 6% to $845 million in the first quarter. "
        "Given our strong start, we are increasing our full-year outlook for 2025. "
        "We now expect 10% to 12% growth in adjusted earnings per share.", quarter=1)
    f = by(figs, "10% to 12%")
    assert (f.kind, f.fiscal_period, f.direction) == ("guidance", "FY 2025", "raised")
    sales = by(figs, "$845 million")
    assert (sales.kind, sales.fiscal_period) == ("reported", "Q1 2025")


def test_a_figure_its_sentence_says_is_revised_takes_no_reaffirmation_said_elsewhere() -> None:
    figs = figures_of(
        "We are maintaining our expectations of low teens growth in the residential end market. "
        "We are now expecting EBITDA margins in the range of 17.1% to 17.4%. "
        "Our adjusted earnings per share guidance is now $2.40 to $2.50. "
        "We continue to expect free cash flow of $310 million to $330 million.")
    assert by(figs, "$2.40 to $2.50").direction is None  # revised: raised or lowered, the call does not say
    assert by(figs, "17.1% to 17.4%").direction is None
    assert by(figs, "$310 million to $330 million").direction == "reaffirmed"  # its own words


def test_a_sentence_saying_how_the_figure_just_guided_moved_gives_it_its_direction() -> None:
    figs = figures_of(
        "We now expect full-year adjusted earnings per share of $5.90 to $6.10. "
        "This represents an increase from our previous guidance of $5.55 to $5.75. "
        "We currently anticipate full year 2025 FFO between $2.70 and $2.78 per share. "
        "This is down $0.08 at the midpoint from our previous guidance. "
        "Our operating margin was 10.2%. "
        "That is up 300 basis points from our prior year.")
    assert by(figs, "$5.90 to $6.10").direction == "raised"
    assert by(figs, "$2.70 and $2.78").direction == "lowered"
    assert by(figs, "10.2%").kind == "reported" and by(figs, "10.2%").direction is None
    assert not [f for f in figs if f.value.startswith("$5.55")]  # the previous guidance is not a figure of its own
