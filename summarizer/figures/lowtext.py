"""Case-insensitive patterns run on the lower-cased sentence.

Python's regex engine cannot skip ahead to where an `re.IGNORECASE` pattern may start (it tries every position of
the sentence), but it can for a case-sensitive one. A pattern whose letters are all lower case, matched against the
lower-cased text of an ASCII sentence, finds exactly what the case-insensitive one finds in the sentence, at the same
positions, often several times faster. Text that is not ASCII (where `str.lower()` may change lengths, or `re`
folds letters like 'ſ' and 'K' that `lower()` does not) keeps the case-insensitive pattern.
"""
from __future__ import annotations

import re
from functools import lru_cache


def lower_pattern(src: str) -> str:
    """The pattern with its literal letters lower-cased; escapes (`\\W`, `\\S`, `\\B`, ...) are kept as written."""
    assert "(?-i" not in src and "(?i" not in src, "a pattern with case-sensitive parts cannot be lower-cased"
    out: list[str] = []
    i = 0
    while i < len(src):
        c = src[i]
        if c == "\\" and i + 1 < len(src):
            assert src[i + 1] not in "xuUN", "no character codes in a lower-cased pattern"
            out.append(src[i:i + 2])
            i += 2
            continue
        out.append(c.lower())
        i += 1
    return "".join(out)


class LowerPattern:
    """A case-insensitive pattern with a case-sensitive twin for lower-cased ASCII text. Its matches may be of the
    lower-cased text: read their positions, and take the words from the sentence itself."""

    __slots__ = ("ci", "low")

    def __init__(self, src: str) -> None:
        self.ci = re.compile(src, re.IGNORECASE)
        self.low = re.compile(lower_pattern(src))

    def finditer(self, text: str, pos: int = 0, endpos: int | None = None):
        low = lowered(text)
        rx, t = (self.low, low) if low is not None else (self.ci, text)
        return rx.finditer(t, pos, len(t) if endpos is None else endpos)

    def match(self, text: str, pos: int = 0, endpos: int | None = None) -> re.Match | None:
        low = lowered(text)
        rx, t = (self.low, low) if low is not None else (self.ci, text)
        return rx.match(t, pos, len(t) if endpos is None else endpos)

    def search(self, text: str, pos: int = 0, endpos: int | None = None) -> re.Match | None:
        low = lowered(text)
        rx, t = (self.low, low) if low is not None else (self.ci, text)
        return rx.search(t, pos, len(t) if endpos is None else endpos)


@lru_cache(maxsize=16)
def lowered(text: str) -> str | None:
    """The lower-cased sentence, None when it is not ASCII (read it with the case-insensitive pattern)."""
    return text.lower() if text.isascii() else None
