"""Earnings-call boilerplate: sentences a reader never wants in a summary.

Two kinds. *Legal and logistics* (safe harbor, forward-looking statements, "this call is being
recorded", webcast/replay notes, "[Operator Instructions]") is dropped whatever it contains.
*Courtesy and floor management* (greetings, thank-yous, "next question", "please go ahead",
hand-overs) is dropped only when the sentence carries no figure, so "Thank you; revenue grew 9%
to $1.2 billion." survives.
"""
from __future__ import annotations

import re
from functools import lru_cache

from summarizer.gates import any_of, has_digit

_LEGAL = re.compile(
    r"\[\s*operator instructions?\s*\]|forward[- ]looking (?:statement|information|remark)|safe[- ]harbou?r"
    r"|private securities litigation|actual results (?:may|could|might) differ|risks? and uncertaint"
    r"|(?:is|are) being recorded|(?:is|are) being webcast|replay of (?:this|today)|webcast replay"
    r"|non-gaap (?:financial )?(?:measures?|metrics?|information)[^.]{0,80}(?:reconcil|press release|website)"
    r"|reconciliations? (?:of|to|between|is|are|can)|(?:sec|securities and exchange commission) filings?"
    r"|form 10-[kq]|undertake no (?:obligation|duty)|assume no (?:obligation|duty)"
    r"|(?:on|in) (?:the )?investor relations (?:section|page|website)|investors? section of (?:our|the) website"
    r"|(?:all )?participants? (?:are|will be) in (?:a )?listen-only|listen-only mode"
    r"|question-and-answer session|question and answer session|(?:press|pressing) (?:star|\*)"
    r"|this concludes (?:our|today|the)|you may (?:now )?disconnect|(?:please|kindly) stand by"
    r"|ladies and gentlemen",
)
# Every _LEGAL alternative holds one of these: a substring test skips the regex for most sentences.
# Each as narrow as its alternative allows ("forward-looking", not "forward": "going forward" is in most calls).
_LEGAL_ANCHORS = ("operator instruction", "forward-looking", "forward looking", "harbo", "private securities", "differ",
                  "uncertaint", "being recorded", "being webcast", "replay", "non-gaap financial", "non-gaap measure",
                  "non-gaap metric", "non-gaap information", "reconcil", "sec filing", "commission filing", "form 10-",
                  "undertake", "assume no", "investor relations", "investors section", "investor section", "listen-only",
                  "answer session", "press star", "pressing star", "press *", "pressing *", "concludes", "disconnect",
                  "stand by", "ladies")
# The courtesy test in two parts: how the sentence opens (tried at its start only), and phrases anywhere
# (tried only when one of `_COURTESY_ANCHORS` occurs: one regex search over every sentence cost more than
# the rest of the summary's boilerplate checks together).
_COURTESY_START = re.compile(
    r"\W*(?:good (?:morning|afternoon|evening|day)|hello|hi|hey|welcome|thanks?\b|thank you|great|okay|ok|sure"
    r"|yes|yeah|right|got it|understood|perfect|congrat|appreciate|operator|all right|alright)\b")
_COURTESY = re.compile(
    r"next question|(?:please )?go ahead|your line is (?:now )?open|line of\b|comes from the line"
    r"|(?:i(?:'d| would)|let me|i will|i'll) (?:now )?(?:like to )?(?:turn|hand|pass)|turn (?:the call|it|things) (?:back )?over"
    r"|(?:joining|with) me (?:today|on (?:the|today's) call|here)|\bthank(?:s|ful)?\b(?! to)|\bgrateful\b"
    r"|(?:any )?(?:further|more|other) questions|last question|final question|open (?:it|the (?:call|line|floor)) (?:up )?for questions"
    r"|(?:good|great) (?:quarter|job|results|color|colour|questions?)[.!]?$|my (?:first )?question|follow-up question"
    r"|\b(?:let me|i'll|i will|i'd like to) (?:answer|take|address|start with|add|comment on)\b",
)


_DIGIT = re.compile(r"\d")  # what `has_digit` answers (tests compare the gate with the whole regex)
_has_legal_anchor = any_of(_LEGAL_ANCHORS)


@lru_cache(maxsize=8192)  # the summary, topic tags and tone ask about the same sentences of a call
def is_legal(text: str) -> bool:
    """Safe-harbor, recording, webcast and operator-instruction sentences."""
    low = text.lower()
    return _has_legal_anchor(low) and _LEGAL.search(low) is not None


# Every `_COURTESY` alternative holds one of these (lower case), each as long as its alternative allows: "line",
# "turn", "hand" and "pass" alone are in most sentences ("online", "return", "handle", "passed").
_COURTESY_ANCHORS = ("question", "go ahead", "line is", "line of", "the line", "turn the call", "turn it",
                     "turn things", "joining me", "with me", "thank", "grateful", "let me", "i'll", "i will", "i'd",
                     "i would", *(f"{g} {w}" for g in ("good", "great") for w in ("quarter", "job", "results", "colo")))
_has_courtesy_anchor = any_of(_COURTESY_ANCHORS)


@lru_cache(maxsize=8192)
def is_courtesy(text: str) -> bool:
    """Greetings, thanks, hand-overs and floor management that carry no figure."""
    if has_digit(text):
        return False
    low = text.lower()
    return _COURTESY_START.match(low) is not None or (
        _has_courtesy_anchor(low) and _COURTESY.search(low) is not None)


def is_boilerplate(text: str, role: str = "other") -> bool:
    """True when the sentence should never appear in a summary (operators' lines always are)."""
    if role == "operator":
        return True
    return is_legal(text) or is_courtesy(text)
