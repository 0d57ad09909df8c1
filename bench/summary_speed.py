"""Speed of the default summary method on ~10,000-word calls, beside sumy's stock LexRank on the same sentences.

Calls: the Motley Fool dataset calls nearest 10,000 words (real speaker turns, parsed by the product
parser), plus one made by joining ECTSum val calls (one sentence a line) up to 10,000 words. Times
are CPU time, best of several runs after a warm-up, so a busy machine does not inflate them. Also
times the whole ingest-time bundle (`summarizer.analysis.analyze`: summary, key figures, topics,
Q&A) when it exists. Goals: default summary <= 30 ms, bundle < 100 ms, >= 20x faster than LexRank.

Run: .venv/bin/python -m bench.summary_speed [--calls N]
"""
from __future__ import annotations

import argparse
from pathlib import Path
from typing import Callable

from bench import shared_data_or_exit
from bench.analysis_speed import best_ms  # CPU time, best of n after a warm-up

GOAL_SUMMARY_MS = 30.0
GOAL_BUNDLE_MS = 100.0
GOAL_RATIO = 20.0


def _calls(data: Path, n: int):
    """(name, transcript, sentences, words) for the dataset calls nearest 10,000 words and a joined ECTSum call."""
    from summarizer.evaluate import Doc, as_call, load_ectsum
    from summarizer.model import sentences_of
    from summarizer.parse import parse_bytes

    sized = []
    for f in sorted((data / "transcripts" / "motleyfool-json").glob("*.json"))[:400]:
        raw = f.read_bytes()
        sized.append((abs(len(raw.split()) - 10_000), f))
    out = []
    for _, f in sorted(sized)[:n]:
        tr = parse_bytes(f.read_bytes(), f.name)
        sents = sentences_of(tr)
        out.append((f.name, tr, sents, sum(len(s.text.split()) for s in sents)))
    lines: list[str] = []
    words = 0
    for line in (ln for doc in load_ectsum(data / "ectsum" / "val") for ln in doc.lines):
        if words >= 10_000:
            break
        lines.append(line)
        words += len(line.split())
    tr, sents = as_call(Doc("ectsum-val-joined", lines, []))
    out.append(("ectsum val joined", tr, sents, sum(len(s.text.split()) for s in sents)))
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--calls", type=int, default=3, help="How many ~10,000-word dataset calls to time.")
    args = ap.parse_args()
    data = shared_data_or_exit("summary speed")
    from summarizer.summarize import summarize
    from summarizer.sumy_methods import STOCK, run

    try:
        from summarizer.analysis import analyze
    except ImportError:
        analyze = None  # type: ignore[assignment]
    print(f"{'call':<34} {'words':>6} {'sents':>5} {'default ms':>10} {'LexRank ms':>10} {'ratio':>6} {'bundle ms':>9}")
    worst_sum = worst_bundle = 0.0
    ratios = []
    for name, tr, sents, n_words in _calls(data, args.calls):
        ms = best_ms(lambda: summarize(tr, sents, n_sentences=5))
        texts = [s.text for s in sents]
        lex = best_ms(lambda: run(STOCK["lexrank"](), texts, 5), runs=2)
        bundle = best_ms(lambda: analyze(tr, sents), runs=5) if analyze else float("nan")
        worst_sum, worst_bundle = max(worst_sum, ms), max(worst_bundle, bundle)
        ratios.append(lex / ms)
        print(f"{name[:34]:<34} {n_words:>6} {len(sents):>5} {ms:>10.1f} {lex:>10.1f} {lex / ms:>5.0f}x {bundle:>9.1f}")
    print(f"default summary, slowest: {worst_sum:.1f} ms (goal <= {GOAL_SUMMARY_MS:.0f} ms): "
          f"{'OK' if worst_sum <= GOAL_SUMMARY_MS else 'OVER'}")
    print(f"vs sumy stock LexRank: {min(ratios):.0f}x faster at worst (goal >= {GOAL_RATIO:.0f}x): "
          f"{'OK' if min(ratios) >= GOAL_RATIO else 'UNDER'}")
    if analyze:
        print(f"whole bundle (summary, figures, topics, Q&A), slowest: {worst_bundle:.1f} ms "
              f"(goal < {GOAL_BUNDLE_MS:.0f} ms): {'OK' if worst_bundle < GOAL_BUNDLE_MS else 'OVER'}")


if __name__ == "__main__":
    main()
