"""The terminal chat runs the bot's jobs for its chat: sources polled on their schedule, the digest at its time,
alerts printed as they arrive (not only after a typed line), and it says so; a source it adds is described
truthfully."""
from __future__ import annotations

import asyncio
import io
import os
import shutil
import threading
import time
from dataclasses import replace
from pathlib import Path

import pytest

import bot.jobs
from bot.config import Config

ALERT_CALL = Path(__file__).parent / "data" / "alerts" / "nwrb-q3-2025-call.txt"
ALERT_QUOTE = "Our supply chains recovered this quarter"  # the call's one sentence that matches "supply chain"


class SlowStdin:
    """Lines the test types while the chat runs (readline blocks until the next one is sent)."""

    def __init__(self) -> None:
        r, w = os.pipe()
        self.reader, self.writer = os.fdopen(r, "r"), os.fdopen(w, "w")

    def readline(self) -> str:
        return self.reader.readline()

    def isatty(self) -> bool:
        return False

    def type(self, line: str) -> None:
        self.writer.write(line + "\n")
        self.writer.flush()

    def close(self) -> None:
        self.writer.close()


def _wait(out: io.StringIO, text: str, timeout: float = 20.0) -> None:
    deadline = time.monotonic() + timeout
    while text not in out.getvalue():
        assert time.monotonic() < deadline, f"never printed {text!r}:\n{out.getvalue()[-2000:]}"
        time.sleep(0.05)


def test_an_inbox_file_is_polled_and_its_alert_prints_while_the_chat_waits(tmp_path: Path, monkeypatch,
                                                                           settled) -> None:
    from bot.chat import JOBS, TerminalChat

    monkeypatch.setattr(bot.jobs, "POLL_INTERVAL_S", 0.5)
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    out, stdin = io.StringIO(), SlowStdin()

    def run_chat() -> None:  # its database connection belongs to this thread
        asyncio.run(TerminalChat(replace(Config(), db_path=tmp_path / "chat.db"), out).run(stdin, prompt=False))

    runner = threading.Thread(target=run_chat, daemon=True)
    runner.start()
    try:
        _wait(out, JOBS)
        stdin.type(f"/sources add inbox {inbox}")
        _wait(out, "New files in it are ingested within a minute.")
        stdin.type('/track "supply chain"')
        _wait(out, "supply chain")
        tracking = out.getvalue().count("🔔")  # the /track reply's own bell
        staged = tmp_path / "call.txt"
        shutil.copy(ALERT_CALL, staged)
        settled(staged)  # a finished copy, as if made a while ago: read at the next poll
        staged.rename(inbox / "call.txt")  # nothing is typed from now on
        _wait(out, ALERT_QUOTE)  # the alert itself, with the sentence that matched
        deadline = time.monotonic() + 10
        while not (inbox / "done" / "call.txt").exists():  # moved once its ingest returned
            assert time.monotonic() < deadline
            time.sleep(0.05)
        time.sleep(4 * bot.jobs.POLL_INTERVAL_S)  # later polls and deliveries find nothing more to say
    finally:
        stdin.type("quit")
        runner.join(timeout=20)
        stdin.close()
        stdin.reader.close()
    assert not runner.is_alive()
    printed = out.getvalue()
    assert tracking == 1 and printed.count("🔔") == 2, printed[-2000:]  # one alert, exactly once
    assert printed.count(ALERT_QUOTE) == 1 and "Traceback" not in printed


def test_the_digest_job_is_scheduled_and_prints_the_digest(tmp_path: Path) -> None:
    from bot.chat import CHAT_ID, TerminalChat
    from bot.jobs import digest_job_name

    out = io.StringIO()
    tc = TerminalChat(replace(Config(), db_path=tmp_path / "chat.db"), out)

    async def scenario() -> None:
        async with tc.app:
            await tc.app.start()
            bot.jobs.schedule_terminal(tc.app, tc.deliver, CHAT_ID)
            try:
                await tc.send("/digest daily 07:30")
                jobs = tc.app.job_queue.get_jobs_by_name(digest_job_name(CHAT_ID))
                assert len(jobs) == 1
                await jobs[0].run(tc.app)  # its time has come
                await tc.deliver()
            finally:
                await tc.app.stop()

    asyncio.run(scenario())
    assert "Your daily earnings digest" in out.getvalue()


def test_a_source_added_where_nothing_polls_says_so(tmp_path: Path) -> None:
    from bot.jobs import polling_note

    assert polling_note(None, "inbox").startswith("Nothing polls sources in this process")

    class NoJobs:
        def get_jobs_by_name(self, name: str) -> list:
            return []

    assert "Nothing polls" in polling_note(NoJobs(), "rss")  # type: ignore[arg-type]

    class Polling:
        def get_jobs_by_name(self, name: str) -> list:
            return [object()] if name == "sources" else []

    assert polling_note(Polling(), "rss") == "It is fetched every 15 minutes (EARNINGS_BOT_POLL_MINUTES)."  # type: ignore[arg-type]
