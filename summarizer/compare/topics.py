"""Topic shifts between two calls: the topics whose share of the talk rose or fell most, and topics new this
call, each with its top cited sentence. A share is the part of the call's sentences that talk about the topic
(the stored topic tags); a topic counts as discussed from two sentences on."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from summarizer.compare.model import CallFacts, cite

MIN_SHIFT = 0.01  # a share that moved less than one point of the call's sentences did not move
MAX_EACH = 3


@dataclass
class TopicShift:
    """One topic's share of the talk in the previous call and in this one, and its best sentence."""

    topic: str
    key: str
    change: str  # "rose" | "fell" | "new"
    share_before: float
    share_now: float
    count_before: int
    count_now: int
    sentence: dict[str, Any] | None

    def to_json(self) -> dict[str, Any]:
        return {"topic": self.topic, "key": self.key, "change": self.change, "share_before": self.share_before,
                "share_now": self.share_now, "count_before": self.count_before, "count_now": self.count_now,
                "sentence": self.sentence}


def _top_sentence(call: CallFacts, tag: dict[str, Any] | None) -> dict[str, Any] | None:
    sents = (tag or {}).get("sentences") or []
    return cite(call, sents[0]) if sents else None


def topic_shifts(now: CallFacts, before: CallFacts | None) -> list[TopicShift]:
    """New topics first, then the largest rises, then the largest falls (at most three of each)."""
    if before is None:
        return []
    a = {t["key"]: t for t in before.topics}
    b = {t["key"]: t for t in now.topics}
    new, moved = [], []
    for key in set(a) | set(b):
        t0, t1 = a.get(key), b.get(key)
        s0, s1 = (t0 or {}).get("share", 0.0), (t1 or {}).get("share", 0.0)
        name = (t1 or t0)["name"]  # type: ignore[index]
        c0, c1 = (t0 or {}).get("count", 0), (t1 or {}).get("count", 0)
        if t0 is None:
            new.append(TopicShift(name, key, "new", 0.0, s1, 0, c1, _top_sentence(now, t1)))
        elif abs(s1 - s0) >= MIN_SHIFT:
            sent = _top_sentence(now, t1) or _top_sentence(before, t0)
            moved.append(TopicShift(name, key, "rose" if s1 > s0 else "fell", s0, s1, c0, c1, sent))
    new.sort(key=lambda t: (-t.share_now, t.topic))
    rose = sorted((t for t in moved if t.change == "rose"), key=lambda t: (t.share_before - t.share_now, t.topic))
    fell = sorted((t for t in moved if t.change == "fell"), key=lambda t: (t.share_now - t.share_before, t.topic))
    return new[:MAX_EACH] + rose[:MAX_EACH] + fell[:MAX_EACH]
