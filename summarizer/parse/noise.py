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
    r"|\d+ comments?$|comments?$|comments?\s*\(\d+\)$|reply$|\d{1,3}$|page \d{1,3}(?: of \d{1,3})?$|total pages\s*:"
    r"|share to\b|font size\b|(?:corrected|edited|preliminary|raw|final|unedited|verbatim) transcript$|(?:[\w.]+ ){0,3}streetevents\b.*transcript$"
    r"|(?:strictly )?(?:confidential|proprietary)\b(?:\W+(?:for|internal|do|not|use|only|distribution|information)\b.*)?$"
    r"|(?:for )?internal use only\b|not for (?:re)?distribution\b|draft\W*$|disclaimer\s*:"
    r"|(?:transcript |content )?(?:powered|generated|transcribed|produced|provided|prepared|supplied) by\b[^.!?]*$"
    r"|all (?:figures|amounts|numbers|values) (?:are )?(?:in|shown)\b[^.!?]*$|(?:audio|webcast|replay) (?:available|link)\b[^.!?]*$"
    r"|this (?:document|transcript) is a (?:transcript|record) of\b"
    r"|1-\d{3}-[A-Z0-9]{4,8}\b|www\.\S+$|[\[(]?\d{1,2}:\d{2}(?::\d{2})?(?:\.\d+)?[\])]?$|loading\.\.\.|contents\s*:$|\[?\(?(?:over|end|完)\)?\]?$|\*{3,}$|-{3,}$)",
    re.I,
)
_END = re.compile(
    r"^(?:you may also like|leave a (?:comment|reply)|related articles|related posts|more from\b|recommended for you"
    r"|this site uses akismet|this website uses cookies|we use cookies|duration\s*:\s*\d+\s*minutes|accept(?: all)?(?: cookies)?$"
    r"|about the author|disclosure\s*:|comments$|post navigation|definitions$|disclaimer$"
    r"|related (?:reading|stories|articles|posts|news|coverage|links)\s*:?$"
    r"|this transcript may not be 100 percent accurate|[-–—*=\s]*end of (?:the )?(?:call |conference call |)transcript\b)",
    re.I,
)
_TRAILING = re.compile(r"\s*[\(（\[](?:over|end|完)[\)）\]]\s*$", re.I)


_BYLINE = re.compile(r"^[^|]{1,60}(?:\s\|\s[^|]{1,60}){1,5}$")
_BYLINE_WORDS = re.compile(r"\b(?:(?:19|20)\d{2}[-/.]\d{1,2}[-/.]\d{1,2}|\d{1,2}:\d{2}|reporter|author|editor|source|"
                           r"updated|published|views?|by)\b", re.I)
_SHARE_WORDS = re.compile(r"\b(?:wechat|weibo|facebook|twitter|linkedin|whatsapp|reddit|telegram|email|copy link|print)\b", re.I)


def is_noise_line(line: str) -> bool:
    """A line of page furniture rather than transcript text: links, share buttons, bylines, footers."""
    s = line.strip()
    if _NOISE.match(s) or _END.match(s):
        return True
    if " | " in s and len(s) < 160 and _BYLINE.match(s) and _BYLINE_WORDS.search(s):
        return True  # "Tech Daily | 2025-11-14 09:12 | Reporter: Staff Writer"
    if len(s) < 100 and s[-1:] not in ".?!":
        low = s.lower()
        if "facebook" in low or "twitter" in low or "linkedin" in low or "wechat" in low or "weibo" in low:
            return len(_SHARE_WORDS.findall(s)) >= 3  # "Share to: WeChat Weibo Facebook X Copy link"
    return False


def is_end_marker(line: str) -> bool:
    """A line after which the article's transcript is over (comment boxes, cookie banners, related links)."""
    return _END.match(line.strip()) is not None


def strip_trailing_marker(text: str) -> str:
    """Drop a news agency's end mark such as '(over)' or '(完)' and a provider's legal notice from the last turn."""
    paras = _TRAILING.sub("", text).rstrip().split("\n\n")
    while len(paras) > 1 and len({m.group(0).lower()[:6] for m in _LEGAL.finditer(paras[-1])}) >= 3:
        paras.pop()  # "These materials have been prepared solely for information purposes ... no liability ..."
    return "\n\n".join(paras)


_LEGAL = re.compile(
    r"\b(?:warrant\w*|liabilit\w*|liable|reproduc\w*|redistribut\w*|retransmi\w*|written permission|disclaim\w*|"
    r"copyright\w*|trademarks?|rights reserved|\"as is\"|investment advice|solely for information(?:al)? purposes|"
    r"representations?|omissions|prohibited)\b", re.I)
