"""`earnings-bot figures`, `qa`, `topics`, `digest`, `add-topic`, `reanalyze`: what a call says, read fast.

Each of figures/qa/topics takes a stored call (id, ticker or company, with --quarter) or a transcript
file/URL/'-' (analysed on the fly, nothing stored).
"""
from __future__ import annotations

import textwrap
from pathlib import Path
from typing import Any, Callable

import click

from bot.cli import Ctx, cli
from bot.cli.output import ID, echo_json, fail
from bot.ops.documents import is_url
from summarizer.errors import InputError

LOCAL_CHAT = 0  # the chat id the command line uses for its own user topics


def _wrap(text: str, indent: str = "    ", then: str | None = None) -> str:
    return textwrap.fill(text, width=100, initial_indent=indent, subsequent_indent=indent if then is None else then)


def _is_document(ref: str) -> bool:
    return ref == "-" or is_url(ref) or Path(ref).expanduser().is_file() or (
        not ref.strip().isdecimal() and ("/" in ref or "\\" in ref or Path(ref).suffix.lower() in
                                       (".txt", ".md", ".html", ".htm", ".pdf", ".json")))


def _load(ctx: Ctx, ref: str, quarter: str | None, stored: Callable[[Any, int], Any],
          live: Callable[[Any, list], Any]) -> tuple[str, Any]:
    """(label, result) for a stored call or a document; InputError becomes one line."""
    try:
        if _is_document(ref):
            from bot.ops.documents import allow_private_from_env, max_bytes_from_env, read_source
            from summarizer.model import sentences_of
            from summarizer.parse import parse_bytes

            cap = max_bytes_from_env()
            data, name = read_source(ref, max_bytes=cap, allow_private=allow_private_from_env())
            tr = parse_bytes(data, name, max_bytes=cap)
            label = " ".join(x for x in (tr.company, f"Q{tr.fiscal_quarter}" if tr.fiscal_quarter else None,
                                         str(tr.fiscal_year) if tr.fiscal_year else None) if x) or name
            return label, live(tr, sentences_of(tr))
        from bot.cli.store_cmds import open_db_or_fail
        from bot.ops.calls import resolve_call

        db = open_db_or_fail(ctx)
        call = resolve_call(db, ref, quarter)
        return f"#{call.id} {call.label}", stored(db, call.id)
    except InputError as e:
        raise fail(str(e)) from None


def _call_ref(fn: Callable) -> Callable:
    """The REF argument and --quarter option every per-call command takes."""
    fn = click.option("--quarter", "-q", default=None,
                      help="With a ticker or company: the quarter, e.g. Q4 2022 (default: latest).")(fn)
    return fn


def _opening(label: str, items: list, as_json: bool, title: str, none_found: str) -> bool:
    """Print the items as JSON, or the 'none found' line, and say False (done); else print the heading, say True."""
    if as_json:
        echo_json([i.to_json() for i in items])
        return False
    if not items:
        click.echo(f"{label}: {none_found}")
        return False
    click.echo(click.style(f"{label}: {title}", bold=True))
    return True


def _fig_line(f: Any) -> str:
    """'Q4 2025 · adjusted EPS: $0.47   [reported, C. Marcus Oyelaran, sentence 37]', with the change signed in words,
    the scope when the metric as said does not name it, and for guidance its direction and previous."""
    from summarizer.figures.render import parts

    head, value, change, guided = parts(f)
    bits = [f"{head}: {value}"] + [f"- {x}" for x in (change, guided) if x]
    return " ".join(bits) + f"   [{f.kind}, {f.speaker + ', ' if f.speaker else ''}sentence {f.sentence_position}]"


@cli.command()
@click.argument("ref")
@_call_ref
@click.option("--limit", "-n", type=click.IntRange(min=1), default=25, show_default=True, help="How many figures to print.")
@click.option("--kind", type=click.Choice(["reported", "guidance"]), default=None, help="Only reported or only guided figures.")
@click.option("--json", "as_json", is_flag=True, help="Print the figures as a JSON list.")
@click.pass_obj
def figures(ctx: Ctx, ref: str, quarter: str | None, limit: int, kind: str | None, as_json: bool) -> None:
    """Key figures of a call (REF: id, ticker, company, or a transcript file): metric, value, period, change."""
    from bot.ops import analysis as ops
    from summarizer.figures import extract_figures

    label, figs = _load(ctx, ref, quarter, ops.figures, extract_figures)
    if kind:
        figs = [f for f in figs if f.kind == kind]
    figs = figs[:limit]
    if not _opening(label, figs, as_json, "key figures", "no figures found (no numbers with a unit or a named metric)."):
        return
    for k in ("reported", "guidance"):
        group = [f for f in figs if f.kind == k]
        if group:
            click.echo(f"\n{'Guidance' if k == 'guidance' else 'Reported'}:")
            for f in group:
                click.echo("  - " + _fig_line(f))


@cli.command()
@click.argument("ref")
@_call_ref
@click.option("--json", "as_json", is_flag=True, help="Print the exchanges as a JSON list.")
@click.pass_obj
def qa(ctx: Ctx, ref: str, quarter: str | None, as_json: bool) -> None:
    """Q&A digest of a call: each analyst and firm, their question with who answered and the gist of that reply, then
    each follow-up with its own reply."""
    from bot.ops import analysis as ops
    from summarizer.qa import qa_exchanges

    label, exchanges = _load(ctx, ref, quarter, ops.qa_digest, qa_exchanges)
    if not _opening(label, exchanges, as_json, f"Q&A digest ({len(exchanges)} exchanges)",
                    "no analyst questions found (no Q&A section, or no speaker marked as an analyst)."):
        return
    for e in exchanges:
        who = e.analyst + (f" ({e.firm})" if e.firm else "")
        n = len(e.follow_ups)
        fu = f", {n} follow-up{'s' * (n != 1)}" if n else ""
        click.echo(f"\n{click.style(who, bold=True)}{fu}")
        for k, part in enumerate([e, *e.follow_ups], 1):  # each question with its own reply, numbered if several
            mark = f"{k}. " if n else ""
            pad = "    " + " " * len(mark)
            click.echo(_wrap(f"{mark}Q: {part.question}", "    ", pad))
            if part.answerers:
                who = ", ".join(a.speaker for a in part.answerers)
                click.echo(_wrap(f"A ({who}): {part.gist or '(no answer text)'}", pad))
            else:
                click.echo(f"{pad}(no executive answer recorded)")


@cli.command()
@click.argument("ref", required=False)
@_call_ref
@click.option("--list", "list_all", is_flag=True, help="List the topics there are (built-in and your own).")
@click.option("--sentences", "-n", type=click.IntRange(min=0, max=8), default=2, show_default=True,
              help="Best sentences printed per topic.")
@click.option("--json", "as_json", is_flag=True, help="Print the topic tags as a JSON list.")
@click.pass_obj
def topics(ctx: Ctx, ref: str | None, quarter: str | None, list_all: bool, sentences: int, as_json: bool) -> None:
    """Topics a call discusses (REF: id, ticker, company, or a file), with counts and its best sentences."""
    from bot.ops import analysis as ops
    from summarizer.topics import builtin_topics, tag_call

    if list_all or not ref:
        from bot.cli.store_cmds import open_db_or_fail
        from storage.analyses import user_topics

        mine = user_topics(open_db_or_fail(ctx), LOCAL_CHAT)
        if as_json:
            echo_json({"builtin": [t.to_json() for t in builtin_topics()],
                       "user": [{"key": k, "name": n, "phrases": p} for k, n, p in mine]})
            return
        if not list_all:
            click.echo("Give a call (id, ticker, company or file) to tag, or --list for the topics.")
        for t in builtin_topics():
            click.echo(f"{t.name:32} {', '.join(t.phrases[:6])}, ...")
        for k, n, p in mine:
            click.echo(f"{n:32} {', '.join(p)}  (yours)")
        return
    label, tags = _load(ctx, ref, quarter, ops.call_topics, tag_call)
    if not _opening(label, tags, as_json, "topics", "no topic is discussed in more than one sentence."):
        return
    for t in tags:
        click.echo(f"\n{click.style(t.name, bold=True)}  {t.count} sentence{'s' * (t.count != 1)} ({t.share:.0%})")
        for s in t.sentences[:sentences]:
            click.echo(_wrap(f"- {s.text}  [{s.speaker or 'intro'}]"))


@cli.command()
@click.argument("topic", nargs=-1, required=True)
@click.option("--company", "-c", "companies", multiple=True, help="Only this company (ticker or name); repeat for several.")
@click.option("--since", default=None, help="Calls on or after this date or quarter (2023-03-25, 2023-03, 2023, 'Q3 2023').")
@click.option("--until", default=None, help="Calls on or before this date or quarter.")
@click.option("--exact", is_flag=True, help="A phrase's words as typed: no synonyms from the finance thesaurus.")
@click.option("--call", "call_ids", type=ID, multiple=True, help="Only these call ids (repeatable).")
@click.option("--limit", "-n", type=click.IntRange(min=1, max=50), default=8, show_default=True, help="How many sentences.")
@click.option("--json", "as_json", is_flag=True, help="Print the digest as JSON.")
@click.pass_obj
def digest(ctx: Ctx, topic: tuple[str, ...], companies: tuple[str, ...], since: str | None, until: str | None,
           exact: bool, call_ids: tuple[int, ...], limit: int, as_json: bool) -> None:
    """What stored calls said about TOPIC (e.g. inventory, AI, pricing, or any phrase): best sentences, cited.

    A phrase also finds the other ways it is said (gross margin finds "gross profit rate") unless --exact
    (or written =phrase)."""
    from bot.cli.store_cmds import open_db_or_fail
    from bot.ops import analysis as ops
    from summarizer.thesaurus import matched_note

    text = " ".join(topic)
    try:
        d = ops.topic_digest(open_db_or_fail(ctx), ("=" + text) if exact and not text.startswith("=") else text,
                             companies=companies, since=since, until=until,
                             call_ids=list(call_ids) or None, limit=limit, chat_id=LOCAL_CHAT)
    except InputError as e:
        raise fail(str(e)) from None
    if as_json:
        echo_json(d.to_json())
        return
    n = d.calls_searched
    click.echo(click.style(f"{d.topic}: {len(d.items)} sentence{'s' * (len(d.items) != 1)} from {n} call{'s' * (n != 1)}",
                           bold=True))
    if d.message:
        click.echo(d.message)
    for s in d.items:
        note = matched_note(s.matched)
        click.echo(_wrap(f"- {s.text}", "  ") + f"\n      ({s.citation}, #{s.call_id}" + (f"; {note}" if note else "") + ")")


@cli.command("add-topic")
@click.argument("name")
@click.argument("phrases", nargs=-1, required=True)
@click.pass_obj
def add_topic(ctx: Ctx, name: str, phrases: tuple[str, ...]) -> None:
    """Add your own topic NAME matched by PHRASES (inflections match: 'robot' finds 'robots'); use it with digest."""
    from bot.cli.store_cmds import open_db_or_fail
    from bot.ops import analysis as ops

    parts = [p.strip() for ph in phrases for p in ph.split(",")]
    try:
        t = ops.add_user_topic(open_db_or_fail(ctx), LOCAL_CHAT, name, parts)
    except InputError as e:
        raise fail(str(e)) from None
    click.echo(f"Topic '{t.name}' saved with {len(t.phrases)} phrase{'s' * (len(t.phrases) != 1)}: "
               f"{', '.join(t.phrases)}. Try: earnings-bot digest \"{t.name}\"")


@cli.command()
@click.option("--all", "force", is_flag=True, help="Recompute every call, not only those made by another version.")
@click.pass_obj
def reanalyze(ctx: Ctx, force: bool) -> None:
    """Recompute stored summaries, figures, topics and Q&A digests made by an older version of the methods."""
    from bot.cli.store_cmds import open_db_or_fail
    from bot.ops import analysis as ops
    from summarizer.analysis import analysis_version

    try:
        n = ops.reanalyze(open_db_or_fail(ctx), force=force)
    except InputError as e:
        raise fail(str(e)) from None
    click.echo(f"{n} call{'s' * (n != 1)} reanalysed (version {analysis_version()}).")
