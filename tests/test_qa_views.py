"""The Q&A digest as a reader sees it: `earnings-bot qa` and Telegram's /qa show each follow-up, numbered under its
analyst, with who answered that question and the gist of that reply."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from bot.cli import _register, cli
from tests.fakebotapi.harness import BotHarness, copy_db, samples_db
from tests.fakebotapi.server import FakeBotAPI

_register()
CALL = Path(__file__).parent / "data" / "qa" / "brwl-q2-2026-call.txt"


def run(db_path: Path, *args: str):
    return CliRunner().invoke(cli, ["--db", str(db_path), *args], catch_exceptions=False)


def test_cli_numbers_follow_ups_each_with_its_own_answerers(db_path: Path) -> None:
    res = run(db_path, "qa", str(CALL))
    assert res.exit_code == 0, res.output
    block = res.output.split("Priya Natarajan (Ostrander & Vale), 1 follow-up\n")[1].split("\n\n")[0]
    first, second = block.split("\n    2. Q: ")
    assert first.lstrip().startswith("1. Q: On freight volumes")
    assert "A (Helen Achterberg, Tom Okonkwo): About two-thirds" in " ".join(first.split())
    assert second.startswith("Contract rates were up 4% in the quarter. Helen, what drove that?")
    assert "A (Tom Okonkwo): About half of the 4% came from fuel surcharges" in " ".join(second.split())
    single = res.output.split("Dana Liu (Petrel Partners)\n")[1]
    assert single.startswith("    Q: My question is on the backlog.")  # one question: no numbers
    assert "hear me" not in res.output


def test_cli_json_adds_follow_ups(db_path: Path) -> None:
    data = json.loads(run(db_path, "qa", str(CALL), "--json").output)
    priya = data[0]
    assert priya["answered_by"] == ["Helen Achterberg", "Tom Okonkwo"]
    assert [f["answered_by"] for f in priya["follow_ups"]] == [["Tom Okonkwo"]]
    assert set(priya["follow_ups"][0]) >= {"question", "answerers", "gist", "positions"}
    assert data[2]["follow_ups"] == []


@pytest.fixture(scope="module")
def qa_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return samples_db(tmp_path_factory.mktemp("qa-view") / "samples.db")


def test_telegram_qa_pairs_each_question_with_its_own_reply(fake_bot_api: FakeBotAPI, qa_db: Path, tmp_path: Path) -> None:
    bot = BotHarness(fake_bot_api, copy_db(qa_db, tmp_path / "bot.db"))
    try:
        [msg] = bot.command("qa", "NWRB")
    finally:
        bot.close()
    text = msg["text"]
    kyle = text.split("❓ Kyle Brennan (Halvorsen Securities)\n")[1].split("\n\n")[0].splitlines()
    assert kyle[0].startswith("1. ") and "pause Atlas 3 orders" in kyle[0]
    assert kyle[1].startswith("↳ Dana Whitfield: ") and "hardware margins" not in kyle[1]
    assert kyle[2].startswith("2. ") and "hardware margins" in kyle[2]
    assert kyle[3].startswith("↳ C. Marcus Oyelaran: ") and "300 basis points" in kyle[3]
    assert "<b>Kyle Brennan</b>" in msg["html"] and "<b>2.</b>" in msg["html"]
    single = text.split("❓ Mei-Lin Zhao (Granite Peak Capital): ")[1].splitlines()
    assert "path to $300 million of ARR" in single[0] and single[1].startswith("↳ Dana Whitfield: ")
    assert "congratulations" not in text.lower() and fake_bot_api.violations == []
