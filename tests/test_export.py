"""Exports: figures with periods, kinds and sources, guidance history and Q&A digests; the CSV read back equals
the JSON, and the documented columns are the ones written."""
from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.changes_support import labelled_db

EXE = Path(sys.executable).parent / "earnings-bot"
REPO = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def db_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("export") / "x.db"
    labelled_db(path)
    return path


@pytest.fixture
def db(db_file: Path):
    from storage.db import open_db

    d = open_db(db_file)
    yield d
    d.close()


def _cell(v: object) -> str:
    return "" if v is None else str(v)


def test_csv_round_trip_equals_the_json(db) -> None:
    from bot.ops.export import COLUMNS, export, export_data

    data = export_data(db, "LKSP")
    body, name = export(db, "LKSP", "csv")
    assert name == "earnings-lksp.csv"
    back = list(csv.DictReader(io.StringIO(body.decode("utf-8"))))
    assert list(back[0]) == list(COLUMNS)
    expected = data["figures"] + data["guidance"] + data["qa"]
    assert len(back) == len(expected)
    for got, want in zip(back, expected):
        assert got == {k: _cell(want.get(k)) for k in COLUMNS}


def test_the_export_holds_figures_guidance_history_and_qa(db) -> None:
    from bot.ops.export import export

    data = json.loads(export(db, "LKSP", "json")[0])
    assert data["companies"] == ["Larkspur Analytics"]
    fig = next(f for f in data["figures"] if f["value"] == "$101.5 million")
    assert (fig["kind"], fig["metric_key"], fig["fiscal_period"], fig["quarter"], fig["speaker"]) == (
        "reported", "revenue", "Q3 2025", "Q3 2025", "Renata Vos")
    assert fig["sentence"].startswith("Third-quarter revenue was $101.5 million")
    history = [(g["quarter"], g["move"]) for g in data["guidance"]
               if g["metric_key"] == "revenue" and g["fiscal_period"] == "FY 2025"]
    assert history == [("Q2 2025", "raised"), ("Q3 2025", "lowered")]
    fcf = next(g for g in data["guidance"] if g["metric_key"] == "free_cash_flow")
    assert fcf["move"] == "dropped" and fcf["before"] == "about $60 million"
    qa = [q for q in data["qa"] if q["quarter"] == "Q3 2025"]
    assert qa and qa[0]["analyst"] == "Hannah Lindqvist" and qa[0]["firm"] == "Corbell Securities"
    assert "Felix Achterberg" in qa[0]["answered_by"]


def test_all_companies_and_bad_input(db) -> None:
    from bot.ops.export import export
    from summarizer.errors import InputError

    data = json.loads(export(db, "all", "json")[0])
    assert set(data["companies"]) == {"Larkspur Analytics", "Brightwater Pumps", "Copperline Foods"}
    with pytest.raises(InputError, match="csv or json"):
        export(db, "LKSP", "xlsx")
    with pytest.raises(InputError, match="No company matching"):
        export(db, "Nonesuch Corp", "csv")


def test_docs_list_every_column() -> None:
    from bot.ops.export import COLUMNS

    doc = (REPO / "docs" / "changes.md").read_text(encoding="utf-8")
    missing = [c for c in COLUMNS if f"`{c}`" not in doc]
    assert not missing, f"docs/changes.md does not document {missing}"


def test_cli_writes_the_file(db_file: Path, tmp_path: Path) -> None:
    out = tmp_path / "lksp.csv"
    env = dict(os.environ, EARNINGS_BOT_DB=str(db_file))
    done = subprocess.run([str(EXE), "export", "LKSP", "-o", str(out)], env=env, capture_output=True, text=True,
                          timeout=60)
    assert done.returncode == 0, done.stderr
    rows = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8"))))
    assert {r["record"] for r in rows} == {"figure", "guidance", "qa"}
    stdout = subprocess.run([str(EXE), "export", "CPLF", "--format", "json"], env=env, capture_output=True,
                            timeout=60)
    assert json.loads(stdout.stdout)["companies"] == ["Copperline Foods"]


def test_follow_ups_are_exported_with_their_own_answerers(tmp_path: Path, samples_dir: Path) -> None:
    """A follow-up is its own row under the same analyst (follow_up 1, 2, ...), answered by who answered it."""
    from bot.ops.batch_ingest import ingest_paths
    from bot.ops.export import export
    from storage.db import open_db

    d = open_db(tmp_path / "s.db")
    try:
        ingest_paths(d, [str(samples_dir / "nwrb-q4-2025-page.html")])
        back = list(csv.DictReader(io.StringIO(export(d, "NWRB", "csv")[0].decode("utf-8"))))
    finally:
        d.close()
    kyle = [(r["follow_up"], r["answered_by"], r["question"]) for r in back
            if r["record"] == "qa" and r["analyst"] == "Kyle Brennan"]
    assert [k[:2] for k in kyle] == [("0", "Dana Whitfield"), ("1", "C. Marcus Oyelaran")]
    assert "pause Atlas 3 orders" in kyle[0][2] and "hardware margins" in kyle[1][2]
