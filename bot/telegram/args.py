"""Parsing command arguments: '<company|ticker|id> [quarter] [n]' and friends, with a one-line reason when wrong."""
from __future__ import annotations

import re

from bot.ops.calls import parse_period
from summarizer.errors import InputError

MAX_ARG = 300
MAX_SENTENCES = 30
_QUARTERISH = re.compile(r"^(?:q\d{1,2}|\d{4}q\d{1,2}|\d{4}-?q\d{1,2}|fy\d{2,4})$", re.I)
_YEAR = re.compile(r"^(?:19|20)\d{2}$")


def split_ref(args: list[str], *, allow_n: bool = True, command: str = "summary") -> tuple[str, str | None, int | None]:
    """('Northwind Robotics', 'Q4 2025', 3) from ['Northwind', 'Robotics', 'Q4', '2025', '3'].

    InputError says what is wrong: a quarter that is not one ('Q7'), words after the quarter that are not a
    number of sentences ('abc'), a number over the limit ('50')."""
    words = [a for a in args if a]
    if sum(len(w) for w in words) > MAX_ARG:
        raise InputError(f"That is too long: name a company, ticker or call id (under {MAX_ARG} characters).")
    for w in words[1:]:
        if _QUARTERISH.match(w):
            parse_period(w)  # 'Q7' says it is not a quarter
    n = None
    if allow_n and len(words) >= 2 and words[-1].isascii() and words[-1].isdecimal() and not _YEAR.match(words[-1]):
        n = int(words.pop())
        if n == 0:
            raise InputError(f"Ask for 1 to {MAX_SENTENCES} sentences, e.g. /{command} NWRB 5.")
        if n > MAX_SENTENCES:
            raise InputError(f"{n} sentences is more than a summary holds: ask for at most {MAX_SENTENCES}, "
                             f"e.g. /{command} {' '.join(words)} {MAX_SENTENCES}.")
    quarter = None
    for start in range(1, len(words)):  # a quarter after the company, then nothing but the number
        for take in (2, 1):
            cand = " ".join(words[start:start + take])
            if len(words[start:start + take]) < take:
                continue
            try:
                parse_period(cand)
            except InputError:
                continue
            after = words[start + take:]
            if after:
                what = "a number of sentences" if allow_n else "understood here"
                raise InputError(f"'{' '.join(after)[:40]}' is not {what}: write /{command} "
                                 f"{' '.join(words[:start])} {cand}" + (" 3" if allow_n else "") + ".")
            quarter = cand
            del words[start:]
            break
        if quarter:
            break
    return " ".join(words), quarter, n
