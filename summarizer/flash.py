"""The headline flash: a few wire-style lines with the quarter's numbers, written from the call's key figures.

    Q4 revenue rose 21% to $228.9 million
    Q4 adjusted earnings per share $0.47
    Sees FY 2026 revenue $940 million to $970 million
    Raises FY 2025 adjusted earnings per share outlook to $1.56 to $1.60 from $1.50 to $1.56

Each line is one figure (with its change or previous guidance from the same sentence), cites that sentence and
its speaker, and every number in it is copied verbatim from the sentence: nothing is computed or rounded. The
words around the numbers are the wire's ("rose", "fell", "sees", "raises ... outlook to ... from"), chosen by the
figure's signed change and guidance direction. Period labels ("Q4", "FY 2026") are the call's own periods. The
method picks the lines the call deserves (headline results, then the outlook for them); `n_sentences` caps them.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from summarizer.figures import Figure, context_for, extract_figures
from summarizer.figures.periods import CallPeriod, call_label
from summarizer.model import NO_SPEAKER, Sentence, Transcript

METHOD_VERSION = "flash-2"
MAX_LINES = 6

# What the flash reports, in the order a wire flash gives it: the quarter's results, then the outlook for them.
_REPORTED = ("revenue", "eps_adjusted", "eps_gaap", "ffo_per_share_adjusted", "ffo_per_share", "affo_per_share",
             "comparable_sales_growth")
_REPORTED_ALT = {"revenue": ("revenue_growth", "organic_revenue_growth"), "eps_adjusted": ("net_income_adjusted",),
                 "eps_gaap": ("net_income_gaap",)}
_GUIDED = ("revenue", "revenue_growth", "organic_revenue_growth", "comparable_sales_growth", "eps_adjusted", "eps_gaap",
           "ffo_per_share_adjusted", "ffo_per_share", "affo_per_share")
_PCT_TOKEN = re.compile(r"\d[\d,]*(?:\.\d+)?\s?(?:%|percent|per cent|percentage points?|basis points?|bps|points?)", re.I)
_ACCOUNTING_WORD = re.compile(r"\b(non-gaap|adjusted|core|operating|underlying|normalized|comparable|cash|gaap)\b", re.I)


@dataclass(frozen=True)
class FlashLine:
    """One line of the flash and the figure (so the sentence and speaker) it was written from."""

    text: str
    figure: Figure


def _period_word(f: Figure, own: str | None) -> str | None:
    """'Q4' for the call's own quarter (and the quarter after it), 'FY 2026', 'H1 2026', else the period as said."""
    p = f.fiscal_period
    if not p:
        return None
    kind, _, year = p.partition(" ")
    if own and kind.startswith("Q"):
        okind, _, oyear = own.partition(" ")
        q, y, oq, oy = int(kind[1:]), int(year), int(okind[1:]), int(oyear)
        if (q, y) == (oq, oy) or (y * 4 + q) - (oy * 4 + oq) == 1:
            return kind
    return p


def _metric_words(f: Figure) -> str:
    """The metric in wire words: 'adjusted earnings per share', 'loss per share', 'revenue', 'same-store sales'."""
    said = f.metric or ""
    base = f.metric_key.removesuffix("_growth")
    if base.startswith(("eps", "ffo", "affo")):
        acc = _ACCOUNTING_WORD.search(said)
        qual = acc.group(1) if acc else ""
        if qual.lower() == "gaap":
            qual = "GAAP"
        elif qual.lower() == "non-gaap":
            qual = "non-GAAP"
        if base.startswith("eps"):
            noun = "loss per share" if (f.amount or 0) < 0 or re.search(r"\bloss", said, re.I) else "earnings per share"
        else:
            noun = ("AFFO" if base.startswith("affo") else "FFO") + " per share"
        return f"{qual} {noun}".strip()
    said = re.sub(r"\s+growth$", "", said)
    return said or f.metric_key.replace("_", " ")


def _pct(f: Figure) -> str | None:
    """The change's percentage as said ('21%'), when the change is one."""
    if not f.change:
        return None
    m = _PCT_TOKEN.search(f.change)
    return m.group(0) if m else None


def _reported_line(f: Figure, own: str | None) -> str:
    p = _period_word(f, own)
    head = f"{p} {_metric_words(f)}" if p else _metric_words(f)
    if f.metric_key.endswith("_growth"):  # "Q4 same-store sales rose 3.1%"
        verb = "rose" if (f.amount or 0) >= 0 else "fell"
        return f"{head} {verb} {f.value}"
    pct = _pct(f)
    if pct and f.change_pct is not None and f.change_basis in (None, "y/y") and not f.metric_key.startswith("eps"):
        verb = "rose" if f.change_pct >= 0 else "fell"
        return f"{head} {verb} {pct} to {f.value}"  # "Q4 revenue rose 21% to $228.9 million"
    return f"{head} {f.value}"


def _guided_line(f: Figure, own: str | None) -> str:
    p = _period_word(f, own)
    what = f"{p} {_metric_words(f)}" if p else _metric_words(f)
    value = f.value
    if f.metric_key.endswith("_growth"):
        value = f"{'down' if (f.amount or 0) < 0 else 'up'} {f.value}"
    if f.direction == "raised":
        return f"Raises {what} outlook to {value}" + (f" from {f.previous}" if f.previous else "")
    if f.direction == "lowered":
        return f"Lowers {what} outlook to {value}" + (f" from {f.previous}" if f.previous else "")
    if f.direction == "narrowed":
        return f"Narrows {what} outlook to {value}" + (f" from {f.previous}" if f.previous else "")
    if f.direction == "reaffirmed":
        return f"Reaffirms {what} outlook {value}"
    return f"Sees {what} {value}"


def _period_order(p: str) -> tuple[int, int]:
    kind, _, year = p.partition(" ")
    return (int(year) if year.isdecimal() else 9999, int(kind[1:]) if kind[1:].isdecimal() else 9)


def _usable(f: Figure) -> bool:
    """A company-wide figure a headline may state: not a part, an impact or a run rate, not a bound, and not a number
    an answer in the Q&A gave with no period ("it's $0.25 per share" is no headline of the quarter)."""
    if f.section == "qa" and f.period_inferred:
        return False
    return f.scope is None and not f.metric_key.endswith(("_part", "_impact", "_run_rate")) and \
        (f.approx is None or f.approx in ("about", "approximately", "around", "roughly", "at least", "nearly"))


def flash_lines(transcript: Transcript, sentences: list[Sentence], figures: list[Figure] | None = None,
                limit: int | None = None) -> list[FlashLine]:
    """The flash of a call: its quarter's headline results, then the outlook for them, best figure of each."""
    figs = figures if figures is not None else extract_figures(transcript, sentences)
    return lines_from_figures(figs, context_for(transcript).call, limit)


def lines_from_figures(figs: list[Figure], call: CallPeriod, limit: int | None = None) -> list[FlashLine]:
    """The flash from a call's ranked figures (as stored) and its fiscal period."""
    own = call_label(call)
    reported = [f for f in figs if f.kind == "reported" and _usable(f)]
    if own is None:  # no period known: the period most headline figures have
        counts: dict[str, int] = {}
        for f in reported:
            if f.fiscal_period and f.metric_key in _REPORTED:
                counts[f.fiscal_period] = counts.get(f.fiscal_period, 0) + 1
        own = max(counts, key=lambda k: counts[k]) if counts else None
    lines: list[FlashLine] = []
    used: set[int] = set()

    def best(pool: list[Figure], key: str, period: str | None) -> Figure | None:
        for f in pool:  # ranked best first
            if f.metric_key == key and (period is None or f.fiscal_period == period) and id(f) not in used:
                return f
        return None

    for key in _REPORTED:
        f = best(reported, key, own)
        for alt in _REPORTED_ALT.get(key, ()):  # a net income when the call gives no EPS
            if f is None and not any(x.figure.metric_key.startswith("eps") for x in lines):
                f = best(reported, alt, own)
        if f is not None:
            used.add(id(f))
            lines.append(FlashLine(_reported_line(f, own), f))
    guided = [f for f in figs if f.kind == "guidance" and _usable(f) and f.fiscal_period]
    said = {f.fiscal_period or "" for f in guided if f.metric_key in _GUIDED}
    quarters = sorted((p for p in said if p.startswith("Q")), key=_period_order)
    years = sorted((p for p in said if p.startswith("FY")), key=_period_order)
    periods = years[:1] + quarters[:1]  # the year ahead, then the quarter (a 5-line flash keeps the year)
    for p in periods:
        for key in _GUIDED:
            f = best(guided, key, p)
            if f is None or (key.endswith("_growth") and any(x.figure.fiscal_period == p and x.figure.kind == "guidance"
                                                               and x.figure.metric_key == "revenue" for x in lines)):
                continue
            used.add(id(f))
            lines.append(FlashLine(_guided_line(f, own), f))
    cap = min(limit, MAX_LINES) if limit else MAX_LINES
    return lines[:cap]


def flash_summary(transcript: Transcript, sentences: list[Sentence], *, n_sentences: int | None = None,
                  n_words: int | None = None, section: str | None = None):  # -> summarizer.summarize.Summary
    """The flash as a `Summary` (the `summary --json` contract): each line with the speaker, turn and position of
    the sentence it was written from."""
    from summarizer.summarize import Summary, SummarySentence

    if section is not None:
        turns = {i for i, t in enumerate(transcript.turns) if (t.section or "prepared") == section}
        sentences = [s for s in sentences if s.turn in turns]
    lines = flash_lines(transcript, sentences, limit=n_sentences)
    if n_words is not None:
        kept, used = [], 0
        for ln in lines:
            w = len(ln.text.split())
            if used + w > n_words:
                continue
            kept.append(ln)
            used += w
        lines = kept
    return Summary(method="flash", sentences=[
        SummarySentence(text=ln.text, speaker=None if ln.figure.speaker == NO_SPEAKER else ln.figure.speaker, turn=ln.figure.turn,
                        position=ln.figure.sentence_position) for ln in lines])
