"""Page noise that never belongs in a turn: cross-links, share buttons, cookie and comment boxes, footers."""
from __future__ import annotations

import re

_NOISE = re.compile(
    r"^(?:see also\b|related(?: articles| stories| reading| coverage| news)?\s*:|read more\b|read also\b|also read\b"
    r"|advertisement$|sponsored\b|share (?:this|on)\b|follow us\b|home\s*[»>›]|by \w+$|posted (?:on|by|in)\b"
    r"|tags?\s*:|filed under\b|subscribe\b|sign up\b|click here\b|image source\s*:|photo\s*:|source\s*:\s*\S+$"
    r"|(?:responsible )?editor\s*:|copyright\b|©|all rights reserved|print this|email this|back to top"
    r"|this article is a transcript of this conference call|while we strive for our foolish best|need a quote from\b"
    r"|the motley fool has|motley fool transcribing|more (?:[A-Z.]{1,6} )?analysis$|all earnings call transcripts"
    r"|\d+ comments?$|comments?$|reply$|loading\.\.\.|contents\s*:$|\[?\(?(?:over|end|完)\)?\]?$|\*{3,}$|-{3,}$)",
    re.I,
)
_END = re.compile(
    r"^(?:you may also like|leave a (?:comment|reply)|related articles|related posts|more from\b|recommended for you"
    r"|this site uses akismet|this website uses cookies|we use cookies|duration\s*:\s*\d+\s*minutes|accept(?: all)?(?: cookies)?$"
    r"|about the author|disclosure\s*:|comments$|post navigation)",
    re.I,
)
_TRAILING = re.compile(r"\s*[\(（\[](?:over|end|完)[\)）\]]\s*$", re.I)


def is_noise_line(line: str) -> bool:
    """A line of page furniture rather than transcript text."""
    return bool(_NOISE.match(line.strip())) or _END.match(line.strip()) is not None


def is_end_marker(line: str) -> bool:
    """A line after which the article's transcript is over (comment boxes, cookie banners, related links)."""
    return _END.match(line.strip()) is not None


def strip_trailing_marker(text: str) -> str:
    """Drop a news agency's end mark such as '(over)' or '(完)' from the last turn."""
    return _TRAILING.sub("", text).rstrip()
