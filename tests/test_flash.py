"""The headline flash: wire-style lines written from the key figures, each citing its sentence and speaker, every
number copied from the call; in `summary --method flash`, first in /summary, in alerts and in digests."""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from bot.cli import _register, cli
from summarizer.evaluate import numbers_of
from summarizer.flash import flash_lines, flash_summary
from summarizer.model import sentences_of
from summarizer.parse import parse_bytes
from summarizer.summarize import methods, summarize

DATA = Path(__file__).parent / "data" / "figures"


def _call(name: str):
    tr = parse_bytes((DATA / name).read_bytes(), name)
    return tr, sentences_of(tr)


def test_corvale_flash_reads_like_a_wire() -> None:
    tr, ss = _call("corvale-q3-2025-call.txt")
    texts = [ln.text for ln in flash_lines(tr, ss)]
    assert texts[:3] == ["Q3 revenue rose 8.4% to $412.6 million", "Q3 adjusted earnings per share $1.12",
                         "Q3 GAAP earnings per share $0.87"]
    assert "Sees Q4 revenue $420 million to $435 million" in texts
    assert "Raises FY 2025 adjusted earnings per share outlook to $4.35 to $4.45 from $4.20 to $4.30" in texts
    assert not any("Metrology" in t or "Flow Systems" in t for t in texts)  # segment lines are not headline news


def test_a_decline_reads_fell_and_initiated_guidance_reads_sees() -> None:
    tr, ss = _call("brightwater-q4-2025-call.txt")
    texts = [ln.text for ln in flash_lines(tr, ss)]
    assert texts[0] == "Q4 net sales fell 1.8% to $2.31 billion"
    assert "Q4 comparable sales fell 2.4%" in texts
    assert "Sees FY 2026 net sales $9.0 billion to $9.2 billion" in texts
    assert not any("$8.92 billion" in t for t in texts)  # the full year is not the quarter's headline


def test_ffo_and_narrowed_guidance() -> None:
    tr, ss = _call("lumen-harbor-q2-2026-call.txt")
    texts = [ln.text for ln in flash_lines(tr, ss)]
    assert "Q2 core FFO per share rose 5.7% to $0.74" in texts
    assert "Narrows FY 2026 core FFO per share outlook to $2.95 to $3.01 from $2.92 to $3.04" in texts


@pytest.mark.parametrize("name", sorted(p.name for p in DATA.glob("*.txt")))
def test_every_number_is_copied_from_the_sentence_it_cites(name: str) -> None:
    tr, ss = _call(name)
    lines = flash_lines(tr, ss)
    assert lines
    for ln in lines:
        sentence = ss[ln.figure.sentence_position].text
        assert ln.figure.sentence == sentence and ln.figure.speaker == tr.turns[ln.figure.turn].speaker
        said = set(numbers_of(sentence))
        assert all(n in said for n in numbers_of(ln.text)), (ln.text, sentence)
        assert ln.figure.value in ln.text


def test_summary_contract_and_cap() -> None:
    tr, ss = _call("corvale-q3-2025-call.txt")
    assert "flash" in methods()
    full = summarize(tr, ss, method="flash", n_sentences=None)
    data = full.to_json()
    assert data["method"] == "flash" and len(data["sentences"]) >= 5
    assert set(data["sentences"][0]) == {"text", "speaker", "turn", "position"}
    assert data["sentences"][0]["speaker"] == "Marco Bellini"
    assert [s.text for s in summarize(tr, ss, method="flash", n_sentences=2).sentences] == \
        [s.text for s in full.sentences[:2]]
    short = flash_summary(tr, ss, n_words=12)
    assert sum(len(s.text.split()) for s in short.sentences) <= 12 and short.sentences


def test_no_figures_no_lines() -> None:
    tr = parse_bytes(b"Alex Doe: Thank you all for joining. We are proud of the team.", "x.txt")
    assert summarize(tr, sentences_of(tr), method="flash").sentences == []


def test_cli_summary_method_flash_json(tmp_path: Path) -> None:
    _register()
    r = CliRunner().invoke(cli, ["summary", str(DATA / "tessaro-q1-2026-call.txt"), "--method", "flash", "--json"])
    assert r.exit_code == 0, r.output
    data = json.loads(r.output)
    assert data["method"] == "flash"
    assert data["sentences"][0]["text"].startswith("Q1 ")
    assert all(isinstance(s["position"], int) and s["speaker"] for s in data["sentences"])
    r = CliRunner().invoke(cli, ["summary", str(DATA / "tessaro-q1-2026-call.txt"), "-m", "flash", "-n", "1"])
    assert r.exit_code == 0 and len([x for x in r.output.splitlines() if x.startswith("  - ")]) == 1


def test_flash_leads_summary_view_digest_and_alert(db) -> None:
    from bot import jobs
    from bot.ops import alerts as ops
    from bot.ops.ingest import ingest_bytes
    from bot.telegram.views import summary_view
    from storage import alerts as chats
    from storage import outbox

    ops.track(db, 1, "Metrology")
    res = ingest_bytes(db, (DATA / "corvale-q3-2025-call.txt").read_bytes(), "corvale-q3-2025-call.txt")
    view = summary_view(db, res.call_id)
    first_lines = view.text.split("\n")[2:4]
    assert first_lines[0].startswith("📰 Q3 revenue rose 8.4% to $412.6 million") and "Marco Bellini" in first_lines[0]
    (alert,) = [m.text for m in outbox.items(db, chat_id=1) if m.kind == "alert"]
    assert re.search(r"🔔 <b>.*</b>\n📰 Q3 revenue rose 8.4% to \$412.6 million", alert)
    section = jobs._call_section(db, chats.get_chat(db, 1), jobs.get_call_info(db, res.call_id))
    assert section.split("\n")[1] == "📰 Q3 revenue rose 8.4% to $412.6 million"


def test_an_answers_number_with_no_period_is_no_headline() -> None:
    """An analyst's arithmetic answered in the Q&A ("let's call it $130 million of revenue", "EPS, same drill, $2.43")
    is no headline of the quarter; the prepared remarks' figures are."""
    from summarizer.model import Transcript, Turn

    tr = Transcript(title="Brightwater Q2 2026 Earnings Call", company="Brightwater", fiscal_quarter=2,
                    fiscal_year=2026, turns=[
                        Turn("Lena Ortiz", "executive", "Chief Financial Officer", section="prepared",
                             text="Second quarter revenues were up 9% to $412 million."),
                        Turn("Sam Reed", "analyst", firm="Kestrel Partners", section="qa",
                             text="How big is the shippable piece?"),
                        Turn("Lena Ortiz", "executive", "Chief Financial Officer", section="qa",
                             text="Let's call it $130 million of revenue. And EPS, same drill, $2.43.")])
    texts = [ln.text for ln in flash_lines(tr, sentences_of(tr))]
    assert texts == ["Q2 revenues rose 9% to $412 million"]
