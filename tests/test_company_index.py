"""The companies table (migration m007): kept in step at ingest and delete, backfilled on an existing database,
and company look-ups through it answer as the scan over every call did."""
from __future__ import annotations

from pathlib import Path

import pytest

import bot.ops.ingest as ing
from bot.ops import calls
from storage import transcripts as store
from storage.db import open_db
from summarizer.model import Transcript, Turn

QUERIES = ("NWRB", "nwrb", "$NWRB", "HLCN", "Northwind", "northwind robotics", "NORTHWIND ROBOTICS INC",
           "Northwind Robotics Corp", "Nortwind Robotics", "Halcyon", "Halcyon Foods", "Jadeport", "WAL",
           "Western Alliance", "western alliance bank", "Acme", "acme", "Beta", "ZZ", "Zzyzx Mining", "", "$")


def scanned_names(db) -> list[tuple]:
    """The look-up rows as they were computed before m007: a scan over every call, latest non-empty name/ticker."""
    latest: dict[str, list] = {}
    for key, name, ticker in db.execute(
            "select company_key, company, ticker from transcripts where company_key is not null order by id"):
        cur = latest.setdefault(key, [key, None, None])
        cur[1], cur[2] = name or cur[1], ticker or cur[2]
    return [tuple(v) for v in latest.values()]


def call(company: str | None, ticker: str | None, q: int, words: str = "") -> Transcript:
    return Transcript(title=f"{company} Q{q} 2025", company=company, ticker=ticker, fiscal_quarter=q, fiscal_year=2025,
                      turns=[Turn("Operator", "operator", section="prepared", text=f"Welcome to {company}. {words}"),
                             Turn("Jo Smith", "executive", "CFO", section="prepared", text=f"Revenue grew {q}%.")])


def stock(db, samples_dir: Path) -> None:
    for p in sorted(samples_dir.iterdir()):
        ing.ingest_bytes(db, p.read_bytes(), p.name)
    for tr in (call("Western Alliance", "WAL", 1), call("Western Alliance Bank", "WAL", 2), call(None, "WAL", 3),
               call("Beta", "BT", 1), call("Acme", "BT", 2), call("Acme Corp", None, 1), call("", "ZZ", 1)):
        ing.ingest_transcript(db, tr)


def answers(db) -> list[tuple]:
    return [(q, m.key, m.name, m.ticker, m.ambiguous) for q in QUERIES for m in [calls.find_company(db, q)]]


def test_the_table_is_kept_in_step_at_ingest(db, samples_dir: Path) -> None:
    stock(db, samples_dir)
    assert store.company_names(db) == scanned_names(db)
    got = dict((a[0], a[1:]) for a in answers(db))
    assert got["$NWRB"][2] == "NWRB" and got["Nortwind Robotics"][1].startswith("Northwind")
    assert got["western alliance bank"][:3] == ("western alliance", "Western Alliance Bank", "WAL")
    assert got["ZZ"] == ("zz", None, "ZZ", [])  # a call with a ticker and no name is found by its ticker
    # 'acme' is both Acme Corp's key and the latest name of the company first stored as Beta: never guessed between
    assert got["acme"][0] is None and sorted(n for _, n in got["acme"][3]) == ["Acme", "Acme Corp"]
    assert got["Zzyzx Mining"] == (None, None, None, []) and got[""] == (None, None, None, [])


def test_a_rolled_back_ingest_leaves_no_company(db, samples_dir: Path, monkeypatch) -> None:
    def boom(*a):
        raise RuntimeError("analysis bug")

    monkeypatch.setattr(ing, "store_analyses", boom)
    with pytest.raises(RuntimeError):
        ing.ingest_bytes(db, (samples_dir / "hlcn-q2-2025-call.txt").read_bytes(), "q2.txt")
    assert store.company_names(db) == [] and calls.find_company(db, "HLCN").key is None


def test_migration_backfills_an_existing_database(db_path: Path, samples_dir: Path) -> None:
    db = open_db(db_path)
    stock(db, samples_dir)
    before = answers(db)
    # the database as it was before m007: no companies table, no trigger, m007 not recorded
    db.execute("drop trigger companies_after_transcript_delete")
    db.execute("drop table companies")
    db.execute("delete from _sqlite_migrations where name = 'm007_companies'")
    db.conn.commit()
    db.close()
    db = open_db(db_path)
    try:
        assert db.execute("select count(*) from companies").fetchone()[0] == len(scanned_names(db)) > 5
        assert store.company_names(db) == scanned_names(db)
        assert answers(db) == before
        ing.ingest_transcript(db, call("Western Alliance Bancorp", "WAL", 4))  # kept in step after the backfill
        assert store.company_names(db) == scanned_names(db)
    finally:
        db.close()


def _delete_call(db, call_id: int) -> None:
    with db.atomic():
        for table in ("analyses", "sentences", "turns"):
            db.execute(f"delete from {table} where transcript_id = ?", [call_id])
        db.execute("delete from transcripts where id = ?", [call_id])


def test_a_deleted_call_refreshes_its_company(db) -> None:
    first = ing.ingest_transcript(db, call("Old Name Robotics", "ONR", 1)).call_id
    later = ing.ingest_transcript(db, call("New Name Robotics", "ONR", 2)).call_id
    assert calls.find_company(db, "new name robotics").ticker == "ONR"
    _delete_call(db, later)
    assert store.company_names(db) == scanned_names(db) == [("old name robotics", "Old Name Robotics", "ONR")]
    assert calls.find_company(db, "Old Name Robotics Inc").key == "old name robotics"
    assert calls.find_company(db, "new name robotics").key is None
    _delete_call(db, first)
    assert store.company_names(db) == [] and calls.find_company(db, "ONR").key is None
