"""Calls, their turns and sentences: storing a parsed call, reading it back, listing, companies, search."""
from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass, field
from datetime import datetime, timezone

from sqlite_utils import Database

from summarizer.model import Sentence, Transcript, Turn

_SUFFIXES = frozenset(
    "inc incorporated corp corporation co company group holdings holding ltd limited plc llc lp sa ag nv se the "
    "technologies technology intl international".split())


def company_key(name: str | None) -> str | None:
    """A normalised company name for look-ups: 'Xiaomi Corp.' and 'XIAOMI' both give 'xiaomi'."""
    if not name:
        return None
    words = re.findall(r"[a-z0-9]+", name.lower().replace("'s", "").replace("’s", ""))
    kept = [w for w in words if w not in _SUFFIXES]
    return " ".join(kept or words) or None


def content_hash(tr: Transcript) -> str:
    """sha256 over what was said and by whom (whitespace folded), so re-saved copies of a call are duplicates."""
    body = {
        "preamble": " ".join((tr.preamble or "").split()),
        "turns": [[t.speaker, " ".join(t.text.split())] for t in tr.turns],
    }
    return hashlib.sha256(json.dumps(body, ensure_ascii=False, sort_keys=True).encode()).hexdigest()


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
        name = self.company or self.ticker or (self.title[:40] if self.title else f"call {self.id}")
        parts = [name] + ([self.period] if self.period else [])
        if self.version > 1:
            parts.append(f"(v{self.version})")
        return " ".join(parts)

    def to_json(self) -> dict:
        d = {k: getattr(self, k) for k in self.__dataclass_fields__}
        d["label"] = self.label
        return d


@dataclass
class CallDetail:
    """A call with its turns."""

    call: CallInfo
    turns: list[Turn] = field(default_factory=list)
    preamble: str | None = None


@dataclass
class CompanyInfo:
    """A company and the periods stored for it."""

    company: str
    ticker: str | None
    calls: list[CallInfo]


@dataclass
class SearchHit:
    """A sentence matching a search; `snippet` marks hits with \\x02 ... \\x03."""

    call: CallInfo
    speaker: str | None
    section: str | None
    position: int
    snippet: str
    text: str


_CALL_COLS = ("id, company, ticker, fiscal_quarter, fiscal_year, call_date, title, source, version, "
              "n_turns, n_words, ingested_at, supersedes")


def _call(row: tuple) -> CallInfo:
    return CallInfo(*row)


def find_by_hash(db: Database, digest: str) -> CallInfo | None:
    """The stored call with this content hash, if any."""
    row = db.execute(f"select {_CALL_COLS} from transcripts where content_hash = ?", [digest]).fetchone()
    return _call(row) if row else None


def insert_call(db: Database, tr: Transcript, sentences: list[Sentence], digest: str) -> CallInfo:
    """Store a parsed call with its turns, sentences and full-text rows. Call inside `db.atomic()`."""
    key = company_key(tr.company) or (tr.ticker or "").lower() or None
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
    conn = db.conn
    conn.executemany(
        "insert into turns (transcript_id, idx, speaker, role, title, firm, section, text) values (?,?,?,?,?,?,?,?)",
        [(call_id, i, t.speaker, t.role, t.title, t.firm, t.section, t.text) for i, t in enumerate(tr.turns)])
    first = conn.execute("select coalesce(max(id), 0) from sentences").fetchone()[0] + 1
    conn.executemany(
        "insert into sentences (id, transcript_id, turn_idx, position, text) values (?,?,?,?,?)",
        [(first + i, call_id, s.turn, s.position, s.text) for i, s in enumerate(sentences)])
    conn.executemany("insert into sentences_fts (rowid, text) values (?, ?)",
                     [(first + i, s.text) for i, s in enumerate(sentences)])
    return get_call_info(db, call_id)  # type: ignore[return-value]


def get_call_info(db: Database, call_id: int) -> CallInfo | None:
    row = db.execute(f"select {_CALL_COLS} from transcripts where id = ?", [call_id]).fetchone()
    return _call(row) if row else None


def get_call(db: Database, call_id: int) -> CallDetail | None:
    """A call with its turns, or None."""
    info = get_call_info(db, call_id)
    if info is None:
        return None
    rows = db.execute("select speaker, role, title, firm, section, text from turns where transcript_id = ? order by idx",
                      [call_id]).fetchall()
    pre = db.execute("select preamble from transcripts where id = ?", [call_id]).fetchone()[0]
    return CallDetail(info, [Turn(*r) for r in rows], pre)


def get_sentences(db: Database, call_id: int) -> list[Sentence]:
    """The stored sentences of a call, in order."""
    return [Sentence(t, p, x) for t, p, x in db.execute(
        "select turn_idx, position, text from sentences where transcript_id = ? order by position", [call_id])]


def list_calls(db: Database, *, company_keys: list[str] | None = None, limit: int = 20, offset: int = 0) -> list[CallInfo]:
    """Most recent first (fiscal period, then ingest time)."""
    where, args = "", []
    if company_keys is not None:
        where = f"where company_key in ({','.join('?' * len(company_keys))})"
        args = list(company_keys)
    rows = db.execute(
        f"select {_CALL_COLS} from transcripts {where} order by coalesce(fiscal_year, 0) desc, "
        f"coalesce(fiscal_quarter, 0) desc, id desc limit ? offset ?", args + [limit, offset]).fetchall()
    return [_call(r) for r in rows]


def company_names(db: Database) -> list[tuple[str, str | None, str | None]]:
    """(company_key, company, ticker) for every stored company."""
    return [tuple(r) for r in db.execute(
        "select company_key, max(company), max(ticker) from transcripts where company_key is not null group by company_key")]


def fts_query(text: str) -> str | None:
    """User text to a safe FTS5 query. Words and "quoted phrases" are quoted (FTS syntax never leaks);
    AND is implied, OR and NOT (or a leading -) work between terms."""
    out: list[str] = []
    pending_op: str | None = None
    for phrase, word, minus in re.findall(r'"([^"]*)"|(-?\w[\w\'’]*)|(-)', text[:1000]):
        if word in ("AND", "&&"):
            continue
        if word in ("OR", "NOT"):
            pending_op = word if out else None
            continue
        neg = word.startswith("-")
        words = re.findall(r"\w+", phrase if phrase else word)
        if not words:
            continue
        term = '"' + " ".join(words) + '"'
        if out and (pending_op or neg):
            out.append("NOT" if neg else pending_op)  # type: ignore[arg-type]
        out.append(term)
        pending_op = None
        if len(out) >= 64:
            break
    return " ".join(out) or None


def search(db: Database, query: str, *, company_keys: list[str] | None = None, speaker: str | None = None,
           section: str | None = None, limit: int = 10, offset: int = 0) -> list[SearchHit]:
    """Sentences matching `query`, best first (bm25), with marked snippets."""
    q = fts_query(query)
    if not q:
        return []
    where = ["sentences_fts match ?"]
    args: list = [q]
    if company_keys is not None:
        where.append(f"t.company_key in ({','.join('?' * len(company_keys))})")
        args += company_keys
    if speaker:
        where.append("u.speaker like ?")
        args.append(f"%{speaker}%")
    if section:
        where.append("u.section = ?")
        args.append(section)
    cols = ", ".join("t." + c.strip() for c in _CALL_COLS.split(","))
    sql = (f"select {cols}, u.speaker, u.section, s.position, "
           f"snippet(sentences_fts, 0, char(2), char(3), '…', 24), s.text "
           f"from sentences_fts join sentences s on s.id = sentences_fts.rowid "
           f"join transcripts t on t.id = s.transcript_id "
           f"left join turns u on u.transcript_id = s.transcript_id and u.idx = s.turn_idx "
           f"where {' and '.join(where)} order by bm25(sentences_fts) limit ? offset ?")
    rows = db.execute(sql, args + [limit, offset]).fetchall()
    n = len(_CALL_COLS.split(","))
    return [SearchHit(_call(r[:n]), r[n], r[n + 1], r[n + 2], r[n + 3], r[n + 4]) for r in rows]
