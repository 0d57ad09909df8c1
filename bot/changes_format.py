"""A `Changes` (summarizer.compare) as an HTML reply: the same text in Telegram, the terminal chat, the CLI,
alerts and digests. Every line cites its calls and speakers; values are shown as the calls said them (a range
"$940 million to $970 million" as "$940–970 million", its numbers untouched)."""
from __future__ import annotations

from typing import Any

from bot.formatting import clip, esc
from summarizer.compare import Changes, compact

MARK = {"raised": "▲", "lowered": "▼", "narrowed": "◆", "widened": "◇", "reaffirmed": "■", "initiated": "＋",
        "dropped": "✖"}
VERDICT_MARK = {"above": "✅", "within": "☑️", "below": "❌"}
ARROW = {"up": "▲", "down": "▼", "flat": "="}
MAX_GUIDANCE, MAX_RESULTS, MAX_FIGURES, MAX_PEOPLE = 12, 8, 8, 4


def cite(src: dict[str, Any], who: str) -> str:
    """'NWRB Q4 2025, Marcus Oyelaran' for a source (the article's own text when no speaker)."""
    where = " ".join(x for x in (who, src.get("quarter")) if x)
    return f"{where}, {src.get('speaker') or 'intro'}"


def _cites(sources: list[dict[str, Any]], who: str) -> str:
    seen = list(dict.fromkeys(cite(s, who) for s in sources))
    return f" <i>({esc('; '.join(seen))})</i>" if seen else ""


def per100(x: float | None) -> str:
    """A fraction of words as a signed amount per 100 words: 0.0123 -> '+1.23'."""
    return "n/a" if x is None else f"{x * 100:+.2f}"


def _points(change: float | None) -> str:
    if change is None:
        return ""
    arrow = "▲" if change > 0 else "▼" if change < 0 else "="
    return f" {arrow} {abs(change) * 100:.2f}"


def guidance_line(g: Any, who: str, *, gap: bool = False) -> str:
    """One guidance move, e.g. '▲ FY 2026 revenue: raised to $940–970 million from $900–940 million (…)'; with
    `gap` (the previous quarter is not stored) the earlier value names its quarter."""
    head = f"{MARK[g.move]} <b>{esc(g.period)} {esc(g.metric)}</b>: {g.move}"
    if g.move in ("raised", "lowered", "narrowed", "widened"):
        body = f" to {esc(compact(g.now))}" + (f" from {esc(compact(g.before))}" if g.before else "")
        if g.before and gap and g.basis == "calls" and g.before_call:
            body += f" in {esc(g.before_call)}"
        if g.stated_before and g.basis == "calls" and g.stated_before != g.before:
            body += f" (the call: from {esc(compact(g.stated_before))})"
    elif g.move == "dropped":
        body = (f" (was {esc(compact(g.before))}" + (f" in {esc(g.before_call)})" if g.before_call else ")")
                if g.before else "")
    else:
        body = f" {esc(compact(g.now))}" if g.now else ""
    said = f"; the call says {esc(g.stated)}" if g.stated and g.stated != g.move else ""
    return head + body + said + _cites(g.sources, who)


def vs_line(v: Any, who: str) -> str:
    return f"{VERDICT_MARK[v.verdict]} {esc(v.headline())}{_cites(v.sources, who)}"


def figure_line(f: Any, who: str) -> str:
    name = f.metric[:1].upper() + f.metric[1:]
    parts = [f"• <b>{esc(name)}</b> {esc(compact(f.value))} ({esc(f.period)})"]
    srcs = list(f.sources)
    for e in (f.previous_quarter, f.year_ago):
        if e is not None:
            parts.append(f"{ARROW[e.direction]} from {esc(compact(e.value))} in {esc(e.period)}")
            srcs += e.sources
    return " · ".join(parts) + _cites(srcs, who)


def topic_line(t: Any, who: str) -> str:
    if t.change == "new":
        head = f"• New: <b>{esc(t.topic)}</b> ({t.share_now * 100:.1f}% of sentences)"
    else:
        head = (f"• {'Rose' if t.change == 'rose' else 'Fell'}: <b>{esc(t.topic)}</b> "
                f"{t.share_before * 100:.1f}% → {t.share_now * 100:.1f}% of sentences")
    s = t.sentence
    if s:
        head += f" — “{esc(clip(s.get('sentence') or '', 220))}”{_cites([s], who)}"
    return head


def tone_lines(tone: dict[str, Any], who: str, before_q: str | None) -> list[str]:
    """Net tone overall, per section and per executive, the company's range, the sentences that moved it."""
    if not tone:
        return []
    now = tone["now"]
    lines = ["<b>Tone</b> <i>(Loughran-McDonald: (positive − negative) per 100 words)</i>"]
    whole = f"Whole call {per100(now['net'])}"
    if tone.get("before"):
        whole += f" ({esc(before_q or 'previous call')}: {per100(tone['before']['net'])}{_points(tone['change'])})"
    rng = tone.get("range")
    if rng and rng["calls"] > 1:
        whole += (f"; its range over {rng['calls']} stored calls {per100(rng['min'])} to {per100(rng['max'])}, "
                  f"this call #{rng['rank']} from the top")
    lines.append(whole)
    unc = f"Uncertainty words {now['uncertainty_rate'] * 100:.2f} per 100"
    if tone.get("uncertainty_change") is not None:
        unc += f" ({_points(tone['uncertainty_change']).strip()})"
    lines.append(unc)
    sec = []
    for key, label in (("prepared", "Prepared remarks"), ("qa", "Q&A")):
        p = (tone.get("sections") or {}).get(key)
        if p and p.get("now"):
            sec.append(f"{label} {per100(p['now']['net'])}" + (
                f" (was {per100(p['before']['net'])})" if p.get("before") else ""))
    if sec:
        lines.append(esc(" · ".join(sec)))
    people = []
    for p in (tone.get("executives") or [])[:MAX_PEOPLE]:
        title = f" ({clip(p['title'], 30)})" if p.get("title") else ""
        people.append(f"{p['speaker']}{title} {per100(p['now']['net'])}" + (
            f" (was {per100(p['before']['net'])})" if p.get("before") else ""))
    if people:
        lines.append(esc(" · ".join(people)))
    side = tone.get("moved_by")
    if tone.get("sentences"):
        lines.append("Moved most by:" if side else "Weightiest sentences:")
        for s in tone["sentences"]:
            words = [f"{k}: {', '.join(s[k])}" for k in ("positive", "negative") if s.get(k)]
            lines.append(f"• “{esc(clip(s.get('sentence') or '', 260))}” <i>({esc(cite(s, who))}"
                         + (f"; {esc('; '.join(words))}" if words else "") + ")</i>")
    return lines


def changes_html(ch: Changes, header: str) -> str:
    """The /changes reply: header, what it is compared with, then guidance, results against guidance,
    reported figures against earlier quarters, topics and tone (empty parts left out)."""
    who = ch.call.name
    prev = ch.previous
    lines = [header]
    lines.append(f"What changed since <b>{esc(prev.quarter or 'the previous call')}</b> (#{prev.id})" if prev else
                 "<b>No earlier call stored</b>: moves as this call states them.")
    lines += [f"<i>{esc(n)}</i>" for n in ch.notes if not n.startswith("No earlier call")]
    gap = any("is not stored" in n for n in ch.notes)
    moves = [guidance_line(g, who, gap=gap) for g in ch.guidance[:MAX_GUIDANCE]] or [
        "No guidance moves found" + (" in this call." if prev is None else ".")]
    sections = [
        ("Guidance", moves),
        ("Results against guidance", [vs_line(v, who) for v in ch.vs_guidance[:MAX_RESULTS]]),
        ("Reported vs earlier quarters", [figure_line(f, who) for f in ch.figures[:MAX_FIGURES]]),
        ("Topics", [topic_line(t, who) for t in ch.topics]),
    ]
    for title, body in sections:
        if body:
            lines += ["", f"<b>{title}</b>"] + body
    tone = tone_lines(ch.tone, who, prev.quarter if prev else None)
    if tone:
        lines += [""] + tone
    return "\n".join(lines)


def changes_brief(ch: Changes, max_moves: int = 3, max_results: int = 2) -> list[str]:
    """A few lines for alerts and digests: the most newsworthy guidance moves, then results against guidance,
    each cited, and how many more /changes shows."""
    who = ch.call.name
    moves = [guidance_line(g, who) for g in ch.guidance[:max_moves]]
    results = [vs_line(v, who) for v in ch.vs_guidance[:max_results]]
    rest = len(ch.guidance) - len(moves) + len(ch.vs_guidance) - len(results)
    return moves + results + ([f"…and {rest} more: /changes {esc(who)}"] if rest > 0 else [])
