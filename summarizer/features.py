"""Sentence features for the default summary method: hand-made earnings-call cues plus a small n-gram vocabulary.

The same code computes features for training (`scripts/train_summarizer.py`) and for scoring, so the
committed weights always mean what the scorer thinks they mean.
"""
from __future__ import annotations

import math
import re
from dataclasses import dataclass

from summarizer.boilerplate import is_courtesy, is_legal

_WORD = re.compile(r"[a-z]+(?:'[a-z]+)?|\d+(?:[.,]\d+)*")
_NUM = re.compile(r"\d")

# Each cue is a (name, regex over the lower-cased sentence).
_CUES: tuple[tuple[str, str], ...] = (
    ("money", r"\$|\b(?:dollars?|usd|eur|euros?|yuan|rmb|yen|pounds?|cents?)\b"),
    ("pct", r"%|\bpercent|\bbasis points?\b|\bbps\b|\bpoints?\b"),
    ("scale", r"\b(?:million|billion|thousand|trillion|mn|bn)\b"),
    ("revenue", r"\b(?:revenues?|sales|top line|top-line|turnover|bookings)\b"),
    ("eps", r"\b(?:eps|per share|per diluted share|earnings per)\b"),
    ("income", r"\b(?:net income|net loss|net profit|profit|earnings|ebitda|ebit|operating income|net earnings)\b"),
    ("margin", r"\bmargins?\b"),
    ("guidance", r"\b(?:guidance|outlook|expects?|expected|forecast|anticipates?|sees|range of|full[- ]year|fiscal (?:year )?20\d\d)\b"),
    ("cash", r"\b(?:cash flow|free cash|cash from operations|liquidity|cash and)\b"),
    ("returns", r"\b(?:dividends?|buybacks?|repurchas\w*)\b"),
    ("change", r"\b(?:increased?|decreased?|rose|grew|grow|growth|declined?|fell|up|down|improved?|compared)\b"),
    ("period", r"\b(?:quarter|q[1-4]|fiscal|year|annual|first half|second half)\b"),
    ("yoy", r"\b(?:year[- ]over[- ]year|year[- ]on[- ]year|versus|prior[- ]year|last year|same period)\b"),
    ("basis", r"\b(?:adjusted|gaap|non-gaap|reported|diluted|organic|constant currency)\b"),
    ("comps", r"\b(?:same[- ]store|comparable|comps?|backlog|orders|shipments|subscribers|users)\b"),
    ("total", r"\b(?:total|consolidated|record)\b"),
    ("hedge", r"\b(?:i think|you know|kind of|sort of|i mean|i guess|maybe|probably)\b"),
    ("we", r"\b(?:we|our|we're|we've)\b"),
    ("i", r"\bi\b|\bi'm\b|\bi'd\b"),
    ("you", r"\b(?:you|your)\b"),
    ("future", r"\b(?:will|going forward|next year|coming|plan to|continue to)\b"),
)
_CUE_RES = tuple(re.compile(p) for _, p in _CUES)
HAND_NAMES: tuple[str, ...] = (
    ("bias", "digit", "numbers") + tuple(n for n, _ in _CUES)
    + ("legal", "courtesy", "question", "exec", "analyst", "operator", "other", "qa",
       "loglen", "short", "long", "relpos", "early", "turn_first")
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
    return ["#" if w[0].isdigit() else w for w in _WORD.findall(text.lower())]


def ngrams(ws: list[str]) -> set[str]:
    """Unigrams and bigrams of a word list (the vocabulary's keys)."""
    out = set(ws)
    out.update(f"{a} {b}" for a, b in zip(ws, ws[1:]))
    return out


def hand_features(item: Item, ws: list[str]) -> list[float]:
    """The hand-made feature vector of one sentence, in `HAND_NAMES` order."""
    low = item.text.lower()
    n_num = sum(1 for w in ws if w == "#")
    n = len(ws)
    f = [1.0, 1.0 if _NUM.search(low) else 0.0, min(n_num, 6) / 6.0]
    f.extend(1.0 if r.search(low) else 0.0 for r in _CUE_RES)
    f.extend((
        1.0 if is_legal(item.text) else 0.0,
        1.0 if is_courtesy(item.text) else 0.0,
        1.0 if "?" in item.text else 0.0,
        1.0 if item.role == "executive" else 0.0,
        1.0 if item.role == "analyst" else 0.0,
        1.0 if item.role == "operator" else 0.0,
        1.0 if item.role not in ("executive", "analyst", "operator") else 0.0,
        1.0 if item.section == "qa" else 0.0,
        math.log1p(n) / 4.0,
        1.0 if n < 8 else 0.0,
        1.0 if n > 45 else 0.0,
        item.rel_pos,
        1.0 if item.rel_pos < 0.2 else 0.0,
        1.0 if item.turn_first else 0.0,
    ))
    return f
