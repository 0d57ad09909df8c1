"""Generated hostile inputs, just over the bounds they test (not the 19 MB files of the attack pass)."""
from __future__ import annotations

import zlib
from pathlib import Path


def shared_stream_pdf(pages: int, content_bytes: int) -> bytes:
    """A small valid PDF whose `pages` pages all draw one compressed content stream of `content_bytes` (pypdf
    interprets it once per page: about a second per megabyte, in pure Python)."""
    line = b"BT /F1 10 Tf 72 700 Td (Revenue grew in the quarter and margins expanded.) Tj ET\n"
    stream = zlib.compress(line * (content_bytes // len(line)), 9)
    objs = [b"<< /Type /Catalog /Pages 2 0 R >>",
            f"<< /Type /Pages /Kids [{' '.join(f'{5 + i} 0 R' for i in range(pages))}] /Count {pages} >>".encode(),
            b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
            b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(stream) + stream + b"\nendstream"]
    objs += [b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 3 0 R >> >> "
             b"/Contents 4 0 R >>"] * pages
    out, offsets = bytearray(b"%PDF-1.4\n"), []
    for i, o in enumerate(objs, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % i + o + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1)
    out += b"".join(b"%010d 00000 n \n" % off for off in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objs) + 1, xref)
    return bytes(out)


def prefix_heavy_db(path: Path, calls: int = 100, sentences: int = 1000, words: int = 10) -> Path:
    """A database whose sentences hold calls*sentences*words distinct words sharing four 3-letter prefixes
    (abx…, bcx…, cdx…, dex…), stored the normal way: `/search abx* OR bcx* OR cdx* OR dex*` is a permitted
    search that FTS5 must expand into every one of them (about 2 s for a million)."""
    from storage import transcripts as store
    from storage.db import open_db, write_transaction
    from summarizer.model import Sentence, Transcript, Turn

    db = open_db(path)
    k = 0
    for c in range(calls):
        batch = []
        for i in range(sentences):
            ws = []
            for _ in range(words):
                k += 1
                ws.append(f"{'abcd'[k % 4]}{'bcde'[k % 4]}x{k:07d}")
            batch.append(Sentence(turn=0, position=i, text="Revenue " + " ".join(ws) + "."))
        tr = Transcript(title=f"Parts list {c}", company=f"Partsco {c}", ticker=f"PX{c}", fiscal_quarter=1,
                        fiscal_year=2025, turns=[Turn(speaker="Jane Roe", role="executive",
                                                      text=" ".join(s.text for s in batch))])
        with write_transaction(db):
            store.insert_call(db, tr, batch, f"prefix-heavy-{c}")
    db.close()
    return path
