"""Telegram's HTML parse mode, checked the way the Bot API checks it: allowed tags, balanced, entities escaped."""
from __future__ import annotations

import html
import re

ALLOWED_TAGS = {
    "b": set(), "strong": set(), "i": set(), "em": set(), "u": set(), "ins": set(),
    "s": set(), "strike": set(), "del": set(), "span": {"class"}, "tg-spoiler": set(),
    "a": {"href"}, "code": {"class"}, "pre": set(), "blockquote": {"expandable"},
    "tg-emoji": {"emoji-id"},
}
_TAG = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9-]*)((?:\s+[a-zA-Z-]+(?:\s*=\s*(?:\"[^\"<>]*\"|'[^'<>]*'|[^\s\"'<>]+))?)*)\s*>")
_ATTR = re.compile(r"([a-zA-Z-]+)(?:\s*=\s*(\"[^\"]*\"|'[^']*'|[^\s\"'<>]+))?")
_ENTITY = re.compile(r"&(?:lt|gt|amp|quot|#[0-9]{1,7}|#x[0-9a-fA-F]{1,6});")


class HTMLParseError(ValueError):
    """The text is not HTML that Telegram would parse; str() is Telegram's style of reason."""


def _offset(text: str, i: int) -> int:
    return len(text[:i].encode("utf-8"))


def parse_html(text: str) -> str:
    """The plain text Telegram would show for `text` in HTML parse mode; raises HTMLParseError like Telegram."""
    out: list[str] = []
    stack: list[str] = []
    i, n = 0, len(text)
    while i < n:
        ch = text[i]
        if ch == "<":
            m = _TAG.match(text, i)
            if not m:
                raise HTMLParseError(f"Unclosed start tag or unescaped '<' at byte offset {_offset(text, i)}")
            closing, name, attrs = m.group(1), m.group(2).lower(), m.group(3)
            if name not in ALLOWED_TAGS:
                kind = "end" if closing else "start"
                raise HTMLParseError(f'Unsupported {kind} tag "{name}" at byte offset {_offset(text, i)}')
            if closing:
                if attrs.strip():
                    raise HTMLParseError(f'Unexpected attributes in end tag "{name}" at byte offset {_offset(text, i)}')
                if not stack or stack[-1] != name:
                    raise HTMLParseError(
                        f'Unmatched end tag at byte offset {_offset(text, i)}, expected "</{stack[-1] if stack else ""}>", found "</{name}>"')
                stack.pop()
            else:
                for am in _ATTR.finditer(attrs):
                    aname, aval = am.group(1).lower(), am.group(2)
                    if aname not in ALLOWED_TAGS[name]:
                        raise HTMLParseError(f'Unsupported attribute "{aname}" in tag "{name}" at byte offset {_offset(text, i)}')
                    value = html.unescape(aval.strip("\"'")) if aval else ""
                    if name == "span" and value != "tg-spoiler":
                        raise HTMLParseError(f"Tag \"span\" must have class \"tg-spoiler\" at byte offset {_offset(text, i)}")
                    if name == "code" and not value.startswith("language-"):
                        raise HTMLParseError(f'Unsupported class in tag "code" at byte offset {_offset(text, i)}')
                if name == "span" and "class" not in attrs:
                    raise HTMLParseError(f"Tag \"span\" must have class \"tg-spoiler\" at byte offset {_offset(text, i)}")
                if name == "a" and "href" not in attrs.lower():
                    raise HTMLParseError(f'Tag "a" must have attribute "href" at byte offset {_offset(text, i)}')
                if stack and stack[-1] in ("pre", "code") and name not in ("code",):
                    raise HTMLParseError(f'Tag "{name}" is not allowed inside "{stack[-1]}" at byte offset {_offset(text, i)}')
                stack.append(name)
            i = m.end()
        elif ch == "&":
            m = _ENTITY.match(text, i)
            if not m:
                raise HTMLParseError(f"Unescaped '&' (not a known entity) at byte offset {_offset(text, i)}")
            out.append(html.unescape(m.group(0)))
            i = m.end()
        elif ch == ">":
            raise HTMLParseError(f"Unescaped '>' at byte offset {_offset(text, i)}")
        else:
            j = i
            while j < n and text[j] not in "<&>":
                j += 1
            out.append(text[i:j])
            i = j
    if stack:
        raise HTMLParseError(f'Can\'t find end tag corresponding to start tag "{stack[-1]}"')
    return "".join(out)


def tg_len(text: str) -> int:
    """Length as Telegram counts it: UTF-16 code units."""
    return len(text.encode("utf-16-le")) // 2
