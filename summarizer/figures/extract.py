"""Reading the figures of a sentence and of a call: each number with its metric, scope, period, change, kind and,
for guidance, direction and previous guidance, tied to its sentence and speaker.

Nothing is invented: `value`, `period`, `change` and `previous` are verbatim slices of the sentence. A number no
metric is named for ("2.5 times", "about 40%") is not kept: a reader could not quote it.
"""
from __future__ import annotations

import re

from summarizer.figures.assemble import (build_figure, guidance_fields, mark_vs_guidance, period_for, phrase_spans,
                                         unnormalised_for)
from summarizer.figures.choose import (choose_metric, COORD, COUNT_BASES, explicit_year, included_part, is_impact,
                                       read_respectively, year_back)
from summarizer.figures.classify import clause_of, clauses
from summarizer.figures.context import call_directions, CallContext, context_for, observe
from summarizer.figures.direction import direction_cues, revision_and_previous_at
from summarizer.figures.kinds import (clause_kinds, hypothetical_spans, kind_at, kind_is_said, only_modal, past_guide_spans,
                                      strong_reported_said)
from summarizer.figures.metrics import Mention, find_mentions, metric_key, scope_case
from summarizer.figures.model import Figure
from summarizer.figures.numbers import Hit, amount_of, parse_num, scan
from summarizer.figures.periods import call_label, find_periods, later, resolve, starts_after, unnormalised_periods
from summarizer.figures.roles import classify_roles
from summarizer.figures.scope import accounting_cue, lead_scope, outer_scope, subject_scope
from summarizer.gates import has_digit
from summarizer.model import NO_SPEAKER, Sentence, Transcript

# "... $8.7 billion and $8.8 billion for our legacy electric segment operations": the segment the figure is for
_FOR_SEGMENT = re.compile(r"\s*,?\s*(?:for|in|from)\s+(?:our|the|its)\s+(?P<s>(?:[\w&-]+\s+){0,3}?[\w&-]+)\s+"
                          r"(?:segment|division|business unit)\b", re.I)
_IMPACT_ON = re.compile(r"\b(?:impact|effect|headwind|tailwind|benefit|drag|hit)\s+(?:of\s+[^,;]{0,60}?\s+)?(?:on|to)\s+"
                        r"(?:our\s+|the\s+|its\s+)?$", re.I)  # "the impact of the dollar on our gross profit rate"
_YEAR_AGO = re.compile(r"\b(?:last|prior|previous)[- ]year(?:'s|’s)?\s+$|\byear[- ]ago\s+$", re.I)
# "for a 1% immediate increase in rates", "a 100 basis point rise in rates would add": what a move in rates would do
_RATE_MOVE = re.compile(r"\b(?:an?|each|every|per)\s+(?:\d+(?:\.\d+)?\s?(?:%|percent|basis[\s-]points?|bps?|bp)|"
                        r"(?:one|two|three)[\s-]+(?:percent|percentage[\s-]points?))[\s-]+(?:immediate\s+|parallel\s+|"
                        r"instantaneous\s+|gradual\s+)?(?:rise|increase|decline|decrease|drop|move|shock|change|cut|hike|"
                        r"shift)\s+in\s+(?:short-term\s+|long-term\s+)?(?:interest\s+)?rates\b", re.I)
_SENSITIVITY = re.compile(r"\s+sensitivity\b", re.I)
_PER_UNIT = re.compile(r"\s+(?P<u>per\s+(?!(?:diluted\s+|basic\s+|common\s+|fully\s+)?(?:share|unit\s+holder)\b)"
                       r"(?:boe|barrel|bbl|mcf|mcfe|ton|tonne|ounce|oz|gallon|pound|unit|vehicle|device|subscriber|"
                       r"user|customer|member|store|square\s+foot|employee|head|seat|room|mwh|kwh))\b", re.I)
# "senior notes due 2027", "maturing in 2022": when a debt falls due, not the period of a figure
_DUE_YEAR = re.compile(r"\b(?:due|maturing|matures|mature|maturity)\s+(?:in\s+)?(?:fiscal\s+)?(?:19|20)\d\d\b", re.I)
_COMPANY_WIDE = re.compile(r"\b(?:total|overall|consolidated|company|companywide|company-wide|group|combined)\b", re.I)
# what a cost or saving is for ("Fresh Start savings", "restructuring costs from the Lakeview closure") is not a segment
NO_SCOPE_BASES = frozenset({"expenses", "cost_inflation", "cost_savings", "opex", "synergies", "marketing_expense",
                            "sga", "rnd", "capital_returned", "buyback", "buyback_authorization", "dividend"})


# a board's decision on capital returns, made now for a later period ("declared a first quarter 2027 dividend")
_DECIDED = re.compile(r"\b(?:declared|approved|authori[sz]ed|announced|raised|increased)\b[^;]{0,80}?\b(?:dividends?|"
                      r"repurchases?|buybacks?|authori[sz]ations?)\b|\b(?:dividends?|authori[sz]ations?)\b[^;]{0,40}?\b"
                      r"(?:declared|approved|authori[sz]ed)\b", re.I)
def _set_previous(f: Figure, text: str, at: int) -> None:
    """Give a guided figure the previous guidance a following sentence states at `at`, when it is of the same unit."""
    h = next((x for x in scan(text) if x.start == at), None)
    if h is None or bool(h.pct) != (f.unit == "%") or (f.unit or "").endswith("/share") != (
            bool(h.money) and not h.scale and parse_num(h.num) < 1000):
        return
    f.previous = text[h.start:h.stop]
    f.previous_amount = amount_of(h.num, h.scale, h.post)
    f.previous_amount_high = amount_of(h.num2, h.scale2 or h.scale, h.post) if h.num2 else None


_DIVIDEND_MOVE_AFTER = re.compile(r"\s*(?:(?:per (?:common )?share|a share|per quarter|a quarter)\s+)?(?:increase|raise|hike|rise)\s+(?:in|to)\s+(?:our|the|its)\s+"
                                  r"(?:[\w-]+\s+){0,2}?dividends?\b", re.I)
# how far an outlook moved, said as the amount: "raised the midpoint of our sales guide by $700 million", "an increase in
# our transaction-adjusted EPS guidance of $0.35 at the midpoint": not the outlook's level
# "raised our sales outlook by $700 million", "lowered our outlook for organic growth by 1 point and EPS by $0.33": how far
# an outlook moved, a move said before the amount (a first move by points or percent may come before it)
_GUIDANCE_MOVED_BY = re.compile(r"\b(?:rais|increas|lower|reduc|cut|lift|boost|up)\w*\b[^.;$]{0,60}?\b(?:guid\w*|outlook|"
                                r"forecast|range|midpoint)\b(?:[^.;$\d]|\bby\s+\d+(?:\.\d+)?\s*(?:%|percent|percentage points?|points?|"
                                r"basis points|bps)\s+and\b){0,40}?\bby\s+(?:about\s+|approximately\s+|another\s+|"
                                r"an additional\s+)?[$€£¥]?$", re.I)
_MOVE_IN_GUIDANCE_OF = re.compile(r"\b(?:an?\s+)?(?:increase|raise|decrease|reduction|cut)\s+(?:in|to|of)\s+(?:our|the)\s+"
                                  r"(?:[\w-]+\s+){0,4}?(?:guid\w*|outlook|forecast|range)\s+(?:of|by)\s+[$€£¥]?$", re.I)
# what a company guides for a year or longer, never for the next quarter alone
_YEARLY_BASES = ("capex", "dividend", "payout", "buyback", "cost_savings", "free_cash_flow", "leverage", "debt",
                 "synerg", "rate_base")
_YEARLY = re.compile(r"\b(?:annual\w*|long[- ]term|per year|a year|each year|run[- ]rate|(?:19|20)\d\d)\b", re.I)


def figures_in_sentence(sentence: Sentence, speaker: str | None = None, *,
                        context: CallContext | None = None, has_digits: bool | None = None) -> list[Figure]:
    """Every figure one sentence states, with its change attached; comparators, years and names are not figures."""
    ctx = context or CallContext()
    text = sentence.text
    digits = has_digit(text) if has_digits is None else has_digits
    ctx.step(sentence, digits)
    ctx.position = sentence.position
    if len(text) > 5000:
        return []
    if not digits:
        observe(ctx, text, [], None)
        return []
    hits = scan(text)
    if not hits:
        observe(ctx, text, [], None)
        return []
    mentions = find_mentions(text, ctx.company_words)
    if not mentions and not any(h.noun or h.money or h.scale for h in hits):
        observe(ctx, text, [], None)  # no metric named and no amount: nothing a reader could quote
        return []
    spans = clauses(text)
    past = past_guide_spans(text)
    kinds = clause_kinds(text, spans, past)
    listed = ctx.outlook is not None or ctx.fy_guidance is not None  # a line of a guidance list said before

    def guided(pos: int) -> bool:  # "Adjusted EBITDA in the range of $22 million to $32 million, down from $40 ..."
        ci = clause_of(spans, pos)
        return kind_at(kinds, ci, pos) == "guidance" or (listed and not kind_is_said(kinds, ci))
    classify_roles(text, hits, guided, [m.start for m in mentions], spans)
    mark_vs_guidance(hits, [(a, b) for a, b in past
                             if kind_at(kinds, clause_of(spans, a), a) == "reported"])
    lead = lead_scope(text, ctx)
    subject = subject_scope(text, mentions, ctx)
    resp = read_respectively(text, hits, mentions) if "respectively" in text else {}
    read = False  # the sentence's periods, phrases and hypotheticals: read at its first number a metric is chosen for
    # (pure readings of the text and the hits' roles, which nothing changes before then; most sentences have none)
    periods: list = []
    blocked: list[tuple[int, int]] = []
    free: list = []
    unnormalised: list[tuple[int, int]] = []
    hypothetical: list[tuple[int, int, int]] = []
    cues: list[tuple[int, int, str]] | None = None
    out: list[Figure] = []
    last_fig: dict[int, tuple[Hit, Mention | None, str, str]] = {}  # clause -> the figure hit before
    said_before: dict[int, tuple[int, Figure] | None] = {}  # clause -> the figure before with a period said, its end
    for h in hits:
        standalone = h.role == "change" and h.owner is None
        if h.role != "value" and not standalone:
            continue
        ci = clause_of(spans, h.start)
        lo, hi = spans[ci]
        prev = last_fig.get(ci)
        if prev is None and ci - 1 in last_fig and COORD.match(text[last_fig[ci - 1][0].stop:h.start]):
            prev = last_fig[ci - 1]  # "range from $0.36 to $0.51 on a GAAP basis, and from $0.57 to $0.72 on a ..."
        bound = max(prev[0].stop, lo) if prev else lo
        forced = resp.get(id(h))
        chosen = forced[0] if forced else choose_metric(text, h, mentions, lo, hi, bound, standalone, hits, prev, subject,
                                                         ctx.per_share)
        if chosen is None:
            continue
        m, base, said, scope, per_share = chosen
        if not read:
            read = True
            periods = find_periods(text)
            blocked = phrase_spans(text, hits, spans)
            if "due" in text or "matur" in text:
                blocked += [(d.start(), d.end()) for d in _DUE_YEAR.finditer(text)]
            free = [p for p in periods if not any(a <= p.start < b for a, b in blocked)]
            unnormalised = unnormalised_periods(text)
            hypothetical = hypothetical_spans(text)
        dividend_move = (per_share or not (h.scale or h.scale2)) and h.money and \
            _DIVIDEND_MOVE_AFTER.match(text, h.stop) is not None
        if dividend_move:  # "approved an $0.08 per share increase in our common dividend": the dividend's rise
            m, base, said, scope, per_share = None, "dividend", "dividend per share", None, True  # ("$0.01 per
            # quarter": per share too)
        if base in ("net_income", "earnings") and h.money and not (h.scale or h.scale2 or h.pct) and "." in h.num and \
                parse_num(h.num) < 100:  # "We earned $0.98 in the quarter": dollars and cents of earnings are per share
            base, per_share, said = "eps", True, said if "per share" in said else f"{said} per share"
        last_fig[ci] = (h, m, base, said)
        if base in NO_SCOPE_BASES:
            scope = None
        nxt_hit = next((x for x in hits if x.start > h.stop and x.role == "value"), None)
        accounting = (forced[1] if forced and forced[1] else None) or (m.accounting if m is not None else None) or \
            accounting_cue(text, h, nxt_hit.start if nxt_hit is not None else None)
        if base == "eps" and m is not None and m.base == "operating_income" and accounting is None:
            accounting = "adjusted"  # operating EPS is a non-GAAP measure
        if scope is None and m is not None and m.scope is None and not _COMPANY_WIDE.search(m.said) and \
                base not in NO_SCOPE_BASES and not per_share:
            scope = outer_scope(h, m, lead, subject, ctx)
            seg = _FOR_SEGMENT.match(text, h.end2 or h.stop) if scope is None else None
            if seg is not None and not find_mentions(seg["s"]):
                scope = scope_case(seg["s"])
        elif scope is None and m is None and base in COUNT_BASES | {"units"}:
            scope = lead[0] if lead and lead[1] <= h.start else subject[0] if subject and subject[1] <= h.start \
                else ctx.topic_scope
        kind = kind_at(kinds, ci, h.start)
        said_kind = kind_is_said(kinds, ci)
        after_next = next((x.start for x in hits if x.start >= h.stop and x.role == "value"), None)
        in_comparison = m is not None and any(a <= m.start < b for a, b in blocked)  # "... higher than the second
        # quarter of 2020 GAAP earnings results, and $0.12 per share or 15.8% better": that year is not the figure's
        pm = period_for(text, h, None if in_comparison else m, free, spans, ci, bound, hits[0].start, after_next)
        fiscal, inferred = None, False
        own = call_label(ctx.call)
        if pm is not None:
            if not said_kind and later(resolve(pm, ctx.call, True), own) and \
                    (pm.kind == "Q" and pm.number is not None and ctx.call.quarter is not None and
                     pm.number > ctx.call.quarter or pm.year or pm.rel == "next"):
                kind = "guidance"  # "the fourth quarter revenue ranging from ..." in a Q3 call: no verb says it happened
            if kind == "guidance" and pm.kind == "Q" and pm.number is not None and pm.number == ctx.call.quarter and \
                    not pm.year and pm.rel != "next":  # the call's own quarter, said with no year, in an outlook
                if any(pm.end <= p < h.start for p in kinds[ci][3]):  # "at the end of the second quarter, we
                    kind = "reported"  # achieved our target of 3.6 times": that quarter, which the call reports
                else:  # "our full year range to $75 million to $85 million on the back of the second quarter
                    pm = None  # upside": that quarter is not the outlook's period (never the same quarter a year on)
        if pm is not None:
            fiscal = resolve(pm, ctx.call, kind == "guidance")
            if kind == "reported" and starts_after(fiscal, own) and (pm.year or pm.rel == "next") and \
                    not _DECIDED.search(text, lo, h.start):
                kind = "guidance"  # "revenue for the fourth quarter of 2026" in a Q3 2026 call ("in 2026" is under way)
                # (but "the Board declared a first quarter 2027 dividend of $0.25" is a decision made, not an outlook)
            elif kind == "guidance" and own and fiscal and not later(fiscal, own) and explicit_year(pm) and \
                    (pm.end <= h.start and only_modal(text, spans[ci]) or pm.kind == "Q" and fiscal == own):
                kind = "reported"  # "throughout 2022, revenue will be ..." in a Q4 2022 call: that year is over; "we
                fiscal = resolve(pm, ctx.call, False)  # expect a loss of $0.16 in the fourth quarter of 2020" in its call
        if kind == "reported" and pm is not None and fiscal and later(fiscal, own) and pm.kind in ("FY", "H") and \
                (h.num2 is not None or _YEAR_WORDS.search(text, spans[ci][0], h.start)) and \
                not strong_reported_said(kinds, ci):
            kind = "guidance"  # "The full year range of 2021 is $1.91 to $1.93" in a Q3 call: that year is not over
            # (and a range for it, "For 2021, we are focused on delivering $2.61 to $2.65 per share", is an outlook)
            fiscal = resolve(pm, ctx.call, True)
        if fiscal and pm is not None and not pm.year and m is not None and \
                _YEAR_AGO.search(text, max(0, min(m.start, pm.start) - 24), min(m.start, pm.start)):
            fiscal = year_back(fiscal)  # "Last year's first-quarter adjusted EPS was $0.58"
        if not said_kind and kind == "reported" and (h.num2 is not None or ctx.outlook is not None and ctx.outlook_ttl >= 3):
            kind = "guidance"  # a range, or a list under an outlook heading, with no verb saying it happened
        period_text = pm.text if pm is not None else None
        own_span = unnormalised_for(text, h, unnormalised, blocked, lo, hi, after_next) if pm is None else None
        restated = said_before.get(ci) if pm is None and own_span is None else None
        if restated is not None and restated[1].kind == kind and m is not None and m.start >= restated[0] and \
                _RESTATED.fullmatch(text, restated[0], m.start):
            period_text, fiscal = restated[1].period, restated[1].fiscal_period  # "2021 earnings of $3.23 per share
        elif own_span is not None:  # or net income of $169.2 million": the same year's net income
            period_text = own_span  # "the GMV in January and February increased by 30%": that period, as said
        elif pm is None and kind == "guidance":
            got = ctx.outlook or ctx.fy_guidance
            if got and ctx.outlook is None and not got[0].startswith("FY") and \
                    (periods or _YEARLY.search(text) or base.startswith(_YEARLY_BASES)):
                got = None  # "we see 2021 organic growth in the mid-teens with operating margins of 12% to 13%": a
                # period said in the sentence, if not this figure's, outweighs the quarter the sentence before guided;
                # and capex, dividends, payout or a run rate are guided for the year, not the next quarter
            if got:
                fiscal, inferred = got[0], True
            elif ctx.call.year is not None:  # an outlook with no period said is the year's: the next one in a Q4 call
                fiscal, inferred = f"FY {ctx.call.year + 1 if ctx.call.quarter == 4 else ctx.call.year}", True
        elif pm is None and kind == "reported":
            fiscal, inferred = ctx.results or call_label(ctx.call), True
        growth = dividend_move or (standalone or (m is not None and m.growth and (h.pct_kind() != "" or h.role == "change"))) \
            and not (m is not None and m.impact)
        key = metric_key(base, accounting, growth=growth, per_share=per_share, pct=bool(h.pct))
        if m is not None and m.run_rate:
            key += "_run_rate"
        unit_of = _PER_UNIT.match(text, m.end) if m is not None and not per_share and not h.pct and \
            base != "revenue_per_unit" else None
        if unit_of is not None:  # "field level EBITDA per BOE of $31", "lease operating expense per BOE was $8.50"
            key, said = f"{key}_per_unit", f"{said} {unit_of['u']}"  # a unit's amount, never the total
        if growth and not said.lower().endswith("growth") and base not in ("comparable_sales", "organic_revenue"):
            said = f"{said} growth"
        rate_move = _RATE_MOVE.search(text, lo, hi) if "rate" in text else None
        if rate_move is not None and not rate_move.start() <= h.start < rate_move.end() or \
                m is not None and _SENSITIVITY.match(text, m.end):  # "NII sensitivity estimated at an increase of
            key, said = f"{key.removesuffix('_growth')}_sensitivity", said.removesuffix(" growth").removesuffix(
                " sensitivity") + " sensitivity"  # 6.5% for a 1% immediate increase in rates": no outlook of NII
        elif m is not None and m.impact:
            key = key.removesuffix("_growth") + "_impact"  # "a gain of $0.30 per share": an item in the EPS
        elif m is not None and m.increment and not m.run_rate:
            key = key.removesuffix("_growth") + "_impact"
            said = f"{m.increment} {said.removesuffix(' growth')}"  # "additional revenue"
        elif m is not None and not h.pct and (_GUIDANCE_MOVED_BY.search(text, lo, h.start) or
                                               _MOVE_IN_GUIDANCE_OF.search(text, lo, h.start)):
            key = key.removesuffix("_growth") + "_guidance_change"  # "we've raised the midpoint of our sales guide by
            said = f"{said.removesuffix(' growth')} guidance change"  # $700 million": how far the outlook moved
        elif m is not None and h.pct_kind() in ("bps", "pp") and _GUIDANCE_MOVED_BY.search(text, lo, h.start):
            if "growth" not in text[m.start:m.end].lower():  # "raising our operating margin outlook by 50 basis
                key, said = key.removesuffix("_growth"), said.removesuffix(" growth")  # points": the margin's
            key, said = f"{key}_guidance_change", f"{said} guidance change"  # "raised our guidance for revenue growth
            # by 2 percentage points": how far a rate's outlook moved, the rate kept in its name
        elif m is not None and not m.run_rate and (part := included_part(text, h, m, lo, said)):
            key = key.removesuffix("_growth") + "_part"  # "It includes 1.2 billion yuan in innovative business
            said = part  # expenses": those expenses, a part of the total
        elif m is not None and not m.run_rate and (is_impact(text, h, m, lo, standalone) or
                                                   _IMPACT_ON.search(text, lo, m.start) is not None):
            key = key.removesuffix("_growth") + "_impact"
            said = said.removesuffix(" growth") + " impact"
        coordinated = _coordinated_impact(text, h, prev, out)
        if coordinated is not None and not key.endswith("_impact"):
            key = key.removesuffix("_growth") + "_impact"  # "a headwind of 10 basis points to margins and $0.04 per
            said = said.removesuffix(" growth") + " impact"  # share": the same headwind, on EPS
        if any(a <= h.start < (c if kind == "reported" else b) for a, b, c in hypothetical):
            continue  # "Assuming we repurchased $3 billion of shares ..., we still won't have ...": no result; "Assuming
            # oil at $60, we would expect EPS of $2.00": the assumption, no EPS
        fig = build_figure(text, h, hits, sentence, speaker, said, key, accounting, scope, period_text, fiscal, inferred,
                      kind, standalone, per_share, m, spans[ci], ctx.call)
        if coordinated is not None and coordinated.amount < 0 < fig.amount:
            fig.amount = -fig.amount  # a headwind's second measure is a headwind too
            fig.amount_high = -fig.amount_high if fig.amount_high is not None else None
        if kind == "guidance":
            if cues is None:
                cues = direction_cues(text)
            guidance_fields(fig, text, h, hits, cues, m, spans[ci], ctx)
        out.append(fig)
        said_before[ci] = (h.stop, fig) if fig.period and not fig.period_inferred else None
        if ctx.per_share is None and key.startswith(("ffo_per_share", "affo_per_share")) and fig.kind == "reported":
            ctx.per_share = ("affo", "AFFO per share") if key.startswith("affo") else ("ffo", "FFO per share")
    observe(ctx, text, out, lead)
    return out


# "<impact> of 10 basis points to margins and $0.04 per share": a second measure of the same impact
_AND_ALSO = re.compile(r"\s+(?:to|on|in)\s+(?:our\s+|the\s+)?[a-z][\w-]*(?:\s+[a-z][\w-]*){0,2}\s*,?\s+and\s+(?:about\s+|"
                       r"approximately\s+|roughly\s+|nearly\s+)?", re.I)


def _coordinated_impact(text: str, h: Hit, prev: tuple | None, out: list[Figure]) -> Figure | None:
    """The impact figure said just before `h` when `h` is a second measure of it ('a headwind of 10 basis points to
    margins and $0.04 per share'), else None."""
    if prev is None or not out or not out[-1].metric_key.endswith("_impact") or out[-1].value != text[prev[0].start:prev[0].stop]:
        return None
    return out[-1] if _AND_ALSO.fullmatch(text, prev[0].stop, h.start) else None


_YEAR_WORDS = re.compile(r"\b(?:full|fiscal|whole|half)\b|\b(?:full|fiscal)[\s-]+year\b", re.I)
# "$3.23 per share or net income of $169.2 million", "$3.23 per share on net income of ...": the same result restated
_RESTATED = re.compile(r"\s*(?:per (?:diluted |basic )?(?:common )?share\s*)?,?\s*(?:or|on)\s+(?:an?\s+|the\s+)?", re.I)


def _speaker_of(transcript: Transcript, turn: int) -> tuple[str | None, str]:
    """Who said a turn: None before the first turn, and for a paste with no speaker markup (nobody is named)."""
    if 0 <= turn < len(transcript.turns):
        t = transcript.turns[turn]
        return (None if t.speaker == NO_SPEAKER and t.role == "other" else t.speaker), t.role
    return None, "other"


def call_figures(transcript: Transcript, sentences: list[Sentence]) -> list[Figure]:
    """Every figure the company states in a call, in call order (analysts' and the operator's numbers left out)."""
    from summarizer.topics import is_legal_cheap

    ctx = context_for(transcript)
    out: list[Figure] = []
    who: dict[int, tuple[str | None, str]] = {}  # turn -> (speaker, role)
    last: Sentence | None = None  # the sentence before, and where its figures start in `out`
    last_from = 0
    for s in sentences:
        if last is not None and last.turn == s.turn and last.position == s.position - 1 and len(out) > last_from:
            moved = revision_and_previous_at(s.text)  # "This is up from our previous guidance of ...": the figure
            if moved is not None:  # just guided moved so against the guidance before it
                guided = [f for f in out[last_from:] if f.kind == "guidance"]
                if guided and guided[-1].direction is None:
                    guided[-1].direction = moved[0]
                if guided and moved[1] is not None and guided[-1].previous is None:
                    _set_previous(guided[-1], s.text, moved[1])  # "... previous guidance of $2.76 to $2.86 per share"
        last, last_from = s, len(out)
        got = who.get(s.turn)
        if got is None:
            got = who[s.turn] = _speaker_of(transcript, s.turn)
        speaker, role = got
        if role in ("operator", "analyst"):
            ctx.step(s)
            continue  # an analyst quoting or proposing a number is not the company reporting or guiding it
        if not has_digit(s.text):  # figures_in_sentence(s, speaker, context=ctx, has_digits=False), inlined
            ctx.step(s, False)
            ctx.position = s.position
            if len(s.text) <= 5000:
                observe(ctx, s.text, [], None)
            continue
        if is_legal_cheap(s.text):
            ctx.step(s)
            continue
        out.extend(figures_in_sentence(s, speaker, context=ctx, has_digits=True))
    call_directions(out, ctx.statements)
    return out
