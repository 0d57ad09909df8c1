"""Key figures plus the headline flash on calls of about 10,000 words: goal under 15 ms a call.

Picks the Motley Fool dataset calls nearest 10,000 words, times `extract_figures` and then the flash written from
those figures (CPU time, best of N runs, so a busy machine does not inflate it), and prints each part against the
goal. For scale, the same run times the floor of the work: finding the numbers of every sentence with the number
pattern alone (`summarizer.figures.numbers.scan`), and prints the ratio.

Run: python -m bench.figures_speed [--calls N] [--runs N]
"""
from __future__ import annotations

import argparse

from bench import shared_data_or_exit
from bench.analysis_speed import best_ms, calls_near

GOAL_MS = 15.0


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--calls", type=int, default=3, help="How many ~10,000-word calls to time.")
    ap.add_argument("--runs", type=int, default=15, help="Runs per call; the best CPU time counts.")
    args = ap.parse_args()
    data = shared_data_or_exit("figures speed")
    from summarizer.figures import context_for, extract_figures
    from summarizer.figures.numbers import scan
    from summarizer.flash import lines_from_figures
    from summarizer.model import sentences_of

    rows = []
    for name, tr in calls_near(data, 10_000, args.calls):
        ss = sentences_of(tr)
        words = sum(len(t.text.split()) for t in tr.turns)
        figs = extract_figures(tr, ss)
        period = context_for(tr).call
        fig_ms = best_ms(lambda: extract_figures(tr, ss), args.runs)
        flash_ms = best_ms(lambda: lines_from_figures(figs, period), args.runs)
        both_ms = best_ms(lambda: lines_from_figures(extract_figures(tr, ss), period), args.runs)
        scan_ms = best_ms(lambda: [scan(s.text) for s in ss], args.runs)
        lines = lines_from_figures(figs, period)
        rows.append((name, words, len(figs), len(lines), fig_ms, flash_ms, both_ms, scan_ms))
        print(f"{name}: {words} words, {len(ss)} sentences, {len(figs)} figures, {len(lines)} flash lines; "
              f"figures {fig_ms:.1f} ms + flash {flash_ms:.2f} ms = {both_ms:.1f} ms "
              f"(numbers alone {scan_ms:.1f} ms, {both_ms / max(scan_ms, 1e-9):.1f}x)")
    worst = max(r[6] for r in rows)
    mean = sum(r[6] for r in rows) / len(rows)
    print(f"figures + flash, ~10,000-word call: mean {mean:.1f} ms, worst {worst:.1f} ms CPU "
          f"(goal < {GOAL_MS:.0f} ms{'' if worst < GOAL_MS else ', ABOVE'})")


if __name__ == "__main__":
    main()
