"""The Q&A and summary-line benchmarks measure what their docstrings say, on small fictional cases (no dataset)."""
from __future__ import annotations

from pathlib import Path

import pytest

from bench import qa_digest, summary_lines

CALL = Path(__file__).parent / "data" / "qa" / "BRWL_q2_2026.json"


def test_qa_bench_scores_a_digest_that_pairs_each_question_with_its_reply() -> None:
    tally = qa_digest.Tally()
    qa_digest.score_call(CALL, tally, show=5)
    shares = qa_digest.figures(tally)
    assert tally.questions == 5 and tally.follow_ups == 2  # Priya 1+1, Marcus 1+1, Dana 1
    assert tally.analysts == 3 and shares["covered"] == 1.0
    assert shares["courtesy"] == 0.0 and shares["opens"] == 1.0 and shares["wholly"] == 1.0


def test_qa_bench_counts_a_gist_taken_from_a_follow_ups_reply_as_a_miss(monkeypatch: pytest.MonkeyPatch) -> None:
    from summarizer import qa

    real = qa.qa_exchanges

    def gist_from_the_next_reply(tr, ss, **kw):
        out = real(tr, ss, **kw)
        for e in out:
            if e.follow_ups:  # the old digest: the question of one turn, the gist of the next answer
                e.gist_positions = e.follow_ups[0].gist_positions
        return out

    monkeypatch.setattr(qa, "qa_exchanges", gist_from_the_next_reply)
    tally = qa_digest.Tally()
    qa_digest.score_call(CALL, tally, show=5)
    assert tally.opens == tally.gists - 2 and "opens" in tally.examples


def test_qa_bench_courtesy_definition() -> None:
    names = frozenset({"kyle", "dana"})
    for q in ("Good morning, everybody.", "Thanks for the question.", "Can you hear me?", "Nice quarter, congrats.",
              "Hi, everyone.", "Thanks, Kyle."):
        assert qa_digest.courtesy_only(q, names), q
    for q in ("What about margins?", "On pricing?", "15%?", "How much of the raise comes from Harbor?"):
        assert not qa_digest.courtesy_only(q, names), q


@pytest.mark.parametrize("line, sentence, defect", [
    ("Comp sales were up 6.1% from.", "Comp sales were up 6.1% from a year ago.", "dangling"),
    ("Which is around $40 million a year.", "Offset dilution from stock compensation, which is around $40 million a year.",
     "mid-sentence"),
    ("Sales were up 5% in the quarter.", "Net of returns sales were up 5% in the quarter.", "mid-sentence"),
    ("Revenue was $5 million (up 5%.", "Revenue was $5 million (up 5%).", "unbalanced"),
    ("GAAP EPS was $1.29.", "For the year, GAAP EPS was $1.29 and adjusted EPS was $1.61.", "qualifier"),
])
def test_summary_bench_finds_each_defect(line: str, sentence: str, defect: str) -> None:
    (found,) = summary_lines.defects([line], [sentence])
    assert defect in found


def test_summary_bench_passes_clean_lines_and_flags_a_repeated_figure() -> None:
    lines = ["Adjusted EPS was $0.55.", "For the year, GAAP EPS was $1.29.", "Adjusted EPS of $0.55 fell 13%."]
    sources = ["Adjusted EPS was $0.55, down 13%.", "For the year, GAAP EPS was $1.29 and adjusted EPS was $1.61.",
               "Adjusted EPS of $0.55 fell 13%."]
    assert summary_lines.defects(lines, sources) == [set(), set(), {"repeat"}]
    # a cut after a clause boundary, or one that drops only an opening "And", is not mid-sentence
    assert summary_lines.defects(["Retail sales were $1.11 billion."], ["By segment: retail sales were $1.11 billion."]) \
        == [set()]
