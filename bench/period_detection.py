"""Fiscal period of a call pasted without its header: right, left empty, or wrong, on the real calls in ../shared.

For each Motley Fool call whose opening states its period ("welcome to the Acme fourth quarter 2021 earnings
call" in the operator's or the host's first words: that is the truth), the turns are pasted as plain `Name:
text` with no title or header, twice: whole (A), and without the two opening turns (B: the rest of the call
still compares with earlier periods and looks ahead to later ones, but no longer introduces itself). A wrong
period is the failure that matters (the call is then filed under another quarter and its real copy is taken for
a duplicate); an empty one is honest and fixed with `earnings-bot edit` or a later labelled copy. Baseline: the
rule before (the earliest period the text names), in the same run.

Run: python -m bench.period_detection
"""
from __future__ import annotations

import json
import re
import time
from collections import Counter

from bench import shared_data_or_exit

_INTRO = re.compile(r"(?i)(?:welcome\s+(?:everyone\s+|you\s+)?to|joining\s+us\s+(?:for|on)|thank\s+you\s+for\s+joining)[^.]{0,80}?$")


def main() -> None:
    data = shared_data_or_exit("period detection bench")
    from summarizer.parse import meta
    from summarizer.parse.text import parse_text

    counts = {k: Counter() for k in ("A", "B", "A old", "B old")}
    own, old = meta.own_period, meta._quarter
    t0 = time.process_time()
    n = 0
    for f in sorted((data / "transcripts" / "motleyfool-json").glob("*.json")):
        d = json.loads(f.read_text(encoding="utf-8"))
        turns = [(t.get("speaker", ""), t.get("speech", "")) for sec in ("prepared_remarks", "q_and_a") for t in d.get(sec) or []]
        intro = " ".join(x for _, x in turns[:2])[:1500]
        truth = None
        for m in sorted((m for rx in meta._Q_PATTERNS for m in rx.finditer(intro)), key=lambda m: m.start()):
            if _INTRO.search(intro[max(0, m.start() - 120):m.start()]) and \
                    re.match(r"[\s\w]{0,40}(?:earnings|results|conference|call)", intro[m.end():m.end() + 60], re.I):
                truth = meta._period_of(m)
                break
        if truth is None:
            continue
        n += 1
        for label, part in (("A", turns), ("B", turns[2:])):
            text = "\n\n".join(f"{s}: {x}" for s, x in part)
            for suffix, rule in (("", own), (" old", old)):
                meta.own_period = rule
                tr = parse_text(text, "paste.txt")
                got = (tr.fiscal_quarter, tr.fiscal_year)
                counts[label + suffix]["empty" if got == (None, None) else "right" if got == truth else "wrong"] += 1
    meta.own_period = own
    secs = time.process_time() - t0
    print(f"{n} real calls whose opening states their period (each parsed 4 times: {secs:.0f} s CPU)")
    for label, what in (("A", "whole call, no header"), ("B", "without its two opening turns")):
        for suffix, rule in (("", "now"), (" old", "before (earliest period named)")):
            c = counts[label + suffix]
            print(f"{what:32} {rule:31} right {c['right']:4d}  empty {c['empty']:4d}  wrong {c['wrong']:4d}")


if __name__ == "__main__":
    main()
