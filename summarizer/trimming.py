"""Cutting a call sentence down to the clauses that carry its figures, so each summary line stands on its own.

ECTSum's reference bullets are short ("q3 revenue $1.2 billion, up 5%"); a whole call sentence pays
ROUGE for every extra word. `spans` offers a sentence's candidate cuts (words verbatim and in
order), the default method scores every cut and keeps the best one per sentence. `stands_alone`
rejects cuts a reader cannot use alone: "it was about 1-2 points." names no metric and leans on a
pronoun; "resulting in Pro growth of 20%" starts mid-thought.
"""
from __future__ import annotations

import re

MAX_SENTENCE_CHARS = 2000  # longer "sentences" (unsplit walls of text) are scored on their start, never cut
_MAX_CUT_WORDS = 40  # a cut longer than this is no shorter than the sentence in any way a reader notices

_CLAUSE = re.compile(r"(?<=[,;:])\s+|\s+(?=[-–—]\s)|\s+(?=(?:which|while|whereas|but|driven|due to|reflecting|"
                     r"primarily|mainly|partially|partly|offset|including|as we|as a result|and we|and our|"
                     r"and i)\b)")
_DIGIT = re.compile(r"\d")
_NUMBER = re.compile(r"(?<![\w.])(?!(?:19|20)\d\d\b)\d")  # a number that is not a year or part of "Q3"
_UNIT = re.compile(r"[$%€£¥]|\d\s*(?:percent|per cent|million|billion|thousand|trillion|points?|basis|bps|cents?|dollars?"
                   r"|yuan|rmb|euros?|yen|x|times|mn|bn|k|m|b)\b|\d[.,]\d|\bper share\b", re.IGNORECASE)
_METRIC = re.compile(r"\b(?:revenues?|sales|eps|earnings|income|profit|loss|ebitda|margins?|ffo|guidance|outlook|"
                     r"expects?|cash flow|dividends?|bookings|backlog|orders|per share)\b", re.IGNORECASE)
_LEAD_JUNK = re.compile(r"^(?:and|but|so|which|while|whereas|[-–—])\s+", re.IGNORECASE)
# "compared to Q2 2020 and 56.7% compared to 2019": the comparison tail a bullet leaves out.
_COMPARISON = re.compile(r"\s+(?:compared (?:to|with)|versus|vs\.?|as compared|over the (?:prior|same|last)|"
                         r"from the (?:prior|same)|in the (?:prior|same)[- ]year|a year ago|last year|"
                         r"year[- ]over[- ]year|year[- ]on[- ]year)\b.*$", re.IGNORECASE)

# What a line must name to be read alone: a business quantity, not just "it" or "that".
_SUBJECT = re.compile(
    r"\b(?:revenues?|sales|eps|earnings|income|profits?|loss(?:es)?|ebitda|ebit|margins?|ffo|affo|noi|guidance|outlook|"
    r"cash|dividends?|bookings|backlog|orders|shares?|buybacks?|repurchases?|debt|leverage|liquidity|capex|"
    r"capital|expenses?|costs?|opex|spending|investments?|inventor(?:y|ies)|shipments?|deliveries|volumes?|units|"
    r"users|customers|subscribers|members|accounts|stores|restaurants|locations|comps?|traffic|tickets?|"
    r"occupancy|rents?|leases?|yields?|rates?|prices?|pricing|assets|deposits|loans|premiums|claims|reserves|"
    r"gmv|arr|arpu|bookings|headcount|employees|tax|production|output|capacity|growth|market share|"
    r"gross|operating|net|adjusted|segment|business|division|region)\b|\b(?:sg&a|r&d)",
    re.IGNORECASE)
# Openings that leave a line leaning on what came before: a pronoun subject ("It was about 1-2 points"),
# a pointing "this/that" with its verb ("That should protect..."), a dangling participle with no main
# clause after a comma ("resulting in Pro growth of 20%"), a bare change ("an increase of 11 basis points").
_CONNECTOR = re.compile(r"^(?:so|and|but|now|also|then|well|again|plus|or|okay|ok)\b[,\s]*", re.IGNORECASE)
_PRONOUN_START = re.compile(
    r"^(?:it|it's|it’s|they|they're|they’re|he|she|which|who|"
    r"(?:this|that|these|those)(?:'s|’s|\s+(?:(?:also|alone|now|again|still|just|only|really)\s+)?"
    r"(?:is|was|were|are|will|would|should|could|can|may|might|has|have|had|represents?|means|compares|brings|puts"
    r"|gives|includes|excludes|reflects|assumes|implies|equates|translates|leaves|marks|led|leads|resulted|results)\b"
    r"|\W*$))",
    re.IGNORECASE)
# A verb with no subject before it (a relative clause cut loose: "which equates to $1 billion"), or a company
# suffix the sentence splitter left at the start ("Inc. of $5.7 million").
_VERB_START = re.compile(r"^(?:equates|equals|represents|reflects|translates|brings|puts|means|implies|includes|"
                         r"compares|amounts|totals|totaled|was|were|is|are|has|have|had|increased|decreased|grew|"
                         r"rose|fell|declined|improved|came|inc|corp|ltd|llc|plc|co)\b", re.IGNORECASE)
# A greeting whose only number is a year ("Welcome to the third quarter 2020 earnings call.").
_GREETING = re.compile(r"^(?:welcome|good (?:morning|afternoon|evening|day)|hello|hi|thanks?|thank you)\b", re.IGNORECASE)
_PARTICIPLE_START = re.compile(r"^(?:resulting|driven|offset|reflecting|representing|bringing|compared|contributing|"
                               r"leading|partially|partly|primarily|mainly|including|excluding)\b", re.IGNORECASE)
_CHANGE_START = re.compile(r"^(?:an? (?:\w+ )?(?:increase|decrease|decline|improvement|reduction|gain|drop|rise|"
                           r"growth|change)|up|down|or|plus|versus|vs)\b", re.IGNORECASE)
_POINTING = re.compile(r"\b(?:it|they|them|these|those)\b|\b(?:this|that)\s+(?:is|was|were|are|will|would|"
                       r"represents?|means|compares|brings|puts|gives|includes)\b|\b(?:that|it)[’']s\b", re.IGNORECASE)
_VERB = re.compile(r"\b(?:is|was|were|are|be|been|has|have|had|will|would|should|could|can|may|expects?|sees?|saw|"
                   r"grew|grow|grows|rose|rise|rises|fell|fall|falls|came|comes|made|makes|reached|reaches|totaled|"
                   r"totalled|totals|remains?|stands?|stood|delivered|generated|reported|posted|ended|increased|"
                   r"decreased|declined|improved|expanded|represents?|\w{3,}ed)\b", re.IGNORECASE)


def has_figure(text: str) -> bool:
    """A clause carries a figure: a number (not a year, not 'Mi 13') with a unit, a currency or decimals."""
    d = _DIGIT.search(text)  # the plain digit scan first: most sentences have none
    return d is not None and _NUMBER.search(text, d.start()) is not None and _UNIT.search(text) is not None


def stands_alone(text: str) -> bool:
    """A line a reader can use without its neighbours: no opening that leans on what came before, and a named
    quantity ("revenue", "inventory"), or else a number, a verb and nothing pointing back ("it", "that is")."""
    head = _CONNECTOR.sub("", text[:MAX_SENTENCE_CHARS].lstrip("\"“'‘([ "), count=1)
    if _PRONOUN_START.match(head) or _CHANGE_START.match(head) or _VERB_START.match(head):
        return False
    if _GREETING.match(head) and not has_figure(head):
        return False
    if _PARTICIPLE_START.match(head) and "," not in head:
        return False
    if _SUBJECT.search(head):
        return True
    return _DIGIT.search(head) is not None and _POINTING.search(head) is None and _VERB.search(head) is not None


def _clauses(text: str) -> list[str]:
    return [p for p in _CLAUSE.split(text) if p and p.strip()]


def _finish(text: str) -> str:
    """Connector and trailing punctuation off, a full stop on, the first letter capital."""
    out = _LEAD_JUNK.sub("", text.strip()).rstrip(",;: -–—")
    if not out.endswith((".", "!", "?")):
        out += "."
    return out[:1].upper() + out[1:]


def trim_to_figures(text: str) -> str:
    """The first clause that carries a figure, led by the opening clause when it names the metric; words verbatim, in order.

    When that cut cannot stand alone ("it was about 1-2 points"), the sentence from its start through
    the figure clause, or else the whole sentence."""
    if len(text) > MAX_SENTENCE_CHARS or not has_figure(text):
        return text
    parts = _clauses(text)
    if len(parts) < 2:
        return text
    figs = [k for k, p in enumerate(parts) if has_figure(p)]
    if not figs:
        return text
    kept = figs[:1]
    if kept[0] != 0 and _METRIC.search(parts[0]):
        kept.insert(0, 0)  # the subject: "Total revenue, excluding fuel, was $1.5 billion" (a lone period measured worse)
    out = " ".join(parts[k].strip() for k in kept)
    if len(out.split()) < 4:
        return text
    out = _finish(out)
    if kept[0] == 0 or stands_alone(out):
        return out
    prefix = " ".join(p.strip() for p in parts[: figs[0] + 1])
    return _finish(prefix) if len(prefix.split()) <= _MAX_CUT_WORDS else text


def cut_comparison(text: str) -> str:
    """A trimmed line without its comparison tail ("... increased 15.3% compared to Q2 2020" -> "... increased 15.3%."),
    or the line itself when the rest would lose its figure."""
    body = text.rstrip(".")
    cut = _COMPARISON.sub("", body)
    if cut == body or len(cut.split()) < 4 or not has_figure(cut):
        return text
    return _finish(cut)


SPAN_KINDS: tuple[str, ...] = ("trim", "full", "fig2", "prefix", "cut", "and")
_AND = re.compile(r"\s+and\s+")
# An "and" that closes a range or pairs two numbers ("between $1.725 billion and $1.775 billion", "5% and 6%"):
# cutting there would drop the upper bound.
_OPEN_BETWEEN = re.compile(r"\bbetween\b(?!.*\band\b)", re.IGNORECASE)
_FIGURE_START = re.compile(r"^(?:about |approximately |roughly |around )?[-+]?[$€£¥]?\d")


def spans(text: str, trim: str | None = None) -> list[tuple[str, str]]:
    """A sentence's candidate lines as (kind, text), words verbatim and in order; the first is `trim_to_figures`.

    Kinds: trim (first figure clause, led by the metric), full (the sentence), fig2 (trim and the
    next figure clause: "revenue was $1.2 billion, up 5%"), prefix (from the start through the first
    figure clause: keeps "For Q3,"), cut (trim without its comparison tail), and (trim up to an "and" that
    joins two figures: "comps grew 5.8% and margin was 11.4%" -> "comps grew 5.8%"). `trim`: the sentence's
    `trim_to_figures`, when the caller has it already."""
    trim = trim_to_figures(text) if trim is None else trim
    out = [("trim", trim)]
    if len(text) > MAX_SENTENCE_CHARS or not has_figure(text):
        return out
    if trim != text and len(text.split()) <= 45:
        out.append(("full", text))
    parts = _clauses(text)
    figs = [k for k, p in enumerate(parts) if has_figure(p)]
    if figs and len(parts) >= 2:
        k0 = figs[0]
        if k0 + 1 < len(parts) and has_figure(parts[k0 + 1]):
            lead = [0] if k0 != 0 and _METRIC.search(parts[0]) else []
            two = _finish(" ".join(parts[k].strip() for k in lead + [k0, k0 + 1]))
            if len(two.split()) >= 4 and two != trim:
                out.append(("fig2", two))
        if k0 > 0:
            pre = _finish(" ".join(p.strip() for p in parts[: k0 + 1]))
            if pre not in (trim, text) and len(pre.split()) <= _MAX_CUT_WORDS:
                out.append(("prefix", pre))
    cut = cut_comparison(trim)
    if cut != trim:
        out.append(("cut", cut))
    for m in _AND.finditer(trim):
        left = trim[: m.start()]
        right = trim[m.end():]
        if _OPEN_BETWEEN.search(left) or _FIGURE_START.match(right):
            continue
        if has_figure(left) and has_figure(right) and len(left.split()) >= 4:
            out.append(("and", _finish(left)))
            break
    return out
