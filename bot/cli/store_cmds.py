"""`earnings-bot ingest`, `list`, `show`, `search`: getting calls in and finding them again."""
from __future__ import annotations

import sys
from pathlib import Path

import click

from bot.cli import Ctx, cli
from bot.cli.output import echo_json, fail, highlight, plain
from summarizer.errors import InputError


@cli.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--max-bytes", type=click.IntRange(min=1), default=None,
              help="Size cap per document in bytes (default $EARNINGS_BOT_MAX_BYTES or 20 MB).")
@click.option("--json", "as_json", is_flag=True, help="Print the outcome of each document as JSON.")
@click.pass_obj
def ingest(ctx: Ctx, paths: tuple[str, ...], max_bytes: int | None, as_json: bool) -> None:
    """Store transcripts from PATHS: files, folders (recursively) or - for stdin.

    Ends with 'N added, N duplicates, N failed' and each failure's reason; exits 1 if any failed."""
    from bot.ops.ingest import expand_paths, ingest_paths, max_bytes_from_env

    cap = max_bytes or max_bytes_from_env()
    names = [n for n, _ in expand_paths(paths)]
    show_bar = len(names) > 5 and sys.stderr.isatty() and not as_json
    if show_bar:
        with click.progressbar(length=len(names), label="Ingesting", file=sys.stderr) as bar:
            report = ingest_paths(lambda: ctx.db, paths, max_bytes=cap, progress=lambda _n: bar.update(1))
    else:
        report = ingest_paths(lambda: ctx.db, paths, max_bytes=cap)
    if as_json:
        echo_json({"results": [dict(r.to_json(), document=n) for n, r in report.results],
                   "failures": [{"document": f.name, "reason": f.reason} for f in report.failures],
                   "summary": report.summary})
    else:
        for name, r in report.results:
            note = {"added": "added", "duplicate": "duplicate of", "version": f"new version {r.version} of"}[r.status]
            label = r.call.label if r.status != "version" else r.call.label.rsplit(" (v", 1)[0]
            click.echo(f"{note} #{r.call_id} {label}: {name}" if r.status != "added" else f"added #{r.call_id} {label}: {name}")
        for f in report.failures:
            click.echo(f"failed {f.name}: {f.reason}", err=True)
        click.echo(report.summary)
    if report.failures:
        sys.exit(1)


@cli.command(name="list")
@click.option("--company", help="Only this company (name, ticker or close spelling).")
@click.option("--limit", type=click.IntRange(1, 1000), default=20, show_default=True)
@click.option("--json", "as_json", is_flag=True)
@click.pass_obj
def list_(ctx: Ctx, company: str | None, limit: int, as_json: bool) -> None:
    """List stored calls, most recent first."""
    from bot.ops.calls import latest_calls

    try:
        calls = latest_calls(ctx.db, company, limit=limit)
    except InputError as e:
        raise fail(str(e)) from None
    if as_json:
        echo_json([c.to_json() for c in calls])
        return
    if not calls:
        click.echo("No calls stored yet: add some with `earnings-bot ingest FILE...`.")
    for c in calls:
        click.echo(f"#{c.id:<5} {c.label:34} {c.call_date or '':10}  {c.n_turns:>3} turns  {c.n_words:>6} words  {c.source or ''}")


@cli.command()
@click.argument("call_id", type=int)
@click.option("--turns", "with_turns", is_flag=True, help="Print every turn in full.")
@click.option("--json", "as_json", is_flag=True)
@click.pass_obj
def show(ctx: Ctx, call_id: int, with_turns: bool, as_json: bool) -> None:
    """Show a stored call: its metadata, speakers and (with --turns) what they said."""
    from bot.ops.calls import get_call

    try:
        d = get_call(ctx.db, call_id)
    except InputError as e:
        raise fail(str(e)) from None
    if as_json:
        data = d.call.to_json()
        data["speakers"] = _speakers(d.turns)
        if with_turns:
            data["turns"] = [t.__dict__ for t in d.turns]
            data["preamble"] = d.preamble
        echo_json(data)
        return
    c = d.call
    click.echo(click.style(f"#{c.id} {c.label}", bold=True) + (f"  {c.call_date}" if c.call_date else ""))
    if c.title:
        click.echo(c.title)
    click.echo(f"{c.n_turns} turns, {c.n_words} words, source {c.source}, stored {c.ingested_at}"
               + (f", supersedes #{c.supersedes}" if c.supersedes else ""))
    for s in _speakers(d.turns):
        extra = s["firm"] or s["title"] or ""
        click.echo(f"  {s['role']:9} {s['speaker']}" + (f" ({extra})" if extra else "") + f"  {s['turns']} turns")
    if with_turns:
        if d.preamble:
            click.echo("\n" + click.style("[article]", bold=True) + "\n" + d.preamble)
        for t in d.turns:
            click.echo("\n" + click.style(f"{t.speaker}", bold=True) + f"  [{t.section}]\n{t.text}")


def _speakers(turns: list) -> list[dict]:
    seen: dict[str, dict] = {}
    for t in turns:
        s = seen.setdefault(t.speaker, {"speaker": t.speaker, "role": t.role, "title": t.title, "firm": t.firm, "turns": 0})
        s["turns"] += 1
    return list(seen.values())


@cli.command()
@click.argument("query", nargs=-1, required=True)
@click.option("--company", help="Only calls of this company.")
@click.option("--speaker", help="Only sentences by speakers whose name contains this.")
@click.option("--section", type=click.Choice(["prepared", "qa"]))
@click.option("--limit", type=click.IntRange(1, 100), default=10, show_default=True)
@click.option("--json", "as_json", is_flag=True)
@click.pass_obj
def search(ctx: Ctx, query: tuple[str, ...], company: str | None, speaker: str | None, section: str | None,
           limit: int, as_json: bool) -> None:
    """Full-text search over every stored sentence. Words are ANDed; "quoted phrases", OR and NOT work."""
    from bot.ops.calls import search as do_search

    text = " ".join(query)
    try:
        hits = do_search(ctx.db, text, company=company, speaker=speaker, section=section, limit=limit)
    except InputError as e:
        raise fail(str(e)) from None
    if as_json:
        echo_json([{"call": h.call.to_json(), "speaker": h.speaker, "section": h.section, "position": h.position,
                    "text": h.text, "snippet": plain(h.snippet),
                    "highlighted": h.snippet.replace("\x02", "<b>").replace("\x03", "</b>")} for h in hits])
        return
    if not hits:
        click.echo(f"No sentence matches {text!r}.")
    for h in hits:
        click.echo(f"#{h.call.id} {h.call.label} · {h.speaker or 'article'} [{h.section or '-'}]: {highlight(h.snippet)}")
