"""How a figure reads to a person: its period, its metric as said (with its scope), its change with the sign in words,
and for guidance the direction and the previous guidance. Every number shown is a verbatim slice of the call; the
period labels ("Q4 2025", "FY 2026") are the call's own periods, normalised."""
from __future__ import annotations

import re

from summarizer.figures.model import Figure

_DIRECTION_WORDS = re.compile(r"\b(?:up|down|rose|fell|grew|increase\w*|decrease\w*|decline\w*|drop\w*|higher|lower|"
                              r"improv\w*|expan\w*|contract\w*|gain\w*|growth|grow\w*|below|above|from|compared|versus|vs)\b",
                              re.I)
_DIRECTION_SAID = {"raised": "raised", "lowered": "lowered", "narrowed": "narrowed", "reaffirmed": "reaffirmed",
                   "initiated": "initiated", "withdrawn": "withdrawn"}


def period_label(f: Figure) -> str | None:
    """The figure's period, normalised ('Q4 2025', 'FY 2026'), else as said, else None."""
    return f.fiscal_period or f.period


def metric_label(f: Figure) -> str:
    """The metric as said, with a capital only where the call has one ('adjusted EPS', 'Orchestrate revenue')."""
    name = f.metric or f.metric_key.replace("_", " ") or "figure"
    if f.metric_key.endswith("_part") and name.endswith(" (part)"):  # a part the ranking found, not one said
        name = name.removesuffix(" (part)") + " (a part the sentence does not name)"
    return name


def change_label(f: Figure) -> str | None:
    """The change as said; with its sign in words when the words carry none ('5%' -> 'up 5%')."""
    if not f.change:
        return None
    if not _DIRECTION_WORDS.search(f.change) and f.change_pct is not None:
        return f"{'up' if f.change_pct > 0 else 'down'} {f.change}"
    return f.change


def guidance_label(f: Figure) -> str | None:
    """'raised from $3.45 to $3.55', 'reaffirmed', 'lowered', or None when the call says no direction."""
    if f.kind != "guidance" or not f.direction:
        return None
    word = _DIRECTION_SAID.get(f.direction, f.direction)
    if f.previous and f.direction in ("raised", "lowered", "narrowed"):
        return f"{word} from {f.previous}"
    return word


def value_label(f: Figure) -> str:
    """The value as said, with its approximation word ('about $720 million') and a loss said as one."""
    val = f.value
    if f.approx and f.approx not in val:
        val = f"{f.approx} {val}"
    return val


def parts(f: Figure) -> tuple[str, str, str | None, str | None]:
    """(head, value, change, guidance) as a reader sees them: 'Q4 2025 · adjusted EPS', '$0.47', 'up 10% from $0.80',
    'raised from $3.40 to $3.50'; the scope added to the head when the metric as said does not name it."""
    name = metric_label(f)
    period = period_label(f)
    head = f"{period} · {name}" if period else name
    if f.scope and f.scope.lower() not in name.lower():
        head += f" ({f.scope})"
    change = change_label(f)
    value = value_label(f)
    if change and f.value in change and not f.compared_to:
        value, change = change, None  # a growth said as its change: "organic sales: up 3.9%", not "3.9% - up 3.9%"
    return head, value, (change if change and change != f.value else None), guidance_label(f)
