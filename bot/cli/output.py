"""Shared CLI output helpers: JSON printing, highlighted snippets, one-line errors."""
from __future__ import annotations

import json
import sys
from typing import Any

import click


SQL_INT_MAX = 2**63 - 1  # SQLite's largest INTEGER
# chat and call ids: a larger number is a one-line usage error, never an OverflowError from SQLite
ID = click.IntRange(-SQL_INT_MAX - 1, SQL_INT_MAX)
# a byte cap past 1 TiB means "no cap" (clamped: Python cannot read() more than an index-sized count)
MAX_BYTES = click.IntRange(1, 2**40, clamp=True)


def echo_json(data: Any) -> None:
    """Print JSON (UTF-8, indented) to stdout."""
    click.echo(json.dumps(data, ensure_ascii=False, indent=2, default=str))


def highlight(snippet: str) -> str:
    """Render \\x02hit\\x03 marks: bold on a terminal, **hit** otherwise."""
    if sys.stdout.isatty():
        return snippet.replace("\x02", "\x1b[1m").replace("\x03", "\x1b[0m")
    return snippet.replace("\x02", "**").replace("\x03", "**")


def plain(snippet: str) -> str:
    """A snippet without hit marks."""
    return snippet.replace("\x02", "").replace("\x03", "")


def fail(message: str) -> click.ClickException:
    """The one-line error the user sees (exit 1)."""
    return click.ClickException(message)
