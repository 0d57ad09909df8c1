"""A figure's period (said in its metric phrase, its clause, or a leading clause; never one of a comparison) and
the figure itself: value, amount, unit, approximation, its change, comparison and previous guidance folded in, and
for guidance its direction."""
from __future__ import annotations

import re

from summarizer.figures.classify import basis_of, clause_of, DIR_AFTER
from summarizer.figures.context import CallContext, heading_direction
from summarizer.figures.direction import direction_for, direction_from_numbers
from summarizer.figures.kinds import past_guide_spans
from summarizer.figures.lowtext import LowerPattern
from summarizer.figures.metrics import Mention
from summarizer.figures.model import Figure
from summarizer.figures.numbers import Hit, amount_of, currency_of, parse_num
from summarizer.figures.periods import CallPeriod, PeriodMention, find_periods, resolve
from summarizer.figures.roles import beyond_end, comparator_before, previous_before
from summarizer.gates import any_of_ignorecase, search_if
from summarizer.model import Sentence

_APPROX = re.compile(
    r"\b(?P<a>about|around|almost|nearly|approximately|roughly|over|more than|less than|under|at least|close to|up to|"
    r"exceeded|exceeding|above|below|some|just over|just under|north of|approx\.|in excess of|a minimum of|minimum of|"
    r"as much as|upwards of|greater than|no less than|slightly above|slightly below|approaching|an estimated|estimated|"
    r"well over|well above|just above|just below|nearly|at most|a maximum of|surpassed|topped|crossed|passed|"
    r"exceeding|surpassing|past|beyond"
    r"|(?:low|mid|high|upper)(?:[\s-]+to[\s-]+(?:low|mid|high|upper))?(?=[\s-]*$))[\s-]*$", re.I)  # "mid to high 20%"
_LOSS_OF = re.compile(r"\b(?:an?\s+)?(?:net\s+|operating\s+|pre-?tax\s+|adjusted\s+)?loss(?:es)?\s+(?:of|was|were)\s+"
                      r"(?:about\s+|approximately\s+|roughly\s+|nearly\s+|negative\s+)?$", re.I)
_MAY_LOSS = any_of_ignorecase(("loss",))
_MAY_APPROX = any_of_ignorecase(("about", "around", "almost", "nearly", "approx", "roughly", "over", "more", "less",
                                 "under", "least", "close", "up to", "exceed", "above", "below", "some", "just", "north",
                                 "excess", "minimum", "much", "upwards", "greater", "slightly", "estimated", "well",
                                 "most", "maximum", "surpass", "topped", "crossed", "passed", "past", "beyond", "mid",
                                 "high", "low", "upper", "approach"))
_GUIDED_AFTER = re.compile(r"\s+(?:that\s+)?(?:we|i)\s+(?:had\s+)?(?:guided|expected|forecast|projected|targeted|planned)\b|"
                           r"\s+(?:of\s+)?(?:our\s+|the\s+)?(?:prior\s+|previous\s+|original\s+)?(?:guidance|outlook)\b", re.I)
_PHRASE_YEAR = re.compile(r"(?:(?<![\d])(?:19|20)\d\d(?!\d)|(?:fy|')\s?(\d\d)(?!\d))", re.I)
_COMPARATOR_TAIL = re.compile(
    r"\s+(?:a year (?:ago|earlier)|last year|in the (?:prior|previous|same)[\w -]{0,30}?(?:period|quarter|year)|"
    r"in (?:q[1-4] |the (?:first|second|third|fourth) quarter of )?(?:19|20)\d\d|last quarter|"
    r"(?:at|in) (?:the end of )?(?:june|march|september|december)|previously)\b", re.I)
_YEAR_AGO_WORDS = re.compile(r"a year (?:ago|earlier)|last year|prior[- ]year|same (?:period|quarter)", re.I)
_VS_TAIL = re.compile(r"\s*,?\s*(?:compared (?:with|to)|versus|vs\.?|over|from|against|relative to)\b[^,;]{0,70}", re.I)
_MAY_VS = any_of_ignorecase(("compar", "versus", "vs", "relative", "against", "than", "from", "over", "match", "equal",
                             "line with", "flat", "consistent", "par with"))
_VS_WORDS = LowerPattern(r"\b(?:(?:as )?compared (?:to|with)|versus|vs\.?|relative to|against|than)\b[^;]{0,80}"
                       r"|\b(?:from|over|matching|match(?:ed|es)?|equal(?:ing|led|ed|s)? to|in line with|flat (?:to|with)|"
                       r"consistent with|on par with)\s+(?:the\s+)?(?:prior|previous|last|same|comparable|year[- ]ago|a year)"
                       r"\b[^,;]{0,40}")  # "$1.08, matching last year's fourth quarter results": that quarter is not its


def phrase_spans(text: str, hits: list[Hit], spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Where changes, comparisons and previous guidance are said, with the period words that go with them
    ('compared with $0.27 in the second quarter of 2024', 'compared to the prior year's first quarter'): their
    periods are not the figure's."""
    out = [(m.start(), m.end()) for m in _VS_WORDS.finditer(text)] if _MAY_VS(text) else []
    for h in hits:
        against = beyond_end(text, h.stop) if h.role == "change" else None
        if against is not None:  # "33.3% higher than the second quarter of 2020": the period it is set against
            out.append((h.stop, against))
        if h.role == "change" and h.owner is None:
            _, bend = basis_of(text, h.stop)
            tail = _VS_TAIL.match(text, bend)
            if tail:  # "increased by more than 30% compared with the GMV in the fourth quarter of last year"
                out.append((bend, tail.end()))
            continue
        if h.role == "value":
            continue
        start = h.dir_start if h.dir_start is not None else max(0, h.start - 30)
        if h.pair is not None and h.pair.stop <= h.start:  # "FY '21 grew 13% or $25.7 million": the change's own words
            start = max(start, h.pair.dir_start if h.pair.dir_start is not None else h.pair.start)
        if h.owner is not None and h.owner.stop <= h.start:
            start = max(start, h.owner.stop)
        if h.role in ("comparator", "previous"):  # from the comparison words: "for the year, up from 3% to 4%"
            cm = comparator_before(text, h.start, 90) or previous_before(text, h.start, 90)
            if cm is not None:
                start = max(cm.start(), h.owner.stop if h.owner is not None and h.owner.stop <= cm.start() else 0)
        _, bend = basis_of(text, h.stop)
        end = min(spans[clause_of(spans, h.start)][1], max(bend, h.stop) + 48)
        nxt = next((x for x in hits if x.start > h.stop and (x.role == "value" or x.owner is None)), None)
        if nxt is not None:
            end = min(end, nxt.start)
        out.append((start, end))
    return out


_LEAD_PERIOD = re.compile(r"^(?:(?:and|so|now|also|then)\s+)?(?:for|in|during|through|throughout|over|at|as of|by|"
                          r"looking at|turning to)\b[^,;]{0,50},", re.I)


def _phrase_period(word: str, start: int) -> PeriodMention | None:
    """The period said inside a metric phrase ('2022 full-year', 'fourth-quarter 2021', "FY'22"), its year kept."""
    y = _PHRASE_YEAR.search(word)
    year = None
    if y:
        year = int(y.group(1)) + 2000 if y.group(1) else int(y.group(0))
    found = find_periods(word)
    p0 = found[0] if found else None
    if p0 is not None and (p0.year or not year):
        return PeriodMention(start + p0.start, start + p0.end, p0.text, p0.kind, p0.number, p0.year, p0.rel) \
            if year is None or p0.year else None
    if year is None:
        return None
    if p0 is not None and p0.kind in ("Q", "H") and p0.number:
        return PeriodMention(start, start + len(word), word, p0.kind, p0.number, year)
    return PeriodMention(start, start + len(word), word, "FY", year=year)


# "Second quarter revenue was $5 billion and for the year we expect ...": a period after 'and' is the next figure's
_AND_AFTER = re.compile(r"[^.;]*?(?:,|\band\b|\bwhile\b|\bbut\b)", re.I)
_NEW_CLAUSE = re.compile(r";|,\s*(?:and\s+)?(?:for|in|we|i|they|while|but|which|whereas|as)\b|\b(?:while|whereas|but)\b", re.I)
_ASSUMING = re.compile(r"\b(?:assum(?:ing|es|e)|barring)\b", re.I)
_AND_THEN = re.compile(r"\s*,?\s*and\s+(?:about\s+|approximately\s+|roughly\s+)?[$€£¥]?", re.I)
_CLAUSE_MARK = re.compile(r"[,;:()]|\b(?:while|whereas|but|which|after|before|excluding|including)\b", re.I)


def period_for(text: str, h: Hit, m: Mention | None, free: list[PeriodMention], spans: list[tuple[int, int]],
                ci: int, bound: int, first_hit: int | None = None, next_hit: int | None = None) -> PeriodMention | None:
    """The period said for a figure: in its metric phrase ('Fourth-quarter revenue'), else the nearest in its
    clause, else the nearest in an earlier clause ('For the year, GAAP EPS was $1.29 and adjusted EPS was $1.61')."""
    lo0 = spans[ci][0]
    if m is not None and m.period_start is not None and not any(
            lo0 <= p.start < spans[ci][1] and m.end <= p.start and abs(p.start - h.stop) < 40 and
            not (p.start >= h.stop and _AND_AFTER.match(text, h.stop, p.start)) for p in free):
        inside = next((p for p in free if p.start <= m.period_start < p.end or m.period_start <= p.start < m.head_start),
                      None)
        if inside is not None:
            return inside
        word = text[m.period_start:m.period_end or m.period_start]
        got = _phrase_period(word, m.period_start)
        if got is not None:
            return got
    lo, hi = spans[ci]
    best, dist = None, 10 ** 9
    lead = _LEAD_PERIOD.match(text)
    anchor = m.start if m is not None and m.start < h.start else h.start
    for p in free:
        if not (lo <= p.start < hi):
            continue
        if p.end <= anchor - 40 and not (lead and p.end <= lead.end()) and \
                not (first_hit is not None and p.end <= first_hit < h.start and not _CLAUSE_MARK.search(text, p.end, first_hit)
                     and len(text[p.end:first_hit].split()) <= 10 and not _NEW_CLAUSE.search(text, first_hit, h.start)):
            continue  # "Excluding the impact of the 53rd week in fiscal 2020, we expect ...": not this figure's period
            # (but "We anticipate second quarter 2021 revenues of $535 million to $550 million and earnings per share
            # of $0.88 to $0.98": the period of the sentence's first metric, with nothing between, is the list's)
        d = h.start - p.end if p.end <= h.start else p.start - h.stop
        if d < 0:
            continue
        if p.end <= bound and p.end <= h.start:
            d += 120  # before the figure ahead of this one: it is that one's
        elif bound > lo and p.start >= bound and _AND_THEN.fullmatch(text, p.end, h.start):
            d += 120  # "net income of $64 million for the quarter and $514 million for the year": the one before's
        elif next_hit is not None and p.start >= next_hit:
            continue  # "$6.05 is above ... $6.02 in 2019": after the next figure's number, it is that one's
        elif next_hit is not None and p.start >= h.stop and _AND_AFTER.match(text, h.stop, p.start):
            d += 120  # "Second quarter revenue was $5 billion and for the year we expect EPS of $2.10": the next one's
        if p.start >= h.stop and _ASSUMING.search(text, h.stop, p.start):
            continue  # "an EPS range of $0.55 to $0.85, assuming no extraordinary weather events in the fourth quarter"
        if d < dist:
            best, dist = p, d
    if best is not None:
        return best
    # an earlier clause's period counts when it leads the sentence ("For the year, GAAP EPS was $1.29 and adjusted EPS
    # was $1.61", "Full-year revenue was ..., and we generated $128 million"), not from the middle of another clause
    first = min(first_hit, m.start if m is not None else first_hit) if first_hit is not None else 0
    earlier = [p for p in free if p.end <= lo and p.start <= first]
    return earlier[-1] if earlier else None


def unnormalised_for(text: str, h: Hit, found: list[tuple[int, int]], blocked: list[tuple[int, int]], lo: int,
                      hi: int, next_hit: int | None) -> str | None:
    """The period with no fiscal name said for a figure ('in May', 'over the next five years'): the nearest in its
    clause, never one inside a comparison ('compared with ... in January') nor one after the next figure's number."""
    best, dist = None, 10 ** 9
    for a, b in found:
        if not (lo <= a < hi) or any(x <= a < y for x, y in blocked) or next_hit is not None and a >= next_hit:
            continue
        d = h.start - b if b <= h.start else a - h.stop
        if d >= 0 and d < dist:
            best, dist = text[a:b], d
    return best


def _unit(h: Hit, per_share: bool) -> str | None:
    fam = h.pct_kind()
    if fam:
        return fam
    if h.mult:
        return "x"
    cur = currency_of(h)
    if cur:
        return f"{cur}/share" if per_share else cur
    if h.noun:
        return h.noun
    return None


def build_figure(text: str, h: Hit, hits: list[Hit], sentence: Sentence, speaker: str | None, said: str, key: str,
            accounting: str | None, scope: str | None, period: str | None, fiscal: str | None, inferred: bool,
            kind: str, standalone: bool, per_share: bool, m: Mention | None, clause: tuple[int, int],
            call: CallPeriod | None = None) -> Figure:
    value = text[h.start:h.stop]
    amount = amount_of(h.num, h.scale, h.post)
    high = amount_of(h.num2, h.scale2 or h.scale, h.post) if h.num2 else None
    if standalone:
        sign = h.dir_sign or 1
        amount, high = sign * amount, (sign * high if high is not None else None)  # "to increase $40 million": in dollars
    elif (m is not None and m.loss and not m.growth) or search_if(_LOSS_OF, _MAY_LOSS, text, max(0, h.start - 30), h.start):
        amount, high = -amount, (-high if high is not None else None)  # "a net loss of $31 million", "a loss of $0.33"
    am = search_if(_APPROX, _MAY_APPROX, text, max(0, h.start - 24), h.start)
    fig = Figure(metric=said, metric_key=key, value=value, unit=_unit(h, per_share), amount=amount, period=period,
                 change=None, change_pct=None, change_basis=None, kind=kind,
                 approx=am["a"].lower() if am else None, sentence_position=sentence.position, turn=sentence.turn,
                 speaker=speaker, sentence=text, text_span=text[clause[0]:clause[1]].strip(), accounting=accounting,
                 scope=scope, fiscal_period=fiscal, period_inferred=inferred, amount_high=high,
                 currency=currency_of(h))
    pieces = ([h] if standalone else []) + [c for c in hits if c.owner is h]
    said: list[tuple[int, int]] = []
    for c in pieces:
        _change_piece(fig, text, c, said, standalone and c is h, call)
    fig.change = "; ".join(text[a:b].strip(" ,") for a, b in _merged(said)) or None
    return fig


_GUIDE_OBJECT = re.compile(r"\b(?:guidance|outlook|guided|guide|forecast|expectations?|plan)\b", re.I)


def _merged(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Overlapping spans as one, in order ("400 basis points higher than the 19.5%" and the comparison "higher than
    the 19.5%" it holds are one phrase, said once)."""
    out: list[tuple[int, int]] = []
    for a, b in sorted(spans):
        if out and a < out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], b))
        else:
            out.append((a, b))
    return out


def _basis_by_period(tail: str, call: CallPeriod, fiscal: str) -> str | None:
    """'compared with $0.27 in the second quarter of 2024' for a Q2 2025 figure: year over year."""
    ps = find_periods(tail)
    if not ps:
        return None
    other = resolve(ps[0], call, False)
    if not other or other == fiscal:
        return None
    kind, _, year = fiscal.partition(" ")
    okind, _, oyear = other.partition(" ")
    if not (year.isdecimal() and oyear.isdecimal()):
        return None
    if kind == okind and int(oyear) == int(year) - 1:
        return "y/y"
    if kind.startswith("Q") and okind.startswith("Q") and kind[1:].isdecimal() and okind[1:].isdecimal():
        a, b = int(year) * 4 + int(kind[1:]), int(oyear) * 4 + int(okind[1:])
        if a - b == 1:
            return "sequential"
    return None


def _change_piece(fig: Figure, text: str, c: Hit, said: list[tuple[int, int]], itself: bool,
                  call: CallPeriod | None = None) -> None:
    """Fold one change, comparison or previous-guidance number into the figure's change fields."""
    basis, bend = basis_of(text, c.stop)
    if c.role == "previous":
        fig.previous = text[c.start:c.stop]
        fig.previous_amount = amount_of(c.num, c.scale, c.post)
        fig.previous_amount_high = amount_of(c.num2, c.scale2 or c.scale, c.post) if c.num2 else None
        return
    if c.role == "comparator":
        cm = comparator_before(text, c.start)
        start = cm.start() if cm else c.start
        if c.vs_guidance:
            start = next((a for a, b in past_guide_spans(text) if a <= c.start < b), start)
        lo = c.dir_start if c.dir_start is not None and cm is not None and c.dir_start > cm.start() else c.start
        fig.compared_to = fig.compared_to or text[lo:c.stop]  # "from down 2%": the comparison is "down 2%"
        end = max(bend, c.stop)
        tail = _COMPARATOR_TAIL.match(text[end:end + 50])
        if tail:
            end += tail.end()
        if c.vs_guidance or _GUIDED_AFTER.match(text, c.stop):
            basis = "vs guidance"  # "better than the $0.55 to $0.60 we guided to"
        elif basis is None and call is not None and fig.fiscal_period:
            basis = _basis_by_period(text[c.stop:end], call, fig.fiscal_period)
        said.append((start, end))
        if basis and not fig.change_basis:
            fig.change_basis = basis
        elif not fig.change_basis and _YEAR_AGO_WORDS.search(text[start:end + 20]):
            fig.change_basis = "y/y"
        return
    if c.pair is not None and c.pair.stop <= c.start:  # "or 24%" of "increased $242 million or 24%": said with it
        _restated(fig, c, basis)
        return
    start = c.dir_start if c.dir_start is not None else c.start
    end = max(bend, c.stop)
    if c.pair is not None:  # the change reads on to its restatement, and to the basis said after that
        pb, pbend = basis_of(text, c.pair.stop)
        end = max(end, c.pair.stop, pbend)
        basis = basis or pb
    da = DIR_AFTER.match(text[c.stop:c.stop + 30])
    if da and not c.dir_start:
        end = max(end, c.stop + da.end())
        if basis is None:  # "a 67.3% decrease from the same period in 2021"
            basis, bend2 = basis_of(text, c.stop + da.end())
            end = max(end, bend2)
    against = beyond_end(text, c.pair.stop if c.pair is not None and c.pair.stop > c.stop else c.stop)
    if against is not None:  # "$1.5 billion above our minimum balance": the change with what it is set against
        end = max(end, against)
        if basis is None and _GUIDE_OBJECT.search(text, c.stop, end):
            basis = "vs guidance"  # "$0.05 per share ahead of the midpoint of our guidance"
        elif basis is None and call is not None and fig.fiscal_period:
            basis = _basis_by_period(text[c.stop:end], call, fig.fiscal_period)  # "$43 million above Q1 2020"
    sign = c.dir_sign or (1 if itself else 0)
    fam = c.pct_kind()
    if fam == "%":
        fig.change_pct = fig.change_pct if fig.change_pct is not None else (sign or 1) * parse_num(c.num)
    elif fam in ("bps", "pp") and not itself and fig.change_amount is None:
        # "up 120 basis points" of a margin: +1.2, in the figure's own unit (percentage points)
        fig.change_amount = (sign or 1) * parse_num(c.num) / (100 if fam == "bps" else 1)
    elif c.amountish and not fam:
        fig.change_amount = fig.change_amount if fig.change_amount is not None else \
            (sign or 1) * amount_of(c.num, c.scale, c.post)
    if basis and not fig.change_basis:
        fig.change_basis = basis
    said.append((start, end))


def _restated(fig: Figure, c: Hit, basis: str | None) -> None:
    """The second number of one change ('or 24%', 'or $12 million'): its percent or amount, signed as the first."""
    sign = c.dir_sign or 1
    if c.pct_kind() == "%":
        fig.change_pct = fig.change_pct if fig.change_pct is not None else sign * parse_num(c.num)
    elif c.amountish and fig.change_amount is None:
        fig.change_amount = sign * amount_of(c.num, c.scale, c.post)
    if basis and not fig.change_basis:
        fig.change_basis = basis


def guidance_fields(fig: Figure, text: str, h: Hit, hits: list[Hit], cues: list[tuple[int, int, str]],
                     m: Mention | None, clause: tuple[int, int], ctx: CallContext) -> None:
    """direction and previous of a guided figure: the outlook words that govern it, or its numbers against the
    previous guidance the sentence states."""
    words: tuple[str, ...] = ()
    if m is not None:
        head = text[m.head_start:m.head_end].lower()
        words = (head,) + (("eps", "earnings per share", "earnings") if m.base == "eps" else ())
    d = direction_for(cues, h.start, m.start if m is not None else None, clause, words, text)
    if d is None and fig.previous_amount is not None:
        d = direction_from_numbers(fig.amount, fig.amount_high, fig.previous_amount, fig.previous_amount_high)
    if d is None:
        d = heading_direction(ctx, fig.metric_key, fig.fiscal_period, fig.period_inferred, text, fig.value)
    if d in ("raised", "lowered") and fig.previous_amount is not None and fig.amount is not None:
        by_numbers = direction_from_numbers(fig.amount, fig.amount_high, fig.previous_amount,
                                               fig.previous_amount_high)
        if by_numbers in ("raised", "lowered") and by_numbers != d:
            d = by_numbers  # "reduced the top end to ..." read against what was said
    fig.direction = d


def mark_vs_guidance(hits: list[Hit], past: list[tuple[int, int]]) -> None:
    """A number inside 'above the top of our guidance range of $222 million to $230 million' is the guidance a
    result is set against, not a figure of its own."""
    if not past:
        return
    last_value: Hit | None = None
    for h in hits:
        if h.role == "value" and any(a <= h.start < b for a, b in past) and last_value is not None:
            h.role, h.owner, h.vs_guidance = "comparator", last_value, True
        elif h.role == "value":
            last_value = h
