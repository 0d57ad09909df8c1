"""Cutting a call sentence down to the clauses that carry its figures, so each summary line stands on its own.

ECTSum's reference bullets are short ("q3 revenue $1.2 billion, up 5%"); a whole call sentence pays
ROUGE for every extra word. `spans` offers a sentence's candidate cuts (words verbatim and in
order), the default method scores every cut and keeps the best one per sentence. `stands_alone`
rejects cuts a reader cannot use alone: "it was about 1-2 points." names no metric and leans on a
pronoun; "resulting in Pro growth of 20%" starts mid-thought.
"""
from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache

from summarizer.gates import any_of_ignorecase, has_digit, may_fold

MAX_SENTENCE_CHARS = 2000  # longer "sentences" (unsplit walls of text) are scored on their start, never cut
_MAX_CUT_WORDS = 40  # a cut longer than this is no shorter than the sentence in any way a reader notices

# Clause boundaries: after , ; : before a dash, before words that start a clause unless the word before is an
# auxiliary ("growth of 8.5% was | driven by" would leave "was" dangling), and before that auxiliary instead.
_CLAUSE = re.compile(r"(?=\s)(?:(?<=[,;:])\s+|\s+(?=[-–—]\s)"  # every boundary is a space: tried only at one (5x faster)
                     r"|(?<!\bwas)(?<!\bwere)(?<!\bis)(?<!\bare)(?<!\bbe)(?<!\bbeen)(?<!\bbeing)"
                     r"\s+(?=(?:which|while|whereas|but|driven|due to|reflecting|primarily|mainly|partially|partly|offset|"
                     r"including|as we|as a result|and we|and our|and i)\b)"
                     # "Revenue of $208 million | was driven by ...": the figure stands without its cause
                     r"|\s+(?=(?:was|were|is|are)\s+(?:primarily\s+|mainly\s+|largely\s+|partly\s+|partially\s+|mostly\s+)?"
                     r"(?:driven|due|offset|impacted|affected|helped|attributable|related|a result|the result)\b))")
_DIGIT = re.compile(r"\d")
_NUMBER = re.compile(r"(?<![\w.])(?!(?:19|20)\d\d\b)\d")  # a number that is not a year or part of "Q3"
# A unit beside the number: a currency or percent sign anywhere, a unit word or decimals right after a digit (searched from
# the first digit on), or "per share" (behind a keyword gate): three cheap scans instead of one alternation tried everywhere.
_SIGN = re.compile(r"[$%€£¥]")
_UNIT_AFTER_DIGIT = re.compile(r"\d\s*(?:percent|per cent|million|billion|thousand|trillion|points?|basis|bps|cents?|dollars?"
                               r"|yuan|rmb|euros?|yen|x|times|mn|bn|k|m|b)\b|\d[.,]\d", re.IGNORECASE)
_PER_SHARE = re.compile(r"\bper share\b", re.IGNORECASE)
_may_say_per_share = any_of_ignorecase(("per share",))


def _word_search(rx: re.Pattern) -> Callable[[str], bool]:
    """`rx.search(text) is not None` for an IGNORECASE pattern of `\\b(?:word|...)` alternatives that start with a letter,
    tried on the lower-cased text only where a word starts: the same answer, 4-5x faster (`rx` itself when the text
    holds a letter IGNORECASE folds apart from `str.lower()`)."""
    low = re.compile(rx.pattern.replace(r"\b(?:", r"(?<!\w)(?=[a-z])(?:"))
    search = low.search

    def test(text: str) -> bool:
        return (rx.search(text) if may_fold(text) else search(text.lower())) is not None

    return test
_METRIC = re.compile(r"\b(?:revenues?|sales|eps|earnings|income|profit|loss|ebitda|margins?|ffo|guidance|outlook|"
                     r"expects?|cash flow|dividends?|bookings|backlog|orders|per share)\b", re.IGNORECASE)
_names_metric = _word_search(_METRIC)
_LEAD_JUNK = re.compile(r"^(?:and|but|so|[-–—])\s+", re.IGNORECASE)
_TRAIL_JUNK = re.compile(r"\s+(?:and|or|but|nor)$", re.IGNORECASE)
# Words a line cannot end on: it would need a continuation ("up 6.1% from.", "contribute $140 million in.", "was.").
DANGLING = frozenset("""a an the of to from between by with at in on for into onto versus vs than and or but nor as per
about around approximately roughly nearly almost over under within without toward towards through via is was were are
be been being will would should could can may might has have had our its their your his her this these those which
whose whereas while although though because including excluding plus minus compared relative driven led offset
impacted affected caused helped partially primarily mainly largely due""".split())
_NOT_WORD_END = " \t\n.,;:!?…\"'”’)]}-–—"
_PAIRS = (("(", ")"), ("[", "]"), ("{", "}"), ("“", "”"))
# What makes a figure true, in a lead-in a cut would drop: its period, its accounting basis, its scope. Tried on
# lower-cased text, only where a word starts (4x faster than IGNORECASE).
_QUALIFIER = re.compile(
    r"(?<![^\W\d_])(?=[a-z'1-4])(?:quarters?|quarterly|years?|yearly|annual(?:ly|ized)?|fiscal|fy\s?'?\d{0,4}|[1-4]q|q[1-4]|h[12]|halves|half|months?|"
    r"ytd|year-to-date|weeks?|seasons?|(?:19|20)\d{2}|'\d{2}|january|february|march|april|june|july|august|september|october|"
    r"november|december|sequential(?:ly)?|"
    r"gaap|non-gaap|adjusted|organic(?:ally)?|constant[- ]currency|currency[- ]neutral|reported|comparable|pro[- ]forma|"
    r"like[- ]for[- ]like|same[- ]store|underlying|excluding|ex-\w+|including|diluted|normalized|basis|net of|"
    r"segments?|divisions?|business(?:es)?|regions?|regional|units?|brands?|channels?|portfolios?|subsidiar(?:y|ies)|"
    r"international|domestic|worldwide|global|north america|south america|latin america|americas|europe(?:an)?|emea|apac|"
    r"asia(?:n)?|china|japan|india|canada|mexico|brazil|germany|france|u\.s\.?|u\.k\.?|overseas|wholesale|retail|online|"
    r"e-?commerce|stores?|restaurants?|franchised?|consumer|commercial|industrial|residential|government|defense|"
    r"services?|products?|hardware|software|subscriptions?)\b")
# Lead-ins that only steer the listener: "Turning to slide 17;", "As Scott mentioned,", "By segment:", "With that,".
_TRANSITION = re.compile(
    r"^\W*(?:and|so|now|also|then|well|again|okay|ok|first|second|third|finally|lastly|next|further(?:more)?|additionally|"
    r"in addition|similarly|likewise|overall|importantly|as a result|as such|with that|that said|having said that|"
    r"in summary|to summarize|in short|all in all|here|moving (?:on )?to|turning (?:now )?to|now turning to|"
    r"(?:let me|let's|i'll|i will|i'd like to) (?:now )?(?:turn|move|go|start|begin|talk about|walk you through)(?: to| with)?|"
    r"looking at|if (?:you|we) look at|as you can see|as you know|as you may recall|as a reminder|"
    r"as (?:shown|seen|outlined|detailed|summarized|highlighted|presented|illustrated) (?:on|in)|i'm pleased to report(?: that)?|"
    r"we're pleased to report(?: that)?|i am pleased to report(?: that)?|"
    r"as (?:i|we|you|he|she|they|[A-Z][a-z]+) (?:just |already )?(?:mentioned|said|noted|discussed|highlighted|described|"
    r"outlined|indicated|covered|saw|see|can see|will see|know)(?: earlier| before| previously| a moment ago)?|"
    r"as (?:mentioned|noted|discussed|expected|anticipated|planned|previously (?:announced|disclosed))|"
    r"by (?:segment|region|business)|(?:on |please turn to |turn to )?(?:slides?|pages?|charts?) \d+(?:\s*(?:and|to|-|through)\s*\d+)?|"
    r"(?:our|the) (?:financial )?results?|the quarter's results|our performance)\b[\s,;:.-]*", re.IGNORECASE)
# A lead-in that gives a reason, never the period or part a figure is for.
_REASON = re.compile(r"\W*(?:based on|given|taking into account|thanks to|as a result of|because of|despite|in light of|"
                     r"on the back of)\b", re.IGNORECASE)
_CONDITION = re.compile(r"\W*(?:and\s+|but\s+)?(?:if|had|were|unless|assuming|absent|but for|in the event)\b", re.IGNORECASE)
# "the quarter", "this quarter" with no ordinal: the call's own quarter, which the summary is about.
_THE_QUARTER = re.compile(r"\b(?:(?:for|in|during|over|through(?:out)?)\s+)?(?:the|this)\s+quarter\b(?![\s-]+(?:of|ended|ending|to))",
                          re.IGNORECASE)
_NOT_NAMES = frozenset("I I'm I'd I've I'll CEO CFO COO COVID COVID-19 Slide Page".split())
# Clauses that finish a figure's statement: its level after a change ("or 13%, to $0.55"), its period ("in Q4").
_LEVEL = re.compile(r"(?:or\s+(?:about\s+|approximately\s+|roughly\s+|nearly\s+)?[-+]?[$€£¥]?\d|(?:and\s+)?(?:to|at|reaching|"
                    r"totaling|totalling|for a total of|coming in at|bringing (?:it|the total|us) to|"
                    r"ending (?:the (?:quarter|year) )?at)\s)", re.IGNORECASE)
_PERIOD_TAIL = re.compile(r"(?:in|for|during)\s+(?:the\s+)?(?:(?:first|second|third|fourth|final|last|current|same)\s+)?"
                          r"(?:quarter|year|half|fiscal|full[- ]year|(?:19|20)\d{2}|q[1-4])\b[^,;]{0,40}$", re.IGNORECASE)
# A clause that cannot open a line: it hangs on the one before ("which is around $40 million", "while sales fell").
_JOINER_START = re.compile(r"(?:which|who|whom|whose|where|whereby|while|whereas|although|though|because|since|with|as|"
                           r"including|excluding|driven|due to|resulting|reflecting|representing|bringing|leading|contributing|"
                           r"led|helped|offset|partially|partly|primarily|mainly|largely|mostly|compared|versus|vs|plus|"
                           r"up|down|or|to|from)\b", re.IGNORECASE)
# A figure clause that goes on from a subject clause before it: "Total revenue, as I said, was $1.5 billion."
_CONTINUES = re.compile(r"(?:was|were|is|are|came in|come in|totaled|totalled|reached|grew|rose|increased|decreased|declined|"
                        r"fell|improved|expanded|of|at|amounted|stood|ended)\b", re.IGNORECASE)
# "compared to Q2 2020 and 56.7% compared to 2019": the comparison tail a bullet leaves out.
_COMPARISON = re.compile(r"\s+(?:compared (?:to|with)|versus|vs\.?|as compared|from a year ago|over the (?:prior|same|last)|"
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
_names_subject = _word_search(_SUBJECT)
# Openings that leave a line leaning on what came before: a pronoun subject ("It was about 1-2 points"),
# a pointing "this/that" with its verb ("That should protect..."), a dangling participle with no main
# clause after a comma ("resulting in Pro growth of 20%"), a bare change ("an increase of 11 basis points").
_CONNECTOR = re.compile(r"^(?:so|and|but|now|also|then|well|again|plus|or|okay|ok)\b[,\s]*", re.IGNORECASE)
_PRONOUN_START = re.compile(
    r"^(?:it|it's|it’s|they|they're|they’re|he|she|which|who|"
    r"(?:this|that|these|those)(?:'s|’s|\s+(?:(?:also|alone|now|again|still|just|only|really)\s+)?"
    r"(?:is|was|were|are|will|would|should|could|can|may|might|has|have|had|represents?|means|compares|brings|puts"
    r"|gives|includes|excludes|reflects|assumes|implies|equates|translates|leaves|marks|led|leads|resulted|results)\b"
    r"|\W*$)"
    # "This segment recorded revenue of $528.7 million.", "These sales...": which part, the line alone never says
    r"|(?:this|that|these|those|the same)\s+(?:\w+\s+)?(?:segments?|business(?:es)?|divisions?|units?|regions?|brands?|"
    r"portfolios?|subsidiar(?:y|ies)|markets?|categor(?:y|ies)|channels?|geograph(?:y|ies)|sales|revenues?|"
    # "These items translated to $0.02 per share.": which items, the line alone never says
    r"items?|impacts?|charges?|factors?|costs?|headwinds?|tailwinds?|benefits?|changes?|adjustments?|effects?|actions?|"
    r"amounts?|numbers?|figures?|increases?|decreases?|declines?|reductions?|savings|gains?|losses?|ones?)\b)",
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
    if not has_digit(text):  # most sentences have none
        return False
    d = _DIGIT.search(text)
    if d is None or _NUMBER.search(text, d.start()) is None:
        return False
    return _SIGN.search(text) is not None or _UNIT_AFTER_DIGIT.search(text, d.start()) is not None \
        or (_may_say_per_share(text) and _PER_SHARE.search(text) is not None)


def dangles(text: str) -> bool:
    """The line ends on a word that needs a continuation: 'Comp sales were up 6.1% from.', 'Organic growth was.'"""
    tail = text[-40:].rstrip(_NOT_WORD_END).rsplit(None, 1)[-1:]  # the last word, without a regex scan
    return bool(tail) and tail[0].lower() in DANGLING


def balanced(text: str) -> bool:
    """Brackets and double quotes pair up: a cut never leaves '(up 5%' or '“record quarter' open."""
    for o, c in _PAIRS:
        if o in text or c in text:
            depth = 0
            for ch in text:
                depth += (ch == o) - (ch == c)
                if depth < 0:
                    return False
            if depth:
                return False
    return text.count('"') % 2 == 0


def stands_alone(text: str) -> bool:
    """A line a reader can use without its neighbours: no opening that leans on what came before, no end that
    needs more, brackets and quotes closed, and a named quantity ("revenue", "inventory"), or else a number, a
    verb and nothing pointing back ("it", "that is")."""
    head = _CONNECTOR.sub("", text[:MAX_SENTENCE_CHARS].lstrip("\"“'‘([ "), count=1)
    if _PRONOUN_START.match(head) or _CHANGE_START.match(head) or _VERB_START.match(head):
        return False
    if _GREETING.match(head) and not has_figure(head):
        return False
    if _PARTICIPLE_START.match(head) and "," not in head:
        return False
    if dangles(text) or not balanced(text[:MAX_SENTENCE_CHARS]):
        return False
    if _names_subject(head):
        return True
    return _DIGIT.search(head) is not None and _POINTING.search(head) is None and _VERB.search(head) is not None


def _clauses(text: str) -> list[str]:
    return [p for p in _CLAUSE.split(text) if p and p.strip()]


def _finish(text: str) -> str:
    """Connectors and trailing punctuation off, a full stop on, the first letter capital."""
    out = _LEAD_JUNK.sub("", text.strip())
    while True:
        cut = _TRAIL_JUNK.sub("", out.rstrip(",;: -–—"))
        if cut == out:
            break
        out = cut
    if not out.endswith((".", "!", "?")):
        out += "."
    return out[:1].upper() + out[1:]


def _droppable(clause: str, opening: bool = False) -> bool:
    """A lead-in a cut may leave out: a transition ('Turning to slide 17;', 'As Scott mentioned,', 'By segment:'),
    the call's own quarter ('For the quarter,'), an aside with no period, basis, scope, metric or figure of its own,
    or, `opening` the sentence (only steering clauses before it), a reason ('Based on our strong first half,')."""
    if _CONDITION.match(clause):
        return False  # "Had we recorded them in the quarter,", "If prices hold,": the figure is hypothetical
    if opening and _REASON.match(clause):
        return True  # "Based on our first-half results," "Given strong demand,": why, never which period or part
    rest = _THE_QUARTER.sub(" ", clause) if "quarter" in clause else clause  # the call's own: "For the quarter,"
    while True:
        cut = _TRANSITION.sub("", rest, count=1)
        if cut == rest:
            break
        rest = cut
    if _DIGIT.search(rest) or _QUALIFIER.search(rest.lower()) or _names_metric(rest):
        return False
    words = rest.split()  # a capitalised word is a name ("Moving to Bell,"), unless it opens the clause
    skip = 1 if rest.strip() == clause.strip() else 0
    return not any(w[:1].isupper() and w.strip(",.;:()'’\"") not in _NOT_NAMES for w in words[skip:])


def _extend(parts: list[str], kept: list[int], figs: set[int]) -> list[int]:
    """The clauses that finish a figure's statement follow it in: the level after a change ('decreased $0.08, or
    13%, to $0.55'), a trailing period ('..., in the fourth quarter')."""
    kept = list(kept)
    while kept[-1] + 1 < len(parts):
        nxt = parts[kept[-1] + 1].strip()
        if not (kept[-1] + 1 in figs and _LEVEL.match(nxt) or _PERIOD_TAIL.match(nxt)):
            break
        kept.append(kept[-1] + 1)
    return kept


def _figure_cut(parts: list[str], figs: list[int]) -> list[int]:
    """The clauses of a cut through the first figure clause (`figs`: the clauses with figures): it starts at the first
    lead-in that is not droppable (a period, basis, scope or the metric: 'For the full year,', 'On a GAAP basis,',
    'In our BSG segment,'), so no cut loses what makes its number true; a subject's aside is skipped ('Total
    revenue, as I said, was...')."""
    k0 = figs[0]
    start = next((j for j in range(k0) if not _droppable(parts[j], opening=True)), k0)
    if _CONTINUES.match(parts[k0].strip()):  # "..., was $1.5 billion": its subject opens the sentence
        start = min(start, next((j for j in range(k0) if _TRANSITION.sub("", parts[j].strip(), count=1).strip()), start))
    while start > 0 and _JOINER_START.match(_LEAD_JUNK.sub("", parts[start].strip())):
        start -= 1  # ", which is around $40 million a year", ", with sales down 32%": never cut loose from what it is about
    if start < k0 - 1 and _names_metric(parts[start]) and _CONTINUES.match(parts[k0].strip()) \
            and all(_droppable(parts[j]) for j in range(start + 1, k0)):
        return _extend(parts, [start, k0], set(figs))
    return _extend(parts, list(range(start, k0 + 1)), set(figs))


def _joined(parts: list[str], kept: list[int]) -> str:
    """The kept clauses as one line; a clause before a gap loses its comma ('Total revenue, [as I said,] was')."""
    out = []
    for n, k in enumerate(kept):
        p = parts[k].strip()
        if n + 1 < len(kept) and kept[n + 1] != k + 1:
            p = p.rstrip(",;:")
        out.append(p)
    return " ".join(out)


@lru_cache(maxsize=1024)  # a sentence trimmed in the first stage is cut again in spans for the best few and headlines
def _figure_clauses(text: str) -> tuple[list[str], list[int], list[int] | None]:
    """A sentence's clauses, those with a figure, and the clauses `_figure_cut` keeps (None: fewer than two clauses or
    no figure clause). Shared, so callers never change them."""
    parts = _clauses(text)
    figs = [k for k, p in enumerate(parts) if has_figure(p)]
    return parts, figs, _figure_cut(parts, figs) if figs and len(parts) >= 2 else None


def trim_to_figures(text: str) -> str:
    """The first clause that carries a figure, with every lead-in that qualifies it (period, basis, scope, metric)
    and the clauses that finish it ('to $0.55'); words verbatim, in order.

    When that cut cannot stand alone ("it was about 1-2 points"), the sentence from its start through
    the figure clause, or else the whole sentence."""
    if len(text) > MAX_SENTENCE_CHARS or not has_figure(text):
        return text
    parts, figs, kept = _figure_clauses(text)
    if kept is None:  # one clause, or none with a figure
        return text
    if kept == list(range(len(parts))):
        return text
    out = _joined(parts, kept)
    if len(out.split()) < 4:
        return text
    out = _finish(out)
    if kept[0] == 0 or stands_alone(out):  # from the sentence start: the ranker checks it before picking it
        return out
    prefix = _finish(" ".join(p.strip() for p in parts[: kept[-1] + 1]))
    return prefix if len(prefix.split()) <= _MAX_CUT_WORDS and stands_alone(prefix) else text


def cut_comparison(text: str) -> str:
    """A trimmed line without its comparison tail ("... increased 15.3% compared to Q2 2020" -> "... increased 15.3%."),
    or the line itself when the rest would lose its figure or end on a word that needs more ("... rose 10% from.")."""
    body = text.rstrip(".")
    cut = _COMPARISON.sub("", body)
    if cut == body or len(cut.split()) < 4 or not has_figure(cut) or dangles(cut):
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

    Kinds: trim (first figure clause with the lead-ins that qualify it), full (the sentence), fig2 (trim and the
    next figure clause: "revenue was $1.2 billion, up 5%"), prefix (from the start through the first
    figure clause: keeps "Turning to slide 17,"), cut (trim without its comparison tail), and (trim up to an "and" that
    joins two figures: "comps grew 5.8% and margin was 11.4%" -> "comps grew 5.8%"). `trim`: the sentence's
    `trim_to_figures`, when the caller has it already."""
    trim = trim_to_figures(text) if trim is None else trim
    out = [("trim", trim)]
    if len(text) > MAX_SENTENCE_CHARS or not has_figure(text):
        return out
    if trim != text and len(text.split()) <= 45:
        out.append(("full", text))
    parts, figs, kept = _figure_clauses(text)
    if kept is not None:
        k0 = figs[0]
        if kept[-1] + 1 < len(parts) and has_figure(parts[kept[-1] + 1]):
            two = _finish(_joined(parts, _extend(parts, kept + [kept[-1] + 1], set(figs))))
            if len(two.split()) >= 4 and two not in (trim, text):
                out.append(("fig2", two))
        if k0 > 0:
            pre = _finish(" ".join(p.strip() for p in parts[: kept[-1] + 1]))
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
        if has_figure(left) and has_figure(right) and len(left.split()) >= 4 and not dangles(left):
            out.append(("and", _finish(left)))
            break
    return out
