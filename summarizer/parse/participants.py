"""Participants lists: one entry per line or a name over its title or firm line, and the side each list states.

Seeking Alpha (`Jane Roe - CFO` under `Executives`), StreetEvents (`* Jane Roe` over `Acme Inc. - CFO`), CallStreet and
Capital IQ (`Jane Roe` over `Chief Financial Officer, Acme Inc.`); the same title lines under speakers' names in the call.
"""
from __future__ import annotations

import re

from summarizer.parse.speakers import SpeakerInfo, clean_firm, is_person_name

QA_MARK_END = re.compile(r"\s+[QA]$")  # CallStreet's question / answer mark after a title line


def add_participant(participants: dict[str, SpeakerInfo], info: SpeakerInfo, analyst_block: bool,
                    corporate_block: bool) -> None:
    """Record a participants-list entry; the list's heading settles the side ('Analysts', 'Corporate Participants')."""
    if analyst_block and info.role != "analyst":  # "Tom Brown - Goldman Sachs" under an analysts header
        info = SpeakerInfo(info.name, info.title if info.firm else "Analyst", clean_firm(info.firm or info.title), "analyst")
    elif corporate_block or (info.role == "executive" and info.firm):
        info = SpeakerInfo(info.name, info.title, None, info.role or "executive")  # the company's own people
    participants.setdefault(info.name, info)  # a name listed twice ("Joe Taylor -- CFO", "Joe Taylor.") keeps the first


def loose_entry(line: str) -> SpeakerInfo | None:
    """'Rosemarie Morbelli - g.research': a list entry whose firm or title parse_label does not read."""
    name, sep, rest = line.partition(" - ")
    if sep and rest.strip() and len(rest.split()) <= 12 and is_person_name(name.strip(), allow_single=True):
        return SpeakerInfo(name.strip(), title=rest.strip())
    return None


def loose_detail(line: str, pending: str, participants: dict[str, SpeakerInfo]) -> tuple[SpeakerInfo, None] | None:
    """A list entry's second line in a shape parse_detail does not know ('Analyst, Compass point'): taken as the
    title when it is short, not a sentence, and the name above is new to the list (else that name opens a turn)."""
    s = QA_MARK_END.sub("", line.strip())
    if pending in participants or len(s) > 120 or len(s.split()) > 14 or s[-1:] in ".?!" or is_person_name(s):
        return None
    m = re.match(r"(?i)analyst\s*,\s*(?P<firm>.+)$", s)
    return (SpeakerInfo("", "Analyst", clean_firm(m["firm"]), "analyst") if m else SpeakerInfo("", s, None, None)), None


def absorb_detail(info: SpeakerInfo, detail: SpeakerInfo, mark: str | None) -> None:
    """Take a speaker's title line ('Analyst, Acme Securities Q') into what is known of them."""
    info.title = info.title or detail.title
    info.firm = info.firm or detail.firm
    info.role = info.role or detail.role or {"Q": "analyst", "A": "executive"}.get(mark or "")
