"""Each line of a default summary stands on its own: no pronoun fragments, no repeats, a capital and a full stop."""
from __future__ import annotations

from pathlib import Path

import pytest

from summarizer.model import Transcript, Turn, sentences_of
from summarizer.parse import parse_bytes
from summarizer.summarize import summarize
from summarizer.trimming import cut_comparison, spans, stands_alone, trim_to_figures

SAMPLES = Path(__file__).resolve().parents[1] / "bot" / "samples"
XIAOMI = Path(__file__).resolve().parents[2] / "shared" / "data" / "samples" / "xiaomi-q4-2022-call-sina-article.txt"


@pytest.mark.parametrize("line", [
    "It was about 1-2 points.",
    "About 2-3 points of decline.",
    "We expect it to stay above 12%.",
    "That should protect our margin into next year.",
    "Resulting in online contributing almost 45% of total sales.",
    "An increase of 11 basis points versus 2020.",
    "Of the 3,744 home closings this quarter.",
    "The second question is about overseas markets.",
    "There are many more ahead of us.",
    "Equates to approximately $1 billion to $1.5 billion in sales.",
    "Inc. of $5.7 million, resulting in earnings per share of $0.05.",
    "This also assumes a negative 22 million headwind to net income or $0.18 per share.",
])
def test_fragments_do_not_stand_alone(line: str) -> None:
    assert not stands_alone(line)


@pytest.mark.parametrize("line", [
    "Adjusted EPS was $0.88.",
    "17.1 billion is raw material inventory.",
    "So this raises our guidance for 2022 earnings per share to $1.36 to $1.38.",
    "This operating performance led to earnings of $1.15 per diluted share.",
    "Driven by demand, revenue rose 5%.",
    "We grew 20% in the quarter.",
    "Xiaomi's AI team now has almost 1,200 people.",
    "We withdrew our outlook.",
    "SG&A declined by nearly $8 million in the quarter.",
])
def test_complete_statements_stand_alone(line: str) -> None:
    assert stands_alone(line)


def test_a_cut_that_would_dangle_keeps_the_sentence_start() -> None:
    text = "I didn't show the actual data, but it was about 1-2 points, and the price drop affected about one point."
    assert not trim_to_figures(text).lower().startswith("it was")
    assert trim_to_figures("By segment: retail sales were $1.11 billion, up 3.1%.") == "Retail sales were $1.11 billion."


def test_comparison_tail_cut_only_when_a_figure_remains() -> None:
    assert cut_comparison("Adjusted EPS of $3.40 increased 15.3% compared to Q2 2020 and 56.7% compared to 2019.") \
        == "Adjusted EPS of $3.40 increased 15.3%."
    assert cut_comparison("Margins were better compared to $4.1 million last year.") \
        == "Margins were better compared to $4.1 million last year."


def test_spans_are_subsequences_of_the_sentence() -> None:
    text = ("Turning to the results, for the first quarter of 2021, revenues were $481.1 million compared to "
            "$432.8 million, an increase of 11.1%.")
    kinds = dict(spans(text))
    # the period stays with its figure; the lead-in that only steers the listener goes
    assert kinds["trim"] == "For the first quarter of 2021, revenues were $481.1 million compared to $432.8 million."
    assert {"full", "fig2", "prefix", "cut"} <= set(kinds)
    for line in kinds.values():
        src = iter(text.lower().split())
        assert all(any(w == s.rstrip(",.") or w == s for s in src) for w in line.lower().rstrip(".").split())


def _lines_ok(lines: list[str]) -> None:
    assert lines
    for line in lines:
        assert stands_alone(line), line
        assert line[0].isupper() or not line[0].isalpha(), line
        assert line.endswith((".", "!", "?")), line
    assert len({ln.lower() for ln in lines}) == len(lines)


def test_fragment_and_restated_figure_never_chosen() -> None:
    tr = Transcript(turns=[
        Turn("Dana Whitfield", "executive", text=(
            "Third quarter revenue rose 18% to $214.3 million. Adjusted EPS was $0.88. "
            "I didn't show the actual data, but it was about 1-2 points, and freight took about one point.")),
        Turn("Marcus Oyelaran", "executive", text=(
            "Adjusted EPS was $0.88. We expect it to stay above 12%. "
            "For the full year, we now expect revenue of $805 million to $815 million."))])
    out = [s.text for s in summarize(tr, sentences_of(tr), n_sentences=5).sentences]
    _lines_ok(out)
    assert sum("$0.88" in ln for ln in out) == 1
    assert not any("1-2 points" in ln or "12%" in ln for ln in out)


@pytest.mark.parametrize("path", sorted(SAMPLES.glob("*")), ids=lambda p: p.name)
def test_bundled_samples_read_well(path: Path) -> None:
    tr = parse_bytes(path.read_bytes(), path.name)
    _lines_ok([s.text for s in summarize(tr, sentences_of(tr), n_sentences=5).sentences])


@pytest.mark.shared
@pytest.mark.skipif(not XIAOMI.is_file(), reason="needs ../shared/data/samples")
def test_xiaomi_article_summary_has_no_fragment() -> None:
    tr = parse_bytes(XIAOMI.read_bytes(), XIAOMI.name)
    lines = [s.text for s in summarize(tr, sentences_of(tr), n_sentences=5).sentences]
    _lines_ok(lines)
    assert not any("1-2 points" in ln or "2-3 points" in ln for ln in lines)
    assert any("revenue" in ln.lower() for ln in lines)


def test_committed_model_weighs_every_cut_kind() -> None:
    from summarizer.summarize import load_model
    from summarizer.trimming import SPAN_KINDS

    assert set(load_model().kinds) == set(SPAN_KINDS[1:])


def test_comparison_tail_left_out_of_the_summary_line() -> None:
    text = "Adjusted diluted earnings per share of $3.40 increased 15.3% compared to Q2 2020 and 56.7% compared to 2019."
    tr = Transcript(turns=[Turn("Jeff Shepherd", "executive", text=text + " We are proud of our team members.")])
    lines = [s.text for s in summarize(tr, sentences_of(tr), n_sentences=1).sentences]
    assert lines == ["Adjusted diluted earnings per share of $3.40 increased 15.3%."]


def test_greeting_with_a_year_does_not_stand_alone_but_thanks_with_a_figure_does() -> None:
    assert not stands_alone("Welcome to American Asset Trust third quarter 2020 earnings call.")
    assert stands_alone("Thank you; revenue grew 9% to $1.2 billion.")



@pytest.mark.parametrize("sentence", [
    "We expect consolidated revenues of between $1.725 billion and $1.775 billion for the year.",
    "Gross margin was 45% and 46% in the two segments.",
])
def test_no_cut_drops_the_upper_bound_of_a_range(sentence: str) -> None:
    assert not [text for kind, text in spans(sentence) if kind == "and"]


def test_and_joining_two_statements_may_still_be_cut() -> None:
    assert ("and", "Comparable sales grew 5.8%.") in spans("Comparable sales grew 5.8% and operating margin was 11.4%.")
