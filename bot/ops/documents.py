"""Reading one document (a file, an http(s) URL or '-' for stdin) within a byte cap, for every entry point.

A file's size is checked BEFORE it is read into memory; stdin and URLs are read at most one byte past the
cap. Everything unusable is an InputError with one line saying what is wrong and what to do."""
from __future__ import annotations

import errno
import os
import stat
import sys
from pathlib import Path

from summarizer.errors import InputError
from summarizer.parse import DEFAULT_MAX_BYTES, check_size

_TRUE = ("1", "true", "yes")
# What an inbox folder takes and uploads accept: transcript formats (.vtt/.srt: webcast captions).
TRANSCRIPT_SUFFIXES = (".txt", ".text", ".md", ".markdown", ".html", ".htm", ".xhtml", ".pdf", ".json", ".vtt", ".srt")


def max_bytes_from_env() -> int:
    """The document size cap: EARNINGS_BOT_MAX_BYTES when a positive number, else 20 MB (Telegram's bot limit)."""
    raw = os.environ.get("EARNINGS_BOT_MAX_BYTES", "").strip()
    return min(int(raw), 2**40) if raw.isascii() and raw.isdigit() and int(raw) > 0 else DEFAULT_MAX_BYTES


def allow_private_from_env() -> bool:
    """Whether URLs on private or loopback addresses may be fetched: EARNINGS_BOT_ALLOW_PRIVATE_URLS=1|true|yes,
    the bot's setting of the same name (one switch for the CLI and the bot)."""
    return os.environ.get("EARNINGS_BOT_ALLOW_PRIVATE_URLS", "").strip().lower() in _TRUE


def is_url(name: str) -> bool:
    return name.lower().startswith(("http://", "https://"))


def read_source(source: str, *, max_bytes: int, allow_private: bool = False) -> tuple[bytes, str]:
    """The bytes and a file-like name for a file path, an http(s) URL or '-' (stdin)."""
    if source == "-":
        return read_document(source, None, max_bytes), "-"
    if is_url(source):
        from bot.fetch import fetch_url

        return fetch_url(source, max_bytes=max_bytes, allow_private=allow_private)
    path = Path(source).expanduser()
    return read_document(source, path, max_bytes), path.name


def read_document(name: str, path: Path | None, max_bytes: int) -> bytes:
    """The bytes of one file (stdin when `path` is None), refusing what is too large before reading it."""
    if path is not None and not name.strip():
        raise InputError("The path is empty: name a transcript file, a folder, an http(s) URL, or - for stdin.")
    if path is None:
        data = _read_capped(sys.stdin.buffer, max_bytes)
        check_size(len(data), "standard input", max_bytes)
        return data
    try:
        st = path.stat()
        if stat.S_ISDIR(st.st_mode):
            raise InputError(_folder_reason(name, path))
        if not stat.S_ISREG(st.st_mode):
            raise InputError(f"{name} is not a regular file (a pipe or device?): save the transcript to a file first.")
        check_size(st.st_size, name, max_bytes)
        with path.open("rb") as f:
            data = _read_capped(f, max_bytes)
        check_size(len(data), name, max_bytes)  # it grew while we read it
        return data
    except FileNotFoundError:
        if path.is_symlink():
            raise InputError(f"{name} is a link to a file that does not exist: fix or remove the link.") from None
        raise InputError(f"{name} does not exist: check the path.") from None
    except PermissionError:
        raise InputError(f"{name} cannot be read (permission denied): check its permissions.") from None
    except OSError as e:
        if e.errno == errno.ELOOP:
            raise InputError(f"{name} is a symbolic link that loops back on itself: fix or remove the link.") from None
        raise InputError(f"{name} cannot be read ({e.strerror or type(e).__name__}): check the path.") from None


def _read_capped(f, max_bytes: int) -> bytes:
    """At most max_bytes + 1 bytes, a MiB at a time (read(n) would first allocate n bytes: a 1 TiB cap is fine)."""
    chunks: list[bytes] = []
    total = 0
    while total <= max_bytes:
        chunk = f.read(min(1 << 20, max_bytes + 1 - total))
        if not chunk:
            break
        chunks.append(chunk)
        total += len(chunk)
    return b"".join(chunks)


def _folder_reason(name: str, path: Path) -> str:
    if not _has_files(path):
        return f"{name} is a folder with no files in it: put transcripts in it, or name the files."
    return f"{name} is a folder: name a transcript file in it (`earnings-bot ingest` takes whole folders)."


def _has_files(folder: Path) -> bool:
    """Whether the folder holds a file that is not hidden, at any depth (stops at the first one)."""
    for _root, dirs, files in os.walk(folder, followlinks=False):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        if any(not f.startswith(".") for f in files):
            return True
    return False
