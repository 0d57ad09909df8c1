"""The cheap forms of the trimming checks give the answers of the plain regexes they replace (speed, same lines)."""
from __future__ import annotations

import re

import pytest

from summarizer import trimming as T

# The regex has_figure used before its split into three scans.
_UNIT = re.compile(r"[$%€£¥]|\d\s*(?:percent|per cent|million|billion|thousand|trillion|points?|basis|bps|cents?|dollars?"
                   r"|yuan|rmb|euros?|yen|x|times|mn|bn|k|m|b)\b|\d[.,]\d|\bper share\b", re.IGNORECASE)
TEXTS = [
    "Revenue at Corvane Foods was $412.6 million, up 8%.", "We shipped 14 units.", "Margin expanded 120 bps.",
    "Net income was 3.2 billion yuan.", "EPS of 41 cents per share.", "Dividends of 1 Per Share were paid.",
    "In 2025 we opened 3 stores.", "Q3 was strong.", "We earned 2 per shares", "Sales rose 5 PERCENT.",
    "5revenue and _sales", "SG&A fell 4%.", "xsg&a rose 2", "R&D was 12", "İncome rose 3 percent", "Net ſales of 4 million",
    "It was about 1-2 points.", "That is 7x what we did.", "about 3 times", "10k run", "", "no figures at all",
]


@pytest.mark.parametrize("text", TEXTS)
def test_has_figure_agrees_with_the_one_regex(text: str) -> None:
    d = T._DIGIT.search(text)
    plain = d is not None and T._NUMBER.search(text, d.start()) is not None and _UNIT.search(text) is not None
    assert T.has_figure(text) is plain


@pytest.mark.parametrize("text", TEXTS)
def test_word_searches_agree_with_their_regexes(text: str) -> None:
    assert T._names_subject(text) is (T._SUBJECT.search(text) is not None)
    assert T._names_metric(text) is (T._METRIC.search(text) is not None)


def test_the_checks_can_fail() -> None:
    assert T.has_figure("Revenue was $4.1 million.") and not T.has_figure("Revenue grew in 2025.")
    assert T._names_subject("SG&A fell 4%.") and not T._names_subject("It was about 1-2 points.")
    assert T._names_metric("Per Share") and not T._names_metric("pershare growth")
