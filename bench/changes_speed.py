"""Speed of /changes and of a chart for a company with 12 stored quarters, beside the same chart drawn from
scratch in a fresh process (Python start, matplotlib import and its font set-up included).

The company: the bundled Northwind Q2 2025 call (2,400 words) stored as twelve quarters, Q1 2023 to Q4 2025,
each analysed at ingest like any call (summary, figures, topics, Q&A, tone). So that the comparison runs its
whole path, each stored figure is then given a figure-model key, a fiscal period (its call's quarter when
reported, the next quarter or the year when guided) and amounts moved a little from quarter to quarter. Times are CPU time (`time.process_time`),
median of 25 runs after a warm-up; the fresh process is timed in wall-clock and in its own CPU time.
Goal: /changes and a chart each under 150 ms.

Run: .venv/bin/python -m bench.changes_speed
"""
from __future__ import annotations

import json
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Callable

GOAL_MS = 150.0
RUNS = 25
QUARTERS = [(q, y) for y in (2023, 2024, 2025) for q in (1, 2, 3, 4)]
# the old extractor's metric names as the figure model's keys, so the comparison has guided metrics to match
KEYS = {"eps": "eps_adjusted", "net income": "net_income_gaap", "adjusted net income": "net_income_adjusted",
        "gross margin": "gross_margin", "margin": "operating_margin_adjusted", "operating income": "operating_income",
        "cash flow": "free_cash_flow", "capex": "capex", "buyback": "buyback", "dividend": "dividend"}


def median_ms(fn: Callable[[], object], runs: int = RUNS) -> tuple[float, float]:
    """(median, max) CPU time of `runs` calls in ms, after one warm-up call."""
    fn()
    times = []
    for _ in range(runs):
        t = time.process_time()
        fn()
        times.append((time.process_time() - t) * 1000)
    return statistics.median(times), max(times)


def build(path: Path) -> int:
    """Twelve quarters of one company stored at `path`; returns the latest call's id."""
    from bot.ops.ingest import ingest_bytes
    from bot.paths import samples_dir
    from storage import analyses
    from storage.db import open_db
    from summarizer.analysis import analysis_version

    text = (samples_dir() / "nwrb-q2-2025-motley-fool.txt").read_text(encoding="utf-8")
    db = open_db(path)
    last = 0
    for i, (q, y) in enumerate(QUARTERS):
        ordinal = ["first", "second", "third", "fourth"][q - 1]
        call = (text.replace("Q2 2025", f"Q{q} {y}").replace("June 30, 2025", f"{['March 31', 'June 30', 'September 30', 'December 31'][q - 1]}, {y}")
                .replace("second quarter 2025", f"{ordinal} quarter {y}").replace("Aug 6, 2025", f"Feb {i + 1}, {y + 1}")
                + f"\n\n(Bench copy {i}.)")
        res = ingest_bytes(db, call.encode(), f"nwrb-q{q}-{y}.txt")
        last = res.call.id
        figs = analyses.load(db, last, "figures").data
        for f in figs:
            grow = 1 + 0.02 * i
            key = (f.get("metric_key") or "").lower()
            f["metric_key"] = KEYS.get(key, key.replace(" ", "_"))
            if f.get("amount") is not None:
                f["amount"] = f["amount"] * grow
                if f.get("amount_high") is not None:
                    f["amount_high"] = f["amount_high"] * grow
            if f.get("kind") == "guidance":
                nq, ny = (q % 4 + 1, y + (q == 4))
                f["fiscal_period"] = f"FY {y}" if "year" in (f.get("period") or "") else f"Q{nq} {ny}"
            else:
                f["fiscal_period"] = f"Q{q} {y}"
        analyses.save(db, last, "figures", "builtin", analysis_version(), figs)
    db.close()
    return last


FRESH = """
import sys, time
t = time.perf_counter()
from storage.db import open_db
from bot.ops.series import chart_png
db = open_db(sys.argv[1])
png, caption = chart_png(db, sys.argv[2], "revenue")
print(len(png), round((time.perf_counter() - t) * 1000, 1))
"""


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "twelve.db"
        t0 = time.perf_counter()
        last = build(path)
        print(f"stored 12 quarters in {time.perf_counter() - t0:.1f} s (wall)")
        from bot.changes_format import changes_html
        from bot.ops.changes import changes_for_call
        from bot.ops.series import chart_data
        from storage.db import open_db

        db = open_db(path)
        ch = changes_for_call(db, last)
        data = ch.to_json()
        print(f"latest call #{last}: {len(data['guidance'])} guidance moves, {len(data['vs_guidance'])} results vs "
              f"guidance, {len(data['figures'])} figures vs earlier quarters, {len(data['topics'])} topic shifts")
        mods_before = {m for m in sys.modules if m.split(".")[0] in ("matplotlib", "pandas")}
        ch_med, ch_max = median_ms(lambda: changes_html(changes_for_call(db, last), "header"))
        after_changes = {m for m in sys.modules if m.split(".")[0] in ("matplotlib", "pandas")} - mods_before
        print(f"/changes (stored analyses read, compared, reply rendered): median {ch_med:.1f} ms, max {ch_max:.1f} ms "
              f"CPU (goal < {GOAL_MS:.0f} ms); imports matplotlib or pandas: {'yes' if after_changes else 'no'}")
        from bot import charts

        def one_chart() -> bytes:
            kind, series, _caption = chart_data(db, str(last), "revenue")
            return charts.render(kind, series)

        png = one_chart()
        c_med, c_max = median_ms(one_chart)
        print(f"chart, 12 quarters (series read + drawn + PNG, {len(png):,} bytes): median {c_med:.1f} ms, max "
              f"{c_max:.1f} ms CPU (goal < {GOAL_MS:.0f} ms)")
        db.close()
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        t = time.perf_counter()
        out = subprocess.run([sys.executable, "-c", FRESH, str(path), str(last)], capture_output=True, text=True,
                             check=True)
        wall = (time.perf_counter() - t) * 1000
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu = ((after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime)) * 1000
        size, inner = out.stdout.split()
        print(f"the same chart in a fresh process: {wall:.0f} ms wall, {cpu:.0f} ms CPU (imports to PNG inside it: "
              f"{inner} ms); in the running bot {c_med:.1f} ms, {wall / max(c_med, 0.1):.0f}x faster")
        print(json.dumps({"changes_ms": round(ch_med, 1), "chart_ms": round(c_med, 1), "fresh_process_ms": round(wall),
                          "fresh_process_cpu_ms": round(cpu)}))


if __name__ == "__main__":
    main()
