"""Parser accuracy and speed on the 1,079 Motley Fool dataset calls rendered three ways.

Each call's JSON is rendered as (a) a Motley Fool text page, (b) a Motley Fool-like HTML page with
navigation, scripts, ads, related links and a footer around the article, (c) a plain `Name: text` dump
with no headers and no titles. Each rendering is parsed with `parse_bytes`; a parsed turn counts as
right when its speaker (same name, or a fuller spelling of it) and its section match the dataset's.
Dataset turns that are not speech (the trailing 'Duration: N minutes' entry, empty speeches, section
headers recorded as speakers) are left out of the truth. Run: python -m bench.parser_accuracy [--limit N]
"""
from __future__ import annotations

import argparse
import html as htmlmod
import json
import time
from difflib import SequenceMatcher
from pathlib import Path

from bench import shared_data_or_exit
from summarizer.parse import parse_bytes
from summarizer.parse.jsonfmt import _FILE_PERIOD, _speech_lines
from summarizer.parse.speakers import name_key


def truth(data: dict, name: str) -> tuple[list[tuple[str, str, str]], dict[str, str]]:
    """[(speaker, section, text)] and {name: 'Title' or 'Firm -- Analyst'} from the dataset JSON."""
    turns = [(s, "prepared", t) for s, t in _speech_lines(data.get("prepared_remarks"), name, "p")]
    turns += [(s, "qa", t) for s, t in _speech_lines(data.get("q_and_a"), name, "q")]
    parts = {}
    for p in data.get("participants") or []:
        n, _, rest = p.partition("--")
        if n.strip():
            parts[n.strip()] = rest.strip()
    return turns, parts


def _title(name: str) -> str:
    m = _FILE_PERIOD.search(name)
    t = m["t"].upper() if m else "XYZ"
    return f"{t} Holdings Inc ({t}) Q{m['q'] if m else 1} {m['y'] if m else 2021} Earnings Call Transcript"


def render_mf_text(turns, parts, name: str) -> str:
    out = [_title(name), "", "Contents:", "", "Prepared Remarks:", "Questions and Answers:", "Call participants:", "",
           "Prepared Remarks:", ""]
    section = "prepared"
    for sp, sec, text in turns:
        if sec != section:
            out += ["Questions and Answers:", ""]
            section = sec
        label = f"{sp} -- {parts[sp]}" if parts.get(sp) else sp
        out += [label, ""] + [p for para in text.split("\n") for p in (para, "")]
    out += ["Duration: 45 minutes", "", "Call participants:", ""]
    out += [f"{n} -- {r}" if r else n for n, r in parts.items()]
    out += ["", "More analysis", "All earnings call transcripts"]
    return "\n".join(out)


def render_html(turns, parts, name: str) -> str:
    e = htmlmod.escape
    body = [f"<h1>{e(_title(name))}</h1>", "<h2>Prepared Remarks:</h2>"]
    section = "prepared"
    for sp, sec, text in turns:
        if sec != section:
            body.append("<h2>Questions and Answers:</h2>")
            section = sec
        role = parts.get(sp)
        label = f"<strong>{e(sp)}</strong> -- <em>{e(role)}</em>" if role else f"<strong>{e(sp)}</strong>"
        body.append(f"<p>{label}</p>")
        body += [f"<p>{e(p)}</p>" for p in text.split("\n") if p.strip()]
    body.append("<h2>Call participants:</h2><ul>")
    body += [f"<li><strong>{e(n)}</strong> -- <em>{e(r)}</em></li>" if r else f"<li>{e(n)}</li>" for n, r in parts.items()]
    body.append("</ul>")
    return (
        "<!DOCTYPE html><html><head><title>" + e(_title(name)) + " | The Motley Fool</title>"
        "<script>window.dataLayer=[];function track(){return 'Operator: not a turn'}</script>"
        "<style>.ad{display:block}</style></head><body>"
        "<header class='site-header'><nav><a href='/'>Home</a> <a href='/investing'>Investing</a> "
        "<a href='/markets'>Markets</a></nav></header>"
        "<div class='ad banner'>Advertisement: Jane Trader -- Best Brokers -- Analyst says buy now</div>"
        "<main><article class='article-body'>" + "\n".join(body) + "</article>"
        "<aside class='related'><h3>Related Articles</h3><ul><li>Why Robots Are Hot: Operator demand soars</li></ul></aside>"
        "</main><div id='newsletter-signup'>Subscribe: John Smith -- Editor</div>"
        "<footer><p>Copyright 2021 The Motley Fool. All rights reserved.</p></footer>"
        "<script>console.log('Prepared Remarks:')</script></body></html>"
    )


def render_name_text(turns, parts, name: str) -> str:
    out = []
    for sp, _sec, text in turns:
        paras = [p for p in text.split("\n") if p.strip()]
        out.append(f"{sp}: {paras[0]}" if paras else f"{sp}:")
        out += [""] + [p for para in paras[1:] for p in (para, "")]
        out.append("")
    return "\n".join(out)


def same_speaker(parsed: str, gold: str) -> bool:
    a, b = name_key(parsed), name_key(gold)
    if a == b:
        return True
    return bool(b) and bool(a) and set(b) <= set(a) and a[-1] == b[-1]


def score(parsed_turns, gold_turns) -> tuple[int, int]:
    """Align parsed to gold turns by text and count those with the right speaker and section."""
    pk = [" ".join(t.text.split())[:80] for t in parsed_turns]
    gk = [" ".join(g[2].split())[:80] for g in gold_turns]
    sm = SequenceMatcher(None, gk, pk, autojunk=False)
    right = 0
    for a, b, size in sm.get_matching_blocks():
        for i in range(size):
            g, p = gold_turns[a + i], parsed_turns[b + i]
            right += same_speaker(p.speaker, g[0]) and p.section == g[1]
    return right, len(gold_turns)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--limit", type=int, default=0)
    ap.add_argument("--skip-no-qa", action="store_true", help="leave out calls whose JSON has no q_and_a list")
    ap.add_argument("--show", type=int, default=0, help="print N mismatching calls per format")
    args = ap.parse_args()
    files = sorted((shared_data_or_exit("parser accuracy") / "transcripts" / "motleyfool-json").glob("*.json"))
    if args.limit:
        files = files[: args.limit]
    renderers = {"motley-fool text": (render_mf_text, ".txt"), "html page": (render_html, ".html"),
                 "Name: text": (render_name_text, ".txt")}
    calls = []
    for f in files:
        data = json.loads(f.read_text(encoding="utf-8"))
        turns, parts = truth(data, f.name)
        if turns and (data.get("q_and_a") or not args.skip_no_qa):
            calls.append((f.stem, turns, parts))
    print(f"{len(calls)} calls, {sum(len(c[1]) for c in calls)} dataset turns"
          + (" (calls whose dataset entry has no Q&A list left out: their Q&A turns are filed as prepared)" if args.skip_no_qa else ""))
    print(f"{'format':18} {'speaker+section':>16} {'firm of analysts':>17} {'calls/s':>8}")
    for label, (render, ext) in renderers.items():
        docs = [(stem, render(turns, parts, stem).encode("utf-8"), turns, parts) for stem, turns, parts in calls]
        right = total = firm_ok = firm_n = 0
        shown = 0
        t0 = time.perf_counter()
        parsed_all = [parse_bytes(doc, stem + ext) for stem, doc, _, _ in docs]
        elapsed = time.perf_counter() - t0
        for (stem, _doc, turns, parts), tr in zip(docs, parsed_all):
            r, n = score(tr.turns, turns)
            right, total = right + r, total + n
            for t in tr.turns:
                gold = parts.get(t.speaker, "")
                if gold.endswith("Analyst") and "--" in gold:
                    firm_n += 1
                    firm_ok += (t.firm or "").strip() == gold.rsplit("--", 1)[0].strip()
            if r < n and shown < args.show:
                shown += 1
                print(f"  {stem}: {r}/{n}")
        print(f"{label:18} {right / total:16.2%} {firm_ok / max(firm_n, 1) if label != 'Name: text' else float('nan'):17.2%} "
              f"{len(docs) / elapsed:8.0f}")


if __name__ == "__main__":
    main()
