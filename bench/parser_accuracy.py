"""Parser accuracy and speed: the 1,079 Motley Fool dataset calls rendered three ways, and the Xiaomi article.

Each call's JSON is rendered as (a) a Motley Fool text page (title line, Prepared Remarks / Questions and
Answers / Call participants headers, `Name -- Title` and `Name -- Firm -- Analyst` speaker lines), (b) a
Motley Fool-like HTML page with navigation, scripts, ads, related links, comments and a footer around the
article, (c) a plain `Name: text` dump with no headers and no titles (Q&A must be found implicitly), and in the
layouts of other providers: (d) Seeking Alpha (participant blocks of `Name - Title` / `Name - Firm`, names alone
on a line, `Question-and-Answer Session`), (e) Refinitiv StreetEvents (`=`/`-` rules, `* Name` over `Firm - Title`,
numbered `Name, Firm - Title [n]` speaker lines, Definitions and Disclaimer after the call), (f) FactSet CallStreet
as a PDF's text (`Name` over `Title, Company` with the Q / A mark, dotted rules, `Operator: text`). Each rendering
goes through `parse_bytes`, and parsed turns are aligned to the dataset's turns by their text.

What counts as right, i.e. what a correct parser would output (the choices, stated):
- speaker: the dataset's name, or the one spelling the parser settled on for that person when the dataset
  itself spells them two ways (a fuller form such as "C. Kelly Wall" for "Kelly Wall", a known short form
  such as "Greg" for "Gregory", a first name alone that belongs to a single participant);
- section: the dataset's prepared/Q&A split. The calls whose dataset entry has no Q&A speech at all (no
  `q_and_a` list, or one with nothing but the 'Duration' line) have their whole Q&A filed under prepared
  remarks, which no correct parser reproduces: they are reported on their own line, not in the headline;
- truth turns that are not speech are dropped: the 'Duration: N minutes' entry, empty speeches, and the
  page footer ('More XYZ analysis', 'All earnings call transcripts') that the dataset glued onto the last
  speech is cut from it;
- role: analyst when the participants list says "-- Analyst", executive when it gives an executive's title,
  operator for the operator; a description that is only a firm ("Deutsche Bank", about 170 turns, nearly all
  of them analysts) states no side and is not scored; firm: the participants list's firm for analysts, allowing the shorter spoken form an
  operator uses ('Needham' for 'Needham and Company'). The `Name: text` dump carries no titles or firms, so
  its firm figure counts only the analysts to whom the parser gave a firm (from the operator's introduction).

Speed is calls parsed per second of this process's CPU time (parse_bytes only, rendering excluded), so other
work on the machine does not skew it. Run: python -m bench.parser_accuracy [--limit N] [--show N]
"""
from __future__ import annotations

import argparse
import html as htmlmod
import json
import re
import time
from difflib import SequenceMatcher
from pathlib import Path

from bench import shared_data_or_exit
from summarizer.parse import parse_bytes
from summarizer.parse.jsonfmt import _FILE_PERIOD, _speech_lines
from summarizer.parse.speakers import clean_firm, name_key, nickname_of, role_from_title

_FOOTER = re.compile(r"\n*(?:More [A-Z.\-]{1,8} analysis|All earnings call transcripts)\s*$")
_LEAD_LABEL = re.compile(r"^[A-Z][\w.'’\- ]{0,40}:\s+")


def truth(data: dict, name: str) -> tuple[list[tuple[str, str, str]], dict[str, str]]:
    """[(speaker, section, text)] and {name: 'Title' or 'Firm -- Analyst'} from the dataset JSON, non-speech left out."""
    turns = []
    for key, section in (("prepared_remarks", "prepared"), ("q_and_a", "qa")):
        for sp, text in _speech_lines(data.get(key), name, key):
            while True:
                cut = _FOOTER.sub("", text.rstrip())
                if cut == text.rstrip():
                    break
                text = cut
            if text.strip():
                turns.append((sp, section, text))
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
    """A Motley Fool transcript page saved as text."""
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
    """A Motley Fool-like article page: the transcript inside a page full of furniture."""
    e = htmlmod.escape
    body = [f"<h1>{e(_title(name))}</h1>", "<div class='byline'>By Motley Fool Transcribing</div>",
            "<h2>Prepared Remarks:</h2>"]
    section = "prepared"
    for i, (sp, sec, text) in enumerate(turns):
        if sec != section:
            body.append("<h2>Questions and Answers:</h2>")
            section = sec
        role = parts.get(sp)
        label = f"<strong>{e(sp)}</strong> -- <em>{e(role)}</em>" if role else f"<strong>{e(sp)}</strong>"
        body.append(f"<p>{label}</p>")
        body += [f"<p>{e(p)}</p>" for p in text.split("\n") if p.strip()]
        if i == 3:
            body.append("<div class='ad-slot inline-ad'><p>Advertisement</p><p>Operator -- Best Brokers -- Analyst picks</p></div>")
    body.append("<h2>Call participants:</h2><ul>")
    body += [f"<li><strong>{e(n)}</strong> -- <em>{e(r)}</em></li>" if r else f"<li>{e(n)}</li>" for n, r in parts.items()]
    body.append("</ul>")
    return (
        "<!DOCTYPE html><html><head><meta charset='utf-8'><title>" + e(_title(name)) + " | The Motley Fool</title>"
        "<script>window.dataLayer=[];function track(){return 'Operator: not a turn'}</script>"
        "<style>.ad{display:block}</style></head><body>"
        "<header class='site-header'><nav><a href='/'>Home</a> <a href='/investing'>Investing</a> "
        "<a href='/markets'>Markets</a></nav></header>"
        "<div class='ad banner'>Advertisement: Jane Trader -- Best Brokers -- Analyst says buy now</div>"
        "<main><article class='article-body'>" + "\n".join(body) + "</article>"
        "<aside class='related'><h3>Related Articles</h3><ul><li>Why Robots Are Hot: Operator demand soars</li></ul></aside>"
        "<section class='comments'><h3>12 Comments</h3><p>Investor42: Great call!</p></section>"
        "</main><div id='newsletter-signup'>Subscribe: John Smith -- Editor</div>"
        "<div class='cookie-banner'>This website uses cookies. Accept</div>"
        "<footer><p>Copyright 2021 The Motley Fool. All rights reserved.</p></footer>"
        "<script>console.log('Prepared Remarks:')</script></body></html>"
    )


def render_name_text(turns, parts, name: str) -> str:
    """A plain `Name: text` dump: no title, no headers, no titles or firms."""
    out = []
    for sp, _sec, text in turns:
        paras = [p for p in text.split("\n") if p.strip()]
        out.append(f"{sp}: {paras[0]}" if paras else f"{sp}:")
        out += [""] + [p for para in paras[1:] for p in (para, "")]
        out.append("")
    return "\n".join(out)


def _company(name: str) -> str:
    m = _FILE_PERIOD.search(name)
    return f"{m['t'].upper() if m else 'XYZ'} Holdings Inc"


def _side(sp: str, parts: dict[str, str]) -> tuple[str | None, str | None]:
    """(title, firm) from the participants list: ('Chief Financial Officer', None) or ('Analyst', 'Jefferies')."""
    desc = parts.get(sp)
    if not desc:
        return None, None
    if re.search(r"\banalyst\s*$", desc, re.I):
        return "Analyst", desc.rsplit("--", 1)[0].strip() if "--" in desc else None
    return desc, None


def render_seeking_alpha(turns, parts, name: str) -> str:
    """A Seeking Alpha page as text: participant blocks ('Name - Title', 'Name - Firm'), names alone on a line."""
    out = [_title(name), "", "Company Participants", ""]
    out += [f"{n} - {t}" for n in parts for t, f in [_side(n, parts)] if t and not f]
    out += ["", "Conference Call Participants", ""]
    out += [f"{n} - {f}" for n in parts for t, f in [_side(n, parts)] if f]
    out.append("")
    section = "prepared"
    for sp, sec, text in turns:
        if sec != section:
            out += ["Question-and-Answer Session", ""]
            section = sec
        out += [sp, ""] + [p for para in text.split("\n") for p in (para, "")]
    return "\n".join(out)


def render_streetevents(turns, parts, name: str) -> str:
    """A Refinitiv StreetEvents transcript: '=' and '-' rules, '* Name / Firm - Title' lists, numbered speaker lines."""
    company, rule, dash = _company(name), "=" * 80, "-" * 80
    m = _FILE_PERIOD.search(name)
    out = ["REFINITIV STREETEVENTS EDITED TRANSCRIPT",
           f"{m['t'].upper() if m else 'XYZ'}.N - Q{m['q'] if m else 1} {m['y'] if m else 2021} {company} Earnings Call", "",
           rule, "Corporate Participants", rule, ""]
    out += [ln for n in parts for t, f in [_side(n, parts)] if t and not f for ln in (f" * {n}", f"   {company} - {t}")]
    out += ["", rule, "Conference Call Participants", rule, ""]
    out += [ln for n in parts for t, f in [_side(n, parts)] if f for ln in (f" * {n}", f"   {f} - Analyst")]
    out += ["", rule, "Presentation"]
    section = "prepared"
    for i, (sp, sec, text) in enumerate(turns, 1):
        if sec != section:
            out += [rule, "Questions and Answers"]
            section = sec
        t, f = _side(sp, parts)
        label = f"{sp}, {f or company} - {t}" if t else sp
        out += [dash, f"{label}   [{i}]", dash, ""] + [p for para in text.split("\n") for p in (" " + para, "")]
    out += [dash, "Definitions", dash, "", "PRELIMINARY TRANSCRIPT: a transcript published in near real-time.", "",
            dash, "Disclaimer", dash, "", "The information contained in event transcripts may contain errors.", ""]
    return "\n".join(out)


def render_callstreet(turns, parts, name: str) -> str:
    """A FactSet CallStreet PDF's text: 'Name' over 'Title, Company' (with the Q / A mark in the Q&A), dotted rules."""
    company, dots = _company(name), "." * 120
    out = [f"{company} ({_FILE_PERIOD.search(name)['t'].upper() if _FILE_PERIOD.search(name) else 'XYZ'})",
           "Earnings Call", "Corrected Transcript", "", "CORPORATE PARTICIPANTS"]
    out += [ln for n in parts for t, f in [_side(n, parts)] if t and not f for ln in (n, f"{t}, {company}")]
    out += [dots, "OTHER PARTICIPANTS"]
    out += [ln for n in parts for t, f in [_side(n, parts)] if f for ln in (n, f"Analyst, {f}")]
    out += [dots, "MANAGEMENT DISCUSSION SECTION"]
    section = "prepared"
    for sp, sec, text in turns:
        if sec != section:
            out += [dots, "QUESTION AND ANSWER SECTION"]
            section = sec
        paras = [p for p in text.split("\n") if p.strip()]
        t, f = _side(sp, parts)
        out.append(dots)
        if sp.lower() == "operator" and paras:
            out += [f"Operator: {paras[0]}"] + paras[1:]
            continue
        mark = (" Q" if f else " A") if sec == "qa" and t else ""
        out += [sp] + ([f"{t}, {f or company}{mark}"] if t else []) + paras
    return "\n".join(out)


def same_speaker(parsed: str, gold: str, first_names: dict[str, int] | None = None) -> bool:
    """Is `parsed` the one spelling a correct parser would give the dataset's `gold` speaker?"""
    a, b = name_key(parsed), name_key(gold)
    if a == b:
        return True
    if not a or not b:
        return False
    if set(b) <= set(a) and (a[-1] == b[-1] or (len(b) == 1 and a[0] == b[0] and (first_names or {}).get(b[0], 0) <= 1)):
        return True
    return nickname_of(b, a) or nickname_of(a, b)


def gold_role(speaker: str, parts: dict[str, str]) -> str | None:
    """The role the participants list implies, None when it says nothing."""
    if speaker.lower() == "operator":
        return "operator"
    desc = parts.get(speaker)
    if desc is None:
        return None
    if re.search(r"\banalyst\b", desc, re.I):
        return "analyst"
    return "executive" if role_from_title(desc) == "executive" else None  # "Deutsche Bank" alone states no side


def gold_firm(speaker: str, parts: dict[str, str]) -> str | None:
    desc = parts.get(speaker, "")
    if "--" in desc and re.search(r"\banalyst\s*$", desc, re.I):
        return clean_firm(desc.rsplit("--", 1)[0])
    return None


_FIRM_SUFFIX = frozenset("inc incorporated llc lp llp ltd limited co company corp corporation plc group the and".split())


def same_firm(parsed: str | None, gold: str) -> bool:
    """The same firm, allowing the shorter spoken form an operator uses ('Needham' for 'Needham and Company',
    'RBC' for 'RBC Capital Markets LLC', 'D.A. Davidson' for 'D. A. Davidson')."""
    def norm(f: str) -> str:
        words = re.sub(r"[^a-z0-9 ]", " ", f.lower().replace(".", "")).split()
        return "".join(w for w in words if w not in _FIRM_SUFFIX)

    a, b = norm(parsed or ""), norm(gold)
    return bool(a) and bool(b) and (a == b or a.startswith(b) or b.startswith(a) or a.endswith(b) or b.endswith(a))


def _key(text: str) -> str:
    return " ".join(_LEAD_LABEL.sub("", text.strip()).split())[:80]


def score(parsed_turns, gold_turns, parts: dict[str, str], *, firms_stated: bool) -> dict[str, int]:
    """Align parsed to gold turns by text; count right speaker+section, roles and analysts' firms."""
    firsts: dict[str, int] = {}
    for n in {g[0] for g in gold_turns} | set(parts):
        k = name_key(n)
        if len(k) > 1:
            firsts[k[0]] = firsts.get(k[0], 0) + 1
    sm = SequenceMatcher(None, [_key(g[2]) for g in gold_turns], [_key(t.text) for t in parsed_turns], autojunk=False)
    c = dict(turns=len(gold_turns), right=0, role_n=0, role_ok=0, firm_n=0, firm_ok=0, firm_all=0, firm_found=0)
    for a, b, size in sm.get_matching_blocks():
        for i in range(size):
            (sp, sec, _), p = gold_turns[a + i], parsed_turns[b + i]
            c["right"] += same_speaker(p.speaker, sp, firsts) and p.section == sec
            role = gold_role(sp, parts)
            if role:
                c["role_n"] += 1
                c["role_ok"] += p.role == role
            firm = gold_firm(sp, parts)
            if firm:
                c["firm_all"] += 1
                c["firm_found"] += bool(p.firm)
            if firm and (firms_stated or p.firm):
                c["firm_n"] += 1
                c["firm_ok"] += same_firm(p.firm, firm)
    return c


def xiaomi_report(shared: Path) -> None:
    """The reference news article: 23 turns, seven analysts' firms, company and period, no page noise."""
    path = shared / "samples" / "xiaomi-q4-2022-call-sina-article.txt"
    if not path.exists():
        print("skip Xiaomi: sample absent")
        return
    tr = parse_bytes(path.read_bytes(), path.name)
    want = {"Morgan Stanley", "Credit Suisse", "Goldman Sachs", "CICC", "Huatai Securities", "Citi", "Orient Securities"}
    firms = {t.firm for t in tr.turns if t.role == "analyst"}
    noise = [t for t in tr.turns if re.search(r"see also|cookie|comment|akismet|sina\.com|_Sina|Financial Report_|by admin",
                                              t.text, re.I)]
    got = "" if firms == want else " (got " + ", ".join(sorted(f or "-" for f in firms)) + ")"
    print(f"Xiaomi article: {len(tr.turns)} turns (want 23), analysts' firms {len(firms & want)}/7{got}, company {tr.company!r}, "
          f"period Q{tr.fiscal_quarter} {tr.fiscal_year}, turns with page noise: {len(noise)}")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--limit", type=int, default=0)
    ap.add_argument("--show", type=int, default=0, help="print N calls per format that are not all right")
    args = ap.parse_args()
    shared = shared_data_or_exit("parser accuracy")
    files = sorted((shared / "transcripts" / "motleyfool-json").glob("*.json"))
    if args.limit:
        files = files[: args.limit]
    renderers = {"motley-fool text": (render_mf_text, ".txt", True), "html page": (render_html, ".html", True),
                 "Name: text": (render_name_text, ".txt", False),
                 "seeking alpha": (render_seeking_alpha, ".txt", True),
                 "streetevents": (render_streetevents, ".txt", True), "callstreet": (render_callstreet, ".txt", True)}
    calls, unsplit = [], []
    for f in files:
        data = json.loads(f.read_text(encoding="utf-8"))
        turns, parts = truth(data, f.name)
        if turns:
            (calls if any(sec == "qa" for _, sec, _ in turns) else unsplit).append((f.stem, turns, parts))
    print(f"{len(calls)} calls, {sum(len(c[1]) for c in calls)} speech turns "
          f"(+{len(unsplit)} calls whose dataset entry has no Q&A speech, reported apart)")
    print(f"{'format':18} {'speaker+section':>16} {'role':>8} {'analyst firm':>13} {'firm found':>11} {'calls/s':>8}"
          f"   unsplit calls")
    for label, (render, ext, firms_stated) in renderers.items():
        totals: dict[str, int] = {}
        shown = 0
        docs = [(stem, render(turns, parts, stem).encode("utf-8"), turns, parts) for stem, turns, parts in calls]
        t0 = time.process_time()
        parsed = [parse_bytes(doc, stem + ext) for stem, doc, _, _ in docs]
        rate = len(docs) / (time.process_time() - t0)
        for (stem, _doc, turns, parts), tr in zip(docs, parsed):
            c = score(tr.turns, turns, parts, firms_stated=firms_stated)
            for k, v in c.items():
                totals[k] = totals.get(k, 0) + v
            if c["right"] < c["turns"] and shown < args.show:
                shown += 1
                print(f"  {stem}: {c['right']}/{c['turns']}")
        un = {}
        for stem, turns, parts in unsplit:
            c = score(parse_bytes(render(turns, parts, stem).encode("utf-8"), stem + ext).turns, turns, parts,
                      firms_stated=firms_stated)
            for k, v in c.items():
                un[k] = un.get(k, 0) + v
        print(f"{label:18} {totals['right'] / totals['turns']:16.2%} {totals['role_ok'] / max(1, totals['role_n']):8.2%} "
              f"{totals['firm_ok'] / max(1, totals['firm_n']):13.2%} {totals['firm_found'] / max(1, totals['firm_all']):11.2%} "
              f"{rate:8.0f}   "
              f"{un.get('right', 0) / max(1, un.get('turns', 0)):.2%} of {un.get('turns', 0)} turns")
    xiaomi_report(shared)


if __name__ == "__main__":
    main()
