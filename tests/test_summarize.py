"""The default summary method and the method registry: what a reader of a call should (not) get."""
from __future__ import annotations

import pytest

from summarizer.errors import BadArgument, InputError, UnknownMethod
from summarizer.model import Sentence, Transcript, Turn, sentences_of
from summarizer.summarize import METHOD_VERSION, Summary, methods, summarize, trim_to_figures


def _call() -> Transcript:
    """A small fictional call (Northwind Robotics) with boilerplate, figures, small talk and Q&A."""
    return Transcript(company="Northwind Robotics", ticker="NWRB", fiscal_quarter=3, fiscal_year=2025, turns=[
        Turn("Operator", "operator", section="prepared", text=(
            "Good morning and welcome to the Northwind Robotics third quarter 2025 earnings call. "
            "[Operator Instructions] Please note this call is being recorded. Please go ahead.")),
        Turn("Priya Raman", "executive", section="prepared", text=(
            "Thank you, operator, and good morning, everyone. "
            "Today's discussion contains forward-looking statements that are subject to risks and uncertainties, "
            "and actual results may differ materially from those projected. "
            "Reconciliations of non-GAAP measures are in our press release on the investor relations website.")),
        Turn("Dana Whitfield", "executive", section="prepared", text=(
            "Thanks, Priya, and thank you all for joining us today. "
            "We are excited about the momentum we see across our teams and our culture. "
            "Third quarter revenue rose 18% to $214.3 million, above the top of our guidance range. "
            "Adjusted earnings per share were $0.41, compared with $0.30 a year ago. "
            "Our people did a wonderful job this quarter and I want to thank them. "
            "We repurchased $30 million of shares during the quarter and ended with $344 million of cash. "
            "For the full year 2025, we now expect revenue of $805 million to $815 million.")),
        Turn("Jordan Pike", "analyst", firm="Harbor Securities", section="qa", text=(
            "Great quarter, congrats. "
            "Can you talk about whether gross margin of 43% is sustainable into next year, given freight costs?")),
        Turn("C. Marcus Oyelaran", "executive", section="qa", text=(
            "Sure, Jordan. "
            "Gross margin was 43.2% in the quarter, up 180 basis points, driven by lower unit costs. "
            "Gross margin was 43.2% in the quarter, up 180 basis points, helped by lower unit costs. "
            "We think that level is sustainable through 2026.")),
        Turn("Operator", "operator", section="qa", text="Thank you. Our next question comes from the line of Ana Ruiz."),
    ])


@pytest.fixture
def call() -> tuple[Transcript, list[Sentence]]:
    tr = _call()
    return tr, sentences_of(tr)


def _texts(s: Summary) -> str:
    return "\n".join(x.text for x in s.sentences).lower()


def test_boilerplate_and_small_talk_never_chosen(call) -> None:
    tr, sents = call
    out = _texts(summarize(tr, sents, n_sentences=8))
    for phrase in ("operator instructions", "forward-looking", "being recorded", "good morning", "thank",
                   "next question", "reconciliations", "congrats", "go ahead"):
        assert phrase not in out


def test_figure_sentences_preferred_over_generic_ones(call) -> None:
    tr, sents = call
    out = _texts(summarize(tr, sents, n_sentences=3))
    assert "$214.3 million" in out and "$0.41" in out
    assert "culture" not in out and "wonderful" not in out


def test_executive_answer_over_analyst_question(call) -> None:
    tr, sents = call
    s = summarize(tr, sents, n_sentences=1, section="qa")
    assert [x.speaker for x in s.sentences] == ["C. Marcus Oyelaran"]
    assert all(x.speaker != "Jordan Pike" for x in summarize(tr, sents, n_sentences=6).sentences)


def test_near_duplicate_sentences_not_both_chosen() -> None:
    tr = Transcript(turns=[Turn("Dana Whitfield", "executive", text=(
        "Third quarter revenue rose 18% to $214.3 million. "
        "Adjusted earnings per share were $0.41, compared with $0.30 a year ago. "
        "Third quarter revenue rose 18% to $214.3 million, helped by demand. "
        "For the full year, we now expect revenue of $805 million to $815 million. "
        "Free cash flow was $31 million."))])
    out = summarize(tr, sentences_of(tr), n_sentences=3)
    assert len(out.sentences) == 3
    assert sum("$214.3 million" in x.text for x in out.sentences) == 1


def test_sentences_in_call_order_with_speaker_turn_and_position(call) -> None:
    tr, sents = call
    out = summarize(tr, sents, n_sentences=5)
    positions = [x.position for x in out.sentences]
    assert positions == sorted(positions) and len(positions) == 5
    by_pos = {s.position: s for s in sents}
    for x in out.sentences:
        src = by_pos[x.position]
        assert x.turn == src.turn and x.speaker == tr.turns[src.turn].speaker
        src_words = src.text.lower().rstrip(".").split()
        assert set(x.text.lower().rstrip(".").split()) <= set(src_words + [w.rstrip(".,") for w in src_words])


def test_word_budget_is_honoured(call) -> None:
    tr, sents = call
    for budget in (12, 25, 60):
        out = summarize(tr, sents, n_sentences=None, n_words=budget)
        assert out.sentences and sum(len(x.text.split()) for x in out.sentences) <= budget
    assert len(summarize(tr, sents, n_sentences=None, n_words=60).sentences) > \
        len(summarize(tr, sents, n_sentences=None, n_words=12).sentences)


@pytest.mark.parametrize("section,turns", [("prepared", {0, 1, 2}), ("qa", {3, 4, 5})])
def test_section_filter(call, section: str, turns: set[int]) -> None:
    tr, sents = call
    for method in ("default", "lead", "textrank"):
        out = summarize(tr, sents, method=method, n_sentences=3, section=section)
        assert out.sentences and {x.turn for x in out.sentences} <= turns


def test_every_registered_method_runs(call) -> None:
    tr, sents = call
    names = methods()
    assert {"default", "lead", "lexrank", "textrank", "lsa", "luhn", "kl", "sumbasic", "edmundson"} <= set(names)
    for name in names:
        out = summarize(tr, sents, method=name, n_sentences=3)
        assert out.method == name and 1 <= len(out.sentences) <= 3
        assert [x.position for x in out.sentences] == sorted(x.position for x in out.sentences)


def test_lead_takes_the_first_sentences(call) -> None:
    tr, sents = call
    out = summarize(tr, sents, method="lead", n_sentences=2)
    assert [x.position for x in out.sentences] == [0, 1]


def test_method_names_forgiving_and_unknown_rejected(call) -> None:
    tr, sents = call
    assert summarize(tr, sents, method="KL-Sum", n_sentences=2).method == "kl"
    with pytest.raises(UnknownMethod, match="default"):
        summarize(tr, sents, method="gpt")
    with pytest.raises(BadArgument):
        summarize(tr, sents, section="intro")
    with pytest.raises(InputError):
        summarize(tr, sents, n_sentences=-1)


def test_json_contract(call) -> None:
    tr, sents = call
    data = summarize(tr, sents, n_sentences=2).to_json()
    assert set(data) == {"method", "sentences"} and data["method"] == "default"
    assert all(set(s) == {"text", "speaker", "turn", "position"} for s in data["sentences"])
    assert isinstance(METHOD_VERSION, str) and METHOD_VERSION


@pytest.mark.parametrize("text", [
    "Revenue grew 12% to $1.2 billion, driven by strong demand in North America, while operating margin was 14%.",
    "Total revenue, excluding fuel, was $96 million, and we expect 2026 sales of $400 million.",
    "For the third quarter of 2025, we expect revenue of $205 million to $213 million.",
])
def test_trimming_keeps_words_verbatim_and_in_order(text: str) -> None:
    short = trim_to_figures(text)
    assert len(short) <= len(text)
    words, src = short.lower().rstrip(".").split(), iter(text.lower().split())  # the first letter may be capitalized
    assert all(any(w == s.rstrip(",.") or w == s for s in src) for w in words)  # a subsequence of the source
    assert any(ch.isdigit() for ch in short)


def test_trimming_leaves_figureless_sentences_whole() -> None:
    text = "We are proud of the team, and we remain focused on customers."
    assert trim_to_figures(text) == text
