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
