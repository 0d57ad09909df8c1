"""Charts as PNG: a metric across quarters (reported values, each quarter's guided range as a band), net tone
and topic share across quarters. matplotlib's Agg backend and its bundled DejaVu Sans only; imported on first
use, so nothing else pays for it.

Sized for a phone: 1280 x 800 pixels (Telegram's photo size), large type, labelled axes with units, quarter
labels on two lines so they never overlap, the legend outside the plot."""
from __future__ import annotations

import io
import json
from typing import Any

WIDTH_IN, HEIGHT_IN, DPI = 8.0, 5.0, 160  # 1280 x 800 px
TITLE_PT, LABEL_PT, TICK_PT, NOTE_PT = 19, 15, 14, 13
BAND = "#9ecae1"
LINE = "#08519c"
TONE_COLORS = ("#08519c", "#e6550d", "#31a354")
TOPIC_COLORS = ("#08519c", "#e6550d", "#31a354", "#756bb1", "#636363", "#d6616b")
_SCALES = ((1e12, "trillions"), (1e9, "billions"), (1e6, "millions"), (1e3, "thousands"))


def _new_figure():  # -> matplotlib.figure.Figure
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    fig = Figure(figsize=(WIDTH_IN, HEIGHT_IN), dpi=DPI)
    FigureCanvasAgg(fig)
    fig.subplots_adjust(left=0.13, right=0.97, top=0.88, bottom=0.27)
    return fig


def _style(ax, title: str, ylabel: str, quarters: list[str]) -> None:
    """Title (on two lines past 44 characters, cut at its colon), y label, two-line quarter labels (every other one
    past 16 quarters), grid."""
    if len(title) > 44:
        head, sep, tail = title.partition(": ")
        title = f"{head}\n{tail}" if sep else title
        ax.figure.subplots_adjust(top=0.82)
    # a fixed y spares matplotlib's own search for room above the axes at every draw
    ax.set_title(title, fontsize=TITLE_PT if len(title) <= 44 else TITLE_PT - 2, fontfamily="DejaVu Sans", loc="left",
                 pad=12, y=1.0)
    ax.set_ylabel(ylabel, fontsize=LABEL_PT, fontfamily="DejaVu Sans")
    step = 1 if len(quarters) <= 16 else 2
    ticks = list(range(0, len(quarters), step))
    ax.set_xticks(ticks, quarter_labels([quarters[i] for i in ticks]), fontsize=TICK_PT, fontfamily="DejaVu Sans")
    ax.tick_params(axis="y", labelsize=TICK_PT)
    ax.set_xlim(-0.6, max(len(quarters) - 1, 0) + 0.6)
    ax.grid(axis="y", alpha=0.3)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)


def quarter_labels(quarters: list[str]) -> list[str]:
    """'Q1 2025' as 'Q1' over '2025' where the year starts (and on the first label), else just 'Q2'."""
    out, last_year = [], None
    for q in quarters:
        head, _, year = q.partition(" ")
        out.append(f"{head}\n{year}" if year and year != last_year else head)
        last_year = year or last_year
    return out


def _legend(fig, ax, ncol: int) -> None:
    """The legend under the plot, in rows of `ncol`; the plot shrinks to leave it room."""
    handles, labels = ax.get_legend_handles_labels()
    if handles:
        rows = -(-len(handles) // ncol)
        fig.subplots_adjust(bottom=0.2 + 0.055 * rows)
        fig.legend(handles, labels, loc="lower center", ncol=ncol, frameon=False, fontsize=NOTE_PT,
                   bbox_to_anchor=(0.5, 0.0))


def money_scale(unit: str, amounts: list[float]) -> tuple[float, str]:
    """(divisor, y-axis unit) for a metric's values: 'USD millions', '%', 'USD per share', ..."""
    if unit.endswith("/share"):
        return 1.0, f"{unit.split('/')[0]} per share"
    if unit in ("%", "pp", "bps"):
        return 1.0, unit
    top = max((abs(a) for a in amounts), default=0.0)
    for div, word in _SCALES:
        if top >= div:
            return div, f"{unit} {word}".strip()
    return 1.0, unit or "value"


def metric_figure(series: Any):  # -> matplotlib.figure.Figure
    """A metric across quarters: the reported values as a line of dots, each quarter's guided range a band."""
    pts = series.points
    amounts = [p.amount for p in pts if p.amount is not None] + [v for p in pts for v in (p.guided_low, p.guided_high)
                                                                  if v is not None]
    div, unit_label = money_scale(series.unit, amounts)
    fig = _new_figure()
    ax = fig.add_subplot()
    banded = False
    for i, p in enumerate(pts):
        if p.guided_low is None:
            continue
        lo, hi = p.guided_low / div, (p.guided_high if p.guided_high is not None else p.guided_low) / div
        label = None if banded else "Guided range (earlier call)"
        if hi > lo:
            ax.bar(i, hi - lo, bottom=lo, width=0.55, color=BAND, alpha=0.8, label=label, zorder=1)
        else:
            ax.hlines(lo, i - 0.28, i + 0.28, colors=BAND, linewidth=5, label=label, zorder=1)
        banded = True
    xs = [i for i, p in enumerate(pts) if p.amount is not None]
    ys = [pts[i].amount / div for i in xs]  # type: ignore[operator]
    ax.plot(xs, ys, marker="o", markersize=10, linewidth=3, color=LINE, label="Reported", zorder=3)
    ax.use_sticky_edges = False
    ax.margins(y=0.18)
    name = series.metric[:1].upper() + series.metric[1:]
    latest = f": {pts[xs[-1]].value} in {pts[xs[-1]].quarter}" if xs and pts[xs[-1]].value else ""
    _style(ax, f"{series.name} {series.metric} by quarter{latest}", f"{name} ({unit_label})",
           [p.quarter for p in pts])
    _legend(fig, ax, 2)
    fig._earnings_data = {"kind": "metric", "metric_key": series.metric_key, "unit": series.unit, "divisor": div,
                          "points": [{"quarter": p.quarter, "amount": p.amount, "guided_low": p.guided_low,
                                      "guided_high": p.guided_high} for p in pts]}
    return fig


def tone_figure(series: Any):  # -> matplotlib.figure.Figure
    """Net tone ((positive - negative) / words, in % of words) per quarter: the call, prepared remarks, Q&A."""
    fig = _new_figure()
    ax = fig.add_subplot()
    ax.axhline(0, color="#999999", linewidth=1, zorder=0)
    for (label, values), color in zip((("Whole call", series.overall), ("Prepared remarks", series.prepared),
                                       ("Q&A", series.qa)), TONE_COLORS):
        xs = [i for i, v in enumerate(values) if v is not None]
        if xs:
            ax.plot(xs, [values[i] * 100 for i in xs], marker="o", markersize=9 if label == "Whole call" else 6,
                    linewidth=3 if label == "Whole call" else 2, color=color, label=label, zorder=3)
    ax.margins(y=0.2)
    _style(ax, f"{series.ticker or series.company} tone by quarter", "Net tone (% of words)", series.quarters)
    _legend(fig, ax, 3)
    fig._earnings_data = {"kind": "tone", "quarters": series.quarters, "overall": series.overall}
    return fig


def topics_figure(series: Any):  # -> matplotlib.figure.Figure
    """Share of the call's sentences per quarter for the most discussed topics."""
    fig = _new_figure()
    ax = fig.add_subplot()
    for (name, values), color in zip(series.shares.items(), TOPIC_COLORS):
        ax.plot(range(len(values)), [v * 100 for v in values], marker="o", markersize=7, linewidth=2.5, color=color,
                label=name, zorder=3)
    ax.set_ylim(bottom=0)
    ax.margins(y=0.15)
    _style(ax, f"{series.ticker or series.company} topics by quarter", "Share of sentences (%)", series.quarters)
    _legend(fig, ax, 2)
    fig._earnings_data = {"kind": "topics", "quarters": series.quarters, "shares": series.shares}
    return fig


def png(fig: Any) -> bytes:
    """The figure as PNG bytes (RGB, fast zlib level: a chart is mostly flat colour); the drawn data rides along
    as a PNG text chunk ('Description', JSON)."""
    from PIL import Image, PngImagePlugin

    fig.canvas.draw()
    w, h = fig.canvas.get_width_height()
    im = Image.frombuffer("RGBA", (w, h), fig.canvas.buffer_rgba(), "raw", "RGBA", 0, 1).convert("RGB")
    info = PngImagePlugin.PngInfo()
    info.add_text("Software", "earnings-bot (matplotlib)")
    data = getattr(fig, "_earnings_data", None)
    if data is not None:
        info.add_text("Description", json.dumps(data, separators=(",", ":")))
    buf = io.BytesIO()
    im.save(buf, format="PNG", pnginfo=info, compress_level=1)
    return buf.getvalue()


def render(kind: str, series: Any) -> bytes:
    """PNG bytes of a 'metric', 'tone' or 'topics' chart of `series`."""
    make = {"metric": metric_figure, "tone": tone_figure, "topics": topics_figure}[kind]
    return png(make(series))
