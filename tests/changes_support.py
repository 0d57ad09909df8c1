"""The fictional multi-quarter calls of tests/data/changes and their hand-labelled figures, stored in a database.

`labelled_db(path)` ingests every call and then replaces each call's stored figures with the hand labels
(tests/data/changes/labels.json), so the comparison, the bot, the CLI and the charts are tested on figures known
to be right whatever the extractor reads. `extracted_db(path)` keeps what the extractor read (end to end)."""
from __future__ import annotations

import json
from pathlib import Path
from typing import Any

CHANGES_DIR = Path(__file__).parent / "data" / "changes"
LKSP = ("lksp-q1-2025.txt", "lksp-q2-2025.txt", "lksp-q3-2025.txt", "lksp-q4-2025.txt")
BRWP = ("brwp-q1-2025.txt", "brwp-q3-2025.txt")
CPLF = ("cplf-q2-2025.txt",)
ALL = LKSP + BRWP + CPLF
_FIELDS = ("kind", "metric_key", "metric", "fiscal_period", "value", "amount", "amount_high", "unit", "direction",
           "previous", "words")


def labels() -> dict[str, list[dict[str, Any]]]:
    data = json.loads((CHANGES_DIR / "labels.json").read_text(encoding="utf-8"))
    return {name: [dict(zip(_FIELDS, row)) for row in rows] for name, rows in data.items() if name != "about"}


def labelled_figures(db, call_id: int, rows: list[dict[str, Any]]) -> list[dict[str, Any]]:  # type: ignore[no-untyped-def]
    """Contract figure dicts for the labels of one stored call, each tied to the stored sentence holding its words."""
    from bot.ops.calls import load_transcript

    return figures_for(*load_transcript(db, call_id), rows)


def label_name(tr) -> str | None:  # type: ignore[no-untyped-def]
    """The labels' file name of a parsed call ('lksp-q3-2025.txt'), from its ticker and quarter."""
    name = f"{(tr.ticker or '').lower()}-q{tr.fiscal_quarter}-{tr.fiscal_year}.txt"
    return name if name in labels() else None


def with_labels(analyze):  # type: ignore[no-untyped-def]
    """`analyze` whose figures are the hand labels (for ingests that must alert on labelled figures)."""
    def run(tr, sentences):  # type: ignore[no-untyped-def]
        out = analyze(tr, sentences)
        name = label_name(tr)
        if name:
            out["figures"] = figures_for(tr, sentences, labels()[name])
        return out
    return run


def figures_for(tr, sentences, rows: list[dict[str, Any]]) -> list[dict[str, Any]]:  # type: ignore[no-untyped-def]
    """Contract figure dicts for labels, each tied to the sentence of the call holding its words."""
    out = []
    for i, r in enumerate(rows):
        s = next((s for s in sentences if r["words"] in s.text), None)
        assert s is not None, f"no sentence of {tr.ticker} Q{tr.fiscal_quarter} holds {r['words']!r}"
        turn = tr.turns[s.turn] if 0 <= s.turn < len(tr.turns) else None
        out.append({"metric": r["metric"], "metric_key": r["metric_key"], "accounting": None, "scope": None,
                    "period": None, "fiscal_period": r["fiscal_period"], "value": r["value"] or "",
                    "amount": r["amount"], "amount_high": r["amount_high"], "unit": r["unit"],
                    "currency": "USD" if (r["unit"] or "").startswith("USD") else None, "change": None,
                    "change_pct": None, "change_amount": None, "change_basis": None, "compared_to": None,
                    "kind": r["kind"], "direction": r["direction"], "previous": r["previous"],
                    "previous_amount": None, "previous_amount_high": None, "approx": None,
                    "sentence_position": s.position, "turn": s.turn, "speaker": turn.speaker if turn else None,
                    "sentence": s.text, "text_span": s.text, "score": 20.0 - i * 0.1})
    return out


def _ingest(path: Path, names: tuple[str, ...]) -> tuple[Any, dict[str, int]]:
    from bot.ops.ingest import ingest_bytes
    from storage.db import open_db

    db = open_db(path)
    ids = {}
    for name in names:
        res = ingest_bytes(db, (CHANGES_DIR / name).read_bytes(), name)
        ids[name] = res.call.id
    return db, ids


def labelled_db(path: Path, names: tuple[str, ...] = ALL) -> dict[str, int]:
    """A database file with the calls stored and their figures replaced by the hand labels; file name -> call id."""
    from storage import analyses
    from summarizer.analysis import analysis_version

    db, ids = _ingest(path, names)
    lab = labels()
    for name, cid in ids.items():
        analyses.save(db, cid, "figures", "builtin", analysis_version(), labelled_figures(db, cid, lab[name]))
    db.close()
    return ids


def extracted_db(path: Path, names: tuple[str, ...] = ALL) -> dict[str, int]:
    """A database file with the calls stored as ingest analysed them (the real extractor's figures)."""
    db, ids = _ingest(path, names)
    db.close()
    return ids
