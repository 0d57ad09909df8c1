"""Views: one operation's result rendered as an HTML reply plus buttons. Shared by commands and button presses.

Each view returns `View(text, buttons)`, `buttons` being rows of (label, callback_data). Callback data is
self-contained (`v1|<view>|<call id>|<page>`), so a button from before a restart still works."""
from __future__ import annotations

import importlib
import logging
from dataclasses import dataclass, field
from typing import Any

from sqlite_utils import Database

from bot.formatting import MAX_SHOWN_SENTENCE, call_header, clip, esc, excerpt, snippet_html
from bot.ops import calls as calls_ops
from summarizer.errors import InputError
from summarizer.model import NO_SPEAKER

log = logging.getLogger(__name__)
QA_PAGE = 2
SEARCH_PAGE = 5
VIEW_LABELS = (("sum", "Summary"), ("fig", "Key figures"), ("qa", "Q&A"), ("top", "Topics"))


class NotAvailable(InputError):
    """An analysis this build does not provide yet."""


@dataclass
class View:
    """An HTML reply and its inline keyboard rows of (label, callback_data)."""

    text: str
    buttons: list[list[tuple[str, str]]] = field(default_factory=list)


def _analysis(name: str):
    mod = importlib.import_module("bot.ops.analysis")
    fn = getattr(mod, name, None)
    if fn is None:
        raise NotAvailable("That view is not available in this build yet.")
    return fn


def _get(obj: Any, *names: str, default: Any = None) -> Any:
    for n in names:
        v = obj.get(n) if isinstance(obj, dict) else getattr(obj, n, None)
        if v not in (None, "", []):
            return v
    return default


def view_row(call_id: int, current: str) -> list[tuple[str, str]]:
    """Summary · Key figures · Q&A · Topics for one call, the current one marked."""
    return [(("• " + label) if key == current else label, f"v1|{key}|{call_id}|0") for key, label in VIEW_LABELS]


def changes_row(call_id: int, current: str) -> list[tuple[str, str]]:
    """Changes under every call's views, and Chart under its key figures and changes."""
    row = [("• Changes" if current == "chg" else "Changes", f"v1|chg|{call_id}|0")]
    if current in ("fig", "chg"):
        row.append(("📈 Chart", f"ch|{call_id}|"))
    return row


def _summary_sentences(db: Database, call_id: int, n: int | None) -> list[Any]:
    mod = importlib.import_module("bot.ops.analysis")
    if hasattr(mod, "summary"):  # n None: the summary stored at ingest (no recomputation)
        return list(mod.summary(db, call_id, n_sentences=n).sentences)
    transcript, sentences = calls_ops.load_transcript(db, call_id)
    try:
        from summarizer.summarize import summarize
    except ModuleNotFoundError:  # fallback until the summarizer lands: the opening of the prepared remarks
        prepared = [s for s in sentences if getattr(s, "section", "prepared") == "prepared" and len(s.text) > 40]
        return [{"text": s.text, "speaker": s.speaker} for s in (prepared or sentences)[:n or 5]]
    return list(summarize(transcript, sentences, n_sentences=n or 5).sentences)


def flash_block(db: Database, call_id: int) -> list[str]:
    """The headline flash as HTML lines (each with the speaker it came from), or none when the call gives no figures."""
    try:
        lines = _analysis("flash")(db, call_id)
    except NotAvailable:
        return []
    return [f"📰 {esc(ln.text)}" + (f" <i>— {esc(ln.figure.speaker)}</i>" if ln.figure.speaker not in (None, NO_SPEAKER) else "")
            for ln in lines]  # a paste with no speakers names nobody


def summary_view(db: Database, call_id: int, n: int | None = None) -> View:
    """The call's headline flash, then its extractive summary: each sentence with its speaker in bold."""
    call = calls_ops.resolve_call(db, str(call_id))
    n = None if n is None else max(1, min(n, 30))
    lines = [call_header(call), ""]
    flash = flash_block(db, call_id)
    if flash:
        lines += flash + [""]
    shown = _summary_sentences(db, call_id, n)
    for s in shown:
        speaker = _get(s, "speaker")
        text = esc(excerpt(_get(s, "text", default="")))
        lines.append(f"• <b>{esc(speaker)}</b>: {text}" if speaker else f"• {text}")
    if not shown:
        lines.append("No summary could be made of this call.")
    buttons = [view_row(call_id, "sum")]
    if len(shown) < 30 and (n is None or len(shown) >= n):
        buttons.append([("More sentences", f"v1|sum|{call_id}|{min(len(shown) + 5, 30)}")])
    return View("\n".join(lines), buttons + [changes_row(call_id, "sum")])


def _figure_line(f: Any) -> str:
    """A key figure as the bot shows it: period and metric as said in bold, value, signed change, guidance direction
    and previous, and who said it."""
    from summarizer.figures import Figure
    from summarizer.figures.render import parts

    fig = Figure.from_json(f) if isinstance(f, dict) else f
    head, value, change, guided = parts(fig)
    head = head[:1].upper() + head[1:]
    line = f"• <b>{esc(clip(head, 80))}</b>: {esc(clip(value, 200))}"
    if change:
        line += f", {esc(clip(change, 80))}"
    if guided:
        line += f" — <i>{esc(clip(guided, 60))}</i>"
    return line + (f" — {esc(fig.speaker)}" if fig.speaker else "")


def figures_view(db: Database, call_id: int, page: int = 0) -> View:
    """Key figures first: reported, then guidance; metric, value, period and change, with who said it."""
    call = calls_ops.resolve_call(db, str(call_id))
    figs = list(_analysis("figures")(db, call_id))
    lines = [call_header(call)]
    reported = [f for f in figs if _get(f, "kind", default="reported") != "guidance"]
    guidance = [f for f in figs if _get(f, "kind", default="reported") == "guidance"]
    for title, group in (("Reported", reported), ("Guidance", guidance)):
        if group:
            lines += ["", f"<b>{title}</b>"] + [_figure_line(f) for f in group[:15]]
    if not figs:
        lines += ["", "No figures were found in this call."]
    return View("\n".join(lines), [view_row(call_id, "fig"), changes_row(call_id, "fig")])


def _qa_reply(part: Any, limit: int) -> list[str]:
    """'↳ <b>who answered</b>: the gist' of one question's own reply, or nothing when it has none."""
    gist = _get(part, "gist", default="")
    if not gist:
        return []
    answerers = [str(_get(a, "speaker", default="")) for a in _get(part, "answerers", default=[])]
    speakers = _get(part, "gist_speakers", default=[]) or answerers
    by = ", ".join(esc(x) for x in dict.fromkeys(speakers) if x)
    return [f"↳ <b>{by or 'Answer'}</b>: {esc(clip(str(gist), limit))}"]


def qa_view(db: Database, call_id: int, page: int = 0) -> View:
    """The Q&A digest, a few exchanges a page: the analyst and firm, then each question (follow-ups numbered)
    with who answered it and the gist of that reply."""
    call = calls_ops.resolve_call(db, str(call_id))
    exchanges = list(_analysis("qa_digest")(db, call_id))
    pages = max(1, -(-len(exchanges) // QA_PAGE))
    page = max(0, min(page, pages - 1))
    lines = [call_header(call), f"<b>Q&amp;A</b> · page {page + 1}/{pages}", ""]
    for ex in exchanges[page * QA_PAGE:(page + 1) * QA_PAGE]:
        who = _get(ex, "analyst", "questioner", "speaker", default="Analyst")
        firm = _get(ex, "firm", default="")
        head = f"❓ <b>{esc(who)}</b>{' (' + esc(firm) + ')' if firm else ''}"
        follow_ups = _get(ex, "follow_ups", default=[])
        follow_ups = follow_ups if isinstance(follow_ups, list) else []
        if not follow_ups:
            lines.append(f"{head}: {esc(clip(str(_get(ex, 'question', default='')), 600))}")
            lines += _qa_reply(ex, 600)
        else:  # the exchange as it went: each question numbered, with its own reply under it
            lines.append(head)
            for k, part in enumerate([ex, *follow_ups], 1):
                lines.append(f"<b>{k}.</b> {esc(clip(str(_get(part, 'question', default='')), 400))}")
                lines += _qa_reply(part, 400)
        lines.append("")
    if not exchanges:
        lines.append("This call has no Q&amp;A session.")
    nav = []
    if page > 0:
        nav.append(("◀ Prev", f"v1|qa|{call_id}|{page - 1}"))
    if page < pages - 1:
        nav.append(("Next ▶", f"v1|qa|{call_id}|{page + 1}"))
    return View("\n".join(lines).strip(), ([nav] if nav else []) + [view_row(call_id, "qa"), changes_row(call_id, "qa")])


TOPIC_PAGE = 8  # topic buttons a page of a call's Topics view


def topics_view(db: Database, call_id: int, page: int = 0) -> View:
    """The topics the call talks about, most mentioned first, each a button to what this call says about it
    (TOPIC_PAGE buttons a page, with Prev/Next when there are more)."""
    call = calls_ops.resolve_call(db, str(call_id))
    tags = sorted(_analysis("call_topics")(db, call_id), key=lambda t: -int(_get(t, "count", default=0) or 0))
    lines = [call_header(call), "<b>Topics</b> · most mentioned first", ""]
    buttons: list[list[tuple[str, str]]] = []
    for t in tags:
        name = str(_get(t, "name", "topic", default="?"))
        count = _get(t, "count", "mentions", "n", default="")
        lines.append(f"• <b>{esc(name)}</b>" + (f" ({esc(count)} mentions)" if count != "" else ""))
    pressable = [t for t in tags if len(f"v1|tpc|{call_id}|{_get(t, 'key', default='')}".encode()) <= 64]
    pages = max(1, -(-len(pressable) // TOPIC_PAGE))
    page = max(0, min(page, pages - 1))
    row: list[tuple[str, str]] = []
    for t in pressable[page * TOPIC_PAGE:(page + 1) * TOPIC_PAGE]:
        row.append((clip(str(_get(t, "name", default="?")), 30), f"v1|tpc|{call_id}|{_get(t, 'key', default='')}"))
        if len(row) == 2:
            buttons.append(row)
            row = []
    if row:
        buttons.append(row)
    nav = []
    if page > 0:
        nav.append(("◀ Prev", f"v1|top|{call_id}|{page - 1}"))
    if page < pages - 1:
        nav.append((f"More topics ({page + 2}/{pages}) ▶", f"v1|top|{call_id}|{page + 1}"))
    if not tags:
        lines.append("No topics were tagged in this call.")
    return View("\n".join(lines), buttons + ([nav] if nav else []) + [view_row(call_id, "top"), changes_row(call_id, "top")])


def topic_digest_view(db: Database, topic: str, *, company: str | None = None, call_ids: list[int] | None = None,
                      chat_id: int | None = None, since: str | None = None, until: str | None = None,
                      from_call: int | None = None) -> View:
    """What calls said about one topic, best first, with speaker and call (`chat_id`: its own topics too). From a
    call's Topics view (`from_call`), only that call, with buttons back to its topics and to its company's calls."""
    from summarizer.thesaurus import matched_note

    if from_call is not None:
        call_ids = [from_call]
    digest = _analysis("topic_digest")(db, topic, company=company, call_ids=call_ids, chat_id=chat_id, since=since,
                                       until=until)
    title = _get(digest, "topic", default=topic)
    where = company
    if from_call is not None:
        where = calls_ops.resolve_call(db, str(from_call)).label
    lines = [f"<b>{esc(title)}</b>" + (f" · {esc(where)}" if where else ""), ""]
    items = list(_get(digest, "items", "entries", "mentions", "sentences", default=[]))
    for it in items[:12]:
        label = " ".join(str(x) for x in (_get(it, "company", default=""), _get(it, "quarter", default="")) if x)
        if _get(it, "call_id", default=None):
            label += f" #{_get(it, 'call_id')}"
        who = _get(it, "speaker", default="")
        text = _get(it, "text", "sentence", "snippet", default="")
        head = " · ".join(x for x in (esc(label), f"<b>{esc(who)}</b>" if who else "") if x)
        note = matched_note(_get(it, "matched", default=[]) or [])
        lines.append((f"• {head}: {esc(clip(str(text), 400))}" if head else f"• {esc(clip(str(text), 400))}")
                     + (f" <i>({esc(note)})</i>" if note else ""))
    if not items:
        lines.append(esc(_get(digest, "message", default="Nothing stored mentions this topic yet.")))
    elif _get(digest, "message", default=None):
        lines += ["", f"<i>{esc(_get(digest, 'message'))}</i>"]
    buttons: list[list[tuple[str, str]]] = []
    if from_call is not None:
        key = _get(digest, "key", default=topic)
        row = [("◀ Topics", f"v1|top|{from_call}|0")]
        data = f"v1|tpco|{from_call}|{key}"
        if len(data.encode()) <= 64:
            row.append(("All calls of this company", data))
        buttons.append(row)
    return View("\n".join(lines), buttons)


def topics_keyboard(db: Database, chat_id: int | None = None) -> View:
    """Every known topic as a button: the built-in ones, then the chat's own."""
    names = list(_analysis("list_topics")(db, chat_id))
    rows, row = [], []
    for name in names:
        data = f"v1|tpc|0|{name}"
        if len(data.encode()) > 64:
            continue
        row.append((clip(name, 30), data))
        if len(row) == 2:
            rows.append(row)
            row = []
    if row:
        rows.append(row)
    text = "Pick a topic:" if rows else "No topics are defined yet."
    return View(text + "\nYour own: /topic add &lt;name&gt;: phrase, phrase, … · /topic mine", rows)


def search_view(db: Database, query: str, page: int = 0, *, data_for_page=None) -> View:
    """Matching sentences, best first, with the hit in bold and the call's label, SEARCH_PAGE a page, with
    Prev/Next buttons. The text may name a company and a quarter ('NWRB Q3 2025 pricing', 'capex for
    Northwind'); a hit found by another form of a word says so ('matched "capital spending" for "capex"')."""
    from summarizer.thesaurus import matched_note

    scope = calls_ops.read_search(db, query)
    hits = calls_ops.search_in(db, scope, limit=SEARCH_PAGE + 1, offset=page * SEARCH_PAGE)
    more = len(hits) > SEARCH_PAGE
    hits = hits[:SEARCH_PAGE]
    where = f" in <b>{esc(scope.label)}</b>" if scope.label else ""
    if not hits:
        return View(f"No matches for <b>{esc(clip(scope.query, 100))}</b>{where}" + (" on this page." if page else "."))
    lines = [f"Search <b>{esc(clip(scope.query, 100))}</b>{where} · page {page + 1}", ""]
    for h in hits:
        who = f"<b>{esc(h.speaker)}</b>: " if h.speaker else ""
        note = matched_note(h.matched)
        lines.append(f"{esc(h.call.label)} · #{h.call.id}\n{who}{snippet_html(clip(h.snippet, MAX_SHOWN_SENTENCE))}"
                     + (f"\n<i>{esc(note)}</i>" if note else "") + "\n")
    nav = []
    if data_for_page is not None:
        if page > 0:
            nav.append(("◀ Prev", data_for_page(page - 1)))
        if more:
            nav.append(("Next ▶", data_for_page(page + 1)))
    return View("\n".join(lines).strip(), [nav] if nav else [])


def latest_view(db: Database, company: str | None = None, limit: int = 5) -> View:
    """Recent calls, one line each, and one button per call (its own row, a short label: "NWRB Q4 2025")
    opening its summary, whose buttons switch to Key figures · Q&A · Topics."""
    calls = calls_ops.latest_calls(db, company, limit=limit)
    if not calls:
        return View("No calls are stored yet. An admin can upload a transcript file or send a link.")
    lines, rows = ["<b>Latest calls</b>", ""], []
    for c in calls:
        lines.append(call_header(c))
        short = clip(c.ticker or c.company or f"#{c.id}", 16)
        label = " ".join(x for x in (short, c.period or (f"#{c.id}" if c.ticker or c.company else "")) if x)
        rows.append([(f"📄 {label}", f"v1|sum|{c.id}|0")])
    return View("\n".join(lines + ["", "Press a call for its summary, key figures, Q&amp;A and topics."]), rows)


def companies_view(db: Database) -> View:
    """What is stored, by company and quarter."""
    comps = calls_ops.companies(db)
    if not comps:
        return View("No calls are stored yet.")
    lines = [f"<b>{len(comps)} compan{'y' if len(comps) == 1 else 'ies'}</b>", ""]
    for c in comps:
        periods = ", ".join(esc(x.period or f"#{x.id}") for x in c.calls[:8])
        more = f" +{len(c.calls) - 8}" if len(c.calls) > 8 else ""
        tick = f" ({esc(c.ticker)})" if c.ticker and c.ticker != c.company else ""
        lines.append(f"• <b>{esc(c.company)}</b>{tick}: {periods}{more}")
    return View("\n".join(lines))


def ambiguous_view(db: Database, query: str, candidates: list[tuple[str, str]], view: str) -> View:
    """'Which company?' with one button per candidate, opening `view` on its latest call."""
    rows = []
    for key, name in candidates[:8]:
        try:
            call = calls_ops.resolve_call(db, key)
        except InputError:
            continue
        rows.append([(clip(f"{name} {call.period or ''}", 40), f"v1|{view}|{call.id}|0")])
    return View(f"Which company do you mean by <b>{esc(clip(query, 60))}</b>?", rows)


def changes_view(db: Database, call_id: int, page: int = 0) -> View:
    """What changed since the company's previous stored call (bot.changes_format), with Chart and the call's views."""
    from bot.changes_format import changes_html
    from bot.ops.changes import changes_for_call

    call = calls_ops.resolve_call(db, str(call_id))
    text = changes_html(changes_for_call(db, call.id), call_header(call))
    return View(text, [view_row(call.id, "chg"), changes_row(call.id, "chg")])


VIEWS = {"sum": summary_view, "fig": figures_view, "qa": qa_view, "top": topics_view, "chg": changes_view}
