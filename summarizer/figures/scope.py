"""The scope and accounting basis a sentence sets around a figure: a lead-in ('In our foodservice segment, ...'),
a named subject ('Harbor ... ended the year with ...'), the business the sentence before was about, and cues like
'on an adjusted basis' or 'excluding special items'."""
from __future__ import annotations

import re

from summarizer.figures.context import CallContext, results_in
from summarizer.figures.lowtext import LowerPattern
from summarizer.figures.metrics import Mention, find_mentions, is_name, is_scope_word, scope_case
from summarizer.figures.numbers import Hit
from summarizer.figures.periods import find_periods
from summarizer.gates import any_of_ignorecase

_ACC_CUES = (
    (LowerPattern(r"\b(?:on an? (?:adjusted|non-gaap|non gaap|core|underlying|comparable|operating|normali[sz]ed|pro forma|"
                r"like-for-like|recurring) basis|excluding (?:special |one-time |non-recurring |certain |these |those |the |all |"
                r"discrete |notable |unusual |significant )?(?:items|charges|gains)|excluding (?:the )?(?:impact|effect)s? of|"
                r"before (?:special|one-time|non-recurring) items|adjusted for|adjusting for|ex-items|"
                r"from ongoing operations)\b"), "adjusted"),  # "earnings from ongoing operations": a utility's non-GAAP
    (LowerPattern(r"\bas adjusted\b"), "adjusted"),
    (LowerPattern(r"\b(?:on an? (?:gaap|reported|ifrs|u\.s\. gaap|statutory) basis|including (?:these|those|special|all|"
                r"the) items|(?<!non-)(?<!non )gaap basis)\b"), "gaap"),  # not the "gaap basis" inside "non-gaap basis"
)
_MAY_ACC = any_of_ignorecase(("basis", "excluding", "items", "adjusted", "adjusting", "including", "ex-items", "ongoing"))
_LEAD_SCOPE = re.compile(
    r"^(?:(?:and|so|now|also|next|finally|lastly|then|turning|moving|looking|switching|shifting)\s+(?:to\s+|at\s+|over to\s+|on to\s+)?)*"
    r"(?:in|at|for|within|across|from|turning to|moving to|looking at|regarding|as for|with respect to|on)\s+"
    r"(?:the\s+|our\s+|its\s+)?(?P<s>[^,;:\d]{2,50}?)(?P<suf>\s+(?:segment|segments|business|businesses|division|unit|"
    r"region|brand|portfolio|operations|group))?\s*[,:]", re.I)
# "Our regulated operations segment, which includes ..., recorded net income of": the segment is the subject
_SEGMENT_AS_SUBJECT = re.compile(  # (after a time lead-in: "For the third quarter of 2021, the Fertilizer segment ...")
    r"^(?:(?:for|in|during)\s+(?:the\s+)?(?:[\w'’-]+\s+){0,5}?(?:quarter|year|period|half|months)(?:\s+of\s+\d{4})?,\s*)?"
    r"(?:(?:and|so|now|also|finally|meanwhile)\s+)?(?:our\s+|the\s+|its\s+|[A-Z][\w&.-]*(?:'s|’s)\s+)"
    r"(?P<s>(?:[\w&-]+\s+){0,3}?[\w&-]+)\s+(?:segment|division|business unit|business)\b", re.I)
# "Our overall business grew": the whole company, no part of it
_WHOLE_BUSINESS = frozenset("""overall total core whole entire underlying global worldwide consolidated combined own same
base existing""".split())
_SUBJECT = re.compile(
    r"^(?:(?:and|so|now|also|finally|meanwhile)\s+)?(?P<s>[A-Z][\w&'’.-]*(?:\s+(?:and\s+)?[A-Z][\w&'’.-]*){0,3})"
    r"(?:\s*,[^,]{1,40},)?\s+(?:now\s+|also\s+|alone\s+|itself\s+)?(?:ended|had|generated|delivered|posted|reported|grew|"
    r"contributed|accounted|was|were|is|are|added|represented|made|saw|achieved|brought|closed|reached|rose|increased|"
    r"declined|fell|recorded|produced|finished|represents|accounts|makes|delivers|generates|posted)\b")
_NOT_SCOPE_LEAD = re.compile(r"\b(?:basis|quarter|year|addition|total|summary|terms|general|fact|short|"
                             r"particular|conclusion|aggregate|contrast|comparison|light|order|turn|line|"
                             r"meantime|regard|words|sum|closing|detail|view|respect|short)\b", re.I)


def outer_scope(h: Hit, m: Mention, lead: tuple[str, int] | None, subject: tuple[str, int] | None,
                 ctx: CallContext) -> str | None:
    """A scope the sentence sets around the metric: a lead-in ('In our foodservice segment, ...'), the subject
    ('Harbor ... ended the year with $31 million of revenue'), or the business the sentence before was about."""
    if lead and lead[1] <= m.start:
        return lead[0]
    if subject and subject[1] <= m.start:
        return subject[0]
    return ctx.topic_scope


def lead_scope(text: str, ctx: CallContext) -> tuple[str, int] | None:
    """A business or region named before the sentence's first comma ('In our foodservice segment,', 'In China,')."""
    m = _LEAD_SCOPE.match(text)
    if not m:
        return None
    s = m["s"].strip()
    words = s.split()
    if not words or len(words) > 5 or any(w.lower() in ctx.company_words for w in words):
        return None
    named = any(is_name(w) for w in words) and sum(1 for w in words if not is_name(w) and not is_scope_word(w)) <= 1
    lexical = all(is_scope_word(w) or w.lower() == "and" for w in words)
    if (m["suf"] and (named or lexical or len(words) <= 3) and not find_periods(s)) or named or lexical:
        if find_periods(s) or _NOT_SCOPE_LEAD.search(s):
            return None
        return scope_case(s), m.end()
    return None


def subject_scope(text: str, mentions: list[Mention], ctx: CallContext) -> tuple[str, int] | None:
    """A named business as the sentence's subject ('Harbor, our picking arm, ended ...', 'Europe was 18% of revenue',
    'Our regulated operations segment recorded ...')."""
    named = results_in(text, ctx.company_words)
    if named is not None:
        return scope_case(named[0]), named[1]
    m = _SUBJECT.match(text)
    if not m:
        seg = _SEGMENT_AS_SUBJECT.match(text)
        if seg is None or find_mentions(seg["s"]) or find_periods(seg["s"]) or \
                any(w.lower() in _WHOLE_BUSINESS or w.lower() in ctx.company_words for w in seg["s"].split()):
            return None
        return scope_case(seg["s"]), seg.end()
    s = m["s"]
    if any(mm.start < m.end("s") and mm.end > m.start("s") for mm in mentions):
        return None
    words = s.split()
    if not all(is_name(w) or w == "and" for w in words) or any(w.lower() in ctx.company_words for w in words):
        return None
    return scope_case(s), m.end()


def accounting_cue(text: str, h: Hit, next_start: int | None = None) -> str | None:
    """'On a GAAP basis, EPS was ...', '... $1.21 on an adjusted basis', 'excluding special items': the cue right after
    the number (before the next one), else the nearest before it."""
    if not _MAY_ACC(text):
        return None
    after = text[h.stop:min(h.stop + 60, next_start if next_start is not None else len(text))]
    for rx, acc in _ACC_CUES:
        if rx.match(after.lstrip(" ,")) or rx.match(after.lstrip(" ,").removeprefix("per diluted share").lstrip(" ,")):
            return acc
    if not _MAY_ACC(text):
        return None
    best: tuple[int, str] | None = None
    for rx, acc in _ACC_CUES:
        for m in rx.finditer(text, 0, h.start):
            if best is None or m.start() > best[0]:
                best = (m.start(), acc)
    return best[1] if best else None
