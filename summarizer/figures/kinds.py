"""Whether a clause reports or guides: where its outlook words and its reported verbs stand (those inside
past-guidance phrases, 'above the top of our guidance range', and speech about the call itself left out), and the
kind of a number read from them."""
from __future__ import annotations

import re
from bisect import bisect_left

from summarizer.figures.classify import tokens
from summarizer.figures.lowtext import LowerPattern
from summarizer.gates import any_of_ignorecase

_TO_PUNCT = re.compile(r"[^,;.]*")
_PAST_GUIDE = LowerPattern(
    r"\b(?:(?:than|as)[\s-]+(?:we\s+|previously\s+|originally\s+|initially\s+)?(?:had\s+)?(?:expected|anticipated|guided|"
    r"planned|forecast(?:ed)?|projected|targeted|indicated|communicated|outlined)"
    r"|(?:in line with|consistent with|ahead of|above|below|within|exceed\w*|in excess of|beat(?:ing)?|surpass\w*|topp(?:ed|ing)|"
    r"miss(?:ed|ing)|at|short of|better "
    r"than|higher than|lower than|versus|vs\.?|compared (?:to|with)|relative to|against|toward|towards|met|meeting|"
    r"top of|end of|high end of|low end of)\s+(?:the\s+|our\s+|its\s+)?(?:(?:top|upper|high|low|lower|bottom|midpoint)"
    r"(?:\s+end)?\s+of\s+(?:the\s+|our\s+)?)?(?:prior\s+|previous\s+|original\s+|initial\s+|earlier\s+|recent\s+|"
    r"raised\s+|updated\s+|own\s+|internal\s+|full[- ]year\s+|fiscal\s+\S+\s+|quarterly\s+|\d{4}\s+|q[1-4]\s+|"
    r"(?:first|second|third|fourth)[\s-]quarter\s+)*"
    r"(?:(?:street\s+|analysts?'?\s+)?consensus(?:\s+estimates?|\s+expectations?)?|(?:street|analysts?'?)\s+estimates?|"
    r"guidance|outlook|expectations?|forecasts?|targets?|plan|range|guided range|guide)\b"
    r"|\b(?:we|i)\s+(?:had\s+)?(?:guided|expected|anticipated|forecast(?:ed)?|projected|targeted|planned|set)\b"
    r"|\b(?:we|i)\s+(?:gave|provided|issued|shared)\b"
    # "we issued $300 million of senior notes": an amount as the verb's object is what was issued, not guidance
    r"(?!\s+(?:an?\s+|about\s+|approximately\s+|roughly\s+|nearly\s+|over\s+|another\s+|additional\s+)?(?:[$€£¥]|\d)))")
_MAY_PAST_GUIDE = any_of_ignorecase(("guid", "outlook", "expect", "forecast", "target", "plan", "range", "anticipat", "consensus",
                                     "estimate",
                                     "project", "indicat", "communicat", "outlin", "gave", "provided", "issued", "shared",
                                     " set"))
# A revision of a range or of an outlook named just after ("raising our ... to", "updated to a range"): a guidance
# cue the plain word list cannot give, read only where such a verb stands.
_REVISE = LowerPattern(r"\b(?:rais|lower|narrow|tighten|updat|revis|reaffirm|reiterat|increas|reduc)\w*\b")
_MAY_REVISE = any_of_ignorecase(("rais", "lower", "narrow", "tighten", "updat", "revis", "reaffirm", "reiterat", "increas",
                                 "reduc"))
# the guidance a revision verb governs: within a few words, years allowed ('raising our fiscal 2021 EPS range')
_REVISE_OBJECT = re.compile(r"(?:[^.;,$%\d]|(?<!\d)(?:19|20)\d\d(?!\d)){0,60}?\b(?:range|view|guidance|outlook|expectations?|"
                            r"forecast)\b", re.I)
_REVISE_TO = re.compile(r"(?:raising|lowering|narrowing|tightening|reducing|increasing|updating|revising)\s+"
                        r"(?:our\s+|the\s+|its\s+)?(?!(?:[\w-]+\s+){0,3}?(?:dividends?|distributions?|authorization|buybacks?|"
                        r"repurchases?)\b)"  # raising the dividend is a decision, not an outlook
                        r"(?:[\w-]+\s+){0,7}?(?:(?:to|at)\s+(?:a\s+range\b|the\s+range\b|"
                        r"between\b|\$|€|£|¥|\d)|from\s+(?:our\s+|the\s+)?(?:previous\s+|prior\s+)?(?:range\s+of\s+)?(?:\$|\d))", re.I)


def past_guide_spans(text: str) -> list[tuple[int, int]]:
    """Spans that speak of guidance already met or beaten ('above the top of our guidance range of ...')."""
    if not _MAY_PAST_GUIDE(text):
        return []
    out = []
    for m in _PAST_GUIDE.finditer(text):
        end = m.end()
        tail = _TO_PUNCT.match(text[end:end + 60])  # "... range of $222 million to $230 million"
        out.append((m.start(), end + (tail.end() if tail else 0)))
    return out


def _masked(text: str, lo: int, hi: int, spans: list[tuple[int, int]]) -> str:
    piece = text[lo:hi]
    for a, b in spans:
        if b <= lo or a >= hi:
            continue
        a2, b2 = max(a, lo) - lo, min(b, hi) - lo
        piece = piece[:a2] + " " * (b2 - a2) + piece[b2:]
    return piece


_GUIDE_NOUN_END = re.compile(r"\b(?:guidance|outlook|range|forecast|targets?|expectations?|view)\s*[,;]?\s*$", re.I)
_META = LowerPattern(r"\b(?:i|we)(?:'ll|’ll| will| would like to| want to| wanted to)\s+(?:now\s+|also\s+|then\s+|briefly\s+|just\s+)?"
                   r"(?:note|mention|discuss|talk|cover|review|walk|start|begin|turn|hand|provide|give|focus|highlight|"
                   r"touch|remind|point|add|say|share|go|take|comment|update|close|finish|conclude|summarize|reiterate)\b")
_GUIDE_WORDS = frozenset("""guide guides guiding guidance outlook expect expects expecting expected expectation expectations
anticipate anticipates anticipating anticipated forecast forecasts forecasting forecasted projected projecting projection
projections sees seeing target targets targeting targeted intend intends should will we'll we’ll i'll i’ll they'll
it'll assume assumes assuming assumption assumptions implies implied achievable attainable""".split())
_GUIDE_PAIRS = {"we": {"project", "see"}, "i": {"see"}, "aim": {"for", "to"}, "aims": {"for", "to"}, "aiming": {"for", "to"},
                "plan": {"to", "for", "on", "is", "of", "has"}, "plans": {"to", "for", "on", "are", "of", "have"}, "planning": {"to", "for", "on"}, "planned": {"to", "for"},
                "potential": {"to"}, "pace": {"to", "for"}, "estimated": {"to", "at", "in"}, "estimate": {"of", "is"},
                "going": {"to", "ahead", "forward"}, "track": {"to", "for"}, "look": {"for"}, "looks": {"for"},
                "looking": {"for", "ahead", "forward"}, "next": {"quarter", "year", "fiscal"},
                "coming": {"quarter", "year"}, "path": {"to"}, "long": {"term"}, "long-term": None, "over": {"time", "the"},
                "would": {"expect", "anticipate", "see", "be", "land", "come", "imply", "put", "mean", "represent",
                          "result", "reflect", "bring", "take", "give", "include"},
                "we'd": {"expect", "anticipate", "see", "be"}, "we’d": {"expect", "anticipate", "see", "be"}}
_REPORTED_WORDS = frozenset("""was were totaled totalled reached grew rose increased decreased declined fell dropped ended
improved expanded contracted generated delivered posted recorded recording announced achieved had saw produced returned
repurchased paid contributed represented finished closed exceeded hit climbed jumped surged soared slipped dipped gained
added is are did made earned spent invested shipped sold opened collected raised lowered reduced cut advanced authorized
approved declared completed launched repaid retired redeemed issued returned""".split())
_REPORTED_PAIRS = {"came": {"in", "to"}, "bought": {"back"}, "accounted": {"for"}, "stood": {"at"}, "amounted": {"to"},
                   "has": {"been"}, "have": {"been"}}
_REPORTED_AFTER = {"reported": {"we", "we've", "we’ve", "and"}}
# "Sun reported core FFO of $2.11": a name before 'reported' is its subject; an accounting word is not ("GAAP reported
# revenue growth", an adjective a guidance sentence may use)
_NOT_A_SUBJECT = frozenset({"gaap", "non-gaap", "ifrs", "us", "u", "s", "q1", "q2", "q3", "q4", "fy", "total"})
_REPORTED_AFTER_DID = frozenset({"post", "deliver", "generate", "achieve", "report", "see", "hit"})  # "we did post"
_NOT_DONE_BEFORE = frozenset({"to", "will", "would", "should", "could", "may", "might", "be", "have", "not"})
# verbs that do not outweigh an outlook word said before them: a state ('is'), or what is done to guidance too
# ('our guidance has been raised to $5.00')
_WEAK_REPORTED = frozenset({"is", "are", "had", "did", "made", "has", "have", "raised", "lowered", "reduced", "cut",
                            "increased", "decreased", "improved", "reached", "hit", "ended", "closed", "represented",
                            "issued"})
# "Adjusted EBITDA to be between $61 million and $63 million, and earnings per share to be $0.58": a metric 'to be' a
# number, the verb of an outlook left out; after a verb ('turned out to be', 'continues to be') it is no outlook
_TO_BE_AFTER_VERB = frozenset("""out continue continues seem seems appear appears happen happens prove proves used going
need needs has have had is are was were likely want wants ought tend tends it this that which what""".split())
# ... only in a line with no subject of its own ('we estimate the full year impact to be $6.80' is the verb's to say)
_SUBJECTS = frozenset("""we i they it management he she you""".split())
# ... and it is followed by a level ('to be between', 'to be up low single digits', 'to be $0.58'), not 'to be exact'
_TO_BE_LEVEL = frozenset("""in between up down flat around about approximately roughly at near nearly low mid high
within similar comparable""".split())
_LEVEL_NEXT = re.compile(r"\s*(?:[$€£¥]|\d|negative\b|minus\b)")
# every word that can start a cue: the loop below looks only at these
_CUE_WORDS = _GUIDE_WORDS | _GUIDE_PAIRS.keys() | _REPORTED_WORDS | _REPORTED_PAIRS.keys() | _REPORTED_AFTER.keys() | \
    _REPORTED_AFTER_DID | {"for", "in", "to"}


def _cue_positions(full: str, text: str, hidden: list[tuple[int, int]]) -> tuple[list[int], list[int], list[int]]:
    """Where the outlook words and the reported verbs of a sentence start, read word by word (faster than one
    alternation of every phrase); words inside `hidden` spans (as blanked in `full`) do not count."""
    toks = [t for t in tokens(text) if not any(a <= t[0] < b for a, b in hidden)] if hidden else tokens(text)
    g: list[int] = []
    r: list[int] = []
    strong: list[int] = []
    for i in [i for i, t in enumerate(toks) if t[2] in _CUE_WORDS]:
        pos, _, w = toks[i]
        nxt = toks[i + 1][2] if i + 1 < len(toks) else ""
        if w in _GUIDE_WORDS:
            g.append(pos)
        elif w in _GUIDE_PAIRS and (_GUIDE_PAIRS[w] is None or nxt in _GUIDE_PAIRS[w]):
            if w == "over" and nxt == "the" and (toks[i + 2][2] if i + 2 < len(toks) else "") != "next":
                pass
            elif w == "track" and not (i and toks[i - 1][2] == "on"):
                pass
            else:
                g.append(pos)
        elif w == "for" and nxt == "the" and (toks[i + 2][2] if i + 2 < len(toks) else "") in ("balance", "remainder", "rest"):
            g.append(pos)
        elif w == "in" and nxt == "the" and (toks[i + 2][2] if i + 2 < len(toks) else "") == "coming":
            g.append(pos)
        elif w == "to" and nxt == "be" and i and toks[i - 1][2] not in _TO_BE_AFTER_VERB and \
                not any(t[2] in _SUBJECTS for t in toks[:i]) and \
                not toks[i - 1][2].endswith(("ed", "ing", "en")) and \
                (_LEVEL_NEXT.match(text, toks[i + 1][1]) or i + 2 < len(toks) and toks[i + 2][2] in _TO_BE_LEVEL):
            g.append(pos)
        if w in _REPORTED_WORDS or (w in _REPORTED_PAIRS and nxt in _REPORTED_PAIRS[w]) or \
                (w in _REPORTED_AFTER and i and (toks[i - 1][2] in _REPORTED_AFTER[w] or
                                                 i > 1 and text[toks[i - 1][0]].isupper() and
                                                 toks[i - 1][2] not in _NOT_A_SUBJECT)) or \
                (w in _REPORTED_AFTER_DID and i and toks[i - 1][2] == "did"):
            r.append(pos)
            if w not in _WEAK_REPORTED and not (i and toks[i - 1][2] in _NOT_DONE_BEFORE):
                strong.append(pos)  # not "we expect sales to declined 3.5%", "revenue would have grown"
    if "by" in full:  # "by 2025", "by the end of fiscal 2026"
        g += [m.start() for m in _BY_YEAR.finditer(full)]
    return g, r, strong


_BY_YEAR = LowerPattern(r"\bby (?:the end of )?(?:fiscal )?20\d\d\b")
ClauseCues = tuple  # (first guidance word, first reported verb, every guidance word, every strong reported verb)


def clause_kinds(text: str, spans: list[tuple[int, int]], past: list[tuple[int, int]]) -> list[ClauseCues]:
    """For each clause: where its first guidance word and its first reported verb stand (None when absent), and
    where all its guidance words and its reported verbs of action ('grew', 'authorized'; not 'is') stand; words
    inside past-guidance phrases and speech about the call itself ('I will note') do not count."""
    meta = [(m.start(), m.end()) for m in _META.finditer(text)] if "ll" in text or "will" in text or "like" in text \
        or "want" in text else []
    hidden = past + meta
    full = _masked(text, 0, len(text), hidden) if hidden else text
    g_pos, r_pos, strong = _cue_positions(full, text, hidden)
    if _MAY_REVISE(full):
        for m in _REVISE.finditer(full):
            if _REVISE_OBJECT.match(full, m.end()) or _REVISE_TO.match(full, m.start()):
                g_pos.append(m.start())
    g_pos.sort()
    out: list[tuple[int | None, int | None]] = []
    prev_hi = 0
    for lo, hi in spans:
        i, j = bisect_left(g_pos, lo), bisect_left(r_pos, lo)
        gs = g_pos[i] if i < len(g_pos) and g_pos[i] < hi else None
        rs = r_pos[j] if j < len(r_pos) and r_pos[j] < hi else None
        gl = [p for p in g_pos[i:] if p < hi]
        if text.startswith(("which", "that"), lo) and _GUIDE_NOUN_END.search(text, 0, prev_hi):
            gs = lo  # "... our EPS guidance range, which has been raised to $2.63 to $2.65"
            gl = [lo] + gl
        out.append((gs, rs, gl, [p for p in strong if lo <= p < hi]))
        prev_hi = hi
    return out


_MODAL = re.compile(r"\b(?:will|'ll|would|should|going to)\b", re.I)
_STRONG = re.compile(r"\b(?:guid\w*|outlook|expect\w*|anticipat\w*|forecast\w*|project\w*|target\w*|sees?)\b", re.I)


def only_modal(text: str, clause: tuple[int, int]) -> bool:
    """Whether the clause's only outlook word is a modal ('will be', 'should be'), as a translated report says
    'revenue will be 280 billion yuan' of a year already over; 'we expect' is never that."""
    piece = text[clause[0]:clause[1]]
    return _MODAL.search(piece) is not None and _STRONG.search(piece) is None


def kind_is_said(kinds: list[ClauseCues], ci: int) -> bool:
    """Whether the clause (or one before it in the sentence) has an outlook word or a reported verb at all."""
    return any(k[0] is not None or k[1] is not None for k in kinds[:ci + 1])


def strong_reported_said(kinds: list[ClauseCues], ci: int) -> bool:
    """Whether a reported verb of action ('grew', 'generated'; not 'is') stands in the clause."""
    return bool(kinds[ci][3])


def kind_at(kinds: list[ClauseCues], ci: int, pos: int) -> str:
    """'guidance' or 'reported' for a number at `pos` in clause `ci`: its clause's own words (the later of an outlook
    word and a reported verb of action before the number: 'given our outlook, the board has authorized $200 million';
    an outlook word after it with no reported verb before it), else the nearest clause before that has any."""
    g, r, gl, strong = kinds[ci]
    g_last = max((p for p in gl if p < pos), default=None)
    r_last = max((p for p in strong if p < pos), default=None)
    if g_last is not None and r_last is not None and r_last > g_last:
        return "reported"
    if g is not None and g < pos:
        return "guidance"
    if g is not None and (r is None or r > pos):
        return "guidance"
    if r is not None:
        return "reported"
    for i in range(ci - 1, -1, -1):
        g, r = kinds[i][0], kinds[i][1]
        if g is None and r is None:
            continue
        return "guidance" if g is not None else "reported"  # "we are providing 2021 guidance as follows: revenue of ..."
    return "reported"


# a condition and the modal that answers it: "Assuming we repurchased $3 billion ..., we still won't have ...",
# "if the circumstance arrives and we have exceeded $4 per share ..., we would ..."
_MAY_CONDITION = any_of_ignorecase(("if ", "assum", "suppos", "hypothetical"))
_CONDITION = re.compile(r"(?:^|[,;:]\s*|\b(?:and|but|so|means|say)\s+)(?P<w>if|assuming|supposing|suppose|hypothetically)\b",
                        re.I)
# "If you exclude the accrued rent charge, our fourth quarter FFO would have been $1.59 per share": a result with an
# item set aside, not a hypothetical
_SET_ASIDE = re.compile(r"\s+(?:you|we|one)\s+(?:were to\s+)?(?:exclude|excluded|excluding|adjust|adjusted|back out|backed out|"
                        r"strip(?:ped)? out|take out|took out|remove|removed|normalize|normalized|add back|added back|"
                        r"exclude[ds]?|look at|looked at)\b|\s+(?:not for|excluding|adjusted for)\b", re.I)
_ANSWER = re.compile(r"\b(?:would|wouldn't|wouldn’t|won't|won’t|could|might|we'd|we’d|it'd|that'd)\b", re.I)


def hypothetical_spans(text: str) -> list[tuple[int, int, int]]:
    """Where a sentence says what would happen if, when a modal answers the condition later: (start, end of the
    condition at its comma, end of what is hypothetical: the whole sentence when it opens with the condition). No
    number of the condition is the metric's ("Assuming oil at $60, we would expect EPS of $2.00"), and no result
    read in the hypothetical is one."""
    if not _MAY_CONDITION(text):
        return []
    out: list[tuple[int, int, int]] = []
    for c in _CONDITION.finditer(text):
        end = text.find(",", c.end("w"))
        end = len(text) if end < 0 else end
        if _SET_ASIDE.match(text, c.end("w")):
            continue
        if not _ANSWER.search(text, c.end("w")):
            if c["w"].lower() == "assuming" and text[:c.start("w")].strip():  # "We expect over $3 billion of free
                out.append((c.start("w"), end, end))  # cash flow, assuming $80 WTI": the assumption, no figure
            continue
        opening = not text[:c.start("w")].strip(" \"'“")
        out.append((c.start("w"), end, len(text) if opening else end))
    return out
