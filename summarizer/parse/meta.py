"""Call metadata from titles, header lines and the opening text: company, ticker, fiscal period, date."""
from __future__ import annotations

import re

from summarizer.model import Transcript

_MONTHS = {m: i for i, m in enumerate(
    ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"], start=1)}
_ORD = {"first": 1, "second": 2, "third": 3, "fourth": 4, "1st": 1, "2nd": 2, "3rd": 3, "4th": 4}
_EXCH = r"(?:NYSE\s*American|NYSE|NASDAQ|Nasdaq|NYSEMKT|AMEX|TSX|TSXV|LSE|HKEX|HKSE|OTC|ASX|SEHK|SSE|SZSE)"
_MF_TITLE = re.compile(
    r"^(?P<company>.+?)\s*\((?:" + _EXCH + r"\s*:\s*)?(?P<ticker>[A-Z][A-Z0-9.\-]{0,7})\)\s+(?:Q(?P<q>[1-4])\s+(?:FY\s*)?(?P<y>\d{4})|(?P<y2>\d{4})\s+Q(?P<q2>[1-4]))")
_MD_TITLE = re.compile(r"^(?P<ticker>[A-Z][A-Z0-9.\-]{0,7})\s+(?:Q(?P<q>[1-4])\s+(?:FY\s*)?(?P<y>\d{4}))\s+Earnings", re.I)
_TICKER = re.compile(r"\((?:" + _EXCH + r")\s*:\s*(?P<t>[A-Z][A-Z0-9.\-]{0,7})\)")
_FIELD = re.compile(r"^[\s*_#>-]*(?P<k>date|call date|event date|company|company name|ticker|symbol|title|quarter|fiscal period|period)[\s*_]*[:：][\s*_]*(?P<v>.+?)[\s*_]*$", re.I)
_HEADER = re.compile(
    r"^(?:#\s|[\s*_]*(?:date|time|call date|event date|ticker|symbol|company|company name|exchange|event|quarter|fiscal period|"
    r"location|speakers?|title|period)[\s*_]*[:：])"
    r"|^[A-Z][A-Z0-9.\-]{0,7} earnings call for the period ending\b", re.I)
_DATE_ONLY = re.compile(
    r"^(?:[A-Z][a-z]+day,?\s+)?(?:[A-Z][a-z]{2,8}\.?\s+\d{1,2},?\s+\d{4}|\d{1,2}\s+[A-Z][a-z]{2,8}\s+\d{4}|\d{4}-\d{2}-\d{2})"
    r"(?:,?\s+(?:at\s+)?\d{1,2}(?::\d{2})?\s*(?i:a\.m\.|p\.m\.|am|pm)?\.?\s*(?:[A-Z]{2,4})?\.?)?$")
_Q_PATTERNS = (
    re.compile(r"\bQ(?P<q>[1-4])\s*(?:FY|F)?\s*'?(?P<y>(?:19|20)\d{2})\b"),
    re.compile(r"\b(?P<y>(?:19|20)\d{2})\s*Q(?P<q>[1-4])\b"),
    re.compile(r"\b(?P<ord>first|second|third|fourth|1st|2nd|3rd|4th)[- ]quarter(?:\s+(?:and|&)\s+(?:the\s+)?full[- ]year)?"
               r"(?:\s+(?:of|for|in))?(?:\s+(?:the\s+)?fiscal(?:\s+year)?)?\s+(?:FY\s*)?(?P<y>(?:19|20)\d{2})\b", re.I),
    re.compile(r"\bfiscal(?:\s+year)?\s+(?P<y>(?:19|20)\d{2})\s+(?P<ord>first|second|third|fourth)[- ]quarter", re.I),
    re.compile(r"\b(?P<y>(?:19|20)\d{2})\s+(?P<ord>first|second|third|fourth)[- ]quarter", re.I),
)
_Q_ONLY = re.compile(r"\bQ(?P<q>[1-4])\b|\b(?P<ord>first|second|third|fourth)[- ]quarter\b", re.I)
_WELCOME = re.compile(
    r"welcome to (?:the |today's |today’s )?(?P<c>[A-Z][\w&'’.\-]*(?:\s+(?:&\s+)?[A-Z][\w&'’.\-]*){0,5}?)(?:'s|’s)?\s+"
    r"(?i:(?:first|second|third|fourth)[- ]quarter|Q[1-4]|fiscal|full[- ]year|(?:19|20)\d{2}|quarterly|earnings|conference)")
_NEWS = re.compile(
    r"(?P<c>[A-Z][\w&'’.\-]*(?:\s+[A-Z][\w&'’.\-]*){0,3})\s+(?:released|reported|announced|posted|published)\s+"
    r"(?:its|their)\s+(?:unaudited\s+)?(?:financial|earnings|quarterly|annual|results|fourth|third|second|first|Q[1-4])")
_TITLE_COMPANY = re.compile(
    r"^(?P<c>[A-Z][\w&'’.\-]*(?:\s+[A-Z][\w&'’.\-]*){0,3}?)(?:'s|’s)?\s+(?i:executives?|management|CEO|CFO|reports?|posts?|beats?|"
    r"misses?|Q[1-4]|first|second|third|fourth|earnings|results|shares|stock|fiscal|FY\s*\d{2,4}|full[- ]year|(?:19|20)\d{2})\b")
_NAME_TICKER = re.compile(r"^(?P<company>[A-Z][^()|]{1,80}?)\s*\((?:" + _EXCH + r"\s*:\s*)?(?P<ticker>[A-Z][A-Z0-9.\-]{0,7})"
                          r"(?:\s+[-+]?\d[\d.,]*%)?\)")


_TIMED_LABEL = re.compile(r"^[\[(]?\d{1,2}:\d{2}|[\[(]\d{1,2}:\d{2}(?::\d{2})?[\])]\s*:")


def find_title(lines: list[str], speaker_labels: set[str] | frozenset[str] = frozenset()) -> str | None:
    """The document's first line when it reads as a headline (not a speaker line), minus breadcrumbs."""
    for ln in lines[:15]:
        s = ln.strip()
        if not s:
            continue
        s = re.sub(r"^(?:home\s*[»>›]\s*)+", "", s, flags=re.I).lstrip("# ").strip()
        if len(s) > 300 or _FIELD.match(s) or _DATE_ONLY.match(s) or _TIMED_LABEL.search(s):
            return None
        from summarizer.parse.speakers import OPERATOR_NAMES, parse_label

        head = s.split(":", 1)[0]
        if ":" in s and head.strip(" *_") in speaker_labels:
            return None
        if ":" in s and len(head.split()) <= 5 and head[:1].isupper() and "report" not in head.lower():
            if parse_label(head, allow_single=True):
                return None
        if s.strip("*_ ").lower() in OPERATOR_NAMES:
            return None
        if (" -- " in s or " - " in s) and len(s) < 160:
            info = parse_label(s)  # a speaker line such as "Jane Roe -- Chief Executive Officer"
            if info and (info.title or info.firm):
                return None
        return s
    return None


def clean_title(title: str | None) -> str | None:
    """Drop site names after ' | ' or '_Site' from a headline."""
    if not title:
        return None
    t = title.split(" | ")[0].split("|")[0].strip()
    return t or None


def is_header_line(line: str) -> bool:
    """A metadata line (Date:, Ticker:, a bare date) rather than spoken text."""
    return bool(_HEADER.match(line)) or bool(_DATE_ONLY.match(line.strip()))


def _quarter(text: str) -> tuple[int | None, int | None]:
    """The earliest fiscal period named in `text`."""
    found = [m for m in (rx.search(text) for rx in _Q_PATTERNS) if m]
    if not found:
        return None, None
    g = min(found, key=lambda m: m.start()).groupdict()
    q = int(g["q"]) if g.get("q") else _ORD[g["ord"].lower()]
    return q, int(g["y"])


def _date(value: str) -> str | None:
    m = re.search(r"(\d{4})-(\d{2})-(\d{2})", value)
    if m:
        return m.group(0)
    m = re.search(r"([A-Za-z]{3,9})\.?\s+(\d{1,2}),?\s+(\d{4})", value)
    if m and m.group(1)[:3].lower() in _MONTHS:
        return f"{int(m.group(3)):04d}-{_MONTHS[m.group(1)[:3].lower()]:02d}-{int(m.group(2)):02d}"
    m = re.search(r"(\d{1,2})\s+([A-Za-z]{3,9})\.?\s+(\d{4})", value)
    if m and m.group(2)[:3].lower() in _MONTHS:
        return f"{int(m.group(3)):04d}-{_MONTHS[m.group(2)[:3].lower()]:02d}-{int(m.group(1)):02d}"
    return None


def fill(tr: Transcript, raw_title: str | None, text: str) -> None:
    """Fill title, company, ticker, fiscal quarter/year and call date from what the document says."""
    title = clean_title(raw_title)
    tr.title = tr.title or title
    head = text[:6000]
    fields: dict[str, str] = {}
    for ln in head.split("\n")[:60]:
        m = _FIELD.match(ln)
        if m:
            fields.setdefault(m["k"].lower(), m["v"].strip())
        elif tr.call_date is None and _DATE_ONLY.match(ln.strip()):
            tr.call_date = _date(ln)
    for key in ("date", "call date", "event date"):
        if key in fields and not tr.call_date:
            tr.call_date = _date(fields[key])
    tr.company = tr.company or fields.get("company") or fields.get("company name")
    if fields.get("ticker") or fields.get("symbol"):
        tr.ticker = tr.ticker or (fields.get("ticker") or fields.get("symbol") or "").strip("() ").split(":")[-1].strip() or None
    if title:
        m = _MF_TITLE.match(title)
        if m:
            tr.company = tr.company or m["company"].strip()
            tr.ticker = tr.ticker or m["ticker"]
            tr.fiscal_quarter = tr.fiscal_quarter or int(m["q"] or m["q2"])
            tr.fiscal_year = tr.fiscal_year or int(m["y"] or m["y2"])
        m = _NAME_TICKER.match(title)  # "Aaron's Company Inc (NYSE:AAN)", "Acme Corp (ACME -1.12%)"
        if m:
            tr.company = tr.company or m["company"].strip(" ,")
            tr.ticker = tr.ticker or m["ticker"]
        m = _MD_TITLE.match(title)
        if m:
            tr.ticker = tr.ticker or m["ticker"].upper()
            tr.fiscal_quarter = tr.fiscal_quarter or int(m["q"])
            tr.fiscal_year = tr.fiscal_year or int(m["y"])
    if tr.ticker is None:
        m = _TICKER.search(head)
        if m:
            tr.ticker = m["t"]
    if tr.fiscal_quarter is None or tr.fiscal_year is None:
        q, y = _quarter(" ".join(filter(None, [title, fields.get("quarter"), fields.get("fiscal period"), fields.get("period")])))
        if q is None:
            q, y = _quarter(head)
        if q is None and title:
            m = _Q_ONLY.search(title)
            if m:
                q = int(m["q"]) if m["q"] else _ORD[m["ord"].lower()]
        tr.fiscal_quarter = tr.fiscal_quarter or q
        tr.fiscal_year = tr.fiscal_year or y
    if tr.company is None:
        tr.company = _company_from_text(title, head)
    if tr.company:
        tr.company = re.sub(r"\s+", " ", tr.company).strip(" .,;:") or None  # 'Acme Inc.' and 'Acme Inc' are one company


_NOT_COMPANY = re.compile(r"^(?:the|our|we|this|today|welcome|ladies|good|first|second|third|fourth|q[1-4]|fiscal|full|"
                          r"fy|\d{4})\b", re.I)


def _company_from_text(title: str | None, head: str) -> str | None:
    for rx, where in ((_WELCOME, head), (_NEWS, head), (_TITLE_COMPANY, title or "")):
        for m in rx.finditer(where):
            c = re.sub(r"(?:'s|’s)$", "", m["c"].strip(" .,'’"))
            if c and not _NOT_COMPANY.match(c):
                return c
    return None
