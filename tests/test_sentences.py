"""Sentence splitting: the hard cases of earnings calls, ECTSum boundaries, and robustness."""
from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings, strategies as st

from summarizer.sentences import sentence_spans, split_sentences

CASES = [
    ("Mr. Lu said so. Then he left.", ["Mr. Lu said so.", "Then he left."]),
    ("Mrs. Smith and Dr. Jones agreed. We did too.", ["Mrs. Smith and Dr. Jones agreed.", "We did too."]),
    ("Sales in the U.S. grew 5%. Europe was flat.", ["Sales in the U.S. grew 5%.", "Europe was flat."]),
    ("We gained share in the U.S. We also grew in Europe.", ["We gained share in the U.S.", "We also grew in Europe."]),
    ("Apple Inc. reported results. Northwind Robotics Inc. The rest followed.",
     ["Apple Inc. reported results.", "Northwind Robotics Inc.", "The rest followed."]),
    ("Costs rose, e.g. freight and labor. Margins fell.", ["Costs rose, e.g. freight and labor.", "Margins fell."]),
    ("Use cases, i.e. Warehouses, grew. Good.", ["Use cases, i.e. Warehouses, grew.", "Good."]),
    ("Revenue was $1.5 billion, up 2.5%. EPS was $0.42.", ["Revenue was $1.5 billion, up 2.5%.", "EPS was $0.42."]),
    ("We expect growth in Q4. Next year looks better.", ["We expect growth in Q4.", "Next year looks better."]),
    ("It was... fine. Really.", ["It was... fine.", "Really."]),
    ("We paused… Then we resumed.", ["We paused…", "Then we resumed."]),
    ('He said "we are done." Then he smiled.', ['He said "we are done."', "Then he smiled."]),
    ("Is that right? Yes! It is.", ["Is that right?", "Yes!", "It is."]),
    ("Joining me is C. Kelly Wall, our CFO. Kelly?", ["Joining me is C. Kelly Wall, our CFO.", "Kelly?"]),
    ("Three things:\n1. Revenue grew.\n2. Margins rose.", ["Three things:", "1. Revenue grew.", "2. Margins rose."]),
    ("We did it. 2. Margins rose.", ["We did it.", "2. Margins rose."]),
    ("Two items: (1) first item. (2) second item.", ["Two items: (1) first item.", "(2) second item."]),
    ("Our drivers:\n• volume\n• price", ["Our drivers:", "• volume", "• price"]),
    ("Prepared Remarks\nGood morning, everyone.", ["Prepared Remarks", "Good morning, everyone."]),
    ("Email ir@northwind.com. Then call us.", ["Email ir@northwind.com.", "Then call us."]),
    ("See investor.aarons.com or www.sec.gov for the filing. Next, Q2.",
     ["See investor.aarons.com or www.sec.gov for the filing.", "Next, Q2."]),
    ("We hold the No. 1 position. The answer is no. We move on.",
     ["We hold the No. 1 position.", "The answer is no.", "We move on."]),
    ("Sales rose 3% vs. last year. St. Louis was strong.", ["Sales rose 3% vs. last year.", "St. Louis was strong."]),
    ("Jim Smith Jr. joined us. Mr. Smith Jr. leads sales.", ["Jim Smith Jr. joined us.", "Mr. Smith Jr. leads sales."]),
    ("Acme Corp. and Beta Co. Ltd. merged. We approve.", ["Acme Corp. and Beta Co. Ltd. merged.", "We approve."]),
    ("Growth in the U.K. and the U.S. was fine. Ok.", ["Growth in the U.K. and the U.S. was fine.", "Ok."]),
    ("Results, i.e. Revenue, grew. Costs fell.", ["Results, i.e. Revenue, grew.", "Costs fell."]),
    ("We open at 9 p.m. Thanks again.", ["We open at 9 p.m.", "Thanks again."]),
    ("We paused... and then resumed.", ["We paused... and then resumed."]),
    ("Margins were 40.5%. Cash was $2.1 billion.", ["Margins were 40.5%.", "Cash was $2.1 billion."]),
    ("(Our outlook is unchanged.) Next slide.", ["(Our outlook is unchanged.)", "Next slide."]),
    ("Sales grew in the U.S. Revenue rose 5%. U.S. Steel did fine.",
     ["Sales grew in the U.S.", "Revenue rose 5%.", "U.S. Steel did fine."]),
    ("John F. Kennedy spoke. Class A. We listened.", ["John F. Kennedy spoke.", "Class A.", "We listened."]),
    ("Gut gemacht. Das Ergebnis ist stark.", ["Gut gemacht.", "Das Ergebnis ist stark."]),
    ("Great quarter 🚀. Next one 📈!", ["Great quarter 🚀.", "Next one 📈!"]),
    ("Visit investor.northwind.com for details. Thanks.", ["Visit investor.northwind.com for details.", "Thanks."]),
    ("We sold pens, paper, etc. The rest was software.", ["We sold pens, paper, etc.", "The rest was software."]),
    ("Vaccines, masks, etc. , helped. We grew.", ["Vaccines, masks, etc. , helped.", "We grew."]),
    ("The call starts at 8 a.m. Eastern. We will post slides.", ["The call starts at 8 a.m. Eastern.", "We will post slides."]),
    ("We rank No. 1 in robots. Good.", ["We rank No. 1 in robots.", "Good."]),
    ("First paragraph without a stop\n\nSecond paragraph.", ["First paragraph without a stop", "Second paragraph."]),
    ("A line that wraps\nonto the next line. Done.", ["A line that wraps onto the next line.", "Done."]),
    ("收入增长了。利润下降了！", ["收入增长了。", "利润下降了！"]),
]


@pytest.mark.parametrize("text,expected", CASES, ids=[c[0][:30] for c in CASES])
def test_hard_cases_split_where_a_reader_would(text: str, expected: list[str]) -> None:
    assert split_sentences(text) == expected


LONG = ("We delivered a strong quarter with growth across every region and every product line, and we kept "
        "investing in our platform and our people while holding costs firmly under control")


def test_a_paragraph_per_line_ends_at_the_newline_even_without_punctuation() -> None:
    assert split_sentences(LONG + "\nNext paragraph.") == [LONG, "Next paragraph."]
    assert split_sentences(LONG + "\nand it goes on.") == [LONG + " and it goes on."]


def test_a_wrapped_line_does_not_end_a_sentence() -> None:
    text = "This line wraps because the width is about seventy two characters so the\nNext word is capitalised."
    assert split_sentences(text) == [text.replace("\n", " ")]


def test_long_line_without_punctuation_is_cut_into_capped_pieces_quickly() -> None:
    from summarizer.sentences import MAX_SENTENCE_CHARS

    text = "word " * 400_000  # 2 MB, no punctuation: one "sentence" would be rendered and searched whole
    out = split_sentences(text)
    assert len(out) > 900 and max(map(len, out)) <= MAX_SENTENCE_CHARS and " ".join(out) == text.strip()


def test_megabyte_line_without_spaces_or_punctuation_is_cut_at_the_cap() -> None:
    from summarizer.sentences import MAX_SENTENCE_CHARS

    text = "x" * 1_000_000
    assert split_sentences(text) == [text[i:i + MAX_SENTENCE_CHARS] for i in range(0, len(text), MAX_SENTENCE_CHARS)]


@pytest.mark.parametrize("text", ["!" * 200_000 + "x", "." * 200_000 + "x", '."' * 100_000 + "x",
                                  "?" + ")" * 200_000 + "x", "…" * 200_000 + "a", " \n" * 100_000 + "x",
                                  ". " + " " * 200_000, "\n" * 200_000],
                         ids=["bangs", "dots", "dot-quotes", "closers", "ellipses", "space-newlines", "spaces", "newlines"])
def test_pathological_runs_split_in_linear_time(text: str) -> None:
    """A backtracking regex takes minutes on these 200,000-character runs; ours well under a second."""
    assert "".join("".join(split_sentences(text)).split()) == "".join(text.split())


def test_many_dots_and_ellipses_do_not_blow_up() -> None:
    text = ("." * 10_000 + " ") * 50 + "…" * 10_000
    assert len(split_sentences(text)) >= 1


def test_empty_and_blank_text_have_no_sentences() -> None:
    assert split_sentences("") == []
    assert split_sentences("  \n\n \t ") == []


@settings(max_examples=200, deadline=None)
@given(st.text())
def test_splitting_keeps_every_non_space_character(text: str) -> None:
    spans = sentence_spans(text)
    kept = "".join(text[a:b] for a, b in spans)
    assert "".join(kept.split()) == "".join(text.split())
    assert all(a < b for a, b in spans)
    assert all(spans[i][1] <= spans[i + 1][0] for i in range(len(spans) - 1))


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(["Mr.", "U.S.", "1.5", "Q4.", "etc.", "...", "\n", "\n\n", " ", "We", "the", "?", '"', "(2)", "•"]), max_size=40))
def test_splitting_word_soup_never_raises_and_keeps_text(parts: list[str]) -> None:
    text = " ".join(parts)
    out = split_sentences(text)
    assert "".join("".join(out).split()) == "".join(text.split())


@pytest.mark.shared
def test_ectsum_boundaries_f1_is_at_least_098(shared_data: Path) -> None:
    files = sorted((shared_data / "ectsum" / "val" / "ects").glob("*.txt"))[:60]
    if not files:
        pytest.skip("../shared/data/ectsum is absent")
    tp = fp = fn = 0
    for f in files:
        lines = [ln.strip() for ln in f.read_text(encoding="utf-8").splitlines() if ln.strip()]
        text = " ".join(lines)
        gold, pos = set(), 0
        for ln in lines[:-1]:
            pos += len(ln)
            gold.add(pos)
            pos += 1
        pred = {b for _, b in sentence_spans(text)[:-1]}
        tp, fp, fn = tp + len(gold & pred), fp + len(pred - gold), fn + len(gold - pred)
    p, r = tp / (tp + fp), tp / (tp + fn)
    assert 2 * p * r / (p + r) >= 0.98
