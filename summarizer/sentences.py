"""Sentence splitting. PLACEHOLDER: replaced by the fast abbreviation-aware splitter."""
from __future__ import annotations

import re

_SPLIT = re.compile(r"(?<=[.!?])\s+(?=[A-Z0-9\"'“(])")


def split_sentences(text: str) -> list[str]:
    """Split `text` into sentences (stripped, non-empty), paragraph breaks always ending one."""
    out: list[str] = []
    for para in re.split(r"\n\s*\n|\n", text):
        out.extend(s.strip() for s in _SPLIT.split(para) if s.strip())
    return out
