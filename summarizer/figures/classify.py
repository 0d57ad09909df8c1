"""The shape of a sentence the figures are read from: its clauses (cut where a new subject and verb begin), its words,
the up/down word that governs a number ('up 17%', 'a 67.3% decrease') and the comparison basis said after it ('year
over year', 'sequentially').

The rest of the reading: `roles` (what each number is, and whose), `kinds` (reported or guidance), `direction` (how
guidance moved).
"""
from __future__ import annotations

import re
from bisect import bisect_left
from functools import lru_cache

from summarizer.figures.lowtext import LowerPattern
from summarizer.figures.numbers import Hit

_CLAUSE_SPLIT = LowerPattern(
    r";\s*|\s+[-–—]{1,2}\s+|:\s+(?=[A-Za-z])|\.\.\.\s*"
    r"|,\s+(?=(?:and|but|while|whereas|which|where|although|though|as well as|plus|including|excluding|driven|"
    r"reflecting|due to|as(?!\s+(?:\w+\s+){0,2}(?:had\s+|has\s+|have\s+)?(?:noted|mentioned|said|discussed|indicated|"
    r"highlighted|described|stated|pointed out|shown)\b)|partially|partly|primarily|mainly|largely|offset|helped|"
    r"thanks to|with|bringing|giving|resulting|representing|leading|when|so|because|since|whereby|after|before)\b)"
    r"|\s+(?=(?:and|but|while|whereas)\s+(?:we|i|our|the company|they|it|management|this|that)\b)"
    r"|\s+(?=(?:while|whereas|although|though|because|since)\b)")


def clauses(text: str) -> list[tuple[int, int]]:
    """The sentence cut into clauses, as (start, end) spans covering it in order."""
    out: list[tuple[int, int]] = []
    last = 0
    for m in _CLAUSE_SPLIT.finditer(text):
        if m.start() > last:
            out.append((last, m.start()))
            last = m.end()
    out.append((last, len(text)))
    return out


def clause_of(spans: list[tuple[int, int]], pos: int) -> int:
    """The index of the clause holding character `pos`."""
    n = len(spans)
    for k in range(n - 1):  # the first clause ending after pos (bisect_right over the ends), the last one at most
        if pos < spans[k][1]:
            return k
    return n - 1


UP = (r"(?:up|increase[sd]?|increasing|grew|grow(?:s|ing|th)?|rose|rise[sn]?|rising|gain(?:ed|s)?|improve[ds]?|"
       r"improvement|expand(?:ed|s|ing)?|expansion|higher|jump(?:ed|s)?|climb(?:ed|s)?|surge[sd]?|soar(?:ed|s)?|"
       r"accelerat\w*|plus|advance[sd]?|ahead|better|boost(?:ed|s)?|lift(?:s|ed|ing)?|add(?:s|ed|ing)?|tailwind|"
       r"raise[sd]?|raising|upped|ups)")
DOWN = (r"(?:down|decrease[sd]?|decreasing|decline[sd]?|declining|fell|fall(?:en|s|ing)?|drop(?:ped|s)?|"
         r"lower(?:s|ed|ing)?|"
         r"contract(?:ed|ion|s)?|shrank|shrink\w*|reduc\w*|minus|negative|slid|slip(?:ped)?|dip(?:ped)?|off|"
         r"compress(?:ed|ion)?|deteriorat\w*|worse|erode[ds]?|erosion|headwind|drag|dilution|pressure)")
DIR_AFTER = re.compile(  # used with match(text, pos) and on slices
    rf"\s*(?:(?P<up>{UP}|above)|(?P<down>{DOWN}|below|behind))\b(?!\s+(?:to\b|end|of the))", re.I)
DIR_AFTER_PER_SHARE = re.compile(rf"\s+per (?:diluted )?share\s+(?:(?P<up>increase|improvement|raise)|(?P<down>decrease|"
                                  rf"decline|reduction))\b", re.I)  # "a $0.02 per share increase at the midpoint"
_BASIS = re.compile(  # used with match(text, pos): no "^"
    r"\s*,?\s*(?:(?P<yoy>year[- ](?:over|on)[- ]year|yoy|y/y|from (?:a|the prior|the previous|last|a year) year(?: ago)?|"
    r"from a year (?:ago|earlier)|a year (?:ago|earlier)|over the prior year|(?:versus|vs\.?|compared (?:to|with)|from|over) "
    r"(?:last|the prior|the previous|a|the) year(?:'s)?(?: (?:period|quarter|level))?|(?:from|compared with|compared to|over|versus|vs\.?) "
    r"the (?:same|comparable|corresponding|prior[- ]year) (?:period|quarter)(?: (?:of|in|a|last) (?:the previous year|last year|the prior year|year|\d{4}))?(?: ago)?)"
    r"|(?P<qoq>quarter[- ](?:over|on)[- ]quarter|q/q|qoq)"
    r"|(?P<seq>sequential(?:ly)?|from (?:the|last) (?:previous |prior |preceding )?quarter|over the (?:previous|prior|last) quarter)"
    r"|(?P<vsg>(?:above|ahead of|below|versus|vs\.?|compared (?:to|with)) (?:the |our )?(?:top of (?:the |our )?)?(?:prior |previous )?(?:guidance|outlook)))",
    re.I)
_UP_WORD = re.compile(rf"(?:{UP})", re.I)
_DOWN_WORD = re.compile(rf"(?:{DOWN})", re.I)
_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*")
# words that may stand between an up/down word and its number: "up by about", "grew in the range of", "a solid"
_FILLER = frozenset("""by of between about around approximately roughly nearly almost over more less than some just under
close a an further another additional solid strong healthy robust record very modest slight in the range rate""".split())
_LOW_WORD = re.compile(r"[a-z][a-z'’-]*")


@lru_cache(maxsize=32)
def tokens(text: str) -> list[tuple[int, int, str]]:
    """The words of a sentence as (start, end, lower-cased word), computed once per sentence."""
    low = text.lower()
    if len(low) != len(text) or not text.isascii():
        return [(m.start(), m.end(), m.group(0).lower()) for m in _WORD.finditer(text)]
    # each word found again from where the last one ended: only characters that start no word stand between them,
    # so the first occurrence is the word itself (faster than a match object per word)
    out: list[tuple[int, int, str]] = []
    pos, find = 0, low.find
    for w in _LOW_WORD.findall(low):
        p = find(w, pos)
        pos = p + len(w)
        out.append((p, pos, w))
    return out


@lru_cache(maxsize=4096)
def _sign_of(word: str) -> int:
    if _UP_WORD.fullmatch(word):
        return 1
    if _DOWN_WORD.fullmatch(word):
        return -1
    return 0


def direction_sign(text: str, h: Hit) -> tuple[int, int | None]:
    """+1 / -1 when an up or down word governs the number (just before it, or right after it), with where it starts.

    Before it: the up/down word and at most a few filler words ("up by about", "a solid"), or "<up/down word> ...
    by" ("lifts our gross margin by roughly 20 basis points"); after it: "17% higher", "a 67.3% decrease"."""
    toks = tokens(text)
    k = bisect_left(toks, (h.start,))
    # the words of toks[k - 18:k] that end by the number and start at most 100 characters before it: starts and ends
    # both ascend, so they are one slice of it
    a, b, lo = max(0, k - 18), k, h.start - 100
    while b > a and toks[b - 1][1] > h.start:
        b -= 1
    while a < b and toks[a][0] < lo:
        a += 1
    words = toks[a:b]
    pos, i, fillers, by = h.start, len(words) - 1, 0, False
    while i >= 0:
        ws, we, w = words[i]
        if text[we:pos].strip():
            break  # punctuation or a number between: no longer the same phrase
        sign = _sign_of(w)
        if sign:
            return sign, ws
        if w not in _FILLER or fillers >= 6:
            break
        by = by or w == "by"
        fillers, pos, i = fillers + 1, ws, i - 1
    if by:
        skipped = False
        for j in range(i, max(-1, i - 14), -1):  # "<up/down word> ... by": a dozen plain words back
            ws, we, w = words[j]
            if _NOT_PLAIN.search(text, we, pos):
                if skipped or w != "by" or not _BARE_NUMBER.fullmatch(text, we, pos):
                    break
                skipped = True  # "lowered our outlook for organic growth by 1 point and EPS by $0.33": an earlier move
            sign = _sign_of(w)
            if sign and not (skipped and not _VERB_FORM.fullmatch(w)):  # past the earlier move only its verb
                return sign, h.start  # governs ("growth" there is the metric moved)
            pos = ws
    m = DIR_AFTER.match(text, h.stop, h.stop + 30) or DIR_AFTER_PER_SHARE.match(text, h.stop, h.stop + 50)
    if m:
        return (1 if m["up"] else -1), None
    return 0, None


_NOT_PLAIN = re.compile(r"[.;,$%\d]")
_VERB_FORM = re.compile(r"[a-z]+(?:ed|ing)|cut|cuts|raises?|lowers?|reduces?", re.I)
_BARE_NUMBER = re.compile(r"\s+\d+(?:\.\d+)?%?\s+")


def basis_of(text: str, pos: int) -> tuple[str | None, int]:
    """The comparison basis said right after `pos` ('y/y', 'q/q', 'sequential', 'vs guidance'), and where it ends."""
    m = _BASIS.match(text, pos)
    if not m:
        return None, pos
    kind = "y/y" if m["yoy"] else "q/q" if m["qoq"] else "sequential" if m["seq"] else "vs guidance"
    return kind, m.end()
