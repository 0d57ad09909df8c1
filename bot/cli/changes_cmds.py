"""`earnings-bot changes`, `chart`, `export`: what changed since the last call, charts across quarters, files."""
from __future__ import annotations

import sys
from pathlib import Path

import click

from bot.cli import Ctx, cli
from bot.cli.output import echo_json, fail
from summarizer.errors import InputError


def _header(call) -> str:  # type: ignore[no-untyped-def]
    from bot.formatting import call_header

    return call_header(call)


@cli.command()
@click.argument("ref")
@click.option("--quarter", "-q", default=None, help="With a ticker or company: the quarter, e.g. Q3 2025 (default: latest).")
@click.option("--json", "as_json", is_flag=True, help="Print the comparison as JSON (call, previous, guidance, "
              "vs_guidance, figures, topics, tone).")
@click.pass_obj
def changes(ctx: Ctx, ref: str, quarter: str | None, as_json: bool) -> None:
    """What changed since the company's previous stored call: guidance moves, results against guidance,
    reported figures against earlier quarters, topic shifts, tone."""
    from bot.changes_format import changes_html
    from bot.formatting import html_to_terminal
    from bot.ops import changes as ops
    from bot.ops.calls import resolve_call

    db = ctx.db
    try:
        call = resolve_call(db, ref, quarter)
        ch = ops.changes_for_call(db, call.id)
    except InputError as e:
        raise fail(str(e)) from None
    if as_json:
        echo_json(ch.to_json())
        return
    click.echo(html_to_terminal(changes_html(ch, _header(call)), ansi=sys.stdout.isatty()))


@cli.command()
@click.argument("ref")
@click.argument("what", required=False)
@click.option("-o", "--output", "out", type=click.Path(dir_okay=False, path_type=Path), required=True,
              help="The PNG file to write.")
@click.pass_obj
def chart(ctx: Ctx, ref: str, what: str | None, out: Path) -> None:
    """A chart of a company's stored quarters as PNG: WHAT is a metric (default revenue: reported values with
    each quarter's guided range as a band), 'tone' or 'topics'."""
    from bot.ops import series

    try:
        data, caption = series.chart_png(ctx.db, ref, what)
    except InputError as e:
        raise fail(str(e)) from None
    try:
        out.expanduser().write_bytes(data)
    except OSError as e:
        raise fail(f"cannot write {out}: {e.strerror or e}: choose another -o path.") from None
    click.echo(caption)
    click.echo(str(out))


@cli.command("export")
@click.argument("company", required=False, default="all")
@click.option("--format", "fmt", type=click.Choice(["csv", "json"]), default="csv", show_default=True,
              help="One CSV table (a record column says figure, guidance or qa) or JSON lists.")
@click.option("-o", "--output", "out", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="The file to write (default: standard output).")
@click.pass_obj
def export_cmd(ctx: Ctx, company: str, fmt: str, out: Path | None) -> None:
    """Figures (with periods, kinds and sources), guidance history and Q&A digests of a company, or of all
    companies, as one CSV table or JSON (columns: docs/changes.md)."""
    from bot.ops.export import export

    try:
        data, name = export(ctx.db, company, fmt)
    except InputError as e:
        raise fail(str(e)) from None
    if out is None:
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
        return
    try:
        out.expanduser().write_bytes(data)
    except OSError as e:
        raise fail(f"cannot write {out}: {e.strerror or e}: choose another -o path.") from None
    click.echo(f"wrote {out} ({len(data):,} bytes)", err=True)
