"""What changed since the last call: operations over stored calls (the CLI, the terminal chat, Telegram, alerts
and digests share them). The comparison itself is `summarizer.compare`; chart series are in `bot.ops.series`."""
from __future__ import annotations

from typing import Any

from sqlite_utils import Database

from bot.ops import analysis
from bot.ops.calls import NotFound, resolve_call
from storage.history import company_calls, stored_analyses
from storage.transcripts import CallInfo, short_name
from summarizer.analysis import analysis_version
from summarizer.compare import CallFacts, Changes, compare_calls

FACT_KINDS = ("figures", "topics", "tone")


def _facts(info: CallInfo, data: dict[str, Any]) -> CallFacts:
    return CallFacts(info.id, short_name(info.company), info.ticker, info.fiscal_quarter, info.fiscal_year,
                     info.call_date, data.get("figures") or [], data.get("topics") or [], data.get("tone"))


def history(db: Database, call_id: int, *, recompute: bool = True) -> list[CallFacts]:
    """Every stored call of the company of `call_id`, oldest first, with its stored figures, topics and tone.
    A call whose analyses were made by another version is recomputed first (unless `recompute` is False: then
    it is read as stored, as inside an ingest's transaction)."""
    infos = company_calls(db, call_id)
    ids = [c.id for c in infos]
    version = analysis_version()
    per_kind = {k: stored_analyses(db, ids, k) for k in FACT_KINDS}
    stale = [i for i in ids if any(per_kind[k].get(i, ("", None))[0] != version for k in FACT_KINDS)]
    if stale and recompute:
        for cid in stale:
            analysis.reanalyze_call(db, cid)
        per_kind = {k: stored_analyses(db, ids, k) for k in FACT_KINDS}
    return [_facts(c, {k: per_kind[k].get(c.id, ("", None))[1] for k in FACT_KINDS}) for c in infos]


def changes_for_call(db: Database, call_id: int, *, recompute: bool = True) -> Changes:
    """The call beside the company's previous stored call."""
    calls = history(db, call_id, recompute=recompute)
    now = next((c for c in calls if c.id == call_id), None)
    if now is None:
        raise NotFound(f"No call with id {call_id}: see /latest (or `earnings-bot list`).")
    return compare_calls(now, calls)


def changes(db: Database, ref: str, quarter: str | None = None) -> Changes:
    """/changes and `earnings-bot changes`: a call by id, ticker or company (the latest, or the quarter given)."""
    return changes_for_call(db, resolve_call(db, ref, quarter).id)
