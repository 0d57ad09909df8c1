"""One-pass matching of many subscriptions against a call: hits, sentences, incremental changes."""
from __future__ import annotations

import re

from hypothesis import given, settings, strategies as st

from summarizer.matcher import Matcher, highlight_spans
from summarizer.query import parse_query

CALL = [
    "Thank you, operator, and good morning.",
    "Revenue grew 12% as our AI platform gained customers.",
    "Inventories fell and the supply chains recovered in China.",
    "Tariffs remain a headwind for the margin.",
    "He said pricing was stable.",
]


def make(**subs: str) -> Matcher:
    m = Matcher()
    for key, q in subs.items():
        m.add(key, parse_query(q))
    return m


def keys(m: Matcher, sentences: list[str] = CALL) -> set:
    return {k for h in m.match(sentences) for k in h.keys}


def test_words_phrases_and_boolean_mixes() -> None:
    m = make(ai="AI", inv="inventory", sc='"supply chain"', scnc='"supply chain" NOT china',
             mix="(tariff OR duty) AND margin", no="robotaxi", cross='"margin he"', price="price")
    assert keys(m) == {"ai", "inv", "sc", "mix", "price"}


def test_hits_name_the_sentences_and_positive_terms_only() -> None:
    m = make(x="tariff OR (inventory NOT robotaxi)")
    (hit,) = m.match(CALL)
    assert hit.sentences == [2, 3]
    assert set(hit.terms) == {("tariff",), ("inventori",)}


def test_phrase_never_spans_two_sentences() -> None:
    m = make(p='"good morning revenue"')
    assert keys(m) == set()


def test_identical_queries_in_many_chats_all_match_and_remove_is_incremental() -> None:
    m = Matcher()
    for chat in range(50):
        m.add(("c", chat), parse_query("AI"))
    m.add("other", parse_query("margin"))
    assert len(keys(m)) == 51
    for chat in range(49):
        m.remove(("c", chat))
    assert keys(m) == {("c", 49), "other"}
    m.remove(("c", 49))
    assert m.n_terms == 1 and keys(m) == {"other"}
    m.add("other", parse_query("robotaxi"))  # replacing a key's query
    assert keys(m) == set() and len(m) == 1


def test_empty_matcher_and_empty_call() -> None:
    assert Matcher().match(CALL) == []
    assert make(a="AI").match([]) == []


def test_highlight_spans_cover_inflected_words() -> None:
    s = "Inventories fell and the supply chains recovered."
    spans = highlight_spans(s, [("inventori",), ("suppli", "chain")])
    assert [s[a:b] for a, b in spans] == ["Inventories", "supply chains"]


WORDS = ["margin", "tariff", "ai", "cloud", "robot", "supply", "chain", "china", "said", "price"]


@settings(max_examples=150, deadline=None)
@given(st.lists(st.lists(st.sampled_from(WORDS), min_size=1, max_size=3), min_size=1, max_size=6),
       st.lists(st.lists(st.sampled_from(WORDS), max_size=8), max_size=4))
def test_agrees_with_a_regex_per_term(queries: list[list[str]], sentences: list[list[str]]) -> None:
    text = [" ".join(s) + "." for s in sentences]
    m = Matcher()
    for i, q in enumerate(queries):
        m.add(i, parse_query(" OR ".join(q)))
    got = keys(m, text)
    want = {i for i, q in enumerate(queries)
            if any(re.search(rf"\b{w}\b", s) for w in q for s in text)}
    assert got == want
