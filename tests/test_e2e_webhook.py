"""End to end in webhook mode, then polling again: the real `earnings-bot run` process, the fake Bot API posting
updates to the bot's webhook over loopback; /healthz, /metrics and JSON logs of the same process."""
from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

from tests.fakebotapi.server import FakeBotAPI

pytestmark = pytest.mark.e2e
EXE = Path(sys.executable).parent / "earnings-bot"
ADMIN = 5
SECRET = "e2e-Secret_token-123"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _env(api: FakeBotAPI, tmp_path: Path, **extra: str) -> dict[str, str]:
    env = {"PATH": os.environ.get("PATH", ""), "HOME": str(tmp_path), "EARNINGS_BOT_DB": str(tmp_path / "e2e.db"),
           "LANG": "C.UTF-8", "PYTHONUNBUFFERED": "1", "TELEGRAM_BOT_TOKEN": api.token,
           "TELEGRAM_BASE_URL": api.base_url, "TELEGRAM_BASE_FILE_URL": api.base_file_url, "ADMIN_IDS": str(ADMIN),
           "LOG_LEVEL": "DEBUG", "LOG_FORMAT": "json", "PTB_TIMEDELTA": "1",
           "EARNINGS_BOT_ENV_FILE": str(tmp_path / "none.env")}
    env.update(extra)
    return env


class Bot:
    """The running process and where it listens."""

    def __init__(self, env: dict[str, str], tmp_path: Path, log_name: str) -> None:
        self.log = tmp_path / log_name
        self.health = free_port()
        env = {**env, "HEALTH_PORT": str(self.health)}
        with open(self.log, "wb") as out:
            self.proc = subprocess.Popen([str(EXE), "run"], env=env, cwd=tmp_path, stdin=subprocess.DEVNULL,
                                         stdout=out, stderr=subprocess.STDOUT)

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.health}{path}"

    def wait_health(self, timeout: float = 30.0) -> httpx.Response:
        deadline = time.monotonic() + timeout
        while True:
            assert self.proc.poll() is None, self.log.read_text()
            try:
                return httpx.get(self.url("/healthz"), timeout=10)
            except httpx.TransportError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.2)

    def stop(self, sig: int = signal.SIGTERM) -> int:
        if self.proc.poll() is None:
            self.proc.send_signal(sig)
        try:
            return self.proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            return self.proc.wait()

    def log_lines(self) -> list[dict]:
        lines = self.log.read_text().splitlines()
        return [json.loads(ln) for ln in lines]  # every line is one JSON event


def test_webhook_mode_end_to_end_then_polling_again(fake_bot_api: FakeBotAPI, tmp_path: Path) -> None:
    api = fake_bot_api
    port = free_port()
    hook = f"http://127.0.0.1:{port}/tg/updates"
    env = _env(api, tmp_path, WEBHOOK_URL=hook, WEBHOOK_PORT=str(port), WEBHOOK_SECRET=SECRET,
               WEBHOOK_DELETE_ON_STOP="true")
    bot = Bot(env, tmp_path, "webhook.log")
    try:
        api.wait_for(lambda: api.webhook.url or bot.proc.poll() is not None, timeout=30)
        assert api.webhook.url == hook and api.webhook.secret == SECRET
        set_call = api.requests("setWebhook")[-1].params
        assert set_call["secret_token"] == SECRET and "message" in set_call["allowed_updates"]

        api.push_command("help", chat_id=ADMIN)  # delivered by POST to the webhook, with the secret header
        assert "/summary" in api.wait_messages(ADMIN, 1, timeout=30)[0]["text"]
        from bot.paths import samples_dir

        api.push_document((samples_dir() / "nwrb-q3-2025-transcript.md").read_bytes(), "nwrb-q3.md", chat_id=ADMIN)
        added = api.wait_messages(ADMIN, 3, timeout=60)
        assert added[1]["text"].startswith("Added: Northwind")
        last = {d.update_id: d.status for d in api.webhook.deliveries}  # (a first try may precede the listening)
        assert len(last) == 2 and set(last.values()) == {200}

        forged = {"update_id": 999, "message": {"message_id": 1, "date": int(time.time()), "text": "/help",
                                                "chat": {"id": 66, "type": "private", "first_name": "Mallory"},
                                                "entities": [{"type": "bot_command", "offset": 0, "length": 5}]}}
        for headers in ({}, {"X-Telegram-Bot-Api-Secret-Token": "wrong"}):
            r = httpx.post(hook, json=forged, headers=headers, timeout=10)
            assert r.status_code == 403
        time.sleep(1.0)
        assert api.messages(66) == []  # nobody answered the forged update

        health = bot.wait_health()
        report = health.json()
        assert health.status_code == 200 and report["ok"] and report["mode"] == "webhook", report
        assert report["checks"]["telegram"]["url_registered"] is True
        assert report["checks"]["updates"]["last_update_age_s"] is not None
        text = httpx.get(bot.url("/metrics"), timeout=10).text
        assert 'earnings_bot_updates_total{command="help",outcome="ok"} 1.0' in text
        assert 'earnings_bot_updates_total{command="on_document",outcome="ok"} 1.0' in text
        assert 'earnings_bot_ingests_total{outcome="added"} 1.0' in text
        assert "earnings_bot_handler_seconds_bucket" in text and 'earnings_bot_outbox_messages{status="pending"}' in text
        assert api.token not in text + health.text and SECRET not in text + health.text
    finally:
        code = bot.stop(signal.SIGTERM)
    assert code == 0, bot.log.read_text()[-3000:]
    assert api.requests("deleteWebhook") and api.webhook.url is None  # WEBHOOK_DELETE_ON_STOP
    log = bot.log.read_text()
    assert api.token not in log and SECRET not in log
    events = bot.log_lines()
    assert not [e for e in events if e["level"] != "debug" and "exc" in e]  # the refused requests: DEBUG lines only
    assert {"ts", "level", "logger", "message"} <= set(events[0])
    assert any("receiving Telegram updates at " + hook in e["message"] for e in events)

    # the same database, polling now: a webhook left registered would stop getUpdates, so PTB removes it first
    api.webhook.set({"url": hook})  # as if the webhook run had been killed without deleting it
    polling = Bot(_env(api, tmp_path), tmp_path, "polling.log")
    try:
        api.wait_for(lambda: api.webhook.url is None or polling.proc.poll() is not None, timeout=30)
        api.push_command("companies", chat_id=ADMIN)
        assert "Northwind" in api.wait_messages(ADMIN, 4, timeout=30)[3]["text"]
        report = polling.wait_health().json()
        assert report["ok"] and report["mode"] == "polling" and report["checks"]["telegram"]["via"] == "getUpdates"
        assert report["checks"]["database"]["ok"] and report["checks"]["outbox"]["ok"]
    finally:
        assert polling.stop(signal.SIGINT) == 0
    assert api.violations == []


def test_healthz_fails_when_the_database_takes_no_write(fake_bot_api: FakeBotAPI, tmp_path: Path) -> None:
    api = fake_bot_api
    bot = Bot(_env(api, tmp_path, LOG_FORMAT="text"), tmp_path, "bot.log")
    try:
        api.wait_for(lambda: api.commands or bot.proc.poll() is not None, timeout=30)
        assert bot.wait_health().status_code == 200
        import sqlite3

        lock = sqlite3.connect(tmp_path / "e2e.db", isolation_level=None, timeout=1)
        lock.execute("BEGIN EXCLUSIVE")  # another writer holds the database
        try:
            r = httpx.get(bot.url("/healthz"), timeout=20)
        finally:
            lock.execute("ROLLBACK")
            lock.close()
        assert r.status_code == 503
        db_check = r.json()["checks"]["database"]
        assert db_check["ok"] is False and "locked" in db_check["error"]
        assert httpx.get(bot.url("/healthz"), timeout=20).status_code == 200  # and recovers
        assert httpx.get(bot.url("/nothing"), timeout=10).status_code == 404
    finally:
        assert bot.stop() == 0
    text = bot.log.read_text()
    assert all(not ln.lstrip().startswith(("File ", "Traceback")) for ln in text.splitlines())  # one line per event
    assert api.token not in text


def test_a_port_in_use_for_the_webhook_is_one_line(fake_bot_api: FakeBotAPI, tmp_path: Path) -> None:
    api = fake_bot_api
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        env = _env(api, tmp_path, WEBHOOK_URL=f"http://127.0.0.1:{port}/tg", WEBHOOK_PORT=str(port), LOG_LEVEL="WARNING",
                   HEALTH_PORT="off")
        r = subprocess.run([str(EXE), "run"], env=env, cwd=tmp_path, capture_output=True, text=True, timeout=60,
                           stdin=subprocess.DEVNULL)
    assert r.returncode == 1
    assert r.stderr.strip().splitlines()[-1].startswith("Error: cannot listen for the webhook on 127.0.0.1:")
    assert "Traceback" not in r.stderr and api.token not in r.stderr


@pytest.mark.parametrize("setting, value, says", [
    ("WEBHOOK_URL", "http://bot.example.com/tg", "WEBHOOK_URL is malformed"),  # Telegram's cloud: https only
    ("WEBHOOK_SECRET", "has spaces", "WEBHOOK_SECRET is malformed"),
    ("WEBHOOK_PORT", "99999", "WEBHOOK_PORT is malformed"),
    ("HEALTH_PORT", "nine", "HEALTH_PORT is malformed"),
    ("LOG_FORMAT", "xml", "LOG_FORMAT is malformed"),
])
def test_bad_serving_settings_stop_the_start_with_one_line(tmp_path: Path, setting: str, value: str, says: str) -> None:
    env = {"PATH": os.environ.get("PATH", ""), "HOME": str(tmp_path), "TELEGRAM_BOT_TOKEN": "123:abc",
           "EARNINGS_BOT_DB": str(tmp_path / "x.db"), "EARNINGS_BOT_ENV_FILE": str(tmp_path / "none.env"), setting: value}
    r = subprocess.run([str(EXE), "run"], env=env, cwd=tmp_path, capture_output=True, text=True, timeout=60,
                       stdin=subprocess.DEVNULL)
    assert r.returncode == 1
    lines = r.stderr.strip().splitlines()
    assert len(lines) == 1 and says in lines[0] and "123:abc" not in lines[0]
