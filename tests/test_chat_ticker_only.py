"""A call stored with a ticker but no company name (Motley Fool JSON whose text never names the company, the
dataset's usual case): /latest and /companies name it by its ticker, never 'call 7' or a lower-case key."""
from __future__ import annotations

import json
from pathlib import Path

from tests.test_bot_chat import chat

CALL = {"prepared_remarks": [
    {"speaker": "Operator", "speech": "Good day and welcome to the third quarter earnings call. Please go ahead."},
    {"speaker": "Dana Holt", "speech": "Thank you. Revenue was $120 million, up 8% from a year ago. "
                                       "Gross margin was 41%. We expect full-year revenue of $480 million."}],
    "q_and_a": [{"speaker": "Lee Park", "speech": "How is pricing holding up?"},
                {"speaker": "Dana Holt", "speech": "Pricing held up well across our regions this quarter."}],
    "participants": ["Dana Holt--Chief Executive Officer", "Lee Park--Acme Securities -- Analyst"]}


def test_ticker_only_call_is_named_by_its_ticker(tmp_path: Path) -> None:
    from bot.ops.ingest import ingest_bytes
    from storage.db import open_db

    db_path = tmp_path / "t.db"
    db = open_db(db_path)
    info = ingest_bytes(db, json.dumps(CALL).encode(), "ZQX_q3_2021.json").call
    db.close()
    assert info.company is None and info.ticker == "ZQX"
    out = chat(db_path, "/latest", "/companies")
    assert f"ZQX Q3 2021 · #{info.id}" in out and f"call {info.id}" not in out
    assert "• ZQX: Q3 2021" in out and "zqx" not in out


def test_a_numeric_ticker_finds_its_call_when_no_call_has_that_id(tmp_path: Path) -> None:
    """HKEX tickers are numbers (3391): '/summary 3391' looked for call #3391 only."""
    from bot.ops.calls import resolve_call
    from bot.ops.ingest import ingest_bytes
    from storage.db import open_db

    lumora = Path(__file__).parent / "data" / "layouts" / "lumora-q3-2025-news-qa.txt"
    db = open_db(tmp_path / "t.db")
    info = ingest_bytes(db, lumora.read_bytes(), lumora.name).call
    assert info.ticker == "3391"
    assert resolve_call(db, "3391").id == info.id
    assert resolve_call(db, str(info.id)).id == info.id  # an id still wins
    db.close()
    out = chat(tmp_path / "t.db", "/summary 3391", "/summary 3392")
    assert "Lumora" in out and "No call with id 3392" in out
