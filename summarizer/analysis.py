"""The analysis bundle computed when a call is stored: default summary, key figures, topic tags, Q&A digest, tone.

Everything here is plain data in, plain data out. `ANALYSIS_VERSION` names the code and data that made
a bundle; stored bundles with another version are recomputed (see `bot.ops.analysis`).
"""
from __future__ import annotations

from typing import Any

from summarizer.figures import FIGURES_VERSION, extract_figures
from summarizer.model import Sentence, Transcript
from summarizer.qa import qa_exchanges
from summarizer.stemming import TextWords
from summarizer.tone import call_tone
from summarizer.topics import tag_call, taxonomy_version

A_VERSION = "3"  # bump when figures, Q&A, topic tagging or tone change what they produce (2: tone; 3: Q&A exchanges)
KINDS = ("summary", "figures", "topics", "qa", "tone")
MAX_FIGURES = 60


def summary_method_version() -> str | None:
    """The summary method's version, or None when the summary module is not available."""
    try:
        from summarizer.summarize import METHOD_VERSION
    except ImportError:
        return None
    return str(METHOD_VERSION)


def analysis_version() -> str:
    """Our version + the figures/taxonomy versions + the summary method's version, e.g. 'a1.f1.t1+default-1'."""
    return f"a{A_VERSION}.f{FIGURES_VERSION}.t{taxonomy_version()}+{summary_method_version() or 'nosummary'}"


ANALYSIS_VERSION = analysis_version()


def default_summary(transcript: Transcript, sentences: list[Sentence]) -> dict[str, Any] | None:
    """The default summary as its JSON contract, or None when no summary method is installed."""
    try:
        from summarizer.summarize import summarize
    except ImportError:
        return None
    return summarize(transcript, sentences).to_json()


def analyze(transcript: Transcript, sentences: list[Sentence]) -> dict[str, Any]:
    """kind -> JSON-able data for every analysis stored at ingest, plus the version that made them."""
    out: dict[str, Any] = {"version": analysis_version()}
    summ = default_summary(transcript, sentences)
    if summ is not None:
        out["summary"] = summ
    out["figures"] = [f.to_json() for f in extract_figures(transcript, sentences, limit=MAX_FIGURES)]
    words = TextWords()  # each sentence split into words once, for topic tags and the Q&A digest alike
    out["topics"] = [t.to_json() for t in tag_call(transcript, sentences, words=words)]
    out["qa"] = [e.to_json() for e in qa_exchanges(transcript, sentences, words=words)]
    out["tone"] = call_tone(transcript, sentences)
    return out
