"""Analysis speed on calls of about 10,000 words: key figures, topic tags, Q&A digest, the default summary.

Picks the Motley Fool dataset calls nearest 10,000 words, times each part (CPU time, best of 7 runs, so a
busy machine does not inflate it) and prints the per-part and total figures against the goals:
figures + topic tags <= 30 ms, default summary + figures + topic tags < 100 ms. Also prints the figures
count found and the time of the whole ingest-time bundle (`summarizer.analysis.analyze`).

Run: python -m bench.analysis_speed [--calls N]
"""
from __future__ import annotations

import argparse
import time
from pathlib import Path
from typing import Callable

from bench import shared_data_or_exit

GOAL_FIG_TOPICS_MS = 30.0
GOAL_WITH_SUMMARY_MS = 100.0


def best_ms(fn: Callable[[], object], runs: int = 7) -> float:
    """The best CPU time of `runs` calls, in ms (after one warm-up call)."""
    fn()
    best = float("inf")
    for _ in range(runs):
        t = time.process_time()
        fn()
        best = min(best, time.process_time() - t)
    return best * 1000


def calls_near(data: Path, words: int, n: int) -> list:
    """The `n` parsed Motley Fool calls (of the first 300) whose length is nearest `words` words, as (name, transcript)."""
    from summarizer.parse import parse_bytes

    sized = []
    for f in sorted((data / "transcripts" / "motleyfool-json").glob("*.json"))[:300]:
        tr = parse_bytes(f.read_bytes(), f.name)
        sized.append((abs(sum(len(t.text.split()) for t in tr.turns) - words), f.name, tr))
    sized.sort(key=lambda x: x[0])
    return [(name, tr) for _, name, tr in sized[:n]]


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--calls", type=int, default=3, help="How many ~10,000-word calls to time.")
    args = ap.parse_args()
    data = shared_data_or_exit("analysis speed")
    from summarizer.analysis import analyze
    from summarizer.figures import extract_figures
    from summarizer.model import sentences_of
    from summarizer.qa import qa_exchanges
    from summarizer.topics import tag_call

    try:
        from summarizer.summarize import summarize
    except ImportError:
        summarize = None  # type: ignore[assignment]
    totals: dict[str, list[float]] = {}
    for name, tr in calls_near(data, 10_000, args.calls):
        ss = sentences_of(tr)
        words = sum(len(t.text.split()) for t in tr.turns)
        parts = {
            "figures": best_ms(lambda: extract_figures(tr, ss)),
            "topics": best_ms(lambda: tag_call(tr, ss)),
            "qa": best_ms(lambda: qa_exchanges(tr, ss)),
        }
        if summarize is not None:
            parts["summary"] = best_ms(lambda: summarize(tr, ss))
        parts["bundle"] = best_ms(lambda: analyze(tr, ss), runs=3)
        n_figs = len(extract_figures(tr, ss))
        print(f"{name}: {words} words, {len(ss)} sentences, {n_figs} figures: "
              + ", ".join(f"{k} {v:.1f} ms" for k, v in parts.items()))
        for k, v in parts.items():
            totals.setdefault(k, []).append(v)
    avg = {k: sum(v) / len(v) for k, v in totals.items()}
    ft = avg["figures"] + avg["topics"]
    print(f"\nmean per ~10,000-word call: figures {avg['figures']:.1f} ms + topic tags {avg['topics']:.1f} ms = "
          f"{ft:.1f} ms (goal <= {GOAL_FIG_TOPICS_MS:.0f} ms: {'ok' if ft <= GOAL_FIG_TOPICS_MS else 'MISSED'})")
    if "summary" in avg:
        tot = ft + avg["summary"]
        print(f"default summary {avg['summary']:.1f} ms + figures + topic tags = {tot:.1f} ms "
              f"(goal < {GOAL_WITH_SUMMARY_MS:.0f} ms: {'ok' if tot < GOAL_WITH_SUMMARY_MS else 'MISSED'})")
    print(f"whole ingest-time bundle (summary, figures, topics, Q&A): {avg['bundle']:.1f} ms")


if __name__ == "__main__":
    main()
