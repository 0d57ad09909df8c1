"""The subscription query language: grammar, stemming, word boundaries and one-line refusals."""
from __future__ import annotations

import pytest
from hypothesis import given, settings, strategies as st

from summarizer.errors import InputError, QueryError
from summarizer.query import parse_query
from summarizer.stemming import stem, stems


def found_in(query: str, text: str) -> bool:
    """Whether the query holds on a one-sentence text (every term looked up in its stems)."""
    q = parse_query(query)
    toks = stems(text)
    present = {t for t in q.terms if any(tuple(toks[i:i + len(t)]) == t for i in range(len(toks)))}
    return q.matches(present)


@pytest.mark.parametrize("a,b", [("inventory", "inventories"), ("ship", "shipped"), ("ship", "shipping"),
                                 ("price", "pricing"), ("margin", "margins"), ("tariff", "tariffs"),
                                 ("company", "companies"), ("box", "boxes"), ("AI", "ai")])
def test_inflections_share_a_stem(a: str, b: str) -> None:
    assert stem(a) == stem(b)


def test_implicit_and_and_precedence() -> None:
    assert parse_query("supply chain").describe() == "(suppli AND chain)"
    assert parse_query("a1 OR b1 c1").describe() == "(a1 OR (b1 AND c1))"
    assert parse_query('"supply chain" AND (tariff OR duty) NOT china').describe() == \
        '("suppli chain" AND (tariff OR duti) AND NOT china)'


def test_word_boundaries_ai_never_fires_on_said() -> None:
    assert not found_in("AI", "He said the quarter was strong.")
    assert found_in("AI", "Our AI roadmap is on track.")
    assert found_in("ai", "Demand for A.I. and AI servers grew.")


def test_inflections_match_in_text() -> None:
    assert found_in("inventory", "Inventories fell by a third.")
    assert found_in('"supply chain"', "Our supply chains recovered.")
    assert not found_in('"supply chain"', "Supply of chain links.")


def test_boolean_logic() -> None:
    assert found_in("tariff NOT china", "Tariffs on Mexico.")
    assert not found_in("tariff NOT china", "Tariffs on China.")
    assert found_in("(tariff OR duty) margin", "Duties hit the margin.")
    assert not found_in("tariff AND margin", "Tariffs only.")


def test_lowercase_operators_are_words_and_stop_words_are_dropped() -> None:
    assert parse_query("margin or the").describe() == "margin"
    assert parse_query('"cost of goods"').describe() == '"cost of good"'


@pytest.mark.parametrize("bad,reason", [
    ("", "empty"), ("   ", "empty"), ("AND AND", "AND needs a word"), ("a1 AND", "word is missing"),
    ("(" * 500 + "x" + ")" * 500, "limit"), ("(" * 300 + "x" + ")" * 300, "too complex"),
    ("NOT " * 30 + "x", "nests deeper"), ("the and of", "very common words"), ("x" * 10_000, "10,000 characters"),
    ("NOT margin", "mentions none"), ("(margin", "not closed"), ("margin)", "no matching"), ('"margin', "quote"),
    ("()", "')'"), ('""', "empty"),
])
def test_bad_queries_get_one_line_with_reason_and_example(bad: str, reason: str) -> None:
    with pytest.raises(QueryError) as e:
        parse_query(bad)
    msg = str(e.value)
    assert isinstance(e.value, InputError)
    assert reason in msg and "/track" in msg and "\n" not in msg


def test_regex_syntax_is_plain_text() -> None:
    q = parse_query("(a+)+$ .* [x]")
    assert all(all(part.isalnum() for part in t) for t in q.terms)


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=300))
def test_any_text_parses_or_raises_query_error(text: str) -> None:
    try:
        q = parse_query(text)
    except QueryError as e:
        assert str(e) and "\n" not in str(e)
    else:
        assert q.terms and not q.matches(frozenset())
        assert q.matches(q.terms) or "NOT" in q.describe()


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(["margin", "tariff", '"supply chain"', "AND", "OR", "NOT", "(", ")", "ai"]),
                max_size=25))
def test_operator_soup_never_crashes(parts: list[str]) -> None:
    try:
        parse_query(" ".join(parts))
    except QueryError:
        pass
