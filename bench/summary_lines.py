"""Summary lines that stay true when cut: the share of default-summary lines with each defect, over ECTSum val.

Each val call goes through the product path (`evaluate.as_call`, `summarize`, 5 sentences by default) and every
line is checked against the call sentence it was cut from. Definitions (a line may have several defects; the
headline share counts a line once):

- *Dangling end.* The line's last word needs a continuation: a preposition, article, conjunction, auxiliary
  verb or an approximation word (`DANGLING`: "from.", "to.", "between.", "of the.", "was.", "about.").
- *Opens mid-sentence.* The line starts inside its sentence (after more than an opening "And" / "So":
  `LEAD_CONNECTORS`), and its first word is a word that hangs it on the clause before (`JOINERS`: which,
  although, while, whereas, with, including, driven, compared ...), or is lower case in the call where no
  clause boundary precedes it (a comma, semicolon, colon, dash or bracket, or "and" / "but" / "or" / "so").
- *Unbalanced.* Its brackets ( ) [ ] { } or double quotes (“ ” or an odd number of ") do not pair up.
- *Repeats a figure.* It states a figure an earlier line of the same summary states: a number with a currency
  sign, a percent, a decimal point or a scale word ("$0.55", "13%", "1.2 billion"), compared as written
  without commas; years and bare small integers are not figures.

- *Loses its qualifier* (reported beside the four): the line starts inside its sentence and what it leaves out
  names a period, basis or segment the line does not ("For the full year, GAAP EPS was $1.29." shown as "GAAP
  EPS was $1.29."); a heading such as "By segment:" names no part, "the quarter" / "this quarter" is the call's
  own, and an opening reason ("Based on results for the first nine months,") says why, not which period.

Bar (issue 10): <= 0.01 of lines with one of the first four defects. Examples of each defect are printed.

Run: python -m bench.summary_lines [--split val] [--sentences 5] [--show 5]
"""
from __future__ import annotations

import argparse
import re
import time

from bench import shared_data_or_exit

BAR = 0.01
DANGLING = frozenset("""a an the of to from between by with at in on for into onto versus vs than and or but nor
as per about around approximately roughly nearly almost over under within without toward towards through via
is was were are be been being will would should could can may might has have had our its their your his her
this these those which whose whereas while although though because including excluding like plus minus
compared relative""".split())
JOINERS = frozenset("""which who whom whose where whereby although though whereas while with because since including
excluding resulting driven offset partially partly primarily mainly largely mostly compared versus vs plus as
reflecting representing bringing leading contributing led helped due up down or nor to from""".split())
# Words a sentence may open with that a line leaves out without cutting into the sentence ("And so, revenue...").
LEAD_CONNECTORS = frozenset("and so but now also then well again plus or okay ok yes yeah".split())
_FIRST_WORD = re.compile(r"[^A-Za-z0-9]*([A-Za-z0-9][\w'’-]*)")
_FIGURE = re.compile(r"(?:[$€£¥]\s?\d[\d,]*(?:\.\d+)?|\d[\d,]*\.\d+|\d[\d,]*(?:\.\d+)?\s?(?:%|percent\b|basis points\b|bps\b)"
                     r"|\d[\d,]*(?:\.\d+)?\s(?:million|billion|thousand|trillion)\b)", re.IGNORECASE)
_PAIRS = (("(", ")"), ("[", "]"), ("{", "}"), ("“", "”"))


def dangling_end(line: str) -> bool:
    """The last word needs a continuation ('Comp sales were up 6.1% from.'); 'SG&A.' and '$0.55.' end fine."""
    words = line.split()
    return bool(words) and words[-1].strip(".,;:!?\"“”'’()[]").lower() in DANGLING


def _start_in(line: str, sentence: str) -> int:
    """Where the line starts in its sentence: its first three words found there (the line may have a capital first
    letter, a full stop and gaps); 0 when they are not found."""
    ws = [w.strip(".,;:!?\"“”()") for w in line.split()[:3]]
    ws = [w for w in ws if w]
    if not ws:
        return 0
    m = re.search(r"(?<!\w)" + r"\W+".join(map(re.escape, ws)) + r"(?!\w)", sentence, re.IGNORECASE)
    return m.start() if m else 0


def opens_mid_sentence(line: str, sentence: str) -> bool:
    """A cut that starts inside its sentence on a lower-case word or a word joining it to what came before."""
    start = _start_in(line, sentence)
    before = {w.lower() for w in re.findall(r"[A-Za-z]+", sentence[:start])}
    if not before or before <= LEAD_CONNECTORS:
        return False  # the whole sentence, or all of it but an opening "And" / "So": no cut inside it
    m = _FIRST_WORD.match(sentence, start)
    if m is None:
        return False
    word = m.group(1)
    if word.lower() in JOINERS:
        return True  # "which is around $40 million", "while sales fell": hangs on the clause before
    before = sentence[:start].rstrip()
    at_boundary = before.endswith((",", ";", ":", "—", "–", "-", "(")) or \
        re.search(r"\b(?:and|but|or|so|yet)$", before, re.IGNORECASE) is not None
    return word[:1].islower() and not at_boundary


# What makes a figure true when said before it: its period, its accounting basis, its segment or region.
_QUALIFIER = re.compile(
    r"\b(?:quarters?|years?|annual|fiscal|fy|q[1-4]|half|months|ytd|year-to-date|(?:19|20)\d{2}|gaap|non-gaap|adjusted|"
    r"organic(?:ally)?|constant currency|excluding|segments?|divisions?|business(?:es)?|regions?)\b", re.IGNORECASE)


_HEADING = re.compile(r"\bby (?:segments?|regions?|business(?:es)?)\b", re.IGNORECASE)
_OWN_QUARTER = re.compile(r"\b(?:the|this) quarter\b(?![\s-]+(?:of|ended|ending|to))", re.IGNORECASE)
_REASON = re.compile(r"^\W*(?:based on|given|taking into account|thanks to|as a result of|because of|despite|in light of)\b[^,;]*",
                     re.IGNORECASE)


def loses_qualifier(line: str, sentence: str) -> bool:
    """The line starts inside its sentence and what it leaves out before it names a period, basis or segment that
    the line itself does not ('For the full year, GAAP EPS was $1.29' shown as 'GAAP EPS was $1.29.')."""
    start = _start_in(line, sentence)
    before = _HEADING.sub(" ", sentence[:start])  # "By segment:" announces parts, names none
    before = _OWN_QUARTER.sub(" ", _REASON.sub(" ", before))  # the call's own quarter; a reason says why, not which
    dropped = {m.group(0).lower() for m in _QUALIFIER.finditer(before)}
    kept = {m.group(0).lower() for m in _QUALIFIER.finditer(line)}
    return bool(dropped - kept)


def unbalanced(line: str) -> bool:
    """Brackets or double quotes that do not pair up."""
    for o, c in _PAIRS:
        depth = 0
        for ch in line:
            if ch == o:
                depth += 1
            elif ch == c:
                depth -= 1
                if depth < 0:
                    return True
        if depth:
            return True
    return line.count('"') % 2 == 1


def figures_of(line: str) -> set[str]:
    """The figures a line states, normalised ('$1,200' and '$1200' alike; '13 %' as '13%')."""
    return {re.sub(r"[\s,]", "", m.group(0).lower()).replace("percent", "%") for m in _FIGURE.finditer(line)}


def defects(lines: list[str], sentences: list[str]) -> list[set[str]]:
    """Each line's defects: 'dangling', 'mid-sentence', 'unbalanced', 'repeat', 'qualifier'."""
    out: list[set[str]] = []
    seen: set[str] = set()
    for line, sentence in zip(lines, sentences):
        d = set()
        if dangling_end(line):
            d.add("dangling")
        if opens_mid_sentence(line, sentence):
            d.add("mid-sentence")
        if unbalanced(line):
            d.add("unbalanced")
        if loses_qualifier(line, sentence):
            d.add("qualifier")
        figs = figures_of(line)
        if figs & seen:
            d.add("repeat")
        seen |= figs
        out.append(d)
    return out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--split", default="val")
    ap.add_argument("--sentences", type=int, default=5)
    ap.add_argument("--show", type=int, default=5, help="Examples printed of each defect.")
    ap.add_argument("--limit", type=int, default=0)
    args = ap.parse_args()
    root = shared_data_or_exit("summary lines") / "ectsum" / args.split
    from summarizer.evaluate import as_call, load_ectsum
    from summarizer.summarize import summarize

    docs = load_ectsum(root, limit=args.limit or None)
    kinds = ("dangling", "mid-sentence", "unbalanced", "repeat", "qualifier")
    counts = dict.fromkeys(kinds, 0)
    examples: dict[str, list[str]] = {k: [] for k in kinds}
    n_lines = bad = bad_any = 0
    t0 = time.process_time()
    for doc in docs:
        tr, sents = as_call(doc)
        summ = summarize(tr, sents, n_sentences=args.sentences)
        lines = [s.text for s in summ.sentences]
        sources = [sents[s.position].text for s in summ.sentences]
        for line, found in zip(lines, defects(lines, sources)):
            n_lines += 1
            bad += bool(found - {"qualifier"})
            bad_any += bool(found)
            for k in found:
                counts[k] += 1
                if len(examples[k]) < args.show:
                    src = sents[summ.sentences[len(examples[k]) * 0 + lines.index(line)].position].text
                    examples[k].append(f"{doc.name}: {line}" + (f"\n      from: {src}" if src != line else ""))
    cpu = time.process_time() - t0
    share = bad / max(1, n_lines)
    print(f"ECTSum {args.split}: {len(docs)} calls, {n_lines} lines at {args.sentences} sentences; {cpu:.1f} s CPU")
    for k in kinds:
        print(f"  {k:<13} {counts[k]:>4} lines  {counts[k] / max(1, n_lines):.4f}")
    print(f"  defective     {bad:>4} lines  {share:.4f}  (the first four; bar <= {BAR}: {'ok' if share <= BAR else 'MISSED'})")
    print(f"  any of five   {bad_any:>4} lines  {bad_any / max(1, n_lines):.4f}")
    for k in kinds:
        if examples[k]:
            print(f"\nexamples ({k}):")
            for x in examples[k]:
                print("  - " + x)


if __name__ == "__main__":
    main()
