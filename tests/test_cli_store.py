"""The store commands (`ingest`, `list`, `show`, `search`) in-process through click, plus one real process run."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from bot.cli import _register, cli

_register()
STORE_COMMANDS = ("ingest", "list", "show", "search")


def run(db_path: Path, *args: str, input: str | bytes | None = None):
    return CliRunner().invoke(cli, ["--db", str(db_path), *args], input=input, catch_exceptions=False)


@pytest.fixture
def stocked(db_path: Path, samples_dir: Path) -> Path:
    r = run(db_path, "ingest", str(samples_dir))
    assert r.exit_code == 0, r.output
    return db_path


def test_every_command_is_documented() -> None:
    for name, command in cli.commands.items():
        assert command.help and command.help.strip(), f"{name} has no help"
    for name in STORE_COMMANDS:
        for p in cli.commands[name].params:
            if isinstance(p, __import__("click").Option) and not p.hidden and p.name not in ("help",):
                assert p.help, f"{name} {p.opts} has no help"
    for name in STORE_COMMANDS:
        r = CliRunner().invoke(cli, [name, "--help"])
        assert r.exit_code == 0 and "Usage:" in r.output
        assert name in CliRunner().invoke(cli, ["--help"]).output


def test_ingest_prints_each_document_and_the_closing_line(db_path: Path, samples_dir: Path) -> None:
    r = run(db_path, "ingest", str(samples_dir))
    n = len([p for p in samples_dir.iterdir() if p.is_file()])
    assert r.exit_code == 0
    assert r.output.strip().splitlines()[-1] == f"{n} added, 0 duplicates, 0 failed"
    again = run(db_path, "ingest", str(samples_dir / "hlcn-q2-2025-call.txt"))
    assert "duplicate of #" in again.output and again.output.strip().endswith("0 added, 1 duplicate, 0 failed")


def test_ingest_reports_versions_visibly_and_exits_1_on_any_failure(db_path: Path, samples_dir: Path, tmp_path: Path) -> None:
    raw = (samples_dir / "nwrb-q2-2025-motley-fool.txt").read_text()
    (tmp_path / "a.txt").write_text(raw)
    (tmp_path / "b.txt").write_text(raw.replace("Thank you", "Thanks", 1))
    (tmp_path / "c.txt").write_text("")
    r = run(db_path, "ingest", str(tmp_path / "a.txt"), str(tmp_path / "b.txt"), str(tmp_path / "c.txt"))
    assert r.exit_code == 1
    assert "as version 2 (supersedes #1)" in r.output
    assert r.output.strip().splitlines()[-1] == "2 added (1 new version), 0 duplicates, 1 failed"
    assert f"failed: {tmp_path / 'c.txt'} is empty" in r.output
    listed = json.loads(run(db_path, "list", "--json").output)
    assert [c["id"] for c in listed] == [2]  # the superseded version is hidden ...
    assert len(json.loads(run(db_path, "list", "--all-versions", "--json").output)) == 2  # ... unless asked for
    old = json.loads(run(db_path, "show", "1", "--json").output)
    assert old["superseded_by"] == 2 and "superseded by #2" in run(db_path, "show", "1").output


def test_ingest_json(db_path: Path, samples_dir: Path) -> None:
    r = run(db_path, "ingest", "--json", str(samples_dir / "hlcn-q2-2025-call.txt"), str(samples_dir / "nope.txt"))
    assert r.exit_code == 1
    data = json.loads(r.stdout)
    assert (data["added"], data["duplicates"], data["failed"], data["versions"]) == (1, 0, 1, 0)
    res = data["results"][0]
    assert res["status"] == "added" and res["call"]["ticker"] == "HLCN" and res["document"].endswith("hlcn-q2-2025-call.txt")
    assert "does not exist" in data["failures"][0]["reason"]


def test_ingest_from_stdin(db_path: Path, samples_dir: Path) -> None:
    r = run(db_path, "ingest", "-", input=(samples_dir / "hlcn-q2-2025-call.txt").read_bytes())
    assert r.exit_code == 0 and "added #1 Halcyon Foods Q2 2025: -" in r.output


def test_list_show_and_their_json(stocked: Path) -> None:
    r = run(stocked, "list")
    assert r.exit_code == 0 and "Northwind" in r.output and "Halcyon" in r.output
    calls = json.loads(run(stocked, "list", "--json", "--company", "nwrb").output)
    assert [c["fiscal_quarter"] for c in calls] == [4, 3, 2, 1]
    assert set(calls[0]) >= {"id", "company", "ticker", "fiscal_quarter", "fiscal_year", "call_date", "title", "source",
                             "version", "n_turns", "n_words", "ingested_at", "label"}
    cid = calls[0]["id"]
    shown = run(stocked, "show", str(cid))
    assert shown.exit_code == 0 and "Q4 2025" in shown.output and "analyst" in shown.output
    full = run(stocked, "show", str(cid), "--turns")
    assert len(full.output) > len(shown.output) * 3
    data = json.loads(run(stocked, "show", str(cid), "--turns", "--json").output)
    assert len(data["turns"]) == data["n_turns"] and {"speaker", "role", "firm", "section", "text", "idx"} <= set(data["turns"][0])
    assert any(s["role"] == "analyst" and s["firm"] for s in data["speakers"])
    assert "turns" not in json.loads(run(stocked, "show", str(cid), "--json").output)


def test_search_marks_hits_and_filters(stocked: Path) -> None:
    r = run(stocked, "search", "guidance", "--company", "Northwind", "--section", "qa", "--limit", "3")
    lines = r.output.strip().splitlines()
    assert r.exit_code == 0 and 1 <= len(lines) <= 3
    assert all("**" in ln and "Northwind" in ln and "Q&A" in ln for ln in lines)  # not a TTY: **hit**
    data = json.loads(run(stocked, "search", "--json", "gross", "margin").output)
    assert data
    for hit in data:
        assert "\x02" not in hit["snippet"]
        assert all(hit["snippet"][a:b].lower().startswith(("gross", "margin")) for a, b in hit["matches"])
    paged = json.loads(run(stocked, "search", "--json", "--limit", "2", "--offset", "2", "revenue").output)
    first = json.loads(run(stocked, "search", "--json", "--limit", "2", "revenue").output)
    assert {h["sentence_id"] for h in paged}.isdisjoint(h["sentence_id"] for h in first)


def test_search_minus_word_is_an_exclusion_not_an_option(stocked: Path) -> None:
    with_ = json.loads(run(stocked, "search", "--json", "--limit", "100", "revenue").output)
    without = json.loads(run(stocked, "search", "--json", "--limit", "100", "revenue", "-guidance").output)
    assert without and len(without) < len(with_)
    assert all("guidance" not in h["text"].lower() for h in without)
    # a word with an h in it was read as the short options -c -h -i ... and printed the help, exit 0
    china = run(stocked, "search", "--json", "--limit", "100", "revenue", "-growth")
    assert china.exit_code == 0 and not china.output.startswith("Usage"), china.output
    assert all("growth" not in h["text"].lower() for h in json.loads(china.output))
    assert len(json.loads(china.output)) < len(with_)  # some revenue sentences speak of growth
    assert run(stocked, "search", "-h").output.startswith("Usage")
    typo = run(stocked, "search", "revenue", "--compnay", "nwrb")
    assert typo.exit_code == 1 and "--compnay" in typo.output and "--help" in typo.output


@pytest.mark.parametrize("query", ['"unbalanced', "AND AND", "*", "NEAR(", "🙂", "x" * 4000, "col:umn", "-", "OR"])
def test_search_text_never_errors(stocked: Path, query: str) -> None:
    r = run(stocked, "search", "--", query)
    assert r.exit_code == 0 and "Traceback" not in r.output and "fts5" not in r.output.lower()


def test_errors_are_one_line_naming_the_fix(stocked: Path, tmp_path: Path) -> None:
    for args, expect in ((("show", "999"), "earnings-bot list"), (("list", "--company", "Zzyzx"), "earnings-bot list"),
                         (("search", "x", "--company", "Zzyzx"), "No company")):
        r = run(stocked, *args)
        assert r.exit_code == 1 and expect in r.output and len(r.output.strip().splitlines()) == 1, r.output
    notdb = tmp_path / "not-a-db.sqlite"
    notdb.write_text("hello, not sqlite " * 100)
    r = run(notdb, "list")
    assert r.exit_code == 1 and "--db" in r.output and "Traceback" not in r.output


def test_empty_database_says_how_to_add_calls(db_path: Path) -> None:
    r = run(db_path, "list")
    assert r.exit_code == 0 and "earnings-bot ingest" in r.output
    assert json.loads(run(db_path, "list", "--json").output) == []


def test_database_from_environment(tmp_path: Path, samples_dir: Path, monkeypatch) -> None:
    db = tmp_path / "from-env.db"
    monkeypatch.setenv("EARNINGS_BOT_DB", str(db))
    r = CliRunner().invoke(cli, ["ingest", str(samples_dir / "hlcn-q2-2025-call.txt")])
    assert r.exit_code == 0 and db.exists()


def test_real_process_ingest_then_search(tmp_path: Path, samples_dir: Path) -> None:
    eb = Path(sys.executable).with_name("earnings-bot")
    env = dict(os.environ, EARNINGS_BOT_DB=str(tmp_path / "e.db"))
    r = subprocess.run([str(eb), "ingest", str(samples_dir)], capture_output=True, text=True, env=env, timeout=120)
    assert r.returncode == 0 and r.stdout.strip().endswith("0 duplicates, 0 failed"), r.stderr
    r = subprocess.run([str(eb), "search", "--json", "robot"], capture_output=True, text=True, env=env, timeout=60)
    assert r.returncode == 0 and json.loads(r.stdout)
