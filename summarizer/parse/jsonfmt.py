"""JSON transcripts: the Motley Fool dataset shape, and our own `parse --json` output."""
from __future__ import annotations

import json
import re
from typing import Any

from summarizer.errors import BadJson
from summarizer.model import Transcript
from summarizer.parse.speakers import SpeakerInfo, parse_label

_FILE_PERIOD = re.compile(r"(?P<t>[A-Za-z][A-Za-z0-9.\-]{0,7})[_\-\s]+q(?P<q>[1-4])[_\-\s]+(?P<y>(?:19|20)\d{2})", re.I)
_SHAPES = "a Motley Fool transcript ({prepared_remarks, q_and_a, participants}) or earnings-bot's parse --json output ({title, turns})"


def parse_json(text: str, name: str) -> Transcript:
    """Parse a JSON transcript; wrong shapes get one line naming the shapes we read."""
    try:
        data = json.loads(text)
    except (json.JSONDecodeError, RecursionError) as e:
        where = f" (line {e.lineno}, column {e.colno})" if isinstance(e, json.JSONDecodeError) else ""
        raise BadJson(f"{name} is not valid JSON{where}: fix the file, or send the transcript as text.") from None
    if isinstance(data, dict) and isinstance(data.get("turns"), list):
        return _ours(data, name)
    if isinstance(data, dict) and ("prepared_remarks" in data or "q_and_a" in data):
        return _motley_fool(data, name)
    raise BadJson(f"{name} is JSON of a shape we do not read: send {_SHAPES}.")


def _ours(data: dict[str, Any], name: str) -> Transcript:
    turns = data["turns"]
    if not all(isinstance(t, dict) and isinstance(t.get("speaker"), str) and isinstance(t.get("text"), str) for t in turns):
        raise BadJson(f"{name}: every turn needs a 'speaker' and a 'text' string: send {_SHAPES}.")
    tr = Transcript.from_json(data)
    tr.turns = [t for t in tr.turns if t.text.strip()]
    if not tr.turns:
        raise BadJson(f"{name} has no turns with text: send a transcript with speech in it.")
    for t in tr.turns:
        t.role = t.role if t.role in ("executive", "analyst", "operator", "other") else "other"
        t.section = t.section if t.section in ("prepared", "qa") else "prepared"
    tr.source = tr.source or name
    return tr


def _speech_lines(items: Any, name: str, key: str) -> list[tuple[str, str]]:
    if items is None:
        return []
    if not isinstance(items, list) or not all(isinstance(i, dict) for i in items):
        raise BadJson(f"{name}: '{key}' must be a list of {{speaker, speech}} objects: send {_SHAPES}.")
    out = []
    for i in items:
        sp, text = i.get("speaker"), i.get("speech", i.get("text"))
        if not isinstance(sp, str) or not isinstance(text, (str, type(None))):
            raise BadJson(f"{name}: each '{key}' item needs a 'speaker' and a 'speech' string: send {_SHAPES}.")
        if text and text.strip() and not sp.lower().startswith("duration:") and not sp.rstrip(":").lower() in (
                "questions and answers", "questions & answers", "call participants", "prepared remarks"):
            out.append((sp.strip(), text))
    return out


def _motley_fool(data: dict[str, Any], name: str) -> Transcript:
    """The dataset's lists are already turns: attach participants' titles and firms, then settle roles."""
    from summarizer.parse.text import build_transcript

    prepared = _speech_lines(data.get("prepared_remarks"), name, "prepared_remarks")
    qa = _speech_lines(data.get("q_and_a"), name, "q_and_a")
    parts = data.get("participants") or []
    if not isinstance(parts, list):
        raise BadJson(f"{name}: 'participants' must be a list of 'Name--Title' strings: send {_SHAPES}.")
    if not prepared and not qa:
        raise BadJson(f"{name} has no speeches in 'prepared_remarks' or 'q_and_a': send a transcript with text in it.")
    participants = _participants([p for p in parts if isinstance(p, str)])
    turns = [(sp, "prepared", text) for sp, text in prepared] + [(sp, "qa", text) for sp, text in qa]
    title = data.get("title") if isinstance(data.get("title"), str) else None
    head = "\n".join([title or ""] + [t for _, _, t in turns[:6]])
    tr = build_transcript(turns, participants, explicit_qa=bool(qa), title=title, source=name, head_text=head)
    m = _FILE_PERIOD.search(name.rsplit("/", 1)[-1])
    if m:  # the dataset names files TICKER_qN_YYYY: that label is authoritative
        tr.ticker = m["t"].upper()
        tr.fiscal_quarter, tr.fiscal_year = int(m["q"]), int(m["y"])
    for key in ("company", "ticker", "call_date"):
        if isinstance(data.get(key), str) and data[key].strip():
            setattr(tr, key, data[key].strip())
    return tr


def _participants(parts: list[str]) -> dict[str, SpeakerInfo]:
    """'Kyle Joseph--Jefferies -- Analyst' -> {'Kyle Joseph': SpeakerInfo(firm='Jefferies', role='analyst')}."""
    out: dict[str, SpeakerInfo] = {}
    for p in parts:
        name, _, rest = p.partition("--")
        name, rest = name.strip(), rest.strip()
        info = parse_label(f"{name} -- {rest}" if rest else name, allow_single=True) if name else None
        if info:
            out[info.name] = info
    return out
