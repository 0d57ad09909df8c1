"""Caption files (WebVTT, SubRip) of a webcast as plain `Name: text` paragraphs.

A call's recording often comes with captions rather than a transcript: numbered cues with `00:01:02.000 --> ...`
timings, the speaker in a voice tag (`<v Jane Roe>`), a `Jane Roe:` prefix or a `>>` change mark. The cues of one
speaker run into one paragraph; a new speaker starts a new `Name: text` paragraph for the text parser.
"""
from __future__ import annotations

import re

_TIMING = re.compile(r"^\s*(?:\d{1,2}:)?\d{1,2}:\d{2}[.,]\d{1,3}\s*-->\s*(?:\d{1,2}:)?\d{1,2}:\d{2}[.,]\d{1,3}")
_VOICE = re.compile(r"<v(?:\.[\w.-]+)?\s+([^>]{1,80})>")
_TAG = re.compile(r"</?[a-z][^>]{0,40}>|\{\\[^}]{0,40}\}", re.I)  # <c>, <i>, </v>, <00:00:01.000>, {\an8}
_NAME_PREFIX = re.compile(r"^(?:>>\s*)?(?P<name>[A-Z][\w.'’\- ]{1,50}?)\s*:\s+(?P<text>.+)$")
_HEADER = re.compile(r"^(?:WEBVTT\b|NOTE\b|STYLE\b|REGION\b|Kind:|Language:)", re.I)


def is_captions(text: str) -> bool:
    """True when the text is a caption file: several cue timings near its start."""
    head = text[:20000].split("\n")
    return sum(1 for ln in head[:400] if _TIMING.match(ln)) >= 3


def captions_to_text(text: str) -> str:
    """The captions' words as `Name: text` paragraphs, timings, cue numbers and markup dropped."""
    lines = text.replace("\r\n", "\n").split("\n")
    paras: list[tuple[str | None, list[str]]] = []
    in_note = False
    for i, raw in enumerate(lines):
        line = raw.strip()
        if not line:
            in_note = False
            continue
        if in_note or _TIMING.match(line):
            continue
        if _HEADER.match(line):
            in_note = line.upper().startswith(("NOTE", "STYLE", "REGION"))
            continue
        if i + 1 < len(lines) and _TIMING.match(lines[i + 1]):
            continue  # a cue's number or identifier
        voice = _VOICE.search(line)
        speaker = voice.group(1).strip() if voice else None
        line = _TAG.sub("", line).strip()
        m = _NAME_PREFIX.match(line)
        if m and len(m["name"].split()) <= 5:
            speaker, line = m["name"].strip(), m["text"]
        changed = line.startswith(">>")
        line = line.lstrip("> ").strip()
        if not line:
            continue
        if speaker and (not paras or paras[-1][0] != speaker):
            paras.append((speaker, [line]))
        elif changed and not speaker:
            paras.append(("Unknown Speaker", [line]))  # ">>" marks a new, unnamed speaker
        elif paras:
            paras[-1][1].append(line)
        else:
            paras.append((None, [line]))
    return "\n\n".join(f"{who}: {' '.join(words)}" if who else " ".join(words) for who, words in paras) + "\n"
