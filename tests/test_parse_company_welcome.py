"""The company named in the operator's welcome, however it is worded: 'Welcome to' with a capital W, 'welcome
everyone to', the period before the name, ', Inc.' inside it. Most Motley Fool JSON names its company only there."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from summarizer.parse import parse_bytes
from summarizer.parse.meta import _company_from_text


@pytest.mark.parametrize("text, company", [
    ("Welcome to the Halvard Lighting First Quarter 2022 Earnings Conference Call.", "Halvard Lighting"),
    ("Welcome to The Brindle Company's first quarter 2022 financial results conference call.", "Brindle Company"),
    ("At this time, I would like to welcome everyone to the Ostrava Staffing fourth quarter 2021 earnings call.",
     "Ostrava Staffing"),
    ("Welcome to QUILLCORP's Third Quarter 2021 Earnings Conference Call.", "QUILLCORP"),
    ("welcome to the Third Quarter 2020 Marrow Assets Trust Inc Earnings Conference Call.", "Marrow Assets Trust Inc"),
    ("Good day, and welcome everyone to the Q1 2021 Tessel Systems USA Earnings Conference Call.", "Tessel Systems USA"),
    ("Welcome to the First Quarter 2021 Corvid Financial Services Earnings Call.", "Corvid Financial Services"),
    ("welcome to the Q3 KESTREL earnings conference call.", "KESTREL"),
    ("welcome to the Hollin & Hollin, Inc. Second Quarter Earnings Call.", "Hollin & Hollin, Inc"),
    ("welcome to the acme widgets third quarter 2024 earnings call.", None),  # no capital: not taken as a name
    ("Welcome to the Q3 call.", None),
    ("Welcome to our third quarter 2021 earnings call.", None),
    ("Welcome to the Earnings Conference Call Second Quarter 2020.", None),  # call words are never the name
    ("Welcome to the Quarterly Earnings Conference Call.", None),
    ("welcome to the First Quarter Earnings Conference Call for Pellam Corporation.", None),
    ("Welcome to the Sorrel First Earnings Conference Call.", None),
    ("Welcome to the Brackwell Incorporated Quarter Four 2019 Earnings Call.", None),
    ("Welcome to Tovari's Results conference call for the first quarter of fiscal year 2022.", None),
])
def test_company_from_the_welcome(text: str, company: str | None) -> None:
    assert _company_from_text(None, text) == company


def test_motley_fool_json_gets_its_company_from_the_welcome() -> None:
    call = {"prepared_remarks": [
        {"speaker": "Operator", "speech": "Good morning. Welcome to the Second Quarter 2021 Lindqvist Marine Holdings "
                                          "Earnings Conference Call. [Operator Instructions]"},
        {"speaker": "Ada Moss", "speech": "Thank you. Revenue was $210 million, up 9% from a year ago."}],
        "q_and_a": [], "participants": ["Ada Moss--Chief Executive Officer"]}
    tr = parse_bytes(json.dumps(call).encode(), "LMH_q2_2021.json")
    assert tr.company == "Lindqvist Marine Holdings" and tr.ticker == "LMH"


def test_most_dataset_calls_get_a_company(shared_data: Path) -> None:
    files = sorted((shared_data / "transcripts" / "motleyfool-json").glob("*.json"))[:120]
    if not files:
        pytest.skip("no Motley Fool JSON files")
    named = sum(bool(parse_bytes(f.read_bytes(), f.name).company) for f in files)
    assert named / len(files) >= 0.85, f"{named} of {len(files)}"  # was about 57% before 'Welcome' and period-first


def _dataset_call(welcome: str, name: str):
    call = {"prepared_remarks": [
        {"speaker": "Operator", "speech": welcome + " [Operator Instructions]"},
        {"speaker": "Ada Moss", "speech": "Thank you. Revenue was $210 million, up 9% from a year ago."}],
        "q_and_a": [], "participants": ["Ada Moss--Chief Executive Officer"]}
    return parse_bytes(json.dumps(call).encode(), name)


@pytest.mark.parametrize("welcome,quarter,year", [
    # a fourth-quarter call held early in the next year, filed under that year: the call's own words win
    ("Welcome to the Lindqvist Marine fourth-quarter 2025 earnings call.", 4, 2025),
    ("Good morning and thank you for joining us for Lindqvist Marine's second-quarter fiscal 2026 earnings release "
     "conference call.", 2, 2026),
    ("Welcome to the Lindqvist Marine conference call to discuss our first quarter fiscal year 2027 results.", 1, 2027),
])
def test_the_calls_own_period_wins_over_its_file_name(welcome, quarter, year) -> None:
    tr = _dataset_call(welcome, "LMH_q4_2026.json")
    assert (tr.fiscal_quarter, tr.fiscal_year) == (quarter, year) and tr.ticker == "LMH"


@pytest.mark.parametrize("welcome", [
    "Welcome to the Lindqvist Marine Fourth Quarter Earnings Results Call.",  # no year said: the file's label
    "Welcome to the call. We will compare results with the fourth quarter 2025 earnings call.",
])
def test_the_file_name_holds_when_the_call_names_no_period_of_its_own(welcome) -> None:
    tr = _dataset_call(welcome, "LMH_q4_2026.json")
    assert (tr.fiscal_quarter, tr.fiscal_year) == (4, 2026)
