"""Fixing what was stored wrongly: deleting a call, re-pointing it to another company, ticker, quarter or date, and
the metadata a user gives at ingest (`--company --ticker --quarter --date`). Shared by the CLI and Telegram.

A call's identity is what was said (`storage.transcripts.content_hash`), so correcting its metadata never makes it
another call: its analyses, search rows and alerts follow it by id."""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from sqlite_utils import Database

from bot.ops.calls import NotFound, parse_period
from storage import transcripts as store
from storage.db import write_transaction
from storage.transcripts import CallInfo, Removed
from summarizer.errors import InputError
from summarizer.model import Transcript

CLEAR = ("none", "-", "unknown", "clear")
_TICKER = re.compile(r"^\$?[A-Za-z0-9][A-Za-z0-9.&\-]{0,11}$")
FIELDS = ("company", "ticker", "quarter", "date", "title")


def _call(db: Database, call_id: int) -> CallInfo:
    info = store.get_call_info(db, call_id)
    if info is None:
        raise NotFound(f"No call with id {call_id}: see /latest (or `earnings-bot list --all-versions`).")
    return info


def delete_preview(db: Database, call_id: int) -> Removed:
    """What deleting a call would remove, for the confirmation; NotFound when there is no such call."""
    _call(db, call_id)
    return store.counts_for(db, call_id)  # type: ignore[return-value]


def delete_call(db: Database, call_id: int) -> Removed:
    """Delete a call with its analyses, search rows and pending alerts (one transaction); NotFound if unknown."""
    _call(db, call_id)
    with write_transaction(db):
        return store.delete_call(db, call_id)  # type: ignore[return-value]


def removal_line(r: Removed) -> str:
    """'#7 Northwind Robotics Q3 2025: 14 turns, 212 sentences, 4 analyses, 2 pending alerts'."""
    return (f"#{r.call.id} {r.call.label}: {r.turns} turns, {r.sentences} sentences, {r.analyses} analyses, "
            f"{r.alerts} pending alert{'s' * (r.alerts != 1)}")


@dataclass
class Changes:
    """Validated metadata for a call: only the fields given are changed (None clears one)."""

    values: dict[str, object] = field(default_factory=dict)

    def __bool__(self) -> bool:
        return bool(self.values)

    def describe(self, call: CallInfo | None = None) -> str:
        """'quarter Q4 2021, ticker ACME' (what is set, in words)."""
        v = self.values
        parts = []
        if "fiscal_year" in v or "fiscal_quarter" in v:
            q, y = v.get("fiscal_quarter"), v.get("fiscal_year")
            parts.append("quarter " + (f"Q{q} {y}" if q and y else str(y) if y else "cleared"))
        for k, word in (("company", "company"), ("ticker", "ticker"), ("call_date", "date"), ("title", "title")):
            if k in v:
                parts.append(f"{word} {v[k] if v[k] is not None else 'cleared'}")
        return ", ".join(parts)

    def apply(self, tr: Transcript) -> None:
        """Set these values on a parsed call before it is stored."""
        for k, val in self.values.items():
            setattr(tr, k, val)


def changes(*, company: str | None = None, ticker: str | None = None, quarter: str | None = None,
            date: str | None = None, title: str | None = None) -> Changes:
    """Check the metadata a user gives (None: leave as is; 'none': clear it); InputError says what is wrong."""
    from summarizer.parse.meta import date_of

    out: dict[str, object] = {}
    if company is not None:
        c = " ".join(company.split())
        if c.lower() in CLEAR:
            out["company"] = None
        elif not re.search(r"\w", c) or len(c) > 120:
            raise InputError("A company name takes 1 to 120 characters, e.g. --company 'Northwind Robotics'.")
        else:
            out["company"] = c
    if ticker is not None:
        t = ticker.strip()
        if t.lower() in CLEAR:
            out["ticker"] = None
        elif not _TICKER.match(t):
            raise InputError(f"{t[:20]!r} is not a ticker: use letters and digits like NWRB or BRK.B.")
        else:
            out["ticker"] = t.lstrip("$").upper()
    if quarter is not None:
        if quarter.strip().lower() in CLEAR:
            out["fiscal_quarter"] = out["fiscal_year"] = None
        else:
            q, y = parse_period(quarter)
            if y is None:
                raise InputError(f"'{quarter}' needs a year: write it like Q4 2021 (or 2021 for the year).")
            out["fiscal_quarter"], out["fiscal_year"] = q, y
    if date is not None:
        if date.strip().lower() in CLEAR:
            out["call_date"] = None
        else:
            d = date_of(date)
            if d is None:
                raise InputError(f"'{date[:30]}' is not a date: write it like 2022-02-10.")
            out["call_date"] = d
    if title is not None:
        out["title"] = " ".join(title.split())[:300] or None
    return Changes(out)


def edit_call(db: Database, call_id: int, ch: Changes) -> tuple[CallInfo, CallInfo]:
    """Re-point a call (and with it its analyses, search rows and alerts) to other metadata: (before, after)."""
    before = _call(db, call_id)
    if not ch:
        raise InputError("Say what to change: --company, --ticker, --quarter, --date (e.g. --quarter 'Q4 2021').")
    with write_transaction(db):
        after = store.update_call_meta(db, call_id, **ch.values)
    return before, after


_FIX_KEY = re.compile(r"(?i)\b(company|ticker|quarter|period|date|title)\s*[=:]\s*")


def parse_fix(text: str) -> tuple[int, Changes]:
    """'/fix 12 quarter=Q4 2021 company=Acme Foods' -> (12, changes); InputError with the usage otherwise."""
    usage = "Usage: /fix <call id> quarter=Q4 2021 company=Name ticker=TICK date=2022-02-10 (any of them)."
    m = re.match(r"\s*#?(\d{1,12})\s*(.*)$", text or "", re.S)
    if not m:
        raise InputError(usage)
    rest, keys = m.group(2), list(_FIX_KEY.finditer(m.group(2)))
    if not keys or rest[:keys[0].start()].strip():
        raise InputError(usage)
    kw: dict[str, str] = {}
    for i, k in enumerate(keys):
        end = keys[i + 1].start() if i + 1 < len(keys) else len(rest)
        name = k.group(1).lower().replace("period", "quarter")
        kw[name] = rest[k.end():end].strip().strip('"\'')
    return int(m.group(1)), changes(**kw)  # type: ignore[arg-type]


_MEANING = {"company": "company", "ticker": "ticker", "call_date": "date", "title": "title"}


def better_metadata(stored: CallInfo, tr: Transcript) -> tuple[Changes, list[str]]:
    """What a new copy of a stored call adds (fields the stored one lacks) and where the two disagree."""
    fill: dict[str, object] = {}
    clash: list[str] = []
    for k in ("company", "ticker", "call_date", "title"):
        old, new = getattr(stored, k), getattr(tr, k)
        if new and not old:
            fill[k] = new
        elif new and old and k != "title" and store.company_key(str(new)) != store.company_key(str(old)):
            clash.append(f"its {_MEANING[k]} {old} differs from this copy's {new}")
    if tr.fiscal_year and not stored.fiscal_year:
        fill["fiscal_year"], fill["fiscal_quarter"] = tr.fiscal_year, tr.fiscal_quarter
    elif tr.fiscal_year and stored.fiscal_year == tr.fiscal_year and tr.fiscal_quarter and not stored.fiscal_quarter:
        fill["fiscal_quarter"] = tr.fiscal_quarter
    elif tr.fiscal_year and (stored.fiscal_year, stored.fiscal_quarter) != (tr.fiscal_year, tr.fiscal_quarter) \
            and tr.fiscal_quarter:
        clash.append(f"its quarter {stored.period} differs from this copy's Q{tr.fiscal_quarter} {tr.fiscal_year}")
    return Changes(fill), clash
