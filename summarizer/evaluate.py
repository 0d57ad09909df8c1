"""ROUGE evaluation of summary methods on an ECTSum-shaped folder (`ects/*.txt` + `gt_summaries/*.txt`).

Each call goes through the product path: its text is parsed into one document by `parse_text`, and
each line is one sentence (ECTSum gives one sentence a line, no speakers). Scores are the
`rouge-score` package's F1 with stemming, per document, averaged; rougeLsum gets newline-separated
sentences on both sides.

Numeric precision is the share of the numbers in a method's summaries that the call itself states, and
"all stated" the share of summaries with no number the call does not state (see `numbers_of`).
"""
from __future__ import annotations

import re
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
    """Mean ROUGE F1 of one method over the documents, its numeric precision, and its seconds per document."""

    method: str
    n_docs: int = 0
    rouge1: float = 0.0
    rouge2: float = 0.0
    rougeLsum: float = 0.0
    seconds_per_doc: float = 0.0
    numbers: int = 0  # numbers in the summaries (period labels set aside)
    numbers_stated: int = 0  # of them, the ones the call states
    all_stated: int = 0  # summaries whose every number the call states
    per_doc: list[dict[str, float]] = field(default_factory=list, repr=False)

    @property
    def numeric_precision(self) -> float:
        """Share of the numbers in the summaries that the call states (1.0 when the summaries hold none)."""
        return self.numbers_stated / self.numbers if self.numbers else 1.0

    @property
    def all_stated_share(self) -> float:
        """Share of summaries whose numbers are all stated by the call."""
        return self.all_stated / self.n_docs if self.n_docs else 1.0

    def to_json(self) -> dict[str, Any]:
        """Plain numbers for `eval --json`."""
        return {"method": self.method, "n_docs": self.n_docs, "rouge1": round(self.rouge1, 4),
                "rouge2": round(self.rouge2, 4), "rougeLsum": round(self.rougeLsum, 4),
                "seconds_per_doc": round(self.seconds_per_doc, 5),
                "numeric_precision": round(self.numeric_precision, 4), "numbers": self.numbers,
                "numbers_stated": self.numbers_stated, "all_stated": round(self.all_stated_share, 4)}


# A number as written: digits with thousands commas and decimals, and the scale word after it. A number glued to
# letters is a name or a period label ("Q4", "4Q21", "FY22", "H1", "COVID-19", "5G") and is not counted; nor is
# the year right after a period label ("Q4 2021", "FY 2022", "H1 2026", "9M 2025", "fiscal 2022").
_NUMBER = re.compile(r"(?<![\w.,])(?<![A-Za-z]-)(?P<n>(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?|\.\d+)"
                     r"(?:\s?-?(?P<s>trillion|billion|million|thousand|bn|mn|mm|tn|b|m|k)\b)?(?![\w]|[.,]\d)", re.I)
_LABEL_YEAR = re.compile(r"(?:\b(?:Q[1-4]|[1-4]Q|FY|H[12]|9M|fiscal(?: year)?|full[- ]year|calendar(?: year)?)\s?'?)$", re.I)
_SCALE_WORD = {"trillion": "t", "tn": "t", "billion": "b", "bn": "b", "b": "b", "million": "m", "mn": "m", "mm": "m",
               "m": "m", "thousand": "k", "k": "k"}


def numbers_of(text: str) -> list[tuple[str, str]]:
    """The numbers of a text as (value, scale): commas dropped and trailing decimal zeros too ('$1,234.50 million'
    -> ('1234.5', 'm'); '$1.7 billion' and '1.7 billion' alike; '14.2%' and '14.2 percent' alike, the unit being
    no part of the number). Set aside: numbers glued to letters and period-label years (see `_NUMBER`)."""
    out = []
    for m in _NUMBER.finditer(text):
        n = m["n"].replace(",", "")
        if re.fullmatch(r"(?:19|20)\d\d", n) and _LABEL_YEAR.search(text[max(0, m.start() - 14):m.start()]):
            continue
        if "." in n:
            n = n.rstrip("0").rstrip(".") or "0"
        if n.startswith("."):
            n = "0" + n
        out.append((n, _SCALE_WORD.get((m["s"] or "").lower(), "")))
    return out


def numeric_check(summary_text: str, call_lines: list[str]) -> tuple[int, int]:
    """(numbers in the summary, how many of them the call states)."""
    said = {x for ln in call_lines for x in numbers_of(ln)}
    got = numbers_of(summary_text)
    return len(got), sum(1 for x in got if x in said)


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


_FILE_PERIOD = re.compile(r"^(?P<ticker>[A-Z][A-Z0-9.&-]{0,9})_q(?P<q>[1-4])_(?P<y>(?:19|20)\d\d)\.txt$", re.I)


def file_period(name: str) -> tuple[str | None, int | None, int | None]:
    """(ticker, fiscal quarter, fiscal year) from an ECTSum file name ('AAP_q3_2021.txt'), as a call's title gives them."""
    m = _FILE_PERIOD.match(name)
    if not m:
        return None, None, None
    return m["ticker"].upper(), int(m["q"]), int(m["y"])


def as_call(doc: Doc) -> tuple[Transcript, list[Sentence]]:
    """The product path: parse the text into one document, each line a sentence of its (first) turn.

    ECTSum calls have no header, so the file name (`TICKER_qN_YYYY.txt`) gives the call's ticker and fiscal
    period, as a transcript's title would; nothing else of the file name or the reference is used."""
    from summarizer.parse import parse_text

    text = "\n".join(doc.lines)
    try:
        tr = parse_text(text, source=doc.name)
    except InputError:
        tr = Transcript(source=doc.name)
    ticker, q, y = file_period(doc.name)
    if q is not None:
        tr.fiscal_quarter, tr.fiscal_year = q, y
        tr.ticker = tr.ticker or ticker
    turn = 0 if tr.turns else -1
    return tr, [Sentence(turn=turn, position=i, text=ln) for i, ln in enumerate(doc.lines)]


def scorer():
    """The rouge-score scorer used throughout (stemming on; no NLTK download)."""
    from rouge_score import rouge_scorer

    return rouge_scorer.RougeScorer(list(ROUGE_TYPES), use_stemmer=True)


def evaluate(docs: list[Doc], method: str, n_sentences: int | None = 4,
             summarize_fn: Callable[..., Any] | None = None) -> MethodScore:
    """Mean ROUGE-1/2/Lsum F1 and numeric precision of `method` at `n_sentences` over `docs` (None: the method's own
    length, as the flash chooses it), timing only the summarizing."""
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
        total, stated = numeric_check(pred, doc.lines)
        out.numbers += total
        out.numbers_stated += stated
        out.all_stated += stated == total
    n = max(1, len(docs))
    out.rouge1 = sum(d["rouge1"] for d in out.per_doc) / n
    out.rouge2 = sum(d["rouge2"] for d in out.per_doc) / n
    out.rougeLsum = sum(d["rougeLsum"] for d in out.per_doc) / n
    out.seconds_per_doc = spent / n
    return out


def format_table(scores: list[MethodScore]) -> str:
    """Methods side by side: ROUGE-1/2/Lsum F1, numeric precision, share of summaries with every number stated, and
    seconds per document."""
    lines = [f"{'method':<12} {'docs':>5} {'ROUGE-1':>8} {'ROUGE-2':>8} {'ROUGE-Lsum':>10} {'num.prec':>9} "
             f"{'all stated':>10} {'s/doc':>9}"]
    for s in scores:
        lines.append(f"{s.method:<12} {s.n_docs:>5} {s.rouge1:>8.3f} {s.rouge2:>8.3f} {s.rougeLsum:>10.3f} "
                     f"{s.numeric_precision:>9.3f} {s.all_stated_share:>10.3f} {s.seconds_per_doc:>9.4f}")
    return "\n".join(lines)
