"""Call metadata from titles, header lines and the opening text: company, ticker, fiscal period, date."""
from __future__ import annotations

import re

from summarizer.model import Transcript

_MONTHS = {m: i for i, m in enumerate(
    ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"], start=1)}
_ORD = {"first": 1, "second": 2, "third": 3, "fourth": 4, "1st": 1, "2nd": 2, "3rd": 3, "4th": 4}
_EXCH = r"(?:NYSE\s*American|NYSE\s*Arca|NYSE|NASDAQ(?:GS|GM|CM)?|Nasdaq(?:GS|GM|CM)?|NYSEMKT|AMEX|TSX|TSXV|LSE|HKEX|HKSE|OTC|ASX|SEHK|SSE|SZSE|SGX|TYO|TSE)"
_MF_TITLE = re.compile(
    r"^(?P<company>.+?)\s*\((?:" + _EXCH + r"\s*:\s*)?(?P<ticker>[A-Z][A-Z0-9.\-]{0,7})\)\s+(?:Q(?P<q>[1-4])\s+(?:FY\s*)?(?P<y>\d{4})|(?P<y2>\d{4})\s+Q(?P<q2>[1-4]))")
_MD_TITLE = re.compile(r"^(?P<ticker>[A-Z][A-Z0-9.\-]{0,7})\s+(?:Q(?P<q>[1-4])\s+(?:FY\s*)?(?P<y>\d{4}))\s+Earnings", re.I)
_TICKER = re.compile(r"\((?:" + _EXCH + r")\s*:\s*(?P<t>[A-Z0-9][A-Z0-9.\-]{0,7})\)")
_FIELD = re.compile(r"^[\s*_#>-]*(?P<k>date|call date|event date|event date/time|recorded|recorded on|company|company name|ticker|company ticker|symbol|title|quarter|fiscal period|period"
                    r"|printed|printed on|updated|last updated|generated|document id|doc id|document number|document no|reference|"
                    r"classification|prepared by|source|provided by|courtesy of|conference id|event id|passcode|access code|copyright)"
                    r"[\s*_]*[:：][\s*_]*(?P<v>.+?)[\s*_]*$", re.I)
_HEADER = re.compile(
    r"^(?:#\s|[\s*_]*(?:date|time|call date|event date|event date/time|recorded|recorded on|ticker|company ticker|symbol|company|"
    r"company name|exchange|event|quarter|fiscal period|"
    r"location|speakers?|title|period|printed|printed on|updated|last updated|generated|document id|doc id|document number|"
    r"document no|reference|ref|classification|prepared by|source|provided by|courtesy of|conference id|event id|passcode|"
    r"access code|audio|webcast|replay|transcript|transcribed by|copyright|page)[\s*_]*[:：])"
    r"|^[A-Z][A-Z0-9.\-]{0,7} earnings call for the period ending\b", re.I)
_DATE_ONLY = re.compile(
    r"^(?:[A-Z][a-z]+day,?\s+)?(?:[A-Z][a-z]{2,8}\.?\s+\d{1,2}(?:st|nd|rd|th)?,?\s+\d{4}|\d{1,2}(?:st|nd|rd|th)?\s+(?:of\s+)?[A-Z][a-z]{2,8},?\s+\d{4}"
    r"|\d{4}-\d{2}-\d{2}|\d{1,2}-[A-Z][a-z]{2}-\d{4}|\d{1,2}/\d{1,2}/\d{4})"
    r"(?:(?:,|\s+[/|–—-])?\s+(?:at\s+)?\d{1,2}(?::\d{2})?\s*(?i:a\.m\.|p\.m\.|am|pm)?\.?\s*(?:[A-Z]{2,4})?\.?)?$")
# a page's running head or foot naming the call: "NWRB - Q3 2025 Earnings Call", "Acme | Q3 2025 Results | Nov 5, 2025"
_CALL_HEADING = re.compile(r"\b(?:(?:earnings|conference|results|investor|analyst)\s+(?:call|webcast|presentation)|transcript|"
                           r"earnings\s+release)\b", re.I)
_HEADING_PERIOD = re.compile(r"\b(?:Q[1-4]|[1-4]Q|FY|H[12])\s*'?\d{2,4}\b|\b(?:19|20)\d{2}\b|\btranscript\b", re.I)
_Q_PATTERNS = (
    re.compile(r"\bF?Q(?P<q>[1-4])\s*[-/]?\s*(?:FY|F)?\s*'?(?P<y>(?:19|20)\d{2})\b"),  # "Q3 2025", "FQ3 2025" (Capital IQ)
    re.compile(r"\b(?P<y>(?:19|20)\d{2})\s*Q(?P<q>[1-4])\b"),
    re.compile(r"\b(?P<ord>first|second|third|fourth|1st|2nd|3rd|4th)[- ]quarter(?:\s+(?:and|&)\s+(?:the\s+)?(?:full[- ]year|year[- ]end))?"
               r"(?:\s+(?:of|for|in))?(?:\s+(?:the\s+)?fiscal(?:\s+year)?)?\s+(?:FY\s*)?(?P<y>(?:19|20)\d{2})\b", re.I),
    re.compile(r"\b(?:fiscal(?:\s+year)?\s+|FY\s*)(?P<y>(?:19|20)\d{2})\s+(?P<ord>first|second|third|fourth)[- ]quarter", re.I),
    re.compile(r"\b(?P<y>(?:19|20)\d{2})\s+(?P<ord>first|second|third|fourth)[- ]quarter", re.I),
    re.compile(  # one scan for the short forms: "FY25 Q3", "Q3 FY25", "Q3 '25", "3Q25", "Q3 of fiscal 2025"
        r"\b(?:(?i:FY)\s*'?(?P<y1>(?:19|20)?\d{2})\s*[-/ ]?\s*Q(?P<q1>[1-4])|Q(?P<q2>[1-4])\s*[-/ ]?\s*(?i:FY|F)\s*'?(?P<y2>\d{2})"
        r"|Q(?P<q3>[1-4])\s*['’](?P<y3>\d{2})|(?P<q4>[1-4])Q\s*['’]?(?P<y4>(?:19|20)?\d{2})"
        r"|Q(?P<q5>[1-4])\s+(?:of\s+)?(?i:fiscal|FY)(?:\s+year)?\s+(?P<y5>(?:19|20)\d{2}))\b"),
)
_Q_ONLY = re.compile(r"\bQ(?P<q>[1-4])\b|\b(?P<ord>first|second|third|fourth)[- ]quarter\b", re.I)
# "Welcome to", "welcome everyone to the", "welcome you to today's" (any case); the company keeps its capitals
_WELCOME_TO = r"(?i:welcome(?:\s+everyone|\s+you(?:\s+all)?)?\s+to\s+(?:the\s+|today's\s+|today’s\s+)?)"
_WELCOME_CO = (r"(?P<c>[A-Z][\w&'’.\-]*(?:\s+(?:&\s+)?[A-Z][\w&'’.\-]*){0,5}?"
               r"(?:,\s*(?:Inc|Corp|Ltd|LLC|plc)\.?)?)(?:'s|’s)?\s+")
_WELCOME = re.compile(  # "welcome to the Acme Widgets third quarter 2024 earnings call"
    _WELCOME_TO + _WELCOME_CO +
    r"(?i:(?:first|second|third|fourth)[- ]quarter|Q[1-4]|fiscal|full[- ]year|(?:19|20)\d{2}|quarterly|earnings|conference)")
_WELCOME_PERIOD_FIRST = re.compile(  # "welcome to the Third Quarter 2020 American Assets Trust Inc Earnings Conference Call"
    _WELCOME_TO + r"(?i:(?:fiscal\s+)?(?:(?:first|second|third|fourth)[- ]quarter|Q[1-4])"
    r"(?:\s+(?:of\s+)?(?:fiscal\s+)?(?:year\s+)?(?:19|20)\d{2})?)\s+" + _WELCOME_CO +
    r"(?i:earnings|conference|financial\s+results|results|quarterly|call)")
_NEWS = re.compile(
    r"(?P<c>[A-Z][\w&'’.\-]*(?:\s+[A-Z][\w&'’.\-]*){0,3})\s+(?:released|reported|announced|posted|published)\s+"
    r"(?:its|their)\s+(?:unaudited\s+)?(?:financial|earnings|quarterly|annual|results|fourth|third|second|first|Q[1-4])")
_TITLE_COMPANY = re.compile(
    r"^(?P<c>[A-Z][\w&'’.\-]*(?:\s+[A-Z][\w&'’.\-]*){0,3}?)(?:'s|’s)?\s+(?i:executives?|management|CEO|CFO|reports?|posts?|beats?|"
    r"misses?|Q[1-4]|[1-4]Q\d{2}|first|second|third|fourth|earnings|results|shares|stock|fiscal|FY\s*\d{2,4}|full[- ]year|(?:19|20)\d{2})\b")
_EXCH_TICKER = re.compile(r"^(?P<company>[A-Z][^()|:]{1,80}?),?\s+" + _EXCH + r"\s*:\s*(?P<ticker>[A-Z0-9][A-Z0-9.\-]{0,7})\b")
_NAME_TICKER = re.compile(r"^(?P<company>[A-Z][^()|]{1,80}?)\s*\((?:" + _EXCH + r"\s*:\s*)?(?P<ticker>[A-Z][A-Z0-9.\-]{0,7})"
                          r"(?:\s+[-+]?\d[\d.,]*%)?\)")


_ANY_DASH = re.compile(r"\s(?:--|-|–|—)\s")
_BREADCRUMB = re.compile(r"^(?:[\w&' ]{1,30}\s*[»>›]\s*){1,5}[\w&' ]{1,30}$")
_CALL_WORDS = re.compile(r"earnings|results|conference|transcript|\bcall\b|\bQ[1-4]\b|quarter|\bFY\s*\d", re.I)
_SE_TITLE = re.compile(  # StreetEvents: "ACME.OQ - Q3 2025 Acme Inc Earnings Call", "Q3 2025 Acme Inc Earnings Call"
    r"^(?:(?P<ticker>[A-Z][A-Z0-9]{0,6})(?:\.[A-Z]{1,3})?\s+-\s+)?Q(?P<q>[1-4])\s+(?P<y>(?:19|20)\d{2})\s+(?P<company>.+?)\s+"
    r"(?:Earnings|Financial Results|Results|Sales|Trading|Pre-Recorded|Conference)\b.*\b(?:Call|Presentation|Webcast)\b")
_CALL_THEN_DATE = re.compile(r"\b(?:call|conference|webcast)\b(?:\s+(?:was|is|held|on|of|dated|date)){0,3}[\s,:\-–—|]*(?=\S*\d|(?-i:[A-Z][a-z]{2}))",
                             re.I)
_SPEECH_OPENER = re.compile(
    r"(?:good (?:morning|afternoon|evening|day)|hello|hi|hey|welcome|thank you|thanks|ladies and gentlemen|greetings|"
    r"we|we're|we've|our|i|i'm|i'd|i'll|today|this (?:is|morning|afternoon|quarter)|so|okay|ok|yes|well|as (?:you|we|i))\b",
    re.I)
_TWO_SENTENCES = re.compile(r"(?:\b[a-z]{3,}|\d%?)[.!?]\s+[A-Z][a-z]")  # "...up 8%. Adjusted EPS", not "Acme Inc. Reports"
_TIMED_LABEL = re.compile(r"^[\[(]?\d{1,2}:\d{2}|[\[(]\d{1,2}:\d{2}(?::\d{2})?[\])]\s*:|\s\d{1,2}:\d{2}(?::\d{2})?$")


def find_title(lines: list[str], speaker_labels: set[str] | frozenset[str] = frozenset()) -> str | None:
    """The document's first line when it reads as a headline (not a speaker line), minus breadcrumbs; past a
    header block (`Company Name:` fields, a provider's banner), the first line that names the call."""
    from summarizer.parse.noise import is_noise_line
    from summarizer.parse.qa_labels import qa_side, said_label

    past_header = False
    for ln in lines[:15]:
        s = ln.strip()
        if not s:
            continue
        if _BREADCRUMB.match(s) or is_noise_line(s) or _FIELD.match(s) or _DATE_ONLY.match(s):
            past_header = True  # "Home > Markets > Earnings", "REFINITIV STREETEVENTS EDITED TRANSCRIPT", "Date: ..."
            continue
        s = re.sub(r"^(?:home\s*[»>›]\s*)+", "", s, flags=re.I).lstrip("# ").strip()
        if len(s) > 300 or _TIMED_LABEL.search(s):
            return None
        if past_header and not _CALL_WORDS.search(s):
            return None
        if _SE_TITLE.match(s) or _EXCH_TICKER.match(s):
            return s
        from summarizer.parse.speakers import OPERATOR_NAMES, is_person_name, parse_label

        head = s.split(":", 1)[0]
        if ":" in s and (head.strip(" *_") in speaker_labels or qa_side(head) or said_label(head)):
            return None
        if ":" in s and len(head.split()) <= 5 and head[:1].isupper() and "report" not in head.lower():
            if parse_label(head, allow_single=True):
                return None
        if s.strip("*_ ").lower() in OPERATOR_NAMES or is_person_name(s.strip("*_ ")):
            return None  # "Operator" or "Jane Roe" alone: the first speaker, not a headline
        if _ANY_DASH.search(s) and len(s) < 160:
            info = parse_label(s)  # a speaker line such as "Jane Roe -- Chief Executive Officer"
            if info and (info.title or info.firm or info.role):
                return None
        if reads_as_speech(s):
            return None  # a headerless paste: its first sentence is speech, not a headline
        return s
    return None


def reads_as_speech(line: str) -> bool:
    """A line of speech rather than a headline: it opens as a speaker does ('Good morning, and welcome to...',
    'We delivered...'), or it is a sentence of 8+ words ending in a full stop, or it holds two sentences."""
    s = line.strip().strip("*_\"“”'").strip()
    n = len(s.split())
    if n >= 4 and _SPEECH_OPENER.match(s):
        return True
    if n >= 8 and s.endswith((".", "!", "?")) and not s.endswith("..."):
        return True
    return _TWO_SENTENCES.search(s) is not None


def untitled(tr: Transcript) -> str:
    """The title of a call whose document has no headline: its company and period, else 'Untitled call'."""
    name = tr.company or tr.ticker
    if not name:
        return "Untitled call"
    period = f"Q{tr.fiscal_quarter} {tr.fiscal_year}" if tr.fiscal_quarter and tr.fiscal_year else \
        str(tr.fiscal_year) if tr.fiscal_year else ""
    return f"{name} {period}".strip()


def is_listing_line(line: str) -> bool:
    """'Acme Corp. NasdaqGS:ACME': a company and its listing, not a speaker and their words."""
    return _EXCH_TICKER.match(line.strip()) is not None


def clean_title(title: str | None) -> str | None:
    """Drop site names after ' | ' or '_Site' from a headline."""
    if not title:
        return None
    t = title.split(" | ")[0].split("|")[0].strip()
    return t or None


def is_header_line(line: str) -> bool:
    """A metadata line (Date:, Ticker:, a bare date) rather than spoken text."""
    return bool(_HEADER.match(line)) or bool(_DATE_ONLY.match(line.strip()))


def is_call_heading(line: str) -> bool:
    """A line that names the call as a page's header or footer does ('Q3 2025 Earnings Call', 'Acme (ACME) Q3 2025
    Earnings Call Transcript', 'Acme | Q3 2025 Results | November 5, 2025'): short, no sentence, names the call and
    its period. Never a turn nor part of one."""
    s = line.strip().strip("*_#>| ")
    if not (0 < len(s) < 160 and s[-1:] not in ".?!,;:]" and len(s.split()) <= 16) or _SPOKEN.search(_ABBREV.sub("X", s)):
        return False
    words = [w for w in re.findall(r"[A-Za-z][\w'&.-]*", s) if w.lower() not in _SMALL_WORDS]
    titled = sum(w[0].isupper() for w in words) >= 0.7 * max(1, len(words))  # a heading is title case
    return titled and _CALL_HEADING.search(s) is not None and _HEADING_PERIOD.search(s) is not None


_SPOKEN = re.compile(r"[.?!]\s|\[|^(?:good|welcome|thank|thanks|greetings|hello|hi|ladies|we|our|i|and|so|yes|sure)\b", re.I)
_SMALL_WORDS = frozenset("a an and the of for to in on at by with vs from".split())
_ABBREV = re.compile(r"\b(?:Inc|Corp|Co|Ltd|Plc|LLC|Mr|Mrs|Ms|Dr|St|No|vs|U\.S|U\.K|S\.A|N\.V)\.")


def _quarter(text: str) -> tuple[int | None, int | None]:
    """The earliest fiscal period named in `text`."""
    found = [m for m in (rx.search(text) for rx in _Q_PATTERNS) if m]
    if not found:
        return None, None
    g = {k.rstrip("12345"): v for k, v in min(found, key=lambda m: m.start()).groupdict().items() if v}
    q = int(g["q"]) if g.get("q") else _ORD[g["ord"].lower()]
    y = int(g["y"])
    return q, y + 2000 if y < 100 else y


def _period_of(m: re.Match) -> tuple[int, int]:
    g = {k.rstrip("12345"): v for k, v in m.groupdict().items() if v}
    q = int(g["q"]) if g.get("q") else _ORD[g["ord"].lower()]
    y = int(g["y"])
    return q, y + 2000 if y < 100 else y


_SAME_SENTENCE = r"(?:[^.;!?]|(?<=\d)\.(?=\d))"  # within one sentence ('$848.7 million' does not end one)
# a period the call compares with, or looks ahead to, is not its own: "up 12% from the fourth quarter of 2020"
_NOT_OWN_BEFORE = re.compile(
    r"(?:\b(?:from|than|over|since|into|through|by|until|before|after|against|versus|vs\.?|in\s+the\s+(?:prior|previous|same))\s+"
    r"(?:the\s+|our\s+|last\s+year's\s+)?(?:(?:fiscal|calendar)\s+(?:year\s+)?)?$"
    r"|(?:compared\s+(?:to|with)|relative\s+to|lapping|lapped|anniversar\w*|prior[- ]year|last\s+year(?:'s)?|a\s+year\s+ago|"
    r"year[- ]ago|same\s+(?:quarter|period)|previous|\bprior\b|back\s+in|comparable|\bexpect\w*|\bguidance\b|\boutlook\b|"
    r"\banticipat\w*|\bforecast\w*|\bnext\b|\bupcoming\b|\bbeginning\s+(?:in|of)|\bstarting\s+in|\b(?:update|host|hold)\b|"
    r"to[- ]date|so\s+far\s+in)" + _SAME_SENTENCE + r"{0,45}$)", re.I)
_NOT_OWN_AFTER = re.compile(r"^[\s,]*(?:[\w$%'-]+\s+){0,3}?(?:guidance|outlook|forecast|estimates?|expectations?|targets?|levels?)\b",
                            re.I)
# the call's own words about its period: "welcome to the Acme fourth quarter 2021 earnings call", "our fourth quarter"
_OWN_BEFORE = re.compile(r"(?:welcome|joining|join\s+us|\bour\b|this\s+(?:call|morning|afternoon)|results\s+for|report(?:ing|ed|s)?\b|discuss(?:ing)?|"
                         r"review(?:ing)?|turning\s+to)" + _SAME_SENTENCE + r"{0,50}$", re.I)
_OWN_AFTER = re.compile(r"^[\s,]*(?:and\s+(?:full[- ]year|year[- ]end)\s+)?(?:\d{4}\s+)?(?:earnings|results|financial\s+results|"
                        r"conference|call|highlights|(?:as\s+)?compared\s+(?:to|with)|versus|vs\b|(?:was|were)\s+(?:up|down)|"
                        r"an?\s+(?:increase|decrease|improvement|decline)\s+of)\b", re.I)  # the period stated, then compared
INTRO_CHARS = 1500  # the call's opening (operator, host, first speaker): its own period is named there


def own_period(text: str) -> tuple[int | None, int | None]:
    """The fiscal period a call is about, from its own words: a mention the call makes of itself ("welcome to the
    fourth quarter 2021 call", "our third quarter results") wins; a period it compares with, or looks ahead to, never
    counts. Without such a mention, the one period named at least twice and more often than any other; else
    (None, None) rather than a guess."""
    own: dict[tuple[int, int], int] = {}
    plain: dict[tuple[int, int], int] = {}
    seen: set[int] = set()
    for m in sorted((m for rx in _Q_PATTERNS for m in rx.finditer(text)), key=lambda m: m.start()):
        if any(abs(m.start() - s) < 8 for s in seen):
            continue  # two patterns on one mention
        seen.add(m.start())
        before = text[max(0, m.start() - 70):m.start()].replace("\n", " ")
        after = text[m.end():m.end() + 40]
        if _NOT_OWN_BEFORE.search(before) or _NOT_OWN_AFTER.match(after):
            continue
        p = _period_of(m)
        if _OWN_BEFORE.search(before) or _OWN_AFTER.match(after):
            own[p] = own.get(p, 0) + (3 if m.start() < INTRO_CHARS else 1)  # the opening's word weighs most
        else:
            plain[p] = plain.get(p, 0) + 1
    for counts, least in ((own, 1), (plain, 2)):
        if counts:
            ranked = sorted(counts.items(), key=lambda kv: -kv[1])
            if ranked[0][1] >= least and (len(ranked) == 1 or ranked[0][1] > ranked[1][1]):
                return ranked[0][0]
            return None, None  # two periods just as likely: leave it empty rather than guess
    return None, None


# the call naming itself: "welcome to the Albany fourth-quarter 2019 earnings call", "will discuss Armstrong's second
# quarter 2021 results"
_CALLS_ITSELF_BEFORE = re.compile(r"\b(?:welcome|joining|join\s+us|discuss(?:ing)?|review(?:ing)?|report(?:ing)?)\b"
                                  + _SAME_SENTENCE + r"{0,80}$", re.I)
_CALLS_ITSELF_AFTER = re.compile(r"^[\s,]*(?:and\s+(?:full[- ]year|year[- ]end)\s+)?(?:earnings|results|financial\s+results|"
                                 r"conference|call|webcast)\b", re.I)


def stated_period(text: str) -> tuple[int, int] | None:
    """The fiscal quarter and year the call's opening says it is about, with the year said ("welcome to the Albany
    fourth-quarter 2019 earnings call"), or None: what a file's name cannot overrule."""
    intro = text[:INTRO_CHARS]
    for m in sorted((m for rx in _Q_PATTERNS for m in rx.finditer(intro)), key=lambda m: m.start()):
        before = intro[max(0, m.start() - 100):m.start()].replace("\n", " ")
        if _CALLS_ITSELF_BEFORE.search(before) and _CALLS_ITSELF_AFTER.match(intro[m.end():m.end() + 40]) and \
                not _NOT_OWN_BEFORE.search(before[-70:]):
            return _period_of(m)
    return None


_DATE_FORMS = (  # (pattern, order of year / month / day groups)
    (re.compile(r"\b(\d{4})-(\d{1,2})-(\d{1,2})\b"), "ymd"),
    (re.compile(r"\b([A-Za-z]{3,9})\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})\b"), "mdy"),  # Oct. 29, 2025; February 5th, 2026
    (re.compile(r"\b(\d{1,2})(?:st|nd|rd|th)?[\s\-]+(?:of\s+)?([A-Za-z]{3,9})\.?,?[\s\-]+(\d{4})\b"), "dmy"),  # 28-Oct-2025
    (re.compile(r"\b(\d{1,2})/(\d{1,2})/(\d{4})\b"), "mdy"),  # 10/29/2025 (US); 29/10/2025 when the first is over 12
    (re.compile(r"\b(\d{4})/(\d{1,2})/(\d{1,2})\b"), "ymd"),
    (re.compile(r"\b(\d{1,2})\.(\d{1,2})\.(\d{4})\b"), "dmy"),  # 29.10.2025
    (re.compile(r"\b(\d{4})年(\d{1,2})月(\d{1,2})日"), "ymd"),
)


def _date(value: str) -> str | None:
    """The first date in `value` as YYYY-MM-DD, in any of the usual spellings."""
    best: tuple[int, str] | None = None
    for rx, order in _DATE_FORMS:
        for m in rx.finditer(value):
            parts = dict(zip(order, m.groups()))
            month = parts["m"]
            mon = int(month) if month.isdigit() else _MONTHS.get(month[:3].lower())
            day, year = int(parts["d"]), int(parts["y"])
            if rx.pattern.startswith(r"\b(\d{1,2})/") and mon and mon > 12:
                mon, day = day, mon
            if not mon or not 1 <= mon <= 12 or not 1 <= day <= 31 or not 1990 <= year <= 2100:
                continue
            if best is None or m.start() < best[0]:
                best = (m.start(), f"{year:04d}-{mon:02d}-{day:02d}")
            break
    return best[1] if best else None


def quarter_of(text: str) -> tuple[int | None, int | None]:
    """(fiscal quarter, fiscal year) named in `text` ('2024Q1', 'Q3 FY25'), or (None, None)."""
    return _quarter(text)


def date_of(text: str) -> str | None:
    """The first date in `text` as YYYY-MM-DD, or None."""
    return _date(text)


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
    for key in ("recorded", "recorded on", "event date/time"):
        if key in fields and not tr.call_date:
            tr.call_date = _date(fields[key])
    tr.company = tr.company or fields.get("company") or fields.get("company name")
    ticker = fields.get("ticker") or fields.get("symbol") or fields.get("company ticker")
    if ticker:  # "NASDAQ: ACME", "ACME US Equity" (Bloomberg), "ACME.OQ" (a Reuters code)
        ticker = ticker.strip("() ").split(":")[-1].strip().split()
        tr.ticker = tr.ticker or (re.sub(r"\.[A-Z]{1,3}$", "", ticker[0]) if ticker else None)
    if title:
        m = _SE_TITLE.match(title)
        if m:
            tr.company = tr.company or m["company"].strip()
            tr.ticker = tr.ticker or m["ticker"]
            tr.fiscal_quarter = tr.fiscal_quarter or int(m["q"])
            tr.fiscal_year = tr.fiscal_year or int(m["y"])
        m = _MF_TITLE.match(title)
        if m:
            tr.company = tr.company or m["company"].strip()
            tr.ticker = tr.ticker or m["ticker"]
            tr.fiscal_quarter = tr.fiscal_quarter or int(m["q"] or m["q2"])
            tr.fiscal_year = tr.fiscal_year or int(m["y"] or m["y2"])
        m = _NAME_TICKER.match(title)  # "Aaron's Company Inc (NYSE:AAN)", "Acme Corp (ACME -1.12%)", "Acme's (ACME) CEO ..."
        if m:
            tr.company = tr.company or re.sub(r"(?<=\w)(?:'s|’s|'|’)$", "", m["company"].strip(" ,"))
            tr.ticker = tr.ticker or m["ticker"]
        m = _EXCH_TICKER.match(title)  # Capital IQ: "Acme Corp. NasdaqGS:ACME"
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
            q, y = own_period(head)
        if q is None and title:
            m = _Q_ONLY.search(title)
            if m:
                q = int(m["q"]) if m["q"] else _ORD[m["ord"].lower()]
        tr.fiscal_quarter = tr.fiscal_quarter or q
        tr.fiscal_year = tr.fiscal_year or y
    if tr.company is None:
        tr.company = _company_from_text(title, head)
    for line in [title or ""] + [ln for ln in head.split("\n")[:30] if len(ln) < 160]:
        m = _CALL_THEN_DATE.search(line) if tr.call_date is None else None
        if m:  # "... Earnings Conference Call October 29, 2025 8:30 AM ET", "Conference call held on 29 October 2025"
            tr.call_date = _date(line[m.end():m.end() + 40])  # "Acme Inc. (NYSE:ACME) Q3 2025 Earnings Conference Call October 29, 2025 8:30 AM ET"
    if tr.company:
        tr.company = re.sub(r"\s+", " ", tr.company).strip(" .,;:") or None  # 'Acme Inc.' and 'Acme Inc' are one company
    if tr.company:  # 'Acme, Inc.' too
        tr.company = re.sub(r",\s+(?=(?:Inc|Corp|Ltd|LLC|L\.?P|plc|Co|S\.?A|AG|N\.?V|SE|Limited|Corporation)\b)", " ", tr.company)
    if tr.company and tr.company.isupper() and " " in tr.company:  # "ACME WIDGETS GROUP" from a shouted title
        tr.company = " ".join(w.capitalize() if w.isalpha() and len(w) > 3 else w for w in tr.company.split())
    if not tr.title:
        tr.title = untitled(tr)  # never the first sentence of a headerless paste


_NOT_COMPANY = re.compile(r"^(?:the|our|we|this|today|welcome|ladies|good|first|second|third|fourth|q[1-4]|fiscal|full|"
                          r"fy|\d{4}|earnings|conference|quarterly|results|call)\b", re.I)
# a call word after the first: "Aflac First [Earnings]", "Corning Incorporated Quarter Four", "Fabrinet's Results"
_CALL_WORD_INSIDE = re.compile(r"\s(?:first|second|third|fourth|quarter|earnings|conference|call|results|quarterly|"
                               r"year-end|webcast)\b", re.I)


def _company_from_text(title: str | None, head: str) -> str | None:
    for rx, where in ((_WELCOME, head), (_WELCOME_PERIOD_FIRST, head), (_NEWS, head), (_TITLE_COMPANY, title or "")):
        for m in rx.finditer(where):
            c = re.sub(r"(?:'s|’s)$", "", m["c"].strip(" .,'’"))
            if c and not _NOT_COMPANY.match(c) and not _CALL_WORD_INSIDE.search(c):
                return c
    return None
