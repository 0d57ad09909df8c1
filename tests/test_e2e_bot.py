"""End to end: the real `earnings-bot run` process talks HTTP to the fake Bot API server; conversations held."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from tests.fakebotapi.harness import buttons
from tests.fakebotapi.server import FakeBotAPI

pytestmark = pytest.mark.e2e
EXE = Path(sys.executable).parent / "earnings-bot"
ADMIN = 5


def _env(tmp_path: Path, **extra: str) -> dict[str, str]:
    env = {"PATH": os.environ.get("PATH", ""), "HOME": str(tmp_path), "EARNINGS_BOT_DB": str(tmp_path / "e2e.db"),
           "LANG": "C.UTF-8", "PYTHONUNBUFFERED": "1", "HEALTH_PORT": "0"}
    env.update(extra)
    return env


@pytest.fixture
def bot_process(fake_bot_api: FakeBotAPI, tmp_path: Path):
    env = _env(tmp_path, TELEGRAM_BOT_TOKEN=fake_bot_api.token, TELEGRAM_BASE_URL=fake_bot_api.base_url,
               TELEGRAM_BASE_FILE_URL=fake_bot_api.base_file_url, ADMIN_IDS=str(ADMIN), LOG_LEVEL="DEBUG")
    log = tmp_path / "bot.log"
    with open(log, "wb") as err:
        proc = subprocess.Popen([str(EXE), "run"], env=env, cwd=tmp_path, stdin=subprocess.DEVNULL,
                                stdout=err, stderr=subprocess.STDOUT)
        try:
            fake_bot_api.wait_for(lambda: fake_bot_api.commands or proc.poll() is not None, timeout=30)
            assert proc.poll() is None, log.read_text()
            yield proc, log
        finally:
            if proc.poll() is None:
                proc.send_signal(signal.SIGINT)
                try:
                    proc.wait(timeout=15)
                except subprocess.TimeoutExpired:
                    proc.kill()
                    proc.wait()


def _sample(name: str) -> bytes:
    from bot.paths import samples_dir

    return (samples_dir() / name).read_bytes()


def test_conversation_upload_summary_buttons_search(fake_bot_api: FakeBotAPI, bot_process) -> None:
    api = fake_bot_api
    proc, log = bot_process
    assert {c["command"] for c in next(iter(api.commands.values()))} >= {"summary", "search", "latest", "help"}

    api.push_document(_sample("nwrb-q4-2025-page.html"), "nwrb-q4-2025.html", chat_id=ADMIN)
    msgs = api.wait_messages(ADMIN, 2, timeout=30)
    assert msgs[0]["text"].startswith("Added: Northwind"), msgs[0]["text"]
    assert msgs[1]["text"].startswith("Northwind Robotics") and "Q4 2025" in msgs[1]["text"].splitlines()[0]

    api.push_document(_sample("nwrb-q3-2025-transcript.md"), "nwrb-q3.md", chat_id=ADMIN)
    api.wait_messages(ADMIN, 4, timeout=30)

    api.push_command("summary", "northwind q3 2025", chat_id=ADMIN)
    summary = api.wait_messages(ADMIN, 5, timeout=20)[4]
    assert "Q3 2025" in summary["text"].splitlines()[0] and "•" in summary["text"]

    more = buttons(summary)["More sentences"]
    api.push_callback(summary, more)
    api.wait_for(lambda: api.find_message(ADMIN, summary["message_id"]).get("edit_date"), timeout=20)
    edited = api.find_message(ADMIN, summary["message_id"])
    assert edited["text"].count("\n•") > summary["text"].count("\n•")

    api.push_command("search", "revenue", chat_id=ADMIN)
    found = api.wait_messages(ADMIN, 6, timeout=20)[5]
    assert "revenue" in found["html"].lower() and "<b>" in found["html"]
    if "Next ▶" in buttons(found):
        api.push_callback(found, buttons(found)["Next ▶"])
        api.wait_for(lambda: "page 2" in api.find_message(ADMIN, found["message_id"])["text"], timeout=20)

    api.push_command("latest", chat_id=77)  # someone else: reads are open
    latest = api.wait_messages(77, 1, timeout=20)[0]
    assert "Northwind" in latest["text"]
    api.push_document(b"Operator: hi", "x.txt", chat_id=77)  # ...uploads are not
    assert "Only admins" in api.wait_messages(77, 2, timeout=20)[1]["text"]

    assert all(a is not None for a in api.callback_answers.values())
    assert api.violations == []
    proc.send_signal(signal.SIGINT)
    assert proc.wait(timeout=20) == 0
    text = log.read_text()
    assert api.token not in text and "Traceback" not in text


def test_bot_survives_rate_limits_server_errors_and_blocked_users(fake_bot_api: FakeBotAPI, bot_process) -> None:
    api = fake_bot_api
    api.fail_next(429, retry_after=1, method="sendMessage")
    api.push_command("companies", chat_id=8)
    assert api.wait_messages(8, 1, timeout=20)
    api.block(9)
    api.push_command("help", chat_id=9)
    api.wait_for(lambda: [r for r in api.requests("sendMessage") if r.chat_id == 9], timeout=20)
    api.fail_next(502, method="getUpdates", times=2)
    api.push_command("help", chat_id=8)
    assert len(api.wait_messages(8, 2, timeout=30)) == 2
    assert api.violations == []


def test_missing_token_format_stops_with_one_line(tmp_path: Path) -> None:
    r = subprocess.run([str(EXE), "run"], env=_env(tmp_path, TELEGRAM_BOT_TOKEN="nonsense token"), cwd=tmp_path,
                       capture_output=True, text=True, timeout=60, stdin=subprocess.DEVNULL)
    assert r.returncode == 1
    lines = r.stderr.strip().splitlines()
    assert len(lines) == 1 and "TELEGRAM_BOT_TOKEN" in lines[0] and "nonsense" not in lines[0]


def test_run_without_token_opens_terminal_chat_on_samples(tmp_path: Path) -> None:
    r = subprocess.run([str(EXE), "run"], env=_env(tmp_path), cwd=tmp_path, capture_output=True, text=True,
                       timeout=120, input="/companies\n/summary NWRB\n2\n/search guidance\n/nonsense\n<b>hi</b>\n")
    assert r.returncode == 0, r.stderr
    out = r.stdout
    assert out.splitlines()[0].startswith("No TELEGRAM_BOT_TOKEN set") and "TELEGRAM_BOT_TOKEN=" in out.splitlines()[0]
    assert "Northwind Robotics" in out and "[1] • Summary" in out and "Search guidance" in out
    assert "I don't know /nonsense" in out and "Traceback" not in out + r.stderr
    assert "demo database" in out.splitlines()[0]  # the samples live in a database of their own, named
    again = subprocess.run([str(EXE), "chat"], env=_env(tmp_path), cwd=tmp_path, capture_output=True, text=True,
                           timeout=60, input="/latest\n")  # the real database never held them
    assert again.returncode == 0 and "No calls are stored yet" in again.stdout and "No TELEGRAM" not in again.stdout
    demo = subprocess.run([str(EXE), "demo"], env=_env(tmp_path), cwd=tmp_path, capture_output=True, text=True,
                          timeout=60, input="/latest\n")
    assert demo.returncode == 0 and "Latest calls" in demo.stdout and "Northwind Robotics" in demo.stdout
