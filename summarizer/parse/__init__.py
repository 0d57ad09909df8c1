"""Any transcript document to a `Transcript`: sniff the format, extract text, find the speaker turns."""
from __future__ import annotations

import re

from summarizer.errors import UnsupportedFormat
from summarizer.model import Transcript
from summarizer.parse.decode import DEFAULT_MAX_BYTES, check_size, decode
from summarizer.parse.text import parse_text

__all__ = ["DEFAULT_MAX_BYTES", "parse_bytes", "parse_text", "sniff"]

_CLOSING_TAG = re.compile(rb"</(?:p|div|span|strong|b|h[1-6]|section|article|table|td|li|em|body|html)>")


def sniff(data: bytes, name: str) -> str:
    """The document's format: pdf, json, html, markdown or text (content first, then the name)."""
    head = data[:2048].lstrip(b"\xef\xbb\xbf\xff\xfe\x00 \t\r\n").lower().replace(b"\x00", b"")
    low = name.lower()
    if data[:1024].lstrip().startswith(b"%PDF-") or low.endswith(".pdf"):
        return "pdf"
    if head.startswith((b"{", b"[")) or low.endswith(".json"):
        return "json"
    if head.startswith((b"<!doctype html", b"<html", b"<?xml", b"<head", b"<body", b"<meta", b"<div", b"<article", b"<!--")) \
            or low.endswith((".html", ".htm", ".xhtml")):
        return "html"
    if head.startswith(b"<") and _CLOSING_TAG.search(data[:65536].lower().replace(b"\x00", b"")):
        return "html"  # a pasted fragment: "<p><strong>Operator</strong></p>..."
    if low.endswith((".md", ".markdown")):
        return "markdown"
    return "text"


def parse_bytes(data: bytes, name: str = "-", *, max_bytes: int = DEFAULT_MAX_BYTES) -> Transcript:
    """Parse a document of any supported format; raise `summarizer.errors.InputError` subclasses with one-line reasons."""
    check_size(len(data), name, max_bytes)
    suffix = "." + name.rsplit(".", 1)[-1].lower() if "." in name.rsplit("/", 1)[-1] else ""
    if suffix in (".docx", ".doc", ".xlsx", ".xls", ".pptx", ".odt", ".rtf", ".epub", ".zip", ".png", ".jpg", ".jpeg", ".gif"):
        raise UnsupportedFormat(
            f"{name}: {suffix} files are not supported: save the transcript as .txt, .md, .html, .pdf or .json and send that."
        )
    kind = sniff(data, name)
    if kind == "pdf":
        from summarizer.parse.pdf import pdf_text

        return _named(parse_text(pdf_text(data, name), source=name), name)
    text = decode(data, name)
    if kind == "json":
        from summarizer.parse.jsonfmt import parse_json

        if not name.lower().endswith(".json"):
            import json

            try:
                json.loads(text)
            except (ValueError, RecursionError):
                # "[00:01] Jane Roe: ..." is text that merely starts like JSON
                return _named(parse_text(text, source=name), name)
        return parse_json(text, name)
    if kind == "html":
        from summarizer.parse.html import html_text

        return _named(parse_text(html_text(text, name), source=name), name)
    return _named(parse_text(text, source=name), name)


_CALL_WORDS = re.compile(
    r"\b(?:revenues?|sales|earnings|quarter(?:ly)?|fiscal|guidance|outlook|margins?|eps|profit|income|ebitda|cash\s+flow|"
    r"year[- ]over[- ]year|analysts?|results|operating|dividends?|shareholders|per\s+share|basis\s+points|customers|demand|"
    r"growth|forecast|backlog|orders|capex|expenses?|conference\s+call|earnings\s+call|q[1-4])\b", re.I)
_FIGURE = re.compile(r"[$€£¥]\s?\d|\d\s?%|\b\d[\d,.]*\s*(?:million|billion|thousand|percent|bps|basis points)\b", re.I)


def looks_like_a_call(text: str) -> bool:
    """Signs that a text with no speaker lines is still about a call (a press release, a pasted summary): several
    earnings words and at least one figure."""
    words = {m.group(0).lower() for m in _CALL_WORDS.finditer(text[:200_000])}
    return len(words) >= 3 and _FIGURE.search(text[:200_000]) is not None


def _named(tr: Transcript, name: str) -> Transcript:
    from summarizer.errors import NoTranscript

    if not tr.turns:
        raise NoTranscript(f"{name} has no transcript text: send the call's transcript (speaker lines and what they said).")
    if all(t.speaker == "Unknown" for t in tr.turns) and not looks_like_a_call(" ".join(t.text for t in tr.turns)):
        raise NoTranscript(f"{name} has no speakers and does not read as an earnings call (no earnings words or figures): "
                           f"send the call's transcript, with each speaker's name before what they said.")
    return tr
