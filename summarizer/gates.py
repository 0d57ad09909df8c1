"""Cheap keyword gates: does any of a fixed list of substrings occur in a text? One Aho-Corasick scan, not one
`in` test per keyword; used before costly regexes that can only match where one of their keywords stands."""
from __future__ import annotations

from collections.abc import Callable, Iterable

import ahocorasick


def any_of(keys: Iterable[str]) -> Callable[[str], bool]:
    """A test `f(text)`: True when any of `keys` is a substring of `text` (same result as `any(k in text ...)`)."""
    a = ahocorasick.Automaton()
    for k in keys:
        a.add_word(k, k)
    if not len(a):
        return lambda text: False
    a.make_automaton()
    it = a.iter

    def test(text: str) -> bool:
        return next(it(text), None) is not None

    return test
