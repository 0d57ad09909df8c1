"""Calls, their turns and sentences: storing a parsed call, reading it back, listing, companies, search."""
from __future__ import annotations

import hashlib
import re
import sqlite3
import unicodedata
from dataclasses import asdict, dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import NamedTuple

from sqlite_utils import Database

from summarizer.model import Sentence, Transcript, Turn

_SUFFIXES = frozenset(
    "inc incorporated corp corporation co company group holdings holding ltd limited plc llc lp sa ag nv se the "
    "technologies technology intl international".split())


_LEGAL = re.compile(r"(?:,?\s+(?:inc|incorporated|corp|corporation|co|ltd|limited|plc|llc|l\.p|lp|n\.v|nv|"
                    r"s\.a|sa|ag|se)\.?)+$", re.I)


def short_name(name: str | None) -> str | None:
    """The name to show: 'Northwind Robotics Inc.' -> 'Northwind Robotics' (legal-form words at the end dropped)."""
    if not name:
        return name
    return _LEGAL.sub("", name.strip()) or name.strip()


def company_key(name: str | None) -> str | None:
    """A normalised company name for look-ups: 'Xiaomi Corp.' and 'XIAOMI' both give 'xiaomi'."""
    if not name:
        return None
    words = re.findall(r"[a-z0-9]+", name.lower().replace("'s", "").replace("’s", ""))
    kept = [w for w in words if w not in _SUFFIXES]
    return " ".join(kept or words) or None


_INVISIBLE = dict.fromkeys(map(ord, "\ufeff\u200b\u200c\u200d\u2060\u00ad"))


def _norm(text: str | None) -> str:
    if not text:
        return ""
    if not text.isascii():  # most calls are ASCII: skip the Unicode work for them
        text = unicodedata.normalize("NFC", text).translate(_INVISIBLE)
    return " ".join(text.split())


def content_hash(tr: Transcript) -> str:
    """sha256 of what was said and by whom: speaker names and texts, NFC-normalised, BOM/zero-width characters
    dropped, whitespace folded. Metadata (title, source, date) is left out, so the same call re-saved with other
    whitespace, line endings, a BOM, or another file name is a duplicate."""
    h = hashlib.sha256(_norm(tr.preamble).encode())
    for t in tr.turns:
        h.update(f"\x1e{_norm(t.speaker)}\x1f{_norm(t.text)}".encode())
    return h.hexdigest()


@dataclass
class CallInfo:
    """One stored call, without its text."""

    id: int
    company: str | None
    ticker: str | None
    fiscal_quarter: int | None
    fiscal_year: int | None
    call_date: str | None
    title: str | None
    source: str | None
    version: int
    n_turns: int
    n_words: int
    ingested_at: str
    supersedes: int | None = None

    @property
    def period(self) -> str | None:
        if self.fiscal_quarter and self.fiscal_year:
            return f"Q{self.fiscal_quarter} {self.fiscal_year}"
        return str(self.fiscal_year) if self.fiscal_year else None

    @property
    def label(self) -> str:
        """'Xiaomi Q4 2022' (with 'v2' for a later version), falling back to ticker, title or id."""
        name = short_name(self.company) or self.ticker or (self.title[:40] if self.title else f"call {self.id}")
        parts = [name] + ([self.period] if self.period else [])
        if self.version > 1:
            parts.append(f"(v{self.version})")
        return " ".join(parts)

    def to_json(self) -> dict:
        d = {k: getattr(self, k) for k in self.__dataclass_fields__}
        d["label"] = self.label
        return d


@dataclass
class TurnRow(Turn):
    """A stored turn: a `Turn` plus its index in the call (`Sentence.turn` refers to it)."""

    idx: int = 0

    def to_turn(self) -> Turn:
        """The plain `Turn` (the parse --json shape), without the index."""
        return Turn(self.speaker, self.role, self.title, self.firm, self.section, self.text)


@dataclass
class CallDetail:
    """A call with its turns (and the article text before them, for news articles)."""

    call: CallInfo
    turns: list[TurnRow] = field(default_factory=list)
    preamble: str | None = None
    superseded_by: int | None = None  # id of the later version of this call, if one was stored

    def to_json(self) -> dict:
        return dict(self.call.to_json(), superseded_by=self.superseded_by, preamble=self.preamble,
                    turns=[{"idx": t.idx, **asdict(t.to_turn())} for t in self.turns])


@dataclass
class CompanyInfo:
    """A company (its normalised `key`) and its stored calls, most recent first."""

    company: str
    ticker: str | None
    calls: list[CallInfo]
    key: str = ""

    @property
    def n_calls(self) -> int:
        return len(self.calls)

    def to_json(self) -> dict:
        return {"company": self.company, "ticker": self.ticker, "key": self.key,
                "calls": [c.to_json() for c in self.calls]}


@dataclass
class SearchHit:
    """A sentence matching a search; `snippet` marks hits with \\x02 ... \\x03."""

    call: CallInfo
    speaker: str | None
    section: str | None
    position: int
    snippet: str
    text: str
    sentence_id: int = 0
    matched: list[tuple[str, str]] = field(default_factory=list)  # (thesaurus form found, the words searched for)

    def to_json(self) -> dict:
        """Plain text plus the marked snippet as `[[hit]]`-free text and (start, end) offsets of each hit in it."""
        plain, spans, pos = [], [], 0
        for i, part in enumerate(self.snippet.split("\x02")):
            if i == 0:
                plain.append(part); pos += len(part); continue
            hit, _, rest = part.partition("\x03")
            spans.append([pos, pos + len(hit)])
            plain.append(hit + rest); pos += len(hit) + len(rest)
        return {"call": self.call.to_json(), "speaker": self.speaker, "section": self.section,
                "position": self.position, "sentence_id": self.sentence_id, "text": self.text,
                "snippet": "".join(plain), "matches": spans,
                "matched": [{"form": f, "for": t} for f, t in dict.fromkeys(self.matched)]}


_CALL_COLS = ("id, company, ticker, fiscal_quarter, fiscal_year, call_date, title, source, version, "
              "n_turns, n_words, ingested_at, supersedes")


def _call(row: tuple) -> CallInfo:
    return CallInfo(*row)


def find_by_hash(db: Database, digest: str) -> CallInfo | None:
    """The stored call with this content hash, if any."""
    row = db.execute(f"select {_CALL_COLS} from transcripts where content_hash = ?", [digest]).fetchone()
    return _call(row) if row else None


def _company_key_for(db: Database, tr: Transcript) -> str | None:
    """The company a call belongs to: the one already stored under its ticker (a ticker outweighs a spelling:
    'Western Alliance' and 'Western Alliance Bank' are one company), else its normalised name, else the ticker."""
    if tr.ticker:
        row = db.execute("select company_key from transcripts where ticker = ? and company_key is not null "
                         "order by id desc limit 1", [tr.ticker]).fetchone()
        if row:
            return row[0]
    return company_key(tr.company) or (tr.ticker or "").lower() or None


def insert_call(db: Database, tr: Transcript, sentences: list[Sentence], digest: str, *, index: bool = True) -> CallInfo:
    """Store a parsed call with its turns, sentences and full-text rows. Call inside `write_transaction(db)` (storage.db).
    `index=False` leaves the full-text rows to a later `index_calls` in the same transaction (bulk ingest)."""
    key = _company_key_for(db, tr)
    prev = None
    if key and tr.fiscal_year:
        prev = db.execute(
            "select id, version from transcripts where company_key = ? and fiscal_year is ? and fiscal_quarter is ? "
            "order by version desc limit 1", [key, tr.fiscal_year, tr.fiscal_quarter]).fetchone()
    version = prev[1] + 1 if prev else 1
    n_words = sum(len(t.text.split()) for t in tr.turns)
    now = datetime.now(timezone.utc).isoformat(timespec="seconds")
    cur = db.execute(
        "insert into transcripts (title, company, company_key, ticker, fiscal_quarter, fiscal_year, call_date, source, "
        "preamble, content_hash, version, supersedes, n_turns, n_words, ingested_at) values (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
        [tr.title, tr.company, key, tr.ticker, tr.fiscal_quarter, tr.fiscal_year, tr.call_date, tr.source,
         tr.preamble, digest, version, prev[0] if prev else None, len(tr.turns), n_words, now])
    call_id = cur.lastrowid
    if key:
        _note_company(db, key, tr.company, tr.ticker, call_id)
    conn = db.conn
    conn.executemany(
        "insert into turns (transcript_id, idx, speaker, role, title, firm, section, text) values (?,?,?,?,?,?,?,?)",
        [(call_id, i, t.speaker, t.role, t.title, t.firm, t.section, t.text) for i, t in enumerate(tr.turns)])
    conn.executemany(
        "insert into sentences (transcript_id, turn_idx, position, text) values (?,?,?,?)",
        [(call_id, s.turn, s.position, s.text) for s in sentences])
    if index:
        index_calls(db, [call_id])
    return get_call_info(db, call_id)  # type: ignore[return-value]


def index_calls(db: Database, call_ids: list[int]) -> None:
    """The full-text rows of stored calls' sentences, in one statement read back from the rows written (external
    content). Bulk ingest indexes a batch's calls at once, after their savepoints: FTS5 writes its pending terms
    out as a new index segment at every savepoint, so indexing call by call made one segment per call and
    merging them cost more than the indexing itself."""
    if call_ids:
        db.conn.execute("insert into sentences_fts (rowid, text) select id, text from sentences where transcript_id in "
                        f"({','.join('?' * len(call_ids))}) order by id", call_ids)


def get_call_info(db: Database, call_id: int) -> CallInfo | None:
    """The call with this id, or None (also for a number too large to be a SQLite id)."""
    if not -(2**63) <= call_id < 2**63:
        return None
    row = db.execute(f"select {_CALL_COLS} from transcripts where id = ?", [call_id]).fetchone()
    return _call(row) if row else None


def get_call(db: Database, call_id: int) -> CallDetail | None:
    """A call with its turns, or None."""
    info = get_call_info(db, call_id)
    if info is None:
        return None
    rows = db.execute("select speaker, role, title, firm, section, text, idx from turns where transcript_id = ? "
                      "order by idx", [call_id]).fetchall()
    pre = db.execute("select preamble from transcripts where id = ?", [call_id]).fetchone()[0]
    later = db.execute("select max(id) from transcripts where supersedes = ?", [call_id]).fetchone()[0]
    return CallDetail(info, [TurnRow(*r) for r in rows], pre, later)


def get_sentences(db: Database, call_id: int) -> list[Sentence]:
    """The stored sentences of a call, in order."""
    return [Sentence(t, p, x) for t, p, x in db.execute(
        "select turn_idx, position, text from sentences where transcript_id = ? order by position", [call_id])]


def list_calls(db: Database, *, company_keys: list[str] | None = None, limit: int = 20, offset: int = 0,
               all_versions: bool = False) -> list[CallInfo]:
    """Most recent first (fiscal period, then ingest time); superseded versions only with `all_versions`."""
    conds, args = [], []
    if company_keys is not None:
        conds.append(f"company_key in ({','.join('?' * len(company_keys))})")
        args = list(company_keys)
    if not all_versions:
        conds.append("id not in (select supersedes from transcripts where supersedes is not null)")
    where = ("where " + " and ".join(conds)) if conds else ""
    rows = db.execute(
        f"select {_CALL_COLS} from transcripts {where} order by coalesce(fiscal_year, 0) desc, "
        f"coalesce(fiscal_quarter, 0) desc, id desc limit ? offset ?", args + [limit, offset]).fetchall()
    return [_call(r) for r in rows]


def _note_company(db: Database, key: str, name: str | None, ticker: str | None, call_id: int) -> None:
    """Keep the companies table in step with a call just stored: its latest non-empty name and ticker win."""
    db.execute(
        "insert into companies (key, name, name_key, ticker, first_id) values (?,?,?,?,?) on conflict(key) do update "
        "set name = coalesce(excluded.name, name), ticker = coalesce(excluded.ticker, ticker), "
        "name_key = case when excluded.name is null then name_key else excluded.name_key end",
        [key, name or None, company_key(name) or key, ticker or None, call_id])


class CompanyName(NamedTuple):
    """A stored company as look-ups see it: its key, latest name and ticker, and the name normalised."""

    key: str
    name: str | None
    ticker: str | None
    name_key: str

    @property
    def row(self) -> tuple[str, str | None, str | None]:
        return self[:3]  # type: ignore[return-value]


def _company_names(db: Database, where: str = "", args: tuple = ()) -> list[CompanyName]:
    rows = db.execute(f"select key, name, ticker, name_key from companies {where} order by first_id", list(args))
    # name_key is NULL only after a deleted call refreshed the row (see migration m007): computed here then
    return [CompanyName(k, n, t, nk or company_key(n) or k) for k, n, t, nk in rows]


def company_names(db: Database) -> list[tuple[str, str | None, str | None]]:
    """(company_key, company, ticker) for every stored company; the name and ticker as its latest call gives them."""
    return [c.row for c in _company_names(db)]


def all_companies(db: Database) -> list[CompanyName]:
    """Every stored company, in the order of their first call (one row each, from the companies table)."""
    return _company_names(db)


def companies_with_ticker(db: Database, ticker: str) -> list[CompanyName]:
    """The companies whose latest ticker is `ticker`, case folded (an index look-up)."""
    return _company_names(db, "where lower(ticker) = lower(?)", (ticker,))


def companies_named(db: Database, key: str) -> list[CompanyName]:
    """The companies whose key or normalised latest name is `key` (an index look-up)."""
    found = _company_names(db, "where key = ? or name_key = ? or name_key is null", (key, key))
    return [c for c in found if key in (c.key, c.name_key)]


def list_companies(db: Database, *, calls_per_company: int = 100) -> list[CompanyInfo]:
    """Every stored company (by name) with the latest version of its calls, most recent first; two queries in all."""
    by_key: dict[str, list[CallInfo]] = {}
    rows = db.execute(
        f"select company_key, {_CALL_COLS} from transcripts where company_key is not null and id not in "
        f"(select supersedes from transcripts where supersedes is not null) "
        f"order by coalesce(fiscal_year, 0) desc, coalesce(fiscal_quarter, 0) desc, id desc")
    for key, *rest in rows:
        calls = by_key.setdefault(key, [])
        if len(calls) < calls_per_company:
            calls.append(_call(tuple(rest)))
    out = [CompanyInfo(name or ticker or key, ticker, by_key.get(key, []), key) for key, name, ticker in company_names(db)]
    return sorted(out, key=lambda c: c.company.lower())


class StoredCheck:
    """Whether a content hash is stored already, over a read-only connection of its own (never the writer's)."""

    def __init__(self, db_path: str | None) -> None:
        self.db_path = db_path
        self.conn: sqlite3.Connection | None = None

    def __call__(self, digest: str) -> bool:
        if not self.db_path:
            return False
        try:
            if self.conn is None:
                if not Path(self.db_path).is_file():
                    return False
                self.conn = sqlite3.connect(f"file:{self.db_path}?mode=ro", uri=True, timeout=5.0)
            return self.conn.execute("SELECT 1 FROM transcripts WHERE content_hash = ?", [digest]).fetchone() is not None
        except sqlite3.Error:  # no tables yet, or unreadable: analyse, and let the writer decide
            return False

    def close(self) -> None:
        if self.conn is not None:
            self.conn.close()
            self.conn = None


@dataclass
class Removed:
    """What deleting a call removed: its rows in each table (sentences also leave the search index)."""

    call: CallInfo
    turns: int = 0
    sentences: int = 0
    analyses: int = 0
    alerts: int = 0  # queued alerts about it, not yet sent

    def to_json(self) -> dict:
        return {"call": self.call.to_json(), "turns": self.turns, "sentences": self.sentences, "analyses": self.analyses,
                "pending_alerts": self.alerts}


def counts_for(db: Database, call_id: int) -> Removed | None:
    """What `delete_call` would remove (for a confirmation), or None when there is no such call."""
    info = get_call_info(db, call_id)
    if info is None:
        return None
    one = lambda sql: db.execute(sql, [call_id]).fetchone()[0]  # noqa: E731
    return Removed(info, one("select count(*) from turns where transcript_id = ?"),
                   one("select count(*) from sentences where transcript_id = ?"),
                   one("select count(*) from analyses where transcript_id = ?"),
                   one("select count(*) from outbox where call_id = ? and status = 'pending'"))


def _unlink(db: Database, call_id: int) -> None:
    """A later version that superseded this call now supersedes what this call superseded (the chain stays whole)."""
    db.execute("update transcripts set supersedes = (select supersedes from transcripts where id = ?) where supersedes = ?",
               [call_id, call_id])


def delete_call(db: Database, call_id: int) -> Removed | None:
    """Remove a call: its turns, sentences and their search rows, its analyses and the alerts about it still queued.
    Nothing else: sent messages, subscriptions and other calls stay (a later version of it becomes the latest's
    successor of what it superseded). Call inside `write_transaction(db)`; None when there is no such call."""
    found = counts_for(db, call_id)
    if found is None:
        return None
    db.execute("insert into sentences_fts (sentences_fts, rowid, text) select 'delete', id, text from sentences "
               "where transcript_id = ?", [call_id])
    for table, col in (("sentences", "transcript_id"), ("turns", "transcript_id"), ("analyses", "transcript_id")):
        db.execute(f"delete from {table} where {col} = ?", [call_id])
    db.execute("delete from outbox where call_id = ? and status = 'pending'", [call_id])
    _unlink(db, call_id)
    db.execute("delete from transcripts where id = ?", [call_id])  # the companies row follows by trigger (m007)
    return found


_EDITABLE = ("company", "ticker", "fiscal_quarter", "fiscal_year", "call_date", "title")


def update_call_meta(db: Database, call_id: int, **values: object) -> CallInfo:
    """Re-point a call: new company, ticker, fiscal period, date or title (None clears a field). The call becomes
    the latest version of its new company and period, the calls it superseded are left where they were, and the
    companies table follows for both the old and the new company. Call inside `write_transaction(db)`."""
    bad = set(values) - set(_EDITABLE)
    if bad:
        raise ValueError(f"not an editable field: {sorted(bad)}")
    old = get_call_info(db, call_id)
    if old is None:
        raise LookupError(call_id)
    row = dict(zip(_EDITABLE, (getattr(old, k) for k in _EDITABLE)))
    row.update(values)
    tr = Transcript(title=row["title"], company=row["company"], ticker=row["ticker"],  # type: ignore[arg-type]
                    fiscal_quarter=row["fiscal_quarter"], fiscal_year=row["fiscal_year"], call_date=row["call_date"])  # type: ignore[arg-type]
    old_key = db.execute("select company_key from transcripts where id = ?", [call_id]).fetchone()[0]
    db.execute("update transcripts set company_key = null, fiscal_year = null, fiscal_quarter = null where id = ?", [call_id])
    key = _company_key_for(db, tr)
    _unlink(db, call_id)
    prev = None
    if key and tr.fiscal_year:
        prev = db.execute(
            "select id, version from transcripts where company_key = ? and fiscal_year is ? and fiscal_quarter is ? "
            "and id != ? and id not in (select supersedes from transcripts where supersedes is not null) "
            "order by version desc, id desc limit 1", [key, tr.fiscal_year, tr.fiscal_quarter, call_id]).fetchone()
    db.execute("update transcripts set title = ?, company = ?, company_key = ?, ticker = ?, fiscal_quarter = ?, fiscal_year = ?, "
               "call_date = ?, version = ?, supersedes = ? where id = ?",
               [tr.title, tr.company, key, tr.ticker, tr.fiscal_quarter, tr.fiscal_year, tr.call_date,
                prev[1] + 1 if prev else 1, prev[0] if prev else None, call_id])
    if key:
        _note_company(db, key, tr.company, tr.ticker, call_id)
        db.execute("update companies set first_id = (select min(id) from transcripts where company_key = ?) where key = ?",
                   [key, key])
    if old_key and old_key != key:
        _refresh_company(db, old_key)
    return get_call_info(db, call_id)  # type: ignore[return-value]


def _refresh_company(db: Database, key: str) -> None:
    """A company whose calls changed: gone when it has none left, else its latest name and ticker (as m007's trigger)."""
    if not db.execute("select 1 from transcripts where company_key = ? limit 1", [key]).fetchone():
        db.execute("delete from companies where key = ?", [key])
        return
    db.execute(
        "update companies set name = (select company from transcripts where company_key = ? and company <> '' order by id desc limit 1), "
        "ticker = (select ticker from transcripts where company_key = ? and ticker <> '' order by id desc limit 1), "
        "first_id = (select min(id) from transcripts where company_key = ?), name_key = null where key = ?",
        [key, key, key, key])
