"""The series behind the charts (a metric, net tone, topic share across a company's stored quarters) and the
chart as PNG with its caption: operations for `/chart` and `earnings-bot chart`."""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from sqlite_utils import Database

from bot.formatting import MAX_CAPTION, clip
from bot.ops.calls import resolve_call
from bot.ops.changes import history
from storage.transcripts import CallInfo, short_name
from summarizer.compare import CallFacts, compact
from summarizer.compare.model import best_by_key, bounds, said
from summarizer.compare.periods import Period
from summarizer.errors import InputError

TONE_WORDS = ("tone", "sentiment")
TOPIC_WORDS = ("topics", "topic", "themes")



@dataclass
class Point:
    """One quarter of a metric: the reported value as said (its amount drawn) and the range an earlier call
    guided for that quarter (drawn as a band)."""

    quarter: str
    call_id: int
    value: str | None = None
    amount: float | None = None
    guided: str | None = None
    guided_low: float | None = None
    guided_high: float | None = None
    guided_in: str | None = None
    speaker: str | None = None

    def to_json(self) -> dict[str, Any]:
        return dict(self.__dict__)


@dataclass
class MetricSeries:
    """A metric across a company's stored quarters."""

    company: str
    ticker: str | None
    metric_key: str
    metric: str
    unit: str
    points: list[Point] = field(default_factory=list)

    @property
    def name(self) -> str:
        return self.ticker or self.company


@dataclass
class ToneSeries:
    """Net tone per stored quarter: overall, prepared remarks, Q&A (fractions of words)."""

    company: str
    ticker: str | None
    quarters: list[str]
    call_ids: list[int]
    overall: list[float | None]
    prepared: list[float | None]
    qa: list[float | None]


@dataclass
class TopicSeries:
    """Share of the talk per stored quarter for the most discussed topics."""

    company: str
    ticker: str | None
    quarters: list[str]
    call_ids: list[int]
    shares: dict[str, list[float]]  # topic name -> share per quarter (0 when not discussed)


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "_", text.lower()).strip("_")


def _quarterly(calls: list[CallFacts]) -> list[CallFacts]:
    return [c for c in calls if c.period is not None and c.quarter]


def reported_metrics(calls: list[CallFacts]) -> dict[str, tuple[str, str]]:
    """metric_key -> (the metric as said, its usual unit) for every whole-company metric the calls report for
    their own quarter, most often reported first."""
    seen: Counter = Counter()
    names: dict[str, Counter] = {}
    units: dict[str, Counter] = {}
    for c in calls:
        for key, f in best_by_key(c.figures, "reported").items():
            mk, scope, period, unit = key
            if scope or c.period is None or period != c.period:
                continue
            seen[mk] += 1
            names.setdefault(mk, Counter())[f.get("metric") or mk] += 1
            units.setdefault(mk, Counter())[unit] += 1
    return {mk: (names[mk].most_common(1)[0][0], units[mk].most_common(1)[0][0]) for mk, _ in seen.most_common()}


def match_metric(wanted: str, known: dict[str, tuple[str, str]]) -> str | None:
    """The metric key `wanted` names among `known` (its key, the name said, or words of them: 'eps'), or None."""
    w = _slug(wanted)
    if not w:
        return None
    for mk, (name, _unit) in known.items():
        if w in (mk, _slug(name)):
            return mk
    words = set(w.split("_"))
    return next((mk for mk, (name, _u) in known.items()
                 if words <= set(mk.split("_")) | set(_slug(name).split("_"))), None)


def _pick_metric(wanted: str | None, known: dict[str, tuple[str, str]], label: str) -> str:
    if not known:
        raise InputError(f"No stored {label} call reports a figure for its own quarter yet, so there is nothing to "
                         f"chart: try /chart {label} tone.")
    if not wanted:
        return "revenue" if "revenue" in known else next(iter(known))
    mk = match_metric(wanted, known)
    if mk is not None:
        return mk
    listed = ", ".join(name for name, _u in list(known.values())[:12])
    raise InputError(f"No stored {label} call reports {wanted[:40]!r}. The metrics reported are: {listed}.")


def _resolve(db: Database, ref: str, quarter: str | None = None) -> tuple[CallInfo, list[CallFacts]]:
    call = resolve_call(db, ref, quarter)
    return call, history(db, call.id)


def metric_series(db: Database, ref: str, metric: str | None = None) -> MetricSeries:
    """A metric (default: revenue) across the company's stored quarters: each quarter's reported value and the
    range guided for it by an earlier call. A metric never reported gets the list of those that are."""
    call, calls = _resolve(db, ref)
    label = call.ticker or short_name(call.company) or ref
    known = reported_metrics(calls)
    mk = _pick_metric(metric, known, label)
    name, unit = known[mk]
    series = MetricSeries(short_name(call.company) or label, call.ticker, mk, name, unit)
    guides: dict[Any, tuple[CallFacts, dict]] = {}
    for c in _quarterly(calls):
        here: Period = c.period  # type: ignore[assignment]
        key = (mk, "", here, unit)
        p = Point(c.quarter or "", c.id)
        g = guides.get(key)
        if g is not None:
            gc, gf = g
            p.guided, (p.guided_low, p.guided_high), p.guided_in = said(gf), bounds(gf), gc.quarter
        f = best_by_key(c.figures, "reported").get(key)
        if f is not None:
            p.value, p.amount, p.speaker = said(f), bounds(f)[0], f.get("speaker")
        series.points.append(p)
        for gk, gf in best_by_key(c.figures, "guidance").items():  # what this call guides for later quarters
            if gk[0] == mk and not gk[1] and gk[3] == unit:
                guides[gk] = (c, gf)
    return series


def tone_series(db: Database, ref: str) -> ToneSeries:
    """Net tone across the company's stored quarters."""
    call, calls = _resolve(db, ref)
    qs = [c for c in _quarterly(calls) if c.tone]
    if not qs:
        raise InputError("No stored call of that company has a tone yet: run `earnings-bot reanalyze`.")

    def net(c: CallFacts, section: str | None) -> float | None:
        t = c.tone or {}
        stats = t.get("overall") if section is None else (t.get("sections") or {}).get(section)
        return (stats or {}).get("net")
    return ToneSeries(short_name(call.company) or ref, call.ticker, [c.quarter or "" for c in qs], [c.id for c in qs],
                      [net(c, None) for c in qs], [net(c, "prepared") for c in qs], [net(c, "qa") for c in qs])


def topic_series(db: Database, ref: str, n: int = 5) -> TopicSeries:
    """Share of the talk of the company's most discussed topics across its stored quarters."""
    call, calls = _resolve(db, ref)
    qs = _quarterly(calls)
    total: Counter = Counter()
    for c in qs:
        for t in c.topics:
            total[t["name"]] += t.get("share", 0.0)
    names = [name for name, _ in total.most_common(n)]
    if not names:
        raise InputError("No stored call of that company has tagged topics to chart.")
    shares = {name: [next((t.get("share", 0.0) for t in c.topics if t["name"] == name), 0.0) for c in qs]
              for name in names}
    return TopicSeries(short_name(call.company) or ref, call.ticker, [c.quarter or "" for c in qs], [c.id for c in qs],
                       shares)


def chart_kind(what: str | None) -> str:
    """'tone', 'topics' or 'metric' for the word after the company in /chart."""
    w = (what or "").strip().lower()
    if w in TONE_WORDS:
        return "tone"
    if w in TOPIC_WORDS:
        return "topics"
    return "metric"


def _pct(x: float | None) -> str:
    return "n/a" if x is None else f"{x * 100:+.2f}"


def metric_caption(s: MetricSeries) -> str:
    """'NWRB revenue by quarter: Q1 2025 $92.4 million; Q2 2025 $101.2 million (guided $95–99 million in Q1
    2025); …' as the calls said them, with who said each value."""
    parts = []
    for p in s.points:
        bit = f"{p.quarter} {compact(p.value) if p.value else 'not reported'}"
        if p.speaker:
            bit += f" ({p.speaker}, #{p.call_id})"
        if p.guided:
            bit += f", guided {compact(p.guided)} in {p.guided_in}"
        parts.append(bit)
    return f"{s.name} {s.metric} by quarter: " + "; ".join(parts)


def chart_data(db: Database, ref: str, what: str | None = None) -> tuple[str, Any, str]:
    """(kind, series, caption) of `/chart <company> [metric|tone|topics]`: the caption plain text within
    Telegram's 1,024 characters, the series for `bot.charts.render(kind, series)`."""
    kind = chart_kind(what)
    if kind == "tone":
        ts = tone_series(db, ref)
        text = f"{ts.ticker or ts.company} net tone (Loughran-McDonald, (positive − negative) per 100 words): " + \
            "; ".join(f"{q} {_pct(v)} (#{cid})" for q, v, cid in zip(ts.quarters, ts.overall, ts.call_ids))
        return kind, ts, clip(text, MAX_CAPTION)
    if kind == "topics":
        tp = topic_series(db, ref)
        latest = tp.quarters[-1] if tp.quarters else ""
        text = f"{tp.ticker or tp.company} share of sentences by topic, {tp.quarters[0]} to {latest}: " + "; ".join(
            f"{name} {v[-1] * 100:.1f}% in {latest}" for name, v in tp.shares.items())
        return kind, tp, clip(text, MAX_CAPTION)
    ms = metric_series(db, ref, what)
    return kind, ms, clip(metric_caption(ms), MAX_CAPTION)


def chart_png(db: Database, ref: str, what: str | None = None) -> tuple[bytes, str]:
    """(PNG bytes, caption) of a chart (see `chart_data`)."""
    from bot import charts

    kind, data, text = chart_data(db, ref, what)
    return charts.render(kind, data), text
