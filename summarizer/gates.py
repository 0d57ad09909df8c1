"""Cheap keyword gates: does any of a fixed list of substrings occur in a text? One Aho-Corasick scan, not one
`in` test per keyword; used before costly regexes that can only match where one of their keywords stands."""
from __future__ import annotations

import re
from collections.abc import Callable, Iterable

import ahocorasick

# Characters `re.IGNORECASE` matches to an ASCII letter although `str.lower()` does not give that letter
# ('İ' lowers to 'i' + a combining dot; dotless 'ı' and long 'ſ' stay as they are).
_FOLDS_APART = re.compile("[\u0130\u0131\u017f]")


def may_fold(text: str) -> bool:
    """Whether `text` holds a letter `re.IGNORECASE` matches to an ASCII letter that `str.lower()` does not give."""
    return not text.isascii() and _FOLDS_APART.search(text) is not None


_DIGIT = re.compile(r"\d")


def has_digit(text: str) -> bool:
    """`re.search(r"\\d", text) is not None`, 3x faster: ten substring tests, the regex only for non-ASCII text (where
    another script's digits may stand)."""
    if "0" in text or "1" in text or "2" in text or "3" in text or "4" in text or "5" in text or "6" in text \
            or "7" in text or "8" in text or "9" in text:
        return True
    return not text.isascii() and _DIGIT.search(text) is not None


def _automaton(keys: Iterable[str]) -> ahocorasick.Automaton | None:
    a = ahocorasick.Automaton()
    for k in keys:
        a.add_word(k, k)
    if not len(a):
        return None
    a.make_automaton()
    return a


def any_of(keys: Iterable[str]) -> Callable[[str], bool]:
    """A test `f(text)`: True when any of `keys` is a substring of `text` (same result as `any(k in text ...)`)."""
    a = _automaton(keys)
    if a is None:
        return lambda text: False
    it = a.iter

    def test(text: str) -> bool:
        return next(it(text), None) is not None

    return test


def any_of_ignorecase(keys: Iterable[str]) -> Callable[[str], bool]:
    """A gate for a `re.IGNORECASE` regex that can only match where one of `keys` (lower-case ASCII, or symbols) occurs:
    False only when none occurs in any case, so the regex can be skipped with the same result."""
    low_keys = list(keys)
    assert all(k == k.lower() and (k.isascii() or not any(c.isalpha() for c in k)) for k in low_keys), \
        "keys: lower-case ASCII, or symbols with no case"
    a = _automaton(low_keys)
    if a is None:
        return may_fold
    if len(low_keys) <= 3:  # a few `in` tests beat starting an automaton scan (2-3x on a sentence or a window)
        keys = tuple(low_keys)

        def test_few(text: str) -> bool:
            low = text.lower()
            for k in keys:
                if k in low:
                    return True
            return not text.isascii() and _FOLDS_APART.search(text) is not None

        return test_few
    it = a.iter

    def test(text: str) -> bool:  # one call, no layers: gates run on every sentence
        return next(it(text.lower()), None) is not None or (not text.isascii() and _FOLDS_APART.search(text) is not None)

    return test


def search_if(rx: re.Pattern, gate: Callable[[str], bool], text: str, lo: int, hi: int) -> re.Match | None:
    """`rx.search(text, lo, hi)`, skipped (None) when `gate` finds none of the words the pattern needs in text[lo:hi]."""
    if not gate(text[lo:hi]):
        return None
    return rx.search(text, lo, hi)
