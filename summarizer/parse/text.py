"""Plain text to speaker turns: Motley Fool pages, `Name: text` dumps, Markdown exports, news articles.

One pass over the lines classifies each as a section header, a speaker line, page noise or text;
then roles, firms, the Q&A boundary and one spelling per speaker are settled over the whole call.
"""
from __future__ import annotations

import re

from summarizer.model import NO_SPEAKER, Transcript, Turn
from summarizer.parse import meta
from summarizer.parse.captions import captions_to_text, is_captions
from summarizer.parse.qa_labels import QA_LABELS, dash_prefixed, labelled, qa_side, said_label
from summarizer.parse.participants import QA_MARK_END, absorb_detail, add_participant, loose_detail, loose_entry
from summarizer.parse.noise import is_end_marker, is_noise_line, strip_trailing_marker
from summarizer.parse.roles import (
    TurnDraft,
    apply_operator_intros,
    apply_participants,
    drop_company_firm,
    implicit_qa,
    infer_roles,
    keep_sides,
    stated_sides,
)
from summarizer.parse.speakers import (
    OPERATOR_NAMES,
    SpeakerInfo,
    canonical_names,
    is_person_name,
    parse_detail,
    parse_label,
    readable_caps,
)

_H = r"^[\s#>*_]*"
_T = r"[\s*_:：]*$"
_PREPARED_HDR = re.compile(_H + r"(?:prepared remarks|presentation|management presentation|opening remarks|management remarks|management discussion section)" + _T, re.I)
_QA_HDR = re.compile(
    _H + r"(?:questions?\s*(?:and|&)\s*answers?|q\s*&\s*a|q\s*and\s*a|question[- ]and[- ]answer)(?:\s+(?:session|section|transcript))?" + _T, re.I)
_PARTICIPANTS_HDR = re.compile(
    _H + r"(?:call participants|conference call participants|corporate participants|participants|"
         r"company participants|executives|analysts|other participants|corporate speakers|company speakers|"
         r"speakers|attendees|call attendees)" + _T, re.I)
_DIGEST_HDR = re.compile(_H + r"(?:key\s+)?(?:takeaways|summary|risks|industry glossary|glossary|highlights|key points|"
                                r"key figures|financial highlights|at a glance)" + _T, re.I)
_TRANSCRIPT_HDR = re.compile(_H + r"(?:full\s+)?(?:(?:conference|earnings)\s+call\s+)?transcript" + _T, re.I)
_ANALYSTS_HDR = re.compile(_H + r"(?:conference call participants|analysts|other participants)" + _T, re.I)
_MD_SPEAKER = re.compile(r"^\s*(?:\*\*|__)(?P<label>[^*_\n]{1,120}?)(?:\*\*|__)\s*[:：]?\s*(?:\*\*|__)?\s*(?P<rest>.*)$")
_MD_AFTER = re.compile(r"^(?:\((?P<t1>[^()]{1,80})\)|(?:--|—|–|-)\s*(?P<t2>[^:：]{1,80}?))\s*[:：]\s*(?P<rest>.*)$")
_HEADING_SPEAKER = re.compile(r"^\s*#{2,6}\s+(?P<label>.{1,120}?)\s*$")
_TS = r"[\(\[]?\d{1,2}:\d{2}(?::\d{2})?(?:\.\d+)?[\)\]]?"
_TIMED_SPEAKER = re.compile(  # transcription services: "Jane Roe (00:12:05):", "[00:12] Jane Roe:"
    r"^\s*(?:" + _TS + r"\s+(?P<label>[^:：\n]{1,120}?)\s*[:：]|(?P<label2>[^:：\n(\[]{1,120}?)\s*" + _TS + r"\s*[:：]?)\s*(?P<rest>.*)$")
_ROLE_LABELS = {"analyst": "analyst", "unidentified analyst": "analyst", "unknown analyst": "analyst",
                "moderator": "operator", "host": "operator", "unidentified speaker": "other", "unknown speaker": "other"}
_MD_HEADING = re.compile(r"^#{1,6}\s*")
_HAS_TIME = re.compile(r"\d:\d\d")
_TS_NAME = re.compile(r"^\s*" + _TS + r"\s+(?P<label>[^:：\n]{3,60}?)\s*$"
                      r"|^\s*\[(?P<label2>[^\]\n]{2,60})\]\s+" + _TS + r"\s*$")  # "[Jane Roe] 14:02:11" (Zoom)
_CARET_SPEAKER = re.compile(r"^\s*(?P<label>[^\^:：\n]{1,120}?)\s*\^\s*(?P<rest>.*)$")  # "Operator^ Good morning"
_COLON_SPEAKER = re.compile(r"^\s*(?P<label>[^:：\n]{1,120}?)\s*[:：]\s*(?P<rest>.*)$")
_CORPORATE_HDR = re.compile(_H + r"(?:corporate participants|company participants|executives|corporate speakers|"
                                r"company speakers)" + _T, re.I)
_SAID = re.compile(r"[a-z]{2,}[.?!]$")  # "Thank you." said twice is speech, not a page header
_RULE_CHARS = frozenset("=-_.·•*~")
_RULE = re.compile(r"^[=\-_.·•*~]{3,}$")
_BIO = re.compile(r"\s*\{BIO\s+\d+\s*<GO>\}")  # Bloomberg's person links
_BULLET = re.compile(r"^[*•·]\s+")
_ANONYMOUS_ENTRY = re.compile(r"^(?:unidentified|unknown)\s", re.I)
_ABBREV_END = re.compile(r"\b(?:Jr|Sr|Inc|Corp|Ltd|Co|[A-Z])\.$")
_DASHES = re.compile(r"\s(?:--|—|–)\s")

def parse_text(text: str, source: str | None = None) -> Transcript:
    """Parse a transcript in any of the text layouts into a Transcript (one turn when there is no speaker markup)."""
    if "-->" in text[:20000] and is_captions(text):
        text = captions_to_text(text)  # a webcast's WebVTT / SubRip captions
    tr = _parse_lines(text, source, skip_digests=True)
    if not tr.turns or (len(tr.turns) == 1 and tr.turns[0].speaker == NO_SPEAKER):
        plain = _parse_lines(text, source, skip_digests=False)  # a "Summary" header was the document itself
        if len(plain.turns) >= len(tr.turns):
            return plain
    return tr


def _parse_lines(text: str, source: str | None, *, skip_digests: bool) -> Transcript:
    lines = [ln.rstrip() for ln in text.split("\n")]
    labels = _recurring_labels(lines)
    title = meta.find_title(lines, labels)
    participants: dict[str, SpeakerInfo] = {}
    turns: list[TurnDraft] = []
    preamble: list[str] = []
    section = "prepared"
    explicit_qa = False
    in_participants = analyst_block = corporate_block = skipping = False
    ended = False
    pending: str | None = None  # a name alone in a participants list, its title or firm on the next line
    await_detail = False  # a turn opened by a bare name: "Title, Company" may follow (CallStreet)
    detail_lines: dict[str, SpeakerInfo] = {}  # the lines under names in the participants lists
    running = _running_headers(lines)
    mf_style = any(_QA_HDR.match(ln) or _PREPARED_HDR.match(ln) or " -- " in ln for ln in lines[:400]) \
        or _names_alone_recur(lines)
    for raw in lines:
        line = (_BIO.sub("", raw) if "{BIO" in raw else raw).strip()
        if line[:1] in _RULE_CHARS and _RULE.match(line) or line in running:
            line = ""  # ===== / ----- / ..... rules between turns, a PDF's running header repeated on every page
        if not line:
            if turns and turns[-1].paragraphs and turns[-1].paragraphs[-1] != "":
                turns[-1].paragraphs.append("")
            elif not turns and preamble and preamble[-1] != "":
                preamble.append("")
            continue
        short = len(line) < 300  # headers, furniture and metadata lines are short; most lines are paragraphs
        if short and len(line) < 80:
            if skip_digests and not turns and _DIGEST_HDR.match(line):
                skipping = True  # a site's own takeaways / summary / glossary before the transcript
                continue
            if _TRANSCRIPT_HDR.match(line):
                skipping = False
                continue
            if _QA_HDR.match(line):
                section, in_participants, skipping = "qa", False, False  # explicit once a turn follows
                continue
            if _PREPARED_HDR.match(line):
                section, in_participants, skipping = "prepared", False, False
                continue
            if _PARTICIPANTS_HDR.match(line):
                in_participants, pending = True, None
                analyst_block = bool(_ANALYSTS_HDR.match(line))
                corporate_block = bool(_CORPORATE_HDR.match(line))
                continue
        if skipping:
            if line.strip("#*_ :").lower() in OPERATOR_NAMES:
                skipping = False
            else:
                continue
        if in_participants:
            if pending:
                detail = parse_detail(line, firm_only=analyst_block) or loose_detail(line, pending, participants)
                if detail:  # " * Jane Roe" then "   Acme Inc. - CFO"; "Jane Roe" then "Chief Financial Officer, Acme Inc."
                    add_participant(participants, SpeakerInfo(pending, detail[0].title, detail[0].firm, detail[0].role),
                                     analyst_block, corporate_block)
                    detail_lines[QA_MARK_END.sub("", line)] = detail[0]
                    pending = None
                    continue
            bare = _BULLET.sub("", line)
            info = parse_label(bare, allow_single=True) or loose_entry(bare)
            if info and info.role != "operator" and (info.title or info.firm):
                add_participant(participants, info, analyst_block, corporate_block)
                pending = None  # a pending name with nothing under it was a bare entry ("Joe Taylor.")
                continue
            if pending:  # the name was not a list entry: it opens the first turn
                turns.append(TurnDraft(parse_label(pending, allow_single=True) or SpeakerInfo(pending), section))
                pending, in_participants = None, False
            elif is_person_name(bare, allow_single=True) and bare.lower() not in OPERATOR_NAMES:
                if not _ANONYMOUS_ENTRY.match(bare):  # "Unidentified Analyst" listed among the analysts
                    pending = bare
                continue
            else:
                in_participants = False
        if await_detail:
            await_detail = False
            listed = detail_lines.get(QA_MARK_END.sub("", line))
            detail = (listed, None) if listed else parse_detail(line) if len(line) < 170 else None
            if detail and (listed or detail[1] or not participants):
                absorb_detail(turns[-1].info, *detail)  # the title line under a speaker's name (CallStreet)
                continue
        if short and is_end_marker(line) and turns:
            ended = True
            continue
        if short and (is_noise_line(line) or (title and line.strip(" »>") == title) or meta.is_header_line(line)
                      or meta.is_call_heading(line)):
            continue  # page furniture, a metadata line, or the call's name as a page's running head or foot
        info, rest = _speaker_line(line, labels, participants, mf_style)
        if info is not None and (not ended or info.role or info.title or info.firm
                                 or any(t.info.name == info.name for t in turns)):
            ended = False  # after comments or related links, a bare 'Name: text' resumes only for the call's speakers
            explicit_qa = explicit_qa or section == "qa"
            turns.append(TurnDraft(info, section))
            if rest:
                turns[-1].paragraphs.append(rest)
            else:
                await_detail = len(line) < 80 and ":" not in line and " - " not in line and not _DASHES.search(line)
            continue
        if ended:
            continue
        if line.startswith("#"):
            line = _MD_HEADING.sub("", line)  # a heading that is not a speaker: keep its words, not the marks
            if not line:
                continue
        if turns:
            turns[-1].paragraphs.append(line)
        else:
            preamble.append(line)
    return _finish(turns, preamble, participants, explicit_qa, title, source, text)


def _running_headers(lines: list[str]) -> set[str]:
    """Short lines of the document's opening block that recur later: a PDF's page header (title, date, web address)."""
    head: list[str] = []
    for ln in lines:
        s = ln.strip()
        if not s:
            continue
        if len(head) >= 12 or _PARTICIPANTS_HDR.match(s) or _PREPARED_HDR.match(s) or _QA_HDR.match(s):
            break
        head.append(s)
    text = "\n".join(lines)
    return {s for s in head if len(s) < 100 and text.count(s, text.find(s) + len(s)) >= 1 and not _SAID.search(s)
            and sum(ln.strip() == s for ln in lines) >= 2 and not _RULE.match(s) and not _maybe_speaker(s)}


def _maybe_speaker(line: str) -> bool:
    bare = line.strip("*_#:： ")
    if bare.lower() in OPERATOR_NAMES or is_person_name(bare, allow_single=True):
        return True
    info = parse_label(bare)
    return bool(info and (info.title or info.firm or info.role))


def _names_alone_recur(lines: list[str]) -> bool:
    """Speakers named alone on a line with no section headers: 'Operator' and a name alone on a line each recur."""
    seen: dict[str, int] = {}
    for ln in lines:
        s = ln.strip().strip("*_")
        if 3 <= len(s) < 40 and s[-1:].isalpha() and (s.lower() in OPERATOR_NAMES or is_person_name(s)):
            key = "operator" if s.lower() in OPERATOR_NAMES else s
            seen[key] = seen.get(key, 0) + 1
    recurring = sum(n >= 2 for k, n in seen.items() if k != "operator")
    return recurring >= 2 or (recurring >= 1 and seen.get("operator", 0) >= 2)


def _recurring_labels(lines: list[str]) -> set[str]:
    """Single-word `Label:` prefixes seen at least twice: likely speakers (e.g. `Tim:`)."""
    seen: dict[str, int] = {}
    for ln in lines:
        m = _COLON_SPEAKER.match(ln)
        if m and " " not in m["label"].strip() and len(m["label"]) < 30:
            k = m["label"].strip(" *_")
            seen[k] = seen.get(k, 0) + 1
        elif m and m["label"].startswith(("Q", "A")) and qa_side(m["label"]):  # "Question (Jo Ma, Acme):"
            k = qa_side(m["label"]) or ""
            seen[k] = seen.get(k, 0) + 1
    return {k for k, n in seen.items() if n >= 2}


def _speaker_line(line: str, recurring: set[str], participants: dict[str, SpeakerInfo],
                  mf_style: bool = False) -> tuple[SpeakerInfo | None, str]:
    """(speaker, text on the same line) when `line` starts a turn, else (None, '')."""
    if len(line) > 160 and not line.startswith(("*", "_", "#")) and ":" not in line[:122] and "：" not in line[:122] \
            and not (line.endswith("]") and len(line) < 260):  # StreetEvents: "Name, Firm, Research Division - Title [7]"
        return None, ""  # a paragraph: every speaker form is short or has its label before a colon
    bare = line.strip().strip("*_").strip()
    if bare.lower().rstrip(":：") in OPERATOR_NAMES:
        return SpeakerInfo("Operator", role="operator"), ""
    if bare in participants:
        return participants[bare], ""
    if mf_style and len(bare) < 60 and bare[-1:].isalpha() and is_person_name(bare):
        return parse_label(bare) or SpeakerInfo(bare), ""
    if line[:1] in "QA" and line[1:2] == " ":
        qa_dash = dash_prefixed(line)  # Bloomberg's "Q - Jane Roe"
        if qa_dash:
            return qa_dash
    m = _TS_NAME.match(line) if line[:1] in "([0123456789" else None  # "(10:02) JANE ROE" alone on its line
    if m:
        info = parse_label(m["label"] or m["label2"], allow_single=bool(m["label2"]))
        if info and is_person_name(info.name):
            return info, ""
    m = _MD_SPEAKER.match(line)
    if m:
        label, rest = m["label"], m["rest"].strip()
        after = _MD_AFTER.match(rest)  # "**Jane Roe** (CEO): text", "**Jane Roe** — CEO: text"
        if after:
            label = f"{label} ({after['t1']})" if after["t1"] else f"{label} -- {after['t2']}"
            rest = after["rest"]
        info = parse_label(label, allow_single=True)
        if info:
            return info, rest
    m = _HEADING_SPEAKER.match(line)
    if m:
        info = parse_label(m["label"], allow_single=True)
        if info and (info.title or info.firm or info.role):
            return info, ""
    if " -- " in line or " — " in line or " – " in line:
        m = _COLON_SPEAKER.match(line) if ":" in line else None  # "Jane Roe -- Chief Executive Officer: text"
        if m and _DASHES.search(m["label"]) and m["rest"].strip():
            info = parse_label(m["label"], allow_single=True)
            if info and (info.title or info.firm or info.role):
                return info, m["rest"].strip()
        if len(line) < 160 and not line.endswith(("?", "!")):
            info = parse_label(line, allow_single=True)
            if info and (info.title or info.firm or info.role):
                return info, ""
    elif " - " in line and len(line) < 120 and not line.endswith(("?", "!", ".")) or line.endswith(("]", "- Analyst")):
        info = parse_label(line, allow_single=line.endswith("]"))  # "Tim Cook, Acme Inc. - CEO [2]", "Analyst [17]"
        if info and (info.title or info.firm or info.role or line.endswith("]")):
            return info, ""
    m = (_TIMED_SPEAKER.match(line) if _HAS_TIME.search(line, 0, 140) else None) \
        or (_CARET_SPEAKER.match(line) if "^" in line[:125] else None) or _COLON_SPEAKER.match(line)
    if m:
        label = (m["label"] or m.groupdict().get("label2") or "").strip()
        if len(label.split()) <= 9 and label.count("(") == label.count(")") and not meta.is_listing_line(line) and not label.endswith(",") and (not label.endswith(".") or _ABBREV_END.search(label)):
            bare_label = label.strip(" *_")
            qa = labelled(bare_label, m["rest"].strip(), {QA_LABELS.get(r, "") for r in recurring}) \
                or (said_label(bare_label) if " " in bare_label else None)  # "... asked:", "... said:"
            if qa:
                return qa, m["rest"].strip()
            if bare_label.lower() in _ROLE_LABELS:
                name = readable_caps(bare_label) if bare_label.isupper() else bare_label  # "UNIDENTIFIED ANALYST"
                return SpeakerInfo(name, role=_ROLE_LABELS[bare_label.lower()]), m["rest"].strip()
            info = parse_label(label, allow_single=bare_label in recurring)
            if info:
                return info, m["rest"].strip()
    return None, ""


def build_transcript(turns: list[tuple[str, str, str]], participants: dict[str, SpeakerInfo], *,
                     explicit_qa: bool, title: str | None, source: str | None, head_text: str) -> Transcript:
    """Turns already split by speaker (name, section, text), as in JSON datasets: settle roles and names."""
    built = []
    for name, section, text in turns:
        info = parse_label(name, allow_single=True) or SpeakerInfo(name.strip())
        built.append(TurnDraft(info, section, [ln.strip() for ln in text.split("\n")]))
    return _finish(built, [], participants, explicit_qa, title, source, head_text)


def _finish(turns: list[TurnDraft], preamble: list[str], participants: dict[str, SpeakerInfo],
            explicit_qa: bool, title: str | None, source: str | None, full_text: str) -> Transcript:
    turns = [t for t in turns if any(p for p in t.paragraphs)] or turns
    if not turns:
        body = _paragraphs(preamble)
        out = [Turn(speaker=NO_SPEAKER, role="other", section="prepared", text=body)] if body else []
        tr = Transcript(turns=out, source=source)
        meta.fill(tr, title, full_text)
        return tr
    apply_participants(turns, participants)
    apply_operator_intros(turns)
    if not explicit_qa:
        implicit_qa(turns)
    sides = stated_sides(turns, participants)
    infer_roles(turns)
    drop_company_firm(turns)
    mapping = keep_sides(canonical_names([t.info.name for t in turns if t.info.role != "operator"],
                                         preferred=list(participants)), sides)
    merged: dict[str, SpeakerInfo] = {}
    for t in turns:
        name = mapping.get(t.info.name, t.info.name)
        known = merged.setdefault(name, SpeakerInfo(name, t.info.title, t.info.firm, t.info.role))
        known.title = known.title or t.info.title
        known.firm = known.firm or t.info.firm
        t.info = known
    out = [Turn(speaker=t.info.name, role=t.info.role or "other", title=t.info.title, firm=t.info.firm,
                section=t.section, text=_paragraphs(t.paragraphs)) for t in turns]
    out = [t for t in out if t.text]
    if out:
        out[-1].text = strip_trailing_marker(out[-1].text)
    tr = Transcript(turns=out, source=source, preamble=_paragraphs(preamble) or None)
    meta.fill(tr, title, full_text)
    _drop_name_lines(tr)
    return tr


_LEGAL_WORDS = frozenset("inc incorporated corp corporation co company ltd limited plc llc lp holdings group sa ag nv se the".split())


def _name_words(text: str | None) -> tuple[str, ...]:
    words = re.findall(r"[a-z0-9]+", (text or "").lower().replace("'s", ""))
    return tuple(w for w in words if w not in _LEGAL_WORDS) or tuple(words)


def _drop_name_lines(tr: Transcript) -> None:
    """A paragraph that is only the company's name or ticker ('Northwind Robotics Inc', a page's running head), or
    the call's own name ('Q3 2025 Earnings Call'), is not speech: it is dropped, and a turn left empty with it."""
    names = {n for n in (_name_words(tr.company), _name_words(tr.ticker)) if n}
    for t in tr.turns:
        paras = t.text.split("\n\n")
        kept = [p for p in paras if not (len(p) < 80 and ((names and _name_words(p) in names) or meta.is_call_heading(p)))]
        if len(kept) != len(paras) and kept:
            t.text = "\n\n".join(kept)


def _paragraphs(lines: list[str]) -> str:
    """Join lines into paragraphs: blank lines separate, wrapped lines are joined with a space."""
    paras: list[str] = []
    cur: list[str] = []
    for ln in lines:
        if ln == "":
            if cur:
                paras.append(" ".join(cur))
                cur = []
        else:
            cur.append(ln.strip())
    if cur:
        paras.append(" ".join(cur))
    return "\n\n".join(p for p in paras if p)
