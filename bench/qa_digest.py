"""Q&A digest quality over the 1,079 Motley Fool dataset calls: each question paired with its own reply.

Ground truth is the dataset's own turns (`q_and_a`: who spoke, in order) and its participants list (who is an
analyst); the digest is made by the product path (`parse_bytes`, `sentences_of`, `qa_exchanges`). Every digest
sentence is located in the dataset's turns by its text (in call order, whitespace collapsed), so the measures
never trust the parser's own turn boundaries or roles. Definitions:

- *Courtesy only.* A question is courtesy only when it has no content word, or just one and no question mark.
  Content words are numbers and words of three or more letters that are not stop words, not part of a call
  participant's name, and not in this module's `COURTESY_WORDS` (greetings, thanks, congratulations, "can you
  hear me", "two questions", "helpful" ...): "Nice quarter, congrats." and "Can you hear me?" are courtesy only,
  "On pricing?" and "15%?" are not. Share = courtesy-only questions / every question the digest shows (main
  questions and follow-ups).
- *The reply to a question.* The dataset turns after the turn holding the question's last sentence, up to
  (not including) the next operator turn or the next analyst turn that is not courtesy only (an analyst's
  "Okay." or "Thanks." does not end the reply; speakers the participants list does not name count as the
  company's side unless their turn asks something, i.e. holds a '?' and is not courtesy only).
- *Opens with its reply.* The gist's first sentence lies in a turn of that reply. *Wholly from it.* Every gist
  sentence does. Shares are over the digest entries (main and follow-up) that show a gist; an entry whose
  question or gist cannot be located counts as a miss.
- *Analysts covered.* Analysts (participants list: "-- Analyst") with at least one Q&A turn that is not
  courtesy only; covered when a digest question (main or follow-up) lies in one of their turns.

Bars (issue 10): courtesy <= 0.02, opens with its reply >= 0.95, wholly from it >= 0.90, analysts covered >= 0.97.

`--layout text|html|name|seeking-alpha|streetevents|callstreet` reads each call rendered as that provider's page
(the parser benchmark's renderings) instead of its JSON: the same ground truth, through the product's text parsers.

Run: python -m bench.qa_digest [--limit N] [--show N] [--layout L]
"""
from __future__ import annotations

import argparse
import json
import re
import time
from dataclasses import dataclass, field
from pathlib import Path

from bench import shared_data_or_exit

BARS = {"courtesy": (0.02, "<="), "opens": (0.95, ">="), "wholly": (0.90, ">="), "covered": (0.97, ">=")}
_STOP = frozenset("""a about above after again all also am an and any are as at be because been before being below
between both but by can could did do does doing down during each few for from further had has have having he her
here hers him his how i if in into is it its itself just me more most my myself no nor not now of off on once only
or other our ours out over own same she should so some such than that the their them then there these they this
those through to too under until up very was we were what when where which while who whom why will with would you
your yours i'm i'd i've i'll we're we've we'll you're you've it's that's there's let's don't can't won't""".split())
# Words a greeting, thanks, congratulations, audibility check or question count is made of.
COURTESY_WORDS = frozenset("""hi hello hey morning afternoon evening everyone everybody guys folks gentlemen ladies
team thanks thank appreciate appreciated congratulations congrats congratulation nice great good strong solid
terrific fantastic excellent impressive job quarter quarters year results result execution print question
questions hear hearing audible okay yes yeah yep sure alright right perfect got understood helpful useful
color colour detail details clarity two three couple few quick short brief one ones follow followup follow-up
taking take took squeezing fitting allowing opportunity time much lot really super thing things first second
last final next ask asking asked wanted want like love welcome line open well guess maybe fair enough makes
sense clear awesome wonderful cool gotcha ok oh hope doing everything work done congratulate tremendous
better sorry pardon""".split())
_WORD = re.compile(r"[A-Za-z][A-Za-z'’\-]*")
_WS = re.compile(r"\s+")
_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")


def content_words(text: str, names: frozenset[str]) -> list[str]:
    """The words of `text` that count as content under this benchmark's definition (see the module docstring)."""
    out = [n for n in _NUMBER.findall(text)]  # a number always says something ("15%?", "For 2020?")
    for w in _WORD.findall(text):
        lw = w.lower().replace("’", "'").strip("'-")
        if len(lw) >= 3 and lw not in _STOP and lw not in COURTESY_WORDS and lw not in names:
            out.append(lw)
    return out


def courtesy_only(text: str, names: frozenset[str]) -> bool:
    """No content word, or one and no question mark: a greeting, thanks, congratulations, 'can you hear me'."""
    n = len(content_words(text, names))
    return n == 0 or (n == 1 and "?" not in text)


def _norm(text: str) -> str:
    return _WS.sub(" ", text).strip()


@dataclass
class Truth:
    """The dataset's turns of one call: speaker, role (analyst, operator, executive or None), text; which are Q&A."""

    turns: list[tuple[str, str | None, str]]
    names: frozenset[str]
    in_qa: list[bool]
    flat: str = ""
    starts: list[int] = field(default_factory=list)

    def __post_init__(self) -> None:
        parts, pos = [], 0
        for _, _, text in self.turns:
            self.starts.append(pos)
            t = _norm(text)
            parts.append(t)
            pos += len(t) + 1
        self.flat = " ".join(parts)

    def turn_at(self, offset: int) -> int:
        lo, hi = 0, len(self.starts) - 1
        while lo < hi:
            mid = (lo + hi + 1) // 2
            if self.starts[mid] <= offset:
                lo = mid
            else:
                hi = mid - 1
        return lo

    def asks(self, k: int) -> bool:
        """Turn k ends a reply: the operator, or an analyst (or unnamed speaker with a '?') saying more than courtesy."""
        _, role, text = self.turns[k]
        if role == "operator":
            return True
        if role == "analyst":
            return not courtesy_only(text, self.names)
        return role is None and "?" in text and not courtesy_only(text, self.names)

    def reply(self, q: int) -> set[int]:
        """The turns of the reply to a question asked in turn q (analyst and operator turns excluded)."""
        out = set()
        for k in range(q + 1, len(self.turns)):
            if self.asks(k):
                break
            if self.turns[k][1] not in ("analyst", "operator"):
                out.add(k)
        return out


def truth_of(data: dict, name: str) -> Truth:
    """The dataset's turns with roles from the participants list ('-- Analyst'), the operator by name."""
    from bench.parser_accuracy import truth

    turns, parts = truth(data, name)
    names = set()
    for n in list(parts) + [sp for sp, _, _ in turns]:
        names.update(w.lower().strip(".,'’") for w in n.replace("-", " ").split() if len(w) > 1)
    out, qa = [], []
    for sp, sec, text in turns:
        desc = parts.get(sp)
        if sp.lower().startswith("operator"):
            role = "operator"
        elif desc is None:
            role = None
        elif desc.rstrip().lower().endswith("analyst"):
            role = "analyst"
        else:
            role = "executive"
        out.append((sp, role, text))
        qa.append(sec == "qa")
    return Truth(out, frozenset(names), qa)


@dataclass
class Tally:
    """Counts over all calls, and a few examples of each miss."""

    questions: int = 0
    courtesy: int = 0
    gists: int = 0
    opens: int = 0
    wholly: int = 0
    unlocated: int = 0
    analysts: int = 0
    covered: int = 0
    follow_ups: int = 0
    examples: dict[str, list[str]] = field(default_factory=dict)

    def note(self, kind: str, text: str, show: int) -> None:
        ex = self.examples.setdefault(kind, [])
        if len(ex) < show:
            ex.append(text)


def _entries(ex) -> list[dict]:
    """The digest's question/answer entries of one exchange: the main one, then each follow-up."""
    d = ex.to_json()
    main = {"question": d["question"], "question_positions": d["question_positions"],
            "gist_positions": d["gist_positions"], "gist": d["gist"]}
    fus = d.get("follow_ups")
    return [main] + (list(fus) if isinstance(fus, list) else [])


def _layouts() -> dict:
    """layout name -> (render function or None for the JSON itself, file suffix): the parser benchmark's renderings."""
    from bench import parser_accuracy as pa

    return {"json": (None, ".json"), "text": (pa.render_mf_text, ".txt"), "html": (pa.render_html, ".html"),
            "name": (pa.render_name_text, ".txt"), "seeking-alpha": (pa.render_seeking_alpha, ".txt"),
            "streetevents": (pa.render_streetevents, ".txt"), "callstreet": (pa.render_callstreet, ".txt")}


def score_call(path: Path, tally: Tally, show: int, layout: str = "json") -> None:
    """Add one call's digest to the tally; `layout`: the call as its JSON, or rendered as another provider's page."""
    from bench.parser_accuracy import truth as dataset_turns
    from summarizer.model import sentences_of
    from summarizer.parse import parse_bytes
    from summarizer.qa import qa_exchanges

    raw = path.read_bytes()
    data = json.loads(raw)
    truth = truth_of(data, path.name)
    if not any(truth.in_qa):
        return
    render, suffix = _layouts()[layout]
    if render is not None:
        turns, parts = dataset_turns(data, path.name)
        raw = render(turns, parts, path.name).encode("utf-8")
    tr = parse_bytes(raw, path.stem + suffix)
    ss = sentences_of(tr)
    exchanges = qa_exchanges(tr, ss)
    flat = truth.flat
    where: dict[int, int] = {}  # sentence position -> dataset turn index, located in call order
    cursor = 0
    for s in ss:
        key = _norm(s.text)
        if not key:
            continue
        at = flat.find(key, cursor)
        if at < 0:
            at = flat.find(key)
            if at >= 0:
                where[s.position] = truth.turn_at(at)
            continue
        where[s.position] = truth.turn_at(at)
        cursor = at + len(key)
    asked_in: set[int] = set()
    for ex in exchanges:
        entries = _entries(ex)
        tally.follow_ups += len(entries) - 1
        for e in entries:
            tally.questions += 1
            if courtesy_only(e["question"], truth.names):
                tally.courtesy += 1
                tally.note("courtesy", f"{path.name}: {e['question'][:160]}", show)
            qpos = [p for p in e.get("question_positions") or [] if p in where]
            q_turn = where[qpos[-1]] if qpos else None
            if q_turn is not None:
                asked_in.add(q_turn)
            gpos = e.get("gist_positions") or []
            if not gpos:
                continue
            tally.gists += 1
            if q_turn is None or any(p not in where for p in gpos):
                tally.unlocated += 1
                tally.note("unlocated", f"{path.name}: {e['question'][:100]}", show)
                continue
            reply = truth.reply(q_turn)
            turns = [where[p] for p in gpos]
            if turns[0] in reply:
                tally.opens += 1
            else:
                tally.note("opens", f"{path.name}: Q {e['question'][:120]!r} / gist {e['gist'][:120]!r}", show)
            if all(t in reply for t in turns):
                tally.wholly += 1
            elif turns[0] in reply:
                tally.note("wholly", f"{path.name}: Q {e['question'][:120]!r} / gist {e['gist'][:160]!r}", show)
    by_analyst: dict[str, list[int]] = {}
    for k, (sp, role, text) in enumerate(truth.turns):
        if truth.in_qa[k] and role == "analyst" and not courtesy_only(text, truth.names):
            by_analyst.setdefault(sp, []).append(k)
    for sp, ks in by_analyst.items():
        tally.analysts += 1
        if asked_in.intersection(ks):
            tally.covered += 1
        else:
            tally.note("covered", f"{path.name}: {sp}: {truth.turns[ks[0]][2][:140]}", show)


def figures(t: Tally) -> dict[str, float]:
    """The four shares the bars apply to."""
    return {"courtesy": t.courtesy / max(1, t.questions), "opens": t.opens / max(1, t.gists),
            "wholly": t.wholly / max(1, t.gists), "covered": t.covered / max(1, t.analysts)}


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--limit", type=int, default=0, help="Only the first N calls (by file name).")
    ap.add_argument("--show", type=int, default=5, help="Examples printed of each kind of miss.")
    ap.add_argument("--layout", default="json", choices=sorted(_layouts()),
                    help="Read each call as its JSON (default) or rendered as another provider's page.")
    args = ap.parse_args()
    root = shared_data_or_exit("Q&A digest") / "transcripts" / "motleyfool-json"
    files = sorted(root.glob("*.json"))[: args.limit or None]
    tally = Tally()
    t0 = time.process_time()
    for f in files:
        score_call(f, tally, args.show, args.layout)
    cpu = time.process_time() - t0
    shares = figures(tally)
    print(f"{len(files)} calls ({args.layout}), {tally.questions} digest questions ({tally.follow_ups} follow-ups), "
          f"{tally.gists} gists, {tally.analysts} analysts who asked something; {cpu:.1f} s CPU")
    labels = {"courtesy": "questions that are courtesy only", "opens": "gists opening with their own reply",
              "wholly": "gists wholly from their own reply", "covered": "analysts covered"}
    ok_all = True
    for k, v in shares.items():
        bar, op = BARS[k]
        ok = v <= bar if op == "<=" else v >= bar
        ok_all &= ok
        print(f"  {labels[k]:<36} {v:.4f}  (bar {op} {bar}: {'ok' if ok else 'MISSED'})")
    print(f"  entries whose question or gist was not found in the dataset's turns: {tally.unlocated}")
    for kind, ex in tally.examples.items():
        print(f"\nexamples ({kind}):")
        for x in ex:
            print("  - " + x)
    print("\nall bars met" if ok_all else "\nsome bars MISSED")


if __name__ == "__main__":
    main()
