"""Guidance direction, sixth round: rules read off ECTSum train misses, each tested on fictional passages written for
these tests (no sentence comes from the dataset), with guards for what each rule must not do.

- A cue names a figure's metric only when no amount of its own stands between them: in "we are narrowing guidance for
  2025 revenue growth ... to 12% to 14% and we still expect a 2% benefit to revenue", the reaffirmation is of the 2%.
- "at the high end of our previously provided range" says the guidance moved within the one before it: no
  reaffirmation ("at the high end of our guidance range" still is one).
- "assuming no change in tax rates" is an assumption, not guidance left unchanged.
- "we remain within our earnings per share guidance range of ..." reaffirms it.
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
