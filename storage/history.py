"""SQL for a company's stored calls in order and their stored analyses read in one go (what changed, charts,
exports)."""
from __future__ import annotations

import json
from typing import Any

from sqlite_utils import Database

from storage.transcripts import _CALL_COLS, CallInfo, get_call_info


def company_calls(db: Database, call_id: int) -> list[CallInfo]:
    """Every stored call of the company of `call_id` (latest versions, and that call itself whatever its
    version), oldest first: by fiscal year and quarter, then call date, then id."""
    row = db.execute("select company_key from transcripts where id = ?", [call_id]).fetchone()
    if row is None:
        return []
    if row[0] is None:
        info = get_call_info(db, call_id)
        return [info] if info else []
    rows = db.execute(
        f"select {_CALL_COLS} from transcripts where company_key = ? and (id = ? or id not in "
        f"(select supersedes from transcripts where supersedes is not null)) order by coalesce(fiscal_year, 0), "
        f"coalesce(fiscal_quarter, 0), coalesce(call_date, ''), id", [row[0], call_id]).fetchall()
    return [CallInfo(*r) for r in rows]


def company_key_of(db: Database, call_id: int) -> str | None:
    """The normalised company a call belongs to."""
    row = db.execute("select company_key from transcripts where id = ?", [call_id]).fetchone()
    return row[0] if row else None


def stored_analyses(db: Database, call_ids: list[int], kind: str) -> dict[int, tuple[str, Any]]:
    """call id -> (version, data) of one kind of stored analysis for many calls in one query."""
    out: dict[int, tuple[str, Any]] = {}
    for i in range(0, len(call_ids), 500):
        chunk = call_ids[i:i + 500]
        marks = ",".join("?" * len(chunk))
        for cid, version, data in db.execute(
                f"select transcript_id, version, data from analyses where kind = ? and transcript_id in ({marks})",
                [kind, *chunk]):
            out[cid] = (version, json.loads(data))
    return out
