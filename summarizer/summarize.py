"""Extractive summaries of a call: a registry of methods by name and the transcript-aware default.

`summarize(transcript, sentences, method=..., n_sentences=..., n_words=..., section=...)` returns a
`Summary` whose sentences carry their speaker, turn and position, in call order. Methods:
"default" (learned from ECTSum train: figure-bearing executive sentences, boilerplate dropped,
redundancy removed, trimmed to the clauses that carry figures), "flash" (wire-style headline lines written from
the key figures, `summarizer.flash`), "lead" (the first sentences), and
every sumy method of `summarizer.sumy_methods` (lexrank, textrank, lsa, luhn, kl, sumbasic, edmundson).
"""
from __future__ import annotations

import heapq
import json
import re
from dataclasses import dataclass, field
from functools import lru_cache
from operator import mul
from pathlib import Path
from typing import Any, Callable

from summarizer.boilerplate import is_boilerplate
from summarizer.errors import BadArgument, InputError, UnknownMethod
from summarizer.features import HAND_NAMES, Item, hand_features, words, words_of_lower
from summarizer.gates import has_digit
from summarizer.headlines import HEADLINES, figures_of, quarter_revenue_amount, scoped_by_context
from summarizer.model import NO_SPEAKER, Sentence, Transcript
from summarizer.trimming import MAX_SENTENCE_CHARS as _MAX_SENTENCE_CHARS
from summarizer.trimming import has_figure as _has_figure
from summarizer.trimming import spans, stands_alone, trim_to_figures

METHOD_VERSION = "default-8"
MODEL_PATH = Path(__file__).resolve().parent / "data" / "summary_model.json"
DEFAULT_SENTENCES = 5
# Role priors: ECTSum text has no speakers, so these are set by hand, not learned.
_ROLE_PRIOR = {"executive": 0.4, "analyst": -2.5, "operator": -10.0, "other": 0.0}


@dataclass(frozen=True)
class SummarySentence:
    """One summary sentence with where it came from."""

    text: str
    speaker: str | None
    turn: int
    position: int


@dataclass
class Summary:
    """A summary: the method that made it and its sentences in call order."""

    method: str
    sentences: list[SummarySentence] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        """The `summary --json` contract."""
        return {"method": self.method,
                "sentences": [{"text": s.text, "speaker": s.speaker, "turn": s.turn, "position": s.position}
                              for s in self.sentences]}


@dataclass(frozen=True)
class Candidate:
    """A sentence the methods may pick, with its speaker's role and section."""

    sentence: Sentence
    speaker: str | None
    role: str
    section: str


# A ranker gets the candidates and the number wanted, and returns (index, text) pairs best first;
# text may be a trimmed form of the sentence (words verbatim, in order).
Ranker = Callable[[list[Candidate], int], list[tuple[int, str]]]


def methods() -> list[str]:
    """Every method name available here."""
    names = ["default", "flash", "lead"]
    try:
        from summarizer.sumy_methods import METHODS
    except ImportError:
        return names
    return names + [m for m in METHODS if m not in names]


def method_name(method: str | None) -> str:
    """The canonical name of a method ("TextRank", "kl-sum" forgiven); UnknownMethod names the valid ones."""
    key = (method or "default").strip().lower()
    if key in ("default", "lead", "flash"):
        return key
    try:
        from summarizer.sumy_methods import method_name as sumy_name

        return sumy_name(key)
    except (ImportError, InputError):
        raise UnknownMethod(f"Unknown summary method {method!r}: use one of {', '.join(methods())}.") from None


def summarize(transcript: Transcript, sentences: list[Sentence], *, method: str = "default",
              n_sentences: int | None = DEFAULT_SENTENCES, n_words: int | None = None,
              section: str | None = None) -> Summary:
    """Summarize a call (or its prepared remarks or Q&A) in `n_sentences` sentences or about `n_words` words."""
    method = method_name(method)
    if section not in (None, "prepared", "qa"):
        raise BadArgument(f"Unknown section {section!r}: use prepared or qa (or leave it out for the whole call).")
    if n_words is not None and n_words < 0 or n_sentences is not None and n_sentences < 0:
        raise BadArgument("The summary length must be a positive number of sentences or words.")
    if method == "flash":  # lines written from the key figures (summarizer.flash); n_sentences caps them
        from summarizer.flash import flash_summary

        return flash_summary(transcript, sentences, n_sentences=n_sentences, n_words=n_words, section=section)
    if n_words is None and n_sentences is None:
        n_sentences = DEFAULT_SENTENCES
    cands = candidates(transcript, sentences, section)
    if not cands or n_words == 0 or (n_words is None and n_sentences == 0):
        return Summary(method=method)
    if method == "default":
        ranker: Ranker = rank_default
    elif method == "lead":
        ranker = rank_lead
    else:
        ranker = _sumy_ranker(method)
    want = n_sentences if n_words is None else max(1, n_words // 8)
    ranked = ranker(cands, want)
    chosen: list[tuple[int, str]] = []
    used = 0
    for i, text in ranked:
        if n_words is None:
            if len(chosen) >= (n_sentences or 0):
                break
        else:
            w = len(text.split())
            if used + w > n_words:
                continue
            used += w
        chosen.append((i, text))
    chosen.sort()
    return Summary(method=method, sentences=[
        SummarySentence(text=t, speaker=cands[i].speaker, turn=cands[i].sentence.turn,
                        position=cands[i].sentence.position) for i, t in chosen])


def candidates(transcript: Transcript, sentences: list[Sentence], section: str | None = None) -> list[Candidate]:
    """The call's sentences with speaker, role and section, limited to `section` when given."""
    out: list[Candidate] = []
    turns = transcript.turns
    for s in sentences:
        if 0 <= s.turn < len(turns):
            t = turns[s.turn]
            speaker, role, sec = t.speaker, t.role or "other", t.section or "prepared"
            if speaker == NO_SPEAKER and role == "other":
                speaker = None  # a paste with no speakers: its lines name nobody (never "Unknown:")
        else:
            speaker, role, sec = None, "other", "prepared"
        if section is not None and (sec != section or s.turn < 0):
            continue
        if s.text and s.text.strip():
            out.append(Candidate(sentence=s, speaker=speaker, role=role, section=sec))
    return out


def rank_lead(cands: list[Candidate], n: int) -> list[tuple[int, str]]:
    """The first sentences of the call, as they come."""
    return [(i, c.sentence.text) for i, c in enumerate(cands)]


def _sumy_ranker(method: str) -> Ranker:
    from summarizer.sumy_methods import select

    def rank(cands: list[Candidate], n: int) -> list[tuple[int, str]]:
        texts = [c.sentence.text for c in cands]
        picked = select(method, texts, min(n, len(texts)))
        return [(i, texts[i]) for i in picked]

    return rank


# ---- the default method --------------------------------------------------------------------------

@dataclass(frozen=True)
class Model:
    """Learned weights: hand features by name, n-gram weights, cut kinds, selection settings."""

    hand: tuple[float, ...]
    vocab: dict[str, float]
    mmr: float = 1.0
    trim: bool = True
    length_penalty: float = 0.0  # subtracted per 30 words (capped at 60): short figure statements first
    kinds: dict[str, float] = field(default_factory=dict)  # weight of each cut kind beyond "trim" (`trimming.spans`)
    # `vocab` split for scoring: unigrams by word, bigrams by word pair (no "a b" string built per pair)
    unigrams: dict[str, float] = field(init=False, compare=False, repr=False)
    bigrams: dict[tuple[str, str], float] = field(init=False, compare=False, repr=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "unigrams", {k: v for k, v in self.vocab.items() if " " not in k})
        object.__setattr__(self, "bigrams", {tuple(k.split(" ", 1)): v for k, v in self.vocab.items() if " " in k})


def load_model(path: Path = MODEL_PATH) -> Model:
    """The committed model (cached); a hand-set fallback when the file is missing."""
    return _load_model(str(path))


@lru_cache(maxsize=4)
def _load_model(path: str) -> Model:
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        data = {"hand": _FALLBACK_HAND, "vocab": {}}
    return model_from_json(data)


def model_from_json(data: dict[str, Any]) -> Model:
    """A `Model` from its JSON form (unknown hand features weigh 0)."""
    hand = data.get("hand", {})
    return Model(hand=tuple(float(hand.get(n, 0.0)) for n in HAND_NAMES),
                 vocab={k: float(v) for k, v in data.get("vocab", {}).items()},
                 mmr=float(data.get("mmr", 1.0)), trim=bool(data.get("trim", True)),
                 length_penalty=float(data.get("length_penalty", 0.0)),
                 kinds={k: float(v) for k, v in data.get("kinds", {}).items()})


_FALLBACK_HAND = {"bias": -3.0, "digit": 1.0, "numbers": 1.0, "money": 0.8, "pct": 0.6, "revenue": 0.8,
                  "eps": 1.0, "income": 0.5, "margin": 0.4, "guidance": 0.6, "legal": -5, "courtesy": -3,
                  "question": -1.5, "hedge": -0.8, "short": -1.0}


def score_item(item: Item, model: Model, kind: str = "trim") -> float:
    """A line's relevance (log-odds): hand features, n-grams, role prior, cut kind, length penalty.

    The item is already past `usable` (no boilerplate), so the boilerplate features are off."""
    text = item.text
    low = text.lower()
    ws = words_of_lower(low) if len(text) <= _MAX_SENTENCE_CHARS else words(text[:_MAX_SENTENCE_CHARS])
    s = sum(map(mul, model.hand, hand_features(item, ws, False, False, low)))  # zeros add nothing: same sum, 2x faster
    if model.vocab:  # the sum over `features.ngrams(ws)` in `vocab`, from the n-grams it holds (set order, as before)
        s += sum(map(model.unigrams.__getitem__, model.unigrams.keys() & ws)) \
            + sum(map(model.bigrams.__getitem__, model.bigrams.keys() & zip(ws, ws[1:])))
    return s + _ROLE_PRIOR.get(item.role, 0.0) + model.kinds.get(kind, 0.0) \
        - model.length_penalty * min(len(ws), 60) / 30


_BAG = re.compile(r"[a-z]+|\d+(?:[.,]\d+)*")  # words and the figures themselves: the same number twice is redundant
_STOP = frozenset("""a an the and or of to in on for with at by from as is was were be been are this that
these those it its we our you your they their i # s our which will would also per""".split())
_PART = 0.8  # a quarter's revenue below this share of the largest one the call states is a segment's
_DUPLICATE = 0.8  # a pick sharing this share of its words and figures with an earlier pick says nothing new


def usable(text: str, role: str = "other") -> bool:
    """A sentence the default method may pick: not boilerplate nor an operator's; 6+ words, or 4+ with a figure."""
    head = text[:_MAX_SENTENCE_CHARS]
    n = len(head.split(None, 6))
    return (n >= 6 or (n >= 4 and _has_figure(head))) and any(ch.isalpha() for ch in head[:200]) \
        and not is_boilerplate(head, role)


def lines_of(text: str, model: Model, trim: str | None = None) -> list[tuple[str, str]]:
    """The (kind, line) forms of a sentence the model chooses among: its cuts, or the sentence itself."""
    if not model.trim:
        return [("full", text)]
    if model.kinds:
        return [(k, t) for k, t in spans(text, trim) if k == "trim" or k in model.kinds]
    return [("trim", trim_to_figures(text))]


def _eligible(cands: list[Candidate]) -> list[tuple[int, float, bool]]:
    """(candidate index, position in the call 0..1, first of its turn) for each sentence not ruled out by its
    context: a bare metric right after a sentence naming a segment, or a segment's revenue beside the company's."""
    total = max(1, len(cands) - 1)
    out: list[tuple[int, float, bool]] = []
    prev_turn = None
    # "The smart home business had a very good year. Revenue reached 19.5 billion yuan.": that business's
    scoped = {i for i in range(1, len(cands)) if cands[i].sentence.turn == cands[i - 1].sentence.turn
              and scoped_by_context(cands[i - 1].sentence.text, cands[i].sentence.text)}
    revenue = {i: a for i, c in enumerate(cands)
               if i not in scoped and (a := quarter_revenue_amount(c.sentence.text[:_MAX_SENTENCE_CHARS]))}
    most = max(revenue.values(), default=0.0)
    for i, c in enumerate(cands):
        first = c.sentence.turn != prev_turn
        prev_turn = c.sentence.turn
        if i in scoped:
            continue
        if revenue.get(i, most) < _PART * most:
            continue  # "Third quarter revenue was $104.3 million." after "... was $700.3 million": a segment's
        out.append((i, c.sentence.position / total if len(cands) > 1 else 0.0, first))
    return out


def _usable_items(cands: list[Candidate]) -> list[tuple[int, Item]]:
    """(candidate index, item of the whole sentence) for each sentence the default method may pick from."""
    return [(i, Item(text=cands[i].sentence.text, role=cands[i].role, section=cands[i].section, rel_pos=rel_pos,
                     turn_first=first))
            for i, rel_pos, first in _eligible(cands) if usable(cands[i].sentence.text, cands[i].role)]


def _first_stage(cands: list[Candidate], model: Model, k: int) -> list[tuple[float, int, Item]]:
    """(score, candidate index, item of its `trim_to_figures` cut), best first and in call order among equals, for
    each usable sentence that matters: the best `k`, and after them those that may state the quarter's revenue or EPS
    (`_with_headlines` looks only at those, in this order). A sentence with no figure is its own cut: it is scored
    first and tested for boilerplate only when it ranks where it matters, so most sentences never are."""
    scored: list[tuple[float, int, Item, bool]] = []  # the bool: known to be usable
    for i, rel_pos, first in _eligible(cands):
        c = cands[i]
        text = c.sentence.text
        item = Item(text, c.role, c.section, rel_pos, first)
        known = model.trim and len(text) <= _MAX_SENTENCE_CHARS and _has_figure(text)  # else the cut is the sentence
        if known:
            if not usable(text, c.role):
                continue
            item = _as(item, trim_to_figures(text))
        scored.append((score_item(item, model, "trim"), i, item, known))
    scored.sort(key=lambda t: (-t[0], t[1]))  # as a stable sort of all in call order
    out: list[tuple[float, int, Item]] = []
    for s, i, item, known in scored:
        text = cands[i].sentence.text
        if (len(out) < k or has_digit(text) and any(may_state(text) for may_state, _ in HEADLINES)) \
                and (known or usable(text, item.role)):
            out.append((s, i, item))
    return out


def _as(item: Item, text: str) -> Item:
    """The same sentence's item with another cut as its text (`dataclasses.replace`, 5x cheaper)."""
    return Item(text, item.role, item.section, item.rel_pos, item.turn_first)


def options(cands: list[Candidate], model: Model) -> list[tuple[int, str, Item]]:
    """Every (candidate index, cut kind, line) the default method may pick: boilerplate out, lines that stand alone."""
    return [(i, kind, _as(item, line)) for i, item in _usable_items(cands)
            for kind, line in lines_of(item.text, model) if stands_alone(line)]


def rank_default(cands: list[Candidate], n: int, model: Model | None = None) -> list[tuple[int, str]]:
    """Learned score, boilerplate out, each sentence as its best cut that stands alone, MMR against redundancy.

    Two stages keep it fast: every sentence is scored as its figure clause (`trim_to_figures`); the
    best few are then scored in all their cuts, and a cut is checked to stand alone only when it
    would be picked."""
    model = model or load_model()
    pool = max(4 * n + 10, 20)
    first = _first_stage(cands, model, 2 * pool)
    heap: list[tuple[float, int, int, list[tuple[float, str]]]] = []
    for s, i, trimmed in first[: 2 * pool]:
        cuts = [(s, trimmed.text)]
        if model.kinds:
            whole = cands[i].sentence.text
            cuts += [(score_item(_as(trimmed, line), model, kind), line)
                     for kind, line in lines_of(whole, model, trimmed.text) if kind != "trim"]
            cuts.sort(key=lambda t: -t[0])
        heapq.heappush(heap, (-cuts[0][0], i, 0, cuts))
    keep: list[int] = []
    scores: list[float] = []
    texts: list[str] = []
    while heap and len(keep) < pool:
        neg, i, k, cuts = heapq.heappop(heap)
        if stands_alone(cuts[k][1]):
            keep.append(i)
            scores.append(-neg)
            texts.append(cuts[k][1])
        elif k + 1 < len(cuts):
            heapq.heappush(heap, (-cuts[k + 1][0], i, k + 1, cuts))
    if not keep:
        return []
    picked = mmr(keep, scores, texts, n, model.mmr)
    if n >= 2:
        picked = _with_headlines(picked, n, first, cands, model)
    return picked


def _with_headlines(picked: list[tuple[int, str]], n: int, first: list[tuple[float, int, Item]],
                    cands: list[Candidate], model: Model) -> list[tuple[int, str]]:
    """`picked` with the quarter's revenue and EPS among its first `n` lines when the call states them: each missing
    one comes in as its best sentence's best cut that still states it, ahead of the rest; lines repeating its
    figures go."""
    top = [t for _, t in picked[:n]]
    extra: list[tuple[int, str]] = []
    for may_state, states in HEADLINES:
        if any(states(t) for t in top) or any(states(t) for _, t in extra):
            continue
        for _, i, trimmed in first:  # best first
            whole = cands[i].sentence.text
            if not may_state(whole) or any(i == j for j, _ in extra):
                continue
            stating = [(kind, line) for kind, line in lines_of(whole, model, trimmed.text)
                       if states(line) and stands_alone(line)]  # only these are scored: the same pick, 3x cheaper
            if stating:
                extra.append((i, max(stating, key=lambda kl: score_item(_as(trimmed, kl[1]), model, kl[0]))[1]))
                break
    if not extra:
        return picked
    figs = set().union(*(figures_of(t) for _, t in extra))
    rest = [(i, t) for i, t in picked if all(i != j for j, _ in extra) and not figures_of(t) & figs]
    headline = [p for p in rest[:n] if any(states(p[1]) for _, states in HEADLINES)]  # those already in stay in
    return extra + headline + [p for p in rest if p not in headline]


def mmr(index: list[int], scores: list[float], texts: list[str], n: int, lam: float) -> list[tuple[int, str]]:
    """Greedy maximal marginal relevance over the best few: score minus `lam` x overlap with the picks.

    A near-repeat of a pick (the CFO restating the CEO's EPS), or any line stating a figure a pick states, is never
    picked."""
    pool = sorted(range(len(index)), key=lambda k: -scores[k])[: max(4 * n + 10, 20)]
    bags = {k: {w for w in _BAG.findall(texts[k][:_MAX_SENTENCE_CHARS].lower()) if w not in _STOP} for k in pool}
    figs = {k: figures_of(texts[k][:_MAX_SENTENCE_CHARS]) for k in pool}
    stated: set[str] = set()
    picked: list[int] = []
    red = dict.fromkeys(pool, 0.0)  # each line's largest overlap with a pick, updated as picks come (max: exact)
    while pool and len(picked) < n + 10:  # a few spares for a word budget
        best, best_val = -1, float("-inf")
        for k in list(pool):
            if figs[k] & stated:
                pool.remove(k)  # it states a figure a pick states: never twice in one summary
                continue
            if red[k] >= _DUPLICATE:
                pool.remove(k)
                continue
            val = scores[k] - lam * red[k]
            if val > best_val:
                best, best_val = k, val
        if best < 0:
            break
        picked.append(best)
        stated |= figs[best]
        pool.remove(best)
        new = bags[best]
        for k in pool:
            b = bags[k]
            if b:
                r = len(b & new) / len(b)
                if r > red[k]:
                    red[k] = r
    return [(index[k], texts[k]) for k in picked]
