"""Full ingest speed: the 1,079 Motley Fool dataset calls parsed, split, stored and indexed into a fresh SQLite file.

Each call goes through the same path as `earnings-bot ingest`: `parse_bytes` -> sentence split -> one
transaction storing the call, turns, sentences and full-text rows, then the analysis and alert hooks
(`analyze_and_store`, `match_new_call`, whatever they do at the time of the run). The run is repeated
with those hooks replaced by no-ops so their share is visible. One process, one core.

Prints calls/s, total seconds, the time per stage, peak RSS, database size, and search latency over
the result (common word, rare word, phrase, filtered by company, a hostile query).
Goal: >= 50 calls/s, peak RSS < 300 MB.

Run: python -m bench.ingest [--limit N] [--hooks-limit N] [--no-hooks-only]
"""
from __future__ import annotations

import argparse
import os
import resource
import statistics
import sys
import tempfile
import time

clock = time.process_time  # CPU seconds of this process: the per-stage figures hold on a busy machine too
from pathlib import Path

from bench import shared_data_or_exit

GOAL_CALLS_PER_S = 50
GOAL_RSS_MB = 300


def _rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def run(files: list[Path], db_file: Path, *, hooks: bool) -> dict:
    """Ingest every file into a fresh database at `db_file`; time each stage."""
    import bot.ops.ingest as ing
    from storage import transcripts as store
    from storage.db import open_db
    from summarizer.model import sentences_of
    from summarizer.parse import parse_bytes

    saved = ing.analyze_and_store, ing.match_new_call
    hook_time = {"analysis": 0.0, "matching": 0.0}

    def timed(name, fn):
        def wrapper(*a, **k):
            t0 = clock()
            try:
                return fn(*a, **k)
            finally:
                hook_time[name] += clock() - t0
        return wrapper

    if hooks:
        ing.analyze_and_store = timed("analysis", saved[0])
        ing.match_new_call = timed("matching", saved[1])
    else:
        ing.analyze_and_store = lambda *a, **k: None
        ing.match_new_call = lambda *a, **k: 0
    db = open_db(db_file)
    t_parse = t_split = t_store = 0.0
    statuses: dict[str, int] = {}
    failed = 0
    start, cpu_start = time.perf_counter(), clock()
    try:
        for f in files:
            t0 = clock()
            try:
                tr = parse_bytes(f.read_bytes(), f.name)
            except Exception as e:  # noqa: BLE001 - a bench counts failures, it does not stop on them
                failed += 1
                if failed <= 3:
                    print(f"  failed {f.name}: {type(e).__name__}: {e}", file=sys.stderr)
                continue
            t1 = clock()
            sentences = sentences_of(tr)
            t2 = clock()
            r = ing.store_parsed(db, tr, sentences)
            t3 = clock()
            t_parse, t_split, t_store = t_parse + t1 - t0, t_split + t2 - t1, t_store + t3 - t2
            statuses[r.status] = statuses.get(r.status, 0) + 1
    finally:
        ing.analyze_and_store, ing.match_new_call = saved
    total, cpu = time.perf_counter() - start, clock() - cpu_start
    n_sent = db.execute("select count(*) from sentences").fetchone()[0]
    db.close()
    del store
    return {"total": total, "cpu": cpu, "parse": t_parse, "split": t_split, "store": t_store - sum(hook_time.values()),
            "analysis": hook_time["analysis"], "matching": hook_time["matching"], "statuses": statuses,
            "failed": failed, "sentences": n_sent}


def search_latency(db_file: Path) -> list[tuple[str, float, float, int]]:
    """Median wall and CPU milliseconds (of 20 runs) for a few kinds of query over the stored calls."""
    from bot.ops.calls import companies, search
    from storage.db import open_db

    db = open_db(db_file)
    some = companies(db)
    company = some[len(some) // 2].company if some else None
    cases: list[tuple[str, dict]] = [
        ("revenue", {}),
        ("supply chain", {}),
        ('"gross margin" guidance', {}),
        ("semiconductor", {}),
        ("revenue", {"company": company}),
        ("margin", {"section": "qa"}),
        ('"unbalanced AND AND * NEAR( 🙂 ' + "x" * 4000, {}),
    ]
    out = []
    for query, kw in cases:
        times, cpu, n = [], [], 0
        for _ in range(20):
            t0, c0 = time.perf_counter(), clock()
            n = len(search(db, query, limit=10, **kw))
            times.append((time.perf_counter() - t0) * 1000)
            cpu.append((clock() - c0) * 1000)
        label = query if len(query) < 40 else query[:30] + f"... ({len(query)} chars)"
        if kw:
            label += " " + " ".join(f"--{k} {v}" for k, v in kw.items())
        out.append((label, statistics.median(times), statistics.median(cpu), n))
    db.close()
    return out


def scaled_copy(files: list[Path], db_file: Path, copies: int) -> int:
    """Store every call `copies` times (each copy's text and year made different, so none is a duplicate or version)."""
    import bot.ops.ingest as ing
    from storage.db import open_db
    from summarizer.model import sentences_of
    from summarizer.parse import parse_bytes

    saved = ing.analyze_and_store, ing.match_new_call
    ing.analyze_and_store, ing.match_new_call = (lambda *a, **k: None), (lambda *a, **k: 0)
    db = open_db(db_file)
    try:
        for f in files:
            try:
                tr = parse_bytes(f.read_bytes(), f.name)
            except Exception:  # noqa: BLE001 - counted in the main run
                continue
            sentences = sentences_of(tr)
            year = tr.fiscal_year or 2000
            for k in range(copies):
                tr.fiscal_year = year - 10 * k
                if tr.turns:
                    tr.turns[0].text += f" (copy {k})"
                ing.store_parsed(db, tr, sentences)
        return db["transcripts"].count
    finally:
        ing.analyze_and_store, ing.match_new_call = saved
        db.close()


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--limit", type=int, default=None, help="only the first N calls")
    ap.add_argument("--hooks-limit", type=int, default=200,
                    help="calls in the run with analysis and matching (default 200; 0 = all)")
    ap.add_argument("--scale", type=int, default=5, help="also time search over the calls stored this many times (default 5)")
    ap.add_argument("--no-hooks-only", action="store_true", help="skip the run with analysis and matching")
    args = ap.parse_args()
    data = shared_data_or_exit("ingest bench")
    files = sorted((data / "transcripts" / "motleyfool-json").glob("*.json"))[: args.limit]
    if not files:
        print("skip ingest bench: no dataset calls found")
        return 0
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else 0.0
    print(f"machine load {load:.1f} on {os.cpu_count()} cores: wall-clock rates suffer when it is high; "
          f"the CPU-time rate (this process only) does not")
    with tempfile.TemporaryDirectory() as tmp:
        runs = [("store+index (hooks off)", False, files)]
        if not args.no_hooks_only:
            runs.append(("full (analysis+matching)", True, files[: args.hooks_limit or None]))
        search_db = None
        for label, hooks, batch in runs:
            db_file = Path(tmp) / f"bench-{hooks}.db"
            search_db = search_db or db_file
            r = run(batch, db_file, hooks=hooks)
            n = max(sum(r["statuses"].values()), 1)
            rate, cpu_rate = n / r["total"], n / max(r["cpu"], 1e-9)
            size_mb = db_file.stat().st_size / 1e6
            print(f"{label}: {n} calls in {r['total']:.1f} s wall = {rate:.1f} calls/s; CPU {r['cpu']:.1f} s = "
                  f"{cpu_rate:.1f} calls/s (goal >= {GOAL_CALLS_PER_S}: {'ok' if cpu_rate >= GOAL_CALLS_PER_S else 'MISSED'}, "
                  f"ratio {cpu_rate / GOAL_CALLS_PER_S:.2f}x)")
            print(f"  CPU per call: parse {r['parse'] / n * 1000:.1f} ms, split {r['split'] / n * 1000:.1f} ms, "
                  f"store+index {r['store'] / n * 1000:.2f} ms, analysis {r['analysis'] / n * 1000:.1f} ms, "
                  f"matching {r['matching'] / n * 1000:.1f} ms; {r['sentences']:,} sentences; "
                  f"statuses {r['statuses']}; failed {r['failed']}; db {size_mb:.0f} MB")
        rss = _rss_mb()
        print(f"peak RSS: {rss:.0f} MB (goal < {GOAL_RSS_MB}: {'ok' if rss < GOAL_RSS_MB else 'MISSED'})")
        print(f"search latency over the {len(files)} calls (median of 20, limit 10; wall / CPU):")
        for label, ms, cpu_ms, hits in search_latency(search_db):
            print(f"  {ms:7.2f} / {cpu_ms:6.2f} ms  {hits:2d} hits  {label}")
        if args.scale > 1:
            big = Path(tmp) / "bench-scaled.db"
            n = scaled_copy(files, big, args.scale)
            print(f"search latency over {n} calls (the dataset stored {args.scale} times, each copy a different text):")
            for label, ms, cpu_ms, hits in search_latency(big):
                print(f"  {ms:7.2f} / {cpu_ms:6.2f} ms  {hits:2d} hits  {label}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
