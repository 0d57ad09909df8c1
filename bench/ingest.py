"""Ingest speed: the 1,079 Motley Fool dataset calls stored into a fresh SQLite file, as `earnings-bot ingest` does it.

Two runs, each through `bot.ops.ingest.ingest_paths` (what the CLI calls: read the file, `parse_bytes`,
sentence split, then one transaction per call):
1. parse + split + store + index: the analysis and alert hooks replaced by no-ops;
2. full ingest: the same, with the stored analyses (`analyze_and_store`: default summary, key figures,
   topic tags, Q&A digest) and alert matching (`match_new_call`; no subscriptions here), as the CLI does it.
One process, one core.

Prints calls/s in CPU time of this process (and wall time), the CPU time of each stage, peak RSS, database
size, and search latency over the result (common word, rare word, phrase, filtered by company, a hostile
query). Goals (the issue): >= 50 calls/s on one core for the full ingest, peak RSS < 300 MB.

Run: python -m bench.ingest [--limit N] [--hooks-limit N] [--no-hooks-only] [--scale N]
"""
from __future__ import annotations

import argparse
import os
import resource
import statistics
import tempfile
import time
from pathlib import Path

from bench import shared_data_or_exit

clock = time.process_time  # CPU seconds of this process: the per-stage figures hold on a busy machine too

GOAL_CALLS_PER_S = 50
GOAL_RSS_MB = 300
_STAGES = ("parse_bytes", "sentences_of", "analyze_and_store", "match_new_call")
# the parts of `summarizer.analysis.analyze`, timed inside the analysis stage
_PARTS = {"default_summary": "summary", "extract_figures": "figures", "tag_call": "topics", "qa_exchanges": "Q&A"}


def _rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def run(files: list[Path], db_file: Path, *, hooks: bool) -> dict:
    """Ingest every file into a fresh database at `db_file` with `ingest_paths`; time each stage (CPU)."""
    import bot.ops.ingest as ing
    import summarizer.analysis as sa
    from storage.db import open_db

    saved = {name: getattr(ing, name) for name in _STAGES}
    saved_parts = {name: getattr(sa, name) for name in _PARTS if hasattr(sa, name)}
    spent = dict.fromkeys((*_STAGES, *saved_parts), 0.0)

    def timed(name, fn):
        def wrapper(*a, **k):
            t0 = clock()
            try:
                return fn(*a, **k)
            finally:
                spent[name] += clock() - t0
        return wrapper

    for name in _STAGES:
        setattr(ing, name, timed(name, saved[name]))
    for name, fn in saved_parts.items():
        setattr(sa, name, timed(name, fn))
    if not hooks:
        ing.analyze_and_store = lambda *a, **k: None
        ing.match_new_call = lambda *a, **k: 0
    db = open_db(db_file)
    start, cpu_start = time.perf_counter(), clock()
    try:
        report = ing.ingest_paths(db, [str(f) for f in files])
    finally:
        for name, fn in saved.items():
            setattr(ing, name, fn)
        for name, fn in saved_parts.items():
            setattr(sa, name, fn)
    total, cpu = time.perf_counter() - start, clock() - cpu_start
    n_sent = db.execute("select count(*) from sentences").fetchone()[0]
    db.close()
    statuses = {s: report.count(s) for s in ("added", "version", "duplicate") if report.count(s)}
    staged = sum(spent[name] for name in _STAGES)
    parts = {label: spent[name] for name, label in _PARTS.items() if name in spent}
    parts["storing them"] = spent["analyze_and_store"] - sum(parts.values())  # JSON and SQL of the bundle
    return {"total": total, "cpu": cpu, "parse": spent["parse_bytes"], "split": spent["sentences_of"],
            "analysis": spent["analyze_and_store"], "matching": spent["match_new_call"],
            "store": cpu - staged,  # the rest: reading files, hashing, the SQL and FTS writes, the commit
            "parts": parts, "statuses": statuses, "failed": len(report.failures), "failures": report.failures[:3],
            "sentences": n_sent}


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


def _verdict(value: float, goal: float, *, below: bool = False) -> str:
    ok = value < goal if below else value >= goal
    return f"{'ok' if ok else 'MISSED'}, {value / goal:.2f}x the goal"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--limit", type=int, default=None, help="only the first N calls")
    ap.add_argument("--hooks-limit", type=int, default=0,
                    help="calls in the full run (with stored analyses and matching); default 0 = all")
    ap.add_argument("--scale", type=int, default=5, help="also time search over the calls stored this many times (default 5)")
    ap.add_argument("--no-hooks-only", action="store_true", help="skip the full run (stored analyses and matching)")
    args = ap.parse_args()
    data = shared_data_or_exit("ingest bench")
    files = sorted((data / "transcripts" / "motleyfool-json").glob("*.json"))[: args.limit]
    if not files:
        print("skip ingest bench: no dataset calls found")
        return 0
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else 0.0
    print(f"machine load {load:.1f} on {os.cpu_count()} cores: wall-clock rates suffer when it is high; "
          f"the CPU-time rate (this process only) does not")
    rates: list[tuple[str, float, int]] = []
    with tempfile.TemporaryDirectory() as tmp:
        runs = [("parse+split+store+index (no analyses)", False, files)]
        if not args.no_hooks_only:
            runs.append(("full ingest with stored analyses (as the CLI)", True, files[: args.hooks_limit or None]))
        search_db = None
        for label, hooks, batch in runs:
            db_file = Path(tmp) / f"bench-{hooks}.db"
            search_db = search_db or db_file
            r = run(batch, db_file, hooks=hooks)
            n = max(sum(r["statuses"].values()), 1)
            rate, cpu_rate = n / r["total"], n / max(r["cpu"], 1e-9)
            rates.append((label, cpu_rate, n))
            size_mb = db_file.stat().st_size / 1e6
            print(f"{label}: {n} calls, CPU {r['cpu']:.1f} s = {cpu_rate:.1f} calls/s "
                  f"(wall {r['total']:.1f} s = {rate:.1f} calls/s)")
            print(f"  CPU per call: parse {r['parse'] / n * 1000:.1f} ms, split {r['split'] / n * 1000:.1f} ms, "
                  f"store+index {r['store'] / n * 1000:.1f} ms, analyses (computed and stored) "
                  f"{r['analysis'] / n * 1000:.1f} ms, matching {r['matching'] / n * 1000:.1f} ms; "
                  f"{r['sentences']:,} sentences; {r['statuses']}; failed {r['failed']}; db {size_mb:.0f} MB")
            if hooks:
                print("  analyses CPU per call: " + ", ".join(
                    f"{label} {t / n * 1000:.1f} ms" for label, t in r["parts"].items()))
            for f in r["failures"]:
                print(f"  failed {f.name}: {f.reason}")
        rss = _rss_mb()
        print(f"goals (one core, CPU time): >= {GOAL_CALLS_PER_S} calls/s, peak RSS < {GOAL_RSS_MB} MB")
        for label, cpu_rate, n in rates:
            print(f"  {label + ':':<48} {cpu_rate:6.1f} calls/s  ({_verdict(cpu_rate, GOAL_CALLS_PER_S)})")
        print(f"  {'peak RSS (both runs):':<48} {rss:6.0f} MB       ({_verdict(rss, GOAL_RSS_MB, below=True)})")
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
