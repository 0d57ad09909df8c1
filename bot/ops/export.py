"""Exports (`/export`, `earnings-bot export`): a company's (or every company's) figures with their periods, kinds
and sources, its guidance history (every guidance figure with its move against the call before), and its Q&A
digests, as CSV or JSON.

The CSV is one table: a `record` column says what each row is (`figure`, `guidance`, `qa`) and the other
columns (COLUMNS, documented in docs/changes.md) are filled where they apply. JSON carries the same rows, one
list per record kind."""
from __future__ import annotations

import csv
import io
import json
from datetime import datetime, timezone
from typing import Any, Iterable

from sqlite_utils import Database

from bot.ops import analysis
from bot.ops.calls import companies, find_company, latest_calls
from bot.ops.changes import history
from summarizer.compare import CallFacts
from summarizer.compare.guidance import guidance_moves
from summarizer.errors import InputError

FORMATS = ("csv", "json")
COMMON = ("record", "company", "ticker", "call_id", "quarter", "call_date")
FIGURE_COLUMNS = ("kind", "metric", "metric_key", "scope", "period", "fiscal_period", "value", "amount", "amount_high",
                  "unit", "change", "direction", "previous")
GUIDANCE_COLUMNS = ("move", "basis", "before", "now", "before_call")
QA_COLUMNS = ("analyst", "firm", "question", "answered_by", "gist", "follow_up")
SOURCE_COLUMNS = ("speaker", "sentence", "position", "source_call_id", "source_quarter")
COLUMNS = COMMON + FIGURE_COLUMNS + GUIDANCE_COLUMNS + QA_COLUMNS + SOURCE_COLUMNS
MAX_COMPANIES = 500


def _base(record: str, c: CallFacts, company: str | None) -> dict[str, Any]:
    return {"record": record, "company": company or c.company, "ticker": c.ticker, "call_id": c.id,
            "quarter": c.quarter, "call_date": c.call_date}


def _figure_rows(c: CallFacts, company: str | None) -> list[dict[str, Any]]:
    rows = []
    for f in c.figures:
        row = _base("figure", c, company)
        row.update({k: f.get(k) for k in FIGURE_COLUMNS})
        row.update(speaker=f.get("speaker"), sentence=f.get("sentence"), position=f.get("sentence_position"),
                   source_call_id=c.id, source_quarter=c.quarter)
        rows.append(row)
    return rows


def _guidance_rows(calls: list[CallFacts], company: str | None) -> list[dict[str, Any]]:
    """Each call's guidance moves against the company's call before it (the first call: as it states them)."""
    rows = []
    for i, c in enumerate(calls):
        for g in guidance_moves(c, calls[i - 1] if i else None):
            row = _base("guidance", c, company)
            src = g.sources[0] if g.sources else {}
            row.update(metric=g.metric, metric_key=g.metric_key, scope=g.scope, fiscal_period=g.period, move=g.move,
                       basis=g.basis, before=g.before, now=g.now, before_call=g.before_call, kind="guidance",
                       speaker=src.get("speaker"), sentence=src.get("sentence"), position=src.get("position"))
            row.update(source_call_id=src.get("call_id"), source_quarter=src.get("quarter"))  # a dropped guide: earlier
            rows.append(row)
    return rows


def _qa_rows(db: Database, c: CallFacts, company: str | None) -> list[dict[str, Any]]:
    """One row per question: each exchange's question (`follow_up` 0), then each follow-up (1, 2, ...) with its own
    answerers and gist, under the same analyst."""
    rows = []
    for ex in analysis.qa_digest(db, c.id):
        for n, q in enumerate([ex, *ex.follow_ups]):
            row = _base("qa", c, company)
            row.update(analyst=ex.analyst, firm=ex.firm, question=q.question,
                       answered_by="; ".join(dict.fromkeys(a.speaker for a in q.answerers)), gist=q.gist, follow_up=n,
                       speaker=ex.analyst, position=(q.question_positions or [None])[0], source_call_id=c.id,
                       source_quarter=c.quarter)
            rows.append(row)
    return rows


def _company_calls(db: Database, which: str) -> list[list[CallFacts]]:
    """One history per company: the one named, or every stored company for 'all'."""
    if (which or "").strip().lower() in ("", "all", "*"):
        firsts = [c.calls[0].id for c in companies(db)[:MAX_COMPANIES] if c.calls]
    else:
        m = find_company(db, which)
        if m.ambiguous:
            raise InputError(f"{which[:60]!r} could mean {', '.join(n for _, n in m.ambiguous)}: be more specific.")
        calls = latest_calls(db, which, limit=1)
        if not calls:
            raise InputError(f"No stored calls of {which[:60]!r}: see /companies.")
        firsts = [calls[0].id]
    return [history(db, cid) for cid in firsts]


def export_data(db: Database, which: str = "all") -> dict[str, Any]:
    """Every row to export for a company (or 'all'), grouped by record kind, with the columns in order."""
    figures: list[dict[str, Any]] = []
    guidance: list[dict[str, Any]] = []
    qa: list[dict[str, Any]] = []
    names = []
    for calls in _company_calls(db, which):
        if not calls:
            continue
        name = calls[-1].company or calls[-1].ticker
        names.append(name)
        for c in calls:
            figures += _figure_rows(c, name)
            qa += _qa_rows(db, c, name)
        guidance += _guidance_rows(calls, name)
    return {"exported_at": datetime.now(timezone.utc).isoformat(timespec="seconds"), "companies": names,
            "columns": list(COLUMNS), "figures": figures, "guidance": guidance, "qa": qa}


def rows(data: dict[str, Any]) -> Iterable[dict[str, Any]]:
    """Every exported row, figures then guidance then Q&A."""
    for kind in ("figures", "guidance", "qa"):
        yield from data[kind]


def to_csv(data: dict[str, Any]) -> str:
    """The export as one CSV table with the COLUMNS header (empty cells where a column does not apply)."""
    buf = io.StringIO()
    w = csv.DictWriter(buf, fieldnames=list(COLUMNS), extrasaction="ignore", lineterminator="\n")
    w.writeheader()
    for r in rows(data):
        w.writerow({k: ("" if r.get(k) is None else r.get(k)) for k in COLUMNS})
    return buf.getvalue()


def to_json(data: dict[str, Any]) -> str:
    return json.dumps(data, ensure_ascii=False, indent=1)


def export(db: Database, which: str = "all", fmt: str = "csv") -> tuple[bytes, str]:
    """(file bytes, file name) of the export in `fmt` ('csv' or 'json')."""
    fmt = (fmt or "csv").strip().lower()
    if fmt not in FORMATS:
        raise InputError(f"Export as csv or json, not {fmt[:20]!r}: e.g. /export NWRB csv")
    data = export_data(db, which)
    if not data["companies"]:
        raise InputError("Nothing is stored yet to export: add a transcript first.")
    stem = "all" if len(data["companies"]) != 1 or (which or "").strip().lower() in ("", "all", "*") else \
        (_slug(data["figures"][0]["ticker"] if data["figures"] and data["figures"][0]["ticker"] else data["companies"][0]))
    body = to_csv(data) if fmt == "csv" else to_json(data)
    return body.encode("utf-8"), f"earnings-{stem}.{fmt}"


def _slug(text: str | None) -> str:
    import re

    return re.sub(r"[^a-z0-9]+", "-", (text or "export").lower()).strip("-") or "export"
