"""ROUGE evaluation of summary methods on an ECTSum-shaped folder (`ects/*.txt` + `gt_summaries/*.txt`).

Each call goes through the product path: its text is parsed into one document by `parse_text`, and
each line is one sentence (ECTSum gives one sentence a line, no speakers). Scores are the
`rouge-score` package's F1 with stemming, per document, averaged; rougeLsum gets newline-separated
sentences on both sides.
"""
from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterable

from summarizer.errors import InputError
from summarizer.model import Sentence, Transcript

ROUGE_TYPES = ("rouge1", "rouge2", "rougeLsum")


@dataclass(frozen=True)
class Doc:
    """One ECTSum call: its name, its lines (one sentence each) and the reference bullets."""

    name: str
    lines: list[str]
    reference: list[str]


@dataclass
class MethodScore:
    """Mean ROUGE F1 of one method over the documents, and its seconds per document."""

    method: str
    n_docs: int = 0
    rouge1: float = 0.0
    rouge2: float = 0.0
    rougeLsum: float = 0.0
    seconds_per_doc: float = 0.0
    per_doc: list[dict[str, float]] = field(default_factory=list, repr=False)

    def to_json(self) -> dict[str, Any]:
        """Plain numbers for `eval --json`."""
        return {"method": self.method, "n_docs": self.n_docs, "rouge1": round(self.rouge1, 4),
                "rouge2": round(self.rouge2, 4), "rougeLsum": round(self.rougeLsum, 4),
                "seconds_per_doc": round(self.seconds_per_doc, 5)}


def load_ectsum(folder: Path, limit: int | None = None, names: Iterable[str] | None = None) -> list[Doc]:
    """The calls of an ECTSum split folder, sorted by file name; InputError when the folder is not one."""
    folder = Path(folder)
    ects, gt = folder / "ects", folder / "gt_summaries"
    if not ects.is_dir() or not gt.is_dir():
        raise InputError(f"{folder}: not an ECTSum split folder: it needs ects/ and gt_summaries/ subfolders "
                         "(e.g. ../shared/data/ectsum/val).")
    wanted = set(names) if names is not None else None
    docs: list[Doc] = []
    for path in sorted(ects.glob("*.txt")):
        if wanted is not None and path.name not in wanted:
            continue
        ref = gt / path.name
        if not ref.is_file():
            continue
        text = path.read_text(encoding="utf-8", errors="replace")
        docs.append(Doc(name=path.name, lines=[ln.strip() for ln in text.splitlines() if ln.strip()],
                        reference=[ln.strip() for ln in ref.read_text(encoding="utf-8", errors="replace").splitlines()
                                   if ln.strip()]))
        if limit is not None and len(docs) >= limit:
            break
    if not docs:
        raise InputError(f"{folder}: no calls with a reference summary found in ects/ and gt_summaries/.")
    return docs


def as_call(doc: Doc) -> tuple[Transcript, list[Sentence]]:
    """The product path: parse the text into one document, each line a sentence of its (first) turn."""
    from summarizer.parse import parse_text

    text = "\n".join(doc.lines)
    try:
        tr = parse_text(text, source=doc.name)
    except InputError:
        tr = Transcript(source=doc.name)
    turn = 0 if tr.turns else -1
    return tr, [Sentence(turn=turn, position=i, text=ln) for i, ln in enumerate(doc.lines)]


def scorer():
    """The rouge-score scorer used throughout (stemming on; no NLTK download)."""
    from rouge_score import rouge_scorer

    return rouge_scorer.RougeScorer(list(ROUGE_TYPES), use_stemmer=True)


def evaluate(docs: list[Doc], method: str, n_sentences: int = 4,
             summarize_fn: Callable[..., Any] | None = None) -> MethodScore:
    """Mean ROUGE-1/2/Lsum F1 of `method` at `n_sentences` over `docs`, timing only the summarizing."""
    from summarizer.summarize import summarize

    fn = summarize_fn or summarize
    sc = scorer()
    out = MethodScore(method=method, n_docs=len(docs))
    spent = 0.0
    calls = [as_call(d) for d in docs]
    for doc, (tr, sents) in zip(docs, calls):
        t0 = time.perf_counter()
        summary = fn(tr, sents, method=method, n_sentences=n_sentences)
        spent += time.perf_counter() - t0
        pred = "\n".join(s.text for s in summary.sentences)
        s = sc.score("\n".join(doc.reference), pred)
        out.per_doc.append({k: s[k].fmeasure for k in ROUGE_TYPES})
    n = max(1, len(docs))
    out.rouge1 = sum(d["rouge1"] for d in out.per_doc) / n
    out.rouge2 = sum(d["rouge2"] for d in out.per_doc) / n
    out.rougeLsum = sum(d["rougeLsum"] for d in out.per_doc) / n
    out.seconds_per_doc = spent / n
    return out


def format_table(scores: list[MethodScore]) -> str:
    """Methods side by side: ROUGE-1/2/Lsum F1 and seconds per document."""
    lines = [f"{'method':<12} {'docs':>5} {'ROUGE-1':>8} {'ROUGE-2':>8} {'ROUGE-Lsum':>10} {'s/doc':>9}"]
    for s in scores:
        lines.append(f"{s.method:<12} {s.n_docs:>5} {s.rouge1:>8.3f} {s.rouge2:>8.3f} {s.rougeLsum:>10.3f} "
                     f"{s.seconds_per_doc:>9.4f}")
    return "\n".join(lines)
