"""Bytes to text: size cap, binary detection, BOMs, UTF-8, cp1252 — each refusal one clear line."""
from __future__ import annotations

import codecs
import re

from summarizer.errors import BinaryInput, EmptyInput, InputError, TooLarge

DEFAULT_MAX_BYTES = 20 * 1024 * 1024  # Telegram's bot download limit

_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"PK\x03\x04", "a ZIP archive (.docx, .xlsx and .zip are not supported)"),
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"\x7fELF", "a program (ELF binary)"),
    (b"MZ", "a Windows program"),
    (b"\xd0\xcf\x11\xe0", "an old Office document (.doc/.xls)"),
    (b"Rar!", "a RAR archive"),
    (b"7z\xbc\xaf", "a 7-Zip archive"),
    (b"SQLite format 3", "an SQLite database"),
)
_UTF8_MULTIBYTE = re.compile(rb"[\xc2-\xf4][\x80-\xbf]+")
_STRAY = re.compile("[\udc80-\udcff]")
_BAD_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")
_SEND = "send a transcript as .txt, .md, .html, .pdf or .json"


def human_size(n: int) -> str:
    """12.3 MB style sizes for messages."""
    return f"{n / 1024 / 1024:.1f} MB" if n >= 1024 * 1024 else f"{n / 1024:.0f} KB"


def check_size(size: int, name: str, max_bytes: int) -> None:
    """Refuse a document over the cap before anything reads it."""
    if size > max_bytes:
        raise TooLarge(
            f"{name} is {human_size(size)}, over the {human_size(max_bytes)} limit: "
            f"split it, or raise the cap with --max-bytes / EARNINGS_BOT_MAX_BYTES."
        )


def binary_kind(data: bytes) -> str | None:
    """What binary format `data` is, if it is a known one."""
    for magic, what in _MAGIC:
        if data.startswith(magic):
            return what
    return None


def decode(data: bytes, name: str = "-") -> str:
    """Decode a text document to str with normalised newlines; raise InputError subclasses on anything else."""
    if not data.strip():
        raise EmptyInput(f"{name} is empty: {_SEND} with the call's text in it.")
    text = _decode_bom(data)
    if text is None:
        kind = binary_kind(data)
        if kind:
            raise BinaryInput(f"{name} is {kind}, not a transcript: {_SEND}.")
        if b"\x00" in data[:65536]:
            text = _try_utf16_without_bom(data)
            if text is None:
                raise BinaryInput(f"{name} contains binary data (NUL bytes), not text: {_SEND}.")
        else:
            text = _decode_8bit(data, name)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if "\x00" in text:
        raise BinaryInput(f"{name} contains binary data (NUL bytes), not text: {_SEND}.")
    sample = text[:100_000]
    if sample and len(_BAD_CONTROL.findall(sample)) > max(8, len(sample) // 200):
        raise BinaryInput(f"{name} looks like binary data, not text: {_SEND}.")
    if not text.strip():
        raise EmptyInput(f"{name} has no text: {_SEND} with the call's text in it.")
    return text


def _decode_bom(data: bytes) -> str | None:
    for bom, enc in ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
                     (codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"),
                     (codecs.BOM_UTF16_BE, "utf-16")):
        if data.startswith(bom):
            try:
                return data.decode(enc)
            except UnicodeDecodeError as e:
                raise InputError(f"the text is not valid {enc.upper()} (byte {e.start}): save it again as UTF-8 and resend.")
    return None


def _try_utf16_without_bom(data: bytes) -> str | None:
    """UTF-16 text saved without a BOM: NULs in every other byte."""
    head = data[:4096]
    even, odd = head[0::2].count(0), head[1::2].count(0)
    enc = "utf-16-le" if odd > len(head) // 4 and even < odd // 8 else "utf-16-be" if even > len(head) // 4 and odd < even // 8 else None
    if enc is None:
        return None
    try:
        return data.decode(enc)
    except UnicodeDecodeError:
        return None


def _decode_8bit(data: bytes, name: str) -> str:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as e:
        utf8_error = e
    if _UTF8_MULTIBYTE.search(data):
        mixed = data.decode("utf-8", "surrogateescape")
        stray = _STRAY.findall(mixed)
        if len(stray) <= max(3, len(data) // 2000):
            # UTF-8 with a few Windows-1252 bytes pasted in (a stray 0x92 apostrophe): repair those bytes.
            return _STRAY.sub(lambda m: bytes([ord(m.group()) - 0xDC00]).decode("cp1252", "replace"), mixed)
        # Real UTF-8 sequences next to many invalid ones: a damaged UTF-8 file, not a legacy encoding.
        raise InputError(
            f"{name} is not valid UTF-8 (bad byte at offset {utf8_error.start}): "
            f"save it again as UTF-8 and resend."
        )
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError:
        raise InputError(
            f"{name} is neither UTF-8 nor Windows-1252 text (bad byte at offset {utf8_error.start}): "
            f"save it again as UTF-8 and resend."
        ) from None
