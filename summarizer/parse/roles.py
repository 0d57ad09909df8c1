"""Who is who in a call: participants, operator introductions, the Q&A boundary and each speaker's role.

Works on draft turns (a speaker, a section, paragraphs) before they become `summarizer.model.Turn`s.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from summarizer.parse.speakers import SpeakerInfo, canonical_names, clean_firm, is_person_name

_QA_CUE = re.compile(
    r"question[- ]and[- ]answer|\bq\s*&\s*a\b|first question|open (?:the |up the |up )?(?:call |line |lines |floor )?(?:up )?(?:for|to) (?:your )?questions"
    r"|\[operator instructions\]|take (?:our|your|the) (?:first )?questions?|queue (?:for|up) (?:for )?questions"
    r"|question comes from|question is from|ask a question|(?:first|next) question|your line is (?:now )?open|go ahead with your question", re.I)
_INTRO = re.compile(
    r"(?:from|is|comes from|with|of)\s+(?:the line of\s+)?(?P<name>[A-Z][\w'’.\-]+(?:\s+[A-Z][\w'’.\-]+){0,3})"
    r"\s+(?:with|from|of|at)\s+(?P<firm>[A-Z][\w&'’.\-]*(?:\s+(?:(?:&|and|of|the|de|du|des)\s+)?[A-Z][\w&'’.\-]*){0,5})")
_NAME_RX = r"(?P<name>[A-Z][\w'’.\-]+(?:\s+[A-Z][\w'’.\-]+){0,3})"
_INTRO_OPEN = re.compile(
    _NAME_RX + r"\s+(?:with|from|of|at)\s+(?P<firm>[A-Z][\w&'’.\-]*(?:\s+(?:(?:&|and|of|the|de|du|des)\s+)?[A-Z][\w&'’.\-]*){0,5})"
    r"[,.;]?\s+(?P<tail>(?i:your line is|you(?:'re| are) (?:live|on)|please (?:go ahead|proceed)|go ahead))")
_HANDOVER = re.compile(r"(?i:over to|introduce|hand(?:ing)? it to|turn it to|welcome|joined by|with me)\W+(?:\w+\W+){0,2}$")
_NOT_FIRM = re.compile(r"(?i)investor relations|\brelations\b|management|corporate communications|^the company$|^us$")
_INTRO_NAME = re.compile(
    r"(?:(?:question|questions)\b[^.?!]{0,40}?\b(?:from|with)\s+(?:the\s+line\s+of\s+)?"
    r"|\b(?:hear|move on to|go to|go next to|turn to)\s+(?:from\s+)?(?:the\s+line\s+of\s+)?"
    r"|(?:^|[.!?]\s+)(?:Next|Up next|Next up|Next in line|Our next caller|(?:Our |The )?(?:[Ff]irst|[Nn]ext) question),?\s+"
    r"(?:is\s+|we have\s+)?)" + _NAME_RX)
_APPOSITIVE_FIRM = re.compile(r"(?:,\s+(?:of\s+|with\s+|from\s+)?|\s+(?:of|with|from|at)\s+)(?P<firm>[A-Z][\w&'’.\-]*(?:\s+(?:(?:&|and|of)\s+)?[A-Z][\w&'’.\-]*){0,4})"
                              r"\s*(?:[.,;]|$)")
_INTRO_CUE = re.compile(r"question|\bline\b|go ahead|queue|\bnext\b|hear from|move on|instructions", re.I)


@dataclass
class TurnDraft:
    """A turn being assembled: who speaks (still open to correction), in which section, its lines."""

    info: SpeakerInfo
    section: str
    paragraphs: list[str] = field(default_factory=list)


def apply_participants(turns: list[TurnDraft], participants: dict[str, SpeakerInfo]) -> None:
    """Give each speaker the participants list's spelling, title, firm and role."""
    if not participants:
        return
    for t in turns:  # "Amit Daryanani Evercore ISI - Analyst" listed, "Amit Daryanani, Evercore ISI - Analyst" spoke
        said = t.info.firm or t.info.title or ""
        for pname in [p for p in participants if p.startswith(t.info.name + " ") and said]:
            rest = pname[len(t.info.name):].strip()
            if said.startswith(rest.rstrip(".")[:6]):
                old = participants.pop(pname)
                participants[t.info.name] = SpeakerInfo(t.info.name, old.title, old.firm, old.role)
    mapping = keep_sides(canonical_names([t.info.name for t in turns], preferred=list(participants)),
                         stated_sides(turns, participants))
    for t in turns:
        p = participants.get(mapping.get(t.info.name, t.info.name))
        if p:  # the list's side wins: it is stated once, on purpose ("Conference Call Participants")
            role = p.role or t.info.role
            firm = p.firm if role == "executive" and p.role else t.info.firm or p.firm
            t.info = SpeakerInfo(p.name, t.info.title or p.title, firm, role)


def stated_sides(turns: list[TurnDraft], participants: dict[str, SpeakerInfo]) -> dict[str, set[str]]:
    """The sides (analyst, executive) that speaker lines and participants lists state for each name, before inference."""
    sides: dict[str, set[str]] = {}
    for info in [*participants.values(), *(t.info for t in turns)]:
        if info.role in ("analyst", "executive"):
            sides.setdefault(info.name, set()).add(info.role)
    return sides


def keep_sides(mapping: dict[str, str], sides: dict[str, set[str]]) -> dict[str, str]:
    """Drop merges across stated sides: 'Steve -- Barclays -- Analyst' is not the CEO Steve McMillan."""
    return {n: target if n == target or not sides.get(n) or not sides.get(target) or sides[n] & sides[target] else n
            for n, target in mapping.items()}


def drop_company_firm(turns: list[TurnDraft]) -> None:
    """Executives' firm is the company itself ('Jane Doe, Acme Inc. - CFO'): keep firms for those from outside."""
    counts: dict[str, int] = {}
    for t in turns:
        if t.info.role == "executive" and t.info.firm:
            counts[t.info.firm] = counts.get(t.info.firm, 0) + 1
    prepared = {t.info.firm for t in turns if t.section == "prepared" and t.info.role == "executive" and t.info.firm}
    company = prepared or {f for f, n in counts.items() if n >= 2 and n == max(counts.values())}
    for t in turns:
        if t.info.role == "executive" and t.info.firm in company:
            t.info.firm = None


_INITIALS = re.compile(r"^(?:[A-Z]\.)+$")


def intro_firm(raw: str) -> str | None:
    """The firm named in an operator's introduction, cut at the sentence end ('Acme Co. Please go ahead' -> 'Acme Co.')."""
    kept: list[str] = []
    for tok in raw.split():
        kept.append(tok)
        if tok.endswith(".") and not _INITIALS.match(tok):
            break
    return clean_firm(" ".join(kept))


def _intros(text: str) -> list[tuple[str, str | None]]:
    """(name, firm or None) for each questioner the text introduces ('next question comes from Jane Roe with Acme')."""
    if not _INTRO_CUE.search(text):
        return []
    asks = "question" in text.lower()
    found: list[tuple[str, str | None]] = []
    for rx in (_INTRO, _INTRO_OPEN, _INTRO_NAME):
        for m in rx.finditer(text):
            if _HANDOVER.search(text, max(0, m.start("name") - 50), m.start("name")):
                continue  # "turn the conference over to Jane Roe with Investor Relations": a host, not a questioner
            if rx is _INTRO_OPEN and not asks and not m["tail"].lower().startswith(("your", "you")):
                continue
            firm = intro_firm(m["firm"]) if "firm" in m.groupdict() else None
            if rx is _INTRO_NAME:  # "question comes from Lisa Green, Morgan Stanley."
                apposition = _APPOSITIVE_FIRM.match(text, m.end())
                firm = intro_firm(apposition["firm"]) if apposition else None
            if firm and _NOT_FIRM.search(firm):
                continue
            found.append((m["name"], firm))
    return found


def _same_person(mentioned: str, name: str) -> bool:
    a, b = set(mentioned.lower().replace(".", " ").split()), name.lower().replace(".", " ").split()
    return bool(b) and (b[-1] in a or (len(b) == 1 and b[0] in a))


def apply_operator_intros(turns: list[TurnDraft]) -> None:
    """'The next question comes from Jane Roe with Acme Securities' (from the operator, or whoever hosts the
    Q&A): Jane, who speaks next or after a greeting, is an analyst from Acme."""
    for i, t in enumerate(turns[:-1]):
        text = " ".join(t.paragraphs)
        if t.info.role != "operator" and len(text) > 600:
            continue  # hosts other than the operator introduce questioners in a line or two
        for name, firm in _intros(text):
            for nxt in turns[i + 1:i + 4]:
                if nxt.info.role in ("operator", "executive") and not _same_person(name, nxt.info.name):
                    continue
                if _same_person(name, nxt.info.name):
                    if nxt.info.role in (None, "analyst"):
                        nxt.info.firm = nxt.info.firm or firm
                        nxt.info.role = "analyst"
                    break


def implicit_qa(turns: list[TurnDraft]) -> None:
    """No Q&A header: Q&A begins at the operator's call for questions, else at the first analyst turn."""
    start = None
    seen_other = False
    for i, t in enumerate(turns):
        if t.info.role == "operator":
            if seen_other and _QA_CUE.search(" ".join(t.paragraphs)):
                start = i
                break
        else:
            seen_other = True
            if t.info.role == "analyst":
                start = i - 1 if i > 0 and turns[i - 1].info.role == "operator" else i
                break
    if start is None:
        return
    for t in turns[start:]:
        t.section = "qa"


def infer_roles(turns: list[TurnDraft]) -> None:
    """Speakers without a stated role: prepared-remarks speakers and those who answer are executives; whoever
    takes the floor when the operator opens a line (the questioner of each exchange) is an analyst."""
    prepared = {t.info.name for t in turns if t.section == "prepared" and t.info.role != "operator"}
    known = {t.info.name: t.info.role for t in turns if t.info.role}
    company = {t.info.firm for t in turns if t.info.firm and (t.info.role == "executive" or t.info.name in prepared)}
    questioners: set[str] = set()
    for i, t in enumerate(turns):
        if t.info.role != "operator" or t.section != "qa" or i + 1 >= len(turns):
            continue
        nxt = turns[i + 1]
        if nxt.info.role in (None, "analyst") and nxt.info.name not in prepared and known.get(nxt.info.name) != "executive":
            questioners.add(nxt.info.name)
    for t in turns:
        if t.info.role:
            continue
        role = known.get(t.info.name)
        if role is None:
            if t.info.name.lower().startswith(("unidentified analyst", "analyst", "unknown analyst")):
                role = "analyst"
            elif t.info.name in prepared:
                role = "executive"
            elif t.info.name in questioners or (t.section == "qa" and t.info.firm and t.info.firm not in company):
                role = "analyst"  # the questioner of an exchange, or someone from another firm asking in the Q&A
            elif is_person_name(t.info.name, allow_single=True) or t.section == "qa":
                role = "executive"
            else:
                role = "other"
            known[t.info.name] = role
        t.info.role = role
