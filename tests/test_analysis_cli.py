"""`figures`, `qa`, `topics`, `digest`, `add-topic`, `reanalyze` through the real CLI and a real SQLite file."""
from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from bot.cli import _register, cli

_register()


def run(db_path, *args: str):
    return CliRunner().invoke(cli, ["--db", str(db_path), *args], catch_exceptions=False)


@pytest.fixture(scope="module")
def stored(tmp_path_factory, samples_dir):
    db_path = tmp_path_factory.mktemp("cli") / "calls.db"
    res = run(db_path, "ingest", "-q", str(samples_dir))
    assert res.exit_code == 0, res.output
    return db_path


def test_figures_of_a_stored_call_by_id_and_ticker(stored):
    res = run(stored, "figures", "NWRB", "--quarter", "Q2 2025")
    assert res.exit_code == 0 and "Northwind" in res.output and "$196.7 million" in res.output
    assert "Guidance:" in res.output and "Reported:" in res.output
    data = json.loads(run(stored, "figures", "NWRB", "-q", "Q2 2025", "--json").output)
    assert {"metric", "value", "unit", "period", "change", "kind", "sentence_position", "speaker"} <= set(data[0])
    cid = json.loads(run(stored, "list", "--json").output)[0]["id"]
    by_id = json.loads(run(stored, "figures", str(cid), "--json", "--kind", "guidance").output)
    assert by_id and all(f["kind"] == "guidance" for f in by_id)


def test_figures_qa_topics_of_a_file_store_nothing(db_path, samples_dir):
    f = str(samples_dir / "nwrb-q2-2025-motley-fool.txt")
    assert "$196.7 million" in run(db_path, "figures", f).output
    qa = json.loads(run(db_path, "qa", f, "--json").output)
    assert qa[0]["analyst"] and qa[0]["firm"] and qa[0]["question"] and qa[0]["answered_by"]
    topics = json.loads(run(db_path, "topics", f, "--json").output)
    assert topics[0]["count"] >= topics[-1]["count"] or topics
    assert all(t["sentences"] for t in topics)
    assert json.loads(run(db_path, "list", "--json").output) == []


def test_qa_and_topics_readable(stored):
    res = run(stored, "qa", "NWRB")
    assert res.exit_code == 0 and "Q: " in res.output and "A (" in res.output
    res = run(stored, "topics", "NWRB")
    assert res.exit_code == 0 and "sentences (" in res.output
    listing = run(stored, "topics", "--list")
    assert "Inventory and supply chain" in listing.output and "AI and technology" in listing.output


def test_digest_and_user_topics(stored):
    res = run(stored, "digest", "inventory", "-n", "3")
    assert res.exit_code == 0 and res.output.count("\n  - ") == 3 and "Q" in res.output
    both = json.loads(run(stored, "digest", "inventory", "-c", "NWRB", "-c", "Halcyon", "-n", "30", "--json").output)
    assert {i["company"].split()[0] for i in both["items"]} == {"Northwind", "Halcyon"}
    data = json.loads(run(stored, "digest", "AI", "and", "technology", "--company", "NWRB", "--json").output)
    assert data["key"] == "ai" and all(i["company"].startswith("Northwind") for i in data["items"])
    assert all(i["citation"] for i in data["items"])
    res = run(stored, "add-topic", "robots", "Atlas, Harbor")
    assert res.exit_code == 0 and "2 phrases" in res.output
    data = json.loads(run(stored, "digest", "robots", "--json").output)
    assert data["items"] and data["message"] is None
    assert "Robots" not in run(stored, "topics", "--list").output or "(yours)" in run(stored, "topics", "--list").output


@pytest.mark.parametrize("args,msg", [
    (["digest", "inventory", "--since", "last week"], "not a date"),
    (["digest", "inventory", "--company", "Nonexistent Corp"], "No company"),
    (["figures", "99999"], "No call with id 99999"),
    (["qa", "nosuchfile.txt"], "does not exist"),
    (["add-topic", "!!", "??"], "name"),
])
def test_bad_arguments_are_one_line(stored, args, msg):
    res = CliRunner().invoke(cli, ["--db", str(stored), *args])
    assert res.exit_code == 1 and msg in res.output and "Traceback" not in res.output
    assert len(res.output.strip().splitlines()) == 1


@pytest.mark.parametrize("content", [
    b"", b"Revenue grew.", b"12 34 56 78.9 1000 2022", "📈🚀🔥 😀".encode(), b"Revenue was $5 million. " * 45_000,
    "小米第四季度营收660亿元，同比下降22.8%。经调整净利润15亿元。".encode(), "Der Umsatz stieg um 5 % auf 3 Mrd. Euro.".encode(),
])
@pytest.mark.parametrize("command", ["figures", "qa", "topics"])
def test_bad_documents_give_a_result_or_one_line(tmp_path, db_path, content, command):
    f = tmp_path / "doc.txt"
    f.write_bytes(content)
    res = CliRunner().invoke(cli, ["--db", str(db_path), command, str(f)])
    assert "Traceback" not in res.output
    assert res.exception is None or isinstance(res.exception, SystemExit)
    assert res.exit_code in (0, 1) and res.output.strip()
    if res.exit_code == 1:
        assert len(res.output.strip().splitlines()) == 1


def test_reanalyze_command(stored):
    run(stored, "reanalyze")
    assert run(stored, "reanalyze").output.startswith("0 calls reanalysed")
    out = run(stored, "reanalyze", "--all").output
    assert out.split()[0].isdigit() and int(out.split()[0]) >= 6
