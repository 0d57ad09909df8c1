"""Sentence splitting: boundary P/R/F1 against ECTSum's one-sentence-per-line files, and speed; ours vs pysbd vs a naive regex.

The measure: each `ectsum/{train,val}/ects/*.txt` file has one sentence per line. Its non-empty
lines, stripped, are joined with single spaces; a splitter's boundaries are the character offsets
where its sentences end (the last sentence's end excluded), located in that text; gold boundaries
are the ends of the lines. True/false positives and misses are summed over all files (micro
average). Speed is measured on the same joined texts: calls/s and words/s, and the milliseconds for
one 7,400-word call (the size of an average Motley Fool call), with the ratio to ours.

pysbd manages only a few calls a second, so it runs on a fixed sample (every 10th file, sorted by
path) unless `--pysbd-all`; the line printed says which.

Run: python -m bench.sentences [--pysbd-all] [--limit N]
"""
from __future__ import annotations

import argparse
import re
import time
from collections.abc import Callable
from pathlib import Path

from bench import shared_data_or_exit
from summarizer.sentences import split_sentences

GOAL_F1 = 0.98
_NAIVE = re.compile(r"(?<=[.!?])\s+")


def naive_split(text: str) -> list[str]:
    """The plain regex: a boundary after every . ! or ? followed by whitespace."""
    return [s for s in _NAIVE.split(text) if s.strip()]


def pysbd_splitter() -> Callable[[str], list[str]] | None:
    """pysbd's English segmenter (a test extra), or None when it is not installed."""
    try:
        import pysbd
    except ImportError:
        return None
    seg = pysbd.Segmenter(language="en", clean=False)
    return seg.segment


def load(root: Path, limit: int | None) -> list[tuple[str, set[int]]]:
    """(joined text, gold boundary offsets) for every ECTSum ects file, sorted by path."""
    files = sorted((root / "ectsum").glob("*/ects/*.txt"))[:limit]
    out = []
    for f in files:
        lines = [ln.strip() for ln in f.read_text(encoding="utf-8").splitlines() if ln.strip()]
        gold, pos = set(), 0
        for ln in lines[:-1]:
            pos += len(ln)
            gold.add(pos)
            pos += 1
        out.append((" ".join(lines), gold))
    return out


def boundaries(text: str, sentences: list[str]) -> set[int]:
    """Where each sentence but the last ends in `text` (sentences are found in order)."""
    ends, pos = [], 0
    for s in sentences:
        s = s.strip()
        if not s:
            continue
        at = text.find(s, pos)
        if at < 0:  # a splitter that rewrote whitespace: find the sentence by its first word
            first = s.split()[0]
            at = text.find(first, pos)
            at = pos if at < 0 else at
            pos = at + len(s)
        else:
            pos = at + len(s)
        ends.append(pos)
    return set(ends[:-1])


def score(split: Callable[[str], list[str]], docs: list[tuple[str, set[int]]]) -> tuple[float, float, float, float]:
    """Micro P, R, F1 over `docs`, and the seconds spent splitting."""
    tp = fp = fn = 0
    spent = 0.0
    for text, gold in docs:
        t = time.perf_counter()
        sentences = split(text)
        spent += time.perf_counter() - t
        pred = boundaries(text, sentences)
        tp, fp, fn = tp + len(gold & pred), fp + len(pred - gold), fn + len(gold - pred)
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0), spent


def ms_per_call(split: Callable[[str], list[str]], text: str, repeat: int) -> float:
    """Best-of milliseconds to split `text` once."""
    best = float("inf")
    for _ in range(repeat):
        t = time.perf_counter()
        split(text)
        best = min(best, time.perf_counter() - t)
    return best * 1000


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--pysbd-all", action="store_true", help="run pysbd on every file (minutes)")
    ap.add_argument("--limit", type=int, default=None, help="only the first N files")
    args = ap.parse_args()
    root = shared_data_or_exit("bench.sentences")
    docs = load(root, args.limit)
    if not docs:
        print(f"skip bench.sentences: no ECTSum ects files under {root / 'ectsum'}")
        return 0
    words = sum(len(t.split()) for t, _ in docs)
    sample = docs if args.pysbd_all else docs[::10]
    call, i = "", 0
    while len(call.split()) < 7400:
        call += docs[i % len(docs)][0] + "\n\n"
        i += 1
    call = " ".join(call.split()[:7400])

    splitters: list[tuple[str, Callable[[str], list[str]] | None, list[tuple[str, set[int]]]]] = [
        ("ours", split_sentences, docs), ("naive regex", naive_split, docs), ("pysbd", pysbd_splitter(), sample)]
    print(f"ECTSum ects: {len(docs)} files, {words:,} words; boundary P/R/F1 micro-averaged; goal F1 >= {GOAL_F1}")
    print(f"{'splitter':<12} {'files':>5} {'P':>6} {'R':>6} {'F1':>6} {'calls/s':>9} {'words/s':>11} "
          f"{'ms/7.4k-word call':>18} {'time vs ours':>13}")
    ours_ms = None
    for name, split, which in splitters:
        if split is None:
            print(f"{name:<12} not installed (pip install pysbd)")
            continue
        p, r, f1, spent = score(split, which)
        n_words = sum(len(t.split()) for t, _ in which)
        ms = ms_per_call(split, call, 20 if name != "pysbd" else 2)
        ours_ms = ours_ms or ms
        print(f"{name:<12} {len(which):>5} {p:>6.3f} {r:>6.3f} {f1:>6.3f} {len(which) / spent:>9.0f} "
              f"{n_words / spent:>11,.0f} {ms:>18.2f} {ms / ours_ms:>12.1f}x")
    if sample is not docs:
        print(f"pysbd ran on a fixed sample: every 10th file ({len(sample)} of {len(docs)}); --pysbd-all for all")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
