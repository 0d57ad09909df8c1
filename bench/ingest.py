"""Ingest speed: dataset calls stored into a fresh SQLite file the way `earnings-bot ingest` does it, serial and parallel.

Three runs over the same calls (default the first 300 Motley Fool dataset calls), each through
`bot.ops.batch_ingest.ingest_paths` (what the CLI calls):
1. parse + split + store + index, the analyses and alert matching replaced by no-ops, one process;
2. full ingest (`-j 1`): the same with every stored analysis (default summary, key figures, topic tags, Q&A
   digest, tone) and alert matching (no subscriptions here), one process, each stage's CPU time measured;
3. full ingest (`-j N`, default the core count): parsing and analysis in N worker processes, this process the
   one writer, as `earnings-bot ingest -j N` does it.

Prints calls/s by wall clock and by CPU time (this process plus its workers), side by side, the CPU of each
stage, and search latency over the result. Memory is measured on a fourth run, the real `earnings-bot ingest -j N`
in a fresh process, its tree sampled every 20 ms (RSS summed over the writer and workers, and PSS); the bench
process's own peak includes its serial runs, so it does not stand for what a user's ingest takes. Wall-clock rates
suffer when other work shares the cores (the machine load is printed first); CPU figures do not. Goal (the
issue): >= 50 calls/s wall-clock on 2 cores with all analyses, peak RSS < 300 MB. The margin line says how
much CPU a call may cost for that, how much of it the analyses may take, and the CPU-bound ceiling (what the
parallel run's wall rate is on a quiet machine); the writer line, whether the one writer process keeps up.

Run: python -m bench.ingest [--limit N] [-j N] [--scale N]
"""
from __future__ import annotations

import argparse
import os
import resource
import statistics
import tempfile
import time
from pathlib import Path

from bench import python_speed, shared_data_or_exit

clock = time.process_time  # CPU seconds of this process: the per-stage figures hold on a busy machine too

GOAL_CALLS_PER_S = 50
GOAL_RSS_MB = 300
# (module, function) timed as a stage of the serial run
_STAGES = {"parse": ("bot.ops.batch_ingest", "parse_bytes"), "split": ("bot.ops.batch_ingest", "sentences_of"),
           "hash": ("storage.transcripts", "content_hash"), "analysis": ("bot.ops.ingest", "analysis_rows"),
           "matching": ("bot.ops.ingest", "match_new_call")}
# the parts of `summarizer.analysis.analyze`, timed inside the analysis stage
_PARTS = {"default_summary": "summary", "extract_figures": "figures", "tag_call": "topics", "qa_exchanges": "Q&A",
          "call_tone": "tone"}


def _rss_mb(who: int = resource.RUSAGE_SELF) -> float:
    return resource.getrusage(who).ru_maxrss / 1024


def _children_cpu() -> float:
    r = resource.getrusage(resource.RUSAGE_CHILDREN)
    return r.ru_utime + r.ru_stime


def _self_cpu() -> float:
    r = resource.getrusage(resource.RUSAGE_SELF)
    return r.ru_utime + r.ru_stime


def _patch(name: str, fn):  # type: ignore[no-untyped-def]
    import importlib

    module = importlib.import_module(_STAGES[name][0] if name in _STAGES else "summarizer.analysis")
    attr = _STAGES[name][1] if name in _STAGES else name
    saved = getattr(module, attr)
    setattr(module, attr, fn(saved))
    return module, attr, saved


def run(files: list[Path], db_file: Path, *, analyses: bool, jobs: int = 1) -> dict:
    """Ingest every file into a fresh database at `db_file` with `ingest_paths`; time it (wall and CPU, with the
    workers' CPU) and, in one process, each stage (CPU)."""
    import bot.ops.ingest as ing
    from bot.ops.batch_ingest import ingest_paths
    from storage.db import open_db

    spent: dict[str, float] = {}

    def timed(name):  # type: ignore[no-untyped-def]
        def wrap(fn):  # type: ignore[no-untyped-def]
            def wrapper(*a, **k):  # type: ignore[no-untyped-def]
                t0 = clock()
                try:
                    return fn(*a, **k)
                finally:
                    spent[name] = spent.get(name, 0.0) + clock() - t0
            return wrapper
        return wrap

    patches = []
    if jobs == 1:
        patches += [_patch(name, timed(name)) for name in _STAGES]
        patches += [_patch(name, timed(name)) for name in _PARTS]
    if not analyses:
        patches.append((ing, "analysis_rows", ing.analysis_rows))
        ing.analysis_rows = lambda *a, **k: []
        patches.append((ing, "match_new_call", ing.match_new_call))
        ing.match_new_call = lambda *a, **k: 0
    db = open_db(db_file)
    children0, self0, start = _children_cpu(), _self_cpu(), time.perf_counter()
    try:
        report = ingest_paths(db, [str(f) for f in files], jobs=jobs)
    finally:
        for module, attr, saved in reversed(patches):
            setattr(module, attr, saved)
    wall = time.perf_counter() - start
    writer, workers = _self_cpu() - self0, _children_cpu() - children0
    n_sent = db.execute("select count(*) from sentences").fetchone()[0]
    db.close()
    statuses = {s: report.count(s) for s in ("added", "version", "duplicate") if report.count(s)}
    staged = sum(v for k, v in spent.items() if k in _STAGES)
    parts = {label: spent[name] for name, label in _PARTS.items() if name in spent}
    return {"wall": wall, "cpu": writer + workers, "writer_cpu": writer, "workers_cpu": workers,
            "stages": {k: spent.get(k, 0.0) for k in _STAGES}, "store": writer - staged if jobs == 1 else None,
            "parts": parts, "statuses": statuses, "failed": len(report.failures), "failures": report.failures[:3],
            "sentences": n_sent}


def _tree(pid: int) -> list[int]:
    """`pid` and every process below it (Linux /proc)."""
    out = [pid]
    try:
        children = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
    except OSError:
        return out
    for child in children:
        out += _tree(int(child))
    return out


def _memory_mb(pid: int) -> tuple[float, float]:
    """(RSS, PSS) of one process in MB; PSS shares each page among the processes that map it."""
    rss = pss = 0.0
    try:
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
            if line.startswith("Rss:"):
                rss = int(line.split()[1]) / 1024
            elif line.startswith("Pss:"):
                pss = int(line.split()[1]) / 1024
    except (OSError, ValueError):
        pass
    return rss, pss


def cli_run(files: list[Path], db_file: Path, jobs: int) -> dict | None:
    """The real `earnings-bot ingest -j N` in a fresh process, as a user runs it: its wall time and the peak memory
    of it and its workers together (sampled every 20 ms). None where /proc cannot be read (not Linux)."""
    import shutil
    import subprocess
    import sys

    if not Path("/proc/self/smaps_rollup").exists():
        return None
    exe = shutil.which("earnings-bot", path=str(Path(sys.executable).parent)) or shutil.which("earnings-bot")
    cmd = [exe] if exe else [sys.executable, "-m", "bot.cli"]
    env = dict(os.environ, EARNINGS_BOT_DB=str(db_file))
    start = time.perf_counter()
    proc = subprocess.Popen([*cmd, "ingest", "-j", str(jobs), *map(str, files)], env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    peak_rss = peak_pss = peak_writer = 0.0
    while proc.poll() is None:
        pids = _tree(proc.pid)
        sizes = [_memory_mb(p) for p in pids]
        peak_rss = max(peak_rss, sum(r for r, _ in sizes))
        peak_pss = max(peak_pss, sum(p for _, p in sizes))
        peak_writer = max(peak_writer, sizes[0][0])
        time.sleep(0.02)
    wall = time.perf_counter() - start
    err = proc.stderr.read().decode(errors="replace") if proc.stderr else ""
    return {"wall": wall, "rc": proc.returncode, "rss": peak_rss, "pss": peak_pss, "writer": peak_writer,
            "error": err.strip().splitlines()[-1] if proc.returncode and err.strip() else ""}


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
    from bot.ops.ingest import Prepared, store_prepared
    from storage.db import open_db
    from storage.transcripts import content_hash
    from summarizer.model import sentences_of
    from summarizer.parse import parse_bytes

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
                store_prepared(db, Prepared(f.name, tr, sentences, content_hash(tr), []))
        return db["transcripts"].count
    finally:
        db.close()


def _line(label: str, r: dict, n: int) -> str:
    return (f"  {label:<44} wall {r['wall']:6.1f} s = {n / r['wall']:6.1f} calls/s | CPU {r['cpu']:6.1f} s = "
            f"{r['cpu'] / n * 1000:5.1f} ms a call (writer {r['writer_cpu'] / n * 1000:.1f} ms, workers "
            f"{r['workers_cpu'] / n * 1000:.1f} ms)")


def main() -> int:
    from bot.ops.batch_ingest import default_jobs

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--limit", type=int, default=300, help="the first N dataset calls (default 300; 0: all 1,079)")
    ap.add_argument("-j", "--jobs", type=int, default=default_jobs(), help="worker processes of the parallel run")
    ap.add_argument("--scale", type=int, default=5, help="also time search over the calls stored this many times (default 5)")
    args = ap.parse_args()
    data = shared_data_or_exit("ingest bench")
    files = sorted((data / "transcripts" / "motleyfool-json").glob("*.json"))[: args.limit or None]
    if not files:
        print("skip ingest bench: no dataset calls found")
        return 0
    cores = default_jobs()
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else 0.0
    print(f"{len(files)} dataset calls; machine load {load:.1f} on {cores} cores at {time.strftime('%H:%M')}: "
          f"wall-clock rates suffer when it is high, CPU figures do not")
    print(f"core speed: a 10-million-step Python loop takes {python_speed():.2f} s CPU here (a first reference "
          f"for setting machines side by side; regex- and memory-heavy stages can differ more)")
    with tempfile.TemporaryDirectory() as tmp:
        runs = {"bare": run(files, Path(tmp) / "bare.db", analyses=False),
                "serial": run(files, Path(tmp) / "serial.db", analyses=True),
                "parallel": run(files, Path(tmp) / "parallel.db", analyses=True, jobs=args.jobs)}
        n = max(sum(runs["serial"]["statuses"].values()), 1)
        print("rates (CPU: this process and its workers):")
        print(_line("parse+split+store+index, no analyses, -j 1:", runs["bare"], n))
        print(_line("full ingest with all analyses, -j 1:", runs["serial"], n))
        print(_line(f"full ingest with all analyses, -j {args.jobs}:", runs["parallel"], n))
        speedup = runs["serial"]["wall"] / runs["parallel"]["wall"]
        print(f"  parallel / serial wall-clock: {speedup:.2f}x with {args.jobs} workers")
        s = runs["serial"]
        st = s["stages"]
        print(f"CPU per call, -j 1: parse {st['parse'] / n * 1000:.1f} ms, split {st['split'] / n * 1000:.1f} ms, hash "
              f"{st['hash'] / n * 1000:.1f} ms, analyses {st['analysis'] / n * 1000:.1f} ms ("
              + ", ".join(f"{k} {v / n * 1000:.1f}" for k, v in s["parts"].items())
              + f"), matching {st['matching'] / n * 1000:.1f} ms, store+index+commit {s['store'] / n * 1000:.1f} ms; "
              f"{s['sentences']:,} sentences; {s['statuses']}; failed {s['failed']}")
        for f in s["failures"]:
            print(f"  failed {f.name}: {f.reason}")
        par = runs["parallel"]
        per_call = par["cpu"] / n * 1000
        budget = cores * 1000 / GOAL_CALLS_PER_S
        analysis = st["analysis"] / n * 1000
        rest = per_call - analysis
        print(f"margin: {GOAL_CALLS_PER_S} calls/s on {cores} cores needs <= {budget:.0f} ms CPU a call in all; the "
              f"parallel run spends {per_call:.1f} ms ({rest:.1f} ms besides the analyses), so the analyses may take "
              f"<= {budget - rest:.1f} ms a call (now {analysis:.1f} ms); CPU-bound ceiling here "
              f"{cores * 1000 / per_call:.1f} calls/s (the wall rate of this run on a quiet machine)")
        writer_ms = par["writer_cpu"] / n * 1000
        print(f"writer (one process, all SQL, FTS and alert matching): {writer_ms:.1f} ms CPU a call, so it alone "
              f"would keep up with {1000 / writer_ms:.0f} calls/s; at {GOAL_CALLS_PER_S} calls/s it uses "
              f"{writer_ms * GOAL_CALLS_PER_S / 10:.0f}% of a core (limit: <= {1000 / GOAL_CALLS_PER_S:.0f} ms a call)")
        rss_writer, rss_worker = _rss_mb(), _rss_mb(resource.RUSAGE_CHILDREN)
        print(f"peak RSS in this bench process (after the serial runs too): writer {rss_writer:.0f} MB, largest "
              f"worker {rss_worker:.0f} MB")
        cli = cli_run(files, Path(tmp) / "cli.db", args.jobs)
        if cli is None:
            print("the real CLI run: skipped (needs Linux /proc to read its memory)")
        elif cli["rc"]:
            print(f"the real CLI run failed (exit {cli['rc']}): {cli['error']}")
        else:
            print(f"the real `earnings-bot ingest -j {args.jobs}` (a fresh process, as a user runs it): wall "
                  f"{cli['wall']:.1f} s = {n / cli['wall']:.1f} calls/s; peak memory of it and its {args.jobs} workers "
                  f"together: RSS {cli['rss']:.0f} MB (shared pages counted in each process), PSS {cli['pss']:.0f} MB; "
                  f"the writer alone {cli['writer']:.0f} MB (goal < {GOAL_RSS_MB} MB)")
        print(f"search latency over the {len(files)} calls (median of 20, limit 10; wall / CPU):")
        for label, ms, cpu_ms, hits in search_latency(Path(tmp) / "serial.db"):
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
