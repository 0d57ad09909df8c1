"""`earnings-bot ingest`, `list`, `show`, `search`: getting calls in and finding them again."""
from __future__ import annotations

import sys
from pathlib import Path

import click

from bot.cli import Ctx, cli
from bot.cli.output import ID, MAX_BYTES, echo_json, fail, highlight
from summarizer.errors import InputError

PROGRESS_MIN_FILES = 5  # a progress bar (stderr, terminals only) from this many documents up


def open_db_or_fail(ctx: Ctx):  # -> sqlite_utils.Database
    """The command's database, or one line naming the fix when the file cannot be used as one (see Ctx.db)."""
    return ctx.db


@cli.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--max-bytes", type=MAX_BYTES, default=None,
              help="Size cap per document in bytes (default $EARNINGS_BOT_MAX_BYTES or 20 MB, Telegram's bot limit).")
@click.option("-q", "--quiet", is_flag=True, help="Print only failures and the closing line.")
@click.option("--json", "as_json", is_flag=True, help="Print the outcome of every document as JSON.")
@click.option("-j", "--jobs", type=click.IntRange(1, 64), default=None,
              help="Worker processes that parse and analyse (default: the number of cores; 1: all in this process).")
@click.option("--company", help="The company, whatever the document says (also for a copy already stored).")
@click.option("--ticker", help="The ticker, e.g. NWRB.")
@click.option("--quarter", help="The fiscal quarter, e.g. 'Q4 2021' (or 2021 for a year).")
@click.option("--date", "call_date", help="The call's date, e.g. 2022-02-10.")
@click.pass_obj
def ingest(ctx: Ctx, paths: tuple[str, ...], max_bytes: int | None, quiet: bool, as_json: bool,
           jobs: int | None, company: str | None, ticker: str | None, quarter: str | None, call_date: str | None) -> None:
    """Store transcripts from PATHS: files, folders (recursively), http(s) URLs, or - for stdin.

    Any supported format (text, Markdown, HTML, PDF, Motley Fool JSON). The same content again is
    reported as a duplicate (filling in what the stored call lacked: its quarter, ticker, date); a
    different text for a stored company and quarter is kept as a new version. --company, --ticker,
    --quarter and --date set that metadata whatever the document says. Ends with 'N added, N
    duplicates, N failed' and each failure's reason; exits 1 if any document failed (the good ones
    are stored). Parsing and analysis run in -j worker processes; one writer stores the calls in input
    order, each call all-or-nothing, and the output is the same for any -j."""
    from bot.ops.batch_ingest import default_jobs, expand_paths, ingest_paths
    from bot.ops.corrections import changes
    from bot.ops.documents import allow_private_from_env, max_bytes_from_env

    try:
        overrides = changes(company=company, ticker=ticker, quarter=quarter, date=call_date)
    except InputError as e:
        raise fail(str(e)) from None
    cap = max_bytes or max_bytes_from_env()
    allow_private = allow_private_from_env()
    n_docs = sum(1 for _ in expand_paths(paths))
    kw = dict(max_bytes=cap, allow_private=allow_private, jobs=jobs or default_jobs(), db_path=ctx.db_path,
              overrides=overrides or None)
    if n_docs >= PROGRESS_MIN_FILES and sys.stderr.isatty() and not as_json:
        with click.progressbar(length=n_docs, label="Ingesting", file=sys.stderr) as bar:
            report = ingest_paths(lambda: open_db_or_fail(ctx), paths, progress=lambda _n: bar.update(1), **kw)
    else:
        report = ingest_paths(lambda: open_db_or_fail(ctx), paths, **kw)
    if as_json:
        echo_json({"results": [dict(r.to_json(), document=n) for n, r in report.results],
                   "failures": [{"document": f.name, "reason": f.reason} for f in report.failures],
                   "added": report.count("added") + report.count("version"), "versions": report.count("version"),
                   "duplicates": report.count("duplicate"), "failed": len(report.failures), "summary": report.summary})
    else:
        if not quiet:
            for name, r in report.results:
                base = r.call.label.rsplit(" (v", 1)[0]
                if r.status == "added":
                    click.echo(f"added #{r.call_id} {base}: {name}")
                elif r.status == "version":
                    click.echo(f"added #{r.call_id} {base} as version {r.version} "
                               f"(supersedes #{r.call.supersedes}): {name}")
                else:
                    click.echo(f"duplicate of #{r.call_id} {r.call.label}: {name}"
                               + (f" (set {r.filled} on #{r.call_id})" if r.filled else ""))
                if r.note:
                    click.echo(f"note: {r.note}", err=True)
        for f in report.failures:
            click.echo(f"failed: {failure_line(f.name, f.reason)}", err=True)
        click.echo(report.summary)
    if report.failures:
        sys.exit(1)


def failure_line(name: str, reason: str) -> str:
    """'DOC reason': the parser names the file by its base name; say the path the user typed instead, once."""
    if reason.startswith(name):
        return reason
    base = "stdin.txt" if name == "-" else Path(name).name
    if base and reason.startswith(base):
        return ("standard input" if name == "-" else name) + reason[len(base):]
    return f"{name}: {reason}"


@cli.command(name="list")
@click.option("--company", help="Only this company (name, ticker or a close spelling).")
@click.option("--limit", type=click.IntRange(1, 10000), default=20, show_default=True, help="List at most this many calls.")
@click.option("--all-versions", is_flag=True, help="Also list versions superseded by a later text of the same call.")
@click.option("--json", "as_json", is_flag=True, help="Print the calls as a JSON list.")
@click.pass_obj
def list_(ctx: Ctx, company: str | None, limit: int, all_versions: bool, as_json: bool) -> None:
    """List stored calls, most recent quarter first."""
    from bot.ops.calls import latest_calls

    try:
        calls = latest_calls(open_db_or_fail(ctx), company, limit=limit, all_versions=all_versions)
    except InputError as e:
        raise fail(str(e)) from None
    if as_json:
        echo_json([c.to_json() for c in calls])
        return
    if not calls:
        click.echo("No calls stored yet: add some with `earnings-bot ingest FILE...`.")
    for c in calls:
        click.echo(f"#{c.id:<5} {c.label:38} {c.call_date or '':10}  {c.n_turns:>3} turns  {c.n_words:>6} words  "
                   f"{c.source or ''}")


@cli.command()
@click.argument("call_id", type=ID)
@click.option("--turns", "with_turns", is_flag=True, help="Print every turn in full.")
@click.option("--json", "as_json", is_flag=True, help="Print the call (and with --turns its turns) as JSON.")
@click.pass_obj
def show(ctx: Ctx, call_id: int, with_turns: bool, as_json: bool) -> None:
    """Show a stored call: its metadata, speakers and (with --turns) what they said."""
    from bot.ops.calls import get_call

    try:
        d = get_call(open_db_or_fail(ctx), call_id)
    except InputError as e:
        raise fail(str(e)) from None
    speakers = _speakers(d.turns)
    if as_json:
        data = d.to_json() if with_turns else dict(d.call.to_json(), superseded_by=d.superseded_by)
        data["speakers"] = speakers
        echo_json(data)
        return
    c = d.call
    click.echo(click.style(f"#{c.id} {c.label}", bold=True) + (f"  {c.call_date}" if c.call_date else ""))
    if c.title:
        click.echo(c.title)
    click.echo(f"{c.n_turns} turns, {c.n_words} words, source {c.source}, stored {c.ingested_at}"
               + (f", supersedes #{c.supersedes}" if c.supersedes else "")
               + (f", superseded by #{d.superseded_by} (a later text of this call)" if d.superseded_by else ""))
    for s in speakers:
        extra = ", ".join(x for x in (s["title"], s["firm"]) if x)
        n = s["turns"]
        click.echo(f"  {s['role']:9} {s['speaker']}" + (f" ({extra})" if extra else "") + f"  {n} turn{'s' * (n != 1)}")
    if with_turns:
        if d.preamble:
            click.echo("\n" + click.style("[article]", bold=True) + "\n" + d.preamble)
        for t in d.turns:
            click.echo("\n" + click.style(t.speaker, bold=True) + f"  [{'Q&A' if t.section == 'qa' else 'prepared'}]\n{t.text}")


def _speakers(turns: list) -> list[dict]:
    seen: dict[str, dict] = {}
    for t in turns:
        s = seen.setdefault(t.speaker, {"speaker": t.speaker, "role": t.role, "title": t.title, "firm": t.firm, "turns": 0})
        s["turns"] += 1
    return list(seen.values())


# `search margin -china`: -china is a word to exclude. No short options at all, or click would read -china as
# -c -h -i -n -a and show the help for its h; `search -h` alone still shows it (below).
@cli.command(context_settings={"ignore_unknown_options": True, "help_option_names": ["--help"]})
@click.argument("query", nargs=-1, required=True)
@click.option("--company", help="Only calls of this company (name, ticker or a close spelling).")
@click.option("--quarter", help="Only calls of this quarter, e.g. 'Q3 2025' (with --company: that company's).")
@click.option("--exact", is_flag=True, help="The words as typed: no synonyms from the finance thesaurus.")
@click.option("--speaker", help="Only sentences by speakers whose name contains this.")
@click.option("--section", type=click.Choice(["prepared", "qa"]), help="Only prepared remarks, or only Q&A.")
@click.option("--limit", type=click.IntRange(1, 100), default=10, show_default=True, help="Show at most this many hits.")
@click.option("--offset", type=click.IntRange(0, 10**6, clamp=True), default=0, help="Skip this many hits (paging).")
@click.option("--json", "as_json", is_flag=True,
              help="Print hits as JSON: plain snippet plus [start, end] offsets of each matched word.")
@click.pass_obj
def search(ctx: Ctx, query: tuple[str, ...], company: str | None, quarter: str | None, exact: bool,
           speaker: str | None, section: str | None, limit: int, offset: int, as_json: bool) -> None:
    """Full-text search over every stored sentence, best match first.

    Words are ANDed and matched by stem (margin finds margins); "quoted phrases", OR, NOT or -word,
    and prefix* work. Each word or phrase also finds the other ways its concept is said (capex finds
    "capital expenditures"); =word, ="a phrase" or --exact search the words as typed. Any text is safe:
    search syntax never turns into an error."""
    from bot.ops.calls import search as do_search
    from summarizer.thesaurus import matched_note

    if query == ("-h",):
        click.echo(click.get_current_context().get_help())
        return
    typo = next((w for w in query if w.startswith("--") and len(w) > 2), None)
    if typo:
        raise fail(f"no such option: {typo}: see `earnings-bot search --help` for the options.")
    text = " ".join(query)
    try:
        hits = do_search(open_db_or_fail(ctx), text, company=company, quarter=quarter, speaker=speaker,
                         section=section, limit=limit, offset=offset, exact=exact)
    except InputError as e:
        raise fail(str(e)) from None
    if as_json:
        echo_json([h.to_json() for h in hits])
        return
    if not hits:
        click.echo(f"No sentence matches {text!r}" + (" with those filters." if company or quarter or speaker or section
                                                       else "."))
    for h in hits:
        where = f"{h.speaker or 'article'}, {'Q&A' if h.section == 'qa' else 'prepared' if h.section else 'intro'}"
        note = matched_note(h.matched)
        click.echo(f"#{h.call.id} {h.call.label} · {where}: {highlight(h.snippet)}" + (f"  ({note})" if note else ""))


@cli.command()
@click.argument("call_id", type=ID)
@click.option("--yes", "-y", is_flag=True, help="Do not ask for confirmation.")
@click.option("--json", "as_json", is_flag=True, help="Print what was removed as JSON.")
@click.pass_obj
def delete(ctx: Ctx, call_id: int, yes: bool, as_json: bool) -> None:
    """Delete a stored call: its turns, sentences (and their search rows), analyses and the alerts about it not
    yet sent. Nothing else changes; a later version of it stays. Asks first unless --yes."""
    from bot.ops import corrections as ops

    db = open_db_or_fail(ctx)
    try:
        preview = ops.delete_preview(db, call_id)
        if not yes and not as_json and not click.confirm(f"Delete {ops.removal_line(preview)}?", err=True):
            raise fail("Nothing deleted (answer y, or pass --yes).")
        gone = ops.delete_call(db, call_id)
    except InputError as e:
        raise fail(str(e)) from None
    if as_json:
        echo_json(gone.to_json())
        return
    click.echo(f"deleted {ops.removal_line(gone)}")


@cli.command()
@click.argument("call_id", type=ID)
@click.option("--company", help="The company it belongs to ('none' clears it).")
@click.option("--ticker", help="Its ticker, e.g. NWRB ('none' clears it).")
@click.option("--quarter", help="Its fiscal quarter, e.g. 'Q4 2021', or 2021 for a year ('none' clears it).")
@click.option("--date", "call_date", help="The call's date, e.g. 2022-02-10 ('none' clears it).")
@click.option("--title", help="Its title.")
@click.option("--json", "as_json", is_flag=True, help="Print the call before and after as JSON.")
@click.pass_obj
def edit(ctx: Ctx, call_id: int, company: str | None, ticker: str | None, quarter: str | None, call_date: str | None,
         title: str | None, as_json: bool) -> None:
    """Re-point a stored call to another company, ticker, quarter or date; its analyses, search rows and alerts
    follow it, and it becomes the latest version of its new company and quarter."""
    from bot.ops import corrections as ops

    try:
        ch = ops.changes(company=company, ticker=ticker, quarter=quarter, date=call_date, title=title)
        before, after = ops.edit_call(open_db_or_fail(ctx), call_id, ch)
    except InputError as e:
        raise fail(str(e)) from None
    if as_json:
        echo_json({"before": before.to_json(), "after": after.to_json()})
        return
    click.echo(f"#{call_id} {before.label} is now {after.label}" + (f" ({after.call_date})" if after.call_date else "")
               + f": set {ch.describe()}")
