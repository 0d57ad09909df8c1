"""Q&A digest: the analyst exchanges as they happened, each question paired with its own reply.

An exchange is one analyst's turn at the microphone: their question, the executives' reply to it, then each
follow-up with its own reply. The question is the substantive ask (greetings, thanks, congratulations,
"can you hear me", "I have two questions" never are), with the sentence before it when the ask points back
("What drove that?"). Who answered and the gist (the one or two most informative sentences, figures
preferred) come from the reply to that question only; an executive handing the question on ("Dana, do you
want to take that?") is not an answerer. The operator closes an exchange; an analyst's "Okay." or "Thanks."
does not end a reply.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from summarizer.gates import any_of_ignorecase
from summarizer.model import Sentence, Transcript
from summarizer.qa_talk import calls_the_floor, content_count, is_ask, is_courtesy, is_handoff, names_in, refers_back
from summarizer.stemming import STOP_WORDS, TextWords, WordMap, stem

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
_CHUNK = re.compile(r"[,;]\s+")
_QUESTION_SENTENCES = 2  # asks shown per question (a two-part question shows both)
_CONTEXT_WORDS = 60  # a longer sentence before an ask is not brought along as its context


@dataclass
class Answer:
    """One executive's part of a reply."""

    speaker: str
    title: str | None
    turns: list[int] = field(default_factory=list)


def _reply_json(x: "FollowUp | Exchange") -> dict[str, Any]:
    """The question-and-reply fields of a follow-up or an exchange as `dataclasses.asdict` gives them (same keys, same
    order, lists copied), built directly: `asdict` deep-copies field by field and was most of the digest's JSON cost."""
    return {"question": x.question, "question_positions": list(x.question_positions),
            "answerers": [{"speaker": a.speaker, "title": a.title, "turns": list(a.turns)} for a in x.answerers],
            "gist": x.gist, "gist_positions": list(x.gist_positions), "gist_speakers": list(x.gist_speakers),
            "turns": list(x.turns)}


@dataclass
class FollowUp:
    """A further question by the same analyst in the same exchange, with its own reply."""

    question: str
    question_positions: list[int]
    answerers: list[Answer]
    gist: str
    gist_positions: list[int]
    gist_speakers: list[str]
    turns: list[int]

    def to_json(self) -> dict[str, Any]:
        d = _reply_json(self)
        d["answered_by"] = [a.speaker for a in self.answerers]
        d["positions"] = sorted(self.question_positions + self.gist_positions)
        return d

    @classmethod
    def from_json(cls, d: dict[str, Any]) -> "FollowUp":
        kw = {k: d.get(k) for k in cls.__dataclass_fields__}
        kw["answerers"] = [Answer(**a) for a in d.get("answerers") or []]
        for k in ("question_positions", "gist_positions", "gist_speakers", "turns"):
            kw[k] = list(kw[k] or [])
        kw["question"], kw["gist"] = kw["question"] or "", kw["gist"] or ""
        return cls(**kw)  # type: ignore[arg-type]


@dataclass
class Exchange:
    """One analyst's question with its own reply, then each follow-up with its own (`follow_ups`)."""

    analyst: str
    firm: str | None
    question: str  # the substantive ask: one or two of the analyst's sentences (and what they point back to), verbatim
    question_positions: list[int]
    answerers: list[Answer]  # who answered this question (not the follow-ups)
    gist: str  # the one or two most informative sentences of the reply to this question, verbatim
    gist_positions: list[int]
    gist_speakers: list[str]
    turns: list[int]  # every turn of the exchange, follow-ups included
    follow_ups: list[FollowUp] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        d = {"analyst": self.analyst, "firm": self.firm, **_reply_json(self),
             "follow_ups": [f.to_json() for f in self.follow_ups]}
        d["answered_by"] = [a.speaker for a in self.answerers]
        return d

    @classmethod
    def from_json(cls, d: dict[str, Any]) -> "Exchange":
        kw = {k: d.get(k) for k in cls.__dataclass_fields__}
        kw["answerers"] = [Answer(**a) for a in d.get("answerers", [])]
        fus = d.get("follow_ups")  # a count in bundles stored before follow-ups had their own replies
        kw["follow_ups"] = [FollowUp.from_json(f) for f in fus] if isinstance(fus, list) else []
        return cls(**kw)  # type: ignore[arg-type]


# surface word -> its stem when it is a content word (3+ letters, not a stop word), else None
_CONTENT_FORM = WordMap(lambda w: stem(w.lower()) if len(w) > 2 and w.lower() not in STOP_WORDS else None)


def _content(words: list[str]) -> set[str]:
    """The stems of the content words among a sentence's words (`WORD.findall`)."""
    return set(filter(None, map(_CONTENT_FORM.__getitem__, words)))


class _Talk:
    """How the sentences of one call read (courtesy, hand-off), each judged once: its people's names are no content."""

    def __init__(self, speakers: list[str]) -> None:
        self.names = names_in(speakers)
        self._courtesy: dict[str, bool] = {}
        self._handoff: dict[str, bool] = {}

    def courtesy(self, text: str) -> bool:
        v = self._courtesy.get(text)
        if v is None:
            v = self._courtesy[text] = is_courtesy(text, self.names)
        return v

    def handoff(self, text: str) -> bool:
        """Floor talk on the company's side: greetings, hand-offs, calling the next questioner."""
        v = self._handoff.get(text)
        if v is None:
            v = self._handoff[text] = is_handoff(text, self.names) or calls_the_floor(text)
        return v


def _without_courtesy_lead(text: str) -> str:
    """The sentence from its first clause that is not courtesy ('Hi, thanks, and congrats, Dana, how do you...' ->
    'Dana, how do you...'); the sentence itself when nothing, or too little, would be left."""
    pos = 0
    for m in _CHUNK.finditer(text):
        if content_count(text[pos:m.start()], frozenset()) != 0:
            break
        pos = m.end()
    rest = text[pos:]
    if pos == 0 or len(rest.split()) < 4:
        return text
    return rest[:1].upper() + rest[1:]


def _question_sentences(sents: list[Sentence], words: TextWords, talk: _Talk) -> list[Sentence]:
    """The asks of a question turn (two at most), each with the sentence before it when it points back to it."""
    keep = [(i, s) for i, s in enumerate(sents) if not talk.courtesy(s.text)]
    scored = []
    for i, s in keep:
        t = s.text.strip()
        sc = 0.0
        if t.endswith("?"):
            sc += 3
        elif "?" in t:
            sc += 2
        if is_ask(t):
            sc += 1.5
        n = len(words[s.text])
        if n < 4:
            sc -= 1
        if n > 70:
            sc -= 1
        sc -= i * 0.05  # earlier asks first, all else equal
        scored.append((sc, i))
    best = [i for sc, i in sorted(scored, key=lambda x: (-x[0], x[1])) if sc > 0][:_QUESTION_SENTENCES]
    if not best and keep:  # nothing that reads like an ask: the longest sentence that is not courtesy
        best = [max(keep, key=lambda x: len(x[1].text))[0]]
    picked = set(best)
    for i in sorted(best):
        prev = i - 1
        if prev < 0 or prev in picked:
            continue
        t = sents[prev].text
        # the ask points back ("How much of that...?"), or asks about the figure just stated ("capex steps up to
        # $45 million. How should we think about the pace?")
        if not refers_back(sents[i].text) and not (_DIGIT.search(t) and not _DIGIT.search(sents[i].text)):
            continue
        if "?" not in t and not talk.courtesy(t) and 4 <= len(words[t]) <= _CONTEXT_WORDS:
            picked.add(prev)
    return [sents[i] for i in sorted(picked)]


def _gist(sents: list[tuple[Sentence, str]], qwords: set[str], words: TextWords, k: int = 2) -> list[tuple[Sentence, str]]:
    """The `k` most informative reply sentences (figures, the question's words), in call order; `qwords`: the
    question's content stems."""
    scored = []
    for i, (s, who) in enumerate(sents):
        t = s.text.strip()
        ws = words[s.text]
        n = len(ws)
        if n < 2:
            continue
        sc = -2.0 if n < 4 else 0.0  # a short sentence only when the reply has little else ("About two points.")
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
    if not scored:  # one-word replies ("Yes.", "Correct."): the longest of them
        return [max(sents, key=lambda x: len(words[x[0].text]))] if sents else []
    best = sorted(scored, key=lambda x: (-x[0], x[1]))[:k]
    return [(s, who) for _, _, s, who in sorted(best, key=lambda x: x[1])]


@dataclass
class _Unit:
    """One question and its reply, while the exchange is read: the turns that ask, the turns that reply."""

    ask: list[int]
    asks: bool  # a sentence of it asks (a question mark, "could you talk about"), not only remarks
    reply: list[int] = field(default_factory=list)
    answered: bool = False  # a reply turn said something beyond courtesy or a hand-off


@dataclass
class _Open:
    """An exchange being read."""

    analyst: str
    firm: str | None
    turns: list[int] = field(default_factory=list)
    units: list[_Unit] = field(default_factory=list)


def _says_something(sents: list[Sentence], talk: _Talk, *, answer: bool) -> bool:
    """A turn with a sentence beyond courtesy (an analyst's) or beyond courtesy and hand-offs (an executive's)."""
    test = talk.handoff if answer else talk.courtesy
    return any(not test(s.text) for s in sents)


def _segment(transcript: Transcript, by_turn: dict[int, list[Sentence]], talk: _Talk) -> list[_Open]:
    """The exchanges of the call: who asked, in which turns, and which turns replied to each question."""
    out: list[_Open] = []
    cur: _Open | None = None
    for i, t in enumerate(transcript.turns):
        sents = by_turn.get(i, [])
        role = t.role
        if role == "operator":
            cur = None
            continue
        speaker = t.speaker
        if role == "other":  # an unnamed speaker ("Unknown Speaker"): the analyst when no exchange is open, or when
            # they ask something within one (an executive rarely answers with a question); else the company's side
            if cur is None:
                role = "analyst" if _says_something(sents, talk, answer=False) else "executive"
            elif cur.analyst == speaker or not _says_something(sents, talk, answer=False) \
                    or any("?" in s.text and not talk.courtesy(s.text) for s in sents):
                role, speaker = "analyst", cur.analyst  # "Sorry, could you repeat that?", "And the margin?"
            else:
                role = "executive"
        if role == "analyst":
            if cur is None or cur.analyst != speaker:
                cur = _Open(speaker, t.firm)
                out.append(cur)
            cur.firm = cur.firm or t.firm
            cur.turns.append(i)
            if not _says_something(sents, talk, answer=False):
                continue  # "Okay." "Thanks.": the reply, if any, goes on
            asks = any(is_ask(s.text) and not talk.courtesy(s.text) for s in sents)
            last = cur.units[-1] if cur.units else None
            if last is not None and not last.answered:
                last.ask.append(i)  # asked again before anything was answered: the same question
                last.asks = last.asks or asks
            else:
                cur.units.append(_Unit(ask=[i], asks=asks))
        elif cur is not None:
            if any(calls_the_floor(s.text) for s in sents) and not _says_something(sents, talk, answer=True):
                cur = None  # the IR head or CEO calls the next questioner: this exchange is over
                continue
            cur.turns.append(i)
            if cur.units:
                unit = cur.units[-1]
                unit.reply.append(i)
                unit.answered = unit.answered or _says_something(sents, talk, answer=True)
    for x in out:  # remarks ("It's been a pleasure working with you.") are no question where the analyst asks one
        if any(u.asks for u in x.units):
            x.units = [u for u in x.units if u.asks]
    return [x for x in out if x.units]


def _answer_of(transcript: Transcript, unit: _Unit, by_turn: dict[int, list[Sentence]], talk: _Talk,
               words: TextWords) -> tuple[str, list[int], list[Answer], list[tuple[Sentence, str]]]:
    """(question, its positions, answerers, gist) of one question and its own reply."""
    turns = transcript.turns
    asked = [s for ti in unit.ask for s in by_turn.get(ti, [])]
    qs = _question_sentences(asked, words, talk)
    question = " ".join(s.text.strip() for s in qs)
    if qs:
        question = _without_courtesy_lead(qs[0].text.strip()) + question[len(qs[0].text.strip()):]
    substantive = [ti for ti in unit.reply if _says_something(by_turn.get(ti, []), talk, answer=True)]
    answering = substantive or unit.reply
    answerers: list[Answer] = []
    for ti in answering:
        t = turns[ti]
        a = next((a for a in answerers if a.speaker == t.speaker), None)
        if a is None:
            a = Answer(t.speaker, t.title)
            answerers.append(a)
        a.turns.append(ti)
    reply = [(s, turns[ti].speaker) for ti in answering for s in by_turn.get(ti, [])
             if not (len(s.text) < 200 and talk.handoff(s.text))]
    gist = _gist(reply, _content([w for s in asked for w in words[s.text]]), words)
    return question, [s.position for s in qs], answerers, gist


def qa_exchanges(transcript: Transcript, sentences: list[Sentence], *, words: TextWords | None = None) -> list[Exchange]:
    """Every analyst exchange in the call's Q&A (or, when no section is marked, wherever analysts speak).
    `words`: the call's sentences split into words, shared with other analyses (filled as needed)."""
    words = TextWords() if words is None else words
    by_turn: dict[int, list[Sentence]] = {}
    for s in sentences:
        by_turn.setdefault(s.turn, []).append(s)
    talk = _Talk([t.speaker for t in transcript.turns])
    out: list[Exchange] = []
    for g in _segment(transcript, by_turn, talk):
        parts = []
        for unit in g.units:
            q, qpos, answerers, gist = _answer_of(transcript, unit, by_turn, talk, words)
            parts.append(FollowUp(
                question=q, question_positions=qpos, answerers=answerers, gist=" ".join(s.text.strip() for s, _ in gist),
                gist_positions=[s.position for s, _ in gist], gist_speakers=list(dict.fromkeys(w for _, w in gist)),
                turns=sorted(unit.ask + unit.reply)))
        main = parts[0]
        out.append(Exchange(
            analyst=g.analyst, firm=g.firm, question=main.question, question_positions=main.question_positions,
            answerers=main.answerers, gist=main.gist, gist_positions=main.gist_positions,
            gist_speakers=main.gist_speakers, turns=sorted(g.turns), follow_ups=parts[1:]))
    return out
