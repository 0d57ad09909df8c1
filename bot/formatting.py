"""Formatting replies for Telegram's HTML parse mode (and the terminal): escaping, headers, splitting, captions."""
from __future__ import annotations

import html
import re

MAX_TEXT = 4096
MAX_CAPTION = 1024
HIT_START, HIT_END = "\x02", "\x03"
_TAG = re.compile(r"<(/?)([a-z-]+)[^>]*>")
_SENTENCE_END = re.compile(r"(?<=[.!?…])\s+")


def esc(text: object) -> str:
    """Escape any user- or transcript-supplied string for HTML parse mode."""
    return html.escape("" if text is None else str(text), quote=False)


def esc_attr(text: object) -> str:
    """Escape a string for an HTML attribute value (e.g. an href)."""
    return html.escape("" if text is None else str(text), quote=True)


def snippet_html(snippet: str) -> str:
    """A search snippet with its \\x02...\\x03 hit markers as bold, everything else escaped."""
    out, bold = [], False
    for part in re.split(f"([{HIT_START}{HIT_END}])", snippet):
        if part == HIT_START and not bold:
            out.append("<b>")
            bold = True
        elif part == HIT_END and bold:
            out.append("</b>")
            bold = False
        elif part not in (HIT_START, HIT_END):
            out.append(esc(part))
    if bold:
        out.append("</b>")
    return "".join(out)


def call_header(call) -> str:
    """First line of a reply about a call: company (ticker), quarter and date, in bold, then the call id."""
    name = call.company or call.ticker or call.title or f"call {call.id}"
    tick = f" ({call.ticker})" if call.ticker and call.ticker != name else ""
    period = f" {call.period}" if getattr(call, "period", None) else ""
    version = f" v{call.version}" if getattr(call, "version", 1) and call.version > 1 else ""
    date = f" · {call.call_date}" if call.call_date else ""
    return f"<b>{esc(name)}{esc(tick)}{esc(period)}{version}</b>{esc(date)} · #{call.id}"


def plain_length(text_html: str) -> int:
    """Characters Telegram counts (UTF-16 units) once the HTML is parsed."""
    plain = html.unescape(_TAG.sub("", text_html))
    return len(plain.encode("utf-16-le")) // 2


def _open_tags(chunk: str, opened: list[str]) -> list[str]:
    """The stack of tags still open at the end of `chunk`, given those open at its start."""
    stack = list(opened)
    for m in _TAG.finditer(chunk):
        if m.group(1):
            if stack and stack[-1][1] == m.group(2):
                stack.pop()
        else:
            stack.append((m.group(0), m.group(2)))
    return stack


def _pieces(text: str, limit: int) -> list[str]:
    """Cut points: lines, then sentences, then words, then characters, each piece at most `limit` raw chars."""
    out: list[str] = []
    for line in text.split("\n"):
        if len(line) + 1 <= limit:
            out.append(line + "\n")
            continue
        for sent in _SENTENCE_END.split(line):
            if len(sent) + 1 <= limit:
                out.append(sent + " ")
                continue
            for word in re.split(r"(?<= )", sent):
                while len(word) > limit:
                    cut = limit
                    amp = word.rfind("&", 0, cut)  # never cut an entity in half
                    if amp != -1 and ";" not in word[amp:cut]:
                        cut = amp or limit
                    lt = word.rfind("<", 0, cut)
                    if lt != -1 and ">" not in word[lt:cut]:
                        cut = lt or limit
                    out.append(word[:cut])
                    word = word[cut:]
                out.append(word)
            out[-1] = out[-1] + " "
        out[-1] = out[-1].rstrip(" ") + "\n"
    return out


def split_message(text: str, limit: int = MAX_TEXT) -> list[str]:
    """An HTML reply cut into parts Telegram accepts: on line/sentence boundaries, tags re-balanced, numbered (1/3)."""
    text = text.strip()
    if len(text) <= limit:
        return [text]
    budget = limit - 120  # room for the part number and re-opened/closed tags
    parts: list[str] = []
    cur = ""
    for piece in _pieces(text, budget):
        if cur and len(cur) + len(piece) > budget:
            parts.append(cur)
            cur = ""
        cur += piece
    if cur.strip():
        parts.append(cur)
    out, opened = [], []
    for part in parts:
        prefix = "".join(t for t, _ in opened)
        still = _open_tags(part, opened)
        suffix = "".join(f"</{name}>" for _, name in reversed(still))
        out.append(prefix + part.strip() + suffix)
        opened = still
    n = len(out)
    return [f"({i}/{n}) {p}" for i, p in enumerate(out, 1) if p.strip()]


def caption(text: str, limit: int = MAX_CAPTION) -> str:
    """Plain text cut to fit a caption (escaped for HTML)."""
    text = " ".join(str(text).split())
    if len(text) > limit - 1:
        text = text[: limit - 2].rsplit(" ", 1)[0] + "…"
    return esc(text)


def clip(text: str, limit: int) -> str:
    """Plain text shortened to `limit` characters at a word boundary, with an ellipsis."""
    text = " ".join(str(text).split())
    if len(text) <= limit:
        return text
    return text[: limit - 1].rsplit(" ", 1)[0] + "…"


MAX_SHOWN_SENTENCE = 700  # a sentence shown in a reply or digest is clipped here (docs/limits.md)


def excerpt(text: str, limit: int = MAX_SHOWN_SENTENCE) -> str:
    """A summary sentence as shown: one trimmed to its clause ("we expect revenue of…") gets a leading "…",
    so a reader sees it is an excerpt; names that start lower-case ("eBay", "iPhone") are left alone. Past
    `limit` characters it is clipped at a word, with a trailing "…"."""
    text = str(text).strip()
    if len(text) > limit:
        text = clip(text, limit)
    if text[:1].islower() and not text[1:2].isupper():
        return "…" + text
    return text


def html_to_terminal(text_html: str, *, ansi: bool = False) -> str:
    """An HTML reply rendered for a terminal: tags dropped (bold as ANSI when `ansi`), entities decoded."""
    def tag(m: re.Match) -> str:
        if ansi and m.group(2) in ("b", "strong"):
            return "\x1b[0m" if m.group(1) else "\x1b[1m"
        return ""
    return html.unescape(_TAG.sub(tag, text_html))
