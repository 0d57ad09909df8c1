"""How many of the numbers in ECTSum's reference summaries the key-figures extractor finds.

For each ECTSum call (val by default), every number in its reference bullets that also appears in the
call's text (years and single digits left out) is looked for among the values of the extracted figures,
and among the top 15 figures only. A guide to whether the extractor sees what analysts report, not a
ROUGE score. Prints recall, the count of figures per call and CPU seconds.

Run: python -m bench.figures_recall [--split val|train] [--limit N]
"""
from __future__ import annotations

import argparse
import re
import time

from bench import shared_data_or_exit

_NUM = re.compile(r"\d+(?:,\d{3})*(?:\.\d+)?")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--split", default="val")
    ap.add_argument("--limit", type=int, default=0)
    args = ap.parse_args()
    root = shared_data_or_exit("figures recall") / "ectsum" / args.split
    from summarizer.figures import extract_figures
    from summarizer.model import Sentence, Transcript, Turn

    files = sorted((root / "ects").glob("*.txt"))[: args.limit or None]
    total = found = found_top = n_figs = 0
    t0 = time.process_time()
    for p in files:
        lines = [x for x in p.read_text(encoding="utf-8").splitlines() if x.strip()]
        tr = Transcript(turns=[Turn("Executive", "executive", text="\n".join(lines))])
        figs = extract_figures(tr, [Sentence(0, i, x) for i, x in enumerate(lines)])
        n_figs += len(figs)
        values = {n.replace(",", "") for f in figs for n in _NUM.findall(f.value)}
        top = {n.replace(",", "") for f in figs[:15] for n in _NUM.findall(f.value)}
        source = " ".join(lines).replace(",", "")
        ref = (root / "gt_summaries" / p.name).read_text(encoding="utf-8")
        for n in (x.replace(",", "") for x in _NUM.findall(ref)):
            if re.fullmatch(r"(?:19|20)\d\d|\d", n) or n not in source:
                continue
            total += 1
            found += n in values
            found_top += n in top
    secs = time.process_time() - t0
    print(f"ECTSum {args.split}: {len(files)} calls, {total} reference numbers present in the calls")
    print(f"found among extracted figure values: {found / max(total, 1):.1%}; among the top 15: "
          f"{found_top / max(total, 1):.1%}; {n_figs / max(len(files), 1):.1f} figures per call; "
          f"{secs:.1f} s CPU ({1000 * secs / max(len(files), 1):.1f} ms per call)")


if __name__ == "__main__":
    main()
