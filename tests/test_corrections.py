"""Fixing what was stored wrongly: delete (CLI, and /delete with a confirmation button), edit and /fix, metadata
given at ingest, a later copy that fills what was missing, period detection that does not guess, documents that
are not calls, and page headers that never become turns."""
from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from bot.cli import _register, cli
from bot.ops import calls as calls_ops
from bot.ops import corrections as ops
from bot.ops.ingest import ingest_text
from storage import transcripts as store
from storage.db import open_db
from storage.transcripts import content_hash
from summarizer.errors import InputError, NoTranscript
from summarizer.parse import parse_bytes
from tests.fakebotapi.harness import BotHarness, copy_db, samples_db
from tests.fakebotapi.server import FakeBotAPI

# A call as pasted from a page: no title, no header; it names a prior-year quarter first.
PASTE = """Operator: Good morning and welcome. Please go ahead.

Dana Whitfield: Thank you. Revenue was $240 million, up 14% from the fourth quarter of 2020, and gross margin was
41.5%, compared with 39.9% in the fourth quarter of 2020.

Marcus Oyelaran: Free cash flow was $31 million. We expect revenue of $250 million to $260 million next quarter.

Operator: Our first question comes from Kyle Brennan with Quillfeather Securities.

Kyle Brennan: How should we think about margins next year?

Dana Whitfield: We expect gross margin to stay above 41%.
"""
LABELLED = "Northwind Robotics Inc. (NWRB) Q4 2021 Earnings Call\n\n" + PASTE


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return samples_db(tmp_path_factory.mktemp("fix") / "samples.db")


@pytest.fixture
def db(template: Path, tmp_path: Path):
    database = open_db(copy_db(template, tmp_path / "f.db"))
    yield database
    database.close()


def table_counts(db) -> dict[str, int]:  # noqa: ANN001
    return {t: db.execute(f"select count(*) from {t}").fetchone()[0]
            for t in ("transcripts", "turns", "sentences", "analyses", "outbox", "companies", "subscriptions")}


def test_a_comparison_is_never_taken_for_the_calls_period_and_a_later_labelled_copy_fills_it(db) -> None:
    first = ingest_text(db, PASTE, "paste.txt")
    assert first.status == "added" and (first.call.fiscal_quarter, first.call.fiscal_year) == (None, None)
    again = ingest_text(db, LABELLED, "labelled.txt")  # the same call, now with its title
    assert again.status == "duplicate" and again.call_id == first.call_id
    assert "quarter Q4 2021" in again.filled and "company Northwind Robotics" in again.filled
    info = store.get_call_info(db, first.call_id)
    assert (info.fiscal_quarter, info.fiscal_year, info.ticker) == (4, 2021, "NWRB")
    assert calls_ops.resolve_call(db, "NWRB", "Q4 2021").id == first.call_id


def test_a_copy_that_disagrees_is_not_taken_and_says_how_to_fix(db) -> None:
    first = ingest_text(db, LABELLED, "labelled.txt")
    other = ingest_text(db, LABELLED.replace("Q4 2021", "Q1 2022"), "mislabelled.txt")
    assert other.status == "duplicate" and other.filled is None
    assert "quarter Q4 2021 differs" in other.note and f"earnings-bot edit {first.call_id}" in other.note
    assert store.get_call_info(db, first.call_id).period == "Q4 2021"


def test_metadata_given_at_ingest_wins_also_for_a_stored_copy(db) -> None:
    ch = ops.changes(company="Harbor Kinetics", ticker="hbkx", quarter="Q2 2022", date="July 28, 2022")
    from bot.ops.ingest import ingest_bytes

    r = ingest_bytes(db, PASTE.encode(), "paste.txt", overrides=ch)
    assert (r.call.company, r.call.ticker, r.call.period, r.call.call_date) == ("Harbor Kinetics", "HBKX", "Q2 2022", "2022-07-28")
    again = ingest_bytes(db, PASTE.encode(), "paste.txt", overrides=ops.changes(quarter="Q3 2022"))
    assert again.status == "duplicate" and store.get_call_info(db, r.call_id).period == "Q3 2022"
    for bad, needle in ((dict(quarter="Q7 2022"), "Q7 is not a quarter"), (dict(ticker="no way"), "not a ticker"),
                        (dict(date="someday"), "not a date"), (dict(quarter="Q2"), "needs a year")):
        with pytest.raises(InputError, match=needle):
            ops.changes(**bad)


def test_delete_removes_the_call_and_only_what_belongs_to_it(db) -> None:
    from bot.ops import alerts

    alerts.track(db, 42, "robots")
    keep = table_counts(db)
    r = ingest_text(db, LABELLED.replace("Free cash flow", "Our robots and free cash flow"), "new.txt")
    assert db.execute("select count(*) from outbox where call_id = ? and status = 'pending'", [r.call_id]).fetchone()[0] == 1
    assert calls_ops.search(db, '"Quillfeather"')  # it is searchable
    gone = ops.delete_call(db, r.call_id)
    assert gone.sentences > 5 and gone.alerts == 1 and gone.analyses >= 3
    assert table_counts(db) == keep  # everything else exactly as before
    assert not calls_ops.search(db, '"Quillfeather"')  # and its search rows are gone
    with pytest.raises(InputError, match="No call with id"):
        ops.delete_call(db, r.call_id)


def test_deleting_a_version_keeps_the_chain(db) -> None:
    v1 = ingest_text(db, LABELLED, "v1.txt")
    v2 = ingest_text(db, LABELLED.replace("$31 million", "$32 million"), "v2.txt")
    v3 = ingest_text(db, LABELLED.replace("$31 million", "$33 million"), "v3.txt")
    assert (v2.version, v3.version, v3.call.supersedes) == (2, 3, v2.call_id)
    ops.delete_call(db, v2.call_id)
    assert store.get_call_info(db, v3.call_id).supersedes == v1.call_id
    ops.delete_call(db, v3.call_id)
    assert calls_ops.resolve_call(db, "NWRB", "Q4 2021").id == v1.call_id  # the first text is the latest again


def test_edit_re_points_the_call_and_its_analyses(db) -> None:
    r = ingest_text(db, PASTE, "paste.txt")
    before = {k: db.execute("select count(*) from analyses where transcript_id = ?", [r.call_id]).fetchone()[0] for k in [0]}
    old, new = ops.edit_call(db, r.call_id, ops.changes(company="Northwind Robotics Inc", quarter="Q4 2021"))
    assert old.period is None and new.label == "Northwind Robotics Q4 2021"
    assert calls_ops.resolve_call(db, "Northwind", "Q4 2021").id == r.call_id
    assert db.execute("select count(*) from analyses where transcript_id = ?", [r.call_id]).fetchone()[0] == before[0]
    hits = calls_ops.search(db, "Quillfeather", company="Northwind", quarter="Q4 2021")
    assert hits and all(h.call.id == r.call_id for h in hits)
    ops.edit_call(db, r.call_id, ops.changes(quarter="none"))
    assert store.get_call_info(db, r.call_id).period is None
    with pytest.raises(InputError, match="Say what to change"):
        ops.edit_call(db, r.call_id, ops.changes())


def test_edit_into_a_stored_quarter_makes_it_the_latest_version(db) -> None:
    stored = calls_ops.resolve_call(db, "NWRB", "Q3 2025")
    r = ingest_text(db, PASTE, "paste.txt")
    _, new = ops.edit_call(db, r.call_id, ops.changes(company="Northwind Robotics Inc", quarter="Q3 2025"))
    assert new.supersedes == stored.id and new.version == stored.version + 1
    assert calls_ops.resolve_call(db, "NWRB", "Q3 2025").id == r.call_id
    ops.edit_call(db, r.call_id, ops.changes(quarter="Q4 2021"))  # moved away again: the old one is back
    assert calls_ops.resolve_call(db, "NWRB", "Q3 2025").id == stored.id


def test_parse_fix_reads_key_value_pairs() -> None:
    cid, ch = ops.parse_fix("12 quarter=Q4 2021 company=Acme Foods Inc ticker=acme date=2022-02-10")
    assert cid == 12 and ch.values == {"fiscal_quarter": 4, "fiscal_year": 2021, "company": "Acme Foods Inc",
                                       "ticker": "ACME", "call_date": "2022-02-10"}
    for bad in ("", "twelve quarter=Q4 2021", "12", "12 Q4 2021"):
        with pytest.raises(InputError, match="Usage: /fix"):
            ops.parse_fix(bad)


def cli_run(db_path: Path, *args: str, input: str | None = None):  # noqa: A002
    _register()
    return CliRunner().invoke(cli, ["--db", str(db_path), *args], input=input)


def test_cli_delete_asks_first_and_edit_says_what_changed(template: Path, tmp_path: Path) -> None:
    path = copy_db(template, tmp_path / "c.db")
    no = cli_run(path, "delete", "3", input="n\n")
    assert no.exit_code == 1 and "Nothing deleted" in no.output
    yes = cli_run(path, "delete", "3", input="y\n")
    assert yes.exit_code == 0 and re.search(r"deleted #3 .*sentences", yes.output)
    assert "No call with id 3" in cli_run(path, "delete", "3", "--yes").output
    edited = cli_run(path, "edit", "5", "--quarter", "Q1 2026", "--date", "2026-05-06")
    assert edited.exit_code == 0 and "is now Northwind Robotics Q1 2026 (2026-05-06)" in edited.output
    bad = cli_run(path, "edit", "5", "--quarter", "Q9 2026")
    assert bad.exit_code == 1 and "Q9 is not a quarter" in bad.output
    given = cli_run(path, "ingest", "-", "--company", "Harbor Kinetics", "--quarter", "Q2 2022", input=PASTE)
    assert given.exit_code == 0 and "Harbor Kinetics Q2 2022" in given.output


@pytest.fixture
def bot(fake_bot_api: FakeBotAPI, template: Path, tmp_path: Path):
    h = BotHarness(fake_bot_api, copy_db(template, tmp_path / "bot.db"), admin_ids=frozenset({5}))
    yield h
    h.close()


def test_admin_delete_with_a_confirmation_button_and_fix(bot: BotHarness, fake_bot_api: FakeBotAPI) -> None:
    from tests.fakebotapi.harness import buttons

    db = bot.app.bot_data["db"]
    refused = bot.command("delete", "3", chat_id=6, user_id=6)
    assert "only the bot's admins" in refused[0]["text"] and store.get_call_info(db, 3) is not None
    [ask] = bot.command("delete", "3")
    assert ask["text"].startswith("Delete #3 ") and "Nothing else changes" in ask["text"]
    b = buttons(ask)
    bot.press(ask, b["Cancel"])
    assert "nothing was deleted" in fake_bot_api.find_message(5, ask["message_id"])["text"]
    assert store.get_call_info(db, 3) is not None
    [ask] = bot.command("delete", "3")
    bot.press(ask, buttons(ask)["🗑 Delete #3"], user_id=6)  # another user's press does nothing
    assert store.get_call_info(db, 3) is not None
    bot.press(ask, buttons(ask)["🗑 Delete #3"])
    assert fake_bot_api.find_message(5, ask["message_id"])["text"].startswith("Deleted #3 ")
    assert store.get_call_info(db, 3) is None
    [fixed] = bot.command("fix", "5 quarter=Q1 2026 date=2026-05-06")
    assert "is now Northwind Robotics Q1 2026 (2026-05-06)" in fixed["text"]
    assert "Usage: /fix" in bot.command("fix", "5 Q1")[0]["text"]
    from bot.paths import samples_dir  # the original file again: a duplicate that says where it disagrees
    again = bot.document((samples_dir() / "nwrb-q2-2025-motley-fool.txt").read_bytes(), "nwrb-q2.txt")
    assert again[0]["text"].startswith("Already stored: Northwind Robotics Q1 2026 (#5).")
    assert "differs from this copy's Q2 2025" in again[0]["text"] and "/fix 5 quarter=" in again[0]["text"]
    assert "only the bot's admins" in bot.command("fix", "5 quarter=Q1 2026", chat_id=6, user_id=6)[0]["text"]
    assert fake_bot_api.violations == []


def test_notes_with_no_speakers_and_no_sign_of_a_call_are_refused() -> None:
    for text in ("Meeting notes\n\nCall Anna about the offsite. Book the room for Tuesday and order lunch for 12.",
                 "The quick brown fox jumps over the lazy dog. " * 50,
                 "Planning notes\n\nOur revenue team met the sales group to plan the quarter. Nobody brought numbers."):
        with pytest.raises(NoTranscript, match="no speakers and does not read as an earnings call"):
            parse_bytes(text.encode(), "notes.txt")
    tr = parse_bytes(b"Harbor Kinetics third quarter results\n\nHarbor Kinetics reported third quarter revenue of $48 "
                     b"million, up 12%, and raised its full-year guidance for earnings per share.", "release.txt")
    assert len(tr.turns) == 1  # a release with figures and earnings words is still kept


@pytest.mark.parametrize("line", [
    "Northwind Robotics Inc. (NWRB) Q4 2021 Earnings Call Transcript", "NWRB - Q4 2021 Earnings Call",
    "Northwind Robotics | Q4 2021 Earnings Call | February 10, 2022", "Page 3 of 12", "Document ID: 48213",
    "CONFIDENTIAL - FOR INTERNAL USE ONLY", "Copyright © 2022 Example Transcripts LLC. All rights reserved.",
    "Printed: 02/11/2022 10:32 AM", "Transcript provided by Example Transcripts", "Northwind Robotics Inc",
    "February 10, 2022 / 4:30PM ET", "Final Transcript", "Source: Example Transcripts",
])
def test_a_page_header_or_footer_line_never_changes_the_call(line: str) -> None:
    base = parse_bytes(LABELLED.encode(), "call.txt")
    lines = LABELLED.split("\n")
    mid = lines.index("Operator: Our first question comes from Kyle Brennan with Quillfeather Securities.")
    for text in ("\n".join([line, ""] + lines), "\n".join(lines[:mid] + [line, ""] + lines[mid:]),
                 "\n".join(lines + ["", line])):
        tr = parse_bytes(text.encode(), "call.txt")
        assert [t.speaker for t in tr.turns] == [t.speaker for t in base.turns], line
        assert content_hash(tr) == content_hash(base), line  # so it is a duplicate, never 'version 2'
