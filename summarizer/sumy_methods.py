"""sumy's summarizers by name, offline and fast: LexRank, TextRank, LSA, Luhn, KL-Sum, SumBasic, Edmundson.

Each method is sumy's algorithm behind sumy's `AbstractSummarizer` interface, with our tokenizer
(no NLTK data), a cached Snowball stemmer and sumy's English stop words. Where sumy's own code is
quadratic pure Python (LexRank, TextRank, LSA's weighting, KL-Sum, SumBasic, Luhn's tuple look-ups)
the subclasses below compute the same quantities with numpy or sets; `bench/sumy_speed.py` checks
their selections against sumy's stock classes on ECTSum val and times both.
"""
from __future__ import annotations

import math
from collections import Counter
from collections.abc import Callable
from functools import lru_cache

import numpy as np
from sumy.models.dom import ObjectDocumentModel, Paragraph, Sentence
from sumy.nlp.stemmers import Stemmer
from sumy.summarizers._summarizer import AbstractSummarizer
from sumy.summarizers.edmundson import EdmundsonSummarizer
from sumy.summarizers.kl import KLSummarizer
from sumy.summarizers.lex_rank import LexRankSummarizer
from sumy.summarizers.lsa import LsaSummarizer
from sumy.summarizers.luhn import LuhnSummarizer
from sumy.summarizers.sum_basic import SumBasicSummarizer
from sumy.summarizers.text_rank import TextRankSummarizer
from sumy.utils import get_stop_words

from summarizer.errors import InputError
from summarizer.tokenize import OurTokenizer

LANGUAGE = "english"

# Edmundson's cue words for earnings calls: what reports or guides results (bonus), what is
# procedure or legal boilerplate (stigma). Stemmed by sumy when set.
BONUS_WORDS = """revenue revenues sales eps earnings income profit profitability margin margins
guidance outlook forecast expect expects raised raise increased increase grew growth record
billion million percent cash flow dividend dividends buyback repurchase repurchases backlog orders
bookings demand operating adjusted gross net diluted share year-over-year quarter quarterly
full-year ebitda free capital return returns shipments volume volumes pricing price""".split()
STIGMA_WORDS = """forward-looking safe harbor harbour statements risks uncertainties cautionary
operator instructions conference call webcast replay recorded recording welcome welcoming thank
thanks morning afternoon evening everyone joining participants question questions queue press
star listen-only reconciliation non-gaap website disclaimer actual differ materially""".split()


@lru_cache(maxsize=1)
def _stop_words() -> frozenset[str]:
    return frozenset(get_stop_words(LANGUAGE))


@lru_cache(maxsize=1)
def cached_stemmer() -> Callable[[str], str]:
    """sumy's Snowball stemmer behind a cache: stemming is most of sumy's time on a long call."""
    return lru_cache(maxsize=200_000)(Stemmer(LANGUAGE))


def _content_stems(summarizer: AbstractSummarizer, sentence: Sentence) -> list[str]:
    """sumy's `_to_words_set`: lower-case, drop stop words, stem (duplicates kept, in order)."""
    stop = summarizer.stop_words
    stem = summarizer._stemmer
    return [stem(w) for w in (w.lower() for w in sentence.words) if w not in stop]


def _count_matrix(words: list[list[str]]) -> tuple[np.ndarray, dict[str, int]]:
    """Sentences x terms counts (at least one column) and the term -> column map, terms in first-seen order."""
    vocab: dict[str, int] = {}
    for ws in words:
        for w in ws:
            vocab.setdefault(w, len(vocab))
    counts = np.zeros((len(words), max(1, len(vocab))))
    for i, ws in enumerate(words):
        for w in ws:
            counts[i, vocab[w]] += 1
    return counts, vocab


def _rate_by_position(sentences: tuple[Sentence, ...], scores: np.ndarray) -> dict[Sentence, float]:
    """sumy keys ratings by sentence text, so a repeated sentence takes its last copy's score."""
    return dict(zip(sentences, scores.tolist()))


class FastLexRank(LexRankSummarizer):
    """sumy's LexRank with the idf-cosine matrix computed as one matrix product (same thresholds, same power method)."""

    def __call__(self, document: ObjectDocumentModel, sentences_count: int) -> tuple[Sentence, ...]:
        sentences = document.sentences
        words = [_content_stems(self, s) for s in sentences]
        if not words:
            return ()
        n = len(words)
        counts, vocab = _count_matrix(words)
        top = counts.max(axis=1, initial=1.0)
        tf = counts / top[:, None]  # sumy's c / max_c, the same single division per cell
        n_j = np.count_nonzero(tf, axis=0).tolist()
        idf = np.array([math.log(n / (1 + k)) for k in n_j]) if vocab else np.zeros(1)
        weighted = tf * idf
        numerator = (tf * idf**2) @ tf.T
        norms = np.sqrt((weighted**2).sum(axis=1))
        denom = np.outer(norms, norms)
        with np.errstate(divide="ignore", invalid="ignore"):
            cosine = np.where(denom > 0, numerator / np.where(denom > 0, denom, 1.0), 0.0)
        matrix = (cosine > self.threshold).astype(float)
        degrees = matrix.sum(axis=1)
        degrees[degrees == 0] = 1
        matrix /= degrees[:, None]
        scores = self.power_method(matrix, self.epsilon)
        return self._get_best_sentences(sentences, sentences_count, _rate_by_position(sentences, scores))

    @staticmethod
    def power_method(matrix: np.ndarray, epsilon: float) -> np.ndarray:
        """sumy's power method; an all-zero graph (no shared words anywhere) rates every sentence alike."""
        if not matrix.any():
            return np.full(len(matrix), 1.0 / len(matrix))
        return LexRankSummarizer.power_method(matrix, epsilon)


class FastTextRank(TextRankSummarizer):
    """sumy's TextRank with the word-overlap matrix as counts @ counts.T (exact integers, same normalisation)."""

    def _create_matrix(self, document: ObjectDocumentModel) -> np.ndarray:
        words = [_content_stems(self, s) for s in document.sentences]
        n = len(words)
        counts, _vocab = _count_matrix(words)
        rank = counts @ counts.T
        logs = np.array([math.log(len(ws)) if ws else 0.0 for ws in words])
        norm = logs[:, None] + logs[None, :]
        with np.errstate(divide="ignore", invalid="ignore"):
            weights = np.where(rank == 0, 0.0, np.where(np.isclose(norm, 0.0), rank, rank / norm))
        weights /= weights.sum(axis=1)[:, np.newaxis] + self._ZERO_DIVISION_PREVENTION
        return np.full((n, n), (1.0 - self.damping) / n) + self.damping * weights


class FastLsa(LsaSummarizer):
    """sumy's LSA without the SVD: with every dimension kept (sumy's REDUCTION_RATIO = 1), a sentence's rank
    sqrt(sum_k sigma_k^2 v_kj^2) is exactly the norm of its column of the weighted term matrix.

    The norm is computed from the sentence's own words (absent words weigh `smooth`), so memory stays
    linear in the text. Same ratings up to floating-point rounding; ratings are rounded to 9 decimals
    so sentences with the same weighted counts (say, five distinct words each) tie exactly and keep
    document order, where sumy orders them by its SVD's rounding noise.
    """

    SMOOTH = 0.4  # sumy's `_compute_term_frequency` default

    def __call__(self, document: ObjectDocumentModel, sentences_count: int) -> tuple[Sentence, ...]:
        dictionary = self._create_dictionary(document)
        if not dictionary:
            return ()
        dims = min(len(dictionary), len(document.sentences))
        if int(dims * self.REDUCTION_RATIO) < dims:
            return super().__call__(document, sentences_count)  # truncated LSA needs the real SVD
        ranks = iter(self.sentence_ranks(document, dictionary))
        return self._get_best_sentences(document.sentences, sentences_count, lambda s: next(ranks))

    def sentence_ranks(self, document: ObjectDocumentModel, dictionary: dict[str, int]) -> list[float]:
        """Each sentence's LSA rank: the Euclidean norm of its weighted column, rounded to 9 decimals."""
        smooth, size = self.SMOOTH, len(dictionary)
        ranks = []
        for sentence in document.sentences:
            counts = Counter(w for w in map(self.stem_word, sentence.words) if w in dictionary)
            if not counts:
                ranks.append(0.0)  # sumy leaves an all-zero column as is
                continue
            top = max(counts.values())
            square = sum((smooth + (1.0 - smooth) * (c / top)) ** 2 for c in counts.values())
            ranks.append(round(math.sqrt(square + (size - len(counts)) * smooth**2), 9))
        return ranks


class FastLuhn(LuhnSummarizer):
    """sumy's Luhn with significant stems in a set rather than a tuple (same chunks, same ratings)."""

    def __call__(self, document: ObjectDocumentModel, sentences_count: int) -> tuple[Sentence, ...]:
        words = frozenset(self._get_significant_words(document.words))
        return self._get_best_sentences(document.sentences, sentences_count, self.rate_sentence, words)


class _Entries:
    """Sentences as sparse (sentence, term, count) entries over a vocabulary, for the greedy methods."""

    def __init__(self, rows: list[list[str]], vocab: dict[str, int]) -> None:
        r, c, v = [], [], []
        for i, ws in enumerate(rows):
            for w, k in Counter(ws).items():
                if w not in vocab:
                    continue  # sumy skips words the document distribution lacks (they still count in length)
                r.append(i)
                c.append(vocab[w])
                v.append(float(k))
        self.row = np.array(r, dtype=np.intp)
        self.col = np.array(c, dtype=np.intp)
        self.count = np.array(v)
        self.length = np.array([float(len(ws)) for ws in rows])


class FastKL(KLSummarizer):
    """sumy's KL-Sum (greedy, the sentence whose addition keeps KL(doc || summary) lowest) in O(entries) per step.

    KL_i = sum over words w in the sentence or summary of d_w * log(d_w * L_i / (c_iw + S_w)); the
    terms of summary-only words are one constant per step, so each step touches only the sentences'
    own words. Floating-point sums run in another order than sumy's, so exact ties may break apart.
    """

    stop_words = frozenset()

    def _compute_ratings(self, sentences: tuple[Sentence, ...]) -> dict[Sentence, int]:
        doc_tf = self.compute_tf(sentences)
        vocab = {w: i for i, w in enumerate(doc_tf)}
        d = np.array([doc_tf[w] for w in vocab]) if vocab else np.zeros(0)
        log_d = np.log(d) if vocab else d
        rows = [self._get_content_words_in_sentence(s) for s in sentences]
        ent = _Entries(rows, vocab)
        n = len(sentences)
        e_d = d[ent.col] if len(ent.col) else np.zeros(0)
        summary = np.zeros(len(vocab))  # S_w: the summary's raw words counted by doc-vocabulary term
        summary_len = 0.0
        alive = np.ones(n, dtype=bool)
        ratings: dict[Sentence, int] = {}
        for _ in range(n):
            in_z = summary[ent.col] > 0
            s_e = summary[ent.col]
            with np.errstate(divide="ignore", invalid="ignore"):
                delta = np.where(in_z, -e_d * (np.log(ent.count + s_e) - np.log(np.where(in_z, s_e, 1.0))),
                                 e_d * (log_d[ent.col] - np.log(ent.count)))
                z = summary > 0
                g = float((d[z] * (log_d[z] - np.log(summary[z]))).sum())
                mass = float(d[z].sum()) + np.bincount(ent.row, weights=np.where(in_z, 0.0, e_d), minlength=n)
                total = ent.length + summary_len
                kl = g + np.bincount(ent.row, weights=delta, minlength=n) + np.log(total) * mass
            kl = np.where(total > 0, kl, 0.0)
            kl[~alive] = np.inf
            best = int(np.argmin(kl))
            alive[best] = False
            ratings[sentences[best]] = -1 * len(ratings)
            for w in sentences[best].words:
                summary_len += 1
                j = vocab.get(w)
                if j is not None:
                    summary[j] += 1
        return ratings


class FastSumBasic(SumBasicSummarizer):
    """sumy's SumBasic (greedy by average word probability, chosen words' probabilities squared) per step in numpy.

    Sentence sums run word by word in sentence order (np.bincount adds in input order), as sumy's
    `sum` does, so ratings and ties come out the same.
    """

    def _compute_ratings(self, sentences: tuple[Sentence, ...]) -> dict[Sentence, int]:
        tf = self._compute_tf(sentences)
        vocab = {w: i for i, w in enumerate(tf)}
        p = np.array([tf[w] for w in vocab]) if vocab else np.zeros(0)
        rows = [self._get_content_words_in_sentence(s) for s in sentences]
        row = np.array([i for i, ws in enumerate(rows) for _ in ws], dtype=np.intp)
        col = np.array([vocab[w] for ws in rows for w in ws], dtype=np.intp)
        lengths = np.array([float(len(ws)) for ws in rows])
        n = len(sentences)
        alive = np.ones(n, dtype=bool)
        ratings: dict[Sentence, int] = {}
        for _ in range(n):
            sums = np.bincount(row, weights=p[col], minlength=n) if len(col) else np.zeros(n)
            with np.errstate(divide="ignore", invalid="ignore"):
                avg = np.where(lengths > 0, sums / np.where(lengths > 0, lengths, 1.0), 0.0)
            avg[~alive] = -1.0
            best = int(np.argmax(avg))
            alive[best] = False
            ratings[sentences[best]] = -len(ratings)
            for w in rows[best]:
                p[vocab[w]] *= p[vocab[w]]
        return ratings


class EarningsEdmundson(EdmundsonSummarizer):
    """sumy's Edmundson with earnings-call cue words: cue and key words count, opening and closing sentences get a bonus."""

    def __init__(self, stemmer: Callable[[str], str]) -> None:
        super().__init__(stemmer, cue_weight=1.0, key_weight=1.0, title_weight=0.0, location_weight=1.0)
        self.bonus_words = BONUS_WORDS
        self.stigma_words = STIGMA_WORDS
        self.null_words = _stop_words()


def _configure(summarizer: AbstractSummarizer) -> AbstractSummarizer:
    """Give a summarizer sumy's English stop words (KL-Sum keeps them as a plain attribute, compared as is)."""
    if not isinstance(summarizer, EdmundsonSummarizer):
        summarizer.stop_words = _stop_words()
    return summarizer


def _fast(cls: type[AbstractSummarizer]) -> Callable[[], AbstractSummarizer]:
    return lambda: _configure(cls(cached_stemmer()))


def _stock(cls: type[AbstractSummarizer]) -> Callable[[], AbstractSummarizer]:
    def build() -> AbstractSummarizer:
        if cls is EdmundsonSummarizer:
            s = EdmundsonSummarizer(Stemmer(LANGUAGE), cue_weight=1.0, key_weight=1.0, title_weight=0.0,
                                    location_weight=1.0)
            s.bonus_words, s.stigma_words, s.null_words = BONUS_WORDS, STIGMA_WORDS, _stop_words()
            return s
        return _configure(cls(Stemmer(LANGUAGE)))
    return build


# Method name -> factory of a configured summarizer (ours, fast) and of sumy's stock class (for checks).
METHODS: dict[str, Callable[[], AbstractSummarizer]] = {
    "lexrank": _fast(FastLexRank),
    "textrank": _fast(FastTextRank),
    "lsa": _fast(FastLsa),
    "luhn": _fast(FastLuhn),
    "kl": _fast(FastKL),
    "sumbasic": _fast(FastSumBasic),
    "edmundson": lambda: EarningsEdmundson(cached_stemmer()),
}
STOCK: dict[str, Callable[[], AbstractSummarizer]] = {
    "lexrank": _stock(LexRankSummarizer),
    "textrank": _stock(TextRankSummarizer),
    "lsa": _stock(LsaSummarizer),
    "luhn": _stock(LuhnSummarizer),
    "kl": _stock(KLSummarizer),
    "sumbasic": _stock(SumBasicSummarizer),
    "edmundson": _stock(EdmundsonSummarizer),
}
_ALIASES = {"kl-sum": "kl", "klsum": "kl", "lex-rank": "lexrank", "text-rank": "textrank", "sum-basic": "sumbasic"}


def method_name(method: str) -> str:
    """The canonical name of `method` (case and common spellings forgiven); InputError names the valid ones."""
    key = method.strip().lower()
    key = _ALIASES.get(key, key)
    if key not in METHODS:
        raise InputError(f"Unknown summary method {method!r}; choose one of: {', '.join(METHODS)}.")
    return key


def document_of(sentences: list[str]) -> ObjectDocumentModel:
    """A one-paragraph sumy document of already split sentences, tokenized by `OurTokenizer`."""
    tokenizer = OurTokenizer(LANGUAGE)
    return ObjectDocumentModel([Paragraph([Sentence(s, tokenizer) for s in sentences])])


def run(summarizer: AbstractSummarizer, sentences: list[str], n: int) -> list[int]:
    """Indices (ascending) of the sentences `summarizer` picks; repeated sentences map to their copies in order."""
    if n <= 0 or not sentences:
        return []
    document = document_of(sentences)
    with np.errstate(all="ignore"):
        chosen = summarizer(document, n)
    positions = {id(s): i for i, s in enumerate(document.sentences)}
    return sorted(positions[id(s)] for s in chosen)


# The graph and greedy methods cost time and memory quadratic in sentences (a 1,000 x 1,000 matrix is
# 8 MB); beyond this many sentences (about 25,000 words) they run as a tournament, see `select`.
BLOCK = 1000
QUADRATIC = frozenset({"lexrank", "textrank", "kl", "sumbasic"})


def select(method: str, sentences: list[str], n: int) -> list[int]:
    """Indices (ascending) of the `n` sentences sumy's `method` picks from `sentences`; fast and offline.

    Up to BLOCK sentences this is exactly sumy's selection. Longer texts (a book, not a call) under a
    quadratic method run as a tournament so time and memory stay bounded: the method picks `n`
    from each block of BLOCK consecutive sentences, then `n` among those winners.
    """
    name = method_name(method)
    if name not in QUADRATIC or len(sentences) <= BLOCK or n <= 0:
        return run(METHODS[name](), sentences, n)
    pool: list[int] = []
    for start in range(0, len(sentences), BLOCK):
        block = sentences[start:start + BLOCK]
        pool.extend(start + i for i in run(METHODS[name](), block, n))
    if len(pool) == len(sentences):  # n >= BLOCK: every sentence won its block
        return run(METHODS[name](), sentences, n)
    return [pool[i] for i in select(name, [sentences[i] for i in pool], n)]
