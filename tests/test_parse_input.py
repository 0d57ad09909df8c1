"""Bytes in: encodings, size cap, binary and broken documents — each refused with one clear line, never a traceback."""
from __future__ import annotations

import io
import json
import time

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from summarizer.errors import (
    BadJson,
    BadPdf,
    BinaryInput,
    EmptyInput,
    InputError,
    NoTranscript,
    TooLarge,
    UnsupportedFormat,
)
from summarizer.parse import parse_bytes, parse_text

CALL = ("Operator: Welcome to the Acme third quarter 2024 call.\n\n"
        "Zoë Müller: Revenue rose 8% to €1.2 billion — a record. “Margins” held.\n\n"
        "Operator: Our first question comes from Jan Novák with Acme Securities.\n\n"
        "Jan Novák: How’s demand?\n\nZoë Müller: Strong.\n")


def _speakers(data: bytes, name: str = "call.txt") -> list[str]:
    return [t.speaker for t in parse_bytes(data, name).turns]


@pytest.mark.parametrize("encoded", [
    CALL.encode("utf-8"),
    b"\xef\xbb\xbf" + CALL.encode("utf-8"),
    CALL.encode("utf-16"),  # BOM + little-endian
    b"\xfe\xff" + CALL.encode("utf-16-be"),
    CALL.replace("€", "EUR").encode("cp1252"),
], ids=["utf-8", "utf-8-bom", "utf-16-le-bom", "utf-16-be-bom", "cp1252"])
def test_encodings(encoded):
    tr = parse_bytes(encoded, "call.txt")
    assert [t.speaker for t in tr.turns] == ["Operator", "Zoë Müller", "Operator", "Jan Novák", "Zoë Müller"]
    assert "“Margins”" in tr.turns[1].text and "\ufeff" not in tr.turns[0].text
    assert tr.turns[3].text == "How’s demand?"


def test_utf8_with_a_few_stray_windows_1252_bytes_is_repaired():
    data = "Operator: Welcome — to the call.\n\nJo Ma: It’s great.".encode() + b" We\x92re up 5%."
    assert parse_bytes(data, "x.txt").turns[1].text == "It’s great. We’re up 5%."


def test_windows_line_endings():
    assert _speakers(CALL.replace("\n", "\r\n").encode()) == ["Operator", "Zoë Müller", "Operator", "Jan Novák", "Zoë Müller"]


@pytest.mark.parametrize("data, cls, words", [
    (b"", EmptyInput, "empty"),
    (b"  \n\t\n ", EmptyInput, "empty"),
    (b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4, BinaryInput, "PNG"),
    (b"PK\x03\x04" + b"\x00" * 200, BinaryInput, "ZIP"),
    (bytes(range(256)) * 40, BinaryInput, "binary"),
    (b"Operator: hello \xe2\x82\xac then " + b"\xff\xfe\xfa broken " * 40, InputError, "UTF-8"),
])
def test_bad_bytes_get_one_clear_line(data, cls, words):
    with pytest.raises(cls) as e:
        parse_bytes(data, "upload.txt")
    msg = str(e.value)
    assert "\n" not in msg and words in msg and "upload.txt" in msg


def test_size_cap_is_checked_first():
    data = b"x" * 2048
    with pytest.raises(TooLarge, match=r"over the 1 KB limit.*--max-bytes"):
        parse_bytes(data, "big.txt", max_bytes=1024)
    assert parse_bytes(b"Operator: hi\n\nJo Ma: hello\n", "ok.txt", max_bytes=1024).turns


def test_unsupported_office_file():
    with pytest.raises(UnsupportedFormat, match=r"\.docx files are not supported"):
        parse_bytes(b"PK\x03\x04whatever", "call.docx")


def test_json_of_the_wrong_shape_and_broken_json():
    with pytest.raises(BadJson, match="shape"):
        parse_bytes(json.dumps({"foo": [1, 2]}).encode(), "x.json")
    with pytest.raises(BadJson, match="not valid JSON"):
        parse_bytes(b'{"prepared_remarks": [', "x.json")
    with pytest.raises(BadJson, match="speaker"):
        parse_bytes(json.dumps({"prepared_remarks": [{"speech": 3}]}).encode(), "x.json")
    with pytest.raises(BadJson):
        parse_bytes(json.dumps([1, 2, 3]).encode(), "x.json")
    with pytest.raises(BadJson, match="no turns with text"):
        parse_bytes(json.dumps({"turns": [{"speaker": "A", "text": " "}]}).encode(), "x.json")


def test_html_without_a_transcript():
    page = b"<html><head><script>var a=1;</script></head><body><nav>Home</nav><footer>(c) 2025</footer></body></html>"
    with pytest.raises(NoTranscript, match="no transcript"):
        parse_bytes(page, "page.html")


def test_deeply_nested_html_is_refused_fast():
    page = ("<html><body>" + "<div>" * 100_000 + "Operator: hi" + "</div>" * 100_000 + "</body></html>").encode()
    t0 = time.perf_counter()
    with pytest.raises(InputError, match="nested"):
        parse_bytes(page, "nested.html")
    assert time.perf_counter() - t0 < 10


def _pdf_with_pypdf(encrypt: bool) -> bytes:
    from pypdf import PdfWriter

    w = PdfWriter()
    w.add_blank_page(612, 792)
    if encrypt:
        w.encrypt("secret", algorithm="RC4-128")
    buf = io.BytesIO()
    w.write(buf)
    return buf.getvalue()


def test_encrypted_pdf():
    with pytest.raises(BadPdf, match="password"):
        parse_bytes(_pdf_with_pypdf(encrypt=True), "locked.pdf")


def test_pdf_without_text_layer():
    with pytest.raises(BadPdf, match="no text layer"):
        parse_bytes(_pdf_with_pypdf(encrypt=False), "scan.pdf")


@pytest.mark.parametrize("data", [b"%PDF-1.4\n1 0 obj <<>> garbage", b"%PDF-1.7\n" + bytes(range(256)) * 8,
                                  b"%PDF-"])
def test_corrupt_pdf(data):
    with pytest.raises(BadPdf) as e:
        parse_bytes(data, "broken.pdf")
    assert "\n" not in str(e.value) and "broken.pdf" in str(e.value)


def test_one_long_line_without_punctuation_is_one_turn():
    text = " ".join(["word"] * 400_000)  # ~2 MB, no punctuation, no speakers
    t0 = time.perf_counter()
    tr = parse_text(text)
    assert len(tr.turns) == 1 and tr.turns[0].speaker == "Unknown"
    assert time.perf_counter() - t0 < 5


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=3000))
def test_any_text_parses_or_says_why(text):
    try:
        tr = parse_text(text)
    except InputError:
        return
    for t in tr.turns:
        assert t.role in ("executive", "analyst", "operator", "other") and t.section in ("prepared", "qa")


_LINES = st.lists(st.one_of(
    st.sampled_from(["Operator", "Questions and Answers:", "Prepared Remarks:", "Call participants:", "",
                     "Jane Roe -- Acme -- Analyst", "John Doe -- Chief Executive Officer", "**Jo Ma:**", "# ACME Q1 2024"]),
    st.text(max_size=80).map(lambda s: "Jo Ma: " + s),
    st.text(max_size=120),
), max_size=40).map("\n".join)


@settings(max_examples=150, deadline=None)
@given(_LINES)
def test_transcript_like_text_parses_or_says_why(text):
    try:
        parse_text(text)
    except InputError:
        pass


@settings(max_examples=100, deadline=None)
@given(st.binary(max_size=2000), st.sampled_from(["x.txt", "x.html", "x.json", "x.pdf", "x.md", "-"]))
def test_any_bytes_parse_or_raise_input_error(data, name):
    try:
        parse_bytes(data, name)
    except InputError as e:
        assert str(e) and "\n" not in str(e)
