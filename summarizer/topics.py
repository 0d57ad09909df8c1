"""Topics of a call: a taxonomy kept as data (`summarizer/data/topics.json`), tags per call, and per-topic digests.

Phrases match on word boundaries after the same light stemming on both sides (`summarizer.stemming`),
so "inventory" finds "inventories" and "store" finds "stores", while "AI" never matches "said".
A phrase written in capitals of up to four letters ("AI", "FX", "ASP") matches only in capitals.
A phrase counts only in a context that fits: a built-in phrase may need one of its `with` words in the same
sentence ("software" is AI only beside AI words), and none of its `unless` phrases (or its topic's `not`
phrases) around it ("deal with" is not M&A, "pricing policy" is not regulation). A chat's own topic, or a
phrase asked for ad hoc, also finds the thesaurus forms of its phrases ("capex" finds "capital
expenditures"), unless written `=phrase`.
"""
from __future__ import annotations

import json
import re
from itertools import compress
from operator import itemgetter
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, Iterable

from summarizer.gates import any_of
from summarizer.model import Sentence, Transcript
from summarizer.stemming import STOP_WORDS, WORD, TextWords, WordMap, stem
from summarizer.stemming import words as words_of
from summarizer.thesaurus import EXACT, Form, Thesaurus, default_thesaurus, other_wordings, rule_form, stems_of

TOPICS_FILE = Path(__file__).parent / "data" / "topics.json"
_DIGIT = re.compile(r"\d")
_CAPS = re.compile(r"^[A-Z&]{2,4}$")


@dataclass(frozen=True)
class Topic:
    """A named topic and the phrases that signal it; `source` is "builtin", "user" or "adhoc". `rules`: the
    built-in phrases with their conditions (see the module docstring); other topics' phrases are expanded by the
    thesaurus when matched."""

    key: str
    name: str
    phrases: tuple[str, ...]
    aliases: tuple[str, ...] = ()
    source: str = "builtin"
    rules: tuple[Form, ...] = field(default=(), compare=False, repr=False)

    def to_json(self) -> dict[str, Any]:
        return {"key": self.key, "name": self.name, "phrases": list(self.phrases), "aliases": list(self.aliases),
                "source": self.source}


@dataclass
class TopicSentence:
    """A sentence relevant to a topic, with where it sits in its call and, in digests, which call."""

    text: str
    position: int
    turn: int
    speaker: str | None
    score: float
    call_id: int | None = None
    company: str | None = None
    quarter: str | None = None  # e.g. "Q4 2022"
    matched: list[tuple[str, str]] = field(default_factory=list)  # (thesaurus form found, the phrase it stands for)

    def to_json(self) -> dict[str, Any]:
        return {"text": self.text, "position": self.position, "turn": self.turn, "speaker": self.speaker,
                "score": self.score, "call_id": self.call_id, "company": self.company, "quarter": self.quarter,
                "matched": [{"form": f, "for": p} for f, p in self.matched]}

    @classmethod
    def from_json(cls, d: dict[str, Any]) -> "TopicSentence":
        d = dict(d)
        d["matched"] = [(m["form"], m["for"]) for m in d.get("matched", ())]
        return cls(**d)

    @property
    def citation(self) -> str:
        """'Xiaomi Q4 2022, Lin Shiwei' (whatever is known)."""
        where = " ".join(x for x in (self.company, self.quarter) if x)
        return ", ".join(x for x in (where, self.speaker or "intro") if x)


@dataclass
class TopicTag:
    """How much one call talks about a topic: matching sentences, their share, and the best of them."""

    key: str
    name: str
    count: int
    share: float
    sentences: list[TopicSentence] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return {"key": self.key, "name": self.name, "count": self.count, "share": round(self.share, 4),
                "sentences": [s.to_json() for s in self.sentences]}

    @classmethod
    def from_json(cls, d: dict[str, Any]) -> "TopicTag":
        return cls(d["key"], d["name"], d["count"], d["share"], [TopicSentence.from_json(s) for s in d.get("sentences", [])])


@dataclass
class TopicDigest:
    """The most relevant sentences about one topic in one call or across calls, each cited."""

    topic: str
    key: str
    items: list[TopicSentence]
    calls_searched: int
    message: str | None = None

    def to_json(self) -> dict[str, Any]:
        return {"topic": self.topic, "key": self.key, "calls_searched": self.calls_searched, "message": self.message,
                "items": [dict(i.to_json(), citation=i.citation) for i in self.items]}


def _norm(name: str) -> str:
    return re.sub(r"[^a-z0-9&]+", " ", name.lower()).strip()


def _rule(entry: str | dict[str, Any], topic_not: tuple[str, ...]) -> Form:
    """One phrase of the taxonomy file ('inventory', or {"phrase", "with", "unless", "as written"}) as a form."""
    if isinstance(entry, str):
        entry = {"phrase": entry}
    return rule_form(entry["phrase"], context=entry.get("with", ()), unless=tuple(entry.get("unless", ())) + topic_not,
                     veto=entry.get("not with", ()), as_written=bool(entry.get("as written")), exact_caps=_CAPS,
                     acronyms=False)


@lru_cache(maxsize=4)
def _load(path: str, mtime: float) -> tuple[Topic, ...]:
    data = json.loads(Path(path).read_text(encoding="utf-8"))
    out = []
    for t in data["topics"]:
        rules = tuple(_rule(p, tuple(t.get("not", ()))) for p in t["phrases"])
        out.append(Topic(t["key"], t["name"], tuple(r.text for r in rules), tuple(t.get("aliases", ())), rules=rules))
    return tuple(out)


def taxonomy_version() -> str:
    """The taxonomy file's own version, part of the analysis version (read again only when the file changes)."""
    return _version(str(TOPICS_FILE), TOPICS_FILE.stat().st_mtime)


@lru_cache(maxsize=4)
def _version(path: str, mtime: float) -> str:
    return str(json.loads(Path(path).read_text(encoding="utf-8")).get("version", 0))


def builtin_topics() -> list[Topic]:
    """The built-in taxonomy, read from its data file."""
    return list(_load(str(TOPICS_FILE), TOPICS_FILE.stat().st_mtime))


def user_topic(name: str, phrases: Iterable[str]) -> Topic:
    """A user's own topic; its phrases are cleaned, and the name is a phrase too when none is given."""
    ph = tuple(dict.fromkeys(p.strip() for p in phrases if p and p.strip() and WORD.search(p)))
    if not ph and WORD.search(name):
        ph = (name.strip(),)
    return Topic(key=_norm(name).replace(" ", "-") or "topic", name=name.strip(), phrases=ph, source="user")


def find_topic(name: str, extra: Iterable[Topic] = ()) -> Topic | None:
    """A topic by key, name, alias or a leading word, case-insensitively ("ai", "AI and technology", "inventory")."""
    q = _norm(name)
    if not q:
        return None
    topics = list(extra) + builtin_topics()
    for t in topics:
        if q in (_norm(t.key), _norm(t.name)) or q in (_norm(a) for a in t.aliases):
            return t
    for t in topics:  # "inventories", "margin": the same stems as a key or alias
        qs = " ".join(stem(w) for w in q.split())
        if qs in {" ".join(stem(w) for w in _norm(a).split()) for a in (t.key, *t.aliases)}:
            return t
    for t in topics:
        if _norm(t.name).startswith(q + " ") or any(w == q for w in _norm(t.name).split() if len(q) > 2):
            return t
    return None


def resolve_topic(name: str, extra: Iterable[Topic] = ()) -> tuple[Topic | None, str | None]:
    """A known topic, else an ad-hoc one matching the words given (and their thesaurus forms, unless written
    '=words'); with a note saying which was used."""
    exact = (name or "").strip().startswith(EXACT)
    t = None if exact else find_topic(name, extra)
    if t is not None:
        return t, None
    words = (name or "").strip().lstrip(EXACT).strip().strip('"')
    if not WORD.search(words):
        return None, "Give a topic name, e.g. inventory, AI, pricing, guidance (the list: /topic, or `earnings-bot topics --list`)."
    phrase = EXACT + words if exact else words
    return Topic(key=_norm(words).replace(" ", "-"), name=words, phrases=(phrase,), source="adhoc"), \
        f"'{words}' is not a known topic: showing sentences that mention it" + (
            "." if exact else ", or say it another way (=" + words + " for the words only).")


# surface word -> its stem for near-duplicate signatures, None for a stop word
_SIG_FORM = WordMap(lambda w: None if w.lower() in STOP_WORDS else stem(w.lower()))
_MATCH_FORM = WordMap(stem)  # surface word -> what phrases are compared with
_Node = tuple[list[tuple[int, Form, int, str, bool]], dict[str, Any]]  # (forms ending here, next stem -> node)
_first = itemgetter(0)


def _own(phrase: str) -> Form:
    """A user's phrase as written: any case, except a short word in capitals ('AI'), which must be so."""
    return rule_form(phrase, exact_caps=_CAPS, acronyms=False)


def topic_forms(topic: Topic, thesaurus: Thesaurus | None = None) -> list[tuple[Form, str]]:
    """(form, the phrase it stands for) for every way a topic is found: a built-in topic's rules; a chat's own or
    an ad-hoc topic's phrases, each with its thesaurus forms (none for a phrase written `=phrase`)."""
    if topic.rules:
        return [(f, f.text) for f in topic.rules]
    th = thesaurus if thesaurus is not None else default_thesaurus()
    out: list[tuple[Form, str]] = []
    for p in topic.phrases:
        exact = p.startswith(EXACT)
        text = p[1:].strip().strip('"') if exact else p
        if not stems_of(text):
            continue
        out.append((_own(text), text))
        if not exact:
            out += [(f, text) for f in th.expand(stems_of(text), text)[1:]]
    return out


class Matcher:
    """Counts each topic's phrase hits in a sentence; built once per set of topics."""

    def __init__(self, topics: Iterable[Topic], thesaurus: Thesaurus | None = None) -> None:
        self.topics = list(topics)
        # the forms as a trie over their stems: first stem -> node, node = (forms ending there, next stem -> node);
        # a form is (order built, form, topic index, the form's stems as a label, whether its conditions are checked)
        self.trie: dict[str, _Node] = {}
        self.typed: dict[tuple[int, str], tuple[str, str]] = {}  # (topic, label) -> (form, phrase), for synonyms
        order = 0
        for ti, t in enumerate(self.topics):
            for form, phrase in topic_forms(t, thesaurus):
                label = " ".join(form.stems)
                node = self.trie.setdefault(form.stems[0], ([], {}))
                for st in form.stems[1:]:
                    node = node[1].setdefault(st, ([], {}))
                node[0].append((order, form, ti, label, form.conditional))
                order += 1
                if form.group is not None and other_wordings((form,), stems_of(phrase)):
                    self.typed.setdefault((ti, label), (form.text, phrase))

    def hits(self, text: str) -> dict[int, list[str]]:
        """topic index -> the phrases (as their stems) found in `text`."""
        return self.hits_and_words(text)[0]

    def hits_and_words(self, text: str) -> tuple[dict[int, list[str]], int]:
        """`hits` and the number of words in `text` (one tokenization for both)."""
        return self.hits_in(words_of(text))

    def hits_in(self, words: list[str]) -> tuple[dict[int, list[str]], int]:
        """`hits_and_words` of a sentence already split into words (`WORD.findall`). Phrases are found in
        sentence order, and those starting at one word in the order they were built."""
        n = len(words)
        if not n:
            return {}, 0
        stems = list(map(_MATCH_FORM.__getitem__, words))
        trie = self.trie
        if trie.keys().isdisjoint(stems):
            return {}, n
        out: dict[int, list[str]] = {}
        for i in compress(range(n), map(trie.__contains__, stems)):  # only where a phrase can start
            found, kids = trie[stems[i]]
            j = i + 1
            if kids and j < n and (node := kids.get(stems[j])) is not None:  # longer phrases from here
                found = list(found)
                while True:
                    found += node[0]
                    j += 1
                    if not node[1] or j >= n or (node := node[1].get(stems[j])) is None:
                        break
                found.sort(key=_first)
            for _, form, ti, label, conditional in found:
                if conditional and not form.holds_at(words, stems, i):
                    continue
                out.setdefault(ti, []).append(label)
        return out, n

    def synonyms(self, ti: int, labels: Iterable[str]) -> list[tuple[str, str]]:
        """(form, phrase) for the labels found that are thesaurus forms of a topic's phrase, not the phrase."""
        return [self.typed[(ti, lb)] for lb in dict.fromkeys(labels) if (ti, lb) in self.typed]


def sentence_topics(text: str, topics: Iterable[Topic] | None = None) -> set[str]:
    """The keys of the topics one sentence counts for (the rules alone: no role or boilerplate filter)."""
    tl = tuple(topics) if topics is not None else tuple(builtin_topics())
    m, _ = _matcher(tl)
    return {tl[ti].key for ti in m.hits(text)}


def labelled_accuracy(items: Iterable[dict[str, Any]], topics: Iterable[Topic] | None = None) -> dict[str, Any]:
    """Precision and recall of the topic rules on hand-labelled sentences ({"text", "on": [...], "maybe": [...]}):
    a topic predicted and in `on` is right, predicted and not in `on` nor `maybe` is wrong, in `on` and not
    predicted is missed; `maybe` (debatable) counts neither way. Per topic and overall."""
    tl = tuple(topics) if topics is not None else tuple(builtin_topics())
    per: dict[str, list[int]] = {t.key: [0, 0, 0] for t in tl}
    for it in items:
        pred = sentence_topics(it["text"], tl)
        on, maybe = set(it.get("on", ())), set(it.get("maybe", ()))
        for k in pred - maybe:
            per[k][0 if k in on else 1] += 1
        for k in on - pred:
            per[k][2] += 1
    tp, fp, fn = (sum(v[i] for v in per.values()) for i in range(3))
    return {"precision": tp / max(1, tp + fp), "recall": tp / max(1, tp + fn), "tp": tp, "fp": fp, "fn": fn,
            "topics": {k: {"precision": a / max(1, a + b), "recall": a / max(1, a + c), "fp": b, "fn": c}
                       for k, (a, b, c) in per.items()}}


def _sentence_score(text: str, found: list[str], role: str, nwords: int) -> float:
    distinct = len(set(found))
    score = distinct + 0.3 * (len(found) - distinct)
    if _DIGIT.search(text):
        score += 0.8
    if role == "executive":
        score += 0.3
    elif role == "analyst":
        score -= 0.6  # what the company said outranks what it was asked
    elif role == "operator":
        return 0.0
    if text.rstrip().endswith("?"):
        score -= 0.4
    if nwords < 8:
        score -= 0.5
    if nwords > 80:
        score -= 0.5
    return round(max(score, 0.0), 3)


def _role_speaker(transcript: Transcript, turn: int) -> tuple[str, str | None]:
    if 0 <= turn < len(transcript.turns):
        t = transcript.turns[turn]
        return t.role, t.speaker
    return "other", None


_LEGAL_HINTS = ("instruction", "forward-looking", "forward looking", "harbo", "litigation", "actual results",
                "uncertaint", "being recorded", "webcast", "replay", "reconcil", "filing", "10-k", "10-q", "obligation",
                "no duty", "investor relations", "investors section", "listen-only", "listen only", "question-and-answer",
                "question and answer", "press star", "pressing star", "press *", "pressing *", "concludes",
                "disconnect", "stand by", "ladies and")


_has_legal_hint = any_of(_LEGAL_HINTS)


def is_legal_cheap(text: str) -> bool:
    """Safe-harbor and call-logistics boilerplate (the summary's filter, behind a cheap keyword gate)."""
    if not _has_legal_hint(text.lower()):
        return False
    try:
        from summarizer.boilerplate import is_legal
    except ImportError:  # the boilerplate filter is optional
        return False
    return is_legal(text)


@lru_cache(maxsize=16)
def _matcher(topics: tuple[Topic, ...]) -> tuple[Matcher, list[set[str]]]:
    """The matcher of a set of topics and each topic's core phrases (its key and aliases), built once per set."""
    core = [{" ".join(stems_of(a)) for a in (tp.key, *tp.aliases)} for tp in topics]
    return Matcher(topics), core


def topic_sentences(transcript: Transcript, sentences: list[Sentence], topics: Iterable[Topic],
                    words: TextWords | None = None) -> dict[str, list[TopicSentence]]:
    """topic key -> every sentence that mentions it, best first. `words`: the call's sentences split into
    words, shared with other analyses (filled as needed)."""
    tl = tuple(topics)
    m, core = _matcher(tl)
    out: dict[str, list[TopicSentence]] = {t.key: [] for t in tl}
    words = TextWords() if words is None else words
    for s in sentences:
        if len(s.text) > 20_000:
            continue
        found, nwords = m.hits_in(words[s.text])
        if not found:
            continue
        role, speaker = _role_speaker(transcript, s.turn)
        if role == "operator" or is_legal_cheap(s.text):
            continue
        for ti, phrases in found.items():
            sc = _sentence_score(s.text, phrases, role, nwords) + (1.0 if core[ti].intersection(phrases) else 0.0)
            if sc > 0:
                out[tl[ti].key].append(TopicSentence(s.text, s.position, s.turn, speaker, sc,
                                                     matched=m.synonyms(ti, phrases) if not tl[ti].rules else []))
    for v in out.values():
        v.sort(key=lambda x: (-x.score, x.position))
    return out


def tag_call(transcript: Transcript, sentences: list[Sentence], topics: Iterable[Topic] | None = None,
             *, per_topic: int = 10, min_count: int = 2, words: TextWords | None = None) -> list[TopicTag]:
    """The topics a call discusses, most discussed first, each with its best sentences (near-duplicates removed)."""
    tl = list(topics) if topics is not None else builtin_topics()
    words = TextWords() if words is None else words
    found = topic_sentences(transcript, sentences, tl, words)
    n = max(1, len(sentences))
    sigs: dict[str, frozenset[str]] = {}  # a sentence's signature, shared by every topic it counts for
    tags = []
    for t in tl:
        ss = found[t.key]
        if len(ss) < min_count:
            continue
        tags.append(TopicTag(t.key, t.name, len(ss), round(len(ss) / n, 4), dedupe(ss, per_topic, sigs=sigs, words=words)))
    tags.sort(key=lambda g: (-g.count, -sum(s.score for s in found[g.key]), g.name))  # most mentioned first
    return tags


def _sig(ws: list[str]) -> frozenset[str]:
    """The stems of a sentence's words (`WORD.findall`) less stop words."""
    return frozenset(filter(None, map(_SIG_FORM.__getitem__, ws)))


def dedupe(items: Iterable[TopicSentence], limit: int, threshold: float = 0.6, *,
           sigs: dict[str, frozenset[str]] | None = None, words: TextWords | None = None) -> list[TopicSentence]:
    """The first `limit` items, skipping any whose content words overlap an earlier one's by `threshold` (Jaccard).
    `sigs` and `words` (text -> signature, text -> words) let calls on the same sentences share the work."""
    kept: list[TopicSentence] = []
    sigs_kept: list[tuple[frozenset[str], int]] = []  # each kept item's signature and its size
    cache = sigs if sigs is not None else {}
    words = TextWords() if words is None else words
    for it in items:
        sg = cache.get(it.text)
        if sg is None:
            sg = cache[it.text] = _sig(words[it.text])
        if not sg:
            continue
        n = len(sg)
        if any((both := len(sg & o)) / (n + k - both) >= threshold for o, k in sigs_kept):  # |a | b| = |a| + |b| - |a & b|
            continue
        kept.append(it)
        sigs_kept.append((sg, n))
        if len(kept) >= limit:
            break
    return kept


def digest_call(transcript: Transcript, sentences: list[Sentence], topic: Topic, *, limit: int = 8) -> TopicDigest:
    """One topic in one call: its most relevant sentences, deduplicated, in order of relevance."""
    ss = topic_sentences(transcript, sentences, [topic])[topic.key]
    label = _label(transcript)
    for s in ss:
        s.company, s.quarter = transcript.company, label
    items = dedupe(ss, limit)
    msg = None if items else f"Nothing about {topic.name} in this call."
    return TopicDigest(topic.name, topic.key, items, 1, msg)


def merge_digest(topic: Topic, per_call: Iterable[list[TopicSentence]], calls_searched: int, *, limit: int = 8) -> TopicDigest:
    """Many calls' sentences about a topic merged: best first, near-duplicates across calls removed."""
    allx = [s for lst in per_call for s in lst]
    allx.sort(key=lambda x: (-x.score, -(x.call_id or 0), x.position))
    items = dedupe(allx, limit)
    msg = None if items else f"Nothing about {topic.name} in the {calls_searched} call{'s' * (calls_searched != 1)} searched."
    return TopicDigest(topic.name, topic.key, items, calls_searched, msg)


def _label(transcript: Transcript) -> str | None:
    q, y = transcript.fiscal_quarter, transcript.fiscal_year
    if q and y:
        return f"Q{q} {y}"
    return str(y) if y else None
