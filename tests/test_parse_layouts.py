"""Transcript layouts as people find them: Seeking Alpha, Refinitiv StreetEvents, FactSet CallStreet, Bloomberg, a news
article with a translated Q&A, and transcription-service dumps (timestamps, capitals). Each sample in tests/data/layouts
is fictional, written for this project in the layout's shape; inline variants check the same forms in other spellings."""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from summarizer.parse import parse_bytes, parse_text

LAYOUTS = Path(__file__).parent / "data" / "layouts"
E, A, O, X = "executive", "analyst", "operator", "other"
P, Q = "prepared", "qa"

EXPECTED = {
    "bwlx-q3-2025-seeking-alpha.txt": (
        ("Brightwater Logistics", "BWLX", 3, 2025, "2025-10-29"),
        [("Operator", O, None, P), ("Maya Okafor", E, None, P), ("Daniel Reyes", E, None, P),
         ("Priya Natarajan", E, None, P), ("Operator", O, None, Q), ("Tom Feeney", A, "Halvard Capital Partners", Q),
         ("Daniel Reyes", E, None, Q), ("Tom Feeney", A, "Halvard Capital Partners", Q), ("Priya Natarajan", E, None, Q),
         ("Operator", O, None, Q), ("Grace Liu", A, "Marlowe Securities", Q), ("Priya Natarajan", E, None, Q),
         ("Operator", O, None, Q), ("Unidentified Analyst", A, None, Q), ("Daniel Reyes", E, None, Q),
         ("Operator", O, None, Q), ("Daniel Reyes", E, None, Q), ("Operator", O, None, Q)]),
    "crvm-q3-2025-streetevents.txt": (
        ("Corvane Medical Inc", "CRVM", 3, 2025, "2025-10-22"),
        [("Operator", O, None, P), ("Helena Voss", E, None, P), ("Martin K. Adebayo", E, None, P),
         ("Margaret Ellison", E, None, P), ("Operator", O, None, Q), ("Rohan Mehta", A, "Halvard Capital", Q),
         ("Martin K. Adebayo", E, None, Q), ("Operator", O, None, Q), ("Claire Dubois", A, "Pemberly & Co.", Q),
         ("Margaret Ellison", E, None, Q), ("Operator", O, None, Q), ("Jonah Whitaker", A, "Stonebridge Securities", Q),
         ("Unidentified Participant", X, None, Q), ("Martin K. Adebayo", E, None, Q), ("Operator", O, None, Q)]),
    "oksm-q3-2025-callstreet.txt": (
        ("Oakhurst Semiconductor Corp", "OKSM", 3, 2025, "2025-10-28"),
        [("Operator", O, None, P), ("Lena Fairbanks", E, None, P), ("Victor Amani", E, None, P),
         ("Sofia Castellanos", E, None, P), ("Operator", O, None, Q), ("Ethan Brooks", A, "Granite Peak Capital LLC", Q),
         ("Victor Amani", E, None, Q), ("Ethan Brooks", A, "Granite Peak Capital LLC", Q),
         ("Sofia Castellanos", E, None, Q), ("Operator", O, None, Q), ("Mei Tanaka", A, "Kestrel Securities, Inc.", Q),
         ("Sofia Castellanos", E, None, Q), ("Operator", O, None, Q)]),
    "pcrs-q2-2025-bloomberg.txt": (
        ("Pinecrest Renewables Inc", "PCRS", 2, 2025, "2025-08-07"),
        [("Operator", O, None, P), ("Nora Lindgren", E, None, P), ("Felix Osei", E, None, P), ("Operator", O, None, Q),
         ("Harriet Cole", A, "Bluewater Partners", Q), ("Nora Lindgren", E, None, Q),
         ("Harriet Cole", A, "Bluewater Partners", Q), ("Felix Osei", E, None, Q), ("Operator", O, None, Q),
         ("Diego Santos", A, "Alder Bay Capital", Q), ("Nora Lindgren", E, None, Q), ("Operator", O, None, Q)]),
    "lumora-q3-2025-news-qa.txt": (
        ("Lumora Electronics", "3391", 3, 2025, None),
        [("Goldman Sachs analyst", A, "Goldman Sachs", Q), ("Wang Fang", E, None, Q), ("Helen Zhao", A, "Morgan Stanley", Q),
         ("Zhou Wei", E, None, Q), ("Chen Bo", A, "CICC", Q), ("Lin Qiao", E, None, Q),
         ("Li Na", A, "Huatai Securities", Q), ("Wang Fang", E, None, Q)]),
    "hldb-q2-2025-capital-iq.txt": (
        ("Halden Biotech Inc", "HLDB", 2, 2025, "2025-08-14"),
        [("Operator", O, None, P), ("Amara Osei", E, None, P), ("Lukas Brandt", E, None, P), ("Operator", O, None, Q),
         ("Priyanka Rao", A, "Northgate Research", Q), ("Amara Osei", E, None, Q), ("Operator", O, None, Q),
         ("Samuel Okoro", A, "Tidewell Securities LLC", Q), ("Lukas Brandt", E, None, Q), ("Operator", O, None, Q)]),
    "mrdn-q1-2026-webcast.vtt": (
        ("Meridian Outdoor", None, 1, 2026, None),
        [("Operator", O, None, P), ("Clara Whitman", E, None, P), ("Operator", O, None, Q),
         ("Owen Pryce", A, "Larkspur Capital", Q), ("Clara Whitman", E, None, Q)]),
    "fvtg-q2-fy2026-timestamped.txt": (
        ("Ferrovia Transit Group", "FVTG", 2, 2026, "2026-02-05"),
        [("Operator", O, None, P), ("Elena Marchetti", E, None, P), ("Tomas Berg", E, None, P), ("Operator", O, None, Q),
         ("Nadia Haddad", A, "Corbel Securities", Q), ("Tomas Berg", E, None, Q), ("Operator", O, None, Q),
         ("Unidentified Analyst", A, None, Q), ("Elena Marchetti", E, None, Q), ("Unknown Speaker", X, None, Q),
         ("Elena Marchetti", E, None, Q), ("Operator", O, None, Q)]),
}
# Furniture of each layout that must never reach a turn.
FURNITURE = re.compile(
    r"copyright|all rights reserved|disclaimer|definitions|preliminary transcript|recommended for you|comments \(\d|"
    r"sign up|factset|callstreet|total pages|corrected transcript|\{BIO|<GO>|may not be 100 percent|related reading|"
    r"record high after|five things|share (?:to|this)|wechat|font size|editor:|reporter|tech daily|streetevents|"
    r"={3,}|-{3,}|\.{5,}|^\d+$|\[\d+\]|\d\d:\d\d|cold-chain compounder|materials have been prepared|liability|"
    r"table of contents|-->|<v |</?i>|webvtt|captions of", re.I | re.M)


@pytest.fixture(scope="module", params=sorted(EXPECTED))
def layout(request):
    name = request.param
    return name, parse_bytes((LAYOUTS / name).read_bytes(), name)


def test_every_layout_sample_is_checked():
    assert sorted(p.name for p in LAYOUTS.iterdir()) == sorted(EXPECTED)


def test_speakers_roles_firms_and_sections(layout):
    name, tr = layout
    got = [(t.speaker, t.role, t.firm, t.section) for t in tr.turns]
    assert got == EXPECTED[name][1]


def test_metadata(layout):
    name, tr = layout
    assert (tr.company, tr.ticker, tr.fiscal_quarter, tr.fiscal_year, tr.call_date) == EXPECTED[name][0]
    assert tr.source == name


def test_no_page_furniture_in_any_turn(layout):
    _, tr = layout
    for t in tr.turns:
        assert t.text.strip()
        assert not FURNITURE.search(t.text), (t.speaker, FURNITURE.search(t.text))
        assert not FURNITURE.search(t.speaker) and not FURNITURE.search(t.title or "")


def test_title_lines_under_names_are_titles_not_speech():
    tr = parse_bytes((LAYOUTS / "oksm-q3-2025-callstreet.txt").read_bytes(), "call.txt")
    victor = [t for t in tr.turns if t.speaker == "Victor Amani"]
    assert victor[0].title == "President, Chief Executive Officer & Director"
    assert victor[0].text.startswith("Thank you, Lena. Revenue")
    assert victor[0].text.endswith("worked down inventory.")  # the page break's running header is gone
    ethan = next(t for t in tr.turns if t.speaker == "Ethan Brooks")
    assert ethan.title == "Analyst" and ethan.text.startswith("Thanks for taking my question.")


def test_streetevents_titles_and_paragraphs():
    tr = parse_bytes((LAYOUTS / "crvm-q3-2025-streetevents.txt").read_bytes(), "se.txt")
    martin = next(t for t in tr.turns if t.speaker == "Martin K. Adebayo")
    assert martin.title == "CEO, President & Director"
    assert martin.text.count("\n\n") == 1 and martin.text.endswith("began shipping in September.")
    assert tr.turns[-1].text.endswith("You may now disconnect.")
    claire = next(t for t in tr.turns if t.speaker == "Claire Dubois")
    assert claire.title == "MD & Senior Research Analyst"


def test_news_article_keeps_reported_speech_and_leaves_the_page_out():
    tr = parse_bytes((LAYOUTS / "lumora-q3-2025-news-qa.txt").read_bytes(), "news.txt")
    assert tr.title == "Lumora Electronics Q3 call: management expects AI glasses to break even next year"
    assert tr.turns[0].text.startswith("An analyst from Goldman Sachs asked about the outlook for gross margin")
    assert tr.turns[4].text == "When will the AI glasses business break even?"
    assert tr.turns[-1].text.endswith("at the annual results in March.")
    assert "21.4 billion yuan" in tr.preamble
    assert not re.search(r"Home >|Share to|Font size|See also|Tech Daily \|", tr.preamble)
    assert (tr.turns[1].title, tr.turns[5].title) == ("CFO", "president")


def test_all_caps_speakers_and_titles_become_readable():
    tr = parse_bytes((LAYOUTS / "fvtg-q2-fy2026-timestamped.txt").read_bytes(), "rev.txt")
    elena = tr.turns[1]
    assert (elena.speaker, elena.title) == ("Elena Marchetti", "Chief Executive Officer")
    assert elena.text.endswith("in Porto and in Valencia.")  # "(10:02) TOMAS BERG" starts the next turn
    assert tr.turns[2].text.startswith("Thank you, Elena. Revenue was 842 million euros")


def test_speaker_line_with_title_colon_and_text_on_one_line():
    path = Path(__file__).parent / "data" / "alerts" / "nwrb-q3-2025-call.txt"
    tr = parse_bytes(path.read_bytes(), path.name)
    assert len(tr.turns) == 5
    last = tr.turns[-1]
    assert (last.speaker, last.role, last.title, last.section) == ("Jane Roe", E, "Chief Executive Officer", Q)
    assert last.text == "AI picking systems drove most of the backlog growth, and pricing held firm."
    one = parse_text("Jane Roe -- Chief Executive Officer: Sales rose.\n\nSam Lee -- Acme -- Analyst: Margins?\n\n"
                     "Jane Roe — CEO: Up.\n")
    assert [(t.speaker, t.role, t.firm, t.text) for t in one.turns] == [
        ("Jane Roe", E, None, "Sales rose."), ("Sam Lee", A, "Acme", "Margins?"), ("Jane Roe", E, None, "Up.")]


def test_streetevents_speaker_lines_without_participant_lists():
    tr = parse_text(
        "Presentation\nOperator [1]\nWelcome.\nJane Doe, Acme Corp - CFO [2]\nSales rose.\n"
        "Questions and Answers\nOperator [3]\nFirst question, Tom Brown.\n"
        "Tom Brown, Halvard Securities - Director [4]\nMargins?\nJane Doe, Acme Corp - CFO [5]\nUp.\n")
    assert [(t.speaker, t.role, t.title, t.firm, t.section) for t in tr.turns] == [
        ("Operator", O, None, None, P), ("Jane Doe", E, "CFO", None, P), ("Operator", O, None, None, Q),
        ("Tom Brown", A, "Director", "Halvard Securities", Q), ("Jane Doe", E, "CFO", None, Q)]


def test_callstreet_marks_without_participant_lists():
    tr = parse_text(
        "MANAGEMENT DISCUSSION SECTION\nOperator: Welcome.\nJane Doe\nChief Financial Officer, Acme Corp.\n"
        "Sales rose.\nQUESTION AND ANSWER SECTION\nOperator: First question from Tom Brown.\nTom Brown\n"
        "Analyst, Halvard Securities LLC Q\nMargins?\nJane Doe\nChief Financial Officer, Acme Corp. A\nUp.\n")
    assert [(t.speaker, t.role, t.title, t.firm, t.section, t.text) for t in tr.turns] == [
        ("Operator", O, None, None, P, "Welcome."), ("Jane Doe", E, "Chief Financial Officer", None, P, "Sales rose."),
        ("Operator", O, None, None, Q, "First question from Tom Brown."),
        ("Tom Brown", A, "Analyst", "Halvard Securities LLC", Q, "Margins?"),
        ("Jane Doe", E, "Chief Financial Officer", None, Q, "Up.")]


def test_seeking_alpha_without_blank_lines_and_newer_participant_headers():
    tr = parse_text(
        "Acme Corp. (NASDAQ:ACME) Q2 2025 Earnings Call Transcript\nCompany Participants\nJane Doe - CEO\n"
        "Conference Call Participants\nTom Brown - Halvard Securities\nOperator\nWelcome to Acme's call.\nJane Doe\n"
        "Sales rose 4%.\nQuestion-and-Answer Session\nOperator\nTom Brown, please go ahead.\nTom Brown\nMargins?\n"
        "Jane Doe\nUp 30 basis points.\nUnidentified Analyst\nAnd cash?\nJane Doe\nStrong.\n")
    assert [(t.speaker, t.role, t.firm, t.section, t.text) for t in tr.turns] == [
        ("Operator", O, None, P, "Welcome to Acme's call."), ("Jane Doe", E, None, P, "Sales rose 4%."),
        ("Operator", O, None, Q, "Tom Brown, please go ahead."), ("Tom Brown", A, "Halvard Securities", Q, "Margins?"),
        ("Jane Doe", E, None, Q, "Up 30 basis points."), ("Unidentified Analyst", A, None, Q, "And cash?"),
        ("Jane Doe", E, None, Q, "Strong.")]
    assert (tr.company, tr.ticker, tr.fiscal_quarter, tr.fiscal_year) == ("Acme Corp", "ACME", 2, 2025)


def test_bloomberg_prefixes_with_text_on_the_line():
    tr = parse_text("Questions And Answers\nOperator\nFirst question.\nQ - Tom Brown: Margins?\nA - Jane Doe: Up.\n"
                    "Q - Tom Brown {BIO 1234567 <GO>}\nAnd cash?\nA - Jane Doe {BIO 7654321 <GO>}\nStrong.\n")
    assert [(t.speaker, t.role, t.section, t.text) for t in tr.turns] == [
        ("Operator", O, Q, "First question."), ("Tom Brown", A, Q, "Margins?"), ("Jane Doe", E, Q, "Up."),
        ("Tom Brown", A, Q, "And cash?"), ("Jane Doe", E, Q, "Strong.")]


@pytest.mark.parametrize("text, want", [
    ("[00:12:34] JANE DOE: Sales rose.\n[00:13:00] OPERATOR: Next, Tom Brown with Acme.\n[00:13:10] TOM BROWN: Margins?\n",
     [("Jane Doe", E), ("Operator", O), ("Tom Brown", A)]),
    ("(10:02) Jane Doe\nSales rose.\n(10:05) Operator\nNext, Tom Brown with Acme.\n(10:06) Tom Brown\nMargins?\n",
     [("Jane Doe", E), ("Operator", O), ("Tom Brown", A)]),
    ("Jane Doe  0:41\nSales rose.\nOperator  5:02\nNext, Tom Brown with Acme.\nTom Brown  5:10\nMargins?\n",
     [("Jane Doe", E), ("Operator", O), ("Tom Brown", A)]),
    ("JANE DOE (00:00:41):\nSales rose.\nOPERATOR (00:05:02):\nNext, Tom Brown with Acme.\nUNKNOWN SPEAKER (00:05:10):\n"
     "Margins?\nJANE DOE (00:05:30):\nUp.\n", [("Jane Doe", E), ("Operator", O), ("Unknown Speaker", X), ("Jane Doe", E)]),
])
def test_timestamp_spellings(text, want):
    tr = parse_text(text)
    assert [(t.speaker, t.role) for t in tr.turns] == want
    assert not any(re.search(r"\d:\d\d", t.text) for t in tr.turns)


@pytest.mark.parametrize("label, want", [
    ("Q: An analyst from Citi asked about margins.", ("Citi analyst", A, "Citi")),
    ("Q: Jo Ma of Acme Securities asked about margins.", ("Jo Ma", A, "Acme Securities")),
    ("Q: Acme Securities' Jo Ma asked about margins.", ("Jo Ma", A, "Acme Securities")),
    ("Q: Acme Securities analyst Jo Ma asked about margins.", ("Jo Ma", A, "Acme Securities")),
    ("Question (Jo Ma, Acme Securities): What about margins?", ("Jo Ma", A, "Acme Securities")),
    ("Q: What about margins?", ("Question", A, None)),
])
def test_news_question_forms(label, want):
    tr = parse_text(f"{label}\n\nA: CFO Wang Fang said margins would rise.\n\nQ: And cash?\n\nA: Strong.\n")
    first = tr.turns[0]
    assert (first.speaker, first.role, first.firm) == want
    assert (tr.turns[1].speaker, tr.turns[1].title, tr.turns[1].role) == ("Wang Fang", "CFO", E)
    assert (tr.turns[3].speaker, tr.turns[3].role) == ("Answer", E)


def test_after_a_comments_box_only_the_calls_own_speakers_resume():
    tr = parse_text("Jane Doe: Sales rose.\n\nTom Brown: Margins?\n\nJane Doe: Up.\n\nComments\n\n"
                    "Bob Smith: Great call, buying more.\n\nJane Doe: One more thing: we raised the dividend.\n")
    assert [t.speaker for t in tr.turns] == ["Jane Doe", "Tom Brown", "Jane Doe", "Jane Doe"]
    assert "buying more" not in " ".join(t.text for t in tr.turns)


@pytest.mark.parametrize("head, want", [
    ("Acme Corp (NASDAQ: ACME) Q3 2025 Earnings Call", ("ACME", 3, 2025, None)),
    ("Acme Corp third quarter fiscal 2025 earnings call\nOctober 29, 2025", (None, 3, 2025, "2025-10-29")),
    ("Acme Corp FY25 Q3 Earnings Call\n29 October 2025", (None, 3, 2025, "2025-10-29")),
    ("Acme Corp Q3 FY25 Results Call\nWednesday, October 29th, 2025", (None, 3, 2025, "2025-10-29")),
    ("Acme Corp 3Q25 Earnings Call\n29-Oct-2025", (None, 3, 2025, "2025-10-29")),
    ("Acme Corp Q3 '25 Earnings Call\nDate: 10/29/2025", (None, 3, 2025, "2025-10-29")),
    ("Acme Corp (NYSE:ACME) Q3 2025 Earnings Conference Call October 29, 2025 8:30 AM ET", ("ACME", 3, 2025, "2025-10-29")),
    ("ACME.N - Q3 2025 Acme Corp Earnings Call\nEVENT DATE/TIME: OCTOBER 29, 2025 / 12:30PM GMT", ("ACME", 3, 2025, "2025-10-29")),
    ("Company Name: Acme Corp\nCompany Ticker: ACME US Equity\nDate: 2025-10-29\nQ3 2025 Earnings Call", ("ACME", 3, 2025, "2025-10-29")),
    ("Acme Corp Q3 of fiscal year 2025 call\nCall date: Oct. 29, 2025", (None, 3, 2025, "2025-10-29")),
    ("Acme Corp FY2025 third quarter results call\nDate: 29.10.2025", (None, 3, 2025, "2025-10-29")),
    ("Acme Corp Q3-2025 Earnings Call\nRecorded on: 2025/10/29", (None, 3, 2025, "2025-10-29")),
    ("Acme Corp Q3 2025 results\nPublished November 2, 2025\nThe conference call was held on Wednesday, 29 October 2025.",
     (None, 3, 2025, "2025-10-29")),
])
def test_metadata_spellings(head, want):
    tr = parse_text(f"{head}\n\nOperator: Welcome to the Acme Corp call.\n\nJane Doe: Sales rose.\n")
    assert (tr.ticker, tr.fiscal_quarter, tr.fiscal_year, tr.call_date) == want
    assert tr.company == "Acme Corp"
    assert [t.speaker for t in tr.turns] == ["Operator", "Jane Doe"]


def test_json_contract_on_a_streetevents_file():
    from bot.cli import _register, cli

    _register()
    res = CliRunner().invoke(cli, ["parse", str(LAYOUTS / "crvm-q3-2025-streetevents.txt"), "--json"],
                             catch_exceptions=False)
    assert res.exit_code == 0
    data = json.loads(res.output)
    assert {"title", "company", "ticker", "fiscal_quarter", "fiscal_year", "call_date", "source", "turns"} <= set(data)
    assert data["turns"][5] == {"speaker": "Rohan Mehta", "role": "analyst", "title": "Senior Analyst",
                                "firm": "Halvard Capital", "section": "qa", "text": data["turns"][5]["text"]}
    assert data["turns"][5]["text"].startswith("Congratulations on the quarter.")


def test_capital_iq_names_titles_and_firm_lines():
    tr = parse_bytes((LAYOUTS / "hldb-q2-2025-capital-iq.txt").read_bytes(), "ciq.txt")
    amara = tr.turns[1]
    assert (amara.title, amara.text.split("\n\n")[0][:30]) == ("CEO & Director", "Thank you. Product revenue for")
    assert tr.turns[-1].text == "This concludes today's call. Thank you for participating."  # the legal notice is cut
    assert tr.title == "Halden Biotech, Inc. NasdaqGS:HLDB"


def test_webvtt_cues_of_one_speaker_make_one_turn():
    tr = parse_bytes((LAYOUTS / "mrdn-q1-2026-webcast.vtt").read_bytes(), "webcast.vtt")
    assert tr.turns[1].text == "Thank you. Sales rose 6% to $318 million, and our new tent line sold out in March."
    assert tr.turns[-1].text == "About two points. Volume did the rest."


def test_subrip_captions_with_name_prefixes_and_change_marks():
    srt = ("1\n00:00:01,000 --> 00:00:04,000\nJANE DOE: Sales rose 6% this quarter,\n\n2\n00:00:04,000 --> 00:00:07,000\n"
           "driven by our outdoor line.\n\n3\n00:00:07,500 --> 00:00:10,000\n>> OPERATOR: Next, Tom Brown with Acme.\n\n"
           "4\n00:00:10,500 --> 00:00:12,000\n>> TOM BROWN: Margins?\n\n5\n00:00:12,500 --> 00:00:14,000\n>> Up 30 basis points.\n")
    tr = parse_bytes(srt.encode(), "call.srt")
    assert [(t.speaker, t.role, t.text) for t in tr.turns] == [
        ("Jane Doe", E, "Sales rose 6% this quarter, driven by our outdoor line."),
        ("Operator", O, "Next, Tom Brown with Acme."), ("Tom Brown", A, "Margins?"), ("Unknown Speaker", X, "Up 30 basis points.")]


def test_a_providers_legal_notice_after_the_last_turn_is_cut():
    tr = parse_text("Jane Doe: Sales rose.\n\nOperator: That concludes the call.\n\nThe content is provided \"as is\"; "
                    "the provider disclaims all warranties and accepts no liability. Reproduction is prohibited.\n")
    assert tr.turns[-1].text == "That concludes the call."
    kept = parse_text("Jane Doe: Sales rose.\n\nOperator: That concludes the call.\n\nThank you all for joining us.\n")
    assert kept.turns[-1].text == "That concludes the call.\n\nThank you all for joining us."


@pytest.mark.parametrize("case", [str.strip, str.upper])
def test_names_alone_on_lines_without_any_section_header(case):
    text = ("Acme Corp Q3 2025 Earnings Call\n\n{op}\n\nGood morning and welcome to the Acme call.\n\n{jane}\n\n"
            "Thanks. Sales rose 8%.\n\n{op}\n\nOur first question comes from Tom Brown with Halvard Securities.\n\n"
            "{tom}\n\nMargins?\n\n{jane}\n\nUp 30 basis points.\n").format(
        op=case("Operator"), jane=case("Jane Doe"), tom=case("Tom Brown"))
    tr = parse_text(text)
    assert [(t.speaker, t.role, t.firm, t.section) for t in tr.turns] == [
        ("Operator", O, None, P), ("Jane Doe", E, None, P), ("Operator", O, None, Q),
        ("Tom Brown", A, "Halvard Securities", Q), ("Jane Doe", E, None, Q)]
    hosts = parse_text("Jane Doe\n\nWelcome, everyone.\n\nJohn Roe\n\nSales rose.\n\nJane Doe\n\nQuestions?\n\n"
                       "John Roe\n\nNone today.\n")
    assert [t.speaker for t in hosts.turns] == ["Jane Doe", "John Roe", "Jane Doe", "John Roe"]


@pytest.mark.parametrize("label, want", [
    ("Analyst from Goldman Sachs", ("Goldman Sachs analyst", A, "Analyst", "Goldman Sachs")),
    ("An analyst from Morgan Stanley", ("Morgan Stanley analyst", A, "Analyst", "Morgan Stanley")),
    ("Question from Citi analyst Jo Ma", ("Jo Ma", A, "Analyst", "Citi")),
    ("Question (Jo Ma, Citi)", ("Jo Ma", A, None, "Citi")),
])
def test_news_labels_naming_the_asker(label, want):
    tr = parse_text(f"{label}: How is demand?\n\nLei Jun, founder, chairman and CEO: Strong.\n\nAnswer from the CFO: Fine.\n")
    assert [(t.speaker, t.role, t.title, t.firm) for t in tr.turns] == [
        want, ("Lei Jun", E, "founder, chairman and CEO", None), ("CFO", E, "CFO", None)]
    assert all(t.section == Q for t in tr.turns)


def test_ir_transcripts_with_caret_speakers_and_semicolon_participants():
    tr = parse_text("Acme Corp Q3 2025 Earnings Call\n\nCorporate Speakers:\n* Jane Doe; Acme Corp; CEO\n"
                    "* John Roe; Acme Corp; CFO\nParticipants:\n* Tom Brown; Halvard Securities; Analyst\n\n"
                    "PRESENTATION\nOperator^ Good morning and welcome.\n\nJane Doe^ Thanks. Sales rose 8%.\n\n"
                    "QUESTIONS AND ANSWERS\nOperator^ Our first question comes from Tom Brown.\n\nTom Brown^ Margins?\n\n"
                    "John Roe^ Up.\n")
    assert [(t.speaker, t.role, t.title, t.firm, t.section, t.text) for t in tr.turns] == [
        ("Operator", O, None, None, P, "Good morning and welcome."), ("Jane Doe", E, "CEO", None, P, "Thanks. Sales rose 8%."),
        ("Operator", O, None, None, Q, "Our first question comes from Tom Brown."),
        ("Tom Brown", A, "Analyst", "Halvard Securities", Q, "Margins?"), ("John Roe", E, "CFO", None, Q, "Up.")]


def test_real_world_name_and_firm_spellings_in_participant_lists():
    tr = parse_text(
        "Acme Corp (ACME) Q1 2025 Earnings Call Transcript\n\nCompany Participants\n\n"
        "W. Robert Berkley, Jr. - President and Chief Executive Officer\n\nConference Call Participants\n\n"
        "Rosemarie Morbelli - g.research\nJulien Dumoulin-Smith - Bank of America\n\nOperator\n\nWelcome.\n\n"
        "W. Robert Berkley, Jr.\n\nSales rose.\n\nQuestion-and-Answer Session\n\nOperator\n\nFirst question.\n\n"
        "Rosemarie Morbelli\n\nMargins?\n\nW. Robert Berkley, Jr.\n\nUp.\n\nJulien Dumoulin-Smith\n\nCash?\n\n"
        "W. Robert Berkley, Jr.\n\nStrong.\n")
    assert [(t.speaker, t.role, t.firm) for t in tr.turns] == [
        ("Operator", O, None), ("W. Robert Berkley, Jr.", E, None), ("Operator", O, None),
        ("Rosemarie Morbelli", A, "g.research"), ("W. Robert Berkley, Jr.", E, None),
        ("Julien Dumoulin-Smith", A, "Bank of America"), ("W. Robert Berkley, Jr.", E, None)]


def test_long_streetevents_speaker_lines_and_hyphenated_callstreet_names():
    se = parse_text(
        "Presentation\nOperator [1]\nWelcome.\nEva G. Tang, Acme Water Co - Senior Vice President-Finance, Chief Financial "
        "Officer, Corporate Secretary and Treasurer [2]\nSales rose.\nQuestions and Answers\nOperator [3]\nNext.\n"
        "Amit Daryanani, Evercore ISI Institutional Equities, Research Division - Senior MD & Fundamental Research Analyst "
        "[4]\nMargins?\n")
    assert [(t.speaker, t.role, t.firm) for t in se.turns] == [
        ("Operator", O, None), ("Eva G. Tang", E, None), ("Operator", O, None),
        ("Amit Daryanani", A, "Evercore ISI Institutional Equities")]
    cs = parse_text("MANAGEMENT DISCUSSION SECTION\nOperator: Welcome.\nJane Doe\nChief Executive Officer, Acme Corp.\n"
                    "Sales rose.\nQUESTION AND ANSWER SECTION\nOperator: Next.\nJulien Dumoulin-Smith\n"
                    "Analyst, Bank of America Q\nMargins?\n")
    assert [(t.speaker, t.role, t.firm, t.text) for t in cs.turns][-1] == (
        "Julien Dumoulin-Smith", A, "Bank of America", "Margins?")


def test_zoom_names_in_brackets_and_timestamps_on_their_own_lines():
    zoom = parse_text("[Jane Doe] 14:02:11\nSales rose.\n\n[Tom Brown] 14:03:00\nMargins?\n\n[Jane Doe] 14:03:20\nUp.\n")
    assert [(t.speaker, t.text) for t in zoom.turns] == [("Jane Doe", "Sales rose."), ("Tom Brown", "Margins?"),
                                                         ("Jane Doe", "Up.")]
    listed = parse_text("Operator\n00:00:05\nWelcome.\n\nJane Doe\nCEO\n00:01:23\nSales rose.\n\nOperator\n00:01:50\n"
                        "First question, Tom Brown.\n\nTom Brown\nAnalyst, Acme Securities\n00:02:00\nMargins?\n\n"
                        "Jane Doe\nCEO\n00:02:30\nUp.\n")
    assert [(t.speaker, t.role, t.title, t.firm, t.text) for t in listed.turns] == [
        ("Operator", O, None, None, "Welcome."), ("Jane Doe", E, "CEO", None, "Sales rose."),
        ("Operator", O, None, None, "First question, Tom Brown."),
        ("Tom Brown", A, "Analyst", "Acme Securities", "Margins?"), ("Jane Doe", E, "CEO", None, "Up.")]


def test_a_provider_headline_with_a_dash_is_not_a_speaker():
    tr = parse_text("ACME.N - Q3 2025 Acme Corp Earnings Call\n\nOperator [1]\nWelcome.\nJane Doe, Acme Corp - CFO [2]\n"
                    "Sales rose.\n")
    assert [t.speaker for t in tr.turns] == ["Operator", "Jane Doe"]
    page = ("<html><head><title>Acme</title></head><body><p>ACME.N - Q3 2025 Acme Corp Earnings Call</p>"
            "<p>Operator [1]</p><p>Welcome.</p><p>Jane Doe, Acme Corp - CFO [2]</p><p>Sales rose.</p></body></html>")
    assert [t.speaker for t in parse_bytes(page.encode(), "se.html").turns] == ["Operator", "Jane Doe"]


def _api_turns(tr):
    return [(t.speaker, t.role, t.title, t.firm, t.section, t.text) for t in tr.turns]


def test_transcript_api_json_with_the_call_as_one_string():
    fmp = [{"symbol": "ACME", "quarter": 3, "year": 2025, "date": "2025-10-29 17:00:00",
            "content": "Operator: Good day, and welcome to the Acme third quarter call.\nJane Doe: Thanks. Sales rose 8%.\n"
                       "Operator: Our first question comes from Tom Brown with Halvard Securities.\nTom Brown: Margins?\n"
                       "Jane Doe: Up."}]
    tr = parse_bytes(json.dumps(fmp).encode(), "acme.json")
    assert (tr.ticker, tr.fiscal_quarter, tr.fiscal_year, tr.call_date) == ("ACME", 3, 2025, "2025-10-29")
    assert _api_turns(tr) == [
        ("Operator", O, None, None, P, "Good day, and welcome to the Acme third quarter call."),
        ("Jane Doe", E, None, None, P, "Thanks. Sales rose 8%."),
        ("Operator", O, None, None, Q, "Our first question comes from Tom Brown with Halvard Securities."),
        ("Tom Brown", A, None, "Halvard Securities", Q, "Margins?"), ("Jane Doe", E, None, None, Q, "Up.")]
    again = parse_bytes(json.dumps(tr.to_json()).encode(), "again.json")  # our own output still round-trips
    assert again.to_json() == tr.to_json()


def test_transcript_api_json_with_a_list_of_turns():
    av = {"symbol": "ACME", "quarter": "2025Q3", "transcript": [
        {"speaker": "Operator", "title": "Operator", "content": "Welcome to the Acme call.", "sentiment": "0.5"},
        {"speaker": "Jane Doe", "title": "Chief Executive Officer", "content": "Sales rose 8%.", "sentiment": "0.7"},
        {"speaker": "Operator", "title": "Operator", "content": "Our first question comes from Tom Brown.", "sentiment": "0.5"},
        {"speaker": "Tom Brown", "title": "Analyst", "content": "Margins?", "sentiment": "0.1"},
        {"speaker": "Jane Doe", "title": "Chief Executive Officer", "content": "Up.", "sentiment": "0.6"}]}
    tr = parse_bytes(json.dumps(av).encode(), "av.json")
    assert (tr.ticker, tr.fiscal_quarter, tr.fiscal_year) == ("ACME", 3, 2025)
    assert _api_turns(tr) == [
        ("Operator", O, None, None, P, "Welcome to the Acme call."),
        ("Jane Doe", E, "Chief Executive Officer", None, P, "Sales rose 8%."),
        ("Operator", O, None, None, Q, "Our first question comes from Tom Brown."),
        ("Tom Brown", A, "Analyst", None, Q, "Margins?"), ("Jane Doe", E, "Chief Executive Officer", None, Q, "Up.")]
    diarized = parse_bytes(json.dumps({"utterances": [{"speaker": "A", "text": "Welcome."},
                                                      {"speaker": "B", "text": "Thanks."}]}).encode(), "asr.json")
    assert [(t.speaker, t.role) for t in diarized.turns] == [("Speaker A", X), ("Speaker B", X)]


def test_a_related_links_block_inside_a_news_qa_does_not_end_it():
    tr = parse_text("Q: An analyst from Citi asked about margins.\n\nA: CFO Wang Fang said margins would rise.\n\n"
                    "Q: Li Na of UBS asked about cash.\n\nA: Wang Fang said cash was strong.\n\n"
                    "Related reading:\nAcme shares jump\nFive things to watch\n\n"
                    "Goldman Sachs analyst Jo Ma: And cash?\n\nWang Fang: Strong.\n\nComments\n\nBob Smith: Great call.\n")
    assert [(t.speaker, t.role) for t in tr.turns] == [("Citi analyst", A), ("Wang Fang", E), ("Li Na", A),
                                                      ("Wang Fang", E), ("Jo Ma", A), ("Wang Fang", E)]
    assert "Five things" not in " ".join(t.text for t in tr.turns)


def test_a_speaker_line_naming_an_outside_firm_is_a_questioner():
    tr = parse_text("Jane Roe - Chief Executive Officer\n\nSales rose.\n\nQuestion-and-Answer Session\n\nOperator\n\n"
                    "First question.\n\nTom Brown - Acme Securities\n\nMargins?\n\nJane Roe - Chief Executive Officer\n\n"
                    "Up.\n\n**Jo Ma** (Halvard Capital): Cash?\n\n**Jane Roe** (CEO): Fine.\n")
    assert [(t.speaker, t.role, t.firm) for t in tr.turns] == [
        ("Jane Roe", E, None), ("Operator", O, None), ("Tom Brown", A, "Acme Securities"), ("Jane Roe", E, None),
        ("Jo Ma", A, "Halvard Capital"), ("Jane Roe", E, None)]


def test_a_short_line_said_twice_near_the_top_is_speech_not_a_page_header():
    tr = parse_text("Operator\n\nWelcome.\n\nJane Doe\n\nThank you.\n\nSales rose.\n\nOperator\n\nFirst question.\n\n"
                    "Tom Brown\n\nThank you.\n\nMargins?\n\nJane Doe\n\nUp.\n")
    assert [t.text for t in tr.turns] == ["Welcome.", "Thank you.\n\nSales rose.", "First question.",
                                          "Thank you.\n\nMargins?", "Up."]


def test_labels_ending_in_a_reporting_verb():
    tr = parse_text("Analyst from Goldman Sachs asked: How is demand?\n\nCFO Wang Fang responded: Strong.\n\n"
                    "Li Na of UBS asked: And cash?\n\nZhou Wei said: Fine.\n")
    assert [(t.speaker, t.role, t.firm, t.section, t.text) for t in tr.turns] == [
        ("Goldman Sachs analyst", A, "Goldman Sachs", Q, "How is demand?"), ("Wang Fang", E, None, Q, "Strong."),
        ("Li Na", A, "UBS", Q, "And cash?"), ("Zhou Wei", E, None, Q, "Fine.")]


def test_operator_variants_and_three_part_dash_lines():
    named = parse_text("Operator (Sarah): Welcome.\n\nJane Doe: Sales rose.\n\n"
                       "Operator (Sarah): First question, Tom Brown with Acme Securities.\n\nTom Brown: Margins?\n")
    assert [(t.speaker, t.role, t.firm, t.section) for t in named.turns] == [
        ("Operator", O, None, P), ("Jane Doe", E, None, P), ("Operator", O, None, Q), ("Tom Brown", A, "Acme Securities", Q)]
    titled = parse_text("Operator -- Conference Operator\n\nWelcome.\n\nJane Doe -- CEO\n\nSales rose.\n")
    assert [(t.speaker, t.role, t.text) for t in titled.turns] == [("Operator", O, "Welcome."), ("Jane Doe", E, "Sales rose.")]
    three = parse_text("Jane Doe – Chief Executive Officer – Acme Corp\n\nSales rose.\n\n"
                       "Tom Brown – Analyst – Halvard Securities\n\nMargins?\n")
    assert [(t.speaker, t.role, t.title, t.firm) for t in three.turns] == [
        ("Jane Doe", E, "Chief Executive Officer", None), ("Tom Brown", A, "Analyst", "Halvard Securities")]


@pytest.mark.parametrize("text", [":", " : x", "asked:", "Q - :", "A - ", "(10:02)", "[x] 10:02", "Operator [1]"])
def test_degenerate_label_lines_do_not_crash(text):
    tr = parse_text(text)
    assert all(t.text.strip() for t in tr.turns)


def test_json_with_wrong_field_types_keeps_the_contract():
    data = {"title": 3, "company": ["x"], "fiscal_quarter": [{"a": 1}], "fiscal_year": "2025", "call_date": 20251029,
            "turns": [{"speaker": "Jo Ma", "text": "Hello.", "title": 5, "firm": {}}]}
    tr = parse_bytes(json.dumps(data).encode(), "ours.json")
    assert (tr.title, tr.company, tr.fiscal_quarter, tr.fiscal_year, tr.call_date) == (None, None, None, None, None)
    assert (tr.turns[0].title, tr.turns[0].firm, tr.turns[0].text) == (None, None, "Hello.")
    api = parse_bytes(json.dumps({"symbol": "ACME", "quarter": "Q0", "year": "abc", "content": "Jo Ma: Hi."}).encode(), "a.json")
    assert (api.ticker, api.fiscal_quarter, api.fiscal_year) == ("ACME", None, None)
