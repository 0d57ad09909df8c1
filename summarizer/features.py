"""Sentence features for the default summary method: hand-made earnings-call cues plus a small n-gram vocabulary.

The same code computes features for training (`scripts/train_summarizer.py`) and for scoring, so the
committed weights always mean what the scorer thinks they mean.
"""
from __future__ import annotations

import math
import re
from dataclasses import dataclass
from functools import reduce
from itertools import chain
from operator import itemgetter, or_

import ahocorasick

from summarizer.boilerplate import is_courtesy, is_legal
from summarizer.gates import has_digit
from summarizer.headlines import headline_flags
from summarizer.stemming import WordMap

_WORD = re.compile(r"[a-z]+(?:'[a-z]+)?|\d+(?:[.,]\d+)*")

# `words` of each whitespace-free chunk of lower-cased text, as met: no word spans whitespace, so a text's words are
# its chunks' words in order, and most chunks ("revenue", "the", "quarter,") recur across sentences and calls.
_CHUNK_WORDS = WordMap(lambda chunk: tuple("#" if w[0].isdigit() else w for w in _WORD.findall(chunk)))

# Each cue: (name, words any of which fires it, phrases found as substrings of the lower-cased sentence).
# Word-set and substring tests instead of 21 regexes: 10x faster on a 10,000-word call.
_CUES: tuple[tuple[str, frozenset[str], tuple[str, ...]], ...] = tuple(
    (name, frozenset(ws.split()), tuple(p for p in ph.split("|") if p))
    for name, ws, ph in (
        ("money", "dollar dollars usd eur euro euros yuan rmb yen pound pounds cent cents", "$"),
        ("pct", "percent percentage bps point points", "%|basis point"),
        ("scale", "million billion thousand trillion mn bn", ""),
        ("revenue", "revenue revenues sales turnover bookings", "top line|top-line"),
        ("eps", "eps", "per share|per diluted share|earnings per"),
        ("income", "profit earnings ebitda ebit", "net income|net loss|operating income"),
        ("margin", "margin margins", ""),
        ("guidance", "guidance outlook expect expects expected forecast anticipate anticipates sees",
         "range of|full year|full-year"),
        ("cash", "liquidity", "cash flow|free cash|cash from operations|cash and"),
        ("returns", "dividend dividends buyback buybacks repurchase repurchased repurchases repurchasing", ""),
        ("change", "increase increased decrease decreased rose grew grow growth decline declined fell up down "
                   "improve improved compared", ""),
        ("period", "quarter q1 q2 q3 q4 fiscal year annual", "first half|second half"),
        ("yoy", "versus", "year-over-year|year over year|year-on-year|year on year|prior year|prior-year|last year|same period"),
        ("basis", "adjusted gaap non-gaap reported diluted organic", "constant currency"),
        ("comps", "comparable comps comp backlog orders shipments subscribers users", "same-store|same store"),
        ("total", "total consolidated record", ""),
        ("hedge", "maybe probably", "i think|you know|kind of|sort of|i mean|i guess"),
        ("we", "we our we're we've", ""),
        ("i", "i i'm i'd", ""),
        ("you", "you your", ""),
        ("future", "will coming", "going forward|next year|plan to|continue to"),
    )
)
# The cues again, indexed: word -> the cues it fires, and one Aho-Corasick automaton over every phrase
# (one scan of the sentence instead of 21 set tests and their substring loops).
def _index_cues() -> tuple[dict[str, tuple[int, ...]], ahocorasick.Automaton]:
    by_word: dict[str, tuple[int, ...]] = {}
    phrases = ahocorasick.Automaton()
    for i, (_, ws, ph) in enumerate(_CUES):
        for w in ws:
            by_word[w] = by_word.get(w, ()) + (i,)
        for p in ph:
            phrases.add_word(p, phrases.get(p, ()) + (i,))
    phrases.make_automaton()
    return by_word, phrases


_CUE_WORDS, _CUE_PHRASES = _index_cues()
# The same cues as bit masks (bit i: `_CUES[i]`), OR-ed in C, and each mask's 0/1 flags made once.
_CUE_WORD_MASK = {w: sum(1 << i for i in idx) for w, idx in _CUE_WORDS.items()}
_CUE_PHRASE_MASK = ahocorasick.Automaton()
for _phrase, _idx in _CUE_PHRASES.items():
    _CUE_PHRASE_MASK.add_word(_phrase, sum(1 << i for i in _idx))
_CUE_PHRASE_MASK.make_automaton()
_CUE_FLAGS: dict[int, tuple[float, ...]] = {}
_VALUE = itemgetter(1)


def _cue_flags(ws: list[str], low: str) -> tuple[float, ...]:
    """1.0 for each cue any of whose words is in `ws` or whose phrases occur in `low`, else 0.0, in `_CUES` order."""
    mask = reduce(or_, map(_CUE_WORD_MASK.__getitem__, _CUE_WORD_MASK.keys() & ws),
                  reduce(or_, map(_VALUE, _CUE_PHRASE_MASK.iter(low)), 0))
    flags = _CUE_FLAGS.get(mask)
    if flags is None:
        flags = _CUE_FLAGS[mask] = tuple(1.0 if mask >> i & 1 else 0.0 for i in range(len(_CUES)))
    return flags
_GUIDANCE_CUE = next(i for i, c in enumerate(_CUES) if c[0] == "guidance")
HAND_NAMES: tuple[str, ...] = (
    ("bias", "digit", "numbers") + tuple(c[0] for c in _CUES)
    + ("legal", "courtesy", "question", "exec", "analyst", "operator", "other", "qa",
       "loglen", "short", "long", "relpos", "early", "turn_first", "q_revenue", "q_eps", "guided")
)


@dataclass(frozen=True)
class Item:
    """What the features need to know about one sentence."""

    text: str
    role: str = "other"
    section: str = "prepared"
    rel_pos: float = 0.0  # position in the call, 0..1
    turn_first: bool = False  # the first sentence of its turn


def words(text: str) -> list[str]:
    """Lower-cased words, each number as '#'."""
    return words_of_lower(text.lower())


def words_of_lower(low: str) -> list[str]:
    """`words` of a text already lower-cased."""
    return list(chain.from_iterable(map(_CHUNK_WORDS.__getitem__, low.split())))


def ngrams(ws: list[str]) -> set[str]:
    """Unigrams and bigrams of a word list (the vocabulary's keys)."""
    out = set(ws)
    out.update(map(" ".join, zip(ws, ws[1:])))  # the same bigrams in the same order, without a generator
    return out


_ROLE_FLAGS = {"executive": (1.0, 0.0, 0.0, 0.0), "analyst": (0.0, 1.0, 0.0, 0.0), "operator": (0.0, 0.0, 1.0, 0.0)}
_OTHER_ROLE = (0.0, 0.0, 0.0, 1.0)  # exec, analyst, operator, other
_NO_HEADLINE = (0.0, 0.0, 0.0)


def hand_features(item: Item, ws: list[str], legal: bool | None = None, courtesy: bool | None = None,
                  low: str | None = None) -> list[float]:
    """The hand-made feature vector of one sentence, in `HAND_NAMES` order (boilerplate flags computed if not given;
    `low`: the item's text lower-cased, when the caller has it)."""
    text = item.text
    if low is None:
        low = text.lower()
    n_num = ws.count("#")
    n = len(ws)
    cues = _cue_flags(ws, low)  # 1.0 where any of the cue's words or phrases occurs
    if legal is None:
        legal = is_legal(text)
    if courtesy is None:
        courtesy = is_courtesy(text)
    digit = n_num or has_digit(low)  # none: no amount, so no headline flag
    rel_pos = item.rel_pos
    return [1.0, 1.0 if digit else 0.0, min(n_num, 6) / 6.0, *cues,
            1.0 if legal else 0.0,
            1.0 if courtesy else 0.0,
            1.0 if "?" in text else 0.0,
            *_ROLE_FLAGS.get(item.role, _OTHER_ROLE),
            1.0 if item.section == "qa" else 0.0,
            math.log1p(n) / 4.0,
            1.0 if n < 8 else 0.0,
            1.0 if n > 45 else 0.0,
            rel_pos,
            1.0 if rel_pos < 0.2 else 0.0,
            1.0 if item.turn_first else 0.0,
            # the quarter's revenue and EPS as amounts, and revenue or EPS guided as amounts
            *(headline_flags(text, low, cues[_GUIDANCE_CUE] > 0) if digit else _NO_HEADLINE)]
