"""Many subscriptions against one call in one pass: a word set and an Aho-Corasick automaton over the distinct terms.

Each of the call's sentences is tokenized and stemmed once; one-word terms are found by a set intersection
with its stems, phrases (tuples of stems) by an automaton whose patterns are " stem stem " over the
space-joined stems, so a hit always sits on whole words and never spans two sentences. The found terms
(with the sentences holding them) then feed the boolean trees of the candidate queries only: those with a
found "trigger" term (one without which the query cannot hold; see `triggers`). Identical queries held by
many chats are evaluated once.
"""
from __future__ import annotations

from collections.abc import Callable, Container, Hashable, Iterable
from dataclasses import dataclass, field

import ahocorasick

from summarizer.query import Node, Query
from summarizer.stemming import WORD, stem

Term = tuple[str, ...]
_STEMS: dict[str, str] = {}  # word -> stem, shared by every matcher (bounded: cleared past 500k words)


@dataclass
class SubHit:
    """Matching subscriptions holding the same query (`keys`): the positive terms found and, per term, the
    indexes of the sentences holding it."""

    keys: set[Hashable]
    terms: dict[Term, list[int]] = field(default_factory=dict)

    @property
    def sentences(self) -> list[int]:
        return sorted({i for idx in self.terms.values() for i in idx})


def positive_terms(node: Node, negated: bool = False) -> set[Term]:
    """The terms of a tree that count in its favour (not under an odd number of NOTs)."""
    op = node[0]
    if op == "term":
        return set() if negated else {node[1]}
    if op == "not":
        return positive_terms(node[1], not negated)
    out: set[Term] = set()
    for n in node[1]:
        out |= positive_terms(n, negated)
    return out


def triggers(node: Node) -> set[Term] | None:
    """A small set of terms at least one of which must be found for the tree to hold (None: no such set)."""
    op = node[0]
    if op == "term":
        return {node[1]}
    if op == "not":
        return None
    sets = [triggers(n) for n in node[1]]
    if op == "or":
        if any(x is None for x in sets):
            return None
        return set().union(*sets)
    usable = [x for x in sets if x is not None]
    if not usable:
        return None
    return min(usable, key=lambda x: (len(x), -max(len(t) for t in x)))  # fewest, then phrases (rarer)


def _expr(node: Node) -> str:
    op = node[0]
    if op == "term":
        return f"({node[1]!r} in F)"
    if op == "not":
        return f"(not {_expr(node[1])})"
    return "(" + f" {op} ".join(_expr(n) for n in node[1]) + ")"


def compile_tree(node: Node) -> Callable[[Container], bool]:
    """The tree as a Python predicate over the set of found terms (terms are repr'd stem tuples: no user code)."""
    return eval(compile("lambda F: " + _expr(node), "<query>", "eval"), {"__builtins__": {}})  # noqa: S307


class _Entry:
    __slots__ = ("tree", "terms", "positive", "keys", "fn", "triggers")

    def __init__(self, query: Query) -> None:
        self.tree = query.tree
        self.terms = query.terms
        self.positive = positive_terms(query.tree)
        self.keys: set[Hashable] = set()
        self.fn: Callable[[Container], bool] | None = None
        self.triggers = triggers(query.tree) or self.positive or self.terms

    @property
    def single(self) -> bool:
        return self.tree[0] == "term"

    def compile(self) -> Callable[[Container], bool]:
        self.fn = compile_tree(self.tree)
        return self.fn


class Matcher:
    """Holds many subscriptions (any hashable key -> Query); add/remove are incremental, the automaton is
    rebuilt lazily on the next match after a change of the distinct term set."""

    def __init__(self) -> None:
        self._entries: dict[str, _Entry] = {}  # canonical query text -> entry
        self._key_entry: dict[Hashable, str] = {}
        self._term_refs: dict[Term, int] = {}
        self._by_term: dict[Term, set[str]] = {}  # boolean queries using the term
        self._single: dict[Term, str] = {}  # the one-term query of each term, if held
        self._automaton: ahocorasick.Automaton | None = None
        self._words: set[str] = set()

    def __len__(self) -> int:
        return len(self._key_entry)

    @property
    def n_terms(self) -> int:
        return len(self._term_refs)

    def add(self, key: Hashable, query: Query) -> None:
        """Add (or replace) the subscription `key`."""
        if key in self._key_entry:
            self.remove(key)
        canon = query.describe()
        entry = self._entries.get(canon)
        if entry is None:
            entry = self._entries[canon] = _Entry(query)
            if entry.single:
                self._single[query.tree[1]] = canon
            for t in () if entry.single else entry.triggers:
                self._by_term.setdefault(t, set()).add(canon)
            for t in entry.terms:
                if t not in self._term_refs:
                    self._term_refs[t] = 0
                    self._automaton = None
                self._term_refs[t] += 1
        entry.keys.add(key)
        self._key_entry[key] = canon

    def remove(self, key: Hashable) -> None:
        """Remove the subscription `key` (no-op when absent)."""
        canon = self._key_entry.pop(key, None)
        if canon is None:
            return
        entry = self._entries[canon]
        entry.keys.discard(key)
        if entry.keys:
            return
        del self._entries[canon]
        if entry.single:
            del self._single[entry.tree[1]]
        for t in () if entry.single else entry.triggers:
            self._by_term[t].discard(canon)
        for t in entry.terms:
            self._term_refs[t] -= 1
            if not self._term_refs[t]:
                del self._term_refs[t]
                self._by_term.pop(t, None)
                self._automaton = None

    def build(self) -> None:
        """(Re)build the phrase automaton and the word set; done lazily by `match` when the term set changed."""
        a = ahocorasick.Automaton()
        words: set[str] = set()
        for t in self._term_refs:
            if len(t) == 1:
                words.add(t[0])
            else:
                a.add_word(" " + " ".join(t) + " ", t)
        if len(a):
            a.make_automaton()
        self._automaton, self._words = a, words

    def find_terms(self, sentences: list[str]) -> dict[Term, list[int]]:
        """Every known term found in the sentences, with the (ascending) indexes of the sentences holding it.

        One pass per sentence: its stems meet the one-word terms in a set intersection and the phrases in the
        Aho-Corasick automaton (patterns " stem stem " on the space-joined stems, so only whole words match)."""
        if self._automaton is None:
            self.build()
        a, words = self._automaton, self._words
        phrases = len(a) > 0
        found: dict[Term, list[int]] = {}
        cache = _STEMS
        if len(cache) > 500_000:
            cache.clear()
        for i, s in enumerate(sentences):
            toks = [cache.get(w) or cache.setdefault(w, stem(w)) for w in WORD.findall(s)]
            hits: set[Term] = {(w,) for w in words.intersection(toks)}
            if phrases:
                hits.update(t for _, t in a.iter(" " + " ".join(toks) + " "))
            for term in hits:
                idx = found.get(term)
                if idx is None:
                    found[term] = [i]
                else:
                    idx.append(i)
        return found

    def match(self, sentences: list[str]) -> list[SubHit]:
        """The subscriptions whose query holds on these sentences, grouped by identical query, with the hits.

        The `keys` sets are the matcher's own: read them, do not change them."""
        found = self.find_terms(sentences)
        if not found:
            return []
        out: list[SubHit] = []
        candidates: set[str] = set()
        by_term, single, entries = self._by_term, self._single, self._entries
        for t, idx in found.items():
            canon = single.get(t)
            if canon is not None:
                out.append(SubHit(entries[canon].keys, {t: idx}))
            more = by_term.get(t)
            if more:
                candidates |= more
        for canon in candidates:
            entry = entries[canon]
            fn = entry.fn or entry.compile()
            if fn(found):
                out.append(SubHit(entry.keys, {t: found[t] for t in entry.positive if t in found}))
        return out


def highlight_spans(sentence: str, terms: Iterable[Term]) -> list[tuple[int, int]]:
    """Character spans of the sentence where any of the terms occurs (whole words, stemmed), merged and sorted."""
    toks = [(m.start(), m.end(), stem(m.group())) for m in WORD.finditer(sentence)]
    spans: list[tuple[int, int]] = []
    for t in terms:
        n = len(t)
        for i in range(len(toks) - n + 1):
            if all(toks[i + j][2] == t[j] for j in range(n)):
                spans.append((toks[i][0], toks[i + n - 1][1]))
    spans.sort()
    merged: list[tuple[int, int]] = []
    for s, e in spans:
        if merged and s <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(e, merged[-1][1]))
        else:
            merged.append((s, e))
    return merged
