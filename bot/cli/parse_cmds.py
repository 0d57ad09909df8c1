"""`earnings-bot parse FILE|URL|-`: show how a transcript is read (metadata and speaker turns) without storing it."""
from __future__ import annotations

import json
import shutil

import click

from bot.cli import cli
from bot.cli.output import MAX_BYTES
from bot.ops.documents import allow_private_from_env, max_bytes_from_env, read_source
from summarizer.errors import InputError
from summarizer.model import Transcript
from summarizer.parse import parse_bytes


@cli.command("parse")
@click.argument("source")
@click.option("--json", "as_json", is_flag=True, help="Print the parsed call as JSON (the documented contract).")
@click.option("--max-bytes", type=MAX_BYTES, default=None,
              help="Refuse documents larger than this many bytes (default 20 MB or $EARNINGS_BOT_MAX_BYTES).")
@click.option("--allow-private", is_flag=True, hidden=True, help="Allow URLs on private or loopback addresses.")
def parse_cmd(source: str, as_json: bool, max_bytes: int | None, allow_private: bool) -> None:
    """Parse a transcript FILE, http(s) URL or - (stdin) and show its metadata and speaker turns."""
    cap = max_bytes or max_bytes_from_env()
    allow = allow_private or allow_private_from_env()
    try:
        data, name = read_source(source, max_bytes=cap, allow_private=allow)
        transcript = parse_bytes(data, name, max_bytes=cap)
    except InputError as e:
        raise click.ClickException(str(e)) from None
    if as_json:
        click.echo(json.dumps(transcript.to_json(), ensure_ascii=False, indent=2))
    else:
        click.echo(render_summary(transcript))


def render_summary(tr: Transcript, width: int | None = None) -> str:
    """A readable view: the call's metadata, then one table row per turn."""
    width = width or max(80, min(160, shutil.get_terminal_size((120, 24)).columns))
    period = f"Q{tr.fiscal_quarter} {tr.fiscal_year}" if tr.fiscal_quarter and tr.fiscal_year else (
        str(tr.fiscal_year) if tr.fiscal_year else "-")
    words = sum(len(t.text.split()) for t in tr.turns)
    qa = sum(1 for t in tr.turns if t.section == "qa")
    lines = [
        f"Title:    {tr.title or '-'}",
        f"Company:  {tr.company or '-'}",
        f"Ticker:   {tr.ticker or '-'}",
        f"Quarter:  {period}",
        f"Date:     {tr.call_date or '-'}",
        f"Source:   {tr.source or '-'}",
        f"Turns:    {len(tr.turns)} ({len(tr.turns) - qa} prepared, {qa} Q&A), {words:,} words",
        "",
    ]
    rows = [(str(i + 1), t.speaker, t.role, t.firm or "", "Q&A" if t.section == "qa" else "prepared",
             " ".join(t.text.split())) for i, t in enumerate(tr.turns)]
    heads = ("#", "speaker", "role", "firm", "section", "first words")
    caps = (4, 26, 9, 22, 8)
    widths = [min(cap, max([len(h)] + [len(r[i]) for r in rows])) for i, (h, cap) in enumerate(zip(heads, caps))]
    rest = max(20, width - sum(widths) - 2 * len(widths))
    fmt = "  ".join(f"{{:{w}}}" for w in widths) + "  {}"
    lines.append(fmt.format(*heads))
    lines.append(fmt.format(*("-" * w for w in widths), "-" * min(rest, 11)))
    for r in rows:
        cells = [_clip(c, w) for c, w in zip(r[:5], widths)]
        lines.append(fmt.format(*cells, _clip(r[5], rest)))
    return "\n".join(lines)


def _clip(text: str, width: int) -> str:
    return text if len(text) <= width else text[: max(1, width - 1)] + "…"
