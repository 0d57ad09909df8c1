"""CLI for alerts and delivery: subscriptions, track/untrack, outbox counts, one polling pass, sources."""
from __future__ import annotations

import click

from bot.cli import Ctx, cli
from bot.cli.output import ID, echo_json, fail
from summarizer.errors import InputError


@cli.command()
@click.option("--chat", "chat_id", type=ID, default=None, help="Only this chat's subscriptions.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@click.pass_obj
def subscriptions(obj: Ctx, chat_id: int | None, as_json: bool) -> None:
    """List tracked queries and followed companies, per chat."""
    from storage.alerts import subscriptions as subs

    rows = subs(obj.db, chat_id)
    if as_json:
        echo_json([{"id": s.id, "chat_id": s.chat_id, "kind": s.kind, "query": s.query, "tickers": s.ticker_list,
                    "created_at": s.created_at} for s in rows])
        return
    if not rows:
        click.echo("No subscriptions.")
    for s in rows:
        scope = f"  (for {', '.join(s.ticker_list)})" if s.tickers else ""
        click.echo(f"#{s.id}  chat {s.chat_id}  {s.kind:6}  {s.query}{scope}")


@cli.command()
@click.option("--chat", "chat_id", type=ID, required=True, help="The chat id the alert belongs to.")
@click.argument("query")
@click.option("--for", "tickers", default=None, help="Only calls of these tickers (comma-separated).")
@click.pass_obj
def track(obj: Ctx, chat_id: int, query: str, tickers: str | None) -> None:
    """Add an alert query for a chat (same language as /track)."""
    from bot.ops.alerts import track as do_track

    try:
        sub = do_track(obj.db, chat_id, query, [t.strip() for t in tickers.split(",") if t.strip()] if tickers else None)
    except InputError as e:
        raise fail(str(e)) from None
    click.echo(f"#{sub.id} tracking {sub.query}")


@cli.command()
@click.option("--chat", "chat_id", type=ID, required=True)
@click.argument("ref")
@click.pass_obj
def untrack(obj: Ctx, chat_id: int, ref: str) -> None:
    """Remove a chat's subscription by number, query text, or 'all'."""
    from bot.ops.alerts import untrack as do_untrack

    try:
        gone = do_untrack(obj.db, chat_id, ref)
    except InputError as e:
        raise fail(str(e)) from None
    click.echo("Removed " + ", ".join(f"#{s.id}" for s in gone))


@cli.command()
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@click.option("--failed", "show_failed", is_flag=True, help="Also list the most recent failed messages.")
@click.pass_obj
def outbox(obj: Ctx, as_json: bool, show_failed: bool) -> None:
    """Delivery queue counts: pending, sending (in flight), sent, failed."""
    from storage import outbox as store

    counts = store.counts(obj.db)
    failed = store.items(obj.db, status="failed", limit=20) if show_failed else []
    if as_json:
        echo_json({**counts, "next_due": store.next_due(obj.db),
                   "recent_failed": [{"id": f.id, "chat_id": f.chat_id, "kind": f.kind, "error": f.last_error}
                                     for f in failed]})
        return
    click.echo("  ".join(f"{k}: {v}" for k, v in counts.items()))
    for f in failed:
        click.echo(f"#{f.id} chat {f.chat_id} {f.kind}: {f.last_error}")


@cli.command()
@click.option("--all", "everything", is_flag=True, help="Poll every source, not only the due ones.")
@click.option("--allow-private", is_flag=True, help="Allow feeds and pages on private/loopback addresses.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@click.pass_obj
def poll(obj: Ctx, everything: bool, allow_private: bool, as_json: bool) -> None:
    """One pass over the sources (inbox folders, feeds, pages); new calls are stored and alerts queued."""
    from bot.sources import poll_due

    results = poll_due(obj.db, allow_private=allow_private, everything=everything)
    if as_json:
        echo_json([{"source": r.source.id, "kind": r.source.kind, "location": r.source.location, "added": r.added,
                    "failed": r.failed, "error": r.error} for r in results])
        return
    if not results:
        click.echo("No source is due (add one with `earnings-bot sources add`, or use --all).")
    for r in results:
        state = f"error: {r.error}" if r.error else f"{r.added} added, {r.failed} failed"
        click.echo(f"#{r.source.id} {r.source.kind} {r.source.location}: {state}")


@cli.group()
def sources() -> None:
    """Inbox folders, RSS/Atom feeds and pages polled for new transcripts."""


@sources.command("add")
@click.argument("kind", type=click.Choice(["inbox", "rss", "page"]))
@click.argument("location")
@click.pass_obj
def sources_add(obj: Ctx, kind: str, location: str) -> None:
    """Add a source: inbox FOLDER, rss URL or page URL."""
    from bot.sources import add_source

    try:
        src, new = add_source(obj.db, f"{kind} {location}")
    except InputError as e:
        raise fail(str(e)) from None
    click.echo(f"{'Added' if new else 'Already there'}: #{src.id} {src.kind} {src.location}")


@sources.command("list")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@click.pass_obj
def sources_list(obj: Ctx, as_json: bool) -> None:
    """List sources with their polling state."""
    from dataclasses import asdict

    from bot.sources import list_sources

    items = list_sources(obj.db)
    if as_json:
        echo_json([asdict(s) for s in items])
        return
    if not items:
        click.echo("No sources.")
    for s in items:
        state = f"{s.failures} failure(s): {s.last_error}" if s.failures else (s.last_ok_at or "not polled yet")
        click.echo(f"#{s.id} {s.kind} {s.location}  {state}")


@sources.command("remove")
@click.argument("ref")
@click.pass_obj
def sources_remove(obj: Ctx, ref: str) -> None:
    """Remove a source by number or location."""
    from bot.sources import remove_source

    try:
        s = remove_source(obj.db, ref)
    except InputError as e:
        raise fail(str(e)) from None
    click.echo(f"Removed #{s.id} {s.kind} {s.location}")
