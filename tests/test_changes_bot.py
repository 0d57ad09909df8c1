"""/changes, /chart, /export, the Changes and Chart buttons, follow alerts that say the move, /follow … guidance
and digests, through the real application against the fake Bot API (every request validated)."""
from __future__ import annotations

import csv
import io
from datetime import timedelta
from pathlib import Path

import pytest

from tests.changes_support import CHANGES_DIR, LKSP, labelled_db, with_labels
from tests.fakebotapi.harness import BotHarness, buttons, copy_db
from tests.fakebotapi.server import FakeBotAPI

PIL = pytest.importorskip("PIL.Image")
USER = 5


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("changes-bot") / "labelled.db"
    labelled_db(path)
    return path


@pytest.fixture
def bot(fake_bot_api: FakeBotAPI, template: Path, tmp_path: Path):
    h = BotHarness(fake_bot_api, copy_db(template, tmp_path / "bot.db"), admin_ids=frozenset({USER}))
    yield h
    h.close()
    assert fake_bot_api.violations == []


def one(msgs: list[dict]) -> dict:
    assert len(msgs) == 1, [m.get("text") for m in msgs]
    return msgs[0]


def test_changes_command_and_its_buttons(bot: BotHarness) -> None:
    msg = one(bot.command("changes", "LKSP Q3 2025"))
    text = msg["text"]
    assert text.splitlines()[0].startswith("Larkspur Analytics Inc (LKSP) Q3 2025")
    assert "What changed since Q2 2025" in text
    assert "FY 2025 revenue: lowered to $395–405 million from $410–430 million (LKSP Q3 2025, Felix Achterberg" in text
    assert "below the bottom of the $104–108 million guided in Q2 2025" in text
    b = buttons(msg)
    assert b["• Changes"].startswith("v1|chg|") and b["📈 Chart"].startswith("ch|")
    assert all(len(d.encode()) <= 64 for d in b.values())


def test_changes_button_under_a_summary_edits_it_in_place(bot: BotHarness) -> None:
    summary = one(bot.command("summary", "LKSP Q2 2025"))
    assert "Changes" in buttons(summary) and "📈 Chart" not in buttons(summary)
    _, new = bot.press(summary, buttons(summary)["Changes"])
    edited = bot.api.find_message(USER, summary["message_id"])
    assert new == [] and "LKSP raises" not in edited["text"]  # the reply lists moves, it does not shout them
    assert "FY 2025 revenue: raised to $410–430 million from $400–420 million" in edited["text"]
    figures = one(bot.command("figures", "LKSP"))
    assert {"Changes", "📈 Chart"} <= set(buttons(figures))


def test_one_call_and_bad_input(bot: BotHarness) -> None:
    text = one(bot.command("changes", "Copperline"))["text"]
    assert "No earlier call stored" in text and "lowered to $2.10–2.20 from $2.30–2.40" in text
    assert "Usage: /changes" in one(bot.command("changes"))["text"]
    assert "No company matching 'nosuch'" in one(bot.command("changes", "nosuch"))["text"]


def test_chart_is_a_photo_with_a_short_caption_and_more_charts_as_buttons(bot: BotHarness) -> None:
    photo = one(bot.command("chart", "LKSP revenue"))
    assert "photo" in photo and len(photo["caption"]) <= 1024
    assert photo["caption"].startswith("LKSP revenue by quarter: Q1 2025 $92.4 million (Renata Vos, #1)")
    im = PIL.open(io.BytesIO(bot.api.upload(photo)))
    assert im.format == "PNG" and im.size == (1280, 800)
    assert photo["photo"][-1]["width"] == 1280
    b = buttons(photo)
    assert {"Tone", "Topics", "Changes", "Adjusted EPS"} <= set(b) and "Revenue" not in b
    _, new = bot.press(photo, b["Tone"])
    tone = one(new)
    assert "photo" in tone and tone["caption"].startswith("LKSP net tone")
    eps = one(bot.command("chart", "Larkspur Analytics adjusted EPS"))
    assert eps["caption"].startswith("LKSP adjusted EPS by quarter")
    req = bot.api.requests("sendPhoto", ok=True)[-1]
    assert len(req.params["caption"]) <= 1024


def test_chart_of_a_metric_never_reported_lists_those_that_are(bot: BotHarness) -> None:
    msg = one(bot.command("chart", "LKSP ebitda"))
    assert "photo" not in msg
    assert "No stored LKSP call reports 'ebitda'. The metrics reported are: revenue, adjusted EPS, gross margin" \
        in msg["text"]
    assert "photo" in one(bot.command("chart", "CPLF"))  # one stored quarter is still a chart
    assert "Usage: /chart" in one(bot.command("chart"))["text"]


def test_export_sends_a_document_that_reads_back(bot: BotHarness) -> None:
    doc = one(bot.command("export", "LKSP csv"))
    assert doc["document"]["file_name"] == "earnings-lksp.csv"
    rows = list(csv.DictReader(io.StringIO(bot.api.upload(doc).decode("utf-8"))))
    assert {r["record"] for r in rows} == {"figure", "guidance", "qa"}
    assert any(r["move"] == "lowered" and r["metric_key"] == "revenue" for r in rows)
    js = one(bot.command("export", "all json"))
    assert js["document"]["file_name"] == "earnings-all.json"
    assert one(bot.command("export", "LKSP"))["document"]["file_name"] == "earnings-lksp.csv"  # csv by default
    assert "Export as csv or json, not 'xlsx'" in one(bot.command("export", "LKSP xlsx"))["text"]
    assert "Usage: /export" in one(bot.command("export"))["text"]


def _ingest_labelled(db, name: str, monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    import bot.ops.analysis as analysis_ops
    from bot.ops.ingest import ingest_bytes

    monkeypatch.setattr(analysis_ops, "analyze", with_labels(analysis_ops.analyze))
    return ingest_bytes(db, (CHANGES_DIR / name).read_bytes(), name)


def _drain(bot: BotHarness) -> None:
    from bot.outbox import Sender

    bot.loop.run_until_complete(Sender(bot.app.bot_data["db"], bot.app.bot).drain(max_seconds=10))


@pytest.fixture
def fresh_bot(fake_bot_api: FakeBotAPI, tmp_path: Path):
    """A bot on a database holding Larkspur's first two quarters only (labelled)."""
    path = tmp_path / "fresh.db"
    labelled_db(path, LKSP[:2])
    h = BotHarness(fake_bot_api, path, admin_ids=frozenset({USER}))
    yield h
    h.close()
    assert fake_bot_api.violations == []


def test_follow_alerts_open_with_the_move_and_guidance_only_follows(fresh_bot: BotHarness,
                                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    b = fresh_bot
    assert "guidance moves only" not in one(b.command("follow", "LKSP", chat_id=6))["text"]
    reply = one(b.command("follow", "LKSP guidance", chat_id=7))["text"]
    assert "Following Larkspur Analytics" in reply and "guidance" in reply
    assert "guidance moves only" in one(b.command("tracked", chat_id=7))["text"]
    one(b.command("follow", "Brightwater guidance", chat_id=7))
    one(b.command("follow", "BRWP", chat_id=8))
    db = b.app.bot_data["db"]
    _ingest_labelled(db, "lksp-q3-2025.txt", monkeypatch)
    _ingest_labelled(db, "brwp-q1-2025.txt", monkeypatch)  # no earlier call, no move it states
    _drain(b)
    first = "LKSP lowers FY 2025 revenue guidance to $395–405 million from $410–430 million"
    for chat in (6, 7):
        alerts = b.api.messages(chat)[-1:]
        assert alerts[0]["text"].splitlines()[0] == f"🔔 {first}", alerts[0]["text"]
        assert "below the bottom of the $104–108 million guided in Q2 2025" in alerts[0]["text"]
        assert "Changes" in buttons(alerts[0])
    assert not any("BRWP" in m["text"] for m in b.api.messages(7))  # guidance only: BRWP moved nothing
    brwp = b.api.messages(8)[-1]
    assert brwp["text"].splitlines()[0] == "🔔 BRWP Q1 2025: no earlier call stored to compare with"


def test_digest_carries_the_summary_and_what_changed(fresh_bot: BotHarness, monkeypatch: pytest.MonkeyPatch) -> None:
    from bot.jobs import build_digest
    from storage import alerts as chats

    db = fresh_bot.app.bot_data["db"]
    res = _ingest_labelled(db, "lksp-q3-2025.txt", monkeypatch)
    chat = chats.update_chat(db, 9, digest="daily")
    text = build_digest(db, chat, chats.utcnow() + timedelta(seconds=5))
    section = text.split("Larkspur Analytics Inc (LKSP) Q3 2025", 1)[1]
    assert f"#{res.call.id}" in section and "• " in section
    assert "What changed:" in section
    assert "FY 2025 revenue</b>: lowered to $395–405 million from $410–430 million" in section


def test_terminal_chat_writes_the_chart_and_prints_its_path(template: Path, tmp_path: Path) -> None:
    import asyncio
    from dataclasses import replace

    from bot.chat import TerminalChat
    from bot.config import Config

    db = copy_db(template, tmp_path / "chat.db")
    out = io.StringIO()
    tc = TerminalChat(replace(Config(), db_path=db), out)
    asyncio.run(tc.run(io.StringIO("/chart LKSP\n/export LKSP json\n"), prompt=False))
    saved = [line.split("Saved: ", 1)[1] for line in out.getvalue().splitlines() if line.startswith("Saved: ")]
    assert len(saved) == 2 and all(Path(p).parent == tmp_path / "files" for p in saved)
    assert PIL.open(io.BytesIO(Path(saved[0]).read_bytes())).size == (1280, 800)
    assert "LKSP revenue by quarter" in out.getvalue()
    assert Path(saved[1]).name == "earnings-lksp.json" and Path(saved[1]).stat().st_size > 1000
