"""`earnings-bot backup PATH` and `restore PATH`: a consistent copy of the database, and putting one back."""
from __future__ import annotations

from pathlib import Path

import click

from bot.cli import Ctx, cli
from bot.cli.output import fail
from summarizer.errors import InputError


def _size(n: int) -> str:
    return f"{n / 1e6:.1f} MB" if n >= 100_000 else f"{n / 1e3:.0f} kB"


@cli.command()
@click.argument("path", type=click.Path(path_type=Path))
@click.option("--force", is_flag=True, help="Replace PATH if it exists.")
@click.pass_obj
def backup(ctx: Ctx, path: Path, force: bool) -> None:
    """Copy the database to PATH (a file, or a folder for a dated earnings-YYYYmmdd-HHMMSS.db in it).

    Consistent while the bot runs (SQLite's online backup API), integrity-checked, one standalone file."""
    from bot.ops.backup import backup as do_backup

    try:
        info = do_backup(ctx.db_path, path, force=force)
    except InputError as e:
        raise fail(str(e)) from None
    click.echo(f"backed up {info.calls:,} call{'s' * (info.calls != 1)} ({_size(info.bytes)}, schema "
               f"{info.schema or 'none'}) to {info.path}: integrity ok")


@cli.command()
@click.argument("path", type=click.Path(path_type=Path))
@click.pass_obj
def restore(ctx: Ctx, path: Path) -> None:
    """Replace the database with the backup at PATH, once it passes its integrity and schema checks.

    The database it replaces is kept beside it (NAME.before-restore-YYYYmmdd-HHMMSS.db). Restart a running
    `earnings-bot run` afterwards: it reads its digest schedules at start."""
    from bot.ops.backup import restore as do_restore

    try:
        done = do_restore(ctx.db_path, path)
    except InputError as e:
        raise fail(str(e)) from None
    b = done.backup
    kept = f"; the database it replaced is kept at {done.kept}" if done.kept else ""
    click.echo(f"restored {b.calls:,} call{'s' * (b.calls != 1)} from {path} (schema {b.schema}) into "
               f"{ctx.db_path}: integrity ok{kept}. Restart `earnings-bot run` if it is running.")
