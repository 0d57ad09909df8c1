"""The terminal chat's log lines reach the user's terminal: one line each, never a traceback."""
from __future__ import annotations

import io
import logging

from bot.cli.run_cmds import OneLineLog, _chat_logging
from bot.config import Config


def test_an_error_with_a_traceback_is_one_line() -> None:
    out = io.StringIO()
    h = logging.StreamHandler(out)
    h.setFormatter(OneLineLog())
    log = logging.getLogger("tests.chat_logging")
    log.addHandler(h)
    log.propagate = False
    try:
        try:
            int("²")
        except ValueError:
            log.error("error while handling an update", exc_info=True)
        log.warning("plain %s", "note")
    finally:
        log.removeHandler(h)
    lines = out.getvalue().splitlines()
    assert lines == ["error: error while handling an update (ValueError: invalid literal for int() with base 10: '²')",
                     "warning: plain note"]


def test_chat_logging_formats_every_root_handler_one_line() -> None:
    root = logging.getLogger()
    saved, level = [(h, h.formatter) for h in root.handlers], root.level
    try:
        _chat_logging(Config())
        assert root.handlers and all(isinstance(h.formatter, OneLineLog) for h in root.handlers)
    finally:
        for h, f in saved:
            h.setFormatter(f)
        root.setLevel(level)
