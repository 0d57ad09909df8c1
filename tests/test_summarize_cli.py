"""`earnings-bot summary`: files and stored calls, readable and JSON output, lengths, sections, bad input."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from bot.cli import _register, cli


def _run(*args: str, db: Path | None = None):
    _register()
    pre = ["--db", str(db)] if db else []
    return CliRunner().invoke(cli, pre + list(args))


@pytest.fixture
def sample(samples_dir: Path) -> Path:
    return samples_dir / "nwrb-q2-2025-motley-fool.txt"


def test_file_summary_readable(sample: Path) -> None:
    r = _run("summary", str(sample), "--sentences", "4")
    assert r.exit_code == 0, r.output
    lines = r.output.splitlines()
    assert lines[0] == "Northwind Robotics Inc Q2 2025" and lines[1].startswith("Summary (default")
    bullets = [ln for ln in lines if ln.startswith("  - ")]
    assert len(bullets) == 4 and all(":" in b for b in bullets)
    assert "Operator" not in r.output and "forward-looking" not in r.output


def test_file_summary_json_contract(sample: Path) -> None:
    r = _run("summary", str(sample), "--json", "-n", "3", "--section", "qa", "--method", "textrank")
    assert r.exit_code == 0, r.output
    data = json.loads(r.output)
    assert data["method"] == "textrank" and len(data["sentences"]) == 3
    pos = [s["position"] for s in data["sentences"]]
    assert pos == sorted(pos)
    assert all(set(s) == {"text", "speaker", "turn", "position"} and s["speaker"] for s in data["sentences"])


def test_word_budget(sample: Path) -> None:
    r = _run("summary", str(sample), "--words", "40", "--json")
    data = json.loads(r.output)
    assert data["sentences"] and sum(len(s["text"].split()) for s in data["sentences"]) <= 40


def test_a_word_budget_no_sentence_fits_says_so_not_nothing_to_summarize(sample: Path) -> None:
    r = _run("summary", str(sample), "--words", "2")
    assert r.exit_code == 0 and "no sentence fits in 2 words" in r.output and "nothing to summarize" not in r.output


def test_stored_call_by_id_and_ticker(sample: Path, db_path: Path) -> None:
    from bot.ops.ingest import ingest_bytes
    from storage.db import open_db

    db = open_db(db_path)
    res = ingest_bytes(db, sample.read_bytes(), sample.name)
    db.close()
    by_id = _run("summary", str(res.call_id), "--json", db=db_path)
    assert by_id.exit_code == 0, by_id.output
    by_file = _run("summary", str(sample), "--json")
    assert json.loads(by_id.output) == json.loads(by_file.output)
    by_ticker = _run("summary", "NWRB", db=db_path)
    assert by_ticker.exit_code == 0 and f"#{res.call_id}" in by_ticker.output.splitlines()[0]


@pytest.mark.parametrize("args,message", [
    (["summary", "missing-call.txt"], "does not exist"),
    (["summary", "999"], "999"),
    (["summary", "{sample}", "--method", "bogus"], "Unknown summary method"),
    (["summary", "{sample}", "--sentences", "2", "--words", "10"], "either --sentences or --words"),
])
def test_bad_input_one_line(sample: Path, db_path: Path, args: list[str], message: str) -> None:
    r = _run(*[a.replace("{sample}", str(sample)) for a in args], db=db_path)
    assert r.exit_code != 0 and message in r.output and "Traceback" not in r.output


def test_document_with_no_sentences_says_so(tmp_path: Path) -> None:
    f = tmp_path / "numbers.txt"
    f.write_text("Jane Roe: 12 34 56\n", encoding="utf-8")
    r = _run("summary", str(f))
    assert r.exit_code == 0 and "nothing to summarize" in r.output and "  - " not in r.output


def test_document_without_text_is_one_line_error(tmp_path: Path) -> None:
    f = tmp_path / "emoji.txt"
    f.write_text("\U0001f4c8\U0001f680\n", encoding="utf-8")
    r = _run("summary", str(f))
    assert r.exit_code == 1 and "Traceback" not in r.output and len(r.output.strip().splitlines()) == 1
