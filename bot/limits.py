"""Every bound on work the bot does for one input, in one place (docs/limits.md lists them with what happens at each).

Settings are read from the environment when used, so the CLI, the bot and the worker processes share them; a
malformed value falls back to the default here (`earnings-bot run` refuses it at start, see bot/config.py)."""
from __future__ import annotations

import os

# Documents
PARSE_SECONDS = 120.0  # EARNINGS_BOT_PARSE_SECONDS: reading, analysing and storing one document, in a worker process
WORKER_MEMORY_MB = 2048  # EARNINGS_BOT_WORKER_MEMORY_MB: address space of that worker process
# (the text-side bounds live beside their code: summarizer.sentences.MAX_SENTENCE_CHARS, summarizer.parse.pdf
# MAX_PAGES / MAX_CONTENT_BYTES, summarizer.parse.speakers.MAX_CANDIDATES, storage.search MIN_PREFIX_CHARS ...)

# Fetching (links, feeds, pages)
FETCH_SECONDS = 15.0  # EARNINGS_BOT_FETCH_SECONDS: the whole request, redirects, headers and body included
MAX_ENCODING_LAYERS = 2  # stacked Content-Encoding values decoded (each within the size cap)
SOURCE_SECONDS = 300.0  # EARNINGS_BOT_SOURCE_SECONDS: one source's polling pass (what is left waits for the next)
MAX_SOURCES_AT_ONCE = 4  # sources polled side by side
INBOX_SETTLE_SECONDS = 2.0  # EARNINGS_BOT_INBOX_SETTLE_SECONDS: an inbox file is read once unmodified this long

# Replies and handlers
HANDLER_SECONDS = 10.0  # EARNINGS_BOT_HANDLER_SECONDS: building one reply (a view) off the event loop
SEARCH_SECONDS = 5.0  # EARNINGS_BOT_SEARCH_SECONDS: one full-text search inside SQLite
MAX_REPLY_PARTS = 3  # messages sent for one reply before a "More" button
MORE_CACHE = 200  # replies whose next parts a "More" button can still send (least recently used dropped)
QUERY_CACHE = 1000  # long search queries whose next-page buttons still work (least recently used dropped)

# Chats
CHAT_BURST = 20  # EARNINGS_BOT_CHAT_BURST: updates a chat may send at once
CHAT_PER_MINUTE = 30  # EARNINGS_BOT_CHAT_PER_MINUTE: then this many a minute
MAX_CONCURRENT_UPDATES = 32  # updates handled at the same time, across chats (one at a time within a chat)
ADMIN_CACHE_SECONDS = 60.0  # how long a group admin check (getChatMember) is remembered
SHUTDOWN_SECONDS = 10.0  # SIGINT/SIGTERM to exit, whatever is running


def _number(name: str, default: float) -> float:
    raw = os.environ.get(name, "").strip()
    try:
        value = float(raw) if raw else default
    except ValueError:
        return default
    return value if value > 0 and value < 10**9 else default


def parse_seconds() -> float:
    """Time limit of one document's worker process (read, parse, analyse, store)."""
    return _number("EARNINGS_BOT_PARSE_SECONDS", PARSE_SECONDS)


def worker_memory_mb() -> int:
    """Address-space limit of a document's worker process, in MB."""
    return int(_number("EARNINGS_BOT_WORKER_MEMORY_MB", WORKER_MEMORY_MB))


def fetch_seconds() -> float:
    """The one deadline of a fetch (connection, every redirect, headers and body)."""
    return _number("EARNINGS_BOT_FETCH_SECONDS", FETCH_SECONDS)


def source_seconds() -> float:
    """One source's time budget per polling pass."""
    return _number("EARNINGS_BOT_SOURCE_SECONDS", SOURCE_SECONDS)


def inbox_settle_seconds() -> float:
    """How long an inbox file must be left unmodified before it is read (a file still being copied in waits)."""
    return _number("EARNINGS_BOT_INBOX_SETTLE_SECONDS", INBOX_SETTLE_SECONDS)


def handler_seconds() -> float:
    """Time limit of building one reply off the event loop."""
    return _number("EARNINGS_BOT_HANDLER_SECONDS", HANDLER_SECONDS)


def search_seconds() -> float:
    """Time limit of one full-text search inside SQLite."""
    return _number("EARNINGS_BOT_SEARCH_SECONDS", SEARCH_SECONDS)


def chat_burst() -> int:
    """Updates a chat may send at once before the rate limit answers."""
    return int(_number("EARNINGS_BOT_CHAT_BURST", CHAT_BURST))


def chat_per_minute() -> float:
    """Updates a chat may send a minute, after its burst."""
    return _number("EARNINGS_BOT_CHAT_PER_MINUTE", CHAT_PER_MINUTE)
