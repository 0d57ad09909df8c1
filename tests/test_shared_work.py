"""Work the analyses share or skip gives the same answers: keyword gates, the gated courtesy test, one word split per call."""
from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from summarizer import boilerplate
from summarizer.gates import any_of, any_of_ignorecase
from summarizer.qa import qa_exchanges
from summarizer.stemming import TextWords, WordMap
from summarizer.topics import tag_call

_PIECES = ("thanks", "thank you", "good", "great", "question", "next", "go ahead", "please", "line of", "your line is open",
           "turn", "hand", "pass", "over", "the call", "it", "with me", "joining me", "today", "here", "let me", "i'll",
           "i'd like to", "answer", "further", "questions", "open the floor", "for", "quarter", "job", "grateful",
           "operator", "hello", "ok", "revenue", "grew", "5%", ".", "!", ",", "?", "\n", "THANK", "Ok", "ſ", "İ")


@settings(max_examples=300, deadline=None)
@given(st.lists(st.text(min_size=1, max_size=3), max_size=6), st.text(max_size=40))
def test_any_of_agrees_with_substring_tests(keys, text):
    assert any_of(keys)(text) == any(k in text for k in keys)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["guid", "sees", "will", "we'll", "outlook", "kit"]), min_size=1, max_size=3),
       st.text(alphabet="GUIDguidSEseWLlK'\u0130\u0131\u017f\u212a otk", max_size=20))
def test_ignorecase_gate_is_false_only_where_the_regex_cannot_match(keys, text):
    if not any_of_ignorecase(keys)(text):
        assert re.search("|".join(map(re.escape, keys)), text, re.I) is None


def test_ignorecase_gate_lets_through_what_ignorecase_folds_apart_from_lower():
    for key, text in [("guid", "GUİDANCE"), ("will", "we wıll"), ("sees", "ſees"), ("kit", "\u212aIT")]:
        assert re.search(key, text, re.I) and any_of_ignorecase([key])(text), text
    assert not any_of_ignorecase(["guid"])("Revenue grew 5%.")


def test_any_of_without_keys_is_false():
    assert any_of([])("anything") is False


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=8).map(" ".join))
def test_courtesy_gate_agrees_with_the_whole_regex(text):
    low = text.lower()
    ungated = boilerplate._DIGIT.search(text) is None and (
        boilerplate._COURTESY_START.match(low) is not None or boilerplate._COURTESY.search(low) is not None)
    assert boilerplate.is_courtesy(text) == ungated


def test_each_kind_of_courtesy_line_passes_the_gate():
    for line in ["Next question, please.", "Please go ahead.", "Your line is now open.",
                 "It comes from the line of Jane Roe.", "I would like to turn the call over to Amy.",
                 "Let me hand over to Bob.", "With me today are our CEO and CFO.", "Everyone, thanks.",
                 "We are grateful.", "Are there any further questions", "That was our last question",
                 "We will open the line up for questions", "A good quarter!", "So my first question is on pricing",
                 "A follow-up question on pricing", "I'd like to start with pricing"]:
        assert boilerplate.is_courtesy(line), line
    assert not boilerplate.is_courtesy("Thanks; revenue grew 9% to $1.2 billion.")  # a figure keeps it


def test_word_map_computes_each_word_once_and_stays_bounded():
    seen: list[str] = []
    m = WordMap(lambda w: seen.append(w) or w.upper(), limit=3)
    assert list(map(m.__getitem__, ["a", "b", "a", "c"])) == ["A", "B", "A", "C"]
    assert seen == ["a", "b", "c"]
    m["d"]  # past the limit: cleared, then filled again
    assert len(m) == 1 and m["d"] == "D"


def test_one_word_split_shared_by_topics_and_qa_changes_nothing(parsed_samples):
    for name, tr, ss in parsed_samples:
        words = TextWords()
        assert tag_call(tr, ss, words=words) == tag_call(tr, ss), name
        assert qa_exchanges(tr, ss, words=words) == qa_exchanges(tr, ss), name
        assert all(words[s.text] is words[s.text] for s in ss[:5])  # split once, then looked up
