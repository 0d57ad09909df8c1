"""Storage: schema, round trips, content hashing, duplicates and versions, company keys, safe full-text search."""
from __future__ import annotations

import string

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from storage import transcripts as store
from storage.db import open_db
from storage import search as fts
from storage.search import fts_query
from summarizer.model import Sentence, Transcript, Turn, sentences_of


def make_call(company: str = "Northwind Robotics", q: int | None = 2, y: int | None = 2025, extra: str = "") -> Transcript:
    return Transcript(
        title=f"{company} Q{q} {y} call", company=company, ticker="".join(w[0] for w in (company or "X").upper().split()), fiscal_quarter=q, fiscal_year=y,
        call_date="2025-08-06", source="test",
        turns=[
            Turn("Operator", "operator", None, None, "prepared", "Good day and welcome to the call."),
            Turn("Dana Whitfield", "executive", "CFO", None, "prepared",
                 "Revenue grew 14% to $182.4 million. Gross margins expanded by 120 basis points." + extra),
            Turn("Rachel Okafor", "analyst", None, "Marlow Brothers", "qa", "How should we think about supply chain risk?"),
            Turn("Dana Whitfield", "executive", "CFO", None, "qa", "The supply chain is stable. We doubled our suppliers."),
        ])


def put(db, tr: Transcript) -> store.CallInfo:
    sents = sentences_of(tr)
    with db.atomic():
        return store.insert_call(db, tr, sents, store.content_hash(tr))


def test_migrations_create_the_expected_columns(db) -> None:
    assert db["transcripts"].columns_dict == {
        "id": int, "title": str, "company": str, "company_key": str, "ticker": str, "fiscal_quarter": int,
        "fiscal_year": int, "call_date": str, "source": str, "preamble": str, "content_hash": str, "version": int,
        "supersedes": int, "n_turns": int, "n_words": int, "ingested_at": str}
    assert db["turns"].columns_dict == {"id": int, "transcript_id": int, "idx": int, "speaker": str, "role": str,
                                        "title": str, "firm": str, "section": str, "text": str}
    assert db["sentences"].columns_dict == {"id": int, "transcript_id": int, "turn_idx": int, "position": int, "text": str}
    assert "sentences_fts" in db.table_names()
    assert db.execute("pragma journal_mode").fetchone()[0] == "wal"


def test_reopening_applies_no_migration_twice(db_path) -> None:
    a = open_db(db_path)
    put(a, make_call())
    a.close()
    b = open_db(db_path)
    assert b["transcripts"].count == 1
    b.close()


texts = st.text(alphabet=string.ascii_letters + string.digits + " .,?!'$%-éü中\n", min_size=1, max_size=300).filter(
    lambda s: s.strip())
turns = st.builds(Turn, speaker=st.text(alphabet=string.ascii_letters + " .", min_size=1, max_size=30),
                  role=st.sampled_from(["executive", "analyst", "operator", "other"]),
                  title=st.none() | st.text(max_size=20), firm=st.none() | st.text(max_size=20),
                  section=st.sampled_from(["prepared", "qa"]), text=texts)
transcripts = st.builds(Transcript, title=st.none() | st.text(max_size=60), company=st.none() | st.text(max_size=40),
                        ticker=st.none() | st.text(alphabet=string.ascii_uppercase, min_size=1, max_size=5),
                        fiscal_quarter=st.none() | st.integers(1, 4), fiscal_year=st.none() | st.integers(1990, 2035),
                        call_date=st.none() | st.dates().map(str), source=st.none() | st.text(max_size=30),
                        turns=st.lists(turns, min_size=1, max_size=6), preamble=st.none() | texts)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(tr=transcripts)
def test_a_stored_call_reads_back_the_same(db, tr: Transcript) -> None:
    from bot.ops.calls import load_transcript

    sents = sentences_of(tr)
    digest = store.content_hash(tr)
    existing = store.find_by_hash(db, digest)
    if existing:  # hypothesis may repeat an example: then it is a duplicate, which the store must find
        return
    with db.atomic():
        info = store.insert_call(db, tr, sents, digest)
    back, back_sents = load_transcript(db, info.id)
    assert back.to_json() == tr.to_json()
    assert back_sents == sents
    assert info.n_turns == len(tr.turns)
    assert info.n_words == sum(len(t.text.split()) for t in tr.turns)
    fts_rows = db.execute("select count(*) from sentences_fts where rowid in (select id from sentences where transcript_id = ?)",
                          [info.id]).fetchone()[0]
    assert fts_rows == len(sents)


def test_content_hash_ignores_whitespace_bom_and_metadata_but_not_words() -> None:
    a = make_call()
    b = make_call()
    b.turns[1].text = "\ufeff  " + b.turns[1].text.replace(" ", "\n  ") + "\r\n"
    b.source, b.title = "other.html", "Another title"
    assert store.content_hash(a) == store.content_hash(b)
    c = make_call(extra=" One more sentence.")
    assert store.content_hash(a) != store.content_hash(c)
    d = make_call()
    d.turns[2].speaker = "Someone Else"
    assert store.content_hash(a) != store.content_hash(d)


def test_unique_hash_refuses_a_second_copy(db) -> None:
    import sqlite3

    import pytest

    tr = make_call()
    put(db, tr)
    with pytest.raises(sqlite3.IntegrityError):
        put(db, tr)
    assert db["transcripts"].count == 1


def test_new_text_for_the_same_company_and_quarter_is_the_next_version(db) -> None:
    v1 = put(db, make_call())
    v2 = put(db, make_call(company="Northwind Robotics Inc.", extra=" Corrected."))
    v3 = put(db, make_call(company="NORTHWIND ROBOTICS", extra=" Corrected again."))
    other_q = put(db, make_call(q=3, extra=" Q3."))
    assert (v1.version, v2.version, v3.version, other_q.version) == (1, 2, 3, 1)
    assert (v2.supersedes, v3.supersedes, other_q.supersedes) == (v1.id, v2.id, None)
    assert v2.label.endswith("(v2)")
    listed = store.list_calls(db)
    assert [c.id for c in listed] == [other_q.id, v3.id]  # superseded versions hidden
    assert {c.id for c in store.list_calls(db, all_versions=True)} == {v1.id, v2.id, v3.id, other_q.id}


def test_calls_without_a_period_are_never_versions(db) -> None:
    a = put(db, make_call(q=None, y=None))
    b = put(db, make_call(q=None, y=None, extra=" Different."))
    assert a.version == b.version == 1 and b.supersedes is None


def test_company_key_folds_case_and_legal_suffixes() -> None:
    for name in ("Xiaomi", "XIAOMI", "xiaomi", "Xiaomi Corp", "Xiaomi Corp.", "Xiaomi Group", "Xiaomi Holdings Ltd",
                 "Xiaomi, Inc.", "The Xiaomi Company"):
        assert store.company_key(name) == "xiaomi", name
    assert store.company_key("Procter & Gamble Co") == "procter gamble"
    assert store.company_key(None) is None
    assert store.company_key("Group") == "group"  # a name made only of suffixes keeps them


def test_get_call_gives_turn_rows_with_their_index(db) -> None:
    info = put(db, make_call())
    d = store.get_call(db, info.id)
    assert [t.idx for t in d.turns] == [0, 1, 2, 3]
    assert d.turns[2].firm == "Marlow Brothers" and d.turns[2].section == "qa"
    assert d.to_json()["turns"][1]["speaker"] == "Dana Whitfield"
    assert store.get_call(db, 999) is None


# --- search ---------------------------------------------------------------------------------------------

HOSTILE = ['"', '"unbalanced', "AND AND", "OR", "NOT", "*", "NEAR(", "NEAR(a b", "a NEAR/3 b", "col:revenue",
           "text:revenue", "^revenue", "(revenue", "revenue)", "{text}: x", "-", "--", "- revenue", "🙂", "🙂 margin",
           "x" * 4000, "revenue " * 700, "'", "\\", "%", "_", "\x00", "a\x00b", "'; drop table sentences; --",
           "+", "&&", "||", "revenue OR", "OR revenue", "NOT revenue", "revenue NOT", "\"\"", "**", "a*b*", "$1.5",
           "U.S.", "Q4.", "e-commerce", "ø"]


def test_fts_query_quotes_every_term() -> None:
    assert fts_query("supply chain") == '"supply" "chain"'
    assert fts_query('"gross margin" OR revenue') == '"gross margin" OR "revenue"'
    assert fts_query("margin -china") == '"margin" NOT "china"'
    assert fts_query("manufact*") == '"manufact"*'
    assert fts_query("U.S. $1.5") == '"U S" "1 5"'
    assert fts_query("AND OR NOT * ( ) :") is None


def test_a_leading_exclusion_excludes_and_never_looks_for_the_word() -> None:
    assert fts_query("-china margin") == '"margin" NOT "china"'
    assert fts_query("NOT china margin") == '"margin" NOT "china"'
    assert fts_query("-a -b c d") == '"c" NOT "a" NOT "b" "d"'
    assert fts_query("-margin") is None and fts_query("NOT margin") is None  # nothing to look for
    assert fts_query('revenue -"gross margin"') == '"revenue" NOT "gross margin"'  # a minus before a phrase, as /track
    assert fts_query('-"gross margin" revenue') == '"revenue" NOT "gross margin"'
    assert fts_query('="gross margin" -"capex"') == '"gross margin" NOT "capex"'
    assert fts_query(" ".join(f"-w{i}" for i in range(100)) + " x").count("NOT") == 32


def test_search_minus_word_finds_no_sentence_with_it(db) -> None:
    put(db, make_call())
    assert fts.search(db, "revenue")
    assert not fts.search(db, "-revenue")
    assert all("revenue" not in h.snippet.lower() for h in fts.search(db, "-revenue growth"))


def _search_or_too_broad(db, q: str, **kw):  # type: ignore[no-untyped-def]
    """Any text is safe: hits, or the one-line refusal of a too broad prefix search (issue 14's bound)."""
    try:
        return fts.search(db, q, **kw)
    except fts.SearchTooBroad as e:
        assert "\n" not in str(e) and "*" in q
        return []


def test_any_query_text_is_safe(db) -> None:
    put(db, make_call())
    for q in HOSTILE:
        hits = _search_or_too_broad(db, q)
        assert isinstance(hits, list), q


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(q=st.text(max_size=80))
def test_random_query_text_never_raises(db, q: str) -> None:
    if not db["transcripts"].count:
        put(db, make_call())
    _search_or_too_broad(db, q, company_keys=["northwind robotics"], speaker=q[:5] or None, section="qa")
    _search_or_too_broad(db, q)


def test_search_ranks_marks_and_filters(db) -> None:
    nw = put(db, make_call())
    put(db, make_call(company="Halcyon Foods", extra=" Supply chain costs eased in the supply chain of the supply chain."))
    hits = fts.search(db, "supply chain")
    assert hits and all("\x02" in h.snippet and "\x03" in h.snippet for h in hits)
    assert "supply" in hits[0].text.lower()
    only_nw = fts.search(db, "supply chain", company_keys=["northwind robotics"])
    assert {h.call.id for h in only_nw} == {nw.id}
    qa = fts.search(db, "supply", section="qa")
    assert qa and all(h.section == "qa" for h in qa)
    by_rachel = fts.search(db, "supply", speaker="okafor")
    assert by_rachel and {h.speaker for h in by_rachel} == {"Rachel Okafor"}
    assert fts.search(db, "margins") and fts.search(db, "margin")  # stemming both ways
    assert fts.search(db, "doubled suppliers")[0].text == "We doubled our suppliers."
    assert fts.search(db, "supply -stable", company_keys=["northwind robotics"])[0].speaker == "Rachel Okafor"


def test_search_paging_and_limit(db) -> None:
    for i in range(6):
        put(db, make_call(company=f"Company {i}", extra=f" Supply item {i}."))
    first = fts.search(db, "supply", limit=3)
    second = fts.search(db, "supply", limit=3, offset=3)
    assert len(first) == 3 and len(second) == 3
    assert not {h.sentence_id for h in first} & {h.sentence_id for h in second}


def test_search_skips_superseded_versions(db) -> None:
    v1 = put(db, make_call())
    v2 = put(db, make_call(extra=" Corrected."))
    ids = {h.call.id for h in fts.search(db, "revenue grew")}
    assert ids == {v2.id}
    assert {h.call.id for h in fts.search(db, "revenue grew", all_versions=True)} == {v1.id, v2.id}


def test_search_hit_json_gives_plain_snippet_and_match_offsets(db) -> None:
    put(db, make_call())
    hit = fts.search(db, "supply chain")[0]
    data = hit.to_json()
    assert "\x02" not in data["snippet"] and data["matches"]
    for start, end in data["matches"]:
        assert data["snippet"][start:end].lower() in ("supply", "chain")


def test_sentences_keep_turn_and_position(db) -> None:
    tr = make_call()
    info = put(db, tr)
    sents = store.get_sentences(db, info.id)
    assert [s.position for s in sents] == list(range(len(sents)))
    assert sents[0] == Sentence(0, 0, "Good day and welcome to the call.")
    assert {s.turn for s in sents} == {0, 1, 2, 3}


def test_a_ticker_keeps_one_company_across_spellings(db) -> None:
    a = make_call(company="Western Alliance")
    b = make_call(company="Western Alliance Bank", extra=" Edited.")
    c = make_call(company=None, q=3, extra=" Q3.")  # type: ignore[arg-type]
    for tr in (a, b, c):
        tr.ticker = "WAL"
    ia, ib, ic = put(db, a), put(db, b), put(db, c)
    assert (ib.version, ib.supersedes) == (2, ia.id)
    assert store.company_names(db) == [("western alliance", "Western Alliance Bank", "WAL")]
    assert [x.id for x in store.list_companies(db)[0].calls] == [ic.id, ib.id]


def test_labels_drop_the_legal_form_and_mark_versions(db) -> None:
    assert store.short_name("Northwind Robotics Inc.") == "Northwind Robotics"
    assert store.short_name("Banco Santander, S.A.") == "Banco Santander"
    assert store.short_name("The Western Union Company") == "The Western Union Company"
    assert store.short_name("Inc") == "Inc"
    a = put(db, make_call(company="Northwind Robotics Inc"))
    assert a.label == "Northwind Robotics Q2 2025"
    b = put(db, make_call(company="Northwind Robotics Inc", extra=" Edited."))
    assert b.label == "Northwind Robotics Q2 2025 (v2)"


def test_filters_find_a_rare_speaker_among_many_matches(db) -> None:
    tr = make_call()
    tr.turns[0].text = " ".join(f"Supply item number {i} is on schedule." for i in range(400))
    tr.turns.append(Turn("Zed Quill", "analyst", None, "Quill Partners", "qa", "Supply is my worry, and the item count too."))
    put(db, tr)
    hits = fts.search(db, "supply item", speaker="quill")
    assert [h.speaker for h in hits] == ["Zed Quill"]
    qa = fts.search(db, "supply item", section="qa", limit=5)
    assert qa and {h.section for h in qa} == {"qa"}


def test_company_search_covers_every_call_and_no_other(db) -> None:
    ids = {}
    for i, company in enumerate(["Acme Tools", "Bolt Works", "Acme Tools", "Acme Tools", "Bolt Works"]):
        ids.setdefault(company, set()).add(put(db, make_call(company=company, q=None, y=2000 + i, extra=f" Widget {i}.")).id)
    hits = fts.search(db, "widget", company_keys=["acme tools"], limit=20)
    assert {h.call.id for h in hits} == ids["Acme Tools"]
    hits = fts.search(db, "widget", company_keys=["bolt works"], limit=20)
    assert {h.call.id for h in hits} == ids["Bolt Works"]
