"""A light English suffix stemmer and word tokenizer shared by query terms and call text.

Both sides go through the same two functions, so "inventory" and "inventories", "ship" and "shipped"
meet at the same stem; exactness against a dictionary does not matter, consistency does."""
from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache
from typing import Any

WORD = re.compile(r"[^\W_]+(?:['\u2019][^\W_]+)*")
_VOWELS = set("aeiouy")
_KEEP_S = ("ss", "us", "is", "ous")

STOP_WORDS = frozenset(
    """a about above after again against all am an and any are as at be because been before being below between
    both but by can could did do does doing down during each few for from further had has have having he her here
    hers herself him himself his how i if in into is it its itself just me more most my myself no nor not now of
    off on once only or other our ours ourselves out over own same she should so some such than that the their
    theirs them themselves then there these they this those through to too under until up very was we were what
    when where which while who whom why will with would you your yours yourself yourselves""".split()
)


def _has_vowel(s: str) -> bool:
    return any(c in _VOWELS for c in s)


def _undouble(s: str) -> str:
    if len(s) > 3 and s[-1] == s[-2] and s[-1] not in "lsz" and s[-1] not in _VOWELS:
        return s[:-1]
    return s


@lru_cache(maxsize=200_000)
def stem(word: str) -> str:
    """The stem of one lower-cased word: plurals, -ing, -ed and a final -e folded away."""
    w = word.lower().replace("\u2019", "'")
    if w.endswith("'s"):
        w = w[:-2]
    if len(w) <= 3 or not w.isalpha():
        return w
    if w.endswith("ies") and len(w) > 4:
        w = w[:-3] + "y"
    elif w.endswith("sses"):
        w = w[:-2]
    elif w.endswith("es") and w[-3] in "sxz" or w.endswith(("ches", "shes")):
        w = w[:-2]
    elif w.endswith("s") and not w.endswith(_KEEP_S):
        w = w[:-1]
    if w.endswith("ied") and len(w) > 4:
        w = w[:-3] + "y"
    elif w.endswith("ing") and len(w) > 5 and _has_vowel(w[:-3]):
        w = _undouble(w[:-3])
    elif w.endswith("ed") and len(w) > 4 and _has_vowel(w[:-2]):
        w = _undouble(w[:-2])
    if w.endswith("e") and len(w) > 3:
        w = w[:-1]
    if w.endswith("y") and len(w) > 3:
        w = w[:-1] + "i"
    return w


class WordMap(dict):
    """word -> `fn(word)`, each distinct word computed once: a call says the same words again and again, and
    `list(map(m.__getitem__, words))` costs a C-level dict look-up a word. Cleared when it grows past `limit`."""

    def __init__(self, fn: Callable[[str], Any], limit: int = 200_000) -> None:
        super().__init__()
        self.fn, self.limit = fn, limit

    def __missing__(self, word: str) -> Any:
        if len(self) >= self.limit:
            self.clear()
        value = self[word] = self.fn(word)
        return value


# ASCII bytes that are no part of a word (all but letters, digits and the apostrophe) -> a space
_NOT_WORD = bytes(b if chr(b).isalnum() and b < 128 or b == 39 else 32 for b in range(256))


def words(text: str) -> list[str]:
    """The words of a text, in order (letters and digits; inner apostrophes kept): `WORD.findall(text)`. An ASCII
    text (almost every sentence of a call) is cut at the bytes no word holds and split, which is 1.6x faster than
    the regex; only a piece with an apostrophe is left to the regex (a leading, trailing or doubled one is no part
    of a word)."""
    if not text.isascii():
        return WORD.findall(text)
    out = text.encode().translate(_NOT_WORD).decode().split()
    if "'" not in text:
        return out
    return [w for piece in out for w in (WORD.findall(piece) if "'" in piece else (piece,))]


class TextWords(dict):
    """text -> its words (`words`), each text split once: the analyses of one call share one
    (topic tags, their near-duplicate check and the Q&A digest read the same sentences)."""

    def __missing__(self, text: str) -> list[str]:
        value = self[text] = words(text)
        return value


def stems(text: str) -> list[str]:
    """The stems of the words of a text, in order."""
    return [stem(w) for w in words(text)]
