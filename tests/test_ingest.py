"""Ingest and call look-ups (bot.ops.ingest, bot.ops.calls) over a real SQLite file."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

import bot.ops.ingest as ing
from bot.ops import calls
from bot.ops.batch_ingest import ingest_paths
from summarizer.errors import InputError
from summarizer.parse import parse_bytes


def counts(db) -> tuple[int, ...]:
    return tuple(db.execute(f"select count(*) from {t}").fetchone()[0]
                 for t in ("transcripts", "turns", "sentences", "sentences_fts", "analyses"))


def test_ingest_every_sample_then_again_is_all_duplicates(db, samples_dir: Path) -> None:
    files = sorted(p for p in samples_dir.iterdir() if p.is_file())
    first = [ing.ingest_bytes(db, p.read_bytes(), p.name) for p in files]
    assert [r.status for r in first] == ["added"] * len(files)
    again = [ing.ingest_bytes(db, p.read_bytes(), p.name) for p in files]
    assert [r.status for r in again] == ["duplicate"] * len(files)
    assert [r.call_id for r in again] == [r.call_id for r in first]
    assert db["transcripts"].count == len(files)


def test_reencoded_copy_is_a_duplicate(db, samples_dir: Path) -> None:
    raw = (samples_dir / "hlcn-q2-2025-call.txt").read_bytes()
    a = ing.ingest_bytes(db, raw, "a.txt")
    b = ing.ingest_bytes(db, b"\xef\xbb\xbf" + raw.replace(b"\n", b"\r\n"), "copy-with-bom.txt")
    assert (a.status, b.status, b.call_id) == ("added", "duplicate", a.call_id)


def test_edited_text_of_a_stored_call_is_a_new_version(db, samples_dir: Path) -> None:
    raw = (samples_dir / "nwrb-q2-2025-motley-fool.txt").read_text()
    a = ing.ingest_text(db, raw, "q2.txt")
    b = ing.ingest_text(db, raw.replace("Thank you", "Thanks", 1), "q2-fixed.txt")
    assert (b.status, b.version, b.call.supersedes) == ("version", 2, a.call_id)
    assert calls.resolve_call(db, "NWRB", "Q2 2025").id == b.call_id  # the latest version answers


def test_a_failing_analysis_hook_rolls_back_the_whole_ingest(db, samples_dir: Path, monkeypatch) -> None:
    ing.ingest_bytes(db, (samples_dir / "hlcn-q2-2025-call.txt").read_bytes(), "ok.txt")
    before = counts(db)

    def boom(db_, call_id, rows):
        db_["analyses"].insert({"transcript_id": call_id, "kind": "x", "method": "m", "version": "1", "data": "{}"})
        raise RuntimeError("analysis bug")

    monkeypatch.setattr(ing, "store_analyses", boom)
    with pytest.raises(RuntimeError):
        ing.ingest_bytes(db, (samples_dir / "nwrb-q3-2025-transcript.md").read_bytes(), "q3.md")
    assert counts(db) == before


def test_a_failing_alert_hook_rolls_back_too_and_the_batch_goes_on(db, samples_dir: Path, monkeypatch,
                                                                     tmp_path: Path) -> None:
    def boom(*a):
        raise ValueError("matcher bug")

    monkeypatch.setattr(ing, "match_new_call", boom)
    (tmp_path / "in").mkdir()
    shutil.copy(samples_dir / "hlcn-q2-2025-call.txt", tmp_path / "in" / "a.txt")
    report = ingest_paths(db, [str(tmp_path / "in")])
    assert not report.results and len(report.failures) == 1
    assert "nothing of it was kept" in report.failures[0].reason
    assert counts(db)[:4] == (0, 0, 0, 0)


def test_hooks_see_the_stored_call_inside_the_transaction(db, samples_dir: Path, monkeypatch) -> None:
    seen = {}

    def hook(db_, call_id, transcript, sentences):
        seen["rows"] = db_.execute("select count(*) from sentences where transcript_id = ?", [call_id]).fetchone()[0]
        seen["n"] = len(sentences)
        seen["in_tx"] = db_.conn.in_transaction
        return 0

    monkeypatch.setattr(ing, "match_new_call", hook)
    ing.ingest_bytes(db, (samples_dir / "hlcn-q2-2025-call.txt").read_bytes(), "a.txt")
    assert seen["rows"] == seen["n"] > 10 and seen["in_tx"]


def test_ingest_paths_walks_folders_and_keeps_going(db, samples_dir: Path, tmp_path: Path) -> None:
    tmp_path = tmp_path / "inbox"  # not the folder holding the database file
    (tmp_path / "deep" / "er").mkdir(parents=True)
    shutil.copy(samples_dir / "hlcn-q2-2025-call.txt", tmp_path / "deep" / "er" / "a.txt")
    shutil.copy(samples_dir / "nwrb-q4-2025-page.html", tmp_path / "b.html")
    (tmp_path / "bad.txt").write_bytes(b"")
    (tmp_path / ".hidden.txt").write_bytes(b"")
    seen: list[str] = []
    report = ingest_paths(db, [str(tmp_path), str(tmp_path / "missing.txt")], progress=seen.append)
    assert report.count("added") == 2 and len(report.failures) == 2
    assert len(seen) == 4 and not any(".hidden" in s for s in seen)
    assert report.summary == "2 added, 0 duplicates, 2 failed"


def test_a_folder_walk_passes_over_code_and_an_empty_path_is_not_the_current_folder(
        db, samples_dir: Path, tmp_path: Path, monkeypatch) -> None:
    proj = tmp_path / "proj"
    (proj / "src").mkdir(parents=True)
    shutil.copy(samples_dir / "hlcn-q2-2025-call.txt", proj / "call.txt")
    (proj / "src" / "app.py").write_text('"""A module docstring. It reads like prose, sentence after sentence."""\n')
    (proj / "Makefile").write_text("Two commands: `make run` and `make test`.\n")
    (proj / "notes.docx").write_bytes(b"PK\x03\x04 not a transcript")
    report = ingest_paths(db, [str(proj)])
    assert [r.call.company for _, r in report.results] == ["Halcyon Foods"]
    assert [f.name for f in report.failures] == [str(proj / "notes.docx")]  # refused with its reason
    monkeypatch.chdir(proj)
    for empty in ("", " "):
        report = ingest_paths(db, [empty])
        assert not report.results and "path is empty" in report.failures[0].reason
    (tmp_path / "code").mkdir()
    (tmp_path / "code" / "x.py").write_text("print('hello')\n")
    report = ingest_paths(db, [str(tmp_path / "code")])
    assert not report.results and "no files to read as transcripts" in report.failures[0].reason


def test_ingest_paths_opens_the_database_only_when_a_document_is_good(tmp_path: Path) -> None:
    opened = []
    (tmp_path / "bad.txt").write_bytes(b"\x00\x01\x02")
    report = ingest_paths(lambda: opened.append(1), [str(tmp_path / "bad.txt")])
    assert not opened and len(report.failures) == 1


def test_report_summary_names_new_versions(db, samples_dir: Path, tmp_path: Path) -> None:
    raw = (samples_dir / "nwrb-q2-2025-motley-fool.txt").read_text()
    (tmp_path / "a.txt").write_text(raw)
    (tmp_path / "b.txt").write_text(raw.replace("Thank you", "Thanks", 1))
    (tmp_path / "c.txt").write_text(raw)
    report = ingest_paths(db, [str(tmp_path / n) for n in ("a.txt", "b.txt", "c.txt")])
    assert report.summary == "2 added (1 new version), 1 duplicate, 0 failed"


def test_ingest_url_over_loopback(db, samples_dir: Path, site) -> None:
    site.routes["/call"] = (200, {"Content-Type": "text/html; charset=utf-8"},
                            (samples_dir / "nwrb-q4-2025-page.html").read_bytes())
    url = site.url("/call")
    with pytest.raises(InputError):  # loopback is refused unless allowed
        ing.ingest_url(db, url)
    r = ing.ingest_url(db, url, allow_private=True)
    assert r.status == "added" and r.call.source == url and r.call.ticker == "NWRB"


# --- look-ups -------------------------------------------------------------------------------------------


@pytest.fixture
def stocked(db, samples_dir: Path):
    for p in sorted(samples_dir.iterdir()):
        ing.ingest_bytes(db, p.read_bytes(), p.name)
    return db


def test_find_company_by_ticker_name_and_close_spellings(stocked) -> None:
    for q in ("NWRB", "nwrb", "$NWRB", "Northwind", "northwind robotics", "NORTHWIND ROBOTICS INC", "Northwind Robotics Corp",
              "Northwind Group", "Nortwind Robotics"):
        m = calls.find_company(stocked, q)
        assert m.name and m.name.startswith("Northwind"), q
    assert calls.find_company(stocked, "Halcyon").ticker == "HLCN"
    assert calls.find_company(stocked, "Zzyzx Mining").key is None


def test_find_company_lists_candidates_when_ambiguous(db) -> None:
    for name in ("Acme Robotics", "Acme Foods"):
        ing.ingest_text(db, f"{name} Q1 2025 Earnings Call\n\nOperator: Welcome to {name}.\nJo Smith: Thanks, {name} grew.", f"{name}.txt")
    m = calls.find_company(db, "Acme")
    assert m.key is None and sorted(n for _, n in m.ambiguous) == ["Acme Foods", "Acme Robotics"]
    with pytest.raises(InputError, match="could mean"):
        calls.latest_calls(db, "Acme")


def test_resolve_call_by_id_ticker_company_and_quarter(stocked) -> None:
    latest = calls.resolve_call(stocked, "NWRB")
    assert (latest.fiscal_quarter, latest.fiscal_year) == (4, 2025)
    for quarter in ("Q2 2025", "q2", "2025Q2", "Q2 FY2025", "Q2-2025"):
        c = calls.resolve_call(stocked, "northwind", quarter)
        assert (c.fiscal_quarter, c.fiscal_year) == (2, 2025), quarter
    assert calls.resolve_call(stocked, str(latest.id)).id == latest.id
    assert calls.resolve_call(stocked, f"#{latest.id}").id == latest.id  # ids as lists show them
    with pytest.raises(InputError, match="No call with id"):
        calls.resolve_call(stocked, "9999")
    with pytest.raises(InputError, match="No call with id"):
        calls.resolve_call(stocked, "#9999")
    with pytest.raises(InputError, match="Q3 2019"):
        calls.resolve_call(stocked, "NWRB", "Q3 2019")
    with pytest.raises(InputError, match="Q4 2022"):
        calls.resolve_call(stocked, "NWRB", "next spring")
    with pytest.raises(InputError, match="No company"):
        calls.resolve_call(stocked, "Zzyzx")


def test_companies_and_latest_calls(stocked) -> None:
    cos = calls.companies(stocked)
    names = [c.company for c in cos]
    assert any(n.startswith("Northwind") for n in names) and "Halcyon Foods" in names
    nw = next(c for c in cos if c.ticker == "NWRB")
    assert nw.n_calls == 4 and [c.fiscal_quarter for c in nw.calls] == [4, 3, 2, 1]
    assert len(calls.latest_calls(stocked, limit=3)) == 3
    assert {c.ticker for c in calls.latest_calls(stocked, "hlcn")} == {"HLCN"}


def test_load_transcript_rebuilds_the_parsed_call(stocked, samples_dir: Path) -> None:
    p = samples_dir / "nwrb-q3-2025-transcript.md"
    parsed = parse_bytes(p.read_bytes(), p.name)
    c = calls.resolve_call(stocked, "NWRB", "Q3 2025")
    tr, sents = calls.load_transcript(stocked, c.id)
    assert [(t.speaker, t.role, t.section, t.text) for t in tr.turns] == \
           [(t.speaker, t.role, t.section, t.text) for t in parsed.turns]
    assert [s.position for s in sents] == list(range(len(sents)))


def test_ops_search_by_company_and_section(stocked) -> None:
    hits = calls.search(stocked, "guidance", company="Northwind", section="qa", limit=5)
    assert hits and all(h.call.ticker == "NWRB" and h.section == "qa" for h in hits)
    with pytest.raises(InputError, match="section"):
        calls.search(stocked, "guidance", section="intro")
    with pytest.raises(InputError):
        calls.search(stocked, "guidance", company="Zzyzx")
