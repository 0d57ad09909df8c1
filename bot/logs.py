"""Log line formats: one line per event, as text (people) or JSON (collectors: LOG_FORMAT=json).

A traceback stays inside its event's line (JSON: the `exc` field; text: its lines joined by ' | '), so a log
shipper never splits one error into many events. The token is already redacted by `RedactSecrets` (a handler
filter that runs before any formatter), which also fills `record.exc_text`."""
from __future__ import annotations

import json
import logging
from datetime import datetime, timezone

TEXT_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"


def _exc_text(fmt: logging.Formatter, record: logging.LogRecord) -> str | None:
    if record.exc_info and not record.exc_text:
        record.exc_text = fmt.formatException(record.exc_info)
    return record.exc_text or None


class OneLineFormatter(logging.Formatter):
    """The usual text line; a traceback or a multi-line message is folded onto that same line."""

    def __init__(self) -> None:
        super().__init__(TEXT_FORMAT)

    def format(self, record: logging.LogRecord) -> str:
        return " | ".join(part.rstrip() for part in super().format(record).splitlines() if part.strip())


class JsonFormatter(logging.Formatter):
    """One JSON object per line: ts (UTC, ISO 8601), level, logger, message, and exc when there is one."""

    def format(self, record: logging.LogRecord) -> str:
        out = {"ts": datetime.fromtimestamp(record.created, timezone.utc).isoformat(timespec="milliseconds"),
               "level": record.levelname.lower(), "logger": record.name, "message": record.getMessage()}
        exc = _exc_text(self, record)
        if exc:
            out["exc"] = exc
            if record.exc_info and record.exc_info[0] is not None:
                out["exc_type"] = record.exc_info[0].__name__
        if record.stack_info:
            out["stack"] = self.formatStack(record.stack_info)
        return json.dumps(out, ensure_ascii=False)


def formatter(log_format: str) -> logging.Formatter:
    """The formatter for LOG_FORMAT (`text` or `json`)."""
    return JsonFormatter() if log_format == "json" else OneLineFormatter()
