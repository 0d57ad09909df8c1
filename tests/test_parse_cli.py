"""`earnings-bot parse FILE|URL|-`: the readable view, the --json contract, and one-line errors."""
from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from bot.cli import _register, cli

_register()


def run(*args: str, input: bytes | None = None):
    return CliRunner().invoke(cli, ["parse", *args], input=input, catch_exceptions=False)


def test_readable_summary(samples_dir):
    res = run(str(samples_dir / "nwrb-q2-2025-motley-fool.txt"))
    assert res.exit_code == 0
    out = res.output
    for want in ("Title:    Northwind Robotics Inc (NWRB) Q2 2025 Earnings Call Transcript", "Company:  Northwind Robotics Inc",
                 "Ticker:   NWRB", "Quarter:  Q2 2025", "Date:     2025-08-06", "speaker", "first words"):
        assert want in out
    row = next(ln for ln in out.splitlines() if "Kyle Brennan" in ln)
    assert "analyst" in row and "Halvorsen Securities" in row and "Q&A" in row


def test_json_contract(samples_dir):
    res = run(str(samples_dir / "hlcn-q2-2025-call.txt"), "--json")
    assert res.exit_code == 0
    data = json.loads(res.output)
    assert (data["company"], data["ticker"], data["fiscal_quarter"], data["fiscal_year"], data["call_date"]) == (
        "Halcyon Foods", "HLCN", 2, 2025, "2025-07-29")
    assert data["source"] == "hlcn-q2-2025-call.txt"
    turn = data["turns"][5]
    assert turn == {"speaker": "Sarah Lindgren", "role": "analyst", "title": None, "firm": "Marlow Brothers",
                    "section": "qa", "text": turn["text"]}


def test_stdin():
    res = run("-", "--json", input="Operator: Welcome.\n\nJo Ma: Revenue rose.\n".encode())
    assert res.exit_code == 0
    assert [t["speaker"] for t in json.loads(res.output)["turns"]] == ["Operator", "Jo Ma"]


@pytest.mark.parametrize("name, content, words", [
    ("missing.txt", None, "does not exist"),
    ("", None, "is a folder"),
    ("empty.txt", b"", "empty"),
    ("bin.txt", bytes(range(256)) * 10, "binary"),
    ("nested.html", b"<div>" * 5000, "nested"),
])
def test_errors_are_one_line_without_traceback(tmp_path, name, content, words):
    path = tmp_path / name
    if content is not None:
        path.write_bytes(content)
    res = run(str(path))
    assert res.exit_code == 1
    lines = res.output.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("Error: ") and words in lines[0]
    assert "Traceback" not in res.output


def test_max_bytes(tmp_path):
    f = tmp_path / "call.txt"
    f.write_text("Operator: hello there.\n\nJo Ma: " + "word " * 500)
    res = run(str(f), "--max-bytes", "100")
    assert res.exit_code == 1 and "over the" in res.output and "--max-bytes" in res.output
    assert run(str(f), "--max-bytes", "100000").exit_code == 0


def test_max_bytes_from_environment(tmp_path, monkeypatch):
    f = tmp_path / "call.txt"
    f.write_text("Operator: hello there.\n\nJo Ma: " + "word " * 500)
    monkeypatch.setenv("EARNINGS_BOT_MAX_BYTES", "100")
    assert run(str(f)).exit_code == 1


def test_url_on_loopback(monkeypatch, site):
    site.routes["/calls/acme"] = (200, {"Content-Type": "text/html"},
                                  b"<html><body><p>Operator: Welcome.</p><p>Jo Ma: Revenue rose 5%.</p></body></html>")
    url = site.url("/calls/acme")
    refused = run(url)
    assert refused.exit_code == 1 and "private or local address" in refused.output
    monkeypatch.setenv("EARNINGS_BOT_ALLOW_PRIVATE_URLS", "1")
    res = run(url, "--json")
    assert res.exit_code == 0
    data = json.loads(res.output)
    assert data["source"] == "acme.html" and [t["speaker"] for t in data["turns"]] == ["Operator", "Jo Ma"]


def test_parse_is_documented():
    res = CliRunner().invoke(cli, ["parse", "--help"])
    assert res.exit_code == 0 and "FILE, http(s) URL or -" in res.output and "--json" in res.output


def test_a_folder_with_files_points_to_ingest(tmp_path):
    (tmp_path / "call.txt").write_text("Operator: hello there.\n")
    res = run(str(tmp_path))
    assert res.exit_code == 1 and "is a folder" in res.output and "earnings-bot ingest" in res.output
