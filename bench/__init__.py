"""Speed and quality measurements. Each module runs alone: `python -m bench.<name>`; `python -m bench` runs all."""
from __future__ import annotations

from pathlib import Path

SHARED_DATA = Path(__file__).resolve().parents[2] / "shared" / "data"


def shared_data_or_exit(what: str) -> Path:
    """The shared data folder, or a one-line skip message and exit 0 when it is absent."""
    if not SHARED_DATA.is_dir():
        print(f"skip {what}: {SHARED_DATA} is absent")
        raise SystemExit(0)
    return SHARED_DATA


def python_speed() -> float:
    """CPU seconds a plain 10-million-step Python loop takes here (best of 3): how fast this machine's core is, so
    figures taken on different machines can be set side by side (0.36 s on the 2-core VM of 2026-12-02)."""
    import time

    best = float("inf")
    for _ in range(3):
        t = time.process_time()
        total = 0
        for i in range(10_000_000):
            total += i
        best = min(best, time.process_time() - t)
    return best

