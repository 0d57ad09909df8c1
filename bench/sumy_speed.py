"""sumy's methods: seconds on a 10,000-word call, ours vs sumy's stock classes, and how often their selections agree.

The call is built by joining ECTSum val calls (sorted by name) until 10,000 words, split by our
splitter. Ours run cold (empty stem cache); sumy's stock classes get the same tokenizer, stemmer
language and stop words. sumy's own KL-Sum takes minutes on a call this size, so by default it is
timed on the call's first 120 sentences (ours too, for the ratio); `--stock-kl` times it in full.

Agreement: on the first N ECTSum val calls (one sentence per line), each method picks 4 sentences
with ours and with sumy's stock class; "exact" counts identical selections, "overlap" the mean share
of shared sentences. LSA's ranks tie exactly whenever two sentences have the same weighted counts;
sumy orders such ties by its SVD's rounding noise, ours by position, so LSA also reports "up to
ties": the chosen sentences' ranks are the same multiset.

Run: python -m bench.sumy_speed [--docs N] [--kl-docs N] [--stock-kl]
"""
from __future__ import annotations

import argparse
import time
import warnings
from pathlib import Path

from bench import shared_data_or_exit
from summarizer.sentences import split_sentences
from summarizer.sumy_methods import METHODS, STOCK, cached_stemmer, document_of, run

GOAL_SECONDS = 2.0
KL_PREFIX = 120


def build_call(val: Path, words: int = 10_000) -> list[str]:
    """Sentences of ECTSum val calls joined until `words` words."""
    text, n = [], 0
    for f in sorted(val.glob("*.txt")):
        body = " ".join(ln.strip() for ln in f.read_text(encoding="utf-8").splitlines() if ln.strip())
        text.append(body)
        n += len(body.split())
        if n >= words:
            break
    sentences, count = [], 0
    for s in split_sentences("\n\n".join(text)):
        if count >= words:
            break
        sentences.append(s)
        count += len(s.split())
    return sentences


def timed(build, sentences: list[str], n: int = 5) -> float:  # noqa: ANN001 - a summarizer factory
    """Seconds for one selection, stem cache cold."""
    cached_stemmer().cache_clear()
    t = time.perf_counter()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        run(build(), sentences, n)
    return time.perf_counter() - t


def lsa_ranks(sentences: list[str]) -> list[float]:
    """Our LSA rank of each sentence (equal to sumy's SVD rank up to rounding)."""
    lsa = METHODS["lsa"]()
    doc = document_of(sentences)
    return lsa.sentence_ranks(doc, lsa._create_dictionary(doc))


def agreement(method: str, docs: list[list[str]], n: int = 4) -> str:
    """Exact and overlap agreement of ours with sumy's stock class on `docs`."""
    exact = tied = 0
    overlap = 0.0
    for sentences in docs:
        ours = run(METHODS[method](), sentences, n)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            theirs = run(STOCK[method](), sentences, n)
        exact += ours == theirs
        overlap += len(set(ours) & set(theirs)) / max(1, len(theirs))
        if method == "lsa":
            r = lsa_ranks(sentences)
            a, b = sorted(r[i] for i in ours), sorted(r[i] for i in theirs)
            tied += len(a) == len(b) and all(abs(x - y) <= 1e-9 * max(1.0, abs(y)) for x, y in zip(a, b))
    line = f"exact {exact}/{len(docs)} ({exact / len(docs):.0%}), overlap {overlap / len(docs):.1%}"
    if method == "lsa":
        line += f", up to ties {tied}/{len(docs)} ({tied / len(docs):.0%})"
    return line


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--docs", type=int, default=40, help="ECTSum val calls for the agreement check")
    ap.add_argument("--kl-docs", type=int, default=10, help="calls for KL-Sum's check (sumy's is slow)")
    ap.add_argument("--stock-kl", action="store_true", help="time sumy's KL-Sum on the full call (minutes)")
    args = ap.parse_args()
    root = shared_data_or_exit("bench.sumy_speed")
    val = root / "ectsum" / "val" / "ects"
    call = build_call(val)
    words = sum(len(s.split()) for s in call)
    print(f"call: {words:,} words, {len(call)} sentences (ECTSum val calls joined); goal < {GOAL_SECONDS:.0f} s each")
    print(f"{'method':<10} {'ours s':>8} {'sumy s':>8} {'speed-up':>9}")
    for method in METHODS:
        sentences = call
        note = ""
        if method == "kl" and not args.stock_kl:
            sentences, note = call[:KL_PREFIX], f"  (sumy's on the first {KL_PREFIX} sentences; ours on all: " \
                                                f"{timed(METHODS['kl'], call):.3f} s)"
        ours = timed(METHODS[method], sentences)
        theirs = timed(STOCK[method], sentences)
        flag = "" if ours < GOAL_SECONDS else "  OVER GOAL"
        print(f"{method:<10} {ours:>8.3f} {theirs:>8.2f} {theirs / ours:>8.0f}x{flag}{note}")
    files = sorted(val.glob("*.txt"))
    docs = [[ln.strip() for ln in f.read_text(encoding="utf-8").splitlines() if ln.strip()] for f in files]
    print(f"\nagreement with sumy's stock classes, 4 sentences, first ECTSum val calls:")
    for method in METHODS:
        some = docs[: args.kl_docs if method == "kl" else args.docs]
        print(f"{method:<10} {len(some):>3} calls: {agreement(method, some)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
