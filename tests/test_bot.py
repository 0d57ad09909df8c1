"""The bot's handlers in-process (Application.process_update) against the fake Bot API server."""
from __future__ import annotations

import logging
import re
from pathlib import Path

import pytest

from tests.fakebotapi.harness import BotHarness, buttons, copy_db, samples_db
from tests.fakebotapi.server import FakeBotAPI

REPO = Path(__file__).resolve().parents[1]
ADMIN = 5


@pytest.fixture(scope="session")
def samples_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return samples_db(tmp_path_factory.mktemp("samples") / "samples.db")


@pytest.fixture
def make_bot(fake_bot_api: FakeBotAPI, samples_template: Path, tmp_path: Path):
    made: list[BotHarness] = []

    def make(**settings) -> BotHarness:
        settings.setdefault("admin_ids", frozenset({ADMIN}))
        h = BotHarness(fake_bot_api, copy_db(samples_template, tmp_path / f"bot{len(made)}.db"), **settings)
        made.append(h)
        return h

    yield make
    for h in made:
        h.close()


@pytest.fixture
def bot(make_bot) -> BotHarness:
    return make_bot()


def test_help_and_menu_list_every_registered_command(bot: BotHarness, fake_bot_api: FakeBotAPI) -> None:
    from telegram.ext import CommandHandler

    registered = {c for hs in bot.app.handlers.values() for h in hs if isinstance(h, CommandHandler) for c in h.commands}
    [msg] = bot.command("help")
    listed = set(re.findall(r"^/(\w+)", msg["text"], re.M))
    assert registered and registered <= listed
    menu = {c["command"] for c in next(iter(fake_bot_api.commands.values()))}
    from bot.telegram.commands import all_commands

    assert registered - {c.name for c in all_commands() if c.admin} <= menu
    docs = (REPO / "docs" / "bot.md").read_text()
    assert all(f"/{c}" in docs for c in registered), "docs/bot.md must list every command"
    readme = (REPO / "README.md").read_text() if (REPO / "README.md").exists() else ""
    if "/summary" in readme:  # once the lead folds the command list into the README
        assert all(f"/{c}" in readme for c in registered), "README must list every command"
    assert fake_bot_api.violations == []


def test_summary_first_line_speakers_and_buttons(bot: BotHarness, fake_bot_api: FakeBotAPI) -> None:
    [msg] = bot.command("summary", "NWRB Q3 2025 3")
    first = msg["text"].splitlines()[0]
    assert "Northwind" in first and "Q3 2025" in first and "2025-11-05" in first
    assert msg["html"].count("<b>") >= 3  # header + speakers in bold
    assert len([line for line in msg["text"].splitlines() if line.startswith("•")]) == 3
    data = buttons(msg)
    assert {"• Summary", "Key figures", "Q&A", "Topics"} <= set(data)
    assert all(len(d.encode()) <= 64 for d in data.values())
    assert fake_bot_api.violations == []


def test_summary_of_zero_sentences_says_how_many_it_can_give(bot: BotHarness) -> None:
    [msg] = bot.command("summary", "NWRB 0")
    assert msg["text"] == "Ask for 1 to 30 sentences, e.g. /summary NWRB 5."


@pytest.mark.parametrize("ref", ["nwrb", "NORTHWIND", "Northwind Robotics Corp", "northwnd robotics"])
def test_company_found_by_ticker_name_or_close_spelling(bot: BotHarness, ref: str) -> None:
    [msg] = bot.command("summary", ref)
    assert msg["text"].startswith("Northwind Robotics")


def test_ambiguous_company_gets_buttons(bot: BotHarness, fake_bot_api: FakeBotAPI) -> None:
    from bot.ops.ingest import ingest_text

    text = ("Northwind Logistics Q1 2025 Earnings Call\n\nOperator: Welcome to the call.\n\n"
            "Jane Roe: Revenue was $10 million, up 5%. We expect growth to continue next year.\n")
    ingest_text(bot.app.bot_data["db"], text, "nwl.txt")
    [msg] = bot.command("summary", "northwind")
    if "Which company" not in msg["text"]:
        pytest.skip("the parser did not take 'Northwind Logistics' as the company name")
    assert len(buttons(msg)) == 2
    _, new = bot.press(msg, next(iter(buttons(msg).values())))
    assert fake_bot_api.violations == []


def test_latest_button_edits_in_place(bot: BotHarness, fake_bot_api: FakeBotAPI) -> None:
    [msg] = bot.command("latest")
    data = buttons(msg)
    rows = msg["reply_markup"]["inline_keyboard"]
    assert len(rows) == 5 and all(len(r) == 1 for r in rows)  # one short button per call, its own row
    assert "📄 NWRB Q4 2025" in data and all(len(k) <= 24 for k in data)
    label = "📄 NWRB Q4 2025"
    qid, new = bot.press(msg, data[label])
    assert new == []  # edited, not a new message
    edited = fake_bot_api.find_message(5, msg["message_id"])
    assert edited["text"].startswith("Northwind Robotics") and "• Summary" in buttons(edited)
    assert fake_bot_api.callback_answers[qid] is not None
    # pressing the same button again: "not modified" is swallowed, the press still answered
    qid2, _ = bot.press(edited, buttons(edited)["• Summary"])
    assert fake_bot_api.callback_answers[qid2] is not None
    assert fake_bot_api.violations == []


def test_search_hits_bold_and_paging(bot: BotHarness, fake_bot_api: FakeBotAPI) -> None:
    [msg] = bot.command("search", "revenue")
    assert "<b>revenue</b>" in msg["html"].lower()
    nxt = buttons(msg)["Next ▶"]
    bot.press(msg, nxt)
    page2 = fake_bot_api.find_message(5, msg["message_id"])
    assert "page 2" in page2["text"] and "◀ Prev" in buttons(page2)
    assert page2["text"] != msg["text"]
    long_query = "revenue " + "x" * 70
    [m2] = bot.command("search", long_query)
    assert fake_bot_api.violations == []
    assert "No matches" in m2["text"] or all(len(d.encode()) <= 64 for d in buttons(m2).values())


def test_companies(bot: BotHarness) -> None:
    [msg] = bot.command("companies")
    assert "Northwind Robotics" in msg["text"] and "Q4 2025" in msg["text"] and "Halcyon" in msg["text"]


@pytest.mark.parametrize("command,args", [
    ("summary", ""), ("summary", "zzzz-nothing"), ("summary", "NWRB Q9 2025"), ("summary", "NWRB Q1 1999"),
    ("summary", "x" * 4000), ("summary", "<b>NWRB</b>"), ("summary", "*NWRB* _x_ `y`"), ("summary", "📈🚀 NWRB"),
    ("summary", "شركة نورثويند"), ("search", ""), ("search", "x" * 4000), ("search", "<i>&amp; \" AND OR ("),
    ("search", "🚀"), ("search", "מכירות"), ("qa", "NWRB extra words here"), ("latest", "nobody-at-all"),
    ("topic", "<script>"), ("companies", "extra"), ("figures", "99999999"), ("frobnicate", "x"),
])
def test_bad_input_gets_a_short_reply_never_a_crash(bot: BotHarness, fake_bot_api: FakeBotAPI, caplog,
                                                      command: str, args: str) -> None:
    with caplog.at_level(logging.ERROR):
        msgs = bot.command(command, args)
    assert len(msgs) >= 1
    assert all(len(m["text"]) < 4096 for m in msgs)
    assert "Traceback" not in msgs[0]["text"] and "something went wrong" not in msgs[0]["text"]
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR]
    assert fake_bot_api.violations == []


@pytest.mark.parametrize("data", ["v1|sum|99999|0", "garbage", "v1|sum|abc|0", "v1|srchk|0|deadbeef00", "v1|zzz|1|1",
                                  "v1|qa|1|9999", "v1|tpc|x|y", "", "v2|sum|1|0", "v1|sum|²|0", "v1|sum|1|²",
                                  "v1|tpc|²|inventory", "v1|srch|²|x", "v1|tpc|" + "9" * 23 + "|inventory"])
def test_forged_or_stale_buttons_answered_without_crash(bot: BotHarness, fake_bot_api: FakeBotAPI, data: str) -> None:
    [msg] = bot.command("companies")
    qid, _ = bot.press(msg, data or "x")
    assert fake_bot_api.callback_answers[qid] is not None
    assert "went wrong" not in (fake_bot_api.callback_answers[qid].get("text") or "")
    assert fake_bot_api.violations == []


def test_follow_says_when_no_call_of_the_company_is_stored(bot: BotHarness) -> None:
    [known] = bot.command("follow", "Northwind Robotics")
    assert "Following" in known["text"] and "No call of it is stored" not in known["text"]
    [typo] = bot.command("follow", "Nrothwnid Zzz")
    assert "Following" in typo["text"] and "No call of it is stored yet" in typo["text"]


def test_unknown_command_and_plain_text(bot: BotHarness) -> None:
    [m] = bot.command("nope")
    assert "/help" in m["text"]
    [m] = bot.text("hello there")
    assert "/help" in m["text"]


def test_private_bot_refuses_once_then_silence(make_bot, fake_bot_api: FakeBotAPI) -> None:
    b = make_bot(allowed_chat_ids=frozenset({5}))
    assert len(b.command("help", chat_id=6)) == 1
    assert b.command("help", chat_id=6) == [] and b.text("hi", chat_id=6) == []
    assert len(b.command("help", chat_id=5)) == 1


def test_groups_and_forum_topics(bot: BotHarness, fake_bot_api: FakeBotAPI) -> None:
    msgs = bot.command("summary", "NWRB", mention=True, chat_id=-1001, user_id=77, thread_id=42)
    assert len(msgs) == 1 and msgs[0]["message_thread_id"] == 42
    assert bot.text("just chatting about NWRB", chat_id=-1001, user_id=77) == []
    assert bot.text("/summary@some_other_bot NWRB", chat_id=-1001, user_id=77) == []
    assert bot.text("/nope@some_other_bot", chat_id=-1001, user_id=77) == []
    assert fake_bot_api.violations == []


def _sample(name: str) -> bytes:
    from bot.paths import samples_dir

    return (samples_dir() / name).read_bytes()


def test_upload_by_admin_ingests_and_summarises(make_bot, fake_bot_api: FakeBotAPI, tmp_path: Path) -> None:
    from bot.telegram.app import build_application  # noqa: F401 - the harness builds it
    from tests.fakebotapi.harness import BotHarness as H

    b = H(fake_bot_api, tmp_path / "empty.db", admin_ids=frozenset({ADMIN}))
    try:
        msgs = b.document(_sample("nwrb-q3-2025-transcript.md"), "nwrb-q3.md", chat_id=ADMIN)
        assert msgs[0]["text"].startswith("Added: Northwind")
        assert msgs[1]["text"].startswith("Northwind Robotics") and "•" in msgs[1]["text"]
        again = b.document(_sample("nwrb-q3-2025-transcript.md"), "copy.md", chat_id=ADMIN)
        assert again[0]["text"].startswith("Already stored")
        assert fake_bot_api.requests("getFile", ok=True)
    finally:
        b.close()
    assert fake_bot_api.violations == []


def test_upload_refusals(make_bot, fake_bot_api: FakeBotAPI) -> None:
    b = make_bot(max_bytes=1000)
    [m] = b.document(b"hello", "call.txt", chat_id=9)  # not an admin
    assert "Only admins" in m["text"]
    [m] = b.document(b"x" * 10, "call.exe", chat_id=ADMIN)
    assert "can't read" in m["text"]
    [m] = b.document(b"x" * 10, "big.pdf", chat_id=ADMIN, file_size=5_000_000)
    assert "is 4.8 MB, over the 1 KB limit" in m["text"] and not fake_bot_api.requests("getFile")
    [m] = b.document(b"%PDF-1.4 not really a pdf", "bad.pdf", chat_id=ADMIN)
    assert m["text"].startswith("Could not add bad.pdf") and "\n" not in m["text"]
    assert b.document(b"hello", "call.txt", chat_id=-1001, user_id=9) == []  # quiet in groups
    assert b.document(b"hello", "call.txt", chat_id=-1001, user_id=ADMIN) == []  # even for admins, unless addressed
    [m] = b.document(b"x", "call.exe", chat_id=-1001, user_id=ADMIN, caption="@earnings_test_bot add this")
    assert "can't read" in m["text"]
    assert fake_bot_api.violations == []


def test_open_uploads_lets_anyone_upload(make_bot) -> None:
    b = make_bot(open_uploads=True)
    msgs = b.document(_sample("hlcn-q2-2025-call.txt"), "hlcn.txt", chat_id=9)
    assert msgs[0]["text"].startswith(("Added", "Already stored"))


def test_caption_files_are_uploads_too(make_bot) -> None:
    b = make_bot()
    vtt = (Path(__file__).parent / "data" / "layouts" / "mrdn-q1-2026-webcast.vtt").read_bytes()
    msgs = b.document(vtt, "webcast.vtt", chat_id=ADMIN)
    assert msgs[0]["text"].startswith(("Added", "Already stored")), msgs[0]["text"]


def test_link_from_non_admin_refused(bot: BotHarness) -> None:
    [m] = bot.text("see https://example.com/call.html", chat_id=9)
    assert "Only admins" in m["text"]


def test_error_handler_hides_traceback(bot: BotHarness, fake_bot_api: FakeBotAPI, monkeypatch, caplog) -> None:
    from bot.telegram import views

    def boom(*a, **k):
        raise RuntimeError("secret internals")

    monkeypatch.setattr(views, "companies_view", boom)
    with caplog.at_level(logging.ERROR):
        [m] = bot.command("companies")
    assert "something went wrong" in m["text"] and "secret" not in m["text"]
    assert any(r.exc_info and "secret internals" in str(r.exc_info[1]) for r in caplog.records)


def test_rate_limit_retry_and_html_fallback(bot: BotHarness, fake_bot_api: FakeBotAPI) -> None:
    fake_bot_api.fail_next(429, retry_after=1, method="sendMessage")
    [m] = bot.command("companies")
    assert "Northwind" in m["text"]
    assert [r.status for r in fake_bot_api.requests("sendMessage")][-2:] == [429, 200]
    fake_bot_api.reject_html()
    [m] = bot.command("companies")
    assert m["parse_mode"] is None and "Northwind" in m["text"]
    assert fake_bot_api.violations == []


def test_long_reply_split_into_numbered_parts(bot: BotHarness, fake_bot_api: FakeBotAPI) -> None:
    [m] = bot.command("summary", "NWRB 30")
    assert fake_bot_api.violations == []
    assert m["text"]


def test_buttons_from_before_a_restart_still_work(fake_bot_api: FakeBotAPI, samples_template: Path, tmp_path: Path) -> None:
    db = copy_db(samples_template, tmp_path / "restart.db")
    first = BotHarness(fake_bot_api, db)
    [msg] = first.command("qa", "NWRB")
    [search] = first.command("search", "revenue")
    first.close()
    second = BotHarness(fake_bot_api, db)  # a new process: nothing kept in memory
    try:
        second.press(msg, buttons(msg)["Next ▶"])
        assert "page 2/" in fake_bot_api.find_message(5, msg["message_id"])["text"]
        second.press(search, buttons(search)["Next ▶"])
        assert "page 2" in fake_bot_api.find_message(5, search["message_id"])["text"]
    finally:
        second.close()
    assert fake_bot_api.violations == []
