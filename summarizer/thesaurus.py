"""A finance thesaurus kept as data (`summarizer/data/thesaurus.json`): the ways one concept is said on calls.

A word or phrase a user types that is one of a group's forms stands for every form of the group ("capex" finds
"capital expenditures", "gross margin" finds "gross profit rate"). Forms are compared after the same light
stemming as everything else (`summarizer.stemming`), so inflections match. An *ambiguous* form ("GM": General
Motors or gross margin) counts only where it fits: in capitals when written in capitals, beside one of its
`with` words in the same sentence, and not inside one of its `unless` phrases. Typed by a user, an ambiguous or
a narrower form means only itself; `=word` or `="a phrase"` (or `--exact`) turns expansion off for a term.
Plain data in, plain data out: no SQL, no Telegram.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path
from typing import Any, Iterable

from summarizer.stemming import STOP_WORDS, WORD, WordMap, stem

THESAURUS_FILE = Path(__file__).parent / "data" / "thesaurus.json"
EXACT = "="  # the first element of a term's stems when the user asked for the words as typed
_PCT = re.compile(r"\d\s?%|\bper ?cent")
_CAPS = re.compile(r"^[A-Z0-9&]*[A-Z][A-Z0-9&]*$")
# A text's word as `unless` phrases are written (lower case, curly apostrophe straight), each distinct word made once:
# `holds_at` looks up several words around every conditional occurrence.
_AS_WRITTEN = WordMap(lambda w: w.lower().replace("\u2019", "'"))

Stems = tuple[str, ...]
# `unless` phrases by their first two words as a text may say them (plurals too): first word -> (whether a one-word
# phrase is that word, second word -> (the phrase's length, the spellings each further word may have))
_UnlessIndex = dict[str, tuple[bool, dict[str, tuple[tuple[int, tuple[frozenset[str], ...]], ...]]]]


def stems_of(text: str) -> Stems:
    """The stems of a phrase's words, in order ('Gross margins' -> ('gross', 'margin'))."""
    return tuple(stem(w) for w in WORD.findall(text))


@dataclass(frozen=True)
class Form:
    """One way of saying a concept. `exact`: per word, the spelling it must have in the text (None: any case);
    `context`: phrases one of which must be in the same sentence (`pct`: or a percentage); `unless`: phrases an
    occurrence must not sit inside. `group`: the key of the group it came from (None: the user's own words)."""

    text: str
    stems: Stems
    exact: tuple[str | None, ...] = ()
    context: tuple[Stems, ...] = ()
    pct: bool = False
    unless: tuple[tuple[str, ...], ...] = ()  # lower-case words as written (a plural -s/-es allowed)
    group: str | None = None
    spelled: tuple[str | None, ...] = ()  # per word, how its spelling must start (any case): 'booking' is not 'book'
    context_text: tuple[str, ...] = ()  # the context phrases as written (for a full-text index)
    veto: tuple[Stems, ...] = ()  # phrases that, anywhere in the sentence, stop it counting
    _ctx1: frozenset[str] = field(default=frozenset(), compare=False, repr=False)  # one-word context phrases
    _ctxn: tuple[Stems, ...] = field(default=(), compare=False, repr=False)  # the longer ones
    # the first stems of the longer context phrases and of the vetoes: when none is in a sentence, none of the
    # phrases is, and their one-by-one scans are skipped
    _ctxn_first: frozenset[str] = field(default=frozenset(), compare=False, repr=False)
    _veto_first: frozenset[str] = field(default=frozenset(), compare=False, repr=False)
    _unless_at: _UnlessIndex = field(default_factory=dict, compare=False, repr=False)  # see _UnlessIndex
    _unless_len: int = field(default=0, compare=False, repr=False)  # the longest `unless` phrase
    _exact_at: tuple[tuple[int, str], ...] = field(default=(), compare=False, repr=False)  # (word, spelling) required
    _spelled_at: tuple[tuple[int, str], ...] = field(default=(), compare=False, repr=False)
    _conditional: bool = field(default=False, compare=False, repr=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_conditional", bool(self.exact or self.spelled or self.context or self.pct
                                                      or self.unless or self.veto))
        if self.context:
            object.__setattr__(self, "_ctx1", frozenset(c[0] for c in self.context if len(c) == 1))
            object.__setattr__(self, "_ctxn", tuple(c for c in self.context if len(c) > 1))
            object.__setattr__(self, "_ctxn_first", frozenset(c[0] for c in self._ctxn))
        if self.veto:
            object.__setattr__(self, "_veto_first", frozenset(v[0] for v in self.veto))
        if self.unless:  # by first two words, so an occurrence checks only the phrases that can start where it looks
            object.__setattr__(self, "_unless_at", _unless_index(self.unless))
            object.__setattr__(self, "_unless_len", max(len(u) for u in self.unless))
        object.__setattr__(self, "_exact_at", tuple((j, w) for j, w in enumerate(self.exact) if w is not None))
        object.__setattr__(self, "_spelled_at", tuple((j, w) for j, w in enumerate(self.spelled) if w is not None))

    @property
    def conditional(self) -> bool:
        """Whether an occurrence must be checked (spelling, context or exclusions) before it counts."""
        return self._conditional

    def occurrences(self, stems: list[str]) -> list[int]:
        """The token positions where the form's stems start in a sentence's stems."""
        k, s = len(self.stems), self.stems
        first = s[0]
        if k == 1:
            return [i for i, w in enumerate(stems) if w == first]
        return [i for i in range(len(stems) - k + 1) if stems[i] == first and tuple(stems[i:i + k]) == s]

    def holds_at(self, words: list[str], stems: list[str], i: int, text: str = "") -> bool:
        """Whether the occurrence at token `i` counts: spelled as required, its context in the sentence, and not
        inside an `unless` phrase. `words` are the sentence's surface words, `stems` theirs, `text` the sentence."""
        for j, want in self._exact_at:
            if words[i + j] != want:
                return False
        for j, start in self._spelled_at:
            if not _spelled_as(words[i + j], start):
                return False
        if self.context or self.pct:
            if not ((self._ctx1 and not self._ctx1.isdisjoint(stems)) or (self.pct and _PCT.search(text))
                    or (not self._ctxn_first.isdisjoint(stems) and any(_contains(stems, c) for c in self._ctxn))):
                return False
        if self.veto and not self._veto_first.isdisjoint(stems) and any(_contains(stems, v) for v in self.veto):
            return False
        if self.unless:
            end, at, nw, written = i + len(self.stems), self._unless_at, len(words), _AS_WRITTEN
            for j in range(max(0, end - self._unless_len), i + 1):
                starts = at.get(written[words[j]])
                if starts is None:
                    continue
                single, after = starts
                if single and end <= j + 1:
                    return False
                if j + 1 < nw and after:
                    for n, rest in after.get(written[words[j + 1]], ()):
                        if end <= j + n <= nw and all(written[words[j + t]] in want for t, want in enumerate(rest, 2)):
                            return False
        return True

    def found_in(self, words: list[str], stems: list[str], text: str = "") -> bool:
        """Whether the form counts anywhere in a sentence (given its words and their stems)."""
        if not self.conditional:
            return bool(self.occurrences(stems))
        return any(self.holds_at(words, stems, i, text) for i in self.occurrences(stems))


@lru_cache(maxsize=1024)
def _unless_index(unless: tuple[tuple[str, ...], ...]) -> _UnlessIndex:
    """`Form._unless_at` of a set of exclusions, built once per set: every phrase of a topic carries its topic's."""
    single: set[str] = set()
    after: dict[str, dict[str, list[tuple[int, tuple[frozenset[str], ...]]]]] = {}
    for u in unless:
        for first in _spellings(u[0]):
            nxt = after.setdefault(first, {})
            if len(u) == 1:
                single.add(first)
                continue
            rest = tuple(_spellings(w) for w in u[2:])
            for second in _spellings(u[1]):
                nxt.setdefault(second, []).append((len(u), rest))
    return {k: (k in single, {w: tuple(v) for w, v in nxt.items()}) for k, nxt in after.items()}


@lru_cache(maxsize=4096)
def _spellings(want: str) -> frozenset[str]:
    """How a text may say an exclusion's word (lower case, curly apostrophes made straight): as written or its
    plural ('deals' for 'deal')."""
    return frozenset((want, want + "s", want + "es"))


def _contains(stems: list[str], phrase: Stems) -> bool:
    n = len(phrase)
    if n == 1:
        return phrase[0] in stems
    if phrase[0] not in stems:
        return False
    return any(tuple(stems[i:i + n]) == phrase for i in range(len(stems) - n + 1))


def plain_form(text: str, stems: Stems | None = None) -> Form:
    """A user's own words as a form: matched as typed (any case), with no conditions."""
    return Form(text.strip(), stems if stems is not None else stems_of(text))


def _spelled(words: list[str], as_written: bool = False, acronyms: bool = True) -> tuple[str | None, ...]:
    """How each word of a form must be spelled: as written (plural allowed: 'employees' is not 'employee'); an
    acronym in capitals (or with a capital first: 'Covid'), so 'SPAC' is not 'space'; a word the stemmer cuts to
    another word ('bookings' -> 'book', 'marketing' -> 'market') as its '-ing' form. () when nothing is required."""
    def one(w: str) -> str | None:
        low = w.lower()
        if as_written:
            return "=" + low
        if acronyms and _CAPS.match(w) and sum(c.isalpha() for c in w) > 1:
            return "^" + w
        return low.removesuffix("s") if low.endswith(("ing", "ings")) and len(w) > 5 else None
    out = tuple(one(w) for w in words)
    return out if any(out) else ()


def _spelled_as(word: str, start: str, *, typed: bool = False) -> bool:
    """Whether a word of the text is spelled as a form requires (see `_spelled`); a user may type an acronym in
    any case (`typed`)."""
    if start[0] == "=":
        low = word.lower()
        return low == start[1:] or low in (start[1:] + "s", start[1:] + "es")
    if start[0] != "^":
        return word.lower().startswith(start)
    tok = start[1:]
    return (typed or word[:1].isupper()) and word.upper() in (tok, tok + "S", tok + "ES", tok + "'S", tok + "\u2019S")


def rule_form(text: str, *, group: str | None = None, context: Iterable[str] = (), unless: Iterable[str] = (),
              veto: Iterable[str] = (), as_written: bool = False, exact_caps: re.Pattern | None = None,
              acronyms: bool = True) -> Form:
    """A form with its conditions, as the thesaurus and the topic taxonomy write them: `context` phrases one of
    which must be in the sentence ('%' for a percentage); `unless` phrases, as written, around it that make it
    not count; `veto` phrases that stop it counting anywhere in the sentence; words matching `exact_caps` must
    appear exactly so (an ambiguous 'GM', a short topic acronym 'AI')."""
    words = WORD.findall(text)
    exact = tuple(w if exact_caps is not None and exact_caps.match(w) and len(w) > 1 else None for w in words)
    ctx = [c for c in context if c != "%"]
    return Form(text, tuple(stem(w) for w in words), exact if any(exact) else (),
                tuple(s for s in (stems_of(c) for c in ctx) if s), "%" in context,
                tuple(u for u in (tuple(w.lower().replace("\u2019", "'") for w in WORD.findall(x)) for x in unless) if u),
                group, _spelled(words, as_written, acronyms and not any(exact)), tuple(c for c in ctx if stems_of(c)),
                tuple(v for v in (stems_of(x) for x in veto) if v))


def _form(text: str, group: str) -> Form:
    return rule_form(text, group=group)


def _ambiguous(entry: dict[str, Any], group: str) -> Form:
    return rule_form(entry["form"], group=group, context=entry.get("with", ()), unless=entry.get("unless", ()),
                     as_written=bool(entry.get("as written")), exact_caps=_CAPS)


@dataclass(frozen=True)
class Group:
    """A concept and its forms: `forms` (any one stands for the group), `ambiguous` (count where they fit),
    `narrower` (found when the group is asked for, but meaning only themselves when typed)."""

    key: str
    name: str
    forms: tuple[Form, ...]
    ambiguous: tuple[Form, ...] = ()
    narrower: tuple[Form, ...] = ()

    def expansion(self) -> tuple[Form, ...]:
        """Every form the group is searched by."""
        return self.forms + self.ambiguous + self.narrower

    def to_json(self) -> dict[str, Any]:
        return {"key": self.key, "name": self.name, "forms": [f.text for f in self.forms],
                "ambiguous": [f.text for f in self.ambiguous], "narrower": [f.text for f in self.narrower]}


class ThesaurusError(ValueError):
    """The thesaurus file breaks its own rules (a form in two groups, an unknown @reference)."""


@dataclass
class Thesaurus:
    """Groups of forms and the index from a form's stems to its group."""

    groups: tuple[Group, ...]
    version: int = 0
    _index: dict[Stems, tuple[Group, Form]] = field(default_factory=dict, repr=False)
    _content: dict[Stems, Form] = field(default_factory=dict, repr=False)  # a form by its words less stop words

    def __post_init__(self) -> None:
        for g in self.groups:  # a form names its group; so does an ambiguous one whose meaning is not in doubt
            for f in g.forms + tuple(a for a in g.ambiguous if not (a.exact or a.context or a.pct)):
                other = self._index.get(f.stems)
                if other is not None and other[0].key != g.key:
                    raise ThesaurusError(f"{f.text!r} is a form of both {other[0].key!r} and {g.key!r}")
                self._index.setdefault(f.stems, (g, f))
                key = tuple(stem(w) for w in WORD.findall(f.text) if w.lower() not in STOP_WORDS)
                if len(key) > 1 and key != f.stems:
                    self._content.setdefault(key, f)

    def group_of(self, stems: Stems, text: str | None = None) -> Group | None:
        """The group a term names as one of its forms (None for an ambiguous or narrower form, or none). With
        `text` (the words as typed), a form whose spelling matters must be typed so: 'bookings', not 'book'."""
        hit = self._index.get(stems)
        if hit is None:
            return None
        g, f = hit
        if f.spelled:
            words = WORD.findall(text or "")
            if len(words) != len(f.stems) or not all(s is None or _spelled_as(w, s, typed=True) for w, s in zip(words, f.spelled)):
                return None
        return g

    def phrase_of(self, stems: Stems, text: str) -> Form | None:
        """The form that words typed side by side make (`text` as typed: 'earnings per share'), also when a
        query dropped its small words ('cost goods sold' for 'cost of goods sold'); None if they make none."""
        hit = self._index.get(stems)
        if hit is not None and self.group_of(stems, text) is not None:
            return hit[1]
        return self._content.get(stems)

    def expand(self, stems: Stems, text: str | None = None) -> tuple[Form, ...]:
        """The forms a term stands for: the term itself first (as typed), then its group's forms. An exact term
        (`EXACT` first) and a term that is no group's form stand for themselves only."""
        if stems and stems[0] == EXACT:
            return (plain_form(text or " ".join(stems[1:]), stems[1:]),)
        own = plain_form(text or " ".join(stems), stems)
        g = self.group_of(stems, text or " ".join(stems))
        if g is None:
            return (own,)
        return (own,) + tuple(f for f in g.expansion() if f.stems != stems)  # own words match wherever those would

    def __len__(self) -> int:
        return len(self.groups)


def _build(data: dict[str, Any]) -> Thesaurus:
    raw = {g["key"]: g for g in data["groups"]}
    if len(raw) != len(data["groups"]):
        raise ThesaurusError("two groups share a key")
    base: dict[str, tuple[tuple[Form, ...], tuple[Form, ...]]] = {}
    for key, g in raw.items():
        forms = tuple(f for f in (_form(t, key) for t in g["forms"]) if f.stems)
        base[key] = (forms, tuple(_ambiguous(a, key) for a in g.get("ambiguous", ())))
    groups = []
    for key, g in raw.items():
        narrower: list[Form] = []
        for n in g.get("narrower", ()):
            if n.startswith("@"):
                if n[1:] not in base:
                    raise ThesaurusError(f"{key!r} names an unknown group {n!r}")
                narrower += [replace(f, group=key) for f in sum(base[n[1:]], ())]
            elif stems_of(n):
                narrower.append(_form(n, key))
        groups.append(Group(key, g["name"], *base[key], tuple(narrower)))
    return Thesaurus(tuple(groups), int(data.get("version", 0)))


@lru_cache(maxsize=4)
def _load(path: str, mtime: float) -> Thesaurus:
    return _build(json.loads(Path(path).read_text(encoding="utf-8")))


def default_thesaurus() -> Thesaurus:
    """The built-in thesaurus, read from its data file (again only when the file changes)."""
    return _load(str(THESAURUS_FILE), THESAURUS_FILE.stat().st_mtime)


def forms_found(forms: Iterable[Form], text: str) -> list[Form]:
    """The forms that count in one sentence, in the order given."""
    words = WORD.findall(text)
    stems = [stem(w) for w in words]
    return [f for f in forms if f.found_in(words, stems, text)]


def widest(forms: Iterable[Form]) -> list[Form]:
    """The forms less any whose words sit inside another's ('free cash' inside 'free cash flow'), once each."""
    fs = list({f.stems: f for f in forms}.values())
    return [f for f in fs if not any(len(g.stems) > len(f.stems) and _contains(list(g.stems), f.stems) for g in fs)]


def other_wordings(forms: Iterable[Form], typed: Stems) -> list[Form]:
    """The forms that say a term another way: not those that hold its words as typed ('capex spend' for
    'capex', 'gross margin rate' for 'gross margin' are the words typed, not another wording of them)."""
    return [f for f in forms if not _contains(list(f.stems), tuple(typed))]


def said_otherwise(forms: Iterable[Form], typed: Stems, words: list[str], stems: list[str], text: str = "") -> list[Form]:
    """The forms that say a term another way in one sentence: found where they hold, and not on the words as
    typed ('free cash' inside 'free cash flow', 'capex spend' around 'capex' are the typed words), widest first."""
    k = len(typed)
    own = [i for i in range(len(stems) - k + 1) if tuple(stems[i:i + k]) == tuple(typed)] if k else []
    out = []
    for f in forms:
        n = len(f.stems)
        for i in f.occurrences(stems):
            if any(i < j + k and j < i + n for j in own):
                continue
            if not f.conditional or f.holds_at(words, stems, i, text):
                out.append(f)
                break
    return widest(out)


def matched_note(pairs: Iterable[tuple[str, str]]) -> str:
    """'matched "gross profit margin" for "gross margin"' for each (form, typed) pair whose form is not the typed one."""
    seen = dict.fromkeys((f, t) for f, t in pairs if stems_of(f) != stems_of(t))
    return "; ".join(f'matched "{f}" for "{t}"' for f, t in seen)
