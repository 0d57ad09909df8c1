"""How well the key figures cover what ECTSum's reference summaries report, and whether they say it right.

For each ECTSum call (val by default), every number in its reference bullets that the call itself states is looked
for among the numbers of the call's figures (value, change, previous guidance). Set aside, as not figures: years,
quarter digits and the year after them ("q4", "4q18", "q4-21"), dates ("march 31", "oct. 20"), "tier 1", "2-for-1", durations ("5 years"), a bare
single digit with no unit, and numbers the call never says (consensus estimates). A number is matched with its
scale ("$3.3 billion" is not "$3.30"; a range's low end takes its high end's: "$170 to $210 million"):

- found: among all the call's figures; top 8: among the 8 best-ranked figures;
- kind right: when found, the best-ranked figure holding it is guidance exactly when the bullet says sees,
  expects, outlook, guidance, forecast, targets, view, anticipates, projects, on track, plans to, intends to,
  will or believes (a bullet that mixes a result with a guidance change counts as guidance: a limit). Printed
  beside it, the same judged on the number's own clause: a bullet's clauses part at '; ', at two press-release lines
  glued together ('$1.65.2021') and at a comma before a guidance verb (', affirms 2021 outlook'); a number is
  guidance when its clause or an earlier one says so. The kind misses shown are this reading's;
- guidance direction: for bullets that say raises / lowers / narrows / reaffirms (maintains, reiterates, affirms)
  guidance, the matching guidance figure's `direction` agrees (the figure holding the bullet's number, else the
  best-ranked guidance figure of the metric the bullet names, else the best-ranked guidance figure).

Each call goes through the product path (`summarizer.evaluate.as_call`: parsed text, one sentence a line, the
file name as the call's period). Prints each figure with its bar, and CPU time. `--show N` prints N misses of
each kind, for error analysis (on train: never tune a rule to a val example).

Run: python -m bench.figures_recall [--split val|train] [--limit N] [--skip N] [--show N]
"""
from __future__ import annotations

import argparse
import re
import time
from dataclasses import dataclass, field

from bench import shared_data_or_exit

BARS = {"found": 0.95, "top8": 0.80, "kind": 0.97, "direction": 0.85}
# a number with the scale word after it ('$3.3 billion' is not '$3.30'); digits glued to letters ('q4', 'fy22',
# 'covid-19') are not numbers
_NUM = re.compile(r"(?<![A-Za-z\d.,])(?<![A-Za-z]-)(?P<n>(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?)(?![\d])"
                  r"(?:\s?(?P<s>trillion|billion|million|thousand|bln|mln|bn|mn|tn)\b)?", re.I)
_SCALE = {"trillion": "t", "tn": "t", "billion": "b", "bln": "b", "bn": "b", "million": "m", "mln": "m", "mn": "m",
          "thousand": "k"}
_YEAR = re.compile(r"(?:19|20)\d\d")
_RANGE_GAP = re.compile(r"\s*(?:to|-|–|and)\s*\$?\s*", re.I)
_GUIDE = re.compile(r"\b(?:sees|see|expect\w*|outlook|guid\w*|forecast\w*|target\w*|view|anticipat\w*|"
                    r"project(?:s|ed|ing|ion|ions)?|on track|plans? (?:to|on)|intends? to|will|believes?)\b")
# a bullet on a guidance change: the verb within six words of a guidance noun ('raises fy eps view', 'guidance range
# raised to'); 'an increase of 21%' or 'expects increased costs' is not one
_NOUN = r"(?:guidance|outlook|forecast|view|target|range|expectations?)"
# where a bullet's clauses part: '; ', two press-release lines glued ('q3 eps $1.65.2021 guidance raised'), and a
# comma before a guidance verb ('reports q4 eps of $1.22, affirms 2021 outlook')
_CLAUSE_BREAK = re.compile(r";\s*|(?<=\d\.\d)\.(?=[a-z0-9])|(?<=\d\.\d\d)\.(?=[a-z0-9])|,\s*(?:and\s+)?(?=(?:re)?affirms|raises|sees|"
                           r"initiates|lowers|maintains|reiterates|updates|narrows|expects|cuts|boosts)\b")
_DIRECTION = tuple((d, re.compile(rf"\b(?:{v})\b(?:\W+\w+){{0,6}}?\W+{_NOUN}\b|\b{_NOUN}\b(?:\W+\w+){{0,6}}?\W+(?:{v})\b"))
                   for d, v in (("raised", r"rais(?:es|ed|ing|e)|increas(?:es|ed|ing)|lift(?:s|ed|ing)|boost(?:s|ed|ing)|ups|upped"),
                                ("lowered", r"lower(?:s|ed|ing)|cuts|cutting|reduc(?:es|ed|ing)|trim(?:s|med|ming)"),
                                ("narrowed", r"narrow(?:s|ed|ing)|tighten(?:s|ed|ing)"),
                                ("reaffirmed", r"reaffirm(?:s|ed|ing)?|re-affirm\w*|affirm(?:s|ed|ing)?|maintain(?:s|ed|ing)?|"
                                               r"reiterat(?:es|ed|ing)|confirm(?:s|ed|ing)?")))
_METRIC_WORDS = (("eps", re.compile(r"earnings per share|\beps\b|per share")), ("revenue", re.compile(r"\brevenues?\b|\bsales\b")),
                 ("ffo", re.compile(r"\bffo\b")), ("ebitda", re.compile(r"\bebitda\b")), ("margin", re.compile(r"\bmargin")))


_MONTH = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?"
_NOT_FIGURE_BEFORE = re.compile(rf"(?:{_MONTH}\s+|\b(?:tier|priority|phase|no\.?|number|class|level|top|section|page|slide)\s+"
                                r"|\b(?:q[1-4]|[1-4]q|h[12]|fy)[-']'?)$", re.I)
_NOT_FIGURE_AFTER = re.compile(r"^(?:-(?:for|year|month|day|week|quarter)\b|\s*(?:years?|months?|weeks?|days?)\b|(?:st|nd|rd|th)\b)",
                               re.I)


def numbers(text: str, figures_only: bool = False) -> list[str]:
    """The numbers of a text as 'number|scale', commas and trailing zeros dropped ('$1,234.50 million' ->
    '1234.5|m', '1.50' and '1.5' alike); digits glued to letters ('q4', 'fy22', 'covid-19') are not numbers.
    `figures_only`: also set aside what is no figure: dates ('march 31'), 'tier 1', '2-for-1', '5 years', and a
    bare single digit with no unit ('priority 1 automotive')."""
    out = []
    found = list(_NUM.finditer(text))
    for k, m in enumerate(found):
        if figures_only:
            before, after = text[max(0, m.start() - 12):m.start()], text[m.end():m.end() + 12]
            bare = not m["s"] and not re.match(r"\s?(?:%|percent|cents?|basis|bps|points?|x\b|times)", after, re.I) \
                and not before.endswith("$") and not before.rstrip().endswith("$")
            if _NOT_FIGURE_BEFORE.search(before) or _NOT_FIGURE_AFTER.match(after) or \
                    (bare and re.fullmatch(r"\d", m["n"])):
                continue
        n = m["n"].replace(",", "")
        n = n.rstrip("0").rstrip(".") if "." in n else n
        scale = m["s"]
        if not scale and k + 1 < len(found) and found[k + 1]["s"] and \
                _RANGE_GAP.fullmatch(text, m.end(), found[k + 1].start()):
            scale = found[k + 1]["s"]  # "$170 to $210 million": the low end is in millions too
        out.append(f"{n}|{_SCALE.get((scale or '').lower(), '')}")
    return out


def figure_numbers(f) -> set[str]:
    """The numbers a figure holds: in its value, its change clause, what it is compared with, the previous guidance."""
    return {n for part in (f.value, f.change or "", f.compared_to or "", f.previous or "") for n in numbers(part)}


@dataclass
class Tally:
    total: int = 0
    found: int = 0
    top8: int = 0
    kind_n: int = 0
    kind_ok: int = 0
    kind_clause_ok: int = 0  # judged on the clause holding the number (the misses shown are these)
    dir_n: int = 0
    dir_ok: int = 0
    misses: dict[str, list[str]] = field(default_factory=lambda: {"found": [], "top8": [], "kind": [], "direction": []})


def _number_at(text: str, n: str) -> int | None:
    """Where a number ('number|scale', as `numbers` gives it) first stands in a text."""
    for m in _NUM.finditer(text):
        if numbers(m.group(0)) == [n]:
            return m.start()
    return None


def _metric_of(bullet: str) -> str | None:
    for name, rx in _METRIC_WORDS:
        if rx.search(bullet):
            return name
    return None


def _key_matches(key: str, metric: str | None) -> bool:
    if metric is None:
        return True
    return {"eps": key.startswith(("eps", "ffo", "affo")), "revenue": key.startswith("revenue"),
            "ffo": key.startswith(("ffo", "affo")), "ebitda": key.startswith("ebitda"),
            "margin": "margin" in key}[metric]


def score_call(name: str, bullets: list[str], lines: list[str], figs: list, t: Tally) -> None:
    """Add one call's reference numbers to the tally."""
    said = {n for ln in lines for n in numbers(ln)}
    holders = [(f, figure_numbers(f)) for f in figs]
    for b in bullets:
        low = b.lower()
        expect_guidance = bool(_GUIDE.search(low))
        # the clause-level reading: a number is guidance when its clause, or one before it, says so ('sees q3 revenue
        # $2 billion; eps $0.40' is guidance throughout; 'q3 eps $1.65.2021 eps guidance raised' opens with a result)
        breaks = [m.end() for m in _CLAUSE_BREAK.finditer(low)]
        guide_from = next((m.start() for m in _GUIDE.finditer(low)), len(low) + 1)
        clause_start = max([0] + [e for e in breaks if e <= guide_from])
        nums = [n for n in numbers(low, figures_only=True) if not _YEAR.fullmatch(n.split("|")[0])]
        stated = [n for n in nums if n in said]
        metric = _metric_of(low)
        for n in stated:
            t.total += 1
            # the figure the bullet is about: the one holding most of its numbers, of the metric it names, best ranked
            cands = [(i, f, ns) for i, (f, ns) in enumerate(holders) if n in ns]
            best = max(cands, key=lambda c: (sum(x in c[2] for x in stated), _key_matches(c[1].metric_key, metric), -c[0]),
                       default=None)
            hit = best[1] if best is not None else None
            if hit is None:
                t.misses["found"].append(f"{name}: {n} in '{b}'")
                continue
            t.found += 1
            if any(n in ns for _, ns in holders[:8]):
                t.top8 += 1
            else:
                t.misses["top8"].append(f"{name}: {n} in '{b}' (rank {next(i for i, (_, ns) in enumerate(holders) if n in ns) + 1})")
            t.kind_n += 1
            if (hit.kind == "guidance") == expect_guidance:
                t.kind_ok += 1
            at = _number_at(low, n)
            clause_guidance = expect_guidance and (at is None or at >= clause_start)
            if (hit.kind == "guidance") == clause_guidance:
                t.kind_clause_ok += 1
            else:
                t.misses["kind"].append(f"{name}: {n} in '{b}' -> {hit.kind}: {hit.sentence[:160]}")
        want = next((d for d, rx in _DIRECTION if rx.search(low)), None)
        if want is None:
            continue
        guided = [(f, ns) for f, ns in holders if f.kind == "guidance"]
        best = max(guided, key=lambda x: sum(n in x[1] for n in stated), default=None)
        match = best[0] if best is not None and any(n in best[1] for n in stated) else None
        if match is None:
            metric = _metric_of(low)
            acc = "gaap" if re.search(r"\bgaap\b", low) and "non-gaap" not in low else \
                "adjusted" if re.search(r"adjusted|non-gaap|core|operating", low) else None
            cands = [f for f, _ in guided if _key_matches(f.metric_key, metric)]
            match = next((f for f in cands if acc is None or f.accounting == acc), None) or \
                (cands[0] if cands else (guided[0][0] if guided else None))
        t.dir_n += 1
        if match is not None and match.direction == want:
            t.dir_ok += 1
        else:
            got = f"{match.direction} ({match.metric_key} {match.value}: {match.sentence[:140]})" if match else "no guidance"
            t.misses["direction"].append(f"{name}: want {want} in '{b}' -> {got}")


def _ratio(a: int, b: int) -> float:
    return a / b if b else 0.0


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--split", default="val")
    ap.add_argument("--limit", type=int, default=0)
    ap.add_argument("--skip", type=int, default=0, help="Leave out the first N calls (a train slice kept for checking).")
    ap.add_argument("--show", type=int, default=0, help="Print this many misses of each kind.")
    args = ap.parse_args()
    root = shared_data_or_exit("figures recall") / "ectsum" / args.split
    from summarizer.evaluate import as_call, load_ectsum
    from summarizer.figures import extract_figures

    docs = load_ectsum(root, limit=(args.limit + args.skip) if args.limit else None)[args.skip:]
    t = Tally()
    n_figs = 0
    spent = 0.0
    for d in docs:
        tr, ss = as_call(d)
        c0 = time.process_time()
        figs = extract_figures(tr, ss)
        spent += time.process_time() - c0
        n_figs += len(figs)
        score_call(d.name, d.reference, d.lines, figs, t)
    print(f"ECTSum {args.split}: {len(docs)} calls, {t.total} reference numbers the calls state, "
          f"{t.dir_n} reference bullets on a guidance change")
    rows = (("found among the call's figures", "found", t.found, t.total),
            ("found in the top 8", "top8", t.top8, t.total),
            ("kind right (guidance / reported), when found", "kind", t.kind_ok, t.kind_n),
            ("guidance direction agrees", "direction", t.dir_ok, t.dir_n))
    for label, key, a, b in rows:
        r = _ratio(a, b)
        print(f"  {label:<46} {r:6.3f}  ({a}/{b}; bar >= {BARS[key]:.2f}{'' if r >= BARS[key] else ', BELOW'})")
        if key == "kind":
            own = "  judged on the number's own clause"
            print(f"  {own:<46} {_ratio(t.kind_clause_ok, b):6.3f}  "
                  f"({t.kind_clause_ok}/{b}; a bullet's result before its guidance clause is reported)")
    print(f"  {n_figs / max(len(docs), 1):.1f} figures per call; {spent:.1f} s CPU "
          f"({1000 * spent / max(len(docs), 1):.1f} ms per call)")
    if args.show:
        for kind, items in t.misses.items():
            print(f"\n-- missed {kind}: {len(items)}")
            for line in items[: args.show]:
                print("   ", line)


if __name__ == "__main__":
    main()
