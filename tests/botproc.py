"""The real `earnings-bot run` process against the fake Bot API, for tests that need the process itself (latency
across chats, signals, a revoked token): started with its own settings, its log kept, stopped at the end."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from tests.fakebotapi.server import FakeBotAPI

EXE = Path(sys.executable).parent / "earnings-bot"


class BotProcess:
    """`earnings-bot run` on `db_path`; `.log` is its stderr; `.stop()` sends SIGTERM and waits."""

    def __init__(self, api: FakeBotAPI, db_path: Path, tmp_path: Path, **settings: str) -> None:
        env = {"PATH": os.environ.get("PATH", ""), "HOME": str(tmp_path), "LANG": "C.UTF-8", "PYTHONUNBUFFERED": "1",
               "TELEGRAM_BOT_TOKEN": api.token, "TELEGRAM_BASE_URL": api.base_url,
               "TELEGRAM_BASE_FILE_URL": api.base_file_url, "EARNINGS_BOT_DB": str(db_path), "LOG_LEVEL": "INFO",
               "PTB_TIMEDELTA": "1", "EARNINGS_BOT_ENV_FILE": str(tmp_path / "no.env"),
               "INBOX_ROOT": str(tmp_path), **settings}
        self.api, self.log = api, tmp_path / f"bot-{time.monotonic_ns()}.log"
        with open(self.log, "wb") as err:
            self.proc = subprocess.Popen([str(EXE), "run"], env=env, cwd=tmp_path, stdin=subprocess.DEVNULL,
                                         stdout=err, stderr=subprocess.STDOUT)
        api.wait_for(lambda: api.commands or self.proc.poll() is not None, timeout=60)
        assert self.proc.poll() is None, self.text()

    def text(self) -> str:
        return self.log.read_text(errors="replace")

    def stop(self, sig: int = signal.SIGTERM, timeout: float = 20.0) -> tuple[int, float]:
        """Send `sig`; returns (exit code, seconds it took to exit)."""
        if self.proc.poll() is not None:
            return self.proc.returncode, 0.0
        t0 = time.monotonic()
        self.proc.send_signal(sig)
        try:
            code = self.proc.wait(timeout)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
            raise AssertionError(f"the bot did not stop within {timeout} s:\n{self.text()[-3000:]}") from None
        return code, time.monotonic() - t0

    def close(self) -> None:
        if self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait()


def answered_within(api: FakeBotAPI, chat_id: int, command: str, args: str = "", *, before: int | None = None,
                    timeout: float = 30.0) -> float:
    """Send /command in `chat_id` and return the seconds until the bot's first message there."""
    n = len(api.messages(chat_id)) if before is None else before
    t0 = time.monotonic()
    api.push_command(command, args, chat_id=chat_id)
    api.wait_for(lambda: len(api.messages(chat_id)) > n, timeout=timeout)
    first = [r for r in api.requests("sendMessage", ok=True) if r.chat_id == chat_id and r.at >= t0]
    return (first[0].at if first else time.monotonic()) - t0
