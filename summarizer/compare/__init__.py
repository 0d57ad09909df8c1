"""What changed since the last call: guidance moves, results against the company's own guidance, reported
figures against earlier quarters, topic shifts and tone, from plain data of stored calls (no SQL here).

`compare_calls(now, calls)` takes the call and every stored call of its company (oldest first, `now` among
them) and returns a `Changes`, whose `to_json()` is the `earnings-bot changes --json` contract."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from summarizer.compare.guidance import (MOVES, VERDICTS, GuidanceMove, VsGuidance, guidance_moves,
                                         results_vs_guidance)
from summarizer.compare.model import CallFacts, compact
from summarizer.compare.results import FigureChange, reported_changes
from summarizer.compare.tone_change import tone_change
from summarizer.compare.topics import TopicShift, topic_shifts

__all__ = ["MOVES", "VERDICTS", "CallFacts", "Changes", "GuidanceMove", "VsGuidance", "FigureChange", "TopicShift",
           "compare_calls", "compact", "earlier_of"]


@dataclass
class Changes:
    """A call beside the company's previous stored call."""

    call: CallFacts
    previous: CallFacts | None
    guidance: list[GuidanceMove] = field(default_factory=list)
    vs_guidance: list[VsGuidance] = field(default_factory=list)
    figures: list[FigureChange] = field(default_factory=list)
    topics: list[TopicShift] = field(default_factory=list)
    tone: dict[str, Any] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return {"call": self.call.meta(), "previous": self.previous.meta() if self.previous else None,
                "guidance": [g.to_json() for g in self.guidance],
                "vs_guidance": [v.to_json() for v in self.vs_guidance],
                "figures": [f.to_json() for f in self.figures], "topics": [t.to_json() for t in self.topics],
                "tone": self.tone, "notes": self.notes}

    @property
    def moves(self) -> list[GuidanceMove]:
        """The guidance moves that change something (all but reaffirmations)."""
        return [g for g in self.guidance if g.move != "reaffirmed"]

    def headline(self) -> str:
        """One line that says what changed most: a guidance move, else a result against guidance, else that
        nothing moved."""
        who = self.call.name
        if self.guidance:
            return self.guidance[0].headline(who)
        if self.vs_guidance:
            return f"{who} {self.vs_guidance[0].headline()}"
        q = self.call.quarter or f"call #{self.call.id}"
        if self.previous is None:
            return f"{who} {q}: no earlier call stored to compare with"
        return f"{who} {q}: no guidance moves since {self.previous.quarter or 'the previous call'}"


def earlier_of(now: CallFacts, calls: list[CallFacts]) -> list[CallFacts]:
    """The calls before `now` in the company's order (fiscal period, then as given)."""
    ids = [c.id for c in calls]
    if now.id in ids:
        return calls[:ids.index(now.id)]
    here = now.period
    return [c for c in calls if here is not None and c.period is not None and c.period.end < here.end]


def compare_calls(now: CallFacts, calls: list[CallFacts]) -> Changes:
    """`now` beside the latest earlier call of `calls` (every stored call of the company, oldest first)."""
    earlier = earlier_of(now, calls)
    previous = earlier[-1] if earlier else None
    ch = Changes(now, previous)
    if previous is None:
        ch.notes.append("No earlier call stored: the guidance moves are the ones this call states.")
    elif now.period is not None and now.period.is_quarter and previous.period is not None:
        expected = now.period.previous_quarter()
        if expected is not None and previous.period.end < expected.end:
            ch.notes.append(f"{expected.label} is not stored: compared with {previous.quarter}, the latest earlier "
                            f"call stored.")
    ch.guidance = guidance_moves(now, previous)
    ch.vs_guidance = results_vs_guidance(now, earlier)
    ch.figures = reported_changes(now, earlier)
    ch.topics = topic_shifts(now, previous)
    ch.tone = tone_change(now, previous, calls)
    return ch
