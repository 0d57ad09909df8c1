"""Broadcast delivery: 10,000 queued alerts drained through the fake Telegram Bot API on loopback.

Each message goes through the real path: outbox rows in SQLite, `bot.outbox.Sender` claiming them (marked
`sending` before the HTTP call), PTB's Bot sending over HTTP to the fake server (which validates every
request against the Bot API description), rows marked `sent`. The configured pace is raised for the bench
(RATE below; the bot's default is 30 messages/s, Telegram's limit) so the run takes seconds, not minutes.
Prints messages/s and the counts: delivered, lost (queued but never received) and duplicated (received twice).

Run: python -m bench.broadcast [--n 10000] [--rate 2000]
"""
from __future__ import annotations

import argparse
import asyncio
import tempfile
import time
from collections import Counter
from pathlib import Path


async def _drain(db, api, rate: float, concurrency: int):  # type: ignore[no-untyped-def]
    from telegram import Bot
    from telegram.request import HTTPXRequest

    from bot.outbox import SendPolicy, Sender

    bot = Bot(api.token, base_url=api.base_url, request=HTTPXRequest(connection_pool_size=concurrency))
    async with bot:
        sender = Sender(db, bot, SendPolicy(rate_per_s=rate, batch=200, concurrency=concurrency))
        return await sender.drain()


def main() -> None:
    p = argparse.ArgumentParser()
    p.add_argument("--n", type=int, default=10_000)
    p.add_argument("--rate", type=float, default=2000.0, help="messages per second (bot default: 30)")
    p.add_argument("--concurrency", type=int, default=16)
    a = p.parse_args()
    import os

    os.environ.setdefault("PTB_TIMEDELTA", "1")
    from storage import outbox
    from storage.db import open_db
    from tests.fakebotapi.server import FakeBotAPI
    from tests.fakebotapi.spec import SPEC_PATH, Spec

    api = FakeBotAPI(Spec.load(SPEC_PATH)).start()
    with tempfile.TemporaryDirectory() as tmp:
        db = open_db(Path(tmp) / "bench.db")
        with db.atomic():
            for i in range(a.n):
                db.execute("INSERT INTO chats (id, created_at) VALUES (?, '2026-01-01')", [10_000 + i])
                outbox.enqueue(db, 10_000 + i, "alert", f"🔔 <b>NWRB Q3 2025</b>\nAlert number {i}", f"bench:{i}")
        t0 = time.perf_counter()
        stats = asyncio.run(_drain(db, api, a.rate, a.concurrency))
        elapsed = time.perf_counter() - t0
        counts = outbox.counts(db)
        db.close()
    api.stop()
    got = Counter(str(r.params.get("text", "")).rsplit(" ", 1)[-1] for r in api.requests("sendMessage", ok=True))
    expected = {str(i) for i in range(a.n)}
    lost = len(expected - set(got))
    dup = sum(n - 1 for t, n in got.items() if t in expected and n > 1)
    print(f"broadcast: {a.n:,} messages in {elapsed:.1f} s = {a.n / elapsed:,.0f} msg/s "
          f"(pace configured {a.rate:g}/s, {a.concurrency} concurrent; the bot's default pace is 30/s)")
    print(f"delivered {len(set(got) & expected):,}, lost {lost}, duplicated {dup}; outbox: {counts}; "
          f"retries {stats.retried}, protocol violations {len(api.violations)}")


if __name__ == "__main__":
    main()
