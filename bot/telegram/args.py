"""Parsing command arguments: '<company|ticker|id> [quarter] [n]' and friends."""
from __future__ import annotations

from bot.ops.calls import parse_period
from summarizer.errors import InputError

MAX_ARG = 300


def split_ref(args: list[str], *, allow_n: bool = True) -> tuple[str, str | None, int | None]:
    """('Northwind Robotics', 'Q4 2025', 3) from ['Northwind', 'Robotics', 'Q4', '2025', '3']."""
    words = [a for a in args if a]
    if sum(len(w) for w in words) > MAX_ARG:
        raise InputError(f"That is too long: name a company, ticker or call id (under {MAX_ARG} characters).")
    n = None
    if allow_n and len(words) >= 2 and words[-1].isdecimal() and len(words[-1]) <= 2:
        n = int(words.pop())
        if n == 0:
            raise InputError("Ask for 1 to 30 sentences, e.g. /summary NWRB 5.")
    quarter = None
    for take in (2, 1):
        if len(words) > take:
            cand = " ".join(words[-take:])
            try:
                parse_period(cand)
            except InputError:
                continue
            quarter = cand
            del words[-take:]
            break
    return " ".join(words), quarter, n
