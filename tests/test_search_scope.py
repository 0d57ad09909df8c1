"""Search as a reader expects: a company and quarter named in the text, tickers in any case or with punctuation,
synonyms from the thesaurus (each hit saying which form matched), and the exact form that turns them off."""
from __future__ import annotations

from pathlib import Path

import pytest

from bot.ops import calls
from bot.ops.ingest import ingest_text
from storage import search as fts
from summarizer.errors import InputError
from tests.fakebotapi.harness import BotHarness, copy_db, samples_db
from tests.fakebotapi.server import FakeBotAPI

RK = """R&K Inc. (NASDAQ: RNK) Q2 2025 Earnings Call

Operator: Welcome to the R&K second quarter 2025 earnings call.

Lena Brightwater -- Chief Financial Officer: Capital expenditures were $12 million in the quarter. GM expanded
120 basis points to 38.4% on better mix. Customer acquisition costs fell 9% as referral traffic grew.
Our comps were up 4% with traffic up 2%.

Jonas Pell -- Analyst: Thanks. How do you think about capex for the second half of the year?

Lena Brightwater -- Chief Financial Officer: We see capex of about $25 million for the year.
"""

BRAMBLE = """Bramble Rock Kilns (NYSE: BRK-B) Q1 2025 Earnings Call

Operator: Welcome to the Bramble Rock Kilns first quarter 2025 earnings call.

Ivo Strand -- Chief Executive Officer: GM trucks were again our largest customer for kiln liners.
Capital spending will stay near $40 million while the gross profit rate held at 29%.
"""


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from storage.db import open_db

    path = samples_db(tmp_path_factory.mktemp("scope") / "samples.db")
    db = open_db(path)
    ingest_text(db, RK, "rk-q2-2025.txt")
    ingest_text(db, BRAMBLE, "bramble-q1-2025.txt")
    db.close()
    return path


@pytest.fixture
def db(template: Path, tmp_path: Path):
    from storage.db import open_db

    database = open_db(copy_db(template, tmp_path / "s.db"))
    yield database
    database.close()


@pytest.mark.parametrize("text,company,quarter,query", [
    ("NWRB capex", "Northwind Robotics Inc", None, "capex"),
    ("nwrb capex", "Northwind Robotics Inc", None, "capex"),
    ("$hlcn inventory", "Halcyon Foods", None, "inventory"),
    ("capex for Northwind", "Northwind Robotics Inc", None, "capex"),
    ("northwind robotics capex", "Northwind Robotics Inc", None, "capex"),
    ("NWRB Q3 2025 pricing", "Northwind Robotics Inc", "Q3 2025", "pricing"),
    ("capex for HLCN Q3 2025", "Halcyon Foods", "Q3 2025", "capex"),
    ("brk.b capex", "Bramble Rock Kilns", None, "capex"),
    ("BRKB capex", "Bramble Rock Kilns", None, "capex"),
    ("rk capex", "R&K Inc", None, "capex"),
    ("R&K capex", "R&K Inc", None, "capex"),
    ("capex for r&k", "R&K Inc", None, "capex"),
    ("revenue growth", None, None, "revenue growth"),  # finance words are never taken for a company
    ("gross margin", None, None, "gross margin"),
    ("demand for chips", None, None, "demand for chips"),  # 'for' a word that is no company: searched as typed
    ('"northwind" capex', None, None, '"northwind" capex'),  # a quoted word is looked for, not a company
])
def test_the_text_names_its_company_and_quarter(db, text: str, company: str | None, quarter: str | None,
                                                query: str) -> None:
    scope = calls.read_search(db, text)
    assert (scope.company.name if scope.company else None, scope.quarter, scope.query) == (company, quarter, query)


def test_scoped_hits_all_come_from_the_named_calls(db) -> None:
    for text, label in (("NWRB capex", "Northwind Robotics"), ("NWRB Q3 2025 pricing", "Northwind Robotics Q3 2025"),
                        ("capex for brk.b", "Bramble Rock Kilns Q1 2025")):
        hits = calls.search_in(db, calls.read_search(db, text), limit=20)
        assert hits and all(h.call.label.startswith(label) for h in hits), text
    everywhere = calls.search(db, "capex", limit=50)
    assert {h.call.company for h in everywhere} >= {"R&K Inc", "Bramble Rock Kilns", "Northwind Robotics Inc"}


@pytest.mark.parametrize("text,needle", [
    ("NWRB Q7 2025 pricing", "not a quarter"),
    ("NWRB Q1 2019 pricing", "No Northwind Robotics Inc Q1 2019 call"),
    ("NWRB", None),  # a company alone is a word to look for
    ("capex for NWRB Q3 2025", None),
])
def test_a_scope_that_cannot_work_says_why(db, text: str, needle: str | None) -> None:
    if needle is None:
        calls.search_in(db, calls.read_search(db, text))
        return
    with pytest.raises(InputError, match=needle):
        calls.search_in(db, calls.read_search(db, text))


def test_synonyms_find_other_wordings_and_say_which_matched(db) -> None:
    hits = calls.search(db, "capex", company="RNK", limit=10)
    notes = {f for h in hits for f, typed in h.matched if typed == "capex"}
    assert "capital expenditures" in notes
    assert any("Capital expenditures" in h.text for h in hits) and any("capex" in h.text for h in hits)
    assert not any("Capital expenditures" in h.text for h in calls.search(db, "capex", company="RNK", exact=True))
    assert not any("Capital expenditures" in h.text for h in calls.search(db, "=capex", company="RNK"))
    assert calls.search(db, "capex", company="RNK")[0].to_json()["matched"] in ([], [{"form": "capital expenditures", "for": "capex"}])


def test_an_ambiguous_abbreviation_is_found_only_where_it_fits(db) -> None:
    rk = calls.search(db, '"gross margin"', company="RNK")
    assert any("GM expanded" in h.text for h in rk)
    assert ("GM", "gross margin") in {m for h in rk for m in h.matched}
    bramble = [h.text for h in calls.search(db, '"gross margin"', company="Bramble")]
    assert not any("GM trucks" in t for t in bramble) and any("gross profit rate" in t for t in bramble)
    assert not any("Customer acquisition" in h.text for h in calls.search(db, "M&A", company="RNK"))
    assert any("comps were up" in h.text for h in calls.search(db, '"same-store sales"', company="RNK"))


def test_excluded_words_are_not_expanded_and_the_thesaurus_never_finds_less(db) -> None:
    for q in ["capex", '"gross margin"', "gross margin", "capex -guidance", "tariffs OR duties", "inventory NOT china",
              "revenue", "EPS", "=EPS", "supply chain"]:
        on = {h.sentence_id for h in calls.search(db, q, limit=100)}
        off = {h.sentence_id for h in calls.search(db, q, limit=100, exact=True)}
        assert off <= on, q
    only_others = fts.search(db, "capex NOT capex", limit=50)  # the word is excluded, its other wordings are not
    assert only_others and all("capex" not in h.text.lower() for h in only_others)



LONG_FORMS = """Quill Harbor Systems (NYSE: QHS) Q3 2025 Earnings Call

Operator: Welcome to the Quill Harbor Systems third quarter 2025 earnings call.

Ada Voss -- Chief Financial Officer: Free cash flow generation was a focus, and free cash flow generation will stay one.
Free cash flow was $48 million in the quarter. We spent on free cash flow generation programs all year long.
FCF conversion improved to 96% of net income this year.
"""


def test_the_words_typed_rank_first_and_a_longer_form_holding_them_is_no_other_wording(db) -> None:
    ingest_text(db, LONG_FORMS, "qhs-q3-2025.txt")
    hits = calls.search(db, '"free cash flow"', company="QHS", limit=10)
    # all four sentences say it; none ranks higher for repeating "free cash flow generation"
    assert len(hits) == 4 and hits[-1].text.startswith("FCF conversion")
    assert hits[0].text.startswith("Free cash flow was") or "generation" in hits[0].text
    assert [h.matched for h in hits[:3]] == [[], [], []]  # "free cash flow generation" holds the words typed
    assert hits[-1].matched == [("FCF", "free cash flow")]
    fcf = calls.search(db, "FCF", company="QHS", limit=10)
    assert fcf[0].text.startswith("FCF conversion") and fcf[0].matched == []
    assert {f for h in fcf[1:] for f, _ in h.matched} == {"free cash flow", "free cash flow generation"}

@pytest.fixture
def bot(fake_bot_api: FakeBotAPI, template: Path, tmp_path: Path):
    h = BotHarness(fake_bot_api, copy_db(template, tmp_path / "bot.db"))
    yield h
    h.close()


def test_bot_search_scoped_to_a_company_and_quarter_with_labels(bot: BotHarness, fake_bot_api: FakeBotAPI) -> None:
    [msg] = bot.command("search", "NWRB Q3 2025 pricing")
    text = msg["text"]
    assert text.startswith("Search pricing in Northwind Robotics Inc Q3 2025")
    heads = [ln for ln in text.splitlines() if "· #" in ln]
    assert heads and all(ln.startswith("Northwind Robotics Q3 2025 · #") for ln in heads)
    [other] = bot.command("search", "capex for r&k")
    assert "in R&amp;K Inc" in other["text"] or "in R&K Inc" in other["text"]
    assert 'matched "capital expenditures" for "capex"' in other["text"]
    assert "not a quarter" in bot.command("search", "NWRB Q7 2025 pricing")[0]["text"]
    assert fake_bot_api.violations == []


NEAR_CALL = """Tamsin Ridge Foods (NYSE: TRF) Q2 2025 Earnings Call

Operator: Welcome to the Tamsin Ridge Foods second quarter 2025 earnings call.

Oren Vale -- Chief Financial Officer: We expect shipments to build toward the back end of the year as the new line ramps.
On the back end the year started slowly because the warehouse software was replaced in January.
"""


def test_a_form_looked_for_by_its_words_near_each_other_is_kept_only_where_it_is_said(db) -> None:
    # "back end of the year" is looked for as NEAR("back end" "year") (FTS5 reads no posting list of "of" or
    # "the"); a sentence with those words near each other but not the phrase is not a hit
    ingest_text(db, NEAR_CALL, "trf-q2-2025.txt")
    hits = calls.search(db, '"second half"', company="TRF", limit=10)
    assert [h.text[:30] for h in hits] == ["We expect shipments to build t"]
    assert hits[0].matched == [("back end of the year", "second half")]
    assert fts.fts_query('"second half"', fts.default_thesaurus()).count("NEAR(") >= 1
