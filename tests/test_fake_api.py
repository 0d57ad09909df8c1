"""The fake Bot API server rejects what Telegram rejects (a validator that accepts everything is a defect)."""
from __future__ import annotations

import asyncio
import json
import threading
import time
from pathlib import Path

import httpx
import pytest

from tests.fakebotapi import FakeBotAPI
from tests.fakebotapi.tghtml import HTMLParseError, parse_html


@pytest.fixture
def call(fake_bot_api: FakeBotAPI):
    client = httpx.Client(timeout=10)
    url = fake_bot_api.base_url + fake_bot_api.token

    def _call(method: str, *, form: dict | None = None, json_body: dict | None = None, files: dict | None = None) -> dict:
        r = client.post(f"{url}/{method}", data=form, json=json_body, files=files)
        return r.json()

    yield _call
    client.close()


def _kb(data: str) -> str:
    return json.dumps({"inline_keyboard": [[{"text": "Go", "callback_data": data}]]})


BAD_REQUESTS = [
    ("unknown method", "sendMesage", {"chat_id": "1", "text": "hi"}, "Not Found"),
    ("missing required", "sendMessage", {"chat_id": "1"}, "text is required"),
    ("unknown parameter", "sendMessage", {"chat_id": "1", "text": "hi", "colour": "red"}, "unknown parameter"),
    ("integer expected", "sendMessage", {"chat_id": "1", "text": "hi", "message_thread_id": "seven"}, "Integer"),
    ("boolean expected", "sendMessage", {"chat_id": "1", "text": "hi", "disable_notification": "maybe"}, "Boolean"),
    ("object not JSON", "sendMessage", {"chat_id": "1", "text": "hi", "reply_markup": "{nope"}, "wrong type"),
    ("unknown object field", "sendMessage", {"chat_id": "1", "text": "hi",
                                             "reply_markup": json.dumps({"inline_keyboard": [[{"text": "a", "callback": "x"}]]})},
     "unknown field"),
    ("callback_data over 64 bytes", "sendMessage", {"chat_id": "1", "text": "hi", "reply_markup": _kb("é" * 33)},
     "BUTTON_DATA_INVALID"),
    ("button without action", "sendMessage", {"chat_id": "1", "text": "hi",
                                              "reply_markup": json.dumps({"inline_keyboard": [[{"text": "a"}]]})}, "exactly one"),
    ("text too long", "sendMessage", {"chat_id": "1", "text": "x" * 4097}, "too long"),
    ("text too long in UTF-16", "sendMessage", {"chat_id": "1", "text": "😀" * 2049}, "too long"),
    ("empty text", "sendMessage", {"chat_id": "1", "text": "  "}, "empty"),
    ("empty after HTML", "sendMessage", {"chat_id": "1", "text": "<b></b>", "parse_mode": "HTML"}, "empty"),
    ("unsupported tag", "sendMessage", {"chat_id": "1", "text": "<div>x</div>", "parse_mode": "HTML"}, "can't parse entities"),
    ("unbalanced tags", "sendMessage", {"chat_id": "1", "text": "<b>x", "parse_mode": "HTML"}, "can't parse entities"),
    ("crossed tags", "sendMessage", {"chat_id": "1", "text": "<b><i>x</b></i>", "parse_mode": "HTML"}, "can't parse entities"),
    ("unescaped &", "sendMessage", {"chat_id": "1", "text": "P&L", "parse_mode": "HTML"}, "can't parse entities"),
    ("unescaped <", "sendMessage", {"chat_id": "1", "text": "a < b", "parse_mode": "HTML"}, "can't parse entities"),
    ("span without spoiler class", "sendMessage", {"chat_id": "1", "text": "<span>x</span>", "parse_mode": "HTML"},
     "can't parse entities"),
    ("a without href", "sendMessage", {"chat_id": "1", "text": "<a>x</a>", "parse_mode": "HTML"}, "can't parse entities"),
    ("bad parse_mode", "sendMessage", {"chat_id": "1", "text": "x", "parse_mode": "BBCode"}, "parse_mode"),
    ("caption too long", "sendDocument", {"chat_id": "1", "document": "FILEX", "caption": "c" * 1025}, "caption is too long"),
    ("invalid command name", "setMyCommands", {"commands": json.dumps([{"command": "Bad-Name", "description": "x"}])},
     "BOT_COMMAND_INVALID"),
    ("command without description", "setMyCommands", {"commands": json.dumps([{"command": "ok"}])}, "required"),
    ("unknown callback query", "answerCallbackQuery", {"callback_query_id": "nope"}, "query is too old"),
    ("edit of a missing message", "editMessageText", {"chat_id": "1", "message_id": "999", "text": "x"}, "not found"),
    ("unknown file", "getFile", {"file_id": "nope"}, "invalid file_id"),
]


@pytest.mark.parametrize("label,method,params,expected", BAD_REQUESTS, ids=[b[0] for b in BAD_REQUESTS])
def test_bad_request_is_refused_and_recorded(fake_bot_api: FakeBotAPI, call, label, method, params, expected) -> None:
    body = call(method, form=params)
    assert body["ok"] is False and body["error_code"] in (400, 404)
    assert expected in body["description"]
    assert len(fake_bot_api.violations) == 1 and expected in fake_bot_api.violations[0]


def test_good_requests_pass_in_every_encoding(fake_bot_api: FakeBotAPI, call) -> None:
    html = '<b>Q4</b> &lt;rev&gt; &amp; <i>x</i> <a href="https://e.com/?a=1&amp;b=2">l</a> <code>c</code> ' \
           '<pre><code class="language-py">p</code></pre> <tg-spoiler>s</tg-spoiler> <span class="tg-spoiler">s</span> ' \
           '<blockquote expandable>q</blockquote>'
    r = call("sendMessage", form={"chat_id": "7", "text": html, "parse_mode": "HTML", "reply_markup": _kb("v1|x|1")})
    assert r["ok"], r
    assert r["result"]["text"].startswith("Q4 <rev> & x l c")
    r = call("sendMessage", json_body={"chat_id": 7, "text": "x" * 4096, "disable_notification": True,
                                       "reply_markup": {"inline_keyboard": [[{"text": "a", "callback_data": "é" * 32}]]}})
    assert r["ok"], r
    r = call("sendDocument", form={"chat_id": "7", "caption": "<b>c</b>", "parse_mode": "HTML"},
             files={"document": ("call.txt", b"hello", "text/plain")})
    assert r["ok"] and r["result"]["document"]["file_name"] == "call.txt"
    fid = r["result"]["document"]["file_id"]
    f = call("getFile", form={"file_id": fid})["result"]
    data = httpx.get(f"{fake_bot_api.base_file_url}{fake_bot_api.token}/{f['file_path']}").content
    assert data == b"hello"
    assert call("setMyCommands", form={"commands": json.dumps([{"command": "help", "description": "Help"}])})["ok"]
    assert call("getMyCommands", form={})["result"] == [{"command": "help", "description": "Help"}]
    assert fake_bot_api.violations == []
    assert [m.get("text", "doc")[:2] for m in fake_bot_api.messages(7)] == ["Q4", "xx", "do"]


def test_wrong_token_is_unauthorized(fake_bot_api: FakeBotAPI) -> None:
    r = httpx.post(f"{fake_bot_api.base_url}999:WRONG/getMe")
    assert r.status_code == 401 and fake_bot_api.violations


def test_html_parser_plain_text() -> None:
    assert parse_html("a &lt;b&gt; &#169; &#x1F600;") == "a <b> © 😀"
    with pytest.raises(HTMLParseError):
        parse_html("<b>a</i>")


def test_get_updates_long_polls_and_confirms_by_offset(fake_bot_api: FakeBotAPI, call) -> None:
    t0 = time.monotonic()
    assert call("getUpdates", form={"timeout": "1"})["result"] == []
    assert time.monotonic() - t0 >= 0.9
    threading.Timer(0.3, lambda: fake_bot_api.push_command("help", chat_id=3)).start()
    got = call("getUpdates", form={"timeout": "5"})["result"]
    assert len(got) == 1 and got[0]["message"]["text"] == "/help"
    assert got[0]["message"]["entities"][0] == {"type": "bot_command", "offset": 0, "length": 5}
    again = call("getUpdates", form={"timeout": "0"})["result"]
    assert again == got  # not confirmed yet
    assert call("getUpdates", form={"offset": str(got[0]["update_id"] + 1), "timeout": "0"})["result"] == []


def test_group_topic_document_and_callback_updates(fake_bot_api: FakeBotAPI, call) -> None:
    u = fake_bot_api.push_command("summary", "NWRB", mention=True, chat_id=-100, user_id=9, thread_id=42)
    m = u["message"]
    assert m["text"] == "/summary@earnings_test_bot NWRB" and m["message_thread_id"] == 42 and m["chat"]["is_forum"]
    d = fake_bot_api.push_document(b"transcript", "call.txt", chat_id=5)["message"]["document"]
    f = call("getFile", form={"file_id": d["file_id"]})["result"]
    assert f["file_size"] == 10
    sent = call("sendMessage", form={"chat_id": "5", "text": "pick", "reply_markup": _kb("v1|a")})["result"]
    qid = fake_bot_api.push_callback(sent, "v1|a")
    assert call("answerCallbackQuery", form={"callback_query_id": qid})["ok"]
    assert "too old" in call("answerCallbackQuery", form={"callback_query_id": qid})["description"]
    fake_bot_api.violations.clear()  # the second answer above was deliberate
    edit = {"chat_id": "5", "message_id": str(sent["message_id"]), "text": "picked"}
    assert call("editMessageText", form=edit)["ok"]
    again = call("editMessageText", form=edit)
    assert "not modified" in again["description"]
    assert fake_bot_api.messages(5)[-1]["text"] == "picked"
    assert call("deleteMessage", form={"chat_id": "5", "message_id": str(sent["message_id"])})["result"] is True
    assert fake_bot_api.violations == []


def test_fault_injection(fake_bot_api: FakeBotAPI, call) -> None:
    fake_bot_api.fail_next(429, retry_after=3, method="sendMessage")
    r = call("sendMessage", form={"chat_id": "1", "text": "x"})
    assert r["error_code"] == 429 and r["parameters"] == {"retry_after": 3}
    assert call("sendMessage", form={"chat_id": "1", "text": "x"})["ok"]
    fake_bot_api.fail_next(502, times=2)
    assert [call("sendMessage", form={"chat_id": "1", "text": "x"})["error_code"] for _ in range(2)] == [502, 502]
    fake_bot_api.block(2)
    r = call("sendMessage", form={"chat_id": "2", "text": "x"})
    assert r["error_code"] == 403 and r["description"] == "Forbidden: bot was blocked by the user"
    assert call("sendMessage", form={"chat_id": "1", "text": "x"})["ok"]
    fake_bot_api.reject_html()
    assert call("sendMessage", form={"chat_id": "1", "text": "plain"})["ok"]
    r = call("sendMessage", form={"chat_id": "1", "text": "<b>x</b>", "parse_mode": "HTML"})
    assert "can't parse entities" in r["description"]
    fake_bot_api.set_delay(0.5, "sendMessage")
    t0 = time.monotonic()
    assert call("sendMessage", form={"chat_id": "1", "text": "slow"})["ok"]
    assert time.monotonic() - t0 >= 0.45
    assert fake_bot_api.violations == []  # injected faults are not the bot's fault


def test_real_ptb_bot_talks_to_it(fake_bot_api: FakeBotAPI) -> None:
    from telegram import Bot, InlineKeyboardButton, InlineKeyboardMarkup
    from telegram.error import BadRequest, Forbidden, RetryAfter

    async def go() -> None:
        bot = Bot(fake_bot_api.token, base_url=fake_bot_api.base_url, base_file_url=fake_bot_api.base_file_url)
        async with bot:
            assert bot.username == "earnings_test_bot"
            kb = InlineKeyboardMarkup([[InlineKeyboardButton("Next", callback_data="v1|s|1|2")]])
            m = await bot.send_message(11, "<b>Hi</b> &amp;", parse_mode="HTML", reply_markup=kb)
            assert m.text == "Hi &"
            await bot.send_document(11, b"data", filename="x.txt", caption="c")
            with pytest.raises(BadRequest, match="(?i)can't parse entities"):
                await bot.send_message(11, "<unknown>", parse_mode="HTML")
            fake_bot_api.fail_next(429, retry_after=2)
            with pytest.raises(RetryAfter):
                await bot.send_message(11, "x")
            fake_bot_api.block(12)
            with pytest.raises(Forbidden):
                await bot.send_message(12, "x")

    asyncio.run(go())
    assert len(fake_bot_api.violations) == 1 and "Unsupported start tag" in fake_bot_api.violations[0]


def test_shipped_description_is_not_older_than_python_telegram_bot(bot_api_spec) -> None:
    """The fake server validates against the Bot API the pinned python-telegram-bot speaks, or a newer one:
    an older description would refuse (or wave through) parameters the real Telegram treats differently."""
    from telegram.constants import BOT_API_VERSION_INFO

    from tests.fakebotapi.spec import SPEC_PATH

    assert SPEC_PATH.is_relative_to(Path(__file__).resolve().parent), "the description ships with the tests"
    assert (SPEC_PATH.parent / "LICENSE").is_file() and "MIT" in (SPEC_PATH.parent / "LICENSE").read_text()
    have = bot_api_spec.version_info
    need = (BOT_API_VERSION_INFO.major, BOT_API_VERSION_INFO.minor)
    assert have >= need, (f"tests/fakebotapi/botapi/api.json describes {bot_api_spec.version}, older than Bot API "
                          f"{need[0]}.{need[1]} of python-telegram-bot: replace it (see botapi/README.md)")


def test_version_info_reads_the_description_version() -> None:
    from tests.fakebotapi.spec import Spec

    assert Spec({"methods": {}, "types": {}, "version": "Bot API 9.2"}).version_info == (9, 2)
    assert Spec({"methods": {}, "types": {}, "version": "Bot API 9.2"}).version_info < (10, 0)
    assert Spec({"methods": {}, "types": {}}).version_info == ()
