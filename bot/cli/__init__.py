"""The `earnings-bot` command line. Each command group lives in its own module and registers on `cli`."""
from __future__ import annotations

import os
import re
import sqlite3
import sys
from pathlib import Path

import click

from bot.paths import default_db_path


class Ctx:
    """What every command shares: the database path, opened lazily."""

    current_path: Path | None = None  # the database of the command running (named in a write failure's line)

    def __init__(self, db_path: Path) -> None:
        self.db_path = db_path
        self._db = None
        Ctx.current_path = db_path

    @property
    def db(self):  # -> sqlite_utils.Database
        """The database, or one line naming the fix when the file cannot be used as one (every command)."""
        if self._db is None:
            import sqlite3

            from storage.db import DatabaseRefused, open_db

            try:
                self._db = open_db(self.db_path)
            except DatabaseRefused as e:
                raise click.ClickException(str(e)) from None
            except (sqlite3.DatabaseError, OSError) as e:
                raise click.ClickException(
                    f"cannot open the database {self.db_path} ({e}): point --db or EARNINGS_BOT_DB at a writable "
                    f"SQLite file (a new path is created).") from None
        return self._db


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--db", "db_path", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="SQLite database file (default: $EARNINGS_BOT_DB or the user's data folder).")
@click.version_option(package_name="earnings-bot")
@click.pass_context
def cli(ctx: click.Context, db_path: Path | None) -> None:
    """Parse, store, summarize and alert on earnings-call transcripts."""
    ctx.obj = Ctx(db_path or default_db_path())


def _register() -> None:
    import importlib

    for name in ("parse_cmds", "store_cmds", "summary_cmds", "analysis_cmds", "alert_cmds", "run_cmds", "backup_cmds",
                 "changes_cmds"):
        try:
            importlib.import_module(f"bot.cli.{name}")
        except ModuleNotFoundError as e:  # a command group not written yet
            if e.name != f"bot.cli.{name}":
                raise


def main() -> None:
    """Console entry point: no traceback ever reaches the user."""
    from bot.config import ConfigError, apply_dotenv

    _register()
    try:
        apply_dotenv()
        cli(standalone_mode=True)
    except ConfigError as e:
        click.echo(f"Error: {e}", err=True)
        sys.exit(2)
    except KeyboardInterrupt:
        click.echo("Interrupted.", err=True)
        sys.exit(130)
    except sqlite3.OperationalError as e:  # the file became read-only (or its disk full) after it was opened
        if "readonly" not in str(e) and "read-only" not in str(e) and "disk" not in str(e):
            _unexpected(e)
        click.echo(f"Error: the database {Ctx.current_path or default_db_path()} cannot be written ({e}): make the file and its folder writable "
                   f"(and check free space), then run again.", err=True)
        sys.exit(1)
    except Exception as e:  # a bug: one line, never a traceback (EARNINGS_BOT_DEBUG=1 shows it)
        _unexpected(e)


def _unexpected(e: Exception) -> None:
    if os.environ.get("EARNINGS_BOT_DEBUG"):
        raise e
    said = re.sub(r"\b\d{5,20}:[A-Za-z0-9_-]{10,}", "<token>", str(e)[:200])  # never a bot token
    click.echo(f"Error: unexpected {type(e).__name__}: {said} (a bug: please report it with the command; "
               f"EARNINGS_BOT_DEBUG=1 shows the traceback).", err=True)
    sys.exit(1)
