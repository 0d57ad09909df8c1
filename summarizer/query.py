"""The subscription query language: words, "quoted phrases", AND / OR / NOT, parentheses.

Adjacent terms are joined by an implicit AND; operators are upper-case words (lower-case `and`, `or`,
`not` are ordinary stop words), and a leading minus excludes a word (`revenue -china` is `revenue NOT china`,
as /search reads it). Matching is on whole words after light stemming (see
`summarizer.stemming`), case-insensitive. There is no regex anywhere: a term is a tuple of stems.
A query is a small tree of tuples:
    ("term", (stem, ...)) | ("and", [node, ...]) | ("or", [node, ...]) | ("not", node)
A term typed as `=word` or `="a phrase"` means those words only (its stems start with `thesaurus.EXACT`);
any other term also finds the other forms of its concept in the finance thesaurus (see `summarizer.matcher`).
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from summarizer.errors import QueryError
from summarizer.stemming import STOP_WORDS, stem, words
from summarizer.thesaurus import EXACT

MAX_QUERY_CHARS = 1000  # the parser's own cap; the per-chat limit (200 by default) is checked by the caller
MAX_DEPTH = 20
MAX_TERMS = 50
EXAMPLE = 'try for example: /track "supply chain" AND (tariff OR tariffs) NOT china'
_TOKEN = re.compile(r'\s*(?:(?P<lp>\()|(?P<rp>\))|"(?P<phrase>[^"]*)"|(?P<open>")|(?P<word>[^\s()"]+))')
_OPS = {"AND", "OR", "NOT"}

Node = tuple


@dataclass(frozen=True)
class Query:
    """A parsed query: its source text, its tree, and the distinct terms it mentions."""

    text: str
    tree: Node
    terms: frozenset[tuple[str, ...]]
    labels: tuple[tuple[tuple[str, ...], str], ...] = ()  # (term, the words as the user typed them)

    def matches(self, found: set[tuple[str, ...]] | frozenset) -> bool:
        """Whether the query holds when exactly the terms in `found` occur."""
        return evaluate(self.tree, found)

    def describe(self) -> str:
        """A canonical text form of the tree (for display and tests)."""
        return describe(self.tree)

    def label(self, term: tuple[str, ...]) -> str:
        """A term as the user typed it ('gross margins'), else its stems joined."""
        for t, text in self.labels:
            if t == term:
                return text
        return " ".join(x for x in term if x != EXACT)


def _fail(reason: str) -> QueryError:
    return QueryError(f"Cannot use that query: {reason}; {EXAMPLE}")


def _lex(text: str) -> list[tuple[str, str]]:
    out: list[tuple[str, str]] = []
    pos = 0
    while pos < len(text):
        m = _TOKEN.match(text, pos)
        if m is None or m.end() == pos:
            break
        pos = m.end()
        if m.group("lp"):
            out.append(("(", "("))
        elif m.group("rp"):
            out.append((")", ")"))
        elif m.group("open"):
            raise _fail("a quote is not closed")
        elif m.group("phrase") is not None:
            if out and out[-1] == ("word", EXACT):  # ="a phrase": these words only
                out[-1] = ("phrase", EXACT + m.group("phrase"))
            else:
                out.append(("phrase", m.group("phrase")))
        elif m.group("word"):
            w = m.group("word")
            if len(w) > 1 and w[0] == "-" and w[1] not in "-":  # "-china" is NOT china, as /search reads it
                out += [("NOT", "NOT"), ("word", w[1:])]
            elif w == "-" and text[pos:pos + 1] in ('"', "("):  # -"supply chain", -(a OR b)
                out.append(("NOT", "NOT"))
            else:
                out.append((w, w) if w in _OPS else ("word", w))
    return out


class _Parser:
    """Recursive descent: or := and ('OR' and)*; and := unary (['AND'] unary)*; unary := 'NOT' unary | atom."""

    def __init__(self, tokens: list[tuple[str, str]]) -> None:
        self.toks = tokens
        self.i = 0
        self.depth = 0
        self.labels: dict[tuple[str, ...], str] = {}

    def peek(self) -> str | None:
        return self.toks[self.i][0] if self.i < len(self.toks) else None

    def take(self) -> tuple[str, str]:
        tok = self.toks[self.i]
        self.i += 1
        return tok

    def parse(self) -> Node | None:
        node = self.or_()
        if self.peek() is not None:
            kind = self.peek()
            raise _fail("a ')' has no matching '('" if kind == ")" else f"unexpected {kind!r}")
        return node

    def or_(self) -> Node | None:
        parts = [self.and_()]
        while self.peek() == "OR":
            self.take()
            parts.append(self.and_())
        return _combine("or", parts)

    def and_(self) -> Node | None:
        parts = [self.unary()]
        while True:
            kind = self.peek()
            if kind == "AND":
                self.take()
                parts.append(self.unary())
            elif kind in ("word", "phrase", "(", "NOT"):
                parts.append(self.unary())
            else:
                return _combine("and", parts)

    def unary(self) -> Node | None:
        kind = self.peek()
        if kind == "NOT":
            self.take()
            self._enter()
            inner = self.unary()
            self.depth -= 1
            return None if inner is None else ("not", inner)
        return self.atom()

    def _enter(self) -> None:
        self.depth += 1
        if self.depth > MAX_DEPTH:
            raise _fail(f"it nests deeper than {MAX_DEPTH} levels")

    def atom(self) -> Node | None:
        kind = self.peek()
        if kind is None:
            prev = self.toks[self.i - 1][0] if self.i else None
            raise _fail(f"it ends after {prev}, a word is missing" if prev in _OPS else "it is empty")
        if kind in ("AND", "OR"):
            raise _fail(f"{kind} needs a word on each side")
        if kind == ")":
            raise _fail("'()' or a ')' without a word before it")
        if kind == "(":
            self.take()
            self._enter()
            node = self.or_()
            if self.peek() != ")":
                raise _fail("a '(' is not closed")
            self.take()
            self.depth -= 1
            return node
        _, value = self.take()
        exact = value.startswith(EXACT)
        ws = words(value)
        if kind == "word":
            if not ws:
                return None  # punctuation only
            if len(ws) == 1 and ws[0].lower() in STOP_WORDS:
                return None  # "the", "and": too common to mean anything on their own
        elif not ws:
            raise _fail('a quoted phrase is empty')
        term = ((EXACT,) if exact else ()) + tuple(stem(w) for w in ws)
        self.labels.setdefault(term, " ".join(ws))
        return ("term", term)


def _combine(op: str, parts: list[Node | None]) -> Node | None:
    kept: list[Node] = []
    for p in parts:
        if p is None:
            continue
        if p[0] == op:
            kept.extend(p[1])
        else:
            kept.append(p)
    if not kept:
        return None
    return kept[0] if len(kept) == 1 else (op, kept)


def evaluate(node: Node, found: set | frozenset) -> bool:
    """The truth of a query tree when exactly the terms in `found` occur."""
    op = node[0]
    if op == "term":
        return node[1] in found
    if op == "and":
        return all(evaluate(n, found) for n in node[1])
    if op == "or":
        return any(evaluate(n, found) for n in node[1])
    return not evaluate(node[1], found)


def terms_of(node: Node) -> set[tuple[str, ...]]:
    """Every distinct term in a tree."""
    if node[0] == "term":
        return {node[1]}
    if node[0] == "not":
        return terms_of(node[1])
    out: set[tuple[str, ...]] = set()
    for n in node[1]:
        out |= terms_of(n)
    return out


def describe(node: Node) -> str:
    """A canonical, fully parenthesised text of a tree."""
    op = node[0]
    if op == "term":
        t = node[1]
        if t[0] == EXACT:
            return EXACT + '"' + " ".join(t[1:]) + '"'
        return '"' + " ".join(t) + '"' if len(t) > 1 else t[0]
    if op == "not":
        return "NOT " + describe(node[1])
    return "(" + f" {op.upper()} ".join(describe(n) for n in node[1]) + ")"


def parse_query(text: str, *, max_chars: int = MAX_QUERY_CHARS) -> Query:
    """Parse a query, or raise QueryError saying what is wrong and giving an example."""
    if text is None or not text.strip():
        raise _fail("it is empty")
    if len(text) > max_chars:
        raise _fail(f"it is {len(text):,} characters long, the limit is {max_chars}")
    text = text.replace("\u201c", '"').replace("\u201d", '"')
    tokens = _lex(text)
    if text.count("(") > MAX_DEPTH * 2 or sum(1 for t in tokens if t[0] in ("word", "phrase")) > MAX_TERMS:
        raise _fail(f"it is too complex (at most {MAX_TERMS} terms and {MAX_DEPTH} nested parentheses)")
    parser = _Parser(tokens)
    tree = parser.parse()
    if tree is None:
        raise _fail("it has only very common words (like 'the' or 'and'), which would match every call")
    if evaluate(tree, frozenset()):
        raise _fail("it would match a call that mentions none of its words; add a word that must appear")
    return Query(text.strip(), tree, frozenset(terms_of(tree)), tuple(parser.labels.items()))
