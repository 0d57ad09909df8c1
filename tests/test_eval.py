"""`earnings-bot eval ectsum`: ROUGE of the methods on an ECTSum-shaped folder, side by side."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from bot.cli import _register, cli
from summarizer.evaluate import Doc, as_call, evaluate, load_ectsum

_CALLS = {
    "NWRB_q1_2025.txt": (
        ["Good morning and welcome to the call.",
         "Thank you all for joining us today.",
         "We are proud of our team and our culture.",
         "First quarter revenue rose 12% to $181.2 million.",
         "Adjusted earnings per share were $0.31.",
         "For 2025, we expect revenue of $800 million to $820 million.",
         "We will now take questions."],
        ["q1 revenue rose 12 percent to $181.2 million.", "q1 adjusted earnings per share $0.31.",
         "sees fy 2025 revenue $800 million to $820 million."]),
    "HLCN_q2_2025.txt": (
        ["Hello everyone and thanks for joining.",
         "Our people did great work this quarter.",
         "Second quarter sales were $95.0 million, down 3% from last year.",
         "Net income was $7.1 million, or $0.22 per diluted share.",
         "We remain focused on customers."],
        ["q2 sales $95.0 million.", "q2 earnings per share $0.22."]),
}


@pytest.fixture
def ectsum_dir(tmp_path: Path) -> Path:
    """A tiny ECTSum-shaped split: ects/ (one sentence a line) and gt_summaries/."""
    (tmp_path / "ects").mkdir()
    (tmp_path / "gt_summaries").mkdir()
    for name, (lines, ref) in _CALLS.items():
        (tmp_path / "ects" / name).write_text("\n".join(lines) + "\n", encoding="utf-8")
        (tmp_path / "gt_summaries" / name).write_text("\n".join(ref) + "\n", encoding="utf-8")
    (tmp_path / "ects" / "NOREF_q1_2025.txt").write_text("A call without a reference.\n", encoding="utf-8")
    return tmp_path


def _run(*args: str):
    _register()
    return CliRunner().invoke(cli, list(args))


def test_load_skips_calls_without_reference(ectsum_dir: Path) -> None:
    docs = load_ectsum(ectsum_dir)
    assert [d.name for d in docs] == ["HLCN_q2_2025.txt", "NWRB_q1_2025.txt"]
    assert len(load_ectsum(ectsum_dir, limit=1)) == 1


def test_each_line_is_one_sentence_of_one_document() -> None:
    doc = Doc("x.txt", ["Revenue was $5 million. It grew.", "EPS was $0.10."], ["r"])
    tr, sents = as_call(doc)
    assert [s.text for s in sents] == doc.lines and [s.position for s in sents] == [0, 1]


def test_default_beats_lead_on_figure_bullets(ectsum_dir: Path) -> None:
    docs = load_ectsum(ectsum_dir)
    default, lead = evaluate(docs, "default", 2), evaluate(docs, "lead", 2)
    assert default.n_docs == 2 and default.seconds_per_doc >= 0
    assert default.rouge1 > lead.rouge1 + 0.2 and default.rouge2 > lead.rouge2 + 0.2
    assert 0 <= lead.rouge1 <= 1 and 0 <= default.rougeLsum <= 1


def test_cli_prints_methods_side_by_side(ectsum_dir: Path) -> None:
    r = _run("eval", "ectsum", str(ectsum_dir), "--methods", "default,lead,textrank", "--sentences", "2")
    assert r.exit_code == 0, r.output
    rows = {line.split()[0]: line.split() for line in r.output.splitlines()[2:]}
    assert set(rows) == {"default", "lead", "textrank"}
    assert "ROUGE-1" in r.output and "s/doc" in r.output
    assert float(rows["default"][2]) > float(rows["lead"][2])


def test_numbers_of_sets_aside_period_labels_and_normalises_the_rest() -> None:
    from summarizer.evaluate import numbers_of, numeric_check

    assert numbers_of("Q4 revenue rose 14.2% to $1.7 billion") == [("14.2", ""), ("1.7", "b")]
    assert numbers_of("q4 revenue rose 14.2 percent to 1.7 billion") == [("14.2", ""), ("1.7", "b")]
    assert numbers_of("Sees FY 2022 EPS $3.60 to $3.70; 4Q21, H1 2026, COVID-19, 5G") == [("3.6", ""), ("3.7", "")]
    assert numbers_of("1,234.50 million and $0.50") == [("1234.5", "m"), ("0.5", "")]
    assert numbers_of("revenue of $2.1bn in 2021") == [("2.1", "b"), ("2021", "")]  # a year of its own counts
    assert numeric_check("Q3 revenue $5 million, up 7%", ["Revenue grew 7% to $5 million."]) == (2, 2)
    assert numeric_check("Q3 revenue $5.5 million", ["Revenue was $5 million."]) == (1, 0)
    assert numeric_check("Q3 revenue $5 billion", ["Revenue was $5 million."]) == (1, 0)  # the scale is the number's


def test_flash_beside_the_others_with_numeric_precision(ectsum_dir: Path) -> None:
    r = _run("eval", "ectsum", str(ectsum_dir), "--methods", "default,flash,lead")
    assert r.exit_code == 0, r.output
    assert "num.prec" in r.output and "all stated" in r.output and "its own number of lines" in r.output
    rows = {line.split()[0]: line.split() for line in r.output.splitlines()[2:]}
    assert float(rows["flash"][5]) == 1.0 and float(rows["flash"][6]) == 1.0
    assert float(rows["flash"][2]) > float(rows["lead"][2])
    docs = load_ectsum(ectsum_dir)
    flash = evaluate(docs, "flash", None)
    assert flash.numbers > 0 and flash.numbers_stated == flash.numbers and flash.all_stated_share == 1.0
    made_up = evaluate(docs, "lead", 4, summarize_fn=lambda tr, ss, **kw: type("S", (), {"sentences": [
        type("L", (), {"text": "Q1 revenue $999 million"})()]})())
    assert made_up.numeric_precision == 0.0 and made_up.all_stated_share == 0.0


def test_cli_json(ectsum_dir: Path) -> None:
    r = _run("eval", "ectsum", str(ectsum_dir), "--methods", "lead", "--limit", "1", "--json")
    assert r.exit_code == 0, r.output
    data = json.loads(r.output)
    assert data["n_docs"] == 1 and data["sentences"] == 4
    assert set(data["scores"][0]) >= {"method", "rouge1", "rouge2", "rougeLsum", "seconds_per_doc", "numeric_precision",
                                      "numbers", "numbers_stated", "all_stated"}


@pytest.mark.parametrize("args,message", [
    (["eval", "ectsum", "/nonexistent/folder"], "ects/ and gt_summaries/"),
    (["eval", "ectsum", "{dir}", "--methods", "gpt4"], "Unknown summary method"),
])
def test_cli_bad_input_is_one_line(ectsum_dir: Path, args: list[str], message: str) -> None:
    r = _run(*[a.replace("{dir}", str(ectsum_dir)) for a in args])
    assert r.exit_code == 1 and message in r.output and "Traceback" not in r.output
    assert len(r.output.strip().splitlines()) == 1


@pytest.mark.shared
def test_real_val_default_far_ahead_of_lead(shared_data: Path) -> None:
    """A slice of ECTSum val (the full bar is measured by `earnings-bot eval ectsum`, see docs/summaries.md)."""
    docs = load_ectsum(shared_data / "ectsum" / "val", limit=40)
    default, lead = evaluate(docs, "default", 4), evaluate(docs, "lead", 4)
    assert default.rouge1 > 0.25 and default.rouge2 > 0.10
    assert default.rouge1 > 2 * lead.rouge1


def test_scorer_needs_no_nltk_data(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    import nltk

    from summarizer.evaluate import scorer

    def no_download(*_a, **_k):
        raise AssertionError("nltk.download called")

    monkeypatch.setattr(nltk, "download", no_download)
    monkeypatch.setattr(nltk.data, "path", [str(tmp_path)])
    s = scorer().score("revenue rose 5%.\neps was $1.", "Revenues rose 5%.\nEPS was $1.")
    assert s["rouge1"].fmeasure == pytest.approx(1.0) and s["rougeLsum"].fmeasure == pytest.approx(1.0)
