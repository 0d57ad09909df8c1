"""Q&A digest: each analyst exchange as analyst, firm, the question itself, who answered, and the answer's gist.

The question is the analyst's question sentences, not "thanks for taking my question"; the gist is the
one or two most informative answer sentences (figures preferred). A follow-up by the same analyst right
after joins their exchange.
"""
from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field
from typing import Any

from summarizer.gates import any_of_ignorecase
from summarizer.model import Sentence, Transcript
from summarizer.stemming import STOP_WORDS, TextWords, WordMap, stem

_PREAMBLE = re.compile(
    r"^\W*(?:hi|hello|hey|good (?:morning|afternoon|evening|day)|thanks?\b|thank you|congrat\w*|great|nice|okay|ok|yes|yeah|sure|"
    r"perfect|got it|understood|appreciate|all right|alright)\b|\bthanks? (?:you )?for taking\b|\bnice quarter\b|\bcongratulations\b"
    r"|\bfor taking my questions?\b|\bmy line\b|\bcan you hear me\b|\bjust one from me\b",
    re.I)
_ASK = re.compile(
    r"\?|\b(?:my (?:first |second |next |last |final |follow-?up )?question|i (?:would|'d) (?:like to|love to) (?:ask|understand|know|hear)|"
    r"(?:could|can|would) you (?:please )?(?:talk|give|provide|help|share|comment|elaborate|walk|speak|update|quantify|explain|clarify|tell)|"
    r"i(?:'m| am) (?:curious|wondering)|i wonder|wondering (?:if|whether)|may i ask|how (?:do|does|should|will|are|is|much|many)|"
    r"what (?:is|are|was|were|do|does|will)|whether|any (?:color|colour|update|thoughts)|"
    r"(?:the|my) (?:first|second|next|other) (?:one|question)|(?:first|second)(?:ly)?,)\b", re.I)
_COUNT_ONLY = re.compile(r"^\W*(?:i have|i've got|i got|just|a couple of|two|three) (?:two|three|a couple of|a few)? ?(?:quick |short )?(?:questions?|follow-?ups?)\W*$", re.I)
# Filler in an answer: how it opens (tried at its start only), or a phrase anywhere (tried only when one of
# its words occurs).
_FILLER_START = re.compile(
    r"\W*(?:thanks?|thank you|great question|good question|that's a great|sure|yes|yeah|okay|ok|so|well|right|let me|i'll|i will)\b",
    re.I)
_FILLER = re.compile(
    r"\b(?:let me (?:answer|take|start|add)|i'll (?:take|answer|start|add)|(?:great|good) question|as (?:i|we) (?:said|mentioned)|"
    r"thank(?:s| you) for (?:the|your) question)\b", re.I)
_MAY_BE_FILLER = any_of_ignorecase(("let me", "i'll", "question", "said", "mentioned"))
_DIGIT = re.compile(r"\d")
_MONEYISH = re.compile(r"%|\$|€|£|¥|\b(?:billion|million|percent|yuan|basis points?)\b", re.I)
# what `_MONEYISH` needs somewhere in the sentence (most answer sentences have none: the regex is skipped)
_MAY_BE_MONEYISH = any_of_ignorecase(("%", "$", "€", "£", "¥", "billion", "million", "percent", "yuan", "basis point"))


@dataclass
class Answer:
    """One executive's part of an answer."""

    speaker: str
    title: str | None
    turns: list[int] = field(default_factory=list)


@dataclass
class Exchange:
    """One analyst's question(s) and the executives' answers."""

    analyst: str
    firm: str | None
    question: str  # one or two of the analyst's question sentences, verbatim
    question_positions: list[int]
    answerers: list[Answer]
    gist: str  # the one or two most informative answer sentences, verbatim
    gist_positions: list[int]
    gist_speakers: list[str]
    turns: list[int]
    follow_ups: int = 0

    def to_json(self) -> dict[str, Any]:
        d = asdict(self)
        d["answered_by"] = [a.speaker for a in self.answerers]
        return d

    @classmethod
    def from_json(cls, d: dict[str, Any]) -> "Exchange":
        kw = {k: d.get(k) for k in cls.__dataclass_fields__}
        kw["answerers"] = [Answer(**a) for a in d.get("answerers", [])]
        return cls(**kw)  # type: ignore[arg-type]


# surface word -> its stem when it is a content word (3+ letters, not a stop word), else None
_CONTENT_FORM = WordMap(lambda w: stem(w.lower()) if len(w) > 2 and w.lower() not in STOP_WORDS else None)


def _content(words: list[str]) -> set[str]:
    """The stems of the content words among a sentence's words (`WORD.findall`)."""
    return set(filter(None, map(_CONTENT_FORM.__getitem__, words)))


def _question_sentences(sents: list[Sentence], words: TextWords, k: int = 2) -> list[Sentence]:
    scored = []
    for i, s in enumerate(sents):
        t = s.text.strip()
        if _COUNT_ONLY.match(t):
            continue
        sc = 0.0
        if t.endswith("?"):
            sc += 3
        elif "?" in t:
            sc += 2
        if _ASK.search(t):
            sc += 1.5
        if _PREAMBLE.search(t) and not t.endswith("?"):
            sc -= 4
        n = len(words[s.text])
        if n < 5:
            sc -= 2
        if n > 70:
            sc -= 1
        sc -= i * 0.05  # earlier asks first, all else equal
        scored.append((sc, i, s))
    best = [x for x in sorted(scored, key=lambda x: (-x[0], x[1])) if x[0] > 0][:k]
    if not best:  # nothing that reads like a question: the longest non-courtesy sentence
        rest = [x for x in scored if not _PREAMBLE.search(x[2].text)] or scored
        best = sorted(rest, key=lambda x: -len(x[2].text))[:1]
    return [s for _, _, s in sorted(best, key=lambda x: x[1])]


def _gist(sents: list[tuple[Sentence, str]], qwords: set[str], words: TextWords, k: int = 2) -> list[tuple[Sentence, str]]:
    """The `k` most informative answer sentences (figures, the question's words), in call order; `qwords`: the
    question's content stems."""
    scored = []
    for i, (s, who) in enumerate(sents):
        t = s.text.strip()
        ws = words[s.text]
        n = len(ws)
        if n < 4:
            continue
        sc = 0.0
        digit = _DIGIT.search(t) is not None
        if _MAY_BE_MONEYISH(t) and _MONEYISH.search(t):
            sc += 2.5
        elif digit:
            sc += 1.2
        cw = _content(ws)
        if qwords and cw:
            sc += 2.0 * len(cw & qwords) / (len(qwords) ** 0.5 * len(cw) ** 0.5)
        if not digit and (_FILLER_START.match(t) or _MAY_BE_FILLER(t) and _FILLER.search(t)):
            sc -= 2
        if n < 8:
            sc -= 1
        if n > 60:
            sc -= 1
        if t.endswith("?"):
            sc -= 1
        sc += 0.5 / (1 + i)  # the first words of an answer often state it
        scored.append((sc, i, s, who))
    best = sorted(scored, key=lambda x: (-x[0], x[1]))[:k]
    return [(s, who) for _, _, s, who in sorted(best, key=lambda x: x[1])]


def qa_exchanges(transcript: Transcript, sentences: list[Sentence], *, words: TextWords | None = None) -> list[Exchange]:
    """Every analyst exchange in the call's Q&A (or, when no section is marked, wherever analysts speak).
    `words`: the call's sentences split into words, shared with other analyses (filled as needed)."""
    words = TextWords() if words is None else words
    by_turn: dict[int, list[Sentence]] = {}
    for s in sentences:
        by_turn.setdefault(s.turn, []).append(s)
    turns = transcript.turns
    groups: list[dict[str, Any]] = []
    cur: dict[str, Any] | None = None
    for i, t in enumerate(turns):
        if t.role == "analyst":
            if cur is not None and cur["analyst"] == t.speaker and (cur["last_q"] == i - 1 or cur["answers"]):
                # same analyst again right after their exchange: a follow-up
                if cur["answers"] and any(_ASK.search(x.text) and not _PREAMBLE.match(x.text) for x in by_turn.get(i, [])):
                    cur["follow_ups"] += 1  # a question again, not just "thanks"
                cur["q_turns"].append(i)
                cur["last_q"] = i
                continue
            cur = {"analyst": t.speaker, "firm": t.firm, "q_turns": [i], "answers": [], "last_q": i, "follow_ups": 0}
            groups.append(cur)
        elif t.role == "executive" and cur is not None:
            cur["answers"].append(i)
    out: list[Exchange] = []
    for g in groups:
        qs = [s for ti in g["q_turns"] for s in by_turn.get(ti, [])]
        if not qs:
            continue
        first_q = _question_sentences(by_turn.get(g["q_turns"][0], []), words) or _question_sentences(qs, words)
        question = " ".join(s.text.strip() for s in first_q)
        ans_sents = [(s, turns[ti].speaker) for ti in g["answers"] for s in by_turn.get(ti, [])]
        gist = _gist(ans_sents, _content([w for s in qs for w in words[s.text]]), words)
        answerers: list[Answer] = []
        for ti in g["answers"]:
            t = turns[ti]
            a = next((a for a in answerers if a.speaker == t.speaker), None)
            if a is None:
                a = Answer(t.speaker, t.title)
                answerers.append(a)
            a.turns.append(ti)
        out.append(Exchange(
            analyst=g["analyst"], firm=g["firm"], question=question, question_positions=[s.position for s in first_q],
            answerers=answerers, gist=" ".join(s.text.strip() for s, _ in gist),
            gist_positions=[s.position for s, _ in gist], gist_speakers=list(dict.fromkeys(w for _, w in gist)),
            turns=sorted(g["q_turns"] + g["answers"]), follow_ups=g["follow_ups"]))
    return out
