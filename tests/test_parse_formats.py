"""The parser on every supported layout: samples, speaker turns, roles, firms, sections and one spelling per speaker."""
from __future__ import annotations

import json
import re

import pytest

from summarizer.model import Transcript
from summarizer.parse import parse_bytes, parse_text

SAMPLES = {
    # file: (company, ticker, quarter, year, call date, analysts' firms, prepared turns)
    "nwrb-q1-2025-call.pdf": ("Northwind Robotics Inc", "NWRB", 1, 2025, "2025-05-07",
                              {"Halvorsen Securities", "Granite Peak Capital", "Castlebar Securities", "Lindqvist & Co."}, 4),
    "nwrb-q2-2025-motley-fool.txt": ("Northwind Robotics Inc", "NWRB", 2, 2025, "2025-08-06",
                                     {"Halvorsen Securities", "Granite Peak Capital", "Bluewater Partners",
                                      "Lindqvist & Co."}, 4),
    "nwrb-q3-2025-transcript.md": ("Northwind Robotics Inc", "NWRB", 3, 2025, "2025-11-05",
                                   {"Halvorsen Securities", "Granite Peak Capital", "Castlebar Securities",
                                    "Lindqvist & Co."}, 4),
    "nwrb-q4-2025-page.html": ("Northwind Robotics Inc", "NWRB", 4, 2025, "2026-02-11",
                               {"Halvorsen Securities", "Granite Peak Capital", "Bluewater Partners",
                                "Lindqvist & Co.", "Castlebar Securities"}, 4),
    "hlcn-q2-2025-call.txt": ("Halcyon Foods", "HLCN", 2, 2025, "2025-07-29",
                              {"Marlow Brothers", "Crestline Research", "Pemberton Securities",
                               "Northbridge Capital Markets"}, 4),
    "hlcn-q3-2025-motley-fool.json": ("Halcyon Foods", "HLCN", 3, 2025, None,
                                      {"Marlow Brothers", "Crestline Research", "Pemberton Securities",
                                       "Northbridge Capital Markets"}, 4),
    "jadeport-q4-2024-news-article.txt": ("Jadeport Technology", None, 4, 2024, None,
                                          {"Kestrel Capital", "Summit Bay Securities", "Northgate Research",
                                           "Tidewell Securities", "Lakeshore Securities", "Crescent Bay Securities",
                                           "Ridgeway Partners"}, 0),
}
NOISE = re.compile(r"see also|cookie|advertisement|sponsored|akismet|leave a comment|subscribe|all rights reserved|"
                   r"related articles|RoboFan|Harbour Tech Daily|MarketWire|must never become a turn|\(over\)", re.I)


@pytest.fixture(scope="module")
def parsed(samples_dir) -> dict[str, Transcript]:
    return {name: parse_bytes((samples_dir / name).read_bytes(), name) for name in SAMPLES}


def test_every_sample_is_bundled_and_in_a_different_format(samples_dir):
    files = sorted(p.name for p in samples_dir.iterdir() if p.is_file() and not p.name.startswith("."))
    assert set(SAMPLES) <= set(files)
    assert {n.rsplit(".", 1)[1] for n in SAMPLES} == {"pdf", "txt", "md", "html", "json"}


@pytest.mark.parametrize("name", sorted(SAMPLES))
def test_sample_metadata(parsed, name):
    company, ticker, quarter, year, date, _firms, _n = SAMPLES[name]
    tr = parsed[name]
    assert (tr.company, tr.ticker, tr.fiscal_quarter, tr.fiscal_year, tr.call_date) == (company, ticker, quarter, year, date)
    assert tr.source == name


@pytest.mark.parametrize("name", sorted(SAMPLES))
def test_sample_turns_roles_firms_and_sections(parsed, name):
    *_, firms, n_prepared = SAMPLES[name]
    tr = parsed[name]
    analysts = [t for t in tr.turns if t.role == "analyst"]
    assert {t.firm for t in analysts} == firms
    assert all(t.section == "qa" for t in analysts), "analysts only speak in the Q&A"
    sections = [t.section for t in tr.turns]
    assert sections.count("prepared") == n_prepared
    assert sections == sorted(sections, key=lambda s: s == "qa"), "one switch from prepared remarks to Q&A"
    assert all(t.text.strip() for t in tr.turns)
    assert {t.role for t in tr.turns} <= {"executive", "analyst", "operator", "other"}


@pytest.mark.parametrize("name", sorted(SAMPLES))
def test_no_page_noise_reaches_a_turn(parsed, name):
    for t in parsed[name].turns:
        assert not NOISE.search(t.text), (t.speaker, NOISE.search(t.text))
        assert t.text.count("Earnings Call Transcript") == 0


def test_speakers_keep_one_spelling_across_the_call(parsed):
    nwrb = parsed["nwrb-q2-2025-motley-fool.txt"]
    names = {t.speaker for t in nwrb.turns}
    assert "C. Marcus Oyelaran" in names and "Marcus Oyelaran" not in names  # "Marcus Oyelaran -- CFO" once
    hlcn = parsed["hlcn-q3-2025-motley-fool.json"]
    assert "Gregory Ashby" in {t.speaker for t in hlcn.turns}
    assert "Greg Ashby" not in {t.speaker for t in hlcn.turns}


def test_executive_titles_come_from_speaker_lines(parsed):
    tr = parsed["nwrb-q2-2025-motley-fool.txt"]
    cfo = [t for t in tr.turns if t.speaker == "C. Marcus Oyelaran"]
    assert cfo and all(t.title == "Chief Financial Officer" and t.role == "executive" for t in cfo)
    assert all(t.role == "operator" for t in tr.turns if t.speaker == "Operator")


def test_multi_paragraph_answer_stays_one_turn(parsed):
    tr = parsed["nwrb-q2-2025-motley-fool.txt"]
    answer = next(t for t in tr.turns if t.text.startswith("Thanks, Kyle. The raise is net"))
    assert answer.speaker == "Dana Whitfield"
    assert answer.text.count("\n\n") == 2 and "So the risk is really about construction" in answer.text


def test_markdown_export_finds_qa_where_the_operator_opens_the_line(parsed):
    tr = parsed["nwrb-q3-2025-transcript.md"]
    first_qa = next(t for t in tr.turns if t.section == "qa")
    assert first_qa.speaker == "Operator" and "open the line for questions" in first_qa.text
    assert tr.title == "NWRB Q3 2025 Earnings Call Transcript"


def test_news_article_keeps_intro_out_of_turns(parsed):
    tr = parsed["jadeport-q4-2024-news-article.txt"]
    assert len(tr.turns) == 20
    assert tr.turns[0].speaker == "Amy Liu" and tr.turns[0].firm == "Kestrel Capital"
    assert tr.preamble and "18.6 billion yuan" in tr.preamble
    assert {t.speaker for t in tr.turns if t.role == "executive"} == {"Zhou Haoran", "Wen Jiayi"}
    assert tr.turns[-1].text.endswith("Thank you all for your support.")


def test_html_sample_drops_scripts_ads_comments_and_footer(parsed):
    text = "\n".join(t.text for t in parsed["nwrb-q4-2025-page.html"].turns)
    for junk in ("dataLayer", "ZeroFee", "Great quarter, buying more", "Accept all cookies", "Privacy", "Sign in"):
        assert junk not in text


def test_pdf_running_header_and_page_numbers_are_dropped(parsed):
    tr = parsed["nwrb-q1-2025-call.pdf"]
    text = "\n".join(t.text for t in tr.turns)
    assert "Page 1 of" not in text and "Earnings Conference Call | May 7" not in text
    assert tr.title == "Northwind Robotics Inc (NWRB) Q1 2025 Earnings Call Transcript"


def test_parse_json_output_round_trips(parsed):
    for name, tr in parsed.items():
        again = parse_bytes(json.dumps(tr.to_json()).encode(), "again.json")
        assert again.to_json() == tr.to_json(), name


def test_json_contract_fields(parsed):
    data = parsed["nwrb-q2-2025-motley-fool.txt"].to_json()
    assert {"title", "company", "ticker", "fiscal_quarter", "fiscal_year", "call_date", "source", "turns"} <= set(data)
    assert set(data["turns"][0]) == {"speaker", "role", "title", "firm", "section", "text"}


def test_name_colon_dump_with_operator_introductions():
    tr = parse_text(
        "Operator: Good morning and welcome to the Acme Widgets third quarter 2024 earnings call.\n\n"
        "Jane Smith: Thanks. Revenue was $12 million, up 8%.\n\n"
        "A second paragraph of prepared remarks.\n\n"
        "Operator: [Operator Instructions] Anthony Chukumba with Loop Capital Markets, your line is open.\n\n"
        "Anthony Chukumba: Can you talk about margins?\n\n"
        "Jane Smith: Margins rose 120 basis points.\n\n"
        "Operator: Our next question comes from the line of Ann Lee with Bank of America. Please go ahead.\n\n"
        "Ann Lee: What about inventory?\n\n"
        "Bob Jones: Inventory fell 5%.\n"
    )
    got = [(t.speaker, t.role, t.firm, t.section) for t in tr.turns]
    assert got == [
        ("Operator", "operator", None, "prepared"),
        ("Jane Smith", "executive", None, "prepared"),
        ("Operator", "operator", None, "qa"),
        ("Anthony Chukumba", "analyst", "Loop Capital Markets", "qa"),
        ("Jane Smith", "executive", None, "qa"),
        ("Operator", "operator", None, "qa"),
        ("Ann Lee", "analyst", "Bank of America", "qa"),
        ("Bob Jones", "executive", None, "qa"),
    ]
    assert tr.turns[1].text == "Thanks. Revenue was $12 million, up 8%.\n\nA second paragraph of prepared remarks."
    assert (tr.company, tr.fiscal_quarter, tr.fiscal_year) == ("Acme Widgets", 3, 2024)


def test_participants_list_gives_full_names_titles_and_firms():
    tr = parse_text(
        "Prepared Remarks:\n\nOperator\n\nWelcome.\n\nKelly Wall -- Chief Financial Officer\n\nSales grew.\n\n"
        "Questions and Answers:\n\nOperator\n\nFirst question.\n\nKyle Joseph\n\nHow is demand?\n\n"
        "Kelly Wall\n\nStrong.\n\nCall participants:\n\nC. Kelly Wall -- Chief Financial Officer\n\n"
        "Kyle Joseph -- Jefferies -- Analyst\n"
    )
    got = [(t.speaker, t.role, t.firm, t.section) for t in tr.turns]
    assert got == [("Operator", "operator", None, "prepared"), ("C. Kelly Wall", "executive", None, "prepared"),
                   ("Operator", "operator", None, "qa"), ("Kyle Joseph", "analyst", "Jefferies", "qa"),
                   ("C. Kelly Wall", "executive", None, "qa")]


def test_analyst_in_speaker_line_variants():
    tr = parse_text(
        "Lu Weibing:We sold more phones.\n\nMorgan Stanley analyst Andy Meng:What about margins?\n\n"
        " Lu Weibing:Margins rose.\n\nJane Roe, analyst at Acme Securities: And inventory?\n\nLu Weibing: Lower.\n"
    )
    analysts = [(t.speaker, t.firm) for t in tr.turns if t.role == "analyst"]
    assert analysts == [("Andy Meng", "Morgan Stanley"), ("Jane Roe", "Acme Securities")]
    assert [t.section for t in tr.turns] == ["prepared", "qa", "qa", "qa", "qa"]


def test_text_without_speaker_markup_is_one_document():
    text = "Revenue grew 12% to $4.1 billion.\nOperating margin was 18%.\nWe raised guidance for fiscal 2024.\n"
    tr = parse_text(text, source="ects.txt")
    assert len(tr.turns) == 1
    t = tr.turns[0]
    assert (t.speaker, t.role, t.section) == ("Unknown", "other", "prepared")
    assert "Operating margin was 18%." in t.text and "raised guidance" in t.text


def test_ectsum_file_stays_usable(shared_data):
    path = next((shared_data / "ectsum" / "val" / "ects").glob("*.txt"))
    lines = [ln for ln in path.read_text(encoding="utf-8").splitlines() if ln.strip()]
    tr = parse_bytes(path.read_bytes(), path.name)
    assert len(tr.turns) >= 1
    body = "\n".join(t.text for t in tr.turns)
    assert sum(ln.strip()[:40] in body for ln in lines) >= 0.95 * len(lines)


def test_xiaomi_reference_article(shared_data):
    path = shared_data / "samples" / "xiaomi-q4-2022-call-sina-article.txt"
    tr = parse_bytes(path.read_bytes(), path.name)
    assert len(tr.turns) == 23
    assert {t.firm for t in tr.turns if t.role == "analyst"} == {
        "Morgan Stanley", "Credit Suisse", "Goldman Sachs", "CICC", "Huatai Securities", "Citi", "Orient Securities"}
    assert (tr.company, tr.fiscal_quarter, tr.fiscal_year) == ("Xiaomi", 4, 2022)
    assert {t.speaker for t in tr.turns if t.role == "executive"} == {"Lu Weibing", "Lin Shiwei"}
    title_words = "Xiaomi executives interpret Q4 financial report"
    for t in tr.turns:
        assert t.section == "qa"
        assert not re.search(r"see also|cookie|comment|akismet|Sina Technology_Sina|by admin|\(over\)", t.text, re.I)
        assert title_words not in t.text
    assert tr.turns[-1].text.endswith("so I won’t add any more.")


def test_motley_fool_dataset_json(shared_data):
    path = shared_data / "transcripts" / "motleyfool-json" / "AAN_q1_2021.json"
    tr = parse_bytes(path.read_bytes(), path.name)
    assert (tr.ticker, tr.fiscal_quarter, tr.fiscal_year) == ("AAN", 1, 2021)
    chukumba = next(t for t in tr.turns if t.speaker == "Anthony Chukumba")
    assert (chukumba.role, chukumba.section) == ("analyst", "qa")
    assert chukumba.firm == "Loop Capital Markets LLC"  # the participants list's name for the firm
    assert not any(t.speaker.startswith("Duration") for t in tr.turns)


@pytest.mark.parametrize("text, want", [
    ("Acme Corp (ACME) Q3 2024 Earnings Call Transcript\n\nOperator: Hello.\n\nJo Ma: Hi.",
     ("Acme Corp", "ACME", 3, 2024, None)),
    ("# ACME Q1 2025 Earnings Call Transcript\n\n**Date:** 2025-04-30\n\n**Operator:** Hello.\n\n**Jo Ma:** Hi.",
     (None, "ACME", 1, 2025, "2025-04-30")),
    ("Widget Co (NYSE: WDGT) reports\n6 August 2025\n\nOperator: Welcome to the fourth quarter and full year of 2024 call.",
     (None, "WDGT", 4, 2024, "2025-08-06")),
    ("Call held Aug. 6, 2025\n\nOperator: Welcome to the Globex Q2 2025 results call.\n\nJo Ma: Hi.",
     (None, None, 2, 2025, "2025-08-06")),
    ("Shares rose 5% on 6 August 2025\n\nOperator: Welcome to the Globex Q2 2025 results call.\n\nJo Ma: Hi.",
     (None, None, 2, 2025, None)),  # a date in a headline is not the call's unless the call is named before it
    ("Aaron's Company Inc (AAN -1.12%)\nQ1 2021 Earnings Call\nApr 26, 2021, 8:30 a.m. ET\n\nOperator\n\nHello.",
     ("Aaron's Company Inc", "AAN", 1, 2021, "2021-04-26")),
    ("Apple Inc. Fiscal 2024 Fourth Quarter Results Conference Call\nOctober 31, 2024\n\nOperator: Hi.",
     ("Apple Inc", None, 4, 2024, "2024-10-31")),
])
def test_metadata_from_titles_headers_and_text(text, want):
    tr = parse_text(text)
    got = (tr.company if want[0] else None, tr.ticker, tr.fiscal_quarter, tr.fiscal_year, tr.call_date)
    assert got == want


def test_participant_lists_with_single_dashes_and_an_analysts_block():
    tr = parse_text(
        "Acme Corp. (ACME) Q1 2024 Earnings Call Transcript\nApr. 25, 2024 5:00 PM ET\n\n"
        "Company Participants\n\nJohn Smith - Chief Executive Officer\nMary Major - Chief Financial Officer\n\n"
        "Conference Call Participants\n\nTom Brown - Goldman Sachs\nLisa Green - Morgan Stanley\n\n"
        "Operator\n\nWelcome to Acme's first quarter call.\n\nJohn Smith\n\nRevenue grew 10%.\n\n"
        "Question-and-Answer Session\n\nOperator\n\nOur first question comes from Tom Brown.\n\n"
        "Tom Brown\n\nHow is demand?\n\nJohn Smith\n\nStrong.\n\nOperator\n\nNext, Lisa Green.\n\n"
        "Lisa Green\n\nMargins?\n\nMary Major\n\nUp.\n"
    )
    got = [(t.speaker, t.role, t.firm, t.section) for t in tr.turns]
    assert got == [("Operator", "operator", None, "prepared"), ("John Smith", "executive", None, "prepared"),
                   ("Operator", "operator", None, "qa"), ("Tom Brown", "analyst", "Goldman Sachs", "qa"),
                   ("John Smith", "executive", None, "qa"), ("Operator", "operator", None, "qa"),
                   ("Lisa Green", "analyst", "Morgan Stanley", "qa"), ("Mary Major", "executive", None, "qa")]
    assert (tr.ticker, tr.fiscal_quarter, tr.call_date) == ("ACME", 1, "2024-04-25")


def test_timestamped_speaker_labels():
    tr = parse_bytes(
        b"[00:00:05] Operator: Welcome to the call.\n\n[00:00:20] John Smith: Revenue grew 10% at 10:30 today.\n\n"
        b"Operator (00:10:00):\nOur first question comes from Tom Brown with Goldman Sachs.\n\n"
        b"Tom Brown (00:10:05):\nHow is demand?\n\nJohn Smith (00:10:20):\nStrong.\n", "-")
    got = [(t.speaker, t.role, t.firm, t.section) for t in tr.turns]
    assert got == [("Operator", "operator", None, "prepared"), ("John Smith", "executive", None, "prepared"),
                   ("Operator", "operator", None, "qa"), ("Tom Brown", "analyst", "Goldman Sachs", "qa"),
                   ("John Smith", "executive", None, "qa")]
    assert tr.turns[1].text == "Revenue grew 10% at 10:30 today."


def test_streetevents_style_numbered_turns_and_company_in_participant_names():
    tr = parse_text(
        "Q3 2024 Acme Inc Earnings Call\n\nCORPORATE PARTICIPANTS\nTim Cook Acme Inc. - CEO\n\n"
        "CONFERENCE CALL PARTICIPANTS\nAmit Daryanani Evercore ISI - Analyst\n\nPRESENTATION\nOperator [1]\n"
        "Good day and welcome.\nTim Cook, Acme Inc. - CEO [2]\nRevenue rose 6%.\nQUESTIONS AND ANSWERS\n"
        "Operator [3]\nOur first question comes from Amit Daryanani with Evercore.\n"
        "Amit Daryanani, Evercore ISI - Analyst [4]\nHow is China?\nTim Cook, Acme Inc. - CEO [5]\nStable.\n"
    )
    got = [(t.speaker, t.role, t.firm, t.section) for t in tr.turns]
    assert got == [("Operator", "operator", None, "prepared"), ("Tim Cook", "executive", None, "prepared"),
                   ("Operator", "operator", None, "qa"), ("Amit Daryanani", "analyst", "Evercore ISI", "qa"),
                   ("Tim Cook", "executive", None, "qa")]


def test_news_labels_with_title_first_or_firm_only():
    tr = parse_text(
        "Acme Tech executives explain Q2 results\n\nOn August 20, Acme Tech released its second quarter 2024 results.\n\n"
        "Goldman Sachs analyst: What is the outlook for margins?\n\nAcme Tech President Wang Lei: Margins will improve.\n\n"
        "CFO Zhang Min: We expect 20%.\n\nMorgan Stanley analyst Li Na: And overseas?\n\n Wang Lei: Overseas grew 30%.\n"
    )
    got = [(t.speaker, t.role, t.firm) for t in tr.turns]
    assert got == [("Goldman Sachs analyst", "analyst", "Goldman Sachs"), ("Wang Lei", "executive", None),
                   ("Zhang Min", "executive", None), ("Li Na", "analyst", "Morgan Stanley"), ("Wang Lei", "executive", None)]
    assert tr.turns[1].title == "Acme Tech President"


@pytest.mark.parametrize("name", ["Scott Group", "Roger Read", 'Earl C. "Duke" Austin', "Ulrich (Bob) Trogele"])
def test_unusual_but_real_names_are_speakers(name):
    tr = parse_text(f"Operator\n\nWelcome.\n\n{name} -- Chief Executive Officer\n\nThanks.\n\n"
                    "Jo Ma -- Acme -- Analyst\n\nA question.\n")
    assert [t.speaker for t in tr.turns] == ["Operator", name, "Jo Ma"]


def test_newer_motley_fool_layout_skips_takeaways_and_reads_title_first_participants():
    tr = parse_text(
        "Acme (ACME) Q3 2025 Earnings Call Transcript\nDATE\nWednesday, July 30, 2025 at 5 p.m. ET\n\n"
        "CALL PARTICIPANTS\nChief Executive Officer — Jane Roe\nDirector, Investor Relations — Sam Lee\n\n"
        "TAKEAWAYS\nRevenue: $94.0 billion, up 10%.\nGross Margin: 46.5%, above guidance.\n\n"
        "SUMMARY\nAcme reported record results.\n\nFull Conference Call Transcript\n"
        "Sam Lee: Good afternoon.\n\nJane Roe: We had a record quarter.\n\n"
        "Operator: Our first question comes from Erik Woodring with Morgan Stanley.\n\n"
        "Erik Woodring: How is China?\n\nJane Roe: Stable.\n"
    )
    got = [(t.speaker, t.role, t.title, t.firm, t.section) for t in tr.turns]
    assert got == [("Sam Lee", "executive", "Director, Investor Relations", None, "prepared"),
                   ("Jane Roe", "executive", "Chief Executive Officer", None, "prepared"),
                   ("Operator", "operator", None, None, "qa"),
                   ("Erik Woodring", "analyst", None, "Morgan Stanley", "qa"),
                   ("Jane Roe", "executive", "Chief Executive Officer", None, "qa")]
    assert tr.call_date == "2025-07-30"


def test_a_summary_header_alone_does_not_hide_the_document():
    tr = parse_text("Summary\n\nRevenue grew 5% and margins improved.\n\nGuidance was raised.\n")
    assert len(tr.turns) == 1 and "Guidance was raised." in tr.turns[0].text


def test_handing_the_call_to_investor_relations_is_not_a_questioner():
    tr = parse_text(
        "Operator: Good day. I would now like to turn the conference over to Paula Schwartz with Investor Relations. "
        "Please go ahead.\n\nPaula Schwartz: Thank you. Joel will start.\n\nJoel Marcus: Revenue rose 9%.\n\n"
        "Operator: Our first question comes from Ann Lee with Acme Securities. Please go ahead.\n\n"
        "Ann Lee: Occupancy?\n\nJoel Marcus: 94%.\n")
    got = [(t.speaker, t.role, t.firm, t.section) for t in tr.turns]
    assert got == [("Operator", "operator", None, "prepared"), ("Paula Schwartz", "executive", None, "prepared"),
                   ("Joel Marcus", "executive", None, "prepared"), ("Operator", "operator", None, "qa"),
                   ("Ann Lee", "analyst", "Acme Securities", "qa"), ("Joel Marcus", "executive", None, "qa")]


def test_question_and_answer_labels_and_role_only_labels():
    tr = parse_text("Q: How was the quarter?\n\nA: Revenue grew 8%.\n\nWe are pleased.\n\nQ: Margins?\n\nA: Up.\n")
    assert [(t.speaker, t.role, t.section) for t in tr.turns] == [
        ("Question", "analyst", "qa"), ("Answer", "executive", "qa"), ("Question", "analyst", "qa"), ("Answer", "executive", "qa")]
    assert tr.turns[1].text == "Revenue grew 8%.\n\nWe are pleased."
    one = parse_text("Jo Ma: Sales rose.\n\nAnalyst: Can you hear me?\n\nJo Ma: Yes.\n")
    assert [(t.speaker, t.role) for t in one.turns] == [("Jo Ma", "executive"), ("Analyst", "analyst"), ("Jo Ma", "executive")]
    single = parse_text("A: one\n\nQ: two\n")  # a lone 'A:' or 'Q:' is text, not a speaker
    assert [t.speaker for t in single.turns] == ["Unknown"]


def test_pdf_keeps_paragraphs_and_joins_wrapped_lines(parsed):
    dana = next(t for t in parsed["nwrb-q1-2025-call.pdf"].turns if t.speaker == "Dana Whitfield")
    assert dana.text.count("\n\n") >= 3
    assert "\n" not in dana.text.split("\n\n")[0]
    assert "forward-looking" in parsed["nwrb-q1-2025-call.pdf"].turns[1].text


def test_html_wrapped_in_a_page_form_with_noisy_classes_keeps_the_article():
    page = (b'<html><head><title>Acme Q1 2024 call</title></head><body>'
            b'<form id="aspnetForm" class="page-wrapper social-enabled"><div class="nav">Home | Markets</div>'
            b'<div class="article-body share-tools"><p><strong>Operator</strong></p><p>Welcome to the Acme call.</p>'
            b'<p><strong>Jane Roe</strong> -- <em>Chief Executive Officer</em></p>'
            b'<p>Revenue rose 8% to $1.2 billion and margins improved in every segment, helped by pricing.</p>'
            b'<p><strong>Tom Brown</strong> -- <em>Acme Securities -- Analyst</em></p><p>And guidance?</p></div>'
            b'<div class="sidebar">Popular: Operator -- Example</div></form></body></html>')
    tr = parse_bytes(page, "page.html")
    assert [(t.speaker, t.role) for t in tr.turns] == [("Operator", "operator"), ("Jane Roe", "executive"),
                                                       ("Tom Brown", "analyst")]
    assert "Popular" not in " ".join(t.text for t in tr.turns)


def test_html_headings_as_speaker_lines():
    page = (b"<html><head><title>Acme Q2 2024 Earnings Call</title></head><body><article><h2>Presentation</h2>"
            b"<h3>Operator</h3><p>Welcome to the Acme call.</p><h3>Jane Roe, Chief Executive Officer</h3>"
            b"<p>Revenue rose 8%.</p><p>Margins improved.</p><h2>Question and Answer Session</h2><h3>Operator</h3>"
            b"<p>Our first question comes from Tom Brown with Acme Securities.</p><h3>Tom Brown, Acme Securities</h3>"
            b"<p>Guidance?</p><h3>Jane Roe, Chief Executive Officer</h3><p>Unchanged.</p></article></body></html>")
    tr = parse_bytes(page, "call.html")
    assert [(t.speaker, t.role, t.firm, t.section) for t in tr.turns] == [
        ("Operator", "operator", None, "prepared"), ("Jane Roe", "executive", None, "prepared"),
        ("Operator", "operator", None, "qa"), ("Tom Brown", "analyst", "Acme Securities", "qa"),
        ("Jane Roe", "executive", None, "qa")]
    assert tr.turns[1].text == "Revenue rose 8%.\n\nMargins improved."


def test_honorific_references_resolve_to_the_full_name():
    tr = parse_text("Morgan Stanley analyst Andy Meng:Question one?\n\n Lu Weibing:Answer one.\n\n"
                    "Citi analyst Jo Ma:Question two?\n\nMr. Lu:Answer two.\n\nMs. Ma: Thanks.\n")
    assert [t.speaker for t in tr.turns] == ["Andy Meng", "Lu Weibing", "Jo Ma", "Lu Weibing", "Jo Ma"]
    assert tr.turns[4].firm == "Citi"


def test_all_caps_speakers_get_one_readable_spelling():
    tr = parse_text("TIM COOK: Revenue rose.\n\nFORWARD-LOOKING STATEMENTS: This call has them.\n\n"
                    "OPERATOR: First question from Jo Ma with Acme.\n\nJO MA: Margins?\n\nTim Cook: Up.\n")
    assert [(t.speaker, t.role) for t in tr.turns] == [("Tim Cook", "executive"), ("Operator", "operator"),
                                                      ("Jo Ma", "analyst"), ("Tim Cook", "executive")]
    assert "FORWARD-LOOKING STATEMENTS" in tr.turns[0].text


def test_pasted_html_fragment_is_read_as_html():
    tr = parse_bytes(b"<p><strong>Operator</strong></p><p>Welcome.</p><p><strong>Jo Ma</strong> -- <em>Chief Executive "
                     b"Officer</em></p><p>Revenue rose.</p>", "-")
    assert [(t.speaker, t.text) for t in tr.turns] == [("Operator", "Welcome."), ("Jo Ma", "Revenue rose.")]


def test_markdown_speakers_with_titles_after_the_bold_name():
    tr = parse_text("# ACME Q1 2025 Earnings Call\n\n**Operator:** Welcome.\n\n**Jane Roe** (Chief Executive Officer): "
                    "Revenue rose.\n\n**Operator:** First question from Tom Brown with Acme Securities.\n\n"
                    "**Tom Brown** — Acme Securities -- Analyst: Guidance?\n\n**Jane Roe:** Unchanged.\n")
    got = [(t.speaker, t.role, t.title, t.firm, t.text) for t in tr.turns]
    assert got[1] == ("Jane Roe", "executive", "Chief Executive Officer", None, "Revenue rose.")
    assert got[3] == ("Tom Brown", "analyst", "Analyst", "Acme Securities", "Guidance?")
    assert (tr.ticker, tr.fiscal_quarter, tr.fiscal_year) == ("ACME", 1, 2025)


@pytest.mark.parametrize("intro, firm", [
    ("Next, Lisa Green, Morgan Stanley.", "Morgan Stanley"),
    ("Our next question comes from Lisa Green, Acme Securities. Please go ahead.", "Acme Securities"),
    ("Thank you. Next, we have Lisa Green of UBS.", "UBS"),
    ("Our next question comes from the line of Lisa Green. Please go ahead.", None),
    ("And our next question is going to come from the line of Lisa Green, BTIG.", "BTIG"),
    ("[Operator instructions] We'll move on to Lisa Green from Goldman Sachs.", "Goldman Sachs"),
    ("And we'll first hear from Lisa Green of Citi.", "Citi"),
])
def test_operator_introduction_forms(intro, firm):
    tr = parse_text(f"Jo Ma: Sales rose.\n\nOperator: {intro}\n\nLisa Green: Margins?\n\nJo Ma: Up.\n")
    lisa = tr.turns[2]
    assert (lisa.speaker, lisa.role, lisa.firm, lisa.section) == ("Lisa Green", "analyst", firm, "qa")


def test_an_ambiguous_honorific_is_left_as_said():
    tr = parse_text("Tom Smith: Sales rose.\n\nOperator: Next question from Jane Smith with Acme.\n\n"
                    "Jane Smith: Margins?\n\nMr. Smith: Up.\n")
    assert [t.speaker for t in tr.turns] == ["Tom Smith", "Operator", "Jane Smith", "Mr. Smith"]


def test_an_analyst_is_not_merged_with_an_executive_of_the_same_first_name():
    tr = parse_text("Prepared Remarks:\n\nSteve McMillan -- President and Chief Executive Officer\n\nSales rose.\n\n"
                    "Questions and Answers:\n\nOperator\n\nNext question.\n\nSteve -- Barclays -- Analyst\n\nMargins?\n\n"
                    "Steve McMillan -- President and Chief Executive Officer\n\nUp.\n")
    assert [(t.speaker, t.role, t.firm) for t in tr.turns] == [
        ("Steve McMillan", "executive", None), ("Operator", "operator", None), ("Steve", "analyst", "Barclays"),
        ("Steve McMillan", "executive", None)]


def test_a_speaker_label_reads_the_same_every_time_whatever_a_caller_did_with_an_earlier_reading() -> None:
    """Labels are read once and remembered: a caller that settles a speaker's role or firm on its copy (the
    operator's introductions do) must not change what the same label says in the next call."""
    from summarizer.parse.speakers import parse_label

    first = parse_label("Jane Roe (Goldman Sachs)")
    assert first is not None and first.role is None and first.firm == "Goldman Sachs"
    first.role, first.firm, first.name = "analyst", "Other Firm", "Someone Else"
    again = parse_label("Jane Roe (Goldman Sachs)")
    assert (again.name, again.role, again.firm) == ("Jane Roe", None, "Goldman Sachs")
    assert parse_label("TIM COOK -- Chief Executive Officer").name == "Tim Cook"
    assert parse_label("TIM COOK -- Chief Executive Officer").name == "Tim Cook"
