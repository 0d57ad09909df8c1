"""Tone beside the previous call: net tone overall, per section and per executive, the change, the company's
own range over its stored calls, and the sentences that move the score most (from `summarizer.tone`)."""
from __future__ import annotations

from typing import Any

from summarizer.compare.model import CallFacts

MAX_SENTENCES = 3
MIN_WORDS = 40  # an executive who said fewer scored words than this has no tone worth comparing


def _pick(stats: dict[str, Any] | None) -> dict[str, Any] | None:
    if not stats or not stats.get("words"):
        return None
    return {k: stats.get(k) for k in ("net", "positive", "negative", "uncertainty", "words", "positive_rate",
                                      "negative_rate", "uncertainty_rate")}


def _pair(now: dict[str, Any] | None, before: dict[str, Any] | None) -> dict[str, Any]:
    n, b = _pick(now), _pick(before)
    change = round(n["net"] - b["net"], 5) if n and b and n["net"] is not None and b["net"] is not None else None
    unc = (round(n["uncertainty_rate"] - b["uncertainty_rate"], 5)
           if n and b and n["uncertainty_rate"] is not None and b["uncertainty_rate"] is not None else None)
    return {"now": n, "before": b, "change": change, "uncertainty_change": unc}


def person_key(name: str) -> str:
    """A speaker compared across calls without initials or case: 'C. Marcus Oyelaran' and 'Marcus Oyelaran' match."""
    import re

    return " ".join(w for w in re.findall(r"[a-z]+", name.lower()) if len(w) > 1)


def _sentences(call: CallFacts, side: str) -> list[dict[str, Any]]:
    out = []
    for s in ((call.tone or {}).get("top") or {}).get(side, [])[:MAX_SENTENCES]:
        out.append({"call_id": call.id, "company": call.company or call.ticker, "quarter": call.quarter,
                    "speaker": s.get("speaker"), "sentence": s.get("text"), "position": s.get("position"),
                    "section": s.get("section"), "positive": s.get("positive", []),
                    "negative": s.get("negative", []), "uncertainty": s.get("uncertainty", [])})
    return out


def tone_change(now: CallFacts, before: CallFacts | None, calls: list[CallFacts]) -> dict[str, Any]:
    """The `tone` object of the JSON output; empty dict when the call has no stored tone."""
    t1 = now.tone
    if not t1 or not (t1.get("overall") or {}).get("words"):
        return {}
    t0 = before.tone if before is not None else None
    out = _pair(t1.get("overall"), (t0 or {}).get("overall"))
    out["sections"] = {sec: _pair((t1.get("sections") or {}).get(sec), ((t0 or {}).get("sections") or {}).get(sec))
                       for sec in ("prepared", "qa") if (t1.get("sections") or {}).get(sec)}
    people0 = {person_key(p["speaker"]): p for p in (t0 or {}).get("executives", []) if p.get("speaker")}
    out["executives"] = [dict(_pair(p, people0.get(person_key(p["speaker"]))), speaker=p["speaker"], title=p.get("title"))
                         for p in t1.get("executives", []) if p.get("speaker") and p.get("words", 0) >= MIN_WORDS]
    history = [(c, (c.tone or {}).get("overall", {}).get("net")) for c in calls]
    nets = [(c, n) for c, n in history if n is not None]
    if nets:
        values = sorted(n for _, n in nets)
        mine = (t1.get("overall") or {}).get("net")
        out["range"] = {"min": values[0], "max": values[-1], "calls": len(values),
                        "rank": 1 + sum(1 for v in values if v > mine) if mine is not None else None,
                        "history": [{"call_id": c.id, "quarter": c.quarter, "net": n} for c, n in nets]}
    change = out["change"]
    side = "negative" if change is not None and change < 0 else "positive"
    out["moved_by"] = side if change is not None else None
    out["sentences"] = _sentences(now, side) if change is not None else (
        _sentences(now, "positive")[:2] + _sentences(now, "negative")[:2])
    return out
