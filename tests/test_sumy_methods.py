"""sumy's methods by name, offline: same selections as sumy's stock classes, sane results on odd input."""
from __future__ import annotations

import warnings
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings, strategies as st
from sumy.nlp.stemmers import Stemmer
from sumy.utils import get_stop_words

from summarizer.errors import InputError
from summarizer.sumy_methods import METHODS, STOCK, document_of, run, select
from summarizer.tokenize import OurTokenizer

CALL = [
    "Good morning and welcome to the Northwind Robotics fourth quarter 2025 earnings call.",
    "This call contains forward-looking statements that involve risks and uncertainties.",
    "Revenue for the quarter was $412 million, up 18% year over year.",
    "Robot shipments grew 22% and service revenue grew 31%.",
    "Gross margin expanded to 46.5% on better pricing and lower freight costs.",
    "Operating income rose to $61 million and diluted EPS was $0.84.",
    "Free cash flow was $55 million and we repurchased $20 million of shares.",
    "For 2026 we expect revenue growth of 12% to 15% and gross margin near 47%.",
    "Our warehouse robots now serve 340 customers across North America and Europe.",
    "Thank you, operator, and thanks to everyone for joining us today.",
    "Revenue growth came from warehouse robots and from service contracts.",
    "We expect shipments to grow again in the first quarter.",
]


def _stock(method: str, sentences: list[str], n: int) -> list[int]:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # sumy's LSA warns on short texts
        return run(STOCK[method](), sentences, n)


@pytest.mark.parametrize("method", list(METHODS))
def test_each_method_picks_n_sentences_by_name(method: str) -> None:
    picked = select(method, CALL, 3)
    assert len(picked) == 3
    assert picked == sorted(set(picked))
    assert all(0 <= i < len(CALL) for i in picked)


def _lsa_ranks(sentences: list[str]) -> list[float]:
    lsa = METHODS["lsa"]()
    doc = document_of(sentences)
    return lsa.sentence_ranks(doc, lsa._create_dictionary(doc))


@pytest.mark.parametrize("method", [m for m in METHODS if m != "lsa"])
def test_fast_method_selects_what_sumy_selects(method: str) -> None:
    for n in (1, 3, 5):
        assert select(method, CALL, n) == _stock(method, CALL, n), n


def test_fast_lsa_selects_what_sumy_selects_up_to_exact_ties() -> None:
    """Equal ranks tie; sumy orders them by its SVD's rounding noise, we by position."""
    ranks = _lsa_ranks(CALL)
    for n in (1, 3, 5):
        ours, theirs = select("lsa", CALL, n), _stock("lsa", CALL, n)
        assert sorted(ranks[i] for i in ours) == pytest.approx(sorted(ranks[i] for i in theirs), rel=1e-9)
        assert ours == sorted(sorted(range(len(CALL)), key=lambda i: -ranks[i])[:n])


def test_kl_sum_picks_the_sentence_closest_to_the_document_first() -> None:
    assert select("kl", CALL, 1) == _stock("kl", CALL, 1)
    assert select("KL-Sum", CALL, 2) == select("kl", CALL, 2)


def test_edmundson_prefers_figures_over_boilerplate() -> None:
    picked = select("edmundson", CALL, 3)
    assert 1 not in picked and 9 not in picked  # safe harbor and thank-you


def test_lsa_rank_equals_the_svd_rank_sumy_computes() -> None:
    stock = STOCK["lsa"]()
    doc = document_of(CALL)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        matrix = stock._compute_term_frequency(stock._create_matrix(doc, stock._create_dictionary(doc)))
    _u, sigma, v = np.linalg.svd(matrix, full_matrices=False)
    assert _lsa_ranks(CALL) == pytest.approx(stock._compute_ranks(sigma, v), rel=1e-9)


def test_unknown_method_names_the_valid_ones() -> None:
    with pytest.raises(InputError) as e:
        select("bert", CALL, 3)
    assert "lexrank" in str(e.value) and "edmundson" in str(e.value) and "bert" in str(e.value)


@pytest.mark.parametrize("method", list(METHODS))
@pytest.mark.parametrize(
    "sentences",
    [[], ["Revenue grew 12% to $400 million."], ["2024 2025", "$1.5 3.2%", "12 14"], ["🚀🚀", "📈"],
     ["Same sentence.", "Same sentence.", "Same sentence."], ["收入增长了。", "利润下降了！"]],
    ids=["empty", "one", "numbers", "emoji", "repeated", "cjk"],
)
def test_odd_inputs_give_valid_selections(method: str, sentences: list[str]) -> None:
    picked = select(method, sentences, 2)
    assert picked == sorted(set(picked)) and all(0 <= i < len(sentences) for i in picked)
    has_words = any(OurTokenizer().to_words(s) for s in sentences)
    if has_words or method != "lsa":  # LSA rates nothing when there are no words at all, as sumy's does
        assert len(picked) == min(2, len(sentences))


def test_zero_or_negative_count_selects_nothing() -> None:
    assert select("lexrank", CALL, 0) == []
    assert select("lexrank", CALL, -3) == []


def test_tokenizer_words_and_sentences_need_no_nltk_data() -> None:
    tok = OurTokenizer("english")
    assert tok.language == "english"
    assert tok.to_sentences("Mr. Lu spoke. Revenue was $1.5 billion.") == ("Mr. Lu spoke.", "Revenue was $1.5 billion.")
    assert tok.to_words("We don't see Q4 EPS of $1.50 in the company's year-over-year U.S. data") == (
        "We", "do", "n't", "see", "EPS", "of", "in", "the", "company", "year-over-year", "data")
    assert Stemmer("english")("revenues") == "revenu"
    assert "the" in get_stop_words("english")


def test_tokenizer_is_linear_on_a_megabyte_of_letters() -> None:
    tok = OurTokenizer()
    assert tok.to_words("ab-" * 300_000 + "4") == ()
    assert len(tok.to_words("word " * 100_000)) == 100_000


@pytest.mark.shared
def test_selections_equal_sumy_on_a_few_ectsum_val_calls(shared_data: Path) -> None:
    files = sorted((shared_data / "ectsum" / "val" / "ects").glob("*.txt"))[:3]
    if not files:
        pytest.skip("../shared/data/ectsum is absent")
    for f in files:
        sentences = [ln.strip() for ln in f.read_text(encoding="utf-8").splitlines() if ln.strip()][:80]
        for method in ("lexrank", "textrank", "luhn", "sumbasic", "edmundson", "kl"):
            assert select(method, sentences, 4) == _stock(method, sentences, 4), (f.name, method)


@pytest.mark.parametrize("method", ["lexrank", "textrank", "kl", "sumbasic"])
def test_long_texts_run_as_a_tournament_of_block_winners(method: str, monkeypatch: pytest.MonkeyPatch) -> None:
    import summarizer.sumy_methods as sm

    monkeypatch.setattr(sm, "BLOCK", 5)
    winners = set(select(method, CALL[:5], 2)) | {5 + i for i in select(method, CALL[5:10], 2)} | {
        10 + i for i in select(method, CALL[10:], 2)}
    picked = select(method, CALL, 2)
    assert len(picked) == 2 and set(picked) <= winners


@settings(max_examples=25, deadline=None)
@given(st.lists(st.text(alphabet=st.sampled_from(list("ab revenue.%$1🚀收-'")), max_size=40), max_size=12),
       st.integers(min_value=-1, max_value=6))
def test_any_sentences_give_a_valid_selection_for_every_method(sentences: list[str], n: int) -> None:
    for method in METHODS:
        picked = select(method, sentences, n)
        assert picked == sorted(set(picked)) and len(picked) <= max(0, n)
        assert all(0 <= i < len(sentences) for i in picked)
