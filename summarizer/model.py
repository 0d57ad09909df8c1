"""The plain data every layer shares: a parsed transcript, its turns and its sentences."""
from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any, Literal

Role = Literal["executive", "analyst", "operator", "other"]
Section = Literal["prepared", "qa"]
ROLES: tuple[str, ...] = ("executive", "analyst", "operator", "other")
NO_SPEAKER = "Unknown"  # the speaker of the one turn a document with no speaker markup becomes
SECTIONS: tuple[str, ...] = ("prepared", "qa")


@dataclass
class Turn:
    """One speaker's uninterrupted contribution; paragraphs joined with blank lines."""

    speaker: str
    role: str = "other"
    title: str | None = None
    firm: str | None = None
    section: str = "prepared"
    text: str = ""


@dataclass
class Transcript:
    """A parsed call. `to_json()` is the `earnings-bot parse --json` contract (see docs/GUIDE)."""

    title: str | None = None
    company: str | None = None
    ticker: str | None = None
    fiscal_quarter: int | None = None
    fiscal_year: int | None = None
    call_date: str | None = None  # YYYY-MM-DD
    source: str | None = None
    turns: list[Turn] = field(default_factory=list)
    preamble: str | None = None  # article text before the transcript (a news intro), not a turn

    def to_json(self) -> dict[str, Any]:
        return {
            "title": self.title,
            "company": self.company,
            "ticker": self.ticker,
            "fiscal_quarter": self.fiscal_quarter,
            "fiscal_year": self.fiscal_year,
            "call_date": self.call_date,
            "source": self.source,
            "turns": [asdict(t) for t in self.turns],
            "preamble": self.preamble,
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> "Transcript":
        turns = [Turn(**{k: t.get(k) for k in ("speaker", "role", "title", "firm", "section", "text")})
                 for t in data.get("turns", [])]
        return cls(**{k: data.get(k) for k in ("title", "company", "ticker", "fiscal_quarter",
                                               "fiscal_year", "call_date", "source", "preamble")}, turns=turns)

    @property
    def text(self) -> str:
        return "\n\n".join(t.text for t in self.turns)


@dataclass(frozen=True)
class Sentence:
    """A sentence of a call: `turn` indexes `Transcript.turns` (-1: the preamble), `position` counts from 0 over the call."""

    turn: int
    position: int
    text: str

    def __reduce__(self) -> tuple:
        # pickled as its three fields (bulk ingest ships every sentence from a worker process): 6x faster to load
        # than the default for a frozen dataclass
        return (Sentence, (self.turn, self.position, self.text))


def sentences_of(transcript: Transcript) -> list[Sentence]:
    """Split every turn into sentences, numbered in call order (the same split ingest stores)."""
    from summarizer.sentences import split_sentences

    out: list[Sentence] = []
    if transcript.preamble:
        for s in split_sentences(transcript.preamble):
            out.append(Sentence(turn=-1, position=len(out), text=s))
    for i, turn in enumerate(transcript.turns):
        for s in split_sentences(turn.text):
            out.append(Sentence(turn=i, position=len(out), text=s))
    return out
