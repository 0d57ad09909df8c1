"""Pytest fixtures for the fake Bot API server; imported by tests/conftest.py."""
from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.fakebotapi.server import FakeBotAPI
from tests.fakebotapi.spec import SPEC_PATH, Spec

__all__ = ["bot_api_spec", "fake_bot_api"]


@pytest.fixture(scope="session")
def bot_api_spec() -> Spec:
    """The published Bot API description, shipped in tests/fakebotapi/botapi (a missing file is an error, not a skip)."""
    return Spec.load(SPEC_PATH)


@pytest.fixture
def fake_bot_api(bot_api_spec: Spec, monkeypatch: pytest.MonkeyPatch) -> Iterator[FakeBotAPI]:
    """A running fake Bot API server on 127.0.0.1; `.violations` must stay empty (asserted by the test).

    Sets PTB_TIMEDELTA=1: PTB 22 otherwise warns (an error under filterwarnings=error) whenever a 429
    builds a RetryAfter; with it, `RetryAfter.retry_after` is a `datetime.timedelta`."""
    monkeypatch.setenv("PTB_TIMEDELTA", "1")
    api = FakeBotAPI(bot_api_spec).start()
    try:
        yield api
    finally:
        api.stop()
