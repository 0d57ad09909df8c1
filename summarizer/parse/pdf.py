"""PDF to text with pypdf; page headers, footers and page numbers removed.

Bounds, checked before any text is extracted: at most MAX_PAGES pages and MAX_CONTENT_BYTES of decompressed
page content in all (a page's content counted each time a page uses it: a 37 KB file whose 200 pages share
one 2 MB stream is 400 MB of drawing to interpret). pypdf itself caps one stream's decompression at 75 MB."""
from __future__ import annotations

import io
import logging
import re
from collections import Counter

from summarizer.errors import BadPdf

_INNER_SPACES = re.compile(r"(?<=\S)[ \t]{2,}(?=\S)")
_SPLIT_WORD = re.compile(r"(\w-)[ \t]*\n[ \t]*(?=[a-z])")
_PAGE_NO = re.compile(r"^(?:page\s*)?\d{1,4}(?:\s*(?:of|/)\s*\d{1,4})?$", re.I)
MAX_PAGES = 1000
MAX_CONTENT_BYTES = 32 * 1024 * 1024  # decompressed page content, all pages together (~25 s of pypdf's work)


def pdf_text(data: bytes, name: str) -> str:
    """The text layer of a PDF; encrypted, corrupt and image-only PDFs get one clear line."""
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    logging.getLogger("pypdf").setLevel(logging.ERROR)
    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted:
            try:
                ok = reader.decrypt("")
            except Exception:
                ok = 0
            if not ok:
                raise BadPdf(f"{name} is password-protected: remove the password (e.g. print it to a new PDF) and send it again.")
        _check_bounds(reader, name)
        pages = [_page_text(p) for p in reader.pages]
    except BadPdf:
        raise
    except (PdfReadError, ValueError, KeyError, TypeError, AttributeError, IndexError, OSError, RecursionError) as e:
        raise BadPdf(f"{name} is a damaged PDF ({type(e).__name__}): export it again, or send the transcript as text.") from None
    except Exception as e:  # pypdf raises a wide range on hostile files; none may escape as a traceback
        if "encrypt" in str(e).lower() or "cryptography" in str(e).lower():
            raise BadPdf(f"{name} is encrypted: remove the password and send it again.") from None
        raise BadPdf(f"{name} could not be read as a PDF ({type(e).__name__}): export it again, or send the text.") from None
    text = _strip_running_lines(pages)
    if len(text.strip()) < 20:
        raise BadPdf(f"{name} has no text layer (a scan?): run OCR on it, or send the transcript as text.")
    return text


def _check_bounds(reader, name: str) -> None:  # noqa: ANN001 (pypdf's PdfReader)
    """BadPdf when the PDF has more pages, or more page content, than this bot reads."""
    n = len(reader.pages)
    if n > MAX_PAGES:
        raise BadPdf(f"{name} has {n:,} pages, over the {MAX_PAGES:,}-page limit: send the transcript's pages only, "
                     f"or the transcript as text.")
    sizes: dict[object, int] = {}
    total = 0
    for page in reader.pages:
        total += _content_bytes(page, sizes)
        if total > MAX_CONTENT_BYTES:
            raise BadPdf(f"{name} holds more page content than the {MAX_CONTENT_BYTES // 2**20} MB this bot reads "
                         f"(pages that repeat one huge drawing?): export it again as a text PDF, or send the "
                         f"transcript as text.")


def _content_bytes(page, sizes: dict) -> int:  # noqa: ANN001
    """Decompressed bytes of a page's content streams; each distinct stream decompressed once (`sizes`)."""
    from pypdf.generic import ArrayObject, IndirectObject

    contents = page.get("/Contents")
    if contents is None:
        return 0
    resolved = contents.get_object() if isinstance(contents, IndirectObject) else contents
    refs = list(resolved) if isinstance(resolved, ArrayObject) else [contents]
    total = 0
    for ref in refs:
        key = (ref.idnum, ref.generation) if isinstance(ref, IndirectObject) else id(ref)
        if key not in sizes:
            obj = ref.get_object() if isinstance(ref, IndirectObject) else ref
            get = getattr(obj, "get_data", None)
            sizes[key] = len(get()) if get is not None else 0
        total += sizes[key]
    return total


def _page_text(page) -> str:  # noqa: ANN001 (pypdf's PageObject)
    """The page's text; layout mode first because it keeps the blank lines between paragraphs."""
    try:
        text = page.extract_text(extraction_mode="layout") or ""
    except Exception:  # layout mode is stricter about odd fonts and operators than plain mode
        text = ""
    if not text.strip():
        text = page.extract_text() or ""
    text = _INNER_SPACES.sub(" ", text)
    return _SPLIT_WORD.sub(r"\1", text)  # "forward-\nlooking" -> "forward-looking"


def _strip_running_lines(pages: list[str]) -> str:
    """Drop page numbers and lines repeated at the top or bottom of most pages."""
    split = [[ln.strip() for ln in p.split("\n")] for p in pages]
    edge: Counter[str] = Counter()
    for lines in split:
        nonblank = [ln for ln in lines if ln]
        edge.update(set(nonblank[:2] + nonblank[-2:]))
    running = {ln for ln, n in edge.items() if len(pages) >= 3 and n >= max(3, len(pages) // 2) and len(ln) < 120}
    out: list[str] = []
    for lines in split:
        out.extend(ln for ln in lines if ln not in running and not _PAGE_NO.match(ln))
        out.append("")
    return "\n".join(out)
