"""Odd documents give a valid, possibly empty summary from every method: never an exception."""
from __future__ import annotations

import pytest

from summarizer.model import Transcript, Turn, sentences_of
from summarizer.summarize import methods, summarize

_CASES = {
    "empty": "",
    "whitespace": " \n\t \n",
    "one sentence": "Revenue was $5 million.",
    "numbers only": "12 34.5 6,789 10% $11",
    "emoji only": "\U0001f4c8\U0001f680 \U0001f4b0\U0001f4b0 \U0001f44d",
    "punctuation only": "... ??? !!! --- ;;;",
    "chinese": "小米集团第四季度营收为660亿元。调整后净利润为15亿元，同比下降67.3%。我们对明年的前景保持谨慎乐观。",
    "german": "Der Umsatz stieg im vierten Quartal um 12 % auf 5,1 Mrd. Euro. Wir erwarten für 2025 ein Wachstum.",
    "one huge line": ("revenue grew 5% to $1.2 billion and " * 30_000),  # about 1 MB, no sentence end
}


def _call(text: str) -> Transcript:
    return Transcript(turns=[Turn("Jane Roe", "executive", text=text)] if text else [])


@pytest.mark.parametrize("case", list(_CASES))
def test_default_and_lead_never_fail(case: str) -> None:
    tr = _call(_CASES[case])
    sents = sentences_of(tr)
    for method in ("default", "lead"):
        for kw in ({"n_sentences": 3}, {"n_sentences": None, "n_words": 20}, {"section": "qa"}):
            out = summarize(tr, sents, method=method, **kw)
            assert out.method == method and isinstance(out.sentences, list)
            assert all(s.position >= 0 and s.text for s in out.sentences)
            assert out.to_json()["sentences"] == [
                {"text": s.text, "speaker": s.speaker, "turn": s.turn, "position": s.position} for s in out.sentences]


@pytest.mark.parametrize("case", [c for c in _CASES if c != "one huge line"])
def test_every_method_on_odd_text(case: str) -> None:
    tr = _call(_CASES[case])
    sents = sentences_of(tr)
    for method in methods():
        out = summarize(tr, sents, method=method, n_sentences=2)
        assert len(out.sentences) <= max(2, len(sents))


def test_empty_results_where_nothing_is_summarizable() -> None:
    for case in ("empty", "whitespace", "numbers only", "emoji only", "punctuation only"):
        tr = _call(_CASES[case])
        assert summarize(tr, sentences_of(tr)).sentences == []


def test_one_sentence_is_its_own_summary() -> None:
    tr = _call(_CASES["one sentence"])
    out = summarize(tr, sentences_of(tr), n_sentences=5)
    assert [s.text for s in out.sentences] == ["Revenue was $5 million."]
    assert out.sentences[0].speaker == "Jane Roe"


def test_huge_line_is_summarized_quickly_and_bounded() -> None:
    tr = _call(_CASES["one huge line"])
    out = summarize(tr, sentences_of(tr), n_sentences=None, n_words=50)
    assert sum(len(s.text.split()) for s in out.sentences) <= 50


def test_sentences_not_from_turns_are_kept_without_speaker() -> None:
    tr = Transcript(preamble="Xiaomi said revenue fell 22.8% to 66 billion yuan in the fourth quarter.", turns=[])
    out = summarize(tr, sentences_of(tr), n_sentences=1)
    assert out.sentences and out.sentences[0].speaker is None and out.sentences[0].turn == -1
