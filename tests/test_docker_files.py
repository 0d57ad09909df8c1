"""The Docker files: what the Dockerfile copies exists and is not ignored, and the entry point gives the database
folder to the unprivileged user before running the command as that user (run here with stand-in setpriv/chown)."""
from __future__ import annotations

import os
import re
import subprocess
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
ENTRYPOINT = REPO / "scripts" / "docker-entrypoint.sh"


def test_everything_the_dockerfile_copies_is_in_the_build_context() -> None:
    copied = [src for line in (REPO / "Dockerfile").read_text().splitlines() if line.startswith("COPY ")
              for src in line.split()[1:-1]]
    assert "scripts/docker-entrypoint.sh" in copied and "bot" in copied
    ignored = [x.strip().rstrip("/") for x in (REPO / ".dockerignore").read_text().splitlines()
               if x.strip() and not x.startswith("#")]
    for src in copied:
        assert (REPO / src).exists(), src
        assert not any(src == pat or src.startswith(pat + "/") for pat in ignored), src
    assert {".env", ".venv", ".git", "*.db"} <= set(ignored)  # no secrets, no 1 GB context
    assert os.access(ENTRYPOINT, os.X_OK)
    assert re.search(r'^ENTRYPOINT \["docker-entrypoint"\]$', (REPO / "Dockerfile").read_text(), re.M)


def _stand_ins(tmp: Path) -> Path:
    bin_ = tmp / "bin"
    bin_.mkdir()
    for name in ("setpriv", "chown"):
        (bin_ / name).write_text(f'#!/bin/sh\necho "{name} HOME=$HOME $*"\n')
        (bin_ / name).chmod(0o755)
    return bin_


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() != 0, reason="the root path needs root")
def test_entrypoint_gives_the_data_folder_to_the_user_then_drops_root(tmp_path: Path) -> None:
    bin_ = _stand_ins(tmp_path)
    db = tmp_path / "data" / "earnings.db"
    env = {"PATH": f"{bin_}:/usr/bin:/bin", "HOME": "/root", "EARNINGS_BOT_DB": str(db)}
    out = subprocess.run(["sh", str(ENTRYPOINT), "earnings-bot", "list"], env=env, capture_output=True, text=True,
                         timeout=30, check=True).stdout.splitlines()
    assert (tmp_path / "data").is_dir()
    assert out == [f"chown HOME=/root earnings:earnings {tmp_path / 'data'}",
                   "setpriv HOME=/home/earnings --reuid=earnings --regid=earnings --init-groups -- earnings-bot list"]
    db.write_bytes(b"")  # a database a root run left behind is handed over too
    out = subprocess.run(["sh", str(ENTRYPOINT), "true"], env=env, capture_output=True, text=True, timeout=30,
                         check=True).stdout.splitlines()
    assert f"chown HOME=/root earnings:earnings {db}" in out
