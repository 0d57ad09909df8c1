"""Topic views as a reader expects: most mentioned first, every topic a button (paged), a topic pressed on a call
stays on that call, /topic <phrase> searches the phrase, and digests take quarters for --since/--until."""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from bot.ops import analysis as ops
from tests.fakebotapi.harness import BotHarness, buttons, copy_db, samples_db
from tests.fakebotapi.server import FakeBotAPI


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return samples_db(tmp_path_factory.mktemp("topicviews") / "samples.db")


@pytest.fixture
def bot(fake_bot_api: FakeBotAPI, template: Path, tmp_path: Path):
    h = BotHarness(fake_bot_api, copy_db(template, tmp_path / "bot.db"))
    yield h
    h.close()


def one(msgs: list[dict]) -> dict:
    assert len(msgs) == 1, msgs
    return msgs[0]


def mentions(text: str) -> list[int]:
    return [int(n) for n in re.findall(r"\((\d+) mentions\)", text)]


def test_topics_are_sorted_by_mentions_and_every_one_is_a_button(bot: BotHarness, fake_bot_api: FakeBotAPI) -> None:
    db = bot.app.bot_data["db"]
    busiest = max((c for c in db.execute("select id from transcripts").fetchall()),
                  key=lambda r: len(ops.call_topics(db, r[0])))[0]
    tags = ops.call_topics(db, busiest)
    assert len(tags) > 8  # a call with more topics than one page of buttons
    first = one(bot.command("topics", str(busiest)))
    counts = mentions(first["text"])
    assert counts == sorted(counts, reverse=True) and len(counts) == len(tags)
    names = set()
    page = first
    for _ in range(5):
        labels = buttons(page)
        names |= {t.name for t in tags if t.name[:29] in {lb.rstrip("…")[:29] for lb in labels}}
        more = next((d for lb, d in labels.items() if lb.startswith("More topics")), None)
        if more is None:
            break
        bot.press(page, more)
        page = fake_bot_api.find_message(5, page["message_id"])
    assert names == {t.name for t in tags}  # every topic reachable by a button
    assert fake_bot_api.violations == []


def test_a_topic_pressed_on_a_call_stays_on_that_call(bot: BotHarness, fake_bot_api: FakeBotAPI) -> None:
    msg = one(bot.command("topics", "NWRB Q3 2025"))
    call_id = int(re.search(r"· #(\d+)", msg["text"]).group(1))
    revenue = next(d for lb, d in buttons(msg).items() if lb.startswith("Revenue"))
    bot.press(msg, revenue)
    shown = fake_bot_api.find_message(5, msg["message_id"])  # edited in place
    lines = [ln for ln in shown["text"].splitlines() if ln.startswith("•")]
    assert shown["text"].startswith("Revenue and demand · Northwind Robotics Q3 2025")
    assert lines and all(f"Q3 2025 #{call_id}" in ln for ln in lines)
    back = buttons(shown)
    assert back["◀ Topics"] == f"v1|top|{call_id}|0" and "All calls of this company" in back
    bot.press(shown, back["All calls of this company"])
    wide = fake_bot_api.find_message(5, msg["message_id"])
    assert {m for m in re.findall(r"Q\d 2025 #(\d+)", wide["text"])} - {str(call_id)}  # other quarters now
    assert fake_bot_api.violations == []


def test_topic_with_a_phrase_and_no_company_searches_the_phrase(bot: BotHarness) -> None:
    text = one(bot.command("topic", "gross margin"))["text"]
    bullets = [ln for ln in text.splitlines() if ln.startswith("•")]
    assert "No company matching" not in text and text.startswith("gross margin") and "not a known topic" in text
    assert bullets and all("gross" in ln.lower() for ln in bullets)
    assert text.splitlines()[0] == "gross margin"  # every company, not one named 'margin'
    scoped = one(bot.command("topic", "gross margin HLCN"))["text"]
    bullets = [ln for ln in scoped.splitlines() if ln.startswith("•")]
    assert scoped.startswith("gross margin · HLCN") and bullets and all("Halcyon" in ln for ln in bullets)
    exact = one(bot.command("topic", '="gross margin" HLCN'))["text"]
    assert all("gross margin" in ln.lower() for ln in exact.splitlines() if ln.startswith("•"))


def test_digest_takes_quarters_for_since_and_until(template: Path, tmp_path: Path) -> None:
    from click.testing import CliRunner

    from bot.cli import _register, cli

    _register()
    db = copy_db(template, tmp_path / "cli.db")
    run = CliRunner().invoke(cli, ["--db", str(db), "digest", "inventory", "--company", "NWRB", "--since", "Q3 2025",
                                   "--until", "Q4 2025", "--json"])
    assert run.exit_code == 0, run.output
    quarters = {i["quarter"] for i in json.loads(run.output)["items"]}
    assert quarters and quarters <= {"Q3 2025", "Q4 2025"}
    bad = CliRunner().invoke(cli, ["--db", str(db), "digest", "inventory", "--since", "Q7 2025"])
    assert bad.exit_code == 1 and "not a quarter" in bad.output and "Traceback" not in bad.output
    swapped = CliRunner().invoke(cli, ["--db", str(db), "digest", "inventory", "--since", "Q4 2025", "--until", "Q1 2025"])
    assert swapped.exit_code == 1 and "swap them" in swapped.output


def test_bounds_compare_fiscal_periods_and_days() -> None:
    b = ops.parse_bound("Q3 2021")
    assert b.period == (2021, 3) and b.day.isoformat() == "2021-07-01"
    assert ops.parse_bound("Q3 2021", end=True).day.isoformat() == "2021-09-30"
    assert ops.parse_bound("2021Q4", end=True).period == (2021, 4)
    assert ops.parse_bound("FY2022").period == (2022, 1) and ops.parse_bound("FY2022", end=True).period == (2022, 4)
    assert ops.parse_bound("2023-03").period is None
    with pytest.raises(ops.BadDate, match="needs a year"):
        ops.parse_bound("Q3")
