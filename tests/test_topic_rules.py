"""Topics that mean their topic: a phrase counts only in a context that fits, measured on hand-labelled
sentences (precision >= 0.95 at recall >= 0.90), and the confusions a reader saw never count."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from summarizer.stemming import stem
from summarizer.topics import builtin_topics, labelled_accuracy, sentence_topics

LABELLED = Path(__file__).parent / "data" / "topics" / "labelled.jsonl"


def items() -> list[dict]:
    return [json.loads(line) for line in LABELLED.read_text(encoding="utf-8").splitlines() if line.strip()]


def test_the_labelled_set_is_large_and_labelled_with_known_topics() -> None:
    keys = {t.key for t in builtin_topics()}
    data = items()
    assert len(data) >= 200 and len({d["text"] for d in data}) == len(data)
    assert all(set(d["on"]) <= keys and set(d.get("maybe", ())) <= keys for d in data)
    assert sum(not d["on"] for d in data) >= 40  # sentences about no topic at all
    for k in keys:  # every topic has sentences about it and hard cases that are not
        assert sum(k in d["on"] for d in data) >= 8, k


def test_precision_and_recall_on_the_labelled_sentences() -> None:
    r = labelled_accuracy(items())
    assert r["precision"] >= 0.95 and r["recall"] >= 0.90, r
    assert all(v["precision"] >= 0.85 for v in r["topics"].values()), r["topics"]


@pytest.mark.parametrize("text,topic", [
    ("Software revenue grew 8% in the quarter.", "ai"),
    ("Our software segment margin was 22%.", "ai"),
    ("We're well positioned to deal with whatever comes our way.", "mna"),
    ("We closed three large deals with regional banks this quarter.", "mna"),
    ("We changed our pricing policy for small customers.", "regulation"),
    ("Our return policy is now 60 days for loyalty members.", "regulation"),
    ("In order to close the year strong, we pulled forward two marketing events.", "revenue"),
    ("Please join me in congratulating Maria on her promotion to chief operating officer.", "pricing"),
    ("Net debt to EBITDA fell to 1.8 times.", "margins"),
    ("Hi, thanks. It's Dan Okafor from Keller Bank.", "cash"),
    ("The new plant came online in August.", "channels"),
    ("We spent something in the region of $5 million on the upgrade.", "regions"),
    ("We issued a press release this morning with the details.", "products"),
    ("That investment in training is paying dividends in service quality.", "capital-returns"),
    ("Customer acquisition costs fell 12% on better targeting.", "mna"),
    ("Thank you to all our employees for a great year.", "headcount"),
])
def test_a_phrase_out_of_its_context_does_not_count(text: str, topic: str) -> None:
    assert topic not in sentence_topics(text)


@pytest.mark.parametrize("text,topic", [
    ("We are embedding machine learning in the planning software our customers use.", "ai"),
    ("Our AI software now drafts the first pass of every claim.", "ai"),
    ("We closed the acquisition of Tessel Robotics on September 30.", "mna"),
    ("New privacy regulations take effect in 2027.", "regulation"),
    ("Orders rose 18% and backlog ended at a record.", "revenue"),
    ("We took a second round of price increases in October.", "pricing"),
    ("The board raised the quarterly dividend by 10%.", "capital-returns"),
])
def test_a_phrase_in_its_context_counts(text: str, topic: str) -> None:
    assert topic in sentence_topics(text)


def test_no_topic_repeats_a_phrase_with_other_conditions() -> None:
    for t in builtin_topics():  # two rules with the same words would let the looser one undo the stricter
        seen: dict[tuple, object] = {}
        for f in t.rules:
            key = (f.stems, f.spelled, f.exact)
            assert key not in seen, (t.key, f.text)
            seen[key] = f
    assert all(stem(w) for t in builtin_topics() for f in t.rules for w in f.stems)
