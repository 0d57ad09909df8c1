"""Every input bounded (issue 14, rows 2, 3, 6, 7, 8 and the query cache): decoded size on the raw stream, one
deadline per fetch, no entity expansion in feeds, sentences capped at store time and clipped when shown, long
replies behind a "More" button, near-linear speaker merging, PDF pages and content capped, search prefixes
bounded and time-limited, the long-query cache an LRU. Real functions on loopback servers."""
from __future__ import annotations

import gzip
import resource
import socket
import threading
import time
from pathlib import Path
from types import SimpleNamespace

import pytest

from bot.fetch import fetch_url
from summarizer.errors import BadPdf, FetchError, InputError, TooLarge
from tests.hostile import shared_stream_pdf

MB = 1024 * 1024


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


# ---------------------------------------------------------------- row 2: stacked Content-Encoding

def test_stacked_gzip_is_capped_on_its_decoded_size_and_identity_is_asked_for(site) -> None:
    bomb = gzip.compress(gzip.compress(b"\0" * (120 * MB), compresslevel=1))  # ~1 KB on the wire
    site.routes["/bomb"] = (200, {"Content-Type": "text/plain", "Content-Encoding": "gzip, gzip"}, bomb)
    before = _peak_mb()
    t0 = time.monotonic()
    with pytest.raises(TooLarge, match="decompressed"):
        fetch_url(site.url("/bomb"), max_bytes=2 * MB, allow_private=True)
    assert time.monotonic() - t0 < 5 and _peak_mb() - before < 100  # it stopped at the cap, not at 300 MB
    assert site.hits[-1][1].get("Accept-Encoding") == "identity"
    triple = gzip.compress(gzip.compress(gzip.compress(b"Operator: hi")))  # the attack's 272 bytes -> 2.1 GB
    site.routes["/triple"] = (200, {"Content-Type": "text/plain", "Content-Encoding": "gzip, gzip, gzip"}, triple)
    with pytest.raises(FetchError, match="compressed 3 times over"):
        fetch_url(site.url("/triple"), max_bytes=2 * MB, allow_private=True)


def test_a_compressed_page_within_the_cap_is_decoded(site) -> None:
    site.routes["/ok"] = (200, {"Content-Type": "text/plain", "Content-Encoding": "gzip"}, gzip.compress(b"Operator: hi"))
    assert fetch_url(site.url("/ok"), max_bytes=MB, allow_private=True) == (b"Operator: hi", "ok.txt")


# ---------------------------------------------------------------- row 7: one deadline, headers included

class _Trickle:
    """A server that sends its answer one byte every `gap` seconds: headers (`what="headers"`) or body."""

    def __init__(self, what: str, gap: float = 0.2) -> None:
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(5)
        self.what, self.gap, self.stop = what, gap, threading.Event()
        threading.Thread(target=self._serve, daemon=True).start()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.sock.getsockname()[1]}/call.txt"

    def _serve(self) -> None:
        while not self.stop.is_set():
            try:
                conn, _ = self.sock.accept()
            except OSError:
                return
            threading.Thread(target=self._answer, args=(conn,), daemon=True).start()

    def _answer(self, conn: socket.socket) -> None:
        head = b"HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 100000\r\n" + b"X-Pad: a\r\n" * 500
        try:
            conn.recv(65536)
            if self.what == "body":
                conn.sendall(head + b"\r\n")
            for i in range(100000):
                if self.stop.is_set():
                    break
                conn.sendall((head if self.what == "headers" else b"x" * 100000)[i:i + 1])
                time.sleep(self.gap)
        except OSError:
            pass
        finally:
            conn.close()

    def close(self) -> None:
        self.stop.set()
        self.sock.close()


@pytest.mark.parametrize("what", ["headers", "body"])
def test_a_trickling_server_is_cut_at_the_one_deadline(what: str) -> None:
    server = _Trickle(what)
    try:
        t0 = time.monotonic()
        with pytest.raises(FetchError, match="did not answer in full within 1 s"):
            fetch_url(server.url, max_bytes=MB, timeout=1.0, allow_private=True)
        assert time.monotonic() - t0 < 2.0  # each byte came well within the per-read timeout: only a total bound stops it
    finally:
        server.close()


def test_a_slow_feed_delays_no_other_source(db, tmp_path: Path, monkeypatch, settled) -> None:
    from bot import sources

    monkeypatch.setenv("EARNINGS_BOT_FETCH_SECONDS", "3")
    slow = _Trickle("body")
    try:
        sources.add_source(db, "rss " + slow.url)
        inbox = tmp_path / "in"
        inbox.mkdir()
        sources.add_source(db, f"inbox {inbox}")
        (inbox / "call.txt").write_bytes((Path(__file__).parent / "data" / "alerts" / "nwrb-q3-2025-call.txt").read_bytes())
        settled(inbox / "call.txt")
        t0 = time.time()
        feed, box = sources.poll_due(db, allow_private=True)
        took = time.time() - t0
    finally:
        slow.close()
    assert "did not answer in full within 3 s" in feed.error and box.added == 1
    # the inbox was done while the feed still trickled (polled one after the other it would be done after `took`)
    assert (inbox / "done").stat().st_mtime - t0 < took - 0.5 and took >= 3


# ---------------------------------------------------------------- row 3: entity declarations in feeds

LAUGHS = (b'<?xml version="1.0"?>\n<!DOCTYPE rss [\n<!ENTITY a "' + b"lol" * 2000 + b'">\n'
          + b"".join(b'<!ENTITY %s "%s">\n' % (bytes([98 + i]), (b"&%s;" % bytes([97 + i])) * 30) for i in range(5))
          + b']>\n<rss version="2.0"><channel><title>IR</title><item><title>Call</title><guid>g1</guid>'
          + b"<description>" + b"&f;" * 200 + b" Operator: welcome.</description></item></channel></rss>")


def test_entity_declarations_are_removed_before_the_feed_is_parsed() -> None:
    from bot.sources import parse_feed, strip_declarations

    assert b"<!ENTITY" not in strip_declarations(LAUGHS) and b"<!DOCTYPE" not in strip_declarations(LAUGHS)
    before, t0 = _peak_mb(), time.monotonic()
    feed = parse_feed(LAUGHS)  # expanded, this is 2,000 x 30^5 "lol"s: about 145 GB
    assert time.monotonic() - t0 < 5 and _peak_mb() - before < 100
    (entry,) = feed["entries"]
    assert entry["key"] == "g1" and "lol" not in entry["body"] and "Operator: welcome." in entry["body"]


def test_a_utf16_feed_cannot_hide_its_declarations() -> None:
    from bot.sources import strip_declarations

    clean = strip_declarations(LAUGHS.decode().replace('version="1.0"', 'version="1.0" encoding="utf-16"')
                               .encode("utf-16"))
    assert b"ENTITY" not in clean and b"Operator: welcome." in clean and b"utf-16" not in clean


def test_an_entity_feed_polled_by_a_source_ends_as_one_line(db, site) -> None:
    from bot import sources

    site.routes["/feed"] = (200, {"Content-Type": "application/rss+xml"}, LAUGHS)
    sources.add_source(db, "rss " + site.url("/feed"))
    (r,) = sources.poll_due(db, allow_private=True)  # the entry is a teaser without a link: it fails alone
    assert r.error is None and r.failed == 1


# ---------------------------------------------------------------- row 6: one-line calls, replies, "More"

def test_a_huge_line_is_many_sentences_each_within_the_cap() -> None:
    from summarizer.sentences import MAX_SENTENCE_CHARS, split_sentences

    line = ("Revenue grew and margins expanded across the regions, " * 60_000).strip()  # 3.3 MB, one "sentence"
    out = split_sentences(line)
    assert len(out) > 1000 and max(map(len, out)) <= MAX_SENTENCE_CHARS
    assert " ".join(out) == line  # every character kept, in order
    assert max(map(len, split_sentences("x" * 50_000))) == MAX_SENTENCE_CHARS  # no space at all: cut hard


def test_a_one_line_call_gets_a_short_summary_and_a_quick_search(fake_bot_api, tmp_path: Path) -> None:
    from tests.fakebotapi.harness import BotHarness

    call = ("Jane Roe: " + "Revenue was up and we expect demand to stay strong across every region we serve " * 12_000
            ).encode()  # 1 MB on one line: the attack's /summary sent 253 messages
    bot = BotHarness(fake_bot_api, tmp_path / "bot.db", admin_ids=frozenset({5}))
    try:
        added = bot.document(call, "oneline.txt")
        assert added[0]["text"].startswith("Added") and len(added) <= 1 + 3
        summary = bot.command("summary", "1")
        assert 1 <= len(summary) <= 3
        bullets = [ln for m in summary for ln in m["text"].splitlines() if ln.startswith("•")]
        assert bullets and all(len(b) <= 760 for b in bullets)
        t0 = time.monotonic()
        found = bot.command("search", "revenue")
        assert len(found) == 1 and "revenue" in found[0]["html"].lower() and time.monotonic() - t0 < 5
        assert fake_bot_api.violations == []
    finally:
        bot.close()


def test_a_long_reply_sends_three_parts_then_a_more_button(fake_bot_api, tmp_path: Path) -> None:
    from storage import transcripts as store
    from storage.db import open_db, write_transaction
    from summarizer.model import Sentence, Transcript, Turn
    from tests.fakebotapi.harness import BotHarness, buttons

    db = open_db(tmp_path / "bot.db")
    for i in range(900):  # /companies: 900 companies is some 14 messages of text
        tr = Transcript(title="x", company=f"Company Number {i:04d} Holdings", ticker=f"C{i:04d}", fiscal_quarter=1,
                        fiscal_year=2025, turns=[Turn(speaker="Jane Roe", text="Revenue grew.")])
        with write_transaction(db):
            store.insert_call(db, tr, [Sentence(turn=0, position=0, text="Revenue grew.")], f"c{i}")
    db.close()
    bot = BotHarness(fake_bot_api, tmp_path / "bot.db")
    try:
        first = bot.command("companies")
        assert len(first) == 3 and first[0]["text"].startswith("(1/")
        more = buttons(first[-1])
        (label,) = more
        assert label.startswith("More (")
        _, nxt = bot.press(first[-1], more[label])
        assert len(nxt) == 3 and nxt[0]["text"].startswith("(4/")
        _, again = bot.press(first[-1], more[label])  # pressed twice: the parts are not sent twice
        assert again == []
        assert fake_bot_api.violations == []
    finally:
        bot.close()


# ---------------------------------------------------------------- row 8: speakers and PDFs

def test_speaker_merging_compares_each_name_with_a_bounded_few(monkeypatch) -> None:
    from summarizer.parse import speakers

    calls = 0
    real = speakers.nickname_of

    def counted(a, b):  # type: ignore[no-untyped-def]
        nonlocal calls
        calls += 1
        return real(a, b)

    monkeypatch.setattr(speakers, "nickname_of", counted)
    names = [f"Analyst{i:05d} Surname{i % 2000}" for i in range(10_000)]  # the attack's 10,000 speakers (60 s)
    mapping = speakers.canonical_names(names)
    assert len(mapping) == 10_000 and mapping["Analyst00001 Surname1"] == "Analyst00001 Surname1"
    assert calls <= len(names) * 10  # each meets the few sharing its surname; all pairs: 100 million comparisons
    calls = 0
    speakers.canonical_names([f"Analyst{i:05d} Smith" for i in range(2000)])  # one surname for everyone
    assert calls <= 2000 * speakers.MAX_CANDIDATES
    same = speakers.canonical_names(["Kelly Wall", "C. Kelly Wall", "Mr. Wall", "Greg Ashby", "Gregory Ashby"])
    assert same == {"Kelly Wall": "C. Kelly Wall", "C. Kelly Wall": "C. Kelly Wall", "Mr. Wall": "C. Kelly Wall",
                    "Greg Ashby": "Gregory Ashby", "Gregory Ashby": "Gregory Ashby"}


def test_pdf_pages_sharing_one_huge_stream_are_refused_before_extraction() -> None:
    from summarizer.parse.pdf import MAX_CONTENT_BYTES, MAX_PAGES, pdf_text

    t0 = time.monotonic()
    with pytest.raises(BadPdf, match="more page content"):
        pdf_text(shared_stream_pdf(pages=200, content_bytes=2 * MB), "shared.pdf")  # the attack's 37 KB PDF
    assert time.monotonic() - t0 < 5
    with pytest.raises(BadPdf, match=f"over the {MAX_PAGES:,}-page limit"):
        pdf_text(shared_stream_pdf(pages=MAX_PAGES + 1, content_bytes=100), "long.pdf")
    assert MAX_CONTENT_BYTES < 40 * MB
    assert "Revenue grew" in pdf_text(shared_stream_pdf(pages=2, content_bytes=5000), "small.pdf")


def test_a_document_past_its_time_limit_is_killed_with_one_line(tmp_path: Path, monkeypatch) -> None:
    from bot import worker
    from bot.ops.ingest import ingest_bytes_at

    monkeypatch.setenv("EARNINGS_BOT_PARSE_SECONDS", "2")
    pdf = shared_stream_pdf(pages=12, content_bytes=2_500_000)
    t0 = time.monotonic()
    with pytest.raises(worker.TooComplex, match="took longer than 2 s"):
        worker.run(ingest_bytes_at, str(tmp_path / "e.db"), pdf, "call.pdf", 20 * MB, None, what="call.pdf")
    assert time.monotonic() - t0 < 6 and worker.running() == 0


def test_a_worker_that_needs_too_much_memory_is_one_line(monkeypatch) -> None:
    from bot import worker

    monkeypatch.setenv("EARNINGS_BOT_WORKER_MEMORY_MB", "1024")
    with pytest.raises(worker.TooComplex, match="more than 1,024 MB of memory"):
        worker.run(bytearray, 3 * 1024 * MB, timeout=30)


# ---------------------------------------------------------------- row 1: search

def test_search_prefixes_are_bounded(db) -> None:
    from storage.search import MAX_PREFIX_TERMS, SearchTooBroad, fts_query

    attack = " OR ".join(c + "*" for c in "abcdefghijklmnopqrstuvwxyz0123456789")
    with pytest.raises(SearchTooBroad, match="too short a prefix"):
        fts_query(attack)
    with pytest.raises(SearchTooBroad, match=f"more than {MAX_PREFIX_TERMS} prefix terms"):
        fts_query(" OR ".join(f"rev{c}*" for c in "abcde"))
    assert fts_query("manufact* OR guid*") == '"manufact"* OR "guid"*'


def test_a_search_past_its_time_limit_is_interrupted(db, samples_dir: Path) -> None:
    from bot.ops import calls
    from bot.ops.ingest import ingest_bytes
    from storage.db import TimeLimitExceeded

    ingest_bytes(db, (samples_dir / "nwrb-q2-2025-motley-fool.txt").read_bytes(), "q2.txt")
    assert calls.search(db, "revenue", limit=3)
    with pytest.raises(TimeLimitExceeded, match="took too long"):
        calls.search(db, "revenue OR margin OR guidance", limit=3, timeout=1e-9)
    assert calls.search(db, "revenue", limit=3)  # the connection works on afterwards


def test_the_long_query_cache_is_bounded() -> None:
    from bot.limits import QUERY_CACHE
    from bot.telegram.handlers import query_cache, search_data

    context = SimpleNamespace(bot_data={})
    datas = [search_data(context, f"a long search number {i} about gross margin and pricing power")(1)
             for i in range(4000)]
    cache = query_cache(context)
    assert len(cache) == QUERY_CACHE
    assert cache[datas[-1].rsplit("|", 1)[1]].startswith("a long search number 3999")
    assert datas[0].rsplit("|", 1)[1] not in cache  # the oldest button now says it has expired


def test_every_input_error_here_is_one_line() -> None:
    for e in (FetchError("x"), TooLarge("x"), BadPdf("x")):
        assert isinstance(e, InputError)
