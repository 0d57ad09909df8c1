"""Shared fixtures: the shared data folder (or a skip), a real SQLite file per test, the bundled samples."""
from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED_DATA = REPO.parent / "shared" / "data"

try:  # the fake Telegram Bot API server's fixtures (tests/fakebotapi), once it exists
    from tests.fakebotapi.fixtures import *  # noqa: F401,F403
except ModuleNotFoundError as e:  # not written yet: only tolerate the module itself being absent
    if e.name not in ("tests.fakebotapi", "tests.fakebotapi.fixtures"):
        raise


@pytest.fixture(scope="session")
def shared_data() -> Path:
    """`../shared/data` (read-only real transcripts); the test is skipped when it is absent."""
    if not SHARED_DATA.is_dir():
        pytest.skip(f"shared data absent: {SHARED_DATA}")
    return SHARED_DATA


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    """A path for a fresh SQLite file (not created yet)."""
    return tmp_path / "earnings.db"


@pytest.fixture
def db(db_path: Path):
    """A real SQLite database file with every migration applied; closed after the test."""
    from storage.db import open_db

    database = open_db(db_path)
    yield database
    database.close()


@pytest.fixture(scope="session")
def samples_dir() -> Path:
    """The bundled fictional sample transcripts (bot/samples)."""
    from bot.paths import samples_dir as _samples_dir

    return _samples_dir()


def _parsed(path: Path):  # -> (Transcript, list[Sentence])
    from summarizer.model import sentences_of
    from summarizer.parse import parse_bytes

    tr = parse_bytes(path.read_bytes(), path.name)
    return tr, sentences_of(tr)


@pytest.fixture(scope="session")
def parsed_samples(samples_dir: Path) -> list:
    """Every bundled sample parsed and split, as (file name, transcript, sentences); read-only."""
    return [(p.name, *_parsed(p)) for p in sorted(samples_dir.iterdir()) if p.is_file()]


@pytest.fixture(scope="session")
def xiaomi_call(shared_data: Path) -> tuple:
    """The shared Xiaomi Q4 2022 call (a Sina article) parsed and split: (transcript, sentences); read-only."""
    return _parsed(shared_data / "samples" / "xiaomi-q4-2022-call-sina-article.txt")


@pytest.fixture
def site():
    """A web server on loopback (tests/loopback_site.py): set `site.routes[path] = (status, headers, body)`."""
    from tests.loopback_site import Site

    s = Site()
    yield s
    s.close()


@pytest.fixture(autouse=True)
def _no_user_db(monkeypatch: pytest.MonkeyPatch, tmp_path_factory: pytest.TempPathFactory) -> None:
    """No test ever writes to the user's real database: EARNINGS_BOT_DB points into a temp folder."""
    monkeypatch.setenv("EARNINGS_BOT_DB", str(tmp_path_factory.getbasetemp() / "default-earnings.db"))
    # nor reads the developer's own .env or token (a real token would send tests to api.telegram.org)
    monkeypatch.setenv("EARNINGS_BOT_ENV_FILE", str(tmp_path_factory.getbasetemp() / "no-such.env"))
    monkeypatch.delenv("TELEGRAM_BOT_TOKEN", raising=False)
    # inbox folders must lie inside INBOX_ROOT: every test's tmp_path is inside the session's base folder
    monkeypatch.setenv("INBOX_ROOT", str(tmp_path_factory.getbasetemp()))
    # a bot process a test starts serves /healthz and /metrics on a free port, never on the user's 9464
    monkeypatch.setenv("HEALTH_PORT", "0")


def settle_file(*paths: Path, age: float = 60.0) -> None:
    """Give files a modification time `age` seconds in the past: an inbox reads a file only once it has settled
    (unmodified for EARNINGS_BOT_INBOX_SETTLE_SECONDS), as a finished copy would have."""
    import os
    import time

    then = time.time() - age
    for p in paths:
        os.utime(p, (then, then), follow_symlinks=False)


@pytest.fixture
def settled():
    """`settled(path, ...)`: the files' mtime set a minute in the past, so an inbox poll reads them now."""
    return settle_file
