"""Bulk ingest (bot.ops.batch_ingest, `earnings-bot ingest -j N`): worker processes parse and analyse, one writer
stores in batched transactions; the outcome is the same as one document at a time, whatever -j is."""
from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

import bot.ops.ingest as ing
from bot.ops import alerts
from bot.ops.batch_ingest import ingest_paths, prepare_document
from storage import outbox
from storage.db import database_file, open_db
from storage.transcripts import StoredCheck
from summarizer.analysis import KINDS
from tests.test_bad_input import EB


def _inbox(samples_dir: Path, tmp_path: Path) -> Path:
    """Every sample, one of them twice (a duplicate inside a batch), one new version, one unreadable file."""
    box = tmp_path / "in"
    (box / "sub").mkdir(parents=True)
    for p in sorted(samples_dir.iterdir()):
        shutil.copy(p, box / p.name)
    shutil.copy(samples_dir / "hlcn-q2-2025-call.txt", box / "sub" / "again.txt")
    raw = (samples_dir / "nwrb-q2-2025-motley-fool.txt").read_text()
    (box / "sub" / "nwrb-q2-fixed.txt").write_text(raw.replace("Thank you", "Thanks", 1))
    (box / "broken.pdf").write_bytes(b"%PDF-1.4 not really")
    return box


def _stored(db) -> list[tuple]:
    return db.execute("select id, company, fiscal_year, fiscal_quarter, version, supersedes, n_words from transcripts "
                      "order by id").fetchall()


def _run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([str(EB), *args], capture_output=True, text=True, timeout=300, stdin=subprocess.DEVNULL)


def test_cli_output_and_database_are_the_same_for_any_jobs(samples_dir: Path, tmp_path: Path) -> None:
    box = _inbox(samples_dir, tmp_path)
    runs = {j: _run("--db", str(tmp_path / f"j{j}.db"), "ingest", "-j", str(j), str(box)) for j in (1, 3)}
    assert runs[1].returncode == runs[3].returncode == 1  # the broken PDF
    assert runs[1].stdout == runs[3].stdout and runs[1].stderr == runs[3].stderr
    lines = runs[3].stdout.splitlines()
    assert lines[-1] == "8 added (1 new version), 1 duplicate, 1 failed"
    assert [ln.split(":")[-1].strip() for ln in lines[:-1]] == sorted(
        str(p) for p in box.rglob("*") if p.is_file() and p.name != "broken.pdf")  # input order
    assert "broken.pdf" in runs[3].stderr and "Traceback" not in runs[3].stderr
    dbs = {j: open_db(tmp_path / f"j{j}.db") for j in runs}
    try:
        assert _stored(dbs[1]) == _stored(dbs[3])
        for t in ("sentences", "sentences_fts", "analyses", "turns"):
            assert dbs[1][t].count == dbs[3][t].count > 0
    finally:
        for d in dbs.values():
            d.close()


def _analysis_fails_for_halcyon(monkeypatch) -> None:
    """Storing the analyses of a Halcyon call raises (a bug in a hook): its savepoint must roll it back alone."""
    real = ing.store_analyses

    def fails_for_halcyon(db_, call_id, rows):
        real(db_, call_id, rows)
        if db_.execute("select company from transcripts where id = ?", [call_id]).fetchone()[0].startswith("Halcyon"):
            raise RuntimeError("analysis bug")

    monkeypatch.setattr(ing, "store_analyses", fails_for_halcyon)


def test_a_failing_call_is_rolled_back_alone_inside_its_batch(db, samples_dir: Path, tmp_path: Path,
                                                               monkeypatch) -> None:
    box = _inbox(samples_dir, tmp_path)
    _analysis_fails_for_halcyon(monkeypatch)
    report = ingest_paths(db, [str(box)], jobs=2)
    failed = {Path(f.name).name for f in report.failures}
    assert {"hlcn-q2-2025-call.txt", "hlcn-q3-2025-motley-fool.json", "again.txt", "broken.pdf"} == failed
    assert all("nothing of it was kept" in f.reason for f in report.failures if not f.name.endswith(".pdf"))
    companies = [r[1] for r in _stored(db)]
    assert companies and not any(c.startswith("Halcyon") for c in companies)
    orphans = db.execute("select count(*) from sentences where transcript_id not in (select id from transcripts)")
    assert orphans.fetchone()[0] == 0
    assert db["analyses"].count == len(KINDS) * len(companies)  # every analysis kind of each stored call only


def test_the_batch_indexes_exactly_the_sentences_it_kept(db, samples_dir: Path, tmp_path: Path, monkeypatch) -> None:
    """Full-text rows are written once per batch, after the calls' savepoints: a call rolled back leaves none."""
    box = _inbox(samples_dir, tmp_path)
    _analysis_fails_for_halcyon(monkeypatch)
    ingest_paths(db, [str(box)], jobs=1)
    db.execute("insert into sentences_fts(sentences_fts) values('integrity-check')")
    indexed = db.execute("select count(*) from sentences_fts_docsize").fetchone()[0]
    assert indexed == db["sentences"].count > 0
    hit = db.execute("select text from sentences order by id desc limit 1").fetchone()[0].split()[0]
    assert db.execute("select count(*) from sentences_fts where sentences_fts match ?", [f'"{hit}"']).fetchone()[0]


def test_a_batch_whose_indexing_fails_keeps_nothing(db, samples_dir: Path, tmp_path: Path, monkeypatch) -> None:
    import sqlite3

    import bot.ops.batch_ingest as batch

    def broken(db_, call_ids):
        raise sqlite3.DatabaseError("disk image is malformed")

    monkeypatch.setattr(batch, "index_calls", broken)
    report = ingest_paths(db, [str(samples_dir / "hlcn-q2-2025-call.txt"), str(samples_dir / "nwrb-q3-2025-transcript.md")])
    assert not report.results and len(report.failures) == 2
    assert all("nothing of it was kept" in f.reason for f in report.failures)
    assert db["transcripts"].count == db["sentences"].count == 0


def test_alerts_are_queued_exactly_once_by_the_writer(db, samples_dir: Path, tmp_path: Path) -> None:
    alerts.track(db, 42, "robots OR inventory")
    box = _inbox(samples_dir, tmp_path)
    first = ingest_paths(db, [str(box)], jobs=2)
    queued = outbox.counts(db)["pending"]
    assert queued == sum(r.alerts for _, r in first.results) > 0
    keys = [r[0] for r in db.execute("select dedupe_key from outbox")]
    assert len(keys) == len(set(keys))
    again = ingest_paths(db, [str(box)], jobs=2)
    assert {r.status for _, r in again.results} == {"duplicate"}
    assert outbox.counts(db)["pending"] == queued


def test_a_stored_call_is_not_analysed_again(db, samples_dir: Path) -> None:
    path = samples_dir / "nwrb-q3-2025-transcript.md"
    check = StoredCheck(database_file(db))
    try:
        fresh = prepare_document(str(path), path, 10**7, False, check)
        assert fresh.analyses and {k for k, *_ in fresh.analyses} == set(KINDS)
        ing.store_prepared(db, fresh)
        again = prepare_document(str(path), path, 10**7, False, check)
        assert again.analyses is None and again.digest == fresh.digest
        assert ing.store_prepared(db, again).status == "duplicate"
    finally:
        check.close()


def test_a_call_the_workers_skipped_is_analysed_by_the_writer_when_it_is_new_after_all(db, samples_dir: Path) -> None:
    path = samples_dir / "hlcn-q2-2025-call.txt"
    skipped = prepare_document(str(path), path, 10**7, False, lambda digest: True)  # e.g. deleted meanwhile
    assert skipped.analyses is None
    result = ing.store_prepared(db, skipped)
    assert result.status == "added"
    assert db.execute("select count(*) from analyses where transcript_id = ?", [result.call_id]).fetchone()[0] == len(KINDS)


@pytest.mark.parametrize("jobs", ["0", "x"])
def test_bad_jobs_value_is_one_line(jobs: str, tmp_path: Path, samples_dir: Path) -> None:
    r = _run("--db", str(tmp_path / "x.db"), "ingest", "-j", jobs, str(samples_dir))
    assert r.returncode == 2 and "-j" in r.stderr and "Traceback" not in r.stderr
    assert not (tmp_path / "x.db").exists()
