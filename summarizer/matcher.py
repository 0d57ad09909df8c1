"""Many subscriptions against one call in one pass: a word set and an Aho-Corasick automaton over the distinct terms.

Each of the call's sentences is tokenized and stemmed once; one-word patterns are found by a set intersection
with its stems, phrases (tuples of stems) by an automaton whose patterns are " stem stem " over the
space-joined stems, so a hit always sits on whole words and never spans two sentences. A query's term is found
by any of its forms in the finance thesaurus (`summarizer.thesaurus`: "capex" by "capital expenditures"; an
ambiguous form such as "GM" only where its context fits), unless it was typed `=exact`; a term under NOT means
its own words only, so the thesaurus never makes a query match fewer calls. Words typed side by side that
together name a concept ("gross margin" unquoted) also find its forms. The found terms (with the sentences
holding them) then feed the boolean trees of the candidate queries only: those with a found "trigger" term (one
without which the query cannot hold; see `triggers`). Identical queries held by many chats are evaluated once.
"""
from __future__ import annotations

from collections.abc import Callable, Container, Hashable, Iterable
from typing import NamedTuple

import ahocorasick

from summarizer.query import Node, Query
from summarizer.stemming import WORD, stem
from summarizer.thesaurus import EXACT, Form, Thesaurus, default_thesaurus, plain_form, said_otherwise

Term = tuple[str, ...]
_STEMS: dict[str, str] = {}  # word -> stem, shared by every matcher (bounded: cleared past 500k words)


class SubHit(NamedTuple):
    """Matching subscriptions holding the same query (`keys`): the positive terms found and, per term, the
    indexes of the sentences holding it (`Matcher.synonyms` says which thesaurus forms matched there).
    A NamedTuple: a call matching thousands of one-word alerts makes thousands of these, 3x cheaper than a class."""

    keys: set[Hashable]
    terms: dict[Term, list[int]]

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


def exact_negatives(node: Node, expands: Callable[[Term], bool], negated: bool = False) -> Node:
    """The tree with every term under an odd number of NOTs that the thesaurus would expand made exact: an
    excluded word means itself only."""
    op = node[0]
    if op == "term":
        t = node[1]
        return ("term", (EXACT,) + t) if negated and t[0] != EXACT and expands(t) else node
    if op == "not":
        return ("not", exact_negatives(node[1], expands, not negated))
    return (op, [exact_negatives(n, expands, negated) for n in node[1]])


MAX_RUN = 6  # the longest run of words side by side tried as one thesaurus form


def joined_phrases(node: Node, thesaurus: Thesaurus, labels: dict[Term, str] | None = None) -> Node:
    """Words ANDed side by side that together are a thesaurus form ("gross" "margin") may also be found as that
    phrase, i.e. by any form of its concept: `(gross AND margin) OR "gross margin"`. Only more calls match.
    `labels` (each term as typed) gets the joined phrase's own spelling ('cost of goods sold')."""
    labels = {} if labels is None else labels
    op = node[0]
    if op == "term":
        return node
    if op == "not":
        return node  # excluded words stay as typed (see exact_negatives)
    parts = [joined_phrases(n, thesaurus, labels) for n in node[1]]
    if op != "and":
        return (op, parts)
    out: list[Node] = []
    i = 0
    while i < len(parts):
        for k in range(min(MAX_RUN, len(parts) - i), 1, -1):
            run = parts[i:i + k]
            if all(p[0] == "term" and len(p[1]) == 1 and p[1][0] != EXACT for p in run):
                joined = tuple(p[1][0] for p in run)
                form = thesaurus.phrase_of(joined, " ".join(labels.get(p[1], p[1][0]) for p in run))
                if form is not None:
                    labels.setdefault(form.stems, form.text)
                    out.append(("or", [("and", run), ("term", form.stems)]))
                    i += k
                    break
        else:
            out.append(parts[i])
            i += 1
    return out[0] if len(out) == 1 else ("and", out)


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


def _terms(node: Node) -> set[Term]:
    if node[0] == "term":
        return {node[1]}
    if node[0] == "not":
        return _terms(node[1])
    return set().union(*(_terms(n) for n in node[1]))


class _Entry:
    __slots__ = ("tree", "terms", "positive", "keys", "fn", "triggers", "labels")

    def __init__(self, query: Query, thesaurus: Thesaurus | None) -> None:
        labels = dict(query.labels)
        if thesaurus is None:
            self.tree = query.tree
        else:
            tree = exact_negatives(query.tree, lambda t: len(thesaurus.expand(t, labels.get(t))) > 1)
            self.tree = joined_phrases(tree, thesaurus, labels)
        self.terms = frozenset(_terms(self.tree))
        self.positive = positive_terms(self.tree)
        self.keys: set[Hashable] = set()
        self.fn: Callable[[Container], bool] | None = None
        self.triggers = triggers(self.tree) or self.positive or self.terms
        self.labels = labels

    @property
    def single(self) -> bool:
        return self.tree[0] == "term"

    def compile(self) -> Callable[[Container], bool]:
        self.fn = compile_tree(self.tree)
        return self.fn


class _Pattern:
    """Who a pattern (a form's stems) serves: terms it stands for outright (with the synonym form, None for the
    term's own words) and terms it serves only where a condition holds."""

    __slots__ = ("plain", "cond", "terms")

    def __init__(self) -> None:
        self.plain: dict[Term, Form | None] = {}
        self.cond: dict[Term, list[Form]] = {}
        self.terms: tuple[Term, ...] = ()  # the keys of `plain`, for the hot loop


class Matcher:
    """Holds many subscriptions (any hashable key -> Query); add/remove are incremental, the automaton is
    rebuilt lazily on the next match after a change of the distinct pattern set. `expand=False` matches the
    words as typed (no thesaurus)."""

    share_groups = True  # False: each term keeps its own patterns (the reference the tests compare with)

    def __init__(self, *, expand: bool = True, thesaurus: Thesaurus | None = None) -> None:
        self.thesaurus = (thesaurus if thesaurus is not None else default_thesaurus()) if expand else None
        self._entries: dict[str, _Entry] = {}  # canonical query text -> entry
        self._key_entry: dict[Hashable, str] = {}
        self._term_refs: dict[Term, int] = {}
        self._term_forms: dict[Term, tuple[Form, ...]] = {}
        self._patterns: dict[Term, _Pattern] = {}
        self._self: set[Term] = set()  # patterns that are a held term's own words (the common, fast case)
        self._extra: set[Term] = set()  # patterns that also serve other terms, or only where a condition holds
        self._by_term: dict[Term, set[_Entry]] = {}  # boolean queries using the term (entries, hashed by identity)
        self._single: dict[Term, _Entry] = {}  # the one-term query of each term, if held
        self._automaton: ahocorasick.Automaton | None = None
        self._words: set[str] = set()
        # The terms that are forms of one thesaurus group are found in the same sentences, so the group's patterns
        # serve one stand-in key for them all (found once per sentence, copied to each term once per call).
        self._alias_of: dict[Term, Term] = {}
        self._members: dict[Term, set[Term]] = {}
        self._own_pattern: dict[Term, Form] = {}  # a grouped term's own words, where its group has them only conditionally

    def __len__(self) -> int:
        return len(self._key_entry)

    @property
    def n_terms(self) -> int:
        return len(self._term_refs)

    @property
    def n_patterns(self) -> int:
        """Distinct forms looked for (the terms and their thesaurus forms)."""
        return len(self._patterns)

    def forms_of(self, term: Term) -> tuple[Form, ...]:
        """The forms a held term is found by (its own words first)."""
        return self._term_forms.get(term, ())

    def _expand(self, term: Term, label: str | None) -> tuple[Form, ...]:
        if self.thesaurus is not None:
            return self.thesaurus.expand(term, label)
        own = term[1:] if term[0] == EXACT else term
        return (plain_form(label or " ".join(own), own),)

    def _classify(self, p: Term) -> None:
        pat = self._patterns.get(p)
        self._self.discard(p)
        self._extra.discard(p)
        if pat is None:
            return
        pat.terms = tuple(pat.plain)
        if p in pat.plain and pat.plain[p] is None:
            self._self.add(p)
        if pat.cond or any(t != p for t in pat.plain):
            self._extra.add(p)

    def _serve(self, key: Term, forms: Iterable[Form]) -> None:
        for f in forms:
            pat = self._patterns.get(f.stems)
            if pat is None:
                pat = self._patterns[f.stems] = _Pattern()
                self._automaton = None
            if f.conditional:
                pat.cond.setdefault(key, []).append(f)
            else:
                pat.plain.setdefault(key, f if f.group is not None else None)
            self._classify(f.stems)

    def _unserve(self, key: Term, forms: Iterable[Form]) -> None:
        for f in forms:
            pat = self._patterns.get(f.stems)
            if pat is None:
                continue
            pat.plain.pop(key, None)
            pat.cond.pop(key, None)
            if not pat.plain and not pat.cond:
                del self._patterns[f.stems]
                self._automaton = None
            self._classify(f.stems)

    def _hold_term(self, term: Term, label: str | None) -> None:
        forms = self._term_forms[term] = self._expand(term, label)
        group = None
        if self.share_groups and self.thesaurus is not None and len(forms) > 1 and term[0] != EXACT:
            group = self.thesaurus.group_of(term, label or " ".join(term))
        if group is None:
            self._serve(term, forms)
            return
        alias = ("\x00", group.key)
        self._alias_of[term] = alias
        members = self._members.setdefault(alias, set())
        if not members:
            self._serve(alias, group.expansion())
        members.add(term)
        same = [f for f in group.expansion() if f.stems == term]
        if not same or any(f.conditional for f in same):  # 'eps' typed: its own words count in any case
            self._own_pattern[term] = forms[0]
            self._serve(term, forms[:1])

    def _drop_term(self, term: Term) -> None:
        forms = self._term_forms.pop(term, ())
        alias = self._alias_of.pop(term, None)
        if alias is None:
            self._unserve(term, forms)
            return
        members = self._members[alias]
        members.discard(term)
        if not members:
            del self._members[alias]
            group = next(g for g in self.thesaurus.groups if g.key == alias[1])
            self._unserve(alias, group.expansion())
        own = self._own_pattern.pop(term, None)
        if own is not None:
            self._unserve(term, (own,))

    def add(self, key: Hashable, query: Query) -> None:
        """Add (or replace) the subscription `key`."""
        if key in self._key_entry:
            self.remove(key)
        canon = query.describe()
        entry = self._entries.get(canon)
        if entry is None:
            entry = self._entries[canon] = _Entry(query, self.thesaurus)
            if entry.single:
                self._single[entry.tree[1]] = entry
            for t in () if entry.single else entry.triggers:
                self._by_term.setdefault(t, set()).add(entry)
            for t in entry.terms:
                if t not in self._term_refs:
                    self._term_refs[t] = 0
                    self._hold_term(t, entry.labels.get(t) or entry.labels.get(t[1:]))
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
            self._by_term[t].discard(entry)
        for t in entry.terms:
            self._term_refs[t] -= 1
            if not self._term_refs[t]:
                del self._term_refs[t]
                self._by_term.pop(t, None)
                self._drop_term(t)

    def build(self) -> None:
        """(Re)build the phrase automaton and the word set; done lazily by `match` when the pattern set changed."""
        a = ahocorasick.Automaton()
        words: set[str] = set()
        for p in self._patterns:
            if len(p) == 1:
                words.add(p[0])
            else:
                a.add_word(" " + " ".join(p) + " ", p)
        if len(a):
            a.make_automaton()
        self._automaton, self._words = a, words

    def find_terms(self, sentences: list[str]) -> dict[Term, list[int]]:
        """Every held term found in the sentences, with the (ascending) indexes of the sentences holding it.

        One pass per sentence: its stems meet the one-word patterns in a set intersection and the phrases in the
        Aho-Corasick automaton (patterns " stem stem " on the space-joined stems, so only whole words match);
        a conditional form (an ambiguous abbreviation) is then checked in that sentence only."""
        if self._automaton is None:
            self.build()
        a, words, patterns, own, extra = self._automaton, self._words, self._patterns, self._self, self._extra
        phrases = len(a) > 0
        found: dict[Term, list[int]] = {}
        cache = _STEMS
        if len(cache) > 500_000:
            cache.clear()
        for i, s in enumerate(sentences):
            ws = WORD.findall(s)
            toks = [cache.get(w) or cache.setdefault(w, stem(w)) for w in ws]
            hits: set[Term] = {(w,) for w in words.intersection(toks)}
            if phrases:
                hits.update(t for _, t in a.iter(" " + " ".join(toks) + " "))
            if not hits:
                continue
            if not extra:  # every pattern is a term's own words (no thesaurus, or nothing to expand)
                terms = hits
            else:
                terms = hits & own  # a pattern that is a term's own words: the term itself, no look-up
            seen: dict[int, bool] = {}  # a form's verdict in this sentence: the terms of one group share forms
            for p in (hits & extra) if extra else ():
                pat = patterns[p]
                terms.update(pat.terms)
                for term, fs in pat.cond.items():
                    if term in terms:
                        continue
                    for f in fs:
                        ok = seen.get(id(f))
                        if ok is None:
                            ok = seen[id(f)] = f.found_in(ws, toks, s)
                        if ok:
                            terms.add(term)
                            break
            for term in terms:
                idx = found.get(term)
                if idx is None:
                    found[term] = [i]
                else:
                    idx.append(i)
        members = self._members
        for alias in [t for t in found if t in members] if members else ():
            idx = found.pop(alias)
            for term in members[alias]:
                own = found.get(term)
                found[term] = idx if own is None else sorted(set(own).union(idx))
        return found

    def synonyms(self, term: Term, sentence: str) -> list[Form]:
        """The thesaurus forms (not the term's own words) by which a held term is found in one sentence."""
        forms = [f for f in self._term_forms.get(term, ()) if f.group is not None]
        if not forms:
            return []
        ws = WORD.findall(sentence)
        toks = [stem(w) for w in ws]
        return said_otherwise(forms, term[1:] if term[0] == EXACT else term, ws, toks, sentence)

    def match(self, sentences: list[str]) -> list[SubHit]:
        """The subscriptions whose query holds on these sentences, grouped by identical query, with the hits.

        The `keys` sets are the matcher's own: read them, do not change them."""
        found = self.find_terms(sentences)
        if not found:
            return []
        out: list[SubHit] = []
        candidates: set[_Entry] = set()
        by_term, single = self._by_term, self._single
        for t, idx in found.items():
            one = single.get(t)
            if one is not None:
                out.append(SubHit(one.keys, {t: idx}))
            more = by_term.get(t)
            if more:
                candidates |= more
        for entry in candidates:
            fn = entry.fn or entry.compile()
            if fn(found):
                out.append(SubHit(entry.keys, {t: found[t] for t in entry.positive if t in found}))
        return out


def highlight_spans(sentence: str, terms: Iterable[Term]) -> list[tuple[int, int]]:
    """Character spans of the sentence where any of the terms occurs (whole words, stemmed), merged and sorted."""
    toks = [(m.start(), m.end(), stem(m.group())) for m in WORD.finditer(sentence)]
    spans: list[tuple[int, int]] = []
    for t in terms:
        if t and t[0] == EXACT:
            t = t[1:]
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
