"""Key figures against a hand-labelled set: four fictional calls written for these tests (tests/data/figures/), each
figure labelled with what it must be read as. Guards the classes of error issue 9 names: kind (a result shown as
guidance), label (ROIC as debt, opex as sales, GAAP as adjusted), scope (a segment's line as the company's), sign (a
decline must be negative), period (a full-year figure as the quarter's; 'next quarter' resolved), guidance direction
and previous, ranking (headline first), and what is not a figure (dates, phone and page numbers, analysts' numbers).
"""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from summarizer.figures import Figure, extract_figures
from summarizer.model import sentences_of
from summarizer.parse import parse_bytes

DATA = Path(__file__).parent / "data" / "figures"
LABELS = json.loads((DATA / "labels.json").read_text(encoding="utf-8"))
_FIELDS = ("metric_key", "kind", "fiscal_period", "scope", "accounting", "direction", "previous", "compared_to",
           "change_basis", "unit", "approx")


def _figures(name: str) -> list[Figure]:
    tr = parse_bytes((DATA / name).read_bytes(), name)
    return extract_figures(tr, sentences_of(tr))


_CACHE: dict[str, list[Figure]] = {}


def figures_of(name: str) -> list[Figure]:
    if name not in _CACHE:
        _CACHE[name] = _figures(name)
    return _CACHE[name]


def _cases():
    for call in LABELS["calls"]:
        for label in call["figures"]:
            yield pytest.param(call["file"], label, id=f"{call['file'].split('-')[0]}:{label['class']}:{label['value']}")


def test_the_set_is_large_enough() -> None:
    labels = [f for c in LABELS["calls"] for f in c["figures"]]
    classes = {f["class"] for f in labels}
    assert len(labels) >= 60
    assert all(sum(1 for f in labels if f["class"] == k) >= 5 for k in ("kind", "label", "scope", "sign", "period", "guidance"))
    assert sum(len(c["order"]) for c in LABELS["calls"]) >= 5 and classes >= {"kind", "label", "scope", "sign", "period"}


@pytest.mark.parametrize("name,label", list(_cases()))
def test_labelled_figure(name: str, label: dict) -> None:
    found = [f for f in figures_of(name) if f.value == label["value"] and label["in"] in f.sentence]
    assert found, f"{label['value']!r} from {label['in']!r} missing: {[(f.value, f.metric_key) for f in figures_of(name)]}"
    f = found[0]
    got = {k: getattr(f, k) for k in _FIELDS if k in label}
    want = {k: label[k] for k in _FIELDS if k in label}
    assert got == want, f"{f.value} in {f.sentence!r}"
    if "sign" in label:
        signed = f.change_pct if f.change_pct is not None else (f.change_amount if f.change_amount is not None else f.amount)
        assert signed is not None and (signed > 0) == (label["sign"] > 0), (f.change, f.change_pct, f.amount)
    if "change_amount" in label:
        assert f.change_amount == pytest.approx(label["change_amount"])
    assert f.value in f.sentence and (f.change is None or all(p in f.sentence for p in f.change.split("; ")))
    assert f.previous is None or f.previous in f.sentence


@pytest.mark.parametrize("call", LABELS["calls"], ids=lambda c: c["file"])
def test_not_figures(call: dict) -> None:
    figs = figures_of(call["file"])
    for fragment in call["no_figures_in"]:
        assert not [f.value for f in figs if fragment in f.sentence], fragment
    values = {f.value for f in figs}
    for v in call["not_values"]:
        assert v not in values, v


@pytest.mark.parametrize("call", LABELS["calls"], ids=lambda c: c["file"])
def test_ranking_puts_headline_results_first(call: dict) -> None:
    order = [f.value for f in figures_of(call["file"])]
    for first, second in call["order"]:
        assert order.index(first) < order.index(second), (first, second, order[:12])


@pytest.mark.parametrize("call", LABELS["calls"], ids=lambda c: c["file"])
def test_one_statement_once(call: dict) -> None:
    figs = figures_of(call["file"])
    keys = [(f.metric_key, f.scope, f.fiscal_period, f.kind, f.amount, f.amount_high) for f in figs]
    assert len(keys) == len(set(keys))
