"""Two `earnings-bot ingest` processes on one new database file at once (a cron job and a person): every call
is stored, none fails with 'database is locked' (a deferred write transaction and the first migration
used to fail at once instead of waiting for the other writer)."""
from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

from tests.test_bad_input import EB


def test_two_ingests_at_once_lose_nothing(shared_data: Path, tmp_path: Path) -> None:
    files = sorted((shared_data / "transcripts" / "motleyfool-json").glob("*.json"))[:60]
    a, b = tmp_path / "a", tmp_path / "b"
    a.mkdir()
    b.mkdir()
    for i, f in enumerate(files):
        shutil.copy(f, (a if i % 2 else b) / f.name)
    db = tmp_path / "shared.db"
    procs = [subprocess.Popen([str(EB), "--db", str(db), "ingest", "-q", str(folder)], stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, text=True) for folder in (a, b)]
    outs = [p.communicate(timeout=300) for p in procs]
    for p, (out, err) in zip(procs, outs):
        assert p.returncode == 0 and "locked" not in err, err
        assert out.strip().endswith("0 failed"), out
    listed = subprocess.run([str(EB), "--db", str(db), "list", "--limit", "1000"], capture_output=True, text=True)
    assert len(listed.stdout.strip().splitlines()) == len(files)
