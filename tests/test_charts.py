"""Charts rendered for real: the PNG decodes at 1280x800, the points and bands drawn are the stored figures (read
back from the artists and from the pixels), labels do not overlap, one point is still a chart."""
from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from tests.changes_support import LKSP, labelled_db

PIL = pytest.importorskip("PIL.Image")


@pytest.fixture(scope="module")
def lksp(tmp_path_factory: pytest.TempPathFactory):
    from storage.db import open_db

    path = tmp_path_factory.mktemp("charts") / "lksp.db"
    labelled_db(path, LKSP)
    db = open_db(path)
    yield db
    db.close()


def _decode(png: bytes):
    im = PIL.open(io.BytesIO(png))
    im.load()
    return im


def test_metric_chart_draws_the_stored_values_and_guided_bands(lksp) -> None:
    from bot import charts
    from bot.ops.series import metric_series

    s = metric_series(lksp, "LKSP", "revenue")
    assert [p.quarter for p in s.points] == ["Q1 2025", "Q2 2025", "Q3 2025", "Q4 2025"]
    assert [p.amount for p in s.points] == [92.4e6, 101.2e6, 101.5e6, 98.7e6]
    assert [(p.guided_low, p.guided_high, p.guided_in) for p in s.points] == [
        (None, None, None), (95e6, 99e6, "Q1 2025"), (104e6, 108e6, "Q2 2025"), (96e6, 100e6, "Q3 2025")]
    fig = charts.metric_figure(s)
    ax = fig.axes[0]
    line = next(ln for ln in ax.get_lines() if ln.get_label() == "Reported")
    assert list(line.get_xdata()) == [0, 1, 2, 3]
    assert [round(y, 6) for y in line.get_ydata()] == [92.4, 101.2, 101.5, 98.7]  # USD millions
    bands = sorted((round(b.get_x() + b.get_width() / 2), round(b.get_y(), 6), round(b.get_y() + b.get_height(), 6))
                   for b in ax.patches)
    assert bands == [(1, 95.0, 99.0), (2, 104.0, 108.0), (3, 96.0, 100.0)]
    assert ax.get_ylabel() == "Revenue (USD millions)"
    png = charts.png(fig)
    im = _decode(png)
    assert im.format == "PNG" and im.size == (1280, 800)
    drawn = json.loads(im.text["Description"])
    assert [p["amount"] for p in drawn["points"]] == [92.4e6, 101.2e6, 101.5e6, 98.7e6]
    # each point is drawn where its value is: the marker colour at the data point's pixel
    rgb = im.convert("RGB")
    for x, y in zip(line.get_xdata(), line.get_ydata()):
        px, py = ax.transData.transform((x, y))
        r, g, b = rgb.getpixel((int(round(px)), int(round(im.size[1] - py))))
        assert (r, g, b) != (255, 255, 255) and b > r and b > g, (x, y, (r, g, b))


def _boxes(fig):  # type: ignore[no-untyped-def]
    fig.canvas.draw()
    r = fig.canvas.get_renderer()
    ax = fig.axes[0]
    texts = [t for t in ax.get_xticklabels() + ax.get_yticklabels() if t.get_text()]
    texts += [ax.title, ax.yaxis.label] + list(ax.texts) + [t for lg in fig.legends for t in lg.get_texts()]
    return [(t.get_text(), t.get_window_extent(r)) for t in texts if t.get_text()]


@pytest.mark.parametrize("n", [1, 4, 12])
def test_labels_are_large_inside_the_image_and_never_overlap(n: int) -> None:
    from bot import charts
    from bot.ops.series import MetricSeries, Point

    pts = [Point(f"Q{i % 4 + 1} {2023 + i // 4}", i, f"${1.2 + i / 10:.2f} billion", (1.2 + i / 10) * 1e9,
                 f"x", (1.1 + i / 10) * 1e9, (1.3 + i / 10) * 1e9, "Q") for i in range(n)]
    fig = charts.metric_figure(MetricSeries("Acme Widgets", "ACME", "revenue", "total segment revenue", "USD", pts))
    boxes = _boxes(fig)
    w, h = fig.canvas.get_width_height()
    for text, bb in boxes:
        assert bb.x0 >= 0 and bb.y0 >= 0 and bb.x1 <= w and bb.y1 <= h, f"{text!r} leaves the image"
    for i, (t1, a) in enumerate(boxes):
        for t2, b in boxes[i + 1:]:
            assert not a.overlaps(b), f"{t1!r} overlaps {t2!r}"
    ticks = [t for t in fig.axes[0].get_xticklabels() if t.get_text()]
    assert len(ticks) == n and all(t.get_fontsize() >= 14 for t in ticks)
    assert fig.axes[0].get_ylabel() == "Total segment revenue (USD billions)"
    assert _decode(charts.png(fig)).size == (1280, 800)


def test_the_bundled_font_draws_the_text() -> None:
    import matplotlib
    from matplotlib import font_manager

    path = Path(font_manager.findfont("DejaVu Sans", fallback_to_default=False))
    assert Path(matplotlib.__file__).parent in path.parents


def test_one_point_is_still_a_chart(tmp_path: Path) -> None:
    from bot.ops.series import chart_png
    from storage.db import open_db

    labelled_db(tmp_path / "one.db", ("cplf-q2-2025.txt",))
    db = open_db(tmp_path / "one.db")
    png, caption = chart_png(db, "CPLF")
    assert _decode(png).size == (1280, 800)
    assert caption.startswith("CPLF net sales by quarter: Q2 2025 $612.0 million (Luca Brandt, #1)")
    db.close()


def test_a_metric_never_reported_gets_the_ones_that_are(lksp) -> None:
    from bot.ops.series import metric_series
    from summarizer.errors import InputError

    with pytest.raises(InputError) as e:
        metric_series(lksp, "LKSP", "ebitda")
    assert "No stored LKSP call reports 'ebitda'" in str(e.value)
    assert "revenue" in str(e.value) and "adjusted EPS" in str(e.value) and "gross margin" in str(e.value)
    assert metric_series(lksp, "LKSP", "adjusted EPS").metric_key == "eps_adjusted"
    assert metric_series(lksp, "LKSP", "eps").metric_key == "eps_adjusted"


def test_tone_and_topic_charts_across_quarters(lksp) -> None:
    from bot import charts
    from bot.ops.series import chart_data

    kind, ts, caption = chart_data(lksp, "LKSP", "tone")
    assert kind == "tone" and ts.quarters == ["Q1 2025", "Q2 2025", "Q3 2025", "Q4 2025"]
    fig = charts.tone_figure(ts)
    whole = next(ln for ln in fig.axes[0].get_lines() if ln.get_label() == "Whole call")
    assert [round(y, 6) for y in whole.get_ydata()] == [round(v * 100, 6) for v in ts.overall]
    assert min(whole.get_ydata()) == whole.get_ydata()[2]  # the bad third quarter
    assert len(caption) <= 1024 and "Q3 2025 -" in caption
    kind, tp, caption = chart_data(lksp, "LKSP", "topics")
    fig = charts.topics_figure(tp)
    assert {ln.get_label() for ln in fig.axes[0].get_lines()} == set(tp.shares)
    assert _decode(charts.png(fig)).size == (1280, 800)
