"""JSON transcripts: the Motley Fool dataset shape, our own `parse --json` output, and what transcript APIs return.

API shapes read: a whole transcript as one string (`{"symbol", "quarter", "year", "date", "content"}` as in
Financial Modeling Prep, often in a one-item list; `{"transcript": "...", "date"}`), and a list of turns
(`{"symbol", "quarter": "2024Q1", "transcript": [{"speaker", "title", "content"}]}` as in Alpha Vantage;
`utterances` / `segments` / `transcript_split` lists of `{speaker, text}`).
"""
from __future__ import annotations

import json
import re
from typing import Any

from summarizer.errors import BadJson
from summarizer.model import Transcript
from summarizer.parse.meta import stated_period
from summarizer.parse.speakers import SpeakerInfo, parse_label

_FILE_PERIOD = re.compile(r"(?P<t>[A-Za-z][A-Za-z0-9.\-]{0,7})[_\-\s]+q(?P<q>[1-4])[_\-\s]+(?P<y>(?:19|20)\d{2})", re.I)
_SHAPES = ("a Motley Fool transcript ({prepared_remarks, q_and_a, participants}), earnings-bot's parse --json output "
           "({title, turns}), or a transcript API's answer ({content} or {transcript} as text, or a list of {speaker, text})")
_TEXT_KEYS = ("content", "transcript", "text", "body", "full_text")
_TURN_KEYS = ("transcript", "transcript_split", "utterances", "segments", "speeches", "paragraphs", "dialogue")
_SPEECH_KEYS = ("content", "text", "speech", "transcript", "words")
_SPEAKER_KEYS = ("speaker", "name", "speaker_name", "participant")


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
    if isinstance(data, list) and len(data) >= 1 and isinstance(data[0], dict) and not _turn_items(data):
        data = data[0]  # an API's list of calls: the first (latest) one
    api = _api(data, name)
    if api is not None:
        return api
    raise BadJson(f"{name} is JSON of a shape we do not read: send {_SHAPES}.")


def _turn_items(items: Any) -> list[tuple[str, str, str | None]]:
    """[(speaker, text, title)] when `items` is a list of turn objects, else []."""
    if not isinstance(items, list) or not items or not all(isinstance(i, dict) for i in items):
        return []
    out = []
    for i in items:
        sp = next((i[k] for k in _SPEAKER_KEYS if isinstance(i.get(k), (str, int))), None)
        text = next((i[k] for k in _SPEECH_KEYS if isinstance(i.get(k), str)), None)
        if sp is None or text is None:
            return []
        title = i.get("title") if isinstance(i.get("title"), str) else i.get("role") if isinstance(i.get("role"), str) else None
        sp = str(sp).strip()
        if len(sp) == 1 or sp.isdigit():
            sp = f"Speaker {sp}"  # diarized transcription: speakers "A", "B" or 0, 1
        if text.strip():
            out.append((sp, text, title))
    return out


def _api(data: Any, name: str) -> Transcript | None:
    """A transcript API's answer: the transcript as one string, or as a list of turns; None for other shapes."""
    from summarizer.parse.text import build_transcript, parse_text

    if isinstance(data, list):
        data = {"transcript": data}
    if not isinstance(data, dict):
        return None
    body = next((data[k] for k in _TEXT_KEYS if isinstance(data.get(k), str) and data[k].strip()), None)
    if body is not None:
        tr = parse_text(body, source=name)
    else:
        turns = next((t for t in (_turn_items(data.get(k)) for k in _TURN_KEYS) if t), None)
        if not turns:
            return None
        built = [(f"{sp} -- {title}" if title and title.lower() not in ("operator", sp.lower()) else sp, "prepared", text)
                 for sp, text, title in turns]
        head = "\n".join(text for _, _, text in built[:6])
        tr = build_transcript(built, {}, explicit_qa=False, title=None, source=name, head_text=head)
    _api_meta(tr, data)
    return tr


def _api_meta(tr: Transcript, data: dict[str, Any]) -> None:
    """Ticker, period, date and company from an API answer's fields, over what the text itself says."""
    from summarizer.parse import meta

    ticker = next((data[k] for k in ("symbol", "ticker") if isinstance(data.get(k), str) and data[k].strip()), None)
    if ticker:
        tr.ticker = ticker.strip().upper()
    company = next((data[k] for k in ("company", "company_name", "companyName")
                    if isinstance(data.get(k), str) and data[k].strip()), None)
    if company:
        tr.company = company.strip()
    quarter, year = data.get("quarter") or data.get("fiscal_quarter"), data.get("year") or data.get("fiscal_year")
    if isinstance(quarter, str):
        q, y = meta.quarter_of(quarter if re.search(r"\d{4}", quarter) else f"Q{quarter.strip().lstrip('Qq')} {year}")
        quarter, year = q, y or year
    if isinstance(quarter, int) and 1 <= quarter <= 4:
        tr.fiscal_quarter = quarter
    if isinstance(year, (int, str)) and str(year).isdigit() and 1990 <= int(year) <= 2100:
        tr.fiscal_year = int(year)
    date = next((data[k] for k in ("date", "call_date", "event_date", "datetime") if isinstance(data.get(k), str)), None)
    if date and meta.date_of(date):
        tr.call_date = meta.date_of(date)
    if isinstance(data.get("title"), str) and data["title"].strip():
        tr.title = data["title"].strip()


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
        t.title, t.firm = (v if isinstance(v, str) else None for v in (t.title, t.firm))
    for key in ("title", "company", "ticker", "call_date", "source", "preamble"):
        if not isinstance(getattr(tr, key), str):
            setattr(tr, key, None)  # a hand-edited file: wrong types are dropped, not carried into the store
    q, y = tr.fiscal_quarter, tr.fiscal_year
    tr.fiscal_quarter = q if isinstance(q, int) and not isinstance(q, bool) and 1 <= q <= 4 else None
    tr.fiscal_year = y if isinstance(y, int) and not isinstance(y, bool) and 1900 <= y <= 2200 else None
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
    if m:  # the dataset names files TICKER_qN_YYYY: that label holds unless the call's opening names its own period
        tr.ticker = m["t"].upper()  # ("welcome to the fourth-quarter 2019 earnings call" in a file named _q4_2020)
        tr.fiscal_quarter, tr.fiscal_year = stated_period(head) or (int(m["q"]), int(m["y"]))
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
