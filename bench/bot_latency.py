"""Bot latency and memory: 200 simulated chats sending /summary and /search over 5,000 stored calls.

1. Builds a database of 5,000 calls: the bundled samples stored again and again (through the normal
   store path, the analysis computed once per sample) under varied company names and quarters.
2. Handling time, in-process: the real Application (`build_application`) talking HTTP to the fake Bot
   API server on loopback, rate limiter off; 200 chats' commands queued at once and handled the way PTB
   handles them (one update at a time); each update's `process_update` time, reply included, is one sample.
3. Memory: the real `earnings-bot run` process against the fake server on that database, the same 400
   commands pushed through getUpdates; its peak RSS (VmHWM) once every reply has arrived.
Goals: p99 < 50 ms for /summary and /search; peak RSS < 150 MB.

Run: python -m bench.bot_latency [--calls 5000] [--chats 200]
"""
from __future__ import annotations

import argparse
import asyncio
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path


GOAL_P99_MS = 50.0
GOAL_RSS_MB = 150.0
WORDS = ["revenue", "guidance", "margin", "supply chain", "\"free cash flow\"", "inventory", "pricing", "robots"]


def build_db(path: Path, n_calls: int) -> list[tuple[str, str]]:
    """Store `n_calls` calls (samples under varied names and quarters); returns (ticker, quarter) pairs stored."""
    from bot.ops.ingest import store_parsed
    from bot.paths import samples_dir
    from storage.db import open_db
    from summarizer.model import sentences_of
    from summarizer.parse import parse_bytes

    import bot.ops.analysis as analysis_ops

    real_analyze, cache = analysis_ops.analyze, {}

    def analyze_once(tr, sentences):  # every copy of a sample has the same analysis: compute it once
        if id(sentences) not in cache:
            cache[id(sentences)] = real_analyze(tr, sentences)
        return dict(cache[id(sentences)])

    analysis_ops.analyze = analyze_once
    parsed = []
    for p in sorted(samples_dir().iterdir()):
        if p.is_file():
            tr = parse_bytes(p.read_bytes(), p.name)
            parsed.append((tr, sentences_of(tr)))
    db = open_db(path)
    refs = []
    for i in range(n_calls):
        tr, sentences = parsed[i % len(parsed)]
        k = i // 4  # 1,250 companies with four quarters each
        base = (tr.company or "Company").split()[0]
        tr2 = replace(tr, company=f"{base} Co{k:04d}", ticker=f"T{k:04d}", fiscal_quarter=1 + i % 4,
                      fiscal_year=2025, preamble=f"{tr.preamble or ''} (copy {i})")
        store_parsed(db, tr2, sentences)
        refs.append((tr2.ticker, f"Q{tr2.fiscal_quarter} {tr2.fiscal_year}"))
    db.close()
    return refs


def commands(refs: list[tuple[str, str]], chats: int, rng: random.Random) -> list[tuple[int, str, str]]:
    out = []
    for chat in range(1, chats + 1):
        ticker, quarter = rng.choice(refs)
        out.append((chat, "summary", f"{ticker} {quarter}"))
        out.append((chat, "search", rng.choice(WORDS)))
    rng.shuffle(out)
    return out


def pct(values: list[float], p: float) -> float:
    s = sorted(values)
    return s[min(len(s) - 1, int(round(p / 100 * (len(s) - 1))))]


async def handling_times(api, db_path: Path, cmds: list[tuple[int, str, str]]) -> dict[str, list[float]]:
    from telegram import Update

    from bot.config import Config
    from bot.telegram.app import build_application

    config = replace(Config(), token=api.token, base_url=api.base_url, base_file_url=api.base_file_url, db_path=db_path)
    app = build_application(config, rate_limiter=False)
    times: dict[str, list[float]] = {"summary": [], "search": []}
    async with app:
        for chat, cmd, args in cmds[:20]:  # warm-up: imports, caches, connections
            await app.process_update(Update.de_json(api.push_command(cmd, args, chat_id=10_000 + chat), app.bot))
        updates = [(cmd, Update.de_json(api.push_command(cmd, args, chat_id=chat), app.bot)) for chat, cmd, args in cmds]
        for cmd, update in updates:
            t0 = time.perf_counter()
            await app.process_update(update)
            times[cmd].append((time.perf_counter() - t0) * 1000)
    return times


def peak_rss_of_bot(api, db_path: Path, cmds: list[tuple[int, str, str]], tmp: Path) -> tuple[float, float]:
    exe = Path(sys.executable).parent / "earnings-bot"
    env = {"PATH": os.environ.get("PATH", ""), "HOME": str(tmp), "EARNINGS_BOT_DB": str(db_path),
           "TELEGRAM_BOT_TOKEN": api.token, "TELEGRAM_BASE_URL": api.base_url,
           "TELEGRAM_BASE_FILE_URL": api.base_file_url, "LOG_LEVEL": "WARNING"}
    proc = subprocess.Popen([str(exe), "run"], env=env, cwd=tmp, stdin=subprocess.DEVNULL,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        api.wait_for(lambda: api.commands or proc.poll() is not None, timeout=60)
        before = len(api.requests("sendMessage", ok=True))
        t0 = time.perf_counter()
        for chat, cmd, args in cmds:
            api.push_command(cmd, args, chat_id=20_000 + chat)
        api.wait_for(lambda: len(api.requests("sendMessage", ok=True)) - before >= len(cmds), timeout=600)
        elapsed = time.perf_counter() - t0
        with open(f"/proc/{proc.pid}/status") as f:
            hwm = next(int(line.split()[1]) for line in f if line.startswith("VmHWM"))
        return hwm / 1024, elapsed
    finally:
        proc.terminate()
        proc.wait(timeout=30)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--calls", type=int, default=5000)
    ap.add_argument("--chats", type=int, default=200)
    args = ap.parse_args()
    os.environ.setdefault("PTB_TIMEDELTA", "1")
    from tests.fakebotapi import FakeBotAPI, Spec

    spec = Spec.load()
    with tempfile.TemporaryDirectory() as d:
        tmp = Path(d)
        t0 = time.perf_counter()
        refs = build_db(tmp / "bench.db", args.calls)
        print(f"database: {args.calls} calls stored in {time.perf_counter() - t0:.1f} s")
        cmds = commands(refs, args.chats, random.Random(7))
        with FakeBotAPI(spec) as api:
            times = asyncio.run(handling_times(api, tmp / "bench.db", cmds))
            violations = list(api.violations)
        ok = True
        for cmd, values in times.items():
            p50, p99 = statistics.median(values), pct(values, 99)
            ok &= p99 < GOAL_P99_MS
            print(f"/{cmd}: {len(values)} updates from {args.chats} chats, handling p50 {p50:.1f} ms, "
                  f"p99 {p99:.1f} ms, max {max(values):.1f} ms (goal p99 < {GOAL_P99_MS:.0f} ms)")
        with FakeBotAPI(spec) as api:
            rss, elapsed = peak_rss_of_bot(api, tmp / "bench.db", cmds, tmp)
            violations += api.violations
        print(f"earnings-bot run process: {len(cmds)} commands answered in {elapsed:.1f} s "
              f"(Telegram-paced by AIORateLimiter), peak RSS {rss:.0f} MB (goal < {GOAL_RSS_MB:.0f} MB)")
        print(f"Bot API validation violations: {len(violations)}")
        for v in violations[:5]:
            print("  ", v)
        ok &= rss < GOAL_RSS_MB and not violations
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
