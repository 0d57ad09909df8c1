"""Turns marked as question or answer rather than by a speaker line alone.

- Bloomberg: `Q - Jane Roe` / `A - Tom Brown` before the text;
- interviews and news articles: `Q: ...` / `A: ...`, `Question (Li Na, Acme Securities): ...`,
  `Answer (Wang Fang, CFO): ...`, and reported speech in a translated Q&A: `Q: An analyst from Goldman Sachs
  asked about ...`, `A: CFO Wang Fang said ...`. The asker is an analyst and the answerer an executive unless
  the label says otherwise; without a named person the speaker stays `Question` / `Answer`.
"""
from __future__ import annotations

import re

from summarizer.parse.speakers import (
    ANON_ANALYST,
    SpeakerInfo,
    _titleish,
    clean_firm,
    is_person_name,
    parse_label,
    role_from_title,
)

QA_LABELS = {"Q": "Q", "Question": "Q", "QUESTION": "Q", "A": "A", "Answer": "A", "ANSWER": "A"}
_SIDE_ROLE = {"Q": "analyst", "A": "executive"}
_DASH_PREFIX = re.compile(r"^(?P<qa>[QA])\s+[-–—]\s+(?P<label>[^:：]{2,100}?)\s*(?:[:：]\s*(?P<rest>.*))?$")
_PAREN_LABEL = re.compile(r"^(?P<qa>Q|A|Question|Answer|QUESTION|ANSWER)\s*(?:[(（](?P<inner>[^()（）]{2,100})[)）]"
                          r"|\s(?:from|by)\s+(?P<who>[^()]{2,100}))$")  # "Question (Jo Ma, Acme)", "Answer from the CFO"
_VERB = (r"(?:asked|asks|said|says|responded|replied|answered|added|noted|explained|wanted to know|inquired|enquired|"
         r"questioned|pointed out|stated|commented|remarked|emphasi[sz]ed|stressed|revealed|disclosed)")
_REPORTED = re.compile(r"^(?P<subj>[^.;:?!]{2,100}?),?\s+" + _VERB + r"\b")
_NAME_FROM = re.compile(r"^(?P<name>.+?)\s+(?:from|of|at|with)\s+(?P<firm>[A-Z].+)$")
_POSSESSIVE = re.compile(r"^(?P<firm>[A-Z][^'’]{1,60}?)['’]s?\s+(?P<name>.+)$")


def qa_side(label: str) -> str | None:
    """'Q' or 'A' for a question or answer label (`Q`, `Answer`, `Question (Jo Ma, Acme)`), else None."""
    label = label.strip(" *_")
    m = _PAREN_LABEL.match(label)
    return QA_LABELS.get(m["qa"] if m else label)


def dash_prefixed(line: str) -> tuple[SpeakerInfo, str] | None:
    """`Q - Jane Roe` (Bloomberg): the speaker and any text after a colon; None for other lines."""
    m = _DASH_PREFIX.match(line)
    if not m:
        return None
    info = parse_label(m["label"])
    if info is None or not is_person_name(info.name):
        return None
    info.role = info.role or _SIDE_ROLE[m["qa"]]
    return info, (m["rest"] or "").strip()


_ASKING = re.compile(r"\b(?:asked|asks|wanted to know|inquired|enquired|questioned)$", re.I)
_SAID_LABEL = re.compile(r"^(?P<subj>.{2,100}?)\s+" + _VERB + r"$", re.I)


_VERB_ENDS = frozenset("asked asks said says responded replied answered added noted explained know inquired enquired "
                       "questioned out stated commented remarked emphasized emphasised stressed revealed disclosed".split())


def said_label(label: str) -> SpeakerInfo | None:
    """'Analyst from Goldman Sachs asked:', 'CFO Wang Fang responded:': the speaker named before a reporting verb."""
    words = label.split()
    if len(words) < 2 or words[-1].lower() not in _VERB_ENDS:
        return None
    m = _SAID_LABEL.match(label.strip())
    info = _subject(m["subj"]) if m else None
    if info:
        info.role = "analyst" if _ASKING.search(label.strip()) else _side_role(info, "A")
    return info


def labelled(label: str, rest: str, recurring_sides: set[str]) -> SpeakerInfo | None:
    """The speaker of a `Q:` / `Question (Name, Firm):` turn; `recurring_sides` are the bare labels seen twice."""
    m = _PAREN_LABEL.match(label)
    if m:  # "Question (Chen Bo, CICC)", "Answer (Lin Qiao, president)", "Question from Citi analyst Jo Ma"
        side = QA_LABELS[m["qa"]]
        who = m["inner"] or m["who"]
        info = _subject(who) or parse_label(who, allow_single=True) or _title_only(who)
        if info:
            info.role = _side_role(info, side)
            return info
        return SpeakerInfo(*_generic(side))
    if label not in QA_LABELS or not {"Q", "A"} <= recurring_sides:
        return None
    side = QA_LABELS[label]
    said = _REPORTED.match(rest)
    info = _subject(said["subj"]) if said else None
    if info:
        info.role = _side_role(info, side)
        return info
    return SpeakerInfo(*_generic(side))


def _generic(side: str) -> tuple[str, None, None, str]:
    return ("Question" if side == "Q" else "Answer"), None, None, _SIDE_ROLE[side]


def _side_role(info: SpeakerInfo, side: str) -> str:
    if side == "Q":
        return "analyst"
    return info.role if info.role in ("executive", "operator") else "executive"


def _title_only(who: str) -> SpeakerInfo | None:
    """'the CFO', 'management': an answerer named by role alone."""
    who = re.sub(r"^(?:the|our)\s+", "", who.strip(" ,"), flags=re.I)
    if role_from_title(who) == "executive" or who.lower() in ("management", "the company", "company"):
        return SpeakerInfo(who[:1].upper() + who[1:], title=who, role="executive")
    return None


def _subject(subj: str) -> SpeakerInfo | None:
    """Who asked or answered, from the subject of a reported sentence ('Helen Zhao from Morgan Stanley')."""
    subj = subj.strip(" ,")
    if ANON_ANALYST.match(subj):
        return parse_label(subj)
    for rx in (_NAME_FROM, _POSSESSIVE):
        m = rx.match(subj)
        if m and is_person_name(m["name"]) and _titleish(m["firm"]) and len(m["firm"].split()) <= 6:
            return SpeakerInfo(m["name"], None, clean_firm(m["firm"]))
    info = parse_label(subj)
    if info and is_person_name(info.name):
        return info
    m = re.match(r"^(?P<firm>.+?)\s+analysts?$", subj, re.I)  # "Goldman Sachs analyst" (parse_label already reads most)
    if info and m:
        return info
    return None
