"""End to end: the real `earnings-bot run` process, calls uploaded over the fake Bot API, then /changes, /chart
(a photo that decodes) and /export (a document) answered, with no Bot API violation."""
from __future__ import annotations

import io

import pytest

from tests.changes_support import CHANGES_DIR, LKSP
from tests.fakebotapi.server import FakeBotAPI
from tests.test_e2e_bot import ADMIN, bot_process  # noqa: F401 - the running bot, as the other end-to-end tests use

pytestmark = pytest.mark.e2e
PIL = pytest.importorskip("PIL.Image")


def test_changes_chart_and_export_from_the_running_bot(fake_bot_api: FakeBotAPI, bot_process) -> None:  # noqa: F811
    api = fake_bot_api
    n = 0
    for name in LKSP[1:3]:
        api.push_document((CHANGES_DIR / name).read_bytes(), name, chat_id=ADMIN)
        n += 2  # "Added: ..." and the call's summary
        api.wait_messages(ADMIN, n, timeout=30)
    api.push_command("changes", "LKSP", chat_id=ADMIN)
    reply = api.wait_messages(ADMIN, n + 1, timeout=20)[n]
    assert reply["text"].splitlines()[0].startswith("Larkspur Analytics Inc (LKSP) Q3 2025")
    assert "What changed since Q2 2025" in reply["text"] and "Tone (Loughran-McDonald" in reply["text"]
    api.push_command("chart", "LKSP tone", chat_id=ADMIN)
    photo = api.wait_messages(ADMIN, n + 2, timeout=30)[n + 1]
    assert "photo" in photo and photo["caption"].startswith("LKSP net tone")
    assert PIL.open(io.BytesIO(api.upload(photo))).size == (1280, 800)
    api.push_command("export", "LKSP csv", chat_id=ADMIN)
    doc = api.wait_messages(ADMIN, n + 3, timeout=30)[n + 2]
    assert doc["document"]["file_name"] == "earnings-lksp.csv" and api.upload(doc).startswith(b"record,company")
    assert api.violations == []
