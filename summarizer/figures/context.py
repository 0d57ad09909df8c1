"""What the sentences of a call set up for the figures of the next ones: the call's period and company
(`CallContext`), an outlook or results heading, the full year the last sentence guided, the business named as the
topic, and the guidance changes a sentence announces for figures said elsewhere (`DirectionStatement`,
`call_directions`)."""
from __future__ import annotations

import re
from dataclasses import dataclass, field

import ahocorasick

from summarizer.figures.direction import (against_earlier, direction_cues, direction_from_numbers,
                                          revision_of_previous)
from summarizer.figures.lowtext import LowerPattern, lowered
from summarizer.figures.metrics import find_mentions
from summarizer.figures.model import Figure
from summarizer.figures.periods import CallPeriod, call_label, find_periods, next_quarter_label, resolve
from summarizer.gates import any_of_ignorecase, may_fold
from summarizer.model import Sentence, Transcript

_TOPIC = re.compile(r"^(?:(?:and|so|now|next|finally|turning to|moving to|looking at)\s+)?(?:the|our|its)\s+"
                    r"(?P<s>[\w&'’ .-]{2,40}?)\s+(?:segment|business|division|unit)\b", re.I)
# "financial results in Advice & Wealth Management were strong, with ...": the business the sentence (and the next
# one, "Adjusted operating net revenues were up 16% to $1.9 billion") reports on
_RESULTS_IN = re.compile(r"\b(?:financial\s+|operating\s+)?(?:results|performance)\s+(?:in|for|at|of)\s+(?:our\s+|the\s+)?"
                         r"(?P<s>[A-Z][\w&'’.-]*(?:\s+(?:&\s+|and\s+)?[A-Z][\w&'’.-]*){0,4})(?:\s+(?:segment|business|"
                         r"division|unit))?\s+(?:were|was|are|is|remained|continued)\b")


def results_in(text: str, company_words: frozenset[str] = frozenset()) -> tuple[str, int] | None:
    """The business a sentence says the results of ('results in Advice & Wealth Management were strong'), with where
    that phrase ends; None for the company itself or a period ('results for the Fourth Quarter')."""
    m = _RESULTS_IN.search(text) if "results" in text or "performance" in text else None  # (a case-sensitive pattern)
    if m is None or find_periods(m["s"]) or any(w.lower() in company_words for w in m["s"].split()):
        return None
    return m["s"], m.end()


_FOR_TAIL = re.compile(r"\s+for\s+(?:the\s+)?([^,.;]{1,40})")
_YEARISH = re.compile(r"(?:fiscal\s+|fy\s?)?'?(?:19|20)?\d\d\b", re.I)
_BARE_YEAR = re.compile(r"(?<![\d$.,])((?:19|20)\d\d)(?![\d%])")


@dataclass
class CallContext:
    """The call's own period and company, and what earlier sentences of the same turn set up: an outlook heading's
    period and direction, the full year the previous sentence guided, a business named as the topic."""

    call: CallPeriod = field(default_factory=lambda: CallPeriod(None, None))
    company_words: frozenset[str] = frozenset()
    turn: int | None = None
    outlook: tuple[str, str] | None = None  # (fiscal period, as said) of an outlook heading
    outlook_ttl: int = 0
    direction: str | None = None  # what an outlook heading said of the guidance after it ("We're raising our outlook.")
    direction_ttl: int = 0
    direction_of: "DirectionStatement | None" = None  # the metrics and period that heading named (None: not said)
    fy_guidance: tuple[str, str] | None = None
    fy_ttl: int = 0
    topic_scope: str | None = None
    topic_ttl: int = 0
    results: str | None = None  # the fiscal period of a results heading ("Now for the full year 2021 results.")
    results_ttl: int = 0
    statements: list["DirectionStatement"] = field(default_factory=list)
    position: int = -1
    per_share: tuple[str, str] | None = None  # the per-share metric the call reports when it is FFO ("ffo", "FFO per share")

    def step(self, s: Sentence, numbers: bool = True) -> None:
        """A new sentence: forget what belonged to another turn, age what the last sentences set up (the full year
        an outlook sentence guided lasts over sentences with no numbers: "That assumes ...")."""
        if s.turn != self.turn:
            self.turn = s.turn
            self.outlook = self.direction = self.direction_of = self.fy_guidance = self.topic_scope = self.results = None
            self.outlook_ttl = self.direction_ttl = self.fy_ttl = self.topic_ttl = self.results_ttl = 0
            return
        self.results_ttl -= 1
        if self.results_ttl < 0:
            self.results = None
        self.outlook_ttl -= 1
        self.direction_ttl -= 1
        self.fy_ttl -= 1 if numbers else 0
        self.topic_ttl -= 1
        if self.outlook_ttl < 0:
            self.outlook = None
        if self.direction_ttl < 0:
            self.direction = self.direction_of = None
        if self.fy_ttl < 0:
            self.fy_guidance = None
        if self.topic_ttl < 0:
            self.topic_scope = None


@dataclass(frozen=True)
class DirectionStatement:
    """A sentence that says the company raised, lowered, narrowed, reaffirmed ... its guidance ('we have raised our
    sales and earnings forecast for 2021'), for the guided figures it names (None: all) and period (None: any)."""

    position: int
    direction: str
    bases: frozenset[str] | None
    fiscal_period: str | None
    segment: bool = False  # "we are reducing our full year expectations for the segment": not the company's


_FOR_NAME = re.compile(r"\bfor\s+(?:the\s+|our\s+)?(?-i:[A-Z][\w&'-]+)", re.I)
_TOP_AND_BOTTOM = re.compile(r"\btop[- ]and[- ]bottom[- ]lines?\b", re.I)
# one segment named ("for the segment", "our Coatings segment"), not "across all our segments"
_SEGMENT_WORD = re.compile(r"\b(?:the|this|that|our|its|for|[A-Z][\w&-]*)\s+(?:[\w&-]+\s+){0,2}?"
                           r"(?:segment|division|business unit)\b(?!s)", re.I)
_WE = re.compile(r"\b(?:we|we're|we’re|we've|we’ve|i|i'm)\b", re.I)
# "So affirming our annual guidance": the company's own guidance, with no "we"
_OUR = re.compile(r"\s+(?:our|its)\s+(?:[\w-]+\s+){0,3}?(?:guidance|outlook|forecast|expectations?|view|targets?|guide)\b", re.I)
_CLAUSE_BREAK = re.compile(r"[,;:]|\b(?:and|but|while|as|which)\b", re.I)
_TARGET_TO_DO = LowerPattern(r"targets?\s+to\s+(?!be\b|reflect\b|include\b)[a-z]+\b")
_STATEMENT_NOUN = LowerPattern(r"\b(?:guidance|outlook|forecast|expectations?|view|targets?|range|guide)\b")
_STATEMENT_BASES = {"revenue": "revenue", "organic_revenue": "revenue", "comparable_sales": "revenue", "eps": "eps",
                    "earnings": "eps", "net_income": "eps", "ffo": "ffo", "affo": "ffo", "free_cash_flow": "free_cash_flow",
                    "operating_cash_flow": "operating_cash_flow", "ebitda": "ebitda", "operating_income": "operating_income",
                    "operating_margin": "operating_margin", "gross_margin": "gross_margin", "capex": "capex"}
_TOPIC_WORDS = ("segment", "business", "division", "unit")
_STATE_WORDS = ("guidance", "outlook", "forecast", "expectation", "view", "target", "range", "guide")
# what a results heading or a business's results need ('results', a full-year lead-in, 'performance'): with none of
# these and no state or topic word, a sentence with no figures sets nothing up
_HEADING_WORDS = ("results", "year", "performance")


def _observe_automaton() -> ahocorasick.Automaton:
    a = ahocorasick.Automaton()
    for k in _TOPIC_WORDS:
        a.add_word(k, "topic")
    for k in _STATE_WORDS:
        a.add_word(k, "state")
    for k in _HEADING_WORDS:
        a.add_word(k, "heading")
    a.make_automaton()
    return a


_OBSERVE_WORDS = _observe_automaton()


def _observed_words(text: str) -> frozenset[str] | set[str]:
    """Which of the word groups every sentence is checked for occur ('state': a guidance noun; 'topic': a business
    word; 'heading': a word a results heading needs), in one scan (as `summarizer.gates.any_of_ignorecase` would tell
    for each group)."""
    if may_fold(text):
        return frozenset(("topic", "state", "heading"))
    return {v for _, v in _OBSERVE_WORDS.iter(lowered(text) or text.lower())}


def _statements(ctx: CallContext, text: str, position: int) -> None:
    """Remember the guidance changes a sentence announces, for guided figures said elsewhere in the call."""
    for a, b, direction in direction_cues(text):
        if against_earlier(text, a):
            continue  # ", slightly higher than our April outlook": the figure just said, not guidance said elsewhere
        noun = _STATEMENT_NOUN.search(text, a, min(len(text), b + 70))  # "reaffirming our guidance", "this is up from
        # our previous guidance" (the noun inside the cue)
        before = None
        if noun is not None and _TARGET_TO_DO.match(text, noun.start()):
            continue  # "maintain our target to pay down $200 million of debt": a goal of its own, not the guidance
        if noun is None:
            before = _STATEMENT_NOUN.search(text, max(0, a - 50), a)  # "guidance range raised to ..."
            if before is None:
                continue
            phrase_lo, phrase_hi = before.start(), b
        else:
            phrase_lo, phrase_hi = b, noun.end()
        if before is not None and _FOR_NAME.search(text, before.end(), a):
            continue  # "Our 2021 outlook for Aerospace is unchanged": a segment's outlook
        tail = _FOR_TAIL.match(text[phrase_hi:])
        if tail and not find_periods(tail.group(1)) and not find_mentions(tail.group(1)) and \
                not _YEARISH.match(tail.group(1)):
            continue  # "our forecast for second-half demand": not the company's financial guidance
        named_here = find_mentions(text[phrase_lo:phrase_hi + (tail.end() if tail else 0)])
        bases = {_STATEMENT_BASES[m.base] for m in named_here if m.base in _STATEMENT_BASES}
        if not bases:  # "Free cash flow is expected to be ..., lower versus our last guide": the subject's metric
            named = [m for m in find_mentions(text, ctx.company_words) if m.end <= a]
            if named and named[-1].base not in _STATEMENT_BASES and not _WE.search(text, named[-1].end, a) and \
                    not _CLAUSE_BREAK.search(text, named[-1].end, a):
                continue  # "We now expect full year bookings to increase ... versus our prior outlook": of bookings,
                # a metric no guided figure of the list is keyed to, not of all the guidance
            said = [m for m in named if m.base in _STATEMENT_BASES]
            subject = {_STATEMENT_BASES[m.base] for m in said}
            if len(subject) == 1 and not _WE.search(text, said[-1].end, a):  # not "..., and we are raising our outlook"
                bases = subject
        if _TOP_AND_BOTTOM.search(text, phrase_lo, phrase_hi + 20):
            bases |= {"revenue", "eps"}  # "raising our top and bottom line guidance": sales and earnings
        if not bases and not _WE.search(text, 0, a) and not (noun is not None and _OUR.match(text, b)):
            continue  # "The revision to the range downward is due to ...": about a figure already said, not a list
        segment = _SEGMENT_WORD.search(text) is not None  # a segment's outlook said anywhere in the sentence
        ps = [p for p in find_periods(text) if p.start >= a - 40]
        ps = [p for p in ps if phrase_lo <= p.start < phrase_hi + (tail.end() if tail else 0)] or ps  # the period
        # inside "increasing our full fiscal year outlook" or after it ("reiterating our guidance for the full fiscal
        # year 2021") is the outlook's, not the "first quarter" of "With the completion of the first quarter, ..."
        fiscal = resolve(ps[0], ctx.call, True) if ps else None
        if fiscal is None:
            y = _BARE_YEAR.search(text[max(0, a - 20):phrase_hi])
            fiscal = f"FY {y.group(1)}" if y else None  # "narrowing our 2026 core FFO guidance"
        if not bases and named_here:  # "we continue to expect our full year tax rate", "we have increased our gross
            bases = {m.base for m in named_here}  # inflation expectations": of that metric only, not all the guidance
            # (a metric no base stands for, so the statement lends to no figure said elsewhere)
        ctx.statements.append(DirectionStatement(position, direction, frozenset(bases) or None, fiscal, segment))


def statement_base(metric_key: str) -> str | None:
    """The metric a guidance statement would name for a figure of this key ('eps_adjusted' -> 'eps'), if any."""
    return next((v for k, v in _STATEMENT_BASES.items() if metric_key.startswith(k)), None)


def other_period(statement: str | None, figure: str | None, inferred: bool) -> bool:
    """Whether a statement about one fiscal period cannot govern a figure of another: periods that differ, unless the
    figure's was only inferred (a full-year outlook sentence need not name its year); a full year and a quarter or
    half never govern each other ('our full-year guidance is unchanged. And for Q2, our guidance is as follows.')."""
    if not statement or not figure or statement == figure:
        return False
    return not inferred or statement.startswith("FY") != figure.startswith("FY")


# "is now expected to be", "we now expect": the figure's own sentence says it was revised, so no reaffirmation said
# elsewhere in the call is its direction
_REVISED_NOW = re.compile(r"\b(?:(?:is|are|be|was)\s+now|now\s+(?:expect|anticipat|see|project|forecast|guid|estimat|"
                          r"target|call|plan|believ|think))", re.I)
# "Our capex guidance has been updated to a range of ...", "was revised to": likewise
_REVISED_TO = re.compile(r"\b(?:has|have|had)\s+been\s+(?:updated|revised|changed)\s+to\b|\b(?:was|were)\s+(?:updated|"
                         r"revised|changed)\s+to\b", re.I)


def said_revised(sentence: str) -> bool:
    """Whether a guided figure's sentence says the figure is a revision ('guidance is now $2.40 to $2.50', 'guidance
    has been updated to a range of ...')."""
    low = sentence.lower()
    return "now" in low and _REVISED_NOW.search(sentence) is not None or \
        (" been " in low or " was " in low or " were " in low) and _REVISED_TO.search(sentence) is not None


def heading_direction(ctx: CallContext, metric_key: str, fiscal_period: str | None, inferred: bool,
                      sentence: str, value: str | None = None) -> str | None:
    """The direction an outlook heading lends a guided figure after it, when the heading named no other metric or
    period ('We're increasing our organic net sales guidance.' says nothing of EPS), and no reaffirmation to a figure
    its sentence says is revised."""
    of = ctx.direction_of
    if ctx.direction == "reaffirmed" and said_revised(sentence):
        return None
    if ctx.direction is not None and (not lends_to(sentence, None) or value and said_of_the_past(sentence, value)):
        return None  # "We are raising our outlook. Longer term, we remain committed to our targets of ...": not those
    if ctx.direction is not None and (of is None or not of.fiscal_period) and fiscal_period and \
            not fiscal_period.startswith("FY"):
        return None  # "So we are affirming our guidance." names no period: the year's, not the next quarter's outlook
    if ctx.direction is None or of is None:
        return ctx.direction
    if of.bases is not None and statement_base(metric_key) not in of.bases:
        return None
    return None if other_period(of.fiscal_period, fiscal_period, inferred) else ctx.direction


# "Our previous guidance was for sales in the range of $480 million to $500 million and adjusted earnings per share in
# the range of $1.70 to $1.90.": the guidance before, said in a sentence of its own
_PREVIOUS_SAID = re.compile(r"\W*(?:(?:and|so|now|as a reminder),?\s+)?(?:our|the)\s+(?:previous|prior|original|earlier|initial)\s+"
                            r"(?:[\w-]+\s+){0,3}?(?:guidance|outlook|range|forecast|guide|expectations?)\s+"
                            r"(?:was|were|had been|called for|included)\b", re.I)


def _previous_said_before(figs: list[Figure]) -> None:
    """A guided figure the sentence after such a sentence gives ('We are now updating our guidance for sales to be in
    the range of $495 million to $505 million') takes the direction its numbers moved against the previous range of its
    metric: raised or lowered when the range moved, narrowed when the new one lies inside the old."""
    said: dict[int, list[Figure]] = {}
    for f in figs:
        if f.sentence_position in said or _PREVIOUS_SAID.match(f.sentence):
            said.setdefault(f.sentence_position, []).append(f)
    if not said:
        return
    for f in figs:
        before = said.get(f.sentence_position - 1)
        if f.kind != "guidance" or f.direction not in (None, "narrowed") or not before or f.amount is None:
            continue
        base = statement_base(f.metric_key)
        same = [p for p in before if p.turn == f.turn and p.amount is not None and base is not None and
                statement_base(p.metric_key) == base and p.unit == f.unit and p.currency == f.currency]
        if len(same) != 1 or not 0.5 <= abs(f.amount) / max(abs(same[0].amount), 1e-12) <= 2:
            continue  # one previous range of that metric, of the same unit and size
        moved = direction_from_numbers(f.amount, f.amount_high, same[0].amount, same[0].amount_high)
        if moved in ("raised", "lowered", "narrowed"):
            f.direction = moved


# "our long-term earnings per share growth of 6% to 8%", "Vision 2025 goals of $8 billion in revenues", "a compound annual
# growth rate from 2021 to 2025": a target beyond the year, which a statement about the year's guidance does not govern
_BEYOND_THE_YEAR = LowerPattern(r"\b(?:long[- ]term|longer[- ]term|multi[- ]year|(?:three|five|ten|3|5|10)[- ]year|compound annual|"
                                r"cagr|vision 20\d\d|by (?:fiscal |the end of |year[- ]end )?(?:20\d\d|'\d\d)|"
                                r"(?:analysts?'?|consensus|street) (?:estimates?|expectations?))\b")
# "Fiscal 2022 cash flow from operations increased from $180 million in the prior year to $288 million": a sentence
# saying what happened, with no word looking ahead
_HAPPENED = LowerPattern(r"\b(?:increased|decreased|grew|declined|rose|fell|was|were|included|came in|totaled|totalled|"
                         r"delivered|achieved|generated|ended|marked)\b")
_AHEAD = LowerPattern(r"\b(?:expect\w*|anticipat\w*|guid\w*|outlook|forecast\w*|project\w*|target\w*|plan\w*|will|should|"
                      r"would|could|assum\w*|estimat\w*|see|sees|now|range|goal|intend\w*|believ\w*)\b")


# "on top of 19% growth in the year ago period", "free cash flow of $295 million marked the highest level in four
# years": right after the value, what it was, not what is guided
_PAST_AFTER = LowerPattern(r"\s*(?:growth\s+|increase\s+|decline\s+)?(?:(?:in|during|for|over)\s+the\s+(?:year[- ]ago|"
                           r"prior[- ]year|prior|previous|same)\s+(?:period|quarter|year)|a year ago|last year)\b"
                           r"|\s+(?:marked|was|were|came in|represented|grew|rose|increased|decreased|declined|fell|reached|"
                           r"exceeded|ended|totaled|totalled)\b")
_SAID_SO = {"raised": LowerPattern(r"\b(?:rais|increas|lift|boost|upp)"), "lowered": LowerPattern(r"\b(?:lower|reduc|cut)"),
            "reaffirmed": LowerPattern(r"\b(?:re-?affirm|affirm|reiterat|maintain|confirm)"),
            "narrowed": LowerPattern(r"\b(?:narrow|tighten)"), "initiated": LowerPattern(r"\b(?:initiat|introduc|initial)"),
            "withdrawn": LowerPattern(r"\b(?:withdr|suspend)")}
_WHICH = re.compile(r",\s*(?:which|that)\b", re.I)


def said_of_the_past(text: str, value: str) -> bool:
    """Whether the words right after a value say it is of the year before or what happened ('19% growth in the year
    ago period', '$295 million marked the highest level'): no guided figure a direction said elsewhere is lent to."""
    at = text.find(value)
    return at >= 0 and _PAST_AFTER.match(text, at + len(value)) is not None


def lends_to(text: str, value: str | None) -> bool:
    """Whether a guided figure may take a direction a statement or heading said elsewhere in the call gives: not a
    target beyond the year or others' estimates (named in the figure's clause up to just after its value: "earnings
    per share of $9.50 to $10.20, which reflects a compound annual growth rate of ..." is the year's; with no value,
    the sentence up to its first "which"), nor a figure of a sentence that only says what happened."""
    if value and said_of_the_past(text, value):
        return False
    at = text.find(value) if value else -1
    lo = text.rfind(";", 0, max(at, 0)) + 1
    hi = len(text) if at < 0 else min(len(text), at + len(value or "") + 40)
    which = _WHICH.search(text, at + len(value or "") if at >= 0 else 0, hi)
    if _BEYOND_THE_YEAR.search(text, lo, which.start() if which else hi):
        return False
    return not (_HAPPENED.search(text) and not _AHEAD.search(text))


def call_directions(figs: list[Figure], statements: list[DirectionStatement]) -> None:
    """A guided figure whose sentence says no direction takes the one a statement of the call gives for its metric
    and period: the latest before it, else one in the next few sentences (and one the sentence before gives the
    previous range of, the direction its numbers moved)."""
    _previous_said_before(figs)
    if not statements:
        return
    for f in figs:
        if f.kind != "guidance" or f.direction is not None:
            continue
        base = statement_base(f.metric_key)
        revised = said_revised(f.sentence)
        apart = not lends_to(f.sentence, f.value)

        def fits(s: DirectionStatement) -> bool:
            if revised and s.direction == "reaffirmed":
                return False
            if apart and not (abs(s.position - f.sentence_position) <= 1 and _SAID_SO[s.direction].search(f.sentence)):
                return False  # ("We are also affirming our long-term growth rate range of 7% to 10%": its own words)
            if s.bases is not None and base not in s.bases or s.segment and f.scope is None:
                return False
            if other_period(s.fiscal_period, f.fiscal_period, f.period_inferred):
                return False
            if not s.fiscal_period and f.fiscal_period and not f.fiscal_period.startswith("FY"):
                return False  # "we are raising our guidance": the full-year guidance, not a quarter's first outlook
            return s.bases is not None or base is not None

        before = [s for s in statements if s.position <= f.sentence_position and fits(s) and
                  (s.bases is not None or s.fiscal_period is not None or f.sentence_position - s.position <= 8)]
        after = [s for s in statements if f.sentence_position < s.position <= f.sentence_position + 4 and fits(s)]
        got = before[-1] if before else (after[0] if after else None)
        if before and after and f.sentence_position - before[-1].position > 20:
            got = after[0]  # the statement of the figure's own paragraph, not one said long before
        if got is not None:
            f.direction = got.direction


def context_for(transcript: Transcript) -> CallContext:
    """The context a call's figures are read in: its fiscal period (from its title or text) and company name."""
    words = frozenset(w.lower() for w in re.findall(r"[A-Za-z][\w&'-]+", transcript.company or "")
                      if w.lower() not in ("inc", "corp", "corporation", "company", "co", "ltd", "plc", "group",
                                           "holdings", "the", "and", "limited", "technologies", "technology"))
    if transcript.ticker:
        words = words | {transcript.ticker.lower()}
    return CallContext(call=CallPeriod(transcript.fiscal_quarter, transcript.fiscal_year), company_words=words)


_RESULTS_HEADING = LowerPattern(r"\bresults\b|^\W*(?:(?:now|so|and|next|then),?\s+)?(?:for|turning to|moving to|looking at|"
                                r"on|over)\s+(?:the\s+)?(?:full|whole|fiscal|calendar)[\s-]+year\b")
_OUTLOOK_HEADING = LowerPattern(r"\b(?:outlook|guidance|guide|forecast)\b")
# its two alternatives apart, for a lower-cased ASCII sentence: 'results' anywhere, a full-year lead-in at the start
_RESULTS_WORD = re.compile(r"\bresults\b")
_FULL_YEAR_LEAD = re.compile(r"\W*(?:(?:now|so|and|next|then),?\s+)?(?:for|turning to|moving to|looking at|on|over)\s+"
                             r"(?:the\s+)?(?:full|whole|fiscal|calendar)[\s-]+year\b")


def _results_heading(text: str) -> bool:
    """`_RESULTS_HEADING.search(text)` as a truth value, the 'results' alternative tried only where the word stands."""
    low = lowered(text)
    if low is None:
        return _RESULTS_HEADING.search(text) is not None
    return ("results" in low and _RESULTS_WORD.search(low) is not None) or _FULL_YEAR_LEAD.match(low) is not None


def _another_heading(said: DirectionStatement | None, fiscal: str) -> bool:
    """Whether an outlook heading for `fiscal` is about another period than the direction said before it (a bare
    'we are raising our guidance' is the full year's)."""
    period = said.fiscal_period if said is not None else None
    return period != fiscal if period else not fiscal.startswith("FY")


def _short(text: str) -> bool:
    """At most 16 words (`len(text.split()) <= 16`, splitting no further than the 17th word)."""
    return len(text.split(None, 16)) <= 16


def observe(ctx: CallContext, text: str, figs: list[Figure], lead: tuple[str, int] | None) -> None:
    """Remember what this sentence sets up for the next ones of the same turn, and the guidance changes it says."""
    seen = _observed_words(text)
    if not seen and not figs and lead is None:
        return  # no guidance noun, business word, 'results', 'year' or 'performance': nothing below can change
    stated = "state" in seen
    if stated:
        _statements(ctx, text, ctx.position)
    if not figs and stated and (word := _OUTLOOK_HEADING.search(text)) and (_short(text) or text.rstrip().endswith(":")) \
            and revision_of_previous(text) is None:  # "This is up from our previous guidance." looks back, not ahead
        ps = find_periods(text)  # a heading: "Now, our outlook for fiscal 2025." "Our 2022 guidance is as follows:"
        if ps:  # the period nearest the outlook word: "our first quarter results and our 2021 outlook" is 2021's
            p = min(ps, key=lambda q: min(abs(q.start - word.end()), abs(word.start() - q.end)))
            fiscal = resolve(p, ctx.call, True)
            if fiscal:
                ctx.outlook, ctx.outlook_ttl = (fiscal, p.text), 5
        cues = direction_cues(text)
        if cues:
            ctx.direction, ctx.direction_ttl = cues[0][2], 3
            said = [st for st in ctx.statements if st.position == ctx.position and st.direction == cues[0][2]]
            ctx.direction_of = said[0] if said else None
        elif ps and ctx.direction is not None and fiscal and _another_heading(ctx.direction_of, fiscal):
            ctx.direction = ctx.direction_of = None  # "Our full-year guidance is unchanged. And lastly for Q2, our
            # guidance is as follows.": the direction said of the full year does not carry into the quarter's
    if not figs and not stated and _results_heading(text) and _short(text):
        ps = find_periods(text)  # "Now for the full year 2021 results compared to 2020." "Turning to the full year:"
        fiscal = resolve(ps[0], ctx.call, False) if ps else None
        if fiscal and fiscal != call_label(ctx.call):
            ctx.results, ctx.results_ttl = fiscal, 4
    elif ctx.results and any(not f.period_inferred and f.kind == "reported" and f.fiscal_period != ctx.results
                             for f in figs):
        ctx.results, ctx.results_ttl = None, 0  # "This quarter, we acquired ...": the heading no longer holds
    if figs:  # (with no figures, none of this changes anything)
        fy = [(i, f) for i, f in enumerate(figs) if f.kind == "guidance" and f.fiscal_period and
              f.fiscal_period.startswith("FY") and not f.period_inferred]
        others = [(i, f) for i, f in enumerate(figs) if f.kind == "guidance" and f.fiscal_period and
                  not f.fiscal_period.startswith("FY")]
        other = [f for _, f in others]
        if fy and not (others and others[-1][0] > fy[-1][0]):
            fy = [f for _, f in fy]
            ctx.fy_guidance, ctx.fy_ttl = (fy[-1].fiscal_period or "", fy[-1].period or ""), 1
        elif other and not other[-1].period_inferred and other[-1].fiscal_period == next_quarter_label(ctx.call):
            # "... higher expenses in the fourth quarter." "EPS is expected to be between $1.15 and $1.18.": the next
            # quarter, which the sentence before guided, not the year (only that quarter: the one a call guides)
            ctx.fy_guidance, ctx.fy_ttl = (other[-1].fiscal_period or "", other[-1].period or ""), 1
        elif other and not (ctx.fy_guidance and other[-1].fiscal_period == ctx.fy_guidance[0]):
            ctx.fy_guidance, ctx.fy_ttl = None, 0
        elif any(f.kind == "guidance" and f.period_inferred and f.fiscal_period for f in figs) and ctx.fy_guidance:
            ctx.fy_ttl = 1  # a run of sentences under one outlook
    topic = _TOPIC.match(text) if not figs and "topic" in seen else None
    named = results_in(text, ctx.company_words)
    if named is not None:
        ctx.topic_scope, ctx.topic_ttl = named[0], 1
    elif lead and not figs:
        ctx.topic_scope, ctx.topic_ttl = lead[0], 1
    elif topic and not figs and topic["s"].strip().lower() not in ("total", "overall", "company"):
        ctx.topic_scope, ctx.topic_ttl = topic["s"].strip(), 1
