"""Recognising speaker lines and what they say about the speaker (name, title, firm, role)."""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

_DASH = r"\s+(?:--|—|–|-)\s+"
_NAME_TOKEN = re.compile(
    r"^(?:[A-Z][\w'’.\-]*|[A-Z]\.(?:[A-Z]\.)*|de|da|del|della|der|den|di|du|la|le|van|von|bin|al|y|dos|das|mc\w+)$"
    , re.UNICODE
)
_NOT_NAMES = frozenset(
    """note notes revenue revenues question questions answer answers q a source sources date time title
    company ticker total net income eps guidance outlook summary highlights agenda contents duration
    participants disclaimer update updated editor editors tags tag category posted photo image video
    transcript call conference webcast presentation remarks prepared slide slides page chart table
    first second third fourth finally also however overall example important warning caution risk
    http https www email phone fax address location period quarter year fiscal fy q1 q2 q3 q4 see
    related more share follow subscribe click home by from to the our we they it this that
    thanks thank hi hello hey yes yeah okay ok good great sure congrats congratulations morning afternoon
    evening bye welcome right perfect excellent wonderful alright fine got understood absolutely
    inc corp ltd llc plc lp holdings securities technologies limited statement statements forward-looking
    disclaimer disclaimers notice copyright""".split()
)
OPERATOR_NAMES = frozenset({"operator", "moderator", "conference operator", "the operator", "coordinator",
                            "host", "conference call operator", "event operator"})
_ANALYST = re.compile(r"\banalyst\b", re.I)
_EXEC = re.compile(
    r"\b(?:chief|ceo|cfo|coo|cto|cio|cmo|president|chairman|chairwoman|chair|founder|co-founder|officer|"
    r"director|vice president|vp|svp|evp|head|treasurer|controller|secretary|investor relations|ir|"
    r"general counsel|managing director|partner|executive|manager|principal|ir contact|spokesperson)\b",
    re.I,
)
_FIRM_ANALYST = re.compile(r"^(?P<firm>.+?)\s+(?:(?-i:senior|equity|research)\s+)?analyst\s+(?P<name>.+)$", re.I)
_NAME_ANALYST_AT = re.compile(r"^(?P<name>.+?),?\s+(?:an?\s+)?analyst\s+(?:at|with|from)\s+(?P<firm>.+)$", re.I)
_TITLE_FIRST = re.compile(
    r"^(?P<title>(?:[\w&'’.\-]+\s+){0,6}?(?:CEO|CFO|COO|CTO|CIO|CMO|VP|SVP|EVP|President|Chairman|Chairwoman|Chair|"
    r"Founder|Co-founder|Officer|Director|Treasurer|Controller|Secretary|Spokesperson|Spokesman|Head of [A-Z][\w&]+(?: [A-Z][\w&]+)?))"
    r",?\s+(?P<name>[A-Z][\w'’.\-]+(?:\s+[A-Z][\w'’.\-]+){1,2})$")
ANON_ANALYST = re.compile(r"^(?:an?\s+|the\s+|one\s+)?(?:\w+\s+)?analysts?\s+(?:from|at|with|of)\s+(?P<firm>[A-Z].+)$", re.I)
_FIRM_ONLY_ANALYST = re.compile(r"^(?P<firm>[A-Z][\w&'’.\- ]{1,60}?)\s+(?:(?-i:senior|equity|research)\s+)?analyst$", re.I)
_PAREN = re.compile(r"^(?P<name>[^()]+?)\s*\((?P<inner>[^()]+)\)$")
_COMMA = re.compile(r"^(?P<name>[^,]+?),\s*(?P<rest>.+)$")
_ANONYMOUS = re.compile(
    r"^(?:(?:unknown|unidentified|unnamed)\s+(?:speaker|analyst|participant|caller|company representative|executive|"
    r"attendee|operator|male|female|person)(?:\s*\d+)?|speaker\s*\d{1,3}|speaker\s+[A-Z])$", re.I)
_TIMESTAMP = re.compile(r"\s*[\(\[]?\b\d{1,2}:\d{2}(?::\d{2})?(?:\.\d+)?\b[\)\]]?\s*")
_SENTENCE = re.compile(r"[a-z]{3,}[.!?]\s")
_ABBREV = re.compile(r"\b(?:Corp|Inc|Ltd|Co|Bros|Jr|Sr|Mr|Mrs|Ms|Dr|Intl|Assoc|Cos|Sec|Mgmt|Grp|Hldgs)\.", re.I)
_NAME_SUFFIX = re.compile(r",\s*(?:Jr|Sr|II|III|IV|CFA|CPA|Ph\.?D|M\.?D)\.?$")
_FIRM_WORDS = re.compile(r"\b(?:securities|capital|partners|research|bank|banc\w*|markets|advisors|advisers|asset|"
                         r"investments?|management|group|llc|inc|ltd|co\.|company|sachs|stanley|morgan|barclays|citi\w*|"
                         r"ubs|jefferies|cowen|suisse|wells fargo|bernstein|baird|stifel|raymond james|wedbush|oppenheimer|"
                         r"piper|keybanc|needham|evercore|mizuho|nomura|macquarie|hsbc|bmo|rbc|td|scotia\w*|cibc)\b", re.I)
_CALL_NAME = re.compile(r"\b(?:earnings|results)\s+(?:call|webcast|presentation)\b|\bconference\s+call\b(?!\s+participants)"
                        r"|\btranscripts?\b", re.I)
_HONORIFIC = re.compile(r"^(?:mr|mrs|ms|dr|prof|sir|madam)\.?\s+", re.I)


@dataclass
class SpeakerInfo:
    """What a speaker line tells: the name as written, title, firm, and the role it implies (or None)."""

    name: str
    title: str | None = None
    firm: str | None = None
    role: str | None = None


_FIRM_ABBREV_END = re.compile(r"\b(?:Co|Inc|Corp|Ltd|LLC|LLP|plc|Cos|Bros|Intl|S\.A|N\.A|[A-Z])\.$", re.I)


def clean_firm(firm: str | None) -> str | None:
    """A firm name without stray end punctuation ('Melius Research.' -> 'Melius Research'; 'Lindqvist & Co.' kept)."""
    if not firm:
        return None
    firm = re.sub(r"\s+", " ", firm).strip(" ,;:-—–")
    if firm.endswith(".") and not _FIRM_ABBREV_END.search(firm):
        firm = firm.rstrip(".").rstrip()
    return firm or None


def clean_label(label: str) -> str:
    """Strip Markdown emphasis, brackets and stray punctuation around a speaker label."""
    label = label.strip().strip("*_#>").strip()
    if ":" in label:  # transcription services: "Jane Roe (00:12:05)", "[00:12] Jane Roe"
        label = _TIMESTAMP.sub(" ", label)
    if label.endswith("]"):  # StreetEvents numbers every turn: "Operator [1]"
        label = re.sub(r"\s*\[\d{1,4}\]$", "", label)
    label = re.sub(r"\s+", " ", label).strip()
    return label.strip(" :：-—–")


def is_person_name(name: str, *, allow_single: bool = False) -> bool:
    """A plausible person name: 1-6 capitalised tokens (initials and particles allowed), no stop words."""
    if not name or len(name) > 60:
        return False
    if "," in name:
        name = _NAME_SUFFIX.sub("", name)  # "W. Robert Berkley, Jr.", "D.J. Monagle, III"
    if name.lower() in OPERATOR_NAMES or _ANONYMOUS.match(name):
        return True
    tokens = re.sub(r"\s(?:\([A-Z][\w'’.\-]*\)|[\"“][A-Z][\w'’.\-]*[\"”])\s", " ", name).split()  # "Ulrich (Bob) Trogele", 'Earl C. "Duke" Austin'
    if not 1 <= len(tokens) <= 6:
        return False
    if len(tokens) == 1 and not allow_single:
        return False
    if any(len(t.strip(".,")) > 1 and t.lower().strip(".,") in _NOT_NAMES for t in tokens) and name.lower() not in ("unidentified analyst", "unknown speaker"):
        if not name.lower().startswith(("unidentified", "unknown")):
            return False
    if not all(_NAME_TOKEN.match(t) for t in tokens):
        return False
    return any(sum(c.isalpha() for c in t) >= 2 for t in tokens) and not any(c.isdigit() for c in name)


def role_from_title(title: str | None) -> str | None:
    """analyst / executive from a title line, or None when the title says neither."""
    if not title:
        return None
    if _ANALYST.search(title):
        return "analyst"
    if _EXEC.search(title):
        return "executive"
    return None


def parse_label(label: str, *, allow_single: bool = False) -> SpeakerInfo | None:
    """Read a speaker label such as `Kyle Joseph -- Jefferies -- Analyst`, `Morgan Stanley analyst Andy Meng`,
    `Jane Roe (CFO)`, `Jane Roe, Chief Financial Officer` or `Operator`; None if it is not one."""
    info = _parsed_label(label, allow_single)
    if info:  # a copy: the cached reading stays as it was read
        info = SpeakerInfo(info.name, info.title, info.firm, info.role)
    if info and info.name.lower() in OPERATOR_NAMES:
        return SpeakerInfo("Operator", role="operator")  # "Operator (Sarah)", "Operator -- Conference Operator"
    if info and info.name.isupper() and sum(c.isalpha() for c in info.name) > 3:
        info.name = " ".join(t if len(t.strip(".")) <= 1 else t.capitalize() for t in info.name.split())  # "TIM COOK"
    if info and info.title and info.title.isupper() and len(info.title) > 5:
        info.title = readable_caps(info.title)  # "CHIEF FINANCIAL OFFICER"
    return info


@lru_cache(maxsize=4096)
def _parsed_label(label: str, allow_single: bool) -> SpeakerInfo | None:
    """`_parse_label`, read once per distinct label: a call names each speaker again at every turn, and a parser tries
    the same lines more than once."""
    return _parse_label(label, allow_single=allow_single)


_ACRONYMS = frozenset("ceo cfo coo cto cio cmo cao clo evp svp vp ir md ii iii iv us uk esg ai it hr r&d".split())
_SMALL = frozenset("of and for the in on at to & a an".split())


def readable_caps(text: str) -> str:
    """An all-capitals title or label in ordinary case, acronyms kept: 'SVP, HEAD OF IR' -> 'SVP, Head of IR'."""
    words = []
    for i, w in enumerate(text.split()):
        core = w.strip(",.;:()").lower()
        if core in _ACRONYMS:
            words.append(w)
        elif core in _SMALL and i:
            words.append(w.lower())
        else:
            words.append("-".join(p.capitalize() for p in w.split("-")))
    return " ".join(words)


def _parse_label(label: str, *, allow_single: bool = False) -> SpeakerInfo | None:
    label = clean_label(label)
    if not label or len(label) > 220:
        return None
    low = label.lower()
    if low in OPERATOR_NAMES:
        return SpeakerInfo("Operator", role="operator")
    if ";" in label and label.count(";") <= 2 and " - " not in label:  # "Jane Roe; Acme Corp; CEO" (IR transcripts)
        label = " -- ".join(p.strip() for p in label.split(";"))
    parts = [p.strip() for p in re.split(_DASH, label) if p.strip()]
    if len(parts) == 2 and role_from_title(parts[0]) and not role_from_title(parts[1]) and is_person_name(parts[1]):
        parts.reverse()  # "Chief Executive Officer — Jane Roe"
    m = _NAME_FIRM_TITLE.match(label) if " - " in label else None  # StreetEvents: "Jane Doe, Acme Corp. - CFO"
    if m and is_person_name(m["name"], allow_single=True) and (role_from_title(m["title"]) or _RESEARCH.search(m["firm"])):
        return firm_title_info(m["name"], m["firm"], m["title"])
    dashed = len(parts) >= 2 and is_person_name(parts[0], allow_single=True) and _titleish(" ".join(parts[1:])) \
        and not _CALL_NAME.search(label)  # "ACME.OQ - Q3 2025 Acme Corp Earnings Call" is a headline
    if not dashed and _SENTENCE.search(_ABBREV.sub("", label)):
        return None
    if dashed:
        rest = parts[1:]
        if len(rest) >= 2 and _ANALYST.fullmatch(rest[-1].strip()):
            return SpeakerInfo(parts[0], title="Analyst", firm=clean_firm(" -- ".join(rest[:-1])), role="analyst")
        if len(rest) == 2 and role_from_title(rest[1]) == "executive" and not role_from_title(rest[0]):
            return SpeakerInfo(parts[0], title=rest[1], firm=clean_firm(rest[0]), role="executive")  # Name; Company; CFO
        if len(rest) == 2 and role_from_title(rest[0]) == "executive" and not role_from_title(rest[1]):
            return SpeakerInfo(parts[0], title=rest[0], firm=clean_firm(rest[1]), role="executive")  # Name - CFO - Company
        title = " -- ".join(rest)
        role = role_from_title(title)
        if role == "analyst":
            firm = clean_firm(re.sub(r"\s*[-,]?\s*\banalyst\b\s*", " ", title, flags=re.I))
            return SpeakerInfo(parts[0], title="Analyst", firm=firm, role="analyst")
        if role is None and len(rest) == 1 and _FIRM_WORDS.search(title):
            return SpeakerInfo(parts[0], firm=clean_firm(title))  # "Tom Brown - Acme Securities": the side is settled later
        return SpeakerInfo(parts[0], title=title, role=role or "executive")
    m = ANON_ANALYST.match(label) if "nalyst" in low else None  # "An analyst from Goldman Sachs": named by firm only
    if m and _titleish(m["firm"]) and len(m["firm"].split()) <= 6:
        firm = clean_firm(m["firm"])
        return SpeakerInfo(f"{firm} analyst", title="Analyst", firm=firm, role="analyst")
    m = _FIRM_ANALYST.match(label)
    if m and is_person_name(m["name"], allow_single=allow_single) and len(m["firm"].split()) <= 6:
        return SpeakerInfo(m["name"], title="Analyst", firm=clean_firm(m["firm"]), role="analyst")
    m = _NAME_ANALYST_AT.match(label)
    if m and is_person_name(m["name"], allow_single=allow_single):
        return SpeakerInfo(m["name"], title="Analyst", firm=clean_firm(m["firm"]), role="analyst")
    if "," in label and _NAME_SUFFIX.search(label) and is_person_name(label):
        return SpeakerInfo(label)  # "W. Robert Berkley, Jr.": the comma belongs to the name
    for rx in (_PAREN, _COMMA):
        m = rx.match(label)
        if m and is_person_name(m["name"].strip(), allow_single=allow_single):
            inner = (m.groupdict().get("inner") or m.groupdict().get("rest") or "").strip()
            if len(inner.split()) > 10:
                return None
            role = role_from_title(inner)
            if role == "analyst":
                firm = clean_firm(re.sub(r"\s*[-,]?\s*\banalyst\b\s*", " ", inner, flags=re.I))
                return SpeakerInfo(m["name"].strip(), title="Analyst", firm=firm, role="analyst")
            if role == "executive":
                return SpeakerInfo(m["name"].strip(), title=inner, role="executive")
            # "(Goldman Sachs)": a firm; the role is decided later from the Q&A.
            return SpeakerInfo(m["name"].strip(), firm=clean_firm(inner))
    m = _TITLE_FIRST.match(label)  # "Xiaomi Group President Lu Weibing", "CFO Zhang Min"
    if m and is_person_name(m["name"]) and len(m["title"].split()) <= 8:
        return SpeakerInfo(m["name"], title=m["title"].strip(" ,"), role="executive")
    if is_person_name(label, allow_single=allow_single):
        if low.startswith("unidentified analyst") or low == "analyst":
            return SpeakerInfo(label, role="analyst")
        if _ANONYMOUS.match(label):  # "Unidentified Participant", "Unknown Speaker", "Speaker 3"
            return SpeakerInfo(label, role=_anonymous_role(low))
        return SpeakerInfo(label)
    m = _FIRM_ONLY_ANALYST.match(label)  # "Goldman Sachs analyst": a questioner named only by firm
    if m and _titleish(m["firm"]) and len(m["firm"].split()) <= 5:
        return SpeakerInfo(label, title="Analyst", firm=clean_firm(m["firm"]), role="analyst")
    return None


_SUFFIX = r"(?:Jr|Sr|II|III|IV|CFA|CPA|Ph\.?D|M\.?D)\.?"
_NAME_FIRM_TITLE = re.compile(
    r"^(?P<name>[^,]{2,60}?(?:,\s*" + _SUFFIX + r")?),\s+(?!" + _SUFFIX + r"\s+-\s)(?P<firm>.{2,100}?)\s+-\s+"
    r"(?P<title>(?:(?!\s-\s).){2,140})$")
_RESEARCH = re.compile(r",?\s*\b(?:Research Division|Research Arm|Equity Research)\b", re.I)
_CLEAR_EXEC = re.compile(r"\b(?:chief|ceo|cfo|coo|cto|president|chairman|chairwoman|founder|investor relations|ir|treasurer|"
                         r"controller|general counsel|evp|svp)\b", re.I)
_QA_MARK = re.compile(r"\s+(?P<mark>[QA])$")


def firm_title_info(name: str, firm: str, title: str) -> SpeakerInfo:
    """A speaker named with a firm and a title: an analyst when either says so, an executive when the title is
    unmistakable (CEO, CFO, President...), else left open (a 'Director' or 'MD' may sit on either side)."""
    title, firm = title.strip(), clean_firm(_RESEARCH.sub("", firm))
    if role_from_title(title) == "analyst" or _RESEARCH.search(firm or "") or _RESEARCH.search(title):
        return SpeakerInfo(name.strip(), title=title, firm=firm, role="analyst")
    return SpeakerInfo(name.strip(), title=title, firm=firm, role="executive" if _CLEAR_EXEC.search(title) else None)


def parse_detail(line: str, *, firm_only: bool = False) -> tuple[SpeakerInfo, str | None] | None:
    """The line under a name in StreetEvents / CallStreet / Capital IQ lists and turns, as (title, firm, role) and its
    Q/A mark: 'Acme Inc. - CFO', 'Chief Financial Officer, Acme Inc.', 'Analyst, Acme Securities LLC Q',
    'Acme Securities, Research Division', or a firm alone when `firm_only` (under an analysts heading)."""
    s = line.strip().lstrip("*•·").strip()
    if "," not in s and " - " not in s and not role_from_title(s) and not firm_only:
        return None
    mark = None
    m = _QA_MARK.search(s)
    if m:
        mark, s = m["mark"], s[:m.start()].rstrip()
    if not s or len(s) > 160 or s.endswith(("?", "!", ":")) or _SENTENCE.search(_ABBREV.sub("", s)) \
            or is_person_name(s) and not role_from_title(s):
        return None
    if re.search(r"\s(?:--|—|–)\s", s):
        return None  # "Jane Roe -- Acme -- Analyst" is a speaker line of its own
    if " - " in s:
        firm, _, title = s.rpartition(" - ")
        if not (role_from_title(title) or _RESEARCH.search(firm)) or not _titleish(firm):
            return None
        return firm_title_info("", firm, title), mark
    parts = [p.strip() for p in s.split(",")]
    k = 0
    while k < len(parts) and role_from_title(parts[k]):
        k += 1
    if not all(_titleish(p) for p in parts):
        return None
    if k == 0:  # a firm alone: "Acme Securities, Research Division" (Capital IQ), or any firm under an analysts heading
        if not (_RESEARCH.search(s) or firm_only) or s.endswith(":"):
            return None
        return SpeakerInfo("", None, clean_firm(_RESEARCH.sub("", s)), "analyst"), mark
    return firm_title_info("", ", ".join(parts[k:]) or "", ", ".join(parts[:k])), mark


def _anonymous_role(low: str) -> str:
    if re.search(r"analyst|caller", low):
        return "analyst"
    if re.search(r"company representative|executive", low):
        return "executive"
    return "operator" if "operator" in low else "other"


def _titleish(s: str) -> bool:
    """Reads as a job title or a firm ("Chief Financial Officer", "Jefferies -- Analyst"), not a sentence."""
    words = s.replace("--", " ").split()
    if not words or len(words) > 16:
        return False
    if role_from_title(s):
        return True
    caps = sum(w[:1].isupper() or w[:1].isdigit() or w in ("&", "of", "and", "the", "for") for w in words)
    return caps >= 0.7 * len(words)


def name_key(name: str) -> tuple[str, ...]:
    """Comparable tokens of a name: lower-case, honorifics, initials and suffixes dropped."""
    name = _HONORIFIC.sub("", name)
    toks = [t.strip(".,").lower() for t in name.split()]
    return tuple(t for t in toks if len(t) > 1 and t not in ("jr", "sr", "ii", "iii", "iv"))


_NICKNAMES = {
    "al": "albert alan alfred", "alex": "alexander alexandra", "andy": "andrew", "ben": "benjamin", "bill": "william",
    "bob": "robert", "rob": "robert", "bobby": "robert", "chris": "christopher christine christina", "chuck": "charles",
    "charlie": "charles", "dan": "daniel", "danny": "daniel", "dave": "david", "dick": "richard", "rick": "richard",
    "rich": "richard", "doug": "douglas", "ed": "edward", "eddie": "edward", "greg": "gregory", "jim": "james",
    "jimmy": "james", "jamie": "james", "jeff": "jeffrey", "jen": "jennifer", "jenny": "jennifer", "joe": "joseph",
    "jon": "jonathan", "jack": "john", "kate": "katherine kathryn catherine", "kathy": "katherine kathryn",
    "liz": "elizabeth", "beth": "elizabeth", "matt": "matthew", "mike": "michael", "mick": "michael", "nick": "nicholas",
    "pat": "patrick patricia", "pete": "peter", "ron": "ronald", "sam": "samuel samantha", "steve": "steven stephen",
    "sue": "susan", "ted": "edward theodore", "tim": "timothy", "tom": "thomas", "tony": "anthony", "will": "william",
    "vince": "vincent", "walt": "walter", "fred": "frederick", "frank": "francis franklin", "larry": "lawrence",
    "len": "leonard", "ken": "kenneth", "phil": "philip phillip", "ray": "raymond", "russ": "russell", "stan": "stanley",
}


def nickname_of(short: tuple[str, ...], full: tuple[str, ...]) -> bool:
    """'Greg Ashby' vs 'Gregory Ashby', 'Mike Dickerson' vs 'Michael P. Dickerson': same surname, a known short form."""
    if len(short) < 2 or len(full) < 2 or short[-1] != full[-1] or short[0] == full[0]:
        return False
    a, b = short[0], full[0]
    known = b in _NICKNAMES.get(a, "").split() or (len(a) >= 3 and b.startswith(a) and len(b) - len(a) <= 4)
    return known and set(short[1:-1]) <= set(full[1:-1])


MAX_CANDIDATES = 200  # spellings compared with a name, all sharing its last word (docs/limits.md)


def canonical_names(names: list[str], preferred: list[str] | None = None) -> dict[str, str]:
    """Map every spelling of a speaker to one: 'Kelly Wall' and 'Mr. Wall' to 'C. Kelly Wall'.

    Near-linear: two spellings can only be one person when the longer contains the shorter's last word (its
    surname), so each name is compared with the names indexed under that word only, at most MAX_CANDIDATES
    of them (a call with 100,000 speakers took minutes when every name met every other)."""
    pool = list(dict.fromkeys((preferred or []) + names))
    keys = {n: name_key(n) for n in pool}
    by_word: dict[str, list[str]] = {}
    for other in pool:  # in pool order, so ties resolve as a scan of the whole pool would
        for word in dict.fromkeys(keys[other]):
            bucket = by_word.setdefault(word, [])
            if len(bucket) < MAX_CANDIDATES:
                bucket.append(other)
    mapping: dict[str, str] = {}
    pref = set(preferred or [])
    for n in dict.fromkeys(names):
        k = keys[n]
        if not k or n.lower() == "operator":
            mapping[n] = n
            continue
        best = n
        fuller: set[tuple[str, ...]] = set()
        for other in by_word.get(k[-1], ()):
            if other == n:
                continue
            ok = keys[other]
            same = (set(k) <= set(ok) and (k[-1] == ok[-1] or len(k) == 1 or k[0] == ok[0])) or nickname_of(k, ok)
            if same and len(ok) > len(k):
                fuller.add(ok)
            if same and (other in pref or len(ok) > len(keys[best]) or
                         (len(ok) == len(keys[best]) and len(other) > len(best) and best not in pref)):
                best = other
        if len(k) == 1 and len(fuller) > 1 and _several_people(fuller):
            best = n  # "Mr. Smith" when Tom Smith and Jane Smith both speak: leave it as said
        mapping[n] = best
    # Resolve chains (A -> B -> C) to the end.
    for n in mapping:
        seen = {n}
        while mapping.get(mapping[n], mapping[n]) != mapping[n] and mapping[n] not in seen:
            seen.add(mapping[n])
            mapping[n] = mapping[mapping[n]]
    return mapping


def _several_people(fuller: set[tuple[str, ...]]) -> bool:
    """Whether the fuller spellings of a one-word name are more than one person (more than one of them is not
    part of another); bounded: the first MAX_CANDIDATES // 4 are compared."""
    few = [set(f) for f in sorted(fuller)[:MAX_CANDIDATES // 4]]
    return sum(1 for f in few if not any(f < g for g in few)) > 1
